import SitmonScreen

extension Update {
    /// Applies input events read together — a paste, or keys typed while a frame was drawn — as `apply` would one
    /// by one, with the same end state, but without searching for each character: in the `/` search and the text
    /// filter, a run of editing keys only edits the field, and the run's last key runs the search (or the filter)
    /// once, for the final text. Pasting 2,000 characters into `/` at a million records took 30 s one search per
    /// key. `interrupted` is asked between events (a pending Ctrl-C or terminating signal): when it says yes, the
    /// rest of the batch is dropped, so that the loop reaches the signal at once.
    public static func apply(
        _ state: inout AppState, batch events: [InputEvent],
        interrupted: () -> Bool = { false }
    ) -> [Effect] {
        var effects: [Effect] = []
        for (k, event) in events.enumerated() {
            if interrupted() { break }
            if k + 1 < events.count, case .key(let key) = event, case .key(let next) = events[k + 1],
                LineEditor.isEdit(key), LineEditor.isEdit(next), editField(&state, key)
            {
                batchCount?.fieldEdits += 1
                continue
            }
            batchCount?.updates += 1
            let produced = apply(&state, .input(event))
            effects += produced
            // A key that quits ends the batch: what was typed after it is not applied.
            if produced.contains(where: { if case .quit = $0 { true } else { false } }) { break }
        }
        return effects
    }

    /// Counts what `apply(_:batch:interrupted:)` did, for the task that sets it: full updates (each may search)
    /// and field edits (no search). Tests check that a paste searches once.
    final class BatchCount: @unchecked Sendable {
        var updates = 0
        var fieldEdits = 0
    }
    @TaskLocal static var batchCount: BatchCount?

    /// Edits the open search or text-filter field with `key`, without searching; false (nothing changed) when
    /// neither is open, or when the terminal is too small (where the quit key quits whatever is open).
    static func editField(_ state: inout AppState, _ key: Key) -> Bool {
        guard state.layout.mode != .tooSmall else { return false }
        switch state.overlay {
        case .search(var search):
            guard search.query.handle(key) else { return false }
            state.overlay = .search(search)
            return true
        case .textFilter(var editor):
            guard editor.query.handle(key) else { return false }
            state.overlay = .textFilter(editor)
            return true
        default:
            return false
        }
    }
}
