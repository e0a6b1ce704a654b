import ArgumentParser
import Foundation
import SitmonConfig
import SitmonCore
import SitmonUI

/// `sitmon export`: writes the view a filter selects, as CSV, JSON or a Markdown briefing.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a view (the records a filter selects) as CSV, JSON or a Markdown briefing.")

    @OptionGroup var data: DataOptions
    @OptionGroup var filterOptions: FilterOptions
    @OptionGroup var config: ConfigOptions
    @Option(help: ArgumentHelp("Start from the filter of this saved view; --actor, --region and --category add to "
                               + "its lists, --since, --until, --min-severity and --search replace its values.",
                               valueName: "name"))
    var view: String?

    @Option(help: "Output format: csv, json or md.")
    var format: String = "csv"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (atomically) instead of standard output.",
                                                    valueName: "file"))
    var output: String?

    @Flag(help: "Overwrite the output file if it exists.")
    var force = false

    func run() throws {
        try reportingErrors {
            guard let format = ExportFormat(rawValue: format.lowercased()) else {
                throw CLIError(message: "unknown format \"\(format)\" (one of: csv, json, md)", code: 64)
            }
            if let output, !force, AtomicFile.exists(output) {
                throw CLIError(message: "\(output) already exists (use --force to overwrite)", code: 73)
            }
            let settings = try config.load()
            var saved: SavedView?
            if let view {
                do throws(ViewStore.Problem) {
                    saved = try ViewStore(locations: config.locations).load(name: view)
                } catch {
                    throw CLIError(message: error.message, code: 64)
                }
            }
            let engine = QueryEngine(dataset: try data.load(configured: settings.data))
            var filter = try filterOptions.filter(for: engine)
            if let saved, let view {
                let (base, notes) = saved.filter.filter(in: engine.dataset)
                for note in notes { printError("sitmon: view “\(view)”: ignored: \(note)") }
                filter = filterOptions.combine(base, with: filter)
            }
            let bytes = Exporter.export(engine.run(filter), of: engine, as: format)
            if let output {
                do throws(WriteError) {
                    try AtomicFile.write(bytes, to: output, overwrite: force)
                } catch {
                    throw CLIError(message: error.description, code: 73)
                }
            } else {
                // Written as is: a copy into `Data` doubled the memory of a large export.
                do throws(WriteError) {
                    try FileDescriptorWriter.writeStandardOutput(bytes)
                } catch {
                    throw CLIError(message: error.description, code: 74)
                }
            }
        }
    }
}
