/// A reference to UTF-8 text held in a `TextStorage`: offset and length. `TextRef.none` means absent.
public struct TextRef: Sendable, Hashable {
    public var offset: UInt32
    public var length: UInt32

    public init(offset: UInt32, length: UInt32) {
        self.offset = offset
        self.length = length
    }

    public static let none = TextRef(offset: UInt32.max, length: 0)
    public var isNone: Bool { offset == UInt32.max }
}

/// One contiguous arena of UTF-8 bytes for the text of a million records: no per-string allocation.
/// The loader fills it in place from the file's own bytes (see `JSONReader`), so text costs no second copy.
public struct TextStorage: Sendable {
    public private(set) var bytes: [UInt8]

    public init(capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Adopts bytes that already hold the text (the loader's compacted buffer).
    init(adopting bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Appends text and returns its reference.
    public mutating func append(_ text: String) -> TextRef {
        let offset = UInt32(truncatingIfNeeded: bytes.count)
        bytes.append(contentsOf: text.utf8)
        return TextRef(offset: offset, length: UInt32(truncatingIfNeeded: bytes.count) - offset)
    }

    /// Appends UTF-8 bytes (already validated by the caller) and returns their reference.
    package mutating func append(bytes text: UnsafeBufferPointer<UInt8>) -> TextRef {
        let offset = UInt32(truncatingIfNeeded: bytes.count)
        bytes.append(contentsOf: text)
        return TextRef(offset: offset, length: UInt32(truncatingIfNeeded: text.count))
    }

    /// Reserves room for `n` bytes in all.
    package mutating func reserve(_ n: Int) { bytes.reserveCapacity(n) }

    /// Appends another arena's bytes; returns the offset they start at (the shift for `other`'s references).
    package mutating func append(contentsOf other: TextStorage) -> UInt32 {
        let shift = UInt32(truncatingIfNeeded: bytes.count)
        bytes.append(contentsOf: other.bytes)
        return shift
    }

    /// Moves another arena's bytes to the end of this one (emptying `other`); returns the offset they start at.
    /// They are copied a few megabytes at a time, and the pages of `other` copied so far are given back at once,
    /// so that the two arenas (tens of megabytes each at a million records) are never held whole together.
    package mutating func append(draining other: inout TextStorage) -> UInt32 {
        let shift = UInt32(truncatingIfNeeded: bytes.count)
        var source = other.bytes
        other = TextStorage()
        let step = 4 << 20
        source.withUnsafeMutableBufferPointer { source in
            var from = 0
            while from < source.count {
                let to = min(from + step, source.count)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[from..<to]))
                if let base = source.baseAddress {
                    PageRelease.release(UnsafeMutableRawPointer(base + from), to - from)
                }
                from = to
            }
        }
        return shift
    }

    /// Appends optional text; `nil` gives `TextRef.none`.
    public mutating func append(optional text: String?) -> TextRef {
        guard let text else { return .none }
        return append(text)
    }

    /// The text behind a reference ("" for `.none`). Invalid UTF-8 cannot occur: the loader validates it.
    public func string(_ ref: TextRef) -> String {
        guard !ref.isNone, ref.length > 0 else { return "" }
        let start = Int(ref.offset), end = start + Int(ref.length)
        guard end <= bytes.count else { return "" }
        return bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
        }
    }

    /// The text behind a reference, or nil for `.none`.
    public func optionalString(_ ref: TextRef) -> String? {
        ref.isNone ? nil : string(ref)
    }

    /// Calls `body` with the raw bytes of a reference.
    public func withBytes<R>(_ ref: TextRef, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { buffer in
            guard !ref.isNone, Int(ref.offset) + Int(ref.length) <= buffer.count else {
                return body(UnsafeBufferPointer(start: nil, count: 0))
            }
            return body(UnsafeBufferPointer(rebasing: buffer[Int(ref.offset)..<(Int(ref.offset) + Int(ref.length))]))
        }
    }

    /// Releases spare capacity.
    public mutating func shrink() {
        if bytes.capacity > bytes.count + 4096 { bytes = Array(bytes) }
    }
}
