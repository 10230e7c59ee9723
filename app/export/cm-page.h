/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Page sizes for report figures, in CSS pixels (1/96 inch): the unit the
 * figure is laid out in, whatever the format and resolution. */

#define CM_PAGE_PX_PER_MM  (96.0 / 25.4)
#define CM_PAGE_PX_PER_PT  (96.0 / 72.0)

/* "a4", "a4-landscape", "a3", "a5", "letter" (each with -landscape), or
 * "WxHmm" / "WxHin" (180x120mm, 8.5x5in; 10 mm to 2 m a side). FALSE for
 * anything else. */
gboolean     cm_page_parse        (const char  *text,
                                   double      *width,
                                   double      *height);
/* The names cm_page_parse() knows, for messages. */
const char  *cm_page_names        (void);

G_END_DECLS
