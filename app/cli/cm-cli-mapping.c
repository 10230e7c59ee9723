/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cm-cli-mapping.h"

GOptionGroup *
cm_cli_mapping_group (CmCliMapping *mapping,
                      gboolean      prefixed)
{
  CmImportOptions *o = &mapping->options;
  /* Marked only: the group translates them through its domain. */
  GOptionGroup *group = g_option_group_new ("mapping", N_("Importing CSV, GeoJSON and TimelineJS: which column is "
                                                          "what (detected when not given; \"\" for none)"),
                                            N_("Show the field-mapping options"), NULL, NULL);
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &o->columns[CM_ROLE_DATE], N_("Column of the dates (or start dates)"), N_("COL") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &o->columns[CM_ROLE_END], N_("Column of the end dates"), N_("COL") },
    { "time", 0, 0, G_OPTION_ARG_STRING, &o->columns[CM_ROLE_TIME], N_("Column of a time of day beside the date"), N_("COL") },
    { "tz", 0, 0, G_OPTION_ARG_STRING, &o->zone, N_("Time zone of times without an offset (default UTC)"), N_("ZONE") },
    { "tz-column", 0, 0, G_OPTION_ARG_STRING, &mapping->tz_column, N_("Column of a time zone per row"), N_("COL") },
    { "lat", 0, 0, G_OPTION_ARG_STRING, &o->columns[CM_ROLE_LAT], N_("Column of latitudes"), N_("COL") },
    { "lon", 0, 0, G_OPTION_ARG_STRING, &o->columns[CM_ROLE_LON], N_("Column of longitudes"), N_("COL") },
    { prefixed ? "place-column" : "place", 0, 0, G_OPTION_ARG_STRING, &o->columns[CM_ROLE_PLACE],
      N_("Column of place names"), N_("COL") },
    { prefixed ? "title-column" : "title", 0, 0, G_OPTION_ARG_STRING, &o->columns[CM_ROLE_TITLE],
      N_("Column of titles"), N_("COL") },
    { prefixed ? "category-column" : "category", 0, 0, G_OPTION_ARG_STRING, &o->columns[CM_ROLE_CATEGORY],
      N_("Column of categories"), N_("COL") },
    { "summary", 0, 0, G_OPTION_ARG_STRING, &o->columns[CM_ROLE_SUMMARY], N_("Column of summaries"), N_("COL") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &o->columns[CM_ROLE_URL], N_("Column of links"), N_("COL") },
    { "date-format", 0, 0, G_OPTION_ARG_STRING, &mapping->date_format,
      N_("Order of day and month in dates such as 02/10/1951 (never guessed)"), N_("DMY|MDY") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &o->encoding, N_("Encoding of a CSV file that is not UTF-8"), N_("NAME") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &o->sheet, N_("Sheet of a spreadsheet"), N_("NAME") },
    { NULL }
  };

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

gboolean
cm_cli_mapping_check (CmCliMapping  *mapping,
                      GError       **error)
{
  CmImportOptions *o = &mapping->options;

  if (mapping->date_format != NULL)
    {
      if (g_ascii_strcasecmp (mapping->date_format, "DMY") == 0)
        o->date_order = CM_DATE_ORDER_DMY;
      else if (g_ascii_strcasecmp (mapping->date_format, "MDY") == 0)
        o->date_order = CM_DATE_ORDER_MDY;
      else
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--date-format takes DMY or MDY, not \"%s\""), mapping->date_format);
          return FALSE;
        }
    }
  if (mapping->tz_column != NULL)
    {
      g_free (o->columns[CM_ROLE_ZONE]);
      o->columns[CM_ROLE_ZONE] = g_strdup (mapping->tz_column);
    }
  if (o->zone != NULL)
    {
      g_autoptr(GTimeZone) zone = g_ascii_strcasecmp (o->zone, "UTC") == 0 ? g_time_zone_new_utc ()
                                                                           : g_time_zone_new_identifier (o->zone);
      if (zone == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--tz \"%s\" is not a time zone; give an IANA name such as Asia/Shanghai, "
                         "UTC or an offset such as +08:00"), o->zone);
          return FALSE;
        }
    }
  if (o->encoding != NULL)
    {
      GIConv conv = g_iconv_open ("UTF-8", o->encoding);
      if (conv == (GIConv) -1)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--encoding \"%s\" is not an encoding this system knows (try windows-1252, "
                         "ISO-8859-1, GB18030, Shift_JIS)"), o->encoding);
          return FALSE;
        }
      g_iconv_close (conv);
    }
  return TRUE;
}

const CmImportOptions *
cm_cli_mapping_options (CmCliMapping *mapping)
{
  CmImportOptions *o = &mapping->options;

  for (guint r = 0; r < CM_N_ROLES; r++)
    if (o->columns[r] != NULL)
      return o;
  if (o->zone || o->encoding || o->sheet || o->date_order != CM_DATE_ORDER_AUTO)
    return o;
  return NULL;
}

void
cm_cli_mapping_clear (CmCliMapping *mapping)
{
  cm_import_options_clear (&mapping->options);
  g_clear_pointer (&mapping->date_format, g_free);
  g_clear_pointer (&mapping->tz_column, g_free);
}
