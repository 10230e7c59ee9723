/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cm-fuzz.h"

/* The field mapping under every option: the first byte chooses the day and
 * month order (bits 0-1), a zone (bit 2), a --date and --end column by the
 * header's own names (bits 3-4), and whether the rest is a CSV table or
 * the properties of GeoJSON features, one per line (bit 5). */

static char *
header_name (const char *text,
             gsize       len,
             guint       index)
{
  const char *end = memchr (text, '\n', len);
  g_autofree char *line = g_strndup (text, end ? (gsize) (end - text) : len);
  g_auto(GStrv) names = g_strsplit (line, ",", 8);

  for (guint i = 0; names[i] != NULL; i++)
    if (i == index && g_utf8_validate (names[i], -1, NULL))
      return g_strdup (names[i]);
  return NULL;
}

int
cm_fuzz_mapping_one_input (const uint8_t *data,
                           size_t         size)
{
  CmImportOptions options = { { NULL } };
  const char *text = (const char *) data + 1;
  gsize len = size > 0 ? size - 1 : 0;
  guint8 choice = size > 0 ? data[0] : 0;
  g_autoptr(GBytes) bytes = NULL;

  cm_fuzz_init ();
  options.date_order = choice & 3;
  if (options.date_order > CM_DATE_ORDER_MDY)
    options.date_order = CM_DATE_ORDER_AUTO;
  if (choice & 4)
    options.zone = g_strdup ("Asia/Kathmandu");
  if (choice & 8)
    options.columns[CM_ROLE_DATE] = header_name (text, len, 0);
  if (choice & 16)
    options.columns[CM_ROLE_END] = header_name (text, len, 1);

  if (choice & 32)
    {
      /* Each line the inside of a properties object. */
      GString *json = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");
      g_autofree char *copy = g_strndup (text, len);
      g_auto(GStrv) lines = g_strsplit (copy, "\n", 64);

      for (guint i = 0; lines[i] != NULL; i++)
        g_string_append_printf (json, "%s{\"type\":\"Feature\",\"properties\":{%s},"
                                "\"geometry\":{\"type\":\"Point\",\"coordinates\":[%u,%u]}}",
                                i ? "," : "", lines[i], i % 180, i % 90);
      g_string_append (json, "]}");
      bytes = g_string_free_to_bytes (json);
    }
  else
    {
      options.encoding = g_strdup ("UTF-8");
      bytes = g_bytes_new (text, len);
    }
  cm_fuzz_check_load_with_options (bytes, &options, NULL);
  cm_import_options_clear (&options);
  return 0;
}

#ifdef CM_FUZZ_LIBFUZZER
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return cm_fuzz_mapping_one_input (data, size);
}
#endif
