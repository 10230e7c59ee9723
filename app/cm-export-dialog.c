/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cm-export-choices.h"
#include "cm-export-dialog.h"

/* Export Figure (Ctrl+E). The rows are bound to the export-* settings;
 * every change makes a new CmFigureSpec from the window's and redraws
 * the preview on a worker thread, a short while after the last change so
 * that typing a title does not queue a drawing per key. The preview is
 * cm_export_figure_draw() at the page's proportions, the same call the
 * export makes: only the scale differs. */

/* Long enough to take a burst of keys or spin clicks as one change, short
 * enough that the preview follows within 100 ms at 100k announcements
 * (tools/bench "export preview"). */
#define DEBOUNCE_MS 30

struct _CmExportDialog
{
  AdwWindow           parent_instance;

  GtkDrawingArea     *preview;
  GtkLabel           *size_label;
  GtkWidget          *export_button;
  AdwComboRow        *view_row;
  AdwComboRow        *style_row;
  AdwComboRow        *language_row;
  AdwComboRow        *page_row;
  AdwComboRow        *format_row;
  AdwComboRow        *step_row;
  GtkWidget          *fps_row;
  GtkSpinButton      *fps_spin;
  GtkWidget          *width_row;
  GtkWidget          *height_row;
  GtkWidget          *dpi_row;
  GtkSpinButton      *width_spin;
  GtkSpinButton      *height_spin;
  GtkSpinButton      *dpi_spin;
  GtkEditable        *title_row;
  GtkEditable        *subtitle_row;
  GtkEditable        *caption_row;
  GtkEditable        *source_row;
  GtkRevealer        *progress_revealer;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;

  GSettings          *settings;
  CmFigureSpec       *figure;      /* the window's */
  gboolean            dark;
  CmLabelLanguage     language;
  CmFigureSpec       *spec;        /* the figure as chosen */

  guint               debounce_source;
  GCancellable       *preview_cancellable;
  gboolean            rendering;
  gboolean            dirty;       /* changed while rendering */
  cairo_surface_t    *preview_surface;
  CmFigure           *prepared;    /* the preview's last figure */
  CmFigureSpec       *prepared_for;
  gint64              changed_at;
  double              latency_ms;

  GtkNativeDialog    *chooser;
  GCancellable       *export_cancellable;
  guint               pulse_source;
  gint                progress_permille;  /* written by the export's thread; -1: none */
};

G_DEFINE_FINAL_TYPE (CmExportDialog, cm_export_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_preview_now (CmExportDialog *self);
static void show_size         (CmExportDialog *self);

/* Settings ---------------------------------------------------------------- */

/* A row's position is its enum value's (the rows list them in order). */
static gboolean
nick_to_row (GValue   *value,
             GVariant *variant,
             gpointer  user_data)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref ((GType) GPOINTER_TO_SIZE (user_data));
  GEnumValue *v = g_enum_get_value_by_nick (klass, g_variant_get_string (variant, NULL));

  if (v == NULL)
    return FALSE;
  g_value_set_uint (value, (guint) (v - klass->values));
  return TRUE;
}

static GVariant *
row_to_nick (const GValue       *value,
             const GVariantType *type,
             gpointer            user_data)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref ((GType) GPOINTER_TO_SIZE (user_data));
  guint i = g_value_get_uint (value);

  return i < klass->n_values ? g_variant_new_string (klass->values[i].value_nick) : NULL;
}

static void
bind_row (CmExportDialog *self,
          const char     *key,
          AdwComboRow    *row,
          GType           type)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                nick_to_row, row_to_nick, GSIZE_TO_POINTER (type), NULL);
}

static void
bind_settings (CmExportDialog *self)
{
  bind_row (self, "export-view", self->view_row, CM_TYPE_FIGURE_VIEW);
  bind_row (self, "export-style", self->style_row, CM_TYPE_FIGURE_STYLE);
  bind_row (self, "export-language", self->language_row, CM_TYPE_LABEL_LANGUAGE);
  bind_row (self, "export-page", self->page_row, CM_TYPE_EXPORT_PAGE);
  bind_row (self, "export-format", self->format_row, CM_TYPE_EXPORT_FILE_TYPE);
  bind_row (self, "export-step", self->step_row, CM_TYPE_STEP_UNIT);
  g_settings_bind (self->settings, "export-fps", self->fps_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-width", self->width_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-height", self->height_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-dpi", self->dpi_spin, "value", G_SETTINGS_BIND_DEFAULT);
}

/* Without the schema: the defaults, kept for this dialog only. */
static void
show_defaults (CmExportDialog *self)
{
  CmExportChoices c;

  cm_export_choices_load (&c, NULL);
  adw_combo_row_set_selected (self->view_row, c.view);
  adw_combo_row_set_selected (self->style_row, c.style);
  adw_combo_row_set_selected (self->language_row, c.language);
  adw_combo_row_set_selected (self->page_row, c.page);
  adw_combo_row_set_selected (self->format_row, c.type);
  adw_combo_row_set_selected (self->step_row, c.step);
  gtk_spin_button_set_value (self->fps_spin, c.fps);
  gtk_spin_button_set_value (self->width_spin, c.width);
  gtk_spin_button_set_value (self->height_spin, c.height);
  gtk_spin_button_set_value (self->dpi_spin, c.dpi);
}

static void
read_choices (CmExportDialog  *self,
              CmExportChoices *c)
{
  c->view = adw_combo_row_get_selected (self->view_row);
  c->style = adw_combo_row_get_selected (self->style_row);
  c->language = adw_combo_row_get_selected (self->language_row);
  c->page = adw_combo_row_get_selected (self->page_row);
  c->type = adw_combo_row_get_selected (self->format_row);
  c->step = adw_combo_row_get_selected (self->step_row);
  c->fps = gtk_spin_button_get_value_as_int (self->fps_spin);
  c->width = gtk_spin_button_get_value_as_int (self->width_spin);
  c->height = gtk_spin_button_get_value_as_int (self->height_spin);
  c->dpi = gtk_spin_button_get_value_as_int (self->dpi_spin);
}

/* An empty row: the figure's own words (NULL), except the caption. */
static const char *
words (GtkEditable *row)
{
  const char *text = gtk_editable_get_text (row);

  return text[0] != '\0' ? text : NULL;
}

/* The preview ------------------------------------------------------------- */

static void
preview_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CmExportDialog *self = CM_EXPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmFigure) figure = NULL;
  cairo_surface_t *surface = cm_figure_spec_render_finish (result, &figure, &error);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      return;
    }
  self->rendering = FALSE;
  g_set_object (&self->prepared, figure);
  g_clear_pointer (&self->prepared_for, cm_figure_spec_free);
  self->prepared_for = cm_figure_spec_copy (g_task_get_task_data (G_TASK (result)));
  if (surface != NULL)
    {
      g_clear_pointer (&self->preview_surface, cairo_surface_destroy);
      self->preview_surface = surface;
      gtk_widget_queue_draw (GTK_WIDGET (self->preview));
      show_size (self);
    }
  /* Nothing to export either: say why where the size is shown. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", surface != NULL);
  if (surface == NULL)
    gtk_label_set_text (self->size_label, error->message);
  if (self->dirty)
    {
      self->dirty = FALSE;
      start_preview_now (self);
      return;
    }
  self->latency_ms = (g_get_monotonic_time () - self->changed_at) / 1000.0;
}

/* Device pixels per figure pixel: the page fitted into the preview. */
static double
preview_scale (CmExportDialog *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self->preview));
  int h = gtk_widget_get_height (GTK_WIDGET (self->preview));
  const CmFigureOptions *o = &self->spec->options;

  if (w <= 1 || h <= 1)
    return 0;
  return MIN (w / o->width, h / o->height) * gtk_widget_get_scale_factor (GTK_WIDGET (self->preview));
}

static void
start_preview_now (CmExportDialog *self)
{
  double scale = preview_scale (self);

  if (self->rendering)
    {
      self->dirty = TRUE;
      return;
    }
  /* Not allocated yet: the first allocation asks again. */
  if (scale <= 0)
    return;
  self->rendering = TRUE;
  /* The figure drawn last takes what it can of the change. */
  cm_figure_spec_render_async (cm_figure_spec_copy (self->spec), self->prepared, scale, self,
                               self->preview_cancellable, preview_done, NULL);
}

static gboolean
debounced (gpointer user_data)
{
  CmExportDialog *self = user_data;

  self->debounce_source = 0;
  start_preview_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_preview (CmExportDialog *self)
{
  self->changed_at = g_get_monotonic_time ();
  g_clear_handle_id (&self->debounce_source, g_source_remove);
  self->debounce_source = g_timeout_add (DEBOUNCE_MS, debounced, self);
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  CmExportDialog *self = user_data;
  double factor = gtk_widget_get_scale_factor (GTK_WIDGET (area));
  double w, h, x, y;

  if (self->preview_surface == NULL)
    return;
  w = cairo_image_surface_get_width (self->preview_surface) / factor;
  h = cairo_image_surface_get_height (self->preview_surface) / factor;
  /* A page still at its last size while the next is drawn is shrunk to
   * fit, never cut. */
  if (w > width || h > height)
    {
      double s = MIN (width / w, height / h);

      w *= s;
      h *= s;
    }
  x = floor ((width - w) / 2);
  y = floor ((height - h) / 2);
  /* The page's edge, as a sheet on the view's background. */
  cairo_rectangle (cr, x - 1, y - 1, w + 2, h + 2);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
  cairo_fill (cr);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, w / cairo_image_surface_get_width (self->preview_surface),
               h / cairo_image_surface_get_height (self->preview_surface));
  cairo_set_source_surface (cr, self->preview_surface, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
preview_resized (CmExportDialog *self)
{
  schedule_preview (self);
}

/* Choices ----------------------------------------------------------------- */

static void
show_size (CmExportDialog *self)
{
  const CmFigureOptions *o = &self->spec->options;
  g_autofree char *text = NULL;

  if (self->spec->animate && self->prepared != NULL && cm_figure_spec_same_figure (self->spec, self->prepared_for))
    {
      CmAnimationOptions animation;
      guint n = cm_figure_spec_animation (self->spec, self->prepared, &animation);

      if (n > CM_ANIMATION_MAX_FRAMES)
        text = g_strdup_printf (_("More than %d frames: take a longer step"), CM_ANIMATION_MAX_FRAMES);
      else
        text = g_strdup_printf (g_dngettext (NULL, "%u frame of %d × %d pixels", "%u frames of %d × %d pixels", n),
                                n, animation.width, animation.height);
    }
  else if (self->spec->format == CM_EXPORT_PNG)
    {
      int w, h;

      cm_figure_spec_png_size (self->spec, &w, &h);
      text = g_strdup_printf (_("%d × %d pixels"), w, h);
    }
  else
    text = g_strdup_printf (_("%.0f × %.0f mm"), o->width * 25.4 / 96, o->height * 25.4 / 96);
  gtk_label_set_text (self->size_label, text);
}

static void
choices_changed (CmExportDialog *self)
{
  CmExportChoices c;
  g_autofree char *caption = NULL;

  if (self->spec == NULL)
    return;
  read_choices (self, &c);
  cm_export_choices_apply (&c, self->spec, self->dark, self->language);
  caption = g_strdup (words (self->caption_row));
  cm_figure_spec_set_words (self->spec, words (self->title_row), words (self->subtitle_row), caption,
                            words (self->source_row));
  gtk_widget_set_visible (self->width_row, c.page == CM_EXPORT_PAGE_PIXELS);
  gtk_widget_set_visible (self->height_row, c.page == CM_EXPORT_PAGE_PIXELS);
  gtk_widget_set_sensitive (self->dpi_row, self->spec->format == CM_EXPORT_PNG);
  gtk_widget_set_visible (GTK_WIDGET (self->step_row), self->spec->animate);
  gtk_widget_set_visible (self->fps_row, self->spec->animate && c.type != CM_EXPORT_FILE_PNG_FRAMES);
  show_size (self);
  schedule_preview (self);
}

/* Export ------------------------------------------------------------------ */

static gboolean
pulse (gpointer user_data)
{
  CmExportDialog *self = user_data;
  gint permille = g_atomic_int_get (&self->progress_permille);

  /* A figure is one drawing; an animation counts its frames. */
  if (permille < 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, permille / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
frame_done (guint    done,
            guint    n_frames,
            gpointer user_data)
{
  CmExportDialog *self = user_data;

  g_atomic_int_set (&self->progress_permille, (gint) (1000.0 * done / MAX (n_frames, 1)));
}

static void
set_exporting (CmExportDialog *self,
               GFile          *file)
{
  gboolean busy = file != NULL;

  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", busy);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (busy)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = g_strdup_printf (_("Exporting “%s”…"), name);

      gtk_label_set_text (self->progress_label, text);
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      g_atomic_int_set (&self->progress_permille, self->spec->animate ? 0 : -1);
      self->pulse_source = g_timeout_add (100, pulse, self);
    }
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  const CmFigureSpec *spec = data;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  GError *error = NULL;
  gboolean written;

  /* The dialog outlives the task: the task holds it. */
  if (spec->animate)
    written = cm_figure_spec_write_animation (spec, file, frame_done, source, cancellable, &error);
  else
    written = cm_figure_spec_write (spec, file, cancellable, &error);
  if (written)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
show_error (CmExportDialog *self,
            const GError   *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The figure could not be exported"), NULL);

  /* The body is plain text: a file name or a dataset's words in the
   * message are never read as markup. */
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CmExportDialog *self = CM_EXPORT_DIALOG (source);
  GFile *file = g_object_get_data (G_OBJECT (result), "file");
  g_autoptr(GError) error = NULL;
  gboolean written = g_task_propagate_boolean (G_TASK (result), &error);

  /* Closed meanwhile: nothing to show it in. */
  if (self->export_cancellable != g_task_get_cancellable (G_TASK (result)))
    return;
  g_clear_object (&self->export_cancellable);
  set_exporting (self, NULL);
  if (!written)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }
  if (self->settings != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);
      g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "export-folder", path);
    }
  g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, file);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  CmExportDialog *self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  if (file != NULL)
    cm_export_dialog_export_to (self, file);
}

/* The dataset's title as a file name: no folder separators, not hidden. */
static char *
suggested_name (CmExportDialog *self)
{
  g_autofree char *title = cm_export_figure_title (self->spec->dataset, &self->spec->options);
  g_autofree char *cut = g_utf8_substring (title, 0, MIN (g_utf8_strlen (title, -1), 80));

  g_strdelimit (cut, "/\\:", '-');
  g_strstrip (cut);
  while (cut[0] == '.')
    cut[0] = '_';
  const char *extension = cm_export_file_extension (adw_combo_row_get_selected (self->format_row));

  /* A folder of frames is named as the figure, without an extension. */
  return extension[0] != '\0' ? g_strdup_printf ("%s.%s", cut[0] != '\0' ? cut : "figure", extension)
                               : g_strdup_printf ("%s frames", cut[0] != '\0' ? cut : "figure");
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CmExportDialog *self = CM_EXPORT_DIALOG (widget);
  static const char * const names[] = { N_("PNG images"), N_("SVG drawings"), N_("PDF documents"),
                                        N_("WebP images"), N_("GIF images"), N_("Folders") };
  CmExportFileType type = adw_combo_row_get_selected (self->format_row);
  g_autofree char *folder_path = self->settings ? g_settings_get_string (self->settings, "export-folder") : NULL;
  g_autofree char *name = suggested_name (self);
  g_autofree char *pattern = g_strdup_printf ("*.%s", cm_export_file_extension (type));
  g_autoptr(GFile) folder = NULL;
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Export Figure"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _(names[MIN (type, G_N_ELEMENTS (names) - 1)]));
  if (type == CM_EXPORT_FILE_PNG_FRAMES)
    gtk_file_filter_add_mime_type (filter, "inode/directory");
  else
    gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  if (folder_path == NULL || folder_path[0] == '\0' || !g_file_test (folder_path, G_FILE_TEST_IS_DIR))
    {
      g_free (folder_path);
      folder_path = g_strdup (g_get_user_special_dir (G_USER_DIRECTORY_PICTURES));
    }
  if (folder_path != NULL)
    {
      folder = g_file_new_for_path (folder_path);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), self);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CmExportDialog *self = CM_EXPORT_DIALOG (widget);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

/* GObject ----------------------------------------------------------------- */

static void
cm_export_dialog_dispose (GObject *object)
{
  CmExportDialog *self = CM_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->preview_cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_handle_id (&self->debounce_source, g_source_remove);
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->settings != NULL)
    {
      g_settings_unbind (self->view_row, "selected");
      g_settings_unbind (self->style_row, "selected");
      g_settings_unbind (self->language_row, "selected");
      g_settings_unbind (self->page_row, "selected");
      g_settings_unbind (self->format_row, "selected");
      g_settings_unbind (self->step_row, "selected");
      g_settings_unbind (self->fps_spin, "value");
      g_settings_unbind (self->width_spin, "value");
      g_settings_unbind (self->height_spin, "value");
      g_settings_unbind (self->dpi_spin, "value");
    }
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), CM_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (cm_export_dialog_parent_class)->dispose (object);
}

static void
cm_export_dialog_finalize (GObject *object)
{
  CmExportDialog *self = CM_EXPORT_DIALOG (object);

  g_clear_object (&self->preview_cancellable);
  g_clear_pointer (&self->preview_surface, cairo_surface_destroy);
  g_clear_object (&self->prepared);
  g_clear_pointer (&self->prepared_for, cm_figure_spec_free);
  g_clear_pointer (&self->figure, cm_figure_spec_free);
  g_clear_pointer (&self->spec, cm_figure_spec_free);
  G_OBJECT_CLASS (cm_export_dialog_parent_class)->finalize (object);
}

static void
cm_export_dialog_class_init (CmExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cm_export_dialog_dispose;
  object_class->finalize = cm_export_dialog_finalize;

  signals[SIGNAL_EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chronomap/Chronomap/ui/cm-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, size_label);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, view_row);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, style_row);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, page_row);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, step_row);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, fps_row);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, fps_spin);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, height_row);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, dpi_row);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, dpi_spin);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, subtitle_row);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, caption_row);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CmExportDialog, progress_bar);

  gtk_widget_class_install_action (widget_class, "export.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cm_export_dialog_init (CmExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->preview_cancellable = g_cancellable_new ();
  gtk_drawing_area_set_draw_func (self->preview, draw_preview, self, NULL);
  g_signal_connect_swapped (self->preview, "resize", G_CALLBACK (preview_resized), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", FALSE);
}

/* Public ------------------------------------------------------------------ */

GtkWidget *
cm_export_dialog_new (GtkWindow          *parent,
                      const CmFigureSpec *figure,
                      gboolean            dark,
                      CmLabelLanguage     language,
                      GSettings          *settings)
{
  CmExportDialog *self;
  const char *title;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (figure != NULL, NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CM_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->figure = cm_figure_spec_copy (figure);
  self->spec = cm_figure_spec_copy (figure);
  self->dark = dark;
  self->language = language;
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      bind_settings (self);
    }
  else
    show_defaults (self);
  /* The dataset's words, to edit; plain text in an entry. */
  title = cm_dataset_get_title (figure->dataset);
  gtk_editable_set_text (self->title_row, title != NULL ? title : "");

  g_signal_connect_swapped (self->view_row, "notify::selected", G_CALLBACK (choices_changed), self);
  g_signal_connect_swapped (self->style_row, "notify::selected", G_CALLBACK (choices_changed), self);
  g_signal_connect_swapped (self->language_row, "notify::selected", G_CALLBACK (choices_changed), self);
  g_signal_connect_swapped (self->page_row, "notify::selected", G_CALLBACK (choices_changed), self);
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (choices_changed), self);
  g_signal_connect_swapped (self->step_row, "notify::selected", G_CALLBACK (choices_changed), self);
  g_signal_connect_swapped (self->fps_spin, "value-changed", G_CALLBACK (choices_changed), self);
  g_signal_connect_swapped (self->width_spin, "value-changed", G_CALLBACK (choices_changed), self);
  g_signal_connect_swapped (self->height_spin, "value-changed", G_CALLBACK (choices_changed), self);
  g_signal_connect_swapped (self->dpi_spin, "value-changed", G_CALLBACK (choices_changed), self);
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (choices_changed), self);
  g_signal_connect_swapped (self->subtitle_row, "changed", G_CALLBACK (choices_changed), self);
  g_signal_connect_swapped (self->caption_row, "changed", G_CALLBACK (choices_changed), self);
  g_signal_connect_swapped (self->source_row, "changed", G_CALLBACK (choices_changed), self);
  choices_changed (self);
  return GTK_WIDGET (self);
}

const CmFigureSpec *
cm_export_dialog_get_spec (CmExportDialog *self)
{
  g_return_val_if_fail (CM_IS_EXPORT_DIALOG (self), NULL);
  return self->spec;
}

cairo_surface_t *
cm_export_dialog_get_preview (CmExportDialog *self)
{
  g_return_val_if_fail (CM_IS_EXPORT_DIALOG (self), NULL);
  return self->preview_surface;
}

gboolean
cm_export_dialog_is_previewing (CmExportDialog *self)
{
  g_return_val_if_fail (CM_IS_EXPORT_DIALOG (self), FALSE);
  return self->debounce_source != 0 || self->rendering;
}

double
cm_export_dialog_get_preview_latency (CmExportDialog *self)
{
  g_return_val_if_fail (CM_IS_EXPORT_DIALOG (self), 0);
  return self->latency_ms;
}

void
cm_export_dialog_export_to (CmExportDialog *self,
                            GFile          *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CM_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->export_cancellable != NULL)
    return;
  self->export_cancellable = g_cancellable_new ();
  set_exporting (self, file);
  task = g_task_new (self, self->export_cancellable, export_done, NULL);
  g_task_set_task_data (task, cm_figure_spec_copy (self->spec), (GDestroyNotify) cm_figure_spec_free);
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, export_thread);
}

gboolean
cm_export_dialog_is_exporting (CmExportDialog *self)
{
  g_return_val_if_fail (CM_IS_EXPORT_DIALOG (self), FALSE);
  return self->export_cancellable != NULL;
}
