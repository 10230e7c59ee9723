/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-timeline"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cm-timeline-painter-private.h"

/* No frame ever needs more bins than this, even on a 4K-wide export. */
#define MAX_BINS 4096

void
_cm_tl_frame_init (CmTlFrame *frame)
{
  frame->bin_edges = g_array_new (FALSE, FALSE, sizeof (gint64));
  frame->bin_x = g_array_new (FALSE, FALSE, sizeof (double));
  frame->lanes = g_array_new (FALSE, FALSE, sizeof (CmTlLane));
  frame->items = g_array_new (FALSE, FALSE, sizeof (CmTlItem));
  frame->series = g_array_new (FALSE, FALSE, sizeof (CmTlSeries));
  frame->counts = g_array_new (FALSE, FALSE, sizeof (guint));
  frame->valid = FALSE;
}

void
_cm_tl_frame_clear (CmTlFrame *frame)
{
  g_clear_pointer (&frame->ticks, cm_time_ticks_free);
  g_clear_pointer (&frame->bin_edges, g_array_unref);
  g_clear_pointer (&frame->bin_x, g_array_unref);
  g_clear_pointer (&frame->lanes, g_array_unref);
  g_clear_pointer (&frame->items, g_array_unref);
  g_clear_pointer (&frame->series, g_array_unref);
  g_clear_pointer (&frame->counts, g_array_unref);
  frame->index = NULL;
  frame->valid = FALSE;
}

guint
_cm_tl_frame_n_bins (const CmTlFrame *frame)
{
  return frame->bin_edges->len > 0 ? frame->bin_edges->len - 1 : 0;
}

double
_cm_tl_time_to_x (const CmTlFrame *frame,
                  double           t)
{
  return frame->plot.x + (t - frame->t0) * frame->pps;
}

static gboolean
frame_matches (const CmTlFrame      *frame,
               CmTimelineIndex      *index,
               const CmTimelineView *view)
{
  return frame->valid
         && frame->index == index
         && frame->t0 == view->t0 && frame->t1 == view->t1
         && frame->width == view->width && frame->height == view->height
         && frame->lane_scroll == view->lane_scroll
         && frame->show_legend == view->show_legend
         && frame->whole_lanes == view->whole_lanes;
}

static double
lane_gutter_width (CmTimelinePainter    *self,
                   const CmTimelineView *view)
{
  guint n_lanes = cm_timeline_index_get_n_lanes (self->index);
  double widest = 0;
  gboolean zh = cm_time_locale_get_lang (self->locale) == CM_TIME_LANG_ZH;

  for (guint i = 0; i < n_lanes; i++)
    {
      const char *label = cm_timeline_index_get_lane_label (self->index, i);

      if (label != NULL && *label != '\0')
        widest = MAX (widest, _cm_tl_measure (label, self));
    }
  if (widest == 0)
    return 0;
  /* Room for the unit of a binned lane ("per quarter") under its name, and
   * for its count axis beside them. */
  widest = MAX (widest, _cm_tl_measure (zh ? "每季度" : "per quarter", self));
  widest += _cm_tl_measure ("9999", self) + 6;
  return MIN (widest + 12, view->width * 0.25);
}

static gboolean
has_legend (CmTimelinePainter *self)
{
  guint n = cm_timeline_index_get_n_colors (self->index);

  for (guint i = 0; i < n; i++)
    {
      const char *label = cm_timeline_index_get_color_label (self->index, i);

      if (label != NULL && *label != '\0')
        return TRUE;
    }
  return FALSE;
}

static void
layout_geometry (CmTimelinePainter    *self,
                 const CmTimelineView *view)
{
  CmTlFrame *f = &self->frame;
  double lh = self->line_height;
  double legend_h = view->show_legend && has_legend (self) ? lh + 10 : 0;
  double gutter = lane_gutter_width (self, view);
  double plot_x0 = CM_TL_MARGIN + gutter;
  double plot_x1 = MAX (plot_x0 + 1, view->width - CM_TL_MARGIN - 4);
  double axis_h = 2 * lh + 10;
  double plot_y0 = 4 + axis_h;
  double plot_y1 = MAX (plot_y0 + 1, view->height - legend_h - 6);
  guint n_lanes = cm_timeline_index_get_n_lanes (self->index);

  f->gutter_x = CM_TL_MARGIN;
  f->axis = (CmTimelineRect) { plot_x0, 4, plot_x1 - plot_x0, axis_h };
  f->plot = (CmTimelineRect) { plot_x0, plot_y0, plot_x1 - plot_x0, plot_y1 - plot_y0 };
  f->legend = (CmTimelineRect) { plot_x0, view->height - legend_h, plot_x1 - plot_x0, legend_h };
  f->lane_height = MAX (f->plot.height / n_lanes, CM_TL_MIN_LANE_HEIGHT);
  f->pps = f->plot.width / (view->t1 - view->t0);
}

static void
layout_bins (CmTimelinePainter    *self,
             const CmTimelineView *view)
{
  CmTlFrame *f = &self->frame;
  guint n_steps;
  const CmTimeStep *steps = cm_time_step_ladder (&n_steps);
  gint64 t, end;

  gint64 precision = cm_timeline_index_get_point_precision (self->index);

  f->bin_step = steps[n_steps - 1];
  for (guint i = 0; i < n_steps; i++)
    if (cm_time_step_min_seconds (&steps[i]) * f->pps >= CM_TL_MIN_BIN_PX
        && cm_time_step_min_seconds (&steps[i]) >= precision)
      {
        f->bin_step = steps[i];
        break;
      }

  t = cm_time_step_floor (&f->bin_step, (gint64) floor (MAX (view->t0, CM_TIME_MIN)));
  end = (gint64) ceil (MIN (view->t1, CM_TIME_MAX));
  for (;;)
    {
      double x = _cm_tl_time_to_x (f, (double) t);

      g_array_append_val (f->bin_edges, t);
      g_array_append_val (f->bin_x, x);
      if (t >= end || f->bin_edges->len > MAX_BINS)
        break;
      t = cm_time_step_next (&f->bin_step, t);
    }
}

static int
item_compare (const void *a,
              const void *b)
{
  const CmTlItem *ia = a;
  const CmTlItem *ib = b;

  if (ia->x0 != ib->x0)
    return ia->x0 < ib->x0 ? -1 : 1;
  return ia->mark < ib->mark ? -1 : ia->mark > ib->mark;
}

static float
clamp_x (const CmTlFrame *f,
         double           x)
{
  return (float) CLAMP (x, f->plot.x - 100, f->plot.x + f->plot.width + 100);
}

static CmTlItem
make_item (const CmTlFrame    *f,
           const CmIndexGroup *g,
           const CmIndexEntry *e,
           CmMarkKind          kind)
{
  CmTlItem item = { 0 };
  double bx0 = _cm_tl_time_to_x (f, (double) e->start);
  double bx1 = _cm_tl_time_to_x (f, (double) e->end);
  double r = CM_TL_POINT_RADIUS;

  item.mark = e->mark;
  item.kind = kind;
  item.color = g->color;
  item.dimmed = g->dimmed;
  item.bx0 = clamp_x (f, bx0);
  item.bx1 = clamp_x (f, bx1);

  if (kind == CM_MARK_POINT)
    {
      double cx = (bx0 + bx1) / 2;

      item.cx = clamp_x (f, cx);
      item.x0 = clamp_x (f, cx - r);
      item.x1 = clamp_x (f, cx + r);
      /* Once a day is wide enough, its whole extent is drawn as a thin
       * whisker and takes room in the row, so precision stays visible. */
      if (bx1 - bx0 > 2 * r + 4)
        {
          item.x0 = MIN (item.x0, item.bx0);
          item.x1 = MAX (item.x1, item.bx1);
        }
    }
  else
    {
      if (bx1 - bx0 < 2 * r)
        {
          double c = (bx0 + bx1) / 2;

          bx0 = c - r;
          bx1 = c + r;
        }
      item.cx = clamp_x (f, (bx0 + bx1) / 2);
      item.x0 = clamp_x (f, bx0);
      item.x1 = clamp_x (f, bx1);
    }
  return item;
}

/* Marks of @lane that may show in the view, counted up to @limit + 1:
 * two binary searches per group. */
static guint
lane_candidates (CmTimelinePainter    *self,
                 const CmTimelineView *view,
                 guint                 lane,
                 guint                 limit)
{
  CmTlFrame *f = &self->frame;
  guint n_groups, candidates = 0;
  const CmIndexGroup *groups = cm_timeline_index_get_groups (self->index, lane, &n_groups);
  double pad_t = (CM_TL_POINT_RADIUS + 2) / f->pps;

  for (guint gi = 0; gi < n_groups && candidates <= limit; gi++)
    {
      const CmIndexGroup *g = &groups[gi];
      guint lo = cm_index_entries_lower_bound (g->by_start, g->n, (gint64) floor (view->t0 - pad_t) - g->max_length);
      guint hi = cm_index_entries_lower_bound (g->by_start, g->n, (gint64) ceil (view->t1 + pad_t));

      candidates += hi - lo;
    }
  return candidates;
}

static float
item_start (const CmTlItem *item)
{
  return item->label_w > 0 ? MIN (item->x0, item->label_x) : item->x0;
}

static float
item_end (const CmTlItem *item)
{
  return item->label_w > 0 ? MAX (item->x1, item->label_x + item->label_w) : item->x1;
}

static int
item_compare_extent (const void *a,
                     const void *b)
{
  const CmTlItem *ia = a;
  const CmTlItem *ib = b;
  float sa = item_start (ia), sb = item_start (ib);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  return ia->mark < ib->mark ? -1 : ia->mark > ib->mark;
}

/* The label's box: after the mark, or before it at the plot's right end. */
static void
place_label (CmTimelinePainter *self,
             CmTlItem          *item)
{
  const CmTlFrame *f = &self->frame;
  g_autofree char *label = _cm_tl_mark_label (self, item->mark);
  double w;

  if (label == NULL)
    return;
  w = MIN (_cm_tl_measure (label, self), CM_TL_LABEL_MAX_WIDTH);
  item->label_w = (float) w;
  item->label_x = item->x1 + CM_TL_LABEL_GAP;
  if (item->label_x + w > f->plot.x + f->plot.width && item->x0 - CM_TL_LABEL_GAP - w >= f->plot.x)
    item->label_x = (float) (item->x0 - CM_TL_LABEL_GAP - w);
}

/* Tries to draw every mark of the lane on its own, stacked in rows;
 * returns FALSE (and leaves no items behind) when they do not fit. With
 * @labelled each mark takes the room of its label too, so that no two
 * labels overlap. */
static gboolean
layout_lane_items (CmTimelinePainter    *self,
                   const CmTimelineView *view,
                   CmTlLane             *lane,
                   gboolean              labelled)
{
  CmTlFrame *f = &self->frame;
  guint n_groups, max_rows, limit;
  const CmIndexGroup *groups = cm_timeline_index_get_groups (self->index, lane->lane, &n_groups);
  double pad_t = (CM_TL_POINT_RADIUS + 2) / f->pps;
  double row_h = labelled ? MAX (CM_TL_ROW_HEIGHT, self->line_height + 2) : CM_TL_ROW_HEIGHT;
  double row_room = lane->rect.height - 2 * CM_TL_LANE_PAD;
  float rows_end[64];
  guint first = f->items->len;

  max_rows = (guint) CLAMP (floor ((row_room + CM_TL_ROW_GAP) / row_h), 1, G_N_ELEMENTS (rows_end));
  limit = (guint) (max_rows * f->plot.width / (2 * CM_TL_POINT_RADIUS + CM_TL_ROW_GAP)) + 1;
  if (lane_candidates (self, view, lane->lane, limit) > limit)
    return FALSE;

  for (guint gi = 0; gi < n_groups; gi++)
    {
      const CmIndexGroup *g = &groups[gi];
      guint lo = cm_index_entries_lower_bound (g->by_start, g->n, (gint64) floor (view->t0 - pad_t) - g->max_length);
      guint hi = cm_index_entries_lower_bound (g->by_start, g->n, (gint64) ceil (view->t1 + pad_t));

      for (guint i = lo; i < hi; i++)
        {
          const CmIndexEntry *e = &g->by_start[i];
          CmTlItem item = make_item (f, g, e, cm_timeline_index_get_kind (self->index, e->mark));

          if (item.x1 < f->plot.x || item.x0 > f->plot.x + f->plot.width)
            continue;
          if (labelled)
            place_label (self, &item);
          g_array_append_val (f->items, item);
        }
    }

  if (f->items->len - first > 1)
    qsort (&g_array_index (f->items, CmTlItem, first), f->items->len - first,
           sizeof (CmTlItem), labelled ? item_compare_extent : item_compare);

  lane->n_rows = 0;
  lane->row_height = row_h;
  for (guint i = first; i < f->items->len; i++)
    {
      CmTlItem *item = &g_array_index (f->items, CmTlItem, i);
      guint r;

      for (r = 0; r < lane->n_rows; r++)
        if (rows_end[r] + CM_TL_ROW_GAP <= item_start (item))
          break;
      if (r == lane->n_rows)
        {
          if (lane->n_rows == max_rows)
            {
              g_array_set_size (f->items, first);
              lane->n_rows = 0;
              return FALSE;
            }
          lane->n_rows++;
        }
      rows_end[r] = item_end (item);
      item->row = (guint8) r;
    }

  lane->first_item = first;
  lane->n_items = f->items->len - first;
  return TRUE;
}

static guint
find_series (CmTlFrame *f,
             CmTlLane  *lane,
             guint      color,
             gboolean   dimmed,
             gboolean   spanning)
{
  guint nb = _cm_tl_frame_n_bins (f);
  CmTlSeries s;

  for (guint i = lane->first_series; i < lane->first_series + lane->n_series; i++)
    {
      const CmTlSeries *e = &g_array_index (f->series, CmTlSeries, i);

      if (e->color == color && e->dimmed == dimmed && e->spanning == spanning)
        return i;
    }
  s.color = (guint16) color;
  s.dimmed = dimmed;
  s.spanning = spanning;
  s.first = f->counts->len;
  g_array_set_size (f->counts, f->counts->len + nb);
  for (guint i = s.first; i < f->counts->len; i++)
    g_array_index (f->counts, guint, i) = 0;
  g_array_append_val (f->series, s);
  lane->n_series++;
  return f->series->len - 1;
}

static guint
bin_of (const gint64 *edges,
        guint         n_bins,
        gint64        t)
{
  /* Last edge <= t; callers pass times inside [edges[0], edges[n_bins]). */
  guint lo = 0, hi = n_bins;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (edges[mid] <= t)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* Marks no longer than a bin are counted in the bin of their anchor; the
 * cost is the smaller of one search per bin or one per mark in view. */
static void
count_anchors (const CmIndexGroup *g,
               const gint64       *edges,
               guint               nb,
               guint              *counts)
{
  guint lo = cm_index_anchors_lower_bound (g->by_anchor, g->n, edges[0]);
  guint hi = cm_index_anchors_lower_bound (g->by_anchor, g->n, edges[nb]);

  if (hi - lo < 2 * nb)
    {
      for (guint i = lo; i < hi; i++)
        counts[bin_of (edges, nb, g->by_anchor[i].time)]++;
      return;
    }
  for (guint b = 0, prev = lo; b < nb; b++)
    {
      guint next = b + 1 == nb ? hi
                   : prev + cm_index_anchors_lower_bound (g->by_anchor + prev, hi - prev, edges[b + 1]);

      counts[b] += next - prev;
      prev = next;
    }
}

/* Marks longer than a bin: how many overlap each bin, as
 * #(start < bin end) - #(end <= bin start). */
static void
count_spanning (const CmIndexGroup *g,
                const gint64       *edges,
                guint               nb,
                guint              *counts)
{
  for (guint b = 0; b < nb; b++)
    {
      guint started = cm_index_entries_lower_bound (g->by_start, g->n, edges[b + 1]);
      guint ended = cm_index_times_lower_bound (g->ends, g->n, edges[b] + 1);

      counts[b] += started - ended;
    }
}

static void
layout_lane_bins (CmTimelinePainter *self,
                  CmTlLane          *lane)
{
  CmTlFrame *f = &self->frame;
  guint nb = _cm_tl_frame_n_bins (f);
  const gint64 *edges = (const gint64 *) (gpointer) f->bin_edges->data;
  gint64 bin_min = cm_time_step_min_seconds (&f->bin_step);
  guint n_groups;
  const CmIndexGroup *groups = cm_timeline_index_get_groups (self->index, lane->lane, &n_groups);

  lane->aggregated = TRUE;
  lane->first_series = f->series->len;
  lane->n_series = 0;
  if (nb == 0)
    return;

  for (guint gi = 0; gi < n_groups; gi++)
    {
      const CmIndexGroup *g = &groups[gi];
      gboolean spanning = ((gint64) 1 << MIN (g->klass, 62)) > bin_min;
      guint s;
      guint *counts;

      /* Skip groups with nothing in view before allocating a series. */
      if (spanning)
        {
          if (cm_index_entries_lower_bound (g->by_start, g->n, edges[nb]) == 0
              || cm_index_times_lower_bound (g->ends, g->n, edges[0] + 1) == g->n)
            continue;
        }
      else if (cm_index_anchors_lower_bound (g->by_anchor, g->n, edges[0])
               == cm_index_anchors_lower_bound (g->by_anchor, g->n, edges[nb]))
        continue;

      s = find_series (f, lane, g->color, g->dimmed, spanning);
      counts = &g_array_index (f->counts, guint, g_array_index (f->series, CmTlSeries, s).first);
      if (spanning)
        count_spanning (g, edges, nb, counts);
      else
        count_anchors (g, edges, nb, counts);
    }

  lane->max_total = 0;
  lane->max_spanning = 0;
  for (guint b = 0; b < nb; b++)
    {
      guint total = 0, spanning = 0;

      for (guint s = lane->first_series; s < lane->first_series + lane->n_series; s++)
        {
          const CmTlSeries *series = &g_array_index (f->series, CmTlSeries, s);
          guint c = g_array_index (f->counts, guint, series->first + b);

          if (series->spanning)
            spanning += c;
          else
            total += c;
        }
      lane->max_total = MAX (lane->max_total, total);
      lane->max_spanning = MAX (lane->max_spanning, spanning);
    }
}

/* A lane laid out at @height, its marks one by one when they fit, else
 * as a histogram. */
static void
layout_lane (CmTimelinePainter    *self,
             const CmTimelineView *view,
             CmTlLane             *lane,
             guint                 index,
             double                y,
             double                height,
             gboolean              labelled)
{
  CmTlFrame *f = &self->frame;

  memset (lane, 0, sizeof *lane);
  lane->lane = index;
  lane->row_height = CM_TL_ROW_HEIGHT;
  lane->rect = (CmTimelineRect) { f->plot.x, y, f->plot.width, height };
  lane->first_item = f->items->len;
  /* Labels where they fit; without them before a histogram. */
  if (labelled && layout_lane_items (self, view, lane, TRUE))
    return;
  if (!layout_lane_items (self, view, lane, FALSE))
    layout_lane_bins (self, lane);
}

/* The lowest a histogram lane may be in a figure and still read as counts:
 * its name and unit in the gutter, and two ticks of its count axis above
 * the density strip (see _cm_tl_count_step()). */
static double
min_fit_binned_height (CmTimelinePainter *self)
{
  return ceil (MAX (2 * self->line_height + 4,
                    1.5 * self->line_height + 2 * CM_TL_LANE_PAD + CM_TL_STRIP_HEIGHT + 4));
}

/* Where whole lanes must end for content @height: the plot's bottom, or
 * above the note on the lanes left out when they do not all fit. */
static double
whole_lanes_bottom (CmTimelinePainter *self,
                    double             height)
{
  const CmTlFrame *f = &self->frame;
  double bottom = f->plot.y + f->plot.height;

  return height <= f->plot.height + 0.5 ? bottom : bottom - self->line_height - 4;
}

/* Many lanes (one per place of a large dataset): each the same height,
 * and only those in view laid out, so a frame stays O(width × log n) per
 * lane shown. */
static void
layout_uniform_lanes (CmTimelinePainter    *self,
                      const CmTimelineView *view,
                      guint                 n_lanes)
{
  CmTlFrame *f = &self->frame;
  double bottom = whole_lanes_bottom (self, f->lane_height * n_lanes);

  for (guint i = 0; i < n_lanes; i++)
    {
      CmTlLane lane;
      double y = f->plot.y + i * f->lane_height - view->lane_scroll;

      if (f->whole_lanes && y + f->lane_height > bottom)
        {
          f->lanes_left_out = n_lanes - i;
          break;
        }
      if (y + f->lane_height <= f->plot.y || y >= f->plot.y + f->plot.height)
        continue;
      layout_lane (self, view, &lane, i, y, f->lane_height, FALSE);
      g_array_append_val (f->lanes, lane);
    }
  f->content_height = f->lane_height * n_lanes;
}

/* Lanes as high as their content: the rows of marks they stack, centred;
 * a histogram takes a share of what the others leave. Marks carry labels
 * when the whole frame draws few of them. */
static void
layout_fitted_lanes (CmTimelinePainter    *self,
                     const CmTimelineView *view,
                     guint                 n_lanes)
{
  CmTlFrame *f = &self->frame;
  g_autoptr(GArray) lanes = g_array_sized_new (FALSE, FALSE, sizeof (CmTlLane), n_lanes);
  guint candidates = 0, n_binned = 0;
  double used = 0, binned_h, y, bottom;

  f->labelled = FALSE;
  if (self->label_func != NULL)
    {
      for (guint i = 0; i < n_lanes && candidates <= CM_TL_MAX_LABELLED; i++)
        candidates += lane_candidates (self, view, i, CM_TL_MAX_LABELLED);
      f->labelled = candidates <= CM_TL_MAX_LABELLED;
    }

  g_array_set_size (lanes, n_lanes);
  for (guint i = 0; i < n_lanes; i++)
    {
      CmTlLane *lane = &g_array_index (lanes, CmTlLane, i);

      /* A frame of few marks draws them all, if in taller lanes, rather
       * than a histogram of three. */
      layout_lane (self, view, lane, i, 0,
                   f->labelled ? MAX (f->lane_height, CM_TL_MAX_LANE_HEIGHT) : f->lane_height, f->labelled);
      if (lane->aggregated)
        n_binned++;
      else
        {
          lane->rect.height = MAX (CM_TL_MIN_LANE_HEIGHT, lane->n_rows * lane->row_height + 2 * CM_TL_LANE_PAD);
          used += lane->rect.height;
        }
    }
  binned_h = n_binned > 0 ? CLAMP ((f->plot.height - used) / n_binned,
                                   f->whole_lanes ? min_fit_binned_height (self) : CM_TL_MIN_BINNED_HEIGHT,
                                   MAX (CM_TL_MAX_BINNED_HEIGHT, f->lane_height))
                          : 0;
  bottom = whole_lanes_bottom (self, used + n_binned * binned_h);

  y = f->plot.y - view->lane_scroll;
  for (guint i = 0; i < n_lanes; i++)
    {
      CmTlLane *lane = &g_array_index (lanes, CmTlLane, i);

      if (lane->aggregated)
        lane->rect.height = binned_h;
      lane->rect.y = y;
      y += lane->rect.height;
      if (f->whole_lanes && f->lanes_left_out == 0 && y > bottom)
        f->lanes_left_out = n_lanes - i;
      if (f->lanes_left_out > 0)
        continue;
      if (lane->rect.y + lane->rect.height <= f->plot.y || lane->rect.y >= f->plot.y + f->plot.height)
        continue;
      g_array_append_val (f->lanes, *lane);
    }
  f->content_height = y - (f->plot.y - view->lane_scroll);
}

void
_cm_tl_layout (CmTimelinePainter    *self,
               const CmTimelineView *view)
{
  CmTlFrame *f = &self->frame;
  guint n_lanes;

  g_assert (self->index != NULL);

  if (frame_matches (f, self->index, view))
    return;

  g_clear_pointer (&f->ticks, cm_time_ticks_free);
  g_array_set_size (f->bin_edges, 0);
  g_array_set_size (f->bin_x, 0);
  g_array_set_size (f->lanes, 0);
  g_array_set_size (f->items, 0);
  g_array_set_size (f->series, 0);
  g_array_set_size (f->counts, 0);

  f->index = self->index;
  f->t0 = view->t0;
  f->t1 = view->t1;
  f->width = view->width;
  f->height = view->height;
  f->lane_scroll = view->lane_scroll;
  f->show_legend = view->show_legend;
  f->whole_lanes = view->whole_lanes;
  f->lanes_left_out = 0;

  layout_geometry (self, view);
  f->ticks = cm_time_ticks_compute (self->locale, view->t0, view->t1,
                                    f->plot.x, f->plot.x + f->plot.width,
                                    CM_TL_TICK_SPACING, _cm_tl_measure, self);
  layout_bins (self, view);

  n_lanes = cm_timeline_index_get_n_lanes (self->index);
  if (n_lanes > CM_TL_MAX_FITTED_LANES)
    layout_uniform_lanes (self, view, n_lanes);
  else
    layout_fitted_lanes (self, view, n_lanes);
  f->valid = TRUE;
}
