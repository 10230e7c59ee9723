/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include <stdio.h>
#include <string.h>

#include "cm-atomic-file.h"
#include "cm-cli.h"
#include "cm-export-figure.h"
#include "cm-export-write.h"
#include "cm-loader.h"
#include "cm-view-data.h"

/* `chronomap export`: draws the same figure as the window shows
 * (cm-export-figure.c) onto a PNG, SVG or PDF surface, with no display. The
 * file appears only when complete, and a failed export leaves any earlier
 * file as it was: see CmAtomicFile. */

typedef struct
{
  char     *view;
  char     *output;
  char     *basemap;
  char     *from;
  char     *to;
  char     *lanes;
  char     *color_by;
  char     *language;
  CmFigureOptions figure;
} Options;

typedef struct
{
  CmDataset     *dataset;
  const Options *o;
} Drawing;

/* Spellings the command line took before it took the settings' nicks. */
typedef struct
{
  const char *alias;
  const char *nick;
} Alias;

static const Alias lane_aliases[] = {
  { "category", "by-category" },
  { "place", "by-place" },
  { NULL, NULL }
};

static const Alias language_aliases[] = {
  { "en", "english" },
  { "zh", "local" },
  { NULL, NULL }
};

static void
options_clear (Options *o)
{
  g_free (o->view);
  g_free (o->output);
  g_free (o->basemap);
  g_free (o->from);
  g_free (o->to);
  g_free (o->lanes);
  g_free (o->color_by);
  g_free (o->language);
  g_clear_object (&o->figure.basemap);
}

static gboolean
parse_time (const char *text,
            gboolean    is_end,
            gint64     *out)
{
  CmDate date;

  if (!cm_date_parse (text, strlen (text), &date, NULL))
    return FALSE;
  /* --to 2022 means up to the end of 2022. */
  *out = is_end ? date.end : date.start;
  return TRUE;
}

/* @text, a nick of enum @type (as the settings hold it) or one of
 * @aliases, into @value; a usage error names the nicks. */
static gboolean
parse_choice (const char  *option,
              const char  *text,
              GType        type,
              const Alias *aliases,
              int         *value)
{
  GEnumClass *klass;
  GEnumValue *v;

  if (text == NULL)
    return TRUE;
  for (guint i = 0; aliases != NULL && aliases[i].alias != NULL; i++)
    if (strcmp (text, aliases[i].alias) == 0)
      text = aliases[i].nick;
  klass = g_type_class_ref (type);
  v = g_enum_get_value_by_nick (klass, text);
  if (v != NULL)
    *value = v->value;
  else
    {
      g_autoptr(GString) nicks = g_string_new (NULL);

      for (guint i = 0; i < klass->n_values; i++)
        g_string_append_printf (nicks, "%s%s", i == 0 ? "" : i + 1 < klass->n_values ? ", " : " or ",
                                klass->values[i].value_nick);
      fprintf (stderr, "chronomap export: %s must be %s (not \"%s\")\n", option, nicks->str, text);
    }
  g_type_class_unref (klass);
  return v != NULL;
}

static gboolean
draw (cairo_t         *cr,
      CmExportFormat   format,
      gpointer         user_data,
      GError         **error)
{
  const Drawing *d = user_data;
  g_autoptr(GPtrArray) unmatched = NULL;

  if (!cm_export_figure_draw (cr, d->dataset, &d->o->figure, &unmatched, error))
    return FALSE;
  for (guint i = 0; unmatched != NULL && i < unmatched->len; i++)
    fprintf (stderr, "chronomap export: warning: no region named \"%s\" in the base map; "
             "its announcements are not shaded\n", (const char *) unmatched->pdata[i]);
  return TRUE;
}

/* The base map of a map: --basemap, else the bundled one. */
static gboolean
load_basemap (Options *o)
{
  g_autofree char *path = o->basemap ? g_strdup (o->basemap) : cm_view_data_default_basemap_path ();
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    {
      fprintf (stderr, "chronomap export: the bundled base map is missing; give one with --basemap FILE\n");
      return FALSE;
    }
  o->figure.basemap = cm_basemap_new_from_file (path, &error);
  if (o->figure.basemap == NULL)
    {
      fprintf (stderr, "chronomap export: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Writes the file, or reports why not; an earlier file stays unless the
 * new one is complete. */
static int
write_output (const Drawing    *d,
              CmExportFormat    format,
              CmExportWrapFunc  wrap,
              gpointer          wrap_data)
{
  const char *name = d->o->output;
  g_autoptr(GFile) output = g_file_new_for_commandline_arg (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(CmAtomicFile) file = cm_atomic_file_new (output, &error);
  g_autoptr(GOutputStream) out = NULL;

  if (file == NULL)
    {
      fprintf (stderr, "chronomap export: %s: %s\n", name, error->message);
      return 1;
    }
  out = wrap ? wrap (cm_atomic_file_get_stream (file), wrap_data)
             : g_object_ref (cm_atomic_file_get_stream (file));
  if (!cm_export_write (out, format, d->o->figure.width, d->o->figure.height, draw, (gpointer) d, &error))
    {
      /* A drawing error names its own subject. */
      if (g_error_matches (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW))
        fprintf (stderr, "chronomap export: %s\n", error->message);
      else
        fprintf (stderr, "chronomap export: %s: %s\n", name, error->message);
      fprintf (stderr, "chronomap export: %s: could not be written; any earlier file is unchanged\n", name);
      cm_atomic_file_abandon (file);
      return 1;
    }
  if (!cm_atomic_file_commit (file, &error))
    {
      fprintf (stderr, "chronomap export: %s: %s\n", name, error->message);
      return 1;
    }
  return 0;
}

static gboolean
check_options (Options         *o,
               CmExportFormat  *format)
{
  if (o->view == NULL || (strcmp (o->view, "map") != 0 && strcmp (o->view, "timeline") != 0))
    {
      fprintf (stderr, "chronomap export: --view must be map or timeline\n");
      return FALSE;
    }
  if (o->output == NULL)
    {
      fprintf (stderr, "chronomap export: -o OUTPUT is required\n");
      return FALSE;
    }
  if (g_str_has_suffix (o->output, ".png") || g_str_has_suffix (o->output, ".PNG"))
    *format = CM_EXPORT_PNG;
  else if (g_str_has_suffix (o->output, ".svg") || g_str_has_suffix (o->output, ".SVG"))
    *format = CM_EXPORT_SVG;
  else if (g_str_has_suffix (o->output, ".pdf") || g_str_has_suffix (o->output, ".PDF"))
    *format = CM_EXPORT_PDF;
  else
    {
      fprintf (stderr, "chronomap export: %s: the output must end in .png, .svg or .pdf\n", o->output);
      return FALSE;
    }
  o->figure.view = strcmp (o->view, "map") == 0 ? CM_FIGURE_VIEW_MAP : CM_FIGURE_VIEW_TIMELINE;
  if (o->figure.width < 16 || o->figure.width > 20000 || o->figure.height < 16 || o->figure.height > 20000)
    {
      fprintf (stderr, "chronomap export: --width and --height must be 16 to 20000 (got %d×%d)\n",
               o->figure.width, o->figure.height);
      return FALSE;
    }
  /* The settings' nicks, so that what the window shows can be asked for
   * by the same names. */
  return parse_choice ("--lanes", o->lanes, CM_TYPE_LANE_MODE, lane_aliases, (int *) &o->figure.lanes)
         && parse_choice ("--color-by", o->color_by, CM_TYPE_MAP_COLOR, NULL, (int *) &o->figure.color)
         && parse_choice ("--lang", o->language, CM_TYPE_LABEL_LANGUAGE, language_aliases,
                          (int *) &o->figure.language);
}

int
cm_cli_export (int    argc,
               char **argv)
{
  return cm_cli_export_with_wrap (argc, argv, NULL, NULL);
}

/* cm_cli_export() with @wrap, if not NULL, between the renderer and the
 * file: tests make writes fail through it. */
int
cm_cli_export_with_wrap (int               argc,
                         char            **argv,
                         CmExportWrapFunc  wrap,
                         gpointer          wrap_data)
{
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CmDiagnostics) diags = NULL;
  g_autoptr(CmDataset) dataset = NULL;
  g_autoptr(GFile) input = NULL;
  Options o = { NULL };
  CmExportFormat format = CM_EXPORT_PNG;
  gint64 from = 0, to = 0;
  GOptionEntry entries[] = {
    { "view", 0, 0, G_OPTION_ARG_STRING, &o.view, "What to draw: map or timeline", "VIEW" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output, "Output file (.png, .svg or .pdf)", "FILE" },
    { "width", 0, 0, G_OPTION_ARG_INT, &o.figure.width, "Width in pixels (points for SVG and PDF); 1600", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &o.figure.height, "Height; 900", "H" },
    { "basemap", 0, 0, G_OPTION_ARG_FILENAME, &o.basemap, "GeoJSON polygons to draw under the map", "FILE" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, "Start of the time range shown (ISO date)", "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o.to, "End of the time range shown (ISO date, inclusive)", "DATE" },
    { "lanes", 0, 0, G_OPTION_ARG_STRING, &o.lanes,
      "Timeline lanes: by-category (or category), by-place (or place) or single", "MODE" },
    { "color-by", 0, 0, G_OPTION_ARG_STRING, &o.color_by, "Map markers: category or first-date", "MODE" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &o.language,
      "Labels: english (or en), local (or zh) or auto, from the locale; english", "LANG" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &o.figure.dark, "Dark style", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE" },
    { NULL }
  };
  int status;

  cm_figure_options_init (&o.figure);
  context = g_option_context_new ("FILE — draw the map or the timeline of a dataset to an image");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "chronomap export: %s\n", error->message);
      options_clear (&o);
      return 2;
    }
  if (files == NULL || files[0] == NULL || files[1] != NULL || !check_options (&o, &format))
    {
      if (files == NULL || files[0] == NULL || files[1] != NULL)
        fprintf (stderr, "chronomap export: give exactly one dataset\n");
      fprintf (stderr, "Usage: chronomap export FILE --view map|timeline -o OUT.png|svg|pdf "
               "[--width W --height H] [--basemap GEOJSON] [--from DATE --to DATE] "
               "[--lanes by-category|by-place|single] [--color-by category|first-date] "
               "[--lang auto|english|local] [--dark]\n");
      options_clear (&o);
      return 2;
    }
  if ((o.from && !parse_time (o.from, FALSE, &from)) || (o.to && !parse_time (o.to, TRUE, &to)))
    {
      fprintf (stderr, "chronomap export: --from and --to take ISO dates such as 2021, 2021-11 or 2021-11-15\n");
      options_clear (&o);
      return 2;
    }
  if (o.from && !o.to)
    to = CM_DATE_TIME_MAX;
  if (o.to && !o.from)
    from = CM_DATE_TIME_MIN;
  if ((o.from || o.to) && from >= to)
    {
      fprintf (stderr, "chronomap export: --from must come before --to\n");
      options_clear (&o);
      return 2;
    }
  o.figure.from = from;
  o.figure.to = to;

  input = g_file_new_for_commandline_arg (files[0]);
  dataset = cm_loader_load_file (input, files[0], &diags, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    {
      for (guint i = 0; diags && i < cm_diagnostics_get_n (diags); i++)
        {
          const CmDiagnostic *d = cm_diagnostics_get (diags, i);
          g_autofree char *line = NULL;
          if (d->severity == CM_SEVERITY_NOTE)
            continue;
          line = cm_diagnostic_format (d, files[0]);
          fprintf (stderr, "%s\n", line);
        }
      fprintf (stderr, "chronomap export: %s\n", error->message);
      options_clear (&o);
      return 1;
    }

  if (o.figure.view == CM_FIGURE_VIEW_MAP && !load_basemap (&o))
    {
      fprintf (stderr, "chronomap export: %s: could not be written; any earlier file is unchanged\n", o.output);
      options_clear (&o);
      return 1;
    }
  {
    Drawing d = { dataset, &o };

    status = write_output (&d, format, wrap, wrap_data);
  }
  options_clear (&o);
  return status;
}
