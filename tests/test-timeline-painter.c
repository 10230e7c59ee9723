/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-test"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "cm-time-ticks.h"
#include "cm-timeline-painter.h"
#include "cm-text.h"

#define DAY ((gint64) 86400)

static const CmRgba blue = { 0.0, 0.447, 0.698, 1.0 };    /* #0072b2 */
static const CmRgba orange = { 0.902, 0.624, 0.0, 1.0 };  /* #e69f00 */
static const CmRgba green = { 0.0, 0.620, 0.451, 1.0 };   /* #009e73 */

typedef struct
{
  GArray *start, *end, *kind, *lane, *color;
} Marks;

static void
marks_init (Marks *m)
{
  m->start = g_array_new (FALSE, FALSE, sizeof (gint64));
  m->end = g_array_new (FALSE, FALSE, sizeof (gint64));
  m->kind = g_array_new (FALSE, FALSE, sizeof (guint8));
  m->lane = g_array_new (FALSE, FALSE, sizeof (guint16));
  m->color = g_array_new (FALSE, FALSE, sizeof (guint16));
}

static void
marks_clear (Marks *m)
{
  g_array_unref (m->start);
  g_array_unref (m->end);
  g_array_unref (m->kind);
  g_array_unref (m->lane);
  g_array_unref (m->color);
}

static guint
marks_add (Marks      *m,
           gint64      start,
           gint64      end,
           CmMarkKind  kind,
           guint       lane)
{
  guint8 k = kind;
  guint16 l = (guint16) lane;

  g_array_append_val (m->start, start);
  g_array_append_val (m->end, end);
  g_array_append_val (m->kind, k);
  g_array_append_val (m->lane, l);
  g_array_append_val (m->color, l);
  return m->start->len - 1;
}

static CmTimelineIndex *
marks_index (Marks    *m,
             guint     n_lanes,
             gboolean  labels)
{
  static const char * const lane_labels[] = { "Policy", "Industry", "Events" };
  CmRgba palette[3] = { blue, orange, green };
  CmTimelineData data = { 0 };

  data.n_marks = m->start->len;
  data.start = (const gint64 *) (gpointer) m->start->data;
  data.end = (const gint64 *) (gpointer) m->end->data;
  data.kind = (const guint8 *) m->kind->data;
  data.lane = (const guint16 *) (gpointer) m->lane->data;
  data.color = (const guint16 *) (gpointer) m->color->data;
  data.n_lanes = n_lanes;
  data.lane_labels = labels ? lane_labels : NULL;
  data.n_colors = 3;
  data.palette = palette;
  data.color_labels = labels ? lane_labels : NULL;
  return cm_timeline_index_new (&data);
}

static gint64
date (int y,
      int m,
      int d)
{
  return cm_time_from_civil (y, m, d, 0, 0, 0);
}

static guint
add_day (Marks *m,
         int    y,
         int    mo,
         int    d,
         guint  lane)
{
  return marks_add (m, date (y, mo, d), date (y, mo, d) + DAY, CM_MARK_POINT, lane);
}

/* Pixel helpers on an ARGB32 image. */
static void
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y,
          double          *r,
          double          *g,
          double          *b)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p;

  cairo_surface_flush (surface);
  p = *(const guint32 *) (gconstpointer) (data + y * stride + x * 4);
  *r = ((p >> 16) & 0xff) / 255.0;
  *g = ((p >> 8) & 0xff) / 255.0;
  *b = (p & 0xff) / 255.0;
}

/* How far the pixel has moved from white towards @c: 0 white, 1 full. */
static double
coverage (cairo_surface_t *surface,
          int              x,
          int              y,
          const CmRgba    *c)
{
  double r, g, b;

  pixel_at (surface, x, y, &r, &g, &b);
  /* Use the channel where the colour differs most from white. */
  if (1 - c->r >= 1 - c->g && 1 - c->r >= 1 - c->b)
    return (1 - r) / (1 - c->r);
  if (1 - c->g >= 1 - c->b)
    return (1 - g) / (1 - c->g);
  return (1 - b) / (1 - c->b);
}

static cairo_surface_t *
render (CmTimelinePainter    *painter,
        const CmTimelineView *view)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) view->width, (int) view->height);
  cairo_t *cr = cairo_create (surface);

  cm_timeline_painter_paint (painter, cr, view);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

/* A month-precision date is a faded band with brackets over the whole
 * month; a day-precision date is a solid dot; they look different. */
static void
test_precision_bands (void)
{
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  g_autoptr(CmTimelineIndex) index = NULL;
  CmTimelineView view;
  CmTimelineRect band, point;
  cairo_surface_t *surface;
  Marks m;
  guint month, day;
  double x_nov1, x_dec1, cy;

  marks_init (&m);
  month = marks_add (&m, date (2021, 11, 1), date (2021, 12, 1), CM_MARK_BAND, 0);
  day = add_day (&m, 2022, 1, 11, 0);
  index = marks_index (&m, 1, FALSE);
  cm_timeline_painter_set_index (painter, index);
  cm_timeline_painter_set_language (painter, CM_LABEL_LANGUAGE_ENGLISH);

  cm_timeline_view_init (&view, 800, 160);
  cm_timeline_view_set_range (&view, (double) date (2021, 10, 15), (double) date (2022, 2, 15));
  surface = render (painter, &view);

  g_assert_true (cm_timeline_painter_get_mark_rect (painter, &view, month, &band));
  g_assert_true (cm_timeline_painter_get_mark_rect (painter, &view, day, &point));
  x_nov1 = cm_timeline_painter_time_to_x (painter, &view, (double) date (2021, 11, 1));
  x_dec1 = cm_timeline_painter_time_to_x (painter, &view, (double) date (2021, 12, 1));

  /* The band covers the whole month. */
  g_assert_cmpfloat (fabs (band.x - x_nov1), <, 1);
  g_assert_cmpfloat (fabs (band.x + band.width - x_dec1), <, 1);

  /* Inside: faded, neither background nor full colour. */
  cy = band.y + band.height / 2;
  for (double x = x_nov1 + 6; x < x_dec1 - 6; x += 7)
    {
      double c = coverage (surface, (int) x, (int) cy, &blue);

      g_assert_cmpfloat (c, >, 0.12);
      g_assert_cmpfloat (c, <, 0.5);
    }
  /* Its ends are brackets in full colour. */
  g_assert_cmpfloat (coverage (surface, (int) round (x_nov1), (int) cy, &blue), >, 0.6);
  g_assert_cmpfloat (coverage (surface, (int) round (x_dec1) - 1, (int) cy, &blue), >, 0.6);
  /* Nothing just outside the month. */
  g_assert_cmpfloat (coverage (surface, (int) x_nov1 - 4, (int) cy, &blue), <, 0.1);

  /* The day is a solid dot at noon, and narrow. */
  {
    double x_noon = cm_timeline_painter_time_to_x (painter, &view, (double) (date (2022, 1, 11) + DAY / 2));
    double pcy = point.y + point.height / 2;

    g_assert_cmpfloat (coverage (surface, (int) x_noon, (int) pcy, &blue), >, 0.85);
    g_assert_cmpfloat (coverage (surface, (int) x_noon + 7, (int) pcy, &blue), <, 0.1);
    g_assert_cmpfloat (coverage (surface, (int) x_noon - 7, (int) pcy, &blue), <, 0.1);
    g_assert_cmpfloat (point.width, <, 10);
  }

  cairo_surface_destroy (surface);
  marks_clear (&m);
}

/* The same painter draws on vector surfaces (the export path). */
static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  *(gsize *) closure += length;
  return CAIRO_STATUS_SUCCESS;
}

static void
test_vector_surfaces (void)
{
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  g_autoptr(CmTimelineIndex) index = NULL;
  CmTimelineView view;
  Marks m;

  marks_init (&m);
  for (int i = 0; i < 300; i++)
    add_day (&m, 2021 + i / 120, 1 + (i / 10) % 12, 1 + i % 28, (guint) i % 3);
  marks_add (&m, date (2021, 5, 1), date (2021, 6, 1), CM_MARK_BAND, 1);
  marks_add (&m, date (2021, 5, 3), date (2021, 8, 1), CM_MARK_SPAN, 2);
  index = marks_index (&m, 3, TRUE);
  cm_timeline_painter_set_index (painter, index);
  cm_timeline_view_init (&view, 900, 300);
  cm_timeline_view_fit (&view, (double) date (2021, 1, 1), (double) date (2024, 1, 1));

  for (int kind = 0; kind < 2; kind++)
    {
      gsize written = 0;
      cairo_surface_t *surface = kind == 0
        ? cairo_svg_surface_create_for_stream (discard, &written, view.width, view.height)
        : cairo_pdf_surface_create_for_stream (discard, &written, view.width, view.height);
      cairo_t *cr = cairo_create (surface);

      cm_timeline_painter_paint (painter, cr, &view);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);
      g_assert_cmpuint (written, >, 1000);
    }
  marks_clear (&m);
}

/* A dense lane turns into bins whose counts add up to the marks in view,
 * whatever the zoom; marks longer than a bin are counted where they
 * overlap instead. */
static void
test_aggregation_counts (void)
{
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  g_autoptr(CmTimelineIndex) index = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autofree guint8 *flags = NULL;
  Marks m;
  guint n;
  double spans[] = { 40 * 365.0 * DAY, 6 * 365.0 * DAY, 365.0 * DAY, 60.0 * DAY, 10.0 * DAY };

  marks_init (&m);
  for (int i = 0; i < 20000; i++)
    {
      gint64 t = date (2019, 1, 1) + DAY * g_rand_int_range (rand, 0, 6 * 365);

      marks_add (&m, t, t + DAY, CM_MARK_POINT, 0);
    }
  for (int i = 0; i < 300; i++)
    {
      gint64 t = date (2019, 1, 1) + DAY * g_rand_int_range (rand, 0, 6 * 365);

      marks_add (&m, t, t + DAY * g_rand_int_range (rand, 30, 400), CM_MARK_SPAN, 0);
    }
  n = m.start->len;
  flags = g_new0 (guint8, n);
  for (guint i = 0; i < n; i += 3)
    flags[i] = CM_MARK_FLAG_DIMMED;
  index = marks_index (&m, 1, TRUE);
  cm_timeline_index_set_flags (index, flags);
  cm_timeline_painter_set_index (painter, index);

  for (guint z = 0; z < G_N_ELEMENTS (spans); z++)
    {
      CmTimelineView view;
      CmTimelineLaneInfo info;
      CmTimelineHit first, last;
      guint active = 0, dimmed = 0, expect_active = 0, expect_dimmed = 0;
      double centre = (double) date (2021, 6, 15);

      cm_timeline_view_init (&view, 1600, 400);
      cm_timeline_view_set_range (&view, centre - spans[z] / 2, centre + spans[z] / 2);
      g_assert_true (cm_timeline_painter_get_lane_info (painter, &view, 0, &info));
      g_assert_true (info.aggregated);
      g_assert_cmpuint (info.n_bins, >, 0);
      g_assert_cmpuint (info.n_bins, <=, 1600 / 3 + 2);

      for (guint b = 0; b < info.n_bins; b++)
        {
          CmTimelineHit hit;
          guint expect_spanning = 0;

          g_assert_true (cm_timeline_painter_get_bin (painter, &view, 0, b, &hit));
          active += hit.bin_count;
          dimmed += hit.bin_dimmed;
          /* Spot-check the overlap counts of long marks. */
          if (b % 37 == 0)
            {
              gint64 bin_min = cm_time_step_min_seconds (&hit.bin_step);

              for (guint i = 0; i < n; i++)
                {
                  gint64 s = g_array_index (m.start, gint64, i), e = g_array_index (m.end, gint64, i);
                  gint64 len = e - s;
                  guint klass = 0;

                  while ((len >> (klass + 1)) > 0)
                    klass++;
                  if (((gint64) 1 << klass) > bin_min && s < hit.bin_end && e > hit.bin_start)
                    expect_spanning++;
                }
              g_assert_cmpuint (hit.bin_spanning, ==, expect_spanning);
            }
        }

      g_assert_true (cm_timeline_painter_get_bin (painter, &view, 0, 0, &first));
      g_assert_true (cm_timeline_painter_get_bin (painter, &view, 0, info.n_bins - 1, &last));
      for (guint i = 0; i < n; i++)
        {
          gint64 s = g_array_index (m.start, gint64, i), e = g_array_index (m.end, gint64, i);
          gint64 anchor = s + (e - s) / 2, len = e - s;
          guint klass = 0;

          while ((len >> (klass + 1)) > 0)
            klass++;
          if (((gint64) 1 << klass) > cm_time_step_min_seconds (&first.bin_step))
            continue;
          if (anchor >= first.bin_start && anchor < last.bin_end)
            {
              if (flags[i])
                expect_dimmed++;
              else
                expect_active++;
            }
        }
      g_assert_cmpuint (active, ==, expect_active);
      g_assert_cmpuint (dimmed, ==, expect_dimmed);
      g_assert_cmpuint (active + dimmed, >, 0);
    }
  marks_clear (&m);
}

/* Few marks are drawn one by one; colliding ones stack in rows. */
static void
test_stacking (void)
{
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  g_autoptr(CmTimelineIndex) index = NULL;
  CmTimelineView view;
  CmTimelineLaneInfo info;
  CmTimelineRect a, b;
  Marks m;
  guint m0, m1;

  marks_init (&m);
  m0 = add_day (&m, 2022, 3, 1, 0);
  m1 = add_day (&m, 2022, 3, 1, 0);
  add_day (&m, 2022, 6, 1, 0);
  index = marks_index (&m, 1, TRUE);
  cm_timeline_painter_set_index (painter, index);
  cm_timeline_view_init (&view, 800, 200);
  cm_timeline_view_fit (&view, (double) date (2022, 1, 1), (double) date (2023, 1, 1));

  g_assert_true (cm_timeline_painter_get_lane_info (painter, &view, 0, &info));
  g_assert_false (info.aggregated);
  g_assert_cmpuint (info.n_items, ==, 3);
  g_assert_cmpuint (info.n_rows, ==, 2);
  g_assert_true (cm_timeline_painter_get_mark_rect (painter, &view, m0, &a));
  g_assert_true (cm_timeline_painter_get_mark_rect (painter, &view, m1, &b));
  g_assert_cmpfloat (fabs (a.x - b.x), <, 0.01);
  g_assert_cmpfloat (fabs (a.y - b.y), >=, a.height);
  marks_clear (&m);
}

static void
test_hit_testing (void)
{
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  g_autoptr(CmTimelineIndex) index = NULL;
  CmTimelineView view;
  CmTimelineRect r, axis, plot;
  CmTimelineHit hit;
  Marks m;
  guint point, band;
  double x;

  marks_init (&m);
  point = add_day (&m, 2022, 3, 10, 0);
  band = marks_add (&m, date (2022, 5, 1), date (2022, 6, 1), CM_MARK_BAND, 1);
  for (int i = 0; i < 5000; i++)
    add_day (&m, 2022, 1 + i % 12, 1 + i % 28, 2);
  index = marks_index (&m, 3, TRUE);
  cm_timeline_painter_set_index (painter, index);
  cm_timeline_view_init (&view, 1000, 300);
  cm_timeline_view_fit (&view, (double) date (2022, 1, 1), (double) date (2023, 1, 1));

  g_assert_true (cm_timeline_painter_get_mark_rect (painter, &view, point, &r));
  g_assert_true (cm_timeline_painter_hit_test (painter, &view, r.x + r.width / 2, r.y + r.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, CM_TIMELINE_HIT_MARK);
  g_assert_cmpuint (hit.mark, ==, point);
  g_assert_cmpint (hit.lane, ==, 0);

  g_assert_true (cm_timeline_painter_get_mark_rect (painter, &view, band, &r));
  g_assert_true (cm_timeline_painter_hit_test (painter, &view, r.x + r.width / 3, r.y + r.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, CM_TIMELINE_HIT_MARK);
  g_assert_cmpuint (hit.mark, ==, band);

  /* Empty lane space. */
  g_assert_true (cm_timeline_painter_hit_test (painter, &view, r.x - 50, r.y + r.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, CM_TIMELINE_HIT_LANE);

  /* The dense lane is binned: a bin with counts and a readable period. */
  {
    CmTimelineLaneInfo info;
    g_autofree char *text = NULL;

    g_assert_true (cm_timeline_painter_get_lane_info (painter, &view, 2, &info));
    g_assert_true (info.aggregated);
    x = cm_timeline_painter_time_to_x (painter, &view, (double) date (2022, 3, 10) + 43200);
    g_assert_true (cm_timeline_painter_hit_test (painter, &view, x, info.rect.y + info.rect.height - 6, &hit));
    g_assert_cmpint (hit.kind, ==, CM_TIMELINE_HIT_BIN);
    g_assert_cmpint (hit.lane, ==, 2);
    g_assert_cmpuint (hit.bin_count, >, 0);
    g_assert_cmpint (hit.bin_start, <=, date (2022, 3, 10));
    g_assert_cmpint (hit.bin_end, >, date (2022, 3, 10));
    text = cm_timeline_painter_describe_bin (painter, &hit);
    g_assert_nonnull (text);
    g_assert_true (strstr (text, "2022") != NULL);
  }

  /* The axis band, then the brush handles and the playhead on it. */
  cm_timeline_painter_get_axis_rect (painter, &view, &axis);
  cm_timeline_painter_get_plot_rect (painter, &view, &plot);
  g_assert_cmpfloat (axis.y + axis.height, <=, plot.y);
  g_assert_true (cm_timeline_painter_hit_test (painter, &view, axis.x + 100, axis.y + axis.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, CM_TIMELINE_HIT_AXIS);
  g_assert_cmpfloat (fabs (hit.time - cm_timeline_painter_x_to_time (painter, &view, axis.x + 100)), <, 1);

  view.has_brush = TRUE;
  view.brush_start = (double) date (2022, 4, 1);
  view.brush_end = (double) date (2022, 7, 1);
  x = cm_timeline_painter_time_to_x (painter, &view, view.brush_start);
  g_assert_true (cm_timeline_painter_hit_test (painter, &view, x + 2, axis.y + axis.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, CM_TIMELINE_HIT_BRUSH_START);
  x = cm_timeline_painter_time_to_x (painter, &view, view.brush_end);
  g_assert_true (cm_timeline_painter_hit_test (painter, &view, x - 3, axis.y + axis.height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, CM_TIMELINE_HIT_BRUSH_END);

  view.has_playhead = TRUE;
  view.playhead = (double) date (2022, 10, 1);
  x = cm_timeline_painter_time_to_x (painter, &view, view.playhead);
  g_assert_true (cm_timeline_painter_hit_test (painter, &view, x, axis.y + 3, &hit));
  g_assert_cmpint (hit.kind, ==, CM_TIMELINE_HIT_PLAYHEAD);

  marks_clear (&m);
}

static void
test_view_maths (void)
{
  CmTimelineView view;
  double anchor, frac, a, b;

  cm_timeline_view_init (&view, 1000, 300);
  cm_timeline_view_set_range (&view, (double) date (2020, 1, 1), (double) date (2024, 1, 1));

  /* Zooming keeps the anchor at the same fraction of the view. */
  anchor = (double) date (2021, 3, 1);
  frac = (anchor - view.t0) / (view.t1 - view.t0);
  cm_timeline_view_zoom (&view, 2.0, anchor);
  g_assert_cmpfloat (fabs ((anchor - view.t0) / (view.t1 - view.t0) - frac), <, 1e-9);
  g_assert_cmpfloat (fabs ((view.t1 - view.t0) - (date (2024, 1, 1) - date (2020, 1, 1)) / 2.0), <, 1);

  /* Limits: never below an hour, never above ten thousand years. */
  for (int i = 0; i < 100; i++)
    cm_timeline_view_zoom (&view, 4.0, anchor);
  g_assert_cmpfloat (view.t1 - view.t0, ==, CM_TIMELINE_MIN_SPAN);
  for (int i = 0; i < 100; i++)
    cm_timeline_view_zoom (&view, 0.25, anchor);
  g_assert_cmpfloat (view.t1 - view.t0, <=, CM_TIMELINE_MAX_SPAN);
  g_assert_cmpfloat (view.t0, >=, (double) CM_TIME_MIN);
  g_assert_cmpfloat (view.t1, <=, (double) CM_TIME_MAX);

  /* Fit: all marks at one instant still shows an hour around it. */
  cm_timeline_view_fit (&view, (double) date (2022, 1, 11), (double) date (2022, 1, 11));
  g_assert_cmpfloat (view.t1 - view.t0, >=, CM_TIMELINE_MIN_SPAN);
  g_assert_cmpfloat (view.t0, <, (double) date (2022, 1, 11));
  g_assert_cmpfloat (view.t1, >, (double) date (2022, 1, 11));

  /* Panning stops at the calendar's ends. */
  cm_timeline_view_set_range (&view, (double) date (2, 1, 1), (double) date (12, 1, 1));
  cm_timeline_view_pan (&view, -1e12);
  g_assert_cmpfloat (view.t0, ==, (double) CM_TIME_MIN);
  g_assert_cmpfloat (fabs (view.t1 - view.t0 - (date (12, 1, 1) - date (2, 1, 1))), <, 1);

  /* Brush maths: ordering, clamping, overlap semantics. */
  a = (double) date (2022, 6, 1);
  b = (double) date (2022, 3, 1);
  cm_timeline_brush_normalize (&a, &b);
  g_assert_cmpfloat (a, ==, (double) date (2022, 3, 1));
  g_assert_cmpfloat (b, ==, (double) date (2022, 6, 1));
  a = -1e15;
  b = 1e15;
  cm_timeline_brush_normalize (&a, &b);
  g_assert_cmpfloat (a, ==, (double) CM_TIME_MIN);
  g_assert_cmpfloat (b, ==, (double) CM_TIME_MAX);
  /* A month band touched by the brush is in it; a day just outside is not. */
  g_assert_true (cm_timeline_brush_contains ((double) date (2021, 11, 20), (double) date (2022, 1, 1),
                                             (double) date (2021, 11, 1), (double) date (2021, 12, 1)));
  g_assert_false (cm_timeline_brush_contains ((double) date (2022, 1, 1), (double) date (2022, 2, 1),
                                              (double) date (2021, 12, 31), (double) date (2022, 1, 1)));
  g_assert_true (cm_timeline_brush_contains ((double) date (2022, 1, 1), (double) date (2022, 2, 1),
                                             (double) date (2022, 1, 1), (double) date (2022, 1, 1)));
}

/* Any size, any window, even at the ends of the calendar or with marks
 * there: no crash, no sanitizer report, hit testing answers everywhere. */
/* Every mark once in its group's arrays, each array sorted: checked on an
 * index large enough to be built and regrouped on two threads. */
static guint
assert_group_consistent (const CmIndexGroup *group,
                         Marks              *m,
                         const guint8       *flags,
                         guint8             *seen)
{
  for (guint i = 0; i < group->n; i++)
    {
      guint32 mark = group->by_start[i].mark;

      g_assert_cmpuint (mark, <, m->start->len);
      g_assert_cmpint (group->by_start[i].start, ==, g_array_index (m->start, gint64, mark));
      g_assert_cmpint (group->by_start[i].end, ==, g_array_index (m->end, gint64, mark));
      g_assert_cmpuint (group->lane, ==, g_array_index (m->lane, guint16, mark));
      g_assert_cmpint (group->dimmed, ==, (flags[mark] & CM_MARK_FLAG_DIMMED) != 0);
      g_assert_cmpuint (seen[mark] & 1, ==, 0);
      seen[mark] |= 1;
      g_assert_cmpuint (seen[group->by_anchor[i].mark] & 2, ==, 0);
      seen[group->by_anchor[i].mark] |= 2;
      if (i > 0)
        {
          g_assert_cmpint (group->by_start[i - 1].start, <=, group->by_start[i].start);
          g_assert_cmpint (group->ends[i - 1], <=, group->ends[i]);
          g_assert_cmpint (group->by_anchor[i - 1].time, <=, group->by_anchor[i].time);
        }
    }
  return group->n;
}

static void
assert_groups_consistent (CmTimelineIndex *index,
                          Marks           *m,
                          const guint8    *flags)
{
  guint n = m->start->len, total = 0;
  g_autofree guint8 *seen = g_new0 (guint8, n);

  for (guint lane = 0; lane < cm_timeline_index_get_n_lanes (index); lane++)
    {
      guint n_groups;
      const CmIndexGroup *groups = cm_timeline_index_get_groups (index, lane, &n_groups);

      for (guint g = 0; g < n_groups; g++)
        total += assert_group_consistent (&groups[g], m, flags, seen);
    }
  g_assert_cmpuint (total, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (seen[i], ==, 3);
}

static void
test_large_index (void)
{
  g_autoptr(CmTimelineIndex) index = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autofree guint8 *flags = NULL;
  Marks m;
  guint n = 200000;

  marks_init (&m);
  for (guint i = 0; i < n; i++)
    {
      gint64 t = date (2015, 1, 1) + (gint64) g_rand_int_range (rand, 0, 3000) * DAY;
      CmMarkKind kind = (CmMarkKind) g_rand_int_range (rand, 0, 3);
      gint64 len = kind == CM_MARK_POINT ? DAY : DAY * g_rand_int_range (rand, 1, 400);

      marks_add (&m, t, t + len, kind, (guint) g_rand_int_range (rand, 0, 3));
    }
  flags = g_new0 (guint8, n);
  index = marks_index (&m, 3, TRUE);
  assert_groups_consistent (index, &m, flags);

  for (guint i = 0; i < n; i++)
    flags[i] = g_rand_boolean (rand) ? CM_MARK_FLAG_DIMMED : 0;
  cm_timeline_index_set_flags (index, flags);
  assert_groups_consistent (index, &m, flags);
  marks_clear (&m);
}

/* The groups against the plain computation: each is exactly the marks of
 * one (lane, colour, length class, dimmed state), in (key, mark) order,
 * its ends sorted, its longest mark its max_length; in each lane the
 * dimmed groups come first. */
static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
assert_groups_exact (CmTimelineIndex *index,
                     Marks           *m,
                     const guint8    *flags)
{
  guint n = m->start->len, total = 0;
  g_autoptr(GHashTable) keys = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *key_store = g_new (gint64, n + 1);
  guint n_keys = 0;

  for (guint lane = 0; lane < cm_timeline_index_get_n_lanes (index); lane++)
    {
      guint n_groups;
      const CmIndexGroup *groups = cm_timeline_index_get_groups (index, lane, &n_groups);
      gboolean seen_shown = FALSE;

      for (guint gi = 0; gi < n_groups; gi++)
        {
          const CmIndexGroup *g = &groups[gi];
          g_autofree gint64 *ends = g_new (gint64, MAX (g->n, 1));
          gint64 longest = 0;

          g_assert_cmpuint (g->n, >, 0);
          /* Dimmed first. */
          g_assert_false (g->dimmed && seen_shown);
          seen_shown |= !g->dimmed;
          key_store[n_keys] = ((gint64) g->color << 40) | ((gint64) g->klass << 32) | ((gint64) lane << 1) | g->dimmed;
          g_assert_false (g_hash_table_contains (keys, &key_store[n_keys]));
          g_hash_table_add (keys, &key_store[n_keys++]);
          for (guint i = 0; i < g->n; i++)
            {
              guint32 mark = g->by_start[i].mark;
              gint64 s = g_array_index (m->start, gint64, mark), e = g_array_index (m->end, gint64, mark);
              guint klass = 0;

              for (gint64 len = e - s; len > 1; len >>= 1)
                klass++;
              g_assert_cmpuint (g->color, ==, g_array_index (m->color, guint16, mark));
              g_assert_cmpuint (g->klass, ==, klass);
              g_assert_cmpint (g->dimmed, ==, (flags[mark] & CM_MARK_FLAG_DIMMED) != 0);
              g_assert_cmpuint ((flags[g->by_anchor[i].mark] & CM_MARK_FLAG_DIMMED) != 0, ==, g->dimmed);
              g_assert_cmpuint (g->lane, ==, g_array_index (m->lane, guint16, g->by_anchor[i].mark));
              g_assert_cmpuint (g->color, ==, g_array_index (m->color, guint16, g->by_anchor[i].mark));
              longest = MAX (longest, e - s);
              ends[i] = e;
              if (i > 0)
                {
                  const CmIndexEntry *p = &g->by_start[i - 1];
                  const CmIndexAnchor *q = &g->by_anchor[i - 1];

                  g_assert_true (p->start < g->by_start[i].start
                                 || (p->start == g->by_start[i].start && p->mark < mark));
                  g_assert_true (q->time < g->by_anchor[i].time
                                 || (q->time == g->by_anchor[i].time && q->mark < g->by_anchor[i].mark));
                }
            }
          g_assert_cmpint (g->max_length, ==, longest);
          qsort (ends, g->n, sizeof (gint64), compare_gint64);
          for (guint i = 0; i < g->n; i++)
            g_assert_cmpint (g->ends[i], ==, ends[i]);
          total += g->n;
        }
    }
  g_assert_cmpuint (total, ==, n);
  assert_groups_consistent (index, m, flags);
}

/* Dimming by colour (as unchecking categories does) keeps every group
 * whole; a search cuts them: either way, and back, the groups are those
 * of the plain computation. Lanes here hold several colours, as lanes by
 * place do. */
static void
test_regroup (void)
{
  g_autoptr(CmTimelineIndex) index = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  Marks m;
  guint n = 90000;
  g_autofree guint8 *dimmed = g_new0 (guint8, n);
  g_autofree guint8 *flags = g_new0 (guint8, n);

  marks_init (&m);
  for (guint i = 0; i < n; i++)
    {
      /* Days, months and spans, with ties. */
      gint64 t = date (2015, 1, 1) + (gint64) g_rand_int_range (rand, 0, 900) * DAY;
      CmMarkKind kind = (CmMarkKind) g_rand_int_range (rand, 0, 3);
      gint64 len = kind == CM_MARK_POINT ? DAY : kind == CM_MARK_BAND ? 30 * DAY : DAY * g_rand_int_range (rand, 1, 400);
      guint k = marks_add (&m, t, t + len, kind, (guint) g_rand_int_range (rand, 0, 3));

      g_array_index (m.color, guint16, k) = (guint16) g_rand_int_range (rand, 0, 3);
    }
  index = marks_index (&m, 3, TRUE);
  assert_groups_exact (index, &m, flags);
  for (guint round = 0; round < 8; round++)
    {
      for (guint i = 0; i < n; i++)
        {
          guint color = g_array_index (m.color, guint16, i);

          switch (round % 4)
            {
            case 0: dimmed[i] = g_rand_int_range (rand, 0, 100) < 40; break;   /* a search */
            case 1: dimmed[i] = color == round % 3; break;                       /* a category */
            case 2: dimmed[i] = 0; break;                                         /* cleared */
            default: dimmed[i] = color != 1 || g_rand_int_range (rand, 0, 100) < 2; break;
            }
          flags[i] = dimmed[i] ? CM_MARK_FLAG_DIMMED : 0;
        }
      cm_timeline_index_set_dimmed (index, dimmed);
      assert_groups_exact (index, &m, flags);
    }
  /* Everything dimmed, through the flags. */
  memset (flags, CM_MARK_FLAG_DIMMED, n);
  cm_timeline_index_set_flags (index, flags);
  assert_groups_exact (index, &m, flags);
  marks_clear (&m);
}

static void
test_random_views (void)
{
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  g_autoptr(CmTimelineIndex) index = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (99);
  Marks m;

  marks_init (&m);
  for (int i = 0; i < 3000; i++)
    {
      gint64 t = (gint64) g_rand_double_range (rand, (double) CM_TIME_MIN, (double) CM_TIME_MAX - 1e9);
      gint64 len = (gint64) g_rand_double_range (rand, 0, 1e9);

      marks_add (&m, t, t + len, (CmMarkKind) g_rand_int_range (rand, 0, 3), (guint) g_rand_int_range (rand, 0, 3));
    }
  /* An empty timeline still has an axis. */
  {
    CmTimelineView view;
    CmTimelineHit hit;

    cm_timeline_view_init (&view, 300, 120);
    cairo_surface_destroy (render (painter, &view));
    g_assert_false (cm_timeline_painter_hit_test (painter, &view, 150, 100, &hit)
                    && hit.kind == CM_TIMELINE_HIT_MARK);
  }
  marks_add (&m, CM_TIME_MIN, CM_TIME_MIN, CM_MARK_POINT, 0);
  marks_add (&m, CM_TIME_MAX - 1, CM_TIME_MAX, CM_MARK_POINT, 1);
  marks_add (&m, CM_TIME_MIN, CM_TIME_MAX, CM_MARK_SPAN, 2);
  index = marks_index (&m, 3, TRUE);
  cm_timeline_painter_set_index (painter, index);

  for (int i = 0; i < 60; i++)
    {
      CmTimelineView view;
      cairo_surface_t *surface;
      double span = exp (g_rand_double_range (rand, log (CM_TIMELINE_MIN_SPAN), log (CM_TIMELINE_MAX_SPAN)));
      double centre = g_rand_double_range (rand, (double) CM_TIME_MIN, (double) CM_TIME_MAX);
      CmTimelineHit hit;

      cm_timeline_view_init (&view, g_rand_int_range (rand, 1, 1400), g_rand_int_range (rand, 1, 500));
      cm_timeline_view_set_range (&view, centre - span / 2, centre + span / 2);
      view.lane_scroll = g_rand_int_range (rand, 0, 3) == 0 ? g_rand_double_range (rand, 0, 200) : 0;
      view.now = centre;
      view.has_brush = g_rand_boolean (rand);
      view.brush_start = centre - span / 4;
      view.brush_end = centre + span / 8;
      view.has_playhead = g_rand_boolean (rand);
      view.playhead = centre;
      view.hover_mark = g_rand_int_range (rand, -1, (int) m.start->len);
      view.focus_mark = g_rand_int_range (rand, -1, (int) m.start->len);
      view.hover_lane = g_rand_int_range (rand, -1, 3);
      view.hover_time = centre;
      surface = render (painter, &view);
      cairo_surface_destroy (surface);
      for (int j = 0; j < 20; j++)
        cm_timeline_painter_hit_test (painter, &view, g_rand_double_range (rand, -10, view.width + 10),
                                      g_rand_double_range (rand, -10, view.height + 10), &hit);
    }
  marks_clear (&m);
}

/* A small fixed data set in three lanes, in all three kinds. */
static CmTimelineIndex *
golden_index (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  CmTimelineIndex *index;
  guint8 *flags;
  Marks m;

  marks_init (&m);
  for (int i = 0; i < 40; i++)
    add_day (&m, 2021 + i / 20, 1 + g_rand_int_range (rand, 0, 12), 1 + g_rand_int_range (rand, 0, 28), 0);
  for (int i = 0; i < 1500; i++)
    add_day (&m, 2021 + g_rand_int_range (rand, 0, 2), 1 + g_rand_int_range (rand, 0, 12),
             1 + g_rand_int_range (rand, 0, 28), 1);
  marks_add (&m, date (2021, 11, 1), date (2021, 12, 1), CM_MARK_BAND, 2);
  marks_add (&m, date (2022, 1, 1), date (2023, 1, 1), CM_MARK_BAND, 2);
  marks_add (&m, date (2021, 3, 15), date (2021, 7, 2), CM_MARK_SPAN, 2);
  add_day (&m, 2022, 1, 11, 2);
  add_day (&m, 2021, 5, 20, 2);
  add_day (&m, 2021, 5, 21, 2);
  add_day (&m, 2021, 5, 21, 2);
  index = marks_index (&m, 3, TRUE);
  flags = g_new0 (guint8, m.start->len);
  flags[3] = CM_MARK_FLAG_SELECTED;
  flags[m.start->len - 1] = CM_MARK_FLAG_SELECTED;
  for (guint i = 40; i < 1540; i += 4)
    flags[i] = CM_MARK_FLAG_DIMMED;
  cm_timeline_index_set_flags (index, flags);
  g_free (flags);
  marks_clear (&m);
  return index;
}

static void
check_golden (cairo_surface_t *surface,
              const char      *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "golden", name, NULL);
  cairo_surface_t *expected;
  int w, h, stride, bad = 0, worst = 0;
  const guint8 *a, *b;

  if (g_strcmp0 (g_getenv ("CM_UPDATE_GOLDEN"), "1") == 0)
    {
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("updated %s", path);
      return;
    }

  expected = cairo_image_surface_create_from_png (path);
  if (cairo_surface_status (expected) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (expected);
      g_test_fail_printf ("cannot read %s; run with CM_UPDATE_GOLDEN=1 to create it", path);
      return;
    }
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  g_assert_cmpint (cairo_image_surface_get_width (expected), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (expected), ==, h);
  cairo_surface_flush (surface);
  a = cairo_image_surface_get_data (surface);
  b = cairo_image_surface_get_data (expected);
  stride = cairo_image_surface_get_stride (surface);
  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (expected));

  /* Text antialiasing may move by a level or two between library builds:
   * allow a small difference per channel, and a few stray pixels. */
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w * 4; x++)
      {
        int d = abs ((int) a[y * stride + x] - (int) b[y * stride + x]);

        worst = MAX (worst, d);
        if (d > 24)
          bad++;
      }
  cairo_surface_destroy (expected);
  if (bad > w * h / 500)
    {
      g_autofree char *actual = g_strdup_printf ("%s/actual-%s", g_get_tmp_dir (), name);

      cairo_surface_write_to_png (surface, actual);
      g_test_fail_printf ("%s: %d channels differ by more than 24 (worst %d); see %s",
                          name, bad, worst, actual);
    }
}

static void
test_golden (gconstpointer data)
{
  const char *variant = data;
  gboolean dark = strstr (variant, "dark") != NULL;
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  g_autoptr(CmTimelineIndex) index = golden_index ();
  g_autofree char *name = g_strdup_printf ("timeline-%s.png", variant);
  CmPaintStyle style;
  CmTimelineView view;
  cairo_surface_t *surface;

  cm_paint_style_init (&style, dark);
  cm_timeline_painter_set_style (painter, &style);
  cm_timeline_painter_set_language (painter, strstr (variant, "zh") ? CM_LABEL_LANGUAGE_LOCAL : CM_LABEL_LANGUAGE_ENGLISH);
  cm_timeline_painter_set_index (painter, index);
  cm_timeline_view_init (&view, 720, 260);
  cm_timeline_view_fit (&view, (double) date (2021, 1, 1), (double) date (2023, 1, 1));
  view.now = (double) date (2022, 8, 15);
  view.has_brush = TRUE;
  view.brush_start = (double) date (2021, 4, 1);
  view.brush_end = (double) date (2021, 6, 15);
  view.has_playhead = TRUE;
  view.playhead = (double) date (2022, 10, 1);
  surface = render (painter, &view);
  check_golden (surface, name);
  cairo_surface_destroy (surface);
}

/* Counts grouped as the locale says, whatever it says. */
static void
test_format_count (void)
{
  const struct { guint64 n; const char *sep, *grouping, *out; } cases[] = {
    { 100000, ",", "\3", "100,000" },
    { 1234567, ".", "\3", "1.234.567" },
    { 999, ",", "\3", "999" },
    { 1000, ",", "\3", "1,000" },
    { 0, ",", "\3", "0" },
    { 123456789, ",", "\3\2", "12,34,56,789" },     /* Indian grouping */
    { 1234567, "\xe2\x80\xaf", "\3", "1\xe2\x80\xaf" "234\xe2\x80\xaf" "567" }, /* narrow no-break space */
    { 1234567, "", "\3", "1234567" },                /* the C locale */
    { 1234567, ",", "", "1234567" },
    { 1234567, ",", "\3\x7f", "1234,567" },          /* CHAR_MAX: no more grouping */
    { G_MAXUINT64, ",", "\3", "18,446,744,073,709,551,615" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = cm_format_count_grouped (cases[i].n, cases[i].sep, cases[i].grouping);

      g_assert_cmpstr (got, ==, cases[i].out);
    }
  /* The tests run in the C locale: no grouping at all. */
  {
    g_autofree char *plain = cm_format_count (100000);

    g_assert_cmpstr (plain, ==, "100000");
  }
}

/* One match among forty thousand dimmed marks: its bin is a one-count
 * sliver beside bins of dozens, yet it must show as a block the eye
 * finds (at least 3 × 3 pixels of its colour). */
static void
test_lone_match_visible (void)
{
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  g_autoptr(CmTimelineIndex) index = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree guint8 *flags = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 160);
  cairo_t *cr = cairo_create (surface);
  CmTimelineView view;
  CmTimelineLaneInfo info;
  int x0 = G_MAXINT, x1 = -1, y0 = G_MAXINT, y1 = -1;
  Marks m;

  marks_init (&m);
  for (int i = 0; i < 40000; i++)
    add_day (&m, 2019, 1, 1 + g_rand_int_range (rand, 0, 6 * 365), 0);
  flags = g_new (guint8, m.start->len);
  memset (flags, CM_MARK_FLAG_DIMMED, m.start->len);
  flags[123] = 0;
  index = marks_index (&m, 1, TRUE);
  cm_timeline_index_set_flags (index, flags);
  cm_timeline_painter_set_index (painter, index);
  cm_timeline_view_init (&view, 1600, 160);
  cm_timeline_view_set_range (&view, (double) date (2019, 1, 1), (double) date (2025, 1, 1));
  g_assert_true (cm_timeline_painter_get_lane_info (painter, &view, 0, &info));
  g_assert_true (info.aggregated);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cm_timeline_painter_paint (painter, cr, &view);
  /* The lane only: the legend below has a swatch of the colour. */
  for (int y = (int) info.rect.y; y < (int) (info.rect.y + info.rect.height); y++)
    for (int x = (int) info.rect.x; x < (int) (info.rect.x + info.rect.width); x++)
      {
        double r, g, b;

        pixel_at (surface, x, y, &r, &g, &b);
        if (fabs (r - blue.r) + fabs (g - blue.g) + fabs (b - blue.b) < 0.25)
          {
            x0 = MIN (x0, x);
            x1 = MAX (x1, x);
            y0 = MIN (y0, y);
            y1 = MAX (y1, y);
          }
      }
  g_assert_cmpint (x1, >=, 0);
  g_assert_cmpint (x1 - x0 + 1, >=, 3);
  g_assert_cmpint (y1 - y0 + 1, >=, 3);
  /* One block, not a smear along the lane. */
  g_assert_cmpint (x1 - x0 + 1, <=, 8);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  marks_clear (&m);
}

/* A figure cannot scroll: with whole lanes, histogram lanes shrink to fit
 * where they can, no lane is cut by the plot's bottom, and those that do
 * not fit are counted; a window's view keeps its taller lanes and cuts the
 * last one. */
static void
test_whole_lanes (void)
{
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  g_autoptr(CmTimelineIndex) index = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  const double heights[] = { 700, 420, 260, 160 };
  Marks m;

  marks_init (&m);
  for (guint lane = 0; lane < 8; lane++)
    for (int i = 0; i < 3000; i++)
      add_day (&m, 2019, 1, 1 + g_rand_int_range (rand, 0, 6 * 365), lane);
  index = marks_index (&m, 8, FALSE);
  cm_timeline_painter_set_index (painter, index);

  for (guint h = 0; h < G_N_ELEMENTS (heights); h++)
    {
      CmTimelineView view;
      CmTimelineRect plot;
      guint shown = 0, left_out;
      gboolean cut = FALSE;

      cm_timeline_view_init (&view, 1200, heights[h]);
      cm_timeline_view_set_range (&view, (double) date (2019, 1, 1), (double) date (2025, 1, 1));
      view.whole_lanes = TRUE;
      cm_timeline_painter_get_plot_rect (painter, &view, &plot);
      left_out = cm_timeline_painter_get_lanes_left_out (painter, &view);
      for (guint lane = 0; lane < 8; lane++)
        {
          CmTimelineLaneInfo info;

          if (!cm_timeline_painter_get_lane_info (painter, &view, lane, &info))
            continue;
          shown++;
          g_assert_true (info.aggregated);
          g_assert_cmpfloat (info.rect.y + info.rect.height, <=, plot.y + plot.height + 0.01);
        }
      g_assert_cmpuint (shown + left_out, ==, 8);
      if (heights[h] >= 420)
        g_assert_cmpuint (left_out, ==, 0);
      if (heights[h] <= 160)
        g_assert_cmpuint (left_out, >, 0);

      /* The window's view of the same size: no note, and lanes past the
       * bottom scroll (the last one shown may be cut). */
      view.whole_lanes = FALSE;
      g_assert_cmpuint (cm_timeline_painter_get_lanes_left_out (painter, &view), ==, 0);
      for (guint lane = 0; lane < 8; lane++)
        {
          CmTimelineLaneInfo info;

          if (cm_timeline_painter_get_lane_info (painter, &view, lane, &info))
            cut |= info.rect.y + info.rect.height > plot.y + plot.height + 0.01;
        }
      if (heights[h] == 420)
        g_assert_true (cut);
    }
  marks_clear (&m);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline/painter/precision-bands", test_precision_bands);
  g_test_add_func ("/timeline/painter/vector-surfaces", test_vector_surfaces);
  g_test_add_func ("/timeline/painter/aggregation-counts", test_aggregation_counts);
  g_test_add_func ("/timeline/painter/stacking", test_stacking);
  g_test_add_func ("/timeline/painter/lone-match-visible", test_lone_match_visible);
  g_test_add_func ("/timeline/painter/whole-lanes", test_whole_lanes);
  g_test_add_func ("/timeline/painter/hit-testing", test_hit_testing);
  g_test_add_func ("/timeline/painter/view-maths", test_view_maths);
  g_test_add_func ("/timeline/painter/random-views", test_random_views);
  g_test_add_func ("/timeline/index/large", test_large_index);
  g_test_add_func ("/timeline/index/regroup", test_regroup);
  g_test_add_data_func ("/timeline/painter/golden/light-en", "light-en", test_golden);
  g_test_add_data_func ("/timeline/painter/golden/dark-zh", "dark-zh", test_golden);

  g_test_add_func ("/painter/format-count", test_format_count);
  return g_test_run ();
}
