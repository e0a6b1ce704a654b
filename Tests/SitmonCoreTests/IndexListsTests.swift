import Testing
@testable import SitmonCore
@testable import SitmonGenerate

/// The index's lists by key built on two threads (`DatasetIndex.listsOnTwoThreads`, what `sitmon export` builds)
/// against the one-thread build (`DatasetIndex.lists`), and the index built both ways.
@Suite("Index lists on two threads")
struct IndexListsTests {
    /// Random records' keys: mostly a few, some more than 16 (the other way of finding repeats), repeats and keys
    /// out of range (-1, `count`) among them; `records` in a random order, not all of them.
    static func randomInput(seed: UInt64) -> (count: Int, records: [Int32], offsets: [UInt32], keys: [Int32]) {
        var random = SplitMix64(seed: seed)
        let count = random.int(1...60)
        let n = random.int(0...700)
        var offsets: [UInt32] = [0], keys: [Int32] = []
        for _ in 0..<n {
            let many = random.below(10) == 0
            let size = many ? random.int(17...90) : random.below(6)
            for _ in 0..<size {
                let roll = random.below(20)
                keys.append(roll == 0 ? -1 : roll == 1 ? Int32(count) : Int32(random.below(many ? count : 4)))
            }
            offsets.append(UInt32(keys.count))
        }
        var records = (0..<Int32(n)).map { $0 }
        records.shuffle(using: &random)
        records.removeLast(random.below(max(n / 4, 1)))
        return (count, records, offsets, keys)
    }

    @Test("the same lists as one thread gives, on random records", arguments: Array(1...40) as [UInt64])
    func sameLists(seed: UInt64) {
        let input = Self.randomInput(seed: seed)
        let one = DatasetIndex.lists(
            count: input.count, of: input.records, offsets: input.offsets, keys: input.keys)
        let two = DatasetIndex.listsOnTwoThreads(
            count: input.count, of: input.records, offsets: input.offsets, keys: input.keys)
        #expect(two.offsets == one.offsets)
        #expect(two.items == one.items)
        // Each record at most once per key, in the order of `records`.
        for key in 0..<input.count {
            let list = Array(two[key])
            #expect(Set(list).count == list.count)
        }
    }

    @Test("the monitor's index builds its lists by actor and region when first asked, and says when they are")
    func listsBuiltOnDemand() {
        let dataset = SyntheticDataset.make(records: 2_000, seed: 12)
        let engine = QueryEngine(dataset: dataset)
        #expect(!engine.index.keyLists.isBuilt, "the first frame does not wait for the lists")
        #expect(!engine.isSearchPrepared)
        engine.prepareLists()
        #expect(engine.index.keyLists.isBuilt)
        #expect(!engine.isSearchPrepared, "the search text is not built yet")
        let lean = DatasetIndex(dataset, packedTallies: false)
        #expect(!lean.keyLists.isBuilt, "an export's index builds them when first asked for too")
        #expect(engine.index.recordsByActor.items == lean.recordsByActor.items)
        #expect(engine.index.recordsByRegion.offsets == lean.recordsByRegion.offsets)
        engine.prepareSearch()
        #expect(engine.isSearchPrepared)
    }

    @Test("an index for one filter (no tally rows) has the lists and orders of the full one")
    func exportIndex() {
        let dataset = SyntheticDataset.make(records: 3_000, seed: 11)
        let full = DatasetIndex(dataset), lean = DatasetIndex(dataset, packedTallies: false)
        #expect(lean.byDate == full.byDate)
        #expect(lean.dateRank == full.dateRank)
        #expect(lean.recordsByActor.offsets == full.recordsByActor.offsets)
        #expect(lean.recordsByActor.items == full.recordsByActor.items)
        #expect(lean.recordsByRegion.offsets == full.recordsByRegion.offsets)
        #expect(lean.recordsByRegion.items == full.recordsByRegion.items)
        #expect(lean.actorsByName == full.actorsByName)
        #expect(lean.regionNameRank == full.regionNameRank)
        #expect(lean.actorNames == full.actorNames)
        #expect(lean.actorFamilies.order == full.actorFamilies.order)
        #expect(lean.tallyRows.isEmpty && full.tallyRows.count == dataset.records.count)
    }
}
