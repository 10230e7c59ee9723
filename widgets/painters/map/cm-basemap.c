/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cm-json-reader.h"
#include "cm-json-scan.h"
#include "cm-basemap.h"
#include "cm-map-geometry.h"

struct _CmBasemap
{
  GObject       parent_instance;

  char         *display_name;
  char         *attribution;
  GStrv         warnings;
  GStringChunk *strings;
  GArray       *regions;     /* CmBasemapRegion */
  GArray       *starts;      /* guint: first point of each ring, plus an end */
  GArray       *points;      /* double (lon, lat) pairs */
  CmProjection  projection;
  gboolean      has_projection;
  gboolean      has_roles;
  double        bounds[4];
  double        focus[4];

  /* Other levels the file names ("detail", "regional"), loaded on first
   * use from the file's directory. */
  char         *dir;
  GMutex        levels_lock;
  char         *detail_file;
  double        detail_below_km;
  CmBasemap    *detail;
  gboolean      detail_tried;
  char         *regional_file;
  double        regional_bounds[4];
  CmBasemap    *regional;
  gboolean      regional_tried;
};

/* What a load has seen so far; warnings are summed, not listed per ring. */
typedef struct
{
  CmBasemap  *self;
  JsonParser *parser;
  guint       bad_rings;
  guint       bad_polygons;
  guint       foreign_geometries;
  guint       empty_features;
  guint       bad_features;
} Load;

G_DEFINE_FINAL_TYPE (CmBasemap, cm_basemap, G_TYPE_OBJECT)

G_DEFINE_QUARK (cm-basemap-error-quark, cm_basemap_error)

/* Property names seen in common GeoJSON sources (Natural Earth, GADM,
 * geoBoundaries, OSM exports), in order of preference. */
static const char * const name_keys[] = {
  "name", "NAME", "name_en", "NAME_EN", "Name", "admin", "ADMIN", "NAME_1",
  "name_1", "NAME_LONG", "name_long", "shapeName", "NAME_0", "label", NULL
};
static const char * const name_zh_keys[] = {
  "name_zh", "NAME_ZH", "name_zh_cn", "name_zh-hans", "NL_NAME_1", NULL
};
static const char * const id_keys[] = {
  "id", "iso_3166_2", "ISO_3166_2", "GID_1", "GID_0", "ADM0_A3", "ISO_A3",
  "adm1_code", "shapeID", NULL
};

static const char *
string_member (JsonObject *object,
               const char *key)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, key)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  /* The scan has validated the UTF-8; an empty name is no name. */
  if (json_node_get_string (node)[0] == '\0')
    return NULL;
  return json_node_get_string (node);
}

static const char *
first_string_member (JsonObject         *object,
                     const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *s = string_member (object, keys[i]);

      if (s != NULL)
        return s;
    }
  return NULL;
}

/* A finite number, or FALSE; @node may be NULL. */
static gboolean
number_node (JsonNode *node,
             double   *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_double (node);
  return isfinite (*out);
}

static gboolean
number_element (JsonArray *array,
                guint      index,
                double    *out)
{
  return number_node (json_array_get_element (array, index), out);
}

static gboolean
number_member (JsonObject *object,
               const char *key,
               double     *out)
{
  return number_node (json_object_get_member (object, key), out);
}

/* Appends one ring's points; on bad input the points are taken back.
 * Consecutive duplicates and the closing point are dropped. */
static gboolean
add_ring (Load     *load,
          JsonNode *node)
{
  CmBasemap *self = load->self;
  guint start = self->points->len / 2;
  JsonArray *ring;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  ring = json_node_get_array (node);
  n = json_array_get_length (ring);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *pos = json_array_get_element (ring, i);
      JsonArray *xy;
      double lon, lat;
      guint m;

      if (!JSON_NODE_HOLDS_ARRAY (pos))
        goto bad;
      xy = json_node_get_array (pos);
      if (json_array_get_length (xy) < 2
          || !number_element (xy, 0, &lon) || !number_element (xy, 1, &lat)
          || fabs (lat) > 90.0 || fabs (lon) > 360.0)
        goto bad;

      m = self->points->len / 2;
      if (m > start)
        {
          const double *last = &g_array_index (self->points, double, 2 * (m - 1));

          if (last[0] == lon && last[1] == lat)
            continue;
        }
      g_array_append_val (self->points, lon);
      g_array_append_val (self->points, lat);
    }

  n = self->points->len / 2 - start;
  if (n > 1)
    {
      const double *p = &g_array_index (self->points, double, 2 * start);

      if (p[0] == p[2 * (n - 1)] && p[1] == p[2 * (n - 1) + 1])
        {
          g_array_set_size (self->points, self->points->len - 2);
          n--;
        }
    }
  if (n < 3)
    goto bad;

  n = self->points->len / 2;
  g_array_append_val (self->starts, n);
  return TRUE;

bad:
  g_array_set_size (self->points, 2 * start);
  return FALSE;
}

/* A polygon whose outer ring is unusable is dropped whole: keeping its
 * holes would fill them as land under the even-odd rule. */
static guint
add_polygon (Load     *load,
             JsonNode *node)
{
  JsonArray *rings;
  guint n, added = 0;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      load->bad_polygons++;
      return 0;
    }
  rings = json_node_get_array (node);
  n = json_array_get_length (rings);
  if (n == 0)
    {
      load->bad_polygons++;
      return 0;
    }
  if (!add_ring (load, json_array_get_element (rings, 0)))
    {
      load->bad_polygons++;
      return 0;
    }
  added++;
  for (guint i = 1; i < n; i++)
    {
      if (add_ring (load, json_array_get_element (rings, i)))
        added++;
      else
        load->bad_rings++;
    }
  return added;
}

static guint
add_geometry (Load       *load,
              JsonObject *geometry,
              gboolean    allow_collection)
{
  const char *type = string_member (geometry, "type");
  JsonNode *coords = json_object_get_member (geometry, "coordinates");
  guint added = 0;

  if (g_strcmp0 (type, "Polygon") == 0 && coords != NULL)
    return add_polygon (load, coords);

  if (g_strcmp0 (type, "MultiPolygon") == 0 && coords != NULL && JSON_NODE_HOLDS_ARRAY (coords))
    {
      JsonArray *polys = json_node_get_array (coords);

      for (guint i = 0; i < json_array_get_length (polys); i++)
        added += add_polygon (load, json_array_get_element (polys, i));
      return added;
    }

  /* One level of collection only: the walk stays flat, whatever the
   * nesting the file tries. */
  if (g_strcmp0 (type, "GeometryCollection") == 0 && allow_collection)
    {
      JsonNode *node = json_object_get_member (geometry, "geometries");

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *parts = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (parts); i++)
            {
              JsonNode *part = json_array_get_element (parts, i);

              if (JSON_NODE_HOLDS_OBJECT (part))
                added += add_geometry (load, json_node_get_object (part), FALSE);
            }
        }
      return added;
    }

  load->foreign_geometries++;
  return 0;
}

static CmBasemapRole
parse_role (const char *role)
{
  if (role == NULL)
    return CM_BASEMAP_ROLE_REGION;
  if (g_str_equal (role, "province"))
    return CM_BASEMAP_ROLE_PROVINCE;
  if (g_str_equal (role, "country"))
    return CM_BASEMAP_ROLE_COUNTRY;
  if (g_str_equal (role, "neighbour") || g_str_equal (role, "neighbor"))
    return CM_BASEMAP_ROLE_NEIGHBOUR;
  return CM_BASEMAP_ROLE_REGION;
}

static char *
feature_id (JsonObject *feature,
            JsonObject *props,
            guint       index)
{
  const char *s = first_string_member (props, id_keys);
  JsonNode *node;

  if (s != NULL)
    return g_strdup (s);
  node = json_object_get_member (feature, "id");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      if (json_node_get_value_type (node) == G_TYPE_STRING && json_node_get_string (node)[0])
        return g_strdup (json_node_get_string (node));
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  return g_strdup_printf ("region-%u", index);
}

/* The region of a feature whose rings from @first_ring and points from
 * @first_point were just added (@added of them), or none if none was. */
static void
add_region (Load       *load,
            JsonObject *feature,
            guint       first_ring,
            guint       first_point,
            guint       added)
{
  CmBasemap *self = load->self;
  CmBasemapRegion region = { 0 };
  JsonNode *props_node = feature ? json_object_get_member (feature, "properties") : NULL;
  JsonObject *props = NULL;
  g_autofree char *id = NULL;
  const char *role;
  CmMapBox box;

  if (props_node != NULL && JSON_NODE_HOLDS_OBJECT (props_node))
    props = json_node_get_object (props_node);

  if (added == 0)
    {
      load->empty_features++;
      g_array_set_size (self->starts, first_ring + 1);
      g_array_set_size (self->points, 2 * first_point);
      return;
    }

  role = string_member (props, "role");
  if (role != NULL)
    self->has_roles = TRUE;
  id = feature ? feature_id (feature, props, self->regions->len)
               : g_strdup_printf ("region-%u", self->regions->len);

  region.id = g_string_chunk_insert_const (self->strings, id);
  region.role = parse_role (role);
#define INTERN(s) ((s) ? g_string_chunk_insert_const (self->strings, (s)) : NULL)
  region.name = INTERN (first_string_member (props, name_keys));
  region.name_zh = INTERN (first_string_member (props, name_zh_keys));
  region.name_zh_short = INTERN (string_member (props, "name_zh_short"));
#undef INTERN
  region.first_ring = first_ring;
  region.n_rings = self->starts->len - 1 - first_ring;

  cm_map_rings_bounds ((const double *) self->points->data,
                       &g_array_index (self->starts, guint, first_ring),
                       region.n_rings, &box);
  region.lon_min = box.x0;
  region.lat_min = box.y0;
  region.lon_max = box.x1;
  region.lat_max = box.y1;
  g_array_append_val (self->regions, region);
}

static void
add_feature (Load       *load,
             JsonObject *feature,
             JsonObject *geometry)
{
  guint first_ring = load->self->starts->len - 1;
  guint first_point = load->self->points->len / 2;
  guint added = geometry != NULL ? add_geometry (load, geometry, TRUE) : 0;

  add_region (load, feature, first_ring, first_point, added);
}

static gboolean parse_slice (Load        *load,
                             const char  *data,
                             gsize        start,
                             gsize        end,
                             JsonObject **object);

/* The fast path for polygons: the coordinates read straight from the
 * scanned text, as add_ring() and add_polygon() read them from a tree
 * (json-glib would build a node for every number, most of a world map's
 * load time). */
/* A plain decimal of at most 15 digits (all a generated base map holds)
 * as strtod() reads it: the digits are exact in a double, and so is a
 * power of ten up to 1e22, so their quotient is correctly rounded. FALSE,
 * consuming nothing, for anything else. */
static gboolean
fast_number (CmJsonReader *r,
             double       *out)
{
  static const double exact[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  };
  const char *p = r->data + r->pos, *end = r->data + r->len;
  gboolean negative = FALSE;
  guint64 m = 0;
  guint digits = 0, fraction = 0;

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  for (; p < end && g_ascii_isdigit (*p); p++, digits++)
    m = m * 10 + (guint64) (*p - '0');
  if (p < end && *p == '.')
    for (p++; p < end && g_ascii_isdigit (*p); p++, digits++, fraction++)
      m = m * 10 + (guint64) (*p - '0');
  if (digits == 0 || digits > 15 || fraction >= G_N_ELEMENTS (exact) || (p < end && (*p == 'e' || *p == 'E')))
    return FALSE;
  *out = (double) m / exact[fraction];
  if (negative)
    *out = -*out;
  r->pos = (gsize) (p - r->data);
  return TRUE;
}

static gboolean
read_position (CmJsonReader *r,
               double       *lon,
               double       *lat)
{
  guint n = 0;
  gboolean ok = TRUE;

  if (cm_json_reader_peek (r) != CM_JSON_ARRAY)
    {
      cm_json_reader_skip (r);
      return FALSE;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_element (r))
    {
      if (n < 2 && cm_json_reader_peek (r) == CM_JSON_NUMBER)
        {
          double v;

          if (!fast_number (r, &v))
            v = cm_json_reader_read_double (r, NULL);

          ok = ok && isfinite (v);
          *(n == 0 ? lon : lat) = v;
        }
      else
        {
          ok = ok && n >= 2;
          cm_json_reader_skip (r);
        }
      n++;
    }
  return ok && n >= 2 && fabs (*lat) <= 90.0 && fabs (*lon) <= 360.0;
}

static gboolean
read_ring (Load         *load,
           CmJsonReader *r)
{
  CmBasemap *self = load->self;
  guint start = self->points->len / 2, n;
  gboolean ok = TRUE;

  if (cm_json_reader_peek (r) != CM_JSON_ARRAY)
    {
      cm_json_reader_skip (r);
      return FALSE;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_element (r))
    {
      double lon = 0, lat = 0;
      guint m;

      if (!ok)
        {
          cm_json_reader_skip (r);
          continue;
        }
      if (!read_position (r, &lon, &lat))
        {
          ok = FALSE;
          continue;
        }
      m = self->points->len / 2;
      if (m > start)
        {
          const double *last = &g_array_index (self->points, double, 2 * (m - 1));

          if (last[0] == lon && last[1] == lat)
            continue;
        }
      g_array_append_val (self->points, lon);
      g_array_append_val (self->points, lat);
    }

  n = self->points->len / 2 - start;
  if (ok && n > 1)
    {
      const double *p = &g_array_index (self->points, double, 2 * start);

      if (p[0] == p[2 * (n - 1)] && p[1] == p[2 * (n - 1) + 1])
        {
          g_array_set_size (self->points, self->points->len - 2);
          n--;
        }
    }
  if (!ok || n < 3)
    {
      g_array_set_size (self->points, 2 * start);
      return FALSE;
    }
  n = self->points->len / 2;
  g_array_append_val (self->starts, n);
  return TRUE;
}

static guint
read_polygon (Load         *load,
              CmJsonReader *r)
{
  guint added = 0, i = 0;
  gboolean outer_ok = FALSE;

  if (cm_json_reader_peek (r) != CM_JSON_ARRAY)
    {
      cm_json_reader_skip (r);
      load->bad_polygons++;
      return 0;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_element (r))
    {
      if (i == 0)
        {
          outer_ok = read_ring (load, r);
          added += outer_ok;
        }
      else if (!outer_ok)
        cm_json_reader_skip (r);
      else if (read_ring (load, r))
        added++;
      else
        load->bad_rings++;
      i++;
    }
  if (!outer_ok)
    load->bad_polygons++;
  return added;
}

static guint
read_coordinates (Load         *load,
                  CmJsonReader *r,
                  gboolean      multi)
{
  guint added = 0;

  if (!multi)
    return read_polygon (load, r);
  if (cm_json_reader_peek (r) != CM_JSON_ARRAY)
    {
      cm_json_reader_skip (r);
      return 0;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_element (r))
    added += read_polygon (load, r);
  return added;
}

/* FALSE when the feature is not a plain Feature with a Polygon or
 * MultiPolygon: the caller then takes the general path. */
static gboolean
add_feature_fast (Load       *load,
                  const char *data,
                  gsize       start,
                  gsize       end)
{
  CmBasemap *self = load->self;
  CmJsonReader r;
  gsize props[2] = { 0, 0 }, id[2] = { 0, 0 }, coords[2] = { 0, 0 };
  gboolean feature = FALSE, multi = FALSE, polygon = FALSE, ok = TRUE, read = FALSE;
  g_autoptr(GString) rest = NULL;
  JsonObject *object = NULL;
  guint first_ring = self->starts->len - 1, first_point = self->points->len / 2, added = 0;
  Load saved = *load;

  cm_json_reader_init (&r, data, end, start);
  if (cm_json_reader_peek (&r) != CM_JSON_OBJECT)
    ok = FALSE;
  else
    {
      cm_json_reader_enter (&r);
      while (cm_json_reader_next_member (&r))
        {
          CmJsonType t = cm_json_reader_peek (&r);
          gsize s = cm_json_reader_offset (&r);

          if (g_str_equal (r.key->str, "type") && t == CM_JSON_STRING)
            feature = g_str_equal (cm_json_reader_read_string (&r, NULL), "Feature");
          else if (g_str_equal (r.key->str, "geometry") && t == CM_JSON_OBJECT)
            {
              gboolean geometry_ok = TRUE;

              polygon = multi = FALSE;
              cm_json_reader_enter (&r);
              while (cm_json_reader_next_member (&r))
                {
                  CmJsonType u = cm_json_reader_peek (&r);
                  gsize c = cm_json_reader_offset (&r);

                  if (g_str_equal (r.key->str, "type") && u == CM_JSON_STRING)
                    {
                      const char *type = cm_json_reader_read_string (&r, NULL);

                      polygon = g_str_equal (type, "Polygon");
                      multi = g_str_equal (type, "MultiPolygon");
                    }
                  else if (g_str_equal (r.key->str, "coordinates") && coords[1] > 0)
                    {
                      /* The last of repeated members, as json-glib takes it. */
                      ok = FALSE;
                      cm_json_reader_skip (&r);
                    }
                  else if (g_str_equal (r.key->str, "coordinates") && (polygon || multi))
                    {
                      /* The usual order, "type" first: read them now. */
                      added = read_coordinates (load, &r, multi);
                      coords[0] = c;
                      coords[1] = cm_json_reader_offset (&r);
                      read = TRUE;
                    }
                  else if (g_str_equal (r.key->str, "coordinates"))
                    {
                      cm_json_reader_skip (&r);
                      coords[0] = c;
                      coords[1] = cm_json_reader_offset (&r);
                    }
                  else
                    {
                      /* "geometries" and the like: the general path */
                      geometry_ok = geometry_ok && g_str_equal (r.key->str, "bbox");
                      cm_json_reader_skip (&r);
                    }
                }
              ok = ok && geometry_ok;
            }
          else if (g_str_equal (r.key->str, "properties") || g_str_equal (r.key->str, "id"))
            {
              cm_json_reader_skip (&r);
              if (r.key->str[0] == 'p')
                {
                  props[0] = s;
                  props[1] = cm_json_reader_offset (&r);
                }
              else
                {
                  id[0] = s;
                  id[1] = cm_json_reader_offset (&r);
                }
            }
          else
            {
              /* a null geometry and anything else: the general path */
              ok = ok && !g_str_equal (r.key->str, "geometry");
              cm_json_reader_skip (&r);
            }
        }
    }
  cm_json_reader_clear (&r);
  if (!ok || !feature || !(polygon || multi) || coords[1] == 0)
    goto general;

  /* The properties and id through json-glib, without the coordinates. */
  rest = g_string_new ("{");
  if (props[1] > 0)
    g_string_append_printf (rest, "\"properties\":%.*s", (int) (props[1] - props[0]), data + props[0]);
  if (id[1] > 0)
    g_string_append_printf (rest, "%s\"id\":%.*s", props[1] > 0 ? "," : "", (int) (id[1] - id[0]), data + id[0]);
  g_string_append_c (rest, '}');
  if (!parse_slice (load, rest->str, 0, rest->len, &object))
    goto general;

  if (!read)
    {
      cm_json_reader_init (&r, data, coords[1], coords[0]);
      added = read_coordinates (load, &r, multi);
      cm_json_reader_clear (&r);
    }
  add_region (load, object, first_ring, first_point, added);
  return TRUE;

general:
  /* As if this path had not been tried. */
  g_array_set_size (self->starts, first_ring + 1);
  g_array_set_size (self->points, 2 * first_point);
  *load = saved;
  return FALSE;
}

static gboolean
parse_slice (Load        *load,
             const char  *data,
             gsize        start,
             gsize        end,
             JsonObject **object)
{
  JsonNode *root;

  *object = NULL;
  if (!json_parser_load_from_data (load->parser, data + start, end - start, NULL))
    return FALSE;
  root = json_parser_get_root (load->parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  *object = json_node_get_object (root);
  return TRUE;
}

static void
add_feature_slice (Load       *load,
                   const char *data,
                   gsize       start,
                   gsize       end)
{
  JsonObject *feature;
  JsonNode *geometry;

  if (add_feature_fast (load, data, start, end))
    return;
  if (!parse_slice (load, data, start, end, &feature)
      || g_strcmp0 (string_member (feature, "type"), "Feature") != 0)
    {
      load->bad_features++;
      return;
    }
  geometry = json_object_get_member (feature, "geometry");
  add_feature (load, feature,
               geometry && JSON_NODE_HOLDS_OBJECT (geometry) ? json_node_get_object (geometry) : NULL);
}

static void
parse_projection (Load       *load,
                  const char *data,
                  gsize       start,
                  gsize       end)
{
  CmBasemap *self = load->self;
  JsonObject *object;
  const char *type;
  double lon0 = 0, lat0 = 0, lat1 = 0, lat2 = 0, lat_ts = 0;

  if (!parse_slice (load, data, start, end, &object))
    return;
  type = string_member (object, "type");
  if (g_strcmp0 (type, "albers") == 0
      && number_member (object, "lon0", &lon0) && number_member (object, "lat0", &lat0)
      && number_member (object, "lat1", &lat1) && number_member (object, "lat2", &lat2))
    self->has_projection = cm_projection_init_albers (&self->projection, lon0, lat0, lat1, lat2);
  else if (g_strcmp0 (type, "equirectangular") == 0 && number_member (object, "lon0", &lon0))
    {
      number_member (object, "lat_ts", &lat_ts);
      cm_projection_init_equirectangular (&self->projection, lon0, lat_ts);
      self->has_projection = TRUE;
    }
}

/* "detail": {"file": "world-detail.geojson", "below_km": 6}: the same
 * regions drawn finer, for views where a screen unit covers less than
 * below_km. "regional": {"file": "china.geojson", "bounds": [w, s, e, n]}:
 * a map of one region, for data that lies within its bounds. File names
 * only: a level lives next to the file that names it. */
static char *
level_file (JsonObject *object)
{
  const char *file = string_member (object, "file");

  if (file == NULL || strchr (file, '/') != NULL || strchr (file, '\\') != NULL
      || g_str_equal (file, "..") || g_str_equal (file, "."))
    return NULL;
  return g_strdup (file);
}

static void
parse_level (Load       *load,
             const char *key,
             const char *data,
             gsize       start,
             gsize       end)
{
  CmBasemap *self = load->self;
  JsonObject *object;
  g_autofree char *file = NULL;

  if (!parse_slice (load, data, start, end, &object) || (file = level_file (object)) == NULL)
    return;
  if (g_str_equal (key, "detail"))
    {
      double below = 0;

      if (number_member (object, "below_km", &below) && below > 0)
        {
          g_free (self->detail_file);
          self->detail_file = g_steal_pointer (&file);
          self->detail_below_km = below;
        }
    }
  else
    {
      JsonNode *node = json_object_get_member (object, "bounds");
      JsonArray *b = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      double v[4];

      if (b == NULL || json_array_get_length (b) != 4)
        return;
      for (guint i = 0; i < 4; i++)
        if (!number_element (b, i, &v[i]))
          return;
      if (v[0] >= v[2] || v[1] >= v[3])
        return;
      g_free (self->regional_file);
      self->regional_file = g_steal_pointer (&file);
      memcpy (self->regional_bounds, v, sizeof v);
    }
}

static void
union_bounds (double              *b,
              const CmBasemapRegion *r)
{
  b[0] = MIN (b[0], r->lon_min);
  b[1] = MIN (b[1], r->lat_min);
  b[2] = MAX (b[2], r->lon_max);
  b[3] = MAX (b[3], r->lat_max);
}

static void
finish_load (Load *load)
{
  CmBasemap *self = load->self;
  g_autoptr(GPtrArray) notes = g_ptr_array_new ();

  self->bounds[0] = self->bounds[1] = self->focus[0] = self->focus[1] = G_MAXDOUBLE;
  self->bounds[2] = self->bounds[3] = self->focus[2] = self->focus[3] = -G_MAXDOUBLE;
  for (guint i = 0; i < self->regions->len; i++)
    {
      const CmBasemapRegion *r = &g_array_index (self->regions, CmBasemapRegion, i);

      union_bounds (self->bounds, r);
      if (r->role != CM_BASEMAP_ROLE_NEIGHBOUR)
        union_bounds (self->focus, r);
    }
  if (self->focus[0] > self->focus[2])
    memcpy (self->focus, self->bounds, sizeof self->focus);

  if (!self->has_projection)
    cm_projection_init_for_bounds (&self->projection, self->focus[0], self->focus[1],
                                   self->focus[2], self->focus[3]);

  if (load->bad_polygons)
    g_ptr_array_add (notes, g_strdup_printf ("%u polygons with invalid or out-of-range coordinates skipped",
                                             load->bad_polygons));
  if (load->bad_rings)
    g_ptr_array_add (notes, g_strdup_printf ("%u holes with invalid coordinates skipped", load->bad_rings));
  if (load->foreign_geometries)
    g_ptr_array_add (notes, g_strdup_printf ("%u geometries that are not polygons ignored",
                                             load->foreign_geometries));
  if (load->empty_features)
    g_ptr_array_add (notes, g_strdup_printf ("%u features without a usable polygon ignored",
                                             load->empty_features));
  if (load->bad_features)
    g_ptr_array_add (notes, g_strdup_printf ("%u array elements that are not features ignored",
                                             load->bad_features));
  g_ptr_array_add (notes, NULL);
  self->warnings = (GStrv) g_ptr_array_steal (notes, NULL);
}

/* The top level is walked with the pull reader and each feature handed to
 * json-glib on its own, so a large file never becomes one large tree. */
static gboolean
parse_document (Load        *load,
                const char  *data,
                gsize        len,
                gsize        start,
                GError     **error)
{
  CmBasemap *self = load->self;
  CmJsonReader reader;
  g_autoptr(GArray) features = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autofree char *type = NULL;
  gboolean has_features = FALSE;

  cm_json_reader_init (&reader, data, len, start);
  if (cm_json_reader_peek (&reader) != CM_JSON_OBJECT)
    {
      cm_json_reader_clear (&reader);
      g_set_error (error, CM_BASEMAP_ERROR, CM_BASEMAP_ERROR_NOT_GEOJSON,
                   "%s: not GeoJSON: the top level is not an object", self->display_name);
      return FALSE;
    }

  cm_json_reader_enter (&reader);
  while (cm_json_reader_next_member (&reader))
    {
      g_autofree char *key = g_strdup (reader.key->str);
      CmJsonType t = cm_json_reader_peek (&reader);
      gsize value_start = cm_json_reader_offset (&reader);

      if (g_str_equal (key, "type") && t == CM_JSON_STRING)
        {
          g_free (type);
          type = g_strdup (cm_json_reader_read_string (&reader, NULL));
        }
      else if (g_str_equal (key, "attribution") && t == CM_JSON_STRING)
        {
          g_free (self->attribution);
          self->attribution = g_strdup (cm_json_reader_read_string (&reader, NULL));
        }
      else if (g_str_equal (key, "features") && t == CM_JSON_ARRAY)
        {
          has_features = TRUE;
          cm_json_reader_enter (&reader);
          while (cm_json_reader_next_element (&reader))
            {
              gsize s = cm_json_reader_offset (&reader), e;

              cm_json_reader_skip (&reader);
              e = cm_json_reader_offset (&reader);
              g_array_append_val (features, s);
              g_array_append_val (features, e);
            }
        }
      else
        {
          cm_json_reader_skip (&reader);
          if (g_str_equal (key, "projection") && t == CM_JSON_OBJECT)
            parse_projection (load, data, value_start, cm_json_reader_offset (&reader));
          else if ((g_str_equal (key, "detail") || g_str_equal (key, "regional")) && t == CM_JSON_OBJECT)
            parse_level (load, key, data, value_start, cm_json_reader_offset (&reader));
        }
    }
  cm_json_reader_clear (&reader);

  if (g_strcmp0 (type, "FeatureCollection") == 0 && has_features)
    {
      for (guint i = 0; i < features->len; i += 2)
        add_feature_slice (load, data, g_array_index (features, gsize, i),
                           g_array_index (features, gsize, i + 1));
    }
  else if (type != NULL && (g_str_equal (type, "Feature") || g_str_equal (type, "Polygon")
                            || g_str_equal (type, "MultiPolygon")
                            || g_str_equal (type, "GeometryCollection")))
    {
      JsonObject *root;

      if (!parse_slice (load, data, start, len, &root))
        {
          g_set_error (error, CM_BASEMAP_ERROR, CM_BASEMAP_ERROR_INVALID_JSON,
                       "%s: the JSON parser rejected the file", self->display_name);
          return FALSE;
        }
      if (g_str_equal (type, "Feature"))
        {
          JsonNode *geometry = json_object_get_member (root, "geometry");

          add_feature (load, root,
                       geometry && JSON_NODE_HOLDS_OBJECT (geometry) ? json_node_get_object (geometry) : NULL);
        }
      else
        add_feature (load, NULL, root);
    }
  else
    {
      g_set_error (error, CM_BASEMAP_ERROR, CM_BASEMAP_ERROR_NOT_GEOJSON,
                   "%s: not GeoJSON: expected a FeatureCollection, a Feature or a polygon geometry",
                   self->display_name);
      return FALSE;
    }

  if (self->regions->len == 0)
    {
      g_set_error (error, CM_BASEMAP_ERROR, CM_BASEMAP_ERROR_NO_POLYGONS,
                   "%s: contains no usable polygons (%u features without a polygon, %u polygons with bad coordinates)",
                   self->display_name, load->empty_features, load->bad_polygons);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_file (const char  *path,
           char       **contents,
           gsize       *length,
           GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *buf = NULL;
  struct stat st;
  gsize got = 0;
  int fd, saved;

  /* O_NONBLOCK: opening a FIFO without a writer must not hang the app. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, CM_BASEMAP_ERROR, CM_BASEMAP_ERROR_IO,
                   "%s: %s", display, g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, CM_BASEMAP_ERROR, CM_BASEMAP_ERROR_IO,
                   "%s: not a regular file", display);
      return FALSE;
    }
  if ((guint64) st.st_size > CM_BASEMAP_MAX_FILE_BYTES)
    {
      close (fd);
      g_set_error (error, CM_BASEMAP_ERROR, CM_BASEMAP_ERROR_TOO_LARGE,
                   "%s: the file is larger than the %u MiB a base map may have",
                   display, (guint) (CM_BASEMAP_MAX_FILE_BYTES >> 20));
      return FALSE;
    }

  buf = g_malloc ((gsize) st.st_size + 1);
  while (got < (gsize) st.st_size)
    {
      gssize n = read (fd, buf + got, (gsize) st.st_size - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved = errno;
          close (fd);
          g_set_error (error, CM_BASEMAP_ERROR, CM_BASEMAP_ERROR_IO,
                       "%s: %s", display, g_strerror (saved));
          return FALSE;
        }
      if (n == 0)
        break;
      got += n;
    }
  close (fd);
  buf[got] = '\0';
  *contents = g_steal_pointer (&buf);
  *length = got;
  return TRUE;
}

static void
cm_basemap_finalize (GObject *object)
{
  CmBasemap *self = CM_BASEMAP (object);

  g_free (self->display_name);
  g_free (self->attribution);
  g_free (self->dir);
  g_free (self->detail_file);
  g_free (self->regional_file);
  g_clear_object (&self->detail);
  g_clear_object (&self->regional);
  g_mutex_clear (&self->levels_lock);
  g_strfreev (self->warnings);
  g_string_chunk_free (self->strings);
  g_array_unref (self->regions);
  g_array_unref (self->starts);
  g_array_unref (self->points);

  G_OBJECT_CLASS (cm_basemap_parent_class)->finalize (object);
}

static void
cm_basemap_class_init (CmBasemapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_basemap_finalize;
}

static void
cm_basemap_init (CmBasemap *self)
{
  guint zero = 0;

  g_mutex_init (&self->levels_lock);
  self->strings = g_string_chunk_new (4096);
  self->regions = g_array_new (FALSE, FALSE, sizeof (CmBasemapRegion));
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->points = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (self->starts, zero);
}

CmBasemap *
cm_basemap_new_from_data (const char  *data,
                          gsize        len,
                          const char  *display_name,
                          GError     **error)
{
  g_autoptr(CmBasemap) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  CmJsonScanError scan_error = { 0 };
  gsize bom_len = 0;
  Load load = { 0 };

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CM_TYPE_BASEMAP, NULL);
  self->display_name = g_strdup (display_name ? display_name : "base map");

  if (len > CM_BASEMAP_MAX_FILE_BYTES)
    {
      g_set_error (error, CM_BASEMAP_ERROR, CM_BASEMAP_ERROR_TOO_LARGE,
                   "%s: the file is larger than the %u MiB a base map may have",
                   self->display_name, (guint) (CM_BASEMAP_MAX_FILE_BYTES >> 20));
      return NULL;
    }
  if (!cm_json_scan (data, len, &bom_len, &scan_error))
    {
      g_set_error (error, CM_BASEMAP_ERROR, CM_BASEMAP_ERROR_INVALID_JSON,
                   "%s:%u:%u: invalid JSON: %s", self->display_name,
                   scan_error.line, scan_error.column,
                   scan_error.message ? scan_error.message : "unknown error");
      cm_json_scan_error_clear (&scan_error);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  load.self = self;
  load.parser = parser;
  if (!parse_document (&load, data, len, bom_len, error))
    return NULL;
  finish_load (&load);
  return g_steal_pointer (&self);
}

CmBasemap *
cm_basemap_new_from_file (const char  *path,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *base = NULL;
  g_autofree char *display = NULL;
  gsize len = 0;
  CmBasemap *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_file (path, &contents, &len, error))
    return NULL;
  base = g_path_get_basename (path);
  display = g_filename_display_name (base);
  self = cm_basemap_new_from_data (contents, len, display, error);
  if (self != NULL)
    self->dir = g_path_get_dirname (path);
  return self;
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  CmBasemap *basemap = cm_basemap_new_from_file (task_data, &error);

  if (basemap == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, basemap, g_object_unref);
}

void
cm_basemap_load_async (const char          *path,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, load_thread);
}

CmBasemap *
cm_basemap_load_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
cm_basemap_get_display_name (CmBasemap *self)
{
  g_return_val_if_fail (CM_IS_BASEMAP (self), NULL);
  return self->display_name;
}

const char *
cm_basemap_get_attribution (CmBasemap *self)
{
  g_return_val_if_fail (CM_IS_BASEMAP (self), NULL);
  return self->attribution;
}

const char * const *
cm_basemap_get_warnings (CmBasemap *self)
{
  g_return_val_if_fail (CM_IS_BASEMAP (self), NULL);
  return (const char * const *) self->warnings;
}

gboolean
cm_basemap_get_projection (CmBasemap    *self,
                           CmProjection *proj)
{
  g_return_val_if_fail (CM_IS_BASEMAP (self), FALSE);
  g_return_val_if_fail (proj != NULL, FALSE);

  *proj = self->projection;
  return self->has_projection;
}

gboolean
cm_basemap_has_roles (CmBasemap *self)
{
  g_return_val_if_fail (CM_IS_BASEMAP (self), FALSE);
  return self->has_roles;
}

guint
cm_basemap_get_n_regions (CmBasemap *self)
{
  g_return_val_if_fail (CM_IS_BASEMAP (self), 0);
  return self->regions->len;
}

const CmBasemapRegion *
cm_basemap_get_region (CmBasemap *self,
                       guint      index)
{
  g_return_val_if_fail (CM_IS_BASEMAP (self), NULL);
  g_return_val_if_fail (index < self->regions->len, NULL);
  return &g_array_index (self->regions, CmBasemapRegion, index);
}

int
cm_basemap_find_region (CmBasemap  *self,
                        const char *id)
{
  g_return_val_if_fail (CM_IS_BASEMAP (self), -1);

  if (id == NULL)
    return -1;
  for (guint i = 0; i < self->regions->len; i++)
    if (g_str_equal (g_array_index (self->regions, CmBasemapRegion, i).id, id))
      return i;
  return -1;
}

/* Lower-case name without the administrative words geographic names carry
 * in one source and not in another ("Zhejiang Province", "浙江省"). */
static char *
region_key (const char *name)
{
  static const char * const suffixes[] = {
    " province", " municipality", " autonomous region", " sar", " special administrative region",
    " state", " oblast",
    "省", "市", "自治区", "特别行政区",
  };
  g_autofree char *folded = g_utf8_casefold (name, -1);
  gsize len = strlen (folded);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize n = strlen (suffixes[i]);
      if (len > n && strcmp (folded + len - n, suffixes[i]) == 0)
        {
          folded[len - n] = '\0';
          break;
        }
    }
  return g_strstrip (g_steal_pointer (&folded));
}

int
cm_basemap_find_region_by_name (CmBasemap  *self,
                                const char *name,
                                const char *local_name,
                                gboolean    country)
{
  g_autofree char *key_name = NULL;
  g_autofree char *key_local = NULL;

  g_return_val_if_fail (CM_IS_BASEMAP (self), -1);

  key_name = name != NULL ? region_key (name) : NULL;
  key_local = local_name != NULL ? region_key (local_name) : NULL;
  for (guint r = 0; r < self->regions->len; r++)
    {
      const CmBasemapRegion *region = &g_array_index (self->regions, CmBasemapRegion, r);
      const char *names[] = { region->name, region->name_zh, region->name_zh_short };

      if (region->role == CM_BASEMAP_ROLE_NEIGHBOUR || (region->role == CM_BASEMAP_ROLE_COUNTRY) != !!country)
        continue;
      /* An ISO 3166 code ("CN-ZJ", "NP", "US-CA") names its region too. */
      if ((name != NULL && g_ascii_strcasecmp (region->id, name) == 0)
          || (local_name != NULL && g_ascii_strcasecmp (region->id, local_name) == 0))
        return (int) r;
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        {
          g_autofree char *key = NULL;

          if (names[k] == NULL)
            continue;
          key = region_key (names[k]);
          if (g_strcmp0 (key, key_name) == 0 || g_strcmp0 (key, key_local) == 0)
            return (int) r;
        }
    }
  return -1;
}

const double *
cm_basemap_get_ring (CmBasemap *self,
                     guint      index,
                     guint      ring,
                     guint     *n_points)
{
  const CmBasemapRegion *r;
  guint a, b;

  g_return_val_if_fail (CM_IS_BASEMAP (self), NULL);
  g_return_val_if_fail (index < self->regions->len, NULL);
  r = &g_array_index (self->regions, CmBasemapRegion, index);
  g_return_val_if_fail (ring < r->n_rings, NULL);

  a = g_array_index (self->starts, guint, r->first_ring + ring);
  b = g_array_index (self->starts, guint, r->first_ring + ring + 1);
  if (n_points)
    *n_points = b - a;
  return &g_array_index (self->points, double, 2 * a);
}

guint
cm_basemap_get_n_points (CmBasemap *self)
{
  g_return_val_if_fail (CM_IS_BASEMAP (self), 0);
  return self->points->len / 2;
}

const double *
cm_basemap_get_points (CmBasemap *self,
                       guint     *n_points)
{
  g_return_val_if_fail (CM_IS_BASEMAP (self), NULL);
  if (n_points)
    *n_points = self->points->len / 2;
  return (const double *) self->points->data;
}

const guint *
cm_basemap_get_ring_starts (CmBasemap *self,
                            guint     *n_rings)
{
  g_return_val_if_fail (CM_IS_BASEMAP (self), NULL);
  if (n_rings)
    *n_rings = self->starts->len - 1;
  return (const guint *) self->starts->data;
}

void
cm_basemap_get_bounds (CmBasemap *self,
                       double    *lon_min,
                       double    *lat_min,
                       double    *lon_max,
                       double    *lat_max)
{
  g_return_if_fail (CM_IS_BASEMAP (self));
  *lon_min = self->bounds[0];
  *lat_min = self->bounds[1];
  *lon_max = self->bounds[2];
  *lat_max = self->bounds[3];
}

void
cm_basemap_get_focus_bounds (CmBasemap *self,
                             double    *lon_min,
                             double    *lat_min,
                             double    *lon_max,
                             double    *lat_max)
{
  g_return_if_fail (CM_IS_BASEMAP (self));
  *lon_min = self->focus[0];
  *lat_min = self->focus[1];
  *lon_max = self->focus[2];
  *lat_max = self->focus[3];
}

int
cm_basemap_region_at (CmBasemap *self,
                      double     lon,
                      double     lat)
{
  const double *pts;
  const guint *starts;
  int fallback = -1;

  g_return_val_if_fail (CM_IS_BASEMAP (self), -1);

  pts = (const double *) self->points->data;
  starts = (const guint *) self->starts->data;
  for (guint i = 0; i < self->regions->len; i++)
    {
      const CmBasemapRegion *r = &g_array_index (self->regions, CmBasemapRegion, i);

      if (lon < r->lon_min || lon > r->lon_max || lat < r->lat_min || lat > r->lat_max)
        continue;
      if (!cm_map_rings_contain_point (pts, starts + r->first_ring, r->n_rings, lon, lat))
        continue;
      if (r->role == CM_BASEMAP_ROLE_PROVINCE || r->role == CM_BASEMAP_ROLE_REGION)
        return i;
      if (fallback < 0 || r->role == CM_BASEMAP_ROLE_COUNTRY)
        fallback = i;
    }
  return fallback;
}

/* Loads a level named by @self once; NULL when it is missing, broken or
 * (for a detail level) not the same regions in the same order. */
static CmBasemap *
load_level (CmBasemap  *self,
            const char *file,
            gboolean    same_regions)
{
  g_autofree char *path = g_build_filename (self->dir, file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmBasemap) level = cm_basemap_new_from_file (path, &error);

  if (level == NULL)
    {
      g_warning ("%s names %s, which did not load: %s", self->display_name, file, error->message);
      return NULL;
    }
  if (same_regions)
    {
      gboolean same = level->regions->len == self->regions->len;

      for (guint r = 0; same && r < self->regions->len; r++)
        same = g_str_equal (g_array_index (level->regions, CmBasemapRegion, r).id,
                            g_array_index (self->regions, CmBasemapRegion, r).id);
      if (!same)
        {
          g_warning ("%s: its detail level %s has other regions; not used", self->display_name, file);
          return NULL;
        }
    }
  return g_steal_pointer (&level);
}

gboolean
cm_basemap_has_detail (CmBasemap *self,
                       double    *below_km)
{
  g_return_val_if_fail (CM_IS_BASEMAP (self), FALSE);

  if (below_km != NULL)
    *below_km = self->detail_below_km;
  return self->detail_file != NULL && self->dir != NULL;
}

CmBasemap *
cm_basemap_get_detail (CmBasemap *self)
{
  CmBasemap *detail;

  g_return_val_if_fail (CM_IS_BASEMAP (self), NULL);

  if (!cm_basemap_has_detail (self, NULL))
    return NULL;
  g_mutex_lock (&self->levels_lock);
  if (!self->detail_tried)
    {
      self->detail = load_level (self, self->detail_file, TRUE);
      self->detail_tried = TRUE;
    }
  detail = self->detail;
  g_mutex_unlock (&self->levels_lock);
  return detail;
}

gboolean
cm_basemap_get_regional_bounds (CmBasemap *self,
                                double     bounds[4])
{
  g_return_val_if_fail (CM_IS_BASEMAP (self), FALSE);

  if (self->regional_file == NULL || self->dir == NULL)
    return FALSE;
  memcpy (bounds, self->regional_bounds, sizeof self->regional_bounds);
  return TRUE;
}

CmBasemap *
cm_basemap_get_regional (CmBasemap *self)
{
  CmBasemap *regional;
  double b[4];

  g_return_val_if_fail (CM_IS_BASEMAP (self), NULL);

  if (!cm_basemap_get_regional_bounds (self, b))
    return NULL;
  g_mutex_lock (&self->levels_lock);
  if (!self->regional_tried)
    {
      self->regional = load_level (self, self->regional_file, FALSE);
      self->regional_tried = TRUE;
    }
  regional = self->regional;
  g_mutex_unlock (&self->levels_lock);
  return regional;
}
