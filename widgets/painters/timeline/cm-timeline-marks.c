/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-timeline"

#include <math.h>

#include "cm-canvas.h"
#include "cm-contrast.h"
#include "cm-timeline-painter-private.h"

/* The marks of a frame: single marks stacked in rows, histograms with
 * their density strips, and the hover, selection and focus marks on top. */

const CmRgba *
_cm_tl_mark_color (CmTimelinePainter *self,
                    guint              color,
                    gboolean           dimmed)
{
  if (dimmed)
    return &self->style.dim_foreground;
  return cm_timeline_index_get_color (self->index, color);
}

double
_cm_tl_row_centre (const CmTlLane *lane,
                   guint           row)
{
  double row_h = lane->row_height > 0 ? lane->row_height : CM_TL_ROW_HEIGHT;

  /* The block of rows centred in the lane, the first row on top. */
  return lane->rect.y + lane->rect.height / 2 + (row - (MAX (lane->n_rows, 1) - 1) / 2.0) * row_h;
}

/* The faded fill of a band: as faint as can still be told from the page
 * (1.5:1). A colour blended over a dark page loses more of its contrast
 * than over a white one, so the dark style needs more of it. */
static double
band_fill_alpha (const CmPaintStyle *style,
                 const CmRgba       *c)
{
  CmRgba bgs[2];
  double alpha = 0.28;

  cm_paint_style_backgrounds (style, bgs);
  for (; alpha < 0.6; alpha += 0.04)
    {
      CmRgba tint = *c, fill;

      tint.a = alpha;
      cm_rgba_over (&tint, &bgs[0], &fill);
      if (cm_contrast_ratio (&fill, &bgs[0]) >= 1.5)
        break;
    }
  return alpha;
}

/* The shapes of a point, a band and a span; shared with the legend key. */
void
_cm_tl_draw_shape (CmTimelinePainter *self,
                   cairo_t           *cr,
                   CmMarkKind         kind,
                   double             x0,
                   double             x1,
                   double             cx,
                   double             bx0,
                   double             bx1,
                   double             cy,
                   const CmRgba      *c,
                   double             alpha)
{
  double r = CM_TL_POINT_RADIUS;
  /* A colour too pale (or too dark) for the page gets an outline of a
   * darker (lighter) shade of itself, so that every mark stands at 3:1. */
  CmRgba ink;
  gboolean outlined = cm_paint_style_mark_ink (&self->style, c, &ink);

  switch (kind)
    {
    case CM_MARK_POINT:
      if (bx1 - bx0 > 2 * r + 4)
        {
          /* The day the point stands for, once it is wider than the dot. */
          cm_set_source_rgba_alpha (cr, c, 0.45 * alpha);
          cairo_rectangle (cr, bx0, cy - 0.75, bx1 - bx0, 1.5);
          cairo_rectangle (cr, bx0, cy - 3, 1, 6);
          cairo_rectangle (cr, bx1 - 1, cy - 3, 1, 6);
          cairo_fill (cr);
        }
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cm_set_source_rgba_alpha (cr, c, alpha);
      cairo_fill_preserve (cr);
      if (outlined)
        cm_set_source_rgba_alpha (cr, &ink, alpha);
      else
        cm_set_source_rgba_alpha (cr, &self->style.background, 0.9);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      break;

    case CM_MARK_BAND:
      /* Fuzzy: a faded fill between brackets, so that "some day in
       * November 2021" never reads as a solid period. The faded fill is
       * too pale to make out the mark by (1.5:1), so a thin frame in the
       * full colour (3:1) joins the brackets. The ends sit on whole
       * pixels so the brackets stay crisp. */
      x0 = round (x0);
      x1 = MAX (round (x1), x0 + 3);
      cm_set_source_rgba_alpha (cr, c, band_fill_alpha (&self->style, c) * alpha);
      cairo_rectangle (cr, x0, cy - 3.5, x1 - x0, 7);
      cairo_fill (cr);
      cm_set_source_rgba_alpha (cr, &ink, alpha);
      cairo_rectangle (cr, x0, cy - 4, 1.5, 8);
      cairo_rectangle (cr, x1 - 1.5, cy - 4, 1.5, 8);
      if (x1 - x0 > 8)
        {
          cairo_rectangle (cr, x0, cy - 4, 3, 1.25);
          cairo_rectangle (cr, x0, cy + 2.75, 3, 1.25);
          cairo_rectangle (cr, x1 - 3, cy - 4, 3, 1.25);
          cairo_rectangle (cr, x1 - 3, cy + 2.75, 3, 1.25);
        }
      if (x1 - x0 > 3)
        {
          cairo_rectangle (cr, x0 + 1.5, cy - 4, x1 - x0 - 3, 1);
          cairo_rectangle (cr, x0 + 1.5, cy + 3, x1 - x0 - 3, 1);
        }
      cairo_fill (cr);
      break;

    case CM_MARK_SPAN:
    default:
      _cm_tl_rounded_rect (cr, x0, cy - 3, x1 - x0, 6, 2);
      cm_set_source_rgba_alpha (cr, c, alpha);
      cairo_fill (cr);
      if (outlined)
        {
          _cm_tl_rounded_rect (cr, x0 + 0.5, cy - 2.5, MAX (x1 - x0 - 1, 0), 5, 1.5);
          cm_set_source_rgba_alpha (cr, &ink, alpha);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }
      break;
    }
}

static void
draw_item (CmTimelinePainter *self,
           cairo_t           *cr,
           const CmTlLane    *lane,
           const CmTlItem    *item)
{
  const CmRgba *c = _cm_tl_mark_color (self, item->color, item->dimmed);

  _cm_tl_draw_shape (self, cr, item->kind, item->x0, item->x1, item->cx, item->bx0, item->bx1,
                     _cm_tl_row_centre (lane, item->row), c, item->dimmed ? 0.55 : 1.0);
}

static void
draw_item_label (CmTimelinePainter *self,
                 cairo_t           *cr,
                 const CmTlLane    *lane,
                 const CmTlItem    *item)
{
  g_autofree char *label = NULL;

  if (item->label_w <= 0 || (label = _cm_tl_mark_label (self, item->mark)) == NULL)
    return;
  _cm_tl_draw_text (self, cr, label, item->label_x, _cm_tl_row_centre (lane, item->row) - self->line_height / 2,
                    FALSE, item->dimmed ? &self->style.dim_foreground : &self->style.foreground,
                    item->label_w + 1, CM_TL_ALIGN_LEFT);
}

static void
item_outline (cairo_t        *cr,
              const CmTlLane *lane,
              const CmTlItem *item,
              double          grow)
{
  double cy = _cm_tl_row_centre (lane, item->row);

  if (item->kind == CM_MARK_POINT)
    cairo_arc (cr, item->cx, cy, CM_TL_POINT_RADIUS + grow, 0, 2 * G_PI);
  else
    _cm_tl_rounded_rect (cr, item->x0 - grow, cy - 4 - grow,
                         item->x1 - item->x0 + 2 * grow, 8 + 2 * grow, 3);
}

#define STRIP_SHADES 8

static guint
strip_shade (guint count,
             guint max)
{
  return MIN ((count - 1) * STRIP_SHADES / MAX (max, 1), STRIP_SHADES - 1);
}

static guint
bin_total (const CmTlFrame *f,
           const CmTlLane  *lane,
           guint            b)
{
  guint total = 0;

  for (guint s = lane->first_series; s < lane->first_series + lane->n_series; s++)
    {
      const CmTlSeries *series = &g_array_index (f->series, CmTlSeries, s);

      if (!series->spanning)
        total += g_array_index (f->counts, guint, series->first + b);
    }
  return total;
}

void
_cm_tl_bin_scale (const CmTlLane *lane,
                  double         *floor_y,
                  double         *top,
                  double         *scale)
{
  *floor_y = round (lane->rect.y + lane->rect.height - CM_TL_LANE_PAD);
  *top = lane->rect.y + CM_TL_LANE_PAD + (lane->max_spanning > 0 ? CM_TL_STRIP_HEIGHT + 3 : 0);
  *scale = lane->max_total > 0 ? (*floor_y - *top) / lane->max_total : 0;
}

/* A round step (1, 2, 5 × 10^k) of at least a line and a half of text
 * between ticks, so a histogram's height reads as a count; in a lane too
 * low for that, a single tick. */
guint
_cm_tl_count_step (CmTimelinePainter *self,
                   const CmTlLane    *lane)
{
  double floor_y, top, scale;
  guint64 step = 1;

  _cm_tl_bin_scale (lane, &floor_y, &top, &scale);
  if (scale <= 0 || floor_y - top < 1.5 * self->line_height)
    return 0;
  for (guint i = 0; i < 60; i++)
    {
      guint64 s = step;

      if (s * scale >= 1.5 * self->line_height)
        break;
      step = i % 3 == 0 ? s * 2 : i % 3 == 1 ? s / 2 * 5 : s * 2;
    }
  if (step <= lane->max_total)
    return (guint) step;

  /* Too low for two ticks a line and a half apart: one tick, at the
   * tallest bar's leading digit (56 → 50), at least half the height, so
   * the next multiple is off the scale. */
  step = 1;
  while (step * 10 <= lane->max_total)
    step *= 10;
  step *= lane->max_total / step;
  return step * scale + self->line_height / 2 <= floor_y - lane->rect.y ? (guint) step : 0;
}

/* The count axis's grid: faint lines across the lane at each tick. */
static void
draw_count_grid (CmTimelinePainter *self,
                 cairo_t           *cr,
                 const CmTlLane    *lane)
{
  guint step = _cm_tl_count_step (self, lane);
  double floor_y, top, scale;

  if (step == 0)
    return;
  _cm_tl_bin_scale (lane, &floor_y, &top, &scale);
  for (guint v = step; v <= lane->max_total; v += step)
    {
      double y = floor_y - round (v * scale);

      cairo_rectangle (cr, lane->rect.x, y, lane->rect.width, 1 / MAX (self->style.scale, 1));
    }
  cm_set_source_rgba_alpha (cr, &self->style.foreground, self->style.dark ? 0.1 : 0.08);
  cairo_fill (cr);
}

static void
draw_bins (CmTimelinePainter *self,
           cairo_t           *cr,
           const CmTlLane    *lane)
{
  const CmTlFrame *f = &self->frame;
  guint nb = _cm_tl_frame_n_bins (f);
  const double *bx = (const double *) (gpointer) f->bin_x->data;
  gboolean has_strip = lane->max_spanning > 0;
  double floor_y, top, scale;
  g_autofree double *stack = g_new0 (double, MAX (nb, 1));
  /* The colour on top of each bin's stack, for the count drawn in it. */
  g_autofree CmRgba *top_color = g_new0 (CmRgba, MAX (nb, 1));
  double bin_px = nb > 0 ? (bx[nb] - bx[0]) / nb : 0;
  double gap = bin_px >= 5 ? 1 : 0;
  /* Under a filter the matches are what the user looks for: a bin holding
   * one match among thousands still shows a block of a few pixels instead
   * of a one-pixel sliver lost under the dimmed rest. */
  gboolean filtered = FALSE;
  double min_match = 3;
  /* Thousands of bars: straight into the pixels where the target allows
   * (a third of a frame's time through cairo's per-box composites). */
  CmCanvas canvas;
  gboolean on_canvas;

  for (guint s = lane->first_series; s < lane->first_series + lane->n_series; s++)
    filtered |= g_array_index (f->series, CmTlSeries, s).dimmed;
  _cm_tl_bin_scale (lane, &floor_y, &top, &scale);
  draw_count_grid (self, cr, lane);
  on_canvas = cm_canvas_begin (&canvas, cr);

  /* Active series first from the floor, dimmed ones stacked above them
   * in grey, so the filtered-out share stays readable as context. */
  for (int pass = 0; pass < 2; pass++)
    for (guint s = lane->first_series; s < lane->first_series + lane->n_series; s++)
      {
        const CmTlSeries *series = &g_array_index (f->series, CmTlSeries, s);
        const guint *counts = &g_array_index (f->counts, guint, series->first);
        CmRgba color = *_cm_tl_mark_color (self, series->color, series->dimmed);
        CmRgba ink, inside;
        gboolean outlined;

        if (series->spanning || series->dimmed != (pass == 1))
          continue;
        color.a *= series->dimmed ? 0.45 : 0.9;
        /* A bar too pale for the page: a frame of the darker ink around
         * the fill, opaque so that it matches its neighbours' 0.9. */
        outlined = !series->dimmed && cm_paint_style_mark_ink (&self->style, &color, &ink);
        cm_rgba_over (&color, &self->style.background, &inside);
        for (guint b = 0; b < nb; b++)
          {
            double x0, x1, y0, y1;

            if (counts[b] == 0)
              continue;
            x0 = round (bx[b]) + gap;
            x1 = MAX (round (bx[b + 1]), x0 + 1);
            /* Whole pixels: crisp edges. */
            y1 = floor_y - stack[b];
            y0 = y1 - MAX (round (counts[b] * scale), 1);
            if (filtered && !series->dimmed)
              {
                double grow = MAX (min_match - (x1 - x0), 0);

                x0 -= floor (grow / 2);
                x1 += ceil (grow / 2);
                y0 = MIN (y0, y1 - min_match);
              }
            stack[b] = floor_y - y0;
            top_color[b] = outlined ? inside : color;
            if (outlined)
              {
                gboolean framed = x1 - x0 >= 3 && y1 - y0 >= 3;

                if (on_canvas)
                  cm_canvas_box (&canvas, x0, y0, x1, y1, &ink);
                else
                  {
                    cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
                    cm_set_source_rgba (cr, &ink);
                    cairo_fill (cr);
                  }
                if (!framed)
                  continue;
                if (on_canvas)
                  cm_canvas_box (&canvas, x0 + 1, y0 + 1, x1 - 1, y1, &inside);
                else
                  {
                    cairo_rectangle (cr, x0 + 1, y0 + 1, x1 - x0 - 2, y1 - y0 - 1);
                    cm_set_source_rgba (cr, &inside);
                    cairo_fill (cr);
                  }
              }
            else if (on_canvas)
              cm_canvas_box (&canvas, x0, y0, x1, y1, &color);
            else
              cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
          }
        if (!on_canvas && !outlined)
          {
            cm_set_source_rgba (cr, &color);
            cairo_fill (cr);
          }
      }

  /* Wide bins carry their count, so a zoomed-in histogram reads as data. */
  if (bin_px >= 20 && scale > 0)
    for (guint b = 0; b < nb; b++)
      {
        char text[16];
        double w, x0, x1, y;

        if (stack[b] <= 0)
          continue;
        x0 = round (bx[b]) + gap;
        x1 = round (bx[b + 1]);
        g_snprintf (text, sizeof text, "%u", bin_total (f, lane, b));
        w = _cm_tl_measure (text, self);
        if (w + 4 > x1 - x0)
          continue;
        y = floor_y - stack[b] - self->line_height - 1;
        if (y >= top - 2)
          _cm_tl_draw_text (self, cr, text, (x0 + x1) / 2, y, FALSE,
                            &self->style.dim_foreground, -1, CM_TL_ALIGN_CENTRE);
        else if (stack[b] >= self->line_height + 1)
          {
            CmRgba under, ink;

            /* In the bar: white, or black on a bar too pale for it. */
            cm_rgba_over (&top_color[b], &self->style.background, &under);
            cm_contrast_text_on (&under, &ink);
            _cm_tl_draw_text (self, cr, text, (x0 + x1) / 2, floor_y - stack[b] + 1, TRUE,
                              &ink, -1, CM_TL_ALIGN_CENTRE);
          }
      }

  /* Marks longer than a bin: a density strip along the top of the lane,
   * darker where more of them overlap. Eight shades are plenty to read
   * and keep it to eight fills per series instead of one per bin. */
  for (guint s = lane->first_series; s < lane->first_series + lane->n_series && has_strip; s++)
    {
      const CmTlSeries *series = &g_array_index (f->series, CmTlSeries, s);
      const guint *counts = &g_array_index (f->counts, guint, series->first);
      const CmRgba *c = _cm_tl_mark_color (self, series->color, series->dimmed);
      double strip_y = round (lane->rect.y + CM_TL_LANE_PAD);

      if (!series->spanning)
        continue;
      for (guint level = 0; level < STRIP_SHADES; level++)
        {
          gboolean any = FALSE;

          for (guint b = 0; b < nb; b++)
            {
              if (counts[b] == 0 || strip_shade (counts[b], lane->max_spanning) != level)
                continue;
              cairo_rectangle (cr, round (bx[b]), strip_y,
                               MAX (round (bx[b + 1]) - round (bx[b]), 1), CM_TL_STRIP_HEIGHT);
              any = TRUE;
            }
          if (!any)
            continue;
          cm_set_source_rgba_alpha (cr, c, (series->dimmed ? 0.3 : 1.0)
                                    * (0.18 + 0.6 * (level + 1) / (double) STRIP_SHADES));
          cairo_fill (cr);
        }
    }

  /* Baseline. */
  cairo_rectangle (cr, lane->rect.x, floor_y, lane->rect.width, 1);
  cm_set_source_rgba_alpha (cr, &self->style.foreground, 0.12);
  cairo_fill (cr);
}

gboolean
_cm_tl_lane_is_aggregated (const CmTlFrame *f,
                           guint            lane,
                           const CmTlLane **out)
{
  for (guint i = 0; i < f->lanes->len; i++)
    {
      const CmTlLane *l = &g_array_index (f->lanes, CmTlLane, i);

      if (l->lane == lane)
        {
          *out = l;
          return l->aggregated;
        }
    }
  *out = NULL;
  return FALSE;
}

/* Selected marks inside a histogram: a pin at their date, on top. */
static void
draw_selected_pins (CmTimelinePainter *self,
                    cairo_t           *cr)
{
  const CmTlFrame *f = &self->frame;
  guint n_selected;
  const guint32 *selected = cm_timeline_index_get_selected (self->index, &n_selected);
  guint drawn = 0;

  for (guint i = 0; i < n_selected && drawn < 2000; i++)
    {
      const CmTlLane *lane;
      double x;

      if (!_cm_tl_lane_is_aggregated (f, cm_timeline_index_get_lane (self->index, selected[i]), &lane))
        continue;
      x = _cm_tl_time_to_x (f, (double) cm_timeline_index_get_anchor (self->index, selected[i]));
      if (x < f->plot.x || x > f->plot.x + f->plot.width)
        continue;
      cairo_rectangle (cr, round (x) - 0.75, lane->rect.y + 2, 1.5, lane->rect.height - 4);
      cairo_move_to (cr, x - 4, lane->rect.y + 1);
      cairo_line_to (cr, x + 4, lane->rect.y + 1);
      cairo_line_to (cr, x, lane->rect.y + 6);
      cairo_close_path (cr);
      drawn++;
    }
  cm_set_source_rgba_alpha (cr, &self->style.foreground, 0.85);
  cairo_fill (cr);
}

void
_cm_tl_draw_lanes (CmTimelinePainter    *self,
                   cairo_t              *cr,
                   const CmTimelineView *view)
{
  const CmTlFrame *f = &self->frame;

  for (guint i = 0; i < f->lanes->len; i++)
    {
      const CmTlLane *lane = &g_array_index (f->lanes, CmTlLane, i);

      if (lane->aggregated)
        {
          draw_bins (self, cr, lane);
          continue;
        }
      /* Bands and spans under points; selected marks last, on top. */
      for (int pass = 0; pass < 3; pass++)
        for (guint j = lane->first_item; j < lane->first_item + lane->n_items; j++)
          {
            const CmTlItem *item = &g_array_index (f->items, CmTlItem, j);
            gboolean selected = cm_timeline_index_get_flags (self->index, item->mark) & CM_MARK_FLAG_SELECTED;

            if ((pass == 2) != selected)
              continue;
            if (pass < 2 && (pass == 0) != (item->kind != CM_MARK_POINT))
              continue;
            draw_item (self, cr, lane, item);
            if (selected)
              {
                item_outline (cr, lane, item, 1.5);
                cm_set_source_rgba_alpha (cr, &self->style.foreground, 1);
                cairo_set_line_width (cr, 1.5);
                cairo_stroke (cr);
              }
          }
      for (guint j = lane->first_item; j < lane->first_item + lane->n_items; j++)
        draw_item_label (self, cr, lane, &g_array_index (f->items, CmTlItem, j));
    }
  draw_selected_pins (self, cr);
}

const CmTlItem *
_cm_tl_find_item (const CmTlFrame  *f,
                  guint             mark,
                  const CmTlLane  **lane_out)
{
  for (guint i = 0; i < f->lanes->len; i++)
    {
      const CmTlLane *lane = &g_array_index (f->lanes, CmTlLane, i);

      for (guint j = lane->first_item; j < lane->first_item + lane->n_items; j++)
        {
          const CmTlItem *item = &g_array_index (f->items, CmTlItem, j);

          if (item->mark == mark)
            {
              *lane_out = lane;
              return item;
            }
        }
    }
  return NULL;
}

guint
_cm_tl_bin_at_x (const CmTlFrame *f,
                 double           x)
{
  guint nb = _cm_tl_frame_n_bins (f);
  const double *bx = (const double *) (gpointer) f->bin_x->data;
  guint lo = 0, hi = nb;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (bx[mid] <= x)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

void
_cm_tl_draw_highlights (CmTimelinePainter    *self,
                        cairo_t              *cr,
                        const CmTimelineView *view)
{
  const CmTlFrame *f = &self->frame;
  const CmTlLane *lane = NULL;
  const CmTlItem *item;

  if (view->hover_mark >= 0 && (item = _cm_tl_find_item (f, (guint) view->hover_mark, &lane)) != NULL)
    {
      item_outline (cr, lane, item, 2.5);
      cm_set_source_rgba_alpha (cr, &self->style.accent, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  else if (view->hover_lane >= 0 && _cm_tl_lane_is_aggregated (f, (guint) view->hover_lane, &lane)
           && _cm_tl_frame_n_bins (f) > 0)
    {
      guint b = _cm_tl_bin_at_x (f, _cm_tl_time_to_x (f, view->hover_time));
      double x0 = round (g_array_index (f->bin_x, double, b));
      double x1 = MAX (round (g_array_index (f->bin_x, double, b + 1)), x0 + 1);

      cairo_rectangle (cr, x0 - 0.5, lane->rect.y + 1.5, x1 - x0 + 1, lane->rect.height - 3);
      cm_set_source_rgba_alpha (cr, &self->style.accent, 0.18);
      cairo_fill_preserve (cr);
      cm_set_source_rgba_alpha (cr, &self->style.accent, 0.9);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }

  if (view->focus_mark >= 0 && (guint) view->focus_mark < cm_timeline_index_get_n_marks (self->index))
    {
      if ((item = _cm_tl_find_item (f, (guint) view->focus_mark, &lane)) != NULL)
        item_outline (cr, lane, item, 3.5);
      else if (_cm_tl_lane_is_aggregated (f, cm_timeline_index_get_lane (self->index, (guint) view->focus_mark), &lane))
        {
          double x = _cm_tl_time_to_x (f, (double) cm_timeline_index_get_anchor (self->index, (guint) view->focus_mark));

          _cm_tl_rounded_rect (cr, x - 4, lane->rect.y + 1, 8, lane->rect.height - 2, 3);
        }
      else
        return;
      {
        static const double dash[] = { 3, 2 };

        cm_set_source_rgba_alpha (cr, &self->style.accent, 1);
        cairo_set_line_width (cr, 1.5);
        cairo_set_dash (cr, dash, 2, 0);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
      }
    }
}
