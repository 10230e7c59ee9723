/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>

#include "cm-import-dialog.h"
#include "cm-import-memory.h"
#include "cm-loader.h"
#include "cm-window-private.h"

/* Opening a dataset: read, validated and indexed on a worker thread with
 * progress and Cancel; the window shows the result, or keeps what it
 * showed and says what is wrong. */

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
  CmAdoptionMode   adoption_mode;
  CmAdoptionData  *adoption;

  /* A live reload (cm-window-reload.c) keeps the search: its text index
   * is built here too, so that the filter holds from the first frame. */
  gboolean         reload;
  char            *query;
  CmTextIndex     *text_index;

  /* Imports (cm-window-import.c): the mapping to use, chosen or
   * remembered for the columns of @header_hash; whether to ask. */
  CmImportOptions  options;
  gboolean         has_options;
  char            *header_hash;
  gboolean         ask;
  CmImportPreview *preview;
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
  g_clear_pointer (&job->adoption, cm_adoption_data_free);
  g_free (job->query);
  g_clear_pointer (&job->text_index, cm_text_index_free);
  cm_import_options_clear (&job->options);
  g_free (job->header_hash);
  g_clear_pointer (&job->preview, cm_import_preview_free);
  g_free (job);
}

static char *
display_name (GFile *file)
{
  if (g_file_has_uri_scheme (file, "resource"))
    return g_strdup (_("Sample dataset"));
  return g_file_get_basename (file);
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

void
_cm_window_update_view (CmWindow *self)
{
  const char *title = self->dataset ? cm_dataset_get_title (self->dataset) : "Chronomap";
  g_autofree char *name = self->file ? display_name (self->file) : NULL;
  gboolean empty = self->dataset == NULL || cm_dataset_get_n_announcements (self->dataset) == 0;

  adw_window_title_set_title (self->window_title, title && *title ? title : "Chronomap");
  adw_window_title_set_subtitle (self->window_title, name ? name : "");
  gtk_window_set_title (GTK_WINDOW (self), title && *title ? title : "Chronomap");
  if (self->dataset != NULL && empty)
    show_empty_dataset (self);
  _cm_window_show_page (self, empty);
}

static void
load_progress (double   fraction,
               gpointer user_data)
{
  CmWindow *self = user_data;

  /* Runs on the loading thread; the main loop polls the value. */
  g_atomic_int_set (&self->progress_permille, (gint) (fraction * 1000));
}

/* A quick load shows no progress band: one that flashed up and away would
 * only distract, and its animation would take the cores from the load. */
#define PROGRESS_DELAY_US (200 * 1000)

static gboolean
poll_progress (gpointer user_data)
{
  CmWindow *self = user_data;

  if (g_get_monotonic_time () - self->load_started >= PROGRESS_DELAY_US)
    gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
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

  job->dataset = cm_loader_load_file_preview (job->file, job->name, job->has_options ? &job->options : NULL,
                                              CM_IMPORT_DIALOG_ROWS, &job->preview, &job->diagnostics,
                                              load_progress, source_object, cancellable, &job->error);
  /* A remembered mapping holds for the columns it was chosen for. */
  if (job->header_hash != NULL && job->preview != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      g_autofree char *hash = cm_import_preview_header_hash (job->preview);

      if (strcmp (hash, job->header_hash) != 0)
        {
          g_clear_object (&job->dataset);
          g_clear_pointer (&job->diagnostics, cm_diagnostics_free);
          g_clear_error (&job->error);
          g_clear_pointer (&job->preview, cm_import_preview_free);
          job->has_options = FALSE;
          job->dataset = cm_loader_load_file_preview (job->file, job->name, NULL, CM_IMPORT_DIALOG_ROWS,
                                                      &job->preview, &job->diagnostics, load_progress,
                                                      source_object, cancellable, &job->error);
        }
    }
  /* A table whose columns were found by guesswork is shown before it
   * opens; one chosen before opens as chosen. A live reload never asks. */
  job->ask = !job->reload && job->preview != NULL &&
             (job->ask || (!job->has_options && !cm_import_preview_is_certain (job->preview)));
  if (job->ask)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* The loader's progress ends at 0.9: the rest is this. */
  if (job->dataset != NULL && !g_cancellable_is_cancelled (cancellable))
    cm_view_data_build (job->dataset, job->lanes, job->basemap, job->dark, job->adoption_mode, &job->index,
                        &job->map_data, &job->adoption);
  if (job->dataset != NULL && job->query != NULL && job->query[0] != '\0'
      && !g_cancellable_is_cancelled (cancellable))
    job->text_index = cm_text_index_new (job->dataset);
  g_task_return_boolean (task, TRUE);
}

void
_cm_window_stop_progress (CmWindow *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  g_clear_object (&self->cancellable);
  _cm_window_notify_loading (self);
}

/* What a start without a file reopens. Not the bundled sample: that is
 * what such a start opens anyway, and it would replace the user's file. */
static void
remember_dataset (CmWindow *self)
{
  GSettings *s = _cm_window_settings (self);
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
  _cm_window_stop_progress (self);

  if (job->ask && !g_error_matches (job->error, CM_LOADER_ERROR, CM_LOADER_ERROR_CANCELLED))
    {
      _cm_window_ask_import (self, job->file, job->name, job->has_options ? &job->options : NULL,
                             g_steal_pointer (&job->preview), g_steal_pointer (&job->diagnostics));
      return;
    }

  g_clear_pointer (&self->problems, cm_diagnostics_free);
  self->problems = g_steal_pointer (&job->diagnostics);

  if (job->dataset != NULL)
    {
      guint notes = self->problems ? cm_diagnostics_get_n (self->problems) : 0;
      g_autofree char *text = NULL;
      g_autofree char *count = NULL;
      g_autoptr(CmReloadState) kept = job->reload ? _cm_window_reload_save (self) : NULL;

      g_set_object (&self->dataset, job->dataset);
      g_set_object (&self->file, job->file);
      remember_dataset (self);
      _cm_window_hold_list (self, TRUE);
      _cm_window_filter_reset (self);
      _cm_window_show_list (self, 0, 0, NULL);
      _cm_window_set_error (self, NULL);
      _cm_window_update_view (self);
      cm_timeline_clear_brush (self->timeline);
      _cm_window_update_timeline (self, job->lanes == _cm_window_lane_mode (self) ? job->index : NULL);
      _cm_window_update_map (self, job->basemap == self->basemap
                                   && job->dark == adw_style_manager_get_dark (adw_style_manager_get_default ())
                                   ? g_steal_pointer (&job->map_data) : NULL);
      _cm_window_update_filters (self);
      /* Built for no filter: a reload's filters come back below. */
      _cm_window_adoption_update_prebuilt (self, job->adoption_mode == self->adoption
                                                 ? g_steal_pointer (&job->adoption) : NULL);
      _cm_window_workspace_fit_places (self);
      if (kept != NULL)
        _cm_window_reload_restore (self, kept, g_steal_pointer (&job->text_index));
      _cm_window_hold_list (self, FALSE);
      _cm_window_watch_file (self);
      _cm_window_bench_loaded (self);
      _cm_window_notify_dataset (self);

      count = cm_format_count (cm_dataset_get_n_announcements (self->dataset));
      if (job->reload)
        text = g_strdup_printf (ngettext ("Reloaded: %s announcement", "Reloaded: %s announcements",
                                          cm_dataset_get_n_announcements (self->dataset)),
                                count);
      else
        text = g_strdup_printf (ngettext ("%s announcement", "%s announcements",
                                          cm_dataset_get_n_announcements (self->dataset)),
                                count);
      /* An import that skipped rows says so first: "59 of 1,188 rows
       * shown — 1,129 skipped: unreadable date". */
      {
        g_autofree char *summary = cm_dataset_format_import_summary (self->dataset);

        if (summary != NULL)
          {
            g_free (text);
            text = g_steal_pointer (&summary);
          }
      }
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
  else if (job->reload && self->dataset != NULL)
    _cm_window_reload_failed (self, self->problems, job->error);
  else
    {
      g_autofree char *text = NULL;

      if (self->dataset != NULL)
        text = g_strdup_printf (_("%s. The dataset shown before is kept."), job->error->message);
      else
        /* Translators: the end of a sentence, after the loader's error. */
        text = g_strdup_printf (_("%s."), job->error->message);
      _cm_window_set_error (self, text);
    }
}

static void
start_job (CmWindow              *self,
           GFile                 *file,
           gboolean               reload,
           const CmImportOptions *options,
           gboolean               ask)
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
  job->lanes = _cm_window_lane_mode (self);
  job->basemap = self->basemap ? g_object_ref (self->basemap) : NULL;
  job->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  job->adoption_mode = self->adoption;
  job->reload = reload;
  job->ask = ask;
  if (options != NULL)
    {
      cm_import_options_copy (&job->options, options);
      job->has_options = TRUE;
    }
  else if (!g_file_has_uri_scheme (file, "resource"))
    job->has_options = cm_import_memory_lookup (file, &job->options, &job->header_hash);
  if (reload)
    job->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  label = g_strdup_printf (reload ? _("Reloading %s…") : _("Opening %s…"), job->name);
  gtk_label_set_text (self->progress_label, label);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  g_atomic_int_set (&self->progress_permille, 0);
  if (self->progress_source == 0)
    self->progress_source = g_timeout_add (100, poll_progress, self);
  _cm_window_notify_loading (self);

  self->load_started = g_get_monotonic_time ();
  task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

void
_cm_window_start_load (CmWindow *self,
                       GFile    *file)
{
  start_job (self, file, FALSE, NULL, FALSE);
}

/* The file shown, read again: what the user made of the view stays. */
void
_cm_window_start_reload (CmWindow *self,
                         GFile    *file)
{
  start_job (self, file, TRUE, NULL, FALSE);
}

void
_cm_window_start_import (CmWindow              *self,
                         GFile                 *file,
                         const CmImportOptions *options,
                         gboolean               ask)
{
  start_job (self, file, FALSE, options, ask);
}
