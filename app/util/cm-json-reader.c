/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include <string.h>

#include "cm-json-reader.h"
#include "cm-memory.h"

void
cm_json_reader_init (CmJsonReader *reader,
                     const char   *data,
                     gsize         len,
                     gsize         start)
{
  reader->data = data;
  reader->len = len;
  reader->pos = start;
  reader->key = g_string_sized_new (64);
  reader->text = g_string_sized_new (256);
}

void
cm_json_reader_clear (CmJsonReader *reader)
{
  if (reader->key)
    g_string_free (reader->key, TRUE);
  if (reader->text)
    g_string_free (reader->text, TRUE);
  reader->key = NULL;
  reader->text = NULL;
}

static inline void
skip_ws (CmJsonReader *r)
{
  while (r->pos < r->len)
    {
      char c = r->data[r->pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
        break;
      r->pos++;
    }
}

CmJsonType
cm_json_reader_peek (CmJsonReader *reader)
{
  skip_ws (reader);
  if (reader->pos >= reader->len)
    return CM_JSON_END;
  switch (reader->data[reader->pos])
    {
    case '{': return CM_JSON_OBJECT;
    case '[': return CM_JSON_ARRAY;
    case '"': return CM_JSON_STRING;
    case 't': case 'f': return CM_JSON_BOOLEAN;
    case 'n': return CM_JSON_NULL;
    case '}': case ']': case ',': case ':': return CM_JSON_END;
    default: return CM_JSON_NUMBER;
    }
}

gsize
cm_json_reader_offset (CmJsonReader *reader)
{
  skip_ws (reader);
  return reader->pos;
}

void
cm_json_reader_enter (CmJsonReader *reader)
{
  skip_ws (reader);
  g_assert (reader->data[reader->pos] == '{' || reader->data[reader->pos] == '[');
  reader->pos++;
}

/* Moves past ',' and reports whether a container closes here. */
static gboolean
next_item (CmJsonReader *r,
           char          close)
{
  skip_ws (r);
  if (r->pos < r->len && r->data[r->pos] == ',')
    {
      r->pos++;
      skip_ws (r);
    }
  if (r->pos >= r->len || r->data[r->pos] == close)
    {
      r->pos++;
      return FALSE;
    }
  return TRUE;
}

static gsize
string_end (CmJsonReader *r,
            gboolean     *escaped)
{
  gsize i = r->pos + 1;

  *escaped = FALSE;
  for (;;)
    {
      const char *q = memchr (r->data + i, '"', r->len - i);
      const char *b;

      g_assert (q != NULL);
      b = memchr (r->data + i, '\\', q - (r->data + i));
      if (b == NULL)
        return q - r->data;
      /* An escape precedes the quote: step over it and look again. */
      *escaped = TRUE;
      i = (b - r->data) + 2;
    }
}

gboolean
cm_json_reader_next_member (CmJsonReader *reader)
{
  gsize start, len;
  gboolean escaped;

  if (!next_item (reader, '}'))
    return FALSE;

  cm_json_reader_string_span (reader, &start, &len, &escaped);
  g_string_truncate (reader->key, 0);
  if (escaped)
    cm_json_decode_string (reader->data + start, len, reader->key);
  else
    cm_string_append_len (reader->key, reader->data + start, len);

  skip_ws (reader);
  g_assert (reader->data[reader->pos] == ':');
  reader->pos++;
  return TRUE;
}

gboolean
cm_json_reader_next_element (CmJsonReader *reader)
{
  return next_item (reader, ']');
}

void
cm_json_reader_string_span (CmJsonReader *reader,
                            gsize        *offset,
                            gsize        *len,
                            gboolean     *escaped)
{
  gsize end;

  skip_ws (reader);
  g_assert (reader->data[reader->pos] == '"');
  end = string_end (reader, escaped);
  *offset = reader->pos + 1;
  *len = end - *offset;
  reader->pos = end + 1;
}

const char *
cm_json_reader_read_string (CmJsonReader *reader,
                            gsize        *len)
{
  gsize start, n;
  gboolean escaped;

  cm_json_reader_string_span (reader, &start, &n, &escaped);
  g_string_truncate (reader->text, 0);
  if (escaped)
    cm_json_decode_string (reader->data + start, n, reader->text);
  else
    cm_string_append_len (reader->text, reader->data + start, n);
  if (len)
    *len = reader->text->len;
  return reader->text->str;
}

double
cm_json_reader_read_double (CmJsonReader *reader,
                            gboolean     *is_integer)
{
  char buf[520];
  gsize start, n;
  gboolean integer = TRUE;

  skip_ws (reader);
  start = reader->pos;
  while (reader->pos < reader->len)
    {
      char c = reader->data[reader->pos];
      if (c == '.' || c == 'e' || c == 'E')
        integer = FALSE;
      else if (!(g_ascii_isdigit (c) || c == '-' || c == '+'))
        break;
      reader->pos++;
    }
  n = MIN (reader->pos - start, sizeof buf - 1);
  memcpy (buf, reader->data + start, n);
  buf[n] = '\0';
  if (is_integer)
    *is_integer = integer;
  return g_ascii_strtod (buf, NULL);
}

gboolean
cm_json_reader_read_boolean (CmJsonReader *reader)
{
  skip_ws (reader);
  if (reader->data[reader->pos] == 't')
    {
      reader->pos += 4;
      return TRUE;
    }
  reader->pos += 5;
  return FALSE;
}

void
cm_json_reader_skip (CmJsonReader *reader)
{
  int depth = 0;

  /* Iterative, so depth costs nothing; the scan already bounded it. */
  do
    {
      gboolean escaped;
      char c;

      skip_ws (reader);
      if (reader->pos >= reader->len)
        return;
      c = reader->data[reader->pos];
      switch (c)
        {
        case '{': case '[':
          depth++;
          reader->pos++;
          break;
        case '}': case ']':
          depth--;
          reader->pos++;
          break;
        case ',': case ':':
          reader->pos++;
          break;
        case '"':
          reader->pos = string_end (reader, &escaped) + 1;
          break;
        default:
          while (reader->pos < reader->len)
            {
              c = reader->data[reader->pos];
              if (c == ',' || c == '}' || c == ']' || c == ' ' ||
                  c == '\n' || c == '\r' || c == '\t')
                break;
              reader->pos++;
            }
          break;
        }
    }
  while (depth > 0);
}

static guint
hex4 (const char *p)
{
  guint v = 0;
  for (int i = 0; i < 4; i++)
    v = (v << 4) | (guint) g_ascii_xdigit_value (p[i]);
  return v;
}

void
cm_json_decode_string (const char *raw,
                       gsize       len,
                       GString    *out)
{
  const char *p = raw;
  const char *end = raw + len;

  while (p < end)
    {
      const char *b = memchr (p, '\\', end - p);
      gunichar cp;

      if (b == NULL)
        {
          cm_string_append_len (out, p, end - p);
          return;
        }
      cm_string_append_len (out, p, b - p);
      p = b + 1;
      switch (*p)
        {
        case 'b': g_string_append_c (out, '\b'); p++; break;
        case 'f': g_string_append_c (out, '\f'); p++; break;
        case 'n': g_string_append_c (out, '\n'); p++; break;
        case 'r': g_string_append_c (out, '\r'); p++; break;
        case 't': g_string_append_c (out, '\t'); p++; break;
        case 'u':
          cp = hex4 (p + 1);
          p += 5;
          if (cp >= 0xD800 && cp <= 0xDBFF)
            {
              /* The scan guarantees the low half follows. */
              cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4 (p + 2) - 0xDC00);
              p += 6;
            }
          g_string_append_unichar (out, cp);
          break;
        default:
          g_string_append_c (out, *p);
          p++;
          break;
        }
    }
}

gsize
cm_json_find_member (const char *data,
                     gsize       len,
                     gsize       object_offset,
                     const char *name)
{
  CmJsonReader r;
  gsize found = G_MAXSIZE;

  cm_json_reader_init (&r, data, len, object_offset);
  if (cm_json_reader_peek (&r) == CM_JSON_OBJECT)
    {
      cm_json_reader_enter (&r);
      while (cm_json_reader_next_member (&r))
        {
          if (strcmp (r.key->str, name) == 0)
            found = cm_json_reader_offset (&r);
          cm_json_reader_skip (&r);
        }
    }
  cm_json_reader_clear (&r);
  return found;
}
