/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cm-atomic-file.h"
#include "cm-atomic-private.h"

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

/* The temporary files a signal handler removes: plain C strings in a
 * fixed table, since the handler may only call what is async-signal-safe
 * (unlink, not g_free or a GPtrArray). */
#define MAX_PENDING 16
static char *volatile pending[MAX_PENDING];

static void
pending_add (char *path)
{
  for (guint i = 0; i < MAX_PENDING; i++)
    if (pending[i] == NULL)
      {
        pending[i] = path;
        return;
      }
}

static void
pending_remove (const char *path)
{
  for (guint i = 0; i < MAX_PENDING; i++)
    if (pending[i] == path)
      pending[i] = NULL;
}

static void
on_signal (int signum)
{
  for (guint i = 0; i < MAX_PENDING; i++)
    if (pending[i] != NULL)
      unlink (pending[i]);
  /* After the files: a frame being written may lie in a folder. */
  _cm_atomic_folder_remove_pending ();
  /* Then die of the signal itself, so the parent sees why. */
  signal (signum, SIG_DFL);
  raise (signum);
}

void
cm_atomic_file_remove_on_signal (void)
{
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
  struct sigaction action;

  memset (&action, 0, sizeof action);
  action.sa_handler = on_signal;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaddset (&action.sa_mask, signals[i]);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &action, NULL);
}

/* Same words as GIO's own errors, so messages read as they did with
 * g_file_replace(). */
void
_cm_atomic_set_errno_error (GError     **error,
                            const char  *format,
                            const char  *path,
                            int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               format, display, g_strerror (saved_errno));
}

/* The file a chain of symbolic links ends at (which may not exist yet):
 * renaming over the link itself would replace it with a plain file and
 * leave its target stale. */
static char *
resolve_links (const char  *path,
               GError     **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint hops = 0; hops < 40; hops++)
    {
      g_autofree char *target = NULL;
      g_autofree char *dir = NULL;
      GStatBuf st;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      target = g_file_read_link (current, NULL);
      if (target == NULL)
        return g_steal_pointer (&current);
      if (g_path_is_absolute (target))
        {
          g_free (current);
          current = g_steal_pointer (&target);
          continue;
        }
      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_build_filename (dir, target, NULL);
    }
  _cm_atomic_set_errno_error (error, "Error opening file “%s”: %s", path, ELOOP);
  return NULL;
}

static gboolean
open_temp (CmAtomicFile  *self,
           GError       **error)
{
  g_autofree char *target = resolve_links (self->path, error);
  g_autofree char *dir = NULL;
  g_autofree char *temp = NULL;
  gboolean exists;
  GStatBuf st;
  int fd;

  if (target == NULL)
    return FALSE;
  g_free (self->path);
  self->path = g_steal_pointer (&target);
  exists = g_stat (self->path, &st) == 0;
  /* Otherwise the error would come only from the rename, after all the
   * work; and a FIFO or a device is something else's, not a figure to
   * replace. */
  if (exists && S_ISDIR (st.st_mode))
    {
      _cm_atomic_set_errno_error (error, "Error opening file “%s”: %s", self->path, EISDIR);
      return FALSE;
    }
  if (exists && !S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   "“%s” is not a regular file (a FIFO, a socket or a device); it is left alone", display);
      return FALSE;
    }
  /* The same directory, so the rename stays on one file system. */
  dir = g_path_get_dirname (self->path);
  temp = g_build_filename (dir, ".chronomap-XXXXXX", NULL);
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      _cm_atomic_set_errno_error (error, "Error opening file “%s”: %s", self->path, errno);
      return FALSE;
    }
  /* A replaced file keeps its permissions and group; a new one gets what
   * the umask gives a new file, as with open(), not mkstemp()'s 0600. */
  if (exists)
    {
      if (fchown (fd, (uid_t) -1, st.st_gid) != 0)
        g_debug ("Could not keep the group of %s: %s", self->path, g_strerror (errno));
      fchmod (fd, st.st_mode & 07777);
    }
  else
    {
      mode_t mask = umask (0);

      umask (mask);
      fchmod (fd, 0666 & ~mask);
    }
  self->temp_path = g_steal_pointer (&temp);
  pending_add (self->temp_path);
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
      _cm_atomic_set_errno_error (error, "Error writing to file “%s”: %s", self->path, errno);
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
      _cm_atomic_set_errno_error (error, "Error closing file “%s”: %s", self->path, errno);
      return FALSE;
    }
  if (rename (self->temp_path, self->path) != 0)
    {
      _cm_atomic_set_errno_error (error, "Error renaming temporary file to “%s”: %s", self->path, errno);
      return FALSE;
    }
  pending_remove (self->temp_path);
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
  if (self->temp_path != NULL)
    pending_remove (self->temp_path);
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
