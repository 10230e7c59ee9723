/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>

#include "cm-import-dialog.h"
#include "cm-import-memory.h"
#include "cm-window-private.h"

/* Importing tables: the Import dialog for a file whose columns are not
 * certain (cm_import_preview_is_certain) or chosen with Import…, and the
 * choice remembered for the file (cm-import-memory.c). */

static void
import_accepted (CmWindow       *self,
                 CmImportDialog *dialog)
{
  CmImportOptions options = { { NULL } };
  g_autofree char *hash = cm_import_dialog_get_header_hash (dialog);
  GFile *file = cm_import_dialog_get_file (dialog);
  g_autoptr(GError) error = NULL;

  cm_import_dialog_get_options (dialog, &options);
  if (!cm_import_memory_store (file, hash, &options, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The choices for this file could not be kept: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
    }
  _cm_window_start_import (self, file, &options, FALSE);
  cm_import_options_clear (&options);
}

void
_cm_window_ask_import (CmWindow              *self,
                       GFile                 *file,
                       const char            *display_name,
                       const CmImportOptions *options,
                       CmImportPreview       *preview,
                       CmDiagnostics         *diagnostics)
{
  CmImportDialog *dialog = cm_import_dialog_new (GTK_WINDOW (self), file, display_name, options,
                                                 preview, diagnostics);

  g_signal_connect_object (dialog, "import", G_CALLBACK (import_accepted), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_chosen (CmWindow *self,
               GFile    *file)
{
  _cm_window_start_import (self, file, NULL, TRUE);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _cm_window_choose_dataset (CM_WINDOW (widget), _("Import Table"), _("_Import"), import_chosen);
}

void
_cm_window_import_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
}
