import Testing
@testable import SitmonCore
@testable import SitmonGenerate

/// The short cuts of an export's and the monitor's start: a filter on actors or regions answered from the store's
/// columns before the index's lists are built, an actor looked up through the index's folded names, the labels of
/// a fresh import not made again. Each must give what the long way gives.
@Suite("Start-up short cuts")
struct StartUpShortcutsTests {
    @Test(
        "the records of chosen keys and their families from the store's columns: the lists' set, on random records",
        arguments: Array(1...30) as [UInt64])
    func recordsFromColumns(seed: UInt64) {
        let input = IndexListsTests.randomInput(seed: seed)
        var random = SplitMix64(seed: seed &+ 1000)
        let n = input.offsets.count - 1
        // A family tree over the keys (some keys under others), and a rank for each record.
        let families = Families(count: input.count) { k in
            k > 0 && random.below(3) == 0 ? Int32(random.below(k)) : nil
        }
        var rank = (0..<Int32(n)).map { $0 }
        rank.shuffle(using: &random)
        let lists = DatasetIndex.lists(
            count: input.count, of: (0..<Int32(n)).map { $0 }, offsets: input.offsets, keys: input.keys)
        for _ in 0..<5 {
            let chosen = (0..<random.int(1...4)).map { _ in Int32(random.below(input.count + 2)) - 1 }
            var expected = Set<Int>()
            for c in chosen where c >= 0 && Int(c) < input.count {
                for member in families[Int(c)] { for i in lists[Int(member)] { expected.insert(Int(rank[Int(i)])) } }
            }
            let set = QueryEngine.records(
                of: chosen, count: input.count, families, offsets: input.offsets, keys: input.keys, dateRank: rank)
            var got = Set<Int>()
            set.forEach { got.insert($0) }
            #expect(got == expected, "chosen \(chosen)")
        }
    }

    @Test("an export's index builds no lists for a filter on actors or regions, and gives the monitor's views")
    func exportViewsWithoutLists() {
        let dataset = SyntheticDataset.make(records: 3_000, seed: 7)
        let lean = QueryEngine(dataset: dataset, packedTallies: false)
        let full = QueryEngine(dataset: dataset)
        full.prepareLists()
        let actors = dataset.actors.indices.map { Int32($0) }
        let regions = dataset.regions.indices.map { Int32($0) }
        var filters: [Filter] = []
        for a in actors.prefix(12) { filters.append(Filter(actors: [a])) }
        for r in regions.prefix(12) { filters.append(Filter(regions: [r])) }
        filters.append(Filter(actors: [actors[1], actors[3]], regions: [regions[0], regions[2]]))
        filters.append(Filter(actors: [-1, Int32(actors.count)], regions: [Int32(regions.count)]))
        for filter in filters {
            let quick = lean.compute(filter)
            #expect(!lean.index.keyLists.isBuilt, "one query never builds the lists")
            let listed = full.compute(filter, packed: false)
            #expect(quick.records == listed.records, "\(filter)")
            #expect(quick.actorCounts == listed.actorCounts)
            #expect(quick.eventCount == listed.eventCount && quick.incidentCount == listed.incidentCount)
            #expect(quick.regions == listed.regions && quick.monthly == listed.monthly)
        }
        // Once the lists are built they are used, with the same answers.
        lean.prepareLists()
        #expect(lean.index.keyLists.isBuilt)
        for filter in filters { #expect(lean.compute(filter).records == full.compute(filter).records) }
    }

    /// Every part of two views, compared.
    static func expectSame(_ a: View, _ b: View, _ note: String) {
        #expect(a.records == b.records, "\(note)")
        #expect(a.actorCounts == b.actorCounts, "\(note)")
        #expect(a.actors == b.actors, "\(note)")
        #expect(a.regions == b.regions, "\(note)")
        #expect(a.eventCount == b.eventCount && a.incidentCount == b.incidentCount, "\(note)")
        #expect(a.fatalities == b.fatalities && a.eventFatalities == b.eventFatalities, "\(note)")
        #expect(a.monthly == b.monthly, "\(note)")
        #expect(a.assessments == b.assessments, "\(note)")
    }

    @Test(
        "a pass over every row on both cores (the first frame's view) gives the one-core view, and the same totals",
        arguments: [(3_000, UInt64(3)), (4_001, UInt64(8)), (2_500, UInt64(21))])
    func passOnBothCores(_ size: (records: Int, seed: UInt64)) {
        let dataset = SyntheticDataset.make(records: size.records, seed: size.seed)
        let split = QueryEngine(dataset: dataset), single = QueryEngine(dataset: dataset)
        let store = dataset.records
        let days = (0..<store.count).map { store.starts[$0] }.sorted()
        let middle = PartialDate(day: days[days.count / 2], precision: .day)
        let late = PartialDate(day: days[days.count * 3 / 4], precision: .day)
        let filters: [Filter] = [
            .all, Filter(since: middle), Filter(until: middle), Filter(since: middle, until: late),
            Filter(categories: [.armedClash]), Filter(categories: [.coup, .remoteViolence]),
            Filter(minimumSeverity: .warning),
            Filter(since: middle, categories: [.armedClash], minimumSeverity: .critical),
        ]
        for filter in filters {
            // Split anywhere from the first records on (the two halves at every size), or not at all.
            Self.expectSame(
                split.compute(filter, splitMinimum: 2), single.compute(filter, splitMinimum: .max), "\(filter)")
        }
        // The totals the unfiltered pass kept are those a broad text filter then starts from.
        for text in ["a", "e", "mali"] {
            Self.expectSame(
                split.compute(Filter(text: text), splitMinimum: 2), single.compute(Filter(text: text)), text)
        }
    }

    /// The look-up as it was before it used the index's folded names: each step folding every actor's names.
    static func referenceLookup(_ query: String, in engine: QueryEngine) -> Lookup.Match {
        let actors = engine.dataset.actors
        let folded = TextFolding.fold(query.trimmingSpaces)
        if !folded.isEmpty {
            let steps: [(Actor) -> [String]] = [
                { [$0.id] }, { [$0.name, $0.shortName ?? ""] }, { $0.aliases },
                { ([$0.name] + $0.aliases).compactMap(ActorLabels.shortPrefix) },
            ]
            for names in steps {
                let matches = actors.indices.filter { k in
                    names(actors[k]).contains { !$0.isEmpty && TextFolding.fold($0) == folded }
                }
                if matches.count == 1 { return .found(Int32(matches[0])) }
                if matches.count > 1 { return .ambiguous(matches.map { Int32($0) }) }
            }
        }
        return Lookup.find(query, names: engine.index.actorNames) { engine.dataset.actorLabel($0) }
    }

    @Test("an actor looked up through the index's folded names: what folding every actor's names found")
    func lookupThroughIndex() {
        var random = SplitMix64(seed: 99)
        let words = ["JNIM", "Jnim", "ISGS", "Ménaka", "menaka", "Wagner", "FAMa", "MSA", "Dozo", "Ansar", "Katiba"]
        func pick() -> String { words[random.below(words.count)] }
        var actors: [Actor] = []
        for k in 0..<120 {
            let short = random.below(3) == 0 ? nil : pick()
            let name = random.below(4) == 0 ? pick() : "\(pick()): \(pick()) Group \(k % 40)"
            let aliases = random.below(4) == 0 ? [pick()] : []
            let id = random.below(10) == 0 ? pick().lowercased() : "actor-\(k)"
            actors.append(Actor(id: id, name: name, shortName: short, aliases: aliases, kind: .other))
        }
        let engine = QueryEngine(dataset: Dataset(info: DatasetInfo(id: "d", title: "D"), actors: actors))
        var queries = words + words.map { " \($0.uppercased()) " } + ["actor-7", "ACTOR-12", "", "zzz", "group 3"]
        queries += actors.prefix(30).flatMap { [$0.name, $0.id] }
        for query in queries {
            #expect(Lookup.actor(query, in: engine) == Self.referenceLookup(query, in: engine), "\(query)")
        }
    }
}
