/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Limits, documented in data/dataset-format.md ("Importing"). */
#define CM_CSV_MAX_COLUMNS      10000
#define CM_CSV_MAX_FIELD_BYTES  (1024 * 1024)

typedef enum
{
  CM_CSV_FIELD_PLAIN,    /* the bytes as they are in the file */
  CM_CSV_FIELD_QUOTED,   /* inside quotes, with "" for each quote */
} CmCsvFieldKind;

/* One field: where its text is in the file (without the quotes). */
typedef struct
{
  gsize   offset;
  guint32 len;
  guint32 kind;
} CmCsvField;

typedef struct
{
  char    delimiter;
  GArray *fields;        /* CmCsvField, row after row */
  GArray *rows;          /* guint: index of each row's first field, and one past the last row */
  GArray *row_offsets;   /* gsize: where each row starts */
} CmCsv;

/* The delimiter among ',', ';' and tab that splits the first lines into
 * the same number of fields most consistently (',' when none does). */
char      cm_csv_sniff       (const char  *data,
                              gsize        len);
/* TRUE when @data reads as delimited text with a header of at least two
 * columns: what content detection asks before calling a file CSV. */
gboolean  cm_csv_looks_like  (const char  *data,
                              gsize        len);
/* Splits @data (UTF-8, no BOM) strictly by RFC 4180 with @delimiter:
 * quoted fields hold delimiters, quotes doubled and line breaks; CRLF or
 * LF end a record; blank lines are skipped. On a malformed quote, a field
 * over CM_CSV_MAX_FIELD_BYTES or a row over CM_CSV_MAX_COLUMNS, returns
 * FALSE with *error_offset and *error_message set. */
gboolean  cm_csv_parse       (const char  *data,
                              gsize        len,
                              char         delimiter,
                              CmCsv       *csv,
                              gsize       *error_offset,
                              char       **error_message);
typedef enum
{
  CM_CSV_OK,
  CM_CSV_NOT_UTF8,     /* *error_offset: the first byte that is not UTF-8, or a NUL */
  CM_CSV_MALFORMED,    /* as cm_csv_parse reports it */
} CmCsvResult;

/* Checks that @data is UTF-8 without NUL, then parses it as
 * cm_csv_parse does: the same result, in two threads when it is large. */
CmCsvResult cm_csv_parse_text (const char  *data,
                               gsize        len,
                               char         delimiter,
                               CmCsv       *csv,
                               gsize       *error_offset,
                               char       **error_message);
void      cm_csv_clear       (CmCsv       *csv);
guint     cm_csv_n_rows      (const CmCsv *csv);
guint     cm_csv_row_n_fields (const CmCsv *csv,
                               guint        row);
const CmCsvField *cm_csv_field (const CmCsv *csv,
                                guint        row,
                                guint        column);
/* The field's text (quotes undoubled) appended to @out. */
void      cm_csv_field_text  (const char       *data,
                              const CmCsvField *field,
                              GString          *out);

G_END_DECLS
