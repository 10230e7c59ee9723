/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "cm-import-dialog.h"
#include "cm-window.h"
#include "cm-test-util.h"
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

/* Whether @widget and all its parents are visible. */
static gboolean
shown (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget))
      return FALSE;
  return TRUE;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WINDOW (w);
    }
  return NULL;
}

static GtkWidget *
find_menu_item (GtkWidget  *root,
                const char *text)
{
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (root), "GtkModelButton") == 0)
    {
      GtkLabel *label = GTK_LABEL (cm_test_find_widget (root, GTK_TYPE_LABEL));
      if (label != NULL && g_strcmp0 (gtk_label_get_text (label), text) == 0)
        return root;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_menu_item (c, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Main Menu › Import…, as a user chooses it: the menu's item, then @file
 * in the file chooser that opens (GTK's own dialog here: no portal). */
static void
import_through_menu (CmWindow *window,
                     GFile    *file)
{
  GtkWidget *button = NULL, *item;
  GtkWindow *chooser;
  gint64 deadline;

  for (GtkWidget *w = cm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_MENU_BUTTON (w) && gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (w)) != NULL &&
        strcmp (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (w)), "open-menu-symbolic") == 0)
      button = w;
  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  item = find_menu_item (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))), "Import…");
  g_assert_nonnull (item);
  g_assert_true (gtk_widget_activate (item));

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Import Table");
  /* Every kind the window opens, in its first filter, in any case. */
  {
    g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
    g_autoptr(GtkFileFilter) all = g_list_model_get_item (filters, 0);
    static const char * const names[] = {
      "a.csv", "A.TSV", "a.xlsx", "a.ods", "a.gpkg", "a.shp", "a.kml", "a.KMZ", "a.gpx", "a.fgb", "a.geojson", "a.json",
    };

    g_assert_cmpstr (gtk_file_filter_get_name (all), ==, "All supported files");
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr(GFileInfo) info = g_file_info_new ();

        g_file_info_set_display_name (info, names[i]);
        g_file_info_set_content_type (info, "application/octet-stream");
        g_assert_true (gtk_filter_match (GTK_FILTER (all), info));
      }
    {
      g_autoptr(GFileInfo) info = g_file_info_new ();

      g_file_info_set_display_name (info, "a.png");
      g_file_info_set_content_type (info, "image/png");
      g_assert_false (gtk_filter_match (GTK_FILTER (all), info));
    }
  }
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (chosen != NULL && g_file_equal (chosen, file))
        break;
      g_main_context_iteration (NULL, FALSE);
    }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
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

/* The text of the "Date as read" cell of row @r. */
static const char *
read_as (CmImportDialog *dialog,
         guint           r)
{
  GtkWidget *grid = cm_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_GRID);
  GtkWidget *cell = gtk_grid_get_child_at (GTK_GRID (grid), 0, r + 2);

  g_assert_true (GTK_IS_LABEL (cell));
  return gtk_label_get_text (GTK_LABEL (cell));
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *contents,
            gssize      len)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  return path;
}

static char *
memory_text (void)
{
  g_autofree char *memory = g_build_filename (g_get_user_data_dir (), "chronomap", "imports.ini", NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (memory, &text, NULL, NULL));
  return text;
}

/* Dates such as 03/04/2021 read neither way until the order is chosen;
 * the rows and the count follow the choice, which is remembered. */
static void
test_date_order (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-import-XXXXXX", NULL);
  g_autofree char *path = write_temp (dir, "order.csv",
                                      "observed,what,latitude,longitude\n"
                                      "03/04/2021,Opening,30.5,114.3\n"
                                      "05/06/2021,Second,31.2,121.5\n"
                                      "11/12/2021,Third,39.9,116.4\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmWindow *window = open_in_window (file), *again;
  CmImportDialog *dialog = wait_for_dialog ();
  GtkWidget *order = cm_test_find_row (GTK_WIDGET (dialog), "_Day and month order");
  g_autofree char *memory = NULL;

  /* A text file: its encoding can be chosen; it has no sheets. */
  g_assert_true (shown (cm_test_find_row (GTK_WIDGET (dialog), "_Encoding")));
  g_assert_false (shown (cm_test_find_row (GTK_WIDGET (dialog), "_Sheet")));
  g_assert_true (shown (order));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (order)), ==, CM_DATE_ORDER_AUTO);
  g_assert_cmpuint (cm_import_dialog_get_n_loaded (dialog), ==, 0);
  g_assert_cmpstr (read_as (dialog, 0), ==, "Skipped: ambiguous day and month");

  adw_combo_row_set_selected (ADW_COMBO_ROW (order), CM_DATE_ORDER_DMY);
  g_assert_true (cm_import_dialog_is_updating (dialog));
  wait_for_update (dialog);
  g_assert_cmpuint (cm_import_dialog_get_n_loaded (dialog), ==, 3);
  g_assert_cmpstr (read_as (dialog, 0), ==, "2021-04-03");
  g_assert_cmpstr (read_as (dialog, 2), ==, "2021-12-11");
  g_assert_nonnull (label_text_containing (GTK_WIDGET (dialog), "All 3 rows will be imported"));

  adw_combo_row_set_selected (ADW_COMBO_ROW (order), CM_DATE_ORDER_MDY);
  wait_for_update (dialog);
  g_assert_cmpstr (read_as (dialog, 0), ==, "2021-03-04");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.accept", NULL));
  cm_test_wait_for_load (window);
  g_assert_nonnull (cm_window_get_dataset (window));
  g_assert_cmpuint (cm_dataset_get_n_announcements (cm_window_get_dataset (window)), ==, 3);
  g_assert_cmpint (cm_dataset_get_announcement (cm_window_get_dataset (window), 0)->start, ==, 1614816000); /* 2021-03-04 */
  memory = memory_text ();
  g_assert_nonnull (strstr (memory, "date-format=MDY"));

  /* Remembered: the next open asks nothing and reads month first. */
  again = open_in_window (file);
  cm_test_iterate (50);
  g_assert_null (find_dialog ());
  g_assert_cmpint (cm_dataset_get_announcement (cm_window_get_dataset (again), 0)->start, ==, 1614816000);
  gtk_window_destroy (GTK_WINDOW (again));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* A text file in another encoding opens the dialog with no columns: the
 * table's place says why, where, and offers encodings to try; one chosen
 * there (as in the Encoding row), the table appears. */
static void
test_encoding (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-import-XXXXXX", NULL);
  g_autofree char *path = write_temp (dir, "latin.csv", "date,title\n2021-01-01,caf\xe9\n2021-02-01,na\xefve\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmWindow *window = open_in_window (file);
  CmImportDialog *dialog = wait_for_dialog ();
  GtkWidget *encoding = cm_test_find_row (GTK_WIDGET (dialog), "_Encoding");
  GtkWidget *western;
  GtkStack *stack;
  g_autofree char *memory = NULL;
  g_autofree char *title = NULL;

  g_assert_null (cm_import_dialog_get_chooser (dialog, 0));
  g_assert_nonnull (label_text_containing (GTK_WIDGET (dialog), "not written in this encoding"));
  g_assert_nonnull (label_text_containing (GTK_WIDGET (dialog), "latin.csv:2:15: error: not UTF-8"));
  g_assert_true (shown (encoding));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.accept", NULL);
  g_assert_true (find_dialog () == dialog);

  /* Not an empty table: a page that names the encoding and the line. */
  stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (find_label (GTK_WIDGET (dialog), "Not Readable as Unicode (UTF-8)")),
                                              GTK_TYPE_STACK));
  g_assert_nonnull (stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "unreadable");
  g_assert_nonnull (label_text_containing (GTK_WIDGET (dialog), "Line 2 of the file is not written in this encoding"));
  western = gtk_widget_get_ancestor (GTK_WIDGET (find_label (GTK_WIDGET (dialog), "Try Western European (Windows-1252)")),
                                     GTK_TYPE_BUTTON);
  g_assert_nonnull (western);
  g_assert_true (shown (western));
  g_assert_true (shown (GTK_WIDGET (find_label (GTK_WIDGET (dialog), "Try Chinese (GB18030)"))));
  cm_test_shoot (GTK_WINDOW (dialog), "import-dialog-unreadable");

  g_signal_emit_by_name (western, "clicked");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (encoding)), ==, 1);   /* Windows-1252 */
  wait_for_update (dialog);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "table");
  g_assert_nonnull (cm_import_dialog_get_chooser (dialog, 1));
  g_assert_null (cm_import_dialog_get_chooser (dialog, 2));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "café"));
  g_assert_cmpuint (cm_import_dialog_get_n_loaded (dialog), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.accept", NULL));
  cm_test_wait_for_load (window);
  g_assert_nonnull (cm_window_get_dataset (window));
  title = cm_dataset_dup_text (cm_window_get_dataset (window),
                               cm_dataset_get_announcement (cm_window_get_dataset (window), 0)->title);
  g_assert_cmpstr (title, ==, "café");
  memory = memory_text ();
  g_assert_nonnull (strstr (memory, "encoding=WINDOWS-1252"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* GeoJSON stays on its own reader, but features with no date property by
 * name open the dialog, their properties as the columns. */
static void
test_geojson (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-import-XXXXXX", NULL);
  g_autofree char *path = write_temp (dir, "observed.geojson",
    "{\"type\": \"FeatureCollection\", \"features\": [\n"
    " {\"type\": \"Feature\", \"properties\": {\"name\": \"Hebi\", \"observed\": \"03/04/2021\"},"
    "  \"geometry\": {\"type\": \"Point\", \"coordinates\": [114.3, 35.7]}},\n"
    " {\"type\": \"Feature\", \"properties\": {\"name\": \"Wuhan\", \"noted\": \"2021-05-06\"},"
    "  \"geometry\": {\"type\": \"Point\", \"coordinates\": [114.3, 30.6]}}\n"
    "]}\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmWindow *window = open_in_window (file);
  CmImportDialog *dialog = wait_for_dialog ();

  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "observed"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), "noted"));
  /* Nothing but dates to choose: no encoding, no sheet. */
  g_assert_false (shown (cm_test_find_row (GTK_WIDGET (dialog), "_Encoding")));
  g_assert_false (shown (cm_test_find_row (GTK_WIDGET (dialog), "_Sheet")));
  /* "noted" by its values, then chosen: */
  gtk_drop_down_set_selected (cm_import_dialog_get_chooser (dialog, 2), 1 + CM_ROLE_DATE);
  wait_for_update (dialog);
  g_assert_cmpuint (cm_import_dialog_get_n_loaded (dialog), ==, 1);
  g_assert_nonnull (label_text_containing (GTK_WIDGET (dialog), "1 of 2 features will be imported"));
  g_assert_cmpstr (read_as (dialog, 1), ==, "2021-05-06");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.accept", NULL));
  cm_test_wait_for_load (window);
  g_assert_cmpuint (cm_dataset_get_n_announcements (cm_window_get_dataset (window)), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* Main Menu › Import… asks even for a file read without doubt; there the
 * zone of times without an offset is chosen, and only one that exists. */
static void
test_menu_zone (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-import-XXXXXX", NULL);
  g_autofree char *path = write_temp (dir, "times.csv", "date,title\n2021-03-01 09:30,A\n2021-03-02 10:00,B\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
  CmImportDialog *dialog;
  GtkWidget *zone;
  g_autofree char *memory = NULL;

  gtk_window_present (GTK_WINDOW (window));
  import_through_menu (window, file);
  dialog = wait_for_dialog ();
  g_assert_null (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_false (cm_import_dialog_is_updating (dialog));
  g_assert_cmpuint (cm_import_dialog_get_n_loaded (dialog), ==, 2);
  g_assert_cmpstr (read_as (dialog, 0), ==, "2021-03-01T09:30Z");
  zone = cm_test_find_row (GTK_WIDGET (dialog), "_Time zone of times without an offset");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (zone)), ==, "UTC");

  g_assert_false (cm_import_dialog_is_updating (dialog));
  gtk_editable_set_text (GTK_EDITABLE (zone), "Asia/Nowhere");
  g_assert_false (cm_import_dialog_is_updating (dialog));
  g_assert_true (gtk_widget_has_css_class (zone, "error"));
  g_signal_emit_by_name (zone, "apply");
  g_assert_false (cm_import_dialog_is_updating (dialog));

  gtk_editable_set_text (GTK_EDITABLE (zone), "Asia/Shanghai");
  g_assert_false (gtk_widget_has_css_class (zone, "error"));
  g_signal_emit_by_name (zone, "apply");
  wait_for_update (dialog);
  g_assert_cmpstr (read_as (dialog, 0), ==, "2021-03-01T01:30Z");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.accept", NULL));
  cm_test_wait_for_load (window);
  g_assert_cmpint (cm_dataset_get_announcement (cm_window_get_dataset (window), 0)->start, ==, 1614562200);
  memory = memory_text ();
  g_assert_nonnull (strstr (memory, "time-zone=Asia/Shanghai"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* A workbook's sheets are listed; another sheet is another table. */
static void
test_sheet (void)
{
  g_autofree char *path = cm_test_data_path ("spreadsheet", "events.ods", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
  CmImportDialog *dialog;
  GtkWidget *sheet;
  GListModel *sheets;

  gtk_window_present (GTK_WINDOW (window));
  import_through_menu (window, file);
  dialog = wait_for_dialog ();
  sheet = cm_test_find_row (GTK_WIDGET (dialog), "_Sheet");
  g_assert_true (shown (sheet));
  g_assert_false (shown (cm_test_find_row (GTK_WIDGET (dialog), "_Encoding")));
  sheets = adw_combo_row_get_model (ADW_COMBO_ROW (sheet));
  g_assert_cmpuint (g_list_model_get_n_items (sheets), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (sheets), 0), ==, "Announcements");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (sheets), 1), ==, "Years");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (sheet)), ==, 0);
  g_assert_cmpuint (cm_import_dialog_get_n_loaded (dialog), ==, 3);

  adw_combo_row_set_selected (ADW_COMBO_ROW (sheet), 1);
  wait_for_update (dialog);
  g_assert_cmpuint (cm_import_dialog_get_n_loaded (dialog), ==, 2);
  g_assert_cmpstr (read_as (dialog, 0), ==, "1880");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.accept", NULL));
  cm_test_wait_for_load (window);
  g_assert_cmpuint (cm_dataset_get_n_announcements (cm_window_get_dataset (window)), ==, 2);
  g_assert_cmpstr (cm_dataset_get_title (cm_window_get_dataset (window)), ==, "Years");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The command line's mapping (chronomap --date COL --date-format DMY
 * FILE): the file opens with it, without asking. */
static void
test_given_options (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-import-XXXXXX", NULL);
  g_autofree char *path = write_temp (dir, "given.csv",
                                      "observed,what\n03/04/2021,Opening\n05/06/2021,Second\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
  CmImportOptions options = { { NULL } };

  options.columns[CM_ROLE_DATE] = g_strdup ("observed");
  options.date_order = CM_DATE_ORDER_DMY;
  gtk_window_present (GTK_WINDOW (window));
  cm_window_open_file_with_options (window, file, &options);
  cm_test_wait_for_load (window);
  cm_test_iterate (50);
  g_assert_null (find_dialog ());
  g_assert_cmpuint (cm_dataset_get_n_announcements (cm_window_get_dataset (window)), ==, 2);
  g_assert_cmpint (cm_dataset_get_announcement (cm_window_get_dataset (window), 0)->start, ==, 1617408000); /* 2021-04-03 */
  cm_import_options_clear (&options);
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
  g_test_add_func ("/import-dialog/date-order", test_date_order);
  g_test_add_func ("/import-dialog/encoding", test_encoding);
  g_test_add_func ("/import-dialog/geojson", test_geojson);
  g_test_add_func ("/import-dialog/menu-zone", test_menu_zone);
  g_test_add_func ("/import-dialog/sheet", test_sheet);
  g_test_add_func ("/import-dialog/given-options", test_given_options);
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
