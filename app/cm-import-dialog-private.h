/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-import-dialog.h"

G_BEGIN_DECLS

/* The Import dialog's state, shared by its files: cm-import-dialog.c (the
 * table of columns and the checks) and cm-import-dialog-source.c (sheet,
 * encoding, day/month order and time zone). */
struct _CmImportDialog
{
  AdwWindow         parent_instance;

  AdwWindowTitle   *window_title;
  GtkWidget        *source_list;
  AdwComboRow      *sheet_row;
  AdwComboRow      *encoding_row;
  AdwComboRow      *order_row;
  AdwEntryRow      *zone_row;
  GtkStack         *table_stack;
  GtkGrid          *table_grid;
  AdwStatusPage    *unreadable_page;
  GtkWidget        *try_western_button;
  GtkWidget        *try_chinese_button;
  GtkSpinner       *spinner;
  GtkLabel         *count_label;
  GtkLabel         *problems_label;

  GFile            *file;
  char             *name;
  CmImportOptions   base;           /* encoding, sheet, date order, zone: what the rows above say */
  char             *other_encoding; /* one given that the list lacks, or NULL */
  gboolean          touched[CM_N_ROLES];
  CmImportPreview  *preview;        /* of the choices shown, or of the last readable load */
  CmDiagnostics    *diagnostics;
  guint             n_loaded;
  gboolean          loadable;
  CmRole           *roles;          /* per column shown; CM_N_ROLES: none */
  GPtrArray        *choosers;       /* GtkDropDown per column shown */
  GPtrArray        *read_labels;    /* GtkLabel per row shown: its date as read */
  gboolean          syncing;
  GCancellable     *cancellable;    /* of the check under way */
  guint             update_source;
};

/* cm-import-dialog.c: checks the choices again after a short delay. With
 * @new_source (another sheet or encoding: other columns), the roles go
 * back to those found. */
void _cm_import_dialog_schedule_check (CmImportDialog *self,
                                       gboolean        new_source);

/* cm-import-dialog-source.c */
void _cm_import_dialog_source_class_init (GtkWidgetClass *widget_class);
void _cm_import_dialog_source_init       (CmImportDialog *self);
/* The options given (remembered, or from the command line) in the rows. */
void _cm_import_dialog_source_set        (CmImportDialog *self);
/* Shows the rows that apply to the file previewed, its sheets listed, and
 * the table, or what to do when the text is not in the encoding chosen. */
void _cm_import_dialog_source_show       (CmImportDialog *self);
void _cm_import_dialog_source_finalize   (CmImportDialog *self);

G_END_DECLS
