/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "cm-export-figure.h"

G_BEGIN_DECLS

/* A figure prepared once and drawn many times: the filters worked out
 * into a match mask and per-category sorted start times, the map's data
 * and the timeline's index built, the map framed. A change of the
 * playhead (or of the page's size) then costs a redraw, not a re-filter
 * of every announcement: what an animation's frames and a live preview
 * need. cm_export_figure_draw() draws through one too, so there is one
 * route from data to pixel.
 *
 * The options are copied (their strings and lists too; the base map is
 * referenced), so the caller's may go. One thread at a time. */

#define CM_TYPE_FIGURE (cm_figure_get_type ())
G_DECLARE_FINAL_TYPE (CmFigure, cm_figure, CM, FIGURE, GObject)

CmFigure              *cm_figure_new              (CmDataset              *dataset,
                                                   const CmFigureOptions  *options);
const CmFigureOptions *cm_figure_get_options      (CmFigure               *self);
CmDataset             *cm_figure_get_dataset      (CmFigure               *self);

/* The page, in the unit drawn in (CSS pixels for a composed figure). */
void                   cm_figure_set_size         (CmFigure               *self,
                                                   double                  width,
                                                   double                  height);
/* The playhead: the figure counts what starts up to @at (its day
 * included, as the map and the timeline do). */
void                   cm_figure_set_playhead     (CmFigure               *self,
                                                   gboolean                has_at,
                                                   gint64                  at);
/* A frame of the diffusion: the map shows only the places whose first
 * announcement shown starts by the playhead (no grey marks for places
 * still to come), framed on everything the figure shows so that the map
 * stands still from frame to frame; the page keeps the layout of the
 * last frame; the playhead's day is written large. */
void                   cm_figure_set_frame_mode   (CmFigure               *self,
                                                   gboolean                frame_mode);
/* A line of the footer (replaces the options'); NULL for none. */
void                   cm_figure_set_footer_note  (CmFigure               *self,
                                                   const char             *note);

/* What a figure draws differently without preparing anything again (the
 * match mask, the map's data, the timeline's index and the projected
 * base map stay): a change of these in the export dialog's preview costs
 * a drawing. The words as the options' (NULL takes the dataset's). */
void                   cm_figure_set_words        (CmFigure               *self,
                                                   const char             *title,
                                                   const char             *subtitle,
                                                   const char             *caption,
                                                   const char             *source,
                                                   gboolean                no_title);
void                   cm_figure_set_dark         (CmFigure               *self,
                                                   gboolean                dark);
void                   cm_figure_set_language     (CmFigure               *self,
                                                   CmLabelLanguage         language);
/* A view not drawn before is built on its first drawing, then kept. */
void                   cm_figure_set_view         (CmFigure               *self,
                                                   CmFigureView            view);
/* Whether a figure prepared for @a draws @b after cm_figure_update(),
 * the masks of the filters (@match) aside, which the caller compares. */
gboolean               cm_figure_options_prepare_alike (const CmFigureOptions *a,
                                                        const CmFigureOptions *b);
/* @options through the setters above, the size and the playhead's:
 * TRUE when the figure now draws as cm_figure_new (dataset, @options)
 * would; FALSE, changing nothing, when they differ in what it prepared
 * (base map, filters, range, lanes, colour, projection, region,
 * selection, composing): a new figure is needed. */
gboolean               cm_figure_update           (CmFigure               *self,
                                                   const CmFigureOptions  *options);

/* Announcements shown at the playhead (in range, through the filters). */
guint                  cm_figure_get_n_shown      (CmFigure               *self);
/* The period shown, [@from, @to). */
void                   cm_figure_get_period       (CmFigure               *self,
                                                   gint64                 *from,
                                                   gint64                 *to);
/* It in words for a message: "1 Nov 2021 to 30 Apr 2023". */
char                  *cm_figure_get_period_text  (CmFigure               *self);
/* Places standing for a region the base map lacks (names owned by the
 * dataset); NULL for a timeline. */
GPtrArray             *cm_figure_get_unmatched    (CmFigure               *self);
/* What the map leaves out, for a note: located announcements shown
 * that fall outside its frame, and announcements without a place the
 * map can show (cm_export_figure_left_out()). Zero for a timeline. */
void                   cm_figure_get_left_out     (CmFigure               *self,
                                                   guint                  *outside,
                                                   guint                  *unplaced);
/* That as the footer's line: "Not on the map: 3 announcements outside
 * its frame, 10 without a place.", or NULL when the map shows all. */
char                  *cm_figure_get_left_out_note (CmFigure             *self);
/* Where dataset place @place is drawn in the figure's last frame, in the
 * figure's unit; FALSE when it has no point on the map, or no map was
 * drawn. */
gboolean               cm_figure_place_position   (CmFigure               *self,
                                                   guint                   place,
                                                   double                 *x,
                                                   double                 *y);

/* Draws the figure on @cr, from (0, 0) to the page's size. FALSE with
 * @error (CM_EXPORT_ERROR_DRAW) for options that make no figure: a map
 * without a base map, both views without composing. */
gboolean               cm_figure_draw             (CmFigure               *self,
                                                   cairo_t                *cr,
                                                   GError                **error);

G_END_DECLS
