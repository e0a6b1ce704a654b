import Foundation
import Testing
@testable import SitmonCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Paths that are not readable data files: a directory, a missing file, a file without read permission,
/// a symlink loop, devices and FIFOs. These give exit code 66 (cannot open input).
@Suite("Unreadable paths")
struct FileSystemTests {
    static func expectUnreadable(
        _ path: String, _ fragment: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let error = LoadOutcome.load(path: path).error else {
            Issue.record("\(path) loaded", sourceLocation: sourceLocation)
            return
        }
        #expect(error.kind == .unreadable, sourceLocation: sourceLocation)
        #expect(error.exitCode == 66, sourceLocation: sourceLocation)
        #expect(error.diagnostics.count == 1, sourceLocation: sourceLocation)
        #expect(error.diagnostics.first?.file == path, "names the file", sourceLocation: sourceLocation)
        #expect(error.description.contains(fragment), "\(error.description)", sourceLocation: sourceLocation)
    }

    @Test("a directory is refused with exit code 66")
    func directory() {
        Self.expectUnreadable(Corpus.directory.path, "is a directory")
    }

    @Test("a missing file is refused with exit code 66")
    func missing() {
        Self.expectUnreadable(Corpus.path("no-such-file.json"), "no such file")
        Self.expectUnreadable("", "no such file")
    }

    @Test("a symlink loop is refused with exit code 66")
    func symlinkLoop() throws {
        let dir = try Corpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.json").path, b = dir.appendingPathComponent("b.json").path
        #expect(symlink(b, a) == 0 && symlink(a, b) == 0)
        Self.expectUnreadable(a, "cannot read")
    }

    /// chmod 000 stops ordinary users, not root: CI runs the tests as root, where the file stays readable.
    static let chmodStopsReading: Bool = {
        guard let dir = try? Corpus.temporaryDirectory() else { return false }
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("probe").path
        guard FileManager.default.createFile(atPath: path, contents: Data("x".utf8)), chmod(path, 0) == 0 else {
            return false
        }
        let fd = open(path, O_RDONLY)
        if fd >= 0 { close(fd) }
        return fd < 0
    }()

    @Test(
        "a file without read permission is refused with exit code 66",
        .enabled(if: chmodStopsReading, "running as root (or with CAP_DAC_OVERRIDE): chmod 000 does not stop reading"))
    func unreadableFile() throws {
        try Self.withLockedCopy { path in Self.expectUnreadable(path, "permission denied") }
    }

    @Test(
        "as root, a chmod 000 file is simply read (documents why the test above is skipped)",
        .enabled(if: !chmodStopsReading))
    func unreadableFileAsRoot() throws {
        try Self.withLockedCopy { path in #expect(LoadOutcome.load(path: path).dataset != nil) }
    }

    /// Runs `body` on a copy of a valid dataset whose permissions are then set to 000, in a fresh directory.
    static func withLockedCopy(_ body: (String) throws -> Void) throws {
        let dir = try Corpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("locked.json").path
        try FileManager.default.copyItem(atPath: Corpus.path("valid-base.json"), toPath: path)
        #expect(chmod(path, 0) == 0)
        try body(path)
    }

    /// A downloaded archive can hold a symlink to a device or a FIFO in place of the data file.
    @Test(
        "a character device or a FIFO is refused, not read forever",
        arguments: ["/dev/zero", "fifo"])
    func devicesAndFifos(_ which: String) async throws {
        let dir = try Corpus.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var path = which
        if which == "fifo" {
            path = dir.appendingPathComponent("data.json").path
            #expect(mkfifo(path, 0o600) == 0)
        }
        let limit = UInt32(max(2, Int(3 * Limits.timeScale)))
        await #expect(processExitsWith: .success) { [path = path as String, limit = limit as UInt32] in
            alarm(limit)
            let outcome = LoadOutcome.load(path: path)
            exit(outcome.error?.exitCode == 66 ? 0 : 1)
        }

    }
}
