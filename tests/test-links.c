/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>

#include "cm-links.h"

static void
test_openable (void)
{
  static const char * const yes[] = {
    "http://example.com",
    "https://example.com/",
    "HTTP://EXAMPLE.COM/a",
    "hTTpS://Example.com:8443/a/b?c=d&e=<f>#g",
    "https://user@example.com/",
    "http://[::1]/",
    "http://192.0.2.1/x",
    "https://例子.中国/路径",
    "https://example.com/a%20b",
  };
  static const char * const no[] = {
    "",
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "file://host/share",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "mailto:someone@example.com",
    "ftp://example.com/",
    "smb://host/share",
    "resource:///io/github/chronomap/Chronomap/sample.json",
    "about:blank",
    "example.com",
    "www.example.com/page",
    "/relative/path",
    "relative/path",
    "//example.com/protocol-relative",
    "?q=1",
    "#fragment",
    "http:/x",
    "http:x",
    "https://",
    "http://",
    "http://user@/",
    "http:",
    " http://a",
    "http://a ",
    "HTTP://EXAMPLE.COM/a b",
    "http://a b/",
    "http://a\tb/",
    "http://example.com/\n",
    "http://example.com/\r\nSet-Cookie: x",
    "http://example.com/\x7f",
    "http://example.com/\xc2\x85",          /* NEL, a C1 control */
    "http://example.com/\xc2\xa0",          /* no-break space */
    /* Two literals on purpose: "\xae" would swallow the "g" that follows. */
    "http://example.com/\xe2\x80\xae" "gpj.exe",  /* NOLINT(bugprone-suspicious-missing-comma) right-to-left override */
    "http://exa\xe2\x80\x8bmple.com/",       /* zero-width space */
    "http://good.example\\@evil.example/",
    "https:\\\\evil.example",
    "http://a.com:99999/",
    "http://a.com:port/",
    "https://exa%zzmple.com/",
    "http://\xff\xfe/",                      /* not UTF-8 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      g_autofree char *escaped = g_strescape (yes[i], NULL);

      g_test_message ("%s", escaped);
      g_assert_true (cm_link_is_openable (yes[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    {
      g_autofree char *escaped = g_strescape (no[i], NULL);

      g_test_message ("%s", escaped);
      g_assert_false (cm_link_is_openable (no[i]));
    }
  g_assert_false (cm_link_is_openable (NULL));
}

/* The scheme is http or https exactly, in any case: a prefix or suffix
 * check ("http" as the first four letters) would let through schemes that
 * another handler (a desktop file, a browser extension) may claim. */
static void
test_scheme_exact (void)
{
  static const char * const yes[] = {
    "http://example.org",
    "https://example.org",
    "HTTP://example.org",
    "HTTPS://example.org/x",
    "Http://example.org",
    "hTtPs://example.org",
  };
  static const char * const no[] = {
    "httpx://example.org",
    "https-evil://example.org",
    "http+unix://example.org/x",
    "https+unix://example.org/x",
    "http.evil://example.org",
    "httpss://example.org",
    "https1://example.org",
    "HTTPX://example.org",
    "web+http://example.org",
    "xhttp://example.org",
    "xhttps://example.org",
    "htt://example.org",
    "ht://",
    "ht://example.org",
    "h://example.org",
    "http-://example.org",
  };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      g_test_message ("%s", yes[i]);
      g_assert_true (cm_link_is_openable (yes[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    {
      g_test_message ("%s", no[i]);
      g_assert_false (cm_link_is_openable (no[i]));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/links/openable", test_openable);
  g_test_add_func ("/links/scheme-exact", test_scheme_exact);

  return g_test_run ();
}
