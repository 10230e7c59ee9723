/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cm-projection.h"

G_BEGIN_DECLS

#define CM_BASEMAP_ERROR (cm_basemap_error_quark ())

typedef enum
{
  CM_BASEMAP_ERROR_IO,
  CM_BASEMAP_ERROR_TOO_LARGE,
  CM_BASEMAP_ERROR_INVALID_JSON,
  CM_BASEMAP_ERROR_NOT_GEOJSON,
  CM_BASEMAP_ERROR_NO_POLYGONS,
} CmBasemapError;

/* Larger files would not draw at interactive rates anyway. */
#define CM_BASEMAP_MAX_FILE_BYTES ((gsize) 256 << 20)

typedef enum
{
  CM_BASEMAP_ROLE_REGION,      /* a polygon of a user's file */
  CM_BASEMAP_ROLE_PROVINCE,
  CM_BASEMAP_ROLE_COUNTRY,
  CM_BASEMAP_ROLE_NEIGHBOUR,
} CmBasemapRole;

typedef struct
{
  const char    *id;
  const char    *name;            /* may be NULL */
  const char    *name_zh;         /* may be NULL */
  const char    *name_zh_short;   /* may be NULL */
  CmBasemapRole  role;
  guint          first_ring;
  guint          n_rings;
  double         lon_min, lat_min, lon_max, lat_max;
} CmBasemapRegion;

#define CM_TYPE_BASEMAP (cm_basemap_get_type ())
G_DECLARE_FINAL_TYPE (CmBasemap, cm_basemap, CM, BASEMAP, GObject)

GQuark                  cm_basemap_error_quark         (void);

CmBasemap              *cm_basemap_new_from_file       (const char      *path,
                                                        GError         **error);
CmBasemap              *cm_basemap_new_from_data       (const char      *data,
                                                        gsize            len,
                                                        const char      *display_name,
                                                        GError         **error);
void                    cm_basemap_load_async          (const char      *path,
                                                        GCancellable    *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer         user_data);
CmBasemap              *cm_basemap_load_finish         (GAsyncResult    *result,
                                                        GError         **error);

/* File name without directories, or the display name given. */
const char             *cm_basemap_get_display_name    (CmBasemap       *self);
/* The file's "attribution" member, or NULL. */
const char             *cm_basemap_get_attribution     (CmBasemap       *self);
/* Human-readable notes about skipped input (bad rings, foreign
 * geometries); NULL-terminated, possibly empty. */
const char * const     *cm_basemap_get_warnings        (CmBasemap       *self);
/* The projection the file asks for, else one chosen for its extent;
 * returns whether the file named it. */
gboolean                cm_basemap_get_projection      (CmBasemap       *self,
                                                        CmProjection    *proj);
gboolean                cm_basemap_has_roles           (CmBasemap       *self);

guint                   cm_basemap_get_n_regions       (CmBasemap       *self);
const CmBasemapRegion  *cm_basemap_get_region          (CmBasemap       *self,
                                                        guint            index);
int                     cm_basemap_find_region         (CmBasemap       *self,
                                                        const char      *id);
/* The region a place stands for, by its name or local name (either may
 * be NULL), ignoring case and administrative words such as "Province" or
 * "省": with @country the country, else a province or a region of a
 * user's file (never a neighbour). -1 when none matches. */
int                     cm_basemap_find_region_by_name (CmBasemap       *self,
                                                        const char      *name,
                                                        const char      *local_name,
                                                        gboolean         country);
/* Ring @ring (0 .. n_rings-1) of region @index: n_points (lon, lat) pairs,
 * open (the closing point is not repeated). Holes are not flagged: fill
 * with the even-odd rule. */
const double           *cm_basemap_get_ring            (CmBasemap       *self,
                                                        guint            index,
                                                        guint            ring,
                                                        guint           *n_points);
guint                   cm_basemap_get_n_points        (CmBasemap       *self);
/* All points (lon, lat pairs) and ring starts (n_rings + 1 entries, the
 * last one the end), for callers that transform them in bulk. */
const double           *cm_basemap_get_points          (CmBasemap       *self,
                                                        guint           *n_points);
const guint            *cm_basemap_get_ring_starts     (CmBasemap       *self,
                                                        guint           *n_rings);
/* Extent of everything, and of what the map is about (country and
 * provinces, or every region when the file has no roles). */
void                    cm_basemap_get_bounds          (CmBasemap       *self,
                                                        double          *lon_min,
                                                        double          *lat_min,
                                                        double          *lon_max,
                                                        double          *lat_max);
void                    cm_basemap_get_focus_bounds    (CmBasemap       *self,
                                                        double          *lon_min,
                                                        double          *lat_min,
                                                        double          *lon_max,
                                                        double          *lat_max);
/* Index of the region whose polygon contains (lon, lat), preferring
 * provinces and regions over the country and neighbours, or -1. */
int                     cm_basemap_region_at           (CmBasemap       *self,
                                                        double           lon,
                                                        double           lat);

/* Levels of detail a file names (members "detail" and "regional"),
 * loaded from its directory on first use; NULL when there is none or it
 * did not load (a warning says why).
 *
 * The detail level has the same regions in the same order, drawn finer:
 * for views where one screen unit covers less than @below_km. */
gboolean                cm_basemap_has_detail          (CmBasemap       *self,
                                                        double          *below_km);
CmBasemap              *cm_basemap_get_detail          (CmBasemap       *self);
/* A regional map (its own regions, projection and detail) for data that
 * lies within @bounds (west, south, east, north in degrees). */
gboolean                cm_basemap_get_regional_bounds (CmBasemap       *self,
                                                        double           bounds[4]);
CmBasemap              *cm_basemap_get_regional        (CmBasemap       *self);

G_END_DECLS
