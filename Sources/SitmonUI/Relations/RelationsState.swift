import SitmonCore
import SitmonScreen

/// One line of the relations view.
public struct RelationRow: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A group heading ("Hierarchy", "Allies", "Deposed by").
        case heading(String)
        /// A node of the hierarchy tree, with the tree guides drawn before its name (`│ ├ `, `  └ `).
        case node(depth: Int, guide: String)
        /// A related actor under a heading.
        case link
    }

    public var kind: Kind
    /// The actor on this line; nil for headings.
    public var actor: Int32?
    /// The relation behind a link.
    public var relation: Int32?
}

/// The `R` relations view of one actor: its hierarchy and relations; Enter moves to the related actor,
/// Backspace comes back.
public struct RelationsState: Sendable {
    /// The actor at the centre.
    public private(set) var actor: Int32
    public private(set) var rows: [RelationRow] = []
    /// The selected row (always a row with another actor, when there is one).
    public var selection = 0
    public var scroll = 0
    /// Actors visited before, for Backspace.
    public private(set) var trail: [Int32] = []
    /// Groups left out under a very large hierarchy.
    public private(set) var hiddenDescendants = 0

    init(actor: Int32, dataset: Dataset, index: DatasetIndex) {
        self.actor = actor
        rebuild(dataset: dataset, index: index)
    }

    /// Whether a row can be selected (it names an actor other than the centre).
    public func isSelectable(_ k: Int) -> Bool {
        guard k >= 0, k < rows.count, let other = rows[k].actor else { return false }
        return other != actor
    }

    /// The actor on the selected row.
    public var selectedActor: Int32? { isSelectable(selection) ? rows[selection].actor : nil }

    /// Moves the selection to the next selectable row in `direction` (+1 / −1), `steps` times.
    mutating func move(_ direction: Int, steps: Int = 1) {
        var k = selection
        for _ in 0..<max(1, steps) {
            var next = k + direction
            while next >= 0, next < rows.count, !isSelectable(next) { next += direction }
            guard next >= 0, next < rows.count else { break }
            k = next
        }
        selection = k
    }

    /// Centres the view on `other`, remembering the current actor for `back`.
    mutating func open(_ other: Int32, dataset: Dataset, index: DatasetIndex) {
        trail.append(actor)
        if trail.count > 100 { trail.removeFirst() }
        actor = other
        rebuild(dataset: dataset, index: index)
    }

    /// Returns to the previous actor; false when there is none.
    mutating func back(dataset: Dataset, index: DatasetIndex) -> Bool {
        guard let previous = trail.popLast() else { return false }
        let from = actor
        actor = previous
        rebuild(dataset: dataset, index: index)
        if let k = rows.firstIndex(where: { $0.actor == from && $0.actor != actor }) { selection = k }
        return true
    }

    mutating func rebuild(dataset: Dataset, index: DatasetIndex) {
        let relations = ActorRelations(actor: actor, dataset: dataset, index: index)
        var rows: [RelationRow] = []
        if relations.hierarchy.count > 1 {
            rows.append(RelationRow(kind: .heading("Hierarchy")))
            // Guides: each level above a node shows │ while that level still has siblings to come.
            var open: [Bool] = []
            for node in relations.hierarchy {
                let depth = node.depth
                open = Array(open.prefix(max(0, depth - 1)))
                var guide = ""
                for stillOpen in open { guide += stillOpen ? "│ " : "  " }
                if depth > 0 { guide += node.isLast ? "└ " : "├ " }
                if depth > 0 { open.append(!node.isLast) }
                rows.append(RelationRow(kind: .node(depth: depth, guide: guide), actor: node.actor))
            }
        }
        for group in relations.groups {
            rows.append(RelationRow(kind: .heading(group.title)))
            for link in group.links {
                rows.append(RelationRow(kind: .link, actor: link.actor, relation: link.relation))
            }
        }
        self.rows = rows
        hiddenDescendants = relations.hiddenDescendants
        scroll = 0
        selection = 0
        if !isSelectable(0) { move(1) }
    }
}

extension RelationsState: OverlayModel {
    /// The actor `R` opens: the selected actor on the actors pane (or its detail), else the first actor of the
    /// selected record (its perpetrator when it names one), else the selected actor.
    static func target(_ app: AppState) -> Int32? {
        let source = app.focus == .detail ? app.detailSource : app.focus
        if source == .timeline, let record = app.selectedRecord {
            let store = app.dataset.records
            let actors = store.actors(Int(record))
            if let perpetrator = actors.first(where: { store.isPerpetrator($0, in: Int(record)) }) {
                return perpetrator
            }
            if let first = actors.first { return first }
        }
        return app.selectedActor
    }

    mutating func handle(_ key: Key, in app: AppState) -> OverlayOutcome {
        let dataset = app.dataset, index = app.engine.index
        let page = RelationsState.listHeight(screenHeight: app.height, rows: rows.count)
        var outcome = OverlayOutcome.stay
        switch key {
        case .escape, .character("q"), .character("R"):
            return close(app)
        case .down, .character("j"), .tab: move(1)
        case .up, .character("k"), .backTab: move(-1)
        case .pageDown, .character(" "): move(1, steps: page)
        case .pageUp: move(-1, steps: page)
        case .home, .character("g"):
            selection = 0
            if !isSelectable(0) { move(1) }
        case .end, .character("G"): move(1, steps: rows.count)
        case .enter, .right, .character("l"):
            if let other = selectedActor { open(other, dataset: dataset, index: index) }
        case .backspace, .left, .character("h"), .character("u"):
            if !back(dataset: dataset, index: index) {
                outcome = outcome.with(message: "This is where the relations view started (Esc closes it)")
            }
        case .character("f"):
            outcome = outcome.toggling(actor: selectedActor ?? actor, in: app)
        default:
            break
        }
        let height = RelationsState.listHeight(screenHeight: app.height, rows: rows.count)
        if selection < scroll { scroll = selection }
        if selection >= scroll + height { scroll = selection - height + 1 }
        scroll = max(0, min(scroll, max(0, rows.count - height)))
        return outcome
    }

    /// Closes the view, leaving the actors pane on the actor last shown when it is listed there.
    func close(_ app: AppState) -> OverlayOutcome {
        if app.actorRows.contains(actor) { return OverlayOutcome.close.with(reveal: .actor(actor)) }
        if actor != RelationsState.target(app) {
            return OverlayOutcome.close.with(message: "\(app.dataset.actorLabel(actor)) is not in the current view")
        }
        return .close
    }

    /// Lines under the list: a rule, two lines about the selected relation, the keys.
    static let footerLines = 4

    /// The box on a screen of this size, for a list of `rows` rows.
    static func frame(width: Int, height: Int, rows: Int) -> Rect {
        let w = min(width, 96)
        let h = min(height, max(10, rows + footerLines + 3))
        return Rect(x: (width - w) / 2, y: (height - h) / 2, width: w, height: h)
    }

    /// Rows of the list that fit on a screen of this height.
    static func listHeight(screenHeight: Int, rows: Int) -> Int {
        let rect = frame(width: 96, height: screenHeight, rows: rows)
        return max(1, rect.height - 2 - 1 - footerLines)
    }
}
