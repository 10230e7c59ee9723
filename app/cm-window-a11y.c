/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>

#include "cm-window-private.h"

/* The window for keyboard and screen-reader users: names where GTK gives
 * none or a doubled one, one Tab stop per view, F6 between the views,
 * nothing hidden left in the accessibility tree, and changes told through
 * the views' descriptions. GTK 4.8 has no call to announce a message (it
 * came in 4.14): a screen reader reads the description of the focused
 * widget when it changes, as the timeline's has always been read. */

/* Names ------------------------------------------------------------------- */

/* GTK 4.8 names a button with a mnemonic twice, its label property as
 * written and the label it is labelled by: "_Open Open". Without the
 * property the label alone names it. */
static void
reset_mnemonic_names (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root)))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL);
  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_popover (GTK_MENU_BUTTON (root)) != NULL)
    reset_mnemonic_names (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (root))));
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    reset_mnemonic_names (c);
}

/* The search bar's own close button is an icon, named after its image. */
static void
name_search_close (CmWindow *self)
{
  GtkWidget *entry_box = gtk_widget_get_parent (GTK_WIDGET (self->search_entry));

  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (self->search_bar)); w != NULL;)
    {
      if (GTK_IS_BUTTON (w) && !gtk_widget_is_ancestor (w, entry_box))
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close search"), -1);
          return;
        }
      /* Depth first, skipping the entry's box. */
      if (w != entry_box && gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != GTK_WIDGET (self->search_bar) && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          if (w == NULL || w == GTK_WIDGET (self->search_bar))
            return;
          w = gtk_widget_get_next_sibling (w);
        }
    }
}

/* The column view's header row is a focusable widget of GTK's own, named
 * after its type. */
static void
name_list_header (CmWindow *self)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));

  GtkWidget *rows = gtk_widget_get_last_child (GTK_WIDGET (self->column_view));

  if (header != NULL && gtk_widget_get_focusable (header))
    gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Column headings"), -1);
  /* And its rows are in a list view of its own, named after its type. */
  if (rows != NULL && rows != header)
    gtk_accessible_update_property (GTK_ACCESSIBLE (rows), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Announcements"), -1);
}

/* A toast's close button is an icon named after its image, and its
 * action button has a mnemonic: named as they come. */
static void
name_toast_buttons (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) == NULL
      && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (root))))
    gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"), -1);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    name_toast_buttons (c);
}

static void
toasts_changed (GListModel *children,
                guint       position,
                guint       removed,
                guint       added,
                CmWindow   *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) child = g_list_model_get_item (children, i);

      if (child == gtk_widget_get_parent (GTK_WIDGET (self->stack)) || child == GTK_WIDGET (self->stack))
        continue;
      reset_mnemonic_names (child);
      name_toast_buttons (child);
    }
}

/* Hidden content ---------------------------------------------------------- */

/* A closed revealer keeps its child in the accessibility tree, where a
 * screen reader finds the last "Opening …" or error long after they went:
 * the revealer is hidden once it has closed, and shown before it opens. */
static void
revealer_changed (GtkRevealer *revealer)
{
  gtk_widget_set_visible (GTK_WIDGET (revealer),
                          gtk_revealer_get_reveal_child (revealer) || gtk_revealer_get_child_revealed (revealer));
}

static void
hide_when_closed (GtkRevealer *revealer)
{
  g_signal_connect (revealer, "notify::reveal-child", G_CALLBACK (revealer_changed), NULL);
  g_signal_connect (revealer, "notify::child-revealed", G_CALLBACK (revealer_changed), NULL);
  revealer_changed (revealer);
}

/* Shows the "empty" page or the views. The other page is hidden, not only
 * left behind by the stack, which would keep it in the tree. */
void
_cm_window_show_page (CmWindow *self,
                      gboolean  empty)
{
  GtkWidget *shown = gtk_stack_get_child_by_name (self->stack, empty ? "empty" : "content");
  GtkWidget *other = gtk_stack_get_child_by_name (self->stack, empty ? "content" : "empty");

  /* A stack shows no hidden child. */
  gtk_widget_set_visible (shown, TRUE);
  gtk_stack_set_visible_child (self->stack, shown);
  gtk_widget_set_visible (other, FALSE);
}

/* One Tab stop per view --------------------------------------------------- */

/* GTK 4.8's column view moves Tab from row to row: at 2,000 rows Tab
 * never left it. Tab leaves it here, as it leaves the map and the
 * timeline; the arrows move between rows. The list is taken out of the
 * focus chain for the one move. */
static gboolean
list_key_pressed (GtkEventControllerKey *keys,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  CmWindow              *self)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (keys));
  GtkDirectionType direction = GTK_DIR_TAB_FORWARD;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return GDK_EVENT_PROPAGATE;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;
  if ((state & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  gtk_widget_set_can_focus (list, FALSE);
  g_signal_emit_by_name (self, "move-focus", direction);
  gtk_widget_set_can_focus (list, TRUE);
  return GDK_EVENT_STOP;
}

/* F6 and Shift+F6 move between the views, in the order Tab takes. */
static gboolean
cycle_panes (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  CmWindow *self = CM_WINDOW (widget);
  GtkWidget *panes[] = {
    GTK_WIDGET (self->map),
    gtk_widget_get_parent (GTK_WIDGET (self->column_view)),
    GTK_WIDGET (self->timeline),
  };
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int n = G_N_ELEMENTS (panes), step = g_variant_get_int32 (args), current = -1;

  if (!gtk_widget_get_mapped (panes[0]))
    return FALSE;
  for (int i = 0; i < n && focus != NULL; i++)
    if (focus == panes[i] || gtk_widget_is_ancestor (focus, panes[i]))
      current = i;
  if (current < 0)
    current = step > 0 ? n - 1 : 0;
  for (int k = 1; k <= n; k++)
    {
      GtkWidget *next = panes[((current + step * k) % n + n) % n];

      /* Into the list as Tab goes in: to the row focused last. */
      if (gtk_widget_child_focus (next, GTK_DIR_TAB_FORWARD) || gtk_widget_grab_focus (next))
        return TRUE;
    }
  return FALSE;
}

/* Changes told --------------------------------------------------------- */

/* The list says how many announcements it shows. */
void
_cm_window_describe_list (CmWindow *self)
{
  guint total = self->dataset != NULL ? cm_dataset_get_n_announcements (self->dataset) : 0;
  guint shown = self->announcements != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->announcements)) : 0;
  g_autofree char *n_shown = cm_format_count (shown);
  g_autofree char *n_total = cm_format_count (total);
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%s announcement", "%s announcements", total), n_total);
  else
    text = g_strdup_printf (ngettext ("%s of %s announcement", "%s of %s announcements", total), n_shown, n_total);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

/* The search bar's revealer has not opened yet when Ctrl+F asks for the
 * entry, and GTK gives no focus to an unrevealed child: no screen reader
 * heard the first Ctrl+F. The entry takes the focus once it is shown. */
static void
search_revealed (CmWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (!gtk_search_bar_get_search_mode (self->search_bar))
    return;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar)))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
search_bar_child_revealed (GObject    *revealer,
                           GParamSpec *pspec,
                           CmWindow   *self)
{
  if (gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)))
    search_revealed (self);
}

static void
watch_search_reveal (CmWindow *self)
{
  /* GtkSearchBar's revealer is its own; it is its first child. */
  GtkWidget *revealer = gtk_widget_get_first_child (GTK_WIDGET (self->search_bar));

  if (GTK_IS_REVEALER (revealer))
    g_signal_connect_object (revealer, "notify::child-revealed", G_CALLBACK (search_bar_child_revealed), self, 0);
}

void
_cm_window_a11y_init (CmWindow *self)
{
  GtkEventController *keys, *shortcuts;
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (self->column_view));

  reset_mnemonic_names (GTK_WIDGET (self));
  name_search_close (self);
  name_list_header (self);
  hide_when_closed (self->progress_revealer);
  hide_when_closed (self->error_revealer);
  watch_search_reveal (self);
  /* The overlay has a child per toast shown, and the stack. */
  self->toast_children = gtk_widget_observe_children (GTK_WIDGET (self->toast_overlay));
  g_signal_connect_object (self->toast_children, "items-changed", G_CALLBACK (toasts_changed), self, 0);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (list_key_pressed), self);
  gtk_widget_add_controller (list, keys);

  /* In the capture phase: GtkPaned binds F6 to move between its own two
   * children, and the panes are nested. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (int step = -1; step <= 1; step += 2)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F6, step < 0 ? GDK_SHIFT_MASK : 0),
                                                gtk_callback_action_new (cycle_panes, NULL, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (step));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  _cm_window_describe_list (self);
}
