/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-bench"

/* One measurement of the scale table per run, printed as "NAME SECONDS":
 *   bench-scale load FILE     open + validate + model + indexes (timeline
 *                             index and map data, as the window builds)
 *   bench-scale filter FILE   the first time-range filter change after the
 *                             load: flags, timeline index regroup, list
 *                             refilter, map range, and both painters drawn
 *                             at 1600x900 / 1600x400
 *   bench-scale brush FILE    the median of 20 more as the brush slides
 *   bench-scale search-index FILE   building the text index (done on the
 *                             first search)
 *   bench-scale search FILE   one search: the median of five queries of
 *                             one and two terms, ASCII and Chinese
 *   bench-scale search-filter FILE   a search applied as the window does:
 *                             list, timeline dimming, map events, both
 *                             painters drawn (median of five queries)
 *   bench-scale category FILE   one category unchecked, applied the same
 *                             way (median over the first five categories)
 *   bench-scale sort FILE     sorting the list by a column: the median over
 *                             date, title, place and category, each way,
 *                             with a brush on; "sort-orders", computing the
 *                             orders, once per dataset, comes first
 *   bench-scale preview-CHANGE FILE  Export Figure's preview after a
 *                             change of CHANGE: page, words (title,
 *                             subtitle, caption), style, view, language,
 *                             dpi (of a page in pixels), format; the
 *                             figure the dialog makes (both views, the
 *                             bundled base map), drawn once, then redrawn
 *                             as the dialog's worker thread does at the
 *                             preview's size (about 620×560 pixels); the
 *                             median over five changes. "first": a new
 *                             figure each time (the dialog's first
 *                             preview, the base map projected already by
 *                             the window's map). The dialog waits 30 ms
 *                             more for a burst of changes to end.
 * tools/bench runs it several times per size and reports medians, and the
 * peak RSS of the whole process. It never asserts on time. */

#include "cm-config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cm-announcement-list.h"
#include "cm-export-choices.h"
#include "cm-figure-spec.h"
#include "cm-loader.h"
#include "cm-map-painter.h"
#include "cm-page.h"
#include "cm-text-index.h"
#include "cm-time-filter.h"
#include "cm-timeline-painter.h"
#include "cm-view-data.h"
#include "cm-view-filter.h"

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static CmDataset *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CmDataset *ds = cm_loader_load_file (file, path, NULL, NULL, NULL, NULL, &error);

  if (ds == NULL)
    g_error ("%s", error->message);
  return ds;
}

static int
bench_load (const char *path)
{
  /* The window has its base map before a dataset is opened. */
  g_autofree char *basemap_path = cm_view_data_default_basemap_path ();
  g_autoptr(CmBasemap) basemap = cm_basemap_new_from_file (basemap_path, NULL);
  double t0 = now ();
  g_autoptr(CmDataset) ds = load (path);
  g_autoptr(CmTimelineIndex) index = NULL;
  g_autoptr(CmMapData) data = NULL;
  g_autoptr(CmMapPainter) map = cm_map_painter_new ();
  CmAdoptionData *adoption = NULL;

  /* As the window's loading thread does. */
  cm_view_data_build (ds, CM_LANES_BY_CATEGORY, basemap, FALSE, CM_ADOPTION_PLACES, &index, &data, &adoption);
  cm_adoption_data_free (adoption);
  cm_map_painter_set_basemap (map, basemap);
  cm_map_data_apply (data, map);
  printf ("load %.4f\n", now () - t0);
  return 0;
}

typedef struct
{
  CmDataset          *ds;
  CmTimelineIndex    *index;
  CmMapData          *data;
  CmMapPainter       *map;
  CmTimelinePainter  *timeline;
  CmAnnouncementList *list;
  cairo_surface_t    *map_surface;
  cairo_surface_t    *tl_surface;
  cairo_t            *map_cr;
  cairo_t            *tl_cr;
  guint8             *flags;
  CmTimelineView      view;
  gboolean            map_cut;  /* the map's events were cut by a mask */
} Views;

/* One filter change, as the window makes it while the user brushes: the
 * flags and the index regrouped, the list refiltered, the map's range,
 * and both painters drawn. Returns its duration in seconds. */
static double
filter_change (Views  *v,
               gint64  start,
               gint64  end)
{
  guint n = cm_dataset_get_n_announcements (v->ds);
  double t0 = now ();

  /* The model's one meaning of time (cm-time-filter.h), as flags. */
  memset (v->flags, 1, n);
  cm_dataset_match_time (v->ds, start, end, v->flags);
  for (guint i = 0; i < n; i++)
    v->flags[i] = v->flags[i] ? 0 : CM_MARK_FLAG_DIMMED;
  cm_timeline_index_set_flags (v->index, v->flags);
  cm_timeline_painter_invalidate (v->timeline);
  cm_announcement_list_set_filter (v->list, start, end, NULL);
  cm_map_painter_set_time_range (v->map, start, end);
  v->view.has_brush = TRUE;
  v->view.brush_start = start;
  v->view.brush_end = end;
  cm_map_painter_draw (v->map, v->map_cr, CM_MAP_DRAW_DEFAULT);
  cm_timeline_painter_paint (v->timeline, v->tl_cr, &v->view);
  return now () - t0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Everything the window shows after a load, drawn once, as on screen
 * before the user filters. */
static void
views_init (Views      *v,
            const char *path)
{
  g_autofree char *basemap_path = cm_view_data_default_basemap_path ();
  g_autoptr(CmBasemap) basemap = cm_basemap_new_from_file (basemap_path, NULL);
  CmPaintStyle style;
  gint64 t_min, t_max;

  memset (v, 0, sizeof *v);
  v->ds = load (path);
  v->map = cm_map_painter_new ();
  v->timeline = cm_timeline_painter_new ();
  v->list = cm_announcement_list_new ();
  v->map_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 900);
  v->tl_surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 400);
  v->map_cr = cairo_create (v->map_surface);
  v->tl_cr = cairo_create (v->tl_surface);
  v->flags = g_new0 (guint8, MAX (cm_dataset_get_n_announcements (v->ds), 1));

  cm_view_data_build (v->ds, CM_LANES_BY_CATEGORY, basemap, FALSE, CM_ADOPTION_HIDDEN, &v->index, &v->data, NULL);
  cm_paint_style_init (&style, FALSE);
  cm_map_painter_set_basemap (v->map, basemap);
  cm_map_painter_set_style (v->map, &style);
  cm_map_data_apply (v->data, v->map);
  cm_map_painter_set_viewport (v->map, 1600, 900);
  cm_map_painter_fit_basemap (v->map);
  cm_timeline_painter_set_index (v->timeline, v->index);
  cm_timeline_painter_set_style (v->timeline, &style);
  cm_announcement_list_set_dataset (v->list, v->ds);
  cm_dataset_get_time_range (v->ds, &t_min, &t_max);
  cm_timeline_view_init (&v->view, 1600, 400);
  v->view.now = NAN;
  cm_timeline_view_fit (&v->view, t_min, t_max);

  cm_map_painter_draw (v->map, v->map_cr, CM_MAP_DRAW_DEFAULT);
  cm_timeline_painter_paint (v->timeline, v->tl_cr, &v->view);
}

static void
views_clear (Views *v)
{
  cairo_destroy (v->map_cr);
  cairo_destroy (v->tl_cr);
  cairo_surface_destroy (v->map_surface);
  cairo_surface_destroy (v->tl_surface);
  g_clear_pointer (&v->data, cm_map_data_free);
  g_clear_pointer (&v->index, cm_timeline_index_unref);
  g_clear_object (&v->map);
  g_clear_pointer (&v->timeline, cm_timeline_painter_free);
  g_clear_object (&v->list);
  g_clear_object (&v->ds);
  g_free (v->flags);
}

/* "filter": the first filter change after the load (the brush on the
 * middle third of the data); "brush": the median of 20 more as the brush
 * slides by 1/60 of the span each time. */
static int
bench_filter (const char *path,
              gboolean    brushing)
{
  Views v;
  gint64 t_min, t_max, third;
  double first, steps[20];

  views_init (&v, path);
  cm_dataset_get_time_range (v.ds, &t_min, &t_max);
  third = (t_max - t_min) / 3;
  first = filter_change (&v, t_min + third, t_min + 2 * third);
  for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
    {
      gint64 shift = (gint64) (k + 1) * (t_max - t_min) / 60;

      steps[k] = filter_change (&v, t_min + third + shift, t_min + 2 * third + shift);
    }
  qsort (steps, G_N_ELEMENTS (steps), sizeof (double), compare_doubles);
  if (brushing)
    printf ("brush %.4f\n", (steps[9] + steps[10]) / 2);
  else
    printf ("filter %.4f\n", first);
  views_clear (&v);
  return 0;
}

/* A mask applied as the window applies it (cm-window-filter.c): the
 * list refiltered, the other marks dimmed on the timeline, the map's
 * categories masked and its events cut to the search's matches when the
 * search changed, and both painters drawn. */
static void
mask_change (Views          *v,
             const guint8   *match,
             const guint8   *text_match,
             gboolean        text_changed,
             const gboolean *shown,
             guint           n_shown)
{
  guint n = cm_dataset_get_n_announcements (v->ds);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *dimmed = NULL;

  /* Through the window's own projections (cm-view-filter.c). */
  dimmed = cm_view_filter_timeline_dimmed (match, n);
  cm_timeline_index_set_dimmed (v->index, dimmed);
  cm_timeline_painter_invalidate (v->timeline);
  bytes = g_bytes_new (match, n);
  cm_announcement_list_set_match (v->list, bytes);
  cm_announcement_list_set_filter (v->list, 0, 0, NULL);
  if (!cm_view_filter_map_categories (v->data, shown, n_shown, v->map))
    cm_view_filter_apply_map (v->data, match, v->map);
  else if (text_changed || !v->map_cut)
    cm_view_filter_apply_map (v->data, text_match, v->map);
  v->map_cut = TRUE;
  cm_map_painter_draw (v->map, v->map_cr, CM_MAP_DRAW_DEFAULT);
  cm_timeline_painter_paint (v->timeline, v->tl_cr, &v->view);
}

static double
search_change (Views       *v,
               CmTextIndex *index,
               const char  *query)
{
  g_autofree guint8 *match = g_new (guint8, MAX (cm_dataset_get_n_announcements (v->ds), 1));
  double t0 = now ();

  cm_text_index_match (index, query, match);
  mask_change (v, match, match, TRUE, NULL, 0);
  return now () - t0;
}

/* One category unchecked in the filter bar, the others shown. */
static double
category_change (Views *v,
                 guint  hidden)
{
  guint n = cm_dataset_get_n_announcements (v->ds);
  guint n_categories = cm_dataset_get_n_categories (v->ds);
  g_autofree guint8 *match = g_new (guint8, MAX (n, 1));
  g_autofree gboolean *shown = g_new (gboolean, MAX (n_categories, 1));
  double t0;

  for (guint c = 0; c < n_categories; c++)
    shown[c] = c != hidden;
  t0 = now ();
  memset (match, 1, n);
  cm_dataset_match_categories (v->ds, shown, match);
  mask_change (v, match, NULL, FALSE, shown, n_categories);
  return now () - t0;
}

/* "category": the median of unchecking each category in turn (at most
 * five), the others shown. */
static int
bench_category (const char *path)
{
  double times[5];
  guint n;
  Views v;

  views_init (&v, path);
  n = MIN (cm_dataset_get_n_categories (v.ds), G_N_ELEMENTS (times));
  for (guint c = 0; c < n; c++)
    times[c] = category_change (&v, c);
  qsort (times, n, sizeof (double), compare_doubles);
  printf ("category %.4f\n", n > 0 ? times[n / 2] : 0.0);
  views_clear (&v);
  return 0;
}

/* "sort": the list re-sorted as the column headers ask, through the
 * dataset's orders; computing those is timed apart ("sort-orders"). */
static int
bench_sort (const char *path)
{
  double times[2 * CM_N_SORTS], t0;
  gint64 t_min, t_max, third;
  Views v;

  views_init (&v, path);
  cm_dataset_get_time_range (v.ds, &t_min, &t_max);
  third = (t_max - t_min) / 3;
  cm_announcement_list_set_filter (v.list, t_min + third, t_min + 2 * third, NULL);
  t0 = now ();
  for (guint k = 0; k < CM_N_SORTS; k++)
    cm_dataset_get_sort_order (v.ds, k);
  printf ("sort-orders %.4f\n", now () - t0);
  for (guint k = 0; k < 2 * CM_N_SORTS; k++)
    {
      t0 = now ();
      cm_announcement_list_set_sort (v.list, (k + 1) % CM_N_SORTS, k % 2 == 0);
      times[k] = now () - t0;
    }
  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
  printf ("sort %.4f\n", (times[CM_N_SORTS - 1] + times[CM_N_SORTS]) / 2);
  views_clear (&v);
  return 0;
}

/* "search-filter": the median over queries of few and of many matches,
 * index already built. */
static int
bench_search_filter (const char *path)
{
  const char *queries[] = { "semiconductor", "shanghai", "support", "上海", "smart city" };
  double times[G_N_ELEMENTS (queries)];
  g_autoptr(CmTextIndex) index = NULL;
  Views v;

  views_init (&v, path);
  index = cm_text_index_new (v.ds);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    times[q] = search_change (&v, index, queries[q]);
  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
  printf ("search-filter %.4f\n", times[G_N_ELEMENTS (times) / 2]);
  g_clear_pointer (&index, cm_text_index_free);
  views_clear (&v);
  return 0;
}

static int
bench_search (const char *path,
              gboolean    index_only)
{
  g_autoptr(CmDataset) ds = load (path);
  const char *queries[] = { "semiconductor", "smart city", "shanghai", "上海", "zzzz" };
  g_autofree guint8 *match = g_new (guint8, MAX (cm_dataset_get_n_announcements (ds), 1));
  g_autoptr(CmTextIndex) index = NULL;
  double t0 = now (), times[G_N_ELEMENTS (queries)];

  index = cm_text_index_new (ds);
  if (index_only)
    {
      printf ("search-index %.4f\n", now () - t0);
      return 0;
    }
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      t0 = now ();
      cm_text_index_match (index, queries[q], match);
      times[q] = now () - t0;
    }
  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
  printf ("search %.4f\n", times[G_N_ELEMENTS (times) / 2]);
  return 0;
}

/* The preview's kinds of change: what each choice of the dialog does to
 * its spec (cm_export_choices_apply() and the words' rows). */
typedef enum
{
  CHANGE_PAGE,
  CHANGE_WORDS,
  CHANGE_STYLE,
  CHANGE_VIEW,
  CHANGE_LANGUAGE,
  CHANGE_DPI,
  CHANGE_FORMAT,
  CHANGE_NEW,       /* a new figure each time: the first preview */
} Change;

static const char * const change_names[] = { "page", "words", "style", "view", "language", "dpi", "format", "first" };

#define N_CHANGES 5

static void
apply_change (CmFigureSpec    *spec,
              CmExportChoices *c,
              Change           change,
              guint            i)
{
  static const CmExportPage pages[N_CHANGES] = { CM_EXPORT_PAGE_A4, CM_EXPORT_PAGE_A3_LANDSCAPE,
                                                 CM_EXPORT_PAGE_LETTER_LANDSCAPE, CM_EXPORT_PAGE_A5,
                                                 CM_EXPORT_PAGE_A4_LANDSCAPE };
  static const CmFigureView views[N_CHANGES] = { CM_FIGURE_VIEW_MAP, CM_FIGURE_VIEW_TIMELINE,
                                                 CM_FIGURE_VIEW_ADOPTION, CM_FIGURE_VIEW_BOTH,
                                                 CM_FIGURE_VIEW_MAP };
  static const int dpis[N_CHANGES] = { 150, 300, 72, 600, 96 };
  static const CmExportFileType types[N_CHANGES] = { CM_EXPORT_FILE_SVG, CM_EXPORT_FILE_PDF, CM_EXPORT_FILE_WEBP,
                                                     CM_EXPORT_FILE_GIF, CM_EXPORT_FILE_PNG };
  g_autofree char *title = g_strdup_printf ("Policy announcements, draft %u", i + 1);

  switch (change)
    {
    case CHANGE_PAGE:
    case CHANGE_NEW:
      c->page = pages[i];
      break;
    case CHANGE_WORDS:
      cm_figure_spec_set_words (spec, title, i % 2 ? "A subtitle of one's own" : NULL,
                                i > 1 ? "A caption under the figure." : NULL, NULL);
      return;
    case CHANGE_STYLE:
      c->style = i % 2 ? CM_FIGURE_STYLE_LIGHT : CM_FIGURE_STYLE_DARK;
      break;
    case CHANGE_VIEW:
      c->view = views[i];
      break;
    case CHANGE_LANGUAGE:
      c->language = i % 2 ? CM_LABEL_LANGUAGE_ENGLISH : CM_LABEL_LANGUAGE_LOCAL;
      break;
    case CHANGE_DPI:
      c->dpi = dpis[i];
      break;
    case CHANGE_FORMAT:
      c->type = types[i];
      break;
    default:
      g_assert_not_reached ();
    }
  cm_export_choices_apply (c, spec, FALSE, CM_LABEL_LANGUAGE_ENGLISH);
}

/* One redraw as the dialog's worker thread makes it, at the preview's
 * size; its own function for callgrind's --toggle-collect. */
static G_GNUC_NO_INLINE cairo_surface_t *
preview_redraw (const CmFigureSpec  *spec,
                CmFigure           **figure)
{
  const CmFigureOptions *o = &spec->options;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cm_figure_spec_render_reusing (spec, figure, MIN (620 / o->width, 560 / o->height),
                                                            &error);

  if (surface == NULL)
    g_error ("%s", error->message);
  return surface;
}

static int
bench_preview (const char *path,
               Change      change)
{
  g_autoptr(CmDataset) ds = load (path);
  g_autofree char *basemap_path = cm_view_data_default_basemap_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CmBasemap) basemap = cm_basemap_new_from_file (basemap_path, &error);
  g_autoptr(CmFigureSpec) spec = cm_figure_spec_new (ds);
  g_autoptr(CmFigure) figure = NULL;
  CmExportChoices c;
  double times[N_CHANGES];

  if (basemap == NULL)
    g_error ("%s", error->message);
  cm_figure_spec_set_basemap (spec, basemap);
  cm_export_choices_load (&c, NULL);
  /* The DPI changes the preview in pixel pages only. */
  if (change == CHANGE_DPI)
    c.page = CM_EXPORT_PAGE_PIXELS;
  cm_export_choices_apply (&c, spec, FALSE, CM_LABEL_LANGUAGE_ENGLISH);
  /* A change comes after a first preview, which prepared the figure;
   * the window's map has projected the base map before that. */
  cairo_surface_destroy (cm_figure_spec_render_reusing (spec, &figure, 0.5, NULL));
  for (guint i = 0; i < N_CHANGES; i++)
    {
      cairo_surface_t *surface;
      double t0;

      apply_change (spec, &c, change, i);
      if (change == CHANGE_NEW)
        g_clear_object (&figure);
      t0 = now ();
      surface = preview_redraw (spec, &figure);
      times[i] = now () - t0;
      cairo_surface_destroy (surface);
    }
  qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
  printf ("preview-%s %.4f\n", change_names[change], times[G_N_ELEMENTS (times) / 2]);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  if (argc != 3)
    {
      fprintf (stderr, "Usage: %s load|filter|brush|search-index|search|search-filter|category|sort|preview-CHANGE FILE\n"
               "  CHANGE: page, words, style, view, language, dpi, format or first\n", argv[0]);
      return 2;
    }
  if (g_str_equal (argv[1], "load"))
    return bench_load (argv[2]);
  if (g_str_equal (argv[1], "filter") || g_str_equal (argv[1], "brush"))
    return bench_filter (argv[2], g_str_equal (argv[1], "brush"));
  if (g_str_equal (argv[1], "category"))
    return bench_category (argv[2]);
  for (guint c = 0; c < G_N_ELEMENTS (change_names); c++)
    if (g_str_has_prefix (argv[1], "preview-") && g_str_equal (argv[1] + strlen ("preview-"), change_names[c]))
      return bench_preview (argv[2], (Change) c);
  if (g_str_equal (argv[1], "sort"))
    return bench_sort (argv[2]);
  if (g_str_equal (argv[1], "search-filter"))
    return bench_search_filter (argv[2]);
  if (g_str_equal (argv[1], "search-index") || g_str_equal (argv[1], "search"))
    return bench_search (argv[2], g_str_equal (argv[1], "search-index"));
  fprintf (stderr, "unknown measurement %s\n", argv[1]);
  return 2;
}
