/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cm-config.h"

#include <cairo.h>
#include <string.h>

#include "cm-png-write.h"
#include "cm-test-png.h"

/* The PNG writer: what a reader finds in the file (colour type, pHYs, text
 * chunks) and the pixels read back through cairo, opaque and translucent. */

static GBytes *
write_png (cairo_surface_t    *surface,
           const CmExportMeta *meta)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_png_write (out, surface, meta, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

typedef struct
{
  GBytes *bytes;
  gsize   at;
} Reader;

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  Reader *r = closure;
  gsize size;
  const guint8 *d = g_bytes_get_data (r->bytes, &size);

  if (r->at + length > size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, d + r->at, length);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

/* Every pixel of @png, read back by cairo, equals @expected's. */
static void
assert_same_pixels (GBytes          *png,
                    cairo_surface_t *expected)
{
  Reader r = { png, 0 };
  cairo_surface_t *read = cairo_image_surface_create_from_png_stream (read_bytes, &r);
  int w = cairo_image_surface_get_width (expected), h = cairo_image_surface_get_height (expected);

  g_assert_cmpint (cairo_surface_status (read), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (read), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (read), ==, h);
  for (int y = 0; y < h; y++)
    {
      const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (read) + y * cairo_image_surface_get_stride (read));
      const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (expected)
                                            + y * cairo_image_surface_get_stride (expected));

      for (int x = 0; x < w; x++)
        if (a[x] != b[x])
          g_error ("pixel %d,%d: read %08x, drawn %08x", x, y, a[x], b[x]);
    }
  cairo_surface_destroy (read);
}

/* An opaque figure: white, a red square and an antialiased blue disc. */
static cairo_surface_t *
draw_opaque (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 97, 61);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
  cairo_rectangle (cr, 5, 5, 30, 20);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.0, 0.45, 0.7);
  cairo_arc (cr, 60, 30, 20.3, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static void
test_opaque (void)
{
  cairo_surface_t *s = draw_opaque ();
  CmExportMeta meta = { 300, "Metaverse 元宇宙", "Jan 2022 – Dec 2022" };
  g_autoptr(GBytes) png = write_png (s, &meta);
  CmTestPngChunks c = cm_test_png_chunks_read (png);

  g_assert_cmpuint (c.colour_type, ==, 2);   /* RGB: no alpha channel to store */
  g_assert_cmpuint (c.ppm, ==, 11811);       /* 300 dpi */
  g_assert_cmpstr (g_hash_table_lookup (c.text, "Title"), ==, "Metaverse 元宇宙");
  g_assert_true (g_hash_table_contains (c.itxt, "Title"));   /* not Latin-1: UTF-8 in iTXt */
  g_assert_cmpstr (g_hash_table_lookup (c.text, "Description"), ==, "Jan 2022 – Dec 2022");
  g_assert_cmpstr (g_hash_table_lookup (c.text, "Software"), ==, "Chronomap " PACKAGE_VERSION);
  g_assert_false (g_hash_table_contains (c.itxt, "Software"));
  assert_same_pixels (png, s);
  cm_test_png_chunks_clear (&c);
  cairo_surface_destroy (s);
}

/* A translucent drawing keeps its alpha, un-premultiplied in the file:
 * cairo premultiplies it again to the very same pixels. */
static void
test_translucent (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 48);
  cairo_t *cr = cairo_create (s);
  g_autoptr(GBytes) png = NULL;
  CmTestPngChunks c;

  for (int i = 0; i < 16; i++)
    {
      cairo_set_source_rgba (cr, i / 15.0, 0.5, 1 - i / 15.0, (i + 1) / 16.0);
      cairo_arc (cr, 4 + i * 3.7, 10 + (i % 4) * 9.3, 6.1, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (s);
  png = write_png (s, NULL);
  c = cm_test_png_chunks_read (png);
  g_assert_cmpuint (c.colour_type, ==, 6);   /* RGBA */
  g_assert_cmpuint (c.ppm, ==, 0);           /* no dpi, no pHYs */
  g_assert_null (g_hash_table_lookup (c.text, "Title"));
  assert_same_pixels (png, s);
  {
    /* Translucent pixels of every kind, so un-premultiplying is what the
     * round trip tested. */
    guint translucent = 0, clear = 0;

    for (int y = 0; y < 48; y++)
      for (int x = 0; x < 64; x++)
        {
          guint32 a = ((const guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s)))[x] >> 24;

          translucent += a > 0 && a < 255;
          clear += a == 0;
        }
    g_assert_cmpuint (translucent, >, 500);
    g_assert_cmpuint (clear, >, 100);
  }
  cm_test_png_chunks_clear (&c);
  cairo_surface_destroy (s);
}

/* An RGB24 surface's fourth byte means nothing: it is opaque whatever the
 * byte holds, and an ASCII title stays in tEXt. */
static void
test_rgb24 (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 8, 8);
  CmExportMeta meta = { 96, "Plain", NULL };
  g_autoptr(GBytes) png = NULL;
  CmTestPngChunks c;

  memset (cairo_image_surface_get_data (s), 0x40, (gsize) cairo_image_surface_get_stride (s) * 8);
  cairo_surface_mark_dirty (s);
  png = write_png (s, &meta);
  c = cm_test_png_chunks_read (png);
  g_assert_cmpuint (c.colour_type, ==, 2);
  g_assert_cmpuint (c.ppm, ==, 3780);   /* 96 dpi */
  g_assert_cmpstr (g_hash_table_lookup (c.text, "Title"), ==, "Plain");
  g_assert_false (g_hash_table_contains (c.itxt, "Title"));
  g_assert_false (g_hash_table_contains (c.text, "Description"));
  cm_test_png_chunks_clear (&c);
  cairo_surface_destroy (s);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/png-write/opaque", test_opaque);
  g_test_add_func ("/png-write/translucent", test_translucent);
  g_test_add_func ("/png-write/rgb24", test_rgb24);
  return g_test_run ();
}
