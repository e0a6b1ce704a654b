import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport
import SitmonTestSupport

/// Paths and helpers shared by the import tests, found from this file's location so they work from any directory.
enum ImportPaths {
    /// `Tests/SitmonImportTests`.
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// The repository root.
    static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    /// The bytes of a fixture.
    static func fixtureBytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: fixture(name))))
    }

    /// A fresh empty directory for one test.
    static func temporaryDirectory() throws -> URL {
        try TemporaryFolder.make(prefix: "sitmon-importtests")
    }
}

/// An imported dataset with lookups by id and name.
struct Imported {
    let dataset: Dataset
    let report: ImportReport

    /// Imports a fixture, failing the test on any error.
    init(
        _ fixture: String, format: ImportFormat? = nil, options: ImportOptions = ImportOptions(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        do {
            (dataset, report) = try CSVImporter.load(
                path: ImportPaths.fixture(fixture), format: format, options: options)
        } catch {
            Issue.record("import of \(fixture) failed:\n\(error.description)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// Imports CSV text, failing the test on any error.
    init(
        text: String, name: String = "inline.csv", format: ImportFormat? = nil,
        options: ImportOptions = ImportOptions(), sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        do {
            (dataset, report) = try CSVImporter.load(
                bytes: Array(text.utf8), name: name, format: format, options: options)
        } catch {
            Issue.record("import of \(name) failed:\n\(error.description)", sourceLocation: sourceLocation)
            throw error
        }
    }

    func record(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Record {
        let index = try #require(
            (0..<dataset.records.count).first { dataset.records.id($0) == id },
            "no record \(id)", sourceLocation: sourceLocation)
        return dataset.record(index)
    }

    func actor(named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Actor {
        try #require(dataset.actors.first { $0.name == name }, "no actor \(name)", sourceLocation: sourceLocation)
    }

    func actorIndex(named name: String) -> Int32? {
        dataset.actors.firstIndex { $0.name == name }.map { Int32($0) }
    }

    func region(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Region {
        try #require(dataset.regions.first { $0.id == id }, "no region \(id)", sourceLocation: sourceLocation)
    }

    func regionId(_ index: Int32) -> String { dataset.regions[Int(index)].id }
    func sourceIds(_ record: Record) -> [String] { record.sources.map { dataset.sources[Int($0)].id } }
    func sourceTitles(_ record: Record) -> [String] { record.sources.map { dataset.sources[Int($0)].title } }

    /// The role of the named actor in a record, or nil.
    func role(of name: String, in record: Record) -> String? {
        guard let actor = actorIndex(named: name) else { return nil }
        return record.actors.first { $0.actor == actor }?.role
    }

    /// The dataset written as sitmon JSON and loaded back: the proof that an import is a valid dataset.
    func reloaded(sourceLocation: SourceLocation = #_sourceLocation) throws -> Dataset {
        let bytes = DatasetWriter.write(dataset, selection: .all(dataset))
        do {
            return try DatasetLoader.load(bytes: bytes, name: "reloaded.json")
        } catch {
            Issue.record(
                "the imported dataset does not load back:\n\(error.description)", sourceLocation: sourceLocation)
            throw error
        }
    }
}

/// The error an import throws, or nil when it succeeds.
func importError(
    _ text: String, name: String = "inline.csv", format: ImportFormat? = nil,
    options: ImportOptions = ImportOptions()
) -> LoadError? {
    importError(bytes: Array(text.utf8), name: name, format: format, options: options)
}

func importError(
    bytes: [UInt8], name: String = "inline.csv", format: ImportFormat? = nil,
    options: ImportOptions = ImportOptions()
) -> LoadError? {
    do {
        _ = try CSVImporter.load(bytes: bytes, name: name, format: format, options: options)
        return nil
    } catch {
        return error
    }
}

/// Small ACLED files for robustness tests: the 31 current columns, rows given as column → value.
enum ACLEDText {
    static let header = ImportFormat.acledColumns

    /// A row with sensible defaults (a clash in Mopti) overridden by `values`.
    static func row(_ values: [String: String] = [:]) -> [String] {
        var fields: [String: String] = [
            "event_id_cnty": "MLI1", "event_date": "2023-01-14", "year": "2023", "time_precision": "1",
            "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
            "actor1": "Military Forces of Mali (2021-)", "inter1": "State forces",
            "actor2": "JNIM: Group for Support of Islam and Muslims", "inter2": "Rebel group",
            "interaction": "State forces-Rebel group", "iso": "466", "region": "Western Africa", "country": "Mali",
            "admin1": "Mopti", "location": "Sofara", "latitude": "14.0", "longitude": "-4.2", "geo_precision": "1",
            "source": "Studio Tamani", "source_scale": "National", "notes": "Fixture.", "fatalities": "1",
            "timestamp": "1700000000",
        ]
        for (k, v) in values { fields[k] = v }
        return header.map { fields[$0] ?? "" }
    }

    /// CSV text with RFC 4180 quoting.
    static func csv(
        _ rows: [[String]], header: [String] = header, delimiter: String = ",",
        lineEnd: String = "\n"
    ) -> String {
        func quote(_ field: String) -> String {
            field.contains(where: { $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" || String($0) == delimiter })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        return ([header] + rows).map { $0.map(quote).joined(separator: delimiter) }.joined(separator: lineEnd) + lineEnd
    }
}
