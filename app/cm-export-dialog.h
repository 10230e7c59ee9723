/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cm-figure-spec.h"

G_BEGIN_DECLS

#define CM_TYPE_EXPORT_DIALOG (cm_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CmExportDialog, cm_export_dialog, CM, EXPORT_DIALOG, AdwWindow)

/* Export Figure: the choices of `chronomap export` around a live preview
 * of @figure (what the window shows), saved through a file chooser and
 * written on a worker thread. @dark and @language are the window's, for
 * the choices "as the window"; @settings (nullable) keeps the choices and
 * the folder. Emits "exported" (GFile) once a file is written, then
 * closes. */
GtkWidget          *cm_export_dialog_new           (GtkWindow          *parent,
                                                    const CmFigureSpec *figure,
                                                    gboolean            dark,
                                                    CmLabelLanguage     language,
                                                    GSettings          *settings);

/* The figure as chosen: what the preview shows and an export writes. */
const CmFigureSpec *cm_export_dialog_get_spec      (CmExportDialog     *self);
/* The preview last drawn, at its own scale; NULL before the first. */
cairo_surface_t    *cm_export_dialog_get_preview   (CmExportDialog     *self);
/* TRUE while a change waits to be drawn in the preview. */
gboolean            cm_export_dialog_is_previewing (CmExportDialog     *self);
/* Milliseconds from the last change to its preview on screen. */
double              cm_export_dialog_get_preview_latency (CmExportDialog *self);

/* Writes the figure to @file, as the file chooser's answer does. */
void                cm_export_dialog_export_to     (CmExportDialog     *self,
                                                    GFile              *file);
gboolean            cm_export_dialog_is_exporting  (CmExportDialog     *self);

G_END_DECLS
