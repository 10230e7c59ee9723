/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-painter"

#include <math.h>

#include "cm-contrast.h"

/* Inks aim this much above the ratio asked, so that rounding to 8-bit
 * channels never takes them back under it. */
#define INK_MARGIN 1.02

static double
to_linear (double c)
{
  c = CLAMP (c, 0.0, 1.0);
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
to_srgb (double c)
{
  c = CLAMP (c, 0.0, 1.0);
  return c <= 0.0031308 ? c * 12.92 : 1.055 * pow (c, 1 / 2.4) - 0.055;
}

double
cm_rgba_luminance (const CmRgba *color)
{
  g_return_val_if_fail (color != NULL, 0.0);

  return 0.2126 * to_linear (color->r) + 0.7152 * to_linear (color->g) + 0.0722 * to_linear (color->b);
}

void
cm_rgba_over (const CmRgba *fg,
              const CmRgba *bg,
              CmRgba       *out)
{
  double a;

  g_return_if_fail (fg != NULL && bg != NULL && out != NULL);

  /* Cairo composites the stored (gamma-encoded) values: so do we. */
  a = CLAMP (fg->a, 0.0, 1.0);
  *out = (CmRgba) { fg->r * a + bg->r * (1 - a), fg->g * a + bg->g * (1 - a),
                    fg->b * a + bg->b * (1 - a), 1.0 };
}

static double
ratio_of (double l1,
          double l2)
{
  return (MAX (l1, l2) + 0.05) / (MIN (l1, l2) + 0.05);
}

double
cm_contrast_ratio (const CmRgba *fg,
                   const CmRgba *bg)
{
  CmRgba seen;

  g_return_val_if_fail (fg != NULL && bg != NULL, 1.0);

  cm_rgba_over (fg, bg, &seen);
  return ratio_of (cm_rgba_luminance (&seen), cm_rgba_luminance (bg));
}

double
cm_contrast_ratio_min (const CmRgba *fg,
                       const CmRgba *bgs,
                       guint         n_bgs)
{
  double lowest = 21.0;

  g_return_val_if_fail (fg != NULL && (bgs != NULL || n_bgs == 0), 1.0);

  for (guint i = 0; i < n_bgs; i++)
    lowest = MIN (lowest, cm_contrast_ratio (fg, &bgs[i]));
  return lowest;
}

gboolean
cm_contrast_ink (const CmRgba *color,
                 const CmRgba *bgs,
                 guint         n_bgs,
                 double        ratio,
                 CmRgba       *out)
{
  CmRgba opaque;
  double lin[3], l, worst = 21.0, worst_l = 1.0, target;
  gboolean darken;

  g_return_val_if_fail (color != NULL && out != NULL, FALSE);
  g_return_val_if_fail (bgs != NULL || n_bgs == 0, FALSE);

  opaque = (CmRgba) { color->r, color->g, color->b, 1.0 };
  *out = opaque;
  l = cm_rgba_luminance (&opaque);
  for (guint i = 0; i < n_bgs; i++)
    {
      double bl = cm_rgba_luminance (&bgs[i]), r = ratio_of (l, bl);

      if (r < worst)
        {
          worst = r;
          worst_l = bl;
        }
    }
  if (worst >= ratio)
    return FALSE;

  /* Away from the background that is closest: darker when black stands
   * out more on it than white (luminance above 0.179), else lighter. */
  darken = worst_l > sqrt (1.05 * 0.05) - 0.05;
  target = darken ? 1.0 : 0.0;
  for (guint i = 0; i < n_bgs; i++)
    {
      double bl = cm_rgba_luminance (&bgs[i]);

      if (darken)
        target = MIN (target, (bl + 0.05) / (ratio * INK_MARGIN) - 0.05);
      else
        target = MAX (target, (bl + 0.05) * ratio * INK_MARGIN - 0.05);
    }
  target = CLAMP (target, 0.0, 1.0);

  lin[0] = to_linear (opaque.r);
  lin[1] = to_linear (opaque.g);
  lin[2] = to_linear (opaque.b);
  for (guint c = 0; c < 3; c++)
    {
      /* Luminance is linear in linear light: scaling the channels scales
       * it, and mixing them with white mixes it with 1. */
      if (darken)
        lin[c] *= l > 0 ? MIN (target / l, 1.0) : 0.0;
      else
        lin[c] += (1 - lin[c]) * (l < 1 ? MAX ((target - l) / (1 - l), 0.0) : 0.0);
    }
  *out = (CmRgba) { to_srgb (lin[0]), to_srgb (lin[1]), to_srgb (lin[2]), 1.0 };
  return TRUE;
}

const CmRgba *
cm_contrast_pick (const CmRgba *bg,
                  const CmRgba *a,
                  const CmRgba *b)
{
  g_return_val_if_fail (bg != NULL && a != NULL && b != NULL, a);

  return cm_contrast_ratio (b, bg) > cm_contrast_ratio (a, bg) ? b : a;
}

void
cm_contrast_text_on (const CmRgba *bg,
                     CmRgba       *out)
{
  static const CmRgba black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 };

  g_return_if_fail (bg != NULL && out != NULL);

  *out = *cm_contrast_pick (bg, &white, &black);
}

void
cm_paint_style_backgrounds (const CmPaintStyle *style,
                            CmRgba              bgs[2])
{
  CmRgba tint;

  g_return_if_fail (style != NULL);

  bgs[0] = style->background;
  bgs[0].a = 1.0;
  tint = style->foreground;
  tint.a = CM_PAINT_MAX_TINT;
  cm_rgba_over (&tint, &bgs[0], &bgs[1]);
}

gboolean
cm_paint_style_mark_ink (const CmPaintStyle *style,
                         const CmRgba       *fill,
                         CmRgba             *ink)
{
  CmRgba bgs[2];

  g_return_val_if_fail (style != NULL && fill != NULL && ink != NULL, FALSE);

  cm_paint_style_backgrounds (style, bgs);
  return cm_contrast_ink (fill, bgs, G_N_ELEMENTS (bgs), CM_CONTRAST_GRAPHIC, ink);
}
