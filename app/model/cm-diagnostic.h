/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CM_SEVERITY_NOTE,
  CM_SEVERITY_WARNING,
  CM_SEVERITY_ERROR,
} CmSeverity;

/* One problem found in a file. A position is a byte offset (G_MAXSIZE when
 * there is none) resolved to line:column when the list is finished; the
 * pointer is the RFC 6901 JSON Pointer of the value, or NULL. */
typedef struct
{
  CmSeverity severity;
  gsize      offset;
  guint      line;
  guint      column;
  char      *pointer;
  char      *message;
} CmDiagnostic;

typedef struct _CmDiagnostics CmDiagnostics;

CmDiagnostics *cm_diagnostics_new        (const char     *file_name);
void           cm_diagnostics_free       (CmDiagnostics  *diags);
void           cm_diagnostics_add        (CmDiagnostics  *diags,
                                          CmSeverity      severity,
                                          gsize           offset,
                                          const char     *pointer,
                                          const char     *format,
                                          ...) G_GNUC_PRINTF (5, 6);
/* Moves every diagnostic of @from to the end of @to. */
void           cm_diagnostics_take_all   (CmDiagnostics  *to,
                                          CmDiagnostics  *from);
/* Resolve offsets to line:column against the file's text. */
void           cm_diagnostics_resolve    (CmDiagnostics  *diags,
                                          const char     *data,
                                          gsize           len);
guint          cm_diagnostics_get_n      (CmDiagnostics  *diags);
const CmDiagnostic *
               cm_diagnostics_get        (CmDiagnostics  *diags,
                                          guint           i);
guint          cm_diagnostics_count      (CmDiagnostics  *diags,
                                          CmSeverity      severity);
const char    *cm_diagnostics_get_file_name (CmDiagnostics *diags);
/* "FILE:LINE:COL: /pointer: error: message" */
char          *cm_diagnostic_format      (const CmDiagnostic *diag,
                                          const char         *file_name);
/* All lines, each ending in '\n'; at most @max_lines, then a count. */
char          *cm_diagnostics_to_string  (CmDiagnostics  *diags,
                                          guint           max_lines);

/* Appends a JSON Pointer token, escaping '~' and '/' as RFC 6901 asks. */
void           cm_json_pointer_append    (GString        *pointer,
                                          const char     *token);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmDiagnostics, cm_diagnostics_free)

G_END_DECLS
