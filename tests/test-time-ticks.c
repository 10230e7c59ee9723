/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-test"

#include <math.h>
#include <string.h>

#include "cm-time-ticks.h"

/* A fake font: Latin characters 6.5 px, CJK 12 px, so overlap checks do
 * not depend on the installed fonts. */
static double
fake_measure (const char *text,
              gpointer    user_data)
{
  double w = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    w += g_utf8_get_char (p) < 0x2e80 ? 6.5 : 12;
  return w;
}

static void
test_civil_matches_gdatetime (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 20000; i++)
    {
      int y = g_rand_int_range (rand, 1, 10000);
      int m = g_rand_int_range (rand, 1, 13);
      int d = g_rand_int_range (rand, 1, cm_time_days_in_month (y, m) + 1);
      int h = g_rand_int_range (rand, 0, 24);
      g_autoptr(GDateTime) dt = g_date_time_new_utc (y, m, d, h, 7, 5);
      gint64 t = cm_time_from_civil (y, m, d, h, 7, 5);
      int y2, m2, d2, h2, mi2, s2;

      g_assert_nonnull (dt);
      g_assert_cmpint (t, ==, g_date_time_to_unix (dt));
      cm_time_to_civil (t, &y2, &m2, &d2, &h2, &mi2, &s2);
      g_assert_cmpint (y2, ==, y);
      g_assert_cmpint (m2, ==, m);
      g_assert_cmpint (d2, ==, d);
      g_assert_cmpint (h2, ==, h);
      g_assert_cmpint (mi2, ==, 7);
      g_assert_cmpint (s2, ==, 5);
      g_assert_cmpint (cm_time_weekday (t) + 1, ==, g_date_time_get_day_of_week (dt));
    }
  g_assert_cmpint (cm_time_from_civil (1, 1, 1, 0, 0, 0), ==, CM_TIME_MIN);
  g_assert_cmpint (cm_time_from_civil (10000, 1, 1, 0, 0, 0), ==, CM_TIME_MAX);
}

static void
test_leap_years_and_month_lengths (void)
{
  g_assert_true (cm_time_is_leap_year (2000));
  g_assert_true (cm_time_is_leap_year (2024));
  g_assert_false (cm_time_is_leap_year (1900));
  g_assert_false (cm_time_is_leap_year (2023));
  g_assert_cmpint (cm_time_days_in_month (2024, 2), ==, 29);
  g_assert_cmpint (cm_time_days_in_month (2023, 2), ==, 28);
  g_assert_cmpint (cm_time_days_in_month (1900, 2), ==, 28);
  g_assert_cmpint (cm_time_days_in_month (2000, 2), ==, 29);
  g_assert_cmpint (cm_time_days_in_month (2022, 4), ==, 30);
  g_assert_cmpint (cm_time_days_in_month (2022, 12), ==, 31);

  /* Month arithmetic rolls over the year. */
  g_assert_cmpint (cm_time_from_civil (2021, 13, 1, 0, 0, 0), ==, cm_time_from_civil (2022, 1, 1, 0, 0, 0));
  g_assert_cmpint (cm_time_from_civil (2022, 0, 1, 0, 0, 0), ==, cm_time_from_civil (2021, 12, 1, 0, 0, 0));
  g_assert_cmpint (cm_time_from_civil (2024, 3, 1, 0, 0, 0) - cm_time_from_civil (2024, 2, 1, 0, 0, 0),
                   ==, 29 * 86400);
}

static void
test_step_floor_next (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint n_steps;
  const CmTimeStep *steps = cm_time_step_ladder (&n_steps);

  for (guint s = 0; s < n_steps; s++)
    for (guint i = 0; i < 500; i++)
      {
        gint64 t = (gint64) g_rand_double_range (rand, -2e10, 1e10);
        gint64 f = cm_time_step_floor (&steps[s], t);
        gint64 next = cm_time_step_next (&steps[s], f);

        g_assert_cmpint (f, <=, t);
        g_assert_cmpint (t, <, next);
        g_assert_cmpint (cm_time_step_floor (&steps[s], f), ==, f);
        g_assert_cmpint (cm_time_step_floor (&steps[s], next), ==, next);
        g_assert_cmpint (next - f, >=, cm_time_step_min_seconds (&steps[s]));
        if (steps[s].unit == CM_TIME_UNIT_WEEK)
          g_assert_cmpint (cm_time_weekday (f), ==, 0);
        if (steps[s].unit == CM_TIME_UNIT_MONTH && steps[s].count == 3)
          {
            int m, d;

            cm_time_to_civil (f, NULL, &m, &d, NULL, NULL, NULL);
            g_assert_cmpint ((m - 1) % 3, ==, 0);
            g_assert_cmpint (d, ==, 1);
          }
      }
}

static void
check_no_overlap (GArray *ticks,
                  double  x0,
                  double  x1)
{
  double prev_right = -G_MAXDOUBLE;

  for (guint i = 0; i < ticks->len; i++)
    {
      const CmTick *t = &g_array_index (ticks, CmTick, i);

      if (i > 0)
        g_assert_cmpint (t->time, >, g_array_index (ticks, CmTick, i - 1).time);
      if (t->label == NULL)
        continue;
      g_assert_cmpfloat (t->label_x, >=, x0 - 0.01);
      g_assert_cmpfloat (t->label_x + t->label_width, <=, x1 + 0.01);
      g_assert_cmpfloat (t->label_x, >=, prev_right + 2);
      g_assert_cmpfloat (fabs (t->label_width - fake_measure (t->label, NULL)), <, 0.01);
      prev_right = t->label_x + t->label_width;
    }
}

/* From an hour to ten thousand years, at three widths, in both languages:
 * labels never overlap, the grid never gets denser than the minimum
 * spacing, and every rung from years down to hours is used on the way. */
static void
test_every_zoom_level (void)
{
  static const double widths[] = { 300, 800, 1600 };
  static const char * const langs[] = { "en", "zh" };
  double centre = (double) cm_time_from_civil (2022, 3, 14, 15, 0, 0);

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autoptr(CmTimeLocale) locale = cm_time_locale_new (langs[l]);

      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        {
          gboolean seen[CM_TIME_UNIT_YEAR + 1] = { FALSE };
          gboolean seen_quarter = FALSE, seen_century = FALSE;
          gint64 prev_min = 0;

          for (double span = 3600; span <= 10000 * 365.25 * 86400; span *= 1.15)
            {
              g_autoptr(CmTimeTicks) ticks = NULL;
              double t0 = MAX (centre - span / 2, (double) CM_TIME_MIN);

              ticks = cm_time_ticks_compute (locale, t0, t0 + span, 10, 10 + widths[w],
                                             30, fake_measure, NULL);
              check_no_overlap (ticks->minor, 10, 10 + widths[w]);
              check_no_overlap (ticks->major, 10, 10 + widths[w]);
              g_assert_cmpuint (ticks->minor->len, >=, 1);

              for (guint i = 1; i < ticks->minor->len; i++)
                {
                  const CmTick *a = &g_array_index (ticks->minor, CmTick, i - 1);
                  const CmTick *b = &g_array_index (ticks->minor, CmTick, i);

                  g_assert_cmpfloat (b->x - a->x, >=, 30 - 0.01);
                }

              /* Zooming out never picks a finer step. */
              g_assert_cmpint (cm_time_step_min_seconds (&ticks->step), >=, prev_min);
              prev_min = cm_time_step_min_seconds (&ticks->step);

              seen[ticks->step.unit] = TRUE;
              if (ticks->step.unit == CM_TIME_UNIT_MONTH && ticks->step.count == 3)
                seen_quarter = TRUE;
              if (ticks->step.unit == CM_TIME_UNIT_YEAR && ticks->step.count >= 100)
                seen_century = TRUE;
            }
          g_assert_true (seen[CM_TIME_UNIT_HOUR] || widths[w] < 400);
          g_assert_true (seen[CM_TIME_UNIT_DAY]);
          g_assert_true (seen[CM_TIME_UNIT_WEEK]);
          g_assert_true (seen[CM_TIME_UNIT_MONTH]);
          g_assert_true (seen_quarter);
          g_assert_true (seen[CM_TIME_UNIT_YEAR]);
          g_assert_true (seen_century);
        }
    }
}

static GPtrArray *
labels_of (GArray *ticks)
{
  GPtrArray *labels = g_ptr_array_new ();

  for (guint i = 0; i < ticks->len; i++)
    {
      const CmTick *t = &g_array_index (ticks, CmTick, i);

      if (t->label != NULL)
        g_ptr_array_add (labels, t->label);
    }
  return labels;
}

static gboolean
has_label (GPtrArray  *labels,
           const char *label)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (labels->pdata[i], label))
      return TRUE;
  return FALSE;
}

/* One year on 1200 px: months in the lower row, the year above. */
static void
test_month_labels (void)
{
  double t0 = (double) cm_time_from_civil (2022, 1, 1, 0, 0, 0);
  double t1 = (double) cm_time_from_civil (2023, 1, 1, 0, 0, 0);
  g_autoptr(CmTimeLocale) en = cm_time_locale_new ("en");
  g_autoptr(CmTimeLocale) zh = cm_time_locale_new ("zh_CN.UTF-8");
  g_autoptr(CmTimeTicks) ticks = cm_time_ticks_compute (en, t0, t1, 0, 1200, 30, fake_measure, NULL);
  g_autoptr(CmTimeTicks) zticks = cm_time_ticks_compute (zh, t0, t1, 0, 1200, 30, fake_measure, NULL);
  g_autoptr(CmTimeTicks) narrow = cm_time_ticks_compute (en, t0, t1, 0, 400, 20, fake_measure, NULL);
  g_autoptr(GPtrArray) minor = labels_of (ticks->minor);
  g_autoptr(GPtrArray) major = labels_of (ticks->major);
  g_autoptr(GPtrArray) zminor = labels_of (zticks->minor);
  g_autoptr(GPtrArray) zmajor = labels_of (zticks->major);
  g_autoptr(GPtrArray) nminor = labels_of (narrow->minor);

  g_assert_cmpint (ticks->step.unit, ==, CM_TIME_UNIT_MONTH);
  g_assert_cmpuint (minor->len, ==, 12);
  g_assert_true (has_label (minor, "January") || has_label (minor, "Jan"));
  g_assert_true (has_label (major, "2022"));

  g_assert_cmpint (cm_time_locale_get_lang (zh), ==, CM_TIME_LANG_ZH);
  g_assert_cmpint (zticks->step.unit, ==, CM_TIME_UNIT_MONTH);
  g_assert_true (has_label (zminor, "1月"));
  g_assert_true (has_label (zminor, "12月"));
  g_assert_true (has_label (zmajor, "2022年"));

  /* Narrower: abbreviated, never overlapping (checked above), or quarters. */
  g_assert_true (has_label (nminor, "Jan") || has_label (nminor, "J") || has_label (nminor, "Q1"));
}

/* Day ticks over February of a leap year reach the 29th, and the month
 * after starts a new major label. */
static void
test_leap_day_ticks (void)
{
  double t0 = (double) cm_time_from_civil (2024, 2, 1, 0, 0, 0);
  double t1 = (double) cm_time_from_civil (2024, 3, 3, 0, 0, 0);
  g_autoptr(CmTimeLocale) en = cm_time_locale_new ("en");
  g_autoptr(CmTimeTicks) ticks = cm_time_ticks_compute (en, t0, t1, 0, 1600, 30, fake_measure, NULL);
  g_autoptr(GPtrArray) minor = labels_of (ticks->minor);
  g_autoptr(GPtrArray) major = labels_of (ticks->major);
  gboolean found = FALSE;

  g_assert_cmpint (ticks->step.unit, ==, CM_TIME_UNIT_DAY);
  for (guint i = 0; i < ticks->minor->len; i++)
    {
      const CmTick *t = &g_array_index (ticks->minor, CmTick, i);

      if (t->time == cm_time_from_civil (2024, 2, 29, 0, 0, 0))
        {
          g_assert_nonnull (t->label);
          g_assert_true (strstr (t->label, "29") != NULL);
          found = TRUE;
        }
    }
  g_assert_true (found);
  g_assert_true (has_label (major, "February 2024") || has_label (major, "Feb 2024"));
  g_assert_true (has_label (major, "March 2024") || has_label (major, "Mar 2024"));
  (void) minor;
}

/* Hours across midnight on New Year's Eve: the year changes in the upper
 * row and the 00:00 label gives way to it. */
static void
test_year_boundary_hours (void)
{
  double t0 = (double) cm_time_from_civil (2021, 12, 31, 18, 0, 0);
  double t1 = (double) cm_time_from_civil (2022, 1, 1, 6, 0, 0);
  g_autoptr(CmTimeLocale) en = cm_time_locale_new ("en");
  g_autoptr(CmTimeLocale) zh = cm_time_locale_new ("zh");
  g_autoptr(CmTimeTicks) ticks = cm_time_ticks_compute (en, t0, t1, 0, 1200, 30, fake_measure, NULL);
  g_autoptr(CmTimeTicks) zticks = cm_time_ticks_compute (zh, t0, t1, 0, 1200, 30, fake_measure, NULL);
  g_autoptr(GPtrArray) major = labels_of (ticks->major);
  g_autoptr(GPtrArray) zmajor = labels_of (zticks->major);
  gint64 midnight = cm_time_from_civil (2022, 1, 1, 0, 0, 0);

  g_assert_true (ticks->step.unit == CM_TIME_UNIT_HOUR || ticks->step.unit == CM_TIME_UNIT_MINUTE);
  g_assert_true (has_label (major, "Saturday 1 January 2022") || has_label (major, "Sat 1 Jan 2022"));
  g_assert_true (has_label (zmajor, "2022年1月1日 星期六") || has_label (zmajor, "2022年1月1日"));
  for (guint i = 0; i < ticks->minor->len; i++)
    {
      const CmTick *t = &g_array_index (ticks->minor, CmTick, i);

      if (t->time == midnight)
        g_assert_null (t->label);
    }
}

static void
test_formats (void)
{
  g_autoptr(CmTimeLocale) en = cm_time_locale_new ("en");
  g_autoptr(CmTimeLocale) zh = cm_time_locale_new ("zh");
  gint64 t = cm_time_from_civil (2022, 3, 7, 14, 5, 0);
  struct { CmTimeLocale *locale; CmTimeFormat format; const char *expected; } cases[] = {
    { en, CM_TIME_FORMAT_YEAR, "2022" },
    { en, CM_TIME_FORMAT_QUARTER, "Q1 2022" },
    { en, CM_TIME_FORMAT_MONTH_YEAR, "Mar 2022" },
    { en, CM_TIME_FORMAT_DATE, "7 Mar 2022" },
    { en, CM_TIME_FORMAT_DATE_TIME, "7 Mar 2022 14:05" },
    { en, CM_TIME_FORMAT_WEEK, "week of 7 Mar 2022" },
    { zh, CM_TIME_FORMAT_YEAR, "2022年" },
    { zh, CM_TIME_FORMAT_QUARTER, "2022年第1季度" },
    { zh, CM_TIME_FORMAT_MONTH_YEAR, "2022年3月" },
    { zh, CM_TIME_FORMAT_DATE, "2022年3月7日" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cm_time_locale_format (cases[i].locale, cases[i].format, t);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  g_assert_cmpstr (cm_time_locale_get_today (zh), ==, "今天");
}

/* Before the era ticks fall on round BC years; in deep time they count
 * years ago; Chinese writes 公元前 and 亿年前. */
static void
test_bce_and_deep_time (void)
{
  g_autoptr(CmTimeLocale) en = cm_time_locale_new ("en");
  g_autoptr(CmTimeLocale) zh = cm_time_locale_new ("zh_CN");
  double t0 = (double) cm_time_year_start (-550);
  double t1 = (double) cm_time_year_start (150);
  g_autoptr(CmTimeTicks) bce = cm_time_ticks_compute (en, t0, t1, 0, 1000, 30, fake_measure, NULL);
  g_autoptr(CmTimeTicks) zbce = cm_time_ticks_compute (zh, t0, t1, 0, 1000, 30, fake_measure, NULL);
  double d0 = (double) cm_time_year_start (-14000000000);
  double d1 = (double) cm_time_year_start (2000);
  g_autoptr(CmTimeTicks) deep = cm_time_ticks_compute (en, d0, d1, 0, 1400, 30, fake_measure, NULL);
  g_autoptr(CmTimeTicks) zdeep = cm_time_ticks_compute (zh, d0, d1, 0, 1400, 30, fake_measure, NULL);
  g_autoptr(GPtrArray) bce_labels = labels_of (bce->minor);
  g_autoptr(GPtrArray) zbce_labels = labels_of (zbce->minor);
  g_autoptr(GPtrArray) deep_labels = labels_of (deep->minor);
  g_autoptr(GPtrArray) zdeep_labels = labels_of (zdeep->minor);
  static const struct { gint64 year; const char *en, *zh; } years[] = {
    { 2022, "2022", "2022年" },
    { 1, "1", "1年" },
    { 0, "1 BC", "公元前1年" },
    { -299, "300 BC", "公元前300年" },
    { -9999, "10000 BC", "公元前10000年" },
    { -13799999999, "13.8 billion years ago", "138亿年前" },
    { -4599999999, "4.6 billion years ago", "46亿年前" },
    { -65999999, "66 million years ago", "6600万年前" },
    { -49999, "50,000 years ago", "5万年前" },
  };

  g_assert_true (has_label (bce_labels, "300 BC"));
  g_assert_true (has_label (bce_labels, "100 BC"));
  g_assert_false (has_label (bce_labels, "301 BC"));
  g_assert_true (has_label (bce_labels, "AD 1"));
  g_assert_true (has_label (zbce_labels, "公元前300年"));
  /* Ticks stay ordered and one step apart across the eras' seam. */
  for (guint i = 1; i < bce->minor->len; i++)
    g_assert_cmpint (g_array_index (bce->minor, CmTick, i).time, >, g_array_index (bce->minor, CmTick, i - 1).time);

  g_assert_cmpuint (deep_labels->len, >=, 3);
  g_assert_true (has_label (deep_labels, "10 billion years ago"));
  g_assert_true (has_label (zdeep_labels, "100亿年前"));
  for (guint i = 0; i < deep_labels->len; i++)
    g_assert_nonnull (strstr (deep_labels->pdata[i], "years ago"));

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autofree char *e = cm_time_locale_format_year (en, years[i].year);
      g_autofree char *z = cm_time_locale_format_year (zh, years[i].year);

      g_assert_cmpstr (e, ==, years[i].en);
      g_assert_cmpstr (z, ==, years[i].zh);
      g_assert_cmpint (cm_time_year_of (cm_time_year_start (years[i].year)), ==, years[i].year);
    }
}

/* The upper row names every day in one form: scanned across widths and
 * starting hours, a whole day never says "Friday 2 February 2018" beside
 * "Sat 3 Feb 2018". */
static void
test_major_labels_alike (void)
{
  g_autoptr(CmTimeLocale) en = cm_time_locale_new ("en");

  for (int hour = 0; hour < 24; hour += 5)
    for (double width = 300; width <= 2400; width += 35)
      {
        double t0 = (double) cm_time_from_civil (2018, 2, 1, hour, 0, 0);
        double t1 = t0 + 2.6 * 86400;
        g_autoptr(CmTimeTicks) ticks = cm_time_ticks_compute (en, t0, t1, 0, width, 30, fake_measure, NULL);
        int full = 0, short_ = 0;

        for (guint i = 0; i < ticks->major->len; i++)
          {
            const char *label = g_array_index (ticks->major, CmTick, i).label;

            if (label == NULL)
              continue;
            if (strstr (label, "day ") != NULL)
              full++;
            else
              short_++;
          }
        if (full > 0 && short_ > 0)
          g_error ("width %.0f, hour %d: day labels in two forms", width, hour);
        if (width >= 1200)
          g_assert_cmpint (full + short_, >=, 2);
      }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline/ticks/civil-matches-gdatetime", test_civil_matches_gdatetime);
  g_test_add_func ("/timeline/ticks/leap-years", test_leap_years_and_month_lengths);
  g_test_add_func ("/timeline/ticks/step-floor-next", test_step_floor_next);
  g_test_add_func ("/timeline/ticks/every-zoom-level", test_every_zoom_level);
  g_test_add_func ("/timeline/ticks/month-labels", test_month_labels);
  g_test_add_func ("/timeline/ticks/leap-day", test_leap_day_ticks);
  g_test_add_func ("/timeline/ticks/year-boundary", test_year_boundary_hours);
  g_test_add_func ("/timeline/ticks/formats", test_formats);
  g_test_add_func ("/timeline/ticks/major-labels-alike", test_major_labels_alike);
  g_test_add_func ("/timeline/ticks/bce-and-deep-time", test_bce_and_deep_time);

  return g_test_run ();
}
