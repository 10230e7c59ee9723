/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cm-csv.h"
#include "cm-fuzz.h"
#include "cm-text.h"

/* Bytes through the CSV reader with each delimiter (every field must lie
 * inside the input and undouble its quotes without reading past it), then
 * through the whole load as CSV: the mapping, the dates, the dataset. */

/* Read in two halves (the fuzz build lowers the size for that), the
 * text gives what one thread reading it all gives. */
static void
cm_fuzz_csv_check_halves (const char *data,
                          gsize       size)
{
  CmCsv two = { 0 }, one = { 0 };
  gsize at = 0, at_one = 0;
  g_autofree char *message = NULL;
  g_autofree char *message_one = NULL;
  const char *invalid = NULL;
  CmCsvResult result = cm_csv_parse_text (data, size, ',', &two, &at, &message);

  if (!cm_utf8_validate (data, size, &invalid))
    {
      g_assert_cmpint (result, ==, CM_CSV_NOT_UTF8);
      g_assert_cmpuint (at, ==, (gsize) (invalid - data));
    }
  else if (!cm_csv_parse (data, size, ',', &one, &at_one, &message_one))
    {
      g_assert_cmpint (result, ==, CM_CSV_MALFORMED);
      g_assert_cmpuint (at, ==, at_one);
    }
  else
    {
      g_assert_cmpint (result, ==, CM_CSV_OK);
      g_assert_cmpuint (two.fields->len, ==, one.fields->len);
      g_assert_true (memcmp (two.fields->data, one.fields->data, one.fields->len * sizeof (CmCsvField)) == 0);
      g_assert_cmpuint (two.rows->len, ==, one.rows->len);
      g_assert_true (memcmp (two.rows->data, one.rows->data, one.rows->len * sizeof (guint)) == 0);
      g_assert_true (memcmp (two.row_offsets->data, one.row_offsets->data, one.row_offsets->len * sizeof (gsize)) == 0);
    }
  cm_csv_clear (&two);
  cm_csv_clear (&one);
}

int
cm_fuzz_csv_one_input (const uint8_t *data,
                       size_t         size)
{
  static const char delimiters[] = { ',', ';', '\t' };
  /* An exact-size copy, so reading past the end is caught. */
  g_autofree char *exact = g_memdup2 (data, size);
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  CmImportOptions options = { { NULL } };

  cm_fuzz_init ();
  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    {
      CmCsv csv = { 0 };
      gsize at = 0;
      g_autofree char *message = NULL;

      if (!cm_csv_parse (exact, size, delimiters[d], &csv, &at, &message))
        {
          g_assert_cmpuint (at, <=, size);
          g_assert_true (g_utf8_validate (message, -1, NULL) || size > 0);
        }
      else
        for (guint r = 0; r < cm_csv_n_rows (&csv); r++)
          for (guint c = 0; c < cm_csv_row_n_fields (&csv, r); c++)
            {
              const CmCsvField *f = cm_csv_field (&csv, r, c);
              g_autoptr(GString) text = g_string_new (NULL);

              g_assert_cmpuint (f->offset + f->len, <=, size);
              cm_csv_field_text (exact, f, text);
              g_assert_cmpuint (text->len, <=, f->len);
            }
      cm_csv_clear (&csv);
    }
  cm_fuzz_csv_check_halves (exact, size);
  (void) cm_csv_sniff (exact, size);
  (void) cm_csv_looks_like (exact, size);

  /* An encoding forces the CSV reader whatever the content. */
  options.encoding = g_strdup ("UTF-8");
  cm_fuzz_check_load_with_options (bytes, &options, NULL);
  cm_import_options_clear (&options);
  return 0;
}

#ifdef CM_FUZZ_LIBFUZZER
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return cm_fuzz_csv_one_input (data, size);
}
#endif
