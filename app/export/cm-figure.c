/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-export"

#include "cm-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cm-export-write.h"
#include "cm-figure-private.h"
#include "cm-text-index.h"
#include "cm-time-filter.h"
#include "cm-view-filter.h"

/* What the window's map and timeline draw for the same choices, with no
 * display: the widgets make their style through cm_paint_style_init_for()
 * too, so only the theme's accent, which marks what the user is doing,
 * can differ (tests/test-style-match.c). A composed figure puts words
 * around the same drawings (cm-figure-compose.c). */

G_DEFINE_FINAL_TYPE (CmFigure, cm_figure, G_TYPE_OBJECT)

/* Filters --------------------------------------------------------------- */

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

  if (o->match != NULL)
    return g_memdup2 (o->match, MAX (n, 1));
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
find_period (CmFigure *self)
{
  const CmFigureOptions *o = &self->o;
  gint64 lo, hi;

  if (o->from < o->to && o->from > CM_DATE_TIME_MIN && o->to < CM_DATE_TIME_MAX)
    {
      self->from = o->from;
      self->to = o->to;
      return;
    }
  if (!cm_dataset_get_time_range (self->dataset, &lo, &hi))
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
  self->from = lo;
  self->to = MAX (hi, lo + 1);
}

static int
compare_times (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static guint
category_of (CmFigure             *self,
             const CmAnnouncement *a)
{
  return a->category >= 0 && (guint) a->category < self->n_categories ? (guint) a->category
                                                                       : self->n_categories;
}

/* The announcements shown with nothing cut (in the options' range,
 * through the filters), as sorted starts per category: the count at any
 * playhead is then a binary search per category. An announcement is in
 * the range when its period overlaps it, as on the map and in the
 * window's list (cm-time-filter.h); the legend counts the same. */
static void
index_shown (CmFigure *self)
{
  CmDataset *ds = self->dataset;
  guint n = cm_dataset_get_n_announcements (ds);
  const guint32 *order = n > 0 ? cm_dataset_get_time_order (ds) : NULL;
  guint nc = self->n_categories;
  g_autofree guint *fill = NULL;

  self->offsets = g_new0 (guint, nc + 2);
  for (guint i = 0; i < n; i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (ds, i);

      if (cm_time_overlaps (a->start, a->end, self->range_from, self->range_to)
          && (self->match == NULL || self->match[i]))
        self->offsets[category_of (self, a) + 1]++;
    }
  for (guint c = 0; c <= nc; c++)
    self->offsets[c + 1] += self->offsets[c];
  self->starts = g_new (gint64, MAX (self->offsets[nc + 1], 1));
  fill = g_memdup2 (self->offsets, sizeof (guint) * (nc + 2));
  /* In time order the runs come out sorted. */
  for (guint k = 0; k < n; k++)
    {
      guint i = order != NULL ? order[k] : k;
      const CmAnnouncement *a = cm_dataset_get_announcement (ds, i);

      if (cm_time_overlaps (a->start, a->end, self->range_from, self->range_to)
          && (self->match == NULL || self->match[i]))
        self->starts[fill[category_of (self, a)]++] = a->start;
    }
  if (order == NULL)
    for (guint c = 0; c <= nc; c++)
      qsort (self->starts + self->offsets[c], self->offsets[c + 1] - self->offsets[c], sizeof (gint64),
             compare_times);
  self->category_count = g_new0 (guint, nc + 1);
  self->final_count = g_new0 (guint, nc + 1);
  for (guint c = 0; c <= nc; c++)
    {
      self->final_count[c] = self->offsets[c + 1] - self->offsets[c];
      self->n_final += self->final_count[c];
    }
}

/* How many of @starts (sorted) come before @cut. */
static guint
count_before (const gint64 *starts,
              guint         n,
              gint64        cut)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (starts[mid] < cut)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The counts at the playhead: what starts by its day's end, as the map
 * counts (up to the playhead, inclusive). */
static void
count_at_playhead (CmFigure *self)
{
  gint64 cut = self->range_to;

  if (self->o.has_at && self->o.at < G_MAXINT64)
    cut = MIN (cut, self->o.at + 1);
  self->n_shown = 0;
  for (guint c = 0; c <= self->n_categories; c++)
    {
      self->category_count[c] = cut > self->range_from
                                ? count_before (self->starts + self->offsets[c],
                                                self->offsets[c + 1] - self->offsets[c], cut)
                                : 0;
      self->n_shown += self->category_count[c];
    }
}

const guint *
_cm_figure_counts (CmFigure *self,
                   gboolean  final,
                   guint    *n_shown)
{
  if (n_shown != NULL)
    *n_shown = final ? self->n_final : self->n_shown;
  return final ? self->final_count : self->category_count;
}

/* The views ------------------------------------------------------------- */

/* The places of the announcements selected, highlighted as on screen. */
static void
map_select (CmFigure *self)
{
  const CmFigureOptions *o = &self->o;
  g_autofree guint *places = g_new (guint, MAX (o->n_selection, 1));
  guint n = 0;

  for (guint i = 0; i < o->n_selection; i++)
    {
      gint32 p = o->selection[i] < cm_dataset_get_n_announcements (self->dataset)
                 ? cm_dataset_get_announcement (self->dataset, o->selection[i])->place : -1;

      if (p >= 0)
        places[n++] = (guint) p;
    }
  if (n > 0)
    cm_map_painter_set_selection (self->map, n, places);
}

/* The map's and the timeline's data, on two threads when both are drawn. */
void
_cm_figure_ensure_views (CmFigure *self,
                         gboolean  map,
                         gboolean  timeline)
{
  map = map && self->map_data == NULL;
  timeline = timeline && self->index == NULL;
  if (map && timeline)
    cm_view_data_build (self->dataset, self->o.lanes, self->o.basemap, self->o.dark, CM_ADOPTION_HIDDEN,
                        &self->index, &self->map_data, NULL);
  else if (map)
    self->map_data = cm_map_data_new (self->dataset, self->o.basemap, self->o.dark);
  else if (timeline)
    self->index = cm_view_data_timeline_index (self->dataset, self->o.lanes, NULL);
  if (timeline)
    {
      self->timeline = cm_timeline_painter_new ();
      if (self->match != NULL)
        {
          self->dimmed = cm_view_filter_timeline_dimmed (self->match,
                                                         cm_dataset_get_n_announcements (self->dataset));
          cm_timeline_index_set_dimmed (self->index, self->dimmed);
        }
      cm_timeline_index_set_selected (self->index, self->o.selection, self->o.n_selection);
      cm_timeline_painter_set_index (self->timeline, self->index);
      cm_timeline_painter_set_language (self->timeline, self->o.language);
      /* A bare timeline is the window's, whose marks carry no titles. */
      if (self->o.compose)
        cm_timeline_painter_set_label_func (self->timeline, cm_view_data_mark_title, self->dataset, NULL);
    }
  if (map)
    {
      const CmFigureOptions *o = &self->o;

      self->map = cm_map_painter_new ();
      cm_map_painter_set_basemap (self->map, o->basemap);
      cm_map_painter_set_language (self->map, o->language);
      cm_map_painter_set_color_mode (self->map, o->color);
      cm_map_painter_set_projection_mode (self->map, o->projection);
      cm_map_painter_set_overlays (self->map, o->compose ? CM_MAP_OVERLAY_SCALE_BAR | CM_MAP_OVERLAY_LEGEND
                                                         : CM_MAP_OVERLAY_ALL);
      if (o->compose)
        cm_map_painter_set_legend_title (self->map, self->s->announcements);
      cm_map_data_apply (self->map_data, self->map);
      if (self->match != NULL)
        cm_view_filter_apply_map (self->map_data, self->match, self->map);
      map_select (self);
    }
}

/* The map's time range and playhead. A frame of the diffusion counts up
 * to the playhead only, so that places still to come leave no mark. */
static void
map_set_time (CmFigure *self,
              gboolean  cut)
{
  const CmFigureOptions *o = &self->o;
  gint64 end = self->range_to;

  if (cut && o->has_at && o->at < G_MAXINT64)
    end = MIN (end, o->at + 1);
  cm_map_painter_set_time_range (self->map, self->range_from, MAX (end, self->range_from));
  cm_map_painter_set_playhead (self->map, o->has_at && (!self->frame_mode || cut) ? o->at : CM_MAP_NO_PLAYHEAD);
}

/* Frames the map as the window does: every located announcement shown,
 * clear of the overlays (the base map's extent when none is located). A
 * still figure frames what is up to its playhead; the frames of an
 * animation all frame what the last shows. */
static void
map_frame (CmFigure *self,
           double    width,
           double    height)
{
  if (self->map_framed && self->map_width == width && self->map_height == height)
    {
      map_set_time (self, self->frame_mode);
      return;
    }
  map_set_time (self, FALSE);
  cm_map_painter_set_viewport (self->map, width, height);
  /* The region the window showed, when given. */
  if (self->o.has_region)
    cm_map_painter_fit_box (self->map, self->o.region[0], self->o.region[1], self->o.region[2],
                            self->o.region[3]);
  else
    cm_map_painter_fit_data (self->map);
  self->map_framed = TRUE;
  self->map_width = width;
  self->map_height = height;
  map_set_time (self, self->frame_mode);
  /* Drawn as a new figure would draw it: the preview's figure is kept
   * through changes, and must still show what the export writes. */
  cm_map_painter_drop_base_cache (self->map);
}

void
_cm_figure_draw_map (CmFigure           *self,
                     cairo_t            *cr,
                     const CmPaintStyle *style,
                     double              x,
                     double              y,
                     double              width,
                     double              height,
                     CmMapOverlays       overlays)
{
  /* A vector surface gets vectors: no cached bitmap of the base map. */
  gboolean raster = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE;

  cm_map_painter_set_style (self->map, style);
  cm_map_painter_set_overlays (self->map, overlays);
  map_frame (self, width, height);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cm_map_painter_draw (self->map, cr, raster ? CM_MAP_DRAW_DEFAULT : CM_MAP_DRAW_NO_CACHE);
  cairo_restore (cr);
  self->map_drawn = TRUE;
  self->map_x = x;
  self->map_y = y;
}

static void
timeline_view (CmFigure       *self,
               CmTimelineView *view,
               double          width,
               double          height)
{
  gint64 min_time, max_time;

  cm_timeline_view_init (view, width, height);
  view->whole_lanes = TRUE;
  if (self->o.from < self->o.to)
    cm_timeline_view_set_range (view, self->o.from, self->o.to);
  else if (cm_timeline_index_get_extent (self->index, &min_time, &max_time))
    cm_timeline_view_fit (view, min_time, max_time);
}

void
_cm_figure_draw_timeline (CmFigure           *self,
                          cairo_t            *cr,
                          const CmPaintStyle *style,
                          double              width,
                          double              height,
                          gboolean            legend,
                          CmTimelineRect     *plot)
{
  CmTimelineView view;

  cm_timeline_painter_set_style (self->timeline, style);
  timeline_view (self, &view, width, height);
  view.now = NAN;
  view.show_legend = legend;
  view.draw_background = TRUE;
  if (self->o.has_at)
    {
      view.has_playhead = TRUE;
      view.playhead = (double) self->o.at;
    }
  cm_timeline_painter_paint (self->timeline, cr, &view);
  if (plot != NULL)
    cm_timeline_painter_get_plot_rect (self->timeline, &view, plot);
}

/* The height the timeline's lanes want for @width, at most @max. */
double
_cm_figure_timeline_height (CmFigure           *self,
                            const CmPaintStyle *style,
                            double              width,
                            double              max)
{
  CmTimelineView view;
  CmTimelineRect plot;

  cm_timeline_painter_set_style (self->timeline, style);
  timeline_view (self, &view, width, max);
  view.show_legend = FALSE;
  cm_timeline_painter_get_plot_rect (self->timeline, &view, &plot);
  return MIN (max, plot.y + cm_timeline_painter_get_content_height (self->timeline, &view) + 8);
}

/* The window's own view, nothing around it. */
static void
draw_bare (CmFigure *self,
           cairo_t  *cr)
{
  const CmFigureOptions *o = &self->o;
  gboolean date = self->frame_mode && o->has_at;
  CmPaintStyle style;

  cm_paint_style_init_for (&style, o->dark, NULL);
  if (o->view == CM_FIGURE_VIEW_TIMELINE)
    {
      CmTimelineRect plot;

      _cm_figure_ensure_views (self, FALSE, TRUE);
      _cm_figure_draw_timeline (self, cr, &style, o->width, o->height, TRUE, &plot);
      /* Its top holds the axis, its foot the legend: in the plot's
       * bottom right corner. */
      if (date)
        _cm_figure_draw_date_panel (self, cr, &style, plot.x + plot.width, plot.y + plot.height, o->height, TRUE);
    }
  else if (o->view == CM_FIGURE_VIEW_ADOPTION)
    _cm_figure_draw_adoption (self, cr, &style, o->width, o->height);
  else
    {
      _cm_figure_ensure_views (self, TRUE, FALSE);
      _cm_figure_draw_map (self, cr, &style, 0, 0, o->width, o->height, CM_MAP_OVERLAY_ALL);
      /* A map's top right corner is clear of its overlays. */
      if (date)
        _cm_figure_draw_date_panel (self, cr, &style, o->width, 0, o->height, FALSE);
    }
}

/* The object ------------------------------------------------------------ */

static void
cm_figure_finalize (GObject *object)
{
  CmFigure *self = CM_FIGURE (object);

  g_clear_object (&self->map);
  g_clear_pointer (&self->timeline, cm_timeline_painter_free);
  g_clear_pointer (&self->adoption, cm_adoption_painter_free);
  g_clear_pointer (&self->map_data, cm_map_data_free);
  g_clear_pointer (&self->index, cm_timeline_index_unref);
  g_free (self->dimmed);
  g_free (self->match);
  g_free (self->category_shown);
  g_free (self->starts);
  g_free (self->offsets);
  g_free (self->category_count);
  g_free (self->final_count);
  g_clear_object (&self->o.basemap);
  g_ptr_array_unref (self->owned);
  for (guint i = 0; i < G_N_ELEMENTS (self->words); i++)
    g_free (self->words[i]);
  g_strfreev (self->categories);
  g_strfreev (self->places);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (cm_figure_parent_class)->finalize (object);
}

static void
cm_figure_class_init (CmFigureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_figure_finalize;
}

static void
cm_figure_init (CmFigure *self)
{
  self->owned = g_ptr_array_new_with_free_func (g_free);
}

static const char *
own (CmFigure   *self,
     const char *text)
{
  char *copy = g_strdup (text);

  if (copy != NULL)
    g_ptr_array_add (self->owned, copy);
  return copy;
}

/* Points o's words at the figure's own copies of @title … @footer_note. */
static void
set_words (CmFigure   *self,
           const char *title,
           const char *subtitle,
           const char *caption,
           const char *source,
           const char *footer_note)
{
  const char *text[G_N_ELEMENTS (self->words)] = { title, subtitle, caption, source, footer_note };
  const char **field[G_N_ELEMENTS (self->words)] = { &self->o.title, &self->o.subtitle, &self->o.caption,
                                                    &self->o.source, &self->o.footer_note };

  for (guint i = 0; i < G_N_ELEMENTS (self->words); i++)
    {
      char *copy;

      /* The new text may be the old one's own copy. */
      if (text[i] == self->words[i])
        continue;
      copy = g_strdup (text[i]);
      g_free (self->words[i]);
      self->words[i] = copy;
      *field[i] = copy;
    }
}

static gboolean
same_strv (const char * const *a,
           const char * const *b)
{
  if (!has_filter (a) || !has_filter (b))
    return has_filter (a) == has_filter (b);
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

/* Whether @options ask for what the figure has prepared. */
static gboolean
takes (CmFigure              *self,
       const CmFigureOptions *options)
{
  guint n = cm_dataset_get_n_announcements (self->dataset);

  if ((options->match != NULL) != self->match_given
      || (options->match != NULL && (self->match == NULL || memcmp (options->match, self->match, n) != 0)))
    return FALSE;
  return cm_figure_options_prepare_alike (&self->o, options);
}

/* Public ---------------------------------------------------------------- */

gboolean
cm_figure_options_prepare_alike (const CmFigureOptions *a,
                                 const CmFigureOptions *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->basemap == b->basemap && a->compose == b->compose && a->from == b->from && a->to == b->to
         && a->lanes == b->lanes && a->color == b->color && a->projection == b->projection
         && same_strv (a->categories, b->categories) && same_strv (a->places, b->places)
         && g_strcmp0 (a->search, b->search) == 0 && a->has_region == b->has_region
         && (!a->has_region || (a->region[0] == b->region[0] && a->region[1] == b->region[1]
                                && a->region[2] == b->region[2] && a->region[3] == b->region[3]))
         && a->n_selection == b->n_selection
         && (a->n_selection == 0 || memcmp (a->selection, b->selection, sizeof (guint) * a->n_selection) == 0);
}

CmFigure *
cm_figure_new (CmDataset             *dataset,
               const CmFigureOptions *options)
{
  g_autoptr(CmFigure) self = NULL;
  CmFigureOptions *o;

  g_return_val_if_fail (CM_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  self = g_object_new (CM_TYPE_FIGURE, NULL);
  self->dataset = g_object_ref (dataset);
  o = &self->o;
  *o = *options;
  /* Auto as the window resolves it, for the timeline's dates too. */
  o->language = cm_label_language_resolve (o->language);
  if (o->basemap != NULL)
    g_object_ref (o->basemap);
  set_words (self, options->title, options->subtitle, options->caption, options->source, options->footer_note);
  o->search = own (self, o->search);
  self->categories = g_strdupv ((char **) o->categories);
  self->places = g_strdupv ((char **) o->places);
  o->categories = (const char * const *) self->categories;
  o->places = (const char * const *) self->places;
  if (o->n_selection > 0)
    {
      guint *selection = g_memdup2 (o->selection, sizeof (guint) * o->n_selection);

      g_ptr_array_add (self->owned, selection);
      o->selection = selection;
    }

  self->zh = o->language == CM_LABEL_LANGUAGE_LOCAL;
  self->s = cm_figure_strings (self->zh);
  self->match = make_match (dataset, o);
  self->match_given = o->match != NULL;
  /* The copy is the figure's own. */
  o->match = NULL;
  self->n_categories = cm_dataset_get_n_categories (dataset);
  self->category_shown = g_new0 (gboolean, self->n_categories + 1);
  for (guint c = 0; c < self->n_categories; c++)
    self->category_shown[c] = !has_filter (o->categories)
                              || strv_has (o->categories, cm_dataset_get_category (dataset, c)->id);
  self->range_from = o->from < o->to ? o->from : G_MININT64;
  self->range_to = o->from < o->to ? o->to : G_MAXINT64;
  index_shown (self);
  count_at_playhead (self);
  find_period (self);
  return g_steal_pointer (&self);
}

const CmFigureOptions *
cm_figure_get_options (CmFigure *self)
{
  g_return_val_if_fail (CM_IS_FIGURE (self), NULL);
  return &self->o;
}

CmDataset *
cm_figure_get_dataset (CmFigure *self)
{
  g_return_val_if_fail (CM_IS_FIGURE (self), NULL);
  return self->dataset;
}

void
cm_figure_set_size (CmFigure *self,
                    double    width,
                    double    height)
{
  g_return_if_fail (CM_IS_FIGURE (self));
  self->o.width = width;
  self->o.height = height;
}

void
cm_figure_set_playhead (CmFigure *self,
                        gboolean  has_at,
                        gint64    at)
{
  g_return_if_fail (CM_IS_FIGURE (self));

  if (self->o.has_at == !!has_at && (!has_at || self->o.at == at))
    return;
  self->o.has_at = !!has_at;
  self->o.at = at;
  count_at_playhead (self);
  /* A still figure frames what is up to its playhead. */
  if (!self->frame_mode)
    self->map_framed = FALSE;
}

void
cm_figure_set_frame_mode (CmFigure *self,
                          gboolean  frame_mode)
{
  g_return_if_fail (CM_IS_FIGURE (self));

  if (self->frame_mode == !!frame_mode)
    return;
  self->frame_mode = !!frame_mode;
  self->map_framed = FALSE;
}

void
cm_figure_set_footer_note (CmFigure   *self,
                           const char *note)
{
  const CmFigureOptions *o;

  g_return_if_fail (CM_IS_FIGURE (self));

  o = &self->o;
  set_words (self, o->title, o->subtitle, o->caption, o->source, note);
}

void
cm_figure_set_words (CmFigure   *self,
                     const char *title,
                     const char *subtitle,
                     const char *caption,
                     const char *source,
                     gboolean    no_title)
{
  g_return_if_fail (CM_IS_FIGURE (self));

  set_words (self, title, subtitle, caption, source, self->o.footer_note);
  self->o.no_title = !!no_title;
}

void
cm_figure_set_dark (CmFigure *self,
                    gboolean  dark)
{
  g_return_if_fail (CM_IS_FIGURE (self));

  if (self->o.dark == !!dark)
    return;
  self->o.dark = !!dark;
  /* The painters take the style at each drawing; only the regions'
   * shading is made for one. */
  if (self->map_data != NULL)
    {
      cm_map_data_set_dark (self->map_data, self->o.dark);
      cm_map_data_apply_region_colors (self->map_data, self->map);
    }
}

void
cm_figure_set_language (CmFigure        *self,
                        CmLabelLanguage  language)
{
  g_return_if_fail (CM_IS_FIGURE (self));

  language = cm_label_language_resolve (language);
  if (self->o.language == language)
    return;
  self->o.language = language;
  self->zh = language == CM_LABEL_LANGUAGE_LOCAL;
  self->s = cm_figure_strings (self->zh);
  if (self->timeline != NULL)
    cm_timeline_painter_set_language (self->timeline, language);
  if (self->map != NULL)
    {
      cm_map_painter_set_language (self->map, language);
      if (self->o.compose)
        cm_map_painter_set_legend_title (self->map, self->s->announcements);
      /* The legend's words frame the map. */
      self->map_framed = FALSE;
    }
  _cm_figure_adoption_set_language (self);
}

void
cm_figure_set_view (CmFigure     *self,
                    CmFigureView  view)
{
  g_return_if_fail (CM_IS_FIGURE (self));

  /* Each view is built on its first drawing, and kept. */
  self->o.view = view;
}

gboolean
cm_figure_update (CmFigure              *self,
                  const CmFigureOptions *options)
{
  g_return_val_if_fail (CM_IS_FIGURE (self), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (!takes (self, options))
    return FALSE;
  cm_figure_set_size (self, options->width, options->height);
  cm_figure_set_view (self, options->view);
  cm_figure_set_dark (self, options->dark);
  cm_figure_set_language (self, options->language);
  cm_figure_set_words (self, options->title, options->subtitle, options->caption, options->source,
                       options->no_title);
  cm_figure_set_footer_note (self, options->footer_note);
  cm_figure_set_playhead (self, options->has_at, options->at);
  return TRUE;
}

guint
cm_figure_get_n_shown (CmFigure *self)
{
  g_return_val_if_fail (CM_IS_FIGURE (self), 0);
  return self->n_shown;
}

void
cm_figure_get_period (CmFigure *self,
                      gint64   *from,
                      gint64   *to)
{
  g_return_if_fail (CM_IS_FIGURE (self));
  *from = self->from;
  *to = self->to;
}

char *
cm_figure_get_period_text (CmFigure *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (CM_IS_FIGURE (self), NULL);

  from = cm_figure_format_day (self->from, FALSE);
  to = cm_figure_format_day (self->to - 1, FALSE);
  return g_strdup_printf ("%s to %s", from, to);
}

GPtrArray *
cm_figure_get_unmatched (CmFigure *self)
{
  g_return_val_if_fail (CM_IS_FIGURE (self), NULL);

  if (!cm_figure_view_has_map (self->o.view) || self->o.basemap == NULL)
    return NULL;
  _cm_figure_ensure_views (self, TRUE, FALSE);
  return self->map_data->unmatched;
}

void
cm_figure_get_left_out (CmFigure *self,
                        guint    *outside,
                        guint    *unplaced)
{
  const CmFigureOptions *o = &self->o;
  CmPaintStyle style;
  double width, height;

  g_return_if_fail (CM_IS_FIGURE (self));

  *outside = *unplaced = 0;
  if (!cm_figure_view_has_map (o->view) || o->basemap == NULL)
    return;
  _cm_figure_ensure_views (self, TRUE, FALSE);
  /* A composed figure's map is narrower and lower than its page, by the
   * margins and the words; the frame of the data changes little. */
  width = o->width;
  height = o->height;
  if (o->compose)
    {
      width *= 0.9;
      height *= o->view == CM_FIGURE_VIEW_BOTH ? 0.35 : 0.7;
    }
  cm_paint_style_init_for (&style, o->dark, NULL);
  cm_map_painter_set_style (self->map, &style);
  cm_map_painter_set_overlays (self->map, CM_MAP_OVERLAY_ALL);
  map_frame (self, width, height);
  *outside = cm_map_painter_count_outside (self->map, NULL);
  *unplaced = self->map_data->n_unplaced;
  /* Framed for the estimate, with every overlay: a drawing frames anew. */
  self->map_framed = FALSE;
}

char *
cm_figure_get_left_out_note (CmFigure *self)
{
  guint outside = 0, unplaced = 0;
  g_autoptr(GString) note = NULL;

  g_return_val_if_fail (CM_IS_FIGURE (self), NULL);

  cm_figure_get_left_out (self, &outside, &unplaced);
  if (outside == 0 && unplaced == 0)
    return NULL;
  note = g_string_new (_("Not on the map: "));
  if (outside > 0)
    g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE, "%u announcement outside its frame",
                                               "%u announcements outside its frame", outside), outside);
  if (outside > 0 && unplaced > 0)
    g_string_append (note, C_("list", ", "));
  if (unplaced > 0)
    g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE, "%u announcement without a place",
                                               "%u announcements without a place", unplaced), unplaced);
  /* Translators: the end of a sentence. */
  g_string_append (note, _("."));
  return g_string_free (g_steal_pointer (&note), FALSE);
}

gboolean
cm_figure_place_position (CmFigure *self,
                          guint     place,
                          double   *x,
                          double   *y)
{
  g_return_val_if_fail (CM_IS_FIGURE (self), FALSE);

  if (!self->map_drawn || place >= self->map_data->n_places || !isfinite (self->map_data->lon[place])
      || !isfinite (self->map_data->lat[place]))
    return FALSE;
  cm_map_painter_lonlat_to_screen (self->map, self->map_data->lon[place], self->map_data->lat[place], x, y);
  *x += self->map_x;
  *y += self->map_y;
  return TRUE;
}

gboolean
cm_figure_draw (CmFigure  *self,
                cairo_t   *cr,
                GError   **error)
{
  g_return_val_if_fail (CM_IS_FIGURE (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (cm_figure_view_has_map (self->o.view) && self->o.basemap == NULL)
    {
      g_set_error_literal (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW, _("no base map to draw the map on"));
      return FALSE;
    }
  if (!self->o.compose && self->o.view == CM_FIGURE_VIEW_BOTH)
    {
      g_set_error_literal (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW,
                           _("the map and the timeline together make a composed figure only"));
      return FALSE;
    }
  if (self->o.compose)
    _cm_figure_draw_composed (self, cr);
  else
    draw_bare (self, cr);
  return TRUE;
}
