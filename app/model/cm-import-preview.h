/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cm-date.h"
#include "cm-field-map.h"

G_BEGIN_DECLS

/* What an import looks like before the user accepts it: the table's
 * columns, its first rows as text, and the column each role was given,
 * found or chosen. The window's Import dialog shows it; the loader fills
 * it (cm_loader_load_file_preview) while it reads the whole file, so the
 * counts are those of a real load with the same options. */
/* Where the table comes from, which says what else can be chosen. */
typedef enum
{
  CM_IMPORT_SOURCE_TEXT,         /* CSV or TSV: its encoding */
  CM_IMPORT_SOURCE_WORKBOOK,     /* XLSX or ODS: its sheet */
  CM_IMPORT_SOURCE_LAYERS,       /* a GIS file: its layer, when it has several */
  CM_IMPORT_SOURCE_FEATURES,     /* GeoJSON features' properties */
} CmImportSource;

/* How one of the first rows is read: its date, or why it is skipped. */
typedef struct
{
  CmDate      date;
  const char *skipped;           /* an N_() reason, "unreadable date" (static), or NULL */
} CmImportRead;

typedef struct
{
  CmImportSource source;
  GPtrArray *sheets;             /* char *: a workbook's sheets or a GIS file's layers, or NULL */
  char      *sheet;              /* the one read, or NULL */
  gboolean   unreadable_text;    /* text not in its encoding (UTF-8 when none is given): no columns */
  GPtrArray *names;              /* char *: the columns, in order */
  GPtrArray *rows;               /* GStrv: the first rows, a string per column ("" when missing) */
  GArray    *read;               /* CmImportRead per row of @rows when a date was found, else NULL */
  guint      max_rows;           /* how many rows @rows keeps at most */
  int        column[CM_N_ROLES]; /* the column of each role, or -1 */
  guint32    guessed;            /* 1 << role: found by a word in a longer name or by the values */
  gboolean   timelinejs;         /* dates from the TimelineJS sheet's Year, Month, Day… */
  gboolean   mapped;             /* a date was found: the rows can be read */
  guint      n_rows;             /* rows of data in the file */
  guint      n_loaded;           /* how many of them load as announcements */
} CmImportPreview;

CmImportPreview *cm_import_preview_new         (guint                  max_rows);
void             cm_import_preview_free        (CmImportPreview       *preview);
/* TRUE when nothing in the mapping was a guess: a date was found by its
 * column's name, latitude and longitude come as a pair, and most rows
 * load (for GeoJSON features: a date property found by its name).
 * Anything else is worth showing before the file is opened. */
gboolean         cm_import_preview_is_certain  (const CmImportPreview *preview);
/* A digest of the column names: a remembered mapping holds while it is
 * the same. */
char            *cm_import_preview_header_hash (const CmImportPreview *preview);
/* The role of @column, or CM_N_ROLES for none. */
CmRole           cm_import_preview_role_of     (const CmImportPreview *preview,
                                                guint                  column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmImportPreview, cm_import_preview_free)

G_END_DECLS
