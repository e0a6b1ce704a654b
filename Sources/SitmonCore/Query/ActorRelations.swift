/// An actor's place among the others: its hierarchy (the `parent` chain above it and the groups under it) and its
/// relations grouped by kind and direction ("Deposed" and "Deposed by" are separate groups), for the relations view.
public struct ActorRelations: Sendable {
    /// One related actor in a group.
    public struct Link: Sendable, Hashable {
        /// The other actor.
        public var actor: Int32
        /// The relation (index into `dataset.relations`), nil for links of the hierarchy.
        public var relation: Int32?
    }

    /// Relations of one kind and direction.
    public struct Group: Sendable, Hashable {
        /// A heading in words: "Allies", "Deposed", "Deposed by".
        public var title: String
        public var links: [Link]
    }

    /// A node of the hierarchy tree, in display order with its depth (0 = the top ancestor).
    public struct TreeNode: Sendable, Hashable {
        public var actor: Int32
        public var depth: Int
        /// True when this node is the last child of its parent (drawn with └ rather than ├).
        public var isLast: Bool
    }

    public let actor: Int32
    /// Ancestors from the top, the actor, then every group under it (depth-first, by name).
    public let hierarchy: [TreeNode]
    public let groups: [Group]

    /// Groups `actor`'s relations. Descendants are limited to `maximumDescendants` so that a huge imported
    /// hierarchy stays readable (the rest is counted in `hiddenDescendants`).
    public init(actor: Int32, dataset: Dataset, index: DatasetIndex, maximumDescendants: Int = 200) {
        self.actor = actor
        let actors = dataset.actors
        guard actor >= 0, Int(actor) < actors.count else {
            hierarchy = []
            groups = []
            hiddenDescendants = 0
            return
        }
        // Ancestors (the loader rejects cycles; the bound guards against them anyway).
        var chain: [Int32] = []
        var parent = actors[Int(actor)].parent
        while let p = parent, chain.count < 64, p != actor, !chain.contains(p), p >= 0, Int(p) < actors.count {
            chain.append(p)
            parent = actors[Int(p)].parent
        }
        var nodes: [TreeNode] = []
        for (depth, a) in chain.reversed().enumerated() {
            nodes.append(TreeNode(actor: a, depth: depth, isLast: true))
        }
        nodes.append(TreeNode(actor: actor, depth: chain.count, isLast: true))
        // Children of each actor, by name.
        var children: [Int32: [Int32]] = [:]
        for member in index.actorFamilies[Int(actor)].dropFirst() {
            if let p = actors[Int(member)].parent { children[p, default: []].append(member) }
        }
        for key in Array(children.keys) {
            children[key]?.sort { actors[Int($0)].name.lowercased() < actors[Int($1)].name.lowercased() }
        }
        var hidden = 0
        var visited: Set<Int32> = [actor]
        func descend(_ a: Int32, _ depth: Int) {
            let list = children[a] ?? []
            for (k, child) in list.enumerated() where !visited.contains(child) {
                visited.insert(child)
                if nodes.count - chain.count - 1 >= maximumDescendants {
                    hidden += 1
                    continue
                }
                nodes.append(TreeNode(actor: child, depth: depth, isLast: k == list.count - 1))
                if depth < 32 { descend(child, depth + 1) }
            }
        }
        descend(actor, chain.count + 1)
        hierarchy = nodes
        hiddenDescendants = hidden

        // Relations, grouped by kind and direction, in a fixed order of kinds.
        var grouped: [String: [Link]] = [:]
        var order: [String] = []
        for k in index.relationsByActor[Int(actor)] {
            let relation = dataset.relations[Int(k)]
            let outgoing = relation.from == actor
            let other = outgoing ? relation.to : relation.from
            guard other >= 0, Int(other) < actors.count else { continue }
            let title = ActorRelations.title(relation.kind, outgoing: outgoing)
            if grouped[title] == nil { order.append(title) }
            grouped[title, default: []].append(Link(actor: other, relation: k))
        }
        let rank = Dictionary(uniqueKeysWithValues: ActorRelations.titleOrder.enumerated().map { ($1, $0) })
        order.sort { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }
        groups = order.map { title in
            let links = (grouped[title] ?? []).sorted { a, b in
                let da = a.relation.flatMap { dataset.relations[Int($0)].start },
                    db = b.relation.flatMap { dataset.relations[Int($0)].start }
                if da != db { return (da?.day ?? Int32.min) < (db?.day ?? Int32.min) }
                return actors[Int(a.actor)].name.lowercased() < actors[Int(b.actor)].name.lowercased()
            }
            return Group(title: title, links: links)
        }
    }

    /// Groups under the actor left out by `maximumDescendants`.
    public let hiddenDescendants: Int

    /// The heading of a relation seen from one of its ends.
    public static func title(_ kind: RelationKind, outgoing: Bool) -> String {
        switch kind {
        case .allied: "Allies"
        case .rival: "Rivals"
        case .fights: outgoing ? "Fights" : "Fought by"
        case .partOf: outgoing ? "Part of" : "Includes"
        case .memberOf: outgoing ? "Member of" : "Members"
        case .leads: outgoing ? "Leads" : "Led by"
        case .deposes: outgoing ? "Deposed" : "Deposed by"
        case .sanctions: outgoing ? "Sanctioned" : "Sanctioned by"
        case .supports: outgoing ? "Supports" : "Supported by"
        case .detains: outgoing ? "Detained" : "Detained by"
        case .appoints: outgoing ? "Appointed" : "Appointed by"
        case .condemns: outgoing ? "Condemned" : "Condemned by"
        case .succeeds: outgoing ? "Succeeded" : "Succeeded by"
        case .negotiatesWith: "Negotiates with"
        case .other: "Other relations"
        }
    }

    /// Headings in the order the view shows them: structure, then alignment, then acts between actors.
    static let titleOrder = [
        "Part of", "Includes", "Member of", "Members", "Leads", "Led by",
        "Allies", "Supports", "Supported by", "Rivals", "Fights", "Fought by",
        "Deposed", "Deposed by", "Sanctioned", "Sanctioned by", "Detained", "Detained by",
        "Appointed", "Appointed by", "Succeeded", "Succeeded by", "Negotiates with", "Condemned", "Condemned by",
        "Other relations",
    ]
}
