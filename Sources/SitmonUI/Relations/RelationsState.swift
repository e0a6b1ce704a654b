import SitmonCore

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
            for link in group.links { rows.append(RelationRow(kind: .link, actor: link.actor, relation: link.relation)) }
        }
        self.rows = rows
        hiddenDescendants = relations.hiddenDescendants
        scroll = 0
        selection = 0
        if !isSelectable(0) { move(1) }
    }
}
