/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cm-cli.h"
#include "cm-cli-animate.h"
#include "cm-date.h"

#define DEFAULT_FPS  4.0
#define DEFAULT_HOLD 2.0
#define MAX_FPS      50.0    /* GIF counts in hundredths: 2 is its least delay */
#define MAX_HOLD     600.0

/* Prints @message (taken) as a usage error. */
static gboolean
usage (char *message)
{
  cm_cli_error ("export", "%s", message);
  g_free (message);
  return FALSE;
}

gboolean
cm_cli_animate_given (const CmCliAnimate *args)
{
  return args->animate != NULL || args->step != NULL || !isnan (args->fps) || !isnan (args->hold);
}

/* START..END: two dates, each from its start. */
static gboolean
parse_range (const char *text,
             gint64     *start,
             gint64     *end)
{
  const char *dots = strstr (text, "..");
  CmDate a, b;

  if (dots == NULL || dots == text || dots[2] == '\0'
      || !cm_date_parse (text, (gsize) (dots - text), &a, NULL)
      || !cm_date_parse (dots + 2, strlen (dots + 2), &b, NULL))
    return FALSE;
  *start = a.start;
  *end = b.start;
  return TRUE;
}

/* The output's format: by its extension, or a folder (a name ending in /,
 * or one that is a folder already) for a series. */
static gboolean
output_format (const char        *output,
               CmAnimationFormat *format)
{
  const char *dot = strrchr (output, '.');
  GStatBuf st;

  if (g_str_has_suffix (output, "/"))
    {
      g_autofree char *bare = g_strndup (output, strlen (output) - 1);

      /* "file/" does not stat at all: ask for what it names. */
      if (bare[0] != '\0' && g_stat (bare, &st) == 0 && !S_ISDIR (st.st_mode))
        return usage (g_strdup_printf (_("%s: exists and is not a folder; a PNG series is written into a folder"),
                                       output));
      *format = CM_ANIMATION_PNG_SERIES;
      return TRUE;
    }
  if (g_stat (output, &st) == 0 && S_ISDIR (st.st_mode))
    *format = CM_ANIMATION_PNG_SERIES;
  else if (dot != NULL && strchr (dot, '/') == NULL && g_ascii_strcasecmp (dot, ".webp") == 0)
    *format = CM_ANIMATION_WEBP;
  else if (dot != NULL && strchr (dot, '/') == NULL && g_ascii_strcasecmp (dot, ".gif") == 0)
    *format = CM_ANIMATION_GIF;
  else
    return usage (g_strdup_printf (_("%s: an animation is written to .webp, .gif or a folder for a PNG series "
                                   "(end it in /)"), output));
  return TRUE;
}

gboolean
cm_cli_animate_check (const CmCliAnimate *args,
                      const char         *output,
                      CmAnimationOptions *anim)
{
  guint n;

  if (args->animate == NULL)
    return usage (g_strdup (_("--step, --fps and --hold go with --animate START..END")));
  if (!parse_range (args->animate, &anim->start, &anim->end))
    return usage (g_strdup_printf (_("--animate takes START..END, two ISO dates such as 2021-11..2023-04 "
                                   "(not \"%s\")"), args->animate));
  if (args->step == NULL)
    return usage (g_strdup (_("--animate needs --step: 1d, 1w, 1m, 1q or 1y (or any number of them, such as 2w)")));
  if (!cm_animation_step_parse (args->step, &anim->step))
    return usage (g_strdup_printf (_("--step must be a number and d, w, m, q or y, such as 1d, 2w, 1m, 1q or 1y "
                                   "(not \"%s\")"), args->step));
  if (anim->start > anim->end)
    return usage (g_strdup_printf (_("--animate %s: the start comes after the end"), args->animate));
  n = cm_animation_count_frames (anim->start, anim->end, &anim->step, CM_ANIMATION_MAX_FRAMES);
  if (n > CM_ANIMATION_MAX_FRAMES)
    return usage (g_strdup_printf (_("--animate %s --step %s makes more than %d frames; take a longer step or a "
                                   "shorter range"), args->animate, args->step, CM_ANIMATION_MAX_FRAMES));
  if (output == NULL || strcmp (output, "-") == 0)
    return usage (g_strdup (_("--animate writes a file or a folder: give -o OUT.webp, OUT.gif or DIR/")));
  if (!output_format (output, &anim->format))
    return FALSE;
  if (anim->format == CM_ANIMATION_PNG_SERIES && (!isnan (args->fps) || !isnan (args->hold)))
    return usage (g_strdup (_("--fps and --hold time a .webp or .gif; a PNG series has no timing")));
  if (!isnan (args->fps) && !(args->fps > 0 && args->fps <= MAX_FPS))
    return usage (g_strdup_printf (_("--fps must be more than 0 and at most %g (got %g)"), MAX_FPS, args->fps));
  if (!isnan (args->hold) && !(args->hold >= 0 && args->hold <= MAX_HOLD))
    return usage (g_strdup_printf (_("--hold must be 0 to %g seconds (got %g)"), MAX_HOLD, args->hold));
  anim->fps = !isnan (args->fps) ? args->fps : DEFAULT_FPS;
  anim->hold = !isnan (args->hold) ? args->hold : DEFAULT_HOLD;
  return TRUE;
}

static void
show_progress (guint    done,
               guint    n_frames,
               gpointer user_data)
{
  g_autofree char *text = g_strdup_printf (_("frame %u of %u"), done, n_frames);

  fprintf (stderr, "\rchronomap export: %s", text);
  fflush (stderr);
}

int
cm_cli_animate_write (CmFigure                 *figure,
                      const CmAnimationOptions *anim,
                      const char               *output,
                      gboolean                  quiet)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);
  g_autoptr(GError) error = NULL;
  gboolean tty = !quiet && isatty (STDERR_FILENO);
  guint n = cm_animation_count_frames (anim->start, anim->end, &anim->step, CM_ANIMATION_MAX_FRAMES);
  gboolean ok;

  ok = cm_animation_write (figure, anim, file, tty ? show_progress : NULL, NULL, NULL, &error);
  if (tty)
    fputs ("\r\033[K", stderr);
  if (!ok)
    {
      cm_cli_error ("export", "%s: %s", output, error->message);
      cm_cli_error ("export", anim->format == CM_ANIMATION_PNG_SERIES
                              ? _("%s: could not be written; any earlier folder is unchanged")
                              : _("%s: could not be written; any earlier file is unchanged"), output);
      return 1;
    }
  if (quiet)
    return 0;
  if (anim->format == CM_ANIMATION_PNG_SERIES)
    printf (_("%s: %u PNG frames of %d×%d px (frame-0001.png to frame-%04u.png)\n"), output, n, anim->width,
            anim->height, n);
  else
    printf (_("%s: %u frames of %d×%d px, %s, %.1f s at %g fps (the last held %g s)\n"), output, n, anim->width,
            anim->height, anim->format == CM_ANIMATION_WEBP ? _("animated WebP") : "GIF",
            n / anim->fps + anim->hold, anim->fps, anim->hold);
  return 0;
}

void
cm_cli_animate_clear (CmCliAnimate *args)
{
  g_clear_pointer (&args->animate, g_free);
  g_clear_pointer (&args->step, g_free);
}
