/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <math.h>
#include <string.h>

#include "cm-map-raster.h"

void
cm_map_mask_init (CmMapMask *mask,
                  int        width,
                  int        height,
                  double     device_scale)
{
  memset (mask, 0, sizeof *mask);
  mask->scale = device_scale > 0 ? device_scale : 1.0;
  mask->width = MAX (1, (int) ceil (width * mask->scale));
  mask->height = MAX (1, (int) ceil (height * mask->scale));
  mask->surface = cairo_image_surface_create (CAIRO_FORMAT_A8, mask->width, mask->height);
  cairo_surface_set_device_scale (mask->surface, mask->scale, mask->scale);
  cairo_surface_flush (mask->surface);
  mask->data = cairo_image_surface_get_data (mask->surface);
  mask->stride = cairo_image_surface_get_stride (mask->surface);
}

void
cm_map_mask_ensure (CmMapMask *mask,
                    int        width,
                    int        height,
                    double     device_scale)
{
  double scale = device_scale > 0 ? device_scale : 1.0;

  if (mask->surface != NULL && mask->scale == scale
      && mask->width == MAX (1, (int) ceil (width * scale))
      && mask->height == MAX (1, (int) ceil (height * scale)))
    return;
  cm_map_mask_release (mask);
  cm_map_mask_init (mask, width, height, device_scale);
}

void
cm_map_mask_clear (CmMapMask *mask)
{
  if (mask->data)
    memset (mask->data, 0, (gsize) mask->stride * mask->height);
}

void
cm_map_mask_release (CmMapMask *mask)
{
  g_clear_pointer (&mask->surface, cairo_surface_destroy);
  mask->data = NULL;
}

static inline void
plot (CmMapMask *m,
      int        x,
      int        y,
      double     a)
{
  guint8 *p, v;

  if (x < 0 || y < 0 || x >= m->width || y >= m->height || a <= 0)
    return;
  p = m->data + (gsize) y * m->stride + x;
  v = (guint8) MIN (255.0, a * 255.0 + 0.5);
  if (v > *p)
    *p = v;
}

/* Liang–Barsky: clip the segment to the mask (with a pixel of margin). */
static gboolean
clip (const CmMapMask *m,
      double          *x0,
      double          *y0,
      double          *x1,
      double          *y1)
{
  double t0 = 0, t1 = 1, dx = *x1 - *x0, dy = *y1 - *y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { *x0 + 1, m->width + 1 - *x0, *y0 + 1, m->height + 1 - *y0 };

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      double t = q[i] / p[i];
      if (p[i] < 0)
        t0 = MAX (t0, t);
      else
        t1 = MIN (t1, t);
      if (t0 > t1)
        return FALSE;
    }
  *x1 = *x0 + t1 * dx;
  *y1 = *y0 + t1 * dy;
  *x0 = *x0 + t0 * dx;
  *y0 = *y0 + t0 * dy;
  return TRUE;
}

void
cm_map_mask_line (CmMapMask *m,
                  double     x0,
                  double     y0,
                  double     x1,
                  double     y1,
                  double     intensity)
{
  gboolean steep;
  double slope, gain;
  int a, b;

  x0 *= m->scale, y0 *= m->scale, x1 *= m->scale, y1 *= m->scale;
  if (!isfinite (x0 + y0 + x1 + y1) || !clip (m, &x0, &y0, &x1, &y1))
    return;

  /* Step along the major axis one pixel at a time; the line's centre
   * splits its coverage between the two pixels across it. */
  steep = fabs (y1 - y0) > fabs (x1 - x0);
  if (steep)
    {
      double t;

      t = x0, x0 = y0, y0 = t;
      t = x1, x1 = y1, y1 = t;
    }
  if (x0 > x1)
    {
      double t;

      t = x0, x0 = x1, x1 = t;
      t = y0, y0 = y1, y1 = t;
    }
  slope = x1 > x0 ? (y1 - y0) / (x1 - x0) : 0;
  /* A diagonal crosses a column over a longer stretch: keep its weight
   * the same as a horizontal line's. */
  gain = intensity * sqrt (1 + slope * slope);
  a = (int) floor (x0);
  b = (int) floor (x1);
  for (int i = a; i <= b; i++)
    {
      double xc = CLAMP (i + 0.5, x0, x1);
      double yc = y0 + slope * (xc - x0) - 0.5;
      int j = (int) floor (yc);
      double f = yc - j;
      /* End pixels get the share of the line inside them (at least half:
       * the next segment of a polyline covers the rest, under max()). */
      double w = 1.0;

      if (i == a || i == b)
        w = MAX (0.5, MIN (i + 1.0, x1) - MAX ((double) i, x0));
      if (steep)
        {
          plot (m, j, i, MIN (1.0, gain * (1 - f)) * w);
          plot (m, j + 1, i, MIN (1.0, gain * f) * w);
        }
      else
        {
          plot (m, i, j, MIN (1.0, gain * (1 - f)) * w);
          plot (m, i, j + 1, MIN (1.0, gain * f) * w);
        }
    }
}

cairo_surface_t *
cm_map_mask_get_surface (CmMapMask *mask)
{
  cairo_surface_mark_dirty (mask->surface);
  return mask->surface;
}

void
cm_map_dilate_a8 (const guint8 *src,
                  int           src_stride,
                  guint8       *dst,
                  int           dst_stride,
                  int           width,
                  int           height,
                  double        radius,
                  double        gain)
{
  int reach = (int) ceil (radius + 0.5);
  int n = 0;
  struct { int dx, dy; guint32 w; } kernel[(2 * 8 + 1) * (2 * 8 + 1)];

  reach = CLAMP (reach, 0, 8);
  /* Weights in 1/256, gain included: the disk's rim is a one-pixel ramp,
   * so the grown edge is anti-aliased like a stroke's. */
  for (int dy = -reach; dy <= reach; dy++)
    for (int dx = -reach; dx <= reach; dx++)
      {
        double w = CLAMP (radius + 0.5 - hypot (dx, dy), 0.0, 1.0) * gain;

        if (w <= 0)
          continue;
        kernel[n].dx = dx;
        kernel[n].dy = dy;
        kernel[n].w = (guint32) (MIN (w, 255.0) * 256);
        n++;
      }

  /* Scatter from inked pixels only: text is mostly empty. */
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 v = src[y * src_stride + x];

        if (v == 0)
          continue;
        for (int k = 0; k < n; k++)
          {
            int tx = x + kernel[k].dx, ty = y + kernel[k].dy;
            guint32 c;
            guint8 *d;

            if (tx < 0 || ty < 0 || tx >= width || ty >= height)
              continue;
            c = MIN ((v * kernel[k].w) >> 8, 255u);
            d = &dst[ty * dst_stride + tx];
            if (c > *d)
              *d = (guint8) c;
          }
      }
}
