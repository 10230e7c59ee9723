/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cm-field-map.h"

G_BEGIN_DECLS

/* The field-mapping options shared by validate, export and convert:
 * --date COL --end COL --time COL --tz ZONE --lat COL --lon COL
 * --place COL --title COL --category COL --summary COL --url COL
 * --date-format DMY|MDY --encoding NAME --sheet NAME. */
typedef struct
{
  CmImportOptions options;
  char           *date_format;
  char           *tz_column;
} CmCliMapping;

/* A group of those options writing into @mapping, for a GOptionContext.
 * @prefixed names --place, --title and --category as --place-column,
 * --title-column and --category-column, for export, whose own --place,
 * --title and --category mean something else. */
GOptionGroup *cm_cli_mapping_group (CmCliMapping  *mapping,
                                    gboolean       prefixed);
/* Checks what was given; FALSE with a one-line message in @error. */
gboolean      cm_cli_mapping_check (CmCliMapping  *mapping,
                                    GError       **error);
/* The options to load with, or NULL when none was given. */
const CmImportOptions *cm_cli_mapping_options (CmCliMapping *mapping);
void          cm_cli_mapping_clear (CmCliMapping  *mapping);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CmCliMapping, cm_cli_mapping_clear)

G_END_DECLS
