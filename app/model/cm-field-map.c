/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include "cm-config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cm-field-map.h"
#include "cm-json-reader.h"
#include "cm-memory.h"

static const char * const role_words[CM_N_ROLES] = {
  "date", "end", "time", "tz", "lat", "lon", "place", "title", "category", "summary", "url",
};

/* Column names per role, best first, compared without case, spaces,
 * '_' or '-'. Documented in dataset-format.md, "Importing". */
static const char * const date_names[] = {
  "date", "datetime", "timestamp", "time", "start", "startdate", "begin", "when", "year",
  "日期", "时间", "开始", "开始日期", "开始时间", "年份", "年", NULL,
};
static const char * const end_names[] = {
  "end", "enddate", "endtime", "until", "stop", "finish", "结束", "结束日期", "结束时间", NULL,
};
static const char * const zone_names[] = { "tz", "timezone", "zone", "时区", NULL };
static const char * const lat_names[] = { "lat", "latitude", "y", "纬度", NULL };
static const char * const lon_names[] = { "lon", "lng", "long", "longitude", "x", "经度", NULL };
static const char * const place_names[] = {
  "place", "location", "city", "locality", "site", "address", "epicenter", "region", "country",
  "地点", "城市", "地区", "位置", "地址", NULL,
};
static const char * const title_names[] = {
  "title", "headline", "name", "event", "label", "subject", "标题", "名称", "事件", "名字", NULL,
};
static const char * const category_names[] = {
  "category", "type", "group", "kind", "class", "类别", "分类", "类型", NULL,
};
static const char * const summary_names[] = {
  "summary", "description", "desc", "text", "details", "notes", "摘要", "描述", "内容", "说明", NULL,
};
static const char * const url_names[] = { "url", "link", "href", "website", "链接", "网址", NULL };

static const char * const * const role_names[CM_N_ROLES] = {
  date_names, end_names, NULL, zone_names, lat_names, lon_names, place_names, title_names,
  category_names, summary_names, url_names,
};

/* Calendars other than the Gregorian: a column named so is never read as
 * Gregorian dates without being chosen. */
static const char * const other_calendars[] = {
  "bs", "bikram", "sambat", "nepali", "hijri", "islamic", "ah", "jalali", "shamsi", "persian",
  "hebrew", "lunar", "农历", "阴历", "be", "buddhist", "thai", "minguo", "民国", NULL,
};

/* The TimelineJS Google Sheets template. */
enum { TJS_YEAR, TJS_MONTH, TJS_DAY, TJS_TIME, TJS_END_YEAR, TJS_END_MONTH, TJS_END_DAY, TJS_END_TIME,
       TJS_DISPLAY, TJS_TYPE };
static const char * const tjs_names[10] = {
  "year", "month", "day", "time", "endyear", "endmonth", "endday", "endtime", "displaydate", "type",
};

const char *
cm_role_to_string (CmRole role)
{
  g_return_val_if_fail (role < CM_N_ROLES, NULL);
  return role_words[role];
}

void
cm_import_options_clear (CmImportOptions *options)
{
  for (guint i = 0; i < CM_N_ROLES; i++)
    g_clear_pointer (&options->columns[i], g_free);
  g_clear_pointer (&options->zone, g_free);
  g_clear_pointer (&options->encoding, g_free);
  g_clear_pointer (&options->sheet, g_free);
}

/* Tables ------------------------------------------------------------------ */

typedef struct
{
  guint32 column;
  CmCell  cell;
} Entry;

void
cm_table_init (CmTable    *table,
               const char *data)
{
  memset (table, 0, sizeof *table);
  table->names = g_ptr_array_new_with_free_func (g_free);
  table->data = data;
  table->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  table->row_first = g_array_new (FALSE, FALSE, sizeof (guint));
  table->row_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  table->arena = g_string_new (NULL);
}

void
cm_table_clear (CmTable *table)
{
  g_clear_pointer (&table->names, g_ptr_array_unref);
  g_clear_pointer (&table->entries, g_array_unref);
  g_clear_pointer (&table->row_first, g_array_unref);
  g_clear_pointer (&table->row_offsets, g_array_unref);
  g_clear_pointer (&table->points, g_array_unref);
  if (table->arena != NULL)
    g_string_free (table->arena, TRUE);
  table->arena = NULL;
}

guint
cm_table_n_rows (const CmTable *table)
{
  if (table->csv != NULL)
    return cm_csv_n_rows (table->csv) > 0 ? cm_csv_n_rows (table->csv) - 1 : 0;
  return table->row_offsets->len;
}

guint
cm_table_column (CmTable    *table,
                 const char *name)
{
  for (guint i = 0; i < table->names->len; i++)
    if (strcmp (table->names->pdata[i], name) == 0)
      return i;
  g_ptr_array_add (table->names, g_strdup (name));
  return table->names->len - 1;
}

void
cm_table_begin_row (CmTable *table,
                    gsize    offset)
{
  guint first = table->entries->len;
  double none[2] = { NAN, NAN };

  g_array_append_val (table->row_first, first);
  g_array_append_val (table->row_offsets, offset);
  if (table->points != NULL)
    g_array_append_vals (table->points, none, 2);
}

void
cm_table_set (CmTable      *table,
              guint         column,
              const CmCell *cell)
{
  Entry e = { column, *cell };

  g_array_append_val (table->entries, e);
}

void
cm_table_set_text (CmTable    *table,
                   guint       column,
                   const char *text)
{
  CmCell cell = { table->arena->len, (guint32) strlen (text), CM_CELL_ARENA };

  g_string_append (table->arena, text);
  cm_table_set (table, column, &cell);
}

void
cm_table_set_point (CmTable *table,
                    double   lat,
                    double   lon)
{
  guint row = table->row_offsets->len - 1;

  if (table->points == NULL)
    {
      double none[2] = { NAN, NAN };
      table->points = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint i = 0; i < table->row_offsets->len; i++)
        g_array_append_vals (table->points, none, 2);
    }
  g_array_index (table->points, double, 2 * row) = lat;
  g_array_index (table->points, double, 2 * row + 1) = lon;
}

gboolean
cm_table_cell (const CmTable *table,
               guint          row,
               guint          column,
               CmCell        *cell)
{
  guint first, last;

  if (table->csv != NULL)
    {
      const CmCsvField *f = cm_csv_field (table->csv, row + 1, column);
      if (f == NULL)
        return FALSE;
      cell->offset = f->offset;
      cell->len = f->len;
      cell->kind = f->kind == CM_CSV_FIELD_QUOTED ? CM_CELL_CSV : CM_CELL_RAW;
      return TRUE;
    }
  first = g_array_index (table->row_first, guint, row);
  last = row + 1 < table->row_first->len ? g_array_index (table->row_first, guint, row + 1)
                                          : table->entries->len;
  for (guint i = first; i < last; i++)
    {
      const Entry *e = &g_array_index (table->entries, Entry, i);
      if (e->column == column)
        {
          *cell = e->cell;
          return e->cell.kind != CM_CELL_NONE;
        }
    }
  return FALSE;
}

gboolean
cm_table_text (const CmTable *table,
               guint          row,
               guint          column,
               GString       *out)
{
  CmCell cell;

  g_string_truncate (out, 0);
  if (!cm_table_cell (table, row, column, &cell))
    return FALSE;
  switch (cell.kind)
    {
    case CM_CELL_CSV:
      {
        CmCsvField f = { cell.offset, cell.len, CM_CSV_FIELD_QUOTED };
        cm_csv_field_text (table->data, &f, out);
      }
      break;
    case CM_CELL_JSON:
      cm_json_decode_string (table->data + cell.offset, cell.len, out);
      break;
    case CM_CELL_ARENA:
      cm_string_append_len (out, table->arena->str + cell.offset, cell.len);
      break;
    case CM_CELL_RAW:
    default:
      cm_string_append_len (out, table->data + cell.offset, cell.len);
      break;
    }
  return TRUE;
}

/* Detection --------------------------------------------------------------- */

/* "Start Date" -> "startdate": lower case, no spaces, '_', '-' or '.'. */
static char *
normalize (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p; p++)
    if (*p != ' ' && *p != '_' && *p != '-' && *p != '.' && *p != '\t')
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

/* The words of a name: "date_ad" -> date, ad. */
static gboolean
has_word (const char *name,
          const char *word)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  g_auto(GStrv) words = g_strsplit_set (lower, " _-.()[]/", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (strcmp (words[i], word) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
other_calendar (const char *name)
{
  for (guint i = 0; other_calendars[i] != NULL; i++)
    if (has_word (name, other_calendars[i]) ||
        (!g_ascii_isalpha (other_calendars[i][0]) && strstr (name, other_calendars[i]) != NULL))
      return TRUE;
  return FALSE;
}

static int
find_column (const CmTable *table,
             const char    *name)
{
  g_autofree char *want = normalize (name);

  for (guint i = 0; i < table->names->len; i++)
    if (strcmp (table->names->pdata[i], name) == 0)
      return (int) i;
  for (guint i = 0; i < table->names->len; i++)
    {
      g_autofree char *have = normalize (table->names->pdata[i]);
      if (strcmp (have, want) == 0)
        return (int) i;
    }
  return -1;
}

static gboolean
taken (const CmFieldMap *map,
       int               column)
{
  for (guint r = 0; r < CM_N_ROLES; r++)
    if (map->column[r] == column)
      return TRUE;
  return FALSE;
}

/* The best column for @role by name: an exact name first (in the order of
 * the list), then a name that has the word (*guessed set). */
static int
by_name (const CmFieldMap *map,
         const CmTable    *table,
         CmRole            role,
         gboolean         *guessed)
{
  const char * const *names = role_names[role];

  if (names == NULL)
    return -1;
  for (guint n = 0; names[n] != NULL; n++)
    {
      int c = find_column (table, names[n]);
      if (c >= 0 && !taken (map, c) && !(role <= CM_ROLE_END && other_calendar (table->names->pdata[c])))
        return c;
    }
  /* "date_ad", "Event Date", "start time" */
  for (guint n = 0; names[n] != NULL; n++)
    for (guint c = 0; c < table->names->len; c++)
      if (!taken (map, (int) c) && g_ascii_isalpha (names[n][0]) && strlen (names[n]) > 2 &&
          has_word (table->names->pdata[c], names[n]) &&
          !(role <= CM_ROLE_END && other_calendar (table->names->pdata[c])))
        {
          *guessed = TRUE;
          return (int) c;
        }
  return -1;
}

static gboolean
parse_number (const char *text,
              double     *value,
              gboolean   *integer)
{
  char *end = NULL;
  const char *p = text;

  while (*p == ' ')
    p++;
  if (*p == '\0')
    return FALSE;
  errno = 0;
  *value = g_ascii_strtod (p, &end);
  if (errno != 0 || end == p || !isfinite (*value))
    return FALSE;
  while (*end == ' ')
    end++;
  if (*end != '\0')
    return FALSE;
  *integer = *value == floor (*value);
  return TRUE;
}

#define SAMPLE_ROWS 2000

typedef struct
{
  guint    n;          /* non-empty values sampled */
  guint    numbers;
  guint    integers;
  guint    dates;      /* parse as dates as text */
  double   min, max;
} ColumnStats;

static void
column_stats (const CmTable *table,
              guint          column,
              CmDateOrder    order,
              ColumnStats   *stats)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_rows = cm_table_n_rows (table);
  guint step = MAX (1, n_rows / SAMPLE_ROWS);

  memset (stats, 0, sizeof *stats);
  stats->min = G_MAXDOUBLE;
  stats->max = -G_MAXDOUBLE;
  for (guint r = 0; r < n_rows; r += step)
    {
      double v;
      gboolean integer;
      CmDate d;

      if (!cm_table_text (table, r, column, text) || text->len == 0)
        continue;
      stats->n++;
      if (parse_number (text->str, &v, &integer))
        {
          stats->numbers++;
          stats->integers += integer;
          stats->min = MIN (stats->min, v);
          stats->max = MAX (stats->max, v);
        }
      else if (cm_date_parse_text (text->str, order == CM_DATE_ORDER_AUTO ? CM_DATE_ORDER_DMY : order,
                                   NULL, &d, NULL))
        stats->dates++;
    }
}

/* A column of times of day ("09:30"), judged by its first row. */
static gboolean
holds_times (const CmTable *table,
             int            column)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int h, m;

  return cm_table_n_rows (table) > 0 && cm_table_text (table, 0, column, text) &&
         sscanf (text->str, "%2d:%2d", &h, &m) == 2; /* NOLINT(cert-err34-c) */
}

static gboolean
is_year_name (const char *name)
{
  g_autofree char *n = normalize (name);

  return strcmp (n, "year") == 0 || strcmp (n, "years") == 0 || strcmp (n, "年") == 0 ||
         strcmp (n, "年份") == 0 || has_word (name, "year");
}

/* "Date", "start_date", "EndDate", "日期": a name that says date, not
 * year or time (those hold years and Unix times). */
static gboolean
is_date_name (const char *name)
{
  g_autofree char *n = normalize (name);

  return has_word (name, "date") || g_str_has_suffix (n, "date") || strstr (name, "日期") != NULL;
}

/* A name without the words that name dates and ends: "investigation-end"
 * -> "investigation", "when.start" -> "". */
static char *
name_rest (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  g_auto(GStrv) words = g_strsplit_set (lower, " _-.()[]/", -1);
  GString *rest = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (!g_strv_contains (date_names, words[i]) && !g_strv_contains (end_names, words[i]))
      g_string_append (rest, words[i]);
  return g_string_free (rest, FALSE);
}

/* Whether most values of @column are whole numbers from 1 to @max, or,
 * for months (@max 12), month names: a month or day column. */
static gboolean
holds_parts (const CmTable *table,
             int            column,
             gint64         max)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_rows = cm_table_n_rows (table), n = 0, good = 0;
  guint step = MAX (1, n_rows / SAMPLE_ROWS);

  for (guint r = 0; r < n_rows; r += step)
    {
      double v;
      gboolean integer;

      if (!cm_table_text (table, r, (guint) column, text) || text->len == 0)
        continue;
      n++;
      if (parse_number (text->str, &v, &integer) ? integer && v >= 1 && v <= (double) max
                                                  : max == 12 && cm_date_month_from_word (text->str) > 0)
        good++;
    }
  return n > 0 && good * 10 >= n * 8;
}

/* Spreadsheet serial days saved as numbers: 10,000 (18 May 1927) to
 * 2,958,465 (31 December 9999). Smaller whole numbers are years. */
#define EXCEL_SERIAL_MIN 10000
#define EXCEL_SERIAL_MAX 2958465

/* How the numbers of a date column are read: by its name for years, else
 * by magnitude, one decision for the whole column. */
static CmNumbers
numbers_for (const CmTable *table,
             int            column,
             CmDateOrder    order,
             GPtrArray     *notes)
{
  ColumnStats s;
  const char *name = table->names->pdata[column];
  CmNumbers numbers;
  char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];

  column_stats (table, column, order, &s);
  if (s.numbers == 0 || s.numbers < s.n / 2)
    return CM_NUMBERS_TEXT;
  g_ascii_formatd (lo, sizeof lo, "%.6g", s.min);
  g_ascii_formatd (hi, sizeof hi, "%.6g", s.max);
  if (!is_year_name (name) && is_date_name (name) && s.numbers == s.n &&
      s.min >= EXCEL_SERIAL_MIN && s.max <= EXCEL_SERIAL_MAX)
    numbers = CM_NUMBERS_EXCEL_SERIAL;
  else if (is_year_name (name) || (s.integers == s.numbers && fabs (s.min) < 100000 && fabs (s.max) < 100000))
    numbers = CM_NUMBERS_YEARS;
  else if (s.min < 0 || s.integers < s.numbers)
    {
      /* Negative or fractional and not small: years of deep time. */
      numbers = s.integers == s.numbers ? CM_NUMBERS_YEARS : CM_NUMBERS_TEXT;
    }
  else if (s.max >= 1e11)
    numbers = CM_NUMBERS_EPOCH_MILLISECONDS;
  else
    numbers = CM_NUMBERS_EPOCH_SECONDS;
  if (numbers == CM_NUMBERS_EPOCH_MILLISECONDS || numbers == CM_NUMBERS_EPOCH_SECONDS)
    {
      /* The days they stand for, so that a wrong unit shows at once. */
      double scale = numbers == CM_NUMBERS_EPOCH_MILLISECONDS ? 1000 : 1;
      gboolean days = fabs (s.min / scale) < 1e14 && fabs (s.max / scale) < 1e14;
      g_autofree char *from = days ? cm_date_format ((gint64) floor (s.min / scale), CM_PRECISION_DAY) : NULL;
      g_autofree char *to = days ? cm_date_format ((gint64) floor (s.max / scale), CM_PRECISION_DAY) : NULL;

      if (s.integers == s.numbers && fabs (s.min) < 1e15 && fabs (s.max) < 1e15)
        {
          g_ascii_formatd (lo, sizeof lo, "%.0f", s.min);
          g_ascii_formatd (hi, sizeof hi, "%.0f", s.max);
        }
      /* Translators: a column's name, its smallest and largest number, then
       * the days they stand for. */
      g_ptr_array_add (notes, g_strdup_printf (numbers == CM_NUMBERS_EPOCH_SECONDS
                                               ? _("column \"%s\": numbers from %s to %s read as Unix time in seconds, "
                                                   "%s to %s (decided for the whole column by their size)")
                                               : _("column \"%s\": numbers from %s to %s read as Unix time in "
                                                   "milliseconds, %s to %s (decided for the whole column by their size)"),
                                               name, lo, hi, from ? from : "?", to ? to : "?"));
    }
  else if (numbers == CM_NUMBERS_EXCEL_SERIAL)
    g_ptr_array_add (notes, g_strdup_printf (_("column \"%s\": numbers from %s to %s read as spreadsheet serial days "
                                               "(Excel's 1900 date system: 44562 is 2022-01-01), as the column "
                                               "is named as dates and every value is one"), name, lo, hi));
  else if (numbers == CM_NUMBERS_YEARS)
    g_ptr_array_add (notes, g_strdup_printf (_("column \"%s\": numbers read as years (%s to %s)"), name, lo, hi));
  return numbers;
}

static char *
column_list (const CmTable *table)
{
  GString *out = g_string_new (NULL);

  if (table->names->len == 0)
    g_string_append (out, _("no columns (no properties at all)"));
  for (guint i = 0; i < table->names->len && i < 20; i++)
    g_string_append_printf (out, "%s\"%s\"", i ? C_("list", ", ") : "", (const char *) table->names->pdata[i]);
  if (table->names->len > 20)
    g_string_append_printf (out, _(" and %u more"), table->names->len - 20);
  return g_string_free (out, FALSE);
}

/* A near miss: the first column whose first value is a date but for its
 * two-digit year ("28-May-15"), said with what to do, or NULL. */
static char *
two_digit_year_column (const CmTable *table)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint c = 0; c < table->names->len && cm_table_n_rows (table) > 0; c++)
    if (cm_table_text (table, 0, c, text) && cm_date_is_two_digit_year (text->str))
      {
        g_autofree char *quote = g_utf8_make_valid (text->str, -1);

        /* Translators: a column's name and its first value. */
        return g_strdup_printf (_("column \"%s\" holds dates with two-digit years (\"%s\"), whose century "
                                  "is not known: write years with all their digits"),
                                (const char *) table->names->pdata[c], quote);
      }
  return NULL;
}

/* The first two numbers of "15/11/2021", "11.15.2021" or "5-11-2021":
 * one or two digits each, one separator twice, digits after it. Read by
 * hand: sscanf over a hundred thousand cells cost more than the rest of
 * the detection. */
static gboolean
leading_pair (const char *p,
              int        *a,
              int        *b)
{
  char separator;

  while (*p == ' ')
    p++;
  if (!g_ascii_isdigit (p[0]))
    return FALSE;
  *a = p[0] - '0';
  p++;
  if (g_ascii_isdigit (*p))
    *a = *a * 10 + (*p++ - '0');
  separator = *p++;
  if ((separator != '/' && separator != '.' && separator != '-') || !g_ascii_isdigit (p[0]))
    return FALSE;
  *b = p[0] - '0';
  p++;
  if (g_ascii_isdigit (*p))
    *b = *b * 10 + (*p++ - '0');
  return p[0] == separator && g_ascii_isdigit (p[1]);
}

/* Day/month order of a text date column: only a value that can be read
 * one way decides, and values read both ways are refused. */
static CmDateOrder
order_for (const CmTable *table,
           int            column)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_rows = cm_table_n_rows (table);
  gboolean dmy = FALSE, mdy = FALSE;

  for (guint r = 0; r < n_rows && r < 100000; r++)
    {
      int a, b;

      if (cm_table_text (table, r, column, text) && leading_pair (text->str, &a, &b))
        {
          dmy = dmy || (a > 12 && b <= 12);
          mdy = mdy || (b > 12 && a <= 12);
        }
    }
  if (dmy != mdy)
    return dmy ? CM_DATE_ORDER_DMY : CM_DATE_ORDER_MDY;
  return CM_DATE_ORDER_AUTO;
}

GTimeZone *
cm_import_zone_new (const char *text)
{
  if (text == NULL || *text == '\0')
    return NULL;
  if (g_ascii_strcasecmp (text, "UTC") == 0 || strcmp (text, "Z") == 0)
    return g_time_zone_new_utc ();
  return g_time_zone_new_identifier (text);
}

gboolean
cm_field_map_detect (CmFieldMap            *map,
                     const CmTable         *table,
                     const CmImportOptions *options)
{
  static const CmImportOptions none = { { NULL } };
  gboolean chosen[CM_N_ROLES] = { FALSE };

  memset (map, 0, sizeof *map);
  map->notes = g_ptr_array_new_with_free_func (g_free);
  for (guint r = 0; r < CM_N_ROLES; r++)
    map->column[r] = -1;
  for (guint i = 0; i < G_N_ELEMENTS (map->tjs); i++)
    map->tjs[i] = -1;
  for (guint i = 0; i < G_N_ELEMENTS (map->fallback); i++)
    map->fallback[i] = -1;
  if (options == NULL)
    options = &none;
  map->order = options->date_order;

  if (options->zone != NULL)
    {
      map->zone = cm_import_zone_new (options->zone);
      if (map->zone == NULL)
        {
          map->error = g_strdup_printf (_("unknown time zone \"%s\"; give an IANA name such as "
                                          "Asia/Shanghai, UTC or an offset such as +08:00"), options->zone);
          return FALSE;
        }
    }

  /* The user's choices first: a name that is not there is an error. */
  for (guint r = 0; r < CM_N_ROLES; r++)
    {
      const char *want = options->columns[r];

      if (want == NULL)
        continue;
      chosen[r] = TRUE;
      if (*want == '\0')
        continue;
      map->column[r] = find_column (table, want);
      if (map->column[r] < 0)
        {
          g_autofree char *seen = column_list (table);
          map->error = g_strdup_printf (_("--%s \"%s\": no such column; the columns are %s"),
                                        role_words[r], want, seen);
          return FALSE;
        }
    }

  /* The TimelineJS sheet: Year and Headline, the parts in columns. */
  if (!chosen[CM_ROLE_DATE] && find_column (table, "Year") >= 0 && find_column (table, "Headline") >= 0)
    {
      map->timelinejs = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (tjs_names); i++)
        map->tjs[i] = find_column (table, tjs_names[i]);
      if (!chosen[CM_ROLE_TITLE])
        map->column[CM_ROLE_TITLE] = find_column (table, "Headline");
      if (!chosen[CM_ROLE_SUMMARY])
        map->column[CM_ROLE_SUMMARY] = find_column (table, "Text");
      if (!chosen[CM_ROLE_CATEGORY])
        map->column[CM_ROLE_CATEGORY] = find_column (table, "Group");
      if (!chosen[CM_ROLE_URL])
        map->column[CM_ROLE_URL] = find_column (table, "Media");
      g_ptr_array_add (map->notes, g_strdup (_("the TimelineJS spreadsheet layout: dates from Year, Month, Day, "
                                               "Time and End Year…, titles from Headline")));
      chosen[CM_ROLE_DATE] = chosen[CM_ROLE_END] = chosen[CM_ROLE_TIME] = TRUE;
    }

  for (guint r = 0; r < CM_N_ROLES; r++)
    if (!chosen[r] && role_names[r] != NULL && map->column[r] < 0)
      {
        /* x/y only as a pair, and only when lat/lon are not there. */
        gboolean guessed = FALSE;

        map->column[r] = by_name (map, table, r, &guessed);
        if ((r == CM_ROLE_LAT || r == CM_ROLE_LON) && map->column[r] >= 0)
          {
            g_autofree char *n = normalize (table->names->pdata[map->column[r]]);
            if ((strcmp (n, "x") == 0 || strcmp (n, "y") == 0) &&
                (find_column (table, "x") < 0 || find_column (table, "y") < 0))
              map->column[r] = -1;
          }
        if (guessed && map->column[r] >= 0)
          map->guessed |= 1u << r;
      }

  /* A column named for dates whose values are neither dates nor numbers
   * ("when" holding "09:30"): a column whose values do read as dates is
   * the date, and the named one, if it holds times, their time of day. */
  if (!chosen[CM_ROLE_DATE] && map->column[CM_ROLE_DATE] >= 0)
    {
      ColumnStats named;

      column_stats (table, (guint) map->column[CM_ROLE_DATE], map->order, &named);
      if (named.n > 0 && (named.dates + named.numbers) * 2 < named.n)
        for (guint c = 0; c < table->names->len; c++)
          {
            ColumnStats s;
            int old = map->column[CM_ROLE_DATE];

            if (taken (map, (int) c) || other_calendar (table->names->pdata[c]))
              continue;
            column_stats (table, c, map->order, &s);
            /* Dates, or whole years in a column named for them. */
            if (s.n == 0 || ((s.dates * 10 < s.n * 8) &&
                             !(is_year_name (table->names->pdata[c]) && s.integers * 10 >= s.n * 8)))
              continue;
            map->column[CM_ROLE_DATE] = (int) c;
            map->guessed |= 1u << CM_ROLE_DATE;
            g_ptr_array_add (map->notes,
                             g_strdup_printf (_("column \"%s\" used for dates: its values read as dates, "
                                                "those of \"%s\" do not"),
                                              (const char *) table->names->pdata[c],
                                              (const char *) table->names->pdata[old]));
            if (!chosen[CM_ROLE_TIME] && map->column[CM_ROLE_TIME] < 0 && holds_times (table, old))
              map->column[CM_ROLE_TIME] = old;
            break;
          }
    }

  /* A "time" column beside a "date" column is the time of day. */
  if (!chosen[CM_ROLE_TIME] && map->column[CM_ROLE_DATE] >= 0)
    {
      int t = find_column (table, "time");
      if (t >= 0 && t != map->column[CM_ROLE_DATE] && holds_times (table, t))
        map->column[CM_ROLE_TIME] = t;
    }

  /* No date by name: the first column whose values read as dates. */
  if (!chosen[CM_ROLE_DATE] && map->column[CM_ROLE_DATE] < 0)
    for (guint c = 0; c < table->names->len; c++)
      {
        ColumnStats s;
        if (taken (map, (int) c) || other_calendar (table->names->pdata[c]))
          continue;
        column_stats (table, c, map->order, &s);
        if (s.n > 0 && s.dates * 10 >= s.n * 8)
          {
            map->column[CM_ROLE_DATE] = (int) c;
            map->guessed |= 1u << CM_ROLE_DATE;
            g_ptr_array_add (map->notes, g_strdup_printf (_("column \"%s\" used for dates: its values read as dates"),
                                                          (const char *) table->names->pdata[c]));
            break;
          }
      }

  if (!map->timelinejs && map->column[CM_ROLE_DATE] < 0)
    {
      g_autofree char *seen = column_list (table);
      g_autofree char *near = two_digit_year_column (table);

      map->error = near != NULL
                   ? g_strdup_printf (_("no date found among %s; %s"), seen, near)
                   : g_strdup_printf (_("no date found among %s; name the column with --date COLUMN "
                                        "(in the window: Import, Date)"), seen);
      return FALSE;
    }

  /* An end found by a word in a longer name ends the date only when the
   * rest of their names agree ("Event Date", "Event End"): the end of an
   * investigation does not end each "cp-date" of the people in it. */
  if (!chosen[CM_ROLE_END] && (map->guessed & (1u << CM_ROLE_END)) && map->column[CM_ROLE_END] >= 0 &&
      map->column[CM_ROLE_DATE] >= 0)
    {
      g_autofree char *date_rest = name_rest (table->names->pdata[map->column[CM_ROLE_DATE]]);
      g_autofree char *end_rest = name_rest (table->names->pdata[map->column[CM_ROLE_END]]);

      if (strcmp (date_rest, end_rest) != 0)
        {
          g_ptr_array_add (map->notes,
                           g_strdup_printf (_("column \"%s\" is not used as the end of \"%s\": their names do not "
                                              "go together; choose it with --end if it is"),
                                            (const char *) table->names->pdata[map->column[CM_ROLE_END]],
                                            (const char *) table->names->pdata[map->column[CM_ROLE_DATE]]));
          map->column[CM_ROLE_END] = -1;
          map->guessed &= ~(1u << CM_ROLE_END);
        }
    }

  /* A year column with a month column beside it ("year", "month",
   * "day", as journalists' tables have them): the date is built from the
   * parts, to the day, as in the TimelineJS sheet. */
  if (!chosen[CM_ROLE_DATE] && !map->timelinejs &&
      is_year_name (table->names->pdata[map->column[CM_ROLE_DATE]]))
    {
      int month = find_column (table, "month"), day = find_column (table, "day");

      if (month >= 0 && !taken (map, month) && holds_parts (table, month, 12))
        {
          map->parts = TRUE;
          map->tjs[TJS_YEAR] = map->column[CM_ROLE_DATE];
          map->tjs[TJS_MONTH] = month;
          map->tjs[TJS_DAY] = day >= 0 && !taken (map, day) && holds_parts (table, day, 31) ? day : -1;
          map->tjs[TJS_TIME] = map->column[CM_ROLE_TIME];
        }
    }

  /* Another calendar beside the chosen one is named, never taken. */
  for (guint c = 0; c < table->names->len; c++)
    if (other_calendar (table->names->pdata[c]) && (has_word (table->names->pdata[c], "year") ||
                                                   has_word (table->names->pdata[c], "date") ||
                                                   strstr (table->names->pdata[c], "年") != NULL))
      g_ptr_array_add (map->notes, g_strdup_printf (_("column \"%s\" looks like dates of another calendar; "
                                                      "it is not read as Gregorian dates"),
                                                    (const char *) table->names->pdata[c]));

  if (!map->timelinejs)
    {
      if (map->order == CM_DATE_ORDER_AUTO)
        map->order = order_for (table, map->column[CM_ROLE_DATE]);
      map->numbers = numbers_for (table, map->column[CM_ROLE_DATE], map->order, map->notes);
      if (map->column[CM_ROLE_END] >= 0)
        {
          g_autoptr(GPtrArray) ignore = g_ptr_array_new_with_free_func (g_free);
          map->end_numbers = numbers_for (table, map->column[CM_ROLE_END], map->order, ignore);
          if (map->end_numbers != CM_NUMBERS_TEXT && map->numbers != CM_NUMBERS_TEXT)
            map->end_numbers = map->numbers;
        }
      if (!chosen[CM_ROLE_DATE])
        {
          guint n = 0;
          g_autoptr(GPtrArray) ignore = g_ptr_array_new_with_free_func (g_free);

          for (guint k = 0; date_names[k] != NULL && n < G_N_ELEMENTS (map->fallback); k++)
            {
              int c = find_column (table, date_names[k]);
              if (c >= 0 && !taken (map, c))
                {
                  map->fallback[n] = c;
                  map->fallback_numbers[n++] = numbers_for (table, c, map->order, ignore);
                }
            }
        }
      g_ptr_array_insert (map->notes, 0,
                          map->parts
                          ? (map->tjs[TJS_DAY] >= 0
                             ? g_strdup_printf (_("dates from columns \"%s\", \"%s\" and \"%s\""),
                                                (const char *) table->names->pdata[map->tjs[TJS_YEAR]],
                                                (const char *) table->names->pdata[map->tjs[TJS_MONTH]],
                                                (const char *) table->names->pdata[map->tjs[TJS_DAY]])
                             : g_strdup_printf (_("dates from columns \"%s\" and \"%s\""),
                                                (const char *) table->names->pdata[map->tjs[TJS_YEAR]],
                                                (const char *) table->names->pdata[map->tjs[TJS_MONTH]]))
                          : map->column[CM_ROLE_END] >= 0
                          ? g_strdup_printf (_("dates from column \"%s\", ends from \"%s\""),
                                             (const char *) table->names->pdata[map->column[CM_ROLE_DATE]],
                                             (const char *) table->names->pdata[map->column[CM_ROLE_END]])
                          : g_strdup_printf (_("dates from column \"%s\""),
                                             (const char *) table->names->pdata[map->column[CM_ROLE_DATE]]));
    }
  return TRUE;
}

void
cm_field_map_clear (CmFieldMap *map)
{
  g_clear_pointer (&map->zone, g_time_zone_unref);
  g_clear_pointer (&map->error, g_free);
  g_clear_pointer (&map->notes, g_ptr_array_unref);
}

/* Row dates --------------------------------------------------------------- */

static gboolean
cell_date (const CmFieldMap *map,
           const CmTable    *table,
           guint             row,
           int               column,
           CmNumbers         numbers,
           GString          *text,
           CmDate           *date,
           const char      **why,
           char            **detail)
{
  double v;
  gboolean integer;

  if (!cm_table_text (table, row, column, text) || text->len == 0)
    {
      *why = N_("no date");
      *detail = g_strdup_printf (text->len == 0 && cm_table_cell (table, row, column, &(CmCell) { 0 })
                                 ? _("its \"%s\" is empty") : _("it has no \"%s\""),
                                 (const char *) table->names->pdata[column]);
      return FALSE;
    }
  if (numbers != CM_NUMBERS_TEXT && parse_number (text->str, &v, &integer))
    {
      gboolean ok = FALSE;
      switch (numbers)
        {
        case CM_NUMBERS_YEARS:
          /* Range first: a double past gint64 has no conversion. */
          ok = integer && fabs (v) <= (double) CM_DATE_MAX_YEAR && cm_date_from_year (date, (gint64) v);
          break;
        case CM_NUMBERS_EPOCH_SECONDS:
          ok = cm_date_from_epoch (v, FALSE, date);
          break;
        case CM_NUMBERS_EPOCH_MILLISECONDS:
          ok = cm_date_from_epoch (v, TRUE, date);
          break;
        case CM_NUMBERS_EXCEL_SERIAL:
          ok = cm_date_from_excel_serial (v, date);
          break;
        case CM_NUMBERS_TEXT:
        default:
          break;
        }
      if (!ok)
        {
          *why = N_("date out of range");
          g_autofree char *quote = g_utf8_make_valid (text->str, MIN (text->len, 40));
          /* Translators: "its Date 1e20 lies outside …": a column's name
           * and its value. */
          *detail = g_strdup_printf (_("its %s %s lies outside years -9999 to 9999 (days) "
                                       "or ±99,999,999,999 (years)"),
                                     (const char *) table->names->pdata[column], quote);
        }
      return ok;
    }
  {
    char *reason = NULL;
    if (cm_date_parse_text (text->str, map->order, map->zone, date, &reason))
      return TRUE;
    /* The one reason that names --date-format, in every language. */
    *why = strstr (reason, "--date-format") != NULL ? N_("ambiguous day and month") : N_("unreadable date");
    g_autofree char *quote = g_utf8_make_valid (text->str, MIN (text->len, 60));
    /* Translators: "its Date "12/03/2021" cannot be read: …": a column's
     * name, its value, then why. */
    *detail = g_strdup_printf (_("its %s \"%s\" cannot be read: %s"),
                               (const char *) table->names->pdata[column], quote, reason);
    g_free (reason);
    return FALSE;
  }
}

static gboolean
part (const CmTable *table,
      guint          row,
      int            column,
      GString       *text,
      gint64        *value)
{
  char *end = NULL;

  if (column < 0 || !cm_table_text (table, row, column, text))
    return FALSE;
  g_strstrip (text->str);
  if (text->str[0] == '\0')
    return FALSE;
  errno = 0;
  *value = g_ascii_strtoll (text->str, &end, 10);
  if (*end == '.')
    for (end++; *end == '0'; end++)
      ;
  return errno == 0 && end != text->str && *end == '\0';
}

/* A month: 1 to 12 as a number, or an English name ("Feb", "February"). */
static gboolean
month_part (const CmTable *table,
            guint          row,
            int            column,
            GString       *text,
            gint64        *value)
{
  g_string_truncate (text, 0);
  if (part (table, row, column, text, value))
    return TRUE;
  /* As part() left it: stripped, or empty for no cell. */
  g_string_truncate (text, strlen (text->str));
  *value = text->len > 0 ? cm_date_month_from_word (text->str) : 0;
  return *value > 0;
}

/* TimelineJS sheet dates, and those of year, month and day columns:
 * Year [Month [Day [Time]]]. */
static gboolean
tjs_date (const CmFieldMap *map,
          const CmTable    *table,
          guint             row,
          const int        *cols,
          GString          *text,
          CmDate           *date,
          const char      **why,
          char            **detail)
{
  gint64 y, m = 0, d = 0;
  int h = 0, mi = 0, s = 0, got_time = 0;

  if (!part (table, row, cols[0], text, &y))
    {
      *why = text->len > 0 ? N_("unreadable date") : N_("no date");
      g_autofree char *quote = g_utf8_make_valid (text->str, MIN (text->len, 40));
      *detail = text->len > 0 ? g_strdup_printf (_("its Year \"%s\" is not a number"), quote)
                              : g_strdup (_("its Year is empty"));
      return FALSE;
    }
  if (!month_part (table, row, cols[1], text, &m))
    {
      if (text->len > 0)
        {
          g_autofree char *quote = g_utf8_make_valid (text->str, MIN (text->len, 40));

          *why = N_("unreadable date");
          *detail = g_strdup_printf (_("its Month \"%s\" is neither a number from 1 to 12 nor a month's name"), quote);
          return FALSE;
        }
      return cm_date_from_year (date, y) || (*why = N_("date out of range"), *detail = g_strdup (_("its Year is out of range")), FALSE);
    }
  if (y < -9999 || y > 9999 || m < 1 || m > 12)
    {
      *why = N_("unreadable date");
      *detail = g_strdup_printf (_("year %lld month %lld is not a month"), (long long) y, (long long) m);
      return FALSE;
    }
  if (!part (table, row, cols[2], text, &d))
    {
      cm_date_from_parts (date, CM_PRECISION_MONTH, (int) y, (int) m, 1, 0, 0, 0);
      return TRUE;
    }
  if (d < 1 || d > cm_date_days_in_month ((int) y, (int) m))
    {
      *why = N_("unreadable date");
      *detail = g_strdup_printf (_("day %lld does not exist in that month"), (long long) d);
      return FALSE;
    }
  if (cols[3] >= 0 && cm_table_text (table, row, cols[3], text) && text->len > 0)
    {
      char ampm[3] = "";
      got_time = sscanf (text->str, "%2d:%2d:%2d", &h, &mi, &s); /* NOLINT(cert-err34-c) */
      if (got_time >= 2 && (strstr (text->str, "PM") || strstr (text->str, "pm")) && h < 12)
        h += 12;
      if (got_time >= 2 && (strstr (text->str, "AM") || strstr (text->str, "am")) && h == 12)
        h = 0;
      (void) ampm;
      if (got_time < 2 || h > 23 || mi > 59 || s > 59)
        got_time = 0;
    }
  cm_date_from_parts (date, got_time == 3 ? CM_PRECISION_SECOND : got_time == 2 ? CM_PRECISION_MINUTE : CM_PRECISION_DAY,
                      (int) y, (int) m, (int) d, h, mi, s);
  if (got_time >= 2 && map->zone != NULL)
    {
      gint64 shift = date->start - cm_date_from_zone (map->zone, date->start);
      date->start -= shift;
      date->end -= shift;
    }
  return TRUE;
}

gboolean
cm_field_map_row_date (const CmFieldMap *map,
                       const CmTable    *table,
                       guint             row,
                       GString          *scratch,
                       CmDate           *date,
                       CmDate           *end,
                       gboolean         *has_end,
                       const char      **why,
                       char            **detail)
{
  const char *end_why = NULL;
  g_autofree char *end_detail = NULL;

  *has_end = FALSE;
  *detail = NULL;
  if (map->timelinejs || map->parts)
    {
      if (!tjs_date (map, table, row, map->tjs + TJS_YEAR, scratch, date, why, detail))
        return FALSE;
      if (map->tjs[TJS_END_YEAR] >= 0 && cm_table_text (table, row, map->tjs[TJS_END_YEAR], scratch) &&
          scratch->len > 0)
        *has_end = tjs_date (map, table, row, map->tjs + TJS_END_YEAR, scratch, end, &end_why, &end_detail);
      return TRUE;
    }

  if (!cm_table_text (table, row, map->column[CM_ROLE_DATE], scratch) || scratch->len == 0)
    for (guint i = 0; i < G_N_ELEMENTS (map->fallback) && map->fallback[i] >= 0; i++)
      if (cm_table_text (table, row, map->fallback[i], scratch) && scratch->len > 0)
        {
          if (!cell_date (map, table, row, map->fallback[i], map->fallback_numbers[i], scratch, date, why, detail))
            return FALSE;
          goto have_date;
        }
  if (!cell_date (map, table, row, map->column[CM_ROLE_DATE], map->numbers, scratch, date, why, detail))
    return FALSE;
have_date:

  /* A time of day in its own column, in the row's zone or --tz. */
  if (map->column[CM_ROLE_TIME] >= 0 && date->precision == CM_PRECISION_DAY &&
      cm_table_text (table, row, map->column[CM_ROLE_TIME], scratch) && scratch->len > 0)
    {
      int h, mi, s = 0;
      int got = sscanf (scratch->str, "%2d:%2d:%2d", &h, &mi, &s); /* NOLINT(cert-err34-c) */
      if (got >= 2 && h >= 0 && h < 24 && mi >= 0 && mi < 60 && s >= 0 && s < 60)
        {
          GTimeZone *zone = map->zone;
          g_autoptr(GTimeZone) row_zone = NULL;
          gint64 local = date->start + h * 3600 + mi * 60 + s, t = local;

          if (map->column[CM_ROLE_ZONE] >= 0 && cm_table_text (table, row, map->column[CM_ROLE_ZONE], scratch))
            zone = row_zone = cm_import_zone_new (scratch->str);
          if (zone != NULL)
            t = cm_date_from_zone (zone, local);
          date->start = t;
          date->end = t + (got == 3 ? 1 : 60);
          date->precision = got == 3 ? CM_PRECISION_SECOND : CM_PRECISION_MINUTE;
        }
    }

  if (map->column[CM_ROLE_END] >= 0 && cm_table_text (table, row, map->column[CM_ROLE_END], scratch) &&
      scratch->len > 0)
    *has_end = cell_date (map, table, row, map->column[CM_ROLE_END], map->end_numbers, scratch, end,
                          &end_why, &end_detail);
  return TRUE;
}
