import ArgumentParser
import Foundation
import SitmonCore
import SitmonImport
import SitmonScreen

/// `sitmon import acled|ucdp FILE.csv`: converts an ACLED or UCDP GED export into a sitmon dataset (JSON).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert an ACLED or UCDP GED CSV export into a sitmon dataset (JSON).",
        discussion: """
            Writes the dataset to standard output, or atomically to -o FILE. A summary (rows read, records \
            imported, revisions replaced, rows skipped) and up to 20 skipped rows and 20 warnings go to standard error. \
            Bad rows are skipped and reported; --strict stops at the first one instead.

            ACLED's terms of use forbid redistributing its rows: keep imported ACLED datasets to yourself. \
            See docs/import.md for how the columns map onto the dataset.

            Exit codes: 0 success, 64 usage error, 65 invalid data, 66 unreadable file, 73 cannot write output.
            """)

    @Argument(help: ArgumentHelp("The export's format: acled or ucdp.", valueName: "format"))
    var format: ImportFormat

    @Argument(help: ArgumentHelp("The CSV export (- reads standard input).", valueName: "file"))
    var file: String

    @OptionGroup var destination: OutputOptions

    @OptionGroup var inputLimit: InputLimitOptions

    @Flag(help: "Stop at the first bad row instead of skipping it.")
    var strict = false

    @Flag(
        name: .customLong("no-cache"),
        help: "Import afresh: neither read nor write the import cache (SITMON_IMPORT_CACHE=0).")
    var noCache = false

    @Option(
        help: ArgumentHelp(
            "Actor names to classify as jihadist groups, one per line (replaces the built-in list, "
                + "data/jihadist-groups.txt).", valueName: "file"))
    var jihadistMap: String?

    /// How many skipped rows and warnings are listed on standard error.
    static let listed = 20

    func run() throws {
        try reportingErrors {
            try destination.refuseOverwrite()
            let dataset: Dataset, report: ImportReport
            let cache = CacheWrites(disabled: noCache)
            defer { cache.flush() }
            do throws(LoadError) {
                var options = ImportOptions(strict: strict)
                options.maxInput = inputLimit.bytes
                if let jihadistMap { options.jihadistPatterns = try JihadistGroups.load(path: jihadistMap) }
                (dataset, report) = try cache.load(path: file, format: format, options: options)
            } catch {
                throw CLIError(
                    message: error.description.split(separator: "\n").map { Self.safe(String($0)) }
                        .joined(separator: "\n"), code: error.status)
            }
            Console.error(Self.describe(report))
            // The import cache is written beside the JSON (both only read the dataset).
            cache.startFlush()
            defer { cache.finishFlush() }
            let bytes = DatasetWriter.write(dataset, selection: .all(dataset))
            try destination.write(bytes)
        }
    }

    /// Text from a data file made safe for a terminal line, exactly as the monitor draws it
    /// (`TerminalText.sanitized`): C0 controls as control pictures (`ESC` → `␛`), DEL → `␡`, C1 controls and
    /// bidirectional controls (U+202A–202E, U+2066–2069, U+200E/F, U+061C) → `�`, line breaks and tabs → spaces.
    static func safe(_ text: String) -> String {
        TerminalText.sanitized(text)
    }

    /// The summary, then up to `listed` skipped rows and warnings, for standard error.
    static func describe(_ report: ImportReport) -> String {
        var lines = ["sitmon: " + safe(report.summary)]
        func list(_ title: String, _ diagnostics: [Diagnostic]) {
            guard !diagnostics.isEmpty else { return }
            lines.append(title + ":")
            for d in diagnostics.prefix(listed) { lines.append("  " + safe(d.description)) }
            if diagnostics.count > listed { lines.append("  … and \(diagnostics.count - listed) more") }
        }
        list("skipped rows", report.skipped)
        list("warnings", report.warnings)
        return lines.joined(separator: "\n")
    }
}
