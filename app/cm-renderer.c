/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include <epoxy/gl.h>
#include <gtk/gtk.h>

#include "cm-renderer.h"

/* GL names of Mesa's software rasterizers. */
static gboolean
is_software (const char *renderer)
{
  static const char * const names[] = { "llvmpipe", "softpipe", "swrast", "SWR" };

  for (guint i = 0; renderer != NULL && i < G_N_ELEMENTS (names); i++)
    if (strstr (renderer, names[i]) != NULL)
      return TRUE;
  return FALSE;
}

/**
 * cm_renderer_avoid_software_gl:
 *
 * Chooses GTK's cairo renderer when OpenGL would be rasterized in software
 * (a virtual machine, a remote session, a machine without GPU driver), as
 * GTK itself does from 4.14 on: GTK 4.8 would run its GL renderer on
 * llvmpipe, which redraws the whole window on the CPU each frame, takes
 * a core's worth of time from loading while a progress bar moves, and
 * makes the first frame of a dataset about 30% slower. An explicit
 * GSK_RENDERER is left alone. Call after gtk_init() and before the first
 * window is shown: GTK reads the variable once.
 *
 * Returns: whether it chose the cairo renderer
 */
gboolean
cm_renderer_avoid_software_gl (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkGLContext) context = NULL;
  gboolean software;

  if (display == NULL || g_getenv ("GSK_RENDERER") != NULL)
    return FALSE;
  context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return FALSE;
  gdk_gl_context_make_current (context);
  software = is_software ((const char *) glGetString (GL_RENDERER));
  gdk_gl_context_clear_current ();
  if (software)
    g_setenv ("GSK_RENDERER", "cairo", FALSE);
  return software;
}
