/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include "cm-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cm-id-table.h"
#include "cm-loader-private.h"
#include "cm-number.h"
#include "cm-text.h"

/* Tables (CSV, spreadsheets, GeoJSON properties) to announcements by the
 * field mapping of cm-field-map.c, with skipped rows summarised per
 * reason: a file of a million undated rows gives one line, not a million. */

#define SKIP_EXAMPLES 3

typedef struct
{
  char  *reason;
  guint  count;
  gsize  offsets[SKIP_EXAMPLES];
  char  *pointers[SKIP_EXAMPLES];
  char  *first;           /* the first one's full message */
} SkipReason;

struct _CmSkips
{
  GPtrArray *reasons;     /* SkipReason *, in order of first appearance */
  guint      total;
};

static void
skip_reason_free (gpointer data)
{
  SkipReason *s = data;

  g_free (s->reason);
  g_free (s->first);
  for (guint i = 0; i < SKIP_EXAMPLES; i++)
    g_free (s->pointers[i]);
  g_free (s);
}

void
_cm_load_skip (CmLoad     *load,
               gsize       offset,
               const char *pointer,
               const char *reason,
               const char *format,
               ...)
{
  SkipReason *s = NULL;

  if (load->skips == NULL)
    {
      load->skips = g_new0 (struct _CmSkips, 1);
      load->skips->reasons = g_ptr_array_new_with_free_func (skip_reason_free);
    }
  load->skips->total++;
  for (guint i = 0; i < load->skips->reasons->len && s == NULL; i++)
    if (strcmp (((SkipReason *) load->skips->reasons->pdata[i])->reason, reason) == 0)
      s = load->skips->reasons->pdata[i];
  if (s == NULL)
    {
      va_list args;

      s = g_new0 (SkipReason, 1);
      s->reason = g_strdup (reason);
      va_start (args, format);
      s->first = g_strdup_vprintf (format, args);
      va_end (args);
      g_ptr_array_add (load->skips->reasons, s);
    }
  if (s->count < SKIP_EXAMPLES)
    {
      s->offsets[s->count] = offset;
      s->pointers[s->count] = g_strdup (pointer ? pointer : load->pointer->str);
    }
  s->count++;
}

static void
line_column (const char *data,
             gsize       len,
             gsize       offset,
             guint      *line,
             guint      *column)
{
  const char *p = data;
  const char *end = data + MIN (offset, len);
  const char *line_start = data;

  *line = 1;
  while ((p = memchr (p, '\n', end - p)) != NULL)
    {
      (*line)++;
      line_start = ++p;
    }
  *column = (guint) g_utf8_strlen (line_start, end - line_start) + 1;
}

/* "%s — 120 rows skipped for this reason (unreadable date), also at 3:1,
 * 4:1, …": the first skip's message, then the count, the reason and where
 * the next two are. */
static void
report_repeated_skip (CmLoad     *load,
                      SkipReason *s,
                      CmLoadUnit  unit,
                      const char *count,
                      const char *where)
{
  const char *pointer = *s->pointers[0] ? s->pointers[0] : NULL;
  const char *more = s->count > SKIP_EXAMPLES ? _(", …") : "";

  switch (unit)
    {
    case CM_LOAD_FEATURES:
      cm_diagnostics_add (load->diags, CM_SEVERITY_WARNING, s->offsets[0], pointer,
                          _("%s — %s features skipped for this reason (%s), also at %s%s"),
                          s->first, count, _(s->reason), where, more);
      break;
    case CM_LOAD_EVENTS:
      cm_diagnostics_add (load->diags, CM_SEVERITY_WARNING, s->offsets[0], pointer,
                          _("%s — %s events skipped for this reason (%s), also at %s%s"),
                          s->first, count, _(s->reason), where, more);
      break;
    case CM_LOAD_ROWS:
    default:
      cm_diagnostics_add (load->diags, CM_SEVERITY_WARNING, s->offsets[0], pointer,
                          _("%s — %s rows skipped for this reason (%s), also at %s%s"),
                          s->first, count, _(s->reason), where, more);
      break;
    }
}

void
_cm_load_finish_skips (CmLoad     *load,
                       guint       n_items,
                       CmLoadUnit  unit)
{
  /* Counted nouns after a number: "1,188 rows" in the import summary. */
  static const char * const words[] = {
    [CM_LOAD_ROWS] = NC_("units", "rows"),
    [CM_LOAD_FEATURES] = NC_("units", "features"),
    [CM_LOAD_EVENTS] = NC_("units", "events"),
  };
  CmDataset *ds = load->dataset;
  GString *reasons;

  /* _cm_load_table may have set fewer: title rows are not items. */
  if (ds->n_rows == 0 || ds->n_rows > n_items)
    ds->n_rows = n_items;
  ds->row_word = words[unit];
  if (load->skips == NULL)
    return;
  reasons = g_string_new (NULL);
  for (guint i = 0; i < load->skips->reasons->len; i++)
    {
      SkipReason *s = load->skips->reasons->pdata[i];
      g_autoptr(GString) where = g_string_new (NULL);
      g_autofree char *count = cm_format_count (s->count);

      for (guint k = 1; k < MIN (s->count, SKIP_EXAMPLES); k++)
        {
          guint line, column;

          if (s->offsets[k] == G_MAXSIZE)
            {
              g_string_append_printf (where, "%s%s", where->len ? ", " : "", s->pointers[k]);
              continue;
            }
          line_column (load->data, load->len, s->offsets[k], &line, &column);
          g_string_append_printf (where, "%s%u:%u", where->len ? ", " : "", line, column);
          if (s->pointers[k] != NULL && *s->pointers[k])
            g_string_append_printf (where, " (%s)", s->pointers[k]);
        }
      /* CSV rows have no JSON Pointer: line and column say it all. */
      if (s->count == 1)
        cm_diagnostics_add (load->diags, CM_SEVERITY_WARNING, s->offsets[0],
                            *s->pointers[0] ? s->pointers[0] : NULL, "%s", s->first);
      else
        report_repeated_skip (load, s, unit, count, where->str);
      /* Translators: between the items of a list: "unreadable date, no
       * date". */
      g_string_append_printf (reasons, "%s%s", reasons->len ? C_("list", ", ") : "", _(s->reason));
      if (load->skips->reasons->len > 1)
        /* Translators: a reason's count, "unreadable date (1,129)". */
        g_string_append_printf (reasons, _(" (%s)"), count);
    }
  ds->n_skipped = load->skips->total;
  g_free (ds->skip_reasons);
  ds->skip_reasons = g_string_free (reasons, FALSE);
  {
    g_autofree char *summary = cm_dataset_format_import_summary (ds);
    if (ds->announcements->len > 0)
      cm_diagnostics_add (load->diags, CM_SEVERITY_NOTE, G_MAXSIZE, NULL, "%s", summary);
  }
  _cm_load_clear_skips (load);
}

void
_cm_load_clear_skips (CmLoad *load)
{
  if (load->skips == NULL)
    return;
  g_ptr_array_unref (load->skips->reasons);
  g_clear_pointer (&load->skips, g_free);
}

/* Text of a cell as dataset text: referenced in the file when it is there
 * verbatim, decoded otherwise. */
static CmText
cell_text (CmLoad        *load,
           const CmTable *table,
           guint          row,
           int            column,
           GString       *scratch,
           gboolean       html)
{
  CmCell cell;

  if (column < 0 || !cm_table_cell (table, row, column, &cell) || cell.len == 0)
    return 0;
  /* A quoted CSV field without a doubled quote is its bytes too: not
   * copied, a million summaries are a hundred megabytes. */
  if (!html && table->data == load->data &&
      (cell.kind == CM_CELL_RAW || cell.kind == CM_CELL_JSON ||
       (cell.kind == CM_CELL_CSV && memchr (load->data + cell.offset, '"', cell.len) == NULL)))
    return _cm_load_text_ref (load, cell.offset, cell.len, cell.kind == CM_CELL_JSON &&
                              memchr (load->data + cell.offset, '\\', cell.len) != NULL);
  cm_table_text (table, row, column, scratch);
  if (html)
    {
      g_autofree char *plain = _cm_html_to_text (scratch->str);
      return _cm_dataset_text_from_string (load->dataset, plain);
    }
  return _cm_dataset_text_from_string (load->dataset, scratch->str);
}

static gboolean
cell_double (const CmTable *table,
             guint          row,
             int            column,
             GString       *scratch,
             double        *value)
{
  CmCell cell;

  if (column < 0 || !cm_table_cell (table, row, column, &cell))
    return FALSE;
  /* Read where it is: a quoted CSV number has no quote to undo, and one
   * with a quote is no number either way. */
  if (cell.kind == CM_CELL_RAW || cell.kind == CM_CELL_CSV)
    return cm_number_parse (table->data + cell.offset, cell.len, value);
  if (cell.kind == CM_CELL_ARENA)
    return cm_number_parse (table->arena->str + cell.offset, cell.len, value);
  cm_table_text (table, row, column, scratch);
  return cm_number_parse (scratch->str, scratch->len, value);
}

/* The column that best names a row when it has no title: a name, a place,
 * an epicentre, else the first column of words. Never "Feature 2470". */
static int
label_column (const CmTable    *table,
              const CmFieldMap *map)
{
  static const char * const names[] = {
    "name", "title", "label", "place", "location", "epicenter", "epicentre", "city", "site",
    "description", "summary", "名称", "地点", NULL,
  };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint n = 0; names[n] != NULL; n++)
    for (guint c = 0; c < table->names->len; c++)
      if (g_ascii_strcasecmp (table->names->pdata[c], names[n]) == 0 && (int) c != map->column[CM_ROLE_DATE])
        return (int) c;
  for (guint c = 0; c < table->names->len; c++)
    {
      gboolean used = FALSE;
      guint words = 0, rows = MIN (cm_table_n_rows (table), 50);

      for (guint r = 0; r < CM_N_ROLES; r++)
        used = used || map->column[r] == (int) c;
      if (used)
        continue;
      for (guint r = 0; r < rows; r++)
        if (cm_table_text (table, r, c, text) && text->len > 2 && text->len < 200 &&
            g_ascii_isalpha (text->str[0]) && strstr (text->str, "://") == NULL)
          words++;
      if (rows > 0 && words * 2 >= rows)
        return (int) c;
    }
  return -1;
}

static gint32
url_source (CmLoad     *load,
            GHashTable *urls,
            const char *url)
{
  CmDataset *ds = load->dataset;
  gpointer found;
  CmSource s = { 0 };
  char id[32];

  if (g_hash_table_lookup_extended (urls, url, NULL, &found))
    return GPOINTER_TO_INT (found);
  g_snprintf (id, sizeof id, "url-%u", ds->sources->len + 1);
  s.id = _cm_dataset_intern (ds, id);
  s.url = _cm_dataset_intern (ds, url);
  s.title = s.url;
  g_array_append_val (ds->sources, s);
  g_hash_table_insert (urls, (gpointer) s.url, GINT_TO_POINTER (ds->sources->len - 1));
  return ds->sources->len - 1;
}

/* "item-ROW" without printf: once per row. */
static void
item_id (char  *out,
         guint  row)
{
  char digits[12];
  int n = 0;

  do
    digits[n++] = '0' + row % 10;
  while ((row /= 10) > 0);
  memcpy (out, "item-", 5);
  out += 5;
  while (n > 0)
    *out++ = digits[--n];
  *out = '\0';
}

/* The Import dialog shows how its first rows are read. */
static void
preview_read (CmLoad       *load,
              guint         row,
              const CmDate *date,
              const char   *skipped)
{
  CmImportRead read = { { 0 }, skipped };

  if (load->preview == NULL || load->preview->read == NULL || row >= load->preview->rows->len)
    return;
  if (date != NULL)
    read.date = *date;
  g_array_append_val (load->preview->read, read);
}

gboolean
_cm_load_table (CmLoad     *load,
                CmTable    *table,
                CmLoadUnit  unit,
                GHashTable *places)
{
  CmDataset *ds = load->dataset;
  CmFieldMap map;
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GHashTable) categories = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) urls = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_rows = cm_table_n_rows (table);
  guint n_no_point = 0, n_bad_point = 0, n_title_rows = 0;
  int label, id_column;
  gboolean features = unit == CM_LOAD_FEATURES;
  /* Looked up once, not once a row. */
  const char *row_format = _("row %u");


  if (!cm_field_map_detect (&map, table, load->options))
    {
      if (load->preview != NULL)
        _cm_import_preview_capture (load->preview, table, &map, FALSE);
      cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, G_MAXSIZE, NULL,
                          features ? _("no usable feature: %s") : _("no usable row: %s"), map.error);
      cm_field_map_clear (&map);
      return FALSE;
    }
  if (load->preview != NULL)
    _cm_import_preview_capture (load->preview, table, &map, TRUE);
  for (guint i = 0; i < map.notes->len; i++)
    cm_diagnostics_add (load->diags, CM_SEVERITY_NOTE, G_MAXSIZE, NULL, "%s", (const char *) map.notes->pdata[i]);
  /* Room for every row at once (in plain pages: see cm_csv_parse), and an
   * id table that never grows. */
  if (ds->announcements->len == 0 && n_rows > 0)
    {
      g_array_unref (ds->announcements);
      ds->announcements = g_array_sized_new (FALSE, TRUE, sizeof (CmAnnouncement), n_rows);
      cm_id_table_free (ds->announcement_ids);
      ds->announcement_ids = cm_id_table_new (n_rows);
    }
  label = label_column (table, &map);
  id_column = -1;
  for (guint c = 0; c < table->names->len; c++)
    if (g_ascii_strcasecmp (table->names->pdata[c], "id") == 0)
      id_column = (int) c;

  for (guint row = 0; row < n_rows && !load->cancelled; row++)
    {
      gsize offset = table->csv ? g_array_index (table->csv->row_offsets, gsize, row + 1)
                                : g_array_index (table->row_offsets, gsize, row);
      CmDate date, end;
      gboolean has_end;
      const char *why = NULL;
      g_autofree char *detail = NULL;
      g_autofree char *pointer = NULL;
      CmAnnouncement a = { 0 };
      double lat = NAN, lon = NAN;
      gint32 place = -1;
      char id[32];

      if ((row & 4095) == 0 && !_cm_load_tick (load, CM_LOAD_READING (table->progress_from +
                                                                   (1 - table->progress_from) * row / (double) MAX (n_rows, 1))))
        break;
      if (table->pointer_prefix != NULL)
        pointer = g_strdup_printf ("%s/%u", table->pointer_prefix, row);
      else if (offset == G_MAXSIZE)
        /* Spreadsheets and GIS layers have no byte offsets: the row as a
         * spreadsheet numbers it, after its header. */
        pointer = g_strdup_printf (row_format, row + 2);

      /* The TimelineJS sheet's title slide names the timeline; it is not
       * an event. */
      if (map.timelinejs && map.tjs[9] >= 0 && cm_table_text (table, row, map.tjs[9], scratch) &&
          g_ascii_strcasecmp (scratch->str, "title") == 0)
        {
          if (ds->title == NULL && cm_table_text (table, row, map.column[CM_ROLE_TITLE], scratch))
            ds->title = _cm_html_to_text (scratch->str);
          n_title_rows++;
          preview_read (load, row, NULL, N_("the timeline's title"));
          continue;
        }
      if (!cm_field_map_row_date (&map, table, row, scratch, &date, &end, &has_end, &why, &detail))
        {
          _cm_load_skip (load, offset, pointer ? pointer : "", why,
                         features ? _("feature skipped: %s") : _("row skipped: %s"), detail);
          preview_read (load, row, NULL, why);
          continue;
        }
      preview_read (load, row, &date, NULL);

      /* Where: lat/lon columns, else the row's geometry. */
      if (map.column[CM_ROLE_LAT] >= 0 || map.column[CM_ROLE_LON] >= 0)
        {
          if (!cell_double (table, row, map.column[CM_ROLE_LAT], scratch, &lat) ||
              !cell_double (table, row, map.column[CM_ROLE_LON], scratch, &lon))
            lat = lon = NAN;
        }
      else if (table->points != NULL)
        {
          lat = g_array_index (table->points, double, 2 * row);
          lon = g_array_index (table->points, double, 2 * row + 1);
        }

      /* The title, or the best property the row has. */
      a.title = cell_text (load, table, row, map.column[CM_ROLE_TITLE], scratch, map.timelinejs);
      if (a.title == 0 && label >= 0)
        a.title = cell_text (load, table, row, label, scratch, FALSE);
      if (a.title == 0)
        a.title = cell_text (load, table, row, map.column[CM_ROLE_PLACE], scratch, FALSE);
      if (a.title == 0)
        {
          g_autofree char *when = cm_date_format (date.start, date.precision);
          g_autofree char *title = NULL;
          if (map.column[CM_ROLE_CATEGORY] >= 0 && cm_table_text (table, row, map.column[CM_ROLE_CATEGORY], scratch) &&
              scratch->len > 0)
            title = g_strdup_printf ("%s, %s", scratch->str, when);
          else
            title = g_strdup_printf (_("Untitled, %s"), when);
          a.title = _cm_dataset_text_from_string (ds, title);
        }
      a.summary = cell_text (load, table, row, map.column[CM_ROLE_SUMMARY], scratch, map.timelinejs);

      if (isfinite (lat) && isfinite (lon))
        {
          if (fabs (lat) > 90 || fabs (lon) > 180)
            n_bad_point++;
          else
            {
              g_string_truncate (name, 0);
              if (map.column[CM_ROLE_PLACE] >= 0)
                cm_table_text (table, row, map.column[CM_ROLE_PLACE], name);
              if (name->len == 0)
                {
                  g_autofree char *t = cm_dataset_dup_text (ds, a.title);
                  g_string_assign (name, t ? t : "");
                }
              place = _cm_load_point_place (load, places, lat, lon, name->str);
            }
        }
      else
        n_no_point++;

      if (map.column[CM_ROLE_CATEGORY] >= 0 && cm_table_text (table, row, map.column[CM_ROLE_CATEGORY], scratch) &&
          scratch->len > 0)
        a.category = _cm_load_category_for_label (load, categories, scratch->str);
      else
        a.category = _cm_load_category_for_label (load, categories, _("Events"));

      item_id (id, row);
      if (id_column >= 0 && cm_table_text (table, row, id_column, scratch) && scratch->len > 0 &&
          cm_id_table_lookup (ds->announcement_ids, scratch->str) < 0)
        a.id = _cm_load_copy (load, scratch->str);
      else
        {
          /* Without an id column, item-ROW cannot repeat. */
          for (guint n = 2; id_column >= 0 && cm_id_table_lookup (ds->announcement_ids, id) >= 0; n++)
            g_snprintf (id, sizeof id, "item-%u-%u", row, n);
          /* Unique either way: copied, not interned (whose hash of every
           * id was a tenth of an import). */
          a.id = _cm_load_copy (load, id);
        }
      /* The date as the file writes it; convert writes ISO from the times. */
      a.date_text = cell_text (load, table, row, map.column[CM_ROLE_DATE], scratch, FALSE);
      if (map.timelinejs && map.tjs[8] >= 0)
        a.date_note = cell_text (load, table, row, map.tjs[8], scratch, FALSE);
      a.start = date.start;
      a.end = date.end;
      a.precision = date.precision;
      if (has_end && end.end > date.start)
        {
          a.end = MAX (end.end, date.end);
          a.end_precision = end.precision;
          a.end_text = cell_text (load, table, row, map.column[CM_ROLE_END], scratch, FALSE);
        }
      a.place = place;
      a.first_actor = ds->actors->len;
      a.first_source = ds->source_refs->len;
      if (map.column[CM_ROLE_URL] >= 0 && cm_table_text (table, row, map.column[CM_ROLE_URL], scratch) &&
          (g_str_has_prefix (scratch->str, "http://") || g_str_has_prefix (scratch->str, "https://")))
        {
          gint32 ref = url_source (load, urls, scratch->str);
          g_array_append_val (ds->source_refs, ref);
          a.n_sources = 1;
        }
      g_array_append_val (ds->announcements, a);
      cm_id_table_insert (ds->announcement_ids, a.id, ds->announcements->len - 1);
    }

  if (n_bad_point > 0)
    cm_diagnostics_add (load->diags, CM_SEVERITY_WARNING, G_MAXSIZE, NULL,
                        features ? g_dngettext (GETTEXT_PACKAGE,
                                                "%u feature has coordinates out of range and is shown on the timeline only",
                                                "%u features have coordinates out of range and are shown on the timeline only",
                                                n_bad_point)
                                 : g_dngettext (GETTEXT_PACKAGE,
                                                "%u row has coordinates out of range and is shown on the timeline only",
                                                "%u rows have coordinates out of range and are shown on the timeline only",
                                                n_bad_point),
                        n_bad_point);
  if (n_no_point > 0 && ds->announcements->len > 0 && (map.column[CM_ROLE_LAT] >= 0 || table->points != NULL))
    cm_diagnostics_add (load->diags, CM_SEVERITY_NOTE, G_MAXSIZE, NULL,
                        features ? g_dngettext (GETTEXT_PACKAGE,
                                                "%u feature has no coordinates and is shown on the timeline only",
                                                "%u features have no coordinates and are shown on the timeline only",
                                                n_no_point)
                                 : g_dngettext (GETTEXT_PACKAGE,
                                                "%u row has no coordinates and is shown on the timeline only",
                                                "%u rows have no coordinates and are shown on the timeline only",
                                                n_no_point),
                        n_no_point);
  cm_field_map_clear (&map);
  load->dataset->n_rows = n_rows - n_title_rows;
  if (load->preview != NULL)
    load->preview->n_rows = n_rows - n_title_rows;
  return TRUE;
}

/* Text that is not in its encoding has no columns to show, but the Import
 * dialog can still offer another encoding. */
static void
preview_unreadable (CmLoad *load)
{
  if (load->preview == NULL)
    return;
  load->preview->unreadable_text = TRUE;
  g_clear_pointer (&load->preview->names, g_ptr_array_unref);
  g_clear_pointer (&load->preview->rows, g_ptr_array_unref);
  load->preview->names = g_ptr_array_new_with_free_func (g_free);
  load->preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

static gboolean
convert_encoding (CmLoad *load)
{
  const char *encoding = load->options ? load->options->encoding : NULL;
  gsize read = 0, written = 0;
  g_autoptr(GError) error = NULL;
  char *utf8;

  if (encoding == NULL || g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "utf8") == 0)
    return TRUE;
  utf8 = g_convert (load->data, load->len, "UTF-8", encoding, &read, &written, &error);
  if (utf8 == NULL)
    {
      cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, read, NULL,
                          _("cannot read the file as %s: %s"), encoding, error->message);
      preview_unreadable (load);
      return FALSE;
    }
  /* The dataset's text points into its source: the converted bytes. */
  g_bytes_unref (load->dataset->source);
  load->dataset->source = g_bytes_new_take (utf8, written);
  load->data = utf8;
  load->len = written;
  return TRUE;
}

/* A table has no title of its own: its file's name without the
 * extension ("police_killings"), as a figure's title, else @fallback. */
char *
_cm_load_title_from_file (CmLoad     *load,
                          const char *fallback)
{
  const char *file_name = cm_diagnostics_get_file_name (load->diags);
  g_autofree char *base = file_name != NULL ? g_path_get_basename (file_name) : NULL;
  char *dot = base != NULL ? strrchr (base, '.') : NULL;

  if (dot != NULL && dot != base)
    *dot = '\0';
  return base != NULL && *base != '\0' && strcmp (base, ".") != 0 ? g_steal_pointer (&base) : g_strdup (fallback);
}

gboolean
_cm_load_csv (CmLoad *load)
{
  CmDataset *ds = load->dataset;
  CmCsv csv = { 0 };
  CmTable table;
  gsize bom = 0, error_offset = 0;
  g_autofree char *message = NULL;
  const char *invalid = NULL;
  g_autoptr(GHashTable) places = _cm_load_places_new ();
  g_autoptr(GString) name = g_string_new (NULL);
  gboolean ok;

  if (!convert_encoding (load))
    return TRUE;
  if (load->len >= 3 && memcmp (load->data, "\xEF\xBB\xBF", 3) == 0)
    bom = 3;
  if (!cm_utf8_validate (load->data, load->len, &invalid))
    {
      cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, invalid - load->data, NULL,
                          *invalid == '\0'
                          ? _("a NUL byte, not text, at this point; give the file's encoding with --encoding "
                              "(for example --encoding windows-1252 or --encoding GB18030)")
                          : _("not UTF-8 at this point; give the file's encoding with --encoding "
                              "(for example --encoding windows-1252 or --encoding GB18030)"));
      preview_unreadable (load);
      return TRUE;
    }
  if (!cm_csv_parse (load->data + bom, load->len - bom, cm_csv_sniff (load->data + bom, load->len - bom),
                     &csv, &error_offset, &message))
    {
      cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, error_offset + bom, NULL, "%s", message);
      cm_csv_clear (&csv);
      return TRUE;
    }
  /* Offsets are into the data after the BOM: shift them back. */
  if (bom > 0)
    {
      for (guint i = 0; i < csv.fields->len; i++)
        g_array_index (csv.fields, CmCsvField, i).offset += bom;
      for (guint i = 0; i < csv.row_offsets->len; i++)
        g_array_index (csv.row_offsets, gsize, i) += bom;
    }
  if (cm_csv_n_rows (&csv) < 2)
    {
      cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, bom, NULL,
                          _("a CSV file needs a header row and at least one row of data"));
      cm_csv_clear (&csv);
      return TRUE;
    }

  cm_table_init (&table, load->data);
  table.csv = &csv;
  for (guint c = 0; c < cm_csv_row_n_fields (&csv, 0); c++)
    {
      g_string_truncate (name, 0);
      cm_csv_field_text (load->data, cm_csv_field (&csv, 0, c), name);
      g_strstrip (name->str);
      g_ptr_array_add (table.names, g_strdup (name->str[0] ? name->str : _("(unnamed)")));
    }
  /* Rows with another number of fields than the header are refused by
   * name, not read shifted. */
  {
    guint header = cm_csv_row_n_fields (&csv, 0);
    for (guint r = 1; r < cm_csv_n_rows (&csv); r++)
      if (cm_csv_row_n_fields (&csv, r) != header && !(cm_csv_row_n_fields (&csv, r) == 1 &&
                                                      cm_csv_field (&csv, r, 0)->len == 0))
        {
          /* Replace by an empty row so that its date is missing and it is
           * skipped with the count in the summary. */
          _cm_load_skip (load, g_array_index (csv.row_offsets, gsize, r), "", N_("wrong number of fields"),
                         _("row skipped: it has %u fields, the header has %u"), cm_csv_row_n_fields (&csv, r), header);
          g_array_index (csv.rows, guint, r + 1) = g_array_index (csv.rows, guint, r);
        }
  }
  ds->format = CM_FORMAT_CSV;
  ok = _cm_load_table (load, &table, CM_LOAD_ROWS, places);
  if (ok)
    {
      _cm_load_finish_skips (load, cm_table_n_rows (&table), CM_LOAD_ROWS);
      if (ds->announcements->len == 0)
        cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, bom, NULL,
                            g_dngettext (GETTEXT_PACKAGE, "no usable row: %u row without a readable date",
                                         "no usable row: none of the %u rows has a readable date",
                                         cm_table_n_rows (&table)),
                            cm_table_n_rows (&table));
    }
  if (ds->title == NULL)
    ds->title = _cm_load_title_from_file (load, _("CSV table"));

  cm_table_clear (&table);
  cm_csv_clear (&csv);
  return !load->cancelled;
}
