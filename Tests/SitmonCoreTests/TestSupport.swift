import Foundation
import Testing
@testable import SitmonCore

/// Paths and helpers shared by the core tests.
enum TestPaths {
    /// `Tests/SitmonCoreTests`.
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// The repository root.
    static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
    static let bundledDataset = repository.appendingPathComponent("data/mali.json")
    static let schema = repository.appendingPathComponent("data/schema.json")

    static func fixture(_ name: String) -> URL { fixtures.appendingPathComponent(name) }
}
