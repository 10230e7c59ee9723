/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include "cm-config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "cm-diagnostic.h"
#include "cm-memory.h"

struct _CmDiagnostics
{
  char   *file_name;
  GArray *items;        /* CmDiagnostic */
  guint   counts[3];
};

static void
diagnostic_clear (gpointer data)
{
  CmDiagnostic *d = data;

  g_free (d->pointer);
  g_free (d->message);
}

CmDiagnostics *
cm_diagnostics_new (const char *file_name)
{
  CmDiagnostics *diags = g_new0 (CmDiagnostics, 1);

  diags->file_name = g_strdup (file_name ? file_name : "(data)");
  diags->items = g_array_new (FALSE, TRUE, sizeof (CmDiagnostic));
  g_array_set_clear_func (diags->items, diagnostic_clear);
  return diags;
}

void
cm_diagnostics_free (CmDiagnostics *diags)
{
  if (diags == NULL)
    return;
  g_array_unref (diags->items);
  g_free (diags->file_name);
  g_free (diags);
}

void
cm_diagnostics_add (CmDiagnostics *diags,
                    CmSeverity     severity,
                    gsize          offset,
                    const char    *pointer,
                    const char    *format,
                    ...)
{
  CmDiagnostic d = { 0 };
  va_list args;

  g_return_if_fail (diags != NULL);

  d.severity = severity;
  d.offset = offset;
  d.pointer = g_strdup (pointer);
  va_start (args, format);
  d.message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Messages quote the file, and an excerpt cut at a byte count ("%.40s")
   * can split a character: the text goes to GTK, which needs UTF-8. */
  if (!g_utf8_validate (d.message, -1, NULL))
    {
      char *valid = g_utf8_make_valid (d.message, -1);
      g_free (d.message);
      d.message = valid;
    }
  g_array_append_val (diags->items, d);
  diags->counts[severity]++;
  /* The array owns d's strings now: diagnostic_clear() frees them. */
  /* cppcheck-suppress memleak */
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  gsize x = **(const gsize * const *) a;
  gsize y = **(const gsize * const *) b;

  return x < y ? -1 : x > y;
}

void
cm_diagnostics_resolve (CmDiagnostics *diags,
                        const char    *data,
                        gsize          len)
{
  g_autofree gsize **order = NULL;
  gsize pos = 0;
  guint line = 1, col = 1;
  const char *line_start = data;
  const char *counted = data;   /* columns are counted up to here */
  guint n = diags->items->len;

  if (n == 0)
    return;
  /* One pass over the text for all diagnostics, in offset order, so a
   * million errors in a large file cost one scan, not a million. */
  order = g_new (gsize *, n);
  for (guint i = 0; i < n; i++)
    order[i] = &g_array_index (diags->items, CmDiagnostic, i).offset;
  qsort (order, n, sizeof (gsize *), compare_offsets);

  for (guint i = 0; i < n; i++)
    {
      CmDiagnostic *d = (CmDiagnostic *) ((char *) order[i] - G_STRUCT_OFFSET (CmDiagnostic, offset));
      gsize target = d->offset;

      if (target == G_MAXSIZE || data == NULL)
        continue;
      target = MIN (target, len);
      while (pos < target)
        {
          const char *nl = memchr (data + pos, '\n', target - pos);
          if (nl == NULL)
            {
              pos = target;
              break;
            }
          line++;
          pos = nl - data + 1;
          line_start = nl + 1;
        }
      /* Go on counting from the previous diagnostic on the same line:
       * counting from the line start each time made a minified file (one
       * line) with many errors quadratic. */
      if (counted < line_start)
        {
          counted = line_start;
          col = 1;
        }
      for (; counted < data + target; counted++)
        if (((guchar) *counted & 0xC0) != 0x80)
          col++;
      d->line = line;
      d->column = col;
    }
}

guint
cm_diagnostics_get_n (CmDiagnostics *diags)
{
  return diags->items->len;
}

const CmDiagnostic *
cm_diagnostics_get (CmDiagnostics *diags,
                    guint          i)
{
  g_return_val_if_fail (i < diags->items->len, NULL);
  return &g_array_index (diags->items, CmDiagnostic, i);
}

guint
cm_diagnostics_count (CmDiagnostics *diags,
                      CmSeverity     severity)
{
  return diags->counts[severity];
}

const char *
cm_diagnostics_get_file_name (CmDiagnostics *diags)
{
  return diags->file_name;
}

char *
cm_diagnostic_format (const CmDiagnostic *d,
                      const char         *file_name)
{
  static const char * const names[] = { "note", "warning", "error" };
  GString *s = g_string_new (file_name);

  if (d->line > 0)
    g_string_append_printf (s, ":%u:%u", d->line, d->column);
  g_string_append_c (s, ':');
  if (d->pointer != NULL)
    g_string_append_printf (s, " %s:", d->pointer[0] ? d->pointer : "/");
  g_string_append_printf (s, " %s: %s", names[d->severity], d->message);
  return g_string_free (s, FALSE);
}

char *
cm_diagnostics_to_string (CmDiagnostics *diags,
                          guint          max_lines)
{
  GString *s = g_string_new (NULL);
  guint n = diags->items->len;

  for (guint i = 0; i < n && i < max_lines; i++)
    {
      g_autofree char *line = cm_diagnostic_format (cm_diagnostics_get (diags, i), diags->file_name);
      g_string_append (s, line);
      g_string_append_c (s, '\n');
    }
  if (n > max_lines)
    /* Translators: "note" is the severity, kept in English as in every
     * FILE:LINE:COLUMN: line. */
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%s: note: %u more problem not shown\n",
                                            "%s: note: %u more problems not shown\n", n - max_lines),
                            diags->file_name, n - max_lines);
  return g_string_free (s, FALSE);
}

void
cm_json_pointer_append (GString    *pointer,
                        const char *token)
{
  const char *p;

  g_string_append_c (pointer, '/');
  /* One pass for the usual short key with nothing to escape: this runs
   * for every member of a large file. */
  for (p = token; *p != '\0' && *p != '~' && *p != '/'; p++)
    ;
  if (*p == '\0')
    {
      cm_string_append_len (pointer, token, p - token);
      return;
    }
  for (p = token; *p; p++)
    {
      if (*p == '~')
        g_string_append (pointer, "~0");
      else if (*p == '/')
        g_string_append (pointer, "~1");
      else
        g_string_append_c (pointer, *p);
    }
}

void
cm_diagnostics_take_all (CmDiagnostics *to,
                         CmDiagnostics *from)
{
  g_return_if_fail (to != NULL && from != NULL);

  /* The items move: clear the source without freeing their strings. */
  g_array_append_vals (to->items, from->items->data, from->items->len);
  for (guint s = 0; s < G_N_ELEMENTS (to->counts); s++)
    {
      to->counts[s] += from->counts[s];
      from->counts[s] = 0;
    }
  g_array_set_clear_func (from->items, NULL);
  g_array_set_size (from->items, 0);
  g_array_set_clear_func (from->items, diagnostic_clear);
}
