/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Zoom limits: one hour even when every mark is at the same instant, and
 * ten thousand years, the whole valid calendar. */
#define CM_TIMELINE_MIN_SPAN  3600.0
#define CM_TIMELINE_MAX_SPAN  (10000.0 * 365.2425 * 86400.0)

/*
 * What the painter is asked to draw: a time window, a size and the
 * transient state (hover, focus, brush, playhead). Plain data: the widget
 * keeps one, the export fills one from its options.
 */
typedef struct
{
  double   t0;               /* visible range, seconds since the epoch */
  double   t1;
  double   width;            /* logical pixels */
  double   height;
  double   lane_scroll;      /* pixels scrolled down when lanes overflow */

  double   now;              /* the "today" marker; NAN hides it */
  gboolean has_brush;
  double   brush_start;
  double   brush_end;
  gboolean has_playhead;
  double   playhead;

  int      hover_mark;       /* -1 for none */
  int      hover_lane;       /* with hover_time: the hovered bin; -1 for none */
  double   hover_time;
  int      focus_mark;       /* -1 for none */

  gboolean show_legend;
  gboolean draw_background;  /* FALSE lets the widget's CSS background show */
  /* A figure, which cannot scroll: histogram lanes may shrink to fit, no
   * lane is cut by the bottom edge, and the lanes left out are counted
   * in a note. */
  gboolean whole_lanes;

  /* How far the window may go: years 1-9999 (CM_TIME_MIN/MAX) while both
   * are 0, and as far as the data when cm_timeline_view_fit() is given
   * times before or after them (BCE, deep time). */
  double   min_time;
  double   max_time;
} CmTimelineView;

void     cm_timeline_view_init        (CmTimelineView *view,
                                       double          width,
                                       double          height);
void     cm_timeline_view_set_range   (CmTimelineView *view,
                                       double          t0,
                                       double          t1);
void     cm_timeline_view_zoom        (CmTimelineView *view,
                                       double          factor,
                                       double          anchor_time);
void     cm_timeline_view_pan         (CmTimelineView *view,
                                       double          seconds);
void     cm_timeline_view_fit         (CmTimelineView *view,
                                       double          min_time,
                                       double          max_time);

void     cm_timeline_brush_normalize  (double         *start,
                                       double         *end);
gboolean cm_timeline_brush_contains   (double          brush_start,
                                       double          brush_end,
                                       double          mark_start,
                                       double          mark_end);

G_END_DECLS
