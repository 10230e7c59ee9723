/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cm-export-choices.h"
#include "cm-export-dialog.h"
#include "cm-window-private.h"

/* Export Figure (Ctrl+E) and Copy Figure (Ctrl+Shift+C): the figure of
 * what the window shows — the map's region, the brush, the filters, the
 * selection, the playhead, the lanes and the colours — drawn by the
 * export's own function (CmFigureSpec). */

/* The region the map shows, in degrees, from points along its edges and
 * across it: a box in degrees is curved once projected. FALSE when no
 * point of the view is on the globe. */
static gboolean
map_region (CmWindow *self,
            double    region[4])
{
  CmMapPainter *painter = cm_map_get_painter (self->map);
  double w = gtk_widget_get_width (GTK_WIDGET (self->map));
  double h = gtk_widget_get_height (GTK_WIDGET (self->map));
  gboolean any = FALSE;

  if (w < 1 || h < 1)
    return FALSE;
  region[0] = region[1] = G_MAXDOUBLE;
  region[2] = region[3] = -G_MAXDOUBLE;
  for (int i = 0; i <= 8; i++)
    for (int j = 0; j <= 8; j++)
      {
        double lon, lat;

        if (!cm_map_painter_screen_to_lonlat (painter, w * i / 8, h * j / 8, &lon, &lat)
            || !isfinite (lon) || !isfinite (lat))
          continue;
        region[0] = MIN (region[0], lon);
        region[1] = MIN (region[1], lat);
        region[2] = MAX (region[2], lon);
        region[3] = MAX (region[3], lat);
        any = TRUE;
      }
  return any && region[2] > region[0] && region[3] > region[1];
}

static void
add_filter (CmWindow     *self,
            CmFigureSpec *spec)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  guint n_shown = 0;

  if (self->filter_match == NULL)
    return;
  for (guint c = 0; self->category_shown != NULL && c < self->n_category_shown; c++)
    if (self->category_shown[c])
      {
        g_ptr_array_add (shown, (gpointer) cm_dataset_get_category (self->dataset, c)->id);
        n_shown++;
      }
  g_ptr_array_add (shown, NULL);
  cm_figure_spec_set_filter (spec, self->filter_match,
                             n_shown < self->n_category_shown ? (const char * const *) shown->pdata : NULL,
                             self->text_index != NULL ? query : NULL);
}

static void
add_selection (CmWindow     *self,
               CmFigureSpec *spec)
{
  GtkBitset *marks = cm_timeline_get_selection (self->timeline);
  guint n = (guint) MIN (gtk_bitset_get_size (marks), G_MAXUINT);
  g_autofree guint *selected = g_new (guint, MAX (n, 1));
  GtkBitsetIter iter;
  guint mark, i = 0;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, marks, &mark); ok && i < n;
       ok = gtk_bitset_iter_next (&iter, &mark))
    selected[i++] = mark;
  cm_figure_spec_set_selection (spec, selected, i);
}

/* The figure of what the window shows, in the window's style. */
static CmFigureSpec *
window_figure (CmWindow *self)
{
  CmFigureSpec *spec = cm_figure_spec_new (self->dataset);
  CmFigureOptions *o = &spec->options;

  cm_figure_spec_set_basemap (spec, self->basemap);
  add_filter (self, spec);
  add_selection (self, spec);
  if (cm_timeline_get_has_brush (self->timeline))
    {
      o->from = (gint64) floor (cm_timeline_get_brush_start (self->timeline));
      o->to = (gint64) ceil (cm_timeline_get_brush_end (self->timeline));
    }
  if (cm_timeline_get_has_playhead (self->timeline))
    {
      o->has_at = TRUE;
      o->at = (gint64) cm_timeline_get_playhead (self->timeline);
    }
  o->lanes = self->lanes;
  o->color = self->map_color;
  o->projection = self->map_projection;
  o->has_region = map_region (self, o->region);
  o->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  o->language = cm_label_language_resolve (self->label_language);
  return spec;
}

/* Export Figure ----------------------------------------------------------- */

static void
open_exported (AdwToast *toast,
               GFile    *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("%s: %s", uri, error->message);
}

static void
exported (CmExportDialog *dialog,
          GFile          *file,
          CmWindow       *self)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *escaped = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;

  /* A toast's title is markup; the file's name is escaped. */
  escaped = g_markup_escape_text (name, -1);
  text = g_strdup_printf (_("Figure exported to %s"), escaped);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_timeout (toast, 8);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_exported), g_object_ref (file),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
export_figure_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CmWindow *self = CM_WINDOW (widget);
  g_autoptr(CmFigureSpec) figure = NULL;
  GtkWidget *dialog;

  if (self->dataset == NULL)
    return;
  figure = window_figure (self);
  dialog = cm_export_dialog_new (GTK_WINDOW (self), figure, figure->options.dark, figure->options.language,
                                 _cm_window_settings (self));
  g_signal_connect_object (dialog, "exported", G_CALLBACK (exported), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Copy Figure ------------------------------------------------------------- */

static void
copy_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CmWindow *self = CM_WINDOW (source);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cm_figure_spec_render_finish (result, NULL, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w, h, stride;

  if (surface == NULL)
    {
      g_autofree char *text = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }
  cairo_surface_flush (surface);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* Cairo's ARGB32 is GDK's default memory format: premultiplied, in the
   * machine's byte order. The bytes keep the surface alive. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * h,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, stride);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (GTK_WIDGET (self)), texture);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Figure copied")));
}

static void
copy_figure_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CmWindow *self = CM_WINDOW (widget);
  CmFigureSpec *figure;
  CmExportChoices choices;

  if (self->dataset == NULL)
    return;
  figure = window_figure (self);
  /* The figure Export Figure would write, as a PNG. */
  cm_export_choices_load (&choices, _cm_window_settings (self));
  choices.type = CM_EXPORT_FILE_PNG;
  cm_export_choices_apply (&choices, figure, figure->options.dark, figure->options.language);
  cm_figure_spec_render_async (figure, NULL, figure->dpi / 96.0, self, NULL, copy_done, NULL);
}

static void
dataset_changed (CmWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-figure", self->dataset != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-figure", self->dataset != NULL);
}

void
_cm_window_export_init (CmWindow *self)
{
  g_signal_connect (self, "notify::dataset", G_CALLBACK (dataset_changed), NULL);
  dataset_changed (self);
}

void
_cm_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-figure", NULL, export_figure_action);
  gtk_widget_class_install_action (widget_class, "win.copy-figure", NULL, copy_figure_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-figure", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-figure", NULL);
}
