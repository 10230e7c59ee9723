/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-announcement-item.h"

struct _CmAnnouncementItem
{
  GObject    parent_instance;

  CmDataset *dataset;
  guint      index;
  char      *when;
  char      *place;
  char      *title;
};

G_DEFINE_FINAL_TYPE (CmAnnouncementItem, cm_announcement_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WHEN,
  PROP_PLACE,
  PROP_TITLE,
  PROP_CATEGORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CmAnnouncement *
announcement (CmAnnouncementItem *self)
{
  return cm_dataset_get_announcement (self->dataset, self->index);
}

static void
cm_announcement_item_finalize (GObject *object)
{
  CmAnnouncementItem *self = CM_ANNOUNCEMENT_ITEM (object);

  g_clear_object (&self->dataset);
  g_free (self->when);
  g_free (self->place);
  g_free (self->title);

  G_OBJECT_CLASS (cm_announcement_item_parent_class)->finalize (object);
}

static void
cm_announcement_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CmAnnouncementItem *self = CM_ANNOUNCEMENT_ITEM (object);

  switch (prop_id)
    {
    case PROP_WHEN:
      g_value_set_string (value, cm_announcement_item_get_when (self));
      break;
    case PROP_PLACE:
      g_value_set_string (value, cm_announcement_item_get_place (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, cm_announcement_item_get_title (self));
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, cm_announcement_item_get_category (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_announcement_item_class_init (CmAnnouncementItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cm_announcement_item_finalize;
  object_class->get_property = cm_announcement_item_get_property;

  properties[PROP_WHEN] =
    g_param_spec_string ("when", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLACE] =
    g_param_spec_string ("place", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cm_announcement_item_init (CmAnnouncementItem *self)
{
}

CmAnnouncementItem *
cm_announcement_item_new (CmDataset *dataset,
                          guint      index)
{
  CmAnnouncementItem *self;

  g_return_val_if_fail (CM_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (index < cm_dataset_get_n_announcements (dataset), NULL);

  self = g_object_new (CM_TYPE_ANNOUNCEMENT_ITEM, NULL);
  self->dataset = g_object_ref (dataset);
  self->index = index;
  return self;
}

guint
cm_announcement_item_get_index (CmAnnouncementItem *self)
{
  g_return_val_if_fail (CM_IS_ANNOUNCEMENT_ITEM (self), 0);
  return self->index;
}

CmDataset *
cm_announcement_item_get_dataset (CmAnnouncementItem *self)
{
  g_return_val_if_fail (CM_IS_ANNOUNCEMENT_ITEM (self), NULL);
  return self->dataset;
}

const char *
cm_announcement_item_get_when (CmAnnouncementItem *self)
{
  g_return_val_if_fail (CM_IS_ANNOUNCEMENT_ITEM (self), NULL);
  if (self->when == NULL)
    self->when = cm_dataset_format_when (self->dataset, announcement (self));
  return self->when;
}

const char *
cm_announcement_item_get_place (CmAnnouncementItem *self)
{
  g_return_val_if_fail (CM_IS_ANNOUNCEMENT_ITEM (self), NULL);
  if (self->place == NULL)
    {
      self->place = cm_dataset_format_place (self->dataset, announcement (self)->place);
      if (self->place == NULL)
        self->place = g_strdup ("—");
    }
  return self->place;
}

const char *
cm_announcement_item_get_title (CmAnnouncementItem *self)
{
  g_return_val_if_fail (CM_IS_ANNOUNCEMENT_ITEM (self), NULL);
  if (self->title == NULL)
    {
      self->title = cm_dataset_dup_text (self->dataset, announcement (self)->title);
      if (self->title == NULL)
        self->title = g_strdup ("");
    }
  return self->title;
}

const char *
cm_announcement_item_get_category (CmAnnouncementItem *self)
{
  gint32 c;

  g_return_val_if_fail (CM_IS_ANNOUNCEMENT_ITEM (self), NULL);
  c = announcement (self)->category;
  return c >= 0 ? cm_dataset_get_category (self->dataset, c)->label : "";
}

guint32
cm_announcement_item_get_color (CmAnnouncementItem *self)
{
  gint32 c;

  g_return_val_if_fail (CM_IS_ANNOUNCEMENT_ITEM (self), 0);
  c = announcement (self)->category;
  return c >= 0 ? cm_dataset_get_category (self->dataset, c)->color : 0x808080;
}
