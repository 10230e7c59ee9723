/* SPDX-License-Identifier: GPL-3.0-or-later */
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
    "2022-02-30", "2022-13", "2022-00", "2022-04-31", "0000", "05/01/2022", "2022/01/05",
    "22-01-05", "2022-1-5", "2022-01-05T25:00Z", "2022-01-05T10:60Z", "2022-01-05T10:00",
    "2022-01-05T10:00+8", "2022-01-05 10:00Z", "2022-01-05T10:00:61Z", "", "2021-11-", "2021-11-15x",
    "mid-November 2021", "20211", "2022-01T10:00Z", "+2022", "-0001",
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

  g_assert_cmpint (d.start, ==, CM_DATE_TIME_MIN);
  d = parse_ok ("9999-12-31");
  g_assert_cmpint (d.end, ==, CM_DATE_TIME_MAX);
  d = parse_ok ("9999");
  g_assert_cmpint (d.end, ==, CM_DATE_TIME_MAX);
  /* An offset that pushes the instant outside the range is refused. */
  g_free (parse_error ("0001-01-01T00:00+01:00"));
  g_free (parse_error ("9999-12-31T23:59-01:00"));
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

  return g_test_run ();
}
