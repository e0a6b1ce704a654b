import Foundation
import Testing
@testable import SitmonCore
import SitmonTestSupport

/// The `sitmon` binary run as a user would: exit codes, messages and files.
/// It is the binary built with the tests (`BuiltSitmon`); the suite is skipped when it is absent, except under
/// scripts/test and CI, where it then fails (`BuiltSitmon.shouldRun`).
@Suite(
    "CLI",
    .enabled(
        if: BuiltSitmon.shouldRun,
        "sitmon is not built next to the test bundle; run swift build --build-tests"))
struct CLITests {
    func sitmon(_ arguments: String..., stdin: [UInt8]? = nil, environment: [String: String]? = nil) throws
        -> ProcessResult
    {
        try Run.sitmon(arguments, stdin: stdin, environment: environment)
    }

    var small: String { TestPaths.fixture("small.json").path }

    /// Under scripts/test and CI the suite runs even without the binary: this names the reason the rest fail.
    @Test("the sitmon binary is built next to the tests")
    func binaryIsBuilt() {
        #expect(BuiltSitmon.isBuilt, "no sitmon next to the test bundle: run swift build --build-tests first")
    }

    /// A dataset with three problems that all have a place in the file.
    static let bad = [
        "{",
        #"  "format": "sitmon-dataset", "version": 1,"#,
        #"  "dataset": {"id": "d", "title": "T"},"#,
        #"  "sources": [{"id": "s1", "title": "S"}],"#,
        #"  "actors": [{"id": "a1", "name": "A", "kind": 5, "sources": ["s1"]}],"#,
        #"  "regions": [],"#,
        #"  "events": [{"id": "e1", "date": "2021-02-30", "category": "coup", "title": "E", "colour": "red", "sources": ["s1"]}],"#,
        #"  "incidents": []"#,
        "}",
    ].joined(separator: "\n")

    func write(_ text: String, _ name: String) throws -> URL {
        let url = try TestPaths.temporaryDirectory().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    // MARK: help

    @Test("sitmon --help lists the monitor's own options and every exit code")
    func helpShowsMonitorOptionsAndExitCodes() throws {
        let result = try sitmon("--help")
        #expect(result.status == 0)
        for option in ["--data", "--watch", "--view", "--fresh", "--no-mouse", "--no-color"] {
            #expect(result.stdout.contains(option), "sitmon --help does not mention \(option)")
        }
        for code in ["0", "1", "64", "65", "66", "73", "74", "78"] {
            #expect(
                result.stdout.range(of: "\n\\s+\(code)\\s", options: .regularExpression) != nil,
                "sitmon --help does not list exit code \(code)")
        }
    }

    @Test("Without a terminal the monitor says so once, plainly, and exits 1")
    func noTerminalMessage() throws {
        let result = try sitmon()
        #expect(result.status == 1)
        #expect(!result.stderr.contains("sitmon: sitmon"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.hasPrefix("sitmon: the monitor needs an interactive terminal, but standard input"))
        #expect(result.stderr.contains("sitmon export"))
    }

    // MARK: validate

    @Test("sitmon validate checks the bundled dataset, exits 0 and prints a summary")
    func validateBundled() throws {
        let result = try sitmon("validate")
        #expect(result.status == 0, "\(result.stderr)")
        let counts = try Load.bundled().counts
        #expect(result.stdout.hasSuffix(": valid: \(counts)\n"), "\(result.stdout)")
        #expect(result.stdout.contains("mali.json"))
        #expect(result.stderr.isEmpty)
    }

    @Test("sitmon validate FILE exits 0 for a valid file and names it")
    func validateFile() throws {
        let result = try sitmon("validate", small)
        #expect(result.status == 0)
        #expect(
            result.stdout
                == "\(small): valid: 6 actors, 3 relations, 5 regions, 5 events, 6 incidents, 2 assessments, 3 sources\n"
        )
    }

    @Test("sitmon validate BAD exits 65 and prints file:line:col: $.path: message lines")
    func validateBad() throws {
        let file = try write(Self.bad, "bad.json")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let result = try sitmon("validate", file.path)
        #expect(result.status == 65)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count >= 3)
        let pattern = try Regex(#"^(.+):(\d+):(\d+): (\$[^ ]*): (.+)$"#)
        for line in lines {
            let match = try #require(line.wholeMatch(of: pattern), "not file:line:col: $.path: message: \(line)")
            #expect(String(match.output[1].substring ?? "") == file.path)
        }
        #expect(lines.contains("\(file.path):5:48: $.actors[0].kind: expected an actor kind, found a number"))
        #expect(
            lines.contains {
                $0.hasPrefix("\(file.path):7:") && $0.contains(#"$.events[0].date: invalid date "2021-02-30""#)
            })
        #expect(
            lines.contains { $0.hasPrefix("\(file.path):7:") && $0.hasSuffix("$.events[0]: unknown field 'colour'") })
        #expect(result.stderr == "sitmon: \(lines.count) problems found\n")
    }

    @Test("sitmon validate on a file that is not JSON exits 65 with one line")
    func validateNotJSON() throws {
        // Not named .csv: a .csv file is read as an ACLED/UCDP export (see the import tests).
        let file = try write("kind,id\nevent,e1\n", "data.txt")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let result = try sitmon("validate", file.path)
        #expect(result.status == 65)
        #expect(result.stdout == "\(file.path):1:1: invalid JSON: unexpected 'k', expected a value\n")
        #expect(result.stderr == "sitmon: 1 problem found\n")
    }

    @Test("a missing file or a directory exits 66")
    func validateUnreadable() throws {
        let missing = "/nonexistent-\(UUID().uuidString).json"
        let result = try sitmon("validate", missing)
        #expect(result.status == 66)
        #expect((result.stdout + result.stderr).contains("\(missing): cannot read: no such file"))
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dir = try sitmon("validate", directory.path)
        #expect(dir.status == 66)
        #expect((dir.stdout + dir.stderr).contains("is a directory"))
        let export = try sitmon("export", "--data", missing)
        #expect(export.status == 66)
        #expect(export.stderr.hasPrefix("sitmon: \(missing): cannot read: no such file"))
    }

    @Test("- reads the dataset from standard input")
    func validateStdin() throws {
        let good = try sitmon("validate", "-", stdin: Array(try Data(contentsOf: TestPaths.fixture("small.json"))))
        #expect(good.status == 0)
        #expect(good.stdout.hasPrefix("<stdin>: valid: 6 actors, "))
        let bad = try sitmon("validate", "-", stdin: Array(Self.bad.utf8))
        #expect(bad.status == 65)
        #expect(bad.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("<stdin>:") })
        let empty = try sitmon("validate", "-", stdin: [])
        #expect(empty.status == 65)
        #expect(empty.stdout.contains("the file is empty"))
    }

    @Test("SITMON_DATA chooses the dataset")
    func environmentData() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["SITMON_DATA"] = small
        let result = try sitmon("validate", environment: environment)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("\(small): valid: 6 actors"))
    }

    // MARK: export

    @Test("an unknown actor is a usage error (64) listing the closest matches")
    func unknownActor() throws {
        let result = try sitmon("export", "--actor", "nobody")
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("sitmon: unknown actor \"nobody\"; closest matches: "))
        let typo = try sitmon("export", "--actor", "jnm")
        #expect(typo.status == 64)
        #expect(typo.stderr.hasPrefix("sitmon: unknown actor \"jnm\"; closest matches: JNIM"))
        let region = try sitmon("export", "--region", "Segu")
        #expect(region.status == 64)
        #expect(region.stderr.contains("closest matches: Ségou"))
    }

    @Test(
        "other bad options are usage errors (64)",
        arguments: [
            ["export", "--format", "xlsx"], ["export", "--category", "picnic"], ["export", "--since", "2021-02-30"],
            ["export", "--min-severity", "extreme"], ["export", "--until", "May 2021"],
        ])
    func usageErrors(arguments: [String]) throws {
        let result = try Run.sitmon(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.hasPrefix("sitmon: "))
        #expect(result.stdout.isEmpty)
    }

    @Test("sitmon export --actor jnim --format csv writes the header, then JNIM's records")
    func exportCSV() throws {
        let result = try sitmon("export", "--actor", "jnim", "--format", "csv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix(CSVExport.columns.joined(separator: ",") + "\r\n"))
        let engine = QueryEngine(dataset: try Load.bundled())
        let view = engine.run(Filter(actors: [try engine.actor("jnim")]))
        #expect(result.stdoutBytes == Exporter.export(view, of: engine, as: .csv))
        #expect(result.stdout.contains("inc-2024-09-17-bamako"))
    }

    @Test("export filters by actor, region, dates, category and severity, and searches text")
    func exportFilters() throws {
        let result = try sitmon("export", "--data", small, "--actor", "JNIM", "--region", "Segou", "--format", "csv")
        #expect(result.status == 0)
        let ids = ExportTests.parseCSV(result.stdoutBytes).dropFirst().map { $0[1] }
        #expect(ids == ["inc-2021-03-05-segou", "inc-2021-04-10-segou"])
        let coups = try sitmon(
            "export", "--data", small, "--category", "coup", "--since", "2020", "--until", "2020-12",
            "--min-severity", "critical", "--format", "csv")
        #expect(ExportTests.parseCSV(coups.stdoutBytes).dropFirst().map { $0[1] } == ["ev-2020-08-18-coup"])
        let search = try sitmon("export", "--data", small, "--search", "n’daw", "--format", "csv")
        #expect(ExportTests.parseCSV(search.stdoutBytes).dropFirst().map { $0[1] } == ["ev-2021-05-24-coup"])
    }

    @Test("the CLI export is byte for byte the golden export", arguments: ExportFormat.allCases)
    func exportMatchesGolden(format: ExportFormat) throws {
        let result = try sitmon(
            "export", "--data", small, "--actor", "jnim", "--region", "segou", "--format", format.rawValue)
        #expect(result.status == 0)
        let golden = try Data(contentsOf: TestPaths.golden.appendingPathComponent("jnim-segou.\(format.fileExtension)"))
        #expect(result.stdoutBytes == Array(golden))
    }

    @Test("-o FILE twice without --force fails (73) and leaves the first file intact; --force overwrites")
    func outputFile() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("jnim.csv").path
        let first = try sitmon("export", "--actor", "jnim", "--format", "csv", "-o", out)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.isEmpty)
        let written = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(String(decoding: written, as: UTF8.self).hasPrefix("kind,id,date,"))

        let second = try sitmon("export", "--actor", "jnim", "--format", "md", "-o", out)
        #expect(second.status == 73)
        #expect(second.stderr == "sitmon: \(out) already exists (use --force to overwrite)\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == written)

        let forced = try sitmon("export", "--actor", "jnim", "--format", "md", "-o", out, "--force")
        #expect(forced.status == 0)
        #expect(
            String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self).hasPrefix("# Briefing: "))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["jnim.csv"])
    }

    @Test("-o onto a device or a named pipe writes into it without --force, for export, import and generate")
    func outputSpecialFiles() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = TestPaths.repository.appendingPathComponent("Tests/SitmonImportTests/Fixtures/ucdp-ged.csv").path
        for arguments in [["export", "--format", "md"], ["import", "ucdp", csv], ["generate", "--events", "20"]] {
            let result = try Run.sitmon(arguments + ["-o", "/dev/null"])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "/dev/null is still a device")

        // A named pipe gets the export's bytes, and stays a pipe.
        let fifo = directory.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = BackgroundReader(fifo)
        let piped = try sitmon("export", "--actor", "jnim", "--format", "csv", "-o", fifo)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(reader.wait() == (try sitmon("export", "--actor", "jnim", "--format", "csv")).stdout)
        #expect(stat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the pipe was replaced")
    }

    @Test("-o into a missing directory or onto a directory fails with 73")
    func outputUnwritable() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = try sitmon("export", "-o", directory.appendingPathComponent("no/such/out.csv").path)
        #expect(missing.status == 73)
        #expect(missing.stderr.hasPrefix("sitmon: "))
        let onto = try sitmon("export", "-o", directory.path, "--force")
        #expect(onto.status == 73)
        #expect(onto.stderr.contains("is a directory"))
    }

    @Test("a JSON export re-loads as a dataset")
    func exportJSON() throws {
        let result = try sitmon("export", "--region", "mopti", "--format", "json")
        #expect(result.status == 0)
        let dataset = try DatasetLoader.load(bytes: result.stdoutBytes, name: "stdout")
        #expect(dataset.records.count > 0)
        #expect(dataset.regions.contains { $0.id == "mopti" })
    }

    @Test("export of an invalid dataset exits 65 and prefixes each problem with sitmon:")
    func exportInvalid() throws {
        let file = try write(Self.bad, "bad.json")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let result = try sitmon("export", "--data", file.path)
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count >= 3)
        #expect(lines.allSatisfy { $0.hasPrefix("sitmon: \(file.path):") })
    }
}
