import Testing
@testable import SitmonCore

/// Actor and region families (a node with everything under it) in linear space and time, issue #16: a 20,000-deep
/// actor chain took 14.5 s and 1 GB to show, when each family was a list of its own (n(n+1)/2 entries).
@Suite("Families")
struct FamiliesTests {
    /// A dataset whose actors and regions each form one chain `depth` deep (each the parent of the next), with an
    /// incident at the deepest region by the deepest actor.
    static func chains(_ depth: Int) -> String {
        var mini = MiniDataset()
        mini.actors =
            "["
            + (0..<depth).map { k in
                #"{"id": "a\#(k)", "name": "Actor \#(k)", "kind": "militia""#
                    + (k > 0 ? #", "parent": "a\#(k - 1)""# : "") + #", "sources": ["s1"]}"#
            }.joined(separator: ",") + "]"
        mini.regions =
            "["
            + (0..<depth).map { k in
                #"{"id": "r\#(k)", "name": "Region \#(k)", "kind": "region", "zone": "centre""#
                    + (k > 0 ? #", "parent": "r\#(k - 1)""# : "") + #", "sources": ["s1"]}"#
            }.joined(separator: ",") + "]"
        mini.incidents =
            #"[{"id": "i1", "date": "2020-01-02", "category": "attack", "region": "r\#(depth - 1)", "#
            + #""perpetrators": ["a\#(depth - 1)"], "sources": ["s1"]}]"#
        return mini.json
    }

    @Test("a 20,000-deep chain is stored in linear space, and the top actor and region include the deepest")
    func deepChain() throws {
        let depth = 20_000
        let engine = QueryEngine(dataset: try Load.dataset(Self.chains(depth)))
        let actors = engine.index.actorFamilies, regions = engine.index.regionFamilies
        // Four numbers per node (order, start, size, depth); one list per family held n(n+1)/2 = 2·10⁸.
        #expect(actors.storedCount == 4 * depth)
        #expect(regions.storedCount == 4 * depth)
        #expect(actors[0].count == depth)
        #expect(actors[depth - 1] == [Int32(depth - 1)])
        #expect(actors.depths[depth - 1] == Int32(depth - 1))
        #expect(regions[0].count == depth)
        // Filtering by the top of either chain finds the incident far below it.
        #expect(engine.recordIds(engine.run(Filter(actors: [0]))) == ["i1"])
        #expect(engine.recordIds(engine.run(Filter(regions: [0]))) == ["i1"])
        #expect(engine.recordIds(engine.run(Filter(actors: [Int32(depth - 1)], regions: [Int32(depth / 2)]))) == ["i1"])
    }

    @Test("families are each node with every node whose parent chain reaches it, itself first (random forests)")
    func matchesTheDefinition() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let count = Int.random(in: 0...40, using: &random)
            // Parents point to earlier nodes (no cycles), sometimes out of range or to the node itself.
            let parents: [Int32?] = (0..<count).map { k in
                switch Int.random(in: 0..<10, using: &random) {
                case 0, 1: nil
                case 2: Int32(count + 3)
                case 3: Int32(k)
                default: k == 0 ? nil : Int32(Int.random(in: 0..<k, using: &random))
                }
            }
            let families = Families(count: count) { parents[$0] }
            func parent(_ k: Int) -> Int? {
                guard let p = parents[k], p >= 0, Int(p) < count, Int(p) != k else { return nil }
                return Int(p)
            }
            var expected = (0..<count).map { Set([Int32($0)]) }
            var depths = [Int32](repeating: 0, count: count)
            for node in 0..<count {
                var p = parent(node)
                while let up = p {
                    expected[up].insert(Int32(node))
                    depths[node] += 1
                    p = parent(up)
                }
            }
            for node in 0..<count {
                #expect(families[node].first == Int32(node))
                #expect(Set(families[node]) == expected[node])
                #expect(families[node].count == expected[node].count)
                #expect(families.depths[node] == depths[node])
            }
        }
    }

    @Test("a parent cycle (refused by the loader) still gives every node a family, each node once")
    func cycleStillEnds() {
        let parents: [Int32?] = [1, 2, 0, 0]
        let families = Families(count: 4) { parents[$0] }
        #expect(families.order.count == 4)
        #expect(Set(families.order) == [0, 1, 2, 3])
        for node in 0..<4 { #expect(families[node].first == Int32(node)) }
    }
}
