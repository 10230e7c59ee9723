/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-test-widgets.h"
#include "cm-window.h"

/* Runs the main loop until @window has finished loading, 30 s at most. */
static inline void
cm_test_wait_for_load (CmWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (cm_window_is_loading (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cm_window_is_loading (window));
}

/* The preferences row titled @title ("_Size", with its mnemonic) under
 * @root, depth first, or NULL. */
static inline GtkWidget *
cm_test_find_row (GtkWidget  *root,
                  const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = cm_test_find_row (c, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}
