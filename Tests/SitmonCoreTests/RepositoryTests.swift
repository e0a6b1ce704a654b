import Foundation
import Testing

/// What a contributor reads about the tests stays true: the end-to-end README lists every test file and test.
@Suite("Repository documents")
struct RepositoryTests {
    static let e2e = TestPaths.repository.appendingPathComponent("Tests/e2e")

    /// The rows of the README's "Tests" table: file name → the rest of the row.
    static func tableRows() throws -> [String: String] {
        let readme = try String(contentsOf: e2e.appendingPathComponent("README.md"), encoding: .utf8)
        var rows: [String: String] = [:]
        for line in readme.split(separator: "\n") {
            guard let m = line.firstMatch(of: /^\| `([A-Za-z0-9_-]+\.sh)` \|(.*)\|$/) else { continue }
            rows[String(m.output.1)] = String(m.output.2)
        }
        return rows
    }

    @Test("Tests/e2e/README.md lists every file of Tests/e2e/tests and every test_ function in it")
    func e2eReadmeListsEveryTest() throws {
        let rows = try Self.tableRows()
        let folder = Self.e2e.appendingPathComponent("tests")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sh") }
        try #require(files.count >= 10, "no e2e test files found in \(folder.path)")
        #expect(Set(files).subtracting(rows.keys).sorted() == [], "test files missing from the README's table")
        #expect(Set(rows.keys).subtracting(files).sorted() == [], "the README's table lists files that do not exist")
        for file in files.sorted() {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let tests = text.split(separator: "\n").compactMap { $0.firstMatch(of: /^test_([A-Za-z0-9_]+)\(\)/) }
                .map { String($0.output.1) }
            #expect(!tests.isEmpty, "\(file) defines no test_ function")
            guard let row = rows[file] else { continue }
            for name in tests {
                #expect(row.contains("`\(name)`"), "\(file): test_\(name) is not named in the README's row")
            }
        }
    }
}
