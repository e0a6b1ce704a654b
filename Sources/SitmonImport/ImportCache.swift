#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import SitmonCore

/// The import cache: a snapshot (`DatasetSnapshot`) of each CSV export imported, kept in the user's cache directory
/// (`$XDG_CACHE_HOME/sitmon/imports/`, else `~/.cache/sitmon/imports/`), so that opening the same file again reads
/// the snapshot instead of importing it (at 1M ACLED rows about a third of an import's time; docs/benchmarks.md).
///
/// A snapshot is used only when its key matches the file now: canonical path, the name it was opened by, size,
/// modification and change times in nanoseconds, inode and device, a hash of the whole content (`ContentHash`,
/// worked out on the other core while the snapshot is read), the import's options (format, strict, jihadist map),
/// the import version and the running binary (its size and modification time: a new sitmon imports again). A stale, foreign, truncated or
/// corrupt snapshot is ignored and replaced after the import. The import report (rows read, skipped rows, warnings)
/// is kept with the snapshot, so a cached open reports exactly what the import did.
///
/// Files are 0600 in a 0700 directory, written atomically (a temporary file renamed). At most `maximumFiles`
/// snapshots and `maximumBytes` in all are kept: the least recently used go first. `SITMON_IMPORT_CACHE=0` (or
/// `--no-cache`) turns the cache off. Standard input and imports that fail are never cached.
public struct ImportCache: Sendable {
    /// The directory of the snapshots.
    public var directory: String
    public var maximumFiles = 4
    public var maximumBytes = 3 << 30
    /// Changes when an import of the same file with the same options gives another dataset or report (a new
    /// column, a new rule). The binary's identity is in the key too, so this matters only for a build that does not
    /// change the binary's size and time.
    public static let importVersion: UInt32 = 1
    /// The binary's identity in the key; tests set it.
    var binary: String = ImportCache.binaryIdentity

    public init(directory: String) {
        self.directory = directory
    }

    /// False when `SITMON_IMPORT_CACHE` is `0`, `off`, `no` or `false`.
    public static func enabled(environment: [String: String]) -> Bool {
        guard let value = environment["SITMON_IMPORT_CACHE"]?.lowercased() else { return true }
        return !["0", "off", "no", "false"].contains(value)
    }

    /// What `load` gives: the dataset and report, whether they came from the cache, and (after an import) the
    /// snapshot to write when the caller has time (`Pending.write`).
    public struct Opened: Sendable {
        public var dataset: Dataset
        public var report: ImportReport
        public var fromCache: Bool
        public var pending: Pending?
        /// Why the cache was not used (a miss, a stale or bad snapshot), for `SITMON_IMPORT_CACHE_DEBUG`.
        public var note: String?
    }

    /// Opens the export at `path`: from its snapshot when a valid one matches, else imported with `CSVImporter`
    /// (whose errors it throws).
    public func load(
        path: String, format: ImportFormat? = nil, options: ImportOptions = ImportOptions(),
        progress: LoadProgress? = nil
    ) throws(LoadError) -> Opened {
        func imported(_ note: String) throws(LoadError) -> Opened {
            let (dataset, report) = try CSVImporter.load(
                path: path, format: format, options: options, progress: progress)
            return Opened(dataset: dataset, report: report, fromCache: false, pending: nil, note: note)
        }
        guard path != "-", DatasetSnapshot.isSupported else { return try imported("not cacheable") }
        guard let file = FileIdentity(path: path) else { return try imported("not a regular file") }
        let settings = Key.Settings(
            name: path, format: format, options: options, fastPath: CSVImporter.fastPathEnabled, binary: binary)
        let snapshot = snapshotPath(canonical: file.canonical, name: path)
        var note = "no snapshot"
        if ownedRegularFile(snapshot) {
            switch read(snapshot: snapshot, file: file, settings: settings, progress: progress) {
            case .success(let opened): return opened
            case .failure(let error): note = error.message
            }
        }
        progress?.set(format: .csv)
        var opened = try imported(note)
        opened.pending = Pending(
            cache: self, file: file, settings: settings, snapshot: snapshot, dataset: opened.dataset,
            report: opened.report)
        return opened
    }

    private func read(
        snapshot: String, file: FileIdentity, settings: Key.Settings, progress: LoadProgress?
    ) -> Result<Opened, SnapshotError> {
        do throws(SnapshotError) {
            let stored = try SnapshotFile(path: snapshot, progress: nil)
            let key = try Key.decode(try stored.bytes("import-key"))
            guard key.settings == settings else { throw SnapshotError("imported with other options or binary") }
            guard key.file.sameState(as: file) else { throw SnapshotError("the file changed (size or time)") }
            progress?.start(file: settings.name, totalBytes: stored.size)
            progress?.set(format: .cache)
            // The export's content is hashed on the other core while the snapshot is read; the snapshot is used only
            // if the hash matches.
            let hashing = BackgroundHash(file)
            let loaded: Result<(Dataset, ImportReport), SnapshotError>
            do throws(SnapshotError) {
                let reading = try SnapshotFile(path: snapshot, progress: progress)
                let report = try ImportReportCoding.decode(try reading.bytes("import-report"))
                loaded = .success((try DatasetSnapshot.read(reading), report))
            } catch {
                loaded = .failure(error)
            }
            guard let hash = hashing.wait(), hash == key.contentHash else {
                throw SnapshotError("the file's content changed")
            }
            let (dataset, report) = try loaded.get()
            progress?.add(records: dataset.records.count)
            touch(snapshot)
            return .success(Opened(dataset: dataset, report: report, fromCache: true, pending: nil, note: nil))
        } catch {
            return .failure(error)
        }
    }

    /// The snapshot of one file opened by one name (the name is in the dataset's id and the report's messages).
    func snapshotPath(canonical: String, name: String) -> String {
        let hash = ContentHash.of(Array((canonical + "\u{0}" + name).utf8))
        let hex = String(hash, radix: 16)
        return directory + "/" + String(repeating: "0", count: 16 - hex.count) + hex + ".snapshot"
    }

    /// True when `path` is a regular file (not a link) owned by this user.
    func ownedRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_uid == geteuid()
    }

    /// Marks a snapshot as just used (eviction removes the least recently used first).
    private func touch(_ path: String) { _ = utimes(path, nil) }

    /// The running binary's size and modification time.
    static let binaryIdentity: String = {
        var info = stat()
        #if os(Linux)
            let path = "/proc/self/exe"
        #else
            let path = CommandLine.arguments.first ?? ""
        #endif
        guard stat(path, &info) == 0 else { return "unknown" }
        return "\(info.st_size)/\(FileIdentity.nanoseconds(info.st_mtim))"
    }()
}
