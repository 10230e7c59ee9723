/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether a link from a dataset may be opened: only an absolute http or
 * https URL with a host, and nothing in it that reads differently to a
 * person, to GLib and to a browser (spaces, control or invisible
 * characters, backslashes). Any other link is shown as text, never
 * launched: file:, javascript:, data: and the like. */
gboolean cm_link_is_openable (const char *url);

G_END_DECLS
