import SitmonCore
import SitmonScreen

/// Opening overlays, and what an overlay's outcome does to the rest of the monitor.
extension Update {
    /// Carries out what an overlay asked for after a key (the overlay itself is already closed or kept).
    static func perform(_ outcome: OverlayOutcome, _ state: inout AppState) -> [Effect] {
        if let change = outcome.filter {
            if let origin = change.from { state.runFilter(origin, recordHistory: false) }
            state.runFilter(change.filter, recordHistory: change.undoable)
        }
        if let reveal = outcome.reveal { self.reveal(reveal, &state, filterChanged: outcome.filter != nil) }
        if let (pane, row) = outcome.select { state.cursors[pane, default: ListCursor()].selection = row }
        if let highlight = outcome.highlight { state.searchHighlight = highlight }
        if let search = outcome.lastSearch { state.lastSearch = search }
        if let waiting = outcome.waitingSearch { state.waitingSearch = waiting }
        if let waiting = outcome.waitingTextFilter { state.waitingTextFilter = waiting }
        if let message = outcome.message { state.message = message }
        return outcome.effects
    }

    /// Selects an actor (or a region) in the panes that list it; the detail goes back to its top when it shows one
    /// of those panes, or when the filter changed under it.
    static func reveal(_ reveal: Reveal, _ state: inout AppState, filterChanged: Bool) {
        let panes: [Pane]
        switch reveal {
        case .actor(let actor):
            panes = [.actors]
            if let k = state.actorRows.firstIndex(of: actor) {
                state.cursors[.actors, default: ListCursor()].selection = k
            }
        case .region(let region):
            panes = [.regions, .map]
            if let k = state.regionRows.firstIndex(where: { $0.region == region }) {
                state.cursors[.regions, default: ListCursor()].selection = k
            }
            if let k = state.mapMarkers.firstIndex(where: { $0.region == region }) {
                state.cursors[.map, default: ListCursor()].selection = k
            }
        }
        if panes.contains(state.detailSource) || (filterChanged && state.focus == .detail) {
            state.cursors[.detail] = ListCursor()
        }
    }

    /// `R`: opens the relations view of the actor `RelationsState.target` names.
    static func openRelations(_ state: inout AppState) {
        let source = state.focus == .detail ? state.detailSource : state.focus
        if source == .regions || source == .map {
            let actors = state.keymap.primaryLabel(.focusActors) ?? "1"
            let timeline = state.keymap.primaryLabel(.focusTimeline) ?? "2"
            state.message = StatusMessage(
                "Relations are between actors, not regions: press \(actors) for the Actors pane "
                    + "or \(timeline) for the Timeline, then R")
            return
        }
        guard let actor = RelationsState.target(state), actor >= 0, Int(actor) < state.dataset.actors.count else {
            state.message = StatusMessage("No actor selected: pick one in the actors pane (1) first")
            return
        }
        state.overlay = .relations(RelationsState(actor: actor, dataset: state.dataset, index: state.engine.index))
    }

    /// n and N: the next or previous row matching the last search, in the focused pane.
    static func searchAgain(_ state: inout AppState, forward: Bool) {
        guard !state.lastSearch.isEmpty else {
            state.message = StatusMessage("No search yet: press / to search")
            return
        }
        let pane = state.focus == .detail ? state.detailSource : state.focus
        let current = state.cursors[pane]?.selection ?? 0
        let count = state.rowCount(pane)
        guard count > 0 else { return }
        let start = forward ? (current + 1) % count : current - 1 + count
        runSearch(
            WaitingSearch(
                pane: pane, query: state.lastSearch, start: start, forward: forward, current: current, kept: false),
            &state)
    }

    /// Looks for the row `search` asks for and selects it, saying where it is among the matches; when the records'
    /// search text is needed and not ready, keeps the search in `state.waitingSearch` ("searching…") for
    /// `.searchTextReady` to run again.
    static func runSearch(_ search: WaitingSearch, _ state: inout AppState) {
        let (pane, query) = (search.pane, search.query)
        let prepared = SearchState.prepared(state, pane, query)
        switch SearchState.find(state, pane, query, from: search.start, forward: search.forward, prepared: prepared) {
        case .needsText:
            state.waitingSearch = search
            state.message = StatusMessage("Search: \(query): searching…")
        case .none:
            state.waitingSearch = nil
            state.message = StatusMessage("Not found: \(query)", kind: .error)
            if search.kept { state.searchHighlight = nil }
        case .row(let row):
            state.waitingSearch = nil
            state.cursors[pane, default: ListCursor()].selection = row
            let position =
                SearchState.matchPosition(state, pane, query, row: row, prepared: prepared)
                .map { ": " + $0.text } ?? ""
            state.message = StatusMessage(
                "Search: \(query)\(position)"
                    + (search.kept
                        ? " (n next, N previous, Esc unmarks)" : row == search.current ? " (only match)" : ""))
            let needle = TextFolding.fold(query.trimmingSpaces)
            state.searchHighlight = needle.isEmpty ? nil : SearchHighlight(pane: pane, needle: needle)
        }
    }

    /// `.searchTextReady`: runs again what waited for the records' search text — the open `/` query (its row and
    /// count), the open text filter's text, a waiting n, N or Enter — as if it had been typed now.
    static func searchTextReady(_ state: inout AppState) -> [Effect] {
        guard state.engine.isSearchPrepared else { return [] }  // the text of an engine since replaced
        var effects: [Effect] = []
        switch state.overlay {
        case .search(var search)? where search.waiting != nil:
            let outcome = search.search(in: state)
            state.overlay = .search(search)
            effects += perform(outcome, &state)
        case .textFilter(var editor)? where editor.waiting:
            let outcome = editor.apply(in: state)
            state.overlay = .textFilter(editor)
            effects += perform(outcome, &state)
        default:
            break
        }
        if let waiting = state.waitingSearch { runSearch(waiting, &state) }
        effects += keepWaitingTextFilter(&state)
        state.syncRegionSelection(from: state.focus)
        state.clampCursors()
        return effects
    }

    /// Applies the text filter kept with Enter before the records' search text was ready, as one undo step (waits
    /// for the search text when it is still not ready: a key pressed meanwhile acts on the filter kept).
    static func keepWaitingTextFilter(_ state: inout AppState) -> [Effect] {
        guard let waiting = state.waitingTextFilter else { return [] }
        state.waitingTextFilter = nil
        state.runFilter(waiting.filter, recordHistory: false)
        return perform(TextFilterState.keep(waiting.filter, from: waiting.origin, in: state), &state)
    }

    /// Before a key or a click: a text filter kept with Enter is applied first; a waiting n, N or Enter in `/` is
    /// dropped (its late answer would move a cursor the user has moved since).
    static func settleWaiting(_ state: inout AppState) -> [Effect] {
        if state.waitingSearch != nil {
            state.waitingSearch = nil
            state.message = nil
        }
        return keepWaitingTextFilter(&state)
    }

    /// The runtime could not write what a dialog asked for (`export`: the export dialog, else the save-view dialog):
    /// the dialog asks to overwrite or shows why; with the dialog closed, the footer shows why.
    static func writeFailed(_ state: inout AppState, _ message: String, exists: Bool, export: Bool) {
        switch state.overlay {
        case .export(var dialog)? where export:
            dialog.writeFailed(message, exists: exists)
            state.overlay = .export(dialog)
        case .saveView(var dialog)? where !export:
            dialog.writeFailed(message, exists: exists)
            state.overlay = .saveView(dialog)
        default:
            state.message = StatusMessage(message, kind: .error)
        }
    }

    /// `~` and `~/…` typed into a path mean the home directory (as in a shell); other text is left as it is.
    public static func expandingTilde(_ path: String, home: String?) -> String {
        guard let home, !home.isEmpty, path == "~" || path.hasPrefix("~/") else { return path }
        let base = home.hasSuffix("/") && home.count > 1 ? String(home.dropLast()) : home
        return base + path.dropFirst()
    }
}
