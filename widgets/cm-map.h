/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cm-map-painter.h"

G_BEGIN_DECLS

#define CM_TYPE_MAP_COLOR_MODE (cm_map_color_mode_get_type ())
GType cm_map_color_mode_get_type (void);

#define CM_TYPE_MAP (cm_map_get_type ())
G_DECLARE_FINAL_TYPE (CmMap, cm_map, CM, MAP, GtkWidget)

GtkWidget     *cm_map_new                (void);

/* The painter holds the data and draws; the widget adds input. Use it for
 * data-level calls (categories, region colours) and queries. */
CmMapPainter  *cm_map_get_painter        (CmMap              *self);

void           cm_map_set_basemap        (CmMap              *self,
                                          CmBasemap          *basemap);
CmBasemap     *cm_map_get_basemap        (CmMap              *self);
/* As cm_map_painter_set_places(); resets the selection. */
void           cm_map_set_places         (CmMap              *self,
                                          guint               n_places,
                                          const double       *lon,
                                          const double       *lat,
                                          const char * const *ids,
                                          const char * const *names,
                                          const char * const *names_zh);
void           cm_map_set_events         (CmMap              *self,
                                          gsize               n_events,
                                          const gint64       *times,
                                          const guint32      *places,
                                          const guint8       *categories,
                                          guint               n_categories);
/* See cm_map_painter_set_matches(). */
void           cm_map_set_matches        (CmMap              *self,
                                          gsize               n_events,
                                          const gint64       *times,
                                          const guint32      *places,
                                          const guint8       *categories,
                                          guint               n_categories);
void           cm_map_clear_matches      (CmMap              *self);
void           cm_map_set_categories     (CmMap              *self,
                                          guint               n_categories,
                                          const CmRgba       *colors,
                                          const char * const *names);
void           cm_map_set_region_colors  (CmMap              *self,
                                          guint               n_regions,
                                          const char * const *region_ids,
                                          const CmRgba       *colors);
/* As cm_map_painter_set_place_regions(): the shading of a region follows
 * the time window through the events of the places that stand for it. */
void           cm_map_set_place_regions  (CmMap              *self,
                                          guint               n_places,
                                          const char * const *region_ids);

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
const char    *cm_map_get_language       (CmMap              *self);
void           cm_map_set_language       (CmMap              *self,
                                          const char         *language);
CmMapColorMode cm_map_get_color_mode     (CmMap              *self);
void           cm_map_set_color_mode     (CmMap              *self,
                                          CmMapColorMode      mode);
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

/* Place ids (as given to cm_map_set_places()) of the selection. */
char         **cm_map_get_selected_ids   (CmMap              *self);
void           cm_map_set_selected_ids   (CmMap              *self,
                                          const char * const *ids);
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
/* The tooltip text for (x, y), or NULL; markup. */
char          *cm_map_describe_at        (CmMap              *self,
                                          double              x,
                                          double              y);

G_END_DECLS
