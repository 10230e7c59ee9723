/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Headless subcommands: they never open a display. Exit codes: 0 success,
 * 1 invalid input or failed output, 2 usage error. */
int cm_cli_validate (int    argc,
                     char **argv);
int cm_cli_export   (int    argc,
                     char **argv);

G_END_DECLS
