/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cm-announcement-item.h"
#include "cm-announcement-list.h"
#include "cm-details.h"
#include "cm-loader.h"
#include "cm-map.h"
#include "cm-timeline.h"
#include "cm-view-data.h"
#include "cm-window.h"

#define SAMPLE_URI "resource:///io/github/chronomap/Chronomap/sample.json"
#define MAX_SHOWN_PROBLEMS 500
/* Dataset text in a tooltip is cut here: GTK cannot draw one as wide as
 * a 10,000-character title, and nobody could read it. A tooltip with a
 * line break is not wrapped, so each field of a mark's is shorter. */
#define TOOLTIP_MAX_CHARS 200
#define TOOLTIP_FIELD_CHARS 80
/* As wide as a date of the list usually gets: a span of days, in wide
 * digits and months. Dates are formatted the same in every locale. */
#define DATE_COLUMN_SAMPLE "28 May 2022 – 28 Nov 2023"
/* Adwaita pads a cell by 6 px on each side; a little more for themes
 * that pad more, and for rounding. */
#define CELL_PADDING 18

typedef void (*FileChosenFunc) (CmWindow *self,
                                GFile    *file);

struct _CmWindow
{
  AdwApplicationWindow  parent_instance;

  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *date_column;
  CmMap                *map;
  CmTimeline           *timeline;
  GtkToggleButton      *play_button;

  CmBasemap            *basemap;
  GCancellable         *basemap_cancellable;
  GAction              *speed_action;  /* of the playback-speed setting */
  GtkNativeDialog      *chooser;       /* the file chooser shown, if any */
  FileChosenFunc        chosen;        /* what to do with its file */
  char                 *lanes;         /* "by-category", "by-place", "single" */
  char                 *map_colour;    /* "category", "first-date" */
  gboolean              syncing;       /* a selection is being mirrored */

  CmAnnouncementList   *announcements;
  CmDataset            *dataset;
  GFile                *file;
  CmDiagnostics        *problems;      /* of the last load, good or bad */

  GCancellable         *cancellable;   /* of the load under way */
  gint64                load_started;  /* monotonic µs, for tools/bench */
  gulong                bench_handler;
  GFile                *bench_file;
  guint                 progress_source;
  guint                 resize_source; /* of the Date column, after a font change */
  gint                  progress_permille;  /* written by the loading thread */
};

G_DEFINE_FINAL_TYPE (CmWindow, cm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_LOADING,
  PROP_LANES,
  PROP_MAP_COLOUR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GFile         *file;
  char          *name;
  CmDataset     *dataset;
  CmDiagnostics *diagnostics;
  GError        *error;

  /* The views' data, built on the loading thread as well, for the lane
   * mode and base map current when the load started: at a million
   * announcements the timeline index alone takes 0.4 s. */
  CmLaneMode       lanes;
  CmBasemap       *basemap;
  gboolean         dark;
  CmTimelineIndex *index;
  CmMapData       *map_data;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->file);
  g_free (job->name);
  g_clear_object (&job->dataset);
  g_clear_pointer (&job->diagnostics, cm_diagnostics_free);
  g_clear_error (&job->error);
  g_clear_object (&job->basemap);
  g_clear_pointer (&job->index, cm_timeline_index_unref);
  g_clear_pointer (&job->map_data, cm_map_data_free);
  g_free (job);
}

static char *
display_name (GFile *file)
{
  if (g_file_has_uri_scheme (file, "resource"))
    return g_strdup (_("Sample dataset"));
  return g_file_get_basename (file);
}

/* Column cells ------------------------------------------------------------ */

typedef enum
{
  COLUMN_WHEN,
  COLUMN_PLACE,
  COLUMN_TITLE,
} Column;

static const char *
column_text (CmAnnouncementItem *item,
             Column              column)
{
  switch (column)
    {
    case COLUMN_WHEN:
      return cm_announcement_item_get_when (item);
    case COLUMN_PLACE:
      return cm_announcement_item_get_place (item);
    case COLUMN_TITLE:
    default:
      return cm_announcement_item_get_title (item);
    }
}

/* The whole text of a cut-off cell, built when asked for: setting a
 * tooltip on every bind costs an X round trip per cell (GTK re-queries
 * the pointer), about 100 ms a screenful under Xvfb. */
static gboolean
query_label_tooltip (GtkWidget  *label,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  g_autofree char *text = NULL;

  if (!pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
    return FALSE;
  text = cm_text_shorten (gtk_label_get_text (GTK_LABEL (label)), TOOLTIP_MAX_CHARS);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* One line a row, whatever newlines the dataset put in its text. */
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_label_tooltip), NULL);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  const char *text = column_text (gtk_list_item_get_item (list_item), GPOINTER_TO_INT (user_data));
  GtkWidget *label = gtk_list_item_get_child (list_item);

  /* Dataset text is set as plain text, never as markup. */
  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  guint32 rgb = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "rgb"));
  double r = MIN (width, height) / 2.0;

  cairo_arc (cr, width / 2.0, height / 2.0, r, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
  cairo_fill (cr);
}

static void
setup_category (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 10);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 10);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, NULL, NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_category (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  CmAnnouncementItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *swatch = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (swatch);

  g_object_set_data (G_OBJECT (swatch), "rgb", GUINT_TO_POINTER (cm_announcement_item_get_color (item)));
  gtk_widget_queue_draw (swatch);
  gtk_label_set_text (GTK_LABEL (label), cm_announcement_item_get_category (item));
}

/* Returns a reference to the column, which the column view also holds. */
static GtkColumnViewColumn *
add_column (CmWindow   *self,
            const char *title,
            gboolean    expand,
            int         width,
            GCallback   setup,
            GCallback   bind,
            gpointer    data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", setup, data);
  g_signal_connect (factory, "bind", bind, data);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_append_column (self->column_view, column);
  return column;
}

/* Sizes the Date column for a span of days, the longest date the list
 * usually shows; a longer one (with times of day) is ellipsized, and its
 * tooltip has it whole. Measured in the list's font, so that it follows
 * the font and text scaling, which change it by tens of pixels. */
static void
size_date_column (CmWindow *self)
{
  g_autoptr(PangoLayout) layout = NULL;
  int width;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->column_view), DATE_COLUMN_SAMPLE);
  pango_layout_get_pixel_size (layout, &width, NULL);
  gtk_column_view_column_set_fixed_width (self->date_column, width + CELL_PADDING);
}

static gboolean
resize_date_column (gpointer user_data)
{
  CmWindow *self = user_data;

  self->resize_source = 0;
  size_date_column (self);
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

static GSettings *
settings (CmWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return CM_IS_APPLICATION (app) ? cm_application_get_settings (CM_APPLICATION (app)) : NULL;
}


static void
set_error (CmWindow   *self,
           const char *text)
{
  gtk_label_set_text (self->error_label, text ? text : "");
  gtk_revealer_set_reveal_child (self->error_revealer, text != NULL);
}


static CmLaneMode
lane_mode (CmWindow *self)
{
  if (g_strcmp0 (self->lanes, "by-place") == 0)
    return CM_LANES_BY_PLACE;
  if (g_strcmp0 (self->lanes, "single") == 0)
    return CM_LANES_SINGLE;
  return CM_LANES_BY_CATEGORY;
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
static void
update_timeline (CmWindow        *self,
                 CmTimelineIndex *prebuilt)
{
  g_autoptr(CmTimelineIndex) index = NULL;

  if (self->dataset == NULL)
    return;
  index = prebuilt != NULL ? cm_timeline_index_ref (prebuilt)
                           : cm_view_data_timeline_index (self->dataset, lane_mode (self), NULL);
  cm_timeline_set_index (self->timeline, index);
  cm_timeline_set_label_func (self->timeline, mark_label, g_object_ref (self->dataset), g_object_unref);
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
  index = cm_view_data_timeline_index (self->dataset, lane_mode (self), NULL);

  /* The new index starts with no selection; the map and the list keep
   * theirs rather than follow that for a moment. */
  self->syncing = TRUE;
  cm_timeline_set_index (self->timeline, index);
  cm_timeline_set_selection (self->timeline, selection);
  self->syncing = FALSE;
  cm_timeline_set_focus_mark (self->timeline, focus);
  /* Focusing a mark the user had scrolled away from scrolls back to it. */
  cm_timeline_get_visible_range (self->timeline, &u0, &u1);
  if (u0 != t0 || u1 != t1)
    cm_timeline_set_visible_range (self->timeline, t0, t1);
}

/* @prebuilt: map data of the current dataset, base map and style, or
 * NULL to build them. */
static void
update_map (CmWindow  *self,
            CmMapData *prebuilt)
{
  g_autoptr(CmMapData) built = NULL;
  CmMapData *data = prebuilt;

  if (self->dataset == NULL || self->basemap == NULL)
    return;
  if (data == NULL)
    data = built = cm_map_data_new (self->dataset, self->basemap, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  cm_map_set_places (self->map, data->n_places, data->lon, data->lat, data->ids, data->names,
                     (const char * const *) data->local_names);
  cm_map_set_place_regions (self->map, data->n_places, data->place_regions);
  cm_map_set_categories (self->map, data->n_categories, data->palette,
                         (const char * const *) data->labels);
  cm_map_set_events (self->map, data->n_events, data->times, data->places, data->categories,
                     data->n_categories);
  cm_map_set_region_colors (self->map, data->region_ids->len, (const char * const *) data->region_ids->pdata,
                            (const CmRgba *) data->region_colors->data);
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
static void
show_list (CmWindow  *self,
           gint64     start,
           gint64     end,
           GtkBitset *selected)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_clear_object (&self->announcements);
  self->announcements = cm_announcement_list_new ();
  cm_announcement_list_set_dataset (self->announcements, self->dataset);
  cm_announcement_list_set_filter (self->announcements, start, end, selected);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->announcements)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
}

static void
update_filters (CmWindow *self)
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
  if (!cm_announcement_list_filter_equals (self->announcements, start, end, selected))
    show_list (self, start, end, selected);
}

static void
timeline_brush_changed (CmWindow *self)
{
  update_filters (self);
}

static void
timeline_playhead_changed (CmWindow *self)
{
  cm_map_set_playhead (self->map, (gint64) cm_timeline_get_playhead (self->timeline));
}

static void
timeline_selection_changed (CmWindow *self)
{
  GtkBitset *marks;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GHashTable) seen = NULL;
  GtkBitsetIter iter;
  guint mark;

  if (self->syncing || self->dataset == NULL)
    return;
  marks = cm_timeline_get_selection (self->timeline);
  ids = g_ptr_array_new ();
  seen = g_hash_table_new (NULL, NULL);
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, marks, &mark); ok; ok = gtk_bitset_iter_next (&iter, &mark))
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (self->dataset, mark);
      if (a->place >= 0 && g_hash_table_add (seen, GINT_TO_POINTER (a->place + 1)))
        g_ptr_array_add (ids, (gpointer) cm_dataset_get_place (self->dataset, a->place)->id);
    }
  g_ptr_array_add (ids, NULL);
  self->syncing = TRUE;
  cm_map_set_selected_ids (self->map, (const char * const *) ids->pdata);
  self->syncing = FALSE;
  update_filters (self);
}

static void
map_selection_changed (CmWindow *self)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GtkBitset) marks = gtk_bitset_new_empty ();
  g_autofree gboolean *chosen = NULL;
  guint n;

  if (self->syncing || self->dataset == NULL)
    return;
  ids = cm_map_get_selected_ids (self->map);
  chosen = g_new0 (gboolean, MAX (cm_dataset_get_n_places (self->dataset), 1));
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      gint p = cm_dataset_find_place (self->dataset, ids[i]);
      if (p >= 0)
        chosen[p] = TRUE;
    }
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
  update_filters (self);
}

/* Label language: the setting, or on "auto" the UI language. "local" means
 * the places' own names, which the map draws as its Chinese names. */
static void
apply_language (CmWindow *self)
{
  GSettings *s = settings (self);
  g_autofree char *choice = s ? g_settings_get_string (s, "label-language") : g_strdup ("auto");
  const char *language;

  if (g_strcmp0 (choice, "english") == 0)
    language = "en";
  else if (g_strcmp0 (choice, "local") == 0)
    language = "zh";
  else
    language = g_str_has_prefix (g_get_language_names ()[0], "zh") ? "zh" : "en";
  cm_map_set_language (self->map, language);
  cm_timeline_set_language (self->timeline, language);
}

static void
show_details (CmWindow *self,
              guint     announcement)
{
  if (self->dataset == NULL || announcement >= cm_dataset_get_n_announcements (self->dataset))
    return;
  gtk_window_present (GTK_WINDOW (cm_details_new (GTK_WINDOW (self), self->dataset, announcement)));
}

static void
row_activated (GtkColumnView *view,
               guint          position,
               CmWindow      *self)
{
  show_details (self, cm_announcement_list_get_index (self->announcements, position));
}

static void
mark_activated (CmTimeline *timeline,
                guint       mark,
                CmWindow   *self)
{
  show_details (self, mark);
}

static void
style_changed (CmWindow *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  cm_map_set_dark (self->map, dark);
  cm_timeline_set_dark (self->timeline, dark);
  update_map (self, NULL);
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

static void load_basemap (CmWindow   *self,
                          const char *path,
                          gboolean    remember);

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

      set_error (self, message);
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
    load_basemap (self, NULL, FALSE);
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
  GSettings *s = settings (self);

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
  update_map (self, NULL);
  cm_map_fit_basemap (self->map);
}

/* @path: a GeoJSON file, or NULL or "" for the bundled base map. */
static void
load_basemap (CmWindow   *self,
              const char *path,
              gboolean    remember)
{
  BasemapLoad *load;
  g_autofree char *bundled = NULL;

  if (path == NULL || *path == '\0')
    path = bundled = cm_view_data_default_basemap_path ();
  if (path == NULL)
    {
      set_error (self, _("The bundled base map is missing: choose one in View Options › Choose Base Map"));
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

/* Loading ----------------------------------------------------------------- */

/* The empty page of a dataset without announcements: it must not read as
 * if nothing had been opened. Nothing opened is what the template says. */
static void
show_empty_dataset (CmWindow *self)
{
  g_autofree char *name = display_name (self->file);
  g_autofree char *short_name = cm_text_shorten (name, TOOLTIP_FIELD_CHARS);
  g_autofree char *title = NULL;
  guint places = cm_dataset_get_n_places (self->dataset);
  guint notes = self->problems ? cm_diagnostics_get_n (self->problems) : 0;
  g_autoptr(GString) description = g_string_new (NULL);

  /* The title is plain text; the description is markup, and has no file
   * text in it. */
  title = g_strdup_printf (_("No Announcements in “%s”"), short_name);
  if (places == 0)
    g_string_append (description, _("The file was read, but it has nothing to show."));
  else
    g_string_append_printf (description,
                            ngettext ("The file was read, but it lists %u place and no announcements.",
                                      "The file was read, but it lists %u places and no announcements.", places),
                            places);
  g_string_append_c (description, ' ');
  /* Announcements the loader skipped are among its notes. */
  if (notes > 0)
    g_string_append_printf (description,
                            ngettext ("The loader noted %u problem: see Main Menu › Show Problems.",
                                      "The loader noted %u problems: see Main Menu › Show Problems.", notes),
                            notes);
  else
    g_string_append (description, _("Add announcements to it, or open another dataset."));
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description->str);
}

static void
update_view (CmWindow *self)
{
  const char *title = self->dataset ? cm_dataset_get_title (self->dataset) : "Chronomap";
  g_autofree char *name = self->file ? display_name (self->file) : NULL;
  gboolean empty = self->dataset == NULL || cm_dataset_get_n_announcements (self->dataset) == 0;

  adw_window_title_set_title (self->window_title, title && *title ? title : "Chronomap");
  adw_window_title_set_subtitle (self->window_title, name ? name : "");
  gtk_window_set_title (GTK_WINDOW (self), title && *title ? title : "Chronomap");
  if (self->dataset != NULL && empty)
    show_empty_dataset (self);
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "content");
}

static void
load_progress (double   fraction,
               gpointer user_data)
{
  CmWindow *self = user_data;

  /* Runs on the loading thread; the main loop polls the value. */
  g_atomic_int_set (&self->progress_permille, (gint) (fraction * 1000));
}

static gboolean
poll_progress (gpointer user_data)
{
  CmWindow *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar,
                                 g_atomic_int_get (&self->progress_permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;

  job->dataset = cm_loader_load_file (job->file, job->name, &job->diagnostics,
                                      load_progress, source_object, cancellable, &job->error);
  if (job->dataset != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      job->index = cm_view_data_timeline_index (job->dataset, job->lanes, NULL);
      if (job->basemap != NULL)
        job->map_data = cm_map_data_new (job->dataset, job->basemap, job->dark);
    }
  g_task_return_boolean (task, TRUE);
}

static void
stop_progress (CmWindow *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  g_clear_object (&self->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Seconds since the process started, to the kernel's clock tick: a cold
 * start counts the dynamic linking and GTK's start-up too. */
static double
process_age (void)
{
  g_autofree char *stat = NULL;
  const char *fields;
  guint64 started = 0;
  struct timespec now;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL)
      || (fields = strrchr (stat, ')')) == NULL)
    return -1;
  /* Field 22, starttime, counted from the field after the name's ')'. */
  for (int i = 3; i <= 22 && fields != NULL; i++)
    {
      fields = strchr (fields + 1, ' ');
      if (i == 22 && fields != NULL)
        started = g_ascii_strtoull (fields + 1, NULL, 10);
    }
  clock_gettime (CLOCK_BOOTTIME, &now);
  return now.tv_sec + now.tv_nsec / 1e9 - (double) started / sysconf (_SC_CLK_TCK);
}

static void start_load (CmWindow *self,
                        GFile    *file);

/* tools/bench measures "open to first frame" through this: with
 * CHRONOMAP_BENCH_FIRST_FRAME set, the first frame painted after a load
 * prints the time since the load started and quits. With the value
 * "open", the file is opened only once the window is up with its base map
 * and the sample dataset, as when a user opens one; otherwise the load
 * starts with the process. */
static void
bench_after_paint (GdkFrameClock *clock,
                   CmWindow      *self)
{
  if (self->bench_file != NULL)
    {
      g_autoptr(GFile) file = NULL;

      if (self->basemap == NULL || self->dataset == NULL || cm_window_is_loading (self))
        return;
      file = g_steal_pointer (&self->bench_file);
      start_load (self, file);
      return;
    }
  if (self->dataset == NULL || cm_window_is_loading (self))
    return;
  if (g_strcmp0 (g_getenv ("CHRONOMAP_BENCH_FIRST_FRAME"), "open") == 0)
    g_print ("first-frame %.4f\n", (g_get_monotonic_time () - self->load_started) / 1e6);
  else
    g_print ("first-frame %.4f\n", process_age ());
  g_clear_signal_handler (&self->bench_handler, clock);
  if (gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static void
bench_realize (CmWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  self->bench_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (bench_after_paint), self);
}

/* What a start without a file reopens. Not the bundled sample: that is
 * what such a start opens anyway, and it would replace the user's file. */
static void
remember_dataset (CmWindow *self)
{
  GSettings *s = settings (self);
  g_autofree char *path = NULL;

  if (s == NULL || g_file_has_uri_scheme (self->file, "resource"))
    return;
  path = g_file_get_path (self->file);
  if (path != NULL)
    g_settings_set_string (s, "last-dataset", path);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CmWindow *self = CM_WINDOW (source);
  LoadJob *job = g_task_get_task_data (G_TASK (result));

  /* A newer load replaced this one: its result is stale. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  stop_progress (self);

  g_clear_pointer (&self->problems, cm_diagnostics_free);
  self->problems = g_steal_pointer (&job->diagnostics);

  if (job->dataset != NULL)
    {
      guint notes = self->problems ? cm_diagnostics_get_n (self->problems) : 0;
      g_autofree char *text = NULL;

      g_set_object (&self->dataset, job->dataset);
      g_set_object (&self->file, job->file);
      remember_dataset (self);
      show_list (self, 0, 0, NULL);
      set_error (self, NULL);
      update_view (self);
      cm_timeline_clear_brush (self->timeline);
      update_timeline (self, job->lanes == lane_mode (self) ? job->index : NULL);
      update_map (self, job->basemap == self->basemap
                        && job->dark == adw_style_manager_get_dark (adw_style_manager_get_default ())
                        ? job->map_data : NULL);
      update_filters (self);
      if (g_getenv ("CHRONOMAP_BENCH_FIRST_FRAME") != NULL && self->bench_handler == 0)
        {
          GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
          if (clock != NULL)
            self->bench_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (bench_after_paint), self);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);

      text = g_strdup_printf (ngettext ("%u announcement", "%u announcements",
                                        cm_dataset_get_n_announcements (self->dataset)),
                              cm_dataset_get_n_announcements (self->dataset));
      if (notes > 0)
        {
          g_autofree char *with = g_strdup_printf (ngettext ("%s · %u note (Menu › Show Problems)",
                                                             "%s · %u notes (Menu › Show Problems)", notes),
                                                   text, notes);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (with));
        }
      else
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
    }
  else if (g_error_matches (job->error, CM_LOADER_ERROR, CM_LOADER_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Loading cancelled")));
  else
    {
      g_autofree char *text = NULL;

      if (self->dataset != NULL)
        text = g_strdup_printf (_("%s. The dataset shown before is kept."), job->error->message);
      else
        text = g_strdup_printf ("%s.", job->error->message);
      set_error (self, text);
    }
}

static void
start_load (CmWindow *self,
            GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  LoadJob *job;

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (LoadJob, 1);
  job->file = g_object_ref (file);
  job->name = g_file_has_uri_scheme (file, "resource") ? display_name (file) : g_file_get_parse_name (file);
  job->lanes = lane_mode (self);
  job->basemap = self->basemap ? g_object_ref (self->basemap) : NULL;
  job->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  label = g_strdup_printf (_("Opening %s…"), job->name);
  gtk_label_set_text (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  g_atomic_int_set (&self->progress_permille, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  if (self->progress_source == 0)
    self->progress_source = g_timeout_add (100, poll_progress, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  self->load_started = g_get_monotonic_time ();
  task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

/* Actions ----------------------------------------------------------------- */

static void
file_chooser_response (GtkNativeDialog *dialog,
                       int              response,
                       gpointer         user_data)
{
  CmWindow *self = user_data;
  FileChosenFunc chosen = self->chosen;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file != NULL)
    chosen (self, file);
}

/* Shows a file chooser for one kind of file, with "All files" besides:
 * @patterns and @mime_types are NULL-terminated. The window owns it, so
 * that one closed while choosing gets no answer. */
static void
choose_file (CmWindow           *self,
             const char         *title,
             const char         *accept,
             const char         *filter_name,
             const char * const *patterns,
             const char * const *mime_types,
             FileChosenFunc      chosen)
{
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, filter_name);
  for (guint i = 0; patterns != NULL && patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  for (guint i = 0; mime_types != NULL && mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);

  self->chosen = chosen;
  g_signal_connect (dialog, "response", G_CALLBACK (file_chooser_response), self);
  self->chooser = GTK_NATIVE_DIALOG (dialog);
  gtk_native_dialog_show (self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  static const char * const patterns[] = { "*.json", "*.geojson", NULL };
  static const char * const mime_types[] = { "application/json", "application/geo+json", NULL };

  choose_file (CM_WINDOW (widget), _("Open Dataset"), _("_Open"), _("Datasets (Chronomap, GeoJSON, TimelineJS)"),
               patterns, mime_types, start_load);
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cm_window_open_sample (CM_WINDOW (widget));
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CmWindow *self = CM_WINDOW (widget);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  set_error (CM_WINDOW (widget), NULL);
}

/* The problems, one a line, scrolled: there may be hundreds, and as the
 * body of the dialog they made it taller than any screen. */
static GtkWidget *
problems_view (const char *text)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  /* A text buffer is plain text: file content is never read as markup. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  /* A wrapped problem still reads as one. */
  gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (view), 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 80);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  return scrolled;
}

static void
show_problems_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CmWindow *self = CM_WINDOW (widget);
  guint n = self->problems ? cm_diagnostics_get_n (self->problems) : 0;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Problems"), NULL);
  if (n == 0)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), _("The last file opened had no problems."));
  else
    {
      g_autofree char *summary = g_strdup_printf (ngettext ("%u problem in the last file opened",
                                                            "%u problems in the last file opened", n), n);
      g_autofree char *text = cm_diagnostics_to_string (self->problems, MAX_SHOWN_PROBLEMS);

      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), summary);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), problems_view (g_strchomp (text)));
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
fit_data_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  cm_map_fit_data (CM_WINDOW (widget)->map);
}

static void
fit_basemap_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cm_map_fit_basemap (CM_WINDOW (widget)->map);
}

static void
basemap_chosen (CmWindow *self,
                GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);

  /* Kept in the settings once it has loaded. */
  if (path != NULL)
    load_basemap (self, path, TRUE);
}

static void
choose_basemap_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  static const char * const patterns[] = { "*.geojson", "*.json", NULL };
  static const char * const mime_types[] = { "application/geo+json", NULL };

  choose_file (CM_WINDOW (widget), _("Choose Base Map"), _("_Use"), _("GeoJSON polygons"),
               patterns, mime_types, basemap_chosen);
}

static void
bundled_basemap_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  load_basemap (CM_WINDOW (widget), NULL, TRUE);
}

static gboolean
drop_file (GtkDropTarget *target,
           const GValue  *value,
           double         x,
           double         y,
           gpointer       user_data)
{
  CmWindow *self = user_data;
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;
  start_load (self, files->data);
  g_slist_free (files);
  return TRUE;
}

/* Window state -------------------------------------------------------------- */

static gboolean
cm_window_close_request (GtkWindow *window)
{
  CmWindow *self = CM_WINDOW (window);
  GSettings *s = settings (self);

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
  GSettings *s = settings (self);
  g_autofree char *lanes = NULL;
  g_autofree char *colour = NULL;
  g_autofree char *basemap = NULL;

  if (s == NULL)
    {
      load_basemap (self, NULL, FALSE);
      apply_language (self);
      return;
    }
  /* GSettings has checked the values against the schema: one its backend
   * holds that is unparsable or out of range reads as the default. */
  lanes = g_settings_get_string (s, "timeline-lanes");
  colour = g_settings_get_string (s, "map-colour");
  basemap = g_settings_get_string (s, "basemap");
  g_object_set (self, "lanes", lanes, "map-colour", colour, NULL);
  load_basemap (self, basemap, FALSE);
  apply_language (self);
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
  /* The settings outlive the window. GtkApplicationWindow passes on what
   * its action group says without holding the window, and the group may
   * outlive it: no change of the setting may reach the group from here. */
  if (self->speed_action != NULL)
    {
      g_action_map_remove_action (G_ACTION_MAP (self), "playback-speed");
      g_settings_unbind (self->timeline, "speed");
      g_clear_object (&self->speed_action);
    }
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  g_clear_object (&self->date_column);
  g_clear_object (&self->announcements);
  g_clear_object (&self->dataset);
  g_clear_object (&self->file);
  g_clear_object (&self->bench_file);
  g_clear_pointer (&self->problems, cm_diagnostics_free);
  if (self->basemap_cancellable)
    g_cancellable_cancel (self->basemap_cancellable);
  g_clear_object (&self->basemap_cancellable);
  g_clear_object (&self->basemap);
  g_clear_pointer (&self->lanes, g_free);
  g_clear_pointer (&self->map_colour, g_free);

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
      g_value_set_string (value, self->lanes);
      break;
    case PROP_MAP_COLOUR:
      g_value_set_string (value, self->map_colour);
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
  const char *v = g_value_get_string (value);
  GSettings *s = settings (self);

  switch (prop_id)
    {
    case PROP_LANES:
      if (g_strcmp0 (v, "by-place") != 0 && g_strcmp0 (v, "single") != 0)
        v = "by-category";
      if (g_strcmp0 (v, self->lanes) == 0)
        return;
      g_free (self->lanes);
      self->lanes = g_strdup (v);
      relayout_timeline (self);
      if (s != NULL)
        g_settings_set_string (s, "timeline-lanes", v);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_MAP_COLOUR:
      if (g_strcmp0 (v, "first-date") != 0)
        v = "category";
      if (g_strcmp0 (v, self->map_colour) == 0)
        return;
      g_free (self->map_colour);
      self->map_colour = g_strdup (v);
      cm_map_set_color_mode (self->map, strcmp (v, "first-date") == 0 ? CM_MAP_COLOR_BY_FIRST_DATE
                                                                       : CM_MAP_COLOR_BY_CATEGORY);
      if (s != NULL)
        g_settings_set_string (s, "map-colour", v);
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
  properties[PROP_LANES] =
    g_param_spec_string ("lanes", NULL, NULL, "by-category",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAP_COLOUR] =
    g_param_spec_string ("map-colour", NULL, NULL, "category",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CM_TYPE_MAP);
  g_type_ensure (CM_TYPE_TIMELINE);
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
  gtk_widget_class_bind_template_child (widget_class, CmWindow, play_button);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, show_problems_action);
  gtk_widget_class_install_action (widget_class, "win.fit-data", NULL, fit_data_action);
  gtk_widget_class_install_action (widget_class, "win.fit-basemap", NULL, fit_basemap_action);
  gtk_widget_class_install_action (widget_class, "win.choose-basemap", NULL, choose_basemap_action);
  gtk_widget_class_install_action (widget_class, "win.bundled-basemap", NULL, bundled_basemap_action);
  gtk_widget_class_install_property_action (widget_class, "win.lanes", "lanes");
  gtk_widget_class_install_property_action (widget_class, "win.map-colour", "map-colour");
}

static void
cm_window_init (CmWindow *self)
{
  GtkDropTarget *drop;
  g_autoptr(GtkNoSelection) selection = NULL;

  /* Before the template: its property actions read these. */
  self->lanes = g_strdup ("by-category");
  self->map_colour = g_strdup ("category");
  gtk_widget_init_template (GTK_WIDGET (self));

  self->announcements = cm_announcement_list_new ();
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->announcements)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  self->date_column = add_column (self, _("Date"), FALSE, 0, G_CALLBACK (setup_label), G_CALLBACK (bind_label),
                                  GINT_TO_POINTER (COLUMN_WHEN));
  size_date_column (self);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-font-name",
                           G_CALLBACK (font_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-xft-dpi",
                           G_CALLBACK (font_changed), self, G_CONNECT_SWAPPED);
  /* The title second: it says most, and the list pane is narrow. */
  g_object_unref (add_column (self, _("Title"), TRUE, 260, G_CALLBACK (setup_label), G_CALLBACK (bind_label),
                              GINT_TO_POINTER (COLUMN_TITLE)));
  g_object_unref (add_column (self, _("Place"), FALSE, 150, G_CALLBACK (setup_label), G_CALLBACK (bind_label),
                              GINT_TO_POINTER (COLUMN_PLACE)));
  g_object_unref (add_column (self, _("Category"), FALSE, 150, G_CALLBACK (setup_category),
                              G_CALLBACK (bind_category), NULL));

  g_object_bind_property (self->play_button, "active", self->timeline, "playing",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->timeline, "notify::has-brush", G_CALLBACK (timeline_brush_changed), self);
  g_signal_connect_swapped (self->timeline, "notify::brush-start", G_CALLBACK (timeline_brush_changed), self);
  g_signal_connect_swapped (self->timeline, "notify::brush-end", G_CALLBACK (timeline_brush_changed), self);
  g_signal_connect_swapped (self->timeline, "notify::playhead", G_CALLBACK (timeline_playhead_changed), self);
  g_signal_connect_swapped (self->timeline, "selection-changed", G_CALLBACK (timeline_selection_changed), self);
  g_signal_connect_swapped (self->map, "selection-changed", G_CALLBACK (map_selection_changed), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (row_activated), self);
  g_signal_connect (self->timeline, "mark-activated", G_CALLBACK (mark_activated), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed), self, G_CONNECT_SWAPPED);
  style_changed (self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_file), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  update_view (self);
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

  if (g_strcmp0 (g_getenv ("CHRONOMAP_BENCH_FIRST_FRAME"), "open") == 0)
    {
      g_set_object (&self->bench_file, file);
      g_signal_connect (self, "realize", G_CALLBACK (bench_realize), NULL);
      cm_window_open_sample (self);
      return;
    }
  start_load (self, file);
}

void
cm_window_open_sample (CmWindow *self)
{
  g_autoptr(GFile) file = g_file_new_for_uri (SAMPLE_URI);

  g_return_if_fail (CM_IS_WINDOW (self));
  start_load (self, file);
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
  load_basemap (self, path, FALSE);
}
