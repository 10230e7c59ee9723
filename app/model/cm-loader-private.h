/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-dataset-private.h"
#include "cm-diagnostic.h"
#include "cm-field-map.h"
#include "cm-import-preview.h"
#include "cm-json-reader.h"
#include "cm-json-scan.h"
#include "cm-loader.h"

G_BEGIN_DECLS

/* State shared by the format readers while one file loads. */
typedef struct
{
  CmDataset      *dataset;
  CmDiagnostics  *diags;
  const char     *data;
  gsize           len;
  CmJsonReader    reader;
  GString        *pointer;       /* JSON Pointer of the value being read */
  CmLoadProgress  progress;
  gpointer        progress_data;
  GCancellable   *cancellable;
  gboolean        cancelled;

  /* Where the top-level arrays' elements start (from the scan). */
  const CmJsonArraySpan *spans;
  guint           n_spans;
  const gsize    *elements;

  /* A worker thread's own storage, merged into the dataset when it is
   * done; NULL on the loading thread, which uses the dataset's. */
  GStringChunk   *strings;
  GString        *arena;

  /* Imports: the user's mapping (may be NULL) and the skipped items,
   * summarised per reason when the file is read. */
  const CmImportOptions *options;
  struct _CmSkips       *skips;
  /* When set, the table read is recorded in it for the Import dialog. */
  CmImportPreview       *preview;
} CmLoad;

/* The progress reported: the scan takes the first fifth, reading the
 * items most of the rest; the caller's indexing the last tenth. */
#define CM_LOAD_SCANNED 0.2
#define CM_LOAD_READING(fraction) (CM_LOAD_SCANNED + 0.7 * (fraction))

/* A copy of @text, owned by the dataset: for strings that are unique. */
const char *_cm_load_copy        (CmLoad     *load,
                                  const char *text);
const char *_cm_load_intern      (CmLoad     *load,
                                  const char *text);
/* Dataset text for a JSON string body (see _cm_dataset_text_from_json). */
CmText      _cm_load_text_ref    (CmLoad     *load,
                                  gsize       offset,
                                  gsize       len,
                                  gboolean    escaped);
/* The span of the array whose '[' is at @offset, or NULL. */
const CmJsonArraySpan *_cm_load_find_span (CmLoad *load,
                                           gsize   offset);

void        _cm_load_error       (CmLoad     *load,
                                  gsize       offset,
                                  const char *format,
                                  ...) G_GNUC_PRINTF (3, 4);
void        _cm_load_warning     (CmLoad     *load,
                                  gsize       offset,
                                  const char *format,
                                  ...) G_GNUC_PRINTF (3, 4);
void        _cm_load_note        (CmLoad     *load,
                                  gsize       offset,
                                  const char *format,
                                  ...) G_GNUC_PRINTF (3, 4);

/* Pointer bookkeeping: push returns the length to pop back to. */
gsize       _cm_load_push_key    (CmLoad     *load,
                                  const char *key);
gsize       _cm_load_push_index  (CmLoad     *load,
                                  guint       index);
void        _cm_load_pop         (CmLoad     *load,
                                  gsize       mark);

const char *_cm_json_type_name   (CmJsonType  type);
/* If the next value is not of @type, reports "expected WHAT, found ..." at
 * the current pointer, skips the value and returns FALSE. */
gboolean    _cm_load_expect      (CmLoad     *load,
                                  CmJsonType  type,
                                  const char *what);
/* Reads a string member value; reports and returns NULL when it is not a
 * string (or empty, if @non_empty). The result lives until the next read. */
const char *_cm_load_string      (CmLoad     *load,
                                  gboolean    non_empty);
/* Reads a string value into dataset text (no copy when possible). */
gboolean    _cm_load_text        (CmLoad     *load,
                                  CmText     *text);
/* Reports progress and honours cancellation; TRUE to go on. */
gboolean    _cm_load_tick        (CmLoad     *load,
                                  double      fraction);
guint32     _cm_palette_color    (guint       index);
/* Category index for a label, creating it with a palette colour. */
gint32      _cm_load_category_for_label (CmLoad     *load,
                                         GHashTable *by_label,
                                         const char *label);
/* Plain text out of HTML such as TimelineJS headlines. */
char       *_cm_html_to_text     (const char *html);

gboolean    _cm_load_native      (CmLoad *load);
gboolean    _cm_load_geojson     (CmLoad *load);
gboolean    _cm_load_timelinejs  (CmLoad *load);
gboolean    _cm_load_csv         (CmLoad *load);
/* What GDAL-read kind the bytes are ("a GeoPackage (SQLite)"), or NULL. */
const char *_cm_gdal_detect      (const char *data,
                                  gsize       len);
/* Reads it through GDAL; @path is the file's, for Shapefiles (may be NULL). */
gboolean    _cm_load_gdal        (CmLoad     *load,
                                  const char *what,
                                  const char *path);

/* What the items of a file are called in messages: each message has its
 * own sentence per unit, so that a translation can word them whole. */
typedef enum
{
  CM_LOAD_ROWS,
  CM_LOAD_FEATURES,
  CM_LOAD_EVENTS,
} CmLoadUnit;

/* Adds the rows of @table as announcements by the field mapping, the
 * skipped ones summarised; @unit is CM_LOAD_ROWS or CM_LOAD_FEATURES.
 * FALSE when nothing can be mapped (reported). */
gboolean    _cm_load_table       (CmLoad     *load,
                                  CmTable    *table,
                                  CmLoadUnit  unit,
                                  GHashTable *places);

/* What _cm_load_rows counted, for the table's notes. */
typedef struct
{
  guint n_no_point;
  guint n_bad_point;
  guint n_title_rows;
  gboolean located_by_name;   /* no coordinates: places were looked up by name */
} CmRowCounts;

/* cm-load-rows.c: the rows of @table as announcements by @map, in two
 * threads when there are many. */
void        _cm_load_rows        (CmLoad           *load,
                                  const CmTable    *table,
                                  const CmFieldMap *map,
                                  CmLoadUnit        unit,
                                  GHashTable       *places,
                                  CmRowCounts      *counts);

/* cm-import-preview.c: the columns, first rows and mapping of @table;
 * @mapped is whether cm_field_map_detect found a date. */
void        _cm_import_preview_capture (CmImportPreview  *preview,
                                        const CmTable    *table,
                                        const CmFieldMap *map,
                                        gboolean          mapped);

/* An item that cannot be used: counted under @reason, an N_() string
 * ("unreadable date") translated when it is shown; the first three are
 * reported where they are, the first with the message @format gives. */
void        _cm_load_skip        (CmLoad     *load,
                                  gsize       offset,
                                  const char *pointer,
                                  const char *reason,
                                  const char *format,
                                  ...) G_GNUC_PRINTF (5, 6);
/* Reports the skips, one warning per reason, and records the counts in
 * the dataset; @n_items is how many there were. */
void        _cm_load_finish_skips (CmLoad    *load,
                                   guint       n_items,
                                   CmLoadUnit  unit);

/* Adds the skips @from met after those of @into, leaving @from's empty. */
void        _cm_load_merge_skips  (CmLoad    *into,
                                   CmLoad    *from);

/* Drops skips never reported: a load that failed before its end. */
void        _cm_load_clear_skips  (CmLoad    *load);

G_END_DECLS

G_BEGIN_DECLS

/* The table of imported places by point and name, for
 * _cm_load_point_place. */
GHashTable *_cm_load_places_new  (void);
/* The title of a file that has none: its name without the extension, or
 * @fallback when it has no name. */
char       *_cm_load_title_from_file (CmLoad     *load,
                                      const char *fallback);
/* The place of an imported point, made on first use: items at the same
 * point with the same name share it. @places (_cm_load_places_new) maps
 * keys to index + 1. */
gint32      _cm_load_point_place (CmLoad       *load,
                                  GHashTable   *places,
                                  double        lat,
                                  double        lon,
                                  const char   *name);

/* Adds an imported item as an announcement; text is copied into the
 * dataset. Ids that repeat are made unique by the item's index. */
void        _cm_load_add_item    (CmLoad       *load,
                                  guint         index,
                                  const char   *id,
                                  const char   *title,
                                  const char   *summary,
                                  const char   *date_note,
                                  const CmDate *date,
                                  const CmDate *end,
                                  gint32        place,
                                  gint32        category);

G_END_DECLS
