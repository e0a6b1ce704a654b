import ArgumentParser
import Foundation
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

    @Flag(name: .customLong("no-color"), help: "Draw without colours (NO_COLOR in the environment does the same).")
    var noColor = false

    @Flag(name: .customLong("no-mouse"), help: "Do not capture the mouse (keeps the terminal's own text selection).")
    var noMouse = false

    @Flag(help: "Reload the data when a file changes; filters and selection are kept, new records are marked NEW.")
    var watch = false

    @Option(name: .customLong("render"), help: ArgumentHelp(
        "Print one frame as text at WIDTHxHEIGHT instead of opening the terminal (for scripts and docs).",
        valueName: "WxH"))
    var renderSize: String?

    func run() throws {
        try reportingErrors {
            if let renderSize {
                let parts = renderSize.lowercased().split(separator: "x").compactMap { Int($0) }
                guard parts.count == 2, parts[0] > 0, parts[1] > 0, parts[0] <= 1000, parts[1] <= 1000 else {
                    throw CLIError(message: "--render: expected WIDTHxHEIGHT such as 120x40", code: 64)
                }
                let engine = QueryEngine(dataset: try data.load())
                let state = AppState(engine: engine, width: parts[0], height: parts[1], mouseEnabled: false)
                print(Renderer.render(state).text)
                return
            }
            let environment = ProcessInfo.processInfo.environment
            if let reason = TerminalCheck.unavailableReason(environment: environment) {
                throw CLIError(message: reason + "\nsitmon needs an interactive terminal; for scripts use `sitmon export` "
                    + "(see `sitmon export --help`).", code: 1)
            }
            let data = self.data
            let paths = try data.resolvedPaths()
            let terminal: Terminal
            do {
                terminal = try Terminal(mouse: !noMouse, colors: !noColor)
            } catch {
                throw CLIError(message: "\(error)\nsitmon needs an interactive terminal; for scripts use `sitmon export`", code: 1)
            }
            let status: Int32
            do {
                defer { terminal.restore() }
                switch try MonitorRuntime.load(terminal: terminal, { progress in try data.load(progress: progress) }) {
                case .failure(let cancelled):
                    status = cancelled.code
                case .success(let engine):
                    status = try MonitorRuntime.run(terminal: terminal, engine: engine,
                                                    watch: watch ? (paths, { try data.load() }) : nil)
                }
            }
            if status != 0 { throw ExitCode(status) }
        }
    }
}

