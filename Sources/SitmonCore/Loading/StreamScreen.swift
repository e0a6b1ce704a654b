/// Watches bytes as they are read from a stream of unknown length (standard input, a pipe), to stop at the first
/// byte that proves the stream is not what is expected, rather than after reading all of it (`/dev/zero` and
/// `/dev/urandom` never end).
public protocol StreamScreen {
    /// Looks at the next bytes, `offset` being where `chunk` starts in the stream; returns where to stop, if the
    /// stream must stop.
    mutating func scan(_ chunk: UnsafeBufferPointer<UInt8>, at offset: Int) -> StreamStop?
}

/// Where a stream stopped and why. Without a message, the bytes up to and including `offset` are handed to the
/// parser, which reports the problem there as for a file; with one, that message is the error.
public struct StreamStop: Sendable, Equatable {
    public var offset: Int
    /// The JSON path or CSV place the message is about ("$", "header"), or "".
    public var path: String
    public var message: String?

    public init(offset: Int, path: String = "", message: String? = nil) {
        self.offset = offset
        self.path = path
        self.message = message
    }
}

/// Screens nothing.
public struct NoScreen: StreamScreen {
    public init() {}
    public func scan(_ chunk: UnsafeBufferPointer<UInt8>, at offset: Int) -> StreamStop? { nil }
}

/// The bytes a sitmon dataset (a JSON object) can never hold, found as they arrive: a first value that is not an
/// object, a control byte (NUL), a byte that is not valid UTF-8, nesting deeper than the parser allows. The
/// rules are those of `JSONReader`, so the parser, given the bytes up to the stop, reports the same problem at the
/// same place as for a file.
public struct JSONStreamScreen: StreamScreen {
    private var started = false
    private var inString = false
    private var escaped = false
    private var depth = 0
    /// The multi-byte UTF-8 character being read.
    private var utf8 = UTF8Sequence()
    /// Bytes of a leading byte-order mark seen so far.
    private var bomSeen = 0

    public init() {}

    public mutating func scan(_ chunk: UnsafeBufferPointer<UInt8>, at offset: Int) -> StreamStop? {
        for (k, c) in chunk.enumerated() {
            let at = offset + k
            if !started {
                if at == bomSeen && bomSeen < 3 && c == [0xEF, 0xBB, 0xBF][bomSeen] { bomSeen += 1; continue }
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { continue }
                started = true
                let found: String?
                switch c {
                case UInt8(ascii: "{"): found = nil
                case UInt8(ascii: "["): found = "an array"
                case UInt8(ascii: "\""): found = "a string"
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): found = "a number"
                case UInt8(ascii: "t"), UInt8(ascii: "f"): found = "a boolean"
                case UInt8(ascii: "n"): found = "null"
                default: return StreamStop(offset: at)  // not a value: the parser names the byte
                }
                if let found {
                    return StreamStop(offset: at, path: "$", message: "expected a dataset object, found \(found)")
                }
                depth = 1
                continue
            }
            if utf8.isOpen {
                guard utf8.take(c) else { return StreamStop(offset: at) }
                continue
            }
            if inString {
                if escaped { escaped = false; continue }
                switch c {
                case UInt8(ascii: "\\"): escaped = true
                case UInt8(ascii: "\""): inString = false
                case 0..<0x20: return StreamStop(offset: at)
                case 0x80...: if !utf8.start(c) { return StreamStop(offset: at) }
                default: break
                }
                continue
            }
            let space = c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09
            if depth == 0 && !space { return StreamStop(offset: at) }  // after the end of the document
            switch c {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > JSONReader.maxDepth { return StreamStop(offset: at) }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
            case 0x20, 0x0A, 0x0D, 0x09: break
            case 0..<0x20, 0x7F...: return StreamStop(offset: at)
            default: break
            }
        }
        return nil
    }
}
