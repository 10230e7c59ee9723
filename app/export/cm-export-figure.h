/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "cm-basemap.h"
#include "cm-dataset.h"
#include "cm-enums.h"

G_BEGIN_DECLS

/* A figure of a dataset as the window shows it, drawn by the same painters
 * in the same style (cm_paint_style_init_for()), on any cairo surface.
 *
 * A composed figure is a report's: the title, a subtitle that states the
 * period and the filters, the map and/or the timeline, one legend of the
 * categories with their counts, a caption and a footer with the sources
 * and the base map's attribution. It is laid out in CSS pixels (1/96
 * inch) with text sized in points, so it is the same page at any
 * resolution: cm_export_write_page() scales the unit to the format. A bare
 * figure is the one view, exactly as the window's widget draws it. */

typedef enum
{
  CM_FIGURE_VIEW_MAP,
  CM_FIGURE_VIEW_TIMELINE,
  CM_FIGURE_VIEW_BOTH,         /* map above, timeline below */
  CM_FIGURE_VIEW_ADOPTION,     /* the places that have announced by each date */
} CmFigureView;

/* Whether the figure has a map, and so needs a base map. */
static inline gboolean
cm_figure_view_has_map (CmFigureView view)
{
  return view == CM_FIGURE_VIEW_MAP || view == CM_FIGURE_VIEW_BOTH;
}

typedef struct
{
  CmFigureView        view;
  double              width;       /* the page, in the cairo unit drawn in: */
  double              height;      /* CSS pixels for a composed figure */
  gboolean            compose;     /* a report figure; else the bare view */
  gint64              from;        /* with from < to, the time range shown; */
  gint64              to;          /* else all of the data */
  gboolean            has_at;      /* the playhead: counts up to @at */
  gint64              at;
  CmLaneMode          lanes;       /* timeline */
  CmMapColor          color;       /* map */
  CmMapProjection     projection;  /* map: auto chooses from the data */
  CmLabelLanguage     language;
  gboolean            dark;
  CmBasemap          *basemap;     /* what the map is drawn on; the map needs one */

  /* The words of a composed figure; NULL takes the dataset's title, a
   * subtitle made of the period and the filters, no caption, and the
   * dataset's sources. */
  const char         *title;
  const char         *subtitle;
  const char         *caption;
  const char         *source;
  gboolean            no_title;    /* neither title nor subtitle */
  /* A line of the footer for what the figure leaves out (announcements
   * outside the view or without a place); NULL for none. */
  const char         *footer_note;

  /* Filters other than time, as the window's: an announcement is shown
   * when it is of one of @categories, at one of @places (or a place
   * inside one), and matches @search. NULL or empty filters nothing. */
  const char * const *categories;  /* category ids */
  const char * const *places;      /* place ids */
  const char         *search;
  /* The mask those filters make, when the caller has it already (the
   * window's): one byte per announcement, non-zero for shown. The three
   * above then only word the subtitle. */
  const guint8       *match;

  /* What the window shows besides: with @has_region, the map frames this
   * box (degrees: west, south, east, north) instead of fitting the data;
   * @selection (@n_selection announcement indices) is highlighted, its
   * marks on the timeline and its places on the map. */
  gboolean            has_region;
  double              region[4];
  const guint        *selection;
  guint               n_selection;
} CmFigureOptions;

void     cm_figure_options_init      (CmFigureOptions        *options);

/* FALSE, with a message naming it, when a category or place of the
 * filters is not in @dataset. */
gboolean cm_export_figure_check      (CmDataset              *dataset,
                                      const CmFigureOptions  *options,
                                      GError                **error);
/* How many announcements the figure shows (in range, up to the playhead,
 * through the filters); with @period, the period it shows as words. */
guint    cm_export_figure_count      (CmDataset              *dataset,
                                      const CmFigureOptions  *options,
                                      char                  **period);
/* The title a composed figure shows (for the file's metadata too). */
char    *cm_export_figure_title      (CmDataset              *dataset,
                                      const CmFigureOptions  *options);

/* What the map of the figure leaves out, for a note: located
 * announcements shown (in range, through the filters) that fall outside
 * its frame, and announcements without a place the map can show. Zero
 * for a timeline. */
void     cm_export_figure_left_out   (CmDataset              *dataset,
                                      const CmFigureOptions  *options,
                                      guint                  *outside,
                                      guint                  *unplaced);

/* Draws the figure on @cr, from (0, 0) to (width, height). @unmatched, if
 * not NULL, receives the names of the places standing for a region the
 * base map lacks (owned by @dataset), for a warning; a map only. */
gboolean cm_export_figure_draw       (cairo_t                *cr,
                                      CmDataset              *dataset,
                                      const CmFigureOptions  *options,
                                      GPtrArray             **unmatched,
                                      GError                **error);

G_END_DECLS
