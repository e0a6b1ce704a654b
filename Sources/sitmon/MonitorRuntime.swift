import Foundation
import SitmonCore
import SitmonScreen
import SitmonTerminal
import SitmonUI

/// The loop: input → action → update → render → terminal; plus the effects update asks for, and watched files.
enum MonitorRuntime {
    /// Reloads watched data on a background thread and hands the result to the loop.
    final class Reloader: @unchecked Sendable {
        private let lock = NSLock()
        private var running = false
        private var result: Action?
        private let load: @Sendable () throws -> Dataset

        init(load: @escaping @Sendable () throws -> Dataset) { self.load = load }

        /// Starts a reload unless one is running.
        func start() {
            lock.lock()
            defer { lock.unlock() }
            guard !running else { return }
            running = true
            let thread = Thread { [self] in
                let action: Action
                do {
                    action = .dataReloaded(QueryEngine(dataset: try load()))
                } catch {
                    action = .dataReloadFailed("\(error)".split(separator: "\n").first.map(String.init) ?? "invalid data")
                }
                lock.lock()
                result = action
                running = false
                lock.unlock()
            }
            thread.start()
        }

        /// The finished reload, if any.
        func take() -> Action? {
            lock.lock()
            defer { lock.unlock() }
            let taken = result
            result = nil
            return taken
        }
    }

    static func run(engine: QueryEngine, mouse: Bool, colors: Bool, watch: (paths: [String],
                    load: @Sendable () throws -> Dataset)?) throws -> Int32 {
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
        var watcher = watch.map { FileWatcher(paths: $0.paths) }
        let reloader = watch.map { Reloader(load: $0.load) }
        var lastPoll = Date()
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
            var pending: [Effect] = []
            if let event {
                pending = Update.apply(&state, .input(event))
                dirty = true
            }
            if let reloader {
                if Date().timeIntervalSince(lastPoll) >= 0.5 {
                    lastPoll = Date()
                    if watcher?.poll() == true { reloader.start() }
                }
                if let action = reloader.take() {
                    pending += Update.apply(&state, action)
                    dirty = true
                }
            }
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
