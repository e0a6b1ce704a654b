import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport
import SitmonTestSupport

/// Runs the built `sitmon` binary (`BuiltSitmon`: the one next to the test executable).
enum CLI {
    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let result = try Run.sitmon(arguments)
        return Result(status: result.status, stdout: result.stdoutBytes, stderr: result.stderr)
    }
}

@Suite(
    "sitmon import (the built binary)",
    .enabled(if: BuiltSitmon.shouldRun, "sitmon is not built next to the test bundle: swift build --build-tests"))
struct ImportCommandTests {
    @Test("writes the dataset atomically to -o, and the summary to standard error")
    func toFile() throws {
        let directory = try ImportPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("acled.json").path
        let result = try CLI.run(["import", "acled", ImportPaths.fixture("acled-current.csv"), "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.contains("13 rows read, 12 records imported (9 incidents, 3 events), 1 revision replaced"))
        #expect(result.stderr.contains("invalid coordinates"))
        let dataset = try DatasetLoader.load(path: output)
        #expect(dataset.records.count == 12)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["acled.json"])

        let again = try CLI.run(["import", "acled", ImportPaths.fixture("acled-current.csv"), "-o", output])
        #expect(again.status == 73)
        #expect(again.stderr.contains("--force"))
        let forced = try CLI.run(["import", "acled", ImportPaths.fixture("acled-current.csv"), "-o", output, "--force"])
        #expect(forced.status == 0)
    }

    @Test("without -o the JSON goes to standard output")
    func toStdout() throws {
        let result = try CLI.run(["import", "ucdp", ImportPaths.fixture("ucdp-ged.csv")])
        #expect(result.status == 0, "\(result.stderr)")
        let dataset = try DatasetLoader.load(bytes: result.stdout, name: "stdout.json")
        #expect(dataset.records.count == 6)
        #expect(dataset.info.title == "UCDP GED export ucdp-ged.csv")
    }

    @Test("bad rows: listed on standard error; --strict fails with 65 naming the line")
    func badRows() throws {
        let lenient = try CLI.run(["import", "acled", ImportPaths.fixture("acled-bad-rows.csv")])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("3 rows skipped"))
        #expect(lenient.stderr.contains("acled-bad-rows.csv:5: row 4: invalid event_date"))
        let strict = try CLI.run(["import", "acled", ImportPaths.fixture("acled-bad-rows.csv"), "--strict"])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("acled-bad-rows.csv:5: row 4:"))
        #expect(strict.stdout.isEmpty)
    }

    @Test("exit codes: 65 missing column, 66 missing file, 64 unknown format or usage")
    func exitCodes() throws {
        let missing = try CLI.run(["import", "acled", ImportPaths.fixture("acled-missing-column.csv")])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("missing required column 'admin1'"))
        #expect(try CLI.run(["import", "acled", "/nonexistent/export.csv"]).status == 66)
        #expect(try CLI.run(["import", "gdelt", ImportPaths.fixture("acled-current.csv")]).status == 64)
        #expect(try CLI.run(["import", "acled"]).status == 64)
        let wrong = try CLI.run(["import", "acled", ImportPaths.fixture("ucdp-ged.csv")])
        #expect(wrong.status == 65)
        #expect(wrong.stderr.contains("sitmon import ucdp"))
    }

    @Test("messages quoting the data carry no control or bidi character: neutralised like the monitor's screen")
    func messagesAreSafe() throws {
        let directory = try ImportPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let hostile = "\u{202E}Mop\u{1B}]52;c;cm0gLXJm\u{07}\u{2066}ti\u{2069}\u{200F}\u{200E}\u{061C}\u{9B}2J\u{7F}\t"
        let rows = [
            ACLEDText.row(["event_id_cnty": "MLI1", "admin1": hostile]),  // a warning quotes admin1
            ACLEDText.row(["event_id_cnty": "MLI2", "event_date": "2023" + hostile]),  // a skipped row quotes the date
        ]
        let input = directory.appendingPathComponent("hostile\u{1B}[2J.csv").path
        try ACLEDText.csv(rows).write(toFile: input, atomically: true, encoding: .utf8)
        let result = try CLI.run(["import", "acled", input])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("unknown Mali region"), "\(result.stderr)")
        #expect(result.stderr.contains("invalid event_date"), "\(result.stderr)")
        let unsafe = result.stderr.unicodeScalars.filter { $0 != "\n" && TerminalSafety.isUnsafe($0) }
        let shown = unsafe.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
        #expect(unsafe.isEmpty, "raw control or bidi characters on standard error: \(shown)")
        // The hostile text is shown, not dropped: as \u{..} escapes in the quoted value.
        #expect(result.stderr.contains("\\u{202E}Mop\\u{1B}]52;c;cm0gLXJm\\u{7}"), "\(result.stderr)")
    }

    @Test("--jihadist-map replaces the built-in list; a missing map is 66")
    func jihadistMap() throws {
        let directory = try ImportPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let map = directory.appendingPathComponent("map.txt").path
        try "# test map\nDozo\n".write(toFile: map, atomically: true, encoding: .utf8)
        let result = try CLI.run(["import", "acled", ImportPaths.fixture("acled-current.csv"), "--jihadist-map", map])
        #expect(result.status == 0, "\(result.stderr)")
        let dataset = try DatasetLoader.load(bytes: result.stdout, name: "stdout.json")
        #expect(dataset.actors.first { $0.name == "Dozo Communal Militia (Mali)" }?.kind == .jihadistGroup)
        #expect(dataset.actors.first { $0.name.hasPrefix("JNIM") }?.kind == .rebelGroup)
        let missing = try CLI.run([
            "import", "acled", ImportPaths.fixture("acled-current.csv"), "--jihadist-map",
            directory.appendingPathComponent("none.txt").path,
        ])
        #expect(missing.status == 66)
    }

    @Test("--data FILE.csv opens an export directly")
    func dataOption() throws {
        let result = try CLI.run(["export", "--data", ImportPaths.fixture("acled-current.csv"), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let dataset = try DatasetLoader.load(bytes: result.stdout, name: "stdout.json")
        #expect(dataset.records.count == 12)
    }
}

/// The test's own list of what must never reach a terminal raw: C0 controls, DEL, C1 controls and the
/// bidirectional controls (Trojan Source): U+202A–202E, U+2066–2069, U+200E, U+200F, U+061C.
enum TerminalSafety {
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }
}
