/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include <stdio.h>
#include <string.h>

#include "cm-date.h"

static const char * const month_abbrev[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun",
  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};

gboolean
cm_date_is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
cm_date_days_in_month (int year,
                       int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_return_val_if_fail (month >= 1 && month <= 12, 0);
  if (month == 2 && cm_date_is_leap_year (year))
    return 29;
  return days[month - 1];
}

/* Days since 1970-01-01 for a proleptic Gregorian date; the era arithmetic
 * (400-year cycles of 146097 days) keeps it exact for every year. */
gint64
cm_date_days_from_civil (int year,
                         int month,
                         int day)
{
  gint64 y = year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

void
cm_date_civil_from_days (gint64  days,
                         int    *year,
                         int    *month,
                         int    *day)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  int d = (int) (doy - (153 * mp + 2) / 5 + 1);
  int m = (int) (mp < 10 ? mp + 3 : mp - 9);

  *year = (int) (yoe + era * 400 + (m <= 2));
  *month = m;
  *day = d;
}

gint64
cm_date_make_time (int year,
                   int month,
                   int day,
                   int hour,
                   int minute,
                   int second)
{
  return cm_date_days_from_civil (year, month, day) * 86400
         + hour * 3600 + minute * 60 + second;
}

void
cm_date_from_parts (CmDate      *date,
                    CmPrecision  precision,
                    int          year,
                    int          month,
                    int          day,
                    int          hour,
                    int          minute,
                    int          second)
{
  date->precision = precision;
  switch (precision)
    {
    case CM_PRECISION_YEAR:
      date->start = cm_date_make_time (year, 1, 1, 0, 0, 0);
      date->end = cm_date_make_time (year + 1, 1, 1, 0, 0, 0);
      break;
    case CM_PRECISION_MONTH:
      date->start = cm_date_make_time (year, month, 1, 0, 0, 0);
      date->end = month == 12 ? cm_date_make_time (year + 1, 1, 1, 0, 0, 0)
                              : cm_date_make_time (year, month + 1, 1, 0, 0, 0);
      break;
    case CM_PRECISION_DAY:
      date->start = cm_date_make_time (year, month, day, 0, 0, 0);
      date->end = date->start + 86400;
      break;
    case CM_PRECISION_MINUTE:
      date->start = cm_date_make_time (year, month, day, hour, minute, 0);
      date->end = date->start + 60;
      break;
    case CM_PRECISION_SECOND:
    default:
      date->start = cm_date_make_time (year, month, day, hour, minute, second);
      date->end = date->start + 1;
      break;
    }
}

static gboolean
digits (const char *p,
        gsize       n,
        int        *value)
{
  int v = 0;

  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *value = v;
  return TRUE;
}

#define EXPECTED "expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]"

static gboolean
bad (char      **message,
     const char *text,
     gsize       len,
     const char *why)
{
  gsize n = MIN (len, 64);

  /* Cut the quote at a character boundary: the message is shown as UTF-8. */
  while (n > 0 && n < len && ((guchar) text[n] & 0xC0) == 0x80)
    n--;
  if (message)
    *message = g_strdup_printf ("invalid date \"%.*s\": %s", (int) n, text, why);
  return FALSE;
}

static gboolean
parse_time_part (const char  *p,
                 const char  *end,
                 const char  *text,
                 gsize        len,
                 int         *hour,
                 int         *minute,
                 int         *second,
                 int         *offset_seconds,
                 CmPrecision *precision,
                 char       **message)
{
  int oh, om;

  if (end - p < 5 || !digits (p, 2, hour) || p[2] != ':' || !digits (p + 3, 2, minute))
    return bad (message, text, len, "the time must be HH:MM after the 'T'");
  p += 5;
  *second = 0;
  *precision = CM_PRECISION_MINUTE;
  if (p < end && *p == ':')
    {
      if (end - p < 3 || !digits (p + 1, 2, second))
        return bad (message, text, len, "seconds must be two digits");
      p += 3;
      *precision = CM_PRECISION_SECOND;
      if (p < end && *p == '.')
        {
          p++;
          if (p >= end || !g_ascii_isdigit (*p))
            return bad (message, text, len, "expected digits after the decimal point");
          while (p < end && g_ascii_isdigit (*p))
            p++;
        }
    }
  if (*hour > 23)
    return bad (message, text, len, "the hour must be 00-23");
  if (*minute > 59)
    return bad (message, text, len, "the minutes must be 00-59");
  if (*second > 59)
    return bad (message, text, len, "the seconds must be 00-59 (leap seconds are not supported)");

  if (p >= end)
    return bad (message, text, len, "a date-time needs a UTC offset such as Z or +08:00");
  if (*p == 'Z' && p + 1 == end)
    {
      *offset_seconds = 0;
      return TRUE;
    }
  if ((*p == '+' || *p == '-') && end - p == 6 &&
      digits (p + 1, 2, &oh) && p[3] == ':' && digits (p + 4, 2, &om))
    {
      if (oh > 23 || om > 59)
        return bad (message, text, len, "the UTC offset must be between -23:59 and +23:59");
      *offset_seconds = (*p == '-' ? -1 : 1) * (oh * 3600 + om * 60);
      return TRUE;
    }
  return bad (message, text, len, "the UTC offset must be Z or ±HH:MM");
}

gboolean
cm_date_parse (const char  *text,
               gsize        len,
               CmDate      *date,
               char       **message)
{
  const char *p = text;
  const char *end = text + len;
  int year, month = 1, day = 1, hour = 0, minute = 0, second = 0, offset = 0;
  CmPrecision precision = CM_PRECISION_YEAR;

  g_return_val_if_fail (text != NULL && date != NULL, FALSE);

  if (len < 4 || !digits (p, 4, &year))
    return bad (message, text, len, EXPECTED);
  if (year == 0)
    return bad (message, text, len, "year 0000 does not exist; years run from 0001 to 9999");
  p += 4;

  if (p < end)
    {
      if (*p != '-' || end - p < 3 || !digits (p + 1, 2, &month) ||
          (end - p > 3 && g_ascii_isdigit (p[3])))
        return bad (message, text, len, EXPECTED);
      if (month < 1 || month > 12)
        return bad (message, text, len, "the month must be 01-12");
      precision = CM_PRECISION_MONTH;
      p += 3;
    }
  if (p < end)
    {
      if (*p != '-' || end - p < 3 || !digits (p + 1, 2, &day) ||
          (end - p > 3 && g_ascii_isdigit (p[3])))
        return bad (message, text, len, EXPECTED);
      if (day < 1 || day > cm_date_days_in_month (year, month))
        {
          g_autofree char *why =
            g_strdup_printf ("%s %d has %d days", month_names[month - 1], year,
                             cm_date_days_in_month (year, month));
          return bad (message, text, len, why);
        }
      precision = CM_PRECISION_DAY;
      p += 3;
    }
  if (p < end)
    {
      if (*p != 'T' || precision != CM_PRECISION_DAY)
        return bad (message, text, len, EXPECTED);
      if (!parse_time_part (p + 1, end, text, len, &hour, &minute, &second,
                            &offset, &precision, message))
        return FALSE;
    }

  cm_date_from_parts (date, precision, year, month, day, hour, minute, second);
  date->start -= offset;
  date->end -= offset;
  if (date->start < CM_DATE_TIME_MIN || date->end > CM_DATE_TIME_MAX)
    return bad (message, text, len, "the UTC time falls outside years 0001-9999");
  return TRUE;
}

static void
split_time (gint64  time,
            int    *year,
            int    *month,
            int    *day,
            int    *secs)
{
  gint64 days = time >= 0 ? time / 86400 : -((-time + 86399) / 86400);

  cm_date_civil_from_days (days, year, month, day);
  *secs = (int) (time - days * 86400);
}

char *
cm_date_format (gint64      time,
                CmPrecision precision)
{
  int y, m, d, s;

  split_time (time, &y, &m, &d, &s);
  switch (precision)
    {
    case CM_PRECISION_YEAR:
      return g_strdup_printf ("%04d", y);
    case CM_PRECISION_MONTH:
      return g_strdup_printf ("%s %04d", month_abbrev[m - 1], y);
    case CM_PRECISION_DAY:
      return g_strdup_printf ("%d %s %04d", d, month_abbrev[m - 1], y);
    case CM_PRECISION_MINUTE:
      return g_strdup_printf ("%d %s %04d %02d:%02d UTC", d, month_abbrev[m - 1], y,
                              s / 3600, (s / 60) % 60);
    case CM_PRECISION_SECOND:
    default:
      return g_strdup_printf ("%d %s %04d %02d:%02d:%02d UTC", d, month_abbrev[m - 1], y,
                              s / 3600, (s / 60) % 60, s % 60);
    }
}

char *
cm_date_format_iso (gint64      time,
                    CmPrecision precision)
{
  int y, m, d, s;

  split_time (time, &y, &m, &d, &s);
  switch (precision)
    {
    case CM_PRECISION_YEAR:
      return g_strdup_printf ("%04d", y);
    case CM_PRECISION_MONTH:
      return g_strdup_printf ("%04d-%02d", y, m);
    case CM_PRECISION_DAY:
      return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
    case CM_PRECISION_MINUTE:
      return g_strdup_printf ("%04d-%02d-%02dT%02d:%02dZ", y, m, d, s / 3600, (s / 60) % 60);
    case CM_PRECISION_SECOND:
    default:
      return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
                              s / 3600, (s / 60) % 60, s % 60);
    }
}

int
cm_date_compare (const CmDate *a,
                 const CmDate *b)
{
  /* Earlier start first; at the same start the more precise (shorter) one
   * first, so a day sorts before the month that contains it. */
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  return 0;
}

static int
month_from_name (const char *name)
{
  for (int i = 0; i < 12; i++)
    if (g_ascii_strncasecmp (name, month_abbrev[i], 3) == 0)
      return i + 1;
  return 0;
}

gboolean
cm_date_parse_lenient (const char *text,
                       CmDate     *date)
{
  g_autofree char *copy = NULL;
  char mon[16] = "";
  int y, d, h = 0, mi = 0, s = 0, m, got;
  gsize len;

  g_return_val_if_fail (text != NULL, FALSE);

  len = strlen (text);
  if (cm_date_parse (text, len, date, NULL))
    return TRUE;

  /* ISO without an offset: read as UTC. */
  if (len >= 16 && len < 40 && text[4] == '-' && (text[10] == 'T' || text[10] == ' '))
    {
      copy = g_strdup_printf ("%.10sT%sZ", text, text + 11);
      if (cm_date_parse (copy, strlen (copy), date, NULL))
        return TRUE;
    }

  /* "2012 Jan 15 13:40:16.40 UTC", the form of some earthquake catalogues.
   * The widths keep each number within int: sscanf's overflow is undefined
   * (glibc read "4294969297 Jan 15" as 2001); ranges are checked below. */
  got = sscanf (text, "%9d %15s %9d %9d:%9d:%9d", &y, mon, &d, &h, &mi, &s); /* NOLINT(cert-err34-c) */
  if (got >= 3 && (m = month_from_name (mon)) > 0 && y >= 1 && y <= 9999 &&
      d >= 1 && d <= cm_date_days_in_month (y, m) &&
      h >= 0 && h < 24 && mi >= 0 && mi < 60 && s >= 0 && s < 60)
    {
      cm_date_from_parts (date, got >= 6 ? CM_PRECISION_SECOND : got >= 5 ? CM_PRECISION_MINUTE : CM_PRECISION_DAY,
                          y, m, d, h, mi, s);
      return TRUE;
    }
  return FALSE;
}
