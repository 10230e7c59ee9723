/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include <glib/gi18n.h>

#include "cm-window-private.h"

/* The adoption curve under the timeline, on its axis: how many places had
 * announced by each date, over the announcements the filters keep (a
 * brush is a view of time, not a filter: the curve shows it shaded).
 * Hidden by the View menu's choice, and when no announcement has a place
 * to count. */

static char *
describe_item (guint    item,
               gpointer data)
{
  CmWindow *self = data;

  if (self->adoption_data == NULL || self->dataset == NULL || item >= self->adoption_data->dates->n)
    return NULL;
  return cm_adoption_data_describe (self->adoption_data, self->dataset, item);
}

static void
describe (CmWindow *self)
{
  const CmFirstDates *dates = self->adoption_data->dates;
  g_autofree char *text = NULL;
  g_autofree char *count = cm_format_count (dates->n);

  if (dates->n == 0)
    text = g_strdup (_("No place has announced"));
  else
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (self->dataset, dates->first[dates->n - 1]);
      g_autofree char *first_when = cm_dataset_format_when (self->dataset,
                                                            cm_dataset_get_announcement (self->dataset, dates->first[0]));
      g_autofree char *last_when = cm_dataset_format_when (self->dataset, a);

      /* TRANSLATORS: "7 places announced, the first Nov 2021, the last 14 Apr 2023". */
      text = g_strdup_printf (g_dngettext (NULL, "%s place announced, the first %s, the last %s",
                                           "%s places announced, the first %s, the last %s", dates->n),
                              count, first_when, last_when);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->adoption_chart),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

void
_cm_window_adoption_update (CmWindow *self)
{
  _cm_window_adoption_update_prebuilt (self, NULL);
}

/* @prebuilt: (transfer full) (nullable): the data for the current
 * dataset, mode and filters, built on the loading thread. */
void
_cm_window_adoption_update_prebuilt (CmWindow       *self,
                                     CmAdoptionData *prebuilt)
{
  const guint8 *match;
  CmAdoptionData *data = prebuilt;

  if (self->dataset == NULL || self->adoption == CM_ADOPTION_HIDDEN)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->adoption_chart), FALSE);
      g_clear_pointer (&self->adoption_data, cm_adoption_data_free);
      g_clear_pointer (&prebuilt, cm_adoption_data_free);
      return;
    }
  match = self->filter_match != NULL ? g_bytes_get_data (self->filter_match, NULL) : NULL;
  if (data == NULL)
    data = cm_adoption_data_new (self->dataset, match, self->adoption == CM_ADOPTION_BY_CATEGORY);
  cm_adoption_data_apply (data, cm_adoption_chart_get_painter (self->adoption_chart));
  g_clear_pointer (&self->adoption_data, cm_adoption_data_free);
  self->adoption_data = data;
  /* Nothing has a place at all, not just nothing passes the filters: the
   * curve would always be empty. */
  gtk_widget_set_visible (GTK_WIDGET (self->adoption_chart),
                          cm_dataset_get_n_without_place (self->dataset) < cm_dataset_get_n_announcements (self->dataset));
  describe (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->adoption_chart));
}

void
_cm_window_adoption_init (CmWindow *self)
{
  cm_adoption_chart_set_timeline (self->adoption_chart, self->timeline);
  cm_adoption_chart_set_title (self->adoption_chart, _("Places that have announced"));
  cm_adoption_chart_set_label_func (self->adoption_chart, describe_item, self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->adoption_chart), FALSE);
}

void
_cm_window_adoption_dispose (CmWindow *self)
{
  if (self->adoption_chart != NULL)
    {
      cm_adoption_chart_set_label_func (self->adoption_chart, NULL, NULL, NULL);
      cm_adoption_chart_set_timeline (self->adoption_chart, NULL);
    }
  g_clear_pointer (&self->adoption_data, cm_adoption_data_free);
}
