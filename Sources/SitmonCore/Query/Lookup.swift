/// Finds actors and regions by what a user types: id, short name, name or alias, ignoring case and accents.
public enum Lookup {
    /// The outcome of looking a name up.
    public enum Match: Sendable, Equatable {
        case found(Int32)
        /// Several match equally well (two actors whose short name is `BJP`); never one picked silently.
        case ambiguous([Int32])
        /// Not found; the closest names, best first.
        case notFound(suggestions: [String])
    }

    /// Looks up an actor: by id first, then by name or short name, then by alias, then by the prefix of a name
    /// (`BJP` in `BJP: Bharatiya Janata Party`), then by a unique part of any of them. Several actors matching at the same step are `.ambiguous`.
    public static func actor(_ query: String, in engine: QueryEngine) -> Match {
        let actors = engine.dataset.actors
        let folded = TextFolding.fold(query.trimmingSpaces)
        if !folded.isEmpty {
            // The last step finds `BJP: Bharatiya Janata Party` by the prefix its short name was derived from.
            let steps: [(Actor) -> [String]] = [
                { [$0.id] }, { [$0.name, $0.shortName ?? ""] }, { $0.aliases },
                { ([$0.name] + $0.aliases).compactMap(ActorLabels.shortPrefix) },
            ]
            // The index's folded names hold each actor's id, name, short name and aliases: only the actors among
            // whose folded names the query is can match the first three steps (folding 20,000 actors' names for
            // each step took ≈ 15 ms of an export's start).
            let folds = engine.index.actorNames
            let listed = actors.indices.filter { k in k >= folds.count || folds[k].contains(folded) }
            for (step, names) in steps.enumerated() {
                let matches = (step < 3 ? listed : Array(actors.indices)).filter { k in
                    names(actors[k]).contains { !$0.isEmpty && TextFolding.fold($0) == folded }
                }
                if matches.count == 1 { return .found(Int32(matches[0])) }
                if matches.count > 1 { return .ambiguous(matches.map { Int32($0) }) }
            }
        }
        return find(query, names: engine.index.actorNames) { engine.dataset.actorLabel($0) }
    }

    /// Looks up a region.
    public static func region(_ query: String, in engine: QueryEngine) -> Match {
        find(query, names: engine.index.regionNames) { engine.dataset.regionLabel($0) }
    }

    static func find(_ query: String, names: [[[UInt8]]], label: (Int32) -> String) -> Match {
        let folded = TextFolding.fold(query.trimmingSpaces)
        guard !folded.isEmpty else { return .notFound(suggestions: []) }
        if let exact = names.indices.first(where: { names[$0].contains(folded) }) { return .found(Int32(exact)) }
        // A unique prefix or substring is accepted ("barkh" → Barkhane).
        let partial = names.indices.filter { names[$0].contains { TextMatcher.contains($0, folded) } }
        if partial.count == 1 { return .found(Int32(partial[0])) }
        var scored: [(Int, Int)] = []
        for (k, list) in names.enumerated() {
            let best = list.map { distance(folded, $0) }.min() ?? Int.max
            scored.append((best, k))
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var suggestions = partial.prefix(5).map { label(Int32($0)) }
        for (_, k) in scored where suggestions.count < 5 {
            let name = label(Int32(k))
            if !suggestions.contains(name) { suggestions.append(name) }
        }
        return .notFound(suggestions: suggestions)
    }

    /// Levenshtein distance, bounded in cost by the short strings it is used on.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// A fuzzy subsequence score for pick lists: every query character in order, tighter and earlier is better.
public enum FuzzyScore {
    /// nil when `query` is not a subsequence of `candidate` (both folded).
    public static func score(_ query: [UInt8], _ candidate: [UInt8]) -> Int? {
        if query.isEmpty { return 0 }
        var q = 0
        var score = 0
        var last = -1
        for (k, c) in candidate.enumerated() where q < query.count && c == query[q] {
            score += last == k - 1 ? 5 : 1
            if k == 0 || candidate[k - 1] == UInt8(ascii: " ") { score += 3 }
            last = k
            q += 1
        }
        return q == query.count ? score * 100 - candidate.count : nil
    }
}
