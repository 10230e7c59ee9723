/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-bench"

/* One measurement of the scale table per run, printed as "NAME SECONDS":
 *   bench-scale load FILE     open + validate + model + indexes (timeline
 *                             index and map data, as the window builds)
 *   bench-scale filter FILE   a time-range filter change: flags, timeline
 *                             index regroup, list refilter, map range, and
 *                             both painters drawn at 1600x900 / 1600x400
 * tools/bench runs it several times per size and reports medians, and the
 * peak RSS of the whole process. It never asserts on time. */

#include "cm-config.h"

#include <math.h>
#include <stdio.h>

#include "cm-announcement-list.h"
#include "cm-loader.h"
#include "cm-map-painter.h"
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

static int
bench_filter (const char *path)
{
  g_autoptr(CmDataset) ds = load (path);
  g_autofree char *basemap_path = cm_view_data_default_basemap_path ();
  g_autoptr(CmBasemap) basemap = cm_basemap_new_from_file (basemap_path, NULL);
  g_autoptr(CmTimelineIndex) index = cm_view_data_timeline_index (ds, CM_LANES_BY_CATEGORY, NULL);
  g_autoptr(CmMapData) data = cm_map_data_new (ds, basemap, FALSE);
  g_autoptr(CmMapPainter) map = cm_map_painter_new ();
  g_autoptr(CmTimelinePainter) timeline = cm_timeline_painter_new ();
  g_autoptr(CmAnnouncementList) list = cm_announcement_list_new ();
  cairo_surface_t *map_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 900);
  cairo_surface_t *tl_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 400);
  cairo_t *map_cr = cairo_create (map_surface);
  cairo_t *tl_cr = cairo_create (tl_surface);
  guint n = cm_dataset_get_n_announcements (ds);
  g_autofree guint8 *flags = g_new0 (guint8, MAX (n, 1));
  CmTimelineView view;
  gint64 t_min, t_max, start, end;
  CmPaintStyle style;
  double t0;

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
  cm_timeline_view_init (&view, 1600, 400);
  view.now = NAN;
  cm_timeline_view_fit (&view, t_min, t_max);

  /* Warm: one full frame of each, as on screen before the user brushes. */
  cm_map_painter_draw (map, map_cr, CM_MAP_DRAW_DEFAULT);
  cm_timeline_painter_paint (timeline, tl_cr, &view);

  /* The brush: the middle third of the data. */
  start = t_min + (t_max - t_min) / 3;
  end = t_min + 2 * (t_max - t_min) / 3;
  t0 = now ();
  for (guint i = 0; i < n; i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (ds, i);
      flags[i] = (a->end <= start || a->start >= end) ? CM_MARK_FLAG_DIMMED : 0;
    }
  cm_timeline_index_set_flags (index, flags);
  cm_timeline_painter_invalidate (timeline);
  cm_announcement_list_set_filter (list, start, end, NULL);
  cm_map_painter_set_time_range (map, start, end);
  view.has_brush = TRUE;
  view.brush_start = start;
  view.brush_end = end;
  cm_map_painter_draw (map, map_cr, CM_MAP_DRAW_DEFAULT);
  cm_timeline_painter_paint (timeline, tl_cr, &view);
  printf ("filter %.4f\n", now () - t0);

  cairo_destroy (map_cr);
  cairo_destroy (tl_cr);
  cairo_surface_destroy (map_surface);
  cairo_surface_destroy (tl_surface);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  if (argc != 3)
    {
      fprintf (stderr, "Usage: %s load|filter FILE\n", argv[0]);
      return 2;
    }
  if (g_str_equal (argv[1], "load"))
    return bench_load (argv[2]);
  if (g_str_equal (argv[1], "filter"))
    return bench_filter (argv[2]);
  fprintf (stderr, "unknown measurement %s\n", argv[1]);
  return 2;
}
