/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "cm-timeline-painter.h"

/* The timeline's layout as a report figure needs it, and the window gets
 * with it: lanes as high as their content, marks centred in their rows,
 * labels beside few marks that never overlap, and a count axis on a
 * histogram lane. Painters only, no display. */

#define DAY 86400

static const CmRgba palette[3] = { { 0.0, 0.447, 0.698, 1 }, { 0.902, 0.624, 0.0, 1 }, { 0.0, 0.62, 0.451, 1 } };
static const char * const lane_labels[] = { "Sparse", "Dense", "Single" };

typedef struct
{
  GArray *start, *end, *lane;
} Marks;

static void
marks_add (Marks  *m,
           gint64  start,
           gint64  end,
           guint   lane)
{
  guint16 l = (guint16) lane;

  g_array_append_val (m->start, start);
  g_array_append_val (m->end, end);
  g_array_append_val (m->lane, l);
}

/* Three lanes: a few marks, many (a histogram), one. */
static CmTimelineIndex *
make_index (guint n_dense)
{
  Marks m = { g_array_new (FALSE, FALSE, sizeof (gint64)), g_array_new (FALSE, FALSE, sizeof (gint64)),
              g_array_new (FALSE, FALSE, sizeof (guint16)) };
  gint64 t0 = cm_time_from_civil (2022, 1, 1, 0, 0, 0);
  CmTimelineData data = { 0 };
  CmTimelineIndex *index;

  for (int i = 0; i < 4; i++)
    marks_add (&m, t0 + (10 + i * 10) * DAY, t0 + (11 + i * 10) * DAY, 0);
  for (guint i = 0; i < n_dense; i++)
    marks_add (&m, t0 + (i % 360) * DAY, t0 + (i % 360 + 1) * DAY, 1);
  marks_add (&m, t0 + 200 * DAY, t0 + 201 * DAY, 2);
  data.n_marks = m.start->len;
  data.start = (const gint64 *) (gpointer) m.start->data;
  data.end = (const gint64 *) (gpointer) m.end->data;
  data.lane = (const guint16 *) (gpointer) m.lane->data;
  data.color = (const guint16 *) (gpointer) m.lane->data;
  data.n_lanes = 3;
  data.lane_labels = lane_labels;
  data.n_colors = 3;
  data.palette = palette;
  data.color_labels = lane_labels;
  index = cm_timeline_index_new (&data);
  g_array_unref (m.start);
  g_array_unref (m.end);
  g_array_unref (m.lane);
  return index;
}

static void
view_year (CmTimelineView *view,
           double          width,
           double          height)
{
  cm_timeline_view_init (view, width, height);
  view->now = NAN;
  cm_timeline_view_set_range (view, (double) cm_time_from_civil (2022, 1, 1, 0, 0, 0),
                              (double) cm_time_from_civil (2023, 1, 1, 0, 0, 0));
}

static char *
label_of (guint    mark,
          gpointer user_data)
{
  return g_strdup_printf ("Announcement number %u", mark);
}

/* A lane of a few marks is as high as its rows, not a third of the plot;
 * the histogram lane takes what is left. */
static void
test_fitted_lanes (void)
{
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  g_autoptr(CmTimelineIndex) index = make_index (5000);
  CmTimelineView view;
  CmTimelineLaneInfo sparse, dense, single;
  CmTimelineRect plot;

  cm_timeline_painter_set_index (painter, index);
  view_year (&view, 1000, 600);
  cm_timeline_painter_get_plot_rect (painter, &view, &plot);
  g_assert_true (cm_timeline_painter_get_lane_info (painter, &view, 0, &sparse));
  g_assert_true (cm_timeline_painter_get_lane_info (painter, &view, 1, &dense));
  g_assert_true (cm_timeline_painter_get_lane_info (painter, &view, 2, &single));
  g_assert_false (sparse.aggregated);
  g_assert_true (dense.aggregated);
  g_assert_false (single.aggregated);
  g_assert_cmpfloat (sparse.rect.height, <=, 40);
  g_assert_cmpfloat (single.rect.height, <=, 40);
  g_assert_cmpfloat (dense.rect.height, >, sparse.rect.height);
  /* One after the other, from the top of the plot. */
  g_assert_cmpfloat (fabs (sparse.rect.y - plot.y), <, 0.01);
  g_assert_cmpfloat (fabs (dense.rect.y - (sparse.rect.y + sparse.rect.height)), <, 0.01);
  g_assert_cmpfloat (cm_timeline_painter_get_content_height (painter, &view), <=, plot.height + 0.01);
}

/* A single row of marks sits in the middle of its lane, not on its floor. */
static void
test_marks_centred (void)
{
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  g_autoptr(CmTimelineIndex) index = make_index (5000);
  CmTimelineView view;
  CmTimelineLaneInfo single;
  CmTimelineRect mark;
  guint last = cm_timeline_index_get_n_marks (index) - 1;

  cm_timeline_painter_set_index (painter, index);
  view_year (&view, 1000, 600);
  g_assert_true (cm_timeline_painter_get_lane_info (painter, &view, 2, &single));
  g_assert_true (cm_timeline_painter_get_mark_rect (painter, &view, last, &mark));
  g_assert_cmpfloat (fabs ((mark.y + mark.height / 2) - (single.rect.y + single.rect.height / 2)), <, 1);
}

/* Few marks carry labels, and no two marks with their labels overlap; a
 * dense frame carries none. */
static void
test_labels (void)
{
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  g_autoptr(CmTimelineIndex) index = make_index (0);
  g_autoptr(CmTimelineIndex) dense = make_index (5000);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 300);
  cairo_t *cr = cairo_create (surface);
  CmTimelineView view;
  CmTimelineLaneInfo info;
  CmTimelineRect a, b;
  double with_labels;

  cm_timeline_painter_set_index (painter, index);
  view_year (&view, 800, 300);
  g_assert_true (cm_timeline_painter_get_lane_info (painter, &view, 0, &info));
  g_assert_cmpuint (info.n_rows, ==, 1);   /* the four marks fit a row */

  cm_timeline_painter_set_label_func (painter, label_of, NULL, NULL);
  cm_timeline_painter_paint (painter, cr, &view);
  g_assert_true (cm_timeline_painter_get_lane_info (painter, &view, 0, &info));
  /* Ten days apart, each label needs a row of its own. */
  g_assert_cmpuint (info.n_rows, ==, 4);
  g_assert_false (info.aggregated);
  for (guint i = 0; i < 4; i++)
    for (guint j = i + 1; j < 4; j++)
      {
        g_assert_true (cm_timeline_painter_get_mark_rect (painter, &view, i, &a));
        g_assert_true (cm_timeline_painter_get_mark_rect (painter, &view, j, &b));
        g_assert_cmpfloat (fabs (a.y - b.y), >=, a.height);
      }
  with_labels = info.rect.height;

  /* Past the limit, no labels: the rows are the bare marks' again. */
  cm_timeline_painter_set_index (painter, dense);
  g_assert_true (cm_timeline_painter_get_lane_info (painter, &view, 0, &info));
  g_assert_cmpuint (info.n_rows, ==, 1);
  g_assert_cmpfloat (info.rect.height, <, with_labels);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A histogram lane gets a count axis: its ticks are drawn against the
 * plot's left edge, in the gutter, at round counts. */
static void
test_count_axis (void)
{
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  g_autoptr(CmTimelineIndex) index = make_index (20000);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 600);
  cairo_t *cr = cairo_create (surface);
  CmTimelineView view;
  CmTimelineLaneInfo dense;
  CmTimelineRect plot;
  const guint8 *data;
  int stride, ink = 0;

  cm_timeline_painter_set_index (painter, index);
  view_year (&view, 1000, 600);
  view.draw_background = TRUE;
  cm_timeline_painter_paint (painter, cr, &view);
  cairo_surface_flush (surface);
  cm_timeline_painter_get_plot_rect (painter, &view, &plot);
  g_assert_true (cm_timeline_painter_get_lane_info (painter, &view, 1, &dense));
  g_assert_true (dense.aggregated);

  /* Tick marks: dark pixels in the 3 px just left of the plot, inside
   * the lane (the lane's name is further left). */
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = (int) dense.rect.y + 1; y < (int) (dense.rect.y + dense.rect.height) - 1; y++)
    {
      guint32 p = *(const guint32 *) (data + y * stride + ((int) plot.x - 2) * 4);

      ink += ((p >> 8) & 0xff) < 200;
    }
  g_assert_cmpint (ink, >=, 2);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/figure/timeline/fitted-lanes", test_fitted_lanes);
  g_test_add_func ("/figure/timeline/marks-centred", test_marks_centred);
  g_test_add_func ("/figure/timeline/labels", test_labels);
  g_test_add_func ("/figure/timeline/count-axis", test_count_axis);
  return g_test_run ();
}
