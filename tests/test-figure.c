/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "cm-export-figure.h"
#include "cm-contrast.h"
#include "cm-figure.h"
#include "cm-export-write.h"
#include "cm-loader.h"
#include "cm-test-export.h"
#include "cm-page.h"
#include "cm-view-data.h"

/* The composed report figure of the sample: map above timeline on A4
 * landscape, light and dark, English and Chinese, against golden images
 * with a tolerance for antialiasing; and its layout in points, the same
 * at any resolution. No display. */

static CmDataset *dataset;
static CmBasemap *basemap;

static void
figure_options (CmFigureOptions *o,
                gboolean         dark,
                gboolean         zh)
{
  cm_figure_options_init (o);
  o->compose = TRUE;
  o->view = CM_FIGURE_VIEW_BOTH;
  g_assert_true (cm_page_parse ("a4-landscape", &o->width, &o->height));
  o->dark = dark;
  o->language = zh ? CM_LABEL_LANGUAGE_LOCAL : CM_LABEL_LANGUAGE_ENGLISH;
  o->basemap = basemap;
}

static cairo_surface_t *
draw (const CmFigureOptions *o,
      double                 dpi)
{
  int w, h;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GError) error = NULL;

  cm_export_png_size (o->width, o->height, dpi, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_scale (cr, dpi / 96, dpi / 96);
  g_assert_true (cm_export_figure_draw (cr, dataset, o, NULL, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
compare_golden (cairo_surface_t *surface,
                const char      *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "golden", name, NULL);
  cairo_surface_t *expected;
  int w, h, stride, bad = 0, worst = 0;
  const guint8 *a, *b;

  if (g_strcmp0 (g_getenv ("CM_UPDATE_GOLDEN"), "1") == 0)
    {
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      return;
    }
  expected = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (expected), ==, CAIRO_STATUS_SUCCESS);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  g_assert_cmpint (cairo_image_surface_get_width (expected), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (expected), ==, h);
  a = cairo_image_surface_get_data (surface);
  b = cairo_image_surface_get_data (expected);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w * 4; x++)
      {
        int d = abs ((int) a[y * stride + x] - (int) b[y * stride + x]);

        worst = MAX (worst, d);
        bad += d > 24;
      }
  cairo_surface_destroy (expected);
  if (bad > w * h / 500)
    {
      g_autofree char *actual = g_strdup_printf ("%s/actual-%s", g_get_tmp_dir (), name);

      cairo_surface_write_to_png (surface, actual);
      g_test_fail_printf ("%s: %d channels differ by more than 24 (worst %d); see %s", name, bad, worst, actual);
    }
}

static void
test_golden (gconstpointer data)
{
  const char *variant = data;
  g_autofree char *name = g_strdup_printf ("figure-%s.png", variant);
  CmFigureOptions o;
  cairo_surface_t *surface;

  figure_options (&o, strstr (variant, "dark") != NULL, strstr (variant, "zh") != NULL);
  surface = draw (&o, 96);
  compare_golden (surface, name);
  cairo_surface_destroy (surface);
}

/* The bare map on the bundled base map: world-wide quakes on the world
 * map (Equal Earth, every country), and the sample on the China map it
 * draws data in China on, as the app has always drawn it. */
static void
test_golden_map (gconstpointer data)
{
  const char *name = data;
  g_autoptr(CmDataset) quakes = NULL;
  CmDataset *ds = dataset;
  CmFigureOptions o;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GError) error = NULL;

  if (strstr (name, "world") != NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "geojson", "2012_Earthquakes_Mag5.geojson", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      quakes = cm_loader_load_file (file, path, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      ds = quakes;
    }
  cm_figure_options_init (&o);
  o.width = 900;
  o.height = 480;
  o.basemap = basemap;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) o.width, (int) o.height);
  cr = cairo_create (surface);
  g_assert_true (cm_export_figure_draw (cr, ds, &o, NULL, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  compare_golden (surface, name);
  cairo_surface_destroy (surface);
}

/* The composed figure draws nothing outside its page, and leaves the
 * page's margins blank: what is inside is the same at 96 and 192 dpi, at
 * twice the pixels. */
static void
test_resolution (void)
{
  CmFigureOptions o;
  cairo_surface_t *lo, *hi;
  const guint32 *a, *b;
  int w, h, sa, sb, same = 0, total = 0;

  figure_options (&o, FALSE, FALSE);
  lo = draw (&o, 96);
  hi = draw (&o, 192);
  w = cairo_image_surface_get_width (lo);
  h = cairo_image_surface_get_height (lo);
  /* 1122.5 px of A4 round to 1123 and 2245. */
  g_assert_cmpint (abs (cairo_image_surface_get_width (hi) - 2 * w), <=, 1);
  w = MIN (w, cairo_image_surface_get_width (hi) / 2);
  h = MIN (h, cairo_image_surface_get_height (hi) / 2);
  a = (const guint32 *) cairo_image_surface_get_data (lo);
  b = (const guint32 *) cairo_image_surface_get_data (hi);
  sa = cairo_image_surface_get_stride (lo) / 4;
  sb = cairo_image_surface_get_stride (hi) / 4;
  /* Background or not, pixel for pixel: a layout in device pixels would
   * put the text and the views elsewhere at 192 dpi. */
  for (int y = 0; y < h; y += 3)
    for (int x = 0; x < w; x += 3)
      {
        gboolean blank_a = a[y * sa + x] == 0xffffffff;
        gboolean blank_b = b[2 * y * sb + 2 * x] == 0xffffffff && b[(2 * y + 1) * sb + 2 * x + 1] == 0xffffffff;

        same += blank_a == blank_b;
        total++;
      }
  g_assert_cmpfloat ((double) same / total, >, 0.95);
  cairo_surface_destroy (lo);
  cairo_surface_destroy (hi);
}

/* The legend's swatch of a pale category (Forum or meeting, #e69f00:
 * 2.2:1 on white) has the darker rim its marks have. The legend is the
 * topmost thing of that colour on the page. */
static void
test_legend_swatch_rim (void)
{
  CmFigureOptions o;
  cairo_surface_t *s;
  CmPaintStyle style;
  CmRgba pale, ink;
  int top = -1, left = -1, rim = 0, w, h, stride;
  guint8 *data;

  figure_options (&o, FALSE, FALSE);
  s = draw (&o, 96);
  w = cairo_image_surface_get_width (s);
  h = cairo_image_surface_get_height (s);
  stride = cairo_image_surface_get_stride (s);
  data = cairo_image_surface_get_data (s);
  cm_paint_style_init_for (&style, FALSE, NULL);
  cm_rgba_from_rgb24 (&pale, 0xe69f00);
  g_assert_true (cm_paint_style_mark_ink (&style, &pale, &ink));
  for (int y = 0; y < h && top < 0; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = ((guint32 *) (data + y * stride))[x];

        if ((p & 0xffffff) == 0xe69f00)
          {
            top = y;
            left = x;
            break;
          }
      }
  g_assert_cmpint (top, >=, 0);
  for (int y = MAX (top - 4, 0); y < MIN (top + 12, h); y++)
    for (int x = MAX (left - 8, 0); x < MIN (left + 8, w); x++)
      {
        guint32 p = ((guint32 *) (data + y * stride))[x];
        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

        rim += abs (r - (int) (ink.r * 255)) < 30 && abs (g - (int) (ink.g * 255)) < 30
               && abs (b - (int) (ink.b * 255)) < 30;
      }
  g_assert_cmpint (rim, >, 3);
  cairo_surface_destroy (s);
}

/* Pixels of the adoption curve's one colour, Okabe–Ito blue #0072b2,
 * in columns [@x0, @x1). */
static guint
curve_pixels (cairo_surface_t *s,
              int              x0,
              int              x1)
{
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (s); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, cairo_image_surface_get_width (s)); x++)
      {
        guint32 p = ((guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s)))[x];
        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

        n += abs (r - 0x00) < 24 && abs (g - 0x72) < 24 && abs (b - 0xb2) < 24;
      }
  return n;
}

/* --view adoption: the curve drawn through the figure, composed and bare,
 * with no base map; a frame of an animation draws it up to the
 * playhead only. */
static void
test_adoption (void)
{
  CmFigureOptions o;
  cairo_surface_t *composed, *bare, *early, *late;
  g_autoptr(CmFigure) figure = NULL;
  g_autoptr(GError) error = NULL;
  cairo_t *cr;
  int half;

  cm_figure_options_init (&o);
  o.compose = TRUE;
  o.view = CM_FIGURE_VIEW_ADOPTION;
  o.width = 800;
  o.height = 500;
  o.language = CM_LABEL_LANGUAGE_ENGLISH;
  composed = draw (&o, 96);
  g_assert_cmpuint (curve_pixels (composed, 0, 800), >, 800);
  o.compose = FALSE;
  bare = draw (&o, 96);
  g_assert_cmpuint (curve_pixels (bare, 0, 800), >, 800);

  /* Frames: before Hebi's announcement the curve stops halfway. */
  o.compose = TRUE;
  figure = cm_figure_new (dataset, &o);
  cm_figure_set_frame_mode (figure, TRUE);
  early = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 500);
  late = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 500);
  cm_figure_set_playhead (figure, TRUE, 1640995200);   /* 2022-01-01 */
  cr = cairo_create (early);
  g_assert_true (cm_figure_draw (figure, cr, &error));
  cairo_destroy (cr);
  cm_figure_set_playhead (figure, TRUE, 1682899200);   /* 2023-05-01 */
  cr = cairo_create (late);
  g_assert_true (cm_figure_draw (figure, cr, &error));
  cairo_destroy (cr);
  cairo_surface_flush (early);
  cairo_surface_flush (late);
  half = 400;
  g_assert_cmpuint (curve_pixels (early, half, 800), <, 20);
  g_assert_cmpuint (curve_pixels (late, half, 800), >, 300);
  g_assert_cmpuint (curve_pixels (early, 0, half), >, 50);
  cairo_surface_destroy (composed);
  cairo_surface_destroy (bare);
  cairo_surface_destroy (early);
  cairo_surface_destroy (late);
}

/* @figure drawn at 72 dpi on a new surface. */
static cairo_surface_t *
draw_figure (CmFigure *figure)
{
  const CmFigureOptions *o = cm_figure_get_options (figure);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int w, h;

  cm_export_png_size (o->width, o->height, 72, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_scale (cr, 72.0 / 96, 72.0 / 96);
  g_assert_true (cm_figure_draw (figure, cr, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Bytes that differ between two surfaces of the same size. */
static gsize
surface_diff (cairo_surface_t *a,
              cairo_surface_t *b)
{
  int h = cairo_image_surface_get_height (a), stride = cairo_image_surface_get_stride (a);
  const guint8 *p = cairo_image_surface_get_data (a), *q = cairo_image_surface_get_data (b);
  gsize n = 0;

  g_assert_cmpint (cairo_image_surface_get_width (a), ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  for (gsize i = 0; i < (gsize) h * stride; i++)
    n += p[i] != q[i];
  return n;
}

/* The export dialog's preview changes its one figure through the setters
 * (cm_figure_update()) instead of making a new one: after each change it
 * draws exactly what a figure made for the final options draws, and the
 * change shows. What the figure prepared cannot be changed so. */
static void
test_update (void)
{
  CmFigureOptions o;
  g_autoptr(CmFigure) kept = NULL;
  cairo_surface_t *before;
  const char *categories[] = { "policy", NULL };
  enum { WORDS, DARK, ZH, VIEW_MAP, VIEW_TIMELINE, VIEW_ADOPTION, VIEW_BOTH, PAGE, PLAYHEAD, FOOTER, LIGHT_EN,
         N_STEPS };

  figure_options (&o, FALSE, FALSE);
  kept = cm_figure_new (dataset, &o);
  before = draw_figure (kept);
  for (int step = 0; step < N_STEPS; step++)
    {
      g_autoptr(CmFigure) fresh = NULL;
      cairo_surface_t *updated, *expected;

      switch (step)
        {
        case WORDS:
          o.title = "A title of one's own";
          o.subtitle = "And a subtitle";
          o.caption = "A caption under the figure.";
          o.source = "Our own notes";
          break;
        case DARK:
          o.dark = TRUE;
          break;
        case ZH:
          o.language = CM_LABEL_LANGUAGE_LOCAL;
          break;
        case VIEW_MAP:
          o.view = CM_FIGURE_VIEW_MAP;
          break;
        case VIEW_TIMELINE:
          o.view = CM_FIGURE_VIEW_TIMELINE;
          break;
        case VIEW_ADOPTION:
          o.view = CM_FIGURE_VIEW_ADOPTION;
          break;
        case VIEW_BOTH:
          o.view = CM_FIGURE_VIEW_BOTH;
          break;
        case PAGE:
          g_assert_true (cm_page_parse ("a5", &o.width, &o.height));
          break;
        case PLAYHEAD:
          o.has_at = TRUE;
          o.at = 1640995200;   /* 2022-01-01 */
          break;
        case FOOTER:
          o.footer_note = "Not on the map: everything.";
          break;
        case LIGHT_EN:
          o.dark = FALSE;
          o.language = CM_LABEL_LANGUAGE_ENGLISH;
          o.title = NULL;
          break;
        default:
          g_assert_not_reached ();
        }
      g_assert_true (cm_figure_update (kept, &o));
      updated = draw_figure (kept);
      fresh = cm_figure_new (dataset, &o);
      expected = draw_figure (fresh);
      if (surface_diff (updated, expected) != 0)
        g_error ("step %d: %" G_GSIZE_FORMAT " bytes differ from a new figure's", step,
                 surface_diff (updated, expected));
      /* Not a change the figure ignored. */
      if (cairo_image_surface_get_width (before) == cairo_image_surface_get_width (updated)
          && cairo_image_surface_get_height (before) == cairo_image_surface_get_height (updated))
        g_assert_cmpuint (surface_diff (before, updated), >, 500);
      cairo_surface_destroy (before);
      cairo_surface_destroy (expected);
      before = updated;
    }

  /* A filter, the lanes or the base map need a new figure: refused, and
   * the figure draws on as before. */
  o.categories = categories;
  g_assert_false (cm_figure_update (kept, &o));
  o.categories = NULL;
  o.lanes = CM_LANES_BY_PLACE;
  g_assert_false (cm_figure_update (kept, &o));
  o.lanes = CM_LANES_BY_CATEGORY;
  o.basemap = NULL;
  g_assert_false (cm_figure_update (kept, &o));
  {
    cairo_surface_t *again = draw_figure (kept);

    g_assert_cmpuint (surface_diff (before, again), ==, 0);
    cairo_surface_destroy (again);
  }
  cairo_surface_destroy (before);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cm_test_load_sample_and_basemap (&dataset, &basemap);

  g_test_add_data_func ("/figure/golden/light-en", "light-en", test_golden);
  g_test_add_data_func ("/figure/golden/dark-en", "dark-en", test_golden);
  g_test_add_data_func ("/figure/golden/light-zh", "light-zh", test_golden);
  g_test_add_data_func ("/figure/golden/dark-zh", "dark-zh", test_golden);
  g_test_add_data_func ("/figure/golden/map-world", "map-world-quakes.png", test_golden_map);
  g_test_add_data_func ("/figure/golden/map-china", "map-china-sample.png", test_golden_map);
  g_test_add_func ("/figure/resolution", test_resolution);
  g_test_add_func ("/figure/adoption", test_adoption);
  g_test_add_func ("/figure/legend-swatch-rim", test_legend_swatch_rim);
  g_test_add_func ("/figure/update", test_update);
  status = g_test_run ();
  g_clear_object (&dataset);
  g_clear_object (&basemap);
  return status;
}
