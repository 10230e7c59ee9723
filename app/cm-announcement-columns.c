/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>
#include <string.h>

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

/* The widest a Place or Category column is made for its content: past it
 * the text is ellipsized, and the Title keeps its room. */
#define PLACE_COLUMN_MAX 200
#define CATEGORY_COLUMN_MAX 170
#define TEXT_COLUMN_MIN 72

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
  /* Which announcement a click on the cell is about (the context menu). */
  g_object_set_data (G_OBJECT (cell), "cm-announcement", GUINT_TO_POINTER (cm_announcement_item_get_index (item) + 1));
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
  g_object_set_data (G_OBJECT (cell), "cm-announcement", GUINT_TO_POINTER (cm_announcement_item_get_index (item) + 1));
  pango_attr_list_unref (attrs);
}

/* Sorting. The rows are sorted by the list model itself, through orders
 * computed once per dataset (cm-sort-order.h); the columns' sorters only
 * give the headers their arrows and tell which column the user chose.
 * GTK 4.8 has no call for the column view's primary sort column (4.10
 * has): comparing two probe objects with the view's sorter calls the
 * primary column's sorter alone, which notes its key, and the sign says
 * the direction. Never called per row. */
static CmSortKey probed_key;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  probed_key = GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_SMALLER;
}

gboolean
cm_announcement_columns_get_sort (GtkColumnView *view,
                                  CmSortKey     *key,
                                  gboolean      *ascending)
{
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;

  probed_key = CM_N_SORTS;
  order = gtk_sorter_compare (gtk_column_view_get_sorter (view), a, b);
  if (order == GTK_ORDERING_EQUAL || probed_key >= CM_N_SORTS)
    return FALSE;
  *key = probed_key;
  *ascending = order == GTK_ORDERING_SMALLER;
  return TRUE;
}

/* Returns a reference to the column, which the column view also holds. */
static GtkColumnViewColumn *
add_column (GtkColumnView *view,
            const char    *title,
            gboolean       expand,
            int            width,
            GCallback      setup,
            GCallback      bind,
            gpointer       data,
            CmSortKey      key)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (key), NULL));

  g_signal_connect (factory, "setup", setup, data);
  g_signal_connect (factory, "bind", bind, data);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_sorter (column, sorter);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_append_column (view, column);
  return column;
}

/* The width of the widest of @texts in @view's font, padded, within
 * [min, max]. Only the longest few by characters are measured: a dataset
 * may have a hundred thousand places. */
static int
fit_width (GtkColumnView *view,
           GPtrArray     *texts,
           const char    *header,
           int            min,
           int            max)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), header);
  glong longest[8] = { 0 };
  const char *pick[8] = { NULL };
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  width += 24;   /* the header's sort arrow */
  for (guint i = 0; i < texts->len; i++)
    {
      const char *t = texts->pdata[i];
      glong len = t != NULL ? g_utf8_strlen (t, 400) : 0;

      for (guint k = 0; k < G_N_ELEMENTS (longest); k++)
        if (len > longest[k])
          {
            memmove (longest + k + 1, longest + k, sizeof (glong) * (G_N_ELEMENTS (longest) - k - 1));
            memmove (pick + k + 1, pick + k, sizeof (char *) * (G_N_ELEMENTS (pick) - k - 1));
            longest[k] = len;
            pick[k] = t;
            break;
          }
    }
  for (guint k = 0; k < G_N_ELEMENTS (pick) && pick[k] != NULL; k++)
    {
      int w;

      pango_layout_set_text (layout, pick[k], -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      width = MAX (width, w + CELL_PADDING);
    }
  return CLAMP (width, min, max);
}

static char *date_sample (CmDataset *dataset);

/* Gives the columns @width: Date whole, Place and Category their names'
 * widths while the Title keeps at least two fifths of the rest, shrunk
 * in proportion (and ellipsized) past that, the Title the remainder. So
 * the list never scrolls sideways, at any width of the sidebar. */
void
cm_announcement_columns_fit_width (GtkColumnView *view,
                                   int            width)
{
  GtkColumnViewColumn *date = g_object_get_data (G_OBJECT (view), "cm-date-column");
  GtkColumnViewColumn *place = g_object_get_data (G_OBJECT (view), "cm-place-column");
  GtkColumnViewColumn *category = g_object_get_data (G_OBJECT (view), "cm-category-column");
  int place_w = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (view), "cm-place-width"));
  int category_w = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (view), "cm-category-width"));
  int rest, title_min, wanted;

  if (date == NULL || place == NULL || category == NULL || place_w == 0 || width <= 0
      || GPOINTER_TO_INT (g_object_get_data (G_OBJECT (view), "cm-fitted-width")) == width)
    return;
  g_object_set_data (G_OBJECT (view), "cm-fitted-width", GINT_TO_POINTER (width));
  if (!gtk_column_view_column_get_visible (place))
    place_w = 0;
  rest = width - gtk_column_view_column_get_fixed_width (date);
  title_min = MAX (rest * 2 / 5, TEXT_COLUMN_MIN);
  wanted = place_w + category_w;
  if (wanted > 0 && wanted + title_min > rest)
    {
      double scale = MAX (rest - title_min, 0) / (double) wanted;

      place_w = place_w > 0 ? MAX ((int) (place_w * scale), TEXT_COLUMN_MIN / 2) : 0;
      category_w = MAX ((int) (category_w * scale), TEXT_COLUMN_MIN / 2);
    }
  if (place_w > 0 && gtk_column_view_column_get_fixed_width (place) != place_w)
    gtk_column_view_column_set_fixed_width (place, place_w);
  if (gtk_column_view_column_get_fixed_width (category) != category_w)
    gtk_column_view_column_set_fixed_width (category, category_w);
}

/* Sizes the Place and Category columns to the dataset's names, so that
 * the Title, which takes the rest, gets all the room they leave. */
void
cm_announcement_columns_fit (GtkColumnView *view,
                             CmDataset     *dataset)
{
  GtkColumnViewColumn *place = g_object_get_data (G_OBJECT (view), "cm-place-column");
  GtkColumnViewColumn *category = g_object_get_data (G_OBJECT (view), "cm-category-column");
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n_places = dataset != NULL ? cm_dataset_get_n_places (dataset) : 0;
  guint n_categories = dataset != NULL ? cm_dataset_get_n_categories (dataset) : 0;

  if (place == NULL || category == NULL)
    return;
  g_object_set_data_full (G_OBJECT (view), "cm-date-sample", dataset != NULL ? date_sample (dataset) : NULL, g_free);
  cm_announcement_columns_fit_date (view, g_object_get_data (G_OBJECT (view), "cm-date-column"));
  for (guint i = 0; i < n_places; i++)
    g_ptr_array_add (places, cm_dataset_format_place (dataset, (gint32) i));
  for (guint i = 0; i < n_categories; i++)
    g_ptr_array_add (labels, g_strconcat (DOT, cm_dataset_get_category (dataset, i)->label, NULL));
  g_object_set_data (G_OBJECT (view), "cm-place-width",
                     GINT_TO_POINTER (fit_width (view, places, _("Place"), TEXT_COLUMN_MIN, PLACE_COLUMN_MAX)));
  g_object_set_data (G_OBJECT (view), "cm-category-width",
                     GINT_TO_POINTER (fit_width (view, labels, _("Category"), TEXT_COLUMN_MIN, CATEGORY_COLUMN_MAX)));
  g_object_set_data (G_OBJECT (view), "cm-fitted-width", NULL);
  if (gtk_widget_get_parent (GTK_WIDGET (view)) != NULL)
    cm_announcement_columns_fit_width (view, gtk_widget_get_width (gtk_widget_get_parent (GTK_WIDGET (view))));
  g_ptr_array_set_free_func (labels, g_free);
  /* Without a place, no Place column; GTK 4.8 still leaves its fixed
   * width empty at the row's end unless it is cleared. */
  if (dataset != NULL && n_places == 0)
    gtk_column_view_column_set_fixed_width (place, -1);
  gtk_column_view_column_set_visible (place, dataset == NULL || n_places > 0);
}

/* Sizes the Date column for the widest form of date the dataset has (a
 * span of days until one is open); a longer one (with times of day) is
 * ellipsized, and its tooltip has it whole. Measured in the list's font,
 * so that it follows the font and text scaling, which change it by tens
 * of pixels; with room for the header's sort arrow. */
void
cm_announcement_columns_fit_date (GtkColumnView       *view,
                                  GtkColumnViewColumn *date)
{
  const char *sample = g_object_get_data (G_OBJECT (view), "cm-date-sample");
  g_autoptr(PangoLayout) layout = NULL;
  int width, header;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (view), sample != NULL ? sample : DATE_COLUMN_SAMPLE);
  pango_layout_get_pixel_size (layout, &width, NULL);
  pango_layout_set_text (layout, _("Date"), -1);
  pango_layout_get_pixel_size (layout, &header, NULL);
  gtk_column_view_column_set_fixed_width (date, MAX (width + CELL_PADDING, header + 24 + CELL_PADDING));
}

/* The widest date of each form the dataset has ("28 May 2022", "Dec
 * 2021 – Jan 2022"...): one pass over the precisions, no formatting per
 * announcement. */
static char *
date_sample (CmDataset *dataset)
{
  /* Wide digits and a long month name. */
  gint64 t = cm_date_make_time (2022, 5, 28, 23, 58, 58);
  gint64 u = cm_date_make_time (2023, 8, 28, 23, 58, 58);
  gboolean seen[8][8] = { { FALSE } };
  guint n = cm_dataset_get_n_announcements (dataset);
  g_autoptr(GString) widest = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (dataset, i);

      seen[MIN (a->precision, 7)][MIN (a->end_precision, 7)] = TRUE;
    }
  for (guint p = 1; p < 8; p++)
    for (guint e = 0; e < 8; e++)
      {
        g_autofree char *start = NULL, *end = NULL, *text = NULL;

        if (!seen[p][e])
          continue;
        start = cm_date_format (t, p);
        end = e != 0 ? cm_date_format (u, e) : NULL;
        text = end != NULL ? g_strdup_printf ("%s – %s", start, end) : g_strdup (start);
        /* Characters stand for width: the forms share their font. */
        if (g_utf8_strlen (text, -1) > g_utf8_strlen (widest->str, -1))
          g_string_assign (widest, text);
      }
  return widest->len > 0 ? g_string_free (g_steal_pointer (&widest), FALSE) : NULL;
}

/**
 * cm_announcement_columns_add:
 * @view: a column view over #CmAnnouncementItem
 *
 * Adds the list's columns: Date, Title (second: it says most; it takes
 * the width the others leave, and is ellipsized), Place and Category,
 * each sortable by its header. The Date column is sorted newest first.
 *
 * Returns: (transfer full): the Date column, to fit again when the font
 * changes
 */
GtkColumnViewColumn *
cm_announcement_columns_add (GtkColumnView *view)
{
  GtkColumnViewColumn *date;

  GtkColumnViewColumn *place, *category;

  date = add_column (view, _("Date"), FALSE, 0, G_CALLBACK (setup_date), G_CALLBACK (bind_text),
                     GINT_TO_POINTER (COLUMN_WHEN), CM_SORT_DATE);
  cm_announcement_columns_fit_date (view, date);
  g_object_unref (add_column (view, _("Title"), TRUE, 0, G_CALLBACK (setup_text), G_CALLBACK (bind_text),
                              GINT_TO_POINTER (COLUMN_TITLE), CM_SORT_TITLE));
  place = add_column (view, _("Place"), FALSE, 150, G_CALLBACK (setup_text), G_CALLBACK (bind_text),
                      GINT_TO_POINTER (COLUMN_PLACE), CM_SORT_PLACE);
  category = add_column (view, _("Category"), FALSE, 150, G_CALLBACK (setup_text),
                         G_CALLBACK (bind_category), NULL, CM_SORT_CATEGORY);
  g_object_set_data (G_OBJECT (view), "cm-date-column", date);
  g_object_set_data_full (G_OBJECT (view), "cm-place-column", place, g_object_unref);
  g_object_set_data_full (G_OBJECT (view), "cm-category-column", category, g_object_unref);
  gtk_column_view_sort_by_column (view, date, GTK_SORT_DESCENDING);
  return date;
}
