/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cm-test-util.h"

#define HEAD "{\"title\": \"T\", " \
  "\"places\": [{\"id\": \"p\", \"name\": \"P\", \"lat\": 30, \"lon\": 114}, " \
  "{\"id\": \"q\", \"name\": \"Q\", \"kind\": \"province\"}], " \
  "\"categories\": [{\"id\": \"c\", \"label\": \"C\", \"color\": \"#112233\"}], " \
  "\"sources\": [{\"id\": \"s\", \"title\": \"S\"}], "

/* An announcement with one member replaced or added. */
static char *
with_announcement (const char *members)
{
  return g_strdup_printf (HEAD "\"announcements\": [{\"id\": \"a0\", \"date\": \"2021\", \"place\": \"p\", "
                          "\"category\": \"c\", \"title\": \"ok\"}, {%s}]}", members);
}

#define GOOD_A "\"id\": \"a\", \"place\": \"p\", \"category\": \"c\", \"title\": \"t\""

static void
expect_error (const char *json,
              const char *pointer,
              const char *needle)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_string (json, &diags);

  g_assert_null (ds);
  g_assert_nonnull (diags);
  g_assert_cmpuint (cm_diagnostics_count (diags, CM_SEVERITY_ERROR), >=, 1);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_ERROR, pointer, needle));
}

static void
expect_announcement_error (const char *members,
                           const char *pointer,
                           const char *needle)
{
  g_autofree char *json = with_announcement (members);
  expect_error (json, pointer, needle);
}

static void
test_minimal (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autofree char *json = with_announcement (GOOD_A ", \"date\": \"2021-11\", \"end\": \"2022-01-05\", "
                                             "\"date_note\": \"mid-November \\\"2021\\\"\", \"summary\": \"S & <b>\", "
                                             "\"actors\": [\"A\", \"B\"], \"sources\": [\"s\"], \"x-mine\": {\"any\": [1]}");
  g_autoptr(CmDataset) ds = cm_test_load_string (json, &diags);
  const CmAnnouncement *a;
  g_autofree char *note = NULL, *summary = NULL, *title = NULL, *when = NULL, *date_text = NULL;

  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_diagnostics_count (diags, CM_SEVERITY_ERROR), ==, 0);
  g_assert_cmpstr (cm_dataset_get_title (ds), ==, "T");
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 2);
  g_assert_cmpuint (cm_dataset_get_n_places (ds), ==, 2);
  g_assert_cmpint (cm_dataset_find_announcement (ds, "a"), ==, 1);

  a = cm_dataset_get_announcement (ds, 1);
  g_assert_cmpint (a->precision, ==, CM_PRECISION_MONTH);
  g_assert_cmpint (a->end_precision, ==, CM_PRECISION_DAY);
  g_assert_cmpint (a->start, ==, cm_date_make_time (2021, 11, 1, 0, 0, 0));
  g_assert_cmpint (a->end, ==, cm_date_make_time (2022, 1, 6, 0, 0, 0));
  g_assert_cmpint (a->place, ==, 0);
  g_assert_cmpint (a->category, ==, 0);
  g_assert_cmpuint (a->n_actors, ==, 2);
  g_assert_cmpstr (cm_dataset_get_actor (ds, a, 1), ==, "B");
  g_assert_cmpint (cm_dataset_get_source_ref (ds, a, 0), ==, 0);
  g_assert_cmpuint (cm_dataset_get_category (ds, 0)->color, ==, 0x112233);

  note = cm_dataset_dup_text (ds, a->date_note);
  summary = cm_dataset_dup_text (ds, a->summary);
  title = cm_dataset_dup_text (ds, a->title);
  date_text = cm_dataset_dup_text (ds, a->date_text);
  when = cm_dataset_format_when (ds, a);
  g_assert_cmpstr (note, ==, "mid-November \"2021\"");
  g_assert_cmpstr (summary, ==, "S & <b>");
  g_assert_cmpstr (title, ==, "t");
  g_assert_cmpstr (date_text, ==, "2021-11");
  g_assert_cmpstr (when, ==, "Nov 2021 – 5 Jan 2022");

  /* Sorted by time: the year 2021 starts before November 2021. */
  g_assert_cmpuint (cm_dataset_get_time_order (ds)[0], ==, 0);
}

static void
test_rules (void)
{
  expect_announcement_error (GOOD_A ", \"date\": \"2022-02-30\"", "/announcements/1/date", "February 2022 has 28 days");
  expect_announcement_error (GOOD_A ", \"date\": \"2022-13\"", "/announcements/1/date", "01-12");
  expect_announcement_error (GOOD_A ", \"date\": \"05/01/2022\"", "/announcements/1/date", "expected YYYY");
  expect_announcement_error (GOOD_A ", \"date\": 2022", "/announcements/1/date", "found a number 2022");
  expect_announcement_error (GOOD_A ", \"date\": \"2022-03\", \"end\": \"2022-02\"", "/announcements/1/end", "before the start");
  expect_announcement_error ("\"id\": \"a\", \"date\": \"2022\", \"place\": \"nowhere\", \"category\": \"c\", \"title\": \"t\"",
                             "/announcements/1/place", "unknown place \"nowhere\"");
  expect_announcement_error ("\"id\": \"a\", \"date\": \"2022\", \"place\": \"p\", \"category\": \"zz\", \"title\": \"t\"",
                             "/announcements/1/category", "unknown category \"zz\"");
  expect_announcement_error (GOOD_A ", \"date\": \"2022\", \"sources\": [\"s\", \"nope\"]", "/announcements/1/sources", "unknown source \"nope\"");
  expect_announcement_error (GOOD_A ", \"date\": \"2022\", \"sources\": [\"s\", \"s\"]", "/announcements/1/sources", "listed twice");
  expect_announcement_error ("\"id\": \"a\", \"place\": \"p\", \"category\": \"c\", \"title\": \"t\"", "/announcements/1", "missing required member \"date\"");
  expect_announcement_error ("\"id\": \"a\", \"date\": \"2021\", \"place\": \"p\", \"category\": \"c\"", "/announcements/1", "missing required member \"title\"");
  expect_announcement_error ("\"date\": \"2021\", \"place\": \"p\", \"category\": \"c\", \"title\": \"t\"", "/announcements/1", "missing required member \"id\"");
  expect_announcement_error ("\"id\": \"a0\", \"date\": \"2021\", \"place\": \"p\", \"category\": \"c\", \"title\": \"t\"", "/announcements/1", "duplicate announcement id \"a0\"");
  expect_announcement_error (GOOD_A ", \"date\": \"2021\", \"summery\": \"typo\"", "/announcements/1/summery", "unknown member \"summery\"");
  expect_announcement_error (GOOD_A ", \"date\": \"2021\", \"actors\": \"A\"", "/announcements/1/actors", "expected an array");
  expect_announcement_error (GOOD_A ", \"date\": \"2021\", \"actors\": [\"A\", 3]", "/announcements/1/actors/1", "expected a string");
  expect_announcement_error ("\"id\": \"a\", \"date\": \"2021\", \"place\": \"p\", \"category\": \"c\", \"title\": \"\"", "/announcements/1/title", "empty string");

  expect_error ("{\"title\": \"T\", \"places\": [{\"id\": \"x\", \"name\": \"X\", \"lat\": 91, \"lon\": 0}], \"announcements\": []}",
                "/places/0/lat", "latitude 91 is out of range");
  expect_error ("{\"title\": \"T\", \"places\": [{\"id\": \"x\", \"name\": \"X\", \"lat\": 10, \"lon\": -180.5}], \"announcements\": []}",
                "/places/0/lon", "out of range");
  expect_error ("{\"title\": \"T\", \"places\": [{\"id\": \"x\", \"name\": \"X\", \"lat\": 10}], \"announcements\": []}",
                "/places/0", "lat given without lon");
  expect_error ("{\"title\": \"T\", \"places\": [{\"id\": \"x\", \"name\": \"X\", \"lat\": \"10\", \"lon\": 1}], \"announcements\": []}",
                "/places/0/lat", "expected a number");
  expect_error ("{\"title\": \"T\", \"places\": [{\"id\": \"x\", \"name\": \"X\", \"kind\": \"town\"}], \"announcements\": []}",
                "/places/0/kind", "unknown kind \"town\"");
  expect_error ("{\"title\": \"T\", \"places\": [{\"id\": \"x\", \"name\": \"X\", \"kind\": \"province\", \"country\": \"cn\"}], \"announcements\": []}",
                "/places/0/country", "ISO 3166-1");
  expect_error ("{\"title\": \"T\", \"places\": [{\"id\": \"x\", \"name\": \"X\", \"kind\": \"province\", \"parent\": \"y\"}], \"announcements\": []}",
                "/places/0/parent", "unknown parent place \"y\"");
  expect_error ("{\"title\": \"T\", \"places\": [{\"id\": \"x\", \"name\": \"X\", \"kind\": \"province\", \"parent\": \"y\"},"
                " {\"id\": \"y\", \"name\": \"Y\", \"kind\": \"province\", \"parent\": \"x\"}], \"announcements\": []}",
                "/places/0/parent", "loops");
  expect_error ("{\"title\": \"T\", \"places\": [{\"id\": \"x\", \"name\": \"X\", \"kind\": \"province\"},"
                " {\"id\": \"x\", \"name\": \"Y\", \"kind\": \"province\"}], \"announcements\": []}",
                "/places/1", "duplicate place id \"x\"");
  expect_error ("{\"title\": \"T\", \"categories\": [{\"id\": \"c\", \"label\": \"C\", \"color\": \"red\"}], \"announcements\": []}",
                "/categories/0/color", "#rrggbb");
  expect_error ("{\"title\": \"T\", \"categories\": [{\"id\": \"c\", \"label\": \"C\"}], \"announcements\": []}",
                "/categories/0", "missing required member \"color\"");
  expect_error ("{\"title\": \"T\", \"categories\": [{\"id\": \"c\", \"label\": \"C\", \"color\": \"#000000\"},"
                " {\"id\": \"c\", \"label\": \"D\", \"color\": \"#000000\"}], \"announcements\": []}",
                "/categories/1", "duplicate category id");
  expect_error ("{\"title\": \"T\", \"sources\": [{\"id\": \"s\", \"title\": \"S\", \"date\": \"2021-02-29\"}], \"announcements\": []}",
                "/sources/0/date", "February 2021 has 28 days");
  expect_error ("{\"announcements\": []}", NULL, "missing required member \"title\"");
  expect_error ("{\"title\": 5, \"announcements\": []}", "/title", "expected a string");
  expect_error ("{\"title\": \"T\", \"announcements\": {}}", "/announcements", "expected an array of announcements");
  expect_error ("{\"title\": \"T\", \"announcements\": [], \"colour\": 1}", "/colour", "unknown member \"colour\"");
  expect_error ("[1, 2]", NULL, "expected a JSON object at the top level");
  expect_error ("{\"hello\": 1}", NULL, "not a dataset");
}

/* Exactly @n_errors errors, one of them @needle at @pointer. */
static void
expect_errors (const char *json,
               guint       n_errors,
               const char *pointer,
               const char *needle)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_string (json, &diags);

  g_assert_null (ds);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_ERROR, pointer, needle));
  g_assert_cmpuint (cm_diagnostics_count (diags, CM_SEVERITY_ERROR), ==, n_errors);
}

#define PLACE_DOC(members) "{\"title\": \"T\", \"places\": [{" members "}], \"announcements\": []}"
#define CATEGORY_DOC(members) "{\"title\": \"T\", \"categories\": [{" members "}], \"announcements\": []}"
#define SOURCE_DOC(members) "{\"title\": \"T\", \"sources\": [{" members "}], \"announcements\": []}"

/* Every object's members, as the reader's tables list them: a required
 * member left out, repeated or unknown is reported once, at the object or
 * the member. A member that must be there but may be invalid ("date",
 * "title") is not also missing when its value is wrong; one that must be
 * valid ("id", "name") is. */
static void
test_members (void)
{
  static const struct { const char *json; guint n_errors; const char *pointer; const char *needle; } cases[] = {
    { PLACE_DOC ("\"name\": \"X\", \"lat\": 1, \"lon\": 2"), 1, "/places/0", "missing required member \"id\"" },
    { PLACE_DOC ("\"id\": \"x\", \"lat\": 1, \"lon\": 2"), 1, "/places/0", "missing required member \"name\"" },
    { PLACE_DOC ("\"id\": \"x\", \"name\": 5, \"lat\": 1, \"lon\": 2"), 2, "/places/0", "missing required member \"name\"" },
    { PLACE_DOC ("\"id\": \"x\", \"name\": \"X\", \"lat\": 1, \"lon\": 2, \"lat\": 3"), 1, "/places/0/lat",
      "member \"lat\" appears twice in this object; keep one" },
    { PLACE_DOC ("\"id\": \"x\", \"name\": \"X\", \"lat\": 1, \"lon\": 2, \"lng\": 3"), 1, "/places/0/lng",
      "unknown member \"lng\"; expected id, name, local_name, kind, parent, country, lat or lon (prefix your own members with \"x-\")" },
    { CATEGORY_DOC ("\"label\": \"C\", \"color\": \"#000000\""), 1, "/categories/0", "missing required member \"id\"" },
    { CATEGORY_DOC ("\"id\": \"c\", \"color\": \"#000000\""), 1, "/categories/0", "missing required member \"label\"" },
    { CATEGORY_DOC ("\"id\": \"c\", \"label\": \"C\", \"color\": \"#000000\", \"label\": \"D\""), 1, "/categories/0/label",
      "member \"label\" appears twice" },
    { CATEGORY_DOC ("\"id\": \"c\", \"label\": \"C\", \"color\": \"#000000\", \"colour\": 1"), 1, "/categories/0/colour",
      "unknown member \"colour\"; expected id, label or color (" },
    { SOURCE_DOC ("\"title\": \"S\""), 1, "/sources/0", "missing required member \"id\"" },
    { SOURCE_DOC ("\"id\": \"s\""), 1, "/sources/0", "missing required member \"title\"" },
    { SOURCE_DOC ("\"id\": \"s\", \"title\": \"S\", \"url\": \"u\", \"url\": \"v\""), 1, "/sources/0/url", "member \"url\" appears twice" },
    { SOURCE_DOC ("\"id\": \"s\", \"title\": \"S\", \"author\": \"A\""), 1, "/sources/0/author",
      "unknown member \"author\"; expected id, title, publisher, date or url (" },
    { HEAD "\"announcements\": [{" GOOD_A ", \"date\": 2021}]}", 1, "/announcements/0/date", "expected a date string" },
    { HEAD "\"announcements\": [{\"id\": \"a\", \"date\": \"2021\", \"place\": \"p\", \"category\": \"c\", \"title\": 5}]}", 1,
      "/announcements/0/title", "expected a string" },
    { HEAD "\"announcements\": [{\"id\": 5, \"date\": \"2021\", \"place\": \"p\", \"category\": \"c\", \"title\": \"t\"}]}", 2,
      "/announcements/0", "missing required member \"id\"" },
    { HEAD "\"announcements\": [{" GOOD_A ", \"date\": \"2021\", \"place\": 1}]}", 1, "/announcements/0/place", "appears twice" },
    { "{\"title\": 5, \"announcements\": []}", 1, "/title", "expected a string" },
    { "{\"title\": \"T\", \"announcements\": [], \"title\": \"U\"}", 1, "/title", "member \"title\" appears twice" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    expect_errors (cases[i].json, cases[i].n_errors, cases[i].pointer, cases[i].needle);
}

static void
test_all_problems_reported (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_string (
    "{\"title\": \"T\",\n \"announcements\": [\n"
    "  {\"id\": \"a\", \"date\": \"2022-02-30\", \"place\": \"x\", \"category\": \"y\", \"title\": \"t\"},\n"
    "  {\"id\": \"a\", \"date\": \"2022-13\", \"place\": \"x\", \"category\": \"y\"}\n]}", &diags);
  const CmDiagnostic *first;

  g_assert_null (ds);
  /* Two bad dates, a duplicate id, a missing title, two unknown places and
   * two unknown categories: every one is reported. */
  g_assert_cmpuint (cm_diagnostics_count (diags, CM_SEVERITY_ERROR), ==, 8);
  first = cm_diagnostics_get (diags, 0);
  g_assert_cmpstr (first->pointer, ==, "/announcements/0/date");
  g_assert_cmpuint (first->line, ==, 3);
  g_assert_cmpuint (first->column, ==, 23);
  {
    g_autofree char *line = cm_diagnostic_format (first, "f.json");
    g_assert_cmpstr (line, ==, "f.json:3:23: /announcements/0/date: error: invalid date \"2022-02-30\": February 2022 has 28 days");
  }
}

static void
test_syntax_error_position (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_string ("{\"title\": \"T\",\n  \"announcements\": [,]}", &diags);
  g_autofree char *line = NULL;

  g_assert_null (ds);
  g_assert_cmpuint (cm_diagnostics_get_n (diags), ==, 1);
  line = cm_diagnostic_format (cm_diagnostics_get (diags, 0), "f.json");
  g_assert_true (g_str_has_prefix (line, "f.json:2:21: error: unexpected ','"));
}

static void
test_hostile_bytes (void)
{
#define CASE(data, needle) { data, sizeof data - 1, needle }
  static const struct { const char *data; gsize len; const char *needle; } cases[] = {
    CASE ("", "empty file"),
    CASE ("\n\t ", "empty file"),
    CASE ("{\"title\": \"a\0b\", \"announcements\": []}", "NUL"),
    CASE ("{\"title\": \"\xff\", \"announcements\": []}", "invalid UTF-8"),
    CASE ("{\"title\": \"\\ud800\", \"announcements\": []}", "lone high surrogate"),
    CASE ("{\"title\": \"T\", \"x-n\": 1e400, \"announcements\": []}", "not a finite double"),
    CASE ("{\"title\": \"T\", \"x-n\": NaN, \"announcements\": []}", "unexpected 'N'"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (cases[i].data, cases[i].len);
      g_autoptr(CmDiagnostics) diags = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CmDataset) ds = cm_loader_load_bytes (bytes, "h.json", &diags, NULL, NULL, NULL, &error);

      g_assert_null (ds);
      g_assert_error (error, CM_LOADER_ERROR, CM_LOADER_ERROR_INVALID);
      g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_ERROR, NULL, cases[i].needle));
    }
#undef CASE

  /* One BOM is fine. */
  {
    const char *json = "\xEF\xBB\xBF{\"title\": \"T\", \"announcements\": []}";
    g_autoptr(CmDiagnostics) diags = NULL;
    g_autoptr(CmDataset) ds = cm_test_load_string (json, &diags);
    g_assert_nonnull (ds);
    g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 0);
  }
}

static void
test_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-test-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked.json", NULL);
  const char *paths[] = { dir, fifo, missing, "/dev/zero", locked };
  const char *needles[] = { "is a directory", "not a regular file", "cannot read", "not a regular file", "cannot read" };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_true (g_file_set_contents (locked, "{}", -1, NULL));
  g_assert_cmpint (g_chmod (locked, 0), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(CmDiagnostics) diags = NULL;
      g_autoptr(CmDataset) ds = NULL;

      /* Root reads any file: the permission case then is just valid-or-not. */
      if (i == 4 && geteuid () == 0)
        continue;
      ds = cm_loader_load_file (file, NULL, &diags, NULL, NULL, NULL, &error);
      g_assert_null (ds);
      g_assert_error (error, CM_LOADER_ERROR, CM_LOADER_ERROR_UNREADABLE);
      if (strstr (error->message, needles[i]) == NULL)
        g_error ("%s: \"%s\" lacks \"%s\"", paths[i], error->message, needles[i]);
    }
  g_unlink (fifo);
  g_chmod (locked, 0600);
  g_unlink (locked);
  g_rmdir (dir);
}

static void
test_sample (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "samples",
                                            "metaverse-cn-2021-2023.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDataset) ds = cm_loader_load_file (file, NULL, &diags, NULL, NULL, NULL, &error);
  gint wuhan, xuhui, zhejiang;
  gboolean saw_month = FALSE, saw_day = FALSE;

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_diagnostics_count (diags, CM_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), >=, 9);

  wuhan = cm_dataset_find_place (ds, "wuhan");
  xuhui = cm_dataset_find_place (ds, "xuhui");
  zhejiang = cm_dataset_find_place (ds, "zhejiang");
  g_assert_cmpint (wuhan, >=, 0);
  g_assert_cmpint (cm_dataset_get_place (ds, wuhan)->coords, ==, CM_COORDS_GAZETTEER);
  g_assert_cmpfloat_with_epsilon (cm_dataset_get_place (ds, wuhan)->lat, 30.58, 0.05);
  g_assert_cmpint (cm_dataset_get_place (ds, xuhui)->coords, ==, CM_COORDS_DATASET);
  g_assert_cmpint (cm_dataset_get_place (ds, zhejiang)->kind, ==, CM_PLACE_PROVINCE);
  g_assert_cmpstr (cm_dataset_get_place (ds, wuhan)->local_name, ==, "武汉市");
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_NOTE, NULL, "offline gazetteer gives Wuhan"));

  for (guint i = 0; i < cm_dataset_get_n_announcements (ds); i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (ds, i);
      if (a->place == zhejiang)
        {
          g_autofree char *note = cm_dataset_dup_text (ds, a->date_note);
          g_assert_cmpint (a->precision, ==, CM_PRECISION_MONTH);
          g_assert_cmpint (a->start, ==, cm_date_make_time (2021, 11, 1, 0, 0, 0));
          g_assert_nonnull (strstr (note, "mid-November"));
          saw_month = TRUE;
        }
      if (a->place == wuhan)
        {
          g_assert_cmpint (a->precision, ==, CM_PRECISION_DAY);
          g_assert_cmpint (a->start, ==, cm_date_make_time (2022, 1, 11, 0, 0, 0));
          saw_day = TRUE;
        }
    }
  g_assert_true (saw_month);
  g_assert_true (saw_day);
}

static void
check_corpus_dir (const char *name,
                  gboolean    valid)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "corpus", name, NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint n = 0;

  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(CmDiagnostics) diags = NULL;
      g_autoptr(CmDataset) ds = NULL;

      if (!g_str_has_suffix (entry, ".json"))
        continue;
      ds = cm_loader_load_file (file, entry, &diags, NULL, NULL, NULL, NULL);
      if ((ds != NULL) != valid)
        {
          g_autofree char *text = cm_diagnostics_to_string (diags, 20);
          g_error ("%s/%s: expected %s\n%s", name, entry, valid ? "valid" : "invalid", text);
        }
      n++;
    }
  g_assert_cmpuint (n, >, 5);
}

static void
test_corpus (void)
{
  check_corpus_dir ("valid", TRUE);
  check_corpus_dir ("schema-invalid", FALSE);
  check_corpus_dir ("semantic-invalid", FALSE);
}

static double first_progress = -1;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  if (first_progress < 0)
    first_progress = fraction;
  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_cancel_and_progress (void)
{
  GString *s = g_string_new ("{\"title\": \"Big\", \"places\": [{\"id\": \"p\", \"name\": \"P\", \"lat\": 1, \"lon\": 2}],"
                             " \"categories\": [{\"id\": \"c\", \"label\": \"C\", \"color\": \"#000000\"}], \"announcements\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  double last = 0;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (s, "%s{\"id\": \"a%u\", \"date\": \"2020-01-%02u\", \"place\": \"p\", \"category\": \"c\", \"title\": \"t\"}",
                            i ? "," : "", i, 1 + i % 28);
  g_string_append (s, "]}");
  bytes = g_string_free_to_bytes (s);

  {
    g_autoptr(CmDataset) ds = cm_loader_load_bytes (bytes, "big.json", NULL, progress_cb, &last, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 20000);
    /* The scan's share first, then the reading's, to the part left to
     * the caller's indexing. */
    g_assert_cmpfloat (first_progress, ==, 0.2);
    g_assert_cmpfloat_with_epsilon (last, 0.9, 1e-9);
  }

  g_cancellable_cancel (cancellable);
  {
    g_autoptr(CmDataset) ds = cm_loader_load_bytes (bytes, "big.json", NULL, NULL, NULL, cancellable, &error);
    g_assert_null (ds);
    g_assert_error (error, CM_LOADER_ERROR, CM_LOADER_ERROR_CANCELLED);
  }
}

static void
test_time_order (void)
{
  GString *s = g_string_new ("{\"title\": \"Order\", \"places\": [{\"id\": \"p\", \"name\": \"P\", \"lat\": 1, \"lon\": 2}],"
                             " \"categories\": [{\"id\": \"c\", \"label\": \"C\", \"color\": \"#000000\"}], \"announcements\": [");
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CmDataset) ds = NULL;
  const guint32 *order;
  guint n = 5000;

  /* Dates from 0001 to 9999 at every precision, with many exact ties. */
  for (guint i = 0; i < n; i++)
    {
      int y = g_rand_boolean (rand) ? g_rand_int_range (rand, 1, 10000) : 2000 + g_rand_int_range (rand, 0, 3);
      int m = g_rand_int_range (rand, 1, 13);
      const char *fmt[] = { "%04d", "%04d-%02d", "%04d-%02d-01" };
      g_autofree char *date = g_strdup_printf (fmt[g_rand_int_range (rand, 0, 3)], y, m);

      g_string_append_printf (s, "%s{\"id\": \"a%u\", \"date\": \"%s\", \"place\": \"p\", \"category\": \"c\", \"title\": \"t\"}",
                              i ? "," : "", i, date);
    }
  g_string_append (s, "]}");
  bytes = g_string_free_to_bytes (s);
  ds = cm_loader_load_bytes (bytes, "order.json", NULL, NULL, NULL, NULL, NULL);
  g_assert_nonnull (ds);

  order = cm_dataset_get_time_order (ds);
  for (guint i = 1; i < n; i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (ds, order[i - 1]);
      const CmAnnouncement *b = cm_dataset_get_announcement (ds, order[i]);

      g_assert_cmpint (a->start, <=, b->start);
      if (a->start == b->start)
        {
          g_assert_cmpint (a->end, <=, b->end);
          if (a->end == b->end)
            g_assert_cmpuint (order[i - 1], <, order[i]);
        }
    }
}

/* Above the threshold the announcements are read by two threads: the
 * result must be the one a single thread gives. */
static void
test_parallel (void)
{
  GString *s = g_string_new ("{\"title\": \"Many\", \"places\": [{\"id\": \"p\", \"name\": \"P\", \"lat\": 1, \"lon\": 2}],"
                             " \"categories\": [{\"id\": \"c\", \"label\": \"C\", \"color\": \"#000000\"}],"
                             " \"sources\": [{\"id\": \"s\", \"title\": \"S\"}], \"announcements\": [\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = NULL;
  guint n = 50000;

  for (guint i = 0; i < n; i++)
    {
      /* Escaped text (decoded into each thread's arena), actors, sources;
       * a duplicate id across the halves and a bad date in each half. */
      const char *id_fmt = i == 40000 ? "a%u-dup" : "a%u";
      g_autofree char *id = g_strdup_printf (id_fmt, i == 40000 ? 10 : i);
      const char *date = (i == 100 || i == 30000) ? "2021-02-29" : "2021-11";

      g_string_append_printf (s, "%s{\"id\": \"%s%s\", \"date\": \"%s\", \"place\": \"p\", \"category\": \"c\","
                              " \"title\": \"t\\u00e9%u \\\"q\\\"\", \"actors\": [\"A%u\", \"B\"], \"sources\": [\"s\"]}\n",
                              i ? "," : "", id, i == 10 ? "-dup" : "", date, i, i);
    }
  g_string_append (s, "]}");
  bytes = g_string_free_to_bytes (s);
  ds = cm_loader_load_bytes (bytes, "many.json", &diags, NULL, NULL, NULL, NULL);

  g_assert_null (ds);
  g_assert_cmpuint (cm_diagnostics_count (diags, CM_SEVERITY_ERROR), ==, 3);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_ERROR, "/announcements/100/date", "February 2021 has 28 days"));
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_ERROR, "/announcements/30000/date", "February 2021 has 28 days"));
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_ERROR, "/announcements/40000", "duplicate announcement id \"a10-dup\""));
  /* Line numbers come out right for errors found by either thread. */
  for (guint i = 0; i < cm_diagnostics_get_n (diags); i++)
    {
      const CmDiagnostic *d = cm_diagnostics_get (diags, i);
      if (g_strcmp0 (d->pointer, "/announcements/30000/date") == 0)
        g_assert_cmpuint (d->line, ==, 30002);
    }

  /* The same file without the errors loads, every text and list intact. */
  {
    g_autofree char *fixed = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    char *p;
    g_autoptr(GBytes) good = NULL;
    g_autoptr(CmDataset) ok = NULL;

    /* Overwrites in place, inside the string: no terminator wanted. */
    while ((p = strstr (fixed, "2021-02-29")) != NULL)
      memcpy (p, "2021-02-28", 10);  /* NOLINT(bugprone-not-null-terminated-result) */
    p = strstr (fixed, "\"a10-dup\"");
    g_assert_nonnull (p);
    memcpy (p, "\"a10-xxx\"", 9);  /* NOLINT(bugprone-not-null-terminated-result) */
    good = g_bytes_new_take (g_steal_pointer (&fixed), g_bytes_get_size (bytes));
    ok = cm_loader_load_bytes (good, "many.json", NULL, NULL, NULL, NULL, NULL);
    g_assert_nonnull (ok);
    g_assert_cmpuint (cm_dataset_get_n_announcements (ok), ==, n);
    for (guint i = 0; i < n; i += 997)
      {
        const CmAnnouncement *a = cm_dataset_get_announcement (ok, i);
        g_autofree char *title = cm_dataset_dup_text (ok, a->title);
        g_autofree char *want = g_strdup_printf ("t\xc3\xa9%u \"q\"", i);
        g_autofree char *actor = g_strdup_printf ("A%u", i);

        g_assert_cmpstr (title, ==, want);
        g_assert_cmpuint (a->n_actors, ==, 2);
        g_assert_cmpstr (cm_dataset_get_actor (ok, a, 0), ==, actor);
        g_assert_cmpstr (cm_dataset_get_actor (ok, a, 1), ==, "B");
        g_assert_cmpuint (a->n_sources, ==, 1);
        g_assert_cmpint (cm_dataset_get_source_ref (ok, a, 0), ==, 0);
        g_assert_cmpint (cm_dataset_find_announcement (ok, a->id), ==, (gint) i);
      }
  }
}

/* The category filter keeps only what passed already, and counts it. */
static void
test_match_categories (void)
{
  g_autoptr(CmDataset) ds = cm_test_load_string (
    "{\"title\": \"t\", \"places\": [{\"id\": \"p\", \"name\": \"P\", \"lat\": 1, \"lon\": 2}],"
    " \"categories\": [{\"id\": \"a\", \"label\": \"A\", \"color\": \"#000000\"},"
    "                  {\"id\": \"b\", \"label\": \"B\", \"color\": \"#ffffff\"}],"
    " \"announcements\": ["
    "  {\"id\": \"0\", \"date\": \"2021\", \"place\": \"p\", \"category\": \"b\", \"title\": \"x\"},"
    "  {\"id\": \"1\", \"date\": \"2021\", \"place\": \"p\", \"category\": \"a\", \"title\": \"x\"},"
    "  {\"id\": \"2\", \"date\": \"2021\", \"place\": \"p\", \"category\": \"a\", \"title\": \"x\"},"
    "  {\"id\": \"3\", \"date\": \"2021\", \"place\": \"p\", \"category\": \"b\", \"title\": \"x\"}]}", NULL);
  const struct { gboolean shown[2]; guint8 in[4]; guint8 out[4]; guint count; } cases[] = {
    { { TRUE, TRUE },   { 1, 1, 1, 1 }, { 1, 1, 1, 1 }, 4 },
    { { TRUE, FALSE },  { 1, 1, 1, 1 }, { 0, 1, 1, 0 }, 2 },
    { { FALSE, TRUE },  { 1, 1, 1, 1 }, { 1, 0, 0, 1 }, 2 },
    { { FALSE, TRUE },  { 0, 1, 1, 1 }, { 0, 0, 0, 1 }, 1 },
    { { TRUE, FALSE },  { 1, 0, 1, 1 }, { 0, 0, 1, 0 }, 1 },
    { { TRUE, TRUE },   { 0, 1, 0, 1 }, { 0, 1, 0, 1 }, 2 },
    { { FALSE, FALSE }, { 1, 1, 1, 1 }, { 0, 0, 0, 0 }, 0 },
  };

  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_dataset_get_n_categories (ds), ==, 2);
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      guint8 match[4];

      memcpy (match, cases[k].in, sizeof match);
      g_assert_cmpuint (cm_dataset_match_categories (ds, cases[k].shown, match), ==, cases[k].count);
      g_assert_cmpmem (match, sizeof match, cases[k].out, sizeof match);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loader/minimal", test_minimal);
  g_test_add_func ("/loader/rules", test_rules);
  g_test_add_func ("/loader/members", test_members);
  g_test_add_func ("/loader/all-problems-reported", test_all_problems_reported);
  g_test_add_func ("/loader/syntax-error-position", test_syntax_error_position);
  g_test_add_func ("/loader/hostile-bytes", test_hostile_bytes);
  g_test_add_func ("/loader/files", test_files);
  g_test_add_func ("/loader/sample", test_sample);
  g_test_add_func ("/loader/corpus", test_corpus);
  g_test_add_func ("/loader/cancel-and-progress", test_cancel_and_progress);
  g_test_add_func ("/loader/time-order", test_time_order);
  g_test_add_func ("/loader/parallel", test_parallel);
  g_test_add_func ("/loader/match-categories", test_match_categories);

  return g_test_run ();
}
