/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cm-diagnostic.h"
#include "cm-import-preview.h"

G_BEGIN_DECLS

#define CM_TYPE_IMPORT_DIALOG (cm_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CmImportDialog, cm_import_dialog, CM, IMPORT_DIALOG, AdwWindow)

/* How many first rows the dialog shows. */
#define CM_IMPORT_DIALOG_ROWS 12

/* The Import dialog: the first rows of a table, a role chooser per
 * column prefilled with the mapping found, and, as the choices change,
 * how many rows will load and the first problems, from a real load of the
 * whole file on a worker thread. Import emits "import" and closes; the
 * window then opens the file with cm_import_dialog_get_options ().
 * @preview and @diagnostics (transfer full) are of a load with @options
 * (may be NULL: all detected). */
CmImportDialog *cm_import_dialog_new          (GtkWindow             *parent,
                                               GFile                 *file,
                                               const char            *display_name,
                                               const CmImportOptions *options,
                                               CmImportPreview       *preview,
                                               CmDiagnostics         *diagnostics);
GFile          *cm_import_dialog_get_file     (CmImportDialog        *self);
/* The choices: a column per role the user set ("" for none); the roles
 * not touched stay NULL, to be found as before. */
void            cm_import_dialog_get_options  (CmImportDialog        *self,
                                               CmImportOptions       *options);
/* The digest of the columns the choices were made for. */
char           *cm_import_dialog_get_header_hash (CmImportDialog     *self);
/* The chooser of column @column, or NULL past the columns shown. */
GtkDropDown    *cm_import_dialog_get_chooser  (CmImportDialog        *self,
                                               guint                  column);
/* How many rows load with the choices shown; whether a new count is
 * being worked out. */
guint           cm_import_dialog_get_n_loaded (CmImportDialog        *self);
gboolean        cm_import_dialog_is_updating  (CmImportDialog        *self);

G_END_DECLS
