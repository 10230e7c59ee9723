/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A file written all at once or not at all. The bytes go to a temporary
 * file next to the target; commit syncs it and renames it over the target,
 * and anything else (abandon, free, a failed commit) removes it. Readers of
 * the target see the old content or the complete new one, never a part, and
 * a failure leaves the old content byte for byte, or no file if there was
 * none. Writing through a symbolic link replaces the file it points to and
 * keeps the link; a file that is replaced keeps its permissions (and its
 * group, where allowed); anything at the path that is not a regular file
 * (a directory, a FIFO, a device) is refused and left alone. Files that
 * are not native (GVfs URIs) go through g_file_replace(),
 * with whatever guarantee their backend gives. */
typedef struct _CmAtomicFile CmAtomicFile;

CmAtomicFile  *cm_atomic_file_new        (GFile         *file,
                                          GError       **error);
GOutputStream *cm_atomic_file_get_stream (CmAtomicFile  *self);
gboolean       cm_atomic_file_commit     (CmAtomicFile  *self,
                                          GError       **error);
void           cm_atomic_file_abandon    (CmAtomicFile  *self);
void           cm_atomic_file_free       (CmAtomicFile  *self);
/* For a command-line program: SIGINT, SIGTERM and SIGHUP remove the
 * temporary files of the atomic files (and the temporary folders of the
 * atomic folders, cm-atomic-folder.h) still open, then end the process as
 * the signal would have. Not for an application that handles them itself. */
void           cm_atomic_file_remove_on_signal (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmAtomicFile, cm_atomic_file_free)

G_END_DECLS
