/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-map.h"

G_BEGIN_DECLS

#define CM_MAP_ZOOM_STEP 2.0
#define CM_MAP_SETTLE_MS 180

struct _CmMap
{
  GtkWidget     parent_instance;

  CmMapPainter *painter;
  CmLabelLanguage language;
  gboolean      dark;
  gboolean      dim_filtered;
  gboolean      show_legend;
  gboolean      clustering;
  CmMapColor    color_mode;
  gint64        time_start, time_end, playhead;

  /* While a gesture, a wheel burst or a glide runs, frames may stretch
   * the cached base layer; a sharp frame follows when it settles, once
   * the sharp layer is drawn on a worker thread (base_job). */
  gboolean      interactive;
  guint         settle_id;
  GCancellable *base_job;

  double        pointer_x, pointer_y;
  gboolean      has_pointer;
  CmMapHit      hover;

  /* Drag: pan, or shift-drag: rubber band. */
  gboolean      rubber_band;
  gboolean      band_extend;
  double        drag_x, drag_y;      /* start */
  double        drag_dx, drag_dy;    /* last offset */
  double        vel_x, vel_y;        /* screen units per second */
  gint64        last_move;           /* µs */

  /* Glide after a fling. */
  guint         glide_id;
  gint64        glide_time;
  double        glide_vx, glide_vy;

  /* Pinch. */
  double        pinch_scale;
  double        pinch_x, pinch_y;

  /* Until the user moves the map, resizes keep it fitted. */
  enum { FIT_NONE, FIT_BASEMAP, FIT_DATA } fit;

  /* A note at the top edge: announcements outside the view (click to
   * fit) and announcements without a place. */
  GtkWidget    *edge_note;
  guint         n_unplaced;

  /* Last values notified. */
  double        notified_zoom, notified_lon, notified_lat;

  GtkGesture   *drag;

  /* What a place's tooltip lists under its name (cm_map_set_place_text_func). */
  CmMapPlaceTextFunc place_text;
  gpointer      place_text_data;
  GDestroyNotify place_text_destroy;

  /* cm-map-a11y.c */
  guint         describe_id;
  char         *description;         /* the accessible one, as last set */
  int           saved_focus;         /* the keyboard's place while focus is away */
};

/* cm-map.c */
void    _cm_map_view_changed      (CmMap          *self);
void    _cm_map_update_hover      (CmMap          *self);
void    _cm_map_set_selection     (CmMap          *self,
                                   GArray         *places);
GArray *_cm_map_current_selection (CmMap          *self);

/* cm-map-input.c */
void    _cm_map_init_input        (CmMap          *self);
void    _cm_map_class_init_input  (GtkWidgetClass *widget_class);
void    _cm_map_moving            (CmMap          *self);
void    _cm_map_stop_glide        (CmMap          *self);
gboolean _cm_map_settle_cb        (gpointer        data);

/* cm-map-a11y.c */
void    _cm_map_init_a11y         (CmMap          *self);
void    _cm_map_dispose_a11y      (CmMap          *self);
void    _cm_map_class_init_a11y   (GtkWidgetClass *widget_class);
void    _cm_map_move_focus        (CmMap          *self,
                                   int             delta);
void    _cm_map_update_description (CmMap         *self);

G_END_DECLS
