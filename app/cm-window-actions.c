/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>

#include "cm-loader.h"
#include "cm-window-private.h"

#define MAX_SHOWN_PROBLEMS 500

/* The window's actions (win.*), the file choosers and drag and drop. */

/* Actions ----------------------------------------------------------------- */

static void
file_chooser_response (GtkNativeDialog *dialog,
                       int              response,
                       gpointer         user_data)
{
  CmWindow *self = user_data;
  FileChosenFunc chosen = self->chosen;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file != NULL)
    chosen (self, file);
}

/* The files Chronomap opens, by kind: the first filter of the Open and
 * Import choosers takes them all. Suffixes match in any case. */
static const char * const json_suffixes[] = { "json", "geojson", NULL };
static const char * const json_types[] = { "application/json", "application/geo+json", NULL };
static const char * const text_suffixes[] = { "csv", "tsv", "txt", NULL };
static const char * const text_types[] = { "text/csv", "text/tab-separated-values", NULL };
static const char * const sheet_suffixes[] = { "xlsx", "ods", NULL };
static const char * const sheet_types[] = {
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.spreadsheet", NULL,
};
static const char * const gis_suffixes[] = { "gpkg", "shp", "kml", "kmz", "gpx", "fgb", NULL };
static const char * const gis_types[] = {
  "application/geopackage+sqlite3", "application/vnd.google-earth.kml+xml", "application/vnd.google-earth.kmz",
  "application/gpx+xml", "application/x-esri-shape", NULL,
};

static const CmFileKind dataset_kinds[] = {
  { N_("Chronomap, GeoJSON and TimelineJS (JSON)"), json_suffixes, json_types },
  { N_("CSV and TSV tables"), text_suffixes, text_types },
  { N_("Spreadsheets (Excel XLSX, ODS)"), sheet_suffixes, sheet_types },
  { N_("GIS files (GeoPackage, Shapefile, KML/KMZ, GPX, FlatGeobuf)"), gis_suffixes, gis_types },
};

static void
add_kind (GtkFileFilter    *filter,
          const CmFileKind *kind)
{
  for (guint i = 0; kind->suffixes != NULL && kind->suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, kind->suffixes[i]);
  for (guint i = 0; kind->mime_types != NULL && kind->mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, kind->mime_types[i]);
}

static void
add_filter (GtkFileChooser *chooser,
            GtkFileFilter  *filter)
{
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

void
_cm_window_choose_file (CmWindow         *self,
                        const char       *title,
                        const char       *accept,
                        const CmFileKind *kinds,
                        guint             n_kinds,
                        FileChosenFunc    chosen)
{
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  /* The first filter is the one shown. */
  if (n_kinds > 1)
    {
      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("All supported files"));
      for (guint k = 0; k < n_kinds; k++)
        add_kind (filter, &kinds[k]);
      add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }
  for (guint k = 0; k < n_kinds; k++)
    {
      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _(kinds[k].name));
      add_kind (filter, &kinds[k]);
      add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  add_filter (GTK_FILE_CHOOSER (dialog), filter);

  self->chosen = chosen;
  g_signal_connect (dialog, "response", G_CALLBACK (file_chooser_response), self);
  self->chooser = GTK_NATIVE_DIALOG (dialog);
  gtk_native_dialog_show (self->chooser);
}

void
_cm_window_choose_dataset (CmWindow       *self,
                           const char     *title,
                           const char     *accept,
                           FileChosenFunc  chosen)
{
  _cm_window_choose_file (self, title, accept, dataset_kinds, G_N_ELEMENTS (dataset_kinds), chosen);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _cm_window_choose_dataset (CM_WINDOW (widget), _("Open Dataset"), _("_Open"), _cm_window_start_load);
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cm_window_open_sample (CM_WINDOW (widget));
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CmWindow *self = CM_WINDOW (widget);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _cm_window_set_error (CM_WINDOW (widget), NULL);
}

/* The problems, one a line, scrolled: there may be hundreds, and as the
 * body of the dialog they made it taller than any screen. */
static GtkWidget *
problems_view (const char *text)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  /* A text buffer is plain text: file content is never read as markup. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  /* A wrapped problem still reads as one. */
  gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (view), 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 80);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  return scrolled;
}

/* "1 error, 2 warnings, 5 notes": what a note is not called, a problem. */
static char *
count_by_severity (CmDiagnostics *diags)
{
  static const CmSeverity order[] = { CM_SEVERITY_ERROR, CM_SEVERITY_WARNING, CM_SEVERITY_NOTE };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      guint n = cm_diagnostics_count (diags, order[i]);

      if (n == 0)
        continue;
      switch (order[i])
        {
        case CM_SEVERITY_ERROR:
          g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u error", "%u errors", n), n));
          break;
        case CM_SEVERITY_WARNING:
          g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u warning", "%u warnings", n), n));
          break;
        case CM_SEVERITY_NOTE:
        default:
          g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u note", "%u notes", n), n));
          break;
        }
    }
  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: between the counts of "1 error, 2 warnings, 5 notes". */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static void
show_problems_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CmWindow *self = CM_WINDOW (widget);
  guint n = self->problems ? cm_diagnostics_get_n (self->problems) : 0;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Problems and Notes"), NULL);
  if (n == 0)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), _("The last file opened had no problems."));
  else
    {
      g_autofree char *counts = count_by_severity (self->problems);
      g_autofree char *summary = g_strdup_printf (_("In the last file opened: %s"), counts);
      g_autofree char *text = cm_diagnostics_to_string (self->problems, MAX_SHOWN_PROBLEMS);

      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), summary);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), problems_view (g_strchomp (text)));
      /* Each line is FILE:LINE:COLUMN: /pointer: severity: message, in a
       * fixed-width font: at the message dialog's 310 px, most wrapped
       * twice or more. */
      gtk_window_set_default_size (GTK_WINDOW (dialog), 720, -1);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fit_data_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  cm_map_fit_data (CM_WINDOW (widget)->map);
}

static void
fit_basemap_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cm_map_fit_basemap (CM_WINDOW (widget)->map);
}

static void
basemap_chosen (CmWindow *self,
                GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);

  /* Kept in the settings once it has loaded. */
  if (path != NULL)
    _cm_window_load_basemap (self, path, TRUE);
}

static void
choose_basemap_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  static const char * const suffixes[] = { "geojson", "json", NULL };
  static const char * const mime_types[] = { "application/geo+json", NULL };
  static const CmFileKind polygons = { N_("GeoJSON polygons"), suffixes, mime_types };

  _cm_window_choose_file (CM_WINDOW (widget), _("Choose Base Map"), _("_Use"), &polygons, 1, basemap_chosen);
}

static void
bundled_basemap_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _cm_window_load_basemap (CM_WINDOW (widget), NULL, TRUE);
}

gboolean
_cm_window_drop_file (GtkDropTarget *target,
                      const GValue  *value,
                      double         x,
                      double         y,
                      gpointer       user_data)
{
  CmWindow *self = user_data;
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  _cm_window_start_load (self, files->data);
  g_slist_free (files);
  return TRUE;
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _cm_window_reload (CM_WINDOW (widget));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmWindow *self = CM_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
_cm_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems_action);
  gtk_widget_class_install_action (widget_class, "win.fit-data", NULL, fit_data_action);
  gtk_widget_class_install_action (widget_class, "win.fit-basemap", NULL, fit_basemap_action);
  gtk_widget_class_install_action (widget_class, "win.choose-basemap", NULL, choose_basemap_action);
  gtk_widget_class_install_action (widget_class, "win.bundled-basemap", NULL, bundled_basemap_action);
  gtk_widget_class_install_property_action (widget_class, "win.lanes", "lanes");
  gtk_widget_class_install_property_action (widget_class, "win.map-color", "map-color");
  gtk_widget_class_install_property_action (widget_class, "win.map-projection", "map-projection");
  gtk_widget_class_install_property_action (widget_class, "win.adoption", "adoption");
}
