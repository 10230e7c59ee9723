/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How much of a date the source gave. A date is the whole interval its
 * precision covers: "2021-11" is all of November, not the 1st. */
typedef enum
{
  CM_PRECISION_YEAR = 1,
  CM_PRECISION_MONTH,
  CM_PRECISION_DAY,
  CM_PRECISION_MINUTE,
  CM_PRECISION_SECOND,
} CmPrecision;

/* Times are seconds since 1970-01-01T00:00Z on the proleptic Gregorian
 * calendar, with astronomical year numbers: year 0 is 1 BC, -0300 is
 * 301 BC. A gint64 of seconds spans ±292 billion years, so deep time needs
 * no second representation: dates are exact to the day (and the second)
 * from -9999 to 9999, and to the year out to ±99,999,999,999 (13.8 billion
 * years ago is -13800000000). */
#define CM_DATE_MAX_YEAR    G_GINT64_CONSTANT (99999999999)
#define CM_DATE_TIME_MIN    G_GINT64_CONSTANT (-3155695262135596800) /* year -99999999999 */
#define CM_DATE_TIME_MAX    G_GINT64_CONSTANT (3155695137832780800)  /* year 100000000000 */
/* Where days (and finer) are allowed: -9999-01-01 to 10000-01-01. */
#define CM_DATE_DAY_MIN     G_GINT64_CONSTANT (-377705116800)
#define CM_DATE_DAY_MAX     G_GINT64_CONSTANT (253402300800)
/* The common era, years 0001-9999, the range of older versions. */
#define CM_DATE_CE_MIN      G_GINT64_CONSTANT (-62135596800)          /* 0001-01-01 */
#define CM_DATE_CE_MAX      G_GINT64_CONSTANT (253402300800)          /* 10000-01-01 */

/* Order of day and month in numeric dates such as 02/10/1951: never
 * guessed when both readings are possible. */
typedef enum
{
  CM_DATE_ORDER_AUTO,
  CM_DATE_ORDER_DMY,
  CM_DATE_ORDER_MDY,
} CmDateOrder;

typedef struct
{
  gint64      start;    /* first second of the interval, UTC */
  gint64      end;      /* first second after it */
  CmPrecision precision;
} CmDate;

gboolean    cm_date_is_leap_year     (int          year);
/* An English month name, full or its first three letters or more, a
 * trailing '.' allowed ("Feb", "Sept.", "February"): 1 to 12, or 0. */
int         cm_date_month_from_word  (const char  *word);
int         cm_date_days_in_month    (int          year,
                                      int          month);
gint64      cm_date_days_from_civil  (int          year,
                                      int          month,
                                      int          day);
void        cm_date_civil_from_days  (gint64       days,
                                      int         *year,
                                      int         *month,
                                      int         *day);
gint64      cm_date_make_time        (int          year,
                                      int          month,
                                      int          day,
                                      int          hour,
                                      int          minute,
                                      int          second);
/* The interval [start of unit, start of next unit) for a civil date given
 * to @precision; fields finer than @precision are ignored. */
void        cm_date_from_parts       (CmDate      *date,
                                      CmPrecision  precision,
                                      int          year,
                                      int          month,
                                      int          day,
                                      int          hour,
                                      int          minute,
                                      int          second);

/* The first second after the interval that @start, given to @precision,
 * stands for: the end of its year, month, day, minute or second. */
gint64      cm_date_period_end       (gint64       start,
                                      CmPrecision  precision);
/* The first second of the astronomical @year (|year| <= CM_DATE_MAX_YEAR),
 * and the year a time falls in. */
gint64      cm_date_year_start       (gint64       year);
gint64      cm_date_year_of          (gint64       time);
/* The whole of @year; FALSE outside ±CM_DATE_MAX_YEAR. */
gboolean    cm_date_from_year        (CmDate      *date,
                                      gint64       year);
/* Unix time in seconds or milliseconds, to the second; FALSE when it is
 * not finite or outside years -9999..9999. */
gboolean    cm_date_from_epoch       (double       value,
                                      gboolean     milliseconds,
                                      CmDate      *date);
/* A spreadsheet serial day number (1900 date system, Lotus's phantom
 * 29 February 1900 included as Excel does): whole numbers are days, a
 * fraction a time of day. */
gboolean    cm_date_from_excel_serial (double      serial,
                                       CmDate     *date);

/* Parses ISO 8601 as the dataset format allows: YYYY, YYYY-MM, YYYY-MM-DD,
 * or YYYY-MM-DDTHH:MM[:SS[.fff]] followed by Z or ±HH:MM. A year is four
 * digits, or a sign and at least four digits ("-0300" is 301 BC,
 * "-13800000000"); beyond -9999..9999 only the year may be given. On
 * failure returns FALSE and sets *message to what is wrong and what is
 * expected. */
gboolean    cm_date_parse            (const char  *text,
                                      gsize        len,
                                      CmDate      *date,
                                      char       **message);

/* For imported files, which are less careful: cm_date_parse_text() with
 * CM_DATE_ORDER_AUTO in UTC. */
gboolean    cm_date_parse_lenient    (const char  *text,
                                      CmDate      *date);
/* Every date form of the Importing chapter of dataset-format.md: ISO 8601
 * at any precision, with or without offset (without one, local time in
 * @zone, UTC when NULL), with a space for the 'T'; YYYY/MM/DD; D/M/Y or
 * M/D/Y by @order (or when only one reading exists); a year alone of any
 * size and sign ("-300", "921"); "300 BC", "AD 79"; month names ("October
 * 2, 1951", "2-Oct-1951", "Monday, October 2, 1951" with the weekday
 * checked, "September 1930" to the month); "2012 Jan 15 13:40:16 UTC"; Chinese "1951年10月2日", "公元前300年"; "4.6 billion
 * years ago". A two-digit year ("6/17/47", "2 Oct 51") is never read: its
 * century is not known. On failure *why (when non-NULL) says why. */
gboolean    cm_date_parse_text       (const char  *text,
                                      CmDateOrder  order,
                                      GTimeZone   *zone,
                                      CmDate      *date,
                                      char       **why);

/* Whether @text is a date but for its two-digit year ("6/17/47", "2 Oct
 * 51", "28-May-15"): a near miss worth naming. */
gboolean    cm_date_is_two_digit_year (const char *text);

/* Human text for a date at its precision ("14 Apr 2023", "Nov 2021",
 * "2021", "301 BC", "13.8 billion years ago"), in UTC. */
char       *cm_date_format           (gint64       time,
                                      CmPrecision  precision);
/* ISO text for a time at a precision ("2021-11", "2022-01-05", "-0300",
 * "-13800000000"): what cm_date_parse() reads back. */
char       *cm_date_format_iso       (gint64       time,
                                      CmPrecision  precision);
/* "300 BC", "2021", "13.8 billion years ago". */
char       *cm_date_format_year      (gint64       year);

int         cm_date_compare          (const CmDate *a,
                                      const CmDate *b);

/* @local, a civil time in @zone read as if UTC, as UTC (the offset to
 * the whole minute); @zone NULL is UTC. */
gint64      cm_date_from_zone        (GTimeZone   *zone,
                                      gint64       local);

G_END_DECLS
