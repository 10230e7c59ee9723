/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-export"

#include "cm-config.h"

#include <glib/gi18n-lib.h>
#include "cm-export-figure.h"
#include "cm-export-write.h"
#include "cm-figure.h"
#include "cm-figure-text.h"

/* The one-shot figure: each call prepares a CmFigure (cm-figure.c), which
 * does the work, and draws or asks it once. */

/* Public ---------------------------------------------------------------- */

char *
cm_export_figure_title (CmDataset             *dataset,
                        const CmFigureOptions *options)
{
  const char *title;

  g_return_val_if_fail (CM_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (options->title != NULL)
    return g_strdup (options->title);
  title = cm_dataset_get_title (dataset);
  if (title != NULL && title[0] != '\0')
    return g_strdup (title);
  return g_strdup (cm_figure_strings (cm_label_language_resolve (options->language)
                                      == CM_LABEL_LANGUAGE_LOCAL)->announcements);
}

/* The command line's defaults: a bare map at the window's usual size. */
void
cm_figure_options_init (CmFigureOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (CmFigureOptions) {
    .view = CM_FIGURE_VIEW_MAP,
    .width = 1600,
    .height = 900,
    .lanes = CM_LANES_BY_CATEGORY,
    .color = CM_MAP_COLOR_BY_CATEGORY,
    .projection = CM_MAP_PROJECTION_AUTO,
    .language = CM_LABEL_LANGUAGE_ENGLISH,
  };
}

gboolean
cm_export_figure_check (CmDataset              *dataset,
                        const CmFigureOptions  *options,
                        GError                **error)
{
  g_return_val_if_fail (CM_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  for (guint i = 0; options->categories != NULL && options->categories[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint c = 0; c < cm_dataset_get_n_categories (dataset) && !found; c++)
        found = g_strcmp0 (cm_dataset_get_category (dataset, c)->id, options->categories[i]) == 0;
      if (!found)
        {
          g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW, _("no category with the id “%s”"),
                       options->categories[i]);
          return FALSE;
        }
    }
  for (guint i = 0; options->places != NULL && options->places[i] != NULL; i++)
    if (cm_dataset_find_place (dataset, options->places[i]) < 0)
      {
        g_set_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW, _("no place with the id “%s”"),
                     options->places[i]);
        return FALSE;
      }
  return TRUE;
}

guint
cm_export_figure_count (CmDataset              *dataset,
                        const CmFigureOptions  *options,
                        char                  **period)
{
  g_autoptr(CmFigure) figure = NULL;

  g_return_val_if_fail (CM_IS_DATASET (dataset), 0);
  g_return_val_if_fail (options != NULL, 0);

  figure = cm_figure_new (dataset, options);
  if (period != NULL)
    *period = cm_figure_get_period_text (figure);
  return cm_figure_get_n_shown (figure);
}

void
cm_export_figure_left_out (CmDataset              *dataset,
                           const CmFigureOptions  *options,
                           guint                  *outside,
                           guint                  *unplaced)
{
  g_autoptr(CmFigure) figure = NULL;

  g_return_if_fail (CM_IS_DATASET (dataset));
  g_return_if_fail (options != NULL);

  figure = cm_figure_new (dataset, options);
  cm_figure_get_left_out (figure, outside, unplaced);
}

gboolean
cm_export_figure_draw (cairo_t                *cr,
                       CmDataset              *dataset,
                       const CmFigureOptions  *options,
                       GPtrArray             **unmatched,
                       GError                **error)
{
  g_autoptr(CmFigure) figure = NULL;
  GPtrArray *names;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (CM_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (unmatched != NULL)
    *unmatched = NULL;
  figure = cm_figure_new (dataset, options);
  if (!cm_figure_draw (figure, cr, error))
    return FALSE;
  names = cm_figure_get_unmatched (figure);
  if (unmatched != NULL && names != NULL)
    {
      *unmatched = g_ptr_array_new ();
      for (guint i = 0; i < names->len; i++)
        g_ptr_array_add (*unmatched, names->pdata[i]);
    }
  return TRUE;
}
