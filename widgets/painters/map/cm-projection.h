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
/* The projection for a data set spanning these bounds: Albers with standard
 * parallels at 1/6 and 5/6 of the latitude range, centred on it, or
 * equirectangular when the data spans (nearly) the world. */
void     cm_projection_init_for_bounds      (CmProjection *proj,
                                             double        lon_min,
                                             double        lat_min,
                                             double        lon_max,
                                             double        lat_max);

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
gboolean cm_projection_equal                (const CmProjection *a,
                                             const CmProjection *b);
char    *cm_projection_to_string            (const CmProjection *proj);

G_END_DECLS
