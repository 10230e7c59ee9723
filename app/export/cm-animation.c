/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-export"

#include "cm-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cm-animation-private.h"
#include "cm-atomic-file.h"
#include "cm-atomic-folder.h"
#include "cm-export-write.h"
#include "cm-png-write.h"
#include "cm-time-ticks.h"

/* The frames are drawn one after another on one surface through one
 * CmFigure: after the first, a frame costs the redraw and its encoding
 * (tools/bench measures it against a still export). */

#define SECONDS_PER_DAY 86400

/* Steps ----------------------------------------------------------------- */

gboolean
cm_animation_step_parse (const char      *text,
                         CmAnimationStep *step)
{
  static const struct { char letter; CmStepUnit unit; } units[] = {
    { 'd', CM_STEP_DAY }, { 'w', CM_STEP_WEEK }, { 'm', CM_STEP_MONTH },
    { 'q', CM_STEP_QUARTER }, { 'y', CM_STEP_YEAR },
  };
  guint64 n = 0;
  char *end = NULL;

  g_return_val_if_fail (step != NULL, FALSE);

  if (text == NULL || !g_ascii_isdigit (text[0]))
    return FALSE;
  n = g_ascii_strtoull (text, &end, 10);
  if (n == 0 || n > 10000 || end == NULL || end[0] == '\0' || end[1] != '\0')
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (end[0] == units[i].letter)
      {
        step->n = (guint) n;
        step->unit = units[i].unit;
        return TRUE;
      }
  return FALSE;
}

static int
days_in_month (int year,
               int month)
{
  gint64 first = cm_time_from_civil (year, month, 1, 0, 0, 0);
  gint64 next = month == 12 ? cm_time_from_civil (year + 1, 1, 1, 0, 0, 0)
                            : cm_time_from_civil (year, month + 1, 1, 0, 0, 0);

  return (int) ((next - first) / SECONDS_PER_DAY);
}

gint64
cm_animation_frame_time (gint64                 start,
                         const CmAnimationStep *step,
                         guint                  k)
{
  int y, m, d, h, mi, s;
  gint64 months;

  g_return_val_if_fail (step != NULL, start);

  switch (step->unit)
    {
    case CM_STEP_DAY:
      return start + (gint64) k * step->n * SECONDS_PER_DAY;
    case CM_STEP_WEEK:
      return start + (gint64) k * step->n * 7 * SECONDS_PER_DAY;
    case CM_STEP_MONTH:
      months = (gint64) k * step->n;
      break;
    case CM_STEP_QUARTER:
      months = (gint64) k * step->n * 3;
      break;
    case CM_STEP_YEAR:
    default:
      months = (gint64) k * step->n * 12;
      break;
    }
  cm_time_to_civil (start, &y, &m, &d, &h, &mi, &s);
  months += (gint64) y * 12 + (m - 1);
  y = (int) (months >= 0 ? months / 12 : (months - 11) / 12);
  m = (int) (months - (gint64) y * 12) + 1;
  /* 31 January and a month: the last of February. */
  d = MIN (d, days_in_month (y, m));
  return cm_time_from_civil (y, m, d, h, mi, s);
}

guint
cm_animation_count_frames (gint64                 start,
                           gint64                 end,
                           const CmAnimationStep *step,
                           guint                  max)
{
  guint n = 0;

  g_return_val_if_fail (step != NULL, 0);

  while (n <= max && cm_animation_frame_time (start, step, n) <= end)
    n++;
  return n;
}

/* Frames ---------------------------------------------------------------- */

/* Frame @k of the animation on @surface. */
static gboolean
draw_frame (CmFigure                 *figure,
            const CmAnimationOptions *o,
            guint                     k,
            cairo_surface_t          *surface,
            GError                  **error)
{
  cairo_t *cr = cairo_create (surface);
  gboolean ok;

  cm_figure_set_playhead (figure, TRUE, cm_animation_frame_time (o->start, &o->step, k));
  cairo_scale (cr, o->scale, o->scale);
  ok = cm_figure_draw (figure, cr, error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return ok;
}

static cairo_surface_t *
new_surface (const CmAnimationOptions *o,
             GError                  **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, o->width, o->height);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_CAIRO, "%d×%d pixels: %s", o->width, o->height,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  return surface;
}

/* When frame @k starts, in 1/@units of a second; frame @n_frames is the
 * end of the last one, hold included. Rounded from the exact times, so
 * that the durations do not drift at a rate the unit cannot hold. */
static gint64
frame_start (const CmAnimationOptions *o,
             guint                     k,
             guint                     n_frames,
             double                    units)
{
  gint64 t = llround (k * units / o->fps);

  if (k == n_frames)
    t += llround (o->hold * units);
  return t;
}

typedef struct
{
  CmFigure                 *figure;
  const CmAnimationOptions *o;
  guint                     n;
  cairo_surface_t          *surface;
  CmAnimationProgress       progress;
  gpointer                  user_data;
  GCancellable             *cancellable;
} Run;

static gboolean
next_frame (Run     *run,
            guint    k,
            GError **error)
{
  if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
    return FALSE;
  return draw_frame (run->figure, run->o, k, run->surface, error);
}

static void
frame_done (Run   *run,
            guint  k)
{
  if (run->progress != NULL)
    run->progress (k + 1, run->n, run->user_data);
}

static gboolean
write_webp (Run           *run,
            GOutputStream *out,
            GError       **error)
{
  g_autoptr(CmWebpWriter) writer = _cm_webp_writer_new (run->o->width, run->o->height, error);

  if (writer == NULL)
    return FALSE;
  for (guint k = 0; k < run->n; k++)
    {
      if (!next_frame (run, k, error)
          || !_cm_webp_writer_add (writer, run->surface, frame_start (run->o, k, run->n, 1000), error))
        return FALSE;
      frame_done (run, k);
    }
  return _cm_webp_writer_finish (writer, frame_start (run->o, run->n, run->n, 1000), out, run->cancellable,
                                 error);
}

static gboolean
write_gif (Run           *run,
           GOutputStream *out,
           GError       **error)
{
  g_autoptr(CmGifWriter) writer = NULL;
  cairo_surface_t *samples[2] = { NULL, NULL };
  gboolean ok = TRUE;

  /* The palette from the first frame and the last, which together show
   * every colour the others do. */
  for (guint i = 0; i < 2 && ok; i++)
    {
      samples[i] = new_surface (run->o, error);
      ok = samples[i] != NULL && draw_frame (run->figure, run->o, i == 0 ? 0 : run->n - 1, samples[i], error);
    }
  if (ok)
    writer = _cm_gif_writer_new (out, samples, 2, run->cancellable, error);
  for (guint i = 0; i < 2; i++)
    if (samples[i] != NULL)
      cairo_surface_destroy (samples[i]);
  if (writer == NULL)
    return FALSE;
  for (guint k = 0; k < run->n; k++)
    {
      guint delay = (guint) (frame_start (run->o, k + 1, run->n, 100) - frame_start (run->o, k, run->n, 100));

      if (!next_frame (run, k, error) || !_cm_gif_writer_add (writer, run->surface, MIN (delay, 65535), error))
        return FALSE;
      frame_done (run, k);
    }
  return _cm_gif_writer_finish (writer, error);
}

static gboolean
write_series (Run      *run,
              GFile    *output,
              GError  **error)
{
  g_autoptr(CmAtomicFolder) folder = cm_atomic_folder_new (output, "frame-*.png", run->n, error);
  CmExportMeta meta = { run->o->scale * 96.0, NULL, NULL };

  if (folder == NULL)
    return FALSE;
  for (guint k = 0; k < run->n; k++)
    {
      g_autofree char *name = g_strdup_printf ("frame-%04u.png", k + 1);
      g_autoptr(GOutputStream) out = NULL;

      if (!next_frame (run, k, error) || (out = cm_atomic_folder_create (folder, name, error)) == NULL
          || !cm_png_write (out, run->surface, &meta, error) || !g_output_stream_close (out, NULL, error))
        return FALSE;
      frame_done (run, k);
    }
  return cm_atomic_folder_commit (folder, error);
}

gboolean
cm_animation_write (CmFigure                 *figure,
                    const CmAnimationOptions *options,
                    GFile                    *output,
                    CmAnimationProgress       progress,
                    gpointer                  user_data,
                    GCancellable             *cancellable,
                    GError                  **error)
{
  Run run = { figure, options, 0, NULL, progress, user_data, cancellable };
  g_autoptr(CmAtomicFile) file = NULL;
  gboolean ok;

  g_return_val_if_fail (CM_IS_FIGURE (figure), FALSE);
  g_return_val_if_fail (options != NULL && options->fps > 0 && options->hold >= 0, FALSE);
  g_return_val_if_fail (G_IS_FILE (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  run.n = cm_animation_count_frames (options->start, options->end, &options->step, CM_ANIMATION_MAX_FRAMES);
  if (run.n == 0 || run.n > CM_ANIMATION_MAX_FRAMES)
    {
      g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW,
                   run.n == 0 ? _("the animation's start is after its end")
                              : _("the animation would have more than %d frames"), CM_ANIMATION_MAX_FRAMES);
      return FALSE;
    }
  if ((run.surface = new_surface (options, error)) == NULL)
    return FALSE;
  cm_figure_set_size (figure, options->width / options->scale, options->height / options->scale);
  cm_figure_set_frame_mode (figure, TRUE);
  if (options->format == CM_ANIMATION_PNG_SERIES)
    ok = write_series (&run, output, error);
  else
    {
      file = cm_atomic_file_new (output, error);
      ok = file != NULL
           && (options->format == CM_ANIMATION_WEBP ? write_webp (&run, cm_atomic_file_get_stream (file), error)
                                                    : write_gif (&run, cm_atomic_file_get_stream (file), error))
           && cm_atomic_file_commit (file, error);
    }
  cairo_surface_destroy (run.surface);
  return ok;
}
