import Foundation
import Testing
@testable import SitmonCore

/// Cross-filtering through `QueryEngine.run`, on `Fixtures/small.json` where every answer is known.
///
/// The fixture's records in date order:
///  1. ev-2012-coup               2012-03-22  coup        critical  Bamako
///  2. inc-2019-06-10-mopti       2019-06-10  attack      warning   Mopti       Katiba Macina   12 (10–15)
///  3. inc-2020-02-14-bandiagara  2020-02-14  massacre    critical  Bandiagara  JNIM            20–30
///  4. ev-2020-06-protest         2020-06     protest     warning   Bamako, Ségou
///  5. ev-2020-08-18-coup         2020-08-18  coup        critical  Bamako      Goïta (leader), CNSP (perpetrator)
///  6. inc-2020-11-02-segou       2020-11-02  armed-clash warning   Ségou       ISGS            5
///  7. ev-2021-centre-report      2021        report      info      Mopti
///  8. inc-2021-03-05-segou       2021-03-05  attack      warning   Ségou       JNIM            3
///  9. inc-2021-04-10-segou       2021-04-10  attack      notice    Ségou       JNIM            2–6
/// 10. ev-2021-05-24-coup         2021-05-24  coup        critical  Bamako      Goïta (leader), N'Daw (detained)
/// 11. inc-2021-09-01-mopti       2021-09-01  abduction   notice    Mopti       (unknown)
/// Goïta's parent is the CNSP; Katiba Macina's parent is JNIM; Bandiagara was cut from Mopti.
@Suite("Filters")
struct FilterTests {
    let engine = Load.smallEngine()

    static let allRecords = [
        "ev-2012-coup", "inc-2019-06-10-mopti", "inc-2020-02-14-bandiagara", "ev-2020-06-protest", "ev-2020-08-18-coup",
        "inc-2020-11-02-segou", "ev-2021-centre-report", "inc-2021-03-05-segou", "inc-2021-04-10-segou",
        "ev-2021-05-24-coup", "inc-2021-09-01-mopti",
    ]

    func ids(_ filter: Filter) -> [String] { engine.recordIds(engine.run(filter)) }

    func date(_ text: String) throws -> PartialDate { try #require(PartialDate(iso: text)) }

    @Test("the empty filter shows all actors and all records, in date order")
    func emptyFilter() {
        let view = engine.run(.all)
        #expect(Filter.all.isEmpty)
        #expect(engine.recordIds(view) == Self.allRecords)
        #expect(engine.actorIds(view) == ["goita", "cnsp", "jnim", "katiba-macina", "isgs", "ndaw"])
        #expect(view.eventCount == 5)
        #expect(view.incidentCount == 6)
        #expect(Filter.all.describe(in: engine.dataset) == "everything")
    }

    @Test("whitespace-only text is no filter")
    func blankText() {
        #expect(Filter(text: "  \t ").isEmpty)
        #expect(ids(Filter(text: "   ")) == Self.allRecords)
    }

    @Test("choosing an actor narrows the timeline, the actors and the regions to that actor's records")
    func oneActor() throws {
        let view = engine.run(Filter(actors: [try engine.actor("goita")]))
        #expect(engine.recordIds(view) == ["ev-2020-08-18-coup", "ev-2021-05-24-coup"])
        #expect(engine.regionIds(view) == ["bamako"])
        #expect(engine.actorIds(view) == ["goita", "cnsp", "ndaw"])
        #expect(view.actorCounts[Int(try engine.actor("goita"))] == 2)
        #expect(view.actorCounts[Int(try engine.actor("ndaw"))] == 1)
        #expect(view.actorCounts[Int(try engine.actor("jnim"))] == 0)
    }

    @Test("an actor stands for the groups under it: JNIM includes Katiba Macina's records")
    func actorFamilies() throws {
        let jnim = engine.run(Filter(actors: [try engine.actor("jnim")]))
        #expect(
            engine.recordIds(jnim)
                == [
                    "inc-2019-06-10-mopti", "inc-2020-02-14-bandiagara", "inc-2021-03-05-segou", "inc-2021-04-10-segou",
                ])
        #expect(engine.actorIds(jnim) == ["jnim", "katiba-macina"])
        #expect(engine.regionIds(jnim) == ["segou", "mopti", "bandiagara"])
        // The family goes down, not up: Katiba Macina alone does not bring in JNIM's records.
        #expect(ids(Filter(actors: [try engine.actor("katiba-macina")])) == ["inc-2019-06-10-mopti"])
        // The CNSP includes Goïta, whose parent it is.
        #expect(ids(Filter(actors: [try engine.actor("cnsp")])) == ["ev-2020-08-18-coup", "ev-2021-05-24-coup"])
    }

    @Test("a region narrows the actors and the timeline, and includes the regions cut from it")
    func oneRegion() throws {
        let mopti = engine.run(Filter(regions: [try engine.region("mopti")]))
        #expect(
            engine.recordIds(mopti)
                == [
                    "inc-2019-06-10-mopti", "inc-2020-02-14-bandiagara", "ev-2021-centre-report",
                    "inc-2021-09-01-mopti",
                ])
        #expect(engine.actorIds(mopti) == ["jnim", "katiba-macina"])
        #expect(engine.regionIds(mopti) == ["mopti", "bandiagara"])
        // Bandiagara alone does not include its parent's records.
        #expect(ids(Filter(regions: [try engine.region("bandiagara")])) == ["inc-2020-02-14-bandiagara"])

        let segou = engine.run(Filter(regions: [try engine.region("segou")]))
        #expect(
            engine.recordIds(segou)
                == ["ev-2020-06-protest", "inc-2020-11-02-segou", "inc-2021-03-05-segou", "inc-2021-04-10-segou"])
        #expect(engine.actorIds(segou) == ["jnim", "isgs"])
        // The protest names Bamako too, so Bamako has activity in this view.
        #expect(engine.regionIds(segou) == ["bamako", "segou"])
    }

    @Test("a region with no records still shows when it is the filter")
    func emptyRegionIsListed() throws {
        let gao = try engine.region("gao")
        let view = engine.run(Filter(regions: [gao]))
        #expect(view.records.isEmpty)
        #expect(engine.regionIds(view) == ["gao"])
        #expect(view.actors.isEmpty)
    }

    @Test("two actors are OR")
    func twoActorsAreOr() throws {
        let filter = Filter(actors: [try engine.actor("goita"), try engine.actor("isgs")])
        #expect(ids(filter) == ["ev-2020-08-18-coup", "inc-2020-11-02-segou", "ev-2021-05-24-coup"])
        #expect(filter.describe(in: engine.dataset) == "actor Goïta or ISGS")
    }

    @Test("two regions are OR")
    func twoRegionsAreOr() throws {
        let filter = Filter(regions: [
            try engine.region("gao"), try engine.region("bandiagara"), try engine.region("bamako"),
        ])
        #expect(
            ids(filter) == [
                "ev-2012-coup", "inc-2020-02-14-bandiagara", "ev-2020-06-protest", "ev-2020-08-18-coup",
                "ev-2021-05-24-coup",
            ])
    }

    @Test("an actor and a region are AND")
    func actorAndRegionAreAnd() throws {
        let jnimSegou = Filter(actors: [try engine.actor("jnim")], regions: [try engine.region("segou")])
        let view = engine.run(jnimSegou)
        #expect(engine.recordIds(view) == ["inc-2021-03-05-segou", "inc-2021-04-10-segou"])
        #expect(engine.actorIds(view) == ["jnim"])
        #expect(engine.regionIds(view) == ["segou"])
        #expect(jnimSegou.describe(in: engine.dataset) == "actor JNIM; region Ségou")
        #expect(ids(Filter(actors: [try engine.actor("jnim")], regions: [try engine.region("bamako")])).isEmpty)
        #expect(ids(Filter(actors: [try engine.actor("goita")], regions: [try engine.region("mopti")])).isEmpty)
    }

    @Test("a date range keeps records that overlap it, whatever their precision")
    func dateRange() throws {
        // The 2021 report (year precision) overlaps June 2021.
        #expect(ids(Filter(since: try date("2021-06-01"), until: try date("2021-06-30"))) == ["ev-2021-centre-report"])
        // A month-precision `since` starts on the first of the month; `until` ends on the last day of its period.
        #expect(ids(Filter(since: try date("2021-06"))) == ["ev-2021-centre-report", "inc-2021-09-01-mopti"])
        #expect(ids(Filter(until: try date("2012"))) == ["ev-2012-coup"])
        #expect(ids(Filter(until: try date("2019-06"))) == ["ev-2012-coup", "inc-2019-06-10-mopti"])
        // A day inside the June 2020 protest month.
        #expect(ids(Filter(since: try date("2020-06-15"), until: try date("2020-06-15"))) == ["ev-2020-06-protest"])
        // The bounds are inclusive.
        #expect(ids(Filter(since: try date("2020-08-18"), until: try date("2020-08-18"))) == ["ev-2020-08-18-coup"])
        #expect(ids(Filter(since: try date("2020-08-19"), until: try date("2020-11-01"))).isEmpty)
        #expect(ids(Filter(since: try date("2022"))).isEmpty)
    }

    @Test("a record with an end date overlaps every day up to its end")
    func recordsWithAnEnd() throws {
        var mini = MiniDataset()
        mini.events =
            #"[{"id": "e1", "date": "2020-01-10", "end": "2020-03", "category": "other", "title": "E", "sources": ["s1"]}]"#
        mini.incidents = "[]"
        let engine = QueryEngine(dataset: try Load.dataset(mini.json))
        #expect(engine.run(Filter(since: try date("2020-03-31"))).records.count == 1)
        #expect(engine.run(Filter(since: try date("2020-04-01"))).records.isEmpty)
        #expect(engine.run(Filter(until: try date("2020-01-10"))).records.count == 1)
        #expect(engine.run(Filter(until: try date("2020-01-09"))).records.isEmpty)
    }

    @Test("categories are OR among themselves")
    func categories() {
        #expect(ids(Filter(categories: [.coup])) == ["ev-2012-coup", "ev-2020-08-18-coup", "ev-2021-05-24-coup"])
        #expect(
            ids(Filter(categories: [.coup, .massacre]))
                == ["ev-2012-coup", "inc-2020-02-14-bandiagara", "ev-2020-08-18-coup", "ev-2021-05-24-coup"])
        #expect(ids(Filter(categories: [.securityAlert])).isEmpty)
        #expect(ids(Filter(categories: [.other])).isEmpty)
        #expect(ids(Filter(categories: [.abduction, .report])) == ["ev-2021-centre-report", "inc-2021-09-01-mopti"])
    }

    @Test("a minimum severity keeps that severity and above")
    func minimumSeverity() {
        #expect(
            ids(Filter(minimumSeverity: .critical))
                == ["ev-2012-coup", "inc-2020-02-14-bandiagara", "ev-2020-08-18-coup", "ev-2021-05-24-coup"])
        #expect(
            ids(Filter(minimumSeverity: .warning)) == [
                "ev-2012-coup", "inc-2019-06-10-mopti", "inc-2020-02-14-bandiagara", "ev-2020-06-protest",
                "ev-2020-08-18-coup", "inc-2020-11-02-segou", "inc-2021-03-05-segou", "ev-2021-05-24-coup",
            ])
        #expect(ids(Filter(minimumSeverity: .info)) == Self.allRecords)
        #expect(Filter(minimumSeverity: .warning).describe(in: engine.dataset) == "severity ≥ warning")
    }

    @Test("an incident without a severity is a warning")
    func incidentDefaultSeverity() throws {
        let i = try #require(engine.dataset.recordIndex("inc-2019-06-10-mopti"))
        #expect(engine.dataset.records.severities[i] == .warning)
    }

    @Test("every kind of filter combines with AND")
    func combined() throws {
        let filter = Filter(actors: [try engine.actor("jnim")], since: try date("2021"), minimumSeverity: .warning)
        #expect(ids(filter) == ["inc-2021-03-05-segou"])
        let view = engine.run(Filter(regions: [try engine.region("mopti")], categories: [.attack, .massacre]))
        #expect(engine.recordIds(view) == ["inc-2019-06-10-mopti", "inc-2020-02-14-bandiagara"])
    }

    @Test("toggling an actor adds then removes it")
    func toggle() throws {
        var filter = Filter()
        let jnim = try engine.actor("jnim")
        filter.toggle(actor: jnim)
        #expect(filter.actors == [jnim])
        filter.toggle(actor: jnim)
        #expect(filter.isEmpty)
        let mopti = try engine.region("mopti")
        filter.toggle(region: mopti)
        #expect(ids(filter).count == 4)
        filter.toggle(region: mopti)
        #expect(ids(filter) == Self.allRecords)
    }

    @Test("indexes out of range in a filter are ignored, not a crash")
    func outOfRangeIndexes() {
        #expect(ids(Filter(actors: [99])).isEmpty)
        #expect(ids(Filter(regions: [-1])).isEmpty)
    }

    // MARK: On the bundled data

    @Test("bundled: JNIM's view includes every record of Katiba Macina and of Amadou Kouffa")
    func bundledFamilies() throws {
        let engine = QueryEngine(dataset: try Load.bundled())
        let jnim = Set(engine.run(Filter(actors: [try engine.actor("jnim")])).records)
        for member in ["katiba-macina", "kouffa"] {
            let own = engine.run(Filter(actors: [try engine.actor(member)])).records
            #expect(own.allSatisfy { jnim.contains($0) }, "\(member)'s records are not all in JNIM's view")
        }
        #expect(engine.index.actorFamilies[Int(try engine.actor("jnim"))].contains(try engine.actor("kouffa")))
    }

    @Test("bundled: every record in Goïta's view names Goïta, and every one naming him is there")
    func bundledActor() throws {
        let engine = QueryEngine(dataset: try Load.bundled())
        let goita = try engine.actor("goita")
        let view = engine.run(Filter(actors: [goita]))
        let naming = (0..<engine.dataset.records.count).filter { engine.dataset.records.actors($0).contains(goita) }
        #expect(view.records.map(Int.init).sorted() == naming)
        #expect(view.records.count >= 5)
        #expect(engine.regionIds(view).contains("bamako"))
    }

    @Test("bundled: Mopti's view includes the regions cut from it in 2023; the empty filter shows everything")
    func bundledRegion() throws {
        let engine = QueryEngine(dataset: try Load.bundled())
        let family = Set(["mopti", "douentza", "bandiagara"].compactMap { engine.dataset.regionIndex($0) })
        let view = engine.run(Filter(regions: [try engine.region("mopti")]))
        #expect(!view.records.isEmpty)
        for r in view.records {
            #expect(engine.dataset.records.regions(Int(r)).contains { family.contains($0) })
        }
        let all = engine.run(.all)
        #expect(all.records.count == engine.dataset.records.count)
        #expect(all.actors.count == engine.dataset.actors.count)
        #expect(all.eventCount + all.incidentCount == engine.dataset.records.count)
    }
}
