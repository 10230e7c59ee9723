/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include <string.h>

#include "cm-first-dates.h"
#include "cm-memory.h"

/* The start's own period: a span "Dec 2021 – Jan 2022" was announced in
 * December, so its end says nothing of when. */
static gint64
start_period_end (const CmAnnouncement *a)
{
  if (a->end_precision == 0)
    return a->end;
  return cm_date_period_end (a->start, a->precision != 0 ? a->precision : CM_PRECISION_SECOND);
}

CmFirstDates *
cm_first_dates_new (CmDataset    *dataset,
                    const guint8 *match,
                    guint         max_series)
{
  CmFirstDates *dates;
  const guint32 *order;
  guint n, n_places, n_series;
  gsize n_keys;
  guint32 *slot;
  const gint64 *spans;
  g_autofree gint32 *place_of = NULL;
  g_autofree guint8 *series_of = NULL;
  g_autofree gint64 *period_end = NULL;

  g_return_val_if_fail (CM_IS_DATASET (dataset), NULL);

  n = cm_dataset_get_n_announcements (dataset);
  n_places = cm_dataset_get_n_places (dataset);
  n_series = max_series > 1 ? CLAMP (cm_dataset_get_n_categories (dataset), 1, MIN (max_series, 256)) : 1;
  dates = g_new0 (CmFirstDates, 1);
  dates->n_series = n_series;
  n_keys = (gsize) n_places * n_series;
  if (n == 0 || n_keys == 0)
    return dates;

  order = cm_dataset_get_time_order (dataset);
  /* What the walk in time order needs of each announcement that matches,
   * copied out in one pass in file order: read in time order from the
   * announcements themselves, every one was a cache miss. */
  place_of = cm_new_big (gint32, n);
  series_of = cm_new_big (guint8, n);
  period_end = cm_new_big (gint64, n);
  for (guint i = 0; i < n; i++)
    {
      const CmAnnouncement *a;

      if (match != NULL && !match[i])
        {
          place_of[i] = -1;
          continue;
        }
      a = cm_dataset_get_announcement (dataset, i);
      place_of[i] = a->place >= 0 && (guint) a->place < n_places ? a->place : -1;
      series_of[i] = n_series > 1 ? (guint8) (a->category >= 0 ? MIN ((guint) a->category, n_series - 1)
                                                                : n_series - 1)
                                  : 0;
      period_end[i] = start_period_end (a);
    }
  spans = cm_dataset_get_time_order_spans (dataset);
  /* Which item each place (and series) has, G_MAXUINT32 for none yet. */
  slot = g_new (guint32, n_keys);
  memset (slot, 0xff, n_keys * sizeof *slot);
  dates->starts = g_new (gint64, MIN (n_keys, n));
  dates->ends = g_new (gint64, MIN (n_keys, n));
  dates->places = g_new (guint32, MIN (n_keys, n));
  dates->first = g_new (guint32, MIN (n_keys, n));
  dates->series = g_new (guint8, MIN (n_keys, n));
  /* In time order, the first announcement met is a place's earliest
   * start; a later one may still end its period sooner ("2021" then
   * "2021-03-05"), so ends take the least of all. */
  for (guint k = 0; k < n; k++)
    {
      guint32 i = order[k];
      gint64 start = spans[2 * k];
      gsize key;
      gint64 end;

      if (place_of[i] < 0)
        continue;
      key = (gsize) place_of[i] * n_series + series_of[i];
      end = period_end[i];
      if (slot[key] == G_MAXUINT32)
        {
          slot[key] = dates->n;
          dates->starts[dates->n] = start;
          dates->ends[dates->n] = MAX (end, start + 1);
          dates->places[dates->n] = (guint32) place_of[i];
          dates->first[dates->n] = i;
          dates->series[dates->n] = series_of[i];
          dates->n++;
        }
      else if (end < dates->ends[slot[key]])
        dates->ends[slot[key]] = MAX (end, dates->starts[slot[key]] + 1);
    }
  g_free (slot);
  return dates;
}

void
cm_first_dates_free (CmFirstDates *dates)
{
  if (dates == NULL)
    return;
  g_free (dates->starts);
  g_free (dates->ends);
  g_free (dates->places);
  g_free (dates->first);
  g_free (dates->series);
  g_free (dates);
}
