#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A regular file mapped read-only, for the import fast path: its bytes are read in place (no copy of a 400 MB
/// export in memory), and the pages already read are given back with `release`, so that the import's peak memory
/// stays below the file's size.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    private let base: UnsafeMutableRawPointer
    private let length: Int
    private static let pageSize = max(Int(sysconf(Int32(_SC_PAGESIZE))), 4096)

    /// Maps the regular file at `path`; nil for anything else (standard input, a FIFO, a device, an empty or
    /// unreadable file), which the general path reads and reports.
    init?(path: String) {
        var info = stat()
        guard path != "-", stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else {
            return nil
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0,
            info.st_size < Int(Int32.max)
        else { return nil }
        let length = Int(info.st_size)
        guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            return nil
        }
        _ = madvise(mapped, length, MADV_SEQUENTIAL)
        base = mapped
        self.length = length
        bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// Gives back the whole pages inside `range` (bytes already read): they stay in the page cache and are read
    /// again from it if touched, but no longer count in this process's memory.
    func release(_ range: Range<Int>) {
        let page = Self.pageSize
        let start = (max(range.lowerBound, 0) + page - 1) / page * page
        let end = min(range.upperBound, length) / page * page
        guard end > start else { return }
        _ = madvise(base + start, end - start, MADV_DONTNEED)
    }

    deinit { munmap(base, length) }
}
