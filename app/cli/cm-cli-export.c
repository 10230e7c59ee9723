/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "cm-atomic-file.h"
#include "cm-cli.h"
#include "cm-cli-animate.h"
#include "cm-cli-mapping.h"
#include "cm-export-figure.h"
#include "cm-export-write.h"
#include "cm-figure.h"
#include "cm-loader.h"
#include "cm-page.h"
#include "cm-view-data.h"

/* `chronomap export`: draws the same figure as the window shows
 * (cm-figure.c) onto a PNG, SVG or PDF surface, with no display, or its
 * diffusion as an animation (cm-cli-animate.c). The file appears only
 * when complete, and a failed export leaves any earlier file as it was:
 * see CmAtomicFile. */

typedef struct
{
  char     *view;
  char     *output;
  char     *format_name;
  char     *page;
  int       dpi;
  int       width;
  int       height;
  char     *basemap;
  char     *from;
  char     *to;
  char     *at;
  char     *lanes;
  char     *color_by;
  char     *projection;
  char     *language;
  char     *style;
  char     *title;
  char     *subtitle;
  char     *caption;
  char     *source;
  char    **categories;
  char    **places;
  char     *search;
  gboolean  dark;
  gboolean  no_title;
  gboolean  bare;
  gboolean  quiet;
  double    png_dpi;     /* what the PNG's pHYs says */
  CmFigureOptions figure;
  CmCliAnimate       anim_args;
  gboolean           animate;
  CmAnimationOptions anim;
} Options;

typedef struct
{
  CmFigure      *figure;
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
  g_free (o->format_name);
  g_free (o->page);
  g_free (o->basemap);
  g_free (o->from);
  g_free (o->to);
  g_free (o->at);
  g_free (o->lanes);
  g_free (o->color_by);
  g_free (o->projection);
  g_free (o->language);
  g_free (o->style);
  g_free (o->title);
  g_free (o->subtitle);
  g_free (o->caption);
  g_free (o->source);
  g_strfreev (o->categories);
  g_strfreev (o->places);
  g_free (o->search);
  cm_cli_animate_clear (&o->anim_args);
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
        g_string_append_printf (nicks, "%s%s", i == 0 ? "" : i + 1 < klass->n_values ? C_("list", ", ") : C_("list", " or "),
                                klass->values[i].value_nick);
      cm_cli_error ("export", _("%s must be %s (not \"%s\")"), option, nicks->str, text);
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

  return cm_figure_draw (d->figure, cr, error);
}

static void
warn_unmatched (CmFigure *figure)
{
  GPtrArray *unmatched = cm_figure_get_unmatched (figure);

  for (guint i = 0; unmatched != NULL && i < unmatched->len; i++)
    cm_cli_warning ("export", _("no region named \"%s\" in the base map; "
                                "its announcements are not shaded"), (const char *) unmatched->pdata[i]);
}

/* The base map of a map: --basemap, else the bundled one. */
static gboolean
load_basemap (Options *o)
{
  g_autofree char *path = o->basemap ? g_strdup (o->basemap) : cm_view_data_default_basemap_path ();
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    {
      cm_cli_error ("export", _("the bundled base map is missing; give one with --basemap FILE"));
      return FALSE;
    }
  o->figure.basemap = cm_basemap_new_from_file (path, &error);
  if (o->figure.basemap == NULL)
    {
      cm_cli_error ("export", "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_stdout (const Options *o)
{
  return g_strcmp0 (o->output, "-") == 0;
}

static gboolean
parent_exists (const char *name)
{
  g_autoptr(GFile) output = g_file_new_for_commandline_arg (name);
  g_autoptr(GFile) parent = g_file_get_parent (output);

  if (parent != NULL && g_file_is_native (parent)
      && g_file_query_file_type (parent, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *folder = g_file_get_parse_name (parent);

      cm_cli_error ("export", _("%s: the folder “%s” does not exist"), name, folder);
      return FALSE;
    }
  return TRUE;
}

/* Opens the output before the dataset is read, so that a missing folder
 * or a FIFO in the way is reported at once, and by its own name. */
static CmAtomicFile *
open_output (const Options *o)
{
  const char *name = o->output;
  g_autoptr(GFile) output = g_file_new_for_commandline_arg (name);
  g_autoptr(GError) error = NULL;
  CmAtomicFile *file;

  if (!parent_exists (name))
    return NULL;
  file = cm_atomic_file_new (output, &error);
  if (file == NULL)
    cm_cli_error ("export", "%s: %s", name, error->message);
  return file;
}

static const char *
format_name (CmExportFormat format)
{
  return format == CM_EXPORT_PDF ? "PDF" : format == CM_EXPORT_SVG ? "SVG" : "PNG";
}

/* Writes the file, or reports why not; an earlier file stays unless the
 * new one is complete. */
static int
write_output (const Drawing    *d,
              CmAtomicFile     *file,
              CmExportFormat    format,
              CmExportWrapFunc  wrap,
              gpointer          wrap_data)
{
  const Options *o = d->o;
  const char *name = is_stdout (o) ? "standard output" : o->output;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) base = NULL;
  g_autoptr(GOutputStream) out = NULL;
  CmDataset *dataset = cm_figure_get_dataset (d->figure);
  g_autofree char *title = cm_export_figure_title (dataset, &o->figure);
  CmExportMeta meta = { o->png_dpi, title, cm_dataset_get_description (dataset) };

  base = file != NULL ? g_object_ref (cm_atomic_file_get_stream (file)) : g_unix_output_stream_new (1, FALSE);
  out = wrap ? wrap (base, wrap_data) : g_object_ref (base);
  if (!cm_export_write_page (out, format, o->figure.width, o->figure.height, &meta, draw, (gpointer) d, &error))
    {
      /* A drawing error names its own subject. */
      if (g_error_matches (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW))
        cm_cli_error ("export", "%s", error->message);
      else
        cm_cli_error ("export", "%s: %s", name, error->message);
      if (file != NULL)
        {
          cm_cli_error ("export", _("%s: could not be written; any earlier file is unchanged"), name);
          cm_atomic_file_abandon (file);
        }
      return 1;
    }
  if (file != NULL && !cm_atomic_file_commit (file, &error))
    {
      cm_cli_error ("export", "%s: %s", name, error->message);
      return 1;
    }
  if (file == NULL && !g_output_stream_flush (out, NULL, &error))
    {
      cm_cli_error ("export", "%s: %s", name, error->message);
      return 1;
    }
  if (!o->quiet && file != NULL)
    {
      if (format == CM_EXPORT_PNG)
        {
          int w, h;

          cm_export_png_size (o->figure.width, o->figure.height, o->png_dpi, &w, &h);
          printf (_("%s: %d×%d px PNG at %g dpi (%.0f×%.0f mm)\n"), o->output, w, h, o->png_dpi,
                  o->figure.width / CM_PAGE_PX_PER_MM, o->figure.height / CM_PAGE_PX_PER_MM);
        }
      else
        /* Translators: "out.pdf: PDF page of 297×210 mm". */
        printf (_("%s: %s page of %.0f×%.0f mm\n"), o->output, format_name (format),
                o->figure.width / CM_PAGE_PX_PER_MM, o->figure.height / CM_PAGE_PX_PER_MM);
    }
  return 0;
}

static gboolean
format_from_name (const char     *name,
                  CmExportFormat *format)
{
  if (g_ascii_strcasecmp (name, "png") == 0)
    *format = CM_EXPORT_PNG;
  else if (g_ascii_strcasecmp (name, "svg") == 0)
    *format = CM_EXPORT_SVG;
  else if (g_ascii_strcasecmp (name, "pdf") == 0)
    *format = CM_EXPORT_PDF;
  else
    return FALSE;
  return TRUE;
}

static gboolean
check_options (Options         *o,
               CmExportFormat  *format)
{
  const char *dot;
  int style = 0;

  if (o->view == NULL || strcmp (o->view, "both") == 0)
    o->figure.view = CM_FIGURE_VIEW_BOTH;
  else if (strcmp (o->view, "map") == 0)
    o->figure.view = CM_FIGURE_VIEW_MAP;
  else if (strcmp (o->view, "timeline") == 0)
    o->figure.view = CM_FIGURE_VIEW_TIMELINE;
  else if (strcmp (o->view, "adoption") == 0)
    o->figure.view = CM_FIGURE_VIEW_ADOPTION;
  else
    {
      cm_cli_error ("export", _("--view must be both, map, timeline or adoption (not \"%s\")"), o->view);
      return FALSE;
    }
  if (o->output == NULL)
    {
      cm_cli_error ("export", _("-o OUTPUT is required"));
      return FALSE;
    }
  o->animate = cm_cli_animate_given (&o->anim_args);
  if (o->animate)
    {
      if (o->format_name != NULL)
        {
          cm_cli_error ("export", _("--format is for a still figure; an animation's format is its output's"));
          return FALSE;
        }
      if (o->at != NULL)
        {
          cm_cli_error ("export", _("--animate moves the playhead itself; leave out --at"));
          return FALSE;
        }
      if (!cm_cli_animate_check (&o->anim_args, o->output, &o->anim))
        return FALSE;
      /* Sized in pixels, as the PNG. */
      *format = CM_EXPORT_PNG;
      if (o->page == NULL && o->width == 0 && o->height == 0)
        {
          o->width = 1280;
          o->height = 720;
        }
    }
  else if (o->format_name != NULL)
    {
      if (!format_from_name (o->format_name, format))
        {
          cm_cli_error ("export", _("--format must be png, svg or pdf (not \"%s\")"), o->format_name);
          return FALSE;
        }
    }
  else if (is_stdout (o))
    {
      cm_cli_error ("export", _("-o - writes to standard output and needs --format png, svg or pdf"));
      return FALSE;
    }
  else if ((dot = strrchr (o->output, '.')) == NULL || strchr (dot, '/') != NULL
           || !format_from_name (dot + 1, format))
    {
      cm_cli_error ("export", _("%s: the output must end in .png, .svg or .pdf"), o->output);
      return FALSE;
    }

  if (o->page != NULL && (o->width != 0 || o->height != 0))
    {
      cm_cli_error ("export", _("give --page or --width and --height, not both"));
      return FALSE;
    }
  if ((o->width != 0) != (o->height != 0))
    {
      cm_cli_error ("export", _("--width and --height go together"));
      return FALSE;
    }
  if (o->dpi != 0 && (o->dpi < 36 || o->dpi > 2400))
    {
      cm_cli_error ("export", _("--dpi must be 36 to 2400 (got %d)"), o->dpi);
      return FALSE;
    }
  if (o->dpi != 0 && *format != CM_EXPORT_PNG)
    {
      cm_cli_error ("export", _("--dpi applies to PNG only; SVG and PDF are sized by --page"));
      return FALSE;
    }
  if (o->width != 0)
    {
      if (o->width < 16 || o->width > 20000 || o->height < 16 || o->height > 20000)
        {
          cm_cli_error ("export", _("--width and --height must be 16 to 20000 (got %d×%d)"),
                   o->width, o->height);
          return FALSE;
        }
      /* Pixels at --dpi: 3508×2480 at 300 dpi is an A4 page. */
      o->png_dpi = o->dpi != 0 ? o->dpi : 96;
      o->figure.width = o->width * 96.0 / (*format == CM_EXPORT_PNG ? o->png_dpi : 96);
      o->figure.height = o->height * 96.0 / (*format == CM_EXPORT_PNG ? o->png_dpi : 96);
    }
  else
    {
      if (!cm_page_parse (o->page != NULL ? o->page : "a4-landscape", &o->figure.width, &o->figure.height))
        {
          cm_cli_error ("export", _("--page must be %s (not \"%s\")"), cm_page_names (), o->page);
          return FALSE;
        }
      /* A frame of an animation is for a screen. */
      o->png_dpi = o->dpi != 0 ? o->dpi : o->animate ? 96 : 300;
      if (*format == CM_EXPORT_PNG)
        {
          int w, h;

          cm_export_png_size (o->figure.width, o->figure.height, o->png_dpi, &w, &h);
          if (w > 20000 || h > 20000)
            {
              cm_cli_error ("export", _("%d×%d pixels is too large; lower --dpi"), w, h);
              return FALSE;
            }
        }
    }

  if (o->animate)
    {
      cm_export_png_size (o->figure.width, o->figure.height, o->png_dpi, &o->anim.width, &o->anim.height);
      /* WebP's limit. */
      if (o->anim.width > 16383 || o->anim.height > 16383)
        {
          cm_cli_error ("export", _("%d×%d pixels is too large for an animation; at most 16383 a side"),
                   o->anim.width, o->anim.height);
          return FALSE;
        }
      o->anim.scale = o->png_dpi / 96;
    }

  if (o->style != NULL)
    {
      if (strcmp (o->style, "light") == 0)
        style = 1;
      else if (strcmp (o->style, "dark") == 0)
        style = 2;
      else
        {
          cm_cli_error ("export", _("--style must be light or dark (not \"%s\")"), o->style);
          return FALSE;
        }
    }
  o->figure.dark = style == 2 || (style == 0 && o->dark);
  if (o->bare && o->figure.view == CM_FIGURE_VIEW_BOTH)
    {
      cm_cli_error ("export", _("--bare draws one view: give --view map or --view timeline"));
      return FALSE;
    }
  o->figure.compose = !o->bare;
  o->figure.title = o->title;
  o->figure.subtitle = o->subtitle;
  o->figure.caption = o->caption;
  o->figure.source = o->source;
  o->figure.no_title = o->no_title;
  o->figure.categories = (const char * const *) o->categories;
  o->figure.places = (const char * const *) o->places;
  o->figure.search = o->search;

  /* The settings' nicks, so that what the window shows can be asked for
   * by the same names. */
  return parse_choice ("--lanes", o->lanes, CM_TYPE_LANE_MODE, lane_aliases, (int *) &o->figure.lanes)
         && parse_choice ("--color-by", o->color_by, CM_TYPE_MAP_COLOR, NULL, (int *) &o->figure.color)
         && parse_choice ("--projection", o->projection, CM_TYPE_MAP_PROJECTION, NULL,
                          (int *) &o->figure.projection)
         && parse_choice ("--lang", o->language, CM_TYPE_LABEL_LANGUAGE, language_aliases,
                          (int *) &o->figure.language);
}

static gboolean
check_times (Options *o)
{
  gint64 from = 0, to = 0;

  if ((o->from && !parse_time (o->from, FALSE, &from)) || (o->to && !parse_time (o->to, TRUE, &to))
      || (o->at && !parse_time (o->at, FALSE, &o->figure.at)))
    {
      cm_cli_error ("export", _("--from, --to and --at take ISO dates such as 2021, 2021-11 or 2021-11-15"));
      return FALSE;
    }
  if (o->from && !o->to)
    to = CM_DATE_TIME_MAX;
  if (o->to && !o->from)
    from = CM_DATE_TIME_MIN;
  if ((o->from || o->to) && from >= to)
    {
      cm_cli_error ("export", _("--from must come before --to"));
      return FALSE;
    }
  o->figure.from = from;
  o->figure.to = to;
  o->figure.has_at = o->at != NULL;
  return TRUE;
}

static void
print_usage (void)
{
  /* Translators: keep the options as they are; FILE, OUT, SIZE, PX, N,
   * TEXT, DATE, ID, GEOJSON, START, END, S and DIR may be translated. */
  fprintf (stderr, _("Usage: chronomap export FILE -o OUT.png|svg|pdf [--view both|map|timeline|adoption] "
           "[--page SIZE | --width PX --height PX] [--dpi N] [--title TEXT] [--subtitle TEXT] "
           "[--caption TEXT] [--source TEXT] [--no-title] [--bare] [--from DATE] [--to DATE] [--at DATE] "
           "[--category ID]… [--place ID]… [--search TEXT] [--lanes by-category|by-place|single] "
           "[--color-by category|first-date] [--projection auto|albers|equal-earth|mercator] [--lang en|zh|auto] [--style light|dark] "
           "[--basemap GEOJSON] [--quiet]\n"
           "       chronomap export FILE --animate START..END --step 1d|1w|1m|1q|1y [--fps N] [--hold S] "
           "-o OUT.webp|OUT.gif|DIR/ [the options above but --at and --format]\n"));
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
  g_autoptr(CmAtomicFile) file = NULL;
  Options o = { .anim_args = CM_CLI_ANIMATE_INIT };
  g_auto(CmCliMapping) mapping = { { { NULL } } };
  CmExportFormat format = CM_EXPORT_PNG;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output,
      N_("The file to write: .png, .svg or .pdf (any case), or - for standard output with --format"), N_("OUT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &o.format_name, N_("png, svg or pdf; else from the extension"), N_("FORMAT") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &o.view, N_("both (the map above the timeline), map, timeline or adoption (the places that have announced by each date); both"), N_("VIEW") },
    { "page", 0, 0, G_OPTION_ARG_STRING, &o.page,
      N_("a4, a3, a5, letter (each also -landscape), WxHmm or WxHin; a4-landscape"), N_("SIZE") },
    { "dpi", 0, 0, G_OPTION_ARG_INT, &o.dpi, N_("PNG resolution, 36 to 2400; 300 with --page, 96 with --width"), N_("N") },
    { "width", 0, 0, G_OPTION_ARG_INT, &o.width, N_("Width in pixels instead of --page (with --height)"), N_("PX") },
    { "height", 0, 0, G_OPTION_ARG_INT, &o.height, N_("Height in pixels"), N_("PX") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &o.title, N_("Title; the dataset's"), N_("TEXT") },
    { "subtitle", 0, 0, G_OPTION_ARG_STRING, &o.subtitle, N_("Subtitle; the period and the filters shown"), N_("TEXT") },
    { "caption", 0, 0, G_OPTION_ARG_STRING, &o.caption, N_("A caption under the figure"), N_("TEXT") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &o.source, N_("Source line; the dataset's sources"), N_("TEXT") },
    { "no-title", 0, 0, G_OPTION_ARG_NONE, &o.no_title, N_("Neither title nor subtitle"), NULL },
    { "bare", 0, 0, G_OPTION_ARG_NONE, &o.bare,
      N_("The one view as the window draws it, with nothing around it"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, N_("Start of the time range shown (ISO date, any precision)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &o.to, N_("End of the time range shown (ISO date, inclusive)"), N_("DATE") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &o.at, N_("The playhead: counts up to this date"), N_("DATE") },
    { "category", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.categories, N_("Show only this category (repeatable)"), N_("ID") },
    { "place", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.places, N_("Show only this place and the places in it (repeatable)"), N_("ID") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &o.search, N_("Show only announcements that match, as the window's search"), N_("TEXT") },
    { "lanes", 0, 0, G_OPTION_ARG_STRING, &o.lanes,
      N_("Timeline lanes: by-category (or category), by-place (or place) or single"), N_("MODE") },
    { "color-by", 0, 0, G_OPTION_ARG_STRING, &o.color_by, N_("Map markers: category or first-date"), N_("MODE") },
    { "projection", 0, 0, G_OPTION_ARG_STRING, &o.projection,
      N_("Map projection: auto (from the data), albers, equal-earth or mercator"), N_("NAME") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &o.language,
      N_("Labels and words: en (english), zh (local) or auto, from the locale; en"), N_("LANG") },
    { "style", 0, 0, G_OPTION_ARG_STRING, &o.style, N_("light or dark; light"), N_("STYLE") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &o.dark, N_("The same as --style dark"), NULL },
    { "basemap", 0, 0, G_OPTION_ARG_FILENAME, &o.basemap, N_("GeoJSON polygons to draw under the map"), N_("FILE") },
    { "animate", 0, 0, G_OPTION_ARG_STRING, &o.anim_args.animate,
      N_("The diffusion as frames, the playhead at START, START+STEP, … up to END: -o OUT.webp, OUT.gif "
      "or DIR/ (frame-0001.png …); 1280×720 px unless --width/--height or --page"), N_("START..END") },
    { "step", 0, 0, G_OPTION_ARG_STRING, &o.anim_args.step,
      N_("Time between frames: N and d, w, m, q or y (1d, 2w, 1m, 1q, 1y)"), N_("STEP") },
    { "fps", 0, 0, G_OPTION_ARG_DOUBLE, &o.anim_args.fps, N_("Frames a second of a .webp or .gif, up to 50; 4"), N_("N") },
    { "hold", 0, 0, G_OPTION_ARG_DOUBLE, &o.anim_args.hold, N_("Seconds the last frame stays, 0 to 600; 2"), N_("S") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &o.quiet, N_("Print nothing but warnings and errors"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  int status;

  cm_figure_options_init (&o.figure);
  /* Marked only: the context translates them through its domain. */
  context = g_option_context_new (N_("FILE"));
  g_option_context_set_summary (context, N_("Draws a report figure of a dataset — its map and timeline, titled, "
                                            "with a legend and its sources — as PNG, SVG or PDF, with no display; or, with "
                                            "--animate, its diffusion as an animated WebP, a GIF or a PNG series."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_group (context, cm_cli_mapping_group (&mapping, TRUE));
  if (!g_option_context_parse (context, &argc, &argv, &error) || !cm_cli_mapping_check (&mapping, &error))
    {
      cm_cli_error ("export", "%s", error->message);
      print_usage ();
      options_clear (&o);
      return 2;
    }
  if (files == NULL || files[0] == NULL || files[1] != NULL || !check_options (&o, &format) || !check_times (&o))
    {
      if (files == NULL || files[0] == NULL || files[1] != NULL)
        cm_cli_error ("export", _("give exactly one dataset"));
      print_usage ();
      options_clear (&o);
      return 2;
    }

  cm_atomic_file_remove_on_signal ();
  if (o.animate ? !parent_exists (o.output) : !is_stdout (&o) && (file = open_output (&o)) == NULL)
    {
      options_clear (&o);
      return 1;
    }

  input = g_file_new_for_commandline_arg (files[0]);
  dataset = cm_loader_load_file_with_options (input, files[0], cm_cli_mapping_options (&mapping), &diags,
                                              NULL, NULL, NULL, &error);
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
      cm_cli_error ("export", "%s", error->message);
      options_clear (&o);
      return 1;
    }
  /* An import that lost rows says so: the figure shows fewer than the file has. */
  {
    g_autofree char *skipped = cm_dataset_format_import_summary (dataset);

    if (skipped != NULL)
      cm_cli_error ("export", "%s: warning: %s", files[0], skipped);
  }
  if (!cm_export_figure_check (dataset, &o.figure, &error))
    {
      cm_cli_error ("export", "%s: %s", files[0], error->message);
      options_clear (&o);
      return 1;
    }

  if (cm_figure_view_has_map (o.figure.view) && !load_basemap (&o))
    {
      if (!is_stdout (&o))
        cm_cli_error ("export", _("%s: could not be written; any earlier file is unchanged"), o.output);
      options_clear (&o);
      return 1;
    }
  {
    g_autoptr(CmFigure) figure = cm_figure_new (dataset, &o.figure);
    Drawing d = { figure, &o };
    g_autofree char *left_out = cm_figure_get_left_out_note (figure);

    if (cm_figure_get_n_shown (figure) == 0)
      {
        g_autofree char *period = cm_figure_get_period_text (figure);

        cm_cli_warning ("export", _("no announcement from %s passes the filters; "
                                    "the figure says so"), period);
      }
    /* Said on stderr and in the figure's footer: a reader of the figure
     * must not take the map for all of the data. */
    if (left_out != NULL)
      {
        cm_cli_warning ("export", "%s", left_out);
        if (o.figure.footer_note == NULL)
          cm_figure_set_footer_note (figure, left_out);
      }
    warn_unmatched (figure);
    if (o.animate)
      status = cm_cli_animate_write (figure, &o.anim, o.output, o.quiet);
    else
      status = write_output (&d, file, format, wrap, wrap_data);
  }
  options_clear (&o);
  return status;
}
