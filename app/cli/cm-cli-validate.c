/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "cm-cli.h"
#include "cm-cli-mapping.h"
#include "cm-loader.h"

typedef struct
{
  gboolean               quiet;
  gboolean               allow_skips;
  int                    max_messages;
  const CmImportOptions *import;
} Options;

static gboolean
validate_one (const char    *path,
              const Options *o)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  guint printed = 0, held = 0;
  g_autofree char *refused = NULL;

  dataset = cm_loader_load_file_with_options (file, path, o->import, &diags, NULL, NULL, NULL, &error);
  /* Skips not allowed end in an error with the loader's summary: its note
   * is not said twice. */
  if (dataset != NULL && cm_dataset_get_n_skipped (dataset) > 0 && !o->allow_skips)
    refused = cm_dataset_format_import_summary (dataset);
  for (guint i = 0; diags != NULL && i < cm_diagnostics_get_n (diags); i++)
    {
      const CmDiagnostic *d = cm_diagnostics_get (diags, i);
      g_autofree char *line = NULL;

      if (o->quiet && d->severity == CM_SEVERITY_NOTE)
        continue;
      if (refused != NULL && d->severity == CM_SEVERITY_NOTE && g_strcmp0 (d->message, refused) == 0)
        continue;
      if (o->max_messages >= 0 && printed >= (guint) o->max_messages)
        {
          held++;
          continue;
        }
      line = cm_diagnostic_format (d, path);
      fprintf (stderr, "%s\n", line);
      printed++;
    }
  if (held > 0)
    fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "%s: %u more message not shown (--max-messages %d)\n",
                                  "%s: %u more messages not shown (--max-messages %d)\n", held),
             path, held, o->max_messages);

  if (dataset == NULL)
    {
      /* Problems reading the file have no diagnostics of their own. */
      if (g_error_matches (error, CM_LOADER_ERROR, CM_LOADER_ERROR_UNREADABLE))
        fprintf (stderr, "%s: error: %s\n", path,
                 g_str_has_prefix (error->message, path) ? error->message + strlen (path) + 2 : error->message);
      return FALSE;
    }

  /* A file that silently loses rows is not valid for a script, and is
   * not called valid. */
  if (refused != NULL)
    {
      /* Translators: "error" is the severity of the FILE:LINE:COLUMN
       * lines, kept in English like theirs for the scripts that read them. */
      fprintf (stderr, _("%s: error: %s (--allow-skips accepts that)\n"), path, refused);
      return FALSE;
    }
  /* Translators: the summary of a valid file; the announcements, places
   * and categories it has, then maybe " (some without a place)". */
  if (!o->quiet)
    printf (_("%s: valid: %u announcements, %u places, %u categories%s\n"), path,
            cm_dataset_get_n_announcements (dataset),
            cm_dataset_get_n_places (dataset),
            cm_dataset_get_n_categories (dataset),
            cm_dataset_get_n_without_place (dataset) > 0 ? _(" (some without a place)") : "");
  return TRUE;
}

int
cm_cli_validate (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  gboolean all_valid = TRUE;
  CmCliMapping mapping = { { { NULL } } };
  Options o = { .max_messages = -1 };
  GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &o.quiet, N_("Print only warnings and errors"), NULL },
    { "allow-skips", 0, 0, G_OPTION_ARG_NONE, &o.allow_skips,
      N_("Exit 0 when an import skipped rows it could not use"), NULL },
    { "max-messages", 0, 0, G_OPTION_ARG_INT, &o.max_messages, N_("Print at most N messages per file"), N_("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  int status;

  /* Marked only: the context translates them through its domain. */
  context = g_option_context_new (N_("FILE… — check datasets and report every problem"));
  g_option_context_set_summary (context,
                                N_("Exit status: 0 when every file is valid (notes and warnings allowed),\n"
                                   "1 when any file is invalid or unreadable, or an import skipped rows\n"
                                   "(unless --allow-skips), 2 on a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_group (context, cm_cli_mapping_group (&mapping, FALSE));
  if (!g_option_context_parse (context, &argc, &argv, &error) || !cm_cli_mapping_check (&mapping, &error))
    {
      fprintf (stderr, _("chronomap validate: %s\nUsage: chronomap validate [OPTION…] FILE…\n"), error->message);
      cm_cli_mapping_clear (&mapping);
      return 2;
    }
  if (o.max_messages < -1)
    {
      fprintf (stderr, _("chronomap validate: --max-messages must be 0 or more\n"));
      cm_cli_mapping_clear (&mapping);
      return 2;
    }
  if (files == NULL || files[0] == NULL)
    {
      fprintf (stderr, _("chronomap validate: no file given\nUsage: chronomap validate [--quiet] FILE…\n"));
      cm_cli_mapping_clear (&mapping);
      return 2;
    }

  o.import = cm_cli_mapping_options (&mapping);
  for (guint i = 0; files[i] != NULL; i++)
    if (!validate_one (files[i], &o))
      all_valid = FALSE;
  status = all_valid ? 0 : 1;
  cm_cli_mapping_clear (&mapping);
  return status;
}
