/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-dataset.h"

G_BEGIN_DECLS

/* Search over a dataset's announcements. Text is folded once, as queries
 * are: lower case, compatibility decomposition (full-width letters and
 * digits become plain ones, ligatures split) and combining marks dropped
 * (é is e), so a query typed plainly finds what the file spells with
 * accents or in full width. Chinese has no spaces between words, so terms
 * match anywhere, as substrings. An announcement matches a query when
 * each of its terms (split at white space) is in its title, its actors,
 * its id, the name, local name or id of its place, or the label or id of
 * its category. Summaries are left out: at a million announcements they
 * would double the memory the dataset takes. Only a title's first 4 KB,
 * and the first 256 bytes of an actor or id, are searched. */
typedef struct _CmTextIndex CmTextIndex;

CmTextIndex *cm_text_index_new    (CmDataset   *dataset);
void         cm_text_index_free   (CmTextIndex *index);
/* Sets @match[i] (one byte per announcement) to 1 where announcement i
 * matches @query, else 0; returns how many match. A query with no terms
 * matches every announcement. */
guint        cm_text_index_match  (CmTextIndex *index,
                                   const char  *query,
                                   guint8      *match);

/* Appends the folded form of @len bytes of UTF-8 @text (−1: up to NUL);
 * control characters become spaces. */
void         cm_text_fold_append  (GString     *out,
                                   const char  *text,
                                   gssize       len);
char        *cm_text_fold         (const char  *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CmTextIndex, cm_text_index_free)

G_END_DECLS
