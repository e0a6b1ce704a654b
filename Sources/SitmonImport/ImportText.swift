import SitmonCore

/// Text helpers shared by the importers: folded words, slugs and id-safe strings.
enum ImportText {
    /// The folded words of `text` (lowercase, Latin accents removed via `TextFolding`), split on everything
    /// that is not a letter or digit, typographic punctuation included (dashes, quotes, no-break spaces):
    /// `Jama'at Nusrat al-Islam` → `["jama", "at", "nusrat", "al", "islam"]`. Letters of other scripts are kept.
    static func words(_ text: String) -> [String] { words(folded: TextFolding.fold(text)) }

    /// The words of text already folded (`TextFolding.fold`).
    static func words(folded bytes: [UInt8]) -> [String] {
        let folded = String(decoding: bytes, as: UTF8.self)
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            if isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// ASCII letters and digits, and letters of other scripts; not punctuation, symbols or spaces of any script
    /// (Latin-1 punctuation, modifier letters such as ʿ, general punctuation such as – and ’, ideographic space).
    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) }
        switch v {
        case 0x80...0xBF, 0xD7, 0xF7, 0x2B0...0x2FF, 0x2000...0x206F, 0x2190...0x2BFF, 0x3000...0x303F, 0xFE50...0xFE6F,
            0xFF00...0xFF0F:
            return false
        default:
            return true
        }
    }

    /// A slug for an id: folded, ASCII letters and digits joined by `-`, at most `limit` characters,
    /// cut at a word boundary; `fallback` when nothing is left (`Military Forces of Mali (2021-)` →
    /// `military-forces-of-mali-2021`).
    static func slug(_ text: String, limit: Int = 60, fallback: String = "x") -> String {
        slug(folded: TextFolding.fold(text), limit: limit, fallback: fallback)
    }

    /// The slug of text already folded (`TextFolding.fold`).
    static func slug(folded: [UInt8], limit: Int = 60, fallback: String = "x") -> String {
        var out: [UInt8] = []
        out.reserveCapacity(folded.count)
        var pendingDash = false
        for b in folded {
            if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                if pendingDash && !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingDash = false
                out.append(b)
            } else {
                pendingDash = true
            }
        }
        if out.count > limit {
            out = Array(out.prefix(limit))
            if let dash = out.lastIndex(of: UInt8(ascii: "-")), dash > limit / 2 { out = Array(out[..<dash]) }
            while out.last == UInt8(ascii: "-") { out.removeLast() }
        }
        return out.isEmpty ? fallback : String(decoding: out, as: UTF8.self)
    }

    /// `text` made into a valid id fragment: lowercased; characters outside `a-z 0-9 . _ : -` become `-`
    /// (`MLI1234` → `mli1234`, `BFA 12/3` → `bfa-12-3`); at most `limit` characters (ids stop at 200).
    static func idSafe(_ text: String, limit: Int = 180) -> String {
        var out: [UInt8] = []
        appendIdSafe(text.utf8, to: &out, limit: limit)
        return String(decoding: out, as: UTF8.self)
    }

    /// `idSafe(text, limit:)` appended to `out` as bytes (after whatever `out` holds: the fast path's `acled-`).
    static func appendIdSafe<Bytes: Sequence<UInt8>>(_ text: Bytes, to out: inout [UInt8], limit: Int = 180) {
        let end = out.count + limit
        for b in text where out.count < end {
            switch b {
            case 0x41...0x5A: out.append(b | 0x20)
            case 0x61...0x7A, 0x30...0x39, 0x2E, 0x5F, 0x3A, 0x2D: out.append(b)
            default:
                if b & 0xC0 != 0x80 { out.append(UInt8(ascii: "-")) }
            }
        }
    }

    /// The key actors and sources are deduplicated by: folded words joined by single spaces, so
    /// `JNIM:  Group…` and `jnim: group…` are one actor, and `Ségou` and `Segou` one place.
    static func key(_ text: String) -> String {
        let folded = TextFolding.fold(text)
        // Folded text in ASCII (most names): its words cut from the bytes, with no string per word.
        guard folded.allSatisfy({ $0 < 0x80 }) else { return words(folded: folded).joined(separator: " ") }
        var out: [UInt8] = []
        out.reserveCapacity(folded.count)
        var pendingSpace = false
        for b in folded {
            if isWordScalar(Unicode.Scalar(b)) {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(b)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Trims spaces and folds every kind of dash (en dash, em dash, minus, hyphen) into `-`.
    static func normalisedDashes(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: out.append("-")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out.trimmingSpaces
    }

    /// The values of a `;`-separated list, trimmed, empty ones and repeats dropped. (Spellings that fold alike are
    /// one actor or source for the builder, which drops repeated references.)
    static func list(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var out: [String] = []
        var seen = Set<String>()  // linear in the number of items (100,000 in one cell took 21 s with contains)
        for part in text.split(separator: ";") {
            let value = String(part).trimmingSpaces
            if !value.isEmpty && seen.insert(value).inserted { out.append(value) }
        }
        return out
    }

    /// At most 60 characters of untrusted text for a message, through the loader's `Diagnostic.excerpt`:
    /// control characters and bidirectional controls are shown as `\u{1B}`, so a message never carries an escape
    /// sequence or reorders the terminal line.
    static func excerpt(_ text: String) -> String {
        Diagnostic.excerpt(text)
    }
}
