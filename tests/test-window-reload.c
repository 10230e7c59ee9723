/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "cm-map.h"
#include "cm-timeline.h"
#include "cm-window.h"
#include "cm-test-window.h"

/* Live reload: the window watches its file, and a save replaces the data
 * (keeping the view) or, when the file is broken, keeps the data with a
 * band naming the first error. Saves are real writes to a temporary
 * directory, seen through GFileMonitor. */

#define GOOD_1 \
  "{\"title\": \"One\",\n" \
  " \"places\": [{\"id\": \"p\", \"name\": \"P\", \"lat\": 30, \"lon\": 114}],\n" \
  " \"categories\": [{\"id\": \"x\", \"label\": \"X\", \"color\": \"#0072B2\"}, {\"id\": \"y\", \"label\": \"Y\", \"color\": \"#D55E00\"}],\n" \
  " \"announcements\": [\n" \
  "  {\"id\": \"a\", \"date\": \"2021-01-05\", \"place\": \"p\", \"category\": \"x\", \"title\": \"Alpha\"},\n" \
  "  {\"id\": \"b\", \"date\": \"2021-06\", \"place\": \"p\", \"category\": \"y\", \"title\": \"Beta\"},\n" \
  "  {\"id\": \"c\", \"date\": \"2022-03-01\", \"category\": \"x\", \"title\": \"Gamma\"}]}\n"

/* A new first announcement: every index moves by one. */
#define GOOD_2 \
  "{\"title\": \"Two\",\n" \
  " \"places\": [{\"id\": \"p\", \"name\": \"P\", \"lat\": 30, \"lon\": 114}],\n" \
  " \"categories\": [{\"id\": \"x\", \"label\": \"X\", \"color\": \"#0072B2\"}, {\"id\": \"y\", \"label\": \"Y\", \"color\": \"#D55E00\"}],\n" \
  " \"announcements\": [\n" \
  "  {\"id\": \"z\", \"date\": \"2020-12-01\", \"place\": \"p\", \"category\": \"x\", \"title\": \"Zeta\"},\n" \
  "  {\"id\": \"a\", \"date\": \"2021-01-05\", \"place\": \"p\", \"category\": \"x\", \"title\": \"Alpha\"},\n" \
  "  {\"id\": \"b\", \"date\": \"2021-06\", \"place\": \"p\", \"category\": \"y\", \"title\": \"Beta, revised\"},\n" \
  "  {\"id\": \"c\", \"date\": \"2022-03-01\", \"category\": \"x\", \"title\": \"Gamma\"}]}\n"

/* February 2022 has 28 days: line 6, column 23 is the date's value. */
#define BAD \
  "{\"title\": \"Bad\",\n" \
  " \"places\": [{\"id\": \"p\", \"name\": \"P\", \"lat\": 30, \"lon\": 114}],\n" \
  " \"categories\": [{\"id\": \"x\", \"label\": \"X\", \"color\": \"#0072B2\"}],\n" \
  " \"announcements\": [\n" \
  "  {\"id\": \"a\", \"date\": \"2021-01-05\", \"category\": \"x\", \"title\": \"Alpha\"},\n" \
  "  {\"id\": \"b\", \"date\": \"2022-02-30\", \"category\": \"x\", \"title\": \"Beta\"}]}\n"

/* Runs the main loop until @done holds, 10 s at most. */
#define WAIT_UNTIL(done) \
  G_STMT_START { \
    gint64 deadline_ = g_get_monotonic_time () + 10 * G_USEC_PER_SEC; \
    while (!(done) && g_get_monotonic_time () < deadline_) \
      g_main_context_iteration (NULL, FALSE); \
    g_assert_true (done); \
  } G_STMT_END

static void
save (const char *path,
      const char *text)
{
  g_autoptr(GError) error = NULL;

  /* g_file_set_contents writes a temporary file and renames it over the
   * old one, as most editors do. */
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

/* A save in place: the same inode truncated and written, as `cat >` or
 * an editor that keeps hard links does. */
static void
save_in_place (const char *path,
               const char *text)
{
  FILE *f = fopen (path, "w");

  g_assert_nonnull (f);
  g_assert_cmpint (fputs (text, f), >=, 0);
  g_assert_cmpint (fclose (f), ==, 0);
}

static gboolean
revealers_still (GtkWidget *widget)
{
  if (GTK_IS_REVEALER (widget)
      && gtk_revealer_get_child_revealed (GTK_REVEALER (widget)) != gtk_revealer_get_reveal_child (GTK_REVEALER (widget)))
    return FALSE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (!revealers_still (c))
      return FALSE;
  return TRUE;
}

/* A zoom level is a scale relative to the map's fit, which follows the
 * map's size: under load a search bar or a band still sliding in when
 * the zoom is read changes what the same view reads as. Waits until no
 * revealer moves and the map kept its size over a few frames. */
static void
wait_layout_settled (CmWindow *window,
                     CmMap    *map)
{
  int width = -1, height = -1;
  guint same = 0;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  WAIT_UNTIL (revealers_still (GTK_WIDGET (window)));
  while (same < 3 && g_get_monotonic_time () < deadline)
    {
      cm_test_iterate (30);
      if (gtk_widget_get_width (GTK_WIDGET (map)) == width && gtk_widget_get_height (GTK_WIDGET (map)) == height)
        same++;
      else
        same = 0;
      width = gtk_widget_get_width (GTK_WIDGET (map));
      height = gtk_widget_get_height (GTK_WIDGET (map));
    }
  g_assert_cmpuint (same, ==, 3);
}

static CmWindow *
open_window (const char *path)
{
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  cm_window_open_file (window, file);
  cm_test_wait_for_load (window);
  g_assert_null (cm_window_get_error (window));
  return window;
}

static CmTimeline *
timeline_of (CmWindow *window)
{
  return CM_TIMELINE (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_TIMELINE));
}

static guint
n_announcements (CmWindow *window)
{
  return cm_dataset_get_n_announcements (cm_window_get_dataset (window));
}

/* Rows in the announcement list: what the filters let through. */
static guint
n_listed (CmWindow *window)
{
  GtkWidget *view = cm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view))));
}

static void
count_model (guint *n)
{
  (*n)++;
}

static void
test_reload_good_bad_fixed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-reload-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "live.json", NULL);
  CmWindow *window;
  CmTimeline *timeline;
  CmMap *map;
  CmDataset *before;
  g_autoptr(GtkBitset) selection = gtk_bitset_new_empty ();
  GtkBitset *now;
  GtkEditable *search;
  double t0, t1, u0, u1, zoom;
  const char *error;
  guint models;

  save (path, GOOD_1);
  window = open_window (path);
  timeline = timeline_of (window);
  map = CM_MAP (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_MAP));
  g_assert_cmpuint (n_announcements (window), ==, 3);
  cm_test_iterate (100);

  /* What the user made of the view: "b" selected, a brush, a zoom. */
  gtk_bitset_add (selection, cm_dataset_find_announcement (cm_window_get_dataset (window), "b"));
  cm_timeline_set_selection (timeline, selection);
  cm_timeline_set_brush (timeline, 1609459200.0 /* 2021-01-01 */, 1640995200.0 /* 2022-01-01 */);
  cm_timeline_get_visible_range (timeline, &t0, &t1);
  cm_timeline_set_visible_range (timeline, t0 + (t1 - t0) / 4, t1 - (t1 - t0) / 4);
  cm_timeline_get_visible_range (timeline, &t0, &t1);
  cm_map_set_zoom (map, cm_map_get_zoom (map) + 1);
  /* And a search ("Beta, revised" in the save). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  search = GTK_EDITABLE (cm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY));
  gtk_editable_set_text (search, "beta");
  WAIT_UNTIL (n_listed (window) == 1);
  wait_layout_settled (window, map);
  zoom = cm_map_get_zoom (map);

  /* A good save: the new data, the same view, and one new list for it
   * (the search, brush and selection kept do not each make one). */
  before = cm_window_get_dataset (window);
  models = 0;
  g_signal_connect_swapped (cm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW), "notify::model",
                            G_CALLBACK (count_model), &models);
  save (path, GOOD_2);
  WAIT_UNTIL (cm_window_get_dataset (window) != before && !cm_window_is_loading (window));
  g_assert_cmpuint (models, ==, 1);
  g_signal_handlers_disconnect_by_data (cm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW), &models);
  g_assert_cmpuint (n_announcements (window), ==, 4);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Two");
  now = cm_timeline_get_selection (timeline);
  g_assert_cmpuint (gtk_bitset_get_size (now), ==, 1);
  /* By id: "b" moved from index 1 to 2. */
  g_assert_true (gtk_bitset_contains (now, cm_dataset_find_announcement (cm_window_get_dataset (window), "b")));
  g_assert_cmpint (cm_dataset_find_announcement (cm_window_get_dataset (window), "b"), ==, 2);
  g_assert_true (cm_timeline_get_has_brush (timeline));
  g_assert_cmpfloat_with_epsilon (cm_timeline_get_brush_start (timeline), 1609459200.0, 1.0);
  g_assert_cmpfloat_with_epsilon (cm_timeline_get_brush_end (timeline), 1640995200.0, 1.0);
  cm_timeline_get_visible_range (timeline, &u0, &u1);
  g_assert_cmpfloat_with_epsilon (u0, t0, 1.0);
  g_assert_cmpfloat_with_epsilon (u1, t1, 1.0);
  wait_layout_settled (window, map);
  g_assert_cmpfloat_with_epsilon (cm_map_get_zoom (map), zoom, 1e-6);
  g_assert_null (cm_window_get_error (window));
  /* The search holds on the new data at once, not after a new index. */
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "beta");
  g_assert_cmpuint (n_listed (window), ==, 1);

  /* A bad save: the data stays, the band names the first error where it
   * is, and stays until the file is fixed. */
  before = cm_window_get_dataset (window);
  save (path, BAD);
  WAIT_UNTIL (cm_window_get_error (window) != NULL && !cm_window_is_loading (window));
  error = cm_window_get_error (window);
  g_test_message ("band: %s", error);
  g_assert_nonnull (strstr (error, "live.json:6:23: /announcements/1/date: error: "));
  g_assert_true (g_str_has_prefix (error, "Not reloaded: live.json:6:23:"));
  g_assert_nonnull (strstr (error, "last good version"));
  g_assert_true (cm_window_get_dataset (window) == before);
  g_assert_cmpuint (n_announcements (window), ==, 4);
  g_assert_true (gtk_widget_get_mapped (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_MAP)));
  g_assert_cmpuint (gtk_bitset_get_size (cm_timeline_get_selection (timeline)), ==, 1);
  cm_test_iterate (500);
  g_assert_nonnull (cm_window_get_error (window));

  /* Fixed, in place this time: the band goes, the new data comes. */
  save_in_place (path, GOOD_1);
  WAIT_UNTIL (cm_window_get_dataset (window) != before && !cm_window_is_loading (window));
  g_assert_null (cm_window_get_error (window));
  g_assert_cmpuint (n_announcements (window), ==, 3);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "One");
  now = cm_timeline_get_selection (timeline);
  g_assert_true (gtk_bitset_contains (now, cm_dataset_find_announcement (cm_window_get_dataset (window), "b")));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* Another file in the directory changing is no reason to reload. */
static void
test_reload_ignores_neighbours (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-reload-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "live.json", NULL);
  g_autofree char *other = g_build_filename (dir, "other.json", NULL);
  CmWindow *window;
  CmDataset *before;

  save (path, GOOD_1);
  window = open_window (path);
  before = cm_window_get_dataset (window);
  save (other, GOOD_2);
  save_in_place (other, BAD);
  cm_test_iterate (800);
  g_assert_true (cm_window_get_dataset (window) == before);
  g_assert_false (cm_window_is_loading (window));
  g_assert_null (cm_window_get_error (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (other);
  g_unlink (path);
  g_rmdir (dir);
}

/* win.reload (Ctrl+R, F5) reads the file again, monitor or not. */
static void
test_reload_action (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-reload-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "live.json", NULL);
  CmWindow *window;
  CmDataset *before;

  save (path, GOOD_1);
  window = open_window (path);
  before = cm_window_get_dataset (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL));
  g_assert_true (cm_window_is_loading (window));
  cm_test_wait_for_load (window);
  g_assert_true (cm_window_get_dataset (window) != before);
  g_assert_cmpuint (n_announcements (window), ==, 3);
  g_assert_null (cm_window_get_error (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

/* 100,000 announcements over 200 places, written here: the reload's time
 * from the end of the save to the new data in the window, printed (tests
 * never assert on time; the issue asks for 0.5 s or less). */
static char *
big_dataset (guint n,
             guint variant)
{
  GString *s = g_string_new ("{\"title\": \"Big\", \"places\": [\n");

  for (guint p = 0; p < 200; p++)
    g_string_append_printf (s, "%s{\"id\": \"p%u\", \"name\": \"Place %u\", \"lat\": %.3f, \"lon\": %.3f}\n",
                            p ? "," : "", p, p, 22.0 + (p % 20), 100.0 + (p / 10));
  g_string_append (s, "], \"categories\": [{\"id\": \"x\", \"label\": \"X\", \"color\": \"#0072B2\"}, {\"id\": \"y\", \"label\": \"Y\", \"color\": \"#D55E00\"}],\n"
                      "\"announcements\": [\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"id\": \"a%u\", \"date\": \"%04u-%02u-%02u\", \"place\": \"p%u\", "
                               "\"category\": \"%s\", \"title\": \"Announcement %u v%u\"}\n",
                            i ? "," : "", i, 2000 + (i * 7) % 24, 1 + i % 12, 1 + i % 28, (i * 13) % 200,
                            i % 3 ? "x" : "y", i, variant);
  g_string_append (s, "]}\n");
  return g_string_free (s, FALSE);
}

static void
test_reload_100k (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-reload-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.json", NULL);
  g_autofree char *v1 = big_dataset (100000, 1);
  g_autofree char *v2 = big_dataset (100000, 2);
  g_autoptr(GtkBitset) selection = gtk_bitset_new_empty ();
  CmWindow *window;
  CmTimeline *timeline;
  CmDataset *before;
  gint64 saved, swapped;

  save (path, v1);
  window = open_window (path);
  timeline = timeline_of (window);
  cm_test_iterate (200);
  gtk_bitset_add (selection, 4242);
  cm_timeline_set_selection (timeline, selection);

  before = cm_window_get_dataset (window);
  save (path, v2);
  saved = g_get_monotonic_time ();
  WAIT_UNTIL (cm_window_get_dataset (window) != before);
  swapped = g_get_monotonic_time ();
  g_test_message ("live reload of 100k: swapped in %.3f s after the save", (swapped - saved) / 1e6);
  g_test_minimized_result ((swapped - saved) / 1e6, "live reload of 100k announcements: %.3f s",
                           (swapped - saved) / 1e6);
  g_assert_cmpuint (n_announcements (window), ==, 100000);
  g_assert_true (gtk_bitset_contains (cm_timeline_get_selection (timeline), 4242));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/reload/good-bad-fixed", test_reload_good_bad_fixed);
  g_test_add_func ("/window/reload/ignores-neighbours", test_reload_ignores_neighbours);
  g_test_add_func ("/window/reload/action", test_reload_action);
  g_test_add_func ("/window/reload/100k", test_reload_100k);
  return g_test_run ();
}
