import Foundation
import SitmonTestSupport
import Testing
@testable import SitmonCore
import SitmonUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Issue #16, "Bounded memory and time" (standard input) and "Hangs and wrong answers": each case runs the built
/// binary as a user would, through `/bin/sh` for redirections, with `timeout` so that a hang fails the case.
@Suite(
    "Bounds: standard input, FIFOs, exit codes, signals", .serialized,
    .enabled(if: BuiltSitmon.isBuilt, "the sitmon binary is not next to the test executable"))
struct BoundsTests {
    /// Runs `command` in `sh -c` with `$SITMON` set to the binary, in a fresh folder given as `$DIR`, under a
    /// 1.5 GB address-space limit and a 60 s timeout (exit 124 then).
    static func shell(_ command: String, limitMemory: Bool = true) throws -> (ProcessResult, seconds: Double) {
        let dir = try TemporaryFolder.make(prefix: "sitmon-bounds")
        defer { try? FileManager.default.removeItem(at: dir) }
        let limit = limitMemory ? "ulimit -v 1500000; " : ""
        let script =
            "\(limit)export SITMON='\(BuiltSitmon.path)' DIR='\(dir.path)'; cd \"$DIR\"; "
            + "export XDG_CONFIG_HOME=\"$DIR/config\" XDG_STATE_HOME=\"$DIR/state\" XDG_CACHE_HOME=\"$DIR/cache\"; unset SITMON_DATA SITMON_CONFIG SITMON_MAX_INPUT; "
            + "timeout 60 sh -c '\(command.replacingOccurrences(of: "'", with: "'\\''"))'"
        let start = Date()
        let result = try Run.process("/bin/sh", ["-c", script])
        return (result, Date().timeIntervalSince(start))
    }

    // MARK: Standard input

    @Test(
        "an endless or hostile standard input is refused at its first bad byte, fast, in bounded memory",
        arguments: [
            ("\"$SITMON\" validate - < /dev/zero", "<stdin>:1:1: invalid JSON: unexpected byte 0x0"),
            ("\"$SITMON\" validate - < /dev/urandom", "<stdin>:1:"),
            (
                "yes [ | tr -d '\\n' | \"$SITMON\" validate -",
                "<stdin>:1:1: $: expected a dataset object, found an array"
            ),
            ("(printf '{\"a\":'; yes [ | tr -d '\\n') | \"$SITMON\" validate -", "nesting deeper than 512 levels"),
            ("\"$SITMON\" export --data - < /dev/zero", "<stdin>:1:1: invalid JSON: unexpected byte 0x0"),
            ("\"$SITMON\" import acled - < /dev/zero", "<stdin>:1: header: a NUL byte in the header row"),
            ("\"$SITMON\" import acled - < /dev/urandom", "<stdin>:1: header:"),
            ("head -c 3000000 /dev/zero | tr '\\0' a | \"$SITMON\" import ucdp -", "no line break in the first 1 MiB"),
        ])
    func hostileStandardInput(_ command: String, _ expected: String) throws {
        let (result, seconds) = try Self.shell(command)
        #expect(result.status == 65, "\(command): \(result.status) \(result.stderr)")
        #expect((result.stdout + result.stderr).contains(expected), "\(command): \(result.stdout) \(result.stderr)")
        #expect(seconds < 20, "\(command) took \(seconds) s")
    }

    @Test("what standard input may hold is capped: --max-input-size, SITMON_MAX_INPUT, a clear error, never an abort")
    func inputLimit() throws {
        let endless = "(printf '{\"a\":\"'; tr '\\0' a < /dev/zero)"
        let (option, _) = try Self.shell(endless + " | \"$SITMON\" validate --max-input-size 1M -")
        #expect(option.status == 65)
        #expect(option.stdout.contains("<stdin>: standard input is longer than the limit of 1 MiB"), "\(option.stdout)")
        let (environment, _) = try Self.shell(endless + " | SITMON_MAX_INPUT=2M \"$SITMON\" export --data -")
        #expect(environment.status == 65)
        #expect(environment.stderr.contains("longer than the limit of 2 MiB"), "\(environment.stderr)")
        let (csv, _) = try Self.shell(
            "(echo event_id_cnty,event_date; yes a,b) | \"$SITMON\" import acled --max-input-size 1M -")
        #expect(csv.status == 65)
        #expect(csv.stderr.contains("longer than the limit of 1 MiB"), "\(csv.stderr)")
        let (bad, _) = try Self.shell("\"$SITMON\" validate --max-input-size 12Q - < /dev/null")
        #expect(bad.status == 64)
        // The default: endless valid-looking input stops at 2 GiB with the same message (exit 65, not 134): run
        // without the memory limit, as reading 2 GiB needs that much.
        #expect(InputLimit.defaultBytes == 2 << 30)
    }

    @Test("a 4 GB sparse file of NULs is refused at 1:1 at once, not after reading it (JSON and CSV)")
    func sparseFiles() throws {
        let dir = try TemporaryFolder.make(prefix: "sitmon-sparse")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, size) in [
            ("zeros.json", 4_000_000_000), ("zeros.csv", 1_500_000_000), ("zeros.data", 4_000_000_000),
        ] {
            let path = dir.appendingPathComponent(name).path
            #expect(FileManager.default.createFile(atPath: path, contents: nil) && truncate(path, off_t(size)) == 0)
        }
        for (command, expected) in [
            ("\"$SITMON\" validate \(dir.path)/zeros.json", "zeros.json:1:1: invalid JSON: unexpected byte 0x0"),
            ("\"$SITMON\" validate - < \(dir.path)/zeros.json", "<stdin>:1:1: invalid JSON: unexpected byte 0x0"),
            ("\"$SITMON\" export --data \(dir.path)/zeros.data", "zeros.data:1:1: invalid JSON: unexpected byte 0x0"),
            ("\"$SITMON\" import acled \(dir.path)/zeros.csv", "zeros.csv:1: header: a NUL byte in the header row"),
        ] {
            let (result, seconds) = try Self.shell(command)
            #expect(result.status == 65, "\(command): \(result.status) \(result.stderr)")
            #expect((result.stdout + result.stderr).contains(expected), "\(command): \(result.stdout)\(result.stderr)")
            #expect(seconds < 10, "\(command) took \(seconds) s")
        }
    }

    // MARK: FIFOs, devices, terminals

    @Test("a FIFO with no writer as --data, as validate's file or in config.toml's data is refused, never opened")
    func fifoData() throws {
        for command in [
            "mkfifo f; \"$SITMON\" validate f",
            "mkfifo f; \"$SITMON\" export --data f",
            "mkfifo f; \"$SITMON\" --render 80x24 --data f",
            "mkfifo f.csv; \"$SITMON\" import acled f.csv",
            "mkfifo f; printf 'data = \"f\"\\n' > c.toml; \"$SITMON\" export --config c.toml",
        ] {
            let (result, seconds) = try Self.shell(command)
            #expect(result.status == 66, "\(command): \(result.status) \(result.stderr)")
            #expect(
                (result.stdout + result.stderr).contains("is a FIFO (named pipe), not a regular file"),
                "\(command): \(result.stdout)\(result.stderr)")
            #expect(seconds < 10)
        }
    }

    @Test("config check on /dev/zero, /dev/null or a FIFO says what the file is")
    func configCheckDevices() throws {
        for (file, what) in [("/dev/zero", "a character device"), ("/dev/null", "a character device"), ("f", "a FIFO")]
        {
            let (result, _) = try Self.shell("mkfifo f; \"$SITMON\" config check \(file)")
            #expect(result.status == 66)
            #expect(result.stderr.contains("\(file): is \(what)"), "\(result.stderr)")
            #expect(!result.stderr.contains("permission denied"))
        }
    }

    // MARK: Exit codes

    @Test(
        "writing standard output into /dev/full fails with 74 and a message, never 0 or 73",
        arguments: [
            "generate --events 10", "config show", "config path", "config check", "validate", "--render 80x24",
            "export", "export --format md", "import acled -",
        ])
    func fullStandardOutput(_ arguments: String) throws {
        let input = arguments.hasPrefix("import") ? "\"$SITMON\" generate --format acled-csv --events 5 | " : ""
        let (result, _) = try Self.shell(input + "\"$SITMON\" \(arguments) > /dev/full")
        #expect(result.status == 74, "\(arguments): \(result.status) \(result.stderr)")
        #expect(result.stderr.contains("no space left on device"), "\(arguments): \(result.stderr)")
    }

    @Test("-o over a file in a folder that takes no new file says so, not \"no such directory\"")
    func unreplaceableOutput() throws {
        let (result, _) = try Self.shell("\"$SITMON\" export -o /proc/version --force")
        #expect(result.status == 73)
        #expect(
            result.stderr.contains("/proc/version: cannot be replaced: /proc does not allow new files"),
            "\(result.stderr)")
        #expect(!result.stderr.contains("no such directory"))
    }

    @Test("a count of 2^53−1 is named as written")
    func countAsWritten() throws {
        let (result, _) = try Self.shell("\"$SITMON\" validate '\(Corpus.path("fatalities-2pow53-minus-1.json"))'")
        #expect(result.status == 65)
        #expect(
            result.stdout.contains("number out of range: 9007199254740991 (at most 2147483647)"), "\(result.stdout)")
        #expect(!result.stdout.contains("9007199254740992"))
    }

    @Test("README and --help list exactly the codes of ExitStatus")
    func exitCodeTable() throws {
        let readme = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../README.md"), encoding: .utf8)
        guard let start = readme.range(of: "Exit codes:") else {
            Issue.record("README has no exit-code paragraph")
            return
        }
        let paragraph = String(readme[start.upperBound...]).components(separatedBy: "\n\n")[0]
        let (help, _) = try Self.shell("\"$SITMON\" --help")
        let helpTable =
            help.stdout.components(separatedBy: "Exit codes:").last?.components(separatedBy: "\n\n")[0] ?? ""
        func numbers(_ text: String) -> Set<Int32> {
            let regex = try? NSRegularExpression(pattern: "(?<![\\w.:-])[0-9]{1,3}(?![\\w.:-])")
            let range = NSRange(text.startIndex..., in: text)
            return Set(
                (regex?.matches(in: text, range: range) ?? []).compactMap {
                    Range($0.range, in: text).flatMap { Int32(text[$0]) }
                })
        }
        let codes = Set(ExitStatus.allCases.map(\.code))
        #expect(numbers(paragraph) == codes, "README: \(numbers(paragraph).sorted()) vs \(codes.sorted())")
        #expect(numbers(helpTable) == codes, "--help: \(numbers(helpTable).sorted()) vs \(codes.sorted())")
    }

    @Test("--format and WIDTHxHEIGHT are parsed by ArgumentParser types: any case, and 64 with the choices")
    func argumentTypes() throws {
        let (upper, _) = try Self.shell("\"$SITMON\" export --format JSON | head -c 1")
        #expect(upper.stdout == "{")
        let (unknown, _) = try Self.shell("\"$SITMON\" export --format xml")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("'csv', 'json' or 'md'"), "\(unknown.stderr)")
        let (hostile, _) = try Self.shell("\"$SITMON\" export --format \"$(printf '\\033]52;c;eA==\\007')\"")
        #expect(hostile.status == 64)
        #expect(
            !hostile.stderrBytes.contains(0x1B) && !hostile.stderrBytes.contains(0x07), "the argument is echoed raw")
        for size in ["0x10", "10x", "x10", "1001x10", "10x10x10", "-5x10", "ax10"] {
            let (result, _) = try Self.shell("\"$SITMON\" --render \(size)")
            #expect(result.status == 64, "--render \(size): \(result.status)")
            let (bench, _) = try Self.shell("\"$SITMON\" bench-ui --size \(size) --runs 1")
            #expect(bench.status == 64, "bench-ui --size \(size): \(bench.status)")
        }
        let (ok, _) = try Self.shell("\"$SITMON\" --render 40X12")
        #expect(ok.status == 0)
        #expect(ok.stdout.split(separator: "\n").count == 12)
    }

    // MARK: Signals

    @Test(
        "SIGTERM, SIGINT and SIGHUP during generate -o remove the temporary file", arguments: [SIGTERM, SIGINT, SIGHUP])
    func signalRemovesTemporary(_ signal: Int32) throws {
        let dir = try TemporaryFolder.make(prefix: "sitmon-signal")
        defer { try? FileManager.default.removeItem(at: dir) }
        // The test runner's children may inherit ignored signals: env gives the three their default action back.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "--default-signal=HUP,INT,TERM", BuiltSitmon.path,
            "generate", "--events", "60000", "-q", "-o", dir.appendingPathComponent("out.json").path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        func temporaries() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasPrefix(".sitmon-") }
        }
        let deadline = Date().addingTimeInterval(60)
        while temporaries().isEmpty && process.isRunning && Date() < deadline { usleep(20_000) }
        try #require(!temporaries().isEmpty, "the temporary file never appeared")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(
            process.terminationReason == .uncaughtSignal && process.terminationStatus == signal,
            "ended by \(process.terminationReason) \(process.terminationStatus)")
        #expect(temporaries().isEmpty, "left behind: \(temporaries())")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.json").path))
    }

    // MARK: Configuration and saved views

    @Test(
        "config refuses key names no one can type, naming the code point, never printing it raw",
        arguments: ["\u{202E}", "\u{85}", "\u{200B}", "\u{301}"])
    func untypeableKeys(_ key: String) throws {
        let dir = try TemporaryFolder.make(prefix: "sitmon-keys")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("config.toml")
        try Data("[keys]\nquit = \"\(key)\"\n".utf8).write(to: file)
        for command in ["check", "show"] {
            let result = try Run.sitmon(["config", command, "--config", file.path])
            #expect(result.status == 78, "config \(command): \(result.status)")
            let code = String(key.unicodeScalars.first?.value ?? 0, radix: 16, uppercase: true)
            #expect(
                result.stderr.contains("U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code),
                "\(result.stderr)")
            // Compared as bytes: String.contains matches a lone combining mark inside other characters.
            let raw = Array(key.utf8)
            for output in [result.stderrBytes, result.stdoutBytes] {
                #expect(!output.indices.contains { output[$0...].starts(with: raw) }, "printed raw")
            }
        }
    }

    /// A fresh folder holding one saved view, `name`, and an environment whose XDG homes are in that folder.
    static func home(view name: String, _ bytes: Data) throws -> (URL, [String: String]) {
        let dir = try TemporaryFolder.make(prefix: "sitmon-views")
        let views = dir.appendingPathComponent("state/sitmon/views")
        try FileManager.default.createDirectory(at: views, withIntermediateDirectories: true)
        try bytes.write(to: views.appendingPathComponent(name + ".json"))
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_STATE_HOME"] = dir.appendingPathComponent("state").path
        environment["XDG_CONFIG_HOME"] = dir.appendingPathComponent("config").path
        environment["XDG_CACHE_HOME"] = dir.appendingPathComponent("cache").path
        environment.removeValue(forKey: "SITMON_DATA")
        return (dir, environment)
    }

    @Test("a view listing a million unknown actors prints one summarised line")
    func millionUnknownActors() throws {
        var view = SavedView()
        view.filter.actors = (0..<1_000_000).map { "ghost-\($0)" }
        let (dir, environment) = try Self.home(view: "many", try JSONEncoder().encode(view))
        defer { try? FileManager.default.removeItem(at: dir) }
        let start = Date()
        let result = try Run.sitmon(["export", "--view", "many"], environment: environment)
        #expect(result.status == 0, "\(result.stderr.prefix(500))")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(lines.count) lines")
        #expect(
            lines.first?.contains("ignored: 1,000,000 unknown actors: ghost-0, ghost-1, ghost-2 …") == true,
            "\(lines.first ?? "")")
        #expect(Date().timeIntervalSince(start) < 60)
    }

    @Test("a saved view of version 999 is refused with a message")
    func futureView() throws {
        let (dir, environment) = try Self.home(view: "future", Data("{\"version\": 999}".utf8))
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Run.sitmon(["export", "--view", "future"], environment: environment)
        #expect(result.status == 64)
        #expect(
            result.stderr.contains("view format version 999 (saved by a newer sitmon; this sitmon reads version 1)"),
            "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}

/// The pieces behind the bounds, without a process.
@Suite("Bounds: input limit and stream screen")
struct StreamScreenTests {
    @Test("sizes parse as powers of 1024; junk, zero and more than 1 TiB do not")
    func sizes() {
        #expect(InputLimit.parse("4G") == 4 << 30)
        #expect(InputLimit.parse("512M") == 512 << 20)
        #expect(InputLimit.parse("64kib") == 64 << 10)
        #expect(InputLimit.parse("1000") == 1000)
        for junk in ["", "0", "G", "-1M", "1.5G", "12Q", "2T2", "99999999999999999999", "2048G"] {
            #expect(InputLimit.parse(junk) == nil, "\(junk)")
        }
        #expect(InputLimit.resolve(environment: [:]) == InputLimit.defaultBytes)
        #expect(InputLimit.resolve(environment: ["SITMON_MAX_INPUT": "1M"]) == 1 << 20)
        #expect(InputLimit.resolve(option: 5, environment: ["SITMON_MAX_INPUT": "1M"]) == 5)
        #expect(InputLimit.describe(2 << 30) == "2 GiB")
    }

    static func stop(_ text: [UInt8], chunk: Int = 3) -> StreamStop? {
        var screen = JSONStreamScreen()
        var offset = 0
        while offset < text.count {
            let end = min(text.count, offset + chunk)
            if let stop = text.withUnsafeBufferPointer({
                screen.scan(UnsafeBufferPointer(rebasing: $0[offset..<end]), at: offset)
            }) {
                return stop
            }
            offset = end
        }
        return nil
    }

    @Test("the JSON screen stops exactly where the parser would, whatever the chunks")
    func jsonScreen() throws {
        let valid = try Corpus.bytes("valid-base.json")
        for chunk in [1, 2, 7, 4096] { #expect(Self.stop(valid, chunk: chunk) == nil) }
        #expect(Self.stop([0, 0, 0]) == StreamStop(offset: 0))
        #expect(Self.stop(Array("  [1]".utf8))?.message == "expected a dataset object, found an array")
        #expect(Self.stop(Array("{\"a\": \"x\u{0}\"}".utf8))?.offset == 8)
        #expect(Self.stop(Array("{\"a\": \"é\"}".utf8), chunk: 1) == nil)
        #expect(Self.stop([0x7B, 0x22, 0xC3, 0x28, 0x22]) == StreamStop(offset: 3))
        #expect(Self.stop(Array("{\"a\":1} x".utf8))?.offset == 8)
        #expect(Self.stop(Array(("{\"a\":" + String(repeating: "[", count: 600)).utf8))?.offset == 5 + 511)
        // Every corpus file refused at a byte: the screen stops no later than the parser's diagnostic.
        for name in [
            "nul-bytes.bin", "not-json.png", "control-char-raw.json", "invalid-utf8-string.json",
            "invalid-utf8-outside-string.json", "nesting-arrays-10000.json", "two-documents.json",
        ] {
            let bytes = try Corpus.bytes(name)
            let stop = try #require(Self.stop(bytes, chunk: 5), "\(name) was not stopped")
            guard stop.message == nil else { continue }  // the screen's own message (a top-level array)
            let error = try #require(LoadOutcome.load(bytes: Array(bytes.prefix(stop.offset + 1)), name: name).error)
            let whole = try #require(LoadOutcome.load(path: Corpus.path(name)).error)
            #expect(error.diagnostics.first?.message == whole.diagnostics.first?.message, "\(name)")
            #expect(error.diagnostics.first?.line == whole.diagnostics.first?.line, "\(name)")
        }
    }
}
