/// How far one reader of a `FileBuffer` has read the file into it: the text from `start` up to `filled` is there,
/// and `fill(ahead:)` reads on a chunk ahead of the reader, no further than `limit` (a half's share of the file, so
/// that two threads never write the same bytes). Offsets are the text's (after a byte order mark: `fileOffset`
/// apart from the file's). Without a file (bytes already in memory: tests, the fuzz target) everything is filled.
struct FillCursor {
    /// Bytes read at a time: the reader keeps between half a chunk and a chunk ahead of its rows.
    static let defaultChunk = 8 << 20

    let file: FileBuffer?
    let fileOffset: Int
    let limit: Int
    let chunk: Int
    private(set) var filled: Int
    /// Set when the file could not be read (the import then declines).
    private(set) var failed = false

    init(file: FileBuffer?, fileOffset: Int, from start: Int, limit: Int, chunk: Int = defaultChunk) {
        self.file = file
        self.fileOffset = fileOffset
        self.limit = limit
        self.chunk = max(chunk, 1)
        filled = file == nil ? limit : min(start, limit)
    }

    /// True when everything up to `limit` has been read.
    var isComplete: Bool { filled >= limit }

    /// Reads on when fewer than half a chunk of bytes past `position` are there.
    mutating func fill(ahead position: Int) {
        if filled - position < chunk / 2 + 1 { fill(through: position + chunk) }
    }

    /// Reads up to `position` (at most `limit`). When the read fails, `failed` is set and `filled` stays where it
    /// was: the range may not even be memory any more (pages that could be neither moved there nor mapped again),
    /// so nothing past `filled` may be looked at. Readers stop at `failed`; a failed cursor reads no more.
    mutating func fill(through position: Int) {
        let target = min(max(position, filled), limit)
        guard target > filled, !failed, let file else { return }
        if !file.fill((filled + fileOffset)..<(target + fileOffset)) {
            failed = true
            return
        }
        filled = target
    }

    /// Reads more after a row was found to run up to `filled` (it may go on past it): at least one more chunk, and
    /// at least as much again as the row has so far, so that a row of any length is read in a few steps.
    mutating func grow(rowStart: Int) {
        fill(through: filled + max(chunk, filled - rowStart))
    }
}
