/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <math.h>

#include "cm-map-geometry.h"

typedef struct
{
  double x, y, h, d, max;
} Cell;

/* Crossing-number test; a point exactly on an edge may fall either way,
 * which is fine for pixels and labels. */
gboolean
cm_map_rings_contain_point (const double *pts,
                            const guint  *starts,
                            guint         n_rings,
                            double        x,
                            double        y)
{
  gboolean inside = FALSE;

  for (guint r = 0; r < n_rings; r++)
    {
      guint a = starts[r], b = starts[r + 1];

      if (b - a < 3)
        continue;
      for (guint i = a, j = b - 1; i < b; j = i++)
        {
          double xi = pts[2 * i], yi = pts[2 * i + 1];
          double xj = pts[2 * j], yj = pts[2 * j + 1];

          if ((yi > y) != (yj > y)
              && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            inside = !inside;
        }
    }
  return inside;
}

static double
segment_distance_sq (double px, double py,
                     double ax, double ay,
                     double bx, double by)
{
  double dx = bx - ax, dy = by - ay;
  double t = 0.0;

  if (dx != 0.0 || dy != 0.0)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
  dx = ax + t * dx - px;
  dy = ay + t * dy - py;
  return dx * dx + dy * dy;
}

double
cm_map_rings_distance (const double *pts,
                       const guint  *starts,
                       guint         n_rings,
                       double        x,
                       double        y)
{
  double best = G_MAXDOUBLE;

  for (guint r = 0; r < n_rings; r++)
    {
      guint a = starts[r], b = starts[r + 1];

      if (b - a < 2)
        continue;
      for (guint i = a, j = b - 1; i < b; j = i++)
        best = MIN (best, segment_distance_sq (x, y, pts[2 * i], pts[2 * i + 1],
                                               pts[2 * j], pts[2 * j + 1]));
    }
  if (best == G_MAXDOUBLE)
    return -G_MAXDOUBLE;
  best = sqrt (best);
  return cm_map_rings_contain_point (pts, starts, n_rings, x, y) ? best : -best;
}

/* Cohen–Sutherland outcodes: a segment misses the box when both ends are
 * beyond the same side; otherwise clip until it is in or out. */
static int
outcode (const CmMapBox *b,
         double          x,
         double          y)
{
  return (x < b->x0) | ((x > b->x1) << 1) | ((y < b->y0) << 2) | ((y > b->y1) << 3);
}

static gboolean
segment_enters_box (const CmMapBox *b,
                    double x0, double y0,
                    double x1, double y1)
{
  int c0 = outcode (b, x0, y0), c1 = outcode (b, x1, y1);

  for (int guard = 0; guard < 8; guard++)
    {
      double x, y;
      int c;

      if ((c0 | c1) == 0)
        return TRUE;
      if (c0 & c1)
        return FALSE;
      c = c0 ? c0 : c1;
      if (c & 8)
        x = x0 + (x1 - x0) * (b->y1 - y0) / (y1 - y0), y = b->y1;
      else if (c & 4)
        x = x0 + (x1 - x0) * (b->y0 - y0) / (y1 - y0), y = b->y0;
      else if (c & 2)
        y = y0 + (y1 - y0) * (b->x1 - x0) / (x1 - x0), x = b->x1;
      else
        y = y0 + (y1 - y0) * (b->x0 - x0) / (x1 - x0), x = b->x0;
      if (c == c0)
        x0 = x, y0 = y, c0 = outcode (b, x0, y0);
      else
        x1 = x, y1 = y, c1 = outcode (b, x1, y1);
    }
  return TRUE;
}

gboolean
cm_map_rings_contain_box (const double   *pts,
                          const guint    *starts,
                          guint           n_rings,
                          const CmMapBox *box)
{
  if (!cm_map_rings_contain_point (pts, starts, n_rings, box->x0, box->y0)
      || !cm_map_rings_contain_point (pts, starts, n_rings, box->x1, box->y0)
      || !cm_map_rings_contain_point (pts, starts, n_rings, box->x0, box->y1)
      || !cm_map_rings_contain_point (pts, starts, n_rings, box->x1, box->y1))
    return FALSE;

  for (guint r = 0; r < n_rings; r++)
    {
      guint a = starts[r], b = starts[r + 1];

      if (b - a < 2)
        continue;
      for (guint i = a, j = b - 1; i < b; j = i++)
        if (segment_enters_box (box, pts[2 * j], pts[2 * j + 1], pts[2 * i], pts[2 * i + 1]))
          return FALSE;
    }
  return TRUE;
}

void
cm_map_rings_bounds (const double *pts,
                     const guint  *starts,
                     guint         n_rings,
                     CmMapBox     *box)
{
  *box = (CmMapBox) { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  if (n_rings == 0)
    return;
  for (guint i = starts[0]; i < starts[n_rings]; i++)
    {
      box->x0 = MIN (box->x0, pts[2 * i]);
      box->x1 = MAX (box->x1, pts[2 * i]);
      box->y0 = MIN (box->y0, pts[2 * i + 1]);
      box->y1 = MAX (box->y1, pts[2 * i + 1]);
    }
}

static Cell
make_cell (const double *pts,
           const guint  *starts,
           guint         n_rings,
           double        x,
           double        y,
           double        h)
{
  Cell c = { x, y, h, 0, 0 };

  c.d = cm_map_rings_distance (pts, starts, n_rings, x, y);
  c.max = c.d + h * G_SQRT2;
  return c;
}

static void
heap_push (GArray *heap,
           Cell    cell)
{
  Cell *v;
  guint i;

  g_array_append_val (heap, cell);
  v = (Cell *) heap->data;
  for (i = heap->len - 1; i > 0 && v[(i - 1) / 2].max < v[i].max; i = (i - 1) / 2)
    {
      Cell t = v[i];
      v[i] = v[(i - 1) / 2];
      v[(i - 1) / 2] = t;
    }
}

static Cell
heap_pop (GArray *heap)
{
  Cell *v = (Cell *) heap->data;
  Cell top = v[0];
  guint i = 0, n;

  v[0] = v[heap->len - 1];
  g_array_set_size (heap, heap->len - 1);
  n = heap->len;
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      Cell t;

      if (l < n && v[l].max > v[m].max)
        m = l;
      if (r < n && v[r].max > v[m].max)
        m = r;
      if (m == i)
        break;
      t = v[i];
      v[i] = v[m];
      v[m] = t;
      i = m;
    }
  return top;
}

double
cm_map_rings_pole (const double *pts,
                   const guint  *starts,
                   guint         n_rings,
                   double        precision,
                   double       *x,
                   double       *y)
{
  g_autoptr(GArray) heap = NULL;
  CmMapBox b;
  double w, h, size, half;
  Cell best;
  guint budget;

  cm_map_rings_bounds (pts, starts, n_rings, &b);
  if (b.x0 > b.x1)
    {
      *x = *y = 0.0;
      return 0.0;
    }
  w = b.x1 - b.x0;
  h = b.y1 - b.y0;
  size = MIN (w, h);
  *x = (b.x0 + b.x1) / 2;
  *y = (b.y0 + b.y1) / 2;
  if (size <= 0.0)
    return 0.0;
  if (precision <= 0.0)
    precision = MAX (w, h) / 1000.0;
  /* Each cell costs a pass over every edge: bound the work for huge
   * polygons (a detailed coastline) at the price of precision. */
  budget = (guint) CLAMP (2e7 / MAX (starts[n_rings] - starts[0], 1u), 64, 20000);

  heap = g_array_new (FALSE, FALSE, sizeof (Cell));
  half = size / 2;
  for (double cx = b.x0; cx < b.x1; cx += size)
    for (double cy = b.y0; cy < b.y1; cy += size)
      heap_push (heap, make_cell (pts, starts, n_rings, cx + half, cy + half, half));

  best = make_cell (pts, starts, n_rings, *x, *y, 0);

  /* Search cells whose best possible distance beats the best found, in
   * order of promise; the budget bounds pathological inputs. */
  while (heap->len > 0 && budget-- > 0)
    {
      Cell c = heap_pop (heap);

      if (c.d > best.d)
        best = c;
      if (c.max - best.d <= precision)
        continue;
      half = c.h / 2;
      heap_push (heap, make_cell (pts, starts, n_rings, c.x - half, c.y - half, half));
      heap_push (heap, make_cell (pts, starts, n_rings, c.x + half, c.y - half, half));
      heap_push (heap, make_cell (pts, starts, n_rings, c.x - half, c.y + half, half));
      heap_push (heap, make_cell (pts, starts, n_rings, c.x + half, c.y + half, half));
    }

  *x = best.x;
  *y = best.y;
  return best.d;
}
