/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include "cm-config.h"

#include <glib/gi18n-lib.h>
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

/* Every object of the format is read through a table of its members: the
 * one loop below reports unknown, repeated and missing members the same
 * way for all of them, and fills a record the object's reader then
 * checks as a whole and stores. */
typedef enum
{
  MEMBER_ID,               /* const char *, interned: the id of one of few */
  MEMBER_UNIQUE_ID,        /* const char *, copied: the id of one of many */
  MEMBER_STRING,           /* const char *, interned, not empty */
  MEMBER_STRING_OR_EMPTY,  /* const char *, interned */
  MEMBER_TEXT,             /* CmText */
  MEMBER_TEXT_NOT_EMPTY,   /* CmText */
  MEMBER_DATE,             /* DateValue */
  MEMBER_LATITUDE,         /* double */
  MEMBER_LONGITUDE,        /* double */
  MEMBER_PLACE_REF,        /* Reference */
  MEMBER_CATEGORY_REF,     /* Reference */
  MEMBER_ACTORS,           /* StringList */
  MEMBER_SOURCE_IDS,       /* StringList */
  MEMBER_CUSTOM,           /* read by Member.read */
} MemberKind;

typedef enum
{
  MEMBER_OPTIONAL,
  MEMBER_REQUIRED,   /* missing unless a valid value was read */
  MEMBER_PRESENT,    /* missing unless the member is there, valid or not */
} MemberNeed;

typedef struct _Native Native;

/* Reads the value at the reader into @field; TRUE when it was valid. */
typedef gboolean (*ReadMember) (Native   *n,
                                gpointer  field);

typedef struct
{
  const char *name;
  MemberKind  kind;
  MemberNeed  need;
  guint16     offset;   /* of the field in the object's record */
  ReadMember  read;     /* MEMBER_CUSTOM only */
} Member;

typedef struct
{
  const Member *members;   /* at most 32, in the order the errors list them */
  guint         n_members;
  /* Worked out from the members on first use: a complete object then
   * costs one test, and a member's pointer no strlen. */
  gsize         needs_known;
  guint32       required;  /* MEMBER_REQUIRED members' bits */
  guint32       present;   /* MEMBER_PRESENT members' bits */
  guint8        name_len[32];
} MemberTable;

#define MEMBER_TABLE(members) { members, G_N_ELEMENTS (members), 0, 0, 0, { 0 } }
#define MEMBER_BIT(index) (1u << (index))

typedef struct
{
  CmDate date;
  CmText text;
  gsize  offset;   /* of the value, to point errors back */
} DateValue;

typedef struct
{
  gint32      index;     /* -1 while unknown */
  const char *pending;   /* the id, interned, when not defined yet */
} Reference;

typedef struct
{
  guint32 first;
  guint16 count;
} StringList;

typedef struct
{
  gsize       offset;        /* of the element's object, to point errors back */
  const char *ref;           /* first reference (place / parent), interned */
  const char *ref2;          /* second reference (category) */
  guint32     first_source;  /* into Native.source_ids */
  guint16     n_sources;
} Pending;

struct _Native
{
  CmLoad     *load;
  GArray     *pending_places;        /* Pending: ref = parent */
  GArray     *pending_announcements; /* Pending: ref = place, ref2 = category */
  GPtrArray  *source_ids;            /* interned source references */
  GHashTable *category_ids;
  GHashTable *source_index;
  GArray     *actors;                /* const char *: ds->actors, or a worker's */
};

static gboolean
is_extension (const char *key)
{
  return g_str_has_prefix (key, "x-");
}

static void
unknown_member (CmLoad            *load,
                const char        *key,
                const MemberTable *table)
{
  g_autofree char *shown = g_utf8_make_valid (key, MIN (strlen (key), 64));
  g_autoptr(GString) expected = g_string_new (NULL);
  gsize at = cm_json_reader_offset (&load->reader);

  for (guint i = 0; i < table->n_members; i++)
    /* Translators: ", " between the items of a list, " or " before its
     * last: "id, name, kind or lat". */
    g_string_append_printf (expected, "%s%s",
                            i == 0 ? "" : i + 1 < table->n_members ? C_("list", ", ") : C_("list", " or "),
                            table->members[i].name);
  _cm_load_error (load, at, _("unknown member \"%s\"; expected %s (prefix your own members with \"x-\")"),
                  shown, expected->str);
  cm_json_reader_skip (&load->reader);
}

/* Said of the object at @offset; the document itself has no pointer. */
static void
missing (CmLoad     *load,
         gsize       offset,
         const char *member)
{
  cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, offset,
                      load->pointer->len > 0 ? load->pointer->str : NULL,
                      _("missing required member \"%s\""), member);
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
  if (*seen & MEMBER_BIT (bit))
    {
      _cm_load_error (load, cm_json_reader_offset (&load->reader),
                      _("member \"%s\" appears twice in this object; keep one"), key);
      cm_json_reader_skip (&load->reader);
      return FALSE;
    }
  *seen |= MEMBER_BIT (bit);
  return TRUE;
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
                      _("id longer than 256 bytes"));
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
static gboolean
read_reference (CmLoad     *load,
                GHashTable *ids,
                Reference  *ref)
{
  const char *s = _cm_load_string (load, TRUE);
  gpointer index;

  if (s == NULL)
    return FALSE;
  if (g_hash_table_lookup_extended (ids, s, NULL, &index))
    {
      ref->index = GPOINTER_TO_INT (index) - 1;
      ref->pending = NULL;
      return TRUE;
    }
  ref->pending = _cm_load_intern (load, s);
  return TRUE;
}

static gboolean
read_coordinate (CmLoad     *load,
                 double      limit,
                 const char *what,
                 double     *out)
{
  gsize at = cm_json_reader_offset (&load->reader);
  double v;

  if (!_cm_load_expect (load, CM_JSON_NUMBER, N_("a number")))
    return FALSE;
  v = cm_json_reader_read_double (&load->reader, NULL);
  if (!isfinite (v) || v < -limit || v > limit)
    {
      /* Translators: "latitude 95 is out of range; expected -90 to 90". */
      _cm_load_error (load, at, _("%s %g is out of range; expected %g to %g"), _(what), v, -limit, limit);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static gboolean
read_date (CmLoad    *load,
           DateValue *value)
{
  gsize at = cm_json_reader_offset (&load->reader);
  g_autofree char *message = NULL;
  gsize offset, len;
  gboolean escaped;
  const char *s;

  value->offset = at;
  if (!_cm_load_expect (load, CM_JSON_STRING, N_("a date string such as \"2021-11-15\"")))
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
  if (!cm_date_parse (s, len, &value->date, &message))
    {
      _cm_load_error (load, at, "%s", message);
      return FALSE;
    }
  value->text = _cm_load_text_ref (load, offset, len, escaped);
  return TRUE;
}

static gboolean
read_string_list (Native     *n,
                  gboolean    actors,
                  StringList *list)
{
  CmLoad *load = n->load;
  gboolean too_many = FALSE;
  guint i = 0;

  list->first = actors ? n->actors->len : n->source_ids->len;
  list->count = 0;
  if (!_cm_load_expect (load, CM_JSON_ARRAY, actors ? N_("an array of names") : N_("an array of source ids")))
    return FALSE;
  cm_json_reader_enter (&load->reader);
  while (cm_json_reader_next_element (&load->reader))
    {
      gsize mark = _cm_load_push_index (load, i++);
      const char *s = read_interned (load, TRUE);

      if (s != NULL && list->count == G_MAXUINT16 && !too_many)
        {
          too_many = TRUE;
          _cm_load_error (load, cm_json_reader_offset (&load->reader),
                          actors ? _("more than %u actors: the limit of one announcement")
                                 : _("more than %u sources: the limit of one announcement"), G_MAXUINT16);
        }
      else if (s != NULL && list->count < G_MAXUINT16)
        {
          if (actors)
            g_array_append_val (n->actors, s);
          else
            g_ptr_array_add (n->source_ids, (gpointer) s);
          list->count++;
        }
      _cm_load_pop (load, mark);
    }
  return TRUE;
}

static gboolean
read_member (Native       *n,
             const Member *m,
             gpointer      field)
{
  CmLoad *load = n->load;

  switch (m->kind)
    {
    case MEMBER_ID:
      return (*(const char **) field = read_id (load, FALSE)) != NULL;
    case MEMBER_UNIQUE_ID:
      return (*(const char **) field = read_id (load, TRUE)) != NULL;
    case MEMBER_STRING:
      return (*(const char **) field = read_interned (load, TRUE)) != NULL;
    case MEMBER_STRING_OR_EMPTY:
      return (*(const char **) field = read_interned (load, FALSE)) != NULL;
    case MEMBER_TEXT:
      return _cm_load_text (load, field);
    case MEMBER_TEXT_NOT_EMPTY:
      {
        gsize at = cm_json_reader_offset (&load->reader);

        if (!_cm_load_text (load, field))
          return FALSE;
        if (*(CmText *) field != 0)
          return TRUE;
        _cm_load_error (load, at, _("empty string; a value is required here"));
        return FALSE;
      }
    case MEMBER_DATE:
      return read_date (load, field);
    case MEMBER_LATITUDE:
      return read_coordinate (load, 90, N_("latitude"), field);
    case MEMBER_LONGITUDE:
      return read_coordinate (load, 180, N_("longitude"), field);
    case MEMBER_PLACE_REF:
      return read_reference (load, load->dataset->place_ids, field);
    case MEMBER_CATEGORY_REF:
      return read_reference (load, n->category_ids, field);
    case MEMBER_ACTORS:
      return read_string_list (n, TRUE, field);
    case MEMBER_SOURCE_IDS:
      return read_string_list (n, FALSE, field);
    case MEMBER_CUSTOM:
      return m->read (n, field);
    default:
      g_assert_not_reached ();
      return FALSE;
    }
}

/* The objects of a file list their members in one order, mostly the
 * table's: the search starts after the member found last, and compares
 * first bytes before strings. Returns the member's index, or n_members. */
static inline guint
find_member (const Member *members,
             guint         n_members,
             const char   *key,
             guint         from)
{
  for (guint i = from; i < n_members; i++)
    if (members[i].name[0] == key[0] && strcmp (members[i].name, key) == 0)
      return i;
  for (guint i = 0; i < from && i < n_members; i++)
    if (members[i].name[0] == key[0] && strcmp (members[i].name, key) == 0)
      return i;
  return n_members;
}

/* Reads the members of the object the reader has just entered (at
 * @offset) into @record, as @table says, and reports the required ones
 * missing. Returns the bits of the members read with a valid value; @seen,
 * those of the members present. */
static guint32
read_members (Native      *n,
              MemberTable *table,
              gsize        offset,
              gpointer     record,
              guint32     *seen)
{
  CmLoad *load = n->load;
  const Member *members = table->members;
  guint n_members = table->n_members;
  guint32 valid = 0, present = 0;
  guint next = 0;

  if (g_once_init_enter (&table->needs_known))
    {
      g_assert (n_members <= 32);
      for (guint i = 0; i < n_members; i++)
        {
          table->required |= members[i].need == MEMBER_REQUIRED ? MEMBER_BIT (i) : 0;
          table->present |= members[i].need == MEMBER_PRESENT ? MEMBER_BIT (i) : 0;
          table->name_len[i] = strlen (members[i].name);
        }
      g_once_init_leave (&table->needs_known, 1);
    }

  while (!load->cancelled && cm_json_reader_next_member (&load->reader))
    {
      const char *key = load->reader.key->str;
      guint i = find_member (members, n_members, key, next);
      gsize mark = load->pointer->len;

      if (i < n_members)
        {
          /* Our names need no escaping: no scan of the key for '~' and
           * '/', which took a tenth of reading a large file. */
          g_string_append_c (load->pointer, '/');
          cm_string_append_len (load->pointer, members[i].name, table->name_len[i]);
          if (first_time (load, &present, i, key) &&
              read_member (n, &members[i], (char *) record + members[i].offset))
            valid |= MEMBER_BIT (i);
          next = i + 1;
        }
      else
        {
          _cm_load_push_key (load, key);
          if (is_extension (key))
            cm_json_reader_skip (&load->reader);
          else
            unknown_member (load, key, table);
        }
      _cm_load_pop (load, mark);
    }

  *seen = present;
  if (load->cancelled ||
      ((valid & table->required) == table->required && (present & table->present) == table->present))
    return valid;
  for (guint i = 0; i < n_members; i++)
    {
      if ((members[i].need == MEMBER_REQUIRED && !(valid & MEMBER_BIT (i))) ||
          (members[i].need == MEMBER_PRESENT && !(present & MEMBER_BIT (i))))
        missing (load, offset, members[i].name);
    }
  return valid;
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
      /* Translators: "duplicate place id "wuhan"; it is already used by
       * place number 3": the first and third %s are one of "place",
       * "category" or "source", the second the id, %d the index in its
       * array; reorder them with %1$s … %4$d. */
      _cm_load_error (load, offset, _("duplicate %s id \"%s\"; it is already used by %s number %d"),
                      _(what), id, _(what), GPOINTER_TO_INT (previous) - 1);
      return;
    }
  g_hash_table_insert (ids, (gpointer) id, GINT_TO_POINTER (index + 1));
}

/* Places */

typedef struct
{
  CmPlace place;
  Pending pending;
} PlaceRecord;

enum { PLACE_ID, PLACE_NAME, PLACE_LOCAL_NAME, PLACE_KIND, PLACE_PARENT, PLACE_COUNTRY, PLACE_LAT, PLACE_LON };

static CmPlaceKind
parse_kind (const char *s)
{
  static const char * const names[] = { "country", "province", "city", "district" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (s, names[i]) == 0)
      return (CmPlaceKind) (CM_PLACE_COUNTRY + i);
  return CM_PLACE_UNKNOWN;
}

static gboolean
read_place_kind (Native   *n,
                 gpointer  field)
{
  CmLoad *load = n->load;
  gsize at = cm_json_reader_offset (&load->reader);
  const char *s = _cm_load_string (load, TRUE);
  CmPlaceKind *kind = field;

  if (s == NULL)
    return FALSE;
  if ((*kind = parse_kind (s)) != CM_PLACE_UNKNOWN)
    return TRUE;
  _cm_load_error (load, at, _("unknown kind \"%s\"; expected country, province, city or district"), s);
  return FALSE;
}

static gboolean
read_country (Native   *n,
              gpointer  field)
{
  CmLoad *load = n->load;
  gsize at = cm_json_reader_offset (&load->reader);
  const char *s = _cm_load_string (load, TRUE);

  if (s == NULL)
    return FALSE;
  if (strlen (s) != 2 || !g_ascii_isupper (s[0]) || !g_ascii_isupper (s[1]))
    {
      _cm_load_error (load, at, _("country \"%s\" is not an ISO 3166-1 alpha-2 code such as \"CN\""), s);
      return FALSE;
    }
  *(const char **) field = _cm_dataset_intern (load->dataset, s);
  return TRUE;
}

static const Member place_members[] = {
  [PLACE_ID]         = { "id",         MEMBER_ID,              MEMBER_REQUIRED, offsetof (PlaceRecord, place.id) },
  [PLACE_NAME]       = { "name",       MEMBER_STRING,          MEMBER_REQUIRED, offsetof (PlaceRecord, place.name) },
  [PLACE_LOCAL_NAME] = { "local_name", MEMBER_STRING_OR_EMPTY, MEMBER_OPTIONAL, offsetof (PlaceRecord, place.local_name) },
  [PLACE_KIND]       = { "kind",       MEMBER_CUSTOM,          MEMBER_OPTIONAL, offsetof (PlaceRecord, place.kind), read_place_kind },
  [PLACE_PARENT]     = { "parent",     MEMBER_STRING,          MEMBER_OPTIONAL, offsetof (PlaceRecord, pending.ref) },
  [PLACE_COUNTRY]    = { "country",    MEMBER_CUSTOM,          MEMBER_OPTIONAL, offsetof (PlaceRecord, place.country), read_country },
  [PLACE_LAT]        = { "lat",        MEMBER_LATITUDE,        MEMBER_OPTIONAL, offsetof (PlaceRecord, place.lat) },
  [PLACE_LON]        = { "lon",        MEMBER_LONGITUDE,       MEMBER_OPTIONAL, offsetof (PlaceRecord, place.lon) },
};
static MemberTable place_table = MEMBER_TABLE (place_members);

static void
read_place (Native *n,
            guint   index)
{
  CmLoad *load = n->load;
  CmDataset *ds = load->dataset;
  PlaceRecord r = { .place.parent = -1, .pending.offset = cm_json_reader_offset (&load->reader) };
  guint32 valid, seen;
  gboolean have_lat, have_lon;

  if (!_cm_load_expect (load, CM_JSON_OBJECT, N_("a place object")))
    goto out;

  cm_json_reader_enter (&load->reader);
  valid = read_members (n, &place_table, r.pending.offset, &r, &seen);

  have_lat = (valid & MEMBER_BIT (PLACE_LAT)) != 0;
  have_lon = (valid & MEMBER_BIT (PLACE_LON)) != 0;
  if (have_lat != have_lon)
    _cm_load_error (load, r.pending.offset, _("%s given without %s; give both or neither"),
                    have_lat ? "lat" : "lon", have_lat ? "lon" : "lat");
  else if (have_lat)
    r.place.coords = CM_COORDS_DATASET;
  if (r.place.id != NULL)
    register_id (load, ds->place_ids, r.place.id, index, r.pending.offset, N_("place"));

out:
  g_array_append_val (ds->places, r.place);
  g_array_append_val (n->pending_places, r.pending);
}

/* Categories */

static gboolean
read_color (Native   *n,
            gpointer  field)
{
  CmLoad *load = n->load;
  gsize at = cm_json_reader_offset (&load->reader);
  const char *s = _cm_load_string (load, TRUE);
  gboolean ok = s != NULL && strlen (s) == 7 && s[0] == '#';

  for (int i = 1; ok && i < 7; i++)
    ok = g_ascii_isxdigit (s[i]);
  if (ok)
    *(guint32 *) field = (guint32) g_ascii_strtoull (s + 1, NULL, 16);
  else if (s != NULL)
    _cm_load_error (load, at, _("colour \"%s\" is not of the form \"#rrggbb\""), s);
  return ok;
}

static const Member category_members[] = {
  { "id",    MEMBER_ID,     MEMBER_REQUIRED, offsetof (CmCategory, id) },
  { "label", MEMBER_STRING, MEMBER_REQUIRED, offsetof (CmCategory, label) },
  { "color", MEMBER_CUSTOM, MEMBER_REQUIRED, offsetof (CmCategory, color), read_color },
};
static MemberTable category_table = MEMBER_TABLE (category_members);

static void
read_category (Native *n,
               guint   index)
{
  CmLoad *load = n->load;
  CmCategory cat = { 0 };
  gsize offset = cm_json_reader_offset (&load->reader);
  guint32 seen;

  if (!_cm_load_expect (load, CM_JSON_OBJECT, N_("a category object")))
    goto out;

  cm_json_reader_enter (&load->reader);
  read_members (n, &category_table, offset, &cat, &seen);
  if (cat.id != NULL)
    register_id (load, n->category_ids, cat.id, index, offset, N_("category"));

out:
  g_array_append_val (load->dataset->categories, cat);
}

/* Sources */

typedef struct
{
  CmSource  source;
  DateValue date;
} SourceRecord;

enum { SOURCE_ID, SOURCE_TITLE, SOURCE_PUBLISHER, SOURCE_DATE, SOURCE_URL };

static const Member source_members[] = {
  [SOURCE_ID]        = { "id",        MEMBER_ID,              MEMBER_REQUIRED, offsetof (SourceRecord, source.id) },
  [SOURCE_TITLE]     = { "title",     MEMBER_STRING,          MEMBER_REQUIRED, offsetof (SourceRecord, source.title) },
  [SOURCE_PUBLISHER] = { "publisher", MEMBER_STRING_OR_EMPTY, MEMBER_OPTIONAL, offsetof (SourceRecord, source.publisher) },
  [SOURCE_DATE]      = { "date",      MEMBER_DATE,            MEMBER_OPTIONAL, offsetof (SourceRecord, date) },
  [SOURCE_URL]       = { "url",       MEMBER_STRING_OR_EMPTY, MEMBER_OPTIONAL, offsetof (SourceRecord, source.url) },
};
static MemberTable source_table = MEMBER_TABLE (source_members);

static void
read_source (Native *n,
             guint   index)
{
  CmLoad *load = n->load;
  SourceRecord r = { { 0 } };
  gsize offset = cm_json_reader_offset (&load->reader);
  guint32 valid, seen;

  if (!_cm_load_expect (load, CM_JSON_OBJECT, N_("a source object")))
    goto out;

  cm_json_reader_enter (&load->reader);
  valid = read_members (n, &source_table, offset, &r, &seen);
  if (valid & MEMBER_BIT (SOURCE_DATE))
    {
      g_autofree char *s = cm_dataset_dup_text (load->dataset, r.date.text);
      r.source.date = _cm_load_intern (load, s);
    }
  if (r.source.id != NULL)
    register_id (load, n->source_index, r.source.id, index, offset, N_("source"));

out:
  g_array_append_val (load->dataset->sources, r.source);
}

/* Announcements */

typedef struct
{
  CmAnnouncement a;
  Pending        pending;
  DateValue      date;
  DateValue      end;
  Reference      place;
  Reference      category;
  StringList     actors;
  StringList     sources;
} AnnouncementRecord;

enum
{
  ANNOUNCEMENT_ID, ANNOUNCEMENT_DATE, ANNOUNCEMENT_END, ANNOUNCEMENT_DATE_NOTE, ANNOUNCEMENT_PLACE,
  ANNOUNCEMENT_CATEGORY, ANNOUNCEMENT_TITLE, ANNOUNCEMENT_SUMMARY, ANNOUNCEMENT_ACTORS, ANNOUNCEMENT_SOURCES,
};

static const Member announcement_members[] = {
  [ANNOUNCEMENT_ID]        = { "id",        MEMBER_UNIQUE_ID,      MEMBER_REQUIRED, offsetof (AnnouncementRecord, a.id) },
  [ANNOUNCEMENT_DATE]      = { "date",      MEMBER_DATE,           MEMBER_PRESENT,  offsetof (AnnouncementRecord, date) },
  [ANNOUNCEMENT_END]       = { "end",       MEMBER_DATE,           MEMBER_OPTIONAL, offsetof (AnnouncementRecord, end) },
  [ANNOUNCEMENT_DATE_NOTE] = { "date_note", MEMBER_TEXT,           MEMBER_OPTIONAL, offsetof (AnnouncementRecord, a.date_note) },
  [ANNOUNCEMENT_PLACE]     = { "place",     MEMBER_PLACE_REF,      MEMBER_OPTIONAL, offsetof (AnnouncementRecord, place) },
  [ANNOUNCEMENT_CATEGORY]  = { "category",  MEMBER_CATEGORY_REF,   MEMBER_REQUIRED, offsetof (AnnouncementRecord, category) },
  [ANNOUNCEMENT_TITLE]     = { "title",     MEMBER_TEXT_NOT_EMPTY, MEMBER_PRESENT,  offsetof (AnnouncementRecord, a.title) },
  [ANNOUNCEMENT_SUMMARY]   = { "summary",   MEMBER_TEXT,           MEMBER_OPTIONAL, offsetof (AnnouncementRecord, a.summary) },
  [ANNOUNCEMENT_ACTORS]    = { "actors",    MEMBER_ACTORS,         MEMBER_OPTIONAL, offsetof (AnnouncementRecord, actors) },
  [ANNOUNCEMENT_SOURCES]   = { "sources",   MEMBER_SOURCE_IDS,     MEMBER_OPTIONAL, offsetof (AnnouncementRecord, sources) },
};
static MemberTable announcement_table = MEMBER_TABLE (announcement_members);

static void
read_announcement (Native *n,
                   guint   index)
{
  CmLoad *load = n->load;
  CmDataset *ds = load->dataset;
  AnnouncementRecord r = {
    .a.place = -1,
    .a.category = -1,
    .pending.offset = cm_json_reader_offset (&load->reader),
    .place.index = -1,
    .category.index = -1,
  };
  CmAnnouncement *a = &r.a;
  guint32 valid, seen;

  if (!_cm_load_expect (load, CM_JSON_OBJECT, N_("an announcement object")))
    goto out;

  cm_json_reader_enter (&load->reader);
  valid = read_members (n, &announcement_table, r.pending.offset, &r, &seen);

  a->place = r.place.index;
  a->category = r.category.index;
  a->date_text = r.date.text;
  a->end_text = r.end.text;
  a->first_actor = r.actors.first;
  a->n_actors = r.actors.count;
  r.pending.ref = r.place.pending;
  r.pending.ref2 = r.category.pending;
  r.pending.first_source = r.sources.first;
  r.pending.n_sources = r.sources.count;

  if (valid & MEMBER_BIT (ANNOUNCEMENT_DATE))
    {
      a->start = r.date.date.start;
      a->end = r.date.date.end;
      a->precision = r.date.date.precision;
    }
  if ((valid & MEMBER_BIT (ANNOUNCEMENT_DATE)) && (valid & MEMBER_BIT (ANNOUNCEMENT_END)))
    {
      if (r.end.date.end <= r.date.date.start)
        {
          g_autofree char *s = cm_dataset_dup_text (ds, a->date_text);
          g_autofree char *e = cm_dataset_dup_text (ds, a->end_text);
          gsize mark = _cm_load_push_key (load, "end");
          _cm_load_error (load, r.end.offset, _("end \"%s\" is before the start \"%s\"; the end must not precede the date"),
                          e, s);
          _cm_load_pop (load, mark);
        }
      a->end = MAX (r.end.date.end, r.date.date.end);
      a->end_precision = r.end.date.precision;
    }

out:
  /* Workers fill pre-sized arrays at their own indices. */
  if (index < ds->announcements->len)
    {
      g_array_index (ds->announcements, CmAnnouncement, index) = *a;
      g_array_index (n->pending_announcements, Pending, index) = r.pending;
    }
  else
    {
      g_array_append_val (ds->announcements, *a);
      g_array_append_val (n->pending_announcements, r.pending);
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
                          _("more than %u items: the limit of this version"), CM_LOADER_MAX_ANNOUNCEMENTS);
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

      _cm_dataset_shift_texts (ds, a, arena_delta);
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
      read_array (n, N_("an array of announcements"), read_announcement, TRUE);
      return;
    }

  /* Sized without clearing: the workers write every slot, and touching
   * the fresh pages in two threads halves the kernel's share (at a
   * million announcements, zeroing the 120 MB first took a tenth of the
   * load). */
  g_array_unref (ds->announcements);
  ds->announcements = g_array_sized_new (FALSE, FALSE, sizeof (CmAnnouncement), span->n);
  g_array_set_size (ds->announcements, span->n);
  g_array_unref (n->pending_announcements);
  n->pending_announcements = g_array_sized_new (FALSE, FALSE, sizeof (Pending), span->n);
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
                      _("duplicate announcement id \"%s\"; it is already used by announcement number %d"),
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
    g_string_append_printf (s, "%s\"%s\"", i ? C_("list", ", ") : "", (const char *) g_ptr_array_index (keys, i));
  if (keys->len > 12)
    g_string_append_printf (s, _(" and %u more"), keys->len - 12);
  if (keys->len == 0)
    g_string_append (s, _("none are defined"));
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
          g_autofree char *msg = g_strdup_printf (_("unknown parent place \"%s\"; known places: %s"), p->ref, known);
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
          g_autofree char *msg = g_strdup_printf (_("place \"%s\" is its own ancestor: its parent chain loops"),
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
    g_string_append_printf (s, _("; and %u more"), matches->len - 8);
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
      _cm_load_note (load, offset, _("place \"%s\" has no lat/lon; the offline gazetteer gives %s"),
                     place->name, d);
    }
  else if (matches->len > 1)
    {
      g_autofree char *d = describe_matches (matches);
      _cm_load_error (load, offset, _("place \"%s\" is ambiguous in the offline gazetteer: %u candidates: %s; "
                                      "add a parent or country, or give lat and lon"), place->name, matches->len, d);
    }
  else
    {
      g_autoptr(GPtrArray) elsewhere = cm_gazetteer_lookup (place->name, NULL, NULL);
      g_autofree char *d = describe_matches (elsewhere);
      gboolean narrowed = country || regions->len > 1;

      if (elsewhere->len > 0 && narrowed)
        _cm_load_error (load, offset, _("place \"%s\" has no lat/lon and the offline gazetteer has no match in the "
                                        "given country and parents; candidates elsewhere: %s; give lat and lon"),
                        place->name, d);
      else if (elsewhere->len > 0)
        _cm_load_error (load, offset, _("place \"%s\" has no lat/lon and the offline gazetteer has no match; "
                                        "candidates elsewhere: %s; give lat and lon"), place->name, d);
      else if (narrowed)
        _cm_load_error (load, offset, _("place \"%s\" has no lat/lon and the offline gazetteer has no match in the "
                                        "given country and parents; give lat and lon"), place->name);
      else
        _cm_load_error (load, offset, _("place \"%s\" has no lat/lon and the offline gazetteer has no match; "
                                        "give lat and lon"), place->name);
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
              g_autofree char *msg = g_strdup_printf (_("unknown place \"%s\"; known places: %s"), p->ref, known);
              ref_error (load, "announcements", i, p->offset, "place", msg);
            }
        }
      if (p->ref2 != NULL)
        {
          a->category = GPOINTER_TO_INT (g_hash_table_lookup (n->category_ids, p->ref2)) - 1;
          if (a->category < 0)
            {
              g_autofree char *known = list_ids (n->category_ids);
              g_autofree char *msg = g_strdup_printf (_("unknown category \"%s\"; known categories: %s"), p->ref2, known);
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
              g_autofree char *msg = g_strdup_printf (_("unknown source \"%s\"; known sources: %s"), id, known);
              ref_error (load, "announcements", i, p->offset, "sources", msg);
              continue;
            }
          for (guint t = 0; t < a->n_sources; t++)
            if (g_array_index (ds->source_refs, gint32, a->first_source + t) == ref)
              {
                g_autofree char *msg = g_strdup_printf (_("source \"%s\" is listed twice"), id);
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

/* The document */

enum { DOCUMENT_TITLE, DOCUMENT_DESCRIPTION, DOCUMENT_PLACES, DOCUMENT_CATEGORIES, DOCUMENT_SOURCES, DOCUMENT_ANNOUNCEMENTS };

static gboolean
read_title (Native   *n,
            gpointer  field)
{
  const char *s = _cm_load_string (n->load, TRUE);

  if (s == NULL)
    return FALSE;
  n->load->dataset->title = g_strdup (s);
  return TRUE;
}

static gboolean
read_description (Native   *n,
                  gpointer  field)
{
  const char *s = _cm_load_string (n->load, FALSE);

  n->load->dataset->description = g_strdup (s);
  return s != NULL;
}

static gboolean
read_places (Native   *n,
             gpointer  field)
{
  read_array (n, N_("an array of places"), read_place, FALSE);
  return TRUE;
}

static gboolean
read_categories (Native   *n,
                 gpointer  field)
{
  read_array (n, N_("an array of categories"), read_category, FALSE);
  return TRUE;
}

static gboolean
read_sources (Native   *n,
              gpointer  field)
{
  read_array (n, N_("an array of sources"), read_source, FALSE);
  return TRUE;
}

static gboolean
read_all_announcements (Native   *n,
                        gpointer  field)
{
  read_announcements (n);
  index_announcement_ids (n);
  return TRUE;
}

/* Read into the Native state and the dataset, not into a record. */
static const Member document_members[] = {
  [DOCUMENT_TITLE]         = { "title",         MEMBER_CUSTOM, MEMBER_PRESENT,  0, read_title },
  [DOCUMENT_DESCRIPTION]   = { "description",   MEMBER_CUSTOM, MEMBER_OPTIONAL, 0, read_description },
  [DOCUMENT_PLACES]        = { "places",        MEMBER_CUSTOM, MEMBER_OPTIONAL, 0, read_places },
  [DOCUMENT_CATEGORIES]    = { "categories",    MEMBER_CUSTOM, MEMBER_OPTIONAL, 0, read_categories },
  [DOCUMENT_SOURCES]       = { "sources",       MEMBER_CUSTOM, MEMBER_OPTIONAL, 0, read_sources },
  [DOCUMENT_ANNOUNCEMENTS] = { "announcements", MEMBER_CUSTOM, MEMBER_OPTIONAL, 0, read_all_announcements },
};
static MemberTable document_table = MEMBER_TABLE (document_members);

gboolean
_cm_load_native (CmLoad *load)
{
  CmDataset *ds = load->dataset;
  Native n = { .load = load };
  gsize top = cm_json_reader_offset (&load->reader);
  guint32 seen;

  n.pending_places = g_array_new (FALSE, TRUE, sizeof (Pending));
  n.pending_announcements = g_array_new (FALSE, TRUE, sizeof (Pending));
  n.source_ids = g_ptr_array_new ();
  n.category_ids = g_hash_table_new (g_str_hash, g_str_equal);
  n.source_index = g_hash_table_new (g_str_hash, g_str_equal);
  n.actors = ds->actors;

  cm_json_reader_enter (&load->reader);
  read_members (&n, &document_table, top, &n, &seen);

  if (!load->cancelled)
    {
      resolve_parents (&n);
      resolve_places (&n);
      resolve_announcements (&n);
      if ((seen & MEMBER_BIT (DOCUMENT_ANNOUNCEMENTS)) && ds->announcements->len == 0)
        cm_diagnostics_add (load->diags, CM_SEVERITY_WARNING, top, NULL,
                            _("the dataset has no announcements: there is nothing to show"));

    }

  g_array_unref (n.pending_places);
  g_array_unref (n.pending_announcements);
  g_ptr_array_unref (n.source_ids);
  g_hash_table_unref (n.category_ids);
  g_hash_table_unref (n.source_index);
  return !load->cancelled;
}
