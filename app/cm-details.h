/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cm-dataset.h"

G_BEGIN_DECLS

#define CM_TYPE_DETAILS (cm_details_get_type ())
G_DECLARE_FINAL_TYPE (CmDetails, cm_details, CM, DETAILS, GtkWidget)

/* The pane under the list with everything known of one announcement: the
 * title, the date as read and as written with its note, the place (both
 * names, and its parent), category, actors, summary and sources. All
 * dataset text is shown as plain text; a source link is a button only
 * when it is an http(s) address (cm_link_is_openable), otherwise it is
 * shown, not opened. */
GtkWidget  *cm_details_new              (void);
/* @announcement: an index of @dataset, or -1 for none. */
void        cm_details_show             (CmDetails *self,
                                         CmDataset *dataset,
                                         int        announcement);
int         cm_details_get_announcement (CmDetails *self);
const char *cm_details_get_title        (CmDetails *self);
/* The first source address that may be opened, or NULL. */
const char *cm_details_get_link         (CmDetails *self);

G_END_DECLS
