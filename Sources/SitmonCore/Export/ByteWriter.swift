import SitmonText

/// An append-only UTF-8 byte buffer with JSON, CSV and Markdown escaping.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    public mutating func append(_ byte: UInt8) { bytes.append(byte) }

    public mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends a JSON string literal. Control characters are escaped, so the output is always valid JSON; so are
    /// C1 controls, bidi controls and U+2028/U+2029 (`\u009b`, `\u202e`), so that a JSON export printed to a
    /// terminal carries none of them raw, and nothing is lost: they read back as they were.
    public mutating func appendJSONString(_ text: String) {
        var text = text
        text.withUTF8 { appendJSONString($0) }
    }

    public mutating func appendJSONString(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var k = 0
        while k < utf8.count {
            let c = utf8[k]
            k += 1
            switch c {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(c)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(c)
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0..<0x20, 0x7F: appendUnicodeEscape(UInt32(c))
            case 0xC2, 0xD8, 0xE2:
                // The lead byte of a C1 control (C2 80–9F), U+061C (D8 9C) or a bidi control or separator (E2 …).
                if let (scalar, length) = Self.escapedScalar(utf8, k - 1) {
                    appendUnicodeEscape(scalar)
                    k += length - 1
                } else {
                    bytes.append(c)
                }
            default: bytes.append(c)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `\uXXXX` for a scalar of the Basic Multilingual Plane.
    private mutating func appendUnicodeEscape(_ v: UInt32) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(UInt8(ascii: "u"))
        for shift in [12, 8, 4, 0] as [UInt32] { bytes.append(ByteWriter.hex[Int((v >> shift) & 15)]) }
    }

    /// The scalar at `utf8[k...]` and its length in bytes, when it is one that JSON output escapes although JSON
    /// allows it raw: a C1 control, a bidi control, U+2028 or U+2029.
    private static func escapedScalar(_ utf8: UnsafeBufferPointer<UInt8>, _ k: Int) -> (UInt32, Int)? {
        let lead = utf8[k]
        let length = lead < 0xE0 ? 2 : 3
        guard k + length <= utf8.count else { return nil }
        var v = UInt32(lead & (length == 2 ? 0x1F : 0x0F))
        for j in 1..<length { v = v << 6 | UInt32(utf8[k + j] & 0x3F) }
        guard let scalar = Unicode.Scalar(v) else { return nil }
        return SafeText.isControl(scalar) || v == 0x2028 || v == 0x2029 ? (v, length) : nil
    }

    /// Appends a number in the shortest form that reads back the same (whole numbers without a fraction).
    public mutating func appendJSONNumber(_ value: Double) {
        if value.rounded() == value && abs(value) < 1e15 { append(String(Int(value))) } else { append(String(value)) }
    }

    /// Appends one CSV field (RFC 4180). Controls are never written raw: tab, LF and CR LF stay, a lone CR becomes LF,
    /// every other C0 control, DEL, C1 and bidi control is its visible symbol (`SafeText`: `ESC` → `␛`), as the
    /// monitor shows them. A text field that a spreadsheet would run as a formula gets a leading apostrophe
    /// (OWASP): one starting with `= + - @`, tab or a line break, or with `= + - @` (or their full-width and small
    /// forms `＝ ＋ － ＠ ﹦ ﹢ ﹣`) after spaces or invisible characters (NBSP, U+200B, U+FEFF…). A field holding
    /// `,` `"` `;` a tab or a line break is quoted, so that `;=1+1` stays one cell where `;` is the separator.
    public mutating func appendCSVField(_ text: String, isText: Bool = true) {
        var text = text
        var (quote, controls) = text.withUTF8 { Self.scanCSV($0) }
        if controls {
            text = Self.csvVisible(text)
            quote = quote || text.utf8.contains { $0 == 0x0A || $0 == 0x0D }
        }
        if isText && Self.startsFormula(text) { text = "'" + text }
        if !quote {
            append(text)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        text.withUTF8 { appendDoublingQuotes($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `utf8` with each `"` doubled: the runs between quotes copied whole (a byte at a time, this was most
    /// of an export's time: a summary is a hundred bytes).
    private mutating func appendDoublingQuotes(_ utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        while start < utf8.count {
            var end = start
            while end < utf8.count && utf8[end] != UInt8(ascii: "\"") { end += 1 }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<end]))
            if end < utf8.count {
                bytes.append(UInt8(ascii: "\""))
                bytes.append(UInt8(ascii: "\""))
            }
            start = end + 1
        }
    }

    /// Appends one CSV field given as UTF-8 (valid, as the store's text is), with the bytes `appendCSVField(_:)`
    /// writes for the same text, without making a `String` of it: plain fields, quoted or not, are copied as they
    /// are; a field with a control, or one starting with a space or a non-ASCII character (a formula may hide behind
    /// blanks), takes the `String` path.
    public mutating func appendCSVField(_ utf8: UnsafeBufferPointer<UInt8>, isText: Bool = true) {
        guard let first = utf8.first else { return }
        let (quote, controls) = Self.scanCSV(utf8)
        if controls || (isText && (first == 0x20 || first >= 0x80)) {
            appendCSVField(String(decoding: utf8, as: UTF8.self), isText: isText)
            return
        }
        let formula = isText && Self.formulaStarts.contains(first)
        if !quote {
            if formula { bytes.append(UInt8(ascii: "'")) }
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        if formula { bytes.append(UInt8(ascii: "'")) }
        appendDoublingQuotes(utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends one CSV field given as UTF-8 bytes (`appendCSVField(_:isText:)` on a buffer).
    public mutating func appendCSVField(bytes utf8: [UInt8], isText: Bool = true) {
        utf8.withUnsafeBufferPointer { appendCSVField($0, isText: isText) }
    }

    /// Appends a whole number in decimal, as `String(value)` writes it.
    public mutating func appendDecimal(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            if value == Int.min {
                append(String(value).dropFirst().description)
                return
            }
        }
        appendPadded(abs(value), width: 1)
    }

    /// Appends a whole number ≥ 0 in decimal, with zeros in front up to `width` digits (`7`, 2 → `07`).
    public mutating func appendPadded(_ value: Int, width: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 24 digits, the last first
        var n = UInt64(max(value, 0)), count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0
            for _ in count..<max(width, count) { bytes.append(UInt8(ascii: "0")) }
            for k in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[k]) }
        }
    }

    /// One pass over a field's bytes: does it need quotes (`,` `"` `;` tab, a line break), and does it hold a control
    /// other than tab and LF (a C0 control, DEL, or the UTF-8 of a C1 or bidi control)? Plain text, accented or not,
    /// is only looked at byte by byte.
    static func scanCSV(_ utf8: UnsafeBufferPointer<UInt8>) -> (quote: Bool, controls: Bool) {
        var quote = false, controls = false
        var k = 0
        while k < utf8.count {
            let b = utf8[k]
            switch b {
            case UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: ";"), 0x09, 0x0A: quote = true
            case 0..<0x20, 0x7F: controls = true
            case 0xC2, 0xD8, 0xE2:
                // C1 controls are C2 80–9F; U+061C is D8 9C; the other bidi controls are E2 80 8E/8F, E2 80 AA–AE and
                // E2 81 A6–A9.
                let next = k + 1 < utf8.count ? utf8[k + 1] : 0
                let third = k + 2 < utf8.count ? utf8[k + 2] : 0
                switch b {
                case 0xC2: if next >= 0x80 && next <= 0x9F { controls = true }
                case 0xD8: if next == 0x9C { controls = true }
                default:
                    if next == 0x80 && (third == 0x8E || third == 0x8F || (third >= 0xAA && third <= 0xAE)) {
                        controls = true
                    }
                    if next == 0x81 && third >= 0xA6 && third <= 0xA9 { controls = true }
                }
            default: break
            }
            k += 1
        }
        return (quote, controls)
    }

    /// `text` with a lone CR as LF (a CR LF stays: it is a line break, as is LF) and every other control but tab as
    /// its visible symbol.
    static func csvVisible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { SafeText.isControl($0) && $0 != "\t" && $0 != "\n" }) else {
            return text
        }
        let scalars = Array(text.unicodeScalars)
        guard
            scalars.indices.contains(where: { k in
                let s = scalars[k]
                return SafeText.isControl(s) && s != "\t" && s != "\n"
                    && !(s == "\r" && k + 1 < scalars.count && scalars[k + 1] == "\n")
            })
        else { return text }
        var result = String.UnicodeScalarView()
        for (k, scalar) in scalars.enumerated() {
            switch scalar {
            case "\r": result.append(k + 1 < scalars.count && scalars[k + 1] == "\n" ? "\r" : "\n")
            case "\n", "\t": result.append(scalar)
            default: result.append(SafeText.visible(scalar))
            }
        }
        return String(result)
    }

    /// True when a spreadsheet could take `text` for a formula: it starts with `= + - @`, a tab or a line break,
    /// or, after any spaces and invisible characters, with `= + - @` or a full-width or small form of them.
    static func startsFormula(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        if formulaStarts.contains(first) { return true }
        if first < 0x80 && first != 0x20 { return false }
        for scalar in text.unicodeScalars where !isBlank(scalar) {
            return formulaTriggers.contains(scalar.value)
        }
        return false
    }

    static let formulaStarts: [UInt8] = [
        UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0A, 0x0D,
    ]

    /// `= + - @`, their full-width forms `＝ ＋ － ＠` and the small forms `﹦ ﹢ ﹣`.
    static let formulaTriggers: Set<UInt32> = [
        0x3D, 0x2B, 0x2D, 0x40, 0xFF1D, 0xFF0B, 0xFF0D, 0xFF20, 0xFE66, 0xFE62, 0xFE63,
    ]

    /// Spaces and characters without a glyph that a spreadsheet may skip before a formula: space, tab, line breaks,
    /// NBSP, the Unicode spaces, zero-width space, joiners, word joiner, BOM.
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20, 0xA0, 0x1680, 0x180E, 0x2000...0x200D, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060,
            0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// Appends text for a Markdown table cell or paragraph: `|`, backticks, `*`, `_`, `[`, `]`, `<`, `>` and `&`
    /// are escaped, so data cannot inject markup or HTML. Line breaks, tabs and U+2028/U+2029 become spaces; every
    /// other control is its visible symbol, as in the monitor (`ESC` → `␛`, C1 and bidi controls → `�`); Tag
    /// characters (U+E0000–E007F) and BOMs, which no reader sees, are dropped.
    public mutating func appendMarkdown(_ text: String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|", "`", "*", "_", "[", "]", "\\", "#":
                append("\\" + String(scalar))
            case "<": append("&lt;")
            case ">": append("&gt;")
            case "&": append("&amp;")
            case "\n", "\r", "\t", "\u{2028}", "\u{2029}": append(" ")
            default:
                if SafeText.isInvisibleFormat(scalar) { continue }
                append(String(SafeText.visible(scalar)))
            }
        }
    }
}
