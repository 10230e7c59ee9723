/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  CM_EXPORT_PNG,
  CM_EXPORT_SVG,
  CM_EXPORT_PDF,
} CmExportFormat;

#define CM_EXPORT_ERROR (cm_export_error_quark ())

typedef enum
{
  CM_EXPORT_ERROR_DRAW,   /* the draw function could not draw; its own message */
  CM_EXPORT_ERROR_CAIRO,  /* cairo failed other than by writing (memory, size) */
} CmExportError;

/* Draws the page on @cr. Returns FALSE with @error set (CM_EXPORT_ERROR_DRAW)
 * when there is nothing sensible to draw. */
typedef gboolean (*CmExportDrawFunc) (cairo_t         *cr,
                                      CmExportFormat   format,
                                      gpointer         user_data,
                                      GError         **error);

/* Returns a new stream that writes through to @base, without closing it.
 * Tests put one that fails between the renderer and the file. */
typedef GOutputStream *(*CmExportWrapFunc) (GOutputStream *base,
                                            gpointer       user_data);

/* What a report file carries besides its drawing. */
typedef struct
{
  double      dpi;       /* PNG: pixels per inch, written as its pHYs chunk */
  const char *title;     /* PDF metadata and the SVG's <title>; may be NULL */
  const char *subject;   /* PDF metadata; may be NULL */
} CmExportMeta;

GQuark   cm_export_error_quark (void);

gboolean cm_export_write       (GOutputStream     *out,
                                CmExportFormat     format,
                                int                width,
                                int                height,
                                CmExportDrawFunc   draw,
                                gpointer           user_data,
                                GError           **error);

/* A page @width × @height in CSS pixels (1/96 inch), whatever the format:
 * @draw gets a cairo_t whose unit is that pixel, scaled to @meta's dpi on
 * a PNG (so a 300-dpi PNG has the PDF's layout, in pixels) and to points
 * on SVG and PDF. */
gboolean cm_export_write_page  (GOutputStream      *out,
                                CmExportFormat      format,
                                double              width,
                                double              height,
                                const CmExportMeta *meta,
                                CmExportDrawFunc    draw,
                                gpointer            user_data,
                                GError            **error);
/* The PNG's size in pixels for a page of @width × @height CSS pixels. */
void     cm_export_png_size    (double              width,
                                double              height,
                                double              dpi,
                                int                *px_width,
                                int                *px_height);

G_END_DECLS
