/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The finite number that @len bytes of @text spell, blanks around it
 * allowed, as g_ascii_strtod () reads it; FALSE when anything else is
 * there. Plain decimals ("-104.23333") are read without a copy or
 * strtod, exactly: a million coordinates took a sixth of a CSV's load. */
gboolean cm_number_parse (const char *text,
                          gsize       len,
                          double     *value);

G_END_DECLS
