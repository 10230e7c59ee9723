/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-export"

#include "cm-adoption-data.h"
#include "cm-view-data.h"

/* More curves than this tangle into a knot no reader can follow: the
 * rest share the last, "Other categories". */
#define MAX_SERIES 8

CmAdoptionData *
cm_adoption_data_new (CmDataset    *dataset,
                      const guint8 *match,
                      gboolean      by_category)
{
  CmAdoptionData *data = g_new0 (CmAdoptionData, 1);

  g_return_val_if_fail (CM_IS_DATASET (dataset), data);

  data->dates = cm_first_dates_new (dataset, match, by_category ? MAX_SERIES : 1);
  data->n_series = data->dates->n_series;
  if (by_category && cm_dataset_get_n_categories (dataset) > 0)
    {
      guint n;

      cm_view_data_category_palette (dataset, MAX_SERIES, &data->palette, &data->labels, &n);
      g_assert (n == data->n_series);
    }
  return data;
}

void
cm_adoption_data_free (CmAdoptionData *data)
{
  if (data == NULL)
    return;
  cm_first_dates_free (data->dates);
  g_free (data->palette);
  g_free (data->labels);
  g_free (data);
}

void
cm_adoption_data_apply (CmAdoptionData    *data,
                        CmAdoptionPainter *painter)
{
  g_return_if_fail (data != NULL && painter != NULL);

  cm_adoption_painter_set_data (painter, data->dates->n, data->dates->starts, data->dates->ends,
                                data->dates->series, data->n_series);
  cm_adoption_painter_set_series (painter, data->n_series, data->palette, data->labels);
}

char *
cm_adoption_data_describe (CmAdoptionData *data,
                           CmDataset      *dataset,
                           guint           item)
{
  g_autofree char *place = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (data != NULL && CM_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (item < data->dates->n, NULL);

  place = cm_dataset_format_place (dataset, (gint32) data->dates->places[item]);
  when = cm_dataset_format_when (dataset, cm_dataset_get_announcement (dataset, data->dates->first[item]));
  if (data->labels != NULL && data->labels[data->dates->series[item]] != NULL)
    return g_strdup_printf ("%s — %s (%s)", place, when, data->labels[data->dates->series[item]]);
  return g_strdup_printf ("%s — %s", place, when);
}
