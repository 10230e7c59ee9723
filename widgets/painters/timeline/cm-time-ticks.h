/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Calendar arithmetic and axis ticks for the timeline.
 *
 * Times are seconds since the Unix epoch in UTC on the proleptic Gregorian
 * calendar; the axis is always drawn in UTC so that a date in the data is
 * shown on the day it was written with, whatever the viewer's time zone.
 * Nothing here uses GTK, pango or cairo: text is measured through a
 * callback so that tests can check label overlap with a fake font.
 */

#define CM_TIME_MIN ((gint64) -62135596800)   /* 0001-01-01T00:00:00Z */
#define CM_TIME_MAX ((gint64) 253402300800)   /* 10000-01-01T00:00:00Z */
/* The whole axis: deep time to ±99,999,999,999 years (the dataset's range,
 * CM_DATE_TIME_MIN/MAX in cm-date.h). Years 1-9999 above are where a view
 * stays unless its data lies outside them. */
#define CM_TIME_DEEP_MIN ((gint64) -3155695262135596800)
#define CM_TIME_DEEP_MAX ((gint64) 3155695137832780800)

typedef enum
{
  CM_TIME_UNIT_MINUTE,
  CM_TIME_UNIT_HOUR,
  CM_TIME_UNIT_DAY,
  CM_TIME_UNIT_WEEK,      /* ISO weeks, starting on Monday */
  CM_TIME_UNIT_MONTH,
  CM_TIME_UNIT_YEAR,
} CmTimeUnit;

/* One rung of the zoom ladder: "every @count @unit". Quarters are three
 * months; decades and centuries are years with a count of 10 and 100. */
typedef struct
{
  CmTimeUnit unit;
  guint      count;
} CmTimeStep;

typedef enum
{
  CM_TIME_LANG_EN,
  CM_TIME_LANG_ZH,
  CM_TIME_LANG_SYSTEM,    /* month/day names from the C library's LC_TIME */
} CmTimeLang;

typedef struct _CmTimeLocale CmTimeLocale;

typedef enum
{
  CM_TIME_FORMAT_YEAR,          /* 2022 / 2022年 */
  CM_TIME_FORMAT_QUARTER,       /* Q1 2022 / 2022年第1季度 */
  CM_TIME_FORMAT_MONTH_YEAR,    /* Mar 2022 / 2022年3月 */
  CM_TIME_FORMAT_DATE,          /* 11 Jan 2022 / 2022年1月11日 */
  CM_TIME_FORMAT_DATE_TIME,     /* 11 Jan 2022 14:00 / 2022年1月11日 14:00 */
  CM_TIME_FORMAT_WEEK,          /* week of 10 Jan 2022 / 2022年1月10日当周 */
} CmTimeFormat;

/* Returns the width in pixels @text would take on the axis. */
typedef double (*CmTextMeasureFunc) (const char *text,
                                     gpointer    user_data);

typedef struct
{
  gint64  time;        /* where the tick line is drawn */
  double  x;
  char   *label;       /* NULL when the tick has no label */
  double  label_x;     /* left edge of the label */
  double  label_width;
} CmTick;

typedef struct
{
  CmTimeStep  step;        /* the minor step that was chosen */
  GArray     *minor;       /* CmTick: grid lines and the lower label row */
  GArray     *major;       /* CmTick: the upper row ("2022" over months) */
} CmTimeTicks;

/* Calendar. Years are astronomical (year 0 exists), months 1-12, days 1-31. */
gint64        cm_time_from_civil            (int               year,
                                             int               month,
                                             int               day,
                                             int               hour,
                                             int               minute,
                                             int               second);
void          cm_time_to_civil              (gint64            t,
                                             int              *year,
                                             int              *month,
                                             int              *day,
                                             int              *hour,
                                             int              *minute,
                                             int              *second);
int           cm_time_weekday               (gint64            t);
int           cm_time_days_in_month         (int               year,
                                             int               month);
gboolean      cm_time_is_leap_year          (int               year);

/* Astronomical years of any size (year 0 is 1 BC): the year a time falls
 * in, and the first second of a year. */
gint64        cm_time_year_of               (gint64            t);
gint64        cm_time_year_start            (gint64            year);
/* A year as the axis writes it: "2022", "300 BC", "13.8 billion years
 * ago"; "2022年", "公元前300年", "138亿年前" in Chinese. */
char         *cm_time_locale_format_year    (const CmTimeLocale *locale,
                                             gint64            year);

/* Steps. */
const CmTimeStep *cm_time_step_ladder       (guint            *n_steps);
gint64        cm_time_step_floor            (const CmTimeStep *step,
                                             gint64            t);
gint64        cm_time_step_next             (const CmTimeStep *step,
                                             gint64            t);
gint64        cm_time_step_min_seconds      (const CmTimeStep *step);
gboolean      cm_time_step_equal            (const CmTimeStep *a,
                                             const CmTimeStep *b);

/* Locale. */
CmTimeLocale *cm_time_locale_new            (const char       *language);
void          cm_time_locale_free           (CmTimeLocale     *locale);
CmTimeLang    cm_time_locale_get_lang       (const CmTimeLocale *locale);
char         *cm_time_locale_format         (const CmTimeLocale *locale,
                                             CmTimeFormat      format,
                                             gint64            t);
const char   *cm_time_locale_get_today      (const CmTimeLocale *locale);

/* Ticks for the time range [@t0, @t1] drawn between @x0 and @x1. */
CmTimeTicks  *cm_time_ticks_compute         (const CmTimeLocale *locale,
                                             double            t0,
                                             double            t1,
                                             double            x0,
                                             double            x1,
                                             double            min_spacing,
                                             CmTextMeasureFunc measure,
                                             gpointer          measure_data);
void          cm_time_ticks_free            (CmTimeTicks      *ticks);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmTimeLocale, cm_time_locale_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmTimeTicks, cm_time_ticks_free)

G_END_DECLS
