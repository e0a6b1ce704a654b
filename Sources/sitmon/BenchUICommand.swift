import ArgumentParser
import Foundation
import SitmonCore
import SitmonScreen
import SitmonUI

/// `sitmon bench-ui`: measures keystroke → redrawn frame in-process (update + render, no terminal; wall and CPU
/// time), for docs/benchmarks.md. Hidden from help: a tool for the benchmark script.
struct BenchUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-ui",
        abstract: "Measure keystroke-to-frame times of the state machine in-process.",
        shouldDisplay: false)

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Terminal size as WIDTHxHEIGHT.", valueName: "WxH"))
    var size = TerminalSize(width: 120, height: 40)

    @Option(help: "Repetitions of each scenario.")
    var runs: Int = 20

    @Option(help: "Run only the scenarios whose name contains this text (for profiling one of them).")
    var only: String?

    @Flag(help: "Also print the median wall and CPU time of each keystroke of a scenario, by its position.")
    var perKey = false

    func run() throws {
        try reportingErrors {
            var clock = ContinuousClock.now
            func lap() -> Double {
                let now = ContinuousClock.now
                let elapsed = now - clock
                clock = now
                return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            }
            let dataset = try data.load()
            let loadMs = lap()
            let engine = QueryEngine(dataset: dataset)
            let indexMs = lap()
            var state = AppState(engine: engine, width: size.width, height: size.height, mouseEnabled: false)
            _ = Renderer.render(state)
            let firstFrameMs = lap()
            try Console.out(
                "records \(dataset.records.count); load \(format(loadMs)) ms; index \(format(indexMs)) ms; "
                    + "first frame \(format(firstFrameMs)) ms")
            func measure(
                _ name: String, setup: (inout AppState) -> Void = { _ in },
                _ keys: (Int) -> [InputEvent]
            ) throws {
                try measure(name, setup: setup, actions: { run in keys(run).map { .input($0) } })
            }
            func measure(
                _ name: String, setup: (inout AppState) -> Void = { _ in },
                actions: (Int) -> [Action]
            ) throws {
                if let only, !name.contains(only) { return }
                var samples: [Double] = []
                var cpuSamples: [Double] = []
                var byPosition: [[Double]] = [], cpuByPosition: [[Double]] = []
                for run in 0..<runs {
                    var s = state
                    setup(&s)
                    for (position, action) in actions(run).enumerated() {
                        _ = lap()
                        let cpu = processCPUms()
                        _ = Update.apply(&s, action)
                        _ = Renderer.render(s)
                        cpuSamples.append(processCPUms() - cpu)
                        samples.append(lap())
                        if position >= byPosition.count { byPosition.append([]) }
                        byPosition[position].append(samples[samples.count - 1])
                        if position >= cpuByPosition.count { cpuByPosition.append([]) }
                        cpuByPosition[position].append(cpuSamples[cpuSamples.count - 1])
                    }
                }
                samples.sort()
                cpuSamples.sort()
                let median = samples[samples.count / 2]
                let p95 = samples[min(samples.count - 1, samples.count * 95 / 100)]
                let cpuMedian = cpuSamples[cpuSamples.count / 2]
                let cpuP95 = cpuSamples[min(cpuSamples.count - 1, cpuSamples.count * 95 / 100)]
                try Console.out(
                    "\(name.padding(toLength: 34, withPad: " ", startingAt: 0)) median \(format(median)) ms  "
                        + "p95 \(format(p95)) ms  max \(format(samples.last ?? 0)) ms  (\(samples.count) frames)  "
                        + "cpu median \(format(cpuMedian)) ms  p95 \(format(cpuP95)) ms")
                if perKey && byPosition.count > 1 {
                    func medians(_ lists: [[Double]]) -> String {
                        lists.map { times in format(times.sorted()[times.count / 2]) }.joined(separator: ", ")
                    }
                    try Console.out(
                        "  median by keystroke: \(medians(byPosition)) ms; cpu \(medians(cpuByPosition)) ms")
                }
            }
            // A search typed before the monitor's second thread has built the records' search text: the first rows
            // are tested one by one, and a query not found there waits for the text (no keystroke builds it, so
            // every run measures the same); then a text filter typed as early, which waits too.
            let mopti = "/mopti".map { InputEvent.key(.character($0)) }
            try measure("search before the fold (/mopti)", setup: { s in s.focus = .timeline }) { _ in mopti }
            try measure("text filter before the fold (f wagner)", setup: { s in s.focus = .timeline }) { _ in
                "fwagner".map { .key(.character($0)) }
            }
            if engine.isSearchPrepared { try Console.out("note: a keystroke before the fold built the search text") }
            // The monitor folds the text for searching on a second thread once the first frame is up; here it is
            // done in line, so that the search scenario below measures what a user typing later sees.
            _ = lap()
            engine.prepareLists()
            let listsMs = lap()
            engine.prepareSearch()
            try Console.out(
                "lists \(format(listsMs)) ms; search text \(format(lap())) ms; \(state.actorRows.count) actor rows, \(state.regionRows.count) region rows"
            )
            // The frame drawn when the search text is ready, for what was typed before it: the `/` query found and
            // counted, the text filter applied.
            try measure(
                "search text ready (/mopti typed before)",
                setup: { s in
                    s.focus = .timeline
                    var search = SearchState(pane: .timeline, origin: 0)
                    search.query = LineEditor("mopti")
                    search.waiting = .row
                    s.overlay = .search(search)
                }
            ) { _ in [.searchTextReady] }
            try measure(
                "text filter ready (f wagner typed before)",
                setup: { s in
                    s.focus = .timeline
                    s.engine.forgetRecentViews()
                    var editor = TextFilterState(origin: s.filter)
                    editor.query = LineEditor("wagner")
                    editor.waiting = true
                    s.overlay = .textFilter(editor)
                }
            ) { _ in [.searchTextReady] }
            try measure("scroll (j)") { _ in Array(repeating: .key(.down), count: 50) }
            try measure("page down") { _ in Array(repeating: .key(.pageDown), count: 20) }
            // A new filter is computed, not taken from the engine's recent views (undo may use those).
            try measure(
                "filter: Enter on an actor",
                setup: { s in
                    s.focus = .actors
                    s.engine.forgetRecentViews()
                }
            ) { _ in [.key(.enter)] }
            try measure(
                "filter: Enter on a region",
                setup: { s in
                    s.focus = .regions
                    s.engine.forgetRecentViews()
                }
            ) { _ in [.key(.enter)] }
            try measure(
                "undo a filter",
                setup: { s in
                    s.focus = .actors
                    _ = Update.apply(&s, .input(.key(.enter)))
                }
            ) { _ in [.key(.character("u"))] }
            // The actor picker over every actor (20,000 in the big ACLED file): opening it lists them all by name,
            // then each keystroke scores every name again.
            try measure("picker: open and type (a katiba)", setup: { s in s.focus = .timeline }) { _ in
                [
                    .key(.character("a")), .key(.character("k")), .key(.character("a")), .key(.character("t")),
                    .key(.character("i")), .key(.character("b")), .key(.character("a")),
                ]
            }
            try measure(
                "picker: backspace (a katiba ⌫⌫)",
                setup: { s in
                    s.focus = .timeline
                    for c in "akatiba" { _ = Update.apply(&s, .input(.key(.character(c)))) }
                }
            ) { _ in [.key(.backspace), .key(.backspace)] }
            // The regions pane (about 1,000 admin1 units in the big ACLED file): moving the cursor redraws the pane,
            // the map's selection and the region's detail.
            try measure("scroll the Regions pane (j)", setup: { s in s.focus = .regions }) { _ in
                Array(repeating: .key(.down), count: 50)
            }
            try measure("page down the Regions pane", setup: { s in s.focus = .regions }) { _ in
                Array(repeating: .key(.pageDown), count: 20)
            }
            try measure("search keystroke (/ g o i t a)", setup: { s in s.focus = .timeline }) { _ in
                [
                    .key(.character("/")), .key(.character("g")), .key(.character("o")), .key(.character("i")),
                    .key(.character("t")), .key(.character("a")),
                ]
            }
            // The text filter (f): each keystroke runs the filter with the longer text over every record (a new
            // view each time: the engine's recent views are forgotten first), and redraws every pane.
            try measure(
                "text filter keystroke (f wagner)",
                setup: { s in
                    s.focus = .timeline
                    s.engine.forgetRecentViews()
                }
            ) { _ in
                [
                    .key(.character("f")), .key(.character("w")), .key(.character("a")), .key(.character("g")),
                    .key(.character("n")), .key(.character("e")), .key(.character("r")),
                ]
            }
            try measure("resize") { run in [.resize(width: 80 + run % 40, height: 24 + run % 16)] }
            state.focus = .timeline
        }
    }

    func format(_ ms: Double) -> String { String(format: "%.2f", ms) }

    /// CPU time used by the process so far, in milliseconds: steadier than wall time on a machine shared with
    /// other work (a keystroke's wall time includes the time other processes held the core).
    func processCPUms() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
    }
}
