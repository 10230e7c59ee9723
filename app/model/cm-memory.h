/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Arrays with one slot per event: at a million events they are tens of
 * megabytes, filled once, right after they are made. */
gpointer cm_alloc_big       (gsize    n,
                             gsize    elem_size);
void     cm_memory_hint_big (gpointer mem,
                             gsize    size);

#define cm_new_big(type, n) ((type *) cm_alloc_big ((n), sizeof (type)))

G_END_DECLS
