/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include "cm-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cm-loader-private.h"

/* GeoJSON: a FeatureCollection (or a single Feature) of dated points, such
 * as the USGS feeds. The properties become a table and go through the same
 * field mapping as CSV (cm-field-map.c): the date is found in "date",
 * "Date", "timestamp", "time"…, or named with --date. Imports are
 * forgiving: what cannot be used is skipped, summarised per reason, and
 * only a file with nothing usable is rejected. */

#define MAX_GEOMETRY_WARNINGS 3

typedef struct
{
  CmLoad     *load;
  CmTable     table;
  GHashTable *columns;      /* property name -> column + 1 */
  guint       n_features;
  guint       n_other_geometry;
  GHashTable *unused;       /* top-level or feature members not read -> TRUE */
  gboolean    property_id;  /* a property is named "id" */
  gboolean    when_read;    /* the feature's Linked Places "when" is read */
} GeoJson;

static guint
column_for (GeoJson    *g,
            const char *key)
{
  gpointer found = g_hash_table_lookup (g->columns, key);
  guint c;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  c = cm_table_column (&g->table, key);
  g_hash_table_insert (g->columns, g_strdup (key), GUINT_TO_POINTER (c + 1));
  return c;
}

/* A property value as a cell: strings where they are in the file, numbers
 * and booleans as text; null, objects and arrays are no value. */
static void
read_value (GeoJson    *g,
            const char *key)
{
  CmJsonReader *r = &g->load->reader;

  switch (cm_json_reader_peek (r))
    {
    case CM_JSON_STRING:
      {
        CmCell cell = { 0, 0, CM_CELL_JSON };
        gsize offset, len;
        gboolean escaped;

        cm_json_reader_string_span (r, &offset, &len, &escaped);
        cell.offset = offset;
        cell.len = (guint32) MIN (len, G_MAXUINT32);
        cm_table_set (&g->table, column_for (g, key), &cell);
      }
      break;
    case CM_JSON_NUMBER:
      {
        gboolean integer;
        double v = cm_json_reader_read_double (r, &integer);
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        if (integer && fabs (v) < 1e15)
          g_snprintf (buf, sizeof buf, "%.0f", v);
        else
          g_ascii_dtostr (buf, sizeof buf, v);
        cm_table_set_text (&g->table, column_for (g, key), buf);
      }
      break;
    case CM_JSON_BOOLEAN:
      cm_table_set_text (&g->table, column_for (g, key), cm_json_reader_read_boolean (r) ? "true" : "false");
      break;
    case CM_JSON_NULL:
    case CM_JSON_OBJECT:
    case CM_JSON_ARRAY:
    case CM_JSON_END:
    default:
      cm_json_reader_skip (r);
      break;
    }
}

static void
read_properties (GeoJson *g)
{
  CmJsonReader *r = &g->load->reader;

  if (cm_json_reader_peek (r) != CM_JSON_OBJECT)
    {
      cm_json_reader_skip (r);
      return;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_member (r))
    {
      g_autofree char *key = g_strdup (r->key->str);
      if (strcmp (key, "id") == 0)
        g->property_id = TRUE;
      read_value (g, key);
    }
}

/* Linked Places "when": {"timespans": [{"start": {"in": "1900"}, "end": …}]},
 * read as the columns "when.start" and "when.end": the feature's own, or
 * else that of its first geometry that has one (the official sample dates
 * only its geometries), whichever comes first in the file. */
static void
read_when_bound (GeoJson    *g,
                 const char *column)
{
  CmJsonReader *r = &g->load->reader;

  if (cm_json_reader_peek (r) != CM_JSON_OBJECT)
    {
      cm_json_reader_skip (r);
      return;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_member (r))
    if (strcmp (r->key->str, "in") == 0 || strcmp (r->key->str, "earliest") == 0)
      read_value (g, column);
    else
      cm_json_reader_skip (r);
}

static void
read_when (GeoJson *g)
{
  CmJsonReader *r = &g->load->reader;
  gboolean first = TRUE;

  if (cm_json_reader_peek (r) != CM_JSON_OBJECT || g->when_read)
    {
      cm_json_reader_skip (r);
      return;
    }
  g->when_read = TRUE;
  cm_json_reader_enter (r);
  while (cm_json_reader_next_member (r))
    {
      if (strcmp (r->key->str, "timespans") != 0 || cm_json_reader_peek (r) != CM_JSON_ARRAY)
        {
          cm_json_reader_skip (r);
          continue;
        }
      cm_json_reader_enter (r);
      while (cm_json_reader_next_element (r))
        {
          if (!first || cm_json_reader_peek (r) != CM_JSON_OBJECT)
            {
              cm_json_reader_skip (r);
              continue;
            }
          first = FALSE;
          cm_json_reader_enter (r);
          while (cm_json_reader_next_member (r))
            if (strcmp (r->key->str, "start") == 0)
              read_when_bound (g, "when.start");
            else if (strcmp (r->key->str, "end") == 0)
              read_when_bound (g, "when.end");
            else
              cm_json_reader_skip (r);
        }
    }
}

/* The position of a Point, or of the first Point of a GeometryCollection
 * (Linked Places); other geometries are named and left off the map. */
static void
read_geometry (GeoJson *g,
               gsize    offset,
               char   **type,
               gboolean *has_point,
               double  *lon,
               double  *lat)
{
  CmJsonReader *r = &g->load->reader;

  if (cm_json_reader_peek (r) != CM_JSON_OBJECT)
    {
      cm_json_reader_skip (r);
      return;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_member (r))
    {
      if (strcmp (r->key->str, "type") == 0 && cm_json_reader_peek (r) == CM_JSON_STRING && *type == NULL)
        *type = g_strdup (cm_json_reader_read_string (r, NULL));
      else if (strcmp (r->key->str, "coordinates") == 0 && cm_json_reader_peek (r) == CM_JSON_ARRAY)
        {
          double v[2];
          guint n = 0;
          gboolean numbers = TRUE;

          cm_json_reader_enter (r);
          while (cm_json_reader_next_element (r))
            {
              if (cm_json_reader_peek (r) == CM_JSON_NUMBER && n < 2)
                v[n++] = cm_json_reader_read_double (r, NULL);
              else
                {
                  numbers = numbers && cm_json_reader_peek (r) == CM_JSON_NUMBER;
                  cm_json_reader_skip (r);
                }
            }
          if (numbers && n == 2 && !*has_point)
            {
              *lon = v[0];
              *lat = v[1];
              *has_point = TRUE;
            }
        }
      else if (strcmp (r->key->str, "geometries") == 0 && cm_json_reader_peek (r) == CM_JSON_ARRAY)
        {
          cm_json_reader_enter (r);
          while (cm_json_reader_next_element (r))
            {
              g_autofree char *inner = NULL;
              gboolean point = FALSE;
              double x = 0, y = 0;

              read_geometry (g, offset, &inner, &point, &x, &y);
              if (point && !*has_point && g_strcmp0 (inner, "Point") == 0)
                {
                  *lon = x;
                  *lat = y;
                  *has_point = TRUE;
                }
            }
        }
      else if (strcmp (r->key->str, "when") == 0)
        read_when (g);
      else
        cm_json_reader_skip (r);
    }
}

static void
read_feature (GeoJson *g,
              guint    index)
{
  CmLoad *load = g->load;
  CmJsonReader *r = &load->reader;
  gsize offset = cm_json_reader_offset (r);
  g_autofree char *type = NULL;
  gboolean has_point = FALSE, has_id = FALSE;
  double lon = 0, lat = 0;

  g->n_features++;
  g->when_read = FALSE;
  cm_table_begin_row (&g->table, offset);
  if (cm_json_reader_peek (r) != CM_JSON_OBJECT)
    {
      /* No properties: the mapping skips it for want of a date. */
      _cm_load_warning (load, offset, _("feature skipped: expected an object, found %s"),
                        _cm_json_type_name (cm_json_reader_peek (r)));
      cm_json_reader_skip (r);
      return;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_member (r))
    {
      const char *key = r->key->str;

      if (strcmp (key, "properties") == 0)
        read_properties (g);
      else if (strcmp (key, "geometry") == 0)
        read_geometry (g, offset, &type, &has_point, &lon, &lat);
      else if (strcmp (key, "when") == 0)
        read_when (g);
      else if (strcmp (key, "id") == 0 && !has_id)
        {
          /* The feature's id, unless a property says "id" too. */
          has_id = TRUE;
          read_value (g, g->property_id ? "feature id" : "id");
        }
      else
        {
          if (strcmp (key, "type") != 0 && g_hash_table_size (g->unused) < 20)
            g_hash_table_add (g->unused, g_strdup (key));
          cm_json_reader_skip (r);
        }
    }

  if (has_point && (!isfinite (lat) || !isfinite (lon) || fabs (lat) > 90 || fabs (lon) > 180))
    _cm_load_warning (load, offset, _("coordinates [%g, %g] are out of range; the feature is shown on the timeline only"),
                      lon, lat);
  else if (has_point)
    cm_table_set_point (&g->table, lat, lon);
  else if (type != NULL && strcmp (type, "Point") != 0)
    {
      if (g->n_other_geometry++ < MAX_GEOMETRY_WARNINGS)
        _cm_load_warning (load, offset, _("geometry of type %s is not a Point; the feature is shown on the timeline only"),
                          type);
    }
  (void) index;
}

static char *
read_metadata_title (CmJsonReader *r)
{
  char *title = NULL;

  if (cm_json_reader_peek (r) != CM_JSON_OBJECT)
    {
      cm_json_reader_skip (r);
      return NULL;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_member (r))
    if (strcmp (r->key->str, "title") == 0 && title == NULL && cm_json_reader_peek (r) == CM_JSON_STRING)
      title = g_strdup (cm_json_reader_read_string (r, NULL));
    else
      cm_json_reader_skip (r);
  return title;
}

static void
name_unused (GeoJson *g)
{
  g_autoptr(GString) names = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (g->unused) == 0)
    return;
  g_hash_table_iter_init (&iter, g->unused);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_string_append_printf (names, "%s\"%s\"", names->len ? ", " : "", (const char *) key);
  cm_diagnostics_add (g->load->diags, CM_SEVERITY_NOTE, G_MAXSIZE, NULL,
                      _("members not used by Chronomap: %s"), names->str);
}

gboolean
_cm_load_geojson (CmLoad *load)
{
  CmDataset *ds = load->dataset;
  CmJsonReader *r = &load->reader;
  GeoJson g = { .load = load };
  gsize top = cm_json_reader_offset (r);
  gboolean have_features = FALSE, single = FALSE;
  g_autoptr(GHashTable) places = _cm_load_places_new ();

  cm_table_init (&g.table, load->data);
  g.table.progress_from = 0.5;
  if (load->preview != NULL)
    load->preview->source = CM_IMPORT_SOURCE_FEATURES;
  g.columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g.unused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* A single Feature is read as a collection of one. */
  {
    CmJsonReader probe;
    cm_json_reader_init (&probe, load->data, load->len, top);
    cm_json_reader_enter (&probe);
    while (cm_json_reader_next_member (&probe))
      if (strcmp (probe.key->str, "type") == 0 && cm_json_reader_peek (&probe) == CM_JSON_STRING)
        {
          single = strcmp (cm_json_reader_read_string (&probe, NULL), "Feature") == 0;
          break;
        }
      else
        cm_json_reader_skip (&probe);
    cm_json_reader_clear (&probe);
  }

  if (single)
    {
      have_features = TRUE;
      g.table.pointer_prefix = NULL;
      read_feature (&g, 0);
      cm_diagnostics_add (load->diags, CM_SEVERITY_NOTE, top, NULL,
                          _("a single GeoJSON Feature, read as a collection of one"));
    }
  else
    {
      g.table.pointer_prefix = "/features";
      cm_json_reader_enter (r);
      while (!load->cancelled && cm_json_reader_next_member (r))
        {
          const char *key = r->key->str;

          if (strcmp (key, "features") == 0 && cm_json_reader_peek (r) == CM_JSON_ARRAY)
            {
              gsize mark = _cm_load_push_key (load, "features");
              guint i = 0;

              have_features = TRUE;
              cm_json_reader_enter (r);
              while (cm_json_reader_next_element (r))
                {
                  gsize item;
                  if ((i & 4095) == 0 && !_cm_load_tick (load, CM_LOAD_READING (0.5 * (r->pos / (double) MAX (load->len, 1)))))
                    break;
                  item = _cm_load_push_index (load, i);
                  read_feature (&g, i++);
                  _cm_load_pop (load, item);
                }
              _cm_load_pop (load, mark);
            }
          else if (strcmp (key, "metadata") == 0 && ds->title == NULL)
            ds->title = read_metadata_title (r);
          else if (strcmp (key, "name") == 0 && ds->title == NULL && cm_json_reader_peek (r) == CM_JSON_STRING)
            ds->title = g_strdup (cm_json_reader_read_string (r, NULL));
          else
            cm_json_reader_skip (r);
        }
    }

  if (!load->cancelled)
    {
      if (g.n_other_geometry > MAX_GEOMETRY_WARNINGS)
        cm_diagnostics_add (load->diags, CM_SEVERITY_NOTE, G_MAXSIZE, NULL,
                            _("%u features in all have a geometry other than a Point and are shown on the timeline only"),
                            g.n_other_geometry);
      name_unused (&g);
      if (!have_features)
        cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, top, NULL,
                            _("a FeatureCollection needs a \"features\" array"));
      else if (g.n_features > 0 && _cm_load_table (load, &g.table, CM_LOAD_FEATURES, places))
        {
          _cm_load_finish_skips (load, g.n_features, CM_LOAD_FEATURES);
          if (ds->announcements->len == 0)
            cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, top, NULL,
                                g_dngettext (GETTEXT_PACKAGE, "no usable feature: %u feature without a readable date",
                                             "no usable feature: none of the %u features has a readable date",
                                             g.n_features),
                                g.n_features);
        }
      else if (g.n_features == 0)
        cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, top, NULL,
                            _("no usable feature: the \"features\" array is empty"));
    }
  if (ds->title == NULL)
    ds->title = _cm_load_title_from_file (load, _("GeoJSON features"));


  cm_table_clear (&g.table);
  g_hash_table_unref (g.columns);
  g_hash_table_unref (g.unused);
  return !load->cancelled;
}
