#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

import SitmonCore

/// A regular file read into anonymous memory, for the import fast path: the rows are read in place from one
/// buffer, which holds the file's size of address space but only the parts read (`fill`, a few megabytes ahead of
/// each reading thread: `FillCursor`) take memory, and the pages already parsed are given back with `release`.
/// So the import's peak memory is its records' and not the file's plus theirs. The file is read, not mapped: a
/// file truncated while it is imported (an export rewritten in place) gives short or zeroed text — bad rows, which
/// send the file to the general path — never a SIGBUS.
final class FileBuffer: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    private let base: UnsafeMutableRawPointer
    private let length: Int
    /// The file, kept open for `fill` (the same file even if its name is given to another meanwhile).
    private let fd: Int32

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
    /// no longer holds stays zero. False on a read error.
    func fill(_ range: Range<Int>) -> Bool {
        let clamped = max(range.lowerBound, 0)..<min(range.upperBound, length)
        return clamped.isEmpty || Self.read(fd, into: base, clamped)
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
        return true
    }

    /// Gives back the whole pages inside `range` (bytes already read): they read as zeros afterwards.
    func release(_ range: Range<Int>) {
        let start = max(range.lowerBound, 0), end = min(range.upperBound, length)
        guard end > start else { return }
        PageRelease.release(base + start, end - start)
    }

    deinit {
        munmap(base, length)
        close(fd)
    }
}
