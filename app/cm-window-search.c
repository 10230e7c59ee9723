/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include <glib/gi18n.h>

#include "cm-window-private.h"

/* Search: the announcements whose text holds every term typed, in all
 * three views at once. The list shows only them, the timeline dims the
 * rest and the map counts only them. The text index is built on a worker
 * thread the first time a dataset is searched (50 ms at 100k, half a
 * second at a million); a query typed meanwhile applies when it is. */

static void
show_count (CmWindow *self)
{
  g_autofree char *text = NULL;

  if (self->search_match == NULL || self->dataset == NULL)
    {
      gtk_label_set_text (self->search_count, "");
      return;
    }
  text = g_strdup_printf (_("%u of %u"), self->search_matched,
                          cm_dataset_get_n_announcements (self->dataset));
  gtk_label_set_text (self->search_count, text);
}

/* The map's events of matching announcements, still in time order. */
void
_cm_window_search_apply_map (CmWindow *self)
{
  CmMapData *d = self->map_data;
  g_autofree gint64 *times = NULL;
  g_autofree guint32 *places = NULL;
  g_autofree guint8 *categories = NULL;
  gsize n;

  if (d == NULL)
    return;
  if (self->search_match == NULL)
    {
      cm_map_set_events (self->map, d->n_events, d->times, d->places, d->categories, d->n_categories);
      return;
    }
  n = cm_map_data_match_events (d, g_bytes_get_data (self->search_match, NULL), &times, &places, &categories);
  cm_map_set_events (self->map, n, times, places, categories, d->n_categories);
}

void
_cm_window_search_apply_timeline (CmWindow *self)
{
  g_autoptr(GtkBitset) dimmed = NULL;
  const guint8 *match;
  guint n;

  if (self->search_match == NULL || self->dataset == NULL)
    {
      cm_timeline_set_dimmed (self->timeline, NULL);
      return;
    }
  match = g_bytes_get_data (self->search_match, NULL);
  n = cm_dataset_get_n_announcements (self->dataset);
  dimmed = gtk_bitset_new_empty ();
  /* Runs, not single marks: the bitset stays compact. */
  for (guint i = 0; i < n;)
    {
      guint j = i;

      while (j < n && match[j] == match[i])
        j++;
      if (!match[i])
        gtk_bitset_add_range (dimmed, i, j - i);
      i = j;
    }
  cm_timeline_set_dimmed (self->timeline, dimmed);
}

static void
apply (CmWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean any_term = FALSE;

  g_clear_pointer (&self->search_match, g_bytes_unref);
  for (const char *p = query; *p; p++)
    any_term |= !g_ascii_isspace (*p);
  if (any_term && self->text_index != NULL)
    {
      guint n = cm_dataset_get_n_announcements (self->dataset);
      guint8 *match = g_malloc (MAX (n, 1));

      self->search_matched = cm_text_index_match (self->text_index, query, match);
      self->search_match = g_bytes_new_take (match, n);
    }
  show_count (self);
  _cm_window_search_apply_timeline (self);
  _cm_window_search_apply_map (self);
  /* A new list: the filter is the same, the rows are not. */
  cm_announcement_list_set_match (self->announcements, self->search_match);
  _cm_window_update_filters (self);
}

static void
build_index_thread (GTask        *task,
                    gpointer      source,
                    gpointer      data,
                    GCancellable *cancellable)
{
  g_task_return_pointer (task, cm_text_index_new (data), (GDestroyNotify) cm_text_index_free);
}

static void
index_built_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(GError) error = NULL;
  CmTextIndex *index = g_task_propagate_pointer (G_TASK (result), &error);
  CmWindow *self;

  /* Cancelled: another dataset, or the window closed. */
  if (index == NULL)
    return;
  self = CM_WINDOW (source);
  g_clear_object (&self->index_cancellable);
  self->text_index = index;
  apply (self);
}

static void
search_changed (CmWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GTask) task = NULL;

  if (self->dataset == NULL || (query[0] == '\0' && self->search_match == NULL))
    return;
  if (self->text_index != NULL || query[0] == '\0')
    {
      apply (self);
      return;
    }
  if (self->index_cancellable != NULL)
    return;
  gtk_label_set_text (self->search_count, _("Indexing…"));
  self->index_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->index_cancellable, index_built_cb, NULL);
  g_task_set_task_data (task, g_object_ref (self->dataset), g_object_unref);
  g_task_run_in_thread (task, build_index_thread);
}

static void
stop_search (CmWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
drop_search (CmWindow *self)
{
  g_cancellable_cancel (self->index_cancellable);
  g_clear_object (&self->index_cancellable);
  g_clear_pointer (&self->text_index, cm_text_index_free);
  g_clear_pointer (&self->search_match, g_bytes_unref);
}

/* A new dataset: no search, and its own index when one is asked for. */
void
_cm_window_search_reset (CmWindow *self)
{
  drop_search (self);
  /* Its search-changed finds nothing to undo. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  show_count (self);
}

void
_cm_window_search_init (CmWindow *self)
{
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (stop_search), self);
}

void
_cm_window_search_dispose (CmWindow *self)
{
  drop_search (self);
  g_clear_pointer (&self->map_data, cm_map_data_free);
}
