/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include "cm-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cm-loader-private.h"
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

static SkipReason *
find_reason (struct _CmSkips *skips,
             const char      *reason)
{
  for (guint i = 0; i < skips->reasons->len; i++)
    if (strcmp (((SkipReason *) skips->reasons->pdata[i])->reason, reason) == 0)
      return skips->reasons->pdata[i];
  return NULL;
}

void
_cm_load_skip (CmLoad     *load,
               gsize       offset,
               const char *pointer,
               const char *reason,
               const char *format,
               ...)
{
  SkipReason *s;

  if (load->skips == NULL)
    {
      load->skips = g_new0 (struct _CmSkips, 1);
      load->skips->reasons = g_ptr_array_new_with_free_func (skip_reason_free);
    }
  load->skips->total++;
  s = find_reason (load->skips, reason);
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

/* Adds @from's skips after @into's, as if one load had met them all: a
 * reason new to @into comes after its own, examples fill up to three. */
void
_cm_load_merge_skips (CmLoad *into,
                      CmLoad *from)
{
  if (from->skips == NULL)
    return;
  if (into->skips == NULL)
    {
      into->skips = g_steal_pointer (&from->skips);
      return;
    }
  into->skips->total += from->skips->total;
  for (guint i = 0; i < from->skips->reasons->len; i++)
    {
      SkipReason *f = from->skips->reasons->pdata[i];
      SkipReason *s = find_reason (into->skips, f->reason);

      if (s == NULL)
        {
          g_ptr_array_add (into->skips->reasons, g_ptr_array_steal_index (from->skips->reasons, i--));
          continue;
        }
      for (guint k = 0; k < MIN (f->count, SKIP_EXAMPLES) && s->count + k < SKIP_EXAMPLES; k++)
        {
          s->offsets[s->count + k] = f->offsets[k];
          s->pointers[s->count + k] = g_steal_pointer (&f->pointers[k]);
        }
      s->count += f->count;
    }
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

gboolean
_cm_load_table (CmLoad     *load,
                CmTable    *table,
                CmLoadUnit  unit,
                GHashTable *places)
{
  CmDataset *ds = load->dataset;
  CmFieldMap map;
  CmRowCounts counts;
  guint n_rows = cm_table_n_rows (table);
  gboolean features = unit == CM_LOAD_FEATURES;

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
  _cm_load_rows (load, table, &map, unit, places, &counts);

  if (counts.n_bad_point > 0)
    cm_diagnostics_add (load->diags, CM_SEVERITY_WARNING, G_MAXSIZE, NULL,
                        features ? g_dngettext (GETTEXT_PACKAGE,
                                                "%u feature has coordinates out of range and is shown on the timeline only",
                                                "%u features have coordinates out of range and are shown on the timeline only",
                                                counts.n_bad_point)
                                 : g_dngettext (GETTEXT_PACKAGE,
                                                "%u row has coordinates out of range and is shown on the timeline only",
                                                "%u rows have coordinates out of range and are shown on the timeline only",
                                                counts.n_bad_point),
                        counts.n_bad_point);
  if (counts.n_no_point > 0 && ds->announcements->len > 0 &&
      (map.column[CM_ROLE_LAT] >= 0 || table->points != NULL || counts.located_by_name))
    cm_diagnostics_add (load->diags, CM_SEVERITY_NOTE, G_MAXSIZE, NULL,
                        features ? g_dngettext (GETTEXT_PACKAGE,
                                                "%u feature has no coordinates and is shown on the timeline only",
                                                "%u features have no coordinates and are shown on the timeline only",
                                                counts.n_no_point)
                                 : g_dngettext (GETTEXT_PACKAGE,
                                                "%u row has no coordinates and is shown on the timeline only",
                                                "%u rows have no coordinates and are shown on the timeline only",
                                                counts.n_no_point),
                        counts.n_no_point);
  /* No coordinates and no place names to look up: said once. */
  else if (counts.n_no_point > 0 && ds->announcements->len > 0 && map.column[CM_ROLE_LAT] < 0 && table->points == NULL)
    cm_diagnostics_add (load->diags, CM_SEVERITY_NOTE, G_MAXSIZE, NULL,
                        _("no latitude and longitude columns, so every row is on the timeline only; name "
                          "coordinate columns with --lat and --lon if the file has them"));
  cm_field_map_clear (&map);
  load->dataset->n_rows = n_rows - counts.n_title_rows;
  if (load->preview != NULL)
    load->preview->n_rows = n_rows - counts.n_title_rows;
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
  g_autoptr(GHashTable) places = _cm_load_places_new ();
  g_autoptr(GString) name = g_string_new (NULL);
  gboolean ok;

  if (!convert_encoding (load))
    return TRUE;
  if (load->len >= 3 && memcmp (load->data, "\xEF\xBB\xBF", 3) == 0)
    bom = 3;
  switch (cm_csv_parse_text (load->data + bom, load->len - bom, cm_csv_sniff (load->data + bom, load->len - bom),
                             &csv, &error_offset, &message))
    {
    case CM_CSV_NOT_UTF8:
      cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, error_offset + bom, NULL,
                          load->data[error_offset + bom] == '\0'
                          ? _("a NUL byte, not text, at this point; give the file's encoding with --encoding "
                              "(for example --encoding windows-1252 or --encoding GB18030)")
                          : _("not UTF-8 at this point; give the file's encoding with --encoding "
                              "(for example --encoding windows-1252 or --encoding GB18030)"));
      preview_unreadable (load);
      return TRUE;
    case CM_CSV_MALFORMED:
      cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, error_offset + bom, NULL, "%s", message);
      cm_csv_clear (&csv);
      return TRUE;
    case CM_CSV_OK:
    default:
      break;
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
