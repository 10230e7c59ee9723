/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "cm-import-dialog.h"
#include "cm-window.h"
#include "cm-test-window.h"

/* The Import dialog: shown for a table whose date column is a guess, the
 * count following the choices, Import loading with them, and the choice
 * remembered for the file. */

/* "happened" and "registered" both hold dates, and neither is named as a
 * date: the first is taken by its values, a guess. "registered" is empty
 * in two rows. The title column's name is markup. */
static const char ambiguous_csv[] =
  "happened,<b>what</b>,registered,latitude,longitude\n"
  "2021-03-01,Opening <i>day</i>,2021-02-01,30.5,114.3\n"
  "2021-04-12,Second,2021-03-15,31.2,121.5\n"
  "2021-05-20,Third,,39.9,116.4\n"
  "2021-06-02,Fourth,2021-05-30,22.5,114.1\n"
  "2021-07-14,Fifth,,23.1,113.3\n"
  "2021-08-30,Sixth,2021-08-01,30.3,120.2\n";

static CmImportDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (CM_IS_IMPORT_DIALOG (w))
        return CM_IMPORT_DIALOG (w);
    }
  return NULL;
}

static CmImportDialog *
wait_for_dialog (void)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  CmImportDialog *dialog;

  while ((dialog = find_dialog ()) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (dialog);
  return dialog;
}

static void
wait_for_update (CmImportDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (cm_import_dialog_is_updating (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cm_import_dialog_is_updating (dialog));
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
label_text_containing (GtkWidget  *root,
                       const char *part)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), part) != NULL)
    return gtk_label_get_text (GTK_LABEL (root));
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      const char *found = label_text_containing (c, part);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static CmWindow *
open_in_window (GFile *file)
{
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);

  gtk_window_present (GTK_WINDOW (window));
  cm_window_open_file (window, file);
  cm_test_wait_for_load (window);
  return window;
}

static void
test_ambiguous (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ambiguous.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmWindow *window, *again;
  CmImportDialog *dialog;
  GtkLabel *heading;
  CmDataset *ds;
  const CmAnnouncement *a;
  g_autofree char *memory = g_build_filename (g_get_user_data_dir (), "chronomap", "imports.ini", NULL);

  g_assert_true (g_file_set_contents (path, ambiguous_csv, -1, NULL));
  window = open_in_window (file);

  /* Not opened yet: the dialog asks first. */
  dialog = wait_for_dialog ();
  g_assert_null (cm_window_get_dataset (window));
  g_assert_null (cm_window_get_error (window));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  /* The found mapping is shown: dates from the first column, then the
   * title and the coordinates by name. Every row loads. */
  g_assert_cmpuint (gtk_drop_down_get_selected (cm_import_dialog_get_chooser (dialog, 0)), ==, 1 + CM_ROLE_DATE);
  g_assert_cmpuint (gtk_drop_down_get_selected (cm_import_dialog_get_chooser (dialog, 2)), ==, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (cm_import_dialog_get_chooser (dialog, 3)), ==, 1 + CM_ROLE_LAT);
  g_assert_cmpuint (gtk_drop_down_get_selected (cm_import_dialog_get_chooser (dialog, 4)), ==, 1 + CM_ROLE_LON);
  g_assert_null (cm_import_dialog_get_chooser (dialog, 5));
  g_assert_cmpuint (cm_import_dialog_get_n_loaded (dialog), ==, 6);
  g_assert_nonnull (label_text_containing (GTK_WIDGET (dialog), "All 6 rows will be imported"));

  /* File text is shown as it is, never as markup. */
  heading = find_label (GTK_WIDGET (dialog), "<b>what</b>");
  g_assert_nonnull (heading);
  g_assert_false (gtk_label_get_use_markup (heading));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Opening <i>day</i>"));

  /* Dates from "registered": two rows have none; the role leaves the
   * first column. */
  gtk_drop_down_set_selected (cm_import_dialog_get_chooser (dialog, 2), 1 + CM_ROLE_DATE);
  g_assert_true (cm_import_dialog_is_updating (dialog));
  g_assert_cmpuint (gtk_drop_down_get_selected (cm_import_dialog_get_chooser (dialog, 0)), ==, 0);
  wait_for_update (dialog);
  g_assert_cmpuint (cm_import_dialog_get_n_loaded (dialog), ==, 4);
  g_assert_nonnull (label_text_containing (GTK_WIDGET (dialog), "4 of 6 rows will be imported; 2 will be skipped"));
  /* The first skipped row, located: line 4, column 1 is where it starts. */
  g_assert_nonnull (label_text_containing (GTK_WIDGET (dialog), ":4:1: warning:"));

  /* No date at all: nothing to import, and Import is off. */
  gtk_drop_down_set_selected (cm_import_dialog_get_chooser (dialog, 2), 0);
  wait_for_update (dialog);
  g_assert_cmpuint (cm_import_dialog_get_n_loaded (dialog), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.accept", NULL);
  g_assert_true (find_dialog () == dialog);
  gtk_drop_down_set_selected (cm_import_dialog_get_chooser (dialog, 2), 1 + CM_ROLE_DATE);
  wait_for_update (dialog);
  g_assert_cmpuint (cm_import_dialog_get_n_loaded (dialog), ==, 4);

  /* Import opens the file with that mapping. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.accept", NULL));
  g_assert_null (find_dialog ());
  cm_test_wait_for_load (window);
  ds = cm_window_get_dataset (window);
  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 4);
  a = cm_dataset_get_announcement (ds, 0);
  g_assert_cmpint (a->start, ==, 1612137600);   /* 2021-02-01T00:00:00Z */
  g_assert_cmpuint (cm_dataset_get_n_skipped (ds), ==, 2);
  g_assert_true (g_file_test (memory, G_FILE_TEST_IS_REGULAR));

  /* Opened again, in another window: the choice holds, no dialog. */
  again = open_in_window (file);
  g_assert_null (find_dialog ());
  g_assert_nonnull (cm_window_get_dataset (again));
  g_assert_cmpuint (cm_dataset_get_n_announcements (cm_window_get_dataset (again)), ==, 4);
  gtk_window_destroy (GTK_WINDOW (again));

  /* Other columns: the remembered mapping no longer holds, and the
   * dialog asks again. */
  g_assert_true (g_file_set_contents (path, "happened,name,kind\n2021-03-01,A,B\n", -1, NULL));
  again = open_in_window (file);
  dialog = wait_for_dialog ();
  g_assert_null (cm_window_get_dataset (again));
  g_assert_cmpuint (gtk_drop_down_get_selected (cm_import_dialog_get_chooser (dialog, 0)), ==, 1 + CM_ROLE_DATE);
  /* Cancel leaves the window as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  cm_test_iterate (50);
  g_assert_null (find_dialog ());
  g_assert_null (cm_window_get_dataset (again));
  g_assert_false (cm_window_is_loading (again));

  gtk_window_destroy (GTK_WINDOW (again));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* Dates in a column named "date": nothing to ask. */
static void
test_certain (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "certain.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmWindow *window;

  g_assert_true (g_file_set_contents (path, "date,title\n2021-03-01,A\n2021-04-01,B\n", -1, NULL));
  window = open_in_window (file);
  cm_test_iterate (50);
  g_assert_null (find_dialog ());
  g_assert_nonnull (cm_window_get_dataset (window));
  g_assert_cmpuint (cm_dataset_get_n_announcements (cm_window_get_dataset (window)), ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = g_dir_make_tmp ("cm-import-data-XXXXXX", NULL);
  int result;

  /* The remembered choices go to a folder of the test's own, set before
   * GLib reads it once for the process. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/import-dialog/ambiguous", test_ambiguous);
  g_test_add_func ("/import-dialog/certain", test_certain);
  result = g_test_run ();
  {
    g_autofree char *memory = g_build_filename (data_home, "chronomap", "imports.ini", NULL);
    g_autofree char *folder = g_build_filename (data_home, "chronomap", NULL);
    g_unlink (memory);
    g_rmdir (folder);
    g_rmdir (data_home);
  }
  return result;
}
