/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "cm-map.h"
#include "cm-timeline.h"
#include "cm-window.h"
#include "cm-test-window.h"

/* A place's tooltip on the map lists its announcements: up to five titles
 * with their dates, then how many more, the dataset's text escaped. */

#define DATASET \
  "{\"title\": \"Tips\",\n" \
  " \"places\": [{\"id\": \"p\", \"name\": \"Pla<ce>\", \"lat\": 30.6, \"lon\": 114.3},\n" \
  "              {\"id\": \"q\", \"name\": \"Far\", \"lat\": 39.9, \"lon\": 116.4}],\n" \
  " \"categories\": [{\"id\": \"x\", \"label\": \"X\", \"color\": \"#0072B2\"}],\n" \
  " \"announcements\": [\n" \
  "  {\"id\": \"a1\", \"date\": \"2021-01-05\", \"place\": \"p\", \"category\": \"x\", \"title\": \"<b>One</b> & co\"},\n" \
  "  {\"id\": \"a2\", \"date\": \"2021-02\", \"place\": \"p\", \"category\": \"x\", \"title\": \"Two\"},\n" \
  "  {\"id\": \"a3\", \"date\": \"2021-03-01\", \"place\": \"p\", \"category\": \"x\", \"title\": \"Three\"},\n" \
  "  {\"id\": \"a4\", \"date\": \"2021-04-01\", \"place\": \"p\", \"category\": \"x\", \"title\": \"Four\"},\n" \
  "  {\"id\": \"a5\", \"date\": \"2021-05-01\", \"place\": \"p\", \"category\": \"x\", \"title\": \"Five\"},\n" \
  "  {\"id\": \"a6\", \"date\": \"2021-06-01\", \"place\": \"p\", \"category\": \"x\", \"title\": \"Six\"},\n" \
  "  {\"id\": \"a7\", \"date\": \"2021-07-01\", \"place\": \"p\", \"category\": \"x\", \"title\": \"Seven\"},\n" \
  "  {\"id\": \"b1\", \"date\": \"2022-01-01\", \"place\": \"q\", \"category\": \"x\", \"title\": \"Elsewhere\"}]}\n"

static void
test_titles (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-tips-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "tips.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
  CmMap *map;
  CmTimeline *timeline;
  g_autofree char *text = NULL;
  g_autofree char *brushed = NULL;

  g_assert_true (g_file_set_contents (path, DATASET, -1, NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  /* A window made without the application has no base map until told. */
  cm_window_set_basemap_path (window, NULL);
  cm_window_open_file (window, file);
  cm_test_wait_for_load (window);
  map = CM_MAP (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_MAP));
  timeline = CM_TIMELINE (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_TIMELINE));
  cm_test_iterate (300);

  text = cm_test_describe_place (map, "Pla<ce>");
  g_assert_nonnull (text);
  g_test_message ("%s", text);
  /* Valid markup, the name and the titles escaped. */
  g_assert_true (pango_parse_markup (text, -1, 0, NULL, NULL, NULL, NULL));
  g_assert_nonnull (strstr (text, "Pla&lt;ce&gt;"));
  g_assert_nonnull (strstr (text, "7 announcements"));
  g_assert_nonnull (strstr (text, "5 Jan 2021 — &lt;b&gt;One&lt;/b&gt; &amp; co"));
  g_assert_nonnull (strstr (text, "Feb 2021 — Two"));
  g_assert_nonnull (strstr (text, "1 May 2021 — Five"));
  g_assert_null (strstr (text, "Six"));
  g_assert_nonnull (strstr (text, "+2 more"));
  g_assert_null (strstr (text, "Elsewhere"));

  /* What the map counts: a brush over February to April leaves three. */
  cm_timeline_set_brush (timeline, 1612137600.0 /* 2021-02-01 */, 1619827200.0 /* 2021-05-01 */);
  cm_test_iterate (100);
  brushed = cm_test_describe_place (map, "Pla<ce>");
  g_assert_nonnull (brushed);
  g_assert_nonnull (strstr (brushed, "3 announcements"));
  g_assert_null (strstr (brushed, "One"));
  g_assert_nonnull (strstr (brushed, "1 Apr 2021 — Four"));
  g_assert_null (strstr (brushed, "more"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/map-tooltip/titles", test_titles);
  return g_test_run ();
}
