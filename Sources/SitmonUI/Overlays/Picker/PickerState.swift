import SitmonCore
import SitmonScreen

/// The fuzzy pick list of `a` (actors) and `r` (regions): Enter toggles the pick in the filter.
public struct PickerState: Sendable, OverlayModel {
    public enum Kind: Sendable { case actor, region }
    public var kind: Kind
    public var query = LineEditor()
    /// Matching indexes, best first.
    public var matches: [Int32] = []
    public var selection = 0
    public var scroll = 0

    public init(kind: Kind) { self.kind = kind }

    /// The list for an empty query: every actor or region by name.
    init(kind: Kind, in app: AppState) {
        self.kind = kind
        refresh(app)
    }

    mutating func handle(_ key: Key, in app: AppState) -> OverlayOutcome {
        let last = max(0, matches.count - 1)
        switch key {
        case .escape:
            return .close
        case .enter:
            guard selection < matches.count else { return .close }
            let item = matches[selection]
            // The list pane follows the pick, so the next Enter or R acts on what was just chosen.
            switch kind {
            case .actor: return OverlayOutcome.close.toggling(actor: item, in: app).with(reveal: .actor(item))
            case .region: return OverlayOutcome.close.toggling(region: item, in: app).with(reveal: .region(item))
            }
        case .down, .control("n"), .tab: selection = min(selection + 1, last)
        case .up, .control("p"), .backTab: selection = max(0, selection - 1)
        case .pageDown: selection = min(selection + 10, last)
        case .pageUp: selection = max(0, selection - 10)
        default:
            if query.handle(key) {
                selection = 0
                refresh(app)
            }
        }
        return .stay
    }

    /// The matches of the query, best first (by name when the query is empty).
    mutating func refresh(_ app: AppState) {
        let index = app.engine.index
        let names = kind == .actor ? index.actorNames : index.regionNames
        let folded = TextFolding.fold(query.text.trimmingSpaces)
        if folded.isEmpty {
            // Every name, in the index's name order (sorted once per dataset).
            let order = kind == .actor ? index.actorsByName : index.regionsByName
            matches = order.filter { !names[Int($0)].isEmpty }
        } else {
            var scored: [(Int, Int32)] = []
            for (k, list) in names.enumerated() {
                var best: Int?
                for name in list {
                    if let score = FuzzyScore.score(folded, name), score > best ?? Int.min { best = score }
                }
                if let best { scored.append((best, Int32(k))) }
            }
            matches = scored.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.map(\.1)
        }
        selection = min(selection, max(0, matches.count - 1))
    }
}
