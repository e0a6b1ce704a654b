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

    /// Appends a JSON string literal; control characters are escaped, so the output is always valid JSON.
    public mutating func appendJSONString(_ text: String) {
        var text = text
        text.withUTF8 { appendJSONString($0) }
    }

    public mutating func appendJSONString(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        for c in utf8 {
            switch c {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(c)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(c)
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0..<0x20, 0x7F:
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          ByteWriter.hex[Int(c >> 4)], ByteWriter.hex[Int(c & 15)]])
            default: bytes.append(c)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends a number in the shortest form that reads back the same (whole numbers without a fraction).
    public mutating func appendJSONNumber(_ value: Double) {
        if value.rounded() == value && abs(value) < 1e15 { append(String(Int(value))) } else { append(String(value)) }
    }

    /// Appends one CSV field (RFC 4180). Text fields that a spreadsheet would run as a formula
    /// (starting with = + - @ tab or carriage return) are neutralised with a leading apostrophe (OWASP).
    public mutating func appendCSVField(_ text: String, isText: Bool = true) {
        var text = text
        if isText, let first = text.utf8.first, ByteWriter.formulaStarts.contains(first) { text = "'" + text }
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        if !needsQuotes {
            append(text)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for c in text.utf8 {
            if c == UInt8(ascii: "\"") { bytes.append(c) }
            bytes.append(c)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    static let formulaStarts: [UInt8] = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]

    /// Appends text for a Markdown table cell or paragraph: `|`, backticks, `*`, `_`, `[`, `]`, `<`, `>` and `&`
    /// are escaped, newlines become spaces, control characters are dropped, so data cannot inject markup or HTML.
    public mutating func appendMarkdown(_ text: String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|", "`", "*", "_", "[", "]", "\\", "#":
                append("\\" + String(scalar))
            case "<": append("&lt;")
            case ">": append("&gt;")
            case "&": append("&amp;")
            case "\n", "\r", "\t": append(" ")
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (scalar.value >= 0x80 && scalar.value < 0xA0) { continue }
                if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
                    || scalar.value == 0x200E || scalar.value == 0x200F || scalar.value == 0x061C { continue }
                append(String(scalar))
            }
        }
    }
}
