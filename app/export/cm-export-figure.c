/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-export"

#include <math.h>

#include "cm-export-figure.h"
#include "cm-export-write.h"
#include "cm-map-painter.h"
#include "cm-timeline-painter.h"
#include "cm-view-data.h"

/* What the window's map and timeline draw for the same choices, with no
 * display: the widgets make their style through cm_paint_style_init_for()
 * too, so only the theme's accent, which marks what the user is doing,
 * can differ (tests/test-style-match.c). */

static void
draw_timeline (cairo_t               *cr,
               CmDataset             *dataset,
               const CmFigureOptions *o)
{
  g_autoptr(CmTimelineIndex) index = cm_view_data_timeline_index (dataset, o->lanes, NULL);
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  CmPaintStyle style;
  CmTimelineView view;
  gint64 min_time, max_time;

  cm_paint_style_init_for (&style, o->dark, NULL);
  cm_timeline_painter_set_index (painter, index);
  cm_timeline_painter_set_style (painter, &style);
  cm_timeline_painter_set_language (painter, o->language);

  cm_timeline_view_init (&view, o->width, o->height);
  view.now = NAN;
  view.show_legend = TRUE;
  view.draw_background = TRUE;
  if (o->from < o->to)
    cm_timeline_view_set_range (&view, o->from, o->to);
  else if (cm_timeline_index_get_extent (index, &min_time, &max_time))
    cm_timeline_view_fit (&view, min_time, max_time);
  cm_timeline_painter_paint (painter, cr, &view);
}

static void
draw_map (cairo_t                *cr,
          CmDataset              *dataset,
          const CmFigureOptions  *o,
          GPtrArray             **unmatched)
{
  g_autoptr(CmMapPainter) painter = cm_map_painter_new ();
  g_autoptr(CmMapData) data = NULL;
  CmPaintStyle style;
  /* A vector surface gets vectors: no cached bitmap of the base map. */
  gboolean raster = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE;

  cm_paint_style_init_for (&style, o->dark, NULL);
  cm_map_painter_set_basemap (painter, o->basemap);
  cm_map_painter_set_style (painter, &style);
  cm_map_painter_set_language (painter, o->language);
  cm_map_painter_set_color_mode (painter, o->color);
  data = cm_map_data_new (dataset, o->basemap, o->dark);
  cm_map_data_apply (data, painter);
  if (unmatched != NULL)
    {
      *unmatched = g_ptr_array_new ();
      for (guint i = 0; i < data->unmatched->len; i++)
        g_ptr_array_add (*unmatched, data->unmatched->pdata[i]);
    }
  if (o->from < o->to)
    cm_map_painter_set_time_range (painter, o->from, o->to);
  cm_map_painter_set_viewport (painter, o->width, o->height);
  cm_map_painter_fit_basemap (painter);
  cm_map_painter_draw (painter, cr, raster ? CM_MAP_DRAW_DEFAULT : CM_MAP_DRAW_NO_CACHE);
}

/* The command line's defaults. */
void
cm_figure_options_init (CmFigureOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (CmFigureOptions) {
    .view = CM_FIGURE_VIEW_MAP,
    .width = 1600,
    .height = 900,
    .lanes = CM_LANES_BY_CATEGORY,
    .color = CM_MAP_COLOR_BY_CATEGORY,
    .language = CM_LABEL_LANGUAGE_ENGLISH,
  };
}

gboolean
cm_export_figure_draw (cairo_t                *cr,
                       CmDataset              *dataset,
                       const CmFigureOptions  *options,
                       GPtrArray             **unmatched,
                       GError                **error)
{
  CmFigureOptions o;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (CM_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  /* Auto as the window resolves it, for the timeline's dates too. */
  o = *options;
  o.language = cm_label_language_resolve (o.language);
  if (unmatched != NULL)
    *unmatched = NULL;
  if (o.view == CM_FIGURE_VIEW_TIMELINE)
    {
      draw_timeline (cr, dataset, &o);
      return TRUE;
    }
  if (o.basemap == NULL)
    {
      g_set_error_literal (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW, "no base map to draw the map on");
      return FALSE;
    }
  draw_map (cr, dataset, &o, unmatched);
  return TRUE;
}
