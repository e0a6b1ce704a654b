import SitmonCore

/// What an actor's name alone tells the importer: its folded key, its slug, its entry in the alias table, whether the
/// jihadist map names it, the kind the name suggests and its short name. Worked out once per distinct name; the
/// fast path works them out on its reading threads and hands them to `ImportBuilder.actor`, which would otherwise
/// fold each new name five times on the thread that merges.
struct ActorNameFacts: Sendable {
    let key: String
    let slug: String
    let alias: ActorAliases.Entry?
    let jihadistByName: Bool
    let nameKind: ActorKind
    let shortName: String?

    /// The facts of a trimmed, non-empty name.
    init(name: String, jihadist: JihadistGroups) {
        var copy = name
        self = copy.withUTF8 { Self(name: name, utf8: $0, jihadist: jihadist) }
    }

    /// The facts of `name`, whose UTF-8 bytes are `bytes`. The name is folded once, and its key, its key padded
    /// for the word searches, its slug and (for a name in ASCII, most names) its alias lookups and short name are
    /// all cut from those bytes: `ImportText.key`, `ImportText.slug`, `ActorAliases.entry(for:)`,
    /// `ActorClassifier.kind(key:)`, `JihadistGroups.matchingPattern(key:)` and `ActorLabels.shortPrefix` each
    /// folded, copied or walked the name by characters again (2.9 % of a 1M-row import's CPU samples, 0.8 % this
    /// way; a test holds the facts to theirs).
    private init(name: String, utf8 bytes: UnsafeBufferPointer<UInt8>, jihadist: JihadistGroups) {
        var folded: [UInt8] = []
        folded.reserveCapacity(bytes.count)
        TextFolding.fold(bytes, into: &folded)
        let padded = Self.paddedKey(folded: folded)
        key = String(decoding: padded[1..<(padded.count - 1)], as: UTF8.self)
        slug = ImportText.slug(folded: folded, fallback: "actor")
        let aliases = ActorAliases.bundled
        // Outside ASCII, or with a carriage return (`\r\n` is one character), characters are not bytes.
        if bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) {
            alias = aliases.entry(for: name)
            shortName = alias?.shortName ?? ActorLabels.shortPrefix(name)
        } else {
            let key = key
            alias = folded.withUnsafeBufferPointer { aliases.index(asciiFolded: $0, wordKey: key) }
                .map { aliases.entries[$0] }
            shortName = alias?.shortName ?? ActorLabels.shortPrefix(asciiName: bytes)
        }
        jihadistByName = jihadist.matchingPattern(padded: padded) != nil
        nameKind = ActorClassifier.kind(padded: padded)
    }

    /// `ImportText.key` of the folded name with a space at each end.
    static func paddedKey(folded: [UInt8]) -> [UInt8] {
        guard folded.allSatisfy({ $0 < 0x80 }) else {
            return Array((" " + ImportText.words(folded: folded).joined(separator: " ") + " ").utf8)
        }
        var out: [UInt8] = [0x20]
        out.reserveCapacity(folded.count + 2)
        var pendingSpace = false
        for b in folded {
            if ImportText.isWordScalar(Unicode.Scalar(b)) {
                if pendingSpace && out.count > 1 { out.append(0x20) }
                pendingSpace = false
                out.append(b)
            } else {
                pendingSpace = true
            }
        }
        out.append(0x20)
        return out
    }

    /// The kind of an actor of this name (`ImportBuilder.kind`): a jihadist group when the alias table (with the
    /// built-in map) or the map names it, else the caller's hint, else its ACLED type refined by the name.
    func kind(inter: ActorClassifier.InterCode?, kindHint: ActorKind?, aliasJihadists: Bool) -> ActorKind {
        if aliasJihadists && alias?.kind == .jihadistGroup { return .jihadistGroup }
        if jihadistByName { return .jihadistGroup }
        if let kindHint { return kindHint }
        return ActorClassifier.kind(nameKind: nameKind, inter: inter)
    }

    /// True when actors of this name are jihadist groups whatever their type codes.
    func isJihadist(aliasJihadists: Bool) -> Bool {
        (aliasJihadists && alias?.kind == .jihadistGroup) || jihadistByName
    }
}
