/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cm-dataset.h"
#include "cm-sort-order.h"

G_BEGIN_DECLS

/* The columns of the announcement list: cells that show dataset text as
 * plain text, one line each, with the whole text in a tooltip when cut. */
GtkColumnViewColumn *cm_announcement_columns_add      (GtkColumnView       *view);
/* Sizes @date for the longest date usually shown, in @view's font. */
void                 cm_announcement_columns_fit_date (GtkColumnView       *view,
                                                       GtkColumnViewColumn *date);

/* Sizes the Place and Category columns to @dataset's names. */
void                 cm_announcement_columns_fit      (GtkColumnView       *view,
                                                       CmDataset           *dataset);
/* Fits the columns to @width, the list's: no horizontal scroll. */
void                 cm_announcement_columns_fit_width (GtkColumnView     *view,
                                                        int                width);
/* The column the user sorts by, from the headers; FALSE when none. */
gboolean             cm_announcement_columns_get_sort (GtkColumnView       *view,
                                                       CmSortKey           *key,
                                                       gboolean            *ascending);

G_END_DECLS
