/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "cm-export-write.h"

G_BEGIN_DECLS

/* Writes @image (an ARGB32 or RGB24 cairo image surface) to @out as a PNG:
 * 8-bit RGB when every pixel is opaque, RGBA (un-premultiplied) otherwise;
 * a pHYs chunk from @meta's dpi when it is above 0, its title and subject
 * as Title and Description, and the Software. @meta may be NULL. A failed
 * write returns the stream's own error and writes nothing more. */
gboolean cm_png_write (GOutputStream      *out,
                       cairo_surface_t    *image,
                       const CmExportMeta *meta,
                       GError            **error);

G_END_DECLS
