import SitmonCore

/// Actor names classified as jihadist groups on import: one pattern per line, matched as whole words, ignoring
/// case, accents and punctuation. The default list is `data/jihadist-groups.txt`, compiled in (see
/// `defaultText`) so that an import works from any directory; `--jihadist-map FILE` replaces it.
public struct JihadistGroups: Sendable, Hashable {
    /// The patterns as written (comments and blank lines removed).
    public let patterns: [String]
    /// Each pattern's folded words, padded with spaces: ` al qaeda `.
    let needles: [[UInt8]]
    /// The needles indexed for `matchingPattern(padded:)`.
    let index: PaddedPhrases

    /// Groups from patterns as written.
    public init(patterns: [String]) {
        var kept: [String] = []
        var needles: [[UInt8]] = []
        for pattern in patterns {
            let words = ImportText.words(pattern)
            guard !words.isEmpty else { continue }
            kept.append(pattern.trimmingSpaces)
            needles.append(Array((" " + words.joined(separator: " ") + " ").utf8))
        }
        self.patterns = kept
        self.needles = needles
        index = PaddedPhrases(needles)
    }

    /// Groups from the text of a mapping file: one pattern per line; blank lines and lines starting with `#`
    /// are ignored.
    public init(text: String) {
        let lines = text.split(
            omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        )
        .map { String($0).trimmingSpaces }
        .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        self.init(patterns: lines)
    }

    /// The groups of a mapping file. A missing or unreadable file is `.unreadable`; a file with no pattern
    /// (or not UTF-8) is `.invalidData`.
    public static func load(path: String) throws(LoadError) -> JihadistGroups {
        let text = try FileReader.readText(path: path, what: "the jihadist group map")
        let groups = JihadistGroups(text: text)
        guard !groups.patterns.isEmpty else {
            throw LoadError(
                .invalidData, file: path,
                message: "the jihadist group map holds no pattern (one name per line, # for comments)")
        }
        return groups
    }

    /// The built-in list (`data/jihadist-groups.txt`).
    public static let `default` = JihadistGroups(text: defaultText)

    /// The first pattern that names `actorName`, or nil.
    public func matchingPattern(_ actorName: String) -> String? {
        guard !needles.isEmpty else { return nil }
        return matchingPattern(key: ImportText.key(actorName))
    }

    /// The first pattern that names an actor whose folded words (`ImportText.key`) are `key`, or nil.
    func matchingPattern(key: String) -> String? {
        guard !needles.isEmpty else { return nil }
        return matchingPattern(padded: Array((" " + key + " ").utf8))
    }

    /// `matchingPattern(key:)` of a key with a space at each end (` jnim group for support of islam and muslims `).
    func matchingPattern(padded: [UInt8]) -> String? {
        index.firstMatch(in: padded).map { patterns[$0] }
    }

    /// True when `actorName` names a jihadist group.
    public func matches(_ actorName: String) -> Bool { matchingPattern(actorName) != nil }

    /// The text of `data/jihadist-groups.txt`, compiled in. A test checks that both stay identical.
    public static let defaultText = #"""
        # sitmon: actor names classified as jihadist groups when importing ACLED or UCDP GED exports.
        # One pattern per line; blank lines and lines starting with # are ignored.
        # A pattern matches an actor whose name contains it as whole words, ignoring case, accents and
        # punctuation: "al-Qaeda" matches "AQIM: Al Qaeda in the Islamic Maghreb"; "JAS" does not match "Rajasthan".
        # A matching actor gets the kind jihadist-group whatever ACLED's inter code says, and makes its record an incident.
        # This list is compiled into sitmon; `sitmon import --jihadist-map FILE` replaces it (copy this file to extend it).

        # JNIM / GSIM: Jama'at Nusrat al-Islam wal-Muslimin (al-Qaeda's Sahel coalition, 2017)
        JNIM
        GSIM
        Jama'at Nusrat al-Islam wal-Muslimin
        Jamaat Nusrat al-Islam wal-Muslimin
        Group for Support of Islam and Muslims
        Group to Support Islam and Muslims

        # Islamic State: Greater Sahara (ISGS / EIGS), Sahel Province (ISSP), West Africa Province (ISWAP)
        Islamic State
        ISGS
        EIGS
        ISSP
        ISWAP
        IS Sahel
        Daesh

        # al-Qaeda and AQIM
        al-Qaeda
        al-Qaida
        AQIM
        AQMI

        # Ansaroul Islam (Burkina Faso)
        Ansaroul Islam
        Ansarul Islam
        Ansar ul Islam

        # Ansar Dine
        Ansar Dine
        Ansar Eddine

        # Katiba Macina / Macina Liberation Front (FLM)
        Katiba Macina
        Katibat Macina
        Macina Liberation Front
        Front de Liberation du Macina
        FLM

        # MUJAO and Al-Mourabitoun
        MUJAO
        MOJWA
        Movement for Oneness and Jihad in West Africa
        Al-Mourabitoun
        Al-Mourabitoune
        Al-Murabitun

        # Boko Haram / JAS
        Boko Haram
        JAS
        Jamaatu Ahlis Sunna Lidda'awati wal-Jihad
        Jama'atu Ahlis Sunna Lidda'awati wal-Jihad

        """#
}
