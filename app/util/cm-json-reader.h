/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CM_JSON_END,      /* no value here: end of a container or of the data */
  CM_JSON_NULL,
  CM_JSON_BOOLEAN,
  CM_JSON_NUMBER,
  CM_JSON_STRING,
  CM_JSON_ARRAY,
  CM_JSON_OBJECT,
} CmJsonType;

/* A pull reader over JSON that cm_json_scan() has already accepted. It keeps
 * no tree, so a large file costs only the data itself, and every value's byte
 * offset is known for error messages. Never use it on unscanned input. */
typedef struct
{
  const char *data;
  gsize       len;
  gsize       pos;
  GString    *key;     /* the last member name, decoded */
  GString    *text;    /* the last string value, decoded */
} CmJsonReader;

void        cm_json_reader_init          (CmJsonReader *reader,
                                          const char   *data,
                                          gsize         len,
                                          gsize         start);
void        cm_json_reader_clear         (CmJsonReader *reader);

CmJsonType  cm_json_reader_peek          (CmJsonReader *reader);
gsize       cm_json_reader_offset        (CmJsonReader *reader);

/* Consume '{' or '[' of the next value. */
void        cm_json_reader_enter         (CmJsonReader *reader);
/* Advance to the next member of the current object: TRUE with reader->key
 * set and the reader before the member's value, or FALSE after the '}'. */
gboolean    cm_json_reader_next_member   (CmJsonReader *reader);
/* Advance to the next element of the current array, or FALSE after ']'. */
gboolean    cm_json_reader_next_element  (CmJsonReader *reader);

const char *cm_json_reader_read_string   (CmJsonReader *reader,
                                          gsize        *len);
/* Span of the next string value as raw bytes in the data (without quotes);
 * *escaped says whether it must be decoded. Consumes the value. */
void        cm_json_reader_string_span   (CmJsonReader *reader,
                                          gsize        *offset,
                                          gsize        *len,
                                          gboolean     *escaped);
double      cm_json_reader_read_double   (CmJsonReader *reader,
                                          gboolean     *is_integer);
gboolean    cm_json_reader_read_boolean  (CmJsonReader *reader);
void        cm_json_reader_skip          (CmJsonReader *reader);

/* Decode a JSON string body (no quotes) into @out (appended). */
void        cm_json_decode_string        (const char   *raw,
                                          gsize         len,
                                          GString      *out);

/* Byte offset of member @name's value in the object at @object_offset, or
 * G_MAXSIZE. Used to point errors at a member found wanting after parsing. */
gsize       cm_json_find_member          (const char   *data,
                                          gsize         len,
                                          gsize         object_offset,
                                          const char   *name);

G_END_DECLS
