/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>

/* What a reader finds in a PNG file besides its pixels. */
typedef struct
{
  guint8      colour_type;
  guint32     ppm;          /* pHYs, pixels a metre; 0 when there is none */
  GHashTable *text;         /* keyword → text, from tEXt and iTXt */
  GHashTable *itxt;         /* the keywords that came in iTXt */
} CmTestPngChunks;

static inline guint32
cm_test_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* Walks the chunks, checking that each is whole and ends with IEND. */
static inline CmTestPngChunks
cm_test_png_chunks_read (GBytes *png)
{
  gsize size;
  const guint8 *d = g_bytes_get_data (png, &size);
  CmTestPngChunks c = { 0, 0, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
                        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  gsize at = 8;
  gboolean end = FALSE;

  g_assert_cmpuint (size, >, 8);
  g_assert_cmpmem (d, 8, "\x89PNG\r\n\x1a\n", 8);
  while (!end)
    {
      guint32 len;
      const char *type;
      const guint8 *data;

      g_assert_cmpuint (at + 12, <=, size);
      len = cm_test_be32 (d + at);
      type = (const char *) d + at + 4;
      data = d + at + 8;
      g_assert_cmpuint (at + 12 + len, <=, size);
      if (memcmp (type, "IHDR", 4) == 0)
        c.colour_type = data[9];
      else if (memcmp (type, "pHYs", 4) == 0)
        {
          g_assert_cmpuint (len, ==, 9);
          g_assert_cmpuint (cm_test_be32 (data), ==, cm_test_be32 (data + 4));
          g_assert_cmpuint (data[8], ==, 1);   /* the metre */
          c.ppm = cm_test_be32 (data);
        }
      else if (memcmp (type, "tEXt", 4) == 0)
        {
          gsize key = strlen ((const char *) data);

          g_hash_table_insert (c.text, g_strdup ((const char *) data),
                               g_strndup ((const char *) data + key + 1, len - key - 1));
        }
      else if (memcmp (type, "iTXt", 4) == 0)
        {
          /* keyword \0 compression-flag method language \0 translated \0 text */
          const char *p = (const char *) data, *stop = p + len;
          const char *key = p;

          p += strlen (p) + 1;
          g_assert_cmpuint ((guchar) p[0], ==, 0);   /* not compressed */
          p += 2;
          p += strlen (p) + 1;
          p += strlen (p) + 1;
          g_assert_true (p <= stop);
          g_hash_table_insert (c.text, g_strdup (key), g_strndup (p, (gsize) (stop - p)));
          g_hash_table_add (c.itxt, g_strdup (key));
        }
      end = memcmp (type, "IEND", 4) == 0;
      at += 12 + len;
    }
  g_assert_cmpuint (at, ==, size);
  return c;
}

static inline void
cm_test_png_chunks_clear (CmTestPngChunks *c)
{
  g_hash_table_unref (c->text);
  g_hash_table_unref (c->itxt);
}
