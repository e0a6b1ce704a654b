/// A multi-byte UTF-8 character read one byte at a time, by `JSONReader`'s rules: the shortest form only, no
/// surrogates, nothing past U+10FFFF. The screens that check bytes as they arrive share it.
public struct UTF8Sequence: Sendable {
    /// Continuation bytes still expected, and the bounds of the next one.
    private var pending = 0
    private var low: UInt8 = 0x80, high: UInt8 = 0xBF

    public init() {}

    /// True while a character is begun and not finished.
    public var isOpen: Bool { pending > 0 }

    /// Takes the next byte of an open character; false when `c` cannot come next.
    public mutating func take(_ c: UInt8) -> Bool {
        guard c >= low && c <= high else { return false }
        pending -= 1
        low = 0x80
        high = 0xBF
        return true
    }

    /// Starts a character at lead byte `c`; false when `c` cannot lead one.
    public mutating func start(_ c: UInt8) -> Bool {
        switch c {
        case 0xC2...0xDF: pending = 1
        case 0xE0: pending = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: pending = 2
        case 0xED: pending = 2; high = 0x9F
        case 0xF0: pending = 3; low = 0x90
        case 0xF1...0xF3: pending = 3
        case 0xF4: pending = 3; high = 0x8F
        default: return false
        }
        return true
    }
}
