#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

import CSitmonScan

/// A byte-level CSV reader over UTF-8 text kept in place: each field is cut out of the buffer by its byte range and
/// decoded once, with no per-character work outside quoted fields. It reads exactly what CSV.swift's `CSVReader`
/// (`trimFields: false`) reads — the differential tests hold it to that — and replaces it because it is about ten
/// times faster (see docs/architecture.md, "CSV import"):
///
/// - RFC 4180 quoting: a field starting with `"` runs to the next `"` followed by the delimiter, a line break or
///   the end; `""` inside it is one quote. A quote inside an unquoted field is kept as written.
/// - Rows end at CR LF, LF or a lone CR; a missing final line break ends the last row all the same; a file ending
///   inside a quoted field ends that field and row.
/// - As CSV.swift does, a lone `"` inside a quoted field followed by anything else is kept and the character after
///   it dropped; NUL bytes are kept in the field.
/// - The delimiter is one ASCII byte (`,` `;` or tab). Bytes that are not valid UTF-8 become U+FFFD (the importer
///   refuses such rows by line number; see `CSVInput.invalidLines`).
///
/// Rows are numbered by physical line, as `CSVRows` always did: the line breaks inside a row's quoted fields are
/// counted, so the row after a multi-line note still reports its true line.
struct CSVByteReader: Sendable {
    let bytes: [UInt8]
    let delimiter: UInt8
    /// Where the next row starts.
    private(set) var position: Int
    /// Bytes at and past this offset are not read.
    let end: Int
    /// 1-based line of the next row.
    private(set) var nextLine: Int
    /// Rows read so far (the next row's number is `count + 1`).
    private(set) var count: Int
    private var fieldsHint = 8

    static let quote = UInt8(ascii: "\""), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

    init(bytes: [UInt8], delimiter: UInt8, from start: Int = 0, to end: Int? = nil, line: Int = 1, count: Int = 0) {
        self.bytes = bytes
        self.delimiter = delimiter
        position = start
        self.end = min(end ?? bytes.count, bytes.count)
        nextLine = line
        self.count = count
    }

    var isAtEnd: Bool { position >= end }

    /// The next record, or nil at the end of the text.
    mutating func next() -> CSVRow? {
        guard position < end else { return nil }
        var fields: [UInt32] = []
        fields.reserveCapacity(2 * fieldsHint)
        let delimiter = self.delimiter, end = self.end, from = position
        let (next, breaks) = bytes.withUnsafeBufferPointer { buf in
            Self.scanRow(buf, from: from, end: end, delimiter: delimiter, into: &fields)
        }
        position = next
        fieldsHint = max(fieldsHint, fields.count / 2)
        count += 1
        let row = CSVRow(text: bytes, bounds: fields, line: nextLine, lineCount: 1 + breaks, number: count)
        nextLine += 1 + breaks
        return row
    }

    /// Reads the row starting at `from` (before `end`) in `buf`: appends each field's start and end offsets to
    /// `fields` (`CSVRow.escaped` set on a quoted field holding quotes) and returns where the next row starts and
    /// the line breaks inside the row's quoted fields. The one reading of a row, shared by `next()` and the import
    /// fast path (`FastImport`), which reads a mapped file. The fields are cut by `sitmon_scan_fields` (C, 64 bytes
    /// at a time; its comment has the measured reason) but for a quoted field holding a lone quote followed by
    /// another character, or unclosed, which is read here.
    @inline(__always)
    static func scanRow<Fields: FieldBoundsSink>(
        _ buf: UnsafeBufferPointer<UInt8>, from: Int, end: Int, delimiter: UInt8, into fields: inout Fields
    ) -> (next: Int, breaks: Int) {
        guard let base = buf.baseAddress else {
            fields.appendBounds(UInt32(end), UInt32(end))
            return (end, 0)
        }
        var breaks = 0
        var i = from
        while true {
            var scan = sitmon_field_scan()
            fields.appendBounds(room: 64) { out, room in
                scan = sitmon_scan_fields(base, i, end, delimiter, CSVRow.escaped, out, room)
                return scan.written
            }
            i = scan.position
            breaks += scan.breaks
            if Int(scan.status) == Int(SITMON_SCAN_ROW_END) { return (i, breaks) }
            if Int(scan.status) == Int(SITMON_SCAN_FULL) { continue }
            // A quoted field at `i` that `sitmon_scan_fields` leaves here.
            i += 1
            var copied = false
            var rowEnds = true
            var sawBreak = false
            let contentStart = i
            var contentEnd = end
            var closed = false
            while i < end {
                let c = buf[i]
                if c == quote {
                    let n = i + 1
                    if n >= end || buf[n] == cr || buf[n] == lf {
                        contentEnd = i
                        if n < end && buf[n] == cr && n + 1 < end && buf[n + 1] == lf {
                            i = n + 2
                        } else {
                            i = min(n + 1, end)
                        }
                        closed = true
                        break
                    } else if buf[n] == delimiter {
                        contentEnd = i
                        i = n + 1
                        rowEnds = false
                        closed = true
                        break
                    } else {
                        // `""` is one quote; a lone quote followed by anything else keeps the quote and drops that
                        // character (CSV.swift's reading).
                        copied = true
                        i = n + Self.scalarLength(buf, at: n, end: end)
                    }
                } else {
                    // On to the next quote at once (notes are most of an export's bytes), noting a line break on
                    // the way: one pass for the first quote, CR or LF until a break is seen.
                    if sawBreak {
                        i = Self.index(of: quote, in: buf, from: i, to: end)
                    } else {
                        let k = Self.indexOfQuoteOrBreak(in: buf, from: i, to: end)
                        if k < end && buf[k] != quote {
                            sawBreak = true
                            i = Self.index(of: quote, in: buf, from: k, to: end)
                        } else {
                            i = k
                        }
                    }
                }
            }
            if !closed { contentEnd = end; i = end }
            contentEnd = max(contentStart, contentEnd)
            if sawBreak {
                breaks +=
                    copied
                    ? Self.lineBreaks(Self.unescape(buf, contentStart, contentEnd))
                    : Self.lineBreaks(UnsafeBufferPointer(rebasing: buf[contentStart..<contentEnd]))
            }
            fields.appendBounds(UInt32(contentStart), UInt32(contentEnd) | (copied ? CSVRow.escaped : 0))
            if rowEnds { return (i, breaks) }
        }
    }

    /// The first index of `byte` in `buf[from..<to]`, or `to` (`memchr`, which compares many bytes at a time).
    @inline(__always)
    static func index(of byte: UInt8, in buf: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard to > from, let base = buf.baseAddress,
            let found = memchr(base + from, Int32(byte), to - from)
        else { return to }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    /// The first index of a quote, CR or LF in `buf[from..<to]`, or `to` (`sitmon_find_any3`: sixteen bytes at a
    /// time).
    @inline(__always)
    static func indexOfQuoteOrBreak(in buf: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard to > from, let base = buf.baseAddress else { return to }
        return from + sitmon_find_any3(base + from, to - from, quote, cr, lf)
    }

    /// The content of a quoted field holding quotes (`start..<end`, without the enclosing quotes): `""` is one
    /// quote; a lone quote followed by anything else keeps the quote and drops that character.
    static func unescape(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: max(end - start, 0)) { out, count in
            count = unescape(buf, start, end, into: out)
        }
    }

    /// `unescape` written into `out` (room for `end - start` bytes); returns the number of bytes written.
    static func unescape(
        _ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into out: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        // The text up to each quote copied at once, then the quote, and the character after it skipped.
        guard let source = buf.baseAddress, let target = out.baseAddress else { return 0 }
        var n = 0, i = start
        while i < end {
            let q = index(of: quote, in: buf, from: i, to: end)
            (target + n).update(from: source + i, count: q - i)
            n += q - i
            if q >= end { break }
            target[n] = quote
            n += 1
            i = q + 1 < end ? q + 1 + scalarLength(buf, at: q + 1, end: end) : q + 1
        }
        return n
    }

    /// Bytes of the character at `n` as a UTF-8 decoder reads it: a whole scalar, or the maximal invalid
    /// subpart that becomes one U+FFFD (at least one byte).
    static func scalarLength(_ buf: UnsafeBufferPointer<UInt8>, at n: Int, end: Int) -> Int {
        let b = buf[n]
        if b < 0x80 { return 1 }
        let need: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch b {
        case 0xC2...0xDF: need = 1
        case 0xE0: need = 2; low = 0xA0
        case 0xED: need = 2; high = 0x9F
        case 0xE1...0xEF: need = 2
        case 0xF0: need = 3; low = 0x90
        case 0xF4: need = 3; high = 0x8F
        case 0xF1...0xF3: need = 3
        default: return 1
        }
        var k = 1
        while k <= need {
            guard n + k < end else { return k }
            let c = buf[n + k]
            if k == 1 ? (c < low || c > high) : (c & 0xC0 != 0x80) { return k }
            k += 1
        }
        return need + 1
    }

    /// Line breaks inside a field: CR LF, LF and a lone CR each count one.
    static func lineBreaks<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var n = 0
        var previousCR = false
        for b in bytes {
            if b == lf {
                if !previousCR { n += 1 }
                previousCR = false
            } else if b == cr {
                n += 1
                previousCR = true
            } else {
                previousCR = false
            }
        }
        return n
    }
}
