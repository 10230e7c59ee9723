/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n-lib.h>

#include <cairo-pdf.h>
#include <math.h>
#include <string.h>
#include <cairo-svg.h>

#include "cm-export-write.h"
#include "cm-png-write.h"

/* Cairo reports a failed write only as CAIRO_STATUS_WRITE_ERROR, and for SVG
 * and PDF only when the surface is finished. The sink keeps the stream's own
 * error so the caller can say why (disk full, permission, I/O). */
typedef struct
{
  GOutputStream *out;
  GError        *error;
  /* SVG: held whole, to put a <title> in; NULL when writing through. */
  GByteArray    *svg;
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

static cairo_status_t
svg_sink_write (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  Sink *sink = closure;

  g_byte_array_append (sink->svg, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The SVG as cairo wrote it, with a <title> first inside <svg>, which
 * screen readers and browsers show. */
static void
flush_svg (Sink       *sink,
           const char *title)
{
  const char *text = (const char *) sink->svg->data;
  const char *svg = g_strstr_len (text, sink->svg->len, "<svg");
  const char *end = svg != NULL ? memchr (svg, '>', sink->svg->len - (gsize) (svg - text)) : NULL;
  g_autofree char *escaped = g_markup_printf_escaped ("\n<title>%s</title>", title);
  gsize head;

  if (end == NULL)
    {
      sink_write (sink, sink->svg->data, sink->svg->len);
      return;
    }
  head = (gsize) (end + 1 - text);
  if (sink_write (sink, sink->svg->data, (unsigned int) head) == CAIRO_STATUS_SUCCESS
      && sink_write (sink, (const unsigned char *) escaped, (unsigned int) strlen (escaped)) == CAIRO_STATUS_SUCCESS)
    sink_write (sink, sink->svg->data + head, (unsigned int) (sink->svg->len - head));
}

static cairo_surface_t *
create_surface (CmExportFormat  format,
                double          width,
                double          height,
                Sink           *sink)
{
  switch (format)
    {
    case CM_EXPORT_SVG:
      return cairo_svg_surface_create_for_stream (sink->svg ? svg_sink_write : sink_write, sink, width, height);
    case CM_EXPORT_PDF:
      return cairo_pdf_surface_create_for_stream (sink_write, sink, width, height);
    case CM_EXPORT_PNG:
    default:
      /* Drawn in memory, written as PNG at the end. */
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
    }
}

static gboolean
write_surface (GOutputStream      *out,
               CmExportFormat      format,
               double              width,
               double              height,
               double              scale,
               const CmExportMeta *meta,
               CmExportDrawFunc    draw,
               gpointer            user_data,
               GError            **error)
{
  g_autoptr(GError) draw_error = NULL;
  g_autoptr(GByteArray) svg = NULL;
  Sink sink = { out, NULL, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  gboolean drawn = TRUE;

  if (format == CM_EXPORT_SVG && meta != NULL && meta->title != NULL)
    sink.svg = svg = g_byte_array_new ();
  surface = create_surface (format, width, height, &sink);
  if (format == CM_EXPORT_PDF)
    {
      if (meta != NULL && meta->title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, meta->title);
      if (meta != NULL && meta->subject != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, meta->subject);
      if (meta != NULL)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
          /* The form cairo reads: no fraction of a second. */
          g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Chronomap " PACKAGE_VERSION);
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
        }
    }
  /* A surface can be in error from the start (a size or memory cairo lacks). */
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      cairo_t *cr = cairo_create (surface);

      cairo_scale (cr, scale, scale);
      drawn = draw (cr, format, user_data, &draw_error);
      cairo_destroy (cr);
      if (drawn && format == CM_EXPORT_PNG && !cm_png_write (out, surface, meta, &sink.error))
        status = CAIRO_STATUS_WRITE_ERROR;
    }
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (drawn && status == CAIRO_STATUS_SUCCESS && sink.svg != NULL)
    flush_svg (&sink, meta != NULL ? meta->title : NULL);

  if (!drawn)
    {
      g_clear_error (&sink.error);
      if (draw_error == NULL)
        g_set_error_literal (&draw_error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW, _("Nothing could be drawn"));
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
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_surface (out, format, width, height, 1.0, NULL, draw, user_data, error);
}

void
cm_export_png_size (double  width,
                    double  height,
                    double  dpi,
                    int    *px_width,
                    int    *px_height)
{
  *px_width = (int) MAX (round (width * dpi / 96.0), 1);
  *px_height = (int) MAX (round (height * dpi / 96.0), 1);
}

/* As cm_export_write(), for a page measured in CSS pixels: see the
 * header. */
gboolean
cm_export_write_page (GOutputStream      *out,
                      CmExportFormat      format,
                      double              width,
                      double              height,
                      const CmExportMeta *meta,
                      CmExportDrawFunc    draw,
                      gpointer            user_data,
                      GError            **error)
{
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (format == CM_EXPORT_PNG)
    {
      double dpi = meta != NULL && meta->dpi > 0 ? meta->dpi : 96.0;
      int w, h;

      cm_export_png_size (width, height, dpi, &w, &h);
      return write_surface (out, format, w, h, dpi / 96.0, meta, draw, user_data, error);
    }
  /* Points: 72 to the inch. */
  return write_surface (out, format, width * 0.75, height * 0.75, 0.75, meta, draw, user_data, error);
}
