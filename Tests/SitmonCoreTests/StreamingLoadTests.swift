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

    @Test("pages moved ahead of the reading hold the file's bytes once read, and the kept text is never touched")
    func movedPages() throws {
        // 29 MiB of varied bytes, read a megabyte ahead; a quarter of what is consumed is kept (moved down the
        // buffer, as the parser keeps text), the rest released: whole blocks of it are moved ahead and read into.
        let size = (29 << 20) + 12_345
        // Eight bytes at a time (a debug build writes 13 million bytes one by one slowly).
        var bytes = [UInt8](repeating: 0, count: size)
        bytes.withUnsafeMutableBytes { raw in
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            for k in 0..<(raw.count / 8) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                raw.storeBytes(of: state, toByteOffset: k * 8, as: UInt64.self)
            }
        }
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("bytes.bin")
        try Data(bytes).write(to: url)
        let sizes = StreamingInput.Sizes(lookahead: 1 << 20, chunk: 1 << 20, releaseStep: 4 << 20, minimumSize: 0)
        let opened = try #require(StreamingInput.open(path: url.path, sizes: sizes))
        defer { close(opened.fd) }
        var buffer = [UInt8](unsafeUninitializedCapacity: size) { _, initialized in initialized = size }
        var kept: [(from: Int, count: Int)] = []  // where each kept piece came from in the file
        var keptEnd = 0
        var mismatches = 0
        var moved = 0
        buffer.withUnsafeMutableBufferPointer { raw in
            guard let base = raw.baseAddress else { return }
            let input = StreamingInput(fd: opened.fd, total: size, base: base, sizes: sizes)
            var position = 0
            while position < size {
                let limit = input.limit(for: position)
                let step = min(limit - position, 300_001)
                let same = bytes.withUnsafeBufferPointer { file in
                    file.baseAddress.map { memcmp(base + position, $0 + position, step) == 0 } ?? false
                }
                if !same { mismatches += 1 }
                let keep = step / 4
                memmove(base + keptEnd, base + position, keep)
                kept.append((position, keep))
                keptEnd += keep
                position += step
                input.release(keptEnd: keptEnd, position: position)
            }
            var offset = 0
            for piece in kept {
                let same = bytes.withUnsafeBufferPointer { file in
                    file.baseAddress.map { memcmp(base + offset, $0 + piece.from, piece.count) == 0 } ?? false
                }
                if !same { mismatches += 1 }
                offset += piece.count
            }
            #expect(!input.failed)
            moved = input.movedBlocks
        }
        #expect(mismatches == 0)
        // Pages went ahead in blocks of 2 MiB, released 4 MiB at a time (the standard step, which always holds a whole
        // block); the first look-ahead is read into fresh ones.
        #expect(moved >= 3, "\(moved) blocks moved")
    }
}
