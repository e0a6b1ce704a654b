/// Every node of a forest (actors or regions under their `parent`) with the nodes under it, built in one pass and
/// stored in linear space: one depth-first order in which each node's descendants directly follow it, so a family
/// is a slice of that order. A chain of n nodes costs n entries, not n(n+1)/2 (a 20,000-deep chain took 1 GB
/// and 14 s when each family was its own list).
public struct Families: Sendable {
    /// All nodes in depth-first order, children in file order.
    public let order: [Int32]
    /// The position of each node in `order`.
    private let start: [Int32]
    /// The size of each node's family, itself included.
    private let size: [Int32]
    /// Each node's depth: the number of ancestors above it (0 for a node without a parent).
    public let depths: [Int32]

    /// The families of `count` nodes whose parents `parent` gives (nil, out of range or the node itself: none).
    /// Parent cycles are refused by the loader; nodes on one anyway are each reached once, from the first of
    /// them, so the build still ends and stays linear.
    public init(count: Int, parent: (Int) -> Int32?) {
        var parents = [Int32](repeating: -1, count: count)
        for node in 0..<count {
            if let p = parent(node), p >= 0, Int(p) < count, Int(p) != node { parents[node] = p }
        }
        let children = FlatLists(count: count) { emit in
            for node in 0..<count where parents[node] >= 0 { emit(parents[node], Int32(node)) }
        }
        var order: [Int32] = []
        order.reserveCapacity(count)
        var start = [Int32](repeating: -1, count: count)
        var size = [Int32](repeating: 1, count: count)
        var depths = [Int32](repeating: 0, count: count)
        var stack: [(node: Int32, next: Int)] = []
        func visit(from root: Int) {
            start[root] = Int32(order.count)
            order.append(Int32(root))
            stack.append((Int32(root), 0))
            while let top = stack.last {
                let list = children[Int(top.node)]
                if top.next < list.count {
                    stack[stack.count - 1].next += 1
                    let child = list[list.startIndex + top.next]
                    guard start[Int(child)] < 0 else { continue }
                    start[Int(child)] = Int32(order.count)
                    depths[Int(child)] = depths[Int(top.node)] + 1
                    order.append(child)
                    stack.append((child, 0))
                } else {
                    size[Int(top.node)] = Int32(order.count) - start[Int(top.node)]
                    stack.removeLast()
                }
            }
        }
        for node in 0..<count where parents[node] < 0 { visit(from: node) }
        for node in 0..<count where start[node] < 0 { visit(from: node) }
        self.order = order
        self.start = start
        self.size = size
        self.depths = depths
    }

    /// The number of nodes.
    public var count: Int { start.count }

    /// Entries stored for all families together: one per node, however deep the hierarchy.
    public var storedCount: Int { order.count + start.count + size.count + depths.count }

    /// `node` first, then every node whose parent chain reaches it (depth-first, children in file order).
    public subscript(node: Int) -> ArraySlice<Int32> {
        guard node >= 0, node < start.count else { return [] }
        let from = Int(start[node])
        return order[from..<from + Int(size[node])]
    }
}
