/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Unique string ids to indices: the announcements' ids, a million of them
 * in a large file. Open addressing over one array of 16-byte slots, about
 * half the memory of a GHashTable and one cache miss per lookup. The keys
 * are not copied: they must outlive the table. */
typedef struct _CmIdTable CmIdTable;

CmIdTable *cm_id_table_new    (guint             expected);
void       cm_id_table_free   (CmIdTable        *table);
guint      cm_id_table_size   (const CmIdTable  *table);
/* The index stored under @id, or -1. */
gint       cm_id_table_lookup (const CmIdTable  *table,
                               const char       *id);
/* Stores @index under @id and returns -1; when @id is already there,
 * returns the earlier index and keeps it. */
gint       cm_id_table_insert (CmIdTable        *table,
                               const char       *id,
                               guint             index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmIdTable, cm_id_table_free)

G_END_DECLS
