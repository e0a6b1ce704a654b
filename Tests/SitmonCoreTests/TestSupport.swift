import Foundation
import Testing
@testable import SitmonCore
import SitmonTestSupport

/// Paths shared by the core tests, found from this file's location so they work from any working directory.
enum TestPaths {
    /// `Tests/SitmonCoreTests`.
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// The repository root.
    static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
    static let golden = fixtures.appendingPathComponent("golden")
    /// The bundled dataset (`data/mali.json`, a symlink to the resource of SitmonCore).
    static let bundledDataset = repository.appendingPathComponent("data/mali.json")
    static let schema = repository.appendingPathComponent("data/schema.json")
    static func fixture(_ name: String) -> URL { fixtures.appendingPathComponent(name) }

    /// A fresh empty directory for one test.
    static func temporaryDirectory() throws -> URL {
        try TemporaryFolder.make(prefix: "sitmon-coretests")
    }
}

/// Loading helpers.
enum Load {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Loads a dataset from JSON text, failing the test on any problem.
    static func dataset(
        _ text: String, name: String = "test.json",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Dataset {
        do {
            return try DatasetLoader.load(bytes: Array(text.utf8), name: name)
        } catch {
            Issue.record("expected a valid dataset, got:\n\(error.description)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// The problems found in JSON bytes (empty when the dataset is valid).
    static func problems(_ bytes: [UInt8], name: String = "test.json") -> [Diagnostic] {
        loadError(bytes, name: name)?.diagnostics ?? []
    }

    static func problems(_ text: String, name: String = "test.json") -> [Diagnostic] {
        problems(Array(text.utf8), name: name)
    }

    static func loadError(_ bytes: [UInt8], name: String = "test.json") -> LoadError? {
        do {
            _ = try DatasetLoader.load(bytes: bytes, name: name)
            return nil
        } catch {
            return error
        }
    }

    static func loadError(_ text: String, name: String = "test.json") -> LoadError? {
        loadError(Array(text.utf8), name: name)
    }

    /// The one diagnostic of invalid data (exit code 65) in `bytes`; the test fails when they load, fail otherwise or
    /// give more than one.
    static func onlyDiagnostic(
        _ bytes: [UInt8], name: String = "test.json",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Diagnostic {
        let error = try #require(loadError(bytes, name: name), "\(name) loaded", sourceLocation: sourceLocation)
        #expect(error.kind == .invalidData, sourceLocation: sourceLocation)
        #expect(error.exitCode == 65, sourceLocation: sourceLocation)
        #expect(error.diagnostics.count == 1, "\(error.description)", sourceLocation: sourceLocation)
        return try #require(error.diagnostics.first, sourceLocation: sourceLocation)
    }

    /// The small hand-written fixture (`Fixtures/small.json`).
    static func small() throws -> Dataset {
        try DatasetLoader.load(path: TestPaths.fixture("small.json").path)
    }

    /// A fresh query engine on `Fixtures/small.json` (each test its own, so that no kept view is shared). A fixture
    /// that does not load fails the test and leaves an empty dataset, on which its expectations fail too.
    static func smallEngine(sourceLocation: SourceLocation = #_sourceLocation) -> QueryEngine {
        do {
            return QueryEngine(dataset: try small())
        } catch {
            Issue.record("Fixtures/small.json does not load: \(error)", sourceLocation: sourceLocation)
            return QueryEngine(dataset: Dataset(info: DatasetInfo(id: "empty", title: "small.json did not load")))
        }
    }

    /// The bundled Mali dataset.
    static func bundled() throws -> Dataset {
        try DatasetLoader.load(path: TestPaths.bundledDataset.path)
    }
}

/// A minimal valid dataset whose sections can be replaced one at a time, so each test shows only what it breaks.
/// Defaults: source `s1`; actor `a1`; region `r1`; event `e1`; incident `i1` (region r1, perpetrator a1).
struct MiniDataset {
    var sources = #"[{"id": "s1", "title": "Source one"}]"#
    var actors = #"[{"id": "a1", "name": "Actor one", "kind": "other", "sources": ["s1"]}]"#
    var relations = "[]"
    var regions = #"[{"id": "r1", "name": "Region one", "kind": "region", "zone": "centre", "sources": ["s1"]}]"#
    var events = #"[{"id": "e1", "date": "2020-01-01", "category": "other", "title": "Event one", "sources": ["s1"]}]"#
    var incidents =
        #"[{"id": "i1", "date": "2020-01-02", "category": "attack", "region": "r1", "perpetrators": ["a1"], "sources": ["s1"]}]"#
    var assessments = "[]"

    var json: String {
        """
        {
          "format": "sitmon-dataset",
          "version": 1,
          "dataset": {"id": "mini", "title": "Mini"},
          "sources": \(sources),
          "actors": \(actors),
          "relations": \(relations),
          "regions": \(regions),
          "events": \(events),
          "incidents": \(incidents),
          "assessments": \(assessments)
        }
        """
    }

    var problems: [Diagnostic] { Load.problems(json) }

    /// The dataset's text from a diagnostic's line and column to the end of that line ("" when it has no place).
    func text(at d: Diagnostic) -> Substring {
        guard let line = d.line, let column = d.column else { return "" }
        let lines = json.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return "" }
        return lines[line - 1].dropFirst(column - 1)
    }
}

extension Array where Element == Diagnostic {
    /// `$.path: message` lines, for readable expectations and failure output.
    var lines: [String] { map { "\($0.path): \($0.message)" } }

    /// The diagnostics at a path.
    func at(_ path: String) -> [Diagnostic] { filter { $0.path == path } }
}

extension Dataset {
    func actorIndex(_ id: String) -> Int32? { actors.firstIndex { $0.id == id }.map { Int32($0) } }
    func regionIndex(_ id: String) -> Int32? { regions.firstIndex { $0.id == id }.map { Int32($0) } }
    func sourceIndex(_ id: String) -> Int32? { sources.firstIndex { $0.id == id }.map { Int32($0) } }
    func recordIndex(_ id: String) -> Int? { (0..<records.count).first { records.id($0) == id } }
}

extension QueryEngine {
    /// The ids of a view's records, in view (date) order.
    func recordIds(_ view: View) -> [String] { view.records.map { dataset.records.id(Int($0)) } }
    /// The ids of a view's actors.
    func actorIds(_ view: View) -> [String] { view.actors.map { dataset.actors[Int($0)].id } }
    /// The ids of a view's regions.
    func regionIds(_ view: View) -> [String] { view.regions.map { dataset.regions[Int($0.region)].id } }

    func actor(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int32 {
        try #require(dataset.actorIndex(id), "no actor \(id)", sourceLocation: sourceLocation)
    }

    func region(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int32 {
        try #require(dataset.regionIndex(id), "no region \(id)", sourceLocation: sourceLocation)
    }
}

/// JSON Schema validation through Python's `jsonschema`. It is a test prerequisite (README): when it is missing the
/// schema tests fail and say what to install, never skip silently.
enum SchemaCheck {
    static let python: String? = Run.which("python3")

    static let available: Bool = {
        guard let python else { return false }
        let result = try? Run.process(python, ["-c", "import jsonschema"])
        return result?.status == 0
    }()

    /// Validates the JSON file at `document` against `data/schema.json`; returns Python's output on failure.
    static func validate(_ document: URL) throws -> ProcessResult {
        guard available else { throw Missing() }
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1], encoding='utf-8'))
            data = json.load(open(sys.argv[2], encoding='utf-8'))
            jsonschema.Draft202012Validator(schema).validate(data)
            """
        return try Run.process(python ?? "/usr/bin/python3", ["-c", script, TestPaths.schema.path, document.path])
    }

    /// The schema tests need python3 with `jsonschema`.
    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "python3 with the jsonschema module is required by the schema tests: pip install jsonschema (README, test prerequisites)"
        }
    }
}

/// The replaceable sections of `MiniDataset`, for parameterised tests.
enum MiniSection: String, Sendable, CustomTestStringConvertible {
    case sources, actors, relations, regions, events, incidents, assessments
    var testDescription: String { rawValue }
}

extension MiniDataset {
    subscript(section: MiniSection) -> String {
        get {
            switch section {
            case .sources: sources
            case .actors: actors
            case .relations: relations
            case .regions: regions
            case .events: events
            case .incidents: incidents
            case .assessments: assessments
            }
        }
        set {
            switch section {
            case .sources: sources = newValue
            case .actors: actors = newValue
            case .relations: relations = newValue
            case .regions: regions = newValue
            case .events: events = newValue
            case .incidents: incidents = newValue
            case .assessments: assessments = newValue
            }
        }
    }
}
