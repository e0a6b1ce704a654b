import SitmonCore

/// What no CSV export's header line holds, found as standard input is read (`import acled - < /dev/zero`): a
/// NUL byte, a byte that is not valid UTF-8, or a first line longer than 1 MiB. Stops there; `CSVImporter` then
/// reports the problem on the header row as it does for a file. Text with a UTF-16 byte-order mark (whose
/// header holds NULs) is not screened.
struct CSVHeaderScreen: StreamScreen {
    /// No header line is longer (ACLED's has 31 columns, about 400 bytes).
    static let maximumHeader = 1 << 20
    private var done = false
    private var previous: [UInt8] = []
    /// Continuation bytes still expected, and the bounds of the next one.
    private var pending = 0
    private var low: UInt8 = 0x80, high: UInt8 = 0xBF

    mutating func scan(_ chunk: UnsafeBufferPointer<UInt8>, at offset: Int) -> StreamStop? {
        guard !done else { return nil }
        for (k, c) in chunk.enumerated() {
            let at = offset + k
            if at < 2 {
                previous.append(c)
                if previous == [0xFF, 0xFE] || previous == [0xFE, 0xFF] { done = true; return nil }
            }
            if c == 0x0A || c == 0x0D {
                if pending > 0 { return StreamStop(offset: at) }
                done = true
                return nil
            }
            if at >= Self.maximumHeader {
                return StreamStop(
                    offset: at, path: "header",
                    message: "no line break in the first 1 MiB: this is not a CSV export")
            }
            if pending > 0 {
                guard c >= low && c <= high else { return StreamStop(offset: at) }
                pending -= 1
                low = 0x80
                high = 0xBF
                continue
            }
            switch c {
            case 0: return StreamStop(offset: at)
            case 0x80...0xC1, 0xF5...: return StreamStop(offset: at)
            case 0xC2...0xDF: pending = 1
            case 0xE0: pending = 2; low = 0xA0
            case 0xED: pending = 2; high = 0x9F
            case 0xE1...0xEF: pending = 2
            case 0xF0: pending = 3; low = 0x90
            case 0xF4: pending = 3; high = 0x8F
            case 0xF1...0xF3: pending = 3
            default: break
            }
        }
        return nil
    }
}
