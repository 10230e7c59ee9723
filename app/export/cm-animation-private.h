/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "cm-animation.h"

G_BEGIN_DECLS

/* The encoders of cm-animation.c. Frames come as cairo ARGB32 image
 * surfaces, opaque; @duration is how long a frame shows, in ms. */

typedef struct _CmWebpWriter CmWebpWriter;

CmWebpWriter *_cm_webp_writer_new    (int                 width,
                                      int                 height,
                                      GError            **error);
gboolean      _cm_webp_writer_add    (CmWebpWriter       *self,
                                      cairo_surface_t    *frame,
                                      gint64              timestamp,
                                      GError            **error);
/* Ends the last frame at @end (ms) and writes the file to @out. */
gboolean      _cm_webp_writer_finish (CmWebpWriter       *self,
                                      gint64              end,
                                      GOutputStream      *out,
                                      GCancellable       *cancellable,
                                      GError            **error);
void          _cm_webp_writer_free   (CmWebpWriter       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmWebpWriter, _cm_webp_writer_free)

typedef struct _CmGifWriter CmGifWriter;

/* One palette for every frame, from the colours of @samples (frames that
 * hold all the colours the animation shows: its first and last). */
CmGifWriter  *_cm_gif_writer_new     (GOutputStream      *out,
                                      cairo_surface_t   **samples,
                                      guint               n_samples,
                                      GCancellable       *cancellable,
                                      GError            **error);
/* @delay: in hundredths of a second, GIF's unit. */
gboolean      _cm_gif_writer_add     (CmGifWriter        *self,
                                      cairo_surface_t    *frame,
                                      guint               delay,
                                      GError            **error);
gboolean      _cm_gif_writer_finish  (CmGifWriter        *self,
                                      GError            **error);
void          _cm_gif_writer_free    (CmGifWriter        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmGifWriter, _cm_gif_writer_free)

G_END_DECLS
