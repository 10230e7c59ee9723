/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <cairo.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cm-atomic-file.h"
#include "cm-cli.h"
#include "cm-export-write.h"

/* Exports fail half-way (a stream that runs out of space after N bytes) over
 * an existing file: the old file must stay byte for byte, no temporary file
 * may be left behind, and the failure must be reported. */

/* Passes the first `limit` bytes to `base`, then fails as a full disk does.
 * It never closes `base`: the export decides whether that file is kept. */
#define CM_TYPE_FAILING_STREAM (cm_failing_stream_get_type ())
G_DECLARE_FINAL_TYPE (CmFailingStream, cm_failing_stream, CM, FAILING_STREAM, GOutputStream)

struct _CmFailingStream
{
  GOutputStream  parent_instance;
  GOutputStream *base;
  gsize          limit;
  gsize          passed;   /* bytes written to base */
  guint          refused;  /* writes that failed */
};

G_DEFINE_FINAL_TYPE (CmFailingStream, cm_failing_stream, G_TYPE_OUTPUT_STREAM)

typedef struct
{
  const char *ext;
  const char *magic;
  gsize       magic_len;
  const char *tail;        /* how a complete file ends; NULL for PNG (decoded instead) */
} Format;

static const Format formats[] = {
  { "png", "\x89PNG\r\n\x1a\n", 8, NULL },
  { "svg", "<?xml", 5, "</svg>\n" },
  { "pdf", "%PDF-", 5, "%%EOF\n" },
};

static gssize
cm_failing_stream_write (GOutputStream  *stream,
                         const void     *buffer,
                         gsize           count,
                         GCancellable   *cancellable,
                         GError        **error)
{
  CmFailingStream *self = CM_FAILING_STREAM (stream);
  gssize n;

  if (self->passed >= self->limit)
    {
      self->refused++;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   "No space left on device (test stream, after %" G_GSIZE_FORMAT " bytes)", self->limit);
      return -1;
    }
  /* A short write first, as a real disk gives, so the bytes up to the limit
   * do reach the temporary file. */
  n = g_output_stream_write (self->base, buffer, MIN (count, self->limit - self->passed), cancellable, error);
  if (n > 0)
    self->passed += (gsize) n;
  return n;
}

static void
cm_failing_stream_dispose (GObject *object)
{
  g_clear_object (&CM_FAILING_STREAM (object)->base);
  G_OBJECT_CLASS (cm_failing_stream_parent_class)->dispose (object);
}

static void
cm_failing_stream_class_init (CmFailingStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cm_failing_stream_dispose;
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = cm_failing_stream_write;
}

static void
cm_failing_stream_init (CmFailingStream *self)
{
}

static CmFailingStream *
cm_failing_stream_new (GOutputStream *base,
                       gsize          limit)
{
  CmFailingStream *self = g_object_new (CM_TYPE_FAILING_STREAM, NULL);

  self->base = g_object_ref (base);
  self->limit = limit;
  return self;
}

typedef struct
{
  gsize            limit;
  CmFailingStream *stream;   /* the one the export wrote through */
} Failure;

static GOutputStream *
wrap_failing (GOutputStream *base,
              gpointer       user_data)
{
  Failure *failure = user_data;

  g_clear_object (&failure->stream);
  failure->stream = cm_failing_stream_new (base, failure->limit);
  return g_object_ref (G_OUTPUT_STREAM (failure->stream));
}

/* Runs `chronomap export` on the sample, through @failure if not NULL, and
 * returns its exit status and what it printed. */
static int
export (const char  *view,
        const char  *path,
        Failure     *failure,
        char       **printed)
{
  g_autofree char *sample = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "samples",
                                              "metaverse-cn-2021-2023.json", NULL);
  g_autofree char *log_path = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "export", sample, "--view", view, "-o", path, "--width", "800", "--height", "450", NULL };
  int log_fd, saved_fd, status;

  log_fd = g_file_open_tmp ("cm-export-stderr-XXXXXX", &log_path, &error);
  g_assert_no_error (error);
  fflush (stderr);
  saved_fd = dup (STDERR_FILENO);
  g_assert_cmpint (dup2 (log_fd, STDERR_FILENO), ==, STDERR_FILENO);
  status = cm_cli_export_with_wrap ((int) G_N_ELEMENTS (argv) - 1, (char **) argv,
                                    failure ? wrap_failing : NULL, failure);
  fflush (stderr);
  dup2 (saved_fd, STDERR_FILENO);
  close (saved_fd);
  close (log_fd);
  g_clear_pointer (printed, g_free);
  g_assert_true (g_file_get_contents (log_path, printed, NULL, NULL));
  g_unlink (log_path);
  if (**printed != '\0')
    g_test_message ("export printed: %s", *printed);
  return status;
}

/* The names in @dir, sorted and joined with spaces, hidden ones included. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static GBytes *
old_content (void)
{
  GByteArray *bytes = g_byte_array_new ();

  /* Binary, with NULs, and longer than some of the failing writes. */
  for (guint i = 0; i < 6000; i++)
    {
      guint8 b = (guint8) ((i * 7u + 3u) % 251u);
      g_byte_array_append (bytes, &b, 1);
    }
  return g_byte_array_free_to_bytes (bytes);
}

static void
assert_file_is (const char *path,
                GBytes     *expected)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpmem (data, len, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

/* A complete file of @format: its magic bytes, and its end (or, for PNG,
 * cairo decodes it). Returns its size. */
static gsize
assert_complete (const char   *path,
                 const Format *format)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, format->magic_len);
  g_assert_cmpmem (data, format->magic_len, format->magic, format->magic_len);
  if (format->tail != NULL)
    {
      gsize tail_len = strlen (format->tail);

      /* By length: a PDF holds NULs. */
      g_assert_cmpuint (len, >, tail_len);
      g_assert_cmpmem (data + len - tail_len, tail_len, format->tail, tail_len);
    }
  else
    {
      cairo_surface_t *image = cairo_image_surface_create_from_png (path);

      g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, 800);
      cairo_surface_destroy (image);
    }
  return len;
}

/* One failing export over @path, which holds @old: nothing may change. */
static void
assert_fails_cleanly (const char   *view,
                      const char   *dir,
                      const char   *path,
                      GBytes       *old,
                      gsize         limit)
{
  g_autofree char *printed = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *name = g_path_get_basename (path);
  Failure failure = { limit, NULL };
  int status;

  g_test_message ("%s to %s failing after %" G_GSIZE_FORMAT " bytes", view, name, limit);
  status = export (view, path, &failure, &printed);
  /* The failure really happened, after exactly @limit bytes went through. */
  g_assert_nonnull (failure.stream);
  g_assert_cmpuint (failure.stream->refused, >, 0);
  g_assert_cmpuint (failure.stream->passed, ==, limit);
  g_clear_object (&failure.stream);

  listing = list_dir (dir);
  if (old != NULL)
    {
      assert_file_is (path, old);
      g_assert_cmpstr (listing, ==, name);
    }
  else
    g_assert_cmpstr (listing, ==, "");

  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (printed, "No space left on device"));
  g_assert_nonnull (strstr (printed, "could not be written; any earlier file is unchanged"));
}

static void
test_export_fails_atomically (gconstpointer data)
{
  const Format *format = data;
  g_autofree char *dir = g_dir_make_tmp ("cm-export-atomic-XXXXXX", NULL);
  g_autofree char *name = g_strconcat ("out.", format->ext, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GBytes) old = old_content ();
  g_autofree char *printed = NULL;
  g_autofree char *listing = NULL;
  gsize size;

  /* Without failure the new file replaces the old one. */
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (old, NULL), g_bytes_get_size (old), NULL));
  g_assert_cmpint (export ("timeline", path, NULL, &printed), ==, 0);
  g_assert_cmpstr (printed, ==, "");
  size = assert_complete (path, format);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, name);
  g_assert_cmpuint (size, >, 4096 + 2);

  /* With failure at the very start, at once, on a buffer boundary or so,
   * half-way and at the last byte, the old file stays. */
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (old, NULL), g_bytes_get_size (old), NULL));
  {
    const gsize limits[] = { 0, 1, 300, 4096, size / 2, size - 1 };

    for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
      assert_fails_cleanly ("timeline", dir, path, old, limits[i]);
  }
  /* The map draws differently (vectors for SVG and PDF, a base map). */
  assert_fails_cleanly ("map", dir, path, old, 4096);

  /* A file that did not exist is not created by a failed export... */
  g_assert_cmpint (g_unlink (path), ==, 0);
  assert_fails_cleanly ("timeline", dir, path, NULL, size / 2);
  /* ...and is, complete, by a successful one. */
  g_assert_cmpint (export ("timeline", path, NULL, &printed), ==, 0);
  g_assert_cmpuint (assert_complete (path, format), ==, size);

  g_unlink (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static gboolean
draw_square (cairo_t         *cr,
             CmExportFormat   format,
             gpointer         user_data,
             GError         **error)
{
  cairo_rectangle (cr, 10, 10, 20, 20);
  cairo_fill (cr);
  return TRUE;
}

static gboolean
draw_nothing (cairo_t         *cr,
              CmExportFormat   format,
              gpointer         user_data,
              GError         **error)
{
  return FALSE;
}

/* The stream's own error comes back from cm_export_write, not a bare
 * "write error", for every format. */
static void
test_write_reports_stream_error (void)
{
  for (CmExportFormat f = CM_EXPORT_PNG; f <= CM_EXPORT_PDF; f++)
    {
      g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
      g_autoptr(CmFailingStream) failing = cm_failing_stream_new (memory, 10);
      g_autoptr(GError) error = NULL;

      g_assert_false (cm_export_write (G_OUTPUT_STREAM (failing), f, 64, 64, draw_square, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, "No space left on device"));
      g_assert_cmpuint (failing->refused, ==, 1);   /* nothing is written after the failure */

      g_clear_error (&error);
      g_assert_false (cm_export_write (memory, f, 64, 64, draw_nothing, NULL, &error));
      g_assert_error (error, CM_EXPORT_ERROR, CM_EXPORT_ERROR_DRAW);
    }
}

/* Dropping a CmAtomicFile without committing keeps the old content. */
static void
test_atomic_file_abandon (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-atomic-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "data.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) old = old_content ();
  g_autoptr(GBytes) replaced = g_bytes_new_static ("new", 3);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (old, NULL), g_bytes_get_size (old), NULL));
  {
    g_autoptr(CmAtomicFile) atomic = cm_atomic_file_new (file, &error);

    g_assert_no_error (error);
    g_assert_true (g_output_stream_write_all (cm_atomic_file_get_stream (atomic), "partial", 7,
                                              NULL, NULL, &error));
    g_assert_no_error (error);
  }
  assert_file_is (path, old);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "data.bin");

  {
    g_autoptr(CmAtomicFile) atomic = cm_atomic_file_new (file, &error);

    g_assert_true (g_output_stream_write_all (cm_atomic_file_get_stream (atomic), "new", 3, NULL, NULL, &error));
    g_assert_true (cm_atomic_file_commit (atomic, &error));
    g_assert_no_error (error);
  }
  assert_file_is (path, replaced);
  g_clear_pointer (&listing, g_free);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "data.bin");

  g_unlink (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/export-atomic/cli/%s", formats[i].ext);

      g_test_add_data_func (test_path, &formats[i], test_export_fails_atomically);
    }
  g_test_add_func ("/export-atomic/write/stream-error", test_write_reports_stream_error);
  g_test_add_func ("/export-atomic/atomic-file/abandon", test_atomic_file_abandon);

  return g_test_run ();
}
