/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-painter"

#include <math.h>

#include "cm-painter-common.h"


void
cm_paint_style_init (CmPaintStyle *style,
                     gboolean      dark)
{
  g_return_if_fail (style != NULL);

  style->dark = dark;
  if (dark)
    {
      style->background = (CmRgba) { 0.14, 0.14, 0.15, 1.0 };
      style->foreground = (CmRgba) { 0.93, 0.93, 0.93, 1.0 };
      style->dim_foreground = (CmRgba) { 0.62, 0.62, 0.64, 1.0 };
      style->accent = (CmRgba) { 0.47, 0.68, 0.93, 1.0 };
    }
  else
    {
      style->background = (CmRgba) { 1.0, 1.0, 1.0, 1.0 };
      style->foreground = (CmRgba) { 0.13, 0.13, 0.14, 1.0 };
      style->dim_foreground = (CmRgba) { 0.42, 0.42, 0.45, 1.0 };
      style->accent = (CmRgba) { 0.21, 0.52, 0.89, 1.0 };
    }
  style->font_family = "Noto Sans, Noto Sans CJK SC, sans-serif";
  style->font_size = 9.0;
  style->scale = 1.0;
}

/**
 * cm_paint_style_init_for:
 * @style: the style to fill
 * @dark: whether to draw light on dark
 * @accent: (nullable): the accent colour (selection, brush, playhead), or
 *   %NULL for the painters' own
 *
 * The one way from a theme's choices to a painter's style: background and
 * text colours follow @dark only, never a theme's own, so that a widget
 * and an export of the same view agree pixel for pixel. Only the accent,
 * which marks what the user is doing and never appears in an export,
 * follows the theme.
 */
void
cm_paint_style_init_for (CmPaintStyle *style,
                         gboolean      dark,
                         const CmRgba *accent)
{
  g_return_if_fail (style != NULL);

  cm_paint_style_init (style, dark);
  if (accent != NULL)
    style->accent = (CmRgba) { accent->r, accent->g, accent->b, 1.0 };
}

void
cm_rgba_from_rgb24 (CmRgba  *rgba,
                    guint32  rgb)
{
  rgba->r = ((rgb >> 16) & 0xff) / 255.0;
  rgba->g = ((rgb >> 8) & 0xff) / 255.0;
  rgba->b = (rgb & 0xff) / 255.0;
  rgba->a = 1.0;
}

void
cm_set_source_rgba (cairo_t      *cr,
                    const CmRgba *rgba)
{
  cairo_set_source_rgba (cr, rgba->r, rgba->g, rgba->b, rgba->a);
}

void
cm_set_source_rgba_alpha (cairo_t      *cr,
                          const CmRgba *rgba,
                          double        alpha)
{
  cairo_set_source_rgba (cr, rgba->r, rgba->g, rgba->b, rgba->a * alpha);
}

double
cm_paint_style_snap (const CmPaintStyle *style,
                     double              v)
{
  double s = style->scale > 0 ? style->scale : 1;

  return (floor (v * s) + 0.5) / s;
}

void
cm_painter_fonts_update (const CmPaintStyle     *style,
                         PangoLayout            *layout,
                         PangoFontDescription  **font,
                         PangoFontDescription  **bold,
                         double                 *line_height)
{
  PangoRectangle logical;

  g_clear_pointer (font, pango_font_description_free);
  g_clear_pointer (bold, pango_font_description_free);
  *font = pango_font_description_from_string (style->font_family);
  pango_font_description_set_size (*font, (int) (style->font_size * PANGO_SCALE));
  *bold = pango_font_description_copy (*font);
  pango_font_description_set_weight (*bold, PANGO_WEIGHT_SEMIBOLD);

  /* Latin ascenders and descenders and a CJK glyph: the tallest line. */
  pango_layout_set_font_description (layout, *bold);
  pango_layout_set_text (layout, "Ag年", -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  *line_height = logical.height;
}

PangoContext *
cm_painter_pango_context_new (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, 96);
  cairo_font_options_destroy (options);
  return context;
}
