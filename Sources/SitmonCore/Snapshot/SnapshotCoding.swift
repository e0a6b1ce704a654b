/// Writes the small parts of a snapshot (tables, metadata, extras, an import report) as little-endian numbers and
/// length-prefixed UTF-8 strings.
public struct SnapshotEncoder: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func u8(_ value: UInt8) { bytes.append(value) }
    public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
    public mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
    public mutating func i32(_ value: Int32) { u32(UInt32(bitPattern: value)) }
    public mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
    public mutating func i64(_ value: Int64) { u64(UInt64(bitPattern: value)) }
    public mutating func int(_ value: Int) { i64(Int64(value)) }
    public mutating func f64(_ value: Double) { u64(value.bitPattern) }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            u32(UInt32(truncatingIfNeeded: utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    public mutating func optionalInt(_ value: Int?) {
        bool(value != nil)
        if let value { int(value) }
    }

    public mutating func strings(_ values: [String]) {
        u32(UInt32(truncatingIfNeeded: values.count))
        for value in values { string(value) }
    }

    public mutating func indexes(_ values: [Int32]) {
        u32(UInt32(truncatingIfNeeded: values.count))
        for value in values { i32(value) }
    }

    public mutating func optionalIndex(_ value: Int32?) { i32(value ?? -1) }

    public mutating func date(_ value: PartialDate?) {
        guard let value else { return u8(0xFF) }
        u8(value.precision.rawValue)
        i32(value.day)
    }

    public mutating func vocabulary<V: Vocabulary>(_ value: V) { string(value.rawValue) }
}

/// Reads what `SnapshotEncoder` wrote, checking every length against what is left: a short or malformed section
/// throws, never reads past its end.
public struct SnapshotDecoder {
    private let bytes: [UInt8]
    private var position = 0
    /// What the section is, for messages.
    let section: String

    public init(_ bytes: [UInt8], section: String) {
        self.bytes = bytes
        self.section = section
    }

    public var isAtEnd: Bool { position == bytes.count }

    public func fail(_ message: String) -> SnapshotError { SnapshotError("section \(section): \(message)") }

    private mutating func take(_ n: Int) throws(SnapshotError) -> Int {
        guard n >= 0, n <= bytes.count - position else { throw fail("ends early (offset \(position))") }
        defer { position += n }
        return position
    }

    public mutating func u8() throws(SnapshotError) -> UInt8 { bytes[try take(1)] }

    public mutating func bool() throws(SnapshotError) -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        default: throw fail("a flag that is neither 0 nor 1")
        }
    }

    public mutating func u32() throws(SnapshotError) -> UInt32 {
        let at = try take(4)
        var value: UInt32 = 0
        for k in 0..<4 { value |= UInt32(bytes[at + k]) << (8 * UInt32(k)) }
        return value
    }

    public mutating func i32() throws(SnapshotError) -> Int32 { Int32(bitPattern: try u32()) }

    public mutating func u64() throws(SnapshotError) -> UInt64 {
        let at = try take(8)
        var value: UInt64 = 0
        for k in 0..<8 { value |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
        return value
    }

    public mutating func i64() throws(SnapshotError) -> Int64 { Int64(bitPattern: try u64()) }
    public mutating func int() throws(SnapshotError) -> Int { Int(try i64()) }
    public mutating func f64() throws(SnapshotError) -> Double { Double(bitPattern: try u64()) }

    /// A count of items that take at least `minimumSize` bytes each: never more than what is left can hold.
    public mutating func count(minimumSize: Int = 1) throws(SnapshotError) -> Int {
        let n = Int(try u32())
        guard n <= (bytes.count - position) / max(1, minimumSize) else { throw fail("a count of \(n) is too large") }
        return n
    }

    public mutating func string() throws(SnapshotError) -> String {
        let n = Int(try u32())
        let at = try take(n)
        guard
            let text = bytes.withUnsafeBufferPointer({
                String(validating: UnsafeBufferPointer(rebasing: $0[at..<(at + n)]), as: UTF8.self)
            })
        else { throw fail("invalid UTF-8 at offset \(at)") }
        return text
    }

    public mutating func optionalString() throws(SnapshotError) -> String? {
        try bool() ? try string() : nil
    }

    public mutating func optionalInt() throws(SnapshotError) -> Int? {
        try bool() ? try int() : nil
    }

    public mutating func strings() throws(SnapshotError) -> [String] {
        let n = try count(minimumSize: 4)
        var values: [String] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try string()) }
        return values
    }

    /// Indexes into a table of `limit` items.
    public mutating func indexes(below limit: Int) throws(SnapshotError) -> [Int32] {
        let n = try count(minimumSize: 4)
        var values: [Int32] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try index(below: limit)) }
        return values
    }

    public mutating func index(below limit: Int) throws(SnapshotError) -> Int32 {
        let value = try i32()
        guard value >= 0, Int(value) < limit else { throw fail("index \(value) outside 0..<\(limit)") }
        return value
    }

    public mutating func optionalIndex(below limit: Int) throws(SnapshotError) -> Int32? {
        let value = try i32()
        if value == -1 { return nil }
        guard value >= 0, Int(value) < limit else { throw fail("index \(value) outside 0..<\(limit)") }
        return value
    }

    public mutating func date() throws(SnapshotError) -> PartialDate? {
        let precision = try u8()
        if precision == 0xFF { return nil }
        guard let p = DatePrecision(rawValue: precision) else { throw fail("a date precision of \(precision)") }
        let day = try i32()
        guard DatasetSnapshot.dayRange.contains(day) else { throw fail("a day number \(day) outside years 1–9999") }
        return PartialDate(day: day, precision: p)
    }

    public mutating func vocabulary<V: Vocabulary>(_ type: V.Type) throws(SnapshotError) -> V {
        let raw = try string()
        guard let value = V(rawValue: raw) else { throw fail("an unknown \(V.vocabularyName)") }
        return value
    }
}

/// Why a snapshot was not used: the reader never crashes on a bad file, it says what is wrong and the caller
/// imports the CSV again.
public struct SnapshotError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
