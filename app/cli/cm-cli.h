/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cm-export-write.h"

G_BEGIN_DECLS

/* Headless subcommands: they never open a display. Exit codes: 0 success,
 * 1 invalid input or failed output, 2 usage error. */
int cm_cli_validate (int    argc,
                     char **argv);
int cm_cli_export   (int    argc,
                     char **argv);
int cm_cli_convert  (int    argc,
                     char **argv);

/* A message on stderr after "chronomap COMMAND: " (and "warning: "),
 * which stay untranslated for scripts; @format is translated already. */
void cm_cli_error   (const char *command,
                     const char *format,
                     ...) G_GNUC_PRINTF (2, 3);
void cm_cli_warning (const char *command,
                     const char *format,
                     ...) G_GNUC_PRINTF (2, 3);

int cm_cli_export_with_wrap (int               argc,
                             char            **argv,
                             CmExportWrapFunc  wrap,
                             gpointer          wrap_data);

G_END_DECLS
