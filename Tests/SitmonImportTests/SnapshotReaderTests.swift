import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport

/// The snapshot reader treats its file as hostile: a value out of range in any column is refused even when the
/// checksums were recomputed to match (a forger's file, not an accident).
@Suite struct SnapshotReaderTests {
    /// A snapshot of an imported fixture.
    static func snapshot(_ fixture: String = "acled-fidelity.csv") throws -> (path: String, dataset: Dataset) {
        let (dataset, _) = try CSVImporter.load(path: ImportPaths.fixture(fixture))
        let path = try ImportPaths.temporaryDirectory().path + "/test.snapshot"
        try DatasetSnapshot.write(dataset, to: path)
        return (path, dataset)
    }

    /// Changes the section `name` with `change`, then recomputes its checksum and the header's.
    static func forge(_ path: String, section name: String, _ change: (inout [UInt8]) -> Void) throws {
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        func u64(_ at: Int) -> Int { (0..<8).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
        func put(_ value: UInt64, _ at: Int) {
            for k in 0..<8 { bytes[at + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
        }
        let count = Int(bytes[12]) | Int(bytes[13]) << 8
        for k in 0..<count {
            let entry = 24 + 48 * k
            let entryName = String(decoding: bytes[entry..<(entry + 24)].prefix { $0 != 0 }, as: UTF8.self)
            guard entryName == name else { continue }
            let offset = u64(entry + 24), length = u64(entry + 32)
            var section = Array(bytes[offset..<(offset + length)])
            change(&section)
            #expect(section.count == length, "forge keeps the length")
            bytes.replaceSubrange(offset..<(offset + length), with: section)
            put(ContentHash.of(section), entry + 40)
        }
        put(0, 16)
        let header = Array(bytes[0..<(24 + 48 * count)])
        put(ContentHash.of(header), 16)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func reads(_ path: String) -> Bool {
        do {
            _ = try DatasetSnapshot.read(try SnapshotFile(path: path))
            return true
        } catch {
            return false
        }
    }

    @Test("an untouched snapshot reads back the same dataset")
    func untouched() throws {
        for fixture in ["acled-fidelity.csv", "ucdp-fidelity.csv"] {
            let (path, dataset) = try Self.snapshot(fixture)
            let read = try DatasetSnapshot.read(try SnapshotFile(path: path))
            #expect(read.records.count == dataset.records.count)
            #expect((0..<read.records.count).map(read.record) == (0..<dataset.records.count).map(dataset.record))
        }
        let (path, _) = try Self.snapshot()
        // Forging without a change keeps it readable: the helper itself is sound.
        try Self.forge(path, section: "kinds") { _ in }
        #expect(Self.reads(path))
    }

    @Test(
        "two records with one id, a record with an actor's id, an origin with one id scheme twice: refused (as by the loader)"
    )
    func duplicateIds() throws {
        let (dataset, _) = try CSVImporter.load(path: ImportPaths.fixture("acled-fidelity.csv"))
        #expect(dataset.records.count >= 2 && !dataset.actors.isEmpty)
        let path = try ImportPaths.temporaryDirectory().path + "/ids.snapshot"
        var twice = dataset
        twice.records.ids[1] = twice.records.ids[0]
        try DatasetSnapshot.write(twice, to: path)
        #expect(!Self.reads(path))
        var repeated = dataset
        // Record 0's origin moved to a new slot whose two ids have the same scheme.
        let ids = repeated.records.originIdRange(0)
        let id = try #require(ids.first)
        for _ in 0..<2 {
            repeated.records.originIdSchemes.append(repeated.records.originIdSchemes[id])
            repeated.records.originIdValues.append(repeated.records.originIdValues[id])
        }
        repeated.records.spellOriginOf()
        repeated.records.originShapeOf.append(repeated.records.originShapeOf[Int(repeated.records.originOf[0])])
        repeated.records.originIdOffsets.append(UInt32(repeated.records.originIdValues.count))
        repeated.records.originOf[0] = Int32(repeated.records.originShapeOf.count - 1)
        try DatasetSnapshot.write(repeated, to: path)
        #expect(!Self.reads(path), "an origin with the same id scheme twice")
        var clash = dataset
        clash.records.ids[0] = clash.records.text.append(dataset.actors[0].id)
        try DatasetSnapshot.write(clash, to: path)
        #expect(!Self.reads(path))
        try DatasetSnapshot.write(dataset, to: path)
        #expect(Self.reads(path))
    }

    static func setInt32(_ bytes: inout [UInt8], at index: Int, _ value: Int32) {
        let v = UInt32(bitPattern: value)
        for k in 0..<4 { bytes[index * 4 + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(k))) }
    }

    @Test(
        "a forged value out of range is refused",
        arguments: [
            "ids", "titles", "actor-refs", "region-refs", "source-refs", "locations", "actor-roles", "kinds",
            "categories", "severities", "precisions", "starts", "last-days", "actor-offsets", "symbol-ends",
            "origin-of", "text", "actors", "info", "extras-count", "notes", "fatality-notes",
            "latitudes", "actor-id", "origin-shape-of", "origin-shapes", "origin-id-offsets",
        ])
    func forged(_ what: String) throws {
        // UCDP rows have notes; ACLED rows every other column.
        var fixture = "acled-fidelity.csv"
        if what.hasSuffix("notes") {
            let candidates = ["ucdp-fidelity.csv", "ucdp-ged.csv", "acled-fidelity.csv", "acled-current.csv"]
            fixture = try #require(
                candidates.first { name in
                    guard let (d, _) = try? CSVImporter.load(path: ImportPaths.fixture(name)) else { return false }
                    return !(what == "notes" ? d.records.notes : d.records.fatalityNotes).isEmpty
                }, "a fixture with \(what)")
        }
        var (path, dataset) = try Self.snapshot(fixture)
        if what == "origin-of" {
            // Every imported row has an origin, at its own slot: `origin-of` is empty unless written out.
            dataset.records.spellOriginOf()
            try DatasetSnapshot.write(dataset, to: path)
        }
        let section =
            [
                "extras-count": "extras", "actor-id": "actors", "latitudes": "latitudes-e6",
                "actor-roles": "actor-role-bytes",
            ][
                what] ?? what
        try Self.forge(path, section: section) { bytes in
            switch what {
            case "ids", "titles", "notes", "fatality-notes":
                Self.setInt32(&bytes, at: 0, Int32.max - 3)  // offset far past the text
            case "actor-roles": bytes[0] = 255  // past the role table
            case "actor-refs", "region-refs", "source-refs", "locations", "origin-of":
                Self.setInt32(&bytes, at: 0, 1_000_000)
            case "kinds", "precisions": bytes[0] = 7
            case "categories", "severities": bytes[0] = 200
            case "starts": Self.setInt32(&bytes, at: 0, Int32.max)
            case "last-days": Self.setInt32(&bytes, at: 0, 5)
            case "actor-offsets", "origin-id-offsets": Self.setInt32(&bytes, at: 1, 0x7FFF_FFFF)
            case "origin-shape-of": Self.setInt32(&bytes, at: 0, 1_000_000)
            case "origin-shapes": Self.setInt32(&bytes, at: 2, 1_000_000)  // the first shape's admin1
            case "symbol-ends": Self.setInt32(&bytes, at: 0, 0x7FFF_FFFF)
            case "text": bytes[0] = 0xFF  // not UTF-8
            case "actors", "info": bytes[0] = 0xFF  // a string's length past the end
            // Values in range that break the dataset's rules (the loader's): a latitude of 100, an actor id with a
            // control character.
            case "latitudes": Self.setInt32(&bytes, at: 0, 100_000_000)  // in millionths of a degree
            case "actor-id": bytes[8] = 0x01
            default: Self.setInt32(&bytes, at: 0, 0x00FF_FFFF)  // more extras than bytes
            }
        }
        #expect(!Self.reads(path))
    }

    @Test("each enum column's byte is the case's position in allCases (the format relies on it)")
    func enumLayout() {
        #expect(DatasetSnapshot.isSupported)
        for (k, c) in Category.allCases.enumerated() { #expect(unsafeBitCast(UInt8(k), to: Category.self) == c) }
        for (k, s) in Severity.allCases.enumerated() { #expect(unsafeBitCast(UInt8(k), to: Severity.self) == s) }
        #expect(unsafeBitCast(UInt8(1), to: RecordKind.self) == .incident)
        #expect(unsafeBitCast(UInt8(2), to: DatePrecision.self) == .day)
    }

    @Test("the content hash: same bytes same hash, any change another, however the bytes are read")
    func contentHash() throws {
        var bytes = [UInt8](repeating: 0, count: 3 << 20 + 13)
        for k in bytes.indices { bytes[k] = UInt8(truncatingIfNeeded: k &* 2_654_435_761 >> 7) }
        let whole = ContentHash.of(bytes)
        let path = try ImportPaths.temporaryDirectory().path + "/hash.bin"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let (fromFile, count) = try #require(ContentHash.ofFile(descriptor: fd))
        #expect(count == bytes.count)
        #expect(fromFile == whole)
        for at in [0, 31, 32, 1 << 20, bytes.count - 1] {
            var changed = bytes
            changed[at] ^= 1
            #expect(ContentHash.of(changed) != whole)
        }
        #expect(ContentHash.of(Array(bytes.dropLast())) != whole)
    }
}
