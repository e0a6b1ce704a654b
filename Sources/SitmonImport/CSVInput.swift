import CSV
import SitmonCore

/// One CSV record with its place in the file. Its fields stay in the text as byte ranges (two offsets each, a
/// flag on a quoted field holding `""` to unescape) and become strings only when asked for, so that a million kept
/// rows hold offsets rather than thirty strings each.
struct CSVRow: Sendable {
    /// The text the fields are cut from (shared with the reader, not copied).
    let text: [UInt8]
    /// Per field, its start and end offsets in `text`; `escaped` set in the end offset's high bit.
    var bounds: [UInt32]
    /// 1-based physical line the record starts on.
    var line: Int
    /// Physical lines it spans (more than 1 when a quoted field holds line breaks).
    var lineCount: Int
    /// 1-based record number, the header included: the row number a spreadsheet shows.
    var number: Int

    static let escaped: UInt32 = 1 << 31

    init(text: [UInt8], bounds: [UInt32], line: Int, lineCount: Int, number: Int) {
        self.text = text
        self.bounds = bounds
        self.line = line
        self.lineCount = lineCount
        self.number = number
    }

    /// A row of given fields (CSV.swift's rows in the differential tests).
    init(fields: [String], line: Int, lineCount: Int, number: Int) {
        var text: [UInt8] = []
        var bounds: [UInt32] = []
        for field in fields {
            bounds.append(UInt32(text.count))
            text += field.utf8
            bounds.append(UInt32(text.count))
        }
        self.init(text: text, bounds: bounds, line: line, lineCount: lineCount, number: number)
    }

    /// Number of fields.
    var count: Int { bounds.count / 2 }

    /// Field `k` (0-based) as a string; "" past the last field.
    func field(_ k: Int) -> String {
        guard k >= 0, 2 * k + 1 < bounds.count else { return "" }
        let start = Int(bounds[2 * k]), rawEnd = bounds[2 * k + 1]
        let end = Int(rawEnd & ~Self.escaped)
        return text.withUnsafeBufferPointer { buf in
            let slice = UnsafeBufferPointer(rebasing: buf[start..<end])
            guard rawEnd & Self.escaped != 0 else { return String(decoding: slice, as: UTF8.self) }
            return String(decoding: CSVByteReader.unescape(buf, start, end), as: UTF8.self)
        }
    }

    /// Every field as a string.
    var fields: [String] { (0..<count).map(field) }

    /// True for an empty line or a row of empty fields (`,,,,` left by a spreadsheet).
    var isBlank: Bool {
        text.withUnsafeBufferPointer { buf in
            (0..<count).allSatisfy { k in
                buf[Int(bounds[2 * k])..<Int(bounds[2 * k + 1] & ~Self.escaped)].allSatisfy { $0 == 0x20 || $0 == 0x09 }
            }
        }
    }
}

/// The text of a CSV export, as UTF-8 bytes ready for `CSVByteReader`: UTF-8 with or without BOM (UTF-16 with a
/// BOM too, as spreadsheets write "Unicode text", transcoded), the delimiter sniffed from the header line, and the
/// lines holding invalid UTF-8 remembered, so that their rows are reported as bad rather than imported with
/// replacement characters.
struct CSVInput: Sendable {
    /// The text, UTF-8, without its BOM.
    let bytes: [UInt8]
    let delimiter: Character
    /// Lines (1-based) holding bytes that are not valid UTF-8, in increasing order.
    let invalidLines: [Int]

    init(bytes: [UInt8]) {
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            self.bytes = Array(Self.decodeUTF16(bytes, littleEndian: bytes[0] == 0xFF).utf8)
            invalidLines = []
        } else {
            let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
            self.bytes = hasBOM ? Array(bytes[3...]) : bytes
            invalidLines = Self.invalidUTF8Lines(self.bytes[...])
        }
        delimiter = Self.sniffDelimiter(self.bytes)
    }

    /// The text as a string (invalid UTF-8 as U+FFFD), for CSV.swift in the differential tests.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The delimiter as a byte.
    var delimiterByte: UInt8 { delimiter.asciiValue ?? UInt8(ascii: ",") }

    /// The rows of the text.
    func rows(splitMinimum: Int = CSVRows.splitMinimum) -> CSVRows {
        CSVRows(input: self, splitMinimum: splitMinimum)
    }

    /// The first line in `range` that holds invalid UTF-8, if any.
    func invalidLine(in range: Range<Int>) -> Int? {
        guard !invalidLines.isEmpty else { return nil }
        var low = 0, high = invalidLines.count
        while low < high {
            let mid = (low + high) / 2
            if invalidLines[mid] < range.lowerBound { low = mid + 1 } else { high = mid }
        }
        return low < invalidLines.count && invalidLines[low] < range.upperBound ? invalidLines[low] : nil
    }

    static func decodeUTF16(_ bytes: [UInt8], littleEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// The delimiter of the header line: whichever of `,` `;` and tab occurs most outside quotes (`,` on a tie).
    static func sniffDelimiter<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Character {
        sniffDelimiterLine(bytes).delimiter
    }

    /// `sniffDelimiter`, and whether the header line ended within `bytes` (else more text could change the count:
    /// the fast path reads the file a chunk at a time).
    static func sniffDelimiterLine<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> (delimiter: Character, ended: Bool) {
        var commas = 0, semicolons = 0, tabs = 0
        var quoted = false
        var ended = false
        for b in bytes {
            if b == 0x22 { quoted.toggle(); continue }
            if quoted { continue }
            if b == 0x0A || b == 0x0D { ended = true; break }
            switch b {
            case 0x2C: commas += 1
            case 0x3B: semicolons += 1
            case 0x09: tabs += 1
            default: break
            }
        }
        if tabs > commas && tabs >= semicolons { return ("\t", ended) }
        if semicolons > commas { return (";", ended) }
        return (",", ended)
    }

    /// Lines holding bytes that are not valid UTF-8 (line breaks counted as the CSV reader ends rows: CR LF, LF or
    /// a lone CR each end one line).
    static func invalidUTF8Lines(_ bytes: ArraySlice<UInt8>) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var i = bytes.startIndex
        let end = bytes.endIndex
        func mark() { if lines.last != line { lines.append(line) } }
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                // Eight ASCII bytes without a line break at a time.
                if i + 8 <= end {
                    let word = bytes.withUnsafeBytes {
                        $0.loadUnaligned(fromByteOffset: i - bytes.startIndex, as: UInt64.self)
                    }
                    if word & 0x8080_8080_8080_8080 == 0 && !Self.hasLineBreak(word) {
                        i += 8
                        continue
                    }
                }
                if b == 0x0A || (b == 0x0D && (i + 1 >= end || bytes[i + 1] != 0x0A)) { line += 1 }
                i += 1
                continue
            }
            if let length = UTF8Check.sequenceLength(bytes, at: i) { i += length } else { mark(); i += 1 }
        }
        return lines
    }

    /// True when one of the eight bytes of `word` is CR or LF.
    @inline(__always)
    static func hasLineBreak(_ word: UInt64) -> Bool {
        func hasByte(_ value: UInt64) -> Bool {
            let x = word ^ (value &* 0x0101_0101_0101_0101)
            return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
        }
        return hasByte(0x0A) || hasByte(0x0D)
    }
}

/// The records of a CSV text as CSV.swift's `CSVReader` reads them: the reference `CSVByteReader` is held to in
/// the differential tests and the fuzz target. (The importers used it before the byte reader.)
/// Parsed by CSV.swift's `CSVReader` (RFC 4180 quoting: delimiters, doubled quotes and
/// line breaks inside quoted fields), numbered by physical line: each record's line breaks inside quoted fields are
/// counted, so a row after a multi-line note still reports its true line.
struct CSVSwiftRows {
    let reader: CSVReader?
    private(set) var nextLine = 1
    private(set) var count = 0

    init(text: String, delimiter: Character) {
        let scalar = delimiter.unicodeScalars.first ?? ","
        reader = try? CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: scalar)
    }

    /// The next record, or nil at the end of the text.
    mutating func next() -> CSVRow? {
        guard let fields = reader?.next() else { return nil }
        var breaks = 0
        for field in fields { breaks += Self.lineBreaks(field) }
        count += 1
        let row = CSVRow(fields: fields, line: nextLine, lineCount: 1 + breaks, number: count)
        nextLine += 1 + breaks
        return row
    }

    /// Line breaks inside a field: CR LF, LF and a lone CR each count one.
    static func lineBreaks(_ field: String) -> Int {
        var n = 0
        var previousCR = false
        for b in field.utf8 {
            if b == 0x0A {
                if !previousCR { n += 1 }
                previousCR = false
            } else if b == 0x0D {
                n += 1
                previousCR = true
            } else {
                previousCR = false
            }
        }
        return n
    }
}
