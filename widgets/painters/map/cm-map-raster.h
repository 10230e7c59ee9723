/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Thin anti-aliased lines drawn straight into an A8 mask. Cairo's stroker
 * spends ~50 ms on a country's worth of one-pixel borders at 1600×900;
 * a Wu-style line costs a few nanoseconds a pixel. Coverage is combined
 * with max(), so polylines do not darken at their vertices and borders
 * drawn twice stay one line. Only for rasters: vector targets stroke. */
typedef struct
{
  cairo_surface_t *surface;    /* CAIRO_FORMAT_A8 */
  guint8          *data;
  int              width, height, stride;
  double           scale;      /* device pixels per user unit */
} CmMapMask;

void cm_map_mask_init    (CmMapMask *mask,
                          int        width,
                          int        height,
                          double     device_scale);
/* Keeps @mask if it already has that size, else makes it anew (cleared). */
void cm_map_mask_ensure  (CmMapMask *mask,
                          int        width,
                          int        height,
                          double     device_scale);
void cm_map_mask_clear   (CmMapMask *mask);
void cm_map_mask_release (CmMapMask *mask);
/* A line in user units; @intensity (0..1) is the peak coverage. */
void cm_map_mask_line    (CmMapMask *mask,
                          double     x0,
                          double     y0,
                          double     x1,
                          double     y1,
                          double     intensity);
/* Hand the drawn mask to cairo (flushes and marks it dirty). */
cairo_surface_t *cm_map_mask_get_surface (CmMapMask *mask);

/* A halo for text on rasters: @dst (A8, @dst_stride, @width × @height,
 * cleared by the caller) becomes @src's coverage grown by @radius device
 * pixels, with an anti-aliased rim, times @gain (capped at opaque) so
 * that faint hairline strokes still get a solid halo. The same effect as
 * stroking the glyph outlines, for a hundredth of the cost. */
void cm_map_dilate_a8 (const guint8 *src,
                       int           src_stride,
                       guint8       *dst,
                       int           dst_stride,
                       int           width,
                       int           height,
                       double        radius,
                       double        gain);

G_END_DECLS
