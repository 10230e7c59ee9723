/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cm-painter-common.h"

G_BEGIN_DECLS

#define CM_MAP_N_TONES 6

/* The base map's colours, light or dark: what the markers and the names
 * of areas are drawn on, so that their inks can be checked against it. */
typedef struct
{
  CmRgba sea, land, neighbour;
  CmRgba tones[CM_MAP_N_TONES];
  CmRgba border, country_border, neighbour_border;
} CmMapPalette;

void     cm_map_palette_init          (CmMapPalette       *palette,
                                       gboolean            dark);
/* The fills under the markers (land, its tones, neighbours, sea); at most
 * CM_MAP_N_TONES + 3, returns how many. */
guint    cm_map_palette_fills         (const CmMapPalette *palette,
                                       CmRgba             *fills);
/* The ink of a marker of @fill: see cm_contrast_ink() (3:1 against every
 * fill). TRUE when the marker needs it as an outline. */
gboolean cm_map_palette_mark_ink      (const CmMapPalette *palette,
                                       const CmRgba       *fill,
                                       CmRgba             *ink);
/* The colours of the names of areas: @style's dim foreground, darkened or
 * lightened just enough for text (4.5:1) on the provinces' tones and on
 * the neighbours' fill. */
void     cm_map_palette_label_inks    (const CmMapPalette *palette,
                                       const CmPaintStyle *style,
                                       CmRgba             *region,
                                       CmRgba             *neighbour);

G_END_DECLS
