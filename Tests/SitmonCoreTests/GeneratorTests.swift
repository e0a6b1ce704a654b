import Testing
@testable import SitmonCore
@testable import SitmonGenerate

/// `sitmon generate`: deterministic synthetic data, written in chunks with the same bytes as the one-piece writer.
@Suite("Synthetic datasets")
struct GeneratorTests {
    @Test("the streaming writer gives the bytes of DatasetWriter, whatever the chunk size; they load back")
    func streamingMatchesOnePiece() throws {
        let dataset = SyntheticDataset.make(records: 2_000, seed: 7)
        let whole = DatasetWriter.write(dataset, selection: .all(dataset))
        for chunkSize in [1, 4096, 1 << 22] {
            var chunks: [[UInt8]] = []
            var reported: [Int] = []
            try DatasetStreamWriter.write(
                dataset, chunkSize: chunkSize, progressStep: 500,
                progress: { reported.append($0) },
                to: { chunks.append($0) }
            )
            #expect(Array(chunks.joined()) == whole, "chunk size \(chunkSize)")
            #expect(chunkSize > 4096 || chunks.count > 10, "small chunks are flushed as they fill")
            #expect(reported == [500, 1000, 1500, 2000])
        }
        let loaded = try DatasetLoader.load(bytes: whole, name: "generated.json")
        #expect(loaded.records.count == 2_000)
    }

    @Test("the same seed gives the same dataset, another seed another one")
    func deterministic() {
        func bytes(_ seed: UInt64) -> [UInt8] {
            let dataset = SyntheticDataset.make(records: 300, seed: seed)
            return DatasetWriter.write(dataset, selection: .all(dataset))
        }
        let a = bytes(1), b = bytes(1), c = bytes(2)
        #expect(a == b)
        #expect(a != c)
    }

    @Test("a sink that fails stops the writer with its error")
    func sinkFailure() {
        let dataset = SyntheticDataset.make(records: 200, seed: 3)
        var calls = 0
        #expect(throws: WriteError.self) {
            try DatasetStreamWriter.write(dataset, chunkSize: 1024) { _ throws(WriteError) in
                calls += 1
                if calls == 2 { throw WriteError(kind: .failed, path: "x", message: "disk full") }
            }
        }
        #expect(calls == 2, "nothing is written after the failure")
    }
}
