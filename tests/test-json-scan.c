/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cm-json-reader.h"
#include "cm-json-scan.h"
#include "cm-test-util.h"

static gboolean
scan (const char *text,
      guint      *line,
      guint      *column)
{
  CmJsonScanError error = { 0 };
  gboolean ok = cm_json_scan (text, strlen (text), NULL, &error);

  if (!ok)
    {
      g_assert_nonnull (error.message);
      if (line)
        *line = error.line;
      if (column)
        *column = error.column;
    }
  cm_json_scan_error_clear (&error);
  return ok;
}

static GPtrArray *
suite_files (const char *prefix)
{
  g_autofree char *dir = cm_test_data_path ("jsontestsuite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  /* The suite is part of the repository (tests/data/): without it the
   * test fails rather than skips. */
  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".json"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  return files;
}

static void
test_suite_rejects_n (void)
{
  g_autoptr(GPtrArray) files = suite_files ("n_");

  g_assert_cmpuint (files->len, >=, 180);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *data = NULL;
      gsize len;
      CmJsonScanError error = { 0 };

      g_assert_true (g_file_get_contents (files->pdata[i], &data, &len, NULL));
      if (cm_json_scan (data, len, NULL, &error))
        g_error ("accepted invalid JSON %s", (char *) files->pdata[i]);
      g_assert_cmpuint (error.line, >=, 1);
      g_assert_cmpuint (error.column, >=, 1);
      g_assert_cmpuint (error.offset, <=, len);
      cm_json_scan_error_clear (&error);
    }
}

static void
test_suite_accepts_y (void)
{
  g_autoptr(GPtrArray) files = suite_files ("y_");

  g_assert_cmpuint (files->len, >=, 90);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = files->pdata[i];
      g_autofree char *data = NULL;
      gsize len;
      CmJsonScanError error = { 0 };
      gboolean ok;

      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      ok = cm_json_scan (data, len, NULL, &error);
      /* \u0000 is valid JSON but truncates C strings; we refuse it. */
      if (strstr (path, "null_escape") || strstr (path, "escaped_null"))
        g_assert_false (ok);
      else if (!ok)
        g_error ("rejected valid JSON %s: %s", path, error.message);
      cm_json_scan_error_clear (&error);
    }
}

static void
test_suite_i_no_crash (void)
{
  g_autoptr(GPtrArray) files = suite_files ("i_");

  g_assert_cmpuint (files->len, >=, 30);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *data = NULL;
      gsize len;
      CmJsonScanError error = { 0 };

      g_assert_true (g_file_get_contents (files->pdata[i], &data, &len, NULL));
      if (!cm_json_scan (data, len, NULL, &error))
        g_assert_nonnull (error.message);
      cm_json_scan_error_clear (&error);
    }
}

static void
test_positions (void)
{
  guint line = 0, column = 0;

  g_assert_false (scan ("{\n  \"a\": 01}", &line, &column));
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 8);

  /* Columns count characters, not bytes. */
  g_assert_false (scan ("{\"名前\": tru}", &line, &column));
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (column, ==, 8);

  g_assert_false (scan ("[1,\n2,\n]", &line, &column));
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 1);
}

static void
test_rules (void)
{
  g_assert_true (scan ("{\"a\": [1, -0.5e+3, true, false, null, \"\\u00e9\\ud83d\\ude00\"]}", NULL, NULL));
  g_assert_false (scan ("", NULL, NULL));
  g_assert_false (scan ("   ", NULL, NULL));
  g_assert_false (scan ("{} {}", NULL, NULL));
  g_assert_false (scan ("[1e400]", NULL, NULL));
  g_assert_false (scan ("[-1e400]", NULL, NULL));
  g_assert_true (scan ("[1e-400]", NULL, NULL));         /* underflow is zero, not an error */
  g_assert_false (scan ("[99999999999999999999]", NULL, NULL));
  g_assert_true (scan ("[9223372036854775807]", NULL, NULL));
  g_assert_false (scan ("[NaN]", NULL, NULL));
  g_assert_false (scan ("[\"\\ud800\"]", NULL, NULL));
  g_assert_false (scan ("[\"\\udc00\\ud800\"]", NULL, NULL));
  g_assert_false (scan ("[\"\\u0000\"]", NULL, NULL));
  g_assert_false (scan ("[\"a\tb\"]", NULL, NULL));
  g_assert_false (scan ("[\"\xff\"]", NULL, NULL));
  g_assert_false (scan ("[\"\xed\xa0\x80\"]", NULL, NULL));  /* encoded surrogate */
  g_assert_false (scan ("[\"\xc0\xaf\"]", NULL, NULL));      /* overlong */
  g_assert_false (scan ("{\"a\" 1}", NULL, NULL));
  g_assert_false (scan ("[1,]", NULL, NULL));
  g_assert_false (scan ("// c\n{}", NULL, NULL));
  g_assert_false (scan ("[0x10]", NULL, NULL));
  g_assert_false (scan ("[truex]", NULL, NULL));
}

static void
test_nul_and_bom (void)
{
  const char with_nul[] = "{\"a\": \"x\0y\"}";
  CmJsonScanError error = { 0 };
  gsize bom = 99;

  g_assert_false (cm_json_scan (with_nul, sizeof with_nul - 1, NULL, &error));
  g_assert_nonnull (strstr (error.message, "NUL"));
  cm_json_scan_error_clear (&error);

  g_assert_true (cm_json_scan ("\xEF\xBB\xBF{}", 5, &bom, NULL));
  g_assert_cmpuint (bom, ==, 3);
  g_assert_false (cm_json_scan ("\xEF\xBB\xBF\xEF\xBB\xBF{}", 8, &bom, NULL));
}

static void
test_depth (void)
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < CM_JSON_MAX_DEPTH; i++)
    g_string_append_c (s, '[');
  for (int i = 0; i < CM_JSON_MAX_DEPTH; i++)
    g_string_append_c (s, ']');
  g_assert_true (scan (s->str, NULL, NULL));

  g_string_prepend_c (s, '[');
  g_string_append_c (s, ']');
  g_assert_false (scan (s->str, NULL, NULL));

  /* A million levels must be refused quickly, without recursion. */
  g_string_truncate (s, 0);
  for (int i = 0; i < 1000000; i++)
    g_string_append_c (s, '[');
  g_assert_false (scan (s->str, NULL, NULL));
  g_string_free (s, TRUE);
}

static void
test_reader (void)
{
  const char *json = "{\"a\": [1, {\"deep\": [[[]]]}, \"x\"], \"b\\u00e9\": \"q\\\"\\n\\ud83d\\ude00\", \"c\": 2.5, \"d\": true}";
  CmJsonReader r;
  int members = 0;

  g_assert_true (cm_json_scan (json, strlen (json), NULL, NULL));
  cm_json_reader_init (&r, json, strlen (json), 0);
  g_assert_cmpint (cm_json_reader_peek (&r), ==, CM_JSON_OBJECT);
  cm_json_reader_enter (&r);
  while (cm_json_reader_next_member (&r))
    {
      members++;
      if (strcmp (r.key->str, "a") == 0)
        {
          int elements = 0;
          cm_json_reader_enter (&r);
          while (cm_json_reader_next_element (&r))
            {
              elements++;
              cm_json_reader_skip (&r);
            }
          g_assert_cmpint (elements, ==, 3);
        }
      else if (strcmp (r.key->str, "b\xc3\xa9") == 0)
        g_assert_cmpstr (cm_json_reader_read_string (&r, NULL), ==, "q\"\n\xf0\x9f\x98\x80");
      else if (strcmp (r.key->str, "c") == 0)
        {
          gboolean integer = TRUE;
          g_assert_cmpfloat (cm_json_reader_read_double (&r, &integer), ==, 2.5);
          g_assert_false (integer);
        }
      else if (strcmp (r.key->str, "d") == 0)
        g_assert_true (cm_json_reader_read_boolean (&r));
      else
        g_assert_not_reached ();
    }
  g_assert_cmpint (members, ==, 4);
  g_assert_cmpint (cm_json_reader_peek (&r), ==, CM_JSON_END);
  cm_json_reader_clear (&r);

  g_assert_cmpuint (cm_json_find_member (json, strlen (json), 0, "c"), ==, strstr (json, "2.5") - json);
  g_assert_cmpuint (cm_json_find_member (json, strlen (json), 0, "zz"), ==, G_MAXSIZE);
}

/* Strings of every length around the scanner's 16-byte steps, with one
 * byte of each kind at every position: the scan must stop at exactly the
 * first byte that is not plain, and accept or reject as a byte-by-byte
 * reading would. */
static void
test_string_steps (void)
{
  static const struct { const char *bytes; gboolean valid; } kinds[] = {
    { "\x01", FALSE }, { "\x1f", FALSE }, { "\x80", FALSE }, { "\xff", FALSE },
    { "\x7f", TRUE }, { "\xc3\xa9", TRUE }, { "\xe4\xb8\xad", TRUE },
    { "\\n", TRUE }, { "\\\"", TRUE }, { "\\u00e9", TRUE }, { "\\x", FALSE },
  };

  for (guint len = 0; len < 48; len++)
    for (guint at = 0; at <= len; at++)
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autoptr(GString) doc = g_string_new ("[\"");
          CmJsonScanError error = { 0 };
          gboolean ok;

          for (guint i = 0; i < len; i++)
            {
              if (i == at)
                g_string_append (doc, kinds[k].bytes);
              g_string_append_c (doc, (char) ('a' + i % 26));
            }
          if (at == len)
            g_string_append (doc, kinds[k].bytes);
          g_string_append (doc, "\"]");

          ok = cm_json_scan (doc->str, doc->len, NULL, &error);
          if (ok != kinds[k].valid)
            g_error ("kind %u at %u of %u: %s", k, at, len, ok ? "accepted" : error.message);
          /* The error is at the bad byte, or at its escape's backslash. */
          if (!ok)
            g_assert_cmpuint (error.offset, ==, 2 + at);
          cm_json_scan_error_clear (&error);
        }
}

/* One document scanned with one thread and split at @split_from: the
 * same verdict, error, spans and element offsets. */
static void
assert_split_same (const char *data,
                   gsize       len,
                   gsize       split_from)
{
  g_autoptr(GArray) spans1 = g_array_new (FALSE, FALSE, sizeof (CmJsonArraySpan));
  g_autoptr(GArray) spans2 = g_array_new (FALSE, FALSE, sizeof (CmJsonArraySpan));
  g_autoptr(GArray) offsets1 = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) offsets2 = g_array_new (FALSE, FALSE, sizeof (gsize));
  CmJsonScanError e1 = { 0 }, e2 = { 0 };
  gboolean ok1 = _cm_json_scan_spans_split (data, len, NULL, spans1, offsets1, G_MAXSIZE, &e1);
  gboolean ok2 = _cm_json_scan_spans_split (data, len, NULL, spans2, offsets2, split_from, &e2);

  if (ok1 != ok2 || e1.offset != e2.offset || g_strcmp0 (e1.message, e2.message) != 0)
    g_error ("split at %" G_GSIZE_FORMAT " of %.60s...: %s at %" G_GSIZE_FORMAT " / %s at %" G_GSIZE_FORMAT,
             split_from, data, e1.message ? e1.message : "valid", e1.offset,
             e2.message ? e2.message : "valid", e2.offset);
  if (ok1)
    {
      g_assert_cmpmem (spans1->data, spans1->len * sizeof (CmJsonArraySpan),
                       spans2->data, spans2->len * sizeof (CmJsonArraySpan));
      g_assert_cmpmem (offsets1->data, offsets1->len * sizeof (gsize),
                       offsets2->data, offsets2->len * sizeof (gsize));
    }
  /* Without spans, the verdict alone. */
  g_assert_cmpint (_cm_json_scan_spans_split (data, len, NULL, NULL, NULL, split_from, NULL), ==, ok1);
  cm_json_scan_error_clear (&e1);
  cm_json_scan_error_clear (&e2);
}

/* A big file is scanned in two halves, the second from a guessed element
 * boundary: at every split point of documents built to fool the guess
 * ("},{" inside strings, nested arrays, errors on either side), the
 * result is the one-thread result. */
static void
test_split (void)
{
  const char *docs[] = {
    "{\"a\": [{\"x\": 1}, {\"x\": 2},{\"x\":3} ,\n {\"t\": \"},{\"}, {\"y\": [{\"z\":1},{\"z\":2}]}], \"b\": [1, {\"q\": 2}, {}], \"c\": {}}",
    "{\"a\": [{\"s\": \"} , {\"}, {\"s\": \"\\\"},{\"}, {}, {}], \"b\": [{}, {}]}",
    "{\"a\": [{\"x\": 1}, {\"x\": 2}, {\"x\": tru}, {\"x\": 4}]}",            /* an error in the second half */
    "{\"a\": [{\"x\": 1}, {\"x\" 2}, {\"x\": 3}, {\"x\": 4}, {\"x\": 5}]}",   /* in the first */
    "{\"a\": [{\"x\": 1}, {\"x\": 2}, {\"x\": 3}]} trailing",
    "{\"a\": [{\"x\": 1}, {\"x\": 2}, {\"x\": 3}], \"b\": [{\"y\": 1}, {\"y\": 2}]",  /* unclosed */
    "[{\"x\": 1}, {\"x\": 2}, {\"x\": 3}]",                                  /* not an object at the top */
    "{\"a\": {\"b\": [{}, {}, {}], \"c\": [{}, {}]}, \"d\": [{}, {}]}",       /* arrays one level deeper */
    "{\"a\": [[{}, {}], [{}, {}]], \"b\": \"}, {\"}",
  };

  for (guint d = 0; d < G_N_ELEMENTS (docs); d++)
    {
      gsize len = strlen (docs[d]);

      for (gsize split = 0; split <= len; split++)
        assert_split_same (docs[d], len, split);
    }

  /* And a real dataset, at a spread of splits. */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "metaverse-cn-2021-2023.json", NULL);
    g_autofree char *data = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (path, &data, &len, NULL));
    for (gsize split = 0; split < len; split += 97)
      assert_split_same (data, len, split);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-scan/suite/n-rejected", test_suite_rejects_n);
  g_test_add_func ("/json-scan/suite/y-accepted", test_suite_accepts_y);
  g_test_add_func ("/json-scan/suite/i-no-crash", test_suite_i_no_crash);
  g_test_add_func ("/json-scan/positions", test_positions);
  g_test_add_func ("/json-scan/rules", test_rules);
  g_test_add_func ("/json-scan/nul-and-bom", test_nul_and_bom);
  g_test_add_func ("/json-scan/depth", test_depth);
  g_test_add_func ("/json-scan/string-steps", test_string_steps);
  g_test_add_func ("/json-scan/split", test_split);
  g_test_add_func ("/json-reader/walk", test_reader);

  return g_test_run ();
}
