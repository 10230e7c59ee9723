/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cm-figure.h"

G_BEGIN_DECLS

/* The diffusion as an animation: one frame per step from a start to an
 * end date, each a frame of a CmFigure (cm_figure_set_frame_mode()) with
 * the playhead at its date, so that places appear at their first
 * announcement; the last frame held. Written as an animated WebP, a GIF
 * with one shared palette, or a numbered PNG series (frame-0001.png …)
 * in a folder; all or nothing (CmAtomicFile, CmAtomicFolder). */

#define CM_ANIMATION_MAX_FRAMES 2000

typedef enum
{
  CM_ANIMATION_WEBP,
  CM_ANIMATION_GIF,
  CM_ANIMATION_PNG_SERIES,
} CmAnimationFormat;

typedef enum
{
  CM_STEP_DAY,
  CM_STEP_WEEK,
  CM_STEP_MONTH,
  CM_STEP_QUARTER,
  CM_STEP_YEAR,
} CmStepUnit;

typedef struct
{
  guint      n;          /* how many units a step is, 1 or more */
  CmStepUnit unit;
} CmAnimationStep;

typedef struct
{
  CmAnimationFormat format;
  gint64            start;    /* the first frame's playhead */
  gint64            end;      /* no frame after this */
  CmAnimationStep   step;
  double            fps;      /* frames a second (WebP, GIF) */
  double            hold;     /* seconds the last frame stays, besides its own */
  int               width;    /* the frames, in pixels */
  int               height;
  double            scale;    /* pixels per unit of the figure */
} CmAnimationOptions;

/* Called after each frame is drawn and encoded: @done of @n_frames. */
typedef void (*CmAnimationProgress) (guint    done,
                                     guint    n_frames,
                                     gpointer user_data);

/* "1d", "2w", "1m", "1q", "1y" (N and a unit: day, week, month, quarter,
 * year); FALSE for anything else. */
gboolean cm_animation_step_parse   (const char               *text,
                                    CmAnimationStep          *step);
/* The playhead of frame @k: @start plus @k steps, by the calendar for
 * months (the day kept, or the month's last), quarters and years. */
gint64   cm_animation_frame_time   (gint64                    start,
                                    const CmAnimationStep    *step,
                                    guint                     k);
/* How many frames from @start to @end (both included); @max + 1 when
 * there would be more than @max; 0 when @start is after @end. */
guint    cm_animation_count_frames (gint64                    start,
                                    gint64                    end,
                                    const CmAnimationStep    *step,
                                    guint                     max);

/* Draws the frames of @figure (left at the last, in frame mode) and
 * writes them to @output, a file, or a folder for a series. Nothing is
 * left at @output unless it all succeeds: on an error or when
 * @cancellable is cancelled (G_IO_ERROR_CANCELLED), an earlier file or
 * folder stays as it was. */
gboolean cm_animation_write        (CmFigure                 *figure,
                                    const CmAnimationOptions *options,
                                    GFile                    *output,
                                    CmAnimationProgress       progress,
                                    gpointer                  user_data,
                                    GCancellable             *cancellable,
                                    GError                  **error);

G_END_DECLS
