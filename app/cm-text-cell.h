/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CM_TYPE_TEXT_CELL (cm_text_cell_get_type ())
G_DECLARE_FINAL_TYPE (CmTextCell, cm_text_cell, CM, TEXT_CELL, GtkWidget)

GtkWidget     *cm_text_cell_new            (void);
/* Plain text, never markup, shown on one line: line breaks become
 * spaces. NULL shows nothing. */
void           cm_text_cell_set_text       (CmTextCell    *self,
                                            const char    *text);
const char    *cm_text_cell_get_text       (CmTextCell    *self);
/* (nullable): attributes over the text as set, e.g. a colour. */
void           cm_text_cell_set_attributes (CmTextCell    *self,
                                            PangoAttrList *attrs);
PangoAttrList *cm_text_cell_get_attributes (CmTextCell    *self);
gboolean       cm_text_cell_is_cut         (CmTextCell    *self);
void           cm_text_cell_set_sets_height (CmTextCell   *self,
                                            gboolean       sets_height);

G_END_DECLS
