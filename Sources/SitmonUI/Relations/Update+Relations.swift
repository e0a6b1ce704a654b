import SitmonCore
import SitmonScreen

extension Update {
    /// The actor `R` opens: the selected actor on the actors pane (or its detail), else the first actor of the
    /// selected record (its perpetrator when it names one), else the selected actor.
    static func relationsTarget(_ state: AppState) -> Int32? {
        let source = state.focus == .detail ? state.detailSource : state.focus
        if source == .timeline, let record = state.selectedRecord {
            let store = state.dataset.records
            let actors = store.actors(Int(record))
            if let perpetrator = actors.first(where: { store.isPerpetrator($0, in: Int(record)) }) { return perpetrator }
            if let first = actors.first { return first }
        }
        return state.selectedActor
    }

    /// `R`: opens the relations view.
    static func openRelations(_ state: inout AppState) {
        let source = state.focus == .detail ? state.detailSource : state.focus
        if source == .regions || source == .map {
            let actors = state.keymap.primaryLabel(.focusActors) ?? "1"
            let timeline = state.keymap.primaryLabel(.focusTimeline) ?? "2"
            state.message = StatusMessage("Relations are between actors, not regions: press \(actors) for the Actors pane "
                + "or \(timeline) for the Timeline, then R")
            return
        }
        guard let actor = relationsTarget(state), actor >= 0, Int(actor) < state.dataset.actors.count else {
            state.message = StatusMessage("No actor selected: pick one in the actors pane (1) first")
            return
        }
        state.overlay = .relations(RelationsState(actor: actor, dataset: state.dataset, index: state.engine.index))
    }

    static func handleRelations(_ state: inout AppState, _ relations: inout RelationsState, _ key: Key) {
        let dataset = state.dataset, index = state.engine.index
        let page = max(1, RelationsRenderer.listHeight(screenHeight: state.height, rows: relations.rows.count))
        switch key {
        case .escape, .character("q"), .character("R"):
            closeRelations(&state, relations)
            return
        case .down, .character("j"), .tab: relations.move(1)
        case .up, .character("k"), .backTab: relations.move(-1)
        case .pageDown, .character(" "): relations.move(1, steps: page)
        case .pageUp: relations.move(-1, steps: page)
        case .home, .character("g"):
            relations.selection = 0
            if !relations.isSelectable(0) { relations.move(1) }
        case .end, .character("G"): relations.move(1, steps: Int.max / 4)
        case .enter, .right, .character("l"):
            if let other = relations.selectedActor { relations.open(other, dataset: dataset, index: index) }
        case .backspace, .left, .character("h"), .character("u"):
            if !relations.back(dataset: dataset, index: index) {
                state.message = StatusMessage("This is where the relations view started (Esc closes it)")
            }
        case .character("f"):
            state.toggleInFilter(actor: relations.selectedActor ?? relations.actor)
        default:
            break
        }
        let height = RelationsRenderer.listHeight(screenHeight: state.height, rows: relations.rows.count)
        if relations.selection < relations.scroll { relations.scroll = relations.selection }
        if relations.selection >= relations.scroll + height { relations.scroll = relations.selection - height + 1 }
        relations.scroll = max(0, min(relations.scroll, max(0, relations.rows.count - height)))
        state.overlay = .relations(relations)
    }

    /// Closes the view, leaving the actors pane on the actor last shown when it is listed there.
    static func closeRelations(_ state: inout AppState, _ relations: RelationsState) {
        state.overlay = nil
        if let k = state.actorRows.firstIndex(of: relations.actor) {
            state.cursors[.actors, default: ListCursor()].selection = k
            if state.focus == .actors || state.detailSource == .actors { state.cursors[.detail] = ListCursor() }
        } else if relations.actor != relationsTarget(state) {
            state.message = StatusMessage("\(state.dataset.actorLabel(relations.actor)) is not in the current view")
        }
    }
}
