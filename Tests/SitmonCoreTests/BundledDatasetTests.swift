import Foundation
import Testing
@testable import SitmonCore

/// The bundled Mali case study: it loads cleanly, is big enough, cites sources everywhere, holds the facts the
/// monitor is built around, and matches `data/schema.json`.
@Suite("Bundled dataset")
struct BundledDatasetTests {
    let dataset: Dataset

    init() throws {
        dataset = try Load.bundled()
    }

    @Test("data/mali.json loads with no problem")
    func loadsCleanly() throws {
        do {
            _ = try DatasetLoader.load(path: TestPaths.bundledDataset.path)
        } catch {
            Issue.record("the bundled dataset has problems:\n\(error.description)")
        }
        #expect(dataset.info.id == "mali")
        #expect(dataset.info.asOf != nil)
        #expect(!dataset.info.licence.isEmpty && !dataset.info.attribution.isEmpty)
    }

    @Test("the resource shipped with SitmonCore is data/mali.json")
    func resourceIsTheSameFile() throws {
        let resource = TestPaths.repository.appendingPathComponent("Sources/SitmonCore/Resources/mali.json")
        #expect(try Data(contentsOf: resource) == Data(contentsOf: TestPaths.bundledDataset))
    }

    @Test("counts meet the minimums")
    func counts() {
        let counts = dataset.counts
        #expect(counts.actors >= 35)
        #expect(counts.events >= 40)
        #expect(counts.relations > 0)
        #expect(counts.incidents > 0)
        #expect(counts.assessments > 0)
        #expect(counts.sources >= 5)
    }

    @Test("the ten regions, Bamako, the 2023 regions and the neighbours are there")
    func regions() throws {
        func region(_ id: String) throws -> Region {
            try #require(dataset.regions.first { $0.id == id }, "missing region \(id)")
        }
        let ten = ["kayes", "koulikoro", "sikasso", "segou", "mopti", "tombouctou", "gao", "kidal", "menaka", "taoudenit"]
        for (k, id) in ten.enumerated() {
            let r = try region(id)
            #expect(r.kind == .region, "\(id)")
            #expect(r.iso == "ML-\(k + 1)", "\(id)")
        }
        let bamako = try region("bamako")
        #expect(bamako.kind == .district && bamako.zone == .capital && bamako.iso == "ML-BKO")
        let cut2023 = ["nioro": "kayes", "kita": "kayes", "dioila": "koulikoro", "nara": "koulikoro",
                       "bougouni": "sikasso", "koutiala": "sikasso", "san": "segou", "douentza": "mopti",
                       "bandiagara": "mopti"]
        for (id, parent) in cut2023 {
            let r = try region(id)
            #expect(r.kind == .region2023, "\(id)")
            #expect(r.parent.map { dataset.regions[Int($0)].id } == parent, "\(id) should be cut from \(parent)")
        }
        for id in ["algeria", "niger", "burkina-faso", "cote-divoire", "guinea", "senegal", "mauritania"] {
            let r = try region(id)
            #expect(r.kind == .country && r.zone == .neighbour, "\(id)")
        }
        #expect(try region("segou").name == "Ségou")
    }

    @Test("every capital has coordinates inside Mali or its neighbourhood")
    func capitals() throws {
        for region in dataset.regions where region.kind != .country {
            guard let c = region.capital else { continue }
            #expect((10...25).contains(c.latitude), "\(region.id) lat \(c.latitude)")
            #expect((-12.5...4.5).contains(c.longitude), "\(region.id) lon \(c.longitude)")
        }
    }

    @Test("every record of every kind cites at least one source that exists")
    func everythingIsSourced() {
        let n = Int32(dataset.sources.count)
        func check(_ sources: some Collection<Int32>, _ what: String) {
            #expect(!sources.isEmpty, "\(what) cites no source")
            #expect(sources.allSatisfy { $0 >= 0 && $0 < n }, "\(what) cites a source that does not exist")
        }
        for a in dataset.actors {
            check(a.sources, "actor \(a.id)")
            for role in a.roles where !role.sources.isEmpty { check(role.sources, "a role of \(a.id)") }
        }
        for r in dataset.relations { check(r.sources, "relation \(r.id)") }
        for r in dataset.regions { check(r.sources, "region \(r.id)") }
        for a in dataset.assessments { check(a.sources, "assessment \(a.id)") }
        for i in 0..<dataset.records.count {
            let record = dataset.record(i)
            check(record.sources, "\(record.kind.name) \(record.id)")
            for alt in record.alternatives { check(alt.sources, "an alternative of \(record.id)") }
        }
        // The five seed articles are all used.
        var cited = Set<Int32>()
        for i in 0..<dataset.records.count { cited.formUnion(dataset.records.sources(i)) }
        for id in ["src-crisis24-2021-05", "src-analysis-2020-08", "src-accord-2021-06", "src-ao-2020-09-09",
                   "src-usip-2021-12"] {
            #expect(dataset.sourceIndex(id).map { cited.contains($0) } == true, "\(id) is not cited by any record")
        }
    }

    @Test("references resolve: parents, relation ends, record actors and regions, assessment groups")
    func referencesResolve() {
        let actors = Int32(dataset.actors.count), regions = Int32(dataset.regions.count)
        for a in dataset.actors { if let p = a.parent { #expect(p >= 0 && p < actors) } }
        for r in dataset.relations { #expect(r.from >= 0 && r.from < actors && r.to >= 0 && r.to < actors) }
        for i in 0..<dataset.records.count {
            #expect(dataset.records.actors(i).allSatisfy { $0 >= 0 && $0 < actors })
            #expect(dataset.records.regions(i).allSatisfy { $0 >= 0 && $0 < regions })
        }
        for a in dataset.assessments {
            #expect(a.region >= 0 && a.region < regions)
            #expect(a.groups.allSatisfy { $0 >= 0 && $0 < actors })
        }
    }

    @Test("the three Crisis24 alerts are there with their severities and UTC times")
    func crisis24Alerts() throws {
        let engine = QueryEngine(dataset: dataset)
        let view = engine.run(Filter(categories: [.securityAlert]))
        let alerts = view.records.map { dataset.record(Int($0)) }
        try #require(alerts.count == 3)
        #expect(alerts.map(\.severity) == [.critical, .critical, .warning])
        #expect(alerts.map(\.timeText) == ["15:11Z", "16:52Z", "11:54Z"])
        #expect(alerts.map(\.date.description) == ["2021-05-24", "2021-05-24", "2021-05-25"])
        let crisis24 = try #require(dataset.sourceIndex("src-crisis24-2021-05"))
        #expect(alerts.allSatisfy { $0.sources.contains(crisis24) })
        #expect(alerts.allSatisfy { $0.regions.map { dataset.regions[Int($0)].id } == ["bamako"] })
    }

    @Test("the 2012 coup records the January/March disagreement")
    func coup2012Alternatives() throws {
        let i = try #require(dataset.recordIndex("ev-2012-03-21-coup"))
        let record = dataset.record(i)
        #expect(record.category == .coup)
        #expect(record.date.year == 2012 && record.date.month == 3)
        let alternative = try #require(record.alternatives.first { $0.field == "date" })
        #expect(alternative.value == "2012-01")
        #expect(!alternative.sources.isEmpty)
        #expect(alternative.note?.contains("January") == true)
    }

    @Test("the 18 Aug 2020 and 24 May 2021 coups are category coup", arguments: ["2020-08-18", "2021-05-24"])
    func coups(date: String) throws {
        let day = try #require(PartialDate(iso: date))
        let coups = (0..<dataset.records.count).filter {
            dataset.records.date($0) == day && dataset.records.categories[$0] == .coup
        }
        #expect(coups.count == 1, "expected one coup on \(date)")
        let goita = try #require(dataset.actorIndex("goita"))
        #expect(coups.allSatisfy { dataset.records.actors($0).contains(goita) }, "Goïta took part in the \(date) coup")
    }

    @Test("the coups of the timeline are 2012, 2020 and 2021 in Mali")
    func coupTimeline() throws {
        let engine = QueryEngine(dataset: dataset)
        let bamako = try engine.region("bamako")
        let view = engine.run(Filter(regions: [bamako], categories: [.coup]))
        #expect(view.records.map { dataset.records.date(Int($0)).description } == ["2012-03-21", "2020-08-18", "2021-05-24"])
    }

    @Test("data/mali.json validates against data/schema.json")
    func schema() throws {
        let result = try SchemaCheck.validate(TestPaths.bundledDataset)
        #expect(result.status == 0, "schema validation failed:\n\(result.stderr)")
    }

    @Test("the schema accepts what docs/data-format.md allows: a bare number of fatalities")
    func schemaAcceptsBareFatalities() throws {
        var mini = MiniDataset()
        mini.incidents = #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "perpetrators": ["a1"], "fatalities": 7, "sources": ["s1"]}]"#
        mini.events = #"[{"id": "e1", "date": "2020-01-01", "category": "other", "severity": "info", "title": "Event one", "sources": ["s1"]}]"#
        let text = mini.json.replacingOccurrences(of: #""dataset": {"id": "mini", "title": "Mini"}"#,
            with: #""dataset": {"id": "mini", "title": "Mini", "description": "D", "asOf": "2020", "licence": "CC0", "attribution": "A"}"#)
        _ = try Load.dataset(text)  // sitmon reads it
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bare.json")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let result = try SchemaCheck.validate(file)
        #expect(result.status == 0, "\(result.stderr.split(separator: "\n").suffix(3).joined(separator: "\n"))")
        // Written as an object, the same file passes.
        try text.replacingOccurrences(of: #""fatalities": 7"#, with: #""fatalities": {"best": 7}"#)
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try SchemaCheck.validate(file).status == 0)
    }

    @Test("the schema leaves optional what the loader leaves optional")
    func schemaOptionalFields() throws {
        // No dataset description/asOf/licence/attribution, no event severity, no incident perpetrators,
        // no assessment trend or groups, an alternative without sources.
        var mini = MiniDataset()
        mini.events = #"[{"id": "e1", "date": "2020-01-01", "category": "other", "title": "Event one", "alternatives": [{"field": "date", "value": "2019"}], "sources": ["s1"]}]"#
        mini.incidents = #"[{"id": "i1", "date": "2020-01-02", "category": "attack", "region": "r1", "sources": ["s1"]}]"#
        mini.assessments = #"[{"id": "x1", "region": "r1", "presence": "low", "statement": "S", "sources": ["s1"]}]"#
        _ = try Load.dataset(mini.json)  // sitmon reads it
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("optional.json")
        try mini.json.write(to: file, atomically: true, encoding: .utf8)
        let result = try SchemaCheck.validate(file)
        #expect(result.status == 0, "\(result.stderr.split(separator: "\n").suffix(3).joined(separator: "\n"))")
    }

    @Test("Fixtures/small.json validates against data/schema.json")
    func smallFixtureSchema() throws {
        let result = try SchemaCheck.validate(TestPaths.fixture("small.json"))
        #expect(result.status == 0, "schema validation failed:\n\(result.stderr)")
    }
}
