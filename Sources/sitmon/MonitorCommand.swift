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
            let engine = QueryEngine(dataset: try data.load())
            let status = try MonitorRuntime.run(engine: engine, mouse: !noMouse, colors: !noColor)
            if status != 0 { throw ExitCode(status) }
        }
    }
}

/// The loop: input → action → update → render → terminal, and the effects update asks for.
enum MonitorRuntime {
    static func run(engine: QueryEngine, mouse: Bool, colors: Bool) throws -> Int32 {
        let terminal: Terminal
        do {
            terminal = try Terminal(mouse: mouse, colors: colors)
        } catch {
            throw CLIError(message: "\(error)\nfor scripts use `sitmon export`", code: 1)
        }
        defer { terminal.restore() }
        let size = terminal.size
        var state = AppState(engine: engine, width: size.width, height: size.height, mouseEnabled: terminal.mouseEnabled,
                             exportDirectory: FileManager.default.currentDirectoryPath)
        var dirty = true
        while !state.shouldQuit {
            if dirty {
                terminal.draw(Renderer.render(state))
                dirty = false
            }
            let event = terminal.nextEvent(timeoutMilliseconds: 100)
            if let signal = SignalTrap.pendingSignal, signal != SIGINT {
                terminal.restore()
                return SignalTrap.exitStatus(for: signal)
            }
            guard let event else { continue }
            var pending = Update.apply(&state, .input(event))
            dirty = true
            while !pending.isEmpty {
                let effect = pending.removeFirst()
                switch effect {
                case .quit:
                    state.shouldQuit = true
                case .writeExport(let path, let bytes, let overwrite, let records):
                    let result: Action
                    do throws(WriteError) {
                        try AtomicFile.write(bytes, to: path, overwrite: overwrite)
                        result = .exportWritten(path: path, records: records)
                    } catch {
                        result = .exportFailed(message: error.description, exists: error.kind == .exists)
                    }
                    pending += Update.apply(&state, result)
                }
            }
        }
        return state.exitStatus
    }
}
