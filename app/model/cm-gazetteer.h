/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char   *name;
  char   *state;          /* first-level division, e.g. "Hubei" */
  char   *country_code;
  double  lat;
  double  lon;
  guint   population;
} CmGazetteerMatch;

void       cm_gazetteer_match_free  (CmGazetteerMatch *match);

/* Offline look-up of a populated place by exact name (case-insensitive) in
 * libgeonames. @country_code (ISO alpha-2) and @regions (names of the
 * enclosing places, nearest first; a match must lie in one of them) narrow
 * the candidates; either may be NULL. Returns every candidate that fits,
 * largest population first: one means resolved, none or several is for the
 * caller to report (look up again without the filters to list candidates). */
GPtrArray *cm_gazetteer_lookup      (const char        *name,
                                     const char        *country_code,
                                     const char * const *regions);

/* "Wuxi (Jiangsu, CN; 31.569, 120.289)" */
char      *cm_gazetteer_match_describe (const CmGazetteerMatch *match);

G_END_DECLS
