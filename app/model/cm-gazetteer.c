/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include <geonames.h>
#include <locale.h>
#include <string.h>

#include "cm-gazetteer.h"

/* libgeonames keeps process-wide state that it sets up on first use; loads
 * run on worker threads, so look-ups take turns. */
static GMutex gazetteer_lock;

void
cm_gazetteer_match_free (CmGazetteerMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->name);
  g_free (match->state);
  g_free (match->country_code);
  g_free (match);
}

static char *
fold (const char *s)
{
  g_autofree char *norm = g_utf8_normalize (s ? s : "", -1, G_NORMALIZE_ALL);
  return g_utf8_casefold (norm ? norm : "", -1);
}

/* geonames calls Shanghai's division "Shanghai Municipality" and some
 * provinces "Hunan Province": a region matches when the state is the name,
 * optionally followed by such a word. */
static gboolean
state_matches (const char *state,
               const char *region)
{
  g_autofree char *fs = fold (state);
  g_autofree char *fr = fold (region);
  gsize n = strlen (fr);

  if (n == 0 || strncmp (fs, fr, n) != 0)
    return FALSE;
  return fs[n] == '\0' || fs[n] == ' ';
}

/* geonames_query_cities_sync() scans every city on each query (about 50 ms),
 * so a file with thousands of places to resolve took minutes. An index of
 * the folded names, made once (about 50 ms), answers at once. Called with
 * gazetteer_lock held; the index lives as long as the process. */
static GHashTable *
get_index (void)
{
  static GHashTable *index = NULL;   /* folded name -> GArray of city indices */
  gint n;

  if (index != NULL)
    return index;
  index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  n = geonames_get_n_cities ();
  for (gint i = 0; i < n; i++)
    {
      g_autoptr(GeonamesCity) city = geonames_get_city (i);
      char *key;
      GArray *ids;

      if (city == NULL)
        continue;
      key = fold (geonames_city_get_name (city));
      ids = g_hash_table_lookup (index, key);
      if (ids == NULL)
        {
          ids = g_array_new (FALSE, FALSE, sizeof (gint));
          g_hash_table_insert (index, key, ids);
        }
      else
        g_free (key);
      g_array_append_val (ids, i);
    }
  return index;
}

static int
compare_population (gconstpointer a,
                    gconstpointer b)
{
  const CmGazetteerMatch *x = *(CmGazetteerMatch * const *) a;
  const CmGazetteerMatch *y = *(CmGazetteerMatch * const *) b;

  return x->population > y->population ? -1 : x->population < y->population;
}

GPtrArray *
cm_gazetteer_lookup (const char         *name,
                     const char         *country_code,
                     const char * const *regions)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_gazetteer_match_free);
  g_autofree char *wanted = NULL;
  locale_t c_locale, old_locale = (locale_t) 0;
  GArray *ids;

  g_return_val_if_fail (name != NULL, NULL);

  wanted = fold (name);
  g_mutex_lock (&gazetteer_lock);
  /* libgeonames translates names into the UI language ("Wuhan" becomes
   * "武汉" in a Chinese session); datasets are matched against the English
   * names, so look up in the C locale, for this thread only. */
  c_locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  if (c_locale != (locale_t) 0)
    old_locale = uselocale (c_locale);
  ids = g_hash_table_lookup (get_index (), wanted);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      GeonamesCity *city = geonames_get_city (g_array_index (ids, gint, i));
      CmGazetteerMatch *m;

      if (city == NULL)
        continue;
      if (country_code != NULL &&
          g_ascii_strcasecmp (geonames_city_get_country_code (city), country_code) != 0)
        {
          geonames_city_free (city);
          continue;
        }
      m = g_new0 (CmGazetteerMatch, 1);
      m->name = g_strdup (geonames_city_get_name (city));
      m->state = g_strdup (geonames_city_get_state (city));
      m->country_code = g_strdup (geonames_city_get_country_code (city));
      m->lat = geonames_city_get_latitude (city);
      m->lon = geonames_city_get_longitude (city);
      m->population = geonames_city_get_population (city);
      g_ptr_array_add (matches, m);
      geonames_city_free (city);
    }
  if (c_locale != (locale_t) 0)
    {
      uselocale (old_locale);
      freelocale (c_locale);
    }
  g_mutex_unlock (&gazetteer_lock);

  if (regions != NULL && regions[0] != NULL)
    {
      g_autoptr(GPtrArray) inside = g_ptr_array_new_with_free_func ((GDestroyNotify) cm_gazetteer_match_free);
      gsize n = 0;
      g_autofree gpointer *all = g_ptr_array_steal (matches, &n);

      for (gsize i = 0; i < n; i++)
        {
          CmGazetteerMatch *m = all[i];
          gboolean found = FALSE;

          for (guint r = 0; regions[r] != NULL && !found; r++)
            found = state_matches (m->state, regions[r]);
          if (found)
            g_ptr_array_add (inside, m);
          else
            cm_gazetteer_match_free (m);
        }
      g_ptr_array_unref (matches);
      matches = g_steal_pointer (&inside);
    }

  g_ptr_array_sort (matches, compare_population);
  return g_steal_pointer (&matches);
}

char *
cm_gazetteer_match_describe (const CmGazetteerMatch *match)
{
  return g_strdup_printf ("%s (%s, %s; %.3f, %.3f)", match->name,
                          match->state ? match->state : "?",
                          match->country_code ? match->country_code : "?",
                          match->lat, match->lon);
}
