import ArgumentParser
import Foundation
import SitmonConfig
import SitmonCore
import SitmonScreen
import SitmonTerminal
import SitmonUI

/// `sitmon` / `sitmon monitor`: the full-screen monitor.
struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Open the full-screen monitor (the default).")

    @OptionGroup var data: DataOptions
    @OptionGroup var config: ConfigOptions
    @Option(help: ArgumentHelp("Open the view saved under this name (w in the monitor saves one).", valueName: "name"))
    var view: String?
    @Flag(help: "Start on the whole dataset instead of restoring the view of the last session.")
    var fresh = false

    @Flag(name: .customLong("no-color"), help: "Draw without colours (NO_COLOR in the environment does the same).")
    var noColor = false

    @Flag(name: .customLong("no-mouse"), help: "Do not capture the mouse (keeps the terminal's own text selection).")
    var noMouse = false

    @Flag(help: "Reload the data when a file changes; filters and selection are kept, new records are marked NEW.")
    var watch = false

    @Option(
        name: .customLong("render"),
        help: ArgumentHelp(
            "Print one frame as text at WIDTHxHEIGHT (each 1 to 1000, such as 120x40) instead of opening the terminal "
                + "(for scripts and docs).",
            valueName: "WxH"))
    var renderSize: TerminalSize?

    func run() throws {
        try reportingErrors {
            if let renderSize {
                let settings = try config.load()
                let opening = try openingView(ViewStore(locations: config.locations), restoreLast: false)
                let cache = CacheWrites(disabled: data.noCache || !settings.importCache)
                defer { cache.flush() }
                let engine = QueryEngine(dataset: try data.load(configured: settings.data, cache: cache))
                var state = AppState(
                    engine: engine, width: renderSize.width, height: renderSize.height,
                    mouseEnabled: false)
                Self.configure(&state, settings, opening, views: [])
                try Console.out(Renderer.render(state).text)
                return
            }
            let settings = try config.load()
            let store = ViewStore(locations: config.locations)
            let opening = try openingView(store, restoreLast: !fresh)
            let environment = ProcessInfo.processInfo.environment
            if let reason = TerminalCheck.unavailableReason(environment: environment) {
                throw CLIError(
                    message: "the monitor needs an interactive terminal, but " + reason
                        + "; for scripts use `sitmon export` (see `sitmon export --help`)", code: .noTerminal)
            }
            let data = self.data
            let configured = settings.data
            let paths = try data.resolvedPaths(configured: configured)
            if paths.contains("-") && isatty(0) == 1 {
                // The monitor would wait on "Reading" for a dataset nobody types, deaf to q and Esc.
                throw CLIError(
                    message: "--data -: standard input is a terminal; pipe a dataset in "
                        + "(sitmon --data - < FILE) or give the file's path", code: .usage)
            }
            let terminal: Terminal
            do {
                terminal = try Terminal(mouse: !noMouse && settings.mouse, colors: !noColor)
            } catch {
                throw CLIError(
                    message: "the monitor could not open the terminal: \(error); for scripts use `sitmon export`",
                    code: .noTerminal)
            }
            let status: Int32
            var problem: String?
            let cache = CacheWrites(disabled: data.noCache || !settings.importCache)
            do {
                defer { terminal.restore() }
                switch try MonitorRuntime.load(
                    terminal: terminal, theme: settings.theme,
                    { progress in
                        try data.load(progress: progress, configured: configured, cache: cache)
                    })
                {
                case .failure(let cancelled):
                    status = cancelled.code
                case .success(let engine):
                    // The import cache is written on another thread while the first frame is drawn and used.
                    cache.flushInBackground()
                    let result = try MonitorRuntime.run(
                        terminal: terminal, engine: engine,
                        watch: watch ? (paths, { try data.load(configured: configured) }) : nil, views: store,
                        setup: { state in Self.configure(&state, settings, opening, views: store.names()) })
                    status = result.status
                    problem = result.problem
                }
            }
            if let problem { Console.error("sitmon: " + problem) }
            if status != ExitStatus.success.code { throw ExitCode(status) }
        }
    }

    /// The view to open: `--view NAME` (an unknown name is a usage error listing the saved views), else the last
    /// session's view unless `--fresh` (a broken one is reported in the status line, never an error).
    func openingView(_ store: ViewStore, restoreLast: Bool) throws -> OpeningView {
        if let view {
            do throws(ViewStore.Problem) {
                return OpeningView(name: view, view: try store.load(name: view), problem: nil)
            } catch {
                throw CLIError(message: error.message, code: .usage)
            }
        }
        guard restoreLast else { return OpeningView() }
        do throws(ViewStore.Problem) {
            return OpeningView(name: nil, view: try store.loadLast(), problem: nil)
        } catch {
            return OpeningView(name: nil, view: nil, problem: "Last view not restored: " + error.message)
        }
    }

    /// The view the monitor starts on, and what went wrong reading it.
    struct OpeningView {
        var name: String?
        var view: SavedView?
        var problem: String?
    }

    /// Applies the configuration and the opening view to a new state.
    static func configure(_ state: inout AppState, _ settings: Config, _ opening: OpeningView, views: [String]) {
        state.theme = settings.theme
        state.keymap = settings.keymap
        state.savedViewNames = views
        if let view = opening.view {
            let notes = state.restore(view)
            state.currentViewName = opening.name
            let label = opening.name.map { "View “\($0)”" } ?? "Restored last view"
            if !notes.isEmpty {
                state.message = StatusMessage(label + ", ignored: " + notes.joined(separator: "; "))
            } else if opening.name != nil {
                state.message = StatusMessage(label + ": " + state.filter.describe(in: state.dataset))
            } else if !state.filter.isEmpty {
                state.message = StatusMessage(Update.restoredLastViewMessage(state))
            }
        }
        if let problem = opening.problem { state.message = StatusMessage(problem, kind: .error) }
    }
}
