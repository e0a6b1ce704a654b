/// What the user looks at: actors, regions, a date range, categories, a minimum severity and free text.
/// Several values of one kind are OR, different kinds are AND (see docs/architecture.md).
public struct Filter: Sendable, Hashable {
    /// Actor indexes. An actor also stands for the groups under it (JNIM includes Katiba Macina).
    public var actors: [Int32]
    /// Region indexes. A region also stands for the regions cut from it in 2023 (Mopti includes Bandiagara).
    public var regions: [Int32]
    public var since: PartialDate?
    public var until: PartialDate?
    public var categories: [Category]
    public var minimumSeverity: Severity?
    /// Free text, matched case- and diacritic-insensitively.
    public var text: String

    public init(
        actors: [Int32] = [], regions: [Int32] = [], since: PartialDate? = nil, until: PartialDate? = nil,
        categories: [Category] = [], minimumSeverity: Severity? = nil, text: String = ""
    ) {
        self.actors = actors
        self.regions = regions
        self.since = since
        self.until = until
        self.categories = categories
        self.minimumSeverity = minimumSeverity
        self.text = text
    }

    public static let all = Filter()

    public var isEmpty: Bool {
        actors.isEmpty && regions.isEmpty && since == nil && until == nil && categories.isEmpty
            && minimumSeverity == nil && text.trimmingSpaces.isEmpty
    }

    /// Adds the actor, or removes it when already there.
    public mutating func toggle(actor: Int32) {
        if let k = actors.firstIndex(of: actor) { actors.remove(at: k) } else { actors.append(actor) }
    }

    /// Adds the region, or removes it when already there.
    public mutating func toggle(region: Int32) {
        if let k = regions.firstIndex(of: region) { regions.remove(at: k) } else { regions.append(region) }
    }

    /// The filter in words, for briefings and the header: `actor JNIM or ISGS; region Mopti; since 2020-01-01`.
    public func describe(in dataset: Dataset) -> String {
        var parts: [String] = []
        if !actors.isEmpty {
            parts.append("actor " + actors.map { dataset.actorLabel($0) }.joined(separator: " or "))
        }
        if !regions.isEmpty {
            parts.append("region " + regions.map { dataset.regionLabel($0) }.joined(separator: " or "))
        }
        if let since { parts.append("since \(since)") }
        if let until { parts.append("until \(until)") }
        if !categories.isEmpty { parts.append("category " + categories.map(\.rawValue).joined(separator: " or ")) }
        if let minimumSeverity { parts.append("severity ≥ \(minimumSeverity.rawValue)") }
        if !text.trimmingSpaces.isEmpty { parts.append("text “\(text.trimmingSpaces)”") }
        return parts.isEmpty ? "everything" : parts.joined(separator: "; ")
    }
}

extension Assessment {
    /// True when the assessment's period overlaps the filter's date range (an open end overlaps everything on
    /// that side; an undated assessment is always in range).
    public func overlaps(since: PartialDate?, until: PartialDate?) -> Bool {
        if let since, let last = end ?? start, last.lastDay < since.day { return false }
        if let until, let first = start, first.day > until.lastDay { return false }
        return true
    }
}

extension Dataset {
    /// The short name of an actor, or its name.
    public func actorLabel(_ index: Int32) -> String {
        guard index >= 0, Int(index) < actors.count else { return "?" }
        return actors[Int(index)].shortName ?? actors[Int(index)].name
    }

    /// The name of a region.
    public func regionLabel(_ index: Int32) -> String {
        guard index >= 0, Int(index) < regions.count else { return "?" }
        return regions[Int(index)].name
    }
}
