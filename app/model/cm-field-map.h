/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cm-csv.h"
#include "cm-date.h"

G_BEGIN_DECLS

/* What a column of an imported table (CSV, spreadsheet, GeoJSON
 * properties) means. The rule that finds each one is in the "Importing"
 * chapter of data/dataset-format.md. */
typedef enum
{
  CM_ROLE_DATE,
  CM_ROLE_END,
  CM_ROLE_TIME,       /* a time of day beside a date */
  CM_ROLE_ZONE,       /* a time zone per row */
  CM_ROLE_LAT,
  CM_ROLE_LON,
  CM_ROLE_PLACE,
  CM_ROLE_TITLE,
  CM_ROLE_CATEGORY,
  CM_ROLE_SUMMARY,
  CM_ROLE_URL,
  CM_N_ROLES,
} CmRole;

/* The option word of a role ("date", "lat", ...), as --ROLE takes it. */
const char *cm_role_to_string   (CmRole      role);

/* What the user chose; everything NULL or 0 is detected. */
typedef struct
{
  char        *columns[CM_N_ROLES];   /* a column name; "" for none */
  char        *zone;                  /* --tz: IANA name or ±HH:MM for times without offset */
  CmDateOrder  date_order;            /* --date-format DMY|MDY */
  char        *encoding;              /* --encoding, for CSV that is not UTF-8 */
  char        *sheet;                 /* --sheet of a spreadsheet */
} CmImportOptions;

void        cm_import_options_clear (CmImportOptions *options);
/* The zone --tz names: an IANA name ("Asia/Shanghai"), "UTC", "Z" or an
 * offset ("+08:00"); NULL for "" and for a zone that does not exist. */
GTimeZone  *cm_import_zone_new      (const char      *text);

/* How numbers in the date column are read. */
typedef enum
{
  CM_NUMBERS_TEXT,        /* not numbers: parsed as text */
  CM_NUMBERS_YEARS,
  CM_NUMBERS_EPOCH_SECONDS,
  CM_NUMBERS_EPOCH_MILLISECONDS,
  CM_NUMBERS_EXCEL_SERIAL,
} CmNumbers;

typedef enum
{
  CM_CELL_NONE,
  CM_CELL_RAW,       /* bytes of the source as they are */
  CM_CELL_CSV,       /* a quoted CSV field: "" for a quote */
  CM_CELL_JSON,      /* a JSON string body with escapes */
  CM_CELL_ARENA,     /* in the table's own arena */
} CmCellKind;

typedef struct
{
  gsize   offset;
  guint32 len;
  guint32 kind;
} CmCell;

/* Rows and named columns, over a CSV in place or filled cell by cell. */
typedef struct
{
  GPtrArray   *names;          /* char *, one per column */
  const char  *data;           /* the source the cells point into */
  const CmCsv *csv;            /* when set, row r is the CSV's row r + 1 */
  GArray      *entries;        /* otherwise: (column, CmCell), row after row */
  GArray      *row_first;      /* guint: each row's first entry, and the end */
  GArray      *row_offsets;    /* gsize: where each row is in the source */
  GArray      *points;         /* double lat, lon per row (NAN: none), or NULL */
  GString     *arena;
  const char  *pointer_prefix; /* "/features" for GeoJSON rows, or NULL */
  double       progress_from;  /* of the reading progress, 0..1: where rows start */
} CmTable;

void        cm_table_init       (CmTable       *table,
                                 const char    *data);
void        cm_table_clear      (CmTable       *table);
guint       cm_table_n_rows     (const CmTable *table);
/* Adds a column (or finds the one of that name) and returns its index. */
guint       cm_table_column     (CmTable       *table,
                                 const char    *name);
void        cm_table_begin_row  (CmTable       *table,
                                 gsize          offset);
void        cm_table_set        (CmTable       *table,
                                 guint          column,
                                 const CmCell  *cell);
void        cm_table_set_text   (CmTable       *table,
                                 guint          column,
                                 const char    *text);
void        cm_table_set_point  (CmTable       *table,
                                 double         lat,
                                 double         lon);
gboolean    cm_table_cell       (const CmTable *table,
                                 guint          row,
                                 guint          column,
                                 CmCell        *cell);
/* The cell's text in @out (emptied first); FALSE for a missing cell. */
gboolean    cm_table_text       (const CmTable *table,
                                 guint          row,
                                 guint          column,
                                 GString       *out);

/* The mapping found or chosen: a column per role, or -1. */
typedef struct
{
  int          column[CM_N_ROLES];
  CmNumbers    numbers;           /* of the date column */
  CmNumbers    end_numbers;
  CmDateOrder  order;
  GTimeZone   *zone;              /* NULL: UTC */
  /* The TimelineJS spreadsheet layout: Year, Month, Day, Time, End Year… */
  gboolean     timelinejs;
  /* Or dates in a year column with month and day columns beside it
   * ("year", "month" of numbers or names, "day"): tjs[] holds those. */
  gboolean     parts;
  int          tjs[10];
  /* Other date columns by name, read when a row's date cell is missing
   * (GeoJSON features that say "date" in one and "start" in another). */
  int          fallback[4];
  CmNumbers    fallback_numbers[4];
  guint32      guessed;           /* 1 << role: by a word in a longer name or by the values */
  char        *error;             /* why nothing can be imported */
  GPtrArray   *notes;             /* char *: what was decided and why */
} CmFieldMap;

/* Finds each role in @table, honouring @options. FALSE with map->error
 * set when a role the user named does not exist or no date is found (the
 * message names the columns seen and how to choose one). */
gboolean    cm_field_map_detect (CmFieldMap            *map,
                                 const CmTable         *table,
                                 const CmImportOptions *options);
void        cm_field_map_clear  (CmFieldMap            *map);

/* The date of @row by the mapping; FALSE with *why (a short reason such
 * as "unreadable date") and *detail when it has none. */
gboolean    cm_field_map_row_date (const CmFieldMap *map,
                                   const CmTable    *table,
                                   guint             row,
                                   GString          *scratch,
                                   CmDate           *date,
                                   CmDate           *end,
                                   gboolean         *has_end,
                                   const char      **why,
                                   char            **detail);

G_END_DECLS
