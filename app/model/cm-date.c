/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include "cm-config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cm-date.h"

static const char * const month_abbrev[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun",
  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* Read in English dates; translated (context "month name") only in
 * messages. */
static const char * const month_names[] = {
  NC_("month name", "January"), NC_("month name", "February"), NC_("month name", "March"),
  NC_("month name", "April"), NC_("month name", "May"), NC_("month name", "June"),
  NC_("month name", "July"), NC_("month name", "August"), NC_("month name", "September"),
  NC_("month name", "October"), NC_("month name", "November"), NC_("month name", "December"),
};

/* "February 2022 has 28 days". */
static char *
month_length_why (gint64 year,
                  int    month)
{
  /* Translators: why a day does not exist: the month's name (translated
   * with the context "month name"), the year, the number of days in that
   * month; reorder them with %1$s, %2$lld and %3$d. */
  return g_strdup_printf (_("%s %lld has %d days"),
                          g_dpgettext2 (GETTEXT_PACKAGE, "month name", month_names[month - 1]),
                          (long long) year, cm_date_days_in_month ((int) year, month));
}

/* Seconds in a day, for the floor division of negative times. */
#define DAY G_GINT64_CONSTANT (86400)

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if (a % b != 0 && (a < 0) != (b < 0))
    q--;
  return q;
}

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
static gint64
days_from_civil (gint64 year,
                 int    month,
                 int    day)
{
  gint64 y = year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

gint64
cm_date_days_from_civil (int year,
                         int month,
                         int day)
{
  return days_from_civil (year, month, day);
}

static void
civil_from_days (gint64  days,
                 gint64 *year,
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

  *year = yoe + era * 400 + (m <= 2);
  *month = m;
  *day = d;
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


gint64
cm_date_period_end (gint64      start,
                    CmPrecision precision)
{
  gint64 y;
  int m, d;

  switch (precision)
    {
    case CM_PRECISION_YEAR:
      return cm_date_year_start (cm_date_year_of (start) + 1);
    case CM_PRECISION_MONTH:
      civil_from_days (floor_div (start, DAY), &y, &m, &d);
      return m == 12 ? days_from_civil (y + 1, 1, 1) * DAY : days_from_civil (y, m + 1, 1) * DAY;
    case CM_PRECISION_DAY:
      return start + DAY;
    case CM_PRECISION_MINUTE:
      return start + 60;
    case CM_PRECISION_SECOND:
    default:
      return start + 1;
    }
}

gint64
cm_date_year_start (gint64 year)
{
  return days_from_civil (year, 1, 1) * DAY;
}

gint64
cm_date_year_of (gint64 time)
{
  gint64 y;
  int m, d;

  civil_from_days (floor_div (time, DAY), &y, &m, &d);
  return y;
}

gboolean
cm_date_from_year (CmDate *date,
                   gint64  year)
{
  g_return_val_if_fail (date != NULL, FALSE);

  if (year < -CM_DATE_MAX_YEAR || year > CM_DATE_MAX_YEAR)
    return FALSE;
  date->start = cm_date_year_start (year);
  date->end = cm_date_year_start (year + 1);
  date->precision = CM_PRECISION_YEAR;
  return TRUE;
}

gboolean
cm_date_from_epoch (double    value,
                    gboolean  milliseconds,
                    CmDate   *date)
{
  double secs = floor (milliseconds ? value / 1000.0 : value);

  g_return_val_if_fail (date != NULL, FALSE);

  if (!isfinite (secs) || secs < (double) CM_DATE_DAY_MIN || secs >= (double) CM_DATE_DAY_MAX)
    return FALSE;
  date->start = (gint64) secs;
  date->end = date->start + 1;
  date->precision = CM_PRECISION_SECOND;
  return TRUE;
}

gboolean
cm_date_from_excel_serial (double  serial,
                           CmDate *date)
{
  double days, secs;

  g_return_val_if_fail (date != NULL, FALSE);

  /* Serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that never
   * was: from serial 61 on, day 25569 is 1970-01-01. Before it, one less. */
  if (!isfinite (serial) || serial < 1 || serial > 2958466)
    return FALSE;
  days = floor (serial) - (serial < 61 ? 25568 : 25569);
  secs = floor ((serial - floor (serial)) * 86400.0 + 0.5);
  date->start = (gint64) days * DAY + (gint64) secs;
  if (secs == 0)
    {
      date->end = date->start + DAY;
      date->precision = CM_PRECISION_DAY;
    }
  else
    {
      date->end = date->start + 1;
      date->precision = CM_PRECISION_SECOND;
    }
  return TRUE;
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

#define EXPECTED N_("expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]")

/* @why is translated already. */
static gboolean
bad_translated (char      **message,
                const char *text,
                gsize       len,
                const char *why)
{
  gsize n = MIN (len, 64);

  /* Cut the quote at a character boundary: the message is shown as UTF-8. */
  while (n > 0 && n < len && ((guchar) text[n] & 0xC0) == 0x80)
    n--;
  if (message)
    *message = g_strdup_printf (_("invalid date \"%.*s\": %s"), (int) n, text, why);
  return FALSE;
}

/* @why is an N_() string: translated only when a message is asked for,
 * since the lenient reader tries the ISO form first on every cell. */
static gboolean
bad (char      **message,
     const char *text,
     gsize       len,
     const char *why)
{
  return bad_translated (message, text, len, message ? _(why) : why);
}

/* The time after the 'T'; *offset_seconds is G_MININT when no offset was
 * given and @need_offset is FALSE. */
static gboolean
parse_time_part (const char  *p,
                 const char  *end,
                 const char  *text,
                 gsize        len,
                 gboolean     need_offset,
                 int         *hour,
                 int         *minute,
                 int         *second,
                 int         *offset_seconds,
                 CmPrecision *precision,
                 char       **message)
{
  int oh, om;

  if (end - p < 5 || !digits (p, 2, hour) || p[2] != ':' || !digits (p + 3, 2, minute))
    return bad (message, text, len, N_("the time must be HH:MM after the 'T'"));
  p += 5;
  *second = 0;
  *precision = CM_PRECISION_MINUTE;
  if (p < end && *p == ':')
    {
      if (end - p < 3 || !digits (p + 1, 2, second))
        return bad (message, text, len, N_("seconds must be two digits"));
      p += 3;
      *precision = CM_PRECISION_SECOND;
      if (p < end && *p == '.')
        {
          p++;
          if (p >= end || !g_ascii_isdigit (*p))
            return bad (message, text, len, N_("expected digits after the decimal point"));
          while (p < end && g_ascii_isdigit (*p))
            p++;
        }
    }
  if (*hour > 23)
    return bad (message, text, len, N_("the hour must be 00-23"));
  if (*minute > 59)
    return bad (message, text, len, N_("the minutes must be 00-59"));
  if (*second > 59)
    return bad (message, text, len, N_("the seconds must be 00-59 (leap seconds are not supported)"));

  if (p >= end)
    {
      if (need_offset)
        return bad (message, text, len, N_("a date-time needs a UTC offset such as Z or +08:00"));
      *offset_seconds = G_MININT;
      return TRUE;
    }
  if (*p == 'Z' && p + 1 == end)
    {
      *offset_seconds = 0;
      return TRUE;
    }
  if ((*p == '+' || *p == '-') && end - p == 6 &&
      digits (p + 1, 2, &oh) && p[3] == ':' && digits (p + 4, 2, &om))
    {
      if (oh > 23 || om > 59)
        return bad (message, text, len, N_("the UTC offset must be between -23:59 and +23:59"));
      *offset_seconds = (*p == '-' ? -1 : 1) * (oh * 3600 + om * 60);
      return TRUE;
    }
  return bad (message, text, len, N_("the UTC offset must be Z or ±HH:MM"));
}

/* A year: four digits, or a sign and four or more ("-0300", "+12000").
 * Returns the number of bytes read, 0 when there is no year. */
static gsize
parse_year (const char *p,
            const char *end,
            gint64     *year)
{
  gboolean sign = p < end && (*p == '-' || *p == '+');
  gboolean negative = sign && *p == '-';
  const char *q = p + sign;
  gint64 v = 0;
  gsize n = 0;

  while (q + n < end && g_ascii_isdigit (q[n]))
    {
      if (n >= 12)
        return 0;
      v = v * 10 + (q[n] - '0');
      n++;
    }
  if (n < 4 || (!sign && n != 4) || (sign && !negative && n == 4))
    return 0;
  *year = negative ? -v : v;
  return sign + n;
}

/* Local civil time (as if UTC) in @zone to UTC. The offset is taken to
 * the whole minute: local mean times before standard zones have seconds
 * (Honolulu's −10:31:26), which would leave a minute-precision time off
 * its minute, so that it would not read back from its ISO form. */
gint64
cm_date_from_zone (GTimeZone *zone,
                   gint64     local)
{
  gint64 t = local;
  int interval;

  if (zone == NULL)
    return local;
  interval = g_time_zone_adjust_time (zone, G_TIME_TYPE_STANDARD, &t);
  return local - g_time_zone_get_offset (zone, interval) / 60 * 60;
}

static gboolean
parse_iso (const char  *text,
           gsize        len,
           gboolean     strict,
           GTimeZone   *zone,
           CmDate      *date,
           char       **message)
{
  const char *p = text;
  const char *end = text + len;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0, offset = 0;
  gint64 year;
  gsize n;
  CmPrecision precision = CM_PRECISION_YEAR;

  n = parse_year (p, end, &year);
  if (n == 0)
    return bad (message, text, len, EXPECTED);
  if (year < -CM_DATE_MAX_YEAR || year > CM_DATE_MAX_YEAR)
    return bad (message, text, len, N_("the year lies beyond ±99,999,999,999"));
  p += n;

  if (p < end && (year < -9999 || year > 9999))
    return bad (message, text, len, N_("beyond years -9999 to 9999 a date is a year alone"));
  if (p < end)
    {
      if (*p != '-' || end - p < 3 || !digits (p + 1, 2, &month) ||
          (end - p > 3 && g_ascii_isdigit (p[3])))
        return bad (message, text, len, EXPECTED);
      if (month < 1 || month > 12)
        return bad (message, text, len, N_("the month must be 01-12"));
      precision = CM_PRECISION_MONTH;
      p += 3;
    }
  if (p < end)
    {
      if (*p != '-' || end - p < 3 || !digits (p + 1, 2, &day) ||
          (end - p > 3 && g_ascii_isdigit (p[3])))
        return bad (message, text, len, EXPECTED);
      if (day < 1 || day > cm_date_days_in_month ((int) year, month))
        {
          g_autofree char *why = message ? month_length_why (year, month) : NULL;
          return bad_translated (message, text, len, why);
        }
      precision = CM_PRECISION_DAY;
      p += 3;
    }
  if (p < end)
    {
      if ((*p != 'T' && (strict || *p != ' ')) || precision != CM_PRECISION_DAY)
        return bad (message, text, len, EXPECTED);
      if (!parse_time_part (p + 1, end, text, len, strict, &hour, &minute, &second,
                            &offset, &precision, message))
        return FALSE;
    }

  if (precision == CM_PRECISION_YEAR)
    return cm_date_from_year (date, year);
  cm_date_from_parts (date, precision, (int) year, month, day, hour, minute, second);
  if (offset == G_MININT)
    {
      gint64 start = cm_date_from_zone (zone, date->start);
      date->end += start - date->start;
      date->start = start;
    }
  else
    {
      date->start -= offset;
      date->end -= offset;
    }
  if (precision > CM_PRECISION_YEAR && (date->start < CM_DATE_DAY_MIN || date->end > CM_DATE_DAY_MAX))
    return bad (message, text, len, N_("the UTC time falls outside years -9999 to 9999"));
  return TRUE;
}

gboolean
cm_date_parse (const char  *text,
               gsize        len,
               CmDate      *date,
               char       **message)
{
  g_return_val_if_fail (text != NULL && date != NULL, FALSE);

  return parse_iso (text, len, TRUE, NULL, date, message);
}

static void
split_time (gint64  time,
            gint64 *year,
            int    *month,
            int    *day,
            int    *secs)
{
  gint64 days = floor_div (time, DAY);

  civil_from_days (days, year, month, day);
  *secs = (int) (time - days * DAY);
}

/* "13.8 billion", "4.6 billion", "66 million", "50,000": deep-time figures
 * are approximate, so three significant digits say all there is. */
static char *
format_amount (gint64 n)
{
  typedef struct { double scale; const char *format; } Unit;
  static const Unit western[] = {
    { 1e9, N_("%s billion") }, { 1e6, N_("%s million") },
  }, myriad[] = {
    /* Translators: only for languages that count in myriads (see
     * "western" with the context "number grouping"): 1.38 × 10^8, "1.38
     * hundred million" is "1.38亿" in Chinese. */
    { 1e8, N_("%s hundred million") },
    /* Translators: 6.6 × 10^4, "6.6万" in Chinese. */
    { 1e4, N_("%s ten thousand") },
  };
  /* Translators: how large numbers are grouped in words: "western"
   * (thousand, million, billion), or "myriad" for languages that count
   * in ten thousands (万, 亿). Write one of these two words. */
  gboolean by_myriads = g_str_equal (C_("number grouping", "western"), "myriad");
  const Unit *units = by_myriads ? myriad : western;
  GString *out;

  for (guint i = 0; i < 2; i++)
    if ((double) n >= units[i].scale)
      {
        double v = (double) n / units[i].scale;
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        g_ascii_formatd (buf, sizeof buf, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
        /* No trailing zeros: "13.8", not "13.80". */
        if (strchr (buf, '.') != NULL)
          {
            gsize l = strlen (buf);
            while (l > 0 && buf[l - 1] == '0')
              buf[--l] = '\0';
            if (l > 0 && buf[l - 1] == '.')
              buf[--l] = '\0';
          }
        return g_strdup_printf (_(units[i].format), buf);
      }
  out = g_string_new (NULL);
  g_string_printf (out, "%" G_GINT64_FORMAT, n);
  for (gssize i = (gssize) out->len - 3; i > 0; i -= 3)
    g_string_insert_c (out, i, ',');
  return g_string_free (out, FALSE);
}

char *
cm_date_format_year (gint64 year)
{
  g_autofree char *amount = NULL;

  if (year >= 1)
    return g_strdup_printf (year <= 9999 ? "%04" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, year);
  if (year >= -9999)
    {
      char number[24];

      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, 1 - year);
      /* Translators: a year before the common era, "300 BC"; the date
       * patterns (context "date") then add what a year takes, as "年". */
      return g_strdup_printf (_("%s BC"), number);
    }
  /* Before 10,000 BC the era no longer helps: "years ago" is how deep
   * time is written, and at this scale the reference year is moot. */
  amount = format_amount (-year);
  /* Translators: deep time, "13.8 billion years ago". */
  return g_strdup_printf (_("%s years ago"), amount);
}

/* A date pattern of the message catalogue with its fields filled in:
 * {year}, {month} (the abbreviated name), {month_number}, {day} and
 * {time}. Named fields rather than printf's: a language orders them its
 * own way and leaves out what it does not write ("2022年1月11日" has no
 * month name), which positional printf arguments cannot do safely. */
static char *
fill_pattern (const char *pattern,
              const char *year,
              int         month,
              int         day,
              const char *time)
{
  GString *out = g_string_new (NULL);

  for (const char *p = pattern; *p != '\0'; p++)
    {
      if (*p == '{' && g_str_has_prefix (p, "{year}"))
        g_string_append (out, year), p += strlen ("{year}") - 1;
      else if (*p == '{' && g_str_has_prefix (p, "{month}"))
        g_string_append (out, g_dpgettext2 (GETTEXT_PACKAGE, "month", month_abbrev[month - 1])), p += strlen ("{month}") - 1;
      else if (*p == '{' && g_str_has_prefix (p, "{month_number}"))
        g_string_append_printf (out, "%d", month), p += strlen ("{month_number}") - 1;
      else if (*p == '{' && g_str_has_prefix (p, "{day}"))
        g_string_append_printf (out, "%d", day), p += strlen ("{day}") - 1;
      else if (*p == '{' && g_str_has_prefix (p, "{time}") && time != NULL)
        g_string_append (out, time), p += strlen ("{time}") - 1;
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The month abbreviations as the catalogue has them, for fill_pattern. */
G_GNUC_UNUSED static const char * const month_context[] = {
  NC_("month", "Jan"), NC_("month", "Feb"), NC_("month", "Mar"), NC_("month", "Apr"),
  NC_("month", "May"), NC_("month", "Jun"), NC_("month", "Jul"), NC_("month", "Aug"),
  NC_("month", "Sep"), NC_("month", "Oct"), NC_("month", "Nov"), NC_("month", "Dec"),
};

char *
cm_date_format (gint64      time,
                CmPrecision precision)
{
  gint64 y;
  int m, d, s;
  g_autofree char *year = NULL;
  char clock[16];

  split_time (time, &y, &m, &d, &s);
  /* Beyond the calendar's years, a year is all a date says; "years ago"
   * is a whole date, an era's year ("300 BC") goes through the patterns. */
  if (y <= 0 || y > 9999)
    {
      year = cm_date_format_year (y);
      if (precision == CM_PRECISION_YEAR && y < -9999)
        return g_steal_pointer (&year);
    }
  else
    year = g_strdup_printf ("%04d", (int) y);
  switch (precision)
    {
    case CM_PRECISION_YEAR:
      /* Translators: a date given to the year, in the list, the details
       * and tooltips. {year} is replaced by the year, e.g. "2022". */
      return fill_pattern (C_("date", "{year}"), year, m, d, NULL);
    case CM_PRECISION_MONTH:
      /* Translators: a date given to the month: {month} is replaced by
       * the month's abbreviation (translated with the context "month"),
       * {month_number} by its number, 1 to 12, {year} by the year:
       * "Nov 2021". */
      return fill_pattern (C_("date", "{month} {year}"), year, m, d, NULL);
    case CM_PRECISION_DAY:
      /* Translators: a date given to the day: "14 Apr 2023". {day} is
       * the day of the month, 1 to 31; see "{month} {year}" for the rest. */
      return fill_pattern (C_("date", "{day} {month} {year}"), year, m, d, NULL);
    case CM_PRECISION_MINUTE:
      g_snprintf (clock, sizeof clock, "%02d:%02d", s / 3600, (s / 60) % 60);
      /* Translators: a date and a time of day in UTC: "14 Apr 2023 09:30
       * UTC". {time} is the time, "09:30" or "09:30:15". */
      return fill_pattern (C_("date", "{day} {month} {year} {time} UTC"), year, m, d, clock);
    case CM_PRECISION_SECOND:
    default:
      g_snprintf (clock, sizeof clock, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
      return fill_pattern (C_("date", "{day} {month} {year} {time} UTC"), year, m, d, clock);
    }
}

char *
cm_date_format_iso (gint64      time,
                    CmPrecision precision)
{
  gint64 y;
  int m, d, s;
  char year[24];

  split_time (time, &y, &m, &d, &s);
  if (y >= 0 && y <= 9999)
    g_snprintf (year, sizeof year, "%04d", (int) y);
  else if (y < 0 && y >= -9999)
    g_snprintf (year, sizeof year, "-%04d", (int) -y);
  else
    g_snprintf (year, sizeof year, "%+" G_GINT64_FORMAT, y);
  switch (precision)
    {
    case CM_PRECISION_YEAR:
      return g_strdup (year);
    case CM_PRECISION_MONTH:
      return g_strdup_printf ("%s-%02d", year, m);
    case CM_PRECISION_DAY:
      return g_strdup_printf ("%s-%02d-%02d", year, m, d);
    case CM_PRECISION_MINUTE:
      return g_strdup_printf ("%s-%02d-%02dT%02d:%02dZ", year, m, d, s / 3600, (s / 60) % 60);
    case CM_PRECISION_SECOND:
    default:
      return g_strdup_printf ("%s-%02d-%02dT%02d:%02d:%02dZ", year, m, d,
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

/* Import parsing ---------------------------------------------------------- */

typedef enum
{
  TOK_NUMBER,     /* digits, maybe with a decimal part */
  TOK_MONTH,
  TOK_TIME,       /* HH:MM[:SS[.fff]] */
  TOK_ERA,        /* BC/BCE (value 1) or AD/CE (value 0) */
  TOK_ZONE_UTC,
  TOK_SCALE,      /* thousand, million, billion */
  TOK_AGO,        /* "years ago" and "ago" */
  TOK_WEEKDAY,    /* Monday (value 0) to Sunday (6), checked against the date */
  TOK_OTHER,
} TokKind;

typedef struct
{
  TokKind kind;
  gint64  value;
  double  number;      /* the full value of a decimal number */
  int     n_digits;
  gboolean decimal;
  int     h, mi, s;
  gboolean has_seconds;
} Tok;

#define MAX_TOKS 8

static int
month_from_word (const char *w,
                 gsize       len)
{
  if (len < 3)
    return 0;
  for (int i = 0; i < 12; i++)
    {
      gsize full = strlen (month_names[i]);
      /* "Sep", "Sept", "September"; a prefix of the name of 3+ letters. */
      if (len <= full && g_ascii_strncasecmp (w, month_names[i], len) == 0)
        return i + 1;
    }
  return 0;
}

static gboolean
word_is (const char *w,
         gsize       len,
         const char *word)
{
  return strlen (word) == len && g_ascii_strncasecmp (w, word, len) == 0;
}

/* "Monday", "Mon": 0 to 6, or -1. No month name begins as a weekday's. */
static int
weekday_from_word (const char *w,
                   gsize       len)
{
  static const char * const weekdays[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  };

  for (int i = 0; i < 7; i++)
    if (len >= 3 && len <= strlen (weekdays[i]) && g_ascii_strncasecmp (w, weekdays[i], len) == 0 &&
        (len == 3 || len == strlen (weekdays[i]) || (i == 1 && len == 4) || (i == 3 && len == 5)))
      return i;
  return -1;
}

int
cm_date_month_from_word (const char *word)
{
  gsize len;

  g_return_val_if_fail (word != NULL, 0);
  len = strlen (word);
  if (len > 0 && word[len - 1] == '.')
    len--;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalpha (word[i]))
      return 0;
  return month_from_word (word, len);
}

/* Splits English date text into at most MAX_TOKS tokens; FALSE for text
 * that has anything else in it. */
static guint
tokenize (const char *text,
          Tok        *toks)
{
  const char *p = text;
  guint n = 0;

  for (;;)
    {
      Tok t = { TOK_OTHER };
      const char *w;
      gsize len;

      /* A hyphen between a month and a number, as in "02-Oct-1951", is a
       * space; a leading one is a sign, read elsewhere. */
      while (*p == ' ' || *p == ',' || *p == '\t' ||
             (*p == '-' && p > text && g_ascii_isalnum (p[-1]) && g_ascii_isalnum (p[1]) &&
              (g_ascii_isalpha (p[-1]) || g_ascii_isalpha (p[1]))))
        p++;
      if (*p == '\0')
        return n;
      if (n == MAX_TOKS)
        return 0;
      w = p;
      if (g_ascii_isdigit (*p))
        {
          gint64 v = 0;
          while (g_ascii_isdigit (*p))
            {
              if (t.n_digits++ > 12)
                return 0;
              v = v * 10 + (*p++ - '0');
            }
          if (*p == ':')
            {
              int h = (int) v, mi, s = 0;
              if (t.n_digits > 2 || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]))
                return 0;
              mi = (p[1] - '0') * 10 + (p[2] - '0');
              p += 3;
              if (*p == ':' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
                {
                  s = (p[1] - '0') * 10 + (p[2] - '0');
                  t.has_seconds = TRUE;
                  p += 3;
                  if (*p == '.')
                    for (p++; g_ascii_isdigit (*p); p++)
                      ;
                }
              t.kind = TOK_TIME;
              t.h = h;
              t.mi = mi;
              t.s = s;
            }
          else
            {
              t.kind = TOK_NUMBER;
              t.value = v;
              t.number = (double) v;
              if (*p == '.' && g_ascii_isdigit (p[1]))
                {
                  t.number = g_ascii_strtod (w, (char **) &p);
                  t.decimal = TRUE;
                }
              /* Ordinals: "2nd", "21st". */
              else if (g_ascii_isalpha (p[0]) && g_ascii_isalpha (p[1]) && !g_ascii_isalpha (p[2]) &&
                       (g_ascii_strncasecmp (p, "st", 2) == 0 || g_ascii_strncasecmp (p, "nd", 2) == 0 ||
                        g_ascii_strncasecmp (p, "rd", 2) == 0 || g_ascii_strncasecmp (p, "th", 2) == 0))
                p += 2;
            }
        }
      else if (g_ascii_isalpha (*p))
        {
          int m;
          while (g_ascii_isalpha (*p))
            p++;
          len = p - w;
          if (*p == '.')
            p++;
          if ((m = month_from_word (w, len)) > 0)
            {
              t.kind = TOK_MONTH;
              t.value = m;
            }
          else if ((m = weekday_from_word (w, len)) >= 0)
            {
              t.kind = TOK_WEEKDAY;
              t.value = m;
            }
          else if (word_is (w, len, "BC") || word_is (w, len, "BCE"))
            {
              t.kind = TOK_ERA;
              t.value = 1;
            }
          else if (word_is (w, len, "AD") || word_is (w, len, "CE"))
            t.kind = TOK_ERA;
          else if (word_is (w, len, "UTC") || word_is (w, len, "GMT") || word_is (w, len, "Z"))
            t.kind = TOK_ZONE_UTC;
          else if (word_is (w, len, "thousand") || word_is (w, len, "million") || word_is (w, len, "billion"))
            {
              t.kind = TOK_SCALE;
              t.value = w[0] == 't' || w[0] == 'T' ? 1000 : w[0] == 'm' || w[0] == 'M' ? 1000000 : 1000000000;
            }
          else if (word_is (w, len, "years") || word_is (w, len, "year"))
            {
              /* Only as "years ago". */
              while (*p == ' ')
                p++;
              if (g_ascii_strncasecmp (p, "ago", 3) != 0 || g_ascii_isalpha (p[3]))
                return 0;
              p += 3;
              t.kind = TOK_AGO;
            }
          else
            return 0;
        }
      else
        return 0;
      toks[n++] = t;
    }
}

static gboolean
set_day (CmDate     *date,
         gint64      year,
         int         month,
         int         day,
         char      **why)
{
  if (year < -9999 || year > 9999)
    {
      if (why)
        *why = g_strdup (_("a day or month is only read in years -9999 to 9999"));
      return FALSE;
    }
  if (month < 1 || month > 12)
    {
      if (why)
        *why = g_strdup_printf (_("month %d is not 1-12"), month);
      return FALSE;
    }
  if (day == 0)
    {
      cm_date_from_parts (date, CM_PRECISION_MONTH, (int) year, month, 1, 0, 0, 0);
      return TRUE;
    }
  if (day < 1 || day > cm_date_days_in_month ((int) year, month))
    {
      if (why)
        *why = month_length_why (year, month);
      return FALSE;
    }
  cm_date_from_parts (date, CM_PRECISION_DAY, (int) year, month, day, 0, 0, 0);
  return TRUE;
}

/* "\"6/17/47\" has a two-digit year: 1947 or 2047?" */
static char *
two_digit_year_why (const char *text,
                    gint64      year)
{
  g_autofree char *quote = g_utf8_make_valid (text, MIN (strlen (text), 60));

  /* Translators: the date as written, then the two readings of its year:
   * "6/17/47" … 1947 or 2047. */
  return g_strdup_printf (_("\"%s\" has a two-digit year, so its century is not known (%lld or %lld?); "
                            "write years with all their digits"),
                          quote, (long long) year + 1900, (long long) year + 2000);
}

static char *
weekday_why (const char *text,
             int         actual)
{
  static const char * const weekdays[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
  };
  g_autofree char *quote = g_utf8_make_valid (text, MIN (strlen (text), 60));

  /* Translators: the date as written, then the weekday it really was. */
  return g_strdup_printf (_("\"%s\" names the wrong weekday: that day was a %s"), quote, _(weekdays[actual]));
}

/* Words and numbers: month names, eras, "years ago", a trailing time. */
static gboolean
parse_words (const char *text,
             GTimeZone  *zone,
             CmDate     *date,
             char      **why)
{
  Tok t[MAX_TOKS];
  guint n = tokenize (text, t);
  gboolean bc = FALSE, era = FALSE, utc = FALSE;
  Tok time_tok;
  const Tok *time = NULL;
  gint64 year;
  int month = 0, day = 0, weekday = -1, year_digits = 0;

  if (n == 0)
    return FALSE;

  /* "13.8 billion years ago", "66 million years ago", "50,000 years ago"
   * (the comma splits the figure). */
  if (t[n - 1].kind == TOK_AGO)
    {
      double amount = 0;

      if (n >= 3 && t[n - 2].kind == TOK_SCALE && t[n - 3].kind == TOK_NUMBER && n == 3)
        amount = t[0].number * (double) t[1].value;
      else if (n == 2 && t[0].kind == TOK_NUMBER)
        amount = t[0].number;
      else if (n == 3 && t[0].kind == TOK_NUMBER && t[1].kind == TOK_NUMBER && t[1].n_digits == 3)
        amount = (double) (t[0].value * 1000 + t[1].value);
      else
        return FALSE;
      if (!isfinite (amount) || amount < 1 || amount > (double) CM_DATE_MAX_YEAR)
        return FALSE;
      return cm_date_from_year (date, -(gint64) llround (amount));
    }

  /* Strip the era, the zone and the time, wherever they are. */
  {
    Tok kept[MAX_TOKS] = { 0 };
    guint k = 0;

    for (guint i = 0; i < n; i++)
      {
        if (t[i].kind == TOK_ERA)
          {
            if (era)
              return FALSE;
            era = TRUE;
            bc = t[i].value == 1;
          }
        else if (t[i].kind == TOK_ZONE_UTC)
          utc = TRUE;
        else if (t[i].kind == TOK_WEEKDAY && weekday < 0)
          weekday = (int) t[i].value;
        else if (t[i].kind == TOK_TIME && time == NULL)
          {
            /* A copy: the kept tokens are written back over t below. */
            time_tok = t[i];
            time = &time_tok;
          }
        else if ((t[i].kind == TOK_NUMBER && !t[i].decimal) || t[i].kind == TOK_MONTH)
          kept[k++] = t[i];
        else
          return FALSE;
      }
    memcpy (t, kept, k * sizeof (Tok));
    n = k;
  }

#define IS(i, k) (t[i].kind == TOK_##k)
  if (n == 1 && IS (0, NUMBER) && era)
    year = t[0].value;
  else if (n == 2 && IS (0, MONTH) && IS (1, NUMBER) && t[1].n_digits >= 3)
    {
      month = (int) t[0].value;
      year = t[1].value;
    }
  else if (n == 3 && IS (0, MONTH) && IS (1, NUMBER) && IS (2, NUMBER) && t[1].n_digits <= 2)
    {
      month = (int) t[0].value;
      day = (int) t[1].value;
      year = t[2].value;
      year_digits = t[2].n_digits;
    }
  else if (n == 3 && IS (0, NUMBER) && IS (1, MONTH) && IS (2, NUMBER) && t[0].n_digits <= 2)
    {
      day = (int) t[0].value;
      month = (int) t[1].value;
      year = t[2].value;
      year_digits = t[2].n_digits;
    }
  else if (n == 3 && IS (0, NUMBER) && IS (1, MONTH) && IS (2, NUMBER) && t[0].n_digits >= 3)
    {
      year = t[0].value;
      month = (int) t[1].value;
      day = (int) t[2].value;
    }
  else if (n == 2 && IS (0, NUMBER) && IS (1, MONTH) && t[0].n_digits >= 3)
    {
      year = t[0].value;
      month = (int) t[1].value;
    }
  else
    return FALSE;
#undef IS

  /* "2 Oct 51": 1951 or 2051, or AD 51? Never guessed. */
  if (year_digits > 0 && year_digits <= 2 && !era)
    {
      if (why)
        *why = two_digit_year_why (text, year);
      return FALSE;
    }
  if (bc)
    {
      /* 1 BC is year 0: astronomical numbering. */
      if (year < 1)
        return FALSE;
      year = 1 - year;
    }
  if (month == 0)
    {
      if (time != NULL)
        return FALSE;
      return cm_date_from_year (date, year);
    }
  if (year < -9999 || year > 9999)
    return FALSE;
  if (!set_day (date, year, month, day, why))
    return FALSE;
  if (weekday >= 0)
    {
      /* 1 January 1970 was a Thursday (3). */
      int actual = (int) ((cm_date_days_from_civil ((int) year, month, day) % 7 + 7 + 3) % 7);

      if (day == 0)
        return FALSE;
      if (actual != weekday)
        {
          if (why)
            *why = weekday_why (text, actual);
          return FALSE;
        }
    }
  if (time != NULL)
    {
      if (day == 0 || time->h > 23 || time->mi > 59 || time->s > 59)
        return FALSE;
      cm_date_from_parts (date, time->has_seconds ? CM_PRECISION_SECOND : CM_PRECISION_MINUTE,
                          (int) year, month, day, time->h, time->mi, time->s);
      if (!utc)
        {
          gint64 start = cm_date_from_zone (zone, date->start);
          date->end += start - date->start;
          date->start = start;
        }
      if (date->start < CM_DATE_DAY_MIN || date->end > CM_DATE_DAY_MAX)
        return FALSE;
    }
  return TRUE;
}

/* 1951年10月2日, 1930年9月, 2021年, 公元前300年, 公元300年. */
static gboolean
parse_chinese (const char *text,
               CmDate     *date,
               char      **why)
{
  const char *p = text;
  gboolean bc = FALSE;
  gint64 year = 0;
  int month = 0, day = 0, n = 0;

  if (g_str_has_prefix (p, "公元前"))
    {
      bc = TRUE;
      p += strlen ("公元前");
    }
  else if (g_str_has_prefix (p, "公元"))
    p += strlen ("公元");
  while (g_ascii_isdigit (*p) && n < 12)
    {
      year = year * 10 + (*p++ - '0');
      n++;
    }
  if (n == 0 || !g_str_has_prefix (p, "年"))
    return FALSE;
  p += strlen ("年");
  if (bc)
    {
      if (year < 1)
        return FALSE;
      year = 1 - year;
    }
  if (*p == '\0')
    return cm_date_from_year (date, year);
  for (n = 0; g_ascii_isdigit (*p) && n < 2; n++)
    month = month * 10 + (*p++ - '0');
  if (n == 0 || !g_str_has_prefix (p, "月"))
    return FALSE;
  p += strlen ("月");
  for (n = 0; g_ascii_isdigit (*p) && n < 2; n++)
    day = day * 10 + (*p++ - '0');
  if (n > 0)
    {
      if (!g_str_has_prefix (p, "日") && !g_str_has_prefix (p, "号"))
        return FALSE;
      p += 3;
      if (day == 0)
        return FALSE;
    }
  if (*p != '\0')
    return FALSE;
  return set_day (date, year, month, day, why);
}

/* 2021/11/15, 15/11/2021, 11/15/2021, 15.11.2021, 15-11-2021. */
static gboolean
parse_numeric (const char  *text,
               CmDateOrder  order,
               CmDate      *date,
               char       **why)
{
  int a, b, c, na, nb, nc;
  char s1, s2, tail;

  if (sscanf (text, "%4d%n%c%2d%n%c%5d%n%c", &a, &na, &s1, &b, &nb, &s2, &c, &nc, &tail) != 5) /* NOLINT(cert-err34-c) */
    return FALSE;
  if (s1 != s2 || (s1 != '/' && s1 != '.' && s1 != '-') || text[nc] != '\0')
    return FALSE;
  if (!g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[na + 1]) || !g_ascii_isdigit (text[nb + 1]))
    return FALSE;
  if (na == 4)
    return nc - nb - 1 <= 2 && set_day (date, a, b, c, why);
  if (na <= 2 && nb - na - 1 <= 2 && nc - nb - 1 == 2)
    {
      /* "6/17/47", "24.09.06": the year's century is never guessed. */
      if (why)
        *why = two_digit_year_why (text, c);
      return FALSE;
    }
  if (na > 2 || nb - na - 1 > 2 || nc - nb - 1 != 4)
    return FALSE;
  if (order == CM_DATE_ORDER_AUTO)
    {
      /* Equal numbers read the same either way. */
      if ((a > 12 && b <= 12) || a == b)
        order = CM_DATE_ORDER_DMY;
      else if (b > 12 && a <= 12)
        order = CM_DATE_ORDER_MDY;
      else
        {
          if (why)
            /* Translators: keep "--date-format": the importer tells
             * this reason from the others by it. */
            *why = g_strdup_printf (_("\"%s\" could be day/month or month/day; "
                                      "choose the order with --date-format DMY or MDY"), text);
          return FALSE;
        }
    }
  if (order == CM_DATE_ORDER_DMY)
    return set_day (date, c, b, a, why);
  return set_day (date, c, a, b, why);
}

/* A numeric date with a time of day: "02/10/1951 10:00[:00]". */
static gboolean
parse_numeric_time (char        *text,
                    CmDateOrder  order,
                    GTimeZone   *zone,
                    CmDate      *date,
                    char       **why)
{
  char *space = strchr (text, ' ');
  int h, mi, s = 0, n = 0;
  gboolean ok;

  if (space == NULL)
    return parse_numeric (text, order, date, why);
  if (sscanf (space + 1, "%2d:%2d%n:%2d%n", &h, &mi, &n, &s, &n) < 2 || space[1 + n] != '\0' || /* NOLINT(cert-err34-c) */
      h > 23 || mi > 59 || s > 59 || h < 0 || mi < 0 || s < 0)
    return FALSE;
  *space = '\0';
  ok = parse_numeric (text, order, date, why);
  *space = ' ';
  if (!ok)
    return FALSE;
  {
    gint64 local = date->start + h * 3600 + mi * 60 + s;
    gboolean seconds = strchr (strchr (space + 1, ':') + 1, ':') != NULL;

    date->start = cm_date_from_zone (zone, local);
    date->end = date->start + (seconds ? 1 : 60);
    date->precision = seconds ? CM_PRECISION_SECOND : CM_PRECISION_MINUTE;
  }
  return date->start >= CM_DATE_DAY_MIN && date->end <= CM_DATE_DAY_MAX;
}

/* A year alone: "-300", "921", "+12000", "1880.0". */
static gboolean
parse_year_number (const char *text,
                   CmDate     *date)
{
  char *end = NULL;
  gint64 v;

  if (!g_ascii_isdigit (text[text[0] == '-' || text[0] == '+']))
    return FALSE;
  errno = 0;
  v = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || end == text)
    return FALSE;
  /* Spreadsheets write whole numbers as "1880.0". */
  if (*end == '.')
    {
      end++;
      while (*end == '0')
        end++;
    }
  return *end == '\0' && cm_date_from_year (date, v);
}

/* "YYYY-MM-DD" and nothing else, the commonest date of all, read without
 * copying and trimming it for the general parsers: what parse_iso makes
 * of it, at a tenth of the cost. */
static gboolean
parse_plain_day (const char *t,
                 CmDate     *date)
{
  int year, month, day;

  for (int i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? t[i] != '-' : !g_ascii_isdigit (t[i]))
      return FALSE;
  if (t[10] != '\0')
    return FALSE;
  year = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  month = (t[5] - '0') * 10 + (t[6] - '0');
  day = (t[8] - '0') * 10 + (t[9] - '0');
  if (month < 1 || month > 12 || day < 1 || day > cm_date_days_in_month (year, month))
    return FALSE;
  cm_date_from_parts (date, CM_PRECISION_DAY, year, month, day, 0, 0, 0);
  return TRUE;
}

gboolean
cm_date_parse_text (const char  *text,
                    CmDateOrder  order,
                    GTimeZone   *zone,
                    CmDate      *date,
                    char       **why)
{
  /* On the stack: an import parses a date per row. */
  char buf[201];
  char *trimmed;
  gsize len;

  g_return_val_if_fail (text != NULL && date != NULL, FALSE);

  if (why)
    *why = NULL;
  if (parse_plain_day (text, date))
    return TRUE;
  len = strnlen (text, sizeof buf - 1);
  memcpy (buf, text, len);
  buf[len] = '\0';
  trimmed = g_strstrip (buf);
  len = strlen (trimmed);
  if (len == 0)
    {
      if (why)
        *why = g_strdup (_("the date is empty"));
      return FALSE;
    }

  if (parse_iso (trimmed, len, FALSE, zone, date, NULL)
      || parse_year_number (trimmed, date)
      || parse_numeric_time (trimmed, order, zone, date, why)
      || (why == NULL || *why == NULL ? parse_words (trimmed, zone, date, why) : FALSE)
      || (why == NULL || *why == NULL ? parse_chinese (trimmed, date, why) : FALSE))
    {
      if (why)
        g_clear_pointer (why, g_free);
      return TRUE;
    }
  if (why && *why == NULL)
    {
      /* Quoted as valid UTF-8 whatever the input, cut at 60 bytes. */
      g_autofree char *quote = g_utf8_make_valid (trimmed, MIN (len, 60));

      *why = g_strdup_printf (_("\"%s\" is not a date this reader knows; "
                                "see \"Importing\" in dataset-format.md for the forms read"), quote);
    }
  return FALSE;
}

gboolean
cm_date_is_two_digit_year (const char *text)
{
  char buf[72];
  gsize len;
  CmDate d;

  g_return_val_if_fail (text != NULL, FALSE);
  len = strlen (text);
  /* A date that ends in two digits that are not part of a longer number,
   * and that reads once they are a full year. */
  if (len < 4 || len > 60 || !g_ascii_isdigit (text[len - 1]) || !g_ascii_isdigit (text[len - 2]) ||
      g_ascii_isdigit (text[len - 3]))
    return FALSE;
  g_snprintf (buf, sizeof buf, "%.*s19%s", (int) (len - 2), text, text + len - 2);
  return cm_date_parse_text (buf, CM_DATE_ORDER_DMY, NULL, &d, NULL) ||
         cm_date_parse_text (buf, CM_DATE_ORDER_MDY, NULL, &d, NULL);
}

gboolean
cm_date_parse_lenient (const char *text,
                       CmDate     *date)
{
  g_return_val_if_fail (text != NULL, FALSE);

  return cm_date_parse_text (text, CM_DATE_ORDER_AUTO, NULL, date, NULL);
}
