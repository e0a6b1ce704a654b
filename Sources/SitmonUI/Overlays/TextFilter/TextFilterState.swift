import SitmonCore
import SitmonScreen

/// `f`: the text of the filter, edited on the footer line; every keystroke narrows the panes (no undo step yet);
/// Enter keeps it as one undo step from the filter before `f`, Esc goes back to that filter.
///
/// A text typed before the records' search text is ready (built on the second core after the first frame) is not
/// applied at once, which would wait for it (≈ 0.7 s at a million records): the panes keep the filter before `f`,
/// the footer says "searching…" (`waiting`), and `.searchTextReady` applies the text typed by then. Enter meanwhile
/// closes the field and keeps the text once the search text is ready (`AppState.waitingTextFilter`).
public struct TextFilterState: Sendable, OverlayModel {
    public var query: LineEditor
    /// The filter before `f`: Esc goes back to it, and Enter makes the new text one undo step from it.
    public var origin: Filter
    /// True when the text typed is not applied yet: it waits for the records' search text.
    public var waiting = false

    public init(origin: Filter) {
        self.origin = origin
        query = LineEditor(origin.text)
    }

    mutating func handle(_ key: Key, in app: AppState) -> OverlayOutcome {
        switch key {
        case .escape:
            return OverlayOutcome.close.with(filter: origin, undoable: false).with(message: "Text filter cancelled")
        case .enter:
            guard waiting else { return Self.keep(app.filter, from: origin, in: app) }
            var outcome = OverlayOutcome.close
            outcome.waitingTextFilter = WaitingTextFilter(origin: origin, filter: typed)
            return outcome.with(message: "Filter: text “\(query.text.trimmingSpaces)”: searching…")
        default:
            guard query.handle(key) else { return .stay }
            return apply(in: app)
        }
    }

    /// The filter before `f` with the text typed.
    var typed: Filter {
        var filter = origin
        filter.text = query.text
        return filter
    }

    /// Applies the text typed (no undo step), unless it must wait for the records' search text (`waiting`). A
    /// keystroke, and `.searchTextReady` for a text that waited.
    mutating func apply(in app: AppState) -> OverlayOutcome {
        let filter = typed
        waiting = !TextMatcher(filter.text).isEmpty && !app.engine.isSearchPrepared
        return waiting ? .stay : OverlayOutcome.stay.with(filter: filter, undoable: false)
    }

    /// Enter: closes the field, keeping `kept` (whose view is the one shown) as one undo step from `origin`.
    static func keep(_ kept: Filter, from origin: Filter, in app: AppState) -> OverlayOutcome {
        guard kept != origin else {
            return OverlayOutcome.close.with(
                message: kept.text.trimmingSpaces.isEmpty
                    ? "No text filter"
                    : "Text filter unchanged")
        }
        // Back to the origin without a step, then forward with one: u returns to the filter before f. Both
        // views are among the engine's recent ones, so neither is computed again. The view is already that of
        // the kept text.
        let text = kept.text.trimmingSpaces
        let count = app.view.records.count
        return OverlayOutcome.close.with(filter: kept, from: origin)
            .with(
                message: text.isEmpty
                    ? "Text filter removed (u to undo)"
                    : "Filter: text “\(text)”: \(count) record\(count == 1 ? "" : "s") (u to undo)")
    }
}

/// A text filter kept with Enter before the records' search text was ready: `.searchTextReady` applies it as one
/// undo step from `origin`; a key pressed before then applies it first (waiting for the text).
public struct WaitingTextFilter: Sendable, Hashable {
    public var origin: Filter
    public var filter: Filter
}
