/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-export"

#include <math.h>

#include "cm-adoption-data.h"
#include "cm-figure-private.h"
#include "cm-timeline-view.h"

/* The adoption curve as a figure (--view adoption): the window's panel
 * under the timeline, with a time axis of its own. Over the figure's
 * filters; its period is the axis. A frame of an animation draws the curve
 * up to the playhead only, so that it grows frame by frame. */

static void
ensure_painter (CmFigure *self)
{
  g_autoptr(CmAdoptionData) data = NULL;

  if (self->adoption != NULL)
    return;
  data = cm_adoption_data_new (self->dataset, self->match, FALSE);
  self->adoption = cm_adoption_painter_new ();
  cm_adoption_data_apply (data, self->adoption);
  _cm_figure_adoption_set_language (self);
}

void
_cm_figure_adoption_set_language (CmFigure *self)
{
  if (self->adoption == NULL)
    return;
  cm_adoption_painter_set_language (self->adoption, self->o.language);
  cm_adoption_painter_set_title (self->adoption, self->s->places_announced);
}

void
_cm_figure_draw_adoption (CmFigure           *self,
                          cairo_t            *cr,
                          const CmPaintStyle *style,
                          double              width,
                          double              height)
{
  CmAdoptionView view;
  CmTimelineView range;
  gint64 first, last;

  ensure_painter (self);
  cm_adoption_painter_set_style (self->adoption, style);
  cm_adoption_view_init (&view, width, height);
  view.show_axis = TRUE;
  /* The timeline's framing: the same margins, deep time included. */
  cm_timeline_view_init (&range, width, height);
  if (self->o.from < self->o.to)
    cm_timeline_view_set_range (&range, self->o.from, self->o.to);
  else if (cm_adoption_curve_get_extent (cm_adoption_painter_get_curve (self->adoption, 0), &first, &last))
    cm_timeline_view_fit (&range, (double) first, (double) last);
  view.t0 = range.t0;
  view.t1 = range.t1;
  if (self->o.has_at)
    {
      view.has_playhead = TRUE;
      view.playhead = (double) self->o.at;
      if (self->frame_mode)
        view.reveal_until = (double) self->o.at;
    }
  cm_adoption_painter_paint (self->adoption, cr, &view);
}
