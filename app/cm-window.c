/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cm-announcement-columns.h"
#include "cm-details.h"
#include "cm-window-private.h"

#define SAMPLE_URI "resource:///io/github/chronomap/Chronomap/sample.json"

G_DEFINE_FINAL_TYPE (CmWindow, cm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_LOADING,
  PROP_LANES,
  PROP_MAP_COLOR,
  PROP_LABEL_LANGUAGE,
  PROP_MAP_PROJECTION,
  PROP_ADOPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_cm_window_notify_loading (CmWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
_cm_window_notify_dataset (CmWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}

/* The Date column follows the list's font --------------------------------- */

static gboolean
resize_date_column (gpointer user_data)
{
  CmWindow *self = user_data;

  self->resize_source = 0;
  cm_announcement_columns_fit_date (self->column_view, self->date_column);
  return G_SOURCE_REMOVE;
}

/* The list's font changes only when its style is next updated, which
 * GTK does before painting: measure after that. */
static void
font_changed (CmWindow *self)
{
  if (self->resize_source == 0)
    self->resize_source = g_idle_add_full (G_PRIORITY_LOW, resize_date_column, self, NULL);
}

/* Map and timeline -------------------------------------------------------- */

GSettings *
_cm_window_settings (CmWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return CM_IS_APPLICATION (app) ? cm_application_get_settings (CM_APPLICATION (app)) : NULL;
}


void
_cm_window_set_error (CmWindow   *self,
                      const char *text)
{
  gtk_label_set_text (self->error_label, text ? text : "");
  gtk_revealer_set_reveal_child (self->error_revealer, text != NULL);
}


CmLaneMode
_cm_window_lane_mode (CmWindow *self)
{
  return self->lanes;
}

typedef struct
{
  CmDataset *dataset;
} LabelData;

/* Tooltip and screen-reader text of a mark: the date as written, the
 * title and the place. Plain text: the widget never parses it as markup. */
static char *
mark_label (guint    mark,
            gpointer user_data)
{
  CmDataset *dataset = user_data;
  const CmAnnouncement *a;
  g_autofree char *title = NULL, *when = NULL, *note = NULL, *place = NULL;
  char *full;
  GString *s;

  if (mark >= cm_dataset_get_n_announcements (dataset))
    return NULL;
  a = cm_dataset_get_announcement (dataset, mark);
  when = cm_dataset_format_when (dataset, a);
  full = cm_dataset_dup_text (dataset, a->title);
  title = cm_text_shorten (full, TOOLTIP_FIELD_CHARS * 3 / 2);
  g_free (full);
  full = cm_dataset_dup_text (dataset, a->date_note);
  note = cm_text_shorten (full, TOOLTIP_FIELD_CHARS);
  g_free (full);
  full = cm_dataset_format_place (dataset, a->place);
  place = cm_text_shorten (full, TOOLTIP_FIELD_CHARS);
  g_free (full);
  s = g_string_new (when);
  if (note != NULL)
    g_string_append_printf (s, " (%s)", note);
  if (place != NULL)
    g_string_append_printf (s, " · %s", place);
  if (title != NULL)
    g_string_append_printf (s, "\n%s", title);
  return g_string_free (s, FALSE);
}

/* @prebuilt: an index of the current dataset in the current lane mode,
 * or NULL to build one. */
void
_cm_window_update_timeline (CmWindow        *self,
                            CmTimelineIndex *prebuilt)
{
  g_autoptr(CmTimelineIndex) index = NULL;

  if (self->dataset == NULL)
    return;
  index = prebuilt != NULL ? cm_timeline_index_ref (prebuilt)
                           : cm_view_data_timeline_index (self->dataset, _cm_window_lane_mode (self), NULL);
  cm_timeline_set_index (self->timeline, index);
  cm_timeline_set_label_func (self->timeline, mark_label, g_object_ref (self->dataset), g_object_unref);
  cm_timeline_set_title_func (self->timeline, cm_view_data_mark_title, g_object_ref (self->dataset), g_object_unref);
  cm_timeline_fit (self->timeline);
}

/* Lays the marks out in the current lane mode. A mark is the index of its
 * announcement in every mode, so what the user chose carries over: the
 * selection, the keyboard focus, the brush (which the index does not
 * touch) and the visible range. */
static void
relayout_timeline (CmWindow *self)
{
  g_autoptr(CmTimelineIndex) index = NULL;
  g_autoptr(GtkBitset) selection = NULL;
  int focus;
  double t0, t1, u0, u1;

  if (self->dataset == NULL)
    return;
  selection = gtk_bitset_copy (cm_timeline_get_selection (self->timeline));
  focus = cm_timeline_get_focus_mark (self->timeline);
  cm_timeline_get_visible_range (self->timeline, &t0, &t1);
  index = cm_view_data_timeline_index (self->dataset, _cm_window_lane_mode (self), NULL);

  /* The new index starts with no selection; the map and the list keep
   * theirs rather than follow that for a moment. */
  self->syncing = TRUE;
  cm_timeline_set_index (self->timeline, index);
  cm_timeline_set_selection (self->timeline, selection);
  self->syncing = FALSE;
  _cm_window_filter_apply_timeline (self);
  cm_timeline_set_focus_mark (self->timeline, focus);
  /* Focusing a mark the user had scrolled away from scrolls back to it. */
  cm_timeline_get_visible_range (self->timeline, &u0, &u1);
  if (u0 != t0 || u1 != t1)
    cm_timeline_set_visible_range (self->timeline, t0, t1);
}

/* @prebuilt: (transfer full) (nullable): map data of the current
 * dataset, base map and style, or NULL to build them. The window keeps
 * them: a filter shows a subset of their events. */
void
_cm_window_update_map (CmWindow  *self,
                       CmMapData *prebuilt)
{
  CmMapData *data;

  g_clear_pointer (&self->map_data, cm_map_data_free);
  if (self->dataset == NULL || self->basemap == NULL)
    {
      g_clear_pointer (&prebuilt, cm_map_data_free);
      return;
    }
  if (prebuilt == NULL)
    prebuilt = cm_map_data_new (self->dataset, self->basemap, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  data = self->map_data = prebuilt;
  /* As the export does: the map redraws when its painter's data change. */
  cm_map_data_apply (data, cm_map_get_painter (self->map));
  cm_map_set_unplaced (self->map, data->n_unplaced);
  /* New events: the painter counts them all until told otherwise. */
  self->map_keep_valid = FALSE;
  _cm_window_filter_apply_map (self);
  /* On open and reload the map frames every located announcement. */
  cm_map_fit_data (self->map);
  if (data->unmatched->len > 0)
    {
      /* A toast's title is markup: the place name must be escaped. */
      g_autofree char *shortened = cm_text_shorten (data->unmatched->pdata[0], TOOLTIP_FIELD_CHARS);
      g_autofree char *name = g_markup_escape_text (shortened, -1);
      g_autofree char *text = g_strdup_printf (_("The base map has no region for “%s”: its announcements are only on the timeline"),
                                               name);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
    }
}

/* Shows the announcements that pass a filter in a new list model. A new
 * model costs GTK 4.8's column view about 10 ms at a million rows, where
 * items-changed replacing every row of the old one costs 400 ms. */
void
_cm_window_show_list (CmWindow  *self,
                      gint64     start,
                      gint64     end,
                      GtkBitset *selected)
{
  if (self->list_held)
    {
      self->list_wanted = TRUE;
      return;
    }
  g_clear_object (&self->announcements);
  self->announcements = cm_announcement_list_new ();
  cm_announcement_list_set_sort (self->announcements, self->sort_key, self->sort_ascending);
  cm_announcement_list_set_dataset (self->announcements, self->dataset);
  cm_announcement_list_set_match (self->announcements, self->filter_match);
  cm_announcement_list_set_filter (self->announcements, start, end, selected);
  _cm_window_workspace_set_list (self);
  _cm_window_describe_list (self);
}

void
_cm_window_update_filters (CmWindow *self)
{
  gint64 start = CM_DATE_TIME_MIN, end = CM_DATE_TIME_MAX;
  GtkBitset *selected;

  if (cm_timeline_get_has_brush (self->timeline))
    {
      start = (gint64) floor (cm_timeline_get_brush_start (self->timeline));
      end = (gint64) ceil (cm_timeline_get_brush_end (self->timeline));
    }
  cm_map_set_time_start (self->map, start);
  cm_map_set_time_end (self->map, end);
  selected = cm_timeline_get_selection (self->timeline);
  if (!cm_timeline_get_has_brush (self->timeline))
    start = end = 0;
  if (self->list_wanted || !cm_announcement_list_filter_equals (self->announcements, start, end, selected))
    _cm_window_show_list (self, start, end, selected);
}

/* While a load swaps its data in, the filters, the brush and the
 * selection it keeps come back one by one, and each asked for a new list:
 * at 100k rows a new model costs GTK's column view a fifth of a second.
 * Held, the list is made once, for all of them. */
void
_cm_window_hold_list (CmWindow *self,
                      gboolean  hold)
{
  self->list_held = hold;
  if (hold)
    return;
  _cm_window_update_filters (self);
  self->list_wanted = FALSE;
}

static void
timeline_brush_changed (CmWindow *self)
{
  _cm_window_update_filters (self);
}

static void
timeline_playhead_changed (CmWindow *self)
{
  /* Played to its end, the playhead leaves: the map shows the range. */
  cm_map_set_playhead (self->map, cm_timeline_get_has_playhead (self->timeline)
                                  ? (gint64) cm_timeline_get_playhead (self->timeline) : CM_MAP_NO_PLAYHEAD);
  _cm_window_playhead_follow (self);
}

/* Selections travel as indices: a timeline's mark is its announcement, a
 * map's place is the dataset's place of that index (CmMapData). */
static void
timeline_selection_changed (CmWindow *self)
{
  GtkBitset *marks;
  g_autoptr(GtkBitset) places = NULL;
  g_autofree gboolean *seen = NULL;
  GtkBitsetIter iter;
  guint mark;

  if (self->syncing || self->dataset == NULL)
    return;
  marks = cm_timeline_get_selection (self->timeline);
  places = gtk_bitset_new_empty ();
  seen = g_new0 (gboolean, MAX (cm_dataset_get_n_places (self->dataset), 1));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, marks, &mark); ok; ok = gtk_bitset_iter_next (&iter, &mark))
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (self->dataset, mark);
      if (a->place >= 0 && !seen[a->place])
        {
          seen[a->place] = TRUE;
          gtk_bitset_add (places, a->place);
        }
    }
  self->syncing = TRUE;
  cm_map_set_selection (self->map, places);
  self->syncing = FALSE;
  _cm_window_update_filters (self);
  /* A mark clicked is the announcement shown in the details. */
  if (gtk_bitset_get_size (marks) == 1)
    _cm_window_set_current (self, (int) gtk_bitset_get_nth (marks, 0));
}

static void
map_selection_changed (CmWindow *self)
{
  g_autoptr(GtkBitset) places = NULL;
  g_autoptr(GtkBitset) marks = gtk_bitset_new_empty ();
  g_autofree gboolean *chosen = NULL;
  guint n_places, n, place;
  GtkBitsetIter iter;

  if (self->syncing || self->dataset == NULL)
    return;
  places = cm_map_get_selection (self->map);
  n_places = cm_dataset_get_n_places (self->dataset);
  chosen = g_new0 (gboolean, MAX (n_places, 1));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, places, &place); ok && place < n_places;
       ok = gtk_bitset_iter_next (&iter, &place))
    chosen[place] = TRUE;
  n = cm_dataset_get_n_announcements (self->dataset);
  for (guint i = 0; i < n; i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (self->dataset, i);
      if (a->place >= 0 && chosen[a->place])
        gtk_bitset_add (marks, i);
    }
  self->syncing = TRUE;
  cm_timeline_set_selection (self->timeline, marks);
  self->syncing = FALSE;
  _cm_window_update_filters (self);
}

/* Label language: on "auto" the UI language's, for the map and the
 * timeline alike. */
static void
apply_language (CmWindow *self)
{
  CmLabelLanguage language = cm_label_language_resolve (self->label_language);

  cm_map_set_language (self->map, language);
  cm_timeline_set_language (self->timeline, language);
  cm_adoption_chart_set_language (self->adoption_chart, language);
}

static void
mark_activated (CmTimeline *timeline,
                guint       mark,
                CmWindow   *self)
{
  _cm_window_set_current (self, (int) mark);
}

static void
style_changed (CmWindow *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  cm_map_set_dark (self->map, dark);
  cm_timeline_set_dark (self->timeline, dark);
  cm_adoption_chart_set_dark (self->adoption_chart, dark);
  _cm_window_update_map (self, NULL);
}

typedef struct
{
  CmWindow *self;
  char     *path;      /* NULL: the bundled base map */
  gboolean  remember;  /* in the settings, once it has loaded */
} BasemapLoad;

static void
basemap_load_free (BasemapLoad *load)
{
  g_object_unref (load->self);
  g_free (load->path);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BasemapLoad, basemap_load_free)

/* A base map of the user's that cannot be loaded (moved, deleted, not
 * GeoJSON) leaves the map as it was; at start-up, when there is none yet,
 * the bundled one replaces it rather than leaving the map blank. The
 * setting stays: the file may come back. */
static void
basemap_failed (CmWindow   *self,
                const char *path,
                GError     *error)
{
  g_autofree char *shortened = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (path == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Base map not loaded: %s"), error->message);

      _cm_window_set_error (self, message);
      return;
    }
  /* A toast's title is markup: the file's name and the reason are escaped. */
  shortened = cm_text_shorten (error->message, TOOLTIP_FIELD_CHARS * 2);
  reason = g_markup_escape_text (shortened, -1);
  if (self->basemap != NULL)
    text = g_strdup_printf (_("Base map not loaded: %s"), reason);
  else
    text = g_strdup_printf (_("Base map not loaded, showing the bundled one instead: %s"), reason);
  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, _("_Choose…"));
  adw_toast_set_action_name (toast, "win.choose-basemap");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  if (self->basemap == NULL)
    _cm_window_load_basemap (self, NULL, FALSE);
}

static void
basemap_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BasemapLoad) load = user_data;
  CmWindow *self = load->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmBasemap) basemap = cm_basemap_load_finish (result, &error);
  GSettings *s = _cm_window_settings (self);

  if (basemap == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        basemap_failed (self, load->path, error);
      return;
    }
  if (load->remember && s != NULL)
    g_settings_set_string (s, "basemap", load->path ? load->path : "");
  g_set_object (&self->basemap, basemap);
  cm_map_set_basemap (self->map, basemap);
  _cm_window_update_map (self, NULL);
  cm_map_fit_data (self->map);
}

/* @path: a GeoJSON file, or NULL or "" for the bundled base map. */
void
_cm_window_load_basemap (CmWindow   *self,
                         const char *path,
                         gboolean    remember)
{
  BasemapLoad *load;
  g_autofree char *bundled = NULL;

  if (path == NULL || *path == '\0')
    path = bundled = cm_view_data_default_basemap_path ();
  if (path == NULL)
    {
      _cm_window_set_error (self, _("The bundled base map is missing: choose one in View Options › Choose Base Map"));
      return;
    }
  if (self->basemap_cancellable)
    g_cancellable_cancel (self->basemap_cancellable);
  g_clear_object (&self->basemap_cancellable);
  self->basemap_cancellable = g_cancellable_new ();
  load = g_new0 (BasemapLoad, 1);
  load->self = g_object_ref (self);
  load->path = bundled == NULL ? g_strdup (path) : NULL;
  load->remember = remember;
  cm_basemap_load_async (path, self->basemap_cancellable, basemap_loaded, load);
}

/* Window state -------------------------------------------------------------- */

static gboolean
cm_window_close_request (GtkWindow *window)
{
  CmWindow *self = CM_WINDOW (window);
  GSettings *s = _cm_window_settings (self);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  if (s != NULL)
    {
      int width, height;
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (s, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (s, "window-width", CLAMP (width, 360, 10000));
          g_settings_set_int (s, "window-height", CLAMP (height, 360, 10000));
        }
    }
  return GTK_WINDOW_CLASS (cm_window_parent_class)->close_request (window);
}

/* The setting is in days of the dataset a second, the timeline's speed in
 * seconds a second. */
static gboolean
speed_from_setting (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_double (variant) * 86400.0);
  return TRUE;
}

static GVariant *
speed_to_setting (const GValue       *value,
                  const GVariantType *type,
                  gpointer            user_data)
{
  /* The key's range, narrower than the timeline's. */
  return g_variant_new_double (CLAMP (g_value_get_double (value) / 86400.0, 0.1, 36500.0));
}

static void
restore_state (CmWindow *self)
{
  GSettings *s = _cm_window_settings (self);
  g_autofree char *basemap = NULL;

  if (s == NULL)
    {
      _cm_window_load_basemap (self, NULL, FALSE);
      return;
    }
  /* GSettings has checked the values against the schema: one its backend
   * holds that is unparsable or out of range reads as the default. The
   * enum keys map to the enum properties through their nicks; not the
   * window's sensitivity to their writability. */
  g_settings_bind (s, "timeline-lanes", self, "lanes", G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY);
  g_settings_bind (s, "map-color", self, "map-color", G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY);
  g_settings_bind (s, "map-projection", self, "map-projection",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY);
  g_settings_bind (s, "label-language", self, "label-language",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY);
  g_settings_bind (s, "adoption-curve", self, "adoption", G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY);
  basemap = g_settings_get_string (s, "basemap");
  _cm_window_load_basemap (self, basemap, FALSE);
  /* Not the timeline's sensitivity to the key's writability: a locked
   * speed must not lock the timeline. */
  g_settings_bind_with_mapping (s, "playback-speed", self->timeline, "speed",
                                G_SETTINGS_BIND_GET | G_SETTINGS_BIND_SET | G_SETTINGS_BIND_NO_SENSITIVITY,
                                speed_from_setting, speed_to_setting, NULL, NULL);
  self->speed_action = g_settings_create_action (s, "playback-speed");
  g_action_map_add_action (G_ACTION_MAP (self), self->speed_action);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (s, "window-width"),
                               g_settings_get_int (s, "window-height"));
  if (g_settings_get_boolean (s, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/* GObject ------------------------------------------------------------------- */

static void
cm_window_dispose (GObject *object)
{
  CmWindow *self = CM_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_handle_id (&self->resize_source, g_source_remove);
  _cm_window_unwatch_file (self);
  _cm_window_tooltip_dispose (self);
  _cm_window_adoption_dispose (self);
  /* The settings outlive the window. GtkApplicationWindow passes on what
   * its action group says without holding the window, and the group may
   * outlive it: no change of the setting may reach the group from here. */
  if (self->speed_action != NULL)
    {
      g_action_map_remove_action (G_ACTION_MAP (self), "playback-speed");
      g_settings_unbind (self->timeline, "speed");
      g_clear_object (&self->speed_action);
    }
  /* Nor may a change of a setting reach a disposed window's views. */
  g_settings_unbind (self, "lanes");
  g_settings_unbind (self, "map-color");
  g_settings_unbind (self, "map-projection");
  g_settings_unbind (self, "label-language");
  g_settings_unbind (self, "adoption");
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->date_column);
  g_clear_weak_pointer (&self->current_dataset);
  g_clear_object (&self->toast_children);
  _cm_window_filter_dispose (self);
  if (self->sort_orders_clock != NULL)
    g_clear_signal_handler (&self->sort_orders_handler, self->sort_orders_clock);
  g_clear_weak_pointer (&self->sort_orders_clock);
  g_clear_object (&self->announcements);
  g_clear_object (&self->dataset);
  g_clear_object (&self->file);
  _cm_window_bench_dispose (self);
  g_clear_pointer (&self->problems, cm_diagnostics_free);
  if (self->basemap_cancellable)
    g_cancellable_cancel (self->basemap_cancellable);
  g_clear_object (&self->basemap_cancellable);
  g_clear_object (&self->basemap);

  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_WINDOW);

  G_OBJECT_CLASS (cm_window_parent_class)->dispose (object);
}

static void
cm_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CmWindow *self = CM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, cm_window_is_loading (self));
      break;
    case PROP_LANES:
      g_value_set_enum (value, self->lanes);
      break;
    case PROP_MAP_COLOR:
      g_value_set_enum (value, self->map_color);
      break;
    case PROP_LABEL_LANGUAGE:
      g_value_set_enum (value, self->label_language);
      break;
    case PROP_MAP_PROJECTION:
      g_value_set_enum (value, self->map_projection);
      break;
    case PROP_ADOPTION:
      g_value_set_enum (value, self->adoption);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CmWindow *self = CM_WINDOW (object);
  int v = g_value_get_enum (value);

  switch (prop_id)
    {
    case PROP_LANES:
      if ((int) self->lanes == v)
        return;
      self->lanes = v;
      relayout_timeline (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_MAP_COLOR:
      if ((int) self->map_color == v)
        return;
      self->map_color = v;
      cm_map_set_color_mode (self->map, self->map_color);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_LABEL_LANGUAGE:
      if ((int) self->label_language == v)
        return;
      self->label_language = v;
      apply_language (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_MAP_PROJECTION:
      if ((int) self->map_projection == v)
        return;
      self->map_projection = v;
      cm_map_painter_set_projection_mode (cm_map_get_painter (self->map), self->map_projection);
      /* Another projection, another frame: the data, as on open. */
      cm_map_fit_data (self->map);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_ADOPTION:
      if ((int) self->adoption == v)
        return;
      self->adoption = v;
      _cm_window_adoption_update (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cm_window_class_init (CmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cm_window_dispose;
  object_class->get_property = cm_window_get_property;
  object_class->set_property = cm_window_set_property;
  window_class->close_request = cm_window_close_request;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, CM_TYPE_DATASET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The settings bind to these, and win.lanes and win.map-color act on
   * them with the nicks as their state. */
  properties[PROP_LANES] =
    g_param_spec_enum ("lanes", NULL, NULL, CM_TYPE_LANE_MODE, CM_LANES_BY_CATEGORY,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAP_COLOR] =
    g_param_spec_enum ("map-color", NULL, NULL, CM_TYPE_MAP_COLOR, CM_MAP_COLOR_BY_CATEGORY,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LABEL_LANGUAGE] =
    g_param_spec_enum ("label-language", NULL, NULL, CM_TYPE_LABEL_LANGUAGE, CM_LABEL_LANGUAGE_AUTO,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAP_PROJECTION] =
    g_param_spec_enum ("map-projection", NULL, NULL, CM_TYPE_MAP_PROJECTION, CM_MAP_PROJECTION_AUTO,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ADOPTION] =
    g_param_spec_enum ("adoption", NULL, NULL, CM_TYPE_ADOPTION_MODE, CM_ADOPTION_PLACES,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CM_TYPE_MAP);
  g_type_ensure (CM_TYPE_TIMELINE);
  g_type_ensure (CM_TYPE_ADOPTION_CHART);
  g_type_ensure (CM_TYPE_DETAILS);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chronomap/Chronomap/ui/cm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, map);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, adoption_chart);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, search_count);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, category_button);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, category_box);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, all_categories_button);

  _cm_window_class_add_actions (widget_class);
  _cm_window_import_class_init (widget_class);
  _cm_window_workspace_class_init (widget_class);
  _cm_window_export_class_init (widget_class);

}

static void
cm_window_init (CmWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The properties' defaults, until the settings are bound. */
  apply_language (self);

  self->announcements = cm_announcement_list_new ();
  self->date_column = cm_announcement_columns_add (self->column_view);
  _cm_window_workspace_init (self);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-font-name",
                           G_CALLBACK (font_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-xft-dpi",
                           G_CALLBACK (font_changed), self, G_CONNECT_SWAPPED);

  g_object_bind_property (self->play_button, "active", self->timeline, "playing",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  _cm_window_filter_init (self);
  g_signal_connect_swapped (self->timeline, "notify::has-brush", G_CALLBACK (timeline_brush_changed), self);
  g_signal_connect_swapped (self->timeline, "notify::brush-start", G_CALLBACK (timeline_brush_changed), self);
  g_signal_connect_swapped (self->timeline, "notify::brush-end", G_CALLBACK (timeline_brush_changed), self);
  g_signal_connect_swapped (self->timeline, "notify::playhead", G_CALLBACK (timeline_playhead_changed), self);
  g_signal_connect_swapped (self->timeline, "selection-changed", G_CALLBACK (timeline_selection_changed), self);
  g_signal_connect_swapped (self->map, "selection-changed", G_CALLBACK (map_selection_changed), self);
  g_signal_connect (self->timeline, "mark-activated", G_CALLBACK (mark_activated), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed), self, G_CONNECT_SWAPPED);
  style_changed (self);

  _cm_window_a11y_init (self);
  _cm_window_tooltip_init (self);
  self->adoption = CM_ADOPTION_PLACES;
  _cm_window_adoption_init (self);
  _cm_window_export_init (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (_cm_window_drop_file), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  _cm_window_update_view (self);
}

CmWindow *
cm_window_new (CmApplication *application)
{
  CmWindow *self = g_object_new (CM_TYPE_WINDOW, "application", application, NULL);

  restore_state (self);
  return self;
}

void
cm_window_open_file (CmWindow *self,
                     GFile    *file)
{
  g_return_if_fail (CM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!_cm_window_bench_open (self, file))
    _cm_window_start_load (self, file);
}

void
cm_window_open_file_with_options (CmWindow              *self,
                                  GFile                 *file,
                                  const CmImportOptions *options)
{
  g_return_if_fail (CM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (options != NULL);

  _cm_window_start_import (self, file, options, FALSE);
}

void
cm_window_open_sample (CmWindow *self)
{
  g_autoptr(GFile) file = g_file_new_for_uri (SAMPLE_URI);

  g_return_if_fail (CM_IS_WINDOW (self));
  _cm_window_start_load (self, file);
}

CmDataset *
cm_window_get_dataset (CmWindow *self)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);
  return self->dataset;
}

gboolean
cm_window_is_loading (CmWindow *self)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), FALSE);
  return self->cancellable != NULL;
}

const char *
cm_window_get_error (CmWindow *self)
{
  g_return_val_if_fail (CM_IS_WINDOW (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->error_revealer))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

void
cm_window_set_basemap_path (CmWindow   *self,
                            const char *path)
{
  g_return_if_fail (CM_IS_WINDOW (self));
  _cm_window_load_basemap (self, path, FALSE);
}
