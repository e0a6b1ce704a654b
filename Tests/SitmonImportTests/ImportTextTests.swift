import SitmonGenerate
import Testing

@testable import SitmonImport

/// `ImportText.key` is what actors, sources and places are told apart by. Its ASCII path (words cut from the folded
/// bytes) must give exactly what the general one gives (`words` joined by spaces), for any text.
@Suite struct ImportTextTests {
    static let alphabet: [String] = [
        "a", "Z", "m", "0", "9", " ", "  ", "\t", "\n", ":", "-", "(", ")", "'", ".", ",", ";", "/", "_", "\u{1}",
        "é", "É", "ß", "æ", "Œ", "’", "–", "ʿ", "ا", "中", "\u{3000}", "×", "ﬁ", "İ",
    ]

    @Test("the key of a name is its folded words joined by single spaces, on the ASCII path as on the general one")
    func keyMatchesWords() {
        var generator = SplitMix64(seed: 31)
        for round in 0..<20_000 {
            let length = Int(generator.next() % 24)
            // Every second text in ASCII only, so that the ASCII path is taken often.
            let letters = round % 2 == 0 ? Array(Self.alphabet.prefix(20)) : Self.alphabet
            let text = (0..<length).map { _ in letters[Int(generator.next() % UInt64(letters.count))] }.joined()
            #expect(ImportText.key(text) == ImportText.words(text).joined(separator: " "), "\(Array(text.utf8))")
        }
        #expect(
            ImportText.key("JNIM:  Group for Support of Islam and Muslims")
                == "jnim group for support of islam and muslims")
        #expect(ImportText.key("  Ségou ") == "segou")
    }
}
