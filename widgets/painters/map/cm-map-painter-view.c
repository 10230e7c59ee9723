/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <math.h>

#include "cm-map-painter-private.h"

/* The painter's view (zoom, pan, fits, limits) and the queries on what
 * the view shows (hit testing, selection by area). */

/* View -------------------------------------------------------------------- */

double
cm_map_painter_get_fit_scale (CmMapPainter *self)
{
  CmMapView v;

  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), 1.0);

  _cm_map_painter_ensure_shapes (self);
  v = self->view;
  if (self->shapes == NULL)
    {
      /* No base map: about a country's width across the viewport. */
      return MAX (v.width, 1.0) / 5e6;
    }
  cm_map_view_fit (&v, &self->shapes->focus, 16);
  return v.scale;
}

void
cm_map_painter_get_scale_limits (CmMapPainter *self,
                                 double       *min,
                                 double       *max)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  *min = _cm_map_painter_min_scale (self);
  *max = MAX (CM_MAP_MAX_SCALE, *min);
}

static void
clamp_view (CmMapPainter *self)
{
  double lo = 0, hi = 0;
  CmMapBox extent;

  cm_map_painter_get_scale_limits (self, &lo, &hi);
  /* The centre stays over what the map is about (not the neighbours'
   * far corners, mostly sea) or over the data. */
  if (self->shapes != NULL)
    extent = self->shapes->focus;
  else
    extent = (CmMapBox) { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  for (guint i = 0; self->place_xy != NULL && i < self->n_places; i++)
    if (isfinite (self->place_xy[2 * i]))
      extent = (CmMapBox) { MIN (extent.x0, self->place_xy[2 * i]), MIN (extent.y0, self->place_xy[2 * i + 1]),
                            MAX (extent.x1, self->place_xy[2 * i]), MAX (extent.y1, self->place_xy[2 * i + 1]) };
  if (extent.x0 > extent.x1)
    extent = (CmMapBox) { -2.1e7, -1.1e7, 2.1e7, 1.1e7 };
  cm_map_view_clamp (&self->view, lo, hi, &extent);
}

void
cm_map_painter_set_viewport (CmMapPainter *self,
                             double        width,
                             double        height)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  width = MAX (width, 1.0);
  height = MAX (height, 1.0);
  if (self->view.width == width && self->view.height == height)
    return;
  self->view.width = width;
  self->view.height = height;
  if (!self->view_set)
    cm_map_painter_fit_basemap (self);
  else
    clamp_view (self);
}

void
cm_map_painter_get_view (CmMapPainter *self,
                         CmMapView    *view)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  *view = self->view;
}

void
cm_map_painter_set_view (CmMapPainter    *self,
                         const CmMapView *view)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  g_return_if_fail (view != NULL);

  if (!(view->scale > 0) || !isfinite (view->cx) || !isfinite (view->cy))
    return;
  self->view = *view;
  self->view.width = MAX (self->view.width, 1.0);
  self->view.height = MAX (self->view.height, 1.0);
  self->view_set = TRUE;
  _cm_map_painter_ensure_shapes (self);
  clamp_view (self);
}

void
cm_map_painter_zoom_about (CmMapPainter *self,
                           double        factor,
                           double        x,
                           double        y)
{
  double lo = 0, hi = 0, target;

  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  /* Clamp the factor, not the result, so the point under the pointer
   * stays put at the zoom limits too. */
  cm_map_painter_get_scale_limits (self, &lo, &hi);
  target = CLAMP (self->view.scale * factor, lo, hi);
  cm_map_view_zoom_about (&self->view, target / self->view.scale, x, y);
  self->view_set = TRUE;
  clamp_view (self);
}

void
cm_map_painter_pan (CmMapPainter *self,
                    double        dx,
                    double        dy)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  cm_map_view_pan (&self->view, dx, dy);
  self->view_set = TRUE;
  clamp_view (self);
}

void
cm_map_painter_fit_basemap (CmMapPainter *self)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  _cm_map_painter_ensure_shapes (self);
  if (self->shapes != NULL)
    cm_map_view_fit (&self->view, &self->shapes->focus, 16);
  else
    cm_map_painter_fit_data (self);
  self->view_set = TRUE;
  clamp_view (self);
}

/* Centre and scale so @box fits in the view less @insets (left, top,
 * right, bottom) and @pad on every side. */
static void
fit_with_insets (CmMapView      *view,
                 const CmMapBox *box,
                 const double    insets[4],
                 double          pad)
{
  CmMapView inner = *view;
  double cx, cy;

  inner.width = MAX (1.0, view->width - insets[0] - insets[2]);
  inner.height = MAX (1.0, view->height - insets[1] - insets[3]);
  cm_map_view_fit (&inner, box, pad);
  view->scale = inner.scale;
  /* The inner area's centre is off the view's by half the difference of
   * the insets. */
  cx = inner.cx - (insets[0] - insets[2]) / 2 / inner.scale;
  cy = inner.cy + (insets[1] - insets[3]) / 2 / inner.scale;
  view->cx = cx;
  view->cy = cy;
}

void
cm_map_painter_fit_data (CmMapPainter *self)
{
  CmMapBox box = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  double pad = CM_MAP_MARKER_MAX_RADIUS + 6;
  double insets[4] = { 0, 0, 0, 0 };

  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  _cm_map_painter_ensure_shapes (self);
  _cm_map_painter_ensure_counts (self);
  for (int pass = 0; pass < 2 && box.x0 > box.x1; pass++)
    for (guint i = 0; i < self->n_places; i++)
      {
        double x = self->place_xy[2 * i], y = self->place_xy[2 * i + 1];
        gboolean wanted = pass == 0 ? self->now_count[i] > 0
                                    : self->events == NULL || cm_map_events_get_total (self->events, i) > 0;

        if (!wanted || !isfinite (x))
          continue;
        box = (CmMapBox) { MIN (box.x0, x), MIN (box.y0, y), MAX (box.x1, x), MAX (box.y1, y) };
      }
  if (box.x0 > box.x1)
    {
      if (self->shapes != NULL)
        cm_map_view_fit (&self->view, &self->shapes->focus, 16);
    }
  else
    {
      /* A single place: show some country around it. */
      double min_size = 2e5;

      if (box.x1 - box.x0 < min_size && box.y1 - box.y0 < min_size)
        {
          double cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2;

          box = (CmMapBox) { cx - min_size / 2, cy - min_size / 2, cx + min_size / 2, cy + min_size / 2 };
        }
      /* Twice: the overlays' size (the scale bar's label, the legend's
       * counts) depends a little on the view they frame. */
      for (int k = 0; k < 2; k++)
        {
          cm_map_view_fit (&self->view, &box, pad);
          _cm_map_painter_overlay_insets (self, insets);
          fit_with_insets (&self->view, &box, insets, pad);
          self->marks_key = 0;
        }
    }
  self->view_set = TRUE;
  clamp_view (self);
}

void
cm_map_painter_fit_box (CmMapPainter *self,
                        double        lon_min,
                        double        lat_min,
                        double        lon_max,
                        double        lat_max)
{
  CmMapBox box = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  /* Sample the edges: a box in degrees is curved once projected. */
  for (int i = 0; i <= 8; i++)
    for (int j = 0; j <= 8; j++)
      {
        double x, y;

        if (i != 0 && i != 8 && j != 0 && j != 8)
          continue;
        cm_projection_forward (&self->projection, lon_min + (lon_max - lon_min) * i / 8,
                               lat_min + (lat_max - lat_min) * j / 8, &x, &y);
        box = (CmMapBox) { MIN (box.x0, x), MIN (box.y0, y), MAX (box.x1, x), MAX (box.y1, y) };
      }
  cm_map_view_fit (&self->view, &box, 0);
  self->view_set = TRUE;
  _cm_map_painter_ensure_shapes (self);
  clamp_view (self);
}

void
cm_map_painter_lonlat_to_screen (CmMapPainter *self,
                                 double        lon,
                                 double        lat,
                                 double       *x,
                                 double       *y)
{
  double px, py;

  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  cm_projection_forward (&self->projection, lon, lat, &px, &py);
  cm_map_view_to_screen (&self->view, px, py, x, y);
}

gboolean
cm_map_painter_screen_to_lonlat (CmMapPainter *self,
                                 double        x,
                                 double        y,
                                 double       *lon,
                                 double       *lat)
{
  double px, py;

  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), FALSE);
  cm_map_view_from_screen (&self->view, x, y, &px, &py);
  return cm_projection_inverse (&self->projection, px, py, lon, lat);
}

/* Queries --------------------------------------------------------------- */

gboolean
cm_map_painter_hit_test (CmMapPainter *self,
                         double        x,
                         double        y,
                         CmMapHit     *hit)
{
  const CmMapClusterLevel *level;
  g_autoptr(GArray) near = NULL;
  double px, py, reach, best_r = G_MAXDOUBLE;
  CmMapBox box;
  gboolean found = FALSE;

  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  *hit = (CmMapHit) { .kind = CM_MAP_HIT_NONE };
  _cm_map_painter_ensure_marks (self);
  if (self->clusters == NULL)
    return FALSE;

  /* Candidates from the level's grid: a marker is at most a cluster
   * radius from its cluster's centre, plus its own radius. */
  level = cm_map_clusters_get_level (self->clusters, self->marks_level);
  cm_map_view_from_screen (&self->view, x, y, &px, &py);
  reach = (CM_MAP_MARKER_MAX_RADIUS * 2 + CM_MAP_CLUSTER_RADIUS * 1.5 + 4) / self->view.scale;
  box = (CmMapBox) { px - reach, py - reach, px + reach, py + reach };
  near = g_array_new (FALSE, FALSE, sizeof (guint));
  cm_map_grid_query (level->grid, &box, near);

  for (guint k = 0; k < near->len; k++)
    {
      guint c = g_array_index (near, guint, k);
      const LevelSums *s = &self->sums;
      double mx, my, r;
      guint n = s->n_visible[c];

      if (n == 0)
        continue;
      if (n == 1)
        cm_map_view_to_screen (&self->view, self->place_xy[2 * s->top[c]],
                               self->place_xy[2 * s->top[c] + 1], &mx, &my);
      else
        cm_map_view_to_screen (&self->view, level->clusters[c].x, level->clusters[c].y, &mx, &my);
      r = _cm_map_painter_radius (self, s->count[c]);
      /* A little slack makes small markers easy to point at; the smallest
       * marker under the pointer wins, as it is drawn on top. */
      if (hypot (mx - x, my - y) > r + 3 || r >= best_r)
        continue;
      best_r = r;
      found = TRUE;
      *hit = (CmMapHit) {
        .kind = n == 1 ? CM_MAP_HIT_PLACE : CM_MAP_HIT_CLUSTER,
        .place = s->top[c], .level = self->marks_level, .cluster = c,
        .n_places = n, .count = s->count[c], .x = mx, .y = my, .radius = r,
      };
    }
  return found;
}

GArray *
cm_map_painter_get_hit_places (CmMapPainter   *self,
                               const CmMapHit *hit)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  const CmMapClusterLevel *level;
  const CmMapCluster *cl;

  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), out);
  g_return_val_if_fail (hit != NULL, out);

  if (hit->kind == CM_MAP_HIT_PLACE)
    g_array_append_val (out, hit->place);
  if (hit->kind != CM_MAP_HIT_CLUSTER || self->clusters == NULL
      || hit->level >= cm_map_clusters_get_n_levels (self->clusters))
    return out;
  _cm_map_painter_ensure_counts (self);
  level = cm_map_clusters_get_level (self->clusters, hit->level);
  if (hit->cluster >= level->n_clusters)
    return out;
  cl = &level->clusters[hit->cluster];
  for (guint k = 0; k < cl->n_members; k++)
    {
      guint p = level->members[cl->first + k];

      if (self->now_count[p] > 0)
        g_array_append_val (out, p);
    }
  return out;
}

GArray *
cm_map_painter_get_places_in_polygon (CmMapPainter *self,
                                      const double *xy,
                                      guint         n_points)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  guint starts[2] = { 0, n_points };
  CmMapBox b;

  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), out);

  _cm_map_painter_ensure_marks (self);
  if (n_points < 3 || self->clusters == NULL)
    return out;
  cm_map_rings_bounds (xy, starts, 1, &b);
  for (guint i = 0; i < self->n_places; i++)
    {
      double sx, sy;

      if (self->now_count[i] == 0 || !isfinite (self->place_xy[2 * i]))
        continue;
      cm_map_view_to_screen (&self->view, self->place_xy[2 * i], self->place_xy[2 * i + 1], &sx, &sy);
      if (sx < b.x0 || sx > b.x1 || sy < b.y0 || sy > b.y1)
        continue;
      if (cm_map_rings_contain_point (xy, starts, 1, sx, sy))
        g_array_append_val (out, i);
    }
  return out;
}

GArray *
cm_map_painter_get_places_in_box (CmMapPainter   *self,
                                  const CmMapBox *box)
{
  double xy[8] = { box->x0, box->y0, box->x1, box->y0, box->x1, box->y1, box->x0, box->y1 };

  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), NULL);
  return cm_map_painter_get_places_in_polygon (self, xy, 4);
}

guint32
cm_map_painter_get_place_count (CmMapPainter *self,
                                guint         place)
{
  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), 0);
  g_return_val_if_fail (place < self->n_places, 0);

  _cm_map_painter_ensure_counts (self);
  return self->now_count ? self->now_count[place] : 0;
}

double
cm_map_painter_get_split_scale (CmMapPainter   *self,
                                const CmMapHit *hit)
{
  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), 0);
  g_return_val_if_fail (hit != NULL, 0);

  if (hit->kind != CM_MAP_HIT_CLUSTER || self->clusters == NULL || hit->level == 0)
    return self->view.scale * 2;
  /* The next finer level is where this cluster comes apart (or at
   * least starts to). */
  return cm_map_clusters_get_level (self->clusters, hit->level - 1)->scale * 1.0001;
}

gboolean
cm_map_painter_get_overlay_box (CmMapPainter  *self,
                                CmMapOverlays  which,
                                CmMapBox      *box)
{
  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), FALSE);
  g_return_val_if_fail (box != NULL, FALSE);

  return _cm_map_painter_overlay_box (self, which, box);
}

guint
cm_map_painter_count_outside (CmMapPainter *self,
                              guint        *n_located)
{
  CmMapBox visible;
  guint outside = 0, located = 0;

  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), 0);

  _cm_map_painter_ensure_shapes (self);
  _cm_map_painter_ensure_counts (self);
  cm_map_view_get_visible (&self->view, &visible);
  for (guint i = 0; i < self->n_places && self->place_xy != NULL; i++)
    {
      double x = self->place_xy[2 * i], y = self->place_xy[2 * i + 1];

      if (!isfinite (x) || self->now_count == NULL || self->now_count[i] == 0)
        continue;
      located += self->now_count[i];
      if (x < visible.x0 || x > visible.x1 || y < visible.y0 || y > visible.y1)
        outside += self->now_count[i];
    }
  if (n_located)
    *n_located = located;
  return outside;
}

const CmMapBox *
cm_map_painter_get_label_boxes (CmMapPainter *self,
                                guint        *n)
{
  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), NULL);
  return cm_map_labeler_get_labels (self->labeler, n);
}

guint
cm_map_painter_get_n_markers (CmMapPainter *self)
{
  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), 0);
  _cm_map_painter_ensure_marks (self);
  return self->marks->len;
}

gboolean
cm_map_painter_get_marker (CmMapPainter *self,
                           guint         index,
                           CmMapHit     *marker)
{
  const Mark *m;

  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), FALSE);
  g_return_val_if_fail (marker != NULL, FALSE);

  _cm_map_painter_ensure_marks (self);
  if (index >= self->marks->len)
    return FALSE;
  m = &g_array_index (self->marks, Mark, index);
  *marker = (CmMapHit) {
    .kind = (m->flags & (MARK_DIM | MARK_GHOST)) ? CM_MAP_HIT_NONE
            : m->n_places > 1 ? CM_MAP_HIT_CLUSTER : CM_MAP_HIT_PLACE,
    .place = m->place, .level = self->marks_level, .cluster = m->cluster,
    .n_places = m->n_places, .count = m->count, .x = m->x, .y = m->y, .radius = m->r,
  };
  return TRUE;
}
