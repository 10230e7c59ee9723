/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CM_TYPE_APPLICATION (cm_application_get_type ())
G_DECLARE_FINAL_TYPE (CmApplication, cm_application, CM, APPLICATION, AdwApplication)

CmApplication *cm_application_new          (void);
/* The app's settings, or NULL when the schema is not installed (running
 * from a source tree without GSETTINGS_SCHEMA_DIR): the app then runs with
 * defaults rather than aborting as g_settings_new() would. */
GSettings     *cm_application_get_settings (CmApplication *self);

/* Binds the app's message catalogue: the installed one, or the one in
 * $CHRONOMAP_LOCALEDIR (the build's po/). Before anything is translated:
 * the command-line subcommands' messages too. */
void           cm_init_translations        (void);

G_END_DECLS
