/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "cm-loader.h"

/* Loads JSON text as a dataset named "test.json". */
static inline CmDataset *
cm_test_load_string (const char     *json,
                     CmDiagnostics **diags)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return cm_loader_load_bytes (bytes, "test.json", diags, NULL, NULL, NULL, NULL);
}

/* Whether a diagnostic of @severity exists at @pointer (NULL: any) whose
 * message contains @needle. Prints them all on failure to help debugging. */
static inline gboolean
cm_test_has_diag (CmDiagnostics *diags,
                  CmSeverity     severity,
                  const char    *pointer,
                  const char    *needle)
{
  for (guint i = 0; i < cm_diagnostics_get_n (diags); i++)
    {
      const CmDiagnostic *d = cm_diagnostics_get (diags, i);
      if (d->severity == severity &&
          (pointer == NULL || g_strcmp0 (d->pointer, pointer) == 0) &&
          strstr (d->message, needle) != NULL)
        return TRUE;
    }
  for (guint i = 0; i < cm_diagnostics_get_n (diags); i++)
    {
      g_autofree char *line = cm_diagnostic_format (cm_diagnostics_get (diags, i), "test.json");
      g_test_message ("have: %s", line);
    }
  g_test_message ("wanted: %s at %s", needle, pointer ? pointer : "(any)");
  return FALSE;
}

/* The path of a file under tests/data/, the test data kept in the
 * repository; G_TEST_SRCDIR (set by tests/meson.build) names tests/. The
 * caller fails when the file is missing: test data is never optional. */
static inline char *
cm_test_data_path (const char *first,
                   ...)
{
  GString *path = g_string_new (g_test_get_dir (G_TEST_DIST));
  va_list args;
  const char *part;

  g_string_append (path, G_DIR_SEPARATOR_S "data");
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    {
      g_string_append_c (path, G_DIR_SEPARATOR);
      g_string_append (path, part);
    }
  va_end (args);
  return g_string_free (path, FALSE);
}

/* The sample dataset shipped in data/samples, loaded as the app does. */
static inline CmDataset *
cm_test_load_sample (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "samples",
                                            "metaverse-cn-2021-2023.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmDataset *ds = cm_loader_load_file (file, NULL, NULL, NULL, NULL, NULL, NULL);

  g_assert_nonnull (ds);
  return ds;
}

