/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "cm-enums.h"
#include "cm-painter-common.h"
#include "cm-time-ticks.h"
#include "cm-timeline-index.h"
#include "cm-timeline-view.h"

G_BEGIN_DECLS

/*
 * Draws the timeline on any cairo_t (screen, PNG, SVG, PDF) from a
 * CmTimelineIndex and a CmTimelineView. No GTK: the widget calls it
 * through gtk_snapshot_append_cairo() and the export on its own surface.
 *
 * A frame is laid out per lane: when the marks of a lane that are in view
 * can be stacked in the rows the lane has, each is drawn; otherwise the
 * lane becomes a histogram of calendar bins (days, weeks, months... as
 * wide as the zoom allows) with a density strip for the marks longer than
 * a bin. Laying out costs O(width x log n) per lane, whatever the number
 * of marks, because every count comes from binary searches in the index.
 */

typedef struct _CmTimelinePainter CmTimelinePainter;

typedef enum
{
  CM_TIMELINE_HIT_NONE,
  CM_TIMELINE_HIT_MARK,          /* a mark drawn on its own */
  CM_TIMELINE_HIT_BIN,           /* a histogram bin */
  CM_TIMELINE_HIT_LANE,          /* empty space in a lane */
  CM_TIMELINE_HIT_AXIS,          /* the axis band: drag there to brush */
  CM_TIMELINE_HIT_BRUSH_START,   /* the handles of the brush */
  CM_TIMELINE_HIT_BRUSH_END,
  CM_TIMELINE_HIT_PLAYHEAD,
  CM_TIMELINE_HIT_LEGEND,
} CmTimelineHitKind;

typedef struct
{
  CmTimelineHitKind kind;
  double            time;        /* time under the pointer */
  int               lane;        /* -1 outside the lanes */
  guint             mark;        /* MARK */
  gint64            bin_start;   /* BIN: [bin_start, bin_end) */
  gint64            bin_end;
  CmTimeStep        bin_step;
  guint             bin_count;   /* marks dated inside the bin, not dimmed */
  guint             bin_dimmed;  /* the same, dimmed */
  guint             bin_spanning;/* longer marks that cross the bin */
  guint             color;      /* LEGEND */
} CmTimelineHit;

typedef struct
{
  double x, y, width, height;
} CmTimelineRect;

/* What one lane shows in the current frame; for tests and tooltips. */
typedef struct
{
  gboolean       aggregated;
  CmTimelineRect rect;
  guint          n_items;      /* marks drawn one by one */
  guint          n_bins;
  guint          n_rows;       /* rows used by the stacked marks */
} CmTimelineLaneInfo;

/* The short label of @mark (newly allocated, or NULL for none): marks
 * drawn one by one carry one when the frame shows few of them. */
typedef char *(*CmTimelineLabelFunc) (guint    mark,
                                      gpointer user_data);

CmTimelinePainter  *cm_timeline_painter_new            (void);
void                cm_timeline_painter_free           (CmTimelinePainter    *self);

void                cm_timeline_painter_set_index      (CmTimelinePainter    *self,
                                                        CmTimelineIndex      *index);
CmTimelineIndex    *cm_timeline_painter_get_index      (CmTimelinePainter    *self);
void                cm_timeline_painter_set_style      (CmTimelinePainter    *self,
                                                        const CmPaintStyle   *style);
void                cm_timeline_painter_set_language   (CmTimelinePainter    *self,
                                                        CmLabelLanguage       language);
const CmTimeLocale *cm_timeline_painter_get_locale     (CmTimelinePainter    *self);
void                cm_timeline_painter_invalidate     (CmTimelinePainter    *self);
void                cm_timeline_painter_set_label_func (CmTimelinePainter    *self,
                                                        CmTimelineLabelFunc   func,
                                                        gpointer              user_data,
                                                        GDestroyNotify        destroy);

void                cm_timeline_painter_paint          (CmTimelinePainter    *self,
                                                        cairo_t              *cr,
                                                        const CmTimelineView *view);

/* Geometry of the last layout for @view (laid out on demand). */
void                cm_timeline_painter_get_plot_rect  (CmTimelinePainter    *self,
                                                        const CmTimelineView *view,
                                                        CmTimelineRect       *plot);
void                cm_timeline_painter_get_axis_rect  (CmTimelinePainter    *self,
                                                        const CmTimelineView *view,
                                                        CmTimelineRect       *axis);
double              cm_timeline_painter_time_to_x      (CmTimelinePainter    *self,
                                                        const CmTimelineView *view,
                                                        double                t);
double              cm_timeline_painter_x_to_time      (CmTimelinePainter    *self,
                                                        const CmTimelineView *view,
                                                        double                x);
double              cm_timeline_painter_get_content_height (CmTimelinePainter *self,
                                                        const CmTimelineView *view);
guint               cm_timeline_painter_get_lanes_left_out (CmTimelinePainter    *self,
                                                        const CmTimelineView *view);

gboolean            cm_timeline_painter_hit_test       (CmTimelinePainter    *self,
                                                        const CmTimelineView *view,
                                                        double                x,
                                                        double                y,
                                                        CmTimelineHit        *hit);
gboolean            cm_timeline_painter_get_mark_rect  (CmTimelinePainter    *self,
                                                        const CmTimelineView *view,
                                                        guint                 mark,
                                                        CmTimelineRect       *rect);
gboolean            cm_timeline_painter_get_lane_info  (CmTimelinePainter    *self,
                                                        const CmTimelineView *view,
                                                        guint                 lane,
                                                        CmTimelineLaneInfo   *info);
gboolean            cm_timeline_painter_get_bin        (CmTimelinePainter    *self,
                                                        const CmTimelineView *view,
                                                        guint                 lane,
                                                        guint                 bin,
                                                        CmTimelineHit        *hit);
char               *cm_timeline_painter_describe_bin   (CmTimelinePainter    *self,
                                                        const CmTimelineHit  *hit);
const CmTimeTicks  *cm_timeline_painter_get_ticks      (CmTimelinePainter    *self,
                                                        const CmTimelineView *view);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmTimelinePainter, cm_timeline_painter_free)

G_END_DECLS
