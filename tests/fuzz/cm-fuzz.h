/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdint.h>

#include "cm-loader.h"

G_BEGIN_DECLS

/* Makes criticals and warnings abort, so a g_return_if_fail() reached by
 * hostile data counts as a crash. Idempotent. */
void cm_fuzz_init             (void);

/* Loads @bytes and checks everything a user of the result relies on: the
 * diagnostics (each formatted), and for a dataset every place, category,
 * source and announcement, its text, dates, time order and time range.
 * Aborts on a broken promise. */
void cm_fuzz_check_load       (GBytes        *bytes,
                               GCancellable  *cancellable);

/* The same with a field mapping, for the import targets. */
void cm_fuzz_check_load_with_options (GBytes                *bytes,
                                      const CmImportOptions *options,
                                      GCancellable          *cancellable);

/* The targets' bodies, callable from fuzz-replay without libFuzzer. */
int  cm_fuzz_loader_one_input (const uint8_t *data,
                               size_t         size);
int  cm_fuzz_import_one_input (const uint8_t *data,
                               size_t         size);
int  cm_fuzz_csv_one_input    (const uint8_t *data,
                               size_t         size);
int  cm_fuzz_mapping_one_input (const uint8_t *data,
                                size_t         size);

/* libFuzzer's entry point, defined by each target when built for libFuzzer. */
int  LLVMFuzzerTestOneInput   (const uint8_t *data,
                               size_t         size);

G_END_DECLS
