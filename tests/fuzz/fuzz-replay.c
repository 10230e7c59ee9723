/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

#include "cm-fuzz.h"

/* Runs both fuzz targets over every file under the folders given (the
 * regressions and the seed corpus), with any compiler and no libFuzzer, so
 * an input that once crashed stays fixed in the normal test suite. */

static guint
replay (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *contents = NULL;
  const char *name;
  gsize len;
  guint n = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (!g_file_get_contents (path, &contents, &len, &error))
        g_error ("%s", error->message);
      g_print ("replay %s (%" G_GSIZE_FORMAT " bytes)\n", path, len);
      cm_fuzz_loader_one_input ((const uint8_t *) contents, len);
      cm_fuzz_import_one_input ((const uint8_t *) contents, len);
      cm_fuzz_csv_one_input ((const uint8_t *) contents, len);
      cm_fuzz_mapping_one_input ((const uint8_t *) contents, len);
      return 1;
    }

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (name[0] != '.')
        n += replay (child);
    }
  return n;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE-OR-FOLDER...\n", argv[0]);
      return 2;
    }
  cm_fuzz_init ();
  for (int i = 1; i < argc; i++)
    n += replay (argv[i]);
  if (n == 0)
    {
      fprintf (stderr, "no input files found\n");
      return 1;
    }
  g_print ("replayed %u files through fuzz-loader, fuzz-import, fuzz-csv and fuzz-mapping\n", n);
  return 0;
}
