/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "cm-memory.h"
#include "cm-text-index.h"

struct _CmTextIndex
{
  CmDataset *dataset;
  GString   *text;       /* folded text of every announcement, '\n' after each */
  guint32   *starts;     /* n + 1 offsets into text */
  guint      n;
  guint32    byte_freq[256]; /* sampled: which bytes of a term are rare */
  char     **places;     /* folded names of each place */
  char     **categories; /* folded label and id of each category */
};

/* Characters that fold to themselves: CJK ideographs, kana and hangul
 * have no decomposition and no case. */
static inline gboolean
folds_to_itself (gunichar u)
{
  return (u >= 0x3040 && u <= 0x30ff) || (u >= 0x3400 && u <= 0x4dbf)
         || (u >= 0x4e00 && u <= 0x9fff) || (u >= 0xac00 && u <= 0xd7a3);
}

static void
fold_unicode (GString    *out,
              const char *p,
              const char *end)
{
  g_autofree char *nfkd = g_utf8_normalize (p, end - p, G_NORMALIZE_NFKD);

  for (const char *s = nfkd; s != NULL && *s; s = g_utf8_next_char (s))
    {
      gunichar u = g_utf8_get_char (s);

      if (g_unichar_ismark (u))
        continue;
      if (g_unichar_iscntrl (u) || g_unichar_isspace (u))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, g_unichar_tolower (u));
    }
}

void
cm_text_fold_append (GString    *out,
                     const char *text,
                     gssize      len)
{
  const char *p = text, *end;

  if (text == NULL)
    return;
  end = text + (len < 0 ? strlen (text) : (gsize) len);
  while (p < end)
    {
      const char *q = p;

      /* ASCII, the bulk of most files, a run at a time. */
      if ((guchar) *p < 0x80)
        {
          gsize at = out->len;
          char *d;

          while (q < end && (guchar) *q < 0x80)
            q++;
          g_string_set_size (out, at + (q - p));
          d = out->str + at;
          for (; p < q; p++)
            *d++ = (guchar) *p < 0x20 ? ' ' : (*p >= 'A' && *p <= 'Z') ? *p + ('a' - 'A') : *p;
          continue;
        }
      /* Chinese and Japanese text, as it is; anything else through
       * Unicode's decomposition. */
      if (folds_to_itself (g_utf8_get_char (p)))
        {
          while (q < end && (guchar) *q >= 0x80 && folds_to_itself (g_utf8_get_char (q)))
            q = g_utf8_next_char (q);
          g_string_append_len (out, p, q - p);
          p = q;
          continue;
        }
      while (q < end && (guchar) *q >= 0x80 && !folds_to_itself (g_utf8_get_char (q)))
        q = g_utf8_next_char (q);
      fold_unicode (out, p, MIN (q, end));
      p = q;
    }
}

char *
cm_text_fold (const char *text)
{
  GString *out = g_string_new (NULL);

  cm_text_fold_append (out, text, -1);
  return g_string_free (out, FALSE);
}

static char *
fold_joined (const char *a,
             const char *b,
             const char *c)
{
  GString *out = g_string_new (NULL);

  cm_text_fold_append (out, a, -1);
  g_string_append_c (out, '\n');
  cm_text_fold_append (out, b, -1);
  g_string_append_c (out, '\n');
  cm_text_fold_append (out, c, -1);
  return g_string_free (out, FALSE);
}

/* Dataset text is not to be trusted: a file of the 1 GiB allowed, full of
 * ligatures that decompose eleven-fold (U+FDFA), would fold to more than
 * the 32-bit offsets can reach and more memory than a machine has. What
 * is searched of each announcement is its title's first 4 KB, its first
 * 16 actors' and its id's first 256 bytes: far more than any real title
 * or name, and at most about 50 KB folded. */
#define MAX_TITLE_BYTES 4096
#define MAX_NAME_BYTES  256
#define MAX_ACTORS      16
#define MAX_INDEX_BYTES (G_MAXUINT32 - 64 * 1024 * 1024)

/* Folds at most the first @max bytes of @text, cut at a character. */
static void
fold_capped (GString    *out,
             const char *text,
             gssize      len,
             gsize       max)
{
  gsize n;

  if (text == NULL)
    return;
  n = len < 0 ? strnlen (text, max + 4) : (gsize) len;
  if (n > max)
    {
      const char *cut = g_utf8_find_prev_char (text, text + max + 1);

      n = cut != NULL ? (gsize) (cut - text) : 0;
    }
  cm_text_fold_append (out, text, n);
}

CmTextIndex *
cm_text_index_new (CmDataset *dataset)
{
  CmTextIndex *index = g_new0 (CmTextIndex, 1);
  guint n_places = cm_dataset_get_n_places (dataset);
  guint n_categories = cm_dataset_get_n_categories (dataset);

  index->dataset = g_object_ref (dataset);
  index->n = cm_dataset_get_n_announcements (dataset);
  index->starts = cm_new_big (guint32, (gsize) index->n + 1);
  index->text = g_string_sized_new (64 * (gsize) index->n + 1);
  for (guint i = 0; i < index->n; i++)
    {
      const CmAnnouncement *a = cm_dataset_get_announcement (dataset, i);
      const char *title;
      gsize len;

      index->starts[i] = (guint32) index->text->len;
      /* Past this the offsets would not fit: the rest is not searched. */
      if (index->text->len > MAX_INDEX_BYTES)
        continue;
      title = cm_dataset_peek_text (dataset, a->title, &len);
      fold_capped (index->text, title, len, MAX_TITLE_BYTES);
      for (guint k = 0; k < MIN (a->n_actors, MAX_ACTORS); k++)
        {
          g_string_append_c (index->text, ' ');
          fold_capped (index->text, cm_dataset_get_actor (dataset, a, k), -1, MAX_NAME_BYTES);
        }
      g_string_append_c (index->text, ' ');
      fold_capped (index->text, a->id, -1, MAX_NAME_BYTES);
      g_string_append_c (index->text, '\n');
    }
  index->starts[index->n] = (guint32) index->text->len;
  /* One byte in 16 is enough to rank them. */
  for (gsize k = 0; k < index->text->len; k += 16)
    index->byte_freq[(guint8) index->text->str[k]]++;

  index->places = g_new0 (char *, (gsize) n_places + 1);
  for (guint p = 0; p < n_places; p++)
    {
      const CmPlace *place = cm_dataset_get_place (dataset, p);

      index->places[p] = fold_joined (place->name, place->local_name, place->id);
    }
  index->categories = g_new0 (char *, (gsize) n_categories + 1);
  for (guint c = 0; c < n_categories; c++)
    {
      const CmCategory *category = cm_dataset_get_category (dataset, c);

      index->categories[c] = fold_joined (category->label, category->id, NULL);
    }
  return index;
}

void
cm_text_index_free (CmTextIndex *index)
{
  if (index == NULL)
    return;
  g_object_unref (index->dataset);
  g_string_free (index->text, TRUE);
  g_free (index->starts);
  g_strfreev (index->places);
  g_strfreev (index->categories);
  g_free (index);
}

/* Where to look for a term: its two rarest bytes in the indexed text,
 * which a candidate must have at their offsets before it is compared
 * whole. */
typedef struct
{
  const char *term;
  gsize       len;
  gsize       i1, i2;    /* i1 < i2 when len > 1 */
} Needle;

static void
needle_init (CmTextIndex *index,
             Needle      *needle,
             const char  *term,
             gsize        len)
{
  gsize a = 0, b = len > 1 ? 1 : 0;

  if (len > 1 && index->byte_freq[(guint8) term[b]] < index->byte_freq[(guint8) term[a]])
    a = 1, b = 0;
  for (gsize k = 2; k < len; k++)
    {
      guint32 f = index->byte_freq[(guint8) term[k]];

      if (f < index->byte_freq[(guint8) term[a]])
        b = a, a = k;
      else if (f < index->byte_freq[(guint8) term[b]])
        b = k;
    }
  needle->term = term;
  needle->len = len;
  needle->i1 = MIN (a, b);
  needle->i2 = MAX (a, b);
}

static inline gboolean
is_at (const Needle *needle,
       const char   *c)
{
  return c[needle->i1] == needle->term[needle->i1] && c[needle->i2] == needle->term[needle->i2]
         && memcmp (c, needle->term, needle->len) == 0;
}

/* The first place in [p, end) where the needle starts, or NULL. Sixteen
 * candidates at a time are tested on the two rare bytes (SSE2, in every
 * x86-64): a search runs at memory speed, where glibc's memmem spent
 * 3 ms per term on 100k titles, a quarter of a search with its views
 * updated. */
static const char *
find_term (const Needle *needle,
           const char   *p,
           const char   *end)
{
  const char *c = p;

  if ((gsize) (end - p) < needle->len)
    return NULL;
  if (needle->len == 1)
    return memchr (p, needle->term[0], end - p);
#ifdef __SSE2__
  {
    const __m128i v1 = _mm_set1_epi8 (needle->term[needle->i1]);
    const __m128i v2 = _mm_set1_epi8 (needle->term[needle->i2]);
    gsize span = MAX (needle->len, needle->i2 + 16);

    /* Every byte read and every candidate compared lies before end. */
    for (; (gsize) (end - c) >= span; c += 16)
      {
        __m128i a = _mm_loadu_si128 ((const __m128i *) (c + needle->i1));
        __m128i b = _mm_loadu_si128 ((const __m128i *) (c + needle->i2));
        guint mask = _mm_movemask_epi8 (_mm_and_si128 (_mm_cmpeq_epi8 (a, v1), _mm_cmpeq_epi8 (b, v2)));

        for (; mask != 0; mask &= mask - 1)
          {
            const char *at = c + __builtin_ctz (mask);

            if ((gsize) (end - at) >= needle->len && memcmp (at, needle->term, needle->len) == 0)
              return at;
          }
      }
  }
#endif
  for (; (gsize) (end - c) >= needle->len; c++)
    if (is_at (needle, c))
      return c;
  return NULL;
}

/* Announcements whose own text holds @term: one pass over all of it,
 * each hit mapped to its announcement by the offsets in order. */
static void
mark_text_hits (CmTextIndex  *index,
                const Needle *needle,
                guint8       *hit)
{
  const char *text = index->text->str, *end = text + index->text->len, *p = text;
  guint i = 0;

  while (p < end)
    {
      const char *found = find_term (needle, p, end);
      gsize at;

      if (found == NULL)
        break;
      at = found - text;
      while (i + 1 < index->n && index->starts[i + 1] <= at)
        i++;
      hit[i] = 1;
      /* The rest of this announcement needs no look. */
      p = text + index->starts[i + 1];
    }
}

guint
cm_text_index_match (CmTextIndex *index,
                     const char  *query,
                     guint8      *match)
{
  g_autofree char *folded = cm_text_fold (query);
  g_auto(GStrv) terms = g_strsplit (folded, " ", -1);
  g_autofree guint8 *hit = g_new (guint8, MAX (index->n, 1));
  guint n_places = cm_dataset_get_n_places (index->dataset);
  guint n_categories = cm_dataset_get_n_categories (index->dataset);
  g_autofree guint8 *place_hit = g_new (guint8, MAX (n_places, 1));
  g_autofree guint8 *category_hit = g_new (guint8, MAX (n_categories, 1));
  guint count = index->n;

  memset (match, 1, index->n);
  for (guint t = 0; terms[t] != NULL; t++)
    {
      const char *term = terms[t];
      gboolean any_other = FALSE;
      Needle needle;

      if (term[0] == '\0')
        continue;
      needle_init (index, &needle, term, strlen (term));
      memset (hit, 0, index->n);
      /* After a first term has left few announcements, only their text
       * needs a look. */
      if (count < index->n / 8)
        {
          const char *text = index->text->str;

          for (guint i = 0; i < index->n; i++)
            if (match[i])
              hit[i] = find_term (&needle, text + index->starts[i], text + index->starts[i + 1]) != NULL;
        }
      else
        mark_text_hits (index, &needle, hit);
      for (guint p = 0; p < n_places; p++)
        any_other |= place_hit[p] = strstr (index->places[p], term) != NULL;
      for (guint c = 0; c < n_categories; c++)
        any_other |= category_hit[c] = strstr (index->categories[c], term) != NULL;
      count = 0;
      for (guint i = 0; i < index->n; i++)
        {
          const CmAnnouncement *a;

          /* Most terms name no place or category: then only the text
           * counts, and the announcements need no look. */
          if (match[i] && !hit[i] && any_other)
            {
              a = cm_dataset_get_announcement (index->dataset, i);
              hit[i] = (a->place >= 0 && place_hit[a->place])
                       || (a->category >= 0 && category_hit[a->category]);
            }
          match[i] &= hit[i];
          count += match[i];
        }
    }
  return count;
}
