import Foundation
import SitmonConfig
import SitmonCore
import SitmonImport

/// The import cache as the commands use it: where it is (`ConfigLocations`), whether it is on (`--no-cache`,
/// `SITMON_IMPORT_CACHE=0`), and the snapshots still to write after an import (written beside a command's own work
/// after the import, or on a background thread in the monitor once its first frame is up).
final class CacheWrites: @unchecked Sendable {
    let cache: ImportCache?
    private let lock = NSLock()
    private var pending: [ImportCache.Pending] = []

    /// The cache for this process; none when `disabled`, when `SITMON_IMPORT_CACHE` turns it off, or without a home.
    init(disabled: Bool) {
        let environment = ProcessInfo.processInfo.environment
        if disabled || !ImportCache.enabled(environment: environment) {
            cache = nil
        } else {
            cache = ConfigLocations.resolve(option: nil, environment: environment).importCacheDirectory.map {
                ImportCache(directory: $0)
            }
        }
    }

    /// Imports (or reads from the cache) the export at `path`; a snapshot to write is kept for `flush`.
    func load(
        path: String, format: ImportFormat? = nil, options: ImportOptions, progress: LoadProgress? = nil
    ) throws(LoadError) -> (Dataset, ImportReport) {
        guard let cache else {
            return try CSVImporter.load(path: path, format: format, options: options, progress: progress)
        }
        let opened = try cache.load(path: path, format: format, options: options, progress: progress)
        // (Not while the monitor owns the terminal: it loads with a progress.)
        if progress == nil, ProcessInfo.processInfo.environment["SITMON_IMPORT_CACHE_DEBUG"] != nil {
            Console.error("sitmon: import cache: \(path): " + (opened.fromCache ? "read" : opened.note ?? "miss"))
        }
        if let write = opened.pending {
            lock.lock()
            pending.append(write)
            lock.unlock()
        }
        return (opened.dataset, opened.report)
    }

    /// Writes the snapshots of the imports so far (never fails: a cache that cannot be written is no cache).
    func flush(quiet: Bool = false) {
        lock.lock()
        let writes = pending
        pending = []
        lock.unlock()
        for write in writes {
            let problem = write.write()
            if let problem, !quiet, ProcessInfo.processInfo.environment["SITMON_IMPORT_CACHE_DEBUG"] != nil {
                Console.error("sitmon: import cache: not written: \(problem)")
            }
        }
    }

    /// Starts `flush` on a thread of its own, for a command whose own work after the import (an export's index,
    /// filter and output; an import's JSON) then runs beside the hashing and writing of the snapshot, on the
    /// other core, instead of before them. `finishFlush` waits for it: the process ends with the snapshot written.
    func startFlush() {
        flushing.enter()
        let thread = Thread { [self] in
            flush()
            flushing.leave()
        }
        thread.start()
    }

    /// Waits for the `startFlush`es so far to end.
    func finishFlush() { flushing.wait() }
    private let flushing = DispatchGroup()

    /// `flush` on a background thread (the monitor, once its first frame is up), silently.
    func flushInBackground() {
        let thread = Thread { [self] in flush(quiet: true) }
        thread.start()
    }
}
