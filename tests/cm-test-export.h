/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cm-test-util.h"
#include "cm-view-data.h"

/* The bundled sample and the bundled base map, as the export tests draw
 * them; both must load. */
static inline void
cm_test_load_sample_and_basemap (CmDataset **dataset,
                                 CmBasemap **basemap)
{
  g_autofree char *basemap_path = cm_view_data_default_basemap_path ();
  g_autoptr(GError) error = NULL;

  *dataset = cm_test_load_sample ();
  g_assert_nonnull (basemap_path);
  *basemap = cm_basemap_new_from_file (basemap_path, &error);
  g_assert_no_error (error);
}
