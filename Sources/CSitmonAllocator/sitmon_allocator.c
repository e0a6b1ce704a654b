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

int sitmon_move_pages(void *from, void *to, size_t length) {
#if defined(__linux__) && defined(MREMAP_DONTUNMAP)
    void *moved = mremap(from, length, length, MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP, to);
    return moved == to ? 1 : 0;
#else
    (void)from;
    (void)to;
    (void)length;
    return 0;
#endif
}
