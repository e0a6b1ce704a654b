#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE /* mremap */
#endif

#include "sitmon_allocator.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <stdlib.h> /* defines __GLIBC__ on glibc */

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int sitmon_set_mmap_threshold(int bytes) {
#if defined(__GLIBC__)
    return mallopt(M_MMAP_THRESHOLD, bytes);
#else
    (void)bytes;
    return 0;
#endif
}

int sitmon_move_pages(void *from, size_t length, void *to) {
#if defined(__linux__) && defined(MREMAP_DONTUNMAP)
    void *moved = mremap(from, length, length, MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP, to);
    if (moved == to) return 1;
    /* The destination may have been unmapped before the move failed: it is mapped again, empty (it held nothing
     * yet). */
    void *fresh = mmap(to, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    return fresh == to ? 0 : -1;
#else
    (void)from;
    (void)length;
    (void)to;
    return 0;
#endif
}
