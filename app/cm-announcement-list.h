/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cm-dataset.h"
#include "cm-sort-order.h"

G_BEGIN_DECLS

#define CM_TYPE_ANNOUNCEMENT_LIST (cm_announcement_list_get_type ())
G_DECLARE_FINAL_TYPE (CmAnnouncementList, cm_announcement_list, CM, ANNOUNCEMENT_LIST, GObject)

/* The announcements of a dataset, sorted, as a GListModel whose items
 * (CmAnnouncementItem) are made only when a row asks for them: a million
 * announcements cost no million objects. */
CmAnnouncementList *cm_announcement_list_new         (void);
void                cm_announcement_list_set_dataset (CmAnnouncementList *self,
                                                      CmDataset          *dataset);
CmDataset          *cm_announcement_list_get_dataset (CmAnnouncementList *self);
/* Shows only the announcements that overlap [start, end) (all when
 * start >= end) and, when @selected is non-NULL and not empty, only those
 * it holds (announcement indices). O(n) per change. */
void                cm_announcement_list_set_filter  (CmAnnouncementList *self,
                                                      gint64              start,
                                                      gint64              end,
                                                      GtkBitset          *selected);
/* @match: (nullable): one byte per announcement, non-zero for those a
 * search keeps; the list shows only those. Applies from the next
 * set_filter(). */
void                cm_announcement_list_set_match   (CmAnnouncementList *self,
                                                      GBytes             *match);
/* Whether set_filter() with these arguments would change nothing. */
gboolean            cm_announcement_list_filter_equals (CmAnnouncementList *self,
                                                        gint64              start,
                                                        gint64              end,
                                                        GtkBitset          *selected);
/* The order of the rows: by date, newest first, unless set. Sorting is a
 * pass over an order computed once per dataset (cm-sort-order.h). Call
 * it before set_filter() on a new list, or to re-sort this one. */
void                cm_announcement_list_set_sort    (CmAnnouncementList *self,
                                                      CmSortKey           key,
                                                      gboolean            ascending);
CmSortKey           cm_announcement_list_get_sort    (CmAnnouncementList *self,
                                                      gboolean           *ascending);
/* The position of announcement @index among the rows, or -1. O(rows). */
int                 cm_announcement_list_find        (CmAnnouncementList *self,
                                                      guint               index);
/* Announcement index shown at @position. */
guint               cm_announcement_list_get_index   (CmAnnouncementList *self,
                                                      guint               position);

G_END_DECLS
