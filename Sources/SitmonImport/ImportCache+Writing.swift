#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import SitmonCore

extension ImportCache {
    /// A snapshot to write after an import, when the caller has time (the CLI after its output, the monitor after
    /// its first frame, on another thread).
    public struct Pending: Sendable {
        let cache: ImportCache
        let file: FileIdentity
        let settings: Key.Settings
        let snapshot: String
        let dataset: Dataset
        let report: ImportReport

        /// Writes the snapshot, if the file is still what was imported (same state, its content hashed now), then
        /// evicts the oldest snapshots beyond the cache's bounds. Returns why nothing was written, or nil. Never
        /// throws: a cache that cannot be written is no cache.
        @discardableResult
        public func write() -> String? {
            guard FileIdentity(path: settings.name)?.sameState(as: file) == true else {
                return "the file changed during the import"
            }
            guard let hash = file.contentHash() else { return "the file changed or cannot be read" }
            guard cache.prepareDirectory() else { return "cannot use the cache directory \(cache.directory)" }
            let key = Key(file: file, contentHash: hash, settings: settings)
            do throws(WriteError) {
                try DatasetSnapshot.write(
                    dataset,
                    extra: [
                        .init("import-key", bytes: key.encode()),
                        .init("import-report", bytes: ImportReportCoding.encode(report)),
                    ], to: snapshot, mode: 0o600, durable: false)
            } catch {
                return error.description
            }
            cache.evict(keeping: snapshot)
            return nil
        }
    }

    /// Creates the directory (0700, parents included) when missing; false when it is not a directory owned by this
    /// user (a cache another user could write is no cache).
    func prepareDirectory() -> Bool {
        var path = ""
        for part in directory.split(separator: "/", omittingEmptySubsequences: true) {
            path += "/" + part
            var info = stat()
            if lstat(path, &info) != 0 {
                guard mkdir(path, 0o700) == 0 || errno == EEXIST else { return false }
            }
        }
        var info = stat()
        guard lstat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == geteuid() else {
            return false
        }
        if info.st_mode & 0o077 != 0 { _ = chmod(directory, 0o700) }
        return true
    }

    /// Removes the least recently used snapshots until at most `maximumFiles` remain, `maximumBytes` in all, never
    /// `keeping` (the one just written); and temporary files an interrupted write left (older than an hour).
    func evict(keeping: String) {
        guard let dir = opendir(directory) else { return }
        var snapshots: [(path: String, used: Int64, size: Int64)] = []
        let now = Int64(time(nil))
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            let path = directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            if name.hasSuffix(".snapshot") {
                let used = FileIdentity(canonical: path, info).modified
                snapshots.append((path, used, Int64(info.st_size)))
            } else if name.hasPrefix(".sitmon-") && name.hasSuffix(".tmp")
                && now - FileIdentity(canonical: path, info).modified / 1_000_000_000 > 3600
            {
                unlink(path)
            }
        }
        closedir(dir)
        snapshots.sort { ($0.path == keeping ? 1 : 0, $0.used) > ($1.path == keeping ? 1 : 0, $1.used) }
        var files = 0
        var bytes: Int64 = 0
        for snapshot in snapshots {
            files += 1
            bytes += snapshot.size
            if snapshot.path != keeping && (files > maximumFiles || bytes > Int64(maximumBytes)) {
                unlink(snapshot.path)
                files -= 1
                bytes -= snapshot.size
            }
        }
    }
}
