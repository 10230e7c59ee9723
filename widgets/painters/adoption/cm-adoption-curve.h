/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A cumulative count of items that each happened at an uncertain time:
 * item i happened somewhere in [start_i, end_i). At a time t the count
 * lies between the items certainly done (end_i <= t) and those possibly
 * done (start_i <= t); the curve drawn is its expectation when each item
 * is equally likely anywhere in its interval, a ramp across it. A day
 * draws as a step, a month as a slope over the month: the precision of
 * a date shows instead of being hidden. Evaluation is a binary search:
 * a frame costs its width, not the number of items. */
typedef struct _CmAdoptionCurve CmAdoptionCurve;

/* @starts and @ends are copied; any order. */
CmAdoptionCurve *cm_adoption_curve_new       (guint            n,
                                              const gint64    *starts,
                                              const gint64    *ends);
void             cm_adoption_curve_free      (CmAdoptionCurve *curve);

guint            cm_adoption_curve_get_n     (CmAdoptionCurve *curve);
/* The expected count at @t, and the bounds when not NULL. */
double           cm_adoption_curve_eval      (CmAdoptionCurve *curve,
                                              double           t,
                                              guint           *certain,
                                              guint           *possible);
/* The earliest start and the latest end; FALSE for no items. */
gboolean         cm_adoption_curve_get_extent (CmAdoptionCurve *curve,
                                               gint64          *first,
                                               gint64          *last);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmAdoptionCurve, cm_adoption_curve_free)

G_END_DECLS
