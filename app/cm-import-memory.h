/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cm-field-map.h"

G_BEGIN_DECLS

/* The mapping chosen in the Import dialog, remembered per file: a small
 * key file, imports.ini in the user's data folder (chronomap/), one group
 * per file path with the digest of the file's column names. A mapping is
 * used again only while the columns are the same. */

/* The remembered mapping of @file in @options (cleared first), and the
 * header digest it was made for; FALSE when there is none. */
gboolean  cm_import_memory_lookup  (GFile                 *file,
                                    CmImportOptions       *options,
                                    char                 **header_hash);
/* Remembers @options for @file, written atomically. */
gboolean  cm_import_memory_store   (GFile                 *file,
                                    const char            *header_hash,
                                    const CmImportOptions *options,
                                    GError               **error);
/* A deep copy of @from into @to (cleared first). */
void      cm_import_options_copy   (CmImportOptions       *to,
                                    const CmImportOptions *from);

G_END_DECLS
