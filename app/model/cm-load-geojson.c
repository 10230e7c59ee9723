/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include <math.h>
#include <string.h>

#include "cm-loader-private.h"

/* A GeoJSON FeatureCollection of dated points, such as the USGS feeds.
 * Imports are forgiving: what cannot be used is skipped with a warning that
 * names the feature, and only a file with nothing usable is rejected. */

typedef struct
{
  char    *id;
  char    *date;       /* "date", "start" or a string "time" */
  double   time_ms;    /* a numeric "time": epoch milliseconds */
  gboolean has_time_ms;
  char    *title;
  char    *name;
  char    *place;
  char    *category;
  char    *type;
  char    *summary;
  char    *geometry_type;
  gboolean has_point;
  double   lon;
  double   lat;
} Feature;

typedef struct
{
  CmLoad     *load;
  GHashTable *places;       /* "lat,lon,name" -> index + 1 */
  GHashTable *categories;   /* label -> index */
  guint       n_skipped;
  guint       n_features;
} GeoJson;

static void
feature_clear (Feature *f)
{
  g_free (f->id);
  g_free (f->date);
  g_free (f->title);
  g_free (f->name);
  g_free (f->place);
  g_free (f->category);
  g_free (f->type);
  g_free (f->summary);
  g_free (f->geometry_type);
}

/* A scalar as text, or NULL for null, objects and arrays. */
static char *
scalar_text (CmJsonReader *r)
{
  switch (cm_json_reader_peek (r))
    {
    case CM_JSON_STRING:
      return g_strdup (cm_json_reader_read_string (r, NULL));
    case CM_JSON_NUMBER:
      {
        gboolean integer;
        double v = cm_json_reader_read_double (r, &integer);
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        if (integer && fabs (v) < 1e15)
          return g_strdup_printf ("%.0f", v);
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, v));
      }
    default:
      cm_json_reader_skip (r);
      return NULL;
    }
}

static void
read_properties (CmJsonReader *r,
                 Feature      *f)
{
  if (cm_json_reader_peek (r) != CM_JSON_OBJECT)
    {
      cm_json_reader_skip (r);
      return;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_member (r))
    {
      const char *key = r->key->str;
      char **slot = NULL;

      if (strcmp (key, "time") == 0 && cm_json_reader_peek (r) == CM_JSON_NUMBER)
        {
          f->time_ms = cm_json_reader_read_double (r, NULL);
          f->has_time_ms = TRUE;
          continue;
        }
      if (strcmp (key, "date") == 0 || strcmp (key, "start") == 0 || strcmp (key, "time") == 0)
        slot = &f->date;
      else if (strcmp (key, "title") == 0)
        slot = &f->title;
      else if (strcmp (key, "name") == 0)
        slot = &f->name;
      else if (strcmp (key, "place") == 0)
        slot = &f->place;
      else if (strcmp (key, "category") == 0)
        slot = &f->category;
      else if (strcmp (key, "type") == 0)
        slot = &f->type;
      else if (strcmp (key, "description") == 0 || strcmp (key, "summary") == 0)
        slot = &f->summary;

      if (slot != NULL && *slot == NULL)
        *slot = scalar_text (r);
      else
        cm_json_reader_skip (r);
    }
}

static void
read_geometry (CmJsonReader *r,
               Feature      *f)
{
  if (cm_json_reader_peek (r) != CM_JSON_OBJECT)
    {
      cm_json_reader_skip (r);
      return;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_member (r))
    {
      if (strcmp (r->key->str, "type") == 0 && cm_json_reader_peek (r) == CM_JSON_STRING)
        {
          g_free (f->geometry_type);
          f->geometry_type = g_strdup (cm_json_reader_read_string (r, NULL));
        }
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
          if (numbers && n == 2)
            {
              f->lon = v[0];
              f->lat = v[1];
              f->has_point = TRUE;
            }
        }
      else
        cm_json_reader_skip (r);
    }
}

static gboolean
feature_date (CmLoad  *load,
              Feature *f,
              gsize    offset,
              CmDate  *date)
{
  if (f->date != NULL)
    {
      if (cm_date_parse_lenient (f->date, date))
        return TRUE;
      _cm_load_warning (load, offset, "feature skipped: its date \"%s\" cannot be read; "
                        "expected ISO 8601 such as 2021-11-15", f->date);
      return FALSE;
    }
  if (f->has_time_ms)
    {
      double secs = floor (f->time_ms / 1000.0);
      if (!isfinite (secs) || secs < (double) CM_DATE_DAY_MIN || secs >= (double) CM_DATE_DAY_MAX)
        {
          _cm_load_warning (load, offset, "feature skipped: its time %.0f ms lies outside years -9999 to 9999", f->time_ms);
          return FALSE;
        }
      date->start = (gint64) secs;
      date->end = date->start + 1;
      date->precision = CM_PRECISION_SECOND;
      return TRUE;
    }
  if (f->id != NULL && cm_date_parse_lenient (f->id, date))
    return TRUE;
  _cm_load_warning (load, offset, "feature skipped: it has no date; expected a property \"date\", \"time\" or \"start\"");
  return FALSE;
}

static gint32
feature_place (GeoJson    *g,
               Feature    *f,
               gsize       offset,
               const char *title)
{
  CmLoad *load = g->load;
  const char *name = f->place ? f->place : title;

  if (!f->has_point)
    {
      if (f->geometry_type != NULL)
        _cm_load_warning (load, offset, "geometry of type %s is not a Point; the feature is shown on the timeline only",
                          f->geometry_type);
      return -1;
    }
  if (!isfinite (f->lat) || !isfinite (f->lon) || fabs (f->lat) > 90 || fabs (f->lon) > 180)
    {
      _cm_load_warning (load, offset, "coordinates [%g, %g] are out of range; the feature is shown on the timeline only",
                        f->lon, f->lat);
      return -1;
    }

  return _cm_load_point_place (load, g->places, f->lat, f->lon, name);
}

static void
read_feature (GeoJson *g,
              guint    index)
{
  CmLoad *load = g->load;
  CmJsonReader *r = &load->reader;
  gsize offset = cm_json_reader_offset (r);
  Feature f = { 0 };
  CmDate date;

  g->n_features++;
  if (cm_json_reader_peek (r) != CM_JSON_OBJECT)
    {
      _cm_load_warning (load, offset, "feature skipped: expected an object, found %s",
                        _cm_json_type_name (cm_json_reader_peek (r)));
      cm_json_reader_skip (r);
      g->n_skipped++;
      return;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_member (r))
    {
      if (strcmp (r->key->str, "properties") == 0)
        read_properties (r, &f);
      else if (strcmp (r->key->str, "geometry") == 0)
        read_geometry (r, &f);
      else if (strcmp (r->key->str, "id") == 0 && f.id == NULL)
        f.id = scalar_text (r);
      else
        cm_json_reader_skip (r);
    }

  if (feature_date (load, &f, offset, &date))
    {
      g_autofree char *fallback = g_strdup_printf ("Feature %u", index + 1);
      const char *title = f.title ? f.title : f.name ? f.name : f.place ? f.place : f.id ? f.id : fallback;
      const char *label = f.category ? f.category : f.type ? f.type : "Events";
      gint32 place = feature_place (g, &f, offset, title);
      gint32 category = _cm_load_category_for_label (load, g->categories, label);

      _cm_load_add_item (load, index, f.id, title, f.summary ? f.summary : f.place, NULL,
                         &date, NULL, place, category);
    }
  else
    g->n_skipped++;
  feature_clear (&f);
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

gboolean
_cm_load_geojson (CmLoad *load)
{
  CmDataset *ds = load->dataset;
  CmJsonReader *r = &load->reader;
  GeoJson g = { .load = load };
  gsize top = cm_json_reader_offset (r);
  gboolean have_features = FALSE;

  g.places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g.categories = g_hash_table_new (g_str_hash, g_str_equal);

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
              if ((i & 4095) == 0 && !_cm_load_tick (load, CM_LOAD_READING (r->pos / (double) MAX (load->len, 1))))
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

  if (!load->cancelled)
    {
      if (!have_features)
        cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, top, NULL,
                            "a FeatureCollection needs a \"features\" array");
      else if (ds->announcements->len == 0)
        cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, top, NULL,
                            "no usable feature: none of the %u features has a readable date", g.n_features);
      else if (g.n_skipped > 0)
        cm_diagnostics_add (load->diags, CM_SEVERITY_NOTE, G_MAXSIZE, NULL,
                            "%u of %u features skipped", g.n_skipped, g.n_features);
    }
  if (ds->title == NULL)
    ds->title = g_strdup ("GeoJSON features");

  g_hash_table_unref (g.places);
  g_hash_table_unref (g.categories);
  return !load->cancelled;
}
