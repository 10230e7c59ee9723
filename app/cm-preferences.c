/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>

#include "cm-preferences.h"

/* Preferences (Ctrl+,): the style and the labels' language. Each row is
 * bound to its settings key; the rows list the key's nicks in order. */

struct _CmPreferences
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *style_row;
  AdwComboRow          *language_row;
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (CmPreferences, cm_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const style_nicks[] = { "default", "light", "dark", NULL };
static const char * const language_nicks[] = { "auto", "english", "local", NULL };

static gboolean
nick_to_row (GValue   *value,
             GVariant *variant,
             gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
row_to_nick (const GValue       *value,
             const GVariantType *type,
             gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint i = g_value_get_uint (value);

  if (i >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[i]);
}

static void
bind_row (CmPreferences      *self,
          const char         *key,
          AdwComboRow        *row,
          const char * const *nicks)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_row, row_to_nick, (gpointer) nicks, NULL);
}

static void
cm_preferences_dispose (GObject *object)
{
  CmPreferences *self = CM_PREFERENCES (object);

  if (self->settings != NULL)
    {
      g_settings_unbind (self->style_row, "selected");
      g_settings_unbind (self->language_row, "selected");
    }
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_PREFERENCES);
  G_OBJECT_CLASS (cm_preferences_parent_class)->dispose (object);
}

static void
cm_preferences_class_init (CmPreferencesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cm_preferences_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chronomap/Chronomap/ui/cm-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, CmPreferences, style_row);
  gtk_widget_class_bind_template_child (widget_class, CmPreferences, language_row);
}

static void
cm_preferences_init (CmPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cm_preferences_new (GtkWindow *parent,
                    GSettings *settings)
{
  CmPreferences *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CM_TYPE_PREFERENCES, "transient-for", parent, "modal", parent != NULL, NULL);
  /* Without the schema (a run without it installed) the rows show the
   * defaults and cannot be changed. */
  if (settings == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->style_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->language_row), FALSE);
      return GTK_WIDGET (self);
    }
  self->settings = g_object_ref (settings);
  bind_row (self, "style", self->style_row, style_nicks);
  bind_row (self, "label-language", self->language_row, language_nicks);
  return GTK_WIDGET (self);
}
