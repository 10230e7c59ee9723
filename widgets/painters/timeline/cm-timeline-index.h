/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cm-painter-common.h"

G_BEGIN_DECLS

typedef enum
{
  CM_MARK_POINT,   /* a day (or finer) date: a dot at the centre of [start, end) */
  CM_MARK_BAND,    /* a month or year precision date: a faded bracketed band */
  CM_MARK_SPAN,    /* an explicit start and end: a solid bar */
} CmMarkKind;

typedef enum
{
  CM_MARK_FLAG_NONE     = 0,
  CM_MARK_FLAG_SELECTED = 1 << 0,
  CM_MARK_FLAG_DIMMED   = 1 << 1,   /* filtered out: drawn grey, behind */
} CmMarkFlags;

/*
 * The plain arrays the timeline is drawn from; every array has n_marks
 * entries. Times are seconds since the epoch (UTC); a mark covers
 * [start, end) and end >= start. kind, lane, colour and flags may be NULL
 * (all points, lane 0, colour 0, no flags). cm_timeline_index_new() copies
 * everything, so the caller may free the arrays as soon as it returns.
 */
typedef struct
{
  guint               n_marks;
  const gint64       *start;
  const gint64       *end;
  const guint8       *kind;
  const guint16      *lane;
  const guint16      *color;
  const guint8       *flags;

  guint               n_lanes;
  const char * const *lane_labels;     /* n_lanes entries, or NULL */

  guint               n_colors;
  const CmRgba       *palette;         /* n_colours entries */
  const char * const *color_labels;   /* n_colours entries, or NULL: no legend */
} CmTimelineData;

typedef struct
{
  gint64  start;
  gint64  end;
  guint32 mark;
} CmIndexEntry;

typedef struct
{
  gint64  time;
  guint32 mark;
} CmIndexAnchor;

/*
 * Marks of one lane that share a colour, a dimmed state and a length class
 * (floor (log2 (end - start))). Within a group every array is sorted, so a
 * frame counts the marks of a pixel column with two binary searches, and
 * finds the long bands that cross the view without scanning: a band of
 * class c that overlaps [t0, t1) starts in [t0 - 2^(c+1), t1).
 */
typedef struct
{
  guint16        lane;
  guint16        color;
  gboolean       dimmed;
  guint          klass;
  gint64         max_length;
  guint          n;
  CmIndexEntry  *by_start;     /* sorted by start */
  gint64        *ends;         /* every end, sorted on its own */
  CmIndexAnchor *by_anchor;    /* sorted by anchor (the drawn instant) */
} CmIndexGroup;

typedef struct _CmTimelineIndex CmTimelineIndex;

CmTimelineIndex    *cm_timeline_index_new              (const CmTimelineData *data);
/* The same, taking the start, end, kind, lane and colour arrays (from
 * g_malloc) instead of copying them, and leaving NULL in @data: at a
 * million marks the copies were 21 MB of fresh memory. */
CmTimelineIndex    *cm_timeline_index_new_take         (CmTimelineData       *data);
CmTimelineIndex    *cm_timeline_index_ref              (CmTimelineIndex      *self);
void                cm_timeline_index_unref            (CmTimelineIndex      *self);

guint               cm_timeline_index_get_n_marks      (CmTimelineIndex      *self);
guint               cm_timeline_index_get_n_lanes      (CmTimelineIndex      *self);
guint               cm_timeline_index_get_n_colors    (CmTimelineIndex      *self);
const char         *cm_timeline_index_get_lane_label   (CmTimelineIndex      *self,
                                                        guint                 lane);
const char         *cm_timeline_index_get_color_label (CmTimelineIndex      *self,
                                                        guint                 color);
const CmRgba       *cm_timeline_index_get_color       (CmTimelineIndex      *self,
                                                        guint                 color);
gint64              cm_timeline_index_get_point_precision (CmTimelineIndex *self);
gboolean            cm_timeline_index_get_extent       (CmTimelineIndex      *self,
                                                        gint64               *min_time,
                                                        gint64               *max_time);

gint64              cm_timeline_index_get_start        (CmTimelineIndex      *self,
                                                        guint                 mark);
gint64              cm_timeline_index_get_end          (CmTimelineIndex      *self,
                                                        guint                 mark);
gint64              cm_timeline_index_get_anchor       (CmTimelineIndex      *self,
                                                        guint                 mark);
CmMarkKind          cm_timeline_index_get_kind         (CmTimelineIndex      *self,
                                                        guint                 mark);
guint               cm_timeline_index_get_lane         (CmTimelineIndex      *self,
                                                        guint                 mark);
guint               cm_timeline_index_get_color_index (CmTimelineIndex      *self,
                                                        guint                 mark);
CmMarkFlags         cm_timeline_index_get_flags        (CmTimelineIndex      *self,
                                                        guint                 mark);

void                cm_timeline_index_set_flags        (CmTimelineIndex      *self,
                                                        const guint8         *flags);
/* Dims the marks whose byte in @dimmed (n_marks of them; NULL for none)
 * is non-zero, and undims the others; the selection stays. */
void                cm_timeline_index_set_dimmed       (CmTimelineIndex      *self,
                                                        const guint8         *dimmed);
void                cm_timeline_index_set_selected     (CmTimelineIndex      *self,
                                                        const guint          *marks,
                                                        guint                 n_marks);
const guint32      *cm_timeline_index_get_selected     (CmTimelineIndex      *self,
                                                        guint                *n_selected);

/* Marks in the order of their anchors: for keyboard navigation. */
guint               cm_timeline_index_get_rank         (CmTimelineIndex      *self,
                                                        guint                 mark);
guint               cm_timeline_index_get_mark_at_rank (CmTimelineIndex      *self,
                                                        guint                 rank);
guint               cm_timeline_index_count_before     (CmTimelineIndex      *self,
                                                        gint64                t);

/* Groups of one lane, for the painter. */
const CmIndexGroup *cm_timeline_index_get_groups       (CmTimelineIndex      *self,
                                                        guint                 lane,
                                                        guint                *n_groups);

/* Number of sorted keys < @t, for group arrays. */
guint               cm_index_entries_lower_bound       (const CmIndexEntry   *entries,
                                                        guint                 n,
                                                        gint64                t);
guint               cm_index_anchors_lower_bound       (const CmIndexAnchor  *anchors,
                                                        guint                 n,
                                                        gint64                t);
guint               cm_index_times_lower_bound         (const gint64         *times,
                                                        guint                 n,
                                                        gint64                t);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmTimelineIndex, cm_timeline_index_unref)

G_END_DECLS
