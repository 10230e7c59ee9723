/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-map-painter.h"
#include "cm-view-data.h"

G_BEGIN_DECLS

/* What each view shows of a filter other than time (a search, a choice of
 * categories). The filter is a match mask: one byte per announcement of
 * the dataset, non-zero for those that pass; NULL filters nothing. The
 * map counts only the events of matching announcements; the timeline
 * dims the marks of the others. GTK-free: tests need no display. */

/* The events of @data whose announcements @match keeps, still in time
 * order, in newly allocated arrays (their periods' starts and ends,
 * places and categories); returns how many. */
gsize    cm_view_filter_map_events      (const CmMapData  *data,
                                         const guint8     *match,
                                         gint64          **times,
                                         gint64          **ends,
                                         guint32         **places,
                                         guint8          **categories);
/* Makes @painter, which shows @data, count only what @match keeps (all
 * its events when @match is NULL). */
void     cm_view_filter_apply_map       (const CmMapData  *data,
                                         const guint8     *match,
                                         CmMapPainter     *painter);
/* Makes @painter count only the categories @category_shown keeps (@n
 * of the dataset's; NULL: all), as a mask of its own, which costs
 * places × categories: a category change then needs no new subset of
 * the events. FALSE when the map cannot tell the choice apart (its last
 * category takes those past its limit): the mask is cleared, and the
 * categories must be in the match given to apply_map(). */
gboolean cm_view_filter_map_categories  (const CmMapData  *data,
                                         const gboolean   *category_shown,
                                         guint             n_categories,
                                         CmMapPainter     *painter);
/* The timeline's marks to dim, one byte per mark (mark i is announcement
 * i of the dataset's @n), newly allocated; NULL when @match is NULL. */
guint8  *cm_view_filter_timeline_dimmed (const guint8     *match,
                                         guint             n);

G_END_DECLS
