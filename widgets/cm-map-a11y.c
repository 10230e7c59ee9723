/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The widget test compiles this file with its own domain on the command line. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "chronomap-map"

#include "cm-config.h"

#include <glib/gi18n-lib.h>

#include "cm-map-focus.h"
#include "cm-map-private.h"
#include "cm-text.h"
#include "cm-time-ticks.h"

/* The map for the keyboard and for screen readers. It is one Tab stop;
 * Ctrl+arrows move a focus ring between the markers in reading order,
 * Space and Return select, and the accessible description says what the
 * map shows: "Map: 7 places, 10 announcements, Jan 2022 – Apr 2023; Hebi
 * selected", after the focused marker when there is one. GTK 4.8 has no
 * call to announce a change: a screen reader reads the focused widget's
 * description when it changes, as it does the timeline's. */

/* Rows of reading order, in screen units: markers whose centres are
 * closer in height than this read left to right. */
#define READING_ROW 40.0
/* Views, filters and the playhead change many times a second while they
 * move: the description follows once they rest. */
#define DESCRIBE_DELAY_MS 400

static char *
place_names (CmMap *self,
             guint  place)
{
  g_autofree char *name = cm_text_shorten (cm_map_painter_get_place_name (self->painter, place,
                                                                          CM_LABEL_LANGUAGE_ENGLISH), 60);
  g_autofree char *local = cm_text_shorten (cm_map_painter_get_place_name (self->painter, place,
                                                                           CM_LABEL_LANGUAGE_LOCAL), 40);

  if (name == NULL)
    name = cm_text_shorten (cm_map_painter_get_place_id (self->painter, place), 60);
  if (name == NULL)
    name = g_strdup_printf (_("Place %u"), place + 1);
  if (local != NULL && g_strcmp0 (local, name) != 0)
    return g_strdup_printf ("%s (%s)", name, local);
  return g_steal_pointer (&name);
}

static char *
format_month (CmTimeLocale *locale,
              gint64        t)
{
  return cm_time_locale_format (locale, CM_TIME_FORMAT_MONTH_YEAR, t);
}

static void
append_selection (CmMap   *self,
                  GString *out)
{
  g_autoptr(GArray) selected = _cm_map_current_selection (self);

  if (selected->len == 0)
    return;
  if (selected->len == 1)
    {
      g_autofree char *name = place_names (self, g_array_index (selected, guint, 0));

      g_string_append_printf (out, _("; %s selected"), name);
    }
  else
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "; %u place selected", "; %u places selected",
                                              selected->len), selected->len);
}

static void
append_summary (CmMap        *self,
                CmTimeLocale *locale,
                GString      *out)
{
  CmMapSummary s;

  /* No places at all (no dataset yet, or no base map to place it on) is
   * not the same as none in the time range. */
  if (cm_map_painter_get_n_places (self->painter) == 0)
    {
      g_string_append (out, _("Map: no places to show"));
      return;
    }
  cm_map_painter_get_summary (self->painter, &s);
  if (s.n_places == 0)
    {
      g_string_append (out, _("Map: no announcements in the time range"));
      append_selection (self, out);
      return;
    }
  {
    guint n = (guint) MIN (s.n_announcements, G_MAXUINT);
    g_autofree char *places = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u place", "%u places", s.n_places),
                                               s.n_places);
    g_autofree char *announcements = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u announcement",
                                                                   "%u announcements", n), n);

    /* Translators: "Map: 7 places, 10 announcements". */
    g_string_append_printf (out, _("Map: %s, %s"), places, announcements);
  }
  {
    g_autofree char *first = format_month (locale, s.first);
    g_autofree char *last = format_month (locale, s.last);

    if (g_strcmp0 (first, last) == 0)
      g_string_append_printf (out, _(", %s"), first);
    else
      g_string_append_printf (out, _(", %s – %s"), first, last);
  }
  if (s.n_in_view < s.n_located)
    g_string_append_printf (out, _("; %u in view"), s.n_in_view);
  append_selection (self, out);
}

/* "Place 2 of 5: Hebi (鹤壁市), 3 announcements from 14 Apr 2023, selected" */
static void
append_focus (CmMap        *self,
              CmTimeLocale *locale,
              GString      *out)
{
  int place = cm_map_painter_get_focus_place (self->painter);
  g_autoptr(GArray) order = NULL;
  g_autofree char *names = NULL;
  g_autofree char *date = NULL;
  CmMapHit marker;
  gint64 first = 0, last = 0;
  guint32 n;
  guint rank = 0;

  if (place < 0 || !cm_map_painter_find_place_marker (self->painter, (guint) place, &marker))
    return;
  order = cm_map_painter_get_reading_order (self->painter, READING_ROW);
  for (guint i = 0; i < order->len; i++)
    if (g_array_index (order, CmMapHit, i).cluster == marker.cluster)
      rank = i + 1;
  names = place_names (self, marker.place);
  if (rank > 0)
    g_string_append_printf (out, _("Place %u of %u: "), rank, order->len);
  if (marker.kind == CM_MAP_HIT_CLUSTER)
    {
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%s and %u more place", "%s and %u more places",
                                                marker.n_places - 1), names, marker.n_places - 1);
      n = marker.count;
    }
  else
    {
      n = cm_map_painter_get_place_span (self->painter, marker.place, &first, &last);
      g_string_append (out, names);
    }
  g_string_append (out, _(", "));
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u announcement", "%u announcements", n), n);
  if (marker.kind != CM_MAP_HIT_CLUSTER && n > 0)
    {
      date = cm_time_locale_format (locale, CM_TIME_FORMAT_DATE, first);
      g_string_append_printf (out, _(", first %s"), date);
    }
  if (cm_map_painter_is_selected (self->painter, marker.place))
    g_string_append (out, _(", selected"));
  g_string_append (out, _(". "));
}

void
_cm_map_update_description (CmMap *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  CmTimeLocale *locale;

  g_clear_handle_id (&self->describe_id, g_source_remove);
  if (self->painter == NULL)
    return;
  /* The interface's language, as the list's dates: "2022年1月" in zh_CN. */
  locale = cm_time_locale_new (NULL);
  append_focus (self, locale, text);
  append_summary (self, locale, text);
  cm_time_locale_free (locale);
  /* Unchanged, it is not set again: a screen reader reads every change. */
  if (g_strcmp0 (text->str, self->description) == 0)
    return;
  g_free (self->description);
  self->description = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description, -1);
}

static gboolean
describe_cb (gpointer data)
{
  CmMap *self = data;

  self->describe_id = 0;
  _cm_map_update_description (self);
  return G_SOURCE_REMOVE;
}

static void
describe_later (CmMap *self)
{
  g_clear_handle_id (&self->describe_id, g_source_remove);
  self->describe_id = g_timeout_add (DESCRIBE_DELAY_MS, describe_cb, self);
}

/* Keyboard ---------------------------------------------------------------- */

/* Moves the focus ring @delta markers on in reading order; from none, to
 * the first (or last) marker in view. */
void
_cm_map_move_focus (CmMap *self,
                    int    delta)
{
  g_autoptr(GArray) order = cm_map_painter_get_reading_order (self->painter, READING_ROW);
  int place = cm_map_painter_get_focus_place (self->painter);
  CmMapHit marker;
  int at = -1, next;

  if (order->len == 0)
    {
      cm_map_painter_set_focus_place (self->painter, -1);
      _cm_map_update_description (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  if (place >= 0 && cm_map_painter_find_place_marker (self->painter, (guint) place, &marker))
    for (guint i = 0; i < order->len; i++)
      if (g_array_index (order, CmMapHit, i).cluster == marker.cluster)
        at = (int) i;
  if (at < 0)
    next = delta > 0 ? 0 : (int) order->len - 1;
  else
    next = CLAMP (at + delta, 0, (int) order->len - 1);
  cm_map_painter_set_focus_place (self->painter, (int) g_array_index (order, CmMapHit, next).place);
  _cm_map_update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The places of the focused marker: all of a cluster's. */
static GArray *
focused_places (CmMap *self)
{
  int place = cm_map_painter_get_focus_place (self->painter);
  CmMapHit marker;

  if (place < 0 || !cm_map_painter_find_place_marker (self->painter, (guint) place, &marker))
    return NULL;
  return cm_map_painter_get_hit_places (self->painter, &marker);
}

/* @toggle: the focused marker's places join the selection, or leave it
 * when they are all in it; else they become the selection. */
static void
select_focus (CmMap    *self,
              gboolean  toggle)
{
  g_autoptr(GArray) places = focused_places (self);
  g_autoptr(GArray) selection = NULL;
  gboolean all_in = TRUE;

  if (places == NULL)
    return;
  for (guint i = 0; i < places->len; i++)
    all_in &= cm_map_painter_is_selected (self->painter, g_array_index (places, guint, i));
  if (!toggle)
    selection = g_array_ref (places);
  else
    {
      selection = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint p = 0; p < cm_map_painter_get_n_places (self->painter); p++)
        {
          gboolean in_marker = FALSE;

          for (guint i = 0; i < places->len && !in_marker; i++)
            in_marker = g_array_index (places, guint, i) == p;
          if (in_marker ? !all_in : cm_map_painter_is_selected (self->painter, p))
            g_array_append_val (selection, p);
        }
    }
  _cm_map_set_selection (self, selection);
  _cm_map_update_description (self);
}

static void
focus_next_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  _cm_map_move_focus (CM_MAP (widget), 1);
}

static void
focus_previous_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  _cm_map_move_focus (CM_MAP (widget), -1);
}

static void
select_focus_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  select_focus (CM_MAP (widget), TRUE);
}

static void
activate_focus_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  select_focus (CM_MAP (widget), FALSE);
}

/* The ring shows only while the map has the keyboard focus. */
static void
focus_changed (CmMap *self)
{
  if (gtk_widget_has_focus (GTK_WIDGET (self)))
    cm_map_painter_set_focus_place (self->painter, self->saved_focus);
  else
    {
      self->saved_focus = cm_map_painter_get_focus_place (self->painter);
      cm_map_painter_set_focus_place (self->painter, -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _cm_map_update_description (self);
}

void
_cm_map_init_a11y (CmMap *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->saved_focus = -1;
  g_signal_connect_swapped (focus, "notify::is-focus", G_CALLBACK (focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect_object (self->painter, "data-changed", G_CALLBACK (describe_later), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->painter, "selection-changed", G_CALLBACK (describe_later), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::zoom", G_CALLBACK (describe_later), NULL);
  g_signal_connect (self, "notify::center-longitude", G_CALLBACK (describe_later), NULL);
  g_signal_connect (self, "notify::center-latitude", G_CALLBACK (describe_later), NULL);
  g_signal_connect (self, "notify::time-start", G_CALLBACK (describe_later), NULL);
  g_signal_connect (self, "notify::time-end", G_CALLBACK (describe_later), NULL);
  g_signal_connect (self, "notify::playhead", G_CALLBACK (describe_later), NULL);
  _cm_map_update_description (self);
}

void
_cm_map_dispose_a11y (CmMap *self)
{
  g_clear_handle_id (&self->describe_id, g_source_remove);
  g_clear_pointer (&self->description, g_free);
}

void
_cm_map_class_init_a11y (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.focus-next", NULL, focus_next_action);
  gtk_widget_class_install_action (widget_class, "map.focus-previous", NULL, focus_previous_action);
  gtk_widget_class_install_action (widget_class, "map.select-focus", NULL, select_focus_action);
  gtk_widget_class_install_action (widget_class, "map.activate-focus", NULL, activate_focus_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_CONTROL_MASK, "map.focus-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_CONTROL_MASK, "map.focus-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_CONTROL_MASK, "map.focus-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_CONTROL_MASK, "map.focus-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "map.select-focus", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "map.activate-focus", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "map.activate-focus", NULL);
}
