/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cm-id-table.h"

/* Grown from the smallest size, through many doublings: every id still
 * found at its index, clashes answered with the first index. */
static void
test_grow (void)
{
  g_autoptr(CmIdTable) table = cm_id_table_new (0);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const guint n = 100000;

  for (guint i = 0; i < n; i++)
    {
      /* Ids that differ only in their last bytes, as generated ids do. */
      char *id = g_strdup_printf ("announcement-%08u", i);

      g_ptr_array_add (ids, id);
      g_assert_cmpint (cm_id_table_insert (table, id, i), ==, -1);
    }
  g_assert_cmpuint (cm_id_table_size (table), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *copy = g_strdup (g_ptr_array_index (ids, i));

      /* Looked up by content, not by pointer. */
      g_assert_cmpint (cm_id_table_lookup (table, copy), ==, (gint) i);
      g_assert_cmpint (cm_id_table_insert (table, copy, n + i), ==, (gint) i);
    }
  g_assert_cmpuint (cm_id_table_size (table), ==, n);
  g_assert_cmpint (cm_id_table_lookup (table, "announcement-"), ==, -1);
  g_assert_cmpint (cm_id_table_lookup (table, "announcement-000000000"), ==, -1);
  g_assert_cmpint (cm_id_table_lookup (table, ""), ==, -1);
}

static void
test_empty_and_odd_ids (void)
{
  g_autoptr(CmIdTable) table = cm_id_table_new (3);

  g_assert_cmpint (cm_id_table_lookup (table, "x"), ==, -1);
  g_assert_cmpint (cm_id_table_insert (table, "", 0), ==, -1);
  g_assert_cmpint (cm_id_table_insert (table, "\xe5\x90\x88\xe8\x82\xa5", 1), ==, -1);
  g_assert_cmpint (cm_id_table_insert (table, "x", 2), ==, -1);
  g_assert_cmpint (cm_id_table_lookup (table, ""), ==, 0);
  g_assert_cmpint (cm_id_table_lookup (table, "\xe5\x90\x88\xe8\x82\xa5"), ==, 1);
  g_assert_cmpint (cm_id_table_lookup (table, "x"), ==, 2);
  g_assert_cmpint (cm_id_table_lookup (table, "X"), ==, -1);
  g_assert_cmpuint (cm_id_table_size (table), ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/id-table/grow", test_grow);
  g_test_add_func ("/id-table/empty-and-odd-ids", test_empty_and_odd_ids);
  return g_test_run ();
}
