/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>

#include "cm-window-private.h"

/* Live reload: the open file is watched, and a save reloads it in the
 * background (cm-window-load.c). A good save replaces the data and keeps
 * what the user made of the view: zoom, brush, filters and selection,
 * the selection by announcement id. A bad one keeps the last good data on
 * screen, with a band giving the first error, until the file is fixed. */

/* A change alone may be a writer half-way through its file: wait for it
 * to be quiet. A close after writing, or an editor's rename of its
 * temporary file over ours, says the file is whole: go almost at once,
 * as a live reload of 100k announcements must show within half a second
 * of the save. */
#define QUIET_MS 300
#define DONE_MS  30

struct _CmReloadState
{
  double      t0, t1;          /* the timeline's visible range */
  gboolean    has_brush;
  double      brush_start, brush_end;
  double      zoom, lon, lat;  /* the map's view */
  double      playhead;
  char      **selected_ids;    /* of the announcements selected */
  char       *focus_id;
  char       *query;
  GHashTable *hidden_categories;  /* ids of those unchecked */
};

void
_cm_reload_state_free (CmReloadState *state)
{
  g_strfreev (state->selected_ids);
  g_free (state->focus_id);
  g_free (state->query);
  g_clear_pointer (&state->hidden_categories, g_hash_table_unref);
  g_free (state);
}

CmReloadState *
_cm_window_reload_save (CmWindow *self)
{
  CmReloadState *state = g_new0 (CmReloadState, 1);
  GtkBitset *selection = cm_timeline_get_selection (self->timeline);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  guint n = self->dataset != NULL ? cm_dataset_get_n_announcements (self->dataset) : 0;
  int focus = cm_timeline_get_focus_mark (self->timeline);
  GtkBitsetIter iter;
  guint mark;

  cm_timeline_get_visible_range (self->timeline, &state->t0, &state->t1);
  state->has_brush = cm_timeline_get_has_brush (self->timeline);
  state->brush_start = cm_timeline_get_brush_start (self->timeline);
  state->brush_end = cm_timeline_get_brush_end (self->timeline);
  state->playhead = cm_timeline_get_playhead (self->timeline);
  state->zoom = cm_map_get_zoom (self->map);
  cm_map_get_center (self->map, &state->lon, &state->lat);

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selection, &mark); ok && mark < n;
       ok = gtk_bitset_iter_next (&iter, &mark))
    g_ptr_array_add (ids, g_strdup (cm_dataset_get_announcement (self->dataset, mark)->id));
  g_ptr_array_add (ids, NULL);
  state->selected_ids = (char **) g_ptr_array_steal (ids, NULL);
  if (focus >= 0 && (guint) focus < n)
    state->focus_id = g_strdup (cm_dataset_get_announcement (self->dataset, focus)->id);

  state->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  state->hidden_categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint c = 0; self->category_shown != NULL && c < self->n_category_shown; c++)
    if (!self->category_shown[c])
      g_hash_table_add (state->hidden_categories, g_strdup (cm_dataset_get_category (self->dataset, c)->id));
  return state;
}

/* After the new dataset is in: what was kept goes back, by id where the
 * data decides (an announcement or category that is gone is dropped). */
void
_cm_window_reload_restore (CmWindow      *self,
                           CmReloadState *state,
                           CmTextIndex   *text_index)
{
  g_autoptr(GtkBitset) selection = gtk_bitset_new_empty ();
  gint found;

  _cm_window_filter_restore (self, state->query, state->hidden_categories, text_index);

  for (guint i = 0; state->selected_ids[i] != NULL; i++)
    if ((found = cm_dataset_find_announcement (self->dataset, state->selected_ids[i])) >= 0)
      gtk_bitset_add (selection, found);
  cm_timeline_set_selection (self->timeline, selection);
  if (state->focus_id != NULL && (found = cm_dataset_find_announcement (self->dataset, state->focus_id)) >= 0)
    cm_timeline_set_focus_mark (self->timeline, found);

  if (state->has_brush)
    cm_timeline_set_brush (self->timeline, state->brush_start, state->brush_end);
  cm_timeline_set_playhead (self->timeline, state->playhead);
  /* Last: focusing a mark may have scrolled the timeline to it. */
  cm_timeline_set_visible_range (self->timeline, state->t0, state->t1);
  cm_map_set_zoom (self->map, state->zoom);
  cm_map_set_center (self->map, state->lon, state->lat);
}

/* The band of a save that could not be read: the first error, where it
 * is, and that what is shown is the last good version. */
void
_cm_window_reload_failed (CmWindow      *self,
                          CmDiagnostics *diagnostics,
                          const GError  *error)
{
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *first = NULL;
  g_autofree char *shortened = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; diagnostics != NULL && i < cm_diagnostics_get_n (diagnostics) && first == NULL; i++)
    {
      const CmDiagnostic *d = cm_diagnostics_get (diagnostics, i);
      if (d->severity == CM_SEVERITY_ERROR)
        first = cm_diagnostic_format (d, name);
    }
  if (first == NULL)
    first = g_strdup (error->message);
  /* A label wraps, but a message may quote a whole line of the file. */
  shortened = cm_text_shorten (first, TOOLTIP_FIELD_CHARS * 3);
  text = g_strdup_printf (_("Not reloaded: %s. The last good version stays on screen until the file is fixed."),
                          shortened);
  _cm_window_set_error (self, text);
}

/* Watching ---------------------------------------------------------------- */

static gboolean
reload_due (gpointer user_data)
{
  CmWindow *self = user_data;

  self->reload_source = 0;
  _cm_window_reload (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reload (CmWindow *self,
                 guint     delay_ms)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add (delay_ms, reload_due, self);
}

/* The directory is watched, not the file: an editor that saves by
 * writing a new file and renaming it over ours replaces the inode a file
 * monitor would follow. */
static void
directory_changed (GFileMonitor      *monitor,
                   GFile             *file,
                   GFile             *other,
                   GFileMonitorEvent  event,
                   CmWindow          *self)
{
  gboolean ours = self->file != NULL && g_file_equal (file, self->file);
  gboolean ours_other = self->file != NULL && other != NULL && g_file_equal (other, self->file);

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
      if (ours)
        schedule_reload (self, QUIET_MS);
      break;
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      if (ours)
        schedule_reload (self, DONE_MS);
      break;
    case G_FILE_MONITOR_EVENT_RENAMED:
      if (ours_other)
        schedule_reload (self, DONE_MS);
      break;
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      /* Gone or renamed away: the data stays; an editor's new file
       * arriving under the name is a CREATED or RENAMED. */
      break;
    }
}

void
_cm_window_watch_file (CmWindow *self)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;

  if (self->file != NULL && self->watched != NULL && g_file_equal (self->file, self->watched))
    return;
  _cm_window_unwatch_file (self);
  /* The bundled sample cannot change; a file without a parent is a root. */
  if (self->file == NULL || !g_file_is_native (self->file) || (dir = g_file_get_parent (self->file)) == NULL)
    return;
  self->monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Not watching %s: %s", g_file_peek_path (dir), error->message);
      return;
    }
  self->watched = g_object_ref (self->file);
  g_signal_connect (self->monitor, "changed", G_CALLBACK (directory_changed), self);
}

void
_cm_window_unwatch_file (CmWindow *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
    }
  g_clear_object (&self->monitor);
  g_clear_object (&self->watched);
}

void
_cm_window_reload (CmWindow *self)
{
  if (self->file == NULL)
    return;
  _cm_window_start_reload (self, self->file);
}
