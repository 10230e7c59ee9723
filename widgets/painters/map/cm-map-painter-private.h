/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pango.h>

#include "cm-map-clusters.h"
#include "cm-map-events.h"
#include "cm-map-labels.h"
#include "cm-map-painter.h"
#include "cm-map-raster.h"

G_BEGIN_DECLS

/* Sizes in logical units. */
#define CM_MAP_MARKER_MAX_RADIUS 22.0
#define CM_MAP_MARKER_MIN_RADIUS 2.5
#define CM_MAP_CLUSTER_RADIUS    24.0
/* Closest zoom: one screen unit per 20 m on the ground. */
#define CM_MAP_MAX_SCALE         0.05
/* Overlays (legend, scale bar) from the view's edges, and inside their panel. */
#define CM_MAP_PAD               10.0
#define CM_MAP_PANEL_PAD         6.0

/* Markers of the current frame, in drawing order after sorting. */
typedef enum
{
  MARK_DIM      = 1 << 0,   /* nothing in range (filter mode DIM) */
  MARK_GHOST    = 1 << 1,   /* in range but after the playhead */
  MARK_RECENT   = 1 << 2,   /* an announcement just before the playhead */
  MARK_SELECTED = 1 << 3,
  MARK_HOVER    = 1 << 4,
} MarkFlags;

typedef struct
{
  double   x, y, r;         /* screen */
  guint32  count;           /* shown count */
  guint    cluster;         /* index in the level */
  guint    place;           /* sole or largest visible member */
  guint    n_places;        /* visible members */
  guint    flags;
} Mark;

/* The base map projected once per projection: the path cache, shared
 * between painters and threads (cm-map-shapes-cache.c), so never changed
 * once built, but for the label points, each found under anchor_lock
 * when first asked (_cm_map_shapes_anchor). */
typedef struct
{
  /* The base map's rings cut at the projection's seam (the meridian
   * opposite its centre), so no ring wraps round behind the map: its
   * own layout, not the base map's. */
  double   *ll;             /* lon/lat points */
  double   *xy;             /* projected points, same layout as ll */
  guint    *starts;         /* ring starts + end */
  guint    *first_ring;     /* per region */
  guint    *n_rings;        /* per region */
  guint8   *covered;        /* per region: a country its provinces cover */
  guint     n_points;
  CmMapBox *boxes;          /* per region */
  double   *anchor;         /* per region: label point (x, y), NAN until asked */
  guint8   *tone;           /* per region: one of the quiet fills */
  /* Borders as polylines of point indices, G_MAXUINT between polylines,
   * each shared border once: neighbours', provinces', the country's. */
  GArray   *arcs[3];
  CmMapBox  extent;         /* everything */
  CmMapBox  focus;          /* what fit-to-base-map shows */
  gboolean  has_provinces;  /* else the country is filled itself */
  guint     n_countries;
  gboolean  world;          /* many countries: each in a tone of its own */
  GMutex    anchor_lock;
} Shapes;

/* The cached raster of the base layer. */
typedef struct
{
  cairo_surface_t *surface;
  guint            key;        /* generation of what it shows */
  double           scale;      /* view scale it was drawn at */
  double           x0, y0;     /* top-left corner in world units (x·scale, −y·scale) */
  double           width;      /* logical size */
  double           height;
  double           device_scale;
  guint            shade;      /* shade_gen of the region shading it shows */
  GArray          *fill;       /* and that shading (a reference), or NULL */
} BaseCache;

/* Per-cluster sums over the visible members of the current level. */
typedef struct
{
  guint     level;
  guint     gen;
  guint     n;
  guint32  *count;          /* up to the playhead */
  guint32  *range_count;    /* whole range */
  guint32  *per_category;   /* n × n_categories */
  gint64   *first;
  guint    *n_visible;
  guint    *top;            /* largest visible member (or any member) */
  guint8   *recent;
} LevelSums;

struct _CmMapPainter
{
  GObject         parent_instance;

  /* Inputs. */
  CmBasemap      *basemap;         /* the one drawn: root_basemap or its regional map */
  CmBasemap      *root_basemap;    /* the one set */
  CmProjection    projection;
  gboolean        projection_set;
  CmMapProjection projection_mode;
  guint           n_places;
  double         *lonlat;
  char          **ids;
  char          **names;
  char          **names_zh;
  CmMapEvents    *events;
  CmMapEvents    *matches;         /* counted instead of events, or NULL:
                                    * by_category, else subset */
  CmMapEvents    *subset;          /* the events a search (a mask) keeps */
  CmMapEvents    *by_category;     /* a view of those, or of all, by category */
  guint8         *category_shown;  /* per category, or NULL: all */
  guint           n_category_shown;
  guint           n_categories;
  CmRgba         *category_colors;
  char          **category_names;
  GHashTable     *region_colors;   /* id → CmRgba* */
  char          **place_regions;   /* per place: id of the region it stands for, or "" */
  gint64          start, end, playhead;
  CmMapFilterMode filter_mode;
  CmMapColor      color_mode;
  CmLabelLanguage language;        /* english or local, never auto */
  CmPaintStyle    style;
  CmMapOverlays   overlays;
  char           *legend_title;
  gboolean        clustering;
  gboolean       *selected;
  CmMapHit        hover;
  guint           focus_place_1;   /* the keyboard's place + 1, 0 for none (cm-map-focus.c) */
  CmMapView       view;
  gboolean        view_set;

  /* Derived, rebuilt lazily. Generations tell caches apart. */
  guint           base_gen;        /* base map, projection, style, shading */
  guint           data_gen;        /* places, events, projection */
  guint           filter_gen;
  Shapes         *shapes;
  Shapes         *detail_shapes;   /* the base map's detail level, when drawn */
  double         *place_xy;        /* projected */
  CmMapClusters  *clusters;
  guint           clusters_gen;
  guint32        *now_count;       /* per place, up to the playhead */
  guint32        *range_count;     /* per place, whole range */
  guint32        *now_per_category;
  gint64         *now_first;
  guint8         *recent;
  guint           counts_gen;      /* filter_gen + data_gen they match */
  guint8         *listed;          /* per category: in the legend (cm-map-legend.c) */
  LevelSums       sums;
  GArray         *marks;           /* Mark */
  guint           marks_key;
  CmMapView       marks_view;
  guint           marks_level;
  double          marks_ref;       /* weight drawn at the maximum radius */
  BaseCache       cache;
  /* The memory of a layer no longer shown, and the borders' mask: the
   * next layer of the same size is drawn into them. Fresh pages cost a
   * fault each on first touch, 10 ms a layer at 1600×900 under a VM. */
  cairo_surface_t *cache_spare;
  CmMapMask        cache_mask;
  CmMapLabeler   *labeler;
  GArray         *region_color;    /* per region: CmRgba asked for, a = 0 for none */
  guint          *place_region;    /* per place: region index, G_MAXUINT for none */
  GArray         *region_fill;     /* per region: the shading drawn now */
  guint           region_fill_gen; /* filter_gen it was worked out for */
  CmMapColor      region_fill_mode; /* and color_mode */
  gboolean        region_fill_stale;
  guint           shade_gen;       /* bumped when region_fill changes */
  guint8         *region_fit;      /* per region: its label fits inside */
  double          region_fit_scale;
  guint           region_fit_key;

  /* Text. */
  PangoContext   *pango;
  GThread        *pango_thread;
  GHashTable     *layouts;         /* "kind\x1ftext" → PangoLayout */
  GHashTable     *sprites;         /* haloed text rendered once, for rasters */
};

/* cm-map-painter.c */
void          _cm_map_painter_ensure_shapes      (CmMapPainter *self);
/* The shapes the base layer draws at the current view: the base map's
 * detail level's when zoomed in far enough, else self->shapes. */
Shapes       *_cm_map_painter_base_shapes        (CmMapPainter *self);
void          _cm_map_painter_ensure_counts      (CmMapPainter *self);
void          _cm_map_painter_ensure_marks       (CmMapPainter *self);
void          _cm_map_painter_ensure_region_fill (CmMapPainter *self);
void          _cm_map_painter_first_date_color   (CmMapPainter *self,
                                                  gint64        first,
                                                  CmRgba       *out);
double        _cm_map_painter_radius             (CmMapPainter *self,
                                                  double        count);
double        _cm_map_painter_min_scale          (CmMapPainter *self);

/* cm-map-focus.c */
void          _cm_map_painter_draw_focus         (CmMapPainter *self,
                                                  cairo_t      *cr);

/* cm-map-shapes-cache.c: the shapes of @basemap (its detail level's with
 * @detail; NULL when it has none) in @projection, built once for every
 * painter and thread; free with _cm_map_shapes_free(). */
Shapes       *_cm_map_shapes_lookup           (CmBasemap          *basemap,
                                               const CmProjection *projection,
                                               gboolean            detail);

/* cm-map-painter-base.c */
Shapes       *_cm_map_shapes_new              (CmBasemap          *basemap,
                                               const CmProjection *projection);
Shapes       *_cm_map_shapes_ref              (Shapes             *shapes);
void          _cm_map_shapes_anchor           (Shapes             *shapes,
                                               guint               r,
                                               double             *x,
                                               double             *y);
void          _cm_map_shapes_free             (Shapes             *shapes);
gboolean      _cm_map_painter_draw_base       (CmMapPainter       *self,
                                               cairo_t            *cr,
                                               CmMapDrawFlags      flags);
void          _cm_map_painter_drop_base_cache (CmMapPainter       *self);
void          _cm_map_painter_free_base_cache (CmMapPainter       *self);
double        _cm_map_device_scale            (cairo_t            *cr);
void          _cm_map_painter_base_colors     (CmMapPainter       *self,
                                               CmRgba             *sea,
                                               CmRgba             *land);

/* cm-map-painter-marks.c */
typedef enum
{
  TEXT_PLACE,
  TEXT_PLACE_BOLD,
  TEXT_REGION,
  TEXT_COUNT,
  TEXT_SMALL,
  TEXT_TITLE,
} TextKind;

PangoLayout  *_cm_map_painter_layout          (CmMapPainter       *self,
                                               TextKind            kind,
                                               const char         *text);

void          _cm_map_painter_draw_marks      (CmMapPainter       *self,
                                               cairo_t            *cr);
void          _cm_map_painter_drop_text_cache (CmMapPainter       *self);
void          _cm_map_layout_size             (PangoLayout        *layout,
                                               double             *w,
                                               double             *h);
void          _cm_map_painter_draw_text       (CmMapPainter       *self,
                                               cairo_t            *cr,
                                               PangoLayout        *layout,
                                               double              x,
                                               double              y,
                                               const CmRgba       *fg,
                                               const CmRgba       *halo,
                                               double              halo_width);
void          _cm_map_painter_panel           (CmMapPainter       *self,
                                               cairo_t            *cr,
                                               const CmMapBox     *b);
void          _cm_map_format_count            (guint32             n,
                                               char                buf[16]);
/* The round number at or below @v: 1, 2 or 5 times a power of ten. */
double        _cm_map_nice_below              (double              v);

/* The room the overlays (legend, scale bar, attribution) take at each
 * edge of the view: left, top, right, bottom. */
void          _cm_map_painter_overlay_insets  (CmMapPainter       *self,
                                               double              insets[4]);
gboolean      _cm_map_painter_overlay_box     (CmMapPainter       *self,
                                               CmMapOverlays       which,
                                               CmMapBox           *box);

/* cm-map-legend.c */
/* The legend's box in the top-left corner, and how many category names
 * fit in it above @bottom. */
void          _cm_map_painter_legend_layout   (CmMapPainter       *self,
                                               double              bottom,
                                               CmMapBox           *box,
                                               guint              *rows);
void          _cm_map_painter_draw_legend     (CmMapPainter       *self,
                                               cairo_t            *cr,
                                               const CmMapBox     *box,
                                               guint               rows);

G_END_DECLS
