/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-atomic-file.h"
#include "cm-import-memory.h"

/* Groups are named by a digest of the path: a key file's group name may
 * not hold every character a path may. The path is kept beside it. */
static char *
group_for (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
}

static GFile *
memory_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "chronomap", "imports.ini", NULL);

  return g_file_new_for_path (path);
}

static GKeyFile *
read_memory (void)
{
  g_autoptr(GFile) file = memory_file ();
  g_autofree char *path = g_file_get_path (file);
  GKeyFile *keys = g_key_file_new ();

  /* Missing or unreadable: nothing remembered. */
  g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, NULL);
  return keys;
}

void
cm_import_options_copy (CmImportOptions       *to,
                        const CmImportOptions *from)
{
  cm_import_options_clear (to);
  for (guint r = 0; r < CM_N_ROLES; r++)
    to->columns[r] = g_strdup (from->columns[r]);
  to->zone = g_strdup (from->zone);
  to->date_order = from->date_order;
  to->encoding = g_strdup (from->encoding);
  to->sheet = g_strdup (from->sheet);
}

gboolean
cm_import_memory_lookup (GFile            *file,
                         CmImportOptions  *options,
                         char            **header_hash)
{
  g_autoptr(GKeyFile) keys = read_memory ();
  g_autofree char *group = group_for (file);

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  cm_import_options_clear (options);
  options->date_order = CM_DATE_ORDER_AUTO;
  if (!g_key_file_has_group (keys, group))
    return FALSE;
  for (guint r = 0; r < CM_N_ROLES; r++)
    options->columns[r] = g_key_file_get_string (keys, group, cm_role_to_string (r), NULL);
  {
    g_autofree char *order = g_key_file_get_string (keys, group, "date-format", NULL);
    if (g_strcmp0 (order, "DMY") == 0)
      options->date_order = CM_DATE_ORDER_DMY;
    else if (g_strcmp0 (order, "MDY") == 0)
      options->date_order = CM_DATE_ORDER_MDY;
  }
  /* "tz" is the role of a column of zones; the zone of the whole file is
   * "time-zone". */
  options->zone = g_key_file_get_string (keys, group, "time-zone", NULL);
  options->encoding = g_key_file_get_string (keys, group, "encoding", NULL);
  options->sheet = g_key_file_get_string (keys, group, "sheet", NULL);
  *header_hash = g_key_file_get_string (keys, group, "header", NULL);
  return TRUE;
}

gboolean
cm_import_memory_store (GFile                  *file,
                        const char             *header_hash,
                        const CmImportOptions  *options,
                        GError                **error)
{
  g_autoptr(GKeyFile) keys = read_memory ();
  g_autofree char *group = group_for (file);
  g_autofree char *uri = g_file_get_uri (file);
  g_autoptr(GFile) target = memory_file ();
  g_autoptr(GFile) folder = g_file_get_parent (target);
  g_autoptr(CmAtomicFile) out = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GError) local = NULL;
  gsize len;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (header_hash != NULL, FALSE);

  g_key_file_remove_group (keys, group, NULL);
  g_key_file_set_string (keys, group, "file", uri);
  g_key_file_set_string (keys, group, "header", header_hash);
  for (guint r = 0; r < CM_N_ROLES; r++)
    if (options->columns[r] != NULL)
      g_key_file_set_string (keys, group, cm_role_to_string (r), options->columns[r]);
  if (options->date_order == CM_DATE_ORDER_DMY || options->date_order == CM_DATE_ORDER_MDY)
    g_key_file_set_string (keys, group, "date-format", options->date_order == CM_DATE_ORDER_DMY ? "DMY" : "MDY");
  if (options->zone != NULL)
    g_key_file_set_string (keys, group, "time-zone", options->zone);
  if (options->encoding != NULL)
    g_key_file_set_string (keys, group, "encoding", options->encoding);
  if (options->sheet != NULL)
    g_key_file_set_string (keys, group, "sheet", options->sheet);

  data = g_key_file_to_data (keys, &len, NULL);
  if (!g_file_make_directory_with_parents (folder, NULL, &local) &&
      !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  out = cm_atomic_file_new (target, error);
  if (out == NULL)
    return FALSE;
  if (!g_output_stream_write_all (cm_atomic_file_get_stream (out), data, len, NULL, NULL, error))
    return FALSE;
  return cm_atomic_file_commit (out, error);
}
