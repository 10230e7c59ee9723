/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cm-test-util.h"

/* Loads a third-party file of tests/data/; a missing one is a load error,
 * which the caller's g_assert_no_error turns into a failure. */
static CmDataset *
load_data (const char     *dir,
           const char     *name,
           CmDiagnostics **diags,
           GError        **error)
{
  g_autofree char *path = cm_test_data_path (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return cm_loader_load_file (file, name, diags, NULL, NULL, NULL, error);
}

static void
test_usgs (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDataset) ds = load_data ("geojson", "usgs_all_week_2018-02-07.geojson", &diags, &error);
  const CmAnnouncement *first;
  const CmPlace *place;
  g_autofree char *title = NULL;
  gint64 start, end;

  g_assert_no_error (error);
  g_assert_cmpint (cm_dataset_get_format (ds), ==, CM_FORMAT_GEOJSON);
  g_assert_cmpstr (cm_dataset_get_title (ds), ==, "USGS All Earthquakes, Past Week");
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 1707);
  g_assert_cmpuint (cm_dataset_get_n_without_place (ds), ==, 0);

  /* The first feature: time 1517966773840 ms, "M 2.0 - 4km W of Castaic, CA". */
  first = cm_dataset_get_announcement (ds, 0);
  title = cm_dataset_dup_text (ds, first->title);
  g_assert_cmpstr (title, ==, "M 2.0 - 4km W of Castaic, CA");
  g_assert_cmpint (first->start, ==, 1517966773);
  g_assert_cmpint (first->precision, ==, CM_PRECISION_SECOND);
  place = cm_dataset_get_place (ds, first->place);
  g_assert_cmpfloat_with_epsilon (place->lon, -118.6671667, 1e-6);
  g_assert_cmpfloat_with_epsilon (place->lat, 34.4945, 1e-6);
  g_assert_cmpstr (cm_dataset_get_category (ds, first->category)->label, ==, "earthquake");

  g_assert_true (cm_dataset_get_time_range (ds, &start, &end));
  g_assert_cmpint (start, >=, cm_date_make_time (2018, 1, 31, 0, 0, 0));
  g_assert_cmpint (end, <=, cm_date_make_time (2018, 2, 8, 0, 0, 0));
}

static void
test_openlayers (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDataset) ds = load_data ("geojson", "2012_Earthquakes_Mag5.geojson", &diags, &error);
  const CmAnnouncement *first;

  g_assert_no_error (error);
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 1535);
  /* No time property: the id "2012 Jan 15 13:40:16.40 UTC" carries the date. */
  first = cm_dataset_get_announcement (ds, 0);
  g_assert_cmpint (first->start, ==, cm_date_make_time (2012, 1, 15, 13, 40, 16));
  g_assert_cmpfloat_with_epsilon (cm_dataset_get_place (ds, first->place)->lat, -60.975, 1e-9);
}

static void
test_timelinejs (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDataset) twain = load_data ("timelinejs", "marktwain.json", &diags, &error);
  g_autoptr(CmDataset) eras = NULL;
  g_autofree char *title = NULL, *summary = NULL;
  const CmAnnouncement *a;
  gint idx;

  g_assert_no_error (error);
  g_assert_cmpint (cm_dataset_get_format (twain), ==, CM_FORMAT_TIMELINEJS);
  g_assert_cmpuint (cm_dataset_get_n_announcements (twain), ==, 17);
  /* 12 events carry a TimelineJS "location"; the others are timeline only. */
  g_assert_cmpuint (cm_dataset_get_n_without_place (twain), ==, 5);
  g_assert_cmpuint (cm_dataset_get_n_places (twain), >=, 1);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_NOTE, NULL, "timeline only"));

  /* Events keep the precision their parts give and lose their HTML. */
  idx = cm_dataset_get_time_order (twain)[0];
  a = cm_dataset_get_announcement (twain, idx);
  title = cm_dataset_dup_text (twain, a->title);
  summary = cm_dataset_dup_text (twain, a->summary);
  g_assert_nonnull (title);
  g_assert_null (strchr (title, '<'));
  g_assert_true (summary == NULL || strchr (summary, '<') == NULL);
  g_assert_cmpint (a->start, >=, cm_date_make_time (1900, 1, 1, 0, 0, 0));
  g_assert_cmpint (a->start, <, cm_date_make_time (1901, 1, 1, 0, 0, 0));

  g_clear_pointer (&diags, cm_diagnostics_free);
  eras = load_data ("timelinejs", "eras.json", &diags, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cm_dataset_get_n_announcements (eras), ==, 20);
}

static void
test_cosmo (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDataset) ds = load_data ("timelinejs", "cosmo.json", &diags, &error);
  const guint32 *order;
  const CmAnnouncement *first, *paleozoic, *wheel;
  g_autofree char *when = NULL;
  g_autofree char *span = NULL;

  /* Every event lies before year 1, most in deep time: all seven are read,
   * by the year, as TimelineJS draws them. */
  g_assert_no_error (error);
  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_diagnostics_count (diags, CM_SEVERITY_WARNING), ==, 0);
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 7);
  order = cm_dataset_get_time_order (ds);
  first = cm_dataset_get_announcement (ds, order[0]);
  g_assert_cmpint (first->precision, ==, CM_PRECISION_YEAR);
  g_assert_cmpint (cm_date_year_of (first->start), ==, -13800000000);
  when = cm_dataset_format_when (ds, first);
  g_assert_cmpstr (when, ==, "13.8 billion years ago");
  paleozoic = cm_dataset_get_announcement (ds, 4);
  g_assert_cmpint (cm_date_year_of (paleozoic->start), ==, -538800000);
  g_assert_cmpint (cm_date_year_of (paleozoic->end - 1), ==, -251902000);
  span = cm_dataset_format_when (ds, paleozoic);
  g_assert_cmpstr (span, ==, "539 million years ago – 252 million years ago");
  wheel = cm_dataset_get_announcement (ds, 6);
  g_assert_cmpint (cm_date_year_of (wheel->start), ==, -3500);
}

static void
test_geojson_rules (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_string (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    "{\"type\": \"Feature\", \"properties\": {\"date\": \"2021-11\", \"title\": \"<b>a</b>\", \"category\": \"x\"},"
    " \"geometry\": {\"type\": \"Point\", \"coordinates\": [114.3, 30.6]}},"
    "{\"type\": \"Feature\", \"properties\": {\"date\": \"soon\", \"title\": \"b\"}, \"geometry\": null},"
    "{\"type\": \"Feature\", \"properties\": {\"start\": \"2021-12-01\", \"name\": \"c\"}, \"geometry\": null},"
    "{\"type\": \"Feature\", \"properties\": {\"time\": 1e30}, \"geometry\": null},"
    "{\"type\": \"Feature\", \"properties\": {\"date\": \"2022\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [500, 0]}},"
    "{\"type\": \"Feature\", \"properties\": {\"date\": \"2022\"}, \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[1, 2], [3, 4]]}}"
    "]}", &diags);
  const CmAnnouncement *a;
  g_autofree char *title = NULL;

  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 4);
  g_assert_cmpuint (cm_dataset_get_n_without_place (ds), ==, 3);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_WARNING, "/features/1", "\"soon\" cannot be read"));
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_WARNING, "/features/3", "outside years -9999 to 9999"));
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_WARNING, "/features/4", "out of range"));
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_WARNING, "/features/5", "LineString"));
  a = cm_dataset_get_announcement (ds, 0);
  g_assert_cmpint (a->precision, ==, CM_PRECISION_MONTH);
  /* Titles are kept as text; markup is never interpreted. */
  title = cm_dataset_dup_text (ds, a->title);
  g_assert_cmpstr (title, ==, "<b>a</b>");
}

static void
test_nothing_usable (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_string (
    "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {}, \"geometry\": null}]}",
    &diags);

  g_assert_null (ds);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_ERROR, NULL, "no usable feature"));
}

static void
test_timelinejs_parts (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_string (
    "{\"title\": {\"text\": {\"headline\": \"My &amp; <i>story</i>\"}}, \"events\": ["
    "{\"start_date\": {\"year\": \"1908\", \"month\": \"05\"}, \"text\": {\"headline\": \"May\"}, \"group\": \"g1\"},"
    "{\"start_date\": {\"year\": 1910, \"month\": 2, \"day\": \"30\"}, \"text\": {\"headline\": \"Bad day\"}},"
    "{\"start_date\": {\"year\": \"1911\", \"month\": \"\", \"day\": \"\"}, \"end_date\": {\"year\": \"1913\"},"
    " \"text\": {\"headline\": \"Span\"}, \"display_date\": \"1911 to 1913\"},"
    "{\"start_date\": {\"year\": \"abc\"}, \"text\": {\"headline\": \"Words\"}}"
    "]}", &diags);
  const CmAnnouncement *may, *span;
  g_autofree char *note = NULL;

  g_assert_nonnull (ds);
  g_assert_cmpstr (cm_dataset_get_title (ds), ==, "My & story");
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 2);
  may = cm_dataset_get_announcement (ds, 0);
  g_assert_cmpint (may->precision, ==, CM_PRECISION_MONTH);
  g_assert_cmpint (may->end, ==, cm_date_make_time (1908, 6, 1, 0, 0, 0));
  g_assert_cmpstr (cm_dataset_get_category (ds, may->category)->label, ==, "g1");
  span = cm_dataset_get_announcement (ds, 1);
  g_assert_cmpint (span->precision, ==, CM_PRECISION_YEAR);
  g_assert_cmpint (span->end, ==, cm_date_make_time (1914, 1, 1, 0, 0, 0));
  note = cm_dataset_dup_text (ds, span->date_note);
  g_assert_cmpstr (note, ==, "1911 to 1913");
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_WARNING, "/events/1", "\"Bad day\" skipped: day 30"));
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_WARNING, "/events/3", "year \"abc\" cannot be read"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/geojson/usgs", test_usgs);
  g_test_add_func ("/import/geojson/openlayers", test_openlayers);
  g_test_add_func ("/import/geojson/rules", test_geojson_rules);
  g_test_add_func ("/import/geojson/nothing-usable", test_nothing_usable);
  g_test_add_func ("/import/timelinejs/examples", test_timelinejs);
  g_test_add_func ("/import/timelinejs/cosmo", test_cosmo);
  g_test_add_func ("/import/timelinejs/parts", test_timelinejs_parts);

  return g_test_run ();
}
