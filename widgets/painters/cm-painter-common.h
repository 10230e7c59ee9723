/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* Colours shared by every painter, so screen and export use one palette. */
typedef struct
{
  double r, g, b, a;
} CmRgba;

/* The light/dark style a painter draws in, made by
 * cm_paint_style_init_for() from the same few choices by the widgets (from
 * the theme) and the export (from its options), so that both draw the same
 * pixels. */
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
void     cm_paint_style_init_for      (CmPaintStyle *style,
                                       gboolean      dark,
                                       const CmRgba *accent);
void     cm_rgba_from_rgb24           (CmRgba       *rgba,
                                       guint32       rgb);
void     cm_set_source_rgba           (cairo_t      *cr,
                                       const CmRgba *rgba);
/* @rgba with its alpha scaled by @alpha. */
void     cm_set_source_rgba_alpha     (cairo_t      *cr,
                                       const CmRgba *rgba,
                                       double        alpha);
/* @v moved to the centre of its device pixel: a one-pixel line there is
 * crisp at the style's scale. */
double   cm_paint_style_snap          (const CmPaintStyle *style,
                                       double        v);
/* A pango context of a painter's own, independent of any widget or
 * surface, so that a label measures the same on screen and in a PDF:
 * unhinted metrics at a fixed 96 dpi. */
PangoContext *cm_painter_pango_context_new (void);
/* The style's regular and semibold fonts, replacing *@font and *@bold,
 * and the height of a line of them measured with @layout (left set to
 * the bold font). */
void     cm_painter_fonts_update      (const CmPaintStyle     *style,
                                       PangoLayout            *layout,
                                       PangoFontDescription  **font,
                                       PangoFontDescription  **bold,
                                       double                 *line_height);

G_END_DECLS
