/// Case- and diacritic-insensitive matching: "goita" finds "Goïta", "segou" finds "Ségou".
/// Text is folded to lowercase with Latin accents removed (Latin-1 Supplement and Latin Extended-A),
/// straight from UTF-8 bytes, without allocating.
public enum TextFolding {
    /// Folded base letters for U+00C0…U+017F, indexed by scalar − 0xC0; 0 where no single ASCII letter fits.
    static let latinBase: [UInt8] = Array(
        ("aaaaaaaceeeeiiiidnoooooxouuuuyts" + "aaaaaaaceeeeiiiidnooooo/ouuuuyty"  // U+00C0–U+00FF
            + "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrss"
            + "ssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs").utf8)  // U+0100–U+017F, one letter per code point

    /// Folds text into bytes for comparison.
    public static func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        var text = text
        text.withUTF8 { fold($0, into: &out) }
        return out
    }

    /// Appends the folded form of UTF-8 `bytes` to `out`.
    public static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if c < 0x80 {
                out.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
                i += 1
            } else if c >= 0xC3 && c <= 0xC5 && i + 1 < n {
                let scalar = (Int(c & 0x1F) << 6) | Int(bytes[i + 1] & 0x3F)
                let base = scalar >= 0xC0 && scalar < 0x180 ? latinBase[scalar - 0xC0] : 0
                if base != 0 {
                    out.append(base)
                    if scalar == 0xDF { out.append(UInt8(ascii: "s")) }  // ß → ss
                    if scalar == 0xC6 || scalar == 0xE6 { out.append(UInt8(ascii: "e")) }  // æ → ae
                    if scalar == 0x152 || scalar == 0x153 { out.append(UInt8(ascii: "e")) }  // œ → oe
                } else {
                    out.append(c)
                    out.append(bytes[i + 1])
                }
                i += 2
            } else if c == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x98 || bytes[i + 2] == 0x99) {
                out.append(UInt8(ascii: "'"))  // typographic apostrophes match straight ones: N’Daw = N'Daw
                i += 3
            } else {
                out.append(c)
                i += 1
            }
        }
    }
}

/// Finds a folded needle in text; reuses one scratch buffer, so it is cheap to call a million times.
public struct TextMatcher {
    public let needle: [UInt8]
    private var scratch: [UInt8] = []

    /// A matcher for `query` (folded); an empty query matches everything.
    public init(_ query: String) {
        needle = TextFolding.fold(query.trimmingSpaces)
        scratch.reserveCapacity(1024)
    }

    public var isEmpty: Bool { needle.isEmpty }

    /// True when the folded `bytes` contain the needle.
    public mutating func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if needle.isEmpty { return true }
        if bytes.count < needle.count { return false }
        scratch.removeAll(keepingCapacity: true)
        TextFolding.fold(bytes, into: &scratch)
        return Self.contains(scratch, needle)
    }

    /// True when folded `text` contains the needle.
    public mutating func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { matches($0) }
    }

    /// True when `haystack` contains `needle` (both already folded).
    /// True when `needle` (lowercase ASCII) occurs in `haystack` with its ASCII letters in either case; other
    /// bytes compare as they are (no other character folds to an ASCII letter this way).
    public static func containsIgnoringASCIICase<Bytes: RandomAccessCollection<UInt8>>(
        _ haystack: Bytes, _ needle: [UInt8]
    ) -> Bool where Bytes.Index == Int {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        let start = haystack.startIndex
        return (0...(haystack.count - needle.count)).contains { i in
            needle.indices.allSatisfy { k in
                let b = haystack[start + i + k]
                return (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) == needle[k]
            }
        }
    }

    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        let n = haystack.count, m = needle.count
        guard m <= n else { return false }
        let first = needle[0]
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { w in
                var i = 0
                while i <= n - m {
                    if h[i] == first {
                        var k = 1
                        while k < m && h[i + k] == w[k] { k += 1 }
                        if k == m { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and newlines.
    public var trimmingSpaces: String {
        // Nothing to trim (most fields of an import): no copy.
        if let first = utf8.first, let last = utf8.last, !Self.isTrimmed(first), !Self.isTrimmed(last) { return self }
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }

    /// True for the bytes `trimmingSpaces` removes (space, line feed, tab, carriage return).
    @inline(__always)
    static func isTrimmed(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }
}
