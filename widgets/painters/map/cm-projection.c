/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <math.h>

#include "cm-projection.h"

#define DEG (G_PI / 180.0)
#define R   CM_PROJECTION_EARTH_RADIUS

/* Longitudes relative to the central meridian are wrapped into
 * [-180, 180] so a conic never folds over on itself. */
static double
wrap_degrees (double d)
{
  if (d > 180.0 || d < -180.0)
    d = remainder (d, 360.0);
  return d;
}

gboolean
cm_projection_init_albers (CmProjection *proj,
                           double        lon0,
                           double        lat0,
                           double        lat1,
                           double        lat2)
{
  double s1, s2;

  g_return_val_if_fail (proj != NULL, FALSE);

  if (!isfinite (lon0) || !isfinite (lat0) || !isfinite (lat1) || !isfinite (lat2)
      || fabs (lat0) > 90.0 || fabs (lat1) >= 90.0 || fabs (lat2) >= 90.0
      || fabs (lon0) > 360.0)
    return FALSE;

  *proj = (CmProjection) {
    .type = CM_PROJECTION_ALBERS,
    .lon0 = lon0, .lat0 = lat0, .lat1 = lat1, .lat2 = lat2, .lat_ts = lat1,
  };

  s1 = sin (lat1 * DEG);
  s2 = sin (lat2 * DEG);
  proj->n = (s1 + s2) / 2.0;

  /* Parallels symmetric about the equator make the cone a cylinder:
   * Lambert's cylindrical equal-area is the limit. */
  if (fabs (proj->n) < 1e-10)
    {
      proj->cylindrical = TRUE;
      proj->cos_ts = cos (lat1 * DEG);
      proj->rho0 = R * sin (lat0 * DEG) / proj->cos_ts;
      return TRUE;
    }

  proj->c = cos (lat1 * DEG) * cos (lat1 * DEG) + 2.0 * proj->n * s1;
  proj->rho0 = R * sqrt (MAX (0.0, proj->c - 2.0 * proj->n * sin (lat0 * DEG))) / proj->n;
  return TRUE;
}

void
cm_projection_init_equirectangular (CmProjection *proj,
                                    double        lon0,
                                    double        lat_ts)
{
  g_return_if_fail (proj != NULL);

  if (!isfinite (lon0))
    lon0 = 0.0;
  if (!isfinite (lat_ts) || fabs (lat_ts) >= 89.0)
    lat_ts = 0.0;

  *proj = (CmProjection) {
    .type = CM_PROJECTION_EQUIRECTANGULAR,
    .lon0 = lon0, .lat_ts = lat_ts,
    .cos_ts = cos (lat_ts * DEG),
  };
}

void
cm_projection_init_for_bounds (CmProjection *proj,
                               double        lon_min,
                               double        lat_min,
                               double        lon_max,
                               double        lat_max)
{
  double lon_span = lon_max - lon_min;
  double lat_span = lat_max - lat_min;
  double lat_c = (lat_min + lat_max) / 2.0;
  double lon_c = (lon_min + lon_max) / 2.0;

  g_return_if_fail (proj != NULL);

  if (!isfinite (lon_span) || !isfinite (lat_span) || lon_span < 0 || lat_span < 0)
    {
      cm_projection_init_equirectangular (proj, 0.0, 0.0);
      return;
    }

  /* A conic over more than about half the globe shears badly, and one
   * spanning both poles' regions has no sensible cone: use a plain grid. */
  if (lon_span > 200.0 || lat_span > 120.0)
    {
      cm_projection_init_equirectangular (proj, lon_span > 300.0 ? 0.0 : lon_c, 0.0);
      return;
    }

  /* Tiny extents (a city) still get distinct parallels. */
  if (lat_span < 1e-6)
    lat_span = 1e-6;

  if (!cm_projection_init_albers (proj, lon_c, lat_c,
                                  CLAMP (lat_min + lat_span / 6.0, -89.0, 89.0),
                                  CLAMP (lat_max - lat_span / 6.0, -89.0, 89.0)))
    cm_projection_init_equirectangular (proj, lon_c, lat_c);
}

void
cm_projection_forward (const CmProjection *proj,
                       double              lon,
                       double              lat,
                       double             *x,
                       double             *y)
{
  double lambda = wrap_degrees (lon - proj->lon0) * DEG;
  double phi = CLAMP (lat, -90.0, 90.0) * DEG;

  if (proj->type == CM_PROJECTION_EQUIRECTANGULAR)
    {
      *x = R * lambda * proj->cos_ts;
      *y = R * phi;
    }
  else if (proj->cylindrical)
    {
      *x = R * lambda * proj->cos_ts;
      *y = R * sin (phi) / proj->cos_ts - proj->rho0;
    }
  else
    {
      double rho = R * sqrt (MAX (0.0, proj->c - 2.0 * proj->n * sin (phi))) / proj->n;
      double theta = proj->n * lambda;

      *x = rho * sin (theta);
      *y = proj->rho0 - rho * cos (theta);
    }
}

gboolean
cm_projection_inverse (const CmProjection *proj,
                       double              x,
                       double              y,
                       double             *lon,
                       double             *lat)
{
  double lambda, phi;

  if (!isfinite (x) || !isfinite (y))
    return FALSE;

  if (proj->type == CM_PROJECTION_EQUIRECTANGULAR)
    {
      lambda = x / (R * proj->cos_ts);
      phi = y / R;
    }
  else if (proj->cylindrical)
    {
      double s = (y + proj->rho0) * proj->cos_ts / R;

      if (fabs (s) > 1.0 + 1e-12)
        return FALSE;
      lambda = x / (R * proj->cos_ts);
      phi = asin (CLAMP (s, -1.0, 1.0));
    }
  else
    {
      double sign = proj->n > 0 ? 1.0 : -1.0;
      double dy = proj->rho0 - y;
      double rho = sign * hypot (x, dy);
      double theta = atan2 (sign * x, sign * dy);
      double q = rho * proj->n / R;
      double s = (proj->c - q * q) / (2.0 * proj->n);

      if (fabs (s) > 1.0 + 1e-12)
        return FALSE;
      phi = asin (CLAMP (s, -1.0, 1.0));
      lambda = theta / proj->n;
    }

  if (fabs (lambda) > G_PI + 1e-9 || fabs (phi) > G_PI / 2 + 1e-9)
    return FALSE;

  *lon = wrap_degrees (proj->lon0 + lambda / DEG);
  *lat = phi / DEG;
  return TRUE;
}

double
cm_projection_parallel_scale (const CmProjection *proj,
                              double              lat)
{
  double phi = CLAMP (lat, -89.9, 89.9) * DEG;

  if (proj->type == CM_PROJECTION_EQUIRECTANGULAR || proj->cylindrical)
    return proj->cos_ts / cos (phi);

  return sqrt (MAX (0.0, proj->c - 2.0 * proj->n * sin (phi))) / cos (phi);
}

gboolean
cm_projection_equal (const CmProjection *a,
                     const CmProjection *b)
{
  if (a->type != b->type || a->lon0 != b->lon0)
    return FALSE;
  if (a->type == CM_PROJECTION_EQUIRECTANGULAR)
    return a->lat_ts == b->lat_ts;
  return a->lat0 == b->lat0 && a->lat1 == b->lat1 && a->lat2 == b->lat2;
}

char *
cm_projection_to_string (const CmProjection *proj)
{
  if (proj->type == CM_PROJECTION_EQUIRECTANGULAR)
    return g_strdup_printf ("equirectangular lon0=%g lat_ts=%g", proj->lon0, proj->lat_ts);
  return g_strdup_printf ("albers lon0=%g lat0=%g lat1=%g lat2=%g",
                          proj->lon0, proj->lat0, proj->lat1, proj->lat2);
}
