/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-bench"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <geonames.h>

#include "cm-config.h"
#include "cm-map-painter.h"

/* Renders the map painter headless at 1600×900 over synthetic
 * announcements in real Chinese cities and prints per-frame times.
 * Usage: bench-map [--basemap FILE] [--runs N] [--png DIR] [--max-events N]
 *                  [--dark] [--chinese] [--diffusion] [--projection NICK] [--fit W,S,E,N]
 * With the world base map: --projection equal-earth draws it at world
 * extent; --projection albers --fit 73,18,135,54 at China extent (its
 * detail level); auto draws the China data on the regional China map. */

#define WIDTH 1600
#define HEIGHT 900
#define N_CATEGORIES 5

typedef struct
{
  GArray *lon, *lat;
  GPtrArray *names;
  GArray *weight;
} Cities;

static char *basemap_path;
static char *png_dir;
static int runs = 15;
static gint64 max_events = 1000000;
static gboolean dark, chinese, diffusion;
static char *projection_nick;
static char *fit_text;
static double fit[4];
static GOptionEntry entries[] = {
  { "basemap", 0, 0, G_OPTION_ARG_FILENAME, &basemap_path, "Base map GeoJSON", "FILE" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Timed frames per case (default 15)", "N" },
  { "png", 0, 0, G_OPTION_ARG_FILENAME, &png_dir, "Write each case's frame as PNG here", "DIR" },
  { "max-events", 0, 0, G_OPTION_ARG_INT64, &max_events, "Largest event count (default 1000000)", "N" },
  { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
  { "chinese", 0, 0, G_OPTION_ARG_NONE, &chinese, "Chinese area names", NULL },
  { "diffusion", 0, 0, G_OPTION_ARG_NONE, &diffusion, "Colour by date of first announcement", NULL },
  { "projection", 0, 0, G_OPTION_ARG_STRING, &projection_nick, "auto, albers, equal-earth or mercator", "NICK" },
  { "fit", 0, 0, G_OPTION_ARG_STRING, &fit_text, "The view: this box instead of the base map", "W,S,E,N" },
  { NULL }
};

static void
load_cities (Cities *c)
{
  int n = geonames_get_n_cities ();

  c->lon = g_array_new (FALSE, FALSE, sizeof (double));
  c->lat = g_array_new (FALSE, FALSE, sizeof (double));
  c->weight = g_array_new (FALSE, FALSE, sizeof (double));
  c->names = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(GeonamesCity) city = geonames_get_city (i);
      double lon, lat, w;

      if (city == NULL || g_strcmp0 (geonames_city_get_country_code (city), "CN") != 0)
        continue;
      lon = geonames_city_get_longitude (city);
      lat = geonames_city_get_latitude (city);
      /* Announcements concentrate in big cities, but not linearly. */
      w = pow (MAX (geonames_city_get_population (city), 1000), 0.8);
      g_array_append_val (c->lon, lon);
      g_array_append_val (c->lat, lat);
      g_array_append_val (c->weight, w);
      g_ptr_array_add (c->names, g_strdup (geonames_city_get_name (city)));
    }
  g_ptr_array_add (c->names, NULL);
}

static int
compare_by_time (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const gint64 *t = data;
  gint64 x = t[*(const guint *) a], y = t[*(const guint *) b];

  return x < y ? -1 : x > y;
}

/* Events sorted by time, as a loaded dataset provides them: each city
 * starts announcing at a date that comes earlier for bigger cities (a
 * diffusion), then at random. */
static void
make_events (const Cities *c,
             gsize         n,
             gint64      **times,
             guint32     **places,
             guint8      **categories)
{
  guint np = c->lon->len;
  g_autofree double *cdf = g_new (double, np);
  g_autofree gint64 *adopt = g_new (gint64, np);
  GRand *rand = g_rand_new_with_seed (42);
  const gint64 t0 = 1546300800;  /* 2019-01-01 */
  const gint64 span = 5 * 365 * 86400LL;
  double total = 0, wmax = 0;

  for (guint i = 0; i < np; i++)
    wmax = MAX (wmax, g_array_index (c->weight, double, i));
  for (guint i = 0; i < np; i++)
    {
      double w = g_array_index (c->weight, double, i);

      total += w;
      cdf[i] = total;
      adopt[i] = t0 + (gint64) (span * 0.8 * (1 - pow (w / wmax, 0.25)) * g_rand_double (rand));
    }

  *times = g_new (gint64, MAX (n, 1));
  *places = g_new (guint32, MAX (n, 1));
  *categories = g_new (guint8, MAX (n, 1));
  for (gsize k = 0; k < n; k++)
    {
      double u = g_rand_double (rand) * total;
      guint lo = 0, hi = np - 1;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (cdf[mid] < u)
            lo = mid + 1;
          else
            hi = mid;
        }
      (*places)[k] = lo;
      (*times)[k] = adopt[lo] + (gint64) ((t0 + span - adopt[lo]) * g_rand_double (rand));
      /* Categories lean per city, so pies differ. */
      (*categories)[k] = g_rand_double (rand) < 0.5 ? lo % N_CATEGORIES
                                                    : (guint8) g_rand_int_range (rand, 0, N_CATEGORIES);
    }
  g_rand_free (rand);

  /* Sort by time, keeping places and categories alongside. */
  {
    g_autofree guint *order = g_new (guint, MAX (n, 1));
    g_autofree gint64 *t = g_memdup2 (*times, sizeof (gint64) * n);
    g_autofree guint32 *p = g_memdup2 (*places, sizeof (guint32) * n);
    g_autofree guint8 *cat = g_memdup2 (*categories, sizeof (guint8) * n);

    for (gsize k = 0; k < n; k++)
      order[k] = k;
    g_qsort_with_data (order, n, sizeof (guint), compare_by_time, t);
    for (gsize k = 0; k < n; k++)
      {
        (*times)[k] = t[order[k]];
        (*places)[k] = p[order[k]];
        (*categories)[k] = cat[order[k]];
      }
  }
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

typedef void (*Step) (CmMapPainter *painter, int frame);

static void
step_none (CmMapPainter *painter,
           int           frame)
{
  /* A redraw with nothing moved, such as a hover change. */
  cm_map_painter_set_hover (painter, NULL);
}

static void
step_pan (CmMapPainter *painter,
          int           frame)
{
  cm_map_painter_pan (painter, frame % 2 ? -24 : 24, frame % 2 ? -9 : 9);
}

/* A fast glide: the base layer keeps what it has and draws the strip
 * it uncovers. */
static void
step_long_pan (CmMapPainter *painter,
               int           frame)
{
  cm_map_painter_pan (painter, (frame / 6) % 2 ? 90 : -90, 0);
}

static void
step_zoom (CmMapPainter *painter,
           int           frame)
{
  cm_map_painter_zoom_about (painter, frame % 2 ? 1 / 1.05 : 1.05, WIDTH / 2.0, HEIGHT / 2.0);
}

static void
step_filter (CmMapPainter *painter,
             int           frame)
{
  const gint64 t0 = 1546300800;

  cm_map_painter_set_time_range (painter, t0 + frame * 86400LL * 20, t0 + 3 * 365 * 86400LL + frame * 86400LL * 20);
}

/* A province's shading changes, as when the time range takes in or
 * leaves the announcements made by the province itself. */
static void
step_shade (CmMapPainter *painter,
            int           frame)
{
  const char *ids[1] = { "CN-ZJ" };
  const CmRgba colors[2] = { { 0.9, 0.6, 0.2, 0.5 }, { 0.2, 0.5, 0.9, 0.5 } };

  cm_map_painter_set_region_colors (painter, 1, ids, &colors[frame & 1]);
}

/* One frame into @surface; returns its duration in ms. */
static double
timed_frame (CmMapPainter    *painter,
             cairo_surface_t *surface,
             CmMapDrawFlags   flags,
             gint64           start)
{
  cairo_t *cr = cairo_create (surface);

  cm_map_painter_draw (painter, cr, flags);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* A table row: median, min and max of @ms (sorted here). */
static void
print_row (const char *size_name,
           const char *name,
           double     *ms)
{
  qsort (ms, runs, sizeof (double), compare_double);
  printf ("| %-8s | %-36s | %9.2f | %8.2f | %8.2f |\n", size_name, name,
          ms[runs / 2], ms[0], ms[runs - 1]);
  fflush (stdout);
}

static void
measure (CmMapPainter    *painter,
         cairo_surface_t *surface,
         const char      *name,
         const char      *size_name,
         Step             step,
         CmMapDrawFlags   flags)
{
  g_autofree double *ms = g_new (double, runs);

  for (int i = -3; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double t;

      step (painter, i);
      t = timed_frame (painter, surface, flags, start);
      if (i >= 0)
        ms[i] = t;
    }
  print_row (size_name, name, ms);

  if (png_dir != NULL)
    {
      g_autofree char *file = g_strdup_printf ("%s/bench-%s-%s.png", png_dir, size_name, name);

      for (char *p = file + strlen (png_dir) + 1; *p; p++)
        if (*p == ' ' || *p == ',' || *p == '(' || *p == ')')
          *p = '-';
      cairo_surface_write_to_png (surface, file);
    }
}

static void
layer_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  cm_map_painter_render_base_finish (CM_MAP_PAINTER (source), result, NULL);
  *(gboolean *) data = TRUE;
}

/* What the widget does when a zoom rests: the sharp base layer drawn on a
 * worker thread while the stretched one stays on screen, then a frame.
 * The frame is what the main thread pays; the layer is reported apart. */
static void
measure_settle (CmMapPainter    *painter,
                cairo_surface_t *surface,
                const char      *size_name)
{
  g_autofree double *frame = g_new (double, runs);
  g_autofree double *layer = g_new (double, runs);

  for (int i = -3; i < runs; i++)
    {
      gboolean done = FALSE;
      gint64 start;
      double t;

      step_zoom (painter, i);
      start = g_get_monotonic_time ();
      cm_map_painter_render_base_async (painter, 1.0, NULL, layer_ready_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      if (i >= 0)
        layer[i] = (g_get_monotonic_time () - start) / 1000.0;
      t = timed_frame (painter, surface, CM_MAP_DRAW_DEFAULT, g_get_monotonic_time ());
      if (i >= 0)
        frame[i] = t;
    }
  print_row (size_name, "zoom step, settled (frame)", frame);
  print_row (size_name, "  its layer, on a worker thread", layer);
}

/* The whole view: --fit's box, else the base map. */
static void
fit_view (CmMapPainter *painter)
{
  if (fit_text != NULL)
    cm_map_painter_fit_box (painter, fit[0], fit[1], fit[2], fit[3]);
  else
    cm_map_painter_fit_basemap (painter);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- benchmark the map painter");
  g_autoptr(GError) error = NULL;
  g_autoptr(CmBasemap) basemap = NULL;
  Cities cities;
  cairo_surface_t *surface;
  const gsize sizes[] = { 1000, 10000, 100000, 1000000 };
  const char *size_names[] = { "1k", "10k", "100k", "1M" };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  runs = MAX (runs, 5);
  if (fit_text != NULL && sscanf (fit_text, "%lf,%lf,%lf,%lf", &fit[0], &fit[1], &fit[2], &fit[3]) != 4)
    {
      fprintf (stderr, "bench-map: --fit wants W,S,E,N\n");
      return 1;
    }
  if (basemap_path == NULL)
    basemap_path = g_build_filename (CM_SOURCE_DATADIR, "basemap", "china.geojson", NULL);

  basemap = cm_basemap_new_from_file (basemap_path, &error);
  if (basemap == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  load_cities (&cities);
  printf ("Base map %s: %u regions, %u points; %u Chinese cities; %d frames per case after 3 warm-up frames\n\n",
          cm_basemap_get_display_name (basemap), cm_basemap_get_n_regions (basemap),
          cm_basemap_get_n_points (basemap), cities.lon->len, runs);
  printf ("| events   | case                                 | median ms |   min ms |   max ms |\n");
  printf ("|----------|--------------------------------------|----------:|---------:|---------:|\n");

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(CmMapPainter) painter = cm_map_painter_new ();
      g_autofree gint64 *times = NULL;
      g_autofree guint32 *places = NULL;
      g_autofree guint8 *categories = NULL;
      gint64 setup;

      if ((gint64) sizes[s] > max_events)
        break;
      make_events (&cities, sizes[s], &times, &places, &categories);
      setup = g_get_monotonic_time ();
      if (projection_nick != NULL)
        {
          g_autoptr(GEnumClass) klass = g_type_class_ref (CM_TYPE_MAP_PROJECTION);
          GEnumValue *v = g_enum_get_value_by_nick (klass, projection_nick);

          if (v == NULL)
            {
              fprintf (stderr, "bench-map: no projection %s\n", projection_nick);
              return 1;
            }
          cm_map_painter_set_projection_mode (painter, v->value);
        }
      cm_map_painter_set_basemap (painter, basemap);
      cm_map_painter_set_places (painter, cities.lon->len, (double *) cities.lon->data,
                                 (double *) cities.lat->data, NULL,
                                 (const char * const *) cities.names->pdata, NULL);
      cm_map_painter_set_events (painter, sizes[s], times, places, categories, N_CATEGORIES);
      cm_map_painter_set_viewport (painter, WIDTH, HEIGHT);
      {
        CmPaintStyle style;

        cm_paint_style_init (&style, dark);
        cm_map_painter_set_style (painter, &style);
        cm_map_painter_set_language (painter, chinese ? CM_LABEL_LANGUAGE_LOCAL : CM_LABEL_LANGUAGE_ENGLISH);
        cm_map_painter_set_color_mode (painter, diffusion ? CM_MAP_COLOR_BY_FIRST_DATE : CM_MAP_COLOR_BY_CATEGORY);
      }
      fit_view (painter);
      cm_map_painter_get_n_markers (painter);
      printf ("| %-8s | %-36s | %9.2f |          |          |\n", size_names[s], "setup (index events, clusters)",
              (g_get_monotonic_time () - setup) / 1000.0);

      fit_view (painter);
      measure (painter, surface, "fit-all", size_names[s], step_none, 0);
      measure (painter, surface, "base layer alone, cached", size_names[s], step_none, CM_MAP_DRAW_BASE_ONLY);
      measure (painter, surface, "base layer alone, not cached", size_names[s], step_none,
               CM_MAP_DRAW_BASE_ONLY | CM_MAP_DRAW_NO_CACHE);
      measure (painter, surface, "zoom step, base redrawn", size_names[s], step_zoom, 0);
      measure (painter, surface, "zoom step, gesture (base stretched)", size_names[s], step_zoom,
               CM_MAP_DRAW_INTERACTIVE);
      measure_settle (painter, surface, size_names[s]);
      fit_view (painter);
      measure (painter, surface, "time filter change + frame", size_names[s], step_filter, 0);
      measure (painter, surface, "province shading change + frame", size_names[s], step_shade, 0);
      cm_map_painter_set_region_colors (painter, 0, NULL, NULL);
      cm_map_painter_set_time_range (painter, G_MININT64, G_MAXINT64);
      cm_map_painter_fit_box (painter, 118.2, 29.6, 122.4, 32.6);
      measure (painter, surface, "Yangtze delta", size_names[s], step_none, 0);
      measure (painter, surface, "Yangtze delta, pan step", size_names[s], step_pan, 0);
      measure (painter, surface, "Yangtze delta, 90 px pans (strips)", size_names[s], step_long_pan, 0);
      fit_view (painter);
      measure (painter, surface, "fit-all, pan step", size_names[s], step_pan, 0);
    }
  cairo_surface_destroy (surface);
  return 0;
}
