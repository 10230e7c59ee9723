/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-dataset.h"
#include "cm-id-table.h"

G_BEGIN_DECLS

/* The loaders fill a dataset through these; the rest of the app only reads. */
struct _CmDataset
{
  GObject       parent_instance;

  GBytes       *source;        /* the file's bytes; CmText points into them */
  GString      *arena;         /* decoded or made-up text; CmText past the source */
  GStringChunk *strings;       /* interned short strings: ids, names */
  GPtrArray    *more_strings;  /* GStringChunks adopted from loading threads */

  char         *title;
  char         *description;
  CmFormat      format;

  GArray       *places;        /* CmPlace */
  GArray       *categories;    /* CmCategory */
  GArray       *sources;       /* CmSource */
  GArray       *announcements; /* CmAnnouncement */
  GArray       *actors;        /* const char * (interned) */
  GArray       *source_refs;   /* gint32 */

  GHashTable   *place_ids;     /* id -> index + 1 */
  CmIdTable    *announcement_ids;
  gboolean      ids_later;     /* announcement_ids is built on first use */
  gsize         ids_done;      /* g_once_init_* */

  gboolean      finished;
  gsize         time_order_done;  /* g_once_init_*: sorted on first use */
  guint32      *time_order;
  gint64       *time_order_spans;  /* start, end of time_order[i] */
  guint         n_without_place;

  /* Imports: the rows or items read and those skipped, with the reasons
   * ("unreadable date"), for "59 of 1,188 rows shown — 1,129 skipped". */
  guint         n_rows;
  guint         n_skipped;
  char         *skip_reasons;
  const char   *row_word;      /* NC_("units", "rows"), "features", "events" */
};

const char *_cm_dataset_intern        (CmDataset  *self,
                                       const char *text);
/* Text that sits verbatim in the source (no escapes) is referenced; other
 * text is decoded once into the arena. */
CmText      _cm_dataset_text_from_json (CmDataset  *self,
                                        gsize       offset,
                                        gsize       len,
                                        gboolean    escaped);
CmText      _cm_dataset_text_from_string (CmDataset  *self,
                                          const char *text);
/* A reference to @len bytes at @offset of the dataset's arena. */
CmText      _cm_dataset_text_in_arena  (CmDataset  *self,
                                        gsize       offset,
                                        gsize       len);
/* Shifts an arena reference by @delta bytes; others are returned as is. */
CmText      _cm_dataset_text_shift     (CmDataset  *self,
                                        CmText      text,
                                        gsize       delta);
/* Shifts @a's arena references by @delta bytes: an announcement read
 * into another thread's arena, appended to this one's. */
void        _cm_dataset_shift_texts    (CmDataset      *self,
                                        CmAnnouncement *a,
                                        gsize           delta);
/* The announcements' ids are unique by construction: indexed only if
 * cm_dataset_find_announcement is ever called, which a million inserts
 * into the table would otherwise cost every import. */
void        _cm_dataset_index_ids_later (CmDataset *self);
/* Keeps @from's interned and copied strings alive as long as @self. */
void        _cm_dataset_adopt_strings  (CmDataset  *self,
                                        CmDataset  *from);
/* Sorts, indexes and freezes the dataset once loading is done. */
void        _cm_dataset_finish         (CmDataset  *self);

G_END_DECLS
