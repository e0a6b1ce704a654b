import ArgumentParser
import Foundation
import SitmonCore
import SitmonImport

/// Where the data comes from, shared by every subcommand.
struct DataOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("data"),
        help: ArgumentHelp(
            "A dataset file (sitmon JSON, or an ACLED or UCDP GED CSV export); repeat it to merge several. "
                + "Defaults to $SITMON_DATA, else the configuration file's data, else the bundled Mali case study.",
            valueName: "path"))
    var paths: [String] = []

    @Option(
        name: .customLong("max-input-size"),
        help: ArgumentHelp(
            "Read at most this much from standard input or a pipe (--data -): 512M, 4G, bytes. "
                + "Default $SITMON_MAX_INPUT, else 2G.", valueName: "size"))
    var maxInput: ByteSize?

    @Flag(
        name: .customLong("no-cache"),
        help: ArgumentHelp(
            "Import CSV exports afresh: neither read nor write the import cache ($XDG_CACHE_HOME/sitmon/imports; "
                + "SITMON_IMPORT_CACHE=0 does the same)."))
    var noCache = false

    /// The paths to open: `--data`, else `SITMON_DATA`, else `configured` (the configuration file's `data`), else
    /// the bundled dataset.
    func resolvedPaths(configured: [String] = []) throws -> [String] {
        let environment = ProcessInfo.processInfo.environment
        let fromEnvironment = environment["SITMON_DATA"].map { !$0.isEmpty } ?? false
        let paths =
            self.paths.isEmpty && !fromEnvironment && !configured.isEmpty
            ? configured
            : BundledData.resolve(explicit: self.paths, environment: environment)
        guard !paths.isEmpty else {
            throw CLIError(
                message: "the bundled dataset was not found next to the binary; pass --data FILE", code: .unreadable)
        }
        return paths
    }

    /// Loads the dataset (several are merged, a file named twice once), turning problems into a clear error and the
    /// conventional exit code. A CSV export is read from the import cache when it holds it; the snapshots of fresh
    /// imports are left in `cache` for the caller to write (`CacheWrites.flush`), or written before returning when
    /// no `cache` is given.
    func load(progress: LoadProgress? = nil, configured: [String] = [], cache: CacheWrites? = nil) throws -> Dataset {
        let writes = cache ?? CacheWrites(disabled: noCache)
        defer { if cache == nil { writes.flush() } }
        var datasets: [Dataset] = []
        var seen = Set<String>()
        for path in try resolvedPaths(configured: configured) {
            // The same file under two spellings (`a.json`, `./a.json`, a symbolic link) is read once.
            let canonical =
                path == "-" ? path : URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            guard seen.insert(canonical).inserted else { continue }
            do throws(LoadError) {
                if CSVImporter.canImport(path: path) {
                    progress?.set(format: .csv)
                    // An ACLED or UCDP GED export, imported on the fly (silently: the monitor may own the terminal).
                    var options = ImportOptions()
                    options.maxInput = maxInput?.bytes
                    datasets.append(try writes.load(path: path, options: options, progress: progress).0)
                } else {
                    progress?.set(format: .dataset)
                    datasets.append(try DatasetLoader.load(path: path, progress: progress, maxInput: maxInput?.bytes))
                }
            } catch {
                throw CLIError(message: error.description, code: error.status)
            }
        }
        return DatasetMerger.merge(datasets).0
    }
}

/// An error printed as `sitmon: MESSAGE` with an exit code.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var code: ExitStatus
    var description: String { message }
}

/// Runs `body`, printing a `CLIError` (through `Console`, every line prefixed `sitmon: `) and exiting with its code.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as CLIError {
        Console.error(
            error.message.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "sitmon: " + $0 }.joined(separator: "\n"))
        throw ExitCode(error.code.code)
    }
}
