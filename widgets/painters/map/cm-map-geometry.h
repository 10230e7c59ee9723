/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Plain polygon maths shared by the base map, the painter and the tests.
 * A polygon is a set of rings: @pts holds (x, y) pairs, ring i spans
 * points starts[i] .. starts[i + 1] - 1 (open; the closing edge is
 * implied). Holes are not flagged: inside means the even-odd rule. */

typedef struct
{
  double x0, y0, x1, y1;
} CmMapBox;

gboolean cm_map_rings_contain_point (const double *pts,
                                     const guint  *starts,
                                     guint         n_rings,
                                     double        x,
                                     double        y);
/* Whether the axis-aligned box lies wholly inside: corners inside and no
 * edge entering it. */
gboolean cm_map_rings_contain_box   (const double   *pts,
                                     const guint    *starts,
                                     guint           n_rings,
                                     const CmMapBox *box);
/* Signed distance from (x, y) to the boundary: positive inside. */
double   cm_map_rings_distance      (const double *pts,
                                     const guint  *starts,
                                     guint         n_rings,
                                     double        x,
                                     double        y);
/* The pole of inaccessibility (the interior point farthest from the
 * boundary), found to within @precision; a good label anchor even for
 * crescent or elongated shapes where the centroid falls outside.
 * Returns the distance to the boundary. */
double   cm_map_rings_pole          (const double *pts,
                                     const guint  *starts,
                                     guint         n_rings,
                                     double        precision,
                                     double       *x,
                                     double       *y);
void     cm_map_rings_bounds        (const double *pts,
                                     const guint  *starts,
                                     guint         n_rings,
                                     CmMapBox     *box);

static inline gboolean
cm_map_box_intersects (const CmMapBox *a,
                       const CmMapBox *b)
{
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

G_END_DECLS
