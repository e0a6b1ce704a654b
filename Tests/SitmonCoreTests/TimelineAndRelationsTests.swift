import Foundation
import Testing
@testable import SitmonCore

/// The zoomable timeline's histogram and the relations view's grouping, on `Fixtures/small.json`: records on
/// 2012-03-22, 2019-06-10, 2020-02-14, 2020-06 (month only), 2020-08-18 (coup), 2020-11-02, 2021 (year only),
/// 2021-03-05, 2021-04-10, 2021-05-24 (coup), 2021-09-01.
@Suite("Date histogram and actor relations")
struct TimelineAndRelationsTests {
    let engine = Load.smallEngine()

    var all: [Int32] { engine.run(.all).records }

    func histogram(_ zoom: DateHistogram.Zoom) -> DateHistogram {
        DateHistogram(records: all, store: engine.dataset.records, zoom: zoom)
    }

    @Test("per year: every year from the first to the last, empty ones included, coups counted")
    func perYear() {
        let h = histogram(.year)
        #expect(h.buckets.map { $0.since(.year).description } == (2012...2021).map(String.init))
        #expect(h.buckets.map(\.count) == [1, 0, 0, 0, 0, 0, 0, 1, 4, 5])
        #expect(h.buckets.map(\.coups) == [1, 0, 0, 0, 0, 0, 0, 0, 1, 1])
        #expect(h.coarse == 0)
    }

    @Test("per month: a record known only to the year is left out and counted as coarse")
    func perMonth() throws {
        let h = histogram(.month)
        #expect(h.coarse == 1)
        #expect(h.buckets.count == (2021 - 2012) * 12 + 9 - 3 + 1)
        #expect(h.buckets.map(\.count).reduce(0, +) == 10)
        let june2020 = try #require(h.buckets.first { $0.since(.month).description == "2020-06" })
        #expect(june2020.count == 1)
        #expect(june2020.until(.month).description == "2020-06")
        let august2020 = try #require(h.buckets.first { $0.since(.month).description == "2020-08" })
        #expect(august2020.coups == 1)
    }

    @Test("per week: Monday to Sunday, day-precise records only")
    func perWeek() throws {
        let h = histogram(.week)
        #expect(h.coarse == 2)
        #expect(h.buckets.map(\.count).reduce(0, +) == 9)
        // 2020-08-18 was a Tuesday: its week runs from Monday 17 to Sunday 23 August.
        let k = h.bucketIndex(containing: try #require(PartialDate(iso: "2020-08-18")).day)
        #expect(h.buckets[k].since(.week).description == "2020-08-17")
        #expect(h.buckets[k].until(.week).description == "2020-08-23")
        #expect(h.buckets[k].count == 1 && h.buckets[k].coups == 1)
        for bucket in h.buckets {
            #expect(bucket.last - bucket.first == 6)
        }
        // 2012-03-22 was a Thursday, the first bucket's Monday is 19 March.
        #expect(h.buckets.first?.since(.week).description == "2012-03-19")
    }

    @Test("a brushed range becomes a date filter that keeps exactly the records in it")
    func brushedRangeFilters() throws {
        let h = histogram(.month)
        let from = try #require(h.buckets.firstIndex { $0.since(.month).description == "2020-06" })
        let to = try #require(h.buckets.firstIndex { $0.since(.month).description == "2020-11" })
        let view = engine.run(Filter(since: h.buckets[from].since(.month), until: h.buckets[to].until(.month)))
        let dates = view.records.map { engine.dataset.records.date(Int($0)).description }
        #expect(dates == ["2020-06", "2020-08-18", "2020-11-02"])
    }

    @Test("no records: no buckets")
    func empty() {
        let h = DateHistogram(records: [], store: engine.dataset.records, zoom: .month)
        #expect(h.buckets.isEmpty && h.coarse == 0)
        #expect(h.bucketIndex(containing: 0) == 0)
    }

    @Test("relations: the hierarchy from the top ancestor down, relations grouped by kind and direction")
    func relations() throws {
        let dataset = engine.dataset
        func index(_ id: String) throws -> Int32 { Int32(try #require(dataset.actors.firstIndex { $0.id == id })) }
        let jnim = ActorRelations(actor: try index("jnim"), dataset: dataset, index: engine.index)
        #expect(jnim.hierarchy.map { dataset.actors[Int($0.actor)].id } == ["jnim", "katiba-macina"])
        #expect(jnim.hierarchy.map(\.depth) == [0, 1])
        #expect(jnim.groups.map(\.title) == ["Includes", "Rivals"])
        #expect(jnim.groups[1].links.map { dataset.actors[Int($0.actor)].id } == ["isgs"])

        let macina = ActorRelations(actor: try index("katiba-macina"), dataset: dataset, index: engine.index)
        #expect(macina.hierarchy.map { dataset.actors[Int($0.actor)].id } == ["jnim", "katiba-macina"])
        #expect(macina.groups.map(\.title) == ["Part of"])

        let cnsp = ActorRelations(actor: try index("cnsp"), dataset: dataset, index: engine.index)
        #expect(cnsp.groups.map(\.title) == ["Led by"])
        #expect(cnsp.groups[0].links.map { dataset.actors[Int($0.actor)].id } == ["goita"])
        let isgs = ActorRelations(actor: try index("isgs"), dataset: dataset, index: engine.index)
        #expect(isgs.hierarchy.count == 1)
        #expect(isgs.groups.map(\.title) == ["Rivals"])
    }

    @Test("every relation kind has a heading in the fixed order, in both directions")
    func headings() {
        for kind in RelationKind.allCases {
            for outgoing in [true, false] {
                #expect(ActorRelations.titleOrder.contains(ActorRelations.title(kind, outgoing: outgoing)), "\(kind)")
            }
        }
    }
}
