/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>

#include "cm-application.h"
#include "cm-cli-mapping.h"
#include "cm-preferences.h"
#include "cm-renderer.h"
#include "cm-window.h"

struct _CmApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *basemap;   /* --basemap, for this run only */
  CmCliMapping    mapping;   /* --date COL… for the files opened, as validate takes them */
};

G_DEFINE_FINAL_TYPE (CmApplication, cm_application, ADW_TYPE_APPLICATION)

static CmWindow *
new_window (CmApplication *self)
{
  CmWindow *window = cm_window_new (self);

  if (self->basemap != NULL)
    cm_window_set_basemap_path (window, self->basemap);
  return window;
}

static int
cm_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CmApplication *self = CM_APPLICATION (app);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (!cm_cli_mapping_check (&self->mapping, &error))
    {
      g_printerr ("chronomap: %s\n", error->message);
      return 2;
    }
  if (g_variant_dict_lookup (options, "basemap", "^ay", &path))
    {
      /* Relative to where the command was typed, not to the app's cwd. */
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
      g_free (self->basemap);
      self->basemap = g_file_get_path (file);
    }
  return -1;
}

/* The dataset opened last, if it is still there. */
static GFile *
last_dataset (CmApplication *self)
{
  g_autofree char *path = NULL;

  if (self->settings == NULL)
    return NULL;
  path = g_settings_get_string (self->settings, "last-dataset");
  /* Only what the window stores: an absolute path to a file. */
  if (!g_path_is_absolute (path) || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_file_new_for_path (path);
}

static void
cm_application_activate (GApplication *app)
{
  CmApplication *self = CM_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      CmWindow *win = new_window (self);
      g_autoptr(GFile) last = last_dataset (self);

      if (last != NULL)
        cm_window_open_file (win, last);
      else
        cm_window_open_sample (win);
      window = GTK_WINDOW (win);
    }
  gtk_window_present (window);
}

static void
cm_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CmApplication *self = CM_APPLICATION (app);
  const CmImportOptions *mapping = cm_cli_mapping_options (&self->mapping);

  for (int i = 0; i < n_files; i++)
    {
      CmWindow *win = new_window (self);

      if (mapping != NULL)
        cm_window_open_file_with_options (win, files[i], mapping);
      else
        cm_window_open_file (win, files[i]);
      gtk_window_present (GTK_WINDOW (win));
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { "Chronomap developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", "Chronomap",
                         "application-icon", APP_ID,
                         "developer-name", "Chronomap developers",
                         "version", PACKAGE_VERSION,
                         "comments", _("Dated announcements on a linked map and timeline"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: your names, one a line, shown in About. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (cm_preferences_new (parent, self->settings)));
}

/* The style key's nicks to libadwaita's colour schemes. */
static gboolean
style_to_scheme (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  if (g_str_equal (nick, "light"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (nick, "dark"))
    g_value_set_enum (value, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    g_value_set_enum (value, ADW_COLOR_SCHEME_DEFAULT);
  return TRUE;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Close windows so each saves its state, then the app ends by itself. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
cm_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *reload_accels[] = { "<Control>r", "F5", NULL };
  static const char *find_accels[] = { "<Control>f", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  CmApplication *self = CM_APPLICATION (app);

  /* GtkApplication's start-up opens the display, or says it cannot and
   * exits. Nothing may try it before: a failed gtk_init_check() leaves GTK
   * marked as initialised without a display, and libadwaita's start-up
   * then asked for the icon theme of no display (a critical). */
  G_APPLICATION_CLASS (cm_application_parent_class)->startup (app);
  /* Before the first window is made: GTK reads the renderer once. */
  cm_renderer_avoid_software_gl ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.reload", reload_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.find", find_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  if (self->settings != NULL)
    g_settings_bind_with_mapping (self->settings, "style", adw_style_manager_get_default (), "color-scheme",
                                  G_SETTINGS_BIND_GET, style_to_scheme, NULL, NULL, NULL);
}

static void
cm_application_dispose (GObject *object)
{
  CmApplication *self = CM_APPLICATION (object);

  if (self->settings != NULL)
    g_settings_unbind (adw_style_manager_get_default (), "color-scheme");
  g_clear_object (&self->settings);
  g_clear_pointer (&self->basemap, g_free);
  cm_cli_mapping_clear (&self->mapping);

  G_OBJECT_CLASS (cm_application_parent_class)->dispose (object);
}

static void
cm_application_class_init (CmApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cm_application_dispose;
  app_class->activate = cm_application_activate;
  app_class->open = cm_application_open;
  app_class->startup = cm_application_startup;
  app_class->handle_local_options = cm_application_handle_local_options;
}

static void
cm_application_init (CmApplication *self)
{
  static const GOptionEntry options[] = {
    { "basemap", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("GeoJSON file of polygons to draw under the map instead of the bundled base map"), N_("FILE") },
    { NULL }
  };
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  else
    g_debug ("GSettings schema %s not found; window state will not be kept", APP_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_add_option_group (G_APPLICATION (self), cm_cli_mapping_group (&self->mapping, FALSE));
  g_application_set_option_context_parameter_string (G_APPLICATION (self), "[FILE…]");
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Show dated announcements on a linked map and timeline.\n\n"
                                              "Tables (CSV, spreadsheets, GIS files) open with the columns the mapping\n"
                                              "options name (--help-mapping); the others are found, or chosen in the\n"
                                              "Import dialog.\n\n"
                                              "Subcommands that need no display:\n"
                                              "  chronomap validate FILE…\n"
                                              "  chronomap export FILE --view map|timeline -o OUT.png|svg|pdf"));
}

CmApplication *
cm_application_new (void)
{
  return g_object_new (CM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/chronomap/Chronomap",
                       NULL);
}

GSettings *
cm_application_get_settings (CmApplication *self)
{
  g_return_val_if_fail (CM_IS_APPLICATION (self), NULL);
  return self->settings;
}

void
cm_init_translations (void)
{
  const char *dir = g_getenv ("CHRONOMAP_LOCALEDIR");

  /* The installed translations, or the build's: tools/run, meson devenv
   * and the tests point CHRONOMAP_LOCALEDIR at the build's po/. */
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : CM_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* GLib decides on its first g_dgettext() whether to translate at all,
   * from what gettext ("") gives then. Decide it here: the first call may
   * come from the gazetteer, which looks names up in the C locale on its
   * thread, and would turn translations off for good. */
  (void) g_dgettext (GETTEXT_PACKAGE, "");
}
