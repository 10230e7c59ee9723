/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-dataset.h"

G_BEGIN_DECLS

/* What the list can be sorted by. */
typedef enum
{
  CM_SORT_DATE,       /* start, then end */
  CM_SORT_PLACE,      /* the place's name as shown, then date; none last */
  CM_SORT_CATEGORY,   /* the category's label, then date */
  CM_SORT_TITLE,      /* the title, ASCII letters without case, then date */
  CM_N_SORTS
} CmSortKey;

/* The announcement indices of @self in ascending order of @key: computed
 * once per dataset (radix and counting sorts, no comparison callback per
 * pair of announcements) and kept with it, so that a million rows sort
 * in one pass over this array. Thread-safe. */
const guint32 *cm_dataset_get_sort_order (CmDataset *self,
                                          CmSortKey  key);

G_END_DECLS
