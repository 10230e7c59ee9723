/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <sys/stat.h>
#include <time.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "cm-basemap.h"
#include "cm-map-painter.h"
#include "cm-map-painter-private.h"

/* The bundled world base map, data/basemap/world.geojson: what the
 * generator promises about it. */

static char *
basemap_path (const char *name)
{
  return g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "basemap", name, NULL);
}

static char *
world_path (void)
{
  return basemap_path ("world.geojson");
}

static CmBasemap *
load_world (void)
{
  g_autofree char *path = world_path ();
  g_autoptr(GError) error = NULL;
  CmBasemap *basemap = cm_basemap_new_from_file (path, &error);

  g_assert_no_error (error);
  return basemap;
}

/* Every ISO 3166-1 code (Debian's iso-codes 4.15, copied in tests/data)
 * has a region at both levels: a country, or for Hong Kong, Macao and
 * Taiwan the provincial unit DCW draws them as. Tiny territories (Vatican
 * City, Monaco, Tokelau, Tuvalu…) too, though the grid is coarser than
 * they are. */
static void
check_iso_codes (CmBasemap *world)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "iso-3166-1-alpha-2.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *code = lines[i];
      g_autofree char *as_province = g_strdup_printf ("CN-%s", code);
      const CmBasemapRegion *region;
      int r;

      if (code[0] == '\0' || code[0] == '#')
        continue;
      n++;
      r = cm_basemap_find_region (world, code);
      if (r < 0 && (g_str_equal (code, "HK") || g_str_equal (code, "MO") || g_str_equal (code, "TW")))
        r = cm_basemap_find_region (world, as_province);
      if (r < 0)
        g_error ("%s: no region for %s", cm_basemap_get_display_name (world), code);
      region = cm_basemap_get_region (world, r);
      g_assert_cmpuint (region->n_rings, >, 0);
      /* English and Chinese names, for labels in either language. */
      if (region->name == NULL || region->name_zh == NULL)
        g_error ("%s: %s has no %s name", cm_basemap_get_display_name (world), code,
                 region->name == NULL ? "English" : "Chinese");
    }
  g_assert_cmpuint (n, ==, 249);
}

static void
test_iso_codes (void)
{
  g_autoptr(CmBasemap) world = load_world ();
  CmBasemap *detail = cm_basemap_get_detail (world);

  check_iso_codes (world);
  g_assert_nonnull (detail);
  check_iso_codes (detail);
}

/* The levels: world.geojson names a detail level with the same regions in
 * the same order, and the China map for data in China; the three fit the
 * budget on disk. */
static void
test_levels (void)
{
  g_autoptr(CmBasemap) world = load_world ();
  CmBasemap *detail, *regional;
  const char *files[] = { "world.geojson", "world-detail.geojson", "china.geojson" };
  double below_km = 0, b[4];
  guint64 total = 0;

  g_assert_true (cm_basemap_has_detail (world, &below_km));
  g_assert_cmpfloat (below_km, >, 0);
  detail = cm_basemap_get_detail (world);
  g_assert_nonnull (detail);
  g_assert_true (cm_basemap_get_detail (world) == detail);
  g_assert_cmpuint (cm_basemap_get_n_regions (detail), ==, cm_basemap_get_n_regions (world));
  for (guint r = 0; r < cm_basemap_get_n_regions (world); r++)
    g_assert_cmpstr (cm_basemap_get_region (detail, r)->id, ==, cm_basemap_get_region (world, r)->id);
  /* Finer: more points for the same regions. */
  g_assert_cmpuint (cm_basemap_get_n_points (detail), >, 2 * cm_basemap_get_n_points (world));

  g_assert_true (cm_basemap_get_regional_bounds (world, b));
  g_assert_cmpfloat (b[0], <, 80);
  g_assert_cmpfloat (b[2], >, 130);
  regional = cm_basemap_get_regional (world);
  g_assert_nonnull (regional);
  g_assert_cmpstr (cm_basemap_get_display_name (regional), ==, "china.geojson");

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = basemap_path (files[i]);
      struct stat st;

      g_assert_cmpint (stat (path, &st), ==, 0);
      total += (guint64) st.st_size;
    }
  g_test_message ("base maps on disk: %.2f MB", total / 1e6);
  g_assert_cmpuint (total, <=, 6000000);
}

/* In the file itself: every ring closed, at least four positions. */
static void
check_rings_closed (const char *name)
{
  g_autofree char *path = basemap_path (name);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *features;
  guint rings = 0;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "features");
  for (guint f = 0; f < json_array_get_length (features); f++)
    {
      JsonObject *geometry = json_object_get_object_member (json_array_get_object_element (features, f), "geometry");
      JsonArray *coords = json_object_get_array_member (geometry, "coordinates");
      gboolean multi = g_str_equal (json_object_get_string_member (geometry, "type"), "MultiPolygon");
      guint n_polys = multi ? json_array_get_length (coords) : 1;

      for (guint p = 0; p < n_polys; p++)
        {
          JsonArray *poly = multi ? json_array_get_array_element (coords, p) : coords;

          for (guint r = 0; r < json_array_get_length (poly); r++)
            {
              JsonArray *ring = json_array_get_array_element (poly, r);
              guint n = json_array_get_length (ring);
              JsonArray *a, *b;

              g_assert_cmpuint (n, >=, 4);
              a = json_array_get_array_element (ring, 0);
              b = json_array_get_array_element (ring, n - 1);
              g_assert_cmpfloat (json_array_get_double_element (a, 0), ==, json_array_get_double_element (b, 0));
              g_assert_cmpfloat (json_array_get_double_element (a, 1), ==, json_array_get_double_element (b, 1));
              rings++;
            }
        }
    }
  g_assert_cmpuint (rings, >, 1000);
}

static void
test_rings_closed (void)
{
  check_rings_closed ("world.geojson");
  check_rings_closed ("world-detail.geojson");
}

static guint64
vertex_key (const double *p)
{
  return ((guint64) llround ((p[0] + 360.0) * 1000.0) << 32) | (guint64) llround ((p[1] + 90.0) * 1000.0);
}

/* Shared borders are the same vertices: neighbours share long runs of
 * them, at both levels. */
static void
check_common_vertices (CmBasemap *world,
                       guint      min_common)
{
  static const char * const pairs[][2] = {
    { "FR", "ES" }, { "DE", "PL" }, { "CN", "MN" }, { "BR", "AR" }, { "IN", "NP" }, { "US", "CA" },
    { "CN", "RU" }, { "ZA", "BW" },
  };

  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    {
      int ra = cm_basemap_find_region (world, pairs[p][0]);
      int rb = cm_basemap_find_region (world, pairs[p][1]);
      g_autoptr(GHashTable) va = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
      guint common = 0;

      g_assert_cmpint (ra, >=, 0);
      g_assert_cmpint (rb, >=, 0);
      for (guint k = 0; k < cm_basemap_get_region (world, ra)->n_rings; k++)
        {
          guint n;
          const double *ring = cm_basemap_get_ring (world, ra, k, &n);

          for (guint i = 0; i < n; i++)
            {
              gint64 key = (gint64) vertex_key (&ring[2 * i]);

              g_array_append_val (keys, key);
            }
        }
      for (guint i = 0; i < keys->len; i++)
        g_hash_table_add (va, &g_array_index (keys, gint64, i));
      for (guint k = 0; k < cm_basemap_get_region (world, rb)->n_rings; k++)
        {
          guint n;
          const double *ring = cm_basemap_get_ring (world, rb, k, &n);

          for (guint i = 0; i < n; i++)
            {
              gint64 key = (gint64) vertex_key (&ring[2 * i]);

              common += g_hash_table_contains (va, &key);
            }
        }
      if (common < min_common)
        g_error ("%s and %s share %u vertices", pairs[p][0], pairs[p][1], common);
    }
}

/* One edge of a map's tiling, in thousandths of a degree (the files have
 * three decimals), so that the geometry below is exact. */
typedef struct {
  gint64 ax, ay, bx, by;
  guint  feature;
} Edge;

static gint64
orient (gint64 ax, gint64 ay, gint64 bx, gint64 by, gint64 cx, gint64 cy)
{
  gint64 d = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);

  return (d > 0) - (d < 0);
}

/* Is (px, py), on the line through a and b, strictly between them? */
static gboolean
strictly_inside (gint64 ax, gint64 ay, gint64 bx, gint64 by, gint64 px, gint64 py)
{
  if (orient (ax, ay, bx, by, px, py) != 0 || (px == ax && py == ay) || (px == bx && py == by))
    return FALSE;
  return MIN (ax, bx) <= px && px <= MAX (ax, bx) && MIN (ay, by) <= py && py <= MAX (ay, by);
}

/* Two edges of different regions where the borders differ: they cross, or
 * one ends on the other (a vertex that the other side lacks), or they run
 * along each other without being the same edge. */
static gboolean
borders_differ (const Edge *e, const Edge *f)
{
  gint64 o1 = orient (e->ax, e->ay, e->bx, e->by, f->ax, f->ay);
  gint64 o2 = orient (e->ax, e->ay, e->bx, e->by, f->bx, f->by);
  gint64 o3 = orient (f->ax, f->ay, f->bx, f->by, e->ax, e->ay);
  gint64 o4 = orient (f->ax, f->ay, f->bx, f->by, e->bx, e->by);

  if (o1 * o2 < 0 && o3 * o4 < 0)
    return TRUE;
  return strictly_inside (e->ax, e->ay, e->bx, e->by, f->ax, f->ay) ||
         strictly_inside (e->ax, e->ay, e->bx, e->by, f->bx, f->by) ||
         strictly_inside (f->ax, f->ay, f->bx, f->by, e->ax, e->ay) ||
         strictly_inside (f->ax, f->ay, f->bx, f->by, e->bx, e->by);
}

/* The edges of the regions of one tiling: the countries, or the
 * subdivisions with the countries that have none. Territories smaller than
 * the grid ("own_outline") lie over their neighbour by design. */
static GArray *
tiling_edges (JsonArray  *features,
              gboolean    leaves,
              GPtrArray  *ids)
{
  g_autoptr(GHashTable) subdivided = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (Edge));

  for (guint f = 0; f < json_array_get_length (features); f++)
    {
      JsonObject *props = json_object_get_object_member (json_array_get_object_element (features, f), "properties");
      const char *id = json_object_get_string_member (props, "id");
      const char *dash = strchr (id, '-');

      if (dash != NULL)
        g_hash_table_add (subdivided, g_strndup (id, (gsize) (dash - id)));
    }
  for (guint f = 0; f < json_array_get_length (features); f++)
    {
      JsonObject *feature = json_array_get_object_element (features, f);
      JsonObject *props = json_object_get_object_member (feature, "properties");
      JsonObject *geometry = json_object_get_object_member (feature, "geometry");
      JsonArray *coords = json_object_get_array_member (geometry, "coordinates");
      const char *id = json_object_get_string_member (props, "id");
      gboolean province = g_str_equal (json_object_get_string_member (props, "role"), "province");
      gboolean multi = g_str_equal (json_object_get_string_member (geometry, "type"), "MultiPolygon");
      guint n_polys = multi ? json_array_get_length (coords) : 1;

      if (json_object_get_boolean_member_with_default (props, "own_outline", FALSE))
        continue;
      if (leaves ? (!province && g_hash_table_contains (subdivided, id)) : province)
        continue;
      g_ptr_array_add (ids, g_strdup (id));
      for (guint p = 0; p < n_polys; p++)
        {
          JsonArray *poly = multi ? json_array_get_array_element (coords, p) : coords;

          for (guint r = 0; r < json_array_get_length (poly); r++)
            {
              JsonArray *ring = json_array_get_array_element (poly, r);

              for (guint i = 0; i + 1 < json_array_get_length (ring); i++)
                {
                  JsonArray *a = json_array_get_array_element (ring, i);
                  JsonArray *b = json_array_get_array_element (ring, i + 1);
                  Edge e = {
                    llround (json_array_get_double_element (a, 0) * 1000.0),
                    llround (json_array_get_double_element (a, 1) * 1000.0),
                    llround (json_array_get_double_element (b, 0) * 1000.0),
                    llround (json_array_get_double_element (b, 1) * 1000.0),
                    ids->len - 1,
                  };

                  g_array_append_val (edges, e);
                }
            }
        }
    }
  return edges;
}

#define CELL 500   /* thousandths of a degree */

/* Neighbours' borders are identical vertex for vertex: every edge two
 * regions of a tiling share is walked once each way, never twice the same
 * way (an overlap), and no edge of one region crosses, touches or runs
 * along another's except where they are the same edge. */
static void
check_tiling (const char *name,
              gboolean    leaves)
{
  g_autofree char *path = basemap_path (name);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) edges = NULL;
  g_autoptr(GHashTable) directed = g_hash_table_new (g_bytes_hash, g_bytes_equal);
  g_autoptr(GHashTable) cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  guint overlaps = 0, shared = 0, differ = 0;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  edges = tiling_edges (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                      "features"),
                        leaves, ids);

  for (guint i = 0; i < edges->len; i++)
    {
      const Edge *e = &g_array_index (edges, Edge, i);
      gint64 fwd[4] = { e->ax, e->ay, e->bx, e->by }, bwd[4] = { e->bx, e->by, e->ax, e->ay };
      GBytes *key = g_bytes_new (fwd, sizeof fwd);
      g_autoptr(GBytes) back = g_bytes_new (bwd, sizeof bwd);

      g_ptr_array_add (keep, key);
      shared += g_hash_table_contains (directed, back);
      if (!g_hash_table_add (directed, key))
        {
          if (overlaps++ < 5)
            g_test_message ("%s: %s walks %.3f %.3f to %.3f %.3f as another region does",
                            name, (const char *) ids->pdata[e->feature],
                            e->ax / 1000.0, e->ay / 1000.0, e->bx / 1000.0, e->by / 1000.0);
        }

      for (gint64 cx = MIN (e->ax, e->bx) / CELL - 1; cx <= MAX (e->ax, e->bx) / CELL; cx++)
        for (gint64 cy = MIN (e->ay, e->by) / CELL - 1; cy <= MAX (e->ay, e->by) / CELL; cy++)
          {
            gint64 cell = (cx + 4096) * 8192 + cy + 4096;
            GArray *members = g_hash_table_lookup (cells, &cell);

            if (members == NULL)
              {
                members = g_array_new (FALSE, FALSE, sizeof (guint));
                g_hash_table_insert (cells, g_memdup2 (&cell, sizeof cell), members);
              }
            g_array_append_val (members, i);
          }
    }

  {
    GHashTableIter iter;
    GArray *members;
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

    g_hash_table_iter_init (&iter, cells);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &members))
      for (guint x = 0; x < members->len; x++)
        for (guint y = x + 1; y < members->len; y++)
          {
            const Edge *e = &g_array_index (edges, Edge, g_array_index (members, guint, x));
            const Edge *f = &g_array_index (edges, Edge, g_array_index (members, guint, y));

            if (e->feature == f->feature || !borders_differ (e, f))
              continue;
            /* an edge pair meets in several cells: count it once */
            {
              guint i = g_array_index (members, guint, x), j = g_array_index (members, guint, y);
              gint64 pk = (gint64) MIN (i, j) * G_GINT64_CONSTANT (4194304) + MAX (i, j);

              if (!g_hash_table_add (seen, g_memdup2 (&pk, sizeof pk)))
                continue;
            }
            if (differ++ < 5)
              g_test_message ("%s: the borders of %s and %s differ at %.3f %.3f to %.3f %.3f",
                              name, (const char *) ids->pdata[e->feature], (const char *) ids->pdata[f->feature],
                              e->ax / 1000.0, e->ay / 1000.0, e->bx / 1000.0, e->by / 1000.0);
          }
  }

  g_test_message ("%s, %s: %u edges, %u shared with a neighbour, %u overlapping one, %u pairs where borders differ",
                  name, leaves ? "subdivisions" : "countries", edges->len, shared, overlaps, differ);
  g_assert_cmpuint (shared, >, 3000);
  g_assert_cmpuint (overlaps, ==, 0);
  g_assert_cmpuint (differ, ==, 0);
}

static void
test_shared_borders (void)
{
  g_autoptr(CmBasemap) world = load_world ();

  /* The coarse level keeps a border of 500 km in a handful of points. */
  check_common_vertices (world, 4);
  check_common_vertices (cm_basemap_get_detail (world), 10);
  check_tiling ("world.geojson", FALSE);
  check_tiling ("world.geojson", TRUE);
  check_tiling ("world-detail.geojson", FALSE);
  check_tiling ("world-detail.geojson", TRUE);
}

/* Places name their regions in English, in Chinese, with or without the
 * administrative word, or by ISO code, for any country. */
static void
test_region_matching (void)
{
  g_autoptr(CmBasemap) world = load_world ();
  static const struct { const char *name, *local; gboolean country; const char *id; } cases[] = {
    { "Zhejiang Province", NULL, FALSE, "CN-ZJ" },
    { NULL, "浙江省", FALSE, "CN-ZJ" },
    { NULL, "浙江", FALSE, "CN-ZJ" },
    { "Zhejiang", NULL, FALSE, "CN-ZJ" },
    { "CN-ZJ", NULL, FALSE, "CN-ZJ" },
    { "California", NULL, FALSE, "US-CA" },
    { "US-CA", NULL, FALSE, "US-CA" },
    { "New South Wales", NULL, FALSE, "AU-NSW" },
    { "Quebec", NULL, FALSE, "CA-QC" },
    { "Nepal", NULL, TRUE, "NP" },
    { "NP", NULL, TRUE, "NP" },
    { NULL, "尼泊尔", TRUE, "NP" },
    { "France", NULL, TRUE, "FR" },
    { "Brazil", NULL, TRUE, "BR" },
    { NULL, "日本", TRUE, "JP" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int r = cm_basemap_find_region_by_name (world, cases[i].name, cases[i].local, cases[i].country);

      if (r < 0)
        g_error ("no region for %s / %s", cases[i].name, cases[i].local);
      g_assert_cmpstr (cm_basemap_get_region (world, r)->id, ==, cases[i].id);
    }
  /* A country's name does not match a province, nor the reverse. */
  g_assert_cmpint (cm_basemap_find_region_by_name (world, "Nepal", NULL, FALSE), <, 0);
  g_assert_cmpint (cm_basemap_find_region_by_name (world, "California", NULL, TRUE), <, 0);
}

/* Data in China is drawn on the China map, in its own projection, as
 * before there was a world map; data elsewhere on the world map; a
 * projection asked for keeps the world map. */
static void
test_regional (void)
{
  g_autoptr(CmBasemap) world = load_world ();
  g_autoptr(CmMapPainter) painter = cm_map_painter_new ();
  static const double china_lon[] = { 114.3, 121.5, 117.2 }, china_lat[] = { 30.6, 31.2, 31.8 };
  static const double world_lon[] = { 114.3, -118.2, 2.35 }, world_lat[] = { 30.6, 34.1, 48.9 };
  const CmProjection *p;

  cm_map_painter_set_basemap (painter, world);
  cm_map_painter_set_places (painter, 3, china_lon, china_lat, NULL, NULL, NULL);
  p = cm_map_painter_get_projection (painter);
  g_assert_cmpint (p->type, ==, CM_PROJECTION_ALBERS);
  g_assert_cmpfloat (p->lon0, ==, 105);
  g_assert_cmpfloat (p->lat1, ==, 25);
  g_assert_cmpfloat (p->lat2, ==, 47);
  /* What was set, whatever it draws. */
  g_assert_true (cm_map_painter_get_basemap (painter) == world);

  cm_map_painter_set_places (painter, 3, world_lon, world_lat, NULL, NULL, NULL);
  p = cm_map_painter_get_projection (painter);
  g_assert_cmpint (p->type, ==, CM_PROJECTION_EQUAL_EARTH);

  cm_map_painter_set_places (painter, 3, china_lon, china_lat, NULL, NULL, NULL);
  cm_map_painter_set_projection_mode (painter, CM_MAP_PROJECTION_MERCATOR);
  p = cm_map_painter_get_projection (painter);
  g_assert_cmpint (p->type, ==, CM_PROJECTION_MERCATOR);
}

/* Two projections of the same base map are the same shapes, bit for bit,
 * whether fresh or from the cache. */
static void
assert_same_shapes (const Shapes *a,
                    const Shapes *b,
                    guint         n_regions)
{
  guint n_rings = a->first_ring[n_regions - 1] + a->n_rings[n_regions - 1];

  g_assert_cmpuint (a->n_points, ==, b->n_points);
  g_assert_cmpmem (a->ll, 2 * sizeof (double) * a->n_points, b->ll, 2 * sizeof (double) * b->n_points);
  g_assert_cmpmem (a->xy, 2 * sizeof (double) * a->n_points, b->xy, 2 * sizeof (double) * b->n_points);
  g_assert_cmpmem (a->starts, sizeof (guint) * (n_rings + 1), b->starts, sizeof (guint) * (n_rings + 1));
  g_assert_cmpmem (a->first_ring, sizeof (guint) * n_regions, b->first_ring, sizeof (guint) * n_regions);
  g_assert_cmpmem (a->n_rings, sizeof (guint) * n_regions, b->n_rings, sizeof (guint) * n_regions);
  g_assert_cmpmem (a->covered, n_regions, b->covered, n_regions);
  g_assert_cmpmem (a->boxes, sizeof (CmMapBox) * n_regions, b->boxes, sizeof (CmMapBox) * n_regions);
  g_assert_cmpmem (a->anchor, 2 * sizeof (double) * n_regions, b->anchor, 2 * sizeof (double) * n_regions);
  g_assert_cmpmem (a->tone, n_regions, b->tone, n_regions);
  for (int k = 0; k < 3; k++)
    g_assert_cmpmem (a->arcs[k]->data, sizeof (guint) * a->arcs[k]->len, b->arcs[k]->data,
                     sizeof (guint) * b->arcs[k]->len);
  g_assert_cmpmem (&a->extent, sizeof a->extent, &b->extent, sizeof b->extent);
  g_assert_cmpmem (&a->focus, sizeof a->focus, &b->focus, sizeof b->focus);
  g_assert_cmpint (a->has_provinces, ==, b->has_provinces);
  g_assert_cmpuint (a->n_countries, ==, b->n_countries);
  g_assert_cmpint (a->world, ==, b->world);
}

static gpointer
lookup_thread (gpointer data)
{
  const CmProjection *p = g_object_get_data (data, "projection");

  return _cm_map_shapes_lookup (data, p, TRUE);
}

/* A new painter (a new export figure, the preview after new words) takes
 * the base map projected already, as a fresh projection would make it. */
static void
test_shapes_cache (void)
{
  g_autoptr(CmBasemap) world = load_world ();
  g_autoptr(CmBasemap) again = load_world ();
  guint n = cm_basemap_get_n_regions (world);
  CmProjection p, other, threaded;
  Shapes *cached, *fresh, *detail, *fresh_detail, *later;
  GThread *threads[4];
  Shapes *got[4];

  cm_projection_init_albers (&p, 105, 35, 25, 47);
  cached = _cm_map_shapes_lookup (world, &p, FALSE);
  fresh = _cm_map_shapes_new (world, &p);
  assert_same_shapes (cached, fresh, n);
  /* Asked again: the same shapes, not a new projection. */
  later = _cm_map_shapes_lookup (world, &p, FALSE);
  g_assert_true (later == cached);
  _cm_map_shapes_free (later);

  /* The detail level, in the coarse level's tones. */
  detail = _cm_map_shapes_lookup (world, &p, TRUE);
  fresh_detail = _cm_map_shapes_new (cm_basemap_get_detail (world), &p);
  memcpy (fresh_detail->tone, fresh->tone, n);
  assert_same_shapes (detail, fresh_detail, n);
  g_assert_true (detail != cached);

  /* Another base map object, even of the same file, has its own. */
  later = _cm_map_shapes_lookup (again, &p, FALSE);
  g_assert_true (later != cached);
  assert_same_shapes (later, fresh, n);
  _cm_map_shapes_free (later);

  /* Bounded: after four other projections the first is made anew, and
   * the shapes a painter still holds stay whole. */
  for (int i = 0; i < 4; i++)
    {
      cm_projection_init_equal_earth (&other, 10.0 * i);
      _cm_map_shapes_free (_cm_map_shapes_lookup (world, &other, FALSE));
    }
  later = _cm_map_shapes_lookup (world, &p, FALSE);
  g_assert_true (later != cached);
  assert_same_shapes (later, fresh, n);
  assert_same_shapes (cached, fresh, n);
  _cm_map_shapes_free (later);

  /* Threads asking at once share one projection. */
  cm_projection_init_mercator (&threaded, 20);
  g_object_set_data (G_OBJECT (world), "projection", &threaded);
  for (int i = 0; i < 4; i++)
    threads[i] = g_thread_new ("lookup", lookup_thread, world);
  for (int i = 0; i < 4; i++)
    got[i] = g_thread_join (threads[i]);
  for (int i = 0; i < 4; i++)
    {
      g_assert_nonnull (got[i]);
      g_assert_true (got[i] == got[0]);
      _cm_map_shapes_free (got[i]);
    }

  _cm_map_shapes_free (cached);
  _cm_map_shapes_free (fresh);
  _cm_map_shapes_free (detail);
  _cm_map_shapes_free (fresh_detail);
}

/* Loaded at start-up: measure it (the budget is 60 ms on a desktop; a
 * test only reports, machines differ). */
static void
test_load_time (void)
{
  gint64 t0 = g_get_monotonic_time ();
  clock_t c0 = clock ();
  g_autoptr(CmBasemap) world = load_world ();
  double cpu_ms = (double) (clock () - c0) * 1000.0 / CLOCKS_PER_SEC;

  /* The processor time too: on a loaded machine the wall clock says more
   * about the others. */
  g_test_message ("world.geojson: %u regions, %u points, loaded in %.1f ms (%.1f ms of processor time)",
                  cm_basemap_get_n_regions (world), cm_basemap_get_n_points (world),
                  (g_get_monotonic_time () - t0) / 1000.0, cpu_ms);
  g_assert_cmpuint (cm_basemap_get_n_regions (world), >, 400);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/map/world/iso-codes", test_iso_codes);
  g_test_add_func ("/map/world/levels", test_levels);
  g_test_add_func ("/map/world/rings-closed", test_rings_closed);
  g_test_add_func ("/map/world/shared-borders", test_shared_borders);
  g_test_add_func ("/map/world/region-matching", test_region_matching);
  g_test_add_func ("/map/world/regional", test_regional);
  g_test_add_func ("/map/world/shapes-cache", test_shapes_cache);
  g_test_add_func ("/map/world/load-time", test_load_time);
  return g_test_run ();
}
