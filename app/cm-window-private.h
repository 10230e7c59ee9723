/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cm-config.h"   /* CM_BENCH_HOOKS: the struct must agree in every file */
#include "cm-adoption-chart.h"
#include "cm-adoption-data.h"
#include "cm-announcement-list.h"
#include "cm-details.h"
#include "cm-loader.h"
#include "cm-map.h"
#include "cm-text-index.h"
#include "cm-timeline.h"
#include "cm-view-data.h"
#include "cm-view-filter.h"
#include "cm-window.h"
#include "cm-text.h"

G_BEGIN_DECLS

/* What the window's files share: the instance, and the functions one part
 * calls in another (cm-window.c: views and state; cm-window-load.c:
 * loading; cm-window-actions.c: the window's actions). */

/* Dataset text in a tooltip is cut: GTK cannot draw one as wide as a
 * 10,000-character title. A tooltip with a line break is not wrapped, so
 * each field of a mark's tooltip is cut shorter than a whole cell's. */
#define TOOLTIP_FIELD_CHARS 80

typedef void (*FileChosenFunc) (CmWindow *self,
                                GFile    *file);

struct _CmWindow
{
  AdwApplicationWindow  parent_instance;

  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GListModel           *toast_children; /* to name their buttons (cm-window-a11y.c) */
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
  CmAdoptionChart      *adoption_chart;
  GtkToggleButton      *play_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *search_count;
  GtkMenuButton        *category_button;
  GtkBox               *category_box;
  GtkButton            *all_categories_button;

  CmBasemap            *basemap;
  GCancellable         *basemap_cancellable;
  GAction              *speed_action;  /* of the playback-speed setting */
  GtkNativeDialog      *chooser;       /* the file chooser shown, if any */
  FileChosenFunc        chosen;        /* what to do with its file */
  CmLaneMode            lanes;         /* each bound to its setting */
  CmMapColor            map_color;
  CmMapProjection       map_projection;
  CmLabelLanguage       label_language;
  CmAdoptionMode        adoption;
  CmAdoptionData       *adoption_data; /* of the chart, for its tooltips */
  gboolean              syncing;       /* a selection is being mirrored */

  /* The workspace beside the map (cm-window-workspace.c): the sidebar
   * with the list and the details, the filter bar and its chips. */
  GtkWidget            *sidebar;
  GtkPaned             *vpaned;
  GtkRevealer          *nomap_revealer;  /* why the map is gone */
  GtkLabel             *nomap_label;
  int                   vpaned_position; /* with the map, to go back to; -1: none kept */
  GtkStack             *list_stack;
  CmDetails            *details;
  GtkRevealer          *filter_revealer;
  GtkBox               *chip_box;
  GtkLabel             *filter_count;
  int                   current;       /* the announcement selected, or -1 */
  CmDataset            *current_dataset;  /* weak: of @current */
  CmSortKey             sort_key;
  gboolean              sort_ascending;
  int                   followed;      /* the last one playback showed, or -1 */
  gboolean              selecting;     /* a row is being selected from here */

  CmAnnouncementList   *announcements;
  CmDataset            *dataset;
  GFile                *file;
  CmDiagnostics        *problems;      /* of the last load, good or bad */
  CmMapData            *map_data;      /* of the dataset shown */

  CmTextIndex          *text_index;    /* built on the first search */
  GCancellable         *index_cancellable;
  GBytes               *filter_match;  /* per announcement, or NULL: no filter */
  guint                 filter_matched;
  GBytes               *text_match;    /* of the search alone, for text_query */
  char                 *text_query;
  guint                 text_matched;
  GBytes               *map_keep;      /* the mask the map's events were cut by */
  gboolean              list_held;     /* a load swapping in: one new list at its end */
  gboolean              list_wanted;
  gboolean              map_keep_valid;
  gboolean             *category_shown;  /* per category of the dataset */
  guint                 n_category_shown;
  gboolean              categories_batch; /* several change: one refilter after */

  GdkFrameClock        *sort_orders_clock;   /* weak: the list's orders wait for its next paint */
  gulong                sort_orders_handler;

  GCancellable         *cancellable;   /* of the load under way */
  gint64                load_started;  /* monotonic µs: the progress band waits, tools/bench times */
#ifdef CM_BENCH_HOOKS
  gulong                bench_handler; /* cm-window-bench.c */
  GFile                *bench_file;
  guint                 bench_open_source;
  guint                 bench_save_source;
  gint64                bench_saved;    /* monotonic µs of the benchmark's save, or 0 */
  gconstpointer         bench_before;   /* the dataset shown at that save (compared only) */
#endif
  guint                 progress_source;
  GFileMonitor         *monitor;       /* of the directory of @watched (cm-window-reload.c) */
  GFile                *watched;
  guint                 reload_source; /* a reload waiting for the writer to be done */
  CmDataset            *place_order_dataset;  /* cm-window-tooltip.c: of place_order */
  guint32              *place_starts;  /* per place, into place_order; one more */
  guint32              *place_order;   /* each place's announcements in time order */
  guint                 resize_source; /* of the Date column, after a font change */
  gint                  progress_permille;  /* written by the loading thread */
};

GSettings  *_cm_window_settings          (CmWindow        *self);
void        _cm_window_set_error         (CmWindow        *self,
                                          const char      *text);
CmLaneMode  _cm_window_lane_mode         (CmWindow        *self);
void        _cm_window_update_timeline   (CmWindow        *self,
                                          CmTimelineIndex *prebuilt);
void        _cm_window_update_map        (CmWindow        *self,
                                          CmMapData       *prebuilt);

/* cm-window-a11y.c */
void        _cm_window_a11y_init         (CmWindow        *self);
void        _cm_window_show_page         (CmWindow        *self,
                                          gboolean         empty);
void        _cm_window_describe_list     (CmWindow        *self);

/* cm-window-workspace.c */
void        _cm_window_workspace_class_init (GtkWidgetClass *widget_class);
void        _cm_window_workspace_init    (CmWindow        *self);
/* A new list model is shown: select the current announcement in it, and
 * update the chips, the count and the empty state. */
void        _cm_window_workspace_set_list (CmWindow       *self);
/* The announcement shown in the details, selected in the list and
 * outlined on the timeline and the map; -1 for none. */
void        _cm_window_set_current       (CmWindow        *self,
                                          int              announcement);
/* Without a place to map, the map gives its room to the timeline, and a
 * band says why; with one, it comes back. */
void        _cm_window_workspace_fit_places (CmWindow     *self);
/* A new dataset: nothing selected. */
void        _cm_window_workspace_reset   (CmWindow        *self);
void        _cm_window_playhead_follow   (CmWindow        *self);

/* cm-window-adoption.c: the adoption curve under the timeline. */
void        _cm_window_adoption_init     (CmWindow        *self);
/* A new dataset, filter or mode: the curve again. */
void        _cm_window_adoption_update   (CmWindow        *self);
void        _cm_window_adoption_update_prebuilt (CmWindow       *self,
                                                 CmAdoptionData *prebuilt);
void        _cm_window_adoption_dispose  (CmWindow        *self);

/* cm-window-filter.c */
void        _cm_window_filter_init       (CmWindow        *self);
void        _cm_window_filter_dispose    (CmWindow        *self);
void        _cm_window_filter_reset      (CmWindow        *self);
void        _cm_window_filter_apply_map  (CmWindow        *self);
void        _cm_window_filter_apply_timeline (CmWindow    *self);
void        _cm_window_show_list         (CmWindow        *self,
                                          gint64           start,
                                          gint64           end,
                                          GtkBitset       *selected);
void        _cm_window_hold_list         (CmWindow        *self,
                                          gboolean         hold);
void        _cm_window_update_filters    (CmWindow        *self);
/* @remember: store @path in the settings once it has loaded */
void        _cm_window_load_basemap      (CmWindow        *self,
                                          const char      *path,
                                          gboolean         remember);
void        _cm_window_notify_loading    (CmWindow        *self);
void        _cm_window_notify_dataset    (CmWindow        *self);

/* cm-window-reload.c: live reload of the open file */
typedef struct _CmReloadState CmReloadState;
void        _cm_reload_state_free        (CmReloadState   *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmReloadState, _cm_reload_state_free)
CmReloadState *_cm_window_reload_save    (CmWindow        *self);
/* @text_index: (transfer full) (nullable): of the new dataset, built with it */
void        _cm_window_reload_restore    (CmWindow        *self,
                                          CmReloadState   *state,
                                          CmTextIndex     *text_index);
void        _cm_window_reload_failed     (CmWindow        *self,
                                          CmDiagnostics   *diagnostics,
                                          const GError    *error);
void        _cm_window_watch_file        (CmWindow        *self);
void        _cm_window_unwatch_file      (CmWindow        *self);
void        _cm_window_reload            (CmWindow        *self);
void        _cm_window_start_reload      (CmWindow        *self,
                                          GFile           *file);
/* cm-window-filter.c: the search and categories kept across a reload;
 * @text_index: (transfer full) (nullable) */
void        _cm_window_filter_restore    (CmWindow        *self,
                                          const char      *query,
                                          GHashTable      *hidden_categories,
                                          CmTextIndex     *text_index);

/* cm-window-export.c: Export Figure and Copy Figure */
void        _cm_window_export_class_init (GtkWidgetClass  *widget_class);
void        _cm_window_export_init       (CmWindow        *self);

/* cm-window-tooltip.c: what a place's tooltip on the map lists */
void        _cm_window_tooltip_init      (CmWindow        *self);
void        _cm_window_tooltip_dispose   (CmWindow        *self);

void        _cm_window_update_view       (CmWindow        *self);
void        _cm_window_start_load        (CmWindow        *self,
                                          GFile           *file);
void        _cm_window_stop_progress     (CmWindow        *self);

/* cm-window-bench.c: tools/bench's first-frame hooks, in a build set up
 * with -Dbench-hooks=true only; in any other they are nothing. */
#ifdef CM_BENCH_HOOKS
/* TRUE when the benchmark opens @file itself, later. */
gboolean    _cm_window_bench_open        (CmWindow        *self,
                                          GFile           *file);
void        _cm_window_bench_loaded      (CmWindow        *self);
void        _cm_window_bench_dispose     (CmWindow        *self);
#else
static inline gboolean
_cm_window_bench_open (CmWindow *self,
                       GFile    *file)
{
  return FALSE;
}

static inline void
_cm_window_bench_loaded (CmWindow *self)
{
}

static inline void
_cm_window_bench_dispose (CmWindow *self)
{
}
#endif

void        _cm_window_class_add_actions (GtkWidgetClass  *widget_class);
/* A kind of file in a chooser: @name is untranslated (N_), @suffixes
 * (matched in any case) and @mime_types are NULL-terminated. */
typedef struct
{
  const char         *name;
  const char * const *suffixes;
  const char * const *mime_types;
} CmFileKind;
/* A file chooser for @kinds, with "All supported files" first when there
 * are several, and "All files" last. */
void        _cm_window_choose_file       (CmWindow           *self,
                                          const char         *title,
                                          const char         *accept,
                                          const CmFileKind   *kinds,
                                          guint               n_kinds,
                                          FileChosenFunc      chosen);
/* The same for every file Chronomap opens (Open, Import). */
void        _cm_window_choose_dataset    (CmWindow           *self,
                                          const char         *title,
                                          const char         *accept,
                                          FileChosenFunc      chosen);

/* cm-window-import.c: the Import dialog and win.import */
void        _cm_window_import_class_init (GtkWidgetClass  *widget_class);
/* Shows the Import dialog for @file; @preview and @diagnostics: (transfer full) */
void        _cm_window_ask_import        (CmWindow              *self,
                                          GFile                 *file,
                                          const char            *display_name,
                                          const CmImportOptions *options,
                                          CmImportPreview       *preview,
                                          CmDiagnostics         *diagnostics);
/* cm-window-load.c: opens @file with @options (NULL: remembered or
 * found); @ask: show the Import dialog whatever was found. */
void        _cm_window_start_import      (CmWindow              *self,
                                          GFile                 *file,
                                          const CmImportOptions *options,
                                          gboolean               ask);
gboolean    _cm_window_drop_file         (GtkDropTarget   *target,
                                          const GValue    *value,
                                          double           x,
                                          double           y,
                                          gpointer         user_data);

G_END_DECLS
