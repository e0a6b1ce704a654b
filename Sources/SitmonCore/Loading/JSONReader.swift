#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A malformed JSON document: the byte offset where reading stopped and what was wrong.
struct JSONSyntaxError: Error {
    var offset: Int
    var message: String
}

/// What the next JSON value is.
enum JSONValueKind: Sendable {
    case object, array, string, number, bool, null

    var name: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }
}

/// A run of bytes inside the reader's buffer.
struct ByteSpan {
    var start: Int
    var count: Int
}

/// A pull parser over a mutable byte buffer, written for speed on datasets of a million records
/// (several times faster than Foundation's JSONDecoder; docs/architecture.md and docs/benchmarks.md give the figures).
///
/// Strings are decoded *in place*: a string the caller keeps is moved down to `writeCursor`, which never passes
/// the read position, so the buffer ends up holding the kept text back to back and doubles as the text arena.
/// Limits keep hostile input bounded: nesting depth, and UTF-8 is validated.
struct JSONReader {
    let base: UnsafeMutablePointer<UInt8>
    /// How many bytes may be read: the buffer's size, or what has been read so far of a streamed file.
    private(set) var count: Int
    private(set) var position = 0
    /// End of the kept text; everything before it is kept string bytes.
    private(set) var writeCursor = 0
    /// Whether each open object or array needs a comma before its next member: a bit per level for the first
    /// 64 levels (no array to check for uniqueness on every token), an array beyond (hostile nesting only).
    private var openCount = 0
    private var commaBits: UInt64 = 0
    private var deepCommas: [Bool] = []
    /// Where the last key read by `nextKey` starts in the file (its opening quote).
    private(set) var lastKeyOffset = 0
    static let maxDepth = 512

    init(base: UnsafeMutablePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
        // A UTF-8 byte-order mark is accepted and skipped.
        if count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { position = 3 }
    }

    var depth: Int { openCount }

    /// Whether the innermost open object or array needs a comma (`openCount` > 0).
    private var topNeedsComma: Bool {
        @inline(__always) get {
            let level = openCount - 1
            return level < 64 ? commaBits & (1 << UInt64(level)) != 0 : deepCommas[level - 64]
        }
        @inline(__always) set {
            let level = openCount - 1
            if level < 64 {
                if newValue { commaBits |= 1 << UInt64(level) } else { commaBits &= ~(1 << UInt64(level)) }
            } else {
                deepCommas[level - 64] = newValue
            }
        }
    }

    private mutating func pop() {
        if openCount > 64 { deepCommas.removeLast() }
        openCount -= 1
    }

    /// Raises the limit when more of a streamed file is in the buffer (see `StreamingInput`).
    mutating func setLimit(_ limit: Int) {
        if limit > count { count = limit }
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? position, message: message)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < count {
            let c = base[position]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { position += 1 } else { return }
        }
    }

    /// Where the next value starts (after whitespace).
    mutating func valueOffset() -> Int {
        skipWhitespace()
        return position
    }

    /// The kind of the next value. Inline (about a dozen values a record are peeked at); only the error is not.
    @inline(__always)
    mutating func peek() throws(JSONSyntaxError) -> JSONValueKind {
        skipWhitespace()
        if position < count {
            switch base[position] {
            case UInt8(ascii: "\""): return .string
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
            case UInt8(ascii: "{"): return .object
            case UInt8(ascii: "["): return .array
            case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
            case UInt8(ascii: "n"): return .null
            default: break
            }
        }
        throw noValueError()
    }

    /// Why no value starts at the position.
    private func noValueError() -> JSONSyntaxError {
        guard position < count else { return error("unexpected end of file, expected a value") }
        return error("unexpected \(describeByte(base[position])), expected a value")
    }

    func describeByte(_ c: UInt8) -> String {
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x" + String(c, radix: 16)
    }

    mutating func expectByte(_ c: UInt8, _ what: String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard position < count else { throw error("unexpected end of file, expected \(what)") }
        guard base[position] == c else { throw error("unexpected \(describeByte(base[position])), expected \(what)") }
        position += 1
    }

    mutating func push() throws(JSONSyntaxError) {
        guard openCount < JSONReader.maxDepth else {
            throw error("nesting deeper than \(JSONReader.maxDepth) levels")
        }
        openCount += 1
        if openCount > 64 { deepCommas.append(false) } else { topNeedsComma = false }
    }

    /// Consumes `{`.
    mutating func beginObject() throws(JSONSyntaxError) {
        try expectByte(UInt8(ascii: "{"), "'{'")
        try push()
    }

    /// The next member's key (a transient span, valid until the next string is read), or nil after `}`.
    @inline(__always)
    mutating func nextKey() throws(JSONSyntaxError) -> ByteSpan? {
        if let key = nextShortKey() { return key }
        return try nextKeyInGeneral()
    }

    /// `nextKey` for the common case, or nil (nothing consumed) for `nextKeyInGeneral` to read: the comma when one
    /// is due, one space at most, then a quoted key of at most 15 plain bytes (found with two eight-byte loads, no
    /// loop) and its colon right after it. A record has about fifteen keys: they took an eighth of a load's time
    /// read with the general string scan and `expectByte`.
    @inline(__always)
    private mutating func nextShortKey() -> ByteSpan? {
        var p = position
        guard p &+ 20 <= count, openCount > 0, openCount <= 64 else { return nil }
        if topNeedsComma {
            guard base[p] == UInt8(ascii: ",") else { return nil }
            p += 1
            if base[p] == UInt8(ascii: " ") { p += 1 }
        }
        guard base[p] == UInt8(ascii: "\"") else { return nil }
        let start = p + 1
        var length: Int
        let stops = JSONReader.plainStringStops(word(at: start))
        if stops != 0 {
            length = stops.trailingZeroBitCount >> 3
        } else {
            let more = JSONReader.plainStringStops(word(at: start + 8))
            guard more != 0 else { return nil }
            length = 8 + more.trailingZeroBitCount >> 3
        }
        let close = start + length
        guard base[close] == UInt8(ascii: "\""), base[close + 1] == UInt8(ascii: ":") else { return nil }
        lastKeyOffset = p
        position = close + 2
        topNeedsComma = true
        return ByteSpan(start: start, count: length)
    }

    /// The eight bytes at `offset` as a little-endian word (the caller checks that they are readable).
    @inline(__always)
    func word(at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
    }

    /// `nextKey` for any key, with whitespace anywhere, and every error.
    mutating func nextKeyInGeneral() throws(JSONSyntaxError) -> ByteSpan? {
        skipWhitespace()
        guard position < count else { throw error("unexpected end of file inside an object") }
        if base[position] == UInt8(ascii: "}") {
            guard openCount > 0 else { throw error("unbalanced '}'") }
            position += 1
            pop()
            return nil
        }
        guard openCount > 0 else { throw error("unexpected key outside an object") }
        if topNeedsComma {
            try expectByte(UInt8(ascii: ","), "',' or '}'")
            skipWhitespace()
        }
        guard position < count, base[position] == UInt8(ascii: "\"") else {
            if position >= count { throw error("unexpected end of file, expected a key") }
            throw error("unexpected \(describeByte(base[position])), expected a quoted key")
        }
        lastKeyOffset = position
        let key = try readString(keep: false)
        try expectByte(UInt8(ascii: ":"), "':' after a key")
        topNeedsComma = true
        return key
    }

    /// Consumes `[`.
    mutating func beginArray() throws(JSONSyntaxError) {
        try expectByte(UInt8(ascii: "["), "'['")
        try push()
    }

    /// Starts reading in the middle of an array whose `[` is not in this buffer: the next element comes first, with
    /// no comma before it (the second thread of a split load starts on a record).
    mutating func resumeInsideArray() throws(JSONSyntaxError) {
        try push()
    }

    /// Another reader parsed the rest of the innermost array up to and including its `]`, and its kept text now
    /// follows ours: reading goes on at `position` with the kept text ending at `keptEnd`.
    mutating func skipClosedArray(to position: Int, keptEnd: Int) {
        precondition(keptEnd <= position && position <= count && openCount > 0)
        self.position = position
        writeCursor = keptEnd
        pop()
    }

    /// True when another element follows; false after `]`.
    mutating func nextElement() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard position < count else { throw error("unexpected end of file inside an array") }
        guard openCount > 0 else { throw error("unexpected element outside an array") }
        if base[position] == UInt8(ascii: "]") {
            position += 1
            pop()
            return false
        }
        if topNeedsComma {
            try expectByte(UInt8(ascii: ","), "',' or ']'")
        } else {
            topNeedsComma = true
        }
        return true
    }

    /// Reads a string. With `keep`, its decoded bytes are moved to the kept text and stay valid;
    /// otherwise the span is valid only until the next string is read.
    mutating func readString(keep: Bool) throws(JSONSyntaxError) -> ByteSpan {
        skipWhitespace()
        guard position < count, base[position] == UInt8(ascii: "\"") else {
            throw error(position < count ? "expected a string" : "unexpected end of file, expected a string")
        }
        let open = position
        position += 1
        let start = position
        position = plainRunEnd(from: position)
        if position < count && base[position] == UInt8(ascii: "\"") {
            let length = position - start
            position += 1
            if !keep { return ByteSpan(start: start, count: length) }
            let destination = writeCursor
            if destination != start { moveBytes(to: destination, from: start, count: length) }
            writeCursor += length
            return ByteSpan(start: destination, count: length)
        }
        // Slow path: escapes and UTF-8, decoded to the destination as we go.
        let destination = writeCursor
        var out = destination
        if position > start {
            moveBytes(to: out, from: start, count: position - start)
            out += position - start
        }
        while true {
            guard position < count else { throw error("unexpected end of file inside a string", at: open) }
            let c = base[position]
            if c == UInt8(ascii: "\"") {
                position += 1
                break
            } else if c == UInt8(ascii: "\\") {
                position += 1
                guard position < count else { throw error("unexpected end of file inside a string", at: open) }
                let e = base[position]
                position += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): base[out] = e; out += 1
                case UInt8(ascii: "b"): base[out] = 0x08; out += 1
                case UInt8(ascii: "f"): base[out] = 0x0C; out += 1
                case UInt8(ascii: "n"): base[out] = 0x0A; out += 1
                case UInt8(ascii: "r"): base[out] = 0x0D; out += 1
                case UInt8(ascii: "t"): base[out] = 0x09; out += 1
                case UInt8(ascii: "u"):
                    var scalar = try readHex4()
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        // A high surrogate must be followed by \u and a low surrogate.
                        if position + 1 < count && base[position] == UInt8(ascii: "\\")
                            && base[position + 1] == UInt8(ascii: "u")
                        {
                            let save = position
                            position += 2
                            let low = try readHex4()
                            if low >= 0xDC00 && low < 0xE000 {
                                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                position = save
                                scalar = 0xFFFD
                            }
                        } else {
                            scalar = 0xFFFD
                        }
                    } else if scalar >= 0xDC00 && scalar < 0xE000 {
                        scalar = 0xFFFD  // a lone low surrogate
                    }
                    out = encodeUTF8(scalar, at: out)
                default:
                    let shown =
                        e >= 0x21 && e < 0x7F
                        ? "'\\\(Character(Unicode.Scalar(e)))'"
                        : "'\\' followed by byte 0x" + String(e, radix: 16)
                    throw error("invalid escape \(shown) in a string", at: position - 2)
                }
            } else if c < 0x20 {
                throw error("control character 0x\(String(c, radix: 16)) inside a string (it must be escaped)")
            } else if c < 0x80 {
                // A run of plain ASCII (after an escape or a non-ASCII character: accented place names are common in
                // summaries), found eight bytes at a time as in the fast scan and moved at once.
                let run = position
                position += 1
                position = plainRunEnd(from: position)
                let length = position - run
                if out != run { moveBytes(to: out, from: run, count: length) }
                out += length
            } else {
                let length = try validateUTF8Sequence()
                for k in 0..<length { base[out + k] = base[position + k] }
                out += length
                position += length
            }
        }
        if keep { writeCursor = out }
        return ByteSpan(start: destination, count: out - destination)
    }

    /// Where the run of plain string bytes starting at `from` ends (the first quote, backslash, control character,
    /// non-ASCII byte or the end of the readable bytes): eight bytes at a time while eight remain, then byte by byte.
    @inline(__always)
    func plainRunEnd(from: Int) -> Int {
        var p = from
        while p &+ 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
            let stop = JSONReader.plainStringStops(word)
            if stop != 0 { return p + stop.trailingZeroBitCount >> 3 }
            p += 8
        }
        while p < count {
            let c = base[p]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 || c >= 0x80 { break }
            p += 1
        }
        return p
    }

    /// A mask with the high bit set in each byte of `word` (little-endian) that ends a plain string run:
    /// a quote, a backslash, a control character or a non-ASCII byte. Bits above the lowest set one may be
    /// spurious (borrows), so only `trailingZeroBitCount` is meaningful.
    @inline(__always)
    static func plainStringStops(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let quoteZero = (quote &- ones) & ~quote
        let backslashZero = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (quoteZero | backslashZero | control | word) & highs
    }

    /// Moves bytes down the buffer (the regions may overlap).
    @inline(__always)
    private func moveBytes(to destination: Int, from source: Int, count: Int) {
        _ = memmove(base + destination, base + source, count)
    }

    private mutating func readHex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= count else { throw error("unexpected end of file in a \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = base[position]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in a \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private func encodeUTF8(_ scalar: UInt32, at out: Int) -> Int {
        switch scalar {
        case 0..<0x80:
            base[out] = UInt8(scalar)
            return out + 1
        case 0x80..<0x800:
            base[out] = UInt8(0xC0 | (scalar >> 6))
            base[out + 1] = UInt8(0x80 | (scalar & 0x3F))
            return out + 2
        case 0x800..<0x10000:
            base[out] = UInt8(0xE0 | (scalar >> 12))
            base[out + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            base[out + 2] = UInt8(0x80 | (scalar & 0x3F))
            return out + 3
        default:
            base[out] = UInt8(0xF0 | (scalar >> 18))
            base[out + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            base[out + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            base[out + 3] = UInt8(0x80 | (scalar & 0x3F))
            return out + 4
        }
    }

    /// Validates the multi-byte UTF-8 sequence at `position` and returns its length.
    private func validateUTF8Sequence() throws(JSONSyntaxError) -> Int {
        let c0 = base[position]
        func continuation(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            position + k < count && base[position + k] >= low && base[position + k] <= high
        }
        switch c0 {
        case 0xC2...0xDF:
            if continuation(1) { return 2 }
        case 0xE0:
            if continuation(1, 0xA0) && continuation(2) { return 3 }
        case 0xE1...0xEC, 0xEE...0xEF:
            if continuation(1) && continuation(2) { return 3 }
        case 0xED:
            if continuation(1, 0x80, 0x9F) && continuation(2) { return 3 }
        case 0xF0:
            if continuation(1, 0x90) && continuation(2) && continuation(3) { return 4 }
        case 0xF1...0xF3:
            if continuation(1) && continuation(2) && continuation(3) { return 4 }
        case 0xF4:
            if continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) { return 4 }
        default:
            break
        }
        throw error("invalid UTF-8 (byte 0x\(String(c0, radix: 16)))")
    }

    private static let exactPowers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]

    /// The bytes from `start` to the position, as written in the file (a number just read, for messages: a
    /// Double prints 2^53−1 as 9007199254740992.0). Cut at 40 characters.
    func textRead(from start: Int) -> String {
        guard start >= 0, start < position else { return "" }
        let end = min(position, start + 40)
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
        return end < position ? text + "…" : text
    }

    /// Reads a number per the JSON grammar. Infinite results (1e999) are refused.
    mutating func readNumber() throws(JSONSyntaxError) -> Double {
        skipWhitespace()
        let start = position
        var negative = false
        if position < count && base[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        let intStart = position
        while position < count, base[position] >= 0x30, base[position] <= 0x39 {
            if digits == 0 && base[position] == 0x30 {
                // a leading zero adds nothing
            } else if digits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(base[position] - 0x30)
                digits += 1
            } else {
                exponent += 1
            }
            position += 1
        }
        guard position > intStart else { throw error("invalid number", at: start) }
        if position - intStart > 1 && base[intStart] == 0x30 { throw error("invalid number (leading zero)", at: start) }
        if position < count && base[position] == UInt8(ascii: ".") {
            position += 1
            let fracStart = position
            while position < count, base[position] >= 0x30, base[position] <= 0x39 {
                if digits == 0 && base[position] == 0x30 {
                    exponent -= 1  // leading zeros of a fraction do not use up significant digits
                } else if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(base[position] - 0x30)
                    digits += 1
                    exponent -= 1
                }
                position += 1
            }
            guard position > fracStart else { throw error("invalid number (no digit after '.')", at: start) }
        }
        if position < count && (base[position] == UInt8(ascii: "e") || base[position] == UInt8(ascii: "E")) {
            position += 1
            var expNegative = false
            if position < count && (base[position] == UInt8(ascii: "+") || base[position] == UInt8(ascii: "-")) {
                expNegative = base[position] == UInt8(ascii: "-")
                position += 1
            }
            let expStart = position
            var e = 0
            while position < count, base[position] >= 0x30, base[position] <= 0x39 {
                if e < 100_000 { e = e * 10 + Int(base[position] - 0x30) }
                position += 1
            }
            guard position > expStart else { throw error("invalid number (no digit in the exponent)", at: start) }
            exponent += expNegative ? -e : e
        }
        var value: Double
        if mantissa < (1 << 53) && exponent >= -22 && exponent <= 22 {
            value = Double(mantissa)
            value = exponent < 0 ? value / JSONReader.exactPowers[-exponent] : value * JSONReader.exactPowers[exponent]
        } else {
            let text = String(
                decoding: UnsafeBufferPointer(start: base + start, count: position - start), as: UTF8.self)
            guard let parsed = Double(text) else { throw error("invalid number", at: start) }
            value = abs(parsed)
        }
        guard value.isFinite else { throw error("number out of range", at: start) }
        return negative ? -value : value
    }

    /// Reads `true` or `false`.
    mutating func readBool() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        if matchLiteral("true") { return true }
        if matchLiteral("false") { return false }
        throw error("invalid literal, expected true or false")
    }

    /// Consumes `null`; anything else starting with `n` is an invalid literal.
    mutating func readNull() throws(JSONSyntaxError) {
        guard readNullIfPresent() else { throw error("invalid literal, expected null") }
    }

    /// Consumes `null` if it comes next.
    mutating func readNullIfPresent() -> Bool {
        skipWhitespace()
        return matchLiteral("null")
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard position + n <= count else { return false }
        let bytes = literal.utf8Start
        for k in 0..<n where base[position + k] != bytes[k] { return false }
        position += n
        return true
    }

    /// Skips one whole value of any kind.
    mutating func skipValue() throws(JSONSyntaxError) {
        switch try peek() {
        case .object:
            try beginObject()
            while try nextKey() != nil { try skipValue() }
        case .array:
            try beginArray()
            while try nextElement() { try skipValue() }
        case .string: _ = try readString(keep: false)
        case .number: _ = try readNumber()
        case .bool: _ = try readBool()
        case .null:
            guard readNullIfPresent() else { throw error("invalid literal, expected null") }
        }
    }

    /// Requires only whitespace after the top-level value.
    mutating func finish() throws(JSONSyntaxError) {
        skipWhitespace()
        if position < count { throw error("unexpected \(describeByte(base[position])) after the end of the document") }
    }

    /// True when the span's bytes equal `literal`.
    @inline(__always)
    func span(_ span: ByteSpan, equals literal: StaticString) -> Bool {
        guard span.count == literal.utf8CodeUnitCount else { return false }
        let bytes = literal.utf8Start
        for k in 0..<span.count where base[span.start + k] != bytes[k] { return false }
        return true
    }

    /// A span's bytes as a buffer.
    func bytes(_ span: ByteSpan) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + span.start, count: span.count)
    }

    /// A span's text.
    func string(_ span: ByteSpan) -> String {
        String(decoding: bytes(span), as: UTF8.self)
    }
}
