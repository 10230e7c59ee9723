/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chronomap"

#include "cm-links.h"

static gboolean
is_plain (const char *url)
{
  if (!g_utf8_validate (url, -1, NULL))
    return FALSE;
  for (const char *p = url; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* GLib's parser accepts these; a browser may drop, reorder or
       * reinterpret them ("http://a\@b" is a to a browser, b to GLib). */
      if (c == '\\' || g_unichar_iscntrl (c) || g_unichar_isspace (c)
          || g_unichar_type (c) == G_UNICODE_FORMAT
          || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
        return FALSE;
    }
  return TRUE;
}

gboolean
cm_link_is_openable (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme, *host;

  if (url == NULL || !is_plain (url))
    return FALSE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
         && host != NULL && host[0] != '\0';
}
