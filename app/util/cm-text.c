/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-text.h"

#include <limits.h>
#include <locale.h>
#include <string.h>

char *
cm_text_shorten (const char *text,
                 glong       max_chars)
{
  const char *cut;

  g_return_val_if_fail (max_chars > 0, NULL);

  if (text == NULL)
    return NULL;
  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);
  cut = g_utf8_offset_to_pointer (text, max_chars - 1);
  return g_strdup_printf ("%.*s…", (int) (cut - text), text);
}

/* The size of the group an entry of struct lconv's grouping gives; 0 for
 * "no more grouping" (0 at the start, or CHAR_MAX anywhere). */
static int
group_size (const char *grouping)
{
  int size = (guchar) *grouping;

  return size >= CHAR_MAX ? 0 : size;
}

char *
cm_format_count_grouped (guint64     n,
                         const char *sep,
                         const char *grouping)
{
  char digits[24];
  GString *out;
  int len, group, in_group = 0;

  len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, n);
  if (sep == NULL || *sep == '\0' || grouping == NULL || group_size (grouping) == 0)
    return g_strdup (digits);

  /* Built backwards, from the last digit; each entry of @grouping is the
   * size of the next group to the left, and the last one repeats. */
  out = g_string_sized_new (len * 2);
  group = group_size (grouping);
  for (int i = len - 1; i >= 0; i--)
    {
      if (group > 0 && in_group == group)
        {
          for (int k = (int) strlen (sep) - 1; k >= 0; k--)
            g_string_append_c (out, sep[k]);
          in_group = 0;
          if (grouping[1] != '\0')
            grouping++;
          group = group_size (grouping);
        }
      g_string_append_c (out, digits[i]);
      in_group++;
    }
  g_strreverse (out->str);
  return g_string_free (out, FALSE);
}

char *
cm_format_count (guint64 n)
{
  const struct lconv *lc = localeconv ();

  return cm_format_count_grouped (n, lc->thousands_sep, lc->grouping);
}

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

gboolean
cm_utf8_validate (const char  *data,
                  gsize        len,
                  const char **end)
{
  const char *p = data;
  const char *stop = len > 0 ? data + len : data;

  while (p < stop)
    {
      guint64 w;
      guchar c = (guchar) *p;
      gsize n;
      const char *bad;

      /* A word of ASCII without NUL: no high bit, no zero byte. */
      if (stop - p >= 8)
        {
          memcpy (&w, p, 8);
          if (((w | ((w - ONES) & ~w)) & HIGHS) == 0)
            {
              p += 8;
              continue;
            }
        }
      if (c != 0 && c < 0x80)
        {
          p++;
          continue;
        }
      /* One character, checked by GLib: its length by its lead byte. */
      n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      if (!g_utf8_validate_len (p, MIN (n, (gsize) (stop - p)), &bad))
        {
          if (end != NULL)
            *end = bad;
          return FALSE;
        }
      p += n;
    }
  if (end != NULL)
    *end = p;
  return TRUE;
}
