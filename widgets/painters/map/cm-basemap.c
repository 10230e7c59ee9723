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

static void
add_feature (Load       *load,
             JsonObject *feature,
             JsonObject *geometry)
{
  CmBasemap *self = load->self;
  CmBasemapRegion region = { 0 };
  JsonNode *props_node = feature ? json_object_get_member (feature, "properties") : NULL;
  JsonObject *props = NULL;
  g_autofree char *id = NULL;
  const char *role;
  guint first_ring = self->starts->len - 1;
  guint first_point = self->points->len / 2;
  CmMapBox box;

  if (props_node != NULL && JSON_NODE_HOLDS_OBJECT (props_node))
    props = json_node_get_object (props_node);

  if (geometry == NULL || add_geometry (load, geometry, TRUE) == 0)
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

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!read_file (path, &contents, &len, error))
    return NULL;
  base = g_path_get_basename (path);
  display = g_filename_display_name (base);
  return cm_basemap_new_from_data (contents, len, display, error);
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
