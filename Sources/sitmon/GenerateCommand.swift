import ArgumentParser
import Foundation
import SitmonCore
import SitmonGenerate

/// `sitmon generate`: a synthetic dataset in the real format, for benchmarks.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic dataset of N events (deterministic for a seed), for benchmarks.",
        discussion: """
            About 10 % timeline events and 90 % ACLED-like incidents over Mali's regions, 2012 to July 2025. \
            The same --events and --seed always give the same bytes. A million records weigh about 460 MB. \
            --format acled-csv writes instead an INVENTED export in ACLED's CSV layout (--actors distinct actors with \
            ACLED's name shapes, --countries countries of about 20 admin1 units, notes with commas, quotes and line \
            breaks; --layout dyadic or monadic), for import benchmarks.
            """)

    /// What to write.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, acledCSV = "acled-csv"
    }

    @Option(
        help: ArgumentHelp(
            "json (a sitmon dataset) or acled-csv (an invented ACLED-layout export).",
            valueName: "format"))
    var format: Format = .json

    @Option(help: ArgumentHelp("acled-csv: number of distinct actors.", valueName: "n"))
    var actors: Int = 20_000

    @Option(help: ArgumentHelp("acled-csv: number of countries.", valueName: "n"))
    var countries: Int = 50

    @Option(
        help: ArgumentHelp(
            "acled-csv: dyadic (one row per event) or monadic (one row per actor side).",
            valueName: "layout"))
    var layout: String = "dyadic"

    @Option(help: ArgumentHelp("Number of records to generate (events and incidents).", valueName: "n"))
    var events: Int = 10_000

    @Option(help: ArgumentHelp("Seed of the pseudo-random generator.", valueName: "seed"))
    var seed: UInt64 = SyntheticDataset.defaultSeed

    @OptionGroup var destination: OutputOptions

    @Flag(name: .shortAndLong, help: "Do not print progress to standard error.")
    var quiet = false

    /// Builds the whole output with `DatasetWriter.write` instead of streaming it (to check both give the same bytes).
    @Flag(help: .hidden)
    var inMemory = false

    func validate() throws {
        guard events >= 0 else { throw ValidationError("--events must not be negative") }
        guard events <= SyntheticDataset.maximumRecords else {
            throw ValidationError(
                "--events must be at most \(SyntheticDataset.maximumRecords) (datasets are read up to 4 GiB)")
        }
        guard actors >= 1 && actors <= 1_000_000 else { throw ValidationError("--actors must be from 1 to 1000000") }
        guard countries >= 1 && countries <= 676 else { throw ValidationError("--countries must be from 1 to 676") }
        guard SyntheticACLED.Layout(rawValue: layout) != nil else {
            throw ValidationError("--layout must be dyadic or monadic")
        }
    }

    func run() throws {
        try reportingErrors {
            try destination.refuseOverwrite()
            let showProgress = !quiet && events >= 200_000
            let step = max(100_000, events / 10)
            let clock = ContinuousClock()
            let start = clock.now
            func report(_ text: String) {
                guard showProgress else { return }
                let elapsed = (clock.now - start).components
                let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
                Console.error("sitmon generate: \(text) (\(String(format: "%.1f", seconds)) s)")
            }
            if format == .acledCSV {
                let shape = SyntheticACLED.Shape(
                    events: events, actors: actors, countries: countries,
                    layout: SyntheticACLED.Layout(rawValue: layout) ?? .dyadic, seed: seed)
                do throws(WriteError) {
                    if let output = destination.output {
                        let file = try StreamingAtomicFile(path: output, overwrite: destination.force, direct: true)
                        try SyntheticACLED.write(shape) { (chunk) throws(WriteError) in try file.write(chunk) }
                        try file.commit()
                    } else {
                        try SyntheticACLED.write(shape) { (chunk) throws(WriteError) in
                            try FileDescriptorWriter.writeStandardOutput(chunk)
                        }
                    }
                } catch {
                    throw CLIError(message: error.description, code: destination.failureStatus)
                }
                report("done: \(events) events")
                return
            }
            let dataset = SyntheticDataset.make(records: events, seed: seed, progressStep: step) { done in
                report("built \(done)/\(events) records")
            }
            let progress: (Int) -> Void = { done in report("wrote \(done)/\(events) records") }
            if inMemory {
                try destination.write(DatasetWriter.write(dataset, selection: .all(dataset)))
                report("done: \(dataset.counts)")
                return
            }
            do throws(WriteError) {
                if let output = destination.output {
                    let file = try StreamingAtomicFile(path: output, overwrite: destination.force, direct: true)
                    try DatasetStreamWriter.write(dataset, progressStep: step, progress: progress) {
                        (chunk) throws(WriteError) in
                        try file.write(chunk)
                    }
                    try file.commit()
                } else {
                    try DatasetStreamWriter.write(dataset, progressStep: step, progress: progress) {
                        (chunk) throws(WriteError) in
                        try FileDescriptorWriter.writeStandardOutput(chunk)
                    }
                }
            } catch {
                throw CLIError(message: error.description, code: destination.failureStatus)
            }
            report("done: \(dataset.counts)")
        }
    }
}
