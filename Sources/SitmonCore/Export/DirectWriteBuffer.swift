import CSitmonSignals
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a new file with direct I/O (`O_DIRECT`): the bytes are gathered in an aligned buffer and written a
/// buffer at a time, straight to the disk, then the last piece padded to the alignment and the file cut back to
/// its length. On this machine (docs/benchmarks.md, session 10) a write through the page cache runs at about
/// 90 MB/s, as every page of the cache is memory the system hands out afresh, and direct writes at 1–1.6 GB/s: the
/// import cache's 300 MB snapshot took 1.6 s more than the import. A file system that refuses direct I/O (tmpfs;
/// `EINVAL` when it is turned on or at the first write) is written through the page cache as before.
final class DirectWriteBuffer {
    static let alignment = Int(SITMON_DIRECT_IO_ALIGNMENT)
    /// Bytes gathered before each write (a multiple of `alignment`).
    static let capacity = 4 << 20

    private let fd: Int32
    private let memory: UnsafeMutableRawPointer
    private let buffer: UnsafeMutableRawPointer
    private var used = 0
    /// Bytes given to `append` so far: the file's length once `finish` has run.
    private(set) var length = 0
    /// False once the file system refused direct I/O: the rest goes through the page cache.
    private(set) var isDirect: Bool

    /// Nil when direct I/O cannot be turned on for `fd` (the caller writes as usual). `misaligned` starts the
    /// buffer a byte past the alignment, which direct writes refuse: the tests' way to a refusal at the first write.
    init?(fd: Int32, misaligned: Bool = false) {
        var memory: UnsafeMutableRawPointer?
        guard posix_memalign(&memory, Self.alignment, Self.capacity + Self.alignment) == 0, let memory else {
            return nil
        }
        guard sitmon_set_direct_io(fd, 1) == 0 else {
            free(memory)
            return nil
        }
        self.fd = fd
        self.memory = memory
        buffer = memory + (misaligned ? 1 : 0)
        isDirect = true
    }

    deinit { free(memory) }

    /// Appends bytes; 0, or the errno of a failed write.
    func append(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard let base = bytes.baseAddress else { return 0 }
        var from = 0
        while from < bytes.count {
            let n = min(Self.capacity - used, bytes.count - from)
            (buffer + used).copyMemory(from: base + from, byteCount: n)
            used += n
            from += n
            length += n
            if used == Self.capacity {
                let code = write(count: used)
                if code != 0 { return code }
                used = 0
            }
        }
        return 0
    }

    /// Writes what is gathered and gives the file its length; 0, or the errno of a failed write.
    func finish() -> Int32 {
        guard used > 0 else { return 0 }
        guard isDirect else {
            defer { used = 0 }
            return write(count: used)
        }
        // A direct write is a whole number of aligned blocks: the last one padded with zeros, then cut off.
        let padded = (used + Self.alignment - 1) / Self.alignment * Self.alignment
        (buffer + used).initializeMemory(as: UInt8.self, repeating: 0, count: padded - used)
        let code = write(count: padded)
        used = 0
        if code != 0 { return code }
        return ftruncate(fd, off_t(length)) == 0 ? 0 : errno
    }

    /// Writes the buffer's first `count` bytes, through the page cache from the first refusal of direct I/O on (the
    /// rest of a piece the file system refused is written again from where it stopped).
    private func write(count: Int) -> Int32 {
        var done = 0
        while done < count {
            #if canImport(Glibc)
                let n = Glibc.write(fd, buffer + done, count - done)
            #else
                let n = Darwin.write(fd, buffer + done, count - done)
            #endif
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                guard code == EINVAL && isDirect else { return code }
                isDirect = false
                _ = sitmon_set_direct_io(fd, 0)
                continue
            }
            done += n
        }
        return 0
    }
}
