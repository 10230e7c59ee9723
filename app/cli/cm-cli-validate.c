/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include <stdio.h>
#include <string.h>

#include "cm-cli.h"
#include "cm-loader.h"

static gboolean
validate_one (const char *path,
              gboolean    quiet)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  dataset = cm_loader_load_file (file, path, &diags, NULL, NULL, NULL, &error);
  for (guint i = 0; diags != NULL && i < cm_diagnostics_get_n (diags); i++)
    {
      const CmDiagnostic *d = cm_diagnostics_get (diags, i);
      g_autofree char *line = NULL;

      if (quiet && d->severity == CM_SEVERITY_NOTE)
        continue;
      line = cm_diagnostic_format (d, path);
      fprintf (stderr, "%s\n", line);
    }

  if (dataset == NULL)
    {
      /* Problems reading the file have no diagnostics of their own. */
      if (g_error_matches (error, CM_LOADER_ERROR, CM_LOADER_ERROR_UNREADABLE))
        fprintf (stderr, "%s: error: %s\n", path,
                 g_str_has_prefix (error->message, path) ? error->message + strlen (path) + 2 : error->message);
      return FALSE;
    }

  if (!quiet)
    printf ("%s: valid: %u announcements, %u places, %u categories%s\n", path,
            cm_dataset_get_n_announcements (dataset),
            cm_dataset_get_n_places (dataset),
            cm_dataset_get_n_categories (dataset),
            cm_dataset_get_n_without_place (dataset) > 0 ? " (some without a place)" : "");
  return TRUE;
}

int
cm_cli_validate (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gboolean quiet = FALSE;
  g_auto(GStrv) files = NULL;
  gboolean all_valid = TRUE;
  GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Print only warnings and errors", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE…" },
    { NULL }
  };

  context = g_option_context_new ("FILE… — check datasets and report every problem");
  g_option_context_set_summary (context,
                                "Exit status: 0 when every file is valid (notes and warnings allowed),\n"
                                "1 when any file is invalid or unreadable, 2 on a usage error.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "chronomap validate: %s\n", error->message);
      return 2;
    }
  if (files == NULL || files[0] == NULL)
    {
      fprintf (stderr, "chronomap validate: no file given\nUsage: chronomap validate [--quiet] FILE…\n");
      return 2;
    }

  for (guint i = 0; files[i] != NULL; i++)
    if (!validate_one (files[i], quiet))
      all_valid = FALSE;
  return all_valid ? 0 : 1;
}
