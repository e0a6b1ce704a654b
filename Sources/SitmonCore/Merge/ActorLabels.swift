import Foundation

/// Short names that identify their actor within a dataset. An actor is shown by its short name where space is short
/// (`Dataset.actorLabel`); two actors must never share one. A short name several actors share is disambiguated —
/// `JNIM and/or ISGS` for `JNIM: … and/or Islamic State (Greater Sahara)`, `MAA (Platform)` and `MAA (CMA)` for
/// the two `MAA: Arab Movement of the Azawad` actors — or dropped, so that the full name shows.
public enum ActorLabels {
    /// Makes every actor's label (`shortName ?? name`) unique within `actors`, ignoring case and accents. The first
    /// `protected` actors (a curated dataset's, in a merge) keep their short names; among the others, a short name
    /// shared by several actors goes to the one actor that has no better one (`JNIM` stays with `JNIM: Group for
    /// Support of Islam and Muslims`), and the rest get a disambiguated short name or none. `aliases` gives the
    /// short names of the parts of a combined actor (`Islamic State (Greater Sahara)` → `ISGS`).
    public static func makeUnique(_ actors: inout [Actor], protected: Int = 0, aliases: ActorAliases = .bundled) {
        let names = actors.map { TextFolding.fold($0.name) }
        makeUnique(&actors, protected: protected, aliases: aliases, names: names)
    }

    /// `makeUnique`, then whether the labels are settled (`areSettled`): what an import hands to
    /// `Dataset.actorLabelsSettled`, on a thread of its own.
    public static func makeUniqueAndSettled(_ actors: inout [Actor], aliases: ActorAliases = .bundled) -> Bool {
        let names = actors.map { TextFolding.fold($0.name) }
        makeUnique(&actors, protected: 0, aliases: aliases, names: names)
        return areSettled(actors, names: names)
    }

    /// True when `makeUnique` (nothing protected) would change no actor: each short name that differs from its
    /// actor's name (ignoring case and accents) is held by that actor alone and is no actor's name. `makeUnique`
    /// only changes short names held by several actors or equal to a name, so these are left as they are.
    public static func areSettled(_ actors: [Actor]) -> Bool {
        areSettled(actors, names: actors.map { TextFolding.fold($0.name) })
    }

    /// `areSettled` with the actors' folded names.
    static func areSettled(_ actors: [Actor], names: [[UInt8]]) -> Bool {
        let fullNames = Set(names)
        var labels = Set<[UInt8]>()
        for (k, a) in actors.enumerated() {
            guard let short = a.shortName, !short.trimmingSpaces.isEmpty else { continue }
            let label = TextFolding.fold(short)
            if label == names[k] { continue }
            if fullNames.contains(label) || !labels.insert(label).inserted { return false }
        }
        return true
    }

    private static func makeUnique(
        _ actors: inout [Actor], protected: Int, aliases: ActorAliases, names: [[UInt8]]
    ) {
        var nameCount: [[UInt8]: Int] = [:]
        for n in names { nameCount[n, default: 0] += 1 }
        var holders: [[UInt8]: [Int]] = [:]
        for (k, a) in actors.enumerated() {
            guard let short = a.shortName else { continue }
            if short.trimmingSpaces.isEmpty || TextFolding.fold(short) == names[k] {
                continue
            }
            holders[TextFolding.fold(short), default: []].append(k)
        }
        // Labels in use: every full name, and every short name held by one actor only.
        var taken = Set(names)
        for (label, list) in holders where list.count == 1 && nameCount[label] == nil { taken.insert(label) }
        for label in holders.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            guard let list = holders[label] else { continue }
            let clashesWithName = nameCount[label] != nil
            guard list.count > 1 || clashesWithName else { continue }
            let kept = list.filter { $0 < protected }
            let others = list.filter { $0 >= protected }
            let better = others.map { disambiguated(actors[$0], in: actors, aliases: aliases) }
            let plain = zip(others, better).filter { $0.1 == nil }.map(\.0)
            // The one actor without a better label keeps the shared one, when nothing else claims it.
            let keeper = !clashesWithName && kept.isEmpty && plain.count == 1 ? plain.first : nil
            for (k, candidate) in zip(others, better) where k != keeper {
                if let candidate, taken.insert(TextFolding.fold(candidate)).inserted {
                    actors[k].shortName = candidate
                } else {
                    actors[k].shortName = nil
                }
            }
            if keeper != nil || !kept.isEmpty { taken.insert(label) }
        }
    }

    /// A label more precise than the actor's short name: the short names of a combined actor's parts
    /// (`JNIM and/or ISGS`), else the short name with the name's closing parenthesis (`MAA (Platform)`,
    /// `FAMa (2013-)`); nil when the name gives neither.
    static func disambiguated(_ actor: Actor, in actors: [Actor], aliases: ActorAliases) -> String? {
        let name = actor.name.trimmingSpaces
        let parts = split(name, on: " and/or ")
        if parts.count > 1 {
            return parts.map { part in
                aliases.entry(for: part)?.shortName ?? shortPrefix(part) ?? part
            }.joined(separator: " and/or ")
        }
        guard let short = actor.shortName, name.hasSuffix(")"), let open = name.lastIndex(of: "("),
            name[..<open].hasSuffix(" ")
        else { return nil }
        let tail = String(name[open...])
        return short.hasSuffix(tail) ? nil : short + " " + tail
    }

    /// `JNIM` for `JNIM: Group for Support of Islam and Muslims`: a short prefix (at most 12 characters) before `: `.
    public static func shortPrefix(_ name: String) -> String? {
        guard let colon = name.firstIndex(of: ":"), name[name.index(after: colon)...].first == " " else { return nil }
        let prefix = String(name[..<colon]).trimmingSpaces
        return !prefix.isEmpty && prefix.count <= 12 ? prefix : nil
    }

    /// `shortPrefix` of a name in ASCII without a carriage return (so that each character is one byte), from its
    /// UTF-8 bytes: the importer works out the short name of every distinct actor name, and `shortPrefix` walked
    /// the name by characters (0.5 % of a 1M-row import's CPU samples; 0.02 % this way).
    public static func shortPrefix(asciiName bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon + 1 < bytes.count, bytes[colon + 1] == 0x20
        else { return nil }
        var lo = 0
        var hi = colon
        while lo < hi && String.isTrimmed(bytes[lo]) { lo += 1 }
        while hi > lo && String.isTrimmed(bytes[hi - 1]) { hi -= 1 }
        guard hi > lo && hi - lo <= 12 else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
    }

    static func split(_ text: String, on separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(text)
        while let r = rest.range(of: separator, options: .caseInsensitive) {
            parts.append(String(rest[..<r.lowerBound]).trimmingSpaces)
            rest = rest[r.upperBound...]
        }
        parts.append(String(rest).trimmingSpaces)
        return parts.filter { !$0.isEmpty }
    }
}
