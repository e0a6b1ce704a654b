import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport

/// UCDP GED: 49 columns; state-based, non-state and one-sided violence; dates with times; date precision.
@Suite("UCDP GED import")
struct UCDPImportTests {
    @Test("the report and dataset info")
    func report() throws {
        let imported = try Imported("ucdp-ged.csv")
        #expect(imported.report.format == .ucdp)
        #expect(imported.report.rowsRead == 6)
        #expect(imported.report.recordsImported == 6)
        #expect(imported.report.incidents == 6)
        #expect(imported.report.skipped.isEmpty)
        #expect(imported.report.warnings.isEmpty)
        let info = imported.dataset.info
        #expect(info.id == "ucdp-ged")
        #expect(info.title == "UCDP GED export ucdp-ged.csv")
        #expect(info.asOf?.description == "2022-05-07")
        #expect(info.licence == "CC BY 4.0")
        #expect(info.attribution.contains("Sundberg"))
        #expect(info.attribution.contains("Journal of Peace Research 50(4)"))
    }

    @Test("state-based violence: a jihadist side is the perpetrator, the other its target")
    func stateBased() throws {
        let imported = try Imported("ucdp-ged.csv")
        let r = try imported.record("ucdp-880001")
        #expect(r.kind == .incident)
        #expect(r.category == .armedClash)
        #expect(r.originalType == "State-based conflict")
        #expect(imported.role(of: "JNIM", in: r) == "perpetrator")
        #expect(imported.role(of: "Government of Mali", in: r) == "target")
        #expect(try imported.actor(named: "JNIM").kind == .jihadistGroup)
        #expect(try imported.actor(named: "Government of Mali").kind == .government)
        #expect(
            r.fatalities
                == Fatalities(best: 6, low: 6, high: 8, note: "deaths: side A 4, side B 2, civilians 0, unknown 0"))
        #expect(r.location == "Boni village")
        #expect(imported.regionId(r.regions[0]) == "mopti")  // "Mopti region"
        #expect(r.summary == "Government of Mali - JNIM (Mali: Government). near Boni")
        #expect(r.note == "Source articles: \"Fixture Wire,2022-01-05,Soldiers killed in ambush\"")
        #expect(r.date.description == "2022-01-05")
        #expect(r.end == nil)
    }

    @Test("non-state violence between jihadist groups: both perpetrators; dates with times and an end")
    func nonState() throws {
        let imported = try Imported("ucdp-ged.csv")
        let r = try imported.record("ucdp-880002")
        #expect(r.perpetrators.count == 2)
        #expect(r.originalType == "Non-state conflict")
        #expect(r.date.description == "2022-02-10")  // "2022-02-10 00:00:00.000"
        #expect(r.end?.description == "2022-02-12")
        #expect(r.severity == .critical)
        #expect(imported.regionId(r.regions[0]) == "menaka")
        #expect(imported.sourceIds(r) == ["src-ucdp-ged-csv", "src-fixture-wire", "src-fixture-radio"])
    }

    @Test("one-sided violence: side A perpetrator, civilians the target")
    func oneSided() throws {
        let imported = try Imported("ucdp-ged.csv")
        let r = try imported.record("ucdp-880003")
        #expect(r.category == .violenceAgainstCivilians)
        #expect(r.originalType == "One-sided violence")
        #expect(r.target == "civilians")
        #expect(imported.role(of: "IS Sahel", in: r) == "perpetrator")
        #expect(imported.role(of: "Civilians", in: r) == "target")
        #expect(try imported.actor(named: "Civilians").kind == .civilians)
        #expect(try imported.actor(named: "IS Sahel").kind == .jihadistGroup)
        let government = try imported.record("ucdp-880004")
        #expect(imported.role(of: "Government of Mali", in: government) == "perpetrator")
    }

    @Test("date_prec 4: the date_start … date_end range is kept as written, and date_prec in the origin")
    func monthPrecision() throws {
        let r = try Imported("ucdp-ged.csv").record("ucdp-880004")
        #expect(r.date.description == "2022-03-01")
        #expect(r.end?.description == "2022-03-31")
        #expect(r.origin?.datePrecision == "date_prec 4")
        #expect(r.origin?.ids.first == SourceId(scheme: "id", value: "880004"))
    }

    @Test("regions: Segou region → segou; Burkina Faso's Sahel region under burkina-faso")
    func regions() throws {
        let imported = try Imported("ucdp-ged.csv")
        #expect(imported.regionId(try imported.record("ucdp-880005").regions[0]) == "segou")
        let sahel = try imported.region("sahel-region-burkina-faso")
        #expect(sahel.zone == .other)
        #expect(sahel.parent.map(imported.regionId) == "burkina-faso")
        #expect(try imported.region("burkina-faso").zone == .neighbour)
        let djibo = try imported.record("ucdp-880006")
        #expect(djibo.fatalities == Fatalities(best: 3, low: 2, high: 3))
        #expect(imported.role(of: "IS Sahel", in: djibo) == "perpetrator")
    }

    @Test("a file without a header row is read in the 49-column order")
    func headerless() throws {
        let text = try String(contentsOfFile: ImportPaths.fixture("ucdp-ged.csv"), encoding: .utf8)
        let body = text.split(separator: "\n", maxSplits: 1)[1]
        let imported = try Imported(text: String(body), name: "ged-noheader.csv")
        #expect(imported.report.format == .ucdp)
        #expect(imported.report.rowsRead == 6)
        #expect(imported.report.recordsImported == 6)
        #expect(try imported.record("ucdp-880003").target == "civilians")
        let withHeader = try Imported("ucdp-ged.csv")
        for i in 0..<withHeader.dataset.records.count {
            var a = withHeader.dataset.record(i), b = imported.dataset.record(i)
            a.sources = []
            b.sources = []
            #expect(a == b)
        }
    }

    @Test("bad UCDP rows: unknown type_of_violence, a duplicate id")
    func badRows() throws {
        let lines = try String(contentsOfFile: ImportPaths.fixture("ucdp-ged.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let badType = lines[1].replacingOccurrences(
            of: "880001,MLI-2022-1-880001,2022,1,Clear,1,",
            with: "880009,MLI-2022-1-880001,2022,1,Clear,4,")
        let text = ([lines[0], lines[1], badType, lines[1]]).joined(separator: "\n") + "\n"
        let imported = try Imported(text: text)
        #expect(imported.report.recordsImported == 1)
        #expect(imported.report.skipped.map(\.line) == [3, 4])
        #expect(imported.report.skipped[0].message.contains("type_of_violence"))
        #expect(imported.report.skipped[1].message.contains("duplicate id"))
    }

    @Test("the import is a valid sitmon dataset")
    func roundTrip() throws {
        let imported = try Imported("ucdp-ged.csv")
        #expect(try imported.reloaded().counts == imported.dataset.counts)
    }
}
