/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap-model"

#include "cm-config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cm-loader-private.h"

/* TimelineJS3 JSON: "events" whose start_date/end_date objects hold their
 * parts as strings ("year": "1908"), text as HTML, and no places. */

enum { YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, N_PARTS };

typedef struct
{
  gboolean present;
  gboolean has[N_PARTS];
  gint64   part[N_PARTS];
  char    *bad;            /* text of the part that could not be read */
  char    *display;
} TjsDate;

typedef struct
{
  gboolean present;
  double   lat;
  double   lon;
  char    *name;
} TjsLocation;

typedef struct
{
  CmLoad     *load;
  GHashTable *categories;
  GHashTable *places;
  guint       n_skipped;
  guint       n_events;
  gboolean    wrapped;
  gboolean    tjs2;
  guint       n_early_dates;  /* events dated by "date", not "start_date" */
} Tjs;

static const char * const part_names[N_PARTS] = { "year", "month", "day", "hour", "minute", "second" };

static void
tjs_date_clear (TjsDate *d)
{
  g_free (d->bad);
  g_free (d->display);
}

static gboolean
parse_int (const char *s,
           gint64     *out)
{
  char *end = NULL;

  s = s + strspn (s, " ");
  if (*s == '\0')
    return FALSE;
  errno = 0;
  *out = g_ascii_strtoll (s, &end, 10);
  return errno == 0 && end != s && *(end + strspn (end, " ")) == '\0';
}

static void
read_date_object (CmJsonReader *r,
                  TjsDate      *d)
{
  if (cm_json_reader_peek (r) != CM_JSON_OBJECT)
    {
      cm_json_reader_skip (r);
      return;
    }
  d->present = TRUE;
  cm_json_reader_enter (r);
  while (cm_json_reader_next_member (r))
    {
      int part = -1;

      for (int i = 0; i < N_PARTS; i++)
        if (strcmp (r->key->str, part_names[i]) == 0)
          part = i;
      if (part >= 0 && cm_json_reader_peek (r) == CM_JSON_NUMBER)
        {
          gboolean integer;
          double v = cm_json_reader_read_double (r, &integer);
          if (integer && v > -1e15 && v < 1e15)
            {
              d->part[part] = (gint64) v;
              d->has[part] = TRUE;
            }
          else if (d->bad == NULL)
            d->bad = g_strdup_printf ("%s %g", part_names[part], v);
        }
      else if (part >= 0 && cm_json_reader_peek (r) == CM_JSON_STRING)
        {
          const char *s = cm_json_reader_read_string (r, NULL);
          /* Empty parts are common in spreadsheets exported to JSON. */
          if (*s == '\0')
            continue;
          if (parse_int (s, &d->part[part]))
            d->has[part] = TRUE;
          else if (d->bad == NULL)
            d->bad = g_strdup_printf ("%s \"%.40s\"", part_names[part], s);
        }
      else if (strcmp (r->key->str, "display_date") == 0 && d->display == NULL &&
               cm_json_reader_peek (r) == CM_JSON_STRING)
        d->display = g_strdup (cm_json_reader_read_string (r, NULL));
      else
        cm_json_reader_skip (r);
    }
}

/* Turns the parts into an interval, or explains in *why. */
static gboolean
tjs_date_resolve (const TjsDate *d,
                  CmDate        *date,
                  char         **why)
{
  CmPrecision precision = CM_PRECISION_YEAR;
  gint64 *p = (gint64 *) d->part;

  if (d->bad != NULL)
    {
      /* Translators: %s is a part's JSON name and its value as written:
       * "its month \"May\" cannot be read as a number". */
      *why = g_strdup_printf (_("its %s cannot be read as a number"), d->bad);
      return FALSE;
    }
  if (!d->has[YEAR])
    {
      *why = g_strdup (_("it has no year"));
      return FALSE;
    }
  if (p[YEAR] < -CM_DATE_MAX_YEAR || p[YEAR] > CM_DATE_MAX_YEAR)
    {
      *why = g_strdup_printf (_("year %lld lies beyond ±99,999,999,999"), (long long) p[YEAR]);
      return FALSE;
    }
  /* TimelineJS draws deep time by the year: a month or day there is
   * dropped, as TimelineJS itself does. */
  if (p[YEAR] < -9999 || p[YEAR] > 9999)
    return cm_date_from_year (date, p[YEAR]);
  if (d->has[MONTH])
    {
      if (p[MONTH] < 1 || p[MONTH] > 12)
        {
          *why = g_strdup_printf (_("month %lld is not 1-12"), (long long) p[MONTH]);
          return FALSE;
        }
      precision = CM_PRECISION_MONTH;
      if (d->has[DAY])
        {
          if (p[DAY] < 1 || p[DAY] > cm_date_days_in_month ((int) p[YEAR], (int) p[MONTH]))
            {
              *why = g_strdup_printf (_("day %lld does not exist in that month"), (long long) p[DAY]);
              return FALSE;
            }
          precision = CM_PRECISION_DAY;
          if (d->has[HOUR])
            {
              if (p[HOUR] < 0 || p[HOUR] > 23 || p[MINUTE] < 0 || p[MINUTE] > 59 ||
                  p[SECOND] < 0 || p[SECOND] > 59)
                {
                  *why = g_strdup (_("its time of day is out of range"));
                  return FALSE;
                }
              precision = d->has[SECOND] ? CM_PRECISION_SECOND : CM_PRECISION_MINUTE;
            }
        }
    }
  cm_date_from_parts (date, precision, (int) p[YEAR], (int) (d->has[MONTH] ? p[MONTH] : 1),
                      (int) (d->has[DAY] ? p[DAY] : 1), (int) p[HOUR], (int) p[MINUTE], (int) p[SECOND]);
  return TRUE;
}

static void
read_text (CmJsonReader  *r,
           char         **headline,
           char         **text)
{
  if (cm_json_reader_peek (r) != CM_JSON_OBJECT)
    {
      cm_json_reader_skip (r);
      return;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_member (r))
    {
      char **slot = strcmp (r->key->str, "headline") == 0 ? headline
                    : strcmp (r->key->str, "text") == 0 ? text : NULL;

      if (slot != NULL && *slot == NULL && cm_json_reader_peek (r) == CM_JSON_STRING)
        *slot = _cm_html_to_text (cm_json_reader_read_string (r, NULL));
      else
        cm_json_reader_skip (r);
    }
}

/* TimelineJS's map mode gives an event a "location" {lat, lon, name}. */
static void
read_location (CmJsonReader *r,
               TjsLocation  *loc)
{
  gboolean have_lat = FALSE, have_lon = FALSE;

  if (cm_json_reader_peek (r) != CM_JSON_OBJECT)
    {
      cm_json_reader_skip (r);
      return;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_member (r))
    {
      const char *key = r->key->str;

      if (strcmp (key, "lat") == 0 && cm_json_reader_peek (r) == CM_JSON_NUMBER)
        {
          loc->lat = cm_json_reader_read_double (r, NULL);
          have_lat = TRUE;
        }
      else if (strcmp (key, "lon") == 0 && cm_json_reader_peek (r) == CM_JSON_NUMBER)
        {
          loc->lon = cm_json_reader_read_double (r, NULL);
          have_lon = TRUE;
        }
      else if (strcmp (key, "name") == 0 && loc->name == NULL && cm_json_reader_peek (r) == CM_JSON_STRING)
        loc->name = g_strdup (cm_json_reader_read_string (r, NULL));
      else
        cm_json_reader_skip (r);
    }
  loc->present = have_lat && have_lon;
}

static gint32
location_place (Tjs         *t,
                TjsLocation *loc,
                gsize        offset,
                const char  *title)
{
  if (!loc->present)
    return -1;
  if (fabs (loc->lat) > 90 || fabs (loc->lon) > 180)
    {
      _cm_load_warning (t->load, offset, _("location [%g, %g] is out of range; the event is shown on the timeline only"),
                        loc->lat, loc->lon);
      return -1;
    }
  return _cm_load_point_place (t->load, t->places, loc->lat, loc->lon, loc->name ? loc->name : title);
}

static void
read_event (Tjs  *t,
            guint index)
{
  CmLoad *load = t->load;
  CmJsonReader *r = &load->reader;
  gsize offset = cm_json_reader_offset (r);
  TjsDate start = { 0 }, end = { 0 }, early = { 0 };
  TjsLocation location = { 0 };
  g_autofree char *headline = NULL, *text = NULL, *group = NULL, *id = NULL, *display = NULL;
  g_autofree char *why = NULL;
  CmDate date, end_date;

  t->n_events++;
  if (cm_json_reader_peek (r) != CM_JSON_OBJECT)
    {
      _cm_load_warning (load, offset, _("event skipped: expected an object"));
      cm_json_reader_skip (r);
      t->n_skipped++;
      return;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_member (r))
    {
      const char *key = r->key->str;

      if (strcmp (key, "start_date") == 0)
        read_date_object (r, &start);
      /* Early TimelineJS 3 examples (Knight Lab's own science.json) name
       * the start "date". */
      else if (strcmp (key, "date") == 0 && !early.present)
        read_date_object (r, &early);
      else if (strcmp (key, "end_date") == 0)
        read_date_object (r, &end);
      else if (strcmp (key, "text") == 0)
        read_text (r, &headline, &text);
      else if (strcmp (key, "location") == 0)
        read_location (r, &location);
      else if (strcmp (key, "group") == 0 && group == NULL && cm_json_reader_peek (r) == CM_JSON_STRING)
        group = g_strdup (cm_json_reader_read_string (r, NULL));
      else if (strcmp (key, "unique_id") == 0 && id == NULL && cm_json_reader_peek (r) == CM_JSON_STRING)
        id = g_strdup (cm_json_reader_read_string (r, NULL));
      else if (strcmp (key, "display_date") == 0 && display == NULL && cm_json_reader_peek (r) == CM_JSON_STRING)
        display = g_strdup (cm_json_reader_read_string (r, NULL));
      else
        cm_json_reader_skip (r);
    }

  if (!start.present && early.present)
    {
      tjs_date_clear (&start);
      start = early;
      early = (TjsDate) { 0 };
      t->n_early_dates++;
    }
  tjs_date_clear (&early);
  if (!start.present)
    why = g_strdup (_("it has no start_date"));
  if (why == NULL && tjs_date_resolve (&start, &date, &why))
    {
      g_autofree char *fallback = g_strdup_printf (_("Event %u"), index + 1);
      const char *title = headline && *headline ? headline : fallback;
      const char *note = display ? display : start.display;
      gboolean has_end = FALSE;
      g_autofree char *end_why = NULL;

      if (end.present)
        {
          has_end = tjs_date_resolve (&end, &end_date, &end_why);
          if (!has_end)
            _cm_load_warning (load, offset, _("end_date ignored: %s"), end_why);
          else if (end_date.end <= date.start)
            {
              _cm_load_warning (load, offset, _("end_date ignored: it is before start_date"));
              has_end = FALSE;
            }
        }
      _cm_load_add_item (load, index, id, title, text, note, &date, has_end ? &end_date : NULL,
                         location_place (t, &location, offset, title),
                         _cm_load_category_for_label (load, t->categories,
                                                      group && *group ? group : _("Events")));
    }
  else if (headline && *headline)
    {
      g_autofree char *name = g_strdup_printf ("%.60s", headline);
      _cm_load_warning (load, offset, _("event \"%s\" skipped: %s"), name, why);
      t->n_skipped++;
    }
  else
    {
      _cm_load_warning (load, offset, _("event skipped: %s"), why);
      t->n_skipped++;
    }
  tjs_date_clear (&start);
  tjs_date_clear (&end);
  g_free (location.name);
}

static char *
read_title (CmJsonReader *r)
{
  g_autofree char *text = NULL;
  char *headline = NULL;

  read_text (r, &headline, &text);
  return headline;
}

static char *
read_title_slide (CmJsonReader *r)
{
  char *title = NULL;

  if (cm_json_reader_peek (r) != CM_JSON_OBJECT)
    {
      cm_json_reader_skip (r);
      return NULL;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_member (r))
    if (strcmp (r->key->str, "text") == 0 && title == NULL)
      title = read_title (r);
    else
      cm_json_reader_skip (r);
  return title;
}

/* TimelineJS 2: "startDate": "2011,12,10" (or "2011", "2011,12",
 * "-300"), read into the parts of TimelineJS 3. */
static void
tjs2_parts (const char *text,
            TjsDate    *d)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", 6);

  d->present = TRUE;
  for (int i = 0; i < N_PARTS && parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (parse_int (parts[i], &d->part[i]))
        d->has[i] = TRUE;
      else if (d->bad == NULL)
        d->bad = g_strdup_printf ("%s \"%.40s\"", part_names[i], parts[i]);
    }
}

static void
read_tjs2_event (Tjs  *t,
                 guint index)
{
  CmLoad *load = t->load;
  CmJsonReader *r = &load->reader;
  gsize offset = cm_json_reader_offset (r);
  TjsDate start = { 0 }, end = { 0 };
  g_autofree char *headline = NULL, *text = NULL, *tag = NULL, *why = NULL;
  CmDate date, end_date;

  t->n_events++;
  if (cm_json_reader_peek (r) != CM_JSON_OBJECT)
    {
      _cm_load_skip (load, offset, NULL, N_("not an object"), _("event skipped: expected an object"));
      cm_json_reader_skip (r);
      t->n_skipped++;
      return;
    }
  cm_json_reader_enter (r);
  while (cm_json_reader_next_member (r))
    {
      const char *key = r->key->str;
      gboolean str = cm_json_reader_peek (r) == CM_JSON_STRING;

      if (strcmp (key, "startDate") == 0 && str)
        tjs2_parts (cm_json_reader_read_string (r, NULL), &start);
      else if (strcmp (key, "endDate") == 0 && str)
        tjs2_parts (cm_json_reader_read_string (r, NULL), &end);
      else if (strcmp (key, "headline") == 0 && str && headline == NULL)
        headline = _cm_html_to_text (cm_json_reader_read_string (r, NULL));
      else if (strcmp (key, "text") == 0 && str && text == NULL)
        text = _cm_html_to_text (cm_json_reader_read_string (r, NULL));
      else if (strcmp (key, "tag") == 0 && str && tag == NULL)
        tag = g_strdup (cm_json_reader_read_string (r, NULL));
      else
        cm_json_reader_skip (r);
    }
  if (!start.present)
    why = g_strdup (_("it has no startDate"));
  if (why == NULL && tjs_date_resolve (&start, &date, &why))
    {
      g_autofree char *fallback = g_strdup_printf (_("Event %u"), index + 1);
      g_autofree char *end_why = NULL;
      gboolean has_end = end.present && tjs_date_resolve (&end, &end_date, &end_why) &&
                         end_date.end > date.start;

      _cm_load_add_item (load, index, NULL, headline && *headline ? headline : fallback, text, NULL,
                         &date, has_end ? &end_date : NULL, -1,
                         _cm_load_category_for_label (load, t->categories, tag && *tag ? tag : _("Events")));
    }
  else
    {
      _cm_load_skip (load, offset, NULL, N_("unreadable date"), _("event skipped: %s"), why);
      t->n_skipped++;
    }
  tjs_date_clear (&start);
  tjs_date_clear (&end);
}

static void
read_members (Tjs      *t,
              gboolean  wrapped)
{
  CmLoad *load = t->load;
  CmDataset *ds = load->dataset;
  CmJsonReader *r = &load->reader;

  cm_json_reader_enter (r);
  while (!load->cancelled && cm_json_reader_next_member (r))
    {
      const char *key = r->key->str;

      if (strcmp (key, "events") == 0 && cm_json_reader_peek (r) == CM_JSON_ARRAY)
        {
          gsize mark = _cm_load_push_key (load, "events");
          guint i = 0;

          cm_json_reader_enter (r);
          while (cm_json_reader_next_element (r))
            {
              gsize item;
              if ((i & 4095) == 0 && !_cm_load_tick (load, CM_LOAD_READING (r->pos / (double) MAX (load->len, 1))))
                break;
              item = _cm_load_push_index (load, i);
              read_event (t, i++);
              _cm_load_pop (load, item);
            }
          _cm_load_pop (load, mark);
        }
      else if (wrapped && strcmp (key, "date") == 0 && cm_json_reader_peek (r) == CM_JSON_ARRAY)
        {
          gsize mark = _cm_load_push_key (load, "date");
          guint i = 0;

          t->tjs2 = TRUE;
          cm_json_reader_enter (r);
          while (cm_json_reader_next_element (r))
            {
              gsize item = _cm_load_push_index (load, i);
              read_tjs2_event (t, i++);
              _cm_load_pop (load, item);
            }
          _cm_load_pop (load, mark);
        }
      else if (!wrapped && strcmp (key, "timeline") == 0 && cm_json_reader_peek (r) == CM_JSON_OBJECT)
        {
          gsize mark = _cm_load_push_key (load, "timeline");
          t->wrapped = TRUE;
          read_members (t, TRUE);
          _cm_load_pop (load, mark);
        }
      else if (strcmp (key, "title") == 0 && ds->title == NULL)
        ds->title = read_title_slide (r);
      else if (wrapped && strcmp (key, "headline") == 0 && ds->title == NULL &&
               cm_json_reader_peek (r) == CM_JSON_STRING)
        ds->title = _cm_html_to_text (cm_json_reader_read_string (r, NULL));
      else
        cm_json_reader_skip (r);
    }
}

gboolean
_cm_load_timelinejs (CmLoad *load)
{
  CmDataset *ds = load->dataset;
  CmJsonReader *r = &load->reader;
  Tjs t = { .load = load };
  gsize top = cm_json_reader_offset (r);

  t.categories = g_hash_table_new (g_str_hash, g_str_equal);
  t.places = _cm_load_places_new ();

  read_members (&t, FALSE);
  if (t.tjs2)
    cm_diagnostics_add (load->diags, CM_SEVERITY_NOTE, top, NULL,
                        _("TimelineJS 2 (\"timeline\": {\"date\": […]}), read as TimelineJS 3 would: "
                          "startDate, endDate, headline, text and tag; media are not used"));
  else if (t.wrapped)
    cm_diagnostics_add (load->diags, CM_SEVERITY_NOTE, top, NULL,
                        _("a TimelineJS timeline inside a \"timeline\" member"));
  if (t.n_early_dates > 0)
    cm_diagnostics_add (load->diags, CM_SEVERITY_NOTE, top, NULL,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "%u event is dated by \"date\", as early TimelineJS 3 files are; "
                                     "read as its start_date",
                                     "%u events are dated by \"date\", as early TimelineJS 3 files are; "
                                     "read as their start_date", t.n_early_dates),
                        t.n_early_dates);

  if (!load->cancelled)
    {
      _cm_load_finish_skips (load, t.n_events, CM_LOAD_EVENTS);
      /* TimelineJS 3 files are short: their skipped events are each named
       * above, and counted here. */
      if (t.n_skipped > ds->n_skipped)
        {
          g_autofree char *summary = NULL;

          ds->n_skipped = t.n_skipped;
          if (ds->skip_reasons == NULL)
            ds->skip_reasons = g_strdup (_("unreadable date"));
          summary = cm_dataset_format_import_summary (ds);
          if (ds->announcements->len > 0)
            cm_diagnostics_add (load->diags, CM_SEVERITY_NOTE, G_MAXSIZE, NULL, "%s", summary);
        }
      if (ds->announcements->len == 0)
        cm_diagnostics_add (load->diags, CM_SEVERITY_ERROR, top, NULL,
                            t.n_events == 0 && t.wrapped && !t.tjs2
                            ? _("no usable event: the \"timeline\" object has no \"events\" (TimelineJS 3) "
                                "or \"date\" (TimelineJS 2) array")
                            : g_dngettext (GETTEXT_PACKAGE, "no usable event: %u event without a readable date",
                                           "no usable event: none of the %u events has a readable date",
                                           t.n_events),
                            t.n_events);
      else
        {
          guint without = 0;
          for (guint i = 0; i < ds->announcements->len; i++)
            without += g_array_index (ds->announcements, CmAnnouncement, i).place < 0;
          if (without > 0)
            cm_diagnostics_add (load->diags, CM_SEVERITY_NOTE, G_MAXSIZE, NULL,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u of %u events has no location and is shown on the timeline only",
                                             "%u of %u events have no location and are shown on the timeline only",
                                             without),

                                without, ds->announcements->len);
        }
    }
  if (ds->title == NULL || *ds->title == '\0')
    {
      g_free (ds->title);
      ds->title = g_strdup (_("TimelineJS timeline"));

    }
  g_hash_table_unref (t.categories);
  g_hash_table_unref (t.places);
  return !load->cancelled;
}
