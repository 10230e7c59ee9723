/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cm-widget-raster.h"

cairo_t *
cm_widget_raster_begin (int width,
                        int height,
                        int scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  cairo_surface_destroy (surface);
  return cr;
}

void
cm_widget_raster_append (cairo_t     *cr,
                         GtkSnapshot *snapshot,
                         int          width,
                         int          height)
{
  cairo_surface_t *surface = cairo_surface_reference (cairo_get_target (cr));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  cairo_destroy (cr);
  cairo_surface_flush (surface);
  /* The texture keeps the surface alive; no copy. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface)
                                      * cairo_image_surface_get_height (surface),
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                    cairo_image_surface_get_height (surface),
                                    GDK_MEMORY_DEFAULT, bytes, cairo_image_surface_get_stride (surface));
  gtk_snapshot_append_texture (snapshot, texture, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static double
luminance (const GdkRGBA *c)
{
  return 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;
}

void
cm_widget_paint_style (GtkWidget    *widget,
                       gboolean      dark,
                       CmPaintStyle *style)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA rgba;
  CmRgba accent;
  gboolean theme_dark, has_accent = FALSE;

  /* Light text means the theme is dark: AdwStyleManager switching the
   * stylesheet is followed even when the app binds nothing to "dark". */
  gtk_style_context_get_color (context, &rgba);
  theme_dark = luminance (&rgba) > 0.5;
  /* A theme that did not switch with the "dark" flag (no libadwaita, or
   * the flag set by hand) has an accent meant for the other background. */
  if (theme_dark == (dark || theme_dark)
      && gtk_style_context_lookup_color (context, "accent_color", &rgba))
    {
      accent = (CmRgba) { rgba.red, rgba.green, rgba.blue, 1.0 };
      has_accent = TRUE;
    }
  cm_paint_style_init_for (style, dark || theme_dark, has_accent ? &accent : NULL);
  style->scale = gtk_widget_get_scale_factor (widget);
}
