import SitmonCore
import SitmonGenerate
import Testing

@testable import SitmonImport

/// A name's facts decide an actor's kind and its entry in the alias table. They are worked out from the name's
/// folded key once (`ActorNameFacts`); these tests hold the faster readings to the ones they replaced, kept here as
/// references, on random names made of the words and punctuation actor names hold.
@Suite struct ActorNameFactsTests {
    static let pieces: [String] = [
        "wagner", "Wagner Group", "Africa Corps", "Government of", "UN", "Un", "United Nations", "MINUSMA", "ECOWAS",
        "African Union", "G5 Sahel", "G5-Sahel", "Military Forces of", "Police Forces of", "Gendarmerie",
        "National Guard", "Civilians", "Protesters", "Rioters", "Militia", "Dozo", "Dan Na Ambassagou", "MNLA",
        "Azawad", "CMA", "CSP-PSD", "JNIM:", "Islamic State", "al-Qaeda", "Jama'at", "Mali", "Niger", "(2021-)",
        "(2013 - 2016)", "Ségou", "Forces armées", "and/or", "of", "the", " ", "  ", ":", "-", "'", "’", "(", ")",
        ".", ",", "é", "中", "ʿ", "\t", "unit", "civilian", "wagnerian",
    ]

    static func randomName(_ generator: inout SplitMix64) -> String {
        let count = 1 + Int(generator.next() % 6)
        return (0..<count).map { _ in
            let piece = pieces[Int(generator.next() % UInt64(pieces.count))]
            return generator.next() % 3 == 0 ? piece : piece + " "
        }.joined()
    }

    /// `ActorClassifier.kind(name:)` as it was: every phrase tried at every byte of the folded words.
    static func referenceKind(name: String) -> ActorKind {
        let text = Array((" " + ImportText.words(name).joined(separator: " ") + " ").utf8)
        func matches(_ phrase: String.UTF8View, at i: Int) -> Bool {
            guard i + phrase.count + 1 < text.count, text[i] == 0x20, text[i + phrase.count + 1] == 0x20 else {
                return false
            }
            var k = i + 1
            for b in phrase {
                if text[k] != b { return false }
                k += 1
            }
            return true
        }
        func has(_ phrase: String) -> Bool { text.indices.contains { matches(phrase.utf8, at: $0) } }
        func starts(_ phrase: String) -> Bool { matches(phrase.utf8, at: 0) }
        if has("wagner") || has("africa corps") { return .privateMilitaryCompany }
        if starts("government of") { return .government }
        if starts("un") || has("united nations") || has("minusma") { return .internationalOrganisation }
        if has("ecowas") || has("african union") || has("g5 sahel") { return .regionalOrganisation }
        if starts("military forces of") || starts("police forces of") || has("gendarmerie") || has("national guard") {
            return .armedForces
        }
        if starts("civilians") { return .civilians }
        if starts("protesters") || starts("rioters") { return .protesters }
        if has("militia") || has("dozo") || has("dan na ambassagou") { return .militia }
        if has("mnla") || has("azawad") || has("cma") || has("csp psd") { return .separatistGroup }
        return .other
    }

    /// `ActorAliases.key` as it was: a string per word, joined.
    static func referenceAliasKey(_ name: String) -> String {
        var words: [String] = []
        var current: [UInt8] = []
        for c in TextFolding.fold(name) {
            let isWord = (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c >= 0x80
            if isWord {
                current.append(c)
            } else if c == UInt8(ascii: "'") {
                continue
            } else if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words.joined(separator: " ")
    }

    @Test("the kind a name suggests, its alias key and its jihadist pattern are what the readings they replaced gave")
    func factsMatchReferences() {
        var generator = SplitMix64(seed: 11)
        var kinds = Set<ActorKind>()
        var jihadist = 0
        for _ in 0..<20_000 {
            let name = Self.randomName(&generator)
            let kind = ActorClassifier.kind(name: name)
            #expect(kind == Self.referenceKind(name: name), "\(name)")
            kinds.insert(kind)
            #expect(ActorAliases.key(name) == Self.referenceAliasKey(name), "\(name)")
            let pattern = JihadistGroups.default.matchingPattern(key: ImportText.key(name))
            #expect(pattern == JihadistGroups.default.matchingPattern(name), "\(name)")
            if pattern != nil { jihadist += 1 }
        }
        // The random names reach every kind the name alone can suggest, and the jihadist map.
        #expect(kinds.count == 10, "\(kinds)")
        #expect(jihadist > 1_000)
        #expect(ActorClassifier.kind(name: "UN: United Nations") == .internationalOrganisation)
        #expect(ActorClassifier.kind(name: "Unidentified Armed Group (Mali)") == .other)
        #expect(ActorAliases.key("Jama'at Nusrat al-Islam wal-Muslimin") == "jamaat nusrat al islam wal muslimin")
    }
}
