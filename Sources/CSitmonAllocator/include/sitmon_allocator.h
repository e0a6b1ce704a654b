#ifndef SITMON_ALLOCATOR_H
#define SITMON_ALLOCATOR_H

#include <stddef.h>

/* Sets glibc's threshold above which a block gets a mapping of its own (mallopt M_MMAP_THRESHOLD); fixing it also
 * stops glibc from raising it as large blocks are freed. Does nothing on other C libraries. Returns 1 on success. */
int sitmon_set_mmap_threshold(int bytes);

/* Moves the pages of the private anonymous range [from, from + length) to [to, to + length) (Linux mremap with
 * MREMAP_DONTUNMAP): what was mapped at `to` is replaced, and `from` stays mapped, empty (it reads as zeros again).
 * No page is copied or zeroed. Both ranges page-aligned, each within one mapping, `to` holding nothing of value.
 * Returns 1 when the pages moved; 0 when they could not (another system, an older kernel), `to` then mapped and
 * empty; -1 when `to` could not even be mapped again (it must not be used). */
int sitmon_move_pages(void *from, size_t length, void *to);

/* Gives the pages of freed blocks back to the system, in the middle of the heaps as well as at their end
 * (malloc_trim(0)). Does nothing on other C libraries. Returns 1 when memory was given back. */
int sitmon_release_free_memory(void);

/* Asks the processor to start fetching the cache line at `address` (a hint: nothing is read or checked). Inline, so
 * that Swift code calling it compiles to the one instruction. */
static inline void sitmon_prefetch(const void *address) { __builtin_prefetch(address); }

#endif
