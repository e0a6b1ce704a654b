/// Finds a folded needle (`TextFolding`: lowercase, Latin accents removed) in text as the store holds it, unfolded,
/// without folding a copy: ASCII letters are compared in either case, and the few bytes that fold to something else
/// (a Latin letter with an accent, ß, æ, œ, a typographic apostrophe: `C3`–`C5` and `E2` lead bytes) are folded only
/// where a match could begin or continue through them. The answer is the one `TextMatcher` gives on the folded text:
/// `SearchScanTests` compares the two on random and accented texts.
enum FoldingScan {
    /// True when `byte` begins a character that `TextFolding` may fold to other bytes.
    @inline(__always)
    static func isFoldLead(_ byte: UInt8) -> Bool {
        byte &- 0xC3 < 3 || byte == 0xE2
    }

    /// The first place in `from..<to` of the text at `h` where the folded needle (`m` ≥ 1 bytes at `w`) may begin:
    /// a byte equal to its first byte (in either case) followed by one equal to its second (in either case) or by a
    /// byte that folds, or a byte that folds. Sixteen places at a time, reading up to `readable` (≥ `to`: the text
    /// after a record's may be read, which spares the byte-by-byte end of each short text); `foldedMatch` decides.
    /// Nil when none.
    @inline(__always)
    static func candidate(
        _ h: UnsafePointer<UInt8>, from: Int, to: Int, readable: Int, _ w: UnsafePointer<UInt8>, _ m: Int
    ) -> Int? {
        let lastStart = to - m
        guard m >= 1, from <= lastStart else { return nil }
        let pairs = m >= 2
        // A lowercase letter of the needle also matches its capital: the byte with 0x20 set equals it. A needle of
        // one byte takes any second byte: with every bit set, the second comparison always holds.
        let w0 = w[0], w1 = pairs ? w[1] : 0xFF
        let case0: UInt8 = w0 &- 0x61 < 26 ? 0x20 : 0
        let case1: UInt8 = pairs ? (w1 &- 0x61 < 26 ? 0x20 : 0) : 0xFF
        let first = SIMD16<UInt8>(repeating: w0), second = SIMD16<UInt8>(repeating: w1)
        let fold0 = SIMD16<UInt8>(repeating: case0), fold1 = SIMD16<UInt8>(repeating: case1)
        let ascii = SIMD16<UInt8>(repeating: 0x7F)
        let raw = UnsafeRawPointer(h)
        @inline(__always)
        func isCandidate(_ q: Int) -> Bool {
            let a = h[q]
            if isFoldLead(a) { return true }
            guard a | case0 == w0 else { return false }
            if !pairs { return true }
            let b = h[q + 1]
            return b | case1 == w1 || isFoldLead(b)
        }
        var start = from
        // Seventeen bytes read at each step (the second byte of the sixteenth place), all before `readable`. Text
        // in ASCII (most of it) is decided by the first two bytes alone; a step with a byte from 0x80 up, or with a
        // pair, is looked at place by place.
        while start + 17 <= readable && start <= lastStart {
            let a = raw.loadUnaligned(fromByteOffset: start, as: SIMD16<UInt8>.self)
            let b = raw.loadUnaligned(fromByteOffset: start + 1, as: SIMD16<UInt8>.self)
            let hits = ((a | fold0) .== first) .& ((b | fold1) .== second)
            if isAny(hits .| ((a | b) .> ascii)) {
                for q in start..<min(start + 16, lastStart + 1) where isCandidate(q) { return q }
            }
            start += 16
        }
        while start <= lastStart {
            if isCandidate(start) { return start }
            start += 1
        }
        return nil
    }

    /// True when a lane of `mask` is set (as `any`, which is not always inlined: a call per sixteen bytes).
    @inline(__always)
    static func isAny(_ mask: SIMDMask<SIMD16<Int8>>) -> Bool {
        let words = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        return words[0] | words[1] != 0
    }

    /// True when the folded text of `h[q..<end]` (`q` at the first byte of a character) begins with the `m` bytes at
    /// `w`, or, for a character folded to two letters (ß → ss, æ → ae, œ → oe), continues with them after its
    /// first letter.
    @inline(__always)
    static func foldedMatch(_ h: UnsafePointer<UInt8>, at q: Int, end: Int, _ w: UnsafePointer<UInt8>, _ m: Int)
        -> Bool
    {
        // ASCII (most text) compares byte for byte, a capital as its lowercase; the first byte from 0x80 up sends
        // the comparison to `compare`, from `q`.
        var k = 0
        while k < m && q + k < end {
            let c = h[q + k]
            if c >= 0x80 { break }
            if (c &- 0x41 < 26 ? c | 0x20 : c) != w[k] { return false }
            k += 1
        }
        if k == m { return true }
        if q + k >= end { return false }
        if compare(h, at: q, end: end, w, m, skippingFirst: false) { return true }
        return h[q] &- 0xC3 < 3 && compare(h, at: q, end: end, w, m, skippingFirst: true)
    }

    /// The comparison of `foldedMatch`, a character at a time, folding as `TextFolding.fold` does (each text folded
    /// on its own: `end` is where the text ends).
    static func compare(
        _ h: UnsafePointer<UInt8>, at q: Int, end: Int, _ w: UnsafePointer<UInt8>, _ m: Int, skippingFirst: Bool
    ) -> Bool {
        var i = q, k = 0, skip = skippingFirst
        while k < m {
            guard i < end else { return false }
            let c = h[i]
            var first = c, second: UInt8 = 0, two = false, length = 1
            if c < 0x80 {
                if c &- 0x41 < 26 { first = c | 0x20 }
            } else if c >= 0xC3 && c <= 0xC5 && i + 1 < end {
                let scalar = (Int(c & 0x1F) << 6) | Int(h[i + 1] & 0x3F)
                let base = scalar >= 0xC0 && scalar < 0x180 ? TextFolding.latinBase[scalar - 0xC0] : 0
                length = 2
                if base != 0 {
                    first = base
                    if scalar == 0xDF {
                        second = UInt8(ascii: "s")  // ß → ss
                        two = true
                    } else if scalar == 0xC6 || scalar == 0xE6 || scalar == 0x152 || scalar == 0x153 {
                        second = UInt8(ascii: "e")  // æ → ae, œ → oe
                        two = true
                    }
                } else {
                    second = h[i + 1]
                    two = true
                }
            } else if c == 0xE2 && i + 2 < end && h[i + 1] == 0x80 && (h[i + 2] == 0x98 || h[i + 2] == 0x99) {
                first = UInt8(ascii: "'")
                length = 3
            }
            if skip {
                skip = false
                guard two else { return false }
            } else {
                guard first == w[k] else { return false }
                k += 1
            }
            if two && k < m {
                guard second == w[k] else { return false }
                k += 1
            }
            i += length
        }
        return true
    }

    /// True when the folded form of the `n` bytes at `h` (one text) contains the folded needle (`m` ≥ 1 bytes at `w`);
    /// `readable` bytes from `h` may be read (`candidate`).
    @inline(__always)
    static func contains(
        _ h: UnsafePointer<UInt8>, _ n: Int, readable: Int, _ w: UnsafePointer<UInt8>, _ m: Int
    ) -> Bool {
        var p = 0
        while let q = candidate(h, from: p, to: n, readable: readable, w, m) {
            if foldedMatch(h, at: q, end: n, w, m) { return true }
            p = q + 1
        }
        return false
    }
}
