/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cm-atomic-file.h"
#include "cm-cli.h"
#include "cm-export-write.h"
#include "cm-loader.h"
#include "cm-map-painter.h"
#include "cm-timeline-painter.h"
#include "cm-view-data.h"

/* `chronomap export`: draws the same painters as the window onto a PNG, SVG
 * or PDF surface, with no display. The file appears only when complete, and
 * a failed export leaves any earlier file as it was: see CmAtomicFile. */

typedef struct
{
  char     *view;
  char     *output;
  int       width;
  int       height;
  char     *basemap;
  char     *from;
  char     *to;
  char     *lanes;
  char     *color_by;
  char     *language;
  gboolean  dark;
} Options;

typedef struct
{
  CmDataset     *dataset;
  const Options *o;
  gint64         from;
  gint64         to;
} Drawing;

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

static void
draw_timeline (cairo_t       *cr,
               CmDataset     *dataset,
               const Options *o,
               gint64         from,
               gint64         to)
{
  CmLaneMode lanes = g_strcmp0 (o->lanes, "place") == 0 ? CM_LANES_BY_PLACE
                     : g_strcmp0 (o->lanes, "single") == 0 ? CM_LANES_SINGLE
                     : CM_LANES_BY_CATEGORY;
  g_autoptr(CmTimelineIndex) index = cm_view_data_timeline_index (dataset, lanes, NULL);
  g_autoptr(CmTimelinePainter) painter = cm_timeline_painter_new ();
  CmPaintStyle style;
  CmTimelineView view;
  gint64 min_time, max_time;

  cm_paint_style_init (&style, o->dark);
  cm_timeline_painter_set_index (painter, index);
  cm_timeline_painter_set_style (painter, &style);
  cm_timeline_painter_set_language (painter, g_strcmp0 (o->language, "zh") == 0 ? "zh" : "en");

  cm_timeline_view_init (&view, o->width, o->height);
  view.now = NAN;
  view.show_legend = TRUE;
  view.draw_background = TRUE;
  if (from < to)
    cm_timeline_view_set_range (&view, from, to);
  else if (cm_timeline_index_get_extent (index, &min_time, &max_time))
    cm_timeline_view_fit (&view, min_time, max_time);
  cm_timeline_painter_paint (painter, cr, &view);
}

static gboolean
draw_map (cairo_t        *cr,
          CmDataset      *dataset,
          const Options  *o,
          gint64          from,
          gint64          to,
          gboolean        vector,
          GError        **error)
{
  g_autofree char *path = o->basemap ? g_strdup (o->basemap) : cm_view_data_default_basemap_path ();
  g_autoptr(CmBasemap) basemap = NULL;
  g_autoptr(CmMapPainter) painter = cm_map_painter_new ();
  g_autoptr(CmMapData) data = NULL;
  g_autoptr(GError) local_error = NULL;
  CmPaintStyle style;

  if (path == NULL)
    {
      g_set_error_literal (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW,
                           "the bundled base map is missing; give one with --basemap FILE");
      return FALSE;
    }
  basemap = cm_basemap_new_from_file (path, &local_error);
  if (basemap == NULL)
    {
      g_set_error_literal (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW, local_error->message);
      return FALSE;
    }

  cm_paint_style_init (&style, o->dark);
  cm_map_painter_set_basemap (painter, basemap);
  cm_map_painter_set_style (painter, &style);
  cm_map_painter_set_language (painter, g_strcmp0 (o->language, "zh") == 0 ? CM_MAP_LANGUAGE_CHINESE
                                                                          : CM_MAP_LANGUAGE_ENGLISH);
  cm_map_painter_set_color_mode (painter, g_strcmp0 (o->color_by, "first-date") == 0
                                          ? CM_MAP_COLOR_BY_FIRST_DATE : CM_MAP_COLOR_BY_CATEGORY);
  data = cm_map_data_new (dataset, basemap, o->dark);
  cm_map_data_apply (data, painter);
  for (guint i = 0; i < data->unmatched->len; i++)
    fprintf (stderr, "chronomap export: warning: no region named \"%s\" in the base map; "
             "its announcements are not shaded\n", (const char *) data->unmatched->pdata[i]);
  if (from < to)
    cm_map_painter_set_time_range (painter, from, to);
  cm_map_painter_set_viewport (painter, o->width, o->height);
  cm_map_painter_fit_basemap (painter);
  cm_map_painter_draw (painter, cr, vector ? CM_MAP_DRAW_NO_CACHE : CM_MAP_DRAW_DEFAULT);
  return TRUE;
}

static gboolean
draw (cairo_t         *cr,
      CmExportFormat   format,
      gpointer         user_data,
      GError         **error)
{
  const Drawing *d = user_data;

  if (strcmp (d->o->view, "map") == 0)
    return draw_map (cr, d->dataset, d->o, d->from, d->to, format != CM_EXPORT_PNG, error);
  draw_timeline (cr, d->dataset, d->o, d->from, d->to);
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
  if (!cm_export_write (out, format, d->o->width, d->o->height, draw, (gpointer) d, &error))
    {
      /* A drawing error names its own subject (the base map file). */
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
  if (o->width < 16 || o->width > 20000 || o->height < 16 || o->height > 20000)
    {
      fprintf (stderr, "chronomap export: --width and --height must be 16 to 20000 (got %d×%d)\n",
               o->width, o->height);
      return FALSE;
    }
  if (o->lanes && strcmp (o->lanes, "category") != 0 && strcmp (o->lanes, "place") != 0 &&
      strcmp (o->lanes, "single") != 0)
    {
      fprintf (stderr, "chronomap export: --lanes must be category, place or single\n");
      return FALSE;
    }
  if (o->color_by && strcmp (o->color_by, "category") != 0 && strcmp (o->color_by, "first-date") != 0)
    {
      fprintf (stderr, "chronomap export: --color-by must be category or first-date\n");
      return FALSE;
    }
  return TRUE;
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
  Options o = { .width = 1600, .height = 900 };
  CmExportFormat format = CM_EXPORT_PNG;
  gint64 from = 0, to = 0;
  GOptionEntry entries[] = {
    { "view", 0, 0, G_OPTION_ARG_STRING, &o.view, "What to draw: map or timeline", "VIEW" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output, "Output file (.png, .svg or .pdf)", "FILE" },
    { "width", 0, 0, G_OPTION_ARG_INT, &o.width, "Width in pixels (points for SVG and PDF); 1600", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &o.height, "Height; 900", "H" },
    { "basemap", 0, 0, G_OPTION_ARG_FILENAME, &o.basemap, "GeoJSON polygons to draw under the map", "FILE" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, "Start of the time range shown (ISO date)", "DATE" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o.to, "End of the time range shown (ISO date, inclusive)", "DATE" },
    { "lanes", 0, 0, G_OPTION_ARG_STRING, &o.lanes, "Timeline lanes: category, place or single", "MODE" },
    { "color-by", 0, 0, G_OPTION_ARG_STRING, &o.color_by, "Map markers: category or first-date", "MODE" },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &o.language, "Labels: en or zh", "LANG" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &o.dark, "Dark style", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE" },
    { NULL }
  };
  int status;

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
               "[--width W --height H] [--basemap GEOJSON] [--from DATE --to DATE]\n");
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

  {
    Drawing d = { dataset, &o, from, to };

    status = write_output (&d, format, wrap, wrap_data);
  }
  options_clear (&o);
  return status;
}
