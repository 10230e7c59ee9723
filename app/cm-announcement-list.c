/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-announcement-item.h"
#include "cm-announcement-list.h"

struct _CmAnnouncementList
{
  GObject    parent_instance;

  CmDataset *dataset;
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
  CmAnnouncementList *self = CM_ANNOUNCEMENT_LIST (model);

  return self->dataset ? cm_dataset_get_n_announcements (self->dataset) : 0;
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

void
cm_announcement_list_set_dataset (CmAnnouncementList *self,
                                  CmDataset          *dataset)
{
  guint removed, added;

  g_return_if_fail (CM_IS_ANNOUNCEMENT_LIST (self));
  g_return_if_fail (dataset == NULL || CM_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;
  removed = get_n_items (G_LIST_MODEL (self));
  g_set_object (&self->dataset, dataset);
  added = get_n_items (G_LIST_MODEL (self));
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
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
  guint n;

  g_return_val_if_fail (CM_IS_ANNOUNCEMENT_LIST (self), 0);
  n = get_n_items (G_LIST_MODEL (self));
  g_return_val_if_fail (position < n, 0);
  return cm_dataset_get_time_order (self->dataset)[n - 1 - position];
}
