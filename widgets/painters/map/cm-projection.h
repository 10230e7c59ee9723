/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Map projections on a sphere. Projected coordinates are metres on the
 * sphere's surface scale, x east, y north. A spherical Albers differs from
 * the ellipsoidal one by about a pixel on a country-sized map, which is
 * below what a chart needs, so no PROJ. */

#define CM_PROJECTION_EARTH_RADIUS 6371008.8

typedef enum
{
  CM_PROJECTION_ALBERS,            /* equal-area conic */
  CM_PROJECTION_EQUIRECTANGULAR,   /* plate carrée, scaled at lat_ts */
  CM_PROJECTION_EQUAL_EARTH,       /* equal-area pseudocylindrical, for the world */
  CM_PROJECTION_MERCATOR,          /* conformal cylindrical */
} CmProjectionType;

typedef struct
{
  CmProjectionType type;
  double lon0;      /* central meridian, degrees */
  double lat0;      /* latitude of origin, degrees */
  double lat1;      /* standard parallels (Albers), degrees */
  double lat2;
  double lat_ts;    /* true-scale latitude (equirectangular), degrees */

  /*< private >*/
  double n, c, rho0, cos_ts;
  gboolean cylindrical;   /* Albers with n == 0: Lambert cylindrical */
} CmProjection;

gboolean cm_projection_init_albers          (CmProjection *proj,
                                             double        lon0,
                                             double        lat0,
                                             double        lat1,
                                             double        lat2);
void     cm_projection_init_equirectangular (CmProjection *proj,
                                             double        lon0,
                                             double        lat_ts);
void     cm_projection_init_equal_earth     (CmProjection *proj,
                                             double        lon0);
void     cm_projection_init_mercator        (CmProjection *proj,
                                             double        lon0);
/* The projection for a data set spanning these bounds: Albers with standard
 * parallels at 1/6 and 5/6 of the latitude range, centred on it, or
 * equirectangular when the data spans (nearly) the world. */
void     cm_projection_init_for_bounds      (CmProjection *proj,
                                             double        lon_min,
                                             double        lat_min,
                                             double        lon_max,
                                             double        lat_max);

/* The projection that suits data spanning these bounds (@lon_min may be
 * greater than @lon_max: the box then crosses the antimeridian): Albers
 * with parallels and meridian from the data for a region, Equal Earth
 * for (nearly) the world. */
void     cm_projection_init_auto            (CmProjection *proj,
                                             double        lon_min,
                                             double        lat_min,
                                             double        lon_max,
                                             double        lat_max);
/* The longitude range of @n points taken the short way round: the
 * complement of the widest gap between them, so points on both sides of
 * the antimeridian give @lon_min > @lon_max. FALSE when no point is
 * finite. NaN entries are skipped. */
gboolean cm_projection_lon_range            (const double *lon,
                                             gsize         n,
                                             gsize         stride,
                                             double       *lon_min,
                                             double       *lon_max);

void     cm_projection_forward              (const CmProjection *proj,
                                             double              lon,
                                             double              lat,
                                             double             *x,
                                             double             *y);
/* FALSE when (x, y) lies outside the projection's domain. */
gboolean cm_projection_inverse              (const CmProjection *proj,
                                             double              x,
                                             double              y,
                                             double             *lon,
                                             double             *lat);
/* Scale along the parallel at (lon, lat): projected metres per metre on
 * the ground, for scale bars. */
double   cm_projection_parallel_scale       (const CmProjection *proj,
                                             double              lat);
/* Scale along the parallel at (lon, lat), for any projection (Equal
 * Earth's varies with longitude too): what a scale bar at that point
 * needs. */
double   cm_projection_point_scale          (const CmProjection *proj,
                                             double              lon,
                                             double              lat);
/* Whether the projection is meant for the whole world (its scale varies
 * too much for one scale bar). */
gboolean cm_projection_is_world             (const CmProjection *proj);
gboolean cm_projection_equal                (const CmProjection *a,
                                             const CmProjection *b);
char    *cm_projection_to_string            (const CmProjection *proj);

G_END_DECLS
