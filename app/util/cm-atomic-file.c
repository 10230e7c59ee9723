/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "cm-atomic-file.h"

/* Why not g_file_replace() for local files: when the target does not exist
 * yet it writes the target itself, so a failed or interrupted write leaves a
 * partial file there; and with G_FILE_CREATE_REPLACE_DESTINATION, when it
 * cannot create its temporary file (out of inodes or quota, say), it unlinks
 * the target and writes a new one in place. Here the target is only ever
 * touched by rename(). */

struct _CmAtomicFile
{
  char          *path;       /* the target; NULL when the file is not native */
  char          *temp_path;  /* until it is renamed over path or removed */
  GOutputStream *stream;     /* NULL once committed or abandoned */
};

/* Same words as GIO's own errors, so messages read as they did with
 * g_file_replace(). */
static void
set_errno_error (GError     **error,
                 const char  *format,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               format, display, g_strerror (saved_errno));
}

static gboolean
open_temp (CmAtomicFile  *self,
           GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *temp = g_build_filename (dir, ".chronomap-XXXXXX", NULL);
  int fd;

  /* Otherwise the error would come only from the rename, after all the work. */
  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      set_errno_error (error, "Error opening file “%s”: %s", self->path, EISDIR);
      return FALSE;
    }
  /* The same directory, so the rename stays on one file system. */
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_errno_error (error, "Error opening file “%s”: %s", self->path, errno);
      return FALSE;
    }
  self->temp_path = g_steal_pointer (&temp);
  self->stream = g_unix_output_stream_new (fd, TRUE);
  return TRUE;
}

/* Sync before the rename: otherwise a crash soon after can leave the target
 * renamed but empty on file systems that write metadata first.
 *
 * fsync(), close() and rename() are called here directly rather than through
 * GIO or GLib (g_output_stream_close() closing the descriptor, g_rename()),
 * which do the same on Unix: a call made from this file is one the tests can
 * make fail by link-time wrapping (-Wl,--wrap, tests/test-export-atomic.c),
 * while one made inside libglib or libgio cannot be reached. */
static gboolean
sync_close_rename (CmAtomicFile  *self,
                   GError       **error)
{
  int fd = g_unix_output_stream_get_fd (G_UNIX_OUTPUT_STREAM (self->stream));

  if (fsync (fd) != 0)
    {
      set_errno_error (error, "Error writing to file “%s”: %s", self->path, errno);
      return FALSE;
    }
  /* The stream writes unbuffered, so closing it only marks it closed and the
   * descriptor is ours to close. close() releases it even when it fails, and
   * the stream counts as closed either way, so abandon closes nothing twice. */
  g_unix_output_stream_set_close_fd (G_UNIX_OUTPUT_STREAM (self->stream), FALSE);
  if (!g_output_stream_close (self->stream, NULL, error))
    {
      close (fd);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      /* A delayed write error (NFS, a full quota) can show only here. */
      set_errno_error (error, "Error closing file “%s”: %s", self->path, errno);
      return FALSE;
    }
  if (rename (self->temp_path, self->path) != 0)
    {
      set_errno_error (error, "Error renaming temporary file to “%s”: %s", self->path, errno);
      return FALSE;
    }
  g_clear_pointer (&self->temp_path, g_free);
  return TRUE;
}

CmAtomicFile *
cm_atomic_file_new (GFile   *file,
                    GError **error)
{
  g_autoptr(CmAtomicFile) self = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (CmAtomicFile, 1);
  self->path = g_file_get_path (file);
  if (self->path != NULL && g_file_is_native (file))
    return open_temp (self, error) ? g_steal_pointer (&self) : NULL;

  g_clear_pointer (&self->path, g_free);
  self->stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                                  NULL, error));
  return self->stream != NULL ? g_steal_pointer (&self) : NULL;
}

/* The stream to write to; it belongs to @self. Do not close it: commit or
 * abandon instead. */
GOutputStream *
cm_atomic_file_get_stream (CmAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stream;
}

/* Replaces the target with what was written. On failure the target is
 * unchanged and the temporary file is gone. */
gboolean
cm_atomic_file_commit (CmAtomicFile  *self,
                       GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->stream != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->path != NULL)
    ok = sync_close_rename (self, error);
  else
    ok = g_output_stream_close (self->stream, NULL, error);
  if (!ok)
    cm_atomic_file_abandon (self);
  g_clear_object (&self->stream);
  return ok;
}

/* Drops what was written; the target keeps its old content. */
void
cm_atomic_file_abandon (CmAtomicFile *self)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  g_return_if_fail (self != NULL);

  /* A close that is already cancelled is GIO's documented way to make
   * g_file_replace() discard its temporary file; a plain close would commit
   * it. Our own temporary file is closed, then removed. */
  g_cancellable_cancel (cancelled);
  if (self->stream != NULL && !g_output_stream_is_closed (self->stream))
    g_output_stream_close (self->stream, self->path != NULL ? NULL : cancelled, NULL);
  if (self->temp_path != NULL && g_unlink (self->temp_path) != 0 && errno != ENOENT)
    g_warning ("Could not remove the temporary file %s: %s", self->temp_path, g_strerror (errno));
  g_clear_pointer (&self->temp_path, g_free);
  g_clear_object (&self->stream);
}

/* Abandons the file unless it was committed. */
void
cm_atomic_file_free (CmAtomicFile *self)
{
  if (self == NULL)
    return;
  cm_atomic_file_abandon (self);
  g_free (self->path);
  g_free (self);
}
