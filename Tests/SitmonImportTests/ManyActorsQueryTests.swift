import Testing
@testable import SitmonCore
import SitmonGenerate
import SitmonImport

/// Filters at real cardinality (thousands of actors, hundreds of admin1 units, as in a multi-country ACLED export):
/// what the panes show must equal a plain count over the records, whichever way the engine keeps its counts.
@Suite struct ManyActorsQueryTests {
    let engine: QueryEngine

    init() throws {
        let shape = SyntheticACLED.Shape(events: 4000, actors: 3000, countries: 12, layout: .dyadic, seed: 14)
        let (dataset, _) = try CSVImporter.load(bytes: SyntheticACLEDTests.bytes(shape), name: "many.csv")
        engine = QueryEngine(dataset: dataset)
    }

    /// "region actor count" for every perpetrator group of every region, counted record by record.
    func expectedGroups(_ view: View) -> [String] {
        let store = engine.dataset.records
        var counts: [Int: Int] = [:]
        let actorCount = engine.dataset.actors.count
        for ordered in view.records where store.kinds[Int(ordered)] == .incident {
            let i = Int(ordered)
            for k in Int(store.regionOffsets[i])..<Int(store.regionOffsets[i + 1]) where store.regionRefs[k] >= 0 {
                for j in Int(store.actorOffsets[i])..<Int(store.actorOffsets[i + 1])
                where store.actorRoles[j] == store.perpetratorSymbol && store.actorRefs[j] >= 0 {
                    counts[Int(store.regionRefs[k]) * actorCount + Int(store.actorRefs[j]), default: 0] += 1
                }
            }
        }
        return counts.map { "\($0.key / actorCount) \($0.key % actorCount) \($0.value)" }.sorted()
    }

    func shownGroups(_ view: View) -> [String] {
        view.regions.flatMap { activity in activity.groups.map { "\(activity.region) \($0.actor) \($0.count)" } }
            .sorted()
    }

    @Test("the regions' perpetrator groups equal a count over the incidents, with every filter")
    func groupsAtCardinality() throws {
        let dataset = engine.dataset
        // Enough regions × actors that the engine counts the pairs in a table, not a flat array.
        #expect(dataset.regions.count * dataset.actors.count > PairCounts.denseLimit)
        let busiestActor = try #require(
            engine.index.recordsByActor.offsets.indices.dropLast().max {
                engine.index.recordsByActor[$0].count < engine.index.recordsByActor[$1].count
            })
        let busiestRegion = try #require(
            engine.index.recordsByRegion.offsets.indices.dropLast().max {
                engine.index.recordsByRegion[$0].count < engine.index.recordsByRegion[$1].count
            })
        let filters = [Filter.all, Filter(actors: [Int32(busiestActor)]), Filter(regions: [Int32(busiestRegion)])]
        for filter in filters {
            let view = engine.run(filter)
            let expected = expectedGroups(view)
            #expect(!expected.isEmpty)
            #expect(shownGroups(view) == expected, "filter \(filter.describe(in: dataset))")
            // Each region lists its groups most incidents first, then by actor.
            for activity in view.regions {
                #expect(
                    activity.groups
                        == activity.groups.sorted {
                            $0.count != $1.count ? $0.count > $1.count : $0.actor < $1.actor
                        })
            }
        }
    }

    @Test("the unfiltered view is kept for the engine's life: undo to it is not computed again")
    func unfilteredKept() throws {
        let first = engine.run(.all)
        let actor = try #require(first.actors.first)
        _ = engine.run(Filter(actors: [actor]))
        engine.forgetRecentViews()
        let again = engine.run(.all)
        #expect(again.records == first.records)
        // The same stored view (the same buffer), not a new computation.
        let a = first.records.withUnsafeBufferPointer { $0.baseAddress }
        let b = again.records.withUnsafeBufferPointer { $0.baseAddress }
        #expect(a == b)
        // A filtered view is computed again after the engine forgot it.
        let filtered = engine.run(Filter(actors: [actor]))
        engine.forgetRecentViews()
        let recomputed = engine.run(Filter(actors: [actor]))
        #expect(recomputed.records == filtered.records)
        #expect(
            filtered.records.withUnsafeBufferPointer { $0.baseAddress }
                != recomputed.records.withUnsafeBufferPointer { $0.baseAddress })
    }

    @Test("actors and regions in name order: folded name, then name, then index; ranks invert the order")
    func nameOrder() {
        let index = engine.index
        let actors = engine.dataset.actors
        #expect(index.actorsByName.count == actors.count)
        #expect(Set(index.actorsByName).count == actors.count)
        for (k, pair) in zip(index.actorsByName, index.actorsByName.dropFirst()).enumerated() {
            let x = TextFolding.fold(actors[Int(pair.0)].name), y = TextFolding.fold(actors[Int(pair.1)].name)
            #expect(
                x.lexicographicallyPrecedes(y)
                    || (x == y
                        && (actors[Int(pair.0)].name < actors[Int(pair.1)].name
                            || (actors[Int(pair.0)].name == actors[Int(pair.1)].name && pair.0 < pair.1)))
            )
            #expect(index.actorNameRank[Int(pair.0)] == Int32(k))
        }
        let regions = engine.dataset.regions
        #expect(
            index.regionsByName.map { regions[Int($0)].name }
                == regions.indices.sorted { index.regionNameRank[$0] < index.regionNameRank[$1] }.map {
                    regions[$0].name
                })
        #expect(
            index.regionsByName.map { TextFolding.fold(regions[Int($0)].name) }
                == regions.map { TextFolding.fold($0.name) }.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test("actors matching a text as it is typed, shortened and changed: the same as testing every name")
    func actorsMatchingWhileTyping() {
        let names = engine.index.actorNames
        func everyName(_ text: String) -> [Int32] {
            let needle = TextFolding.fold(text)
            return names.indices.filter { names[$0].contains { TextMatcher.contains($0, needle) } }.map { Int32($0) }
        }
        for text in [
            "m", "mi", "mil", "mili", "mil", "m", "militia", "milk", "ilit", "Country B", "country ba", "zzz", "c",
        ] {
            let found = engine.actorsMatching(text)
            #expect(found == everyName(text), "\(text)")
            if text == "m" || text == "c" { #expect(found.count > 100) }
        }
        #expect(
            engine.regionsMatching("a")
                == engine.index.regionNames.indices.filter {
                    engine.index.regionNames[$0].contains { TextMatcher.contains($0, [UInt8(ascii: "a")]) }
                }.map { Int32($0) })
    }

    @Test("the map's grid counts of a view equal a count record by record, in any order of the records")
    func gridCounts() throws {
        let store = engine.dataset.records
        let busiestActor = try #require(engine.run(.all).actors.first)
        for records in [
            engine.run(.all).records, engine.run(Filter(actors: [busiestActor])).records,
            Array(engine.run(.all).records.reversed().prefix(100)),
        ] {
            // A 2° grid over the whole world, 180 × 90 cells.
            let (counts, located) = store.gridCounts(
                of: records, west: -180, south: -90, step: 2, columns: 180, rows: 90)
            var expected = [Int32](repeating: 0, count: 180 * 90)
            var expectedLocated = 0
            for r in records {
                guard let (lat, lon) = store.coordinates(Int(r)) else { continue }
                let cx = (Float(lon) + 180) / 2, cy = (Float(lat) + 90) / 2
                guard cx >= 0, cy >= 0, cx < 180, cy < 90 else { continue }
                expected[Int(cy) * 180 + Int(cx)] += 1
                expectedLocated += 1
            }
            #expect(counts == expected)
            #expect(located == expectedLocated)
            #expect(located > 0)
        }
    }
}
