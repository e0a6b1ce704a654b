import ArgumentParser
import SitmonCore

/// `sitmon generate`: a synthetic dataset in the real format, for benchmarks.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic dataset of N events (deterministic for a seed), for benchmarks.")

    @Option(help: "Number of incidents to generate.")
    var events: Int = 10_000

    func run() throws {}
}
