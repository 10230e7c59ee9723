/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "cm-atomic-file.h"
#include "cm-cli.h"
#include "cm-cli-mapping.h"
#include "cm-loader.h"

/* `chronomap convert IN -o OUT.json`: any input the loader reads, written
 * as a native dataset (data/dataset-format.md), so that an import is done
 * once and the result can be edited. What is written is what was read:
 * dates as ISO text at their precision ("-0300", "-13800000000"),
 * places with the coordinates the file gave. */

static void
json_string (GString    *out,
             const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
member (GString    *out,
        const char *key,
        const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_string_append (out, ", ");
  json_string (out, key);
  g_string_append (out, ": ");
  json_string (out, value);
}

static void
member_text (GString    *out,
             CmDataset  *ds,
             const char *key,
             CmText      text)
{
  g_autofree char *value = cm_dataset_dup_text (ds, text);

  member (out, key, value);
}

static void
member_number (GString    *out,
               const char *key,
               double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, ", \"%s\": %s", key, g_ascii_formatd (buf, sizeof buf, "%.7f", value));
}

/* The ISO text of an end: the start of its last unit. */
static char *
end_text (CmDataset            *ds,
          const CmAnnouncement *a,
          gboolean              native)
{
  CmDate last;
  char *written = native ? cm_dataset_dup_text (ds, a->end_text) : NULL;

  if (written != NULL)
    return written;
  if (a->end_precision == CM_PRECISION_YEAR)
    {
      cm_date_from_year (&last, cm_date_year_of (a->end - 1));
      return cm_date_format_iso (last.start, CM_PRECISION_YEAR);
    }
  return cm_date_format_iso (a->end - 1, a->end_precision);
}

static GString *
write_dataset (CmDataset  *ds,
               const char *input)
{
  GString *out = g_string_new ("{\n  \"title\": ");
  gboolean native = cm_dataset_get_format (ds) == CM_FORMAT_CHRONOMAP;
  g_autofree char *description = g_strdup_printf ("Converted from %s by chronomap convert", input);

  json_string (out, cm_dataset_get_title (ds) && *cm_dataset_get_title (ds) ? cm_dataset_get_title (ds) : "Imported");
  g_string_append (out, ",\n  \"description\": ");
  json_string (out, cm_dataset_get_description (ds) ? cm_dataset_get_description (ds) : description);

  g_string_append (out, ",\n  \"places\": [");
  for (guint i = 0; i < cm_dataset_get_n_places (ds); i++)
    {
      const CmPlace *p = cm_dataset_get_place (ds, i);
      g_autofree char *fallback = g_strdup_printf ("Place %u", i + 1);

      g_string_append_printf (out, "%s\n    {\"id\": ", i ? "," : "");
      json_string (out, p->id);
      g_string_append (out, ", \"name\": ");
      json_string (out, p->name && *p->name ? p->name : fallback);
      member (out, "local_name", p->local_name);
      if (p->kind != CM_PLACE_UNKNOWN)
        member (out, "kind", cm_place_kind_to_string (p->kind));
      member (out, "country", p->country);
      if (p->parent >= 0)
        member (out, "parent", cm_dataset_get_place (ds, p->parent)->id);
      /* An import's places located by name are written where they were
       * found: read again, a name such as "Springfield" would be
       * ambiguous without the table's state column. A Chronomap file's
       * stay as they were written. */
      if (p->coords == CM_COORDS_DATASET ||
          (p->coords == CM_COORDS_GAZETTEER && cm_dataset_get_format (ds) != CM_FORMAT_CHRONOMAP))
        {
          member_number (out, "lat", p->lat);
          member_number (out, "lon", p->lon);
        }
      g_string_append_c (out, '}');
    }

  g_string_append (out, "\n  ],\n  \"categories\": [");
  for (guint i = 0; i < cm_dataset_get_n_categories (ds); i++)
    {
      const CmCategory *c = cm_dataset_get_category (ds, i);
      char id[32], color[8];

      g_snprintf (id, sizeof id, "c%u", i + 1);
      g_snprintf (color, sizeof color, "#%06X", c->color & 0xFFFFFF);
      g_string_append_printf (out, "%s\n    {\"id\": \"%s\", \"label\": ", i ? "," : "", id);
      json_string (out, c->label && *c->label ? c->label : id);
      g_string_append_printf (out, ", \"color\": \"%s\"}", color);
    }

  g_string_append (out, "\n  ],\n  \"sources\": [");
  for (guint i = 0; i < cm_dataset_get_n_sources (ds); i++)
    {
      const CmSource *s = cm_dataset_get_source (ds, i);

      g_string_append_printf (out, "%s\n    {\"id\": ", i ? "," : "");
      json_string (out, s->id);
      g_string_append (out, ", \"title\": ");
      json_string (out, s->title && *s->title ? s->title : s->id);
      member (out, "publisher", s->publisher);
      member (out, "date", s->date);
      member (out, "url", s->url);
      g_string_append_c (out, '}');
    }

  g_string_append (out, "\n  ],\n  \"announcements\": [");
  for (guint i = 0; i < cm_dataset_get_n_announcements (ds); i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (ds, i);
      /* A native file's dates as written; an import's as ISO from the
       * times read ("October 2, 1951" becomes "1951-10-02"). */
      g_autofree char *date = native ? cm_dataset_dup_text (ds, a->date_text) : NULL;
      char category[32];

      if (date == NULL)
        date = cm_date_format_iso (a->start, a->precision);
      g_snprintf (category, sizeof category, "c%d", a->category + 1);
      g_string_append_printf (out, "%s\n    {\"id\": ", i ? "," : "");
      json_string (out, a->id);
      member (out, "date", date);
      if (a->end_precision != 0)
        {
          g_autofree char *end = end_text (ds, a, native);
          member (out, "end", end);
        }
      member_text (out, ds, "date_note", a->date_note);
      if (a->place >= 0)
        member (out, "place", cm_dataset_get_place (ds, a->place)->id);
      member (out, "category", category);
      member_text (out, ds, "title", a->title);
      member_text (out, ds, "summary", a->summary);
      if (a->n_actors > 0)
        {
          g_string_append (out, ", \"actors\": [");
          for (guint k = 0; k < a->n_actors; k++)
            {
              if (k)
                g_string_append (out, ", ");
              json_string (out, cm_dataset_get_actor (ds, a, k));
            }
          g_string_append_c (out, ']');
        }
      if (a->n_sources > 0)
        {
          g_string_append (out, ", \"sources\": [");
          for (guint k = 0; k < a->n_sources; k++)
            {
              if (k)
                g_string_append (out, ", ");
              json_string (out, cm_dataset_get_source (ds, cm_dataset_get_source_ref (ds, a, k))->id);
            }
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, '}');
    }
  g_string_append (out, "\n  ]\n}\n");
  return out;
}

int
cm_cli_convert (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *output = NULL;
  gboolean allow_skips = FALSE, quiet = FALSE;
  CmCliMapping mapping = { { { NULL } } };
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The Chronomap dataset to write (JSON)"), N_("OUT.json") },
    { "allow-skips", 0, 0, G_OPTION_ARG_NONE, &allow_skips, N_("Write even when rows were skipped"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print only warnings and errors"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  g_autoptr(GFile) in = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) ds = NULL;
  g_autoptr(CmAtomicFile) atomic = NULL;
  g_autoptr(GString) json = NULL;
  int status = 1;

  /* Marked only: the context translates them through its domain. */
  context = g_option_context_new (N_("IN -o OUT.json — write any input Chronomap reads as a Chronomap dataset"));
  g_option_context_set_summary (context,
                                N_("Reads CSV, GeoJSON, TimelineJS or a Chronomap dataset, with the field mapping\n"
                                   "given or detected, and writes a Chronomap dataset that `chronomap validate` accepts.\n"
                                   "Exit status: 0 written, 1 unreadable or rows skipped (unless --allow-skips;\n"
                                   "nothing is written then), 2 on a usage error."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_group (context, cm_cli_mapping_group (&mapping, FALSE));
  if (!g_option_context_parse (context, &argc, &argv, &error) || !cm_cli_mapping_check (&mapping, &error))
    {
      cm_cli_error ("convert", "%s", error->message);
      fputs (_("Usage: chronomap convert IN -o OUT.json [OPTION…]\n"), stderr);
      goto done_usage;
    }
  if (files == NULL || files[0] == NULL || files[1] != NULL || output == NULL)
    {
      cm_cli_error ("convert", "%s", output == NULL ? _("no output file given (-o OUT.json)")
                                                    : _("give exactly one input file"));
      fputs (_("Usage: chronomap convert IN -o OUT.json [OPTION…]\n"), stderr);
      goto done_usage;
    }

  in = g_file_new_for_commandline_arg (files[0]);
  out = g_file_new_for_commandline_arg (output);
  if (g_file_equal (in, out))
    {
      cm_cli_error ("convert", "%s", _("the output would overwrite the input"));
      goto done_usage;
    }
  ds = cm_loader_load_file_with_options (in, files[0], cm_cli_mapping_options (&mapping), &diags,
                                         NULL, NULL, NULL, &error);
  for (guint i = 0; diags != NULL && i < cm_diagnostics_get_n (diags); i++)
    {
      const CmDiagnostic *d = cm_diagnostics_get (diags, i);
      g_autofree char *line = NULL;

      if (quiet && d->severity == CM_SEVERITY_NOTE)
        continue;
      line = cm_diagnostic_format (d, files[0]);
      fprintf (stderr, "%s\n", line);
    }
  if (ds == NULL)
    {
      if (g_error_matches (error, CM_LOADER_ERROR, CM_LOADER_ERROR_UNREADABLE))
        fprintf (stderr, "%s: error: %s\n", files[0], error->message);
      cm_cli_error ("convert", "%s", _("nothing written"));
      goto done;
    }
  if (cm_dataset_get_n_skipped (ds) > 0 && !allow_skips)
    {
      g_autofree char *summary = cm_dataset_format_import_summary (ds);
      /* The FILE: error: tag stays as it is, for scripts to read. */
      fprintf (stderr, "%s: error: ", files[0]);
      fprintf (stderr, _("%s; nothing written (--allow-skips writes the rest)\n"), summary);
      goto done;
    }

  json = write_dataset (ds, files[0]);
  cm_atomic_file_remove_on_signal ();
  atomic = cm_atomic_file_new (out, &error);
  if (atomic == NULL ||
      !g_output_stream_write_all (cm_atomic_file_get_stream (atomic), json->str, json->len, NULL, NULL, &error) ||
      !cm_atomic_file_commit (atomic, &error))
    {
      cm_cli_error ("convert", _("cannot write %s: %s"), output, error->message);
      goto done;
    }
  if (!quiet)
    printf (_("%s: %u announcements, %u places, %u categories\n"), output,
            cm_dataset_get_n_announcements (ds), cm_dataset_get_n_places (ds), cm_dataset_get_n_categories (ds));
  status = 0;
  goto done;

done_usage:
  status = 2;
done:
  cm_cli_mapping_clear (&mapping);
  return status;
}
