/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include <stdio.h>

#include "cm-cli.h"

/* "chronomap export: MESSAGE" and "chronomap export: warning: MESSAGE":
 * the command and the severity stay as scripts read them, whatever the
 * language; the caller translates the message. */
static void
say (const char *command,
     const char *tag,
     const char *format,
     va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  fprintf (stderr, "chronomap %s: %s%s\n", command, tag, message);
}

void
cm_cli_error (const char *command,
              const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  say (command, "", format, args);
  va_end (args);
}

void
cm_cli_warning (const char *command,
                const char *format,
                ...)
{
  va_list args;

  va_start (args, format);
  say (command, "warning: ", format, args);
  va_end (args);
}
