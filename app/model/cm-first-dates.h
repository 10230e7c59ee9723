/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-dataset.h"

G_BEGIN_DECLS

/* When each place first announced: the adoption curve's data. A place's
 * first date is its earliest start (the one meaning of time,
 * cm-time-filter.h), known only to the precision it was written with: a
 * place whose first announcement is "2021-11" adopted at some time in
 * November, and for certain by the end of the earliest period any of its
 * announcements stands for. Places are counted once, or once per
 * category (each category's own first date) when asked. */
typedef struct
{
  guint    n;          /* places (or place and category pairs) that announced */
  gint64  *starts;     /* ascending: the earliest start */
  gint64  *ends;       /* adopted for certain by then; > start */
  guint32 *places;     /* dataset place index */
  guint32 *first;      /* the announcement with the earliest start */
  guint8  *series;     /* the category (the last one also holds those past
                        * @max_series), or 0 when not by category */
  guint    n_series;
} CmFirstDates;

/* Over the announcements with a place and @match[i] set (all when
 * @match is NULL); by category when @max_series > 1, in at most
 * @max_series series. Costs one pass in time order. */
CmFirstDates *cm_first_dates_new  (CmDataset    *dataset,
                                   const guint8 *match,
                                   guint         max_series);
void          cm_first_dates_free (CmFirstDates *dates);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmFirstDates, cm_first_dates_free)

G_END_DECLS
