/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cm-details.h"
#include "cm-links.h"
#include "cm-text.h"

struct _CmDetails
{
  GtkWidget  parent_instance;

  GtkStack  *stack;
  GtkWidget *box;
  GtkLabel  *title;
  GtkLabel  *date;
  GtkLabel  *note;
  GtkLabel  *place;
  GtkLabel  *parent;
  GtkLabel  *category;
  GtkLabel  *actors;
  GtkLabel  *summary;
  GtkWidget *date_heading;
  GtkWidget *place_heading;
  GtkWidget *category_heading;
  GtkWidget *actors_heading;
  GtkWidget *summary_heading;
  GtkWidget *sources_heading;
  GtkBox    *sources;

  int        announcement;
  char      *link;           /* the first openable source */
};

G_DEFINE_FINAL_TYPE (CmDetails, cm_details, GTK_TYPE_WIDGET)

/* Dataset text: plain, wrapped, selectable with the pointer, but no Tab
 * stop (not focusable by can-focus: a selectable label that is only not
 * focusable still takes Tab, and kept the focus from the links). */
static void
setup_text (GtkLabel *label)
{
  gtk_label_set_xalign (label, 0);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (label, TRUE);
  gtk_widget_set_can_focus (GTK_WIDGET (label), FALSE);
}

/* Shows @text under @heading, or neither when there is no text; @spoken
 * collects "Heading: text" for the title's description. */
static void
set_field (GtkLabel   *label,
           GtkWidget  *heading,
           const char *text,
           GString    *spoken)
{
  gboolean shown = text != NULL && *text != '\0';

  gtk_label_set_text (label, shown ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), shown);
  if (heading != NULL)
    gtk_widget_set_visible (heading, shown);
  if (shown && heading != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    gtk_label_get_text (GTK_LABEL (heading)), -1);
  if (shown && spoken != NULL)
    {
      /* A place as long as a book is cut, as in tooltips. */
      g_autofree char *cut = cm_text_shorten (text, 200);

      g_string_append_printf (spoken, "%s%s: %s", spoken->len > 0 ? ". " : "",
                              heading ? gtk_label_get_text (GTK_LABEL (heading)) : "", cut);
    }
}

/* Shows one page of the stack. The other is hidden, not only left
 * behind by the stack, which would keep its labels in the accessibility
 * tree. */
static void
show_page (CmDetails  *self,
           const char *name)
{
  GtkWidget *shown = gtk_stack_get_child_by_name (self->stack, name);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    gtk_widget_set_visible (c, c == shown);
  gtk_stack_set_visible_child (self->stack, shown);
}

static void
open_link (GtkButton *button,
           gpointer   user_data)
{
  const char *url = g_object_get_data (G_OBJECT (button), "url");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  /* Checked again at the moment of opening, not only when shown. */
  if (cm_link_is_openable (url))
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static GtkWidget *
text_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_text (GTK_LABEL (label), text);
  setup_text (GTK_LABEL (label));
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
add_source (CmDetails      *self,
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
          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_button_set_child (GTK_BUTTON (button), label);
          gtk_widget_add_css_class (button, "link");
          gtk_widget_set_halign (button, GTK_ALIGN_START);
          gtk_widget_set_tooltip_text (button, _("Open in the web browser"));
          g_object_set_data_full (G_OBJECT (button), "url", g_strdup (source->url), g_free);
          g_signal_connect (button, "clicked", G_CALLBACK (open_link), NULL);
          gtk_box_append (GTK_BOX (row), button);
          if (self->link == NULL)
            self->link = g_strdup (source->url);
        }
      else
        {
          g_autofree char *shown = g_strdup_printf (_("%s (not opened: only http and https links open)"), source->url);
          gtk_box_append (GTK_BOX (row), text_label (shown, "dim-label"));
        }
    }
  gtk_box_append (self->sources, row);
}

static char *
place_parent (CmDataset *dataset,
              gint32     place)
{
  const CmPlace *p;
  g_autofree char *parent = NULL;

  if (place < 0 || (guint) place >= cm_dataset_get_n_places (dataset))
    return NULL;
  p = cm_dataset_get_place (dataset, place);
  parent = cm_dataset_format_place (dataset, p->parent);
  /* Translators: the place an announcement's place lies in. */
  return parent != NULL ? g_strdup_printf (_("in %s"), parent) : NULL;
}

void
cm_details_show (CmDetails *self,
                 CmDataset *dataset,
                 int        announcement)
{
  const CmAnnouncement *a;
  g_autofree char *title = NULL, *when = NULL, *note = NULL, *written = NULL;
  g_autofree char *place = NULL, *parent = NULL, *summary = NULL, *date_line = NULL;
  g_autoptr(GString) actors = g_string_new (NULL);
  g_autoptr(GString) spoken = g_string_new (NULL);
  GtkWidget *child;

  g_return_if_fail (CM_IS_DETAILS (self));
  g_return_if_fail (dataset == NULL || CM_IS_DATASET (dataset));

  g_clear_pointer (&self->link, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sources))) != NULL)
    gtk_box_remove (self->sources, child);
  if (dataset == NULL || announcement < 0 || (guint) announcement >= cm_dataset_get_n_announcements (dataset))
    {
      self->announcement = -1;
      show_page (self, "none");
      return;
    }
  self->announcement = announcement;
  a = cm_dataset_get_announcement (dataset, announcement);
  title = cm_dataset_dup_text (dataset, a->title);
  when = cm_dataset_format_when (dataset, a);
  note = cm_dataset_dup_text (dataset, a->date_note);
  written = cm_dataset_dup_text (dataset, a->date_text);
  place = cm_dataset_format_place (dataset, a->place);
  parent = place_parent (dataset, a->place);
  summary = cm_dataset_dup_text (dataset, a->summary);

  gtk_label_set_text (self->title, title ? title : _("Announcement"));
  /* How Chronomap reads the date, the date as written, and the source's
   * own words about it. */
  date_line = written != NULL ? g_strdup_printf ("%s (%s)", when, written) : g_strdup (when);
  set_field (self->date, self->date_heading, date_line, spoken);
  set_field (self->note, NULL, note, NULL);
  set_field (self->place, self->place_heading, place, spoken);
  set_field (self->parent, NULL, parent, NULL);
  set_field (self->category, self->category_heading,
             a->category >= 0 ? cm_dataset_get_category (dataset, a->category)->label : NULL, spoken);
  for (guint i = 0; i < a->n_actors; i++)
    g_string_append_printf (actors, "%s%s", i ? "\n" : "", cm_dataset_get_actor (dataset, a, i));
  set_field (self->actors, self->actors_heading, actors->str, NULL);
  set_field (self->summary, self->summary_heading, summary, NULL);
  gtk_widget_set_visible (self->sources_heading, a->n_sources > 0);
  for (guint i = 0; i < a->n_sources; i++)
    add_source (self, cm_dataset_get_source (dataset, cm_dataset_get_source_ref (dataset, a, i)));

  /* A screen reader reads the title with the date, place and category:
   * the fields themselves are no Tab stops. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, spoken->str, -1);
  gtk_label_select_region (self->title, 0, 0);
  show_page (self, "details");
}

int
cm_details_get_announcement (CmDetails *self)
{
  g_return_val_if_fail (CM_IS_DETAILS (self), -1);
  return self->announcement;
}

const char *
cm_details_get_title (CmDetails *self)
{
  g_return_val_if_fail (CM_IS_DETAILS (self), NULL);
  return self->announcement >= 0 ? gtk_label_get_text (self->title) : NULL;
}

const char *
cm_details_get_link (CmDetails *self)
{
  g_return_val_if_fail (CM_IS_DETAILS (self), NULL);
  return self->link;
}

static void
cm_details_dispose (GObject *object)
{
  CmDetails *self = CM_DETAILS (object);

  g_clear_pointer (&self->link, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_DETAILS);
  G_OBJECT_CLASS (cm_details_parent_class)->dispose (object);
}

static void
cm_details_class_init (CmDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_details_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chronomap/Chronomap/ui/cm-details.ui");
  gtk_widget_class_bind_template_child (widget_class, CmDetails, stack);
  gtk_widget_class_bind_template_child (widget_class, CmDetails, box);
  gtk_widget_class_bind_template_child (widget_class, CmDetails, title);
  gtk_widget_class_bind_template_child (widget_class, CmDetails, date);
  gtk_widget_class_bind_template_child (widget_class, CmDetails, note);
  gtk_widget_class_bind_template_child (widget_class, CmDetails, place);
  gtk_widget_class_bind_template_child (widget_class, CmDetails, parent);
  gtk_widget_class_bind_template_child (widget_class, CmDetails, category);
  gtk_widget_class_bind_template_child (widget_class, CmDetails, actors);
  gtk_widget_class_bind_template_child (widget_class, CmDetails, summary);
  gtk_widget_class_bind_template_child (widget_class, CmDetails, date_heading);
  gtk_widget_class_bind_template_child (widget_class, CmDetails, place_heading);
  gtk_widget_class_bind_template_child (widget_class, CmDetails, category_heading);
  gtk_widget_class_bind_template_child (widget_class, CmDetails, actors_heading);
  gtk_widget_class_bind_template_child (widget_class, CmDetails, summary_heading);
  gtk_widget_class_bind_template_child (widget_class, CmDetails, sources_heading);
  gtk_widget_class_bind_template_child (widget_class, CmDetails, sources);
}

static void
cm_details_init (CmDetails *self)
{
  GtkLabel *texts[7];

  gtk_widget_init_template (GTK_WIDGET (self));
  texts[0] = self->date;
  texts[1] = self->note;
  texts[2] = self->place;
  texts[3] = self->parent;
  texts[4] = self->category;
  texts[5] = self->actors;
  texts[6] = self->summary;
  self->announcement = -1;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    setup_text (texts[i]);
  /* The title is the pane's one focus stop, and its text is not
   * selected when it takes the focus. */
  gtk_widget_set_can_focus (GTK_WIDGET (self->title), TRUE);
}

GtkWidget *
cm_details_new (void)
{
  return g_object_new (CM_TYPE_DETAILS, NULL);
}
