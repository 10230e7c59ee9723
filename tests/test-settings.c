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
  g_assert_cmpstr (cm_basemap_get_display_name (cm_map_get_basemap (map)), ==, "world.geojson");
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
  CmLaneMode lanes;
  CmMapColor color;
  CmLabelLanguage language;
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
  g_object_get (window, "lanes", &lanes, "map-color", &color, "label-language", &language, NULL);
  g_assert_cmpint (lanes, ==, CM_LANES_BY_CATEGORY);
  g_assert_cmpint (color, ==, CM_MAP_COLOR_BY_CATEGORY);
  g_assert_cmpint (language, ==, CM_LABEL_LANGUAGE_AUTO);
  /* Auto, in the C locale of the tests: English. */
  g_assert_cmpint (cm_map_get_language (map), ==, CM_LABEL_LANGUAGE_ENGLISH);
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

/* The nick of @property, an enum property of @object. */
static char *
property_nick (gpointer    object,
               const char *property)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_auto(GValue) value = G_VALUE_INIT;
  GEnumValue *v;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (G_OBJECT (object), property, &value);
  v = g_enum_get_value (g_type_class_peek (pspec->value_type), g_value_get_enum (&value));
  return g_strdup (v ? v->value_nick : NULL);
}

/* Activates every item of @model (and its sections) whose action is
 * @action, with the item's own target, as a click in the menu would; the
 * setting @key and the window's property @property must then hold that
 * target. Returns how many items there were. */
static guint
activate_menu_items (CmWindow   *window,
                     GMenuModel *model,
                     const char *action,
                     const char *key,
                     const char *property)
{
  GSettings *s = cm_application_get_settings (app);
  guint n = 0;

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GVariant) name = g_menu_model_get_item_attribute_value (model, i, "action", G_VARIANT_TYPE_STRING);
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (model, i, "target", NULL);
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        n += activate_menu_items (window, section, action, key, property);
      if (name == NULL || g_strcmp0 (g_variant_get_string (name, NULL), action) != 0)
        continue;
      g_assert_nonnull (target);
      g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, target));
      {
        g_autofree char *nick = property_nick (window, property);

        g_assert_true (setting_is (s, key, g_variant_get_string (target, NULL)));
        g_assert_cmpstr (nick, ==, g_variant_get_string (target, NULL));
      }
      n++;
    }
  return n;
}

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GVariant) name = g_menu_model_get_item_attribute_value (model, i, "action", G_VARIANT_TYPE_STRING);
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if ((name != NULL && g_strcmp0 (g_variant_get_string (name, NULL), action) == 0)
          || (section != NULL && menu_has_action (section, action)))
        return TRUE;
    }
  return FALSE;
}

/* The menu of a menu button under @root with an item for @action. */
static GMenuModel *
find_menu (GtkWidget  *root,
           const char *action)
{
  GMenuModel *model;

  if (GTK_IS_MENU_BUTTON (root))
    {
      model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root));
      if (model != NULL && menu_has_action (model, action))
        return model;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    if ((model = find_menu (c, action)) != NULL)
      return model;
  return NULL;
}

/* The enum settings bind to the window's enum properties through the
 * schema's nicks, both ways, and the View menu's targets are those nicks. */
static void
test_enum_bindings (void)
{
  GSettings *s = cm_application_get_settings (app);
  CmWindow *window = cm_window_new (app);
  CmMap *map = CM_MAP (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_MAP));
  GMenuModel *view_menu = NULL;
  guint n;

  view_menu = find_menu (GTK_WIDGET (window), "win.lanes");
  g_assert_nonnull (view_menu);
  n = activate_menu_items (window, view_menu, "win.lanes", "timeline-lanes", "lanes");
  g_assert_cmpuint (n, ==, 3);
  n = activate_menu_items (window, view_menu, "win.map-color", "map-color", "map-color");
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (cm_map_get_color_mode (map), ==, CM_MAP_COLOR_BY_FIRST_DATE);
  /* The projection: every choice of View Options reaches the map. */
  n = activate_menu_items (window, view_menu, "win.map-projection", "map-projection", "map-projection");
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (cm_map_painter_get_projection_mode (cm_map_get_painter (map)), ==, CM_MAP_PROJECTION_MERCATOR);
  g_settings_set_string (s, "map-projection", "equal-earth");
  g_assert_cmpint (cm_map_painter_get_projection_mode (cm_map_get_painter (map)), ==, CM_MAP_PROJECTION_EQUAL_EARTH);
  g_settings_set_string (s, "map-projection", "auto");
  g_assert_cmpint (cm_map_painter_get_projection_mode (cm_map_get_painter (map)), ==, CM_MAP_PROJECTION_AUTO);

  /* From the settings to the window and its views. */
  g_settings_set_string (s, "timeline-lanes", "single");
  g_settings_set_string (s, "map-color", "category");
  g_settings_set_string (s, "label-language", "local");
  {
    g_autofree char *lanes = property_nick (window, "lanes");
    g_autofree char *color = property_nick (window, "map-color");
    g_autofree char *language = property_nick (window, "label-language");

    g_assert_cmpstr (lanes, ==, "single");
    g_assert_cmpstr (color, ==, "category");
    g_assert_cmpstr (language, ==, "local");
  }
  g_assert_cmpint (cm_map_get_color_mode (map), ==, CM_MAP_COLOR_BY_CATEGORY);
  g_assert_cmpint (cm_map_get_language (map), ==, CM_LABEL_LANGUAGE_LOCAL);
  g_settings_set_string (s, "label-language", "english");
  g_assert_cmpint (cm_map_get_language (map), ==, CM_LABEL_LANGUAGE_ENGLISH);

  /* From the window to the settings. */
  g_object_set (window, "lanes", CM_LANES_BY_PLACE, "label-language", CM_LABEL_LANGUAGE_LOCAL, NULL);
  g_assert_true (setting_is (s, "timeline-lanes", "by-place"));
  g_assert_true (setting_is (s, "label-language", "local"));

  close_windows ();
  g_settings_reset (s, "timeline-lanes");
  g_settings_reset (s, "map-color");
  g_settings_reset (s, "map-projection");
  g_settings_reset (s, "label-language");
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
  g_test_add_func ("/settings/enum-bindings", test_enum_bindings);
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
