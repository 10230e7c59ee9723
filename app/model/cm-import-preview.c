/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include <string.h>

#include "cm-import-preview.h"
#include "cm-loader-private.h"

CmImportPreview *
cm_import_preview_new (guint max_rows)
{
  CmImportPreview *preview = g_new0 (CmImportPreview, 1);

  preview->max_rows = max_rows;
  for (guint r = 0; r < CM_N_ROLES; r++)
    preview->column[r] = -1;
  return preview;
}

void
cm_import_preview_free (CmImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_clear_pointer (&preview->sheets, g_ptr_array_unref);
  g_free (preview->sheet);
  g_clear_pointer (&preview->names, g_ptr_array_unref);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_clear_pointer (&preview->read, g_array_unref);
  g_free (preview);
}

gboolean
cm_import_preview_is_certain (const CmImportPreview *preview)
{
  g_return_val_if_fail (preview != NULL, FALSE);

  /* GeoJSON features have their points and come from a strict format:
   * only their date can be in doubt. */
  if (preview->source == CM_IMPORT_SOURCE_FEATURES)
    return preview->mapped && (preview->guessed & (1u << CM_ROLE_DATE)) == 0;
  if (!preview->mapped || preview->guessed != 0 || preview->n_loaded * 2 < preview->n_rows)
    return FALSE;
  return (preview->column[CM_ROLE_LAT] < 0) == (preview->column[CM_ROLE_LON] < 0);
}

char *
cm_import_preview_header_hash (const CmImportPreview *preview)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_return_val_if_fail (preview != NULL && preview->names != NULL, NULL);
  /* With each name's NUL: "a","bc" is not "ab","c". */
  for (guint c = 0; c < preview->names->len; c++)
    g_checksum_update (sum, preview->names->pdata[c], strlen (preview->names->pdata[c]) + 1);
  return g_strdup (g_checksum_get_string (sum));
}

CmRole
cm_import_preview_role_of (const CmImportPreview *preview,
                           guint                  column)
{
  g_return_val_if_fail (preview != NULL, CM_N_ROLES);

  for (guint r = 0; r < CM_N_ROLES; r++)
    if (preview->column[r] == (int) column)
      return (CmRole) r;
  return CM_N_ROLES;
}

void
_cm_import_preview_capture (CmImportPreview  *preview,
                            const CmTable    *table,
                            const CmFieldMap *map,
                            gboolean          mapped)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_rows = cm_table_n_rows (table);

  g_clear_pointer (&preview->names, g_ptr_array_unref);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  preview->names = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < table->names->len; c++)
    g_ptr_array_add (preview->names, g_strdup (table->names->pdata[c]));
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint r = 0; r < n_rows && r < preview->max_rows; r++)
    {
      char **cells = g_new0 (char *, table->names->len + 1);

      for (guint c = 0; c < table->names->len; c++)
        {
          cm_table_text (table, r, c, text);
          /* Shown in a label: valid UTF-8 whatever the file holds. */
          cells[c] = g_utf8_make_valid (text->str, text->len);
        }
      g_ptr_array_add (preview->rows, cells);
    }
  g_clear_pointer (&preview->read, g_array_unref);
  if (mapped)
    preview->read = g_array_sized_new (FALSE, TRUE, sizeof (CmImportRead), preview->rows->len);
  memcpy (preview->column, map->column, sizeof preview->column);
  preview->guessed = map->guessed;
  preview->timelinejs = map->timelinejs;
  /* The Year column stands for the TimelineJS sheet's date columns. */
  if (map->timelinejs && preview->column[CM_ROLE_DATE] < 0)
    preview->column[CM_ROLE_DATE] = map->tjs[0];
  preview->mapped = mapped;
  preview->n_rows = n_rows;
}
