/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <math.h>
#include <string.h>

#include "cm-map-painter-private.h"
#include "cm-map-palette.h"
#include "cm-map-raster.h"

/* Extra area drawn around the viewport into the cached base layer, so
 * that small pans reuse it whole. */
#define CACHE_MARGIN 160.0
/* How far a cached layer may be stretched during a gesture. */
#define MAX_STRETCH 4.0
#define N_TONES CM_MAP_N_TONES

typedef CmMapPalette BasePalette;

static void
get_palette (const CmPaintStyle *style,
             BasePalette        *p)
{
  cm_map_palette_init (p, style->dark);
}

void
_cm_map_painter_base_colors (CmMapPainter *self,
                             CmRgba       *sea,
                             CmRgba       *land)
{
  BasePalette p;

  get_palette (&self->style, &p);
  *sea = p.sea;
  *land = p.tones[0];
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* Neighbouring provinces get different quiet tones: greedy colouring of
 * the graph of regions that share a vertex (shared borders are vertex
 * for vertex identical in a clean base map). */
static gboolean
has_tone (const Shapes          *s,
          const CmBasemapRegion *region,
          guint                  r)
{
  return region->role == CM_BASEMAP_ROLE_PROVINCE || region->role == CM_BASEMAP_ROLE_REGION
         || (region->role == CM_BASEMAP_ROLE_COUNTRY && !s->covered[r] && s->world);
}

static void
assign_tones (CmBasemap *basemap,
              Shapes    *s)
{
  guint n = cm_basemap_get_n_regions (basemap);
  const double *ll = s->ll;
  g_autoptr(GHashTable) owner = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (gint64), s->n_points);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint k = 0;

  /* Pairs (later region, earlier region) that share a vertex; sorted,
   * each region's earlier neighbours form one run. */
  g_array_set_size (keys, s->n_points);
  for (guint r = 0; r < n; r++)
    {
      const CmBasemapRegion *region = cm_basemap_get_region (basemap, r);

      if (!has_tone (s, region, r))
        continue;
      for (guint i = s->starts[s->first_ring[r]]; i < s->starts[s->first_ring[r] + s->n_rings[r]]; i++)
        {
          gint64 *key = &g_array_index (keys, gint64, i);
          gpointer other;

          *key = (gint64) llround ((ll[2 * i] + 360.0) * 1e5) * 100000000 + llround ((ll[2 * i + 1] + 90.0) * 1e5);
          if (g_hash_table_lookup_extended (owner, key, NULL, &other))
            {
              guint o = GPOINTER_TO_UINT (other);

              if (o != r)
                {
                  guint64 pair = ((guint64) MAX (o, r) << 32) | MIN (o, r);

                  g_array_append_val (pairs, pair);
                }
            }
          else
            g_hash_table_insert (owner, key, GUINT_TO_POINTER (r));
        }
    }
  g_array_sort (pairs, compare_pairs);

  for (guint r = 0; r < n; r++)
    {
      guint used = 0, t;

      for (; k < pairs->len && (g_array_index (pairs, guint64, k) >> 32) == r; k++)
        used |= 1u << s->tone[g_array_index (pairs, guint64, k) & 0xffffffff];
      for (t = 0; t < N_TONES && (used & (1u << t)); t++)
        ;
      s->tone[r] = t < N_TONES ? t : r % N_TONES;
    }
}

static guint
point_hash (gconstpointer key)
{
  const guint64 *v = key;
  guint64 h = v[0] * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^ (v[1] + (v[1] << 17));

  return (guint) (h ^ (h >> 32));
}

static gboolean
point_equal (gconstpointer a,
             gconstpointer b)
{
  return memcmp (a, b, 2 * sizeof (double)) == 0;
}

static int
border_class (CmBasemapRole role)
{
  switch (role)
    {
    case CM_BASEMAP_ROLE_NEIGHBOUR:
      return 0;
    case CM_BASEMAP_ROLE_COUNTRY:
      return 2;
    case CM_BASEMAP_ROLE_PROVINCE:
    case CM_BASEMAP_ROLE_REGION:
    default:
      return 1;
    }
}

/* Each border once: the first ring to walk an edge owns it, runs of owned
 * edges become polylines. Vertices are told apart by their exact
 * coordinates, as a clean base map shares borders vertex for vertex. */
static void
build_arcs (CmBasemap *basemap,
            Shapes    *s)
{
  const double *ll = s->ll;
  g_autoptr(GHashTable) vertices = g_hash_table_new (point_hash, point_equal);
  g_autofree guint *vid = g_new (guint, MAX (s->n_points, 1));
  guint n = cm_basemap_get_n_regions (basemap);
  const guint sep = G_MAXUINT;

  for (guint i = 0; i < s->n_points; i++)
    {
      gpointer found;

      if (g_hash_table_lookup_extended (vertices, &ll[2 * i], NULL, &found))
        vid[i] = GPOINTER_TO_UINT (found);
      else
        {
          vid[i] = i;
          g_hash_table_insert (vertices, (gpointer) &ll[2 * i], GUINT_TO_POINTER (i));
        }
    }

  for (int k = 0; k < 3; k++)
    {
      g_autoptr(GHashTable) edges = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

      s->arcs[k] = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint r = 0; r < n; r++)
        {
          const CmBasemapRegion *region = cm_basemap_get_region (basemap, r);

          if (border_class (region->role) != k)
            continue;
          for (guint ring = 0; ring < s->n_rings[r]; ring++)
            {
              guint a = s->starts[s->first_ring[r] + ring];
              guint b = s->starts[s->first_ring[r] + ring + 1];
              gboolean open = FALSE;

              for (guint i = a; i < b; i++)
                {
                  guint j = i + 1 < b ? i + 1 : a;
                  gint64 key = ((gint64) MIN (vid[i], vid[j]) << 32) | MAX (vid[i], vid[j]);

                  if (g_hash_table_contains (edges, &key))
                    {
                      if (open)
                        g_array_append_val (s->arcs[k], sep);
                      open = FALSE;
                      continue;
                    }
                  g_hash_table_add (edges, g_memdup2 (&key, sizeof key));
                  if (!open)
                    g_array_append_val (s->arcs[k], i);
                  g_array_append_val (s->arcs[k], j);
                  open = TRUE;
                }
              if (open)
                g_array_append_val (s->arcs[k], sep);
            }
        }
    }
}

/* Where the rings are cut: the seam of the projection, the meridian
 * opposite its centre. Longitudes are taken relative to the centre, in
 * [-180, 180], computed per vertex so that two regions sharing a vertex
 * agree on it bit for bit. */
typedef struct
{
  GArray *ll;        /* double pairs */
  GArray *starts;    /* guint */
  double  lon0;
} Cut;

static double
rel_lon (double lon,
         double lon0)
{
  double d = lon - lon0;

  if (d > 180.0 || d < -180.0)
    d = remainder (d, 360.0);
  return d;
}

static void
cut_add (Cut    *cut,
         double  u,
         double  lat)
{
  double p[2] = { cut->lon0 + u, lat };

  if (cut->ll->len >= 2 + 2 * (gsize) g_array_index (cut->starts, guint, cut->starts->len - 1))
    {
      const double *last = &g_array_index (cut->ll, double, cut->ll->len - 2);

      if (last[0] == p[0] && last[1] == p[1])
        return;
    }
  g_array_append_vals (cut->ll, p, 2);
}

static void
cut_close (Cut *cut)
{
  guint start = g_array_index (cut->starts, guint, cut->starts->len - 1);
  guint end = cut->ll->len / 2;

  if (end - start >= 3)
    g_array_append_val (cut->starts, end);
  else
    g_array_set_size (cut->ll, 2 * start);
}

/* Where the edge (ax, ay)-(bx, by) meets the vertical line x = @x, with
 * the two ends in a fixed order so both sides of a border get the same
 * point. */
static double
meet (double ax,
      double ay,
      double bx,
      double by,
      double x)
{
  if (ax > bx || (ax == bx && ay > by))
    {
      double t = ax; ax = bx; bx = t;
      t = ay; ay = by; by = t;
    }
  return ay + (x - ax) / (bx - ax) * (by - ay);
}

/* Sutherland-Hodgman against the strip [-180, 180] (the ring may be
 * concave: the strip's edges then carry zero-width runs, which the
 * even-odd fill ignores). */
static void
clip_strip (Cut          *cut,
            const double *u,
            const double *lat,
            guint         n)
{
  g_autoptr(GArray) tu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tl = g_array_new (FALSE, FALSE, sizeof (double));

  for (int side = -1; side <= 1; side += 2)
    {
      const double *iu = side < 0 ? u : (const double *) tu->data;
      const double *il = side < 0 ? lat : (const double *) tl->data;
      guint m = side < 0 ? n : tu->len;
      g_autoptr(GArray) ou = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) ol = g_array_new (FALSE, FALSE, sizeof (double));
      double edge = side * 180.0;

      for (guint i = 0; i < m; i++)
        {
          guint j = i == 0 ? m - 1 : i - 1;
          gboolean in_a = side * iu[j] <= 180.0, in_b = side * iu[i] <= 180.0;

          if (in_a != in_b)
            {
              double y = meet (iu[j], il[j], iu[i], il[i], edge);

              g_array_append_val (ou, edge);
              g_array_append_val (ol, y);
            }
          if (in_b)
            {
              g_array_append_val (ou, iu[i]);
              g_array_append_val (ol, il[i]);
            }
        }
      g_array_set_size (tu, 0);
      g_array_set_size (tl, 0);
      g_array_append_vals (tu, ou->data, ou->len);
      g_array_append_vals (tl, ol->data, ol->len);
    }
  for (guint i = 0; i < tu->len; i++)
    cut_add (cut, g_array_index (tu, double, i), g_array_index (tl, double, i));
  cut_close (cut);
}

static void
cut_ring (Cut          *cut,
          const double *ll,
          guint         n)
{
  g_autofree double *u = NULL;
  g_autofree double *lat = NULL;
  gboolean crosses = FALSE;
  double lo, hi, wind;
  int k = 0;

  for (guint i = 0; i < n && !crosses; i++)
    {
      guint j = i + 1 < n ? i + 1 : 0;

      crosses = fabs (rel_lon (ll[2 * j], cut->lon0) - rel_lon (ll[2 * i], cut->lon0)) > 180.0;
    }
  if (!crosses)
    {
      for (guint i = 0; i < n; i++)
        cut_add (cut, rel_lon (ll[2 * i], cut->lon0), ll[2 * i + 1]);
      cut_close (cut);
      return;
    }

  /* Unwrap the ring (u continuous across the seam), then clip each copy
   * shifted by a turn that overlaps the strip. A ring round a pole winds
   * a whole turn: it is closed along the pole. */
  u = g_new (double, n + 2);
  lat = g_new (double, n + 2);
  lo = G_MAXDOUBLE;
  hi = -G_MAXDOUBLE;
  for (guint i = 0; i < n; i++)
    {
      double l = rel_lon (ll[2 * i], cut->lon0);

      if (i > 0 && l - (u[i - 1] - 360.0 * k) > 180.0)
        k--;
      else if (i > 0 && l - (u[i - 1] - 360.0 * k) < -180.0)
        k++;
      u[i] = l + 360.0 * k;
      lat[i] = ll[2 * i + 1];
      lo = MIN (lo, u[i]);
      hi = MAX (hi, u[i]);
    }
  wind = rel_lon (ll[0], cut->lon0) + 360.0 * k;
  {
    double l0 = rel_lon (ll[0], cut->lon0);
    double last = u[n - 1];
    double step = l0 - (last - 360.0 * k);

    if (step > 180.0)
      wind -= 360.0;
    else if (step < -180.0)
      wind += 360.0;
    if (fabs (wind - l0) > 180.0)
      {
        double mean = 0.0, pole;

        for (guint i = 0; i < n; i++)
          mean += lat[i];
        pole = mean < 0 ? -90.0 : 90.0;
        u[n] = wind;
        lat[n] = pole;
        u[n + 1] = l0;
        lat[n + 1] = pole;
        /* The ring's first vertex again, at the pole, closes it. */
        n += 2;
        lo = MIN (lo, wind);
        hi = MAX (hi, wind);
      }
  }
  for (int shift = (int) floor ((-180.0 - hi) / 360.0); shift * 360.0 + lo <= 180.0; shift++)
    {
      g_autofree double *su = g_new (double, n);

      if (shift * 360.0 + hi < -180.0)
        continue;
      for (guint i = 0; i < n; i++)
        su[i] = u[i] + shift * 360.0;
      clip_strip (cut, su, lat, n);
    }
}

Shapes *
_cm_map_shapes_new (CmBasemap          *basemap,
                    const CmProjection *projection)
{
  Shapes *s = g_atomic_rc_box_new0 (Shapes);
  guint n_regions = cm_basemap_get_n_regions (basemap);
  gboolean has_focus = FALSE;
  Cut cut = { 0 };
  guint zero = 0;

  g_mutex_init (&s->anchor_lock);
  cut.ll = g_array_new (FALSE, FALSE, sizeof (double));
  cut.starts = g_array_new (FALSE, FALSE, sizeof (guint));
  cut.lon0 = projection->lon0;
  g_array_append_val (cut.starts, zero);
  s->first_ring = g_new0 (guint, MAX (n_regions, 1));
  s->n_rings = g_new0 (guint, MAX (n_regions, 1));
  s->covered = g_new0 (guint8, MAX (n_regions, 1));
  for (guint r = 0; r < n_regions; r++)
    {
      const CmBasemapRegion *region = cm_basemap_get_region (basemap, r);

      s->first_ring[r] = cut.starts->len - 1;
      for (guint k = 0; k < region->n_rings; k++)
        {
          guint np;
          const double *ring = cm_basemap_get_ring (basemap, r, k, &np);

          cut_ring (&cut, ring, np);
        }
      s->n_rings[r] = cut.starts->len - 1 - s->first_ring[r];

      /* A province "CN-ZJ" covers its country "CN", which is then drawn
       * as their outline only. */
      if (region->role == CM_BASEMAP_ROLE_PROVINCE && strchr (region->id, '-') != NULL)
        {
          g_autofree char *parent = g_strndup (region->id, strchr (region->id, '-') - region->id);
          int c = cm_basemap_find_region (basemap, parent);

          if (c >= 0)
            s->covered[c] = TRUE;
        }
      if (region->role == CM_BASEMAP_ROLE_COUNTRY)
        s->n_countries++;
    }
  /* A map of many countries colours them as a political map; one of a
   * country and its neighbours keeps the neighbours quiet. */
  s->world = s->n_countries > 1;
  s->n_points = cut.ll->len / 2;
  s->ll = (double *) g_array_free (cut.ll, FALSE);
  s->starts = (guint *) g_array_free (cut.starts, FALSE);
  s->xy = g_new (double, 2 * (gsize) MAX (s->n_points, 1));
  s->boxes = g_new (CmMapBox, MAX (n_regions, 1));
  s->anchor = g_new (double, 2 * (gsize) MAX (n_regions, 1));
  s->tone = g_new0 (guint8, MAX (n_regions, 1));

  for (guint i = 0; i < s->n_points; i++)
    cm_projection_forward (projection, s->ll[2 * i], s->ll[2 * i + 1], &s->xy[2 * i], &s->xy[2 * i + 1]);

  s->extent = (CmMapBox) { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  s->focus = s->extent;
  for (guint r = 0; r < n_regions; r++)
    {
      const CmBasemapRegion *region = cm_basemap_get_region (basemap, r);
      const guint *rs = s->starts + s->first_ring[r];
      CmMapBox *b = &s->boxes[r];

      if (s->n_rings[r] == 0)
        {
          *b = (CmMapBox) { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
          s->anchor[2 * r] = s->anchor[2 * r + 1] = 0;
          continue;
        }
      cm_map_rings_bounds (s->xy, rs, s->n_rings[r], b);
      s->anchor[2 * r] = s->anchor[2 * r + 1] = NAN;
      s->extent = (CmMapBox) { MIN (s->extent.x0, b->x0), MIN (s->extent.y0, b->y0),
                               MAX (s->extent.x1, b->x1), MAX (s->extent.y1, b->y1) };
      if (region->role == CM_BASEMAP_ROLE_PROVINCE || region->role == CM_BASEMAP_ROLE_REGION)
        s->has_provinces = TRUE;
      if (region->role != CM_BASEMAP_ROLE_NEIGHBOUR)
        {
          s->focus = (CmMapBox) { MIN (s->focus.x0, b->x0), MIN (s->focus.y0, b->y0),
                                  MAX (s->focus.x1, b->x1), MAX (s->focus.y1, b->y1) };
          has_focus = TRUE;
        }
    }
  if (!has_focus)
    s->focus = s->extent;

  assign_tones (basemap, s);
  build_arcs (basemap, s);
  return s;
}

/* Region @r's label point, the pole of inaccessibility of its rings,
 * found when first asked: most regions are never labelled (smaller than
 * their name at the scale drawn, or off the map), and finding it was most
 * of the cost of projecting a base map. Painters on several threads may
 * share @s: the lock keeps one from reading a point half written. */
void
_cm_map_shapes_anchor (Shapes *s,
                       guint   r,
                       double *x,
                       double *y)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&s->anchor_lock);

  if (isnan (s->anchor[2 * r]))
    {
      const CmMapBox *b = &s->boxes[r];

      cm_map_rings_pole (s->xy, s->starts + s->first_ring[r], s->n_rings[r],
                         MAX (b->x1 - b->x0, b->y1 - b->y0) / 200.0, &s->anchor[2 * r], &s->anchor[2 * r + 1]);
    }
  *x = s->anchor[2 * r];
  *y = s->anchor[2 * r + 1];
}

static void
shapes_clear (gpointer data)
{
  Shapes *s = data;

  g_free (s->ll);
  g_free (s->xy);
  g_free (s->starts);
  g_free (s->first_ring);
  g_free (s->n_rings);
  g_free (s->covered);
  g_free (s->boxes);
  g_free (s->anchor);
  g_free (s->tone);
  for (int k = 0; k < 3; k++)
    g_clear_pointer (&s->arcs[k], g_array_unref);
  g_mutex_clear (&s->anchor_lock);
}

/* Shared with a base layer being drawn on a worker thread. */
Shapes *
_cm_map_shapes_ref (Shapes *s)
{
  return g_atomic_rc_box_acquire (s);
}

void
_cm_map_shapes_free (Shapes *s)
{
  if (s != NULL)
    g_atomic_rc_box_release_full (s, shapes_clear);
}

/* Which vertices of a line are drawn. A vertex closer than @tol device
 * units to the last one kept is dropped: at a country-wide zoom most
 * vertices share a pixel. So is one that lies beyond the same side of
 * @keep (the drawn area with a margin wider than any border) as the last
 * vertex kept and the next: the triangle of the three lies beyond that
 * side, so leaving out the middle one changes the fill and the stroke
 * only out of sight. A map of China drawn from the world map thus writes
 * Russia's far coasts into no PDF. The first and the last vertex stay. */
typedef struct
{
  const CmMapBox *keep;
  double          tol;
  double          lx, ly;   /* the last vertex kept */
  guint           lside;    /* and beyond which sides of @keep it lies */
} Trace;

static inline guint
beyond (const CmMapBox *keep,
        double          x,
        double          y)
{
  return (guint) (x < keep->x0) | (guint) (x > keep->x1) << 1 | (guint) (y < keep->y0) << 2
         | (guint) (y > keep->y1) << 3;
}

static void
trace_start (Trace  *t,
             double  x,
             double  y)
{
  t->lx = x;
  t->ly = y;
  t->lside = beyond (t->keep, x, y);
}

/* Whether to draw vertex (@x, @y), followed by (@nx, @ny) unless it is
 * the last. */
static gboolean
trace_keeps (Trace    *t,
             double    x,
             double    y,
             double    nx,
             double    ny,
             gboolean  last)
{
  guint side = beyond (t->keep, x, y);

  if (!last && (fabs (x - t->lx) + fabs (y - t->ly) < t->tol
                || (t->lside & side & beyond (t->keep, nx, ny)) != 0))
    return FALSE;
  t->lx = x;
  t->ly = y;
  t->lside = side;
  return TRUE;
}

static void
append_region (cairo_t               *cr,
               const Shapes          *s,
               guint                  r,
               const cairo_matrix_t  *m,
               const CmMapBox        *keep,
               double                 tol)
{
  for (guint k = 0; k < s->n_rings[r]; k++)
    {
      guint a = s->starts[s->first_ring[r] + k], b = s->starts[s->first_ring[r] + k + 1];
      Trace t = { keep, tol, 0, 0, 0 };
      double x, y;

      if (b - a < 3)
        continue;
      x = s->xy[2 * a] * m->xx + m->x0;
      y = s->xy[2 * a + 1] * m->yy + m->y0;
      trace_start (&t, x, y);
      cairo_move_to (cr, x, y);
      x = s->xy[2 * (a + 1)] * m->xx + m->x0;
      y = s->xy[2 * (a + 1) + 1] * m->yy + m->y0;
      for (guint i = a + 1; i < b; i++)
        {
          double nx = 0, ny = 0;

          if (i + 1 < b)
            {
              nx = s->xy[2 * (i + 1)] * m->xx + m->x0;
              ny = s->xy[2 * (i + 1) + 1] * m->yy + m->y0;
            }
          if (trace_keeps (&t, x, y, nx, ny, i + 1 == b))
            cairo_line_to (cr, x, y);
          x = nx;
          y = ny;
        }
      cairo_close_path (cr);
    }
}

/* What a base layer is drawn from: all of it either immutable or
 * replaced whole when it changes, so a worker thread can hold it. */
typedef struct
{
  Shapes      *shapes;
  CmBasemap   *basemap;
  GArray      *region_fill;   /* CmRgba per region, or NULL */
  BasePalette  palette;
} BaseInputs;

static void
base_inputs_init (BaseInputs   *in,
                  CmMapPainter *self)
{
  in->shapes = _cm_map_painter_base_shapes (self);
  in->basemap = self->basemap;
  in->region_fill = self->region_fill;
  get_palette (&self->style, &in->palette);
}

/* Region @r's colour in shading @fill, or NULL for none. */
static const CmRgba *
region_shading (GArray *fill,
                guint   r)
{
  const CmRgba *c;

  if (fill == NULL || r >= fill->len)
    return NULL;
  c = &g_array_index (fill, CmRgba, r);
  return c->a > 0 ? c : NULL;
}

/* The border polylines, decimated as Trace says, either into @mask
 * (rasters) or as a path on @cr (vectors). */
static void
draw_arcs (const Shapes         *s,
           GArray               *arcs,
           const cairo_matrix_t *m,
           const CmMapBox       *keep,
           double                tol,
           double                width,
           CmMapMask            *mask,
           cairo_t              *cr)
{
  const guint *idx = (const guint *) arcs->data;
  double intensity = mask ? CLAMP (width * mask->scale, 0.3, 1.0) : 1.0;
  guint i = 0;

  while (i < arcs->len)
    {
      guint start = i, end;
      Trace t = { keep, tol, 0, 0, 0 };
      double x, y;

      while (i < arcs->len && idx[i] != G_MAXUINT)
        i++;
      end = i++;
      if (end - start < 2)
        continue;
      x = s->xy[2 * idx[start]] * m->xx + m->x0;
      y = s->xy[2 * idx[start] + 1] * m->yy + m->y0;
      trace_start (&t, x, y);
      if (cr)
        cairo_move_to (cr, x, y);
      x = s->xy[2 * idx[start + 1]] * m->xx + m->x0;
      y = s->xy[2 * idx[start + 1] + 1] * m->yy + m->y0;
      for (guint k = start + 1; k < end; k++)
        {
          double lx = t.lx, ly = t.ly, nx = 0, ny = 0;

          if (k + 1 < end)
            {
              nx = s->xy[2 * idx[k + 1]] * m->xx + m->x0;
              ny = s->xy[2 * idx[k + 1] + 1] * m->yy + m->y0;
            }
          if (trace_keeps (&t, x, y, nx, ny, k + 1 == end))
            {
              if (cr)
                cairo_line_to (cr, x, y);
              else
                cm_map_mask_line (mask, lx, ly, x, y, intensity);
            }
          x = nx;
          y = ny;
        }
    }
}

/* The base map in vectors: fills in file order (neighbours, country,
 * provinces), then each kind of border as one path so shared borders are
 * one line, not two anti-aliased ones on top of each other. @m maps
 * projected metres to @cr's user space; @clip is the projected area that
 * matters. */
static void
draw_base_vectors (const BaseInputs     *in,
                   cairo_t              *cr,
                   const cairo_matrix_t *m,
                   const CmMapBox       *clip,
                   double                tol,
                   CmMapMask            *mask)
{
  const Shapes *s = in->shapes;
  guint n = cm_basemap_get_n_regions (in->basemap);
  const BasePalette *p = &in->palette;
  const double widths[] = { 0.5, 0.6, 1.1 };
  /* @clip in user space, with room for the widest border and its
   * anti-aliasing. */
  double ux0 = clip->x0 * m->xx + m->x0, ux1 = clip->x1 * m->xx + m->x0;
  double uy0 = clip->y0 * m->yy + m->y0, uy1 = clip->y1 * m->yy + m->y0;
  const CmMapBox keep = { MIN (ux0, ux1) - 4, MIN (uy0, uy1) - 4, MAX (ux0, ux1) + 4, MAX (uy0, uy1) + 4 };

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Fills grouped by colour, one path each: a fill's cost is mostly per
   * call and per scanline, not per vertex. Neighbours first, then the
   * country (only where no province covers it: it is their union), then
   * each tone, then shadings over their regions. */
  for (int group = -2; group < N_TONES; group++)
    {
      gboolean any = FALSE;

      for (guint r = 0; r < n; r++)
        {
          const CmBasemapRegion *region = cm_basemap_get_region (in->basemap, r);
          int g = region->role == CM_BASEMAP_ROLE_NEIGHBOUR ? -2
                  : has_tone (s, region, r) ? s->tone[r]
                  : region->role == CM_BASEMAP_ROLE_COUNTRY ? (s->has_provinces ? -3 : -1)
                  : s->tone[r];

          /* A country under its provinces is drawn by them. */
          if (s->world && region->role == CM_BASEMAP_ROLE_COUNTRY && s->covered[r])
            g = -3;
          if (g != group || !cm_map_box_intersects (&s->boxes[r], clip))
            continue;
          append_region (cr, s, r, m, &keep, tol);
          any = TRUE;
        }
      if (!any)
        continue;
      cm_set_source_rgba (cr, group == -2 ? &p->neighbour : group == -1 ? &p->land : &p->tones[group]);
      cairo_fill (cr);
    }
  for (guint r = 0; r < n; r++)
    {
      const CmRgba *shade = region_shading (in->region_fill, r);

      if (shade == NULL || !cm_map_box_intersects (&s->boxes[r], clip))
        continue;
      append_region (cr, s, r, m, &keep, tol);
      cm_set_source_rgba (cr, shade);
      cairo_fill (cr);
    }

  for (guint k = 0; k < 3; k++)
    {
      const CmRgba *color = k == 0 ? &p->neighbour_border : k == 1 ? &p->border : &p->country_border;

      if (mask != NULL && widths[k] * mask->scale <= 1.5)
        {
          cm_map_mask_clear (mask);
          draw_arcs (s, s->arcs[k], m, &keep, tol, widths[k], mask, NULL);
          cm_set_source_rgba (cr, color);
          cairo_mask_surface (cr, cm_map_mask_get_surface (mask), 0, 0);
        }
      else
        {
          draw_arcs (s, s->arcs[k], m, &keep, tol, widths[k], NULL, cr);
          cm_set_source_rgba (cr, color);
          cairo_set_line_width (cr, widths[k]);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}

/* Forgets the layer; its memory is kept for the next one. */
void
_cm_map_painter_drop_base_cache (CmMapPainter *self)
{
  g_clear_pointer (&self->cache.fill, g_array_unref);
  if (self->cache.surface == NULL)
    return;
  g_clear_pointer (&self->cache_spare, cairo_surface_destroy);
  self->cache_spare = g_steal_pointer (&self->cache.surface);
}

void
cm_map_painter_drop_base_cache (CmMapPainter *self)
{
  g_return_if_fail (CM_IS_MAP_PAINTER (self));
  _cm_map_painter_drop_base_cache (self);
}

void
_cm_map_painter_free_base_cache (CmMapPainter *self)
{
  g_clear_pointer (&self->cache.surface, cairo_surface_destroy);
  g_clear_pointer (&self->cache.fill, g_array_unref);
  g_clear_pointer (&self->cache_spare, cairo_surface_destroy);
  cm_map_mask_release (&self->cache_mask);
}

/* A surface for a layer of @width × @height device pixels: the spare
 * one when it has that size, else a new one. */
static cairo_surface_t *
take_surface (CmMapPainter *self,
              int           width,
              int           height,
              double        device_scale)
{
  cairo_surface_t *surface = g_steal_pointer (&self->cache_spare);
  double sx = 0, sy = 0;

  if (surface != NULL)
    cairo_surface_get_device_scale (surface, &sx, &sy);
  if (surface == NULL || cairo_image_surface_get_width (surface) != width
      || cairo_image_surface_get_height (surface) != height || sx != device_scale)
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      cairo_surface_set_device_scale (surface, device_scale, device_scale);
    }
  return surface;
}


/* A surface for @layer, at its size in device pixels. */
static cairo_surface_t *
take_layer_surface (CmMapPainter    *self,
                    const BaseCache *layer)
{
  return take_surface (self, (int) ceil (layer->width * layer->device_scale),
                       (int) ceil (layer->height * layer->device_scale), layer->device_scale);
}

static void
fill_sea (const BasePalette *p,
          cairo_t           *cr,
          double             width,
          double             height)
{
  cm_set_source_rgba (cr, &p->sea);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

/* Cached layers live on a grid of "world pixels" at their scale:
 * (x · scale, −y · scale). Every cache at one scale shares the grid, so a
 * pan can keep the part already drawn, pixel for pixel, and draw only the
 * strips it uncovers. */
static void
view_origin (const CmMapView *v,
             double          *ow,
             double          *oh)
{
  *ow = v->cx * v->scale - v->width / 2;
  *oh = -v->cy * v->scale - v->height / 2;
}

static void
extent_in_world (CmMapPainter *self,
                 double        scale,
                 CmMapBox     *out)
{
  const CmMapBox *e = &self->shapes->extent;

  *out = (CmMapBox) { e->x0 * scale, -e->y1 * scale, e->x1 * scale, -e->y0 * scale };
}

static gboolean
box_empty (const CmMapBox *b)
{
  return b->x0 >= b->x1 || b->y0 >= b->y1;
}

/* The layer the current view wants: the viewport and a margin, within
 * the map's extent, at the view's scale. */
static void
plan_layer (CmMapPainter *self,
            double        device_scale,
            BaseCache    *layer)
{
  const CmMapView *v = &self->view;
  double ow, oh;
  CmMapBox ext, want;

  view_origin (v, &ow, &oh);
  extent_in_world (self, v->scale, &ext);
  want = (CmMapBox) {
    floor (MAX (ow - CACHE_MARGIN, ext.x0)), floor (MAX (oh - CACHE_MARGIN, ext.y0)),
    ceil (MIN (ow + v->width + CACHE_MARGIN, ext.x1)), ceil (MIN (oh + v->height + CACHE_MARGIN, ext.y1)),
  };
  if (box_empty (&want))
    want = (CmMapBox) { floor (ow), floor (oh), floor (ow) + 1, floor (oh) + 1 };
  *layer = (BaseCache) {
    .key = self->base_gen, .shade = self->shade_gen, .scale = v->scale,
    .x0 = want.x0, .y0 = want.y0, .width = want.x1 - want.x0, .height = want.y1 - want.y0,
    .device_scale = device_scale,
  };
}

/* Draws the part @dirty (world units) of @layer through @cr, a context
 * on its surface. */
static void
paint_layer (const BaseInputs *in,
             cairo_t          *cr,
             const BaseCache  *layer,
             const CmMapBox   *dirty,
             CmMapMask        *mask)
{
  double sc = layer->scale;
  CmMapBox cull = { dirty->x0 / sc, -dirty->y1 / sc, dirty->x1 / sc, -dirty->y0 / sc };
  cairo_matrix_t m;

  fill_sea (&in->palette, cr, layer->width, layer->height);
  cairo_matrix_init (&m, sc, 0, 0, -sc, -layer->x0, -layer->y0);
  cm_map_mask_ensure (mask, (int) layer->width, (int) layer->height, layer->device_scale);
  draw_base_vectors (in, cr, &m, &cull, 0.4 / layer->device_scale, mask);
}

/* Where shadings @a and @b differ: the union of those regions' boxes in
 * world units at @scale, a unit wider for anti-aliasing. A time filter
 * that recolours a few provinces redraws those, not the whole layer. */
static CmMapBox
shading_changes (CmMapPainter *self,
                 GArray       *a,
                 GArray       *b,
                 double        scale)
{
  CmMapBox out = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  guint n = cm_basemap_get_n_regions (self->basemap);

  for (guint r = 0; r < n; r++)
    {
      const CmRgba *ca = region_shading (a, r), *cb = region_shading (b, r);
      const CmMapBox *box = &self->shapes->boxes[r];

      if (ca == NULL || cb == NULL ? ca == cb
                                   : ca->r == cb->r && ca->g == cb->g && ca->b == cb->b && ca->a == cb->a)
        continue;
      out = (CmMapBox) { MIN (out.x0, floor (box->x0 * scale) - 1), MIN (out.y0, floor (-box->y1 * scale) - 1),
                         MAX (out.x1, ceil (box->x1 * scale) + 1), MAX (out.y1, ceil (-box->y0 * scale) + 1) };
    }
  return out;
}

static void
render_cache (CmMapPainter *self,
              double        device_scale)
{
  BaseCache *old = &self->cache, layer;
  CmMapBox want, inter = { 0, 0, 0, 0 }, dirty, shaded = { 0, 0, 0, 0 };
  cairo_surface_t *surface;
  BaseInputs in;
  cairo_t *cr;
  gboolean reuse;

  plan_layer (self, device_scale, &layer);
  want = (CmMapBox) { layer.x0, layer.y0, layer.x0 + layer.width, layer.y0 + layer.height };

  /* Keep what the old layer has in common with the new one, if it lies
   * on the same device pixel grid. */
  reuse = old->surface != NULL && old->key == self->base_gen
          && old->scale == layer.scale && old->device_scale == device_scale;
  if (reuse)
    {
      double dx = (old->x0 - want.x0) * device_scale, dy = (old->y0 - want.y0) * device_scale;

      inter = (CmMapBox) { MAX (want.x0, old->x0), MAX (want.y0, old->y0),
                           MIN (want.x1, old->x0 + old->width), MIN (want.y1, old->y0 + old->height) };
      reuse = !box_empty (&inter) && dx == round (dx) && dy == round (dy);
    }
  /* Shading changed: the regions whose colour did are redrawn too. */
  if (reuse && old->shade != self->shade_gen)
    {
      CmMapBox c = shading_changes (self, old->fill, self->region_fill, layer.scale);

      shaded = (CmMapBox) { MAX (c.x0, inter.x0), MAX (c.y0, inter.y0),
                            MIN (c.x1, inter.x1), MIN (c.y1, inter.y1) };
    }
  /* Redrawn whole, the old layer's memory can take the new one. */
  if (!reuse)
    _cm_map_painter_drop_base_cache (self);
  surface = take_layer_surface (self, &layer);
  cr = cairo_create (surface);
  dirty = want;
  if (reuse)
    {
      const CmMapBox strips[4] = {
        { want.x0, want.y0, want.x1, inter.y0 },
        { want.x0, inter.y1, want.x1, want.y1 },
        { want.x0, inter.y0, inter.x0, inter.y1 },
        { inter.x1, inter.y0, want.x1, inter.y1 },
      };

      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_set_source_surface (cr, old->surface, old->x0 - want.x0, old->y0 - want.y0);
      cairo_rectangle (cr, inter.x0 - want.x0, inter.y0 - want.y0, inter.x1 - inter.x0, inter.y1 - inter.y0);
      cairo_fill (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);

      dirty = (CmMapBox) { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
      for (guint i = 0; i < G_N_ELEMENTS (strips) + 1; i++)
        {
          const CmMapBox *strip = i < G_N_ELEMENTS (strips) ? &strips[i] : &shaded;

          if (box_empty (strip))
            continue;
          cairo_rectangle (cr, strip->x0 - want.x0, strip->y0 - want.y0,
                           strip->x1 - strip->x0, strip->y1 - strip->y0);
          dirty = (CmMapBox) { MIN (dirty.x0, strip->x0), MIN (dirty.y0, strip->y0),
                               MAX (dirty.x1, strip->x1), MAX (dirty.y1, strip->y1) };
        }
      cairo_clip (cr);
    }

  if (!box_empty (&dirty))
    {
      base_inputs_init (&in, self);
      paint_layer (&in, cr, &layer, &dirty, &self->cache_mask);
    }
  cairo_destroy (cr);

  _cm_map_painter_drop_base_cache (self);
  self->cache = layer;
  self->cache.surface = surface;
  self->cache.fill = self->region_fill ? g_array_ref (self->region_fill) : NULL;
}

static void
blit_cache (CmMapPainter *self,
            cairo_t      *cr,
            double        stretch)
{
  double ow, oh;
  double sx, sy;

  view_origin (&self->view, &ow, &oh);
  sx = self->cache.x0 * stretch - ow;
  sy = self->cache.y0 * stretch - oh;
  cairo_save (cr);
  if (stretch == 1.0)
    {
      /* Whole units, sampled nearest: the raster lands pixel for pixel. */
      cairo_translate (cr, round (sx), round (sy));
      cairo_set_source_surface (cr, self->cache.surface, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
    }
  else
    {
      cairo_translate (cr, sx, sy);
      cairo_scale (cr, stretch, stretch);
      cairo_set_source_surface (cr, self->cache.surface, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
    }
  cairo_rectangle (cr, 0, 0, self->cache.width, self->cache.height);
  cairo_fill (cr);
  cairo_restore (cr);
}

static gboolean
cache_covers (CmMapPainter *self)
{
  const CmMapView *v = &self->view;
  CmMapBox ext, need;
  double ow, oh;

  view_origin (v, &ow, &oh);
  extent_in_world (self, v->scale, &ext);
  need = (CmMapBox) { MAX (ow, ext.x0), MAX (oh, ext.y0),
                      MIN (ow + v->width, ext.x1), MIN (oh + v->height, ext.y1) };
  if (box_empty (&need))
    return TRUE;
  /* Half a unit of slack: the blit rounds to whole units. */
  return self->cache.x0 <= need.x0 + 0.5 && self->cache.y0 <= need.y0 + 0.5
         && self->cache.x0 + self->cache.width >= need.x1 - 0.5
         && self->cache.y0 + self->cache.height >= need.y1 - 0.5;
}

/* The cached layer shows the base map, style and shading of now. */
static gboolean
cache_is_current (CmMapPainter *self,
                  double        device_scale)
{
  return self->cache.surface != NULL && self->cache.key == self->base_gen
         && self->cache.shade == self->shade_gen && self->cache.device_scale == device_scale;
}

/* Device pixels per user unit: the surface's device scale times the
 * scale of the current matrix (an export may draw at 300 dpi by scaling). */
double
_cm_map_device_scale (cairo_t *cr)
{
  double sx = 1, sy = 1, ux = 1, uy = 0;

  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  cairo_user_to_device_distance (cr, &ux, &uy);
  return MAX (sx, sy) * MAX (hypot (ux, uy), 1e-3);
}

gboolean
_cm_map_painter_draw_base (CmMapPainter   *self,
                           cairo_t        *cr,
                           CmMapDrawFlags  flags)
{
  cairo_surface_type_t type = cairo_surface_get_type (cairo_get_target (cr));
  double device_scale = _cm_map_device_scale (cr);
  const CmMapView *v = &self->view;
  BaseInputs in;

  get_palette (&self->style, &in.palette);
  fill_sea (&in.palette, cr, v->width, v->height);
  if (self->shapes == NULL)
    return TRUE;
  _cm_map_painter_ensure_region_fill (self);
  base_inputs_init (&in, self);

  /* Vector targets get vectors: an export must not embed a raster. */
  if (type != CAIRO_SURFACE_TYPE_IMAGE || (flags & CM_MAP_DRAW_NO_CACHE))
    {
      cairo_matrix_t m;
      CmMapBox clip;

      cm_map_view_get_matrix (v, &m);
      cm_map_view_get_visible (v, &clip);
      cairo_save (cr);
      cairo_rectangle (cr, 0, 0, v->width, v->height);
      cairo_clip (cr);
      if (type == CAIRO_SURFACE_TYPE_IMAGE)
        {
          CmMapMask mask;

          cm_map_mask_init (&mask, (int) ceil (v->width), (int) ceil (v->height), device_scale);
          draw_base_vectors (&in, cr, &m, &clip, 0.4 / device_scale, &mask);
          cm_map_mask_release (&mask);
        }
      else
        draw_base_vectors (&in, cr, &m, &clip, 0.05, NULL);
      cairo_restore (cr);
      return TRUE;
    }

  if (cache_is_current (self, device_scale))
    {
      double stretch = v->scale / self->cache.scale;

      if (stretch == 1.0 && cache_covers (self))
        {
          blit_cache (self, cr, 1.0);
          return TRUE;
        }
      if ((flags & CM_MAP_DRAW_INTERACTIVE) && stretch != 1.0
          && stretch < MAX_STRETCH && stretch > 1.0 / MAX_STRETCH)
        {
          blit_cache (self, cr, stretch);
          return FALSE;
        }
    }

  render_cache (self, device_scale);
  blit_cache (self, cr, 1.0);
  return TRUE;
}

/* Off the main thread ------------------------------------------------------ */

typedef struct
{
  BaseInputs       in;        /* holds a reference on each part */
  BaseCache        layer;     /* the layer, surface included */
  CmMapMask        mask;
} BaseJob;

static void
base_job_free (gpointer data)
{
  BaseJob *job = data;

  _cm_map_shapes_free (job->in.shapes);
  g_clear_object (&job->in.basemap);
  g_clear_pointer (&job->in.region_fill, g_array_unref);
  g_clear_pointer (&job->layer.surface, cairo_surface_destroy);
  g_clear_pointer (&job->layer.fill, g_array_unref);
  cm_map_mask_release (&job->mask);
  g_free (job);
}

static void
render_base_thread (GTask        *task,
                    gpointer      source,
                    gpointer      data,
                    GCancellable *cancellable)
{
  BaseJob *job = data;
  CmMapBox all = { job->layer.x0, job->layer.y0,
                   job->layer.x0 + job->layer.width, job->layer.y0 + job->layer.height };
  cairo_t *cr;

  if (g_task_return_error_if_cancelled (task))
    return;
  cr = cairo_create (job->layer.surface);
  paint_layer (&job->in, cr, &job->layer, &all, &job->mask);
  cairo_destroy (cr);
  cairo_surface_flush (job->layer.surface);
  g_task_return_boolean (task, TRUE);
}

gboolean
cm_map_painter_base_is_ready (CmMapPainter *self,
                              double        device_scale)
{
  g_return_val_if_fail (CM_IS_MAP_PAINTER (self), TRUE);

  _cm_map_painter_ensure_shapes (self);
  if (self->shapes == NULL)
    return TRUE;
  _cm_map_painter_ensure_region_fill (self);
  return cache_is_current (self, device_scale) && self->cache.scale == self->view.scale
         && cache_covers (self);
}

void
cm_map_painter_render_base_async (CmMapPainter        *self,
                                  double               device_scale,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BaseJob *job;

  g_return_if_fail (CM_IS_MAP_PAINTER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  if (cm_map_painter_base_is_ready (self, device_scale))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  job = g_new0 (BaseJob, 1);
  base_inputs_init (&job->in, self);
  job->in.shapes = _cm_map_shapes_ref (job->in.shapes);
  g_object_ref (job->in.basemap);
  if (job->in.region_fill != NULL)
    g_array_ref (job->in.region_fill);
  plan_layer (self, device_scale, &job->layer);
  job->layer.fill = job->in.region_fill ? g_array_ref (job->in.region_fill) : NULL;
  job->layer.surface = take_layer_surface (self, &job->layer);
  g_task_set_task_data (task, job, base_job_free);
  g_task_run_in_thread (task, render_base_thread);
}

gboolean
cm_map_painter_render_base_finish (CmMapPainter  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  BaseJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  /* Drawn from what is still shown: it replaces the layer, even if the
   * view has zoomed again since (it is then the nearest to stretch). */
  if (job != NULL && job->layer.key == self->base_gen && job->layer.shade == self->shade_gen)
    {
      _cm_map_painter_drop_base_cache (self);
      self->cache = job->layer;
      job->layer.surface = NULL;
      job->layer.fill = NULL;
    }
  return TRUE;
}
