import CSitmonSignals
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written atomically, in as many pieces as needed: a temporary file in the same directory, flushed and
/// renamed over the target only when complete; on failure the temporary file is removed and the old file left
/// untouched. An overwritten file keeps its permissions; a new one gets 0644 less the umask.
/// A target that exists and is a device, a FIFO or a socket (`/dev/null`, `/dev/stdout`, a pipe) is written
/// directly: renaming over it would replace a device node with a regular file. `AtomicFile.write` is the one-piece
/// form; `sitmon generate` streams its 460 MB through this type.
public final class StreamingAtomicFile {
    public let path: String
    private var fd: Int32
    private let temporary: String?
    /// The permissions of the file replaced, kept by the new one.
    private let existingMode: mode_t?
    private var finished = false
    /// Permissions for a new file (nil: 0644 less the umask).
    private let newMode: mode_t?
    /// Flush to the disk before the rename (a cache, which is checked when read, skips it).
    private let durable: Bool
    /// The temporary file's slot in the list removed on SIGTERM, SIGINT or SIGHUP (-1: none).
    private var cleanupSlot: Int32 = -1
    /// Set when the file is written with direct I/O (`direct`).
    private var directBuffer: DirectWriteBuffer?

    /// Opens the temporary file. Without `overwrite`, an existing `path` is an error, as with `AtomicFile`.
    /// `mode` gives a new file other permissions than 0644 less the umask (the import cache's 0600); `durable` false
    /// skips the flush to the disk before the rename (a file whose reader checks it and can do without it).
    /// `direct` writes a regular file with direct I/O, past the page cache (`DirectWriteBuffer`: large files, where
    /// filling the page cache costs more than the disk), when its file system allows it.
    public convenience init(
        path: String, overwrite: Bool, mode: mode_t? = nil, durable: Bool = true, direct: Bool = false
    ) throws(WriteError) {
        try self.init(path: path, overwrite: overwrite, mode: mode, durable: durable, direct: direct, misaligned: false)
    }

    /// True while the file is written with direct I/O (`direct` asked for it and the file system takes it).
    var writesDirectly: Bool { directBuffer?.isDirect ?? false }

    /// `misaligned`: for the tests, a buffer that direct writes refuse (`DirectWriteBuffer`).
    init(
        path: String, overwrite: Bool, mode: mode_t?, durable: Bool, direct: Bool, misaligned: Bool
    ) throws(WriteError) {
        self.path = path
        newMode = mode
        self.durable = durable
        var info = stat()
        var existingMode: mode_t?
        if stat(path, &info) == 0 {
            existingMode = info.st_mode & 0o7777
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw WriteError(kind: .isDirectory, path: path, message: "is a directory")
            }
            let type = info.st_mode & S_IFMT
            if type == S_IFCHR || type == S_IFIFO || type == S_IFSOCK {
                let fd = open(path, O_WRONLY)
                guard fd >= 0 else {
                    throw WriteError(kind: .failed, path: path, message: "cannot write: \(AtomicFile.reason(errno))")
                }
                self.fd = fd
                temporary = nil
                self.existingMode = nil
                return
            }
            if !overwrite {
                throw WriteError(kind: .exists, path: path, message: "already exists (use --force to overwrite)")
            }
        }
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        var template = Array((directory + "/.sitmon-XXXXXX.tmp").utf8CString)
        // Registered for removal on a signal before it exists: no moment leaves it behind.
        var slot: Int32 = -1
        let fd = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { sitmon_cleanup_create($0, 4, &slot) } ?? -1
        }
        guard fd >= 0 else {
            let code = errno
            var folder = stat()
            if code == ENOENT, stat(directory, &folder) == 0, (folder.st_mode & S_IFMT) == S_IFDIR {
                // The folder exists but takes no new file (/proc, /sys): "no such directory" would be wrong.
                let what = existingMode == nil ? "cannot be created" : "cannot be replaced"
                throw WriteError(
                    kind: .failed, path: path,
                    message: "\(what): \(directory) does not allow new files "
                        + "(sitmon writes a temporary file beside the target, then renames it)")
            }
            throw WriteError(
                kind: .failed, path: path, message: "cannot write: \(AtomicFile.reason(code)) (in \(directory))")
        }
        self.fd = fd
        self.existingMode = existingMode
        temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        cleanupSlot = slot
        if direct { directBuffer = DirectWriteBuffer(fd: fd, misaligned: misaligned) }
    }

    deinit { if !finished { discard() } }

    /// True when `path` exists and is a device, a FIFO or a socket (written directly, never replaced).
    public static func isSpecialFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type == S_IFCHR || type == S_IFIFO || type == S_IFSOCK
    }

    /// Appends bytes to the temporary file.
    public func write(_ bytes: [UInt8]) throws(WriteError) {
        let code = bytes.withUnsafeBytes { raw in
            directBuffer?.append(raw) ?? FileDescriptorWriter.writeAll(fd, raw: raw)
        }
        if code != 0 {
            discard()
            throw WriteError(kind: .failed, path: path, message: "cannot write: \(AtomicFile.reason(code))")
        }
    }

    /// Appends raw bytes (a column of numbers) to the temporary file.
    public func write(raw bytes: UnsafeRawBufferPointer) throws(WriteError) {
        let code = directBuffer?.append(bytes) ?? FileDescriptorWriter.writeAll(fd, raw: bytes)
        if code != 0 {
            discard()
            throw WriteError(kind: .failed, path: path, message: "cannot write: \(AtomicFile.reason(code))")
        }
    }

    /// Flushes the temporary file and renames it over `path`.
    public func commit() throws(WriteError) {
        guard !finished else { return }
        guard let temporary else {  // a device or a pipe, written directly
            finished = true
            let failure: Int32 = close(fd) != 0 ? errno : 0
            fd = -1
            if failure != 0 {
                throw WriteError(kind: .failed, path: path, message: "cannot write: \(AtomicFile.reason(failure))")
            }
            return
        }
        var failure: Int32 = directBuffer?.finish() ?? 0
        directBuffer = nil
        if failure == 0 && durable && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        fd = -1
        if failure == 0 {
            _ = chmod(temporary, existingMode ?? newMode ?? (0o644 & ~AtomicFile.currentUmask()))
            if rename(temporary, path) != 0 { failure = errno }
        }
        sitmon_cleanup_unregister(cleanupSlot)
        finished = true
        if failure != 0 {
            unlink(temporary)
            throw WriteError(kind: .failed, path: path, message: "cannot write: \(AtomicFile.reason(failure))")
        }
    }

    /// Removes the temporary file; `path` is left as it was.
    public func discard() {
        guard !finished else { return }
        if fd >= 0 { close(fd) }
        fd = -1
        if let temporary { unlink(temporary) }
        sitmon_cleanup_unregister(cleanupSlot)
        finished = true
    }
}
