/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include "cm-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cm-dataset-private.h"
#include "cm-text.h"
#include "cm-json-reader.h"
#include "cm-memory.h"

G_DEFINE_FINAL_TYPE (CmDataset, cm_dataset, G_TYPE_OBJECT)

#define TEXT_OFFSET_BITS 40
#define TEXT_OFFSET_MASK ((G_GUINT64_CONSTANT (1) << TEXT_OFFSET_BITS) - 1)

static void
cm_dataset_finalize (GObject *object)
{
  CmDataset *self = CM_DATASET (object);

  g_clear_pointer (&self->source, g_bytes_unref);
  g_string_free (self->arena, TRUE);
  g_string_chunk_free (self->strings);
  g_ptr_array_unref (self->more_strings);
  g_free (self->title);
  g_free (self->description);
  g_free (self->skip_reasons);
  g_array_unref (self->places);
  g_array_unref (self->categories);
  g_array_unref (self->sources);
  g_array_unref (self->announcements);
  g_array_unref (self->actors);
  g_array_unref (self->source_refs);
  g_hash_table_unref (self->place_ids);
  cm_id_table_free (self->announcement_ids);
  g_free (self->time_order);
  g_free (self->time_order_spans);

  G_OBJECT_CLASS (cm_dataset_parent_class)->finalize (object);
}

static void
cm_dataset_class_init (CmDatasetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cm_dataset_finalize;
}

static void
cm_dataset_init (CmDataset *self)
{
  self->arena = g_string_new (NULL);
  self->strings = g_string_chunk_new (64 * 1024);
  self->more_strings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
  self->places = g_array_new (FALSE, TRUE, sizeof (CmPlace));
  self->categories = g_array_new (FALSE, TRUE, sizeof (CmCategory));
  self->sources = g_array_new (FALSE, TRUE, sizeof (CmSource));
  self->announcements = g_array_new (FALSE, TRUE, sizeof (CmAnnouncement));
  self->actors = g_array_new (FALSE, FALSE, sizeof (const char *));
  self->source_refs = g_array_new (FALSE, FALSE, sizeof (gint32));
  self->place_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->announcement_ids = cm_id_table_new (0);
}

CmDataset *
cm_dataset_new (GBytes *source)
{
  CmDataset *self = g_object_new (CM_TYPE_DATASET, NULL);

  self->source = source ? g_bytes_ref (source) : g_bytes_new_static ("", 0);
  return self;
}

const char *
_cm_dataset_intern (CmDataset  *self,
                    const char *text)
{
  if (text == NULL)
    return NULL;
  return g_string_chunk_insert_const (self->strings, text);
}

static CmText
make_text (guint64 offset,
           gsize   len)
{
  if (len == 0)
    return 0;
  return ((guint64) len << TEXT_OFFSET_BITS) | offset;
}

CmText
_cm_dataset_text_from_string (CmDataset  *self,
                              const char *text)
{
  gsize base = g_bytes_get_size (self->source);
  gsize len = text ? strlen (text) : 0;
  CmText t;

  if (len == 0)
    return 0;
  t = make_text (base + self->arena->len, len);
  g_string_append_len (self->arena, text, len);
  return t;
}

CmText
_cm_dataset_text_in_arena (CmDataset *self,
                           gsize      offset,
                           gsize      len)
{
  return make_text (g_bytes_get_size (self->source) + offset, len);
}

CmText
_cm_dataset_text_shift (CmDataset *self,
                        CmText     text,
                        gsize      delta)
{
  if (text == 0 || (text & TEXT_OFFSET_MASK) < g_bytes_get_size (self->source))
    return text;
  return text + delta;
}

void
_cm_dataset_shift_texts (CmDataset      *self,
                         CmAnnouncement *a,
                         gsize           delta)
{
  a->title = _cm_dataset_text_shift (self, a->title, delta);
  a->summary = _cm_dataset_text_shift (self, a->summary, delta);
  a->date_text = _cm_dataset_text_shift (self, a->date_text, delta);
  a->end_text = _cm_dataset_text_shift (self, a->end_text, delta);
  a->date_note = _cm_dataset_text_shift (self, a->date_note, delta);
}

CmText
_cm_dataset_text_from_json (CmDataset *self,
                            gsize      offset,
                            gsize      len,
                            gboolean   escaped)
{
  gsize base = g_bytes_get_size (self->source);
  gsize before = self->arena->len;

  if (!escaped)
    return make_text (offset, len);

  cm_json_decode_string ((const char *) g_bytes_get_data (self->source, NULL) + offset,
                         len, self->arena);
  return make_text (base + before, self->arena->len - before);
}

const char *
cm_dataset_peek_text (CmDataset *self,
                      CmText     text,
                      gsize     *len)
{
  gsize base, offset;

  g_return_val_if_fail (CM_IS_DATASET (self), NULL);

  *len = 0;
  if (text == 0)
    return NULL;
  base = g_bytes_get_size (self->source);
  offset = text & TEXT_OFFSET_MASK;
  *len = text >> TEXT_OFFSET_BITS;
  if (offset >= base)
    return self->arena->str + (offset - base);
  return (const char *) g_bytes_get_data (self->source, NULL) + offset;
}

char *
cm_dataset_dup_text (CmDataset *self,
                     CmText     text)
{
  const char *bytes;
  gsize len;

  g_return_val_if_fail (CM_IS_DATASET (self), NULL);

  bytes = cm_dataset_peek_text (self, text, &len);
  return bytes != NULL ? g_strndup (bytes, len) : NULL;
}

typedef struct
{
  guint64 key;     /* start - minimum: non-negative, so bytes order it */
  guint32 index;
} SortItem;

/* Stable LSD radix sort of @a on its keys, over the bytes that vary. */
static SortItem *
radix_sort (SortItem *a,
            SortItem *b,
            guint     n)
{
  guint64 span = 0;

  for (guint i = 0; i < n; i++)
    span |= a[i].key;
  for (guint shift = 0; shift < 64 && (span >> shift) != 0; shift += 8)
    {
      guint count[257] = { 0 };
      SortItem *t;

      for (guint i = 0; i < n; i++)
        count[((a[i].key >> shift) & 0xff) + 1]++;
      for (guint k = 1; k < 257; k++)
        count[k] += count[k - 1];
      for (guint i = 0; i < n; i++)
        b[count[(a[i].key >> shift) & 0xff]++] = a[i];
      t = a;
      a = b;
      b = t;
    }
  return a;
}

/* Ties of start in file order: by end, then file order. */
static int
compare_ends (const void *x,
              const void *y,
              void       *data)
{
  const gint64 *end = data;
  const SortItem *a = x, *b = y;

  if (end[a->index] != end[b->index])
    return end[a->index] < end[b->index] ? -1 : 1;
  return (a->index > b->index) - (a->index < b->index);
}

/* Sorts announcements by (start, end, file order): a radix sort by start,
 * stable, then the runs of one start that are not already in order of
 * end sorted by end (file order kept within an end). A million times sort in a few passes over memory
 * where a comparison sort would make twenty million calls, and a million
 * events at one instant cost no more than spread ones. The times are
 * first copied out of the announcements in one pass: read in sorted order
 * from there, every one was a cache miss. */
static void
sort_by_time (CmDataset *self)
{
  GArray *all = self->announcements;
  guint n = all->len;
  g_autofree SortItem *a = cm_new_big (SortItem, n);
  g_autofree SortItem *b = cm_new_big (SortItem, n);
  g_autofree gint64 *start = cm_new_big (gint64, n);
  g_autofree gint64 *end = cm_new_big (gint64, n);
  SortItem *sorted;
  gint64 min_start = G_MAXINT64;

  for (guint i = 0; i < n; i++)
    {
      const CmAnnouncement *x = &g_array_index (all, CmAnnouncement, i);

      start[i] = x->start;
      end[i] = x->end;
      min_start = MIN (min_start, x->start);
    }
  for (guint i = 0; i < n; i++)
    {
      a[i].key = (guint64) (start[i] - min_start);
      a[i].index = i;
    }
  sorted = radix_sort (a, b, n);
  for (guint i = 0, run; i < n; i = run)
    {
      gboolean ordered = TRUE;

      for (run = i + 1; run < n && sorted[run].key == sorted[i].key; run++)
        ordered = ordered && end[sorted[run - 1].index] <= end[sorted[run].index];
      if (ordered)
        continue;
      /* A long run, such as a million of one year with ends of their
       * own, by a radix sort too: stable, so file order stays within an
       * end. A short one would spend more on the sort's counters. */
      if (run - i < 256)
        g_qsort_with_data (sorted + i, (gint) (run - i), sizeof (SortItem), compare_ends, end);
      else
        {
          SortItem *other = sorted == a ? b : a;
          SortItem *by_end;
          gint64 min_end = G_MAXINT64;

          for (guint k = i; k < run; k++)
            min_end = MIN (min_end, end[sorted[k].index]);
          for (guint k = i; k < run; k++)
            sorted[k].key = (guint64) (end[sorted[k].index] - min_end);
          by_end = radix_sort (sorted + i, other + i, run - i);
          if (by_end != sorted + i)
            memcpy (sorted + i, by_end, sizeof (SortItem) * (run - i));
          /* The keys of the run are its ends now: put back its start. */
          for (guint k = i; k < run; k++)
            sorted[k].key = (guint64) (start[sorted[k].index] - min_start);
        }
    }
  for (guint i = 0; i < n; i++)
    {
      guint32 k = sorted[i].index;

      self->time_order[i] = k;
      self->time_order_spans[2 * i] = start[k];
      self->time_order_spans[2 * i + 1] = end[k];
    }
}

void
_cm_dataset_finish (CmDataset *self)
{
  guint n = self->announcements->len;

  self->finished = TRUE;
  self->n_without_place = 0;
  for (guint i = 0; i < n; i++)
    if (g_array_index (self->announcements, CmAnnouncement, i).place < 0)
      self->n_without_place++;
}

const char *
cm_dataset_get_title (CmDataset *self)
{
  g_return_val_if_fail (CM_IS_DATASET (self), NULL);
  return self->title ? self->title : "";
}

const char *
cm_dataset_get_description (CmDataset *self)
{
  g_return_val_if_fail (CM_IS_DATASET (self), NULL);
  return self->description;
}

CmFormat
cm_dataset_get_format (CmDataset *self)
{
  g_return_val_if_fail (CM_IS_DATASET (self), 0);
  return self->format;
}

guint
cm_dataset_get_n_places (CmDataset *self)
{
  g_return_val_if_fail (CM_IS_DATASET (self), 0);
  return self->places->len;
}

const CmPlace *
cm_dataset_get_place (CmDataset *self,
                      guint      index)
{
  g_return_val_if_fail (CM_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->places->len, NULL);
  return &g_array_index (self->places, CmPlace, index);
}

gint
cm_dataset_find_place (CmDataset  *self,
                       const char *id)
{
  g_return_val_if_fail (CM_IS_DATASET (self), -1);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->place_ids, id)) - 1;
}

guint
cm_dataset_get_n_categories (CmDataset *self)
{
  g_return_val_if_fail (CM_IS_DATASET (self), 0);
  return self->categories->len;
}

const CmCategory *
cm_dataset_get_category (CmDataset *self,
                         guint      index)
{
  g_return_val_if_fail (CM_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->categories->len, NULL);
  return &g_array_index (self->categories, CmCategory, index);
}

guint
cm_dataset_get_n_sources (CmDataset *self)
{
  g_return_val_if_fail (CM_IS_DATASET (self), 0);
  return self->sources->len;
}

const CmSource *
cm_dataset_get_source (CmDataset *self,
                       guint      index)
{
  g_return_val_if_fail (CM_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->sources->len, NULL);
  return &g_array_index (self->sources, CmSource, index);
}

guint
cm_dataset_get_n_announcements (CmDataset *self)
{
  g_return_val_if_fail (CM_IS_DATASET (self), 0);
  return self->announcements->len;
}

const CmAnnouncement *
cm_dataset_get_announcement (CmDataset *self,
                             guint      index)
{
  g_return_val_if_fail (CM_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->announcements->len, NULL);
  return &g_array_index (self->announcements, CmAnnouncement, index);
}

gint
cm_dataset_find_announcement (CmDataset  *self,
                              const char *id)
{
  g_return_val_if_fail (CM_IS_DATASET (self), -1);
  g_return_val_if_fail (id != NULL, -1);

  if (self->ids_later && g_once_init_enter (&self->ids_done))
    {
      CmIdTable *table = cm_id_table_new (self->announcements->len);

      for (guint i = 0; i < self->announcements->len; i++)
        {
          const CmAnnouncement *a = &g_array_index (self->announcements, CmAnnouncement, i);

          if (a->id != NULL)
            cm_id_table_insert (table, a->id, i);
        }
      cm_id_table_free (self->announcement_ids);
      self->announcement_ids = table;
      g_once_init_leave (&self->ids_done, 1);
    }
  return cm_id_table_lookup (self->announcement_ids, id);
}

void
_cm_dataset_index_ids_later (CmDataset *self)
{
  self->ids_later = TRUE;
}

void
_cm_dataset_adopt_strings (CmDataset *self,
                           CmDataset *from)
{
  g_ptr_array_add (self->more_strings, g_steal_pointer (&from->strings));
  from->strings = g_string_chunk_new (64);
  g_ptr_array_extend_and_steal (self->more_strings, g_steal_pointer (&from->more_strings));
  from->more_strings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
}

const guint32 *
cm_dataset_get_time_order (CmDataset *self)
{
  g_return_val_if_fail (CM_IS_DATASET (self), NULL);

  /* Sorted on first use, by whichever thread asks first: the window has it
   * done on the loading thread while another builds the timeline index. */
  if (!self->finished)
    return NULL;
  if (g_once_init_enter (&self->time_order_done))
    {
      self->time_order = cm_new_big (guint32, self->announcements->len);
      self->time_order_spans = cm_new_big (gint64, 2 * (gsize) self->announcements->len);
      sort_by_time (self);
      g_once_init_leave (&self->time_order_done, 1);
    }
  return self->time_order;
}

const gint64 *
cm_dataset_get_time_order_spans (CmDataset *self)
{
  g_return_val_if_fail (CM_IS_DATASET (self), NULL);

  return cm_dataset_get_time_order (self) != NULL ? self->time_order_spans : NULL;
}

guint
cm_dataset_get_n_without_place (CmDataset *self)
{
  g_return_val_if_fail (CM_IS_DATASET (self), 0);
  return self->n_without_place;
}

const char *
cm_dataset_get_actor (CmDataset            *self,
                      const CmAnnouncement *a,
                      guint                 i)
{
  g_return_val_if_fail (i < a->n_actors, NULL);
  return g_array_index (self->actors, const char *, a->first_actor + i);
}

gint32
cm_dataset_get_source_ref (CmDataset            *self,
                           const CmAnnouncement *a,
                           guint                 i)
{
  g_return_val_if_fail (i < a->n_sources, -1);
  return g_array_index (self->source_refs, gint32, a->first_source + i);
}

gboolean
cm_dataset_get_time_range (CmDataset *self,
                           gint64    *start,
                           gint64    *end)
{
  const guint32 *order;
  guint n;
  gint64 lo, hi = G_MININT64;

  g_return_val_if_fail (CM_IS_DATASET (self), FALSE);

  n = self->announcements->len;
  order = n > 0 ? cm_dataset_get_time_order (self) : NULL;
  if (order == NULL)
    return FALSE;
  lo = g_array_index (self->announcements, CmAnnouncement, order[0]).start;
  for (guint i = 0; i < n; i++)
    hi = MAX (hi, g_array_index (self->announcements, CmAnnouncement, i).end);
  if (start)
    *start = lo;
  if (end)
    *end = hi;
  return TRUE;
}

guint
cm_dataset_match_categories (CmDataset      *self,
                             const gboolean *shown,
                             guint8         *match)
{
  g_autofree guint8 *pass = NULL;
  guint n_categories, n, matched = 0;

  g_return_val_if_fail (CM_IS_DATASET (self), 0);

  /* A table by category index: one load per announcement. Slot 0 is for
   * no category, which no loader makes today; it passes only when all
   * do. */
  n_categories = self->categories->len;
  n = self->announcements->len;
  pass = g_new (guint8, n_categories + 1);
  pass[0] = TRUE;
  for (guint c = 0; c < n_categories; c++)
    {
      pass[c + 1] = shown[c] != FALSE;
      pass[0] &= pass[c + 1];
    }
  for (guint i = 0; i < n; i++)
    {
      gint32 c = g_array_index (self->announcements, CmAnnouncement, i).category;

      match[i] &= pass[c + 1];
      matched += match[i];
    }
  return matched;
}

const char *
cm_place_kind_to_string (CmPlaceKind kind)
{
  switch (kind)
    {
    case CM_PLACE_COUNTRY: return "country";
    case CM_PLACE_PROVINCE: return "province";
    case CM_PLACE_CITY: return "city";
    case CM_PLACE_DISTRICT: return "district";
    case CM_PLACE_UNKNOWN:
    default: return NULL;
    }
}

char *
cm_dataset_format_when (CmDataset            *self,
                        const CmAnnouncement *a)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (CM_IS_DATASET (self), NULL);

  start = cm_date_format (a->start, a->precision);
  if (a->end_precision == 0)
    return g_steal_pointer (&start);
  /* The end is the start of its last unit, not the exclusive bound. */
  {
    CmDate last;
    int y, m, d;
    gint64 days = (a->end - 1) >= 0 ? (a->end - 1) / 86400 : -((-(a->end - 1) + 86399) / 86400);

    /* Deep time is years only, and beyond the range of an int. */
    if (a->end_precision == CM_PRECISION_YEAR)
      cm_date_from_year (&last, cm_date_year_of (a->end - 1));
    else
      {
        cm_date_civil_from_days (days, &y, &m, &d);
        cm_date_from_parts (&last, a->end_precision, y, m, d, 0, 0, 0);
      }
    if (a->end_precision >= CM_PRECISION_MINUTE)
      last.start = a->end - (a->end_precision == CM_PRECISION_MINUTE ? 60 : 1);
    end = cm_date_format (last.start, a->end_precision);
  }
  if (g_strcmp0 (start, end) == 0)
    return g_steal_pointer (&start);
  return g_strdup_printf ("%s – %s", start, end);
}

guint
cm_dataset_get_n_skipped (CmDataset *self)
{
  g_return_val_if_fail (CM_IS_DATASET (self), 0);
  return self->n_skipped;
}

char *
cm_dataset_format_import_summary (CmDataset *self)
{
  g_autofree char *shown = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *skipped = NULL;

  g_return_val_if_fail (CM_IS_DATASET (self), NULL);

  if (self->n_skipped == 0)
    return NULL;
  shown = cm_format_count (self->announcements->len);
  rows = cm_format_count (self->n_rows);
  skipped = cm_format_count (self->n_skipped);
  /* Translators: "59 of 1,188 rows shown — 1,129 skipped: unreadable
   * date": the announcements shown, the rows (or features, or events: the
   * third %s, translated with the context "units") and the skipped ones,
   * then why. */
  return g_strdup_printf (_("%s of %s %s shown — %s skipped: %s"), shown, rows,
                          g_dpgettext2 (GETTEXT_PACKAGE, "units", self->row_word ? self->row_word : "rows"), skipped,
                          self->skip_reasons ? self->skip_reasons : _("unusable"));

}

char *
cm_dataset_format_place (CmDataset *self,
                         gint32     place)
{
  const CmPlace *p;

  g_return_val_if_fail (CM_IS_DATASET (self), NULL);

  if (place < 0 || (guint) place >= self->places->len)
    return NULL;
  p = &g_array_index (self->places, CmPlace, place);
  if (p->local_name && *p->local_name && g_strcmp0 (p->local_name, p->name) != 0)
    return g_strdup_printf ("%s (%s)", p->name, p->local_name);
  return g_strdup (p->name);
}
