/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "cm-canvas.h"
#include "cm-map-clusters.h"
#include "cm-map-events.h"
#include "cm-map-labels.h"
#include "cm-map-painter.h"
#include "cm-map-raster.h"
#include "cm-map-view.h"

/* Places inside the hand-made fixture (tests/data/map-mini.geojson). */
typedef struct
{
  const char *id, *name, *name_zh;
  double lon, lat;
  guint weight;
} Place;

static const Place places[] = {
  { "wuhan", "Wuhan", "武汉", 114.305, 30.593, 40 },
  { "yichang", "Yichang", "宜昌", 111.29, 30.70, 8 },
  { "xiangyang", "Xiangyang", "襄阳", 112.14, 32.04, 6 },
  { "zhengzhou", "Zhengzhou", "郑州", 113.65, 34.76, 25 },
  { "luoyang", "Luoyang", "洛阳", 112.45, 34.62, 9 },
  { "kaifeng", "Kaifeng", "开封", 114.31, 34.80, 5 },
  { "changsha", "Changsha", "长沙", 112.94, 28.23, 20 },
  { "zhuzhou", "Zhuzhou", "株洲", 113.13, 27.83, 4 },
  { "hefei", "Hefei", "合肥", 117.23, 31.82, 18 },
  { "wuhu", "Wuhu", "芜湖", 118.38, 31.33, 7 },
  { "shanghai", "Shanghai", "上海", 121.0, 31.45, 30 },
  { "nowhere", "Quiet", "静", 110.5, 26.5, 0 },
};
#define N_PLACES G_N_ELEMENTS (places)
#define T0 1577836800   /* 2020-01-01 */
#define DAY 86400

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* Deterministic events: place i gets weight × 10 events, spread over a
 * year, starting later for smaller places; category by index. */
static void
make_events (GArray *times,
             GArray *where,
             GArray *cats)
{
  for (guint i = 0; i < N_PLACES; i++)
    for (guint k = 0; k < places[i].weight * 10; k++)
      {
        gint64 t = T0 + (gint64) (40 - places[i].weight) * 5 * DAY + (gint64) k * 7919 % (200 * DAY);
        guint32 p = i;
        guint8 c = (i + k / 7) % 3;

        g_array_append_val (times, t);
        g_array_append_val (where, p);
        g_array_append_val (cats, c);
      }
}

static CmMapPainter *
make_painter (double width,
              double height)
{
  g_autofree char *path = fixture_path ("map-mini.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(CmBasemap) basemap = cm_basemap_new_from_file (path, &error);
  CmMapPainter *painter = cm_map_painter_new ();
  double lon[N_PLACES], lat[N_PLACES];
  const char *ids[N_PLACES], *names[N_PLACES], *names_zh[N_PLACES];
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) where = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) cats = g_array_new (FALSE, FALSE, sizeof (guint8));
  const CmRgba colors[3] = { { 0.31, 0.47, 0.65, 1 }, { 0.95, 0.56, 0.17, 1 }, { 0.35, 0.63, 0.31, 1 } };
  const char *cat_names[3] = { "Policy", "Forum", "Park" };
  CmPaintStyle style;

  g_assert_no_error (error);
  for (guint i = 0; i < N_PLACES; i++)
    {
      lon[i] = places[i].lon;
      lat[i] = places[i].lat;
      ids[i] = places[i].id;
      names[i] = places[i].name;
      names_zh[i] = places[i].name_zh;
    }
  make_events (times, where, cats);

  cm_paint_style_init (&style, FALSE);
  cm_map_painter_set_style (painter, &style);
  cm_map_painter_set_basemap (painter, basemap);
  cm_map_painter_set_places (painter, N_PLACES, lon, lat, ids, names, names_zh);
  cm_map_painter_set_events (painter, times->len, (gint64 *) times->data, (guint32 *) where->data,
                             (guint8 *) cats->data, 3);
  cm_map_painter_set_categories (painter, 3, colors, cat_names);
  cm_map_painter_set_viewport (painter, width, height);
  cm_map_painter_fit_basemap (painter);
  return painter;
}

static void
draw_to_image (CmMapPainter    *painter,
               cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);

  cm_map_painter_draw (painter, cr, CM_MAP_DRAW_DEFAULT);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
}

/* View maths ----------------------------------------------------------- */

static void
test_view_zoom_pan (void)
{
  CmMapView v = { 1000, 2000, 0.01, 800, 600 };
  double x, y, sx, sy;

  /* Screen ↔ projected round trip; y flips. */
  cm_map_view_from_screen (&v, 100, 50, &x, &y);
  cm_map_view_to_screen (&v, x, y, &sx, &sy);
  g_assert_cmpfloat_with_epsilon (sx, 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (sy, 50, 1e-9);
  cm_map_view_to_screen (&v, 1000, 2000 + 100, &sx, &sy);
  g_assert_cmpfloat_with_epsilon (sy, 300 - 1, 1e-9);

  /* Zooming about a point keeps that point under the pointer. */
  cm_map_view_from_screen (&v, 123, 456, &x, &y);
  cm_map_view_zoom_about (&v, 2.5, 123, 456);
  g_assert_cmpfloat_with_epsilon (v.scale, 0.025, 1e-12);
  cm_map_view_to_screen (&v, x, y, &sx, &sy);
  g_assert_cmpfloat_with_epsilon (sx, 123, 1e-6);
  g_assert_cmpfloat_with_epsilon (sy, 456, 1e-6);

  /* Panning moves content with the pointer. */
  cm_map_view_pan (&v, 30, -20);
  cm_map_view_to_screen (&v, x, y, &sx, &sy);
  g_assert_cmpfloat_with_epsilon (sx, 153, 1e-6);
  g_assert_cmpfloat_with_epsilon (sy, 436, 1e-6);

  /* The matrix agrees with to_screen. */
  {
    cairo_matrix_t m;
    double mx = x, my = y;

    cm_map_view_get_matrix (&v, &m);
    cairo_matrix_transform_point (&m, &mx, &my);
    g_assert_cmpfloat_with_epsilon (mx, sx, 1e-6);
    g_assert_cmpfloat_with_epsilon (my, sy, 1e-6);
  }
}

static void
test_view_fit_clamp (void)
{
  CmMapView v = { 0, 0, 1, 800, 600 };
  CmMapBox box = { -1000, -500, 3000, 1500 }, visible;
  CmMapBox extent = { 0, 0, 10, 10 };

  cm_map_view_fit (&v, &box, 0);
  g_assert_cmpfloat_with_epsilon (v.scale, 0.2, 1e-12);
  cm_map_view_get_visible (&v, &visible);
  g_assert_cmpfloat (visible.x0, <=, box.x0 + 1e-6);
  g_assert_cmpfloat (visible.x1, >=, box.x1 - 1e-6);
  g_assert_cmpfloat (visible.y0, <=, box.y0 + 1e-6);
  g_assert_cmpfloat (visible.y1, >=, box.y1 - 1e-6);

  v.scale = 100;
  v.cx = -50;
  g_assert_true (cm_map_view_clamp (&v, 0.1, 10, &extent));
  g_assert_cmpfloat (v.scale, ==, 10);
  g_assert_cmpfloat (v.cx, ==, 0);
  g_assert_false (cm_map_view_clamp (&v, 0.1, 10, &extent));
}

static void
test_painter_zoom_limits (void)
{
  g_autoptr(CmMapPainter) painter = make_painter (640, 480);
  CmMapView before, after;
  double lo, hi, lon, lat, lon2, lat2;

  cm_map_painter_get_scale_limits (painter, &lo, &hi);
  g_assert_cmpfloat (lo, <, cm_map_painter_get_fit_scale (painter));
  g_assert_cmpfloat (hi, >, cm_map_painter_get_fit_scale (painter));

  /* The place under the pointer stays there while zooming in. */
  g_assert_true (cm_map_painter_screen_to_lonlat (painter, 200, 150, &lon, &lat));
  cm_map_painter_zoom_about (painter, 3, 200, 150);
  g_assert_true (cm_map_painter_screen_to_lonlat (painter, 200, 150, &lon2, &lat2));
  g_assert_cmpfloat_with_epsilon (lon, lon2, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, lat2, 1e-9);

  /* Limits hold however far one zooms. */
  for (int i = 0; i < 100; i++)
    cm_map_painter_zoom_about (painter, 2, 10, 10);
  cm_map_painter_get_view (painter, &after);
  g_assert_cmpfloat (after.scale, <=, hi);
  for (int i = 0; i < 100; i++)
    cm_map_painter_zoom_about (painter, 0.5, 10, 10);
  cm_map_painter_get_view (painter, &after);
  g_assert_cmpfloat (after.scale, >=, lo);

  /* Panning cannot lose the map. */
  cm_map_painter_fit_basemap (painter);
  cm_map_painter_get_view (painter, &before);
  for (int i = 0; i < 100; i++)
    cm_map_painter_pan (painter, 5000, 5000);
  cm_map_painter_get_view (painter, &after);
  g_assert_cmpfloat (fabs (after.cx - before.cx), <, 2e6);
  g_assert_cmpfloat (fabs (after.cy - before.cy), <, 2e6);

  /* Fit to data frames every place with events; the quiet one is not
   * needed. */
  cm_map_painter_fit_data (painter);
  for (guint i = 0; i < N_PLACES - 1; i++)
    {
      double x, y;

      cm_map_painter_lonlat_to_screen (painter, places[i].lon, places[i].lat, &x, &y);
      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (x, <=, 640);
      g_assert_cmpfloat (y, >=, 0);
      g_assert_cmpfloat (y, <=, 480);
    }
}

/* Events ------------------------------------------------------------------ */

static void
test_events_counts (void)
{
  const guint n_places = 37, n_cat = 4;
  const gsize n = 20000;
  g_autofree gint64 *t = g_new (gint64, n);
  g_autofree guint32 *p = g_new (guint32, n);
  g_autofree guint8 *c = g_new (guint8, n);
  g_autoptr(CmMapEvents) ev = NULL;
  g_autofree guint32 *counts = g_new (guint32, n_places);
  g_autofree guint32 *per = g_new (guint32, n_places * n_cat);
  g_autofree gint64 *first = g_new (gint64, n_places);
  GRand *rand = g_rand_new_with_seed (7);

  /* Unsorted input, some events out of range (ignored). */
  for (gsize i = 0; i < n; i++)
    {
      t[i] = g_rand_int_range (rand, -1000, 1000);
      p[i] = g_rand_int_range (rand, 0, n_places + 2);
      c[i] = g_rand_int_range (rand, 0, n_cat);
    }
  ev = cm_map_events_new (n_places, n_cat, n, t, p, c);

  for (int trial = 0; trial < 50; trial++)
    {
      gint64 a = g_rand_int_range (rand, -1100, 1100), b = g_rand_int_range (rand, -1100, 1100);

      cm_map_events_count (ev, a, b, counts, per, first);
      for (guint q = 0; q < n_places; q++)
        {
          guint32 want = 0, want_per[4] = { 0 };
          gint64 want_first = G_MAXINT64;

          for (gsize i = 0; i < n; i++)
            if (p[i] == q && t[i] >= a && t[i] < b)
              {
                want++;
                want_per[c[i]]++;
                want_first = MIN (want_first, t[i]);
              }
          g_assert_cmpuint (counts[q], ==, want);
          g_assert_cmpuint (cm_map_events_count_place (ev, q, a, b), ==, want);
          g_assert_cmpint (first[q], ==, want_first);
          for (guint k = 0; k < n_cat; k++)
            g_assert_cmpuint (per[q * n_cat + k], ==, want_per[k]);
        }
    }
  g_rand_free (rand);

  /* A category beyond the range counts as the last one. */
  {
    const gint64 tt[] = { 5, 6, 7 };
    const guint32 pp[] = { 0, 0, 1 };
    const guint8 cc[] = { 0, 200, 1 };
    g_autoptr(CmMapEvents) small = cm_map_events_new (2, 2, 3, tt, pp, cc);
    guint32 sc[2], sp[4];

    cm_map_events_count (small, G_MININT64, G_MAXINT64, sc, sp, NULL);
    g_assert_cmpuint (sc[0], ==, 2);
    g_assert_cmpuint (sp[0], ==, 1);
    g_assert_cmpuint (sp[1], ==, 1);
    g_assert_cmpuint (cm_map_events_get_n_events (small), ==, 3);
  }
}

/* Clusters ------------------------------------------------------------------ */

static void
test_clusters_partition (void)
{
  const guint n = 500;
  g_autofree double *xy = g_new (double, 2 * n);
  g_autofree double *w = g_new (double, n);
  g_autoptr(CmMapClusters) clusters = NULL;
  GRand *rand = g_rand_new_with_seed (3);
  double total = 0;
  guint last = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    {
      /* Dense blobs plus scatter, some duplicates, some weightless. */
      double cx = (i % 5) * 2e5, cy = (i % 3) * 1e5;

      xy[2 * i] = cx + g_rand_double_range (rand, -3e4, 3e4);
      xy[2 * i + 1] = cy + g_rand_double_range (rand, -3e4, 3e4);
      if (i % 50 == 0)
        xy[2 * i] = xy[0], xy[2 * i + 1] = xy[1];
      w[i] = i % 17 == 0 ? 0 : g_rand_int_range (rand, 1, 100);
      total += w[i];
    }
  clusters = cm_map_clusters_new (xy, w, n, 30, 1e-6, 0.05);
  g_assert_cmpuint (cm_map_clusters_get_n_levels (clusters), >, 5);

  for (guint l = 0; l < cm_map_clusters_get_n_levels (clusters); l++)
    {
      const CmMapClusterLevel *level = cm_map_clusters_get_level (clusters, l);
      g_autofree guint *seen = g_new0 (guint, n);
      double sum = 0;

      /* Every weighted place in exactly one cluster; weights add up. */
      for (guint c = 0; c < level->n_clusters; c++)
        {
          double cw = 0;

          for (guint k = 0; k < level->clusters[c].n_members; k++)
            {
              guint p = level->members[level->clusters[c].first + k];

              seen[p]++;
              cw += w[p];
            }
          g_assert_cmpfloat_with_epsilon (cw, level->clusters[c].weight, 1e-9);
          sum += cw;
        }
      for (guint i = 0; i < n; i++)
        g_assert_cmpuint (seen[i], ==, w[i] > 0 ? 1 : 0);
      g_assert_cmpfloat_with_epsilon (sum, total, 1e-6);

      /* Coarser levels never have more clusters; clusters split as the
       * scale grows. */
      g_assert_cmpuint (level->n_clusters, <=, last);
      last = level->n_clusters;
      if (l > 0)
        g_assert_cmpfloat (level->scale, <, cm_map_clusters_get_level (clusters, l - 1)->scale);
    }
  g_assert_cmpuint (cm_map_clusters_get_level (clusters, cm_map_clusters_get_n_levels (clusters) - 1)->n_clusters, <, 20);
  g_assert_cmpuint (cm_map_clusters_level_for_scale (clusters, 1.0), ==, 0);
  g_assert_cmpuint (cm_map_clusters_level_for_scale (clusters, 1e-9), ==,
                    cm_map_clusters_get_n_levels (clusters) - 1);
  g_rand_free (rand);
}

/* The painter's markers add up to the events in range, at every zoom. */
static void
test_painter_marks_add_up (void)
{
  g_autoptr(CmMapPainter) painter = make_painter (800, 600);
  guint32 total = 0;

  for (guint i = 0; i < N_PLACES; i++)
    total += places[i].weight * 10;

  /* Zooming out merges places into fewer markers; whatever the level,
   * the markers on screen stand for every announcement, and each place
   * is in exactly one of them. */
  for (int zoom = 0; zoom < 12; zoom++)
    {
      guint32 sum = 0;
      guint places_seen = 0, n = cm_map_painter_get_n_markers (painter);

      for (guint k = 0; k < n; k++)
        {
          CmMapHit marker;
          g_autoptr(GArray) members = NULL;

          g_assert_true (cm_map_painter_get_marker (painter, k, &marker));
          sum += marker.count;
          members = cm_map_painter_get_hit_places (painter, &marker);
          g_assert_cmpuint (members->len, ==, marker.n_places);
          places_seen += members->len;
        }
      g_assert_false (cm_map_painter_get_marker (painter, n, &(CmMapHit) { 0 }));
      g_assert_cmpuint (sum, ==, total);
      g_assert_cmpuint (places_seen, ==, N_PLACES - 1);
      cm_map_painter_zoom_about (painter, 0.7, 400, 300);
    }
}

/* Labels -------------------------------------------------------------------- */

static void
assert_disjoint (const CmMapBox *boxes,
                 guint           n)
{
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      g_assert_false (cm_map_box_intersects (&boxes[i], &boxes[j]));
}

/* How far apart two boxes are: the larger of the horizontal and the
 * vertical distance between their edges (negative when they overlap). */
static double
box_separation (const CmMapBox *a,
                const CmMapBox *b)
{
  return MAX (MAX (a->x0 - b->x1, b->x0 - a->x1), MAX (a->y0 - b->y1, b->y0 - a->y1));
}

static double
min_separation (const CmMapBox *boxes,
                guint           n)
{
  double worst = G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      worst = MIN (worst, box_separation (&boxes[i], &boxes[j]));
  return worst;
}

static void
test_labels_never_overlap (void)
{
  g_autoptr(CmMapLabeler) l = cm_map_labeler_new (500, 400);
  GRand *rand = g_rand_new_with_seed (11);
  const CmMapBox *kept;
  guint n, placed = 0;

  cm_map_labeler_add_circle (l, 250, 200, 30);
  for (int i = 0; i < 2000; i++)
    {
      CmMapBox box;
      double x = g_rand_double_range (rand, 0, 500), y = g_rand_double_range (rand, 0, 400);

      placed += cm_map_labeler_place_beside (l, x, y, g_rand_double_range (rand, 1, 10),
                                             g_rand_double_range (rand, 10, 80), 12, &box);
    }
  kept = cm_map_labeler_get_labels (l, &n);
  g_assert_cmpuint (n, ==, placed);
  g_assert_cmpuint (n, >, 20);
  assert_disjoint (kept, n);
  g_assert_cmpfloat (min_separation (kept, n), >=, cm_map_labeler_get_gap (l));
  for (guint i = 0; i < n; i++)
    {
      /* Inside the canvas, clear of the disc. */
      double dx = CLAMP (250, kept[i].x0, kept[i].x1) - 250;
      double dy = CLAMP (200, kept[i].y0, kept[i].y1) - 200;

      g_assert_cmpfloat (kept[i].x0, >=, 0);
      g_assert_cmpfloat (kept[i].y1, <=, 400);
      g_assert_cmpfloat (dx * dx + dy * dy, >=, 30 * 30 - 1e-9);
    }

  /* The first label offered always wins its place. */
  cm_map_labeler_reset (l, 500, 400);
  {
    CmMapBox a = { 10, 10, 100, 30 }, b = { 50, 20, 150, 40 };

    g_assert_true (cm_map_labeler_try_add (l, &a));
    g_assert_false (cm_map_labeler_try_add (l, &b));
  }
  g_rand_free (rand);
}

/* Labels keep a gap between them and from other markers; a label that
 * cannot keep it beside its marker tries the other sides, then goes. */
static void
test_labels_keep_gap (void)
{
  g_autoptr(CmMapLabeler) l = cm_map_labeler_new (300, 200);
  CmMapBox a = { 100, 50, 140, 62 }, box;
  const CmMapBox *kept;
  guint n;

  cm_map_labeler_set_gap (l, 4);
  g_assert_cmpfloat (cm_map_labeler_get_gap (l), ==, 4);
  g_assert_true (cm_map_labeler_try_add (l, &a));
  /* Touching, then closer than the gap, then just the gap away. */
  box = (CmMapBox) { 140, 50, 180, 62 };
  g_assert_false (cm_map_labeler_try_add (l, &box));
  box = (CmMapBox) { 143, 50, 183, 62 };
  g_assert_false (cm_map_labeler_try_add (l, &box));
  box = (CmMapBox) { 144, 50, 184, 62 };
  g_assert_true (cm_map_labeler_try_add (l, &box));

  /* A marker between two labels: its own label overlaps the right one,
   * and on the left it would come within 3 units of the other; it goes
   * above instead. */
  cm_map_labeler_reset (l, 300, 200);
  box = (CmMapBox) { 170, 50, 210, 62 };
  g_assert_true (cm_map_labeler_try_add (l, &box));
  box = (CmMapBox) { 100, 50, 125, 62 };
  g_assert_true (cm_map_labeler_try_add (l, &box));
  cm_map_labeler_add_circle (l, 155, 56, 5);
  g_assert_true (cm_map_labeler_place_beside (l, 155, 56, 5, 20, 12, &box));
  g_assert_cmpfloat (box.y1, <=, 56 - 5);
  kept = cm_map_labeler_get_labels (l, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (min_separation (kept, n), >=, 4);

  /* Another marker's disc keeps the gap too, its own only a little. */
  cm_map_labeler_reset (l, 300, 200);
  cm_map_labeler_add_circle (l, 200, 100, 10);
  box = (CmMapBox) { 212, 94, 240, 106 };
  g_assert_false (cm_map_labeler_try_add (l, &box));
  g_assert_true (cm_map_labeler_place_beside (l, 200, 100, 10, 28, 12, &box));
  g_assert_cmpfloat (box.x0, ==, 212);

  /* Boxed in on every side: dropped. */
  cm_map_labeler_reset (l, 300, 200);
  cm_map_labeler_add_circle (l, 150, 100, 4);
  box = (CmMapBox) { 100, 60, 200, 92 };
  cm_map_labeler_add_obstacle (l, &box);
  box = (CmMapBox) { 100, 108, 200, 140 };
  cm_map_labeler_add_obstacle (l, &box);
  box = (CmMapBox) { 100, 60, 142, 140 };
  cm_map_labeler_add_obstacle (l, &box);
  box = (CmMapBox) { 158, 60, 200, 140 };
  cm_map_labeler_add_obstacle (l, &box);
  g_assert_false (cm_map_labeler_place_beside (l, 150, 100, 4, 10, 6, &box));
  cm_map_labeler_get_labels (l, &n);
  g_assert_cmpuint (n, ==, 0);
}

/* Two places on one line, the right one at the canvas edge so that its
 * label must go left, towards the other's: as they come closer, the
 * labels would meet ("HefeiBinhu"). Every frame keeps them apart. */
static void
test_painter_labels_keep_gap (void)
{
  g_autofree char *path = fixture_path ("map-mini.geojson");
  g_autoptr(CmBasemap) basemap = cm_basemap_new_from_file (path, NULL);
  g_autoptr(CmMapPainter) painter = cm_map_painter_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  const char *names[3] = { "Hefei", "Binhu", "Big" };
  const double xs_b = 375, ys = 150;
  const gint64 times[7] = { T0, T0, T0, T0 + 1, T0 + 1, T0 + 2, T0 + 3 };
  const guint32 where[7] = { 2, 2, 2, 0, 0, 0, 1 };
  guint side_by_side = 0;

  cm_map_painter_set_basemap (painter, basemap);
  cm_map_painter_set_viewport (painter, 400, 300);
  cm_map_painter_fit_basemap (painter);
  cm_map_painter_set_overlays (painter, CM_MAP_OVERLAY_NONE);
  cm_map_painter_set_clustering (painter, FALSE);

  for (double xa = 240; xa <= 330; xa += 0.5)
    {
      double lon[3], lat[3];
      const CmMapBox *boxes;
      guint n;

      g_assert_true (cm_map_painter_screen_to_lonlat (painter, xa, ys, &lon[0], &lat[0]));
      g_assert_true (cm_map_painter_screen_to_lonlat (painter, xs_b, ys, &lon[1], &lat[1]));
      g_assert_true (cm_map_painter_screen_to_lonlat (painter, 60, 260, &lon[2], &lat[2]));
      cm_map_painter_set_places (painter, 3, lon, lat, NULL, names, NULL);
      cm_map_painter_set_events (painter, G_N_ELEMENTS (times), times, where, NULL, 0);
      draw_to_image (painter, surface);

      boxes = cm_map_painter_get_label_boxes (painter, &n);
      /* A few pixels at the default 9 pt. */
      g_assert_cmpfloat (min_separation (boxes, n), >=, 3.0);
      for (guint i = 0; i < n; i++)
        {
          guint near = 0;

          for (guint k = 0; k < cm_map_painter_get_n_markers (painter); k++)
            {
              CmMapHit m;
              double dx, dy, d;

              cm_map_painter_get_marker (painter, k, &m);
              dx = CLAMP (m.x, boxes[i].x0, boxes[i].x1) - m.x;
              dy = CLAMP (m.y, boxes[i].y0, boxes[i].y1) - m.y;
              d = sqrt (dx * dx + dy * dy);
              /* Clear of every marker, and the gap away from all but
               * the one it names. */
              g_assert_cmpfloat (d, >=, m.radius + 1);
              near += d < m.radius + 1 + 3.0;
            }
          g_assert_cmpuint (near, <=, 1);
        }
      /* The case in point: "Binhu" left of its marker, on Hefei's line. */
      for (guint i = 0; i < n; i++)
        for (guint j = 0; j < n; j++)
          side_by_side += i != j && boxes[j].x1 < xs_b && boxes[j].x0 > xa
                          && fabs (boxes[i].y0 - boxes[j].y0) < 1 && boxes[i].x0 > xa && boxes[i].x1 < boxes[j].x0;
    }
  g_assert_cmpuint (side_by_side, >, 0);
  cairo_surface_destroy (surface);
}

static void
test_painter_labels_never_overlap (void)
{
  g_autoptr(CmMapPainter) painter = make_painter (420, 300);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 420, 300);
  guint total = 0;

  for (int zoom = 0; zoom < 6; zoom++)
    {
      const CmMapBox *boxes;
      guint n;

      for (CmLabelLanguage lang = CM_LABEL_LANGUAGE_ENGLISH; lang <= CM_LABEL_LANGUAGE_LOCAL; lang++)
        {
          cm_map_painter_set_language (painter, lang);
          draw_to_image (painter, surface);
          boxes = cm_map_painter_get_label_boxes (painter, &n);
          g_test_message ("zoom %d, language %d: %u labels", zoom, lang, n);
          total += n;
          assert_disjoint (boxes, n);
        }
      cm_map_painter_zoom_about (painter, 1.6, 210, 150);
    }
  g_assert_cmpuint (total, >, 12);
  cairo_surface_destroy (surface);
}

/* Hit testing and selection ------------------------------------------------- */

static void
test_painter_hit_test (void)
{
  g_autoptr(CmMapPainter) painter = make_painter (800, 600);
  CmMapHit hit;
  double x, y;
  g_autoptr(GArray) members = NULL;

  /* Close in on Wuhan: it is a place of its own there. */
  cm_map_painter_fit_box (painter, 113.5, 30, 115, 31.2);
  cm_map_painter_lonlat_to_screen (painter, 114.305, 30.593, &x, &y);
  g_assert_true (cm_map_painter_hit_test (painter, x + 1, y - 1, &hit));
  g_assert_cmpint (hit.kind, ==, CM_MAP_HIT_PLACE);
  g_assert_cmpstr (cm_map_painter_get_place_id (painter, hit.place), ==, "wuhan");
  g_assert_cmpuint (hit.count, ==, 400);
  g_assert_false (cm_map_painter_hit_test (painter, 2, 2, &hit));

  /* Far out, places merge: the cluster holds several places. */
  for (int i = 0; i < 30; i++)
    cm_map_painter_zoom_about (painter, 0.5, 400, 300);
  cm_map_painter_lonlat_to_screen (painter, 114.305, 30.593, &x, &y);
  {
    gboolean found = FALSE;

    /* The cluster sits near, not necessarily on, Wuhan. */
    for (double dx = -40; dx <= 40 && !found; dx += 2)
      for (double dy = -40; dy <= 40 && !found; dy += 2)
        found = cm_map_painter_hit_test (painter, x + dx, y + dy, &hit) && hit.kind == CM_MAP_HIT_CLUSTER;
    g_assert_true (found);
  }
  members = cm_map_painter_get_hit_places (painter, &hit);
  g_assert_cmpuint (members->len, ==, hit.n_places);
  g_assert_cmpuint (members->len, >, 1);
  g_assert_cmpfloat (cm_map_painter_get_split_scale (painter, &hit), >, 0);
}

static void
test_painter_filter (void)
{
  g_autoptr(CmMapPainter) painter = make_painter (800, 600);
  int wuhan = cm_map_painter_find_place (painter, "wuhan");
  int hefei = cm_map_painter_find_place (painter, "hefei");
  guint markers_all, markers_early;
  CmMapBox everything = { -1e9, -1e9, 1e9, 1e9 };
  g_autoptr(GArray) early = NULL;

  cm_map_painter_fit_box (painter, 108, 25, 123, 37);
  cm_map_painter_set_clustering (painter, FALSE);
  markers_all = cm_map_painter_get_n_markers (painter);
  g_assert_cmpuint (cm_map_painter_get_place_count (painter, wuhan), ==, 400);

  /* Big places start early in the fixture: a short early window keeps
   * Wuhan and hides Hefei. */
  cm_map_painter_set_time_range (painter, T0, T0 + 40 * DAY);
  markers_early = cm_map_painter_get_n_markers (painter);
  g_assert_cmpuint (markers_early, <, markers_all);
  g_assert_cmpuint (cm_map_painter_get_place_count (painter, hefei), ==, 0);
  g_assert_cmpuint (cm_map_painter_get_place_count (painter, wuhan), >, 0);
  early = cm_map_painter_get_places_in_box (painter, &everything);
  for (guint i = 0; i < early->len; i++)
    g_assert_cmpint (g_array_index (early, guint, i), !=, hefei);

  /* Dimmed instead of hidden: markers come back, as ghosts. */
  cm_map_painter_set_filter_mode (painter, CM_MAP_FILTERED_DIM);
  g_assert_cmpuint (cm_map_painter_get_n_markers (painter), >, markers_early);

  /* The playhead cuts the counts, the range still decides ghosts. */
  cm_map_painter_set_filter_mode (painter, CM_MAP_FILTERED_HIDE);
  cm_map_painter_set_time_range (painter, G_MININT64, G_MAXINT64);
  cm_map_painter_set_playhead (painter, T0 + 10 * DAY);
  g_assert_cmpuint (cm_map_painter_get_place_count (painter, hefei), ==, 0);
  g_assert_cmpuint (cm_map_painter_get_n_markers (painter), ==, markers_all);
  cm_map_painter_set_playhead (painter, CM_MAP_NO_PLAYHEAD);
  g_assert_cmpuint (cm_map_painter_get_place_count (painter, hefei), ==, 180);
}

/* A search's matches: counted in place of all the events, in the
 * clusters laid out for all of them. */
static void
test_painter_matches (void)
{
  g_autoptr(CmMapPainter) painter = make_painter (800, 600);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) where = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) cats = g_array_new (FALSE, FALSE, sizeof (guint8));
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (CmMapHit));
  g_autofree guint32 *expected = g_new0 (guint32, N_PLACES);
  g_autoptr(GArray) mt = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) mw = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) mc = g_array_new (FALSE, FALSE, sizeof (guint8));
  guint32 n_matches = 0, sum = 0;
  guint merged = 0;

  /* Out far enough that places merge into clusters. */
  cm_map_painter_zoom_about (painter, 0.5, 400, 300);
  for (guint k = 0; k < cm_map_painter_get_n_markers (painter); k++)
    {
      CmMapHit m;

      g_assert_true (cm_map_painter_get_marker (painter, k, &m));
      g_array_append_val (before, m);
    }

  /* Matches: the events of category 1, but none in Shanghai. */
  make_events (times, where, cats);
  for (guint e = 0; e < times->len; e++)
    {
      guint32 p = g_array_index (where, guint32, e);

      if (g_array_index (cats, guint8, e) != 1 || g_str_equal (places[p].id, "shanghai"))
        continue;
      g_array_append_val (mt, g_array_index (times, gint64, e));
      g_array_append_val (mw, p);
      g_array_append_val (mc, g_array_index (cats, guint8, e));
      expected[p]++;
      n_matches++;
    }
  g_assert_cmpuint (n_matches, >, 0);
  cm_map_painter_set_matches (painter, mt->len, (gint64 *) mt->data, (guint32 *) mw->data,
                              (guint8 *) mc->data, 3);

  for (guint p = 0; p < N_PLACES; p++)
    g_assert_cmpuint (cm_map_painter_get_place_count (painter, p), ==, expected[p]);
  for (guint k = 0; k < cm_map_painter_get_n_markers (painter); k++)
    {
      CmMapHit m;
      gboolean found = FALSE;

      g_assert_true (cm_map_painter_get_marker (painter, k, &m));
      sum += m.count;
      g_assert_cmpuint (m.count, >, 0);
      g_assert_false (g_str_equal (places[m.place].id, "shanghai"));
      /* Every marker is one of the clusters there were, and one still
       * showing several places stays where it was. */
      for (guint j = 0; j < before->len; j++)
        {
          const CmMapHit *b = &g_array_index (before, CmMapHit, j);

          if (b->level != m.level || b->cluster != m.cluster)
            continue;
          found = TRUE;
          g_assert_cmpuint (m.count, <=, b->count);
          if (m.n_places > 1)
            {
              g_assert_cmpfloat_with_epsilon (m.x, b->x, 1e-9);
              g_assert_cmpfloat_with_epsilon (m.y, b->y, 1e-9);
              merged++;
            }
        }
      g_assert_true (found);
    }
  g_assert_cmpuint (sum, ==, n_matches);
  g_assert_cmpuint (merged, >, 0);

  /* Nothing matches: no markers. Cleared: all of them again. */
  cm_map_painter_set_matches (painter, 0, NULL, NULL, NULL, 3);
  g_assert_cmpuint (cm_map_painter_get_n_markers (painter), ==, 0);
  cm_map_painter_clear_matches (painter);
  g_assert_cmpuint (cm_map_painter_get_n_markers (painter), ==, before->len);
  for (guint k = 0; k < before->len; k++)
    {
      CmMapHit m;

      g_assert_true (cm_map_painter_get_marker (painter, k, &m));
      g_assert_cmpuint (m.count, ==, g_array_index (before, CmMapHit, k).count);
    }
}

static void
test_painter_selection_box (void)
{
  g_autoptr(CmMapPainter) painter = make_painter (800, 600);
  double x0, y0, x1, y1;
  CmMapBox box;
  g_autoptr(GArray) hits = NULL;
  guint sel[1];

  /* A box around Henan's cities. */
  cm_map_painter_lonlat_to_screen (painter, 112.2, 35.2, &x0, &y0);
  cm_map_painter_lonlat_to_screen (painter, 114.6, 34.4, &x1, &y1);
  box = (CmMapBox) { MIN (x0, x1), MIN (y0, y1), MAX (x0, x1), MAX (y0, y1) };
  hits = cm_map_painter_get_places_in_box (painter, &box);
  g_assert_cmpuint (hits->len, ==, 3);

  sel[0] = g_array_index (hits, guint, 0);
  cm_map_painter_set_selection (painter, 1, sel);
  g_assert_true (cm_map_painter_is_selected (painter, sel[0]));
  cm_map_painter_set_selection (painter, 0, NULL);
  g_assert_false (cm_map_painter_is_selected (painter, sel[0]));
}

/* Output ------------------------------------------------------------------ */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
test_painter_vector_output (void)
{
  g_autoptr(CmMapPainter) painter = make_painter (400, 300);
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_svg_surface_create_for_stream (append_bytes, svg, 400, 300);
  cr = cairo_create (surface);
  cm_map_painter_draw (painter, cr, CM_MAP_DRAW_DEFAULT);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_byte_array_append (svg, (const guint8 *) "", 1);
  /* The base map is vectors, not an embedded raster. */
  g_assert_nonnull (strstr ((char *) svg->data, "<path"));
  g_assert_null (strstr ((char *) svg->data, "<image"));

  surface = cairo_pdf_surface_create_for_stream (append_bytes, pdf, 400, 300);
  cr = cairo_create (surface);
  cm_map_painter_draw (painter, cr, CM_MAP_DRAW_DEFAULT);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (pdf->len, >, 1000);
}

static void
draw_base (CmMapPainter    *painter,
           cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);

  cm_map_painter_draw (painter, cr, CM_MAP_DRAW_BASE_ONLY);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
}

/* The base layer drawn whole: a style change drops the cache. */
static void
draw_base_whole (CmMapPainter    *painter,
                 cairo_surface_t *surface)
{
  CmPaintStyle style;

  cm_paint_style_init (&style, TRUE);
  cm_map_painter_set_style (painter, &style);
  cm_paint_style_init (&style, FALSE);
  cm_map_painter_set_style (painter, &style);
  draw_base (painter, surface);
}

/* The largest difference of any channel of any pixel. */
static int
worst_difference (cairo_surface_t *a,
                  cairo_surface_t *b)
{
  const guint8 *pa, *pb;
  int worst = 0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  pa = cairo_image_surface_get_data (a);
  pb = cairo_image_surface_get_data (b);
  for (int i = 0; i < cairo_image_surface_get_stride (a) * cairo_image_surface_get_height (a); i++)
    worst = MAX (worst, abs ((int) pa[i] - (int) pb[i]));
  return worst;
}

/* Pans keep the cached base layer and draw only the uncovered strips; the
 * result must match a layer drawn whole, pixel for pixel (give or take
 * rounding), at any device scale. */
static void
test_painter_base_cache_pans (void)
{
  for (int ds = 1; ds <= 2; ds++)
    {
      g_autoptr(CmMapPainter) painter = make_painter (400, 300);
      cairo_surface_t *a = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400 * ds, 300 * ds);
      cairo_surface_t *b = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400 * ds, 300 * ds);

      cairo_surface_set_device_scale (a, ds, ds);
      cairo_surface_set_device_scale (b, ds, ds);
      cm_map_painter_zoom_about (painter, 2.5, 200, 150);
      draw_base (painter, a);
      for (int i = 0; i < 9; i++)
        {
          cm_map_painter_pan (painter, i % 3 == 0 ? -170 : 130, i % 2 ? 77 : -45);
          draw_base (painter, a);
        }

      /* The same view, drawn whole. */
      draw_base_whole (painter, b);
      g_assert_cmpint (worst_difference (a, b), <=, 2);
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
}

static void
base_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_map_painter_render_base_finish (CM_MAP_PAINTER (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static void
render_base_off_thread (CmMapPainter *painter,
                        double        device_scale)
{
  gboolean done = FALSE;

  cm_map_painter_render_base_async (painter, device_scale, NULL, base_ready_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* A gesture's frames stretch the layer of the zoom it began at; the
 * sharp layer is then drawn on a worker thread. It must be the layer a
 * frame would have drawn itself, and the next frame must only copy it. */
static void
test_painter_base_off_thread (void)
{
  for (int ds = 1; ds <= 2; ds++)
    {
      g_autoptr(CmMapPainter) painter = make_painter (400, 300);
      g_autoptr(CmMapPainter) reference = make_painter (400, 300);
      cairo_surface_t *a = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400 * ds, 300 * ds);
      cairo_surface_t *b = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400 * ds, 300 * ds);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      cairo_t *cr;

      cairo_surface_set_device_scale (a, ds, ds);
      cairo_surface_set_device_scale (b, ds, ds);
      draw_base (painter, a);
      g_assert_true (cm_map_painter_base_is_ready (painter, ds));

      /* Mid-gesture: the old layer is stretched, and says so. */
      cm_map_painter_zoom_about (painter, 1.7, 130, 90);
      g_assert_false (cm_map_painter_base_is_ready (painter, ds));
      cr = cairo_create (a);
      g_assert_false (cm_map_painter_draw (painter, cr, CM_MAP_DRAW_INTERACTIVE | CM_MAP_DRAW_BASE_ONLY));
      cairo_destroy (cr);

      render_base_off_thread (painter, ds);
      g_assert_true (cm_map_painter_base_is_ready (painter, ds));
      cr = cairo_create (a);
      g_assert_true (cm_map_painter_draw (painter, cr, CM_MAP_DRAW_INTERACTIVE | CM_MAP_DRAW_BASE_ONLY));
      cairo_destroy (cr);
      cairo_surface_flush (a);

      cm_map_painter_zoom_about (reference, 1.7, 130, 90);
      draw_base (reference, b);
      g_assert_cmpint (worst_difference (a, b), <=, 2);

      /* A layer drawn for a base map that has changed since is dropped;
       * a cancelled one reports it. */
      cm_map_painter_zoom_about (painter, 1.3, 200, 150);
      cm_map_painter_render_base_async (painter, ds, cancellable, NULL, NULL);
      g_cancellable_cancel (cancellable);
      cm_map_painter_zoom_about (painter, 1.3, 200, 150);
      {
        CmPaintStyle style;
        gboolean done = FALSE;

        cm_map_painter_render_base_async (painter, ds, NULL, base_ready_cb, &done);
        cm_paint_style_init (&style, TRUE);
        cm_map_painter_set_style (painter, &style);
        while (!done)
          g_main_context_iteration (NULL, TRUE);
        g_assert_false (cm_map_painter_base_is_ready (painter, ds));
      }
      while (g_main_context_iteration (NULL, FALSE))
        ;
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }
}

/* Red, green and blue of the pixel at (x, y), 0..255. */
static void
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y,
          int              rgb[3])
{
  const guint8 *data;
  guint32 v;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  v = *(const guint32 *) (data + (int) y * cairo_image_surface_get_stride (surface) + 4 * (int) x);
  rgb[0] = (v >> 16) & 0xff;
  rgb[1] = (v >> 8) & 0xff;
  rgb[2] = v & 0xff;
}

static gboolean
same_pixel (const int a[3],
            const int b[3])
{
  return abs (a[0] - b[0]) <= 2 && abs (a[1] - b[1]) <= 2 && abs (a[2] - b[2]) <= 2;
}

#define Y2021 1609459200   /* 2021-01-01 */
#define Y2022 1640995200
#define Y2023 1672531200

/* A province place (no point: it stands for its region) with events only
 * in 2021 shades Anhui while the time range holds them, and only then; a
 * region no place stands for (Hunan) stays shaded whatever the range. */
static void
test_painter_region_follows_time (void)
{
  g_autoptr(CmMapPainter) painter = make_painter (400, 300);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  double lon[N_PLACES + 1], lat[N_PLACES + 1];
  const char *ids[N_PLACES + 1], *regions[N_PLACES + 1] = { NULL };
  const char *shaded[2] = { "CN-AH", "CN-HN" };
  const CmRgba red[2] = { { 0.9, 0, 0, 0.6 }, { 0, 0, 0.9, 0.6 } };
  gint64 times[5] = { Y2021 + 10 * DAY, Y2021 + 40 * DAY, Y2021 + 200 * DAY, Y2022 + 5 * DAY, Y2023 + 5 * DAY };
  guint32 where[5] = { N_PLACES, N_PLACES, N_PLACES, 0, 0 };
  int plain[3], anhui[3], hunan[3];
  double ax, ay, hx, hy;

  for (guint i = 0; i < N_PLACES; i++)
    {
      lon[i] = places[i].lon;
      lat[i] = places[i].lat;
      ids[i] = places[i].id;
    }
  lon[N_PLACES] = lat[N_PLACES] = NAN;
  ids[N_PLACES] = "anhui";
  regions[N_PLACES] = "CN-AH";
  cm_map_painter_set_places (painter, N_PLACES + 1, lon, lat, ids, NULL, NULL);
  cm_map_painter_set_events (painter, G_N_ELEMENTS (times), times, where, NULL, 0);
  cm_map_painter_set_overlays (painter, CM_MAP_OVERLAY_NONE);
  /* Inside Anhui and Hunan, away from markers and names. */
  cm_map_painter_lonlat_to_screen (painter, 117.0, 33.6, &ax, &ay);
  cm_map_painter_lonlat_to_screen (painter, 110.6, 26.0, &hx, &hy);

  draw_to_image (painter, surface);
  pixel_at (surface, ax, ay, plain);

  cm_map_painter_set_region_colors (painter, 2, shaded, red);
  cm_map_painter_set_place_regions (painter, N_PLACES + 1, regions);
  cm_map_painter_set_time_range (painter, Y2022, Y2023);
  draw_to_image (painter, surface);
  pixel_at (surface, ax, ay, anhui);
  pixel_at (surface, hx, hy, hunan);
  g_assert_true (same_pixel (anhui, plain));
  g_assert_cmpint (hunan[2], >, hunan[0] + 60);

  cm_map_painter_set_time_range (painter, Y2021, Y2022);
  draw_to_image (painter, surface);
  pixel_at (surface, ax, ay, anhui);
  g_assert_cmpint (anhui[0], >, anhui[1] + 60);

  /* Up to the playhead, as the markers count: before the first event,
   * nothing yet. Then the whole range again, and back to 2022: the base
   * layer cached for one shading is not reused for the other. */
  cm_map_painter_set_playhead (painter, Y2021 + 5 * DAY);
  draw_to_image (painter, surface);
  pixel_at (surface, ax, ay, anhui);
  g_assert_true (same_pixel (anhui, plain));
  cm_map_painter_set_playhead (painter, CM_MAP_NO_PLAYHEAD);
  cm_map_painter_set_time_range (painter, G_MININT64, G_MAXINT64);
  draw_to_image (painter, surface);
  pixel_at (surface, ax, ay, anhui);
  g_assert_cmpint (anhui[0], >, anhui[1] + 60);
  cm_map_painter_set_time_range (painter, Y2022, Y2023);
  draw_to_image (painter, surface);
  pixel_at (surface, ax, ay, anhui);
  g_assert_true (same_pixel (anhui, plain));

  /* Those changes redrew only the regions whose shading changed; the
   * layer must be the one drawn whole. */
  {
    cairo_surface_t *whole = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);

    cm_map_painter_set_time_range (painter, Y2021, Y2022);
    draw_base (painter, surface);
    draw_base_whole (painter, whole);
    g_assert_cmpint (worst_difference (surface, whole), <=, 2);
    cairo_surface_destroy (whole);
  }

  /* Coloured by first date, the region takes the ramp's colour of its
   * place's first announcement, as a marker would, not its own red; and
   * red again by category. */
  cm_map_painter_set_color_mode (painter, CM_MAP_COLOR_BY_FIRST_DATE);
  draw_to_image (painter, surface);
  pixel_at (surface, ax, ay, anhui);
  g_assert_false (same_pixel (anhui, plain));
  {
    CmRgba ramp;
    int want[3];

    /* Anhui's first event starts the range's ramp. */
    cm_map_ramp_color (0.0, FALSE, &ramp);
    for (int c = 0; c < 3; c++)
      {
        double channel = c == 0 ? ramp.r : c == 1 ? ramp.g : ramp.b;

        want[c] = (int) round (255 * (channel * 0.6) + plain[c] * 0.4);
      }
    g_assert_cmpint (abs (anhui[0] - want[0]), <=, 12);
    g_assert_cmpint (abs (anhui[1] - want[1]), <=, 12);
    g_assert_cmpint (abs (anhui[2] - want[2]), <=, 12);
  }
  cm_map_painter_set_color_mode (painter, CM_MAP_COLOR_BY_CATEGORY);
  draw_to_image (painter, surface);
  pixel_at (surface, ax, ay, anhui);
  g_assert_cmpint (anhui[0], >, anhui[1] + 60);

  /* New places forget which regions the old ones stood for. */
  cm_map_painter_set_places (painter, N_PLACES + 1, lon, lat, ids, NULL, NULL);
  draw_to_image (painter, surface);
  pixel_at (surface, ax, ay, anhui);
  g_assert_cmpint (anhui[0], >, anhui[1] + 60);
  cairo_surface_destroy (surface);
}

/* Pixels near @rgb (within 12 a channel) in the rectangle. */
static guint
count_color (cairo_surface_t *s,
             int              x0,
             int              y0,
             int              x1,
             int              y1,
             const int        rgb[3])
{
  guint n = 0;

  cairo_surface_flush (s);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 v = *(const guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s) + 4 * x);

        n += abs ((int) ((v >> 16) & 0xff) - rgb[0]) < 12 && abs ((int) ((v >> 8) & 0xff) - rgb[1]) < 12
             && abs ((int) (v & 0xff) - rgb[2]) < 12;
      }
  return n;
}

/* The pixels of @rgb that the legend's list of categories adds. */
static guint
legend_pixels (CmMapPainter    *painter,
               cairo_surface_t *surface,
               const int        rgb[3])
{
  guint with, without;

  cm_map_painter_set_overlays (painter, CM_MAP_OVERLAY_LEGEND | CM_MAP_OVERLAY_CATEGORIES);
  draw_to_image (painter, surface);
  with = count_color (surface, 0, 0, 400, 300, rgb);
  cm_map_painter_set_overlays (painter, CM_MAP_OVERLAY_LEGEND);
  draw_to_image (painter, surface);
  without = count_color (surface, 0, 0, 400, 300, rgb);
  return with > without ? with - without : 0;
}

/* A category the filter leaves nothing of is not listed in the legend as
 * if it were on the map; without a filter every category is. */
static void
test_legend_follows_filter (void)
{
  g_autoptr(CmMapPainter) painter = make_painter (400, 300);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  const CmRgba colors[3] = { { 0.31, 0.47, 0.65, 1 }, { 0.95, 0.56, 0.17, 1 }, { 0.35, 0.63, 0.31, 1 } };
  const char *cat_names[3] = { "Policy", "Forum", "Park" };
  const int park[3] = { (int) round (0.35 * 255), (int) round (0.63 * 255), (int) round (0.31 * 255) };
  gint64 times[3] = { 1640995200, 1640995200 + DAY, 1640995200 + 2 * DAY };
  guint32 where[3] = { 0, 1, 2 };
  guint8 cats[3] = { 0, 1, 2 };
  guint8 keep[3] = { 1, 1, 0 };
  guint before, after;

  cm_map_painter_set_categories (painter, 3, colors, cat_names);
  cm_map_painter_set_events (painter, 3, times, where, cats, 3);
  before = legend_pixels (painter, surface, park);
  cm_map_painter_set_match_mask (painter, keep);
  after = legend_pixels (painter, surface, park);
  g_test_message ("park pixels of the legend: %u, then %u", before, after);
  g_assert_cmpuint (before, >, 10);
  g_assert_cmpuint (after, ==, 0);
  cm_map_painter_clear_matches (painter);
  g_assert_cmpuint (legend_pixels (painter, surface, park), ==, before);
  cairo_surface_destroy (surface);
}

/* A painter with nothing to draw draws the sea, and says so quietly. */
static void
test_painter_empty (void)
{
  g_autoptr(CmMapPainter) painter = cm_map_painter_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 50, 40);
  CmMapHit hit;

  cm_map_painter_set_viewport (painter, 50, 40);
  draw_to_image (painter, surface);
  g_assert_false (cm_map_painter_hit_test (painter, 25, 20, &hit));
  g_assert_cmpuint (cm_map_painter_get_n_markers (painter), ==, 0);
  cm_map_painter_fit_data (painter);
  cm_map_painter_set_places (painter, 0, NULL, NULL, NULL, NULL, NULL);
  cm_map_painter_set_events (painter, 0, NULL, NULL, NULL, 0);
  draw_to_image (painter, surface);
  cairo_surface_destroy (surface);
}

/* Framing ------------------------------------------------------------------ */

/* Quakes round the Pacific: Fiji, Samoa, Tonga, Kermadec, Alaska. */
static const struct { const char *id; double lon, lat; } pacific[] = {
  { "fiji", 178.44, -18.14 }, { "samoa", -171.76, -13.83 }, { "tonga", -175.20, -21.14 },
  { "kermadec", -177.90, -29.30 }, { "alaska", -150.00, 61.20 }, { "aleutians", 178.00, 51.70 },
};

static CmMapPainter *
pacific_painter (void)
{
  CmMapPainter *painter = cm_map_painter_new ();
  double lon[G_N_ELEMENTS (pacific)], lat[G_N_ELEMENTS (pacific)];
  const char *ids[G_N_ELEMENTS (pacific)];
  gint64 times[G_N_ELEMENTS (pacific)];
  guint32 where[G_N_ELEMENTS (pacific)];

  for (guint i = 0; i < G_N_ELEMENTS (pacific); i++)
    {
      lon[i] = pacific[i].lon;
      lat[i] = pacific[i].lat;
      ids[i] = pacific[i].id;
      times[i] = T0 + i * DAY;
      where[i] = i;
    }
  cm_map_painter_set_places (painter, G_N_ELEMENTS (pacific), lon, lat, ids, ids, NULL);
  cm_map_painter_set_events (painter, G_N_ELEMENTS (pacific), times, where, NULL, 0);
  return painter;
}

/* Data on both sides of the antimeridian is framed across it: the view
 * spans the Pacific, not the world, and every place is in it. */
static void
test_fit_antimeridian (void)
{
  g_autoptr(CmMapPainter) painter = pacific_painter ();
  const CmProjection *proj;
  CmMapView view;
  guint located = 0;

  cm_map_painter_set_viewport (painter, 800, 600);
  cm_map_painter_fit_data (painter);
  proj = cm_map_painter_get_projection (painter);
  g_assert_cmpfloat (fabs (remainder (proj->lon0 - 180.0, 360.0)), <, 30.0);
  cm_map_painter_get_view (painter, &view);
  g_assert_cmpuint (cm_map_painter_count_outside (painter, &located), ==, 0);
  g_assert_cmpuint (located, ==, G_N_ELEMENTS (pacific));
  {
    CmMapBox b = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

    for (guint i = 0; i < G_N_ELEMENTS (pacific); i++)
      {
        double x, y;

        cm_map_painter_lonlat_to_screen (painter, pacific[i].lon, pacific[i].lat, &x, &y);
        g_assert_cmpfloat (x, >, 0);
        g_assert_cmpfloat (x, <, 800);
        g_assert_cmpfloat (y, >, 0);
        g_assert_cmpfloat (y, <, 600);
        b = (CmMapBox) { MIN (b.x0, x), MIN (b.y0, y), MAX (b.x1, x), MAX (b.y1, y) };
      }
    /* Framed, not stretched round the world: the places fill most of the
     * view's height, and Fiji and Samoa, 6° apart, are close. */
    g_assert_cmpfloat (b.y1 - b.y0, >, 0.6 * 600);
    {
      double fx, fy, sx, sy;

      cm_map_painter_lonlat_to_screen (painter, pacific[0].lon, pacific[0].lat, &fx, &fy);
      cm_map_painter_lonlat_to_screen (painter, pacific[1].lon, pacific[1].lat, &sx, &sy);
      g_assert_cmpfloat (fabs (fx - sx), <, 150);
    }
  }

  /* Zoomed in on Fiji, the others are outside and counted. */
  cm_map_painter_fit_box (painter, 177, -19, 180, -16);
  g_assert_cmpuint (cm_map_painter_count_outside (painter, NULL), ==, G_N_ELEMENTS (pacific) - 1);
}

/* After Fit to Data no located marker lies under the legend, the scale
 * bar or the attribution, whatever the window's size. */
static void
test_fit_overlays_clear (void)
{
  g_autoptr(CmMapPainter) painter = make_painter (640, 480);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1000);
  guint sizes = 0;

  for (int w = 260; w <= 1600; w += 150)
    for (int h = 200; h <= 1000; h += 80)
      {
        const CmMapOverlays kinds[] = { CM_MAP_OVERLAY_LEGEND, CM_MAP_OVERLAY_SCALE_BAR, CM_MAP_OVERLAY_ATTRIBUTION };

        cm_map_painter_set_viewport (painter, w, h);
        cm_map_painter_fit_data (painter);
        draw_to_image (painter, surface);
        sizes++;
        for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
          {
            CmMapBox box;

            if (!cm_map_painter_get_overlay_box (painter, kinds[k], &box))
              continue;
            for (guint i = 0; i < cm_map_painter_get_n_markers (painter); i++)
              {
                CmMapHit m;

                g_assert_true (cm_map_painter_get_marker (painter, i, &m));
                if (m.kind == CM_MAP_HIT_NONE)
                  continue;
                if (m.x >= box.x0 && m.x <= box.x1 && m.y >= box.y0 && m.y <= box.y1)
                  g_error ("%d×%d: a marker at %.0f,%.0f under overlay %u", w, h, m.x, m.y, (guint) kinds[k]);
              }
          }
      }
  g_assert_cmpuint (sizes, >=, 82);
  cairo_surface_destroy (surface);
}

/* Golden images ------------------------------------------------------------ */

/* Pixels may differ by a little (anti-aliasing, font versions); a few may
 * differ more. */
#define CHANNEL_TOLERANCE 24
#define MAX_BAD_FRACTION 0.004

static void
compare_golden (cairo_surface_t *surface,
                const char      *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "golden", name, NULL);
  cairo_surface_t *golden;
  guint bad = 0, total;
  int w, h;

  if (g_strcmp0 (g_getenv ("CM_UPDATE_GOLDEN"), "1") == 0)
    {
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
      return;
    }

  golden = cairo_image_surface_create_from_png (path);
  if (cairo_surface_status (golden) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (golden);
      g_test_fail_printf ("%s: missing; run with CM_UPDATE_GOLDEN=1", path);
      return;
    }
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  g_assert_cmpint (cairo_image_surface_get_width (golden), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (golden), ==, h);

  /* Both sides through a PNG round trip, so they match in format. */
  {
    const guint8 *a, *b;
    int sa, sb;
    cairo_surface_t *tmp;
    g_autofree char *file = g_build_filename (g_get_tmp_dir (), "cm-map-golden-XXXXXX.png", NULL);
    int fd = g_mkstemp (file);

    g_assert_cmpint (fd, >=, 0);
    close (fd);
    cairo_surface_write_to_png (surface, file);
    tmp = cairo_image_surface_create_from_png (file);
    g_unlink (file);
    cairo_surface_flush (tmp);
    cairo_surface_flush (golden);
    a = cairo_image_surface_get_data (tmp);
    b = cairo_image_surface_get_data (golden);
    sa = cairo_image_surface_get_stride (tmp);
    sb = cairo_image_surface_get_stride (golden);
    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++)
        for (int c = 0; c < 4; c++)
          if (abs ((int) a[y * sa + 4 * x + c] - (int) b[y * sb + 4 * x + c]) > CHANNEL_TOLERANCE)
            {
              bad++;
              break;
            }
    cairo_surface_destroy (tmp);
  }
  cairo_surface_destroy (golden);
  total = (guint) (w * h);
  if (bad > total * MAX_BAD_FRACTION)
    {
      g_autofree char *actual = g_strdup_printf ("%s/%s.actual.png", g_get_tmp_dir (), name);

      cairo_surface_write_to_png (surface, actual);
      g_test_fail_printf ("%s: %u of %u pixels differ (see %s)", name, bad, total, actual);
    }
}

static void
golden_case (const char     *name,
             gboolean        dark,
             CmLabelLanguage language,
             CmMapColor      mode,
             gboolean        zoomed)
{
  g_autoptr(CmMapPainter) painter = make_painter (360, 270);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 360, 270);
  CmPaintStyle style;
  const char *fonts = "Noto Sans, Noto Sans CJK SC";

  cm_paint_style_init (&style, dark);
  style.font_family = fonts;
  cm_map_painter_set_style (painter, &style);
  cm_map_painter_set_language (painter, language);
  cm_map_painter_set_color_mode (painter, mode);
  if (zoomed)
    {
      guint sel = cm_map_painter_find_place (painter, "zhengzhou");

      cm_map_painter_fit_box (painter, 110.5, 29.5, 118.5, 35.5);
      cm_map_painter_set_selection (painter, 1, &sel);
      cm_map_painter_set_playhead (painter, T0 + 120 * DAY);
    }
  draw_to_image (painter, surface);
  compare_golden (surface, name);
  cairo_surface_destroy (surface);
}

static void
test_golden_light_en (void)
{
  golden_case ("map-light-en.png", FALSE, CM_LABEL_LANGUAGE_ENGLISH, CM_MAP_COLOR_BY_CATEGORY, FALSE);
}

static void
test_golden_dark_zh (void)
{
  golden_case ("map-dark-zh.png", TRUE, CM_LABEL_LANGUAGE_LOCAL, CM_MAP_COLOR_BY_CATEGORY, FALSE);
}

static void
test_golden_diffusion (void)
{
  golden_case ("map-diffusion-zoomed.png", FALSE, CM_LABEL_LANGUAGE_ENGLISH, CM_MAP_COLOR_BY_FIRST_DATE, TRUE);
}

/* The text halo on rasters: coverage grown by the radius with an
 * anti-aliased rim, scaled by the gain, clipped at the edges. */
static void
test_raster_dilate (void)
{
  enum { W = 11, H = 9 };
  guint8 src[H][W] = { { 0 } }, dst[H][W] = { { 0 } };

  src[4][5] = 255;
  src[0][0] = 40;
  cm_map_dilate_a8 (&src[0][0], W, &dst[0][0], W, W, H, 1.5, 1.0);
  /* Within the radius: full; the diagonal (1.41 px) on the rim ramp;
   * two pixels away: outside. */
  g_assert_cmpuint (dst[4][5], ==, 255);
  g_assert_cmpuint (dst[4][6], ==, 255);
  g_assert_cmpuint (dst[3][5], ==, 255);
  g_assert_cmpuint (dst[5][6], >, 120);
  g_assert_cmpuint (dst[5][6], <, 170);
  g_assert_cmpuint (dst[4][7], ==, 0);
  g_assert_cmpuint (dst[6][5], ==, 0);
  /* The corner pixel grows inwards only, with its own coverage. */
  g_assert_cmpuint (dst[0][0], ==, 40);
  g_assert_cmpuint (dst[1][0], ==, 40);
  g_assert_cmpuint (dst[0][2], ==, 0);

  /* Gain lifts faint hairlines to a solid halo, capped at opaque. */
  memset (dst, 0, sizeof dst);
  cm_map_dilate_a8 (&src[0][0], W, &dst[0][0], W, W, H, 1.5, 3.0);
  g_assert_cmpuint (dst[0][0], ==, 120);
  g_assert_cmpuint (dst[4][5], ==, 255);
  g_assert_cmpuint (dst[5][6], ==, 255);
}

static guint32
argb_at (cairo_surface_t *surface,
         int              x,
         int              y)
{
  cairo_surface_flush (surface);
  return *(const guint32 *) (cairo_image_surface_get_data (surface)
                             + y * cairo_image_surface_get_stride (surface) + 4 * x);
}

/* Markers drawn straight into the raster: the same pixels as cairo's,
 * within anti-aliasing, and only where cairo would draw them. */
static void
test_canvas_shapes (void)
{
  const CmRgba red = { 1, 0, 0, 1 }, blue = { 0, 0, 1, 1 };
  const CmRgba halves[2] = { { 1, 0, 0, 1 }, { 0, 0, 1, 1 } };
  const double sweeps[2] = { G_PI, G_PI };
  cairo_surface_t *ours = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 40, 40);
  cairo_surface_t *theirs = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 40, 40);
  cairo_surface_t *hidpi = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 80, 80);
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (ours), *ref = cairo_create (theirs);
  CmCanvas canvas;
  double sum_ours = 0, sum_theirs = 0;

  /* A disc and a one-pixel outline, against cairo's. */
  g_assert_true (cm_canvas_begin (&canvas, cr));
  cm_canvas_disc (&canvas, 20.3, 19.6, 9.5, &red);
  cm_canvas_ring (&canvas, 20.3, 19.6, 9.5, 1.0, &blue);
  cairo_arc (ref, 20.3, 19.6, 9.5, 0, 2 * G_PI);
  cairo_set_source_rgba (ref, 1, 0, 0, 1);
  cairo_fill_preserve (ref);
  cairo_set_source_rgba (ref, 0, 0, 1, 1);
  cairo_set_line_width (ref, 1.0);
  cairo_stroke (ref);
  for (int y = 0; y < 40; y++)
    for (int x = 0; x < 40; x++)
      {
        sum_ours += argb_at (ours, x, y) >> 24;
        sum_theirs += argb_at (theirs, x, y) >> 24;
      }
  g_assert_cmpint (worst_difference (ours, theirs), <=, 32);
  g_assert_cmpfloat (fabs (sum_ours - sum_theirs), <, 0.01 * sum_theirs);
  g_assert_cmphex (argb_at (ours, 20, 20), ==, 0xffff0000);
  g_assert_cmphex (argb_at (ours, 20, 10) & 0xff, >, 0x80);   /* on the outline */
  g_assert_cmphex (argb_at (ours, 20, 2), ==, 0);

  /* A pie: the right half red, the left half blue, no seam between. */
  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_restore (cr);
  cm_canvas_pie (&canvas, 20, 20, 10, -G_PI / 2, 2, sweeps, halves);
  g_assert_cmphex (argb_at (ours, 25, 20), ==, 0xffff0000);
  g_assert_cmphex (argb_at (ours, 14, 24), ==, 0xff0000ff);
  g_assert_cmphex (argb_at (ours, 20, 15) >> 24, ==, 0xff);
  g_assert_cmphex (argb_at (ours, 19, 15) >> 24, ==, 0xff);

  /* The clip holds. */
  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_rectangle (cr, 0, 0, 20, 40);
  cairo_clip (cr);
  g_assert_true (cm_canvas_begin (&canvas, cr));
  cm_canvas_disc (&canvas, 20, 20, 10, &red);
  g_assert_cmphex (argb_at (ours, 15, 20), ==, 0xffff0000);
  g_assert_cmphex (argb_at (ours, 25, 20), ==, 0);
  cairo_reset_clip (cr);

  /* Device scale: user units become two pixels. */
  cairo_destroy (cr);
  cairo_surface_set_device_scale (hidpi, 2, 2);
  cr = cairo_create (hidpi);
  g_assert_true (cm_canvas_begin (&canvas, cr));
  cm_canvas_disc (&canvas, 20, 20, 10, &red);
  g_assert_cmphex (argb_at (hidpi, 40, 40), ==, 0xffff0000);
  g_assert_cmphex (argb_at (hidpi, 58, 40), ==, 0xffff0000);
  g_assert_cmphex (argb_at (hidpi, 62, 40), ==, 0);

  /* Rotation and vector targets are left to cairo. */
  cairo_rotate (cr, 0.3);
  g_assert_false (cm_canvas_begin (&canvas, cr));
  cairo_destroy (cr);
  cr = cairo_create (recording);
  g_assert_false (cm_canvas_begin (&canvas, cr));

  cairo_destroy (cr);
  cairo_destroy (ref);
  cairo_surface_destroy (ours);
  cairo_surface_destroy (theirs);
  cairo_surface_destroy (hidpi);
  cairo_surface_destroy (recording);
}

/* Boxes match cairo's fill of the same rectangles, to the rounding, on
 * whole and fractional edges, translucent over what is there, and stay
 * inside the clip. */
static void
test_canvas_boxes (void)
{
  const struct { double x0, y0, x1, y1; CmRgba c; } boxes[] = {
    { 2, 3, 30, 20, { 0.1, 0.5, 0.8, 0.9 } },          /* whole pixels */
    { 5.25, 10.5, 17.75, 33.3, { 0.9, 0.2, 0.1, 0.45 } }, /* fractional, over the first */
    { 20.4, 1.2, 20.9, 6, { 0, 0, 0, 1 } },             /* thinner than a pixel */
    { 33, 30, 60, 60, { 0.2, 0.9, 0.2, 1 } },           /* past the clip */
  };
  cairo_surface_t *ours = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 48, 48);
  cairo_surface_t *theirs = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 48, 48);
  cairo_t *cr = cairo_create (ours), *ref = cairo_create (theirs);
  CmCanvas canvas;

  /* A backdrop, so that OVER has something to blend with. */
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.5);
  cairo_paint (cr);
  cairo_set_source_rgba (ref, 0.5, 0.5, 0.5, 0.5);
  cairo_paint (ref);
  cairo_rectangle (cr, 0, 0, 40, 40);
  cairo_clip (cr);
  cairo_rectangle (ref, 0, 0, 40, 40);
  cairo_clip (ref);
  g_assert_true (cm_canvas_begin (&canvas, cr));
  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    {
      cm_canvas_box (&canvas, boxes[i].x0, boxes[i].y0, boxes[i].x1, boxes[i].y1, &boxes[i].c);
      cairo_rectangle (ref, boxes[i].x0, boxes[i].y0, boxes[i].x1 - boxes[i].x0, boxes[i].y1 - boxes[i].y0);
      cm_set_source_rgba (ref, &boxes[i].c);
      cairo_fill (ref);
    }
  g_assert_cmpint (worst_difference (ours, theirs), <=, 2);
  /* The interiors are exact: opaque blue-ish, and the backdrop past the clip. */
  g_assert_cmphex (argb_at (ours, 3, 4), ==, argb_at (theirs, 3, 4));
  g_assert_cmphex (argb_at (ours, 35, 35), ==, 0xff33e633);
  g_assert_cmphex (argb_at (ours, 44, 44), ==, 0x80404040);
  cairo_destroy (cr);
  cairo_destroy (ref);
  cairo_surface_destroy (ours);
  cairo_surface_destroy (theirs);
}

/* Places name their regions as the news do, the base map as atlases do. */
static void
test_basemap_region_names (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "basemap",
                                            "china.geojson", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmBasemap) basemap = cm_basemap_new_from_file (path, &error);
  int r;

  g_assert_no_error (error);
  r = cm_basemap_find_region_by_name (basemap, "Zhejiang Province", NULL, FALSE);
  g_assert_cmpint (r, >=, 0);
  g_assert_cmpstr (cm_basemap_get_region (basemap, r)->id, ==, "CN-ZJ");

  r = cm_basemap_find_region_by_name (basemap, "Somewhere", "浙江省", FALSE);
  g_assert_cmpstr (cm_basemap_get_region (basemap, r)->id, ==, "CN-ZJ");

  g_assert_cmpint (cm_basemap_find_region_by_name (basemap, "INNER MONGOLIA", NULL, FALSE), >=, 0);

  g_assert_cmpint (cm_basemap_find_region_by_name (basemap, "Atlantis", NULL, FALSE), ==, -1);
  /* A country's name never matches a province, nor a province's the country. */
  g_assert_cmpint (cm_basemap_find_region_by_name (basemap, "Zhejiang", NULL, TRUE), ==, -1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map/view/zoom-pan", test_view_zoom_pan);
  g_test_add_func ("/map/view/fit-clamp", test_view_fit_clamp);
  g_test_add_func ("/map/view/painter-limits", test_painter_zoom_limits);
  g_test_add_func ("/map/events/counts", test_events_counts);
  g_test_add_func ("/map/clusters/partition", test_clusters_partition);
  g_test_add_func ("/map/clusters/painter-adds-up", test_painter_marks_add_up);
  g_test_add_func ("/map/raster/dilate", test_raster_dilate);
  g_test_add_func ("/map/raster/canvas-shapes", test_canvas_shapes);
  g_test_add_func ("/map/raster/canvas-boxes", test_canvas_boxes);
  g_test_add_func ("/map/labels/never-overlap", test_labels_never_overlap);
  g_test_add_func ("/map/labels/keep-gap", test_labels_keep_gap);
  g_test_add_func ("/map/labels/painter-never-overlap", test_painter_labels_never_overlap);
  g_test_add_func ("/map/labels/painter-keep-gap", test_painter_labels_keep_gap);
  g_test_add_func ("/map/painter/hit-test", test_painter_hit_test);
  g_test_add_func ("/map/painter/filter", test_painter_filter);
  g_test_add_func ("/map/painter/matches", test_painter_matches);
  g_test_add_func ("/map/painter/selection-box", test_painter_selection_box);
  g_test_add_func ("/map/painter/vector-output", test_painter_vector_output);
  g_test_add_func ("/map/painter/base-cache-pans", test_painter_base_cache_pans);
  g_test_add_func ("/map/painter/base-off-thread", test_painter_base_off_thread);
  g_test_add_func ("/map/painter/region-follows-time", test_painter_region_follows_time);
  g_test_add_func ("/map/painter/legend-follows-filter", test_legend_follows_filter);
  g_test_add_func ("/map/painter/empty", test_painter_empty);
  g_test_add_func ("/map/basemap/region-names", test_basemap_region_names);
  g_test_add_func ("/map/view/fit-antimeridian", test_fit_antimeridian);
  g_test_add_func ("/map/view/fit-overlays-clear", test_fit_overlays_clear);
  g_test_add_func ("/map/golden/light-en", test_golden_light_en);
  g_test_add_func ("/map/golden/dark-zh", test_golden_dark_zh);
  g_test_add_func ("/map/golden/diffusion-zoomed", test_golden_diffusion);

  return g_test_run ();
}
