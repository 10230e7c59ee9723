/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include <string.h>

#include "cm-memory.h"
#include "cm-view-filter.h"

gsize
cm_view_filter_map_events (const CmMapData  *data,
                           const guint8     *match,
                           gint64          **times,
                           gint64          **ends,
                           guint32         **places,
                           guint8          **categories)
{
  gsize n = 0;

  g_return_val_if_fail (data != NULL && match != NULL, 0);

  *times = cm_new_big (gint64, data->n_events);
  *ends = cm_new_big (gint64, data->n_events);
  *places = cm_new_big (guint32, data->n_events);
  *categories = cm_new_big (guint8, data->n_events);
  /* The map's events are in time order, the mask in the dataset's. */
  for (gsize e = 0; e < data->n_events; e++)
    if (match[data->announcements[e]])
      {
        (*times)[n] = data->times[e];
        (*ends)[n] = data->ends[e];
        (*places)[n] = data->places[e];
        (*categories)[n] = data->categories[e];
        n++;
      }
  return n;
}

void
cm_view_filter_apply_map (const CmMapData *data,
                          const guint8    *match,
                          CmMapPainter    *painter)
{
  g_autofree guint8 *keep = NULL;

  g_return_if_fail (data != NULL);
  g_return_if_fail (CM_IS_MAP_PAINTER (painter));

  /* The clusters stay laid out for all the events: only counts change. */
  if (match == NULL)
    {
      cm_map_painter_clear_matches (painter);
      return;
    }
  /* The painter keeps the events' index by (place, category), in their
   * orders: a mask over the events picks from it without a sort. */
  keep = cm_new_big (guint8, MAX (data->n_events, 1));
  for (gsize e = 0; e < data->n_events; e++)
    keep[e] = match[data->announcements[e]];
  cm_map_painter_set_match_mask (painter, keep);
}

gboolean
cm_view_filter_map_categories (const CmMapData *data,
                               const gboolean  *category_shown,
                               guint            n_categories,
                               CmMapPainter    *painter)
{
  g_autofree guint8 *shown = NULL;
  gboolean exact = TRUE;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (CM_IS_MAP_PAINTER (painter), FALSE);

  /* The map's last category takes the dataset's past its limit: a
   * choice among those is not one of the map's categories. */
  shown = g_malloc (MAX (data->n_categories, 1));
  memset (shown, 1, MAX (data->n_categories, 1));
  for (guint c = 0; category_shown != NULL && c < n_categories; c++)
    {
      guint m = MIN (c, data->n_categories - 1);

      if (c == m)
        shown[m] = category_shown[c] != FALSE;
      else
        exact &= (category_shown[c] != FALSE) == (shown[m] != 0);
    }
  /* The dataset keeps an announcement without a category only while
   * every category is shown; the map counts it in the first. */
  for (guint c = 0; data->uncategorised && category_shown != NULL && c < n_categories; c++)
    exact &= category_shown[c] != FALSE;
  if (exact)
    cm_map_painter_set_category_mask (painter, shown, data->n_categories);
  else
    cm_map_painter_set_category_mask (painter, NULL, 0);
  return exact;
}

guint8 *
cm_view_filter_timeline_dimmed (const guint8 *match,
                                guint         n)
{
  guint8 *dimmed;

  if (match == NULL)
    return NULL;
  dimmed = g_new (guint8, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    dimmed[i] = !match[i];
  return dimmed;
}
