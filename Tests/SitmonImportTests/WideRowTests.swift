import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport
import SitmonTestSupport

/// Rows with very many actors or sources in one cell (issue #16): the import was quadratic in them, 100,000
/// `;`-separated actors in one cell took 21 s, and 100,000 sources the same.
@Suite("Import: wide rows")
struct WideRowTests {
    /// One ACLED row whose `assoc_actor_1` lists `count` actors and whose `source` lists `count` publications,
    /// every tenth name given twice; names differ in pairs only by a Greek letter, which ids drop, so their ids collide.
    static func wideRow(_ count: Int) -> String {
        func names(_ prefix: String) -> String {
            (0..<count).map { k in
                let name = "\(prefix) \(k / 2)" + (k % 2 == 0 ? " α" : " β")
                return k % 10 == 9 ? name + ";" + name : name
            }.joined(separator: ";")
        }
        return ACLEDText.csv([ACLEDText.row(["assoc_actor_1": names("Group"), "source": names("Paper")])])
    }

    @Test("20,000 actors and 20,000 sources in one row: each once, in their order, with distinct ids")
    func manyInOneRow() throws {
        let count = 20_000
        let imported = try Imported(text: Self.wideRow(count))
        let record = try imported.record("acled-mli1")
        // actor1, actor2, then the associated actors in the cell's order, duplicates dropped.
        #expect(record.actors.count == count + 2)
        let associated = record.actors.dropFirst(2).map { imported.dataset.actors[Int($0.actor)].name }
        let groups: [String] = (0..<count).map { k in "Group \(k / 2)" + (k % 2 == 0 ? " α" : " β") }
        #expect(associated == groups)
        let ids = imported.dataset.actors.map(\.id)
        #expect(Set(ids).count == ids.count)
        // "Group 0 α" and "Group 0 β" share a slug: the first keeps it, the second gets -2, as before the fix.
        #expect(try imported.actor(named: "Group 0 α").id == "group-0")
        #expect(try imported.actor(named: "Group 0 β").id == "group-0-2")
        // The export file first, then each publication once, in order.
        #expect(record.sources.count == count + 1)
        let papers: [String] = (0..<count).map { k in "Paper \(k / 2)" + (k % 2 == 0 ? " α" : " β") }
        let titles = Array(imported.sourceTitles(record).dropFirst())
        #expect(titles == papers)
        let reloaded = try imported.reloaded()
        #expect(reloaded.counts == imported.dataset.counts)
    }

    @Test(
        "100,000 actors and 100,000 sources in one row: sitmon import ends (a 120 s guard; 21 s when quadratic)",
        .enabled(if: BuiltSitmon.isBuilt))
    func hundredThousandInOneRow() throws {
        let folder = try TemporaryFolder.make(prefix: "sitmon-wide")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("wide.csv"), output = folder.appendingPathComponent("wide.json")
        try Data(Self.wideRow(100_000).utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltSitmon.path)
        process.arguments = ["import", "acled", input.path, "-o", output.path]
        // Its import cache in the test's folder, not the user's.
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = folder.appendingPathComponent("cache").path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Not a timing test: a guard so that a quadratic import fails instead of hanging the suite.
        let guardTime = Date().addingTimeInterval(120)
        while process.isRunning && Date() < guardTime { usleep(50_000) }
        let finished = !process.isRunning
        if !finished { process.terminate() }
        process.waitUntilExit()
        #expect(finished, "the import of one row with 100,000 actors did not end within 120 s")
        #expect(process.terminationStatus == 0)
        let dataset = try DatasetLoader.load(path: output.path)
        #expect(dataset.records.count == 1)
        #expect(dataset.actors.count == 100_002)
    }
}
