#ifndef SITMON_SCAN_H
#define SITMON_SCAN_H

#include <stddef.h>
#include <stdint.h>

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

/* What sitmon_scan_fields stopped at. */
enum {
    /* The row ended: `position` is where the next row starts. */
    SITMON_SCAN_ROW_END = 0,
    /* The field at `position` starts with a quote and is left to the caller: it holds a quote followed by
     * something else than a quote, the delimiter or a line break, or it runs to the end unclosed. */
    SITMON_SCAN_QUOTED = 1,
    /* No room for the next field's two offsets: `position` is where that field starts. */
    SITMON_SCAN_FULL = 2,
};

typedef struct {
    size_t position;
    /* Offsets written. */
    size_t written;
    /* Line breaks inside the quoted fields cut. */
    size_t breaks;
    int status;
} sitmon_field_scan;

/* Bit k set where p[k] (k < n, n <= 64) is the delimiter, CR or LF. */
static inline uint64_t sitmon_structural_mask(const unsigned char *p, size_t n, unsigned char delimiter) {
#if defined(__SSE2__)
    if (n == 64) {
        const __m128i vd = _mm_set1_epi8((char)delimiter), vr = _mm_set1_epi8('\r'), vl = _mm_set1_epi8('\n');
        uint64_t mask = 0;
        for (int k = 0; k < 4; k++) {
            const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
            const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, vd), _mm_cmpeq_epi8(v, vr)),
                                             _mm_cmpeq_epi8(v, vl));
            mask |= (uint64_t)(unsigned)_mm_movemask_epi8(hit) << (16 * k);
        }
        return mask;
    }
#endif
    uint64_t mask = 0;
    for (size_t k = 0; k < n; k++) {
        const unsigned char x = p[k];
        if (x == delimiter || x == '\r' || x == '\n') mask |= (uint64_t)1 << k;
    }
    return mask;
}

/* Cuts the fields of the row from p[from] on as CSVByteReader.scanRow (its one caller) reads them: writes each
 * field's start and end offsets into out[0 ..< room] (`escaped` set on the end of a quoted field holding `""`)
 * until the row ends, a quoted field is left to the caller or there is no room. Unquoted fields are cut from a
 * bitmask of the delimiters and line breaks of 64 bytes at a time (with SSE2: four 16-byte compares of each of the
 * three bytes; the last bytes before `end`, and builds without SSE2, byte by byte), walked with
 * count-trailing-zeros: no call and no search of its own for each field. A quoted field is read from quote to quote
 * with sitmon_find_any3, its line breaks counted; one holding a lone quote followed by another character, or
 * running to the end unclosed, is left to the caller (SITMON_SCAN_QUOTED), which reads it and calls again after
 * it. Reads no byte at or past p + end. Inline, so that Swift code calling it compiles it in place.
 *
 * Measured on the 1M-row ACLED export (alternated runs against main, the machine shared): scanRow, where this is
 * inlined, went from 10.1-10.3 % of the CPU samples (fieldEnd, eight bytes at a time, called for each field) to
 * 5.5-5.8 %; CPU time medians 2.96 -> 2.65 s, wall 1.61 -> 1.45 s (12 pairs; 3.42 -> 3.11 s and 2.80 -> 2.47 s
 * CPU in two runs of 10 pairs, wall 0.93-0.96 of main's by paired medians). Cutting only unquoted and plain quoted
 * fields here (the notes, which hold `""`, read by the caller after this had searched them up to their first
 * quote) left scanRow at 8.0 % and the CPU time the same. */
static inline sitmon_field_scan sitmon_scan_fields(const unsigned char *p, size_t from, size_t end,
                                                   unsigned char delimiter, uint32_t escaped, uint32_t *out,
                                                   size_t room) {
    sitmon_field_scan r;
    size_t w = 0, breaks = 0;
    size_t fs = from;   /* where the field being cut starts */
    size_t next = from; /* where the next block starts */
    size_t base = from; /* where the block in `mask` starts */
    uint64_t mask = 0;  /* the block's delimiters and line breaks not reached yet */
#if defined(__GNUC__) || defined(__clang__)
    /* The next row's bytes on their way into the cache while this one is cut: the text is read 8 MB ahead, past
     * the L2 cache, and each row's first read waited for it (scanRow 7.2 % of the samples without this, 5.5-5.8 %
     * with; CPU time medians 3.17 -> 3.02 s and 2.50 -> 2.44 s, 10 pairs each). */
    for (size_t k = from + 512; k < from + 960 && k < end; k += 64) __builtin_prefetch(p + k);
#endif
    for (;;) {
        if (w + 2 > room) {
            r.status = SITMON_SCAN_FULL;
            r.position = fs;
            break;
        }
        if (fs >= end) {
            /* After a delimiter at the very end: one last empty field. */
            out[w] = (uint32_t)end;
            out[w + 1] = (uint32_t)end;
            w += 2;
            r.status = SITMON_SCAN_ROW_END;
            r.position = end;
            break;
        }
        if (p[fs] == '"') {
            /* On from quote to quote, counting line breaks (CR LF, LF and a lone CR each one; counted in the
             * text as written, which holds them as its unescaped content does: a `""` keeps one quote between
             * them). */
            const size_t start = fs + 1;
            size_t k = start, lines = 0, n = 0;
            uint32_t flag = 0;
            int closed = 0;
            while (k < end) {
                k += sitmon_find_any3(p + k, end - k, '"', '\r', '\n');
                if (k >= end) break;
                const unsigned char c = p[k];
                if (c == '\r' || (c == '\n' && !(k > start && p[k - 1] == '\r'))) lines += 1;
                if (c != '"') {
                    k += 1;
                    continue;
                }
                n = k + 1;
                if (n < end && p[n] == '"') {
                    flag = escaped;
                    k = n + 1;
                    continue;
                }
                closed = n >= end || p[n] == delimiter || p[n] == '\r' || p[n] == '\n';
                break;
            }
            if (!closed) {
                r.status = SITMON_SCAN_QUOTED;
                r.position = fs;
                break;
            }
            out[w] = (uint32_t)start;
            out[w + 1] = (uint32_t)k | flag;
            w += 2;
            breaks += lines;
            if (n < end && p[n] == delimiter) {
                fs = n + 1;
                next = fs;
                mask = 0;
                continue;
            }
            if (n < end && p[n] == '\r' && n + 1 < end && p[n + 1] == '\n') n += 1;
            r.status = SITMON_SCAN_ROW_END;
            r.position = n + 1 < end ? n + 1 : end;
            break;
        }
        /* An unquoted field: it runs to the next delimiter or line break, or to `end`. */
        while (mask == 0 && next < end) {
            const size_t n = end - next < 64 ? end - next : 64;
            base = next;
            mask = sitmon_structural_mask(p + base, n, delimiter);
            next = base + n;
        }
        if (mask == 0) {
            out[w] = (uint32_t)fs;
            out[w + 1] = (uint32_t)end;
            w += 2;
            r.status = SITMON_SCAN_ROW_END;
            r.position = end;
            break;
        }
        const size_t at = base + (size_t)__builtin_ctzll(mask);
        mask &= mask - 1;
        out[w] = (uint32_t)fs;
        out[w + 1] = (uint32_t)at;
        w += 2;
        const unsigned char c = p[at];
        if (c == delimiter) {
            fs = at + 1;
            continue;
        }
        r.status = SITMON_SCAN_ROW_END;
        r.position = c == '\r' && at + 1 < end && p[at + 1] == '\n' ? at + 2 : at + 1;
        break;
    }
    r.written = w;
    r.breaks = breaks;
    return r;
}

#endif
