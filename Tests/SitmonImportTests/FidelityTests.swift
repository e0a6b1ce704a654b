import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport

/// What the source says is kept: every side of a monadic event, the source's ids, precisions, admin units, scale,
/// tags and coordinates as written; distinct admin1 units stay distinct; rows that are not quite right.
@Suite("Import fidelity")
struct FidelityTests {
    // MARK: Monadic layout (issue 13 §2)

    @Test("monadic layout: detected from the header; the rows of one event become one record with every side")
    func monadicSides() throws {
        let imported = try Imported("acled-monadic.csv")
        #expect(imported.report.layout == .monadic)
        #expect(try Imported("acled-current.csv").report.layout == .dyadic)
        #expect(imported.dataset.records.count == 5)
        let riot = try imported.record("acled-mli8001")
        #expect(
            Set(riot.actors.map { imported.dataset.actors[Int($0.actor)].name }) == [
                "Rioters (Mali)", "Civilians (Mali)",
            ])
        #expect(riot.target == "civilians")  // the other side is coded Civilians
        // Three sides, one of them further down the file, and the first side's associated actor.
        let clash = try imported.record("acled-mli8002")
        #expect(imported.role(of: "Military Forces of Mali (2021-)", in: clash) == "perpetrator")
        #expect(imported.role(of: "JNIM: Group for Support of Islam and Muslims", in: clash) == "target")
        #expect(imported.role(of: "Dan Na Ambassagou", in: clash) == "target")
        #expect(imported.role(of: "Wagner Group", in: clash) == "associated")
        #expect(clash.fatalities == Fatalities(best: 12))  // repeated on each side's row, counted once
    }

    @Test("monadic layout: only a later timestamp is a revision; it replaces every side of the older version")
    func monadicRevisions() throws {
        let imported = try Imported("acled-monadic.csv")
        let attack = try imported.record("acled-mli8003")
        #expect(attack.summary == "Fixture note: revised version. [Invented]")
        #expect(imported.role(of: "Civilians (Mali)", in: attack) == "target")
        #expect(imported.actorIndex(named: "Fixture Herders (Mali)") == nil)  // a side of the replaced version only
        #expect(imported.actorIndex(named: "Fixture Stale Actor") == nil)  // an older row after a newer one
        let base = try imported.record("acled-mli8005")
        #expect(base.summary == "Fixture note: newer version. [Invented]")
        // 2 rows of MLI8003's first version + MLI8005's stale row; the sides of one version are no revision.
        #expect(imported.report.revisionsReplaced == 3)
        #expect(imported.report.rowsMerged == 4)
        #expect(imported.report.eventsMerged == 3)
        #expect(imported.report.summary.contains("12 rows read, 5 records imported"))
        #expect(imported.report.summary.contains("monadic layout (one row per side): 4 rows merged into 3 events"))
        // Rioters stay linked to their event: the second row did not replace the first.
        let rioters = try #require(imported.actorIndex(named: "Rioters (Mali)"))
        let linked = (0..<imported.dataset.records.count).filter {
            imported.dataset.records.actors($0).contains(rioters)
        }
        #expect(linked.count == 1)
    }

    @Test("dyadic layout: the same id with an equal or later timestamp replaces the row (not a side)")
    func dyadicRevision() throws {
        let imported = try Imported("acled-fidelity.csv")
        #expect(imported.report.revisionsReplaced == 1)
        #expect(imported.report.rowsMerged == 0)
        #expect(try imported.record("acled-syr301").fatalities == Fatalities(best: 5))
        #expect(!imported.report.summary.contains("monadic"))
    }

    // MARK: Verbatim (issue 13 §3)

    @Test("the source's ids, precisions, admin units, source scale and tags are kept as written")
    func origin() throws {
        let imported = try Imported("acled-fidelity.csv")
        let clash = try #require(try imported.record("acled-mli2665").origin)
        #expect(clash.ids == [SourceId(scheme: "event_id_cnty", value: "MLI2665")])
        #expect(clash.datePrecision == "day")
        #expect(clash.geoPrecision == "2")
        #expect([clash.admin1, clash.admin2, clash.admin3] == ["Mopti", "Djenne", "Sofara"])
        #expect(clash.sourceScale == "Local partner-National")
        let week = try imported.record("acled-per101")
        #expect(week.origin?.datePrecision == "week")  // time_precision 2: within a week, not "day"
        #expect(week.date.description == "2024-02-12")
        #expect(week.origin?.tags == ["crowd size=no report", "local administrators"])
        let month = try imported.record("acled-per102")
        #expect(month.origin?.datePrecision == "month")
        #expect(month.date.description == "2024-03")
        // Old exports: every id column, in citing order.
        let old = try Imported("acled-2016.csv").record("acled-mli1001")
        #expect(
            old.origin?.ids == [
                SourceId(scheme: "event_id_cnty", value: "MLI1001"),
                SourceId(scheme: "event_id_no_cnty", value: "1001"),
                SourceId(scheme: "data_id", value: "9101"),
            ])
    }

    @Test("UCDP: id and relid, where_prec, adm_1/adm_2, and the date_start … date_end range with date_prec")
    func ucdpOrigin() throws {
        let imported = try Imported("ucdp-fidelity.csv")
        let range = try imported.record("ucdp-990002")
        #expect(range.date.description == "2021-06-01")
        #expect(range.end?.description == "2021-06-05")
        #expect(range.origin?.datePrecision == "date_prec 2")
        #expect(range.origin?.geoPrecision == "4")
        #expect(
            range.origin?.ids == [
                SourceId(scheme: "id", value: "990002"),
                SourceId(scheme: "relid", value: "FIX-2021-1-990002"),
            ])
        let year = try imported.record("ucdp-990003")
        #expect(year.date.description == "2021-01-01" && year.end?.description == "2021-12-31")
        #expect(year.origin?.admin2 == "Fixture district")
    }

    @Test("coordinates come back exactly as written: 35.763369 through import, JSON, load and CSV")
    func coordinates() throws {
        let imported = try Imported("ucdp-fidelity.csv")
        #expect(try imported.record("ucdp-990001").latitude == 35.763369)
        let reloaded = try imported.reloaded()
        let i = try #require((0..<reloaded.records.count).first { reloaded.records.id($0) == "ucdp-990001" })
        let r = reloaded.record(i)
        #expect(r.latitude == 35.763369 && r.longitude == 36.610264)
        let json = String(decoding: DatasetWriter.write(reloaded, selection: .all(reloaded)), as: UTF8.self)
        #expect(json.contains("\"lat\": 35.763369, \"lon\": 36.610264"))
        let engine = QueryEngine(dataset: reloaded)
        let csv = String(decoding: Exporter.export(engine.run(Filter()), of: engine, as: .csv), as: UTF8.self)
        #expect(csv.contains(",35.763369,36.610264,"))
        let acled = try Imported("acled-fidelity.csv").record("acled-lka201")
        #expect(acled.latitude == 9.661498 && acled.longitude == 80.025543)
    }

    @Test("the origin survives JSON (write, load) and is exported in CSV and Markdown")
    func originExported() throws {
        let imported = try Imported("acled-fidelity.csv")
        let reloaded = try imported.reloaded()
        let i = try #require((0..<reloaded.records.count).first { reloaded.records.id($0) == "acled-per101" })
        #expect(reloaded.record(i).origin == (try imported.record("acled-per101").origin))
        let engine = QueryEngine(dataset: reloaded)
        let view = engine.run(Filter())
        let csv = String(decoding: Exporter.export(view, of: engine, as: .csv), as: UTF8.self)
        #expect(csv.hasPrefix(CSVExport.columns.joined(separator: ",")))
        #expect(
            csv.contains(
                ",event_id_cnty PER101,week,1,Lima,Lima,Miraflores,National,"
                    + "\"crowd size=no report; local administrators\"\r\n"))  // `;`: quoted
        // A search finds a record by the id the source gives it.
        #expect(engine.run(Filter(text: "mli2665")).records.map { reloaded.records.id(Int($0)) } == ["acled-mli2665"])
        #expect(engine.run(Filter(text: "PER10")).records.count == 2)
        // The row-by-row test (used before the text is folded) agrees.
        var matcher = TextMatcher("mli2665")
        let oneByOne = (0..<reloaded.records.count).filter { engine.recordMatches($0, &matcher, matchingActors: []) }
        #expect(oneByOne.map { reloaded.records.id($0) } == ["acled-mli2665"])
        let md = String(decoding: Exporter.export(view, of: engine, as: .md), as: UTF8.self)
        #expect(md.contains(#"| event\_id\_cnty MLI2665 |"#))  // Markdown-escaped underscores
    }

    @Test("verbatim text from the export is still neutralised: formulas in CSV, control characters in messages")
    func verbatimIsNeutralised() throws {
        let text = ACLEDText.csv([
            ACLEDText.row([
                "tags": "=HYPERLINK(\"x\"); +1", "admin2": "@cmd",
                "source_scale": "-2",
            ])
        ])
        let imported = try Imported(text: text)
        let engine = QueryEngine(dataset: imported.dataset)
        let csv = String(decoding: Exporter.export(engine.run(Filter()), of: engine, as: .csv), as: UTF8.self)
        #expect(csv.contains(",'@cmd,"))
        #expect(csv.contains(",'-2,"))
        #expect(csv.contains(#""'=HYPERLINK(""x""); +1""#))
        #expect(try imported.record("acled-mli1").origin?.tags == ["=HYPERLINK(\"x\")", "+1"])  // kept as written
    }

    @Test("a bad origin in a dataset is an error naming its JSON path")
    func originErrors() throws {
        let json = """
            {"dataset": {"id": "d", "title": "D"}, "sources": [{"id": "s", "title": "S"}],
             "events": [{"id": "e", "date": "2021", "category": "other", "title": "E", "sources": ["s"],
                         "origin": {"ids": {"event_id_cnty": 5}, "tags": "x", "colour": "red"}}]}
            """
        do {
            _ = try DatasetLoader.load(bytes: Array(json.utf8), name: "o.json")
            Issue.record("loaded")
        } catch {
            let text = error.description
            #expect(text.contains("$.events[0].origin.ids.event_id_cnty"))
            #expect(text.contains("$.events[0].origin.tags"))
            #expect(text.contains("colour"))
        }
    }

    @Test("regions: distinct admin1 units stay distinct, and the bare admin1 and its spelling resolve")
    func regions() throws {
        let imported = try Imported("acled-fidelity.csv")
        let names = Set(imported.dataset.regions.map(\.name))
        #expect(
            names.isSuperset(of: [
                "Lima (Peru)", "Lima Province (Peru)", "Northern (Sri Lanka)",
                "Northern Province (Sri Lanka)",
            ]))
        let engine = QueryEngine(dataset: imported.dataset)
        func region(_ query: String) -> String? {
            if case .found(let r) = Lookup.region(query, in: engine) { return imported.dataset.regions[Int(r)].name }
            return nil
        }
        #expect(region("Lima") == "Lima (Peru)")
        #expect(region("Lima Province") == "Lima Province (Peru)")
        #expect(region("Northern") == "Northern (Sri Lanka)")
        #expect(region("northern province") == "Northern Province (Sri Lanka)")
        let lima = try #require(imported.dataset.regions.firstIndex { $0.name == "Lima (Peru)" })
        #expect(engine.run(Filter(regions: [Int32(lima)])).records.count == 1)
    }

    // MARK: Rows that are not quite right (issue 13 §6)

    @Test("a truncated last row is skipped with a warning naming its line, in strict mode too")
    func truncatedLastRow() throws {
        for strict in [false, true] {
            let imported = try Imported("acled-2016.csv", options: ImportOptions(strict: strict))
            #expect(imported.dataset.records.count == 4)
            #expect(imported.report.skipped.isEmpty)
            let warning = try #require(imported.report.warnings.first { $0.message.contains("truncated") })
            #expect(warning.line == 6)
            #expect(imported.actorIndex(named: "Civilians (") == nil)
        }
        // The same row cut inside its actor but with every field present: blank fatalities, an open parenthesis.
        let row = ACLEDText.row(["event_id_cnty": "MLI2", "actor2": "Civilians (", "fatalities": ""])
        let text = ACLEDText.csv([ACLEDText.row(), row])
        let cut = try Imported(text: String(text.dropLast()))  // no line break at the end
        #expect(cut.dataset.records.count == 1)
        #expect(cut.report.warnings.contains { $0.line == 3 && $0.message.contains("file ends inside this row") })
        // With its line break the same row is a whole row: imported.
        #expect(try Imported(text: text).dataset.records.count == 2)
    }

    @Test("older spellings map to their category: Battle-Non-state actors overtake territory")
    func oldSpellings() throws {
        #expect(
            ACLEDEventTypes.category(eventType: "Battle-Non-state actors overtake territory", subEventType: "")
                == .armedClash)
        let imported = try Imported("acled-2016.csv")
        #expect(try imported.record("acled-mli1001").category == .armedClash)
        #expect(imported.report.warnings.allSatisfy { !$0.message.contains("unknown event type") })
    }

    @Test("a blank event_id_cnty with a data_id is imported under the data_id")
    func dataIdFallback() throws {
        let imported = try Imported("acled-2016.csv")
        let r = try imported.record("acled-9102")
        #expect(
            r.origin?.ids == [
                SourceId(scheme: "event_id_no_cnty", value: "1002"),
                SourceId(scheme: "data_id", value: "9102"),
            ])
        #expect(r.category == .violenceAgainstCivilians)
        // Without any id the row is still a bad row.
        let text = ACLEDText.csv([ACLEDText.row(["event_id_cnty": ""])])
        #expect(try Imported(text: text).report.skipped.first?.message.contains("missing event id") == true)
    }
}
