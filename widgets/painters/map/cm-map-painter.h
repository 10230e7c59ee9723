/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "cm-basemap.h"
#include "cm-enums.h"
#include "cm-map-events.h"
#include "cm-map-geometry.h"
#include "cm-map-view.h"
#include "cm-painter-common.h"
#include "cm-projection.h"

G_BEGIN_DECLS

/* The map, drawn with cairo and pango only: base map, markers, clusters,
 * labels, scale bar, attribution and legend. The widget and the export
 * both draw through it. Inputs are plain arrays, copied on entry. */

#define CM_MAP_NO_PLAYHEAD G_MININT64

typedef enum
{
  CM_MAP_FILTERED_HIDE,         /* places with nothing in range vanish */
  CM_MAP_FILTERED_DIM,          /* ... or stay as grey ghosts */
} CmMapFilterMode;

typedef enum
{
  CM_MAP_OVERLAY_NONE        = 0,
  CM_MAP_OVERLAY_SCALE_BAR   = 1 << 0,
  CM_MAP_OVERLAY_ATTRIBUTION = 1 << 1,
  CM_MAP_OVERLAY_LEGEND      = 1 << 2,   /* its title, the size key (or the ramp) */
  CM_MAP_OVERLAY_CATEGORIES  = 1 << 3,   /* and the categories, in the legend */
  CM_MAP_OVERLAY_ALL         = 0xf,
} CmMapOverlays;

typedef enum
{
  CM_MAP_DRAW_DEFAULT     = 0,
  /* While a gesture runs: a base layer cached at another zoom may be
   * stretched instead of redrawn; draw() then returns FALSE, asking for
   * a sharp frame once the gesture rests. */
  CM_MAP_DRAW_INTERACTIVE = 1 << 0,
  /* Draw the base map as vectors even on an image surface. */
  CM_MAP_DRAW_NO_CACHE    = 1 << 1,
  /* The base layer only (for benchmarks). */
  CM_MAP_DRAW_BASE_ONLY   = 1 << 2,
} CmMapDrawFlags;

typedef enum
{
  CM_MAP_HIT_NONE,
  CM_MAP_HIT_PLACE,
  CM_MAP_HIT_CLUSTER,
} CmMapHitKind;

typedef struct
{
  CmMapHitKind kind;
  guint        place;       /* the place, or a cluster's largest member */
  guint        level;       /* cluster level and index, for clusters */
  guint        cluster;
  guint        n_places;    /* places shown in the marker */
  guint32      count;       /* announcements in range (up to the playhead) */
  double       x, y;        /* marker centre, screen units */
  double       radius;
} CmMapHit;

#define CM_TYPE_MAP_PAINTER (cm_map_painter_get_type ())
G_DECLARE_FINAL_TYPE (CmMapPainter, cm_map_painter, CM, MAP_PAINTER, GObject)

/* What a change of the data (set through the setters below) touched, as
 * "data-changed" tells it: a widget showing the painter redraws on that
 * signal, so the data reaches it by one route whoever sets it. A change
 * of the selection emits "selection-changed" instead. */
typedef enum
{
  CM_MAP_CHANGED_LAYOUT = 1 << 0,   /* places or events: markers laid out anew */
  CM_MAP_CHANGED_COUNTS = 1 << 1,   /* matches: the same markers count others */
  CM_MAP_CHANGED_LOOK   = 1 << 2,   /* colours of categories, shading of regions */
} CmMapChange;

CmMapPainter       *cm_map_painter_new                (void);

/* Data. */
void                cm_map_painter_set_basemap        (CmMapPainter        *self,
                                                       CmBasemap           *basemap);
CmBasemap          *cm_map_painter_get_basemap        (CmMapPainter        *self);
/* NULL restores the base map's own (or chosen) projection. */
void                cm_map_painter_set_projection     (CmMapPainter        *self,
                                                       const CmProjection  *projection);
const CmProjection *cm_map_painter_get_projection     (CmMapPainter        *self);
/* How the projection is chosen while none is set: from the located data's
 * extent (auto), or one kind centred on the data. A base map that names
 * its projection keeps it in auto while the data lies within its focus. */
void                cm_map_painter_set_projection_mode (CmMapPainter       *self,
                                                        CmMapProjection     mode);
CmMapProjection     cm_map_painter_get_projection_mode (CmMapPainter       *self);
/* @ids, @names and @names_zh may be NULL, and their entries too. */
void                cm_map_painter_set_places         (CmMapPainter        *self,
                                                       guint                n_places,
                                                       const double        *lon,
                                                       const double        *lat,
                                                       const char * const  *ids,
                                                       const char * const  *names,
                                                       const char * const  *names_zh);
guint               cm_map_painter_get_n_places       (CmMapPainter        *self);
const char         *cm_map_painter_get_place_id       (CmMapPainter        *self,
                                                       guint                place);
const char         *cm_map_painter_get_place_name     (CmMapPainter        *self,
                                                       guint                place,
                                                       CmLabelLanguage      language);
int                 cm_map_painter_find_place         (CmMapPainter        *self,
                                                       const char          *id);
/* One entry per announcement: time, place index, category (may be
 * NULL). Any order; sorted by time is cheapest. */
void                cm_map_painter_set_events         (CmMapPainter        *self,
                                                       gsize                n_events,
                                                       const gint64        *times,
                                                       const guint32       *places,
                                                       const guint8        *categories,
                                                       guint                n_categories);
/* The events, out of those set, that pass a filter other than time (a
 * search, a choice of categories): the markers count only these. The
 * clusters stay laid out for all the events, so markers keep their
 * places while a query is typed, and a change costs no new layout. */
void                cm_map_painter_set_matches        (CmMapPainter        *self,
                                                       gsize                n_events,
                                                       const gint64        *times,
                                                       const guint32       *places,
                                                       const guint8        *categories,
                                                       guint                n_categories);
/* As set_matches(), by a mask: one byte per event as given to
 * set_events() or set_event_spans(), non-zero for those that pass; NULL
 * counts all. One pass over the events' index, no sort: what a search or
 * a category costs the map at a million events. */
void                cm_map_painter_set_match_mask     (CmMapPainter        *self,
                                                       const guint8        *keep);
/* Back to counting all the events (a category mask stays). */
void                cm_map_painter_clear_matches      (CmMapPainter        *self);
/* Counts only the categories whose byte in @shown is non-zero (@n of
 * them, as the events were set with; NULL or all set: every one), on top
 * of any mask. Costs places × categories, whatever the number of
 * events. */
void                cm_map_painter_set_category_mask  (CmMapPainter        *self,
                                                       const guint8        *shown,
                                                       guint                n_categories);
/* As set_events() and set_matches(), for events that last: each is the
 * period [start, end) and counts in a time range it overlaps
 * (cm-map-events.h); @ends NULL makes instants. */
void                cm_map_painter_set_event_spans    (CmMapPainter        *self,
                                                       gsize                n_events,
                                                       const gint64        *starts,
                                                       const gint64        *ends,
                                                       const guint32       *places,
                                                       const guint8        *categories,
                                                       guint                n_categories);
/* As set_event_spans(), with the events already bucketed by
 * cm_map_events_new_spans() for this painter's places and categories
 * (on another thread, say). Takes @events. */
void                cm_map_painter_take_events        (CmMapPainter        *self,
                                                       CmMapEvents         *events);
void                cm_map_painter_set_match_spans    (CmMapPainter        *self,
                                                       gsize                n_events,
                                                       const gint64        *starts,
                                                       const gint64        *ends,
                                                       const guint32       *places,
                                                       const guint8        *categories,
                                                       guint                n_categories);
/* Colours (and optional names for the legend) of the categories. */
void                cm_map_painter_set_categories     (CmMapPainter        *self,
                                                       guint                n_categories,
                                                       const CmRgba        *colors,
                                                       const char * const  *names);
/* Shading of whole regions (province-level announcements), by region
 * id of the base map; replaces any earlier shading. */
void                cm_map_painter_set_region_colors  (CmMapPainter        *self,
                                                       guint                n_regions,
                                                       const char * const  *region_ids,
                                                       const CmRgba        *colors);
/* Places that stand for a whole region (a province, a country; usually
 * without coordinates, so without a marker): @region_ids[i] is the base
 * map id of the region place i covers, or NULL. A shaded region that
 * places stand for is shaded only while one of them has events in the
 * time range (up to the playhead); a region no place stands for stays
 * shaded. Set after the places: cm_map_painter_set_places() clears it. */
void                cm_map_painter_set_place_regions  (CmMapPainter        *self,
                                                       guint                n_places,
                                                       const char * const  *region_ids);

/* Filters and looks. */
void                cm_map_painter_set_time_range     (CmMapPainter        *self,
                                                       gint64               start,
                                                       gint64               end);
void                cm_map_painter_set_playhead       (CmMapPainter        *self,
                                                       gint64               playhead);
void                cm_map_painter_set_filter_mode    (CmMapPainter        *self,
                                                       CmMapFilterMode      mode);
void                cm_map_painter_set_color_mode     (CmMapPainter        *self,
                                                       CmMapColor           mode);
/* Auto is resolved from the locale when set (cm_label_language_resolve()). */
void                cm_map_painter_set_language       (CmMapPainter        *self,
                                                       CmLabelLanguage      language);
void                cm_map_painter_set_style          (CmMapPainter        *self,
                                                       const CmPaintStyle  *style);
void                cm_map_painter_set_overlays       (CmMapPainter        *self,
                                                       CmMapOverlays        overlays);
void                cm_map_painter_set_legend_title   (CmMapPainter        *self,
                                                       const char          *title);
void                cm_map_painter_set_clustering     (CmMapPainter        *self,
                                                       gboolean             clustering);
/* Sequential ramp used for dates (0 = earliest, 1 = latest); the app may
 * use it for region shading so both read alike. */
void                cm_map_ramp_color                 (double               t,
                                                       gboolean             dark,
                                                       CmRgba              *color);

/* Interaction state. The selection is cleared by set_places(); both
 * emit "selection-changed" when it changes. */
void                cm_map_painter_set_selection      (CmMapPainter        *self,
                                                       guint                n,
                                                       const guint         *places);
gboolean            cm_map_painter_is_selected        (CmMapPainter        *self,
                                                       guint                place);
void                cm_map_painter_set_hover          (CmMapPainter        *self,
                                                       const CmMapHit      *hit);

/* View. Sizes and positions are in logical units (the cairo user space
 * the caller draws in). */
void                cm_map_painter_set_viewport       (CmMapPainter        *self,
                                                       double               width,
                                                       double               height);
void                cm_map_painter_get_view           (CmMapPainter        *self,
                                                       CmMapView           *view);
/* Clamped to the zoom limits and the map's extent. */
void                cm_map_painter_set_view           (CmMapPainter        *self,
                                                       const CmMapView     *view);
void                cm_map_painter_get_scale_limits   (CmMapPainter        *self,
                                                       double              *min_scale,
                                                       double              *max_scale);
void                cm_map_painter_zoom_about         (CmMapPainter        *self,
                                                       double               factor,
                                                       double               x,
                                                       double               y);
void                cm_map_painter_pan                (CmMapPainter        *self,
                                                       double               dx,
                                                       double               dy);
void                cm_map_painter_fit_basemap        (CmMapPainter        *self);
/* Fit the places with announcements in range (all places if none). */
void                cm_map_painter_fit_data           (CmMapPainter        *self);
void                cm_map_painter_fit_box            (CmMapPainter        *self,
                                                       double               lon_min,
                                                       double               lat_min,
                                                       double               lon_max,
                                                       double               lat_max);
/* The scale at which the base map's focus fits the viewport. */
double              cm_map_painter_get_fit_scale      (CmMapPainter        *self);
void                cm_map_painter_lonlat_to_screen   (CmMapPainter        *self,
                                                       double               lon,
                                                       double               lat,
                                                       double              *x,
                                                       double              *y);
gboolean            cm_map_painter_screen_to_lonlat   (CmMapPainter        *self,
                                                       double               x,
                                                       double               y,
                                                       double              *lon,
                                                       double              *lat);

/* Queries on what the current view shows. */
gboolean            cm_map_painter_hit_test           (CmMapPainter        *self,
                                                       double               x,
                                                       double               y,
                                                       CmMapHit            *hit);
/* Places shown in the current view (with announcements in range) that a
 * hit covers (a cluster's members), or that lie inside a screen box. */
GArray             *cm_map_painter_get_hit_places     (CmMapPainter        *self,
                                                       const CmMapHit      *hit);
GArray             *cm_map_painter_get_places_in_box  (CmMapPainter        *self,
                                                       const CmMapBox      *box);
GArray             *cm_map_painter_get_places_in_polygon (CmMapPainter     *self,
                                                          const double     *xy,
                                                          guint             n_points);
/* Announcements at @place in range (up to the playhead). */
guint32             cm_map_painter_get_place_count    (CmMapPainter        *self,
                                                       guint                place);
/* The scale at which a cluster splits (to zoom into it). */
double              cm_map_painter_get_split_scale    (CmMapPainter        *self,
                                                       const CmMapHit      *hit);
/* Where an overlay of the current view lies (screen box); FALSE when it
 * is not shown. */
gboolean            cm_map_painter_get_overlay_box    (CmMapPainter        *self,
                                                       CmMapOverlays        which,
                                                       CmMapBox            *box);
/* Located places with announcements in range, and how many of them lie
 * outside the current view. */
guint               cm_map_painter_count_outside      (CmMapPainter        *self,
                                                       guint               *n_located);
/* Labels kept by the last frame (screen boxes), for tests. */
const CmMapBox     *cm_map_painter_get_label_boxes    (CmMapPainter        *self,
                                                       guint               *n);
guint               cm_map_painter_get_n_markers      (CmMapPainter        *self);
/* Marker @index of the current view (0 .. n_markers-1), as a hit; dimmed
 * markers (nothing in range) have kind CM_MAP_HIT_NONE. */
gboolean            cm_map_painter_get_marker         (CmMapPainter        *self,
                                                       guint                index,
                                                       CmMapHit            *marker);

/* Draw the whole map into [0, width] × [0, height] of @cr's user space.
 * Returns FALSE when the frame used a stretched base layer and a sharp
 * one should follow (CM_MAP_DRAW_INTERACTIVE). */
gboolean            cm_map_painter_draw               (CmMapPainter        *self,
                                                       cairo_t             *cr,
                                                       CmMapDrawFlags       flags);

/* The base layer off the main thread. A gesture's frames stretch the
 * layer of the zoom it started at; drawing it sharp again costs 15 to
 * 30 ms of polygon fills, more than a frame. A widget can ask for it on
 * a worker thread while it keeps showing the stretched one:
 * base_is_ready() tells whether a frame at the current view would only
 * copy the layer; render_base_async() draws the layer the current view
 * wants (at @device_scale) and render_base_finish() makes it the cached
 * one, unless the base map, its style or its shading changed meanwhile.
 * Drawing never waits for it: a non-interactive frame still draws what
 * it lacks itself. */
gboolean            cm_map_painter_base_is_ready      (CmMapPainter        *self,
                                                       double               device_scale);
void                cm_map_painter_render_base_async  (CmMapPainter        *self,
                                                       double               device_scale,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            cm_map_painter_render_base_finish (CmMapPainter        *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* Forgets the cached raster of the base map: the next drawing renders it
 * at the view's own origin, pixel for pixel as a new painter would, where
 * a layer drawn around an earlier view (what a pan wants) would be
 * reused a fraction of a pixel off. */
void                cm_map_painter_drop_base_cache    (CmMapPainter        *self);

G_END_DECLS
