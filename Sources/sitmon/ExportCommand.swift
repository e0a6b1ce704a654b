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
    @Option(
        help: ArgumentHelp(
            "Start from the filter of this saved view; --actor, --region and --category add to "
                + "its lists, --since, --until, --min-severity and --search replace its values.",
            valueName: "name"))
    var view: String?

    @Option(help: "Output format: csv, json or md.")
    var format: ExportFormat = .csv

    @OptionGroup var destination: OutputOptions

    func run() throws {
        try reportingErrors {
            try destination.refuseOverwrite()
            let settings = try config.load()
            var saved: SavedView?
            if let view {
                do throws(ViewStore.Problem) {
                    saved = try ViewStore(locations: config.locations).load(name: view)
                } catch {
                    throw CLIError(message: error.message, code: .usage)
                }
            }
            let cache = CacheWrites(disabled: data.noCache || !settings.importCache)
            let dataset = try data.load(configured: settings.data, cache: cache)
            // The import cache is written beside the index, the filter and the export, on the other core (they only
            // read the dataset); the process ends once both are done.
            cache.startFlush()
            defer { cache.finishFlush() }
            // One filter is run: the index leaves out the packed tally rows the monitor's keystrokes use.
            let engine = QueryEngine(dataset: dataset, packedTallies: false)
            var filter = try filterOptions.filter(for: engine)
            if let saved, let view {
                let (base, notes) = saved.filter.filter(in: engine.dataset)
                for note in notes { Console.error("sitmon: view “\(view)”: ignored: \(note)") }
                filter = filterOptions.combine(base, with: filter)
            }
            let view = engine.run(filter)
            try destination.write { sink in Exporter.write(view, of: engine, as: format, to: sink) }
        }
    }
}
