/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A folder of files written all at once or not at all, as CmAtomicFile is
 * for one file: the files go into a temporary folder beside the target,
 * and anything but a commit (abandon, free, a failure, SIGINT, SIGTERM or
 * SIGHUP with cm_atomic_file_remove_on_signal()) removes it.
 *
 * Commit renames the temporary folder to the target when there is none
 * or it is empty. Into a folder that holds files already, it moves the
 * new files in one by one (each rename atomic), replacing those of the
 * same names, and removes the files that match @owned (a glob such as
 * "frame-*.png": an earlier, longer series) but were not written now;
 * other files are left alone. Native files only. */
typedef struct _CmAtomicFolder CmAtomicFolder;

/* @max_files: at most this many files will be added. */
CmAtomicFolder *cm_atomic_folder_new    (GFile           *folder,
                                         const char      *owned,
                                         guint            max_files,
                                         GError         **error);
/* A new file @name (no '/') in the folder; close it before the commit. */
GOutputStream  *cm_atomic_folder_create (CmAtomicFolder  *self,
                                         const char      *name,
                                         GError         **error);
gboolean        cm_atomic_folder_commit (CmAtomicFolder  *self,
                                         GError         **error);
/* Removes the temporary folder unless it was committed. */
void            cm_atomic_folder_free   (CmAtomicFolder  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmAtomicFolder, cm_atomic_folder_free)

G_END_DECLS
