import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport
import SitmonGenerate
import SitmonTestSupport

/// The import cache (`ImportCache`, `DatasetSnapshot`): a cached open gives exactly what a fresh import gives, and a
/// snapshot that is stale, foreign, truncated or tampered with is never used.
@Suite struct ImportCacheTests {
    /// A cache in a fresh directory, and a copy of an export in another (so the test can change it).
    struct Setup {
        let root: URL
        let cache: ImportCache
        let csv: String

        init(bytes: [UInt8], name: String = "export.csv") throws {
            root = try ImportPaths.temporaryDirectory()
            var cache = ImportCache(directory: root.path + "/cache/sitmon/imports")
            cache.binary = "test"
            self.cache = cache
            csv = root.path + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: csv))
        }

        init(fixture: String) throws {
            try self.init(bytes: try ImportPaths.fixtureBytes(fixture), name: fixture)
        }

        /// Opens the export through the cache, writing the snapshot of a fresh import at once.
        func open(format: ImportFormat? = nil, options: ImportOptions = ImportOptions()) throws -> ImportCache.Opened {
            let opened = try cache.load(path: csv, format: format, options: options)
            if let pending = opened.pending { #expect(pending.write() == nil) }
            return opened
        }

        var snapshots: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: cache.directory)) ?? [])
                .filter { $0.hasSuffix(".snapshot") }.map { cache.directory + "/" + $0 }
        }

        var snapshot: String { snapshots.first ?? "/nonexistent" }
    }

    /// Every export (CSV, JSON, Markdown) of the whole dataset and of one actor's records, and the report.
    static func outputs(_ opened: ImportCache.Opened) -> [[UInt8]] {
        let engine = QueryEngine(dataset: opened.dataset)
        var views = [engine.run(.all)]
        if !opened.dataset.actors.isEmpty { views.append(engine.run(Filter(actors: [0]))) }
        var out: [[UInt8]] = []
        for view in views {
            for format in ExportFormat.allCases { out.append(Exporter.export(view, of: engine, as: format)) }
        }
        let report = opened.report
        out.append(Array(report.summary.utf8))
        out.append(Array((report.skipped + report.warnings).map(\.description).joined(separator: "\n").utf8))
        return out
    }

    static func checkRoundTrip(_ setup: Setup, format: ImportFormat? = nil) throws {
        let fresh = try setup.open(format: format)
        #expect(!fresh.fromCache)
        #expect(setup.snapshots.count == 1)
        let cached = try setup.open(format: format)
        #expect(cached.fromCache)
        #expect(cached.pending == nil)
        let a = outputs(fresh), b = outputs(cached)
        #expect(a.count == b.count)
        for (k, (x, y)) in zip(a, b).enumerated() { #expect(x == y, "output \(k) differs after a cached open") }
        #expect(DatasetSummary.of(fresh.dataset) == DatasetSummary.of(cached.dataset))
    }

    @Test(
        "every fixture: the exports (CSV, JSON, Markdown) and the report after a cached open are those of the import",
        arguments: [
            "acled-2016.csv", "acled-bad-rows.csv", "acled-current.csv", "acled-fidelity.csv", "acled-monadic.csv",
            "acled-old.csv", "ucdp-fidelity.csv", "ucdp-ged.csv",
        ])
    func fixtureRoundTrip(_ fixture: String) throws {
        try Self.checkRoundTrip(try Setup(fixture: fixture))
    }

    @Test("generated ACLED exports (dyadic, monadic, 20,000 rows on two threads): the same exports after a cached open")
    func generatedRoundTrip() throws {
        for layout in [SyntheticACLED.Layout.dyadic, .monadic] {
            var bytes: [UInt8] = []
            let shape = SyntheticACLED.Shape(events: 20_000, actors: 2_000, countries: 8, layout: layout, seed: 11)
            try SyntheticACLED.write(shape) { (chunk) throws(WriteError) in bytes += chunk }
            try Self.checkRoundTrip(try Setup(bytes: bytes))
        }
    }

    @Test("the warnings an import printed are shown again on a cached open")
    func warningsKept() throws {
        let setup = try Setup(fixture: "acled-bad-rows.csv")
        let fresh = try setup.open()
        #expect(!fresh.report.skipped.isEmpty)
        let cached = try setup.open()
        #expect(cached.fromCache)
        #expect(cached.report.skipped == fresh.report.skipped)
        #expect(cached.report.warnings == fresh.report.warnings)
        #expect(cached.report.summary == fresh.report.summary)
    }

    @Test("same size, times, inode and device but other content: the content hash sees it, the file is imported again")
    func sameStateOtherContent() throws {
        let setup = try Setup(fixture: "acled-current.csv")
        let fresh = try setup.open()
        let original = try #require(FileIdentity(path: setup.csv)?.contentHash())
        // Other content of the same size (a place name, same length).
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: setup.csv)))
        let text = String(decoding: bytes, as: UTF8.self)
        let target = try #require(text.range(of: "Mali,"))
        let at = text.utf8.distance(from: text.startIndex, to: target.lowerBound)
        bytes.replaceSubrange(at..<(at + 4), with: Array("Mal1".utf8))
        try Data(bytes).write(to: URL(fileURLWithPath: setup.csv))
        // Writing changes the change time, which is in the key too; a snapshot whose key has the file's state now
        // and the old content's hash stands for a change stat cannot see (a clock set back, a file system that
        // keeps no change time): only the hash tells.
        let state = try #require(FileIdentity(path: setup.csv))
        #expect(state.size == Int64(bytes.count))
        let settings = ImportCache.Key.Settings(
            name: setup.csv, format: nil, options: ImportOptions(), fastPath: CSVImporter.fastPathEnabled,
            binary: "test")
        let key = ImportCache.Key(file: state, contentHash: original, settings: settings)
        try DatasetSnapshot.write(
            fresh.dataset,
            extra: [
                .init("import-key", bytes: key.encode()),
                .init("import-report", bytes: ImportReportCoding.encode(fresh.report)),
            ], to: setup.snapshot)
        let again = try setup.cache.load(path: setup.csv)
        #expect(!again.fromCache)
        #expect(again.note == "the file's content changed")
        #expect(Self.outputs(again) != Self.outputs(fresh))
        // With the right hash the same snapshot is used: the key was right but for the hash.
        let right = ImportCache.Key(file: state, contentHash: try #require(state.contentHash()), settings: settings)
        try DatasetSnapshot.write(
            fresh.dataset,
            extra: [
                .init("import-key", bytes: right.encode()),
                .init("import-report", bytes: ImportReportCoding.encode(fresh.report)),
            ], to: setup.snapshot)
        #expect(try setup.cache.load(path: setup.csv).fromCache)
    }

    @Test("a file that grew or was touched is imported again, and its snapshot rewritten")
    func staleSizeOrTime() throws {
        let setup = try Setup(fixture: "acled-current.csv")
        _ = try setup.open()
        let handle = try #require(FileHandle(forWritingAtPath: setup.csv))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("\n".utf8))
        try handle.close()
        let grown = try setup.open()
        #expect(!grown.fromCache)
        #expect(try setup.open().fromCache)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: setup.csv)
        let touched = try setup.open()
        #expect(!touched.fromCache)
        #expect(try setup.open().fromCache)
        #expect(setup.snapshots.count == 1)
    }

    @Test("other options (format, strict, jihadist map) or another binary: not the same import")
    func otherSettings() throws {
        let setup = try Setup(fixture: "acled-current.csv")
        _ = try setup.open()
        #expect(try setup.cache.load(path: setup.csv, options: ImportOptions(strict: true)).fromCache == false)
        #expect(try setup.cache.load(path: setup.csv, format: .acled).fromCache == false)
        var map = ImportOptions()
        map.jihadistPatterns = JihadistGroups(patterns: ["Somebody Else"])
        #expect(try setup.cache.load(path: setup.csv, options: map).fromCache == false)
        var other = setup.cache
        other.binary = "another build"
        #expect(try other.load(path: setup.csv).fromCache == false)
        #expect(try setup.cache.load(path: setup.csv).fromCache)
    }

    /// Rewrites the snapshot with `change` applied to its bytes.
    static func tamper(_ path: String, _ change: (inout [UInt8]) -> Void) throws {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        change(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test(
        "a truncated, corrupted, empty or other-version snapshot is ignored, the export imported and the snapshot rewritten",
        arguments: ["truncated", "flipped", "empty", "version", "garbage"])
    func badSnapshot(_ damage: String) throws {
        let setup = try Setup(fixture: "acled-fidelity.csv")
        let fresh = try setup.open()
        let path = setup.snapshot
        try Self.tamper(path) { bytes in
            switch damage {
            case "truncated": bytes.removeLast(bytes.count / 3)
            case "flipped": bytes[bytes.count / 2] ^= 0x5A
            case "empty": bytes = []
            case "version": bytes[8] = 99
            default: bytes = Array("not a snapshot at all, just some text".utf8)
            }
        }
        let again = try setup.open()
        #expect(!again.fromCache)
        #expect(Self.outputs(again) == Self.outputs(fresh))
        #expect(try setup.open().fromCache)
    }

    @Test("snapshots are 0600 in a 0700 directory")
    func permissions() throws {
        let setup = try Setup(fixture: "acled-current.csv")
        _ = try setup.open()
        let dir = try FileManager.default.attributesOfItem(atPath: setup.cache.directory)
        let file = try FileManager.default.attributesOfItem(atPath: setup.snapshot)
        #expect((dir[.posixPermissions] as? Int) == 0o700)
        #expect((file[.posixPermissions] as? Int) == 0o600)
    }

    @Test("a snapshot that is a symbolic link, or a cache directory that is a file, is not used")
    func linksRefused() throws {
        let setup = try Setup(fixture: "acled-current.csv")
        _ = try setup.open()
        let real = setup.snapshot
        let moved = setup.root.path + "/elsewhere.snapshot"
        try FileManager.default.moveItem(atPath: real, toPath: moved)
        try FileManager.default.createSymbolicLink(atPath: real, withDestinationPath: moved)
        #expect(try setup.cache.load(path: setup.csv).fromCache == false)

        let other = try Setup(fixture: "acled-current.csv")
        try FileManager.default.createDirectory(
            atPath: other.root.path + "/cache/sitmon", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: other.cache.directory))
        let opened = try other.cache.load(path: other.csv)
        #expect(opened.pending?.write() != nil)
        #expect(try other.cache.load(path: other.csv).fromCache == false)
    }

    @Test("SITMON_IMPORT_CACHE=0 (or off, no, false) turns the cache off")
    func disabled() {
        #expect(ImportCache.enabled(environment: [:]))
        #expect(ImportCache.enabled(environment: ["SITMON_IMPORT_CACHE": "1"]))
        for value in ["0", "off", "NO", "false"] {
            #expect(!ImportCache.enabled(environment: ["SITMON_IMPORT_CACHE": value]))
        }
    }

    @Test("at most maximumFiles snapshots are kept, the least recently used removed first")
    func eviction() throws {
        let setup = try Setup(fixture: "acled-current.csv")
        var cache = setup.cache
        cache.maximumFiles = 2
        var paths: [String] = []
        for k in 0..<3 {
            let path = setup.root.path + "/copy\(k).csv"
            try FileManager.default.copyItem(atPath: setup.csv, toPath: path)
            paths.append(path)
            #expect(try cache.load(path: path).pending?.write() == nil)
            Thread.sleep(forTimeInterval: 0.02)
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: cache.directory).filter {
            $0.hasSuffix(".snapshot")
        }
        #expect(left.count == 2)
        #expect(try cache.load(path: paths[0]).fromCache == false)
        #expect(try cache.load(path: paths[2]).fromCache)
    }
}
