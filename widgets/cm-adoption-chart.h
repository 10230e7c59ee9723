/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cm-adoption-painter.h"
#include "cm-timeline.h"

G_BEGIN_DECLS

#define CM_TYPE_ADOPTION_CHART (cm_adoption_chart_get_type ())

G_DECLARE_FINAL_TYPE (CmAdoptionChart, cm_adoption_chart, CM, ADOPTION_CHART, GtkWidget)

/* A newly allocated text for item @item (given to set_data()), listed in
 * the tooltip of the time it happened. */
typedef char *(*CmAdoptionLabelFunc) (guint    item,
                                      gpointer user_data);

GtkWidget *cm_adoption_chart_new            (void);

/* As cm_adoption_painter_set_data() and _set_series(). */
void       cm_adoption_chart_set_data       (CmAdoptionChart     *self,
                                             guint                n,
                                             const gint64        *starts,
                                             const gint64        *ends,
                                             const guint8        *series,
                                             guint                n_series);
void       cm_adoption_chart_set_series     (CmAdoptionChart     *self,
                                             guint                n_series,
                                             const CmRgba        *colors,
                                             const char * const  *labels);
void       cm_adoption_chart_set_title      (CmAdoptionChart     *self,
                                             const char          *title);
void       cm_adoption_chart_set_label_func (CmAdoptionChart     *self,
                                             CmAdoptionLabelFunc  func,
                                             gpointer             user_data,
                                             GDestroyNotify       destroy);
void       cm_adoption_chart_set_language   (CmAdoptionChart     *self,
                                             CmLabelLanguage      language);
void       cm_adoption_chart_set_dark       (CmAdoptionChart     *self,
                                             gboolean             dark);

/* Drawn on @timeline's time axis, with its brush and playhead; NULL for
 * none (the chart then shows the whole extent of its items). */
void       cm_adoption_chart_set_timeline   (CmAdoptionChart     *self,
                                             CmTimeline          *timeline);

CmAdoptionPainter *cm_adoption_chart_get_painter (CmAdoptionChart *self);
/* The view of the last frame: for tests and for exporting what is shown. */
void       cm_adoption_chart_get_view       (CmAdoptionChart     *self,
                                             CmAdoptionView      *view);
/* The tooltip text at @x, or NULL when nothing happened near it. */
char      *cm_adoption_chart_describe_at    (CmAdoptionChart     *self,
                                             double               x);

G_END_DECLS
