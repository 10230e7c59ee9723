/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "cm-csv.h"
#include "cm-number.h"
#include "cm-text.h"

static char *
field (const char *data,
       CmCsv      *csv,
       guint       row,
       guint       column)
{
  GString *out = g_string_new (NULL);
  const CmCsvField *f = cm_csv_field (csv, row, column);

  g_assert_nonnull (f);
  cm_csv_field_text (data, f, out);
  return g_string_free (out, FALSE);
}

static void
assert_field (const char *data,
              CmCsv      *csv,
              guint       row,
              guint       column,
              const char *want)
{
  g_autofree char *have = field (data, csv, row, column);

  g_assert_cmpstr (have, ==, want);
}

/* RFC 4180: quoted delimiters, doubled quotes, line breaks in fields,
 * CRLF and LF, empty fields, a last line without its break. */
static void
test_rfc4180 (void)
{
  const char *data = "a,b,c\r\n"
                     "1,\"x, y\",\"say \"\"hi\"\"\"\r\n"
                     "2,\"two\nlines\",\n"
                     "\n"
                     "3,,last";
  CmCsv csv = { 0 };
  gsize at = 0;
  g_autofree char *message = NULL;

  g_assert_true (cm_csv_parse (data, strlen (data), ',', &csv, &at, &message));
  g_assert_cmpuint (cm_csv_n_rows (&csv), ==, 4);
  for (guint r = 0; r < 4; r++)
    g_assert_cmpuint (cm_csv_row_n_fields (&csv, r), ==, 3);
  assert_field (data, &csv, 0, 2, "c");
  assert_field (data, &csv, 1, 1, "x, y");
  assert_field (data, &csv, 1, 2, "say \"hi\"");
  assert_field (data, &csv, 2, 1, "two\nlines");
  assert_field (data, &csv, 2, 2, "");
  assert_field (data, &csv, 3, 1, "");
  assert_field (data, &csv, 3, 2, "last");
  /* Rows know where they start, for messages. */
  g_assert_cmpuint (g_array_index (csv.row_offsets, gsize, 3), ==, (gsize) (strstr (data, "3,,") - data));
  cm_csv_clear (&csv);
}

/* Malformed quotes are errors at their place, never guessed around. */
static void
test_errors_located (void)
{
  static const struct { const char *data; const char *at; const char *needle; } cases[] = {
    { "a,b\n1,\"open\n", "\"open", "never closed" },
    { "a,b\n1,\"x\"y\n", "y\n", "after the closing quote" },
    { "a,b\n1,x\"y\n", "\"y", "quote inside an unquoted field" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CmCsv csv = { 0 };
      gsize at = 0;
      g_autofree char *message = NULL;

      g_assert_false (cm_csv_parse (cases[i].data, strlen (cases[i].data), ',', &csv, &at, &message));
      g_assert_cmpuint (at, ==, (gsize) (strstr (cases[i].data, cases[i].at) - cases[i].data));
      g_assert_nonnull (strstr (message, cases[i].needle));
      cm_csv_clear (&csv);
    }
}

static void
test_limits (void)
{
  GString *wide = g_string_new ("a");
  GString *big = g_string_new ("a,b\n1,\"");
  CmCsv csv = { 0 };
  gsize at = 0;
  char *message = NULL;

  for (guint i = 0; i < CM_CSV_MAX_COLUMNS; i++)
    g_string_append (wide, ",a");
  g_assert_false (cm_csv_parse (wide->str, wide->len, ',', &csv, &at, &message));
  g_assert_nonnull (strstr (message, "more than 10000 fields"));
  g_clear_pointer (&message, g_free);
  cm_csv_clear (&csv);

  for (guint i = 0; i <= CM_CSV_MAX_FIELD_BYTES; i++)
    g_string_append_c (big, 'x');
  g_string_append (big, "\"\n");
  g_assert_false (cm_csv_parse (big->str, big->len, ',', &csv, &at, &message));
  g_assert_nonnull (strstr (message, "larger than the limit"));
  g_assert_cmpuint (at, ==, 6);
  g_free (message);
  cm_csv_clear (&csv);
  g_string_free (wide, TRUE);
  g_string_free (big, TRUE);
}

static void
test_sniff (void)
{
  const char *semi = "date;title;lat\n2021-01-01;\"a; b\";3\n2021-01-02;c;4\n";
  const char *tab = "date\ttitle\n2021\tx, y\n2022\tz, w\n";
  const char *comma = "date,title\n2021,\"x;y\"\n";

  g_assert_cmpint ((guchar) cm_csv_sniff (semi, strlen (semi)), ==, ';');
  g_assert_cmpint ((guchar) cm_csv_sniff (tab, strlen (tab)), ==, '\t');
  g_assert_cmpint ((guchar) cm_csv_sniff (comma, strlen (comma)), ==, ',');

  /* Content, not names: JSON is never CSV; a table is. */
  g_assert_true (cm_csv_looks_like (semi, strlen (semi)));
  g_assert_false (cm_csv_looks_like ("{\"a\": 1, \"b\": 2}", 16));
  g_assert_false (cm_csv_looks_like ("[1, 2, 3]", 9));
  g_assert_false (cm_csv_looks_like ("just words\n", 11));
}

/* The fast UTF-8 check gives GLib's answer, and the same first bad byte,
 * on made cases and on random bytes. */
static void
test_utf8_validate (void)
{
  static const char * const cases[] = {
    "", "plain ASCII, long enough to take the eight-byte path", "数字经济 and ASCII 人工智能",
    "\xC0\x80", "\xED\xA0\x80 surrogate", "\xF4\x90\x80\x80 past U+10FFFF", "\xEF\xBF\xBE nonchar",
    "ends in a cut character \xE4\xBD", "\x80 lone continuation", "\xF8\x88\x80\x80\x80",
    "overlong \xE0\x80\xAF", "fine \xF0\x9F\x98\x80 emoji",
  };
  GRand *rand = g_rand_new_with_seed (16);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *ours = NULL, *theirs = NULL;
      gsize len = strlen (cases[i]);

      g_assert_cmpint (cm_utf8_validate (cases[i], len, &ours), ==, g_utf8_validate_len (cases[i], len, &theirs));
      g_assert_true (ours == theirs);
    }
  /* With a NUL inside, eight bytes from the start and at the end. */
  g_assert_false (cm_utf8_validate ("abcdefghij\0klmnopq", 19, NULL));
  g_assert_false (cm_utf8_validate ("abc\0", 4, NULL));
  for (guint round = 0; round < 20000; round++)
    {
      char buf[40];
      gsize len = g_rand_int_range (rand, 0, sizeof buf);
      const char *ours = NULL, *theirs = NULL;

      for (gsize k = 0; k < len; k++)
        {
          /* Mostly ASCII and UTF-8 lead and continuation bytes. */
          guint32 r = g_rand_int (rand);
          buf[k] = (char) ((r & 3) == 0 ? 0x80 | (r >> 8 & 0x3F) : (r & 3) == 1 ? 0xC0 | (r >> 8 & 0x3F)
                                                                   : (r >> 8) & 0x7F);
        }
      g_assert_cmpint (cm_utf8_validate (buf, len, &ours), ==, g_utf8_validate_len (buf, len, &theirs));
      g_assert_true (ours == theirs);
    }
  g_rand_free (rand);
}

/* Plain decimals are read without strtod, to the same double. */
static void
test_number_parse (void)
{
  static const char * const good[] = {
    "0", "-0", "104.23333", " -26.85000 ", "+7", "5.", ".5", "123456789012345", "0.1", "0.3",
    "9007199254740993", "1e3", "-2.5E-3", "0x10", "00012.50", "1234567890.123456789",
    "0.0000000000000000000000001", "\t42\r",
  };
  static const char * const bad[] = { "", " ", "-", ".", "1.2.3", "12a", "inf", "nan", "1e999", "--1", "1 2" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (good[i]));
      double ours = 0, theirs = g_ascii_strtod (stripped, NULL);

      g_assert_true (cm_number_parse (good[i], strlen (good[i]), &ours));
      /* The same double, and the same sign of a zero. */
      g_assert_true (ours == theirs && signbit (ours) == signbit (theirs));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      double v;
      g_assert_false (cm_number_parse (bad[i], strlen (bad[i]), &v));
    }
  /* Only the span given counts. */
  {
    double v = 0;
    g_assert_true (cm_number_parse ("12,34", 2, &v));
    g_assert_cmpfloat (v, ==, 12);
  }
}

/* The same parse as one thread's, each time: csv_parse_text against
 * cm_utf8_validate and cm_csv_parse. */
static CmCsvResult
assert_parse_text_agrees (const char *data,
                          gsize       len,
                          CmCsv      *out)
{
  CmCsv one = { 0 };
  gsize at = 0, at_one = 0;
  g_autofree char *message = NULL;
  g_autofree char *message_one = NULL;
  const char *invalid = NULL;
  CmCsvResult result = cm_csv_parse_text (data, len, ',', out, &at, &message);

  if (!cm_utf8_validate (data, len, &invalid))
    {
      g_assert_cmpint (result, ==, CM_CSV_NOT_UTF8);
      g_assert_cmpuint (at, ==, (gsize) (invalid - data));
      return result;
    }
  if (!cm_csv_parse (data, len, ',', &one, &at_one, &message_one))
    {
      g_assert_cmpint (result, ==, CM_CSV_MALFORMED);
      g_assert_cmpuint (at, ==, at_one);
      g_assert_cmpstr (message, ==, message_one);
      return result;
    }
  g_assert_cmpint (result, ==, CM_CSV_OK);
  g_assert_cmpuint (out->fields->len, ==, one.fields->len);
  g_assert_cmpmem (out->fields->data, out->fields->len * sizeof (CmCsvField),
                   one.fields->data, one.fields->len * sizeof (CmCsvField));
  g_assert_cmpmem (out->rows->data, out->rows->len * sizeof (guint), one.rows->data, one.rows->len * sizeof (guint));
  g_assert_cmpmem (out->row_offsets->data, out->row_offsets->len * sizeof (gsize),
                   one.row_offsets->data, one.row_offsets->len * sizeof (gsize));
  cm_csv_clear (&one);
  return result;
}

/* Large text is read in two halves from a line break in the middle: a
 * quoted field across that break, an error in either half and text that
 * is not UTF-8 give what one thread reading it all gives. */
static void
test_parse_text_halves (void)
{
  GString *text = g_string_new ("date,title,note\n");
  gsize middle;
  CmCsv csv = { 0 };
  g_autofree char *across = NULL;

  while (text->len < 6 * 1024 * 1024)
    g_string_append_printf (text, "2021-01-%02u,\"Title, %zu\",plain\n", (guint) (text->len % 28) + 1, text->len);
  g_assert_cmpint (assert_parse_text_agrees (text->str, text->len, &csv), ==, CM_CSV_OK);
  g_assert_cmpuint (cm_csv_row_n_fields (&csv, cm_csv_n_rows (&csv) - 1), ==, 3);
  assert_field (text->str, &csv, cm_csv_n_rows (&csv) / 2, 2, "plain");
  cm_csv_clear (&csv);

  /* A field of many lines where the second half would start. */
  middle = text->len / 2;
  while (text->str[middle] != '\n')
    middle++;
  g_string_insert (text, middle + 1, "2021-02-03,\"one\n,two\n\nthree\",x\n");
  g_assert_cmpint (assert_parse_text_agrees (text->str, text->len, &csv), ==, CM_CSV_OK);
  for (guint r = 0; r < cm_csv_n_rows (&csv); r++)
    if (g_array_index (csv.row_offsets, gsize, r) == middle + 1)
      {
        across = field (text->str, &csv, r, 1);
        g_assert_cmpuint (cm_csv_row_n_fields (&csv, r), ==, 3);
      }
  g_assert_cmpstr (across, ==, "one\n,two\n\nthree");
  cm_csv_clear (&csv);

  /* A quote that opens before the middle and never closes. */
  g_string_insert (text, middle - 20, "\"");
  g_assert_cmpint (assert_parse_text_agrees (text->str, text->len, &csv), ==, CM_CSV_MALFORMED);
  cm_csv_clear (&csv);
  g_string_erase (text, middle - 20, 1);

  /* A stray quote in the second half, then also bad bytes in it. */
  g_string_overwrite (text, text->len - 40, "x\"y");
  g_assert_cmpint (assert_parse_text_agrees (text->str, text->len, &csv), ==, CM_CSV_MALFORMED);
  cm_csv_clear (&csv);
  g_string_overwrite (text, text->len - 100, "\xff");
  g_assert_cmpint (assert_parse_text_agrees (text->str, text->len, &csv), ==, CM_CSV_NOT_UTF8);
  cm_csv_clear (&csv);
  g_string_free (text, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/rfc4180", test_rfc4180);
  g_test_add_func ("/csv/errors-located", test_errors_located);
  g_test_add_func ("/csv/limits", test_limits);
  g_test_add_func ("/csv/sniff", test_sniff);
  g_test_add_func ("/csv/parse-text-halves", test_parse_text_halves);
  g_test_add_func ("/csv/utf8-validate", test_utf8_validate);
  g_test_add_func ("/csv/number-parse", test_number_parse);

  return g_test_run ();
}
