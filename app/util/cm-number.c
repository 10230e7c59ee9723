/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-util"

#include "cm-number.h"

#include <math.h>
#include <string.h>

/* Powers of ten that a double holds exactly. */
static const double exact_tens[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Digits, a point, digits: the mantissa as an integer below 2^53 and a
 * power of ten at most 10^22 are both exact, so one division rounds
 * correctly, as strtod does (Clinger's fast path). */
static gboolean
parse_plain (const char *p,
             const char *end,
             double     *value)
{
  gboolean negative = FALSE, digits = FALSE;
  guint64 mantissa = 0;
  guint n_digits = 0, scale = 0;

  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';
  for (; p < end && g_ascii_isdigit (*p); p++, digits = TRUE)
    if (mantissa != 0 || *p != '0')
      {
        mantissa = mantissa * 10 + (guint64) (*p - '0');
        n_digits++;
      }
  if (p < end && *p == '.')
    for (p++; p < end && g_ascii_isdigit (*p); p++, digits = TRUE)
      {
        if (mantissa != 0 || *p != '0')
          {
            mantissa = mantissa * 10 + (guint64) (*p - '0');
            n_digits++;
          }
        scale++;
      }
  if (p != end || !digits || n_digits > 15 || scale >= G_N_ELEMENTS (exact_tens))
    return FALSE;
  *value = (double) mantissa / exact_tens[scale];
  if (negative)
    *value = -*value;
  return TRUE;
}

gboolean
cm_number_parse (const char *text,
                 gsize       len,
                 double     *value)
{
  const char *p = text, *end = text + len;
  char buf[64];
  g_autofree char *long_copy = NULL;
  char *copy, *stop = NULL;
  gsize n;

  g_return_val_if_fail (text != NULL || len == 0, FALSE);

  while (p < end && is_blank (*p))
    p++;
  while (end > p && is_blank (end[-1]))
    end--;
  if (p == end)
    return FALSE;
  if (parse_plain (p, end, value))
    return TRUE;
  /* Exponents, hexadecimal, long mantissas: strtod, on a copy. */
  n = (gsize) (end - p);
  if (memchr (p, '\0', n) != NULL)
    return FALSE;
  copy = n < sizeof buf ? memcpy (buf, p, n) : (long_copy = g_malloc (n + 1));
  if (copy == long_copy)
    memcpy (copy, p, n);
  copy[n] = '\0';
  *value = g_ascii_strtod (copy, &stop);
  return stop == copy + n && isfinite (*value);
}
