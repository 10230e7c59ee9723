/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-timeline"

#include <math.h>

#include "cm-timeline-painter-private.h"

/* Geometry of the laid-out frame and hit testing against it. */

void
cm_timeline_painter_get_plot_rect (CmTimelinePainter    *self,
                                   const CmTimelineView *view,
                                   CmTimelineRect       *plot)
{
  g_return_if_fail (self != NULL && view != NULL && plot != NULL);
  _cm_tl_layout (self, view);
  *plot = self->frame.plot;
}

void
cm_timeline_painter_get_axis_rect (CmTimelinePainter    *self,
                                   const CmTimelineView *view,
                                   CmTimelineRect       *axis)
{
  g_return_if_fail (self != NULL && view != NULL && axis != NULL);
  _cm_tl_layout (self, view);
  *axis = self->frame.axis;
}

double
cm_timeline_painter_time_to_x (CmTimelinePainter    *self,
                               const CmTimelineView *view,
                               double                t)
{
  g_return_val_if_fail (self != NULL && view != NULL, 0);
  _cm_tl_layout (self, view);
  return _cm_tl_time_to_x (&self->frame, t);
}

double
cm_timeline_painter_x_to_time (CmTimelinePainter    *self,
                               const CmTimelineView *view,
                               double                x)
{
  g_return_val_if_fail (self != NULL && view != NULL, 0);
  _cm_tl_layout (self, view);
  return view->t0 + (x - self->frame.plot.x) / self->frame.pps;
}

/* Height all lanes would take unscrolled: for the widget's scroll range. */
double
cm_timeline_painter_get_content_height (CmTimelinePainter    *self,
                                        const CmTimelineView *view)
{
  g_return_val_if_fail (self != NULL && view != NULL, 0);
  _cm_tl_layout (self, view);
  return self->frame.content_height;
}

/* With view->whole_lanes: the lanes that did not fit below the last one
 * shown, which the painter counts in a note. */
guint
cm_timeline_painter_get_lanes_left_out (CmTimelinePainter    *self,
                                        const CmTimelineView *view)
{
  g_return_val_if_fail (self != NULL && view != NULL, 0);
  _cm_tl_layout (self, view);
  return self->frame.lanes_left_out;
}

const CmTimeTicks *
cm_timeline_painter_get_ticks (CmTimelinePainter    *self,
                               const CmTimelineView *view)
{
  g_return_val_if_fail (self != NULL && view != NULL, NULL);
  _cm_tl_layout (self, view);
  return self->frame.ticks;
}

static void
fill_bin_hit (CmTimelinePainter *self,
              const CmTlLane    *lane,
              guint              b,
              CmTimelineHit     *hit)
{
  const CmTlFrame *f = &self->frame;

  hit->kind = CM_TIMELINE_HIT_BIN;
  hit->lane = (int) lane->lane;
  hit->bin_start = g_array_index (f->bin_edges, gint64, b);
  hit->bin_end = g_array_index (f->bin_edges, gint64, b + 1);
  hit->bin_step = f->bin_step;
  hit->bin_count = hit->bin_dimmed = hit->bin_spanning = 0;
  for (guint s = lane->first_series; s < lane->first_series + lane->n_series; s++)
    {
      const CmTlSeries *series = &g_array_index (f->series, CmTlSeries, s);
      guint c = g_array_index (f->counts, guint, series->first + b);

      if (series->spanning)
        hit->bin_spanning += c;
      else if (series->dimmed)
        hit->bin_dimmed += c;
      else
        hit->bin_count += c;
    }
}

static gboolean
in_rect (const CmTimelineRect *r,
         double                x,
         double                y)
{
  return x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height;
}

static gboolean
hit_lane (CmTimelinePainter *self,
          const CmTlLane    *lane,
          double             x,
          double             y,
          CmTimelineHit     *hit)
{
  const CmTlFrame *f = &self->frame;
  const CmTlItem *best = NULL;
  double best_distance = G_MAXDOUBLE;

  hit->kind = CM_TIMELINE_HIT_LANE;
  hit->lane = (int) lane->lane;

  if (lane->aggregated)
    {
      guint b;

      if (_cm_tl_frame_n_bins (f) == 0)
        return TRUE;
      b = _cm_tl_bin_at_x (f, x);
      fill_bin_hit (self, lane, b, hit);
      if (hit->bin_count + hit->bin_dimmed + hit->bin_spanning == 0)
        hit->kind = CM_TIMELINE_HIT_LANE;
      return TRUE;
    }

  for (guint j = lane->first_item; j < lane->first_item + lane->n_items; j++)
    {
      const CmTlItem *item = &g_array_index (f->items, CmTlItem, j);
      double cy = _cm_tl_row_centre (lane, item->row);
      double dy = fabs (y - cy), dx, d;

      if (dy > CM_TL_ROW_HEIGHT / 2 + 1 || x < item->x0 - 2 || x > item->x1 + 2)
        continue;
      /* A dot wins over the band it sits in; then the nearest centre. */
      dx = item->kind == CM_MARK_POINT ? fabs (x - item->cx) : 4 + fabs (x - item->cx) / 100;
      d = dx + dy;
      if (d < best_distance)
        {
          best_distance = d;
          best = item;
        }
    }
  if (best != NULL)
    {
      hit->kind = CM_TIMELINE_HIT_MARK;
      hit->mark = best->mark;
    }
  return TRUE;
}

/**
 * cm_timeline_painter_hit_test:
 *
 * What is under (@x, @y) in the frame laid out for @view. Returns FALSE
 * when nothing is (hit->kind is then NONE).
 */
gboolean
cm_timeline_painter_hit_test (CmTimelinePainter    *self,
                              const CmTimelineView *view,
                              double                x,
                              double                y,
                              CmTimelineHit        *hit)
{
  const CmTlFrame *f = &self->frame;
  CmTimelineRect band;

  g_return_val_if_fail (self != NULL && view != NULL && hit != NULL, FALSE);

  _cm_tl_layout (self, view);
  *hit = (CmTimelineHit) { CM_TIMELINE_HIT_NONE, 0 };
  hit->lane = -1;
  hit->time = view->t0 + (x - f->plot.x) / f->pps;

  band = (CmTimelineRect) { f->plot.x - 8, f->axis.y, f->plot.width + 16,
                            f->plot.y + f->plot.height - f->axis.y };
  if (in_rect (&band, x, y))
    {
      gboolean in_axis = y < f->axis.y + f->axis.height;

      if (view->has_brush && in_axis)
        {
          double xs = _cm_tl_time_to_x (f, view->brush_start);
          double xe = _cm_tl_time_to_x (f, view->brush_end);

          if (fabs (x - xe) <= 6)
            hit->kind = CM_TIMELINE_HIT_BRUSH_END;
          else if (fabs (x - xs) <= 6)
            hit->kind = CM_TIMELINE_HIT_BRUSH_START;
          if (hit->kind != CM_TIMELINE_HIT_NONE)
            return TRUE;
        }
      if (view->has_playhead && in_axis
          && fabs (x - _cm_tl_time_to_x (f, view->playhead)) <= 6)
        {
          hit->kind = CM_TIMELINE_HIT_PLAYHEAD;
          return TRUE;
        }
      if (in_axis)
        {
          hit->kind = CM_TIMELINE_HIT_AXIS;
          return TRUE;
        }
    }

  if (in_rect (&f->plot, x, y))
    {
      for (guint i = 0; i < f->lanes->len; i++)
        {
          const CmTlLane *lane = &g_array_index (f->lanes, CmTlLane, i);

          if (y >= lane->rect.y && y < lane->rect.y + lane->rect.height)
            return hit_lane (self, lane, x, y, hit);
        }
      return FALSE;
    }

  if (in_rect (&f->legend, x, y))
    {
      hit->kind = CM_TIMELINE_HIT_LEGEND;
      return TRUE;
    }
  return FALSE;
}

/* Where @mark is drawn; a column of its lane when the lane is binned.
 * FALSE when the mark is off screen. */
gboolean
cm_timeline_painter_get_mark_rect (CmTimelinePainter    *self,
                                   const CmTimelineView *view,
                                   guint                 mark,
                                   CmTimelineRect       *rect)
{
  const CmTlFrame *f = &self->frame;
  const CmTlLane *lane = NULL;
  const CmTlItem *item;
  double x;

  g_return_val_if_fail (self != NULL && view != NULL && rect != NULL, FALSE);

  _cm_tl_layout (self, view);
  if (mark >= cm_timeline_index_get_n_marks (self->index))
    return FALSE;
  if ((item = _cm_tl_find_item (f, mark, &lane)) != NULL)
    {
      double cy = _cm_tl_row_centre (lane, item->row);

      *rect = (CmTimelineRect) { item->x0, cy - CM_TL_ROW_HEIGHT / 2,
                                 MAX (item->x1 - item->x0, 1), CM_TL_ROW_HEIGHT };
      return TRUE;
    }
  if (!_cm_tl_lane_is_aggregated (f, cm_timeline_index_get_lane (self->index, mark), &lane))
    return FALSE;
  x = _cm_tl_time_to_x (f, (double) cm_timeline_index_get_anchor (self->index, mark));
  if (x < f->plot.x || x > f->plot.x + f->plot.width)
    return FALSE;
  *rect = (CmTimelineRect) { x - 2, lane->rect.y, 4, lane->rect.height };
  return TRUE;
}

gboolean
cm_timeline_painter_get_lane_info (CmTimelinePainter    *self,
                                   const CmTimelineView *view,
                                   guint                 lane,
                                   CmTimelineLaneInfo   *info)
{
  const CmTlFrame *f = &self->frame;

  g_return_val_if_fail (self != NULL && view != NULL && info != NULL, FALSE);

  _cm_tl_layout (self, view);
  for (guint i = 0; i < f->lanes->len; i++)
    {
      const CmTlLane *l = &g_array_index (f->lanes, CmTlLane, i);

      if (l->lane != lane)
        continue;
      info->aggregated = l->aggregated;
      info->rect = l->rect;
      info->n_items = l->n_items;
      info->n_rows = l->n_rows;
      info->n_bins = l->aggregated ? _cm_tl_frame_n_bins (f) : 0;
      return TRUE;
    }
  return FALSE;
}

gboolean
cm_timeline_painter_get_bin (CmTimelinePainter    *self,
                             const CmTimelineView *view,
                             guint                 lane,
                             guint                 bin,
                             CmTimelineHit        *hit)
{
  const CmTlFrame *f = &self->frame;

  g_return_val_if_fail (self != NULL && view != NULL && hit != NULL, FALSE);

  _cm_tl_layout (self, view);
  for (guint i = 0; i < f->lanes->len; i++)
    {
      const CmTlLane *l = &g_array_index (f->lanes, CmTlLane, i);

      if (l->lane != lane || !l->aggregated || bin >= _cm_tl_frame_n_bins (f))
        continue;
      *hit = (CmTimelineHit) { CM_TIMELINE_HIT_BIN, 0 };
      fill_bin_hit (self, l, bin, hit);
      hit->time = (double) hit->bin_start;
      return TRUE;
    }
  return FALSE;
}

/* "Mar 2022", "week of 7 Mar 2022", "2020–2029": the period of a bin. */
char *
cm_timeline_painter_describe_bin (CmTimelinePainter   *self,
                                  const CmTimelineHit *hit)
{
  const CmTimeStep *step;

  g_return_val_if_fail (self != NULL && hit != NULL, NULL);

  step = &hit->bin_step;
  switch (step->unit)
    {
    case CM_TIME_UNIT_MINUTE:
    case CM_TIME_UNIT_HOUR:
      {
        g_autofree char *from = cm_time_locale_format (self->locale, CM_TIME_FORMAT_DATE_TIME, hit->bin_start);
        int h, m;

        cm_time_to_civil (hit->bin_end, NULL, NULL, NULL, &h, &m, NULL);
        return g_strdup_printf ("%s–%02d:%02d", from, h, m);
      }
    case CM_TIME_UNIT_DAY:
      return cm_time_locale_format (self->locale, CM_TIME_FORMAT_DATE, hit->bin_start);
    case CM_TIME_UNIT_WEEK:
      return cm_time_locale_format (self->locale, CM_TIME_FORMAT_WEEK, hit->bin_start);
    case CM_TIME_UNIT_MONTH:
      return cm_time_locale_format (self->locale,
                                    step->count == 3 ? CM_TIME_FORMAT_QUARTER : CM_TIME_FORMAT_MONTH_YEAR,
                                    hit->bin_start);
    case CM_TIME_UNIT_YEAR:
    default:
      if (step->count == 1)
        return cm_time_locale_format (self->locale, CM_TIME_FORMAT_YEAR, hit->bin_start);
      {
        g_autofree char *from = cm_time_locale_format (self->locale, CM_TIME_FORMAT_YEAR, hit->bin_start);
        g_autofree char *to = cm_time_locale_format (self->locale, CM_TIME_FORMAT_YEAR, hit->bin_end - 1);

        return g_strdup_printf ("%s–%s", from, to);
      }
    }
}
