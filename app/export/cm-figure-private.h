/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-adoption-painter.h"
#include "cm-figure.h"
#include "cm-figure-text.h"
#include "cm-map-painter.h"
#include "cm-timeline-painter.h"
#include "cm-view-data.h"

G_BEGIN_DECLS

struct _CmFigure
{
  GObject                parent_instance;

  CmDataset             *dataset;
  CmFigureOptions        o;               /* language resolved; strings owned */
  GPtrArray             *owned;           /* the copies o's fixed strings point to */
  GStrv                  categories;      /* and its lists */
  GStrv                  places;
  char                  *words[5];        /* and its words, which setters replace:
                                           * title, subtitle, caption, source,
                                           * footer note */
  gboolean               match_given;     /* o's match came from the caller */
  gboolean               zh;
  const CmFigureStrings *s;
  gboolean               frame_mode;

  /* What is shown, worked out once. */
  guint8                *match;           /* filters other than time; NULL: none */
  guint                  n_categories;
  gboolean              *category_shown;
  gint64                 range_from;      /* the options' range, or everything */
  gint64                 range_to;
  gint64                 from, to;        /* the period shown, as words */
  /* Starts of the announcements in range through the filters, sorted,
   * by category (the last: none): category c's are
   * starts[offsets[c]] .. starts[offsets[c + 1]]. */
  gint64                *starts;
  guint                 *offsets;
  guint                 *category_count;  /* at the playhead */
  guint                 *final_count;     /* with nothing cut */
  guint                  n_shown;
  guint                  n_final;

  /* The views, built on first use. */
  CmMapData             *map_data;
  CmTimelineIndex       *index;
  guint8                *dimmed;
  CmMapPainter          *map;
  CmTimelinePainter     *timeline;
  double                 map_width;       /* the viewport the map was framed in */
  double                 map_height;
  gboolean               map_framed;
  gboolean               map_drawn;       /* for cm_figure_place_position() */
  double                 map_x, map_y;    /* where the last map was drawn */
  CmAdoptionPainter     *adoption;        /* cm-figure-adoption.c */
};

/* Counts up to the playhead, or of everything shown with @final. */
const guint *_cm_figure_counts         (CmFigure     *self,
                                        gboolean      final,
                                        guint        *n_shown);
void         _cm_figure_ensure_views   (CmFigure     *self,
                                        gboolean      map,
                                        gboolean      timeline);
void         _cm_figure_draw_map       (CmFigure           *self,
                                        cairo_t            *cr,
                                        const CmPaintStyle *style,
                                        double              x,
                                        double              y,
                                        double              width,
                                        double              height,
                                        CmMapOverlays       overlays);
void         _cm_figure_draw_timeline  (CmFigure           *self,
                                        cairo_t            *cr,
                                        const CmPaintStyle *style,
                                        double              width,
                                        double              height,
                                        gboolean            legend,
                                        CmTimelineRect     *plot);
double       _cm_figure_timeline_height (CmFigure           *self,
                                         const CmPaintStyle *style,
                                         double              width,
                                         double              max);
/* cm-figure-adoption.c: the adoption curve with its own time axis, and
 * its words in the figure's language. */
void         _cm_figure_adoption_set_language (CmFigure *self);
void         _cm_figure_draw_adoption  (CmFigure           *self,
                                        cairo_t            *cr,
                                        const CmPaintStyle *style,
                                        double              width,
                                        double              height);
/* cm-figure-compose.c: the report page, and the large date of a frame. */
void         _cm_figure_draw_composed  (CmFigure     *self,
                                        cairo_t      *cr);
void         _cm_figure_draw_date_panel (CmFigure           *self,
                                         cairo_t            *cr,
                                         const CmPaintStyle *style,
                                         double              right,
                                         double              y,
                                         double              height,
                                         gboolean            bottom);

G_END_DECLS
