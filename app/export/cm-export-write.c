/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "cm-export-write.h"

/* Cairo reports a failed write only as CAIRO_STATUS_WRITE_ERROR, and for SVG
 * and PDF only when the surface is finished. The sink keeps the stream's own
 * error so the caller can say why (disk full, permission, I/O). */
typedef struct
{
  GOutputStream *out;
  GError        *error;
} Sink;

G_DEFINE_QUARK (cm-export-error-quark, cm_export_error)

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  Sink *sink = closure;

  /* Cairo stops writing after an error, but make sure: a later write that
   * succeeded would leave a hole in the file. */
  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->out, data, length, NULL, NULL, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
create_surface (CmExportFormat  format,
                int             width,
                int             height,
                Sink           *sink)
{
  switch (format)
    {
    case CM_EXPORT_SVG:
      return cairo_svg_surface_create_for_stream (sink_write, sink, width, height);
    case CM_EXPORT_PDF:
      return cairo_pdf_surface_create_for_stream (sink_write, sink, width, height);
    case CM_EXPORT_PNG:
    default:
      /* Drawn in memory, written as PNG at the end. */
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
}

/* Draws with @draw and writes the result to @out as @format. Any failure,
 * including a write error anywhere in the stream, returns FALSE with @error
 * set: the draw function's error, the stream's error, or a
 * CM_EXPORT_ERROR_CAIRO one. @out is left open either way, and after a
 * failure it holds an unusable part of a file. */
gboolean
cm_export_write (GOutputStream     *out,
                 CmExportFormat     format,
                 int                width,
                 int                height,
                 CmExportDrawFunc   draw,
                 gpointer           user_data,
                 GError           **error)
{
  g_autoptr(GError) draw_error = NULL;
  Sink sink = { out, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  gboolean drawn = TRUE;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = create_surface (format, width, height, &sink);
  /* A surface can be in error from the start (a size or memory cairo lacks). */
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      cairo_t *cr = cairo_create (surface);

      drawn = draw (cr, format, user_data, &draw_error);
      cairo_destroy (cr);
      if (drawn && format == CM_EXPORT_PNG)
        status = cairo_surface_write_to_png_stream (surface, sink_write, &sink);
    }
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (!drawn)
    {
      g_clear_error (&sink.error);
      if (draw_error == NULL)
        g_set_error_literal (&draw_error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW, "Nothing could be drawn");
      g_propagate_error (error, g_steal_pointer (&draw_error));
      return FALSE;
    }
  if (sink.error != NULL)
    {
      g_propagate_error (error, sink.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_CAIRO, "Cairo: %s", cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
