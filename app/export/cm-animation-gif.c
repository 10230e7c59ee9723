/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-export"

#include <gif_lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cm-animation-private.h"
#include "cm-export-write.h"

/* A GIF through giflib, with one palette for every frame: a median cut
 * of the colours of sample frames, refined by two rounds of k-means, so
 * that a flat colour keeps one index from frame to frame. No dithering:
 * on flat fills and text it would only add noise that changes with every
 * frame. Each frame after the first stores only the rectangle that
 * changed, over the one before. */

#define BITS     6                      /* per channel, in the histogram */
#define N_BINS   (1 << (3 * BITS))
#define N_COLORS 256

typedef struct
{
  guint32 key;                          /* r, g, b in BITS each */
  guint64 count;
  guint64 sum[3];
} Bin;

struct _CmGifWriter
{
  GifFileType   *gif;
  GOutputStream *out;
  GCancellable  *cancellable;
  GError        *write_error;
  int            width, height;
  guint8         palette[N_COLORS][3];
  guint          n_colors;
  gint16        *lookup;                /* N_BINS: palette index, -1 unknown */
  guint8        *previous;              /* the last frame, as indices */
  guint8        *current;
  gboolean       first;
};

static guint32
key_of (guint32 argb)
{
  guint32 r = (argb >> 16) & 0xff, g = (argb >> 8) & 0xff, b = argb & 0xff;

  return (r >> (8 - BITS)) << (2 * BITS) | (g >> (8 - BITS)) << BITS | (b >> (8 - BITS));
}

static guint
distance (const guint8 *a,
          const double *b)
{
  double dr = a[0] - b[0], dg = a[1] - b[1], db = a[2] - b[2];

  /* Green weighs most, blue least, as the eye sees differences. */
  return (guint) (2 * dr * dr + 4 * dg * dg + 3 * db * db);
}

static guint
nearest (const guint8 (*palette)[3],
         guint         n,
         const double *color)
{
  guint best = 0, best_d = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    {
      guint d = distance (palette[i], color);

      if (d < best_d)
        best = i, best_d = d;
    }
  return best;
}

static void
bin_mean (const Bin *bin,
          double    *color)
{
  for (int c = 0; c < 3; c++)
    color[c] = (double) bin->sum[c] / (double) bin->count;
}

/* Median cut ------------------------------------------------------------ */

typedef struct
{
  guint  first, n;                      /* bins[first .. first + n] */
  guint64 count;
  int    axis;
  double extent;
} Box;

static int
compare_bins (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  int axis = GPOINTER_TO_INT (user_data);
  double x[3], y[3];

  bin_mean (a, x);
  bin_mean (b, y);
  return x[axis] < y[axis] ? -1 : x[axis] > y[axis];
}

static void
box_measure (Box       *box,
             const Bin *bins)
{
  double lo[3] = { 255, 255, 255 }, hi[3] = { 0, 0, 0 };

  box->count = 0;
  for (guint i = box->first; i < box->first + box->n; i++)
    {
      double c[3];

      bin_mean (&bins[i], c);
      for (int k = 0; k < 3; k++)
        lo[k] = MIN (lo[k], c[k]), hi[k] = MAX (hi[k], c[k]);
      box->count += bins[i].count;
    }
  box->axis = 0;
  for (int k = 1; k < 3; k++)
    if (hi[k] - lo[k] > hi[box->axis] - lo[box->axis])
      box->axis = k;
  box->extent = hi[box->axis] - lo[box->axis];
}

static void
median_cut (Bin          *bins,
            guint         n_bins,
            guint8      (*palette)[3],
            guint        *n_colors)
{
  Box boxes[N_COLORS];
  guint n_boxes = 1;

  boxes[0] = (Box) { 0, n_bins, 0, 0, 0 };
  box_measure (&boxes[0], bins);
  while (n_boxes < N_COLORS)
    {
      guint pick = G_MAXUINT;
      double best = 0;
      guint64 half, seen = 0;
      guint split;
      Box *b;

      /* The box whose colours spread most, weighed by how many pixels
       * it holds: a rare colour far off gets its own entry all the same,
       * once the common ones are resolved. */
      for (guint i = 0; i < n_boxes; i++)
        if (boxes[i].n > 1 && boxes[i].extent * (1 + sqrt ((double) boxes[i].count)) > best)
          best = boxes[i].extent * (1 + sqrt ((double) boxes[i].count)), pick = i;
      if (pick == G_MAXUINT)
        break;
      b = &boxes[pick];
      g_qsort_with_data (bins + b->first, (gint) b->n, sizeof (Bin), compare_bins, GINT_TO_POINTER (b->axis));
      half = b->count / 2;
      for (split = 1; split < b->n - 1; split++)
        {
          seen += bins[b->first + split - 1].count;
          if (seen >= half)
            break;
        }
      boxes[n_boxes] = (Box) { b->first + split, b->n - split, 0, 0, 0 };
      b->n = split;
      box_measure (b, bins);
      box_measure (&boxes[n_boxes], bins);
      n_boxes++;
    }
  for (guint i = 0; i < n_boxes; i++)
    {
      double sum[3] = { 0, 0, 0 }, count = 0;

      for (guint j = boxes[i].first; j < boxes[i].first + boxes[i].n; j++)
        {
          for (int k = 0; k < 3; k++)
            sum[k] += (double) bins[j].sum[k];
          count += (double) bins[j].count;
        }
      for (int k = 0; k < 3; k++)
        palette[i][k] = (guint8) CLAMP (sum[k] / count + 0.5, 0, 255);
    }
  *n_colors = n_boxes;
}

/* Moves each entry to the mean of the colours nearest to it. */
static void
refine (const Bin *bins,
        guint      n_bins,
        guint8   (*palette)[3],
        guint      n_colors)
{
  g_autofree double *sum = g_new (double, (gsize) n_colors * 4);

  memset (sum, 0, sizeof (double) * n_colors * 4);
  for (guint i = 0; i < n_bins; i++)
    {
      double c[3];
      guint p;

      bin_mean (&bins[i], c);
      p = nearest ((const guint8 (*)[3]) palette, n_colors, c);
      for (int k = 0; k < 3; k++)
        sum[p * 4 + k] += (double) bins[i].sum[k];
      sum[p * 4 + 3] += (double) bins[i].count;
    }
  for (guint p = 0; p < n_colors; p++)
    if (sum[p * 4 + 3] > 0)
      for (int k = 0; k < 3; k++)
        palette[p][k] = (guint8) CLAMP (sum[p * 4 + k] / sum[p * 4 + 3] + 0.5, 0, 255);
}

static void
make_palette (CmGifWriter      *self,
              cairo_surface_t **samples,
              guint             n_samples)
{
  g_autofree Bin *all = g_new0 (Bin, N_BINS);
  g_autofree Bin *bins = NULL;
  guint n_bins = 0;

  for (guint s = 0; s < n_samples; s++)
    {
      const guint8 *data = cairo_image_surface_get_data (samples[s]);
      int stride = cairo_image_surface_get_stride (samples[s]);

      for (int y = 0; y < self->height; y++)
        for (int x = 0; x < self->width; x++)
          {
            guint32 p = ((const guint32 *) (data + (gsize) y * stride))[x];
            Bin *bin = &all[key_of (p)];

            bin->count++;
            bin->sum[0] += (p >> 16) & 0xff;
            bin->sum[1] += (p >> 8) & 0xff;
            bin->sum[2] += p & 0xff;
          }
    }
  bins = g_new (Bin, N_BINS);
  for (guint32 k = 0; k < N_BINS; k++)
    if (all[k].count > 0)
      {
        bins[n_bins] = all[k];
        bins[n_bins++].key = k;
      }
  if (n_bins == 0)
    {
      self->n_colors = 1;
      return;
    }
  median_cut (bins, n_bins, self->palette, &self->n_colors);
  for (int round = 0; round < 2; round++)
    refine (bins, n_bins, self->palette, self->n_colors);
}

static guint8
index_of (CmGifWriter *self,
          guint32      argb)
{
  guint32 key = key_of (argb);

  if (self->lookup[key] < 0)
    {
      double c[3] = { (argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff };

      self->lookup[key] = (gint16) nearest ((const guint8 (*)[3]) self->palette, self->n_colors, c);
    }
  return (guint8) self->lookup[key];
}

/* Writing --------------------------------------------------------------- */

static int
write_bytes (GifFileType       *gif,
             const GifByteType *bytes,
             int                length)
{
  CmGifWriter *self = gif->UserData;

  if (self->write_error != NULL
      || !g_output_stream_write_all (self->out, bytes, (gsize) length, NULL, self->cancellable,
                                     &self->write_error))
    return 0;
  return length;
}

static gboolean
check (CmGifWriter  *self,
       int           result,
       GError      **error)
{
  if (result == GIF_OK)
    return TRUE;
  if (self->write_error != NULL)
    g_propagate_error (error, g_steal_pointer (&self->write_error));
  else
    g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_CAIRO, "GIF: %s",
                 GifErrorString (self->gif != NULL ? self->gif->Error : 0));
  return FALSE;
}

CmGifWriter *
_cm_gif_writer_new (GOutputStream    *out,
                    cairo_surface_t **samples,
                    guint             n_samples,
                    GCancellable     *cancellable,
                    GError          **error)
{
  g_autoptr(CmGifWriter) self = g_new0 (CmGifWriter, 1);
  static GifByteType loop[3] = { 1, 0, 0 };   /* the NETSCAPE2.0 block: loop for ever */
  GifColorType colors[N_COLORS] = { { 0, 0, 0 } };
  ColorMapObject *map;
  int status = GIF_OK;

  self->out = out;
  self->cancellable = cancellable;
  self->width = cairo_image_surface_get_width (samples[0]);
  self->height = cairo_image_surface_get_height (samples[0]);
  if (self->width > 65535 || self->height > 65535)
    {
      g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_CAIRO, "GIF: at most 65535 pixels a side");
      return NULL;
    }
  make_palette (self, samples, n_samples);
  self->lookup = g_new (gint16, N_BINS);
  memset (self->lookup, 0xff, sizeof (gint16) * N_BINS);
  self->previous = g_malloc ((gsize) self->width * self->height);
  self->current = g_malloc ((gsize) self->width * self->height);
  self->first = TRUE;

  self->gif = EGifOpen (self, write_bytes, &status);
  if (self->gif == NULL)
    return check (self, status == GIF_OK ? GIF_ERROR : status, error), NULL;
  EGifSetGifVersion (self->gif, true);
  for (guint i = 0; i < self->n_colors; i++)
    colors[i] = (GifColorType) { self->palette[i][0], self->palette[i][1], self->palette[i][2] };
  map = GifMakeMapObject (N_COLORS, colors);
  status = EGifPutScreenDesc (self->gif, self->width, self->height, 8, 0, map);
  GifFreeMapObject (map);
  if (!check (self, status, error)
      || !check (self, EGifPutExtensionLeader (self->gif, APPLICATION_EXT_FUNC_CODE), error)
      || !check (self, EGifPutExtensionBlock (self->gif, 11, "NETSCAPE2.0"), error)
      || !check (self, EGifPutExtensionBlock (self->gif, 3, loop), error)
      || !check (self, EGifPutExtensionTrailer (self->gif), error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
_cm_gif_writer_add (CmGifWriter     *self,
                    cairo_surface_t *frame,
                    guint            delay,
                    GError         **error)
{
  const guint8 *data = cairo_image_surface_get_data (frame);
  int stride = cairo_image_surface_get_stride (frame);
  int x0 = self->width, y0 = self->height, x1 = -1, y1 = -1, w = self->width;
  GraphicsControlBlock gcb = { DISPOSE_DO_NOT, false, (int) delay, NO_TRANSPARENT_COLOR };
  GifByteType extension[4];
  guint8 *swap;

  for (int y = 0; y < self->height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      guint8 *out = self->current + (gsize) y * w;
      const guint8 *before = self->previous + (gsize) y * w;

      for (int x = 0; x < w; x++)
        {
          out[x] = index_of (self, row[x]);
          if (self->first || out[x] != before[x])
            x0 = MIN (x0, x), x1 = MAX (x1, x), y0 = MIN (y0, y), y1 = MAX (y1, y);
        }
    }
  /* Nothing changed: one pixel, so that the frame and its delay stay. */
  if (x1 < 0)
    x0 = x1 = y0 = y1 = 0;
  EGifGCBToExtension (&gcb, extension);
  if (!check (self, EGifPutExtension (self->gif, GRAPHICS_EXT_FUNC_CODE, 4, extension), error)
      || !check (self, EGifPutImageDesc (self->gif, x0, y0, x1 - x0 + 1, y1 - y0 + 1, false, NULL), error))
    return FALSE;
  for (int y = y0; y <= y1; y++)
    if (!check (self, EGifPutLine (self->gif, self->current + (gsize) y * w + x0, x1 - x0 + 1), error))
      return FALSE;
  swap = self->previous;
  self->previous = self->current;
  self->current = swap;
  self->first = FALSE;
  return TRUE;
}

gboolean
_cm_gif_writer_finish (CmGifWriter  *self,
                       GError      **error)
{
  int status = GIF_OK;
  int result = EGifCloseFile (self->gif, &status);

  /* Closed, even when it failed. */
  self->gif = NULL;
  if (result == GIF_OK)
    return TRUE;
  if (self->write_error != NULL)
    g_propagate_error (error, g_steal_pointer (&self->write_error));
  else
    g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_CAIRO, "GIF: %s", GifErrorString (status));
  return FALSE;
}

void
_cm_gif_writer_free (CmGifWriter *self)
{
  if (self == NULL)
    return;
  if (self->gif != NULL)
    EGifCloseFile (self->gif, NULL);
  g_clear_error (&self->write_error);
  g_free (self->lookup);
  g_free (self->previous);
  g_free (self->current);
  g_free (self);
}
