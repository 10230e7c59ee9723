/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The widget test compiles this file with its own domain on the command line. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "chronomap-timeline"

#include <math.h>

#include "cm-time-ticks.h"
#include "cm-timeline-private.h"

/* Input for CmTimeline: gestures, key bindings, actions and tooltips. Every
 * gesture ends in the same few internal calls (_cm_timeline_pan_pixels,
 * _cm_timeline_zoom_at, cm_timeline_set_brush...), which the tests drive. */

#define KINETIC_FRICTION  3.5    /* 1/s: how fast a flick slows down */
#define KINETIC_MIN_SPEED 15.0   /* px/s under which it stops */
#define BRUSH_MIN_DRAG    3.0    /* px before a drag on the axis brushes */

static gboolean
kinetic_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  CmTimeline *self = CM_TIMELINE (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = self->kinetic_last_us > 0 ? MIN ((now - self->kinetic_last_us) / 1e6, 0.1) : 0;

  self->kinetic_last_us = now;
  _cm_timeline_pan_pixels (self, self->velocity * dt);
  self->velocity *= exp (-KINETIC_FRICTION * dt);
  if (fabs (self->velocity) < KINETIC_MIN_SPEED)
    {
      self->kinetic_tick = 0;
      self->velocity = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_kinetic (CmTimeline *self,
               double      velocity)
{
  _cm_timeline_stop_kinetic (self);
  if (fabs (velocity) < 4 * KINETIC_MIN_SPEED)
    return;
  self->velocity = CLAMP (velocity, -8000, 8000);
  self->kinetic_last_us = 0;
  self->kinetic_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), kinetic_tick_cb, NULL, NULL);
}

void
_cm_timeline_stop_kinetic (CmTimeline *self)
{
  if (self->kinetic_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->kinetic_tick);
  self->kinetic_tick = 0;
  self->velocity = 0;
}

static void
plot_rect (CmTimeline     *self,
           CmTimelineRect *plot)
{
  cm_timeline_painter_get_plot_rect (_cm_timeline_get_painter (self), _cm_timeline_get_view (self), plot);
}

/* Drag: pans in the lanes, brushes on the axis band, resizes or moves an
 * existing brush by its handles or body, scrubs the playhead. */
static void
drag_begin_at (CmTimeline *self,
               double      x,
               double      y,
               gint64      now_us)
{
  const CmTimelineView *view = _cm_timeline_get_view (self);
  CmTimelineHit hit;

  _cm_timeline_stop_kinetic (self);
  cm_timeline_painter_hit_test (_cm_timeline_get_painter (self), view, x, y, &hit);

  switch (hit.kind)
    {
    case CM_TIMELINE_HIT_AXIS:
      self->drag_mode = view->has_brush && hit.time > view->brush_start && hit.time < view->brush_end
                        ? CM_DRAG_BRUSH_MOVE : CM_DRAG_BRUSH_NEW;
      break;
    case CM_TIMELINE_HIT_BRUSH_START:
      self->drag_mode = CM_DRAG_BRUSH_START;
      break;
    case CM_TIMELINE_HIT_BRUSH_END:
      self->drag_mode = CM_DRAG_BRUSH_END;
      break;
    case CM_TIMELINE_HIT_PLAYHEAD:
      self->drag_mode = CM_DRAG_PLAYHEAD;
      break;
    case CM_TIMELINE_HIT_NONE:
    case CM_TIMELINE_HIT_LEGEND:
      self->drag_mode = CM_DRAG_NONE;
      break;
    case CM_TIMELINE_HIT_MARK:
    case CM_TIMELINE_HIT_BIN:
    case CM_TIMELINE_HIT_LANE:
    default:
      self->drag_mode = CM_DRAG_PAN;
      break;
    }

  self->drag_x = x;
  self->drag_y = y;
  self->drag_moved = FALSE;
  self->drag_t0 = view->t0;
  self->drag_t1 = view->t1;
  self->drag_time = hit.time;
  self->drag_brush_start = view->brush_start;
  self->drag_brush_end = view->brush_end;
  self->sample_us[0] = self->sample_us[1] = now_us;
  self->sample_x[0] = self->sample_x[1] = x;
}

static void
drag_update_to (CmTimeline *self,
                double      x,
                double      y,
                gint64      now_us)
{
  double dx = x - self->drag_x;
  double t = _cm_timeline_x_to_time (self, x);
  CmTimelineRect plot;

  if (fabs (dx) >= BRUSH_MIN_DRAG || fabs (y - self->drag_y) >= BRUSH_MIN_DRAG)
    self->drag_moved = TRUE;

  switch (self->drag_mode)
    {
    case CM_DRAG_PAN:
      {
        double seconds;

        plot_rect (self, &plot);
        seconds = -dx * (self->drag_t1 - self->drag_t0) / MAX (plot.width, 1);
        cm_timeline_set_visible_range (self, self->drag_t0 + seconds, self->drag_t1 + seconds);
      }
      break;
    case CM_DRAG_BRUSH_NEW:
      if (fabs (dx) >= BRUSH_MIN_DRAG || cm_timeline_get_has_brush (self))
        {
          if (fabs (dx) >= BRUSH_MIN_DRAG)
            cm_timeline_set_brush (self, self->drag_time, t);
        }
      break;
    case CM_DRAG_BRUSH_START:
      cm_timeline_set_brush (self, t, self->drag_brush_end);
      break;
    case CM_DRAG_BRUSH_END:
      cm_timeline_set_brush (self, self->drag_brush_start, t);
      break;
    case CM_DRAG_BRUSH_MOVE:
      cm_timeline_set_brush (self, self->drag_brush_start + (t - self->drag_time),
                             self->drag_brush_end + (t - self->drag_time));
      break;
    case CM_DRAG_PLAYHEAD:
      cm_timeline_set_playhead (self, t);
      break;
    case CM_DRAG_NONE:
    default:
      break;
    }

  /* Two samples ~ the last motion, for the release velocity. */
  if (now_us - self->sample_us[1] > 8000)
    {
      self->sample_us[0] = self->sample_us[1];
      self->sample_x[0] = self->sample_x[1];
    }
  self->sample_us[1] = now_us;
  self->sample_x[1] = x;
}

static void
drag_end_at (CmTimeline *self,
             gint64      now_us)
{
  if (self->drag_mode == CM_DRAG_PAN && now_us - self->sample_us[1] < 60000
      && self->sample_us[1] > self->sample_us[0])
    start_kinetic (self, (self->sample_x[1] - self->sample_x[0])
                         / ((self->sample_us[1] - self->sample_us[0]) / 1e6));
  self->drag_mode = CM_DRAG_NONE;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               CmTimeline     *self)
{
  drag_begin_at (self, x, y, g_get_monotonic_time ());
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                CmTimeline     *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  drag_update_to (self, x + offset_x, y + offset_y, g_get_monotonic_time ());
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             CmTimeline     *self)
{
  drag_end_at (self, g_get_monotonic_time ());
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               CmTimeline       *self)
{
  const CmTimelineView *view = _cm_timeline_get_view (self);
  double x, y;

  /* A pinch takes over from the one-finger pan it started as. */
  self->drag_mode = CM_DRAG_NONE;
  _cm_timeline_stop_kinetic (self);
  if (!gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    x = view->width / 2;
  self->drag_t0 = view->t0;
  self->drag_t1 = view->t1;
  self->zoom_anchor = _cm_timeline_x_to_time (self, x);
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       CmTimeline     *self)
{
  CmTimelineView view = *_cm_timeline_get_view (self);

  if (scale <= 0)
    return;
  view.t0 = self->drag_t0;
  view.t1 = self->drag_t1;
  cm_timeline_view_zoom (&view, scale, self->zoom_anchor);
  cm_timeline_set_visible_range (self, view.t0, view.t1);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           CmTimeline               *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  CmTimelinePainter *painter = _cm_timeline_get_painter (self);
  CmTimelineView *view = (CmTimelineView *) _cm_timeline_get_view (self);
  CmTimelineRect plot;

  _cm_timeline_stop_kinetic (self);
  plot_rect (self, &plot);

  /* Over the lane names, the wheel scrolls the lanes when they overflow. */
  if (self->pointer_x < plot.x && dy != 0)
    {
      double content = cm_timeline_painter_get_content_height (painter, view);
      double scroll = CLAMP (view->lane_scroll + dy * (wheel ? 30 : 1), 0, MAX (content - plot.height, 0));

      if (scroll != view->lane_scroll)
        {
          view->lane_scroll = scroll;
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
      return TRUE;
    }

  if (state & GDK_SHIFT_MASK)
    {
      dx += dy;
      dy = 0;
    }
  if (dy != 0)
    _cm_timeline_zoom_at (self, wheel ? pow (1.25, -dy) : exp (-dy * 0.01), self->pointer_x);
  if (dx != 0)
    _cm_timeline_pan_pixels (self, -dx * (wheel ? 40 : 1));
  return TRUE;
}

static void
scroll_decelerate_cb (GtkEventControllerScroll *controller,
                      double                    vel_x,
                      double                    vel_y,
                      CmTimeline               *self)
{
  /* Only a horizontal flick coasts; vertical scrolling zooms. */
  if (fabs (vel_x) > fabs (vel_y))
    start_kinetic (self, -vel_x);
}

static void
update_cursor (CmTimeline *self)
{
  CmTimelineHit hit;
  const char *cursor = NULL;

  if (cm_timeline_painter_hit_test (_cm_timeline_get_painter (self), _cm_timeline_get_view (self),
                                    self->pointer_x, self->pointer_y, &hit))
    switch (hit.kind)
      {
      case CM_TIMELINE_HIT_BRUSH_START:
      case CM_TIMELINE_HIT_BRUSH_END:
      case CM_TIMELINE_HIT_PLAYHEAD:
        cursor = "ew-resize";
        break;
      case CM_TIMELINE_HIT_AXIS:
        cursor = "text";
        break;
      case CM_TIMELINE_HIT_MARK:
      case CM_TIMELINE_HIT_BIN:
        cursor = "pointer";
        break;
      case CM_TIMELINE_HIT_NONE:
      case CM_TIMELINE_HIT_LANE:
      case CM_TIMELINE_HIT_LEGEND:
      default:
        break;
      }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CmTimeline               *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  _cm_timeline_update_hover (self);
  update_cursor (self);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          CmTimeline               *self)
{
  self->pointer_x = -1000;
  self->pointer_y = -1000;
  _cm_timeline_update_hover (self);
}

/* Every non-dimmed mark dated inside the bin. */
static GArray *
marks_in_bin (CmTimeline          *self,
              const CmTimelineHit *hit)
{
  CmTimelineIndex *index = cm_timeline_get_index (self);
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_groups;
  const CmIndexGroup *groups = cm_timeline_index_get_groups (index, (guint) hit->lane, &n_groups);

  for (guint g = 0; g < n_groups; g++)
    {
      guint lo, hi;

      if (groups[g].dimmed)
        continue;
      lo = cm_index_anchors_lower_bound (groups[g].by_anchor, groups[g].n, hit->bin_start);
      hi = cm_index_anchors_lower_bound (groups[g].by_anchor, groups[g].n, hit->bin_end);
      for (guint i = lo; i < hi; i++)
        g_array_append_val (marks, groups[g].by_anchor[i].mark);
    }
  return marks;
}

static void
click_at (CmTimeline      *self,
          double           x,
          double           y,
          GdkModifierType  state)
{
  CmTimelineHit hit;
  gboolean toggle = (state & GDK_CONTROL_MASK) != 0;

  cm_timeline_painter_hit_test (_cm_timeline_get_painter (self), _cm_timeline_get_view (self), x, y, &hit);
  switch (hit.kind)
    {
    case CM_TIMELINE_HIT_MARK:
      _cm_timeline_select_marks (self, &hit.mark, 1, toggle);
      cm_timeline_set_focus_mark (self, (int) hit.mark);
      break;
    case CM_TIMELINE_HIT_BIN:
      {
        g_autoptr(GArray) marks = marks_in_bin (self, &hit);

        _cm_timeline_select_marks (self, (const guint *) (gpointer) marks->data, marks->len, toggle);
      }
      break;
    case CM_TIMELINE_HIT_AXIS:
      cm_timeline_set_playhead (self, hit.time);
      break;
    case CM_TIMELINE_HIT_LANE:
    case CM_TIMELINE_HIT_NONE:
      if (!toggle)
        cm_timeline_set_selection (self, NULL);
      break;
    case CM_TIMELINE_HIT_BRUSH_START:
    case CM_TIMELINE_HIT_BRUSH_END:
    case CM_TIMELINE_HIT_PLAYHEAD:
    case CM_TIMELINE_HIT_LEGEND:
    default:
      break;
    }
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   CmTimeline      *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  /* The click gesture does not always give way to a drag that moved:
   * the end of a pan or a brush is not a click. */
  if (n_press == 1 && !self->drag_moved)
    click_at (self, x, y, state);
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  CmTimeline      *self)
{
  CmTimelineHit hit;

  if (n_press != 2)
    return;
  cm_timeline_painter_hit_test (_cm_timeline_get_painter (self), _cm_timeline_get_view (self), x, y, &hit);
  if (hit.kind == CM_TIMELINE_HIT_MARK)
    g_signal_emit_by_name (self, "mark-activated", hit.mark);
  else if (hit.kind == CM_TIMELINE_HIT_BIN)
    {
      /* Double-clicking a bin opens it up. */
      double margin = (hit.bin_end - hit.bin_start) * 0.05;

      cm_timeline_set_visible_range (self, hit.bin_start - margin, hit.bin_end + margin);
    }
}

static char *
describe_bin (CmTimeline          *self,
              const CmTimelineHit *hit)
{
  g_autofree char *period = cm_timeline_painter_describe_bin (_cm_timeline_get_painter (self), hit);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%u %s, %s", hit->bin_count,
                          hit->bin_count == 1 ? "announcement" : "announcements", period);
  if (hit->bin_dimmed > 0)
    g_string_append_printf (text, "\n%u more filtered out", hit->bin_dimmed);
  if (hit->bin_spanning > 0)
    g_string_append_printf (text, "\n%u with a longer or vaguer date overlap", hit->bin_spanning);
  return g_string_free (text, FALSE);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  CmTimeline *self = CM_TIMELINE (widget);
  const CmTimelineView *view = _cm_timeline_get_view (self);
  const CmTimeLocale *locale = cm_timeline_painter_get_locale (_cm_timeline_get_painter (self));
  g_autofree char *text = NULL;
  CmTimelineHit hit;

  if (keyboard_mode)
    {
      if (view->focus_mark < 0)
        return FALSE;
      text = _cm_timeline_describe_mark (self, (guint) view->focus_mark);
    }
  else if (cm_timeline_painter_hit_test (_cm_timeline_get_painter (self), view, x, y, &hit))
    {
      switch (hit.kind)
        {
        case CM_TIMELINE_HIT_MARK:
          text = _cm_timeline_describe_mark (self, hit.mark);
          break;
        case CM_TIMELINE_HIT_BIN:
          text = describe_bin (self, &hit);
          break;
        case CM_TIMELINE_HIT_BRUSH_START:
          text = cm_time_locale_format (locale, CM_TIME_FORMAT_DATE_TIME, (gint64) view->brush_start);
          break;
        case CM_TIMELINE_HIT_BRUSH_END:
          text = cm_time_locale_format (locale, CM_TIME_FORMAT_DATE_TIME, (gint64) view->brush_end);
          break;
        case CM_TIMELINE_HIT_PLAYHEAD:
          text = cm_time_locale_format (locale, CM_TIME_FORMAT_DATE_TIME, (gint64) view->playhead);
          break;
        case CM_TIMELINE_HIT_AXIS:
        case CM_TIMELINE_HIT_LANE:
        case CM_TIMELINE_HIT_LEGEND:
        case CM_TIMELINE_HIT_NONE:
        default:
          break;
        }
    }
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Actions. */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  cm_timeline_zoom (CM_TIMELINE (widget), 2.0);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  cm_timeline_zoom (CM_TIMELINE (widget), 0.5);
}

static void
fit_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  cm_timeline_fit (CM_TIMELINE (widget));
}

/* Parameter: the fraction of the visible span to move by; > 0 is later. */
static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CmTimeline *self = CM_TIMELINE (widget);
  double start, end, fraction = g_variant_get_double (parameter);

  cm_timeline_get_visible_range (self, &start, &end);
  cm_timeline_set_visible_range (self, start + fraction * (end - start), end + fraction * (end - start));
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmTimeline *self = CM_TIMELINE (widget);

  cm_timeline_set_playing (self, !cm_timeline_get_playing (self));
}

static void
clear_brush_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cm_timeline_clear_brush (CM_TIMELINE (widget));
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  cm_timeline_set_selection (CM_TIMELINE (widget), NULL);
}

/* Esc clears the brush first, then the selection. */
static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CmTimeline *self = CM_TIMELINE (widget);

  if (cm_timeline_get_has_brush (self))
    cm_timeline_clear_brush (self);
  else
    cm_timeline_set_selection (self, NULL);
}

static void
focus_next_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _cm_timeline_move_focus (CM_TIMELINE (widget), 1);
}

static void
focus_previous_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _cm_timeline_move_focus (CM_TIMELINE (widget), -1);
}

static void
select_focus_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CmTimeline *self = CM_TIMELINE (widget);
  int mark = cm_timeline_get_focus_mark (self);

  if (mark >= 0)
    {
      guint m = (guint) mark;

      _cm_timeline_select_marks (self, &m, 1, TRUE);
    }
}

static void
activate_focus_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CmTimeline *self = CM_TIMELINE (widget);
  int mark = cm_timeline_get_focus_mark (self);

  if (mark >= 0)
    g_signal_emit_by_name (self, "mark-activated", (guint) mark);
}

void
_cm_timeline_class_init_input (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "timeline.fit", NULL, fit_action);
  gtk_widget_class_install_action (widget_class, "timeline.pan", "d", pan_action);
  gtk_widget_class_install_action (widget_class, "timeline.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "timeline.clear-brush", NULL, clear_brush_action);
  gtk_widget_class_install_action (widget_class, "timeline.clear-selection", NULL, clear_selection_action);
  gtk_widget_class_install_action (widget_class, "timeline.escape", NULL, escape_action);
  gtk_widget_class_install_action (widget_class, "timeline.focus-next", NULL, focus_next_action);
  gtk_widget_class_install_action (widget_class, "timeline.focus-previous", NULL, focus_previous_action);
  gtk_widget_class_install_action (widget_class, "timeline.select-focus", NULL, select_focus_action);
  gtk_widget_class_install_action (widget_class, "timeline.activate-focus", NULL, activate_focus_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "timeline.fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline.pan", "d", -0.1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline.pan", "d", 0.1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_CONTROL_MASK, "timeline.focus-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_CONTROL_MASK, "timeline.focus-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "timeline.escape", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "timeline.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "timeline.select-focus", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "timeline.activate-focus", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "timeline.activate-focus", NULL);
}

void
_cm_timeline_init_input (CmTimeline *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES
                                                | GTK_EVENT_CONTROLLER_SCROLL_KINETIC);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  g_signal_connect (controller, "decelerate", G_CALLBACK (scroll_decelerate_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

/* Test hooks. */

void
_cm_timeline_drag (CmTimeline *self,
                   double      x0,
                   double      y0,
                   double      x1,
                   double      y1)
{
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (CM_IS_TIMELINE (self));

  /* Slow enough (a second per step) that the release does not coast. */
  drag_begin_at (self, x0, y0, now);
  drag_update_to (self, (x0 + x1) / 2, (y0 + y1) / 2, now + G_USEC_PER_SEC);
  drag_update_to (self, x1, y1, now + 2 * G_USEC_PER_SEC);
  drag_end_at (self, now + 3 * G_USEC_PER_SEC);
}

void
_cm_timeline_click (CmTimeline      *self,
                    double           x,
                    double           y,
                    GdkModifierType  state)
{
  g_return_if_fail (CM_IS_TIMELINE (self));
  click_at (self, x, y, state);
}
