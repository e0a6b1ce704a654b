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
        let ten = [
            "kayes", "koulikoro", "sikasso", "segou", "mopti", "tombouctou", "gao", "kidal", "menaka", "taoudenit",
        ]
        for (k, id) in ten.enumerated() {
            let r = try region(id)
            #expect(r.kind == .region, "\(id)")
            #expect(r.iso == "ML-\(k + 1)", "\(id)")
        }
        let bamako = try region("bamako")
        #expect(bamako.kind == .district && bamako.zone == .capital && bamako.iso == "ML-BKO")
        let cut2023 = [
            "nioro": "kayes", "kita": "kayes", "dioila": "koulikoro", "nara": "koulikoro",
            "bougouni": "sikasso", "koutiala": "sikasso", "san": "segou", "douentza": "mopti",
            "bandiagara": "mopti",
        ]
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
        for id in [
            "src-crisis24-2021-05", "src-analysis-2020-08", "src-accord-2021-06", "src-ao-2020-09-09",
            "src-usip-2021-12",
        ] {
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
        let crisis24 = try #require(dataset.sourceIndex("src-crisis24-2021-05"))
        let view = engine.run(Filter(categories: [.securityAlert]))
        let alerts = view.records.map { dataset.record(Int($0)) }.filter { $0.sources.contains(crisis24) }
        try #require(alerts.count == 3)
        #expect(alerts.map(\.severity) == [.critical, .critical, .warning])
        #expect(alerts.map(\.timeText) == ["15:11Z", "16:52Z", "11:54Z"])
        #expect(alerts.map(\.date.description) == ["2021-05-24", "2021-05-24", "2021-05-25"])
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
        #expect(
            view.records.map { dataset.records.date(Int($0)).description } == [
                "2012-03-21", "2020-08-18", "2021-05-24",
            ])
    }

    @Test("every incident has its region, a fatality figure or an explicit 'not reported', and a source")
    func incidentsAreComplete() {
        for i in 0..<dataset.records.count where dataset.records.kinds[i] == .incident {
            let record = dataset.record(i)
            #expect(record.regions.count == 1, "incident \(record.id) has \(record.regions.count) regions")
            let fatalities = record.fatalities
            let figure = fatalities.map { $0.best != nil || $0.low != nil || $0.high != nil } ?? false
            let notReported = fatalities?.note?.localizedCaseInsensitiveContains("not reported") ?? false
            #expect(
                figure || notReported, "incident \(record.id) gives no fatality figure and does not say 'not reported'")
            #expect(!record.sources.isEmpty, "incident \(record.id) cites no source")
        }
    }

    /// The five analysis articles, cited by publisher and date; they are documents, not web pages.
    static let articles: Set<String> = [
        "src-crisis24-2021-05", "src-analysis-2020-08", "src-accord-2021-06",
        "src-ao-2020-09-09", "src-usip-2021-12",
    ]

    @Test("every source but the five articles has a URL; reference pages also give the day they were read")
    func sourcesHaveAddresses() {
        for source in dataset.sources where !Self.articles.contains(source.id) {
            let url = source.url ?? ""
            #expect(url.hasPrefix("https://") || url.hasPrefix("http://"), "source \(source.id) has no URL")
            let reference =
                ["wikipedia.org", "geonames.org", "iso.org"].contains { url.contains($0) }
                || ["Wikipedia", "GeoNames"].contains(source.publisher ?? "")
            if reference { #expect(source.accessed != nil, "reference page \(source.id) has no access date") }
        }
        for id in Self.articles {
            let source = dataset.sources.first { $0.id == id }
            #expect(source?.document != nil, "\(id) lost its document name")
        }
    }

    /// Every piece of text the monitor or an export shows, with where it comes from.
    func userFacingTexts() -> [(place: String, text: String)] {
        var texts: [(place: String, text: String)] = []
        func add(_ place: String, _ text: String?) { if let text { texts.append((place, text)) } }
        let info = dataset.info
        add("dataset title", info.title)
        add("dataset description", info.description)
        add("dataset attribution", info.attribution)
        add("dataset licence", info.licence)
        for s in dataset.sources {
            add("source \(s.id) title", s.title)
            add("source \(s.id) publisher", s.publisher)
            add("source \(s.id) note", s.note)
        }
        for a in dataset.actors {
            add("actor \(a.id) name", a.name)
            add("actor \(a.id) summary", a.summary)
            for role in a.roles { add("a role of \(a.id)", role.title) }
        }
        for r in dataset.relations { add("relation \(r.id) note", r.note) }
        for r in dataset.regions { add("region \(r.id) name", r.name) }
        for i in 0..<dataset.records.count {
            let r = dataset.record(i)
            add("\(r.id) title", r.title)
            add("\(r.id) summary", r.summary)
            add("\(r.id) note", r.note)
            add("\(r.id) location", r.location)
            add("\(r.id) target", r.target)
            add("\(r.id) fatalities note", r.fatalities?.note)
            for f in r.figures { add("a figure label of \(r.id)", f.label) }
            for alt in r.alternatives {
                add("an alternative of \(r.id)", alt.value)
                add("an alternative note of \(r.id)", alt.note)
            }
        }
        for a in dataset.assessments { add("assessment \(a.id) statement", a.statement) }
        return texts
    }

    @Test("no text a user sees speaks of seeds or cites an article by its file name")
    func noCuratorJargon() {
        let texts = userFacingTexts()
        #expect(texts.count > 500)
        for (place, text) in texts {
            #expect(
                text.range(of: #"\bseeds?\b"#, options: [.regularExpression, .caseInsensitive]) == nil,
                "\(place) says 'seed': \(text)")
            #expect(
                text.range(of: #"\b[0-9]{3}_[0-9a-f]{6,}(\.txt)?\b"#, options: .regularExpression) == nil,
                "\(place) cites a file name: \(text)")
        }
    }

    @Test(
        "ISGS is found under each of its names and spellings",
        arguments: [
            "ISGS", "Islamic State in the Greater Sahara", "EIGS", "IS Sahel", "ISSP", "Islamic State Sahel Province",
            "Islamic State (Greater Sahara)", "Islamic State (Sahel)", "État islamique au Grand Sahara",
            "Etat islamique au grand Sahara", "islamic state sahel province",
        ])
    func isgsAliases(name: String) throws {
        let engine = QueryEngine(dataset: dataset)
        let isgs = try #require(dataset.actorIndex("isgs"))
        #expect(Lookup.actor(name, in: engine) == .found(isgs), "'\(name)' does not find ISGS")
    }

    @Test(
        "groups founded in late 2016 appear in no record, relation or assessment dated before",
        arguments: [
            ("da-na-ambassagou", "2016-10"), ("ansaroul-islam", "2016-12"),
        ])
    func notBeforeFounding(id: String, founded: String) throws {
        let actor = try #require(dataset.actorIndex(id))
        let founding = try #require(PartialDate(iso: founded))
        let record = dataset.actors[Int(actor)]
        #expect(record.roles.compactMap(\.start).min().map { $0 >= founding } == true, "\(id) has no founding date")
        for i in 0..<dataset.records.count where dataset.records.date(i) < founding {
            #expect(!dataset.records.actors(i).contains(actor), "\(dataset.record(i).id) names \(id) before \(founded)")
        }
        for r in dataset.relations where r.from == actor || r.to == actor {
            if let start = r.start { #expect(start >= founding, "relation \(r.id) starts before \(founded)") }
        }
        for a in dataset.assessments where a.groups.contains(actor) {
            #expect(a.start.map { $0 >= founding } ?? false, "assessment \(a.id) lists \(id) from before \(founded)")
        }
    }

    @Test(
        "corrected dates: the facts the fact-check fixed",
        arguments: [
            ("ev-2020-04-30-court-results", "2020-04-30"), ("ev-2024-11-21-abdoulaye-maiga-pm", "2024-11-21"),
            ("ev-2024-11-20-pm-replaced", "2024-11-20"), ("ev-2021-05-26-resignations", "2021-05-26"),
            ("ev-2021-01-18-cnsp-dissolved", "2021-01-18"), ("ev-2020-10-06-ecowas-lifts-sanctions", "2020-10-06"),
            ("ev-2013-04-25-minusma-created", "2013-04-25"), ("ev-2013-07-01-minusma-deployed", "2013-07-01"),
            ("ev-2023-12-31-minusma-withdrawn", "2023-12-31"),
        ])
    func correctedDates(id: String, date: String) throws {
        let i = try #require(dataset.recordIndex(id), "missing \(id)")
        #expect(dataset.records.date(i).description == date)
        #expect(!dataset.record(i).sources.isEmpty)
    }

    @Test("corrections that live in relations, roles and alternatives")
    func correctedFacts() throws {
        func relation(_ id: String) throws -> Relation {
            try #require(dataset.relations.first { $0.id == id }, "\(id)")
        }
        #expect(try relation("rel-united-states-supports-fama").end?.description == "2020-08-21")
        #expect(try relation("rel-goita-appoints-abdoulaye-maiga").start?.description == "2024-11-21")
        #expect(try relation("rel-abdoulaye-maiga-succeeds-choguel-maiga").start?.description == "2024-11-21")
        #expect(try relation("rel-ecowas-sanctions-cnsp").end?.description == "2020-10-06")
        let doucoure = try #require(dataset.actorIndex("doucoure"))
        #expect(dataset.actors[Int(doucoure)].kind == .armedForces)
        #expect(dataset.actors[Int(doucoure)].summary?.contains("general") == true)
        // Crisis24's "resigned upon release" is kept as the other reading, with its source.
        let resignations = dataset.record(try #require(dataset.recordIndex("ev-2021-05-26-resignations")))
        let crisis24 = try #require(dataset.sourceIndex("src-crisis24-2021-05"))
        #expect(resignations.alternatives.contains { $0.sources.contains(crisis24) })
        // The turnout record keeps the Bamako estimate and the national figures apart.
        let turnout = dataset.record(try #require(dataset.recordIndex("ev-2020-03-turnout")))
        #expect(turnout.figures.map(\.value) == [7.5, 35.58, 35.25])
        #expect(turnout.figures.first?.label.contains("Bamako") == true)
        // "Ordinary Malians" belongs to the sanctions after the 2021 coup.
        let sanctions2020 = dataset.record(try #require(dataset.recordIndex("ev-2020-08-ecowas-sanctions")))
        #expect(sanctions2020.summary?.contains("ordinary Malians") == false)
        let sanctions2021 = dataset.record(try #require(dataset.recordIndex("ev-2021-11-07-ecowas-sanctions")))
        #expect(sanctions2021.summary?.contains("ordinary Malians") == true)
    }

    @Test("data/mali.json validates against data/schema.json")
    func schema() throws {
        let result = try SchemaCheck.validate(TestPaths.bundledDataset)
        #expect(result.status == 0, "schema validation failed:\n\(result.stderr)")
    }

    @Test("the schema accepts what docs/data-format.md allows: a bare number of fatalities")
    func schemaAcceptsBareFatalities() throws {
        var mini = MiniDataset()
        mini.incidents =
            #"[{"id": "i1", "date": "2020", "category": "attack", "region": "r1", "perpetrators": ["a1"], "fatalities": 7, "sources": ["s1"]}]"#
        mini.events =
            #"[{"id": "e1", "date": "2020-01-01", "category": "other", "severity": "info", "title": "Event one", "sources": ["s1"]}]"#
        let text = mini.json.replacingOccurrences(
            of: #""dataset": {"id": "mini", "title": "Mini"}"#,
            with:
                #""dataset": {"id": "mini", "title": "Mini", "description": "D", "asOf": "2020", "licence": "CC0", "attribution": "A"}"#
        )
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
        mini.events =
            #"[{"id": "e1", "date": "2020-01-01", "category": "other", "title": "Event one", "alternatives": [{"field": "date", "value": "2019"}], "sources": ["s1"]}]"#
        mini.incidents =
            #"[{"id": "i1", "date": "2020-01-02", "category": "attack", "region": "r1", "sources": ["s1"]}]"#
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
