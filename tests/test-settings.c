/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "cm-application.h"
#include "cm-config.h"
#include "cm-map.h"
#include "cm-timeline.h"
#include "cm-window.h"
#include "cm-test-window.h"

/* The settings as a user's broken or hand-edited keyfile might hold them:
 * unparsable, out of range, unknown enum nicks, a base map that is gone.
 * GSettings must read each as its default. */
#define GARBAGE \
  "[io/github/chronomap/Chronomap]\n" \
  "window-width='wide'\n" \
  "window-height=99999\n" \
  "window-maximized=maybe\n" \
  "timeline-lanes='by-colour'\n" \
  "map-color=7\n" \
  "label-language='klingon'\n" \
  "playback-speed=-5.0\n" \
  "last-dataset='/nonexistent/chronomap/last.json'\n" \
  "basemap='/nonexistent/chronomap/basemap.geojson'\n"

static char *config_dir;
static CmApplication *app;

static gboolean
has_label (GtkWidget  *root,
           const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (has_label (c, needle))
      return TRUE;
  return FALSE;
}

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Until the map shows the bundled base map, and a toast says that the
 * chosen one could not be loaded. */
static void
wait_for_bundled_basemap (CmWindow *window)
{
  CmMap *map = CM_MAP (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_MAP));
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  /* Wakes the loop up to check the deadline when nothing else happens. */
  guint tick = g_timeout_add (100, wake_up, NULL);

  while ((cm_map_get_basemap (map) == NULL || !has_label (GTK_WIDGET (window), "Base map not loaded"))
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_nonnull (cm_map_get_basemap (map));
  g_assert_cmpstr (cm_basemap_get_display_name (cm_map_get_basemap (map)), ==, "china.geojson");
  g_assert_true (has_label (GTK_WIDGET (window), "showing the bundled one"));
  /* A toast, not the error band: the dataset is fine. */
  g_assert_null (cm_window_get_error (window));
}

/* Whether string key @key of @s holds @value. */
static gboolean
setting_is (GSettings  *s,
            const char *key,
            const char *value)
{
  g_autofree char *now = g_settings_get_string (s, key);

  if (g_strcmp0 (now, value) != 0)
    g_test_message ("%s is '%s', not '%s'", key, now, value);
  return g_strcmp0 (now, value) == 0;
}

static void
close_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
}

/* The only window, once the application has made one. */
static CmWindow *
app_window (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  g_assert_nonnull (windows);
  g_assert_null (windows->next);
  g_assert_true (CM_IS_WINDOW (windows->data));
  return windows->data;
}

/* Started with no file and garbage settings: defaults everywhere, the
 * sample (the last dataset is gone) and the bundled base map. */
static void
test_garbage (void)
{
  GSettings *s = cm_application_get_settings (app);
  CmWindow *window;
  CmTimeline *timeline;
  CmMap *map;
  g_autofree char *lanes = NULL;
  g_autofree char *color = NULL;
  int width, height;

  g_assert_nonnull (s);
  /* The keyfile is the one read: its valid values come through. */
  g_assert_true (setting_is (s, "last-dataset", "/nonexistent/chronomap/last.json"));
  g_assert_cmpint (g_settings_get_int (s, "window-width"), ==, 1280);
  g_assert_cmpint (g_settings_get_int (s, "window-height"), ==, 880);
  g_assert_true (setting_is (s, "timeline-lanes", "by-category"));
  g_assert_true (setting_is (s, "map-color", "category"));
  g_assert_true (setting_is (s, "label-language", "auto"));
  g_assert_false (g_settings_get_boolean (s, "window-maximized"));
  g_assert_cmpfloat (g_settings_get_double (s, "playback-speed"), ==, 30.0);

  g_application_activate (G_APPLICATION (app));
  window = app_window ();
  timeline = CM_TIMELINE (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_TIMELINE));
  map = CM_MAP (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_MAP));
  cm_test_wait_for_load (window);

  g_assert_nonnull (cm_window_get_dataset (window));
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (cm_test_find_widget (GTK_WIDGET (window),
                                                                                 ADW_TYPE_WINDOW_TITLE))),
                   ==, "Sample dataset");
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1280);
  g_assert_cmpint (height, ==, 880);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));
  g_object_get (window, "lanes", &lanes, "map-color", &color, NULL);
  g_assert_cmpstr (lanes, ==, "by-category");
  g_assert_cmpstr (color, ==, "category");
  g_assert_cmpstr (cm_map_get_language (map), ==, "en");
  g_assert_cmpfloat (cm_timeline_get_speed (timeline), ==, 30.0 * 86400.0);
  wait_for_bundled_basemap (window);

  close_windows ();
}

/* A base map that is not GeoJSON falls back the same way. */
static void
test_basemap_not_geojson (void)
{
  GSettings *s = cm_application_get_settings (app);
  g_autofree char *path = g_build_filename (config_dir, "not-geojson.geojson", NULL);
  CmWindow *window;

  g_assert_true (g_file_set_contents (path, "{\"type\": \"Topology\", \"objects\": {}}", -1, NULL));
  g_settings_set_string (s, "basemap", path);
  window = cm_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_bundled_basemap (window);
  /* The setting stays for when the file is fixed or back. */
  g_assert_true (setting_is (s, "basemap", path));

  close_windows ();
  g_settings_reset (s, "basemap");
  g_unlink (path);
}

/* A file opened is reopened by a start without one; the sample is not
 * remembered over it. */
static void
test_last_dataset (void)
{
  GSettings *s = cm_application_get_settings (app);
  g_autofree char *path = g_build_filename (config_dir, "last.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmWindow *window;

  g_assert_true (g_file_set_contents (path, "{\"title\": \"Last one\", \"announcements\": []}", -1, NULL));
  window = cm_window_new (app);
  cm_window_open_file (window, file);
  cm_test_wait_for_load (window);
  g_assert_true (setting_is (s, "last-dataset", path));
  cm_window_open_sample (window);
  cm_test_wait_for_load (window);
  g_assert_true (setting_is (s, "last-dataset", path));
  close_windows ();

  g_application_activate (G_APPLICATION (app));
  window = app_window ();
  cm_test_wait_for_load (window);
  g_assert_cmpstr (cm_dataset_get_title (cm_window_get_dataset (window)), ==, "Last one");
  close_windows ();

  /* Gone: the sample again. */
  g_unlink (path);
  g_application_activate (G_APPLICATION (app));
  window = app_window ();
  cm_test_wait_for_load (window);
  g_assert_cmpstr (cm_dataset_get_title (cm_window_get_dataset (window)), !=, "Last one");
  g_assert_null (cm_window_get_error (window));
  close_windows ();
}

/* The playback speed setting drives the timeline, through the View
 * menu's action too. */
static void
test_playback_speed (void)
{
  GSettings *s = cm_application_get_settings (app);
  CmWindow *window = cm_window_new (app);
  CmTimeline *timeline = CM_TIMELINE (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_TIMELINE));
  g_autoptr(GVariant) state = NULL;

  g_settings_set_double (s, "playback-speed", 365.0);
  g_assert_cmpfloat (cm_timeline_get_speed (timeline), ==, 365.0 * 86400.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.playback-speed", "d", 7.0));
  g_assert_cmpfloat (g_settings_get_double (s, "playback-speed"), ==, 7.0);
  g_assert_cmpfloat (cm_timeline_get_speed (timeline), ==, 7.0 * 86400.0);
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "playback-speed");
  g_assert_cmpfloat (g_variant_get_double (state), ==, 7.0);

  close_windows ();
  g_settings_reset (s, "playback-speed");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *settings_dir = NULL;
  g_autofree char *keyfile = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* Before anything reads the user's directories: GLib reads them once. */
  config_dir = g_dir_make_tmp ("cm-settings-XXXXXX", NULL);
  settings_dir = g_build_filename (config_dir, "glib-2.0", "settings", NULL);
  keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, GARBAGE, -1, NULL));
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  /* Nothing to be unique against: no session bus needed. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = cm_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  /* Windows come and go; the application stays for all the tests. */
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/settings/garbage", test_garbage);
  g_test_add_func ("/settings/basemap-not-geojson", test_basemap_not_geojson);
  g_test_add_func ("/settings/last-dataset", test_last_dataset);
  g_test_add_func ("/settings/playback-speed", test_playback_speed);
  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  g_unlink (keyfile);
  g_rmdir (settings_dir);
  {
    g_autofree char *glib_dir = g_path_get_dirname (settings_dir);
    g_rmdir (glib_dir);
  }
  g_rmdir (config_dir);
  g_clear_pointer (&config_dir, g_free);
  return status;
}
