/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cm-map-grid.h"

G_BEGIN_DECLS

/* Places merged into clusters, precomputed for a ladder of zoom levels
 * half an octave apart, so that drawing at any zoom only reads one level.
 * Each level is built from the next finer one (hierarchical, like
 * supercluster): a cluster splits into whole sub-clusters as you zoom in. */

typedef struct
{
  double x, y;       /* projected; weighted centre of the members */
  guint  first;      /* into the level's members */
  guint  n_members;
  double weight;     /* sum of the members' weights */
} CmMapCluster;

typedef struct
{
  double        scale;        /* the level applies from this scale up */
  guint         n_clusters;
  CmMapCluster *clusters;
  guint        *members;      /* place indices, grouped by cluster */
  CmMapGrid    *grid;         /* over the cluster centres */
  double        max_weight;
} CmMapClusterLevel;

typedef struct _CmMapClusters CmMapClusters;

/* @xy: projected positions; @weights: events per place (places with
 * weight 0 are left out). Points closer than @radius screen units at a
 * level's scale are merged. Levels run from @max_scale (level 0, finest)
 * down to @min_scale. */
CmMapClusters           *cm_map_clusters_new            (const double  *xy,
                                                         const double  *weights,
                                                         guint          n,
                                                         double         radius,
                                                         double         min_scale,
                                                         double         max_scale);
void                     cm_map_clusters_free           (CmMapClusters *clusters);
guint                    cm_map_clusters_get_n_levels   (CmMapClusters *clusters);
/* The level to draw at @scale: the finest whose scale is at most @scale,
 * so clusters on screen are at least @radius apart. */
guint                    cm_map_clusters_level_for_scale (CmMapClusters *clusters,
                                                          double         scale);
const CmMapClusterLevel *cm_map_clusters_get_level      (CmMapClusters *clusters,
                                                         guint          level);
double                   cm_map_clusters_get_radius     (CmMapClusters *clusters);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmMapClusters, cm_map_clusters_free)

G_END_DECLS
