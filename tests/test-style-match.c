/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <string.h>

#include "cm-export-figure.h"
#include "cm-loader.h"
#include "cm-map.h"
#include "cm-test-widgets.h"
#include "cm-time-ticks.h"
#include "cm-timeline.h"
#include "cm-view-data.h"

/* The window's map and timeline draw the same pixels as `chronomap
 * export` for the same view: both make their style through
 * cm_paint_style_init_for(), the widgets from the theme's dark flag. A
 * widget taking a colour of the theme's instead (its background, its text)
 * shows here as a difference. Exact: both paint into an ARGB32 image with
 * the same painter, so nothing is left to round differently. */

#define WIDTH 640
#define HEIGHT 360

static CmDataset *dataset;
static CmBasemap *basemap;

/* @widget, shown alone in a window, once it has its size. */
static GtkWindow *
show (GtkWidget *widget)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_window_set_default_size (window, WIDTH, HEIGHT);
  gtk_window_set_child (window, widget);
  gtk_window_present (window);
  while ((gtk_widget_get_width (widget) <= 0 || !gtk_widget_get_mapped (widget))
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
  /* Let the theme and any late allocation settle. */
  cm_test_iterate (100);
  return window;
}

/* What @widget's snapshot shows: its frame, one texture. */
static cairo_surface_t *
widget_pixels (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GdkTexture *texture;
  cairo_surface_t *surface;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  g_assert_cmpint (gsk_render_node_get_node_type (node), ==, GSK_TEXTURE_NODE);
  texture = gsk_texture_node_get_texture (node);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gdk_texture_get_width (texture),
                                        gdk_texture_get_height (texture));
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32, premultiplied, native order. */
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  gsk_render_node_unref (node);
  return surface;
}

static cairo_surface_t *
export_pixels (const CmFigureOptions *options)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width, options->height);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GError) error = NULL;

  g_assert_true (cm_export_figure_draw (cr, dataset, options, NULL, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Same size and the same pixels; on failure, how many differ and where
 * the first is, and both images in the test's temporary directory. */
static void
assert_same_pixels (cairo_surface_t *widget,
                    cairo_surface_t *export,
                    const char      *name)
{
  int width = cairo_image_surface_get_width (export);
  int height = cairo_image_surface_get_height (export);
  int stride = cairo_image_surface_get_stride (export);
  const guint8 *a = cairo_image_surface_get_data (widget);
  const guint8 *b = cairo_image_surface_get_data (export);
  guint n_diff = 0;
  int first_x = -1, first_y = -1;

  g_assert_cmpint (cairo_image_surface_get_width (widget), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (widget), ==, height);
  g_assert_cmpint (cairo_image_surface_get_stride (widget), ==, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (memcmp (a + y * stride + x * 4, b + y * stride + x * 4, 4) != 0)
        {
          if (n_diff++ == 0)
            {
              first_x = x;
              first_y = y;
            }
        }
  if (n_diff > 0)
    {
      g_autofree char *base = g_build_filename (g_get_tmp_dir (), name, NULL);
      g_autofree char *wpath = g_strconcat (base, "-widget.png", NULL);
      g_autofree char *epath = g_strconcat (base, "-export.png", NULL);
      const guint32 *pa = (const guint32 *) (a + first_y * stride) + first_x;
      const guint32 *pb = (const guint32 *) (b + first_y * stride) + first_x;

      cairo_surface_write_to_png (widget, wpath);
      cairo_surface_write_to_png (export, epath);
      g_test_message ("%s: %u of %d pixels differ, the first at (%d, %d): widget %08x, export %08x; "
                      "see %s and %s", name, n_diff, width * height, first_x, first_y, *pa, *pb, wpath, epath);
    }
  g_assert_cmpuint (n_diff, ==, 0);
}

static void
test_timeline (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  GtkWidget *widget = cm_timeline_new ();
  g_autoptr(CmTimelineIndex) index = cm_view_data_timeline_index (dataset, CM_LANES_BY_CATEGORY, NULL);
  CmFigureOptions options;
  GtkWindow *window;
  cairo_surface_t *a, *b;

  cm_figure_options_init (&options);
  options.view = CM_FIGURE_VIEW_TIMELINE;
  options.dark = dark;
  options.lanes = CM_LANES_BY_CATEGORY;
  options.language = CM_LABEL_LANGUAGE_ENGLISH;
  options.from = cm_time_from_civil (2021, 6, 1, 0, 0, 0);
  options.to = cm_time_from_civil (2023, 6, 1, 0, 0, 0);

  cm_timeline_set_index (CM_TIMELINE (widget), index);
  cm_timeline_set_language (CM_TIMELINE (widget), options.language);
  cm_timeline_set_dark (CM_TIMELINE (widget), dark);
  window = show (widget);
  cm_timeline_set_visible_range (CM_TIMELINE (widget), options.from, options.to);
  options.width = gtk_widget_get_width (widget);
  options.height = gtk_widget_get_height (widget);

  a = widget_pixels (widget);
  b = export_pixels (&options);
  assert_same_pixels (a, b, dark ? "timeline-dark" : "timeline-light");
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  gtk_window_destroy (window);
}

static void
test_map (gconstpointer data)
{
  gboolean dark = GPOINTER_TO_INT (data);
  GtkWidget *widget = cm_map_new ();
  g_autoptr(CmMapData) map_data = cm_map_data_new (dataset, basemap, dark);
  CmFigureOptions options;
  GtkWindow *window;
  cairo_surface_t *a, *b;

  cm_figure_options_init (&options);
  options.view = CM_FIGURE_VIEW_MAP;
  options.dark = dark;
  options.color = CM_MAP_COLOR_BY_CATEGORY;
  options.language = CM_LABEL_LANGUAGE_LOCAL;
  options.basemap = basemap;

  cm_map_set_basemap (CM_MAP (widget), basemap);
  cm_map_data_apply (map_data, cm_map_get_painter (CM_MAP (widget)));
  cm_map_set_language (CM_MAP (widget), options.language);
  cm_map_set_color_mode (CM_MAP (widget), options.color);
  cm_map_set_dark (CM_MAP (widget), dark);
  window = show (widget);
  /* Framed as the window frames a dataset it opens, and the export any. */
  cm_map_fit_data (CM_MAP (widget));
  cm_test_iterate (100);
  options.width = gtk_widget_get_width (widget);
  options.height = gtk_widget_get_height (widget);

  a = widget_pixels (widget);
  b = export_pixels (&options);
  assert_same_pixels (a, b, dark ? "map-dark" : "map-light");
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  gtk_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sample = NULL;
  g_autofree char *basemap_path = cm_view_data_default_basemap_path ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  /* The application's theme: libadwaita's, whose colours a widget could
   * be tempted to take. */
  adw_init ();

  sample = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "samples", "metaverse-cn-2021-2023.json", NULL);
  file = g_file_new_for_path (sample);
  dataset = cm_loader_load_file (file, sample, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (basemap_path);
  basemap = cm_basemap_new_from_file (basemap_path, &error);
  g_assert_no_error (error);

  g_test_add_data_func ("/style-match/timeline/light", GINT_TO_POINTER (FALSE), test_timeline);
  g_test_add_data_func ("/style-match/timeline/dark", GINT_TO_POINTER (TRUE), test_timeline);
  g_test_add_data_func ("/style-match/map/light", GINT_TO_POINTER (FALSE), test_map);
  g_test_add_data_func ("/style-match/map/dark", GINT_TO_POINTER (TRUE), test_map);
  status = g_test_run ();

  g_clear_object (&basemap);
  g_clear_object (&dataset);
  return status;
}
