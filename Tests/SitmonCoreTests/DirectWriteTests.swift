import CSitmonSignals
import Foundation
import SitmonGenerate
import Testing

@testable import SitmonCore

/// Large outputs (the import cache's snapshots, `export -o`, `generate -o`) are written with direct I/O, past the
/// page cache (`DirectWriteBuffer`). Whatever the sizes of the pieces, and whether the file system takes direct I/O,
/// refuses it when it is turned on, or refuses a write, the file must hold exactly the bytes given.
@Suite struct DirectWriteTests {
    /// Random bytes the pieces are cut from (made eight at a time: a debug build is slow byte by byte).
    static let pool: [UInt8] = {
        var generator = SplitMix64(seed: 7)
        let words = (0..<((3 * DirectWriteBuffer.capacity + 64) / 8)).map { _ in generator.next() }
        return words.withUnsafeBytes { Array($0) }
    }()

    /// Pieces around the alignment and the buffer's capacity, then random ones, each cut from `pool` at a random
    /// place.
    static func pieces(seed: UInt64) -> [[UInt8]] {
        var generator = SplitMix64(seed: seed)
        let capacity = DirectWriteBuffer.capacity, block = DirectWriteBuffer.alignment
        var sizes = [0, 1, block - 1, block, block + 1, capacity - 1, 2, capacity + 1, 2 * capacity + 7]
        sizes += (0..<8).map { _ in Int(generator.next() % UInt64(capacity / 4)) }
        return sizes.map { size in
            let start = Int(generator.next() % UInt64(pool.count - size + 1))
            return Array(pool[start..<(start + size)])
        }
    }

    /// True when the file system of `directory` takes direct I/O (asked of a file of its own).
    static func takesDirectIO(_ directory: URL) -> Bool {
        let path = directory.appendingPathComponent("probe").path
        let fd = open(path, O_WRONLY | O_CREAT, 0o600)
        defer {
            close(fd)
            unlink(path)
        }
        return fd >= 0 && sitmon_set_direct_io(fd, 1) == 0
    }

    /// True when `directory` is on tmpfs (by the longest mount point of /proc/mounts that holds it).
    static func isTmpfs(_ directory: URL) -> Bool {
        guard let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) else { return false }
        let path = directory.resolvingSymlinksInPath().path
        var best = (length: -1, type: "")
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 2 else { continue }
            let point = String(fields[1])
            let inside = point == "/" || path == point || path.hasPrefix(point + "/")
            if inside && point.count > best.length { best = (point.count, String(fields[2])) }
        }
        return best.type == "tmpfs"
    }

    static var directories: [String] {
        var found = ["temporary"]
        if FileManager.default.fileExists(atPath: "/dev/shm") { found.append("/dev/shm") }
        return found
    }

    @Test(
        "a file written with direct I/O holds exactly the bytes given, the last block cut to its length",
        arguments: directories, [false, true])
    func roundTrip(place: String, misaligned: Bool) throws {
        let directory =
            place == "temporary"
            ? try TestPaths.temporaryDirectory()
            : URL(fileURLWithPath: place).appendingPathComponent("sitmon-direct-\(getpid())-\(misaligned)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.snapshot").path
        let pieces = Self.pieces(seed: misaligned ? 2 : 1)
        let file = try StreamingAtomicFile(
            path: path, overwrite: false, mode: 0o600, durable: false, direct: true, misaligned: misaligned)
        #expect(file.writesDirectly == Self.takesDirectIO(directory))
        for (k, piece) in pieces.enumerated() {
            if k % 2 == 0 { try file.write(piece) } else { try piece.withUnsafeBytes { try file.write(raw: $0) } }
        }
        // A write the file system refuses (a misaligned buffer; tmpfs takes it, as it holds pages, not blocks) turns
        // direct I/O off for the rest.
        if misaligned && Self.takesDirectIO(directory) && !Self.isTmpfs(directory) { #expect(!file.writesDirectly) }
        try file.commit()
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let expected = pieces.flatMap { $0 }
        #expect(written.count == expected.count)
        #expect(written == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.snapshot"])
    }

    @Test("a file written with direct I/O and discarded leaves the old file and no temporary file")
    func discard() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("export.csv").path
        try AtomicFile.write(Array("old\n".utf8), to: path, overwrite: false)
        let file = try StreamingAtomicFile(path: path, overwrite: true, direct: true)
        try file.write([UInt8](repeating: 0x41, count: DirectWriteBuffer.capacity + 10))
        file.discard()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["export.csv"])
    }

    @Test("a snapshot written with direct I/O reads back as the dataset written")
    func snapshot() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataset = try Load.bundled()
        let path = directory.appendingPathComponent("bundled.snapshot").path
        let size = try DatasetSnapshot.write(dataset, to: path)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == size)
        let read = try DatasetSnapshot.read(try SnapshotFile(path: path))
        #expect(
            DatasetWriter.write(read, selection: .all(read)) == DatasetWriter.write(dataset, selection: .all(dataset)))
    }
}
