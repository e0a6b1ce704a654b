import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport

/// An older ACLED export: `;` delimiter, UPPER-CASE headers, `data_id`/`event_id_no_cnty`/`iso3`, `ally_actor_*`,
/// numeric inter codes, pre-2019 event types, `24-May-21` dates, decimal commas.
@Suite("ACLED import (old export)")
struct ACLEDOldFormatTests {
    @Test("detected as ACLED with a ; delimiter; every row imported")
    func report() throws {
        let imported = try Imported("acled-old.csv")
        #expect(imported.report.format == .acled)
        #expect(imported.report.delimiter == ";")
        #expect(imported.report.rowsRead == 9)
        #expect(imported.report.recordsImported == 9)
        #expect(imported.report.skipped.isEmpty)
        #expect(imported.report.warnings.isEmpty)
    }

    @Test("ids from data_id when there is no event_id_cnty; dates like 17-Jan-12")
    func idsAndDates() throws {
        let imported = try Imported("acled-old.csv")
        let r = try imported.record("acled-5101")
        #expect(r.date.description == "2012-01-17")
        #expect(try imported.record("acled-5109").date.description == "2018-03-03")
    }

    @Test("pre-2019 event types map to categories; the original type is kept")
    func oldTypes() throws {
        let imported = try Imported("acled-old.csv")
        let expected: [(String, Category, RecordKind, String)] = [
            ("acled-5101", .armedClash, .incident, "Battle-Non-state actor overtakes territory"),
            ("acled-5102", .riot, .event, "Riots/Protests"),  // coded rioters (5): a riot
            ("acled-5103", .armedClash, .incident, "Battle-Government regains territory"),
            ("acled-5104", .remoteViolence, .incident, "Remote violence"),
            ("acled-5105", .violenceAgainstCivilians, .incident, "Violence against civilians"),
            ("acled-5106", .strategicDevelopment, .event, "Strategic development"),
            ("acled-5107", .strategicDevelopment, .event, "Non-violent transfer of territory"),
            ("acled-5108", .strategicDevelopment, .incident, "Headquarters or base established"),  // Katiba Macina
            ("acled-5109", .armedClash, .incident, "Battle-No change of territory"),
        ]
        for (id, category, kind, original) in expected {
            let r = try imported.record(id)
            #expect(r.category == category, "\(id)")
            #expect(r.kind == kind, "\(id)")
            #expect(r.originalType == original, "\(id)")
        }
    }

    @Test("numeric inter codes give kinds; ally actors are associated; the jihadist map still wins")
    func actors() throws {
        let imported = try Imported("acled-old.csv")
        #expect(
            try imported.actor(named: "MNLA: National Movement for the Liberation of Azawad").kind == .separatistGroup)
        #expect(try imported.actor(named: "Military Forces of France").kind == .foreignOperation)
        #expect(try imported.actor(named: "Government of Mali (2013-2020)").kind == .government)
        #expect(try imported.actor(named: "Rioters (Mali)").kind == .protesters)
        #expect(try imported.actor(named: "Fulani Ethnic Militia (Mali)").kind == .militia)
        for name in [
            "Ansar Dine", "MUJAO: Movement for Oneness and Jihad in West Africa",
            "AQIM: Al Qaeda in the Islamic Maghreb", "Katiba Macina",
        ] {
            #expect(try imported.actor(named: name).kind == .jihadistGroup, "\(name)")
        }
        let konna = try imported.record("acled-5103")
        #expect(imported.role(of: "Military Forces of France", in: konna) == "perpetrator")
        #expect(imported.role(of: "Military Forces of Mali (2012-2013)", in: konna) == "associated")
        #expect(imported.role(of: "Ansar Dine", in: konna) == "target")
        #expect(konna.severity == .critical)
        #expect(try imported.record("acled-5105").target == "civilians")  // inter2 7
    }

    @Test("coordinates with decimal commas; regions resolved")
    func coordinatesAndRegions() throws {
        let imported = try Imported("acled-old.csv")
        let r = try imported.record("acled-5109")
        #expect(abs((r.latitude ?? 0) - 14.0767) < 1e-4)
        #expect(abs((r.longitude ?? 0) + 3.5167) < 1e-4)
        #expect(imported.regionId(r.regions[0]) == "mopti")
        #expect(imported.regionId(try imported.record("acled-5107").regions[0]) == "kidal")
    }

    @Test("the import is a valid sitmon dataset")
    func roundTrip() throws {
        let imported = try Imported("acled-old.csv")
        #expect(try imported.reloaded().counts == imported.dataset.counts)
    }
}
