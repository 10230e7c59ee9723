/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-painter"

#include <math.h>

#include <pango/pangocairo.h>

#include "cm-adoption-painter.h"
#include "cm-time-ticks.h"

#define MARGIN        8.0
#define MIN_GRID_GAP  16.0   /* pixels between the count grid lines */
#define KEY_SWATCH    10.0

/* One neutral colour for a single curve: the accent follows the theme and
 * never appears in an export, and the figure must match the window.
 * Okabe–Ito's blue: 4.8:1 on white, and distinct from the red "today". */
static const CmRgba single_light = { 0.0, 0.447, 0.698, 1.0 };
static const CmRgba single_dark = { 0.337, 0.706, 0.914, 1.0 };

struct _CmAdoptionPainter
{
  CmPaintStyle      style;
  CmTimeLocale     *locale;
  PangoContext     *pango;
  PangoLayout      *layout;
  PangoFontDescription *font;
  PangoFontDescription *bold_font;
  double            line_height;

  guint             n_items;
  gint64           *starts;      /* in item order, as given */
  gint64           *ends;
  guint            *by_start;    /* item indices by start */
  gint64            max_length;  /* the longest interval: bounds a search */
  GPtrArray        *curves;      /* CmAdoptionCurve, one per series */
  GArray           *colors;      /* CmRgba per series, or empty */
  GStrv             labels;
  char             *title;
};

void
cm_adoption_view_init (CmAdoptionView *view,
                       double          width,
                       double          height)
{
  g_return_if_fail (view != NULL);

  *view = (CmAdoptionView) {
    .t0 = 0, .t1 = 1,
    .x0 = MARGIN, .x1 = MAX (MARGIN + 1, width - MARGIN),
    .width = width, .height = height,
    .hover_time = NAN,
    .reveal_until = NAN,
    .draw_background = TRUE,
  };
}

CmAdoptionPainter *
cm_adoption_painter_new (void)
{
  CmAdoptionPainter *self = g_new0 (CmAdoptionPainter, 1);

  /* Measured as the timeline measures. */
  self->pango = cm_painter_pango_context_new ();
  self->layout = pango_layout_new (self->pango);
  pango_layout_set_single_paragraph_mode (self->layout, TRUE);
  self->locale = cm_time_locale_new (NULL);
  self->curves = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_adoption_curve_free);
  self->colors = g_array_new (FALSE, FALSE, sizeof (CmRgba));
  cm_paint_style_init (&self->style, FALSE);
  cm_painter_fonts_update (&self->style, self->layout, &self->font, &self->bold_font, &self->line_height);
  cm_adoption_painter_set_data (self, 0, NULL, NULL, NULL, 1);
  return self;
}

void
cm_adoption_painter_free (CmAdoptionPainter *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->bold_font, pango_font_description_free);
  g_clear_object (&self->layout);
  g_clear_object (&self->pango);
  cm_time_locale_free (self->locale);
  g_free (self->starts);
  g_free (self->ends);
  g_free (self->by_start);
  g_ptr_array_unref (self->curves);
  g_array_unref (self->colors);
  g_strfreev (self->labels);
  g_free (self->title);
  g_free (self);
}

static int
compare_by_start (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  const gint64 *starts = data;
  guint i = *(const guint *) a, j = *(const guint *) b;

  if (starts[i] != starts[j])
    return starts[i] < starts[j] ? -1 : 1;
  return (i > j) - (i < j);
}

void
cm_adoption_painter_set_data (CmAdoptionPainter *self,
                              guint              n,
                              const gint64      *starts,
                              const gint64      *ends,
                              const guint8      *series,
                              guint              n_series)
{
  g_autofree gint64 *s = NULL;
  g_autofree gint64 *e = NULL;
  gboolean sorted = TRUE;

  g_return_if_fail (self != NULL);
  g_return_if_fail (n == 0 || (starts != NULL && ends != NULL));

  n_series = CLAMP (n_series, 1, 256);
  g_clear_pointer (&self->starts, g_free);
  g_clear_pointer (&self->ends, g_free);
  g_clear_pointer (&self->by_start, g_free);
  g_ptr_array_set_size (self->curves, 0);
  self->n_items = n;
  self->max_length = 0;
  if (n > 0)
    {
      self->starts = g_memdup2 (starts, n * sizeof *starts);
      self->ends = g_memdup2 (ends, n * sizeof *ends);
      self->by_start = g_new (guint, n);
    }
  for (guint i = 0; i < n; i++)
    {
      self->by_start[i] = i;
      self->max_length = MAX (self->max_length, ends[i] - starts[i]);
      sorted &= i == 0 || starts[i - 1] <= starts[i];
    }
  if (!sorted)
    g_qsort_with_data (self->by_start, (gint) n, sizeof *self->by_start, compare_by_start, self->starts);

  s = g_new (gint64, MAX (n, 1));
  e = g_new (gint64, MAX (n, 1));
  for (guint k = 0; k < n_series; k++)
    {
      guint m = 0;

      for (guint i = 0; i < n; i++)
        if (series == NULL ? k == 0 : series[i] == k)
          {
            s[m] = starts[i];
            e[m] = ends[i];
            m++;
          }
      g_ptr_array_add (self->curves, cm_adoption_curve_new (m, s, e));
    }
}

void
cm_adoption_painter_set_series (CmAdoptionPainter *self,
                                guint              n_series,
                                const CmRgba      *colors,
                                const char *const *labels)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->colors, 0);
  if (colors != NULL)
    g_array_append_vals (self->colors, colors, n_series);
  g_strfreev (self->labels);
  self->labels = NULL;
  if (labels != NULL)
    {
      self->labels = g_new0 (char *, n_series + 1);
      for (guint i = 0; i < n_series && labels[i] != NULL; i++)
        self->labels[i] = g_strdup (labels[i]);
    }
}

void
cm_adoption_painter_set_title (CmAdoptionPainter *self,
                               const char        *title)
{
  g_return_if_fail (self != NULL);
  g_free (self->title);
  self->title = g_strdup (title);
}

void
cm_adoption_painter_set_style (CmAdoptionPainter  *self,
                               const CmPaintStyle *style)
{
  g_return_if_fail (self != NULL && style != NULL);
  self->style = *style;
  cm_painter_fonts_update (&self->style, self->layout, &self->font, &self->bold_font, &self->line_height);
}

void
cm_adoption_painter_set_language (CmAdoptionPainter *self,
                                  CmLabelLanguage    language)
{
  g_return_if_fail (self != NULL);
  cm_time_locale_free (self->locale);
  self->locale = cm_time_locale_new (language == CM_LABEL_LANGUAGE_ENGLISH ? "en"
                                     : language == CM_LABEL_LANGUAGE_LOCAL ? "zh" : NULL);
}

guint
cm_adoption_painter_get_n_series (CmAdoptionPainter *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->curves->len;
}

CmAdoptionCurve *
cm_adoption_painter_get_curve (CmAdoptionPainter *self,
                               guint              series)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (series < self->curves->len, NULL);
  return g_ptr_array_index (self->curves, series);
}

/* Geometry. */

static double
axis_height (CmAdoptionPainter    *self,
             const CmAdoptionView *view)
{
  return view->show_axis ? 2 * self->line_height + 10 : 0;
}

void
cm_adoption_painter_get_plot (CmAdoptionPainter    *self,
                              const CmAdoptionView *view,
                              double               *x,
                              double               *y,
                              double               *width,
                              double               *height)
{
  /* Under the title row, with room for the top grid line's label. */
  double top = 1.5 * self->line_height + 6;
  double bottom = MAX (top + 1, view->height - 4 - axis_height (self, view));

  *x = view->x0;
  *y = top;
  *width = MAX (1, view->x1 - view->x0);
  *height = bottom - top;
}

double
cm_adoption_painter_time_to_x (const CmAdoptionView *view,
                               double                t)
{
  return view->x0 + (t - view->t0) * (view->x1 - view->x0) / (view->t1 - view->t0);
}

double
cm_adoption_painter_x_to_time (const CmAdoptionView *view,
                               double                x)
{
  return view->t0 + (x - view->x0) * (view->t1 - view->t0) / MAX (1e-9, view->x1 - view->x0);
}

static guint
max_count (CmAdoptionPainter *self)
{
  guint m = 0;

  for (guint k = 0; k < self->curves->len; k++)
    m = MAX (m, cm_adoption_curve_get_n (g_ptr_array_index (self->curves, k)));
  return m;
}

/* A whole-number step of 1, 2 or 5 × 10^k giving grid lines at least
 * MIN_GRID_GAP apart, and the top of the scale, a multiple of it. */
static guint
grid_step (guint   max,
           double  plot_height,
           guint  *top)
{
  guint lines = MAX (1, (guint) (plot_height / MIN_GRID_GAP));
  guint step = 1;

  for (guint mag = 1; ; mag *= 10)
    {
      static const guint mult[] = { 1, 2, 5 };
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (mult) && !found; i++)
        {
          step = mult[i] * mag;
          found = (max + step - 1) / step <= lines;
        }
      if (found || mag > G_MAXUINT / 100)
        break;
    }
  *top = MAX (step, (max + step - 1) / step * step);
  return step;
}

double
cm_adoption_painter_value_to_y (CmAdoptionPainter    *self,
                                const CmAdoptionView *view,
                                double                value)
{
  double x, y, w, h;
  guint top;

  cm_adoption_painter_get_plot (self, view, &x, &y, &w, &h);
  grid_step (max_count (self), h, &top);
  return y + h - value / top * h;
}

GArray *
cm_adoption_painter_items_near (CmAdoptionPainter    *self,
                                const CmAdoptionView *view,
                                double                x,
                                double                radius,
                                guint                 max,
                                guint                *n_total)
{
  GArray *items = g_array_new (FALSE, FALSE, sizeof (guint));
  double lo = cm_adoption_painter_x_to_time (view, x - radius);
  double hi = cm_adoption_painter_x_to_time (view, x + radius);
  guint a = 0, b = self->n_items, total = 0;

  /* The items starting by @hi are a prefix of the start order; of them,
   * only those starting within the longest interval of @lo can reach it. */
  while (a < b)
    {
      guint mid = a + (b - a) / 2;

      if ((double) self->starts[self->by_start[mid]] <= hi)
        a = mid + 1;
      else
        b = mid;
    }
  b = a;
  while (b > 0 && (double) self->starts[self->by_start[b - 1]] >= lo - (double) self->max_length)
    b--;
  for (guint k = b; k < a; k++)
    {
      guint i = self->by_start[k];

      if ((double) self->ends[i] > lo)
        {
          if (items->len < max)
            g_array_append_val (items, i);
          total++;
        }
    }
  if (n_total != NULL)
    *n_total = total;
  return items;
}

/* Drawing. */

static double
text_width (CmAdoptionPainter *self,
            const char        *text,
            gboolean           bold)
{
  PangoRectangle logical;

  pango_layout_set_font_description (self->layout, bold ? self->bold_font : self->font);
  pango_layout_set_text (self->layout, text, -1);
  pango_layout_get_extents (self->layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static double
measure (const char *text,
         gpointer    data)
{
  return text_width (data, text, TRUE);
}

/* @text at (@x, @y), its top left corner; returns its width. */
static double
draw_text (CmAdoptionPainter *self,
           cairo_t           *cr,
           const char        *text,
           double             x,
           double             y,
           gboolean           bold,
           const CmRgba      *color,
           double             halo)
{
  PangoRectangle logical;

  pango_layout_set_font_description (self->layout, bold ? self->bold_font : self->font);
  pango_layout_set_text (self->layout, text, -1);
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  if (halo > 0)
    {
      cairo_rectangle (cr, x - 2, y, logical.width + 4, logical.height);
      cm_set_source_rgba_alpha (cr, &self->style.background, halo);
      cairo_fill (cr);
    }
  cairo_move_to (cr, x, y);
  cm_set_source_rgba_alpha (cr, color, 1);
  pango_cairo_show_layout (cr, self->layout);
  cairo_new_path (cr);
  return logical.width;
}

static CmRgba
series_color (CmAdoptionPainter *self,
              guint              k)
{
  if (k < self->colors->len)
    return g_array_index (self->colors, CmRgba, k);
  return self->style.dark ? single_dark : single_light;
}

static void
draw_grid (CmAdoptionPainter    *self,
           cairo_t              *cr,
           const CmAdoptionView *view,
           double px, double py, double pw, double ph)
{
  guint top, step = grid_step (max_count (self), ph, &top);

  cairo_set_line_width (cr, 1 / MAX (self->style.scale, 1));
  for (guint v = 0; v <= top; v += step)
    {
      double y = cm_paint_style_snap (&self->style, py + ph - (double) v / top * ph);

      cairo_move_to (cr, px, y);
      cairo_line_to (cr, px + pw, y);
    }
  cm_set_source_rgba_alpha (cr, &self->style.foreground, self->style.dark ? 0.14 : 0.10);
  cairo_stroke (cr);
  /* The base line is the x axis: stronger. */
  cairo_move_to (cr, px, cm_paint_style_snap (&self->style, py + ph));
  cairo_line_to (cr, px + pw, cm_paint_style_snap (&self->style, py + ph));
  cm_set_source_rgba_alpha (cr, &self->style.foreground, 0.3);
  cairo_stroke (cr);
}

static void
draw_grid_labels (CmAdoptionPainter    *self,
                  cairo_t              *cr,
                  double px, double py, double pw, double ph)
{
  guint top, step = grid_step (max_count (self), ph, &top);

  /* On the lines at the plot's left, over a halo: the timeline above
   * keeps its lane labels in that margin, which may be narrow. Centred on
   * their line, they cannot be read as another's. */
  for (guint v = step; v <= top; v += step)
    {
      g_autofree char *label = g_strdup_printf ("%u", v);
      double y = py + ph - (double) v / top * ph;

      draw_text (self, cr, label, px + 3, y - self->line_height / 2, FALSE, &self->style.dim_foreground, 0.85);
    }
}

static void
draw_band_and_line (CmAdoptionPainter    *self,
                    cairo_t              *cr,
                    const CmAdoptionView *view,
                    guint                 k,
                    double px, double py, double pw, double ph)
{
  CmAdoptionCurve *curve = g_ptr_array_index (self->curves, k);
  CmRgba color = series_color (self, k);
  guint top;
  double step = 1 / MAX (self->style.scale, 1);
  double scale;

  if (cm_adoption_curve_get_n (curve) == 0)
    return;
  grid_step (max_count (self), ph, &top);
  scale = ph / top;

  /* The band: from those certainly done, up to those possibly done, one
   * column a device pixel. */
  for (double x = px; x <= px + pw; x += step)
    {
      guint certain, possible;
      double t = cm_adoption_painter_x_to_time (view, x);

      cm_adoption_curve_eval (curve, t, &certain, &possible);
      if (possible > certain)
        cairo_rectangle (cr, x, py + ph - possible * scale, step, (possible - certain) * scale);
    }
  cm_set_source_rgba_alpha (cr, &color, self->style.dark ? 0.30 : 0.22);
  cairo_fill (cr);

  for (double x = px; x <= px + pw; x += step)
    {
      double v = cm_adoption_curve_eval (curve, cm_adoption_painter_x_to_time (view, x), NULL, NULL);

      cairo_line_to (cr, x, py + ph - v * scale);
    }
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cm_set_source_rgba_alpha (cr, &color, 1);
  cairo_stroke (cr);
}

static void
draw_key (CmAdoptionPainter *self,
          cairo_t           *cr,
          double             title_right,
          double             right,
          double             y)
{
  double x = right;

  if (self->labels == NULL)
    return;
  /* Right-aligned, last series rightmost; those that do not fit after
   * the title are left out rather than drawn over it. */
  for (guint k = self->curves->len; k-- > 0;)
    {
      const char *label = k < g_strv_length (self->labels) ? self->labels[k] : NULL;
      CmRgba color = series_color (self, k);
      double w;

      if (label == NULL || cm_adoption_curve_get_n (g_ptr_array_index (self->curves, k)) == 0)
        continue;
      w = text_width (self, label, FALSE) + KEY_SWATCH + 4;
      if (x - w < title_right + 12)
        break;
      x -= w;
      cairo_rectangle (cr, x, y + (self->line_height - KEY_SWATCH) / 2 + 1, KEY_SWATCH, 3);
      cm_set_source_rgba_alpha (cr, &color, 1);
      cairo_fill (cr);
      draw_text (self, cr, label, x + KEY_SWATCH + 4, y, FALSE, &self->style.foreground, 0);
      x -= 10;
    }
}

static void
draw_axis (CmAdoptionPainter    *self,
           cairo_t              *cr,
           const CmAdoptionView *view,
           double                y)
{
  g_autoptr(CmTimeTicks) ticks = cm_time_ticks_compute (self->locale, view->t0, view->t1, view->x0, view->x1,
                                                        36, measure, self);

  cairo_set_line_width (cr, 1 / MAX (self->style.scale, 1));
  for (guint i = 0; i < ticks->minor->len; i++)
    {
      const CmTick *t = &g_array_index (ticks->minor, CmTick, i);

      if (t->x < view->x0 || t->x > view->x1)
        continue;
      cairo_move_to (cr, cm_paint_style_snap (&self->style, t->x), y);
      cairo_line_to (cr, cm_paint_style_snap (&self->style, t->x), y + 4);
    }
  cm_set_source_rgba_alpha (cr, &self->style.foreground, 0.35);
  cairo_stroke (cr);
  for (guint i = 0; i < ticks->minor->len; i++)
    {
      const CmTick *t = &g_array_index (ticks->minor, CmTick, i);

      if (t->label != NULL)
        draw_text (self, cr, t->label, t->label_x, y + 4, FALSE,
                   ticks->major->len > 0 ? &self->style.dim_foreground : &self->style.foreground, 0);
    }
  for (guint i = 0; i < ticks->major->len; i++)
    {
      const CmTick *t = &g_array_index (ticks->major, CmTick, i);

      if (t->label != NULL)
        draw_text (self, cr, t->label, t->label_x, y + 6 + self->line_height, TRUE, &self->style.foreground, 0);
    }
}

/* The value at the playhead or the hovered time, beside a dot on each
 * curve: what a reader of the frame of an animation wants to know. */
static void
draw_marker (CmAdoptionPainter    *self,
             cairo_t              *cr,
             const CmAdoptionView *view,
             double                t,
             const CmRgba         *line,
             double px, double py, double pw, double ph)
{
  double x = cm_adoption_painter_time_to_x (view, t);
  guint top;

  if (x < px - 1 || x > px + pw + 1)
    return;
  grid_step (max_count (self), ph, &top);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, x, py);
  cairo_line_to (cr, x, py + ph);
  cm_set_source_rgba_alpha (cr, line, 0.9);
  cairo_stroke (cr);
  for (guint k = 0; k < self->curves->len; k++)
    {
      CmAdoptionCurve *curve = g_ptr_array_index (self->curves, k);
      CmRgba color = series_color (self, k);
      double v, y;

      if (cm_adoption_curve_get_n (curve) == 0)
        continue;
      v = cm_adoption_curve_eval (curve, t, NULL, NULL);
      y = py + ph - v / top * ph;
      cairo_arc (cr, x, y, 3.5, 0, 2 * G_PI);
      cm_set_source_rgba_alpha (cr, &self->style.background, 1);
      cairo_fill_preserve (cr);
      cm_set_source_rgba_alpha (cr, &color, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      if (self->curves->len == 1)
        {
          g_autofree char *label = g_strdup_printf ("%.0f", floor (v + 0.5));
          double w = text_width (self, label, TRUE);
          double lx = x + 6 + w < px + pw ? x + 6 : x - 6 - w;

          draw_text (self, cr, label, lx, MAX (py, y - self->line_height - 2), TRUE, &self->style.foreground, 0.85);
        }
    }
}

void
cm_adoption_painter_paint (CmAdoptionPainter    *self,
                           cairo_t              *cr,
                           const CmAdoptionView *view)
{
  double px, py, pw, ph, title_right = MARGIN;

  g_return_if_fail (self != NULL && cr != NULL && view != NULL);

  if (view->width < 1 || view->height < 1 || !(view->t1 > view->t0))
    return;
  cm_adoption_painter_get_plot (self, view, &px, &py, &pw, &ph);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, view->width, view->height);
  cairo_clip (cr);
  if (view->draw_background)
    {
      cm_set_source_rgba (cr, &self->style.background);
      cairo_paint (cr);
    }
  if (self->title != NULL)
    title_right += draw_text (self, cr, self->title, MARGIN, 3, TRUE, &self->style.foreground, 0);
  draw_key (self, cr, title_right, view->x1, 3);

  if (view->has_brush)
    {
      double b0 = CLAMP (cm_adoption_painter_time_to_x (view, view->brush_start), px - 10, px + pw + 10);
      double b1 = CLAMP (cm_adoption_painter_time_to_x (view, view->brush_end), px - 10, px + pw + 10);

      cairo_rectangle (cr, MIN (b0, b1), py, fabs (b1 - b0), ph);
      cm_set_source_rgba_alpha (cr, &self->style.accent, self->style.dark ? 0.16 : 0.10);
      cairo_fill (cr);
    }
  draw_grid (self, cr, view, px, py, pw, ph);

  cairo_save (cr);
  if (isfinite (view->reveal_until))
    cairo_rectangle (cr, px, py - 2, CLAMP (cm_adoption_painter_time_to_x (view, view->reveal_until) - px, 0, pw), ph + 4);
  else
    cairo_rectangle (cr, px, py - 2, pw, ph + 4);
  cairo_clip (cr);
  for (guint k = 0; k < self->curves->len; k++)
    draw_band_and_line (self, cr, view, k, px, py, pw, ph);
  cairo_restore (cr);

  draw_grid_labels (self, cr, px, py, pw, ph);
  if (view->show_axis)
    draw_axis (self, cr, view, py + ph);
  if (view->has_playhead)
    draw_marker (self, cr, view, view->playhead, &self->style.accent, px, py, pw, ph);
  if (isfinite (view->hover_time))
    draw_marker (self, cr, view, view->hover_time, &self->style.dim_foreground, px, py, pw, ph);
  cairo_restore (cr);
}
