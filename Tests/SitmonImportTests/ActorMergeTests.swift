import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport
import SitmonGenerate
import SitmonTestSupport

/// An export opened with the case study: its actors are the curated ones under every spelling the alias table and
/// the jihadist map know, whatever the order of `--data`, and a file given twice counts once.
@Suite("Exports meet the case study")
struct ActorMergeTests {
    static let bundledPath = ImportPaths.repository.appendingPathComponent("data/mali.json").path

    /// Record ids of the records of the actor a user types, in a dataset.
    static func records(of name: String, in dataset: Dataset) throws -> [String] {
        let engine = QueryEngine(dataset: dataset)
        guard case .found(let actor) = Lookup.actor(name, in: engine) else {
            Issue.record("\(name) is not found or ambiguous: \(Lookup.actor(name, in: engine))")
            return []
        }
        return engine.run(Filter(actors: [actor])).records.map { dataset.records.id(Int($0)) }
    }

    @Test("--actor ISGS and --actor FAMa find the export's records too, in either order")
    func curatedActorsFindExportRecords() throws {
        let bundled = try DatasetLoader.load(path: Self.bundledPath)
        let imported = try Imported("acled-current.csv").dataset
        let (forward, _) = DatasetMerger.merge([imported, bundled])
        let (backward, _) = DatasetMerger.merge([bundled, imported])
        for merged in [forward, backward] {
            let isgs = try Self.records(of: "ISGS", in: merged)
            #expect(isgs.contains("acled-mli9002") && isgs.contains("acled-mli9007") && isgs.contains("acled-ner7001"))
            let fama = try Self.records(of: "FAMa", in: merged)
            #expect(fama.contains("acled-mli9001") && fama.contains("acled-mli9012"))
            let wagner = try Self.records(of: "Wagner", in: merged)
            #expect(wagner.contains("acled-mli9005"))
            let jnim = try Self.records(of: "JNIM", in: merged)
            #expect(jnim.contains("acled-mli9006"))
            // Curated values win: the case study's names and kinds.
            let fa = try #require(merged.actors.first { $0.id == "fama" })
            #expect(fa.name == "Malian Armed Forces" && fa.shortName == "FAMa")
            #expect(fa.aliases.contains("Military Forces of Mali (2021-)"))
        }
        #expect(DatasetSummary.of(forward) == DatasetSummary.of(backward))
    }

    /// Jihadist map patterns with no actor in the case study (other theatres, or groups it does not curate).
    static let notInCaseStudy: Set<String> = [
        "ISWAP", "Al-Mourabitoun", "Al-Mourabitoune", "Al-Murabitun", "Boko Haram", "JAS",
        "Jamaatu Ahlis Sunna Lidda'awati wal-Jihad", "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad",
    ]

    @Test("every group the jihadist map names is matched to its curated actor under each of its spellings")
    func everyJihadistSpelling() throws {
        let bundled = try DatasetLoader.load(path: Self.bundledPath)
        let patterns = JihadistGroups.default.patterns.filter { !Self.notInCaseStudy.contains($0) }
        #expect(patterns.count >= 25)
        let rows = patterns.enumerated().map { k, pattern in
            ACLEDText.row([
                "event_id_cnty": "MLI\(k + 1)", "actor1": pattern, "inter1": "Rebel group",
                "actor2": "", "inter2": "",
            ])
        }
        let imported = try Imported(text: ACLEDText.csv(rows)).dataset
        let (merged, _) = DatasetMerger.merge([imported, bundled])
        let curated = Set(bundled.actors.filter { $0.kind == .jihadistGroup }.map(\.id))
        for i in 0..<merged.records.count where merged.records.id(i).hasPrefix("acled-") {
            let record = merged.record(i)
            let actor = try #require(record.actors.first).actor
            let name =
                imported.actors.first { a in merged.actors[Int(actor)].aliases.contains(a.name) }?.name
                ?? merged.actors[Int(actor)].name
            #expect(curated.contains(merged.actors[Int(actor)].id), "\(name) stays apart from the case study's groups")
            #expect(merged.actors[Int(actor)].kind == .jihadistGroup, "\(name)")
        }
    }

    @Test("the same export given twice is merged once; the merge of an export with itself is the export")
    func twice() throws {
        let imported = try Imported("acled-current.csv").dataset
        let (merged, report) = DatasetMerger.merge([imported, imported])
        #expect(merged.records.count == imported.records.count)
        #expect(merged.actors.count == imported.actors.count)
        #expect(report.duplicates == imported.records.count)
    }

    // MARK: The command line

    @Test(
        "--actor BJP naming two actors exits 64 and lists both full names; the data order does not change exports",
        .enabled(if: BuiltSitmon.shouldRun, "sitmon is not built next to the test bundle"))
    func commandLine() throws {
        let directory = try ImportPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("parties.csv")
        try ACLEDText.csv([
            ACLEDText.row([
                "event_id_cnty": "IND1", "actor1": "BJP: Bharatiya Janata Party", "inter1": "Political militia",
                "actor2": "", "inter2": "", "event_type": "Protests", "sub_event_type": "Peaceful protest",
            ]),
            ACLEDText.row([
                "event_id_cnty": "BGD1", "actor1": "BJP: Bangladesh Jatiya Party", "inter1": "Political militia",
                "actor2": "", "inter2": "", "event_type": "Protests", "sub_event_type": "Peaceful protest",
            ]),
        ]).write(to: csv, atomically: true, encoding: .utf8)
        let ambiguous = try CLI.run(["export", "--data", csv.path, "--actor", "BJP", "--format", "csv"])
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr.contains("BJP: Bharatiya Janata Party"))
        #expect(ambiguous.stderr.contains("BJP: Bangladesh Jatiya Party"))
        #expect(ambiguous.stdout.isEmpty)
        let one = try CLI.run([
            "export", "--data", csv.path, "--actor", "BJP: Bangladesh Jatiya Party", "--format", "csv",
        ])
        #expect(one.status == 0)
        #expect(String(decoding: one.stdout, as: UTF8.self).contains("acled-bgd1"))

        let export = ImportPaths.fixture("acled-current.csv")
        let a = try CLI.run([
            "export", "--data", export, "--data", Self.bundledPath, "--actor", "ISGS", "--format", "csv",
        ])
        let b = try CLI.run([
            "export", "--data", Self.bundledPath, "--data", export, "--actor", "ISGS", "--format", "csv",
        ])
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stdout == b.stdout)
        #expect(String(decoding: a.stdout, as: UTF8.self).contains("acled-mli9002"))
        let once = try CLI.run(["export", "--data", Self.bundledPath, "--format", "csv"])
        let twice = try CLI.run(["export", "--data", Self.bundledPath, "--data", Self.bundledPath, "--format", "csv"])
        #expect(once.stdout == twice.stdout)
        let copy = directory.appendingPathComponent("copy.json")
        try Data(contentsOf: URL(fileURLWithPath: Self.bundledPath)).write(to: copy)  // a copy, not the symbolic link
        let copied = try CLI.run(["export", "--data", Self.bundledPath, "--data", copy.path, "--format", "csv"])
        #expect(copied.status == 0)
        #expect(copied.stdout == once.stdout, "a copy of the same file under another name is merged once too")
    }
}
