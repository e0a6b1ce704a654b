import SitmonCore

/// One step of the filter's undo history: the filter before (or, for redo, after) the step, and what the step did,
/// in a few words ("actor JNIM", "removing region Mopti", "dates 2019 – 2021"), for "Undone: …" and "Redone: …".
public struct FilterStep: Sendable, Hashable {
    public var filter: Filter
    public var label: String

    public init(filter: Filter, label: String) {
        self.filter = filter
        self.label = label
    }

    /// What changed from `old` to `new`, named by what the user did: items added by name, items removed as
    /// "removing …", a cleared filter as "clearing all filters".
    public static func describe(from old: Filter, to new: Filter, in dataset: Dataset) -> String {
        if new.isEmpty && !old.isEmpty { return "clearing all filters" }
        var parts: [String] = []
        func list(_ what: String, _ names: [String]) -> String { what + " " + names.joined(separator: ", ") }
        let addedActors = new.actors.filter { !old.actors.contains($0) }.map { dataset.actorLabel($0) }
        let removedActors = old.actors.filter { !new.actors.contains($0) }.map { dataset.actorLabel($0) }
        let addedRegions = new.regions.filter { !old.regions.contains($0) }.map { dataset.regionLabel($0) }
        let removedRegions = old.regions.filter { !new.regions.contains($0) }.map { dataset.regionLabel($0) }
        if !addedActors.isEmpty { parts.append(list(addedActors.count == 1 ? "actor" : "actors", addedActors)) }
        if !removedActors.isEmpty {
            parts.append(list(removedActors.count == 1 ? "removing actor" : "removing actors", removedActors))
        }
        if !addedRegions.isEmpty { parts.append(list(addedRegions.count == 1 ? "region" : "regions", addedRegions)) }
        if !removedRegions.isEmpty {
            parts.append(list(removedRegions.count == 1 ? "removing region" : "removing regions", removedRegions))
        }
        if old.since != new.since || old.until != new.until {
            parts.append(
                new.since == nil && new.until == nil
                    ? "clearing the dates"
                    : "dates \(new.since?.description ?? "…") – \(new.until?.description ?? "…")")
        }
        if old.categories != new.categories {
            parts.append(
                new.categories.isEmpty
                    ? "clearing the categories"
                    : "category " + new.categories.map(\.rawValue).joined(separator: ", "))
        }
        if old.minimumSeverity != new.minimumSeverity {
            parts.append(new.minimumSeverity.map { "severity ≥ " + $0.rawValue } ?? "clearing the severity")
        }
        if old.text.trimmingSpaces != new.text.trimmingSpaces {
            parts.append(new.text.trimmingSpaces.isEmpty ? "clearing the text" : "text “\(new.text.trimmingSpaces)”")
        }
        return parts.isEmpty ? "filter change" : parts.joined(separator: " · ")
    }
}

extension Filter {
    /// The chips of the filter line: "actor: JNIM", "region: Mopti", "dates: 2019 – 2021", ...
    public func chips(in dataset: Dataset) -> [String] {
        var chips: [String] = []
        for a in actors { chips.append("actor: " + dataset.actorLabel(a)) }
        for r in regions { chips.append("region: " + dataset.regionLabel(r)) }
        if since != nil || until != nil {
            chips.append("dates: \(since?.description ?? "…") – \(until?.description ?? "…")")
        }
        for c in categories { chips.append("category: " + c.rawValue) }
        if let s = minimumSeverity { chips.append("severity ≥ " + s.rawValue) }
        if !text.trimmingSpaces.isEmpty { chips.append("text: " + text.trimmingSpaces) }
        return chips
    }
}
