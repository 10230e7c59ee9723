/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>

#include "cm-cli.h"
#include "cm-export-figure.h"
#include "cm-test-util.h"
#include "cm-text-index.h"
#include "cm-view-data.h"
#include "cm-view-filter.h"

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
  g_autoptr(CmDataset) ds = cm_test_load_sample ();
  g_autoptr(CmTimelineIndex) by_category = cm_view_data_timeline_index (ds, CM_LANES_BY_CATEGORY, NULL);
  g_autoptr(CmTimelineIndex) by_place = cm_view_data_timeline_index (ds, CM_LANES_BY_PLACE, NULL);
  g_autoptr(CmTimelineIndex) single = cm_view_data_timeline_index (ds, CM_LANES_SINGLE, NULL);
  guint n = cm_dataset_get_n_announcements (ds);
  guint bands = 0, points = 0, spans = 0;

  g_assert_cmpuint (cm_timeline_index_get_n_marks (by_category), ==, n);
  g_assert_cmpuint (cm_timeline_index_get_n_lanes (by_category), ==, cm_dataset_get_n_categories (ds));
  /* By place: the seven places that announced, not the provinces and the
   * country listed as their parents, and no lane for "No place". */
  g_assert_cmpuint (cm_timeline_index_get_n_lanes (by_place), ==, 7);
  for (guint l = 0; l < 7; l++)
    g_assert_cmpstr (cm_timeline_index_get_lane_label (by_place, l), !=, "No place");
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
      g_assert_cmpstr (cm_timeline_index_get_lane_label (by_place, cm_timeline_index_get_lane (by_place, i)), ==,
                       cm_dataset_get_place (ds, (guint) a->place)->name);
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
  g_autoptr(CmDataset) ds = cm_test_load_sample ();
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
/* A dataset of one place and @n categories, @per announcements each. */
static CmDataset *
many_categories (guint n,
                 guint per)
{
  g_autoptr(GString) json = g_string_new ("{\"title\": \"Many\", \"places\": [{\"id\": \"p\", \"name\": \"P\", "
                                          "\"kind\": \"city\", \"lat\": 31.2, \"lon\": 121.5}], "
                                          "\"categories\": [");
  g_autoptr(GBytes) bytes = NULL;
  CmDataset *ds;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\": \"c%u\", \"label\": \"C%u\", \"color\": \"#%06x\"}",
                            i ? ", " : "", i, i, 0x102030 * (i % 7));
  g_string_append (json, "], \"announcements\": [");
  for (guint i = 0; i < per * n; i++)
    g_string_append_printf (json, "%s{\"id\": \"a%u\", \"date\": \"2022-01-%02u\", \"place\": \"p\", "
                            "\"category\": \"c%u\", \"title\": \"A\"}", i ? ", " : "", i, 1 + i % 28, i % n);
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);
  ds = cm_loader_load_bytes (bytes, "many.json", NULL, NULL, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  g_assert_cmpuint (cm_dataset_get_n_categories (ds), ==, n);
  return ds;
}

static void
test_map_data_many_categories (void)
{
  const guint n = CM_MAP_MAX_CATEGORIES + 6;
  g_autoptr(CmDataset) ds = many_categories (n, 1);
  g_autoptr(CmMapData) data = NULL;
  g_autoptr(CmMapPainter) painter = cm_map_painter_new ();

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
  g_autoptr(CmDataset) ds = cm_test_load_sample ();
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
  g_autoptr(CmDataset) ds = cm_test_load_sample ();
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
  /* The result line would land in the TAP stream. */
  g_ptr_array_add (args, (gpointer) "--quiet");
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

  g_assert_cmpint (export (sample, "--view", "map", "--bare", "-o", png, "--width", "800", "--height", "600", NULL), ==, 0);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 600);
  {
    /* The export frames the data (east China): its top-right is the
     * East China Sea, a soft blue. */
    guint32 sea = pixel (image, 780, 20);
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

/* Exports @view with the extra options (NULL-terminated) to @path at a
 * small size; returns the exit status. */
static int
export_small (const char *sample,
              const char *view,
              const char *path,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (args, (gpointer) "export");
  g_ptr_array_add (args, (gpointer) "--quiet");
  g_ptr_array_add (args, (gpointer) sample);
  g_ptr_array_add (args, (gpointer) "--view");
  g_ptr_array_add (args, (gpointer) view);
  g_ptr_array_add (args, (gpointer) "-o");
  g_ptr_array_add (args, (gpointer) path);
  g_ptr_array_add (args, (gpointer) "--width");
  g_ptr_array_add (args, (gpointer) "320");
  g_ptr_array_add (args, (gpointer) "--height");
  g_ptr_array_add (args, (gpointer) "200");
  va_start (ap, path);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return cm_cli_export ((int) args->len - 1, (char **) args->pdata);
}

static GBytes *
contents (const char *path)
{
  char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (data, len);
}

/* --lanes, --color-by and --lang take the settings' nicks, and the old
 * spellings as the same choices; anything else is a usage error. */
static void
test_export_choices (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "samples",
                                              "metaverse-cn-2021-2023.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("cm-export-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (dir, "a.png", NULL);
  g_autofree char *b = g_build_filename (dir, "b.png", NULL);
  static const char * const aliases[][4] = {
    /* view, option, nick, old spelling */
    { "timeline", "--lanes", "by-category", "category" },
    { "timeline", "--lanes", "by-place", "place" },
    { "map", "--lang", "english", "en" },
    { "map", "--lang", "local", "zh" },
  };
  static const char * const nicks[][3] = {
    { "timeline", "--lanes", "single" },
    { "map", "--color-by", "category" },
    { "map", "--color-by", "first-date" },
    { "timeline", "--lang", "auto" },
    { "map", "--projection", "equal-earth" },
    { "map", "--projection", "mercator" },
    { "map", "--projection", "albers" },
  };
  static const char * const wrong[][3] = {
    { "timeline", "--lanes", "by-colour" },
    { "map", "--color-by", "date" },
    { "map", "--lang", "fr" },
    { "map", "--lang", "English" },
    { "map", "--projection", "robinson" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      g_autoptr(GBytes) nick = NULL;
      g_autoptr(GBytes) old = NULL;

      g_assert_cmpint (export_small (sample, aliases[i][0], a, aliases[i][1], aliases[i][2], NULL), ==, 0);
      g_assert_cmpint (export_small (sample, aliases[i][0], b, aliases[i][1], aliases[i][3], NULL), ==, 0);
      nick = contents (a);
      old = contents (b);
      g_assert_true (g_bytes_equal (nick, old));
    }
  /* The choices make a difference: local names are not English ones. */
  {
    g_autoptr(GBytes) english = NULL;
    g_autoptr(GBytes) local = NULL;

    g_assert_cmpint (export_small (sample, "map", a, "--lang", "english", NULL), ==, 0);
    g_assert_cmpint (export_small (sample, "map", b, "--lang", "local", NULL), ==, 0);
    english = contents (a);
    local = contents (b);
    g_assert_false (g_bytes_equal (english, local));
  }
  for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
    g_assert_cmpint (export_small (sample, nicks[i][0], a, nicks[i][1], nicks[i][2], NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    g_assert_cmpint (export_small (sample, wrong[i][0], a, wrong[i][1], wrong[i][2], NULL), ==, 2);

  g_unlink (a);
  g_unlink (b);
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
      g_autoptr(CmAdoptionData) adoption = NULL;
      g_autoptr(CmAdoptionData) adoption_alone = NULL;
      const guint32 *order;

      cm_view_data_build (ds, CM_LANES_BY_PLACE, with_map ? basemap : NULL, FALSE,
                          with_map ? CM_ADOPTION_BY_CATEGORY : CM_ADOPTION_HIDDEN, &index, &data, &adoption);
      g_assert_nonnull (index);
      g_assert_cmpuint (cm_timeline_index_get_n_marks (index), ==, n);
      g_assert_cmpuint (cm_timeline_index_get_n_lanes (index), ==, cm_timeline_index_get_n_lanes (alone));
      for (guint r = 0; r < n; r += 997)
        g_assert_cmpuint (cm_timeline_index_get_mark_at_rank (index, r), ==,
                          cm_timeline_index_get_mark_at_rank (alone, r));
      g_assert_true ((data != NULL) == with_map);
      g_assert_true ((adoption != NULL) == with_map);
      if (data != NULL)
        {
          g_autoptr(CmMapPainter) built = cm_map_painter_new ();
          g_autoptr(CmMapPainter) taken = cm_map_painter_new ();

          g_assert_cmpuint (data->n_events, ==, n);
          /* The events bucketed on the building thread count as the
           * painter's own bucketing does. */
          g_assert_nonnull (data->events);
          cm_map_painter_set_places (built, data->n_places, data->lon, data->lat, data->ids, data->names,
                                     data->local_names);
          cm_map_painter_set_event_spans (built, data->n_events, data->times, data->ends, data->places,
                                          data->categories, data->n_categories);
          cm_map_data_apply (data, taken);
          g_assert_null (data->events);
          for (guint p = 0; p < data->n_places; p++)
            g_assert_cmpuint (cm_map_painter_get_place_count (built, p), ==, cm_map_painter_get_place_count (taken, p));
          g_assert_cmpuint (cm_map_painter_get_place_count (taken, 0) + cm_map_painter_get_place_count (taken, 1), ==, n);

          adoption_alone = cm_adoption_data_new (ds, NULL, TRUE);
          g_assert_cmpuint (adoption->dates->n, ==, adoption_alone->dates->n);
          g_assert_cmpuint (adoption->n_series, ==, adoption_alone->n_series);
          g_assert_cmpmem (adoption->dates->starts, sizeof (gint64) * adoption->dates->n,
                           adoption_alone->dates->starts, sizeof (gint64) * adoption_alone->dates->n);
        }
      order = cm_dataset_get_time_order (ds);
      for (guint i = 1; i < n; i++)
        g_assert_cmpint (cm_dataset_get_announcement (ds, order[i - 1])->start, <=,
                         cm_dataset_get_announcement (ds, order[i])->start);
    }
}

/* Listed out of time order, over several places (a province the map
 * shades, one the base map lacks, so not on the map) and categories: the
 * map's events are in time order, a filter's mask in the dataset's order. */
static const char unsorted_json[] =
  "{\"title\": \"Unsorted\", \"places\": ["
  "{\"id\": \"wh\", \"name\": \"Wuhan\", \"kind\": \"city\", \"lat\": 30.59, \"lon\": 114.31},"
  "{\"id\": \"hf\", \"name\": \"Hefei\", \"kind\": \"city\", \"lat\": 31.82, \"lon\": 117.23},"
  "{\"id\": \"sh\", \"name\": \"Shanghai\", \"kind\": \"city\", \"lat\": 31.23, \"lon\": 121.47},"
  "{\"id\": \"zj\", \"name\": \"Zhejiang\", \"kind\": \"province\"},"
  "{\"id\": \"xx\", \"name\": \"Atlantis\", \"kind\": \"province\", \"lat\": 30.0, \"lon\": 150.0}],"
  " \"categories\": [{\"id\": \"plan\", \"label\": \"Plan\", \"color\": \"#0072b2\"},"
  " {\"id\": \"fund\", \"label\": \"Fund\", \"color\": \"#e69f00\"},"
  " {\"id\": \"policy\", \"label\": \"Policy\", \"color\": \"#009e73\"}],"
  " \"announcements\": ["
  "{\"id\": \"a0\", \"date\": \"2022-03-01\", \"place\": \"wh\", \"category\": \"plan\", \"title\": \"Metaverse alpha\"},"
  "{\"id\": \"a1\", \"date\": \"2021-05-01\", \"place\": \"hf\", \"category\": \"fund\", \"title\": \"Chip fab\"},"
  "{\"id\": \"a2\", \"date\": \"2023-01-10\", \"place\": \"wh\", \"category\": \"fund\", \"title\": \"Metaverse bravo\"},"
  "{\"id\": \"a3\", \"date\": \"2021-11-20\", \"place\": \"sh\", \"category\": \"policy\", \"title\": \"Metaverse bravo rules\"},"
  "{\"id\": \"a4\", \"date\": \"2022-07-15\", \"place\": \"hf\", \"category\": \"policy\", \"title\": \"Battery plant\"},"
  "{\"id\": \"a5\", \"date\": \"2021-02-03\", \"place\": \"sh\", \"category\": \"plan\", \"title\": \"Bravo pilot\"},"
  "{\"id\": \"a6\", \"date\": \"2022-01-01\", \"place\": \"xx\", \"category\": \"fund\", \"title\": \"Bravo echo\"},"
  "{\"id\": \"a7\", \"date\": \"2021-08-08\", \"place\": \"zj\", \"category\": \"policy\", \"title\": \"Provincial charlie\"}]}";

/* What a view should show of one announcement. */
typedef struct
{
  const char *id;
  const char *date;       /* its start, a day in UTC */
  const char *place;      /* id */
  const char *category;   /* id */
} Shown;

static gint64
day_start (const char *date)
{
  g_autofree char *iso = g_strconcat (date, "T00:00:00Z", NULL);
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

/* The map gets exactly @expected (in time order), and its painter counts
 * them at their places; the timeline dims every mark but theirs (listed
 * in dataset order). */
static void
assert_filtered (CmDataset       *ds,
                 const CmMapData *data,
                 CmTimelineIndex *index,
                 const guint8    *match,
                 const Shown     *map_expected,
                 guint            n_map,
                 const Shown     *timeline_expected,
                 guint            n_timeline)
{
  g_autofree gint64 *times = NULL;
  g_autofree gint64 *ends = NULL;
  g_autofree guint32 *places = NULL;
  g_autofree guint8 *categories = NULL;
  g_autofree guint8 *dimmed = NULL;
  g_autoptr(CmMapPainter) painter = cm_map_painter_new ();
  guint n = cm_dataset_get_n_announcements (ds);
  gsize n_events;
  guint k = 0;

  n_events = cm_view_filter_map_events (data, match, &times, &ends, &places, &categories);
  g_assert_cmpuint (n_events, ==, n_map);
  for (guint i = 0; i < n_map; i++)
    {
      g_assert_cmpint (times[i], ==, day_start (map_expected[i].date));
      g_assert_cmpstr (cm_dataset_get_place (ds, places[i])->id, ==, map_expected[i].place);
      g_assert_cmpstr (cm_dataset_get_category (ds, categories[i])->id, ==, map_expected[i].category);
    }

  /* The same through the painter, as the window hands it over. */
  cm_map_data_apply ((CmMapData *) data, painter);
  cm_view_filter_apply_map (data, match, painter);
  for (guint p = 0; p < cm_dataset_get_n_places (ds); p++)
    {
      guint32 expected = 0;

      for (guint i = 0; i < n_map; i++)
        expected += g_strcmp0 (map_expected[i].place, cm_dataset_get_place (ds, p)->id) == 0;
      g_assert_cmpuint (cm_map_painter_get_place_count (painter, p), ==, expected);
    }

  dimmed = cm_view_filter_timeline_dimmed (match, n);
  cm_timeline_index_set_dimmed (index, dimmed);
  for (guint mark = 0; mark < n; mark++)
    {
      const CmAnnouncement *a;

      if (cm_timeline_index_get_flags (index, mark) & CM_MARK_FLAG_DIMMED)
        continue;
      g_assert_cmpuint (k, <, n_timeline);
      a = cm_dataset_get_announcement (ds, mark);
      g_assert_cmpstr (a->id, ==, timeline_expected[k].id);
      g_assert_cmpint (cm_timeline_index_get_start (index, mark), ==, day_start (timeline_expected[k].date));
      g_assert_cmpstr (cm_dataset_get_category (ds, cm_timeline_index_get_lane (index, mark))->id, ==,
                       timeline_expected[k].category);
      g_assert_cmpstr (cm_dataset_get_place (ds, a->place)->id, ==, timeline_expected[k].place);
      k++;
    }
  g_assert_cmpuint (k, ==, n_timeline);
}

/* The map's own mask of categories, over a search's subset or none,
 * counts what the match of the model's categories and the search counts,
 * in ranges that cut months and spans; FALSE means the window must fold
 * the categories into the match, which is then the only route. */
static void
assert_map_categories_agree (CmDataset       *ds,
                             CmMapData       *data,
                             const gboolean  *shown,
                             const guint8    *text,
                             gboolean         exact)
{
  g_autoptr(CmMapPainter) split = cm_map_painter_new ();
  g_autoptr(CmMapPainter) whole = cm_map_painter_new ();
  guint n = cm_dataset_get_n_announcements (ds);
  g_autofree guint8 *match = g_malloc (MAX (n, 1));
  gint64 t_min, t_max;

  if (text != NULL)
    memcpy (match, text, n);
  else
    memset (match, 1, n);
  cm_dataset_match_categories (ds, shown, match);
  cm_map_data_apply (data, split);
  cm_map_data_apply (data, whole);
  g_assert_cmpint (cm_view_filter_map_categories (data, shown, cm_dataset_get_n_categories (ds), split), ==, exact);
  cm_view_filter_apply_map (data, exact ? text : match, split);
  cm_view_filter_apply_map (data, match, whole);
  cm_dataset_get_time_range (ds, &t_min, &t_max);
  for (guint r = 0; r < 12; r++)
    {
      /* The whole span, then windows that cut months and spans. */
      gint64 a = r == 0 ? CM_DATE_TIME_MIN : t_min + (t_max - t_min) * (gint64) (r - 1) / 12;
      gint64 b = r == 0 ? CM_DATE_TIME_MAX : a + (t_max - t_min) / 7 + 86400 * (gint64) r;

      cm_map_painter_set_time_range (split, a, b);
      cm_map_painter_set_time_range (whole, a, b);
      for (guint p = 0; p < cm_dataset_get_n_places (ds); p++)
        g_assert_cmpuint (cm_map_painter_get_place_count (split, p), ==, cm_map_painter_get_place_count (whole, p));
    }
}

static void
test_map_categories (void)
{
  g_autoptr(CmDataset) ds = cm_test_load_sample ();
  g_autoptr(CmMapData) data = cm_map_data_new (ds, NULL, FALSE);
  guint n = cm_dataset_get_n_announcements (ds), nc = cm_dataset_get_n_categories (ds);
  g_autofree gboolean *shown = g_new (gboolean, nc);
  g_autofree guint8 *text = g_new (guint8, n);

  g_assert_cmpuint (nc, >=, 3);
  for (guint i = 0; i < n; i++)
    text[i] = i % 3 != 1;
  /* Each category alone hidden, then all but one, with and without a
   * search. */
  for (guint k = 0; k < 2 * nc; k++)
    {
      for (guint c = 0; c < nc; c++)
        shown[c] = k < nc ? c != k : c == k - nc;
      assert_map_categories_agree (ds, data, shown, NULL, TRUE);
      assert_map_categories_agree (ds, data, shown, text, TRUE);
    }
}

/* Past the map's 64 categories its last takes the rest: hiding one of
 * those cannot be a mask of the map's categories. */
static void
test_map_categories_many (void)
{
  const guint n = CM_MAP_MAX_CATEGORIES + 6;
  g_autoptr(CmDataset) ds = many_categories (n, 3);
  g_autoptr(CmMapData) data = NULL;
  g_autofree gboolean *shown = g_new (gboolean, n);

  data = cm_map_data_new (ds, NULL, FALSE);
  for (guint c = 0; c < n; c++)
    shown[c] = c != 2;
  assert_map_categories_agree (ds, data, shown, NULL, TRUE);
  shown[2] = TRUE;
  shown[CM_MAP_MAX_CATEGORIES + 1] = FALSE;
  assert_map_categories_agree (ds, data, shown, NULL, FALSE);
  /* All of the last ones hidden together is the map's last category. */
  for (guint c = CM_MAP_MAX_CATEGORIES - 1; c < n; c++)
    shown[c] = FALSE;
  assert_map_categories_agree (ds, data, shown, NULL, TRUE);
}

/* A search and a choice of categories reach each view as that view
 * numbers the announcements: the map by time, the timeline by dataset. */
static void
test_filter_projection (void)
{
  static const Shown bravo_map[] = {
    { "a5", "2021-02-03", "sh", "plan" },
    { "a3", "2021-11-20", "sh", "policy" },
    { "a2", "2023-01-10", "wh", "fund" },
  };
  static const Shown bravo_timeline[] = {
    { "a2", "2023-01-10", "wh", "fund" },
    { "a3", "2021-11-20", "sh", "policy" },
    { "a5", "2021-02-03", "sh", "plan" },
    { "a6", "2022-01-01", "xx", "fund" },
  };
  static const Shown plan_map[] = {
    { "a5", "2021-02-03", "sh", "plan" },
    { "a0", "2022-03-01", "wh", "plan" },
  };
  static const Shown plan_timeline[] = {
    { "a0", "2022-03-01", "wh", "plan" },
    { "a5", "2021-02-03", "sh", "plan" },
  };
  static const Shown both_map[] = {
    { "a3", "2021-11-20", "sh", "policy" },
    { "a2", "2023-01-10", "wh", "fund" },
  };
  static const Shown both_timeline[] = {
    { "a2", "2023-01-10", "wh", "fund" },
    { "a3", "2021-11-20", "sh", "policy" },
  };
  static const Shown province_map[] = {
    { "a1", "2021-05-01", "hf", "fund" },
    { "a7", "2021-08-08", "zj", "policy" },
    { "a4", "2022-07-15", "hf", "policy" },
  };
  static const Shown province_timeline[] = {
    { "a1", "2021-05-01", "hf", "fund" },
    { "a4", "2022-07-15", "hf", "policy" },
    { "a7", "2021-08-08", "zj", "policy" },
  };
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = cm_test_load_string (unsorted_json, &diags);
  g_autoptr(CmBasemap) basemap = load_basemap ();
  g_autoptr(CmMapData) data = NULL;
  g_autoptr(CmTimelineIndex) index = NULL;
  g_autoptr(CmTextIndex) text = NULL;
  g_autofree guint8 *match = NULL;
  gboolean shown[3];
  guint n;

  if (ds == NULL)
    g_error ("%s", cm_diagnostics_to_string (diags, 3));
  n = cm_dataset_get_n_announcements (ds);
  g_assert_cmpuint (n, ==, 8);
  data = cm_map_data_new (ds, basemap, FALSE);
  index = cm_view_data_timeline_index (ds, CM_LANES_BY_CATEGORY, NULL);
  text = cm_text_index_new (ds);
  match = g_new (guint8, n);
  /* What makes a wrong numbering show: the province's events are on the
   * map, the missing one's not, and the two orders differ. */
  g_assert_cmpuint (data->n_events, ==, 7);
  g_assert_cmpuint (data->announcements[0], !=, 0);

  /* A search. */
  g_assert_cmpuint (cm_text_index_match (text, "bravo", match), ==, 4);
  assert_filtered (ds, data, index, match, bravo_map, G_N_ELEMENTS (bravo_map),
                   bravo_timeline, G_N_ELEMENTS (bravo_timeline));

  /* One category shown. */
  memset (match, 1, n);
  shown[0] = TRUE, shown[1] = FALSE, shown[2] = FALSE;
  g_assert_cmpuint (cm_dataset_match_categories (ds, shown, match), ==, 2);
  assert_filtered (ds, data, index, match, plan_map, G_N_ELEMENTS (plan_map),
                   plan_timeline, G_N_ELEMENTS (plan_timeline));

  /* A search within the categories shown, as the filter bar combines them. */
  cm_text_index_match (text, "metaverse", match);
  shown[0] = FALSE, shown[1] = TRUE, shown[2] = TRUE;
  g_assert_cmpuint (cm_dataset_match_categories (ds, shown, match), ==, 2);
  assert_filtered (ds, data, index, match, both_map, G_N_ELEMENTS (both_map),
                   both_timeline, G_N_ELEMENTS (both_timeline));

  /* A place's name finds the province's announcement and the city's. */
  g_assert_cmpuint (cm_text_index_match (text, "zhejiang", match), ==, 1);
  for (guint i = 0; i < n; i++)
    match[i] |= cm_dataset_get_announcement (ds, i)->place == cm_dataset_find_place (ds, "hf");
  assert_filtered (ds, data, index, match, province_map, G_N_ELEMENTS (province_map),
                   province_timeline, G_N_ELEMENTS (province_timeline));

  /* No filter: the map counts everything again, the timeline dims nothing. */
  g_assert_null (cm_view_filter_timeline_dimmed (NULL, n));
}

static CmDataset *
load_test_file (const char *dir,
                const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmDataset *ds = cm_loader_load_file (file, NULL, NULL, NULL, NULL, NULL, NULL);

  g_assert_nonnull (ds);
  return ds;
}

/* What a figure's map leaves out: nothing of the world-wide quakes, on
 * the world map or on the China map (the frame reaches past a regional
 * base map to take in every located announcement); a TimelineJS file's
 * events without a place are counted. */
static void
test_left_out (void)
{
  g_autoptr(CmDataset) quakes = load_test_file ("geojson", "2012_Earthquakes_Mag5.geojson");
  g_autoptr(CmDataset) eras = load_test_file ("timelinejs", "eras.json");
  g_autoptr(CmBasemap) china = load_basemap ();
  g_autofree char *world_path = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "basemap",
                                                  "world.geojson", NULL);
  g_autoptr(CmBasemap) world = cm_basemap_new_from_file (world_path, NULL);
  CmFigureOptions o;
  guint outside = 0, unplaced = 0;

  g_assert_nonnull (world);
  cm_figure_options_init (&o);
  o.width = 800;
  o.height = 500;
  o.basemap = china;
  cm_export_figure_left_out (quakes, &o, &outside, &unplaced);
  g_assert_cmpuint (outside, ==, 0);
  g_assert_cmpuint (unplaced, ==, 0);

  o.basemap = world;
  cm_export_figure_left_out (quakes, &o, &outside, &unplaced);
  g_assert_cmpuint (outside, ==, 0);
  o.projection = CM_MAP_PROJECTION_MERCATOR;
  cm_export_figure_left_out (quakes, &o, &outside, &unplaced);
  g_assert_cmpuint (outside, ==, 0);

  o.projection = CM_MAP_PROJECTION_AUTO;
  cm_export_figure_left_out (eras, &o, &outside, &unplaced);
  g_assert_cmpuint (unplaced, ==, cm_dataset_get_n_announcements (eras));
  o.view = CM_FIGURE_VIEW_TIMELINE;
  cm_export_figure_left_out (eras, &o, &outside, &unplaced);
  g_assert_cmpuint (unplaced, ==, 0);
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
  g_test_add_func ("/view-data/export-choices", test_export_choices);
  g_test_add_func ("/view-data/left-out", test_left_out);
  g_test_add_func ("/view-data/build", test_build);
  g_test_add_func ("/view-data/filter-projection", test_filter_projection);
  g_test_add_func ("/view-data/map-categories", test_map_categories);
  g_test_add_func ("/view-data/map-categories-many", test_map_categories_many);

  return g_test_run ();
}
