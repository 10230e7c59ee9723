/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-timeline.h"
#include "cm-timeline-painter.h"

G_BEGIN_DECLS

typedef enum
{
  CM_DRAG_NONE,
  CM_DRAG_PAN,
  CM_DRAG_BRUSH_NEW,
  CM_DRAG_BRUSH_START,
  CM_DRAG_BRUSH_END,
  CM_DRAG_BRUSH_MOVE,
  CM_DRAG_PLAYHEAD,
} CmDragMode;

struct _CmTimeline
{
  GtkWidget            parent_instance;

  CmTimelinePainter   *painter;
  CmTimelineView       view;
  gboolean             view_set_by_user;

  CmTimelineLabelFunc  label_func;
  gpointer             label_data;
  GDestroyNotify       label_destroy;

  GtkBitset           *selection;
  gboolean             dark;
  double               plot_left;    /* of the last frame: "plot-left" */
  double               plot_right;

  /* Playback. */
  double               speed;
  gboolean             playing;
  guint                play_tick;
  gint64               play_last_us;

  /* The accessible description, and when it was last set. */
  char                *description;
  guint                describe_id;
  gint64               described_us;

  /* Pointer and gestures. */
  double               pointer_x;
  double               pointer_y;
  CmDragMode           drag_mode;
  gboolean             drag_moved;
  double               drag_x;
  double               drag_y;
  double               drag_t0;
  double               drag_t1;
  double               drag_time;
  double               drag_brush_start;
  double               drag_brush_end;
  double               last_dx;
  gint64               sample_us[2];
  double               sample_x[2];
  double               zoom_span;
  double               zoom_anchor;

  /* Kinetic panning after a drag or a touchpad flick, in px/s. */
  double               velocity;
  guint                kinetic_tick;
  gint64               kinetic_last_us;
};

/* cm-timeline.c */
void                  _cm_timeline_set_range       (CmTimeline      *self,
                                                    double           t0,
                                                    double           t1);
void                  _cm_timeline_pan_pixels      (CmTimeline      *self,
                                                    double           dx);
void                  _cm_timeline_zoom_at         (CmTimeline      *self,
                                                    double           factor,
                                                    double           x);
double                _cm_timeline_x_to_time       (CmTimeline      *self,
                                                    double           x);
void                  _cm_timeline_select_marks    (CmTimeline      *self,
                                                    const guint     *marks,
                                                    guint            n_marks,
                                                    gboolean         toggle);
void                  _cm_timeline_move_focus      (CmTimeline      *self,
                                                    int              delta);
void                  _cm_timeline_update_hover    (CmTimeline      *self);
char                 *_cm_timeline_describe_mark   (CmTimeline      *self,
                                                    guint            mark);

/* cm-timeline-a11y.c */
void                  _cm_timeline_update_description (CmTimeline *self);
void                  _cm_timeline_describe_change    (CmTimeline *self);
const char           *_cm_timeline_get_description    (CmTimeline *self);
void                  _cm_timeline_dispose_a11y       (CmTimeline *self);

/* cm-timeline-input.c */
void                  _cm_timeline_class_init_input (GtkWidgetClass *widget_class);
void                  _cm_timeline_init_input       (CmTimeline     *self);
void                  _cm_timeline_stop_kinetic     (CmTimeline     *self);

/* Test hooks: the gesture handlers' own code paths, for tests that cannot
 * synthesize pointer events. Coordinates are the widget's. */
void                  _cm_timeline_drag        (CmTimeline      *self,
                                                double           x0,
                                                double           y0,
                                                double           x1,
                                                double           y1);
void                  _cm_timeline_click       (CmTimeline      *self,
                                                double           x,
                                                double           y,
                                                GdkModifierType  state);
CmTimelinePainter    *_cm_timeline_get_painter (CmTimeline      *self);
const CmTimelineView *_cm_timeline_get_view    (CmTimeline      *self);

G_END_DECLS
