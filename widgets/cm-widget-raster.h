/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cm-painter-common.h"

G_BEGIN_DECLS

/* A widget's frame painted into an image surface of its own and shown as
 * a texture. Through gtk_snapshot_append_cairo() a painter would draw
 * onto a recording surface that GTK then replays: the work twice, and
 * none of the painters' raster fast paths (CmCanvas). */
cairo_t *cm_widget_raster_begin  (int          width,
                                  int          height,
                                  int          scale);
/* Destroys @cr and appends what it painted, covering width × height. */
void     cm_widget_raster_append (cairo_t     *cr,
                                  GtkSnapshot *snapshot,
                                  int          width,
                                  int          height);

/* The painters' style for @widget, as the export makes it from its options:
 * dark when @dark is set or the theme is dark, with the theme's accent.
 * Background and text colours are the painters' own whatever the theme,
 * so that an export matches the window (cm_paint_style_init_for()). */
void     cm_widget_paint_style   (GtkWidget    *widget,
                                  gboolean      dark,
                                  CmPaintStyle *style);

G_END_DECLS
