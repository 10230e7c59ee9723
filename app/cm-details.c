/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cm-details.h"
#include "cm-links.h"
#include "cm-text.h"

static GtkWidget *
text_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* set_text, never markup: this is the dataset's text. */
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  /* Selectable with the pointer, but not a focus stop: the first one
   * would otherwise open all selected. Not focusable (can-focus), rather
   * than focusable FALSE: a selectable label that is not focusable still
   * takes Tab, and kept the focus from ever reaching the links. */
  gtk_widget_set_can_focus (label, FALSE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 70);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  if (g_strcmp0 (css_class, "heading") == 0)
    gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  return label;
}

/* @spoken, when not NULL, collects "Heading: text" lines: what the
 * window says when it opens. */
static void
add_field (GtkBox     *box,
           const char *heading,
           const char *text,
           GString    *spoken)
{
  GtkWidget *label;

  if (text == NULL || *text == '\0')
    return;
  gtk_box_append (box, text_label (heading, "heading"));
  label = text_label (text, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, heading, -1);
  gtk_box_append (box, label);
  if (spoken != NULL)
    {
      /* Dataset text: a place as long as a book is cut, as in tooltips. */
      g_autofree char *shown = cm_text_shorten (text, 200);

      g_string_append_printf (spoken, "%s%s: %s", spoken->len > 0 ? ". " : "", heading, shown);
    }
}

static void
open_link (GtkButton *button,
           gpointer   user_data)
{
  const char *url = g_object_get_data (G_OBJECT (button), "url");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  /* Checked again at the moment of opening, not only when shown. */
  if (cm_link_is_openable (url))
    gtk_show_uri (GTK_WINDOW (root), url, GDK_CURRENT_TIME);
}

static void
add_source (GtkBox         *box,
            const CmSource *source)
{
  GString *line = g_string_new (source->title);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  if (source->publisher && *source->publisher)
    g_string_append_printf (line, " — %s", source->publisher);
  if (source->date && *source->date)
    g_string_append_printf (line, " (%s)", source->date);
  gtk_box_append (GTK_BOX (row), text_label (line->str, NULL));
  g_string_free (line, TRUE);

  if (source->url && *source->url)
    {
      if (cm_link_is_openable (source->url))
        {
          GtkWidget *button = gtk_button_new ();
          GtkWidget *label = gtk_label_new (NULL);

          gtk_label_set_text (GTK_LABEL (label), source->url);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
          gtk_button_set_child (GTK_BUTTON (button), label);
          gtk_widget_add_css_class (button, "link");
          gtk_widget_set_halign (button, GTK_ALIGN_START);
          gtk_widget_set_tooltip_text (button, _("Open in the web browser"));
          g_object_set_data_full (G_OBJECT (button), "url", g_strdup (source->url), g_free);
          g_signal_connect (button, "clicked", G_CALLBACK (open_link), NULL);
          gtk_box_append (GTK_BOX (row), button);
        }
      else
        {
          g_autofree char *shown = g_strdup_printf (_("%s (not opened: only http and https links open)"), source->url);
          gtk_box_append (GTK_BOX (row), text_label (shown, "dim-label"));
        }
    }
  gtk_box_append (box, row);
}

GtkWidget *
cm_details_new (GtkWindow *parent,
                CmDataset *dataset,
                guint      index)
{
  const CmAnnouncement *a;
  g_autofree char *title = NULL, *when = NULL, *note = NULL, *written = NULL;
  g_autofree char *place = NULL, *summary = NULL, *date_line = NULL;
  GtkWidget *window, *scroller, *box, *header, *heading;
  GString *actors;
  g_autoptr(GString) spoken = g_string_new (NULL);

  g_return_val_if_fail (CM_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (index < cm_dataset_get_n_announcements (dataset), NULL);

  a = cm_dataset_get_announcement (dataset, index);
  title = cm_dataset_dup_text (dataset, a->title);
  when = cm_dataset_format_when (dataset, a);
  note = cm_dataset_dup_text (dataset, a->date_note);
  written = cm_dataset_dup_text (dataset, a->date_text);
  place = cm_dataset_format_place (dataset, a->place);
  summary = cm_dataset_dup_text (dataset, a->summary);

  window = adw_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 520);
  gtk_window_set_title (GTK_WINDOW (window), title ? title : _("Announcement"));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  heading = text_label (title ? title : "", "title-3");
  gtk_box_append (GTK_BOX (box), heading);

  /* How Chronomap reads the date, the date as written, and the source's
   * own words about it. */
  date_line = g_strdup_printf ("%s (%s)", when, written ? written : "");
  add_field (GTK_BOX (box), _("Date"), date_line, spoken);
  if (note != NULL)
    gtk_box_append (GTK_BOX (box), text_label (note, "dim-label"));
  add_field (GTK_BOX (box), _("Place"), place, spoken);
  if (a->category >= 0)
    add_field (GTK_BOX (box), _("Category"), cm_dataset_get_category (dataset, a->category)->label, spoken);
  actors = g_string_new (NULL);
  for (guint i = 0; i < a->n_actors; i++)
    g_string_append_printf (actors, "%s%s", i ? "\n" : "", cm_dataset_get_actor (dataset, a, i));
  add_field (GTK_BOX (box), _("Actors"), actors->str, NULL);
  g_string_free (actors, TRUE);
  add_field (GTK_BOX (box), _("Summary"), summary, NULL);
  if (a->n_sources > 0)
    {
      gtk_box_append (GTK_BOX (box), text_label (_("Sources"), "heading"));
      for (guint i = 0; i < a->n_sources; i++)
        add_source (GTK_BOX (box), cm_dataset_get_source (dataset, cm_dataset_get_source_ref (dataset, a, i)));
    }

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_widget_set_vexpand (scroller, TRUE);

  header = adw_header_bar_new ();
  {
    GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    gtk_box_append (GTK_BOX (outer), header);
    gtk_box_append (GTK_BOX (outer), scroller);
    adw_window_set_content (ADW_WINDOW (window), outer);
  }
  {
    /* Escape closes it, like any dialog. */
    GtkEventController *keys = gtk_shortcut_controller_new ();
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, keys);
  }

  /* The window opens with the focus on its title, which a screen reader
   * reads with the date, place and category: the fields themselves are
   * no Tab stops. The title is a focus stop, and its text is not
   * selected when it takes the focus. */
  gtk_widget_set_can_focus (heading, TRUE);
  gtk_widget_set_focusable (heading, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, spoken->str, -1);
  gtk_window_set_focus (GTK_WINDOW (window), heading);
  gtk_label_select_region (GTK_LABEL (heading), 0, 0);
  return window;
}
