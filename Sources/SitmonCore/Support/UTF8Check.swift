/// Whether bytes are valid UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), eight ASCII
/// bytes at a time: the import fast path's test of each row (the general path finds the lines holding invalid UTF-8
/// with `CSVInput.invalidUTF8Lines`, which reads as this does) and the import cache's test of a snapshot's text.
package enum UTF8Check {
    /// True when `byte` continues a sequence (10xxxxxx): a text reference must not start or end before one.
    @inline(__always)
    package static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    package static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0) }
    }

    package static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let end = bytes.count
        var i = 0
        // Thirty-two ASCII bytes at a time while they last (a row of an export is mostly ASCII).
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 32 <= end {
                let any =
                    raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                if any & 0x8080_8080_8080_8080 != 0 { break }
                i += 32
            }
        }
        while i < end {
            if i + 8 <= end {
                let word = UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            guard let length = sequenceLength(bytes, at: i) else { return false }
            i += length
        }
        return true
    }

    /// The length of the valid UTF-8 sequence starting with the non-ASCII byte at `i`, or nil when it is not one
    /// (a bad lead or continuation byte, an overlong form, a surrogate, past U+10FFFF or cut by the end).
    @inline(__always)
    package static func sequenceLength<Bytes: RandomAccessCollection<UInt8>>(
        _ bytes: Bytes, at i: Bytes.Index
    ) -> Int? {
        let b = bytes[i]
        let length: Int, minimum: UInt32
        var scalar: UInt32
        switch b {
        case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b & 0x07)
        default: return nil
        }
        guard bytes.distance(from: i, to: bytes.endIndex) >= length else { return nil }
        for k in 1..<length {
            let c = bytes[bytes.index(i, offsetBy: k)]
            if c & 0xC0 != 0x80 { return nil }
            scalar = scalar << 6 | UInt32(c & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return nil }
        return length
    }
}
