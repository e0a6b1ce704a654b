import SitmonCore
import SitmonScreen

/// `f`: the text of the filter, edited on the footer line; every keystroke narrows the panes (no undo step yet);
/// Enter keeps it as one undo step from the filter before `f`, Esc goes back to that filter.
public struct TextFilterState: Sendable, OverlayModel {
    public var query: LineEditor
    /// The filter before `f`: Esc goes back to it, and Enter makes the new text one undo step from it.
    public var origin: Filter

    public init(origin: Filter) {
        self.origin = origin
        query = LineEditor(origin.text)
    }

    mutating func handle(_ key: Key, in app: AppState) -> OverlayOutcome {
        switch key {
        case .escape:
            return OverlayOutcome.close.with(filter: origin, undoable: false).with(message: "Text filter cancelled")
        case .enter:
            let kept = app.filter
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
        default:
            guard query.handle(key) else { return .stay }
            var filter = origin
            filter.text = query.text
            return OverlayOutcome.stay.with(filter: filter, undoable: false)
        }
    }
}
