/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cm-enums.h"
#include "cm-timeline-index.h"

G_BEGIN_DECLS

#define CM_TYPE_TIMELINE (cm_timeline_get_type ())

G_DECLARE_FINAL_TYPE (CmTimeline, cm_timeline, CM, TIMELINE, GtkWidget)

/* Returns a newly allocated text for @mark (the date as written, a
 * title...), shown in the tooltip and read by screen readers. */
typedef char *(*CmTimelineLabelFunc) (guint    mark,
                                      gpointer user_data);

GtkWidget       *cm_timeline_new               (void);

void             cm_timeline_set_data          (CmTimeline           *self,
                                                const CmTimelineData *data);
void             cm_timeline_set_index         (CmTimeline           *self,
                                                CmTimelineIndex      *index);
CmTimelineIndex *cm_timeline_get_index         (CmTimeline           *self);
void             cm_timeline_set_label_func    (CmTimeline           *self,
                                                CmTimelineLabelFunc   func,
                                                gpointer              user_data,
                                                GDestroyNotify        destroy);
void             cm_timeline_set_labels        (CmTimeline           *self,
                                                const char * const   *labels);
/* The short text drawn beside or on a mark when few are in view (its
 * title): the painter's labels, laid out as in the exported figure. */
void             cm_timeline_set_title_func    (CmTimeline           *self,
                                                CmTimelineLabelFunc   func,
                                                gpointer              user_data,
                                                GDestroyNotify        destroy);
/* One byte per mark, non-zero for dimmed; NULL dims none. */
void             cm_timeline_set_dimmed        (CmTimeline           *self,
                                                const guint8         *dimmed);
void             cm_timeline_set_language      (CmTimeline           *self,
                                                CmLabelLanguage       language);

void             cm_timeline_get_visible_range (CmTimeline           *self,
                                                double               *start,
                                                double               *end);
void             cm_timeline_set_visible_range (CmTimeline           *self,
                                                double                start,
                                                double                end);
void             cm_timeline_zoom              (CmTimeline           *self,
                                                double                factor);
void             cm_timeline_fit               (CmTimeline           *self);

gboolean         cm_timeline_get_has_brush     (CmTimeline           *self);
double           cm_timeline_get_brush_start   (CmTimeline           *self);
double           cm_timeline_get_brush_end     (CmTimeline           *self);
void             cm_timeline_set_brush         (CmTimeline           *self,
                                                double                start,
                                                double                end);
void             cm_timeline_clear_brush       (CmTimeline           *self);

double           cm_timeline_get_playhead      (CmTimeline           *self);
void             cm_timeline_set_playhead      (CmTimeline           *self,
                                                double                playhead);
/* Whether the playhead is shown: from the first set_playhead() until
 * playback reaches its end, or clear_playhead(). */
gboolean         cm_timeline_get_has_playhead  (CmTimeline           *self);
void             cm_timeline_clear_playhead    (CmTimeline           *self);
gboolean         cm_timeline_get_playing       (CmTimeline           *self);
void             cm_timeline_set_playing       (CmTimeline           *self,
                                                gboolean              playing);
double           cm_timeline_get_speed         (CmTimeline           *self);
void             cm_timeline_set_speed         (CmTimeline           *self,
                                                double                speed);

GtkBitset       *cm_timeline_get_selection     (CmTimeline           *self);
void             cm_timeline_set_selection     (CmTimeline           *self,
                                                GtkBitset            *selection);
int              cm_timeline_get_focus_mark    (CmTimeline           *self);
void             cm_timeline_set_focus_mark    (CmTimeline           *self,
                                                int                   mark);

/* Where the time axis runs, in widget coordinates ("plot-left" and
 * "plot-right"): a view drawn under the timeline lines up with it. */
void             cm_timeline_get_plot_edges    (CmTimeline           *self,
                                                double               *left,
                                                double               *right);

gboolean         cm_timeline_get_dark          (CmTimeline           *self);
void             cm_timeline_set_dark          (CmTimeline           *self,
                                                gboolean              dark);

G_END_DECLS
