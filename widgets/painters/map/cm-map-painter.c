/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <math.h>
#include <string.h>

#include "cm-map-painter-private.h"

G_DEFINE_FINAL_TYPE (CmMapPainter, cm_map_painter, G_TYPE_OBJECT)

enum
{
  DATA_CHANGED,
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A muted categorical palette (Tableau 10), for apps that set none. */
static const guint32 default_categories[] = {
  0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
  0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac,
};

static void
clear_counts (CmMapPainter *self)
{
  g_clear_pointer (&self->now_count, g_free);
  g_clear_pointer (&self->range_count, g_free);
  g_clear_pointer (&self->now_per_category, g_free);
  g_clear_pointer (&self->now_first, g_free);
  g_clear_pointer (&self->recent, g_free);
  g_clear_pointer (&self->listed, g_free);
}

static void
clear_sums (LevelSums *s)
{
  g_clear_pointer (&s->count, g_free);
  g_clear_pointer (&s->range_count, g_free);
  g_clear_pointer (&s->per_category, g_free);
  g_clear_pointer (&s->first, g_free);
  g_clear_pointer (&s->n_visible, g_free);
  g_clear_pointer (&s->top, g_free);
  g_clear_pointer (&s->recent, g_free);
  s->n = 0;
  s->gen = 0;
}

/* Everything derived from places, events or the projection. */
static void
data_changed (CmMapPainter *self)
{
  self->data_gen++;
  self->filter_gen++;
  g_clear_pointer (&self->place_xy, g_free);
  g_clear_pointer (&self->clusters, cm_map_clusters_free);
  clear_sums (&self->sums);
  self->marks_key = 0;
}

static void
emit_data_changed (CmMapPainter *self,
                   CmMapChange   what)
{
  g_signal_emit (self, signals[DATA_CHANGED], 0, (guint) what);
}

/* The views first: they share the memory of what they view. */
static void
drop_matches (CmMapPainter *self)
{
  self->matches = NULL;
  g_clear_pointer (&self->by_category, cm_map_events_free);
  g_clear_pointer (&self->subset, cm_map_events_free);
  g_clear_pointer (&self->category_shown, g_free);
}

/* What is counted: the subset a mask keeps, seen through the categories
 * shown; both are optional. */
static void
update_matches (CmMapPainter *self)
{
  CmMapEvents *base = self->subset != NULL ? self->subset : self->events;

  g_clear_pointer (&self->by_category, cm_map_events_free);
  if (self->category_shown != NULL && base != NULL
      && self->n_category_shown == cm_map_events_get_n_categories (base))
    self->by_category = cm_map_events_new_category_view (base, self->category_shown);
  self->matches = self->by_category != NULL ? self->by_category : self->subset;
}

static void
filter_changed (CmMapPainter *self)
{
  self->filter_gen++;
  self->marks_key = 0;
}

static void
base_changed (CmMapPainter *self)
{
  self->base_gen++;
  _cm_map_painter_drop_base_cache (self);
}

/* The colours asked for, per region of the base map. */
static void
update_region_color (CmMapPainter *self)
{
  guint n;

  g_clear_pointer (&self->region_color, g_array_unref);
  self->region_fill_stale = TRUE;
  if (self->basemap == NULL || g_hash_table_size (self->region_colors) == 0)
    return;
  n = cm_basemap_get_n_regions (self->basemap);
  self->region_color = g_array_sized_new (FALSE, TRUE, sizeof (CmRgba), n);
  g_array_set_size (self->region_color, n);
  for (guint r = 0; r < n; r++)
    {
      const CmRgba *c = g_hash_table_lookup (self->region_colors,
                                             cm_basemap_get_region (self->basemap, r)->id);

      if (c != NULL)
        g_array_index (self->region_color, CmRgba, r) = *c;
    }
}

/* Which region each place stands for, by index into the base map. */
static void
ensure_place_region (CmMapPainter *self)
{
  g_autoptr(GHashTable) by_id = NULL;
  guint n;

  if (self->place_region != NULL || self->place_regions == NULL || self->basemap == NULL)
    return;
  n = cm_basemap_get_n_regions (self->basemap);
  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint r = 0; r < n; r++)
    {
      const char *id = cm_basemap_get_region (self->basemap, r)->id;

      if (id != NULL && id[0] != '\0' && !g_hash_table_contains (by_id, id))
        g_hash_table_insert (by_id, (gpointer) id, GUINT_TO_POINTER (r + 1));
    }
  self->place_region = g_new (guint, MAX (self->n_places, 1));
  for (guint i = 0; i < self->n_places; i++)
    self->place_region[i] = GPOINTER_TO_UINT (g_hash_table_lookup (by_id, self->place_regions[i])) - 1;
}

static gboolean
same_fill (GArray *a,
           GArray *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->len == b->len && memcmp (a->data, b->data, sizeof (CmRgba) * a->len) == 0;
}

static void
drop_shapes (CmMapPainter *self)
{
  g_clear_pointer (&self->shapes, _cm_map_shapes_free);
  g_clear_pointer (&self->detail_shapes, _cm_map_shapes_free);
}

static void
cm_map_painter_dispose (GObject *object)
{
  CmMapPainter *self = CM_MAP_PAINTER (object);

  g_clear_object (&self->basemap);
  g_clear_object (&self->root_basemap);
  g_clear_object (&self->pango);
  g_clear_pointer (&self->layouts, g_hash_table_unref);

  G_OBJECT_CLASS (cm_map_painter_parent_class)->dispose (object);
}

static void
cm_map_painter_finalize (GObject *object)
{
  CmMapPainter *self = CM_MAP_PAINTER (object);

  g_free (self->lonlat);
  g_strfreev (self->ids);
  g_strfreev (self->names);
  g_strfreev (self->names_zh);
  drop_matches (self);
  g_clear_pointer (&self->events, cm_map_events_free);
  g_free (self->category_colors);
  g_strfreev (self->category_names);
  g_hash_table_unref (self->region_colors);
  g_free (self->legend_title);
  g_free (self->selected);
  drop_shapes (self);
  g_free (self->place_xy);
  g_clear_pointer (&self->clusters, cm_map_clusters_free);
  clear_counts (self);
  clear_sums (&self->sums);
  g_array_unref (self->marks);
  _cm_map_painter_free_base_cache (self);
  g_clear_pointer (&self->labeler, cm_map_labeler_free);
  g_strfreev (self->place_regions);
  g_clear_pointer (&self->region_color, g_array_unref);
  g_free (self->place_region);
  g_clear_pointer (&self->region_fill, g_array_unref);
  g_free (self->region_fit);

  G_OBJECT_CLASS (cm_map_painter_parent_class)->finalize (object);
}

static void
cm_map_painter_class_init (CmMapPainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cm_map_painter_dispose;
  object_class->finalize = cm_map_painter_finalize;

  /* (guint what): CmMapChange flags. */
  signals[DATA_CHANGED] =
    g_signal_new ("data-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cm_map_painter_init (CmMapPainter *self)
{
  self->start = G_MININT64;
  self->end = G_MAXINT64;
  self->playhead = CM_MAP_NO_PLAYHEAD;
  self->overlays = CM_MAP_OVERLAY_ALL;
  self->clustering = TRUE;
  self->language = CM_LABEL_LANGUAGE_ENGLISH;
  self->legend_title = g_strdup ("Announcements");
  self->region_colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  self->labeler = cm_map_labeler_new (1, 1);
  self->view = (CmMapView) { 0, 0, 1e-4, 800, 600 };
  self->base_gen = 1;
  self->data_gen = 1;
  self->filter_gen = 1;
  cm_paint_style_init (&self->style, FALSE);
  cm_projection_init_albers (&self->projection, 105, 35, 25, 47);
  cm_map_painter_set_categories (self, 0, NULL, NULL);
}

/* Internal ---------------------------------------------------------------- */

Shapes *
_cm_map_painter_base_shapes (CmMapPainter *self)
{
  double below_km;

  _cm_map_painter_ensure_shapes (self);
  if (self->shapes == NULL || !cm_basemap_has_detail (self->basemap, &below_km)
      || self->view.scale <= 0 || 1.0 / (self->view.scale * 1000.0) >= below_km)
    return self->shapes;
  if (self->detail_shapes == NULL)
    self->detail_shapes = _cm_map_shapes_lookup (self->basemap, &self->projection, TRUE);
  return self->detail_shapes != NULL ? self->detail_shapes : self->shapes;
}

void
_cm_map_painter_ensure_shapes (CmMapPainter *self)
{
  if (self->shapes == NULL && self->basemap != NULL)
    self->shapes = _cm_map_shapes_lookup (self->basemap, &self->projection, FALSE);

  if (self->place_xy == NULL && self->n_places > 0)
    {
      self->place_xy = g_new (double, 2 * (gsize) self->n_places);
      for (guint i = 0; i < self->n_places; i++)
        {
          double lon = self->lonlat[2 * i], lat = self->lonlat[2 * i + 1];

          if (isfinite (lon) && isfinite (lat) && fabs (lat) <= 90 && fabs (lon) <= 360)
            cm_projection_forward (&self->projection, lon, lat,
                                   &self->place_xy[2 * i], &self->place_xy[2 * i + 1]);
          else
            self->place_xy[2 * i] = self->place_xy[2 * i + 1] = NAN;
        }
    }
}

double
_cm_map_painter_min_scale (CmMapPainter *self)
{
  double scale = cm_map_painter_get_fit_scale (self) / 4;
  CmMapBox box = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  /* Data beyond a regional base map (the poles on a map of China) can
   * still be framed whole: the places, not the events, so a few
   * thousand points at most. */
  for (guint i = 0; self->place_xy != NULL && i < self->n_places; i++)
    if (isfinite (self->place_xy[2 * i]))
      box = (CmMapBox) { MIN (box.x0, self->place_xy[2 * i]), MIN (box.y0, self->place_xy[2 * i + 1]),
                         MAX (box.x1, self->place_xy[2 * i]), MAX (box.y1, self->place_xy[2 * i + 1]) };
  if (box.x1 > box.x0 || box.y1 > box.y0)
    {
      CmMapView v = self->view;

      cm_map_view_fit (&v, &box, CM_MAP_MARKER_MAX_RADIUS + 6);
      scale = MIN (scale, v.scale / 2);
    }
  return scale;
}

static void
ensure_clusters (CmMapPainter *self)
{
  g_autofree double *weights = NULL;
  double lo = 0, hi = 0;

  _cm_map_painter_ensure_shapes (self);
  if (self->clusters != NULL || self->n_places == 0)
    return;

  weights = g_new0 (double, self->n_places);
  if (self->events != NULL)
    for (guint i = 0; i < self->n_places; i++)
      weights[i] = cm_map_events_get_total (self->events, i);

  /* Without clustering a single level at the closest zoom keeps the code
   * path the same; only exact duplicates would merge. */
  hi = CM_MAP_MAX_SCALE;
  lo = self->clustering ? MIN (_cm_map_painter_min_scale (self), hi) : hi;
  self->clusters = cm_map_clusters_new (self->place_xy, weights, self->n_places,
                                        CM_MAP_CLUSTER_RADIUS, lo / 2, hi);
  self->clusters_gen++;
  clear_sums (&self->sums);
}

void
_cm_map_painter_ensure_counts (CmMapPainter *self)
{
  /* Clusters are laid out for all the events; a search counts its own. */
  CmMapEvents *events = self->matches != NULL ? self->matches : self->events;
  guint gen = self->filter_gen;
  gint64 now_end;
  guint n_cat;

  if (self->now_count != NULL && self->counts_gen == gen)
    return;
  clear_counts (self);
  self->counts_gen = gen;
  if (self->n_places == 0)
    return;

  n_cat = events ? cm_map_events_get_n_categories (events) : 1;
  self->now_count = g_new0 (guint32, self->n_places);
  self->range_count = g_new0 (guint32, self->n_places);
  self->now_per_category = g_new0 (guint32, (gsize) self->n_places * n_cat);
  self->now_first = g_new (gint64, self->n_places);
  self->recent = g_new0 (guint8, self->n_places);
  for (guint i = 0; i < self->n_places; i++)
    self->now_first[i] = G_MAXINT64;
  if (events == NULL)
    return;

  /* Two passes of binary searches per (place, category): the range and
   * the range cut at the playhead. Nothing here touches every event. */
  now_end = self->end;
  if (self->playhead != CM_MAP_NO_PLAYHEAD && self->playhead < G_MAXINT64)
    now_end = MIN (self->end, self->playhead + 1);
  cm_map_events_count (events, self->start, now_end, self->now_count,
                       self->now_per_category, self->now_first);
  /* Without a playhead inside the range the two counts are the same: the
   * searches, scattered over the events, are most of a filter change. */
  if (now_end == self->end)
    memcpy (self->range_count, self->now_count, sizeof (guint32) * self->n_places);
  else
    cm_map_events_count (events, self->start, self->end, self->range_count, NULL, NULL);

  if (self->playhead != CM_MAP_NO_PLAYHEAD)
    {
      gint64 lo, hi, window;

      if (!cm_map_events_get_time_bounds (events, &lo, &hi))
        return;
      lo = MAX (lo, self->start);
      hi = MIN (hi, self->end == G_MAXINT64 ? hi : self->end);
      /* "Recent" is the last 2 % of the span: visible at any speed. */
      window = MAX (1, (hi - lo) / 50);
      for (guint i = 0; i < self->n_places; i++)
        if (self->now_count[i] > 0)
          self->recent[i] = cm_map_events_count_place (events, i,
                                                       MAX (self->start, now_end - window),
                                                       now_end) > 0;
    }
}

/* The shading drawn: a region that places stand for is shaded while one
 * of them has announcements in range (up to the playhead), one that no
 * place stands for always. Worked out once per filter change from the
 * per-place counts, so its cost follows places, not events; the base
 * layer is redrawn only when the shading really changes. */
void
_cm_map_painter_ensure_region_fill (CmMapPainter *self)
{
  g_autoptr(GArray) fill = NULL;
  g_autofree guint8 *linked = NULL;
  g_autofree guint8 *active = NULL;
  guint n;

  if (!self->region_fill_stale && self->region_fill_gen == self->filter_gen
      && self->region_fill_mode == self->color_mode)
    return;
  self->region_fill_stale = FALSE;
  self->region_fill_gen = self->filter_gen;
  self->region_fill_mode = self->color_mode;
  if (self->region_color != NULL)
    fill = g_array_copy (self->region_color);
  if (fill != NULL)
    ensure_place_region (self);
  if (fill != NULL && self->place_region != NULL)
    {
      n = fill->len;
      _cm_map_painter_ensure_counts (self);
      linked = g_new0 (guint8, MAX (n, 1));
      active = g_new0 (guint8, MAX (n, 1));
      for (guint i = 0; i < self->n_places; i++)
        {
          guint r = self->place_region[i];

          if (r >= n)
            continue;
          linked[r] = 1;
          active[r] |= self->now_count != NULL && self->now_count[i] > 0;
        }
      for (guint r = 0; r < n; r++)
        if (linked[r] && !active[r])
          g_array_index (fill, CmRgba, r).a = 0;
      /* Coloured by first date, a region takes its places' earliest, as
       * a marker would: not its category's colour. */
      if (self->color_mode == CM_MAP_COLOR_BY_FIRST_DATE && self->events != NULL && self->now_count != NULL)
        {
          g_autofree gint64 *first = g_new (gint64, MAX (n, 1));

          for (guint r = 0; r < n; r++)
            first[r] = G_MAXINT64;
          for (guint i = 0; i < self->n_places; i++)
            if (self->place_region[i] < n && self->now_count[i] > 0)
              first[self->place_region[i]] = MIN (first[self->place_region[i]], self->now_first[i]);
          for (guint r = 0; r < n; r++)
            if (linked[r] && active[r])
              {
                CmRgba *c = &g_array_index (fill, CmRgba, r);
                double alpha = c->a;

                _cm_map_painter_first_date_color (self, first[r], c);
                c->a = alpha;
              }
        }
    }
  if (same_fill (fill, self->region_fill))
    return;
  g_clear_pointer (&self->region_fill, g_array_unref);
  self->region_fill = g_steal_pointer (&fill);
  self->shade_gen++;
}

static void
ensure_sums (CmMapPainter *self,
             guint         level_index)
{
  const CmMapClusterLevel *level = cm_map_clusters_get_level (self->clusters, level_index);
  LevelSums *s = &self->sums;
  guint key = self->filter_gen * 131u + self->clusters_gen;
  guint n_cat = self->events ? cm_map_events_get_n_categories (self->events) : 1;

  if (s->count != NULL && s->level == level_index && s->gen == key)
    return;
  clear_sums (s);
  s->level = level_index;
  s->gen = key;
  s->n = level->n_clusters;
  s->count = g_new0 (guint32, MAX (s->n, 1));
  s->range_count = g_new0 (guint32, MAX (s->n, 1));
  s->per_category = g_new0 (guint32, (gsize) MAX (s->n, 1) * n_cat);
  s->first = g_new (gint64, MAX (s->n, 1));
  s->n_visible = g_new0 (guint, MAX (s->n, 1));
  s->top = g_new0 (guint, MAX (s->n, 1));
  s->recent = g_new0 (guint8, MAX (s->n, 1));

  for (guint c = 0; c < s->n; c++)
    {
      const CmMapCluster *cl = &level->clusters[c];
      guint32 best = 0;

      s->first[c] = G_MAXINT64;
      s->top[c] = level->members[cl->first];
      for (guint k = 0; k < cl->n_members; k++)
        {
          guint p = level->members[cl->first + k];

          s->range_count[c] += self->range_count[p];
          if (self->now_count[p] == 0)
            continue;
          s->count[c] += self->now_count[p];
          s->n_visible[c]++;
          s->first[c] = MIN (s->first[c], self->now_first[p]);
          s->recent[c] |= self->recent[p];
          for (guint j = 0; j < n_cat; j++)
            s->per_category[(gsize) c * n_cat + j] += self->now_per_category[(gsize) p * n_cat + j];
          if (self->now_count[p] > best)
            {
              best = self->now_count[p];
              s->top[c] = p;
            }
        }
    }
}

double
_cm_map_painter_radius (CmMapPainter *self,
                        double        count)
{
  if (count <= 0 || self->marks_ref <= 0)
    return 0;
  /* Area, not radius, in proportion to the count. */
  return MAX (CM_MAP_MARKER_MIN_RADIUS,
              CM_MAP_MARKER_MAX_RADIUS * sqrt (count / self->marks_ref));
}

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const Mark *x = a, *y = b;

  /* Big first, so small markers stay visible on top; dim ones lowest. */
  if ((x->flags & (MARK_DIM | MARK_GHOST)) != (y->flags & (MARK_DIM | MARK_GHOST)))
    return (x->flags & (MARK_DIM | MARK_GHOST)) ? -1 : 1;
  if (x->r != y->r)
    return x->r > y->r ? -1 : 1;
  return x->place < y->place ? -1 : x->place > y->place;
}

/* The markers of the current view: one level of clusters, culled by its
 * grid, counted with the precomputed sums. */
void
_cm_map_painter_ensure_marks (CmMapPainter *self)
{
  const CmMapClusterLevel *level;
  g_autoptr(GArray) hits = NULL;
  CmMapBox box;
  guint key, level_index;
  double pad;

  ensure_clusters (self);
  key = self->filter_gen * 7919u + self->clusters_gen * 31u + 1;
  if (self->marks_key == key && self->marks_view.cx == self->view.cx && self->marks_view.cy == self->view.cy &&
      self->marks_view.scale == self->view.scale && self->marks_view.width == self->view.width &&
      self->marks_view.height == self->view.height)
    return;
  g_array_set_size (self->marks, 0);
  self->marks_key = key;
  self->marks_view = self->view;
  if (self->clusters == NULL)
    return;

  _cm_map_painter_ensure_counts (self);
  level_index = cm_map_clusters_level_for_scale (self->clusters, self->view.scale);
  ensure_sums (self, level_index);
  level = cm_map_clusters_get_level (self->clusters, level_index);
  self->marks_level = level_index;
  self->marks_ref = level->max_weight;

  pad = (CM_MAP_MARKER_MAX_RADIUS * 2 + CM_MAP_CLUSTER_RADIUS * 1.5) / self->view.scale;
  cm_map_view_get_visible (&self->view, &box);
  box.x0 -= pad, box.y0 -= pad, box.x1 += pad, box.y1 += pad;
  hits = g_array_new (FALSE, FALSE, sizeof (guint));
  cm_map_grid_query (level->grid, &box, hits);

  for (guint k = 0; k < hits->len; k++)
    {
      guint c = g_array_index (hits, guint, k);
      const CmMapCluster *cl = &level->clusters[c];
      LevelSums *s = &self->sums;
      Mark m = { 0 };
      double px, py;

      m.cluster = c;
      m.place = s->top[c];
      m.n_places = s->n_visible[c];
      m.count = s->count[c];
      if (m.n_places == 0)
        {
          if (s->range_count[c] > 0)
            m.flags |= MARK_GHOST;
          else if (self->filter_mode == CM_MAP_FILTERED_DIM)
            m.flags |= MARK_DIM;
          else
            continue;
          m.n_places = cl->n_members;
        }
      /* A cluster showing one place draws it where the place is. */
      if (m.n_places == 1)
        {
          px = self->place_xy[2 * m.place];
          py = self->place_xy[2 * m.place + 1];
        }
      else
        {
          px = cl->x;
          py = cl->y;
        }
      cm_map_view_to_screen (&self->view, px, py, &m.x, &m.y);
      if (m.flags & (MARK_DIM | MARK_GHOST))
        m.r = _cm_map_painter_radius (self, (m.flags & MARK_GHOST) ? s->range_count[c] : cl->weight);
      else
        m.r = _cm_map_painter_radius (self, m.count);
      if (m.x + m.r < 0 || m.y + m.r < 0 || m.x - m.r > self->view.width || m.y - m.r > self->view.height)
        continue;
      if (s->recent[c])
        m.flags |= MARK_RECENT;
      /* A cluster holding a selected place shows it selected too. */
      for (guint j = 0; self->selected != NULL && j < cl->n_members; j++)
        if (self->selected[level->members[cl->first + j]]
            && (m.n_places > 1 || level->members[cl->first + j] == m.place))
          {
            m.flags |= MARK_SELECTED;
            break;
          }
      if (self->hover.kind != CM_MAP_HIT_NONE && self->hover.level == level_index
          && self->hover.cluster == c)
        m.flags |= MARK_HOVER;
      g_array_append_val (self->marks, m);
    }
  g_array_sort (self->marks, compare_marks);
}

/* Construction and data ------------------------------------------------------ */

CmMapPainter *
cm_map_painter_new (void)
{
  return g_object_new (CM_TYPE_MAP_PAINTER, NULL);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The extent of the places with announcements (all places while there
 * are no events), the short way round in longitude. */
static gboolean
located_bounds (CmMapPainter *self,
                double        b[4])
{
  g_autofree double *lon = g_new (double, MAX (self->n_places, 1));
  gsize n = 0, widest = 0;
  double gap = -1;

  b[1] = G_MAXDOUBLE;
  b[3] = -G_MAXDOUBLE;
  for (guint i = 0; i < self->n_places; i++)
    {
      double x = self->lonlat[2 * i], y = self->lonlat[2 * i + 1];

      if (!isfinite (x) || !isfinite (y) || fabs (y) > 90 || fabs (x) > 360)
        continue;
      if (self->events != NULL && cm_map_events_get_total (self->events, i) == 0)
        continue;
      lon[n++] = remainder (x, 360.0);
      b[1] = MIN (b[1], y);
      b[3] = MAX (b[3], y);
    }
  if (n == 0)
    return FALSE;
  /* The longitudes' range is the circle less its widest empty gap. */
  qsort (lon, n, sizeof (double), compare_doubles);
  for (gsize i = 0; i < n; i++)
    {
      double g = i + 1 < n ? lon[i + 1] - lon[i] : lon[0] + 360.0 - lon[n - 1];

      if (g > gap)
        {
          gap = g;
          widest = i;
        }
    }
  b[0] = lon[(widest + 1) % n];
  b[2] = lon[widest];
  return TRUE;
}

static gboolean
within (double       lon_min,
        double       lon_max,
        double       lat_min,
        double       lat_max,
        const double f[4])
{
  /* A degree of slack: coastal places fall just outside a simplified
   * outline. */
  return lon_min <= lon_max && lon_min >= f[0] - 1 && lon_max <= f[2] + 1
         && lat_min >= f[1] - 1 && lat_max <= f[3] + 1;
}

/* The projection the mode and the data ask for. */
static void
chosen_projection (CmMapPainter *self,
                   CmProjection *p)
{
  double b[4] = { 0, 0, 0, 0 }, f[4] = { -180, -90, 180, 90 }, span, lon_c;
  gboolean located = located_bounds (self, b);
  gboolean named = FALSE;

  if (self->basemap != NULL)
    {
      named = cm_basemap_get_projection (self->basemap, p);
      cm_basemap_get_focus_bounds (self->basemap, &f[0], &f[1], &f[2], &f[3]);
    }
  /* A regional base map keeps its own projection (the one it names, or
   * the one chosen for its extent) while the data lies on it; a world
   * map follows the data. */
  if (self->projection_mode == CM_MAP_PROJECTION_AUTO && self->basemap != NULL
      && (named || f[2] - f[0] < 300) && (!located || within (b[0], b[2], b[1], b[3], f)))
    return;
  if (!located)
    {
      b[0] = f[0];
      b[1] = f[1];
      b[2] = f[2];
      b[3] = f[3];
    }
  span = b[2] - b[0];
  if (span < 0)
    span += 360;
  lon_c = span > 300 ? 0.0 : remainder (b[0] + span / 2, 360.0);
  switch (self->projection_mode)
    {
    case CM_MAP_PROJECTION_EQUAL_EARTH:
      cm_projection_init_equal_earth (p, round (lon_c));
      break;
    case CM_MAP_PROJECTION_MERCATOR:
      cm_projection_init_mercator (p, round (lon_c));
      break;
    case CM_MAP_PROJECTION_ALBERS:
      {
        double lo = CLAMP (b[1], -80, 80), hi = CLAMP (b[3], -80, 80), ls = MAX (hi - lo, 2.0);

        if (!cm_projection_init_albers (p, round (lon_c), round ((lo + hi) / 2),
                                        round (lo + ls / 6), round (hi - ls / 6)))
          cm_projection_init_equal_earth (p, round (lon_c));
      }
      break;
    case CM_MAP_PROJECTION_AUTO:
    default:
      cm_projection_init_auto (p, b[0], b[1], b[2], b[3]);
      break;
    }
}

static void
apply_projection (CmMapPainter       *self,
                  const CmProjection *p)
{
  double lon = 0, lat = 0;
  gboolean keep_centre;

  if (cm_projection_equal (p, &self->projection))
    return;

  /* Keep looking at the same place through a change of projection. */
  keep_centre = self->view_set && cm_projection_inverse (&self->projection, self->view.cx,
                                                         self->view.cy, &lon, &lat);
  self->projection = *p;
  drop_shapes (self);
  g_clear_pointer (&self->place_xy, g_free);
  g_clear_pointer (&self->clusters, cm_map_clusters_free);
  data_changed (self);
  base_changed (self);
  if (keep_centre)
    cm_projection_forward (&self->projection, lon, lat, &self->view.cx, &self->view.cy);
}

/* While no projection is set, the one the data asks for. */
static void
update_projection (CmMapPainter *self)
{
  CmProjection p;

  if (self->projection_set)
    return;
  chosen_projection (self, &p);
  apply_projection (self, &p);
}

/* The root base map, or its regional map when the located data lies
 * within the region (a world map draws China's provinces from the China
 * map, in its projection, for data in China). Only in automatic
 * projection: a projection asked for is the root map's. */
static CmBasemap *
pick_basemap (CmMapPainter *self)
{
  double b[4], r[4];
  CmBasemap *regional;

  if (self->root_basemap == NULL || self->projection_mode != CM_MAP_PROJECTION_AUTO
      || !cm_basemap_get_regional_bounds (self->root_basemap, r) || !located_bounds (self, b)
      || !within (b[0], b[2], b[1], b[3], r)
      || (regional = cm_basemap_get_regional (self->root_basemap)) == NULL)
    return self->root_basemap;
  return regional;
}

static void use_basemap (CmMapPainter *self,
                         CmBasemap    *basemap);

void
cm_map_painter_set_basemap (CmMapPainter *self,
                            CmBasemap    *basemap)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  g_return_if_fail (basemap == NULL || CM_IS_BASEMAP (basemap));

  g_set_object (&self->root_basemap, basemap);
  use_basemap (self, pick_basemap (self));
}

static void
use_basemap (CmMapPainter *self,
             CmBasemap    *basemap)
{
  if (!g_set_object (&self->basemap, basemap))
    return;
  drop_shapes (self);
  if (basemap != NULL && !self->projection_set)
    {
      CmProjection p;

      chosen_projection (self, &p);
      self->projection = p;
      data_changed (self);
    }
  /* The zoom range depends on the base map's extent. */
  g_clear_pointer (&self->clusters, cm_map_clusters_free);
  g_clear_pointer (&self->place_region, g_free);
  update_region_color (self);
  base_changed (self);
  self->marks_key = 0;
}

CmBasemap *
cm_map_painter_get_basemap (CmMapPainter *self)
{
  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), NULL);
  /* What was set; it may draw its regional map (pick_basemap()). */
  return self->root_basemap;
}

void
cm_map_painter_set_projection_mode (CmMapPainter    *self,
                                    CmMapProjection  mode)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  if (self->projection_mode == mode)
    return;
  self->projection_mode = mode;
  use_basemap (self, pick_basemap (self));
  update_projection (self);
}

CmMapProjection
cm_map_painter_get_projection_mode (CmMapPainter *self)
{
  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), CM_MAP_PROJECTION_AUTO);
  return self->projection_mode;
}

void
cm_map_painter_set_projection (CmMapPainter       *self,
                               const CmProjection *projection)
{
  CmProjection p;
  double lon = 0, lat = 0;
  gboolean keep_centre;

  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  self->projection_set = projection != NULL;
  if (projection != NULL)
    p = *projection;
  else
    chosen_projection (self, &p);
  if (cm_projection_equal (&p, &self->projection))
    return;

  /* Keep looking at the same place through a change of projection. */
  keep_centre = self->view_set && cm_projection_inverse (&self->projection, self->view.cx,
                                                         self->view.cy, &lon, &lat);
  self->projection = p;
  drop_shapes (self);
  data_changed (self);
  base_changed (self);
  if (keep_centre)
    cm_projection_forward (&self->projection, lon, lat, &self->view.cx, &self->view.cy);
}

const CmProjection *
cm_map_painter_get_projection (CmMapPainter *self)
{
  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), NULL);
  return &self->projection;
}

static char **
copy_strings (guint               n,
              const char * const *strings)
{
  char **copy;

  if (strings == NULL)
    return NULL;
  copy = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    copy[i] = g_strdup (strings[i] && g_utf8_validate (strings[i], -1, NULL) ? strings[i] : "");
  return copy;
}

void
cm_map_painter_set_places (CmMapPainter       *self,
                           guint               n_places,
                           const double       *lon,
                           const double       *lat,
                           const char * const *ids,
                           const char * const *names,
                           const char * const *names_zh)
{
  gboolean had_selection = FALSE;

  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  g_return_if_fail (n_places == 0 || (lon != NULL && lat != NULL));

  for (guint i = 0; self->selected != NULL && i < self->n_places && !had_selection; i++)
    had_selection = self->selected[i];
  g_clear_pointer (&self->lonlat, g_free);
  g_clear_pointer (&self->ids, g_strfreev);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->names_zh, g_strfreev);
  g_clear_pointer (&self->selected, g_free);
  drop_matches (self);
  g_clear_pointer (&self->events, cm_map_events_free);
  g_clear_pointer (&self->place_regions, g_strfreev);
  g_clear_pointer (&self->place_region, g_free);
  self->region_fill_stale = TRUE;
  clear_counts (self);
  self->hover.kind = CM_MAP_HIT_NONE;

  self->n_places = n_places;
  self->lonlat = g_new (double, 2 * (gsize) MAX (n_places, 1));
  for (guint i = 0; i < n_places; i++)
    {
      self->lonlat[2 * i] = lon[i];
      self->lonlat[2 * i + 1] = lat[i];
    }
  self->ids = copy_strings (n_places, ids);
  self->names = copy_strings (n_places, names);
  self->names_zh = copy_strings (n_places, names_zh);
  self->selected = g_new0 (gboolean, MAX (n_places, 1));
  data_changed (self);
  use_basemap (self, pick_basemap (self));
  update_projection (self);
  emit_data_changed (self, CM_MAP_CHANGED_LAYOUT);
  if (had_selection)
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

guint
cm_map_painter_get_n_places (CmMapPainter *self)
{
  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), 0);
  return self->n_places;
}

const char *
cm_map_painter_get_place_id (CmMapPainter *self,
                             guint         place)
{
  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), NULL);
  g_return_val_if_fail (place < self->n_places, NULL);
  return self->ids ? self->ids[place] : NULL;
}

const char *
cm_map_painter_get_place_name (CmMapPainter    *self,
                               guint            place,
                               CmLabelLanguage  language)
{
  const char *zh, *en;

  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), NULL);
  g_return_val_if_fail (place < self->n_places, NULL);

  zh = self->names_zh && self->names_zh[place][0] ? self->names_zh[place] : NULL;
  en = self->names && self->names[place][0] ? self->names[place] : NULL;
  if (cm_label_language_resolve (language) == CM_LABEL_LANGUAGE_LOCAL && zh)
    return zh;
  return en ? en : zh;
}

int
cm_map_painter_find_place (CmMapPainter *self,
                           const char   *id)
{
  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), -1);

  if (id == NULL || self->ids == NULL)
    return -1;
  for (guint i = 0; i < self->n_places; i++)
    if (g_str_equal (self->ids[i], id))
      return i;
  return -1;
}

void
cm_map_painter_set_events (CmMapPainter  *self,
                           gsize          n_events,
                           const gint64  *times,
                           const guint32 *places,
                           const guint8  *categories,
                           guint          n_categories)
{
  cm_map_painter_set_event_spans (self, n_events, times, NULL, places, categories, n_categories);
}

void
cm_map_painter_set_event_spans (CmMapPainter  *self,
                                gsize          n_events,
                                const gint64  *starts,
                                const gint64  *ends,
                                const guint32 *places,
                                const guint8  *categories,
                                guint          n_categories)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  g_return_if_fail (n_events == 0 || (starts != NULL && places != NULL));

  cm_map_painter_take_events (self, cm_map_events_new_spans (self->n_places, categories ? n_categories : 1,
                                                             n_events, starts, ends, places, categories));
}

void
cm_map_painter_take_events (CmMapPainter *self,
                            CmMapEvents  *events)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  g_return_if_fail (events != NULL);

  drop_matches (self);
  g_clear_pointer (&self->events, cm_map_events_free);
  self->events = events;
  clear_counts (self);
  data_changed (self);
  update_projection (self);
  emit_data_changed (self, CM_MAP_CHANGED_LAYOUT);
}

void
cm_map_painter_set_matches (CmMapPainter  *self,
                            gsize          n_events,
                            const gint64  *times,
                            const guint32 *places,
                            const guint8  *categories,
                            guint          n_categories)
{
  cm_map_painter_set_match_spans (self, n_events, times, NULL, places, categories, n_categories);
}

void
cm_map_painter_set_match_spans (CmMapPainter  *self,
                                gsize          n_events,
                                const gint64  *starts,
                                const gint64  *ends,
                                const guint32 *places,
                                const guint8  *categories,
                                guint          n_categories)
{
  CmMapEvents *matches;

  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  g_return_if_fail (n_events == 0 || (starts != NULL && places != NULL));

  matches = cm_map_events_new_spans (self->n_places, categories || n_events == 0 ? n_categories : 1,
                                     n_events, starts, ends, places, categories);
  /* The per-category counts are laid out as for all the events. */
  if (self->events != NULL
      && cm_map_events_get_n_categories (matches) != cm_map_events_get_n_categories (self->events))
    {
      g_critical ("%s: matches have %u categories, the events %u", G_STRFUNC,
                  cm_map_events_get_n_categories (matches), cm_map_events_get_n_categories (self->events));
      cm_map_events_free (matches);
      return;
    }
  g_clear_pointer (&self->by_category, cm_map_events_free);
  g_clear_pointer (&self->subset, cm_map_events_free);
  self->subset = matches;
  update_matches (self);
  filter_changed (self);
  emit_data_changed (self, CM_MAP_CHANGED_COUNTS);
}

void
cm_map_painter_set_match_mask (CmMapPainter *self,
                               const guint8 *keep)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  if (keep == NULL || self->events == NULL)
    {
      cm_map_painter_clear_matches (self);
      return;
    }
  g_clear_pointer (&self->by_category, cm_map_events_free);
  self->subset = cm_map_events_new_subset (self->events, keep, g_steal_pointer (&self->subset));
  update_matches (self);
  filter_changed (self);
  emit_data_changed (self, CM_MAP_CHANGED_COUNTS);
}

void
cm_map_painter_clear_matches (CmMapPainter *self)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  if (self->subset == NULL)
    return;
  g_clear_pointer (&self->by_category, cm_map_events_free);
  g_clear_pointer (&self->subset, cm_map_events_free);
  update_matches (self);
  filter_changed (self);
  emit_data_changed (self, CM_MAP_CHANGED_COUNTS);
}

/* Categories are whole runs of the events' index: hiding some empties
 * those runs in a view, with no pass over the events. */
void
cm_map_painter_set_category_mask (CmMapPainter *self,
                                  const guint8 *shown,
                                  guint         n_categories)
{
  gboolean all = TRUE;

  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  g_return_if_fail (n_categories == 0 || shown != NULL);

  for (guint c = 0; c < n_categories; c++)
    all &= shown[c] != 0;
  if (all && self->category_shown == NULL)
    return;
  if (!all && self->category_shown != NULL && self->n_category_shown == n_categories
      && memcmp (self->category_shown, shown, n_categories) == 0)
    return;
  g_clear_pointer (&self->category_shown, g_free);
  if (!all)
    self->category_shown = g_memdup2 (shown, n_categories);
  self->n_category_shown = n_categories;
  update_matches (self);
  filter_changed (self);
  emit_data_changed (self, CM_MAP_CHANGED_COUNTS);
}

void
cm_map_painter_set_categories (CmMapPainter       *self,
                               guint               n_categories,
                               const CmRgba       *colors,
                               const char * const *names)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  g_clear_pointer (&self->category_colors, g_free);
  g_clear_pointer (&self->category_names, g_strfreev);
  if (n_categories == 0 || colors == NULL)
    {
      self->n_categories = G_N_ELEMENTS (default_categories);
      self->category_colors = g_new (CmRgba, self->n_categories);
      for (guint i = 0; i < self->n_categories; i++)
        cm_rgba_from_rgb24 (&self->category_colors[i], default_categories[i]);
    }
  else
    {
      self->n_categories = n_categories;
      self->category_colors = g_memdup2 (colors, sizeof (CmRgba) * n_categories);
      self->category_names = copy_strings (n_categories, names);
    }
  self->marks_key = 0;
  emit_data_changed (self, CM_MAP_CHANGED_LOOK);
}

void
cm_map_painter_set_region_colors (CmMapPainter       *self,
                                  guint               n_regions,
                                  const char * const *region_ids,
                                  const CmRgba       *colors)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  g_return_if_fail (n_regions == 0 || (region_ids != NULL && colors != NULL));

  g_hash_table_remove_all (self->region_colors);
  for (guint i = 0; i < n_regions; i++)
    if (region_ids[i] != NULL)
      g_hash_table_insert (self->region_colors, g_strdup (region_ids[i]),
                           g_memdup2 (&colors[i], sizeof (CmRgba)));
  update_region_color (self);
  emit_data_changed (self, CM_MAP_CHANGED_LOOK);
}

void
cm_map_painter_set_place_regions (CmMapPainter       *self,
                                  guint               n_places,
                                  const char * const *region_ids)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  g_return_if_fail (n_places == 0 || region_ids != NULL);

  g_clear_pointer (&self->place_regions, g_strfreev);
  g_clear_pointer (&self->place_region, g_free);
  self->region_fill_stale = TRUE;
  if (n_places > 0 && self->n_places > 0)
    {
      self->place_regions = g_new0 (char *, self->n_places + 1);
      for (guint i = 0; i < self->n_places; i++)
        self->place_regions[i] = g_strdup (i < n_places && region_ids[i] != NULL ? region_ids[i] : "");
    }
  emit_data_changed (self, CM_MAP_CHANGED_LOOK);
}

/* Filters and looks ---------------------------------------------------------- */

void
cm_map_painter_set_time_range (CmMapPainter *self,
                               gint64        start,
                               gint64        end)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  if (self->start == start && self->end == end)
    return;
  self->start = start;
  self->end = end;
  filter_changed (self);
}

void
cm_map_painter_set_playhead (CmMapPainter *self,
                             gint64        playhead)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  if (self->playhead == playhead)
    return;
  self->playhead = playhead;
  filter_changed (self);
}

void
cm_map_painter_set_filter_mode (CmMapPainter    *self,
                                CmMapFilterMode  mode)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  self->filter_mode = mode;
  self->marks_key = 0;
}

void
cm_map_painter_set_color_mode (CmMapPainter *self,
                               CmMapColor    mode)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  self->color_mode = mode;
}

void
cm_map_painter_set_language (CmMapPainter    *self,
                             CmLabelLanguage  language)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  self->language = cm_label_language_resolve (language);
}

void
cm_map_painter_set_style (CmMapPainter       *self,
                          const CmPaintStyle *style)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  g_return_if_fail (style != NULL);

  if (style->dark != self->style.dark || style->scale != self->style.scale
      || g_strcmp0 (style->font_family, self->style.font_family) != 0
      || style->font_size != self->style.font_size)
    {
      _cm_map_painter_drop_text_cache (self);
      base_changed (self);
    }
  self->style = *style;
}

void
cm_map_painter_set_overlays (CmMapPainter  *self,
                             CmMapOverlays  overlays)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  self->overlays = overlays;
}

void
cm_map_painter_set_legend_title (CmMapPainter *self,
                                 const char   *title)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  g_free (self->legend_title);
  self->legend_title = g_strdup (title);
}

void
cm_map_painter_set_clustering (CmMapPainter *self,
                               gboolean      clustering)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  if (self->clustering == !!clustering)
    return;
  self->clustering = !!clustering;
  g_clear_pointer (&self->clusters, cm_map_clusters_free);
  self->marks_key = 0;
}

/* Viridis, sampled at nine stops: perceptually even, legible in grey and
 * for the common colour-vision deficiencies. */
void
cm_map_ramp_color (double   t,
                   gboolean dark,
                   CmRgba  *color)
{
  static const guint32 stops[] = {
    0x440154, 0x472c7a, 0x3b518b, 0x2c718e, 0x21908d,
    0x27ad81, 0x5cc863, 0xaadc32, 0xfde725,
  };
  CmRgba a, b;
  double f;
  guint i;

  t = isfinite (t) ? CLAMP (t, 0.0, 1.0) : 0.0;
  /* On a dark page the darkest purple disappears: start later. */
  if (dark)
    t = 0.22 + 0.78 * t;
  f = t * (G_N_ELEMENTS (stops) - 1);
  i = MIN ((guint) f, G_N_ELEMENTS (stops) - 2);
  f -= i;
  cm_rgba_from_rgb24 (&a, stops[i]);
  cm_rgba_from_rgb24 (&b, stops[i + 1]);
  color->r = a.r + (b.r - a.r) * f;
  color->g = a.g + (b.g - a.g) * f;
  color->b = a.b + (b.b - a.b) * f;
  color->a = 1.0;
}

/* Interaction ------------------------------------------------------------ */

void
cm_map_painter_set_selection (CmMapPainter *self,
                              guint         n,
                              const guint  *places)
{
  g_autofree gboolean *want = NULL;
  gsize size;

  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  g_return_if_fail (n == 0 || places != NULL);

  if (self->selected == NULL)
    return;
  /* Unchanged: no signal, as a widget would then report it. */
  size = sizeof (gboolean) * MAX (self->n_places, 1);
  want = g_malloc0 (size);
  for (guint i = 0; i < n; i++)
    if (places[i] < self->n_places)
      want[places[i]] = TRUE;
  if (memcmp (want, self->selected, size) == 0)
    return;
  g_free (self->selected);
  self->selected = g_steal_pointer (&want);
  self->marks_key = 0;
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

gboolean
cm_map_painter_is_selected (CmMapPainter *self,
                            guint         place)
{
  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), FALSE);
  return self->selected != NULL && place < self->n_places && self->selected[place];
}

void
cm_map_painter_set_hover (CmMapPainter   *self,
                          const CmMapHit *hit)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  if (hit != NULL)
    self->hover = *hit;
  else
    self->hover.kind = CM_MAP_HIT_NONE;
  self->marks_key = 0;
}

gboolean
cm_map_painter_draw (CmMapPainter   *self,
                     cairo_t        *cr,
                     CmMapDrawFlags  flags)
{
  gboolean sharp;

  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), TRUE);
  g_return_val_if_fail (cr != NULL, TRUE);

  _cm_map_painter_ensure_shapes (self);
  if (!self->view_set)
    cm_map_painter_fit_basemap (self);

  cairo_save (cr);
  sharp = _cm_map_painter_draw_base (self, cr, flags);
  if (!(flags & CM_MAP_DRAW_BASE_ONLY))
    _cm_map_painter_draw_marks (self, cr);
  cairo_restore (cr);
  return sharp;
}
