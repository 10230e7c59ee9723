/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <cairo.h>
#include <errno.h>
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

/* The last steps of a commit fail too: fsync, close and rename of the
 * temporary file. tests/meson.build links this test with
 * -Wl,--wrap=fsync,--wrap=close,--wrap=rename, so every call to them from
 * this test and from the static libraries (cm-atomic-file.c) comes to the
 * __wrap_ functions below, which fail with EIO when a test arms them and
 * otherwise call the real one. Unlike LD_PRELOAD this works with static
 * libraries and under ASan. Only calls on the writer's temporary files
 * (".chronomap-XXXXXX") are logged or failed. */
int __real_fsync (int fd);
int __real_close (int fd);
int __real_rename (const char *from,
                   const char *to);
int __wrap_fsync (int fd);
int __wrap_close (int fd);
int __wrap_rename (const char *from,
                   const char *to);

typedef enum
{
  SYSCALL_NONE,
  SYSCALL_FSYNC,
  SYSCALL_CLOSE,
  SYSCALL_RENAME,
} Syscall;

static Syscall failing_call;   /* armed by a test, SYSCALL_NONE otherwise */
static GString *temp_calls;    /* "fsync close rename " as they happen, when not NULL */

static gboolean
is_temp_name (const char *path)
{
  const char *base = strrchr (path, '/');

  return g_str_has_prefix (base != NULL ? base + 1 : path, ".chronomap-");
}

static gboolean
is_temp_fd (int fd)
{
  char link[64], target[4096];
  ssize_t n;

  g_snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  n = readlink (link, target, sizeof target - 1);
  if (n <= 0)
    return FALSE;
  target[n] = '\0';
  return is_temp_name (target);
}

/* Whether the call on a temporary file must fail; logs it. */
static gboolean
temp_call (Syscall     call,
           const char *name)
{
  if (temp_calls != NULL)
    g_string_append_printf (temp_calls, "%s ", name);
  return failing_call == call;
}

int
__wrap_fsync (int fd)
{
  if (is_temp_fd (fd) && temp_call (SYSCALL_FSYNC, "fsync"))
    {
      errno = EIO;
      return -1;
    }
  return __real_fsync (fd);
}

int
__wrap_close (int fd)
{
  /* As Linux does: the descriptor is released, then the error reported. */
  if (is_temp_fd (fd) && temp_call (SYSCALL_CLOSE, "close"))
    {
      __real_close (fd);
      errno = EIO;
      return -1;
    }
  return __real_close (fd);
}

int
__wrap_rename (const char *from,
               const char *to)
{
  if (is_temp_name (from) && temp_call (SYSCALL_RENAME, "rename"))
    {
      errno = EIO;
      return -1;
    }
  return __real_rename (from, to);
}

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

/* The size of a complete file, less what depends on the exports made before
 * it in this process: cairo numbers every surface it creates in a global
 * counter, and its SVG writer names the page group after that number
 * (<g id="surface1"> in a fresh process, "surface46" after a few exports),
 * so the same drawing is a byte longer once the count reaches 10. */
static gsize
stable_size (const char   *path,
             const Format *format)
{
  gsize len = assert_complete (path, format);
  g_autofree char *data = NULL;
  const char *id;

  if (strcmp (format->ext, "svg") != 0)
    return len;
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  id = strstr (data, "<g id=\"surface");
  g_assert_nonnull (id);
  id += strlen ("<g id=\"surface");
  while (g_ascii_isdigit (*id))
    {
      len--;
      id++;
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
  gsize size, stable;

  /* Without failure the new file replaces the old one. */
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (old, NULL), g_bytes_get_size (old), NULL));
  g_assert_cmpint (export ("timeline", path, NULL, &printed), ==, 0);
  g_assert_cmpstr (printed, ==, "");
  size = assert_complete (path, format);
  stable = stable_size (path, format);
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
  g_assert_cmpuint (stable_size (path, format), ==, stable);

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

typedef struct
{
  Syscall     call;
  const char *message;   /* how the export reports it, before the strerror */
} SyscallFailure;

static const SyscallFailure syscall_failures[] = {
  { SYSCALL_FSYNC, "Error writing to file" },
  { SYSCALL_CLOSE, "Error closing file" },
  { SYSCALL_RENAME, "Error renaming temporary file to" },
};

/* The sync, the close or the rename of the commit fails with EIO, over an
 * existing file and where there was none: the export exits 1 and says why,
 * the old file stays byte for byte (or none appears), and no temporary
 * file is left behind. An export that skipped the sync would succeed. */
static void
test_export_commit_fails (gconstpointer data)
{
  const SyscallFailure *failure = data;
  g_autofree char *dir = g_dir_make_tmp ("cm-export-commit-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.svg", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GBytes) old = old_content ();

  expected = g_strdup_printf ("chronomap export: %s: %s “%s”: %s\n",
                              path, failure->message, path, g_strerror (EIO));
  for (guint with_old = 0; with_old < 2; with_old++)
    {
      g_autofree char *printed = NULL;
      g_autofree char *listing = NULL;
      int status;

      if (with_old)
        g_assert_true (g_file_set_contents (path, g_bytes_get_data (old, NULL), g_bytes_get_size (old), NULL));
      failing_call = failure->call;
      status = export ("timeline", path, NULL, &printed);
      failing_call = SYSCALL_NONE;

      g_assert_cmpint (status, ==, 1);
      g_assert_cmpstr (printed, ==, expected);
      listing = list_dir (dir);
      if (with_old)
        {
          assert_file_is (path, old);
          g_assert_cmpstr (listing, ==, "out.svg");
        }
      else
        g_assert_cmpstr (listing, ==, "");
    }

  /* Disarmed, the same export goes through. */
  {
    g_autofree char *printed = NULL;

    g_assert_cmpint (export ("timeline", path, NULL, &printed), ==, 0);
    g_assert_cmpuint (assert_complete (path, &formats[1]), >, 4096);
  }
  g_unlink (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A commit syncs the temporary file, closes it, then renames it, in that
 * order and once each; abandoning it does neither sync nor rename. */
static void
test_atomic_file_commit_order (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cm-atomic-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "data.bin", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  temp_calls = g_string_new (NULL);
  {
    g_autoptr(CmAtomicFile) atomic = cm_atomic_file_new (file, &error);

    g_assert_no_error (error);
    g_assert_true (g_output_stream_write_all (cm_atomic_file_get_stream (atomic), "new", 3, NULL, NULL, &error));
    g_assert_true (cm_atomic_file_commit (atomic, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpstr (temp_calls->str, ==, "fsync close rename ");

  g_string_truncate (temp_calls, 0);
  {
    g_autoptr(CmAtomicFile) atomic = cm_atomic_file_new (file, &error);

    g_assert_no_error (error);
    cm_atomic_file_abandon (atomic);
  }
  g_assert_cmpstr (temp_calls->str, ==, "");
  g_string_free (g_steal_pointer (&temp_calls), TRUE);

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
  g_test_add_func ("/export-atomic/atomic-file/commit-order", test_atomic_file_commit_order);
  g_test_add_data_func ("/export-atomic/commit-fails/fsync", &syscall_failures[0], test_export_commit_fails);
  g_test_add_data_func ("/export-atomic/commit-fails/close", &syscall_failures[1], test_export_commit_fails);
  g_test_add_data_func ("/export-atomic/commit-fails/rename", &syscall_failures[2], test_export_commit_fails);

  return g_test_run ();
}
