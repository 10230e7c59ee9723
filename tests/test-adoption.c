/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "cm-adoption-painter.h"
#include "cm-first-dates.h"
#include "cm-test-util.h"

/* The adoption curve (issue #18): when each place first announced, and
 * the cumulative count drawn honest about the precision of the dates. */

#define DAY 86400

/* GTK defines these; the painters link none. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)

static gint64
when (const char *iso)
{
  CmDate date;

  g_assert_true (cm_date_parse (iso, strlen (iso), &date, NULL));
  return date.start;
}

static void
test_curve_ramps (void)
{
  /* A day, and a month of 30 days starting ten days later. */
  gint64 starts[] = { 10 * DAY, 0 };
  gint64 ends[] = { 40 * DAY, DAY };
  g_autoptr(CmAdoptionCurve) curve = cm_adoption_curve_new (2, starts, ends);
  guint certain, possible;
  gint64 first, last;

  g_assert_cmpuint (cm_adoption_curve_get_n (curve), ==, 2);
  g_assert_cmpfloat (cm_adoption_curve_eval (curve, -1, &certain, &possible), ==, 0);
  g_assert_cmpuint (certain, ==, 0);
  g_assert_cmpuint (possible, ==, 0);
  /* Half through the day: half expected, none certain, one possible. */
  g_assert_cmpfloat_with_epsilon (cm_adoption_curve_eval (curve, DAY / 2, &certain, &possible), 0.5, 1e-9);
  g_assert_cmpuint (certain, ==, 0);
  g_assert_cmpuint (possible, ==, 1);
  /* Between: the day is done, the month not begun. */
  g_assert_cmpfloat (cm_adoption_curve_eval (curve, 5 * DAY, &certain, &possible), ==, 1);
  g_assert_cmpuint (certain, ==, 1);
  g_assert_cmpuint (possible, ==, 1);
  /* A third into the month. */
  g_assert_cmpfloat_with_epsilon (cm_adoption_curve_eval (curve, 20 * DAY, &certain, &possible), 1 + 1.0 / 3, 1e-9);
  g_assert_cmpuint (certain, ==, 1);
  g_assert_cmpuint (possible, ==, 2);
  /* Done, exactly. */
  g_assert_cmpfloat (cm_adoption_curve_eval (curve, 40 * DAY, &certain, &possible), ==, 2);
  g_assert_cmpfloat (cm_adoption_curve_eval (curve, 1e12, NULL, NULL), ==, 2);
  g_assert_true (cm_adoption_curve_get_extent (curve, &first, &last));
  g_assert_cmpint (first, ==, 0);
  g_assert_cmpint (last, ==, 40 * DAY);
}

static void
test_curve_deep_time (void)
{
  /* Years of deep time: a ramp of 1/3e16 per second still ends at a
   * whole count, and many instants at one time make one step. */
  enum { N = 1000 };
  gint64 starts[N], ends[N];
  g_autoptr(CmAdoptionCurve) curve = NULL;
  gint64 year = G_GINT64_CONSTANT (31556952);

  for (guint i = 0; i < N; i++)
    {
      starts[i] = i < N / 2 ? -G_GINT64_CONSTANT (1000000000) * year : 0;
      ends[i] = i < N / 2 ? starts[i] + year * 1000000 : 0;   /* instants: end <= start */
    }
  curve = cm_adoption_curve_new (N, starts, ends);
  g_assert_cmpfloat_with_epsilon (cm_adoption_curve_eval (curve, -G_GINT64_CONSTANT (1000000000) * year + year * 500000, NULL, NULL),
                                  N / 4.0, 1e-6);
  g_assert_cmpfloat (cm_adoption_curve_eval (curve, -1, NULL, NULL), ==, N / 2);
  g_assert_cmpfloat (cm_adoption_curve_eval (curve, 1, NULL, NULL), ==, N);
}

static void
test_first_dates_sample (void)
{
  g_autoptr(CmDataset) ds = cm_test_load_sample ();
  g_autoptr(CmFirstDates) dates = cm_first_dates_new (ds, NULL, 1);
  gint shanghai = cm_dataset_find_place (ds, "shanghai");
  gint zhejiang = cm_dataset_find_place (ds, "zhejiang");
  gint hebi = cm_dataset_find_place (ds, "hebi");
  gboolean seen_shanghai = FALSE, seen_zhejiang = FALSE;

  /* Seven places announced; Hebi's three announcements count once. */
  g_assert_cmpuint (dates->n, ==, 7);
  g_assert_cmpuint (dates->n_series, ==, 1);
  for (guint i = 0; i < dates->n; i++)
    {
      g_assert_cmpint (dates->ends[i], >, dates->starts[i]);
      if (i > 0)
        g_assert_cmpint (dates->starts[i - 1], <=, dates->starts[i]);
      g_assert_cmpuint (dates->series[i], ==, 0);
      if ((gint) dates->places[i] == zhejiang)
        {
          /* "2021-11": some time in November. */
          g_assert_cmpint (dates->starts[i], ==, when ("2021-11-01"));
          g_assert_cmpint (dates->ends[i], ==, when ("2021-12-01"));
          seen_zhejiang = TRUE;
        }
      if ((gint) dates->places[i] == shanghai)
        {
          /* "2021-12" and "Dec 2021 – Jan 2022": announced in December,
           * the span's end says nothing of when. */
          g_assert_cmpint (dates->starts[i], ==, when ("2021-12-01"));
          g_assert_cmpint (dates->ends[i], ==, when ("2022-01-01"));
          seen_shanghai = TRUE;
        }
      if ((gint) dates->places[i] == hebi)
        {
          g_assert_cmpint (dates->starts[i], ==, when ("2023-04-14"));
          g_assert_cmpint (dates->ends[i], ==, when ("2023-04-15"));
        }
    }
  g_assert_true (seen_shanghai && seen_zhejiang);
}

static void
test_first_dates_filtered (void)
{
  g_autoptr(CmDataset) ds = cm_test_load_sample ();
  guint n = cm_dataset_get_n_announcements (ds);
  g_autofree guint8 *match = g_malloc (n);
  g_autoptr(CmFirstDates) dates = NULL;
  g_autoptr(CmFirstDates) by_category = NULL;
  gint shanghai = cm_dataset_find_place (ds, "shanghai");
  guint found = 0;

  /* Keep only the "meeting" announcements: Zhejiang, Shanghai's span and
   * Hebi. Shanghai's first date is then the span's start month. */
  for (guint i = 0; i < n; i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (ds, i);

      match[i] = g_str_equal (cm_dataset_get_category (ds, a->category)->id, "meeting");
    }
  dates = cm_first_dates_new (ds, match, 1);
  g_assert_cmpuint (dates->n, ==, 3);
  for (guint i = 0; i < dates->n; i++)
    if ((gint) dates->places[i] == shanghai)
      {
        g_assert_cmpint (dates->starts[i], ==, when ("2021-12-01"));
        g_assert_cmpint (dates->ends[i], ==, when ("2022-01-01"));
        found++;
      }
  g_assert_cmpuint (found, ==, 1);

  /* By category: a place counts once in each category it announced in;
   * Shanghai has a plan and a meeting, Hebi a meeting, a park and an
   * appointment. */
  by_category = cm_first_dates_new (ds, NULL, 16);
  g_assert_cmpuint (by_category->n_series, ==, cm_dataset_get_n_categories (ds));
  g_assert_cmpuint (by_category->n, ==, 10);
  /* And with too few series the rest share the last. */
  g_clear_pointer (&by_category, cm_first_dates_free);
  by_category = cm_first_dates_new (ds, NULL, 2);
  g_assert_cmpuint (by_category->n_series, ==, 2);
  for (guint i = 0; i < by_category->n; i++)
    g_assert_cmpuint (by_category->series[i], <, 2);
}

static guint32
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  cairo_surface_flush (s);
  return ((guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s)))[x] & 0xffffff;
}

static gboolean
is_blue (guint32 p)
{
  /* The single curve's colour, #0072b2, give or take anti-aliasing. */
  return (p & 0xff) > 0x90 && ((p >> 16) & 0xff) < 0x40;
}

/* The line, 2 px wide, crosses pixel row floor(@y) or a neighbour in
 * full at column @x. */
static gboolean
line_at (cairo_surface_t *s,
         double           x,
         double           y)
{
  for (int dy = -1; dy <= 1; dy++)
    if (is_blue (pixel (s, (int) x, (int) floor (y) + dy)))
      return TRUE;
  return FALSE;
}

static void
test_painter_pixels (void)
{
  g_autoptr(CmAdoptionPainter) painter = cm_adoption_painter_new ();
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 140);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  /* Two instants and a ten-day ramp. */
  gint64 starts[] = { 10 * DAY, 30 * DAY, 50 * DAY };
  gint64 ends[] = { 10 * DAY + 1, 40 * DAY, 50 * DAY + 1 };
  CmAdoptionView view;
  double px, py, pw, ph, x, y;
  int blue_rows = 0;

  cm_adoption_painter_set_data (painter, 3, starts, ends, NULL, 1);
  cm_adoption_painter_set_title (painter, "Places");
  cm_adoption_view_init (&view, 400, 140);
  view.t0 = 0;
  view.t1 = 60 * DAY;
  cm_adoption_painter_paint (painter, cr, &view);
  cm_adoption_painter_get_plot (painter, &view, &px, &py, &pw, &ph);
  g_assert_cmpfloat (px, ==, view.x0);

  /* Before the first item the line lies on the base line; after the
   * last it is at 3, the top of a 1-2-5 scale reaching 3. */
  x = cm_adoption_painter_time_to_x (&view, 5 * DAY);
  y = cm_adoption_painter_value_to_y (painter, &view, 0);
  g_assert_true (line_at (surface, x, y - 1));
  x = cm_adoption_painter_time_to_x (&view, 55 * DAY);
  y = cm_adoption_painter_value_to_y (painter, &view, 3);
  g_assert_cmpfloat (y, >=, py);
  g_assert_true (line_at (surface, x, y));
  /* Between 1 and 2, in the ramp, at its middle: 1.5, inside a band. */
  x = cm_adoption_painter_time_to_x (&view, 35 * DAY);
  y = cm_adoption_painter_value_to_y (painter, &view, 1.5);
  g_assert_true (line_at (surface, x, y));
  {
    double band = cm_adoption_painter_value_to_y (painter, &view, 1.8);
    guint32 p = pixel (surface, (int) x, (int) round (band));

    /* Pale blue: the band, not the line and not the background. */
    g_assert_cmpuint (p, !=, 0xffffff);
    g_assert_false (is_blue (p));
    g_assert_cmpuint (p & 0xff, >, (p >> 16) & 0xff);
  }
  /* A step for an instant: the line climbs inside one pixel column or
   * two, not across the plot. */
  x = cm_adoption_painter_time_to_x (&view, 10 * DAY);
  for (double yy = cm_adoption_painter_value_to_y (painter, &view, 1); yy < cm_adoption_painter_value_to_y (painter, &view, 0); yy++)
    blue_rows += is_blue (pixel (surface, (int) x, (int) yy)) || is_blue (pixel (surface, (int) x + 1, (int) yy));
  g_assert_cmpint (blue_rows, >, (int) (ph / 3 * 0.6));
}

static void
test_painter_items_near (void)
{
  g_autoptr(CmAdoptionPainter) painter = cm_adoption_painter_new ();
  gint64 starts[] = { 50 * DAY, 10 * DAY, 30 * DAY };
  gint64 ends[] = { 50 * DAY + 1, 10 * DAY + 1, 40 * DAY };
  guint8 series[] = { 1, 0, 1 };
  CmAdoptionView view;
  g_autoptr(GArray) near = NULL;
  g_autoptr(GArray) none = NULL;
  guint total;

  cm_adoption_painter_set_data (painter, 3, starts, ends, series, 2);
  g_assert_cmpuint (cm_adoption_painter_get_n_series (painter), ==, 2);
  g_assert_cmpuint (cm_adoption_curve_get_n (cm_adoption_painter_get_curve (painter, 1)), ==, 2);
  cm_adoption_view_init (&view, 600, 100);
  view.x0 = 0;
  view.x1 = 600;
  view.t0 = 0;
  view.t1 = 60 * DAY;   /* 10 px a day */
  /* Around day 35: the ramp of item 2 only. */
  near = cm_adoption_painter_items_near (painter, &view, 350, 3, 5, &total);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpuint (g_array_index (near, guint, 0), ==, 2);
  g_clear_pointer (&near, g_array_unref);
  /* Wide enough for all, earliest first, at most two. */
  near = cm_adoption_painter_items_near (painter, &view, 300, 250, 2, &total);
  g_assert_cmpuint (total, ==, 3);
  g_assert_cmpuint (near->len, ==, 2);
  g_assert_cmpuint (g_array_index (near, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (near, guint, 1), ==, 2);
  none = cm_adoption_painter_items_near (painter, &view, 200, 3, 5, &total);
  g_assert_cmpuint (total, ==, 0);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_painter_empty (void)
{
  g_autoptr(CmAdoptionPainter) painter = cm_adoption_painter_new ();
  g_autoptr(cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 80);
  g_autoptr(cairo_t) cr = cairo_create (surface);
  CmAdoptionView view;

  /* Nothing, and a view too small: drawn without complaint. */
  cm_adoption_view_init (&view, 200, 80);
  view.show_axis = TRUE;
  view.has_playhead = TRUE;
  view.playhead = 0.5;
  cm_adoption_painter_paint (painter, cr, &view);
  cm_adoption_view_init (&view, 3, 2);
  cm_adoption_painter_paint (painter, cr, &view);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/adoption/curve/ramps", test_curve_ramps);
  g_test_add_func ("/adoption/curve/deep-time", test_curve_deep_time);
  g_test_add_func ("/adoption/first-dates/sample", test_first_dates_sample);
  g_test_add_func ("/adoption/first-dates/filtered", test_first_dates_filtered);
  g_test_add_func ("/adoption/painter/pixels", test_painter_pixels);
  g_test_add_func ("/adoption/painter/items-near", test_painter_items_near);
  g_test_add_func ("/adoption/painter/empty", test_painter_empty);
  return g_test_run ();
}
