/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cm-application.h"
#include "cm-cli.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(CmApplication) app = NULL;

  setlocale (LC_ALL, "");
  cm_init_translations ();
  g_set_prgname ("chronomap");

  /* Subcommands run before GTK is touched, so they need no display. */
  if (argc >= 2 && strcmp (argv[1], "validate") == 0)
    return cm_cli_validate (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "export") == 0)
    return cm_cli_export (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "convert") == 0)
    return cm_cli_convert (argc - 1, argv + 1);

  app = cm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
