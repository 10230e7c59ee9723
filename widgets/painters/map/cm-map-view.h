/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "cm-map-geometry.h"

G_BEGIN_DECLS

/* Where the map looks: a projected centre, a scale and a viewport. Screen
 * coordinates have y down; projected ones have y north. */
typedef struct
{
  double cx, cy;      /* projected point at the viewport centre */
  double scale;       /* screen units per projected metre */
  double width;       /* viewport, screen units */
  double height;
} CmMapView;

void     cm_map_view_to_screen     (const CmMapView *view,
                                    double           x,
                                    double           y,
                                    double          *sx,
                                    double          *sy);
void     cm_map_view_from_screen   (const CmMapView *view,
                                    double           sx,
                                    double           sy,
                                    double          *x,
                                    double          *y);
void     cm_map_view_get_matrix    (const CmMapView *view,
                                    cairo_matrix_t  *matrix);
/* The projected box the viewport shows. */
void     cm_map_view_get_visible   (const CmMapView *view,
                                    CmMapBox        *box);
/* Multiply the scale by @factor keeping the projected point under the
 * screen point (sx, sy) where it is. */
void     cm_map_view_zoom_about    (CmMapView       *view,
                                    double           factor,
                                    double           sx,
                                    double           sy);
/* Move the content by (dx, dy) screen units, as a drag does. */
void     cm_map_view_pan           (CmMapView       *view,
                                    double           dx,
                                    double           dy);
/* Centre and scale so @box fits inside the viewport less @padding on
 * every side. */
void     cm_map_view_fit           (CmMapView       *view,
                                    const CmMapBox  *box,
                                    double           padding);
/* Keep the scale within [min_scale, max_scale] and the centre within
 * @extent (when not NULL), so the map can never be lost. */
gboolean cm_map_view_clamp         (CmMapView       *view,
                                    double           min_scale,
                                    double           max_scale,
                                    const CmMapBox  *extent);

G_END_DECLS
