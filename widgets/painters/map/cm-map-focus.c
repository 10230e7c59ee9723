/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <math.h>

#include "cm-map-focus.h"
#include "cm-map-painter-private.h"

/* The marker @place is shown by in the current view, or NULL. */
static const Mark *
find_mark (CmMapPainter *self,
           guint         place)
{
  const CmMapClusterLevel *level;

  _cm_map_painter_ensure_marks (self);
  if (self->clusters == NULL || place >= self->n_places)
    return NULL;
  level = cm_map_clusters_get_level (self->clusters, self->marks_level);
  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *m = &g_array_index (self->marks, Mark, i);
      const CmMapCluster *cl;

      if (m->flags & (MARK_DIM | MARK_GHOST))
        continue;
      if (m->place == place)
        return m;
      if (m->n_places < 2)
        continue;
      cl = &level->clusters[m->cluster];
      for (guint j = 0; j < cl->n_members; j++)
        if (level->members[cl->first + j] == place)
          return m;
    }
  return NULL;
}

static void
mark_to_hit (CmMapPainter *self,
             const Mark   *m,
             CmMapHit     *hit)
{
  *hit = (CmMapHit) {
    .kind = m->n_places > 1 ? CM_MAP_HIT_CLUSTER : CM_MAP_HIT_PLACE,
    .place = m->place, .level = self->marks_level, .cluster = m->cluster,
    .n_places = m->n_places, .count = m->count, .x = m->x, .y = m->y, .radius = m->r,
  };
}

/* A keyboard focus ring must stand out at 3:1 on whatever lies under it
 * (WCAG 2.4.7, 1.4.11): a ring in the text colour over a wider one in the
 * page colour, outside the selection and hover rings. */
void
_cm_map_painter_draw_focus (CmMapPainter *self,
                            cairo_t      *cr)
{
  const Mark *m;
  double r;

  if (self->focus_place_1 == 0)
    return;
  m = find_mark (self, self->focus_place_1 - 1);
  if (m == NULL)
    return;
  r = m->r + 5.0;
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_arc (cr, m->x, m->y, r, 0, 2 * G_PI);
  cm_set_source_rgba (cr, &self->style.background);
  cairo_set_line_width (cr, 4.5);
  cairo_stroke_preserve (cr);
  cm_set_source_rgba (cr, &self->style.foreground);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
cm_map_painter_set_focus_place (CmMapPainter *self,
                                int           place)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  self->focus_place_1 = place >= 0 && (guint) place < self->n_places ? (guint) place + 1 : 0;
}

int
cm_map_painter_get_focus_place (CmMapPainter *self)
{
  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), -1);

  /* The places may have changed since it was set. */
  if (self->focus_place_1 == 0 || self->focus_place_1 > self->n_places)
    return -1;
  return (int) self->focus_place_1 - 1;
}

gboolean
cm_map_painter_find_place_marker (CmMapPainter *self,
                                  guint         place,
                                  CmMapHit     *marker)
{
  const Mark *m;

  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), FALSE);
  g_return_val_if_fail (marker != NULL, FALSE);

  m = find_mark (self, place);
  if (m == NULL)
    return FALSE;
  mark_to_hit (self, m, marker);
  return TRUE;
}

static int
compare_reading (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const CmMapHit *x = a, *y = b;
  double row = *(const double *) user_data;
  double rx = floor (x->y / row), ry = floor (y->y / row);

  if (rx != ry)
    return rx < ry ? -1 : 1;
  if (x->x != y->x)
    return x->x < y->x ? -1 : 1;
  return x->place < y->place ? -1 : x->place > y->place;
}

GArray *
cm_map_painter_get_reading_order (CmMapPainter *self,
                                  double        row_height)
{
  GArray *order;

  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), NULL);

  _cm_map_painter_ensure_marks (self);
  order = g_array_sized_new (FALSE, FALSE, sizeof (CmMapHit), self->marks->len);
  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *m = &g_array_index (self->marks, Mark, i);
      CmMapHit hit;

      /* Markers partly out of the view are drawn; only those whose
       * centre is inside are reached. */
      if ((m->flags & (MARK_DIM | MARK_GHOST)) || m->x < 0 || m->y < 0
          || m->x > self->view.width || m->y > self->view.height)
        continue;
      mark_to_hit (self, m, &hit);
      g_array_append_val (order, hit);
    }
  row_height = MAX (row_height, 1.0);
  g_array_sort_with_data (order, compare_reading, &row_height);
  return order;
}

/* The range the markers count: up to the playhead. */
static void
counted_range (CmMapPainter *self,
               gint64       *start,
               gint64       *end)
{
  *start = self->start;
  *end = self->end;
  if (self->playhead != CM_MAP_NO_PLAYHEAD && self->playhead < G_MAXINT64)
    *end = MIN (self->end, self->playhead + 1);
}

guint32
cm_map_painter_get_place_span (CmMapPainter *self,
                               guint         place,
                               gint64       *first,
                               gint64       *last)
{
  CmMapEvents *events;
  gint64 start, end;

  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), 0);

  events = self->matches != NULL ? self->matches : self->events;
  if (events == NULL || place >= self->n_places || place >= cm_map_events_get_n_places (events))
    return 0;
  counted_range (self, &start, &end);
  return cm_map_events_place_span (events, place, start, end, first, last);
}

void
cm_map_painter_get_summary (CmMapPainter *self,
                            CmMapSummary *summary)
{
  g_autoptr(GArray) in_view = NULL;

  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  g_return_if_fail (summary != NULL);

  *summary = (CmMapSummary) { .first = G_MAXINT64, .last = G_MININT64 };
  for (guint p = 0; p < self->n_places; p++)
    {
      gint64 first = G_MAXINT64, last = G_MININT64;
      guint32 n = cm_map_painter_get_place_span (self, p, &first, &last);

      if (n == 0)
        continue;
      summary->n_places++;
      if (isfinite (self->lonlat[2 * p]) && isfinite (self->lonlat[2 * p + 1]))
        summary->n_located++;
      summary->n_announcements += n;
      summary->first = MIN (summary->first, first);
      summary->last = MAX (summary->last, last);
    }
  in_view = cm_map_painter_get_reading_order (self, 1.0);
  for (guint i = 0; i < in_view->len; i++)
    summary->n_in_view += MAX (g_array_index (in_view, CmMapHit, i).n_places, 1);
}
