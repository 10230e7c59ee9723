/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-loader.h"
#include "cm-view-data.h"

/* The bundled sample and the bundled base map, as the export tests draw
 * them; both must load. */
static inline void
cm_test_load_sample (CmDataset **dataset,
                     CmBasemap **basemap)
{
  g_autofree char *sample = g_build_filename (g_getenv ("CM_SOURCE_ROOT"), "data", "samples",
                                              "metaverse-cn-2021-2023.json", NULL);
  g_autofree char *basemap_path = cm_view_data_default_basemap_path ();
  g_autoptr(GFile) file = g_file_new_for_path (sample);
  g_autoptr(GError) error = NULL;

  *dataset = cm_loader_load_file (file, sample, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (basemap_path);
  *basemap = cm_basemap_new_from_file (basemap_path, &error);
  g_assert_no_error (error);
}
