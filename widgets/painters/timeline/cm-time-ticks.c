/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-timeline"

#include <langinfo.h>
#include <math.h>
#include <string.h>

#include "cm-time-ticks.h"

#define SECONDS_PER_DAY   ((gint64) 86400)
#define LABEL_PAD         6.0
/* Guards the tick loop against a caller passing an absurd range. */
#define MAX_TICKS         4000

struct _CmTimeLocale
{
  CmTimeLang  lang;
  char       *month_full[12];
  char       *month_abbr[12];
  char       *weekday_full[7];
  char       *weekday_abbr[7];
};

typedef enum
{
  PLACE_IN_INTERVAL,   /* label names the interval [tick, next tick) */
  PLACE_AT_TICK,       /* label names the instant of the tick */
} LabelPlacement;

static const CmTimeStep ladder[] = {
  { CM_TIME_UNIT_MINUTE, 1 },
  { CM_TIME_UNIT_MINUTE, 5 },
  { CM_TIME_UNIT_MINUTE, 15 },
  { CM_TIME_UNIT_MINUTE, 30 },
  { CM_TIME_UNIT_HOUR, 1 },
  { CM_TIME_UNIT_HOUR, 3 },
  { CM_TIME_UNIT_HOUR, 6 },
  { CM_TIME_UNIT_HOUR, 12 },
  { CM_TIME_UNIT_DAY, 1 },
  { CM_TIME_UNIT_WEEK, 1 },
  { CM_TIME_UNIT_MONTH, 1 },
  { CM_TIME_UNIT_MONTH, 3 },
  { CM_TIME_UNIT_YEAR, 1 },
  { CM_TIME_UNIT_YEAR, 2 },
  { CM_TIME_UNIT_YEAR, 5 },
  { CM_TIME_UNIT_YEAR, 10 },
  { CM_TIME_UNIT_YEAR, 20 },
  { CM_TIME_UNIT_YEAR, 50 },
  { CM_TIME_UNIT_YEAR, 100 },
  { CM_TIME_UNIT_YEAR, 200 },
  { CM_TIME_UNIT_YEAR, 500 },
  { CM_TIME_UNIT_YEAR, 1000 },
  { CM_TIME_UNIT_YEAR, 2000 },
  /* Prehistory and deep time, up to the age of the universe and beyond. */
  { CM_TIME_UNIT_YEAR, 5000 },
  { CM_TIME_UNIT_YEAR, 10000 },
  { CM_TIME_UNIT_YEAR, 20000 },
  { CM_TIME_UNIT_YEAR, 50000 },
  { CM_TIME_UNIT_YEAR, 100000 },
  { CM_TIME_UNIT_YEAR, 200000 },
  { CM_TIME_UNIT_YEAR, 500000 },
  { CM_TIME_UNIT_YEAR, 1000000 },
  { CM_TIME_UNIT_YEAR, 2000000 },
  { CM_TIME_UNIT_YEAR, 5000000 },
  { CM_TIME_UNIT_YEAR, 10000000 },
  { CM_TIME_UNIT_YEAR, 20000000 },
  { CM_TIME_UNIT_YEAR, 50000000 },
  { CM_TIME_UNIT_YEAR, 100000000 },
  { CM_TIME_UNIT_YEAR, 200000000 },
  { CM_TIME_UNIT_YEAR, 500000000 },
  { CM_TIME_UNIT_YEAR, 1000000000 },
  { CM_TIME_UNIT_YEAR, 2000000000 },
};

static const char * const en_month_full[12] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};
static const char * const en_month_abbr[12] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun",
  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char * const en_weekday_full[7] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
};
static const char * const en_weekday_abbr[7] = {
  "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};
static const char * const zh_weekday_full[7] = {
  "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日",
};
static const char * const zh_weekday_abbr[7] = {
  "周一", "周二", "周三", "周四", "周五", "周六", "周日",
};

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era, yoe, doy, doe;

  /* Howard Hinnant's algorithm: count from 0000-03-01 so that the leap
   * day is the last day of the computational year. */
  y -= m <= 2;
  era = floor_div (y, 400);
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days_64 (gint64  z,
                    gint64 *y,
                    int    *m,
                    int    *d)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = floor_div (z, 146097);
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

static void
civil_from_days (gint64  z,
                 int    *y,
                 int    *m,
                 int    *d)
{
  gint64 y64;

  civil_from_days_64 (z, &y64, m, d);
  *y = (int) y64;
}

gint64
cm_time_year_of (gint64 t)
{
  gint64 y;
  int m, d;

  civil_from_days_64 (floor_div (t, SECONDS_PER_DAY), &y, &m, &d);
  return y;
}

gint64
cm_time_year_start (gint64 year)
{
  return days_from_civil (year, 1, 1) * SECONDS_PER_DAY;
}

/* Years as people count them, with no year 0: 1 BC is -1, AD 1 is 1.
 * Steps of years are aligned in these numbers so that the ticks before
 * the era fall on "300 BC", "200 BC", not on "301 BC", "201 BC". */
static gint64
historical_from_year (gint64 year)
{
  return year <= 0 ? year - 1 : year;
}

static gint64
year_from_historical (gint64 h)
{
  /* "Year 0" of a step is AD 1, where the eras meet. */
  return h < 0 ? h + 1 : h == 0 ? 1 : h;
}

gint64
cm_time_from_civil (int year,
                    int month,
                    int day,
                    int hour,
                    int minute,
                    int second)
{
  /* Normalise the month so that callers can step with month + n. */
  year += (int) floor_div (month - 1, 12);
  month = (int) ((month - 1) - floor_div (month - 1, 12) * 12) + 1;

  return days_from_civil (year, month, day) * SECONDS_PER_DAY
         + hour * 3600 + minute * 60 + second;
}

void
cm_time_to_civil (gint64  t,
                  int    *year,
                  int    *month,
                  int    *day,
                  int    *hour,
                  int    *minute,
                  int    *second)
{
  gint64 days = floor_div (t, SECONDS_PER_DAY);
  gint64 rest = t - days * SECONDS_PER_DAY;
  int y, m, d;

  civil_from_days (days, &y, &m, &d);
  if (year)
    *year = y;
  if (month)
    *month = m;
  if (day)
    *day = d;
  if (hour)
    *hour = (int) (rest / 3600);
  if (minute)
    *minute = (int) (rest % 3600 / 60);
  if (second)
    *second = (int) (rest % 60);
}

/* 0 = Monday ... 6 = Sunday; 1970-01-01 was a Thursday. */
int
cm_time_weekday (gint64 t)
{
  gint64 days = floor_div (t, SECONDS_PER_DAY);

  return (int) (days + 3 - floor_div (days + 3, 7) * 7);
}

gboolean
cm_time_is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
cm_time_days_in_month (int year,
                       int month)
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  if (month == 2 && cm_time_is_leap_year (year))
    return 29;
  return days[month - 1];
}

const CmTimeStep *
cm_time_step_ladder (guint *n_steps)
{
  if (n_steps)
    *n_steps = G_N_ELEMENTS (ladder);
  return ladder;
}

gboolean
cm_time_step_equal (const CmTimeStep *a,
                    const CmTimeStep *b)
{
  return a->unit == b->unit && a->count == b->count;
}

gint64
cm_time_step_floor (const CmTimeStep *step,
                    gint64            t)
{
  gint64 days, len;
  int y, m, d;

  g_return_val_if_fail (step != NULL && step->count > 0, t);

  switch (step->unit)
    {
    case CM_TIME_UNIT_MINUTE:
    case CM_TIME_UNIT_HOUR:
    case CM_TIME_UNIT_DAY:
      /* Every count in the ladder divides the next unit up, so aligning
       * to the epoch also aligns to hours and days. */
      len = step->count * (step->unit == CM_TIME_UNIT_MINUTE ? 60
                           : step->unit == CM_TIME_UNIT_HOUR ? 3600
                           : SECONDS_PER_DAY);
      return floor_div (t, len) * len;

    case CM_TIME_UNIT_WEEK:
      days = floor_div (t, SECONDS_PER_DAY);
      return (days - cm_time_weekday (t)) * SECONDS_PER_DAY;

    case CM_TIME_UNIT_MONTH:
      cm_time_to_civil (t, &y, &m, &d, NULL, NULL, NULL);
      m = (int) (((m - 1) / step->count) * step->count) + 1;
      return cm_time_from_civil (y, m, 1, 0, 0, 0);

    case CM_TIME_UNIT_YEAR:
    default:
      {
        gint64 h = historical_from_year (cm_time_year_of (t));

        return cm_time_year_start (year_from_historical (floor_div (h, step->count) * step->count));
      }
    }
}

/* @t must already be aligned with cm_time_step_floor(). */
gint64
cm_time_step_next (const CmTimeStep *step,
                   gint64            t)
{
  int y, m;

  switch (step->unit)
    {
    case CM_TIME_UNIT_MINUTE:
      return t + 60 * (gint64) step->count;
    case CM_TIME_UNIT_HOUR:
      return t + 3600 * (gint64) step->count;
    case CM_TIME_UNIT_DAY:
      return t + SECONDS_PER_DAY * step->count;
    case CM_TIME_UNIT_WEEK:
      return t + 7 * SECONDS_PER_DAY * step->count;
    case CM_TIME_UNIT_MONTH:
      cm_time_to_civil (t, &y, &m, NULL, NULL, NULL, NULL);
      return cm_time_from_civil (y, m + (int) step->count, 1, 0, 0, 0);
    case CM_TIME_UNIT_YEAR:
    default:
      {
        gint64 h = historical_from_year (cm_time_year_of (t));

        /* AD 1 stands for the step's year 0. */
        if (h == 1 && step->count > 1)
          h = 0;
        return cm_time_year_start (year_from_historical (h + step->count));
      }
    }
}

/* The shortest interval one step can cover, used to size steps in pixels. */
gint64
cm_time_step_min_seconds (const CmTimeStep *step)
{
  switch (step->unit)
    {
    case CM_TIME_UNIT_MINUTE:
      return 60 * (gint64) step->count;
    case CM_TIME_UNIT_HOUR:
      return 3600 * (gint64) step->count;
    case CM_TIME_UNIT_DAY:
      return SECONDS_PER_DAY * step->count;
    case CM_TIME_UNIT_WEEK:
      return 7 * SECONDS_PER_DAY * step->count;
    case CM_TIME_UNIT_MONTH:
      /* A quarter is at least 90 days (Q1 of a common year). */
      return SECONDS_PER_DAY * (step->count == 3 ? 90 : 28 * (gint64) step->count);
    case CM_TIME_UNIT_YEAR:
    default:
      return 365 * SECONDS_PER_DAY * step->count;
    }
}

static CmTimeLang
lang_from_name (const char *name)
{
  if (g_str_has_prefix (name, "zh"))
    return CM_TIME_LANG_ZH;
  if (g_str_has_prefix (name, "en") || g_str_equal (name, "C")
      || g_str_has_prefix (name, "C.") || g_str_equal (name, "POSIX"))
    return CM_TIME_LANG_EN;
  return CM_TIME_LANG_SYSTEM;
}

static char *
langinfo_utf8 (nl_item item)
{
  /* nl_langinfo answers in the locale's own charset. */
  return g_locale_to_utf8 (nl_langinfo (item), -1, NULL, NULL, NULL);
}

static void
locale_fill_from_system (CmTimeLocale *self)
{
  static const nl_item mon[12] = { MON_1, MON_2, MON_3, MON_4, MON_5, MON_6,
                                   MON_7, MON_8, MON_9, MON_10, MON_11, MON_12 };
  static const nl_item abmon[12] = { ABMON_1, ABMON_2, ABMON_3, ABMON_4,
                                     ABMON_5, ABMON_6, ABMON_7, ABMON_8,
                                     ABMON_9, ABMON_10, ABMON_11, ABMON_12 };
  /* nl_langinfo counts weekdays from Sunday. */
  static const nl_item day[7] = { DAY_2, DAY_3, DAY_4, DAY_5, DAY_6, DAY_7, DAY_1 };
  static const nl_item abday[7] = { ABDAY_2, ABDAY_3, ABDAY_4, ABDAY_5,
                                    ABDAY_6, ABDAY_7, ABDAY_1 };

  for (guint i = 0; i < 12; i++)
    {
      self->month_full[i] = langinfo_utf8 (mon[i]);
      self->month_abbr[i] = langinfo_utf8 (abmon[i]);
      if (self->month_full[i] == NULL || self->month_abbr[i] == NULL)
        {
          g_free (self->month_full[i]);
          g_free (self->month_abbr[i]);
          self->month_full[i] = g_strdup (en_month_full[i]);
          self->month_abbr[i] = g_strdup (en_month_abbr[i]);
        }
    }
  for (guint i = 0; i < 7; i++)
    {
      self->weekday_full[i] = langinfo_utf8 (day[i]);
      self->weekday_abbr[i] = langinfo_utf8 (abday[i]);
      if (self->weekday_full[i] == NULL || self->weekday_abbr[i] == NULL)
        {
          g_free (self->weekday_full[i]);
          g_free (self->weekday_abbr[i]);
          self->weekday_full[i] = g_strdup (en_weekday_full[i]);
          self->weekday_abbr[i] = g_strdup (en_weekday_abbr[i]);
        }
    }
}

/**
 * cm_time_locale_new:
 * @language: (nullable): "en", "zh", or %NULL for the LC_TIME of the process
 *
 * English and Chinese are built in so that they work (and can be tested)
 * without the C library locales installed; any other LC_TIME language
 * takes its month and weekday names from the C library.
 */
CmTimeLocale *
cm_time_locale_new (const char *language)
{
  CmTimeLocale *self = g_new0 (CmTimeLocale, 1);

  if (language == NULL)
    {
      const char * const *names = g_get_language_names_with_category ("LC_TIME");

      language = names[0] != NULL ? names[0] : "C";
    }
  self->lang = lang_from_name (language);

  if (self->lang == CM_TIME_LANG_SYSTEM)
    {
      locale_fill_from_system (self);
      return self;
    }

  for (guint i = 0; i < 12; i++)
    {
      if (self->lang == CM_TIME_LANG_ZH)
        {
          self->month_full[i] = g_strdup_printf ("%u月", i + 1);
          self->month_abbr[i] = g_strdup_printf ("%u月", i + 1);
        }
      else
        {
          self->month_full[i] = g_strdup (en_month_full[i]);
          self->month_abbr[i] = g_strdup (en_month_abbr[i]);
        }
    }
  for (guint i = 0; i < 7; i++)
    {
      gboolean zh = self->lang == CM_TIME_LANG_ZH;

      self->weekday_full[i] = g_strdup (zh ? zh_weekday_full[i] : en_weekday_full[i]);
      self->weekday_abbr[i] = g_strdup (zh ? zh_weekday_abbr[i] : en_weekday_abbr[i]);
    }
  return self;
}

void
cm_time_locale_free (CmTimeLocale *locale)
{
  if (locale == NULL)
    return;
  for (guint i = 0; i < 12; i++)
    {
      g_free (locale->month_full[i]);
      g_free (locale->month_abbr[i]);
    }
  for (guint i = 0; i < 7; i++)
    {
      g_free (locale->weekday_full[i]);
      g_free (locale->weekday_abbr[i]);
    }
  g_free (locale);
}

CmTimeLang
cm_time_locale_get_lang (const CmTimeLocale *locale)
{
  g_return_val_if_fail (locale != NULL, CM_TIME_LANG_EN);
  return locale->lang;
}

const char *
cm_time_locale_get_today (const CmTimeLocale *locale)
{
  g_return_val_if_fail (locale != NULL, "Today");
  return locale->lang == CM_TIME_LANG_ZH ? "今天" : "Today";
}

/* "13.8", "4.6", "138", "1.5": at most three significant digits, no
 * trailing zeros; ticks fall on round numbers, so nothing is lost. */
static char *
short_number (double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len;

  g_ascii_formatd (buf, sizeof buf, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
  len = strlen (buf);
  if (strchr (buf, '.') != NULL)
    {
      while (len > 0 && buf[len - 1] == '0')
        buf[--len] = '\0';
      if (len > 0 && buf[len - 1] == '.')
        buf[--len] = '\0';
    }
  return g_strdup (buf);
}

static char *
grouped (gint64 n)
{
  GString *out = g_string_new (NULL);

  g_string_printf (out, "%" G_GINT64_FORMAT, n);
  for (gssize i = (gssize) out->len - 3; i > 0; i -= 3)
    g_string_insert_c (out, i, ',');
  return g_string_free (out, FALSE);
}

/* Before 10,000 BC years are counted back from now, as deep time is
 * written: "13.8 billion years ago", "138亿年前". */
static char *
years_ago (gboolean zh,
           gint64   n)
{
  g_autofree char *number = NULL;

  if (zh)
    {
      if (n >= 100000000)
        {
          number = short_number ((double) n / 1e8);
          return g_strdup_printf ("%s亿年前", number);
        }
      number = short_number ((double) n / 1e4);
      return g_strdup_printf ("%s万年前", number);
    }
  if (n >= 1000000000)
    {
      number = short_number ((double) n / 1e9);
      return g_strdup_printf ("%s billion years ago", number);
    }
  if (n >= 1000000)
    {
      number = short_number ((double) n / 1e6);
      return g_strdup_printf ("%s million years ago", number);
    }
  number = grouped (n);
  return g_strdup_printf ("%s years ago", number);
}

char *
cm_time_locale_format_year (const CmTimeLocale *locale,
                            gint64              year)
{
  gboolean zh;

  g_return_val_if_fail (locale != NULL, NULL);

  zh = locale->lang == CM_TIME_LANG_ZH;
  if (year >= 1)
    return zh ? g_strdup_printf ("%" G_GINT64_FORMAT "年", year)
              : g_strdup_printf ("%" G_GINT64_FORMAT, year);
  if (year >= -9999)
    return zh ? g_strdup_printf ("公元前%" G_GINT64_FORMAT "年", 1 - year)
              : g_strdup_printf ("%" G_GINT64_FORMAT " BC", 1 - year);
  return years_ago (zh, 1 - year);
}

/* The year inside a longer English label: "Mar 2022", "Mar 44 BC". */
static char *
year_in_text (gint64 year)
{
  if (year >= 1)
    return g_strdup_printf ("%" G_GINT64_FORMAT, year);
  return g_strdup_printf ("%" G_GINT64_FORMAT " BC", 1 - year);
}

/* The same in Chinese, with its 年: "2022年", "公元前44年". */
static char *
year_in_text_zh (gint64 year)
{
  if (year >= 1)
    return g_strdup_printf ("%" G_GINT64_FORMAT "年", year);
  return g_strdup_printf ("公元前%" G_GINT64_FORMAT "年", 1 - year);
}

char *
cm_time_locale_format (const CmTimeLocale *locale,
                       CmTimeFormat        format,
                       gint64              t)
{
  gboolean zh;
  int y, m, d, h, mi;
  g_autofree char *ye = NULL;
  g_autofree char *yz = NULL;

  g_return_val_if_fail (locale != NULL, NULL);

  zh = locale->lang == CM_TIME_LANG_ZH;
  cm_time_to_civil (t, &y, &m, &d, &h, &mi, NULL);
  if (format == CM_TIME_FORMAT_YEAR)
    return cm_time_locale_format_year (locale, cm_time_year_of (t));
  ye = year_in_text (y);
  yz = year_in_text_zh (y);

  switch (format)
    {
    case CM_TIME_FORMAT_QUARTER:
      return zh ? g_strdup_printf ("%s第%d季度", yz, (m - 1) / 3 + 1)
                : g_strdup_printf ("Q%d %s", (m - 1) / 3 + 1, ye);
    case CM_TIME_FORMAT_MONTH_YEAR:
      return zh ? g_strdup_printf ("%s%d月", yz, m)
                : g_strdup_printf ("%s %s", locale->month_abbr[m - 1], ye);
    case CM_TIME_FORMAT_DATE:
      return zh ? g_strdup_printf ("%s%d月%d日", yz, m, d)
                : g_strdup_printf ("%d %s %s", d, locale->month_abbr[m - 1], ye);
    case CM_TIME_FORMAT_DATE_TIME:
      return zh ? g_strdup_printf ("%s%d月%d日 %02d:%02d", yz, m, d, h, mi)
                : g_strdup_printf ("%d %s %s %02d:%02d", d,
                                   locale->month_abbr[m - 1], ye, h, mi);
    case CM_TIME_FORMAT_WEEK:
    case CM_TIME_FORMAT_YEAR:
    default:
      return zh ? g_strdup_printf ("%s%d月%d日当周", yz, m, d)
                : g_strdup_printf ("week of %d %s %s", d,
                                   locale->month_abbr[m - 1], ye);
    }
}

/* Label variants for the lower row, longest first; NULL past the last. */
static char *
format_minor (const CmTimeLocale *locale,
              const CmTimeStep   *step,
              gint64              t,
              guint               variant)
{
  gboolean zh = locale->lang == CM_TIME_LANG_ZH;
  int y, m, d, h, mi, wd;

  cm_time_to_civil (t, &y, &m, &d, &h, &mi, NULL);
  wd = cm_time_weekday (t);

  switch (step->unit)
    {
    case CM_TIME_UNIT_MINUTE:
    case CM_TIME_UNIT_HOUR:
      return variant == 0 ? g_strdup_printf ("%02d:%02d", h, mi) : NULL;

    case CM_TIME_UNIT_DAY:
      if (zh)
        return variant == 0 ? g_strdup_printf ("%d日 %s", d, locale->weekday_abbr[wd])
               : variant == 1 ? g_strdup_printf ("%d日", d)
               : variant == 2 ? g_strdup_printf ("%d", d) : NULL;
      return variant == 0 ? g_strdup_printf ("%s %d", locale->weekday_abbr[wd], d)
             : variant == 1 ? g_strdup_printf ("%d", d) : NULL;

    case CM_TIME_UNIT_WEEK:
      if (zh)
        return variant == 0 ? g_strdup_printf ("%d月%d日", m, d)
               : variant == 1 ? g_strdup_printf ("%d日", d) : NULL;
      return variant == 0 ? g_strdup_printf ("%d %s", d, locale->month_abbr[m - 1])
             : variant == 1 ? g_strdup_printf ("%d", d) : NULL;

    case CM_TIME_UNIT_MONTH:
      if (step->count == 3)
        {
          if (zh)
            return variant == 0 ? g_strdup_printf ("第%d季度", (m - 1) / 3 + 1)
                   : variant == 1 ? g_strdup_printf ("Q%d", (m - 1) / 3 + 1) : NULL;
          return variant == 0 ? g_strdup_printf ("Q%d", (m - 1) / 3 + 1) : NULL;
        }
      if (zh)
        return variant == 0 ? g_strdup_printf ("%d月", m)
               : variant == 1 ? g_strdup_printf ("%d", m) : NULL;
      if (variant == 0)
        return g_strdup (locale->month_full[m - 1]);
      if (variant == 1)
        return g_strdup (locale->month_abbr[m - 1]);
      if (variant == 2)
        {
          const char *name = locale->month_abbr[m - 1];

          return g_strndup (name, g_utf8_next_char (name) - name);
        }
      return NULL;

    case CM_TIME_UNIT_YEAR:
    default:
      {
        gint64 year = cm_time_year_of (t);

        /* Where BC steps meet AD ones, AD 1 says which side it is on. */
        if (variant == 0 && year == 1 && step->count > 1)
          return g_strdup (zh ? "公元1年" : "AD 1");
        if (variant == 0)
          return cm_time_locale_format_year (locale, year);
        if (zh && variant == 1 && year >= 1)
          return g_strdup_printf ("%" G_GINT64_FORMAT, year);
        return NULL;
      }
    }
}

/* The upper row names the enclosing day, month or year. */
static gboolean
major_step_for (const CmTimeStep *minor,
                CmTimeStep       *major)
{
  switch (minor->unit)
    {
    case CM_TIME_UNIT_MINUTE:
    case CM_TIME_UNIT_HOUR:
      *major = (CmTimeStep) { CM_TIME_UNIT_DAY, 1 };
      return TRUE;
    case CM_TIME_UNIT_DAY:
    case CM_TIME_UNIT_WEEK:
      *major = (CmTimeStep) { CM_TIME_UNIT_MONTH, 1 };
      return TRUE;
    case CM_TIME_UNIT_MONTH:
      *major = (CmTimeStep) { CM_TIME_UNIT_YEAR, 1 };
      return TRUE;
    case CM_TIME_UNIT_YEAR:
    default:
      /* Years already name themselves; a second row would repeat them. */
      return FALSE;
    }
}

static char *
format_major (const CmTimeLocale *locale,
              const CmTimeStep   *major,
              gint64              t,
              guint               variant)
{
  gboolean zh = locale->lang == CM_TIME_LANG_ZH;
  int y, m, d, wd;
  g_autofree char *ye = NULL;
  g_autofree char *yz = NULL;

  cm_time_to_civil (t, &y, &m, &d, NULL, NULL, NULL);
  wd = cm_time_weekday (t);
  ye = year_in_text (y);
  yz = year_in_text_zh (y);

  switch (major->unit)
    {
    case CM_TIME_UNIT_DAY:
      if (zh)
        return variant == 0 ? g_strdup_printf ("%s%d月%d日 %s", yz, m, d, locale->weekday_full[wd])
               : variant == 1 ? g_strdup_printf ("%s%d月%d日", yz, m, d)
               : variant == 2 ? g_strdup_printf ("%d月%d日", m, d) : NULL;
      return variant == 0 ? g_strdup_printf ("%s %d %s %s", locale->weekday_full[wd], d,
                                             locale->month_full[m - 1], ye)
             : variant == 1 ? g_strdup_printf ("%s %d %s %s", locale->weekday_abbr[wd], d,
                                               locale->month_abbr[m - 1], ye)
             : variant == 2 ? g_strdup_printf ("%d %s", d, locale->month_abbr[m - 1]) : NULL;

    case CM_TIME_UNIT_MONTH:
      if (zh)
        return variant == 0 ? g_strdup_printf ("%s%d月", yz, m)
               : variant == 1 ? g_strdup_printf ("%d月", m) : NULL;
      return variant == 0 ? g_strdup_printf ("%s %s", locale->month_full[m - 1], ye)
             : variant == 1 ? g_strdup_printf ("%s %s", locale->month_abbr[m - 1], ye)
             : variant == 2 ? g_strdup (locale->month_abbr[m - 1]) : NULL;

    case CM_TIME_UNIT_YEAR:
    default:
      if (variant == 0)
        return cm_time_locale_format_year (locale, cm_time_year_of (t));
      if (zh && variant == 1 && y >= 1)
        return g_strdup_printf ("%d", y);
      return NULL;
    }
}

static LabelPlacement
placement_for (const CmTimeStep *step)
{
  switch (step->unit)
    {
    case CM_TIME_UNIT_DAY:
    case CM_TIME_UNIT_MONTH:
      return PLACE_IN_INTERVAL;
    case CM_TIME_UNIT_YEAR:
      return step->count == 1 ? PLACE_IN_INTERVAL : PLACE_AT_TICK;
    case CM_TIME_UNIT_MINUTE:
    case CM_TIME_UNIT_HOUR:
    case CM_TIME_UNIT_WEEK:
    default:
      return PLACE_AT_TICK;
    }
}

static void
tick_clear (gpointer data)
{
  CmTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
}

static GArray *
tick_array_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (CmTick));

  g_array_set_clear_func (array, tick_clear);
  return array;
}

void
cm_time_ticks_free (CmTimeTicks *ticks)
{
  if (ticks == NULL)
    return;
  g_clear_pointer (&ticks->minor, g_array_unref);
  g_clear_pointer (&ticks->major, g_array_unref);
  g_free (ticks);
}

typedef struct
{
  const CmTimeLocale *locale;
  double              t0, t1, x0, x1, pps;
  double              min_spacing;
  CmTextMeasureFunc   measure;
  gpointer            measure_data;
} TickContext;

static inline double
time_to_x (const TickContext *ctx,
           gint64             t)
{
  return ctx->x0 + ((double) t - ctx->t0) * ctx->pps;
}

/* Tick times of @step covering [t0, t1], one before and one after so that
 * every visible interval is complete. */
static GArray *
step_times (const TickContext *ctx,
            const CmTimeStep  *step)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 t = cm_time_step_floor (step, (gint64) floor (MAX (ctx->t0, (double) CM_TIME_DEEP_MIN)));
  gint64 end = (gint64) ceil (MIN (ctx->t1, (double) CM_TIME_DEEP_MAX));

  for (;;)
    {
      g_array_append_val (times, t);
      if (t > end || times->len > MAX_TICKS)
        break;
      t = cm_time_step_next (step, t);
    }
  return times;
}

/* Tries to label every tick of @step with @variant; fills @out and returns
 * TRUE when no two labels come closer than LABEL_PAD. */
static gboolean major_step_for (const CmTimeStep *minor,
                                CmTimeStep       *major);

static gboolean
try_minor_labels (const TickContext *ctx,
                  const CmTimeStep  *step,
                  GArray            *times,
                  guint              variant,
                  GArray            *out,
                  gboolean          *exhausted)
{
  LabelPlacement placement = placement_for (step);
  double prev_right = -G_MAXDOUBLE;
  CmTimeStep major;
  gboolean has_major = major_step_for (step, &major);

  *exhausted = FALSE;
  g_array_set_size (out, 0);

  for (guint i = 0; i + 1 < times->len; i++)
    {
      gint64 t = g_array_index (times, gint64, i);
      gint64 t_next = g_array_index (times, gint64, i + 1);
      double x = time_to_x (ctx, t);
      double x_next = time_to_x (ctx, t_next);
      CmTick tick = { t, x, NULL, 0, 0 };
      double w, left;

      if (x_next < ctx->x0 - 200 && placement == PLACE_IN_INTERVAL)
        continue;
      if (x > ctx->x1 + 200)
        break;

      tick.label = format_minor (ctx->locale, step, t, variant);
      if (tick.label == NULL)
        {
          *exhausted = TRUE;
          return FALSE;
        }
      /* "00:00" under "Thu 10 Mar" says nothing the upper row does not. */
      if (placement == PLACE_AT_TICK && has_major && cm_time_step_floor (&major, t) == t)
        {
          g_clear_pointer (&tick.label, g_free);
          g_array_append_val (out, tick);
          continue;
        }
      w = ctx->measure (tick.label, ctx->measure_data);

      if (placement == PLACE_IN_INTERVAL)
        {
          if (w + 2 * LABEL_PAD > x_next - x)
            {
              g_free (tick.label);
              return FALSE;
            }
          left = (x + x_next - w) / 2;
          /* Keep a label visible while its interval is only partly on
           * screen, as long as it stays inside its interval. */
          if (left < ctx->x0 + LABEL_PAD / 2)
            left = MIN (ctx->x0 + LABEL_PAD / 2, x_next - LABEL_PAD / 2 - w);
          if (left + w > ctx->x1 - LABEL_PAD / 2)
            left = MAX (ctx->x1 - LABEL_PAD / 2 - w, x + LABEL_PAD / 2);
        }
      else
        left = x - w / 2;

      if (left < prev_right + LABEL_PAD)
        {
          if (placement == PLACE_AT_TICK || left + w > ctx->x0)
            {
              g_free (tick.label);
              return FALSE;
            }
        }

      /* Labels that would stick out of the axis are dropped, not clipped. */
      if (left < ctx->x0 || left + w > ctx->x1)
        g_clear_pointer (&tick.label, g_free);
      else
        {
          tick.label_x = left;
          tick.label_width = w;
          prev_right = left + w;
        }
      g_array_append_val (out, tick);
    }
  return TRUE;
}

/* The longest form of the major labels that every period wholly on
 * screen can hold, so that neighbours read alike ("Friday 2 February
 * 2018" never stands beside "Sat 3 Feb 2018"). With no whole period on
 * screen, the widest of the partial ones decides. */
static guint
major_variant (const TickContext *ctx,
               const CmTimeStep  *major,
               GArray            *times)
{
  gboolean any_whole = FALSE;
  double widest = -1;
  guint widest_i = 0;

  for (guint i = 0; i + 1 < times->len; i++)
    {
      double x = time_to_x (ctx, g_array_index (times, gint64, i));
      double x_next = time_to_x (ctx, g_array_index (times, gint64, i + 1));

      if (x >= ctx->x0 && x_next <= ctx->x1)
        any_whole = TRUE;
      else if (x_next > ctx->x0 && x < ctx->x1 && MIN (x_next, ctx->x1) - MAX (x, ctx->x0) > widest)
        {
          widest = MIN (x_next, ctx->x1) - MAX (x, ctx->x0);
          widest_i = i;
        }
    }

  for (guint variant = 0; ; variant++)
    {
      gboolean fits = TRUE, exists = FALSE;

      for (guint i = 0; fits && i + 1 < times->len; i++)
        {
          gint64 t = g_array_index (times, gint64, i);
          double x = time_to_x (ctx, t);
          double x_next = time_to_x (ctx, g_array_index (times, gint64, i + 1));
          gboolean whole = x >= ctx->x0 && x_next <= ctx->x1;
          g_autofree char *label = NULL;

          if (any_whole ? !whole : i != widest_i)
            continue;
          label = format_major (ctx->locale, major, t, variant);
          if (label == NULL)
            return variant;
          exists = TRUE;
          fits = MAX (x, ctx->x0) + LABEL_PAD / 2 + ctx->measure (label, ctx->measure_data)
                 <= MIN (x_next, ctx->x1) - LABEL_PAD;
        }
      if (fits || !exists)
        return variant;
    }
}

static void
add_major_ticks (const TickContext *ctx,
                 const CmTimeStep  *major,
                 GArray            *out)
{
  g_autoptr(GArray) times = step_times (ctx, major);
  guint variant = major_variant (ctx, major, times);

  for (guint i = 0; i + 1 < times->len; i++)
    {
      gint64 t = g_array_index (times, gint64, i);
      double x = time_to_x (ctx, t);
      double x_next = time_to_x (ctx, g_array_index (times, gint64, i + 1));
      double left = MAX (x, ctx->x0) + LABEL_PAD / 2;
      double right = MIN (x_next, ctx->x1) - LABEL_PAD;
      CmTick tick = { t, x, NULL, 0, 0 };
      g_autofree char *label = NULL;

      if (x_next <= ctx->x0 || x >= ctx->x1)
        continue;

      /* Sticky label: it stays at the left edge while the period is on
       * screen, and gives way to the next period's label. A period cut
       * too short for the common form goes without a label rather than
       * in another form. */
      label = format_major (ctx->locale, major, t, variant);
      if (label != NULL)
        {
          double w = ctx->measure (label, ctx->measure_data);

          if (left + w <= right)
            {
              tick.label = g_steal_pointer (&label);
              tick.label_x = left;
              tick.label_width = w;
            }
        }
      g_array_append_val (out, tick);
    }
}

/**
 * cm_time_ticks_compute:
 *
 * Picks the finest step of the ladder whose intervals are at least
 * @min_spacing pixels wide and whose labels all fit without touching,
 * trying shorter label variants ("January", "Jan", "J") before moving up
 * a rung. Returns the minor ticks (grid lines and the lower row) and the
 * major ticks (the upper row and stronger grid lines).
 */
CmTimeTicks *
cm_time_ticks_compute (const CmTimeLocale *locale,
                       double              t0,
                       double              t1,
                       double              x0,
                       double              x1,
                       double              min_spacing,
                       CmTextMeasureFunc   measure,
                       gpointer            measure_data)
{
  TickContext ctx = { locale, t0, t1, x0, x1, 0, min_spacing, measure, measure_data };
  CmTimeTicks *ticks;
  CmTimeStep major;
  guint n_steps;
  const CmTimeStep *steps = cm_time_step_ladder (&n_steps);

  g_return_val_if_fail (locale != NULL, NULL);
  g_return_val_if_fail (measure != NULL, NULL);
  g_return_val_if_fail (t1 > t0 && x1 > x0, NULL);

  ctx.pps = (x1 - x0) / (t1 - t0);
  ticks = g_new0 (CmTimeTicks, 1);
  ticks->minor = tick_array_new ();
  ticks->major = tick_array_new ();

  for (guint i = 0; i < n_steps; i++)
    {
      const CmTimeStep *step = &steps[i];
      g_autoptr(GArray) times = NULL;
      gboolean last = i + 1 == n_steps;

      if (!last && cm_time_step_min_seconds (step) * ctx.pps < min_spacing)
        continue;

      times = step_times (&ctx, step);
      for (guint variant = 0; ; variant++)
        {
          gboolean exhausted;

          if (try_minor_labels (&ctx, step, times, variant, ticks->minor, &exhausted))
            {
              ticks->step = *step;
              goto done;
            }
          if (exhausted)
            break;
        }
      if (last)
        {
          /* Even millennia do not fit: keep the grid, drop the labels. */
          g_array_set_size (ticks->minor, 0);
          for (guint j = 0; j < times->len; j++)
            {
              CmTick tick = { g_array_index (times, gint64, j), 0, NULL, 0, 0 };

              tick.x = time_to_x (&ctx, tick.time);
              g_array_append_val (ticks->minor, tick);
            }
          ticks->step = *step;
        }
    }

done:
  if (major_step_for (&ticks->step, &major))
    add_major_ticks (&ctx, &major, ticks->major);
  return ticks;
}
