/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <math.h>

#include "cm-map-labels.h"

/* Cells about the size of a short label keep each test to a few boxes. */
#define CELL 48.0
/* From the canvas edges, and from the marker a label names: close enough
 * to read as that marker's name. */
#define EDGE 2.0
#define DEFAULT_GAP 3.0

typedef struct
{
  CmMapBox box;
  double   cx, cy, r;     /* r > 0: a disc inside the box */
} Item;

struct _CmMapLabeler
{
  double  width, height;
  double  gap;
  guint   nx, ny;
  GArray *boxes;    /* Item: obstacles and labels */
  GArray *labels;   /* CmMapBox: labels only */
  GArray **cells;   /* guint box indices, allocated on first use */
};

static void
cell_range (CmMapLabeler   *l,
            const CmMapBox *b,
            guint          *cx0,
            guint          *cy0,
            guint          *cx1,
            guint          *cy1)
{
  *cx0 = (guint) CLAMP (floor (b->x0 / CELL), 0, l->nx - 1);
  *cx1 = (guint) CLAMP (floor (b->x1 / CELL), 0, l->nx - 1);
  *cy0 = (guint) CLAMP (floor (b->y0 / CELL), 0, l->ny - 1);
  *cy1 = (guint) CLAMP (floor (b->y1 / CELL), 0, l->ny - 1);
}

static void
free_cells (CmMapLabeler *l)
{
  if (l->cells == NULL)
    return;
  for (guint i = 0; i < l->nx * l->ny; i++)
    if (l->cells[i])
      g_array_unref (l->cells[i]);
  g_clear_pointer (&l->cells, g_free);
}

CmMapLabeler *
cm_map_labeler_new (double width,
                    double height)
{
  CmMapLabeler *l = g_new0 (CmMapLabeler, 1);

  l->boxes = g_array_new (FALSE, FALSE, sizeof (Item));
  l->labels = g_array_new (FALSE, FALSE, sizeof (CmMapBox));
  l->gap = DEFAULT_GAP;
  cm_map_labeler_reset (l, width, height);
  return l;
}

void
cm_map_labeler_free (CmMapLabeler *l)
{
  if (l == NULL)
    return;
  free_cells (l);
  g_array_unref (l->boxes);
  g_array_unref (l->labels);
  g_free (l);
}

void
cm_map_labeler_reset (CmMapLabeler *l,
                      double        width,
                      double        height)
{
  guint nx = (guint) CLAMP (ceil (width / CELL), 1, 4096);
  guint ny = (guint) CLAMP (ceil (height / CELL), 1, 4096);

  if (l->cells == NULL || nx != l->nx || ny != l->ny)
    {
      free_cells (l);
      l->nx = nx;
      l->ny = ny;
      l->cells = g_new0 (GArray *, nx * ny);
    }
  else
    for (guint i = 0; i < nx * ny; i++)
      if (l->cells[i])
        g_array_set_size (l->cells[i], 0);
  l->width = width;
  l->height = height;
  g_array_set_size (l->boxes, 0);
  g_array_set_size (l->labels, 0);
}

/* Whether @box comes closer than the gap to anything reserved. The disc
 * at (own_x, own_y) of radius up to @own_r is the marker @box names: it
 * only has to stay clear of it (own_r < 0: none). */
static gboolean
collides (CmMapLabeler   *l,
          const CmMapBox *box,
          double          own_x,
          double          own_y,
          double          own_r)
{
  double g = l->gap;
  CmMapBox grown = { box->x0 - g, box->y0 - g, box->x1 + g, box->y1 + g };
  guint cx0, cy0, cx1, cy1;

  cell_range (l, &grown, &cx0, &cy0, &cx1, &cy1);
  for (guint cy = cy0; cy <= cy1; cy++)
    for (guint cx = cx0; cx <= cx1; cx++)
      {
        GArray *cell = l->cells[cy * l->nx + cx];

        if (cell == NULL)
          continue;
        for (guint k = 0; k < cell->len; k++)
          {
            const Item *it = &g_array_index (l->boxes, Item, g_array_index (cell, guint, k));
            double dx, dy, clear;

            if (!cm_map_box_intersects (&grown, &it->box))
              continue;
            if (it->r <= 0)
              return TRUE;
            /* Disc against box: the nearest point of the box to the
             * centre decides. */
            dx = CLAMP (it->cx, box->x0, box->x1) - it->cx;
            dy = CLAMP (it->cy, box->y0, box->y1) - it->cy;
            clear = it->r + g;
            if (it->cx == own_x && it->cy == own_y && it->r <= own_r)
              clear = it->r;
            if (dx * dx + dy * dy < clear * clear)
              return TRUE;
          }
      }
  return FALSE;
}

gboolean
cm_map_labeler_collides (CmMapLabeler   *l,
                         const CmMapBox *box)
{
  return collides (l, box, 0, 0, -1);
}

static void
add_item (CmMapLabeler *l,
          const Item   *item)
{
  guint index = l->boxes->len;
  guint cx0, cy0, cx1, cy1;

  g_array_append_val (l->boxes, *item);
  cell_range (l, &item->box, &cx0, &cy0, &cx1, &cy1);
  for (guint cy = cy0; cy <= cy1; cy++)
    for (guint cx = cx0; cx <= cx1; cx++)
      {
        GArray **cell = &l->cells[cy * l->nx + cx];

        if (*cell == NULL)
          *cell = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_val (*cell, index);
      }
}

void
cm_map_labeler_add_obstacle (CmMapLabeler   *l,
                             const CmMapBox *box)
{
  Item item = { *box, 0, 0, 0 };

  add_item (l, &item);
}

void
cm_map_labeler_add_circle (CmMapLabeler *l,
                           double        x,
                           double        y,
                           double        radius)
{
  Item item = { { x - radius, y - radius, x + radius, y + radius }, x, y, radius };

  if (radius > 0)
    add_item (l, &item);
}

void
cm_map_labeler_set_gap (CmMapLabeler *l,
                        double        gap)
{
  l->gap = MAX (gap, 0.0);
}

double
cm_map_labeler_get_gap (CmMapLabeler *l)
{
  return l->gap;
}

static gboolean
try_add (CmMapLabeler   *l,
         const CmMapBox *box,
         double          own_x,
         double          own_y,
         double          own_r)
{
  if (box->x0 < EDGE || box->y0 < EDGE || box->x1 > l->width - EDGE || box->y1 > l->height - EDGE)
    return FALSE;
  if (collides (l, box, own_x, own_y, own_r))
    return FALSE;
  cm_map_labeler_add_obstacle (l, box);
  g_array_append_val (l->labels, *box);
  return TRUE;
}

gboolean
cm_map_labeler_try_add (CmMapLabeler   *l,
                        const CmMapBox *box)
{
  return try_add (l, box, 0, 0, -1);
}

gboolean
cm_map_labeler_place_beside (CmMapLabeler *l,
                             double        x,
                             double        y,
                             double        radius,
                             double        width,
                             double        height,
                             CmMapBox     *box)
{
  /* Offsets of the box's top-left corner, in order of preference. */
  double r = radius + EDGE;
  double d = r * G_SQRT2 / 2;
  const double pos[8][2] = {
    { x + r, y - height / 2 },
    { x - r - width, y - height / 2 },
    { x - width / 2, y - r - height },
    { x - width / 2, y + r },
    { x + d, y - d - height },
    { x - d - width, y - d - height },
    { x + d, y + d },
    { x - d - width, y + d },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pos); i++)
    {
      CmMapBox b = { pos[i][0], pos[i][1], pos[i][0] + width, pos[i][1] + height };

      if (try_add (l, &b, x, y, radius))
        {
          *box = b;
          return TRUE;
        }
    }
  return FALSE;
}

const CmMapBox *
cm_map_labeler_get_labels (CmMapLabeler *l,
                           guint        *n)
{
  *n = l->labels->len;
  return (const CmMapBox *) l->labels->data;
}
