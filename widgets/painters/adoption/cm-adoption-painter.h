/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "cm-adoption-curve.h"
#include "cm-enums.h"
#include "cm-painter-common.h"

G_BEGIN_DECLS

/*
 * Draws adoption curves — how many items (places) have happened by each
 * time — under a timeline, on its time axis: the view gives the time at
 * two x positions, the timeline's plot edges, so both line up. Each
 * series is a line (the expectation) over a band (from the items certainly
 * done to those possibly done), with a y scale of whole counts. With
 * @show_axis the painter draws a time axis of its own (for a figure of the
 * curve alone). No GTK, no dataset: the widget and the export call it.
 */

typedef struct _CmAdoptionPainter CmAdoptionPainter;

typedef struct
{
  double   t0, t1;          /* the times at x0 and x1 */
  double   x0, x1;          /* the plot's horizontal extent, logical pixels */
  double   width, height;
  gboolean show_axis;       /* a time axis under the plot */
  gboolean has_brush;
  double   brush_start, brush_end;
  gboolean has_playhead;
  double   playhead;
  double   hover_time;      /* a marker on the curves there; NAN for none */
  double   reveal_until;    /* the curves end there (an animation's frame);
                             * NAN draws them whole */
  gboolean draw_background;
} CmAdoptionView;

void               cm_adoption_view_init          (CmAdoptionView    *view,
                                                   double             width,
                                                   double             height);

CmAdoptionPainter *cm_adoption_painter_new        (void);
void               cm_adoption_painter_free       (CmAdoptionPainter *self);

/* Item i happened in [starts[i], ends[i]) and belongs to series
 * series[i] (< @n_series; all to series 0 when @series is NULL). */
void               cm_adoption_painter_set_data   (CmAdoptionPainter *self,
                                                   guint              n,
                                                   const gint64      *starts,
                                                   const gint64      *ends,
                                                   const guint8      *series,
                                                   guint              n_series);
/* A colour and a name per series (copied); a NULL @colors draws one
 * neutral colour, NULL @labels no key. */
void               cm_adoption_painter_set_series (CmAdoptionPainter *self,
                                                   guint              n_series,
                                                   const CmRgba      *colors,
                                                   const char *const *labels);
/* The line over the plot, e.g. "Places that have announced". */
void               cm_adoption_painter_set_title  (CmAdoptionPainter *self,
                                                   const char        *title);
void               cm_adoption_painter_set_style  (CmAdoptionPainter *self,
                                                   const CmPaintStyle *style);
void               cm_adoption_painter_set_language (CmAdoptionPainter *self,
                                                   CmLabelLanguage    language);

guint              cm_adoption_painter_get_n_series (CmAdoptionPainter *self);
CmAdoptionCurve   *cm_adoption_painter_get_curve  (CmAdoptionPainter *self,
                                                   guint              series);

void               cm_adoption_painter_paint      (CmAdoptionPainter *self,
                                                   cairo_t           *cr,
                                                   const CmAdoptionView *view);

/* The plot's rectangle for @view, and where time @t and count @value are
 * drawn. */
void               cm_adoption_painter_get_plot   (CmAdoptionPainter *self,
                                                   const CmAdoptionView *view,
                                                   double            *x,
                                                   double            *y,
                                                   double            *width,
                                                   double            *height);
double             cm_adoption_painter_time_to_x  (const CmAdoptionView *view,
                                                   double             t);
double             cm_adoption_painter_x_to_time  (const CmAdoptionView *view,
                                                   double             x);
double             cm_adoption_painter_value_to_y (CmAdoptionPainter *self,
                                                   const CmAdoptionView *view,
                                                   double             value);

/* The items (indices given to set_data) whose interval meets the
 * @radius pixels either side of @x, earliest first, at most @max. */
GArray            *cm_adoption_painter_items_near (CmAdoptionPainter *self,
                                                   const CmAdoptionView *view,
                                                   double             x,
                                                   double             radius,
                                                   guint              max,
                                                   guint             *n_total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmAdoptionPainter, cm_adoption_painter_free)

G_END_DECLS
