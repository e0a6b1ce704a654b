import Testing
@testable import SitmonCore
import SitmonGenerate

/// The search of the records' text where the store holds it (`FoldingScan`, `SearchText`), without a folded copy:
/// it must find what a search of the folded text finds, on texts full of the characters that fold (accents, ß, æ,
/// œ, typographic apostrophes, capitals), and whatever the order of the records' text in the arena.
@Suite struct SearchScanTests {
    /// Pieces of text: ASCII in both cases, letters that fold to one or two letters, apostrophes that fold and
    /// characters that do not fold (a dash, Arabic, a multiplication sign that folds to x).
    static let pieces = [
        "a", "A", "e", "E", "s", "S", "o", "x", "w", "W", "'", " ", "1", "-", "é", "É", "è", "ï", "ç", "Ç", "ß", "æ",
        "Æ", "œ", "Œ", "ø", "ł", "ž", "’", "‘", "—", "ب", "×", "÷", "/", "ss", "ae", "oe",
    ]

    static func text(_ random: inout SplitMix64, pieces count: Int) -> String {
        (0..<count).map { _ in random.pick(pieces) }.joined()
    }

    static func scan(_ text: [UInt8], _ needle: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { w in
                guard let wBase = w.baseAddress else { return false }
                guard let hBase = h.baseAddress else { return false }
                return FoldingScan.contains(hBase, h.count, readable: h.count, wBase, w.count)
            }
        }
    }

    @Test("the search of unfolded text agrees with a search of the folded text, on random accented texts")
    func sameAsFolded() {
        var random = SplitMix64(seed: 41)
        var found = 0, total = 0
        for round in 0..<30_000 {
            // Lengths around the scan's sixteen-byte steps (the pieces are one to three bytes).
            let haystack = Array(Self.text(&random, pieces: random.below(round % 3 == 0 ? 60 : 14)).utf8)
            let folded = TextMatcher.foldedBytes(haystack)
            var needle: [UInt8]
            if random.chance(0.5), !folded.isEmpty {
                // A piece of the folded text (found, unless it starts or ends inside a character).
                let a = random.below(folded.count), b = min(folded.count, a + random.int(1...6))
                needle = Array(folded[a..<b])
                guard String(validating: needle, as: UTF8.self) != nil else { continue }
            } else {
                needle = TextFolding.fold(Self.text(&random, pieces: random.int(1...4)))
            }
            guard !needle.isEmpty, !needle.contains(0) else { continue }
            let expected = TextMatcher.contains(folded, needle)
            #expect(
                Self.scan(haystack, needle) == expected,
                "\(String(decoding: needle, as: UTF8.self)) in \(String(decoding: haystack, as: UTF8.self))")
            total += 1
            if expected { found += 1 }
        }
        // Both answers were exercised, many times.
        #expect(found > 5_000 && total - found > 5_000)
    }

    @Test("characters that fold to two letters match from their second letter, and not past the text's end")
    func twoLetterFolds() {
        let cases: [(String, String, Bool)] = [
            ("Straße", "sse", true), ("Straße", "se", true), ("ßa", "sa", true), ("ß", "ss", true), ("ß", "s", true),
            ("Æsir", "esir", true), ("cœur", "oeur", true), ("cœur", "eur", true), ("N’Daw", "n'daw", true),
            ("N‘Daw", "'d", true), ("Ségou", "segou", true), ("SÉGOU", "egou", true), ("Ségou", "sé", true),
            ("5×3", "5x3", true), ("a÷b", "a/b", true), ("—x", "—x", true), ("ABC", "abc", true), ("ab", "abc", false),
            ("ß", "sss", false), ("é", "ee", false), ("x’", "x'", true), ("x’", "x’", true), ("x'", "x’", true),
        ]
        for (text, query, expected) in cases {
            let needle = TextFolding.fold(query)
            #expect(Self.scan(Array(text.utf8), needle) == expected, "\(query) in \(text)")
            #expect(TextMatcher.contains(TextFolding.fold(text), needle) == expected, "\(query) in \(text), folded")
        }
    }

    @Test("records whose text lies out of order in the arena, or shares another record's, are found as in order")
    func recordsOutOfOrder() throws {
        var dataset = SyntheticDataset.make(records: 2_000, seed: 12)
        let n = dataset.records.count
        // Accented, capitalised summaries at the end of the arena, then some records pointed at others' text.
        var random = SplitMix64(seed: 5)
        for i in stride(from: 0, to: n, by: 7) {
            let ref = dataset.records.text.append(Self.text(&random, pieces: 30) + " Ségou’s ŒUVRE")
            dataset.records.summaries[i] = ref
        }
        for i in stride(from: 3, to: n, by: 11) { dataset.records.summaries[i] = dataset.records.summaries[n - 1 - i] }
        dataset.records.summaries.swapAt(10, 1_500)
        let engine = QueryEngine(dataset: dataset)
        let one = SearchText(), two = SearchText(parallelFrom: 64)
        var found = 0
        for query in ["s", "se", "seg", "segou", "segou's", "oe", "oeuvre", "œuvre", "'", "ss", "x", "a", "e", "é"] {
            let needle = TextMatcher(query).needle
            let single = one.matches(needle, in: dataset), split = two.matches(needle, in: dataset)
            var matcher = TextMatcher(query)
            for i in 0..<n {
                let plain = engine.recordTextMatches(i, &matcher)
                #expect(single.contains(i) == plain, "\(query): record \(i)")
                #expect(split.contains(i) == plain, "\(query): record \(i), two threads")
                if plain { found += 1 }
            }
        }
        #expect(found > 2_000)
    }
}

extension TextMatcher {
    /// The folded form of UTF-8 `bytes` (tests).
    static func foldedBytes(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { TextFolding.fold($0, into: &out) }
        return out
    }
}
