import ArgumentParser
import Foundation
import SitmonCore
import SitmonImport

/// `sitmon validate [PATH]`: checks a dataset and prints every problem, or a one-line summary.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a dataset: print every problem (exit 65) or a summary of what it holds (exit 0).")

    @Argument(
        help: ArgumentHelp(
            "The dataset to check; - reads standard input. Defaults to the bundled dataset.",
            valueName: "path"))
    var path: String?

    @OptionGroup var inputLimit: InputLimitOptions

    @Flag(
        name: .customLong("no-cache"),
        help: "Import a CSV export afresh: neither read nor write the import cache (SITMON_IMPORT_CACHE=0).")
    var noCache = false

    func run() throws {
        try reportingErrors {
            let defaults = BundledData.resolve(explicit: [], environment: ProcessInfo.processInfo.environment)
            guard let target = path ?? defaults.first else {
                throw CLIError(message: "no dataset given and the bundled dataset was not found", code: .unreadable)
            }
            let dataset: Dataset
            let cache = CacheWrites(disabled: noCache)
            defer { cache.flush() }
            do throws(LoadError) {
                var options = ImportOptions()
                options.maxInput = inputLimit.bytes
                dataset =
                    target != "-" && CSVImporter.canImport(path: target)
                    ? try cache.load(path: target, options: options).0
                    : try DatasetLoader.load(path: target, maxInput: inputLimit.bytes)
            } catch {
                try Console.out(error.description)
                if error.kind == .invalidData {
                    let total = error.diagnostics.count + error.omitted
                    Console.error("sitmon: \(total) problem\(total == 1 ? "" : "s") found")
                }
                throw ExitCode(error.exitCode)
            }
            try Console.out("\(target == "-" ? "<stdin>" : target): valid: \(dataset.counts)")
        }
    }
}
