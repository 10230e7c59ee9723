/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* Arrays with one slot per event: at a million events they are tens of
 * megabytes, filled once, right after they are made. Never NULL, even
 * for no events. */
gpointer cm_alloc_big       (gsize    n,
                             gsize    elem_size);

#define cm_new_big(type, n) ((type *) cm_alloc_big ((n), sizeof (type)))

/* g_string_append_len() without the call while the string has room:
 * GLib 2.74 inlines only g_string_append_c(), and the loader appends
 * each member's key and text, tens of millions of times in a big file. */
static inline void
cm_string_append_len (GString    *s,
                      const char *p,
                      gsize       n)
{
  if (G_UNLIKELY (s->len + n >= s->allocated_len))
    {
      g_string_append_len (s, p, n);
      return;
    }
  memcpy (s->str + s->len, p, n);
  s->len += n;
  s->str[s->len] = '\0';
}

G_END_DECLS
