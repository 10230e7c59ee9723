/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Announcements indexed for time filtering: for each (place, category)
 * a sorted run of times, so the count in any [start, end) is two binary
 * searches. A filter change then costs O(places · categories · log n),
 * whatever the number of events.
 *
 * An event may last: it is then the period [start, end), and it is in a
 * range when the period overlaps the range (the model's cm_time_overlaps,
 * which the painters cannot call). An event without an end is the
 * instant [start, start + 1). */
typedef struct _CmMapEvents CmMapEvents;

#define CM_MAP_MAX_CATEGORIES 64

/* @categories may be NULL (one category). Events naming a place out of
 * range are ignored; a category out of range counts as the last one, so
 * that counts still add up. Input need not be sorted; input sorted by
 * time costs no sort. */
CmMapEvents *cm_map_events_new           (guint           n_places,
                                          guint           n_categories,
                                          gsize           n_events,
                                          const gint64   *times,
                                          const guint32  *places,
                                          const guint8   *categories);
/* As cm_map_events_new(), with each event's end (exclusive, after its
 * start); @ends NULL makes instants. */
CmMapEvents *cm_map_events_new_spans     (guint           n_places,
                                          guint           n_categories,
                                          gsize           n_events,
                                          const gint64   *starts,
                                          const gint64   *ends,
                                          const guint32  *places,
                                          const guint8   *categories);
/* The events of @all that @keep keeps: one byte per event as given to
 * @all's constructor, non-zero to keep it. For a filter other than time:
 * no sort, one pass. The result cannot be subset again. @recycle
 * (transfer full, nullable): an earlier subset of @all, whose memory is
 * reused. */
CmMapEvents *cm_map_events_new_subset    (CmMapEvents    *all,
                                          const guint8   *keep,
                                          CmMapEvents    *recycle);
/* The events of @all (not itself a view) whose category @shown (one byte
 * per category) keeps, without a copy: it shares @all's memory, so it
 * must be freed first. It costs places × categories. */
CmMapEvents *cm_map_events_new_category_view (CmMapEvents  *all,
                                              const guint8 *shown);
void         cm_map_events_free          (CmMapEvents    *events);

guint        cm_map_events_get_n_places      (CmMapEvents *events);
guint        cm_map_events_get_n_categories  (CmMapEvents *events);
gsize        cm_map_events_get_n_events      (CmMapEvents *events);
/* Earliest and latest start; FALSE when there are no events. */
gboolean     cm_map_events_get_time_bounds   (CmMapEvents *events,
                                              gint64      *first,
                                              gint64      *last);
guint32      cm_map_events_get_total         (CmMapEvents *events,
                                              guint        place);

/* Counts of the events overlapping [start, end) for every place.
 * @per_category (n_places × n_categories) and @first (earliest start of
 * those, which may lie before @start; G_MAXINT64 when none) may be
 * NULL. */
void         cm_map_events_count         (CmMapEvents    *events,
                                          gint64          start,
                                          gint64          end,
                                          guint32        *counts,
                                          guint32        *per_category,
                                          gint64         *first);
/* Count for one place overlapping [start, end), with the earliest and
 * latest start of those (untouched when there are none). */
guint32      cm_map_events_place_span    (CmMapEvents    *events,
                                          guint           place,
                                          gint64          start,
                                          gint64          end,
                                          gint64         *first,
                                          gint64         *last);
/* Count for one place overlapping [start, end). */
guint32      cm_map_events_count_place   (CmMapEvents    *events,
                                          guint           place,
                                          gint64          start,
                                          gint64          end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmMapEvents, cm_map_events_free)

G_END_DECLS
