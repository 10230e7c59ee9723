/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <math.h>

#include "cm-projection.h"

#define DEG (G_PI / 180.0)
#define R   CM_PROJECTION_EARTH_RADIUS

/* Equal Earth (Šavrič, Patterson and Jenny 2018), its polynomial. */
#define EE_A1 1.340264
#define EE_A2 (-0.081106)
#define EE_A3 0.000893
#define EE_A4 0.003796
#define SQRT3 1.7320508075688772935
#define EE_M  (SQRT3 / 2.0)

/* Mercator stops where a square world would: its y grows without bound
 * towards the poles. */
#define MERCATOR_MAX_LAT 85.05112878

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
cm_projection_init_equal_earth (CmProjection *proj,
                                double        lon0)
{
  g_return_if_fail (proj != NULL);

  *proj = (CmProjection) {
    .type = CM_PROJECTION_EQUAL_EARTH,
    .lon0 = isfinite (lon0) ? wrap_degrees (lon0) : 0.0,
  };
}

void
cm_projection_init_mercator (CmProjection *proj,
                             double        lon0)
{
  g_return_if_fail (proj != NULL);

  *proj = (CmProjection) {
    .type = CM_PROJECTION_MERCATOR,
    .lon0 = isfinite (lon0) ? wrap_degrees (lon0) : 0.0,
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

gboolean
cm_projection_lon_range (const double *lon,
                         gsize         n,
                         gsize         stride,
                         double       *lon_min,
                         double       *lon_max)
{
  g_autofree double *v = NULL;
  gsize m = 0, widest = 0;
  double gap = -1;

  g_return_val_if_fail (lon_min != NULL && lon_max != NULL, FALSE);

  v = g_new (double, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      double l = lon[i * stride];

      if (isfinite (l))
        v[m++] = remainder (l, 360.0);   /* [-180, 180] */
    }
  if (m == 0)
    return FALSE;

  /* Sorted longitudes on a circle: the range is everything but the widest
   * gap between neighbours (the last gap wraps round through ±180). */
  for (gsize i = 1; i < m; i++)
    {
      double x = v[i];
      gsize j = i;

      for (; j > 0 && v[j - 1] > x; j--)
        v[j] = v[j - 1];
      v[j] = x;
    }
  for (gsize i = 0; i < m; i++)
    {
      double g = i + 1 < m ? v[i + 1] - v[i] : v[0] + 360.0 - v[m - 1];

      if (g > gap)
        {
          gap = g;
          widest = i;
        }
    }
  *lon_min = v[(widest + 1) % m];
  *lon_max = v[widest];
  return TRUE;
}

void
cm_projection_init_auto (CmProjection *proj,
                         double        lon_min,
                         double        lat_min,
                         double        lon_max,
                         double        lat_max)
{
  double lon_span, lon_c, lat_span;

  g_return_if_fail (proj != NULL);

  if (!isfinite (lon_min) || !isfinite (lon_max) || !isfinite (lat_min) || !isfinite (lat_max)
      || lat_min > lat_max)
    {
      cm_projection_init_equal_earth (proj, 0.0);
      return;
    }
  lon_span = lon_max - lon_min;
  if (lon_span < 0)
    lon_span += 360.0;
  lon_c = wrap_degrees (lon_min + lon_span / 2.0);
  lat_span = lat_max - lat_min;

  /* A cone over more than about a hemisphere shears the edges badly, and
   * data from both hemispheres' high latitudes has no sensible cone: the
   * world projection, centred on the data unless it goes all round. */
  if (lon_span > 150.0 || lat_span > 100.0 || (lat_min < -30.0 && lat_max > 30.0))
    {
      cm_projection_init_equal_earth (proj, lon_span > 300.0 ? 0.0 : lon_c);
      return;
    }

  /* Parallels at 1/6 and 5/6 of the latitude range; a small extent still
   * gets a cone of some opening, centred on it. */
  if (lat_span < 2.0)
    {
      lat_min -= (2.0 - lat_span) / 2.0;
      lat_max += (2.0 - lat_span) / 2.0;
      lat_span = 2.0;
    }
  if (!cm_projection_init_albers (proj, round (lon_c * 100.0) / 100.0,
                                  round ((lat_min + lat_max) / 2.0 * 100.0) / 100.0,
                                  round (CLAMP (lat_min + lat_span / 6.0, -85.0, 85.0) * 100.0) / 100.0,
                                  round (CLAMP (lat_max - lat_span / 6.0, -85.0, 85.0) * 100.0) / 100.0))
    cm_projection_init_equal_earth (proj, lon_c);
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
  else if (proj->type == CM_PROJECTION_EQUAL_EARTH)
    {
      double t = asin (EE_M * sin (phi)), t2 = t * t, t6 = t2 * t2 * t2;

      *x = R * 2.0 * SQRT3 * lambda * cos (t)
           / (3.0 * (9.0 * EE_A4 * t6 * t2 + 7.0 * EE_A3 * t6 + 3.0 * EE_A2 * t2 + EE_A1));
      *y = R * t * (EE_A4 * t6 * t2 + EE_A3 * t6 + EE_A2 * t2 + EE_A1);
    }
  else if (proj->type == CM_PROJECTION_MERCATOR)
    {
      phi = CLAMP (lat, -MERCATOR_MAX_LAT, MERCATOR_MAX_LAT) * DEG;
      *x = R * lambda;
      *y = R * log (tan (G_PI / 4.0 + phi / 2.0));
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
  else if (proj->type == CM_PROJECTION_EQUAL_EARTH)
    {
      double yr = y / R, t = yr, t2, t6, d = 0.0;

      /* Newton on y(t); converges in a handful of steps everywhere. */
      for (int i = 0; i < 12; i++)
        {
          double f;

          t2 = t * t;
          t6 = t2 * t2 * t2;
          f = t * (EE_A4 * t6 * t2 + EE_A3 * t6 + EE_A2 * t2 + EE_A1) - yr;
          d = 9.0 * EE_A4 * t6 * t2 + 7.0 * EE_A3 * t6 + 3.0 * EE_A2 * t2 + EE_A1;
          t -= f / d;
          if (fabs (f) < 1e-13)
            break;
        }
      t2 = t * t;
      t6 = t2 * t2 * t2;
      d = 9.0 * EE_A4 * t6 * t2 + 7.0 * EE_A3 * t6 + 3.0 * EE_A2 * t2 + EE_A1;
      if (fabs (sin (t) / EE_M) > 1.0 + 1e-12)
        return FALSE;
      phi = asin (CLAMP (sin (t) / EE_M, -1.0, 1.0));
      lambda = 3.0 * (x / R) * d / (2.0 * SQRT3 * cos (t));
    }
  else if (proj->type == CM_PROJECTION_MERCATOR)
    {
      lambda = x / R;
      phi = 2.0 * atan (exp (y / R)) - G_PI / 2.0;
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
  if (proj->type == CM_PROJECTION_MERCATOR)
    return 1.0 / cos (phi);
  if (proj->type == CM_PROJECTION_EQUAL_EARTH)
    return cm_projection_point_scale (proj, proj->lon0, lat);

  return sqrt (MAX (0.0, proj->c - 2.0 * proj->n * sin (phi))) / cos (phi);
}

double
cm_projection_point_scale (const CmProjection *proj,
                           double              lon,
                           double              lat)
{
  double h = 1e-4, x0, y0, x1, y1, ground;

  g_return_val_if_fail (proj != NULL, 1.0);

  if (proj->type != CM_PROJECTION_EQUAL_EARTH)
    return cm_projection_parallel_scale (proj, lat);

  /* Numerically: a step of @h degrees along the parallel, centred. */
  lat = CLAMP (lat, -89.9, 89.9);
  cm_projection_forward (proj, lon - h / 2, lat, &x0, &y0);
  cm_projection_forward (proj, lon + h / 2, lat, &x1, &y1);
  ground = R * h * DEG * cos (lat * DEG);
  return hypot (x1 - x0, y1 - y0) / ground;
}

gboolean
cm_projection_is_world (const CmProjection *proj)
{
  g_return_val_if_fail (proj != NULL, FALSE);
  return proj->type == CM_PROJECTION_EQUAL_EARTH;
}

gboolean
cm_projection_equal (const CmProjection *a,
                     const CmProjection *b)
{
  if (a->type != b->type || a->lon0 != b->lon0)
    return FALSE;
  if (a->type == CM_PROJECTION_EQUIRECTANGULAR)
    return a->lat_ts == b->lat_ts;
  if (a->type == CM_PROJECTION_EQUAL_EARTH || a->type == CM_PROJECTION_MERCATOR)
    return TRUE;
  return a->lat0 == b->lat0 && a->lat1 == b->lat1 && a->lat2 == b->lat2;
}

char *
cm_projection_to_string (const CmProjection *proj)
{
  if (proj->type == CM_PROJECTION_EQUIRECTANGULAR)
    return g_strdup_printf ("equirectangular lon0=%g lat_ts=%g", proj->lon0, proj->lat_ts);
  if (proj->type == CM_PROJECTION_EQUAL_EARTH)
    return g_strdup_printf ("equal-earth lon0=%g", proj->lon0);
  if (proj->type == CM_PROJECTION_MERCATOR)
    return g_strdup_printf ("mercator lon0=%g", proj->lon0);
  return g_strdup_printf ("albers lon0=%g lat0=%g lat1=%g lat2=%g",
                          proj->lon0, proj->lat0, proj->lat1, proj->lat2);
}
