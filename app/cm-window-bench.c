/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cm-window-private.h"

/* tools/bench measures the first frame that shows the data through these
 * hooks, built only with -Dbench-hooks=true (tools/bench's own build):
 * with CHRONOMAP_BENCH_FIRST_FRAME set, the first frame painted after a
 * load prints "first-frame SECONDS" and quits. With the value "open", the
 * file is opened once the window is up with its base map and the sample
 * dataset, and has settled, as when a user opens one, and the time counts
 * from that open; otherwise the load starts with the process, and the
 * time counts from the process's start. */

/* How long the window is left to settle before the "open" benchmark opens
 * its file: a user does not open one while the window is still drawing
 * its first frames and animating the sample's toast. */
#define BENCH_SETTLE_MS 1000

/* Seconds since the process started, to the kernel's clock tick: a cold
 * start counts the dynamic linking and GTK's start-up too. */
static double
process_age (void)
{
  g_autofree char *stat = NULL;
  const char *fields;
  guint64 started = 0;
  struct timespec now;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL)
      || (fields = strrchr (stat, ')')) == NULL)
    return -1;
  /* Field 22, starttime, counted from the field after the name's ')'. */
  for (int i = 3; i <= 22 && fields != NULL; i++)
    {
      fields = strchr (fields + 1, ' ');
      if (i == 22 && fields != NULL)
        started = g_ascii_strtoull (fields + 1, NULL, 10);
    }
  clock_gettime (CLOCK_BOOTTIME, &now);
  return now.tv_sec + now.tv_nsec / 1e9 - (double) started / sysconf (_SC_CLK_TCK);
}

static void
bench_open (gpointer user_data)
{
  CmWindow *self = user_data;
  g_autoptr(GFile) file = g_steal_pointer (&self->bench_file);

  self->bench_open_source = 0;
  _cm_window_start_load (self, file);
}

static gboolean
bench_mode (const char *mode)
{
  return g_strcmp0 (g_getenv ("CHRONOMAP_BENCH_FIRST_FRAME"), mode) == 0;
}

/* The file read before the clock starts: only the write and the rename
 * are the save. */
static void
bench_save (gpointer user_data)
{
  CmWindow *self = user_data;
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *tmp = g_strconcat (path, ".bench-save", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  self->bench_save_source = 0;
  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  self->bench_before = self->dataset;
  if (!g_file_set_contents (tmp, contents, (gssize) length, &error) || g_rename (tmp, path) != 0)
    g_error ("cannot save %s again", path);
  /* Saved: what the user waits for starts now. */
  self->bench_saved = g_get_monotonic_time ();
}

static void
bench_after_paint (GdkFrameClock *clock,
                   CmWindow      *self)
{
  if (self->bench_file != NULL)
    {
      if (self->bench_open_source == 0 && self->basemap != NULL && self->dataset != NULL
          && !cm_window_is_loading (self))
        self->bench_open_source = g_timeout_add_once (BENCH_SETTLE_MS, bench_open, self);
      return;
    }
  if (self->dataset == NULL || cm_window_is_loading (self))
    return;
  if (bench_mode ("reload"))
    {
      if (self->bench_saved == 0)
        {
          if (self->bench_save_source == 0)
            self->bench_save_source = g_timeout_add_once (BENCH_SETTLE_MS, bench_save, self);
          return;
        }
      if (self->dataset == self->bench_before)
        return;
      g_print ("reload %.4f\n", (g_get_monotonic_time () - self->bench_saved) / 1e6);
    }
  else if (bench_mode ("open"))
    g_print ("first-frame %.4f\n", (g_get_monotonic_time () - self->load_started) / 1e6);
  else
    g_print ("first-frame %.4f\n", process_age ());
  g_clear_signal_handler (&self->bench_handler, clock);
  if (gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static void
bench_realize (CmWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  self->bench_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (bench_after_paint), self);
}

gboolean
_cm_window_bench_open (CmWindow *self,
                       GFile    *file)
{
  if (!bench_mode ("open") && !bench_mode ("reload"))
    return FALSE;
  g_set_object (&self->bench_file, file);
  g_signal_connect (self, "realize", G_CALLBACK (bench_realize), NULL);
  cm_window_open_sample (self);
  return TRUE;
}

void
_cm_window_bench_loaded (CmWindow *self)
{
  GdkFrameClock *clock;

  if (g_getenv ("CHRONOMAP_BENCH_FIRST_FRAME") == NULL || self->bench_handler != 0)
    return;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock != NULL)
    self->bench_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (bench_after_paint), self);
}

void
_cm_window_bench_dispose (CmWindow *self)
{
  g_clear_object (&self->bench_file);
  g_clear_handle_id (&self->bench_open_source, g_source_remove);
  g_clear_handle_id (&self->bench_save_source, g_source_remove);
}
