/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <math.h>

#include "cm-map-view.h"

void
cm_map_view_to_screen (const CmMapView *view,
                       double           x,
                       double           y,
                       double          *sx,
                       double          *sy)
{
  *sx = (x - view->cx) * view->scale + view->width / 2;
  *sy = (view->cy - y) * view->scale + view->height / 2;
}

void
cm_map_view_from_screen (const CmMapView *view,
                         double           sx,
                         double           sy,
                         double          *x,
                         double          *y)
{
  *x = view->cx + (sx - view->width / 2) / view->scale;
  *y = view->cy - (sy - view->height / 2) / view->scale;
}

void
cm_map_view_get_matrix (const CmMapView *view,
                        cairo_matrix_t  *matrix)
{
  cairo_matrix_init (matrix, view->scale, 0, 0, -view->scale,
                     view->width / 2 - view->cx * view->scale,
                     view->height / 2 + view->cy * view->scale);
}

void
cm_map_view_get_visible (const CmMapView *view,
                         CmMapBox        *box)
{
  double hw = view->width / 2 / view->scale;
  double hh = view->height / 2 / view->scale;

  *box = (CmMapBox) { view->cx - hw, view->cy - hh, view->cx + hw, view->cy + hh };
}

void
cm_map_view_zoom_about (CmMapView *view,
                        double     factor,
                        double     sx,
                        double     sy)
{
  double x, y;

  if (!(factor > 0) || !isfinite (factor))
    return;
  cm_map_view_from_screen (view, sx, sy, &x, &y);
  view->scale *= factor;
  /* Solve to_screen (x, y) == (sx, sy) for the new centre. */
  view->cx = x - (sx - view->width / 2) / view->scale;
  view->cy = y + (sy - view->height / 2) / view->scale;
}

void
cm_map_view_pan (CmMapView *view,
                 double     dx,
                 double     dy)
{
  view->cx -= dx / view->scale;
  view->cy += dy / view->scale;
}

void
cm_map_view_fit (CmMapView      *view,
                 const CmMapBox *box,
                 double          padding)
{
  double w = MAX (1.0, view->width - 2 * padding);
  double h = MAX (1.0, view->height - 2 * padding);
  double bw = box->x1 - box->x0;
  double bh = box->y1 - box->y0;

  view->cx = (box->x0 + box->x1) / 2;
  view->cy = (box->y0 + box->y1) / 2;
  if (bw <= 0 && bh <= 0)
    return;
  view->scale = MIN (bw > 0 ? w / bw : G_MAXDOUBLE, bh > 0 ? h / bh : G_MAXDOUBLE);
}

gboolean
cm_map_view_clamp (CmMapView      *view,
                   double          min_scale,
                   double          max_scale,
                   const CmMapBox *extent)
{
  CmMapView old = *view;

  if (min_scale > 0 && view->scale < min_scale)
    view->scale = min_scale;
  if (max_scale > 0 && view->scale > max_scale)
    view->scale = max_scale;
  if (extent != NULL)
    {
      view->cx = CLAMP (view->cx, extent->x0, extent->x1);
      view->cy = CLAMP (view->cy, extent->y0, extent->y1);
    }
  return old.cx != view->cx || old.cy != view->cy || old.scale != view->scale;
}
