/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gif_lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <webp/demux.h>

#include "cm-animation.h"
#include "cm-date.h"
#include "cm-figure.h"
#include "cm-loader.h"
#include "cm-test-png.h"
#include "cm-test-export.h"
#include "cm-time-ticks.h"
#include "cm-view-data.h"

/* The diffusion as frames (cm-animation.h): steps by the calendar, frame
 * counts, sizes and timing of the WebP (read back with libwebpdemux), the
 * GIF (giflib's DGifSlurp) and the PNG series; the first frame shows no
 * place and the last all of them, in their pixels; a cancelled animation
 * leaves nothing and an earlier file as it was. No display. */

static CmDataset *dataset;
static CmBasemap *basemap;

#define W 640
#define H 480
/* The sample runs from November 2021 to 14 April 2023: one frame a month
 * from before it to after it. */
#define START "2021-10-01"
#define END   "2023-05-01"
#define N_FRAMES 20

static gint64
day (const char *iso)
{
  CmDate date;

  g_assert_true (cm_date_parse (iso, strlen (iso), &date, NULL));
  return date.start;
}

static void
test_steps (void)
{
  CmAnimationStep step;

  g_assert_true (cm_animation_step_parse ("1d", &step));
  g_assert_cmpuint (step.n, ==, 1);
  g_assert_cmpint (step.unit, ==, CM_STEP_DAY);
  g_assert_true (cm_animation_step_parse ("2w", &step));
  g_assert_cmpint (step.unit, ==, CM_STEP_WEEK);
  g_assert_true (cm_animation_step_parse ("3q", &step));
  g_assert_cmpuint (step.n, ==, 3);
  g_assert_cmpint (step.unit, ==, CM_STEP_QUARTER);
  g_assert_true (cm_animation_step_parse ("1y", &step));
  g_assert_cmpint (step.unit, ==, CM_STEP_YEAR);
  for (guint i = 0; i < 9; i++)
    {
      const char *bad[] = { "", "d", "0m", "1", "1x", "1mm", "-1d", "1 d", "99999999999d" };

      g_assert_false (cm_animation_step_parse (bad[i], &step));
    }
}

static void
test_frame_times (void)
{
  CmAnimationStep month = { 1, CM_STEP_MONTH }, quarter = { 1, CM_STEP_QUARTER }, week = { 1, CM_STEP_WEEK };
  CmAnimationStep daily = { 1, CM_STEP_DAY };

  /* A month after 31 January is the last of February, and the day comes
   * back after it. */
  g_assert_cmpint (cm_animation_frame_time (day ("2023-01-31"), &month, 1), ==, day ("2023-02-28"));
  g_assert_cmpint (cm_animation_frame_time (day ("2023-01-31"), &month, 2), ==, day ("2023-03-31"));
  g_assert_cmpint (cm_animation_frame_time (day ("2024-01-31"), &month, 1), ==, day ("2024-02-29"));
  g_assert_cmpint (cm_animation_frame_time (day ("2022-11-15"), &quarter, 1), ==, day ("2023-02-15"));
  g_assert_cmpint (cm_animation_frame_time (day ("2022-12-30"), &week, 1), ==, day ("2023-01-06"));
  g_assert_cmpuint (cm_animation_count_frames (day (START), day (END), &month, 2000), ==, N_FRAMES);
  g_assert_cmpuint (cm_animation_count_frames (day ("2021-11-01"), day ("2023-04-01"), &month, 2000), ==, 18);
  g_assert_cmpuint (cm_animation_count_frames (day ("2023-01-01"), day ("2023-01-01"), &month, 2000), ==, 1);
  g_assert_cmpuint (cm_animation_count_frames (day ("2023-01-02"), day ("2023-01-01"), &month, 2000), ==, 0);
  /* Past the limit: one more than it, however many more. */
  g_assert_cmpuint (cm_animation_count_frames (day ("2000-01-01"), day ("2023-01-01"), &daily, 2000), ==, 2001);
}

static CmFigure *
new_figure (void)
{
  CmFigureOptions o;

  cm_figure_options_init (&o);
  o.view = CM_FIGURE_VIEW_MAP;
  o.compose = FALSE;
  o.width = W;
  o.height = H;
  o.basemap = basemap;
  return cm_figure_new (dataset, &o);
}

static CmAnimationOptions
animation (CmAnimationFormat format)
{
  return (CmAnimationOptions) {
    .format = format,
    .start = day (START),
    .end = day (END),
    .step = { 1, CM_STEP_MONTH },
    .fps = 4,
    .hold = 2,
    .width = W,
    .height = H,
    .scale = 1,
  };
}

/* Where the figure puts the places the map can point at. */
static GArray *
place_points (void)
{
  g_autoptr(CmFigure) figure = new_figure ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);
  GArray *points = g_array_new (FALSE, FALSE, sizeof (double));

  cm_figure_set_frame_mode (figure, TRUE);
  cm_figure_set_playhead (figure, TRUE, day (START));
  g_assert_true (cm_figure_draw (figure, cr, NULL));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  for (guint p = 0; p < cm_dataset_get_n_places (dataset); p++)
    {
      double x, y;

      if (cm_figure_place_position (figure, p, &x, &y) && x >= 6 && y >= 6 && x < W - 6 && y < H - 6)
        {
          g_array_append_val (points, x);
          g_array_append_val (points, y);
        }
    }
  /* The sample's cities, less those off the frame. */
  g_assert_cmpuint (points->len / 2, >=, 4);
  return points;
}

/* Frames as 0xRRGGBB pixels, row after row. */
static guint32 *
from_rgba (const guint8 *rgba)
{
  guint32 *pixels = g_new (guint32, W * H);

  for (gsize i = 0; i < (gsize) W * H; i++)
    pixels[i] = (guint32) rgba[4 * i] << 16 | (guint32) rgba[4 * i + 1] << 8 | rgba[4 * i + 2];
  return pixels;
}

static guint32 *
from_surface (cairo_surface_t *surface)
{
  guint32 *pixels = g_new (guint32, W * H);

  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      pixels[y * W + x] = ((const guint32 *) (cairo_image_surface_get_data (surface)
                                              + y * cairo_image_surface_get_stride (surface)))[x] & 0xffffff;
  return pixels;
}

static gboolean
near (guint32 a,
      guint32 b,
      int     tolerance)
{
  for (int s = 0; s < 24; s += 8)
    if (abs ((int) ((a >> s) & 0xff) - (int) ((b >> s) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

/* Pixels of @frame in a category's colour: the markers' fill. */
static guint
category_pixels (const guint32 *frame,
                 int            x0,
                 int            y0,
                 int            x1,
                 int            y1)
{
  guint n = 0;

  for (int y = MAX (y0, 0); y < MIN (y1, H); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, W); x++)
      for (guint c = 0; c < cm_dataset_get_n_categories (dataset); c++)
        if (near (frame[y * W + x], cm_dataset_get_category (dataset, c)->color, 40))
          {
            n++;
            break;
          }
  return n;
}

/* Pixels of a strong colour: a marker, or a faded one (the grey ghost
 * of a place still to come); the base map is pale, its lines grey. */
static guint
strong_pixels (const guint32 *frame,
               int            x0,
               int            y0,
               int            x1,
               int            y1)
{
  guint n = 0;

  for (int y = MAX (y0, 0); y < MIN (y1, H); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, W); x++)
      {
        guint32 p = frame[y * W + x];
        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
        int hi = MAX (r, MAX (g, b)), lo = MIN (r, MIN (g, b));

        n += hi > 40 && (hi - lo) * 100 > 35 * hi;
      }
  return n;
}

/* The first frame, before any announcement, has no mark; the last marks
 * every place: around each, some pixels turn a category's colour and
 * many change. @tolerance: what quantization may change. */
static void
check_marks (const guint32 *first,
             const guint32 *last,
             int            tolerance)
{
  g_autoptr(GArray) points = place_points ();

  for (guint i = 0; i < points->len; i += 2)
    {
      int cx = (int) g_array_index (points, double, i), cy = (int) g_array_index (points, double, i + 1);
      guint changed = 0;

      g_assert_cmpuint (strong_pixels (first, cx - 8, cy - 8, cx + 9, cy + 9), ==, 0);

      for (int y = cy - 5; y <= cy + 5; y++)
        for (int x = cx - 5; x <= cx + 5; x++)
          changed += !near (first[y * W + x], last[y * W + x], tolerance);
      g_assert_cmpuint (changed, >=, 20);
      g_assert_cmpuint (category_pixels (last, cx - 5, cy - 5, cx + 6, cy + 6), >, 0);
    }
}

static void
count_progress (guint    done,
                guint    n_frames,
                gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (n_frames, ==, N_FRAMES);
  g_assert_cmpuint (done, ==, *calls + 1);
  (*calls)++;
}

static char *
write_animation (CmAnimationFormat format,
                 const char       *name)
{
  g_autoptr(CmFigure) figure = new_figure ();
  g_autofree char *dir = g_dir_make_tmp ("cm-animation-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CmAnimationOptions o = animation (format);
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  g_assert_true (cm_animation_write (figure, &o, file, count_progress, &calls, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, N_FRAMES);
  return path;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_remove (path);
}

static void
test_webp (void)
{
  g_autofree char *path = write_animation (CM_ANIMATION_WEBP, "a.webp");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *bytes = NULL;
  g_autofree guint32 *first = NULL;
  g_autofree guint32 *last = NULL;
  WebPAnimDecoderOptions options;
  WebPAnimDecoder *decoder;
  WebPAnimInfo info;
  WebPData data;
  gsize length;
  int timestamp = 0, previous = 0;
  guint frame = 0;

  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  data = (WebPData) { (const uint8_t *) bytes, length };
  g_assert_true (WebPAnimDecoderOptionsInit (&options));
  options.color_mode = MODE_RGBA;
  decoder = WebPAnimDecoderNew (&data, &options);
  g_assert_nonnull (decoder);
  g_assert_true (WebPAnimDecoderGetInfo (decoder, &info));
  g_assert_cmpuint (info.frame_count, ==, N_FRAMES);
  g_assert_cmpuint (info.canvas_width, ==, W);
  g_assert_cmpuint (info.canvas_height, ==, H);
  g_assert_cmpuint (info.loop_count, ==, 0);
  while (WebPAnimDecoderHasMoreFrames (decoder))
    {
      uint8_t *canvas;

      previous = timestamp;
      g_assert_true (WebPAnimDecoderGetNext (decoder, &canvas, &timestamp));
      if (frame == 0)
        first = from_rgba (canvas);
      if (frame == N_FRAMES - 1)
        last = from_rgba (canvas);
      /* A frame lasts 1/4 s, the last 2 s more. */
      g_assert_cmpint (timestamp - previous, ==, frame == N_FRAMES - 1 ? 2250 : 250);
      frame++;
    }
  g_assert_cmpuint (frame, ==, N_FRAMES);
  WebPAnimDecoderDelete (decoder);
  /* Lossless: exact colours. */
  check_marks (first, last, 8);
  remove_tree (dir);
}

static void
composite (GifFileType *gif,
           int          i,
           guint8      *canvas)
{
  const SavedImage *image = &gif->SavedImages[i];
  const GifImageDesc *d = &image->ImageDesc;
  const ColorMapObject *map = d->ColorMap != NULL ? d->ColorMap : gif->SColorMap;

  for (int y = 0; y < d->Height; y++)
    for (int x = 0; x < d->Width; x++)
      {
        const GifColorType *c = &map->Colors[image->RasterBits[y * d->Width + x]];
        guint8 *p = canvas + ((gsize) (d->Top + y) * W + d->Left + x) * 4;

        p[0] = c->Red, p[1] = c->Green, p[2] = c->Blue, p[3] = 255;
      }
}

static void
test_gif (void)
{
  g_autofree char *path = write_animation (CM_ANIMATION_GIF, "a.gif");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree guint8 *canvas = g_malloc0 (W * H * 4);
  g_autofree guint32 *first = NULL;
  g_autofree guint32 *last = NULL;
  GifFileType *gif;
  int error = 0, total = 0;

  gif = DGifOpenFileName (path, &error);
  g_assert_nonnull (gif);
  g_assert_cmpint (DGifSlurp (gif), ==, GIF_OK);
  g_assert_cmpint (gif->ImageCount, ==, N_FRAMES);
  g_assert_cmpint (gif->SWidth, ==, W);
  g_assert_cmpint (gif->SHeight, ==, H);
  /* One palette for all the frames. */
  g_assert_nonnull (gif->SColorMap);
  for (int i = 0; i < gif->ImageCount; i++)
    {
      GraphicsControlBlock gcb;

      g_assert_null (gif->SavedImages[i].ImageDesc.ColorMap);
      g_assert_cmpint (DGifSavedExtensionToGCB (gif, i, &gcb), ==, GIF_OK);
      g_assert_cmpint (gcb.DelayTime, ==, i == N_FRAMES - 1 ? 225 : 25);
      total += gcb.DelayTime;
      composite (gif, i, canvas);
      if (i == 0)
        first = from_rgba (canvas);
      if (i == N_FRAMES - 1)
        last = from_rgba (canvas);
    }
  g_assert_cmpint (total, ==, N_FRAMES * 25 + 200);
  DGifCloseFile (gif, &error);
  /* One palette, no dithering: the same colour stays the same. */
  check_marks (first, last, 8);
  remove_tree (dir);
}

static void
test_series (void)
{
  g_autofree char *path = write_animation (CM_ANIMATION_PNG_SERIES, "frames");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) folder = g_dir_open (path, 0, NULL);
  g_autofree guint32 *first = NULL;
  g_autofree guint32 *last = NULL;
  guint n = 0;

  while (g_dir_read_name (folder) != NULL)
    n++;
  g_assert_cmpuint (n, ==, N_FRAMES);
  for (guint k = 1; k <= N_FRAMES; k++)
    {
      g_autofree char *name = g_strdup_printf ("frame-%04u.png", k);
      g_autofree char *file = g_build_filename (path, name, NULL);
      cairo_surface_t *png = cairo_image_surface_create_from_png (file);
      g_autofree char *bytes = NULL;
      gsize size;
      g_autoptr(GBytes) data = NULL;
      CmTestPngChunks chunks;

      g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
      /* Opaque, so RGB (colour type 2), at scale 1: 96 dpi, 3780 a metre. */
      g_assert_true (g_file_get_contents (file, &bytes, &size, NULL));
      data = g_bytes_new_take (g_steal_pointer (&bytes), size);
      chunks = cm_test_png_chunks_read (data);
      g_assert_cmpuint (chunks.colour_type, ==, 2);
      g_assert_cmpuint (chunks.ppm, ==, 3780);
      cm_test_png_chunks_clear (&chunks);
      g_assert_cmpint (cairo_image_surface_get_width (png), ==, W);
      g_assert_cmpint (cairo_image_surface_get_height (png), ==, H);
      if (k == 1)
        first = from_surface (png);
      if (k == N_FRAMES)
        last = from_surface (png);
      cairo_surface_destroy (png);
    }
  check_marks (first, last, 8);
  /* Nothing else beside it: the temporary folder is gone. */
  g_dir_close (g_steal_pointer (&folder));
  folder = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (folder), ==, "frames");
  g_assert_null (g_dir_read_name (folder));
  remove_tree (dir);
}

/* A series into a folder that holds one already: the new frames replace
 * the old, the old ones past the new last go, other files stay. */
static void
test_series_over (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-animation-XXXXXX", NULL);
  g_autofree char *frames = g_build_filename (dir, "frames", NULL);
  g_autofree char *stale = g_build_filename (frames, "frame-0099.png", NULL);
  g_autofree char *mine = g_build_filename (frames, "notes.txt", NULL);
  g_autofree char *first = g_build_filename (frames, "frame-0001.png", NULL);
  g_autoptr(CmFigure) figure = new_figure ();
  g_autoptr(GFile) file = g_file_new_for_path (frames);
  CmAnimationOptions o = animation (CM_ANIMATION_PNG_SERIES);
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;

  g_assert_cmpint (g_mkdir (frames, 0755), ==, 0);
  g_assert_true (g_file_set_contents (stale, "old", -1, NULL));
  g_assert_true (g_file_set_contents (mine, "keep", -1, NULL));
  g_assert_true (g_file_set_contents (first, "old", -1, NULL));
  o.end = day ("2021-12-01");
  g_assert_true (cm_animation_write (figure, &o, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (mine, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (first, &head, NULL, NULL));
  g_assert_true (g_str_has_prefix (head, "\x89PNG"));
  remove_tree (dir);
}

typedef struct
{
  GCancellable *cancellable;
  guint         at;
} Cancel;

static void
cancel_at (guint    done,
           guint    n_frames,
           gpointer user_data)
{
  Cancel *c = user_data;

  if (done == c->at)
    g_cancellable_cancel (c->cancellable);
}

/* Cancelled after the third frame: an error, the earlier file or folder
 * as it was, and no temporary file or folder left beside it. */
static void
test_cancel (gconstpointer data)
{
  CmAnimationFormat format = GPOINTER_TO_INT (data);
  g_autofree char *dir = g_dir_make_tmp ("cm-animation-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, format == CM_ANIMATION_PNG_SERIES ? "frames" : "a.out", NULL);
  g_autofree char *marker = format == CM_ANIMATION_PNG_SERIES ? g_build_filename (path, "old.txt", NULL)
                                                                : g_strdup (path);
  g_autoptr(CmFigure) figure = new_figure ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CmAnimationOptions o = animation (format);
  Cancel c = { cancellable, 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *content = NULL;

  if (format == CM_ANIMATION_PNG_SERIES)
    g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  g_assert_true (g_file_set_contents (marker, "earlier", -1, NULL));
  g_assert_false (cm_animation_write (figure, &o, file, cancel_at, &c, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (marker, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "earlier");
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, format == CM_ANIMATION_PNG_SERIES ? "frames" : "a.out");
  g_assert_null (g_dir_read_name (listing));
  if (format == CM_ANIMATION_PNG_SERIES)
    {
      g_autoptr(GDir) inside = g_dir_open (path, 0, NULL);

      g_assert_cmpstr (g_dir_read_name (inside), ==, "old.txt");
      g_assert_null (g_dir_read_name (inside));
    }
  remove_tree (dir);
}

/* A frame draws only what a redraw costs: the playhead moves, the data
 * stays. Drawn twice at one playhead, a frame is the same to the pixel,
 * whatever was drawn between. */
static void
test_frames_repeat (void)
{
  g_autoptr(CmFigure) figure = new_figure ();
  cairo_surface_t *a = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_surface_t *b = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr;

  cm_figure_set_frame_mode (figure, TRUE);
  cm_figure_set_playhead (figure, TRUE, day ("2022-01-06"));
  cr = cairo_create (a);
  g_assert_true (cm_figure_draw (figure, cr, NULL));
  cairo_destroy (cr);
  g_assert_cmpuint (cm_figure_get_n_shown (figure), ==, 6);
  cm_figure_set_playhead (figure, TRUE, day ("2023-05-01"));
  cr = cairo_create (b);
  g_assert_true (cm_figure_draw (figure, cr, NULL));
  cairo_destroy (cr);
  g_assert_cmpuint (cm_figure_get_n_shown (figure), ==, 10);
  cm_figure_set_playhead (figure, TRUE, day ("2022-01-06"));
  cr = cairo_create (b);
  g_assert_true (cm_figure_draw (figure, cr, NULL));
  cairo_destroy (cr);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  g_assert_cmpint (memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                           (gsize) cairo_image_surface_get_stride (a) * H), ==, 0);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cm_test_load_sample_and_basemap (&dataset, &basemap);

  g_test_add_func ("/animation/steps", test_steps);
  g_test_add_func ("/animation/frame-times", test_frame_times);
  g_test_add_func ("/animation/frames-repeat", test_frames_repeat);
  g_test_add_func ("/animation/webp", test_webp);
  g_test_add_func ("/animation/gif", test_gif);
  g_test_add_func ("/animation/series", test_series);
  g_test_add_func ("/animation/series-over", test_series_over);
  g_test_add_data_func ("/animation/cancel/webp", GINT_TO_POINTER (CM_ANIMATION_WEBP), test_cancel);
  g_test_add_data_func ("/animation/cancel/gif", GINT_TO_POINTER (CM_ANIMATION_GIF), test_cancel);
  g_test_add_data_func ("/animation/cancel/series", GINT_TO_POINTER (CM_ANIMATION_PNG_SERIES), test_cancel);
  status = g_test_run ();
  g_clear_object (&dataset);
  g_clear_object (&basemap);
  return status;
}
