/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cm-date.h"

G_BEGIN_DECLS

typedef enum
{
  CM_PLACE_UNKNOWN,
  CM_PLACE_COUNTRY,
  CM_PLACE_PROVINCE,
  CM_PLACE_CITY,
  CM_PLACE_DISTRICT,
} CmPlaceKind;

typedef enum
{
  CM_FORMAT_CHRONOMAP,
  CM_FORMAT_GEOJSON,
  CM_FORMAT_TIMELINEJS,
  CM_FORMAT_CSV,
} CmFormat;

typedef enum
{
  CM_COORDS_NONE,
  CM_COORDS_DATASET,     /* lat/lon given in the file */
  CM_COORDS_GAZETTEER,   /* resolved offline by name */
} CmCoordsSource;

typedef struct
{
  const char     *id;
  const char     *name;
  const char     *local_name;   /* NULL when absent */
  const char     *country;      /* ISO 3166-1 alpha-2 or NULL */
  CmPlaceKind     kind;
  gint32          parent;       /* place index or -1 */
  CmCoordsSource  coords;
  double          lat;
  double          lon;
} CmPlace;

typedef struct
{
  const char *id;
  const char *label;
  guint32     color;            /* 0xRRGGBB */
} CmCategory;

typedef struct
{
  const char *id;
  const char *title;
  const char *publisher;
  const char *date;
  const char *url;
} CmSource;

/* A reference to text held by the dataset without a copy: most strings are
 * read straight out of the loaded file when shown. 0 is "no text". */
typedef guint64 CmText;

/* One announcement, compact: about 80 bytes, no GObject. Times are an
 * interval [start, end) in seconds since the epoch (see cm-date.h). */
typedef struct
{
  const char *id;
  CmText      title;
  CmText      summary;
  CmText      date_text;       /* the date as written in the file */
  CmText      end_text;
  CmText      date_note;
  gint64      start;
  gint64      end;
  gint32      place;           /* -1 for none (timeline only) */
  gint32      category;
  guint32     first_actor;     /* index into the actors list */
  guint32     first_source;    /* index into the source-reference list */
  guint16     n_actors;
  guint16     n_sources;
  guint8      precision;       /* CmPrecision of the start */
  guint8      end_precision;   /* CmPrecision of the end, 0 without end */
} CmAnnouncement;

#define CM_TYPE_DATASET (cm_dataset_get_type ())
G_DECLARE_FINAL_TYPE (CmDataset, cm_dataset, CM, DATASET, GObject)

CmDataset            *cm_dataset_new                 (GBytes        *source);

const char           *cm_dataset_get_title           (CmDataset     *self);
const char           *cm_dataset_get_description     (CmDataset     *self);
CmFormat              cm_dataset_get_format          (CmDataset     *self);

guint                 cm_dataset_get_n_places        (CmDataset     *self);
const CmPlace        *cm_dataset_get_place           (CmDataset     *self,
                                                      guint          index);
gint                  cm_dataset_find_place          (CmDataset     *self,
                                                      const char    *id);
guint                 cm_dataset_get_n_categories    (CmDataset     *self);
const CmCategory     *cm_dataset_get_category        (CmDataset     *self,
                                                      guint          index);
guint                 cm_dataset_get_n_sources       (CmDataset     *self);
const CmSource       *cm_dataset_get_source          (CmDataset     *self,
                                                      guint          index);

guint                 cm_dataset_get_n_announcements (CmDataset     *self);
const CmAnnouncement *cm_dataset_get_announcement    (CmDataset     *self,
                                                      guint          index);
gint                  cm_dataset_find_announcement   (CmDataset     *self,
                                                      const char    *id);
/* Announcement indices sorted by (start, end, file order). */
const guint32        *cm_dataset_get_time_order      (CmDataset     *self);
/* The start and end of each announcement in that order, in pairs: a
 * filter on time reads them in sequence instead of the announcements at
 * random. */
const gint64         *cm_dataset_get_time_order_spans (CmDataset    *self);
guint                 cm_dataset_get_n_without_place (CmDataset     *self);

/* The bytes of @text where the dataset holds them (not NUL-terminated),
 * or NULL with *@len 0 for no text. */
const char           *cm_dataset_peek_text           (CmDataset     *self,
                                                      CmText         text,
                                                      gsize         *len);
/* Newly allocated UTF-8 text, or NULL for no text. */
char                 *cm_dataset_dup_text            (CmDataset     *self,
                                                      CmText         text);
const char           *cm_dataset_get_actor           (CmDataset     *self,
                                                      const CmAnnouncement *a,
                                                      guint          i);
gint32                cm_dataset_get_source_ref      (CmDataset     *self,
                                                      const CmAnnouncement *a,
                                                      guint          i);
/* Time range covered by all announcements; FALSE when there are none. */
gboolean              cm_dataset_get_time_range      (CmDataset     *self,
                                                      gint64        *start,
                                                      gint64        *end);
/* Clears match[i] for each announcement whose category is not shown;
 * @shown has one flag per category. Returns how many still match. */
guint                 cm_dataset_match_categories    (CmDataset     *self,
                                                      const gboolean *shown,
                                                      guint8        *match);
const char           *cm_place_kind_to_string        (CmPlaceKind    kind);

G_END_DECLS

G_BEGIN_DECLS

/* When an announcement happened, at the precision given: "14 Apr 2023",
 * "Nov 2021", "Dec 2021 – Jan 2022". */
char *cm_dataset_format_when (CmDataset            *self,
                              const CmAnnouncement *a);
/* Imported rows that could not be used (0 for native datasets), and
 * "59 of 1,188 rows shown — 1,129 skipped: unreadable date", or NULL when
 * none was skipped. */
guint cm_dataset_get_n_skipped        (CmDataset *self);
char *cm_dataset_format_import_summary (CmDataset *self);
/* "Hebi (鹤壁市)", or NULL for none. */
char *cm_dataset_format_place (CmDataset           *self,
                               gint32               place);

G_END_DECLS
