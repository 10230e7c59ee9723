/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Limits enforced before any parser sees the data. json-glib recurses and
 * has no limits of its own (see shared/notes/json-glib-1.6.md). */
#define CM_JSON_MAX_DEPTH        256
#define CM_JSON_MAX_STRING_BYTES (1u << 20)           /* one string value or key */
#define CM_JSON_MAX_FILE_BYTES   ((gsize) 1 << 30)    /* 1 GiB */

typedef struct
{
  gsize  offset;    /* byte offset of the problem */
  guint  line;      /* 1-based */
  guint  column;    /* 1-based, in characters */
  char  *message;   /* what is wrong and what is expected */
} CmJsonScanError;

/* Strict RFC 8259 validation in one pass, no recursion, no allocation on
 * success: grammar, escapes, UTF-8, surrogates, number ranges (integers must
 * fit int64, floats must be finite), \u0000, NUL bytes, depth, string length,
 * exactly one top-level value. One leading UTF-8 BOM is accepted; *bom_len
 * receives its length (0 or 3) when non-NULL.
 *
 * Returns TRUE if valid; on failure fills @error (free with
 * cm_json_scan_error_clear()). */
gboolean cm_json_scan            (const char      *data,
                                  gsize            len,
                                  gsize           *bom_len,
                                  CmJsonScanError *error);

void     cm_json_scan_error_clear (CmJsonScanError *error);

/* An array that is the value of a member of the top-level object, such as
 * "announcements": the offset of its '[' and its elements' offsets. */
typedef struct
{
  gsize offset;
  guint first;     /* index of its first element in the offsets array */
  guint n;
} CmJsonArraySpan;

/* As cm_json_scan(), and records the spans of the top-level object's array
 * members (CmJsonArraySpan) and the offset of each of their elements
 * (gsize), so that a reader can parse the elements in parallel. */
gboolean cm_json_scan_spans      (const char      *data,
                                  gsize            len,
                                  gsize           *bom_len,
                                  GArray          *spans,
                                  GArray          *element_offsets,
                                  CmJsonScanError *error);

/* cm_json_scan_spans() with its second thread starting at the first
 * element boundary guessed after @split_from (G_MAXSIZE: one thread);
 * for tests, which compare it with one thread at every split. */
gboolean _cm_json_scan_spans_split (const char      *data,
                                    gsize            len,
                                    gsize           *bom_len,
                                    GArray          *spans,
                                    GArray          *element_offsets,
                                    gsize            split_from,
                                    CmJsonScanError *error);

/* 1-based line and column (in UTF-8 characters) of @offset in @data. */
void     cm_json_offset_to_line_column (const char *data,
                                        gsize       len,
                                        gsize       offset,
                                        guint      *line,
                                        guint      *column);

G_END_DECLS
