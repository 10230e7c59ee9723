/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-dataset.h"

G_BEGIN_DECLS

/* The one meaning of time of every view. An announcement is its whole
 * period [start, end): "2021-11" is all of November, "Dec 2021 – Jan
 * 2022" both months. It is in a time range when that period overlaps the
 * range [range_start, range_end) — on the map, in the list, on the
 * timeline, in counts, shading, playback and exports alike. An empty
 * range (range_start >= range_end) holds nothing. */
static inline gboolean
cm_time_overlaps (gint64 start,
                  gint64 end,
                  gint64 range_start,
                  gint64 range_end)
{
  return start < range_end && end > range_start && range_start < range_end;
}

/* How many announcements, in the dataset's time order, start before
 * @range_end: those after are in no range that ends there. A binary
 * search. */
guint    cm_dataset_time_order_cut  (CmDataset *self,
                                     gint64     range_end);
/* Clears match[i] for each announcement (in dataset order) outside
 * [range_start, range_end) by cm_time_overlaps(); returns how many are
 * still set. */
guint    cm_dataset_match_time      (CmDataset *self,
                                     gint64     range_start,
                                     gint64     range_end,
                                     guint8    *match);

G_END_DECLS
