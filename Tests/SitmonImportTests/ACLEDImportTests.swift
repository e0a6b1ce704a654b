import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport

/// The current ACLED export (31 columns, BOM, CRLF, a multi-line quoted note, a revised row) mapped onto the model.
@Suite("ACLED import (current export)")
struct ACLEDImportTests {
    static let jnim = "JNIM: Group for Support of Islam and Muslims"
    static let fama = "Military Forces of Mali (2021-)"
    static let islamicState = "Islamic State (Sahel)"

    @Test("the report counts rows, records, the replaced revision and the dropped coordinates")
    func report() throws {
        let imported = try Imported("acled-current.csv")
        let report = imported.report
        #expect(report.format == .acled)
        #expect(report.delimiter == ",")
        #expect(report.rowsRead == 13)
        #expect(report.recordsImported == 12)
        #expect(report.incidents == 9)
        #expect(report.revisionsReplaced == 1)
        #expect(report.skipped.isEmpty)
        #expect(report.warnings.count == 1)
        let warning = try #require(report.warnings.first)
        #expect(warning.message.contains("invalid coordinates"))
        #expect(warning.path == "row 12")  // the header is row 1, as a spreadsheet numbers it
        #expect(warning.line == 14)  // the multi-line note (3 lines) pushes the row two lines down
        #expect(
            report.summary.contains("13 rows read, 12 records imported (9 incidents, 3 events), 1 revision replaced"))
    }

    @Test("dataset info: id from the file name, title, asOf the latest date, ACLED licence and attribution")
    func info() throws {
        let info = try Imported("acled-current.csv").dataset.info
        #expect(info.id == "acled-current")
        #expect(info.title == "ACLED export acled-current.csv")
        #expect(info.asOf?.description == "2023-05-20")
        #expect(info.licence.contains("may not be redistributed"))
        #expect(info.attribution.contains("ACLED"))
        #expect(info.attribution.contains("access date"))
    }

    @Test("ids: acled- and the lower-cased event_id_cnty")
    func ids() throws {
        let imported = try Imported("acled-current.csv")
        let ids = (0..<imported.dataset.records.count).map { imported.dataset.records.id($0) }
        #expect(
            ids == [
                "acled-mli9001", "acled-mli9002", "acled-mli9003", "acled-mli9004", "acled-mli9005",
                "acled-mli9006", "acled-mli9007", "acled-mli9008", "acled-mli9009", "acled-mli9011",
                "acled-mli9012", "acled-ner7001",
            ])
    }

    @Test("a revised event keeps the row with the highest timestamp")
    func revision() throws {
        let imported = try Imported("acled-current.csv")
        let r = try imported.record("acled-mli9003")
        #expect(r.fatalities?.best == 6)
        #expect(r.summary == "Fixture note: revised, six villagers killed.")
        #expect(imported.sourceTitles(r).contains("Maliweb"))
    }

    @Test("revisions: a later row with a lower timestamp does not replace the newer one")
    func revisionOrder() throws {
        let text = ACLEDText.csv([
            ACLEDText.row(["event_id_cnty": "MLI7", "fatalities": "9", "timestamp": "1700000900"]),
            ACLEDText.row(["event_id_cnty": "MLI7", "fatalities": "2", "timestamp": "1700000100"]),
        ])
        let imported = try Imported(text: text)
        #expect(imported.report.revisionsReplaced == 1)
        #expect(imported.dataset.records.count == 1)
        #expect(try imported.record("acled-mli7").fatalities?.best == 9)
    }

    @Test("dates in every accepted form; time_precision 3 gives a month")
    func dates() throws {
        let imported = try Imported("acled-current.csv")
        #expect(try imported.record("acled-mli9001").date.description == "2023-01-14")
        #expect(try imported.record("acled-mli9008").date.description == "2023-03-20")  // 20-Mar-23
        #expect(try imported.record("acled-mli9011").date.description == "2023-04-15")  // 15 April 2023
        #expect(try imported.record("acled-ner7001").date.description == "2023-05-20")  // 20/05/2023
        let month = try imported.record("acled-mli9012")  // 2023/05/15 with time_precision 3
        #expect(month.date.description == "2023-05")
        #expect(month.date.precision == .month)
    }

    @Test("violent categories and jihadist actors make incidents; protests, riots and other developments events")
    func kindsAndCategories() throws {
        let imported = try Imported("acled-current.csv")
        let expected: [(String, RecordKind, Category)] = [
            ("acled-mli9001", .incident, .armedClash),
            ("acled-mli9002", .incident, .armedClash),
            ("acled-mli9003", .incident, .violenceAgainstCivilians),
            ("acled-mli9004", .event, .protest),
            ("acled-mli9005", .event, .strategicDevelopment),
            ("acled-mli9006", .incident, .strategicDevelopment),  // JNIM looting: jihadist, so an incident
            ("acled-mli9007", .incident, .abduction),
            ("acled-mli9008", .incident, .armedClash),
            ("acled-mli9009", .incident, .remoteViolence),
            ("acled-mli9011", .event, .riot),
        ]
        for (id, kind, category) in expected {
            let r = try imported.record(id)
            #expect(r.kind == kind, "\(id)")
            #expect(r.category == category, "\(id)")
        }
        #expect(try imported.record("acled-mli9001").originalType == "Battles / Armed clash")
        #expect(
            try imported.record("acled-mli9009").originalType
                == "Explosions/Remote violence / Remote explosive/landmine/IED")
    }

    @Test("events get a title from the sub-event type and place; incidents derive theirs")
    func titles() throws {
        let imported = try Imported("acled-current.csv")
        let protest = try imported.record("acled-mli9004")
        #expect(protest.hasTitle)
        #expect(protest.title == "Peaceful protest in Bamako")
        #expect(try imported.record("acled-mli9005").title == "Headquarters or base established in Tombouctou")
        let clash = try imported.record("acled-mli9001")
        #expect(!clash.hasTitle)
        #expect(clash.title == "Armed clash in Sofara")
    }

    @Test("severity: info for events, warning for incidents, critical from 10 deaths")
    func severity() throws {
        let imported = try Imported("acled-current.csv")
        #expect(try imported.record("acled-mli9004").severity == .info)
        #expect(try imported.record("acled-mli9001").severity == .warning)
        #expect(try imported.record("acled-mli9002").severity == .critical)
    }

    @Test("actors: deduplicated, ids from slugs, kinds from inter codes unless the jihadist map says otherwise")
    func actors() throws {
        let imported = try Imported("acled-current.csv")
        let actors = imported.dataset.actors
        #expect(actors.count == 11)
        #expect(Set(actors.map(\.id)).count == actors.count)
        let jnim = try imported.actor(named: Self.jnim)
        #expect(jnim.id == "jnim-group-for-support-of-islam-and-muslims")
        #expect(jnim.shortName == "JNIM")
        #expect(jnim.kind == .jihadistGroup)  // coded "Rebel group" by ACLED
        #expect(try imported.actor(named: Self.islamicState).kind == .jihadistGroup)
        #expect(try imported.actor(named: "Katiba Macina").kind == .jihadistGroup)
        let fama = try imported.actor(named: Self.fama)
        #expect(fama.id == "military-forces-of-mali-2021")
        #expect(fama.kind == .armedForces)
        #expect(try imported.actor(named: "Wagner Group").kind == .privateMilitaryCompany)
        #expect(try imported.actor(named: "Dozo Communal Militia (Mali)").kind == .militia)
        #expect(try imported.actor(named: "Unidentified Armed Group (Mali)").kind == .militia)
        #expect(try imported.actor(named: "Civilians (Mali)").kind == .civilians)
        #expect(try imported.actor(named: "Protesters (Mali)").kind == .protesters)
        #expect(try imported.actor(named: "Rioters (Mali)").kind == .protesters)
        #expect(try imported.actor(named: "Military Forces of Niger (2023-)").kind == .armedForces)
        for actor in actors { #expect(actor.sources == [0], "\(actor.name) cites the export file") }
    }

    @Test("roles: actor1 perpetrator on incidents, actor2 target, associated actors; actor on events")
    func roles() throws {
        let imported = try Imported("acled-current.csv")
        let clash = try imported.record("acled-mli9001")
        #expect(imported.role(of: Self.fama, in: clash) == "perpetrator")
        #expect(imported.role(of: Self.jnim, in: clash) == "target")
        #expect(imported.role(of: "Wagner Group", in: clash) == "associated")
        #expect(clash.perpetrators == [try #require(imported.actorIndex(named: Self.fama))])

        let ied = try imported.record("acled-mli9009")  // assoc_actor_2 holds two actors separated by ;
        #expect(imported.role(of: Self.jnim, in: ied) == "perpetrator")
        #expect(imported.role(of: Self.fama, in: ied) == "target")
        #expect(imported.role(of: "Wagner Group", in: ied) == "associated")
        #expect(imported.role(of: "Dozo Communal Militia (Mali)", in: ied) == "associated")
        #expect(ied.actors.count == 4)

        let protest = try imported.record("acled-mli9004")
        #expect(imported.role(of: "Protesters (Mali)", in: protest) == "actor")
        #expect(protest.perpetrators.isEmpty)
    }

    @Test("target civilians from civilian_targeting or inter2 Civilians")
    func civilianTargets() throws {
        let imported = try Imported("acled-current.csv")
        #expect(try imported.record("acled-mli9003").target == "civilians")
        #expect(try imported.record("acled-mli9007").target == "civilians")
        #expect(try imported.record("acled-mli9001").target == nil)
        let byInter = ACLEDText.csv([
            ACLEDText.row([
                "event_type": "Violence against civilians",
                "sub_event_type": "Attack", "actor2": "Civilians (Mali)",
                "inter2": "7",
            ])
        ])
        #expect(try Imported(text: byInter).record("acled-mli1").target == "civilians")
    }

    @Test("Mali's regions get the bundled ids, names, ISO codes, zones and capitals, whatever the spelling")
    func maliRegions() throws {
        let imported = try Imported("acled-current.csv")
        let menaka = try imported.region("menaka")
        #expect(menaka.name == "Ménaka")
        #expect(menaka.iso == "ML-9")
        #expect(menaka.zone == .north)
        #expect(menaka.capital == Place(name: "Ménaka", latitude: 15.92, longitude: 2.396))
        #expect(try imported.region("segou").iso == "ML-4")
        #expect(try imported.region("bamako").kind == .district)
        // "Ménaka" and "Menaka" are one region; "Timbuktu" is Tombouctou.
        #expect(imported.regionId(try imported.record("acled-mli9002").regions[0]) == "menaka")
        #expect(imported.regionId(try imported.record("acled-mli9007").regions[0]) == "menaka")
        #expect(imported.regionId(try imported.record("acled-mli9006").regions[0]) == "tombouctou")
        #expect(imported.regionId(try imported.record("acled-mli9005").regions[0]) == "tombouctou")
        let gazetteerSources = Set(try imported.region("mopti").sources.map { imported.dataset.sources[Int($0)].id })
        #expect(gazetteerSources == ["src-acled-current-csv", "src-geonames", "src-iso-3166"])
    }

    @Test("places outside Mali: admin1 with the country, zone other, the country as parent")
    func foreignRegions() throws {
        let imported = try Imported("acled-current.csv")
        let tillaberi = try imported.region("tillaberi-niger")
        #expect(tillaberi.name == "Tillabéri (Niger)")
        #expect(tillaberi.zone == .other)
        let parent = try #require(tillaberi.parent)
        #expect(imported.regionId(parent) == "niger")
        #expect(imported.dataset.regions[Int(parent)].kind == .country)
        #expect(imported.regionId(try imported.record("acled-ner7001").regions[0]) == "tillaberi-niger")
    }

    /// Cells were once joined into one key with a separator ("\u{1}", "|") that a cell could hold: two places or
    /// two event types could then be taken for one. Both paths (general here, the fast path through
    /// `FastPathImportTests`) keep them apart.
    @Test("places and event types whose cells hold separator characters stay apart")
    func cellsJoinedIntoKeys() throws {
        let header = FastPathImportTests.header
        let rows = [
            FastPathImportTests.row(1) {
                $0[14] = "Kidal\u{1}Niger"; $0[13] = "Chad"
            },
            FastPathImportTests.row(2) {
                $0[14] = "Kidal"; $0[13] = "Niger\u{1}Chad"
            },
            FastPathImportTests.row(3) {
                $0[14] = "Peru"; $0[13] = "Country"
            },
            FastPathImportTests.row(4) {
                $0[14] = ""; $0[13] = "Peru"
            },
            FastPathImportTests.row(5) {
                $0[14] = "b|c"; $0[13] = "a"
            },
            FastPathImportTests.row(6) {
                $0[14] = "c"; $0[13] = "a|b"
            },
            // The old "Riots/Protests" is a riot when an actor is rioters.
            FastPathImportTests.row(7) {
                $0[3] = "Riots/Protests"; $0[4] = "x\u{1}r"; $0[7] = "Civilians"
            },
            FastPathImportTests.row(8) {
                $0[3] = "Riots/Protests"; $0[4] = "x"; $0[7] = "Rioters"
            },
        ]
        let imported = try Imported(text: ([header] + rows).joined(separator: "\n") + "\n")
        let names = try (1...8).map { n in
            try imported.record("acled-mli\(n)").regions.map { imported.dataset.regions[Int($0)].name }
        }
        #expect(names[0] == ["Kidal\u{1}Niger (Chad)"])
        #expect(names[1] == ["Kidal (Niger\u{1}Chad)"])
        #expect(names[2] == ["Peru (Country)"])
        #expect(names[3] == ["Peru"])
        #expect(names[4] == ["b|c (a)"])
        #expect(names[5] == ["c (a|b)"])
        #expect(try imported.record("acled-mli7").category != .riot)
        #expect(try imported.record("acled-mli8").category == .riot)
    }

    @Test("location, coordinates, fatalities, notes as summary, tags in the origin")
    func fields() throws {
        let imported = try Imported("acled-current.csv")
        let clash = try imported.record("acled-mli9001")
        #expect(clash.location == "Sofara")
        #expect(abs((clash.latitude ?? 0) - 14.0167) < 1e-4)
        #expect(abs((clash.longitude ?? 0) + 4.245) < 1e-4)
        #expect(clash.fatalities == Fatalities(best: 7))
        #expect(try imported.record("acled-mli9004").fatalities == Fatalities(best: 0))  // unknown recorded as 0: kept
        let riot = try imported.record("acled-mli9011")
        #expect(riot.latitude == nil && riot.longitude == nil)  // latitude 95.5 dropped with a warning
        let protest = try imported.record("acled-mli9004")
        #expect(
            protest.summary == "On 20 February 2023, traders marched in Bamako, calling for \"fair\" market taxes, "
                + "lower fees, and cleaner streets.\r\nSize=around 200.\r\n[Fixture text, written by hand]")
        #expect(protest.note == nil)
        #expect(protest.origin?.tags == ["crowd size=around 200"])
        #expect(protest.location == "Bamako")
    }

    @Test("sources: one per publication, one for the export file, cited by every record")
    func sources() throws {
        let imported = try Imported("acled-current.csv")
        let file = imported.dataset.sources[0]
        #expect(file.id == "src-acled-current-csv")
        #expect(file.title == "acled-current.csv")
        #expect(file.publisher == "ACLED")
        #expect(file.note?.contains("may not be redistributed") == true)
        let ids = Set(imported.dataset.sources.map(\.id))
        #expect(ids.isSuperset(of: ["src-studio-tamani", "src-le-monde", "src-radio-kledu", "src-maliweb"]))
        #expect(imported.dataset.sources.count == 7)  // file, 4 publications, GeoNames, ISO 3166
        let ied = try imported.record("acled-mli9009")
        #expect(imported.sourceIds(ied) == ["src-acled-current-csv", "src-le-monde", "src-studio-tamani"])
        for i in 0..<imported.dataset.records.count {
            #expect(imported.dataset.records.sources(i).first == 0)
        }
    }

    @Test("the import is a valid sitmon dataset: written and loaded back, nothing lost")
    func roundTrip() throws {
        let imported = try Imported("acled-current.csv")
        let reloaded = try imported.reloaded()
        #expect(reloaded.counts == imported.dataset.counts)
        // The writer puts events before incidents: compare record by record, by id.
        var byId: [String: Record] = [:]
        for i in 0..<reloaded.records.count { byId[reloaded.records.id(i)] = reloaded.record(i) }
        for i in 0..<imported.dataset.records.count {
            let original = imported.dataset.record(i)
            #expect(byId[original.id] == original, "\(original.id)")
        }
        #expect(reloaded.actors == imported.dataset.actors)
        #expect(reloaded.regions == imported.dataset.regions)
        #expect(reloaded.sources == imported.dataset.sources)
    }
}
