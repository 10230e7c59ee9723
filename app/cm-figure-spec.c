/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cm-atomic-file.h"
#include "cm-figure-spec.h"
#include "cm-page.h"

typedef struct
{
  CmFigure           *figure;
  GCancellable       *cancellable;
} Drawing;

/* Points the options at the spec's own copies. */
static void
link_options (CmFigureSpec *spec)
{
  CmFigureOptions *o = &spec->options;

  o->basemap = spec->basemap;
  o->match = spec->match != NULL ? g_bytes_get_data (spec->match, NULL) : NULL;
  o->selection = spec->selection != NULL ? (const guint *) (gpointer) spec->selection->data : NULL;
  o->n_selection = spec->selection != NULL ? spec->selection->len : 0;
  o->title = spec->title;
  o->subtitle = spec->subtitle;
  o->caption = spec->caption;
  o->source = spec->source;
  o->categories = (const char * const *) spec->categories;
  o->search = spec->search;
}

CmFigureSpec *
cm_figure_spec_new (CmDataset *dataset)
{
  CmFigureSpec *spec;

  g_return_val_if_fail (CM_IS_DATASET (dataset), NULL);

  spec = g_new0 (CmFigureSpec, 1);
  cm_figure_options_init (&spec->options);
  /* The command line's defaults for a report figure. */
  spec->options.compose = TRUE;
  spec->options.view = CM_FIGURE_VIEW_BOTH;
  cm_page_parse ("a4-landscape", &spec->options.width, &spec->options.height);
  spec->dataset = g_object_ref (dataset);
  spec->format = CM_EXPORT_PNG;
  spec->dpi = 300;
  return spec;
}

CmFigureSpec *
cm_figure_spec_copy (const CmFigureSpec *spec)
{
  CmFigureSpec *copy;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = g_memdup2 (spec, sizeof *spec);
  g_object_ref (copy->dataset);
  if (copy->basemap != NULL)
    g_object_ref (copy->basemap);
  if (copy->match != NULL)
    g_bytes_ref (copy->match);
  if (copy->selection != NULL)
    copy->selection = g_array_copy (spec->selection);
  copy->title = g_strdup (spec->title);
  copy->subtitle = g_strdup (spec->subtitle);
  copy->caption = g_strdup (spec->caption);
  copy->source = g_strdup (spec->source);
  copy->categories = g_strdupv (spec->categories);
  copy->search = g_strdup (spec->search);
  link_options (copy);
  return copy;
}

void
cm_figure_spec_free (CmFigureSpec *spec)
{
  if (spec == NULL)
    return;
  g_object_unref (spec->dataset);
  g_clear_object (&spec->basemap);
  g_clear_pointer (&spec->match, g_bytes_unref);
  g_clear_pointer (&spec->selection, g_array_unref);
  g_free (spec->title);
  g_free (spec->subtitle);
  g_free (spec->caption);
  g_free (spec->source);
  g_strfreev (spec->categories);
  g_free (spec->search);
  g_free (spec);
}

void
cm_figure_spec_set_basemap (CmFigureSpec *spec,
                            CmBasemap    *basemap)
{
  g_return_if_fail (spec != NULL);

  g_set_object (&spec->basemap, basemap);
  link_options (spec);
}

void
cm_figure_spec_set_filter (CmFigureSpec       *spec,
                           GBytes             *match,
                           const char * const *categories,
                           const char         *search)
{
  g_return_if_fail (spec != NULL);

  g_clear_pointer (&spec->match, g_bytes_unref);
  spec->match = match != NULL ? g_bytes_ref (match) : NULL;
  g_strfreev (spec->categories);
  spec->categories = g_strdupv ((char **) categories);
  g_free (spec->search);
  spec->search = search != NULL && search[0] != '\0' ? g_strdup (search) : NULL;
  link_options (spec);
}

void
cm_figure_spec_set_selection (CmFigureSpec *spec,
                              const guint  *announcements,
                              guint         n)
{
  g_return_if_fail (spec != NULL);

  g_clear_pointer (&spec->selection, g_array_unref);
  if (n > 0)
    {
      spec->selection = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
      g_array_append_vals (spec->selection, announcements, n);
    }
  link_options (spec);
}

void
cm_figure_spec_set_words (CmFigureSpec *spec,
                          const char   *title,
                          const char   *subtitle,
                          const char   *caption,
                          const char   *source)
{
  g_return_if_fail (spec != NULL);

  g_free (spec->title);
  g_free (spec->subtitle);
  g_free (spec->caption);
  g_free (spec->source);
  spec->title = g_strdup (title);
  spec->subtitle = g_strdup (subtitle);
  spec->caption = g_strdup (caption);
  spec->source = g_strdup (source);
  link_options (spec);
}

void
cm_figure_spec_png_size (const CmFigureSpec *spec,
                         int                *width,
                         int                *height)
{
  g_return_if_fail (spec != NULL);

  cm_export_png_size (spec->options.width, spec->options.height, spec->dpi, width, height);
}

/* @figure at @spec's page, with the footer's line for what the map
 * leaves out when the spec gives none, as `chronomap export` writes it:
 * a reader must not take the window's region for all of the data. */
static void
prepare_page (const CmFigureSpec *spec,
              CmFigure           *figure)
{
  g_autofree char *note = NULL;

  cm_figure_set_size (figure, spec->options.width, spec->options.height);
  if (spec->options.footer_note != NULL)
    return;
  note = cm_figure_get_left_out_note (figure);
  cm_figure_set_footer_note (figure, note);
}

cairo_surface_t *
cm_figure_spec_render_with (const CmFigureSpec *spec,
                            CmFigure           *figure,
                            double              scale,
                            GError            **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean drawn;
  int w, h;

  cm_export_png_size (spec->options.width, spec->options.height, scale * 96.0, &w, &h);
  prepare_page (spec, figure);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  drawn = cm_figure_draw (figure, cr, error);
  cairo_destroy (cr);
  if (!drawn)
    g_clear_pointer (&surface, cairo_surface_destroy);
  return surface;
}

cairo_surface_t *
cm_figure_spec_render (const CmFigureSpec *spec,
                       double              scale,
                       GError            **error)
{
  g_autoptr(CmFigure) figure = NULL;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (scale > 0, NULL);

  figure = cm_figure_new (spec->dataset, &spec->options);
  return cm_figure_spec_render_with (spec, figure, scale, error);
}

gboolean
cm_figure_spec_same_figure (const CmFigureSpec *spec,
                            const CmFigureSpec *other)
{
  g_return_val_if_fail (spec != NULL && other != NULL, FALSE);

  return spec->dataset == other->dataset && spec->match == other->match
         && cm_figure_options_prepare_alike (&spec->options, &other->options);
}

cairo_surface_t *
cm_figure_spec_render_reusing (const CmFigureSpec  *spec,
                               CmFigure           **figure,
                               double               scale,
                               GError             **error)
{
  g_return_val_if_fail (spec != NULL && figure != NULL, NULL);
  g_return_val_if_fail (scale > 0, NULL);

  if (*figure == NULL || cm_figure_get_dataset (*figure) != spec->dataset
      || !cm_figure_update (*figure, &spec->options))
    {
      g_clear_object (figure);
      *figure = cm_figure_new (spec->dataset, &spec->options);
    }
  return cm_figure_spec_render_with (spec, *figure, scale, error);
}

static void
render_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  const CmFigureSpec *spec = data;
  double *scale = g_object_get_data (G_OBJECT (task), "scale");
  CmFigure *figure = g_object_steal_data (G_OBJECT (task), "figure");
  GError *error = NULL;
  cairo_surface_t *surface;

  /* Only this thread draws through the figure until the task is done. */
  surface = cm_figure_spec_render_reusing (spec, &figure, *scale, &error);
  g_object_set_data_full (G_OBJECT (task), "figure", figure, g_object_unref);

  if (surface == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

void
cm_figure_spec_render_async (CmFigureSpec        *spec,
                             CmFigure            *figure,
                             double               scale,
                             gpointer             source,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (spec != NULL);
  g_return_if_fail (scale > 0);

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_task_data (task, spec, (GDestroyNotify) cm_figure_spec_free);
  g_object_set_data_full (G_OBJECT (task), "scale", g_memdup2 (&scale, sizeof scale), g_free);
  if (figure != NULL)
    g_object_set_data_full (G_OBJECT (task), "figure", g_object_ref (figure), g_object_unref);
  g_task_run_in_thread (task, render_thread);
}

cairo_surface_t *
cm_figure_spec_render_finish (GAsyncResult  *result,
                              CmFigure     **figure,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  if (figure != NULL)
    {
      CmFigure *drawn = g_object_get_data (G_OBJECT (result), "figure");

      *figure = drawn != NULL ? g_object_ref (drawn) : NULL;
    }
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
draw (cairo_t         *cr,
      CmExportFormat   format,
      gpointer         user_data,
      GError         **error)
{
  const Drawing *d = user_data;

  if (g_cancellable_set_error_if_cancelled (d->cancellable, error))
    return FALSE;
  return cm_figure_draw (d->figure, cr, error);
}

gboolean
cm_figure_spec_write (const CmFigureSpec *spec,
                      GFile              *file,
                      GCancellable       *cancellable,
                      GError            **error)
{
  g_autoptr(CmAtomicFile) out = NULL;
  g_autoptr(CmFigure) figure = NULL;
  g_autofree char *title = NULL;
  Drawing d = { NULL, cancellable };
  CmExportMeta meta = { 0 };

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  out = cm_atomic_file_new (file, error);
  if (out == NULL)
    return FALSE;
  figure = cm_figure_new (spec->dataset, &spec->options);
  prepare_page (spec, figure);
  d.figure = figure;
  title = cm_export_figure_title (spec->dataset, &spec->options);
  meta.dpi = spec->dpi;
  meta.title = title;
  meta.subject = cm_dataset_get_description (spec->dataset);
  if (!cm_export_write_page (cm_atomic_file_get_stream (out), spec->format, spec->options.width,
                             spec->options.height, &meta, draw, &d, error))
    return FALSE;
  /* Cancelled while it was written: the temporary file goes with @out. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return cm_atomic_file_commit (out, error);
}

guint
cm_figure_spec_animation (const CmFigureSpec *spec,
                          CmFigure           *figure,
                          CmAnimationOptions *animation)
{
  gint64 from, to;

  g_return_val_if_fail (spec != NULL && CM_IS_FIGURE (figure), 0);

  *animation = spec->animation;
  cm_figure_get_period (figure, &from, &to);
  animation->start = from;
  animation->end = MAX (to - 1, from);
  cm_export_png_size (spec->options.width, spec->options.height, spec->dpi, &animation->width,
                      &animation->height);
  animation->scale = spec->dpi / 96.0;
  return cm_animation_count_frames (animation->start, animation->end, &animation->step,
                                    CM_ANIMATION_MAX_FRAMES);
}

gboolean
cm_figure_spec_write_animation (const CmFigureSpec   *spec,
                                GFile                *file,
                                CmAnimationProgress   progress,
                                gpointer              user_data,
                                GCancellable         *cancellable,
                                GError              **error)
{
  g_autoptr(CmFigure) figure = NULL;
  CmAnimationOptions animation;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  figure = cm_figure_new (spec->dataset, &spec->options);
  cm_figure_set_size (figure, spec->options.width, spec->options.height);
  if (cm_figure_spec_animation (spec, figure, &animation) > CM_ANIMATION_MAX_FRAMES)
    {
      g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW,
                   _("That makes more than %d frames: take a longer step, or brush a shorter period"),
                   CM_ANIMATION_MAX_FRAMES);
      return FALSE;
    }
  return cm_animation_write (figure, &animation, file, progress, user_data, cancellable, error);
}
