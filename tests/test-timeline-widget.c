/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-test"

#include <math.h>

#include <gtk/gtk.h>

#include "cm-time-ticks.h"
#include "cm-timeline-private.h"

#define DAY ((gint64) 86400)

typedef struct
{
  GtkWidget  *window;
  CmTimeline *timeline;
  gint64      min_time;
  gint64      max_time;
  guint       n_marks;
  guint       selection_changes;
  guint       brush_notifies;
  guint       activated;
  const char *seen_description;
} Fixture;

static char *
label_func (guint    mark,
            gpointer user_data)
{
  return g_strdup_printf ("mark %u", mark);
}

static void
count_selection (CmTimeline *timeline,
                 Fixture    *fixture)
{
  fixture->selection_changes++;
}

static void
count_brush (GObject    *object,
             GParamSpec *pspec,
             Fixture    *fixture)
{
  fixture->brush_notifies++;
}

static void
count_activated (CmTimeline *timeline,
                 guint       mark,
                 Fixture    *fixture)
{
  fixture->activated++;
}

static void
wait_for (gboolean (*done) (Fixture *),
          Fixture  *fixture,
          guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (!done (fixture) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
is_allocated (Fixture *fixture)
{
  return gtk_widget_get_width (GTK_WIDGET (fixture->timeline)) > 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char * const lanes[] = { "Policy", "Industry", "Events" };
  CmRgba palette[3];
  g_autofree gint64 *start = NULL;
  g_autofree gint64 *end = NULL;
  g_autofree guint8 *kind = NULL;
  g_autofree guint16 *lane = NULL;
  CmTimelineData d = { 0 };
  guint n = 0;

  cm_rgba_from_rgb24 (&palette[0], 0x0072b2);
  cm_rgba_from_rgb24 (&palette[1], 0xe69f00);
  cm_rgba_from_rgb24 (&palette[2], 0x009e73);

  /* A sparse lane (marks drawn one by one), a dense lane (binned), and a
   * lane with a month band and a span. */
  start = g_new (gint64, 2000);
  end = g_new (gint64, 2000);
  kind = g_new0 (guint8, 2000);
  lane = g_new0 (guint16, 2000);
  for (int i = 0; i < 24; i++, n++)
    {
      start[n] = cm_time_from_civil (2021, 1 + i / 2, 5 + 12 * (i % 2), 0, 0, 0);
      end[n] = start[n] + DAY;
      lane[n] = 0;
    }
  for (int i = 0; i < 1500; i++, n++)
    {
      start[n] = cm_time_from_civil (2021, 1, 1, 0, 0, 0) + DAY * ((i * 7919) % 730);
      end[n] = start[n] + DAY;
      lane[n] = 1;
    }
  start[n] = cm_time_from_civil (2021, 11, 1, 0, 0, 0);
  end[n] = cm_time_from_civil (2021, 12, 1, 0, 0, 0);
  kind[n] = CM_MARK_BAND;
  lane[n++] = 2;
  start[n] = cm_time_from_civil (2022, 3, 1, 0, 0, 0);
  end[n] = cm_time_from_civil (2022, 6, 1, 0, 0, 0);
  kind[n] = CM_MARK_SPAN;
  lane[n++] = 2;

  d.n_marks = n;
  d.start = start;
  d.end = end;
  d.kind = kind;
  d.lane = lane;
  d.color = lane;
  d.n_lanes = 3;
  d.lane_labels = lanes;
  d.n_colors = 3;
  d.palette = palette;
  d.color_labels = lanes;

  fixture->n_marks = n;
  fixture->min_time = cm_time_from_civil (2021, 1, 1, 0, 0, 0);
  fixture->max_time = cm_time_from_civil (2023, 1, 1, 0, 0, 0);
  fixture->window = gtk_window_new ();
  fixture->timeline = CM_TIMELINE (cm_timeline_new ());
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 320);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->timeline));
  cm_timeline_set_language (fixture->timeline, CM_LABEL_LANGUAGE_ENGLISH);
  cm_timeline_set_data (fixture->timeline, &d);
  cm_timeline_set_label_func (fixture->timeline, label_func, NULL, NULL);
  g_signal_connect (fixture->timeline, "selection-changed", G_CALLBACK (count_selection), fixture);
  g_signal_connect (fixture->timeline, "notify::has-brush", G_CALLBACK (count_brush), fixture);
  g_signal_connect (fixture->timeline, "mark-activated", G_CALLBACK (count_activated), fixture);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for (is_allocated, fixture, 5000);
  g_assert_true (is_allocated (fixture));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static double
span_of (CmTimeline *timeline)
{
  double start, end;

  cm_timeline_get_visible_range (timeline, &start, &end);
  return end - start;
}

static void
test_zoom_pan_fit (Fixture       *fixture,
                   gconstpointer  data)
{
  CmTimeline *tl = fixture->timeline;
  double start, end, fit_start, fit_end, span, t_at;
  CmTimelineRect plot;

  /* The data fits on arrival. */
  cm_timeline_get_visible_range (tl, &fit_start, &fit_end);
  g_assert_cmpfloat (fit_start, <=, (double) fixture->min_time);
  g_assert_cmpfloat (fit_end, >=, (double) cm_time_from_civil (2022, 6, 1, 0, 0, 0));

  span = span_of (tl);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tl), "timeline.zoom-in", NULL));
  g_assert_cmpfloat (fabs (span_of (tl) - span / 2), <, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tl), "timeline.zoom-out", NULL));
  g_assert_cmpfloat (fabs (span_of (tl) - span), <, 1);

  cm_timeline_get_visible_range (tl, &start, &end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tl), "timeline.pan", "d", 0.5));
  {
    double s2, e2;

    cm_timeline_get_visible_range (tl, &s2, &e2);
    g_assert_cmpfloat (fabs (s2 - (start + span / 2)), <, 1);
    g_object_get (tl, "visible-start", &s2, NULL);
    g_assert_cmpfloat (fabs (s2 - (start + span / 2)), <, 1);
  }

  /* Zoom around the pointer (the scroll wheel's path): the time under
   * x stays under x. */
  cm_timeline_painter_get_plot_rect (_cm_timeline_get_painter (tl), _cm_timeline_get_view (tl), &plot);
  t_at = _cm_timeline_x_to_time (tl, plot.x + 200);
  _cm_timeline_zoom_at (tl, 3.0, plot.x + 200);
  g_assert_cmpfloat (fabs (_cm_timeline_x_to_time (tl, plot.x + 200) - t_at), <, 60);

  /* Limits. */
  for (int i = 0; i < 60; i++)
    gtk_widget_activate_action (GTK_WIDGET (tl), "timeline.zoom-in", NULL);
  g_assert_cmpfloat (span_of (tl), ==, CM_TIMELINE_MIN_SPAN);
  for (int i = 0; i < 80; i++)
    gtk_widget_activate_action (GTK_WIDGET (tl), "timeline.zoom-out", NULL);
  g_assert_cmpfloat (span_of (tl), <=, CM_TIMELINE_MAX_SPAN);
  g_assert_cmpfloat (span_of (tl), >, CM_TIMELINE_MAX_SPAN * 0.9);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tl), "timeline.fit", NULL));
  cm_timeline_get_visible_range (tl, &start, &end);
  g_assert_cmpfloat (start, ==, fit_start);
  g_assert_cmpfloat (end, ==, fit_end);
}

static void
test_drag_pan (Fixture       *fixture,
               gconstpointer  data)
{
  CmTimeline *tl = fixture->timeline;
  CmTimelineRect plot;
  double start, end, s2, e2;

  cm_timeline_painter_get_plot_rect (_cm_timeline_get_painter (tl), _cm_timeline_get_view (tl), &plot);
  cm_timeline_get_visible_range (tl, &start, &end);
  _cm_timeline_drag (tl, plot.x + 300, plot.y + 20, plot.x + 400, plot.y + 30);
  cm_timeline_get_visible_range (tl, &s2, &e2);
  /* Dragging right by 100 px shows earlier times by 100 px worth. */
  g_assert_cmpfloat (fabs ((start - s2) - 100 * (end - start) / plot.width), <, 1);
  g_assert_cmpfloat (fabs ((e2 - s2) - (end - start)), <, 1);
}

static void
test_brush (Fixture       *fixture,
            gconstpointer  data)
{
  CmTimeline *tl = fixture->timeline;
  CmTimelineRect axis;
  double y, t300, t350, t450, t600;
  gboolean has;

  cm_timeline_painter_get_axis_rect (_cm_timeline_get_painter (tl), _cm_timeline_get_view (tl), &axis);
  y = axis.y + axis.height / 2;
  t300 = _cm_timeline_x_to_time (tl, axis.x + 300);
  t350 = _cm_timeline_x_to_time (tl, axis.x + 350);
  t450 = _cm_timeline_x_to_time (tl, axis.x + 450);
  t600 = _cm_timeline_x_to_time (tl, axis.x + 600);

  /* Drag on the axis band: a new brush, backwards is fine. */
  _cm_timeline_drag (tl, axis.x + 450, y, axis.x + 300, y);
  g_object_get (tl, "has-brush", &has, NULL);
  g_assert_true (has);
  g_assert_cmpuint (fixture->brush_notifies, ==, 1);
  g_assert_cmpfloat (fabs (cm_timeline_get_brush_start (tl) - t300), <, 1);
  g_assert_cmpfloat (fabs (cm_timeline_get_brush_end (tl) - t450), <, 1);

  /* The end handle resizes it. */
  _cm_timeline_drag (tl, axis.x + 450, y, axis.x + 600, y);
  g_assert_cmpfloat (fabs (cm_timeline_get_brush_start (tl) - t300), <, 1);
  g_assert_cmpfloat (fabs (cm_timeline_get_brush_end (tl) - t600), <, 1);

  /* The body moves it. */
  _cm_timeline_drag (tl, axis.x + 400, y, axis.x + 450, y);
  g_assert_cmpfloat (fabs (cm_timeline_get_brush_start (tl) - t350), <, 1);
  g_assert_cmpfloat (fabs ((cm_timeline_get_brush_end (tl) - cm_timeline_get_brush_start (tl)) - (t600 - t300)), <, 1);

  /* Esc clears it; a property pair sets it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tl), "timeline.escape", NULL));
  g_assert_false (cm_timeline_get_has_brush (tl));
  g_assert_cmpuint (fixture->brush_notifies, ==, 2);
  g_object_set (tl, "brush-start", (double) fixture->min_time, "brush-end", (double) fixture->max_time, NULL);
  g_assert_true (cm_timeline_get_has_brush (tl));
  g_assert_cmpfloat (cm_timeline_get_brush_end (tl), ==, (double) fixture->max_time);
  g_object_set (tl, "has-brush", FALSE, NULL);
  g_assert_false (cm_timeline_get_has_brush (tl));
}

static void
test_selection (Fixture       *fixture,
                gconstpointer  data)
{
  CmTimeline *tl = fixture->timeline;
  CmTimelinePainter *painter = _cm_timeline_get_painter (tl);
  CmTimelineRect a, b, dense;
  CmTimelineLaneInfo info;
  g_autoptr(GtkBitset) ids = NULL;

  g_assert_true (cm_timeline_painter_get_mark_rect (painter, _cm_timeline_get_view (tl), 3, &a));
  g_assert_true (cm_timeline_painter_get_mark_rect (painter, _cm_timeline_get_view (tl), 10, &b));

  _cm_timeline_click (tl, a.x + a.width / 2, a.y + a.height / 2, 0);
  g_assert_cmpuint (fixture->selection_changes, ==, 1);
  g_object_get (tl, "selected-ids", &ids, NULL);
  g_assert_cmpuint (gtk_bitset_get_size (ids), ==, 1);
  g_assert_true (gtk_bitset_contains (ids, 3));
  g_assert_cmpint (cm_timeline_get_focus_mark (tl), ==, 3);

  /* Ctrl-click adds. */
  _cm_timeline_click (tl, b.x + b.width / 2, b.y + b.height / 2, GDK_CONTROL_MASK);
  g_assert_cmpuint (fixture->selection_changes, ==, 2);
  g_assert_cmpuint (gtk_bitset_get_size (cm_timeline_get_selection (tl)), ==, 2);

  /* A click on a bin selects what it counts. */
  g_assert_true (cm_timeline_painter_get_lane_info (painter, _cm_timeline_get_view (tl), 1, &info));
  g_assert_true (info.aggregated);
  dense = info.rect;
  _cm_timeline_click (tl, dense.x + dense.width / 2, dense.y + dense.height - 5, 0);
  g_assert_cmpuint (fixture->selection_changes, ==, 3);
  g_assert_cmpuint (gtk_bitset_get_size (cm_timeline_get_selection (tl)), >, 0);
  g_assert_cmpuint (gtk_bitset_get_minimum (cm_timeline_get_selection (tl)), >=, 24);

  /* A click on empty space clears it. */
  _cm_timeline_click (tl, a.x + a.width / 2 + 40, a.y + a.height / 2, 0);
  g_assert_cmpuint (fixture->selection_changes, ==, 4);
  g_assert_true (gtk_bitset_is_empty (cm_timeline_get_selection (tl)));

  /* Setting the same selection again emits nothing. */
  cm_timeline_set_selection (tl, NULL);
  g_assert_cmpuint (fixture->selection_changes, ==, 4);
}

/* Tooltips and screen readers get the app's label for a mark. */
static void
test_labels (Fixture       *fixture,
             gconstpointer  data)
{
  CmTimeline *tl = fixture->timeline;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *from_func = _cm_timeline_describe_mark (tl, 3);
  g_autofree char *from_array = NULL;
  g_autofree char *fallback = NULL;

  g_assert_cmpstr (from_func, ==, "mark 3 (Policy)");
  for (guint i = 0; i < fixture->n_marks; i++)
    g_ptr_array_add (labels, g_strdup_printf ("written %u", i));
  g_ptr_array_add (labels, NULL);
  cm_timeline_set_labels (tl, (const char * const *) labels->pdata);
  from_array = _cm_timeline_describe_mark (tl, fixture->n_marks - 1);
  g_assert_cmpstr (from_array, ==, "written 1525 (Events)");
  cm_timeline_set_labels (tl, NULL);
  fallback = _cm_timeline_describe_mark (tl, 0);
  g_assert_cmpstr (fallback, ==, "5 Jan 2021 (Policy)");
}

static void
test_focus_marks (Fixture       *fixture,
                  gconstpointer  data)
{
  CmTimeline *tl = fixture->timeline;
  CmTimelineIndex *index = cm_timeline_get_index (tl);
  int first, second;

  g_assert_cmpint (cm_timeline_get_focus_mark (tl), ==, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tl), "timeline.focus-next", NULL));
  first = cm_timeline_get_focus_mark (tl);
  g_assert_cmpint (first, >=, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tl), "timeline.focus-next", NULL));
  second = cm_timeline_get_focus_mark (tl);
  g_assert_cmpuint (cm_timeline_index_get_rank (index, (guint) second), ==,
                    cm_timeline_index_get_rank (index, (guint) first) + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tl), "timeline.focus-previous", NULL));
  g_assert_cmpint (cm_timeline_get_focus_mark (tl), ==, first);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tl), "timeline.select-focus", NULL));
  g_assert_true (gtk_bitset_contains (cm_timeline_get_selection (tl), (guint) first));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tl), "timeline.activate-focus", NULL));
  g_assert_cmpuint (fixture->activated, ==, 1);

  /* The timeline is one Tab stop (issue #19): Tab enters it and leaves
   * it, keeping the focused mark; Ctrl+arrows move between marks. */
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_widget_grab_focus (GTK_WIDGET (tl));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (tl)));
  g_assert_false (gtk_widget_child_focus (GTK_WIDGET (tl), GTK_DIR_TAB_FORWARD));
  g_assert_false (gtk_widget_child_focus (GTK_WIDGET (tl), GTK_DIR_TAB_BACKWARD));
  g_assert_cmpint (cm_timeline_get_focus_mark (tl), ==, first);
}

static gboolean
has_advanced (Fixture *fixture)
{
  return cm_timeline_get_playhead (fixture->timeline)
         > (double) fixture->min_time + 5 * DAY;
}

static gboolean
has_stopped (Fixture *fixture)
{
  return !cm_timeline_get_playing (fixture->timeline);
}

static void
test_play (Fixture       *fixture,
           gconstpointer  data)
{
  CmTimeline *tl = fixture->timeline;
  gboolean playing;

  cm_timeline_set_speed (tl, 30 * DAY);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tl), "timeline.play", NULL));
  g_object_get (tl, "playing", &playing, NULL);
  g_assert_true (playing);
  /* Playing starts at the first mark and advances with the frame clock. */
  g_assert_cmpfloat (cm_timeline_get_playhead (tl), <, (double) fixture->min_time + 5 * DAY);
  wait_for (has_advanced, fixture, 5000);
  g_assert_true (has_advanced (fixture));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (tl), "timeline.play", NULL));
  g_assert_false (cm_timeline_get_playing (tl));

  /* It stops by itself at the end of the data. */
  cm_timeline_set_playhead (tl, (double) fixture->max_time - 40 * DAY);
  g_object_set (tl, "speed", 365.0 * DAY, "playing", TRUE, NULL);
  wait_for (has_stopped, fixture, 5000);
  g_assert_false (cm_timeline_get_playing (tl));
  g_assert_cmpfloat (cm_timeline_get_playhead (tl), ==, (double) fixture->max_time);
  /* And leaves: no playhead over the last marks. */
  g_assert_false (cm_timeline_get_has_playhead (tl));
}

static gboolean
description_changed (Fixture *fixture)
{
  return g_strcmp0 (_cm_timeline_get_description (fixture->timeline), fixture->seen_description) != 0;
}

/* The description follows the playhead while it plays (issue #19), at
 * most every half second: a screen reader reads each change. */
static void
test_play_description (Fixture       *fixture,
                       gconstpointer  data)
{
  CmTimeline *tl = fixture->timeline;
  g_autofree char *first = NULL;
  g_autofree char *playhead_only = NULL;
  const char *now;
  double jan = (double) cm_time_from_civil (2021, 1, 10, 0, 0, 0);
  gint64 start;

  g_assert_true (g_str_has_prefix (_cm_timeline_get_description (tl), "1526 marks"));
  cm_timeline_set_playhead (tl, jan);
  g_assert_cmpstr (_cm_timeline_get_description (tl), ==, "Playhead at 10 Jan 2021. 1526 marks");

  /* Speed 0: only the calls below move the playhead. Playing is told
   * once the main loop turns, with what else changed in the same turn. */
  cm_timeline_set_speed (tl, 0);
  cm_timeline_set_playing (tl, TRUE);
  cm_timeline_set_playhead (tl, jan + DAY);
  g_assert_cmpstr (_cm_timeline_get_description (tl), ==, "Playhead at 10 Jan 2021. 1526 marks");
  /* A copy: the widget frees its description when it changes. */
  playhead_only = g_strdup (_cm_timeline_get_description (tl));
  fixture->seen_description = playhead_only;
  wait_for (description_changed, fixture, 5000);
  g_assert_cmpstr (_cm_timeline_get_description (tl), ==, "Playing, 11 Jan 2021. 1526 marks");
  /* A hundred moves at once: told once, the latest, after half a second. */
  for (int day = 2; day <= 100; day++)
    cm_timeline_set_playhead (tl, jan + day * DAY);
  first = g_strdup (_cm_timeline_get_description (tl));
  g_assert_cmpstr (first, ==, "Playing, 11 Jan 2021. 1526 marks");
  start = tl->described_us;
  fixture->seen_description = first;
  wait_for (description_changed, fixture, 5000);
  now = _cm_timeline_get_description (tl);
  g_assert_cmpstr (now, ==, "Playing, 20 Apr 2021. 1526 marks");
  g_assert_cmpint (tl->described_us - start, >=, 500 * G_TIME_SPAN_MILLISECOND);

  /* A focus moved by playback waits its turn too, and stopping is told at once. */
  cm_timeline_set_focus_mark (tl, 3);
  g_assert_cmpstr (_cm_timeline_get_description (tl), ==, now);
  cm_timeline_set_playing (tl, FALSE);
  g_assert_true (g_str_has_prefix (_cm_timeline_get_description (tl), "Playhead at 20 Apr 2021. Mark "));
  g_assert_true (g_str_has_suffix (_cm_timeline_get_description (tl), " of 1526: mark 3 (Policy)"));
  cm_timeline_clear_playhead (tl);
  g_assert_true (g_str_has_prefix (_cm_timeline_get_description (tl), "Mark "));
}

static void
test_dark_and_render (Fixture       *fixture,
                      gconstpointer  data)
{
  CmTimeline *tl = fixture->timeline;
  GtkWidget *widget = GTK_WIDGET (tl);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  const char *shot = g_getenv ("CM_TIMELINE_SCREENSHOT");
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autofree guchar *pixels = NULL;
  guint distinct = 0;
  guint32 first = 0;

  g_object_set (tl, "dark", TRUE, NULL);
  g_assert_true (gtk_widget_has_css_class (widget, "dark"));
  cm_timeline_set_brush (tl, (double) cm_time_from_civil (2021, 4, 1, 0, 0, 0),
                         (double) cm_time_from_civil (2021, 7, 1, 0, 0, 0));

  /* The widget draws through the painter: render it and look for ink. */
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fixture->window)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  pixels = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, pixels, (gsize) w * 4);
  for (int i = 0; i < w * h; i += 97)
    {
      guint32 p = ((guint32 *) (gpointer) pixels)[i];

      if (i == 0)
        first = p;
      else if (p != first)
        distinct++;
    }
  g_assert_cmpuint (distinct, >, 50);
  if (shot != NULL)
    gdk_texture_save_to_png (texture, shot);

  g_object_set (tl, "dark", FALSE, NULL);
  g_assert_false (gtk_widget_has_css_class (widget, "dark"));
}

/* Deep time fits too: a cosmological timeline from the Big Bang to 3501 BC
 * shows all its marks, and a calendar dataset after it the calendar. */
static void
test_fit_deep_time (Fixture       *fixture,
                    gconstpointer  data)
{
  const gint64 year = 31556952;
  gint64 start[3] = { -G_GINT64_CONSTANT (13800000000) * year, -G_GINT64_CONSTANT (4600000000) * year,
                      cm_time_from_civil (-3500, 1, 1, 0, 0, 0) };
  gint64 end[3] = { start[0] + year, start[1] + year, start[2] + year };
  guint16 lane[3] = { 0, 0, 0 };
  CmTimelineData d = { 0 };
  double t0, t1;

  d.n_marks = 3;
  d.start = start;
  d.end = end;
  d.lane = lane;
  d.color = lane;
  d.n_lanes = 1;
  d.n_colors = 1;
  /* Scrolled down the old lanes: the new ones start at the top. */
  fixture->timeline->view.lane_scroll = 120;
  cm_timeline_set_data (fixture->timeline, &d);
  g_assert_cmpfloat (fixture->timeline->view.lane_scroll, ==, 0);
  cm_timeline_fit (fixture->timeline);
  cm_timeline_get_visible_range (fixture->timeline, &t0, &t1);
  g_assert_cmpfloat (t0, <=, (double) start[0]);
  g_assert_cmpfloat (t1, >=, (double) end[2]);

  start[0] = cm_time_from_civil (2021, 1, 1, 0, 0, 0);
  start[1] = cm_time_from_civil (2021, 6, 1, 0, 0, 0);
  start[2] = cm_time_from_civil (2022, 1, 1, 0, 0, 0);
  for (guint i = 0; i < 3; i++)
    end[i] = start[i] + DAY;
  cm_timeline_set_data (fixture->timeline, &d);
  cm_timeline_fit (fixture->timeline);
  cm_timeline_get_visible_range (fixture->timeline, &t0, &t1);
  g_assert_cmpfloat (t0, <=, (double) start[0]);
  g_assert_cmpfloat (t0, >, (double) cm_time_from_civil (2020, 1, 1, 0, 0, 0));
  g_assert_cmpfloat (t1, <, (double) cm_time_from_civil (2023, 1, 1, 0, 0, 0));
  /* Zooming out stops at the calendar again, not at the Big Bang. */
  for (int i = 0; i < 60; i++)
    cm_timeline_zoom (fixture->timeline, 0.25);
  cm_timeline_get_visible_range (fixture->timeline, &t0, &t1);
  g_assert_cmpfloat (t0, >=, (double) CM_TIME_MIN);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/timeline/widget/zoom-pan-fit", Fixture, NULL, fixture_set_up, test_zoom_pan_fit, fixture_tear_down);
  g_test_add ("/timeline/widget/fit-deep-time", Fixture, NULL, fixture_set_up, test_fit_deep_time, fixture_tear_down);
  g_test_add ("/timeline/widget/drag-pan", Fixture, NULL, fixture_set_up, test_drag_pan, fixture_tear_down);
  g_test_add ("/timeline/widget/brush", Fixture, NULL, fixture_set_up, test_brush, fixture_tear_down);
  g_test_add ("/timeline/widget/selection", Fixture, NULL, fixture_set_up, test_selection, fixture_tear_down);
  g_test_add ("/timeline/widget/labels", Fixture, NULL, fixture_set_up, test_labels, fixture_tear_down);
  g_test_add ("/timeline/widget/focus-marks", Fixture, NULL, fixture_set_up, test_focus_marks, fixture_tear_down);
  g_test_add ("/timeline/widget/play", Fixture, NULL, fixture_set_up, test_play, fixture_tear_down);
  g_test_add ("/timeline/widget/play-description", Fixture, NULL, fixture_set_up, test_play_description,
              fixture_tear_down);
  g_test_add ("/timeline/widget/dark-and-render", Fixture, NULL, fixture_set_up, test_dark_and_render, fixture_tear_down);

  return g_test_run ();
}
