/// Bytes written through a pointer into memory of its own, grown when a write needs more room: the CSV row writer
/// puts rows together here and appends them to its block in one copy. Appending to an `[UInt8]` a byte at a time
/// checked the array's capacity and uniqueness for every byte (a third of a 67,510-row export's time:
/// docs/benchmarks.md, session 11). A plain value holding a pointer: its owner calls `free()` once, and never copies
/// it.
struct RowBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    /// Gives the memory back; the buffer is not used again.
    func free() { base.deallocate() }

    /// The bytes written.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    mutating func removeAll() { count = 0 }

    /// Makes room for `n` more bytes, which `put` then writes without a check.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if n > capacity - count { grow(n) }
    }

    @inline(never)
    private mutating func grow(_ n: Int) {
        let larger = max(capacity * 2, count + n)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    /// Writes a byte into room already reserved.
    @inline(__always)
    mutating func put(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Writes bytes into room already reserved.
    @inline(__always)
    mutating func put(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let start = buffer.baseAddress else { return }
        (base + count).update(from: start, count: buffer.count)
        count += buffer.count
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        put(byte)
    }

    @inline(__always)
    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        reserve(buffer.count)
        put(buffer)
    }

    /// Appends the UTF-8 of `text`.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends a whole number ≥ 0 in decimal, with zeros in front up to `width` digits, as
    /// `ByteWriter.appendPadded` writes it.
    @inline(__always)
    mutating func appendPadded(_ value: Int, width: Int) {
        var n = UInt64(max(value, 0)), digits = 1
        var power: UInt64 = 10
        while digits < 20 && n >= power {
            digits += 1
            power = power &* 10
        }
        let length = max(width, digits)
        reserve(length)
        var k = count + length
        count = k
        repeat {
            k -= 1
            base[k] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: n % 10)
            n /= 10
        } while k > count - length
    }

    /// Appends a whole number in decimal, as `String(value)` writes it.
    mutating func appendDecimal(_ value: Int) {
        guard value < 0 else {
            appendPadded(value, width: 1)
            return
        }
        append(UInt8(ascii: "-"))
        if value == Int.min {
            append(String(value).dropFirst().description)
        } else {
            appendPadded(-value, width: 1)
        }
    }

    /// Appends a coordinate held as millionths of a degree (`CoordinateColumn`) as `String(Double)` writes its
    /// value: the decimal with its trailing zeros dropped (`-5.418`, `12.0`). That decimal is the shortest that reads
    /// back the same `Double` (any other of at most six places is at least 10⁻⁶ away, a billion times the spacing
    /// of doubles below 360), so it is the one `String` writes; a value below 0.001, which `String` may write with
    /// an exponent, goes through `String`.
    mutating func appendMillionths(_ millionths: Int32) {
        guard millionths <= -1000 || millionths >= 1000 else {
            append(String(CoordinateColumn.value(millionths)))
            return
        }
        var m = Int(millionths)
        reserve(1)
        if m < 0 {
            put(UInt8(ascii: "-"))
            m = -m
        }
        appendPadded(m / 1_000_000, width: 1)
        append(UInt8(ascii: "."))
        var fraction = m % 1_000_000, places = 6
        if fraction == 0 {
            append(UInt8(ascii: "0"))
            return
        }
        while fraction % 10 == 0 {
            fraction /= 10
            places -= 1
        }
        appendPadded(fraction, width: places)
    }

    /// Whether `n` bytes at `start` hold `,` `"` or `;` (a field to quote), and whether they hold a byte below
    /// 0x20, DEL, or a lead byte of a C1 or bidi control (0xC2, 0xD8, 0xE2: a field to look at again). Eight bytes
    /// at a time, in the bits of a word (a byte at a time, this was a fifth of the export's time).
    @inline(__always)
    static func classify(_ start: UnsafePointer<UInt8>, _ n: Int) -> (quote: Bool, special: Bool) {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        /// The high bit of each byte below `limit` (≤ 0x80) is set in the result, or of a byte above one that is;
        /// the result is 0 exactly when no byte is below `limit`.
        @inline(__always) func below(_ x: UInt64, _ limit: UInt64) -> UInt64 { (x &- ones &* limit) & ~x & highs }
        @inline(__always) func equal(_ x: UInt64, _ byte: UInt64) -> UInt64 { below(x ^ (ones &* byte), 1) }
        guard n >= 8 else {
            var quote = false, special = false
            for k in 0..<n {
                let b = start[k]
                if b == 0x2C || b == 0x22 || b == 0x3B { quote = true }
                if b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xD8 || b == 0xE2 { special = true }
            }
            return (quote, special)
        }
        let raw = UnsafeRawPointer(start)
        var quotes: UInt64 = 0, specials: UInt64 = 0
        var k = 0
        while k < n {
            // The last word overlaps the one before it when `n` is not a multiple of 8.
            let x = raw.loadUnaligned(fromByteOffset: min(k, n - 8), as: UInt64.self)
            quotes |= equal(x, 0x2C) | equal(x, 0x22) | equal(x, 0x3B)
            specials |= below(x, 0x20) | equal(x, 0x7F)
            if x & highs != 0 { specials |= equal(x, 0xC2) | equal(x, 0xD8) | equal(x, 0xE2) }
            k += 8
        }
        return (quotes != 0, specials != 0)
    }

    /// Appends one CSV field with the bytes `ByteWriter.appendCSVField(_:)` writes for the same text (a text field:
    /// formula starts neutralised). Plain text is looked at eight bytes at a time (`classify`); a field with a
    /// byte that may start a control (or a tab or line break) is scanned again byte by byte, and one with a control,
    /// or starting with a space or a non-ASCII character, is written by `ByteWriter`.
    mutating func appendCSVField(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let start = utf8.baseAddress, !utf8.isEmpty else { return }
        let n = utf8.count
        let classes = Self.classify(start, n)
        var quote = classes.quote
        let first = start[0]
        if classes.special || first == 0x20 || first >= 0x80 {
            let (anyQuote, controls) = ByteWriter.scanCSV(utf8)
            if controls || first == 0x20 || first >= 0x80 {
                var field = ByteWriter(capacity: n * 3 + 8)
                field.appendCSVField(utf8)
                field.bytes.withUnsafeBufferPointer { append($0) }
                return
            }
            quote = anyQuote
        }
        let formula =
            first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0A || first == 0x0D
        guard quote else {
            reserve(n + 1)
            if formula { put(UInt8(ascii: "'")) }
            put(utf8)
            return
        }
        reserve(2 * n + 3)
        var p = base + count
        p.pointee = UInt8(ascii: "\"")
        p += 1
        if formula {
            p.pointee = UInt8(ascii: "'")
            p += 1
        }
        for k in 0..<n {
            let b = start[k]
            p.pointee = b
            p += 1
            if b == UInt8(ascii: "\"") {
                p.pointee = b
                p += 1
            }
        }
        p.pointee = UInt8(ascii: "\"")
        p += 1
        count = p - base
    }
}
