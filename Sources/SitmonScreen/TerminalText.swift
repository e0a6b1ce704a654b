import SitmonText

/// Turns untrusted text into something safe to draw, and measures it in terminal columns.
/// The controls and their symbols are `SafeText`'s, shared with the CLI's messages and the exports.
///
/// No control character from data ever reaches the terminal: C0 controls become their Unicode control pictures
/// (`ESC` → `␛`), DEL → `␡`, C1 controls and bidirectional overrides/isolates → `�`. Newlines and tabs
/// become spaces (multi-line text is split into lines before it is drawn).
public enum TerminalText {
    /// The safe, displayable form of `text` for a single line.
    public static func sanitized(_ text: String) -> String {
        var needsWork = false
        for scalar in text.unicodeScalars where isUnsafe(scalar) {
            needsWork = true
            break
        }
        if !needsWork { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(safeScalar(scalar)) }
        return String(result)
    }

    /// True for scalars that must not be written raw to a terminal (`SafeText.isControl`: C0, DEL, C1, bidi).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        SafeText.isControl(scalar)
    }

    /// Line breaks and tabs become spaces; every other control its visible symbol (`SafeText.visible`).
    static func safeScalar(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return " "
        default: return SafeText.visible(scalar)
        }
    }

    /// Columns a Unicode scalar takes in a terminal: 0 for combining marks and zero-width characters,
    /// 2 for East Asian wide/fullwidth characters and most emoji, 1 otherwise.
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return 1 }
        if isZeroWidth(v) { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    /// Columns a grapheme cluster takes: the width of its first non-zero-width scalar (emoji sequences count 2).
    public static func width(of character: Character) -> Int {
        var width = 0
        for scalar in character.unicodeScalars {
            let w = self.width(of: scalar)
            if w > width { width = w }
            if scalar.value == 0xFE0F { width = 2 }  // emoji presentation selector
        }
        return width
    }

    /// Columns a sanitised string takes.
    public static func width(of text: String) -> Int {
        if let count = printableASCIICount(text) { return count }
        var total = 0
        for character in text {
            if character.unicodeScalars.first.map({ $0.value < 0x80 }) == true, character.unicodeScalars.count == 1 {
                total += 1
            } else {
                total += width(of: character)
            }
        }
        return total
    }

    /// `text` cut to at most `columns` columns; an ellipsis marks the cut when `ellipsis` is true.
    public static func truncated(_ text: String, to columns: Int, ellipsis: Bool = true) -> String {
        if columns <= 0 { return "" }
        if width(of: text) <= columns { return text }
        let limit = ellipsis ? columns - 1 : columns
        var result = ""
        var used = 0
        for character in text {
            let w = width(of: character)
            if used + w > limit { break }
            result.append(character)
            used += w
        }
        return ellipsis ? result + "…" : result
    }

    /// `text` padded with spaces (or cut) to exactly `columns` columns.
    public static func padded(_ text: String, to columns: Int) -> String {
        let cut = truncated(text, to: columns)
        let w = width(of: cut)
        return w < columns ? cut + String(repeating: " ", count: columns - w) : cut
    }

    /// Word-wraps sanitised text into lines of at most `columns` columns; existing newlines start new lines.
    /// Linear in the text's length: paragraphs and words are found on the UTF-8 bytes, and a word longer than a
    /// line is cut in one pass (on its bytes when it is plain ASCII).
    public static func wrapped(_ text: String, to columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        for paragraph in split(text, atLineBreaks: true) {
            var line = ""
            var lineWidth = 0
            for word in split(sanitized(paragraph), atLineBreaks: false) where !word.isEmpty {
                var word = word
                var w = width(of: word)
                if w > columns {
                    // A word longer than a line is cut into line-long pieces in one pass; a character wider than
                    // the whole line still gets a line of its own (it is clipped when drawn).
                    if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
                    if let pieces = asciiPieces(word, columns), let last = pieces.last {
                        lines += pieces.dropLast()
                        word = last
                        w = last.utf8.count
                    } else {
                        (word, w) = cutLongWord(word, columns, into: &lines)
                    }
                }
                if w == 0 { continue }
                if lineWidth == 0 {
                    line = word; lineWidth = w
                } else if lineWidth + 1 + w <= columns {
                    line += " " + word; lineWidth += 1 + w
                } else {
                    lines.append(line); line = word; lineWidth = w
                }
            }
            lines.append(line)
        }
        while lines.last == "" && lines.count > 1 { lines.removeLast() }
        return lines
    }

    /// `text` cut at line breaks (LF, CR LF, CR), keeping empty pieces; or, without `atLineBreaks`, at spaces.
    /// Works on the UTF-8 bytes, where these are always whole characters.
    static func split(_ text: String, atLineBreaks: Bool) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var pieces: [String] = []
            var start = 0, k = 0
            func piece(_ end: Int) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            }
            while k < bytes.count {
                let b = bytes[k]
                if atLineBreaks ? (b == 0x0A || b == 0x0D) : b == 0x20 {
                    pieces.append(piece(k))
                    if b == 0x0D && k + 1 < bytes.count && bytes[k + 1] == 0x0A { k += 1 }
                    start = k + 1
                }
                k += 1
            }
            pieces.append(piece(bytes.count))
            return pieces
        }
    }

    /// The number of characters of `text` when it is all printable ASCII (one column each), else nil.
    /// Measured on the UTF-8 bytes: a megabyte of text costs a few milliseconds, even in a debug build.
    static func printableASCIICount(_ text: some StringProtocol) -> Int? {
        let contiguous = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            for b in bytes where b < 0x20 || b >= 0x7F { return nil }
            return bytes.count
        }
        if let contiguous { return contiguous }
        for b in text.utf8 where b < 0x20 || b >= 0x7F { return nil }
        return text.utf8.count
    }

    /// A printable ASCII word cut into pieces of `columns` characters, on its bytes; nil for any other text.
    static func asciiPieces(_ word: String, _ columns: Int) -> [String]? {
        guard columns > 0, printableASCIICount(word) != nil else { return nil }
        var word = word
        return word.withUTF8 { bytes in
            var pieces: [String] = []
            pieces.reserveCapacity(bytes.count / columns + 1)
            var start = 0
            while start < bytes.count {
                let end = min(start + columns, bytes.count)
                pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                start = end
            }
            return pieces
        }
    }

    /// Cuts a word wider than `columns` into line-long pieces, character by character (wide characters, combining
    /// marks, emoji); appends all but the last piece to `lines` and returns the last with its width.
    static func cutLongWord(_ word: String, _ columns: Int, into lines: inout [String]) -> (String, Int) {
        var piece = "", pieceWidth = 0
        for character in word {
            let cw = width(of: character)
            if pieceWidth > 0 && pieceWidth + cw > columns {
                lines.append(piece)
                piece = ""
                pieceWidth = 0
            }
            piece.append(character)
            pieceWidth += cw
        }
        return (piece, pieceWidth)
    }

    static func isZeroWidth(_ v: UInt32) -> Bool {
        switch v {
        case 0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A, 0x064B...0x065F,
            0x0E31, 0x0E34...0x0E3A, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x200B...0x200D, 0x20D0...0x20FF,
            0xFE00...0xFE0F, 0xFE20...0xFE2F, 0xFEFF, 0xE0100...0xE01EF:
            return true
        default:
            return false
        }
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
            0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
            0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD,
            0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0,
            0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F004, 0x1F0CF, 0x1F18E,
            0x1F191...0x1F19A, 0x1F200...0x1F2FF, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB,
            0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
