/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cm-cli.h"
#include "cm-details.h"
#include "cm-links.h"
#include "cm-map.h"
#include "cm-loader.h"
#include "cm-timeline-private.h"
#include "cm-text-cell.h"
#include "cm-view-data.h"
#include "cm-window.h"
#include "cm-test-window.h"
#include "cm-text.h"

/* Hostile but valid data, beyond the parser: extreme datasets built in
 * memory go through the view bridge, both painters (at a normal and at a
 * tiny size) and a real window. Set CM_HOSTILE_DUMP to a directory to keep
 * the images drawn, for a look. */

#define DAY 86400
#define LONG_NAME_CHARS 10000
#define N_CROWDED 1000
#define N_MANY_CATEGORIES 500

/* Every kind of trouble for a markup parser, in one string. */
#define HOSTILE "<span size=\"99999999\">X</span> & &amp; <b> </i> a<b"
/* The same, as written inside a JSON string. */
#define HOSTILE_JSON "<span size=\\\"99999999\\\">X</span> & &amp; <b> </i> a<b"

static const int sizes[][2] = { { 900, 600 }, { 40, 30 } };

/* JSON text ------------------------------------------------------------- */

static void
json_string (GString    *s,
             const char *text)
{
  g_string_append_c (s, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (s, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (s, "\\u%04x", (guint) *p);
      else
        g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

typedef struct
{
  GString *places;
  GString *categories;
  GString *sources;
  GString *announcements;
} Builder;

typedef struct
{
  const char *id;
  const char *date;
  const char *end;
  const char *place;
  const char *category;
  const char *title;
  const char *summary;
  const char *date_note;
  const char *actor;
  const char *source;
} Ann;

static void
builder_init (Builder *b)
{
  b->places = g_string_new (NULL);
  b->categories = g_string_new (NULL);
  b->sources = g_string_new (NULL);
  b->announcements = g_string_new (NULL);
}

static void
member (GString    *s,
        const char *name,
        const char *value)
{
  if (value == NULL)
    return;
  g_string_append_printf (s, ", \"%s\": ", name);
  json_string (s, value);
}

/* @lat NAN: no coordinates. */
static void
builder_place (Builder    *b,
               const char *id,
               const char *name,
               const char *local_name,
               const char *kind,
               double      lat,
               double      lon)
{
  GString *s = b->places;

  g_string_append (s, s->len ? ",\n    {\"id\": " : "\n    {\"id\": ");
  json_string (s, id);
  member (s, "name", name);
  member (s, "local_name", local_name);
  member (s, "kind", kind);
  if (!isnan (lat))
    g_string_append_printf (s, ", \"lat\": %.10g, \"lon\": %.10g", lat, lon);
  g_string_append_c (s, '}');
}

static void
builder_category (Builder    *b,
                  const char *id,
                  const char *label,
                  guint32     rgb)
{
  GString *s = b->categories;

  g_string_append (s, s->len ? ",\n    {\"id\": " : "\n    {\"id\": ");
  json_string (s, id);
  member (s, "label", label);
  g_string_append_printf (s, ", \"color\": \"#%06X\"}", rgb & 0xffffff);
}

static void
builder_source (Builder    *b,
                const char *id,
                const char *title,
                const char *url)
{
  GString *s = b->sources;

  g_string_append (s, s->len ? ",\n    {\"id\": " : "\n    {\"id\": ");
  json_string (s, id);
  member (s, "title", title);
  member (s, "url", url);
  g_string_append_c (s, '}');
}

static void
builder_announcement (Builder   *b,
                      const Ann *a)
{
  GString *s = b->announcements;

  g_string_append (s, s->len ? ",\n    {\"id\": " : "\n    {\"id\": ");
  json_string (s, a->id);
  member (s, "date", a->date);
  member (s, "end", a->end);
  member (s, "place", a->place);
  member (s, "category", a->category);
  member (s, "title", a->title);
  member (s, "summary", a->summary);
  member (s, "date_note", a->date_note);
  if (a->actor != NULL)
    {
      g_string_append (s, ", \"actors\": [");
      json_string (s, a->actor);
      g_string_append_c (s, ']');
    }
  if (a->source != NULL)
    {
      g_string_append (s, ", \"sources\": [");
      json_string (s, a->source);
      g_string_append_c (s, ']');
    }
  g_string_append_c (s, '}');
}

/* The whole file; frees the builder. */
static char *
builder_finish (Builder    *b,
                const char *title)
{
  GString *s = g_string_new ("{\n  \"title\": ");

  json_string (s, title);
  if (b->places->len)
    g_string_append_printf (s, ",\n  \"places\": [%s\n  ]", b->places->str);
  if (b->categories->len)
    g_string_append_printf (s, ",\n  \"categories\": [%s\n  ]", b->categories->str);
  if (b->sources->len)
    g_string_append_printf (s, ",\n  \"sources\": [%s\n  ]", b->sources->str);
  g_string_append_printf (s, ",\n  \"announcements\": [%s\n  ]\n}\n", b->announcements->str);
  g_string_free (b->places, TRUE);
  g_string_free (b->categories, TRUE);
  g_string_free (b->sources, TRUE);
  g_string_free (b->announcements, TRUE);
  return g_string_free (s, FALSE);
}

static CmDataset *
load (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(GError) error = NULL;
  CmDataset *ds = cm_loader_load_bytes (bytes, "hostile.json", &diags, NULL, NULL, NULL, &error);

  if (ds == NULL)
    for (guint i = 0; diags != NULL && i < cm_diagnostics_get_n (diags); i++)
      {
        g_autofree char *line = cm_diagnostic_format (cm_diagnostics_get (diags, i), "hostile.json");
        g_test_message ("%s", line);
      }
  g_assert_no_error (error);
  g_assert_nonnull (ds);
  return ds;
}

/* The datasets ------------------------------------------------------------ */

static char *
long_string (const char *unit,
             guint       n_chars)
{
  GString *s = g_string_new (NULL);
  glong unit_chars = g_utf8_strlen (unit, -1);

  for (guint i = 0; i < n_chars / unit_chars; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

static char *
make_crowded (void)
{
  Builder b;

  builder_init (&b);
  builder_place (&b, "wuhan", "Wuhan", "武汉市", "city", 30.593, 114.305);
  builder_category (&b, "plan", "Plan", 0x0072B2);
  for (guint i = 0; i < N_CROWDED; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      g_autofree char *title = g_strdup_printf ("Announcement %u", i);

      builder_announcement (&b, &(Ann) { .id = id, .date = "2022-03-01", .place = "wuhan",
                                         .category = "plan", .title = title });
    }
  return builder_finish (&b, "1,000 on one day in one place");
}

static char *
make_long_name (void)
{
  g_autofree char *name = long_string ("WWWWWWWWW ", LONG_NAME_CHARS);
  g_autofree char *local = long_string ("长", LONG_NAME_CHARS);
  Builder b;

  g_assert_cmpint (g_utf8_strlen (name, -1), ==, LONG_NAME_CHARS);
  builder_init (&b);
  builder_place (&b, "long", name, local, "city", 31.23, 121.47);
  builder_place (&b, "short", "Suzhou", "苏州市", "city", 31.30, 120.58);
  builder_category (&b, "long", name, 0xD55E00);
  builder_category (&b, "short", "Short", 0x009E73);
  builder_announcement (&b, &(Ann) { .id = "l1", .date = "2022-01-05", .place = "long",
                                     .category = "long", .title = name, .summary = name,
                                     .date_note = name, .actor = name });
  builder_announcement (&b, &(Ann) { .id = "l2", .date = "2022-02", .place = "long",
                                     .category = "short", .title = "Short title" });
  builder_announcement (&b, &(Ann) { .id = "s1", .date = "2022-03-05", .place = "short",
                                     .category = "short", .title = "Suzhou plan" });
  return builder_finish (&b, name);
}

static char *
make_many_categories (void)
{
  static const guint32 okabe_ito[] = { 0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442,
                                       0x0072B2, 0xD55E00, 0xCC79A7, 0x000000 };
  static const struct { const char *id; double lat, lon; } where[] = {
    { "shanghai", 31.23, 121.47 }, { "hangzhou", 30.27, 120.15 }, { "nanjing", 32.06, 118.80 },
    { "suzhou", 31.30, 120.58 }, { "ningbo", 29.87, 121.54 },
  };
  Builder b;

  builder_init (&b);
  for (guint i = 0; i < G_N_ELEMENTS (where); i++)
    builder_place (&b, where[i].id, where[i].id, NULL, "city", where[i].lat, where[i].lon);
  for (guint i = 0; i < N_MANY_CATEGORIES; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);
      g_autofree char *label = g_strdup_printf ("Category %u", i);

      /* Colours cycle through the palette, as a generator would. */
      builder_category (&b, id, label, okabe_ito[i % G_N_ELEMENTS (okabe_ito)]);
    }
  for (guint i = 0; i < N_MANY_CATEGORIES; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      g_autofree char *category = g_strdup_printf ("c%u", i);
      g_autofree char *date = NULL;
      g_autoptr(GDateTime) day = g_date_time_new_utc (2020, 1, 1, 0, 0, 0);
      g_autoptr(GDateTime) then = g_date_time_add_days (day, (int) i);

      date = g_date_time_format (then, "%Y-%m-%d");
      builder_announcement (&b, &(Ann) { .id = id, .date = date, .place = where[i % G_N_ELEMENTS (where)].id,
                                         .category = category, .title = id });
    }
  return builder_finish (&b, "500 categories");
}

static char *
make_extreme_dates (void)
{
  static const struct { const char *date, *end; } dates[] = {
    { "0001", NULL },
    { "0001-01", NULL },
    { "0001-01-01", NULL },
    { "0001-01-01T00:00:00Z", NULL },
    { "9999", NULL },
    { "9999-12", NULL },
    { "9999-12-31", NULL },
    { "9999-12-31T23:59:59.999999999Z", NULL },
    { "0001", "9999" },
    { "2022-06-01", NULL },
  };
  Builder b;

  builder_init (&b);
  builder_place (&b, "wuhan", "Wuhan", NULL, "city", 30.593, 114.305);
  builder_place (&b, "beijing", "Beijing", NULL, "city", 39.90, 116.40);
  builder_category (&b, "c", "Plan", 0x0072B2);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *id = g_strdup_printf ("d%u", i);

      builder_announcement (&b, &(Ann) { .id = id, .date = dates[i].date, .end = dates[i].end,
                                         .place = i % 2 ? "wuhan" : "beijing", .category = "c",
                                         .title = dates[i].date });
    }
  return builder_finish (&b, "From year 1 to 9999");
}

static char *
make_same_instant (void)
{
  Builder b;

  builder_init (&b);
  builder_place (&b, "wuhan", "Wuhan", NULL, "city", 30.593, 114.305);
  builder_place (&b, "hefei", "Hefei", NULL, "city", 31.82, 117.23);
  builder_category (&b, "a", "A", 0x0072B2);
  builder_category (&b, "b", "B", 0xD55E00);
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);

      /* The same instant written with different offsets. */
      builder_announcement (&b, &(Ann) { .id = id,
                                         .date = i % 2 ? "2022-05-05T10:00:00Z" : "2022-05-05T18:00:00+08:00",
                                         .place = i % 3 ? "wuhan" : "hefei", .category = i % 5 ? "a" : "b",
                                         .title = id });
    }
  return builder_finish (&b, "All at once");
}

static const struct { const char *id; double lat, lon; } geo_places[] = {
  { "north-pole", 90, 0 },
  { "south-pole", -90, 0 },
  { "antimeridian-east", 0, 180 },
  { "antimeridian-west", 0, -180 },
  { "chukotka", 65.0, 179.9999 },
  { "samoa", -13.8, -179.9999 },
  { "pole-east", 90, 180 },
  { "wuhan", 30.593, 114.305 },
};

static char *
make_geo_extremes (void)
{
  Builder b;

  builder_init (&b);
  for (guint i = 0; i < G_N_ELEMENTS (geo_places); i++)
    builder_place (&b, geo_places[i].id, geo_places[i].id, NULL, "city", geo_places[i].lat, geo_places[i].lon);
  builder_category (&b, "c", "Plan", 0x0072B2);
  for (guint i = 0; i < G_N_ELEMENTS (geo_places); i++)
    for (guint k = 0; k <= i; k++)
      {
        g_autofree char *id = g_strdup_printf ("%s-%u", geo_places[i].id, k);

        builder_announcement (&b, &(Ann) { .id = id, .date = "2022-01", .place = geo_places[i].id,
                                           .category = "c", .title = id });
      }
  return builder_finish (&b, "Poles and the antimeridian");
}

/* Newlines, stacked combining marks and bidirectional overrides. */
#define NEWLINES "Line one\nline two\r\nline three\n\u2028four\u2029"
#define ZALGO "Z\u0301\u0316\u0327\u0350\u0301\u0316\u0327\u0350\u0301\u0316\u0327\u0350" \
              "\u0301\u0316\u0327\u0350\u0301\u0316\u0327\u0350\u0301\u0316\u0327\u0350" \
              "\u0301\u0316\u0327\u0350\u0301\u0316\u0327\u0350\u0301\u0316\u0327\u0350algo"
#define RTL "\u202eevil\u202c right-to-left \u05e9\u05dc\u05d5\u05dd"

static char *
make_weird_text (void)
{
  g_autofree char *lines = long_string (NEWLINES, 300);
  g_autofree char *zalgo = long_string (ZALGO, 10 * g_utf8_strlen (ZALGO, -1));
  g_autofree char *place = g_strconcat ("Place\n", lines, NULL);
  g_autofree char *category = g_strconcat ("Category\n", lines, NULL);
  Builder b;

  builder_init (&b);
  builder_place (&b, "p1", place, zalgo, "city", 30.593, 114.305);
  builder_place (&b, "p2", RTL, NULL, "city", 39.90, 116.40);
  builder_place (&b, "p3", zalgo, NULL, "city", 31.23, 121.47);
  builder_category (&b, "c1", category, 0x0072B2);
  builder_category (&b, "c2", zalgo, 0xD55E00);
  builder_category (&b, "c3", RTL, 0x009E73);
  builder_announcement (&b, &(Ann) { .id = "w1", .date = "2022-01-05", .place = "p1", .category = "c1",
                                     .title = lines, .date_note = lines });
  builder_announcement (&b, &(Ann) { .id = "w2", .date = "2022-02-05", .place = "p2", .category = "c2",
                                     .title = zalgo });
  builder_announcement (&b, &(Ann) { .id = "w3", .date = "2022-03-05", .place = "p3", .category = "c3",
                                     .title = RTL });
  return builder_finish (&b, lines);
}

static char *
make_empty (void)
{
  return g_strdup ("{\"title\": \"Nothing at all\", \"announcements\": []}");
}

static char *
make_places_only (void)
{
  Builder b;

  builder_init (&b);
  builder_place (&b, "wuhan", "Wuhan", "武汉市", "city", 30.593, 114.305);
  builder_place (&b, "hubei", "Hubei", "湖北省", "province", NAN, NAN);
  builder_category (&b, "c", "Plan", 0x0072B2);
  return builder_finish (&b, "Places but no announcements");
}

/* Every dataset string is HOSTILE with a prefix saying where it is. */
static char *
make_markup (void)
{
  Builder b;

  builder_init (&b);
  builder_place (&b, "p1", "Place " HOSTILE, "地 " HOSTILE, "city", 30.593, 114.305);
  builder_place (&b, "p2", "Other " HOSTILE, NULL, "city", 39.90, 116.40);
  /* A province the base map lacks: its name goes into a toast. */
  builder_place (&b, "p3", "Province " HOSTILE, NULL, "province", NAN, NAN);
  builder_category (&b, "c1", "Category " HOSTILE, 0x0072B2);
  builder_category (&b, "c2", "Kind " HOSTILE, 0xD55E00);
  builder_source (&b, "s1", "Source " HOSTILE, "javascript:alert('" HOSTILE "')");
  builder_source (&b, "s2", "Safe source", "https://example.com/a?b=<b>&c=1");
  builder_announcement (&b, &(Ann) { .id = "m1", .date = "2022-01-05", .place = "p1", .category = "c1",
                                     .title = "Title " HOSTILE, .summary = "Summary " HOSTILE,
                                     .date_note = "Note " HOSTILE, .actor = "Actor " HOSTILE, .source = "s1" });
  builder_announcement (&b, &(Ann) { .id = "m2", .date = "2022-03", .place = "p2", .category = "c2",
                                     .title = "Second " HOSTILE, .source = "s2" });
  builder_announcement (&b, &(Ann) { .id = "m3", .date = "2022-04-01", .end = "2022-05", .place = "p3",
                                     .category = "c2", .title = "Third " HOSTILE });
  return builder_finish (&b, "Title " HOSTILE);
}

typedef struct
{
  const char *name;
  char *(*make) (void);
} Maker;

static const Maker makers[] = {
  { "crowded", make_crowded },
  { "long-name", make_long_name },
  { "many-categories", make_many_categories },
  { "extreme-dates", make_extreme_dates },
  { "same-instant", make_same_instant },
  { "geo-extremes", make_geo_extremes },
  { "empty", make_empty },
  { "places-only", make_places_only },
  { "markup", make_markup },
  { "weird-text", make_weird_text },
};

/* Drawing helpers --------------------------------------------------------- */

static CmBasemap *
shared_basemap (void)
{
  static CmBasemap *basemap;

  if (basemap == NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "basemap",
                                                "china.geojson", NULL);
      g_autoptr(GError) error = NULL;

      basemap = cm_basemap_new_from_file (path, &error);
      g_assert_no_error (error);
    }
  return basemap;
}

static void
dump (cairo_surface_t *surface,
      const char      *what,
      const char      *dataset,
      int              width)
{
  const char *dir = g_getenv ("CM_HOSTILE_DUMP");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  name = g_strdup_printf ("%s-%s-%d.png", dataset, what, width);
  path = g_build_filename (dir, name, NULL);
  cairo_surface_write_to_png (surface, path);
}

/* What a painter draws must stay inside its view, not only be clipped by
 * the target: @ink comes from an unbounded recording surface. */
static void
assert_ink_inside (const cairo_rectangle_t *ink,
                   double                   width,
                   double                   height)
{
  /* A pixel of antialiasing either side. */
  if (ink->width > 0 && ink->height > 0)
    {
      g_assert_cmpfloat (ink->x, >=, -1);
      g_assert_cmpfloat (ink->y, >=, -1);
      g_assert_cmpfloat (ink->x + ink->width, <=, width + 1);
      g_assert_cmpfloat (ink->y + ink->height, <=, height + 1);
    }
}

static void
paint_timeline (CmTimelinePainter    *painter,
                const CmTimelineView *view,
                const char           *dataset,
                const char           *what)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) view->width,
                                                         (int) view->height);
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  CmTimelineView clear = *view;
  cairo_rectangle_t ink;
  cairo_t *cr;

  cr = cairo_create (surface);
  cm_timeline_painter_paint (painter, cr, view);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  dump (surface, what, dataset, (int) view->width);
  cairo_surface_destroy (surface);

  /* The background covers everything by design; the rest must not spill. */
  clear.draw_background = FALSE;
  cr = cairo_create (recording);
  cm_timeline_painter_paint (painter, cr, &clear);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (recording, &ink.x, &ink.y, &ink.width, &ink.height);
  cairo_surface_destroy (recording);
  assert_ink_inside (&ink, view->width, view->height);
}

static void
check_timeline (CmDataset  *ds,
                const char *name)
{
  static const CmLaneMode modes[] = { CM_LANES_BY_CATEGORY, CM_LANES_BY_PLACE, CM_LANES_SINGLE };
  static const char *mode_names[] = { "category", "place", "single" };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autoptr(CmTimelineIndex) index = cm_view_data_timeline_index (ds, modes[m], NULL);
        g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
        g_autofree char *what = g_strdup_printf ("timeline-%s", mode_names[m]);
        CmPaintStyle style;
        CmTimelineView view;
        CmTimelineRect plot;
        CmTimelineHit hit;
        gint64 lo, hi;

        g_assert_cmpuint (cm_timeline_index_get_n_marks (index), ==, cm_dataset_get_n_announcements (ds));
        cm_paint_style_init (&style, FALSE);
        cm_timeline_painter_set_style (painter, &style);
        cm_timeline_painter_set_index (painter, index);
        cm_timeline_view_init (&view, sizes[s][0], sizes[s][1]);
        view.now = NAN;
        view.show_legend = TRUE;
        view.draw_background = TRUE;
        if (cm_timeline_index_get_extent (index, &lo, &hi))
          cm_timeline_view_fit (&view, lo, hi);
        g_assert_true (isfinite (view.t0) && isfinite (view.t1));
        g_assert_cmpfloat (view.t1 - view.t0, >=, CM_TIMELINE_MIN_SPAN);
        g_assert_cmpfloat (view.t1 - view.t0, <=, CM_TIMELINE_MAX_SPAN * 1.5);

        paint_timeline (painter, &view, name, what);

        /* However long the lane names, they get at most a quarter. */
        cm_timeline_painter_get_plot_rect (painter, &view, &plot);
        g_assert_true (isfinite (plot.x) && isfinite (plot.width));
        g_assert_cmpfloat (plot.x, <=, 20 + view.width * 0.25);
        g_assert_cmpfloat (plot.x + plot.width, <=, view.width);

        /* Hover anywhere answers sensibly. */
        for (double x = 0; x < view.width; x += view.width / 7)
          for (double y = 0; y < view.height; y += view.height / 5)
            if (cm_timeline_painter_hit_test (painter, &view, x, y, &hit))
              g_assert_true (isfinite (hit.time));

        /* With a brush and a playhead, in the dark. */
        view.has_brush = TRUE;
        view.brush_start = view.t0 + (view.t1 - view.t0) / 3;
        view.brush_end = view.t0 + 2 * (view.t1 - view.t0) / 3;
        view.has_playhead = TRUE;
        view.playhead = (view.t0 + view.t1) / 2;
        cm_paint_style_init (&style, TRUE);
        cm_timeline_painter_set_style (painter, &style);
        cm_timeline_painter_set_language (painter, CM_LABEL_LANGUAGE_LOCAL);
        paint_timeline (painter, &view, name, "timeline-brushed");
      }
}

static CmMapPainter *
map_painter (CmDataset  *ds,
             CmBasemap  *basemap,
             double      width,
             double      height,
             CmMapData **data_out)
{
  CmMapPainter *painter = cm_map_painter_new ();
  CmMapData *data = cm_map_data_new (ds, basemap, FALSE);
  CmPaintStyle style;

  cm_paint_style_init (&style, FALSE);
  cm_map_painter_set_style (painter, &style);
  if (basemap != NULL)
    cm_map_painter_set_basemap (painter, basemap);
  cm_map_data_apply (data, painter);
  cm_map_painter_set_viewport (painter, width, height);
  cm_map_painter_fit_data (painter);
  if (data_out != NULL)
    *data_out = data;
  else
    cm_map_data_free (data);
  return painter;
}

static void
assert_view_finite (CmMapPainter *painter)
{
  CmMapView view;

  cm_map_painter_get_view (painter, &view);
  g_assert_true (isfinite (view.cx) && isfinite (view.cy));
  g_assert_true (isfinite (view.scale));
  g_assert_cmpfloat (view.scale, >, 0);
}

/* Draws the map, checks the frame, and returns it. */
static cairo_surface_t *
draw_map (CmMapPainter *painter,
          int           width,
          int           height,
          const char   *dataset,
          const char   *what)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  const CmMapBox *boxes;
  guint n_boxes;

  cm_map_painter_draw (painter, cr, CM_MAP_DRAW_DEFAULT);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  dump (surface, what, dataset, width);

  /* Labels that are kept fit the image; any others are dropped. */
  boxes = cm_map_painter_get_label_boxes (painter, &n_boxes);
  for (guint i = 0; i < n_boxes; i++)
    {
      g_assert_cmpfloat (boxes[i].x0, >=, 0);
      g_assert_cmpfloat (boxes[i].y0, >=, 0);
      g_assert_cmpfloat (boxes[i].x1, <=, width);
      g_assert_cmpfloat (boxes[i].y1, <=, height);
    }
  for (guint i = 0; i < cm_map_painter_get_n_markers (painter); i++)
    {
      CmMapHit marker;

      g_assert_true (cm_map_painter_get_marker (painter, i, &marker));
      g_assert_true (isfinite (marker.x) && isfinite (marker.y) && isfinite (marker.radius));
    }
  return surface;
}

/* Where the legend ends, right and bottom, from the pixels it changes on
 * a row through its top (it is drawn 10 px in from the top-left corner)
 * and on the columns of its swatches and first letters. */
static void
legend_extent (CmMapPainter *painter,
               int           width,
               int           height,
               int          *right,
               int          *bottom)
{
  cairo_surface_t *with, *without;
  const guint32 *a, *b;
  int stride;

  cm_map_painter_set_overlays (painter, CM_MAP_OVERLAY_ALL);
  with = draw_map (painter, width, height, "legend", "with");
  cm_map_painter_set_overlays (painter, CM_MAP_OVERLAY_ALL & ~CM_MAP_OVERLAY_LEGEND);
  without = draw_map (painter, width, height, "legend", "without");
  cm_map_painter_set_overlays (painter, CM_MAP_OVERLAY_ALL);
  a = (const guint32 *) cairo_image_surface_get_data (with);
  b = (const guint32 *) cairo_image_surface_get_data (without);
  stride = cairo_image_surface_get_stride (with) / 4;
  *right = *bottom = -1;
  for (int x = 0; x < width; x++)
    if (a[12 * stride + x] != b[12 * stride + x])
      *right = x;
  for (int y = 0; y < height; y++)
    for (int x = 12; x < MIN (width, 60); x++)
      if (a[y * stride + x] != b[y * stride + x])
        *bottom = y;
  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
}

static void
check_map (CmDataset  *ds,
           const char *name)
{
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      int w = sizes[s][0], h = sizes[s][1];
      g_autoptr(CmMapData) data = NULL;
      g_autoptr(CmMapPainter) painter = map_painter (ds, shared_basemap (), w, h, &data);
      CmPaintStyle style;

      assert_view_finite (painter);
      cairo_surface_destroy (draw_map (painter, w, h, name, "map"));

      cm_map_painter_set_color_mode (painter, CM_MAP_COLOR_BY_FIRST_DATE);
      cm_map_painter_set_language (painter, CM_LABEL_LANGUAGE_LOCAL);
      cm_paint_style_init (&style, TRUE);
      cm_map_painter_set_style (painter, &style);
      cairo_surface_destroy (draw_map (painter, w, h, name, "map-first-date"));

      /* Zoomed all the way in and out, and panned off to the side. */
      cm_map_painter_zoom_about (painter, 1e9, w / 2.0, h / 2.0);
      assert_view_finite (painter);
      cairo_surface_destroy (draw_map (painter, w, h, name, "map-zoomed-in"));
      cm_map_painter_zoom_about (painter, 1e-9, w / 2.0, h / 2.0);
      cm_map_painter_pan (painter, 1e7, -1e7);
      assert_view_finite (painter);
      cairo_surface_destroy (draw_map (painter, w, h, name, "map-zoomed-out"));

      /* Without a base map the projection comes from the data. */
      {
        g_autoptr(CmMapPainter) bare = map_painter (ds, NULL, w, h, NULL);

        assert_view_finite (bare);
        cairo_surface_destroy (draw_map (bare, w, h, name, "map-bare"));
      }
    }
}

static void
check_dataset (gconstpointer data)
{
  const Maker *maker = data;
  g_autofree char *json = maker->make ();
  g_autoptr(CmDataset) ds = load (json);

  check_timeline (ds, maker->name);
  check_map (ds, maker->name);
}

/* Specific checks ----------------------------------------------------------- */

static void
test_crowded (void)
{
  g_autofree char *json = make_crowded ();
  g_autoptr(CmDataset) ds = load (json);
  g_autoptr(CmMapPainter) painter = map_painter (ds, shared_basemap (), 900, 600, NULL);
  g_autoptr(CmTimelineIndex) index = cm_view_data_timeline_index (ds, CM_LANES_BY_CATEGORY, NULL);
  g_autoptr(CmTimelinePainter) timeline = cm_timeline_painter_new ();
  CmTimelineView view;
  CmTimelineLaneInfo info;
  CmTimelineHit hit;
  CmMapHit marker;
  gint64 lo, hi;

  g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, N_CROWDED);

  /* One marker counting all of them. */
  g_assert_cmpuint (cm_map_painter_get_n_markers (painter), ==, 1);
  g_assert_true (cm_map_painter_get_marker (painter, 0, &marker));
  g_assert_cmpuint (marker.count, ==, N_CROWDED);
  g_assert_true (cm_map_painter_hit_test (painter, marker.x, marker.y, &marker));
  g_assert_cmpuint (marker.count, ==, N_CROWDED);

  /* The lane cannot stack a thousand rows: it becomes a histogram whose
   * bin under the day says how many. */
  cm_timeline_painter_set_index (timeline, index);
  cm_timeline_view_init (&view, 900, 300);
  g_assert_true (cm_timeline_index_get_extent (index, &lo, &hi));
  cm_timeline_view_fit (&view, lo, hi);
  g_assert_true (cm_timeline_painter_get_lane_info (timeline, &view, 0, &info));
  g_assert_true (info.aggregated);
  g_assert_true (cm_timeline_painter_hit_test (timeline, &view,
                                               cm_timeline_painter_time_to_x (timeline, &view, (lo + hi) / 2.0),
                                               info.rect.y + info.rect.height - 2, &hit));
  g_assert_cmpint (hit.kind, ==, CM_TIMELINE_HIT_BIN);
  g_assert_cmpuint (hit.bin_count, ==, N_CROWDED);
}

static void
test_long_name (void)
{
  g_autofree char *json = make_long_name ();
  g_autoptr(CmDataset) ds = load (json);
  gint long_place = cm_dataset_find_place (ds, "long");

  g_assert_cmpint (g_utf8_strlen (cm_dataset_get_place (ds, long_place)->name, -1), ==, LONG_NAME_CHARS);
  g_assert_cmpint (g_utf8_strlen (cm_dataset_get_title (ds), -1), ==, LONG_NAME_CHARS);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (CmLabelLanguage lang = CM_LABEL_LANGUAGE_ENGLISH; lang <= CM_LABEL_LANGUAGE_LOCAL; lang++)
      {
        int w = sizes[s][0], h = sizes[s][1];
        g_autoptr(CmMapPainter) painter = map_painter (ds, shared_basemap (), w, h, NULL);
        const CmMapBox *boxes;
        guint n;

        cm_map_painter_set_language (painter, lang);
        cairo_surface_destroy (draw_map (painter, w, h, "long-name", lang ? "map-zh" : "map-en"));
        /* The long name is dropped, never drawn across the map: every
         * kept label is less than the width of the image. */
        boxes = cm_map_painter_get_label_boxes (painter, &n);
        for (guint i = 0; i < n; i++)
          g_assert_cmpfloat (boxes[i].x1 - boxes[i].x0, <, w);
      }

  /* The category named like the place is ellipsized in the legends: the
   * map's stays narrow, the timeline's still shows the other category. */
  {
    g_autoptr(CmMapPainter) painter = map_painter (ds, shared_basemap (), 900, 600, NULL);
    g_autoptr(CmTimelineIndex) index = cm_view_data_timeline_index (ds, CM_LANES_BY_CATEGORY, NULL);
    g_autoptr(CmTimelinePainter) timeline = cm_timeline_painter_new ();
    cairo_surface_t *surface;
    const guint32 *pixels;
    cairo_t *cr;
    CmTimelineView view;
    CmTimelineRect plot;
    gint64 lo, hi;
    int right, bottom, stride, inked = 0;

    legend_extent (painter, 900, 600, &right, &bottom);
    g_assert_cmpint (right, >, 100);
    g_assert_cmpint (right, <, 300);

    /* The timeline's legend row: the long name takes at most 200 px and
     * the second entry ("Short") follows, instead of a bare "+2". */
    cm_timeline_painter_set_index (timeline, index);
    cm_timeline_view_init (&view, 900, 300);
    view.now = NAN;
    view.draw_background = FALSE;
    g_assert_true (cm_timeline_index_get_extent (index, &lo, &hi));
    cm_timeline_view_fit (&view, lo, hi);
    cm_timeline_painter_get_plot_rect (timeline, &view, &plot);
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 300);
    cr = cairo_create (surface);
    cm_timeline_painter_paint (timeline, cr, &view);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    pixels = (const guint32 *) cairo_image_surface_get_data (surface);
    stride = cairo_image_surface_get_stride (surface) / 4;
    for (int x = (int) plot.x + 228; x < (int) plot.x + 300; x++)
      for (int y = (int) (plot.y + plot.height); y < 300; y++)
        if (pixels[y * stride + x] != 0)
          {
            inked++;
            break;
          }
    dump (surface, "timeline-legend", "long-name", 900);
    g_assert_cmpint (inked, >, 20);
    cairo_surface_destroy (surface);
  }
}

static void
test_many_categories (void)
{
  g_autofree char *json = make_many_categories ();
  g_autoptr(CmDataset) ds = load (json);
  g_autoptr(CmTimelineIndex) index = cm_view_data_timeline_index (ds, CM_LANES_BY_CATEGORY, NULL);
  g_autoptr(CmMapData) data = cm_map_data_new (ds, shared_basemap (), FALSE);
  g_autoptr(CmMapPainter) painter = map_painter (ds, shared_basemap (), 900, 600, NULL);
  guint last = CM_MAP_MAX_CATEGORIES - 1, in_last = 0;
  int right, bottom;

  g_assert_cmpuint (cm_dataset_get_n_categories (ds), ==, N_MANY_CATEGORIES);
  g_assert_cmpuint (cm_timeline_index_get_n_lanes (index), ==, N_MANY_CATEGORIES);
  g_assert_cmpuint (cm_timeline_index_get_n_colors (index), ==, N_MANY_CATEGORIES);
  /* The timeline keeps every category's own colour. */
  for (guint i = 0; i < N_MANY_CATEGORIES; i++)
    {
      const CmRgba *c = cm_timeline_index_get_color (index, i);
      CmRgba want;

      cm_rgba_from_rgb24 (&want, cm_dataset_get_category (ds, i)->color);
      g_assert_cmpfloat (c->r, ==, want.r);
      g_assert_cmpfloat (c->g, ==, want.g);
      g_assert_cmpfloat (c->b, ==, want.b);
    }

  /* The map tells apart as many as it can; the last slot is "other", in
   * grey, not one real category's colour passed off for the rest. */
  g_assert_cmpuint (data->n_categories, ==, CM_MAP_MAX_CATEGORIES);
  g_assert_cmpstr (data->labels[last], ==, "Other categories");
  g_assert_cmpfloat (data->palette[last].r, ==, data->palette[last].g);
  g_assert_cmpfloat (data->palette[last].g, ==, data->palette[last].b);
  for (gsize i = 0; i < data->n_events; i++)
    {
      g_assert_cmpuint (data->categories[i], <=, last);
      in_last += data->categories[i] == last;
    }
  g_assert_cmpuint (in_last, ==, N_MANY_CATEGORIES - last);

  /* Its legend lists what fits and ends above the scale bar (which sits
   * on the bottom 30 px). */
  legend_extent (painter, 900, 600, &right, &bottom);
  g_assert_cmpint (bottom, >, 300);
  g_assert_cmpint (bottom, <, 600 - 30);
  g_assert_cmpint (right, <, 300);
}

static void
test_extreme_dates (void)
{
  g_autofree char *json = make_extreme_dates ();
  g_autoptr(CmDataset) ds = load (json);
  g_autoptr(CmTimelineIndex) index = cm_view_data_timeline_index (ds, CM_LANES_SINGLE, NULL);
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  gint64 lo, hi;
  CmTimelineView view;

  g_assert_true (cm_timeline_index_get_extent (index, &lo, &hi));
  g_assert_cmpint (lo, ==, CM_DATE_CE_MIN);
  g_assert_cmpint (hi, ==, CM_DATE_CE_MAX);
  cm_timeline_painter_set_index (painter, index);

  /* The whole calendar, then each end at the finest zoom. */
  cm_timeline_view_init (&view, 900, 200);
  view.now = NAN;
  cm_timeline_view_fit (&view, lo, hi);
  g_assert_cmpfloat (view.t1 - view.t0, <=, CM_TIMELINE_MAX_SPAN * 1.0001);
  paint_timeline (painter, &view, "extreme-dates", "timeline-all");
  for (int end = 0; end < 2; end++)
    {
      double t = end == 0 ? CM_DATE_CE_MIN : CM_DATE_CE_MAX;
      const CmTimeTicks *ticks;

      cm_timeline_view_set_range (&view, t - CM_TIMELINE_MIN_SPAN / 2, t + CM_TIMELINE_MIN_SPAN / 2);
      cm_timeline_view_zoom (&view, 1e-6, t);
      g_assert_cmpfloat (view.t1 - view.t0, >=, CM_TIMELINE_MIN_SPAN * 0.999);
      paint_timeline (painter, &view, "extreme-dates", end == 0 ? "timeline-year-1" : "timeline-year-9999");
      ticks = cm_timeline_painter_get_ticks (painter, &view);
      for (guint i = 0; i < ticks->minor->len; i++)
        g_assert_true (isfinite (g_array_index (ticks->minor, CmTick, i).x));
      for (guint i = 0; i < ticks->major->len; i++)
        g_assert_true (isfinite (g_array_index (ticks->major, CmTick, i).x));
    }
}

static void
test_same_instant (void)
{
  g_autofree char *json = make_same_instant ();
  g_autoptr(CmDataset) ds = load (json);
  g_autoptr(CmTimelineIndex) index = cm_view_data_timeline_index (ds, CM_LANES_BY_CATEGORY, NULL);
  gint64 lo, hi;
  CmTimelineView view;

  g_assert_true (cm_timeline_index_get_extent (index, &lo, &hi));
  g_assert_cmpint (hi - lo, ==, 1);

  /* Fitting a zero-length extent gives the minimum span around it... */
  cm_timeline_view_init (&view, 900, 200);
  cm_timeline_view_fit (&view, lo, hi);
  g_assert_true (isfinite (view.t0) && isfinite (view.t1));
  g_assert_cmpfloat (view.t1 - view.t0, >=, CM_TIMELINE_MIN_SPAN);
  g_assert_cmpfloat (view.t0, <, lo);
  g_assert_cmpfloat (view.t1, >, hi);

  /* ... and no zoom goes below it. */
  cm_timeline_view_zoom (&view, 1e-12, lo);
  g_assert_cmpfloat (view.t1 - view.t0, >=, CM_TIMELINE_MIN_SPAN * 0.999);
  g_assert_cmpfloat (view.t0, <=, lo);
  g_assert_cmpfloat (view.t1, >=, hi);
  cm_timeline_view_set_range (&view, lo, lo);
  g_assert_cmpfloat (view.t1 - view.t0, >=, CM_TIMELINE_MIN_SPAN * 0.999);
}

static void
test_geo_extremes (void)
{
  g_autofree char *json = make_geo_extremes ();
  g_autoptr(CmDataset) ds = load (json);

  for (int with_basemap = 0; with_basemap < 2; with_basemap++)
    {
      g_autoptr(CmMapData) data = NULL;
      g_autoptr(CmMapPainter) painter = map_painter (ds, with_basemap ? shared_basemap () : NULL, 900, 600, &data);
      guint shown = 0;

      assert_view_finite (painter);
      for (guint i = 0; i < G_N_ELEMENTS (geo_places); i++)
        {
          gint p = cm_dataset_find_place (ds, geo_places[i].id);
          double x, y;

          g_assert_cmpint (p, >=, 0);
          g_assert_cmpfloat (data->lat[p], ==, geo_places[i].lat);
          g_assert_cmpfloat (data->lon[p], ==, geo_places[i].lon);
          cm_map_painter_lonlat_to_screen (painter, data->lon[p], data->lat[p], &x, &y);
          g_assert_true (isfinite (x) && isfinite (y));
        }
      /* Fitting the data shows every place (without a base map the zoom
       * stops at a few countries across, by design). */
      for (guint i = 0; i < cm_map_painter_get_n_markers (painter); i++)
        {
          CmMapHit marker;

          g_assert_true (cm_map_painter_get_marker (painter, i, &marker));
          if (marker.kind != CM_MAP_HIT_NONE)
            shown += marker.n_places;
        }
      if (with_basemap)
        g_assert_cmpuint (shown, ==, G_N_ELEMENTS (geo_places));
      else
        g_assert_cmpuint (shown, >=, 1);
    }
}

static void
test_weird_text (void)
{
  g_autofree char *json = make_weird_text ();
  g_autoptr(CmDataset) ds = load (json);
  g_autoptr(CmMapPainter) painter = map_painter (ds, shared_basemap (), 900, 600, NULL);
  const CmMapBox *boxes;
  guint n;
  int right, bottom;

  /* Labels are one line each, whatever newlines the names hold. */
  cairo_surface_destroy (draw_map (painter, 900, 600, "weird-text", "map-labels"));
  boxes = cm_map_painter_get_label_boxes (painter, &n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (boxes[i].y1 - boxes[i].y0, <, 40);

  /* The combining marks of a category name stay near its legend line
   * instead of streaking down the map. */
  legend_extent (painter, 900, 600, &right, &bottom);
  g_assert_cmpint (bottom, >, 40);
  g_assert_cmpint (bottom, <, 200);
}

/* More places than the timeline has lanes (65,535): the last lane takes
 * the rest, and says so. */
static void
test_many_places (void)
{
  const guint n_places = G_MAXUINT16 + 64;
  g_autofree char *json = NULL;
  g_autoptr(CmDataset) ds = NULL;
  g_autoptr(CmTimelineIndex) index = NULL;
  Builder b;

  builder_init (&b);
  for (guint i = 0; i < n_places; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);

      builder_place (&b, id, id, NULL, "city", 20 + (i % 200) * 0.1, 100 + (i / 200) * 0.1);
    }
  builder_category (&b, "c", "Plan", 0x0072B2);
  /* Each place with an announcement: only those get a lane. */
  for (guint i = 0; i < n_places; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      g_autofree char *place = g_strdup_printf ("p%u", i);

      builder_announcement (&b, &(Ann) { .id = id, .date = "2022-01", .place = place, .category = "c", .title = "t" });
    }
  json = builder_finish (&b, "Many places");
  ds = load (json);
  index = cm_view_data_timeline_index (ds, CM_LANES_BY_PLACE, NULL);

  g_assert_cmpuint (cm_timeline_index_get_n_lanes (index), ==, G_MAXUINT16);
  g_assert_cmpuint (cm_timeline_index_get_lane (index, 0), ==, 0);
  g_assert_cmpuint (cm_timeline_index_get_lane (index, n_places - 1), ==, G_MAXUINT16 - 1);
  g_assert_cmpstr (cm_timeline_index_get_lane_label (index, G_MAXUINT16 - 1), !=, "No place");
}

/* More categories than the timeline has colours and lanes (65,535). */
static void
test_many_category_lanes (void)
{
  const guint n_categories = G_MAXUINT16 + 64;
  g_autofree char *json = NULL;
  g_autoptr(CmDataset) ds = NULL;
  g_autoptr(CmTimelineIndex) index = NULL;
  Builder b;

  builder_init (&b);
  builder_place (&b, "p", "Wuhan", NULL, "city", 30.593, 114.305);
  for (guint i = 0; i < n_categories; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", i);

      builder_category (&b, id, id, i);
    }
  builder_announcement (&b, &(Ann) { .id = "first", .date = "2022-01", .place = "p", .category = "c0", .title = "t" });
  builder_announcement (&b, &(Ann) { .id = "last", .date = "2022-02", .place = "p", .category = "c65598",
                                     .title = "t" });
  json = builder_finish (&b, "Many categories");
  ds = load (json);
  index = cm_view_data_timeline_index (ds, CM_LANES_BY_CATEGORY, NULL);

  g_assert_cmpuint (cm_timeline_index_get_n_colors (index), ==, G_MAXUINT16);
  g_assert_cmpuint (cm_timeline_index_get_n_lanes (index), ==, G_MAXUINT16);
  g_assert_cmpuint (cm_timeline_index_get_color_index (index, 1), ==, G_MAXUINT16 - 1);
  g_assert_cmpuint (cm_timeline_index_get_lane (index, 1), ==, G_MAXUINT16 - 1);
  g_assert_cmpstr (cm_timeline_index_get_lane_label (index, G_MAXUINT16 - 1), ==, "Other categories");
}

static void
test_empty (void)
{
  for (int k = 0; k < 2; k++)
    {
      g_autofree char *json = k == 0 ? make_empty () : make_places_only ();
      g_autoptr(CmDataset) ds = load (json);
      g_autoptr(CmTimelineIndex) index = cm_view_data_timeline_index (ds, CM_LANES_BY_PLACE, NULL);
      g_autoptr(CmMapData) data = cm_map_data_new (ds, shared_basemap (), FALSE);
      gint64 lo, hi;

      g_assert_cmpuint (cm_dataset_get_n_announcements (ds), ==, 0);
      g_assert_false (cm_timeline_index_get_extent (index, &lo, &hi));
      g_assert_cmpuint (data->n_events, ==, 0);
    }
}

/* Markup ----------------------------------------------------------------- */

static void
test_markup_painters (void)
{
  g_autofree char *json = make_markup ();
  g_autoptr(CmDataset) ds = load (json);
  g_autoptr(CmMapPainter) painter = map_painter (ds, shared_basemap (), 900, 600, NULL);
  const CmMapBox *boxes;
  guint n;
  gboolean found = FALSE;

  cairo_surface_destroy (draw_map (painter, 900, 600, "markup", "map-labels"));
  /* A label drawn as markup would be one huge "X"; drawn as text it is a
   * long line of normal height. */
  boxes = cm_map_painter_get_label_boxes (painter, &n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (boxes[i].y1 - boxes[i].y0, <, 40);
      if (boxes[i].x1 - boxes[i].x0 > 150)
        found = TRUE;
    }
  g_assert_true (found);
}

static char *
export_file (const char *json,
             const char *dir,
             const char *view,
             const char *ext)
{
  g_autofree char *input = g_build_filename (dir, "in.json", NULL);
  g_autofree char *name = g_strdup_printf ("out-%s.%s", view, ext);
  char *output = g_build_filename (dir, name, NULL);
  const char *argv[] = { "export", input, "--view", view, "-o", output, "--width", "640", "--height", "400", "--quiet", NULL };

  g_assert_true (g_file_set_contents (input, json, -1, NULL));
  g_assert_cmpint (cm_cli_export (G_N_ELEMENTS (argv) - 1, (char **) argv), ==, 0);
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
  g_unlink (input);
  return output;
}

static void
test_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-hostile-XXXXXX", NULL);
  static const char *exts[] = { "png", "svg", "pdf" };
  static const char *views[] = { "map", "timeline" };

  for (guint m = 0; m < G_N_ELEMENTS (makers); m++)
    {
      g_autofree char *json = makers[m].make ();

      /* Vector formats are slow: those for the text-heavy datasets only. */
      gboolean all = g_str_equal (makers[m].name, "markup") || g_str_equal (makers[m].name, "long-name");

      for (guint v = 0; v < G_N_ELEMENTS (views); v++)
        for (guint e = 0; e < (all ? G_N_ELEMENTS (exts) : 1); e++)
          {
            g_autofree char *out = export_file (json, dir, views[v], exts[e]);
            g_autofree char *contents = NULL;
            gsize len;

            g_assert_true (g_file_get_contents (out, &contents, &len, NULL));
            g_assert_cmpuint (len, >, 100);
            g_unlink (out);
          }
    }
  g_rmdir (dir);
}

/* Tooltips cut dataset text short, by characters, never inside one. */
static void
test_shorten (void)
{
  g_autofree char *ascii = cm_text_shorten ("abcdefgh", 4);
  g_autofree char *same = cm_text_shorten ("abcd", 4);
  g_autofree char *cjk = cm_text_shorten ("一二三四五六", 3);
  g_autofree char *one = cm_text_shorten ("ab", 1);

  g_assert_cmpstr (ascii, ==, "abc…");
  g_assert_cmpstr (same, ==, "abcd");
  g_assert_cmpstr (cjk, ==, "一二…");
  g_assert_cmpstr (one, ==, "…");
  g_assert_null (cm_text_shorten (NULL, 10));
}

/* Links ------------------------------------------------------------------- */

static void
test_source_links (void)
{
  g_autofree char *json = make_markup ();
  g_autoptr(CmDataset) ds = load (json);

  g_assert_cmpuint (cm_dataset_get_n_sources (ds), ==, 2);
  g_assert_false (cm_link_is_openable (cm_dataset_get_source (ds, 0)->url));
  g_assert_true (cm_link_is_openable (cm_dataset_get_source (ds, 1)->url));
}

/* The window -------------------------------------------------------------- */

/* The stack that has a page called @page. */
static GtkStack *
find_stack (GtkWidget  *root,
            const char *page)
{
  if (GTK_IS_STACK (root) && gtk_stack_get_child_by_name (GTK_STACK (root), page) != NULL)
    return GTK_STACK (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkStack *found = find_stack (c, page);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* No tooltip longer than a few lines: GTK cannot even draw one as wide
 * as a 10,000-character name. It wraps one without line breaks itself. */
#define MAX_TOOLTIP_CHARS 600
#define MAX_TOOLTIP_LINE_CHARS 220

static void
assert_tooltip_size (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_cmpint (g_utf8_strlen (text, -1), <=, MAX_TOOLTIP_CHARS);
  for (guint i = 0; lines[1] != NULL && lines[i] != NULL; i++)
    g_assert_cmpint (g_utf8_strlen (lines[i], -1), <=, MAX_TOOLTIP_LINE_CHARS);
}

/* Every label under @root: one with markup must hold no dataset text
 * (all of it contains "X</span>"); returns how many show @needle. */
static guint
count_labels (GtkWidget  *root,
              const char *needle)
{
  guint n = 0;

  if (gtk_widget_get_tooltip_text (root) != NULL)
    assert_tooltip_size (gtk_widget_get_tooltip_text (root));
  if (GTK_IS_LABEL (root))
    {
      const char *label = gtk_label_get_label (GTK_LABEL (root));
      const char *text = gtk_label_get_text (GTK_LABEL (root));

      if (gtk_label_get_use_markup (GTK_LABEL (root)) && strstr (label, "X</span>") != NULL)
        g_error ("dataset text used as markup in a label: %s", label);
      if (needle != NULL && strstr (text, needle) != NULL)
        n++;
    }
  /* The list's cells: plain text, no attributes parsed from it; only the
   * category's colour dot, in front of the text, has a colour of its own. */
  if (CM_IS_TEXT_CELL (root))
    {
      const char *text = cm_text_cell_get_text (CM_TEXT_CELL (root));
      PangoAttrList *attrs = cm_text_cell_get_attributes (CM_TEXT_CELL (root));

      if (attrs != NULL)
        {
          GSList *all = pango_attr_list_get_attributes (attrs);

          g_assert_true (g_str_has_prefix (text, "\xe2\x97\x8f"));
          g_assert_cmpuint (g_slist_length (all), ==, 1);
          g_assert_cmpint (((PangoAttribute *) all->data)->klass->type, ==, PANGO_ATTR_FOREGROUND);
          g_assert_cmpuint (((PangoAttribute *) all->data)->end_index, ==, 3);
          g_slist_free_full (all, (GDestroyNotify) pango_attribute_destroy);
        }
      if (needle != NULL && text != NULL && strstr (text, needle) != NULL)
        n++;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_labels (c, needle);
  return n;
}

static void
assert_single_line (GtkWidget *root)
{
  if (GTK_IS_LABEL (root))
    g_assert_true (gtk_label_get_single_line_mode (GTK_LABEL (root)) || !strchr (gtk_label_get_text (GTK_LABEL (root)), '\n'));
  if (CM_IS_TEXT_CELL (root) && cm_text_cell_get_text (CM_TEXT_CELL (root)) != NULL)
    {
      const char *text = cm_text_cell_get_text (CM_TEXT_CELL (root));

      g_assert_null (strpbrk (text, "\n\r"));
      g_assert_null (strstr (text, "\u2028"));
      g_assert_null (strstr (text, "\u2029"));
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    assert_single_line (c);
}

/* Rows appear when the list is drawn (slowly under sanitizers). */
static void
wait_for_label (GtkWidget  *root,
                const char *needle)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (count_labels (root, needle) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count_labels (root, needle), >=, 1);
}

static CmWindow *
open_window_named (const char *json,
                   const char *dir,
                   const char *name)
{
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *basemap = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "basemap",
                                               "china.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmMap *map = CM_MAP (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_MAP));
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  cm_window_set_basemap_path (window, basemap);
  gtk_window_present (GTK_WINDOW (window));
  while (cm_map_get_basemap (map) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (cm_map_get_basemap (map));
  cm_window_open_file (window, file);
  cm_test_wait_for_load (window);
  g_assert_null (cm_window_get_error (window));
  cm_test_iterate (150);
  g_unlink (path);
  return window;
}

static CmWindow *
open_window (const char *json,
             const char *dir)
{
  return open_window_named (json, dir, "hostile.json");
}

static void
test_window (gconstpointer user_data)
{
  const Maker *maker = user_data;
  g_autofree char *dir = g_dir_make_tmp ("cm-hostile-XXXXXX", NULL);
  g_autofree char *json = maker->make ();
  CmWindow *window = open_window (json, dir);
  CmDataset *ds = cm_window_get_dataset (window);
  CmTimeline *timeline = CM_TIMELINE (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_TIMELINE));
  const char *title = cm_dataset_get_title (ds);

  g_assert_nonnull (ds);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, title);
  /* The header shows it as text (a very long one is ellipsized). */
  g_assert_cmpuint (count_labels (GTK_WIDGET (window), title), >=, 1);

  /* List rows are one line each, whatever newlines the text holds. */
  assert_single_line (GTK_WIDGET (cm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW)));

  /* Every lane mode and colouring, a zoom and a brush. */
  g_object_set (window, "lanes", CM_LANES_BY_PLACE, NULL);
  cm_test_iterate (50);
  g_object_set (window, "lanes", CM_LANES_SINGLE, "map-color", CM_MAP_COLOR_BY_FIRST_DATE, NULL);
  cm_test_iterate (50);
  g_object_set (window, "lanes", CM_LANES_BY_CATEGORY, "map-color", CM_MAP_COLOR_BY_CATEGORY, NULL);
  cm_timeline_zoom (timeline, 1e-9);
  cm_test_iterate (50);
  {
    double t0, t1;

    cm_timeline_get_visible_range (timeline, &t0, &t1);
    g_assert_true (isfinite (t0) && isfinite (t1));
    g_assert_cmpfloat (t1 - t0, >=, CM_TIMELINE_MIN_SPAN * 0.999);
    cm_timeline_set_brush (timeline, t0, (t0 + t1) / 2);
  }
  cm_timeline_fit (timeline);
  cm_test_iterate (50);
  count_labels (GTK_WIDGET (window), NULL);

  /* The details of the first and the last announcement, in the window's
   * pane. */
  for (guint k = 0; k < 2 && cm_dataset_get_n_announcements (ds) > 0; k++)
    {
      guint index = k == 0 ? 0 : cm_dataset_get_n_announcements (ds) - 1;
      GtkWidget *details = cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_DETAILS);

      cm_details_show (CM_DETAILS (details), ds, (int) index);
      cm_test_iterate (50);
      count_labels (details, NULL);
    }

  /* Tooltips of the map's markers and of the timeline's marks. */
  {
    CmMap *map = CM_MAP (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_MAP));
    CmMapPainter *painter = cm_map_get_painter (map);

    for (guint i = 0; i < cm_map_painter_get_n_markers (painter); i++)
      {
        CmMapHit marker;
        g_autofree char *markup = NULL;

        g_assert_true (cm_map_painter_get_marker (painter, i, &marker));
        markup = cm_map_describe_at (map, marker.x, marker.y);
        if (markup != NULL)
          {
            g_autofree char *text = NULL;

            g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL));
            assert_tooltip_size (text);
          }
      }
    for (guint i = 0; i < cm_dataset_get_n_announcements (ds); i++)
      {
        g_autofree char *text = _cm_timeline_describe_mark (timeline, i);

        assert_tooltip_size (text);
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (dir);
}

/* A file name as hostile as a file system allows: no "/". */
#define HOSTILE_FILE "<span size=\"99999999\">X & &amp; <b> a<b.json"

static void
test_window_empty_page (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-hostile-XXXXXX", NULL);
  g_autofree char *nothing_title = NULL;
  g_autofree char *nothing_description = NULL;

  {
    CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
    AdwStatusPage *page = ADW_STATUS_PAGE (cm_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));

    nothing_title = g_strdup (adw_status_page_get_title (page));
    nothing_description = g_strdup (adw_status_page_get_description (page));
    gtk_window_destroy (GTK_WINDOW (window));
  }

  for (int k = 0; k < 2; k++)
    {
      g_autofree char *json = k == 0 ? make_empty () : make_places_only ();
      CmWindow *window = open_window_named (json, dir, HOSTILE_FILE);
      GtkStack *stack = find_stack (GTK_WIDGET (window), "empty");
      AdwStatusPage *page = ADW_STATUS_PAGE (cm_test_find_widget (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
      g_autofree char *description = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (stack);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
      /* Not the page of a window with nothing open: it names the file,
       * literally (the title is plain text), and says what it holds. */
      g_assert_cmpstr (adw_status_page_get_title (page), !=, nothing_title);
      g_assert_cmpstr (adw_status_page_get_description (page), !=, nothing_description);
      g_assert_nonnull (strstr (adw_status_page_get_title (page), HOSTILE_FILE));
      g_assert_nonnull (strstr (adw_status_page_get_title (page), "No Announcements"));
      /* The description is markup, valid whatever the file is called. */
      g_assert_true (pango_parse_markup (adw_status_page_get_description (page), -1, 0, NULL,
                                         &description, NULL, &error));
      g_assert_no_error (error);
      if (k == 1)
        g_assert_nonnull (strstr (description, "2 places and no announcements"));
      count_labels (GTK_WIDGET (window), NULL);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  g_rmdir (dir);
}

static void
test_window_markup (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-hostile-XXXXXX", NULL);
  g_autofree char *json = make_markup ();
  CmWindow *window = open_window (json, dir);
  CmDataset *ds = cm_window_get_dataset (window);
  CmMap *map = CM_MAP (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_MAP));
  CmTimeline *timeline = CM_TIMELINE (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_TIMELINE));
  CmMapPainter *painter = cm_map_get_painter (map);
  guint markers = 0;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Title " HOSTILE);
  wait_for_label (GTK_WIDGET (window), "Title " HOSTILE);

  /* List rows: titles and categories as plain text. */
  wait_for_label (GTK_WIDGET (window), "Second " HOSTILE);
  wait_for_label (GTK_WIDGET (window), "Category " HOSTILE);
  wait_for_label (GTK_WIDGET (window), "Place " HOSTILE);

  /* The toast about the province the base map lacks quotes its name. */
  wait_for_label (GTK_WIDGET (window), "Province " HOSTILE);

  /* Map tooltips are markup: valid, and showing the names literally. */
  for (guint i = 0; i < cm_map_painter_get_n_markers (painter); i++)
    {
      CmMapHit marker;
      g_autofree char *markup = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (cm_map_painter_get_marker (painter, i, &marker));
      if (marker.kind == CM_MAP_HIT_NONE)
        continue;
      markup = cm_map_describe_at (map, marker.x, marker.y);
      g_assert_nonnull (markup);
      g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &text, NULL, &error));
      g_assert_no_error (error);
      g_assert_nonnull (strstr (text, HOSTILE));
      markers++;
    }
  g_assert_cmpuint (markers, >=, 1);

  /* Timeline tooltips and screen-reader text: plain, and whole. */
  for (guint i = 0; i < cm_dataset_get_n_announcements (ds); i++)
    {
      g_autofree char *text = _cm_timeline_describe_mark (timeline, i);
      g_autofree char *title = cm_dataset_dup_text (ds, cm_dataset_get_announcement (ds, i)->title);

      g_assert_nonnull (strstr (text, title));
      /* The lane (the category) is cut short, literally. */
      g_assert_true (strstr (text, "(Kind <span size=\"99999999\">X") != NULL
                     || strstr (text, "(Category <span size=\"99999999\">X") != NULL);
    }
  {
    g_autofree char *text = _cm_timeline_describe_mark (timeline, (guint) cm_dataset_find_announcement (ds, "m1"));

    g_assert_nonnull (strstr (text, "Note " HOSTILE));
    g_assert_nonnull (strstr (text, "Place " HOSTILE));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (dir);
}

static void
count_invalidations (guint *count)
{
  (*count)++;
}

/* Frames come when they come (slowly under sanitizers). */
static void
wait_for_count (guint *count)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (*count == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (*count, >, 0);
}

/* The map redraws as the timeline's brush and playhead move. */
static void
test_window_map_follows (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-hostile-XXXXXX", NULL);
  g_autofree char *json = make_crowded ();
  CmWindow *window = open_window (json, dir);
  CmMap *map = CM_MAP (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_MAP));
  CmTimeline *timeline = CM_TIMELINE (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_TIMELINE));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (map));
  CmMapPainter *painter = cm_map_get_painter (map);
  CmDataset *ds = cm_window_get_dataset (window);
  gint64 day = cm_dataset_get_announcement (ds, 0)->start;
  guint invalidated = 0;

  g_signal_connect_swapped (paintable, "invalidate-contents", G_CALLBACK (count_invalidations), &invalidated);
  g_assert_cmpuint (cm_map_painter_get_place_count (painter, 0), ==, N_CROWDED);

  /* A brush the day is not in: the marker empties, and is redrawn. */
  cm_test_iterate (100);
  invalidated = 0;
  cm_timeline_set_brush (timeline, day + 2 * DAY, day + 10 * DAY);
  g_assert_cmpuint (cm_map_painter_get_place_count (painter, 0), ==, 0);
  wait_for_count (&invalidated);

  invalidated = 0;
  cm_timeline_clear_brush (timeline);
  g_assert_cmpuint (cm_map_painter_get_place_count (painter, 0), ==, N_CROWDED);
  wait_for_count (&invalidated);

  invalidated = 0;
  cm_timeline_set_playhead (timeline, day - DAY);
  wait_for_count (&invalidated);

  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (dir);
}

/* A file whose problems quote hostile text: the dialog shows them as text. */
static void
test_problems_dialog (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-hostile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;
  GtkWidget *view;
  g_autofree char *text = NULL;
  const char *bad = "{\"title\": \"t\", \"places\": [{\"id\": \"p\", \"name\": \"n\", \"lat\": 1, \"lon\": 2}],"
                    " \"categories\": [{\"id\": \"c\", \"label\": \"l\", \"color\": \"#000000\"}],"
                    " \"announcements\": [{\"id\": \"a\", \"date\": \"2022\", \"place\": \"" HOSTILE_JSON "\","
                    " \"category\": \"c\", \"title\": \"x\", \"" HOSTILE_JSON "\": 1}]}";

  g_assert_true (g_file_set_contents (path, bad, -1, NULL));
  gtk_window_present (GTK_WINDOW (window));
  cm_window_open_file (window, file);
  cm_test_wait_for_load (window);
  g_assert_nonnull (cm_window_get_error (window));
  g_test_message ("error: %s", cm_window_get_error (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-problems", NULL));
  cm_test_iterate (100);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w))
        dialog = ADW_MESSAGE_DIALOG (w);
    }
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_heading_use_markup (dialog));
  g_assert_false (adw_message_dialog_get_body_use_markup (dialog));
  count_labels (GTK_WIDGET (dialog), NULL);
  /* The problems themselves are in a text view: plain text, scrolled. */
  view = cm_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW);
  g_assert_nonnull (view);
  g_object_get (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "text", &text, NULL);
  g_assert_nonnull (strstr (text, "unknown member \"" HOSTILE "\""));
  g_assert_nonnull (gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW));
  /* The counts by severity (an unknown member, an unknown place), and
   * room for a line of each. */
  g_test_message ("body: %s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 errors"));
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (gtk_widget_get_width (GTK_WIDGET (dialog)) == 0 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  g_test_message ("width: %d", gtk_widget_get_width (GTK_WIDGET (dialog)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), >=, 600);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  for (guint i = 0; i < G_N_ELEMENTS (makers); i++)
    {
      g_autofree char *painters = g_strdup_printf ("/hostile/painters/%s", makers[i].name);
      g_autofree char *window = g_strdup_printf ("/hostile/window/%s", makers[i].name);

      g_test_add_data_func (painters, &makers[i], check_dataset);
      g_test_add_data_func (window, &makers[i], test_window);
    }
  g_test_add_func ("/hostile/crowded", test_crowded);
  g_test_add_func ("/hostile/long-name", test_long_name);
  g_test_add_func ("/hostile/many-categories", test_many_categories);
  g_test_add_func ("/hostile/extreme-dates", test_extreme_dates);
  g_test_add_func ("/hostile/same-instant", test_same_instant);
  g_test_add_func ("/hostile/geo-extremes", test_geo_extremes);
  g_test_add_func ("/hostile/empty", test_empty);
  g_test_add_func ("/hostile/weird-text", test_weird_text);
  g_test_add_func ("/hostile/many-places", test_many_places);
  g_test_add_func ("/hostile/many-category-lanes", test_many_category_lanes);
  g_test_add_func ("/hostile/markup/painters", test_markup_painters);
  g_test_add_func ("/hostile/markup/window", test_window_markup);
  g_test_add_func ("/hostile/markup/problems", test_problems_dialog);
  g_test_add_func ("/hostile/export", test_export);
  g_test_add_func ("/hostile/links/sources", test_source_links);
  g_test_add_func ("/hostile/shorten", test_shorten);
  g_test_add_func ("/hostile/window/empty-page", test_window_empty_page);
  g_test_add_func ("/hostile/window/map-follows-timeline", test_window_map_follows);

  return g_test_run ();
}
