/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-export"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "cm-contrast.h"
#include "cm-figure-private.h"
#include "cm-page.h"
#include "cm-text.h"

/* The report page around the views: the title, a subtitle that states the
 * period and the filters, one legend of the categories with their counts,
 * a caption and a footer with the sources and the base map's attribution;
 * and the large date of an animation's frame. */

/* Text sizes of a composed figure, in points. */
#define TITLE_PT    16.0
#define SUBTITLE_PT 10.0
#define LEGEND_PT   9.0
#define CAPTION_PT  9.0
#define FOOTER_PT   7.5
#define DATE_PT     22.0
/* The footer lists this many sources at most, then says how many more. */
#define MAX_SOURCES 12

static gboolean
has_filter (const char * const *v)
{
  return v != NULL && v[0] != NULL;
}

/* Text ------------------------------------------------------------------ */

typedef struct
{
  PangoContext  *pango;
  PangoLayout   *layout;
  CmPaintStyle   style;
} Text;

static void
text_init (Text               *t,
           const CmPaintStyle *style)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* As the painters do: unhinted metrics at 96 dpi, so that the page
   * lays out the same on every surface and at every resolution. */
  t->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (t->pango, options);
  pango_cairo_context_set_resolution (t->pango, 96);
  cairo_font_options_destroy (options);
  t->layout = pango_layout_new (t->pango);
  t->style = *style;
}

static void
text_clear (Text *t)
{
  g_clear_object (&t->layout);
  g_clear_object (&t->pango);
}

/* Lays @text out @width wide (wrapped; -1: one line) in @pt points. */
static PangoLayout *
text_layout (Text       *t,
             const char *text,
             double      pt,
             gboolean    bold,
             double      width)
{
  PangoFontDescription *desc = pango_font_description_from_string (t->style.font_family);

  pango_font_description_set_size (desc, (int) (pt * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (t->layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (t->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (t->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (t->layout, PANGO_ALIGN_LEFT);
  /* The legend's markup leaves its attributes on the layout. */
  pango_layout_set_attributes (t->layout, NULL);
  pango_layout_set_text (t->layout, text, -1);
  return t->layout;
}

static void
text_size (PangoLayout *layout,
           double      *w,
           double      *h)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (w != NULL)
    *w = (double) logical.width / PANGO_SCALE;
  if (h != NULL)
    *h = (double) logical.height / PANGO_SCALE;
}

static void
text_show (cairo_t      *cr,
           PangoLayout  *layout,
           double        x,
           double        y,
           const CmRgba *color)
{
  cairo_move_to (cr, x, y);
  cm_set_source_rgba (cr, color);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

/* A wrapped block of text at (@x, @y), @width wide; returns its height.
 * With @cr NULL only measures. */
static double
text_block (Text         *t,
            cairo_t      *cr,
            const char   *text,
            double        pt,
            gboolean      bold,
            const CmRgba *color,
            double        x,
            double        y,
            double        width)
{
  PangoLayout *layout;
  double h;

  if (text == NULL || text[0] == '\0')
    return 0;
  layout = text_layout (t, text, pt, bold, width);
  text_size (layout, NULL, &h);
  if (cr != NULL)
    text_show (cr, layout, x, y, color);
  return h;
}

static double
pt (double points)
{
  return points * CM_PAGE_PX_PER_PT;
}

/* Words ----------------------------------------------------------------- */

/* With @final, the words of the last frame, which the page is laid out
 * for (an animation's frames keep one layout). */
static char *
subtitle_text (CmFigure *self,
               gboolean  final)
{
  const CmFigureOptions *o = &self->o;
  const CmFigureStrings *s = self->s;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *period = cm_figure_format_period (self->from, self->to, self->zh);
  g_autofree char *count = NULL;
  guint n_shown;

  if (o->subtitle != NULL)
    return g_strdup (o->subtitle);
  _cm_figure_counts (self, final, &n_shown);
  count = cm_format_count (n_shown);
  g_string_append (text, period);
  /* A frame writes its date large instead. */
  if (o->has_at && !self->frame_mode)
    {
      g_autofree char *day = cm_figure_format_day (o->at, self->zh);

      g_string_append (text, s->separator);
      g_string_append_printf (text, s->up_to, day);
    }
  if (has_filter (o->categories))
    {
      guint shown = 0;

      for (guint c = 0; c < self->n_categories; c++)
        shown += self->category_shown[c];
      g_string_append (text, s->separator);
      g_string_append_printf (text, s->categories_of, shown, self->n_categories);
    }
  if (has_filter (o->places))
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; o->places[i] != NULL; i++)
        {
          gint p = cm_dataset_find_place (self->dataset, o->places[i]);
          const CmPlace *place = p >= 0 ? cm_dataset_get_place (self->dataset, (guint) p) : NULL;
          const char *name = place == NULL ? o->places[i]
                             : self->zh && place->local_name != NULL ? place->local_name : place->name;

          if (i > 0)
            g_string_append (names, self->zh ? "、" : ", ");
          g_string_append (names, name);
        }
      g_string_append (text, s->separator);
      g_string_append_printf (text, s->places, names->str);
    }
  if (o->search != NULL && o->search[0] != '\0')
    {
      g_string_append (text, s->separator);
      g_string_append_printf (text, s->search, o->search);
    }
  g_string_append (text, s->separator);
  if (n_shown == 1)
    g_string_append (text, s->one_announcement);
  else
    g_string_append_printf (text, s->n_announcements, count);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
sources_text (CmFigure *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = cm_dataset_get_n_sources (self->dataset);
  const CmFigureStrings *s = self->s;

  if (self->o.source != NULL)
    return self->o.source[0] != '\0' ? g_strconcat (s->sources, self->o.source, NULL) : NULL;
  if (n == 0)
    return NULL;
  g_string_append (text, s->sources);
  for (guint i = 0; i < n && i < MAX_SOURCES; i++)
    {
      const CmSource *src = cm_dataset_get_source (self->dataset, i);

      if (i > 0)
        g_string_append (text, s->list_separator);
      g_string_append (text, src->title);
      if (src->publisher != NULL && src->date != NULL)
        g_string_append_printf (text, " (%s, %s)", src->publisher, src->date);
      else if (src->publisher != NULL || src->date != NULL)
        g_string_append_printf (text, " (%s)", src->publisher != NULL ? src->publisher : src->date);
    }
  if (n > MAX_SOURCES)
    {
      g_string_append (text, s->list_separator);
      g_string_append_printf (text, s->and_more, n - MAX_SOURCES);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The categories shown, each with its count, in rows as wide as the page:
 * never folded into "+N", however many there are. Returns the height.
 * Counts never exceed the last frame's, so a frame's legend fits in the
 * rows measured for the last. */
static double
draw_legend (CmFigure    *self,
             Text        *t,
             cairo_t     *cr,
             const guint *counts,
             double       x0,
             double       y0,
             double       width)
{
  const CmPaintStyle *st = &t->style;
  double x = x0, y = y0, line_h = 0, gap = pt (12), sw = pt (4);
  guint nc = self->n_categories;

  for (guint c = 0; c <= nc; c++)
    {
      g_autofree char *count = NULL;
      g_autofree char *item = NULL;
      const char *label;
      CmRgba color;
      PangoLayout *layout;
      double w, h;

      if (c == nc)
        {
          /* Without categories, one entry for all; with them, none for
           * announcements that have none unless there are some. */
          if (nc > 0 && counts[nc] == 0)
            break;
          label = self->s->announcements;
          cm_rgba_from_rgb24 (&color, nc == 0 ? 0x0072B2 : 0x999999);
        }
      else
        {
          const CmCategory *cat = cm_dataset_get_category (self->dataset, c);

          if (!self->category_shown[c])
            continue;
          label = cat->label;
          cm_rgba_from_rgb24 (&color, cat->color);
        }
      count = cm_format_count (counts[c]);
      item = g_markup_printf_escaped ("%s <span alpha=\"70%%\">%s</span>", label, count);
      layout = text_layout (t, "", LEGEND_PT, FALSE, -1);
      pango_layout_set_markup (layout, item, -1);
      text_size (layout, &w, &h);
      /* Longer than a row: wrapped within the row's width. */
      if (w + 2 * sw + pt (4) > width)
        {
          pango_layout_set_width (layout, (int) ((width - 2 * sw - pt (4)) * PANGO_SCALE));
          text_size (layout, &w, &h);
        }
      if (x > x0 && x + 2 * sw + pt (4) + w > x0 + width)
        {
          x = x0;
          y += line_h + pt (3);
          line_h = 0;
        }
      if (cr != NULL)
        {
          PangoLayoutIter *iter = pango_layout_get_iter (layout);
          double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

          pango_layout_iter_free (iter);
          CmRgba ink;

          cairo_arc (cr, x + sw, y + baseline - pt (LEGEND_PT) * 0.35, sw, 0, 2 * G_PI);
          cm_set_source_rgba (cr, &color);
          /* Rimmed as the marks are where the colour is too pale for the
           * page: the key must read as its marks do. */
          if (cm_paint_style_mark_ink (st, &color, &ink))
            {
              cairo_fill_preserve (cr);
              cm_set_source_rgba (cr, &ink);
              cairo_set_line_width (cr, pt (0.75));
              cairo_stroke (cr);
            }
          else
            cairo_fill (cr);
          text_show (cr, layout, x + 2 * sw + pt (4), y, &st->foreground);
        }
      line_h = MAX (line_h, h);
      x += 2 * sw + pt (4) + w + gap;
    }
  return y + line_h - y0;
}

static void
draw_empty_note (CmFigure *self,
                 Text     *t,
                 cairo_t  *cr,
                 double    x,
                 double    y,
                 double    width,
                 double    height)
{
  g_autofree char *from = cm_figure_format_day (self->from, self->zh);
  g_autofree char *to = cm_figure_format_day (self->to - 1, self->zh);
  g_autofree char *text = g_strdup_printf (self->s->empty, from, to);
  PangoLayout *layout = text_layout (t, text, 12, TRUE, width * 0.8);
  CmRgba panel = t->style.background;
  double w, h;

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  text_size (layout, &w, &h);
  panel.a = 0.9;
  cairo_rectangle (cr, x + (width - w) / 2 - pt (8), y + (height - h) / 2 - pt (6), w + pt (16), h + pt (12));
  cm_set_source_rgba (cr, &panel);
  cairo_fill (cr);
  text_show (cr, layout, x + (width - width * 0.8) / 2, y + (height - h) / 2, &t->style.foreground);
}

/* The frame's date ------------------------------------------------------ */

/* The widest the date can be: the same width for every frame, so that
 * the words beside it keep their lines. */
static double
date_width (CmFigure *self,
            Text     *t,
            double    size)
{
  double widest = 0;
  int year, m, d, h, mi, s;

  if (self->o.at < CM_DATE_CE_MIN || self->o.at > CM_DATE_CE_MAX)
    {
      g_autofree char *text = cm_figure_format_day (self->o.at, self->zh);

      text_size (text_layout (t, text, size, TRUE, -1), &widest, NULL);
      return widest;
    }
  cm_time_to_civil (self->o.at, &year, &m, &d, &h, &mi, &s);
  for (int month = 1; month <= 12; month++)
    {
      g_autofree char *text = cm_figure_format_day (cm_time_from_civil (year, month, 28, 0, 0, 0), self->zh);
      double w;

      text_size (text_layout (t, text, size, TRUE, -1), &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

static double
date_height (Text   *t,
             double  size)
{
  double h;

  text_size (text_layout (t, "0", size, TRUE, -1), NULL, &h);
  return h;
}

/* The playhead's day, right-aligned at @right. */
static void
draw_date (CmFigure *self,
           Text     *t,
           cairo_t  *cr,
           double    size,
           double    right,
           double    top)
{
  g_autofree char *text = cm_figure_format_day (self->o.at, self->zh);
  PangoLayout *layout = text_layout (t, text, size, TRUE, -1);
  double w;

  text_size (layout, &w, NULL);
  text_show (cr, layout, right - w, top, &t->style.foreground);
}

/* On a view: in the corner at (@right, @y), the top right one or with
 * @bottom the bottom right, on a panel, sized to the view's @height so
 * that it stays clear of most of it. */
void
_cm_figure_draw_date_panel (CmFigure           *self,
                            cairo_t            *cr,
                            const CmPaintStyle *style,
                            double              right,
                            double              y,
                            double              height,
                            gboolean            bottom)
{
  Text t;
  CmRgba panel = style->background;
  double size = CLAMP (height * 0.16 / CM_PAGE_PX_PER_PT, 12, 28), pad = size * 0.3, w, h;

  text_init (&t, style);
  w = date_width (self, &t, size);
  h = date_height (&t, size);
  if (bottom)
    y -= h + 2 * pad;
  panel.a = 0.8;
  cairo_rectangle (cr, right - pad - w - 2 * pad, y + pad, w + 2 * pad, h + pad);
  cm_set_source_rgba (cr, &panel);
  cairo_fill (cr);
  draw_date (self, &t, cr, size, right - 2 * pad, y + pad * 1.5);
  text_clear (&t);
}

/* The composed figure --------------------------------------------------- */

typedef struct
{
  double title_h, subtitle_h, header_h, legend_h, caption_h, footer_h;
  double x, width;        /* the text column */
  double words_width;     /* of the title and subtitle: beside the date */
  double date_w;
  double views_y, views_h;
} Frame;

static void
footer_text (CmFigure *self,
             GString  *footer)
{
  const CmFigureOptions *o = &self->o;
  g_autofree char *sources = sources_text (self);

  if (sources != NULL)
    g_string_append (footer, sources);
  if (cm_figure_view_has_map (o->view) && o->basemap != NULL)
    {
      const char *attribution = cm_basemap_get_attribution (o->basemap);

      if (attribution == NULL)
        attribution = cm_basemap_get_display_name (o->basemap);
      if (attribution != NULL)
        g_string_append_printf (footer, "%s%s%s", footer->len > 0 ? "\n" : "", self->s->base_map, attribution);
    }
  if (o->footer_note != NULL && o->footer_note[0] != '\0')
    g_string_append_printf (footer, "%s%s", footer->len > 0 ? "\n" : "", o->footer_note);
}

/* Measures the words, then shares what is left between the views. A
 * frame of an animation is measured with the last frame's words. */
static void
measure (CmFigure   *self,
         Text       *t,
         const char *title,
         const char *footer,
         double      margin,
         Frame      *f)
{
  const CmFigureOptions *o = &self->o;
  g_autofree char *subtitle = o->no_title ? NULL : subtitle_text (self, self->frame_mode);
  /* With a map the date goes on it; a timeline's is beside the title. */
  gboolean date = self->frame_mode && o->has_at && !cm_figure_view_has_map (o->view);

  f->x = margin;
  f->width = o->width - 2 * margin;
  f->words_width = f->width;
  if (date)
    {
      f->date_w = date_width (self, t, DATE_PT);
      f->words_width = MAX (f->width - f->date_w - pt (12), f->width * 0.4);
    }
  f->title_h = text_block (t, NULL, title, TITLE_PT, TRUE, NULL, 0, 0, f->words_width);
  f->subtitle_h = text_block (t, NULL, subtitle, SUBTITLE_PT, FALSE, NULL, 0, 0, f->words_width);
  f->header_h = f->title_h + (f->title_h > 0 ? pt (2) : 0) + f->subtitle_h;
  if (date)
    f->header_h = MAX (f->header_h, date_height (t, DATE_PT));
  /* The curve counts places, not categories: no legend of them. */
  f->legend_h = o->view == CM_FIGURE_VIEW_ADOPTION
                ? 0 : draw_legend (self, t, NULL, _cm_figure_counts (self, self->frame_mode, NULL), f->x, 0, f->width);
  f->caption_h = text_block (t, NULL, o->caption, CAPTION_PT, FALSE, NULL, 0, 0, f->width);
  f->footer_h = text_block (t, NULL, footer, FOOTER_PT, FALSE, NULL, 0, 0, f->width);
  f->views_y = margin + f->header_h + (f->header_h > 0 ? pt (8) : 0) + f->legend_h + pt (8);
  f->views_h = o->height - margin - f->views_y - (f->caption_h > 0 ? f->caption_h + pt (6) : 0)
               - (f->footer_h > 0 ? f->footer_h + pt (6) : 0);
  f->views_h = MAX (f->views_h, 40);
}

void
_cm_figure_draw_composed (CmFigure *self,
                          cairo_t  *cr)
{
  const CmFigureOptions *o = &self->o;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GString) footer = g_string_new (NULL);
  gboolean map = cm_figure_view_has_map (o->view);
  gboolean timeline = o->view == CM_FIGURE_VIEW_TIMELINE || o->view == CM_FIGURE_VIEW_BOTH;
  double margin = CLAMP (MIN (o->width, o->height) * 0.045, 12, 48);
  CmPaintStyle style;
  Text t;
  Frame f = { 0 };
  double y, map_h = 0, tl_h = 0;

  cm_paint_style_init_for (&style, o->dark, NULL);
  /* Lines snap to the device's pixels, which are smaller than ours on a
   * high-resolution PNG. */
  if (cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      double sx = 1, sy = 0;

      cairo_user_to_device_distance (cr, &sx, &sy);
      style.scale = MAX (sx, 1);
    }
  text_init (&t, &style);
  _cm_figure_ensure_views (self, map, timeline);

  cm_set_source_rgba (cr, &style.background);
  cairo_paint (cr);

  if (!o->no_title)
    {
      title = cm_export_figure_title (self->dataset, o);
      subtitle = subtitle_text (self, FALSE);
    }
  footer_text (self, footer);
  measure (self, &t, title, footer->str, margin, &f);
  if (map && timeline)
    {
      /* Up to three fifths for lanes that need it: a map keeps its
       * meaning smaller, a lane left out is lost. */
      tl_h = _cm_figure_timeline_height (self, &style, f.width, floor (f.views_h * 0.6));
      map_h = f.views_h - tl_h - pt (6);
    }
  else if (map)
    map_h = f.views_h;
  else if (timeline)
    tl_h = f.views_h;

  y = margin;
  if (self->frame_mode && o->has_at && !map)
    draw_date (self, &t, cr, DATE_PT, f.x + f.width, y);
  text_block (&t, cr, title, TITLE_PT, TRUE, &style.foreground, f.x, y, f.words_width);
  y += f.title_h + (f.title_h > 0 ? pt (2) : 0);
  text_block (&t, cr, subtitle, SUBTITLE_PT, FALSE, &style.dim_foreground, f.x, y, f.words_width);
  y = margin + f.header_h + (f.header_h > 0 ? pt (8) : 0);
  if (o->view != CM_FIGURE_VIEW_ADOPTION)
    draw_legend (self, &t, cr, _cm_figure_counts (self, FALSE, NULL), f.x, y, f.width);

  y = f.views_y;
  if (map)
    {
      _cm_figure_draw_map (self, cr, &style, f.x, y, f.width, map_h,
                           CM_MAP_OVERLAY_SCALE_BAR | CM_MAP_OVERLAY_LEGEND);
      if (self->frame_mode && o->has_at)
        _cm_figure_draw_date_panel (self, cr, &style, f.x + f.width, y, map_h, FALSE);
      cairo_rectangle (cr, f.x + 0.25, y + 0.25, f.width - 0.5, map_h - 0.5);
      cm_set_source_rgba (cr, &style.dim_foreground);
      cairo_set_line_width (cr, 0.5);
      cairo_stroke (cr);
      y += map_h + pt (6);
    }
  if (timeline)
    {
      cairo_save (cr);
      cairo_translate (cr, f.x, y);
      _cm_figure_draw_timeline (self, cr, &style, f.width, tl_h, FALSE, NULL);
      cairo_restore (cr);
    }
  if (o->view == CM_FIGURE_VIEW_ADOPTION)
    {
      cairo_save (cr);
      cairo_translate (cr, f.x, y);
      _cm_figure_draw_adoption (self, cr, &style, f.width, f.views_h);
      cairo_restore (cr);
    }
  /* A frame before the first announcement is the animation's start, not
   * an empty figure. */
  if (self->n_shown == 0 && !(self->frame_mode && self->n_final > 0))
    draw_empty_note (self, &t, cr, f.x, f.views_y, f.width, f.views_h);

  y = o->height - margin - (f.footer_h > 0 ? f.footer_h : 0) - (f.caption_h > 0 ? f.caption_h + pt (6) : 0);
  if (f.caption_h > 0)
    {
      text_block (&t, cr, o->caption, CAPTION_PT, FALSE, &style.foreground, f.x, y, f.width);
      y += f.caption_h + pt (6);
    }
  text_block (&t, cr, footer->str, FOOTER_PT, FALSE, &style.dim_foreground, f.x, y, f.width);
  text_clear (&t);
}
