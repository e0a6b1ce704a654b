import Foundation
import SitmonCore
import Testing

@testable import SitmonGenerate
@testable import SitmonImport

/// `ActorNameFacts` folds a name once and cuts every fact from those bytes (the alias lookups and the short name
/// from the bytes too, for a name in ASCII). These tests hold its facts to the ones the separate readings give
/// (`ImportText.key` and `slug`, `ActorAliases.entry(for:)`, `ActorLabels.shortPrefix`, the jihadist needles tried at
/// every byte, the kind read as it was), on the names an import meets and names built to reach every branch: an
/// actor whose facts differed would get another id, kind, alias entry or label in the imported dataset.
@Suite struct ActorNameFactsOracleTests {
    /// The facts as the separate readings give them.
    struct Facts: Equatable, CustomStringConvertible {
        var key: String
        var slug: String
        var alias: String?
        var jihadistByName: Bool
        var nameKind: ActorKind
        var shortName: String?

        init(_ facts: ActorNameFacts) {
            key = facts.key
            slug = facts.slug
            alias = facts.alias?.id
            jihadistByName = facts.jihadistByName
            nameKind = facts.nameKind
            shortName = facts.shortName
        }

        /// The reference: each fact by the reading written for it.
        init(reference name: String, jihadist: JihadistGroups) {
            key = ImportText.key(name)
            slug = ImportText.slug(name, fallback: "actor")
            let entry = ActorAliases.bundled.entry(for: name)
            alias = entry?.id
            let haystack = Array((" " + key + " ").utf8)
            jihadistByName = jihadist.needles.contains { TextMatcher.contains(haystack, $0) }
            nameKind = ActorNameFactsTests.referenceKind(name: name)
            shortName = entry?.shortName ?? ActorLabels.shortPrefix(name)
        }

        var description: String {
            "key \(key) slug \(slug) alias \(alias ?? "-") jihadist \(jihadistByName) kind \(nameKind) "
                + "short \(shortName ?? "-")"
        }
    }

    /// Names written to reach the branches: accents, other scripts, periods, prefixes, apostrophes, combined actors,
    /// control characters and blanks.
    static let written: [String] = [
        "", " ", "   ", "\t", "\n", "\r", "\r\n", " \r\n ", ":", ": ", " : ", "()", ")", "(", "(2021-)", " (2021-)",
        "JNIM: Group for Support of Islam and Muslims", "JNIM:Group", "JNIM :  Group", " JNIM: Group ",
        "jnim", "JNIM", "Jnim ", "GSIM", "Jama'at Nusrat al-Islam wal-Muslimin", "Jama’at Nusrat al-Islam wal-Muslimin",
        "Military Forces of Mali (2021-)", "Military Forces of Mali (2021-) ", "Military Forces of Mali (2021- )",
        "Military Forces of Mali (2013-2016)", "Military Forces of Mali (2013 - 2016)",
        "Military Forces of Mali (2013–)",
        "Military Forces of Mali (213-)", "Military Forces of Mali (20a1-)", "Military Forces of Mali ()",
        "Military Forces of Mali(2021-)", "Military Forces of Mali  (2021-)",
        "Police Forces of Mali (2021-) Gendarmerie",
        "Wagner Group", "Africa Corps", "Government of Mali", "UN: United Nations", "MINUSMA: United Nations",
        "ECOWAS", "G5-Sahel", "National Guard of Niger", "Civilians (Mali)", "Protesters (Mali)", "Rioters (Mali)",
        "Dozo Militia", "Dan Na Ambassagou", "MNLA: National Movement for the Liberation of Azawad", "CMA", "CSP-PSD",
        "AQIM: Al Qaeda in the Islamic Maghreb", "Islamic State (Greater Sahara)", "Islamic State (Sahel Province)",
        "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)", "X AND/OR Y", "X and/orY",
        "MAA: Arab Movement of the Azawad (Platform)", "MAA: Arab Movement of the Azawad (CMA)", "FAMa (2013-)",
        "Forces Armées Maliennes", "Forces armées maliennes (FAMa)", "Ségou", "SEGOU", "Mouvement Arabe de l'Azawad",
        "Mouvement pour l’unicité et le jihad en Afrique de l’Ouest", "Katiba Macina", "Front de Libération du Macina",
        "Ansar Dine", "Ansaroul Islam", "Boko Haram - JAS", "JAS", "Rajasthan", "Daesh", "Daech",
        "جماعة نصرة الإسلام والمسلمين", "الدولة الإسلامية (2021-)", "القاعدة: تنظيم", "Œuvre Æther ß straße",
        "中文: 名字", "名字 (2021-)", "Ş: Şahin", "ABCDEFGHIJKL: twelve", "ABCDEFGHIJKLM: thirteen",
        "ÉÉÉÉÉÉÉÉÉÉÉÉ: twelve accented", "ÉÉÉÉÉÉÉÉÉÉÉÉÉ: thirteen accented", "A\u{301}: combining", "(\u{301}2021-)",
        "Group (2021-)\u{301}", "\u{600}(2021-)", "Name\u{600})", "e\u{301}: x", "JNIM:\u{A0}Group",
        "JNIM\u{A0}: Group",
        "JNIM\r\n: Group", "AB\r\nCD: Group", "ABCDEFGHIJK\r\nL: Group", "AB\rCD: Group", "AB\nCD: Group",
        "AB\tCD: Group", "\tJNIM: Group", "123", "2021", "(2021)", "Group 12 (1999 - )", "Group 12 (1999-)",
        "Group 1999 (12-)", "Unit 5/7", "a/b and/or", "' ", "''", "'JNIM'", "JNIM's men", "l'Azawad: x",
        "Military Forces of Côte d'Ivoire (2011-)", "Military Forces of Cote d'Ivoire (2011-)",
        "Police Forces of Burkina Faso (2022-) Prison Guards", "Unidentified Armed Group (Mali)",
        "Unidentified Communal Militia (Mali)", "Fulani Ethnic Militia (Mali)", "Dogon Ethnic Militia (Mali)",
        String(repeating: "Very Long Name ", count: 12), String(repeating: "x", count: 70) + ": y",
        "\u{0}", "\u{1B}[31m", "a\u{0}b: c", "\u{FEFF}JNIM", "JNIM\u{200B}", "Ｊｎｉｍ", "ǅ Dz", "İstanbul", "ﬁ fi",
    ]

    /// Every variant of `name` the test tries: as written, lowercased, uppercased, padded, with a period, a prefix,
    /// an apostrophe.
    static func variants(_ name: String) -> [String] {
        [
            name, name.lowercased(), name.uppercased(), "  " + name + " ", name + " (2019-)", name + " (2019 - 2020)",
            "AB: " + name, name + ": Group", name + "'s", name + " and/or JNIM",
        ]
    }

    /// The actor names, short names and aliases of the bundled dataset and the alias table.
    static func bundledNames() throws -> [String] {
        let path = ImportPaths.repository.appendingPathComponent("data/mali.json").path
        let dataset = try DatasetLoader.load(path: path)
        var names: [String] = []
        for actor in dataset.actors {
            names.append(actor.name)
            names.append(contentsOf: actor.aliases)
            if let short = actor.shortName { names.append(short) }
        }
        for entry in ActorAliases.bundled.entries { names.append(contentsOf: entry.names) }
        return names
    }

    /// The fields of the import fixtures, each a possible name (real export spellings).
    static func fixtureFields() throws -> [String] {
        let directory = ImportPaths.fixtures
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".csv") }
        var fields: Set<String> = []
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(whereSeparator: \.isNewline) {
                for field in line.split(separator: ",") where field.count < 120 {
                    fields.insert(String(field).replacingOccurrences(of: "\"", with: ""))
                }
            }
        }
        return fields.sorted()
    }

    static func check(_ names: [String], jihadist: JihadistGroups) -> Int {
        var differing = 0
        for name in names {
            let facts = Facts(ActorNameFacts(name: name, jihadist: jihadist))
            let reference = Facts(reference: name, jihadist: jihadist)
            if facts != reference {
                differing += 1
                if differing <= 20 {
                    Issue.record("\(name.debugDescription): \(facts) instead of \(reference)")
                }
            }
        }
        return differing
    }

    @Test("a name's facts are the separate readings' for bundled, written, fixture and random names and variants")
    func factsMatchSeparateReadings() throws {
        var names = try Self.bundledNames() + Self.written + Self.fixtureFields()
        var generator = SplitMix64(seed: 29)
        for _ in 0..<2_000 { names.append(ActorNameFactsTests.randomName(&generator)) }
        let all = names.flatMap(Self.variants)
        #expect(Self.check(all, jihadist: .default) == 0)
        // The names reach the alias table by full name, by prefix and by name without period, and the short names.
        let facts = all.map { ActorNameFacts(name: $0, jihadist: .default) }
        #expect(facts.count(where: { $0.alias != nil }) > 500)
        #expect(facts.count(where: { $0.alias == nil && $0.shortName != nil }) > 500)
        #expect(ActorNameFacts(name: "AQIM: x", jihadist: .default).alias?.id != nil)
        #expect(ActorNameFacts(name: "Katiba Macina (2015-)", jihadist: .default).alias?.id != nil)
        // A map with accented, other-script and one-letter patterns, and an empty one.
        let custom = JihadistGroups(patterns: ["Ségou group", "中文", "a", "al-Qaeda", "ǅ"])
        #expect(Self.check(all, jihadist: custom) == 0)
        #expect(Self.check(all, jihadist: JihadistGroups(patterns: [])) == 0)
    }

    @Test("the facts of the generated ACLED export's 20,000 actor names are the separate readings'")
    func generatedNamesMatchSeparateReadings() {
        var rng = SplitMix64(seed: SyntheticDataset.defaultSeed)
        let actors = SyntheticACLED.actors(SyntheticACLED.Shape(events: 1, actors: 20_000), rng: &rng)
        #expect(actors.count == 20_000)
        #expect(Self.check(actors.map(\.name), jihadist: .default) == 0)
    }

    @Test("the jihadist map's first pattern and the kind of a key are those of every phrase tried at every byte")
    func phraseSearchMatchesEveryByte() {
        var generator = SplitMix64(seed: 31)
        let groups = JihadistGroups.default
        for _ in 0..<20_000 {
            let key = ImportText.key(ActorNameFactsTests.randomName(&generator))
            let haystack = Array((" " + key + " ").utf8)
            let first = groups.needles.indices.first { TextMatcher.contains(haystack, groups.needles[$0]) }
            #expect(groups.matchingPattern(key: key) == first.map { groups.patterns[$0] }, "\(key)")
            #expect(ActorClassifier.kind(key: key) == ActorNameFactsTests.referenceKind(name: key), "\(key)")
        }
    }
}
