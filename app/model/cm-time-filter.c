/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include "cm-time-filter.h"

guint
cm_dataset_time_order_cut (CmDataset *self,
                           gint64     range_end)
{
  guint n, lo = 0, hi;
  const gint64 *spans;

  g_return_val_if_fail (CM_IS_DATASET (self), 0);

  n = cm_dataset_get_n_announcements (self);
  spans = n > 0 ? cm_dataset_get_time_order_spans (self) : NULL;
  if (spans == NULL)
    return 0;
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (spans[2 * (gsize) mid] < range_end)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
cm_dataset_match_time (CmDataset *self,
                       gint64     range_start,
                       gint64     range_end,
                       guint8    *match)
{
  const guint32 *order;
  const gint64 *spans;
  guint n, cut, matched = 0;

  g_return_val_if_fail (CM_IS_DATASET (self), 0);

  n = cm_dataset_get_n_announcements (self);
  order = n > 0 ? cm_dataset_get_time_order (self) : NULL;
  if (order == NULL)
    return 0;
  spans = cm_dataset_get_time_order_spans (self);
  cut = cm_dataset_time_order_cut (self, range_end);
  /* In time order: the spans are read in sequence, the mask at random. */
  for (guint k = 0; k < n; k++)
    {
      guint32 i = order[k];

      if (k >= cut || !cm_time_overlaps (spans[2 * (gsize) k], spans[2 * (gsize) k + 1], range_start, range_end))
        match[i] = 0;
      matched += match[i] != 0;
    }
  return matched;
}
