#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

import SitmonCore
import Synchronization

/// A regular file read into anonymous memory, for the import fast path: the rows are read in place from one
/// buffer, which holds the file's size of address space but only the parts read (`fill`, a few megabytes ahead of
/// each reading thread: `FillCursor`) take memory, and the pages already parsed are given back with `release`.
/// So the import's peak memory is its records' and not the file's plus theirs. The file is read, not mapped: a
/// file truncated while it is imported (an export rewritten in place) gives short or zeroed text — bad rows, which
/// send the file to the general path — never a SIGBUS.
///
/// Pages given back are kept aside (`Spare`, up to `spareLimit`) and moved under the next range read
/// (`PageRelease.move`), so that reading the file takes a few megabytes of memory over and over instead of a fresh,
/// kernel-zeroed page for each of its pages: faulting in and zeroing the buffer's pages was 10 % of a 1M-row import's
/// time. Where pages cannot be moved (before Linux 5.13, other systems) they are given back as before.
final class FileBuffer: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    private let base: UnsafeMutableRawPointer
    private let length: Int
    /// The file, kept open for `fill` (the same file even if its name is given to another meanwhile).
    private let fd: Int32

    /// Pages given back and not yet moved under a range read: whole pages (offsets in the buffer) whose memory is
    /// still there.
    private struct Spare {
        var pieces: [Range<Int>] = []
        /// The memory they hold (a few pieces of a chunk each).
        var bytes: Int { pieces.reduce(0) { $0 + $1.count } }
        /// False once a move failed: pages are then given back to the system.
        var moving = true
    }
    private let spare = Mutex(Spare())
    /// The most memory kept aside for reuse (two chunks of each of the two reading threads).
    static let spareLimit = 4 * FillCursor.defaultChunk

    /// Reads the regular file at `path` (at most `limit` bytes); nil for anything else (standard input, a FIFO, a
    /// device, an empty, unreadable or larger file), which the general path reads and reports.
    init?(path: String, limit: Int) {
        var info = stat()
        guard path != "-", stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else {
            return nil
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0,
            info.st_size < Int(Int32.max), Int(info.st_size) <= limit
        else {
            close(fd)
            return nil
        }
        let length = Int(info.st_size)
        guard let memory = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            memory != MAP_FAILED
        else {
            close(fd)
            return nil
        }
        base = memory
        self.length = length
        self.fd = fd
        bytes = UnsafeBufferPointer(start: memory.assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// Reads `range` of the file into the buffer (again, for pages given back and needed after all); what the file
    /// no longer holds stays zero. False on a read error: the range may then not be memory at all (pages that could
    /// be neither moved under it nor mapped again), and `readFailed` tells every reader.
    func fill(_ range: Range<Int>) -> Bool {
        let clamped = max(range.lowerBound, 0)..<min(range.upperBound, length)
        if clamped.isEmpty { return true }
        reuseSpare(under: clamped)
        if Self.read(fd, into: base, clamped) { return true }
        failedRead.store(true, ordering: .releasing)
        return false
    }

    /// True once a read failed anywhere in the buffer: a reader that looks past its own share (a row that runs
    /// into the other thread's) must stop, as those bytes may not be there.
    var readFailed: Bool { failedRead.load(ordering: .acquiring) }
    private let failedRead = Atomic<Bool>(false)

    /// Moves spare pages under the whole pages of `range`, which is about to be read; first takes out of the spare
    /// pages any that `range` touches (read again: they must stay where they are).
    private func reuseSpare(under range: Range<Int>) {
        let page = PageRelease.pageSize
        let touched = (range.lowerBound / page * page)..<((range.upperBound + page - 1) / page * page)
        var target = Self.wholePages(range)
        spare.withLock { spare in
            var kept: [Range<Int>] = []
            for piece in spare.pieces {
                guard piece.overlaps(touched) else {
                    kept.append(piece)
                    continue
                }
                if piece.lowerBound < touched.lowerBound { kept.append(piece.lowerBound..<touched.lowerBound) }
                if piece.upperBound > touched.upperBound { kept.append(touched.upperBound..<piece.upperBound) }
            }
            spare.pieces = kept
            while spare.moving && !target.isEmpty, let piece = spare.pieces.popLast() {
                let count = min(piece.count, target.count)
                if PageRelease.move(base + piece.lowerBound, to: base + target.lowerBound, count: count) == .moved {
                    target = (target.lowerBound + count)..<target.upperBound
                    if count < piece.count { spare.pieces.append((piece.lowerBound + count)..<piece.upperBound) }
                } else {
                    spare.moving = false
                    spare.pieces.append(piece)
                }
            }
            if !spare.moving { dropSpare(&spare) }
        }
    }

    /// Reads the file's bytes of `range` into the same offsets of `memory`; false on an error (a short file leaves
    /// zeros).
    private static func read(_ fd: Int32, into memory: UnsafeMutableRawPointer, _ range: Range<Int>) -> Bool {
        var offset = range.lowerBound
        while offset < range.upperBound {
            let n = pread(fd, memory + offset, min(range.upperBound - offset, 1 << 24), off_t(offset))
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return false }
            if n == 0 { break }
            offset += n
        }
        // The file is shorter than it was: the rest reads as zeros (the pages may be reused ones, holding old text).
        if offset < range.upperBound { memset(memory + offset, 0, range.upperBound - offset) }
        return true
    }

    /// Gives back the whole pages inside `range` (bytes already read): they read as zeros afterwards, or hold old
    /// text until read again (kept aside for reuse, `keep`). Either way they are not to be read before a `fill`.
    func release(_ range: Range<Int>, keep: Bool = true) {
        let start = max(range.lowerBound, 0), end = min(range.upperBound, length)
        guard end > start else { return }
        let pages = Self.wholePages(start..<end)
        guard !pages.isEmpty else { return }
        let kept = keep ? keepAside(pages) : 0
        if kept < pages.count { PageRelease.release(base + pages.lowerBound + kept, pages.count - kept) }
    }

    /// Puts as many of `pages` aside for reuse as `spareLimit` allows; returns how many bytes of them.
    private func keepAside(_ pages: Range<Int>) -> Int {
        spare.withLock { spare in
            guard spare.moving else { return 0 }
            let page = PageRelease.pageSize
            let count = min(pages.count, max(Self.spareLimit - spare.bytes, 0) / page * page)
            if count > 0 { spare.pieces.append(pages.lowerBound..<(pages.lowerBound + count)) }
            return count
        }
    }

    /// The whole pages inside `range` (empty when it holds none).
    private static func wholePages(_ range: Range<Int>) -> Range<Int> {
        let page = PageRelease.pageSize
        let from = (range.lowerBound + page - 1) / page * page, to = range.upperBound / page * page
        return from < to ? from..<to : from..<from
    }

    /// Gives the pages kept aside back to the system (the file is read whole).
    func releaseSpare() {
        spare.withLock { dropSpare(&$0) }
    }

    private func dropSpare(_ spare: inout Spare) {
        for piece in spare.pieces { PageRelease.release(base + piece.lowerBound, piece.count) }
        spare.pieces = []
    }

    deinit {
        munmap(base, length)
        close(fd)
    }
}
