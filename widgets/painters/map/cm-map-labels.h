/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cm-map-geometry.h"

G_BEGIN_DECLS

/* Greedy label placement in screen space. Callers offer labels in order
 * of priority; a label is kept only where it stays a gap away from all
 * placed before it (labels or obstacles such as markers), so
 * lower-priority labels are the ones dropped and no two kept labels come
 * closer than the gap: touching names read as one ("HefeiBinhu"). */
typedef struct _CmMapLabeler CmMapLabeler;

CmMapLabeler *cm_map_labeler_new           (double          width,
                                            double          height);
void          cm_map_labeler_free          (CmMapLabeler   *labeler);
void          cm_map_labeler_reset         (CmMapLabeler   *labeler,
                                            double          width,
                                            double          height);

/* The clearance a new label keeps from everything placed (3 by default);
 * the marker a label names needs only a little. */
void          cm_map_labeler_set_gap       (CmMapLabeler   *labeler,
                                            double          gap);
double        cm_map_labeler_get_gap       (CmMapLabeler   *labeler);

/* Whether @box comes closer than the gap to anything placed. */
gboolean      cm_map_labeler_collides      (CmMapLabeler   *labeler,
                                            const CmMapBox *box);
/* Reserve @box unconditionally (a marker, a legend). */
void          cm_map_labeler_add_obstacle  (CmMapLabeler   *labeler,
                                            const CmMapBox *box);
/* Reserve a disc (a marker): labels may sit in the corners of its box. */
void          cm_map_labeler_add_circle    (CmMapLabeler   *labeler,
                                            double          x,
                                            double          y,
                                            double          radius);
/* Reserve @box if it is inside the canvas and collides with nothing. */
gboolean      cm_map_labeler_try_add       (CmMapLabeler   *labeler,
                                            const CmMapBox *box);
/* Try the usual positions around a marker of @radius at (x, y) for a
 * @width × @height label: right, left, above, below, then the diagonals;
 * FALSE (the label is dropped) when none keeps the gap. A disc reserved
 * at (x, y) with at most @radius is that marker: the label sits just
 * beside it. On success *box is the label's box. */
gboolean      cm_map_labeler_place_beside  (CmMapLabeler   *labeler,
                                            double          x,
                                            double          y,
                                            double          radius,
                                            double          width,
                                            double          height,
                                            CmMapBox       *box);

/* The labels kept (not the obstacles), in the order they were added. */
const CmMapBox *cm_map_labeler_get_labels  (CmMapLabeler   *labeler,
                                            guint          *n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmMapLabeler, cm_map_labeler_free)

G_END_DECLS
