import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport

/// Findings of `scripts/fuzz --target csv`, kept in `Corpus/import/`: whatever `CSVImporter` builds must pass
/// `DatasetLoader` once written with `DatasetWriter` (the importer's own contract), or the importer must refuse
/// the file with a LoadError.
@Suite("CSV importer: fuzzer findings")
struct ImportRegressionTests {
    @Test("an imported dataset, written out, loads again", arguments: Corpus.importFiles)
    func importedDatasetLoads(_ name: String) throws {
        let path = Corpus.importPath(name)
        let imported: Dataset
        do {
            imported = try CSVImporter.load(path: path).0
        } catch {
            #expect(error.exitCode == 65 || error.exitCode == 66)
            #expect(!error.diagnostics.isEmpty)
            return
        }
        let json = DatasetWriter.write(imported, selection: .all(imported))
        do {
            let reloaded = try DatasetLoader.load(bytes: json, name: "import.json")
            #expect(reloaded.counts == imported.counts)
        } catch {
            Issue.record(
                """
                \(name): the importer built a dataset the loader refuses (found by the fuzzer on the importer of \
                23 Nov; fixed by ImportText.idSafe(limit: 180)):
                \(error.description)
                """)
        }
    }

    @Test("an event id longer than 200 characters gives valid, distinct record ids")
    func longEventIds() throws {
        let (dataset, _) = try CSVImporter.load(path: Corpus.importPath("acled-long-event-id.csv"))
        let ids = (0..<dataset.records.count).map { dataset.records.id($0) }
        #expect(ids.count == 2)
        #expect(Set(ids).count == 2)
        for id in ids {
            #expect(id.utf8.count <= 200, "\(id)")
            #expect(Array(id.utf8).withUnsafeBufferPointer { DatasetDecoder.isValidId($0) }, "\(id)")
        }
    }
}
