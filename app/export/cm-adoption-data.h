/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-adoption-painter.h"
#include "cm-dataset.h"
#include "cm-first-dates.h"

G_BEGIN_DECLS

/* The adoption curve of a dataset as the painter takes it: when each
 * place first announced (cm-first-dates.h), over the announcements a
 * filter keeps, in one series or one per category with the categories'
 * colours and names. The window and the export hand it over alike. */
typedef struct
{
  CmFirstDates *dates;
  guint         n_series;
  CmRgba       *palette;     /* n_series, or NULL: the painter's one colour */
  const char  **labels;      /* n_series names (the dataset's), or NULL */
} CmAdoptionData;

/* @match as cm_first_dates_new(): NULL keeps every announcement. */
CmAdoptionData *cm_adoption_data_new   (CmDataset         *dataset,
                                        const guint8      *match,
                                        gboolean           by_category);
void            cm_adoption_data_free  (CmAdoptionData    *data);
void            cm_adoption_data_apply (CmAdoptionData    *data,
                                        CmAdoptionPainter *painter);
/* "Wuhan (武汉市) — 11 Jan 2022": item @item's place and first date. */
char           *cm_adoption_data_describe (CmAdoptionData *data,
                                           CmDataset      *dataset,
                                           guint           item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmAdoptionData, cm_adoption_data_free)

G_END_DECLS
