#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Notices when data files change (appended, rewritten or replaced by a rename) by polling their metadata:
/// size, modification time and inode. Cheap enough to call several times a second.
public struct FileWatcher: Sendable {
    struct Fingerprint: Sendable, Hashable {
        var size: Int64
        var modified: Int64
        var inode: UInt64
    }

    public let paths: [String]
    private var fingerprints: [Fingerprint?]

    public init(paths: [String]) {
        self.paths = paths
        fingerprints = paths.map(FileWatcher.fingerprint)
    }

    static func fingerprint(_ path: String) -> Fingerprint? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
            let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return Fingerprint(size: Int64(info.st_size), modified: modified, inode: UInt64(info.st_ino))
    }

    /// True when any file changed since the last call (or since creation).
    public mutating func poll() -> Bool {
        let now = paths.map(FileWatcher.fingerprint)
        defer { fingerprints = now }
        return now != fingerprints
    }
}
