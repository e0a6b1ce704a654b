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
        key = ImportText.key(name)
        slug = ImportText.slug(name, fallback: "actor")
        alias = ActorAliases.bundled.entry(for: name)
        // The map and the classifier look for words in the same folded key.
        jihadistByName = jihadist.matchingPattern(key: key) != nil
        nameKind = ActorClassifier.kind(key: key)
        shortName = alias?.shortName ?? ActorLabels.shortPrefix(name)
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
