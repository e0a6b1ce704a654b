import Foundation
import Testing
@testable import SitmonCore

/// Large files are read as the parser goes (`StreamingInput`). Whatever the chunk sizes, a load must give exactly
/// what reading the whole file first gives: the same dataset, or the same problems at the same places.
@Suite("Streaming load")
struct StreamingLoadTests {
    /// Tiny sizes, so chunk limits fall inside keys, strings, numbers and literals, and pages are released often.
    static let tiny = StreamingInput.Sizes(lookahead: 16, chunk: 7, releaseStep: 1, minimumSize: 0)
    /// Most records fit the look-ahead, some do not (the loader then reads the file again whole).
    static let medium = StreamingInput.Sizes(lookahead: 600, chunk: 300, releaseStep: 1, minimumSize: 0)

    /// The dataset written back as JSON, or the error's full text (every problem with line and column).
    func outcome(_ path: String, _ sizes: StreamingInput.Sizes?) -> String {
        do {
            let dataset = try DatasetLoader.load(path: path, progress: nil, streaming: sizes)
            return "ok\n" + String(decoding: DatasetWriter.write(dataset, selection: .all(dataset)), as: UTF8.self)
        } catch {
            return "error\n\(error)"
        }
    }

    static var corpus: [String] {
        let hardening = TestPaths.testsDirectory.deletingLastPathComponent()
            .appendingPathComponent("SitmonHardeningTests/Corpus")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: hardening.path)) ?? []
        return [TestPaths.bundledDataset.path, TestPaths.fixture("small.json").path]
            + files.filter { $0.hasSuffix(".json") }.sorted().map { hardening.appendingPathComponent($0).path }
    }

    @Test("every corpus file loads the same streamed as read whole", arguments: [tiny, medium])
    func sameOutcome(sizes: StreamingInput.Sizes) {
        let files = Self.corpus
        #expect(files.count > 20)
        for path in files {
            let whole = outcome(path, nil)
            let streamed = outcome(path, sizes)
            #expect(streamed == whole, "\(path)")
        }
    }

    @Test("the bundled dataset streamed keeps every record's text")
    func bundledText() throws {
        let dataset = try DatasetLoader.load(path: TestPaths.bundledDataset.path, progress: nil, streaming: Self.tiny)
        let whole = try DatasetLoader.load(path: TestPaths.bundledDataset.path, progress: nil, streaming: nil)
        #expect(dataset.records.count == whole.records.count)
        #expect(dataset.records.count > 50)
        for i in 0..<whole.records.count {
            #expect(dataset.records.id(i) == whole.records.id(i))
            #expect(dataset.records.summary(i) == whole.records.summary(i))
        }
    }

    @Test("a file cut short or with garbage after the document is reported as when read whole")
    func brokenTail() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = try Array(Data(contentsOf: TestPaths.bundledDataset))
        for (name, content) in [
            ("cut.json", Array(bytes[0..<(bytes.count * 2 / 3)])),
            ("garbage.json", bytes + Array("\n}x".utf8)),
            ("spaces.json", Array(repeating: UInt8(ascii: " "), count: 5000) + bytes),
        ] {
            let url = directory.appendingPathComponent(name)
            try Data(content).write(to: url)
            let whole = outcome(url.path, nil)
            #expect(outcome(url.path, Self.tiny) == whole, "\(name)")
            #expect(outcome(url.path, Self.medium) == whole, "\(name)")
            #expect(whole.hasPrefix(name == "spaces.json" ? "ok" : "error"), "\(name)")
        }
    }
}
