/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-timeline"

#include <math.h>

#include "cm-time-ticks.h"
#include "cm-timeline-view.h"

void
cm_timeline_view_init (CmTimelineView *view,
                       double          width,
                       double          height)
{
  g_return_if_fail (view != NULL);

  *view = (CmTimelineView) {
    .width = width,
    .height = height,
    .now = NAN,
    .hover_mark = -1,
    .hover_lane = -1,
    .focus_mark = -1,
    .show_legend = TRUE,
    .draw_background = TRUE,
  };
  /* 2020-2025 until data arrives, so that an empty timeline has an axis. */
  view->t0 = (double) cm_time_from_civil (2020, 1, 1, 0, 0, 0);
  view->t1 = (double) cm_time_from_civil (2025, 1, 1, 0, 0, 0);
}

static void
view_limits (const CmTimelineView *view,
             double               *lo,
             double               *hi,
             double               *max_span)
{
  *lo = view->min_time < view->max_time ? view->min_time : (double) CM_TIME_MIN;
  *hi = view->min_time < view->max_time ? view->max_time : (double) CM_TIME_MAX;
  *max_span = MAX (CM_TIMELINE_MAX_SPAN, *hi - *lo);
}

/* Keeps the span within the zoom limits and the window inside the valid
 * calendar, preserving the centre when the span has to change. */
void
cm_timeline_view_set_range (CmTimelineView *view,
                            double          t0,
                            double          t1)
{
  double span, centre, lo, hi, max_span;

  g_return_if_fail (view != NULL);

  if (!isfinite (t0) || !isfinite (t1))
    return;
  if (t1 < t0)
    {
      double tmp = t0;

      t0 = t1;
      t1 = tmp;
    }
  view_limits (view, &lo, &hi, &max_span);
  span = CLAMP (t1 - t0, CM_TIMELINE_MIN_SPAN, max_span);
  centre = (t0 + t1) / 2;
  t0 = centre - span / 2;
  t1 = centre + span / 2;

  if (t0 < lo)
    {
      t0 = lo;
      t1 = t0 + span;
    }
  if (t1 > hi)
    {
      t1 = hi;
      t0 = MAX (t1 - span, lo);
    }
  view->t0 = t0;
  view->t1 = t1;
}

/* factor > 1 zooms in; @anchor_time stays under the pointer. */
void
cm_timeline_view_zoom (CmTimelineView *view,
                       double          factor,
                       double          anchor_time)
{
  double span, new_span, frac, lo, hi, max_span;

  g_return_if_fail (view != NULL);
  g_return_if_fail (factor > 0);

  view_limits (view, &lo, &hi, &max_span);
  span = view->t1 - view->t0;
  new_span = CLAMP (span / factor, CM_TIMELINE_MIN_SPAN, max_span);
  frac = span > 0 ? (anchor_time - view->t0) / span : 0.5;
  frac = CLAMP (frac, 0.0, 1.0);
  cm_timeline_view_set_range (view,
                              anchor_time - frac * new_span,
                              anchor_time + (1 - frac) * new_span);
}

void
cm_timeline_view_pan (CmTimelineView *view,
                      double          seconds)
{
  double span, lo, hi, max_span;

  g_return_if_fail (view != NULL);

  view_limits (view, &lo, &hi, &max_span);
  span = view->t1 - view->t0;
  if (view->t0 + seconds < lo)
    seconds = lo - view->t0;
  if (view->t1 + seconds > hi)
    seconds = hi - view->t1;
  view->t0 += seconds;
  view->t1 = view->t0 + span;
}

/* Shows [min_time, max_time] with a small margin on both sides so that the
 * first and last marks are not cut by the plot edge. */
void
cm_timeline_view_fit (CmTimelineView *view,
                      double          min_time,
                      double          max_time)
{
  double span, margin;

  g_return_if_fail (view != NULL);

  span = MAX (max_time - min_time, CM_TIMELINE_MIN_SPAN);
  margin = span * 0.03;
  /* Data before year 1 or after 9999 (BCE, deep time) widens the limits
   * to it; data within them keeps the calendar's. */
  if (min_time < (double) CM_TIME_MIN || max_time > (double) CM_TIME_MAX)
    {
      view->min_time = MAX (MIN (min_time - margin, (double) CM_TIME_MIN), (double) CM_TIME_DEEP_MIN);
      view->max_time = MIN (MAX (max_time + margin, (double) CM_TIME_MAX), (double) CM_TIME_DEEP_MAX);
    }
  cm_timeline_view_set_range (view,
                              (min_time + max_time) / 2 - span / 2 - margin,
                              (min_time + max_time) / 2 + span / 2 + margin);
}

void
cm_timeline_brush_normalize (double *start,
                             double *end)
{
  g_return_if_fail (start != NULL && end != NULL);

  if (*end < *start)
    {
      double tmp = *start;

      *start = *end;
      *end = tmp;
    }
  *start = CLAMP (*start, (double) CM_TIME_MIN, (double) CM_TIME_MAX);
  *end = CLAMP (*end, (double) CM_TIME_MIN, (double) CM_TIME_MAX);
}

/* A mark is in the brush when its [start, end) overlaps it, so that a
 * month-precision date counts for any brush that touches its month. */
gboolean
cm_timeline_brush_contains (double brush_start,
                            double brush_end,
                            double mark_start,
                            double mark_end)
{
  if (mark_end <= mark_start)
    return mark_start >= brush_start && mark_start < brush_end;
  return mark_start < brush_end && mark_end > brush_start;
}
