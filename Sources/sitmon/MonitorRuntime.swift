import Foundation
import SitmonConfig
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
                var engine: QueryEngine?
                do {
                    let loaded = QueryEngine(dataset: try load())
                    loaded.prepareLists()  // the filter kept runs at once on the new data
                    engine = loaded
                    action = .dataReloaded(loaded)
                } catch {
                    action = .dataReloadFailed(
                        "\(error)".split(separator: "\n").first.map(String.init) ?? "invalid data")
                }
                lock.lock()
                result = action
                running = false
                lock.unlock()
                engine?.prepareSearch()  // while the loop shows the new data
                AllocatorTuning.releaseFreeMemory()  // the old data's and the load's freed pages
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

    /// Loads the data on a background thread while showing a progress bar; `q` or Ctrl-C cancels.
    /// Returns the engine, or nil when the user cancelled (with the exit status to use).
    static func load(terminal: Terminal, theme: Theme, _ load: @escaping @Sendable (LoadProgress) throws -> Dataset)
        throws -> Result<QueryEngine, Cancelled>
    {
        let progress = LoadProgress()
        final class Slot: @unchecked Sendable {
            let lock = NSLock()
            var result: Result<QueryEngine, Error>?
        }
        let slot = Slot()
        let thread = Thread {
            let result: Result<QueryEngine, Error>
            do {
                let dataset = try load(progress)
                progress.set(.indexing)
                result = .success(QueryEngine(dataset: dataset))
            } catch {
                result = .failure(error)
            }
            slot.lock.lock()
            slot.result = result
            slot.lock.unlock()
        }
        thread.stackSize = 8 << 20
        let started = Date()
        thread.start()
        var lastDraw = Date.distantPast
        while true {
            slot.lock.lock()
            let result = slot.result
            slot.lock.unlock()
            if let result {
                switch result {
                case .success(let engine): return .success(engine)
                case .failure(let error): throw error
                }
            }
            let now = Date()
            if now.timeIntervalSince(started) >= boxDelay && now.timeIntervalSince(lastDraw) > 0.05 {
                let size = terminal.size
                terminal.draw(
                    LoadingScreen.render(
                        width: size.width, height: size.height, progress: progress,
                        elapsed: now.timeIntervalSince(started), theme: theme))
                lastDraw = now
            }
            // A short wait: the first frame follows the end of the load within 10 ms.
            let event = terminal.nextEvent(timeoutMilliseconds: 10)
            if let status = endingStatus(terminal) { return .failure(Cancelled(status)) }
            if event == .key(.character("q")) || event == .key(.escape) {
                return .failure(Cancelled(ExitStatus.success.code))
            }
            if event == .key(.control("c")) { return .failure(Cancelled(ExitStatus.interrupted.code)) }
        }
    }

    /// Seconds before the loading box is drawn: a file that loads sooner (the bundled dataset, a small export) opens on
    /// its first frame without a box flashing before it.
    static let boxDelay = 0.1

    /// The most input events one batch takes: a long paste is handled in steps of this many keys, each with one
    /// search and one frame, so the screen keeps up and a signal is seen between steps.
    static let batchLimit = 4096

    /// Waits up to 100 ms for an event, then takes every event already waiting (up to `batchLimit`), so that one
    /// update and one frame serve them all. Stops early when a signal is pending.
    static func readBatch(_ terminal: Terminal, timeoutMilliseconds: Int = 100) -> [InputEvent] {
        guard let first = terminal.nextEvent(timeoutMilliseconds: timeoutMilliseconds) else { return [] }
        var events = [first]
        while events.count < batchLimit, events.last != .key(.control("c")), SignalTrap.pendingSignal == nil,
            let next = terminal.nextEvent(timeoutMilliseconds: 0)
        {
            events.append(next)
        }
        return events
    }

    /// The exit status when the monitor must end now: a terminating signal (SIGINT is a key, Ctrl-C), or the
    /// terminal gone without a SIGHUP (ignored), which ends as a hangup would.
    static func endingStatus(_ terminal: Terminal) -> Int32? {
        if let signal = SignalTrap.pendingSignal, signal != SIGINT { return ExitStatus.code(forSignal: signal) }
        return terminal.isLost ? ExitStatus.hangup.code : nil
    }

    /// The load was cancelled (a key or a signal), with the exit status to use.
    struct Cancelled: Error {
        var code: Int32
        init(_ code: Int32) { self.code = code }
    }

    /// Runs the monitor until it quits or a terminating signal arrives; either way the view is saved as the last
    /// view (restored at the next start unless `--fresh`).
    static func run(
        terminal: Terminal, engine: QueryEngine,
        watch: (
            paths: [String],
            load: @Sendable () throws -> Dataset
        )?, views: ViewStore,
        setup: (inout AppState) -> Void
    ) throws -> (status: Int32, problem: String?) {
        let size = terminal.size
        var state = AppState(
            engine: engine, width: size.width, height: size.height, mouseEnabled: terminal.mouseEnabled,
            exportDirectory: FileManager.default.currentDirectoryPath)
        state.homeDirectory = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        setup(&state)
        var watcher = watch.map { FileWatcher(paths: $0.paths) }
        let reloader = watch.map { Reloader(load: $0.load) }
        var lastPoll = Date()
        var dirty = true
        var searchPrepared = false
        while true {
            // No frame while a signal waits: the loop acts on it first (Ctrl-C stays prompt during a paste).
            if dirty && SignalTrap.pendingSignal == nil {
                terminal.draw(Renderer.render(state))
                dirty = false
            }
            if !searchPrepared {
                // Once the first frame is out, the second core folds the text for searching while the user looks at
                // it, so that the first search keystroke does not wait ≈ 0.7 s at a million records. (Started any
                // earlier, it slowed the first frame: the terminal, too, needs a core to show it.)
                searchPrepared = true
                // The index's lists by actor and by region (a filter on actors or regions reads them), likewise.
                Thread { [engine] in engine.prepareLists() }.start()
                Thread { [engine] in
                    // The start-up's freed temporaries (import, indexes, first view) stay in glibc's heaps otherwise:
                    // given back before the search text is built (else its peak comes on top of them) and after.
                    AllocatorTuning.releaseFreeMemory()
                    engine.prepareSearch()
                    AllocatorTuning.releaseFreeMemory()
                }.start()
            }
            // While something typed waits for the records' search text, the loop looks for it every 10 ms.
            let events = readBatch(terminal, timeoutMilliseconds: state.awaitsSearchText ? 10 : 100)
            if let status = endingStatus(terminal) {
                terminal.restore()
                return (status, saveLastView(state, views))
            }
            var pending: [Effect] = []
            if !events.isEmpty {
                pending = Update.apply(&state, batch: events) { SignalTrap.pendingSignal != nil }
                dirty = true
            }
            if state.awaitsSearchText && state.engine.isSearchPrepared {
                // The second core has built the search text: the search or text filter typed before it runs now.
                pending += Update.apply(&state, .searchTextReady)
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
                    return (state.exitStatus, saveLastView(state, views))
                case .writeExport(let request):
                    let result: Action
                    do throws(WriteError) {
                        try AtomicFile.write(request.bytes(), to: request.path, overwrite: request.overwrite)
                        result = .exportWritten(path: request.path, records: request.records)
                    } catch {
                        result = .exportFailed(message: error.description, exists: error.kind == .exists)
                    }
                    pending += Update.apply(&state, result)
                case .saveView(let name, let view, let overwrite):
                    let result: Action
                    do throws(ViewStore.Problem) {
                        try views.save(view, name: name, overwrite: overwrite)
                        result = .viewSaved(name: name)
                    } catch {
                        result = .viewSaveFailed(message: error.message, exists: error.exists)
                    }
                    pending += Update.apply(&state, result)
                case .loadView(let name):
                    let result: Action
                    do throws(ViewStore.Problem) {
                        result = .viewLoaded(name: name, try views.load(name: name))
                    } catch {
                        result = .viewLoadFailed(message: error.message)
                    }
                    pending += Update.apply(&state, result)
                case .listViews:
                    pending += Update.apply(&state, .viewsListed(views.entries()))
                case .deleteView(let name):
                    let result: Action
                    do throws(ViewStore.Problem) {
                        try views.delete(name: name)
                        result = .viewDeleted(name: name)
                    } catch {
                        result = .viewChangeFailed(message: error.message)
                    }
                    pending += Update.apply(&state, result)
                case .renameView(let old, let new):
                    let result: Action
                    do throws(ViewStore.Problem) {
                        try views.rename(from: old, to: new)
                        result = .viewRenamed(from: old, to: new)
                    } catch {
                        result = .viewChangeFailed(message: error.exists ? "a view “\(new)” exists" : error.message)
                    }
                    pending += Update.apply(&state, result)
                }
            }
        }
    }

    /// Writes the last view; returns the problem, printed on standard error once the terminal is restored.
    static func saveLastView(_ state: AppState, _ views: ViewStore) -> String? {
        do throws(ViewStore.Problem) {
            try views.saveLast(SavedView(state))
            return nil
        } catch {
            return "the view was not saved for the next start: " + error.message
        }
    }
}
