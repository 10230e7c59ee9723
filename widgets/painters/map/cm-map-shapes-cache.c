/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <string.h>

#include "cm-map-painter-private.h"

/* The base map projected, shared by every painter that draws the same
 * base map in the same projection. Projecting the world or China map and
 * finding its label points costs about 300M instructions, which a new
 * painter (a new export figure, the preview after a change of words)
 * would otherwise pay again for the same result.
 *
 * The cache hangs on the base map object itself: a base map never changes
 * once loaded, and another file is another object, so its shapes go with
 * it and a stale entry cannot be found. A few projections are kept per
 * base map, the last used first: the window and an export figure share
 * one, and a change of projection mode adds one. Shapes are reference
 * counted and never changed after they are built (but for the label
 * points, found under their own lock when first asked), so a painter keeps
 * drawing its own after the cache has let them go. Any thread may look
 * up: the preview and the export draw on worker threads. */

#define MAX_PROJECTIONS 4

typedef struct
{
  CmProjection  projection;
  Shapes       *shapes;
  Shapes       *detail;       /* the detail level, built on first use */
} Entry;

typedef struct
{
  GMutex        lock;
  GQueue        entries;      /* Entry *, the last used first */
} Cache;

static GMutex attach_lock;

static GQuark
cache_quark (void)
{
  return g_quark_from_static_string ("cm-map-shapes-cache");
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  _cm_map_shapes_free (entry->shapes);
  _cm_map_shapes_free (entry->detail);
  g_free (entry);
}

/* When the base map goes: nobody else holds it, so nobody looks up. */
static void
cache_free (gpointer data)
{
  Cache *cache = data;

  g_queue_clear_full (&cache->entries, entry_free);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

static Cache *
cache_of (CmBasemap *basemap)
{
  Cache *cache;

  g_mutex_lock (&attach_lock);
  cache = g_object_get_qdata (G_OBJECT (basemap), cache_quark ());
  if (cache == NULL)
    {
      cache = g_new0 (Cache, 1);
      g_mutex_init (&cache->lock);
      g_queue_init (&cache->entries);
      g_object_set_qdata_full (G_OBJECT (basemap), cache_quark (), cache, cache_free);
    }
  g_mutex_unlock (&attach_lock);
  return cache;
}

/* The entry for @projection, built when missing, moved to the front.
 * Called with the cache locked: two painters asking at once wait for one
 * projection instead of making two. */
static Entry *
find_entry (Cache              *cache,
            CmBasemap          *basemap,
            const CmProjection *projection)
{
  Entry *entry = NULL;

  for (GList *l = cache->entries.head; l != NULL; l = l->next)
    if (cm_projection_equal (&((Entry *) l->data)->projection, projection))
      {
        entry = l->data;
        g_queue_unlink (&cache->entries, l);
        g_queue_push_head_link (&cache->entries, l);
        return entry;
      }
  entry = g_new0 (Entry, 1);
  entry->projection = *projection;
  entry->shapes = _cm_map_shapes_new (basemap, projection);
  g_queue_push_head (&cache->entries, entry);
  while (cache->entries.length > MAX_PROJECTIONS)
    entry_free (g_queue_pop_tail (&cache->entries));
  return entry;
}

Shapes *
_cm_map_shapes_lookup (CmBasemap          *basemap,
                       const CmProjection *projection,
                       gboolean            detail)
{
  Cache *cache = cache_of (basemap);
  CmBasemap *level;
  Entry *entry;
  Shapes *shapes;

  g_mutex_lock (&cache->lock);
  entry = find_entry (cache, basemap, projection);
  if (detail && entry->detail == NULL && (level = cm_basemap_get_detail (basemap)) != NULL)
    {
      entry->detail = _cm_map_shapes_new (level, projection);
      /* Neighbours keep their tones whatever the level: the coarse
       * level's borders decide them. */
      memcpy (entry->detail->tone, entry->shapes->tone, cm_basemap_get_n_regions (basemap));
    }
  shapes = detail ? entry->detail : entry->shapes;
  if (shapes != NULL)
    _cm_map_shapes_ref (shapes);
  g_mutex_unlock (&cache->lock);
  return shapes;
}
