import Testing
@testable import SitmonCore
import SitmonGenerate
import SitmonImport

/// At ACLED's cardinality (thousands of actors, hundreds of admin1 units, dyadic and monadic rows, associated
/// actors), the views computed from the index's packed rows equal those read from the store's columns.
@Suite struct PackedTallyAtCardinalityTests {
    @Test("packed rows and columns give the same views on an imported ACLED-layout file, random filters")
    func sameViews() throws {
        for layout in [SyntheticACLED.Layout.dyadic, .monadic] {
            let shape = SyntheticACLED.Shape(events: 3000, actors: 2000, countries: 10, layout: layout, seed: 21)
            let (dataset, _) = try CSVImporter.load(bytes: SyntheticACLEDTests.bytes(shape), name: "many.csv")
            let engine = QueryEngine(dataset: dataset)
            var random = SplitMix64(seed: 9)
            let first = engine.index.firstDay ?? 0, last = engine.index.lastDay ?? 0
            let all = engine.run(.all)
            let busiest = try #require(all.actors.max { all.actorCounts[Int($0)] < all.actorCounts[Int($1)] })
            var filters = [Filter.all, Filter(actors: [busiest])]
            for _ in 0..<150 {
                var filter = Filter.all
                // One actor or region most of the time: the monitor's Enter on a row.
                if random.chance(0.6) { filter.actors = [Int32(random.below(dataset.actors.count))] }
                if random.chance(0.3) { filter.regions = [Int32(random.below(dataset.regions.count))] }
                if random.chance(0.2) {
                    filter.since = PartialDate(
                        day: first + Int32(random.below(Int(max(1, last - first)))), precision: .day)
                }
                if random.chance(0.2) { filter.minimumSeverity = random.pick(Severity.allCases) }
                if random.chance(0.2) { filter.categories = [random.pick(Category.allCases)] }
                filters.append(filter)
            }
            for filter in filters {
                let packed = engine.compute(filter, packed: true)
                let columns = engine.compute(filter, packed: false)
                #expect(packed.records == columns.records)
                #expect(packed.actorCounts == columns.actorCounts)
                #expect(packed.actors == columns.actors)
                #expect(packed.regions == columns.regions, "\(filter.describe(in: dataset))")
                #expect(packed.monthly == columns.monthly)
                #expect(
                    [packed.eventCount, packed.incidentCount, packed.fatalities, packed.eventFatalities]
                        == [columns.eventCount, columns.incidentCount, columns.fatalities, columns.eventFatalities])
            }
        }
    }
}
