/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "cm-painter-common.h"

G_BEGIN_DECLS

/* Anti-aliased boxes, discs, rings and pies drawn straight into an
 * ARGB32 image surface. A map frame has hundreds of markers and a
 * timeline thousands of histogram bars; through cairo each one costs a
 * path and a composite per part (a map's markers 4 to 8 ms a frame),
 * while its pixels cost a few microseconds. Coverage is the area of each
 * pixel inside a box, and the overlap of its radial footprint with a
 * round shape, so one-pixel outlines keep their weight, and a pie's
 * wedges meet without the seam that separate anti-aliased fills leave.
 * Only for image targets whose user space is a translation and a uniform
 * scale of device space, under a rectangular clip; cm_canvas_begin()
 * says FALSE otherwise, and the caller draws with cairo. */
typedef struct
{
  cairo_surface_t *surface;
  guint8          *data;
  int              stride;
  int              x0, y0, x1, y1;   /* device pixels that may be written */
  double           scale;            /* device = user · scale + offset */
  double           ox, oy;
} CmCanvas;

/* Borrows @cr's target (no reference) while @cr draws into it. */
gboolean cm_canvas_begin (CmCanvas *canvas,
                          cairo_t  *cr);

/* Shapes in user units, composited OVER what is there; each one flushes
 * and marks the surface, so they interleave with cairo drawing. */
/* The rectangle [@x0, @x1) × [@y0, @y1). */
void     cm_canvas_box   (CmCanvas     *canvas,
                          double        x0,
                          double        y0,
                          double        x1,
                          double        y1,
                          const CmRgba *color);
void     cm_canvas_disc  (CmCanvas     *canvas,
                          double        x,
                          double        y,
                          double        r,
                          const CmRgba *color);
/* An outline of @line_width centred on the circle of radius @r. */
void     cm_canvas_ring  (CmCanvas     *canvas,
                          double        x,
                          double        y,
                          double        r,
                          double        line_width,
                          const CmRgba *color);
/* @n wedges clockwise from @start (radians, as cairo_arc), wedge k
 * spanning @sweeps[k] radians (they add up to 2π) in @colors[k]. */
void     cm_canvas_pie   (CmCanvas     *canvas,
                          double        x,
                          double        y,
                          double        r,
                          double        start,
                          guint         n,
                          const double *sweeps,
                          const CmRgba *colors);

G_END_DECLS
