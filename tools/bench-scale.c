/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-bench"

/* One measurement of the scale table per run, printed as "NAME SECONDS":
 *   bench-scale load FILE     open + validate + model + indexes (timeline
 *                             index and map data, as the window builds)
 *   bench-scale filter FILE   the first time-range filter change after the
 *                             load: flags, timeline index regroup, list
 *                             refilter, map range, and both painters drawn
 *                             at 1600x900 / 1600x400
 *   bench-scale brush FILE    the median of 20 more as the brush slides
 *   bench-scale search-index FILE   building the text index (done on the
 *                             first search)
 *   bench-scale search FILE   one search: the median of five queries of
 *                             one and two terms, ASCII and Chinese
 * tools/bench runs it several times per size and reports medians, and the
 * peak RSS of the whole process. It never asserts on time. */

#include "cm-config.h"

#include <math.h>
#include <stdio.h>

#include "cm-announcement-list.h"
#include "cm-loader.h"
#include "cm-map-painter.h"
#include "cm-text-index.h"
#include "cm-timeline-painter.h"
#include "cm-view-data.h"

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static CmDataset *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CmDataset *ds = cm_loader_load_file (file, path, NULL, NULL, NULL, NULL, &error);

  if (ds == NULL)
    g_error ("%s", error->message);
  return ds;
}

static int
bench_load (const char *path)
{
  /* The window has its base map before a dataset is opened. */
  g_autofree char *basemap_path = cm_view_data_default_basemap_path ();
  g_autoptr(CmBasemap) basemap = cm_basemap_new_from_file (basemap_path, NULL);
  double t0 = now ();
  g_autoptr(CmDataset) ds = load (path);
  g_autoptr(CmTimelineIndex) index = NULL;
  g_autoptr(CmMapData) data = NULL;
  g_autoptr(CmMapPainter) map = cm_map_painter_new ();

  /* As the window's loading thread does. */
  cm_view_data_build (ds, CM_LANES_BY_CATEGORY, basemap, FALSE, &index, &data);
  cm_map_painter_set_basemap (map, basemap);
  cm_map_data_apply (data, map);
  printf ("load %.4f\n", now () - t0);
  return 0;
}

typedef struct
{
  CmDataset          *ds;
  CmTimelineIndex    *index;
  CmMapPainter       *map;
  CmTimelinePainter  *timeline;
  CmAnnouncementList *list;
  cairo_t            *map_cr;
  cairo_t            *tl_cr;
  guint8             *flags;
  CmTimelineView      view;
} Views;

/* One filter change, as the window makes it while the user brushes: the
 * flags and the index regrouped, the list refiltered, the map's range,
 * and both painters drawn. Returns its duration in seconds. */
static double
filter_change (Views  *v,
               gint64  start,
               gint64  end)
{
  guint n = cm_dataset_get_n_announcements (v->ds);
  double t0 = now ();

  for (guint i = 0; i < n; i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (v->ds, i);
      v->flags[i] = (a->end <= start || a->start >= end) ? CM_MARK_FLAG_DIMMED : 0;
    }
  cm_timeline_index_set_flags (v->index, v->flags);
  cm_timeline_painter_invalidate (v->timeline);
  cm_announcement_list_set_filter (v->list, start, end, NULL);
  cm_map_painter_set_time_range (v->map, start, end);
  v->view.has_brush = TRUE;
  v->view.brush_start = start;
  v->view.brush_end = end;
  cm_map_painter_draw (v->map, v->map_cr, CM_MAP_DRAW_DEFAULT);
  cm_timeline_painter_paint (v->timeline, v->tl_cr, &v->view);
  return now () - t0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* "filter": the first filter change after the load (the brush on the
 * middle third of the data); "brush": the median of 20 more as the brush
 * slides by 1/60 of the span each time. */
static int
bench_filter (const char *path,
              gboolean    brushing)
{
  g_autoptr(CmDataset) ds = load (path);
  g_autofree char *basemap_path = cm_view_data_default_basemap_path ();
  g_autoptr(CmBasemap) basemap = cm_basemap_new_from_file (basemap_path, NULL);
  g_autoptr(CmTimelineIndex) index = NULL;
  g_autoptr(CmMapData) data = NULL;
  g_autoptr(CmMapPainter) map = cm_map_painter_new ();
  g_autoptr(CmTimelinePainter) timeline = cm_timeline_painter_new ();
  g_autoptr(CmAnnouncementList) list = cm_announcement_list_new ();
  cairo_surface_t *map_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 900);
  cairo_surface_t *tl_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 400);
  guint n = cm_dataset_get_n_announcements (ds);
  g_autofree guint8 *flags = g_new0 (guint8, MAX (n, 1));
  Views v = { ds, NULL, map, timeline, list, cairo_create (map_surface), cairo_create (tl_surface), flags };
  gint64 t_min, t_max, third;
  CmPaintStyle style;
  double first, steps[20];

  cm_view_data_build (ds, CM_LANES_BY_CATEGORY, basemap, FALSE, &index, &data);
  v.index = index;
  cm_paint_style_init (&style, FALSE);
  cm_map_painter_set_basemap (map, basemap);
  cm_map_painter_set_style (map, &style);
  cm_map_data_apply (data, map);
  cm_map_painter_set_viewport (map, 1600, 900);
  cm_map_painter_fit_basemap (map);
  cm_timeline_painter_set_index (timeline, index);
  cm_timeline_painter_set_style (timeline, &style);
  cm_announcement_list_set_dataset (list, ds);
  cm_dataset_get_time_range (ds, &t_min, &t_max);
  cm_timeline_view_init (&v.view, 1600, 400);
  v.view.now = NAN;
  cm_timeline_view_fit (&v.view, t_min, t_max);

  /* Warm: one full frame of each, as on screen before the user brushes. */
  cm_map_painter_draw (map, v.map_cr, CM_MAP_DRAW_DEFAULT);
  cm_timeline_painter_paint (timeline, v.tl_cr, &v.view);

  third = (t_max - t_min) / 3;
  first = filter_change (&v, t_min + third, t_min + 2 * third);
  for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
    {
      gint64 shift = (gint64) (k + 1) * (t_max - t_min) / 60;

      steps[k] = filter_change (&v, t_min + third + shift, t_min + 2 * third + shift);
    }
  qsort (steps, G_N_ELEMENTS (steps), sizeof (double), compare_doubles);
  if (brushing)
    printf ("brush %.4f\n", (steps[9] + steps[10]) / 2);
  else
    printf ("filter %.4f\n", first);

  cairo_destroy (v.map_cr);
  cairo_destroy (v.tl_cr);
  cairo_surface_destroy (map_surface);
  cairo_surface_destroy (tl_surface);
  return 0;
}

static int
bench_search (const char *path,
              gboolean    index_only)
{
  g_autoptr(CmDataset) ds = load (path);
  const char *queries[] = { "semiconductor", "smart city", "shanghai", "上海", "zzzz" };
  g_autofree guint8 *match = g_new (guint8, MAX (cm_dataset_get_n_announcements (ds), 1));
  g_autoptr(CmTextIndex) index = NULL;
  double t0 = now (), times[G_N_ELEMENTS (queries)];

  index = cm_text_index_new (ds);
  if (index_only)
    {
      printf ("search-index %.4f\n", now () - t0);
      return 0;
    }
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      t0 = now ();
      cm_text_index_match (index, queries[q], match);
      times[q] = now () - t0;
    }
  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
  printf ("search %.4f\n", times[G_N_ELEMENTS (times) / 2]);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  if (argc != 3)
    {
      fprintf (stderr, "Usage: %s load|filter|brush|search-index|search FILE\n", argv[0]);
      return 2;
    }
  if (g_str_equal (argv[1], "load"))
    return bench_load (argv[2]);
  if (g_str_equal (argv[1], "filter") || g_str_equal (argv[1], "brush"))
    return bench_filter (argv[2], g_str_equal (argv[1], "brush"));
  if (g_str_equal (argv[1], "search-index") || g_str_equal (argv[1], "search"))
    return bench_search (argv[2], g_str_equal (argv[1], "search-index"));
  fprintf (stderr, "unknown measurement %s\n", argv[1]);
  return 2;
}
