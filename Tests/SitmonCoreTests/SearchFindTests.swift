import Testing
@testable import SitmonCore
import SitmonGenerate

/// `SearchText.find`, the byte search of every text search and text filter (sixteen places at once), against a
/// plain search: haystacks of every length around the sixteen-byte steps, needles of one to five bytes, at the
/// start, the end, across a step and nowhere.
@Suite struct SearchFindTests {
    static func plain(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        return (0...haystack.count - needle.count).contains { Array(haystack[$0..<$0 + needle.count]) == needle }
    }

    @Test("find agrees with a plain search on random texts over a small alphabet")
    func sameAsPlain() {
        var random = SplitMix64(seed: 17)
        let alphabet = Array("wab ".utf8)
        var found = 0
        for _ in 0..<20_000 {
            let haystack = (0..<random.below(70)).map { _ in random.pick(alphabet) }
            let needle = (0..<random.int(1...5)).map { _ in random.pick(alphabet) }
            let expected = Self.plain(haystack, needle)
            let result = haystack.withUnsafeBufferPointer { h in
                needle.withUnsafeBufferPointer { w in
                    guard let hBase = h.baseAddress, let wBase = w.baseAddress else { return false }
                    return SearchText.find(hBase, h.count, wBase, w.count)
                }
            }
            #expect(result == expected, "\(String(decoding: needle, as: UTF8.self)) in \(haystack)")
            if expected { found += 1 }
        }
        // Both answers were exercised.
        #expect(found > 2000 && found < 18_000)
    }

    @Test("a needle across the end of one record's text and the start of the next matches neither")
    func notAcrossRecords() {
        // Records' texts end to end: "xxw", "ayy", "wa", "", "zwaw", "a" (the scan of most records, and one by one).
        let texts = ["xxw", "ayy", "wa", "", "zwaw", "a"].map { Array($0.utf8) }
        var bytes: [UInt8] = [], offsets: [UInt32] = [0]
        for text in texts {
            bytes += text
            offsets.append(UInt32(bytes.count))
        }
        let classes = SearchText.classes(bytes, offsets)
        var only = BitSet(count: texts.count)
        for i in [0, 1, 2, 4, 5] { only.insert(i) }
        var few = BitSet(count: texts.count)
        few.insert(4)
        for (set, expected) in [(nil, [2, 4]), (only, [2, 4]), (few, [4])] as [(BitSet?, [Int])] {
            let found = SearchText.search(
                Array("wa".utf8), bytes, offsets, classes, only: set, records: 0..<texts.count, count: texts.count)
            #expect((0..<texts.count).filter { found.contains($0) } == expected)
        }
    }
}
