/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cm-export-choices.h"
#include "cm-export-dialog.h"
#include "cm-map.h"
#include "cm-timeline.h"
#include "cm-window.h"
#include "cm-test-window.h"

/* Export Figure and Copy Figure, driven as a user would: the window's
 * keys, the dialog's rows, and the files and the clipboard checked by
 * their pixels. */

static CmWindow *
sample_window (void)
{
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
  CmMap *map = CM_MAP (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_MAP));
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  cm_window_set_basemap_path (window, NULL);
  cm_window_open_sample (window);
  cm_test_wait_for_load (window);
  g_assert_nonnull (cm_window_get_dataset (window));
  /* The base map loads on its own thread. */
  while (cm_map_get_basemap (map) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (cm_map_get_basemap (map));
  cm_test_iterate (200);
  return window;
}

static CmExportDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (CM_IS_EXPORT_DIALOG (w))
        return CM_EXPORT_DIALOG (w);
    }
  return NULL;
}

/* Presses @keyval with @mods on @widget through its own shortcuts, as a
 * key press reaching it would. */
static gboolean
press_key (GtkWidget       *widget,
           guint            keyval,
           GdkModifierType  mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

static void
wait_for_preview (CmExportDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  cm_test_iterate (20);
  while ((cm_export_dialog_is_previewing (dialog) || cm_export_dialog_get_preview (dialog) == NULL)
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cm_export_dialog_is_previewing (dialog));
  g_assert_nonnull (cm_export_dialog_get_preview (dialog));
}

static double
preview_ratio (CmExportDialog *dialog)
{
  cairo_surface_t *s = cm_export_dialog_get_preview (dialog);

  return (double) cairo_image_surface_get_width (s) / cairo_image_surface_get_height (s);
}

static void
set_spin (CmExportDialog *dialog,
          const char     *title,
          double          value)
{
  GtkWidget *row = cm_test_find_row (GTK_WIDGET (dialog), title);

  g_assert_nonnull (row);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cm_test_find_widget (row, GTK_TYPE_SPIN_BUTTON)), value);
}

static CmExportDialog *
open_dialog (CmWindow *window)
{
  CmExportDialog *dialog;

  g_assert_null (find_dialog ());
  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_e, GDK_CONTROL_MASK));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Export Figure");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  wait_for_preview (dialog);
  return dialog;
}

/* 640 × 400 pixels at 96 dpi, a PNG. */
static void
choose_pixels (CmExportDialog *dialog)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (cm_test_find_row (GTK_WIDGET (dialog), "_Size")), 8);
  adw_combo_row_set_selected (ADW_COMBO_ROW (cm_test_find_row (GTK_WIDGET (dialog), "_Format")), 0);
  set_spin (dialog, "_Width", 640);
  set_spin (dialog, "_Height", 400);
  set_spin (dialog, "_Resolution", 96);
  wait_for_preview (dialog);
}

static void
test_shortcut_and_page (void)
{
  CmWindow *window = sample_window ();
  CmExportDialog *dialog = open_dialog (window);
  AdwComboRow *page = ADW_COMBO_ROW (cm_test_find_row (GTK_WIDGET (dialog), "_Size"));
  const CmFigureSpec *spec;

  /* A4 landscape first: 297 by 210. */
  g_assert_cmpfloat_with_epsilon (preview_ratio (dialog), 297.0 / 210.0, 0.02);
  spec = cm_export_dialog_get_spec (dialog);
  g_assert_cmpint (spec->options.view, ==, CM_FIGURE_VIEW_BOTH);
  g_assert_true (spec->options.compose);

  /* A4 portrait: the preview turns. */
  adw_combo_row_set_selected (page, 1);
  wait_for_preview (dialog);
  g_assert_cmpfloat_with_epsilon (preview_ratio (dialog), 210.0 / 297.0, 0.02);
  g_test_message ("preview latency %.1f ms", cm_export_dialog_get_preview_latency (dialog));

  choose_pixels (dialog);
  g_assert_cmpfloat_with_epsilon (preview_ratio (dialog), 640.0 / 400.0, 0.02);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether @preview is what a new figure of @spec draws at the preview's
 * scale (the page's width or its height fitted to the preview). */
static gboolean
preview_is_fresh (cairo_surface_t    *preview,
                  const CmFigureSpec *spec)
{
  int w = cairo_image_surface_get_width (preview), h = cairo_image_surface_get_height (preview);
  const double scales[2] = { w / spec->options.width, h / spec->options.height };

  cairo_surface_flush (preview);
  for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
    {
      g_autoptr(GError) error = NULL;
      cairo_surface_t *fresh = cm_figure_spec_render (spec, scales[k], &error);
      gboolean same;

      g_assert_no_error (error);
      same = cairo_image_surface_get_width (fresh) == w && cairo_image_surface_get_height (fresh) == h;
      for (int y = 0; same && y < h; y++)
        same = memcmp (cairo_image_surface_get_data (preview) + y * cairo_image_surface_get_stride (preview),
                       cairo_image_surface_get_data (fresh) + y * cairo_image_surface_get_stride (fresh), 4 * w) == 0;
      cairo_surface_destroy (fresh);
      if (same)
        return TRUE;
    }
  return FALSE;
}

/* Words, style, language and view change the preview's one figure
 * (cm_figure_update()) rather than make a new one: each preview is still
 * what a new figure draws, and differs from the one before. */
static void
test_preview_follows_changes (void)
{
  CmWindow *window = sample_window ();
  CmExportDialog *dialog = open_dialog (window);
  GtkWidget *root = GTK_WIDGET (dialog);
  cairo_surface_t *before = cairo_surface_reference (cm_export_dialog_get_preview (dialog));

  g_assert_true (preview_is_fresh (before, cm_export_dialog_get_spec (dialog)));
  for (int step = 0; step < 5; step++)
    {
      cairo_surface_t *after;

      if (step == 0)
        gtk_editable_set_text (GTK_EDITABLE (cm_test_find_row (root, "Title")), "A title of one's own");
      else if (step == 1)
        gtk_editable_set_text (GTK_EDITABLE (cm_test_find_row (root, "Caption")), "A caption under the figure.");
      else if (step == 2)
        adw_combo_row_set_selected (ADW_COMBO_ROW (cm_test_find_row (root, "_Style")), CM_FIGURE_STYLE_DARK);
      else if (step == 3)
        adw_combo_row_set_selected (ADW_COMBO_ROW (cm_test_find_row (root, "_Language")), CM_LABEL_LANGUAGE_LOCAL);
      else
        adw_combo_row_set_selected (ADW_COMBO_ROW (cm_test_find_row (root, "_View")), CM_FIGURE_VIEW_MAP);
      wait_for_preview (dialog);
      after = cm_export_dialog_get_preview (dialog);
      g_assert_true (after != before);
      if (!preview_is_fresh (after, cm_export_dialog_get_spec (dialog)))
        g_error ("step %d: the preview is not what a new figure draws", step);
      cairo_surface_destroy (before);
      before = cairo_surface_reference (after);
    }
  cairo_surface_destroy (before);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
wait_gone (GtkWidget **widget)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (*widget != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  return *widget == NULL;
}

static void
exported (CmExportDialog *dialog,
          GFile          *file,
          guint          *n)
{
  (*n)++;
}

/* The file is the preview's drawing at the file's size, pixel for pixel. */
static void
test_export_matches_preview (void)
{
  CmWindow *window = sample_window ();
  CmExportDialog *dialog = open_dialog (window);
  g_autofree char *dir = g_dir_make_tmp ("cm-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "figure.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *preview, *written;
  guint n_exported = 0;
  GtkWidget *alive = GTK_WIDGET (dialog);

  choose_pixels (dialog);
  preview = cm_figure_spec_render (cm_export_dialog_get_spec (dialog), 1.0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (preview), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (preview), ==, 400);

  g_signal_connect (dialog, "exported", G_CALLBACK (exported), &n_exported);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &alive);
  cm_export_dialog_export_to (dialog, file);
  g_assert_true (cm_export_dialog_is_exporting (dialog));
  /* It closes once the file is written. */
  g_assert_true (wait_gone (&alive));
  g_assert_cmpuint (n_exported, ==, 1);

  written = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (written), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (written), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (written), ==, 400);
  cairo_surface_flush (preview);
  for (int y = 0; y < 400; y++)
    g_assert_cmpmem (cairo_image_surface_get_data (preview) + y * cairo_image_surface_get_stride (preview), 640 * 4,
                     cairo_image_surface_get_data (written) + y * cairo_image_surface_get_stride (written), 640 * 4);
  cairo_surface_destroy (preview);
  cairo_surface_destroy (written);
  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Cancelled: no file, no temporary file, and the dialog stays. */
static void
test_cancel_leaves_nothing (void)
{
  CmWindow *window = sample_window ();
  CmExportDialog *dialog = open_dialog (window);
  g_autofree char *dir = g_dir_make_tmp ("cm-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "figure.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GDir) listing = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint n_exported = 0;

  /* A page large enough that the cancel comes while it is drawn. */
  set_spin (dialog, "_Resolution", 600);
  wait_for_preview (dialog);
  g_signal_connect (dialog, "exported", G_CALLBACK (exported), &n_exported);
  cm_export_dialog_export_to (dialog, file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL));
  while (cm_export_dialog_is_exporting (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cm_export_dialog_is_exporting (dialog));
  g_assert_cmpuint (n_exported, ==, 0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Pixels of the figure in a 640 × 400 PNG that differ between two specs. */
static guint
count_differences (const CmFigureSpec *a,
                   const CmFigureSpec *b)
{
  cairo_surface_t *sa = cm_figure_spec_render (a, 1.0, NULL);
  cairo_surface_t *sb = cm_figure_spec_render (b, 1.0, NULL);
  const guint32 *pa, *pb;
  guint n = 0;

  g_assert_nonnull (sa);
  g_assert_nonnull (sb);
  pa = (const guint32 *) (gpointer) cairo_image_surface_get_data (sa);
  pb = (const guint32 *) (gpointer) cairo_image_surface_get_data (sb);
  for (int i = 0; i < 640 * 400; i++)
    n += pa[i] != pb[i];
  cairo_surface_destroy (sa);
  cairo_surface_destroy (sb);
  return n;
}

/* A brush and a category filter set in the window are in the figure. */
static void
test_window_state (void)
{
  CmWindow *window = sample_window ();
  CmTimeline *timeline = CM_TIMELINE (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_TIMELINE));
  GtkSearchBar *bar = GTK_SEARCH_BAR (cm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_BAR));
  GtkMenuButton *menu = GTK_MENU_BUTTON (cm_test_find_widget (GTK_WIDGET (bar), GTK_TYPE_MENU_BUTTON));
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (menu));
  CmDataset *ds = cm_window_get_dataset (window);
  CmExportDialog *dialog = open_dialog (window);
  g_autoptr(CmFigureSpec) plain = NULL;
  g_autoptr(CmFigureSpec) filtered = NULL;
  guint all, shown, expected = 0;
  gint64 from = 1638316800;   /* 2021-12-01 */
  gint64 to = 1656633600;     /* 2022-07-01 */

  choose_pixels (dialog);
  plain = cm_figure_spec_copy (cm_export_dialog_get_spec (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  all = cm_export_figure_count (ds, &plain->options, NULL);
  g_assert_cmpuint (all, ==, cm_dataset_get_n_announcements (ds));

  /* Uncheck the first category, brush from December 2021 to June 2022. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (cm_test_find_widget (popover, GTK_TYPE_CHECK_BUTTON)), FALSE);
  cm_timeline_set_brush (timeline, (double) from, (double) to);
  cm_test_iterate (100);
  for (guint i = 0; i < cm_dataset_get_n_announcements (ds); i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (ds, i);

      expected += a->category != 0 && a->start < to && a->end > from;
    }
  g_assert_cmpuint (expected, >, 0);

  dialog = open_dialog (window);
  filtered = cm_figure_spec_copy (cm_export_dialog_get_spec (dialog));
  g_assert_cmpint (filtered->options.from, ==, from);
  g_assert_cmpint (filtered->options.to, ==, to);
  g_assert_nonnull (filtered->options.categories);
  shown = cm_export_figure_count (ds, &filtered->options, NULL);
  g_assert_cmpuint (shown, ==, expected);
  g_assert_cmpuint (shown, <, all);
  /* The drawing differs too, well beyond the subtitle's words. */
  g_assert_cmpuint (count_differences (plain, filtered), >, 2000);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Animate: an animated WebP of the diffusion, one frame a month over the
 * period the window shows, each frame the page's pixels. */
static void
test_animate (void)
{
  CmWindow *window = sample_window ();
  CmExportDialog *dialog = open_dialog (window);
  g_autofree char *dir = g_dir_make_tmp ("cm-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "diffusion.webp", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CmFigure) figure = NULL;
  g_autofree char *bytes = NULL;
  GtkWidget *alive = GTK_WIDGET (dialog);
  const CmFigureSpec *spec;
  CmAnimationOptions animation;
  gsize length;
  guint n, frames = 0;

  choose_pixels (dialog);
  adw_combo_row_set_selected (ADW_COMBO_ROW (cm_test_find_row (GTK_WIDGET (dialog), "_Format")), 3);
  adw_combo_row_set_selected (ADW_COMBO_ROW (cm_test_find_row (GTK_WIDGET (dialog), "S_tep")), 2);
  wait_for_preview (dialog);
  spec = cm_export_dialog_get_spec (dialog);
  g_assert_true (spec->animate);
  g_assert_cmpint (spec->animation.format, ==, CM_ANIMATION_WEBP);
  g_assert_cmpint (spec->animation.step.unit, ==, CM_STEP_MONTH);
  figure = cm_figure_new (spec->dataset, &spec->options);
  n = cm_figure_spec_animation (spec, figure, &animation);
  /* The sample runs from October 2021 to April 2023. */
  g_assert_cmpuint (n, >=, 12);
  g_assert_cmpuint (n, <=, 24);
  g_assert_cmpint (animation.width, ==, 640);
  g_assert_cmpint (animation.height, ==, 400);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &alive);
  cm_export_dialog_export_to (dialog, file);
  g_assert_true (wait_gone (&alive));
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 30);
  g_assert_cmpmem (bytes, 4, "RIFF", 4);
  g_assert_cmpmem (bytes + 8, 4, "WEBP", 4);
  /* The canvas (VP8X: width and height less one, 24-bit little-endian),
   * and one ANMF chunk a frame. */
  g_assert_cmpmem (bytes + 12, 4, "VP8X", 4);
  g_assert_cmpint ((guint8) bytes[24] | (guint8) bytes[25] << 8 | (guint8) bytes[26] << 16, ==, 639);
  g_assert_cmpint ((guint8) bytes[27] | (guint8) bytes[28] << 8 | (guint8) bytes[29] << 16, ==, 399);
  for (gsize i = 12; i + 8 <= length;)
    {
      guint32 size = (guint8) bytes[i + 4] | (guint8) bytes[i + 5] << 8 | (guint8) bytes[i + 6] << 16
                     | (guint32) (guint8) bytes[i + 7] << 24;

      frames += memcmp (bytes + i, "ANMF", 4) == 0;
      i += 8 + size + (size & 1);
    }
  g_assert_cmpuint (frames, ==, n);

  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
texture_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GdkTexture **texture = user_data;
  g_autoptr(GError) error = NULL;

  *texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

/* Ctrl+Shift+C: the figure, as a PNG at the export's size, on the
 * clipboard. */
static void
test_copy_figure (void)
{
  CmWindow *window = sample_window ();
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autoptr(GdkTexture) texture = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  gdk_clipboard_set_text (clipboard, "before");
  g_assert_true (press_key (GTK_WIDGET (window), GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  while (!gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard), GDK_TYPE_TEXTURE)
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  gdk_clipboard_read_texture_async (clipboard, NULL, texture_read, &texture);
  while (texture == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (texture);
  /* A4 landscape at 300 dpi, the export's defaults. */
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 3508);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 2480);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/export-dialog/shortcut-and-page", test_shortcut_and_page);
  g_test_add_func ("/export-dialog/export-matches-preview", test_export_matches_preview);
  g_test_add_func ("/export-dialog/preview-follows-changes", test_preview_follows_changes);
  g_test_add_func ("/export-dialog/cancel-leaves-nothing", test_cancel_leaves_nothing);
  g_test_add_func ("/export-dialog/window-state", test_window_state);
  g_test_add_func ("/export-dialog/copy-figure", test_copy_figure);
  g_test_add_func ("/export-dialog/animate", test_animate);

  return g_test_run ();
}
