/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>

#include "cm-announcement-columns.h"
#include "cm-announcement-item.h"
#include "cm-text-cell.h"
#include "cm-text.h"

/* As wide as a date of the list usually gets: a span of days, in wide
 * digits and months. Dates are formatted the same in every locale. */
#define DATE_COLUMN_SAMPLE "28 May 2022 – 28 Nov 2023"
/* Adwaita pads a cell by 6 px on each side; a little more for themes
 * that pad more, and for rounding. */
#define CELL_PADDING 18

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

/* The Date cell gives the row its height: one line of the list's font.
 * The other cells ask for no size at all (see cm-text-cell.c): the
 * columns have fixed widths. */
static void
setup_date (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  GtkWidget *cell = cm_text_cell_new ();

  cm_text_cell_set_sets_height (CM_TEXT_CELL (cell), TRUE);
  gtk_list_item_set_child (list_item, cell);
}

static void
setup_text (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, cm_text_cell_new ());
}

/* A screen reader reads a row by its name, which GTK 4.8 makes the row
 * widget's type ("GtkListItemWidget"): the Title cell names its row
 * "11 Jan 2022, Wuhan (武汉市), Government work report …". The row is the
 * cell's grandparent (cell, GtkColumnViewCell, row) in GTK 4.8. */
#define ROW_NAME_TITLE_CHARS 160

static void
name_row (GtkWidget          *cell,
          CmAnnouncementItem *item)
{
  GtkWidget *column_cell = gtk_widget_get_parent (cell);
  GtkWidget *row = column_cell != NULL ? gtk_widget_get_parent (column_cell) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  const char *place;

  if (row == NULL)
    return;
  title = cm_text_shorten (cm_announcement_item_get_title (item), ROW_NAME_TITLE_CHARS);
  place = cm_announcement_item_get_place (item);
  if (place != NULL && *place != '\0')
    name = g_strdup_printf ("%s, %s, %s", cm_announcement_item_get_when (item), place, title ? title : "");
  else
    name = g_strdup_printf ("%s, %s", cm_announcement_item_get_when (item), title ? title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
bind_text (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  CmAnnouncementItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  const char *text = column_text (item, GPOINTER_TO_INT (user_data));

  /* Dataset text is set as plain text, never as markup. */
  cm_text_cell_set_text (CM_TEXT_CELL (cell), text);
  if (GPOINTER_TO_INT (user_data) == COLUMN_TITLE)
    name_row (cell, item);
}

/* The category cell is one text cell, its colour a dot in front of the
 * label: a box with a drawing area cost two more widgets in each of the
 * 200 rows a column view keeps, a tenth of the time a dataset took to
 * show in the list. */
#define DOT "\xe2\x97\x8f\xe2\x80\x82"   /* U+25CF and an en space */

static void
bind_category (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  CmAnnouncementItem *item = gtk_list_item_get_item (list_item);
  CmTextCell *cell = CM_TEXT_CELL (gtk_list_item_get_child (list_item));
  const char *label = cm_announcement_item_get_category (item);
  guint32 rgb = cm_announcement_item_get_color (item);
  g_autofree char *text = g_strconcat (DOT, label ? label : "", NULL);
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoAttribute *color = pango_attr_foreground_new (((rgb >> 16) & 0xff) * 257, ((rgb >> 8) & 0xff) * 257,
                                                      (rgb & 0xff) * 257);

  color->start_index = 0;
  color->end_index = 3;
  pango_attr_list_insert (attrs, color);
  cm_text_cell_set_text (cell, text);
  cm_text_cell_set_attributes (cell, attrs);
  pango_attr_list_unref (attrs);
}

/* Returns a reference to the column, which the column view also holds. */
static GtkColumnViewColumn *
add_column (GtkColumnView *view,
            const char    *title,
            gboolean       expand,
            int            width,
            GCallback      setup,
            GCallback      bind,
            gpointer       data)
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
  gtk_column_view_append_column (view, column);
  return column;
}

/* Sizes the Date column for a span of days, the longest date the list
 * usually shows; a longer one (with times of day) is ellipsized, and its
 * tooltip has it whole. Measured in the list's font, so that it follows
 * the font and text scaling, which change it by tens of pixels. */
void
cm_announcement_columns_fit_date (GtkColumnView       *view,
                                  GtkColumnViewColumn *date)
{
  g_autoptr(PangoLayout) layout = NULL;
  int width;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), DATE_COLUMN_SAMPLE);
  pango_layout_get_pixel_size (layout, &width, NULL);
  gtk_column_view_column_set_fixed_width (date, width + CELL_PADDING);
}

/**
 * cm_announcement_columns_add:
 * @view: a column view over #CmAnnouncementItem
 *
 * Adds the list's columns: Date, Title (second: it says most, and the
 * list pane is narrow), Place and Category.
 *
 * Returns: (transfer full): the Date column, to fit again when the font
 * changes
 */
GtkColumnViewColumn *
cm_announcement_columns_add (GtkColumnView *view)
{
  GtkColumnViewColumn *date;

  date = add_column (view, _("Date"), FALSE, 0, G_CALLBACK (setup_date), G_CALLBACK (bind_text),
                     GINT_TO_POINTER (COLUMN_WHEN));
  cm_announcement_columns_fit_date (view, date);
  g_object_unref (add_column (view, _("Title"), TRUE, 260, G_CALLBACK (setup_text), G_CALLBACK (bind_text),
                              GINT_TO_POINTER (COLUMN_TITLE)));
  g_object_unref (add_column (view, _("Place"), FALSE, 150, G_CALLBACK (setup_text), G_CALLBACK (bind_text),
                              GINT_TO_POINTER (COLUMN_PLACE)));
  g_object_unref (add_column (view, _("Category"), FALSE, 150, G_CALLBACK (setup_text),
                              G_CALLBACK (bind_category), NULL));
  return date;
}
