/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>
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
  g_autofree char *tip = NULL;

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
  /* A place's tooltip: its count and its announcements' dates. */
  tip = cm_test_describe_place (map, "Hebi");
  g_test_message ("tooltip: %s", tip);
  g_assert_nonnull (tip);
  g_assert_true (g_str_has_prefix (tip, "<b>Hebi</b> 鹤壁市\n3 条公告\n2023年4月14日 — "));
  g_assert_null (strstr (tip, "Apr"));
  /* The list's headings and its dates in the locale's form. */
  wait_for_label (GTK_WIDGET (window), "日期");
  wait_for_label (GTK_WIDGET (window), "标题");
  cm_test_iterate (200);
  collect_text (GTK_WIDGET (window), text);
  g_assert_nonnull (strstr (text->str, "2023年4月14日"));
  g_assert_nonnull (strstr (text->str, "2021年12月 – 2022年1月"));
  g_assert_null (strstr (text->str, "14 Apr 2023"));
  cm_test_shoot (GTK_WINDOW (window), "i18n-window");
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

/* The last AdwMessageDialog among the toplevels. */
static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */
  AdwMessageDialog *dialog = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w))
        dialog = ADW_MESSAGE_DIALOG (w);
    }
  return dialog;
}

#define LIVE_GOOD "{\"title\": \"t\", \"categories\": [{\"id\": \"c\", \"label\": \"C\", \"color\": \"#336699\"}],\n" \
                  " \"announcements\": [{\"id\": \"a\", \"date\": \"2022-01-11\", \"title\": \"A\", \"category\": \"c\"}]}\n"
#define LIVE_BAD "{\"title\": \"t\", \"categories\": [{\"id\": \"c\", \"label\": \"C\", \"color\": \"#336699\"}],\n" \
                 " \"announcements\": [{\"id\": \"a\", \"date\": \"2022-02-30\", \"title\": \"A\", \"category\": \"c\"}]}\n"

/* The loader's messages reach the window in Chinese: the band of a bad
 * save and the Problems dialog, each line still FILE:LINE:COLUMN:
 * /pointer: error: as editors read it. */
static void
test_problems (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-i18n-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "live.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
  AdwMessageDialog *dialog;
  GtkWidget *view;
  g_autofree char *text = NULL;
  const char *band;
  gint64 deadline;

  g_assert_true (g_file_set_contents (path, LIVE_GOOD, -1, NULL));
  gtk_window_present (GTK_WINDOW (window));
  cm_window_open_file (window, file);
  cm_test_wait_for_load (window);
  g_assert_null (cm_window_get_error (window));

  /* A bad save: the band keeps the data and names the error. */
  g_assert_true (g_file_set_contents (path, LIVE_BAD, -1, NULL));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((cm_window_get_error (window) == NULL || cm_window_is_loading (window))
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  band = cm_window_get_error (window);
  g_test_message ("band: %s", band);
  g_assert_nonnull (band);
  g_assert_true (g_str_has_prefix (band, "未重新加载：live.json:2:40: /announcements/0/date: error: "
                                         "无效日期 \"2022-02-30\"：2022年2月只有 28 天。"));
  wait_for_label (GTK_WIDGET (window), band);
  cm_test_shoot (GTK_WINDOW (window), "i18n-reload-band");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-problems", NULL));
  cm_test_iterate (100);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  cm_test_shoot (GTK_WINDOW (dialog), "i18n-problems");
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "问题与提示");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "上次打开的文件：1 个错误");
  view = cm_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW);
  g_object_get (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "text", &text, NULL);
  g_test_message ("problems: %s", text);
  g_assert_true (g_str_has_suffix (text, "live.json:2:40: /announcements/0/date: error: "
                                         "无效日期 \"2022-02-30\"：2022年2月只有 28 天"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
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
  cm_test_shoot (GTK_WINDOW (prefs), "i18n-preferences");
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
  g_test_add_func ("/i18n/problems", test_problems);
  g_test_add_func ("/i18n/preferences", test_preferences);
  return g_test_run ();
}
