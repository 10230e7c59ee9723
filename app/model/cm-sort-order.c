/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include <string.h>

#include "cm-memory.h"
#include "cm-sort-order.h"

/* Kept on the dataset as object data: the orders belong to the list,
 * not to the dataset's loading. */
typedef struct
{
  guint32 *order[CM_N_SORTS];
} Orders;

static GMutex orders_lock;

static void
orders_free (gpointer data)
{
  Orders *o = data;

  for (guint k = 0; k < CM_N_SORTS; k++)
    g_free (o->order[k]);
  g_free (o);
}

/* Stable counting sort of the time order by a small key (a rank of place
 * or category): one pass to count, one to place. */
static guint32 *
order_by_rank (CmDataset     *self,
               const guint32 *rank_of,     /* per place or category */
               guint          n_ranks,     /* the rank n_ranks is "none" */
               gboolean       by_place)
{
  guint n = cm_dataset_get_n_announcements (self);
  const guint32 *time = cm_dataset_get_time_order (self);
  g_autofree guint *start = g_new0 (guint, n_ranks + 2);
  guint32 *order = cm_new_big (guint32, n);

  for (guint k = 0; k < n; k++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (self, time[k]);
      gint32 v = by_place ? a->place : a->category;

      start[(v >= 0 ? rank_of[v] : n_ranks) + 1]++;
    }
  for (guint r = 1; r <= n_ranks + 1; r++)
    start[r] += start[r - 1];
  for (guint k = 0; k < n; k++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (self, time[k]);
      gint32 v = by_place ? a->place : a->category;

      order[start[v >= 0 ? rank_of[v] : n_ranks]++] = time[k];
    }
  return order;
}

typedef struct
{
  char    *key;
  guint32  index;
} Named;

static int
compare_named (const void *a,
               const void *b)
{
  const Named *x = a, *y = b;
  int c = strcmp (x->key, y->key);

  return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

/* Ranks of places or categories by their names in the locale's order:
 * there are few of them beside the announcements. */
static guint32 *
rank_names (CmDataset *self,
            gboolean   places,
            guint      n)
{
  g_autofree Named *named = g_new0 (Named, MAX (n, 1));
  guint32 *rank = g_new0 (guint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = places ? cm_dataset_format_place (self, (gint32) i)
                                     : g_strdup (cm_dataset_get_category (self, i)->label);
      g_autofree char *folded = g_utf8_casefold (name ? name : "", -1);

      named[i].key = g_utf8_collate_key (folded, -1);
      named[i].index = i;
    }
  qsort (named, n, sizeof (Named), compare_named);
  for (guint i = 0; i < n; i++)
    {
      rank[named[i].index] = i;
      g_free (named[i].key);
    }
  return rank;
}

typedef struct
{
  guint64 key;
  guint32 index;
} Keyed;

/* Eight bytes of @text from @offset, ASCII letters folded, as a number
 * that orders as the bytes do; past the end, zeros. */
static guint64
chunk_key (const char *text,
           gsize       len,
           gsize       offset)
{
  guint64 key = 0;

  for (gsize i = 0; i < 8; i++)
    {
      guchar c = offset + i < len ? (guchar) text[offset + i] : 0;

      key = (key << 8) | (guchar) g_ascii_tolower (c);
    }
  return key;
}

/* Stable LSD radix sort of a[0..n) on the 64-bit keys; returns the
 * array that holds the result (a or b). */
static Keyed *
radix_sort (Keyed *a,
            Keyed *b,
            gsize  n)
{
  guint64 differ = 0;

  for (gsize i = 1; i < n; i++)
    differ |= a[i].key ^ a[0].key;
  for (guint shift = 0; shift < 64; shift += 8)
    {
      gsize count[257] = { 0 };
      Keyed *t;

      if (((differ >> shift) & 0xff) == 0)
        continue;
      for (gsize i = 0; i < n; i++)
        count[((a[i].key >> shift) & 0xff) + 1]++;
      for (guint k = 1; k < 257; k++)
        count[k] += count[k - 1];
      for (gsize i = 0; i < n; i++)
        b[count[(a[i].key >> shift) & 0xff]++] = a[i];
      t = a;
      a = b;
      b = t;
    }
  return a;
}

/* Sorts a[lo..hi) by title from byte @offset on: radix by eight bytes,
 * then each run of equal bytes (titles that go on) by the next eight.
 * Stable: equal titles stay in time order. */
static void
sort_titles (CmDataset *self,
             Keyed     *a,
             Keyed     *b,
             gsize      lo,
             gsize      hi,
             gsize      offset)
{
  Keyed *sorted;
  gsize run;

  if (hi - lo < 2)
    return;
  for (gsize i = lo; i < hi; i++)
    {
      const CmAnnouncement *x = cm_dataset_get_announcement (self, a[i].index);
      gsize len;
      const char *text = cm_dataset_peek_text (self, x->title, &len);

      a[i].key = chunk_key (text, len, offset);
    }
  sorted = radix_sort (a + lo, b + lo, hi - lo);
  if (sorted != a + lo)
    memcpy (a + lo, sorted, sizeof (Keyed) * (hi - lo));
  for (gsize i = lo; i < hi; i = run)
    {
      for (run = i + 1; run < hi && a[run].key == a[i].key; run++)
        ;
      /* A key ending in a zero byte is a title that has ended; past the
       * first 256 bytes titles that still agree keep their time order. */
      if (run - i > 1 && (a[i].key & 0xff) != 0 && offset + 8 < 256)
        sort_titles (self, a, b, i, run, offset + 8);
    }
}

static guint32 *
order_by_title (CmDataset *self)
{
  guint n = cm_dataset_get_n_announcements (self);
  const guint32 *time = cm_dataset_get_time_order (self);
  g_autofree Keyed *a = cm_new_big (Keyed, n);
  g_autofree Keyed *b = cm_new_big (Keyed, n);
  guint32 *order = cm_new_big (guint32, n);

  for (guint k = 0; k < n; k++)
    a[k].index = time[k];
  sort_titles (self, a, b, 0, n, 0);
  for (guint k = 0; k < n; k++)
    order[k] = a[k].index;
  return order;
}

static guint32 *
compute (CmDataset *self,
         CmSortKey  key)
{
  guint n = cm_dataset_get_n_announcements (self);
  g_autofree guint32 *rank = NULL;

  switch (key)
    {
    case CM_SORT_PLACE:
      rank = rank_names (self, TRUE, cm_dataset_get_n_places (self));
      return order_by_rank (self, rank, cm_dataset_get_n_places (self), TRUE);
    case CM_SORT_CATEGORY:
      rank = rank_names (self, FALSE, cm_dataset_get_n_categories (self));
      return order_by_rank (self, rank, cm_dataset_get_n_categories (self), FALSE);
    case CM_SORT_TITLE:
      return order_by_title (self);
    case CM_SORT_DATE:
    case CM_N_SORTS:
    default:
      return g_memdup2 (cm_dataset_get_time_order (self), sizeof (guint32) * MAX (n, 1));
    }
}

const guint32 *
cm_dataset_get_sort_order (CmDataset *self,
                           CmSortKey  key)
{
  g_autoptr(GMutexLocker) locker = NULL;
  Orders *orders;

  g_return_val_if_fail (CM_IS_DATASET (self), NULL);
  g_return_val_if_fail (key < CM_N_SORTS, NULL);

  if (key == CM_SORT_DATE)
    return cm_dataset_get_time_order (self);
  if (cm_dataset_get_n_announcements (self) == 0 || cm_dataset_get_time_order (self) == NULL)
    return NULL;
  locker = g_mutex_locker_new (&orders_lock);
  orders = g_object_get_data (G_OBJECT (self), "cm-sort-orders");
  if (orders == NULL)
    {
      orders = g_new0 (Orders, 1);
      g_object_set_data_full (G_OBJECT (self), "cm-sort-orders", orders, orders_free);
    }
  if (orders->order[key] == NULL)
    orders->order[key] = compute (self, key);
  return orders->order[key];
}
