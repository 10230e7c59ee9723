/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include "cm-config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cm-json-scan.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* A one-pass validator for the exact RFC 8259 grammar. It runs before any
 * parser: json-glib accepts comments, octal, raw control characters and lone
 * surrogates, recurses without limit, and our own reader trusts its input. */

typedef struct
{
  const guchar    *p;
  const guchar    *end;
  const guchar    *start;
  CmJsonScanError *error;
} Scan;

static gboolean G_GNUC_PRINTF (3, 4)
fail (Scan         *s,
      const guchar *at,
      const char   *format,
      ...)
{
  va_list args;

  if (s->error != NULL)
    {
      s->error->offset = at - s->start;
      cm_json_offset_to_line_column ((const char *) s->start, s->end - s->start,
                                     s->error->offset,
                                     &s->error->line, &s->error->column);
      va_start (args, format);
      g_free (s->error->message);
      s->error->message = g_strdup_vprintf (format, args);
      va_end (args);
    }
  return FALSE;
}

static const char *
describe_byte (guchar c,
               char   buf[16])
{
  if (c >= 0x20 && c < 0x7f)
    g_snprintf (buf, 16, "'%c'", c);
  else
    g_snprintf (buf, 16, _("byte 0x%02X"), c);
  return buf;
}

/* Past JSON's blanks at @p. */
static inline const guchar *
past_ws (const guchar *p,
         const guchar *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

static void
skip_ws (Scan *s)
{
  s->p = past_ws (s->p, s->end);
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Scan     *s,
           guint    *out)
{
  guint v = 0;

  if (s->end - s->p < 4)
    return fail (s, s->p, _("incomplete \\u escape: expected four hex digits"));
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (s->p[i]);
      if (h < 0)
        return fail (s, s->p + i, _("invalid \\u escape: expected four hex digits"));
      v = (v << 4) | (guint) h;
    }
  s->p += 4;
  *out = v;
  return TRUE;
}

/* Length of the valid UTF-8 sequence at p, or 0. Rejects overlong forms,
 * encoded surrogates and code points above U+10FFFF. */
static int
utf8_sequence (const guchar *p,
               const guchar *end)
{
  guchar c = p[0];
  gsize avail = end - p;

  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    return (avail >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF)
    {
      guchar lo = 0x80, hi = 0xBF;
      if (c == 0xE0)
        lo = 0xA0;
      else if (c == 0xED)
        hi = 0x9F;
      if (avail < 3 || p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80)
        return 0;
      return 3;
    }
  if (c >= 0xF0 && c <= 0xF4)
    {
      guchar lo = 0x80, hi = 0xBF;
      if (c == 0xF0)
        lo = 0x90;
      else if (c == 0xF4)
        hi = 0x8F;
      if (avail < 4 || p[1] < lo || p[1] > hi ||
          (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80)
        return 0;
      return 4;
    }
  return 0;
}

static gboolean
scan_escape (Scan *s)
{
  const guchar *esc = s->p;
  guint cp = 0, lo = 0;

  s->p++; /* backslash */
  if (s->p >= s->end)
    return fail (s, esc, _("unterminated string: the file ends inside an escape"));

  switch (*s->p)
    {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
      s->p++;
      return TRUE;
    case 'u':
      s->p++;
      if (!read_hex4 (s, &cp))
        return FALSE;
      if (cp == 0)
        return fail (s, esc, _("\\u0000 is not allowed in strings"));
      if (cp >= 0xDC00 && cp <= 0xDFFF)
        return fail (s, esc, _("lone low surrogate \\u%04X; a surrogate pair starts with \\uD800-\\uDBFF"), cp);
      if (cp >= 0xD800 && cp <= 0xDBFF)
        {
          if (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u')
            return fail (s, esc, _("lone high surrogate \\u%04X; it must be followed by a low surrogate \\uDC00-\\uDFFF"), cp);
          s->p += 2;
          if (!read_hex4 (s, &lo))
            return FALSE;
          if (lo < 0xDC00 || lo > 0xDFFF)
            return fail (s, esc, _("high surrogate \\u%04X followed by \\u%04X instead of a low surrogate \\uDC00-\\uDFFF"), cp, lo);
        }
      return TRUE;
    default:
      {
        char buf[16];
        return fail (s, esc, _("invalid escape \\%s in string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"),
                     *s->p >= 0x20 && *s->p < 0x7f ? (char[2]) { (char) *s->p, 0 } : describe_byte (*s->p, buf));
      }
    }
}

/* Bytes that need no attention inside a string: printable ASCII other than
 * the quote and the backslash. Strings are most of a dataset, so the scan
 * skips runs of these in a tight loop. */
static const guint8 plain_byte[256] = {
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
  R16 (0), R16 (0),                                   /* 0x00-0x1F: control */
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,     /* 0x20-0x2F: '"' */
  R16 (1), R16 (1),                                   /* 0x30-0x4F */
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,     /* 0x50-0x5F: '\\' */
  R16 (1), R16 (1),                                   /* 0x60-0x7F */
  R16 (0), R16 (0), R16 (0), R16 (0),                 /* 0x80-0xBF */
  R16 (0), R16 (0), R16 (0), R16 (0),                 /* 0xC0-0xFF */
#undef R16
};

/* Past the run of plain bytes at p. SSE2 (every x86-64 has it) looks at
 * sixteen bytes a step: strings are most of a dataset, and most of their
 * bytes are plain ASCII. */
static inline const guchar *
skip_plain (const guchar *p,
            const guchar *end)
{
#ifdef __SSE2__
  const __m128i quote = _mm_set1_epi8 ('"');
  const __m128i backslash = _mm_set1_epi8 ('\\');
  /* Signed compare: below 0x20 catches the controls, and 0x80-0xFF too. */
  const __m128i space = _mm_set1_epi8 (0x20);

  while (end - p >= 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) p);
      __m128i special = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, quote),
                                                    _mm_cmpeq_epi8 (v, backslash)),
                                      _mm_cmplt_epi8 (v, space));
      int mask = _mm_movemask_epi8 (special);

      if (mask != 0)
        return p + __builtin_ctz ((unsigned) mask);
      p += 16;
    }
#endif
  while (p < end && plain_byte[*p])
    p++;
  return p;
}

static gboolean
scan_string (Scan *s)
{
  const guchar *open = s->p;

  s->p++;
  for (;;)
    {
      guchar c;

      s->p = skip_plain (s->p, s->end);
      if (s->p >= s->end)
        return fail (s, open, _("unterminated string: no closing '\"' before the end of the file"));
      if ((gsize) (s->p - open) > CM_JSON_MAX_STRING_BYTES)
        return fail (s, open, _("string longer than the limit of %u bytes"), CM_JSON_MAX_STRING_BYTES);

      c = *s->p;
      if (c == '"')
        {
          s->p++;
          return TRUE;
        }
      else if (c == '\\')
        {
          if (!scan_escape (s))
            return FALSE;
        }
      else if (c == 0)
        return fail (s, s->p, _("NUL byte in string; a JSON file is text and cannot contain NUL bytes"));
      else if (c < 0x20)
        return fail (s, s->p, _("raw control character U+%04X in string; write it as an escape such as \\n or \\u%04X"), c, c);
      else
        {
          int n = utf8_sequence (s->p, s->end);
          if (n == 0)
            return fail (s, s->p, _("invalid UTF-8 (byte 0x%02X); save the file as UTF-8"), c);
          s->p += n;
        }
    }
}

static gboolean
scan_number (Scan *s)
{
  const guchar *num = s->p;
  gboolean is_float = FALSE;
  gsize len;

  if (*s->p == '-')
    s->p++;
  if (s->p >= s->end || !g_ascii_isdigit (*s->p))
    return fail (s, num, _("invalid number: expected a digit after '-'"));
  if (*s->p == '0')
    {
      s->p++;
      if (s->p < s->end && g_ascii_isdigit (*s->p))
        return fail (s, num, _("invalid number: leading zeros are not allowed"));
    }
  else
    while (s->p < s->end && g_ascii_isdigit (*s->p))
      s->p++;

  if (s->p < s->end && *s->p == '.')
    {
      is_float = TRUE;
      s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return fail (s, num, _("invalid number: expected a digit after the decimal point"));
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      is_float = TRUE;
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return fail (s, num, _("invalid number: expected a digit in the exponent"));
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }

  len = s->p - num;
  if (len > 512)
    return fail (s, num, _("number longer than 512 characters"));

  {
    char buf[520];
    memcpy (buf, num, len);
    buf[len] = '\0';
    /* Without an exponent, under 300 digits before the point is finite:
     * no need to convert (most numbers of a map or a dataset). */
    if (is_float && (memchr (buf, 'e', len) != NULL || memchr (buf, 'E', len) != NULL
                     || (memchr (buf, '.', len) ? (gsize) ((char *) memchr (buf, '.', len) - buf) : len) >= 300))
      {
        double d = g_ascii_strtod (buf, NULL);
        if (!isfinite (d))
          return fail (s, num, _("number %s is out of range: it is not a finite double"), buf);
      }
    else
      {
        char *end = NULL;
        errno = 0;
        (void) g_ascii_strtoll (buf, &end, 10);
        if (errno == ERANGE)
          return fail (s, num, _("integer %s is out of range: integers must fit in 64 bits"), buf);
      }
  }
  return TRUE;
}

static gboolean
scan_literal (Scan       *s,
              const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (s->end - s->p) < n || memcmp (s->p, word, n) != 0)
    return fail (s, s->p, _("invalid literal; expected %s"), word);
  s->p += n;
  if (s->p < s->end && g_ascii_isalnum (*s->p))
    return fail (s, s->p, _("invalid literal; expected %s"), word);
  return TRUE;
}

gboolean
cm_json_scan (const char      *data,
              gsize            len,
              gsize           *bom_len,
              CmJsonScanError *error)
{
  return cm_json_scan_spans (data, len, bom_len, NULL, NULL, error);
}

/* Where a scan starts, and what it records: the whole grammar from the
 * top, or (the second half of a split scan) from an element of an array
 * that is a member of the top-level object. */
typedef struct
{
  Scan    s;
  char    stack[CM_JSON_MAX_DEPTH];   /* '{' or '[' per open level */
  int     depth;
  GArray *spans;                      /* CmJsonArraySpan, or NULL */
  GArray *offsets;                    /* gsize */
  gsize   stop_at;                    /* G_MAXSIZE: never */
  gboolean stopped;                   /* reached stop_at as an element */
  gboolean ok;
} Run;

/* The state machine, from a value (the document's, or an element's). A
 * fixed stack keeps it allocation-free. With @r->stop_at, it stops when
 * it reaches that offset as the start of an element of a top-level
 * array: where a second scan, started there on a guess, took over. */
static gboolean
run_scan (Run *r)
{
  Scan *s = &r->s;
  char *stack = r->stack;
  char buf[16];

value:
  skip_ws (s);
  if (s->p >= s->end)
    return fail (s, s->p, _("unexpected end of file; expected a value"));
  if (r->depth == 2 && stack[0] == '{' && stack[1] == '[')
    {
      gsize at = s->p - s->start;

      if (at == r->stop_at)
        {
          r->stopped = TRUE;
          return TRUE;
        }
      if (r->spans != NULL)
        {
          g_array_append_val (r->offsets, at);
          g_array_index (r->spans, CmJsonArraySpan, r->spans->len - 1).n++;
        }
    }
  switch (*s->p)
    {
    case '{':
    case '[':
      if (r->spans != NULL && r->depth == 1 && stack[0] == '{' && *s->p == '[')
        {
          CmJsonArraySpan span = { s->p - s->start, r->offsets->len, 0 };
          g_array_append_val (r->spans, span);
        }
      if (r->depth >= CM_JSON_MAX_DEPTH)
        return fail (s, s->p, _("nesting deeper than the limit of %d levels"), CM_JSON_MAX_DEPTH);
      stack[r->depth++] = (char) *s->p;
      s->p++;
      skip_ws (s);
      if (s->p < s->end && *s->p == (stack[r->depth - 1] == '{' ? '}' : ']'))
        {
          s->p++;
          r->depth--;
          goto after_value;
        }
      if (stack[r->depth - 1] == '{')
        goto member;
      goto value;
    case '"':
      if (!scan_string (s))
        return FALSE;
      goto after_value;
    case 't':
      if (!scan_literal (s, "true"))
        return FALSE;
      goto after_value;
    case 'f':
      if (!scan_literal (s, "false"))
        return FALSE;
      goto after_value;
    case 'n':
      if (!scan_literal (s, "null"))
        return FALSE;
      goto after_value;
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      if (!scan_number (s))
        return FALSE;
      goto after_value;
    case 0:
      return fail (s, s->p, _("NUL byte; a JSON file is text and cannot contain NUL bytes"));
    default:
      if (*s->p >= 0x80 && utf8_sequence (s->p, s->end) == 0)
        return fail (s, s->p, _("invalid UTF-8 (byte 0x%02X); save the file as UTF-8"), *s->p);
      return fail (s, s->p, _("unexpected %s; expected a value (object, array, string, number, true, false or null)"),
                   describe_byte (*s->p, buf));
    }

member:
  skip_ws (s);
  if (s->p >= s->end)
    return fail (s, s->p, _("unexpected end of file; expected a member name in double quotes"));
  if (*s->p != '"')
    return fail (s, s->p, _("unexpected %s; expected a member name in double quotes"), describe_byte (*s->p, buf));
  if (!scan_string (s))
    return FALSE;
  skip_ws (s);
  if (s->p >= s->end || *s->p != ':')
    return fail (s, s->p, _("expected ':' after the member name"));
  s->p++;
  goto value;

after_value:
  skip_ws (s);
  if (r->depth == 0)
    {
      if (s->p < s->end)
        return fail (s, s->p, _("unexpected %s after the end of the top-level value; a file holds one JSON value"),
                     describe_byte (*s->p, buf));
      return TRUE;
    }
  if (s->p >= s->end)
    return fail (s, s->p, _("unexpected end of file; expected ',' or '%c'"), stack[r->depth - 1] == '{' ? '}' : ']');
  if (*s->p == ',')
    {
      s->p++;
      if (stack[r->depth - 1] == '{')
        goto member;
      goto value;
    }
  if (*s->p == (stack[r->depth - 1] == '{' ? '}' : ']'))
    {
      s->p++;
      r->depth--;
      goto after_value;
    }
  return fail (s, s->p, _("unexpected %s; expected ',' or '%c'"), describe_byte (*s->p, buf),
               stack[r->depth - 1] == '{' ? '}' : ']');
}

static gpointer
run_scan_thread (gpointer data)
{
  Run *r = data;

  r->ok = run_scan (r);
  return NULL;
}

/* Below this a file is scanned by one thread: a second costs more than
 * half of a small scan. */
#define SPLIT_MIN_BYTES (4 * 1024 * 1024)

/* The first place at or after @from that looks like the start of an
 * object element following another, "}" "," "{" with blanks between: a
 * guess, which the first half's scan confirms or not. */
static gsize
guess_element_start (const char *data,
                     gsize       len,
                     gsize       from)
{
  for (const char *p = memchr (data + from, '}', len - from); p != NULL;
       p = memchr (p + 1, '}', len - (gsize) (p + 1 - data)))
    {
      const guchar *end = (const guchar *) data + len;
      const guchar *q = past_ws ((const guchar *) p + 1, end);

      if (q >= end || *q != ',')
        continue;
      q = past_ws (q + 1, end);
      if (q < end && *q == '{')
        return (const char *) q - data;
      if (q >= end)
        break;
    }
  return G_MAXSIZE;
}

gboolean
_cm_json_scan_spans_split (const char      *data,
                           gsize            len,
                           gsize           *bom_len,
                           GArray          *spans,
                           GArray          *element_offsets,
                           gsize            split_from,
                           CmJsonScanError *error)
{
  Run first = { 0 }, *second = NULL;
  g_autoptr(GArray) second_spans = NULL;
  g_autoptr(GArray) second_offsets = NULL;
  CmJsonScanError second_error = { 0 };
  GThread *thread = NULL;
  gsize guess = G_MAXSIZE;
  gboolean ok;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  first.s.start = (const guchar *) (data ? data : "");
  first.s.p = first.s.start;
  first.s.end = first.s.start + len;
  first.s.error = error;
  first.spans = spans;
  first.offsets = element_offsets;
  first.stop_at = G_MAXSIZE;

  if (bom_len != NULL)
    *bom_len = 0;
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      first.s.p += 3;
      if (bom_len != NULL)
        *bom_len = 3;
    }

  if (len > CM_JSON_MAX_FILE_BYTES)
    return fail (&first.s, first.s.p, _("file larger than the limit of %zu bytes"), (size_t) CM_JSON_MAX_FILE_BYTES);

  skip_ws (&first.s);
  if (first.s.p >= first.s.end)
    return fail (&first.s, first.s.p, _("empty file; expected a JSON value such as {\"title\": ..., \"announcements\": [...]}"));

  /* The second half on another thread, from a guessed element of the
   * top-level object's array (the announcements): most of a dataset. */
  if (split_from < len && (gsize) (first.s.p - first.s.start) < split_from)
    guess = guess_element_start (data, len, split_from);
  if (guess != G_MAXSIZE)
    {
      CmJsonArraySpan unknown = { G_MAXSIZE, 0, 0 };

      second = g_new0 (Run, 1);
      second->s.start = first.s.start;
      second->s.p = first.s.start + guess;
      second->s.end = first.s.end;
      second->s.error = &second_error;
      second->stack[0] = '{';
      second->stack[1] = '[';
      second->depth = 2;
      second_spans = g_array_new (FALSE, FALSE, sizeof (CmJsonArraySpan));
      second_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
      g_array_append_val (second_spans, unknown);
      second->spans = second_spans;
      second->offsets = second_offsets;
      second->stop_at = G_MAXSIZE;
      thread = g_thread_try_new ("cm-scan", run_scan_thread, second, NULL);
      if (thread != NULL)
        first.stop_at = guess;
    }

  /* Element offsets are recorded only with spans. */
  if (spans == NULL)
    first.spans = NULL;
  ok = run_scan (&first);
  if (thread != NULL)
    g_thread_join (thread);

  /* The guess was right: the first half reached it as an element. The
   * second half's result, errors included, is the rest of the file's. */
  if (ok && first.stopped && second != NULL)
    {
      if (spans != NULL)
        {
          CmJsonArraySpan *current = &g_array_index (spans, CmJsonArraySpan, spans->len - 1);
          guint base = element_offsets->len;

          current->n += g_array_index (second_spans, CmJsonArraySpan, 0).n;
          g_array_append_vals (element_offsets, second_offsets->data, second_offsets->len);
          for (guint i = 1; i < second_spans->len; i++)
            {
              CmJsonArraySpan span = g_array_index (second_spans, CmJsonArraySpan, i);

              span.first += base;
              g_array_append_val (spans, span);
            }
        }
      ok = second->ok;
      if (!ok && error != NULL)
        {
          g_free (error->message);
          *error = second_error;
          second_error.message = NULL;
        }
    }
  cm_json_scan_error_clear (&second_error);
  g_free (second);
  return ok;
}

gboolean
cm_json_scan_spans (const char      *data,
                    gsize            len,
                    gsize           *bom_len,
                    GArray          *spans,
                    GArray          *element_offsets,
                    CmJsonScanError *error)
{
  return _cm_json_scan_spans_split (data, len, bom_len, spans, element_offsets,
                                    len >= SPLIT_MIN_BYTES ? len / 2 : G_MAXSIZE, error);
}

void
cm_json_scan_error_clear (CmJsonScanError *error)
{
  if (error != NULL)
    g_clear_pointer (&error->message, g_free);
}

void
cm_json_offset_to_line_column (const char *data,
                               gsize       len,
                               gsize       offset,
                               guint      *line,
                               guint      *column)
{
  const char *p = data;
  const char *end = data + MIN (offset, len);
  const char *line_start = data;
  guint l = 1, col = 1;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      if (nl == NULL)
        break;
      l++;
      p = nl + 1;
      line_start = p;
    }
  /* Count characters, not bytes: editors show columns in characters. */
  for (p = line_start; p < end; p++)
    if (((guchar) *p & 0xC0) != 0x80)
      col++;
  if (line)
    *line = l;
  if (column)
    *column = col;
}
