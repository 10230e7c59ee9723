/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "cm-map.h"
#include "cm-map-private.h"

typedef struct
{
  const char *id, *name, *name_zh;
  double lon, lat;
  guint n;
} Place;

static const Place places[] = {
  { "wuhan", "Wuhan", "武汉", 114.305, 30.593, 40 },
  { "zhengzhou", "Zhengzhou", "郑州", 113.65, 34.76, 25 },
  { "luoyang", "Luoyang", "洛阳", 112.45, 34.62, 9 },
  { "kaifeng", "Kaifeng", "开封", 114.31, 34.80, 5 },
  { "changsha", "Changsha", "长沙", 112.94, 28.23, 20 },
  { "hefei", "Hefei", "合肥", 117.23, 31.82, 18 },
  { "shanghai", "Shanghai", "上海", 121.0, 31.45, 30 },
};
#define N_PLACES G_N_ELEMENTS (places)
#define T0 1577836800
#define DAY 86400

static gboolean have_display;

typedef struct
{
  GtkWidget *window;
  CmMap     *map;
  guint      selection_changes;
  guint      zoom_notifies;
} Fixture;

static void
wait_until_drawn (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while ((gtk_widget_get_width (GTK_WIDGET (f->map)) == 0 || !gtk_widget_get_mapped (GTK_WIDGET (f->map)))
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  /* A few more turns for the first frames. */
  for (int i = 0; i < 20 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static void
selection_changed_cb (CmMap   *map,
                      Fixture *f)
{
  f->selection_changes++;
}

static void
zoom_notify_cb (CmMap      *map,
                GParamSpec *pspec,
                Fixture    *f)
{
  f->zoom_notifies++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmBasemap) basemap = NULL;
  double lon[N_PLACES], lat[N_PLACES];
  const char *ids[N_PLACES], *names[N_PLACES], *names_zh[N_PLACES];
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) where = g_array_new (FALSE, FALSE, sizeof (guint32));

  memset (f, 0, sizeof *f);
  if (!have_display)
    return;

  path = g_test_build_filename (G_TEST_DIST, "data", "map-mini.geojson", NULL);
  basemap = cm_basemap_new_from_file (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_PLACES; i++)
    {
      lon[i] = places[i].lon;
      lat[i] = places[i].lat;
      ids[i] = places[i].id;
      names[i] = places[i].name;
      names_zh[i] = places[i].name_zh;
      /* Bigger places start earlier. */
      for (guint k = 0; k < places[i].n; k++)
        {
          gint64 t = T0 + (gint64) (40 - places[i].n) * 5 * DAY + (gint64) k * DAY;
          guint32 p = i;

          g_array_append_val (times, t);
          g_array_append_val (where, p);
        }
    }

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 640, 480);
  f->map = CM_MAP (cm_map_new ());
  g_object_set (f->map, "basemap", basemap, NULL);
  cm_map_painter_set_places (cm_map_get_painter (f->map), N_PLACES, lon, lat, ids, names, names_zh);
  cm_map_painter_set_events (cm_map_get_painter (f->map), times->len, (gint64 *) times->data,
                             (guint32 *) where->data, NULL, 0);
  g_signal_connect (f->map, "selection-changed", G_CALLBACK (selection_changed_cb), f);
  g_signal_connect (f->map, "notify::zoom", G_CALLBACK (zoom_notify_cb), f);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->map));
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until_drawn (f);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->map)), >, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
}

#define SKIP_WITHOUT_DISPLAY() \
  G_STMT_START { if (!have_display) { g_test_skip ("no display"); return; } } G_STMT_END

static void
place_position (Fixture    *f,
                const char *id,
                double     *x,
                double     *y)
{
  for (guint i = 0; i < N_PLACES; i++)
    if (g_str_equal (places[i].id, id))
      cm_map_painter_lonlat_to_screen (cm_map_get_painter (f->map), places[i].lon, places[i].lat, x, y);
}

static double
zoom_of (Fixture *f)
{
  double zoom;

  g_object_get (f->map, "zoom", &zoom, NULL);
  return zoom;
}

/* A wheel zoom: frames stretch the layer they have; once the wheel
 * rests, the sharp layer is drawn on a worker thread and the map goes
 * sharp without a frame drawing the base map itself. */
static void
test_wheel_zoom_settles (Fixture       *f,
                         gconstpointer  data)
{
  CmMapPainter *painter;
  gboolean off_thread = FALSE;
  gint64 deadline;
  int scale;

  SKIP_WITHOUT_DISPLAY ();
  painter = cm_map_get_painter (f->map);
  scale = gtk_widget_get_scale_factor (GTK_WIDGET (f->map));
  g_assert_true (cm_map_painter_base_is_ready (painter, scale));

  for (int notch = 0; notch < 3; notch++)
    {
      _cm_map_moving (f->map);
      cm_map_painter_zoom_about (painter, G_SQRT2, 320, 240);
      _cm_map_view_changed (f->map);
      for (int i = 0; i < 5 && g_main_context_iteration (NULL, FALSE); i++)
        ;
    }
  g_assert_true (f->map->interactive);
  g_assert_false (cm_map_painter_base_is_ready (painter, scale));

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (f->map->interactive && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      off_thread |= f->map->base_job != NULL;
    }
  g_assert_true (off_thread);
  g_assert_false (f->map->interactive);
  g_assert_true (cm_map_painter_base_is_ready (painter, scale));
  g_assert_null (f->map->base_job);
  wait_until_drawn (f);
}

static void
test_zoom_actions (Fixture       *f,
                   gconstpointer  data)
{
  double lon, lat, lon2, lat2;
  guint steps = 0;

  SKIP_WITHOUT_DISPLAY ();

  /* At start the base map fits: zoom 0. */
  g_assert_cmpfloat_with_epsilon (zoom_of (f), 0, 1e-9);
  cm_map_get_center (f->map, &lon, &lat);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (zoom_of (f), 1, 1e-9);
  g_assert_cmpuint (f->zoom_notifies, >=, 1);
  /* About the centre: the centre stays. */
  cm_map_get_center (f->map, &lon2, &lat2);
  g_assert_cmpfloat_with_epsilon (lon, lon2, 1e-6);
  g_assert_cmpfloat_with_epsilon (lat, lat2, 1e-6);

  gtk_widget_activate_action (GTK_WIDGET (f->map), "map.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->map), "map.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (zoom_of (f), -1, 1e-9);

  /* The limits: zooming in stops. */
  for (double last = -G_MAXDOUBLE; zoom_of (f) > last && steps < 100; steps++)
    {
      last = zoom_of (f);
      gtk_widget_activate_action (GTK_WIDGET (f->map), "map.zoom-in", NULL);
      wait_until_drawn (f);
    }
  g_assert_cmpuint (steps, <, 100);
  g_assert_cmpfloat (zoom_of (f), <, 20);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.fit-basemap", NULL));
  g_assert_cmpfloat_with_epsilon (zoom_of (f), 0, 1e-9);

  /* The property writes too. */
  g_object_set (f->map, "zoom", 1.5, NULL);
  g_assert_cmpfloat_with_epsilon (zoom_of (f), 1.5, 1e-9);
  wait_until_drawn (f);
}

static void
test_pan_and_center (Fixture       *f,
                     gconstpointer  data)
{
  double lon, lat, lon2, lat2;

  SKIP_WITHOUT_DISPLAY ();

  cm_map_get_center (f->map, &lon, &lat);
  /* Right arrow's action: the view moves east. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.pan", "(dd)", 0.1, 0.0));
  cm_map_get_center (f->map, &lon2, &lat2);
  g_assert_cmpfloat (lon2, >, lon);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.pan", "(dd)", 0.0, -0.1));
  cm_map_get_center (f->map, &lon, &lat);
  g_assert_cmpfloat (lat, >, lat2);

  g_object_set (f->map, "center-longitude", 114.3, "center-latitude", 30.6, NULL);
  g_object_get (f->map, "center-longitude", &lon, "center-latitude", &lat, NULL);
  g_assert_cmpfloat_with_epsilon (lon, 114.3, 1e-6);
  g_assert_cmpfloat_with_epsilon (lat, 30.6, 1e-6);
  wait_until_drawn (f);
}

static void
test_fit_data (Fixture       *f,
               gconstpointer  data)
{
  SKIP_WITHOUT_DISPLAY ();

  g_object_set (f->map, "zoom", 4.0, "center-longitude", 100.0, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.fit-data", NULL));
  for (guint i = 0; i < N_PLACES; i++)
    {
      double x, y;

      place_position (f, places[i].id, &x, &y);
      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (x, <=, gtk_widget_get_width (GTK_WIDGET (f->map)));
      g_assert_cmpfloat (y, >=, 0);
      g_assert_cmpfloat (y, <=, gtk_widget_get_height (GTK_WIDGET (f->map)));
    }
}

/* The visible button the map holds as its edge note, or NULL. */
static GtkWidget *
edge_note (Fixture *f)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (f->map)); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_BUTTON (c) && gtk_widget_get_visible (c))
      return c;
  return NULL;
}

/* Until the next layout has placed the note. */
static void
wait_for_layout (GtkWidget *note)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while ((gtk_widget_get_width (note) == 0 || gtk_widget_should_layout (note) == FALSE)
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

/* Zoomed on Wuhan, the others are counted at the edge; a click on the
 * note frames them all and the note goes. Announcements without a place
 * are said whatever the view. */
static void
test_edge_note (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *note;
  guint outside;

  SKIP_WITHOUT_DISPLAY ();

  g_assert_null (edge_note (f));
  g_object_set (f->map, "zoom", 64.0, "center-longitude", 114.3, "center-latitude", 30.6, NULL);
  wait_until_drawn (f);
  outside = cm_map_get_n_outside (f->map);
  g_assert_cmpuint (outside, >, 0);
  note = edge_note (f);
  g_assert_nonnull (note);
  {
    g_autofree char *expected = g_strdup_printf ("%u announcements outside the view", outside);

    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (note)), ==, expected);
  }
  /* On the map, at its top edge, not over the whole of it. */
  wait_for_layout (note);
  g_assert_cmpint (gtk_widget_get_width (note), >, 0);
  g_assert_cmpint (gtk_widget_get_width (note), <, gtk_widget_get_width (GTK_WIDGET (f->map)));

  g_signal_emit_by_name (note, "clicked");
  wait_until_drawn (f);
  g_assert_cmpuint (cm_map_get_n_outside (f->map), ==, 0);
  g_assert_null (edge_note (f));

  cm_map_set_unplaced (f->map, 10);
  wait_until_drawn (f);
  note = edge_note (f);
  g_assert_nonnull (note);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (note)), ==, "10 announcements have no place");
  cm_map_set_unplaced (f->map, 0);
  g_assert_null (edge_note (f));
}

/* The selection as the ids of its places, in index order. */
static void
assert_selection (Fixture    *f,
                  const char *expected)
{
  g_autoptr(GtkBitset) selection = NULL;
  g_autoptr(GString) joined = g_string_new ("");
  GtkBitsetIter iter;
  guint place;

  g_object_get (f->map, "selection", &selection, NULL);
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selection, &place); ok;
       ok = gtk_bitset_iter_next (&iter, &place))
    {
      g_assert_cmpuint (place, <, N_PLACES);
      g_string_append_printf (joined, "%s%s", joined->len ? "," : "", places[place].id);
    }
  g_assert_cmpstr (joined->str, ==, expected);
}

static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GtkBitset) pick = gtk_bitset_new_empty ();
  double x, y, x2, y2;

  SKIP_WITHOUT_DISPLAY ();

  /* Close enough that places stand alone. */
  g_object_set (f->map, "clustering", FALSE, NULL);
  place_position (f, "wuhan", &x, &y);
  cm_map_click_at (f->map, x, y, FALSE);
  assert_selection (f, "wuhan");
  g_assert_cmpuint (f->selection_changes, ==, 1);

  /* Same click again: nothing changes, no signal. */
  cm_map_click_at (f->map, x, y, FALSE);
  g_assert_cmpuint (f->selection_changes, ==, 1);

  /* Extend with another place, then toggle the first off. */
  place_position (f, "changsha", &x2, &y2);
  cm_map_click_at (f->map, x2, y2, TRUE);
  assert_selection (f, "wuhan,changsha");
  cm_map_click_at (f->map, x, y, TRUE);
  assert_selection (f, "changsha");

  /* Empty map clears. */
  cm_map_click_at (f->map, 3, 3, FALSE);
  assert_selection (f, "");

  /* Rubber band over Henan's three cities. */
  place_position (f, "luoyang", &x, &y);
  place_position (f, "kaifeng", &x2, &y2);
  cm_map_select_in_rect (f->map, x - 5, y - 15, x2 + 5, y2 + 15, FALSE);
  assert_selection (f, "zhengzhou,luoyang,kaifeng");

  /* By property; indices past the places are ignored. */
  gtk_bitset_add (pick, 5);             /* hefei */
  gtk_bitset_add (pick, N_PLACES + 3);  /* none */
  gtk_bitset_add (pick, 0);             /* wuhan */
  g_object_set (f->map, "selection", pick, NULL);
  assert_selection (f, "wuhan,hefei");
  g_assert_true (cm_map_painter_is_selected (cm_map_get_painter (f->map), 0));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->map), "map.clear-selection", NULL));
  assert_selection (f, "");
  g_assert_cmpuint (f->selection_changes, ==, 7);
  wait_until_drawn (f);
}

static void
test_cluster_click_zooms (Fixture       *f,
                          gconstpointer  data)
{
  double x, y, zoom;
  CmMapHit hit;
  gboolean found = FALSE;

  SKIP_WITHOUT_DISPLAY ();

  /* Far out, Henan's cities merge; clicking the cluster zooms in. */
  g_object_set (f->map, "zoom", -2.0, NULL);
  place_position (f, "zhengzhou", &x, &y);
  for (double dx = -30; dx <= 30 && !found; dx += 1)
    for (double dy = -30; dy <= 30 && !found; dy += 1)
      if (cm_map_painter_hit_test (cm_map_get_painter (f->map), x + dx, y + dy, &hit)
          && hit.kind == CM_MAP_HIT_CLUSTER)
        {
          found = TRUE;
          x += dx;
          y += dy;
        }
  g_assert_true (found);
  zoom = zoom_of (f);
  cm_map_click_at (f->map, x, y, FALSE);
  g_assert_cmpfloat (zoom_of (f), >, zoom);
  assert_selection (f, "");
  wait_until_drawn (f);
}

static void
test_time_filter (Fixture       *f,
                  gconstpointer  data)
{
  CmMapPainter *painter;
  g_autoptr(GObject) other = NULL;
  guint all, early;
  gint64 start;

  SKIP_WITHOUT_DISPLAY ();

  painter = cm_map_get_painter (f->map);
  g_object_set (f->map, "clustering", FALSE, NULL);
  all = cm_map_painter_get_n_markers (painter);
  g_assert_cmpuint (all, ==, N_PLACES);

  /* Early on, only the big places have announced. */
  g_object_set (f->map, "time-start", (gint64) T0, "time-end", (gint64) (T0 + 60 * DAY), NULL);
  early = cm_map_painter_get_n_markers (painter);
  g_assert_cmpuint (early, <, all);
  g_assert_cmpuint (early, >, 0);

  /* Dimmed rather than hidden. */
  g_object_set (f->map, "dim-filtered", TRUE, NULL);
  g_assert_cmpuint (cm_map_painter_get_n_markers (painter), ==, all);
  g_object_set (f->map, "dim-filtered", FALSE, NULL);

  /* A timeline binds its brush to these properties. */
  other = g_object_ref_sink (G_OBJECT (cm_map_new ()));
  g_object_bind_property (other, "time-start", f->map, "time-start", G_BINDING_DEFAULT);
  g_object_bind_property (other, "playhead", f->map, "playhead", G_BINDING_DEFAULT);
  g_object_set (other, "time-start", (gint64) (T0 + DAY), "playhead", (gint64) (T0 + 30 * DAY), NULL);
  g_object_get (f->map, "time-start", &start, NULL);
  g_assert_cmpint (start, ==, T0 + DAY);
  g_assert_cmpint (cm_map_get_playhead (f->map), ==, T0 + 30 * DAY);
  wait_until_drawn (f);
}

static void
test_style_and_snapshot (Fixture       *f,
                         gconstpointer  data)
{
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  g_autofree char *tip = NULL;
  double x, y;

  SKIP_WITHOUT_DISPLAY ();

  g_object_set (f->map, "dark", TRUE, "language", CM_LABEL_LANGUAGE_LOCAL, "color-mode", CM_MAP_COLOR_BY_FIRST_DATE,
                "show-legend", FALSE, NULL);
  g_assert_true (cm_map_get_dark (f->map));
  g_assert_cmpint (cm_map_get_language (f->map), ==, CM_LABEL_LANGUAGE_LOCAL);

  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (f->map)->snapshot (GTK_WIDGET (f->map), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  gsk_render_node_unref (node);

  place_position (f, "wuhan", &x, &y);
  g_object_set (f->map, "clustering", FALSE, NULL);
  tip = cm_map_describe_at (f->map, x, y);
  g_assert_nonnull (tip);
  g_assert_nonnull (strstr (tip, "Wuhan"));
  g_assert_nonnull (strstr (tip, "武汉"));
  g_assert_nonnull (strstr (tip, "40 announcements"));
  g_assert_null (cm_map_describe_at (f->map, 2, 2));
  wait_until_drawn (f);
}

/* The map's own image of its painter, at the widget's size. */
static cairo_surface_t *
render (Fixture *f)
{
  int w = gtk_widget_get_width (GTK_WIDGET (f->map)), h = gtk_widget_get_height (GTK_WIDGET (f->map));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);

  cm_map_painter_draw (cm_map_get_painter (f->map), cr, CM_MAP_DRAW_DEFAULT);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (data + (int) y * cairo_image_surface_get_stride (surface) + 4 * (int) x)
         & 0xffffff;
}

#define Y2021 1609459200
#define Y2022 1640995200
#define Y2023 1672531200

/* A province with announcements only in 2021 is shaded while the time
 * window (which a timeline brush drives) holds 2021, not for 2022. */
static void
test_region_time_window (Fixture       *f,
                         gconstpointer  data)
{
  double lon[N_PLACES + 1], lat[N_PLACES + 1], x, y;
  const char *ids[N_PLACES + 1], *regions[N_PLACES + 1] = { NULL };
  const char *region_ids[1] = { "CN-AH" };
  const CmRgba red = { 0.9, 0, 0, 0.6 };
  const gint64 times[3] = { Y2021 + 30 * DAY, Y2021 + 90 * DAY, Y2022 + 30 * DAY };
  const guint32 where[3] = { N_PLACES, N_PLACES, 0 };
  cairo_surface_t *surface;
  guint32 plain, px;

  SKIP_WITHOUT_DISPLAY ();

  for (guint i = 0; i < N_PLACES; i++)
    {
      lon[i] = places[i].lon;
      lat[i] = places[i].lat;
      ids[i] = places[i].id;
    }
  lon[N_PLACES] = lat[N_PLACES] = NAN;
  ids[N_PLACES] = "anhui";
  regions[N_PLACES] = "CN-AH";
  cm_map_painter_set_places (cm_map_get_painter (f->map), N_PLACES + 1, lon, lat, ids, NULL, NULL);
  cm_map_painter_set_events (cm_map_get_painter (f->map), G_N_ELEMENTS (times), times, where, NULL, 0);
  g_object_set (f->map, "show-legend", FALSE, NULL);
  /* Northern Anhui, clear of Hefei and of the name. */
  cm_map_painter_lonlat_to_screen (cm_map_get_painter (f->map), 117.0, 33.6, &x, &y);

  surface = render (f);
  plain = pixel_at (surface, x, y);
  cairo_surface_destroy (surface);

  cm_map_painter_set_region_colors (cm_map_get_painter (f->map), 1, region_ids, &red);
  cm_map_painter_set_place_regions (cm_map_get_painter (f->map), N_PLACES + 1, regions);
  g_object_set (f->map, "time-start", (gint64) Y2022, "time-end", (gint64) Y2023, NULL);
  surface = render (f);
  px = pixel_at (surface, x, y);
  cairo_surface_destroy (surface);
  g_assert_cmphex (px, ==, plain);

  g_object_set (f->map, "time-start", (gint64) Y2021, "time-end", (gint64) Y2022, NULL);
  surface = render (f);
  px = pixel_at (surface, x, y);
  cairo_surface_destroy (surface);
  g_assert_cmpint ((int) (px >> 16), >, (int) ((px >> 8) & 0xff) + 60);
  wait_until_drawn (f);
}

static void
test_no_data (void)
{
  GtkWidget *window;
  GtkWidget *map;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  /* A map with nothing set draws, zooms and clicks without complaint. */
  window = gtk_window_new ();
  map = cm_map_new ();
  gtk_window_set_child (GTK_WINDOW (window), map);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  gtk_widget_activate_action (map, "map.zoom-in", NULL);
  gtk_widget_activate_action (map, "map.fit-data", NULL);
  cm_map_click_at (CM_MAP (map), 10, 10, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();

  g_test_add ("/map/widget/zoom-actions", Fixture, NULL, fixture_setup, test_zoom_actions, fixture_teardown);
  g_test_add ("/map/widget/wheel-zoom-settles", Fixture, NULL, fixture_setup, test_wheel_zoom_settles, fixture_teardown);
  g_test_add ("/map/widget/pan-and-center", Fixture, NULL, fixture_setup, test_pan_and_center, fixture_teardown);
  g_test_add ("/map/widget/fit-data", Fixture, NULL, fixture_setup, test_fit_data, fixture_teardown);
  g_test_add ("/map/widget/edge-note", Fixture, NULL, fixture_setup, test_edge_note, fixture_teardown);
  g_test_add ("/map/widget/selection", Fixture, NULL, fixture_setup, test_selection, fixture_teardown);
  g_test_add ("/map/widget/cluster-click", Fixture, NULL, fixture_setup, test_cluster_click_zooms, fixture_teardown);
  g_test_add ("/map/widget/time-filter", Fixture, NULL, fixture_setup, test_time_filter, fixture_teardown);
  g_test_add ("/map/widget/style-and-snapshot", Fixture, NULL, fixture_setup, test_style_and_snapshot, fixture_teardown);
  g_test_add ("/map/widget/region-time-window", Fixture, NULL, fixture_setup, test_region_time_window,
              fixture_teardown);
  g_test_add_func ("/map/widget/no-data", test_no_data);

  return g_test_run ();
}
