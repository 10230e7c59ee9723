/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include <string.h>

#include <glib/gi18n.h>

#include "cm-window-private.h"

/* The filter bar (Ctrl+F): a search and a choice of categories, applied
 * to all three views at once. The list shows only the announcements that
 * pass, the timeline dims the rest and the map counts only them. A search
 * keeps the announcements whose text holds every term typed; its text
 * index is built on a worker thread the first time a dataset is searched
 * (30 ms at 100k, half a second at a million), and a query typed
 * meanwhile applies when it is. Closing the bar clears both. */

static guint
n_categories_shown (CmWindow *self,
                    guint    *n)
{
  guint shown = 0;

  /* The buttons' own count: they were made for the dataset shown. */
  *n = self->category_shown != NULL ? self->n_category_shown : 0;
  for (guint c = 0; c < *n; c++)
    shown += self->category_shown[c];
  return shown;
}

static void
show_count (CmWindow *self)
{
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  g_autofree char *matched = NULL;
  g_autofree char *total = NULL;
  guint n, shown = n_categories_shown (self, &n);

  if (shown == n)
    label = g_strdup (_("All Categories"));
  else
    label = g_strdup_printf (g_dngettext (NULL, "%u of %u Category", "%u of %u Categories", n), shown, n);
  gtk_menu_button_set_label (self->category_button, label);

  if (self->filter_match == NULL || self->dataset == NULL)
    {
      gtk_label_set_text (self->search_count, "");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  matched = cm_format_count (self->filter_matched);
  total = cm_format_count (cm_dataset_get_n_announcements (self->dataset));
  text = g_strdup_printf (_("%s of %s announcements"), matched, total);
  gtk_label_set_text (self->search_count, text);
  /* Read out where the typing is: the count is beside it, not focused. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

/* The filter's projections are the view data's (cm-view-filter.c): the
 * window only hands them over. */
static const guint8 *
filter_mask (CmWindow *self)
{
  return self->filter_match != NULL && self->dataset != NULL ? g_bytes_get_data (self->filter_match, NULL) : NULL;
}

/* Categories are the map's own mask; its events are cut again only when
 * the search changes (or categories it cannot tell apart do). */
void
_cm_window_filter_apply_map (CmWindow *self)
{
  CmMapPainter *painter = cm_map_get_painter (self->map);
  GBytes *keep;

  if (self->map_data == NULL)
    return;
  if (self->filter_match == NULL || self->dataset == NULL)
    {
      cm_view_filter_map_categories (self->map_data, NULL, 0, painter);
      keep = NULL;
    }
  else if (cm_view_filter_map_categories (self->map_data, self->category_shown, self->n_category_shown, painter))
    keep = self->text_match;
  else
    keep = self->filter_match;
  if (self->map_keep_valid && keep == self->map_keep)
    return;
  cm_view_filter_apply_map (self->map_data, keep != NULL ? g_bytes_get_data (keep, NULL) : NULL, painter);
  g_clear_pointer (&self->map_keep, g_bytes_unref);
  self->map_keep = keep != NULL ? g_bytes_ref (keep) : NULL;
  self->map_keep_valid = TRUE;
}

void
_cm_window_filter_apply_timeline (CmWindow *self)
{
  guint n = self->dataset != NULL ? cm_dataset_get_n_announcements (self->dataset) : 0;
  g_autofree guint8 *dimmed = cm_view_filter_timeline_dimmed (filter_mask (self), n);

  cm_timeline_set_dimmed (self->timeline, dimmed);
}

static void
apply (CmWindow *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean by_text = FALSE, by_category, was_filtered = self->filter_match != NULL;
  guint n_categories;

  if (self->categories_batch)
    return;
  g_clear_pointer (&self->filter_match, g_bytes_unref);
  if (self->dataset == NULL)
    return;
  for (const char *p = query; *p; p++)
    by_text |= !g_ascii_isspace (*p);
  by_text &= self->text_index != NULL;
  by_category = n_categories_shown (self, &n_categories) < n_categories;
  /* The search's own match is kept while its query is: a category
   * change does not search again. */
  if (!by_text)
    {
      g_clear_pointer (&self->text_match, g_bytes_unref);
      g_clear_pointer (&self->text_query, g_free);
    }
  else if (self->text_match == NULL || g_strcmp0 (self->text_query, query) != 0)
    {
      guint n = cm_dataset_get_n_announcements (self->dataset);
      guint8 *match = g_malloc (MAX (n, 1));

      self->text_matched = cm_text_index_match (self->text_index, query, match);
      g_clear_pointer (&self->text_match, g_bytes_unref);
      self->text_match = g_bytes_new_take (match, n);
      g_free (self->text_query);
      self->text_query = g_strdup (query);
    }
  if (by_text && !by_category)
    {
      self->filter_match = g_bytes_ref (self->text_match);
      self->filter_matched = self->text_matched;
    }
  else if (by_category)
    {
      guint n = cm_dataset_get_n_announcements (self->dataset);
      guint8 *match = g_malloc (MAX (n, 1));

      if (by_text)
        memcpy (match, g_bytes_get_data (self->text_match, NULL), n);
      else
        memset (match, 1, n);
      self->filter_matched = cm_dataset_match_categories (self->dataset, self->category_shown, match);
      self->filter_match = g_bytes_new_take (match, n);
    }
  show_count (self);
  /* Nothing filtered before or now: the views are right as they are (a
   * million events cost the map 20 ms to take again). */
  if (self->filter_match == NULL && !was_filtered)
    return;
  _cm_window_filter_apply_timeline (self);
  _cm_window_filter_apply_map (self);
  _cm_window_adoption_update (self);
  /* A new list: the filter is the same, the rows are not. */
  cm_announcement_list_set_match (self->announcements, self->filter_match);
  _cm_window_update_filters (self);
  _cm_window_describe_list (self);
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

  if (self->dataset == NULL)
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
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
show_all_categories (CmWindow *self)
{
  /* One refilter for all the buttons. */
  self->categories_batch = TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->category_box)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (c), TRUE);
  self->categories_batch = FALSE;
  apply (self);
}

/* Closed, the bar filters nothing: what is filtered is always in view. */
static void
search_mode_changed (CmWindow *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  show_all_categories (self);
}

static void
category_toggled (GtkCheckButton *button,
                  CmWindow       *self)
{
  guint c = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "category"));

  if (self->category_shown == NULL || c >= self->n_category_shown)
    return;
  self->category_shown[c] = gtk_check_button_get_active (button);
  apply (self);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  guint32 rgb = GPOINTER_TO_UINT (data);
  double r = MIN (width, height) / 2.0;

  cairo_arc (cr, width / 2.0, height / 2.0, r, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
  cairo_fill (cr);
}

/* One check button per category of the dataset, each with its colour. */
static void
fill_categories (CmWindow *self)
{
  GtkWidget *child;
  guint n = self->dataset ? cm_dataset_get_n_categories (self->dataset) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->category_box))) != NULL)
    gtk_box_remove (self->category_box, child);
  g_clear_pointer (&self->category_shown, g_free);
  self->category_shown = g_new0 (gboolean, MAX (n, 1));
  self->n_category_shown = n;
  for (guint c = 0; c < n; c++)
    {
      const CmCategory *category = cm_dataset_get_category (self->dataset, c);
      GtkWidget *button = gtk_check_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_drawing_area_new ();
      GtkWidget *label = gtk_label_new (category->label ? category->label : category->id);

      self->category_shown[c] = TRUE;
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 10);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 10);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                      GUINT_TO_POINTER (category->color), NULL);
      /* Dataset text: plain, never markup, and kept to one short line. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), swatch);
      gtk_box_append (GTK_BOX (box), label);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (button), box);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (button), TRUE);
      g_object_set_data (G_OBJECT (button), "category", GUINT_TO_POINTER (c));
      g_signal_connect (button, "toggled", G_CALLBACK (category_toggled), self);
      gtk_box_append (self->category_box, button);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->category_button), n > 1);
}

static void
drop_filter (CmWindow *self)
{
  g_cancellable_cancel (self->index_cancellable);
  g_clear_object (&self->index_cancellable);
  g_clear_pointer (&self->text_index, cm_text_index_free);
  g_clear_pointer (&self->filter_match, g_bytes_unref);
  g_clear_pointer (&self->text_match, g_bytes_unref);
  g_clear_pointer (&self->text_query, g_free);
  g_clear_pointer (&self->map_keep, g_bytes_unref);
  self->map_keep_valid = FALSE;
}

/* A new dataset: no search, and its own index when one is asked for. */
void
_cm_window_filter_reset (CmWindow *self)
{
  drop_filter (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  fill_categories (self);
  show_count (self);
}

void
_cm_window_filter_init (CmWindow *self)
{
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (stop_search), self);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (search_mode_changed), self);
  g_signal_connect_swapped (self->all_categories_button, "clicked", G_CALLBACK (show_all_categories), self);
}

void
_cm_window_filter_dispose (CmWindow *self)
{
  drop_filter (self);
  g_clear_pointer (&self->category_shown, g_free);
  g_clear_pointer (&self->map_data, cm_map_data_free);
}

/* A live reload: the search and the categories unchecked before, by id,
 * applied at once to the new dataset (cm-window-reload.c). */
void
_cm_window_filter_restore (CmWindow    *self,
                           const char  *query,
                           GHashTable  *hidden_categories,
                           CmTextIndex *text_index)
{
  if (self->text_index == NULL)
    self->text_index = g_steal_pointer (&text_index);
  g_clear_pointer (&text_index, cm_text_index_free);
  self->categories_batch = TRUE;
  for (GtkWidget *b = gtk_widget_get_first_child (GTK_WIDGET (self->category_box)); b != NULL;
       b = gtk_widget_get_next_sibling (b))
    {
      guint c = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (b), "category"));

      if (c < self->n_category_shown
          && g_hash_table_contains (hidden_categories, cm_dataset_get_category (self->dataset, c)->id))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (b), FALSE);
    }
  self->categories_batch = FALSE;
  /* The entry's own search-changed comes after its delay, and finds the
   * filter applied. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  if (self->text_index == NULL && query[0] != '\0')
    search_changed (self);
  else
    apply (self);
}
