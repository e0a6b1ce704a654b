import Foundation

/// The bundled Mali case study. It ships as a resource of this module, which SwiftPM copies next to the binary
/// (`sitmon_SitmonCore.resources/mali.json`), so it is found from any working directory after `swift build`.
/// It is looked up without `Bundle.module`, which would stop the program when the bundle is missing.
/// `--data PATH` and `SITMON_DATA` override it.
public enum BundledData {
    static let resourceName = "mali.json"

    /// The path of the bundled `mali.json`, if present next to the executable.
    public static var path: String? {
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return nil }
        let directory = executable.deletingLastPathComponent()
        let candidates = [
            directory.appendingPathComponent("sitmon_SitmonCore.resources/\(resourceName)"),
            directory.appendingPathComponent("sitmon_SitmonCore.bundle/Contents/Resources/\(resourceName)"),
            directory.appendingPathComponent("sitmon_SitmonCore.bundle/\(resourceName)"),
        ]
        return candidates.first { FileManager.default.isReadableFile(atPath: $0.path) }?.path
    }

    /// The dataset paths to open: `--data` paths if any, else `SITMON_DATA` (colon-separated), else the bundled file.
    public static func resolve(explicit: [String], environment: [String: String]) -> [String] {
        if !explicit.isEmpty { return explicit }
        if let value = environment["SITMON_DATA"], !value.isEmpty {
            return value.split(separator: ":").map(String.init)
        }
        return path.map { [$0] } ?? []
    }
}
