/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-adoption-data.h"
#include "cm-basemap.h"
#include "cm-dataset.h"
#include "cm-enums.h"
#include "cm-map-painter.h"
#include "cm-timeline-index.h"

G_BEGIN_DECLS

/* The bridge between the dataset and the generic painters: the painters
 * know nothing of announcements, so the app turns a dataset into their
 * plain arrays here. Mark i of the timeline and event i of the map are
 * announcement i of the dataset. GTK-free: the export uses it too. */

/* The categories' colours and names (@n of each, the names
 * NULL-terminated; the names are the dataset's) for a view that tells at
 * most @max apart: past that many the last one takes the rest, in grey,
 * rather than passing them off as one real category. */
void             cm_view_data_category_palette (CmDataset    *dataset,
                                                guint         max,
                                                CmRgba      **palette,
                                                const char ***labels,
                                                guint        *n);

/* @flags (one CmMarkFlags byte per announcement) may be NULL. */
CmTimelineIndex *cm_view_data_timeline_index (CmDataset      *dataset,
                                              CmLaneMode      lanes,
                                              const guint8   *flags);

/* Places, events, categories and region shading for the map, as the
 * plain arrays the map painter and widget take. Places of kind country or
 * province shade their base-map region (matched by name) instead of
 * having a marker, while their events fall in the time range
 * (@place_regions links them); @unmatched lists those the base map
 * lacks. The map's place i is dataset place i. */
typedef struct
{
  guint        n_places;
  double      *lon;
  double      *lat;
  const char **ids;
  const char **names;
  const char **local_names;
  const char **place_regions;   /* per place: region id (owned by the base map), or NULL */
  gsize        n_events;
  gint64      *times;           /* per event: its announcement's period, start */
  gint64      *ends;            /* and end: it counts where it overlaps the range */
  guint32     *places;
  guint8      *categories;
  guint32     *announcements;   /* per event: the dataset's announcement index */
  guint        n_categories;    /* at most CM_MAP_MAX_CATEGORIES; past it the last is "other" */
  CmRgba      *palette;         /* the map uses the first n_categories */
  const char **labels;          /* n_categories names, then NULL */
  GPtrArray   *region_ids;
  GArray      *region_colors;   /* CmRgba */
  GPtrArray   *unmatched;       /* place names (owned by the dataset) */
  guint        n_unplaced;      /* announcements the map cannot show: no place,
                                 * or one with neither a point nor a region */
  gboolean     uncategorised;   /* some event has no category: counted in the first */
  CmMapEvents *events;          /* the events bucketed for the painter, until applied once */
} CmMapData;

CmMapData       *cm_map_data_new             (CmDataset      *dataset,
                                              CmBasemap      *basemap,
                                              gboolean        dark);
void             cm_map_data_free            (CmMapData      *data);
void             cm_map_data_apply           (CmMapData      *data,
                                              CmMapPainter   *painter);
/* The regions' shading alone, as cm_map_data_apply() sets it. */
void             cm_map_data_apply_region_colors (CmMapData  *data,
                                                  CmMapPainter *painter);
/* The shading as cm_map_data_new() makes it for @dark, without
 * rebuilding the rest; apply it to be drawn. */
void             cm_map_data_set_dark        (CmMapData      *data,
                                              gboolean        dark);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmMapData, cm_map_data_free)

/* Everything the views need of a freshly loaded dataset, built on two
 * threads: the timeline index (for @lanes) and, unless @adoption_mode is
 * CM_ADOPTION_HIDDEN, the adoption curve's data on a second one, while
 * this one sorts the dataset by time (which the list and the map use)
 * and, when @basemap is not NULL, builds the map data. For the loading
 * thread. @adoption may be NULL when @adoption_mode is hidden. */
void             cm_view_data_build          (CmDataset        *dataset,
                                              CmLaneMode        lanes,
                                              CmBasemap        *basemap,
                                              gboolean          dark,
                                              CmAdoptionMode    adoption_mode,
                                              CmTimelineIndex **index,
                                              CmMapData       **map_data,
                                              CmAdoptionData  **adoption);

/* The title of timeline mark @mark (announcement @mark of @dataset, a
 * CmDataset), as a CmTimelineLabelFunc: what the window's timeline and a
 * report figure write beside a mark. */
char            *cm_view_data_mark_title     (guint           mark,
                                              gpointer        dataset);

/* The base map shipped with the app: installed data, else the source tree
 * (so it works from a build directory); CHRONOMAP_DATADIR overrides. */
char            *cm_view_data_default_basemap_path (void);

G_END_DECLS
