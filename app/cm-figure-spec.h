/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cm-animation.h"
#include "cm-export-figure.h"
#include "cm-export-write.h"
#include "cm-figure.h"

G_BEGIN_DECLS

/* A figure to draw from the window: the figure's options with everything
 * they point to owned, so that a copy can be drawn on a worker thread
 * while the window moves on. The preview, the export and Copy Figure all
 * draw one through cm_export_figure_draw(), at the same scale for the
 * same size, so a preview at the PNG's size is the PNG pixel for pixel. */
typedef struct
{
  CmFigureOptions  options;   /* its pointers point into the fields below */
  CmDataset       *dataset;
  CmExportFormat   format;
  double           dpi;       /* PNG pixels per inch */
  /* The diffusion, one frame per step over the period shown, instead of
   * the figure (its format, step and timing; the rest is the page's). */
  gboolean         animate;
  CmAnimationOptions animation;

  /*< private >*/
  CmBasemap       *basemap;
  GBytes          *match;
  GArray          *selection;
  char            *title;
  char            *subtitle;
  char            *caption;
  char            *source;
  char           **categories;
  char            *search;
} CmFigureSpec;

CmFigureSpec    *cm_figure_spec_new          (CmDataset          *dataset);
CmFigureSpec    *cm_figure_spec_copy         (const CmFigureSpec *spec);
void             cm_figure_spec_free         (CmFigureSpec       *spec);

void             cm_figure_spec_set_basemap  (CmFigureSpec       *spec,
                                              CmBasemap          *basemap);
/* @match: (nullable): one byte per announcement; @categories: the ids of
 * the categories shown, or NULL for all; @search: the query or NULL. */
void             cm_figure_spec_set_filter   (CmFigureSpec       *spec,
                                              GBytes             *match,
                                              const char * const *categories,
                                              const char         *search);
void             cm_figure_spec_set_selection (CmFigureSpec      *spec,
                                               const guint       *announcements,
                                               guint              n);
/* NULL takes the dataset's (see CmFigureOptions). */
void             cm_figure_spec_set_words    (CmFigureSpec       *spec,
                                              const char         *title,
                                              const char         *subtitle,
                                              const char         *caption,
                                              const char         *source);

/* The PNG's size in pixels, at spec->dpi. */
void             cm_figure_spec_png_size     (const CmFigureSpec *spec,
                                              int                *width,
                                              int                *height);
/* The figure drawn on a new image surface @scale device pixels to the
 * figure's CSS pixel (spec->dpi / 96 for the PNG's own size), as
 * cm_export_write_page() draws a PNG; NULL with @error set when nothing
 * can be drawn. */
cairo_surface_t *cm_figure_spec_render       (const CmFigureSpec *spec,
                                              double              scale,
                                              GError            **error);
/* cm_figure_spec_render() through @figure, prepared for @spec or for one
 * that cm_figure_spec_same_figure() finds the same. */
cairo_surface_t *cm_figure_spec_render_with   (const CmFigureSpec *spec,
                                               CmFigure           *figure,
                                               double              scale,
                                               GError            **error);
/* Whether a CmFigure prepared for @other draws @spec too, once
 * cm_figure_update() has given it @spec's options: they differ at most
 * in the page, the resolution, the format, the words, the style, the
 * language, the view and the playhead. */
gboolean         cm_figure_spec_same_figure   (const CmFigureSpec *spec,
                                               const CmFigureSpec *other);
/* cm_figure_spec_render() through *@figure (nullable) updated to @spec
 * when it can take it (cm_figure_update()), else through a new figure,
 * which replaces it. */
cairo_surface_t *cm_figure_spec_render_reusing (const CmFigureSpec  *spec,
                                                CmFigure           **figure,
                                                double               scale,
                                                GError             **error);
/* cm_figure_spec_render_reusing() on a worker thread, of @spec (transfer
 * full), through @figure (nullable); @source is the task's source
 * object. The finish gives the figure drawn, to draw the next change
 * through: a change of page, words, style, language or view then costs a
 * drawing, not a new figure (the map's data and the timeline's index). */
void             cm_figure_spec_render_async  (CmFigureSpec       *spec,
                                               CmFigure           *figure,
                                               double              scale,
                                               gpointer            source,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
cairo_surface_t *cm_figure_spec_render_finish (GAsyncResult       *result,
                                               CmFigure          **figure,
                                               GError            **error);
/* Writes the figure to @file in spec->format, atomically: a failed or
 * cancelled export leaves no file and any earlier one as it was. */
gboolean         cm_figure_spec_write        (const CmFigureSpec *spec,
                                              GFile              *file,
                                              GCancellable       *cancellable,
                                              GError            **error);

/* The animation's frames over @figure's period (prepared for @spec): how
 * many, at most CM_ANIMATION_MAX_FRAMES + 1; and its options, complete. */
guint            cm_figure_spec_animation     (const CmFigureSpec *spec,
                                               CmFigure           *figure,
                                               CmAnimationOptions *animation);
/* Writes the animation to @file (a folder for PNG frames), atomically;
 * @progress as cm_animation_write() calls it, from this thread. */
gboolean         cm_figure_spec_write_animation (const CmFigureSpec  *spec,
                                                 GFile               *file,
                                                 CmAnimationProgress  progress,
                                                 gpointer             user_data,
                                                 GCancellable        *cancellable,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmFigureSpec, cm_figure_spec_free)

G_END_DECLS
