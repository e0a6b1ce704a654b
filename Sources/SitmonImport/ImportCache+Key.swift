#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Dispatch
import SitmonCore
import Synchronization

/// The state of an export file on disk: where it is, and what stat says about it.
struct FileIdentity: Sendable, Hashable {
    var canonical: String
    var size: Int64
    var modified: Int64
    var changed: Int64
    var inode: UInt64
    var device: UInt64

    /// The regular file at `path` (following links), or nil.
    init?(path: String) {
        guard let resolved = realpath(path, nil) else { return nil }
        let canonical = String(cString: resolved)
        free(resolved)
        var info = stat()
        guard stat(canonical, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        self.init(canonical: canonical, info)
    }

    init(canonical: String, _ info: stat) {
        self.canonical = canonical
        size = Int64(info.st_size)
        #if os(Linux)
            modified = Self.nanoseconds(info.st_mtim)
            changed = Self.nanoseconds(info.st_ctim)
        #else
            modified = Self.nanoseconds(info.st_mtimespec)
            changed = Self.nanoseconds(info.st_ctimespec)
        #endif
        inode = UInt64(info.st_ino)
        device = UInt64(info.st_dev)
    }

    init(canonical: String, size: Int64, modified: Int64, changed: Int64, inode: UInt64, device: UInt64) {
        self.canonical = canonical
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
        self.device = device
    }

    static func nanoseconds(_ time: timespec) -> Int64 { Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec) }

    /// Same path, size, times, inode and device.
    func sameState(as other: FileIdentity) -> Bool { self == other }

    /// The hash of the whole content, read through the open file; nil when the file is not what it was (its state
    /// changed while it was read) or cannot be read.
    func contentHash() -> UInt64? {
        let fd = open(canonical, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, FileIdentity(canonical: canonical, info) == self,
            let (hash, bytes) = ContentHash.ofFile(descriptor: fd), Int64(bytes) == size,
            fstat(fd, &info) == 0, FileIdentity(canonical: canonical, info) == self
        else { return nil }
        return hash
    }
}

/// A file's content hash worked out on another thread (`FileIdentity.contentHash`).
final class BackgroundHash: Sendable {
    private let result = Mutex<UInt64?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ file: FileIdentity) {
        DispatchQueue.global().async { [self] in
            let hash = file.contentHash()
            result.withLock { $0 = hash }
            done.signal()
        }
    }

    /// The hash, once worked out; nil when the file changed or could not be read.
    func wait() -> UInt64? {
        done.wait()
        return result.withLock { $0 }
    }
}

extension ImportCache {
    /// What a snapshot was made from: the file's state and content, and how it was imported.
    struct Key: Sendable, Hashable {
        var file: FileIdentity
        var contentHash: UInt64
        var settings: Settings

        /// How the file was imported: everything besides the file that changes the dataset or the report.
        struct Settings: Sendable, Hashable {
            var name: String
            var format: String
            var strict: Bool
            var jihadistPatterns: [String]
            var fastPath: Bool
            var binary: String
            var importVersion = ImportCache.importVersion

            init(name: String, format: ImportFormat?, options: ImportOptions, fastPath: Bool, binary: String) {
                self.name = name
                self.format = format?.rawValue ?? "detect"
                strict = options.strict
                jihadistPatterns = options.jihadistPatterns.patterns
                self.fastPath = fastPath
                self.binary = binary
            }

            init(
                name: String, format: String, strict: Bool, jihadistPatterns: [String], fastPath: Bool, binary: String,
                importVersion: UInt32
            ) {
                self.name = name
                self.format = format
                self.strict = strict
                self.jihadistPatterns = jihadistPatterns
                self.fastPath = fastPath
                self.binary = binary
                self.importVersion = importVersion
            }
        }

        func encode() -> [UInt8] {
            var e = SnapshotEncoder()
            e.u32(settings.importVersion)
            e.string(settings.name)
            e.string(settings.format)
            e.bool(settings.strict)
            e.strings(settings.jihadistPatterns)
            e.bool(settings.fastPath)
            e.string(settings.binary)
            e.string(file.canonical)
            e.i64(file.size)
            e.i64(file.modified)
            e.i64(file.changed)
            e.u64(file.inode)
            e.u64(file.device)
            e.u64(contentHash)
            return e.bytes
        }

        static func decode(_ bytes: [UInt8]) throws(SnapshotError) -> Key {
            var d = SnapshotDecoder(bytes, section: "import-key")
            let version = try d.u32()
            let settings = Settings(
                name: try d.string(), format: try d.string(), strict: try d.bool(), jihadistPatterns: try d.strings(),
                fastPath: try d.bool(), binary: try d.string(), importVersion: version)
            let file = FileIdentity(
                canonical: try d.string(), size: try d.i64(), modified: try d.i64(), changed: try d.i64(),
                inode: try d.u64(), device: try d.u64())
            let key = Key(file: file, contentHash: try d.u64(), settings: settings)
            try d.finish()
            return key
        }
    }
}
