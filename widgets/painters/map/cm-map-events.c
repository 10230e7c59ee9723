/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <stdlib.h>
#include <string.h>

#include "cm-memory.h"
#include "cm-map-events.h"

/* An event is the period [start, end). The count overlapping [a, b) is
 * those starting before b less those ending at or before a (which all
 * start before a, so before b): two binary searches, one in the starts
 * and one in the ends, each sorted within its run. The earliest start
 * overlapping is the first event in start order whose end is after a: a
 * binary search in the running maximum of the ends ("reach"). Instants
 * need none of the three arrays of ends: their end is start + 1. */
struct _CmMapEvents
{
  guint   n_places;
  guint   n_categories;
  gsize   n_events;
  gsize  *offsets;     /* n_places * n_categories + 1: where each run starts */
  gsize  *run_end;     /* where each run ends: offsets + 1, but for a view */
  gint64 *times;       /* starts, sorted within each run */
  gint64 *ends;        /* of each event in that order, or NULL */
  gint64 *reach;       /* the greatest end so far in its run, or NULL */
  gint64 *sorted_ends; /* the ends sorted within each run, or NULL */
  guint32 *ids;        /* the input index of each event in start order */
  guint32 *end_pos;    /* of each sorted end, its event's position */
  gint64  first, last;
  gboolean view;       /* the arrays are another's (a category view) */
  gsize   capacity;    /* of the arrays of a subset, for reuse */
};

typedef struct
{
  gint64  start;
  gint64  end;
  guint32 id;
} Span;

static int
compare_spans (const void *a,
               const void *b)
{
  const Span *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

/* An end to sort, as a key of 32 bits when the ends allow (they are
 * made relative to the earliest, and counted in days when all fall at
 * midnight): half the memory to move, and half the passes. */
typedef struct
{
  guint32 key;
  guint32 pos;
} EndItem;

/* Stable LSD radix sort on the keys, 11 bits a pass, over the bits that
 * vary: the ends of a million events in two or three passes, where a
 * comparison sort would call back twenty million times. */
static EndItem *
radix_sort_ends (EndItem *a,
                 EndItem *b,
                 gsize    n)
{
  guint32 span = 0;

  for (gsize i = 0; i < n; i++)
    span |= a[i].key;
  for (guint shift = 0; shift < 32 && (span >> shift) != 0; shift += 11)
    {
      g_autofree gsize *count = g_new0 (gsize, 2049);
      EndItem *t;

      for (gsize i = 0; i < n; i++)
        count[((a[i].key >> shift) & 0x7ff) + 1]++;
      for (guint k = 1; k < 2049; k++)
        count[k] += count[k - 1];
      for (gsize i = 0; i < n; i++)
        b[count[(a[i].key >> shift) & 0x7ff]++] = a[i];
      t = a;
      a = b;
      b = t;
    }
  return a;
}

static int
compare_end_pos (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const gint64 *ends = data;
  gint64 x = ends[*(const guint32 *) a], y = ends[*(const guint32 *) b];

  return x < y ? -1 : x > y;
}

/* First index in [lo, hi) whose time is >= t; the times must be sorted
 * (or, for the reach, never decrease). */
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

/* First index in [lo, hi) whose time is > t. */
static inline gsize
upper_bound (const gint64 *v,
             gsize         lo,
             gsize         hi,
             gint64        t)
{
  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (v[mid] <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The ends sorted within each run: by end over all the events (a radix
 * sort), then stably into their runs. Ends too far apart for 32 bits
 * (deep time, seconds over a century) are sorted run by run instead. */
static void
sort_ends (CmMapEvents *ev)
{
  gsize n = ev->n_events, n_runs = (gsize) ev->n_places * ev->n_categories;
  g_autofree EndItem *a = NULL;
  g_autofree EndItem *b = NULL;
  g_autofree gsize *fill = NULL;
  g_autofree guint32 *run_of = NULL;
  gint64 min_end = G_MAXINT64, max_end = G_MININT64, unit = 86400;
  EndItem *sorted;
  gsize r = 0;

  for (gsize i = 0; i < n; i++)
    {
      min_end = MIN (min_end, ev->ends[i]);
      max_end = MAX (max_end, ev->ends[i]);
    }
  for (gsize i = 0; i < n && unit > 1; i++)
    if ((ev->ends[i] - min_end) % unit != 0)
      unit = 1;
  if ((guint64) (max_end - min_end) / (guint64) unit > G_MAXUINT32 || n_runs > G_MAXUINT32)
    {
      for (gsize i = 0; i < n; i++)
        ev->end_pos[i] = (guint32) i;
      for (r = 0; r < n_runs; r++)
        g_qsort_with_data (ev->end_pos + ev->offsets[r], (gint) (ev->offsets[r + 1] - ev->offsets[r]),
                           sizeof (guint32), compare_end_pos, ev->ends);
      for (gsize i = 0; i < n; i++)
        ev->sorted_ends[i] = ev->ends[ev->end_pos[i]];
      return;
    }
  a = cm_new_big (EndItem, n);
  b = cm_new_big (EndItem, n);
  run_of = cm_new_big (guint32, n);
  fill = g_memdup2 (ev->offsets, sizeof (gsize) * (n_runs + 1));
  for (gsize i = 0; i < n; i++)
    {
      while (i >= ev->offsets[r + 1])
        r++;
      a[i].key = (guint32) ((ev->ends[i] - min_end) / unit);
      a[i].pos = (guint32) i;
      run_of[i] = (guint32) r;
    }
  sorted = radix_sort_ends (a, b, n);
  for (gsize i = 0; i < n; i++)
    {
      gsize at = fill[run_of[sorted[i].pos]]++;

      ev->sorted_ends[at] = min_end + (gint64) sorted[i].key * unit;
      ev->end_pos[at] = sorted[i].pos;
    }
}

/* The reach, and the sorted ends unless every run already has them in
 * order (events of one length, given in time order). */
static void
index_ends (CmMapEvents *ev)
{
  gsize n_runs = (gsize) ev->n_places * ev->n_categories;
  gboolean ordered = TRUE;

  ev->reach = cm_new_big (gint64, ev->n_events);
  ev->end_pos = cm_new_big (guint32, ev->n_events);
  for (gsize r = 0; r < n_runs; r++)
    for (gsize i = ev->offsets[r]; i < ev->offsets[r + 1]; i++)
      {
        gboolean first = i == ev->offsets[r];

        ev->reach[i] = first ? ev->ends[i] : MAX (ev->reach[i - 1], ev->ends[i]);
        ordered &= first || ev->ends[i - 1] <= ev->ends[i];
      }
  if (ordered)
    {
      ev->sorted_ends = g_memdup2 (ev->ends, sizeof (gint64) * MAX (ev->n_events, 1));
      for (gsize i = 0; i < ev->n_events; i++)
        ev->end_pos[i] = (guint32) i;
      return;
    }
  ev->sorted_ends = cm_new_big (gint64, ev->n_events);
  sort_ends (ev);
}

CmMapEvents *
cm_map_events_new (guint          n_places,
                   guint          n_categories,
                   gsize          n_events,
                   const gint64  *times,
                   const guint32 *places,
                   const guint8  *categories)
{
  return cm_map_events_new_spans (n_places, n_categories, n_events, times, NULL, places, categories);
}

CmMapEvents *
cm_map_events_new_spans (guint          n_places,
                         guint          n_categories,
                         gsize          n_events,
                         const gint64  *times,
                         const gint64  *ends,
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
  ev->run_end = ev->offsets + 1;
  ev->times = cm_new_big (gint64, ev->n_events);
  ev->ids = cm_new_big (guint32, ev->n_events);
  if (ends != NULL)
    ev->ends = cm_new_big (gint64, ev->n_events);

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
      ev->ids[at] = (guint32) i;
      if (ends != NULL)
        ev->ends[at] = MAX (ends[i], times[i] + 1);
      if (at > ev->offsets[r] && ev->times[at - 1] > times[i])
        unsorted[r] = 1;
      ev->first = MIN (ev->first, times[i]);
      ev->last = MAX (ev->last, times[i]);
    }
  g_free (fill);
#undef RUN_OF
#undef VALID

  for (gsize r = 0; r < n_runs; r++)
    {
      gsize lo = ev->offsets[r], n = ev->offsets[r + 1] - lo;
      g_autofree Span *spans = NULL;

      if (!unsorted[r])
        continue;
      /* Each end goes with its start. */
      spans = g_new (Span, n);
      for (gsize k = 0; k < n; k++)
        spans[k] = (Span) { ev->times[lo + k], ev->ends ? ev->ends[lo + k] : 0, ev->ids[lo + k] };
      qsort (spans, n, sizeof (Span), compare_spans);
      for (gsize k = 0; k < n; k++)
        {
          ev->times[lo + k] = spans[k].start;
          ev->ids[lo + k] = spans[k].id;
          if (ev->ends != NULL)
            ev->ends[lo + k] = spans[k].end;
        }
    }
  if (ev->ends != NULL)
    index_ends (ev);
  return ev;
}

static void
free_arrays (CmMapEvents *ev)
{
  g_clear_pointer (&ev->times, g_free);
  g_clear_pointer (&ev->ends, g_free);
  g_clear_pointer (&ev->reach, g_free);
  g_clear_pointer (&ev->sorted_ends, g_free);
  g_clear_pointer (&ev->ids, g_free);
  g_clear_pointer (&ev->end_pos, g_free);
}

void
cm_map_events_free (CmMapEvents *ev)
{
  if (ev == NULL)
    return;
  if (ev->run_end != ev->offsets + 1)
    g_free (ev->run_end);
  g_free (ev->offsets);
  if (!ev->view)
    free_arrays (ev);
  g_free (ev);
}

/* The runs of @all filtered, in their orders: a pass over the starts and
 * one over the sorted ends, no sort (a filter at a million events costs
 * what copying them does). @recycle's arrays are written over when they
 * are large enough: a search typed letter by letter would otherwise take
 * fresh memory, whose first touch costs more than the copy, for each. */
CmMapEvents *
cm_map_events_new_subset (CmMapEvents  *all,
                          const guint8 *keep,
                          CmMapEvents  *recycle)
{
  CmMapEvents *ev;
  gsize n_runs;

  g_return_val_if_fail (all != NULL && keep != NULL, NULL);
  g_return_val_if_fail (all->ids != NULL && !all->view, NULL);

  n_runs = (gsize) all->n_places * all->n_categories;
  if (recycle != NULL && (recycle->view || recycle->ids != NULL || recycle->n_places != all->n_places
                          || recycle->n_categories != all->n_categories || (recycle->ends == NULL) != (all->ends == NULL)))
    g_clear_pointer (&recycle, cm_map_events_free);
  ev = recycle != NULL ? recycle : g_new0 (CmMapEvents, 1);
  ev->n_places = all->n_places;
  ev->n_categories = all->n_categories;
  if (ev->offsets == NULL)
    ev->offsets = g_new0 (gsize, n_runs + 1);
  ev->run_end = ev->offsets + 1;
  ev->first = G_MAXINT64;
  ev->last = G_MININT64;
  for (gsize r = 0; r < n_runs; r++)
    {
      gsize kept = 0;

      for (gsize i = all->offsets[r]; i < all->run_end[r]; i++)
        kept += keep[all->ids[i]] != 0;
      ev->offsets[r + 1] = ev->offsets[r] + kept;
    }
  ev->n_events = ev->offsets[n_runs];
  if (ev->times == NULL || ev->capacity < ev->n_events)
    {
      free_arrays (ev);
      ev->capacity = MAX (ev->n_events, all->n_events);
      ev->times = g_new (gint64, MAX (ev->capacity, 1));
      if (all->ends != NULL)
        {
          ev->ends = g_new (gint64, MAX (ev->capacity, 1));
          ev->reach = g_new (gint64, MAX (ev->capacity, 1));
          ev->sorted_ends = g_new (gint64, MAX (ev->capacity, 1));
        }
    }
  for (gsize r = 0; r < n_runs; r++)
    {
      gsize k = ev->offsets[r];

      for (gsize i = all->offsets[r]; i < all->run_end[r]; i++)
        {
          if (!keep[all->ids[i]])
            continue;
          ev->times[k] = all->times[i];
          ev->first = MIN (ev->first, all->times[i]);
          ev->last = MAX (ev->last, all->times[i]);
          if (all->ends != NULL)
            {
              ev->ends[k] = all->ends[i];
              ev->reach[k] = k == ev->offsets[r] ? all->ends[i] : MAX (ev->reach[k - 1], all->ends[i]);
            }
          k++;
        }
      if (all->ends == NULL)
        continue;
      k = ev->offsets[r];
      for (gsize j = all->offsets[r]; j < all->run_end[r]; j++)
        if (keep[all->ids[all->end_pos[j]]])
          ev->sorted_ends[k++] = all->sorted_ends[j];
    }
  return ev;
}

/* A category shows all its events or none: a view of @all's runs with
 * those of the hidden categories empty, over @all's own arrays. It costs
 * places × categories, whatever the number of events. */
CmMapEvents *
cm_map_events_new_category_view (CmMapEvents  *all,
                                 const guint8 *shown)
{
  CmMapEvents *ev;
  gsize n_runs;

  g_return_val_if_fail (all != NULL && shown != NULL, NULL);
  g_return_val_if_fail (!all->view, NULL);

  ev = g_new0 (CmMapEvents, 1);
  ev->n_places = all->n_places;
  ev->n_categories = all->n_categories;
  n_runs = (gsize) ev->n_places * ev->n_categories;
  ev->offsets = g_memdup2 (all->offsets, sizeof (gsize) * (n_runs + 1));
  ev->run_end = g_new (gsize, MAX (n_runs, 1));
  ev->view = TRUE;
  ev->times = all->times;
  ev->ends = all->ends;
  ev->reach = all->reach;
  ev->sorted_ends = all->sorted_ends;
  ev->ids = all->ids;
  ev->end_pos = all->end_pos;
  ev->first = G_MAXINT64;
  ev->last = G_MININT64;
  for (gsize r = 0; r < n_runs; r++)
    {
      gsize lo = all->offsets[r], hi = all->run_end[r];

      if (!shown[r % ev->n_categories] || lo == hi)
        {
          ev->run_end[r] = lo;
          continue;
        }
      ev->run_end[r] = hi;
      ev->n_events += hi - lo;
      /* Sorted by start within the run. */
      ev->first = MIN (ev->first, all->times[lo]);
      ev->last = MAX (ev->last, all->times[hi - 1]);
    }
  return ev;
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
  guint32 total = 0;

  g_return_val_if_fail (place < ev->n_places, 0);
  for (gsize r = (gsize) place * ev->n_categories; r < (gsize) (place + 1) * ev->n_categories; r++)
    total += (guint32) (ev->run_end[r] - ev->offsets[r]);
  return total;
}

/* How many events of run @r overlap [start, end): start < end assumed. */
static inline gsize
run_count (CmMapEvents *ev,
           gsize        r,
           gint64       start,
           gint64       end)
{
  gsize lo = ev->offsets[r], hi = ev->run_end[r];
  gsize begun = lower_bound (ev->times, lo, hi, end);

  if (begun == lo)
    return 0;
  if (ev->sorted_ends == NULL)
    return begun - lower_bound (ev->times, lo, begun, start);
  return begun - upper_bound (ev->sorted_ends, lo, hi, start);
}

/* The first event of run @r in start order that overlaps [start, end),
 * or the run's end. */
static inline gsize
run_first (CmMapEvents *ev,
           gsize        r,
           gint64       start,
           gint64       end)
{
  gsize lo = ev->offsets[r], hi = ev->run_end[r];
  gsize i = ev->reach != NULL ? upper_bound (ev->reach, lo, hi, start) : lower_bound (ev->times, lo, hi, start);

  return i < hi && ev->times[i] < end ? i : hi;
}

/* The last event of run @r in start order that overlaps [start, end), or
 * the run's end. Events that began before @start are looked through
 * from the latest back: only a tooltip or a summary asks. */
static gsize
run_last (CmMapEvents *ev,
          gsize        r,
          gint64       start,
          gint64       end)
{
  gsize lo = ev->offsets[r], hi = ev->run_end[r];
  gsize i = lower_bound (ev->times, lo, hi, end);

  while (i > lo)
    {
      i--;
      if (ev->times[i] >= start || (ev->ends != NULL && ev->ends[i] > start))
        return i;
      if (ev->reach == NULL || ev->reach[i] <= start)
        break;
    }
  return hi;
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
    total += (guint32) run_count (ev, (gsize) place * ev->n_categories + c, start, end);
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
      gsize n = run_count (ev, r, start, end), a, b;

      if (n == 0)
        continue;
      a = run_first (ev, r, start, end);
      b = run_last (ev, r, start, end);
      if (first != NULL && (total == 0 || ev->times[a] < *first))
        *first = ev->times[a];
      if (last != NULL && (total == 0 || ev->times[b] > *last))
        *last = ev->times[b];
      total += (guint32) n;
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
          gsize n = 0;

          if (ev->offsets[r] < ev->run_end[r] && start < end)
            n = run_count (ev, r, start, end);
          total += (guint32) n;
          if (per_category)
            per_category[r] = (guint32) n;
          if (n > 0 && first != NULL)
            earliest = MIN (earliest, ev->times[run_first (ev, r, start, end)]);
        }
      counts[p] = total;
      if (first)
        first[p] = earliest;
    }
}
