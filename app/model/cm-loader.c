/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include "cm-config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cm-csv.h"
#include "cm-json-scan.h"
#include "cm-id-table.h"
#include "cm-loader-private.h"

G_DEFINE_QUARK (cm-loader-error-quark, cm_loader_error)

static void
add_diag (CmLoad     *load,
          CmSeverity  severity,
          gsize       offset,
          const char *format,
          va_list     args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  cm_diagnostics_add (load->diags, severity, offset, load->pointer->str, "%s", message);
}

void
_cm_load_error (CmLoad     *load,
                gsize       offset,
                const char *format,
                ...)
{
  va_list args;

  va_start (args, format);
  add_diag (load, CM_SEVERITY_ERROR, offset, format, args);
  va_end (args);
}

void
_cm_load_warning (CmLoad     *load,
                  gsize       offset,
                  const char *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  add_diag (load, CM_SEVERITY_WARNING, offset, format, args);
  va_end (args);
}

void
_cm_load_note (CmLoad     *load,
               gsize       offset,
               const char *format,
               ...)
{
  va_list args;

  va_start (args, format);
  add_diag (load, CM_SEVERITY_NOTE, offset, format, args);
  va_end (args);
}

gsize
_cm_load_push_key (CmLoad     *load,
                   const char *key)
{
  gsize mark = load->pointer->len;

  cm_json_pointer_append (load->pointer, key);
  return mark;
}

gsize
_cm_load_push_index (CmLoad *load,
                     guint   index)
{
  gsize mark = load->pointer->len;
  char digits[12];
  int n = 0;

  /* Called once per array element: no printf on this path. */
  do
    digits[n++] = '0' + index % 10;
  while ((index /= 10) > 0);
  g_string_append_c (load->pointer, '/');
  while (n > 0)
    g_string_append_c (load->pointer, digits[--n]);
  return mark;
}

void
_cm_load_pop (CmLoad *load,
              gsize   mark)
{
  g_string_truncate (load->pointer, mark);
}

const char *
_cm_json_type_name (CmJsonType type)
{
  switch (type)
    {
    case CM_JSON_NULL: return _("null");
    case CM_JSON_BOOLEAN: return _("a boolean");
    case CM_JSON_NUMBER: return _("a number");
    case CM_JSON_STRING: return _("a string");
    case CM_JSON_ARRAY: return _("an array");
    case CM_JSON_OBJECT: return _("an object");
    case CM_JSON_END:
    default: return _("nothing");
    }
}

/* A short, quoted excerpt of the value at the reader, for messages. */
static char *
excerpt (CmLoad *load)
{
  gsize at = cm_json_reader_offset (&load->reader);
  gsize n = 0;
  g_autofree char *raw = NULL;

  while (at + n < load->len && n < 40 &&
         load->data[at + n] != ',' && load->data[at + n] != '\n' &&
         load->data[at + n] != '}' && load->data[at + n] != ']')
    n++;
  raw = g_utf8_make_valid (load->data + at, n);
  return g_strstrip (g_steal_pointer (&raw));
}

gboolean
_cm_load_expect (CmLoad     *load,
                 CmJsonType  type,
                 const char *what)
{
  CmJsonType found = cm_json_reader_peek (&load->reader);

  if (found == type)
    return TRUE;
  {
    g_autofree char *text = excerpt (load);
    gsize at = cm_json_reader_offset (&load->reader);

    /* @what is marked N_(): a well-formed file never pays for its lookup. */
    if (found == CM_JSON_OBJECT || found == CM_JSON_ARRAY)
      _cm_load_error (load, at, _("expected %s, found %s"), _(what), _cm_json_type_name (found));
    else
      /* Translators: "expected a string, found a number 42": the last
       * %s is the value as written in the file. */
      _cm_load_error (load, at, _("expected %s, found %s %s"), _(what), _cm_json_type_name (found), text);
  }
  cm_json_reader_skip (&load->reader);
  return FALSE;
}

const char *
_cm_load_string (CmLoad   *load,
                 gboolean  non_empty)
{
  gsize at = cm_json_reader_offset (&load->reader);
  const char *s;
  gsize len;

  if (!_cm_load_expect (load, CM_JSON_STRING, N_("a string")))
    return NULL;
  s = cm_json_reader_read_string (&load->reader, &len);
  if (non_empty && len == 0)
    {
      _cm_load_error (load, at, _("empty string; a value is required here"));
      return NULL;
    }
  return s;
}

gboolean
_cm_load_text (CmLoad *load,
               CmText *text)
{
  gsize offset, len;
  gboolean escaped;

  if (!_cm_load_expect (load, CM_JSON_STRING, N_("a string")))
    return FALSE;
  cm_json_reader_string_span (&load->reader, &offset, &len, &escaped);
  *text = _cm_load_text_ref (load, offset, len, escaped);
  return TRUE;
}

const char *
_cm_load_copy (CmLoad     *load,
               const char *text)
{
  if (text == NULL)
    return NULL;
  return g_string_chunk_insert (load->strings != NULL ? load->strings : load->dataset->strings, text);
}

const char *
_cm_load_intern (CmLoad     *load,
                 const char *text)
{
  if (text == NULL)
    return NULL;
  if (load->strings != NULL)
    return g_string_chunk_insert_const (load->strings, text);
  return _cm_dataset_intern (load->dataset, text);
}

CmText
_cm_load_text_ref (CmLoad   *load,
                   gsize     offset,
                   gsize     len,
                   gboolean  escaped)
{
  gsize before;

  if (load->arena == NULL || !escaped)
    return _cm_dataset_text_from_json (load->dataset, offset, len, escaped);
  /* Decoded into the worker's arena, addressed as if that arena started
   * where the dataset's does; the merge shifts these references. */
  before = load->arena->len;
  cm_json_decode_string (load->data + offset, len, load->arena);
  return _cm_dataset_text_in_arena (load->dataset, before, load->arena->len - before);
}

const CmJsonArraySpan *
_cm_load_find_span (CmLoad *load,
                    gsize   offset)
{
  for (guint i = 0; i < load->n_spans; i++)
    if (load->spans[i].offset == offset)
      return &load->spans[i];
  return NULL;
}

gboolean
_cm_load_tick (CmLoad *load,
               double  fraction)
{
  if (load->cancellable && g_cancellable_is_cancelled (load->cancellable))
    {
      load->cancelled = TRUE;
      return FALSE;
    }
  if (load->progress)
    load->progress (CLAMP (fraction, 0.0, 1.0), load->progress_data);
  return TRUE;
}

guint32
_cm_palette_color (guint index)
{
  /* Okabe-Ito: distinguishable with the common colour-vision deficiencies. */
  static const guint32 palette[] = {
    0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7, 0x56B4E9, 0xD55E00, 0xF0E442, 0x000000,
  };
  return palette[index % G_N_ELEMENTS (palette)];
}

gint32
_cm_load_category_for_label (CmLoad     *load,
                             GHashTable *by_label,
                             const char *label)
{
  gpointer found;
  CmCategory c = { 0 };
  CmDataset *ds = load->dataset;

  if (g_hash_table_lookup_extended (by_label, label, NULL, &found))
    return GPOINTER_TO_INT (found);
  c.id = _cm_dataset_intern (ds, label);
  c.label = c.id;
  c.color = _cm_palette_color (ds->categories->len);
  g_array_append_val (ds->categories, c);
  g_hash_table_insert (by_label, (gpointer) c.id, GINT_TO_POINTER (ds->categories->len - 1));
  return ds->categories->len - 1;
}

static gboolean
is_block_tag (const char *tag)
{
  static const char * const blocks[] = {
    "p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "hr", "table",
  };
  gsize n = strspn (tag + 1, "/");
  const char *name = tag + 1 + n;
  gsize len = strcspn (name, " \t\n/>");

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (strlen (blocks[i]) == len && g_ascii_strncasecmp (name, blocks[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* Appends @text after a pending word break. */
static void
emit (GString    *out,
      gboolean   *space,
      const char *text,
      gsize       len)
{
  if (*space && out->len > 0)
    g_string_append_c (out, ' ');
  *space = FALSE;
  g_string_append_len (out, text, len);
}

char *
_cm_html_to_text (const char *html)
{
  static const struct { const char *name; const char *text; } entities[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
    { "&#39;", "'" }, { "&apos;", "'" }, { "&nbsp;", " " }, { "&mdash;", "—" },
    { "&ndash;", "–" }, { "&hellip;", "…" },
  };
  GString *out = g_string_new (NULL);
  const char *p = html;
  gboolean space = FALSE;

  while (*p)
    {
      gboolean done = FALSE;

      if (*p == '<')
        {
          const char *close = strchr (p, '>');
          if (close == NULL)
            break;
          if (is_block_tag (p))
            space = TRUE;
          p = close + 1;
          continue;
        }
      if (*p == '&')
        {
          for (guint i = 0; i < G_N_ELEMENTS (entities) && !done; i++)
            if (g_str_has_prefix (p, entities[i].name))
              {
                emit (out, &space, entities[i].text, strlen (entities[i].text));
                p += strlen (entities[i].name);
                done = TRUE;
              }
          if (!done && p[1] == '#')
            {
              char *end = NULL;
              gboolean hex = p[2] == 'x' || p[2] == 'X';
              guint64 cp = g_ascii_strtoull (p + (hex ? 3 : 2), &end, hex ? 16 : 10);
              if (end && *end == ';' && cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF))
                {
                  char buf[8];
                  emit (out, &space, buf, g_unichar_to_utf8 ((gunichar) cp, buf));
                  p = end + 1;
                  done = TRUE;
                }
            }
          if (done)
            continue;
        }
      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          p++;
          continue;
        }
      emit (out, &space, p, 1);
      p++;
    }
  return g_string_free (out, FALSE);
}

typedef enum
{
  KIND_UNKNOWN,
  KIND_NATIVE,
  KIND_GEOJSON,
  KIND_TIMELINEJS,
} FileKind;

static FileKind
detect_kind (CmLoad *load,
             gsize   start)
{
  CmJsonReader r;
  FileKind kind = KIND_UNKNOWN;

  cm_json_reader_init (&r, load->data, load->len, start);
  if (cm_json_reader_peek (&r) == CM_JSON_OBJECT)
    {
      cm_json_reader_enter (&r);
      while (kind == KIND_UNKNOWN && cm_json_reader_next_member (&r))
        {
          if (strcmp (r.key->str, "announcements") == 0)
            kind = KIND_NATIVE;
          else if (strcmp (r.key->str, "events") == 0
                   /* TimelineJS's {"timeline": …} wrapper and TimelineJS 2. */
                   || (strcmp (r.key->str, "timeline") == 0 && cm_json_reader_peek (&r) == CM_JSON_OBJECT))
            kind = KIND_TIMELINEJS;
          else if (strcmp (r.key->str, "type") == 0 && cm_json_reader_peek (&r) == CM_JSON_STRING)
            {
              const char *type = cm_json_reader_read_string (&r, NULL);
              /* A single Feature is a collection of one. */
              if (strcmp (type, "FeatureCollection") == 0 || strcmp (type, "Feature") == 0)
                kind = KIND_GEOJSON;
            }
          else
            cm_json_reader_skip (&r);
        }
    }
  cm_json_reader_clear (&r);
  return kind;
}

/* Delimited text rather than JSON: the content decides, not the name. */
static gboolean
is_csv (const char *data,
        gsize       len)
{
  gsize i = 0;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
    i++;
  if (i == len || data[i] == '{' || data[i] == '[' || data[i] == '"')
    return FALSE;
  return cm_csv_looks_like (data + i, len - i);
}

CmDataset *
cm_loader_load_bytes (GBytes          *bytes,
                      const char      *display_name,
                      CmDiagnostics  **diagnostics,
                      CmLoadProgress   progress,
                      gpointer         progress_data,
                      GCancellable    *cancellable,
                      GError         **error)
{
  return cm_loader_load_bytes_with_options (bytes, display_name, NULL, diagnostics, progress,
                                            progress_data, cancellable, error);
}

static CmDataset *load_bytes (GBytes                *bytes,
                              const char            *display_name,
                              const char            *path,
                              const CmImportOptions *options,
                              CmImportPreview       *preview,
                              CmDiagnostics        **diagnostics,
                              CmLoadProgress         progress,
                              gpointer               progress_data,
                              GCancellable          *cancellable,
                              GError               **error);

CmDataset *
cm_loader_load_bytes_with_options (GBytes                *bytes,
                                   const char            *display_name,
                                   const CmImportOptions *options,
                                   CmDiagnostics        **diagnostics,
                                   CmLoadProgress         progress,
                                   gpointer               progress_data,
                                   GCancellable          *cancellable,
                                   GError               **error)
{
  return load_bytes (bytes, display_name, NULL, options, NULL, diagnostics, progress, progress_data,
                     cancellable, error);
}

static CmDataset *
load_bytes (GBytes                *bytes,
            const char            *display_name,
            const char            *path,
            const CmImportOptions *options,
            CmImportPreview       *preview,
            CmDiagnostics        **diagnostics,
            CmLoadProgress         progress,
            gpointer               progress_data,
            GCancellable          *cancellable,
            GError               **error)
{
  const char *gdal_kind;
  g_autoptr(CmDiagnostics) diags = cm_diagnostics_new (display_name);
  g_autoptr(CmDataset) dataset = NULL;
  CmJsonScanError scan_error = { 0 };
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CmJsonArraySpan));
  g_autoptr(GArray) elements = g_array_new (FALSE, FALSE, sizeof (gsize));
  CmLoad load = { 0 };
  gsize bom = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (bytes != NULL, NULL);

  load.diags = diags;
  load.data = g_bytes_get_data (bytes, &load.len);
  if (load.data == NULL)
    load.data = "";
  load.pointer = g_string_new (NULL);
  load.progress = progress;
  load.progress_data = progress_data;
  load.cancellable = cancellable;
  load.options = options;
  load.preview = preview;

  if ((gdal_kind = _cm_gdal_detect (load.data, load.len)) != NULL)
    {
      dataset = cm_dataset_new (bytes);
      load.dataset = dataset;
      ok = _cm_load_gdal (&load, gdal_kind, path);
    }
  else if ((options != NULL && options->encoding != NULL) || is_csv (load.data, load.len))
    {
      dataset = cm_dataset_new (bytes);
      load.dataset = dataset;
      ok = _cm_load_csv (&load);
    }
  else if (!cm_json_scan_spans (load.data, load.len, &bom, spans, elements, &scan_error))
    {
      cm_diagnostics_add (diags, CM_SEVERITY_ERROR, scan_error.offset, NULL,
                          "%s", scan_error.message);
      cm_json_scan_error_clear (&scan_error);
    }
  else if (_cm_load_tick (&load, CM_LOAD_SCANNED))
    {
      FileKind kind = detect_kind (&load, bom);

      load.spans = (const CmJsonArraySpan *) spans->data;
      load.n_spans = spans->len;
      load.elements = (const gsize *) elements->data;
      dataset = cm_dataset_new (bytes);
      load.dataset = dataset;
      cm_json_reader_init (&load.reader, load.data, load.len, bom);
      switch (kind)
        {
        case KIND_NATIVE:
          dataset->format = CM_FORMAT_CHRONOMAP;
          ok = _cm_load_native (&load);
          break;
        case KIND_GEOJSON:
          dataset->format = CM_FORMAT_GEOJSON;
          ok = _cm_load_geojson (&load);
          break;
        case KIND_TIMELINEJS:
          dataset->format = CM_FORMAT_TIMELINEJS;
          ok = _cm_load_timelinejs (&load);
          break;
        case KIND_UNKNOWN:
        default:
          if (cm_json_reader_peek (&load.reader) != CM_JSON_OBJECT)
            cm_diagnostics_add (diags, CM_SEVERITY_ERROR, bom, NULL,
                                _("expected a JSON object at the top level, found %s"),
                                _cm_json_type_name (cm_json_reader_peek (&load.reader)));
          else
            cm_diagnostics_add (diags, CM_SEVERITY_ERROR, bom, "",
                                _("not a dataset: expected an \"announcements\" array (Chronomap), "
                                  "\"type\": \"FeatureCollection\" or \"Feature\" (GeoJSON), an \"events\" array "
                                  "or a \"timeline\" object (TimelineJS)"));
          break;
        }
      cm_json_reader_clear (&load.reader);
    }

  _cm_load_clear_skips (&load);
  g_string_free (load.pointer, TRUE);
  cm_diagnostics_resolve (diags, load.data, load.len);
  if (ok)
    _cm_load_tick (&load, CM_LOAD_READING (1.0));

  if (load.cancelled)
    {
      g_set_error (error, CM_LOADER_ERROR, CM_LOADER_ERROR_CANCELLED, _("Loading %s was cancelled"), display_name);
      ok = FALSE;
    }
  else if (!ok || cm_diagnostics_count (diags, CM_SEVERITY_ERROR) > 0)
    {
      guint n = cm_diagnostics_count (diags, CM_SEVERITY_ERROR);
      g_set_error (error, CM_LOADER_ERROR, CM_LOADER_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%s is not a valid dataset: %u error",
                                "%s is not a valid dataset: %u errors", MAX (n, 1)),
                   display_name, MAX (n, 1));
      ok = FALSE;
    }
  else
    _cm_dataset_finish (dataset);
  if (preview != NULL)
    preview->n_loaded = ok ? dataset->announcements->len : 0;

  if (diagnostics)
    *diagnostics = g_steal_pointer (&diags);
  return ok ? g_steal_pointer (&dataset) : NULL;
}

static void
set_read_error (GError     **error,
                const char  *name,
                GError      *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error (error, CM_LOADER_ERROR, CM_LOADER_ERROR_CANCELLED, _("Loading %s was cancelled"), name);
  else
    g_set_error (error, CM_LOADER_ERROR, CM_LOADER_ERROR_UNREADABLE, _("%s: cannot read: %s"), name, cause->message);
}

/* The file's bytes stay in memory for the dataset's life (text is read from
 * them on demand). They are copied, not mapped: a mapping would crash the
 * app with SIGBUS if the file were rewritten in place while open. Large
 * buffers come from mmap, in plain pages: transparent huge pages read a
 * 240 MB file in 0.1 s of kernel time on an idle machine, but with the
 * kernel's defrag=madvise each one asked for is compacted for on the spot,
 * and on a busy one that took 0.9-4.2 s, against a steady 0.35 s for plain
 * pages. */
typedef struct
{
  char    *data;
  gsize    size;
  gboolean mapped;
} Buffer;

static void
buffer_free (Buffer *buffer)
{
  if (buffer->mapped)
    munmap (buffer->data, buffer->size);
  else
    g_free (buffer->data);
  g_free (buffer);
}

static Buffer *
buffer_new (gsize size)
{
  Buffer *buffer = g_new0 (Buffer, 1);

  buffer->size = size;
  if (size >= 4 * 1024 * 1024)
    {
      void *p = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p != MAP_FAILED)
        {
          buffer->data = p;
          buffer->mapped = TRUE;
          return buffer;
        }
    }
  buffer->data = g_malloc (size);
  return buffer;
}

/* Reading a large file is mostly the kernel filling fresh pages, slow on
 * virtual machines that back memory on first touch: two threads, each
 * reading its half with pread, halve it. */
#define PARALLEL_READ_MIN_BYTES (32 * 1024 * 1024)
#define READ_CHUNK_BYTES (8 * 1024 * 1024)

typedef struct
{
  int           fd;
  char         *data;
  gsize         from;
  gsize         to;
  GCancellable *cancellable;
  gsize         got;
  int           error;   /* errno, or ECANCELED */
} ReadPart;

static gpointer
read_part (gpointer user_data)
{
  ReadPart *part = user_data;

  while (part->from + part->got < part->to)
    {
      gsize want = MIN (part->to - part->from - part->got, READ_CHUNK_BYTES);
      ssize_t n;

      if (g_cancellable_is_cancelled (part->cancellable))
        {
          part->error = ECANCELED;
          break;
        }
      n = pread (part->fd, part->data + part->from + part->got, want, (off_t) (part->from + part->got));
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          part->error = errno;
          break;
        }
      if (n == 0)
        break;
      part->got += (gsize) n;
    }
  return NULL;
}

/* Reads @buffer->size bytes of the local file @path, or fewer if it ends
 * first; *got says how many. FALSE with @error set when it cannot. */
static gboolean
read_local (const char    *path,
            Buffer        *buffer,
            gsize         *got,
            GCancellable  *cancellable,
            GError       **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  ReadPart parts[2] = { { 0 } };
  GThread *thread;
  int failure;

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s", g_strerror (saved));
      return FALSE;
    }
  for (int i = 0; i < 2; i++)
    {
      parts[i].fd = fd;
      parts[i].data = buffer->data;
      parts[i].cancellable = cancellable;
    }
  /* The second half starts on a page boundary, at worst one page off. */
  parts[0].to = parts[1].from = (buffer->size / 2) & ~(gsize) 4095;
  parts[1].to = buffer->size;
  thread = g_thread_try_new ("cm-read", read_part, &parts[1], NULL);
  read_part (&parts[0]);
  if (thread != NULL)
    g_thread_join (thread);
  else
    read_part (&parts[1]);
  close (fd);

  failure = parts[0].error ? parts[0].error : parts[1].error;
  if (failure == ECANCELED)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      return FALSE;
    }
  if (failure != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (failure), "%s", g_strerror (failure));
      return FALSE;
    }
  /* A file that shrank meanwhile leaves a hole after the first half. */
  if (parts[0].got < parts[0].to - parts[0].from)
    {
      *got = parts[0].got;
      return TRUE;
    }
  *got = parts[0].got + parts[1].got;
  return TRUE;
}

static gboolean
read_all (GFile         *file,
          Buffer        *buffer,
          gsize         *got,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GFileInputStream) in = NULL;

  if (buffer->size > PARALLEL_READ_MIN_BYTES && g_file_peek_path (file) != NULL)
    return read_local (g_file_peek_path (file), buffer, got, cancellable, error);
  in = g_file_read (file, cancellable, error);
  return in != NULL
         && g_input_stream_read_all (G_INPUT_STREAM (in), buffer->data, buffer->size, got, cancellable, error);
}

/* Reads a regular file with a bounded loop: a FIFO would block json-glib's
 * loader forever and /dev/zero would fill memory. */
static GBytes *
read_file (GFile         *file,
           const char    *name,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local = NULL;
  goffset size;
  Buffer *buffer;
  gsize got = 0;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local);
  if (info == NULL)
    {
      set_read_error (error, name, local);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, CM_LOADER_ERROR, CM_LOADER_ERROR_UNREADABLE,
                   _("%s: is a directory; expected a JSON file"), name);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, CM_LOADER_ERROR, CM_LOADER_ERROR_UNREADABLE,
                   _("%s: not a regular file (a device, pipe or socket); expected a JSON file"), name);
      return NULL;
    }
  size = g_file_info_get_size (info);
  if (size < 0 || (guint64) size > CM_JSON_MAX_FILE_BYTES)
    {
      g_autofree char *size_text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) size);
      g_autofree char *limit_text = g_strdup_printf ("%" G_GSIZE_FORMAT, (gsize) CM_JSON_MAX_FILE_BYTES);

      /* The sizes as strings: xgettext cannot read G_GINT64_FORMAT. */
      g_set_error (error, CM_LOADER_ERROR, CM_LOADER_ERROR_UNREADABLE,
                   _("%s: file of %s bytes is larger than the limit of %s bytes"),
                   name, size_text, limit_text);
      return NULL;
    }

  /* One byte more than the size, to notice a file that grew meanwhile. */
  buffer = buffer_new ((gsize) size + 1);
  if (!read_all (file, buffer, &got, cancellable, &local))
    {
      buffer_free (buffer);
      set_read_error (error, name, local);
      return NULL;
    }
  if (got > (gsize) size)
    {
      buffer_free (buffer);
      g_set_error (error, CM_LOADER_ERROR, CM_LOADER_ERROR_UNREADABLE,
                   _("%s: the file changed while it was read; try again"), name);

      return NULL;
    }
  return g_bytes_new_with_free_func (buffer->data, got, (GDestroyNotify) buffer_free, buffer);
}

CmDataset *
cm_loader_load_file (GFile           *file,
                     const char      *display_name,
                     CmDiagnostics  **diagnostics,
                     CmLoadProgress   progress,
                     gpointer         progress_data,
                     GCancellable    *cancellable,
                     GError         **error)
{
  return cm_loader_load_file_with_options (file, display_name, NULL, diagnostics, progress,
                                           progress_data, cancellable, error);
}

static CmDataset *
load_file (GFile                 *file,
           const char            *display_name,
           const CmImportOptions *options,
           CmImportPreview       *preview,
           CmDiagnostics        **diagnostics,
           CmLoadProgress         progress,
           gpointer               progress_data,
           GCancellable          *cancellable,
           GError               **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = display_name ? g_strdup (display_name) : g_file_get_parse_name (file);
  bytes = read_file (file, name, cancellable, error);
  if (bytes == NULL)
    {
      if (diagnostics)
        *diagnostics = cm_diagnostics_new (name);
      return NULL;
    }
  return load_bytes (bytes, name, g_file_peek_path (file), options, preview, diagnostics, progress,
                     progress_data, cancellable, error);
}

CmDataset *
cm_loader_load_file_preview (GFile                 *file,
                             const char            *display_name,
                             const CmImportOptions *options,
                             guint                  max_rows,
                             CmImportPreview      **preview,
                             CmDiagnostics        **diagnostics,
                             CmLoadProgress         progress,
                             gpointer               progress_data,
                             GCancellable          *cancellable,
                             GError               **error)
{
  g_autoptr(CmImportPreview) p = cm_import_preview_new (max_rows);
  CmDataset *dataset;

  g_return_val_if_fail (preview != NULL, NULL);

  dataset = load_file (file, display_name, options, p, diagnostics, progress, progress_data,
                       cancellable, error);
  /* Only tables have columns to map. */
  *preview = p->names != NULL ? g_steal_pointer (&p) : NULL;
  return dataset;
}

CmDataset *
cm_loader_load_file_with_options (GFile                 *file,
                                  const char            *display_name,
                                  const CmImportOptions *options,
                                  CmDiagnostics        **diagnostics,
                                  CmLoadProgress         progress,
                                  gpointer               progress_data,
                                  GCancellable          *cancellable,
                                  GError               **error)
{
  return load_file (file, display_name, options, NULL, diagnostics, progress, progress_data,
                    cancellable, error);
}

void
_cm_load_add_item (CmLoad       *load,
                   guint         index,
                   const char   *id,
                   const char   *title,
                   const char   *summary,
                   const char   *date_note,
                   const CmDate *date,
                   const CmDate *end,
                   gint32        place,
                   gint32        category)
{
  CmDataset *ds = load->dataset;
  CmAnnouncement a = { 0 };
  g_autofree char *date_text = cm_date_format_iso (date->start, date->precision);
  g_autofree char *fallback = NULL;

  if (id == NULL || *id == '\0' || cm_id_table_lookup (ds->announcement_ids, id) >= 0)
    id = fallback = g_strdup_printf ("item-%u", index);
  /* The file may itself use that name for an earlier item. */
  for (guint n = 2; cm_id_table_lookup (ds->announcement_ids, id) >= 0; n++)
    {
      g_free (fallback);
      id = fallback = g_strdup_printf ("item-%u-%u", index, n);
    }
  a.id = _cm_dataset_intern (ds, id);
  a.title = _cm_dataset_text_from_string (ds, title);
  a.summary = _cm_dataset_text_from_string (ds, summary);
  a.date_note = _cm_dataset_text_from_string (ds, date_note);
  a.date_text = _cm_dataset_text_from_string (ds, date_text);
  a.start = date->start;
  a.end = date->end;
  a.precision = date->precision;
  if (end != NULL && end->end > date->start)
    {
      g_autofree char *end_text = cm_date_format_iso (end->start, end->precision);
      a.end = MAX (end->end, date->end);
      a.end_precision = end->precision;
      a.end_text = _cm_dataset_text_from_string (ds, end_text);
    }
  a.place = place;
  a.category = category;
  a.first_actor = ds->actors->len;
  a.first_source = ds->source_refs->len;
  g_array_append_val (ds->announcements, a);
  cm_id_table_insert (ds->announcement_ids, a.id, ds->announcements->len - 1);
}

/* A point and a name, the key of an imported place: looked up once per
 * row, so built on the stack with no copy and no text (a printed key was
 * once the largest cost of an import); the keys kept point at the place's
 * own name in the dataset. Coordinates are rounded to 1e-6 degree, so
 * that points that print alike are one place. */
typedef struct
{
  guint       hash;
  double      lat;
  double      lon;
  const char *name;
} PointKey;

static guint
point_key_hash (gconstpointer key)
{
  return ((const PointKey *) key)->hash;
}

static gboolean
point_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const PointKey *x = a, *y = b;

  return x->hash == y->hash && x->lat == y->lat && x->lon == y->lon && strcmp (x->name, y->name) == 0;
}

static void
point_key_init (PointKey   *key,
                double      lat,
                double      lon,
                const char *name)
{
  guint64 bits[2];

  key->lat = round (lat * 1e6) / 1e6 + 0.0;
  key->lon = round (lon * 1e6) / 1e6 + 0.0;
  key->name = name;
  memcpy (&bits[0], &key->lat, sizeof bits[0]);
  memcpy (&bits[1], &key->lon, sizeof bits[1]);
  /* Mixed as in splitmix64, then the name's own hash. */
  bits[0] = (bits[0] ^ (bits[1] * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)));
  bits[0] = (bits[0] ^ (bits[0] >> 31)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  key->hash = (guint) (bits[0] ^ (bits[0] >> 32)) ^ g_str_hash (name);
}

GHashTable *
_cm_load_places_new (void)
{
  return g_hash_table_new_full (point_key_hash, point_key_equal, g_free, NULL);
}

gint32
_cm_load_point_place (CmLoad     *load,
                      GHashTable *places,
                      double      lat,
                      double      lon,
                      const char *name)
{
  CmDataset *ds = load->dataset;
  PointKey key, *kept;
  CmPlace place = { .parent = -1 };
  gpointer found;
  char id[32];

  point_key_init (&key, lat, lon, name);
  if (g_hash_table_lookup_extended (places, &key, NULL, &found))
    return GPOINTER_TO_INT (found) - 1;

  g_snprintf (id, sizeof id, "p%u", ds->places->len);
  place.id = _cm_dataset_intern (ds, id);
  place.name = _cm_dataset_intern (ds, name);
  place.lat = lat;
  place.lon = lon;
  place.coords = CM_COORDS_DATASET;
  g_array_append_val (ds->places, place);
  g_hash_table_insert (ds->place_ids, (gpointer) place.id, GINT_TO_POINTER (ds->places->len));
  kept = g_memdup2 (&key, sizeof key);
  kept->name = place.name;
  g_hash_table_insert (places, kept, GINT_TO_POINTER (ds->places->len));
  return ds->places->len - 1;
}
