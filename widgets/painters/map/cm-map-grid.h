/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cm-map-geometry.h"

G_BEGIN_DECLS

/* A uniform grid over a fixed set of points, for "what is near here"
 * in O(points nearby): hit testing, clustering and viewport culling. */
typedef struct _CmMapGrid CmMapGrid;

CmMapGrid *cm_map_grid_new     (const double *xy,
                                guint         n,
                                double        cell);
void       cm_map_grid_free    (CmMapGrid    *grid);
/* Appends to @out (guint) the indices of the points inside @box. */
void       cm_map_grid_query   (CmMapGrid      *grid,
                                const CmMapBox *box,
                                GArray         *out);
/* The index of the point nearest (x, y) within @radius, or -1. */
int        cm_map_grid_nearest (CmMapGrid    *grid,
                                double        x,
                                double        y,
                                double        radius);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmMapGrid, cm_map_grid_free)

G_END_DECLS
