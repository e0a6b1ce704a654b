#ifndef SITMON_ALLOCATOR_H
#define SITMON_ALLOCATOR_H

/* Sets glibc's threshold above which a block gets a mapping of its own (mallopt M_MMAP_THRESHOLD); fixing it also
 * stops glibc from raising it as large blocks are freed. Does nothing on other C libraries. Returns 1 on success. */
int sitmon_set_mmap_threshold(int bytes);

#include <stddef.h>

/* Moves the pages of `from .. from + length` (page-aligned, private anonymous memory) to `to`, replacing what was
 * mapped there; `from` stays mapped and reads as zeros, as after MADV_DONTNEED (Linux's mremap with
 * MREMAP_DONTUNMAP, 5.13 and later). Memory already given to the process is reused without being zeroed again.
 * Returns 1 when moved, 0 when this system cannot (nothing is changed then). */
int sitmon_move_pages(void *from, void *to, size_t length);

#endif
