/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include <math.h>
#include <string.h>

#include "cm-gazetteer.h"
#include "cm-id-table.h"
#include "cm-loader-private.h"
#include "cm-memory.h"

/* The Chronomap format (data/dataset-format.md). Objects are read member by
 * member straight into the compact model; references between them are
 * resolved once everything is read, since the file may list announcements
 * before places. */

typedef struct
{
  gsize       offset;        /* of the element's object, to point errors back */
  const char *ref;           /* first reference (place / parent), interned */
  const char *ref2;          /* second reference (category) */
  guint32     first_source;  /* into Native.source_ids */
  guint16     n_sources;
} Pending;

typedef struct
{
  CmLoad     *load;
  GArray     *pending_places;        /* Pending: ref = parent */
  GArray     *pending_announcements; /* Pending: ref = place, ref2 = category */
  GPtrArray  *source_ids;            /* interned source references */
  GHashTable *category_ids;
  GHashTable *source_index;
  GArray     *actors;                /* const char *: ds->actors, or a worker's */
  gboolean    have_title;
  gboolean    have_announcements;
} Native;

static gboolean
is_extension (const char *key)
{
  return g_str_has_prefix (key, "x-");
}

static void
unknown_member (CmLoad      *load,
                const char  *key,
                const char  *expected)
{
  g_autofree char *shown = g_utf8_make_valid (key, MIN (strlen (key), 64));
  gsize at = cm_json_reader_offset (&load->reader);

  _cm_load_error (load, at, "unknown member \"%s\"; expected %s (prefix your own members with \"x-\")",
                  shown, expected);
  cm_json_reader_skip (&load->reader);
}

static void
missing (CmLoad     *load,
         gsize       offset,
         const char *member)
{
  _cm_load_error (load, offset, "missing required member \"%s\"", member);
}

/* json-glib and most tools keep the last of repeated members silently; we
 * say so, since one of the two values is lost. @seen holds a bit per known
 * member of the object being read. */
static gboolean
first_time (CmLoad     *load,
            guint32    *seen,
            guint       bit,
            const char *key)
{
  if (*seen & (1u << bit))
    {
      _cm_load_error (load, cm_json_reader_offset (&load->reader),
                      "member \"%s\" appears twice in this object; keep one", key);
      cm_json_reader_skip (&load->reader);
      return FALSE;
    }
  *seen |= 1u << bit;
  return TRUE;
}

/* For objects read with if-chains: TRUE when @key is a known member that
 * was already read (reported and skipped). */
static gboolean
repeated (CmLoad             *load,
          const char * const *names,
          guint32            *seen,
          const char         *key)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], key) == 0)
      return !first_time (load, seen, i, key);
  return FALSE;
}

/* @unique: the id names one object of many (an announcement), so it is
 * copied rather than interned: interning a million ids cost a hash table
 * of its own and a lookup each. */
static const char *
read_id (CmLoad   *load,
         gboolean  unique)
{
  const char *s = _cm_load_string (load, TRUE);

  if (s == NULL)
    return NULL;
  if (strlen (s) > 256)
    {
      _cm_load_error (load, cm_json_reader_offset (&load->reader),
                      "id longer than 256 bytes");
      return NULL;
    }
  return unique ? _cm_load_copy (load, s) : _cm_load_intern (load, s);
}

static const char *
read_interned (CmLoad   *load,
               gboolean  non_empty)
{
  const char *s = _cm_load_string (load, non_empty);

  return s ? _cm_load_intern (load, s) : NULL;
}

/* A reference to a place or category. Most files define those before the
 * announcements, so the id is looked up at once without copying it; only an
 * id not known yet is kept (interned) for resolution at the end. */
static void
read_reference (CmLoad      *load,
                GHashTable  *ids,
                gint32      *found,
                const char **pending)
{
  const char *s = _cm_load_string (load, TRUE);
  gpointer index;

  if (s == NULL)
    return;
  if (g_hash_table_lookup_extended (ids, s, NULL, &index))
    {
      *found = GPOINTER_TO_INT (index) - 1;
      *pending = NULL;
      return;
    }
  *pending = _cm_load_intern (load, s);
}

static gboolean
read_coordinate (CmLoad     *load,
                 double      limit,
                 const char *what,
                 double     *out)
{
  gsize at = cm_json_reader_offset (&load->reader);
  double v;

  if (!_cm_load_expect (load, CM_JSON_NUMBER, "a number"))
    return FALSE;
  v = cm_json_reader_read_double (&load->reader, NULL);
  if (!isfinite (v) || v < -limit || v > limit)
    {
      _cm_load_error (load, at, "%s %g is out of range; expected %g to %g", what, v, -limit, limit);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static gboolean
read_date (CmLoad *load,
           CmDate *date,
           CmText *text)
{
  gsize at = cm_json_reader_offset (&load->reader);
  g_autofree char *message = NULL;
  gsize offset, len;
  gboolean escaped;
  const char *s;

  if (!_cm_load_expect (load, CM_JSON_STRING, "a date string such as \"2021-11-15\""))
    return FALSE;
  cm_json_reader_string_span (&load->reader, &offset, &len, &escaped);
  if (escaped)
    {
      g_string_truncate (load->reader.text, 0);
      cm_json_decode_string (load->data + offset, len, load->reader.text);
      s = load->reader.text->str;
      len = load->reader.text->len;
    }
  else
    s = load->data + offset;
  if (!cm_date_parse (s, len, date, &message))
    {
      _cm_load_error (load, at, "%s", message);
      return FALSE;
    }
  if (text)
    *text = _cm_load_text_ref (load, offset, len, escaped);
  return TRUE;
}

static void
register_id (CmLoad     *load,
             GHashTable *ids,
             const char *id,
             guint       index,
             gsize       offset,
             const char *what)
{
  gpointer previous;

  if (g_hash_table_lookup_extended (ids, id, NULL, &previous))
    {
      _cm_load_error (load, offset, "duplicate %s id \"%s\"; it is already used by %s number %d",
                      what, id, what, GPOINTER_TO_INT (previous) - 1);
      return;
    }
  g_hash_table_insert (ids, (gpointer) id, GINT_TO_POINTER (index + 1));
}

static CmPlaceKind
parse_kind (const char *s)
{
  static const char * const names[] = { "country", "province", "city", "district" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (s, names[i]) == 0)
      return (CmPlaceKind) (CM_PLACE_COUNTRY + i);
  return CM_PLACE_UNKNOWN;
}

static void
read_place (Native *n,
            guint   index)
{
  static const char * const members[] = { "id", "name", "local_name", "kind", "parent", "country", "lat", "lon", NULL };
  guint32 seen = 0;
  CmLoad *load = n->load;
  CmDataset *ds = load->dataset;
  CmPlace place = { .parent = -1 };
  Pending pending = { .offset = cm_json_reader_offset (&load->reader) };
  gboolean have_lat = FALSE, have_lon = FALSE;

  if (!_cm_load_expect (load, CM_JSON_OBJECT, "a place object"))
    goto out;

  cm_json_reader_enter (&load->reader);
  while (cm_json_reader_next_member (&load->reader))
    {
      const char *key = load->reader.key->str;
      gsize mark = _cm_load_push_key (load, key);

      if (repeated (load, members, &seen, key))
        {
          _cm_load_pop (load, mark);
          continue;
        }
      gsize at = cm_json_reader_offset (&load->reader);

      if (strcmp (key, "id") == 0)
        place.id = read_id (load, FALSE);
      else if (strcmp (key, "name") == 0)
        place.name = read_interned (load, TRUE);
      else if (strcmp (key, "local_name") == 0)
        place.local_name = read_interned (load, FALSE);
      else if (strcmp (key, "kind") == 0)
        {
          const char *s = _cm_load_string (load, TRUE);
          if (s != NULL && (place.kind = parse_kind (s)) == CM_PLACE_UNKNOWN)
            _cm_load_error (load, at, "unknown kind \"%s\"; expected country, province, city or district", s);
        }
      else if (strcmp (key, "parent") == 0)
        pending.ref = read_interned (load, TRUE);
      else if (strcmp (key, "country") == 0)
        {
          const char *s = _cm_load_string (load, TRUE);
          if (s != NULL && (strlen (s) != 2 || !g_ascii_isupper (s[0]) || !g_ascii_isupper (s[1])))
            _cm_load_error (load, at, "country \"%s\" is not an ISO 3166-1 alpha-2 code such as \"CN\"", s);
          else if (s != NULL)
            place.country = _cm_dataset_intern (ds, s);
        }
      else if (strcmp (key, "lat") == 0)
        have_lat = read_coordinate (load, 90, "latitude", &place.lat);
      else if (strcmp (key, "lon") == 0)
        have_lon = read_coordinate (load, 180, "longitude", &place.lon);
      else if (is_extension (key))
        cm_json_reader_skip (&load->reader);
      else
        unknown_member (load, key, "id, name, local_name, kind, parent, country, lat or lon");
      _cm_load_pop (load, mark);
    }

  if (place.id == NULL)
    missing (load, pending.offset, "id");
  if (place.name == NULL)
    missing (load, pending.offset, "name");
  if (have_lat != have_lon)
    _cm_load_error (load, pending.offset, "%s given without %s; give both or neither",
                    have_lat ? "lat" : "lon", have_lat ? "lon" : "lat");
  else if (have_lat)
    place.coords = CM_COORDS_DATASET;
  if (place.id != NULL)
    register_id (load, ds->place_ids, place.id, index, pending.offset, "place");

out:
  g_array_append_val (ds->places, place);
  g_array_append_val (n->pending_places, pending);
}

static void
read_category (Native *n,
               guint   index)
{
  static const char * const members[] = { "id", "label", "color", NULL };
  guint32 seen = 0;
  CmLoad *load = n->load;
  CmCategory cat = { 0 };
  gsize offset = cm_json_reader_offset (&load->reader);
  gboolean have_color = FALSE;

  if (!_cm_load_expect (load, CM_JSON_OBJECT, "a category object"))
    goto out;

  cm_json_reader_enter (&load->reader);
  while (cm_json_reader_next_member (&load->reader))
    {
      const char *key = load->reader.key->str;
      gsize mark = _cm_load_push_key (load, key);

      if (repeated (load, members, &seen, key))
        {
          _cm_load_pop (load, mark);
          continue;
        }
      gsize at = cm_json_reader_offset (&load->reader);

      if (strcmp (key, "id") == 0)
        cat.id = read_id (load, FALSE);
      else if (strcmp (key, "label") == 0)
        cat.label = read_interned (load, TRUE);
      else if (strcmp (key, "color") == 0)
        {
          const char *s = _cm_load_string (load, TRUE);
          gboolean ok = s != NULL && strlen (s) == 7 && s[0] == '#';

          for (int i = 1; ok && i < 7; i++)
            ok = g_ascii_isxdigit (s[i]);
          if (ok)
            {
              cat.color = (guint32) g_ascii_strtoull (s + 1, NULL, 16);
              have_color = TRUE;
            }
          else if (s != NULL)
            _cm_load_error (load, at, "colour \"%s\" is not of the form \"#rrggbb\"", s);
        }
      else if (is_extension (key))
        cm_json_reader_skip (&load->reader);
      else
        unknown_member (load, key, "id, label or color");
      _cm_load_pop (load, mark);
    }

  if (cat.id == NULL)
    missing (load, offset, "id");
  if (cat.label == NULL)
    missing (load, offset, "label");
  if (!have_color)
    missing (load, offset, "color");
  if (cat.id != NULL)
    register_id (load, n->category_ids, cat.id, index, offset, "category");

out:
  g_array_append_val (load->dataset->categories, cat);
}

static void
read_source (Native *n,
             guint   index)
{
  static const char * const members[] = { "id", "title", "publisher", "url", "date", NULL };
  guint32 seen = 0;
  CmLoad *load = n->load;
  CmSource src = { 0 };
  gsize offset = cm_json_reader_offset (&load->reader);

  if (!_cm_load_expect (load, CM_JSON_OBJECT, "a source object"))
    goto out;

  cm_json_reader_enter (&load->reader);
  while (cm_json_reader_next_member (&load->reader))
    {
      const char *key = load->reader.key->str;
      gsize mark = _cm_load_push_key (load, key);

      if (repeated (load, members, &seen, key))
        {
          _cm_load_pop (load, mark);
          continue;
        }

      if (strcmp (key, "id") == 0)
        src.id = read_id (load, FALSE);
      else if (strcmp (key, "title") == 0)
        src.title = read_interned (load, TRUE);
      else if (strcmp (key, "publisher") == 0)
        src.publisher = read_interned (load, FALSE);
      else if (strcmp (key, "url") == 0)
        src.url = read_interned (load, FALSE);
      else if (strcmp (key, "date") == 0)
        {
          CmDate date;
          CmText text = 0;
          if (read_date (load, &date, &text))
            {
              g_autofree char *s = cm_dataset_dup_text (load->dataset, text);
              src.date = _cm_load_intern (load, s);
            }
        }
      else if (is_extension (key))
        cm_json_reader_skip (&load->reader);
      else
        unknown_member (load, key, "id, title, publisher, date or url");
      _cm_load_pop (load, mark);
    }

  if (src.id == NULL)
    missing (load, offset, "id");
  if (src.title == NULL)
    missing (load, offset, "title");
  if (src.id != NULL)
    register_id (load, n->source_index, src.id, index, offset, "source");

out:
  g_array_append_val (load->dataset->sources, src);
}

static void
read_string_list (Native     *n,
                  gboolean    actors,
                  guint32    *first,
                  guint16    *count)
{
  CmLoad *load = n->load;
  gboolean too_many = FALSE;
  guint i = 0;

  *first = actors ? n->actors->len : n->source_ids->len;
  *count = 0;
  if (!_cm_load_expect (load, CM_JSON_ARRAY, actors ? "an array of names" : "an array of source ids"))
    return;
  cm_json_reader_enter (&load->reader);
  while (cm_json_reader_next_element (&load->reader))
    {
      gsize mark = _cm_load_push_index (load, i++);
      const char *s = read_interned (load, TRUE);

      if (s != NULL && *count == G_MAXUINT16 && !too_many)
        {
          too_many = TRUE;
          _cm_load_error (load, cm_json_reader_offset (&load->reader),
                          "more than %u %s: the limit of one announcement", G_MAXUINT16,
                          actors ? "actors" : "sources");
        }
      else if (s != NULL && *count < G_MAXUINT16)
        {
          if (actors)
            g_array_append_val (n->actors, s);
          else
            g_ptr_array_add (n->source_ids, (gpointer) s);
          (*count)++;
        }
      _cm_load_pop (load, mark);
    }
}

static void
read_announcement (Native *n,
                   guint   index)
{
  CmLoad *load = n->load;
  CmDataset *ds = load->dataset;
  CmAnnouncement a = { .place = -1, .category = -1 };
  Pending pending = { .offset = cm_json_reader_offset (&load->reader) };
  CmDate date = { 0 }, end = { 0 };
  gboolean have_date = FALSE, have_end = FALSE, saw_date = FALSE;
  gsize end_offset = 0;
  guint32 seen = 0;

  if (!_cm_load_expect (load, CM_JSON_OBJECT, "an announcement object"))
    goto out;

  cm_json_reader_enter (&load->reader);
  while (cm_json_reader_next_member (&load->reader))
    {
      const char *key = load->reader.key->str;
      gsize mark = _cm_load_push_key (load, key);

      switch (key[0])
        {
        case 'i':
          if (strcmp (key, "id") == 0)
            {
              if (!first_time (load, &seen, 0, key))
                goto next;
              a.id = read_id (load, TRUE);
              goto next;
            }
          break;
        case 'd':
          if (strcmp (key, "date") == 0)
            {
              if (!first_time (load, &seen, 1, key))
                goto next;
              saw_date = TRUE;
              have_date = read_date (load, &date, &a.date_text);
              goto next;
            }
          if (strcmp (key, "date_note") == 0)
            {
              if (!first_time (load, &seen, 2, key))
                goto next;
              _cm_load_text (load, &a.date_note);
              goto next;
            }
          break;
        case 'e':
          if (strcmp (key, "end") == 0)
            {
              if (!first_time (load, &seen, 3, key))
                goto next;
              end_offset = cm_json_reader_offset (&load->reader);
              have_end = read_date (load, &end, &a.end_text);
              goto next;
            }
          break;
        case 'p':
          if (strcmp (key, "place") == 0)
            {
              if (!first_time (load, &seen, 4, key))
                goto next;
              read_reference (load, ds->place_ids, &a.place, &pending.ref);
              goto next;
            }
          break;
        case 'c':
          if (strcmp (key, "category") == 0)
            {
              if (!first_time (load, &seen, 5, key))
                goto next;
              read_reference (load, n->category_ids, &a.category, &pending.ref2);
              goto next;
            }
          break;
        case 't':
          if (strcmp (key, "title") == 0)
            {
              if (!first_time (load, &seen, 6, key))
                goto next;
              gsize at = cm_json_reader_offset (&load->reader);
              if (_cm_load_text (load, &a.title) && a.title == 0)
                _cm_load_error (load, at, "empty string; a value is required here");
              goto next;
            }
          break;
        case 's':
          if (strcmp (key, "summary") == 0)
            {
              if (!first_time (load, &seen, 7, key))
                goto next;
              _cm_load_text (load, &a.summary);
              goto next;
            }
          if (strcmp (key, "sources") == 0)
            {
              if (!first_time (load, &seen, 8, key))
                goto next;
              read_string_list (n, FALSE, &pending.first_source, &pending.n_sources);
              goto next;
            }
          break;
        case 'a':
          if (strcmp (key, "actors") == 0)
            {
              if (!first_time (load, &seen, 9, key))
                goto next;
              read_string_list (n, TRUE, &a.first_actor, &a.n_actors);
              goto next;
            }
          break;
        case 'x':
          if (is_extension (key))
            {
              cm_json_reader_skip (&load->reader);
              goto next;
            }
          break;
        default:
          break;
        }
      unknown_member (load, key,
                      "id, date, end, date_note, place, category, title, summary, actors or sources");
    next:
      _cm_load_pop (load, mark);
    }

  if (a.id == NULL)
    missing (load, pending.offset, "id");
  if (!saw_date)
    missing (load, pending.offset, "date");
  if (pending.ref == NULL && a.place < 0)
    missing (load, pending.offset, "place");
  if (pending.ref2 == NULL && a.category < 0)
    missing (load, pending.offset, "category");
  if (a.title == 0 && cm_json_find_member (load->data, load->len, pending.offset, "title") == G_MAXSIZE)
    missing (load, pending.offset, "title");

  if (have_date)
    {
      a.start = date.start;
      a.end = date.end;
      a.precision = date.precision;
    }
  if (have_date && have_end)
    {
      if (end.end <= date.start)
        {
          g_autofree char *s = cm_dataset_dup_text (ds, a.date_text);
          g_autofree char *e = cm_dataset_dup_text (ds, a.end_text);
          gsize mark = _cm_load_push_key (load, "end");
          _cm_load_error (load, end_offset, "end \"%s\" is before the start \"%s\"; the end must not precede the date", e, s);
          _cm_load_pop (load, mark);
        }
      a.end = MAX (end.end, date.end);
      a.end_precision = end.precision;
    }

out:
  /* Workers fill pre-sized arrays at their own indices. */
  if (index < ds->announcements->len)
    {
      g_array_index (ds->announcements, CmAnnouncement, index) = a;
      g_array_index (n->pending_announcements, Pending, index) = pending;
    }
  else
    {
      g_array_append_val (ds->announcements, a);
      g_array_append_val (n->pending_announcements, pending);
    }
}

typedef void (*ReadItem) (Native *n, guint index);

static void
read_array (Native     *n,
            const char *what,
            ReadItem    read_item,
            gboolean    report_progress)
{
  CmLoad *load = n->load;
  guint i = 0;

  if (!_cm_load_expect (load, CM_JSON_ARRAY, what))
    return;
  cm_json_reader_enter (&load->reader);
  while (cm_json_reader_next_element (&load->reader))
    {
      gsize mark;

      if ((i & 4095) == 0 && report_progress &&
          !_cm_load_tick (load, CM_LOAD_READING (load->reader.pos / (double) MAX (load->len, 1))))
        return;
      if (i >= CM_LOADER_MAX_ANNOUNCEMENTS)
        {
          _cm_load_error (load, cm_json_reader_offset (&load->reader),
                          "more than %u items: the limit of this version", CM_LOADER_MAX_ANNOUNCEMENTS);
          return;
        }
      mark = _cm_load_push_index (load, i);
      read_item (n, i++);
      _cm_load_pop (load, mark);
    }
}


/* Large arrays of announcements are read by two threads, one half each.
 * The scan already knows where every element starts, so each thread jumps
 * straight to its share. A worker interns, decodes and registers ids in
 * storage of its own, merged into the dataset afterwards; the dataset's
 * announcement array is sized up front so each thread writes its own
 * slots. Places and categories are only read (they precede the
 * announcements in files written as documented; when they do not, the
 * references simply wait for the final resolution pass). */
#ifndef PARALLEL_MIN_ANNOUNCEMENTS   /* the fuzz build lowers it to reach this path */
#define PARALLEL_MIN_ANNOUNCEMENTS 20000
#endif

typedef struct
{
  Native        n;
  CmLoad        load;
  guint         first;
  guint         last;
  gboolean      own_storage;   /* the second thread's; the first reports progress */
} Worker;

static gpointer
worker_run (gpointer data)
{
  Worker *w = data;
  CmLoad *load = &w->load;
  const gsize *offsets = load->elements;

  /* The buffers written for every member (the JSON Pointer, the reader's
   * key and text) are allocated by the thread that writes them: made by
   * one thread, the two workers' landed on shared cache lines, and the
   * ping-pong between the cores cost a third of the parse. */
  cm_json_reader_init (&load->reader, load->data, load->len, 0);
  load->pointer = g_string_new ("/announcements");
  if (w->own_storage)
    {
      load->diags = cm_diagnostics_new (cm_diagnostics_get_file_name (load->diags));
      load->strings = g_string_chunk_new (64 * 1024);
      load->arena = g_string_new (NULL);
      w->n.actors = g_array_new (FALSE, FALSE, sizeof (const char *));
      w->n.source_ids = g_ptr_array_new ();
    }

  for (guint i = w->first; i < w->last; i++)
    {
      gsize mark;

      if (((i - w->first) & 4095) == 0)
        {
          if (load->cancellable && g_cancellable_is_cancelled (load->cancellable))
            {
              /* The slots are not cleared beforehand: zero those left. */
              memset (&g_array_index (load->dataset->announcements, CmAnnouncement, i), 0,
                      sizeof (CmAnnouncement) * (w->last - i));
              memset (&g_array_index (w->n.pending_announcements, Pending, i), 0,
                      sizeof (Pending) * (w->last - i));
              load->cancelled = TRUE;
              break;
            }
          if (!w->own_storage)
            _cm_load_tick (load, CM_LOAD_READING ((i - w->first) / (double) MAX (w->last - w->first, 1)));
        }
      load->reader.pos = offsets[i];
      mark = _cm_load_push_index (load, i);
      read_announcement (&w->n, i);
      _cm_load_pop (load, mark);
    }
  return NULL;
}

static void
worker_init (Worker       *w,
             Native       *shared,
             guint         first,
             guint         last,
             gboolean      own_storage)
{
  CmLoad *parent = shared->load;

  w->n = *shared;
  w->load = *parent;
  w->n.load = &w->load;
  w->first = first;
  w->last = last;
  w->own_storage = own_storage;
}

/* Folds a worker's storage into the dataset and the loading thread's. */
static void
worker_merge (Worker *w,
              Native *main)
{
  CmLoad *load = main->load;
  CmDataset *ds = load->dataset;
  gsize arena_delta = ds->arena->len;
  guint actor_delta = main->actors->len;
  guint source_delta = main->source_ids->len;

  g_string_append_len (ds->arena, w->load.arena->str, w->load.arena->len);
  g_array_append_vals (main->actors, w->n.actors->data, w->n.actors->len);
  g_ptr_array_extend (main->source_ids, w->n.source_ids, NULL, NULL);
  for (guint i = w->first; i < w->last; i++)
    {
      CmAnnouncement *a = &g_array_index (ds->announcements, CmAnnouncement, i);
      Pending *p = &g_array_index (main->pending_announcements, Pending, i);

      a->title = _cm_dataset_text_shift (ds, a->title, arena_delta);
      a->summary = _cm_dataset_text_shift (ds, a->summary, arena_delta);
      a->date_text = _cm_dataset_text_shift (ds, a->date_text, arena_delta);
      a->end_text = _cm_dataset_text_shift (ds, a->end_text, arena_delta);
      a->date_note = _cm_dataset_text_shift (ds, a->date_note, arena_delta);
      a->first_actor += actor_delta;
      p->first_source += source_delta;
    }

  cm_diagnostics_take_all (load->diags, w->load.diags);
  g_ptr_array_add (ds->more_strings, g_steal_pointer (&w->load.strings));
  load->cancelled |= w->load.cancelled;
}

static void
worker_clear (Worker  *w,
              gboolean own_storage)
{
  cm_json_reader_clear (&w->load.reader);
  g_string_free (w->load.pointer, TRUE);
  if (own_storage)
    {
      cm_diagnostics_free (w->load.diags);
      if (w->load.strings)
        g_string_chunk_free (w->load.strings);
      g_string_free (w->load.arena, TRUE);
      g_array_unref (w->n.actors);
      g_ptr_array_unref (w->n.source_ids);
    }
}

static void
read_announcements (Native *n)
{
  CmLoad *load = n->load;
  CmDataset *ds = load->dataset;
  const CmJsonArraySpan *span = NULL;
  Worker workers[2];
  GThread *thread;
  guint half;

  if (cm_json_reader_peek (&load->reader) == CM_JSON_ARRAY)
    span = _cm_load_find_span (load, cm_json_reader_offset (&load->reader));
  if (span == NULL || span->n < PARALLEL_MIN_ANNOUNCEMENTS || span->n > CM_LOADER_MAX_ANNOUNCEMENTS ||
      ds->announcements->len != 0 || g_get_num_processors () < 2)
    {
      read_array (n, "an array of announcements", read_announcement, TRUE);
      return;
    }

  /* Sized without clearing: the workers write every slot, and touching
   * the fresh pages in two threads halves the kernel's share (at a
   * million announcements, zeroing the 120 MB first took a tenth of the
   * load). */
  g_array_unref (ds->announcements);
  ds->announcements = g_array_sized_new (FALSE, FALSE, sizeof (CmAnnouncement), span->n);
  cm_memory_hint_big (ds->announcements->data, sizeof (CmAnnouncement) * span->n);
  g_array_set_size (ds->announcements, span->n);
  g_array_unref (n->pending_announcements);
  n->pending_announcements = g_array_sized_new (FALSE, FALSE, sizeof (Pending), span->n);
  cm_memory_hint_big (n->pending_announcements->data, sizeof (Pending) * span->n);
  g_array_set_size (n->pending_announcements, span->n);
  half = span->n / 2;

  /* Element i of the span is announcement i. */
  worker_init (&workers[0], n, 0, half, FALSE);
  worker_init (&workers[1], n, half, span->n, TRUE);
  workers[0].load.elements = load->elements + span->first;
  workers[1].load.elements = load->elements + span->first;

  thread = g_thread_new ("cm-load", worker_run, &workers[1]);
  worker_run (&workers[0]);
  g_thread_join (thread);

  load->cancelled |= workers[0].load.cancelled;
  worker_merge (&workers[1], n);
  worker_clear (&workers[0], FALSE);
  worker_clear (&workers[1], TRUE);

  /* Leave the reader after the array, as reading it in order would. */
  load->reader.pos = load->elements[span->first + span->n - 1];
  cm_json_reader_skip (&load->reader);
  cm_json_reader_next_element (&load->reader);
}

/* Once all are read, in file order: a clash is reported at the later
 * announcement whichever thread read the two. */
static void
index_announcement_ids (Native *n)
{
  CmLoad *load = n->load;
  CmDataset *ds = load->dataset;
  guint count = ds->announcements->len;

  cm_id_table_free (ds->announcement_ids);
  ds->announcement_ids = cm_id_table_new (count);
  for (guint i = 0; i < count && !load->cancelled; i++)
    {
      const CmAnnouncement *a = &g_array_index (ds->announcements, CmAnnouncement, i);
      gint previous;
      gsize mark;

      if (a->id == NULL || (previous = cm_id_table_insert (ds->announcement_ids, a->id, i)) < 0)
        continue;
      mark = _cm_load_push_index (load, i);
      _cm_load_error (load, g_array_index (n->pending_announcements, Pending, i).offset,
                      "duplicate announcement id \"%s\"; it is already used by announcement number %d",
                      a->id, previous);
      _cm_load_pop (load, mark);
    }
}

static void
ref_error (CmLoad     *load,
           const char *array,
           guint       index,
           gsize       object_offset,
           const char *member,
           const char *message)
{
  gsize at = cm_json_find_member (load->data, load->len, object_offset, member);

  g_string_printf (load->pointer, "/%s/%u/%s", array, index, member);
  _cm_load_error (load, at == G_MAXSIZE ? object_offset : at, "%s", message);
  g_string_truncate (load->pointer, 0);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
list_ids (GHashTable *ids)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GString *s = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);

  g_ptr_array_sort (keys, compare_strings);
  for (guint i = 0; i < keys->len && i < 12; i++)
    g_string_append_printf (s, "%s\"%s\"", i ? ", " : "", (const char *) g_ptr_array_index (keys, i));
  if (keys->len > 12)
    g_string_append_printf (s, " and %u more", keys->len - 12);
  if (keys->len == 0)
    g_string_append (s, "none are defined");
  return g_string_free (s, FALSE);
}

static void
resolve_parents (Native *n)
{
  CmLoad *load = n->load;
  CmDataset *ds = load->dataset;
  guint count = ds->places->len;

  for (guint i = 0; i < count; i++)
    {
      Pending *p = &g_array_index (n->pending_places, Pending, i);
      CmPlace *place = &g_array_index (ds->places, CmPlace, i);
      gint parent;

      if (p->ref == NULL)
        continue;
      parent = GPOINTER_TO_INT (g_hash_table_lookup (ds->place_ids, p->ref)) - 1;
      if (parent < 0)
        {
          g_autofree char *known = list_ids (ds->place_ids);
          g_autofree char *msg = g_strdup_printf ("unknown parent place \"%s\"; known places: %s", p->ref, known);
          ref_error (load, "places", i, p->offset, "parent", msg);
        }
      place->parent = parent;
    }

  /* A chain longer than the number of places must loop. */
  for (guint i = 0; i < count; i++)
    {
      gint at = g_array_index (ds->places, CmPlace, i).parent;
      guint steps = 0;

      while (at >= 0 && steps <= count && (guint) at != i)
        {
          at = g_array_index (ds->places, CmPlace, at).parent;
          steps++;
        }
      if (at >= 0)
        {
          g_autofree char *msg = g_strdup_printf ("place \"%s\" is its own ancestor: its parent chain loops",
                                                  g_array_index (ds->places, CmPlace, i).id);
          ref_error (load, "places", i, g_array_index (n->pending_places, Pending, i).offset, "parent", msg);
        }
    }
}

static char *
describe_matches (GPtrArray *matches)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < matches->len && i < 8; i++)
    {
      g_autofree char *d = cm_gazetteer_match_describe (g_ptr_array_index (matches, i));
      g_string_append_printf (s, "%s%s", i ? "; " : "", d);
    }
  if (matches->len > 8)
    g_string_append_printf (s, "; and %u more", matches->len - 8);
  return g_string_free (s, FALSE);
}

static void
resolve_place (Native *n,
               guint   index)
{
  CmLoad *load = n->load;
  CmDataset *ds = load->dataset;
  CmPlace *place = &g_array_index (ds->places, CmPlace, index);
  gsize offset = g_array_index (n->pending_places, Pending, index).offset;
  g_autoptr(GPtrArray) regions = g_ptr_array_new ();
  g_autoptr(GPtrArray) matches = NULL;
  const char *country = place->country;
  guint steps = 0;

  for (gint at = place->parent; at >= 0 && steps < ds->places->len; steps++)
    {
      const CmPlace *up = &g_array_index (ds->places, CmPlace, at);
      /* The gazetteer knows provinces by name ("Hubei"), not cities or
       * countries, so only those can narrow the candidates. */
      if (up->name && up->kind == CM_PLACE_PROVINCE)
        g_ptr_array_add (regions, (gpointer) up->name);
      if (country == NULL)
        country = up->country;
      at = up->parent;
    }
  g_ptr_array_add (regions, NULL);

  matches = cm_gazetteer_lookup (place->name, country, (const char * const *) regions->pdata);
  g_string_printf (load->pointer, "/places/%u", index);
  if (matches->len == 1)
    {
      CmGazetteerMatch *m = g_ptr_array_index (matches, 0);
      g_autofree char *d = cm_gazetteer_match_describe (m);

      place->lat = m->lat;
      place->lon = m->lon;
      place->coords = CM_COORDS_GAZETTEER;
      _cm_load_note (load, offset, "place \"%s\" has no lat/lon; the offline gazetteer gives %s",
                     place->name, d);
    }
  else if (matches->len > 1)
    {
      g_autofree char *d = describe_matches (matches);
      _cm_load_error (load, offset, "place \"%s\" is ambiguous in the offline gazetteer: %u candidates: %s; "
                      "add a parent or country, or give lat and lon", place->name, matches->len, d);
    }
  else
    {
      g_autoptr(GPtrArray) elsewhere = cm_gazetteer_lookup (place->name, NULL, NULL);
      g_autofree char *d = describe_matches (elsewhere);
      _cm_load_error (load, offset, "place \"%s\" has no lat/lon and the offline gazetteer has no match%s%s%s; "
                      "give lat and lon", place->name,
                      country || regions->len > 1 ? " in the given country and parents" : "",
                      elsewhere->len ? "; candidates elsewhere: " : "", d);
    }
  g_string_truncate (load->pointer, 0);
}

static void
resolve_places (Native *n)
{
  CmDataset *ds = n->load->dataset;

  for (guint i = 0; i < ds->places->len; i++)
    {
      CmPlace *place = &g_array_index (ds->places, CmPlace, i);

      /* Countries and provinces are drawn as regions of the base map. */
      if (place->coords != CM_COORDS_NONE || place->name == NULL ||
          place->kind == CM_PLACE_COUNTRY || place->kind == CM_PLACE_PROVINCE)
        continue;
      resolve_place (n, i);
    }
}

static void
resolve_announcements (Native *n)
{
  CmLoad *load = n->load;
  CmDataset *ds = load->dataset;

  for (guint i = 0; i < ds->announcements->len; i++)
    {
      CmAnnouncement *a = &g_array_index (ds->announcements, CmAnnouncement, i);
      Pending *p = &g_array_index (n->pending_announcements, Pending, i);

      if (p->ref != NULL)
        {
          a->place = GPOINTER_TO_INT (g_hash_table_lookup (ds->place_ids, p->ref)) - 1;
          if (a->place < 0)
            {
              g_autofree char *known = list_ids (ds->place_ids);
              g_autofree char *msg = g_strdup_printf ("unknown place \"%s\"; known places: %s", p->ref, known);
              ref_error (load, "announcements", i, p->offset, "place", msg);
            }
        }
      if (p->ref2 != NULL)
        {
          a->category = GPOINTER_TO_INT (g_hash_table_lookup (n->category_ids, p->ref2)) - 1;
          if (a->category < 0)
            {
              g_autofree char *known = list_ids (n->category_ids);
              g_autofree char *msg = g_strdup_printf ("unknown category \"%s\"; known categories: %s", p->ref2, known);
              ref_error (load, "announcements", i, p->offset, "category", msg);
            }
        }

      a->first_source = ds->source_refs->len;
      a->n_sources = 0;
      for (guint s = 0; s < p->n_sources; s++)
        {
          const char *id = g_ptr_array_index (n->source_ids, p->first_source + s);
          gint32 ref = GPOINTER_TO_INT (g_hash_table_lookup (n->source_index, id)) - 1;

          if (ref < 0)
            {
              g_autofree char *known = list_ids (n->source_index);
              g_autofree char *msg = g_strdup_printf ("unknown source \"%s\"; known sources: %s", id, known);
              ref_error (load, "announcements", i, p->offset, "sources", msg);
              continue;
            }
          for (guint t = 0; t < a->n_sources; t++)
            if (g_array_index (ds->source_refs, gint32, a->first_source + t) == ref)
              {
                g_autofree char *msg = g_strdup_printf ("source \"%s\" is listed twice", id);
                ref_error (load, "announcements", i, p->offset, "sources", msg);
                ref = -1;
                break;
              }
          if (ref >= 0)
            {
              g_array_append_val (ds->source_refs, ref);
              a->n_sources++;
            }
        }
    }
}

gboolean
_cm_load_native (CmLoad *load)
{
  static const char * const members[] = { "title", "description", "places", "categories", "sources", "announcements", NULL };
  guint32 seen = 0;
  CmDataset *ds = load->dataset;
  Native n = { .load = load };
  gsize top = cm_json_reader_offset (&load->reader);

  n.pending_places = g_array_new (FALSE, TRUE, sizeof (Pending));
  n.pending_announcements = g_array_new (FALSE, TRUE, sizeof (Pending));
  n.source_ids = g_ptr_array_new ();
  n.category_ids = g_hash_table_new (g_str_hash, g_str_equal);
  n.source_index = g_hash_table_new (g_str_hash, g_str_equal);
  n.actors = ds->actors;

  cm_json_reader_enter (&load->reader);
  while (!load->cancelled && cm_json_reader_next_member (&load->reader))
    {
      const char *key = load->reader.key->str;
      gsize mark = _cm_load_push_key (load, key);

      if (repeated (load, members, &seen, key))
        {
          _cm_load_pop (load, mark);
          continue;
        }

      if (strcmp (key, "title") == 0)
        {
          const char *s = _cm_load_string (load, TRUE);
          if (s != NULL)
            ds->title = g_strdup (s);
          n.have_title = TRUE;
        }
      else if (strcmp (key, "description") == 0)
        {
          const char *s = _cm_load_string (load, FALSE);
          ds->description = g_strdup (s);
        }
      else if (strcmp (key, "places") == 0)
        read_array (&n, "an array of places", read_place, FALSE);
      else if (strcmp (key, "categories") == 0)
        read_array (&n, "an array of categories", read_category, FALSE);
      else if (strcmp (key, "sources") == 0)
        read_array (&n, "an array of sources", read_source, FALSE);
      else if (strcmp (key, "announcements") == 0)
        {
          read_announcements (&n);
          index_announcement_ids (&n);
          n.have_announcements = TRUE;
        }
      else if (is_extension (key))
        cm_json_reader_skip (&load->reader);
      else
        unknown_member (load, key, "title, description, places, categories, sources or announcements");
      _cm_load_pop (load, mark);
    }

  if (!load->cancelled)
    {
      if (!n.have_title)
        cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, top, NULL, "missing required member \"title\"");
      resolve_parents (&n);
      resolve_places (&n);
      resolve_announcements (&n);
      if (n.have_announcements && ds->announcements->len == 0)
        cm_diagnostics_add (load->diags, CM_SEVERITY_WARNING, top, NULL,
                            "the dataset has no announcements: there is nothing to show");
    }

  g_array_unref (n.pending_places);
  g_array_unref (n.pending_announcements);
  g_ptr_array_unref (n.source_ids);
  g_hash_table_unref (n.category_ids);
  g_hash_table_unref (n.source_index);
  return !load->cancelled;
}
