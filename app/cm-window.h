/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cm-application.h"
#include "cm-field-map.h"
#include "cm-dataset.h"

G_BEGIN_DECLS

#define CM_TYPE_WINDOW (cm_window_get_type ())
G_DECLARE_FINAL_TYPE (CmWindow, cm_window, CM, WINDOW, AdwApplicationWindow)

CmWindow  *cm_window_new          (CmApplication *application);
/* Loads in a worker thread; on failure the window keeps what it showed. */
void       cm_window_open_file    (CmWindow      *self,
                                   GFile         *file);
/* The same with a field mapping, as the command line gives it: the file
 * opens with those columns, without the Import dialog. */
void       cm_window_open_file_with_options (CmWindow              *self,
                                             GFile                 *file,
                                             const CmImportOptions *options);
void       cm_window_open_sample  (CmWindow      *self);
CmDataset *cm_window_get_dataset  (CmWindow      *self);
gboolean   cm_window_is_loading   (CmWindow      *self);
/* Uses the GeoJSON file at @path as base map for this window, instead of
 * the bundled one or the one chosen in the settings. */
void       cm_window_set_basemap_path (CmWindow  *self,
                                       const char *path);
/* The load error shown in the window, or NULL when none is shown. */
const char *cm_window_get_error   (CmWindow      *self);

G_END_DECLS
