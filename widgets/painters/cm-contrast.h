/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cm-painter-common.h"

G_BEGIN_DECLS

/* Contrast as WCAG 2.x measures it (relative luminance of sRGB, ratio
 * (L1 + 0.05) / (L2 + 0.05)), so that the painters can check their own
 * colours and derive an outline where a data colour is too pale for its
 * background. AA asks 4.5:1 for text, 3:1 for large text (18 pt, or
 * 14 pt bold) and for the graphics a reader needs (marks, map symbols). */
#define CM_CONTRAST_TEXT       4.5
#define CM_CONTRAST_LARGE_TEXT 3.0
#define CM_CONTRAST_GRAPHIC    3.0

/* The most a painter tints its page with the foreground (lane stripes,
 * the timeline's axis band): marks and text are checked against the page
 * and against the page tinted this much. */
#define CM_PAINT_MAX_TINT      0.05

double        cm_rgba_luminance           (const CmRgba       *color);
/* @fg composited over the opaque @bg, by @fg's alpha; @out is opaque. */
void          cm_rgba_over                (const CmRgba       *fg,
                                           const CmRgba       *bg,
                                           CmRgba             *out);
/* The ratio (1 to 21) between @fg, composited over @bg when translucent,
 * and @bg, whose alpha is ignored. */
double        cm_contrast_ratio           (const CmRgba       *fg,
                                           const CmRgba       *bg);
/* The lowest ratio of @fg against any of @bgs. */
double        cm_contrast_ratio_min       (const CmRgba       *fg,
                                           const CmRgba       *bgs,
                                           guint               n_bgs);
/* An ink of @color that reaches @ratio against every one of @bgs: @color
 * itself (opaque) when it does, and FALSE; otherwise the same hue made
 * darker (light backgrounds) or lighter (dark ones) just enough, and
 * TRUE. The change is a scale of linear light, which keeps the hue. */
gboolean      cm_contrast_ink             (const CmRgba       *color,
                                           const CmRgba       *bgs,
                                           guint               n_bgs,
                                           double              ratio,
                                           CmRgba             *out);
/* Of @a and @b, the one with more contrast against @bg. */
const CmRgba *cm_contrast_pick            (const CmRgba       *bg,
                                           const CmRgba       *a,
                                           const CmRgba       *b);

/* Text on @bg: black or white, whichever stands out more; one of them
 * always reaches 4.58:1. */
void          cm_contrast_text_on         (const CmRgba       *bg,
                                           CmRgba             *out);

/* The page of @style and the page tinted by CM_PAINT_MAX_TINT of its
 * foreground: what a timeline's marks and labels sit on. */
void          cm_paint_style_backgrounds  (const CmPaintStyle *style,
                                           CmRgba              bgs[2]);
/* The outline of a mark of @fill on the page of @style: see
 * cm_contrast_ink() (3:1). TRUE when @fill alone is too pale or too dark
 * for the page and the mark needs the outline. */
gboolean      cm_paint_style_mark_ink     (const CmPaintStyle *style,
                                           const CmRgba       *fill,
                                           CmRgba             *ink);

G_END_DECLS
