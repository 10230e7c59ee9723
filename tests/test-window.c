/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>

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

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/open-then-bad-file", test_open_then_bad_file);
  g_test_add_func ("/window/cancel", test_cancel);

  return g_test_run ();
}
