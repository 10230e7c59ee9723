/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The widget test compiles this file with its own domain on the command line. */
#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "chronomap-timeline"

#include "cm-config.h"

#include <glib/gi18n-lib.h>

#include "cm-time-ticks.h"
#include "cm-timeline-private.h"

/* The timeline for screen readers: its accessible description says where
 * the playhead is and which mark has the focus ("Playing, 14 Jan 2022.
 * Mark 3 of 10: …"). GTK 4.8 has no call to announce a change: a screen
 * reader reads the focused widget's description when it changes. While
 * playback moves the playhead sixty times a second, the description
 * follows it at most every DESCRIBE_PLAYING_US, so that each one can be
 * heard. */

#define DESCRIBE_PLAYING_US (500 * G_TIME_SPAN_MILLISECOND)

void
_cm_timeline_update_description (CmTimeline *self)
{
  CmTimelineIndex *index = cm_timeline_painter_get_index (self->painter);
  g_autoptr(GString) text = g_string_new (NULL);

  g_clear_handle_id (&self->describe_id, g_source_remove);
  self->described_us = g_get_monotonic_time ();
  if (self->view.has_playhead)
    {
      const CmTimeLocale *locale = cm_timeline_painter_get_locale (self->painter);
      g_autofree char *date = cm_time_locale_format (locale, CM_TIME_FORMAT_DATE, (gint64) self->view.playhead);

      /* Translators: %s is a date, "14 Jan 2022". */
      g_string_append_printf (text, self->playing ? _("Playing, %s. ") : _("Playhead at %s. "), date);
    }
  if (self->view.focus_mark >= 0)
    {
      g_autofree char *mark = _cm_timeline_describe_mark (self, (guint) self->view.focus_mark);

      /* Translators: "Mark 3 of 10: 11 Jan 2022 (Wuhan)". */
      g_string_append_printf (text, _("Mark %u of %u: %s"),
                              cm_timeline_index_get_rank (index, (guint) self->view.focus_mark) + 1,
                              cm_timeline_index_get_n_marks (index), mark);
    }
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u mark", "%u marks",
                                               cm_timeline_index_get_n_marks (index)),
                            cm_timeline_index_get_n_marks (index));

  /* Unchanged, it is not set again: a screen reader reads every change. */
  if (g_strcmp0 (text->str, self->description) == 0)
    return;
  g_free (self->description);
  self->description = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

static gboolean
describe_cb (gpointer data)
{
  CmTimeline *self = data;

  self->describe_id = 0;
  _cm_timeline_update_description (self);
  return G_SOURCE_REMOVE;
}

/* What changes with the playhead: at once when stopped; while playing,
 * at most every DESCRIBE_PLAYING_US, and never at once, so that what
 * changes in the same turn of the main loop (the playhead, then the mark
 * the window focuses after it) is told as one. */
void
_cm_timeline_describe_change (CmTimeline *self)
{
  gint64 since = g_get_monotonic_time () - self->described_us;

  if (!self->playing)
    {
      _cm_timeline_update_description (self);
      return;
    }
  /* Rounded up to the millisecond: never sooner than DESCRIBE_PLAYING_US. */
  if (self->describe_id == 0)
    self->describe_id = g_timeout_add ((guint) ((MAX (DESCRIBE_PLAYING_US - since, 0) + G_TIME_SPAN_MILLISECOND - 1)
                                                / G_TIME_SPAN_MILLISECOND),
                                       describe_cb, self);
}

const char *
_cm_timeline_get_description (CmTimeline *self)
{
  return self->description;
}

void
_cm_timeline_dispose_a11y (CmTimeline *self)
{
  g_clear_handle_id (&self->describe_id, g_source_remove);
  g_clear_pointer (&self->description, g_free);
}
