/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cm-dataset.h"

G_BEGIN_DECLS

/* A window with everything known of one announcement: the date as written
 * and its note, place, category, actors, summary and sources. All dataset
 * text is shown as plain text; a source link is a button only when it is
 * an http(s) address (cm_link_is_openable), otherwise it is shown, not
 * opened. */
GtkWidget *cm_details_new (GtkWindow *parent,
                           CmDataset *dataset,
                           guint      announcement);

G_END_DECLS
