/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "cm-loader.h"
#include "cm-map-events.h"
#include "cm-test-util.h"
#include "cm-time-filter.h"
#include "cm-view-data.h"
#include "cm-view-filter.h"

/* One meaning of time (issue #18): an announcement is its whole period,
 * and it is in a range it overlaps. The model's predicate decides; the
 * map's index, which cannot call it, must agree with it everywhere. */

static CmBasemap *
load_basemap (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "basemap",
                                            "china.geojson", NULL);
  g_autoptr(GError) error = NULL;
  CmBasemap *basemap = cm_basemap_new_from_file (path, &error);

  g_assert_no_error (error);
  return basemap;
}

static gint64
day (const char *iso)
{
  CmDate date;

  g_assert_true (cm_date_parse (iso, strlen (iso), &date, NULL));
  return date.start;
}

static void
test_overlaps (void)
{
  gint64 nov = day ("2021-11-01"), dec = day ("2021-12-01");

  /* "2021-11" is all of November: in a range from the 10th. */
  g_assert_true (cm_time_overlaps (nov, dec, day ("2021-11-10"), day ("2022-05-01")));
  /* ... and in one ending on the 2nd. */
  g_assert_true (cm_time_overlaps (nov, dec, day ("2021-10-01"), day ("2021-11-02")));
  /* Bounds are half open: a range ending where the month starts, or
   * starting where it ends, holds none of it. */
  g_assert_false (cm_time_overlaps (nov, dec, day ("2021-10-01"), nov));
  g_assert_true (cm_time_overlaps (nov, dec, day ("2021-10-01"), nov + 1));
  g_assert_false (cm_time_overlaps (nov, dec, dec, day ("2022-01-01")));
  g_assert_true (cm_time_overlaps (nov, dec, dec - 1, day ("2022-01-01")));
  /* A range inside the period. */
  g_assert_true (cm_time_overlaps (nov, dec, day ("2021-11-10"), day ("2021-11-11")));
  /* An empty range holds nothing. */
  g_assert_false (cm_time_overlaps (nov, dec, day ("2021-11-10"), day ("2021-11-10")));
  g_assert_false (cm_time_overlaps (nov, dec, day ("2021-11-20"), day ("2021-11-10")));
}

static GPtrArray *
ids_in (CmDataset    *ds,
        const guint8 *match)
{
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; i < cm_dataset_get_n_announcements (ds); i++)
    if (match[i])
      g_ptr_array_add (ids, (gpointer) cm_dataset_get_announcement (ds, i)->id);
  return ids;
}

static gboolean
has_id (GPtrArray  *ids,
        const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_str_equal (ids->pdata[i], id))
      return TRUE;
  return FALSE;
}

/* The ranges over the sample's month-precision items. */
static void
test_match_sample (void)
{
  g_autoptr(CmDataset) ds = cm_test_load_sample ();
  guint n = cm_dataset_get_n_announcements (ds);
  g_autofree guint8 *match = g_new (guint8, n);
  g_autoptr(GPtrArray) ids = NULL;
  guint matched;

  /* Mid-January to May 2022: the two January work reports given to the
   * month and the meeting of December to January, not the reports of
   * the 5th and 11th. */
  memset (match, 1, n);
  matched = cm_dataset_match_time (ds, day ("2022-01-15"), day ("2022-05-01"), match);
  ids = ids_in (ds, match);
  g_assert_cmpuint (matched, ==, 3);
  g_assert_true (has_id (ids, "xuhui-work-report-2022"));
  g_assert_true (has_id (ids, "hefei-work-report-2022"));
  g_assert_true (has_id (ids, "shanghai-party-economic-forum"));
  g_clear_pointer (&ids, g_ptr_array_unref);

  /* From 10 November 2021: Zhejiang's "2021-11" is in. */
  memset (match, 1, n);
  matched = cm_dataset_match_time (ds, day ("2021-11-10"), day ("2021-12-01"), match);
  ids = ids_in (ds, match);
  g_assert_cmpuint (matched, ==, 1);
  g_assert_true (has_id (ids, "zhejiang-metaverse-symposium"));
  g_clear_pointer (&ids, g_ptr_array_unref);

  /* A mask already cleared stays cleared. */
  memset (match, 0, n);
  g_assert_cmpuint (cm_dataset_match_time (ds, CM_DATE_TIME_MIN, CM_DATE_TIME_MAX, match), ==, 0);
  memset (match, 1, n);
  g_assert_cmpuint (cm_dataset_match_time (ds, CM_DATE_TIME_MIN, CM_DATE_TIME_MAX, match), ==, n);
}

/* The map's index counts what the predicate keeps, for periods given
 * unsorted, filtered by a mask, with the earliest and latest starts. */
static void
test_map_events_spans (void)
{
  const guint n_places = 13, n_cat = 3;
  const gsize n = 4000;
  g_autofree gint64 *s = g_new (gint64, n);
  g_autofree gint64 *e = g_new (gint64, n);
  g_autofree guint32 *p = g_new (guint32, n);
  g_autofree guint8 *c = g_new (guint8, n);
  g_autofree guint32 *counts = g_new (guint32, n_places);
  g_autofree guint32 *per = g_new (guint32, n_places * n_cat);
  g_autofree gint64 *first = g_new (gint64, n_places);
  g_autoptr(CmMapEvents) ev = NULL;
  GRand *rand = g_rand_new_with_seed (18);

  for (gsize i = 0; i < n; i++)
    {
      s[i] = g_rand_int_range (rand, -1000, 1000);
      /* Mostly short, some long, some instants. */
      e[i] = s[i] + (i % 7 == 0 ? g_rand_int_range (rand, 100, 900) : g_rand_int_range (rand, 1, 30));
      p[i] = g_rand_int_range (rand, 0, n_places);
      c[i] = g_rand_int_range (rand, 0, n_cat);
    }
  g_autofree guint8 *keep = g_new (guint8, n);
  g_autoptr(CmMapEvents) all = NULL;

  all = cm_map_events_new_spans (n_places, n_cat, n, s, e, p, c);
  /* A filter's subset of the index (a search), a view of it or of all
   * by category, and a subset made again in the memory of the last: each
   * counts as an index of its events alone. */
  for (int round = 0; round < 6; round++)
    {
      guint8 shown[3] = { round % 3 != 0, round % 2 == 0, round != 4 };
      gboolean by_text = round != 2, by_category = round >= 2;
      g_autoptr(CmMapEvents) view = NULL;
      CmMapEvents *counted;
      gsize want_n = 0;

      for (gsize i = 0; i < n; i++)
        keep[i] = !by_text || g_rand_int_range (rand, 0, 3 + round) != 0;
      if (by_text)
        ev = cm_map_events_new_subset (all, keep, g_steal_pointer (&ev));
      if (by_category)
        view = cm_map_events_new_category_view (by_text ? ev : all, shown);
      counted = view != NULL ? view : ev;
      for (gsize i = 0; i < n; i++)
        {
          keep[i] &= !by_category || shown[c[i]];
          want_n += keep[i];
        }
      g_assert_cmpuint (cm_map_events_get_n_events (counted), ==, want_n);
      {
        gint64 lo = G_MAXINT64, hi = G_MININT64, got_lo = 0, got_hi = 0;

        for (gsize i = 0; i < n; i++)
          if (keep[i])
            {
              lo = MIN (lo, s[i]);
              hi = MAX (hi, s[i]);
            }
        g_assert_cmpint (cm_map_events_get_time_bounds (counted, &got_lo, &got_hi), ==, want_n > 0);
        if (want_n > 0)
          {
            g_assert_cmpint (got_lo, ==, lo);
            g_assert_cmpint (got_hi, ==, hi);
          }
      }
      for (guint q = 0; q < n_places; q++)
        {
          guint32 total = 0;

          for (gsize i = 0; i < n; i++)
            total += keep[i] && p[i] == q;
          g_assert_cmpuint (cm_map_events_get_total (counted, q), ==, total);
        }
      for (int trial = 0; trial < 60; trial++)
        {
          gint64 a = g_rand_int_range (rand, -1100, 1100), b = a + g_rand_int_range (rand, -10, 400);

          cm_map_events_count (counted, a, b, counts, per, first);
          for (guint q = 0; q < n_places; q++)
            {
              guint32 want = 0, want_per[3] = { 0 };
              gint64 want_first = G_MAXINT64, want_last = G_MININT64, got_first = 0, got_last = 0;

              for (gsize i = 0; i < n; i++)
                if (keep[i] && p[i] == q && cm_time_overlaps (s[i], e[i], a, b))
                  {
                    want++;
                    want_per[c[i]]++;
                    want_first = MIN (want_first, s[i]);
                    want_last = MAX (want_last, s[i]);
                  }
              g_assert_cmpuint (counts[q], ==, want);
              g_assert_cmpint (first[q], ==, want_first);
              for (guint k = 0; k < n_cat; k++)
                g_assert_cmpuint (per[q * n_cat + k], ==, want_per[k]);
              g_assert_cmpuint (cm_map_events_count_place (counted, q, a, b), ==, want);
              g_assert_cmpuint (cm_map_events_place_span (counted, q, a, b, &got_first, &got_last), ==, want);
              if (want > 0)
                {
                  g_assert_cmpint (got_first, ==, want_first);
                  g_assert_cmpint (got_last, ==, want_last);
                }
            }
        }
    }
  g_rand_free (rand);
}

/* The map of the sample counts, per place, the announcements the model
 * keeps, for ranges cutting its months and its span; a province's
 * shading follows its count. */
static void
test_map_agrees (void)
{
  g_autoptr(CmDataset) ds = cm_test_load_sample ();
  g_autoptr(CmBasemap) basemap = load_basemap ();
  g_autoptr(CmMapData) data = cm_map_data_new (ds, basemap, FALSE);
  g_autoptr(CmMapPainter) painter = cm_map_painter_new ();
  guint n = cm_dataset_get_n_announcements (ds);
  g_autofree guint8 *match = g_new (guint8, n);
  const char *ranges[][2] = {
    { "2022-01-15", "2022-05-01" },
    { "2021-11-10", "2022-05-01" },
    { "2021-11-10", "2021-11-11" },
    { "2022-01-06", "2022-01-07" },
    { "2021-12-31", "2022-01-01" },
    { "2023-04-14", "2023-04-15" },
    { "2022-02-01", "2023-04-14" },
  };

  cm_map_data_apply (data, painter);
  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    {
      gint64 a = day (ranges[r][0]), b = day (ranges[r][1]);

      memset (match, 1, n);
      cm_dataset_match_time (ds, a, b, match);
      cm_map_painter_set_time_range (painter, a, b);
      for (guint q = 0; q < cm_dataset_get_n_places (ds); q++)
        {
          guint32 want = 0;

          /* Every announcement with a place is on this map: at a point,
           * or shading its province. */
          for (guint i = 0; i < n; i++)
            want += match[i] && cm_dataset_get_announcement (ds, i)->place == (gint32) q;
          g_assert_cmpuint (data->n_events, ==, n);
          g_test_message ("%s – %s: %s", ranges[r][0], ranges[r][1], cm_dataset_get_place (ds, q)->id);
          g_assert_cmpuint (cm_map_painter_get_place_count (painter, q), ==, want);
        }
    }

  /* From 10 November: Zhejiang (a province: shaded, no marker) counts. */
  cm_map_painter_set_time_range (painter, day ("2021-11-10"), day ("2022-05-01"));
  g_assert_cmpuint (cm_map_painter_get_place_count (painter, cm_dataset_find_place (ds, "zhejiang")), ==, 1);
  /* And a filter keeps overlap: the matches are periods too. */
  memset (match, 1, n);
  cm_view_filter_apply_map (data, match, painter);
  g_assert_cmpuint (cm_map_painter_get_place_count (painter, cm_dataset_find_place (ds, "zhejiang")), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/overlaps", test_overlaps);
  g_test_add_func ("/time/match-sample", test_match_sample);
  g_test_add_func ("/time/map-events-spans", test_map_events_spans);
  g_test_add_func ("/time/map-agrees", test_map_agrees);

  return g_test_run ();
}
