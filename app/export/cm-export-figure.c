/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-export"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "cm-export-figure.h"
#include "cm-export-write.h"
#include "cm-figure-text.h"
#include "cm-map-painter.h"
#include "cm-page.h"
#include "cm-text-index.h"
#include "cm-time-filter.h"
#include "cm-text.h"
#include "cm-timeline-painter.h"
#include "cm-view-data.h"
#include "cm-view-filter.h"

/* What the window's map and timeline draw for the same choices, with no
 * display: the widgets make their style through cm_paint_style_init_for()
 * too, so only the theme's accent, which marks what the user is doing,
 * can differ (tests/test-style-match.c). A composed figure puts words
 * around the same drawings. */

/* Text sizes of a composed figure, in points. */
#define TITLE_PT    16.0
#define SUBTITLE_PT 10.0
#define LEGEND_PT   9.0
#define CAPTION_PT  9.0
#define FOOTER_PT   7.5
/* The footer lists this many sources at most, then says how many more. */
#define MAX_SOURCES 12

/* What a figure shows of a dataset: the shared view data and the filters
 * worked out once. */
typedef struct
{
  CmDataset             *dataset;
  const CmFigureOptions *o;
  gboolean               zh;
  const CmFigureStrings *s;
  guint8                *match;          /* NULL: no filter but time */
  guint                  n_categories;
  guint                 *category_count; /* shown, per category; the last: none */
  gboolean              *category_shown;
  guint                  n_shown;
  gint64                 from, to;       /* the period shown */
} Scene;

static void
scene_clear (Scene *sc)
{
  g_clear_pointer (&sc->match, g_free);
  g_clear_pointer (&sc->category_count, g_free);
  g_clear_pointer (&sc->category_shown, g_free);
}

static gboolean
strv_has (const char * const *v,
          const char         *s)
{
  for (guint i = 0; v != NULL && v[i] != NULL; i++)
    if (g_strcmp0 (v[i], s) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_filter (const char * const *v)
{
  return v != NULL && v[0] != NULL;
}

/* Place @p is one of the places asked for, or lies inside one. */
static gboolean
place_wanted (CmDataset     *dataset,
              const guint8  *wanted,
              gint32         p)
{
  for (guint depth = 0; p >= 0 && depth < 64; depth++)
    {
      if (wanted[p])
        return TRUE;
      p = cm_dataset_get_place (dataset, (guint) p)->parent;
    }
  return FALSE;
}

/* The match mask of the filters other than time, as the window makes it;
 * NULL when nothing is filtered. */
static guint8 *
make_match (CmDataset             *dataset,
            const CmFigureOptions *o)
{
  guint n = cm_dataset_get_n_announcements (dataset);
  guint nc = cm_dataset_get_n_categories (dataset);
  guint np = cm_dataset_get_n_places (dataset);
  g_autofree guint8 *match = NULL;

  if (!has_filter (o->categories) && !has_filter (o->places) && (o->search == NULL || o->search[0] == '\0'))
    return NULL;
  match = g_malloc (MAX (n, 1));
  if (o->search != NULL && o->search[0] != '\0')
    {
      g_autoptr(CmTextIndex) index = cm_text_index_new (dataset);

      cm_text_index_match (index, o->search, match);
    }
  else
    memset (match, 1, n);
  if (has_filter (o->categories))
    {
      g_autofree gboolean *shown = g_new0 (gboolean, MAX (nc, 1));

      for (guint c = 0; c < nc; c++)
        shown[c] = strv_has (o->categories, cm_dataset_get_category (dataset, c)->id);
      cm_dataset_match_categories (dataset, shown, match);
    }
  if (has_filter (o->places))
    {
      g_autofree guint8 *wanted = g_new0 (guint8, MAX (np, 1));
      g_autofree guint8 *memo = g_new0 (guint8, MAX (np, 1));   /* 0 unknown, 1 no, 2 yes */

      for (guint p = 0; p < np; p++)
        wanted[p] = strv_has (o->places, cm_dataset_get_place (dataset, p)->id);
      for (guint i = 0; i < n; i++)
        {
          gint32 p = cm_dataset_get_announcement (dataset, i)->place;

          if (!match[i])
            continue;
          if (p < 0)
            {
              match[i] = 0;
              continue;
            }
          if (memo[p] == 0)
            memo[p] = place_wanted (dataset, wanted, p) ? 2 : 1;
          match[i] = memo[p] == 2;
        }
    }
  return g_steal_pointer (&match);
}

/* The period shown: the options' range, else the data's, to whole
 * months so that the subtitle reads as a period. */
static void
scene_period (Scene *sc)
{
  const CmFigureOptions *o = sc->o;
  gint64 lo, hi;

  if (o->from < o->to && o->from > CM_DATE_TIME_MIN && o->to < CM_DATE_TIME_MAX)
    {
      sc->from = o->from;
      sc->to = o->to;
      return;
    }
  if (!cm_dataset_get_time_range (sc->dataset, &lo, &hi))
    lo = hi = 0;
  if (o->from < o->to)
    {
      lo = MAX (lo, o->from);
      hi = MIN (hi, o->to);
    }
  if (lo >= CM_DATE_CE_MIN && hi <= CM_DATE_CE_MAX && hi > lo)
    {
      int y, m, d, h, mi, s;

      cm_time_to_civil (lo, &y, &m, &d, &h, &mi, &s);
      lo = cm_time_from_civil (y, m, 1, 0, 0, 0);
      cm_time_to_civil (hi - 1, &y, &m, &d, &h, &mi, &s);
      hi = m == 12 ? cm_time_from_civil (y + 1, 1, 1, 0, 0, 0) : cm_time_from_civil (y, m + 1, 1, 0, 0, 0);
    }
  sc->from = lo;
  sc->to = MAX (hi, lo + 1);
}

static void
scene_init (Scene                 *sc,
            CmDataset             *dataset,
            const CmFigureOptions *o)
{
  guint n = cm_dataset_get_n_announcements (dataset);
  gint64 from = o->from < o->to ? o->from : G_MININT64;
  gint64 to = o->from < o->to ? o->to : G_MAXINT64;

  memset (sc, 0, sizeof *sc);
  sc->dataset = dataset;
  sc->o = o;
  sc->zh = cm_label_language_resolve (o->language) == CM_LABEL_LANGUAGE_LOCAL;
  sc->s = cm_figure_strings (sc->zh);
  sc->match = make_match (dataset, o);
  sc->n_categories = cm_dataset_get_n_categories (dataset);
  sc->category_count = g_new0 (guint, sc->n_categories + 1);
  sc->category_shown = g_new0 (gboolean, sc->n_categories + 1);
  if (o->has_at)
    to = MIN (to, o->at);
  /* An announcement is in the period when its own overlaps it, as on the
   * map and in the window's list (cm-time-filter.h); the legend counts
   * the same. */
  for (guint i = 0; i < n; i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (dataset, i);

      if (!cm_time_overlaps (a->start, a->end, from, to) || (sc->match != NULL && !sc->match[i]))
        continue;
      sc->category_count[a->category >= 0 && (guint) a->category < sc->n_categories ? (guint) a->category
                                                                                      : sc->n_categories]++;
      sc->n_shown++;
    }
  for (guint c = 0; c < sc->n_categories; c++)
    sc->category_shown[c] = !has_filter (o->categories)
                            || strv_has (o->categories, cm_dataset_get_category (dataset, c)->id);
  scene_period (sc);
}

/* Text ------------------------------------------------------------------ */

typedef struct
{
  PangoContext  *pango;
  PangoLayout   *layout;
  CmPaintStyle   style;
} Text;

static void
text_init (Text               *t,
           const CmPaintStyle *style)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* As the painters do: unhinted metrics at 96 dpi, so that the page
   * lays out the same on every surface and at every resolution. */
  t->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (t->pango, options);
  pango_cairo_context_set_resolution (t->pango, 96);
  cairo_font_options_destroy (options);
  t->layout = pango_layout_new (t->pango);
  t->style = *style;
}

static void
text_clear (Text *t)
{
  g_clear_object (&t->layout);
  g_clear_object (&t->pango);
}

/* Lays @text out @width wide (wrapped; -1: one line) in @pt points. */
static PangoLayout *
text_layout (Text       *t,
             const char *text,
             double      pt,
             gboolean    bold,
             double      width)
{
  PangoFontDescription *desc = pango_font_description_from_string (t->style.font_family);

  pango_font_description_set_size (desc, (int) (pt * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (t->layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (t->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (t->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (t->layout, PANGO_ALIGN_LEFT);
  /* The legend's markup leaves its attributes on the layout. */
  pango_layout_set_attributes (t->layout, NULL);
  pango_layout_set_text (t->layout, text, -1);
  return t->layout;
}

static void
text_size (PangoLayout *layout,
           double      *w,
           double      *h)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (w != NULL)
    *w = (double) logical.width / PANGO_SCALE;
  if (h != NULL)
    *h = (double) logical.height / PANGO_SCALE;
}

static void
text_show (cairo_t      *cr,
           PangoLayout  *layout,
           double        x,
           double        y,
           const CmRgba *color)
{
  cairo_move_to (cr, x, y);
  cm_set_source_rgba (cr, color);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

/* A wrapped block of text at (@x, @y), @width wide; returns its height.
 * With @cr NULL only measures. */
static double
text_block (Text         *t,
            cairo_t      *cr,
            const char   *text,
            double        pt,
            gboolean      bold,
            const CmRgba *color,
            double        x,
            double        y,
            double        width)
{
  PangoLayout *layout;
  double h;

  if (text == NULL || text[0] == '\0')
    return 0;
  layout = text_layout (t, text, pt, bold, width);
  text_size (layout, NULL, &h);
  if (cr != NULL)
    text_show (cr, layout, x, y, color);
  return h;
}

/* Words ----------------------------------------------------------------- */

char *
cm_export_figure_title (CmDataset             *dataset,
                        const CmFigureOptions *options)
{
  const char *title;

  g_return_val_if_fail (CM_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (options->title != NULL)
    return g_strdup (options->title);
  title = cm_dataset_get_title (dataset);
  if (title != NULL && title[0] != '\0')
    return g_strdup (title);
  return g_strdup (cm_figure_strings (cm_label_language_resolve (options->language)
                                      == CM_LABEL_LANGUAGE_LOCAL)->announcements);
}

static char *
subtitle_text (const Scene *sc)
{
  const CmFigureOptions *o = sc->o;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *period = cm_figure_format_period (sc->from, sc->to, sc->zh);
  g_autofree char *count = cm_format_count (sc->n_shown);

  if (o->subtitle != NULL)
    return g_strdup (o->subtitle);
  g_string_append (text, period);
  if (o->has_at)
    {
      g_autofree char *day = cm_figure_format_day (o->at, sc->zh);

      g_string_append (text, sc->s->separator);
      g_string_append_printf (text, sc->s->up_to, day);
    }
  if (has_filter (o->categories))
    {
      guint shown = 0;

      for (guint c = 0; c < sc->n_categories; c++)
        shown += sc->category_shown[c];
      g_string_append (text, sc->s->separator);
      g_string_append_printf (text, sc->s->categories_of, shown, sc->n_categories);
    }
  if (has_filter (o->places))
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; o->places[i] != NULL; i++)
        {
          gint p = cm_dataset_find_place (sc->dataset, o->places[i]);
          const CmPlace *place = p >= 0 ? cm_dataset_get_place (sc->dataset, (guint) p) : NULL;
          const char *name = place == NULL ? o->places[i]
                             : sc->zh && place->local_name != NULL ? place->local_name : place->name;

          if (i > 0)
            g_string_append (names, sc->zh ? "、" : ", ");
          g_string_append (names, name);
        }
      g_string_append (text, sc->s->separator);
      g_string_append_printf (text, sc->s->places, names->str);
    }
  if (o->search != NULL && o->search[0] != '\0')
    {
      g_string_append (text, sc->s->separator);
      g_string_append_printf (text, sc->s->search, o->search);
    }
  g_string_append (text, sc->s->separator);
  if (sc->n_shown == 1)
    g_string_append (text, sc->s->one_announcement);
  else
    g_string_append_printf (text, sc->s->n_announcements, count);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
sources_text (const Scene *sc)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = cm_dataset_get_n_sources (sc->dataset);

  if (sc->o->source != NULL)
    return sc->o->source[0] != '\0' ? g_strconcat (sc->s->sources, sc->o->source, NULL) : NULL;
  if (n == 0)
    return NULL;
  g_string_append (text, sc->s->sources);
  for (guint i = 0; i < n && i < MAX_SOURCES; i++)
    {
      const CmSource *src = cm_dataset_get_source (sc->dataset, i);

      if (i > 0)
        g_string_append (text, sc->s->list_separator);
      g_string_append (text, src->title);
      if (src->publisher != NULL && src->date != NULL)
        g_string_append_printf (text, " (%s, %s)", src->publisher, src->date);
      else if (src->publisher != NULL || src->date != NULL)
        g_string_append_printf (text, " (%s)", src->publisher != NULL ? src->publisher : src->date);
    }
  if (n > MAX_SOURCES)
    {
      g_string_append (text, sc->s->list_separator);
      g_string_append_printf (text, sc->s->and_more, n - MAX_SOURCES);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The views ------------------------------------------------------------- */

/* Mark i of the timeline is announcement i: its title is its label. */
static char *
mark_label (guint    mark,
            gpointer user_data)
{
  CmDataset *dataset = user_data;

  if (mark >= cm_dataset_get_n_announcements (dataset))
    return NULL;
  return cm_dataset_dup_text (dataset, cm_dataset_get_announcement (dataset, mark)->title);
}

static void
draw_timeline (cairo_t               *cr,
               CmTimelineIndex       *index,
               const Scene           *sc,
               const CmPaintStyle    *style,
               double                 width,
               double                 height,
               gboolean               legend)
{
  const CmFigureOptions *o = sc->o;
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  g_autofree guint8 *dimmed = NULL;
  CmTimelineView view;
  gint64 min_time, max_time;

  if (sc->match != NULL)
    {
      dimmed = cm_view_filter_timeline_dimmed (sc->match, cm_dataset_get_n_announcements (sc->dataset));
      cm_timeline_index_set_dimmed (index, dimmed);
    }
  cm_timeline_painter_set_index (painter, index);
  cm_timeline_painter_set_style (painter, style);
  cm_timeline_painter_set_language (painter, o->language);
  if (o->compose)
    cm_timeline_painter_set_label_func (painter, mark_label, sc->dataset, NULL);

  cm_timeline_view_init (&view, width, height);
  view.now = NAN;
  view.show_legend = legend;
  view.draw_background = TRUE;
  if (o->has_at)
    {
      view.has_playhead = TRUE;
      view.playhead = (double) o->at;
    }
  if (o->from < o->to)
    cm_timeline_view_set_range (&view, o->from, o->to);
  else if (cm_timeline_index_get_extent (index, &min_time, &max_time))
    cm_timeline_view_fit (&view, min_time, max_time);
  cm_timeline_painter_paint (painter, cr, &view);
}

/* The height the timeline's lanes want for @width, at most @max. */
static double
timeline_height (CmTimelineIndex    *index,
                 const Scene        *sc,
                 const CmPaintStyle *style,
                 double              width,
                 double              max)
{
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  CmTimelineView view;
  CmTimelineRect plot;
  gint64 min_time, max_time;

  cm_timeline_painter_set_index (painter, index);
  cm_timeline_painter_set_style (painter, style);
  cm_timeline_painter_set_language (painter, sc->o->language);
  cm_timeline_painter_set_label_func (painter, mark_label, sc->dataset, NULL);
  cm_timeline_view_init (&view, width, max);
  view.show_legend = FALSE;
  if (sc->o->from < sc->o->to)
    cm_timeline_view_set_range (&view, sc->o->from, sc->o->to);
  else if (cm_timeline_index_get_extent (index, &min_time, &max_time))
    cm_timeline_view_fit (&view, min_time, max_time);
  cm_timeline_painter_get_plot_rect (painter, &view, &plot);
  return MIN (max, plot.y + cm_timeline_painter_get_content_height (painter, &view) + 8);
}

/* The map's painter, framed as the figure draws it. */
static CmMapPainter *
map_painter_new (CmMapData              *data,
                 const Scene            *sc,
                 const CmPaintStyle     *style,
                 double                  width,
                 double                  height,
                 CmMapOverlays           overlays)
{
  const CmFigureOptions *o = sc->o;
  CmMapPainter *painter = cm_map_painter_new ();

  cm_map_painter_set_basemap (painter, o->basemap);
  cm_map_painter_set_style (painter, style);
  cm_map_painter_set_language (painter, o->language);
  cm_map_painter_set_color_mode (painter, o->color);
  cm_map_painter_set_projection_mode (painter, o->projection);
  cm_map_painter_set_overlays (painter, overlays);
  if (o->compose)
    cm_map_painter_set_legend_title (painter, sc->s->announcements);
  cm_map_data_apply (data, painter);
  if (sc->match != NULL)
    cm_view_filter_apply_map (data, sc->match, painter);
  if (o->from < o->to)
    cm_map_painter_set_time_range (painter, o->from, o->to);
  if (o->has_at)
    cm_map_painter_set_playhead (painter, o->at);
  cm_map_painter_set_viewport (painter, width, height);
  /* As the window frames it: every located announcement, clear of the
   * overlays (the base map's extent when none is located). */
  cm_map_painter_fit_data (painter);
  return painter;
}

static void
draw_map (cairo_t                *cr,
          CmMapData              *data,
          const Scene            *sc,
          const CmPaintStyle     *style,
          double                  width,
          double                  height,
          CmMapOverlays           overlays)
{
  g_autoptr(CmMapPainter) painter = map_painter_new (data, sc, style, width, height, overlays);
  /* A vector surface gets vectors: no cached bitmap of the base map. */
  gboolean raster = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE;

  cm_map_painter_draw (painter, cr, raster ? CM_MAP_DRAW_DEFAULT : CM_MAP_DRAW_NO_CACHE);
}

static void
take_unmatched (CmMapData  *data,
                GPtrArray **unmatched)
{
  if (unmatched == NULL)
    return;
  *unmatched = g_ptr_array_new ();
  for (guint i = 0; i < data->unmatched->len; i++)
    g_ptr_array_add (*unmatched, data->unmatched->pdata[i]);
}

/* The window's own view, nothing around it. */
static void
draw_bare (cairo_t      *cr,
           const Scene  *sc,
           GPtrArray   **unmatched)
{
  const CmFigureOptions *o = sc->o;
  CmPaintStyle style;

  cm_paint_style_init_for (&style, o->dark, NULL);
  if (o->view == CM_FIGURE_VIEW_TIMELINE)
    {
      g_autoptr(CmTimelineIndex) index = cm_view_data_timeline_index (sc->dataset, o->lanes, NULL);

      draw_timeline (cr, index, sc, &style, o->width, o->height, TRUE);
    }
  else
    {
      g_autoptr(CmMapData) data = cm_map_data_new (sc->dataset, o->basemap, o->dark);

      take_unmatched (data, unmatched);
      draw_map (cr, data, sc, &style, o->width, o->height, CM_MAP_OVERLAY_ALL);
    }
}

/* The composed figure --------------------------------------------------- */

static double
pt (double points)
{
  return points * CM_PAGE_PX_PER_PT;
}

/* The categories shown, each with its count, in rows as wide as the page:
 * never folded into "+N", however many there are. Returns the height. */
static double
draw_legend (Text        *t,
             cairo_t     *cr,
             const Scene *sc,
             double       x0,
             double       y0,
             double       width)
{
  const CmPaintStyle *st = &t->style;
  double x = x0, y = y0, line_h = 0, gap = pt (12), sw = pt (4);
  guint nc = sc->n_categories;

  for (guint c = 0; c <= nc; c++)
    {
      g_autofree char *count = NULL;
      g_autofree char *item = NULL;
      const char *label;
      CmRgba color;
      PangoLayout *layout;
      double w, h;

      if (c == nc)
        {
          /* Without categories, one entry for all; with them, none for
           * announcements that have none unless there are some. */
          if (nc > 0 && sc->category_count[nc] == 0)
            break;
          label = sc->s->announcements;
          cm_rgba_from_rgb24 (&color, nc == 0 ? 0x0072B2 : 0x999999);
        }
      else
        {
          const CmCategory *cat = cm_dataset_get_category (sc->dataset, c);

          if (!sc->category_shown[c])
            continue;
          label = cat->label;
          cm_rgba_from_rgb24 (&color, cat->color);
        }
      count = cm_format_count (sc->category_count[c]);
      item = g_markup_printf_escaped ("%s <span alpha=\"70%%\">%s</span>", label, count);
      layout = text_layout (t, "", LEGEND_PT, FALSE, -1);
      pango_layout_set_markup (layout, item, -1);
      text_size (layout, &w, &h);
      /* Longer than a row: wrapped within the row's width. */
      if (w + 2 * sw + pt (4) > width)
        {
          pango_layout_set_width (layout, (int) ((width - 2 * sw - pt (4)) * PANGO_SCALE));
          text_size (layout, &w, &h);
        }
      if (x > x0 && x + 2 * sw + pt (4) + w > x0 + width)
        {
          x = x0;
          y += line_h + pt (3);
          line_h = 0;
        }
      if (cr != NULL)
        {
          PangoLayoutIter *iter = pango_layout_get_iter (layout);
          double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

          pango_layout_iter_free (iter);
          cairo_arc (cr, x + sw, y + baseline - pt (LEGEND_PT) * 0.35, sw, 0, 2 * G_PI);
          cm_set_source_rgba (cr, &color);
          cairo_fill (cr);
          text_show (cr, layout, x + 2 * sw + pt (4), y, &st->foreground);
        }
      line_h = MAX (line_h, h);
      x += 2 * sw + pt (4) + w + gap;
    }
  return y + line_h - y0;
}

typedef struct
{
  double title_h, subtitle_h, legend_h, caption_h, footer_h;
  double x, width;        /* the text column */
  double views_y, views_h;
} Frame;

static void
draw_empty_note (Text         *t,
                 cairo_t      *cr,
                 const Scene  *sc,
                 double        x,
                 double        y,
                 double        width,
                 double        height)
{
  g_autofree char *a = cm_figure_format_period (sc->from, sc->to, sc->zh);
  g_autofree char *from = cm_figure_format_day (sc->from, sc->zh);
  g_autofree char *to = cm_figure_format_day (sc->to - 1, sc->zh);
  g_autofree char *text = g_strdup_printf (sc->s->empty, from, to);
  PangoLayout *layout = text_layout (t, text, 12, TRUE, width * 0.8);
  CmRgba panel = t->style.background;
  double w, h;

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  text_size (layout, &w, &h);
  panel.a = 0.9;
  cairo_rectangle (cr, x + (width - w) / 2 - pt (8), y + (height - h) / 2 - pt (6), w + pt (16), h + pt (12));
  cm_set_source_rgba (cr, &panel);
  cairo_fill (cr);
  text_show (cr, layout, x + (width - width * 0.8) / 2, y + (height - h) / 2, &t->style.foreground);
}

static void
draw_composed (cairo_t      *cr,
               const Scene  *sc,
               GPtrArray   **unmatched)
{
  const CmFigureOptions *o = sc->o;
  g_autoptr(CmTimelineIndex) index = NULL;
  g_autoptr(CmMapData) data = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *sources = NULL;
  g_autoptr(GString) footer = g_string_new (NULL);
  gboolean map = o->view != CM_FIGURE_VIEW_TIMELINE, timeline = o->view != CM_FIGURE_VIEW_MAP;
  double margin = CLAMP (MIN (o->width, o->height) * 0.045, 12, 48);
  double scale = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE ? 1 : 0;
  CmPaintStyle style;
  Text t;
  Frame f = { 0 };
  double y, map_h = 0, tl_h = 0;

  cm_paint_style_init_for (&style, o->dark, NULL);
  /* Lines snap to the device's pixels, which are smaller than ours on a
   * high-resolution PNG. */
  if (scale > 0)
    {
      double sx = 1, sy = 0;

      cairo_user_to_device_distance (cr, &sx, &sy);
      style.scale = MAX (sx, 1);
    }
  text_init (&t, &style);

  /* The views' data: the map's and the timeline's together, on two
   * threads, when both are drawn. */
  if (map && timeline)
    cm_view_data_build (sc->dataset, o->lanes, o->basemap, o->dark, &index, &data);
  else if (map)
    data = cm_map_data_new (sc->dataset, o->basemap, o->dark);
  else
    index = cm_view_data_timeline_index (sc->dataset, o->lanes, NULL);
  if (data != NULL)
    take_unmatched (data, unmatched);

  cm_set_source_rgba (cr, &style.background);
  cairo_paint (cr);

  f.x = margin;
  f.width = o->width - 2 * margin;
  if (!o->no_title)
    {
      title = cm_export_figure_title (sc->dataset, o);
      subtitle = subtitle_text (sc);
    }
  sources = sources_text (sc);
  if (sources != NULL)
    g_string_append (footer, sources);
  if (map && o->basemap != NULL)
    {
      const char *attribution = cm_basemap_get_attribution (o->basemap);

      if (attribution == NULL)
        attribution = cm_basemap_get_display_name (o->basemap);
      if (attribution != NULL)
        g_string_append_printf (footer, "%s%s%s", footer->len > 0 ? "\n" : "", sc->s->base_map, attribution);
    }
  if (o->footer_note != NULL && o->footer_note[0] != '\0')
    g_string_append_printf (footer, "%s%s", footer->len > 0 ? "\n" : "", o->footer_note);

  /* Measure, then share what is left between the views. */
  f.title_h = text_block (&t, NULL, title, TITLE_PT, TRUE, NULL, 0, 0, f.width);
  f.subtitle_h = text_block (&t, NULL, subtitle, SUBTITLE_PT, FALSE, NULL, 0, 0, f.width);
  f.legend_h = draw_legend (&t, NULL, sc, f.x, 0, f.width);
  f.caption_h = text_block (&t, NULL, o->caption, CAPTION_PT, FALSE, NULL, 0, 0, f.width);
  f.footer_h = text_block (&t, NULL, footer->str, FOOTER_PT, FALSE, NULL, 0, 0, f.width);
  f.views_y = margin + f.title_h + (f.title_h > 0 ? pt (2) : 0) + f.subtitle_h
              + (f.title_h + f.subtitle_h > 0 ? pt (8) : 0) + f.legend_h + pt (8);
  f.views_h = o->height - margin - f.views_y - (f.caption_h > 0 ? f.caption_h + pt (6) : 0)
              - (f.footer_h > 0 ? f.footer_h + pt (6) : 0);
  f.views_h = MAX (f.views_h, 40);
  if (map && timeline)
    {
      tl_h = timeline_height (index, sc, &style, f.width, floor (f.views_h * 0.5));
      map_h = f.views_h - tl_h - pt (6);
    }
  else if (map)
    map_h = f.views_h;
  else
    tl_h = f.views_h;

  y = margin;
  text_block (&t, cr, title, TITLE_PT, TRUE, &style.foreground, f.x, y, f.width);
  y += f.title_h + (f.title_h > 0 ? pt (2) : 0);
  text_block (&t, cr, subtitle, SUBTITLE_PT, FALSE, &style.dim_foreground, f.x, y, f.width);
  y += f.subtitle_h + (f.title_h + f.subtitle_h > 0 ? pt (8) : 0);
  draw_legend (&t, cr, sc, f.x, y, f.width);

  y = f.views_y;
  if (map)
    {
      cairo_save (cr);
      cairo_translate (cr, f.x, y);
      cairo_rectangle (cr, 0, 0, f.width, map_h);
      cairo_clip (cr);
      draw_map (cr, data, sc, &style, f.width, map_h,
                CM_MAP_OVERLAY_SCALE_BAR | CM_MAP_OVERLAY_LEGEND);
      cairo_restore (cr);
      cairo_rectangle (cr, f.x + 0.25, y + 0.25, f.width - 0.5, map_h - 0.5);
      cm_set_source_rgba (cr, &style.dim_foreground);
      cairo_set_line_width (cr, 0.5);
      cairo_stroke (cr);
      y += map_h + pt (6);
    }
  if (timeline)
    {
      cairo_save (cr);
      cairo_translate (cr, f.x, y);
      draw_timeline (cr, index, sc, &style, f.width, tl_h, FALSE);
      cairo_restore (cr);
    }
  if (sc->n_shown == 0)
    draw_empty_note (&t, cr, sc, f.x, f.views_y, f.width, f.views_h);

  y = o->height - margin - (f.footer_h > 0 ? f.footer_h : 0) - (f.caption_h > 0 ? f.caption_h + pt (6) : 0);
  if (f.caption_h > 0)
    {
      text_block (&t, cr, o->caption, CAPTION_PT, FALSE, &style.foreground, f.x, y, f.width);
      y += f.caption_h + pt (6);
    }
  text_block (&t, cr, footer->str, FOOTER_PT, FALSE, &style.dim_foreground, f.x, y, f.width);
  text_clear (&t);
}

/* Public ---------------------------------------------------------------- */

/* The command line's defaults: a bare map at the window's usual size. */
void
cm_figure_options_init (CmFigureOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (CmFigureOptions) {
    .view = CM_FIGURE_VIEW_MAP,
    .width = 1600,
    .height = 900,
    .lanes = CM_LANES_BY_CATEGORY,
    .color = CM_MAP_COLOR_BY_CATEGORY,
    .projection = CM_MAP_PROJECTION_AUTO,
    .language = CM_LABEL_LANGUAGE_ENGLISH,
  };
}

gboolean
cm_export_figure_check (CmDataset              *dataset,
                        const CmFigureOptions  *options,
                        GError                **error)
{
  g_return_val_if_fail (CM_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  for (guint i = 0; options->categories != NULL && options->categories[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint c = 0; c < cm_dataset_get_n_categories (dataset) && !found; c++)
        found = g_strcmp0 (cm_dataset_get_category (dataset, c)->id, options->categories[i]) == 0;
      if (!found)
        {
          g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW, "no category with the id “%s”",
                       options->categories[i]);
          return FALSE;
        }
    }
  for (guint i = 0; options->places != NULL && options->places[i] != NULL; i++)
    if (cm_dataset_find_place (dataset, options->places[i]) < 0)
      {
        g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW, "no place with the id “%s”",
                     options->places[i]);
        return FALSE;
      }
  return TRUE;
}

guint
cm_export_figure_count (CmDataset              *dataset,
                        const CmFigureOptions  *options,
                        char                  **period)
{
  Scene sc;
  guint n;

  g_return_val_if_fail (CM_IS_DATASET (dataset), 0);
  g_return_val_if_fail (options != NULL, 0);

  scene_init (&sc, dataset, options);
  n = sc.n_shown;
  if (period != NULL)
    {
      g_autofree char *from = cm_figure_format_day (sc.from, FALSE);
      g_autofree char *to = cm_figure_format_day (sc.to - 1, FALSE);

      *period = g_strdup_printf ("%s to %s", from, to);
    }
  scene_clear (&sc);
  return n;
}

void
cm_export_figure_left_out (CmDataset              *dataset,
                           const CmFigureOptions  *options,
                           guint                  *outside,
                           guint                  *unplaced)
{
  g_autoptr(CmMapData) data = NULL;
  g_autoptr(CmMapPainter) painter = NULL;
  CmFigureOptions o;
  CmPaintStyle style;
  Scene sc;
  double width, height;

  g_return_if_fail (CM_IS_DATASET (dataset));
  g_return_if_fail (options != NULL);

  *outside = *unplaced = 0;
  if (options->view == CM_FIGURE_VIEW_TIMELINE || options->basemap == NULL)
    return;
  o = *options;
  o.language = cm_label_language_resolve (o.language);
  scene_init (&sc, dataset, &o);
  cm_paint_style_init_for (&style, o.dark, NULL);
  data = cm_map_data_new (dataset, o.basemap, o.dark);
  /* A composed figure's map is narrower and lower than its page, by the
   * margins and the words; the frame of the data changes little. */
  width = o.width;
  height = o.height;
  if (o.compose)
    {
      width *= 0.9;
      height *= o.view == CM_FIGURE_VIEW_BOTH ? 0.35 : 0.7;
    }
  painter = map_painter_new (data, &sc, &style, width, height, CM_MAP_OVERLAY_ALL);
  *outside = cm_map_painter_count_outside (painter, NULL);
  *unplaced = data->n_unplaced;
  scene_clear (&sc);
}

gboolean
cm_export_figure_draw (cairo_t                *cr,
                       CmDataset              *dataset,
                       const CmFigureOptions  *options,
                       GPtrArray             **unmatched,
                       GError                **error)
{
  CmFigureOptions o;
  Scene sc;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (CM_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  /* Auto as the window resolves it, for the timeline's dates too. */
  o = *options;
  o.language = cm_label_language_resolve (o.language);
  if (unmatched != NULL)
    *unmatched = NULL;
  if (o.view != CM_FIGURE_VIEW_TIMELINE && o.basemap == NULL)
    {
      g_set_error_literal (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW, "no base map to draw the map on");
      return FALSE;
    }
  if (!o.compose && o.view == CM_FIGURE_VIEW_BOTH)
    {
      g_set_error_literal (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW,
                           "the map and the timeline together make a composed figure only");
      return FALSE;
    }
  scene_init (&sc, dataset, &o);
  if (o.compose)
    draw_composed (cr, &sc, unmatched);
  else
    draw_bare (cr, &sc, unmatched);
  scene_clear (&sc);
  return TRUE;
}
