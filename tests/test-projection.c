/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "cm-basemap.h"
#include "cm-map-geometry.h"
#include "cm-projection.h"

#define WUHAN_LON 114.305
#define WUHAN_LAT 30.593

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static void
test_albers_known_points (void)
{
  CmProjection p;
  double x, y;

  g_assert_true (cm_projection_init_albers (&p, 105, 35, 25, 47));

  /* The origin maps to (0, 0). */
  cm_projection_forward (&p, 105, 35, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-6);

  /* Reference values from the spherical formulas (Snyder 1987, p. 100),
   * computed independently; within a metre. */
  cm_projection_forward (&p, WUHAN_LON, WUHAN_LAT, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 877748.745, 1.0);
  g_assert_cmpfloat_with_epsilon (y, -456799.228, 1.0);
  cm_projection_forward (&p, 87.6, 43.8, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, -1375157.919, 1.0);
  g_assert_cmpfloat_with_epsilon (y, 1115453.079, 1.0);

  /* East is +x, north is +y. */
  cm_projection_forward (&p, 121.47, 31.23, &x, &y);
  g_assert_cmpfloat (x, >, 877748.745);
}

static void
test_albers_round_trip (void)
{
  CmProjection p;

  cm_projection_init_albers (&p, 105, 35, 25, 47);
  for (double lon = 60; lon <= 150; lon += 3.7)
    for (double lat = -10; lat <= 70; lat += 2.9)
      {
        double x, y, lon2, lat2;

        cm_projection_forward (&p, lon, lat, &x, &y);
        g_assert_true (cm_projection_inverse (&p, x, y, &lon2, &lat2));
        g_assert_cmpfloat_with_epsilon (lon2, lon, 1e-9);
        g_assert_cmpfloat_with_epsilon (lat2, lat, 1e-9);
      }

  /* Southern cone too. */
  cm_projection_init_albers (&p, 135, -25, -18, -36);
  for (double lon = 110; lon <= 160; lon += 5)
    for (double lat = -45; lat <= -5; lat += 5)
      {
        double x, y, lon2, lat2;

        cm_projection_forward (&p, lon, lat, &x, &y);
        g_assert_true (cm_projection_inverse (&p, x, y, &lon2, &lat2));
        g_assert_cmpfloat_with_epsilon (lon2, lon, 1e-9);
        g_assert_cmpfloat_with_epsilon (lat2, lat, 1e-9);
      }
}

/* Equal area: a small cell's projected area equals its area on the
 * sphere, wherever it is. */
static void
test_albers_equal_area (void)
{
  CmProjection p;
  const double d = 0.01, R = CM_PROJECTION_EARTH_RADIUS, deg = G_PI / 180;

  cm_projection_init_albers (&p, 105, 35, 25, 47);
  for (double lat = 10; lat <= 60; lat += 10)
    {
      double x[4], y[4], projected, sphere;

      cm_projection_forward (&p, 100, lat, &x[0], &y[0]);
      cm_projection_forward (&p, 100 + d, lat, &x[1], &y[1]);
      cm_projection_forward (&p, 100 + d, lat + d, &x[2], &y[2]);
      cm_projection_forward (&p, 100, lat + d, &x[3], &y[3]);
      projected = 0;
      for (int i = 0; i < 4; i++)
        projected += x[i] * y[(i + 1) % 4] - x[(i + 1) % 4] * y[i];
      projected = fabs (projected) / 2;
      sphere = R * R * d * deg * (sin ((lat + d) * deg) - sin (lat * deg));
      g_assert_cmpfloat_with_epsilon (projected / sphere, 1.0, 1e-4);
    }

  /* True scale along the standard parallels. */
  g_assert_cmpfloat_with_epsilon (cm_projection_parallel_scale (&p, 25), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cm_projection_parallel_scale (&p, 47), 1.0, 1e-12);
  g_assert_cmpfloat (cm_projection_parallel_scale (&p, 35), <, 1.0);
}

static void
test_equirectangular (void)
{
  CmProjection p;
  double x, y, lon, lat;

  cm_projection_init_equirectangular (&p, 0, 0);
  cm_projection_forward (&p, 180, 90, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, G_PI * CM_PROJECTION_EARTH_RADIUS, 1e-3);
  g_assert_cmpfloat_with_epsilon (y, G_PI / 2 * CM_PROJECTION_EARTH_RADIUS, 1e-3);
  for (double lo = -180; lo <= 180; lo += 15)
    for (double la = -90; la <= 90; la += 15)
      {
        cm_projection_forward (&p, lo, la, &x, &y);
        g_assert_true (cm_projection_inverse (&p, x, y, &lon, &lat));
        g_assert_cmpfloat_with_epsilon (lat, la, 1e-9);
        if (fabs (lo) < 180)
          g_assert_cmpfloat_with_epsilon (lon, lo, 1e-9);
      }
  g_assert_false (cm_projection_inverse (&p, 1e9, 0, &lon, &lat));
}

static void
test_cylindrical_limit (void)
{
  CmProjection p;
  double x, y, lon, lat;

  /* Symmetric parallels make n = 0: the cone becomes a cylinder. */
  g_assert_true (cm_projection_init_albers (&p, 0, 0, -30, 30));
  cm_projection_forward (&p, 40, 50, &x, &y);
  g_assert_true (isfinite (x) && isfinite (y));
  g_assert_true (cm_projection_inverse (&p, x, y, &lon, &lat));
  g_assert_cmpfloat_with_epsilon (lon, 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 50, 1e-9);
}

static void
test_invalid_parameters (void)
{
  CmProjection p;

  g_assert_false (cm_projection_init_albers (&p, NAN, 35, 25, 47));
  g_assert_false (cm_projection_init_albers (&p, 105, 35, 90, 47));
  g_assert_false (cm_projection_init_albers (&p, 105, 95, 25, 47));
  g_assert_false (cm_projection_init_albers (&p, INFINITY, 35, 25, 47));
}

static void
test_for_bounds (void)
{
  CmProjection p;

  /* China's extent: parallels at 1/6 and 5/6 of the latitude range. */
  cm_projection_init_for_bounds (&p, 73, 18, 135, 54);
  g_assert_cmpint (p.type, ==, CM_PROJECTION_ALBERS);
  g_assert_cmpfloat_with_epsilon (p.lat1, 24, 1e-9);
  g_assert_cmpfloat_with_epsilon (p.lat2, 48, 1e-9);
  g_assert_cmpfloat_with_epsilon (p.lon0, 104, 1e-9);
  g_assert_cmpfloat_with_epsilon (p.lat0, 36, 1e-9);

  /* The world: a plain grid. */
  cm_projection_init_for_bounds (&p, -180, -85, 180, 85);
  g_assert_cmpint (p.type, ==, CM_PROJECTION_EQUIRECTANGULAR);

  /* A single point still gives a usable projection. */
  cm_projection_init_for_bounds (&p, 10, 50, 10, 50);
  {
    double x, y, lon, lat;

    cm_projection_forward (&p, 10.001, 50.001, &x, &y);
    g_assert_true (cm_projection_inverse (&p, x, y, &lon, &lat));
    g_assert_cmpfloat_with_epsilon (lon, 10.001, 1e-6);
  }
}

/* Equal Earth: values of the published formulas (Šavrič et al. 2018) on
 * our sphere, computed independently (Python, the paper's equations). */
static void
test_equal_earth (void)
{
  CmProjection p;
  double x, y, lon, lat;

  cm_projection_init_equal_earth (&p, 0);
  cm_projection_forward (&p, 0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-6);
  cm_projection_forward (&p, 180, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 17243963.44, 1.0);
  cm_projection_forward (&p, 0, 90, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, 8392929.73, 1.0);
  g_assert_true (cm_projection_is_world (&p));

  for (double lo = -179; lo <= 179; lo += 7.3)
    for (double la = -89; la <= 89; la += 4.1)
      {
        cm_projection_forward (&p, lo, la, &x, &y);
        g_assert_true (cm_projection_inverse (&p, x, y, &lon, &lat));
        g_assert_cmpfloat_with_epsilon (lon, lo, 1e-8);
        g_assert_cmpfloat_with_epsilon (lat, la, 1e-8);
      }

  /* Equal area: a small cell keeps its area on the sphere. */
  {
    const double d = 0.01, R = CM_PROJECTION_EARTH_RADIUS, deg = G_PI / 180;

    for (double la = -70; la <= 70; la += 35)
      {
        double px[4], py[4], a = 0, sphere;

        cm_projection_forward (&p, 40, la, &px[0], &py[0]);
        cm_projection_forward (&p, 40 + d, la, &px[1], &py[1]);
        cm_projection_forward (&p, 40 + d, la + d, &px[2], &py[2]);
        cm_projection_forward (&p, 40, la + d, &px[3], &py[3]);
        for (int i = 0; i < 4; i++)
          a += px[i] * py[(i + 1) % 4] - px[(i + 1) % 4] * py[i];
        sphere = R * R * d * deg * (sin ((la + d) * deg) - sin (la * deg));
        g_assert_cmpfloat_with_epsilon (fabs (a) / 2 / sphere, 1.0, 1e-4);
      }
  }

  /* Centred on the antimeridian: Fiji's two sides are neighbours. */
  cm_projection_init_equal_earth (&p, 180);
  {
    double x1, y1, x2, y2;

    cm_projection_forward (&p, 179.5, -17, &x1, &y1);
    cm_projection_forward (&p, -179.5, -17, &x2, &y2);
    g_assert_cmpfloat (fabs (x1 - x2), <, 150e3);
    g_assert_cmpfloat (x1, <, x2);
  }
}

static void
test_mercator (void)
{
  CmProjection p;
  double x, y, lon, lat;

  cm_projection_init_mercator (&p, 0);
  cm_projection_forward (&p, 90, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, G_PI / 2 * CM_PROJECTION_EARTH_RADIUS, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-6);
  /* y = R ln tan (45° + φ/2): at 60° N, R × 1.316957897. */
  cm_projection_forward (&p, 0, 60, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, CM_PROJECTION_EARTH_RADIUS * 1.3169578969248166, 1e-3);
  g_assert_cmpfloat_with_epsilon (cm_projection_point_scale (&p, 10, 60), 2.0, 1e-9);
  g_assert_false (cm_projection_is_world (&p));
  for (double lo = -179; lo <= 179; lo += 9.7)
    for (double la = -84; la <= 84; la += 6.1)
      {
        cm_projection_forward (&p, lo, la, &x, &y);
        g_assert_true (cm_projection_inverse (&p, x, y, &lon, &lat));
        g_assert_cmpfloat_with_epsilon (lon, lo, 1e-9);
        g_assert_cmpfloat_with_epsilon (lat, la, 1e-9);
      }
}

static void
test_auto (void)
{
  CmProjection p;
  const double pacific[] = { 178.4, -18.1, -171.8, -13.8, -175.2, -21.1, -177.9, -29.3, -150.0, 61.2 };
  const double world[] = { 2.35, 48.86, -118.2, 34.0, 151.2, -33.9, 139.7, 35.7, -46.6, -23.5 };
  double lo, hi;

  /* China: an Albers cone with parallels and meridian from the data. */
  cm_projection_init_auto (&p, 73, 18, 135, 54);
  g_assert_cmpint (p.type, ==, CM_PROJECTION_ALBERS);
  g_assert_cmpfloat_with_epsilon (p.lon0, 104, 1e-9);
  g_assert_cmpfloat_with_epsilon (p.lat1, 24, 1e-9);
  g_assert_cmpfloat_with_epsilon (p.lat2, 48, 1e-9);

  /* Fiji, Samoa, Tonga, Kermadec and Alaska: the short way round is
   * across the antimeridian, and the cone is centred there. */
  g_assert_true (cm_projection_lon_range (pacific, 5, 2, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (lo, 178.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (hi, -150.0, 1e-9);
  cm_projection_init_auto (&p, lo, -29.3, hi, 61.2);
  g_assert_cmpint (p.type, ==, CM_PROJECTION_ALBERS);
  g_assert_cmpfloat (fabs (remainder (p.lon0 - 194.2, 360.0)), <, 0.01);

  /* The world: Equal Earth. */
  g_assert_true (cm_projection_lon_range (world, 5, 2, &lo, &hi));
  cm_projection_init_auto (&p, lo, -33.9, hi, 48.86);
  g_assert_cmpint (p.type, ==, CM_PROJECTION_EQUAL_EARTH);
  g_assert_false (cm_projection_lon_range (world, 0, 2, &lo, &hi));
}

/* Geometry ----------------------------------------------------------------- */

/* A 10×10 square with a 4×4 hole, and a separate 2×2 island. */
static const double shape[] = {
  0, 0, 10, 0, 10, 10, 0, 10,
  3, 3, 7, 3, 7, 7, 3, 7,
  20, 0, 22, 0, 22, 2, 20, 2,
};
static const guint shape_starts[] = { 0, 4, 8, 12 };

static void
test_point_in_polygon (void)
{
  g_assert_true (cm_map_rings_contain_point (shape, shape_starts, 3, 1, 1));
  g_assert_true (cm_map_rings_contain_point (shape, shape_starts, 3, 9, 5));
  g_assert_false (cm_map_rings_contain_point (shape, shape_starts, 3, 5, 5));   /* hole */
  g_assert_true (cm_map_rings_contain_point (shape, shape_starts, 3, 21, 1));   /* island */
  g_assert_false (cm_map_rings_contain_point (shape, shape_starts, 3, 15, 5));
  g_assert_false (cm_map_rings_contain_point (shape, shape_starts, 3, -1, 5));

  /* Distances: positive inside, negative outside. */
  g_assert_cmpfloat_with_epsilon (cm_map_rings_distance (shape, shape_starts, 3, 1.5, 5), 1.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (cm_map_rings_distance (shape, shape_starts, 3, 5, 5), -2, 1e-12);
}

static void
test_contain_box_and_pole (void)
{
  CmMapBox inside = { 0.5, 0.5, 2.5, 2.5 };
  CmMapBox over_hole = { 2, 2, 4, 4 };
  CmMapBox around_hole = { 2, 2, 8, 8 };
  double x, y, d;

  g_assert_true (cm_map_rings_contain_box (shape, shape_starts, 3, &inside));
  g_assert_false (cm_map_rings_contain_box (shape, shape_starts, 3, &over_hole));
  /* All four corners inside, but the hole is within: edges enter. */
  g_assert_false (cm_map_rings_contain_box (shape, shape_starts, 3, &around_hole));

  /* The pole of an annulus-like square lies in the ring, not the hole. */
  d = cm_map_rings_pole (shape, shape_starts, 3, 0.01, &x, &y);
  g_assert_true (cm_map_rings_contain_point (shape, shape_starts, 3, x, y));
  g_assert_cmpfloat (d, >=, 1.4);

  /* A C shape: the centre of its box is outside, its pole is not. */
  {
    const double c[] = { 0, 0, 10, 0, 10, 2, 2, 2, 2, 8, 10, 8, 10, 10, 0, 10 };
    const guint cs[] = { 0, 8 };

    g_assert_false (cm_map_rings_contain_point (c, cs, 1, 5, 5));
    cm_map_rings_pole (c, cs, 1, 0.01, &x, &y);
    g_assert_true (cm_map_rings_contain_point (c, cs, 1, x, y));
  }
}

/* Base map ----------------------------------------------------------------- */

static CmBasemap *
load_fixture (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  CmBasemap *basemap = cm_basemap_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (basemap);
  return basemap;
}

static void
assert_wuhan_in_hubei (CmBasemap *basemap)
{
  int hubei = cm_basemap_find_region (basemap, "CN-HB");
  const CmBasemapRegion *r;
  CmProjection p;
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  double wx, wy;
  guint zero = 0;

  g_assert_cmpint (hubei, >=, 0);
  g_assert_cmpint (cm_basemap_region_at (basemap, WUHAN_LON, WUHAN_LAT), ==, hubei);

  /* Same test after projection, on projected rings. */
  cm_basemap_get_projection (basemap, &p);
  r = cm_basemap_get_region (basemap, hubei);
  g_array_append_val (starts, zero);
  for (guint k = 0; k < r->n_rings; k++)
    {
      guint n;
      const double *ring = cm_basemap_get_ring (basemap, hubei, k, &n);

      for (guint i = 0; i < n; i++)
        {
          double x, y;

          cm_projection_forward (&p, ring[2 * i], ring[2 * i + 1], &x, &y);
          g_array_append_val (xy, x);
          g_array_append_val (xy, y);
        }
      n = xy->len / 2;
      g_array_append_val (starts, n);
    }
  cm_projection_forward (&p, WUHAN_LON, WUHAN_LAT, &wx, &wy);
  g_assert_true (cm_map_rings_contain_point ((double *) xy->data, (guint *) starts->data,
                                             r->n_rings, wx, wy));
  /* Shanghai is not in Hubei. */
  cm_projection_forward (&p, 121.47, 31.23, &wx, &wy);
  g_assert_false (cm_map_rings_contain_point ((double *) xy->data, (guint *) starts->data,
                                              r->n_rings, wx, wy));
}

static void
test_basemap_fixture (void)
{
  g_autoptr(CmBasemap) basemap = load_fixture ("map-mini.geojson");
  CmProjection p;
  const CmBasemapRegion *r;
  int sh;

  g_assert_cmpuint (cm_basemap_get_n_regions (basemap), ==, 7);
  g_assert_true (cm_basemap_has_roles (basemap));
  g_assert_cmpstr (cm_basemap_get_attribution (basemap), ==, "Test fixture: hand-drawn shapes");
  g_assert_cmpstr (cm_basemap_get_display_name (basemap), ==, "map-mini.geojson");
  g_assert_true (cm_basemap_get_projection (basemap, &p));
  g_assert_cmpint (p.type, ==, CM_PROJECTION_ALBERS);
  g_assert_cmpfloat (p.lon0, ==, 105);
  g_assert_cmpfloat (p.lat1, ==, 25);

  r = cm_basemap_get_region (basemap, 0);
  g_assert_cmpint (r->role, ==, CM_BASEMAP_ROLE_NEIGHBOUR);
  g_assert_cmpint (cm_basemap_get_region (basemap, 1)->role, ==, CM_BASEMAP_ROLE_COUNTRY);
  r = cm_basemap_get_region (basemap, cm_basemap_find_region (basemap, "CN-AH"));
  g_assert_cmpstr (r->name, ==, "Anhui");
  g_assert_cmpstr (r->name_zh, ==, "安徽省");
  g_assert_cmpstr (r->name_zh_short, ==, "安徽");
  g_assert_cmpint (r->role, ==, CM_BASEMAP_ROLE_PROVINCE);

  /* MultiPolygon with a hole: three rings, the closing points dropped. */
  sh = cm_basemap_find_region (basemap, "CN-SH");
  r = cm_basemap_get_region (basemap, sh);
  g_assert_cmpuint (r->n_rings, ==, 3);
  {
    guint n;

    cm_basemap_get_ring (basemap, sh, 0, &n);
    g_assert_cmpuint (n, ==, 4);
  }
  g_assert_cmpint (cm_basemap_region_at (basemap, 121.0, 30.8), ==, sh);
  /* In the hole: not Shanghai (the country's polygon has the hole too). */
  g_assert_cmpint (cm_basemap_region_at (basemap, 121.4, 31.1), ==, -1);
  g_assert_cmpint (cm_basemap_region_at (basemap, 122.4, 30.2), ==, sh);

  assert_wuhan_in_hubei (basemap);
  g_assert_cmpint (cm_basemap_find_region (basemap, "nope"), ==, -1);
}

/* The real base map, when it has been generated. */
static void
test_basemap_china (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_ROOT") ? g_getenv ("CM_SOURCE_ROOT") : ".",
                                            "data", "basemap", "china.geojson", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmBasemap) basemap = NULL;
  CmProjection p;
  guint provinces = 0;

  /* The base map is part of the repository: missing, it is a failure. */
  basemap = cm_basemap_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (cm_basemap_get_projection (basemap, &p));
  g_assert_cmpfloat (p.lat1, ==, 25);
  g_assert_cmpfloat (p.lat2, ==, 47);
  g_assert_nonnull (cm_basemap_get_attribution (basemap));
  for (guint i = 0; i < cm_basemap_get_n_regions (basemap); i++)
    provinces += cm_basemap_get_region (basemap, i)->role == CM_BASEMAP_ROLE_PROVINCE;
  g_assert_cmpuint (provinces, ==, 34);
  assert_wuhan_in_hubei (basemap);
  /* Beijing, Lhasa, Ürümqi, Guangzhou. */
  g_assert_cmpstr (cm_basemap_get_region (basemap, cm_basemap_region_at (basemap, 116.4, 39.9))->id, ==, "CN-BJ");
  g_assert_cmpstr (cm_basemap_get_region (basemap, cm_basemap_region_at (basemap, 91.1, 29.65))->id, ==, "CN-XZ");
  g_assert_cmpstr (cm_basemap_get_region (basemap, cm_basemap_region_at (basemap, 87.6, 43.8))->id, ==, "CN-XJ");
  g_assert_cmpstr (cm_basemap_get_region (basemap, cm_basemap_region_at (basemap, 113.26, 23.13))->id, ==, "CN-GD");
}

static void
test_basemap_user_file (void)
{
  g_autoptr(CmBasemap) basemap = load_fixture ("map-user.geojson");
  const char * const *warnings = cm_basemap_get_warnings (basemap);
  CmProjection p;

  g_assert_cmpuint (cm_basemap_get_n_regions (basemap), ==, 2);
  g_assert_false (cm_basemap_has_roles (basemap));
  g_assert_null (cm_basemap_get_attribution (basemap));
  g_assert_cmpstr (cm_basemap_get_display_name (basemap), ==, "map-user.geojson");
  g_assert_cmpint (cm_basemap_get_region (basemap, 0)->role, ==, CM_BASEMAP_ROLE_REGION);
  g_assert_cmpstr (cm_basemap_get_region (basemap, 0)->name, ==, "North");
  g_assert_cmpstr (cm_basemap_get_region (basemap, 0)->id, ==, "7");
  g_assert_cmpstr (cm_basemap_get_region (basemap, 1)->name, ==, "South");
  g_assert_cmpstr (cm_basemap_get_region (basemap, 1)->name_zh, ==, "南");

  /* No projection member: Albers fitted to the extent (46..53 N). */
  g_assert_false (cm_basemap_get_projection (basemap, &p));
  g_assert_cmpint (p.type, ==, CM_PROJECTION_ALBERS);
  g_assert_cmpfloat_with_epsilon (p.lat1, 46 + 7.0 / 6, 1e-9);
  g_assert_cmpfloat_with_epsilon (p.lat2, 53 - 7.0 / 6, 1e-9);

  /* The line string and the polygon at latitude 95 were reported. */
  g_assert_nonnull (warnings);
  g_assert_cmpuint (g_strv_length ((char **) warnings), >=, 2);
}

typedef struct
{
  const char *json;
  int         code;
} BadInput;

static void
test_basemap_errors (void)
{
  static const BadInput cases[] = {
    { "", CM_BASEMAP_ERROR_INVALID_JSON },
    { "   ", CM_BASEMAP_ERROR_INVALID_JSON },
    { "{\"type\": \"FeatureCollection\", \"features\": [],}", CM_BASEMAP_ERROR_INVALID_JSON },
    { "{\"type\": \"FeatureCollection\", \"features\": [NaN]}", CM_BASEMAP_ERROR_INVALID_JSON },
    { "[1, 2, 3]", CM_BASEMAP_ERROR_NOT_GEOJSON },
    { "{\"type\": \"Topology\"}", CM_BASEMAP_ERROR_NOT_GEOJSON },
    { "{\"type\": \"FeatureCollection\", \"features\": []}", CM_BASEMAP_ERROR_NO_POLYGONS },
    { "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\": "
      "{\"type\": \"Point\", \"coordinates\": [1, 2]}, \"properties\": null}]}", CM_BASEMAP_ERROR_NO_POLYGONS },
    /* Empty rings, too few points, out-of-range and non-numeric coordinates. */
    { "{\"type\": \"Polygon\", \"coordinates\": [[]]}", CM_BASEMAP_ERROR_NO_POLYGONS },
    { "{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,1],[0,0]]]}", CM_BASEMAP_ERROR_NO_POLYGONS },
    { "{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,0],[1,91],[0,0]]]}", CM_BASEMAP_ERROR_NO_POLYGONS },
    { "{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[1,0],[\"1\",1],[0,0]]]}", CM_BASEMAP_ERROR_NO_POLYGONS },
    { "{\"type\": \"MultiPolygon\", \"coordinates\": [[[[0,0],[1,0],[1e300,1],[0,0]]]]}", CM_BASEMAP_ERROR_NO_POLYGONS },
    { "{\"type\": \"Polygon\", \"coordinates\": 5}", CM_BASEMAP_ERROR_NO_POLYGONS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CmBasemap) basemap = NULL;

      basemap = cm_basemap_new_from_data (cases[i].json, strlen (cases[i].json), "bad.geojson", &error);
      g_assert_null (basemap);
      g_assert_error (error, CM_BASEMAP_ERROR, cases[i].code);
      /* Every message names the file. */
      g_assert_true (g_str_has_prefix (error->message, "bad.geojson"));
    }
}

static void
test_basemap_deep_nesting (void)
{
  g_autoptr(GString) s = g_string_new ("{\"type\": \"Polygon\", \"coordinates\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(CmBasemap) basemap = NULL;

  /* json-glib alone would recurse until the stack ran out. */
  for (int i = 0; i < 200000; i++)
    g_string_append_c (s, '[');
  basemap = cm_basemap_new_from_data (s->str, s->len, "deep.geojson", &error);
  g_assert_null (basemap);
  g_assert_error (error, CM_BASEMAP_ERROR, CM_BASEMAP_ERROR_INVALID_JSON);
}

static void
test_basemap_geometry_forms (void)
{
  static const char *json =
    "\xef\xbb\xbf{\"type\": \"GeometryCollection\", \"geometries\": ["
    "{\"type\": \"Polygon\", \"coordinates\": [[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]},"
    "{\"type\": \"LineString\", \"coordinates\": [[0,0],[1,1]]},"
    "{\"type\": \"GeometryCollection\", \"geometries\": []}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CmBasemap) basemap = cm_basemap_new_from_data (json, strlen (json), "gc.geojson", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cm_basemap_get_n_regions (basemap), ==, 1);
  g_assert_cmpuint (cm_basemap_get_region (basemap, 0)->n_rings, ==, 2);
  g_assert_cmpstr (cm_basemap_get_region (basemap, 0)->id, ==, "region-0");
  g_assert_null (cm_basemap_get_region (basemap, 0)->name);
}

static void
test_basemap_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cm-map-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.geojson", NULL);
  CmBasemap *basemap;

  basemap = cm_basemap_new_from_file ("/nonexistent/map.geojson", &error);
  g_assert_null (basemap);
  g_assert_error (error, CM_BASEMAP_ERROR, CM_BASEMAP_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "map.geojson"));
  g_clear_error (&error);

  basemap = cm_basemap_new_from_file (dir, &error);
  g_assert_null (basemap);
  g_assert_error (error, CM_BASEMAP_ERROR, CM_BASEMAP_ERROR_IO);
  g_clear_error (&error);

  /* A FIFO without a writer must fail, not hang. */
  if (mkfifo (fifo, 0600) == 0)
    {
      basemap = cm_basemap_new_from_file (fifo, &error);
      g_assert_null (basemap);
      g_assert_error (error, CM_BASEMAP_ERROR, CM_BASEMAP_ERROR_IO);
      g_clear_error (&error);
      g_unlink (fifo);
    }
  g_rmdir (dir);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CmBasemap **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = cm_basemap_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_basemap_async (void)
{
  g_autofree char *path = data_path ("map-mini.geojson");
  CmBasemap *basemap = NULL;

  cm_basemap_load_async (path, NULL, loaded_cb, &basemap);
  while (basemap == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (cm_basemap_get_n_regions (basemap), ==, 7);
  g_object_unref (basemap);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map/projection/albers/known-points", test_albers_known_points);
  g_test_add_func ("/map/projection/albers/round-trip", test_albers_round_trip);
  g_test_add_func ("/map/projection/albers/equal-area", test_albers_equal_area);
  g_test_add_func ("/map/projection/albers/cylindrical-limit", test_cylindrical_limit);
  g_test_add_func ("/map/projection/equirectangular", test_equirectangular);
  g_test_add_func ("/map/projection/invalid", test_invalid_parameters);
  g_test_add_func ("/map/projection/for-bounds", test_for_bounds);
  g_test_add_func ("/map/projection/equal-earth", test_equal_earth);
  g_test_add_func ("/map/projection/mercator", test_mercator);
  g_test_add_func ("/map/projection/auto", test_auto);
  g_test_add_func ("/map/geometry/point-in-polygon", test_point_in_polygon);
  g_test_add_func ("/map/geometry/contain-box-and-pole", test_contain_box_and_pole);
  g_test_add_func ("/map/basemap/fixture", test_basemap_fixture);
  g_test_add_func ("/map/basemap/china", test_basemap_china);
  g_test_add_func ("/map/basemap/user-file", test_basemap_user_file);
  g_test_add_func ("/map/basemap/errors", test_basemap_errors);
  g_test_add_func ("/map/basemap/deep-nesting", test_basemap_deep_nesting);
  g_test_add_func ("/map/basemap/geometry-forms", test_basemap_geometry_forms);
  g_test_add_func ("/map/basemap/files", test_basemap_files);
  g_test_add_func ("/map/basemap/async", test_basemap_async);

  return g_test_run ();
}
