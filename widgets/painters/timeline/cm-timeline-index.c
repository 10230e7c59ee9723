/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-timeline"

#include <stdlib.h>
#include <string.h>

#include "cm-memory.h"
#include "cm-timeline-index.h"

/* A split base: its slice of the base layout and its two groups. */
typedef struct
{
  guint base;
  guint dimmed;
  guint shown;
} Split;

struct _CmTimelineIndex
{
  gatomicrefcount  ref_count;

  guint            n_marks;
  gint64          *start;
  gint64          *end;
  guint8          *kind;
  guint16         *lane;
  guint16         *color;
  guint8          *flags;
  /* Each mark's base group: its lane, colour and length class, numbered
   * in that order once. A regroup only splits them by dimmed state. */
  guint32         *base;
  guint64         *base_keys;
  guint            n_bases;

  guint            n_lanes;
  char           **lane_labels;
  guint            n_colors;
  CmRgba          *palette;
  char           **color_labels;

  /* Each base group's marks in three sorted orders, laid out once, base
   * after base: by start, by end (with each end's mark), by anchor. A
   * regroup after a filter change only reads these in order. */
  guint32         *base_at;            /* n_bases + 1: each base's slice */
  gint64          *base_longest;
  CmIndexEntry    *base_by_start;
  gint64          *base_ends;
  guint32         *base_end_mark;
  CmIndexAnchor   *base_by_anchor;
  guint32         *perm_start;         /* while building only */
  guint32         *perm_end;           /* while building only */
  gint64          *sorted_end;         /* while building only */
  guint32         *perm_anchor;
  gint64          *sorted_anchor;
  guint32         *rank;
  gint64           min_start;
  gint64           max_end;

  CmIndexGroup    *groups;
  guint            n_groups;
  guint           *lane_first_group;   /* n_lanes + 1 entries */
  /* Where the bases split into a dimmed and a shown group put those
   * groups' arrays: n_marks each, made on the first such split and
   * written over by the next. A base all dimmed or all shown is one
   * group over its own slice of the base layout: dimming whole
   * categories moves no mark. */
  CmIndexEntry    *split_by_start;
  gint64          *split_ends;
  CmIndexAnchor   *split_by_anchor;
  const Split     *splits;             /* while regrouping */
  guint            n_split;

  GArray          *selected;           /* guint32, ascending */
  gint64           point_precision;
};

#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)

/* The order of @keys as a permutation, ties in index order. An LSD radix
 * sort on the offsets from the smallest key: times span ~40 bits, so four
 * passes over the data instead of a comparison sort's twenty. */
typedef struct
{
  guint64 *k;
  guint64 *k_tmp;
  guint32 *p_tmp;
} SortScratch;

static void
sort_scratch_init (SortScratch *scratch,
                   guint        n)
{
  scratch->k = cm_new_big (guint64, n);
  scratch->k_tmp = cm_new_big (guint64, n);
  scratch->p_tmp = cm_new_big (guint32, n);
}

static void
sort_scratch_clear (SortScratch *scratch)
{
  g_free (scratch->k);
  g_free (scratch->k_tmp);
  g_free (scratch->p_tmp);
}

/* @scratch: buffers of n entries, reused between sorts on one thread:
 * fresh memory is most of a sort's cost on a virtual machine. */
static guint32 *
sorted_permutation (const gint64 *keys,
                    guint         n,
                    SortScratch  *scratch)
{
  guint64 *k = scratch->k;
  guint64 *k_tmp = scratch->k_tmp;
  guint32 *p_tmp = scratch->p_tmp;
  g_autofree guint *count = g_new (guint, RADIX_SIZE);
  guint32 *perm = cm_new_big (guint32, n);
  gint64 min = G_MAXINT64;
  guint64 range = 0;

  for (guint i = 0; i < n; i++)
    min = MIN (min, keys[i]);
  for (guint i = 0; i < n; i++)
    {
      k[i] = (guint64) keys[i] - (guint64) min;
      range = MAX (range, k[i]);
      perm[i] = i;
    }

  for (guint shift = 0; shift < 64 && (range >> shift) > 0; shift += RADIX_BITS)
    {
      guint sum = 0;

      memset (count, 0, sizeof (guint) * RADIX_SIZE);
      for (guint i = 0; i < n; i++)
        count[(k[i] >> shift) & (RADIX_SIZE - 1)]++;
      for (guint d = 0; d < RADIX_SIZE; d++)
        {
          guint c = count[d];

          count[d] = sum;
          sum += c;
        }
      for (guint i = 0; i < n; i++)
        {
          guint slot = count[(k[i] >> shift) & (RADIX_SIZE - 1)]++;

          k_tmp[slot] = k[i];
          p_tmp[slot] = perm[i];
        }
      memcpy (k, k_tmp, sizeof (guint64) * n);
      memcpy (perm, p_tmp, sizeof (guint32) * n);
    }
  return perm;
}

/* Below this many marks a second thread costs more than it saves. */
#define PARALLEL_MIN_MARKS 65536

/* Runs @there on a second thread and @here on this one, for the two
 * independent halves of a build; in turn when the index is small or no
 * thread can be had. */
static void
run_both (CmTimelineIndex *self,
          GThreadFunc      there,
          void           (*here) (CmTimelineIndex *self))
{
  GThread *thread = NULL;

  if (self->n_marks >= PARALLEL_MIN_MARKS)
    thread = g_thread_try_new ("cm-index", there, self, NULL);
  here (self);
  if (thread != NULL)
    g_thread_join (thread);
  else
    there (self);
}

static inline gint64
anchor_of (CmTimelineIndex *self,
           guint            mark)
{
  return self->start[mark] + (self->end[mark] - self->start[mark]) / 2;
}

static gpointer
sort_ends (gpointer data)
{
  CmTimelineIndex *self = data;
  SortScratch scratch;

  sort_scratch_init (&scratch, self->n_marks);
  self->perm_end = sorted_permutation (self->end, self->n_marks, &scratch);
  sort_scratch_clear (&scratch);
  self->sorted_end = cm_new_big (gint64, self->n_marks);
  for (guint r = 0; r < self->n_marks; r++)
    self->sorted_end[r] = self->end[self->perm_end[r]];
  return NULL;
}

static void
sort_starts_and_anchors (CmTimelineIndex *self)
{
  g_autofree gint64 *anchor = cm_new_big (gint64, self->n_marks);
  SortScratch scratch;

  for (guint i = 0; i < self->n_marks; i++)
    anchor[i] = anchor_of (self, i);
  sort_scratch_init (&scratch, self->n_marks);
  self->perm_start = sorted_permutation (self->start, self->n_marks, &scratch);
  self->perm_anchor = sorted_permutation (anchor, self->n_marks, &scratch);
  sort_scratch_clear (&scratch);
  self->sorted_anchor = cm_new_big (gint64, self->n_marks);
  self->rank = cm_new_big (guint32, self->n_marks);
  for (guint r = 0; r < self->n_marks; r++)
    {
      self->sorted_anchor[r] = anchor[self->perm_anchor[r]];
      self->rank[self->perm_anchor[r]] = r;
    }
}

static guint
length_class (gint64 length)
{
  guint c = 0;

  while (length > 1)
    {
      length >>= 1;
      c++;
    }
  return c;
}

static gpointer
dup_or_zero (gconstpointer src,
             gsize         elem,
             guint         n)
{
  gpointer copy = cm_alloc_big (n, elem);

  if (src == NULL)
    return memset (copy, 0, elem * MAX (n, 1));
  return memcpy (copy, src, elem * n);
}

static char **
dup_labels (const char * const *labels,
            guint               n)
{
  char **out = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    out[i] = g_strdup (labels != NULL && labels[i] != NULL ? labels[i] : "");
  return out;
}

static void
clear_groups (CmTimelineIndex *self)
{
  g_clear_pointer (&self->groups, g_free);
  g_clear_pointer (&self->lane_first_group, g_free);
  self->n_groups = 0;
}

/* Base keys to dense ids: an open-addressing table, since the build
 * looks one up for nearly every mark (marks come in file order, their
 * groups mixed), where GHashTable's calls and boxed keys cost more than
 * the rest of the pass. Keys are stored plus one: 0 marks a free slot. */
typedef struct
{
  guint64 key;
  guint32 id;
} KeyId;

typedef struct
{
  KeyId *slots;
  guint  mask;
  guint  n;
} KeyTable;

static void
key_table_init (KeyTable *t)
{
  t->mask = 255;
  t->n = 0;
  t->slots = g_new0 (KeyId, t->mask + 1);
}

static void
key_table_clear (KeyTable *t)
{
  g_clear_pointer (&t->slots, g_free);
}

static guint
key_slot (const KeyTable *t,
          guint64         stored)
{
  guint slot = (guint) ((stored * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 40) & t->mask;

  while (t->slots[slot].key != 0 && t->slots[slot].key != stored)
    slot = (slot + 1) & t->mask;
  return slot;
}

static guint32
key_table_id (KeyTable *t,
              guint64   key)
{
  guint64 stored = key + 1;
  guint slot = key_slot (t, stored);

  if (t->slots[slot].key == stored)
    return t->slots[slot].id;
  if (2 * (t->n + 1) > t->mask + 1)
    {
      KeyId *old = t->slots;
      guint old_size = t->mask + 1;

      t->mask = 2 * old_size - 1;
      t->slots = g_new0 (KeyId, t->mask + 1);
      for (guint i = 0; i < old_size; i++)
        if (old[i].key != 0)
          t->slots[key_slot (t, old[i].key)] = old[i];
      g_free (old);
      slot = key_slot (t, stored);
    }
  t->slots[slot] = (KeyId) { stored, t->n };
  return t->n++;
}

static int
key_id_compare (const void *a,
                const void *b)
{
  guint64 ka = ((const KeyId *) a)->key;
  guint64 kb = ((const KeyId *) b)->key;

  return ka < kb ? -1 : ka > kb;
}

#define BASE_KEY(lane, color, klass) (((guint64) (lane) << 32) | ((guint64) (color) << 8) | (klass))
#define KEY_LANE(key) ((guint) ((key) >> 32))
#define KEY_COLOR(key) ((guint) (((key) >> 8) & 0xffff))
#define KEY_CLASS(key) ((guint) ((key) & 0xff))

/* Numbers the base groups in (lane, colour, length class) order and
 * gives each mark its own. Done once: a regroup needs no table. */
static void
build_bases (CmTimelineIndex *self,
             const guint8    *klass)
{
  g_autofree KeyId *by_key = NULL;
  g_autofree guint32 *remap = NULL;
  KeyTable table;
  guint64 last_key = G_MAXUINT64;
  guint32 last_id = 0;

  self->base = cm_new_big (guint32, self->n_marks);
  key_table_init (&table);
  for (guint i = 0; i < self->n_marks; i++)
    {
      guint64 key = BASE_KEY (self->lane[i], self->color[i], klass[i]);

      if (key != last_key)
        {
          last_key = key;
          last_id = key_table_id (&table, key);
        }
      self->base[i] = last_id;
    }
  self->n_bases = table.n;

  by_key = g_new (KeyId, MAX (self->n_bases, 1));
  for (guint slot = 0, k = 0; slot <= table.mask; slot++)
    if (table.slots[slot].key != 0)
      by_key[k++] = (KeyId) { table.slots[slot].key - 1, table.slots[slot].id };
  key_table_clear (&table);
  qsort (by_key, self->n_bases, sizeof (KeyId), key_id_compare);
  self->base_keys = g_new (guint64, MAX (self->n_bases, 1));
  remap = g_new (guint32, MAX (self->n_bases, 1));
  for (guint b = 0; b < self->n_bases; b++)
    {
      self->base_keys[b] = by_key[b].key;
      remap[by_key[b].id] = b;
    }
  for (guint i = 0; i < self->n_marks; i++)
    self->base[i] = remap[self->base[i]];
}

/* The base layout, filled in the sorted orders: by start on one thread
 * (reading each mark's times at random), ends and anchors on another
 * (reading only each mark's base at random). Done once per index. */
static void
fill_base_starts (CmTimelineIndex *self)
{
  g_autofree guint32 *fill = g_memdup2 (self->base_at, sizeof (guint32) * (self->n_bases + 1));

  for (guint r = 0; r < self->n_marks; r++)
    {
      guint32 m = self->perm_start[r];

      self->base_by_start[fill[self->base[m]]++] = (CmIndexEntry) { self->start[m], self->end[m], m };
    }
}

static gpointer
fill_base_ends_and_anchors (gpointer data)
{
  CmTimelineIndex *self = data;
  g_autofree guint32 *fill = g_memdup2 (self->base_at, sizeof (guint32) * (self->n_bases + 1));

  for (guint r = 0; r < self->n_marks; r++)
    {
      guint32 m = self->perm_end[r];
      guint at = fill[self->base[m]]++;

      self->base_ends[at] = self->sorted_end[r];
      self->base_end_mark[at] = m;
    }
  memcpy (fill, self->base_at, sizeof (guint32) * (self->n_bases + 1));
  for (guint r = 0; r < self->n_marks; r++)
    {
      guint32 m = self->perm_anchor[r];

      self->base_by_anchor[fill[self->base[m]]++] = (CmIndexAnchor) { self->sorted_anchor[r], m };
    }
  return NULL;
}

static void
build_base_layout (CmTimelineIndex *self)
{
  guint n = self->n_marks;

  self->base_at = g_new0 (guint32, self->n_bases + 1);
  self->base_longest = g_new0 (gint64, MAX (self->n_bases, 1));
  for (guint i = 0; i < n; i++)
    {
      guint b = self->base[i];

      self->base_at[b + 1]++;
      self->base_longest[b] = MAX (self->base_longest[b], self->end[i] - self->start[i]);
    }
  for (guint b = 0; b < self->n_bases; b++)
    self->base_at[b + 1] += self->base_at[b];
  self->base_by_start = cm_new_big (CmIndexEntry, n);
  self->base_ends = cm_new_big (gint64, n);
  self->base_end_mark = cm_new_big (guint32, n);
  self->base_by_anchor = cm_new_big (CmIndexAnchor, n);
  run_both (self, fill_base_ends_and_anchors, fill_base_starts);
  /* Only the build needed the orders by start and by end. */
  g_clear_pointer (&self->perm_start, g_free);
  g_clear_pointer (&self->perm_end, g_free);
  g_clear_pointer (&self->sorted_end, g_free);
}

static inline gboolean
is_dimmed (CmTimelineIndex *self,
           guint32          mark)
{
  return (self->flags[mark] & CM_MARK_FLAG_DIMMED) != 0;
}

/* The split bases' marks dealt to their dimmed and shown groups in the
 * base layout's orders, so that each group stays sorted: a stable
 * partition that reads the layout in order and only the flags at
 * random. */
static void
split_starts (CmTimelineIndex *self)
{
  const Split *splits = self->splits;

  for (guint s = 0; s < self->n_split; s++)
    {
      CmIndexGroup *dim = &self->groups[splits[s].dimmed];
      CmIndexGroup *shown = &self->groups[splits[s].shown];
      guint kd = 0, ks = 0;
      gint64 ld = 0, ls = 0;

      for (guint i = self->base_at[splits[s].base]; i < self->base_at[splits[s].base + 1]; i++)
        {
          const CmIndexEntry *e = &self->base_by_start[i];

          if (is_dimmed (self, e->mark))
            {
              dim->by_start[kd++] = *e;
              ld = MAX (ld, e->end - e->start);
            }
          else
            {
              shown->by_start[ks++] = *e;
              ls = MAX (ls, e->end - e->start);
            }
        }
      dim->max_length = ld;
      shown->max_length = ls;
    }
}

static gpointer
split_ends_and_anchors (gpointer data)
{
  CmTimelineIndex *self = data;
  const Split *splits = self->splits;

  for (guint s = 0; s < self->n_split; s++)
    {
      const CmIndexGroup *dim = &self->groups[splits[s].dimmed];
      const CmIndexGroup *shown = &self->groups[splits[s].shown];
      guint lo = self->base_at[splits[s].base], hi = self->base_at[splits[s].base + 1];
      guint kd = 0, ks = 0;

      for (guint i = lo; i < hi; i++)
        {
          if (is_dimmed (self, self->base_end_mark[i]))
            dim->ends[kd++] = self->base_ends[i];
          else
            shown->ends[ks++] = self->base_ends[i];
        }
      kd = ks = 0;
      for (guint i = lo; i < hi; i++)
        {
          if (is_dimmed (self, self->base_by_anchor[i].mark))
            dim->by_anchor[kd++] = self->base_by_anchor[i];
          else
            shown->by_anchor[ks++] = self->base_by_anchor[i];
        }
    }
  return NULL;
}

/* Splits the base groups by dimmed state. A base wholly dimmed or wholly
 * shown is one group over its slice of the base layout, so dimming whole
 * categories (each colour is one) costs a count of the flags and a table
 * of groups; only bases cut in two (a search) are partitioned, in one
 * pass over their slices. Within a lane the groups come in drawing
 * order, dimmed first so that filtered-out marks stay behind the
 * others. */
static void
rebuild_groups (CmTimelineIndex *self)
{
  guint n_slots = 2 * self->n_bases;
  g_autofree guint *count = g_new0 (guint, MAX (n_slots, 1));
  g_autofree guint32 *group_of = g_new0 (guint32, MAX (n_slots, 1));
  g_autofree Split *splits = NULL;
  guint b = 0, k = 0, at = 0;

  clear_groups (self);
  for (guint i = 0; i < self->n_marks; i++)
    count[2 * self->base[i] + !is_dimmed (self, i)]++;
  self->n_split = 0;
  for (guint bb = 0; bb < self->n_bases; bb++)
    {
      self->n_groups += (count[2 * bb] > 0) + (count[2 * bb + 1] > 0);
      self->n_split += count[2 * bb] > 0 && count[2 * bb + 1] > 0;
    }
  if (self->n_split > 0 && self->split_by_start == NULL)
    {
      self->split_by_start = g_new (CmIndexEntry, self->n_marks);
      self->split_ends = g_new (gint64, self->n_marks);
      self->split_by_anchor = g_new (CmIndexAnchor, self->n_marks);
    }
  self->groups = g_new0 (CmIndexGroup, MAX (self->n_groups, 1));
  self->lane_first_group = g_new0 (guint, self->n_lanes + 1);

  for (guint lane = 0; lane < self->n_lanes; lane++)
    {
      guint first = b;

      self->lane_first_group[lane] = k;
      while (b < self->n_bases && KEY_LANE (self->base_keys[b]) == lane)
        b++;
      for (guint shown = 0; shown < 2; shown++)
        for (guint bb = first; bb < b; bb++)
          {
            guint slot = 2 * bb + shown;
            CmIndexGroup *g = &self->groups[k];

            if (count[slot] == 0)
              continue;
            group_of[slot] = k++;
            g->lane = lane;
            g->dimmed = !shown;
            g->color = KEY_COLOR (self->base_keys[bb]);
            g->klass = KEY_CLASS (self->base_keys[bb]);
            g->n = count[slot];
            if (count[slot] == self->base_at[bb + 1] - self->base_at[bb])
              {
                g->max_length = self->base_longest[bb];
                g->by_start = self->base_by_start + self->base_at[bb];
                g->ends = self->base_ends + self->base_at[bb];
                g->by_anchor = self->base_by_anchor + self->base_at[bb];
                continue;
              }
            /* Written over, not allocated: fresh pages cost more than
             * the partition on a virtual machine. */
            g->by_start = self->split_by_start + at;
            g->ends = self->split_ends + at;
            g->by_anchor = self->split_by_anchor + at;
            at += g->n;
          }
    }
  self->lane_first_group[self->n_lanes] = k;
  if (self->n_split == 0)
    return;

  splits = g_new (Split, self->n_split);
  for (guint bb = 0, s = 0; bb < self->n_bases; bb++)
    if (count[2 * bb] > 0 && count[2 * bb + 1] > 0)
      splits[s++] = (Split) { bb, group_of[2 * bb], group_of[2 * bb + 1] };
  self->splits = splits;
  run_both (self, split_ends_and_anchors, split_starts);
  self->splits = NULL;
}

static void
rebuild_selected (CmTimelineIndex *self)
{
  g_array_set_size (self->selected, 0);
  for (guint32 i = 0; i < self->n_marks; i++)
    if (self->flags[i] & CM_MARK_FLAG_SELECTED)
      g_array_append_val (self->selected, i);
}

/**
 * cm_timeline_index_new:
 * @data: the arrays to index; copied
 *
 * Sorts the marks once (O(n log n)) and groups them per lane, colour,
 * dimmed state and length class. Lanes and colours out of range are
 * clamped to the last lane / colour 0 so that bad input cannot read
 * past the arrays.
 */
/* @array itself when it is to be taken and there is one, else a copy. */
static gpointer
take_or_dup (gconstpointer array,
             gboolean      take,
             gsize         elem,
             guint         n)
{
  return take && array != NULL ? (gpointer) array : dup_or_zero (array, elem, n);
}

static CmTimelineIndex *
index_new (const CmTimelineData *data,
           gboolean              take)
{
  CmTimelineIndex *self;
  g_autofree guint8 *klass = NULL;
  guint n;

  n = data->n_marks;
  self = g_new0 (CmTimelineIndex, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_marks = n;
  self->n_lanes = MAX (data->n_lanes, 1);
  self->n_colors = MAX (data->n_colors, 1);

  self->start = take_or_dup (data->start, take, sizeof (gint64), n);
  self->end = take_or_dup (data->end, take, sizeof (gint64), n);
  self->kind = take_or_dup (data->kind, take, sizeof (guint8), n);
  self->lane = take_or_dup (data->lane, take, sizeof (guint16), n);
  self->color = take_or_dup (data->color, take, sizeof (guint16), n);
  self->flags = dup_or_zero (data->flags, sizeof (guint8), n);
  klass = cm_new_big (guint8, n);

  self->lane_labels = dup_labels (data->lane_labels, self->n_lanes);
  self->color_labels = data->color_labels != NULL
                        ? dup_labels (data->color_labels, self->n_colors) : NULL;
  self->palette = g_new0 (CmRgba, self->n_colors);
  for (guint i = 0; i < self->n_colors; i++)
    self->palette[i] = data->palette != NULL && i < data->n_colors
                       ? data->palette[i] : (CmRgba) { 0.4, 0.4, 0.45, 1.0 };

  for (guint i = 0; i < n; i++)
    {
      self->start[i] = CLAMP (self->start[i], G_MININT64 / 4, G_MAXINT64 / 4);
      if (self->end[i] < self->start[i])
        self->end[i] = self->start[i];
      self->end[i] = MIN (self->end[i], G_MAXINT64 / 4);
      if (self->kind[i] > CM_MARK_SPAN)
        self->kind[i] = CM_MARK_POINT;
      if (self->lane[i] >= self->n_lanes)
        self->lane[i] = self->n_lanes - 1;
      if (self->color[i] >= self->n_colors)
        self->color[i] = 0;
      klass[i] = length_class (self->end[i] - self->start[i]);
      self->min_start = i == 0 ? self->start[i] : MIN (self->min_start, self->start[i]);
      self->max_end = i == 0 ? self->end[i] : MAX (self->max_end, self->end[i]);
      if (self->kind[i] == CM_MARK_POINT && self->end[i] > self->start[i])
        self->point_precision = self->point_precision == 0
                                ? self->end[i] - self->start[i]
                                : MIN (self->point_precision, self->end[i] - self->start[i]);
    }

  run_both (self, sort_ends, sort_starts_and_anchors);
  build_bases (self, klass);

  build_base_layout (self);
  self->selected = g_array_new (FALSE, FALSE, sizeof (guint32));
  rebuild_groups (self);
  rebuild_selected (self);
  return self;
}

CmTimelineIndex *
cm_timeline_index_new (const CmTimelineData *data)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (data->n_marks == 0 || (data->start != NULL && data->end != NULL), NULL);

  return index_new (data, FALSE);
}

CmTimelineIndex *
cm_timeline_index_new_take (CmTimelineData *data)
{
  CmTimelineIndex *self;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (data->n_marks == 0 || (data->start != NULL && data->end != NULL), NULL);

  self = index_new (data, TRUE);
  data->start = data->end = NULL;
  data->kind = NULL;
  data->lane = data->color = NULL;
  return self;
}

CmTimelineIndex *
cm_timeline_index_ref (CmTimelineIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cm_timeline_index_unref (CmTimelineIndex *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  clear_groups (self);
  g_free (self->base_at);
  g_free (self->base_longest);
  g_free (self->base_by_start);
  g_free (self->base_ends);
  g_free (self->base_end_mark);
  g_free (self->base_by_anchor);
  g_free (self->split_by_start);
  g_free (self->split_ends);
  g_free (self->split_by_anchor);
  g_free (self->start);
  g_free (self->end);
  g_free (self->kind);
  g_free (self->lane);
  g_free (self->color);
  g_free (self->flags);
  g_free (self->base);
  g_free (self->base_keys);
  g_strfreev (self->lane_labels);
  g_strfreev (self->color_labels);
  g_free (self->palette);
  g_free (self->perm_anchor);
  g_free (self->sorted_anchor);
  g_free (self->rank);
  g_array_unref (self->selected);
  g_free (self);
}

guint
cm_timeline_index_get_n_marks (CmTimelineIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_marks;
}

guint
cm_timeline_index_get_n_lanes (CmTimelineIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_lanes;
}

guint
cm_timeline_index_get_n_colors (CmTimelineIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_colors;
}

const char *
cm_timeline_index_get_lane_label (CmTimelineIndex *self,
                                  guint            lane)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (lane < self->n_lanes, NULL);
  return self->lane_labels[lane];
}

/* Returns NULL when the data came without colour labels (no legend). */
const char *
cm_timeline_index_get_color_label (CmTimelineIndex *self,
                                    guint            color)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (color < self->n_colors, NULL);
  return self->color_labels != NULL ? self->color_labels[color] : NULL;
}

const CmRgba *
cm_timeline_index_get_color (CmTimelineIndex *self,
                              guint            color)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->palette[color < self->n_colors ? color : 0];
}

/* The shortest [start, end) of a point (a day for day-precision data);
 * 0 when points are instants. Bins are never made finer than this, so a
 * day-precision date is never spread over hours. */
gint64
cm_timeline_index_get_point_precision (CmTimelineIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->point_precision;
}

gboolean
cm_timeline_index_get_extent (CmTimelineIndex *self,
                              gint64          *min_time,
                              gint64          *max_time)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n_marks == 0)
    return FALSE;
  if (min_time)
    *min_time = self->min_start;
  if (max_time)
    *max_time = self->max_end;
  return TRUE;
}

gint64
cm_timeline_index_get_start (CmTimelineIndex *self,
                             guint            mark)
{
  g_return_val_if_fail (self != NULL && mark < self->n_marks, 0);
  return self->start[mark];
}

gint64
cm_timeline_index_get_end (CmTimelineIndex *self,
                           guint            mark)
{
  g_return_val_if_fail (self != NULL && mark < self->n_marks, 0);
  return self->end[mark];
}

gint64
cm_timeline_index_get_anchor (CmTimelineIndex *self,
                              guint            mark)
{
  g_return_val_if_fail (self != NULL && mark < self->n_marks, 0);
  return anchor_of (self, mark);
}

CmMarkKind
cm_timeline_index_get_kind (CmTimelineIndex *self,
                            guint            mark)
{
  g_return_val_if_fail (self != NULL && mark < self->n_marks, CM_MARK_POINT);
  return self->kind[mark];
}

guint
cm_timeline_index_get_lane (CmTimelineIndex *self,
                            guint            mark)
{
  g_return_val_if_fail (self != NULL && mark < self->n_marks, 0);
  return self->lane[mark];
}

guint
cm_timeline_index_get_color_index (CmTimelineIndex *self,
                                    guint            mark)
{
  g_return_val_if_fail (self != NULL && mark < self->n_marks, 0);
  return self->color[mark];
}

CmMarkFlags
cm_timeline_index_get_flags (CmTimelineIndex *self,
                             guint            mark)
{
  g_return_val_if_fail (self != NULL && mark < self->n_marks, 0);
  return self->flags[mark];
}

/**
 * cm_timeline_index_set_flags:
 * @flags: (nullable): n_marks #CmMarkFlags, copied; %NULL clears them
 *
 * Regroups the marks in O(n) when the dimmed set changed; a change of
 * selection alone only rebuilds the list of selected marks.
 */
void
cm_timeline_index_set_flags (CmTimelineIndex *self,
                             const guint8    *flags)
{
  gboolean dimmed_changed = FALSE;

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->n_marks; i++)
    {
      guint8 f = flags != NULL ? flags[i] : 0;

      if ((f ^ self->flags[i]) & CM_MARK_FLAG_DIMMED)
        dimmed_changed = TRUE;
      self->flags[i] = f;
    }
  if (dimmed_changed)
    rebuild_groups (self);
  rebuild_selected (self);
}

void
cm_timeline_index_set_dimmed (CmTimelineIndex *self,
                              const guint8    *dimmed)
{
  guint8 changed = 0;

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->n_marks; i++)
    {
      guint8 f = (self->flags[i] & ~CM_MARK_FLAG_DIMMED)
                 | (dimmed != NULL && dimmed[i] ? CM_MARK_FLAG_DIMMED : 0);

      changed |= f ^ self->flags[i];
      self->flags[i] = f;
    }
  if (changed)
    rebuild_groups (self);
}

void
cm_timeline_index_set_selected (CmTimelineIndex *self,
                                const guint     *marks,
                                guint            n_marks)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (n_marks == 0 || marks != NULL);

  for (guint i = 0; i < self->selected->len; i++)
    self->flags[g_array_index (self->selected, guint32, i)] &= ~CM_MARK_FLAG_SELECTED;
  for (guint i = 0; i < n_marks; i++)
    if (marks[i] < self->n_marks)
      self->flags[marks[i]] |= CM_MARK_FLAG_SELECTED;
  rebuild_selected (self);
}

const guint32 *
cm_timeline_index_get_selected (CmTimelineIndex *self,
                                guint           *n_selected)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_selected)
    *n_selected = self->selected->len;
  return (const guint32 *) (gpointer) self->selected->data;
}

guint
cm_timeline_index_get_rank (CmTimelineIndex *self,
                            guint            mark)
{
  g_return_val_if_fail (self != NULL && mark < self->n_marks, 0);
  return self->rank[mark];
}

guint
cm_timeline_index_get_mark_at_rank (CmTimelineIndex *self,
                                    guint            rank)
{
  g_return_val_if_fail (self != NULL && rank < self->n_marks, 0);
  return self->perm_anchor[rank];
}

/* Number of marks whose anchor is before @t. */
guint
cm_timeline_index_count_before (CmTimelineIndex *self,
                                gint64           t)
{
  g_return_val_if_fail (self != NULL, 0);
  return cm_index_times_lower_bound (self->sorted_anchor, self->n_marks, t);
}

const CmIndexGroup *
cm_timeline_index_get_groups (CmTimelineIndex *self,
                              guint            lane,
                              guint           *n_groups)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_groups != NULL, NULL);

  if (lane >= self->n_lanes)
    {
      *n_groups = 0;
      return NULL;
    }
  *n_groups = self->lane_first_group[lane + 1] - self->lane_first_group[lane];
  return self->groups + self->lane_first_group[lane];
}

guint
cm_index_entries_lower_bound (const CmIndexEntry *entries,
                              guint               n,
                              gint64              t)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (entries[mid].start < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
cm_index_anchors_lower_bound (const CmIndexAnchor *anchors,
                              guint                n,
                              gint64               t)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (anchors[mid].time < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

guint
cm_index_times_lower_bound (const gint64 *times,
                            guint         n,
                            gint64        t)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (times[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}
