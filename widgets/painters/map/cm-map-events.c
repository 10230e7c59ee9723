/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <stdlib.h>

#include "cm-memory.h"
#include "cm-map-events.h"

struct _CmMapEvents
{
  guint   n_places;
  guint   n_categories;
  gsize   n_events;
  gsize  *offsets;     /* n_places * n_categories + 1 runs */
  gint64 *times;       /* sorted within each run */
  gint64  first, last;
};

static int
compare_times (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* First index in [lo, hi) whose time is >= t. */
static inline gsize
lower_bound (const gint64 *v,
             gsize         lo,
             gsize         hi,
             gint64        t)
{
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (v[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

CmMapEvents *
cm_map_events_new (guint          n_places,
                   guint          n_categories,
                   gsize          n_events,
                   const gint64  *times,
                   const guint32 *places,
                   const guint8  *categories)
{
  CmMapEvents *ev = g_new0 (CmMapEvents, 1);
  gsize n_runs, *fill;
  g_autofree guint8 *unsorted = NULL;

  g_return_val_if_fail (n_events == 0 || (times != NULL && places != NULL), ev);

  ev->n_places = n_places;
  ev->n_categories = CLAMP (n_categories, 1, CM_MAP_MAX_CATEGORIES);
  /* Without categories all is one; with no events at all, the layout
   * asked for is kept, so that an empty subset matches a full set. */
  if (categories == NULL && n_events > 0)
    ev->n_categories = 1;
  n_runs = (gsize) n_places * ev->n_categories;
  ev->offsets = g_new0 (gsize, n_runs + 1);
  ev->first = G_MAXINT64;
  ev->last = G_MININT64;

#define RUN_OF(i) ((gsize) places[i] * ev->n_categories \
                   + (categories ? MIN (categories[i], ev->n_categories - 1) : 0))
#define VALID(i) (places[i] < n_places)

  /* Bucket by (place, category) with a stable counting sort: input that is
   * sorted by time comes out sorted within every run. */
  for (gsize i = 0; i < n_events; i++)
    if (VALID (i))
      ev->offsets[RUN_OF (i) + 1]++;
  for (gsize r = 0; r < n_runs; r++)
    ev->offsets[r + 1] += ev->offsets[r];
  ev->n_events = ev->offsets[n_runs];
  ev->times = cm_new_big (gint64, ev->n_events);

  fill = g_memdup2 (ev->offsets, sizeof (gsize) * (n_runs + 1));
  unsorted = g_new0 (guint8, MAX (n_runs, 1));
  for (gsize i = 0; i < n_events; i++)
    {
      gsize r, at;

      if (!VALID (i))
        continue;
      r = RUN_OF (i);
      at = fill[r]++;
      ev->times[at] = times[i];
      if (at > ev->offsets[r] && ev->times[at - 1] > times[i])
        unsorted[r] = 1;
      ev->first = MIN (ev->first, times[i]);
      ev->last = MAX (ev->last, times[i]);
    }
  g_free (fill);
#undef RUN_OF
#undef VALID

  for (gsize r = 0; r < n_runs; r++)
    if (unsorted[r])
      qsort (ev->times + ev->offsets[r], ev->offsets[r + 1] - ev->offsets[r],
             sizeof (gint64), compare_times);
  return ev;
}

void
cm_map_events_free (CmMapEvents *ev)
{
  if (ev == NULL)
    return;
  g_free (ev->offsets);
  g_free (ev->times);
  g_free (ev);
}

guint
cm_map_events_get_n_places (CmMapEvents *ev)
{
  return ev->n_places;
}

guint
cm_map_events_get_n_categories (CmMapEvents *ev)
{
  return ev->n_categories;
}

gsize
cm_map_events_get_n_events (CmMapEvents *ev)
{
  return ev->n_events;
}

gboolean
cm_map_events_get_time_bounds (CmMapEvents *ev,
                               gint64      *first,
                               gint64      *last)
{
  if (ev->n_events == 0)
    return FALSE;
  *first = ev->first;
  *last = ev->last;
  return TRUE;
}

guint32
cm_map_events_get_total (CmMapEvents *ev,
                         guint        place)
{
  g_return_val_if_fail (place < ev->n_places, 0);
  return (guint32) (ev->offsets[(gsize) (place + 1) * ev->n_categories]
                    - ev->offsets[(gsize) place * ev->n_categories]);
}

guint32
cm_map_events_count_place (CmMapEvents *ev,
                           guint        place,
                           gint64       start,
                           gint64       end)
{
  guint32 total = 0;

  g_return_val_if_fail (place < ev->n_places, 0);
  if (start >= end)
    return 0;
  for (guint c = 0; c < ev->n_categories; c++)
    {
      gsize r = (gsize) place * ev->n_categories + c;
      gsize lo = ev->offsets[r], hi = ev->offsets[r + 1];

      if (lo == hi)
        continue;
      total += (guint32) (lower_bound (ev->times, lo, hi, end)
                          - lower_bound (ev->times, lo, hi, start));
    }
  return total;
}

guint32
cm_map_events_place_span (CmMapEvents *ev,
                          guint        place,
                          gint64       start,
                          gint64       end,
                          gint64      *first,
                          gint64      *last)
{
  guint32 total = 0;

  g_return_val_if_fail (place < ev->n_places, 0);
  if (start >= end)
    return 0;
  for (guint c = 0; c < ev->n_categories; c++)
    {
      gsize r = (gsize) place * ev->n_categories + c;
      gsize lo = ev->offsets[r], hi = ev->offsets[r + 1];
      gsize a, b;

      if (lo == hi)
        continue;
      a = lower_bound (ev->times, lo, hi, start);
      b = lower_bound (ev->times, a, hi, end);
      if (b == a)
        continue;
      if (first != NULL && (total == 0 || ev->times[a] < *first))
        *first = ev->times[a];
      if (last != NULL && (total == 0 || ev->times[b - 1] > *last))
        *last = ev->times[b - 1];
      total += (guint32) (b - a);
    }
  return total;
}

void
cm_map_events_count (CmMapEvents *ev,
                     gint64       start,
                     gint64       end,
                     guint32     *counts,
                     guint32     *per_category,
                     gint64      *first)
{
  for (guint p = 0; p < ev->n_places; p++)
    {
      guint32 total = 0;
      gint64 earliest = G_MAXINT64;

      for (guint c = 0; c < ev->n_categories; c++)
        {
          gsize r = (gsize) p * ev->n_categories + c;
          gsize lo = ev->offsets[r], hi = ev->offsets[r + 1];
          gsize a = lo, b = lo;

          if (lo < hi && start < end)
            {
              a = lower_bound (ev->times, lo, hi, start);
              b = lower_bound (ev->times, a, hi, end);
            }
          total += (guint32) (b - a);
          if (per_category)
            per_category[r] = (guint32) (b - a);
          if (b > a)
            earliest = MIN (earliest, ev->times[a]);
        }
      counts[p] = total;
      if (first)
        first[p] = earliest;
    }
}
