extension ActorAliases {
    /// `index(for:)` of a name in ASCII without a carriage return (so that each character is one byte), from
    /// `folded`, its bytes with A–Z lowercased (`TextFolding.fold`), and `wordKey`, its runs of ASCII letters and
    /// digits joined by single spaces (the importer's key of the name, which is the alias key of a name without
    /// apostrophe). The importer works out the facts of every distinct actor name (20,000 in a large ACLED export);
    /// `index(for:)` folded the name up to three times more and walked it by characters (1.1 % of a 1M-row import's
    /// CPU samples; 0.1 % this way). The same steps on the bytes: no actor in the table is named `X and/or Y`; a
    /// trailing period in parentheses is dropped; `PREFIX: Full name` is also looked up by its prefix, then by its
    /// full name.
    public func index(asciiFolded folded: UnsafeBufferPointer<UInt8>, wordKey: String) -> Int? {
        guard !byKey.isEmpty else { return nil }
        if folded.contains(UInt8(ascii: "/"))
            && TextMatcher.containsIgnoringASCIICase(folded, Array(" and/or ".utf8))
        {
            return nil
        }
        var lo = 0
        var hi = folded.count
        while lo < hi && String.isTrimmed(folded[lo]) { lo += 1 }
        while hi > lo && String.isTrimmed(folded[hi - 1]) { hi -= 1 }
        let end = Self.endWithoutPeriod(folded, lo, hi)
        let key =
            end == hi && !folded.contains(UInt8(ascii: "'")) ? wordKey : Self.asciiKey(folded, lo, end)
        if let k = byKey[key] { return k }
        var colon = lo
        while colon + 1 < end && !(folded[colon] == 0x3A && folded[colon + 1] == 0x20) { colon += 1 }
        guard colon + 1 < end else { return nil }
        if let k = byKey[Self.asciiKey(folded, lo, colon)] { return k }
        return byKey[Self.asciiKey(folded, colon + 2, end)]
    }

    /// The end of `withoutPeriod` of the trimmed name `bytes[lo..<hi]` (ASCII).
    private static func endWithoutPeriod(_ bytes: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Int {
        guard hi > lo && bytes[hi - 1] == UInt8(ascii: ")") else { return hi }
        var open = hi - 2
        while open >= lo && bytes[open] != UInt8(ascii: "(") { open -= 1 }
        guard open >= lo else { return hi }
        var digits = 0
        for b in bytes[(open + 1)..<(hi - 1)] {
            if b >= 0x30 && b <= 0x39 {
                digits += 1
            } else if b != UInt8(ascii: "-") && b != 0x20 {
                return hi
            }
        }
        guard digits >= 4 else { return hi }
        var end = open
        while end > lo && String.isTrimmed(bytes[end - 1]) { end -= 1 }
        return end
    }

    /// `key` of the ASCII name `bytes[lo..<hi]`, A–Z already lowercased.
    private static func asciiKey(_ bytes: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> String {
        String(unsafeUninitializedCapacity: max(hi - lo, 0)) { out in
            var count = 0
            var pendingSpace = false
            for c in bytes[lo..<max(hi, lo)] {
                if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) {
                    if pendingSpace && count > 0 {
                        out[count] = 0x20
                        count += 1
                    }
                    pendingSpace = false
                    out[count] = c
                    count += 1
                } else if c != UInt8(ascii: "'") {
                    pendingSpace = true
                }
            }
            return count
        }
    }
}
