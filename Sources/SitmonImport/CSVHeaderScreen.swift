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
    /// The multi-byte UTF-8 character being read.
    private var utf8 = UTF8Sequence()

    mutating func scan(_ chunk: UnsafeBufferPointer<UInt8>, at offset: Int) -> StreamStop? {
        guard !done else { return nil }
        for (k, c) in chunk.enumerated() {
            let at = offset + k
            if at < 2 {
                previous.append(c)
                if previous == [0xFF, 0xFE] || previous == [0xFE, 0xFF] { done = true; return nil }
            }
            if c == 0x0A || c == 0x0D {
                if utf8.isOpen { return StreamStop(offset: at) }
                done = true
                return nil
            }
            if at >= Self.maximumHeader {
                return StreamStop(
                    offset: at, path: "header",
                    message: "no line break in the first 1 MiB: this is not a CSV export")
            }
            if utf8.isOpen {
                guard utf8.take(c) else { return StreamStop(offset: at) }
                continue
            }
            switch c {
            case 0: return StreamStop(offset: at)
            case 0x80...: if !utf8.start(c) { return StreamStop(offset: at) }
            default: break
            }
        }
        return nil
    }
}
