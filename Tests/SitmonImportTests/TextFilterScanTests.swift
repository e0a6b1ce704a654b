import Testing
@testable import SitmonCore
import SitmonGenerate
import SitmonImport

/// The text filter as the monitor runs it (`f`, then a letter at a time, each prefix a new filter) at ACLED's
/// cardinality: every view must equal a plain scan — each record tested one by one against the text (its own
/// text unfolded, its actors' and regions' names), and the panes' counts added up record by record.
@Suite struct TextFilterScanTests {
    /// What the panes show of a view, counted the plain way over the matching records.
    struct Plain: Equatable {
        var records: [Int32] = []
        var actorCounts: [Int32]
        var events = 0, incidents = 0, fatalities = 0
        /// Per region: incidents, events, deaths, first day, last day.
        var regions: [[Int]]
        /// "region actor count", most incidents first within a region, then by actor.
        var groups: [String] = []
        var months: [Int: Int] = [:]
    }

    /// The plain scan of `filter` (text, and optionally a start date and categories) over `engine`'s dataset.
    static func plainScan(_ engine: QueryEngine, _ filter: Filter) -> Plain {
        let dataset = engine.dataset
        let store = dataset.records
        let actorCount = dataset.actors.count
        var plain = Plain(
            actorCounts: [Int32](repeating: 0, count: actorCount),
            regions: [[Int]](repeating: [0, 0, 0, Int(Int32.max), Int(Int32.min)], count: dataset.regions.count))
        var matcher = TextMatcher(filter.text)
        let matchingActors = Set(engine.actorsMatching(filter.text))
        var pairs: [Int: Int] = [:]
        for ordered in engine.index.byDate {
            let i = Int(ordered)
            if let since = filter.since, store.lastDays[i] < since.day { continue }
            if !filter.categories.isEmpty && !filter.categories.contains(store.categories[i]) { continue }
            if !matcher.isEmpty && !engine.recordMatches(i, &matcher, matchingActors: matchingActors) { continue }
            plain.records.append(ordered)
            let incident = store.kinds[i] == .incident
            let deaths = store.fatalityCount(i)
            if incident { plain.incidents += 1 } else { plain.events += 1 }
            plain.fatalities += deaths
            for a in Set(store.actors(i)) where a >= 0 && Int(a) < actorCount { plain.actorCounts[Int(a)] += 1 }
            let (y, m, _) = PartialDate.civil(fromDays: Int(store.starts[i]))
            plain.months[y * 12 + m - 1, default: 0] += 1
            for k in Int(store.regionOffsets[i])..<Int(store.regionOffsets[i + 1]) where store.regionRefs[k] >= 0 {
                let r = Int(store.regionRefs[k])
                plain.regions[r][incident ? 0 : 1] += 1
                plain.regions[r][2] += deaths
                plain.regions[r][3] = min(plain.regions[r][3], Int(store.starts[i]))
                plain.regions[r][4] = max(plain.regions[r][4], Int(store.lastDays[i]))
                guard incident else { continue }
                for j in Int(store.actorOffsets[i])..<Int(store.actorOffsets[i + 1])
                where store.actorRoles[j] == store.perpetratorSymbol && store.actorRefs[j] >= 0 {
                    pairs[r * actorCount + Int(store.actorRefs[j]), default: 0] += 1
                }
            }
        }
        plain.groups = pairs.sorted { a, b in
            let (ra, rb) = (a.key / actorCount, b.key / actorCount)
            if ra != rb { return ra < rb }
            return a.value != b.value ? a.value > b.value : a.key < b.key
        }.map { "\($0.key / actorCount) \($0.key % actorCount) \($0.value)" }
        return plain
    }

    /// The same figures read from the engine's view.
    static func shown(_ engine: QueryEngine, _ view: View) -> Plain {
        var plain = Plain(
            actorCounts: view.actorCounts,
            regions: [[Int]](
                repeating: [0, 0, 0, Int(Int32.max), Int(Int32.min)], count: engine.dataset.regions.count))
        plain.records = view.records
        (plain.events, plain.incidents, plain.fatalities) = (view.eventCount, view.incidentCount, view.fatalities)
        for activity in view.regions where activity.total > 0 || activity.fatalities > 0 {
            plain.regions[Int(activity.region)] = [
                activity.incidents, activity.events, activity.fatalities,
                Int(activity.firstDay ?? Int32.max), Int(activity.lastDay ?? Int32.min),
            ]
        }
        plain.groups = view.regions.sorted { $0.region < $1.region }.flatMap { activity in
            activity.groups.map { "\(activity.region) \($0.actor) \($0.count)" }
        }
        for month in view.monthly { plain.months[month.month] = month.count }
        return plain
    }

    /// Texts an analyst would type: words and pieces of words from the records' text and the actors' names, single
    /// letters and digits, an accented name, a capitalised one, and text found nowhere.
    static func queries(_ dataset: Dataset, _ random: inout SplitMix64, count: Int) -> [String] {
        var result = ["w", "a", "e", "7", "Ségou", "MILITARY", "zzqx", "de la"]
        let store = dataset.records
        while result.count < count {
            let source: String
            if random.chance(0.5), store.count > 0 {
                let i = random.below(store.count)
                source = random.chance(0.5) ? dataset.title(i) : (store.summary(i) ?? "")
            } else if !dataset.actors.isEmpty {
                source = random.pick(dataset.actors).name
            } else {
                continue
            }
            let words = source.split(separator: " ").map(String.init)
            guard !words.isEmpty else { continue }
            var word = random.pick(words)
            if word.count > 3 && random.chance(0.5) {
                let start = random.below(word.count - 2)
                word = String(word.dropFirst(start).prefix(random.int(2...word.count - start)))
            }
            result.append(word)
        }
        return result
    }

    @Test("typing a text filter a letter at a time gives the plain scan's records and counts, at 2,000 actors")
    func typedQueriesEqualPlainScan() throws {
        for layout in [SyntheticACLED.Layout.dyadic, .monadic] {
            let shape = SyntheticACLED.Shape(events: 3000, actors: 2000, countries: 10, layout: layout, seed: 33)
            let (dataset, _) = try CSVImporter.load(bytes: SyntheticACLEDTests.bytes(shape), name: "typed.csv")
            // Enough regions × actors that the groups are counted by sorting the pairs, not in a flat array.
            #expect(dataset.regions.count * dataset.actors.count > PairCounts.denseLimit)
            let engine = QueryEngine(dataset: dataset)
            // The unfiltered view first, as in the monitor: a text matching most records is then counted by
            // removing the others from its totals.
            _ = engine.run(.all)
            #expect(engine.recentViews.totals != nil)
            var random = SplitMix64(seed: layout == .dyadic ? 5 : 6)
            var compared = 0, broad = 0
            for query in Self.queries(dataset, &random, count: 14) {
                var base = Filter.all
                if random.chance(0.2), let first = engine.index.firstDay, let last = engine.index.lastDay {
                    base.since = PartialDate(
                        day: first + Int32(random.below(Int(max(1, last - first)))), precision: .day)
                }
                if random.chance(0.2) { base.categories = [random.pick(Category.allCases)] }
                // Each prefix in turn, as typed: the search narrows the last matches; then backspace to the start.
                let characters = Array(query.prefix(6))
                let lengths = Array(1...characters.count) + Array((1..<characters.count).reversed())
                for length in lengths {
                    var filter = base
                    filter.text = String(characters.prefix(length))
                    let view = engine.compute(filter)
                    let plain = Self.plainScan(engine, filter)
                    let shown = Self.shown(engine, view)
                    let what = "text “\(filter.text)”, \(layout)"
                    #expect(shown.records == plain.records, "records: \(what)")
                    #expect(shown.actorCounts == plain.actorCounts, "actor counts: \(what)")
                    #expect(
                        [shown.events, shown.incidents, shown.fatalities]
                            == [plain.events, plain.incidents, plain.fatalities], "totals: \(what)")
                    #expect(shown.regions == plain.regions, "regions: \(what)")
                    #expect(shown.groups == plain.groups, "groups: \(what)")
                    #expect(shown.months == plain.months, "months: \(what)")
                    // The column path (no packed rows) agrees too.
                    let columns = engine.compute(filter, packed: false)
                    #expect(view.regions == columns.regions && view.actors == columns.actors, "“\(filter.text)”")
                    compared += 1
                    if plain.records.count > dataset.records.count / 2 { broad += 1 }
                }
            }
            // Broad texts (most records) and narrow ones were both compared.
            #expect(compared > 60)
            #expect(broad > 5)
        }
    }
}
