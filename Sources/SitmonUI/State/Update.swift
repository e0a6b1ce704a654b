import SitmonCore
import SitmonScreen

/// The state machine: `Update.apply(&state, action)` changes the state and returns the effects for the runtime to
/// run. It never draws and never lays out the screen: it reads the pane sizes `state.layout` keeps, and overlays
/// handle their own keys (`Overlay.handle`).
public enum Update {
    /// Applies an action in place and returns the effects to run.
    public static func apply(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .input(.resize(let width, let height)):
            state.width = max(0, width)
            state.height = max(0, height)
            state.clampCursors()
            return []
        case .input(.key(.control("c"))):
            state.exitStatus = ExitStatus.interrupted.code
            return [.quit]
        case .input(.key(let key)):
            // On the "terminal too small" screen nothing else is visible, so the quit key quits whatever is open.
            if state.keymap.command(for: key) == .quit, state.layout.mode == .tooSmall {
                return [.quit]
            }
            var effects = settleWaiting(&state)
            if var overlay = state.overlay {
                let outcome = overlay.handle(key, in: state)
                state.overlay = outcome.closes ? nil : overlay
                effects += perform(outcome, &state)
            } else {
                effects += handleKey(&state, key)
            }
            state.syncRegionSelection(from: state.focus)
            state.clampCursors()
            state.markSelectedSeen()
            return effects
        case .input(.mouse(let mouse)):
            // Clicks do not reach the panes through an open dialog.
            guard state.mouseEnabled, case .none = state.overlay else { return [] }
            let effects = settleWaiting(&state)
            handleMouse(&state, mouse)
            state.syncRegionSelection(from: state.focus)
            state.clampCursors()
            return effects
        case .dataReloaded(let engine):
            state.replaceData(with: engine)
            state.watchError = nil
            let count = state.newRecords.count
            state.message = StatusMessage("Reloaded: \(count) new record\(count == 1 ? "" : "s")")
            return []
        case .dataReloadFailed(let message):
            state.watchError = message
            state.message = StatusMessage("Data not reloaded (showing the last good data): " + message, kind: .error)
            return []
        case .exportWritten(let path, let records):
            state.overlay = nil
            state.message = StatusMessage("Exported \(records) record\(records == 1 ? "" : "s") to \(path)")
            return []
        case .viewSaved, .viewSaveFailed, .viewLoaded, .viewLoadFailed, .viewsListed, .viewDeleted, .viewRenamed,
            .viewChangeFailed:
            return handleViewResult(&state, action)
        case .exportFailed(let message, let exists):
            writeFailed(&state, message, exists: exists, export: true)
            return []
        case .searchTextReady:
            return searchTextReady(&state)
        }
    }

    // MARK: Normal mode

    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        let page = state.layout.listHeight(state.focus)
        if case .character = key { state.message = nil }
        if state.focus == .map, handleMapKey(&state, key) { return [] }
        guard let command = state.keymap.command(for: key) else {
            if key == .escape {
                // Esc means back, like Backspace: from the Detail pane to the pane it came from; it also unlights
                // the matches of the last search.
                goBack(&state)
                state.message = nil
                state.searchHighlight = nil
            }
            return []
        }
        return run(&state, command, page: page)
    }

    /// Runs a normal-mode command (the keymap chose it).
    static func run(_ state: inout AppState, _ command: Command, page: Int) -> [Effect] {
        switch command {
        case .quit:
            return [.quit]
        case .help:
            state.overlay = .help(HelpState())
        case .nextPane:
            focus(&state, Pane.allCases[(state.focus.rawValue + 1) % Pane.allCases.count])
        case .previousPane:
            focus(&state, Pane.allCases[(state.focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count])
        case .focusActors: focus(&state, .actors)
        case .focusTimeline: focus(&state, .timeline)
        case .focusRegions: focus(&state, .regions)
        case .focusDetail: focus(&state, .detail)
        case .focusMap: focus(&state, .map)
        case .down: move(&state, by: 1)
        case .up: move(&state, by: -1)
        case .pageDown: move(&state, by: page)
        case .pageUp: move(&state, by: -page)
        case .first: move(&state, to: .first)
        case .last: move(&state, to: .last)
        case .activate: activate(&state)
        case .pickActor: state.overlay = .picker(PickerState(kind: .actor, in: state))
        case .pickRegion: state.overlay = .picker(PickerState(kind: .region, in: state))
        case .search:
            let pane = state.focus == .detail ? state.detailSource : state.focus
            if state.focus == .detail { state.focus = pane }
            state.overlay = .search(SearchState(pane: pane, origin: state.cursors[pane]?.selection ?? 0))
        case .textFilter:
            state.overlay = .textFilter(TextFilterState(origin: state.filter))
        case .searchNext: searchAgain(&state, forward: true)
        case .searchPrevious: searchAgain(&state, forward: false)
        case .dates:
            state.overlay = .dateRange(DateRangeState(since: state.filter.since, until: state.filter.until))
        case .clear:
            if state.filter.isEmpty {
                state.message = StatusMessage("No filter to clear")
            } else {
                state.runFilter(.all)
                state.message = StatusMessage("Filters cleared (u to undo)")
            }
        case .undo:
            state.message = state.undo().map { StatusMessage("Undone: " + $0) } ?? StatusMessage("Nothing to undo")
        case .redo:
            state.message = state.redo().map { StatusMessage("Redone: " + $0) } ?? StatusMessage("Nothing to redo")
        case .back:
            if state.focus == .detail {
                goBack(&state)
            } else {
                let undo = state.keymap.primaryLabel(.undo).map { " (\($0) undoes a filter change)" } ?? ""
                state.message = StatusMessage("Nothing to go back to" + undo)
            }
        case .hideEmptyRegions:
            state.toggleEmptyRegions()
        case .sort:
            state.cycleSort(state.focus)
        case .timelineZoom:
            state.overlay = .timelineZoom(TimelineZoomState(opening: state))
        case .relations:
            openRelations(&state)
        case .export:
            let format = ExportFormat.md
            state.overlay = .export(
                ExportDialogState(
                    format: format,
                    fileName:
                        Exporter.defaultFileName(state.view, state.dataset, format)))
        case .saveView:
            // An empty name: typing never appends to a proposed one ("jnim centrejnim centre").
            state.overlay = .saveView(SaveViewState(name: ""))
        case .openView:
            if state.savedViewNames.isEmpty {
                state.message = StatusMessage(
                    "No saved views yet: press \(state.keymap.primaryLabel(.saveView) ?? "w") to save one")
            } else {
                var list = ViewListState(names: state.savedViewNames)
                if let current = state.currentViewName, let k = list.names.firstIndex(of: current) {
                    list.selection = k
                }
                state.overlay = .openView(list)
                // The runtime reads each view's filter and date and answers with `.viewsListed`.
                return [.listViews]
            }
        }
        return []
    }

    /// Back (Esc, Backspace): from the Detail pane to the pane it shows the selection of.
    static func goBack(_ state: inout AppState) {
        guard state.focus == .detail else { return }
        let source = state.detailSource == .detail ? .timeline : state.detailSource
        state.focus = source
        if let slot = MapSlot(source) { state.mapSlot = slot }
    }

    static func focus(_ state: inout AppState, _ pane: Pane) {
        state.focus = pane
        if let slot = MapSlot(pane) { state.mapSlot = slot }
        if pane != .detail {
            state.detailSource = pane
            state.cursors[.detail] = ListCursor()
        }
    }

    static func move(_ state: inout AppState, by delta: Int) {
        let pane = state.focus
        var cursor = state.cursors[pane] ?? ListCursor()
        if pane == .detail {
            // The detail pane scrolls rather than selects, within its laid-out text.
            cursor.scroll = max(0, min(cursor.scroll + delta, state.lastDetailScroll))
            cursor.selection = cursor.scroll
        } else {
            cursor.selection = max(0, cursor.selection + delta)
        }
        state.cursors[pane] = cursor
        if pane != .detail { state.cursors[.detail] = ListCursor() }
    }

    /// An end of a list, for Home and End (g and G).
    enum End { case first, last }

    static func move(_ state: inout AppState, to end: End) {
        let pane = state.focus
        if pane == .detail {
            let scroll = end == .first ? 0 : state.lastDetailScroll
            state.cursors[.detail] = ListCursor(selection: scroll, scroll: scroll)
            return
        }
        state.cursors[pane, default: ListCursor()].selection = end == .first ? 0 : max(0, state.rowCount(pane) - 1)
        state.cursors[.detail] = ListCursor()
    }

    /// Enter: toggles the selected actor or region in the filter; on the timeline, shows the detail.
    static func activate(_ state: inout AppState) {
        switch state.focus {
        case .actors:
            guard let actor = state.selectedActor else { return }
            state.toggleInFilter(actor: actor)
        case .regions, .map:
            guard let region = state.focus == .map ? state.selectedMapRegion : state.selectedRegion else { return }
            state.toggleInFilter(region: region)
        case .timeline:
            focus(&state, .detail)
        case .detail:
            break
        }
    }

    // MARK: Mouse

    static func handleMouse(_ state: inout AppState, _ mouse: MouseEvent) {
        let layout = state.layout
        if let tabs = layout.tabs, tabs.contains(x: mouse.x, y: mouse.y), mouse.kind == .press {
            let tabWidth = max(1, tabs.width / Pane.allCases.count)
            focus(&state, Pane.allCases[min(Pane.allCases.count - 1, mouse.x / tabWidth)])
            return
        }
        guard let (pane, _) = layout.panes.first(where: { $0.value.contains(x: mouse.x, y: mouse.y) }) else { return }
        switch mouse.kind {
        case .press:
            if pane != state.focus { focus(&state, pane) }
            if pane == .map {
                clickMap(&state, layout, x: mouse.x, y: mouse.y)
                return
            }
            if pane != .detail, let list = layout.listRect(pane), list.contains(x: mouse.x, y: mouse.y) {
                let row = (state.cursors[pane]?.scroll ?? 0) + mouse.y - list.y
                if row < state.rowCount(pane) {
                    state.cursors[pane, default: ListCursor()].selection = row
                    state.cursors[.detail] = ListCursor()
                }
            }
        case .wheelUp, .wheelDown:
            let previous = state.focus
            state.focus = pane
            move(&state, by: mouse.kind == .wheelUp ? -3 : 3)
            state.focus = previous
        case .release:
            break
        }
    }
}
