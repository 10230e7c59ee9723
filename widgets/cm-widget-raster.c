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
