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
        let query = state.lastSearch
        let prepared = SearchState.prepared(state, pane, query)
        let start = forward ? (current + 1) % count : current - 1 + count
        if let row = SearchState.findRow(state, pane, query, from: start, forward: forward, prepared: prepared) {
            state.cursors[pane, default: ListCursor()].selection = row
            let position =
                SearchState.matchPosition(state, pane, query, row: row, prepared: prepared)
                .map { ": " + $0.text } ?? ""
            state.message = StatusMessage("Search: \(query)\(position)" + (row == current ? " (only match)" : ""))
            let needle = TextFolding.fold(query.trimmingSpaces)
            state.searchHighlight = needle.isEmpty ? nil : SearchHighlight(pane: pane, needle: needle)
        } else {
            state.message = StatusMessage("Not found: \(query)", kind: .error)
        }
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
