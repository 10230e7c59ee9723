/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Colours shared by every painter, so screen and export use one palette. */
typedef struct
{
  double r, g, b, a;
} CmRgba;

/* The light/dark style a painter draws in; filled by the widget from the
 * system style, or by the export from its options. */
typedef struct
{
  gboolean dark;
  CmRgba   background;
  CmRgba   foreground;
  CmRgba   dim_foreground;
  CmRgba   accent;
  const char *font_family;
  double   font_size;       /* points at scale 1 */
  double   scale;           /* device pixels per logical pixel */
} CmPaintStyle;

void     cm_paint_style_init          (CmPaintStyle *style,
                                       gboolean      dark);
void     cm_rgba_from_rgb24           (CmRgba       *rgba,
                                       guint32       rgb);
void     cm_set_source_rgba           (cairo_t      *cr,
                                       const CmRgba *rgba);

G_END_DECLS
