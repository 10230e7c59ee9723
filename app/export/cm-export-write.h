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

GQuark   cm_export_error_quark (void);

gboolean cm_export_write       (GOutputStream     *out,
                                CmExportFormat     format,
                                int                width,
                                int                height,
                                CmExportDrawFunc   draw,
                                gpointer           user_data,
                                GError           **error);

G_END_DECLS
