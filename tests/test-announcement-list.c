/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cm-announcement-list.h"
#include "cm-test-util.h"

/* A dataset of @n announcements: days, months, years and spans, with
 * many sharing a start, over 2015-2024. */
static CmDataset *
random_dataset (GRand *rand,
                guint  n)
{
  g_autoptr(GString) json = g_string_new ("{\"title\": \"t\", \"places\": [{\"id\": \"p\", \"name\": \"P\", "
                                          "\"kind\": \"city\", \"lat\": 31.8, \"lon\": 117.2}], "
                                          "\"categories\": [{\"id\": \"c\", \"label\": \"C\", \"color\": \"#000000\"}], "
                                          "\"announcements\": [");
  CmDataset *ds;

  for (guint i = 0; i < n; i++)
    {
      int y = g_rand_int_range (rand, 2015, 2025), m = g_rand_int_range (rand, 1, 13), d = g_rand_int_range (rand, 1, 29);
      g_autofree char *date = NULL;
      const char *end = "";

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          date = g_strdup_printf ("%d", y);
          break;
        case 1:
          date = g_strdup_printf ("%d-%02d", y, m);
          break;
        case 2:
          date = g_strdup_printf ("%d-%02d-%02d", y, m, d);
          end = ", \"end\": \"2025-06\"";
          break;
        default:
          date = g_strdup_printf ("%d-%02d-%02d", y, m, d);
          break;
        }
      g_string_append_printf (json, "%s{\"id\": \"a%u\", \"date\": \"%s\"%s, \"place\": \"p\", \"category\": \"c\", "
                              "\"title\": \"t\"}", i ? "," : "", i, date, end);
    }
  g_string_append (json, "]}");
  ds = cm_test_load_string (json->str, NULL);
  g_assert_nonnull (ds);
  return ds;
}

/* What the list must show, by brute force: the announcements that pass,
 * newest first in the dataset's time order. */
static GArray *
expected (CmDataset *ds,
          gint64     start,
          gint64     end,
          GtkBitset *selected)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  const guint32 *order = cm_dataset_get_time_order (ds);

  for (guint k = cm_dataset_get_n_announcements (ds); k-- > 0;)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (ds, order[k]);

      if (start < end && (a->end <= start || a->start >= end))
        continue;
      if (selected != NULL && !gtk_bitset_is_empty (selected) && !gtk_bitset_contains (selected, order[k]))
        continue;
      g_array_append_val (out, order[k]);
    }
  return out;
}

static void
assert_shows (CmAnnouncementList *list,
              GArray             *want)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, want->len);
  for (guint i = 0; i < want->len; i++)
    g_assert_cmpuint (cm_announcement_list_get_index (list, i), ==, g_array_index (want, guint, i));
}

static void
test_filters (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(CmDataset) ds = random_dataset (rand, 3000);
  g_autoptr(CmAnnouncementList) list = cm_announcement_list_new ();
  const guint32 *order = cm_dataset_get_time_order (ds);
  gint64 t0, t1;

  g_assert_true (cm_dataset_get_time_range (ds, &t0, &t1));
  cm_announcement_list_set_dataset (list, ds);
  {
    g_autoptr(GArray) all = expected (ds, 0, 0, NULL);
    assert_shows (list, all);
  }

  for (int round = 0; round < 200; round++)
    {
      gint64 start, end;
      g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
      g_autoptr(GArray) want = NULL;

      /* Edges right at the starts and ends of announcements, and between. */
      switch (round % 3)
        {
        case 0:
          start = cm_dataset_get_announcement (ds, order[g_rand_int_range (rand, 0, 3000)])->start;
          end = cm_dataset_get_announcement (ds, order[g_rand_int_range (rand, 0, 3000)])->end;
          break;
        case 1:
          start = t0 + (gint64) g_rand_double_range (rand, -1e7, (double) (t1 - t0));
          end = start + (gint64) g_rand_double_range (rand, 0, 4e8);
          break;
        default:
          start = end = 0;
          break;
        }
      if (round % 4 == 0)
        for (int i = 0; i < 300; i++)
          gtk_bitset_add (selected, g_rand_int_range (rand, 0, 3000));
      want = expected (ds, start, end, selected);
      cm_announcement_list_set_filter (list, start, end, selected);
      assert_shows (list, want);
      g_assert_true (cm_announcement_list_filter_equals (list, start, end, NULL) == gtk_bitset_is_empty (selected));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/announcement-list/filters", test_filters);
  return g_test_run ();
}
