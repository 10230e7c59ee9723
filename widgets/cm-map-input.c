/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The widget test compiles this file with its own domain on the command line. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "chronomap-map"

#include <math.h>

#include "cm-map-private.h"

/* Input of CmMap: pointer, touch, wheel and keys, turned into calls on
 * the painter's view and on the selection. */

#define WHEEL_STEP G_SQRT2
/* Glide: velocity decays with this time constant (s) until it is slow. */
#define GLIDE_TAU 0.33
#define GLIDE_MIN_SPEED 30.0
#define GLIDE_MAX_SPEED 3000.0

/* Moving and gliding ------------------------------------------------------- */

static void
base_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GError) error = NULL;
  CmMap *self;

  /* Cancelled: the widget is gone. */
  if (!cm_map_painter_render_base_finish (CM_MAP_PAINTER (source), result, &error))
    return;
  self = data;
  g_clear_object (&self->base_job);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* Still resting: sharp now, or after one more layer if the zoom changed
   * while this one was drawn. Moving again: the next rest sees to it. */
  if (self->settle_id == 0)
    _cm_map_settle_cb (self);
}

gboolean
_cm_map_settle_cb (gpointer data)
{
  CmMap *self = data;
  double scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  self->settle_id = 0;
  /* The stretched layer stays on screen while the sharp one is drawn
   * off the main thread: no frame waits for 15-30 ms of fills. */
  if (!cm_map_painter_base_is_ready (self->painter, scale))
    {
      if (self->base_job == NULL)
        {
          self->base_job = g_cancellable_new ();
          cm_map_painter_render_base_async (self->painter, scale, self->base_job, base_ready_cb, self);
        }
      return G_SOURCE_REMOVE;
    }
  self->interactive = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* Mark the view as moving; a sharp frame comes CM_MAP_SETTLE_MS after the
 * last call. */
void
_cm_map_moving (CmMap *self)
{
  self->fit = FIT_NONE;
  self->interactive = TRUE;
  g_clear_handle_id (&self->settle_id, g_source_remove);
  self->settle_id = g_timeout_add (CM_MAP_SETTLE_MS, _cm_map_settle_cb, self);
}

void
_cm_map_stop_glide (CmMap *self)
{
  if (self->glide_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->glide_id);
      self->glide_id = 0;
    }
}

static gboolean
glide_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  CmMap *self = CM_MAP (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = (now - self->glide_time) / 1e6, decay;

  self->glide_time = now;
  if (dt <= 0)
    return G_SOURCE_CONTINUE;
  decay = exp (-dt / GLIDE_TAU);
  /* Distance covered under exponential decay over dt. */
  cm_map_painter_pan (self->painter, self->glide_vx * GLIDE_TAU * (1 - decay),
                      self->glide_vy * GLIDE_TAU * (1 - decay));
  self->glide_vx *= decay;
  self->glide_vy *= decay;
  _cm_map_moving (self);
  _cm_map_view_changed (self);
  if (hypot (self->glide_vx, self->glide_vy) < GLIDE_MIN_SPEED)
    {
      self->glide_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_glide (CmMap  *self,
             double  vx,
             double  vy)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  _cm_map_stop_glide (self);
  if (clock == NULL || hypot (vx, vy) < GLIDE_MIN_SPEED * 3)
    return;
  self->glide_vx = vx;
  self->glide_vy = vy;
  self->glide_time = gdk_frame_clock_get_frame_time (clock);
  self->glide_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), glide_tick, NULL, NULL);
}

/* Pointer and touch ----------------------------------------------------------- */

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CmMap                    *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->has_pointer = TRUE;
  _cm_map_update_hover (self);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          CmMap                    *self)
{
  self->has_pointer = FALSE;
  _cm_map_update_hover (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           CmMap                    *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;

  _cm_map_stop_glide (self);
  _cm_map_moving (self);
  /* A mouse wheel (or Ctrl with a touchpad) zooms about the pointer; a
   * touchpad's two-finger scroll pans, as on other maps. */
  if (wheel || (state & GDK_CONTROL_MASK))
    {
      double x = self->has_pointer ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      double y = self->has_pointer ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
      double notches = wheel ? dy : dy / 10.0;

      cm_map_painter_zoom_about (self->painter, pow (WHEEL_STEP, -notches), x, y);
    }
  else
    cm_map_painter_pan (self->painter, -dx, -dy);
  _cm_map_view_changed (self);
  _cm_map_update_hover (self);
  return GDK_EVENT_STOP;
}

static void
decelerate_cb (GtkEventControllerScroll *controller,
               double                    vx,
               double                    vy,
               CmMap                    *self)
{
  double speed = hypot (vx, vy);
  double cap = speed > GLIDE_MAX_SPEED ? GLIDE_MAX_SPEED / speed : 1.0;

  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE)
    start_glide (self, -vx * cap, -vy * cap);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               CmMap          *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  _cm_map_stop_glide (self);
  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = self->drag_dy = 0;
  self->vel_x = self->vel_y = 0;
  self->last_move = g_get_monotonic_time ();
  self->rubber_band = (state & GDK_SHIFT_MASK) != 0;
  self->band_extend = (state & GDK_CONTROL_MASK) != 0;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          ox,
                double          oy,
                CmMap          *self)
{
  gint64 now = g_get_monotonic_time ();
  double dx = ox - self->drag_dx, dy = oy - self->drag_dy;
  /* Motion events arrive at most once a frame; bursts (or synthetic
   * input) must not read as enormous speeds. */
  double dt = MAX (1.0 / 120, (now - self->last_move) / 1e6);

  self->drag_dx = ox;
  self->drag_dy = oy;
  self->last_move = now;
  if (self->rubber_band)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  /* Smoothed velocity for the fling at the end. */
  self->vel_x = 0.7 * (dx / dt) + 0.3 * self->vel_x;
  self->vel_y = 0.7 * (dy / dt) + 0.3 * self->vel_y;
  _cm_map_moving (self);
  cm_map_painter_pan (self->painter, dx, dy);
  _cm_map_view_changed (self);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          ox,
             double          oy,
             CmMap          *self)
{
  if (self->rubber_band)
    {
      self->rubber_band = FALSE;
      if (fabs (ox) > 3 || fabs (oy) > 3)
        cm_map_select_in_rect (self, self->drag_x, self->drag_y,
                               self->drag_x + ox, self->drag_y + oy, self->band_extend);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  /* A fling: the pointer was still moving when released. */
  if (g_get_monotonic_time () - self->last_move < 60000)
    {
      double speed = hypot (self->vel_x, self->vel_y);
      double cap = speed > GLIDE_MAX_SPEED ? GLIDE_MAX_SPEED / speed : 1.0;

      start_glide (self, self->vel_x * cap, self->vel_y * cap);
    }
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               CmMap            *self)
{
  _cm_map_stop_glide (self);
  /* Two fingers: the one-finger drag stops panning. */
  gtk_gesture_set_state (self->drag, GTK_EVENT_SEQUENCE_DENIED);
  self->pinch_scale = 1.0;
  if (!gtk_gesture_get_bounding_box_center (gesture, &self->pinch_x, &self->pinch_y))
    {
      self->pinch_x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      self->pinch_y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       CmMap          *self)
{
  double x = self->pinch_x, y = self->pinch_y;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  _cm_map_moving (self);
  /* Follow the fingers: pan with their centre, zoom about it. */
  cm_map_painter_pan (self->painter, x - self->pinch_x, y - self->pinch_y);
  if (scale > 0 && self->pinch_scale > 0)
    cm_map_painter_zoom_about (self->painter, scale / self->pinch_scale, x, y);
  self->pinch_scale = scale;
  self->pinch_x = x;
  self->pinch_y = y;
  _cm_map_view_changed (self);
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  CmMap           *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2)
    {
      _cm_map_moving (self);
      cm_map_painter_zoom_about (self->painter, CM_MAP_ZOOM_STEP, x, y);
      _cm_map_view_changed (self);
    }
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   CmMap           *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (n_press == 1)
    cm_map_click_at (self, x, y, (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0);
}

/* A tooltip window's frame and padding around its text, about. */
#define TOOLTIP_PAD 10.0
/* Room kept clear around another marker's centre. */
#define MARKER_CLEARANCE 14.0

/* Whether a tooltip box of @w × @h at (x, y) leaves every marker but the
 * hovered one uncovered. */
static gboolean
tooltip_spot_clear (CmMap          *self,
                    const CmMapHit *hit,
                    double          x,
                    double          y,
                    double          w,
                    double          h)
{
  CmMapBox box = { x - MARKER_CLEARANCE, y - MARKER_CLEARANCE, x + w + MARKER_CLEARANCE, y + h + MARKER_CLEARANCE };
  g_autoptr(GArray) under = cm_map_painter_get_places_in_box (self->painter, &box);
  g_autoptr(GArray) own = cm_map_painter_get_hit_places (self->painter, hit);

  for (guint i = 0; i < under->len; i++)
    {
      guint place = g_array_index (under, guint, i);
      gboolean hovered = FALSE;

      for (guint j = 0; j < own->len && !hovered; j++)
        hovered = g_array_index (own, guint, j) == place;
      if (!hovered)
        return FALSE;
    }
  return TRUE;
}

/* GTK puts a tooltip under its tip area, centred on it. Under the
 * pointer it hid the markers below (Hebi's covered Wuhan): find the first
 * spot under the marker, then beside it to the right or the left, then
 * lower down, whose box covers no other marker, and set a tip area
 * (holding the pointer, so that GTK keeps the tooltip) that puts it
 * there. With no such spot GTK places it as usual. */
static void
place_tooltip (CmMap          *self,
               GtkTooltip     *tooltip,
               const char     *markup,
               const CmMapHit *hit,
               double          px,
               double          py)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double w, h, gap = hit->radius + 6;
  int lw, lh;

  pango_layout_set_markup (layout, markup, -1);
  pango_layout_get_pixel_size (layout, &lw, &lh);
  w = lw + 2 * TOOLTIP_PAD;
  h = lh + 2 * TOOLTIP_PAD;
  for (double top = hit->y + gap; top < height; top += 2 * MARKER_CLEARANCE)
    for (int side = 0; side < 3; side++)
      {
        double cx = hit->x + (side == 0 ? 0 : side == 1 ? 1 : -1) * (w / 2 + gap);
        double half = MAX (fabs (cx - px) + 1, 1);
        double y0 = MIN (py - 1, top - 1);
        GdkRectangle area;

        if (!tooltip_spot_clear (self, hit, cx - w / 2, top, w, h))
          continue;
        area.x = (int) floor (cx - half);
        area.y = (int) floor (y0);
        area.width = (int) ceil (2 * half);
        area.height = (int) ceil (MAX (top - y0, 1));
        gtk_tooltip_set_tip_area (tooltip, &area);
        return;
      }
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    data)
{
  CmMap *self = CM_MAP (widget);
  g_autofree char *markup = NULL;
  CmMapHit hit;

  if (keyboard)
    return FALSE;
  markup = cm_map_describe_at (self, x, y);
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  if (cm_map_painter_hit_test (self->painter, x, y, &hit))
    place_tooltip (self, tooltip, markup, &hit, x, y);
  return TRUE;
}

/* Actions ------------------------------------------------------------------ */

static void
zoom_in_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  cm_map_zoom_in (CM_MAP (widget));
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  cm_map_zoom_out (CM_MAP (widget));
}

static void
fit_data_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  cm_map_fit_data (CM_MAP (widget));
}

static void
fit_basemap_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  cm_map_fit_basemap (CM_MAP (widget));
}

static void
pan_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  CmMap *self = CM_MAP (widget);
  double fx = 0, fy = 0;

  g_variant_get (param, "(dd)", &fx, &fy);
  _cm_map_stop_glide (self);
  self->fit = FIT_NONE;
  cm_map_painter_pan (self->painter, -fx * gtk_widget_get_width (widget),
                      -fy * gtk_widget_get_height (widget));
  _cm_map_view_changed (self);
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (guint));

  _cm_map_set_selection (CM_MAP (widget), none);
}

void
_cm_map_init_input (CmMap *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES
                                                | GTK_EVENT_CONTROLLER_SCROLL_KINETIC);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  g_signal_connect (controller, "decelerate", G_CALLBACK (decelerate_cb), self);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
  self->drag = gesture;

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  _cm_map_init_a11y (self);
}

void
_cm_map_class_init_input (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.fit-data", NULL, fit_data_action);
  gtk_widget_class_install_action (widget_class, "map.fit-basemap", NULL, fit_basemap_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(dd)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.clear-selection", NULL, clear_selection_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "map.fit-basemap", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "map.fit-data", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "map.pan", "(dd)", -0.1, 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "map.pan", "(dd)", 0.1, 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "map.pan", "(dd)", 0.0, -0.1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "map.pan", "(dd)", 0.0, 0.1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "map.clear-selection", NULL);
  _cm_map_class_init_a11y (widget_class);
}
