/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-announcement-item.h"
#include "cm-announcement-list.h"
#include "cm-memory.h"
#include "cm-time-filter.h"

struct _CmAnnouncementList
{
  GObject    parent_instance;

  CmDataset *dataset;
  guint32   *visible;     /* announcement indices, newest first */
  guint      n_visible;
  guint      capacity;    /* of visible: kept between filter changes */
  gint64     start;       /* the filter shown */
  gint64     end;
  gboolean   by_selection;
  GBytes    *match;       /* of a search, or NULL */
  gboolean   match_shown; /* the visible rows reflect it */
  CmSortKey  sort;
  gboolean   ascending;
  GtkBitset *selected;    /* of the filter shown, or NULL */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CmAnnouncementList, cm_announcement_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return CM_TYPE_ANNOUNCEMENT_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return CM_ANNOUNCEMENT_LIST (model)->n_visible;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  CmAnnouncementList *self = CM_ANNOUNCEMENT_LIST (model);

  if (position >= get_n_items (model))
    return NULL;
  return cm_announcement_item_new (self->dataset, cm_announcement_list_get_index (self, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
cm_announcement_list_dispose (GObject *object)
{
  CmAnnouncementList *self = CM_ANNOUNCEMENT_LIST (object);

  g_clear_object (&self->dataset);
  g_clear_pointer (&self->match, g_bytes_unref);
  g_clear_pointer (&self->selected, gtk_bitset_unref);
  g_clear_pointer (&self->visible, g_free);
  self->n_visible = self->capacity = 0;

  G_OBJECT_CLASS (cm_announcement_list_parent_class)->dispose (object);
}

static void
cm_announcement_list_class_init (CmAnnouncementListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cm_announcement_list_dispose;
}

static void
cm_announcement_list_init (CmAnnouncementList *self)
{
}

CmAnnouncementList *
cm_announcement_list_new (void)
{
  return g_object_new (CM_TYPE_ANNOUNCEMENT_LIST, NULL);
}

/* Another order than time's: one pass over the dataset's precomputed
 * order (cm-sort-order.h), the same tests as in time order. */
static void
refilter_sorted (CmAnnouncementList *self,
                 gint64              start,
                 gint64              end,
                 GtkBitset          *selected,
                 const guint8       *match)
{
  guint n = cm_dataset_get_n_announcements (self->dataset);
  const guint32 *order = cm_dataset_get_sort_order (self->dataset, self->sort);
  gboolean by_time = start < end;
  gboolean by_selection = selected != NULL && !gtk_bitset_is_empty (selected);

  for (guint step = 0; step < n; step++)
    {
      guint32 i = order[self->ascending ? step : n - 1 - step];

      if (match != NULL && !match[i])
        continue;
      if (by_selection && !gtk_bitset_contains (selected, i))
        continue;
      if (by_time)
        {
          const CmAnnouncement *a = cm_dataset_get_announcement (self->dataset, i);

          if (!cm_time_overlaps (a->start, a->end, start, end))
            continue;
        }
      self->visible[self->n_visible++] = i;
    }
}

static void
refilter (CmAnnouncementList *self,
          gint64              start,
          gint64              end,
          GtkBitset          *selected)
{
  guint n = self->dataset ? cm_dataset_get_n_announcements (self->dataset) : 0;
  const guint32 *order = n ? cm_dataset_get_time_order (self->dataset) : NULL;
  const gint64 *spans = n ? cm_dataset_get_time_order_spans (self->dataset) : NULL;
  gboolean by_time = start < end;
  gboolean by_selection = selected != NULL && !gtk_bitset_is_empty (selected);
  const guint8 *match = NULL;
  guint cut = n;

  if (self->match != NULL && g_bytes_get_size (self->match) >= n)
    match = g_bytes_get_data (self->match, NULL);
  self->match_shown = TRUE;

  self->start = by_time ? start : 0;
  self->end = by_time ? end : 0;
  self->by_selection = by_selection;
  if (selected != self->selected)
    {
      GtkBitset *copy = by_selection ? gtk_bitset_copy (selected) : NULL;

      g_clear_pointer (&self->selected, gtk_bitset_unref);
      self->selected = copy;
    }
  /* Brushing refilters many times a second: reusing the array spares the
   * kernel a fresh page per thousand announcements each time. */
  if (self->capacity < MAX (n, 1))
    {
      g_free (self->visible);
      self->visible = cm_new_big (guint32, n);
      self->capacity = MAX (n, 1);
    }
  self->n_visible = 0;
  if (n == 0)
    return;
  if (self->sort != CM_SORT_DATE)
    {
      refilter_sorted (self, start, end, selected, match);
      return;
    }
  /* In time order the announcements starting at or after @end are a
   * suffix: skip it by binary search. */
  if (by_time)
    cut = cm_dataset_time_order_cut (self->dataset, end);
  for (guint step = 0; step < cut; step++)
    {
      guint k = self->ascending ? step : cut - 1 - step;
      guint32 i = order[k];

      if (match != NULL && !match[i])
        continue;
      if (by_selection && !gtk_bitset_contains (selected, i))
        continue;
      if (by_time && !cm_time_overlaps (spans[2 * k], spans[2 * k + 1], start, end))
        continue;
      self->visible[self->n_visible++] = i;
    }
}

void
cm_announcement_list_set_match (CmAnnouncementList *self,
                                GBytes             *match)
{
  g_return_if_fail (CM_IS_ANNOUNCEMENT_LIST (self));

  if (match != NULL)
    g_bytes_ref (match);
  g_clear_pointer (&self->match, g_bytes_unref);
  self->match = match;
  self->match_shown = FALSE;
}

gboolean
cm_announcement_list_filter_equals (CmAnnouncementList *self,
                                    gint64              start,
                                    gint64              end,
                                    GtkBitset          *selected)
{
  g_return_val_if_fail (CM_IS_ANNOUNCEMENT_LIST (self), FALSE);

  if (start >= end)
    start = end = 0;
  /* A selection is taken as a change: comparing bitsets costs as much. */
  return self->match_shown && (selected == NULL || gtk_bitset_is_empty (selected)) && !self->by_selection &&
         start == self->start && end == self->end;
}

void
cm_announcement_list_set_filter (CmAnnouncementList *self,
                                 gint64              start,
                                 gint64              end,
                                 GtkBitset          *selected)
{
  guint removed;

  g_return_if_fail (CM_IS_ANNOUNCEMENT_LIST (self));

  if (cm_announcement_list_filter_equals (self, start, end, selected))
    return;

  removed = self->n_visible;
  refilter (self, start, end, selected);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_visible);
}

void
cm_announcement_list_set_dataset (CmAnnouncementList *self,
                                  CmDataset          *dataset)
{
  guint removed, added;

  g_return_if_fail (CM_IS_ANNOUNCEMENT_LIST (self));
  g_return_if_fail (dataset == NULL || CM_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;
  removed = self->n_visible;
  g_set_object (&self->dataset, dataset);
  g_clear_pointer (&self->visible, g_free);
  self->capacity = 0;
  refilter (self, 0, 0, NULL);
  added = self->n_visible;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
}

void
cm_announcement_list_set_sort (CmAnnouncementList *self,
                               CmSortKey           key,
                               gboolean            ascending)
{
  guint removed;
  g_return_if_fail (CM_IS_ANNOUNCEMENT_LIST (self));
  g_return_if_fail (key < CM_N_SORTS);

  if (self->sort == key && self->ascending == !!ascending)
    return;
  self->sort = key;
  self->ascending = !!ascending;
  if (self->dataset == NULL)
    return;
  /* The same rows in another order. */
  removed = self->n_visible;
  refilter (self, self->start, self->end, self->selected);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_visible);
}

CmSortKey
cm_announcement_list_get_sort (CmAnnouncementList *self,
                               gboolean           *ascending)
{
  g_return_val_if_fail (CM_IS_ANNOUNCEMENT_LIST (self), CM_SORT_DATE);
  if (ascending != NULL)
    *ascending = self->ascending;
  return self->sort;
}

/* The row showing announcement @index, or -1: a pass over the rows. */
int
cm_announcement_list_find (CmAnnouncementList *self,
                           guint               index)
{
  g_return_val_if_fail (CM_IS_ANNOUNCEMENT_LIST (self), -1);

  for (guint k = 0; k < self->n_visible; k++)
    if (self->visible[k] == index)
      return (int) k;
  return -1;
}

CmDataset *
cm_announcement_list_get_dataset (CmAnnouncementList *self)
{
  g_return_val_if_fail (CM_IS_ANNOUNCEMENT_LIST (self), NULL);
  return self->dataset;
}

guint
cm_announcement_list_get_index (CmAnnouncementList *self,
                                guint               position)
{
  g_return_val_if_fail (CM_IS_ANNOUNCEMENT_LIST (self), 0);
  g_return_val_if_fail (position < self->n_visible, 0);
  return self->visible[position];
}
