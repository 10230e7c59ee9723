/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-map-painter.h"

G_BEGIN_DECLS

/* The keyboard's view of the map: a focused place with a ring around the
 * marker that shows it, the markers in reading order, and what the map
 * shows in numbers, for the widget's accessible description. */

/* What the map counts now: the time range up to the playhead, and the
 * filter's matches. @first and @last are those of the announcements
 * counted; of the @n_places counted, @n_located have a marker somewhere
 * (the others stand for regions, or have no position) and @n_in_view
 * one in the view. */
typedef struct
{
  guint   n_places;
  guint64 n_announcements;
  gint64  first, last;
  guint   n_located;
  guint   n_in_view;
} CmMapSummary;

/* -1 for none; a place out of range is none. The ring is drawn around
 * the marker that shows the place, a cluster's when it is inside one. */
void      cm_map_painter_set_focus_place     (CmMapPainter *self,
                                              int           place);
int       cm_map_painter_get_focus_place     (CmMapPainter *self);
/* The marker of the current view that shows @place; FALSE when it is
 * not shown (out of view, or nothing in range). */
gboolean  cm_map_painter_find_place_marker   (CmMapPainter *self,
                                              guint         place,
                                              CmMapHit     *marker);
/* The markers of the current view with announcements in range, in
 * reading order: rows of @row_height from the top, left to right in a
 * row. Free with g_array_unref (CmMapHit elements). */
GArray   *cm_map_painter_get_reading_order   (CmMapPainter *self,
                                              double        row_height);
void      cm_map_painter_get_summary         (CmMapPainter *self,
                                              CmMapSummary *summary);
/* Announcements counted at @place now, with their first date. */
guint32   cm_map_painter_get_place_span      (CmMapPainter *self,
                                              guint         place,
                                              gint64       *first,
                                              gint64       *last);

G_END_DECLS
