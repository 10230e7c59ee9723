/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "cm-date.h"

static CmDate
parse_ok (const char *text)
{
  CmDate d = { 0 };
  g_autofree char *message = NULL;

  if (!cm_date_parse (text, strlen (text), &d, &message))
    g_error ("%s rejected: %s", text, message);
  return d;
}

static char *
parse_error (const char *text)
{
  CmDate d;
  char *message = NULL;

  g_assert_false (cm_date_parse (text, strlen (text), &d, &message));
  g_assert_nonnull (message);
  return message;
}

static void
test_precision (void)
{
  CmDate d;

  d = parse_ok ("2021");
  g_assert_cmpint (d.precision, ==, CM_PRECISION_YEAR);
  g_assert_cmpint (d.start, ==, 1609459200);          /* 2021-01-01T00:00Z */
  g_assert_cmpint (d.end, ==, 1640995200);            /* 2022-01-01T00:00Z */

  /* A month is the whole month, not its first day. */
  d = parse_ok ("2021-11");
  g_assert_cmpint (d.precision, ==, CM_PRECISION_MONTH);
  g_assert_cmpint (d.start, ==, 1635724800);          /* 2021-11-01 */
  g_assert_cmpint (d.end - d.start, ==, 30 * 86400);

  d = parse_ok ("2021-12");
  g_assert_cmpint (d.end, ==, 1640995200);

  d = parse_ok ("2021-11-15");
  g_assert_cmpint (d.precision, ==, CM_PRECISION_DAY);
  g_assert_cmpint (d.start, ==, 1636934400);
  g_assert_cmpint (d.end - d.start, ==, 86400);

  d = parse_ok ("2022-01-05T09:30:00+08:00");
  g_assert_cmpint (d.precision, ==, CM_PRECISION_SECOND);
  g_assert_cmpint (d.start, ==, 1641346200);          /* 01:30Z */
  g_assert_cmpint (d.end - d.start, ==, 1);

  d = parse_ok ("2022-01-05T09:30Z");
  g_assert_cmpint (d.precision, ==, CM_PRECISION_MINUTE);
  g_assert_cmpint (d.start, ==, 1641375000);
  g_assert_cmpint (d.end - d.start, ==, 60);

  d = parse_ok ("2022-01-05T09:30:15.250-05:30");
  g_assert_cmpint (d.start, ==, 1641375000 + 15 + 5 * 3600 + 1800);
}

static void
test_leap_years (void)
{
  g_assert_true (cm_date_is_leap_year (2024));
  g_assert_true (cm_date_is_leap_year (2000));
  g_assert_true (cm_date_is_leap_year (1600));
  g_assert_false (cm_date_is_leap_year (1900));
  g_assert_false (cm_date_is_leap_year (2100));
  g_assert_false (cm_date_is_leap_year (2023));
  g_assert_cmpint (cm_date_days_in_month (2024, 2), ==, 29);
  g_assert_cmpint (cm_date_days_in_month (1900, 2), ==, 28);

  parse_ok ("2024-02-29");
  parse_ok ("2000-02-29");
  g_free (parse_error ("2021-02-29"));
  g_free (parse_error ("1900-02-29"));
  g_assert_cmpint (parse_ok ("2024-02").end - parse_ok ("2024-02").start, ==, 29 * 86400);
}

static void
test_invalid (void)
{
  static const char * const bad[] = {
    "2022-02-30", "2022-13", "2022-00", "2022-04-31", "05/01/2022", "2022/01/05",
    "22-01-05", "2022-1-5", "2022-01-05T25:00Z", "2022-01-05T10:60Z", "2022-01-05T10:00",
    "2022-01-05T10:00+8", "2022-01-05 10:00Z", "2022-01-05T10:00:61Z", "", "2021-11-", "2021-11-15x",
    "mid-November 2021", "20211", "2022-01T10:00Z", "+2022", "-001", "-10000-01",
    "-13800000000-01-01", "-100000000000", "+0300",
  };
  g_autofree char *feb = parse_error ("2022-02-30");
  g_autofree char *month = parse_error ("2022-13");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_free (parse_error (bad[i]));
  g_assert_nonnull (strstr (feb, "\"2022-02-30\""));
  g_assert_nonnull (strstr (feb, "February 2022 has 28 days"));
  g_assert_nonnull (strstr (month, "01-12"));
}

static void
test_range (void)
{
  CmDate d = parse_ok ("0001-01-01");

  /* Years 1-9999 are still where they were; days now reach back to -9999. */
  g_assert_cmpint (d.start, ==, CM_DATE_CE_MIN);
  d = parse_ok ("9999-12-31");
  g_assert_cmpint (d.end, ==, CM_DATE_CE_MAX);
  g_assert_cmpint (d.end, ==, CM_DATE_DAY_MAX);
  d = parse_ok ("9999");
  g_assert_cmpint (d.end, ==, CM_DATE_CE_MAX);
  d = parse_ok ("-9999-01-01");
  g_assert_cmpint (d.start, ==, CM_DATE_DAY_MIN);
  d = parse_ok ("-99999999999");
  g_assert_cmpint (d.start, ==, CM_DATE_TIME_MIN);
  d = parse_ok ("+99999999999");
  g_assert_cmpint (d.end, ==, CM_DATE_TIME_MAX);
  /* An offset that pushes the instant outside the range of days is refused. */
  g_free (parse_error ("-9999-01-01T00:00+01:00"));
  g_free (parse_error ("9999-12-31T23:59-01:00"));
}

/* Astronomical numbering: year 0 is 1 BC, -0300 is 301 BC. */
static void
test_bce (void)
{
  CmDate d = parse_ok ("-0300");
  CmDate zero = parse_ok ("0000");
  CmDate ides = parse_ok ("-0043-03-15");
  g_autofree char *human = cm_date_format (d.start, CM_PRECISION_YEAR);
  g_autofree char *iso = cm_date_format_iso (d.start, CM_PRECISION_YEAR);
  g_autofree char *ides_human = cm_date_format (ides.start, CM_PRECISION_DAY);
  g_autofree char *ides_iso = cm_date_format_iso (ides.start, CM_PRECISION_DAY);
  g_autofree char *bc1 = cm_date_format (zero.start, CM_PRECISION_YEAR);
  g_autofree char *zero_iso = cm_date_format_iso (zero.start, CM_PRECISION_YEAR);

  g_assert_cmpint (d.precision, ==, CM_PRECISION_YEAR);
  g_assert_cmpint (d.start, ==, cm_date_year_start (-300));
  g_assert_cmpint (d.end, ==, cm_date_year_start (-299));
  g_assert_cmpint (cm_date_year_of (d.start), ==, -300);
  g_assert_cmpint (cm_date_year_of (d.end - 1), ==, -300);
  g_assert_cmpstr (human, ==, "301 BC");
  g_assert_cmpstr (iso, ==, "-0300");
  g_assert_cmpstr (bc1, ==, "1 BC");
  g_assert_cmpstr (zero_iso, ==, "0000");
  g_assert_cmpstr (ides_human, ==, "15 Mar 44 BC");
  g_assert_cmpstr (ides_iso, ==, "-0043-03-15");
  /* Year 0 and -4 are leap years in the proleptic calendar. */
  parse_ok ("0000-02-29");
  parse_ok ("-0004-02-29");
  g_free (parse_error ("-0001-02-29"));
}

static void
test_deep_time (void)
{
  static const struct { const char *iso; gint64 year; const char *human; } cases[] = {
    { "-13800000000", -13800000000, "13.8 billion years ago" },
    { "-4600000000", -4600000000, "4.6 billion years ago" },
    { "-66000000", -66000000, "66 million years ago" },
    { "-12000", -12000, "12,000 years ago" },
    { "-9999", -9999, "10000 BC" },
    { "+12000", 12000, "12000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CmDate d = parse_ok (cases[i].iso);
      g_autofree char *iso = cm_date_format_iso (d.start, d.precision);
      g_autofree char *human = cm_date_format (d.start, d.precision);
      CmDate back = parse_ok (iso);

      g_assert_cmpint (d.precision, ==, CM_PRECISION_YEAR);
      g_assert_cmpint (cm_date_year_of (d.start), ==, cases[i].year);
      g_assert_cmpint (cm_date_year_of (d.end), ==, cases[i].year + 1);
      g_assert_cmpstr (human, ==, cases[i].human);
      /* What is written is read back to the same interval. */
      g_assert_cmpint (back.start, ==, d.start);
      g_assert_cmpint (back.end, ==, d.end);
    }
}

static void
test_civil_round_trip (void)
{
  /* Every day from 0001 to 9999 maps back to itself. */
  gint64 first = cm_date_days_from_civil (1, 1, 1);
  gint64 last = cm_date_days_from_civil (9999, 12, 31);

  g_assert_cmpint (cm_date_days_from_civil (1970, 1, 1), ==, 0);
  g_assert_cmpint (last - first + 1, ==, 3652059);
  for (gint64 day = first; day <= last; day += 1)
    {
      int y, m, dd;
      cm_date_civil_from_days (day, &y, &m, &dd);
      if (cm_date_days_from_civil (y, m, dd) != day)
        g_error ("day %" G_GINT64_FORMAT " does not round-trip", day);
    }
}

static void
test_compare (void)
{
  CmDate day = parse_ok ("2021-11-01");
  CmDate month = parse_ok ("2021-11");
  CmDate later = parse_ok ("2021-11-02");

  g_assert_cmpint (cm_date_compare (&day, &month), <, 0);
  g_assert_cmpint (cm_date_compare (&month, &later), <, 0);
  g_assert_cmpint (cm_date_compare (&month, &month), ==, 0);
  g_assert_cmpint (cm_date_compare (&later, &day), >, 0);
}

static void
test_format (void)
{
  g_autofree char *a = cm_date_format (parse_ok ("2023-04-14").start, CM_PRECISION_DAY);
  g_autofree char *b = cm_date_format (parse_ok ("2021-11").start, CM_PRECISION_MONTH);
  g_autofree char *c = cm_date_format_iso (parse_ok ("0044-03-15").start, CM_PRECISION_DAY);
  g_autofree char *d = cm_date_format_iso (parse_ok ("2021-11").start, CM_PRECISION_MONTH);

  g_assert_cmpstr (a, ==, "14 Apr 2023");
  g_assert_cmpstr (b, ==, "Nov 2021");
  g_assert_cmpstr (c, ==, "0044-03-15");
  g_assert_cmpstr (d, ==, "2021-11");
}

static void
test_lenient (void)
{
  CmDate d;

  g_assert_true (cm_date_parse_lenient ("2012 Jan 15 13:40:16.40 UTC", &d));
  g_assert_cmpint (d.start, ==, cm_date_make_time (2012, 1, 15, 13, 40, 16));
  g_assert_cmpint (d.precision, ==, CM_PRECISION_SECOND);
  g_assert_true (cm_date_parse_lenient ("2018-02-07 01:02:03", &d));
  g_assert_cmpint (d.start, ==, cm_date_make_time (2018, 2, 7, 1, 2, 3));
  g_assert_true (cm_date_parse_lenient ("2021-11", &d));
  g_assert_cmpint (d.precision, ==, CM_PRECISION_MONTH);
  g_assert_false (cm_date_parse_lenient ("2012 Feb 30 10:00:00 UTC", &d));
  g_assert_false (cm_date_parse_lenient ("soon", &d));
}

static CmDate
import_ok (const char  *text,
           CmDateOrder  order)
{
  CmDate d = { 0 };
  g_autofree char *why = NULL;

  if (!cm_date_parse_text (text, order, NULL, &d, &why))
    g_error ("\"%s\" rejected: %s", text, why);
  return d;
}

static void
test_import_forms (void)
{
  static const struct { const char *text; int y, m, d, h, mi, s; CmPrecision precision; } cases[] = {
    { "October 2, 1951", 1951, 10, 2, 0, 0, 0, CM_PRECISION_DAY },
    { "Oct. 2nd, 1951", 1951, 10, 2, 0, 0, 0, CM_PRECISION_DAY },
    { "2 October 1951", 1951, 10, 2, 0, 0, 0, CM_PRECISION_DAY },
    { "September 1930", 1930, 9, 1, 0, 0, 0, CM_PRECISION_MONTH },
    { "Sept 1930", 1930, 9, 1, 0, 0, 0, CM_PRECISION_MONTH },
    { "2012 Jan 15 13:40:16.40 UTC", 2012, 1, 15, 13, 40, 16, CM_PRECISION_SECOND },
    { "2018-02-07 01:02", 2018, 2, 7, 1, 2, 0, CM_PRECISION_MINUTE },
    { "2018-02-07T01:02:03", 2018, 2, 7, 1, 2, 3, CM_PRECISION_SECOND },
    { "2021/11/15", 2021, 11, 15, 0, 0, 0, CM_PRECISION_DAY },
    { "25/12/2020", 2020, 12, 25, 0, 0, 0, CM_PRECISION_DAY },
    { "12/25/2020", 2020, 12, 25, 0, 0, 0, CM_PRECISION_DAY },
    { "1951年10月2日", 1951, 10, 2, 0, 0, 0, CM_PRECISION_DAY },
    { "1930年9月", 1930, 9, 1, 0, 0, 0, CM_PRECISION_MONTH },
    { "2021年", 2021, 1, 1, 0, 0, 0, CM_PRECISION_YEAR },
    { " 921 ", 921, 1, 1, 0, 0, 0, CM_PRECISION_YEAR },
    { "1880.0", 1880, 1, 1, 0, 0, 0, CM_PRECISION_YEAR },
    { "AD 79", 79, 1, 1, 0, 0, 0, CM_PRECISION_YEAR },
  };
  static const struct { const char *text; gint64 year; } years[] = {
    { "300 BC", -299 }, { "300 BCE", -299 }, { "1 BC", 0 }, { "-300", -300 },
    { "公元前300年", -299 }, { "13.8 billion years ago", -13800000000 },
    { "4.6 billion years ago", -4600000000 }, { "66 million years ago", -66000000 },
    { "50,000 years ago", -50000 }, { "-13800000000", -13800000000 },
  };
  static const char * const refused[] = {
    "soon", "2012 Feb 30 10:00:00 UTC", "October 32, 1951", "13/13/2020", "0 BC",
    "1951年13月", "Octopus 2, 1951", "2 October", "12:00", "1e9", "--300", "99999999999999",
  };
  CmDate d;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      d = import_ok (cases[i].text, CM_DATE_ORDER_AUTO);
      g_assert_cmpint (d.precision, ==, cases[i].precision);
      g_assert_cmpint (d.start, ==, cm_date_make_time (cases[i].y, cases[i].m, cases[i].d,
                                                       cases[i].h, cases[i].mi, cases[i].s));
    }
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      d = import_ok (years[i].text, CM_DATE_ORDER_AUTO);
      g_assert_cmpint (d.precision, ==, CM_PRECISION_YEAR);
      g_assert_cmpint (cm_date_year_of (d.start), ==, years[i].year);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *why = NULL;

      if (cm_date_parse_text (refused[i], CM_DATE_ORDER_AUTO, NULL, &d, &why))
        g_error ("\"%s\" accepted", refused[i]);
      g_assert_nonnull (why);
    }
}

/* Forms of real files: the weekday of the police-deaths table (checked,
 * never ignored), the hyphens of spreadsheets' "02-Oct-1951", and the
 * two-digit years of Excel's m/d/yy, whose century is never guessed. */
static void
test_real_forms (void)
{
  static const char * const two_digit[] = { "6/17/47", "9/24/06", "24.09.06", "Oct 2, 51", "28-May-15" };
  g_autofree char *why = NULL;
  CmDate d;

  d = import_ok ("Monday, January 3, 1791", CM_DATE_ORDER_AUTO);
  g_assert_cmpint (d.start, ==, cm_date_make_time (1791, 1, 3, 0, 0, 0));
  d = import_ok ("Sat., Oct 22, 1791", CM_DATE_ORDER_AUTO);
  g_assert_cmpint (d.start, ==, cm_date_make_time (1791, 10, 22, 0, 0, 0));
  d = import_ok ("Thursday 1 January 1970", CM_DATE_ORDER_AUTO);
  g_assert_cmpint (d.start, ==, 0);
  g_assert_false (cm_date_parse_text ("Tuesday, January 3, 1791", CM_DATE_ORDER_AUTO, NULL, &d, &why));
  g_assert_nonnull (strstr (why, "that day was a Monday"));
  g_clear_pointer (&why, g_free);
  g_assert_false (cm_date_parse_text ("Monday, January 1791", CM_DATE_ORDER_AUTO, NULL, &d, NULL));

  d = import_ok ("02-Oct-1951", CM_DATE_ORDER_AUTO);
  g_assert_cmpint (d.start, ==, cm_date_make_time (1951, 10, 2, 0, 0, 0));
  g_assert_cmpint (d.precision, ==, CM_PRECISION_DAY);
  d = import_ok ("Oct-1951", CM_DATE_ORDER_AUTO);
  g_assert_cmpint (d.precision, ==, CM_PRECISION_MONTH);
  /* A sign is still a sign. */
  d = import_ok ("-300", CM_DATE_ORDER_AUTO);
  g_assert_cmpint (cm_date_year_of (d.start), ==, -300);
  d = import_ok ("2 Oct 51 AD", CM_DATE_ORDER_AUTO);
  g_assert_cmpint (d.start, ==, cm_date_make_time (51, 10, 2, 0, 0, 0));

  for (guint i = 0; i < G_N_ELEMENTS (two_digit); i++)
    {
      g_assert_false (cm_date_parse_text (two_digit[i], CM_DATE_ORDER_MDY, NULL, &d, &why));
      g_assert_nonnull (strstr (why, "two-digit year"));
      g_clear_pointer (&why, g_free);
    }
  g_assert_false (cm_date_parse_text ("6/17/47", CM_DATE_ORDER_AUTO, NULL, &d, &why));
  g_assert_nonnull (strstr (why, "1947 or 2047"));

  g_assert_true (cm_date_is_two_digit_year ("6/17/47"));
  g_assert_true (cm_date_is_two_digit_year ("28-May-15"));
  g_assert_true (cm_date_is_two_digit_year ("Oct 2, 51"));
  g_assert_false (cm_date_is_two_digit_year ("6/17/1947"));
  g_assert_false (cm_date_is_two_digit_year ("2015"));
  g_assert_false (cm_date_is_two_digit_year ("Room 12"));
  g_assert_false (cm_date_is_two_digit_year ("15-30"));

  g_assert_cmpint (cm_date_month_from_word ("Feb"), ==, 2);
  g_assert_cmpint (cm_date_month_from_word ("Sept."), ==, 9);
  g_assert_cmpint (cm_date_month_from_word ("february"), ==, 2);
  g_assert_cmpint (cm_date_month_from_word ("Fe"), ==, 0);
  g_assert_cmpint (cm_date_month_from_word ("Feb2"), ==, 0);
}

/* Day and month are never guessed when both readings exist. */
static void
test_date_order (void)
{
  g_autofree char *why = NULL;
  CmDate d;

  g_assert_false (cm_date_parse_text ("02/10/1951", CM_DATE_ORDER_AUTO, NULL, &d, &why));
  g_assert_nonnull (strstr (why, "DMY or MDY"));
  d = import_ok ("02/10/1951", CM_DATE_ORDER_DMY);
  g_assert_cmpint (d.start, ==, cm_date_make_time (1951, 10, 2, 0, 0, 0));
  d = import_ok ("02/10/1951", CM_DATE_ORDER_MDY);
  g_assert_cmpint (d.start, ==, cm_date_make_time (1951, 2, 10, 0, 0, 0));
  d = import_ok ("02.10.1951", CM_DATE_ORDER_DMY);
  g_assert_cmpint (d.start, ==, cm_date_make_time (1951, 10, 2, 0, 0, 0));
  /* The same day twice is the same date either way. */
  d = import_ok ("05/05/2020", CM_DATE_ORDER_AUTO);
  g_assert_cmpint (d.start, ==, cm_date_make_time (2020, 5, 5, 0, 0, 0));
  /* A forced order does not turn an impossible date into another one. */
  g_assert_false (cm_date_parse_text ("25/12/2020", CM_DATE_ORDER_MDY, NULL, &d, NULL));
}

static void
test_zone (void)
{
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GTimeZone) ny = g_time_zone_new_identifier ("America/New_York");
  CmDate d;

  g_assert_nonnull (shanghai);
  g_assert_nonnull (ny);
  g_assert_true (cm_date_parse_text ("2022-01-05 09:30", CM_DATE_ORDER_AUTO, shanghai, &d, NULL));
  g_assert_cmpint (d.start, ==, cm_date_make_time (2022, 1, 5, 1, 30, 0));
  /* Daylight saving time in July: UTC-4. */
  g_assert_true (cm_date_parse_text ("2022-07-01T12:00:00", CM_DATE_ORDER_AUTO, ny, &d, NULL));
  g_assert_cmpint (d.start, ==, cm_date_make_time (2022, 7, 1, 16, 0, 0));
  /* An explicit offset wins over the zone. */
  g_assert_true (cm_date_parse_text ("2022-07-01T12:00:00Z", CM_DATE_ORDER_AUTO, ny, &d, NULL));
  g_assert_cmpint (d.start, ==, cm_date_make_time (2022, 7, 1, 12, 0, 0));
  /* Without a zone, UTC. */
  g_assert_true (cm_date_parse_text ("2022-07-01T12:00:00", CM_DATE_ORDER_AUTO, NULL, &d, NULL));
  g_assert_cmpint (d.start, ==, cm_date_make_time (2022, 7, 1, 12, 0, 0));
}

static void
test_epoch_and_serials (void)
{
  CmDate d;

  g_assert_true (cm_date_from_epoch (1518000000, FALSE, &d));
  g_assert_cmpint (d.start, ==, 1518000000);
  g_assert_true (cm_date_from_epoch (1518000000123.0, TRUE, &d));
  g_assert_cmpint (d.start, ==, 1518000000);
  g_assert_cmpint (d.precision, ==, CM_PRECISION_SECOND);
  g_assert_true (cm_date_from_epoch (-1000, FALSE, &d));
  g_assert_cmpint (d.start, ==, -1000);
  g_assert_false (cm_date_from_epoch (1e30, TRUE, &d));
  g_assert_false (cm_date_from_epoch (NAN, FALSE, &d));

  /* 25569 is 1970-01-01; 44197.5 is noon on 2021-01-01; 60 is Excel's
   * 29 February 1900, read as 28 February by the serials before it. */
  g_assert_true (cm_date_from_excel_serial (25569, &d));
  g_assert_cmpint (d.start, ==, 0);
  g_assert_cmpint (d.precision, ==, CM_PRECISION_DAY);
  g_assert_true (cm_date_from_excel_serial (44197.5, &d));
  g_assert_cmpint (d.start, ==, cm_date_make_time (2021, 1, 1, 12, 0, 0));
  g_assert_cmpint (d.precision, ==, CM_PRECISION_SECOND);
  g_assert_true (cm_date_from_excel_serial (1, &d));
  g_assert_cmpint (d.start, ==, cm_date_make_time (1900, 1, 1, 0, 0, 0));
  g_assert_true (cm_date_from_excel_serial (61, &d));
  g_assert_cmpint (d.start, ==, cm_date_make_time (1900, 3, 1, 0, 0, 0));
  g_assert_false (cm_date_from_excel_serial (0, &d));
  g_assert_false (cm_date_from_excel_serial (-5, &d));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/precision", test_precision);
  g_test_add_func ("/date/leap-years", test_leap_years);
  g_test_add_func ("/date/invalid", test_invalid);
  g_test_add_func ("/date/range", test_range);
  g_test_add_func ("/date/civil-round-trip", test_civil_round_trip);
  g_test_add_func ("/date/compare", test_compare);
  g_test_add_func ("/date/format", test_format);
  g_test_add_func ("/date/lenient", test_lenient);
  g_test_add_func ("/date/bce", test_bce);
  g_test_add_func ("/date/deep-time", test_deep_time);
  g_test_add_func ("/date/import-forms", test_import_forms);
  g_test_add_func ("/date/order", test_date_order);
  g_test_add_func ("/date/real-forms", test_real_forms);
  g_test_add_func ("/date/zone", test_zone);
  g_test_add_func ("/date/epoch-and-serials", test_epoch_and_serials);

  return g_test_run ();
}
