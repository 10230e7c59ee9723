/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cm-fuzz.h"
#include "cm-loader-private.h"

/* Drives the importers deeper than raw bytes would: the first byte picks a
 * wrapper that makes the rest a list of GeoJSON features, of TimelineJS
 * events, the inside of one feature or event, or a list of Chronomap
 * announcements; or feeds it to the date parsers and the HTML-to-text
 * step directly. The digits '0'-'7' pick modes 0-7, so seed files can
 * start with one. Bit 0x80 loads with a cancelled GCancellable. */

enum
{
  MODE_RAW,
  MODE_FEATURES,
  MODE_EVENTS,
  MODE_PROPERTIES,
  MODE_EVENT_MEMBERS,
  MODE_FEATURE_MEMBERS,
  MODE_ANNOUNCEMENTS,
  MODE_TEXT,
  N_MODES
};

static const struct
{
  const char *prefix;
  const char *suffix;
} wrappers[N_MODES] = {
  [MODE_RAW] = { "", "" },
  [MODE_FEATURES] = { "{\"type\":\"FeatureCollection\",\"features\":[", "]}" },
  [MODE_EVENTS] = { "{\"events\":[", "]}" },
  [MODE_PROPERTIES] = {
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[116.4,39.9]},\"properties\":",
    "}]}" },
  [MODE_EVENT_MEMBERS] = {
    "{\"title\":{\"text\":{\"headline\":\"Fuzz\"}},\"events\":[{\"start_date\":{\"year\":\"2021\"},",
    "}]}" },
  [MODE_FEATURE_MEMBERS] = {
    "{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"date\":\"2021-11\"},",
    "}]}" },
  [MODE_ANNOUNCEMENTS] = {
    "{\"title\":\"Fuzz\",\"places\":[{\"id\":\"p\",\"name\":\"P\",\"lat\":1,\"lon\":2}],"
    "\"categories\":[{\"id\":\"c\",\"label\":\"C\",\"color\":\"#0072b2\"}],"
    "\"sources\":[{\"id\":\"s\",\"title\":\"S\"}],\"announcements\":[",
    "]}" },
  [MODE_TEXT] = { NULL, NULL },
};

/* Whatever a parser accepts lies in the range of dates and survives a
 * round trip through its ISO form. */
static void
check_date (const CmDate *date)
{
  g_autofree char *iso = cm_date_format_iso (date->start, date->precision);
  g_autofree char *human = cm_date_format (date->start, date->precision);
  CmDate again;

  g_assert_true (date->precision >= CM_PRECISION_YEAR && date->precision <= CM_PRECISION_SECOND);
  g_assert_cmpint (date->start, <, date->end);
  g_assert_cmpint (date->start, >=, CM_DATE_TIME_MIN);
  g_assert_cmpint (date->end, <=, CM_DATE_TIME_MAX);
  g_assert_true (cm_date_parse (iso, strlen (iso), &again, NULL));
  g_assert_cmpint (again.start, ==, date->start);
  g_assert_cmpint (again.end, ==, date->end);
  g_assert_true (g_utf8_validate (human, -1, NULL));
}

static void
fuzz_text (const uint8_t *data,
           size_t         size)
{
  /* An exact-size copy, so reading past the end is caught. */
  g_autofree char *exact = g_memdup2 (data, size);
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *message = NULL;
  CmDate date;

  if (cm_date_parse (exact ? exact : "", size, &date, &message))
    check_date (&date);
  else
    g_assert_nonnull (message);
  if (cm_date_parse_lenient (text, &date))
    {
      check_date (&date);
      /* A leading number is at most the largest year, even when it is too
       * long for an int (sscanf would wrap it into range). */
      if (g_ascii_isdigit (text[0]))
        g_assert_cmpuint (g_ascii_strtoull (text, NULL, 10), <=, (guint64) CM_DATE_MAX_YEAR);
    }
  /* The import forms with each order and a zone: in range and
   * round-tripping, or refused with a reason. */
  for (CmDateOrder order = CM_DATE_ORDER_AUTO; order <= CM_DATE_ORDER_MDY; order++)
    {
      static GTimeZone *zone;
      g_autofree char *why = NULL;

      if (zone == NULL)
        zone = g_time_zone_new_identifier ("Pacific/Kiritimati");
      if (cm_date_parse_text (text, order, order == CM_DATE_ORDER_MDY ? zone : NULL, &date, &why))
        check_date (&date);
      else
        g_assert_true (why != NULL && g_utf8_validate (why, -1, NULL));
    }

  /* The importers only pass it strings the scan accepted. */
  if (g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *plain = _cm_html_to_text (text);
      g_assert_true (g_utf8_validate (plain, -1, NULL));
    }
}

int
cm_fuzz_import_one_input (const uint8_t *data,
                          size_t         size)
{
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize prefix, suffix;
  char *buf;
  guint mode;

  if (size == 0)
    return 0;
  mode = data[0] % N_MODES;
  if (data[0] & 0x80)
    {
      cancellable = g_cancellable_new ();
      g_cancellable_cancel (cancellable);
    }
  data++;
  size--;

  cm_fuzz_init ();
  if (mode == MODE_TEXT)
    {
      fuzz_text (data, size);
      return 0;
    }

  /* Exactly the size of the document, so reading past its end is caught. */
  prefix = strlen (wrappers[mode].prefix);
  suffix = strlen (wrappers[mode].suffix);
  buf = g_malloc (prefix + size + suffix);
  if (buf != NULL)
    {
      memcpy (buf, wrappers[mode].prefix, prefix);
      memcpy (buf + prefix, data, size);
      memcpy (buf + prefix + size, wrappers[mode].suffix, suffix);
    }
  bytes = g_bytes_new_take (buf, prefix + size + suffix);
  cm_fuzz_check_load (bytes, cancellable);
  return 0;
}

#ifdef CM_FUZZ_LIBFUZZER
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return cm_fuzz_import_one_input (data, size);
}
#endif
