/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cm-dataset.h"
#include "cm-diagnostic.h"
#include "cm-field-map.h"
#include "cm-import-preview.h"

G_BEGIN_DECLS

#define CM_LOADER_ERROR (cm_loader_error_quark ())

typedef enum
{
  CM_LOADER_ERROR_UNREADABLE,   /* missing, a directory, a FIFO, too large, I/O */
  CM_LOADER_ERROR_INVALID,      /* read, but not a valid dataset: see diagnostics */
  CM_LOADER_ERROR_CANCELLED,
} CmLoaderError;

/* Limits, documented in data/dataset-format.md. */
#define CM_LOADER_MAX_ANNOUNCEMENTS 10000000u
/* A ZIP (XLSX, ODS, KMZ) may inflate to this much in all, no more. */
#define CM_IMPORT_MAX_UNZIPPED_BYTES (512u * 1024 * 1024)

/* Called from the loading thread with a fraction in 0..1. */
typedef void (*CmLoadProgress) (double   fraction,
                                gpointer user_data);

GQuark     cm_loader_error_quark   (void);

/* Reads, validates and indexes a dataset in any supported format (detected
 * from its content). @display_name (NULL: the file's parse name) starts
 * every message. Blocking: call it from a worker thread in the UI.
 * Returns NULL with @error set when the file cannot be used; *diagnostics
 * (when non-NULL) always receives every problem found, errors or not. */
CmDataset *cm_loader_load_file     (GFile           *file,
                                    const char      *display_name,
                                    CmDiagnostics  **diagnostics,
                                    CmLoadProgress   progress,
                                    gpointer         progress_data,
                                    GCancellable    *cancellable,
                                    GError         **error);

CmDataset *cm_loader_load_bytes    (GBytes          *bytes,
                                    const char      *display_name,
                                    CmDiagnostics  **diagnostics,
                                    CmLoadProgress   progress,
                                    gpointer         progress_data,
                                    GCancellable    *cancellable,
                                    GError         **error);

/* The same for imports with a field mapping, --encoding and the like
 * (NULL: everything detected). CSV is recognised from the content. */
CmDataset *cm_loader_load_file_with_options  (GFile                 *file,
                                              const char            *display_name,
                                              const CmImportOptions *options,
                                              CmDiagnostics        **diagnostics,
                                              CmLoadProgress         progress,
                                              gpointer               progress_data,
                                              GCancellable          *cancellable,
                                              GError               **error);
CmDataset *cm_loader_load_bytes_with_options (GBytes                *bytes,
                                              const char            *display_name,
                                              const CmImportOptions *options,
                                              CmDiagnostics        **diagnostics,
                                              CmLoadProgress         progress,
                                              gpointer               progress_data,
                                              GCancellable          *cancellable,
                                              GError               **error);

/* The same, and when the file is a table (CSV, spreadsheet, GIS layer,
 * GeoJSON properties) *preview receives its columns, its first @max_rows
 * rows and the mapping used, with the counts of this load; NULL for other
 * files and for tables that could not be read at all. */
CmDataset *cm_loader_load_file_preview       (GFile                 *file,
                                              const char            *display_name,
                                              const CmImportOptions *options,
                                              guint                  max_rows,
                                              CmImportPreview      **preview,
                                              CmDiagnostics        **diagnostics,
                                              CmLoadProgress         progress,
                                              gpointer               progress_data,
                                              GCancellable          *cancellable,
                                              GError               **error);

G_END_DECLS
