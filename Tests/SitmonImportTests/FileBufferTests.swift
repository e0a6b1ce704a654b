import Foundation
import SitmonGenerate
import Testing
@testable import SitmonCore
@testable import SitmonImport

/// `FileBuffer` reads a file into memory a range at a time and takes the pages given back for the next ranges read
/// (they are moved, not zeroed again). Whatever the order of reads and releases, every byte read must be the
/// file's, and a page given back must never take text still to be read with it.
@Suite struct FileBufferTests {
    static func file(bytes count: Int, seed: UInt64) throws -> (path: String, bytes: [UInt8]) {
        var generator = SplitMix64(seed: seed)
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let path = try ImportPaths.temporaryDirectory().appendingPathComponent("buffer-\(seed).bin").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (path, bytes)
    }

    /// The first byte of `range` marked in `valid` where `bytes` and `expected` differ.
    static func firstDifference(
        _ bytes: UnsafeBufferPointer<UInt8>, _ expected: [UInt8], where valid: [Bool], in range: Range<Int>
    ) -> Int? {
        expected.withUnsafeBufferPointer { expected in
            valid.withUnsafeBufferPointer { valid in
                var k = range.lowerBound
                while k < range.upperBound {
                    if valid[k] && bytes[k] != expected[k] { return k }
                    k += 1
                }
                return nil
            }
        }
    }

    @Test("ranges read in any order, with pages given back in between, hold the file's bytes", arguments: [1, 2, 3])
    func readsAndReleases(seed: UInt64) throws {
        let page = PageRelease.pageSize
        let (path, expected) = try Self.file(bytes: 96 * page + 123, seed: seed)
        let buffer = try #require(FileBuffer(path: path, limit: .max))
        var generator = SplitMix64(seed: seed &+ 100)
        // Which bytes are read and not given back since: those must match the file after every step.
        var valid = [Bool](repeating: false, count: expected.count)
        for step in 0..<300 {
            let start = Int.random(in: 0..<expected.count, using: &generator)
            let length = Int.random(in: 1...(16 * page), using: &generator)
            let range = start..<min(start + length, expected.count)
            if step % 3 == 2 {
                buffer.release(range)
                // Whole pages inside the range are gone (kept aside or given back); the partial ones at its ends stay.
                let from = (range.lowerBound + page - 1) / page * page, to = range.upperBound / page * page
                if from < to { for k in from..<to { valid[k] = false } }
            } else {
                #expect(buffer.fill(range))
                for k in range { valid[k] = true }
            }
            // Every byte still valid, every tenth step (the check is slow in a debug build), else the range read.
            let checked = step % 10 == 0 || step % 3 == 2 ? 0..<expected.count : range
            let wrong = Self.firstDifference(buffer.bytes, expected, where: valid, in: checked)
            #expect(wrong == nil, "step \(step): byte \(wrong ?? -1) differs from the file")
            if wrong != nil { break }
        }
        buffer.releaseSpare()
        #expect(buffer.fill(0..<expected.count))
        #expect(Array(buffer.bytes) == expected)
    }

    @Test("a chunk given back is reused under the next chunk read, which still holds the file's bytes")
    func sequentialReuse() throws {
        let page = PageRelease.pageSize
        let (path, expected) = try Self.file(bytes: 64 * page, seed: 9)
        let buffer = try #require(FileBuffer(path: path, limit: .max))
        let chunk = 8 * page
        for start in stride(from: 0, to: expected.count, by: chunk) {
            #expect(buffer.fill(start..<(start + chunk)))
            #expect(Array(buffer.bytes[start..<(start + chunk)]) == Array(expected[start..<(start + chunk)]))
            buffer.release(start..<(start + chunk))
        }
        // The chunk given back last was kept aside and not reused: reading it again gives the file's bytes.
        let last = (expected.count - chunk)..<expected.count
        #expect(buffer.fill(last))
        #expect(Array(buffer.bytes[last]) == Array(expected[last]))
    }

    @Test("a file shorter than when it was opened reads as zeros past its end, even over reused pages")
    func truncatedFile() throws {
        let page = PageRelease.pageSize
        let (path, expected) = try Self.file(bytes: 16 * page, seed: 5)
        let buffer = try #require(FileBuffer(path: path, limit: .max))
        #expect(buffer.fill(0..<(8 * page)))
        buffer.release(0..<(8 * page))
        #expect(truncate(path, off_t(10 * page)) == 0)
        #expect(buffer.fill((8 * page)..<(16 * page)))
        #expect(Array(buffer.bytes[(8 * page)..<(10 * page)]) == Array(expected[(8 * page)..<(10 * page)]))
        #expect(buffer.bytes[(10 * page)..<(16 * page)].allSatisfy { $0 == 0 })
    }

    /// A hole in the buffer: what is left when pages can be neither moved under a range nor mapped there again
    /// (`PageRelease.move`'s "destination lost"). Reading the file into it fails; the import must stop there and
    /// decline, without a row scanned over the hole (which would be a crash).
    /// Read a chunk ahead, the failure comes a chunk before the rows reach the hole; read 13 bytes at a time, the
    /// failing read is the one that grows the row being scanned into the hole.
    @Test(
        "a range of the buffer that cannot be read stops the fast path, which declines",
        arguments: [false, true], [13, 64 << 10])
    func unreadableRange(split: Bool, chunk: Int) throws {
        let bytes = try FastPathImportTests.synthetic(events: 6000, actors: 300, countries: 4, seed: 21)
        let path = try FastPathImportTests.write(bytes, name: "hole-\(split)-\(chunk).csv")
        let page = PageRelease.pageSize
        for holeAt in [bytes.count / 3, bytes.count * 3 / 4] {
            let buffer = try #require(FileBuffer(path: path, limit: .max))
            let base = try #require(UnsafeMutableRawPointer(mutating: buffer.bytes.baseAddress))
            let hole = holeAt / page * page
            #expect(munmap(base + hole, 4 * page) == 0)
            let outcome = FastImport.load(
                bytes: buffer.bytes, file: buffer, name: path, format: nil, options: ImportOptions(), progress: nil,
                splitMinimum: split ? 1 : .max, fillChunk: chunk)
            guard case .declined(let why) = outcome else {
                Issue.record("imported over a hole at \(hole) of \(bytes.count)")
                continue
            }
            #expect(why == "the file could not be read")
            #expect(buffer.readFailed)
        }
    }
}
