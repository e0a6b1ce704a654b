#ifndef SITMON_SCAN_H
#define SITMON_SCAN_H

#include <stddef.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The offset of the first byte of p[0 ..< n] equal to a, b or c; n when there is none. Reads no byte at or past
 * p + n. Sixteen bytes at a time where SSE2 is there (every x86-64 processor), else byte by byte: one pass where the
 * CSV reader made three (`memchr` for each byte) over the long quoted fields (notes) that are most of an export's
 * bytes. Inline, so that Swift code calling it compiles it in place. */
static inline size_t sitmon_find_any3(const unsigned char *p, size_t n, unsigned char a, unsigned char b,
                                      unsigned char c) {
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b), vc = _mm_set1_epi8((char)c);
    for (; i + 16 <= n; i += 16) {
        const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)),
                                         _mm_cmpeq_epi8(v, vc));
        const int bits = _mm_movemask_epi8(hit);
        if (bits != 0) return i + (size_t)__builtin_ctz((unsigned)bits);
    }
#endif
    for (; i < n; i++) {
        const unsigned char x = p[i];
        if (x == a || x == b || x == c) return i;
    }
    return n;
}

#endif
