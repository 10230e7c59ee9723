/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include "cm-contrast.h"
#include "cm-map-palette.h"

/* Six quiet tones far enough apart to tell neighbours by, pale enough
 * to leave colour to the data: sand, sage, rose, lilac, mint, straw. */
static const guint32 light_tones[CM_MAP_N_TONES] = {
  0xefe6d3, 0xe2ead4, 0xf2e1dc, 0xe6e2ef, 0xdbebe5, 0xf3edcf,
};
static const guint32 dark_tones[CM_MAP_N_TONES] = {
  0x3d3a33, 0x343b31, 0x3f3534, 0x37353f, 0x2f3b37, 0x3d3b2d,
};

void
cm_map_palette_init (CmMapPalette *p,
                     gboolean      dark)
{
  const guint32 *tones = dark ? dark_tones : light_tones;

  g_return_if_fail (p != NULL);

  for (guint i = 0; i < CM_MAP_N_TONES; i++)
    cm_rgba_from_rgb24 (&p->tones[i], tones[i]);
  if (dark)
    {
      cm_rgba_from_rgb24 (&p->sea, 0x1a2530);
      cm_rgba_from_rgb24 (&p->land, 0x393a38);
      cm_rgba_from_rgb24 (&p->neighbour, 0x2b2d30);
      cm_rgba_from_rgb24 (&p->border, 0x62646a);
      cm_rgba_from_rgb24 (&p->country_border, 0x9a9ca2);
      cm_rgba_from_rgb24 (&p->neighbour_border, 0x45484d);
    }
  else
    {
      cm_rgba_from_rgb24 (&p->sea, 0xd3e3ee);
      cm_rgba_from_rgb24 (&p->land, 0xeeeadf);
      cm_rgba_from_rgb24 (&p->neighbour, 0xf4f4f1);
      cm_rgba_from_rgb24 (&p->border, 0xb3ab9c);
      cm_rgba_from_rgb24 (&p->country_border, 0x7d776c);
      cm_rgba_from_rgb24 (&p->neighbour_border, 0xc9c9c3);
    }
}

guint
cm_map_palette_fills (const CmMapPalette *p,
                      CmRgba             *fills)
{
  guint n = 0;

  g_return_val_if_fail (p != NULL && fills != NULL, 0);

  for (guint i = 0; i < CM_MAP_N_TONES; i++)
    fills[n++] = p->tones[i];
  fills[n++] = p->land;
  fills[n++] = p->neighbour;
  fills[n++] = p->sea;
  return n;
}

gboolean
cm_map_palette_mark_ink (const CmMapPalette *p,
                         const CmRgba       *fill,
                         CmRgba             *ink)
{
  CmRgba fills[CM_MAP_N_TONES + 3];
  guint n;

  g_return_val_if_fail (p != NULL && fill != NULL && ink != NULL, FALSE);

  n = cm_map_palette_fills (p, fills);
  return cm_contrast_ink (fill, fills, n, CM_CONTRAST_GRAPHIC, ink);
}

void
cm_map_palette_label_inks (const CmMapPalette *p,
                           const CmPaintStyle *style,
                           CmRgba             *region,
                           CmRgba             *neighbour)
{
  CmRgba areas[CM_MAP_N_TONES + 1];

  g_return_if_fail (p != NULL && style != NULL && region != NULL && neighbour != NULL);

  for (guint i = 0; i < CM_MAP_N_TONES; i++)
    areas[i] = p->tones[i];
  areas[CM_MAP_N_TONES] = p->land;
  cm_contrast_ink (&style->dim_foreground, areas, G_N_ELEMENTS (areas), CM_CONTRAST_TEXT, region);
  cm_contrast_ink (&style->dim_foreground, &p->neighbour, 1, CM_CONTRAST_TEXT, neighbour);
}
