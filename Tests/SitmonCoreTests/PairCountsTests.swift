import Testing
@testable import SitmonCore
import SitmonGenerate

/// `PairCounts` hands back each region's perpetrator groups, most counted first: the same whichever way it counts
/// (a flat array for few regions × actors, sorted pairs for many, a dictionary beyond 32 bits).
@Suite struct PairCountsTests {
    /// Each region's (actor, count), most counted first, then by actor: counted with a dictionary.
    static func expected(_ pairs: [(Int, Int)], regions: Int) -> [[ActorCount]] {
        var counts: [Int: [Int: Int]] = [:]
        for (region, actor) in pairs { counts[region, default: [:]][actor, default: 0] += 1 }
        return (0..<regions).map { region in
            (counts[region] ?? [:]).map { ActorCount(actor: Int32($0.key), count: $0.value) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0.actor < $1.actor }
        }
    }

    @Test(
        "groups equal a dictionary count: flat array, sorted pairs, wide keys; few and many repeats",
        arguments: [(30, 200), (1000, 20000), (70000, 70000)])
    func sameGroups(regions: Int, actors: Int) {
        var random = SplitMix64(seed: UInt64(regions))
        for round in 0..<4 {
            var counts = PairCounts(regionCount: regions, actorCount: actors, expected: round * 100)
            var pairs: [(Int, Int)] = []
            // Round 0: none; 1: a few; 2: many pairs drawn from a small set (counts above 64, the counting sort's
            // limit); 3: spread thin.
            let n = [0, 20, 6000, 3000][round]
            for _ in 0..<n {
                let region = round == 2 ? random.below(min(regions, 3)) : random.below(regions)
                let actor = round == 2 ? random.below(min(actors, 40)) : random.below(actors)
                pairs.append((region, actor))
                counts.increment(region: region, actor: actor)
            }
            let groups = counts.groups()
            #expect(groups.count == regions)
            #expect(groups == Self.expected(pairs, regions: regions), "round \(round), \(regions) × \(actors)")
        }
    }

    @Test("the radix sort orders keys as a plain sort does, for key spaces of one to three passes")
    func radixSort() {
        var random = SplitMix64(seed: 3)
        for limit in [2, 2048, 5000, 1 << 22, 20_000_000] {
            let keys = (0..<5000).map { _ in UInt32(random.below(limit)) }
            #expect(PairCounts.radixSorted(keys, below: limit) == keys.sorted(), "below \(limit)")
        }
        #expect(PairCounts.radixSorted([], below: 100).isEmpty)
    }
}
