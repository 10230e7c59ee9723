/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "cm-basemap.h"
#include "cm-dataset.h"
#include "cm-enums.h"

G_BEGIN_DECLS

/* A figure of a dataset as the window shows it, drawn by the same painters
 * in the same style (cm_paint_style_init_for()), on any cairo surface. */

typedef enum
{
  CM_FIGURE_VIEW_MAP,
  CM_FIGURE_VIEW_TIMELINE,
} CmFigureView;

typedef struct
{
  CmFigureView     view;
  int              width;      /* pixels; points on a vector surface */
  int              height;
  gint64           from;       /* with from < to, the time range shown; */
  gint64           to;         /* else all of the data */
  CmLaneMode       lanes;      /* timeline */
  CmMapColor       color;      /* map */
  CmLabelLanguage  language;
  gboolean         dark;
  CmBasemap       *basemap;    /* what the map is drawn on; the map needs one */
} CmFigureOptions;

void     cm_figure_options_init (CmFigureOptions        *options);

/* Draws the figure on @cr, from (0, 0) to (width, height). @unmatched, if
 * not NULL, receives the names of the places standing for a region the
 * base map lacks (owned by @dataset), for a warning; a map only. */
gboolean cm_export_figure_draw  (cairo_t                *cr,
                                 CmDataset              *dataset,
                                 const CmFigureOptions  *options,
                                 GPtrArray             **unmatched,
                                 GError                **error);

G_END_DECLS
