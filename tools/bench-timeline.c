/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-bench"

/*
 * Renders the timeline painter headless at 1600x400 for synthetic data
 * sets of 1k to 1M marks and prints milliseconds per frame (median, min,
 * max over the runs, after a warm-up). Each frame lays out from scratch,
 * as during a zoom or pan. With --png DIR, it also writes each scenario
 * as a PNG to look at.
 *
 * usage: bench-timeline [--runs N] [--max N] [--png DIR] [--dark] [--lang zh]
 */

#include <math.h>
#include <stdlib.h>

#include "cm-time-ticks.h"
#include "cm-timeline-painter.h"

#define WIDTH  1600
#define HEIGHT 400

static const char * const categories[] = {
  "Policy", "Industry", "Investment", "Events", "Research", "Other",
};
static const guint32 palette_rgb[] = {
  0x0072b2, 0xe69f00, 0x009e73, 0xcc79a7, 0x56b4e9, 0xd55e00,
};

typedef struct
{
  guint    n;
  gint64  *start;
  gint64  *end;
  guint8  *kind;
  guint16 *lane;
  guint16 *color;
} Synthetic;

static guint
pick_category (GRand *rand)
{
  static const double weights[] = { 0.30, 0.22, 0.18, 0.14, 0.10, 0.06 };
  double r = g_rand_double (rand);

  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return 0;
}

/* Announcements over 2019-2024: a rising trend, a yearly rhythm and a
 * few bursts, dated mostly to the day, some only to the month or year. */
static void
synthetic_init (Synthetic *s,
                guint      n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20220111);
  gint64 first = cm_time_from_civil (2019, 1, 1, 0, 0, 0);
  gint64 days = (cm_time_from_civil (2025, 1, 1, 0, 0, 0) - first) / 86400;

  s->n = n;
  s->start = g_new (gint64, n);
  s->end = g_new (gint64, n);
  s->kind = g_new (guint8, n);
  s->lane = g_new (guint16, n);
  s->color = g_new (guint16, n);

  for (guint i = 0; i < n; i++)
    {
      double u = sqrt (g_rand_double (rand));    /* more events later */
      double r = g_rand_double (rand);
      gint64 day = (gint64) (u * (days - 1));
      int y, m, d;

      if (g_rand_double (rand) < 0.15)
        day = (gint64) (days * 0.52 + g_rand_double (rand) * 40); /* a burst */
      day = CLAMP (day, 0, days - 1);
      s->start[i] = first + day * 86400;
      cm_time_to_civil (s->start[i], &y, &m, &d, NULL, NULL, NULL);

      if (r < 0.85)
        {
          s->kind[i] = CM_MARK_POINT;
          s->end[i] = s->start[i] + 86400;
        }
      else if (r < 0.94)
        {
          s->kind[i] = CM_MARK_BAND;
          s->start[i] = cm_time_from_civil (y, m, 1, 0, 0, 0);
          s->end[i] = cm_time_from_civil (y, m + 1, 1, 0, 0, 0);
        }
      else if (r < 0.97)
        {
          s->kind[i] = CM_MARK_BAND;
          s->start[i] = cm_time_from_civil (y, 1, 1, 0, 0, 0);
          s->end[i] = cm_time_from_civil (y + 1, 1, 1, 0, 0, 0);
        }
      else
        {
          s->kind[i] = CM_MARK_SPAN;
          s->end[i] = s->start[i] + 86400 * g_rand_int_range (rand, 2, 90);
        }
      s->lane[i] = s->color[i] = (guint16) pick_category (rand);
    }
}

static void
synthetic_clear (Synthetic *s)
{
  g_free (s->start);
  g_free (s->end);
  g_free (s->kind);
  g_free (s->lane);
  g_free (s->color);
}

static CmTimelineIndex *
synthetic_index (const Synthetic *s)
{
  CmRgba palette[G_N_ELEMENTS (palette_rgb)];
  CmTimelineData data = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (palette_rgb); i++)
    cm_rgba_from_rgb24 (&palette[i], palette_rgb[i]);
  data.n_marks = s->n;
  data.start = s->start;
  data.end = s->end;
  data.kind = s->kind;
  data.lane = s->lane;
  data.color = s->color;
  data.n_lanes = G_N_ELEMENTS (categories);
  data.lane_labels = categories;
  data.n_colors = G_N_ELEMENTS (palette_rgb);
  data.palette = palette;
  data.color_labels = categories;
  return cm_timeline_index_new (&data);
}

static int
compare_double (const void *a,
                const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static void
run_scenario (CmTimelinePainter    *painter,
              const CmTimelineView *view,
              guint                 runs,
              const char           *name,
              guint                 n,
              const char           *png_dir)
{
  g_autofree double *ms = g_new (double, runs);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  for (guint i = 0; i < 3; i++)
    {
      cm_timeline_painter_invalidate (painter);
      cm_timeline_painter_paint (painter, cr, view);
    }
  for (guint i = 0; i < runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      /* Every frame lays out again, as while zooming or panning. */
      cm_timeline_painter_invalidate (painter);
      cm_timeline_painter_paint (painter, cr, view);
      cairo_surface_flush (surface);
      ms[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  qsort (ms, runs, sizeof (double), compare_double);
  g_print ("%9u  %-12s %8.2f %8.2f %8.2f\n", n, name, ms[runs / 2], ms[0], ms[runs - 1]);

  if (png_dir != NULL)
    {
      g_autofree char *file = g_strdup_printf ("%s/timeline-%u-%s.png", png_dir, n, name);

      cairo_surface_write_to_png (surface, file);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  static const guint sizes[] = { 1000, 10000, 100000, 1000000 };
  int runs = 9, max = 1000000;
  gboolean dark = FALSE;
  g_autofree char *png_dir = NULL;
  g_autofree char *lang = NULL;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Timed frames per scenario (>= 5)", "N" },
    { "max", 0, 0, G_OPTION_ARG_INT, &max, "Largest data set", "N" },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &png_dir, "Write each frame as PNG into DIR", "DIR" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, "Axis language (en, zh)", "LANG" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- timeline painter benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  CmPaintStyle style;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  runs = MAX (runs, 5);
  cm_paint_style_init (&style, dark);
  cm_timeline_painter_set_style (painter, &style);
  cm_timeline_painter_set_language (painter, g_strcmp0 (lang, "zh") == 0 ? CM_LABEL_LANGUAGE_LOCAL
                                                                         : CM_LABEL_LANGUAGE_ENGLISH);

  g_print ("timeline painter, %dx%d, %d timed frames after 3 warm-up frames\n", WIDTH, HEIGHT, runs);
  g_print ("%9s  %-12s %8s %8s %8s\n", "marks", "view", "median", "min", "max");

  for (guint i = 0; i < G_N_ELEMENTS (sizes) && sizes[i] <= (guint) max; i++)
    {
      Synthetic s;
      g_autoptr(CmTimelineIndex) index = NULL;
      g_autofree guint8 *flags = NULL;
      CmTimelineView view;
      gint64 t_build, min_time, max_time;
      double b0 = (double) cm_time_from_civil (2022, 3, 1, 0, 0, 0);
      double b1 = (double) cm_time_from_civil (2022, 7, 1, 0, 0, 0);

      synthetic_init (&s, sizes[i]);
      t_build = g_get_monotonic_time ();
      index = synthetic_index (&s);
      t_build = g_get_monotonic_time () - t_build;
      g_print ("%9u  %-12s %8.1f\n", sizes[i], "(index)", t_build / 1000.0);
      cm_timeline_painter_set_index (painter, index);

      cm_timeline_view_init (&view, WIDTH, HEIGHT);
      view.now = (double) cm_time_from_civil (2024, 6, 15, 12, 0, 0);
      cm_timeline_index_get_extent (index, &min_time, &max_time);
      cm_timeline_view_fit (&view, (double) min_time, (double) max_time);
      run_scenario (painter, &view, runs, "fit-all", sizes[i], png_dir);

      cm_timeline_view_set_range (&view, (double) cm_time_from_civil (2022, 3, 1, 0, 0, 0),
                                  (double) cm_time_from_civil (2022, 4, 1, 0, 0, 0));
      run_scenario (painter, &view, runs, "one-month", sizes[i], png_dir);

      /* A brushed range: the marks outside it are dimmed, as the app
       * does when the brush filters the map and the list. */
      flags = g_new0 (guint8, s.n);
      for (guint j = 0; j < s.n; j++)
        if (!cm_timeline_brush_contains (b0, b1, (double) s.start[j], (double) s.end[j]))
          flags[j] = CM_MARK_FLAG_DIMMED;
      cm_timeline_index_set_flags (index, flags);
      cm_timeline_view_fit (&view, (double) min_time, (double) max_time);
      view.has_brush = TRUE;
      view.brush_start = b0;
      view.brush_end = b1;
      run_scenario (painter, &view, runs, "brushed", sizes[i], png_dir);

      cm_timeline_painter_set_index (painter, NULL);
      synthetic_clear (&s);
    }
  return 0;
}
