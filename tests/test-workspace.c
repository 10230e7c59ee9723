/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "cm-adoption-chart.h"
#include "cm-announcement-list.h"
#include "cm-details.h"
#include "cm-map.h"
#include "cm-map-focus.h"
#include "cm-text-cell.h"
#include "cm-time-filter.h"
#include "cm-timeline.h"
#include "cm-window.h"
#include "cm-test-window.h"

/* The workspace (issue #18) driven as a user would, in the real window
 * over the bundled sample: one meaning of time in every view, the list's
 * sorting and columns, the filter bar, the details beside the list, and
 * playback inside a brush. With CM_TEST_SHOTS=DIR each state is saved as
 * DIR/NAME.png, to be looked at. */

static gint64
day (const char *iso)
{
  CmDate date;

  g_assert_true (cm_date_parse (iso, strlen (iso), &date, NULL));
  return date.start;
}

static CmWindow *
open_sample (int width,
             int height)
{
  CmWindow *window = g_object_new (CM_TYPE_WINDOW, "default-width", width, "default-height", height, NULL);
  CmMap *map = CM_MAP (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_MAP));
  g_autofree char *basemap = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "basemap",
                                               "china.geojson", NULL);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  cm_window_set_basemap_path (window, basemap);
  gtk_window_present (GTK_WINDOW (window));
  while (cm_map_get_basemap (map) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  cm_window_open_sample (window);
  cm_test_wait_for_load (window);
  cm_test_iterate (100);
  return window;
}

static GtkColumnView *
column_view (CmWindow *window)
{
  return GTK_COLUMN_VIEW (cm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW));
}

static CmAnnouncementList *
list_model (CmWindow *window)
{
  GtkSelectionModel *model = gtk_column_view_get_model (column_view (window));

  return CM_ANNOUNCEMENT_LIST (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model)));
}

static CmTimeline *
timeline (CmWindow *window)
{
  return CM_TIMELINE (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_TIMELINE));
}

static CmMap *
map (CmWindow *window)
{
  return CM_MAP (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_MAP));
}

static CmDetails *
details (CmWindow *window)
{
  return CM_DETAILS (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_DETAILS));
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The ids the list shows, sorted, joined by spaces. */
static char *
listed (CmWindow *window)
{
  CmAnnouncementList *list = list_model (window);
  CmDataset *ds = cm_window_get_dataset (window);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (ids, (gpointer) cm_dataset_get_announcement (ds, cm_announcement_list_get_index (list, i))->id);
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

/* The same for the announcements at the places the map counts, each
 * place's count times; and for the timeline's marks in the brush. */
static char *
mapped (CmWindow *window)
{
  CmDataset *ds = cm_window_get_dataset (window);
  CmMapPainter *painter = cm_map_get_painter (map (window));
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint p = 0; p < cm_dataset_get_n_places (ds); p++)
    {
      guint32 n = cm_map_painter_get_place_count (painter, p);

      if (n > 0)
        g_string_append_printf (out, "%s%s:%u", out->len ? " " : "", cm_dataset_get_place (ds, p)->id, n);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
places_of (CmWindow *window)
{
  CmAnnouncementList *list = list_model (window);
  CmDataset *ds = cm_window_get_dataset (window);
  guint n_places = cm_dataset_get_n_places (ds);
  g_autofree guint *count = g_new0 (guint, n_places);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (ds, cm_announcement_list_get_index (list, i));

      if (a->place >= 0)
        count[a->place]++;
    }
  for (guint p = 0; p < n_places; p++)
    if (count[p] > 0)
      g_string_append_printf (out, "%s%s:%u", out->len ? " " : "", cm_dataset_get_place (ds, p)->id, count[p]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
in_brush (CmWindow *window)
{
  CmTimelineIndex *index = cm_timeline_get_index (timeline (window));
  CmDataset *ds = cm_window_get_dataset (window);
  gint64 start = (gint64) floor (cm_timeline_get_brush_start (timeline (window)));
  gint64 end = (gint64) ceil (cm_timeline_get_brush_end (timeline (window)));
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint m = 0; m < cm_timeline_index_get_n_marks (index); m++)
    if (cm_time_overlaps (cm_timeline_index_get_start (index, m), cm_timeline_index_get_end (index, m), start, end))
      g_ptr_array_add (ids, (gpointer) cm_dataset_get_announcement (ds, m)->id);
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

static const char *
find_filter_count (CmWindow *window)
{
  /* The filter bar's count. */
  for (GtkWidget *w = GTK_WIDGET (window); w != NULL;)
    {
      if (GTK_IS_LABEL (w) && gtk_widget_has_css_class (w, "numeric") && gtk_widget_get_mapped (w)
          && gtk_widget_has_css_class (gtk_widget_get_parent (w), "filter-bar"))
        return gtk_label_get_text (GTK_LABEL (w));
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w != NULL ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  return NULL;
}

/* The filter bar's count, once the bar has slid in; NULL when it shows
 * none. */
static const char *
filter_count (CmWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  const char *count;

  while ((count = find_filter_count (window)) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  return count;
}

/* The chips' labels, in order, joined by " | ". */
static char *
chips (CmWindow *window)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (GtkWidget *w = GTK_WIDGET (window); w != NULL;)
    {
      if (GTK_IS_BUTTON (w) && gtk_widget_has_css_class (w, "filter-chip"))
        {
          GtkWidget *label = cm_test_find_widget (w, GTK_TYPE_LABEL);

          g_string_append_printf (out, "%s%s", out->len ? " | " : "", gtk_label_get_text (GTK_LABEL (label)));
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w != NULL ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GtkButton *
chip (CmWindow   *window,
      const char *prefix)
{
  for (GtkWidget *w = GTK_WIDGET (window); w != NULL;)
    {
      if (GTK_IS_BUTTON (w) && gtk_widget_has_css_class (w, "filter-chip")
          && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (cm_test_find_widget (w, GTK_TYPE_LABEL))), prefix))
        return GTK_BUTTON (w);
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w != NULL ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  g_error ("no chip %s", prefix);
}

/* Brushes that cut the sample's months: the list, the map, the timeline
 * and the count hold the same announcements. */
static void
test_one_time (void)
{
  CmWindow *window = open_sample (1280, 880);
  struct
  {
    const char *from, *to, *ids, *places;
  } cases[] = {
    /* The issue's: Xuhui's and Hefei's "Jan 2022", Shanghai's "Dec 2021 –
     * Jan 2022"; not Binhu's 5th or Wuhan's 11th. */
    { "2022-01-15", "2022-05-01",
      "hefei-work-report-2022 shanghai-party-economic-forum xuhui-work-report-2022",
      "hefei:1 shanghai:1 xuhui:1" },
    /* From 10 November: Zhejiang's "Nov 2021" shades its province. */
    { "2021-11-10", "2021-12-01", "zhejiang-metaverse-symposium", "zhejiang:1" },
    { "2021-12-31", "2022-01-01", "shanghai-electronic-information-plan shanghai-party-economic-forum",
      "shanghai:2" },
    { "2022-01-06", "2022-01-07",
      "hefei-work-report-2022 shanghai-party-economic-forum xuhui-work-report-2022",
      "hefei:1 shanghai:1 xuhui:1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ids = NULL, *on_map = NULL, *places = NULL, *marks = NULL, *count = NULL;
      g_autofree char *shot = g_strdup_printf ("time-%s-%s", cases[i].from, cases[i].to);
      guint n = 1;

      for (const char *p = cases[i].ids; *p; p++)
        n += *p == ' ';
      cm_timeline_set_brush (timeline (window), (double) day (cases[i].from), (double) day (cases[i].to));
      cm_test_iterate (50);
      ids = listed (window);
      on_map = mapped (window);
      places = places_of (window);
      marks = in_brush (window);
      g_test_message ("%s – %s: list %s; map %s; timeline %s", cases[i].from, cases[i].to, ids, on_map, marks);
      g_assert_cmpstr (ids, ==, cases[i].ids);
      g_assert_cmpstr (marks, ==, cases[i].ids);
      g_assert_cmpstr (on_map, ==, cases[i].places);
      g_assert_cmpstr (places, ==, cases[i].places);
      /* The count's noun follows the total. */
      count = g_strdup_printf ("%u of 10 announcements", n);
      g_assert_cmpstr (filter_count (window), ==, count);
      cm_test_shoot (GTK_WINDOW (window), shot);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The row order for each column, both ways. */
static void
test_sort_columns (void)
{
  CmWindow *window = open_sample (1280, 880);
  GtkColumnView *view = column_view (window);
  GListModel *columns = gtk_column_view_get_columns (view);
  CmDataset *ds = cm_window_get_dataset (window);
  struct
  {
    const char *title;
    const char *first_ascending;
    const char *first_descending;
  } cases[] = {
    { "Date", "zhejiang-metaverse-symposium", "hebi-metaverse-consultants" },
    { "Title", "hebi-metaverse-forum-2023", "zhejiang-metaverse-symposium" },
    { "Place", "binhu-taihu-bay-metaverse-plan", "zhejiang-metaverse-symposium" },
    { "Category", "hebi-metaverse-consultants", "hebi-bluefocus-industrial-park" },
  };

  /* Newest first on open, the Date header says so. */
  g_assert_cmpstr (cm_dataset_get_announcement (ds, cm_announcement_list_get_index (list_model (window), 0))->id, ==,
                   "hebi-metaverse-consultants");
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (int order = 0; order < 2; order++)
      {
        g_autoptr(GtkColumnViewColumn) column = NULL;
        CmAnnouncementList *list;
        guint n;

        for (guint k = 0; k < g_list_model_get_n_items (columns); k++)
          {
            g_autoptr(GtkColumnViewColumn) candidate = g_list_model_get_item (columns, k);

            if (g_str_equal (gtk_column_view_column_get_title (candidate), cases[c].title))
              column = g_object_ref (candidate);
          }
        g_assert_nonnull (column);
        gtk_column_view_sort_by_column (view, column, order == 0 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
        cm_test_iterate (20);
        list = list_model (window);
        n = g_list_model_get_n_items (G_LIST_MODEL (list));
        g_assert_cmpuint (n, ==, 10);
        g_test_message ("%s %s: %s", cases[c].title, order ? "descending" : "ascending",
                        cm_dataset_get_announcement (ds, cm_announcement_list_get_index (list, 0))->id);
        g_assert_cmpstr (cm_dataset_get_announcement (ds, cm_announcement_list_get_index (list, 0))->id, ==,
                         order == 0 ? cases[c].first_ascending : cases[c].first_descending);
        /* Each row in order by the column's key. */
        for (guint i = 1; i < n; i++)
          {
            const CmAnnouncement *a = cm_dataset_get_announcement (ds, cm_announcement_list_get_index (list, i - 1));
            const CmAnnouncement *b = cm_dataset_get_announcement (ds, cm_announcement_list_get_index (list, i));
            g_autofree char *ka = NULL, *kb = NULL;
            int cmp;

            switch (c)
              {
              case 0:
                cmp = a->start < b->start ? -1 : a->start > b->start;
                break;
              case 1:
                ka = cm_dataset_dup_text (ds, a->title);
                kb = cm_dataset_dup_text (ds, b->title);
                cmp = g_ascii_strcasecmp (ka, kb);
                break;
              case 2:
                ka = cm_dataset_format_place (ds, a->place);
                kb = cm_dataset_format_place (ds, b->place);
                cmp = g_utf8_collate (ka, kb);
                break;
              default:
                cmp = g_utf8_collate (cm_dataset_get_category (ds, a->category)->label,
                                      cm_dataset_get_category (ds, b->category)->label);
                break;
              }
            g_assert_cmpint (order == 0 ? cmp : -cmp, <=, 0);
          }
        if (c == 1 && order == 0)
          cm_test_shoot (GTK_WINDOW (window), "sorted-by-title");
      }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Each filter in force has a chip and all share one count; removing a
 * chip removes its filter; nothing left shows an empty state whose Clear
 * Filters shows all again. */
static void
test_chips (void)
{
  CmWindow *window = open_sample (1280, 880);
  GtkEditable *entry = GTK_EDITABLE (cm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY));
  GtkSearchBar *bar = GTK_SEARCH_BAR (cm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_BAR));
  GtkStack *stack = NULL;
  g_autofree char *shown = NULL;
  gint64 deadline;

  g_assert_cmpstr ((shown = chips (window)), ==, "");
  g_clear_pointer (&shown, g_free);

  /* A brush alone: a chip and a count. */
  cm_timeline_set_brush (timeline (window), (double) day ("2022-01-01"), (double) day ("2022-02-01"));
  cm_test_iterate (50);
  g_assert_cmpstr ((shown = chips (window)), ==, "1 Jan 2022 – 31 Jan 2022");
  g_clear_pointer (&shown, g_free);
  g_assert_cmpstr (filter_count (window), ==, "5 of 10 announcements");

  /* And a search: the count holds both. */
  gtk_search_bar_set_search_mode (bar, TRUE);
  gtk_editable_set_text (entry, "work report");
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (G_LIST_MODEL (list_model (window))) != 3 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  cm_test_iterate (50);
  g_assert_cmpstr ((shown = chips (window)), ==, "1 Jan 2022 – 31 Jan 2022 | “work report”");
  g_clear_pointer (&shown, g_free);
  g_assert_cmpstr (filter_count (window), ==, "3 of 10 announcements");
  cm_test_shoot (GTK_WINDOW (window), "chips-brush-search");

  /* A place clicked on the map. */
  {
    g_autoptr(GtkBitset) wuhan = gtk_bitset_new_empty ();

    gtk_bitset_add (wuhan, cm_dataset_find_place (cm_window_get_dataset (window), "wuhan"));
    cm_map_set_selection (map (window), wuhan);
    cm_test_iterate (50);
  }
  g_assert_cmpstr ((shown = chips (window)), ==, "1 Jan 2022 – 31 Jan 2022 | Place: Wuhan (武汉市) | “work report”");
  g_clear_pointer (&shown, g_free);
  g_assert_cmpstr (filter_count (window), ==, "1 of 10 announcements");

  /* Removing the period's chip keeps the others. */
  g_signal_emit_by_name (chip (window, "1 Jan"), "clicked");
  cm_test_iterate (50);
  g_assert_false (cm_timeline_get_has_brush (timeline (window)));
  g_assert_cmpstr ((shown = chips (window)), ==, "Place: Wuhan (武汉市) | “work report”");
  g_clear_pointer (&shown, g_free);
  g_assert_cmpstr (filter_count (window), ==, "1 of 10 announcements");

  /* Nothing matches: the empty state, and its Clear Filters. */
  gtk_editable_set_text (entry, "zzzqqq");
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (G_LIST_MODEL (list_model (window))) != 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  cm_test_iterate (50);
  for (GtkWidget *w = gtk_widget_get_parent (GTK_WIDGET (column_view (window))); w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_STACK (w))
      {
        stack = GTK_STACK (w);
        break;
      }
  g_assert_nonnull (stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (filter_count (window), ==, "0 of 10 announcements");
  cm_test_shoot (GTK_WINDOW (window), "empty-state");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filters", NULL));
  cm_test_iterate (100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list_model (window))), ==, 10);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_cmpstr ((shown = chips (window)), ==, "");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A click on a row selects it everywhere and fills the details; Alt+Down
 * and Alt+Up walk the list; a mark clicked does the same. */
static void
test_details_follow (void)
{
  CmWindow *window = open_sample (1280, 880);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view (window)));
  CmDataset *ds = cm_window_get_dataset (window);
  CmAnnouncementList *list = list_model (window);
  guint second = cm_announcement_list_get_index (list, 1);
  guint third = cm_announcement_list_get_index (list, 2);
  const CmAnnouncement *a;
  g_autofree char *title = NULL;
  g_autoptr(GtkBitset) mark = gtk_bitset_new_empty ();

  g_assert_cmpint (cm_details_get_announcement (details (window)), ==, -1);
  gtk_single_selection_set_selected (selection, 1);
  cm_test_iterate (50);
  a = cm_dataset_get_announcement (ds, second);
  title = cm_dataset_dup_text (ds, a->title);
  g_assert_cmpint (cm_details_get_announcement (details (window)), ==, (int) second);
  g_assert_cmpstr (cm_details_get_title (details (window)), ==, title);
  g_assert_cmpint (cm_timeline_get_focus_mark (timeline (window)), ==, (int) second);
  g_assert_cmpint (cm_map_painter_get_focus_place (cm_map_get_painter (map (window))), ==, a->place);
  /* The sample's sources have no address: nothing to open. */
  g_assert_null (cm_details_get_link (details (window)));
  cm_test_shoot (GTK_WINDOW (window), "details");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-announcement", NULL));
  cm_test_iterate (20);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 2);
  g_assert_cmpint (cm_details_get_announcement (details (window)), ==, (int) third);
  g_assert_cmpint (cm_timeline_get_focus_mark (timeline (window)), ==, (int) third);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-announcement", NULL));
  cm_test_iterate (20);
  g_assert_cmpint (cm_details_get_announcement (details (window)), ==, (int) second);

  /* Copy: date — place — title (— source address, which the sample's
   * sources lack). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-announcement", NULL));
  {
    GdkContentProvider *content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (window)));
    g_auto(GValue) value = G_VALUE_INIT;
    g_autofree char *when = cm_dataset_format_when (ds, a);
    g_autofree char *place = cm_dataset_format_place (ds, a->place);
    g_autofree char *expected = g_strdup_printf ("%s — %s — %s", when, place, title);

    g_value_init (&value, G_TYPE_STRING);
    g_assert_nonnull (content);
    g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
    g_test_message ("copied: %s", g_value_get_string (&value));
    g_assert_cmpstr (g_value_get_string (&value), ==, expected);
  }

  /* A mark clicked on the timeline. */
  gtk_bitset_add (mark, third);
  cm_timeline_set_selection (timeline (window), mark);
  cm_test_iterate (50);
  g_assert_cmpint (cm_details_get_announcement (details (window)), ==, (int) third);

  /* F9 hides the sidebar and shows it again. */
  {
    GtkWidget *sidebar = gtk_widget_get_ancestor (GTK_WIDGET (details (window)), GTK_TYPE_PANED);

    g_assert_true (gtk_widget_get_visible (sidebar));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
    g_assert_false (gtk_widget_get_visible (sidebar));
    cm_test_shoot (GTK_WINDOW (window), "sidebar-hidden");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
    g_assert_true (gtk_widget_get_visible (sidebar));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  double min, max;
  guint  n;
} Seen;

static void
playhead_seen (CmTimeline *tl,
               GParamSpec *pspec,
               Seen       *seen)
{
  double t = cm_timeline_get_playhead (tl);

  if (!cm_timeline_get_has_playhead (tl))
    return;
  seen->min = MIN (seen->min, t);
  seen->max = MAX (seen->max, t);
  seen->n++;
}

/* Playback inside a brush stays inside it, the list follows it, and
 * played to the end the playhead leaves the marks. */
static void
test_playback_brush (void)
{
  CmWindow *window = open_sample (1280, 880);
  CmTimeline *tl = timeline (window);
  CmDataset *ds = cm_window_get_dataset (window);
  double from = (double) day ("2021-12-01"), to = (double) day ("2022-01-08");
  Seen seen = { G_MAXDOUBLE, -G_MAXDOUBLE, 0 };
  gint64 deadline;
  int current;
  gulong handler;

  cm_timeline_set_brush (tl, from, to);
  cm_timeline_set_speed (tl, (to - from) / 1.5);
  handler = g_signal_connect (tl, "notify::playhead", G_CALLBACK (playhead_seen), &seen);
  cm_timeline_set_playing (tl, TRUE);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (cm_timeline_get_playing (tl) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      if (seen.n == 20)
        cm_test_shoot (GTK_WINDOW (window), "playing-in-brush");
    }
  g_assert_false (cm_timeline_get_playing (tl));
  g_signal_handler_disconnect (tl, handler);
  g_test_message ("playhead from %f to %f in [%f, %f), %u frames", seen.min, seen.max, from, to, seen.n);
  g_assert_cmpuint (seen.n, >, 2);
  g_assert_cmpfloat (seen.min, >=, from);
  g_assert_cmpfloat (seen.max, <=, to);
  /* Stopped at the end: no playhead over the last marks, the map shows
   * the whole brush. */
  g_assert_false (cm_timeline_get_has_playhead (tl));
  g_assert_cmpint (cm_map_get_playhead (map (window)), ==, CM_MAP_NO_PLAYHEAD);
  /* The list followed: the latest announcement begun in the brush is
   * Binhu's of 5 January. */
  current = cm_details_get_announcement (details (window));
  g_assert_cmpint (current, >=, 0);
  g_assert_cmpstr (cm_dataset_get_announcement (ds, (guint) current)->id, ==, "binhu-taihu-bay-metaverse-plan");
  cm_test_shoot (GTK_WINDOW (window), "played");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Columns fit their content and the list's width: all four show, with
 * no horizontal scroll; from 1280 wide Place and Category are whole, and
 * the Title takes the rest, ellipsized. */
static void
test_columns_fit (void)
{
  const int widths[] = { 1280, 1600, 800 };

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      CmWindow *window = open_sample (widths[w], widths[w] == 800 ? 600 : 880);
      GtkColumnView *view = column_view (window);
      GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);
      GListModel *columns = gtk_column_view_get_columns (view);
      g_autofree char *shot = g_strdup_printf ("columns-%d", widths[w]);
      int total = 0;

      cm_test_iterate (100);
      for (guint k = 0; k < g_list_model_get_n_items (columns); k++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, k);

          g_assert_true (gtk_column_view_column_get_visible (column));
        }
      total = gtk_widget_get_width (GTK_WIDGET (view));
      g_test_message ("%d wide: list %d in %d", widths[w], total, gtk_widget_get_width (scroller));
      g_assert_cmpint (total, <=, gtk_widget_get_width (scroller));
      /* Place and Category show their whole text when there is room;
       * at 800 wide they give some to the Title. */
      if (widths[w] >= 1280)
      {
        const char *whole[] = { "Hebi (鹤壁市)", "\xe2\x97\x8f\xe2\x80\x82" "Advisory appointment" };
        for (guint i = 0; i < G_N_ELEMENTS (whole); i++)
          {
            GtkWidget *cell = NULL;

            for (GtkWidget *c = GTK_WIDGET (view); c != NULL;)
              {
                if (CM_IS_TEXT_CELL (c) && gtk_widget_get_mapped (c)
                    && g_strcmp0 (cm_text_cell_get_text (CM_TEXT_CELL (c)), whole[i]) == 0)
                  {
                    cell = c;
                    break;
                  }
                if (gtk_widget_get_first_child (c) != NULL)
                  c = gtk_widget_get_first_child (c);
                else
                  {
                    while (c != NULL && c != GTK_WIDGET (view) && gtk_widget_get_next_sibling (c) == NULL)
                      c = gtk_widget_get_parent (c);
                    c = c != NULL && c != GTK_WIDGET (view) ? gtk_widget_get_next_sibling (c) : NULL;
                  }
              }
            g_assert_nonnull (cell);
            /* The columns are refitted after the allocation that changed
             * the width: on a loaded machine, later than a fixed wait. */
            {
              gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

              while (cm_text_cell_is_cut (CM_TEXT_CELL (cell)) && g_get_monotonic_time () < deadline)
                g_main_context_iteration (NULL, FALSE);
            }
            g_assert_false (cm_text_cell_is_cut (CM_TEXT_CELL (cell)));
          }
      }
      cm_test_shoot (GTK_WINDOW (window), shot);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* The adoption curve (item 5) under the timeline, on its axis: seven
 * places over the sample, following the search, split by category on
 * demand, listing the places added where hovered, hidden when asked and
 * when nothing has a place. */
static void
test_adoption (void)
{
  CmWindow *window = open_sample (1280, 880);
  CmAdoptionChart *chart = CM_ADOPTION_CHART (cm_test_find_widget (GTK_WIDGET (window), CM_TYPE_ADOPTION_CHART));
  CmAdoptionPainter *painter = cm_adoption_chart_get_painter (chart);
  GtkEditable *entry = GTK_EDITABLE (cm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY));
  GtkSearchBar *bar = GTK_SEARCH_BAR (cm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_BAR));
  g_autofree char *tip = NULL;
  g_autofree char *cosmo = NULL;
  g_autoptr(GFile) file = NULL;
  CmAdoptionView view;
  double t0, t1, left, right;
  gint64 deadline;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chart)));
  g_assert_cmpuint (cm_adoption_painter_get_n_series (painter), ==, 1);
  g_assert_cmpuint (cm_adoption_curve_get_n (cm_adoption_painter_get_curve (painter, 0)), ==, 7);
  g_assert_cmpfloat (cm_adoption_curve_eval (cm_adoption_painter_get_curve (painter, 0), (double) day ("2022-06-01"),
                                             NULL, NULL), ==, 6);

  /* One time axis: the timeline's range between its plot's edges, once
   * both are laid out (later than a fixed wait on a loaded machine). */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      g_main_context_iteration (NULL, FALSE);
      cm_timeline_get_plot_edges (timeline (window), &left, &right);
    }
  while ((left <= 0 || gtk_widget_get_width (GTK_WIDGET (chart)) == 0) && g_get_monotonic_time () < deadline);
  cm_timeline_get_visible_range (timeline (window), &t0, &t1);
  cm_adoption_chart_get_view (chart, &view);
  g_assert_cmpfloat (view.t0, ==, t0);
  g_assert_cmpfloat (view.t1, ==, t1);
  g_assert_cmpfloat (view.x0, ==, left);
  g_assert_cmpfloat (view.x1, ==, right);
  g_assert_cmpfloat (left, >, 50);
  cm_timeline_set_visible_range (timeline (window), (double) day ("2021-10-01"), (double) day ("2022-03-01"));
  cm_test_iterate (50);
  cm_adoption_chart_get_view (chart, &view);
  g_assert_cmpfloat (view.t0, ==, (double) day ("2021-10-01"));

  /* Hovering Wuhan's day lists Wuhan with its date. */
  tip = cm_adoption_chart_describe_at (chart, cm_adoption_painter_time_to_x (&view, (double) day ("2022-01-11") + 43200));
  g_assert_nonnull (tip);
  g_assert_nonnull (strstr (tip, "Wuhan"));
  g_assert_nonnull (strstr (tip, "11 Jan 2022"));
  g_clear_pointer (&tip, g_free);
  g_assert_null (cm_adoption_chart_describe_at (chart, cm_adoption_painter_time_to_x (&view, (double) day ("2022-02-20"))));
  cm_test_shoot (GTK_WINDOW (window), "adoption");

  /* The search keeps the work reports: Hefei, Xuhui and Wuhan. */
  gtk_search_bar_set_search_mode (bar, TRUE);
  gtk_editable_set_text (entry, "work report");
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (G_LIST_MODEL (list_model (window))) != 3 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  cm_test_iterate (50);
  g_assert_cmpuint (cm_adoption_curve_get_n (cm_adoption_painter_get_curve (painter, 0)), ==, 3);
  gtk_search_bar_set_search_mode (bar, FALSE);
  cm_test_iterate (50);
  g_assert_cmpuint (cm_adoption_curve_get_n (cm_adoption_painter_get_curve (painter, 0)), ==, 7);

  /* By category: one curve each, a place counted in each of its own. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.adoption", "s", "by-category"));
  cm_test_iterate (50);
  g_assert_cmpuint (cm_adoption_painter_get_n_series (painter), ==, 5);
  {
    guint total = 0;

    for (guint k = 0; k < 5; k++)
      total += cm_adoption_curve_get_n (cm_adoption_painter_get_curve (painter, k));
    g_assert_cmpuint (total, ==, 10);
  }
  cm_test_shoot (GTK_WINDOW (window), "adoption-by-category");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.adoption", "s", "hidden"));
  cm_test_iterate (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chart)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.adoption", "s", "places"));
  cm_test_iterate (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chart)));

  /* A TimelineJS file has no places: no curve to show. */
  cosmo = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "tests", "data", "timelinejs", "cosmo.json", NULL);
  file = g_file_new_for_path (cosmo);
  cm_window_open_file (window, file);
  cm_test_wait_for_load (window);
  cm_test_iterate (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (chart)));

  /* Nor a map: the timeline takes its room, and a band says why. */
  {
    GtkPaned *vpaned = GTK_PANED (gtk_widget_get_ancestor (GTK_WIDGET (timeline (window)), GTK_TYPE_PANED));
    /* The band is the first thing over the panes. */
    GtkWidget *band = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (vpaned)));
    int mapless = gtk_paned_get_position (vpaned);

    g_assert_true (GTK_IS_REVEALER (band));
    g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (band)));
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (map (window))));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (cm_test_find_widget (band, GTK_TYPE_LABEL))),
                              "None of the 7 announcements has a place"));
    cm_test_iterate (100);
    cm_test_shoot (GTK_WINDOW (window), "no-map");
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (timeline (window))), >,
                     gtk_widget_get_height (GTK_WIDGET (vpaned)) / 2);
    cm_window_open_sample (window);
    cm_test_wait_for_load (window);
    cm_test_iterate (100);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (map (window))));
    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (band)));
    g_assert_cmpint (gtk_paned_get_position (vpaned), >, mapless);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/workspace/one-time", test_one_time);
  g_test_add_func ("/workspace/sort-columns", test_sort_columns);
  g_test_add_func ("/workspace/chips", test_chips);
  g_test_add_func ("/workspace/details-follow", test_details_follow);
  g_test_add_func ("/workspace/playback-brush", test_playback_brush);
  g_test_add_func ("/workspace/columns-fit", test_columns_fit);
  g_test_add_func ("/workspace/adoption", test_adoption);

  return g_test_run ();
}
