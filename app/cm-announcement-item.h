/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cm-dataset.h"

G_BEGIN_DECLS

#define CM_TYPE_ANNOUNCEMENT_ITEM (cm_announcement_item_get_type ())
G_DECLARE_FINAL_TYPE (CmAnnouncementItem, cm_announcement_item, CM, ANNOUNCEMENT_ITEM, GObject)

/* A short-lived view of one announcement for list widgets; the list model
 * creates these on demand and the dataset stays the only copy. */
CmAnnouncementItem *cm_announcement_item_new        (CmDataset          *dataset,
                                                     guint               index);
guint               cm_announcement_item_get_index  (CmAnnouncementItem *self);
CmDataset          *cm_announcement_item_get_dataset (CmAnnouncementItem *self);
const char         *cm_announcement_item_get_when   (CmAnnouncementItem *self);
const char         *cm_announcement_item_get_place  (CmAnnouncementItem *self);
const char         *cm_announcement_item_get_title  (CmAnnouncementItem *self);
const char         *cm_announcement_item_get_category (CmAnnouncementItem *self);
guint32             cm_announcement_item_get_color  (CmAnnouncementItem *self);

G_END_DECLS
