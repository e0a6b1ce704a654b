import Foundation

/// The `sitmon` command-line binary built with the tests, for the tests that run it as a user would.
public enum BuiltSitmon {
    /// The `sitmon` beside the running test executable (`<scratch>/<triple>/debug/sitmonPackageTests.xctest`),
    /// whatever the scratch path (`.build`, `.build-asan`, …), or up to two folders above it; nil when not built.
    public static let url: URL? = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("sitmon")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()

    /// The binary's path, or a path that does not exist (running it then throws, and the test fails).
    public static var path: String { url?.path ?? "/nonexistent/sitmon" }

    /// True when the binary is built next to the tests.
    public static var isBuilt: Bool { url != nil }

    /// True under `scripts/test` (which sets `SITMON_REQUIRE_ALL=1`) and in CI (`CI=true`): every test must run
    /// there, so a missing binary fails the tests that need it instead of skipping them.
    public static var isRequired: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["SITMON_REQUIRE_ALL"] == "1" || ["true", "1"].contains(environment["CI"]?.lowercased())
    }

    /// Whether the tests that run the binary run: when it is built, and always where it is required
    /// (`isRequired`), so that they fail there when it is missing. A plain `swift test` right after `swift build
    /// --build-tests` has it.
    public static var shouldRun: Bool { isBuilt || isRequired }
}
