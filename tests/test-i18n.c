/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <locale.h>

#include "cm-application.h"
#include "cm-date.h"
#include "cm-map-private.h"
#include "cm-timeline-private.h"
#include "cm-preferences.h"
#include "cm-text-cell.h"
#include "cm-window.h"
#include "cm-test-window.h"

/* The interface in Chinese: LANGUAGE=zh_CN under C.UTF-8, with the build's
 * catalogue (CHRONOMAP_LOCALEDIR, set by tests/meson.build), as
 * `LANGUAGE=zh_CN tools/run` runs it. */

/* Whether a mapped label under @root shows @text. */
static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (shows_label (c, text))
      return TRUE;
  return FALSE;
}

static void
wait_for_label (GtkWidget  *root,
                const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!shows_label (root, text) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  if (!shows_label (root, text))
    g_error ("no label “%s” shown", text);
}

/* The map describes itself once it rests (DESCRIBE_DELAY_MS). */
static void
wait_for_map_description (CmMap      *map,
                          const char *prefix)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!g_str_has_prefix (map->description ? map->description : "", prefix)
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_test_message ("map: %s", map->description);
  g_assert_true (g_str_has_prefix (map->description ? map->description : "", prefix));
}

/* The text of any descendant, for the list's cells, whatever widget they
 * are drawn by. */
static void
collect_text (GtkWidget *root,
              GString   *out)
{
  if (GTK_IS_LABEL (root))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (root)));
  else if (CM_IS_TEXT_CELL (root) && cm_text_cell_get_text (CM_TEXT_CELL (root)) != NULL)
    g_string_append_printf (out, "%s\n", cm_text_cell_get_text (CM_TEXT_CELL (root)));
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

static void
test_dates (void)
{
  CmDate d;
  g_autofree char *day = NULL, *month = NULL;

  g_assert_true (cm_date_parse ("2022-01-11", 10, &d, NULL));
  day = cm_date_format (d.start, d.precision);
  g_assert_cmpstr (day, ==, "2022年1月11日");
  g_assert_true (cm_date_parse ("2021-11", 7, &d, NULL));
  month = cm_date_format (d.start, d.precision);
  g_assert_cmpstr (month, ==, "2021年11月");
}

static void
test_window (void)
{
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  CmTimeline *timeline;
  CmDate when;

  g_autofree char *basemap = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "basemap",
                                               "china.geojson", NULL);
  CmMap *map = CM_MAP (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_MAP));
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  /* The map places the sample only on a base map (cm_window_new() loads
   * one from the settings; a window made by g_object_new() has none). */
  cm_window_set_basemap_path (window, basemap);
  gtk_window_present (GTK_WINDOW (window));
  /* Before a dataset: the empty page. */
  wait_for_label (GTK_WIDGET (window), "未打开数据集");
  while (cm_map_get_basemap (map) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (map->description, ==, "地图：没有可显示的地点");
  cm_window_open_sample (window);
  cm_test_wait_for_load (window);
  g_assert_nonnull (cm_window_get_dataset (window));
  /* What a screen reader hears of the map, its months in Chinese too. */
  wait_for_map_description (map, "地图：7 个地点，10 条公告，2021年11月 – 2023年4月");
  /* The list's headings and its dates in the locale's form. */
  wait_for_label (GTK_WIDGET (window), "日期");
  wait_for_label (GTK_WIDGET (window), "标题");
  cm_test_iterate (200);
  collect_text (GTK_WIDGET (window), text);
  g_assert_nonnull (strstr (text->str, "2023年4月14日"));
  g_assert_nonnull (strstr (text->str, "2021年12月 – 2022年1月"));
  g_assert_null (strstr (text->str, "14 Apr 2023"));
  /* The open button of the header bar (its mnemonic in brackets). */
  wait_for_label (GTK_WIDGET (window), "打开(O)");
  /* What a screen reader hears of the timeline (issue #19). */
  timeline = CM_TIMELINE (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_TIMELINE));
  g_test_message ("timeline: %s", _cm_timeline_get_description (timeline));
  g_assert_true (g_str_equal (_cm_timeline_get_description (timeline), "10 个标记")
                 || g_str_has_prefix (_cm_timeline_get_description (timeline), "标记 "));
  g_assert_true (cm_date_parse ("2022-01-11", 10, &when, NULL));
  cm_timeline_set_playhead (timeline, (double) when.start);
  g_test_message ("timeline: %s", _cm_timeline_get_description (timeline));
  g_assert_true (g_str_has_prefix (_cm_timeline_get_description (timeline), "播放头位于 "));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.chronomap.Chronomap");
  GtkWidget *prefs = cm_preferences_new (NULL, settings);

  gtk_window_present (GTK_WINDOW (prefs));
  wait_for_label (prefs, "外观");
  wait_for_label (prefs, "样式(S)");
  wait_for_label (prefs, "跟随系统");
  wait_for_label (prefs, "标签语言(L)");
  /* Bound both ways: a key's change shows in its row. */
  g_settings_set_enum (settings, "style", 2);
  wait_for_label (prefs, "深色");
  g_settings_set_string (settings, "label-language", "english");
  wait_for_label (prefs, "英文");
  g_settings_reset (settings, "style");
  g_settings_reset (settings, "label-language");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  setlocale (LC_ALL, "");
  cm_init_translations ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/i18n/dates", test_dates);
  g_test_add_func ("/i18n/window", test_window);
  g_test_add_func ("/i18n/preferences", test_preferences);
  return g_test_run ();
}
