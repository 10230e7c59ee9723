/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-map"

#include <math.h>

#include "cm-memory.h"
#include "cm-map-clusters.h"

/* Half an octave between levels: clusters split gradually, and the
 * on-screen spacing at any zoom stays between radius and radius·√2. */
#define LEVEL_STEP G_SQRT2
#define MAX_LEVELS 64

struct _CmMapClusters
{
  double  radius;
  GArray *levels;    /* CmMapClusterLevel, finest first */
};

static int
compare_heavier (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const double *weights = user_data;
  double wa = weights[*(const guint *) a], wb = weights[*(const guint *) b];

  if (wa != wb)
    return wa > wb ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

static void
level_clear (CmMapClusterLevel *level)
{
  g_clear_pointer (&level->clusters, g_free);
  g_clear_pointer (&level->members, g_free);
  g_clear_pointer (&level->grid, cm_map_grid_free);
}

static void
level_index (CmMapClusterLevel *level,
             double             cell)
{
  g_autofree double *xy = g_new (double, 2 * MAX (level->n_clusters, 1));

  level->max_weight = 0;
  for (guint i = 0; i < level->n_clusters; i++)
    {
      xy[2 * i] = level->clusters[i].x;
      xy[2 * i + 1] = level->clusters[i].y;
      level->max_weight = MAX (level->max_weight, level->clusters[i].weight);
    }
  level->grid = cm_map_grid_new (xy, level->n_clusters, cell);
}

/* Greedy merge of the finer level's clusters, heaviest first: each one
 * not yet taken absorbs the untaken ones within @dist. The order makes
 * big places the cluster seeds, so clusters sit on the cities that
 * dominate them. */
static void
build_level (const CmMapClusterLevel *finer,
             CmMapClusterLevel       *level,
             double                   dist)
{
  guint n = finer->n_clusters;
  g_autofree guint *order = cm_new_big (guint, n);
  g_autofree double *weights = cm_new_big (double, n);
  g_autofree gboolean *taken = g_new0 (gboolean, MAX (n, 1));
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) clusters = g_array_new (FALSE, FALSE, sizeof (CmMapCluster));
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      order[i] = i;
      weights[i] = finer->clusters[i].weight;
    }
  g_qsort_with_data (order, n, sizeof (guint), compare_heavier, weights);

  for (guint k = 0; k < n; k++)
    {
      guint seed = order[k];
      const CmMapCluster *s = &finer->clusters[seed];
      CmMapBox box = { s->x - dist, s->y - dist, s->x + dist, s->y + dist };
      CmMapCluster c = { 0, 0, members->len, 0, 0 };
      double wx = 0, wy = 0, wsum = 0;

      if (taken[seed])
        continue;
      g_array_set_size (near, 0);
      cm_map_grid_query (finer->grid, &box, near);

      for (guint j = 0; j < near->len + 1; j++)
        {
          /* The seed first, then its untaken neighbours within dist. */
          guint i = j == 0 ? seed : g_array_index (near, guint, j - 1);
          const CmMapCluster *f = &finer->clusters[i];
          double w = MAX (f->weight, 1e-9);

          if (taken[i] || (j > 0 && hypot (f->x - s->x, f->y - s->y) > dist))
            continue;
          taken[i] = TRUE;
          g_array_append_vals (members, finer->members + f->first, f->n_members);
          c.n_members += f->n_members;
          c.weight += f->weight;
          wx += f->x * w;
          wy += f->y * w;
          wsum += w;
        }
      c.x = wx / wsum;
      c.y = wy / wsum;
      g_array_append_val (clusters, c);
    }

  level->n_clusters = clusters->len;
  level->clusters = (CmMapCluster *) g_array_free (g_steal_pointer (&clusters), FALSE);
  level->members = (guint *) g_array_free (g_steal_pointer (&members), FALSE);
}

CmMapClusters *
cm_map_clusters_new (const double *xy,
                     const double *weights,
                     guint         n,
                     double        radius,
                     double        min_scale,
                     double        max_scale)
{
  CmMapClusters *self = g_new0 (CmMapClusters, 1);
  CmMapClusterLevel base = { 0 };
  g_autoptr(GArray) clusters = g_array_new (FALSE, FALSE, sizeof (CmMapCluster));
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  double scale;

  g_return_val_if_fail (radius > 0 && min_scale > 0 && max_scale >= min_scale, self);

  self->radius = radius;
  self->levels = g_array_new (FALSE, TRUE, sizeof (CmMapClusterLevel));

  /* Level 0: every place with events on its own. */
  for (guint i = 0; i < n; i++)
    {
      CmMapCluster c = { xy[2 * i], xy[2 * i + 1], members->len, 1, weights[i] };

      if (!(weights[i] > 0) || !isfinite (xy[2 * i]) || !isfinite (xy[2 * i + 1]))
        continue;
      g_array_append_val (members, i);
      g_array_append_val (clusters, c);
    }
  base.scale = max_scale;
  base.n_clusters = clusters->len;
  base.clusters = (CmMapCluster *) g_array_free (g_steal_pointer (&clusters), FALSE);
  base.members = (guint *) g_array_free (g_steal_pointer (&members), FALSE);
  level_index (&base, radius / max_scale);
  g_array_append_val (self->levels, base);

  for (scale = max_scale / LEVEL_STEP;
       self->levels->len < MAX_LEVELS && scale * LEVEL_STEP > min_scale;
       scale /= LEVEL_STEP)
    {
      const CmMapClusterLevel *finer =
        &g_array_index (self->levels, CmMapClusterLevel, self->levels->len - 1);
      CmMapClusterLevel level = { 0 };

      level.scale = scale;
      build_level (finer, &level, radius / scale);
      level_index (&level, radius / scale);
      g_array_append_val (self->levels, level);
    }
  return self;
}

void
cm_map_clusters_free (CmMapClusters *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->levels->len; i++)
    level_clear (&g_array_index (self->levels, CmMapClusterLevel, i));
  g_array_unref (self->levels);
  g_free (self);
}

guint
cm_map_clusters_get_n_levels (CmMapClusters *self)
{
  return self->levels->len;
}

guint
cm_map_clusters_level_for_scale (CmMapClusters *self,
                                 double         scale)
{
  for (guint i = 0; i < self->levels->len; i++)
    if (g_array_index (self->levels, CmMapClusterLevel, i).scale <= scale * (1 + 1e-9))
      return i;
  return self->levels->len - 1;
}

const CmMapClusterLevel *
cm_map_clusters_get_level (CmMapClusters *self,
                           guint          level)
{
  g_return_val_if_fail (level < self->levels->len, NULL);
  return &g_array_index (self->levels, CmMapClusterLevel, level);
}

double
cm_map_clusters_get_radius (CmMapClusters *self)
{
  return self->radius;
}
