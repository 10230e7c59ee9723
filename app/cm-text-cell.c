/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include <string.h>

#include <pango/pangocairo.h>

#include "cm-painter-common.h"
#include "cm-text-cell.h"
#include "cm-text.h"

/* A list cell's text, laid out only when it is drawn. GTK 4.8's column
 * view keeps 200 rows alive whatever its height, and a GtkLabel or even
 * a GtkInscription asks Pango for text sizes or font metrics when it is
 * measured: for the four cells of 200 rows that was a third of the time
 * a 100k dataset took to appear. This cell asks for no width (the column
 * gives it), for a height only when told to (once per font), and makes a
 * layout only for the rows on screen. */

/* Dataset text in a tooltip is cut here: GTK cannot draw one as wide as
 * a 10,000-character title, and nobody could read it. */
#define TOOLTIP_MAX_CHARS 200

struct _CmTextCell
{
  GtkWidget      parent_instance;
  char          *text;
  PangoAttrList *attrs;
  gboolean       sets_height;
};

G_DEFINE_FINAL_TYPE (CmTextCell, cm_text_cell, GTK_TYPE_WIDGET)

static PangoLayout *
make_layout (CmTextCell *self,
             int         width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);

  pango_layout_set_attributes (layout, self->attrs);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  return layout;
}

/* One line of the cell's font. Every row asks, with the same font: the
 * metrics are taken once per font and resolution, not once per cell. */
static int
line_height (GtkWidget *widget)
{
  static guint cached_key;
  static int cached_height = -1;
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  guint key = pango_font_description_hash (font) ^ (guint) (pango_cairo_context_get_resolution (context) * 64);

  if (cached_height < 0 || key != cached_key)
    {
      PangoFontMetrics *metrics = pango_context_get_metrics (context, font, NULL);

      cached_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
      cached_key = key;
      pango_font_metrics_unref (metrics);
    }
  return cached_height;
}

static void
cm_text_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_VERTICAL && CM_TEXT_CELL (widget)->sets_height)
    *minimum = *natural = line_height (widget);
}

static void
cm_text_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  CmTextCell *self = CM_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA color;
  int text_height;

  if (self->text == NULL || width <= 0 || height <= 0)
    return;
  layout = make_layout (self, width);
  pango_layout_get_pixel_size (layout, NULL, &text_height);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, floor ((height - text_height) / 2.0)));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* Whether the text is cut short (ellipsized) at the cell's width. */
gboolean
cm_text_cell_is_cut (CmTextCell *self)
{
  g_autoptr(PangoLayout) layout = NULL;

  g_return_val_if_fail (CM_IS_TEXT_CELL (self), FALSE);

  if (self->text == NULL)
    return FALSE;
  layout = make_layout (self, gtk_widget_get_width (GTK_WIDGET (self)));
  return pango_layout_is_ellipsized (layout);
}

/* The whole text of a cut-off cell, built when asked for: setting a
 * tooltip on every bind costs an X round trip per cell (GTK re-queries
 * the pointer), about 100 ms a screenful under Xvfb. */
static gboolean
cm_text_cell_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard,
                            GtkTooltip *tooltip)
{
  CmTextCell *self = CM_TEXT_CELL (widget);
  g_autofree char *shown = NULL;

  if (!cm_text_cell_is_cut (self))
    return FALSE;
  shown = cm_text_shorten (self->text, TOOLTIP_MAX_CHARS);
  gtk_tooltip_set_text (tooltip, shown);
  return TRUE;
}

static void
cm_text_cell_finalize (GObject *object)
{
  CmTextCell *self = CM_TEXT_CELL (object);

  g_free (self->text);
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  G_OBJECT_CLASS (cm_text_cell_parent_class)->finalize (object);
}

static void
cm_text_cell_class_init (CmTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cm_text_cell_finalize;
  widget_class->measure = cm_text_cell_measure;
  widget_class->snapshot = cm_text_cell_snapshot;
  widget_class->query_tooltip = cm_text_cell_query_tooltip;
  /* Styled as the labels around it. */
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
cm_text_cell_init (CmTextCell *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
cm_text_cell_new (void)
{
  return g_object_new (CM_TYPE_TEXT_CELL, NULL);
}

/* One line a row, whatever line breaks the dataset put in its text. */
static char *
one_line (const char *text)
{
  GString *flat;

  if (text == NULL)
    return NULL;
  if (strpbrk (text, "\n\r\xe2") == NULL)
    return g_strdup (text);
  flat = g_string_new (text);
  for (gsize i = 0; i < flat->len; i++)
    {
      if (flat->str[i] == '\n' || flat->str[i] == '\r')
        flat->str[i] = ' ';
      /* U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR */
      else if (i + 3 <= flat->len
               && (memcmp (flat->str + i, "\xe2\x80\xa8", 3) == 0 || memcmp (flat->str + i, "\xe2\x80\xa9", 3) == 0))
        {
          g_string_erase (flat, i, 2);
          flat->str[i] = ' ';
        }
    }
  return g_string_free (flat, FALSE);
}

void
cm_text_cell_set_text (CmTextCell *self,
                       const char *text)
{
  g_autofree char *flat = one_line (text);

  g_return_if_fail (CM_IS_TEXT_CELL (self));

  if (g_strcmp0 (flat, self->text) == 0)
    return;
  g_free (self->text);
  self->text = g_steal_pointer (&flat);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->text ? self->text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
cm_text_cell_get_text (CmTextCell *self)
{
  g_return_val_if_fail (CM_IS_TEXT_CELL (self), NULL);
  return self->text;
}

void
cm_text_cell_set_attributes (CmTextCell    *self,
                             PangoAttrList *attrs)
{
  g_return_if_fail (CM_IS_TEXT_CELL (self));

  if (attrs != NULL)
    pango_attr_list_ref (attrs);
  g_clear_pointer (&self->attrs, pango_attr_list_unref);
  self->attrs = attrs;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Whether the cell asks for the height of one line of its font, to give
 * the row its height; by default it asks for nothing. */
void
cm_text_cell_set_sets_height (CmTextCell *self,
                              gboolean    sets_height)
{
  g_return_if_fail (CM_IS_TEXT_CELL (self));

  self->sets_height = sets_height;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

PangoAttrList *
cm_text_cell_get_attributes (CmTextCell *self)
{
  g_return_val_if_fail (CM_IS_TEXT_CELL (self), NULL);
  return self->attrs;
}
