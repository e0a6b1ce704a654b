import Foundation
import Testing
import SitmonTestSupport

/// Issue 16: no message of the CLI writes an escape sequence to the terminal. The built `sitmon` is run with
/// hostile names from a dataset, a saved view, `config.toml`, file names and every echoed argument; standard output
/// and standard error must hold no C0 (but LF), DEL, C1 or bidi control, and the hostile text must be there, shown
/// as the monitor shows it (`ESC` → `␛`).
@Suite("Escapes in CLI messages", .enabled(if: BuiltSitmon.isBuilt, "sitmon is not built next to the test bundle"))
struct MessageEscapeTests {
    /// An OSC 52 clipboard write, a C1 CSI and a right-to-left override.
    static let payload = "\u{1B}]52;c;cm0gLXJmIH4vKg==\u{07}\u{9B}31m\u{202E}x"
    /// The same as JSON or TOML text (both read `\u001b`).
    static let escapedPayload = #"\u001b]52;c;cm0gLXJmIH4vKg==\u0007\u009b31m\u202ex"#

    /// Runs sitmon and checks that nothing unsafe was printed, and that the payload was printed visibly.
    @discardableResult
    func run(
        _ arguments: [String], environment: [String: String]? = nil, status: Int32? = nil,
        showing visible: String = "␛]52;c;", sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ProcessResult {
        let result = try Run.sitmon(arguments, environment: environment)
        let offenders = UnsafeText.offenders(result.stdout + result.stderr, allowing: [0x0A])
        #expect(
            offenders.isEmpty,
            "sitmon \(arguments.map(\.debugDescription)) printed \(offenders): \(result.stderr.debugDescription)",
            sourceLocation: sourceLocation)
        #expect(
            (result.stdout + result.stderr).contains(visible),
            "the hostile text should be shown as \(visible): \(result.stderr.debugDescription)",
            sourceLocation: sourceLocation)
        if let status { #expect(result.status == status, "\(result.stderr)", sourceLocation: sourceLocation) }
        return result
    }

    /// A temporary folder for files with hostile names and contents.
    func folder() throws -> URL { try TemporaryFolder.make(prefix: "sitmon-issue16") }

    @Test("closest-match and ambiguous names from the dataset are shown visibly")
    func namesFromTheDataset() throws {
        let data = Corpus.path("escapes-names.json")
        let unknown = try run(["export", "--data", data, "--actor", "Shortz"], status: 64)
        #expect(unknown.stderr.contains("closest matches"), "\(unknown.stderr)")
        try run(["export", "--data", data, "--actor", "Dup " + "\u{1B}]52;c;cm0gLXJmIH4vKg==\u{07}"], status: 64)
        try run(["export", "--data", data, "--region", "Regio"], status: 64)
    }

    @Test(
        "every argument echoed back in an error is shown visibly",
        arguments: [
            ["--actor"], ["--region"], ["--since"], ["--until"], ["--category"], ["--min-severity"], ["--format"],
        ])
    func echoedArguments(option: [String]) throws {
        try run(["export"] + option + [Self.payload], status: 64)
    }

    @Test("ArgumentParser's own errors (an unknown option, a bad number) are shown visibly")
    func parserErrors() throws {
        try run(["export", "--bogus" + Self.payload], status: 64)
        try run(["generate", "--events", "1" + Self.payload], status: 64)
        try run(["import", Self.payload, "x.csv"], status: 64)
    }

    @Test("file names: --data, --config, validate (its success line too), config check")
    func fileNames() throws {
        let dir = try folder()
        let hostile = dir.appendingPathComponent("data" + Self.payload + ".json")
        try run(["export", "--data", hostile.path], status: 66)
        try run(["validate", hostile.path], status: 66)
        try run(["config", "check", hostile.path], status: 66)
        try run(["export", "--config", hostile.path], status: 66)
        // A valid dataset and a valid configuration under hostile names: the success lines.
        try FileManager.default.copyItem(atPath: Corpus.path("valid-base.json"), toPath: hostile.path)
        let valid = try run(["validate", hostile.path], status: 0)
        #expect(valid.stdout.contains(": valid: "))
        let config = dir.appendingPathComponent("config" + Self.payload + ".toml")
        try "theme = \"light\"\n".write(to: config, atomically: true, encoding: .utf8)
        let ok = try run(["config", "check", config.path], status: 0)
        #expect(ok.stdout.hasPrefix("ok: "))
        try run(["config", "path", "--config", config.path], status: 0)
        // The configuration names a hostile data file.
        let naming = dir.appendingPathComponent("naming.toml")
        try "data = \"\(hostile.path.replacingOccurrences(of: Self.payload, with: Self.escapedPayload))\"\n"
            .write(to: naming, atomically: true, encoding: .utf8)
        try run(["config", "check", naming.path], status: 0)
    }

    @Test(
        "strings from config.toml: theme, unknown setting, unknown command, key name",
        arguments: [
            "theme = \"\(escapedPayload)\"\n",
            "\"\(escapedPayload)\" = 1\n",
            "[keys]\n\"\(escapedPayload)\" = \"x\"\n",
            "[keys]\nquit = \"\(escapedPayload)\"\n",
        ])
    func configStrings(toml: String) throws {
        let file = try folder().appendingPathComponent("config.toml")
        try toml.write(to: file, atomically: true, encoding: .utf8)
        try run(["config", "check", file.path], status: 78)
        try run(["export", "--config", file.path], status: 78)
    }

    @Test("ids from a saved view are shown visibly in the 'ignored' notes")
    func savedViewIds() throws {
        let dir = try folder()
        let views = dir.appendingPathComponent("state/sitmon/views")
        try FileManager.default.createDirectory(at: views, withIntermediateDirectories: true)
        let view =
            #"{"version": 1, "filter": {"actors": ["\#(Self.escapedPayload)"], "regions": ["\#(Self.escapedPayload)"], "#
            + #""categories": ["\#(Self.escapedPayload)"], "since": "\#(Self.escapedPayload)", "text": ""}, "#
            + #""focus": "timeline", "detailSource": "timeline", "actorSort": "activity", "regionSort": "incidents", "#
            + #""timelineSort": "newest", "selection": {}}"#
        try view.write(to: views.appendingPathComponent("hostile.json"), atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SITMON_DATA")
        environment.removeValue(forKey: "SITMON_CONFIG")
        environment["XDG_CONFIG_HOME"] = dir.appendingPathComponent("config").path
        environment["XDG_STATE_HOME"] = dir.appendingPathComponent("state").path
        let result = try run(
            ["export", "--view", "hostile", "--format", "json", "-o", dir.appendingPathComponent("out.json").path],
            environment: environment, status: 0)
        #expect(result.stderr.contains("ignored: actor ␛]52;c;"), "\(result.stderr)")
        // --render shows the monitor's first frame (the notes in its status line) through the same writer.
        try run(["--render", "100x20", "--view", "hostile"], environment: environment, status: 0)
    }

    @Test("a name that opens the monitor's startup errors is shown visibly")
    func monitorStartup() throws {
        try run(["--view", Self.payload], status: 64)
        try run(["--render", "80x24", "--data", "/nonexistent/" + Self.payload], status: 66)
    }

    @Test("no file of the CLI prints except Console.swift")
    func oneWriter() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/sitmon").standardizedFileURL
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        #expect(files.contains("Console.swift"))
        for file in files where file != "Console.swift" {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for forbidden in [
                "print(", "FileHandle.standard", "fputs(", "fwrite(", "writeAll(2", "debugPrint(", "dump(",
            ] {
                #expect(!text.contains(forbidden), "\(file) calls \(forbidden): messages go through Console")
            }
        }
    }
}
