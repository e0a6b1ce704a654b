import Foundation
import Testing
@testable import SitmonCore
import SitmonGenerate
import SitmonTestSupport

/// The alias table, unique actor labels, the order-independent merge, ambiguous actor names, and deaths by record
/// kind in the regions' activity.
@Suite("Actor matching and merging")
struct ActorMatchingTests {
    // MARK: The alias table

    @Test("the compiled-in alias table is data/actor-aliases.json")
    func compiledIn() throws {
        let file = try String(
            contentsOf: TestPaths.repository.appendingPathComponent("data/actor-aliases.json"),
            encoding: .utf8)
        #expect(ActorAliases.bundledText + "\n" == file)
        #expect(ActorAliases.bundled.entries.count >= 15)
    }

    @Test("every id in the alias table is a bundled actor, with the case study's short name and kind")
    func idsExist() throws {
        let bundled = try Load.bundled()
        for entry in ActorAliases.bundled.entries {
            let actor = try #require(bundled.actors.first { $0.id == entry.id }, "\(entry.id) is not in data/mali.json")
            #expect(actor.shortName == entry.shortName, "\(entry.id)")
            #expect(actor.kind == entry.kind, "\(entry.id)")
        }
    }

    @Test("names match ignoring case, accents, punctuation and a trailing period; combined actors never match")
    func matching() {
        let table = ActorAliases.bundled
        #expect(table.entry(for: "Military Forces of Mali (2013-)")?.id == "fama")
        #expect(table.entry(for: "Military Forces of Mali (2020-2021)")?.id == "fama")
        #expect(table.entry(for: "military forces of mali (2021-)")?.id == "fama")
        #expect(table.entry(for: "Islamic State (Greater Sahara)")?.id == "isgs")
        #expect(table.entry(for: "Islamic State (Sahel)")?.id == "isgs")
        #expect(table.entry(for: "IS")?.id == "isgs")
        #expect(table.entry(for: "Islamic State")?.id == "islamic-state")
        #expect(table.entry(for: "MNLA: National Movement for the Liberation of Azawad")?.id == "mnla")
        #expect(
            table.entry(
                for: "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-)")?.id
                == "minusma")
        #expect(table.entry(for: "Jamaat Nusrat al-Islam wal-Muslimin")?.id == "jnim")
        #expect(table.entry(for: "Military Forces of France (2017-)")?.id == "france")
        #expect(
            table.entry(for: "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)")
                == nil)
        #expect(table.entry(for: "CMA (Splinter Faction)") == nil)
        #expect(table.entry(for: "Military Forces of Mali (2020-) Special Forces") == nil)
        #expect(table.entry(for: "Dogon Ethnic Militia (Mali)") == nil)
    }

    @Test("a bad alias file is an error naming the file and the JSON path")
    func badFile() {
        #expect(throws: LoadError.self) {
            try ActorAliases(text: #"{"actors": [{"id": "x", "names": 3}]}"#, file: "a.json")
        }
        do {
            _ = try ActorAliases(text: #"{"actors": [{"id": "x", "kind": "wizard", "names": ["X"]}]}"#, file: "a.json")
            Issue.record("an unknown kind was accepted")
        } catch {
            #expect(error.description.contains("a.json"))
            #expect(error.description.contains("$.actors[0].kind"))
            #expect(error.description.contains("wizard"))
        }
    }

    // MARK: Labels

    @Test("labels: one keeper for a shared short name, disambiguated or full names for the rest, curated ones kept")
    func labels() {
        var actors = [
            Actor(
                id: "a", name: "JNIM: Group for Support of Islam and Muslims", shortName: "JNIM", kind: .jihadistGroup),
            Actor(
                id: "b", name: "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)",
                shortName: "JNIM", kind: .jihadistGroup),
            Actor(id: "c", name: "BJP: Bharatiya Janata Party", shortName: "BJP", kind: .other),
            Actor(id: "d", name: "BJP: Bangladesh Jatiya Party", shortName: "BJP", kind: .other),
            Actor(id: "e", name: "MAA: Arab Movement of the Azawad (Platform)", shortName: "MAA", kind: .other),
            Actor(id: "f", name: "MAA: Arab Movement of the Azawad (CMA)", shortName: "MAA", kind: .other),
        ]
        ActorLabels.makeUnique(&actors)
        #expect(actors.map(\.shortName) == ["JNIM", "JNIM and/or ISGS", nil, nil, "MAA (Platform)", "MAA (CMA)"])

        // A curated actor keeps its short name; an imported one that shares it gives way.
        var merged = [
            Actor(id: "jnim", name: "Jama'at Nusrat al-Islam wal-Muslimin", shortName: "JNIM", kind: .jihadistGroup),
            Actor(id: "x", name: "JNIM: Katiba Example", shortName: "JNIM", kind: .jihadistGroup),
        ]
        ActorLabels.makeUnique(&merged, protected: 1)
        #expect(merged.map(\.shortName) == ["JNIM", nil])
    }

    @Test("one dataset opened alone (an import saved before this rule) still gets unique labels")
    func single() {
        let old = Self.twoMAA(id: "old", title: "Old import")
        let (opened, _) = DatasetMerger.merge([old])
        #expect(opened.actors.map(\.shortName) == ["MAA (Platform)", "MAA (CMA)"])
    }

    @Test("labels settled: exactly when labelling again would change nothing, on random actors")
    func settled() {
        var random = SplitMix64(seed: 5)
        let shorts = ["JNIM", "MAA", "BJP", "ISGS", "Dozo", "MAA (CMA)", "jnim", "Ménaka", ""]
        let names = [
            "JNIM", "MAA: Arab Movement of the Azawad (CMA)", "MAA: Arab Movement of the Azawad (Platform)",
            "BJP: Bharatiya Janata Party", "JNIM: Group for Support of Islam and Muslims and/or Islamic State",
            "Menaka", "Dozo militia", "ISGS",
        ]
        var sawSettled = 0, sawUnsettled = 0
        for round in 0..<300 {
            let actors = (0..<random.int(1...6)).map { k in
                Actor(
                    id: "a\(k)", name: names[random.below(names.count)],
                    shortName: random.below(4) == 0 ? nil : shorts[random.below(shorts.count)], kind: .other)
            }
            var again = actors
            ActorLabels.makeUnique(&again)
            let unchanged = again.map(\.shortName) == actors.map(\.shortName)
            #expect(ActorLabels.areSettled(actors) == unchanged, "round \(round)")
            if unchanged { sawSettled += 1 } else { sawUnsettled += 1 }
            // What an import hands on: labelled, and settled when labelling once more changes nothing.
            var labelled = actors
            let settled = ActorLabels.makeUniqueAndSettled(&labelled)
            #expect(labelled.map(\.shortName) == again.map(\.shortName))
            var twice = labelled
            ActorLabels.makeUnique(&twice)
            #expect(settled == (twice.map(\.shortName) == labelled.map(\.shortName)))
        }
        #expect(sawSettled > 20 && sawUnsettled > 20)
    }

    @Test("a dataset whose labels are settled is not labelled again when opened alone; changing its actors unsettles")
    func settledDatasetOpened() {
        var dataset = Self.twoMAA(id: "fresh", title: "Fresh import")
        dataset.actorLabelsSettled = true
        // Marked settled (wrongly, to show it is trusted): opened as it is.
        #expect(DatasetMerger.merge([dataset]).0.actors.map(\.shortName) == ["MAA", "MAA"])
        dataset.actors[0].aliases = ["Platform"]
        #expect(!dataset.actorLabelsSettled, "any change to the actors clears the mark")
        #expect(DatasetMerger.merge([dataset]).0.actors.map(\.shortName) == ["MAA (Platform)", "MAA (CMA)"])
    }

    // MARK: Merging

    /// An export-like dataset naming two curated actors as ACLED does, with one record in Ségou for each.
    /// A dataset of two actors with the same short name, "MAA" (its two factions).
    static func twoMAA(id: String, title: String) -> Dataset {
        Dataset(
            info: DatasetInfo(id: id, title: title),
            actors: [
                Actor(id: "a", name: "MAA: Arab Movement of the Azawad (Platform)", shortName: "MAA", kind: .other),
                Actor(id: "b", name: "MAA: Arab Movement of the Azawad (CMA)", shortName: "MAA", kind: .other),
            ])
    }

    static func export(id: String = "acled-export") -> Dataset {
        // An armed clash in region 0 on `date`: `actor` against the next actor.
        func clash(_ id: String, _ date: String, actor: Int32, fatalities: Int) -> Record {
            Record(
                kind: .incident, id: id, date: PartialDate(iso: date)!, category: .armedClash, severity: .warning,
                actors: [
                    Participation(actor: actor, role: RecordStore.perpetratorRole),
                    Participation(actor: actor + 1, role: "target"),
                ],
                regions: [0], fatalities: Fatalities(best: fatalities), sources: [0])
        }
        var store = RecordStore()
        store.append(clash("acled-mli1", "2021-06-01", actor: 0, fatalities: 4))
        store.append(clash("acled-mli2", "2021-07-01", actor: 1, fatalities: 2))
        return Dataset(
            info: DatasetInfo(id: id, title: "ACLED export"),
            sources: [Source(id: "src-export", title: "export.csv", publisher: "ACLED")],
            actors: [
                Actor(
                    id: "islamic-state-greater-sahara", name: "Islamic State (Greater Sahara)", shortName: "ISGS",
                    kind: .rebelGroup, sources: [0]),
                Actor(
                    id: "military-forces-of-mali-2021", name: "Military Forces of Mali (2021-)", shortName: "FAMa",
                    kind: .armedForces, sources: [0]),
                Actor(
                    id: "jnim-group", name: "JNIM: Group for Support of Islam and Muslims", shortName: "JNIM",
                    kind: .jihadistGroup, sources: [0]),
            ],
            regions: [Region(id: "segou", name: "Ségou", kind: .region, zone: .centre, sources: [0])],
            records: store)
    }

    @Test("an export's ISGS and JNIM are the case study's, whatever the order of the datasets; curated values win")
    func orderIndependent() throws {
        let small = try Load.small()
        let (forward, report) = DatasetMerger.merge([small, Self.export()])
        let (backward, _) = DatasetMerger.merge([Self.export(), small])
        #expect(DatasetSummary.of(forward) == DatasetSummary.of(backward))
        #expect(report.reconciledActors == 2)
        let isgs = try #require(forward.actors.first { $0.id == "isgs" })
        #expect(isgs.name == "Islamic State in the Greater Sahara" && isgs.kind == .jihadistGroup)
        #expect(isgs.aliases.contains("Islamic State (Greater Sahara)"))
        // Not in the alias table, but the same name once ACLED's period is set aside.
        let government = Dataset(
            info: DatasetInfo(id: "g", title: "G"),
            actors: [
                Actor(id: "government-of-mali-2021", name: "Government of Mali (2021-)", kind: .government),
                Actor(id: "government-of-niger-2023", name: "Government of Niger (2023-)", kind: .government),
            ])
        let bundled = try Load.bundled()
        let (withGovernment, _) = DatasetMerger.merge([government, bundled])
        #expect(withGovernment.actors.count == bundled.actors.count + 1)
        #expect(
            withGovernment.actors.first { $0.id == "government-of-mali" }?.aliases.contains(
                "Government of Mali (2021-)") == true)
        let engine = QueryEngine(dataset: backward)
        guard case .found(let a) = Lookup.actor("ISGS", in: engine) else { Issue.record("ISGS not found"); return }
        let ids = engine.run(Filter(actors: [a])).records.map { backward.records.id(Int($0)) }
        #expect(ids.contains("acled-mli1"))
        #expect(
            ids.count == 1
                + (0..<small.records.count).filter { i in
                    small.record(i).actors.contains { small.actors[Int($0.actor)].id == "isgs" }
                }.count)
    }

    @Test("the same dataset given twice is merged once: records, relations and assessments")
    func twice() throws {
        let small = try Load.small()
        let (merged, report) = DatasetMerger.merge([small, small])
        #expect(merged.records.count == small.records.count)
        #expect(merged.actors.count == small.actors.count)
        #expect(merged.relations.count == small.relations.count)
        #expect(merged.assessments.count == small.assessments.count)
        #expect(report.duplicates == small.records.count + small.relations.count + small.assessments.count)
        let (exports, _) = DatasetMerger.merge([Self.export(), Self.export(), small])
        #expect(exports.records.count == small.records.count + 2)
        // A different record under an id already taken is kept, under a new id.
        var other = Self.export(id: "other")
        other.records = RecordStore()
        other.records.append(
            Record(
                kind: .event, id: "acled-mli1", date: PartialDate(iso: "2022-01-01")!, category: .protest,
                title: "Another", sources: [0]))
        let (both, _) = DatasetMerger.merge([Self.export(), other])
        #expect(both.records.count == 3)
    }

    // MARK: Lookup

    @Test("an actor name that matches several actors equally is ambiguous, never a silent first match")
    func ambiguous() throws {
        var actors = [
            Actor(id: "bjp-india", name: "BJP: Bharatiya Janata Party", shortName: "BJP", kind: .other),
            Actor(id: "bjp-bangladesh", name: "BJP: Bangladesh Jatiya Party", shortName: "BJP", kind: .other),
            Actor(id: "pf", name: "Patriotic Front", shortName: "PF", aliases: ["Front patriotique"], kind: .other),
        ]
        ActorLabels.makeUnique(&actors)
        let engine = QueryEngine(dataset: Dataset(info: DatasetInfo(id: "d", title: "D"), actors: actors))
        #expect(Lookup.actor("BJP", in: engine) == .ambiguous([0, 1]))
        #expect(Lookup.actor("bjp-india", in: engine) == .found(0))
        #expect(Lookup.actor("BJP: Bangladesh Jatiya Party", in: engine) == .found(1))
        #expect(Lookup.actor("pf", in: engine) == .found(2))
        #expect(Lookup.actor("front patriotique", in: engine) == .found(2))
    }

    // MARK: Deaths

    @Test("a region's deaths come from every record kind, and say which kind")
    func deaths() throws {
        var store = RecordStore()
        let day = PartialDate(iso: "2021-03-01")!
        store.append(
            Record(
                kind: .incident, id: "i1", date: day, category: .attack, severity: .warning,
                regions: [0], fatalities: Fatalities(best: 3), sources: [0]))
        store.append(
            Record(
                kind: .event, id: "e1", date: day, category: .riot, title: "Mob violence",
                regions: [0], fatalities: Fatalities(best: 46), sources: [0]))
        store.append(
            Record(
                kind: .event, id: "e2", date: day, category: .armedClash, title: "A clash kept as an event",
                regions: [0], fatalities: Fatalities(best: 1), sources: [0]))
        let dataset = Dataset(
            info: DatasetInfo(id: "d", title: "D"), sources: [Source(id: "s", title: "S")],
            regions: [Region(id: "r", name: "R", kind: .region, zone: .centre)], records: store)
        let view = QueryEngine(dataset: dataset).run(Filter())
        let r = try #require(view.regions.first { $0.region == 0 })
        #expect(r.fatalities == 50 && r.eventFatalities == 47 && r.incidentFatalities == 3)
        // Incidents are records of kind incident, as in the header: the clash kept as an event is an event.
        #expect(r.incidents == view.incidentCount && r.incidents == 1 && r.events == 2)
        #expect(DeathCount.describe(r) == "50 (3 in incidents, 47 in other events)")
        #expect(view.fatalities == r.fatalities && view.eventFatalities == 47)
    }

    @Test("severity from deaths and type, for every record kind")
    func severity() {
        #expect(Severity.derived(kind: .event, category: .riot, fatalities: 46) == .critical)
        #expect(Severity.derived(kind: .event, category: .protest, fatalities: 2) == .warning)
        #expect(Severity.derived(kind: .event, category: .riot, fatalities: 0) == .notice)
        #expect(Severity.derived(kind: .event, category: .protest, fatalities: 0) == .info)
        #expect(Severity.derived(kind: .incident, category: .armedClash, fatalities: 0) == .warning)
        #expect(Severity.derived(kind: .incident, category: .armedClash, fatalities: 10) == .critical)
    }
}
