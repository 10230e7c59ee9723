/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cm-config.h"

#include <sys/mman.h>

#include "cm-memory.h"

#define HUGE_PAGE ((guintptr) 2 * 1024 * 1024)

/* On a virtual machine the first touch of each fresh 4 KB page is a trap
 * costing about a microsecond: filling half a gigabyte of arrays took a
 * fifth of a million-event load. Asking for transparent huge pages makes
 * that one fault per 2 MB. Only a hint, for the 2 MB-aligned part of the
 * block, given before the block is first written; the kernel may ignore
 * it, and the memory stays malloc's to free. */
void
cm_memory_hint_big (gpointer mem,
                    gsize    size)
{
#ifdef MADV_HUGEPAGE
  guintptr start = ((guintptr) mem + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  guintptr end = ((guintptr) mem + size) & ~(HUGE_PAGE - 1);

  if (mem != NULL && end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#endif
}

gpointer
cm_alloc_big (gsize n,
              gsize elem_size)
{
  /* g_malloc_n aborts on overflow, so the product below is exact. */
  gpointer mem = g_malloc_n (MAX (n, 1), elem_size);

  cm_memory_hint_big (mem, MAX (n, 1) * elem_size);
  return mem;
}
