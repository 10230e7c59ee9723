/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cm-config.h"

#include <string.h>

#include "cm-id-table.h"
#include "cm-memory.h"

typedef struct
{
  const char *key;    /* NULL: empty */
  guint32     check;  /* the hash's high half: most mismatches skip strcmp */
  guint32     value;
} Slot;

struct _CmIdTable
{
  Slot  *slots;
  gsize  mask;
  guint  n;
};

/* FNV-1a, then a 64-bit finaliser so that the low bits used for the slot
 * depend on every byte: ids such as "a000123" differ only at the end. */
static guint64
hash_id (const char *s)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (; *s != '\0'; s++)
    {
      h ^= (guchar) *s;
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  return h;
}

static void
alloc_slots (CmIdTable *table,
             gsize      n_slots)
{
  table->slots = cm_new_big (Slot, n_slots);
  memset (table->slots, 0, n_slots * sizeof (Slot));
  table->mask = n_slots - 1;
}

CmIdTable *
cm_id_table_new (guint expected)
{
  CmIdTable *table = g_new0 (CmIdTable, 1);
  gsize n_slots = 16;

  /* At most half full, so probe runs stay short. */
  while (n_slots < 2 * (gsize) expected)
    n_slots *= 2;
  alloc_slots (table, n_slots);
  return table;
}

void
cm_id_table_free (CmIdTable *table)
{
  if (table == NULL)
    return;
  g_free (table->slots);
  g_free (table);
}

guint
cm_id_table_size (const CmIdTable *table)
{
  return table->n;
}

static Slot *
find (const CmIdTable *table,
      const char      *id,
      guint64          h)
{
  guint32 check = (guint32) (h >> 32);

  for (gsize i = h & table->mask;; i = (i + 1) & table->mask)
    {
      Slot *slot = &table->slots[i];

      if (slot->key == NULL || (slot->check == check && strcmp (slot->key, id) == 0))
        return slot;
    }
}

gint
cm_id_table_lookup (const CmIdTable *table,
                    const char      *id)
{
  const Slot *slot;

  g_return_val_if_fail (table != NULL && id != NULL, -1);

  slot = find (table, id, hash_id (id));
  return slot->key != NULL ? (gint) slot->value : -1;
}

static void
grow (CmIdTable *table)
{
  Slot *old = table->slots;
  gsize n_old = table->mask + 1;

  alloc_slots (table, 2 * n_old);
  for (gsize i = 0; i < n_old; i++)
    if (old[i].key != NULL)
      *find (table, old[i].key, hash_id (old[i].key)) = old[i];
  g_free (old);
}

gint
cm_id_table_insert (CmIdTable  *table,
                    const char *id,
                    guint       index)
{
  guint64 h;
  Slot *slot;

  g_return_val_if_fail (table != NULL && id != NULL, -1);

  h = hash_id (id);
  slot = find (table, id, h);
  if (slot->key != NULL)
    return (gint) slot->value;
  *slot = (Slot) { id, (guint32) (h >> 32), index };
  if (++table->n > (table->mask + 1) / 2)
    grow (table);
  return -1;
}
