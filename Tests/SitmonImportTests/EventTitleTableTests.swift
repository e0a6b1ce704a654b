import SitmonCore
import SitmonGenerate
import Testing

@testable import SitmonImport

/// The table of events' shared titles must answer as a dictionary would, through its growth and with keys that
/// fall on the same slots.
@Suite struct EventTitleTableTests {
    @Test("random pairs, set and read again, answer as a dictionary does")
    func againstDictionary() {
        var rng = SplitMix64(seed: 2026)
        var table = EventTitleTable()
        var reference: [Int64: TextRef] = [:]
        for step in 0..<50_000 {
            // Few types and many places, as the fast path's keys are (type cell << 32 | place symbol), plus keys
            // that differ only in their high bits.
            let type = Int64(rng.next() % 12), place = Int64(rng.next() % 20_000)
            let key = rng.next() % 10 == 0 ? Int64(bitPattern: rng.next()) : type << 32 | place
            if rng.next() % 3 == 0 {
                let title = TextRef(offset: UInt32(step), length: UInt32(rng.next() % 40))
                table[key] = title
                reference[key] = title
            } else {
                #expect(table[key] == reference[key])
            }
        }
        #expect(table.count == reference.count)
        for (key, title) in reference { #expect(table[key] == title) }
    }

    @Test("setting no title or the empty marker leaves the table as it was")
    func noneIgnored() {
        var table = EventTitleTable()
        table[7] = TextRef(offset: 1, length: 2)
        table[7] = TextRef.none
        table[8] = nil
        #expect(table[7] == TextRef(offset: 1, length: 2))
        #expect(table[8] == nil)
        #expect(table.count == 1)
    }
}
