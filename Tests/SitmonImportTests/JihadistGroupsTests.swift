import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport

@Suite("Jihadist group map")
struct JihadistGroupsTests {
    @Test("the compiled-in list is data/jihadist-groups.txt")
    func embeddedMatchesFile() throws {
        let file = try String(
            contentsOf: ImportPaths.repository.appendingPathComponent("data/jihadist-groups.txt"),
            encoding: .utf8)
        #expect(JihadistGroups.defaultText == file)
        #expect(JihadistGroups.default.patterns.count > 20)
        #expect(!JihadistGroups.default.patterns.contains { $0.hasPrefix("#") })
    }

    @Test("default patterns name the Sahel's jihadist groups as ACLED and UCDP spell them")
    func defaults() {
        let groups = JihadistGroups.default
        for name in [
            "JNIM: Group for Support of Islam and Muslims", "Jama'at Nusrat al-Islam wal-Muslimin",
            "Jama’at Nusrat al-Islam wal-Muslimin", "GSIM", "Islamic State (Greater Sahara)", "Islamic State (Sahel)",
            "Islamic State Sahel Province", "ISGS", "ISSP", "ISWAP", "IS Sahel",
            "AQIM: Al Qaeda in the Islamic Maghreb", "al-Qaïda au Maghreb islamique", "Ansaroul Islam",
            "Ansar Dine", "Katiba Macina", "FLM: Macina Liberation Front", "Front de Libération du Macina",
            "MUJAO: Movement for Oneness and Jihad in West Africa", "Al Mourabitoun", "Boko Haram - JAS",
            "JAS: Jamaatu Ahlis Sunna Liddaawati wal-Jihad",
        ] {
            #expect(groups.matches(name), "\(name)")
        }
        for name in [
            "Military Forces of Mali (2021-)", "Wagner Group", "Civilians (Mali)",
            "Dozo Communal Militia (Mali)", "Rajasthan Militia", "Jasmin Traders", "Islamic Council of Mali",
            "MNLA: National Movement for the Liberation of Azawad", "Government of Mali",
            "Fulani Ethnic Militia (Mali)", "Protesters (Mali)",
        ] {
            #expect(!groups.matches(name), "\(name)")
        }
        #expect(groups.matchingPattern("AQIM: Al Qaeda in the Islamic Maghreb") == "al-Qaeda")
    }

    @Test("a mapping file: comments and blank lines ignored, CRLF accepted; an empty or missing one refused")
    func mappingFile() throws {
        let directory = try ImportPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("map.txt").path
        try "# my groups\r\n\r\nDozo\r\n  Katiba Serma  \r\n".write(toFile: path, atomically: true, encoding: .utf8)
        let groups = try JihadistGroups.load(path: path)
        #expect(groups.patterns == ["Dozo", "Katiba Serma"])
        #expect(groups.matches("Dozo Communal Militia (Mali)"))
        #expect(!groups.matches("JNIM: Group for Support of Islam and Muslims"))

        let empty = directory.appendingPathComponent("empty.txt").path
        try "# nothing\n".write(toFile: empty, atomically: true, encoding: .utf8)
        #expect(throws: LoadError.self) { try JihadistGroups.load(path: empty) }
        do {
            _ = try JihadistGroups.load(path: directory.appendingPathComponent("missing.txt").path)
            Issue.record("a missing map must fail")
        } catch {
            #expect(error.kind == .unreadable)
        }
    }

    @Test("an override map replaces the defaults in an import")
    func overrideInImport() throws {
        let options = ImportOptions(jihadistPatterns: JihadistGroups(patterns: ["Dozo"]))
        let imported = try Imported("acled-current.csv", options: options)
        #expect(try imported.actor(named: "Dozo Communal Militia (Mali)").kind == .jihadistGroup)
        #expect(try imported.actor(named: "JNIM: Group for Support of Islam and Muslims").kind == .rebelGroup)
        #expect(try imported.actor(named: "Katiba Macina").kind == .rebelGroup)
        // JNIM's looting is no longer jihadist activity: a timeline event with a title.
        let looting = try imported.record("acled-mli9006")
        #expect(looting.kind == .event)
        #expect(looting.title == "Looting/property destruction in Ber")
        #expect(try imported.reloaded().counts == imported.dataset.counts)
    }

    @Test("with no pattern at all, kinds come from the inter codes alone")
    func noPatterns() throws {
        let imported = try Imported(
            "acled-current.csv", options: ImportOptions(jihadistPatterns: JihadistGroups(patterns: [])))
        #expect(!imported.dataset.actors.contains { $0.kind == .jihadistGroup })
    }
}
