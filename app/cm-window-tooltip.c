/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>

#include "cm-time-filter.h"
#include "cm-window-private.h"

/* What a place's tooltip on the map lists: the announcements there that
 * the map counts (in the time range, through the filters, up to the
 * playhead), up to five titles with their dates, then how many more. */

#define MAX_LISTED 5
#define TITLE_CHARS 60

/* Each place's announcements in time order, made on the first hover of a
 * dataset: a counting sort of the time order, O(n). */
static void
ensure_place_order (CmWindow *self)
{
  guint n = cm_dataset_get_n_announcements (self->dataset);
  guint n_places = cm_dataset_get_n_places (self->dataset);
  const guint32 *order = cm_dataset_get_time_order (self->dataset);
  g_autofree guint32 *next = NULL;

  if (self->place_order_dataset == self->dataset)
    return;
  g_set_object (&self->place_order_dataset, self->dataset);
  g_clear_pointer (&self->place_starts, g_free);
  g_clear_pointer (&self->place_order, g_free);
  self->place_starts = g_new0 (guint32, n_places + 1);
  self->place_order = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      gint32 place = cm_dataset_get_announcement (self->dataset, i)->place;
      if (place >= 0 && (guint) place < n_places)
        self->place_starts[place + 1]++;
    }
  for (guint p = 0; p < n_places; p++)
    self->place_starts[p + 1] += self->place_starts[p];
  next = g_memdup2 (self->place_starts, sizeof (guint32) * (n_places + 1));
  for (guint i = 0; i < n; i++)
    {
      gint32 place = cm_dataset_get_announcement (self->dataset, order[i])->place;
      if (place >= 0 && (guint) place < n_places)
        self->place_order[next[place]++] = order[i];
    }
}

static char *
place_text (guint    place,
            gpointer user_data)
{
  CmWindow *self = user_data;
  const guint8 *match = self->filter_match != NULL ? g_bytes_get_data (self->filter_match, NULL) : NULL;
  gint64 start = cm_map_get_time_start (self->map);
  gint64 end = cm_map_get_time_end (self->map);
  gint64 playhead = cm_map_get_playhead (self->map);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *count_text = NULL;
  guint shown = 0, more = 0;

  if (self->dataset == NULL || place >= cm_dataset_get_n_places (self->dataset))
    return NULL;
  ensure_place_order (self);
  /* A playhead shows what has begun by its time. */
  if (playhead != CM_MAP_NO_PLAYHEAD && playhead < G_MAXINT64)
    end = MIN (end, playhead + 1);
  for (guint k = self->place_starts[place]; k < self->place_starts[place + 1]; k++)
    {
      guint i = self->place_order[k];
      const CmAnnouncement *a = cm_dataset_get_announcement (self->dataset, i);
      g_autofree char *when = NULL, *full = NULL, *title = NULL;

      if ((match != NULL && !match[i]) || !cm_time_overlaps (a->start, a->end, start, end))
        continue;
      if (shown == MAX_LISTED)
        {
          more++;
          continue;
        }
      when = cm_dataset_format_when (self->dataset, a);
      full = cm_dataset_dup_text (self->dataset, a->title);
      title = full != NULL ? cm_text_shorten (full, TITLE_CHARS) : g_strdup (a->id);
      g_string_append_printf (lines, "%s%s — %s", shown > 0 ? "\n" : "", when, title);
      shown++;
    }
  if (shown == 0)
    return NULL;
  if (more > 0)
    {
      g_string_append_c (lines, '\n');
      g_string_append_printf (lines, ngettext ("+%u more", "+%u more", more), more);
    }
  g_string_prepend_c (lines, '\n');
  g_string_prepend (lines, count_text = g_strdup_printf (ngettext ("%u announcement", "%u announcements", shown + more),
                                                         shown + more));
  return g_string_free (g_steal_pointer (&lines), FALSE);
}

void
_cm_window_tooltip_init (CmWindow *self)
{
  cm_map_set_place_text_func (self->map, place_text, self, NULL);
  cm_map_painter_set_legend_title (cm_map_get_painter (self->map), _("Announcements"));
}

void
_cm_window_tooltip_dispose (CmWindow *self)
{
  g_clear_object (&self->place_order_dataset);
  g_clear_pointer (&self->place_starts, g_free);
  g_clear_pointer (&self->place_order, g_free);
}
