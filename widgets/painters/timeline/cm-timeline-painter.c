/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-timeline"

#include <math.h>

#include "cm-contrast.h"
#include "cm-text.h"
#include "cm-timeline-painter-private.h"

/* A width cache that grows past this is dropped rather than evicted. */
#define MAX_CACHED_WIDTHS 20000
/* Category names in the legend are ellipsized past this. */
#define LEGEND_MAX_NAME 200.0

static void
update_fonts (CmTimelinePainter *self)
{
  cm_painter_fonts_update (&self->style, self->layout, &self->font, &self->bold_font, &self->line_height);
  g_hash_table_remove_all (self->widths);
}

CmTimelinePainter *
cm_timeline_painter_new (void)
{
  CmTimelinePainter *self = g_new0 (CmTimelinePainter, 1);
  CmTimelineData empty = { 0 };

  self->pango = cm_painter_pango_context_new ();

  self->layout = pango_layout_new (self->pango);
  /* Every label is one line, whatever newlines the dataset put in it. */
  pango_layout_set_single_paragraph_mode (self->layout, TRUE);
  self->widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->locale = cm_time_locale_new (NULL);
  self->index = cm_timeline_index_new (&empty);
  cm_paint_style_init (&self->style, FALSE);
  update_fonts (self);
  _cm_tl_frame_init (&self->frame);
  return self;
}

void
cm_timeline_painter_free (CmTimelinePainter *self)
{
  if (self == NULL)
    return;
  if (self->label_destroy != NULL)
    self->label_destroy (self->label_data);
  _cm_tl_frame_clear (&self->frame);
  g_clear_pointer (&self->index, cm_timeline_index_unref);
  g_clear_pointer (&self->locale, cm_time_locale_free);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->bold_font, pango_font_description_free);
  g_clear_pointer (&self->widths, g_hash_table_unref);
  g_clear_object (&self->layout);
  g_clear_object (&self->pango);
  g_free (self);
}

/* @index: (nullable): %NULL shows an empty timeline. The painter keeps a
 * reference. */
void
cm_timeline_painter_set_index (CmTimelinePainter *self,
                               CmTimelineIndex   *index)
{
  g_return_if_fail (self != NULL);

  if (index == NULL)
    {
      CmTimelineData empty = { 0 };

      index = cm_timeline_index_new (&empty);
    }
  else
    cm_timeline_index_ref (index);
  g_clear_pointer (&self->index, cm_timeline_index_unref);
  self->index = index;
  cm_timeline_painter_invalidate (self);
}

CmTimelineIndex *
cm_timeline_painter_get_index (CmTimelinePainter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->index;
}

void
cm_timeline_painter_set_style (CmTimelinePainter  *self,
                               const CmPaintStyle *style)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (style != NULL);

  self->style = *style;
  update_fonts (self);
  cm_timeline_painter_invalidate (self);
}

/* Local dates are Chinese ones, as the datasets' local names are; auto
 * takes the process's LC_TIME, as a new painter does, which may also be a
 * language the C library names months in. */
void
cm_timeline_painter_set_language (CmTimelinePainter *self,
                                  CmLabelLanguage    language)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->locale, cm_time_locale_free);
  self->locale = cm_time_locale_new (language == CM_LABEL_LANGUAGE_ENGLISH ? "en"
                                     : language == CM_LABEL_LANGUAGE_LOCAL ? "zh"
                                     : NULL);
  cm_timeline_painter_invalidate (self);
}

const CmTimeLocale *
cm_timeline_painter_get_locale (CmTimelinePainter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->locale;
}

/* To be called after the index's flags changed. */
void
cm_timeline_painter_invalidate (CmTimelinePainter *self)
{
  g_return_if_fail (self != NULL);
  self->frame.valid = FALSE;
}

/**
 * cm_timeline_painter_set_label_func:
 * @func: (nullable): gives a mark's short label; %NULL for no labels
 *
 * Marks drawn one by one get a label beside them, laid out so that no two
 * overlap, when a frame shows few of them (CM_TL_MAX_LABELLED): a sparse
 * timeline then reads without hovering. The painter asks only for the
 * marks of such a frame.
 */
void
cm_timeline_painter_set_label_func (CmTimelinePainter   *self,
                                    CmTimelineLabelFunc  func,
                                    gpointer             user_data,
                                    GDestroyNotify       destroy)
{
  g_return_if_fail (self != NULL);

  if (self->label_destroy != NULL)
    self->label_destroy (self->label_data);
  self->label_func = func;
  self->label_data = user_data;
  self->label_destroy = destroy;
  cm_timeline_painter_invalidate (self);
}

char *
_cm_tl_mark_label (CmTimelinePainter *self,
                   guint              mark)
{
  char *label;

  if (self->label_func == NULL)
    return NULL;
  label = self->label_func (mark, self->label_data);
  if (label != NULL)
    {
      /* One line, whatever the title holds. */
      g_strdelimit (label, "\r\n\t", ' ');
      g_strstrip (label);
      if (label[0] == '\0')
        g_clear_pointer (&label, g_free);
    }
  return label;
}

double
_cm_tl_measure (const char *text,
                gpointer    user_data)
{
  CmTimelinePainter *self = user_data;
  double *cached = g_hash_table_lookup (self->widths, text);
  PangoRectangle logical;

  if (cached != NULL)
    return *cached;

  if (g_hash_table_size (self->widths) > MAX_CACHED_WIDTHS)
    g_hash_table_remove_all (self->widths);

  /* Measured in the bold face, which is never narrower than the regular
   * one, so a label that fits in bold fits in either. */
  pango_layout_set_font_description (self->layout, self->bold_font);
  pango_layout_set_width (self->layout, -1);
  pango_layout_set_text (self->layout, text, -1);
  pango_layout_get_extents (self->layout, NULL, &logical);
  cached = g_new (double, 1);
  *cached = (double) logical.width / PANGO_SCALE;
  g_hash_table_insert (self->widths, g_strdup (text), cached);
  return *cached;
}

/* Drawing helpers. */

static void
vline (cairo_t *cr,
       double   x,
       double   y0,
       double   y1)
{
  cairo_move_to (cr, x, y0);
  cairo_line_to (cr, x, y1);
}

void
_cm_tl_draw_text (CmTimelinePainter *self,
                  cairo_t           *cr,
                  const char        *text,
                  double             x,
                  double             y,
                  gboolean           bold,
                  const CmRgba      *color,
                  double             max_width,
                  CmTlAlign          align)
{
  PangoRectangle logical;

  pango_layout_set_font_description (self->layout, bold ? self->bold_font : self->font);
  pango_layout_set_text (self->layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (self->layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (self->layout, -1);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_NONE);
    }
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  if (align == CM_TL_ALIGN_CENTRE)
    x -= logical.width / 2.0;
  else if (align == CM_TL_ALIGN_RIGHT)
    x -= logical.width;

  /* Stacked combining marks can draw far above and below a line: keep
   * the ink near the label's own box. */
  cairo_save (cr);
  cairo_rectangle (cr, x + logical.x - logical.height / 2.0, y + logical.y - logical.height / 2.0,
                   logical.width + logical.height, 2.0 * logical.height);
  cairo_clip (cr);
  cairo_move_to (cr, x, y);
  cm_set_source_rgba (cr, color);
  pango_cairo_show_layout (cr, self->layout);
  cairo_restore (cr);
  /* No current point left behind: an arc drawn next would join it. */
  cairo_new_path (cr);
  pango_layout_set_width (self->layout, -1);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_NONE);
}

void
_cm_tl_rounded_rect (cairo_t *cr,
                     double   x,
                     double   y,
                     double   w,
                     double   h,
                     double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static CmRgba
today_color (const CmTimelinePainter *self)
{
  return self->style.dark ? (CmRgba) { 1.0, 0.48, 0.39, 1.0 }
                          : (CmRgba) { 0.75, 0.11, 0.16, 1.0 };
}

static void
draw_grid (CmTimelinePainter *self,
           cairo_t           *cr)
{
  const CmTlFrame *f = &self->frame;
  const CmRgba *fg = &self->style.foreground;
  double y0 = f->axis.y + f->axis.height;
  double y1 = f->plot.y + f->plot.height;

  cairo_set_line_width (cr, 1 / MAX (self->style.scale, 1));

  for (guint i = 0; i < f->ticks->minor->len; i++)
    {
      const CmTick *t = &g_array_index (f->ticks->minor, CmTick, i);

      if (t->x >= f->plot.x && t->x <= f->plot.x + f->plot.width)
        vline (cr, cm_paint_style_snap (&self->style, t->x), y0, y1);
    }
  cm_set_source_rgba_alpha (cr, fg, self->style.dark ? 0.08 : 0.06);
  cairo_stroke (cr);

  for (guint i = 0; i < f->ticks->minor->len; i++)
    {
      const CmTick *t = &g_array_index (f->ticks->minor, CmTick, i);

      if (t->x >= f->plot.x && t->x <= f->plot.x + f->plot.width)
        vline (cr, cm_paint_style_snap (&self->style, t->x), y0 - 4, y0);
    }
  cm_set_source_rgba_alpha (cr, fg, 0.35);
  cairo_stroke (cr);

  for (guint i = 0; i < f->ticks->major->len; i++)
    {
      const CmTick *t = &g_array_index (f->ticks->major, CmTick, i);

      if (t->x >= f->plot.x && t->x <= f->plot.x + f->plot.width)
        vline (cr, cm_paint_style_snap (&self->style, t->x), f->axis.y, y1);
    }
  cm_set_source_rgba_alpha (cr, fg, self->style.dark ? 0.2 : 0.16);
  cairo_stroke (cr);

  /* The axis band's floor. */
  cairo_move_to (cr, f->plot.x, cm_paint_style_snap (&self->style, y0));
  cairo_line_to (cr, f->plot.x + f->plot.width, cm_paint_style_snap (&self->style, y0));
  cm_set_source_rgba_alpha (cr, fg, 0.3);
  cairo_stroke (cr);
}

static void
draw_axis_labels (CmTimelinePainter *self,
                  cairo_t           *cr)
{
  const CmTlFrame *f = &self->frame;
  double row0 = f->axis.y + 2;
  double row1 = f->axis.y + self->line_height + 4;

  for (guint i = 0; i < f->ticks->major->len; i++)
    {
      const CmTick *t = &g_array_index (f->ticks->major, CmTick, i);

      if (t->label != NULL)
        _cm_tl_draw_text (self, cr, t->label, t->label_x, row0, TRUE, &self->style.foreground, -1, CM_TL_ALIGN_LEFT);
    }
  for (guint i = 0; i < f->ticks->minor->len; i++)
    {
      const CmTick *t = &g_array_index (f->ticks->minor, CmTick, i);

      /* Without an upper row (years), the step labels are the main ones
       * and get the full colour; they keep their row so that nothing
       * jumps while zooming. */
      if (t->label != NULL)
        _cm_tl_draw_text (self, cr, t->label, t->label_x, row1, FALSE,
                          f->ticks->major->len > 0 ? &self->style.dim_foreground : &self->style.foreground,
                          -1, CM_TL_ALIGN_LEFT);
    }
}

static void
draw_lane_backgrounds (CmTimelinePainter *self,
                       cairo_t           *cr)
{
  const CmTlFrame *f = &self->frame;
  const CmRgba *fg = &self->style.foreground;

  for (guint i = 0; i < f->lanes->len; i++)
    {
      const CmTlLane *lane = &g_array_index (f->lanes, CmTlLane, i);

      if (lane->lane % 2 == 1)
        {
          cairo_rectangle (cr, f->gutter_x - 4, lane->rect.y,
                           lane->rect.x + lane->rect.width - f->gutter_x + 4, lane->rect.height);
          cm_set_source_rgba_alpha (cr, fg, self->style.dark ? 0.035 : 0.025);
          cairo_fill (cr);
        }
    }
}

static void
draw_brush (CmTimelinePainter    *self,
            cairo_t              *cr,
            const CmTimelineView *view,
            gboolean              handles)
{
  const CmTlFrame *f = &self->frame;
  double x0, x1, top = f->axis.y, bottom = f->plot.y + f->plot.height;

  if (!view->has_brush)
    return;
  x0 = CLAMP (_cm_tl_time_to_x (f, view->brush_start), f->plot.x - 10, f->plot.x + f->plot.width + 10);
  x1 = CLAMP (_cm_tl_time_to_x (f, view->brush_end), f->plot.x - 10, f->plot.x + f->plot.width + 10);

  if (!handles)
    {
      cairo_rectangle (cr, x0, top, x1 - x0, bottom - top);
      cm_set_source_rgba_alpha (cr, &self->style.accent, self->style.dark ? 0.16 : 0.10);
      cairo_fill (cr);
      return;
    }

  cairo_set_line_width (cr, 1.5);
  vline (cr, x0, top, bottom);
  vline (cr, x1, top, bottom);
  cm_set_source_rgba_alpha (cr, &self->style.accent, 0.85);
  cairo_stroke (cr);

  for (int i = 0; i < 2; i++)
    {
      double x = i == 0 ? x0 : x1;
      double h = f->axis.height * 0.6;
      double y = f->axis.y + (f->axis.height - h) / 2;

      if (x < f->plot.x - 1 || x > f->plot.x + f->plot.width + 1)
        continue;
      _cm_tl_rounded_rect (cr, x - 3.5, y, 7, h, 2.5);
      cm_set_source_rgba_alpha (cr, &self->style.accent, 1);
      cairo_fill (cr);
      cairo_rectangle (cr, x - 1.25, y + h / 2 - 4, 0.8, 8);
      cairo_rectangle (cr, x + 0.45, y + h / 2 - 4, 0.8, 8);
      cm_set_source_rgba_alpha (cr, &self->style.background, 0.9);
      cairo_fill (cr);
    }
}

static void
draw_today_and_playhead (CmTimelinePainter    *self,
                         cairo_t              *cr,
                         const CmTimelineView *view)
{
  const CmTlFrame *f = &self->frame;
  double y0 = f->axis.y + f->axis.height;
  double y1 = f->plot.y + f->plot.height;

  if (isfinite (view->now))
    {
      double x = _cm_tl_time_to_x (f, view->now);
      CmRgba c = today_color (self);

      if (x >= f->plot.x && x <= f->plot.x + f->plot.width)
        {
          const char *label = cm_time_locale_get_today (self->locale);
          double w = _cm_tl_measure (label, self);
          double lx = x + w + 8 < f->plot.x + f->plot.width ? x + 3 : x - w - 7;

          cairo_set_line_width (cr, 1.5);
          vline (cr, cm_paint_style_snap (&self->style, x), y0, y1);
          cm_set_source_rgba_alpha (cr, &c, 0.85);
          cairo_stroke (cr);
          _cm_tl_rounded_rect (cr, lx, y0 + 2, w + 4, self->line_height, 3);
          cm_set_source_rgba_alpha (cr, &self->style.background, 0.85);
          cairo_fill (cr);
          _cm_tl_draw_text (self, cr, label, lx + 2, y0 + 2, TRUE, &c, -1, CM_TL_ALIGN_LEFT);
        }
    }

  if (view->has_playhead)
    {
      double x = _cm_tl_time_to_x (f, view->playhead);

      if (x >= f->plot.x - 1 && x <= f->plot.x + f->plot.width + 1)
        {
          cairo_set_line_width (cr, 2);
          vline (cr, x, f->axis.y + 6, y1);
          cm_set_source_rgba_alpha (cr, &self->style.accent, 1);
          cairo_stroke (cr);
          cairo_move_to (cr, x - 6, f->axis.y);
          cairo_line_to (cr, x + 6, f->axis.y);
          cairo_line_to (cr, x, f->axis.y + 8);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
    }
}

static const char *
bin_unit_name (const CmTimelinePainter *self,
               const CmTimeStep        *step)
{
  gboolean zh = cm_time_locale_get_lang (self->locale) == CM_TIME_LANG_ZH;

  if (step->count != 1 && step->unit != CM_TIME_UNIT_MONTH)
    return NULL;
  switch (step->unit)
    {
    case CM_TIME_UNIT_HOUR: return zh ? "小时" : "hour";
    case CM_TIME_UNIT_DAY: return zh ? "日" : "day";
    case CM_TIME_UNIT_WEEK: return zh ? "周" : "week";
    case CM_TIME_UNIT_MONTH: return step->count == 3 ? (zh ? "季度" : "quarter")
                                                     : (zh ? "月" : "month");
    case CM_TIME_UNIT_YEAR: return zh ? "年" : "year";
    case CM_TIME_UNIT_MINUTE:
    default: return NULL;
    }
}

static void
format_tick (guint  n,
             char   buf[16])
{
  if (n < 10000)
    g_snprintf (buf, 16, "%u", n);
  else if (n < 1000000)
    g_snprintf (buf, 16, "%gk", n / 1000.0);
  else
    g_snprintf (buf, 16, "%gM", n / 1e6);
}

/* A histogram lane: its name on top, the bin it counts in ("per week")
 * under it, and the count axis's ticks against the plot. */
static void
draw_binned_lane_label (CmTimelinePainter *self,
                        cairo_t           *cr,
                        const CmTlLane    *lane,
                        const char        *label,
                        const char        *unit,
                        double             width)
{
  const CmTlFrame *f = &self->frame;
  guint step = _cm_tl_count_step (self, lane);
  gboolean zh = cm_time_locale_get_lang (self->locale) == CM_TIME_LANG_ZH;
  double floor_y, top, scale, ticks_w = 0;
  char buf[16];

  _cm_tl_bin_scale (lane, &floor_y, &top, &scale);
  if (step > 0)
    {
      format_tick ((lane->max_total / step) * step, buf);
      ticks_w = _cm_tl_measure (buf, self) + 6;
      for (guint v = step; v <= lane->max_total; v += step)
        {
          double y = floor_y - round (v * scale);

          format_tick (v, buf);
          cairo_rectangle (cr, f->plot.x - 3, y, 3, 1 / MAX (self->style.scale, 1));
          cm_set_source_rgba_alpha (cr, &self->style.foreground, 0.4);
          cairo_fill (cr);
          _cm_tl_draw_text (self, cr, buf, f->plot.x - 5, y - self->line_height / 2, FALSE,
                            &self->style.dim_foreground, -1, CM_TL_ALIGN_RIGHT);
        }
    }
  _cm_tl_draw_text (self, cr, label, f->gutter_x, lane->rect.y + 2, FALSE, &self->style.foreground,
                    MAX (width - ticks_w, 1), CM_TL_ALIGN_LEFT);
  if (lane->rect.height >= 2 * self->line_height + 4)
    {
      g_autofree char *text = NULL;

      if (step > 0 && unit != NULL)
        text = zh ? g_strdup_printf ("每%s", unit) : g_strdup_printf ("per %s", unit);
      else if (step == 0)
        /* Too low for an axis: say what its top means. */
        text = unit != NULL ? g_strdup_printf ("%u / %s", lane->max_total, unit)
                            : g_strdup_printf ("%u", lane->max_total);
      if (text != NULL)
        _cm_tl_draw_text (self, cr, text, f->gutter_x, lane->rect.y + 2 + self->line_height, FALSE,
                          &self->style.dim_foreground, MAX (width - ticks_w, 1), CM_TL_ALIGN_LEFT);
    }
}

/* A figure cannot scroll: say how many lanes did not fit, under the last
 * one shown, so that a reader never takes the lanes shown for all. */
static void
draw_lanes_left_out (CmTimelinePainter *self,
                     cairo_t           *cr)
{
  const CmTlFrame *f = &self->frame;
  gboolean zh = cm_time_locale_get_lang (self->locale) == CM_TIME_LANG_ZH;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  if (f->lanes_left_out == 0)
    return;
  count = cm_format_count (f->lanes_left_out);
  if (zh)
    text = g_strdup_printf ("另有 %s 行未能显示", count);
  else
    text = g_strdup_printf (f->lanes_left_out == 1 ? "%s more lane not shown" : "%s more lanes not shown", count);
  _cm_tl_draw_text (self, cr, text, f->gutter_x, f->plot.y + f->plot.height - self->line_height - 1,
                    FALSE, &self->style.dim_foreground, -1, CM_TL_ALIGN_LEFT);
}

static void
draw_lane_labels (CmTimelinePainter *self,
                  cairo_t           *cr)
{
  const CmTlFrame *f = &self->frame;
  double width = f->plot.x - f->gutter_x - 10;
  const char *unit = bin_unit_name (self, &f->bin_step);

  if (width <= 0)
    return;
  for (guint i = 0; i < f->lanes->len; i++)
    {
      const CmTlLane *lane = &g_array_index (f->lanes, CmTlLane, i);
      const char *label = cm_timeline_index_get_lane_label (self->index, lane->lane);

      if (lane->aggregated && lane->max_total > 0)
        draw_binned_lane_label (self, cr, lane, label, unit, width);
      else
        _cm_tl_draw_text (self, cr, label, f->gutter_x, lane->rect.y + lane->rect.height / 2 - self->line_height / 2,
                          FALSE, &self->style.foreground, width, CM_TL_ALIGN_LEFT);
    }
}

static void
draw_legend (CmTimelinePainter *self,
             cairo_t           *cr)
{
  const CmTlFrame *f = &self->frame;
  guint n = cm_timeline_index_get_n_colors (self->index);
  double x = f->legend.x, right = f->legend.x + f->legend.width;
  double y = f->legend.y + (f->legend.height - self->line_height) / 2;
  double cy = f->legend.y + f->legend.height / 2;
  gboolean zh = cm_time_locale_get_lang (self->locale) == CM_TIME_LANG_ZH;
  struct { CmMarkKind kind; const char *label; } key[] = {
    { CM_MARK_POINT, zh ? "日期" : "day" },
    { CM_MARK_BAND, zh ? "月/年（约）" : "month / year" },
    { CM_MARK_SPAN, zh ? "时段" : "period" },
  };
  double key_width = 0;

  if (f->legend.height <= 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (key); i++)
    key_width += 22 + _cm_tl_measure (key[i].label, self) + 12;

  for (guint i = 0; i < n; i++)
    {
      const char *label = cm_timeline_index_get_color_label (self->index, i);
      CmRgba ink;
      double w;

      if (label == NULL || *label == '\0')
        continue;
      w = 14 + MIN (_cm_tl_measure (label, self), LEGEND_MAX_NAME);
      if (x + w > right - key_width - 20)
        {
          g_autofree char *more = g_strdup_printf ("+%u", n - i);

          _cm_tl_draw_text (self, cr, more, x, y, FALSE, &self->style.dim_foreground, -1, CM_TL_ALIGN_LEFT);
          break;
        }
      _cm_tl_rounded_rect (cr, x, cy - 5, 10, 10, 2);
      cm_set_source_rgba (cr, cm_timeline_index_get_color (self->index, i));
      cairo_fill (cr);
      if (cm_paint_style_mark_ink (&self->style, cm_timeline_index_get_color (self->index, i), &ink))
        {
          /* The swatch framed as its marks are. */
          _cm_tl_rounded_rect (cr, x + 0.5, cy - 4.5, 9, 9, 1.5);
          cm_set_source_rgba (cr, &ink);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }
      _cm_tl_draw_text (self, cr, label, x + 14, y, FALSE, &self->style.foreground, LEGEND_MAX_NAME,
                        CM_TL_ALIGN_LEFT);
      x += w + 16;
    }

  /* A key to the precision shapes, right-aligned. */
  x = right - key_width + 12;
  if (x < f->legend.x)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (key); i++)
    {
      double lw = _cm_tl_measure (key[i].label, self);

      _cm_tl_draw_shape (self, cr, key[i].kind, x, x + 18, x + 9, x + 9, x + 9, cy,
                         &self->style.dim_foreground, 1.0);
      _cm_tl_draw_text (self, cr, key[i].label, x + 22, y, FALSE, &self->style.dim_foreground, -1, CM_TL_ALIGN_LEFT);
      x += 22 + lw + 12;
    }
}

/**
 * cm_timeline_painter_paint:
 *
 * Draws the whole timeline for @view into @cr, whose origin is the view's
 * top-left corner and whose unit is one logical pixel.
 */
void
cm_timeline_painter_paint (CmTimelinePainter    *self,
                           cairo_t              *cr,
                           const CmTimelineView *view)
{
  const CmTlFrame *f = &self->frame;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (view != NULL);

  if (view->width < 1 || view->height < 1 || !(view->t1 > view->t0))
    return;

  _cm_tl_layout (self, view);

  cairo_save (cr);
  /* Nothing spills out, even when the view is too small for the axis. */
  cairo_rectangle (cr, 0, 0, view->width, view->height);
  cairo_clip (cr);
  if (view->draw_background)
    {
      cm_set_source_rgba (cr, &self->style.background);
      cairo_paint (cr);
    }

  cairo_save (cr);
  cairo_rectangle (cr, 0, f->plot.y, view->width, f->plot.height);
  cairo_clip (cr);
  draw_lane_backgrounds (self, cr);
  cairo_restore (cr);

  cairo_rectangle (cr, f->axis.x, f->axis.y, f->axis.width, f->axis.height);
  cm_set_source_rgba_alpha (cr, &self->style.foreground, self->style.dark ? 0.04 : 0.025);
  cairo_fill (cr);

  draw_brush (self, cr, view, FALSE);
  draw_grid (self, cr);

  cairo_save (cr);
  cairo_rectangle (cr, f->plot.x - 1, f->plot.y, f->plot.width + 2, f->plot.height);
  cairo_clip (cr);
  _cm_tl_draw_lanes (self, cr, view);
  _cm_tl_draw_highlights (self, cr, view);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_rectangle (cr, 0, f->plot.y, f->plot.x, f->plot.height);
  cairo_clip (cr);
  draw_lane_labels (self, cr);
  cairo_restore (cr);

  draw_lanes_left_out (self, cr);
  draw_axis_labels (self, cr);
  draw_today_and_playhead (self, cr, view);
  draw_brush (self, cr, view, TRUE);
  draw_legend (self, cr);
  cairo_restore (cr);
}

