/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-export"

#include "cm-config.h"

#include <math.h>
#include <png.h>

#include "cm-png-write.h"

/* PNGs through libpng, not cairo_surface_write_to_png_stream(): cairo
 * chooses libpng's adaptive filters at zlib's default level and writes no
 * pHYs. A report figure is flat colour, lines and text. Measured on
 * 300-dpi A4 figures (the sample, 1k and 1M, light and dark; CPU time of
 * the write, size against cairo's file): cairo's adaptive filters at
 * level 6 take 330–390 ms; no filter at level 3 takes 60–75 ms for files
 * 11–16 % larger (650–765 KB). With no filter, levels 1–3 cost the same
 * and 3 is the smallest; level 4 and up switch zlib to lazy matching,
 * which costs 2.5 times as much for 10 % less. Sub, Up and Paeth filters
 * only add time here, and Z_RLE makes larger files. */
#define PNG_LEVEL 3

typedef struct
{
  GOutputStream *out;
  GError        *error;
} Sink;

static void
sink_write (png_structp png,
            png_bytep   data,
            size_t      length)
{
  Sink *sink = png_get_io_ptr (png);

  if (!g_output_stream_write_all (sink->out, data, length, NULL, NULL, &sink->error))
    png_error (png, "write failed");
}

static void
sink_flush (png_structp png)
{
}

static void
on_error (png_structp     png,
          png_const_charp message)
{
  Sink *sink = png_get_error_ptr (png);

  /* A failed write keeps the stream's own error. */
  if (sink->error == NULL)
    g_set_error (&sink->error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_CAIRO, "PNG: %s", message);
  png_longjmp (png, 1);
}

static void
on_warning (png_structp     png,
            png_const_charp message)
{
  g_debug ("PNG: %s", message);
}

static gboolean
is_opaque (const guint8 *data,
           int           width,
           int           height,
           int           stride)
{
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * (gsize) stride);

      for (int x = 0; x < width; x++)
        if (row[x] < 0xff000000u)
          return FALSE;
    }
  return TRUE;
}

/* Cairo's pixels are native-endian 32-bit words, premultiplied. */
static void
to_rgb (const guint32 *src,
        guint8        *dst,
        int            width)
{
  for (int x = 0; x < width; x++, dst += 3)
    {
      guint32 p = src[x];

      dst[0] = (guint8) (p >> 16);
      dst[1] = (guint8) (p >> 8);
      dst[2] = (guint8) p;
    }
}

static void
to_rgba (const guint32 *src,
         guint8        *dst,
         int            width)
{
  for (int x = 0; x < width; x++, dst += 4)
    {
      guint32 p = src[x];
      guint a = p >> 24;

      if (a == 0)
        {
          dst[0] = dst[1] = dst[2] = dst[3] = 0;
          continue;
        }
      dst[0] = (guint8) ((((p >> 16) & 0xff) * 255 + a / 2) / a);
      dst[1] = (guint8) ((((p >> 8) & 0xff) * 255 + a / 2) / a);
      dst[2] = (guint8) (((p & 0xff) * 255 + a / 2) / a);
      dst[3] = (guint8) a;
    }
}

static void
add_text (png_text   *text,
          int        *n,
          const char *key,
          const char *value)
{
  if (value == NULL || value[0] == '\0')
    return;
  /* tEXt is Latin-1: anything else goes in iTXt, which is UTF-8. */
  text[*n] = (png_text) {
    .compression = g_str_is_ascii (value) ? PNG_TEXT_COMPRESSION_NONE : PNG_ITXT_COMPRESSION_NONE,
    .key = (png_charp) key,
    .text = (png_charp) value,
  };
  (*n)++;
}

/* Everything that can longjmp back here, in a function of its own: no
 * local of the caller is changed between the setjmp and a longjmp. */
static gboolean
write_png (png_structp         png,
           png_infop           info,
           cairo_surface_t    *image,
           gboolean            alpha,
           const CmExportMeta *meta,
           guint8             *row)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guint8 *data = cairo_image_surface_get_data (image);
  png_text text[3];
  int n_text = 0;

  if (setjmp (png_jmpbuf (png)))
    return FALSE;

  png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8,
                alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_compression_level (png, PNG_LEVEL);
  if (meta != NULL && meta->dpi > 0)
    {
      /* Without it a viewer or a word processor takes 72 or 96 dpi and a
       * 300-dpi figure comes out three times too big. */
      png_uint_32 ppm = (png_uint_32) lround (meta->dpi / 0.0254);

      png_set_pHYs (png, info, ppm, ppm, PNG_RESOLUTION_METER);
    }
  add_text (text, &n_text, "Title", meta != NULL ? meta->title : NULL);
  add_text (text, &n_text, "Description", meta != NULL ? meta->subject : NULL);
  add_text (text, &n_text, "Software", "Chronomap " PACKAGE_VERSION);
  png_set_text (png, info, text, n_text);
  png_write_info (png, info);
  for (int y = 0; y < height; y++)
    {
      const guint32 *src = (const guint32 *) (data + (gsize) y * (gsize) stride);

      if (alpha)
        to_rgba (src, row, width);
      else
        to_rgb (src, row, width);
      png_write_row (png, row);
    }
  png_write_end (png, info);
  return TRUE;
}

gboolean
cm_png_write (GOutputStream      *out,
              cairo_surface_t    *image,
              const CmExportMeta *meta,
              GError            **error)
{
  Sink sink = { out, NULL };
  cairo_format_t format;
  g_autofree guint8 *row = NULL;
  png_structp png;
  png_infop info;
  gboolean alpha, ok;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (cairo_surface_get_type (image) == CAIRO_SURFACE_TYPE_IMAGE, FALSE);
  format = cairo_image_surface_get_format (image);
  g_return_val_if_fail (format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cairo_surface_flush (image);
  alpha = format == CAIRO_FORMAT_ARGB32
          && !is_opaque (cairo_image_surface_get_data (image), cairo_image_surface_get_width (image),
                         cairo_image_surface_get_height (image), cairo_image_surface_get_stride (image));
  row = g_malloc ((gsize) cairo_image_surface_get_width (image) * 4);
  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &sink, on_error, on_warning);
  info = png != NULL ? png_create_info_struct (png) : NULL;
  if (info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      g_set_error_literal (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_CAIRO, "PNG: out of memory");
      return FALSE;
    }
  png_set_write_fn (png, &sink, sink_write, sink_flush);
  ok = write_png (png, info, image, alpha, meta, row);
  png_destroy_write_struct (&png, &info);
  if (!ok)
    {
      if (sink.error == NULL)
        g_set_error_literal (&sink.error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_CAIRO, "PNG: could not be written");
      g_propagate_error (error, sink.error);
      return FALSE;
    }
  return TRUE;
}
