import ArgumentParser
import SitmonCore

/// `sitmon` / `sitmon monitor`: the full-screen monitor.
struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Open the full-screen monitor (the default).")

    @OptionGroup var data: DataOptions

    func run() throws {
        try reportingErrors {
            let dataset = try data.load()
            print(dataset.counts)
        }
    }
}
