import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport

@Suite("Format detection and date parsing")
struct DetectionTests {
    @Test("ACLED current, old and upper-case headers; UCDP GED; a header-less UCDP row; anything else")
    func detect() throws {
        #expect(ImportFormat.detect(header: ImportFormat.acledColumns) == .acled)
        #expect(ImportFormat.detect(header: ImportFormat.acledColumns.map { $0.uppercased() }) == .acled)
        let old = ["DATA_ID", "ISO", "EVENT_ID_NO_CNTY", "EVENT_DATE", "YEAR", "EVENT_TYPE", "ACTOR1", "ADMIN1"]
        #expect(ImportFormat.detect(header: old) == .acled)
        #expect(
            ImportFormat.detect(header: ["\u{FEFF}event_id_cnty", " Event Date ", "ACTOR1", "event_type"]) == .acled)
        #expect(ImportFormat.detect(header: ImportFormat.ucdpColumns) == .ucdp)
        #expect(ImportFormat.detect(header: ImportFormat.ucdpColumns.map { $0.uppercased() }) == .ucdp)
        var row = [String](repeating: "", count: 49)
        row[0] = "880001"; row[2] = "2022"; row[5] = "3"; row[38] = "2022-01-05 00:00:00.000"
        #expect(ImportFormat.detect(header: row) == .ucdp)
        row[5] = "7"
        #expect(ImportFormat.detect(header: row) == nil)
        #expect(ImportFormat.detect(header: ["id", "name", "date"]) == nil)
        #expect(ImportFormat.detect(header: []) == nil)
    }

    @Test("a file of the other format is refused on its header, naming the command that reads it")
    func wrongFormat() throws {
        let acled = try #require(
            importError(
                bytes: try ImportPaths.fixtureBytes("acled-current.csv"), name: "acled.csv", format: .ucdp))
        #expect(
            acled.diagnostics.map(\.message) == ["this is an ACLED export, not UCDP GED: use `sitmon import acled`"])
        let ucdp = try #require(
            importError(
                bytes: try ImportPaths.fixtureBytes("ucdp-ged.csv"), name: "ucdp.csv", format: .acled))
        #expect(ucdp.diagnostics.map(\.message) == ["this is a UCDP GED export, not ACLED: use `sitmon import ucdp`"])
    }

    @Test("CSVImporter.sniff and canImport: by extension or by header, never JSON")
    func sniff() throws {
        #expect(CSVImporter.sniff(path: ImportPaths.fixture("acled-current.csv")) == .acled)
        #expect(CSVImporter.sniff(path: ImportPaths.fixture("acled-old.csv")) == .acled)
        #expect(CSVImporter.sniff(path: ImportPaths.fixture("ucdp-ged.csv")) == .ucdp)
        #expect(CSVImporter.canImport(path: "export.CSV"))
        #expect(!CSVImporter.canImport(path: "dataset.json"))
        let directory = try ImportPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let noExtension = directory.appendingPathComponent("export")
        try Data(contentsOf: URL(fileURLWithPath: ImportPaths.fixture("ucdp-ged.csv"))).write(to: noExtension)
        #expect(CSVImporter.canImport(path: noExtension.path))
        let json = directory.appendingPathComponent("data")
        try Data("{\"format\": \"sitmon-dataset\"}".utf8).write(to: json)
        #expect(!CSVImporter.canImport(path: json.path))
        #expect(!CSVImporter.canImport(path: directory.appendingPathComponent("missing").path))
    }

    @Test("dates: ISO, day month-name year, 24-May-21, day/month/year, year/month/day, with a time")
    func dates() {
        let expected = "2021-05-24"
        for text in [
            "2021-05-24", "24 May 2021", "24-May-21", "24/05/2021", "2021/05/24", "24-May-2021",
            "24 MAY 2021", "24 mai 2021", "May 24, 2021", "2021-05-24 00:00:00.000", "2021-05-24T10:30:00Z",
            " 2021-05-24 ",
        ] {
            #expect(ImportDate.parse(text)?.description == expected, "\(text)")
        }
        #expect(ImportDate.parse("17-Jan-97")?.description == "1997-01-17")
        for text in ["", "32 May 2021", "2021-02-30", "24/13/2021", "yesterday", "2021-05", "24 Foo 2021", "1/2/3/4"] {
            #expect(ImportDate.parse(text) == nil, "\(text)")
        }
    }

    @Test("inter codes: numbers 1–8 and labels, any case, any dash")
    func interCodes() {
        #expect(ActorClassifier.interCode("1") == .stateForces)
        #expect(ActorClassifier.interCode("8") == .externalOtherForces)
        #expect(ActorClassifier.interCode("State forces") == .stateForces)
        #expect(ActorClassifier.interCode("EXTERNAL/OTHER FORCES") == .externalOtherForces)
        #expect(ActorClassifier.interCode("Identity militia") == .identityMilitia)
        #expect(ActorClassifier.interCode("civilians") == .civilians)
        #expect(ActorClassifier.interCode("0") == nil)
        #expect(ActorClassifier.interCode("") == nil)
        #expect(ActorClassifier.interCode("9") == nil)
    }

    @Test("event types: current and pre-2019, any case, en dashes")
    func eventTypes() {
        #expect(ACLEDEventTypes.category(eventType: "Battles", subEventType: "Armed clash") == .armedClash)
        #expect(ACLEDEventTypes.category(eventType: "BATTLES", subEventType: "") == .armedClash)
        #expect(ACLEDEventTypes.category(eventType: "Battle–No change of territory", subEventType: "") == .armedClash)
        #expect(
            ACLEDEventTypes.category(
                eventType: "Violence against civilians",
                subEventType: "Abduction/forced disappearance") == .abduction)
        #expect(ACLEDEventTypes.category(eventType: "Strategic developments", subEventType: "Agreement") == .agreement)
        #expect(ACLEDEventTypes.category(eventType: "Riots", subEventType: "Violent demonstration") == .riot)
        #expect(ACLEDEventTypes.category(eventType: "Riots/Protests", subEventType: "") == .protest)
        #expect(ACLEDEventTypes.category(eventType: "Riots/Protests", subEventType: "", rioters: true) == .riot)
        #expect(ACLEDEventTypes.category(eventType: "Something new", subEventType: "") == nil)
    }

    @Test("the gazetteer agrees with the bundled dataset: ids, names, ISO codes, zones, capitals, sources")
    func gazetteerMatchesBundled() throws {
        let bundled = try DatasetLoader.load(path: ImportPaths.repository.appendingPathComponent("data/mali.json").path)
        for entry in ImportGazetteer.maliRegions + ImportGazetteer.countries {
            let region = try #require(
                bundled.regions.first { $0.id == entry.id }, "\(entry.id) not in the bundled data")
            #expect(region.name == entry.name)
            #expect(region.aliases == entry.aliases)
            #expect(region.kind == entry.kind)
            #expect(region.iso == entry.iso)
            #expect(region.zone == entry.zone)
            #expect(region.capital == entry.capital)
            #expect(region.parent.map { bundled.regions[Int($0)].id } == entry.parent)
        }
        for source in ImportGazetteer.sources {
            #expect(bundled.sources.first { $0.id == source.id } == source)
        }
        #expect(ImportGazetteer.maliRegion(named: "Timbuktu")?.id == "tombouctou")
        #expect(ImportGazetteer.maliRegion(named: "TAOUDENI")?.id == "taoudenit")
        #expect(ImportGazetteer.maliRegion(named: "Région de Ségou")?.id == "segou")
        #expect(ImportGazetteer.maliRegion(named: "Bamako District")?.id == "bamako")
        #expect(ImportGazetteer.maliRegion(named: "Bandjagara")?.id == "bandiagara")
        #expect(ImportGazetteer.maliRegion(named: "Tillaberi") == nil)
    }
}
