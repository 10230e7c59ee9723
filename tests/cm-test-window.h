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
