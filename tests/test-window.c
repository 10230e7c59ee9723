/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "cm-details.h"
#include "cm-loader.h"
#include "cm-map.h"
#include "cm-text-cell.h"
#include "cm-text-index.h"
#include "cm-timeline.h"
#include "cm-window.h"
#include "cm-test-window.h"

/* A mapped list cell (a CmTextCell) that shows @text, or whose text
 * starts with it when @prefix. */
static CmTextCell *
find_cell (GtkWidget  *root,
           const char *text,
           gboolean    prefix)
{
  const char *shown = CM_IS_TEXT_CELL (root) ? cm_text_cell_get_text (CM_TEXT_CELL (root)) : NULL;

  if (shown != NULL && gtk_widget_get_mapped (root)
      && (prefix ? g_str_has_prefix (shown, text) : strcmp (shown, text) == 0))
    return CM_TEXT_CELL (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      CmTextCell *found = find_cell (c, text, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The cell, once the list has drawn it, and allocated. */
static CmTextCell *
wait_for_cell (CmWindow   *window,
               const char *text,
               gboolean    prefix)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  CmTextCell *cell;

  while ((cell = find_cell (GTK_WIDGET (window), text, prefix)) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (cell);
  /* Drawn, it has its width: before, any text is cut. A loaded machine
   * takes longer than a fixed wait. */
  while (gtk_widget_get_width (GTK_WIDGET (cell)) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  cm_test_iterate (50);
  return cell;
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The label under @root that shows @text, once the list has drawn it. */
static GtkLabel *
wait_for_label (GtkWidget  *root,
                const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GtkLabel *label;

  while ((label = find_label (root, text)) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (label);
  return label;
}

static CmWindow *
open_json (const char *json,
           const char *dir)
{
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
  g_autofree char *path = g_build_filename (dir, "test.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  gtk_window_present (GTK_WINDOW (window));
  cm_window_open_file (window, file);
  cm_test_wait_for_load (window);
  g_assert_null (cm_window_get_error (window));
  g_unlink (path);
  return window;
}

static void
test_open_then_bad_file (void)
{
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
  g_autofree char *dir = g_dir_make_tmp ("cm-window-XXXXXX", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  CmDataset *sample;

  gtk_window_present (GTK_WINDOW (window));
  cm_window_open_sample (window);
  g_assert_true (cm_window_is_loading (window));
  cm_test_wait_for_load (window);

  sample = cm_window_get_dataset (window);
  g_assert_nonnull (sample);
  g_assert_cmpuint (cm_dataset_get_n_announcements (sample), >=, 9);
  g_assert_null (cm_window_get_error (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, cm_dataset_get_title (sample));

  /* A file with a bad date: the error shows, the sample stays. */
  g_assert_true (g_file_set_contents (bad_path,
                                      "{\"title\": \"<b>x</b>\", \"announcements\": [{\"id\": \"a\", \"date\": \"2022-02-30\"}]}",
                                      -1, NULL));
  cm_window_open_file (window, bad);
  cm_test_wait_for_load (window);
  g_assert_true (cm_window_get_dataset (window) == sample);
  g_assert_nonnull (cm_window_get_error (window));
  g_assert_nonnull (strstr (cm_window_get_error (window), "not a valid dataset"));
  g_assert_nonnull (strstr (cm_window_get_error (window), "kept"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, cm_dataset_get_title (sample));

  /* A good file replaces it and clears the error. */
  g_assert_true (g_file_set_contents (bad_path,
                                      "{\"title\": \"<b>x</b> & y\", \"announcements\": []}", -1, NULL));
  cm_window_open_file (window, bad);
  cm_test_wait_for_load (window);
  g_assert_true (cm_window_get_dataset (window) != sample);
  g_assert_null (cm_window_get_error (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "<b>x</b> & y");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (bad_path);
  g_rmdir (dir);
}

static void
test_cancel (void)
{
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);

  cm_window_open_sample (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL));
  cm_test_wait_for_load (window);
  /* Cancelled before or after the loader finished: never an error band. */
  g_assert_null (cm_window_get_error (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
collect (GtkWidget *widget,
         guint     *buttons,
         GString   *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && g_object_get_data (G_OBJECT (child), "url") != NULL)
        (*buttons)++;
      if (GTK_IS_LABEL (child))
        {
          g_assert_false (gtk_label_get_use_markup (GTK_LABEL (child)));
          g_string_append_printf (labels, "%s\n", gtk_label_get_text (GTK_LABEL (child)));
        }
      collect (child, buttons, labels);
    }
}

static void
test_details (void)
{
  const char *json =
    "{\"title\": \"T\", \"places\": [{\"id\": \"p\", \"name\": \"<b>P</b>\", \"lat\": 1, \"lon\": 2}],"
    " \"categories\": [{\"id\": \"c\", \"label\": \"C & D\", \"color\": \"#000000\"}],"
    " \"sources\": [{\"id\": \"web\", \"title\": \"Web\", \"url\": \"https://example.org/a\"},"
    "  {\"id\": \"js\", \"title\": \"Script\", \"url\": \"javascript:alert(1)\"},"
    "  {\"id\": \"file\", \"title\": \"Local\", \"url\": \"file:///etc/passwd\"}],"
    " \"announcements\": [{\"id\": \"a\", \"date\": \"2021-11\", \"date_note\": \"mid-November 2021\","
    " \"place\": \"p\", \"category\": \"c\", \"title\": \"<span size='99999999'>big</span>\","
    " \"actors\": [\"A <i>\"], \"sources\": [\"web\", \"js\", \"file\"]}]}";
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(CmDataset) ds = cm_loader_load_bytes (bytes, "t.json", NULL, NULL, NULL, NULL, NULL);
  g_autoptr(GString) labels = g_string_new (NULL);
  GtkWidget *details;
  guint buttons = 0;

  g_assert_nonnull (ds);
  details = g_object_ref_sink (cm_details_new ());
  cm_details_show (CM_DETAILS (details), ds, 0);
  collect (details, &buttons, labels);
  /* Only the https source is a link; the others are shown, not opened. */
  g_assert_cmpuint (buttons, ==, 1);
  g_assert_nonnull (strstr (labels->str, "javascript:alert(1) (not opened"));
  g_assert_nonnull (strstr (labels->str, "file:///etc/passwd (not opened"));
  /* Dataset text is shown literally. */
  g_assert_nonnull (strstr (labels->str, "<span size='99999999'>big</span>"));
  g_assert_nonnull (strstr (labels->str, "<b>P</b>"));
  g_assert_nonnull (strstr (labels->str, "A <i>"));
  g_assert_nonnull (strstr (labels->str, "Nov 2021 (2021-11)\nmid-November 2021\n"));
  g_assert_cmpstr (cm_details_get_title (CM_DETAILS (details)), ==, "<span size='99999999'>big</span>");
  g_object_unref (details);
}

/* Spans of months, the sample's, and of days fit the Date column. */
static void
test_date_column (void)
{
  const char *json =
    "{\"title\": \"Spans\", \"places\": [{\"id\": \"p\", \"name\": \"P\", \"lat\": 30, \"lon\": 114}],"
    " \"categories\": [{\"id\": \"c\", \"label\": \"C\", \"color\": \"#0072B2\"}],"
    " \"announcements\": ["
    " {\"id\": \"a\", \"date\": \"2021-12\", \"end\": \"2022-01\", \"place\": \"p\", \"category\": \"c\","
    "  \"title\": \"months\"},"
    " {\"id\": \"b\", \"date\": \"2021-09-28\", \"end\": \"2022-11-28\", \"place\": \"p\", \"category\": \"c\","
    "  \"title\": \"days\"}]}";
  g_autofree char *dir = g_dir_make_tmp ("cm-window-XXXXXX", NULL);
  CmWindow *window = open_json (json, dir);
  const char *spans[] = { "Dec 2021 – Jan 2022", "28 Sep 2021 – 28 Nov 2022" };

  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      CmTextCell *cell = wait_for_cell (window, spans[i], FALSE);

      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (cell)), >, 0);
      g_assert_false (cm_text_cell_is_cut (cell));
    }
  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (dir);
}

/* Whether the list cell starting with @prefix offers a tooltip. */
static gboolean
cell_has_tooltip (CmWindow   *window,
                  const char *prefix)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  CmTextCell *cell = wait_for_cell (window, prefix, TRUE);
  gboolean shown = FALSE;

  g_signal_emit_by_name (cell, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  return shown;
}

/* A cell cut short offers its whole text as a tooltip; one that fits
 * offers none. */
static void
test_cell_tooltips (void)
{
  g_autofree char *long_title = NULL;
  g_autofree char *json = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cm-window-XXXXXX", NULL);
  g_autoptr(GString) words = g_string_new ("Long");
  CmWindow *window;

  for (guint i = 0; i < 100; i++)
    g_string_append (words, " word");
  long_title = g_string_free (g_steal_pointer (&words), FALSE);
  json = g_strdup_printf ("{\"title\": \"T\", \"places\": [{\"id\": \"p\", \"name\": \"P\", \"lat\": 30, \"lon\": 114}],"
                          " \"categories\": [{\"id\": \"c\", \"label\": \"C\", \"color\": \"#0072B2\"}],"
                          " \"announcements\": ["
                          " {\"id\": \"a\", \"date\": \"2021\", \"place\": \"p\", \"category\": \"c\", \"title\": \"%s\"},"
                          " {\"id\": \"b\", \"date\": \"2022\", \"place\": \"p\", \"category\": \"c\", \"title\": \"Short\"}]}",
                          long_title);
  window = open_json (json, dir);

  g_assert_true (cell_has_tooltip (window, "Long word"));
  g_assert_false (cell_has_tooltip (window, "Short"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_rmdir (dir);
}

static guint
list_rows (CmWindow *window)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (cm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
}

/* Another lane mode lays out the same marks: the selection, the brush and
 * the visible range stay, and so do the map's selection and the list. */
static void
test_lanes_keep_selection (void)
{
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
  CmTimeline *timeline = CM_TIMELINE (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_TIMELINE));
  CmMap *map = CM_MAP (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_MAP));
  g_autoptr(GtkBitset) selection = gtk_bitset_new_empty ();
  const CmLaneMode modes[] = { CM_LANES_BY_PLACE, CM_LANES_SINGLE, CM_LANES_BY_CATEGORY };
  g_autoptr(GtkBitset) places = NULL;
  double t0, t1, b0, b1;
  guint rows;

  g_autofree char *basemap = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "basemap",
                                               "china.geojson", NULL);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* The map shows places only on a base map. */
  cm_window_set_basemap_path (window, basemap);
  gtk_window_present (GTK_WINDOW (window));
  while (cm_map_get_basemap (map) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  cm_window_open_sample (window);
  cm_test_wait_for_load (window);
  cm_test_iterate (100);

  gtk_bitset_add (selection, 0);
  gtk_bitset_add (selection, 7);
  gtk_bitset_add (selection, 9);
  cm_timeline_set_selection (timeline, selection);
  cm_timeline_zoom (timeline, 1.5);
  cm_timeline_get_visible_range (timeline, &t0, &t1);
  cm_timeline_set_brush (timeline, t0, (t0 + t1) / 2);
  b0 = cm_timeline_get_brush_start (timeline);
  b1 = cm_timeline_get_brush_end (timeline);
  places = cm_map_get_selection (map);
  g_assert_cmpuint (gtk_bitset_get_size (places), >=, 1);
  rows = list_rows (window);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GtkBitset) now = NULL;
      double u0, u1;

      g_object_set (window, "lanes", modes[i], NULL);
      cm_test_iterate (50);
      g_assert_true (gtk_bitset_equals (cm_timeline_get_selection (timeline), selection));
      g_assert_true (cm_timeline_get_has_brush (timeline));
      g_assert_cmpfloat (cm_timeline_get_brush_start (timeline), ==, b0);
      g_assert_cmpfloat (cm_timeline_get_brush_end (timeline), ==, b1);
      cm_timeline_get_visible_range (timeline, &u0, &u1);
      g_assert_cmpfloat (u0, ==, t0);
      g_assert_cmpfloat (u1, ==, t1);
      now = cm_map_get_selection (map);
      g_assert_true (gtk_bitset_equals (now, places));
      g_assert_cmpuint (list_rows (window), ==, rows);
    }

  /* A fitted view stays fitted. */
  cm_timeline_fit (timeline);
  cm_timeline_get_visible_range (timeline, &t0, &t1);
  g_object_set (window, "lanes", CM_LANES_BY_PLACE, NULL);
  {
    double u0, u1;

    cm_timeline_get_visible_range (timeline, &u0, &u1);
    g_assert_cmpfloat (u0, ==, t0);
    g_assert_cmpfloat (u1, ==, t1);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* @window on screen with the bundled sample loaded and drawn. */
static void
show_sample (CmWindow *window)
{
  gtk_window_present (GTK_WINDOW (window));
  cm_window_open_sample (window);
  cm_test_wait_for_load (window);
  cm_test_iterate (50);
}

/* Ctrl+F: the search keeps the announcements holding every term in the
 * list, dims the others on the timeline and says how many match; Escape
 * ends it and shows all again. */
static void
test_search (void)
{
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
  CmTimeline *timeline = CM_TIMELINE (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_TIMELINE));
  GtkSearchBar *bar = GTK_SEARCH_BAR (cm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_BAR));
  GtkEditable *entry = GTK_EDITABLE (cm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY));
  g_autoptr(CmTextIndex) index = NULL;
  g_autofree guint8 *match = NULL;
  g_autofree char *count = NULL;
  CmTimelineIndex *marks;
  guint all, expected, n;
  gint64 deadline;

  show_sample (window);
  all = list_rows (window);
  n = cm_dataset_get_n_announcements (cm_window_get_dataset (window));
  g_assert_cmpuint (all, ==, n);

  index = cm_text_index_new (cm_window_get_dataset (window));
  match = g_new (guint8, n);
  expected = cm_text_index_match (index, "WUHAN", match);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, n);

  g_assert_false (gtk_search_bar_get_search_mode (bar));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  g_assert_true (gtk_search_bar_get_search_mode (bar));
  gtk_editable_set_text (entry, "WUHAN");
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (list_rows (window) != expected && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (list_rows (window), ==, expected);
  count = g_strdup_printf ("%u of %u announcements", expected, n);
  wait_for_label (GTK_WIDGET (window), count);

  marks = cm_timeline_get_index (timeline);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (!(cm_timeline_index_get_flags (marks, i) & CM_MARK_FLAG_DIMMED), ==, match[i]);

  /* Nothing matches: an empty list, every mark dimmed. */
  gtk_editable_set_text (entry, "WUHAN zzzqqq");
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (list_rows (window) != 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (list_rows (window), ==, 0);
  for (guint i = 0; i < n; i++)
    g_assert_true (cm_timeline_index_get_flags (marks, i) & CM_MARK_FLAG_DIMMED);

  /* Escape ends the search. */
  g_signal_emit_by_name (entry, "stop-search");
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (list_rows (window) != all && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (list_rows (window), ==, all);
  g_assert_false (gtk_search_bar_get_search_mode (bar));
  for (guint i = 0; i < n; i++)
    g_assert_false (cm_timeline_index_get_flags (marks, i) & CM_MARK_FLAG_DIMMED);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The filter bar's categories: unchecking one leaves the others' announcements
 * in the list and says so on the button; closing the bar shows all again. */
static void
test_category_filter (void)
{
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, NULL);
  GtkSearchBar *bar = GTK_SEARCH_BAR (cm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_BAR));
  GtkMenuButton *menu = GTK_MENU_BUTTON (cm_test_find_widget (GTK_WIDGET (bar), GTK_TYPE_MENU_BUTTON));
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (menu));
  GtkCheckButton *first;
  g_autofree char *label = NULL;
  CmDataset *ds;
  guint all, n_categories, expected = 0;
  gint64 deadline;

  show_sample (window);
  ds = cm_window_get_dataset (window);
  all = list_rows (window);
  n_categories = cm_dataset_get_n_categories (ds);
  g_assert_cmpuint (n_categories, >, 1);
  g_assert_cmpstr (gtk_menu_button_get_label (menu), ==, "All Categories");

  for (guint i = 0; i < cm_dataset_get_n_announcements (ds); i++)
    expected += cm_dataset_get_announcement (ds, i)->category != 0;
  g_assert_cmpuint (expected, <, all);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  first = GTK_CHECK_BUTTON (cm_test_find_widget (popover, GTK_TYPE_CHECK_BUTTON));
  g_assert_true (gtk_check_button_get_active (first));
  gtk_check_button_set_active (first, FALSE);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (list_rows (window) != expected && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (list_rows (window), ==, expected);
  label = g_strdup_printf ("%u of %u Categories", n_categories - 1, n_categories);
  g_assert_cmpstr (gtk_menu_button_get_label (menu), ==, label);

  gtk_search_bar_set_search_mode (bar, FALSE);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (list_rows (window) != all && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (list_rows (window), ==, all);
  g_assert_true (gtk_check_button_get_active (first));
  g_assert_cmpstr (gtk_menu_button_get_label (menu), ==, "All Categories");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The keypad's keys are listed as their twins, whose labels look the same. */
static guint
main_key (guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_KP_Add:
      return GDK_KEY_plus;
    case GDK_KEY_KP_Subtract:
      return GDK_KEY_minus;
    case GDK_KEY_KP_Enter:
      return GDK_KEY_Return;
    default:
      return keyval;
    }
}

/* Appends "group\tkeyval\tmods\n" for each accelerator shown under @root. */
static void
collect_shortcuts (GtkWidget  *root,
                   const char *group,
                   GString    *out)
{
  g_autofree char *title = NULL;

  if (GTK_IS_SHORTCUTS_GROUP (root))
    {
      g_object_get (root, "title", &title, NULL);
      group = title;
    }
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) accels = NULL;

      g_object_get (root, "accelerator", &accelerator, NULL);
      accels = g_strsplit (accelerator ? accelerator : "", " ", -1);
      for (guint i = 0; accels[i] != NULL; i++)
        {
          guint keyval;
          GdkModifierType mods;

          if (*accels[i] == '\0')
            continue;
          g_assert_true (gtk_accelerator_parse (accels[i], &keyval, &mods));
          g_string_append_printf (out, "%s\t%u\t%u\n", group, keyval, mods);
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_shortcuts (c, group, out);
}

/* Every key @widget binds is in the shortcuts window's group @group. */
static void
assert_keys_listed (GtkWidget  *widget,
                    const char *group,
                    const char *listed)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n_keys = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *line = NULL;
          g_autofree char *name = NULL;

          if (!GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;
          name = gtk_shortcut_trigger_to_string (trigger);
          line = g_strdup_printf ("%s\t%u\t%u\n", group,
                                  main_key (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger))),
                                  gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
          if (strstr (listed, line) == NULL)
            g_error ("%s's key %s is not in the shortcuts window's group %s", G_OBJECT_TYPE_NAME (widget), name, group);
          n_keys++;
        }
    }
  g_assert_cmpuint (n_keys, >, 0);
}

/* Ctrl+? lists the keys of the timeline and of the map. */
static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/chronomap/Chronomap/gtk/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(GString) listed = g_string_new (NULL);
  GtkWidget *timeline = g_object_ref_sink (cm_timeline_new ());
  GtkWidget *map = g_object_ref_sink (g_object_new (CM_TYPE_MAP, NULL));

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  collect_shortcuts (overlay, "", listed);
  g_test_message ("listed:\n%s", listed->str);
  assert_keys_listed (timeline, "Timeline", listed->str);
  assert_keys_listed (map, "Map", listed->str);

  g_object_unref (timeline);
  g_object_unref (map);
  gtk_window_destroy (GTK_WINDOW (overlay));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/open-then-bad-file", test_open_then_bad_file);
  g_test_add_func ("/window/cancel", test_cancel);
  g_test_add_func ("/window/details", test_details);
  g_test_add_func ("/window/date-column", test_date_column);
  g_test_add_func ("/window/cell-tooltips", test_cell_tooltips);
  g_test_add_func ("/window/lanes-keep-selection", test_lanes_keep_selection);
  g_test_add_func ("/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/window/search", test_search);
  g_test_add_func ("/window/category-filter", test_category_filter);

  return g_test_run ();
}
