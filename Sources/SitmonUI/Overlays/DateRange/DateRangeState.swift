import SitmonCore
import SitmonScreen

/// The `d` date range dialog: two fields, since and until; Enter checks and applies them.
public struct DateRangeState: Sendable, OverlayModel {
    /// The field being edited.
    public enum Field: Sendable, Hashable {
        case since, until

        /// The other field.
        var other: Field { self == .since ? .until : .since }
    }

    public var since: LineEditor
    public var until: LineEditor
    public var field = Field.since
    public var error: String?

    public init(since: PartialDate?, until: PartialDate?) {
        self.since = LineEditor(since?.description ?? "")
        self.until = LineEditor(until?.description ?? "")
    }

    mutating func handle(_ key: Key, in app: AppState) -> OverlayOutcome {
        switch key {
        case .escape:
            return .close
        case .tab, .backTab, .down, .up:
            field = field.other
        case .enter:
            let sinceText = since.text.trimmingSpaces, untilText = until.text.trimmingSpaces
            let from = sinceText.isEmpty ? nil : PartialDate(iso: sinceText)
            let to = untilText.isEmpty ? nil : PartialDate(iso: untilText)
            if !sinceText.isEmpty && from == nil {
                error = "“\(sinceText)” is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
            } else if !untilText.isEmpty && to == nil {
                error = "“\(untilText)” is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
            } else if let s = from, let u = to, u.lastDay < s.day {
                error = "the end is before the start"
            } else {
                var filter = app.filter
                filter.since = from
                filter.until = to
                return OverlayOutcome.close.with(filter: filter).with(
                    message: from == nil && to == nil
                        ? "Date range cleared" : "Dates: \(from?.description ?? "…") – \(to?.description ?? "…")")
            }
        default:
            switch field {
            case .since: _ = since.handle(key)
            case .until: _ = until.handle(key)
            }
            error = nil
        }
        return .stay
    }
}
