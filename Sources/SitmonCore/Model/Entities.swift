/// Dataset metadata.
public struct DatasetInfo: Sendable, Hashable {
    public var id: String
    public var title: String
    public var description: String
    public var asOf: PartialDate?
    public var licence: String
    public var attribution: String

    public init(
        id: String, title: String, description: String = "", asOf: PartialDate? = nil,
        licence: String = "", attribution: String = ""
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.asOf = asOf
        self.licence = licence
        self.attribution = attribution
    }
}

/// A cited document.
public struct Source: Sendable, Hashable {
    public var id: String
    public var title: String
    public var publisher: String?
    public var authors: [String]
    public var date: PartialDate?
    public var url: String?
    /// When the page at `url` was read (reference pages such as Wikipedia change over time).
    public var accessed: PartialDate?
    public var document: String?
    public var note: String?

    public init(
        id: String, title: String, publisher: String? = nil, authors: [String] = [], date: PartialDate? = nil,
        url: String? = nil, accessed: PartialDate? = nil, document: String? = nil, note: String? = nil
    ) {
        self.id = id
        self.title = title
        self.publisher = publisher
        self.authors = authors
        self.date = date
        self.url = url
        self.accessed = accessed
        self.document = document
        self.note = note
    }

    /// A one-line citation: `Publisher, "Title", authors, date, url (accessed DATE)`. The `document` name is a
    /// curator's reference (a file name) and is not part of it.
    public var citation: String {
        guard let url else { return reference }
        return reference + ", " + (accessed.map { "\(url) (accessed \($0.readable))" } ?? url)
    }

    /// The citation without its address: publisher, title, authors and date.
    public var reference: String {
        var parts: [String] = []
        if let publisher, !publisher.trimmingSpaces.isEmpty { parts.append(publisher) }
        parts.append("“\(title)”")
        if !authors.isEmpty { parts.append(authors.joined(separator: ", ")) }
        if let date { parts.append(date.readable) }
        return parts.joined(separator: ", ")
    }
}

/// A role an actor held over a period.
public struct ActorRole: Sendable, Hashable {
    public var title: String
    public var start: PartialDate?
    public var end: PartialDate?
    public var sources: [Int32]

    public init(title: String, start: PartialDate? = nil, end: PartialDate? = nil, sources: [Int32] = []) {
        self.title = title
        self.start = start
        self.end = end
        self.sources = sources
    }
}

/// A person, group, state or organisation.
public struct Actor: Sendable, Hashable {
    public var id: String
    public var name: String
    public var shortName: String?
    public var aliases: [String]
    public var kind: ActorKind
    /// Index of the parent actor (affiliation), if any.
    public var parent: Int32?
    public var roles: [ActorRole]
    public var summary: String?
    public var sources: [Int32]

    public init(
        id: String, name: String, shortName: String? = nil, aliases: [String] = [], kind: ActorKind,
        parent: Int32? = nil, roles: [ActorRole] = [], summary: String? = nil, sources: [Int32] = []
    ) {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.aliases = aliases
        self.kind = kind
        self.parent = parent
        self.roles = roles
        self.summary = summary
        self.sources = sources
    }

    /// The name to show where space is short.
    public var displayName: String { name }
}

/// A relation between two actors, read as "from KIND to".
public struct Relation: Sendable, Hashable {
    public var id: String
    public var kind: RelationKind
    public var from: Int32
    public var to: Int32
    public var start: PartialDate?
    public var end: PartialDate?
    public var note: String?
    public var sources: [Int32]

    public init(
        id: String, kind: RelationKind, from: Int32, to: Int32, start: PartialDate? = nil,
        end: PartialDate? = nil, note: String? = nil, sources: [Int32] = []
    ) {
        self.id = id
        self.kind = kind
        self.from = from
        self.to = to
        self.start = start
        self.end = end
        self.note = note
        self.sources = sources
    }
}

/// A place with its coordinates.
public struct Place: Sendable, Hashable {
    public var name: String
    public var latitude: Double
    public var longitude: Double

    public init(name: String, latitude: Double, longitude: Double) {
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// A region of Mali, the Bamako district, or a neighbouring country.
public struct Region: Sendable, Hashable {
    public var id: String
    public var name: String
    public var aliases: [String]
    public var kind: RegionKind
    public var iso: String?
    public var zone: Zone
    public var parent: Int32?
    public var capital: Place?
    public var sources: [Int32]

    public init(
        id: String, name: String, aliases: [String] = [], kind: RegionKind, iso: String? = nil, zone: Zone,
        parent: Int32? = nil, capital: Place? = nil, sources: [Int32] = []
    ) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.kind = kind
        self.iso = iso
        self.zone = zone
        self.parent = parent
        self.capital = capital
        self.sources = sources
    }
}

/// What the sources say about jihadist presence in a region over a period.
public struct Assessment: Sendable, Hashable {
    public var id: String
    public var region: Int32
    public var start: PartialDate?
    public var end: PartialDate?
    public var presence: Presence
    public var trend: Trend
    public var groups: [Int32]
    public var statement: String
    public var sources: [Int32]

    public init(
        id: String, region: Int32, start: PartialDate? = nil, end: PartialDate? = nil, presence: Presence,
        trend: Trend, groups: [Int32] = [], statement: String, sources: [Int32] = []
    ) {
        self.id = id
        self.region = region
        self.start = start
        self.end = end
        self.presence = presence
        self.trend = trend
        self.groups = groups
        self.statement = statement
        self.sources = sources
    }
}

/// A figure a source gives ("more than 250 unlawful killings").
public struct Figure: Sendable, Hashable {
    public var label: String
    public var value: Double
    public var unit: String?
    public var qualifier: Qualifier?

    public init(label: String, value: Double, unit: String? = nil, qualifier: Qualifier? = nil) {
        self.label = label
        self.value = value
        self.unit = unit
        self.qualifier = qualifier
    }

    /// `more than 250 unlawful killings`, `4,800 people killed…`.
    public var readable: String {
        let number =
            value.rounded() == value && abs(value) < 1e15
            ? Int(value).formatted(grouping: true) : String(value)
        var parts: [String] = []
        switch qualifier {
        case .moreThan: parts.append("more than")
        case .about: parts.append("about")
        case .atLeast: parts.append("at least")
        case .lessThan: parts.append("less than")
        case .exact, nil: break
        }
        parts.append(unit == "%" ? number + " %" : (unit.map { "\(number) \($0)" } ?? number))
        return parts.joined(separator: " ") + " — " + label
    }
}

/// Where sources disagree: another value for a field, with who says it.
public struct Alternative: Sendable, Hashable {
    public var field: String
    public var value: String
    public var sources: [Int32]
    public var note: String?

    public init(field: String, value: String, sources: [Int32] = [], note: String? = nil) {
        self.field = field
        self.value = value
        self.sources = sources
        self.note = note
    }
}

extension Int {
    /// The number with thin grouping commas: 1,700,000.
    public func formatted(grouping: Bool) -> String {
        let digits = String(abs(self))
        guard grouping, digits.count > 3 else { return self < 0 ? "-" + digits : digits }
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return self < 0 ? "-" + out : out
    }
}
