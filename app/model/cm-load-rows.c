/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include "cm-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cm-gazetteer.h"
#include "cm-id-table.h"
#include "cm-loader-private.h"
#include "cm-number.h"
#include "cm-text.h"

/* The rows of a table to announcements, by the field mapping: most of an
 * import's time. A large table is read by two threads, one half each; the
 * second reads into a dataset of its own, which is then folded into the
 * loading thread's in its order, so that places, categories, sources, ids
 * and skipped rows come out as one thread reading every row would make
 * them. */

#ifndef PARALLEL_MIN_ROWS   /* the fuzz build lowers it to reach this path */
#define PARALLEL_MIN_ROWS 20000
#endif

typedef struct
{
  CmLoad           *load;         /* the loading thread's, or &own */
  CmLoad            own;          /* the second worker's: its dataset, skips and pointer */
  const CmTable    *table;
  const CmFieldMap *map;
  CmLoadUnit        unit;
  int               label;
  int               id_column;
  guint             first;
  guint             last;
  GHashTable       *places;
  GHashTable       *categories;
  GHashTable       *urls;
  GHashTable       *located;      /* place key -> Located or NULL, in a table without coordinates */
  int               region_column; /* a state or province narrowing the names, or -1 */
  GArray           *rows;         /* guint: each announcement's row, for ids read from a column */
  CmAnnouncement   *out;          /* where its announcements go, in the dataset's array */
  guint             n_out;
  CmRowCounts       counts;
} Worker;

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

/* Whether column @c is taken by a role of @map. */
static gboolean
column_has_role (const CmFieldMap *map,
                 guint             c)
{
  for (guint r = 0; r < CM_N_ROLES; r++)
    if (map->column[r] == (int) c)
      return TRUE;
  return FALSE;
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
      guint words = 0, rows = MIN (cm_table_n_rows (table), 50);

      if (column_has_role (map, c))
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

/* A table without coordinates but with a place column: each distinct
 * name is looked up once in the offline gazetteer, before the rows are
 * read, and located only when it names exactly one place there. What
 * was located, and what not, is said in notes: a guess made silently is
 * the mistake a user cannot see. */
#define MAX_NAMES_LOCATED 20000

typedef struct
{
  double lat;
  double lon;
} Located;

/* A note of @names, by @format (translated, with %u for how many and %s
 * for the first three, "\"Wuhan\", \"Hebi\", \"Hefei\", …"). */
static void
note_names (CmLoad     *load,
            GPtrArray  *names,
            const char *format)
{
  g_autoptr(GString) list = g_string_new (NULL);

  if (names->len == 0)
    return;
  for (guint i = 0; i < MIN (names->len, 3); i++)
    g_string_append_printf (list, "%s\"%s\"", i ? C_("list", ", ") : "", (const char *) names->pdata[i]);
  if (names->len > 3)
    g_string_append (list, _(", …"));
  cm_diagnostics_add (load->diags, CM_SEVERITY_NOTE, G_MAXSIZE, NULL, format, names->len, list->str);
}

/* A column of the state or province a place name lies in, which the
 * gazetteer narrows its candidates by ("Springfield" in "Illinois"). */
static int
region_column (const CmTable    *table,
               const CmFieldMap *map)
{
  static const char * const names[] = { "state", "province", "region", "admin1", "省", "省份", "州", NULL };

  for (guint n = 0; names[n] != NULL; n++)
    for (guint c = 0; c < table->names->len; c++)
      if (!column_has_role (map, c) && g_ascii_strcasecmp (table->names->pdata[c], names[n]) == 0)
        return (int) c;
  return -1;
}

/* The key a row's place is located by: its name, and its region after a
 * unit separator when the table has one. FALSE when it names none. */
static gboolean
place_key (const CmTable *table,
           guint          row,
           int            place_column,
           int            region_column,
           GString       *key,
           GString       *scratch)
{
  if (!cm_table_text (table, row, place_column, key) || key->len == 0)
    return FALSE;
  if (region_column >= 0 && cm_table_text (table, row, region_column, scratch) && scratch->len > 0)
    {
      g_string_append_c (key, '\x1f');
      g_string_append_len (key, scratch->str, scratch->len);
    }
  return TRUE;
}

/* Every key looked up, to its Located, or to NULL when it was not. */
static GHashTable *
locate_names (CmLoad        *load,
              const CmTable *table,
              int            column,
              int            region)
{
  GHashTable *located = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) several = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GString) scratch = g_string_new (NULL);
  guint n_rows = cm_table_n_rows (table);

  for (guint row = 0; row < n_rows && g_hash_table_size (located) < MAX_NAMES_LOCATED; row++)
    {
      g_autoptr(GPtrArray) matches = NULL;
      g_auto(GStrv) parts = NULL;
      Located *at = NULL;
      char *shown;

      if (!place_key (table, row, column, region, key, scratch) || g_hash_table_contains (located, key->str))
        continue;
      parts = g_strsplit (key->str, "\x1f", 2);
      /* Narrowed by the region when it has one; a region the gazetteer
       * names otherwise ("IL" for Illinois) only narrows nothing. */
      if (parts[1] != NULL)
        matches = cm_gazetteer_lookup (parts[0], NULL, (const char * const []) { parts[1], NULL });
      if (matches == NULL || matches->len == 0)
        {
          g_clear_pointer (&matches, g_ptr_array_unref);
          matches = cm_gazetteer_lookup (parts[0], NULL, NULL);
        }
      shown = parts[1] != NULL ? g_strdup_printf ("%s (%s)", parts[0], parts[1]) : g_strdup (parts[0]);
      if (matches == NULL || matches->len == 0)
        g_ptr_array_add (unknown, shown);
      else if (matches->len > 1)
        g_ptr_array_add (several, shown);
      else
        {
          const CmGazetteerMatch *m = matches->pdata[0];

          at = g_new (Located, 1);
          at->lat = m->lat;
          at->lon = m->lon;
          g_ptr_array_add (found, shown);
        }
      g_hash_table_insert (located, g_strdup (key->str), at);
    }
  note_names (load, found,
              g_dngettext (GETTEXT_PACKAGE,
                           "%u place name located by the offline gazetteer (GeoNames), as the table has no latitude "
                           "and longitude columns: %s; check it on the map, or name coordinate columns with --lat and "
                           "--lon",
                           "%u place names located by the offline gazetteer (GeoNames), as the table has no latitude "
                           "and longitude columns: %s; check them on the map, or name coordinate columns with --lat "
                           "and --lon", found->len));
  note_names (load, several,
              g_dngettext (GETTEXT_PACKAGE,
                           "%u place name names several places in the offline gazetteer, so its rows are on the "
                           "timeline only: %s",
                           "%u place names name several places in the offline gazetteer, so their rows are on the "
                           "timeline only: %s", several->len));
  note_names (load, unknown,
              g_dngettext (GETTEXT_PACKAGE,
                           "%u place name is not in the offline gazetteer, so its rows are on the timeline only: %s",
                           "%u place names are not in the offline gazetteer, so their rows are on the timeline only: "
                           "%s", unknown->len));
  return located;
}

/* Whether to stop: cancelled. Only the first worker reports progress. */
static gboolean
worker_stops (Worker *w,
              guint   row)
{
  CmLoad *load = w->load;
  double done;

  if (load != &w->own)
    {
      done = (row - w->first) / (double) MAX (w->last - w->first, 1);
      return !_cm_load_tick (load, CM_LOAD_READING (w->table->progress_from + (1 - w->table->progress_from) * done));
    }
  if (load->cancellable != NULL && g_cancellable_is_cancelled (load->cancellable))
    load->cancelled = TRUE;
  return load->cancelled;
}

static void
worker_run_rows (Worker *w)
{
  CmLoad *load = w->load;
  CmDataset *ds = load->dataset;
  const CmTable *table = w->table;
  const CmFieldMap *map = w->map;
  gboolean features = w->unit == CM_LOAD_FEATURES;
  /* Looked up once, not once a row. */
  const char *row_format = _("row %u");
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(GString) name = g_string_new (NULL);

  for (guint row = w->first; row < w->last && !load->cancelled; row++)
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
      gboolean by_name = FALSE;
      gint32 place = -1;

      if (((row - w->first) & 4095) == 0 && worker_stops (w, row))
        break;
      if (table->pointer_prefix != NULL)
        pointer = g_strdup_printf ("%s/%u", table->pointer_prefix, row);
      else if (offset == G_MAXSIZE)
        /* Spreadsheets and GIS layers have no byte offsets: the row as a
         * spreadsheet numbers it, after its header. */
        pointer = g_strdup_printf (row_format, row + 2);

      /* The TimelineJS sheet's title slide names the timeline; it is not
       * an event. */
      if (map->timelinejs && map->tjs[9] >= 0 && cm_table_text (table, row, map->tjs[9], scratch) &&
          g_ascii_strcasecmp (scratch->str, "title") == 0)
        {
          if (ds->title == NULL && cm_table_text (table, row, map->column[CM_ROLE_TITLE], scratch))
            ds->title = _cm_html_to_text (scratch->str);
          w->counts.n_title_rows++;
          preview_read (load, row, NULL, N_("the timeline's title"));
          continue;
        }
      if (!cm_field_map_row_date (map, table, row, scratch, &date, &end, &has_end, &why, &detail))
        {
          _cm_load_skip (load, offset, pointer ? pointer : "", why,
                         features ? _("feature skipped: %s") : _("row skipped: %s"), detail);
          preview_read (load, row, NULL, why);
          continue;
        }
      preview_read (load, row, &date, NULL);

      /* Where: lat/lon columns, else the row's geometry. */
      if (map->column[CM_ROLE_LAT] >= 0 || map->column[CM_ROLE_LON] >= 0)
        {
          if (!cell_double (table, row, map->column[CM_ROLE_LAT], scratch, &lat) ||
              !cell_double (table, row, map->column[CM_ROLE_LON], scratch, &lon))
            lat = lon = NAN;
        }
      else if (table->points != NULL)
        {
          lat = g_array_index (table->points, double, 2 * row);
          lon = g_array_index (table->points, double, 2 * row + 1);
        }
      else if (w->located != NULL && place_key (table, row, map->column[CM_ROLE_PLACE], w->region_column, scratch, name))
        {
          const Located *at = g_hash_table_lookup (w->located, scratch->str);

          if (at != NULL)
            {
              lat = at->lat;
              lon = at->lon;
              by_name = TRUE;
            }
        }

      /* The title, or the best property the row has. */
      a.title = cell_text (load, table, row, map->column[CM_ROLE_TITLE], scratch, map->timelinejs);
      if (a.title == 0 && w->label >= 0)
        a.title = cell_text (load, table, row, w->label, scratch, FALSE);
      if (a.title == 0)
        a.title = cell_text (load, table, row, map->column[CM_ROLE_PLACE], scratch, FALSE);
      if (a.title == 0)
        {
          g_autofree char *when = cm_date_format (date.start, date.precision);
          g_autofree char *title = NULL;
          if (map->column[CM_ROLE_CATEGORY] >= 0 && cm_table_text (table, row, map->column[CM_ROLE_CATEGORY], scratch) &&
              scratch->len > 0)
            title = g_strdup_printf ("%s, %s", scratch->str, when);
          else
            title = g_strdup_printf (_("Untitled, %s"), when);
          a.title = _cm_dataset_text_from_string (ds, title);
        }
      a.summary = cell_text (load, table, row, map->column[CM_ROLE_SUMMARY], scratch, map->timelinejs);

      if (isfinite (lat) && isfinite (lon))
        {
          if (fabs (lat) > 90 || fabs (lon) > 180)
            w->counts.n_bad_point++;
          else
            {
              g_string_truncate (name, 0);
              if (map->column[CM_ROLE_PLACE] >= 0)
                cm_table_text (table, row, map->column[CM_ROLE_PLACE], name);
              if (name->len == 0)
                {
                  g_autofree char *t = cm_dataset_dup_text (ds, a.title);
                  g_string_assign (name, t ? t : "");
                }
              place = _cm_load_point_place (load, w->places, lat, lon, name->str);
              if (by_name)
                g_array_index (ds->places, CmPlace, place).coords = CM_COORDS_GAZETTEER;
            }
        }
      else
        w->counts.n_no_point++;

      if (map->column[CM_ROLE_CATEGORY] >= 0 && cm_table_text (table, row, map->column[CM_ROLE_CATEGORY], scratch) &&
          scratch->len > 0)
        a.category = _cm_load_category_for_label (load, w->categories, scratch->str);
      else
        a.category = _cm_load_category_for_label (load, w->categories, _("Events"));

      /* Ids read from a column are made unique afterwards, in row order
       * (assign_ids); without one, item-ROW cannot repeat and is copied,
       * not indexed: the index is built if ever asked for. */
      if (w->id_column >= 0)
        g_array_append_val (w->rows, row);
      else
        {
          char id[32];

          item_id (id, row);
          a.id = _cm_load_copy (load, id);
        }
      /* The date as the file writes it; convert writes ISO from the times. */
      a.date_text = cell_text (load, table, row, map->column[CM_ROLE_DATE], scratch, FALSE);
      if (map->timelinejs && map->tjs[8] >= 0)
        a.date_note = cell_text (load, table, row, map->tjs[8], scratch, FALSE);
      a.start = date.start;
      a.end = date.end;
      a.precision = date.precision;
      if (has_end && end.end > date.start)
        {
          a.end = MAX (end.end, date.end);
          a.end_precision = end.precision;
          a.end_text = cell_text (load, table, row, map->column[CM_ROLE_END], scratch, FALSE);
        }
      a.place = place;
      a.first_actor = ds->actors->len;
      a.first_source = ds->source_refs->len;
      if (map->column[CM_ROLE_URL] >= 0 && cm_table_text (table, row, map->column[CM_ROLE_URL], scratch) &&
          (g_str_has_prefix (scratch->str, "http://") || g_str_has_prefix (scratch->str, "https://")))
        {
          gint32 ref = url_source (load, w->urls, scratch->str);
          g_array_append_val (ds->source_refs, ref);
          a.n_sources = 1;
        }
      w->out[w->n_out++] = a;
    }
}

static gpointer
worker_thread (gpointer data)
{
  worker_run_rows (data);
  return NULL;
}

/* Folds the second worker's dataset into the loading thread's, as if the
 * first had gone on reading: its new places, categories and sources are
 * added in the order it met them. */
static void
worker_merge (Worker *main,
              Worker *w)
{
  CmLoad *load = main->load;
  CmDataset *ds = load->dataset;
  CmDataset *from = w->load->dataset;
  g_autofree gint32 *place_map = g_new (gint32, MAX (from->places->len, 1));
  g_autofree gint32 *category_map = g_new (gint32, MAX (from->categories->len, 1));
  g_autofree gint32 *source_map = g_new (gint32, MAX (from->sources->len, 1));
  gsize arena_delta = ds->arena->len;
  guint actor_delta = ds->actors->len;
  guint ref_delta = ds->source_refs->len;

  for (guint i = 0; i < from->places->len; i++)
    {
      const CmPlace *p = &g_array_index (from->places, CmPlace, i);
      place_map[i] = _cm_load_point_place (load, main->places, p->lat, p->lon, p->name);
      g_array_index (ds->places, CmPlace, place_map[i]).coords = p->coords;
    }
  for (guint i = 0; i < from->categories->len; i++)
    category_map[i] = _cm_load_category_for_label (load, main->categories,
                                                   g_array_index (from->categories, CmCategory, i).label);
  for (guint i = 0; i < from->sources->len; i++)
    source_map[i] = url_source (load, main->urls, g_array_index (from->sources, CmSource, i).url);
  for (guint i = 0; i < from->source_refs->len; i++)
    {
      gint32 ref = source_map[g_array_index (from->source_refs, gint32, i)];
      g_array_append_val (ds->source_refs, ref);
    }

  /* Its announcements follow the first's: where it wrote them unless the
   * first skipped rows. */
  if (w->out != main->out + main->n_out)
    memmove (main->out + main->n_out, w->out, sizeof (CmAnnouncement) * w->n_out);
  g_string_append_len (ds->arena, from->arena->str, from->arena->len);
  for (guint i = 0; i < w->n_out; i++)
    {
      CmAnnouncement *a = &main->out[main->n_out + i];

      _cm_dataset_shift_texts (ds, a, arena_delta);
      if (a->place >= 0)
        a->place = place_map[a->place];
      a->category = category_map[a->category];
      a->first_actor += actor_delta;
      a->first_source += ref_delta;
    }
  main->n_out += w->n_out;
  if (main->rows != NULL)
    g_array_append_vals (main->rows, w->rows->data, w->rows->len);
  /* Its ids were copied into its own strings. */
  _cm_dataset_adopt_strings (ds, from);
  if (ds->title == NULL)
    ds->title = g_steal_pointer (&from->title);
  _cm_load_merge_skips (load, w->load);
  load->cancelled |= w->load->cancelled;
  main->counts.n_no_point += w->counts.n_no_point;
  main->counts.n_bad_point += w->counts.n_bad_point;
  main->counts.n_title_rows += w->counts.n_title_rows;
}

/* Ids from a column, kept where they are unique and filled in as item-ROW
 * (item-ROW-N if the file itself uses that) where they are missing or
 * repeat: in row order, whichever thread read the row. */
static void
assign_ids (Worker *w,
            guint   first)
{
  CmLoad *load = w->load;
  CmDataset *ds = load->dataset;
  g_autoptr(GString) scratch = g_string_new (NULL);

  if (first == 0)
    {
      cm_id_table_free (ds->announcement_ids);
      ds->announcement_ids = cm_id_table_new (ds->announcements->len);
    }
  for (guint i = first; i < ds->announcements->len; i++)
    {
      CmAnnouncement *a = &g_array_index (ds->announcements, CmAnnouncement, i);
      guint row = g_array_index (w->rows, guint, i - first);
      char id[32];

      if (cm_table_text (w->table, row, w->id_column, scratch) && scratch->len > 0 &&
          cm_id_table_lookup (ds->announcement_ids, scratch->str) < 0)
        a->id = _cm_load_copy (load, scratch->str);
      else
        {
          item_id (id, row);
          for (guint n = 2; cm_id_table_lookup (ds->announcement_ids, id) >= 0; n++)
            g_snprintf (id, sizeof id, "item-%u-%u", row, n);
          a->id = _cm_load_copy (load, id);
        }
      cm_id_table_insert (ds->announcement_ids, a->id, i);
    }
}

void
_cm_load_rows (CmLoad           *load,
               const CmTable    *table,
               const CmFieldMap *map,
               CmLoadUnit        unit,
               GHashTable       *places,
               CmRowCounts      *counts)
{
  CmDataset *ds = load->dataset;
  guint n_rows = cm_table_n_rows (table);
  guint first = ds->announcements->len;
  g_autoptr(GHashTable) categories = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) urls = g_hash_table_new (g_str_hash, g_str_equal);
  Worker main = { 0 }, second = { 0 };
  int id_column = -1;
  guint split;

  /* Room for every row at once (in plain pages: see cm_csv_parse), not
   * cleared: each worker writes the announcements of its rows from its
   * own place in it, and what is past the last is cut off at the end. */
  if (first == 0 && n_rows > 0)
    {
      g_array_unref (ds->announcements);
      ds->announcements = g_array_sized_new (FALSE, FALSE, sizeof (CmAnnouncement), n_rows);
    }
  g_array_set_size (ds->announcements, first + n_rows);
  for (guint c = 0; c < table->names->len; c++)
    if (g_ascii_strcasecmp (table->names->pdata[c], "id") == 0)
      id_column = (int) c;

  main.load = load;
  main.table = table;
  main.map = map;
  main.unit = unit;
  main.label = label_column (table, map);
  main.id_column = id_column;
  main.first = 0;
  main.last = n_rows;
  main.places = places;
  main.categories = categories;
  main.urls = urls;
  main.rows = id_column >= 0 ? g_array_sized_new (FALSE, FALSE, sizeof (guint), n_rows) : NULL;
  main.out = &g_array_index (ds->announcements, CmAnnouncement, first);
  main.region_column = -1;
  if (map->column[CM_ROLE_LAT] < 0 && map->column[CM_ROLE_LON] < 0 && table->points == NULL &&
      map->column[CM_ROLE_PLACE] >= 0)
    {
      main.region_column = region_column (table, map);
      main.located = locate_names (load, table, map->column[CM_ROLE_PLACE], main.region_column);
    }

  /* The rows the Import dialog shows are read by the first worker, which
   * keeps their preview. */
  split = MAX (n_rows / 2, load->preview != NULL && load->preview->rows != NULL ? load->preview->rows->len : 0);
  if (n_rows >= PARALLEL_MIN_ROWS && split < n_rows && g_get_num_processors () >= 2)
    {
      GThread *thread;

      second = main;
      second.own = *load;
      second.own.dataset = cm_dataset_new (ds->source);
      second.own.diags = cm_diagnostics_new (cm_diagnostics_get_file_name (load->diags));
      second.own.pointer = g_string_new (NULL);
      second.own.skips = NULL;
      second.own.preview = NULL;
      second.own.strings = NULL;
      second.own.arena = NULL;
      second.load = &second.own;
      second.first = main.last = split;
      second.places = _cm_load_places_new ();
      second.categories = g_hash_table_new (g_str_hash, g_str_equal);
      second.urls = g_hash_table_new (g_str_hash, g_str_equal);
      second.rows = id_column >= 0 ? g_array_new (FALSE, FALSE, sizeof (guint)) : NULL;
      second.out = main.out + split;

      /* Without a thread to be had, the halves are read one after the
       * other: the same result. */
      thread = g_thread_try_new ("cm-load-rows", worker_thread, &second, NULL);
      worker_run_rows (&main);
      if (thread != NULL)
        g_thread_join (thread);
      else
        worker_run_rows (&second);
      worker_merge (&main, &second);

      g_object_unref (second.own.dataset);
      cm_diagnostics_free (second.own.diags);
      g_string_free (second.own.pointer, TRUE);
      _cm_load_clear_skips (&second.own);
      g_hash_table_unref (second.places);
      g_hash_table_unref (second.categories);
      g_hash_table_unref (second.urls);
      g_clear_pointer (&second.rows, g_array_unref);
    }
  else
    worker_run_rows (&main);
  g_array_set_size (ds->announcements, first + main.n_out);

  if (id_column >= 0)
    assign_ids (&main, first);
  else
    _cm_dataset_index_ids_later (ds);
  g_clear_pointer (&main.rows, g_array_unref);
  main.counts.located_by_name = main.located != NULL;
  g_clear_pointer (&main.located, g_hash_table_unref);
  *counts = main.counts;
}
