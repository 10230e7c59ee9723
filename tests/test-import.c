/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <math.h>

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

static CmDataset *
load_text (const char            *text,
           const char            *name,
           const CmImportOptions *options,
           CmDiagnostics        **diags)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return cm_loader_load_bytes_with_options (bytes, name, options, diags, NULL, NULL, NULL, NULL);
}

static char *
title_of (CmDataset *ds,
          guint      i)
{
  return cm_dataset_dup_text (ds, cm_dataset_get_announcement (ds, i)->title);
}

/* The USGS "all month" feed as CSV: ISO times, a BOM, quoted places. */
static void
test_csv_usgs (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDataset) ds = load_data ("csv", "usgs_all_month_2024-05-05.csv", &diags, &error);
  const CmAnnouncement *first;
  const CmPlace *place;
  g_autofree char *title = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (cm_dataset_get_format (ds), ==, CM_FORMAT_CSV);
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 10630);
  g_assert_cmpuint (cm_dataset_get_n_skipped (ds), ==, 0);
  g_assert_cmpuint (cm_dataset_get_n_without_place (ds), ==, 0);
  first = cm_dataset_get_announcement (ds, 0);
  g_assert_cmpint (first->start, ==, cm_date_make_time (2024, 5, 5, 1, 48, 16));
  g_assert_cmpint (first->precision, ==, CM_PRECISION_SECOND);
  /* No title column: the place names the row. */
  title = title_of (ds, 0);
  g_assert_cmpstr (title, ==, "20 km E of Little Lake, CA");
  place = cm_dataset_get_place (ds, first->place);
  g_assert_cmpfloat (fabs (place->lat - 35.9385), <, 1e-9);
  g_assert_cmpfloat (fabs (place->lon + 117.6883333), <, 1e-9);
  g_assert_cmpstr (cm_dataset_get_category (ds, first->category)->label, ==, "earthquake");
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_NOTE, NULL, "dates from column \"time\""));
}

/* TimelineJS's Google Sheets template exported to CSV. */
static void
test_csv_timelinejs_sheet (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDataset) ds = load_data ("csv", "women_in_computing.csv", &diags, &error);
  const CmAnnouncement *ada;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (cm_dataset_get_title (ds), ==, "Women in Computing");
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 10);
  g_assert_cmpuint (cm_dataset_get_n_skipped (ds), ==, 0);
  ada = cm_dataset_get_announcement (ds, 0);
  title = title_of (ds, 0);
  g_assert_cmpstr (title, ==, "Ada Lovelace");
  g_assert_cmpint (ada->start, ==, cm_date_make_time (1815, 12, 10, 0, 0, 0));
  g_assert_cmpint (ada->end, ==, cm_date_make_time (1852, 11, 28, 0, 0, 0));
  g_assert_cmpint (ada->precision, ==, CM_PRECISION_DAY);
  /* HTML becomes text. */
  summary = cm_dataset_dup_text (ds, ada->summary);
  g_assert_null (strstr (summary, "<p>"));
  g_assert_nonnull (strstr (summary, "Women have been programming"));
}

/* No date: the message names the columns and how to choose one. */
static void
test_csv_no_date (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDataset) ds = load_data ("csv", "parser_test.csv", &diags, &error);

  g_assert_null (ds);
  g_assert_error (error, CM_LOADER_ERROR, CM_LOADER_ERROR_INVALID);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_ERROR, NULL,
                                   "no date found among \"title\", \"count\", \"description\"; name the column with --date"));
}

/* Each role by its English or Chinese name, in any case and spacing. */
static void
test_mapping_roles (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_text (
    "日期,标题,纬度,经度,地点,类别,描述,链接\n"
    "2021-11-15,元宇宙,30.59,114.30,武汉,规划,摘要一,https://example.org/a\n", "roles.csv", NULL, &diags);
  g_autoptr(CmDataset) en = load_text (
    "Start Date;End_Date;Headline;LATITUDE;Lng;Location;Type;Description;URL\n"
    "2021-11-15;2021-12;A title;30.5;114.3;Wuhan;Plan;Text;http://example.org/b\n", "roles2.csv", NULL, NULL);
  const CmAnnouncement *a;
  const CmPlace *place;
  g_autofree char *title = NULL, *summary = NULL, *en_title = NULL;

  g_assert_nonnull (ds);
  a = cm_dataset_get_announcement (ds, 0);
  title = title_of (ds, 0);
  summary = cm_dataset_dup_text (ds, a->summary);
  g_assert_cmpstr (title, ==, "元宇宙");
  g_assert_cmpstr (summary, ==, "摘要一");
  place = cm_dataset_get_place (ds, a->place);
  g_assert_cmpstr (place->name, ==, "武汉");
  g_assert_cmpfloat (place->lat, ==, 30.59);
  g_assert_cmpstr (cm_dataset_get_category (ds, a->category)->label, ==, "规划");
  g_assert_cmpuint (a->n_sources, ==, 1);
  g_assert_cmpstr (cm_dataset_get_source (ds, cm_dataset_get_source_ref (ds, a, 0))->url, ==, "https://example.org/a");

  g_assert_nonnull (en);
  a = cm_dataset_get_announcement (en, 0);
  en_title = title_of (en, 0);
  g_assert_cmpstr (en_title, ==, "A title");
  g_assert_cmpint (a->end, ==, cm_date_make_time (2022, 1, 1, 0, 0, 0));
  g_assert_cmpint (a->end_precision, ==, CM_PRECISION_MONTH);
  g_assert_cmpfloat (cm_dataset_get_place (en, a->place)->lon, ==, 114.3);
}

/* GeoJSON property names real files use, and numbers in "time" read as
 * seconds or milliseconds by their size, one decision per file. */
static void
test_mapping_geojson (void)
{
  static const struct { const char *props; gint64 start; } cases[] = {
    { "\"timestamp\": \"2021-11-15T10:00:00Z\"", 1636970400 },
    { "\"Date\": \"2021-11-15\"", 1636934400 },
    { "\"date_ad\": \"2021-11-15\"", 1636934400 },
    { "\"time\": 1636970400", 1636970400 },
    { "\"time\": 1636970400123", 1636970400 },
    { "\"Date\": \"October 2, 1951\"", -575942400 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"type\": \"FeatureCollection\", \"features\": ["
        "{\"type\": \"Feature\", \"properties\": {%s, \"name\": \"x\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}}]}",
        cases[i].props);
      g_autoptr(CmDiagnostics) diags = NULL;
      g_autoptr(CmDataset) ds = cm_test_load_string (json, &diags);

      g_assert_nonnull (ds);
      g_assert_cmpint (cm_dataset_get_announcement (ds, 0)->start, ==, cases[i].start);
      /* No warning that a dated feature "has no date". */
      g_assert_cmpuint (cm_diagnostics_count (diags, CM_SEVERITY_WARNING), ==, 0);
    }
}

static void
test_mapping_end_and_epoch_note (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_string (
    "{\"type\": \"FeatureCollection\", \"features\": ["
    "{\"type\": \"Feature\", \"properties\": {\"time\": 1500000000, \"end\": 1500086400}, \"geometry\": null},"
    "{\"type\": \"Feature\", \"properties\": {\"time\": 1600000000}, \"geometry\": null}]}", &diags);
  const CmAnnouncement *a;

  g_assert_nonnull (ds);
  a = cm_dataset_get_announcement (ds, 0);
  g_assert_cmpint (a->start, ==, 1500000000);
  g_assert_cmpint (a->end, ==, 1500086401);
  /* The days they stand for, to see the unit is right. */
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_NOTE, NULL,
                                   "numbers from 1500000000 to 1600000000 read as Unix time in seconds, "
                                   "14 Jul 2017 to 13 Sep 2020"));
}

/* Options name columns, a zone and the day/month order. */
static void
test_mapping_options (void)
{
  const char *csv = "when,other,label\n02/10/1951 10:00,2020-01-01,a\n05/11/1952 10:00,2020-01-02,b\n";
  CmImportOptions options = { { NULL } };
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDiagnostics) bad_diags = NULL;
  g_autoptr(CmDataset) ds = NULL;
  g_autoptr(CmDataset) bad = NULL;
  g_autoptr(CmDataset) other = NULL;

  options.columns[CM_ROLE_DATE] = g_strdup ("when");
  options.date_order = CM_DATE_ORDER_DMY;
  options.zone = g_strdup ("Asia/Shanghai");
  ds = load_text (csv, "options.csv", &options, &diags);
  g_assert_nonnull (ds);
  g_assert_cmpint (cm_dataset_get_announcement (ds, 0)->start, ==, cm_date_make_time (1951, 10, 2, 2, 0, 0));

  g_free (options.columns[CM_ROLE_DATE]);
  options.columns[CM_ROLE_DATE] = g_strdup ("nope");
  bad = load_text (csv, "options.csv", &options, &bad_diags);
  g_assert_null (bad);
  g_assert_true (cm_test_has_diag (bad_diags, CM_SEVERITY_ERROR, NULL,
                                   "--date \"nope\": no such column; the columns are \"when\", \"other\", \"label\""));

  /* Without an order, dates that read both ways are skipped, not guessed. */
  g_clear_pointer (&diags, cm_diagnostics_free);
  other = load_text ("when,label\n02/10/1951,a\n2021-01-01,b\n", "order.csv", NULL, &diags);
  g_assert_nonnull (other);
  g_assert_cmpuint (cm_dataset_get_n_announcements (other), ==, 1);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_WARNING, NULL, "DMY or MDY"));
  cm_import_options_clear (&options);
}

/* One line per reason, with the count and where; the summary counts. */
static void
test_skip_summary (void)
{
  GString *csv = g_string_new ("date,title\n");
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = NULL;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < 1188; i++)
    g_string_append_printf (csv, i % 20 == 0 ? "2021-01-%02u,ok\n" : "someday %u,no\n", i % 28 + 1);
  ds = load_text (csv->str, "skips.csv", NULL, &diags);
  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 60);
  g_assert_cmpuint (cm_dataset_get_n_skipped (ds), ==, 1128);
  g_assert_cmpuint (cm_diagnostics_count (diags, CM_SEVERITY_WARNING), ==, 1);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_WARNING, NULL, "1128 rows skipped for this reason (unreadable date), also at 4:1, 5:1, …"));
  summary = cm_dataset_format_import_summary (ds);
  g_assert_cmpstr (summary, ==, "60 of 1188 rows shown — 1128 skipped: unreadable date");
  g_string_free (csv, TRUE);
}

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
} CancelLater;

/* Cancels once the rows are being read: at the first worker's third
 * report, 8,192 rows in. */
static void
cancel_on_third (double   fraction,
                 gpointer data)
{
  CancelLater *later = data;

  if (++later->calls == 3)
    g_cancellable_cancel (later->cancellable);
}

/* Forty thousand rows are read by two threads, one half each: places,
 * categories, sources, ids and skips come out as one thread reading them
 * in order makes them. */
static void
test_csv_two_halves (void)
{
  GString *csv = g_string_new ("id,date,city,lat,lon,category,url\n");
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = NULL;
  g_autoptr(CmDataset) no_ids = NULL;
  g_autoptr(GString) plain = g_string_new ("date,title\n");
  guint index_of[40000];
  guint n = 0;
  const CmAnnouncement *a;

  for (guint r = 0; r < 40000; r++)
    {
      const char *id = r == 1 || r == 30001 ? "a" : r == 5 ? "item-30002" : "";
      const char *city = r == 35000 ? "Late" : NULL;
      g_autofree char *name = g_strdup_printf ("C%u", r % 7);
      const char *date = r % 10 == 3 ? "someday" : r >= 25000 && r <= 25004 ? "" : "2021-03-04";
      const char *category = r == 30000 ? "gamma" : r % 2 ? "beta" : "alpha";
      const char *url = r == 2 || r == 20006 ? "https://x.org/a" : r == 20005 ? "https://x.org/late" : "";

      g_string_append_printf (csv, "%s,%s,%s,%u.5,%u.25,%s,%s\n", id, date, city ? city : name,
                              city ? 60 : r % 7, city ? 60 : r % 7, category, url);
      index_of[r] = *date != '\0' && strcmp (date, "someday") != 0 ? n++ : G_MAXUINT;
    }
  /* Cancelled while both halves are being read: nothing, and said so. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new (csv->str, csv->len);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) error = NULL;
    CancelLater later = { cancellable, 0 };
    CmDataset *cancelled = cm_loader_load_bytes_with_options (bytes, "halves.csv", NULL, NULL, cancel_on_third,
                                                              &later, cancellable, &error);

    g_assert_null (cancelled);
    g_assert_error (error, CM_LOADER_ERROR, CM_LOADER_ERROR_CANCELLED);
    g_assert_cmpuint (later.calls, >=, 3);
  }
  ds = load_text (csv->str, "halves.csv", NULL, &diags);
  g_string_free (csv, TRUE);
  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, n);

  /* Categories and places in the order of first use, colours by it. */
  g_assert_cmpuint (cm_dataset_get_n_categories (ds), ==, 3);
  g_assert_cmpstr (cm_dataset_get_category (ds, 2)->label, ==, "gamma");
  g_assert_cmphex (cm_dataset_get_category (ds, 2)->color, ==, 0x009E73);
  g_assert_cmpint (cm_dataset_get_announcement (ds, index_of[30000])->category, ==, 2);
  g_assert_cmpint (cm_dataset_get_announcement (ds, index_of[30001])->category, ==, 1);
  g_assert_cmpuint (cm_dataset_get_n_places (ds), ==, 8);
  g_assert_cmpstr (cm_dataset_get_place (ds, 7)->name, ==, "Late");
  g_assert_cmpstr (cm_dataset_get_place (ds, 7)->id, ==, "p7");
  g_assert_cmpint (cm_dataset_get_announcement (ds, index_of[35000])->place, ==, 7);
  g_assert_cmpint (cm_dataset_get_announcement (ds, index_of[39998])->place, ==, 39998 % 7);

  /* One source per address, shared across the halves. */
  g_assert_cmpuint (cm_dataset_get_n_sources (ds), ==, 2);
  a = cm_dataset_get_announcement (ds, index_of[20006]);
  g_assert_cmpuint (a->n_sources, ==, 1);
  g_assert_cmpint (cm_dataset_get_source_ref (ds, a, 0), ==, 0);
  a = cm_dataset_get_announcement (ds, index_of[20005]);
  g_assert_cmpint (cm_dataset_get_source_ref (ds, a, 0), ==, 1);
  g_assert_cmpstr (cm_dataset_get_source (ds, 1)->url, ==, "https://x.org/late");

  /* An id met again in the second half, and an item-ROW the first half
   * took, give way in row order. */
  g_assert_cmpstr (cm_dataset_get_announcement (ds, index_of[1])->id, ==, "a");
  g_assert_cmpstr (cm_dataset_get_announcement (ds, index_of[30001])->id, ==, "item-30001");
  g_assert_cmpstr (cm_dataset_get_announcement (ds, index_of[5])->id, ==, "item-30002");
  g_assert_cmpstr (cm_dataset_get_announcement (ds, index_of[30002])->id, ==, "item-30002-2");
  g_assert_cmpint (cm_dataset_find_announcement (ds, "item-30002-2"), ==, (gint) index_of[30002]);

  /* A reason met only in the second half comes after the first's, with
   * its own first places; the other's examples are the first three. */
  g_assert_cmpuint (cm_dataset_get_n_skipped (ds), ==, 4004);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_WARNING, NULL,
                                   "4000 rows skipped for this reason (unreadable date), also at 15:1, 25:1, …"));
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_WARNING, NULL,
                                   "4 rows skipped for this reason (no date), also at 25003:1, 25004:1, …"));
  {
    g_autofree char *summary = cm_dataset_format_import_summary (ds);
    g_assert_cmpstr (summary, ==, "35996 of 40000 rows shown — 4004 skipped: unreadable date (4000), no date (4)");
  }

  /* Without an id column the ids are the rows', found when asked for. */
  for (guint r = 0; r < 30000; r++)
    g_string_append_printf (plain, "2020-01-%02u,t%u\n", r % 28 + 1, r);
  no_ids = load_text (plain->str, "plain.csv", NULL, NULL);
  g_assert_nonnull (no_ids);
  g_assert_cmpstr (cm_dataset_get_announcement (no_ids, 29999)->id, ==, "item-29999");
  g_assert_cmpint (cm_dataset_find_announcement (no_ids, "item-29999"), ==, 29999);
  g_assert_cmpint (cm_dataset_find_announcement (no_ids, "item-0"), ==, 0);
  g_assert_cmpint (cm_dataset_find_announcement (no_ids, "item-30000"), ==, -1);
}

/* A table with place names and no coordinates: a name the offline
 * gazetteer knows once is located, and said to be; one it knows several
 * times, or not at all, leaves its rows on the timeline, and says so. The
 * same in a table large enough to be read by two threads, where a name is
 * first met in the second half. */
static void
test_csv_places_by_name (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_text ("date,city,title\n2021-01-02,Wuhan,a\n2021-02-03,Springfield,b\n"
                                       "2021-03-04,Nowhereville Xq,c\n2021-04-05,Wuhan,d\n2021-05-06,Hebi,e\n",
                                       "cities.csv", NULL, &diags);
  g_autoptr(CmDataset) large = NULL;
  GString *csv = g_string_new ("date,city\n");
  const CmPlace *wuhan;

  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_dataset_get_n_places (ds), ==, 2);
  wuhan = cm_dataset_get_place (ds, cm_dataset_get_announcement (ds, 3)->place);
  g_assert_cmpstr (wuhan->name, ==, "Wuhan");
  g_assert_cmpint (wuhan->coords, ==, CM_COORDS_GAZETTEER);
  g_assert_cmpfloat_with_epsilon (wuhan->lat, 30.58, 0.05);
  g_assert_cmpfloat_with_epsilon (wuhan->lon, 114.27, 0.05);
  g_assert_cmpint (cm_dataset_get_announcement (ds, 1)->place, <, 0);
  g_assert_cmpint (cm_dataset_get_announcement (ds, 2)->place, <, 0);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_NOTE, NULL, "2 place names located by the offline gazetteer"));
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_NOTE, NULL, "several places in the offline gazetteer, so its rows are on the timeline only: \"Springfield\""));
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_NOTE, NULL, "is not in the offline gazetteer, so its rows are on the timeline only: \"Nowhereville Xq\""));
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_NOTE, NULL, "2 rows have no coordinates"));

  /* A state column narrows a name the gazetteer knows several times. */
  {
    g_autoptr(CmDiagnostics) d2 = NULL;
    g_autoptr(CmDataset) states = load_text ("date,city,state\n2021-01-02,Springfield,Illinois\n"
                                             "2021-02-03,Springfield,Massachusetts\n2021-03-04,Springfield,\n",
                                             "states.csv", NULL, &d2);
    const CmPlace *il, *ma;

    g_assert_nonnull (states);
    g_assert_cmpuint (cm_dataset_get_n_places (states), ==, 2);
    il = cm_dataset_get_place (states, cm_dataset_get_announcement (states, 0)->place);
    ma = cm_dataset_get_place (states, cm_dataset_get_announcement (states, 1)->place);
    g_assert_cmpfloat_with_epsilon (il->lat, 39.80, 0.05);
    g_assert_cmpfloat_with_epsilon (il->lon, -89.64, 0.05);
    g_assert_cmpfloat_with_epsilon (ma->lon, -72.59, 0.05);
    g_assert_cmpstr (il->name, ==, "Springfield");
    g_assert_cmpint (cm_dataset_get_announcement (states, 2)->place, <, 0);
    g_assert_true (cm_test_has_diag (d2, CM_SEVERITY_NOTE, NULL, "\"Springfield (Illinois)\", \"Springfield (Massachusetts)\""));
  }

  for (guint r = 0; r < 30000; r++)
    g_string_append_printf (csv, "2020-01-%02u,%s\n", r % 28 + 1, r == 25000 ? "Hefei" : r % 2 ? "Wuhan" : "Hebi");
  large = load_text (csv->str, "large.csv", NULL, NULL);
  g_string_free (csv, TRUE);
  g_assert_nonnull (large);
  g_assert_cmpuint (cm_dataset_get_n_places (large), ==, 3);
  g_assert_cmpstr (cm_dataset_get_place (large, 2)->name, ==, "Hefei");
  for (guint p = 0; p < 3; p++)
    g_assert_cmpint (cm_dataset_get_place (large, p)->coords, ==, CM_COORDS_GAZETTEER);
  g_assert_cmpuint (cm_dataset_get_n_without_place (large), ==, 0);
}

static void
test_near_misses (void)
{
  g_autoptr(CmDiagnostics) d1 = NULL;
  g_autoptr(CmDiagnostics) d2 = NULL;
  g_autoptr(CmDiagnostics) d3 = NULL;
  g_autoptr(CmDiagnostics) d4 = NULL;
  g_autoptr(CmDataset) feature = cm_test_load_string (
    "{\"type\": \"Feature\", \"properties\": {\"Date\": \"1906-04-18\", \"epicenter\": \"San Francisco\"},"
    " \"geometry\": {\"type\": \"Point\", \"coordinates\": [-122.4, 37.8]}}", &d1);
  g_autoptr(CmDataset) tjs2 = cm_test_load_string (
    "{\"timeline\": {\"headline\": \"Two\", \"date\": [{\"startDate\": \"2011,12,10\", \"endDate\": \"2011,12,11\","
    " \"headline\": \"A\"}, {\"startDate\": \"-300\", \"headline\": \"B\"}]}}", &d2);
  g_autoptr(CmDataset) wrapped = cm_test_load_string (
    "{\"timeline\": {\"events\": [{\"start_date\": {\"year\": \"1999\"}, \"text\": {\"headline\": \"W\"}}]}}", &d3);
  g_autoptr(CmDataset) linked = cm_test_load_string (
    "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"title\": \"Abydos\"},"
    " \"when\": {\"timespans\": [{\"start\": {\"in\": \"-3100\"}, \"end\": {\"in\": \"-2900\"}}]},"
    " \"geometry\": {\"type\": \"GeometryCollection\", \"geometries\": [{\"type\": \"Point\", \"coordinates\": [31.9, 26.2]}]}}]}", &d4);
  g_autofree char *label = NULL;

  g_assert_nonnull (feature);
  label = title_of (feature, 0);
  g_assert_cmpstr (label, ==, "San Francisco");
  g_assert_true (cm_test_has_diag (d1, CM_SEVERITY_NOTE, NULL, "single GeoJSON Feature"));

  g_assert_nonnull (tjs2);
  g_assert_cmpstr (cm_dataset_get_title (tjs2), ==, "Two");
  g_assert_cmpuint (cm_dataset_get_n_announcements (tjs2), ==, 2);
  g_assert_cmpint (cm_date_year_of (cm_dataset_get_announcement (tjs2, 1)->start), ==, -300);
  g_assert_true (cm_test_has_diag (d2, CM_SEVERITY_NOTE, NULL, "TimelineJS 2"));

  g_assert_nonnull (wrapped);
  g_assert_cmpuint (cm_dataset_get_n_announcements (wrapped), ==, 1);

  g_assert_nonnull (linked);
  g_assert_cmpint (cm_date_year_of (cm_dataset_get_announcement (linked, 0)->start), ==, -3100);
  g_assert_cmpint (cm_date_year_of (cm_dataset_get_announcement (linked, 0)->end - 1), ==, -2900);
  g_assert_cmpint (cm_dataset_get_announcement (linked, 0)->place, >=, 0);
}

/* A year column of another calendar beside the Gregorian one. */
static void
test_other_calendar (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_text ("year_bs,year,event\n2051,1994,a\n2082,2025,b\n", "bs.csv", NULL, &diags);

  g_assert_nonnull (ds);
  g_assert_cmpint (cm_date_year_of (cm_dataset_get_announcement (ds, 0)->start), ==, 1994);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_NOTE, NULL, "\"year_bs\" looks like dates of another calendar"));
}

/* Layouts of journalists' tables (FiveThirtyEight's): dates in year,
 * month (a name) and day columns; a "date" column of two-digit years
 * giving way to a "year" column; an end that belongs to another date. */
static void
test_real_layouts (void)
{
  g_autoptr(CmDiagnostics) d1 = NULL;
  g_autoptr(CmDiagnostics) d2 = NULL;
  g_autoptr(CmDiagnostics) d3 = NULL;
  g_autoptr(CmDiagnostics) d4 = NULL;
  g_autoptr(CmDataset) parts = load_text (
    "name,month,day,year,latitude,longitude\n"
    "A,February,23,2015,32.5,-86.4\n"
    "B,Apr,2,2015,31.3,-92.4\n"
    "C,3,14,2015,42.6,-87.8\n"
    "D,Sept.,30,2015,42.6,-87.8\n"
    "E,Smarch,1,2015,33.9,-118.2\n", "killings.csv", NULL, &d1);
  g_autoptr(CmDataset) years = load_text (
    "current_name,date,year\nDevils Tower,9/24/06,1906\nEl Morro,12/8/06,1906\nBears Ears,12/28/16,2016\n",
    "antiquities.csv", NULL, &d2);
  g_autoptr(CmDataset) ends = load_text (
    "name,investigation-start,investigation-end,cp-date\n"
    "McCord,1973-05-19,1977-06-19,1973-01-30\nBarker,1973-05-19,1977-06-19,1973-01-15\n", "russia.csv", NULL, &d3);
  g_autoptr(CmDataset) paired = load_text ("Event Date,Event End,title\n2001-01-01,2001-02-01,a\n", "events.csv", NULL, &d4);
  g_autoptr(CmDiagnostics) d5 = NULL;
  g_autoptr(CmDataset) visits = load_text ("Candidate name,Date,City,State\nDonald Trump,1/19/2023,Palm Beach,Florida\n",
                                           "candidate_visits.csv", NULL, &d5);
  const CmAnnouncement *a;

  g_assert_nonnull (parts);
  g_assert_cmpuint (cm_dataset_get_n_announcements (parts), ==, 4);
  a = cm_dataset_get_announcement (parts, 0);
  g_assert_cmpint (a->start, ==, cm_date_make_time (2015, 2, 23, 0, 0, 0));
  g_assert_cmpint (a->precision, ==, CM_PRECISION_DAY);
  g_assert_cmpint (cm_dataset_get_announcement (parts, 1)->start, ==, cm_date_make_time (2015, 4, 2, 0, 0, 0));
  g_assert_cmpint (cm_dataset_get_announcement (parts, 2)->start, ==, cm_date_make_time (2015, 3, 14, 0, 0, 0));
  g_assert_true (cm_test_has_diag (d1, CM_SEVERITY_NOTE, NULL, "dates from columns \"year\", \"month\" and \"day\""));
  g_assert_true (cm_test_has_diag (d1, CM_SEVERITY_WARNING, NULL, "Month \"Smarch\" is neither"));
  /* A table's title is its file's name. */
  g_assert_cmpstr (cm_dataset_get_title (parts), ==, "killings");

  g_assert_nonnull (years);
  g_assert_cmpuint (cm_dataset_get_n_announcements (years), ==, 3);
  g_assert_cmpint (cm_date_year_of (cm_dataset_get_announcement (years, 0)->start), ==, 1906);
  g_assert_true (cm_test_has_diag (d2, CM_SEVERITY_NOTE, NULL, "column \"year\" used for dates"));

  g_assert_nonnull (ends);
  g_assert_cmpint (cm_dataset_get_announcement (ends, 0)->start, ==, cm_date_make_time (1973, 1, 30, 0, 0, 0));
  g_assert_cmpint (cm_dataset_get_announcement (ends, 0)->end, ==, cm_date_make_time (1973, 1, 31, 0, 0, 0));
  g_assert_true (cm_test_has_diag (d3, CM_SEVERITY_NOTE, NULL, "\"investigation-end\" is not used as the end of \"cp-date\""));

  g_assert_nonnull (paired);
  g_assert_cmpint (cm_dataset_get_announcement (paired, 0)->end, ==, cm_date_make_time (2001, 2, 2, 0, 0, 0));

  /* No coordinate columns: the place names are looked up, and one the
   * offline gazetteer does not know is said to be on the timeline only. */
  g_assert_nonnull (visits);
  g_assert_true (cm_test_has_diag (d5, CM_SEVERITY_NOTE, NULL,
                                   "1 place name is not in the offline gazetteer, so its rows are on the timeline "
                                   "only: \"Palm Beach (Florida)\""));
  g_assert_true (cm_test_has_diag (d2, CM_SEVERITY_NOTE, NULL, "name coordinate columns with --lat and --lon if"));
  g_assert_false (cm_test_has_diag (d1, CM_SEVERITY_NOTE, NULL, "no latitude and longitude columns"));
}

/* A GPX file of a recorded track: its waypoint has no time and its track
 * none, but the track's points have theirs, so those are read. */
static void
test_gpx_track_points (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDataset) ds = load_data ("gis", "track.gpx", &diags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 3);
  g_assert_cmpint (cm_dataset_get_announcement (ds, 2)->start, ==, cm_date_make_time (2023, 12, 31, 23, 1, 0));
  g_assert_cmpint (cm_dataset_get_announcement (ds, 0)->place, >=, 0);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_NOTE, NULL, "\"track_points\" is read"));
}

/* Linked Places as its official sample writes it: "when" on each
 * geometry of a GeometryCollection, not on the feature. */
static void
test_linked_places_geometry_when (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_string (
    "{\"type\": \"FeatureCollection\", \"features\": [{\"@id\": \"http://mygaz.org/places/p_12345\","
    " \"type\": \"Feature\", \"properties\": {\"title\": \"Abingdon (UK)\"},"
    " \"geometry\": {\"type\": \"GeometryCollection\", \"geometries\": ["
    "  {\"type\": \"Point\", \"coordinates\": [-1.2879, 51.6708],"
    "   \"when\": {\"timespans\": [{\"start\": {\"in\": \"1600\"}, \"end\": {\"in\": \"1699\"}}]}},"
    "  {\"type\": \"Point\", \"coordinates\": [-1.31, 51.64], \"when\": {\"timespans\": [{\"start\": {\"in\": \"1700\"}}]}}"
    " ]}}]}", &diags);
  g_autofree char *title = NULL;

  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 1);
  g_assert_cmpint (cm_date_year_of (cm_dataset_get_announcement (ds, 0)->start), ==, 1600);
  g_assert_cmpint (cm_date_year_of (cm_dataset_get_announcement (ds, 0)->end - 1), ==, 1699);
  g_assert_cmpint (cm_dataset_get_announcement (ds, 0)->place, >=, 0);
  title = title_of (ds, 0);
  g_assert_cmpstr (title, ==, "Abingdon (UK)");
  /* No "name" or metadata title: the file's name. */
  g_assert_cmpstr (cm_dataset_get_title (ds), ==, "test");
}

/* Knight Lab's early TimelineJS 3 example science.json dates its events
 * by "date", not "start_date": read so, and said once. */
static void
test_timelinejs_early_date (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_string (
    "{\"events\": [{\"date\": {\"year\": \"-541000000\"}, \"text\": {\"headline\": \"Cambrian\"}},"
    " {\"date\": {\"year\": \"-252000000\"}, \"text\": {\"headline\": \"Triassic\"}},"
    " {\"start_date\": {\"year\": \"1999\"}, \"date\": {\"year\": \"5\"}, \"text\": {\"headline\": \"Both\"}}]}", &diags);

  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 3);
  g_assert_cmpint (cm_date_year_of (cm_dataset_get_announcement (ds, 0)->start), ==, -541000000);
  /* start_date wins over date. */
  g_assert_cmpint (cm_date_year_of (cm_dataset_get_announcement (ds, 2)->start), ==, 1999);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_NOTE, NULL, "2 events are dated by \"date\""));
}

/* A table whose only dates have two-digit years (FiveThirtyEight's
 * serve_times.csv, "28-May-15"): the error names that column and why. */
static void
test_two_digit_year_near_miss (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_text ("server,seconds,day,opponent\nNicolas Almagro,22,28-May-15,Rafael Nadal\n",
                                       "serve_times.csv", NULL, &diags);

  g_assert_null (ds);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_ERROR, NULL,
                                   "column \"day\" holds dates with two-digit years (\"28-May-15\")"));
}

/* CSV errors at FILE:LINE:COLUMN; content, not the name, decides. */
static void
test_csv_located_errors (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDiagnostics) latin_diags = NULL;
  g_autoptr(CmDataset) ds = load_text ("date,title\n2021-01-01,ok\n2021-01-02,\"bad\"x\n", "broken.json", NULL, &diags);
  const char latin1[] = "date,title\n2021-01-01,caf\xe9\n";
  CmImportOptions options = { { NULL } };
  g_autoptr(CmDataset) latin = NULL;
  g_autoptr(CmDataset) converted = NULL;
  g_autofree char *line = NULL;
  g_autofree char *title = NULL;

  g_assert_null (ds);
  for (guint i = 0; i < cm_diagnostics_get_n (diags); i++)
    if (cm_diagnostics_get (diags, i)->severity == CM_SEVERITY_ERROR)
      line = cm_diagnostic_format (cm_diagnostics_get (diags, i), "broken.json");
  g_assert_cmpstr (line, ==, "broken.json:3:17: error: unexpected 'x' after the closing quote; expected ',' or the end of the line");

  latin = load_text (latin1, "latin.csv", NULL, &latin_diags);
  g_assert_null (latin);
  g_assert_true (cm_test_has_diag (latin_diags, CM_SEVERITY_ERROR, NULL, "--encoding"));
  options.encoding = g_strdup ("ISO-8859-1");
  converted = load_text (latin1, "latin.csv", &options, NULL);
  g_assert_nonnull (converted);
  title = title_of (converted, 0);
  g_assert_cmpstr (title, ==, "café");
  cm_import_options_clear (&options);
}

/* GIS files and spreadsheets through GDAL, recognised by their content. */
static void
test_gdal_formats (void)
{
  static const char * const files[] = { "usgs50.gpkg", "usgs50.shp", "usgs50.kml", "usgs50.kmz", "usgs50.fgb" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(CmDiagnostics) diags = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CmDataset) ds = load_data ("gis", files[i], &diags, &error);
      const CmAnnouncement *a;

      g_test_message ("%s", files[i]);
      g_assert_no_error (error);
      g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 50);
      g_assert_cmpuint (cm_dataset_get_n_without_place (ds), ==, 0);
      /* The first of the feed: 2018-02-07, on the map near California. */
      a = cm_dataset_get_announcement (ds, 0);
      g_assert_cmpint (a->start, >=, cm_date_make_time (2018, 2, 6, 0, 0, 0));
      g_assert_cmpint (a->start, <, cm_date_make_time (2018, 2, 8, 0, 0, 0));
    }
}

static void
test_gpx_and_xlsx (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDiagnostics) xdiags = NULL;
  g_autoptr(CmDiagnostics) sdiags = NULL;
  g_autoptr(CmDiagnostics) bdiags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDataset) gpx = load_data ("gis", "waypoints.gpx", &diags, &error);
  g_autoptr(CmDataset) xlsx = load_data ("spreadsheet", "events.xlsx", &xdiags, NULL);
  g_autofree char *path = cm_test_data_path ("spreadsheet", "events.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmImportOptions options = { { NULL } };
  g_autoptr(CmDataset) years = NULL;
  g_autoptr(CmDataset) nope = NULL;
  g_autofree char *title = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (cm_dataset_get_n_announcements (gpx), ==, 2);
  g_assert_cmpint (cm_dataset_get_announcement (gpx, 1)->start, ==, cm_date_make_time (2021, 12, 24, 1, 30, 0));
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_WARNING, "row 4", "it has no \"time\""));

  /* Date cells are dates; a sheet is chosen by name. */
  g_assert_nonnull (xlsx);
  g_assert_cmpuint (cm_dataset_get_n_announcements (xlsx), ==, 3);
  title = title_of (xlsx, 0);
  g_assert_cmpstr (title, ==, "Wuhan metaverse plan");
  g_assert_cmpint (cm_dataset_get_announcement (xlsx, 0)->start, ==, cm_date_make_time (2021, 11, 15, 0, 0, 0));
  g_assert_cmpint (cm_date_year_of (cm_dataset_get_announcement (xlsx, 2)->start), ==, -299);
  g_assert_true (cm_test_has_diag (xdiags, CM_SEVERITY_NOTE, NULL, "choose another with --sheet NAME"));
  options.sheet = g_strdup ("Years");
  years = cm_loader_load_file_with_options (file, "events.xlsx", &options, &sdiags, NULL, NULL, NULL, NULL);
  g_assert_nonnull (years);
  g_assert_cmpint (cm_date_year_of (cm_dataset_get_announcement (years, 1)->start), ==, -13800000000);
  g_free (options.sheet);
  options.sheet = g_strdup ("Nope");
  nope = cm_loader_load_file_with_options (file, "events.xlsx", &options, &bdiags, NULL, NULL, NULL, NULL);
  g_assert_null (nope);
  g_assert_true (cm_test_has_diag (bdiags, CM_SEVERITY_ERROR, NULL, "there are \"Announcements\", \"Years\""));
  cm_import_options_clear (&options);
}

/* An OpenDocument spreadsheet through GDAL: typed date and date-time
 * cells, a text date, Chinese headers, a second sheet by name. */
static void
test_ods (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDiagnostics) ydiags = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDataset) ds = load_data ("spreadsheet", "events.ods", &diags, &error);
  g_autofree char *path = cm_test_data_path ("spreadsheet", "events.ods", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmImportOptions options = { { NULL } };
  g_autoptr(CmDataset) years = NULL;
  g_autofree char *title = NULL;
  const CmAnnouncement *a;
  const CmPlace *place;

  g_assert_no_error (error);
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 3);
  g_assert_cmpuint (cm_dataset_get_n_skipped (ds), ==, 1);
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_WARNING, "row 5", "it has no \"日期\""));
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_NOTE, NULL, "\"Announcements\" is read"));

  /* In the sheet's order. */
  a = cm_dataset_get_announcement (ds, 0);
  title = title_of (ds, 0);
  g_assert_cmpstr (title, ==, "Wuhan metaverse plan");
  g_assert_cmpint (a->start, ==, cm_date_make_time (2021, 11, 15, 0, 0, 0));
  g_assert_cmpint (a->precision, ==, CM_PRECISION_DAY);
  place = cm_dataset_get_place (ds, a->place);
  g_assert_cmpfloat_with_epsilon (place->lat, 30.5928, 1e-9);
  g_assert_cmpfloat_with_epsilon (place->lon, 114.3055, 1e-9);
  g_assert_cmpstr (cm_dataset_get_category (ds, a->category)->label, ==, "plan");
  a = cm_dataset_get_announcement (ds, 1);
  g_assert_cmpint (a->start, ==, cm_date_make_time (2021, 12, 24, 9, 30, 0));
  a = cm_dataset_get_announcement (ds, 2);
  g_assert_cmpint (cm_date_year_of (a->start), ==, -299);
  g_assert_cmpint (a->place, <, 0);

  options.sheet = g_strdup ("Years");
  years = cm_loader_load_file_with_options (file, "events.ods", &options, &ydiags, NULL, NULL, NULL, NULL);
  g_assert_nonnull (years);
  g_assert_cmpuint (cm_dataset_get_n_announcements (years), ==, 2);
  g_assert_cmpint (cm_date_year_of (cm_dataset_get_announcement (years, 0)->start), ==, 1880);
  g_assert_cmpint (cm_date_year_of (cm_dataset_get_announcement (years, 1)->start), ==, -4600000000);
  cm_import_options_clear (&options);
}

/* Quoted text is kept in place when it is the file's bytes, and undone
 * when a quote is doubled. */
static void
test_csv_quoted_text (void)
{
  g_autoptr(CmDataset) ds = load_text ("date,title,summary\n2021-01-01,\"say \"\"hi\"\", then go\",\"plain, quoted\"\n",
                                       "quoted.csv", NULL, NULL);
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;

  g_assert_nonnull (ds);
  title = title_of (ds, 0);
  summary = cm_dataset_dup_text (ds, cm_dataset_get_announcement (ds, 0)->summary);
  g_assert_cmpstr (title, ==, "say \"hi\", then go");
  g_assert_cmpstr (summary, ==, "plain, quoted");
}

/* Spreadsheet serial days saved to CSV: read as dates only in a column
 * named as dates whose values are all serials; years stay years. */
static void
test_excel_serials (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDiagnostics) year_diags = NULL;
  g_autoptr(CmDiagnostics) small_diags = NULL;
  g_autoptr(CmDiagnostics) mixed_diags = NULL;
  g_autoptr(CmDataset) ds = load_text ("Start Date,title\n44562,New year\n44562.5,Noon\n45000,Later\n",
                                       "serials.csv", NULL, &diags);
  g_autoptr(CmDataset) years = load_text ("year,title\n44562,a\n45000,b\n", "years.csv", NULL, &year_diags);
  g_autoptr(CmDataset) small = load_text ("date,title\n1990,a\n2005,b\n", "small.csv", NULL, &small_diags);
  g_autoptr(CmDataset) mixed = load_text ("date,title\n44562,a\n2022-01-05,b\n", "mixed.csv", NULL, &mixed_diags);
  const CmAnnouncement *a;

  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 3);
  a = cm_dataset_get_announcement (ds, 0);
  g_assert_cmpint (a->start, ==, cm_date_make_time (2022, 1, 1, 0, 0, 0));
  g_assert_cmpint (a->precision, ==, CM_PRECISION_DAY);
  a = cm_dataset_get_announcement (ds, 1);
  g_assert_cmpint (a->start, ==, cm_date_make_time (2022, 1, 1, 12, 0, 0));
  g_assert_cmpint (cm_dataset_get_announcement (ds, 2)->start, ==, cm_date_make_time (2023, 3, 15, 0, 0, 0));
  g_assert_true (cm_test_has_diag (diags, CM_SEVERITY_NOTE, NULL, "read as spreadsheet serial days"));

  /* Named as years: the year 44562, not a day of 2022. */
  g_assert_nonnull (years);
  g_assert_cmpint (cm_date_year_of (cm_dataset_get_announcement (years, 0)->start), ==, 44562);
  g_assert_false (cm_test_has_diag (year_diags, CM_SEVERITY_NOTE, NULL, "serial"));
  /* Below 10,000 (18 May 1927): years. */
  g_assert_nonnull (small);
  g_assert_cmpint (cm_date_year_of (cm_dataset_get_announcement (small, 0)->start), ==, 1990);
  /* Not every value a serial: not read as serials. */
  g_assert_false (cm_test_has_diag (mixed_diags, CM_SEVERITY_NOTE, NULL, "serial"));
}

/* What the Import dialog is given: the columns, first rows, the mapping
 * and whether any of it was a guess, with the counts of the load. */
static void
test_preview (void)
{
  g_autofree char *path = cm_test_data_path ("csv", "guessed-columns.csv", NULL);
  g_autofree char *usgs_path = cm_test_data_path ("csv", "usgs_all_month_2024-05-05.csv", NULL);
  g_autofree char *json_path = cm_test_data_path ("geojson", "usgs_all_week_2018-02-07.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) usgs_file = g_file_new_for_path (usgs_path);
  g_autoptr(GFile) json_file = g_file_new_for_path (json_path);
  g_autoptr(CmImportPreview) preview = NULL;
  g_autoptr(CmImportPreview) chosen = NULL;
  g_autoptr(CmImportPreview) usgs = NULL;
  g_autoptr(CmImportPreview) features = NULL;
  g_autoptr(CmDataset) ds = NULL;
  g_autoptr(CmDataset) ds2 = NULL;
  g_autoptr(CmDataset) ds3 = NULL;
  g_autoptr(CmDataset) ds4 = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *hash2 = NULL;
  CmImportOptions options = { { NULL } };

  ds = cm_loader_load_file_preview (file, "guessed-columns.csv", NULL, 3, &preview, NULL, NULL, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  g_assert_nonnull (preview);
  g_assert_cmpuint (preview->names->len, ==, 5);
  g_assert_cmpstr (preview->names->pdata[1], ==, "<b>what</b>");
  g_assert_cmpuint (preview->rows->len, ==, 3);
  g_assert_cmpstr (((char **) preview->rows->pdata[2])[0], ==, "2021-05-20");
  g_assert_cmpstr (((char **) preview->rows->pdata[2])[2], ==, "");
  /* The date column was taken by its values: a guess. */
  g_assert_cmpint (preview->column[CM_ROLE_DATE], ==, 0);
  g_assert_cmpint (preview->column[CM_ROLE_LAT], ==, 3);
  g_assert_cmpuint (preview->guessed, ==, 1u << CM_ROLE_DATE);
  g_assert_cmpuint (cm_import_preview_role_of (preview, 4), ==, CM_ROLE_LON);
  g_assert_cmpuint (cm_import_preview_role_of (preview, 2), ==, CM_N_ROLES);
  g_assert_cmpuint (preview->n_rows, ==, 6);
  g_assert_cmpuint (preview->n_loaded, ==, 6);
  g_assert_false (cm_import_preview_is_certain (preview));

  /* Chosen: no guess left; two rows have no "registered". */
  options.columns[CM_ROLE_DATE] = g_strdup ("registered");
  ds2 = cm_loader_load_file_preview (file, "guessed-columns.csv", &options, 3, &chosen, NULL, NULL, NULL, NULL, NULL);
  g_assert_nonnull (ds2);
  g_assert_cmpint (chosen->column[CM_ROLE_DATE], ==, 2);
  g_assert_cmpuint (chosen->guessed, ==, 0);
  g_assert_cmpuint (chosen->n_loaded, ==, 4);
  g_assert_true (cm_import_preview_is_certain (chosen));
  hash = cm_import_preview_header_hash (preview);
  hash2 = cm_import_preview_header_hash (chosen);
  g_assert_cmpstr (hash, ==, hash2);
  cm_import_options_clear (&options);

  /* A date column by name: certain, and another header, another hash. */
  ds3 = cm_loader_load_file_preview (usgs_file, "usgs.csv", NULL, 3, &usgs, NULL, NULL, NULL, NULL, NULL);
  g_assert_nonnull (ds3);
  g_assert_true (cm_import_preview_is_certain (usgs));
  g_clear_pointer (&hash2, g_free);
  hash2 = cm_import_preview_header_hash (usgs);
  g_assert_cmpstr (hash, !=, hash2);

  /* GeoJSON properties are a table of features. */
  ds4 = cm_loader_load_file_preview (json_file, "usgs.geojson", NULL, 3, &features, NULL, NULL, NULL, NULL, NULL);
  g_assert_nonnull (ds4);
  g_assert_nonnull (features);
  g_assert_cmpint (features->source, ==, CM_IMPORT_SOURCE_FEATURES);
  g_assert_null (features->sheets);
  g_assert_cmpuint (features->n_loaded, ==, 1707);
  /* Its dates come from "time", by name: nothing to ask. */
  g_assert_true (cm_import_preview_is_certain (features));
  g_assert_cmpint (preview->source, ==, CM_IMPORT_SOURCE_TEXT);
}

/* What the Import dialog offers beside the roles: a workbook's sheets, a
 * text file that is not in its encoding, and how the first rows read. */
static void
test_preview_sources (void)
{
  g_autofree char *ods_path = cm_test_data_path ("spreadsheet", "events.ods", NULL);
  g_autofree char *gpkg_path = cm_test_data_path ("gis", "usgs50.gpkg", NULL);
  g_autoptr(GFile) ods = g_file_new_for_path (ods_path);
  g_autoptr(GFile) gpkg = g_file_new_for_path (gpkg_path);
  g_autofree char *dir = g_dir_make_tmp ("cm-preview-XXXXXX", NULL);
  g_autofree char *latin_path = g_build_filename (dir, "latin.csv", NULL);
  g_autoptr(GFile) latin = g_file_new_for_path (latin_path);
  g_autoptr(CmImportPreview) book = NULL;
  g_autoptr(CmImportPreview) years = NULL;
  g_autoptr(CmImportPreview) layers = NULL;
  g_autoptr(CmImportPreview) text = NULL;
  g_autoptr(CmImportPreview) converted = NULL;
  g_autoptr(CmDataset) ds = NULL;
  g_autoptr(CmDataset) ds2 = NULL;
  g_autoptr(CmDataset) ds3 = NULL;
  g_autoptr(CmDataset) ds4 = NULL;
  g_autoptr(CmDataset) ds5 = NULL;
  CmImportOptions options = { { NULL } };
  const CmImportRead *read;

  ds = cm_loader_load_file_preview (ods, "events.ods", NULL, 12, &book, NULL, NULL, NULL, NULL, NULL);
  g_assert_nonnull (book);
  g_assert_cmpint (book->source, ==, CM_IMPORT_SOURCE_WORKBOOK);
  g_assert_cmpuint (book->sheets->len, ==, 2);
  g_assert_cmpstr (book->sheets->pdata[0], ==, "Announcements");
  g_assert_cmpstr (book->sheets->pdata[1], ==, "Years");
  g_assert_cmpstr (book->sheet, ==, "Announcements");
  /* A row per row shown: three dates and the row without one. */
  g_assert_cmpuint (book->read->len, ==, book->rows->len);
  g_assert_cmpuint (book->read->len, ==, 4);
  read = &g_array_index (book->read, CmImportRead, 0);
  g_assert_null (read->skipped);
  g_assert_cmpint (read->date.start, ==, cm_date_make_time (2021, 11, 15, 0, 0, 0));
  g_assert_cmpstr (g_array_index (book->read, CmImportRead, 3).skipped, ==, "no date");

  options.sheet = g_strdup ("Years");
  ds2 = cm_loader_load_file_preview (ods, "events.ods", &options, 12, &years, NULL, NULL, NULL, NULL, NULL);
  g_assert_cmpstr (years->sheet, ==, "Years");
  g_assert_cmpuint (years->n_loaded, ==, 2);
  cm_import_options_clear (&options);

  ds3 = cm_loader_load_file_preview (gpkg, "usgs50.gpkg", NULL, 12, &layers, NULL, NULL, NULL, NULL, NULL);
  g_assert_cmpint (layers->source, ==, CM_IMPORT_SOURCE_LAYERS);
  g_assert_cmpuint (layers->sheets->len, ==, 1);

  /* Not UTF-8: no columns, but a preview to choose the encoding in. */
  g_assert_true (g_file_set_contents (latin_path, "date,title\n2021-01-01,caf\xe9\n", -1, NULL));
  ds4 = cm_loader_load_file_preview (latin, "latin.csv", NULL, 12, &text, NULL, NULL, NULL, NULL, NULL);
  g_assert_null (ds4);
  g_assert_nonnull (text);
  g_assert_true (text->unreadable_text);
  g_assert_cmpint (text->source, ==, CM_IMPORT_SOURCE_TEXT);
  g_assert_cmpuint (text->names->len, ==, 0);
  g_assert_false (cm_import_preview_is_certain (text));
  options.encoding = g_strdup ("windows-1252");
  ds5 = cm_loader_load_file_preview (latin, "latin.csv", &options, 12, &converted, NULL, NULL, NULL, NULL, NULL);
  g_assert_nonnull (ds5);
  g_assert_false (converted->unreadable_text);
  g_assert_cmpstr (((char **) converted->rows->pdata[0])[1], ==, "café");
  cm_import_options_clear (&options);
  g_unlink (latin_path);
  g_rmdir (dir);
}

/* A column named "when" that holds only times of day is not the date
 * when another column's values are dates: that one is, and the times
 * join it. */
static void
test_mapping_named_not_dates (void)
{
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = load_text (
    "when,day,title,lat,lon\n"
    "09:30,2021-11-15,Morning,30.5,114.3\n"
    "14:00,2021-11-16,Afternoon,30.5,114.3\n", "when.csv", NULL, &diags);
  const CmAnnouncement *a;

  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 2);
  a = cm_dataset_get_announcement (ds, 0);
  g_assert_cmpint (a->start, ==, cm_date_make_time (2021, 11, 15, 9, 30, 0));
  a = cm_dataset_get_announcement (ds, 1);
  g_assert_cmpint (a->start, ==, cm_date_make_time (2021, 11, 16, 14, 0, 0));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/geojson/usgs", test_usgs);
  g_test_add_func ("/import/preview/sources", test_preview_sources);
  g_test_add_func ("/import/geojson/openlayers", test_openlayers);
  g_test_add_func ("/import/csv/usgs", test_csv_usgs);
  g_test_add_func ("/import/csv/timelinejs-sheet", test_csv_timelinejs_sheet);
  g_test_add_func ("/import/csv/no-date", test_csv_no_date);
  g_test_add_func ("/import/csv/located-errors", test_csv_located_errors);
  g_test_add_func ("/import/mapping/roles", test_mapping_roles);
  g_test_add_func ("/import/mapping/named-not-dates", test_mapping_named_not_dates);
  g_test_add_func ("/import/mapping/geojson-names", test_mapping_geojson);
  g_test_add_func ("/import/mapping/end-and-epoch", test_mapping_end_and_epoch_note);
  g_test_add_func ("/import/mapping/options", test_mapping_options);
  g_test_add_func ("/import/mapping/excel-serials", test_excel_serials);
  g_test_add_func ("/import/csv/quoted-text", test_csv_quoted_text);
  g_test_add_func ("/import/preview", test_preview);
  g_test_add_func ("/import/mapping/other-calendar", test_other_calendar);
  g_test_add_func ("/import/mapping/real-layouts", test_real_layouts);
  g_test_add_func ("/import/gdal/gpx-track-points", test_gpx_track_points);
  g_test_add_func ("/import/timelinejs/early-date", test_timelinejs_early_date);
  g_test_add_func ("/import/mapping/two-digit-year-near-miss", test_two_digit_year_near_miss);
  g_test_add_func ("/import/geojson/linked-places-geometry-when", test_linked_places_geometry_when);
  g_test_add_func ("/import/skip-summary", test_skip_summary);
  g_test_add_func ("/import/csv/two-halves", test_csv_two_halves);
  g_test_add_func ("/import/csv/places-by-name", test_csv_places_by_name);
  g_test_add_func ("/import/near-misses", test_near_misses);
  g_test_add_func ("/import/gdal/gis-formats", test_gdal_formats);
  g_test_add_func ("/import/gdal/gpx-and-xlsx", test_gpx_and_xlsx);
  g_test_add_func ("/import/gdal/ods", test_ods);
  g_test_add_func ("/import/geojson/rules", test_geojson_rules);
  g_test_add_func ("/import/geojson/nothing-usable", test_nothing_usable);
  g_test_add_func ("/import/timelinejs/examples", test_timelinejs);
  g_test_add_func ("/import/timelinejs/cosmo", test_cosmo);
  g_test_add_func ("/import/timelinejs/parts", test_timelinejs_parts);

  return g_test_run ();
}
