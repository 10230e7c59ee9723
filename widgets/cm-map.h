/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cm-map-painter.h"

G_BEGIN_DECLS


#define CM_TYPE_MAP (cm_map_get_type ())
G_DECLARE_FINAL_TYPE (CmMap, cm_map, CM, MAP, GtkWidget)

GtkWidget     *cm_map_new                (void);

/* The painter holds the data and draws; the widget adds input. Data
 * (places, events, matches, categories, region shading) goes straight to
 * the painter: the widget redraws on its "data-changed" signal. */
CmMapPainter  *cm_map_get_painter        (CmMap              *self);

void           cm_map_set_basemap        (CmMap              *self,
                                          CmBasemap          *basemap);
CmBasemap     *cm_map_get_basemap        (CmMap              *self);

gint64         cm_map_get_time_start     (CmMap              *self);
void           cm_map_set_time_start     (CmMap              *self,
                                          gint64              start);
gint64         cm_map_get_time_end       (CmMap              *self);
void           cm_map_set_time_end       (CmMap              *self,
                                          gint64              end);
gint64         cm_map_get_playhead       (CmMap              *self);
void           cm_map_set_playhead       (CmMap              *self,
                                          gint64              playhead);

gboolean       cm_map_get_dark           (CmMap              *self);
void           cm_map_set_dark           (CmMap              *self,
                                          gboolean            dark);
CmLabelLanguage cm_map_get_language      (CmMap              *self);
void           cm_map_set_language       (CmMap              *self,
                                          CmLabelLanguage     language);
CmMapColor     cm_map_get_color_mode     (CmMap              *self);
void           cm_map_set_color_mode     (CmMap              *self,
                                          CmMapColor          mode);
gboolean       cm_map_get_dim_filtered   (CmMap              *self);
void           cm_map_set_dim_filtered   (CmMap              *self,
                                          gboolean            dim);
gboolean       cm_map_get_clustering     (CmMap              *self);
void           cm_map_set_clustering     (CmMap              *self,
                                          gboolean            clustering);
gboolean       cm_map_get_show_legend    (CmMap              *self);
void           cm_map_set_show_legend    (CmMap              *self,
                                          gboolean            show);

/* Zoom is log2 of the scale relative to "fit to base map" (0). */
double         cm_map_get_zoom           (CmMap              *self);
void           cm_map_set_zoom           (CmMap              *self,
                                          double              zoom);
void           cm_map_get_center         (CmMap              *self,
                                          double             *lon,
                                          double             *lat);
void           cm_map_set_center         (CmMap              *self,
                                          double              lon,
                                          double              lat);
void           cm_map_zoom_in            (CmMap              *self);
void           cm_map_zoom_out           (CmMap              *self);
void           cm_map_fit_data           (CmMap              *self);
void           cm_map_fit_basemap        (CmMap              *self);
/* Announcements the app could not place on the map: the map says so in
 * its edge note, beside those outside the view. */
void           cm_map_set_unplaced       (CmMap              *self,
                                          guint               n_unplaced);
guint          cm_map_get_n_outside      (CmMap              *self);

/* The selected places, by index (place i of cm_map_painter_set_places()):
 * a new set. Setting one ignores indices past the places. */
GtkBitset     *cm_map_get_selection      (CmMap              *self);
void           cm_map_set_selection      (CmMap              *self,
                                          GtkBitset          *places);
/* What a click at (x, y) does: select the place there (added to or
 * toggled in the selection with @extend), zoom into a cluster, or clear
 * the selection on empty map. */
void           cm_map_click_at           (CmMap              *self,
                                          double              x,
                                          double              y,
                                          gboolean            extend);
/* Select the places shown inside a widget-coordinate rectangle. */
void           cm_map_select_in_rect     (CmMap              *self,
                                          double              x0,
                                          double              y0,
                                          double              x1,
                                          double              y1,
                                          gboolean            extend);
/* A place's announcements for its tooltip, one a line (titles with their
 * dates), or NULL: plain text, which the map escapes. */
typedef char *(*CmMapPlaceTextFunc) (guint    place,
                                     gpointer user_data);
void           cm_map_set_place_text_func (CmMap             *self,
                                           CmMapPlaceTextFunc  func,
                                           gpointer            user_data,
                                           GDestroyNotify      destroy);
/* The tooltip text for (x, y), or NULL; markup. */
char          *cm_map_describe_at        (CmMap              *self,
                                          double              x,
                                          double              y);

G_END_DECLS
