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

    /// The binary's path, or a path that does not exist (tests that need it are disabled by `isBuilt`).
    public static var path: String { url?.path ?? "/nonexistent/sitmon" }

    /// True when the binary is built next to the tests.
    public static var isBuilt: Bool { url != nil }
}
