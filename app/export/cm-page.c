/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-export"

#include <stdlib.h>
#include <string.h>

#include "cm-page.h"

typedef struct
{
  const char *name;
  double      short_mm;
  double      long_mm;
} Paper;

static const Paper papers[] = {
  { "a3", 297, 420 },
  { "a4", 210, 297 },
  { "a5", 148, 210 },
  { "letter", 215.9, 279.4 },
};

const char *
cm_page_names (void)
{
  return "a4, a4-landscape, a3, a3-landscape, a5, a5-landscape, letter, letter-landscape, WxHmm or WxHin";
}

static gboolean
parse_custom (const char *text,
              double     *width,
              double     *height)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  char *end;
  double w, h, unit;

  w = g_ascii_strtod (lower, &end);
  if (end == lower || (*end != 'x' && *end != '*'))
    return FALSE;
  h = g_ascii_strtod (end + 1, &end);
  if (strcmp (end, "mm") == 0)
    unit = 1;
  else if (strcmp (end, "in") == 0)
    unit = 25.4;
  else
    return FALSE;
  w *= unit;
  h *= unit;
  if (!(w >= 10 && w <= 2000 && h >= 10 && h <= 2000))
    return FALSE;
  *width = w * CM_PAGE_PX_PER_MM;
  *height = h * CM_PAGE_PX_PER_MM;
  return TRUE;
}

gboolean
cm_page_parse (const char *text,
               double     *width,
               double     *height)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      gsize len = strlen (papers[i].name);
      gboolean landscape;

      if (g_ascii_strncasecmp (text, papers[i].name, len) != 0)
        continue;
      if (text[len] == '\0')
        landscape = FALSE;
      else if (g_ascii_strcasecmp (text + len, "-landscape") == 0)
        landscape = TRUE;
      else
        continue;
      *width = (landscape ? papers[i].long_mm : papers[i].short_mm) * CM_PAGE_PX_PER_MM;
      *height = (landscape ? papers[i].short_mm : papers[i].long_mm) * CM_PAGE_PX_PER_MM;
      return TRUE;
    }
  return parse_custom (text, width, height);
}
