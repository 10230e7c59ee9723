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

/* Seconds since 1970-01-01T00:00Z, proleptic Gregorian, years 0001-9999. */
#define CM_DATE_TIME_MIN G_GINT64_CONSTANT (-62135596800)   /* 0001-01-01 */
#define CM_DATE_TIME_MAX G_GINT64_CONSTANT (253402300800)   /* 10000-01-01 */

typedef struct
{
  gint64      start;    /* first second of the interval, UTC */
  gint64      end;      /* first second after it */
  CmPrecision precision;
} CmDate;

gboolean    cm_date_is_leap_year     (int          year);
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

/* Parses ISO 8601 as the dataset format allows: YYYY, YYYY-MM, YYYY-MM-DD,
 * or YYYY-MM-DDTHH:MM[:SS[.fff]] followed by Z or ±HH:MM. On failure returns
 * FALSE and sets *message to what is wrong and what is expected. */
gboolean    cm_date_parse            (const char  *text,
                                      gsize        len,
                                      CmDate      *date,
                                      char       **message);

/* For imported files, which are less careful: also a date-time without
 * offset (read as UTC, with a space or 'T'), and free text such as
 * "2012 Jan 15 13:40:16.40 UTC". */
gboolean    cm_date_parse_lenient    (const char  *text,
                                      CmDate      *date);

/* Human text for a date at its precision ("14 Apr 2023", "Nov 2021",
 * "2021"), in UTC. */
char       *cm_date_format           (gint64       time,
                                      CmPrecision  precision);
/* ISO text for a time at a precision ("2021-11", "2022-01-05"). */
char       *cm_date_format_iso       (gint64       time,
                                      CmPrecision  precision);

int         cm_date_compare          (const CmDate *a,
                                      const CmDate *b);

G_END_DECLS
