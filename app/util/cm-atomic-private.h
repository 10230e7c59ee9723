/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* For the signal handler of cm_atomic_file_remove_on_signal(): empties
 * and removes the temporary folders of the CmAtomicFolders still open.
 * Async-signal-safe. */
void _cm_atomic_folder_remove_pending (void);
/* A GIO error for @saved_errno, worded as GIO's own: @format takes the
 * path, then the errno's text. */
void _cm_atomic_set_errno_error       (GError     **error,
                                       const char  *format,
                                       const char  *path,
                                       int          saved_errno);

G_END_DECLS
