/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-export"

#include <webp/encode.h>
#include <webp/mux.h>

#include "cm-animation-private.h"
#include "cm-export-write.h"

/* An animated WebP through libwebp's WebPAnimEncoder, lossless: a figure
 * is flat colour and text, which lossless keeps exact and small, and the
 * encoder stores each frame as the rectangle that changed. Little effort:
 * on the sample's 18 frames at 640×480, method 1 at quality 25 makes a
 * file 3.6 times smaller than the least effort (69 KB, not 251 KB) for
 * 0.15 s more; more effort saves a few KB for as much time again. */

struct _CmWebpWriter
{
  WebPAnimEncoder *encoder;
  WebPConfig       config;
  int              width, height;
};

static void
set_error (GError     **error,
           const char  *what,
           const char  *detail)
{
  g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_CAIRO, "WebP: %s%s%s", what,
               detail != NULL && detail[0] != '\0' ? ": " : "", detail != NULL ? detail : "");
}

CmWebpWriter *
_cm_webp_writer_new (int      width,
                     int      height,
                     GError **error)
{
  g_autoptr(CmWebpWriter) self = g_new0 (CmWebpWriter, 1);
  WebPAnimEncoderOptions options;

  if (!WebPAnimEncoderOptionsInit (&options) || !WebPConfigInit (&self->config))
    {
      set_error (error, "the library does not match its headers", NULL);
      return NULL;
    }
  options.anim_params.loop_count = 0;   /* for ever */
  options.minimize_size = 0;
  options.allow_mixed = 0;
  self->config.lossless = 1;
  self->config.method = 1;
  self->config.quality = 25;
  self->width = width;
  self->height = height;
  self->encoder = WebPAnimEncoderNew (width, height, &options);
  if (self->encoder == NULL || !WebPValidateConfig (&self->config))
    {
      set_error (error, "cannot make an encoder of this size", NULL);
      return NULL;
    }
  return g_steal_pointer (&self);
}

gboolean
_cm_webp_writer_add (CmWebpWriter    *self,
                     cairo_surface_t *frame,
                     gint64           timestamp,
                     GError         **error)
{
  const guint8 *data = cairo_image_surface_get_data (frame);
  int stride = cairo_image_surface_get_stride (frame);
  WebPPicture picture;
  gboolean ok;

  if (!WebPPictureInit (&picture))
    {
      set_error (error, "the library does not match its headers", NULL);
      return FALSE;
    }
  picture.width = self->width;
  picture.height = self->height;
  picture.use_argb = 1;
  /* Cairo's ARGB32 is a native-endian word: B, G, R, A in memory on a
   * little-endian machine. The frames are opaque, so premultiplied or
   * not makes no difference. */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  ok = WebPPictureImportBGRA (&picture, data, stride);
#else
  g_autofree guint8 *rgba = g_malloc ((gsize) self->width * self->height * 4);

  for (int y = 0; y < self->height; y++)
    for (int x = 0; x < self->width; x++)
      {
        guint32 p = ((const guint32 *) (data + (gsize) y * stride))[x];
        guint8 *q = rgba + ((gsize) y * self->width + x) * 4;

        q[0] = p >> 16, q[1] = p >> 8, q[2] = p, q[3] = p >> 24;
      }
  ok = WebPPictureImportRGBA (&picture, rgba, self->width * 4);
#endif
  if (!ok)
    {
      WebPPictureFree (&picture);
      set_error (error, "out of memory", NULL);
      return FALSE;
    }
  ok = WebPAnimEncoderAdd (self->encoder, &picture, (int) timestamp, &self->config);
  WebPPictureFree (&picture);
  if (!ok)
    set_error (error, "cannot encode a frame", WebPAnimEncoderGetError (self->encoder));
  return ok;
}

gboolean
_cm_webp_writer_finish (CmWebpWriter  *self,
                        gint64         end,
                        GOutputStream *out,
                        GCancellable  *cancellable,
                        GError       **error)
{
  WebPData data;
  gboolean ok;

  WebPDataInit (&data);
  if (!WebPAnimEncoderAdd (self->encoder, NULL, (int) end, NULL)
      || !WebPAnimEncoderAssemble (self->encoder, &data))
    {
      set_error (error, "cannot assemble the animation", WebPAnimEncoderGetError (self->encoder));
      return FALSE;
    }
  ok = g_output_stream_write_all (out, data.bytes, data.size, NULL, cancellable, error);
  WebPDataClear (&data);
  return ok;
}

void
_cm_webp_writer_free (CmWebpWriter *self)
{
  if (self == NULL)
    return;
  if (self->encoder != NULL)
    WebPAnimEncoderDelete (self->encoder);
  g_free (self);
}
