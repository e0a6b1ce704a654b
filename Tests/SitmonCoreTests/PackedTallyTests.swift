import Testing
@testable import SitmonCore
import SitmonGenerate

/// The views a filter's pass computes from the index's packed rows (`TallyRow`) must equal those read from the
/// store's columns, for any filter: the panes' counts, groups, months and records are the same either way.
@Suite struct PackedTallyTests {
    /// Every field of two views that a pane or an export shows.
    static func expectSame(_ a: View, _ b: View, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.records == b.records, "records: \(what)", sourceLocation: sourceLocation)
        #expect(a.actorCounts == b.actorCounts, "actor counts: \(what)", sourceLocation: sourceLocation)
        #expect(a.actors == b.actors, "actors: \(what)", sourceLocation: sourceLocation)
        #expect(a.regions == b.regions, "regions: \(what)", sourceLocation: sourceLocation)
        #expect(
            [a.eventCount, a.incidentCount, a.fatalities, a.eventFatalities]
                == [b.eventCount, b.incidentCount, b.fatalities, b.eventFatalities], "totals: \(what)",
            sourceLocation: sourceLocation)
        #expect(a.monthly == b.monthly, "months: \(what)", sourceLocation: sourceLocation)
        #expect(a.assessments == b.assessments, "assessments: \(what)", sourceLocation: sourceLocation)
    }

    /// A random filter over `dataset`: a few actors or regions (or none), a date range, categories, a severity and
    /// a text, each present or not.
    static func randomFilter(_ dataset: Dataset, _ random: inout SplitMix64, first: Int32, last: Int32) -> Filter {
        var filter = Filter.all
        if random.chance(0.5), !dataset.actors.isEmpty {
            filter.actors = (0..<random.int(1...3)).map { _ in Int32(random.below(dataset.actors.count)) }
        }
        if random.chance(0.4), !dataset.regions.isEmpty {
            filter.regions = (0..<random.int(1...2)).map { _ in Int32(random.below(dataset.regions.count)) }
        }
        if random.chance(0.3) {
            let day = first + Int32(random.below(Int(max(1, last - first))))
            filter.since = PartialDate(day: day, precision: .day)
        }
        if random.chance(0.3) {
            let day = first + Int32(random.below(Int(max(1, last - first))))
            filter.until = PartialDate(day: day, precision: random.chance(0.5) ? .day : .year)
        }
        if random.chance(0.3) {
            filter.categories = (0..<random.int(1...4)).map { _ in random.pick(Category.allCases) }
        }
        if random.chance(0.3) { filter.minimumSeverity = random.pick(Severity.allCases) }
        if random.chance(0.2) { filter.text = random.pick(["a", "mil", "ou", "gao", "country b", "zzz"]) }
        return filter
    }

    @Test("the tally rows built on two threads are those built on one")
    func rowsOnTwoThreads() {
        let dataset = SyntheticDataset.make(records: 3_001, seed: 5)
        let index = DatasetIndex(dataset)
        let store = dataset.records
        func rows(parallelFrom: Int) -> [[Int64]] {
            TallyRow.rows(
                store, dateRank: index.dateRank, actorCount: dataset.actors.count,
                regionCount: dataset.regions.count, parallelFrom: parallelFrom
            ).map { row in
                [row.start, row.last, row.deaths, row.region, row.actor0, row.actor1].map(Int64.init)
                    + [Int64(row.info), Int64(row.flags)]
            }
        }
        let one = rows(parallelFrom: .max), two = rows(parallelFrom: 0)
        #expect(one.count == store.count)
        #expect(two == one)
        #expect(Set(one.map { $0[4] }).count > 10, "the rows name many actors")
    }

    static func compare(_ dataset: Dataset, filters: Int, seed: UInt64) {
        let engine = QueryEngine(dataset: dataset)
        #expect(engine.index.tallyRows.count == dataset.records.count)
        var random = SplitMix64(seed: seed)
        let first = engine.index.firstDay ?? 0, last = engine.index.lastDay ?? 0
        var nonEmpty = 0
        for k in 0..<filters {
            let filter = k == 0 ? Filter.all : randomFilter(dataset, &random, first: first, last: last)
            let packed = engine.compute(filter, packed: true)
            let columns = engine.compute(filter, packed: false)
            expectSame(packed, columns, filter.describe(in: dataset))
            if !packed.records.isEmpty { nonEmpty += 1 }
        }
        // The filters are not all empty: the comparison counted something.
        #expect(nonEmpty > filters / 4)
    }

    @Test("packed rows and the store's columns give the same views: bundled dataset, random filters")
    func bundled() throws {
        let dataset = try DatasetLoader.load(path: TestPaths.bundledDataset.path)
        Self.compare(dataset, filters: 300, seed: 1)
        // The bundled data has records with several actors or regions: they spill to the columns.
        let engine = QueryEngine(dataset: dataset)
        #expect(engine.index.tallyRows.contains { $0.flags & TallyRow.spills != 0 })
        #expect(engine.index.tallyRows.contains { $0.flags & TallyRow.spills == 0 })
    }

    @Test("two perpetrators, an actor in two roles, three actors, two regions: the same groups and counts either way")
    func actorsAndRegionsPerRecord() throws {
        var mini = MiniDataset()
        mini.actors =
            "["
            + ["a1", "a2", "a3"].map { #"{"id": "\#($0)", "name": "\#($0)", "kind": "militia", "sources": ["s1"]}"# }
            .joined(separator: ",") + "]"
        mini.regions =
            "["
            + ["r1", "r2"].map {
                #"{"id": "\#($0)", "name": "\#($0)", "kind": "region", "zone": "centre", "sources": ["s1"]}"#
            }.joined(separator: ",") + "]"
        mini.incidents =
            "["
            + [
                // Two perpetrators (the second actor is a perpetrator too), then one perpetrator and a target.
                #"{"id": "i1", "date": "2020-01-02", "category": "attack", "region": "r1", "perpetrators": ["a1", "a2"], "sources": ["s1"]}"#,
                #"{"id": "i2", "date": "2020-02-02", "category": "attack", "region": "r1", "perpetrators": ["a2"], "actors": [{"actor": "a1", "role": "target"}], "sources": ["s1"]}"#,
                // One actor in two roles: counted once among the actors, once among the groups.
                #"{"id": "i3", "date": "2021-03-02", "category": "armed-clash", "region": "r2", "perpetrators": ["a3"], "actors": [{"actor": "a3", "role": "claimed"}], "fatalities": 4, "sources": ["s1"]}"#,
                // Three actors: the record spills to the store's columns.
                #"{"id": "i4", "date": "2021-04-02", "category": "attack", "region": "r2", "perpetrators": ["a1", "a2", "a3"], "fatalities": {"low": 2, "high": 5}, "sources": ["s1"]}"#,
            ].joined(separator: ",") + "]"
        mini.events =
            "["
            + [
                // Two regions: spills. No region at all: counted in the totals only.
                #"{"id": "e1", "date": "2020-05-01", "category": "coup", "title": "Coup", "regions": ["r1", "r2"], "actors": [{"actor": "a1", "role": "ousted"}], "fatalities": 1, "sources": ["s1"]}"#,
                #"{"id": "e2", "date": "2020-06", "category": "report", "title": "Report", "sources": ["s1"]}"#,
            ].joined(separator: ",") + "]"
        let dataset = try Load.dataset(mini.json)
        let engine = QueryEngine(dataset: dataset)
        #expect(engine.index.tallyRows.filter { $0.flags & TallyRow.spills != 0 }.count == 2)
        let a1 = try engine.actor("a1"), a2 = try engine.actor("a2"), a3 = try engine.actor("a3")
        let r1 = try engine.region("r1"), r2 = try engine.region("r2")
        for filter in [
            Filter.all, Filter(actors: [a1]), Filter(actors: [a2]), Filter(actors: [a3]), Filter(regions: [r2]),
            Filter(categories: [.coup]), Filter(minimumSeverity: .critical),
        ] {
            Self.expectSame(
                engine.compute(filter, packed: true), engine.compute(filter, packed: false),
                filter.describe(in: dataset))
        }
        let view = engine.compute(.all, packed: true)
        func groups(_ region: Int32) -> [String] {
            (view.regions.first { $0.region == region }?.groups ?? []).map {
                "\(dataset.actors[Int($0.actor)].id) \($0.count)"
            }
        }
        #expect(groups(r1) == ["a2 2", "a1 1"])
        #expect(groups(r2) == ["a3 2", "a1 1", "a2 1"])
        #expect(view.actorCounts[Int(a1)] == 4 && view.actorCounts[Int(a2)] == 3 && view.actorCounts[Int(a3)] == 2)
        #expect(view.fatalities == 7 && view.eventFatalities == 1)
        #expect(view.monthly.reduce(0) { $0 + $1.coups } == 1)
    }

    @Test("packed rows and the store's columns give the same views: synthetic dataset, random filters")
    func synthetic() {
        Self.compare(SyntheticDataset.make(records: 5_000, seed: 14), filters: 200, seed: 2)
    }

    @Test("a view kept for undo with many records (kept as date ranks) comes back with the same records")
    func keptViews() {
        let dataset = SyntheticDataset.make(records: 3_000, seed: 5)
        let engine = QueryEngine(dataset: dataset)
        var broad = Filter.all
        broad.text = "a"
        let first = engine.run(broad)
        #expect(first.records.count > dataset.records.count / 32)
        let kept = RecentViews.Kept(first, byDate: engine.index.byDate)
        #expect(kept.ranks != nil && kept.view.records.isEmpty, "kept as ranks")
        #expect(kept.view(byDate: engine.index.byDate).records == first.records)
        _ = engine.run(.all)
        #expect(engine.run(broad).records == first.records, "from the kept views")
        engine.forgetRecentViews()
        #expect(engine.run(broad).records == first.records, "computed again")
        #expect(engine.run(.all).records == engine.index.byDate)
        var narrow = Filter.all
        narrow.actors = [0]
        let few = engine.run(narrow)
        #expect(
            RecentViews.Kept(few, byDate: engine.index.byDate).view(byDate: engine.index.byDate).records
                == few.records)
    }

    @Test("each row holds its record's fields, at the record's date rank")
    func rowsMatchRecords() {
        let dataset = SyntheticDataset.make(records: 2_000, seed: 3)
        let engine = QueryEngine(dataset: dataset)
        let store = dataset.records
        for (rank, row) in engine.index.tallyRows.enumerated() {
            // The record is the rank's entry of `byDate` (the row does not repeat it).
            let i = Int(engine.index.byDate[rank])
            #expect(row.start == store.starts[i] && row.last == store.lastDays[i])
            #expect(Int(row.deaths) == store.fatalityCount(i))
            #expect(Category.allCases[row.categoryIndex] == store.categories[i])
            #expect(Severity.allCases[row.severityRank] == store.severities[i])
            #expect(row.isIncident == (store.kinds[i] == .incident))
            if row.flags & TallyRow.spills == 0 {
                let actors = store.actors(i).filter { $0 >= 0 && Int($0) < dataset.actors.count }
                #expect([row.actor0, row.actor1].filter { $0 >= 0 } == Array(actors))
                let regions = store.regions(i).filter { $0 >= 0 && Int($0) < dataset.regions.count }
                #expect([row.region].filter { $0 >= 0 } == Array(regions))
            }
        }
    }
}
