import Foundation
import Testing
@testable import SitmonCore
import SitmonGenerate

/// The folded search text and the kept views are shortcuts: they must give what the plain definitions give.
@Suite("Search text and kept views")
struct SearchIndexTests {
    /// Typing narrows (g, go, goi, …), then the query changes to one that does not extend the last.
    static let queries = [
        "g", "go", "goi", "goit", "goita", "se", "segou", "ségou", "SEG", "attack in", "in f",
        "Attack in Farabougou", "n'daw", "n’daw", "zzzz", " a ", "e",
    ]

    @Test("a record matches the search exactly when the plain matcher says it does")
    func searchMatchesPlainMatcher() throws {
        let engine = QueryEngine(dataset: try Load.bundled())
        let n = engine.dataset.records.count
        for query in Self.queries {
            var matcher = TextMatcher(query)
            let actors = Set(engine.actorsMatching(query))
            let search = try #require(engine.search(query))
            var matched = 0
            for i in 0..<n {
                let plain = engine.recordMatches(i, &matcher, matchingActors: actors)
                #expect(engine.recordMatches(i, search) == plain, "\(query): \(engine.dataset.records.id(i))")
                if plain { matched += 1 }
            }
            if query == "g" || query == "se" { #expect(matched > 0, "\(query)") }
        }
        #expect(engine.search("  ") == nil)
    }

    @Test("the search split over two threads finds what one thread and the plain matcher find, as typing narrows")
    func splitSearch() throws {
        let dataset = SyntheticDataset.make(records: 3_000, seed: 8)
        let engine = QueryEngine(dataset: dataset)
        let one = SearchText(), two = SearchText(parallelFrom: 64)
        var found = 0
        for query in Self.queries + ["m", "mo", "mop", "mopti", "a", "7", "q", "x"] {
            let needle = TextMatcher(query).needle
            guard !needle.isEmpty, !needle.contains(0) else { continue }
            let single = one.matches(needle, in: dataset), split = two.matches(needle, in: dataset)
            #expect(single.words == split.words, "\(query)")
            var matcher = TextMatcher(query)
            for i in 0..<dataset.records.count {
                #expect(split.contains(i) == engine.recordTextMatches(i, &matcher), "\(query): record \(i)")
            }
            found += split.count
        }
        #expect(found > 1_000)
    }

    @Test("match counts and the next match in a view equal a walk over its records, both ways, wrapping")
    func countsAndNextMatch() throws {
        let engine = QueryEngine(dataset: try Load.bundled())
        let all = engine.run(.all)
        #expect(all.records.count == engine.dataset.records.count)  // the count's shortcut: every record once
        let actor = try #require(all.actors.first)
        for view in [all, engine.run(Filter(actors: [actor]))] {
            let records = view.records
            for query in ["g", "goita", "se", "zzzz", "mopti"] {
                let search = try #require(engine.search(query))
                let matching = records.indices.filter { engine.recordMatches(Int(records[$0]), search) }
                for position in [0, 1, records.count / 3, records.count / 2 + 1, records.count - 1, records.count] {
                    let (count, before) = engine.countMatches(search, in: records, before: position)
                    #expect(count == matching.count, "\(query)")
                    #expect(before == matching.filter { $0 < position }.count, "\(query) before \(position)")
                    for forward in [true, false] {
                        let start = min(position, records.count - 1)
                        let expected = (0..<records.count).lazy.map {
                            forward ? (start + $0) % records.count : (start - $0 + records.count) % records.count
                        }.first { matching.contains($0) }
                        #expect(
                            engine.firstMatch(search, in: records, from: start, forward: forward) == expected,
                            "\(query) from \(start) forward \(forward)")
                    }
                }
                if query == "g" { #expect(!matching.isEmpty) }
                if query == "zzzz" { #expect(matching.isEmpty) }
            }
        }
    }

    @Test("search text prepared on another thread gives the same views as text folded on the first search")
    func preparedInBackground() async throws {
        let dataset = try Load.bundled()
        let lazy = QueryEngine(dataset: dataset)
        let prepared = QueryEngine(dataset: dataset)
        let preparing = Task.detached { prepared.prepareSearch() }
        // A search while the text is being prepared waits for it, then answers as usual.
        for query in Self.queries {
            var filter = Filter.all
            filter.text = query
            #expect(prepared.run(filter).records == lazy.run(filter).records, "\(query)")
        }
        await preparing.value
        prepared.prepareSearch()  // prepared already: nothing to do
        var filter = Filter.all
        filter.text = "goita"
        #expect(prepared.run(filter).records == lazy.run(filter).records)
        #expect(!lazy.run(filter).records.isEmpty)
    }

    @Test("a text filter selects the records the plain matcher selects")
    func textFilterMatchesPlainMatcher() throws {
        let engine = QueryEngine(dataset: try Load.bundled())
        for query in Self.queries {
            var matcher = TextMatcher(query)
            let actors = Set(engine.actorsMatching(query))
            let view = engine.run(Filter(text: query))
            let expected = engine.index.byDate.filter {
                engine.recordMatches(Int($0), &matcher, matchingActors: actors)
            }
            #expect(view.records == expected, "\(query)")
        }
    }

    @Test("a kept view is the view computed afresh")
    func keptViews() throws {
        let engine = QueryEngine(dataset: try Load.bundled())
        let actor = try #require(engine.dataset.actors.firstIndex { $0.id == "jnim" })
        let filters = [Filter.all, Filter(actors: [Int32(actor)]), Filter(text: "mopti"), Filter.all]
        for filter in filters {
            let first = engine.run(filter)
            let fresh = engine.compute(filter)
            #expect(first.records == fresh.records)
            #expect(first.actorCounts == fresh.actorCounts)
            #expect(first.monthly.map(\.count) == fresh.monthly.map(\.count))
            #expect(first.regions.map(\.total) == fresh.regions.map(\.total))
        }
    }
}
