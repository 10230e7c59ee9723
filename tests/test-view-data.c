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
  guint on_zhejiang = 0;

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

  for (guint i = 0; i < cm_dataset_get_n_announcements (ds); i++)
    on_zhejiang += cm_dataset_get_announcement (ds, i)->place == zhejiang;
  g_assert_cmpuint (data->n_events, ==, cm_dataset_get_n_announcements (ds) - on_zhejiang);
  for (gsize i = 1; i < data->n_events; i++)
    g_assert_cmpint (data->times[i - 1], <=, data->times[i]);
}

static void
test_region_names (void)
{
  g_autoptr(CmBasemap) basemap = load_basemap ();
  CmPlace place = { .kind = CM_PLACE_PROVINCE };
  int r;

  place.name = "Zhejiang Province";
  r = cm_view_data_find_region (basemap, &place);
  g_assert_cmpint (r, >=, 0);
  g_assert_cmpstr (cm_basemap_get_region (basemap, r)->id, ==, "CN-ZJ");

  place.name = "Somewhere";
  place.local_name = "浙江省";
  r = cm_view_data_find_region (basemap, &place);
  g_assert_cmpstr (cm_basemap_get_region (basemap, r)->id, ==, "CN-ZJ");

  place.name = "INNER MONGOLIA";
  place.local_name = NULL;
  g_assert_cmpint (cm_view_data_find_region (basemap, &place), >=, 0);

  place.name = "Atlantis";
  g_assert_cmpint (cm_view_data_find_region (basemap, &place), ==, -1);
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

static guint32
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  return ((guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s)))[x] & 0xffffff;
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view-data/timeline-marks", test_timeline_marks);
  g_test_add_func ("/view-data/map-data", test_map_data);
  g_test_add_func ("/view-data/region-names", test_region_names);
  g_test_add_func ("/view-data/export", test_export);

  return g_test_run ();
}
