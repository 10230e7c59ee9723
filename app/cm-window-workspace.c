/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cm-announcement-columns.h"
#include "cm-links.h"
#include "cm-map-focus.h"
#include "cm-time-filter.h"
#include "cm-window-private.h"

/* The workspace beside the map: the sidebar (F9) with the list above and
 * the details of the announcement selected below, and the filter bar
 * over the views. One announcement is "current": a click on a row, on a
 * mark or playback makes it so, and it is selected in the list, shown in
 * the details, outlined on the timeline and ringed on the map. The
 * filter bar shows a chip per filter in force — the period brushed, the
 * categories, the places or marks selected, the search — each removable,
 * and one count for all of them: the rows the list shows. */

static GtkSingleSelection *
list_selection (CmWindow *self)
{
  GtkSelectionModel *model = gtk_column_view_get_model (self->column_view);

  return GTK_IS_SINGLE_SELECTION (model) ? GTK_SINGLE_SELECTION (model) : NULL;
}

static guint
n_rows (CmWindow *self)
{
  return self->announcements != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->announcements)) : 0;
}

/* GTK 4.8's column view cannot scroll to a row (4.12 can): its rows are
 * of one height, so the adjustment says where row @position is. */
static void
scroll_to_row (CmWindow *self,
               guint     position)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->column_view), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
  GtkAdjustment *adj;
  double upper, page, value, header_h, row_h, y;
  guint n = n_rows (self);

  if (scroller == NULL || n == 0)
    return;
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  upper = gtk_adjustment_get_upper (adj);
  page = gtk_adjustment_get_page_size (adj);
  value = gtk_adjustment_get_value (adj);
  header_h = header != NULL ? gtk_widget_get_height (header) : 0;
  row_h = (upper - header_h) / n;
  if (row_h <= 0)
    return;
  y = header_h + position * row_h;
  if (y < value + header_h || y + row_h > value + page)
    gtk_adjustment_set_value (adj, CLAMP (y - page / 3, 0, MAX (upper - page, 0)));
}

static void
select_row (CmWindow *self,
            int       announcement,
            gboolean  scroll)
{
  GtkSingleSelection *selection = list_selection (self);
  int position = announcement >= 0 && self->announcements != NULL
                 ? cm_announcement_list_find (self->announcements, (guint) announcement) : -1;

  if (selection == NULL)
    return;
  self->selecting = TRUE;
  gtk_single_selection_set_selected (selection, position >= 0 ? (guint) position : GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;
  if (position >= 0 && scroll)
    scroll_to_row (self, (guint) position);
}

static void
update_actions (CmWindow *self)
{
  gboolean any = self->current >= 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-announcement", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-csv", any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-source", cm_details_get_link (self->details) != NULL);
}

void
_cm_window_set_current (CmWindow *self,
                        int       announcement)
{
  const CmAnnouncement *a = NULL;

  if (self->dataset == NULL || announcement < 0 || (guint) announcement >= cm_dataset_get_n_announcements (self->dataset))
    announcement = -1;
  self->current = announcement;
  g_set_weak_pointer (&self->current_dataset, self->dataset);
  cm_details_show (self->details, self->dataset, announcement);
  select_row (self, announcement, TRUE);
  if (announcement >= 0)
    a = cm_dataset_get_announcement (self->dataset, (guint) announcement);
  /* Outlined on the timeline (which scrolls to it) and ringed on the map:
   * a focus, not a selection, which would filter the list. */
  if (a != NULL)
    cm_timeline_set_focus_mark (self->timeline, announcement);
  cm_map_painter_set_focus_place (cm_map_get_painter (self->map), a != NULL ? a->place : -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->map));
  update_actions (self);
}

static void
row_selected (GtkSingleSelection *selection,
              GParamSpec         *pspec,
              CmWindow           *self)
{
  guint position = gtk_single_selection_get_selected (selection);

  if (self->selecting || position == GTK_INVALID_LIST_POSITION || position >= n_rows (self))
    return;
  _cm_window_set_current (self, (int) cm_announcement_list_get_index (self->announcements, position));
}

/* The filter bar ------------------------------------------------------------ */

typedef enum
{
  CHIP_PERIOD,
  CHIP_CATEGORIES,
  CHIP_SELECTION,
  CHIP_SEARCH,
} Chip;

static void remove_period     (CmWindow *self);
static void remove_categories (CmWindow *self);
static void remove_selection  (CmWindow *self);
static void remove_search     (CmWindow *self);

static void
chip_clicked (GtkButton *button,
              CmWindow  *self)
{
  switch ((Chip) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "chip")))
    {
    case CHIP_PERIOD:
      remove_period (self);
      break;
    case CHIP_CATEGORIES:
      remove_categories (self);
      break;
    case CHIP_SELECTION:
      remove_selection (self);
      break;
    case CHIP_SEARCH:
    default:
      remove_search (self);
      break;
    }
}

/* @text is shown as plain text: it holds dataset names and the query. */
static void
add_chip (CmWindow   *self,
          const char *text,
          Chip        kind)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *name = g_strdup_printf (_("Remove filter: %s"), text);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "filter-chip");
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (button), "chip", GINT_TO_POINTER (kind));
  g_signal_connect (button, "clicked", G_CALLBACK (chip_clicked), self);
  gtk_box_append (self->chip_box, button);
}

static void
remove_period (CmWindow *self)
{
  cm_timeline_clear_brush (self->timeline);
}

static void
remove_selection (CmWindow *self)
{
  cm_timeline_set_selection (self->timeline, NULL);
}

static void
remove_search (CmWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
remove_categories (CmWindow *self)
{
  g_signal_emit_by_name (self->all_categories_button, "clicked");
}

static char *
period_text (CmWindow *self)
{
  gint64 start = (gint64) floor (cm_timeline_get_brush_start (self->timeline));
  gint64 end = (gint64) ceil (cm_timeline_get_brush_end (self->timeline));
  g_autofree char *from = cm_date_format (start, CM_PRECISION_DAY);
  g_autofree char *to = cm_date_format (MAX (end - 1, start), CM_PRECISION_DAY);

  if (g_strcmp0 (from, to) == 0)
    return g_steal_pointer (&from);
  return g_strdup_printf ("%s – %s", from, to);
}

/* "Wuhan (武汉市)" when the marks selected are one place's, else a count. */
static char *
selection_text (CmWindow  *self,
                GtkBitset *marks)
{
  g_autoptr(GtkBitset) places = cm_map_get_selection (self->map);
  guint64 n = gtk_bitset_get_size (marks);

  if (gtk_bitset_get_size (places) == 1)
    {
      g_autofree char *place = cm_dataset_format_place (self->dataset, (gint32) gtk_bitset_get_nth (places, 0));

      if (place != NULL)
        /* Translators: a filter chip: the place clicked on the map. */
        return g_strdup_printf (_("Place: %s"), place);
    }
  if (gtk_bitset_get_size (places) > 1)
    return g_strdup_printf (g_dngettext (NULL, "%u place", "%u places", (gulong) gtk_bitset_get_size (places)),
                            (guint) gtk_bitset_get_size (places));
  return g_strdup_printf (g_dngettext (NULL, "%u selected", "%u selected", (gulong) n), (guint) n);
}

static char *
categories_text (CmWindow *self)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint shown = 0, n = self->n_category_shown;

  for (guint c = 0; c < n; c++)
    if (self->category_shown[c])
      {
        if (shown < 2)
          g_string_append_printf (names, "%s%s", shown ? ", " : "", cm_dataset_get_category (self->dataset, c)->label);
        shown++;
      }
  if (shown == 0)
    return g_strdup (_("No categories"));
  if (shown <= 2)
    return g_strdup (names->str);
  return g_strdup_printf (_("%u of %u categories"), shown, n);
}

static void
update_filter_bar (CmWindow *self)
{
  GtkWidget *child;
  guint total = self->dataset != NULL ? cm_dataset_get_n_announcements (self->dataset) : 0;
  guint shown_categories = 0;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  GtkBitset *marks = cm_timeline_get_selection (self->timeline);
  g_autofree char *rows = cm_format_count (n_rows (self));
  g_autofree char *all = cm_format_count (total);
  g_autofree char *count = NULL;
  gboolean any;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chip_box))) != NULL)
    gtk_box_remove (self->chip_box, child);
  if (self->dataset == NULL)
    {
      gtk_revealer_set_reveal_child (self->filter_revealer, FALSE);
      return;
    }
  if (cm_timeline_get_has_brush (self->timeline))
    {
      g_autofree char *text = period_text (self);
      add_chip (self, text, CHIP_PERIOD);
    }
  for (guint c = 0; self->category_shown != NULL && c < self->n_category_shown; c++)
    shown_categories += self->category_shown[c] != FALSE;
  if (self->category_shown != NULL && shown_categories < self->n_category_shown)
    {
      g_autofree char *text = categories_text (self);
      add_chip (self, text, CHIP_CATEGORIES);
    }
  if (!gtk_bitset_is_empty (marks))
    {
      g_autofree char *text = selection_text (self, marks);
      add_chip (self, text, CHIP_SELECTION);
    }
  if (self->filter_match != NULL && query[0] != '\0')
    {
      g_autofree char *cut = cm_text_shorten (query, 40);
      g_autofree char *text = g_strdup_printf ("“%s”", cut);
      add_chip (self, text, CHIP_SEARCH);
    }
  any = gtk_widget_get_first_child (GTK_WIDGET (self->chip_box)) != NULL;
  count = g_strdup_printf (g_dngettext (NULL, "%s of %s announcement", "%s of %s announcements", total), rows, all);
  gtk_label_set_text (self->filter_count, any ? count : "");
  gtk_revealer_set_reveal_child (self->filter_revealer, any);
  /* The search bar's count is this one: read where the typing is. */
  gtk_label_set_text (self->search_count, any ? count : "");
  if (any)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, count, -1);
}

static void
sort_orders_thread (GTask        *task,
                    gpointer      source,
                    gpointer      data,
                    GCancellable *cancellable)
{
  for (CmSortKey key = 0; key < CM_N_SORTS; key++)
    cm_dataset_get_sort_order (data, key);
  g_task_return_boolean (task, TRUE);
}

/* The list's orders are computed once per dataset, on a worker thread
 * (two seconds at a million, most of it the titles), so that a click on
 * a header only walks one. They wait for the first frame that shows the
 * dataset: started with it, they took a core from that frame. */
static void
sort_orders_after_paint (GdkFrameClock *clock,
                         CmWindow      *self)
{
  g_autoptr(GTask) task = NULL;

  g_clear_signal_handler (&self->sort_orders_handler, clock);
  g_clear_weak_pointer (&self->sort_orders_clock);
  if (self->dataset == NULL || cm_dataset_get_n_announcements (self->dataset) == 0)
    return;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (self->dataset), g_object_unref);
  g_task_run_in_thread (task, sort_orders_thread);
}

static void
prepare_sort_orders (CmWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  /* Pending on a clock still there: that paint serves this dataset too. */
  if (self->sort_orders_clock != NULL && self->sort_orders_clock == clock)
    return;
  if (clock == NULL)
    {
      sort_orders_after_paint (NULL, self);
      return;
    }
  g_set_weak_pointer (&self->sort_orders_clock, clock);
  self->sort_orders_handler = g_signal_connect_object (clock, "after-paint", G_CALLBACK (sort_orders_after_paint),
                                                       self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_cm_window_workspace_set_list (CmWindow *self)
{
  g_autoptr(GtkSingleSelection) selection = NULL;
  gboolean empty;

  if (self->current_dataset != self->dataset)
    {
      /* Another dataset: nothing selected, columns for its names. */
      self->current = -1;
      self->followed = -1;
      g_set_weak_pointer (&self->current_dataset, self->dataset);
      cm_details_show (self->details, NULL, -1);
      cm_announcement_columns_fit (self->column_view, self->dataset);
      prepare_sort_orders (self);
    }
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->announcements)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (selection, "notify::selected", G_CALLBACK (row_selected), self, 0);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  select_row (self, self->current, FALSE);

  empty = self->dataset != NULL && cm_dataset_get_n_announcements (self->dataset) > 0 && n_rows (self) == 0;
  /* The page not shown is hidden, out of the accessibility tree. */
  gtk_widget_set_visible (gtk_stack_get_child_by_name (self->list_stack, empty ? "empty" : "list"), TRUE);
  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
  gtk_widget_set_visible (gtk_stack_get_child_by_name (self->list_stack, empty ? "list" : "empty"), FALSE);
  update_filter_bar (self);
  update_actions (self);
}

void
_cm_window_workspace_reset (CmWindow *self)
{
  g_clear_weak_pointer (&self->current_dataset);
  _cm_window_workspace_set_list (self);
}

/* Sorting ------------------------------------------------------------------- */

static void
sort_changed (CmWindow *self)
{
  CmSortKey key = CM_SORT_DATE;
  gboolean ascending = FALSE;

  /* The columns go when the window is disposed. */
  if (self->column_view == NULL || self->announcements == NULL)
    return;
  /* No column sorted (a third click): newest first, as on open. */
  cm_announcement_columns_get_sort (self->column_view, &key, &ascending);
  if (key == self->sort_key && ascending == self->sort_ascending)
    return;
  self->sort_key = key;
  self->sort_ascending = ascending;
  cm_announcement_list_set_sort (self->announcements, key, ascending);
  select_row (self, self->current, TRUE);
}

/* Playback ------------------------------------------------------------------ */

/* While playing, the list selects the latest announcement the playhead
 * has reached, as the map shows it. */
void
_cm_window_playhead_follow (CmWindow *self)
{
  const guint32 *order;
  gint64 playhead;
  guint cut;

  if (self->dataset == NULL || !cm_timeline_get_playing (self->timeline))
    return;
  playhead = (gint64) cm_timeline_get_playhead (self->timeline);
  cut = cm_dataset_time_order_cut (self->dataset, playhead == G_MAXINT64 ? playhead : playhead + 1);
  order = cm_dataset_get_time_order (self->dataset);
  /* The latest one begun that the filters keep. */
  for (guint k = cut; k-- > 0 && order != NULL;)
    {
      if ((int) order[k] == self->followed)
        return;
      if (cm_announcement_list_find (self->announcements, order[k]) >= 0)
        {
          self->followed = (int) order[k];
          _cm_window_set_current (self, (int) order[k]);
          return;
        }
      /* Not in the list: only the few latest are looked at. */
      if (cut - k > 64)
        return;
    }
}

/* Copy and open --------------------------------------------------------------- */

static char *
source_url (CmWindow             *self,
            const CmAnnouncement *a)
{
  for (guint i = 0; i < a->n_sources; i++)
    {
      gint32 s = cm_dataset_get_source_ref (self->dataset, a, i);
      const CmSource *source = s >= 0 ? cm_dataset_get_source (self->dataset, (guint) s) : NULL;

      if (source != NULL && source->url != NULL && *source->url != '\0')
        return g_strdup (source->url);
    }
  return NULL;
}

/* "11 Jan 2022 — Wuhan (武汉市) — Government work report … — https://…" */
static char *
citation (CmWindow *self,
          guint     index)
{
  const CmAnnouncement *a = cm_dataset_get_announcement (self->dataset, index);
  g_autofree char *when = cm_dataset_format_when (self->dataset, a);
  g_autofree char *place = cm_dataset_format_place (self->dataset, a->place);
  g_autofree char *title = cm_dataset_dup_text (self->dataset, a->title);
  g_autofree char *url = source_url (self, a);
  GString *s = g_string_new (when);

  for (const char *part[] = { place, title, url }, **p = part; p < part + 3; p++)
    if (*p != NULL && **p != '\0')
      g_string_append_printf (s, " — %s", *p);
  return g_string_free (s, FALSE);
}

static void
csv_field (GString    *s,
           const char *text)
{
  if (s->len > 0 && s->str[s->len - 1] != '\n')
    g_string_append_c (s, ',');
  g_string_append_c (s, '"');
  for (const char *p = text ? text : ""; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

static char *
csv_row (CmWindow *self,
         guint     index)
{
  const CmAnnouncement *a = cm_dataset_get_announcement (self->dataset, index);
  g_autofree char *written = cm_dataset_dup_text (self->dataset, a->date_text);
  g_autofree char *place = cm_dataset_format_place (self->dataset, a->place);
  g_autofree char *title = cm_dataset_dup_text (self->dataset, a->title);
  g_autofree char *url = source_url (self, a);
  GString *s = g_string_new ("id,date,place,category,title,source\n");

  csv_field (s, a->id);
  csv_field (s, written);
  csv_field (s, place);
  csv_field (s, a->category >= 0 ? cm_dataset_get_category (self->dataset, a->category)->label : NULL);
  csv_field (s, title);
  csv_field (s, url);
  g_string_append_c (s, '\n');
  return g_string_free (s, FALSE);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmWindow *self = CM_WINDOW (widget);
  g_autofree char *text = NULL;

  if (self->dataset == NULL || self->current < 0)
    return;
  if (g_str_equal (action_name, "win.copy-csv"))
    text = csv_row (self, (guint) self->current);
  else
    text = citation (self, (guint) self->current);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
open_source_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CmWindow *self = CM_WINDOW (widget);
  const char *url = cm_details_get_link (self->details);

  /* Checked again at the moment of opening, not only when shown. */
  if (url != NULL && cm_link_is_openable (url))
    gtk_show_uri (GTK_WINDOW (self), url, GDK_CURRENT_TIME);
}

/* Enter (or a double click) on a row opens its source. */
static void
row_activated (GtkColumnView *view,
               guint          position,
               CmWindow      *self)
{
  if (position >= n_rows (self))
    return;
  _cm_window_set_current (self, (int) cm_announcement_list_get_index (self->announcements, position));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-source", NULL);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmWindow *self = CM_WINDOW (widget);
  GtkSingleSelection *selection = list_selection (self);
  int step = g_str_equal (action_name, "win.next-announcement") ? 1 : -1;
  guint n = n_rows (self), position;

  if (selection == NULL || n == 0)
    return;
  position = gtk_single_selection_get_selected (selection);
  if (position == GTK_INVALID_LIST_POSITION || position >= n)
    position = step > 0 ? 0 : n - 1;
  else if ((step < 0 && position == 0) || (step > 0 && position + 1 >= n))
    return;
  else
    position += step;
  _cm_window_set_current (self, (int) cm_announcement_list_get_index (self->announcements, position));
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CmWindow *self = CM_WINDOW (widget);

  gtk_widget_set_visible (self->sidebar, !gtk_widget_get_visible (self->sidebar));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CmWindow *self = CM_WINDOW (widget);

  /* Closed, the search bar filters nothing (cm-window-filter.c). */
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  remove_search (self);
  remove_categories (self);
  cm_timeline_set_selection (self->timeline, NULL);
  cm_timeline_clear_brush (self->timeline);
}

/* The context menu ------------------------------------------------------------ */

static GMenuModel *
row_menu (void)
{
  GMenu *menu = g_menu_new ();

  g_menu_append (menu, _("_Copy"), "win.copy-announcement");
  g_menu_append (menu, _("Copy as CS_V"), "win.copy-csv");
  g_menu_append (menu, _("_Open Source"), "win.open-source");
  return G_MENU_MODEL (menu);
}

static void
popover_destroy (GtkWidget *view,
                 GtkWidget *popover)
{
  gtk_widget_unparent (popover);
}

static void
show_row_menu (CmWindow *self,
               double    x,
               double    y)
{
  GtkWidget *popover = g_object_get_data (G_OBJECT (self->column_view), "cm-row-menu");
  GdkRectangle at = { (int) x, (int) y, 1, 1 };

  if (popover == NULL)
    {
      g_autoptr(GMenuModel) menu = row_menu ();

      popover = gtk_popover_menu_new_from_model (menu);
      gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
      gtk_widget_set_halign (popover, GTK_ALIGN_START);
      gtk_widget_set_parent (popover, GTK_WIDGET (self->column_view));
      g_object_set_data (G_OBJECT (self->column_view), "cm-row-menu", popover);
      g_signal_connect (self->column_view, "destroy", G_CALLBACK (popover_destroy), popover);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &at);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
list_pressed (GtkGestureClick *gesture,
              int              n_press,
              double           x,
              double           y,
              CmWindow        *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *picked = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
  guint index = 0;

  for (GtkWidget *w = picked; w != NULL && w != view && index == 0; w = gtk_widget_get_parent (w))
    index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (w), "cm-announcement"));
  if (index == 0)
    return;
  _cm_window_set_current (self, (int) index - 1);
  show_row_menu (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Shift+F10 and the Menu key open it at the current row. */
static gboolean
menu_key (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  CmWindow *self = CM_WINDOW (widget);
  graphene_point_t at = GRAPHENE_POINT_INIT (24, 24);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (self->current < 0 || focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)))
    return FALSE;
  if (!gtk_widget_compute_point (focus, GTK_WIDGET (self->column_view), &at, &at))
    return FALSE;
  show_row_menu (self, at.x, at.y);
  return TRUE;
}

/* The columns follow the list's width. GTK 4.8 gives a widget no signal
 * when it is resized; the horizontal adjustment's page is its width. */
static gboolean
fit_columns (gpointer data)
{
  GtkWidget *view = data;
  GtkWidget *scroller = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);

  g_object_set_data (G_OBJECT (view), "cm-fit-pending", NULL);
  if (scroller != NULL)
    cm_announcement_columns_fit_width (GTK_COLUMN_VIEW (view), gtk_widget_get_width (scroller));
  return G_SOURCE_REMOVE;
}

/* Refitted after the allocation that changed the width, not inside it. */
static void
list_width_changed (GtkAdjustment *adjustment,
                    CmWindow      *self)
{
  if (self->column_view == NULL || g_object_get_data (G_OBJECT (self->column_view), "cm-fit-pending") != NULL)
    return;
  g_object_set_data (G_OBJECT (self->column_view), "cm-fit-pending", GINT_TO_POINTER (1));
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, fit_columns, g_object_ref (self->column_view), g_object_unref);
}

/* Setup ------------------------------------------------------------------------ */

void
_cm_window_workspace_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, CmWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, vpaned);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, nomap_revealer);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, nomap_label);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, details);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, chip_box);
  gtk_widget_class_bind_template_child (widget_class, CmWindow, filter_count);

  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.copy-announcement", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.copy-csv", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.open-source", NULL, open_source_action);
  gtk_widget_class_install_action (widget_class, "win.previous-announcement", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.next-announcement", NULL, step_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.previous-announcement", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next-announcement", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, menu_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, menu_key, NULL);
}

void
_cm_window_workspace_fit_places (CmWindow *self)
{
  guint n = self->dataset != NULL ? cm_dataset_get_n_announcements (self->dataset) : 0;
  gboolean mapless = n > 0 && cm_dataset_get_n_without_place (self->dataset) == n;
  int height = gtk_widget_get_height (GTK_WIDGET (self->vpaned));

  if (mapless == !gtk_widget_get_visible (GTK_WIDGET (self->map)))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->map), !mapless);
  gtk_revealer_set_reveal_child (self->nomap_revealer, mapless);
  if (mapless)
    {
      g_autofree char *count = cm_format_count (n);
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "The announcement has no place, so there is no map: the timeline takes its room.",
                                                            "None of the %s announcements has a place, so there is no map: the timeline takes its room.",
                                                            n), count);

      gtk_label_set_text (self->nomap_label, text);
      /* The list above keeps a third; the rest is the timeline's. */
      self->vpaned_position = gtk_paned_get_position (self->vpaned);
      gtk_paned_set_position (self->vpaned, height > 0 ? height / 3 : 240);
    }
  else if (self->vpaned_position >= 0)
    {
      gtk_paned_set_position (self->vpaned, self->vpaned_position);
      self->vpaned_position = -1;
    }
}

void
_cm_window_workspace_init (CmWindow *self)
{
  GtkGesture *press = gtk_gesture_click_new ();

  self->current = -1;
  self->followed = -1;
  self->vpaned_position = -1;
  self->sort_key = CM_SORT_DATE;
  self->sort_ascending = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->search_count), FALSE);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (press), GDK_BUTTON_SECONDARY);
  g_signal_connect (press, "pressed", G_CALLBACK (list_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (press));
  g_signal_connect (self->column_view, "activate", G_CALLBACK (row_activated), self);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sort_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (
                             GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (self->column_view),
                                                                           GTK_TYPE_SCROLLED_WINDOW))),
                           "changed", G_CALLBACK (list_width_changed), self, 0);
  _cm_window_workspace_set_list (self);
}
