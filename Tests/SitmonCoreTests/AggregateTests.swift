import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonGenerate

/// The numbers the regions pane, the header and the histogram show, computed by `QueryEngine.run` on
/// `Fixtures/small.json` (see FilterTests for the list of its records).
@Suite("Aggregates")
struct AggregateTests {
    let engine = Load.smallEngine()

    func activity(_ view: View, _ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> RegionActivity
    {
        let index = try engine.region(id, sourceLocation: sourceLocation)
        return try #require(
            view.regions.first { $0.region == index }, "no row for \(id)", sourceLocation: sourceLocation)
    }

    func day(_ text: String) -> Int32? { PartialDate(iso: text)?.day }

    func groups(_ a: RegionActivity) -> [String] {
        a.groups.map { "\(engine.dataset.actors[Int($0.actor)].id) \($0.count)" }
    }

    func years(_ a: RegionActivity) -> [String] { a.perYear.map { "\($0.year): \($0.count)" } }

    /// Month number as `View.MonthCount` counts it: year × 12 + month − 1.
    func month(_ year: Int, _ month: Int) -> Int { year * 12 + month - 1 }

    @Test("totals of the whole view: events, incidents and fatalities (best, else low)")
    func totals() {
        let view = engine.run(.all)
        #expect(view.eventCount == 5)
        #expect(view.incidentCount == 6)
        // 12 (best) + 20 (low of 20–30) + 5 + 3 + 2 (low of 2–6) + 0.
        #expect(view.fatalities == 42)
    }

    @Test("Ségou: incidents, events, fatalities, main groups, first and last day, per-year counts, trend")
    func segou() throws {
        let a = try activity(engine.run(.all), "segou")
        #expect(a.incidents == 3)
        #expect(a.events == 1)  // the protest, a non-violent event
        #expect(a.total == 4)
        #expect(a.fatalities == 10)  // 5 + 3 + 2 (low of 2–6)
        #expect(groups(a) == ["jnim 2", "isgs 1"])
        #expect(a.firstDay == day("2020-06-01"))  // the month-precision protest starts on the 1st
        #expect(a.lastDay == day("2021-04-10"))
        #expect(years(a) == ["2020: 1", "2021: 2"])
        #expect(a.trend == .rising)  // no assessment: from the last two years, 1 then 2
        #expect(a.presence == nil)
    }

    @Test("Mopti: the trend and presence come from the latest assessment, not from the yearly counts")
    func mopti() throws {
        let a = try activity(engine.run(.all), "mopti")
        #expect(a.incidents == 2)
        #expect(a.events == 1)  // the report
        #expect(a.fatalities == 12)
        #expect(groups(a) == ["katiba-macina 1"])  // the abduction has no known perpetrator
        #expect(a.firstDay == day("2019-06-10"))
        #expect(a.lastDay == day("2021-12-31"))  // the year-precision report runs to the end of 2021
        #expect(years(a) == ["2019: 1", "2021: 1"])  // equal counts would read "stable"...
        #expect(a.trend == .rising)  // ...but the 2021 assessment says rising
        #expect(a.presence == .high)
    }

    @Test("assessments follow the date range: a view of 2019 shows Mopti's 2019 assessment, not the later one")
    func assessmentsFollowTheDateRange() throws {
        let dataset = engine.dataset
        func ids(_ view: View) -> [String] { view.assessments.map { dataset.assessments[Int($0)].id } }
        let in2019 = engine.run(Filter(since: PartialDate(iso: "2019"), until: PartialDate(iso: "2019")))
        #expect(ids(in2019) == ["as-mopti-2019"])
        let mopti = try activity(in2019, "mopti")
        #expect(mopti.presence == .moderate && mopti.trend == .stable, "from the 2019 assessment, not the 2021 one")
        #expect(mopti.latestAssessment >= 0 && dataset.assessments[Int(mopti.latestAssessment)].id == "as-mopti-2019")
        // A range overlapping both periods (Dec 2019 – Jan 2021) has both; the latest of them sets the trend.
        let both = engine.run(Filter(since: PartialDate(iso: "2019-12"), until: PartialDate(iso: "2021-01")))
        #expect(ids(both) == ["as-mopti-2019", "as-mopti-2021"])
        #expect(try activity(both, "mopti").trend == .rising)
        // A range between the two periods has none: the trend comes from the records again.
        let gap = engine.run(Filter(since: PartialDate(iso: "2020-01"), until: PartialDate(iso: "2020-12")))
        #expect(ids(gap).isEmpty)
        #expect(gap.regions.first { $0.region == (try? engine.region("mopti")) }?.presence == nil)
    }

    @Test("the latest assessment wins whatever its place in the file")
    func latestAssessmentInAnyOrder() throws {
        var mini = MiniDataset()
        mini.assessments =
            #"[{"id": "late", "region": "r1", "start": "2021", "end": "2021-12", "presence": "high", "trend": "rising", "groups": [], "statement": "Late.", "sources": ["s1"]}, {"id": "early", "region": "r1", "start": "2015", "end": "2016", "presence": "low", "trend": "falling", "groups": [], "statement": "Early.", "sources": ["s1"]}]"#
        let engine = QueryEngine(dataset: try Load.dataset(mini.json))
        let row = try #require(engine.run(.all).regions.first)
        #expect(row.trend == .rising)
        #expect(row.presence == .high)
    }

    @Test("Bandiagara and Bamako rows")
    func otherRegions() throws {
        let view = engine.run(.all)
        let bandiagara = try activity(view, "bandiagara")
        #expect(bandiagara.incidents == 1)
        #expect(bandiagara.fatalities == 20)  // low of 20–30
        #expect(groups(bandiagara) == ["jnim 1"])
        #expect(bandiagara.firstDay == day("2020-02-14") && bandiagara.lastDay == day("2020-02-14"))
        #expect(bandiagara.trend == .unknown)  // one year, no assessment

        let bamako = try activity(view, "bamako")
        #expect(bamako.incidents == 0)
        #expect(bamako.events == 4)  // three coups and the protest
        #expect(bamako.fatalities == 0)
        #expect(bamako.groups.isEmpty)  // the CNSP is a perpetrator of a coup, not of armed activity
        #expect(bamako.perYear.isEmpty)
        #expect(bamako.firstDay == day("2012-03-22") && bamako.lastDay == day("2021-05-24"))
    }

    @Test("the regions pane under the empty filter: regions with activity, in dataset order")
    func regionRows() {
        let view = engine.run(.all)
        #expect(Array(engine.regionIds(view).prefix(4)) == ["bamako", "segou", "mopti", "bandiagara"])
    }

    @Test("with nothing narrowing them, every Mali region is listed")
    func everyMaliRegionListed() {
        // View.regions: with no filter, every Mali region (and the Bamako district) is listed.
        let view = engine.run(.all)
        #expect(engine.regionIds(view).contains("gao"))
    }

    @Test("aggregates follow the filter")
    func filteredAggregates() throws {
        let jnim = engine.run(Filter(actors: [try engine.actor("jnim")]))
        #expect(jnim.fatalities == 12 + 20 + 3 + 2)
        let segou = try activity(jnim, "segou")
        #expect(segou.incidents == 2 && segou.events == 0 && segou.fatalities == 5)
        #expect(groups(segou) == ["jnim 2"])
        #expect(years(segou) == ["2021: 2"])
        #expect(segou.trend == .unknown)

        let since2021 = engine.run(Filter(since: PartialDate(year: 2021)))
        let segou2021 = try activity(since2021, "segou")
        #expect(years(segou2021) == ["2021: 2"])
        #expect(segou2021.firstDay == day("2021-03-05"))
        #expect(since2021.fatalities == 5)
    }

    @Test("main groups are ordered by incidents, most first, ties by actor order")
    func groupOrder() throws {
        var mini = MiniDataset()
        mini.actors =
            #"[{"id": "a1", "name": "A", "kind": "militia", "sources": ["s1"]}, {"id": "a2", "name": "B", "kind": "militia", "sources": ["s1"]}, {"id": "a3", "name": "C", "kind": "militia", "sources": ["s1"]}]"#
        mini.incidents =
            "["
            + [("i1", "a3"), ("i2", "a3"), ("i3", "a2"), ("i4", "a1"), ("i5", "a3")].map {
                #"{"id": "\#($0.0)", "date": "2020", "category": "attack", "region": "r1", "perpetrators": ["\#($0.1)"], "sources": ["s1"]}"#
            }.joined(separator: ",") + "]"
        let engine = QueryEngine(dataset: try Load.dataset(mini.json))
        let row = try #require(engine.run(.all).regions.first)
        #expect(row.groups.map { engine.dataset.actors[Int($0.actor)].id } == ["a3", "a1", "a2"])
        #expect(row.groups.map(\.count) == [3, 1, 1])
    }

    @Test("the figure added up is best, else low, else high")
    func fatalityCount() throws {
        #expect(Fatalities(best: 12, low: 10, high: 15).count == 12)
        #expect(Fatalities(low: 20, high: 30).count == 20)
        #expect(Fatalities(high: 7).count == 7)
        #expect(Fatalities(note: "unknown").count == 0)
        var mini = MiniDataset()
        mini.incidents =
            #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "fatalities": {"high": 7}, "sources": ["s1"]}, {"id": "i2", "date": "2020", "category": "attack", "region": "r1", "fatalities": {"note": "unclear"}, "sources": ["s1"]}]"#
        let dataset = try Load.dataset(mini.json)
        #expect(dataset.records.fatalityCount(1) == 7)
        #expect(dataset.records.fatalityCount(2) == 0)
        #expect(dataset.records.fatalities(2) == Fatalities(note: "unclear"))
        #expect(QueryEngine(dataset: dataset).run(.all).fatalities == 7)
    }

    @Test(
        "fatalities read as a user expects",
        arguments: [
            (Fatalities(best: 12, low: 10, high: 15), "12 (10–15)"), (Fatalities(low: 20, high: 30), "20–30"),
            (Fatalities(best: 5), "5"), (Fatalities(low: 3), "≥ 3"), (Fatalities(high: 7), "≤ 7"),
            (Fatalities(low: 4, high: 4), "4"), (Fatalities(), "?"),
        ])
    func fatalitiesReadable(f: Fatalities, text: String) {
        #expect(f.readable == text)
    }

    @Test("a record counts once for an actor named twice in it")
    func actorNamedTwice() throws {
        var mini = MiniDataset()
        mini.actors =
            #"[{"id": "a1", "name": "A", "kind": "other", "sources": ["s1"]}, {"id": "a2", "name": "B", "kind": "other", "sources": ["s1"]}]"#
        mini.events =
            #"[{"id": "e1", "date": "2021-05-24", "category": "coup", "title": "E", "actors": [{"actor": "a1", "role": "leader"}, {"actor": "a2", "role": "detained"}, {"actor": "a1", "role": "appointed"}], "sources": ["s1"]}]"#
        mini.incidents = "[]"
        let engine = QueryEngine(dataset: try Load.dataset(mini.json))
        let view = engine.run(.all)
        #expect(engine.run(Filter(actors: [0])).records.count == 1)
        #expect(view.actorCounts[0] == 1)
        #expect(engine.index.recordsByActor[0].count == 1)
    }

    @Test("the index lists each actor's and region's records once, in date order, as their definition says")
    func indexLists() {
        let dataset = SyntheticDataset.make(records: 3_000, seed: 4)
        let index = QueryEngine(dataset: dataset).index
        let store = dataset.records
        for a in 0..<dataset.actors.count {
            let expected = index.byDate.filter { store.actors(Int($0)).contains(Int32(a)) }
            #expect(Array(index.recordsByActor[a]) == expected, "actor \(dataset.actors[a].id)")
        }
        for r in 0..<dataset.regions.count {
            let expected = index.byDate.filter { store.regions(Int($0)).contains(Int32(r)) }
            #expect(Array(index.recordsByRegion[r]) == expected, "region \(dataset.regions[r].id)")
        }
        #expect(index.recordsByActor.items.count > store.count, "most records name several actors")
    }

    @Test("the monthly histogram counts records per month and marks coups")
    func monthly() {
        let view = engine.run(.all)
        let expected: [(Int, Int, Int)] = [
            (month(2012, 3), 1, 1), (month(2019, 6), 1, 0), (month(2020, 2), 1, 0), (month(2020, 6), 1, 0),
            (month(2020, 8), 1, 1), (month(2020, 11), 1, 0), (month(2021, 1), 1, 0), (month(2021, 3), 1, 0),
            (month(2021, 4), 1, 0), (month(2021, 5), 1, 1), (month(2021, 9), 1, 0),
        ]
        #expect(view.monthly.map(\.month) == expected.map(\.0))
        #expect(view.monthly.map(\.count) == expected.map(\.1))
        #expect(view.monthly.map(\.coups) == expected.map(\.2))
        #expect(view.monthly.map(\.count).reduce(0, +) == view.records.count)
    }

    @Test("the histogram of a filtered view: several records in one month, coups only where there are coups")
    func monthlyFiltered() throws {
        var mini = MiniDataset()
        mini.events =
            #"[{"id": "e1", "date": "2021-05-24", "category": "coup", "title": "A", "sources": ["s1"]}, {"id": "e2", "date": "2021-05-25", "category": "security-alert", "title": "B", "sources": ["s1"]}, {"id": "e3", "date": "2021-05", "category": "sanction", "title": "C", "sources": ["s1"]}, {"id": "e4", "date": "2021-06-07", "category": "transition", "title": "D", "sources": ["s1"]}]"#
        mini.incidents = "[]"
        let engine = QueryEngine(dataset: try Load.dataset(mini.json))
        let view = engine.run(.all)
        #expect(view.monthly.map(\.month) == [month(2021, 5), month(2021, 6)])
        #expect(view.monthly.map(\.count) == [3, 1])
        #expect(view.monthly.map(\.coups) == [1, 0])
        let coups = engine.run(Filter(categories: [.coup]))
        #expect(coups.monthly.map(\.count) == [1])
    }

    @Test("the dataset index knows the first and last day of the data")
    func indexSpan() {
        #expect(engine.index.firstDay == day("2012-03-22"))
        #expect(engine.index.lastDay == day("2021-12-31"))
    }

    @Test("an actor named in perpetrators and again in actors as perpetrator is one participation, counted once")
    func perpetratorListedTwice() throws {
        var mini = MiniDataset()
        mini.incidents =
            #"[{"id": "i1", "date": "2020-01-02", "category": "attack", "region": "r1", "perpetrators": ["a1"], "actors": [{"actor": "a1", "role": "perpetrator"}, {"actor": "a1", "role": "claimed"}], "sources": ["s1"]}]"#
        let engine = QueryEngine(dataset: try Load.dataset(mini.json))
        let record = engine.dataset.record(try #require(engine.dataset.recordIndex("i1")))
        #expect(record.actors.map(\.role) == ["perpetrator", "claimed"])
        #expect(record.perpetrators == [0])
        let row = try #require(engine.run(.all).regions.first { $0.incidents == 1 })
        #expect(row.groups.map(\.count) == [1])
    }

    @Test("bundled: the regions pane adds up and Bamako has the 2024 attack")
    func bundledRegions() throws {
        let engine = QueryEngine(dataset: try Load.bundled())
        let view = engine.run(.all)
        for row in view.regions {
            #expect(row.perYear.map(\.count).reduce(0, +) == row.incidents)
            #expect(row.groups.map(\.count).allSatisfy { $0 <= row.incidents })
            if row.total > 0 { #expect(row.firstDay != nil && row.lastDay != nil && row.firstDay! <= row.lastDay!) }
        }
        let bamako = try #require(view.regions.first { engine.dataset.regions[Int($0.region)].id == "bamako" })
        #expect(bamako.incidents >= 1)
        #expect(bamako.groups.contains { engine.dataset.actors[Int($0.actor)].id == "jnim" })
        #expect(view.monthly.map(\.coups).reduce(0, +) >= 4)  // 2012, 2015 (Burkina Faso), 2020, 2021
    }
}
