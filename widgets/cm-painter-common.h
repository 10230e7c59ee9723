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

/* @text cut to at most @max_chars characters, the last one "…" when cut:
 * for tooltips, which dataset text could make wider than any screen (or
 * than GTK can draw). NULL stays NULL. */
char    *cm_text_shorten              (const char   *text,
                                       glong         max_chars);
/* @n with the locale's digit grouping ("100,000" in English, "100.000"
 * in German, none in the C locale), for counts shown to the user. */
char    *cm_format_count              (guint64       n);
/* The same with a given separator and grouping (as in struct lconv). */
char    *cm_format_count_grouped      (guint64       n,
                                       const char   *sep,
                                       const char   *grouping);

G_END_DECLS
