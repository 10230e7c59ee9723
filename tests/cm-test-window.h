/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-map.h"
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

/* The tooltip markup of the marker of the place named @name. */
static inline char *
cm_test_describe_place (CmMap      *map,
                        const char *name)
{
  CmMapPainter *painter = cm_map_get_painter (map);
  CmMapHit hit;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* The markers come with the base map, loaded on a worker. */
  while (cm_map_painter_get_n_markers (painter) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  cm_test_iterate (100);
  for (guint i = 0; i < cm_map_painter_get_n_markers (painter); i++)
    if (cm_map_painter_get_marker (painter, i, &hit) && hit.kind != CM_MAP_HIT_NONE
        && g_strcmp0 (cm_map_painter_get_place_name (painter, hit.place, CM_LABEL_LANGUAGE_ENGLISH), name) == 0)
      return cm_map_describe_at (map, hit.x, hit.y);
  return NULL;
}

/* With CM_TEST_SHOTS=DIR, saves @window as DIR/NAME.png, to look at. */
static inline void
cm_test_shoot (GtkWindow  *window,
               const char *name)
{
  const char *dir = g_getenv ("CM_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w, h;

  if (dir == NULL)
    return;
  cm_test_iterate (200);
  w = gtk_widget_get_width (GTK_WIDGET (window));
  h = gtk_widget_get_height (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}
