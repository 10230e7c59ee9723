/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cm-atomic-folder.h"
#include "cm-atomic-private.h"

struct _CmAtomicFolder
{
  char          *path;        /* the target */
  char          *temp_path;   /* until renamed or removed */
  GPatternSpec  *owned;
  guint          max_files;
  char         **names;       /* max_files */
  char         **paths;       /* max_files: temp_path/names[i] */
  volatile guint n_files;
};

/* The folders a signal handler empties and removes: a fixed table, as
 * for CmAtomicFile, read by a handler that may only call unlink() and
 * rmdir() on what it finds ready. */
#define MAX_PENDING 4
static CmAtomicFolder *volatile pending[MAX_PENDING];

void
_cm_atomic_folder_remove_pending (void)
{
  for (guint i = 0; i < MAX_PENDING; i++)
    {
      CmAtomicFolder *f = pending[i];

      if (f == NULL)
        continue;
      for (guint k = 0; k < f->n_files; k++)
        unlink (f->paths[k]);
      rmdir (f->temp_path);
    }
}

static void
pending_set (CmAtomicFolder *self,
             gboolean        on)
{
  for (guint i = 0; i < MAX_PENDING; i++)
    if (on ? pending[i] == NULL : pending[i] == self)
      {
        pending[i] = on ? self : NULL;
        return;
      }
}

CmAtomicFolder *
cm_atomic_folder_new (GFile       *folder,
                      const char  *owned,
                      guint        max_files,
                      GError     **error)
{
  g_autoptr(CmAtomicFolder) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *temp = NULL;
  GStatBuf st;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (owned != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (CmAtomicFolder, 1);
  self->path = g_file_get_path (folder);
  if (self->path == NULL || !g_file_is_native (folder))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "a series of files can only be written to a local folder");
      return NULL;
    }
  if (g_stat (self->path, &st) == 0 && !S_ISDIR (st.st_mode))
    {
      _cm_atomic_set_errno_error (error, "Error opening folder “%s”: %s", self->path, ENOTDIR);
      return NULL;
    }
  self->owned = g_pattern_spec_new (owned);
  self->max_files = max_files;
  self->names = g_new0 (char *, max_files + 1);
  self->paths = g_new0 (char *, max_files + 1);
  /* Beside the target, so that the rename stays on one file system. */
  dir = g_path_get_dirname (self->path);
  temp = g_build_filename (dir, ".chronomap-XXXXXX", NULL);
  if (g_mkdtemp_full (temp, 0700) == NULL)
    {
      _cm_atomic_set_errno_error (error, "Error making a folder beside “%s”: %s", self->path, errno);
      return NULL;
    }
  self->temp_path = g_steal_pointer (&temp);
  pending_set (self, TRUE);
  return g_steal_pointer (&self);
}

GOutputStream *
cm_atomic_folder_create (CmAtomicFolder  *self,
                         const char      *name,
                         GError         **error)
{
  g_autofree char *path = NULL;
  int fd;

  g_return_val_if_fail (self != NULL && self->temp_path != NULL, NULL);
  g_return_val_if_fail (name != NULL && strchr (name, '/') == NULL, NULL);
  g_return_val_if_fail (self->n_files < self->max_files, NULL);

  path = g_build_filename (self->temp_path, name, NULL);
  /* Known to the signal handler before it exists. */
  self->names[self->n_files] = g_strdup (name);
  self->paths[self->n_files] = g_strdup (path);
  self->n_files++;
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      _cm_atomic_set_errno_error (error, "Error opening file “%s”: %s", path, errno);
      return NULL;
    }
  return g_unix_output_stream_new (fd, TRUE);
}

static gboolean
move_in (CmAtomicFolder  *self,
         GError         **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GHashTable) written = g_hash_table_new (g_str_hash, g_str_equal);
  const char *name;

  for (guint k = 0; k < self->n_files; k++)
    {
      g_autofree char *to = g_build_filename (self->path, self->names[k], NULL);

      if (rename (self->paths[k], to) != 0)
        {
          _cm_atomic_set_errno_error (error, "Error moving a file into “%s”: %s", self->path, errno);
          return FALSE;
        }
      g_hash_table_add (written, self->names[k]);
    }
  /* What is left of an earlier series would read as part of this one. */
  dir = g_dir_open (self->path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (!g_hash_table_contains (written, name) && g_pattern_spec_match_string (self->owned, name))
      {
        g_autofree char *path = g_build_filename (self->path, name, NULL);

        if (g_unlink (path) != 0)
          g_debug ("Could not remove %s: %s", path, g_strerror (errno));
      }
  return TRUE;
}

gboolean
cm_atomic_folder_commit (CmAtomicFolder  *self,
                         GError         **error)
{
  GStatBuf st;
  mode_t mask = umask (0);

  g_return_val_if_fail (self != NULL && self->temp_path != NULL, FALSE);

  umask (mask);
  /* As a new folder would be made, or as the one it replaces was. */
  if (g_stat (self->path, &st) == 0)
    g_chmod (self->temp_path, st.st_mode & 07777);
  else
    g_chmod (self->temp_path, 0777 & ~mask);
  /* Over no folder or an empty one, in one step. */
  if (rename (self->temp_path, self->path) == 0)
    {
      pending_set (self, FALSE);
      g_clear_pointer (&self->temp_path, g_free);
      return TRUE;
    }
  if (errno != ENOTEMPTY && errno != EEXIST)
    {
      _cm_atomic_set_errno_error (error, "Error renaming a temporary folder to “%s”: %s", self->path, errno);
      return FALSE;
    }
  return move_in (self, error);
}

void
cm_atomic_folder_free (CmAtomicFolder *self)
{
  if (self == NULL)
    return;
  if (self->temp_path != NULL)
    {
      for (guint k = 0; k < self->n_files; k++)
        g_unlink (self->paths[k]);
      if (g_rmdir (self->temp_path) != 0)
        g_warning ("Could not remove the temporary folder %s: %s", self->temp_path, g_strerror (errno));
      pending_set (self, FALSE);
    }
  g_free (self->temp_path);
  g_free (self->path);
  g_clear_pointer (&self->owned, g_pattern_spec_free);
  g_strfreev (self->names);
  g_strfreev (self->paths);
  g_free (self);
}
