/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-canvas"

#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "cm-canvas.h"

gboolean
cm_canvas_begin (CmCanvas *canvas,
                 cairo_t  *cr)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_rectangle_list_t *clip;
  cairo_matrix_t m;
  double sx, sy, ox, oy, cx0, cy0, cx1, cy1;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE
      || cairo_image_surface_get_format (target) != CAIRO_FORMAT_ARGB32
      || cairo_get_operator (cr) != CAIRO_OPERATOR_OVER)
    return FALSE;
  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (target, &sx, &sy);
  if (m.xy != 0 || m.yx != 0 || m.xx != m.yy || m.xx <= 0 || sx != sy)
    return FALSE;

  clip = cairo_copy_clip_rectangle_list (cr);
  if (clip->status != CAIRO_STATUS_SUCCESS || clip->num_rectangles != 1)
    {
      cairo_rectangle_list_destroy (clip);
      return FALSE;
    }
  cx0 = clip->rectangles[0].x;
  cy0 = clip->rectangles[0].y;
  cx1 = cx0 + clip->rectangles[0].width;
  cy1 = cy0 + clip->rectangles[0].height;
  cairo_rectangle_list_destroy (clip);

  cairo_surface_get_device_offset (target, &ox, &oy);
  canvas->surface = target;
  canvas->scale = m.xx * sx;
  canvas->ox = m.x0 * sx + ox;
  canvas->oy = m.y0 * sy + oy;
  /* Pixels whose centres lie inside the clip, as cairo clips to a
   * pixel-aligned rectangle. */
  canvas->x0 = MAX (0, (int) ceil (cx0 * canvas->scale + canvas->ox - 0.5));
  canvas->y0 = MAX (0, (int) ceil (cy0 * canvas->scale + canvas->oy - 0.5));
  canvas->x1 = MIN (cairo_image_surface_get_width (target),
                    (int) ceil (cx1 * canvas->scale + canvas->ox - 0.5));
  canvas->y1 = MIN (cairo_image_surface_get_height (target),
                    (int) ceil (cy1 * canvas->scale + canvas->oy - 0.5));
  canvas->data = NULL;
  canvas->stride = cairo_image_surface_get_stride (target);
  return TRUE;
}

/* Premultiplied, 0..255 per channel, scaled by coverage in 0..1. */
typedef struct
{
  double a, r, g, b;
} Premul;

static inline Premul
premul (const CmRgba *c)
{
  return (Premul) { c->a * 255, c->r * c->a * 255, c->g * c->a * 255, c->b * c->a * 255 };
}

static inline void
blend (guint32 *p,
       Premul   s,
       double   coverage)
{
  guint32 d = *p;
  double k = 1 - s.a * coverage / 255;
  guint32 a = (guint32) (s.a * coverage + (d >> 24) * k + 0.5);
  guint32 r = (guint32) (s.r * coverage + ((d >> 16) & 0xff) * k + 0.5);
  guint32 g = (guint32) (s.g * coverage + ((d >> 8) & 0xff) * k + 0.5);
  guint32 b = (guint32) (s.b * coverage + (d & 0xff) * k + 0.5);

  *p = (MIN (a, 255u) << 24) | (MIN (r, 255u) << 16) | (MIN (g, 255u) << 8) | MIN (b, 255u);
}

/* The device pixels [x0, x1) × [y0, y1) clipped into @out, and the
 * surface's pixels opened for writing; FALSE when nothing is left. */
static gboolean
open_pixels (CmCanvas *c,
             int       x0,
             int       y0,
             int       x1,
             int       y1,
             int       out[4])
{
  out[0] = MAX (c->x0, x0);
  out[1] = MAX (c->y0, y0);
  out[2] = MIN (c->x1, x1);
  out[3] = MIN (c->y1, y1);
  if (out[0] >= out[2] || out[1] >= out[3])
    return FALSE;
  cairo_surface_flush (c->surface);
  c->data = cairo_image_surface_get_data (c->surface);
  return TRUE;
}

/* The same for a circle of radius @reach about (@x, @y), in device units. */
static gboolean
box (CmCanvas *c,
     double    x,
     double    y,
     double    reach,
     int       out[4])
{
  return open_pixels (c, (int) floor (x - reach), (int) floor (y - reach),
                      (int) ceil (x + reach) + 1, (int) ceil (y + reach) + 1, out);
}

static void
done (CmCanvas  *c,
      const int  b[4])
{
  cairo_surface_mark_dirty_rectangle (c->surface, b[0], b[1], b[2] - b[0], b[3] - b[1]);
}

/* How much of the pixel [@p, @p + 1) lies in [@lo, @hi). */
static inline double
span_coverage (int    p,
               double lo,
               double hi)
{
  return MAX (0.0, MIN (p + 1.0, hi) - MAX ((double) p, lo));
}

/* OVER with an opaque-coverage source: @src premultiplied, @inv its
 * 255 − alpha. Two channels per multiply, rounded as pixman does. */
static inline guint32
over_solid (guint32 d,
            guint32 src,
            guint32 inv)
{
  guint32 rb = (d & 0xff00ff) * inv + 0x800080;
  guint32 ag = ((d >> 8) & 0xff00ff) * inv + 0x800080;

  rb = ((rb + ((rb >> 8) & 0xff00ff)) >> 8) & 0xff00ff;
  ag = (ag + ((ag >> 8) & 0xff00ff)) & 0xff00ff00;
  return src + (rb | ag);
}

/* over_solid() along @n pixels, four at a time where SSE2 is there. */
static void
over_solid_run (guint32 *row,
                int      n,
                guint32  src,
                guint32  inv)
{
#ifdef __SSE2__
  const __m128i vsrc = _mm_set1_epi32 ((int) src);
  const __m128i vinv = _mm_set1_epi16 ((short) inv);
  const __m128i half = _mm_set1_epi16 (128);
  const __m128i zero = _mm_setzero_si128 ();

  for (; n >= 4; n -= 4, row += 4)
    {
      __m128i d = _mm_loadu_si128 ((const __m128i *) row);
      __m128i lo = _mm_add_epi16 (_mm_mullo_epi16 (_mm_unpacklo_epi8 (d, zero), vinv), half);
      __m128i hi = _mm_add_epi16 (_mm_mullo_epi16 (_mm_unpackhi_epi8 (d, zero), vinv), half);

      lo = _mm_srli_epi16 (_mm_add_epi16 (lo, _mm_srli_epi16 (lo, 8)), 8);
      hi = _mm_srli_epi16 (_mm_add_epi16 (hi, _mm_srli_epi16 (hi, 8)), 8);
      _mm_storeu_si128 ((__m128i *) row, _mm_add_epi8 (_mm_packus_epi16 (lo, hi), vsrc));
    }
#endif
  for (; n > 0; n--, row++)
    *row = over_solid (*row, src, inv);
}

void
cm_canvas_box (CmCanvas     *canvas,
               double        x0,
               double        y0,
               double        x1,
               double        y1,
               const CmRgba *color)
{
  Premul s = premul (color);
  guint32 src, inv;
  int b[4], ix0, ix1;

  x0 = x0 * canvas->scale + canvas->ox;
  x1 = x1 * canvas->scale + canvas->ox;
  y0 = y0 * canvas->scale + canvas->oy;
  y1 = y1 * canvas->scale + canvas->oy;
  if (s.a <= 0 || !open_pixels (canvas, (int) floor (x0), (int) floor (y0), (int) ceil (x1), (int) ceil (y1), b))
    return;
  src = ((guint32) (s.a + 0.5) << 24) | ((guint32) (s.r + 0.5) << 16)
        | ((guint32) (s.g + 0.5) << 8) | (guint32) (s.b + 0.5);
  inv = 255 - (src >> 24);
  /* Columns wholly inside, where rows wholly inside need no coverage. */
  ix0 = CLAMP ((int) ceil (x0), b[0], b[2]);
  ix1 = CLAMP ((int) floor (x1), ix0, b[2]);
  for (int py = b[1]; py < b[3]; py++)
    {
      guint32 *row = (guint32 *) (canvas->data + (gsize) py * canvas->stride);
      double cy = span_coverage (py, y0, y1);
      int px = b[0];

      if (cy >= 1)
        {
          for (; px < ix0; px++)
            blend (&row[px], s, span_coverage (px, x0, x1));
          over_solid_run (row + px, ix1 - px, src, inv);
          px = MAX (px, ix1);
        }
      for (; px < b[2]; px++)
        blend (&row[px], s, cy * span_coverage (px, x0, x1));
    }
  done (canvas, b);
}

/* How much of a pixel at distance @d from the centre lies between radii
 * @inner and @outer: the overlap of [d − ½, d + ½] with them. */
static inline double
radial_coverage (double d,
                 double inner,
                 double outer)
{
  double lo = MAX (d - 0.5, inner), hi = MIN (d + 0.5, outer);

  return hi > lo ? MIN (hi - lo, 1.0) : 0.0;
}

static void
annulus (CmCanvas     *c,
         double        x,
         double        y,
         double        inner,
         double        outer,
         const CmRgba *color)
{
  Premul s = premul (color);
  double cx = x * c->scale + c->ox, cy = y * c->scale + c->oy;
  int b[4];

  inner *= c->scale;
  outer *= c->scale;
  if (s.a <= 0 || outer <= 0 || !box (c, cx, cy, outer + 1, b))
    return;
  for (int py = b[1]; py < b[3]; py++)
    {
      guint32 *row = (guint32 *) (c->data + (gsize) py * c->stride);
      double dy = py + 0.5 - cy;

      for (int px = b[0]; px < b[2]; px++)
        {
          double dx = px + 0.5 - cx;
          double cov = radial_coverage (sqrt (dx * dx + dy * dy), inner, outer);

          if (cov > 0)
            blend (&row[px], s, cov);
        }
    }
  done (c, b);
}

void
cm_canvas_disc (CmCanvas     *canvas,
                double        x,
                double        y,
                double        r,
                const CmRgba *color)
{
  annulus (canvas, x, y, -1, r, color);
}

void
cm_canvas_ring (CmCanvas     *canvas,
                double        x,
                double        y,
                double        r,
                double        line_width,
                const CmRgba *color)
{
  annulus (canvas, x, y, r - line_width / 2, r + line_width / 2, color);
}

/* A monotonic stand-in for the angle of (dx, dy), in [0, 4): no trig per
 * pixel, and wedges are told apart just as well. */
static inline double
pseudo_angle (double dx,
              double dy)
{
  double p = dy / (fabs (dx) + fabs (dy));

  return dx < 0 ? 2 - p : (dy < 0 ? 4 + p : p);
}

#define MAX_WEDGES 64

/* The wedge a direction falls in: the last boundary at or before it,
 * boundaries given as pseudo-angles relative to the first. */
static inline guint
wedge_of (double        dx,
          double        dy,
          double        first,
          const double *bounds,
          guint         n)
{
  double a = pseudo_angle (dx, dy) - first;
  guint k = 0;

  if (a < 0)
    a += 4;
  while (k + 1 < n && a >= bounds[k + 1])
    k++;
  return k;
}

void
cm_canvas_pie (CmCanvas     *canvas,
               double        x,
               double        y,
               double        r,
               double        start,
               guint         n,
               const double *sweeps,
               const CmRgba *colors)
{
  CmCanvas *c = canvas;
  double cx = x * c->scale + c->ox, cy = y * c->scale + c->oy;
  double bounds[MAX_WEDGES], ux[MAX_WEDGES], uy[MAX_WEDGES], first, angle = start;
  Premul s[MAX_WEDGES];
  int b[4];

  if (n <= 1 || n > MAX_WEDGES)
    {
      if (n >= 1)
        cm_canvas_disc (c, x, y, r, &colors[0]);
      return;
    }
  r *= c->scale;
  first = pseudo_angle (cos (start), sin (start));
  for (guint k = 0; k < n; k++)
    {
      double a;

      ux[k] = cos (angle);
      uy[k] = sin (angle);
      a = pseudo_angle (ux[k], uy[k]) - first;
      bounds[k] = k == 0 ? 0 : (a < 0 ? a + 4 : a);
      s[k] = premul (&colors[k]);
      angle += sweeps[k];
    }
  if (r <= 0 || !box (c, cx, cy, r + 1, b))
    return;

  for (int py = b[1]; py < b[3]; py++)
    {
      guint32 *row = (guint32 *) (c->data + (gsize) py * c->stride);
      double dy = py + 0.5 - cy;

      for (int px = b[0]; px < b[2]; px++)
        {
          double dx = px + 0.5 - cx, d = sqrt (dx * dx + dy * dy);
          double cov = radial_coverage (d, -1, r), near = G_MAXDOUBLE;
          Premul mix = { 0, 0, 0, 0 };

          if (cov <= 0)
            continue;
          /* Distance to the nearest boundary ray: within a pixel of one,
           * the wedges share the pixel by 4 × 4 samples. */
          for (guint k = 0; k < n; k++)
            near = MIN (near, dx * ux[k] + dy * uy[k] > 0 ? fabs (dx * uy[k] - dy * ux[k]) : d);
          if (near >= 0.75)
            mix = s[wedge_of (dx, dy, first, bounds, n)];
          else
            for (int j = 0; j < 16; j++)
              {
                double sx = dx + ((j & 3) - 1.5) / 4, sy = dy + ((j >> 2) - 1.5) / 4;
                Premul w;

                if (sx == 0 && sy == 0)
                  sx = 1e-9;
                w = s[wedge_of (sx, sy, first, bounds, n)];
                mix.a += w.a / 16;
                mix.r += w.r / 16;
                mix.g += w.g / 16;
                mix.b += w.b / 16;
              }
          blend (&row[px], mix, cov);
        }
    }
  done (c, b);
}
