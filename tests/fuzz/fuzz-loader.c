/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cm-fuzz.h"

/* Arbitrary bytes through the whole load: scan, format detection, each
 * format's reader, validation, indexing, then every diagnostic and every
 * announcement as the app would show them. */

int
cm_fuzz_loader_one_input (const uint8_t *data,
                          size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  cm_fuzz_check_load (bytes, NULL);
  return 0;
}

#ifdef CM_FUZZ_LIBFUZZER
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return cm_fuzz_loader_one_input (data, size);
}
#endif
