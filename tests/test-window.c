/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "cm-details.h"
#include "cm-loader.h"
#include "cm-window.h"

static void
wait_for_load (CmWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (cm_window_is_loading (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cm_window_is_loading (window));
}

static void
test_open_then_bad_file (void)
{
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
  g_autofree char *dir = g_dir_make_tmp ("cm-window-XXXXXX", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  CmDataset *sample;

  gtk_window_present (GTK_WINDOW (window));
  cm_window_open_sample (window);
  g_assert_true (cm_window_is_loading (window));
  wait_for_load (window);

  sample = cm_window_get_dataset (window);
  g_assert_nonnull (sample);
  g_assert_cmpuint (cm_dataset_get_n_announcements (sample), >=, 9);
  g_assert_null (cm_window_get_error (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, cm_dataset_get_title (sample));

  /* A file with a bad date: the error shows, the sample stays. */
  g_assert_true (g_file_set_contents (bad_path,
                                      "{\"title\": \"<b>x</b>\", \"announcements\": [{\"id\": \"a\", \"date\": \"2022-02-30\"}]}",
                                      -1, NULL));
  cm_window_open_file (window, bad);
  wait_for_load (window);
  g_assert_true (cm_window_get_dataset (window) == sample);
  g_assert_nonnull (cm_window_get_error (window));
  g_assert_nonnull (strstr (cm_window_get_error (window), "not a valid dataset"));
  g_assert_nonnull (strstr (cm_window_get_error (window), "kept"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, cm_dataset_get_title (sample));

  /* A good file replaces it and clears the error. */
  g_assert_true (g_file_set_contents (bad_path,
                                      "{\"title\": \"<b>x</b> & y\", \"announcements\": []}", -1, NULL));
  cm_window_open_file (window, bad);
  wait_for_load (window);
  g_assert_true (cm_window_get_dataset (window) != sample);
  g_assert_null (cm_window_get_error (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "<b>x</b> & y");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (bad_path);
  g_rmdir (dir);
}

static void
test_cancel (void)
{
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);

  cm_window_open_sample (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL));
  wait_for_load (window);
  /* Cancelled before or after the loader finished: never an error band. */
  g_assert_null (cm_window_get_error (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
collect (GtkWidget *widget,
         guint     *buttons,
         GString   *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && g_object_get_data (G_OBJECT (child), "url") != NULL)
        (*buttons)++;
      if (GTK_IS_LABEL (child))
        {
          g_assert_false (gtk_label_get_use_markup (GTK_LABEL (child)));
          g_string_append_printf (labels, "%s\n", gtk_label_get_text (GTK_LABEL (child)));
        }
      collect (child, buttons, labels);
    }
}

static void
test_details (void)
{
  const char *json =
    "{\"title\": \"T\", \"places\": [{\"id\": \"p\", \"name\": \"<b>P</b>\", \"lat\": 1, \"lon\": 2}],"
    " \"categories\": [{\"id\": \"c\", \"label\": \"C & D\", \"color\": \"#000000\"}],"
    " \"sources\": [{\"id\": \"web\", \"title\": \"Web\", \"url\": \"https://example.org/a\"},"
    "  {\"id\": \"js\", \"title\": \"Script\", \"url\": \"javascript:alert(1)\"},"
    "  {\"id\": \"file\", \"title\": \"Local\", \"url\": \"file:///etc/passwd\"}],"
    " \"announcements\": [{\"id\": \"a\", \"date\": \"2021-11\", \"date_note\": \"mid-November 2021\","
    " \"place\": \"p\", \"category\": \"c\", \"title\": \"<span size='99999999'>big</span>\","
    " \"actors\": [\"A <i>\"], \"sources\": [\"web\", \"js\", \"file\"]}]}";
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(CmDataset) ds = cm_loader_load_bytes (bytes, "t.json", NULL, NULL, NULL, NULL, NULL);
  g_autoptr(GString) labels = g_string_new (NULL);
  GtkWidget *details;
  guint buttons = 0;

  g_assert_nonnull (ds);
  details = cm_details_new (NULL, ds, 0);
  collect (details, &buttons, labels);
  /* Only the https source is a link; the others are shown, not opened. */
  g_assert_cmpuint (buttons, ==, 1);
  g_assert_nonnull (strstr (labels->str, "javascript:alert(1) (not opened"));
  g_assert_nonnull (strstr (labels->str, "file:///etc/passwd (not opened"));
  /* Dataset text is shown literally. */
  g_assert_nonnull (strstr (labels->str, "<span size='99999999'>big</span>"));
  g_assert_nonnull (strstr (labels->str, "<b>P</b>"));
  g_assert_nonnull (strstr (labels->str, "A <i>"));
  g_assert_nonnull (strstr (labels->str, "Nov 2021 (2021-11)\nmid-November 2021\n"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (details)), ==, "<span size='99999999'>big</span>");
  gtk_window_destroy (GTK_WINDOW (details));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/open-then-bad-file", test_open_then_bad_file);
  g_test_add_func ("/window/cancel", test_cancel);
  g_test_add_func ("/window/details", test_details);

  return g_test_run ();
}
