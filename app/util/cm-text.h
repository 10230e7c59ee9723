/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @text cut to at most @max_chars characters, the last one "…" when cut:
 * for tooltips, which dataset text could make wider than any screen (or
 * than GTK can draw). NULL stays NULL. */
char    *cm_text_shorten              (const char   *text,
                                       glong         max_chars);
/* @n with the locale's digit grouping ("100,000" in English, "100.000"
 * in German, none in the C locale), for counts shown to the user. */
char    *cm_format_count              (guint64       n);
/* The same with a given separator and grouping (as in struct lconv). */
char    *cm_format_count_grouped      (guint64       n,
                                       const char   *sep,
                                       const char   *grouping);
/* g_utf8_validate_len () with the same answer (NUL is invalid; *end is
 * the first byte that is not valid), eight ASCII bytes at a time: GLib
 * reads byte by byte, which was a seventh of a large CSV's load. */
gboolean cm_utf8_validate            (const char   *data,
                                       gsize         len,
                                       const char  **end);

G_END_DECLS
