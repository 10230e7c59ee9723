/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include "cm-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cm-csv.h"
#include "cm-memory.h"
#include "cm-text.h"

/* A strict reader of our own: GDAL's CSV driver took 2.5 s and 179 MB on
 * a million rows where python's csv.reader takes 1.5 s (see
 * /work/shared/notes/gdal-3.6.md), and it does not say where a quote is
 * wrong. One pass, fields as offsets into the file, no copy. */

static guint
count_fields (const char *p,
              const char *end,
              char        delimiter,
              const char **next)
{
  guint n = 1;
  gboolean quoted = FALSE;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == delimiter)
        n++;
      else if (!quoted && *p == '\n')
        {
          p++;
          break;
        }
    }
  *next = p;
  return n;
}

char
cm_csv_sniff (const char *data,
              gsize       len)
{
  static const char candidates[] = { ',', ';', '\t' };
  const char *end = len > 0 ? data + MIN (len, 64 * 1024) : data;
  char best = ',';
  guint best_score = 0;

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      const char *p = data;
      guint first = 0, same = 0, lines = 0;

      while (p < end && lines < 20)
        {
          guint n = count_fields (p, end, candidates[c], &p);
          if (lines == 0)
            first = n;
          else if (n == first)
            same++;
          lines++;
        }
      /* Consistent column counts above one win; more columns break ties. */
      if (first > 1)
        {
          guint score = (same + 1) * 1000 + first;
          if (score > best_score)
            {
              best_score = score;
              best = candidates[c];
            }
        }
    }
  return best;
}

gboolean
cm_csv_looks_like (const char *data,
                   gsize       len)
{
  const char *end = len > 0 ? data + MIN (len, 64 * 1024) : data;
  const char *p = data;
  char delimiter;
  guint first, n;

  /* JSON and XML start with these; a CSV header does not. */
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;
  if (p == end || *p == '{' || *p == '[' || *p == '<')
    return FALSE;
  if (memchr (data, '\0', end - data) != NULL)
    return FALSE;
  delimiter = cm_csv_sniff (data, len);
  first = count_fields (data, end, delimiter, &p);
  if (first < 2)
    return FALSE;
  if (p >= end)
    return TRUE;
  n = count_fields (p, end, delimiter, &p);
  return n == first || p >= end;
}

void
cm_csv_clear (CmCsv *csv)
{
  g_clear_pointer (&csv->fields, g_array_unref);
  g_clear_pointer (&csv->rows, g_array_unref);
  g_clear_pointer (&csv->row_offsets, g_array_unref);
}

guint
cm_csv_n_rows (const CmCsv *csv)
{
  return csv->rows->len - 1;
}

guint
cm_csv_row_n_fields (const CmCsv *csv,
                     guint        row)
{
  return g_array_index (csv->rows, guint, row + 1) - g_array_index (csv->rows, guint, row);
}

const CmCsvField *
cm_csv_field (const CmCsv *csv,
              guint        row,
              guint        column)
{
  guint first = g_array_index (csv->rows, guint, row);

  if (column >= cm_csv_row_n_fields (csv, row))
    return NULL;
  return &g_array_index (csv->fields, CmCsvField, first + column);
}

void
cm_csv_field_text (const char       *data,
                   const CmCsvField *field,
                   GString          *out)
{
  const char *p = data + field->offset;
  const char *end = p + field->len;

  if (field->kind == CM_CSV_FIELD_PLAIN)
    {
      cm_string_append_len (out, p, field->len);
      return;
    }
  while (p < end)
    {
      const char *q = memchr (p, '"', end - p);
      if (q == NULL)
        {
          cm_string_append_len (out, p, end - p);
          break;
        }
      cm_string_append_len (out, p, q - p + 1);
      p = q + 2;
    }
}

/* Whether any byte of @w is @c (the exact zero-byte test on w ^ c…c). */
static inline gboolean
has_byte (guint64 w,
          char    c)
{
  guint64 x = w ^ (G_GUINT64_CONSTANT (0x0101010101010101) * (guchar) c);

  return ((x - G_GUINT64_CONSTANT (0x0101010101010101)) & ~x & G_GUINT64_CONSTANT (0x8080808080808080)) != 0;
}

/* The next free element of @array, grown by doubling: appending a field
 * at a time through g_array_append_val () was a fifth of the parse. The
 * array's length is set to what was used at the end. */
static inline gpointer
next_slot (GArray *array,
           guint  *used,
           guint   size)
{
  if (G_UNLIKELY (*used == array->len))
    g_array_set_size (array, MAX (16, array->len * 2));
  return array->data + (gsize) size * (*used)++;
}

static gboolean
fail (gsize       *error_offset,
      char       **error_message,
      gsize        offset,
      char        *message)
{
  *error_offset = offset;
  *error_message = message;
  return FALSE;
}

/* Parses data[from, to), with offsets counted from @data. */
static gboolean
parse_range (const char  *data,
             gsize        from,
             gsize        to,
             char         delimiter,
             CmCsv       *csv,
             gsize       *error_offset,
             char       **error_message)
{
  /* Empty input may come as NULL, and NULL + 0 is undefined. */
  const char *p = to > from ? data + from : data;
  const char *end = to > from ? data + to : data;
  gsize len = to - from;
  guint n_in_row = 0, n_fields = 0, n_rows = 0, n_offsets = 0;
  gboolean row_open = FALSE;
  /* The bytes that end an unquoted field, or are wrong in one. */
  gboolean stops[256] = { FALSE };

  stops[(guchar) delimiter] = stops['\n'] = stops['"'] = TRUE;
  csv->delimiter = delimiter;
  csv->fields = g_array_sized_new (FALSE, FALSE, sizeof (CmCsvField), MAX (len / 24, 16));
  csv->rows = g_array_sized_new (FALSE, FALSE, sizeof (guint), MAX (len / 160, 16));
  csv->row_offsets = g_array_sized_new (FALSE, FALSE, sizeof (gsize), MAX (len / 160, 16));
  g_array_set_size (csv->fields, MAX (len / 24, 16));
  g_array_set_size (csv->rows, MAX (len / 160, 16));
  g_array_set_size (csv->row_offsets, MAX (len / 160, 16));
  /* No huge pages asked for: with the kernel's defrag=madvise, a huge page
   * asked for is compacted for on the spot, which on a busy machine took
   * 1-3 s of kernel time at a million rows, against 0.3 s for plain pages
   * (measured with the reading of the file's buffer, cm-loader.c). */

  while (p < end)
    {
      CmCsvField *field;

      if (!row_open)
        {
          /* Blank lines between records are not records. */
          if (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n'))
            {
              p += *p == '\r' ? 2 : 1;
              continue;
            }
          *(guint *) next_slot (csv->rows, &n_rows, sizeof (guint)) = n_fields;
          *(gsize *) next_slot (csv->row_offsets, &n_offsets, sizeof (gsize)) = p - data;
          row_open = TRUE;
          n_in_row = 0;
        }

      field = next_slot (csv->fields, &n_fields, sizeof (CmCsvField));
      if (*p == '"')
        {
          const char *open = p;

          field->kind = CM_CSV_FIELD_QUOTED;
          field->offset = ++p - data;
          for (;;)
            {
              const char *q = memchr (p, '"', end - p);
              if (q == NULL)
                return fail (error_offset, error_message, open - data,
                             g_strdup (_("this quoted field is never closed: a quote inside a field is written twice (\"\")")));
              if (q + 1 < end && q[1] == '"')
                {
                  p = q + 2;
                  continue;
                }
              p = q;
              break;
            }
          if ((gsize) (p - data) - field->offset > CM_CSV_MAX_FIELD_BYTES)
            return fail (error_offset, error_message, open - data,
                         g_strdup_printf (_("field of %zu bytes is larger than the limit of %d bytes"),
                                          (size_t) ((p - data) - field->offset), CM_CSV_MAX_FIELD_BYTES));
          field->len = (guint32) ((p - data) - field->offset);
          p++;
          if (p < end && *p != delimiter && *p != '\n' && !(*p == '\r' && p + 1 < end && p[1] == '\n') &&
              !(*p == '\r' && p + 1 == end))
            return fail (error_offset, error_message, p - data,
                         g_strdup_printf (_("unexpected '%c' after the closing quote; expected '%s' or the end of the line"),
                                          g_ascii_isprint (*p) ? *p : '?', delimiter == '\t' ? _("tab") : (char[]) { delimiter, 0 }));
        }
      else
        {
          const char *start = p;

          /* Eight bytes at a time while none of them stops the field. */
          while (end - p >= 8)
            {
              guint64 w;

              memcpy (&w, p, 8);
              if (has_byte (w, delimiter) || has_byte (w, '\n') || has_byte (w, '"'))
                break;
              p += 8;
            }
          while (p < end && !stops[(guchar) *p])
            p++;
          if (p < end && *p == '"')
            return fail (error_offset, error_message, p - data,
                         g_strdup (_("a quote inside an unquoted field; quote the whole field and write the quote twice (\"\")")));
          field->kind = CM_CSV_FIELD_PLAIN;
          field->offset = start - data;
          field->len = (guint32) MIN ((gsize) (p - start), (gsize) G_MAXUINT32);
          if (field->len > 0 && start[field->len - 1] == '\r' && (p == end || *p == '\n'))
            field->len--;
          if (field->len > CM_CSV_MAX_FIELD_BYTES)
            return fail (error_offset, error_message, start - data,
                         g_strdup_printf (_("field of %u bytes is larger than the limit of %d bytes"),
                                          field->len, CM_CSV_MAX_FIELD_BYTES));
        }

      if (++n_in_row > CM_CSV_MAX_COLUMNS)
        return fail (error_offset, error_message, field->offset,
                     g_strdup_printf (_("more than %d fields in one row"), CM_CSV_MAX_COLUMNS));

      if (p < end && *p == delimiter)
        {
          p++;
          if (p == end || *p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n'))
            {
              /* A trailing delimiter: an empty last field. */
              CmCsvField *empty = next_slot (csv->fields, &n_fields, sizeof (CmCsvField));

              empty->offset = p - data;
              empty->len = 0;
              empty->kind = CM_CSV_FIELD_PLAIN;
              if (p < end)
                {
                  p += *p == '\r' ? 2 : 1;
                  row_open = FALSE;
                }
            }
          continue;
        }
      if (p < end && *p == '\r')
        p++;
      if (p < end && *p == '\n')
        p++;
      row_open = FALSE;
    }

  *(guint *) next_slot (csv->rows, &n_rows, sizeof (guint)) = n_fields;
  g_array_set_size (csv->fields, n_fields);
  g_array_set_size (csv->rows, n_rows);
  g_array_set_size (csv->row_offsets, n_offsets);
  return TRUE;
}

gboolean
cm_csv_parse (const char  *data,
              gsize        len,
              char         delimiter,
              CmCsv       *csv,
              gsize       *error_offset,
              char       **error_message)
{
  g_return_val_if_fail (csv != NULL, FALSE);

  return parse_range (data, 0, len, delimiter, csv, error_offset, error_message);
}

/* Large text is checked and split by two threads, one half each. The
 * second half starts after a line break, guessed to be outside quotes:
 * the guess holds when the first half, read on its own, ends with its
 * last row closed, as reading from the start would have come to the same
 * place in the same state. When it does not (a quoted field across the
 * middle) or either half is malformed, the whole is read again by one
 * thread, which reports the first error. UTF-8 is checked per half: a
 * line break is never inside a character. */
#ifndef CM_CSV_PARALLEL_MIN_BYTES   /* the fuzz build lowers it */
#define CM_CSV_PARALLEL_MIN_BYTES (4 * 1024 * 1024)
#endif

typedef struct
{
  const char *data;
  gsize       from;
  gsize       to;
  char        delimiter;
  CmCsv       csv;
  gboolean    utf8;
  gsize       invalid;
  gboolean    ok;
  gsize       error_offset;
  char       *error_message;
} Half;

static gpointer
half_run (gpointer user_data)
{
  Half *h = user_data;
  const char *invalid = NULL;

  h->utf8 = cm_utf8_validate (h->data + h->from, h->to - h->from, &invalid);
  if (!h->utf8)
    h->invalid = invalid - h->data;
  else
    h->ok = parse_range (h->data, h->from, h->to, h->delimiter, &h->csv, &h->error_offset, &h->error_message);
  return NULL;
}

static void
half_clear (Half *h)
{
  cm_csv_clear (&h->csv);
  g_free (h->error_message);
}

/* The second half's rows after the first's, in the first's arrays. */
static void
join_halves (CmCsv *into,
             CmCsv *second)
{
  guint base = into->fields->len;
  guint n_rows = into->rows->len - 1;

  g_array_append_vals (into->fields, second->fields->data, second->fields->len);
  g_array_set_size (into->rows, n_rows + second->rows->len);
  for (guint r = 0; r < second->rows->len; r++)
    g_array_index (into->rows, guint, n_rows + r) = g_array_index (second->rows, guint, r) + base;
  g_array_append_vals (into->row_offsets, second->row_offsets->data, second->row_offsets->len);
}

CmCsvResult
cm_csv_parse_text (const char  *data,
                   gsize        len,
                   char         delimiter,
                   CmCsv       *csv,
                   gsize       *error_offset,
                   char       **error_message)
{
  Half halves[2] = { { 0 } };
  const char *middle;
  GThread *thread;
  CmCsvResult result;

  g_return_val_if_fail (csv != NULL, CM_CSV_MALFORMED);

  middle = len >= CM_CSV_PARALLEL_MIN_BYTES && g_get_num_processors () >= 2
           ? memchr (data + len / 2, '\n', len - len / 2) : NULL;
  if (middle == NULL || middle + 1 == data + len)
    {
      const char *invalid = NULL;

      if (!cm_utf8_validate (data, len, &invalid))
        {
          *error_offset = invalid - data;
          return CM_CSV_NOT_UTF8;
        }
      return cm_csv_parse (data, len, delimiter, csv, error_offset, error_message) ? CM_CSV_OK : CM_CSV_MALFORMED;
    }

  for (guint i = 0; i < 2; i++)
    {
      halves[i].data = data;
      halves[i].delimiter = delimiter;
    }
  halves[0].to = halves[1].from = middle + 1 - data;
  halves[1].to = len;
  thread = g_thread_try_new ("cm-csv", half_run, &halves[1], NULL);
  half_run (&halves[0]);
  if (thread != NULL)
    g_thread_join (thread);
  else
    half_run (&halves[1]);

  if (!halves[0].utf8 || !halves[1].utf8)
    {
      *error_offset = !halves[0].utf8 ? halves[0].invalid : halves[1].invalid;
      result = CM_CSV_NOT_UTF8;
    }
  else if (halves[0].ok && halves[1].ok)
    {
      join_halves (&halves[0].csv, &halves[1].csv);
      *csv = halves[0].csv;
      halves[0].csv = (CmCsv) { 0 };
      result = CM_CSV_OK;
    }
  else
    result = cm_csv_parse (data, len, delimiter, csv, error_offset, error_message) ? CM_CSV_OK : CM_CSV_MALFORMED;
  half_clear (&halves[0]);
  half_clear (&halves[1]);
  return result;
}
