/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <math.h>

#include "cm-memory.h"
#include "cm-map-grid.h"

/* Bounds the cell table however far apart the points lie. */
#define MAX_CELLS_PER_SIDE 1024

struct _CmMapGrid
{
  double       *xy;     /* a copy, so callers may free theirs */
  guint         n;
  double        x0, y0, cell;
  guint         nx, ny;
  guint        *offsets;   /* nx * ny + 1 */
  guint        *items;     /* point indices grouped by cell */
};

static inline guint
cell_of (const CmMapGrid *g,
         double           v,
         double           origin,
         guint            count)
{
  double c = floor ((v - origin) / g->cell);

  return (guint) CLAMP (c, 0.0, (double) count - 1);
}

CmMapGrid *
cm_map_grid_new (const double *xy,
                 guint         n,
                 double        cell)
{
  CmMapGrid *g = g_new0 (CmMapGrid, 1);
  double x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  guint *fill;

  g->n = n;
  g->xy = g_memdup2 (xy, sizeof (double) * 2 * n);
  g->x0 = g->y0 = G_MAXDOUBLE;
  for (guint i = 0; i < n; i++)
    {
      g->x0 = MIN (g->x0, xy[2 * i]);
      g->y0 = MIN (g->y0, xy[2 * i + 1]);
      x1 = MAX (x1, xy[2 * i]);
      y1 = MAX (y1, xy[2 * i + 1]);
    }
  if (n == 0)
    g->x0 = g->y0 = x1 = y1 = 0;

  g->cell = cell > 0 && isfinite (cell) ? cell : 1.0;
  g->cell = MAX (g->cell, MAX (x1 - g->x0, y1 - g->y0) / MAX_CELLS_PER_SIDE);
  if (g->cell <= 0)
    g->cell = 1.0;
  /* A few cells a point at most: a fine cell over few, scattered points
   * would spend megabytes (and their page faults) on empty cells. */
  while (((x1 - g->x0) / g->cell + 1) * ((y1 - g->y0) / g->cell + 1) > MAX (4.0 * n, 16.0))
    g->cell *= 2;
  g->nx = (guint) floor ((x1 - g->x0) / g->cell) + 1;
  g->ny = (guint) floor ((y1 - g->y0) / g->cell) + 1;
  g->nx = MIN (g->nx, MAX_CELLS_PER_SIDE + 1);
  g->ny = MIN (g->ny, MAX_CELLS_PER_SIDE + 1);

  /* Counting sort into cells: two passes, no per-cell allocations. */
  g->offsets = g_new0 (guint, (gsize) g->nx * g->ny + 1);
  g->items = cm_new_big (guint, n);
  for (guint i = 0; i < n; i++)
    g->offsets[cell_of (g, xy[2 * i + 1], g->y0, g->ny) * g->nx
               + cell_of (g, xy[2 * i], g->x0, g->nx) + 1]++;
  for (gsize c = 0; c < (gsize) g->nx * g->ny; c++)
    g->offsets[c + 1] += g->offsets[c];
  fill = g_memdup2 (g->offsets, sizeof (guint) * ((gsize) g->nx * g->ny + 1));
  for (guint i = 0; i < n; i++)
    {
      gsize c = cell_of (g, xy[2 * i + 1], g->y0, g->ny) * g->nx
                + cell_of (g, xy[2 * i], g->x0, g->nx);
      g->items[fill[c]++] = i;
    }
  g_free (fill);
  return g;
}

void
cm_map_grid_free (CmMapGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->xy);
  g_free (grid->offsets);
  g_free (grid->items);
  g_free (grid);
}

void
cm_map_grid_query (CmMapGrid      *g,
                   const CmMapBox *box,
                   GArray         *out)
{
  guint cx0, cx1, cy0, cy1;

  if (g->n == 0 || box->x1 < g->x0 || box->y1 < g->y0
      || box->x0 > g->x0 + g->nx * g->cell || box->y0 > g->y0 + g->ny * g->cell)
    return;

  cx0 = cell_of (g, box->x0, g->x0, g->nx);
  cx1 = cell_of (g, box->x1, g->x0, g->nx);
  cy0 = cell_of (g, box->y0, g->y0, g->ny);
  cy1 = cell_of (g, box->y1, g->y0, g->ny);
  for (guint cy = cy0; cy <= cy1; cy++)
    for (guint cx = cx0; cx <= cx1; cx++)
      {
        gsize c = (gsize) cy * g->nx + cx;

        for (guint k = g->offsets[c]; k < g->offsets[c + 1]; k++)
          {
            guint i = g->items[k];
            double x = g->xy[2 * i], y = g->xy[2 * i + 1];

            if (x >= box->x0 && x <= box->x1 && y >= box->y0 && y <= box->y1)
              g_array_append_val (out, i);
          }
      }
}

int
cm_map_grid_nearest (CmMapGrid *g,
                     double     x,
                     double     y,
                     double     radius)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (guint));
  CmMapBox box = { x - radius, y - radius, x + radius, y + radius };
  double best = radius * radius;
  int found = -1;

  cm_map_grid_query (g, &box, hits);
  for (guint k = 0; k < hits->len; k++)
    {
      guint i = g_array_index (hits, guint, k);
      double dx = g->xy[2 * i] - x, dy = g->xy[2 * i + 1] - y;

      if (dx * dx + dy * dy <= best)
        {
          best = dx * dx + dy * dy;
          found = (int) i;
        }
    }
  return found;
}
