/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The widget test compiles this file with its own domain on the command line. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "chronomap-timeline"

#include <math.h>

#include "cm-time-ticks.h"
#include "cm-timeline-private.h"
#include "cm-widget-raster.h"
#include "cm-text.h"

/*
 * CmTimeline: the interactive timeline. It owns the view (time window,
 * brush, playhead, hover, focus) and the input; all drawing, layout and
 * hit testing are the painter's (cm-timeline-painter.c), which paints
 * each frame into an image (cm-widget-raster.c) so that screen and
 * export look the same.
 *
 * Selection is exposed as a GtkBitset of mark indices (the indices of the
 * arrays given to cm_timeline_set_data()), in the "selected-ids" property;
 * "selection-changed" is emitted after every change.
 */

enum
{
  PROP_0,
  PROP_VISIBLE_START,
  PROP_VISIBLE_END,
  PROP_HAS_BRUSH,
  PROP_BRUSH_START,
  PROP_BRUSH_END,
  PROP_PLAYHEAD,
  PROP_PLAYING,
  PROP_SPEED,
  PROP_SELECTED_IDS,
  PROP_FOCUS_MARK,
  PROP_DARK,
  PROP_PLOT_LEFT,
  PROP_PLOT_RIGHT,
  N_PROPS
};

enum
{
  SELECTION_CHANGED,
  MARK_ACTIVATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (CmTimeline, cm_timeline, GTK_TYPE_WIDGET)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* One month of data per second of wall time. */
#define DEFAULT_SPEED (30.0 * 86400.0)

static void
update_style (CmTimeline *self)
{
  CmPaintStyle style;

  /* Category colours always come from the data, the rest as the export
   * makes them: the same pixels on screen and in a file. */
  cm_widget_paint_style (GTK_WIDGET (self), self->dark, &style);
  cm_timeline_painter_set_style (self->painter, &style);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
fit_to_data (CmTimeline *self)
{
  gint64 min_time, max_time;

  if (cm_timeline_index_get_extent (cm_timeline_painter_get_index (self->painter), &min_time, &max_time))
    {
      CmTimelineView view = self->view;

      /* The limits are the data's: deep time widens them, and the next
       * dataset, within the calendar, narrows them again. The fitted
       * range is only as good as the limits it is clamped to. */
      view.min_time = view.max_time = 0;
      cm_timeline_view_fit (&view, (double) min_time, (double) max_time);
      self->view.min_time = view.min_time;
      self->view.max_time = view.max_time;
      _cm_timeline_set_range (self, view.t0, view.t1);
    }
}

/* Where playback runs: from the first mark to the last one's start, or
 * within the brush when there is one. */
static gboolean
play_range (CmTimeline *self,
            double     *from,
            double     *to)
{
  gint64 min_time = 0, max_time = 0;

  if (!cm_timeline_index_get_extent (cm_timeline_painter_get_index (self->painter), &min_time, &max_time))
    return FALSE;
  *from = (double) min_time;
  *to = (double) max_time;
  if (self->view.has_brush)
    {
      *from = self->view.brush_start;
      *to = self->view.brush_end;
    }
  return TRUE;
}

static gboolean
play_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  CmTimeline *self = CM_TIMELINE (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = self->play_last_us > 0 ? (now - self->play_last_us) / 1e6 : 0;
  double playhead, from = 0, to = 0;

  self->play_last_us = now;
  playhead = self->view.playhead + self->speed * MIN (dt, 0.25);
  /* Played to the end (of the brush, when there is one): stopped, the
   * playhead leaves, and with it the marks it stood over. */
  if (!play_range (self, &from, &to) || playhead >= to)
    {
      self->play_tick = 0;
      cm_timeline_set_playhead (self, to);
      cm_timeline_set_playing (self, FALSE);
      cm_timeline_clear_playhead (self);
      return G_SOURCE_REMOVE;
    }
  cm_timeline_set_playhead (self, playhead);

  /* Keep the playhead in view: page forward when it reaches the edge. */
  if (playhead > self->view.t1 || playhead < self->view.t0)
    {
      double span = self->view.t1 - self->view.t0;

      _cm_timeline_set_range (self, playhead - span * 0.1, playhead + span * 0.9);
    }
  return G_SOURCE_CONTINUE;
}

/* Internal API shared with cm-timeline-input.c. */

void
_cm_timeline_set_range (CmTimeline *self,
                        double      t0,
                        double      t1)
{
  double old_t0 = self->view.t0, old_t1 = self->view.t1;

  cm_timeline_view_set_range (&self->view, t0, t1);
  if (old_t0 == self->view.t0 && old_t1 == self->view.t1)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  if (old_t0 != self->view.t0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_START]);
  if (old_t1 != self->view.t1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_END]);
  g_object_thaw_notify (G_OBJECT (self));
  _cm_timeline_update_hover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
_cm_timeline_x_to_time (CmTimeline *self,
                        double      x)
{
  return cm_timeline_painter_x_to_time (self->painter, &self->view, x);
}

/* Content follows the pointer: dragging right shows earlier times. */
void
_cm_timeline_pan_pixels (CmTimeline *self,
                         double      dx)
{
  double seconds = _cm_timeline_x_to_time (self, 0) - _cm_timeline_x_to_time (self, dx);
  CmTimelineView view = self->view;

  cm_timeline_view_pan (&view, seconds);
  self->view_set_by_user = TRUE;
  _cm_timeline_set_range (self, view.t0, view.t1);
}

void
_cm_timeline_zoom_at (CmTimeline *self,
                      double      factor,
                      double      x)
{
  CmTimelineView view = self->view;

  cm_timeline_view_zoom (&view, factor, _cm_timeline_x_to_time (self, x));
  self->view_set_by_user = TRUE;
  _cm_timeline_set_range (self, view.t0, view.t1);
}

void
_cm_timeline_update_hover (CmTimeline *self)
{
  CmTimelineHit hit;
  int mark = -1, lane = -1;
  double time = 0;

  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0
      && cm_timeline_painter_hit_test (self->painter, &self->view, self->pointer_x, self->pointer_y, &hit))
    {
      if (hit.kind == CM_TIMELINE_HIT_MARK)
        mark = (int) hit.mark;
      else if (hit.kind == CM_TIMELINE_HIT_BIN)
        {
          lane = hit.lane;
          time = (double) hit.bin_start;
        }
    }
  if (mark != self->view.hover_mark || lane != self->view.hover_lane || time != self->view.hover_time)
    {
      self->view.hover_mark = mark;
      self->view.hover_lane = lane;
      self->view.hover_time = time;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
_cm_timeline_select_marks (CmTimeline  *self,
                           const guint *marks,
                           guint        n_marks,
                           gboolean     toggle)
{
  g_autoptr(GtkBitset) selection = toggle ? gtk_bitset_copy (self->selection) : gtk_bitset_new_empty ();

  for (guint i = 0; i < n_marks; i++)
    {
      if (toggle && gtk_bitset_contains (selection, marks[i]))
        gtk_bitset_remove (selection, marks[i]);
      else
        gtk_bitset_add (selection, marks[i]);
    }
  cm_timeline_set_selection (self, selection);
}

/* Moves keyboard focus to the next (@delta > 0) or previous mark in time;
 * entering from nothing starts at the first mark in view. */
void
_cm_timeline_move_focus (CmTimeline *self,
                         int         delta)
{
  CmTimelineIndex *index = cm_timeline_painter_get_index (self->painter);
  guint n = cm_timeline_index_get_n_marks (index);
  gint64 rank;

  if (n == 0)
    return;
  if (self->view.focus_mark < 0)
    rank = CLAMP ((gint64) cm_timeline_index_count_before (index, (gint64) self->view.t0) - (delta > 0 ? 0 : 1),
                  0, (gint64) n - 1);
  else
    rank = CLAMP ((gint64) cm_timeline_index_get_rank (index, (guint) self->view.focus_mark) + delta,
                  0, (gint64) n - 1);
  cm_timeline_set_focus_mark (self, (int) cm_timeline_index_get_mark_at_rank (index, (guint) rank));
}

char *
_cm_timeline_describe_mark (CmTimeline *self,
                            guint       mark)
{
  CmTimelineIndex *index = cm_timeline_painter_get_index (self->painter);
  const CmTimeLocale *locale = cm_timeline_painter_get_locale (self->painter);
  guint lane_index = cm_timeline_index_get_lane (index, mark);
  /* Cut short: the tooltip has line breaks, so GTK does not wrap it. */
  g_autofree char *lane = cm_text_shorten (cm_timeline_index_get_lane_label (index, lane_index), 40);
  g_autofree char *label = NULL;

  if (self->label_func != NULL)
    label = self->label_func (mark, self->label_data);
  if (label == NULL)
    label = cm_time_locale_format (locale, CM_TIME_FORMAT_DATE, cm_timeline_index_get_start (index, mark));
  if (lane != NULL && *lane != '\0')
    return g_strdup_printf ("%s (%s)", label, lane);
  return g_steal_pointer (&label);
}

/* Vfuncs. */

static void
cm_timeline_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 800;
    }
  else
    {
      *minimum = 140;
      *natural = 260;
    }
}

static void
cm_timeline_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  CmTimeline *self = CM_TIMELINE (widget);

  self->view.width = width;
  self->view.height = height;
}

/* Where the time axis runs, for views drawn on the same axis beside the
 * timeline: the lane labels' gutter moves its left edge. */
static void
update_plot_edges (CmTimeline *self)
{
  CmTimelineRect plot;

  cm_timeline_painter_get_plot_rect (self->painter, &self->view, &plot);
  if (plot.x != self->plot_left)
    {
      self->plot_left = plot.x;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLOT_LEFT]);
    }
  if (plot.x + plot.width != self->plot_right)
    {
      self->plot_right = plot.x + plot.width;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLOT_RIGHT]);
    }
}

void
cm_timeline_get_plot_edges (CmTimeline *self,
                            double     *left,
                            double     *right)
{
  g_return_if_fail (CM_IS_TIMELINE (self));

  if (self->view.width > 0 && self->view.height > 0)
    update_plot_edges (self);
  if (left != NULL)
    *left = self->plot_left;
  if (right != NULL)
    *right = self->plot_right;
}

static void
cm_timeline_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  CmTimeline *self = CM_TIMELINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  self->view.width = width;
  self->view.height = height;
  self->view.now = (double) (g_get_real_time () / G_USEC_PER_SEC);
  cr = cm_widget_raster_begin (width, height, gtk_widget_get_scale_factor (widget));
  cm_timeline_painter_paint (self->painter, cr, &self->view);
  cm_widget_raster_append (cr, snapshot, width, height);
  update_plot_edges (self);
}

static void
cm_timeline_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (cm_timeline_parent_class)->css_changed (widget, change);
  update_style (CM_TIMELINE (widget));
}

/* One Tab stop: Ctrl+arrows move between the marks, Tab leaves. Walking
 * 2,000 marks with Tab kept keyboard users in the timeline for good.
 * Entering takes the focus without picking a mark, so that a window
 * opening on the timeline shows no focus ring. */
static gboolean
cm_timeline_focus (GtkWidget        *widget,
                   GtkDirectionType  direction)
{
  if (gtk_widget_has_focus (widget))
    return FALSE;
  gtk_widget_grab_focus (widget);
  return TRUE;
}

static void
cm_timeline_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CmTimeline *self = CM_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_START:
      g_value_set_double (value, self->view.t0);
      break;
    case PROP_VISIBLE_END:
      g_value_set_double (value, self->view.t1);
      break;
    case PROP_HAS_BRUSH:
      g_value_set_boolean (value, cm_timeline_get_has_brush (self));
      break;
    case PROP_BRUSH_START:
      g_value_set_double (value, cm_timeline_get_brush_start (self));
      break;
    case PROP_BRUSH_END:
      g_value_set_double (value, cm_timeline_get_brush_end (self));
      break;
    case PROP_PLAYHEAD:
      g_value_set_double (value, cm_timeline_get_playhead (self));
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, cm_timeline_get_playing (self));
      break;
    case PROP_SPEED:
      g_value_set_double (value, cm_timeline_get_speed (self));
      break;
    case PROP_SELECTED_IDS:
      g_value_set_boxed (value, cm_timeline_get_selection (self));
      break;
    case PROP_FOCUS_MARK:
      g_value_set_int (value, cm_timeline_get_focus_mark (self));
      break;
    case PROP_DARK:
      g_value_set_boolean (value, cm_timeline_get_dark (self));
      break;
    case PROP_PLOT_LEFT:
      g_value_set_double (value, self->plot_left);
      break;
    case PROP_PLOT_RIGHT:
      g_value_set_double (value, self->plot_right);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_timeline_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CmTimeline *self = CM_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_START:
      cm_timeline_set_visible_range (self, g_value_get_double (value), self->view.t1);
      break;
    case PROP_VISIBLE_END:
      cm_timeline_set_visible_range (self, self->view.t0, g_value_get_double (value));
      break;
    case PROP_HAS_BRUSH:
      if (!g_value_get_boolean (value))
        cm_timeline_clear_brush (self);
      else if (!self->view.has_brush)
        cm_timeline_set_brush (self, self->view.brush_start, self->view.brush_end);
      break;
    case PROP_BRUSH_START:
      cm_timeline_set_brush (self, g_value_get_double (value),
                             self->view.has_brush ? self->view.brush_end : g_value_get_double (value));
      break;
    case PROP_BRUSH_END:
      cm_timeline_set_brush (self, self->view.has_brush ? self->view.brush_start : g_value_get_double (value),
                             g_value_get_double (value));
      break;
    case PROP_PLAYHEAD:
      cm_timeline_set_playhead (self, g_value_get_double (value));
      break;
    case PROP_PLAYING:
      cm_timeline_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_SPEED:
      cm_timeline_set_speed (self, g_value_get_double (value));
      break;
    case PROP_SELECTED_IDS:
      cm_timeline_set_selection (self, g_value_get_boxed (value));
      break;
    case PROP_FOCUS_MARK:
      cm_timeline_set_focus_mark (self, g_value_get_int (value));
      break;
    case PROP_DARK:
      cm_timeline_set_dark (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_timeline_dispose (GObject *object)
{
  CmTimeline *self = CM_TIMELINE (object);

  if (self->play_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->play_tick);
      self->play_tick = 0;
    }
  _cm_timeline_stop_kinetic (self);
  _cm_timeline_dispose_a11y (self);
  if (self->label_destroy != NULL)
    self->label_destroy (self->label_data);
  self->label_func = NULL;
  self->label_data = NULL;
  self->label_destroy = NULL;

  G_OBJECT_CLASS (cm_timeline_parent_class)->dispose (object);
}

static void
cm_timeline_finalize (GObject *object)
{
  CmTimeline *self = CM_TIMELINE (object);

  g_clear_pointer (&self->painter, cm_timeline_painter_free);
  g_clear_pointer (&self->selection, gtk_bitset_unref);

  G_OBJECT_CLASS (cm_timeline_parent_class)->finalize (object);
}

static void
cm_timeline_class_init (CmTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = cm_timeline_get_property;
  object_class->set_property = cm_timeline_set_property;
  object_class->dispose = cm_timeline_dispose;
  object_class->finalize = cm_timeline_finalize;

  widget_class->measure = cm_timeline_measure;
  widget_class->size_allocate = cm_timeline_size_allocate;
  widget_class->snapshot = cm_timeline_snapshot;
  widget_class->css_changed = cm_timeline_css_changed;
  widget_class->focus = cm_timeline_focus;

  properties[PROP_VISIBLE_START] =
    g_param_spec_double ("visible-start", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_VISIBLE_END] =
    g_param_spec_double ("visible-end", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_HAS_BRUSH] =
    g_param_spec_boolean ("has-brush", NULL, NULL, FALSE, flags);
  properties[PROP_BRUSH_START] =
    g_param_spec_double ("brush-start", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_BRUSH_END] =
    g_param_spec_double ("brush-end", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_PLAYHEAD] =
    g_param_spec_double ("playhead", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE, flags);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 1.0, 1e12, DEFAULT_SPEED, flags);
  properties[PROP_SELECTED_IDS] =
    g_param_spec_boxed ("selected-ids", NULL, NULL, GTK_TYPE_BITSET, flags);
  properties[PROP_FOCUS_MARK] =
    g_param_spec_int ("focus-mark", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE, flags);
  /* Where the time axis begins and ends in the widget, as last drawn. */
  properties[PROP_PLOT_LEFT] =
    g_param_spec_double ("plot-left", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLOT_RIGHT] =
    g_param_spec_double ("plot-right", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CmTimeline::selection-changed:
   *
   * The set of selected marks changed; read it from "selected-ids".
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CmTimeline::mark-activated:
   * @mark: the mark's index
   *
   * A mark was double-clicked, or Return was pressed on it.
   */
  signals[MARK_ACTIVATED] =
    g_signal_new ("mark-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  _cm_timeline_class_init_input (widget_class);
}

static void
cm_timeline_init (CmTimeline *self)
{
  self->painter = cm_timeline_painter_new ();
  self->selection = gtk_bitset_new_empty ();
  self->speed = DEFAULT_SPEED;
  cm_timeline_view_init (&self->view, 0, 0);
  self->view.draw_background = TRUE;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  _cm_timeline_init_input (self);
  _cm_timeline_update_description (self);
}

/* Public API. */

GtkWidget *
cm_timeline_new (void)
{
  return g_object_new (CM_TYPE_TIMELINE, NULL);
}

/**
 * cm_timeline_set_data:
 * @data: the marks; copied, so the caller keeps ownership of its arrays
 *
 * Builds the index (sorting the marks once) and shows it. Selection and
 * focus are reset; the view fits the data unless the user already moved
 * it. For very large data, build the index in a thread and use
 * cm_timeline_set_index() instead.
 */
void
cm_timeline_set_data (CmTimeline           *self,
                      const CmTimelineData *data)
{
  g_autoptr(CmTimelineIndex) index = NULL;

  g_return_if_fail (CM_IS_TIMELINE (self));
  g_return_if_fail (data != NULL);

  index = cm_timeline_index_new (data);
  cm_timeline_set_index (self, index);
}

/* @index: (nullable): shared, not copied; the widget keeps a reference and
 * may change its flags (selection, dimming). */
void
cm_timeline_set_index (CmTimeline      *self,
                       CmTimelineIndex *index)
{
  g_return_if_fail (CM_IS_TIMELINE (self));

  cm_timeline_painter_set_index (self->painter, index);
  /* Other lanes: a scroll into the old ones would hide the first of the
   * new and leave the foot blank. */
  self->view.lane_scroll = 0;
  self->view.hover_mark = -1;
  self->view.hover_lane = -1;
  self->view.focus_mark = -1;
  if (!gtk_bitset_is_empty (self->selection))
    {
      gtk_bitset_remove_all (self->selection);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_IDS]);
      g_signal_emit (self, signals[SELECTION_CHANGED], 0);
    }
  cm_timeline_index_set_selected (cm_timeline_painter_get_index (self->painter), NULL, 0);
  if (!self->view_set_by_user)
    fit_to_data (self);
  _cm_timeline_update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

CmTimelineIndex *
cm_timeline_get_index (CmTimeline *self)
{
  g_return_val_if_fail (CM_IS_TIMELINE (self), NULL);
  return cm_timeline_painter_get_index (self->painter);
}

/**
 * cm_timeline_set_label_func:
 *
 * Sets how a mark is described in its tooltip and to screen readers; the
 * app passes the date as it was written ("mid-November 2021"). Without
 * one, the mark's start date is shown.
 */
void
cm_timeline_set_label_func (CmTimeline          *self,
                            CmTimelineLabelFunc  func,
                            gpointer             user_data,
                            GDestroyNotify       destroy)
{
  g_return_if_fail (CM_IS_TIMELINE (self));

  if (self->label_destroy != NULL)
    self->label_destroy (self->label_data);
  self->label_func = func;
  self->label_data = user_data;
  self->label_destroy = destroy;
  _cm_timeline_update_description (self);
}

typedef struct
{
  GStrv labels;
  guint n;
} LabelArray;

static void
label_array_free (gpointer data)
{
  LabelArray *array = data;

  g_strfreev (array->labels);
  g_free (array);
}

static char *
array_label (guint    mark,
             gpointer user_data)
{
  LabelArray *array = user_data;

  return mark < array->n ? g_strdup (array->labels[mark]) : NULL;
}

/* @labels: (nullable): one label per mark, copied; the string-array form
 * of cm_timeline_set_label_func(). */
void
cm_timeline_set_labels (CmTimeline         *self,
                        const char * const *labels)
{
  LabelArray *array;

  g_return_if_fail (CM_IS_TIMELINE (self));

  if (labels == NULL)
    {
      cm_timeline_set_label_func (self, NULL, NULL, NULL);
      return;
    }
  array = g_new (LabelArray, 1);
  array->labels = g_strdupv ((char **) labels);
  array->n = g_strv_length (array->labels);
  cm_timeline_set_label_func (self, array_label, array, label_array_free);
}

/* @dimmed: (nullable): marks to draw as filtered out; %NULL for none. */
void
cm_timeline_set_dimmed (CmTimeline   *self,
                        const guint8 *dimmed)
{
  g_return_if_fail (CM_IS_TIMELINE (self));

  cm_timeline_index_set_dimmed (cm_timeline_painter_get_index (self->painter), dimmed);
  cm_timeline_painter_invalidate (self->painter);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* See cm_timeline_painter_set_language(). */
void
cm_timeline_set_language (CmTimeline      *self,
                          CmLabelLanguage  language)
{
  g_return_if_fail (CM_IS_TIMELINE (self));

  cm_timeline_painter_set_language (self->painter, language);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cm_timeline_get_visible_range (CmTimeline *self,
                               double     *start,
                               double     *end)
{
  g_return_if_fail (CM_IS_TIMELINE (self));

  if (start)
    *start = self->view.t0;
  if (end)
    *end = self->view.t1;
}

/* Clamped to the zoom limits (one hour to ten thousand years). */
void
cm_timeline_set_visible_range (CmTimeline *self,
                               double      start,
                               double      end)
{
  g_return_if_fail (CM_IS_TIMELINE (self));

  self->view_set_by_user = TRUE;
  _cm_timeline_set_range (self, start, end);
}

/* Zooms around the centre; > 1 zooms in. */
void
cm_timeline_zoom (CmTimeline *self,
                  double      factor)
{
  CmTimelineView view;

  g_return_if_fail (CM_IS_TIMELINE (self));
  g_return_if_fail (factor > 0);

  view = self->view;
  cm_timeline_view_zoom (&view, factor, (view.t0 + view.t1) / 2);
  self->view_set_by_user = TRUE;
  _cm_timeline_set_range (self, view.t0, view.t1);
}

void
cm_timeline_fit (CmTimeline *self)
{
  g_return_if_fail (CM_IS_TIMELINE (self));

  self->view_set_by_user = FALSE;
  fit_to_data (self);
}

gboolean
cm_timeline_get_has_brush (CmTimeline *self)
{
  g_return_val_if_fail (CM_IS_TIMELINE (self), FALSE);
  return self->view.has_brush;
}

double
cm_timeline_get_brush_start (CmTimeline *self)
{
  g_return_val_if_fail (CM_IS_TIMELINE (self), 0);
  return self->view.brush_start;
}

double
cm_timeline_get_brush_end (CmTimeline *self)
{
  g_return_val_if_fail (CM_IS_TIMELINE (self), 0);
  return self->view.brush_end;
}

/* The brush is [start, end); the ends are swapped when given backwards. */
void
cm_timeline_set_brush (CmTimeline *self,
                       double      start,
                       double      end)
{
  gboolean had;

  g_return_if_fail (CM_IS_TIMELINE (self));

  cm_timeline_brush_normalize (&start, &end);
  had = self->view.has_brush;
  if (had && start == self->view.brush_start && end == self->view.brush_end)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->view.has_brush = TRUE;
  if (!had)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_BRUSH]);
  if (start != self->view.brush_start)
    {
      self->view.brush_start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRUSH_START]);
    }
  if (end != self->view.brush_end)
    {
      self->view.brush_end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BRUSH_END]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cm_timeline_clear_brush (CmTimeline *self)
{
  g_return_if_fail (CM_IS_TIMELINE (self));

  if (!self->view.has_brush)
    return;
  self->view.has_brush = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_BRUSH]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
cm_timeline_get_playhead (CmTimeline *self)
{
  g_return_val_if_fail (CM_IS_TIMELINE (self), 0);
  return self->view.playhead;
}

/* Setting the playhead shows it; it stays shown from then on. */
void
cm_timeline_set_playhead (CmTimeline *self,
                          double      playhead)
{
  gboolean shown;

  g_return_if_fail (CM_IS_TIMELINE (self));

  playhead = CLAMP (playhead, (double) CM_TIME_MIN, (double) CM_TIME_MAX);
  shown = self->view.has_playhead;
  self->view.has_playhead = TRUE;
  if (playhead == self->view.playhead)
    {
      if (!shown)
        _cm_timeline_update_description (self);
      return;
    }
  self->view.playhead = playhead;
  _cm_timeline_describe_change (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYHEAD]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
cm_timeline_get_has_playhead (CmTimeline *self)
{
  g_return_val_if_fail (CM_IS_TIMELINE (self), FALSE);
  return self->view.has_playhead;
}

void
cm_timeline_clear_playhead (CmTimeline *self)
{
  g_return_if_fail (CM_IS_TIMELINE (self));

  if (!self->view.has_playhead)
    return;
  self->view.has_playhead = FALSE;
  _cm_timeline_update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYHEAD]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
cm_timeline_get_playing (CmTimeline *self)
{
  g_return_val_if_fail (CM_IS_TIMELINE (self), FALSE);
  return self->playing;
}

/* Starting play from a playhead outside the data, or outside the brush
 * when there is one (or never set) starts at the brush, or at the first
 * mark. */
void
cm_timeline_set_playing (CmTimeline *self,
                         gboolean    playing)
{
  double from = 0, to = 0;

  g_return_if_fail (CM_IS_TIMELINE (self));

  playing = !!playing;
  if (playing == self->playing)
    return;
  if (playing && !play_range (self, &from, &to))
    return;

  self->playing = playing;
  if (playing)
    {
      if (!self->view.has_playhead || self->view.playhead < from || self->view.playhead >= to)
        cm_timeline_set_playhead (self, from);
      self->play_last_us = 0;
      self->play_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), play_tick_cb, NULL, NULL);
    }
  else if (self->play_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->play_tick);
      self->play_tick = 0;
    }
  _cm_timeline_describe_change (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

double
cm_timeline_get_speed (CmTimeline *self)
{
  g_return_val_if_fail (CM_IS_TIMELINE (self), DEFAULT_SPEED);
  return self->speed;
}

/* Seconds of data time per second of wall time. */
void
cm_timeline_set_speed (CmTimeline *self,
                       double      speed)
{
  g_return_if_fail (CM_IS_TIMELINE (self));

  speed = CLAMP (speed, 1.0, 1e12);
  if (speed == self->speed)
    return;
  self->speed = speed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

/* Returns: (transfer none): the selected mark indices; do not modify. */
GtkBitset *
cm_timeline_get_selection (CmTimeline *self)
{
  g_return_val_if_fail (CM_IS_TIMELINE (self), NULL);
  return self->selection;
}

/* @selection: (nullable): copied; %NULL clears the selection. */
void
cm_timeline_set_selection (CmTimeline *self,
                           GtkBitset  *selection)
{
  CmTimelineIndex *index;
  g_autoptr(GtkBitset) copy = NULL;
  g_autofree guint *marks = NULL;
  GtkBitsetIter iter;
  guint mark, n = 0, n_marks;

  g_return_if_fail (CM_IS_TIMELINE (self));

  index = cm_timeline_painter_get_index (self->painter);
  n_marks = cm_timeline_index_get_n_marks (index);
  copy = selection != NULL ? gtk_bitset_copy (selection) : gtk_bitset_new_empty ();
  if (n_marks < G_MAXUINT)
    gtk_bitset_remove_range_closed (copy, n_marks, G_MAXUINT);
  if (gtk_bitset_equals (copy, self->selection))
    return;

  marks = g_new (guint, MAX (gtk_bitset_get_size (copy), 1));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, copy, &mark); ok;
       ok = gtk_bitset_iter_next (&iter, &mark))
    marks[n++] = mark;
  cm_timeline_index_set_selected (index, marks, n);
  cm_timeline_painter_invalidate (self->painter);

  g_clear_pointer (&self->selection, gtk_bitset_unref);
  self->selection = g_steal_pointer (&copy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_IDS]);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
cm_timeline_get_focus_mark (CmTimeline *self)
{
  g_return_val_if_fail (CM_IS_TIMELINE (self), -1);
  return self->view.focus_mark;
}

/* Moves the keyboard focus ring to @mark (-1 for none), scrolling it into
 * view, and describes it to assistive technologies. */
void
cm_timeline_set_focus_mark (CmTimeline *self,
                            int         mark)
{
  CmTimelineIndex *index;

  g_return_if_fail (CM_IS_TIMELINE (self));

  index = cm_timeline_painter_get_index (self->painter);
  if (mark >= (int) cm_timeline_index_get_n_marks (index))
    mark = -1;
  if (mark == self->view.focus_mark)
    return;
  self->view.focus_mark = mark;
  if (mark >= 0)
    {
      double anchor = (double) cm_timeline_index_get_anchor (index, (guint) mark);
      double span = self->view.t1 - self->view.t0;

      if (anchor < self->view.t0 || anchor > self->view.t1)
        _cm_timeline_set_range (self, anchor - span / 2, anchor + span / 2);
    }
  _cm_timeline_describe_change (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_MARK]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
cm_timeline_get_dark (CmTimeline *self)
{
  g_return_val_if_fail (CM_IS_TIMELINE (self), FALSE);
  return self->dark;
}

/* Bind AdwStyleManager:dark to this; it also sets the "dark" CSS class. */
void
cm_timeline_set_dark (CmTimeline *self,
                      gboolean    dark)
{
  g_return_if_fail (CM_IS_TIMELINE (self));

  dark = !!dark;
  if (dark == self->dark)
    return;
  self->dark = dark;
  if (dark)
    gtk_widget_add_css_class (GTK_WIDGET (self), "dark");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dark");
  update_style (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

CmTimelinePainter *
_cm_timeline_get_painter (CmTimeline *self)
{
  return self->painter;
}

const CmTimelineView *
_cm_timeline_get_view (CmTimeline *self)
{
  return &self->view;
}

void
cm_timeline_set_title_func (CmTimeline          *self,
                            CmTimelineLabelFunc  func,
                            gpointer             user_data,
                            GDestroyNotify       destroy)
{
  g_return_if_fail (CM_IS_TIMELINE (self));

  cm_timeline_painter_set_label_func (self->painter, func, user_data, destroy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
