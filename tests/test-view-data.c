/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>

#include "cm-cli.h"
#include "cm-test-util.h"
#include "cm-view-data.h"

static CmDataset *
load_sample (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "samples",
                                            "metaverse-cn-2021-2023.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmDataset *ds = cm_loader_load_file (file, NULL, NULL, NULL, NULL, NULL, NULL);

  g_assert_nonnull (ds);
  return ds;
}

static CmBasemap *
load_basemap (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "basemap",
                                            "china.geojson", NULL);
  g_autoptr(GError) error = NULL;
  CmBasemap *basemap = cm_basemap_new_from_file (path, &error);

  g_assert_no_error (error);
  return basemap;
}

static guint32
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  return ((guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s)))[x] & 0xffffff;
}

static void
test_timeline_marks (void)
{
  g_autoptr(CmDataset) ds = load_sample ();
  g_autoptr(CmTimelineIndex) by_category = cm_view_data_timeline_index (ds, CM_LANES_BY_CATEGORY, NULL);
  g_autoptr(CmTimelineIndex) by_place = cm_view_data_timeline_index (ds, CM_LANES_BY_PLACE, NULL);
  g_autoptr(CmTimelineIndex) single = cm_view_data_timeline_index (ds, CM_LANES_SINGLE, NULL);
  guint n = cm_dataset_get_n_announcements (ds);
  guint bands = 0, points = 0, spans = 0;

  g_assert_cmpuint (cm_timeline_index_get_n_marks (by_category), ==, n);
  g_assert_cmpuint (cm_timeline_index_get_n_lanes (by_category), ==, cm_dataset_get_n_categories (ds));
  g_assert_cmpuint (cm_timeline_index_get_n_lanes (by_place), ==, cm_dataset_get_n_places (ds) + 1);
  g_assert_cmpuint (cm_timeline_index_get_n_lanes (single), ==, 1);

  /* Precision decides the mark: a day is a point, a month a band, an
   * explicit end a span. */
  for (guint i = 0; i < n; i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (ds, i);
      CmMarkKind kind = cm_timeline_index_get_kind (by_category, i);

      g_assert_cmpint (cm_timeline_index_get_start (by_category, i), ==, a->start);
      g_assert_cmpint (cm_timeline_index_get_end (by_category, i), ==, a->end);
      g_assert_cmpuint (cm_timeline_index_get_lane (by_category, i), ==, (guint) a->category);
      g_assert_cmpuint (cm_timeline_index_get_lane (by_place, i), ==, (guint) a->place);
      if (a->end_precision != 0)
        {
          g_assert_cmpint (kind, ==, CM_MARK_SPAN);
          spans++;
        }
      else if (a->precision >= CM_PRECISION_DAY)
        {
          g_assert_cmpint (kind, ==, CM_MARK_POINT);
          points++;
        }
      else
        {
          g_assert_cmpint (kind, ==, CM_MARK_BAND);
          bands++;
        }
    }
  g_assert_cmpuint (points, >=, 4);
  g_assert_cmpuint (bands, >=, 3);
  g_assert_cmpuint (spans, >=, 1);
}

static void
test_map_data (void)
{
  g_autoptr(CmDataset) ds = load_sample ();
  g_autoptr(CmBasemap) basemap = load_basemap ();
  g_autoptr(CmMapData) data = cm_map_data_new (ds, basemap, FALSE);
  gint zhejiang = cm_dataset_find_place (ds, "zhejiang");
  gint wuhan = cm_dataset_find_place (ds, "wuhan");
  gint jiangsu = cm_dataset_find_place (ds, "jiangsu");
  guint on_zhejiang = 0, events_on_zhejiang = 0;

  g_assert_cmpuint (data->n_places, ==, cm_dataset_get_n_places (ds));
  /* Provinces are regions, not markers. */
  g_assert_true (isnan (data->lon[zhejiang]));
  g_assert_true (isnan (data->lon[jiangsu]));
  g_assert_cmpfloat_with_epsilon (data->lon[wuhan], 114.27, 0.05);

  /* Zhejiang's announcement shades Zhejiang; a province without any (Jiangsu)
   * shades nothing and is not reported as missing. */
  g_assert_cmpuint (data->region_ids->len, ==, 1);
  g_assert_cmpstr (data->region_ids->pdata[0], ==, "CN-ZJ");
  g_assert_cmpuint (data->unmatched->len, ==, 0);

  /* Areas stand for their regions, so that the map can shade them by
   * their events in its time window: the events include theirs. */
  g_assert_cmpstr (data->place_regions[zhejiang], ==, "CN-ZJ");
  g_assert_cmpstr (data->place_regions[jiangsu], ==, "CN-JS");
  g_assert_null (data->place_regions[wuhan]);
  for (guint i = 0; i < cm_dataset_get_n_announcements (ds); i++)
    on_zhejiang += cm_dataset_get_announcement (ds, i)->place == zhejiang;
  for (gsize i = 0; i < data->n_events; i++)
    events_on_zhejiang += data->places[i] == (guint32) zhejiang;
  g_assert_cmpuint (on_zhejiang, >, 0);
  g_assert_cmpuint (events_on_zhejiang, ==, on_zhejiang);
  g_assert_cmpuint (data->n_events, ==, cm_dataset_get_n_announcements (ds));
  for (gsize i = 1; i < data->n_events; i++)
    g_assert_cmpint (data->times[i - 1], <=, data->times[i]);
  g_assert_cmpuint (data->n_categories, ==, cm_dataset_get_n_categories (ds));
}

/* More categories than the map tells apart: the map data says how many
 * it keeps, the last one "other", so no caller has to clamp. */
static void
test_map_data_many_categories (void)
{
  g_autoptr(GString) json = g_string_new ("{\"title\": \"Many\", \"places\": [{\"id\": \"p\", \"name\": \"P\", "
                                          "\"kind\": \"city\", \"lat\": 31.2, \"lon\": 121.5}], "
                                          "\"categories\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CmDataset) ds = NULL;
  g_autoptr(CmMapData) data = NULL;
  g_autoptr(CmMapPainter) painter = cm_map_painter_new ();
  const guint n = CM_MAP_MAX_CATEGORIES + 6;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\": \"c%u\", \"label\": \"C%u\", \"color\": \"#%06x\"}",
                            i ? ", " : "", i, i, 0x102030 * (i % 7));
  g_string_append (json, "], \"announcements\": [");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\": \"a%u\", \"date\": \"2022-01-%02u\", \"place\": \"p\", "
                            "\"category\": \"c%u\", \"title\": \"A\"}", i ? ", " : "", i, 1 + i % 28, i);
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);
  ds = cm_loader_load_bytes (bytes, "many.json", NULL, NULL, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_dataset_get_n_categories (ds), ==, n);

  data = cm_map_data_new (ds, NULL, FALSE);
  g_assert_cmpuint (data->n_categories, ==, CM_MAP_MAX_CATEGORIES);
  g_assert_cmpstr (data->labels[CM_MAP_MAX_CATEGORIES - 1], ==, "Other categories");
  g_assert_null (data->labels[CM_MAP_MAX_CATEGORIES]);
  for (gsize i = 0; i < data->n_events; i++)
    g_assert_cmpuint (data->categories[i], <, data->n_categories);
  /* The painter takes it as it is. */
  cm_map_data_apply (data, painter);
  g_assert_cmpuint (cm_map_painter_get_place_count (painter, 0), ==, n);
}

/* Share of the pixels of a small square around (x, y) that differ. */
static guint
pixels_differing (cairo_surface_t *a,
                  cairo_surface_t *b,
                  double           x,
                  double           y)
{
  guint n = 0;

  for (int dy = -3; dy <= 3; dy++)
    for (int dx = -3; dx <= 3; dx++)
      n += pixel (a, (int) x + dx, (int) y + dy) != pixel (b, (int) x + dx, (int) y + dy);
  return n;
}

static cairo_surface_t *
draw_map (CmMapPainter *painter)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  cairo_t *cr = cairo_create (surface);

  cm_map_painter_draw (painter, cr, CM_MAP_DRAW_DEFAULT);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The sample's Zhejiang announcement is of November 2021: Zhejiang is
 * shaded for a window holding it, not for 2022. */
static void
test_map_region_time (void)
{
  g_autoptr(CmDataset) ds = load_sample ();
  g_autoptr(CmBasemap) basemap = load_basemap ();
  g_autoptr(CmMapData) data = cm_map_data_new (ds, basemap, FALSE);
  g_autoptr(CmMapPainter) painter = cm_map_painter_new ();
  cairo_surface_t *plain, *in_2021, *in_2022;
  double x, y;

  cm_map_painter_set_basemap (painter, basemap);
  cm_map_data_apply (data, painter);
  cm_map_painter_set_viewport (painter, 800, 600);
  cm_map_painter_fit_box (painter, 117, 26, 124, 33);
  /* Southern Zhejiang, away from markers and names. */
  cm_map_painter_lonlat_to_screen (painter, 119.3, 27.9, &x, &y);

  cm_map_painter_set_time_range (painter, 1640995200, 1672531200);   /* 2022 */
  in_2022 = draw_map (painter);
  cm_map_painter_set_time_range (painter, 1609459200, 1640995200);   /* 2021 */
  in_2021 = draw_map (painter);
  cm_map_painter_set_region_colors (painter, 0, NULL, NULL);
  plain = draw_map (painter);

  g_assert_cmpuint (pixels_differing (in_2022, plain, x, y), ==, 0);
  g_assert_cmpuint (pixels_differing (in_2021, plain, x, y), ==, 49);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (in_2021);
  cairo_surface_destroy (in_2022);
}

/* The sample at its default view (the whole base map), at many window
 * sizes: neighbouring names ("Hefei", "Binhu") never run together. */
static void
test_map_labels_apart (void)
{
  g_autoptr(CmDataset) ds = load_sample ();
  g_autoptr(CmBasemap) basemap = load_basemap ();
  g_autoptr(CmMapData) data = cm_map_data_new (ds, basemap, FALSE);
  g_autoptr(CmMapPainter) painter = cm_map_painter_new ();

  cm_map_painter_set_basemap (painter, basemap);
  cm_map_data_apply (data, painter);
  for (int w = 1200; w <= 2000; w += 20)
    for (int k = 0; k < 2; k++)
      {
        int h = k == 0 ? w * 9 / 16 : w * 3 / 4;
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
        cairo_t *cr = cairo_create (surface);
        const CmMapBox *b;
        guint n;

        cm_map_painter_set_viewport (painter, w, h);
        cm_map_painter_fit_basemap (painter);
        cm_map_painter_draw (painter, cr, CM_MAP_DRAW_DEFAULT);
        b = cm_map_painter_get_label_boxes (painter, &n);
        for (guint i = 0; i < n; i++)
          for (guint j = i + 1; j < n; j++)
            g_assert_cmpfloat (MAX (MAX (b[i].x0 - b[j].x1, b[j].x0 - b[i].x1),
                                    MAX (b[i].y0 - b[j].y1, b[j].y0 - b[i].y1)), >=, 3.0);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
}

static int
export (const char *first,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) "export");
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return cm_cli_export ((int) args->len - 1, (char **) args->pdata);
}

static void
test_export (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "samples",
                                              "metaverse-cn-2021-2023.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("cm-export-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autofree char *tl = g_build_filename (dir, "timeline.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "timeline.pdf", NULL);
  g_autofree char *svg_text = NULL;
  g_autofree char *pdf_text = NULL;
  g_autofree char *before = NULL, *after = NULL;
  cairo_surface_t *image;
  gsize len;

  g_assert_cmpint (export (sample, "--view", "map", "-o", png, "--width", "800", "--height", "600", NULL), ==, 0);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 600);
  {
    /* The bottom-right of a fit-to-China view is sea: a soft blue. */
    guint32 sea = pixel (image, 780, 560);
    guint r = sea >> 16, g = (sea >> 8) & 0xff, b = sea & 0xff;
    g_assert_cmpuint (b, >, r + 20);
    g_assert_cmpuint (b, >=, g);
  }
  cairo_surface_destroy (image);

  g_assert_cmpint (export (sample, "--view", "timeline", "-o", tl, "--width", "1000", "--height", "300",
                           "--from", "2021-10", "--to", "2023-05", NULL), ==, 0);
  image = cairo_image_surface_create_from_png (tl);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1000);
  cairo_surface_destroy (image);

  g_assert_cmpint (export (sample, "--view", "map", "-o", svg, "--width", "800", "--height", "600", NULL), ==, 0);
  g_assert_true (g_file_get_contents (svg, &svg_text, &len, NULL));
  g_assert_nonnull (strstr (svg_text, "<svg"));
  g_assert_null (strstr (svg_text, "<image"));    /* vectors, not a bitmap */

  g_assert_cmpint (export (sample, "--view", "timeline", "-o", pdf, NULL), ==, 0);
  g_assert_true (g_file_get_contents (pdf, &pdf_text, &len, NULL));
  g_assert_true (g_str_has_prefix (pdf_text, "%PDF-"));

  /* Usage errors leave an existing file untouched. */
  g_assert_true (g_file_get_contents (png, &before, NULL, NULL));
  g_assert_cmpint (export (sample, "--view", "globe", "-o", png, NULL), ==, 2);
  g_assert_cmpint (export (sample, "--view", "map", "-o", png, "--from", "2022-02-30", NULL), ==, 2);
  g_assert_cmpint (export ("/nonexistent.json", "--view", "map", "-o", png, NULL), ==, 1);
  g_assert_cmpint (export (sample, "--view", "map", "-o", png, "--basemap", sample, NULL), ==, 1);
  g_assert_true (g_file_get_contents (png, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  g_unlink (png);
  g_unlink (tl);
  g_unlink (svg);
  g_unlink (pdf);
  g_rmdir (dir);
}

/* The views' data built on two threads (from 250,000 announcements on)
 * equal what each function builds alone, and the time order is there. */
static void
test_build (void)
{
  g_autoptr(GString) json = g_string_new ("{\"title\": \"t\", \"places\": ["
                                          "{\"id\": \"hf\", \"name\": \"Hefei\", \"kind\": \"city\", \"lat\": 31.82, \"lon\": 117.23},"
                                          "{\"id\": \"wh\", \"name\": \"Wuhan\", \"kind\": \"city\", \"lat\": 30.59, \"lon\": 114.31}],"
                                          " \"categories\": [{\"id\": \"plan\", \"label\": \"Plan\", \"color\": \"#0072b2\"}],"
                                          " \"announcements\": [");
  g_autoptr(CmBasemap) basemap = load_basemap ();
  g_autoptr(CmDataset) ds = NULL;
  guint n = 260000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\": \"a%u\", \"date\": \"20%02u-%02u-%02u\", \"place\": \"%s\", \"category\": \"plan\", \"title\": \"x\"}",
                            i ? "," : "", i, 10 + i % 13, 1 + i % 12, 1 + i % 28, i % 3 ? "hf" : "wh");
  g_string_append (json, "]}");
  {
    g_autoptr(CmDiagnostics) diags = NULL;

    ds = cm_test_load_string (json->str, &diags);
    if (ds == NULL)
      g_error ("%s", cm_diagnostics_to_string (diags, 3));
  }
  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, n);

  for (int with_map = 0; with_map < 2; with_map++)
    {
      g_autoptr(CmTimelineIndex) index = NULL;
      g_autoptr(CmTimelineIndex) alone = cm_view_data_timeline_index (ds, CM_LANES_BY_PLACE, NULL);
      g_autoptr(CmMapData) data = NULL;
      const guint32 *order;

      cm_view_data_build (ds, CM_LANES_BY_PLACE, with_map ? basemap : NULL, FALSE, &index, &data);
      g_assert_nonnull (index);
      g_assert_cmpuint (cm_timeline_index_get_n_marks (index), ==, n);
      g_assert_cmpuint (cm_timeline_index_get_n_lanes (index), ==, cm_timeline_index_get_n_lanes (alone));
      for (guint r = 0; r < n; r += 997)
        g_assert_cmpuint (cm_timeline_index_get_mark_at_rank (index, r), ==,
                          cm_timeline_index_get_mark_at_rank (alone, r));
      g_assert_true ((data != NULL) == with_map);
      if (data != NULL)
        g_assert_cmpuint (data->n_events, ==, n);
      order = cm_dataset_get_time_order (ds);
      for (guint i = 1; i < n; i++)
        g_assert_cmpint (cm_dataset_get_announcement (ds, order[i - 1])->start, <=,
                         cm_dataset_get_announcement (ds, order[i])->start);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view-data/timeline-marks", test_timeline_marks);
  g_test_add_func ("/view-data/map-data", test_map_data);
  g_test_add_func ("/view-data/map-data-many-categories", test_map_data_many_categories);
  g_test_add_func ("/view-data/map-region-time", test_map_region_time);
  g_test_add_func ("/view-data/map-labels-apart", test_map_labels_apart);
  g_test_add_func ("/view-data/export", test_export);
  g_test_add_func ("/view-data/build", test_build);

  return g_test_run ();
}
