import Foundation

/// Fresh folders for tests.
public enum TemporaryFolder {
    /// A new empty folder under the system's temporary folder, named `PREFIX-UUID`.
    public static func make(prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
