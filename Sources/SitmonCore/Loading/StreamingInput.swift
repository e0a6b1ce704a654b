#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Feeds a large dataset file to the parser a few megabytes ahead of it, and hands back to the system the pages
/// the parser has gone past, so that a load holds the kept text and the columns rather than the whole file
/// (peak RSS was 1.4× the file's size when the file was read whole first).
///
/// The buffer has the file's size and file offsets, so positions in messages are unchanged. The parser's limit is
/// what has been read; it is raised between array elements. A single value longer than the look-ahead makes the
/// parser stop at that limit with an error; the loader then reads the file again whole and decodes it the simple
/// way, so the result never depends on where the chunks fell. Plain `read()` into a buffer the loader owns:
/// no mapping of the file, so a file truncated meanwhile cannot raise SIGBUS.
final class StreamingInput {
    let fd: Int32
    let total: Int
    /// Where byte 0 of the buffer is in the file (the second thread of a split load reads from the middle).
    let fileOffset: Int
    private let base: UnsafeMutablePointer<UInt8>
    /// Bytes read so far (the parser's limit).
    private(set) var filled = 0
    /// Everything before this address has been released (page-aligned).
    private var releasedEnd: UInt
    /// Pages moved ahead of the reading (`release`) fill the buffer up to this address.
    private var recycledEnd: UInt
    /// Whether pages can be moved (false once the system refused).
    private var canMovePages = true
    /// Blocks of pages moved ahead of the reading so far (`release`).
    private(set) var movedBlocks = 0
    /// The file could not be read as announced (an error, or it shrank or grew): the loader reads it again whole.
    private(set) var failed = false

    /// How far ahead to read and how much to release at a time (tests use tiny sizes to cross every boundary).
    struct Sizes: Sendable {
        /// The parser is given at least this many bytes past its position when an element starts.
        var lookahead = 2 << 20
        /// Bytes read at a time beyond the look-ahead.
        var chunk = 8 << 20
        /// Consumed memory is released in steps of at least this much.
        var releaseStep = 4 << 20
        /// Smaller files are read whole: streaming brings nothing there.
        var minimumSize = 32 << 20
        /// Records are parsed on two threads when at least this many bytes of the file remain at the first
        /// record section (see `RecordSplit`); `Int.max` never splits.
        var splitMinimum = 16 << 20
        static let standard = Sizes()
    }

    let sizes: Sizes

    /// Opens `path` for streaming when it is a regular file worth it; nil otherwise (the caller reads it whole,
    /// which also reports every problem with the file itself).
    static func open(path: String, sizes: Sizes) -> (fd: Int32, size: Int)? {
        let fd = systemOpen(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
            Int64(info.st_size) >= Int64(max(1, sizes.minimumSize)),
            Int64(info.st_size) < Int64(UInt32.max)
        else {
            close(fd)
            return nil
        }
        return (fd, Int(info.st_size))
    }

    init(fd: Int32, total: Int, base: UnsafeMutablePointer<UInt8>, sizes: Sizes, fileOffset: Int = 0) {
        self.fd = fd
        self.fileOffset = fileOffset
        self.sizes = sizes
        self.total = total
        self.base = base
        releasedEnd = UInt(bitPattern: base)
        recycledEnd = UInt(bitPattern: base)
    }

    var isComplete: Bool { filled >= total }

    /// Nothing at or past this offset is read (while another thread reads the rest of the file into the same
    /// buffer; see `RecordSplit`).
    var cap = Int.max

    /// Reads until `target` bytes (at most the file's size, and `cap`) are in the buffer.
    func fill(upTo target: Int) {
        let goal = min(total, target, cap)
        while filled < goal && !failed {
            let n = pread(fd, base + filled, goal - filled, off_t(fileOffset + filled))
            if n < 0 {
                if errno == EINTR { continue }
                failed = true
            } else if n == 0 {
                failed = true  // the file shrank while being read
            } else {
                filled += n
            }
        }
        if filled == total && !failed {
            var probe: UInt8 = 0
            if pread(fd, &probe, 1, off_t(fileOffset + total)) != 0 { failed = true }  // it grew: read it again whole
        }
    }

    /// The parser jumps to `position` without reading what comes before it (another thread parsed it): reading
    /// goes on from there.
    func skip(to position: Int) {
        if position > filled { filled = min(position, total) }
    }

    /// Makes sure the parser at `position` has the look-ahead; returns the new limit.
    @inline(__always)
    func limit(for position: Int) -> Int {
        if filled < min(total, cap) && position + sizes.lookahead > filled {
            fill(upTo: position + sizes.lookahead + sizes.chunk)
        }
        return filled
    }

    /// Releases whole pages between the end of the kept text and the parser's position: neither is read again,
    /// and the kept text, growing into them, gets fresh zeroed pages.
    ///
    /// Whole blocks of them (`blockSize`, aligned in memory) are not given back but moved ahead of the reading,
    /// where the next `fill` reads into them: a page the file is read into is then one the process already has, not
    /// a fresh one the kernel must fault in and zero. Only the kept text takes fresh pages. Past the look-ahead, and
    /// at the end (`force`), pages are given back, as are ranges too short to hold a whole block (the standard
    /// release step, 4 MiB, always holds one).
    func release(keptEnd: Int, position: Int, force: Bool = false) {
        let page = UInt(PageRelease.pageSize)
        let keptAddress = UInt(bitPattern: base + keptEnd)
        var from = max((keptAddress + page - 1) & ~(page - 1), releasedEnd)
        var to = UInt(bitPattern: base + position) & ~(page - 1)
        guard to > from, force || to - from >= UInt(sizes.releaseStep) else { return }
        if !force && canMovePages {
            let block = StreamingInput.blockSize
            let first = (from + block - 1) & ~(block - 1)
            let last = to & ~(block - 1)
            if last > first {
                if first > from, let start = UnsafeMutableRawPointer(bitPattern: from) {
                    PageRelease.release(start, Int(first - from))
                }
                from = moveAhead(first..<last)
                // The block the parser is in is left whole for the next time.
                to = last
            }
        }
        if to > from, let start = UnsafeMutableRawPointer(bitPattern: from) {
            PageRelease.release(start, Int(to - from))
        }
        releasedEnd = to
    }

    /// Pages are moved ahead of the reading in blocks of this size, aligned to it in memory: a range moved is always
    /// whole blocks, so every block lies within one mapping, as the system requires of a move. (Transparent huge
    /// pages are no longer asked for: with pages reused there is little left for them to save, and a 2 MiB page
    /// zeroed at once, out of the caches, made the system time of a 1M load vary from 0.25 to 1.2 s.)
    static let blockSize: UInt = 2 << 20

    /// Moves the pages of `blocks` (consumed, whole blocks) to where the next reads go, as far as the look-ahead
    /// needs them; returns where the blocks not moved start.
    private func moveAhead(_ blocks: Range<UInt>) -> UInt {
        let block = StreamingInput.blockSize
        let readable = UInt(bitPattern: base + min(total, cap)) & ~(block - 1)
        // As far as the next `fill` reads (it starts when the parser is a look-ahead from `filled`).
        let wanted =
            (UInt(bitPattern: base + min(total, filled + sizes.lookahead + sizes.chunk)) + block - 1) & ~(block - 1)
        let filledAddress = UInt(bitPattern: base + filled)
        var destination = max((filledAddress + block - 1) & ~(block - 1), recycledEnd)
        var source = blocks.lowerBound
        while source < blocks.upperBound, destination + block <= min(readable, wanted) {
            guard let from = UnsafeMutableRawPointer(bitPattern: source),
                let to = UnsafeMutableRawPointer(bitPattern: destination)
            else { break }
            let moved = PageRelease.move(from, to: to, count: Int(block))
            if moved != .moved {
                canMovePages = false
                // A hole where the file was to be read: the loader reads it again whole.
                if moved == .destinationLost { failed = true }
                break
            }
            source += block
            destination += block
            movedBlocks += 1
        }
        recycledEnd = max(recycledEnd, destination)
        return source
    }
}

@inline(__always)
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 {
    open(path, flags)
}
