/// Fatalities as reported: a best estimate and, where sources disagree, a low and a high.
public struct Fatalities: Sendable, Hashable {
    public var best: Int?
    public var low: Int?
    public var high: Int?
    public var note: String?

    public init(best: Int? = nil, low: Int? = nil, high: Int? = nil, note: String? = nil) {
        self.best = best
        self.low = low
        self.high = high
        self.note = note
    }

    /// The figure to add up: best, else low, else high, else 0.
    public var count: Int { best ?? low ?? high ?? 0 }

    /// `5`, `77–100`, `12 (10–15)`.
    public var readable: String {
        switch (best, low, high) {
        case let (b?, l?, h?) where l != h: return "\(b) (\(l)–\(h))"
        case let (b?, _, _): return String(b)
        case let (nil, l?, h?): return l == h ? String(l) : "\(l)–\(h)"
        case let (nil, l?, nil): return "≥ \(l)"
        case let (nil, nil, h?): return "≤ \(h)"
        default: return "?"
        }
    }
}

/// An actor's part in a record.
public struct Participation: Sendable, Hashable {
    public var actor: Int32
    public var role: String

    public init(actor: Int32, role: String) {
        self.actor = actor
        self.role = role
    }
}

/// One dated record (a timeline event or an incident), materialised from the columnar `RecordStore`.
/// Used to build stores (importers, the generator, tests) and to read one record (detail, export).
public struct Record: Sendable, Hashable {
    public var kind: RecordKind
    public var id: String
    public var date: PartialDate
    public var end: PartialDate?
    /// Minutes after midnight UTC, where the source gives a time.
    public var time: Int?
    public var category: Category
    public var severity: Severity
    /// The title; for incidents without one, a title derived from category and place.
    public var title: String
    /// False when `title` was derived rather than given.
    public var hasTitle: Bool
    public var summary: String?
    public var actors: [Participation]
    public var regions: [Int32]
    public var location: String?
    public var latitude: Double?
    public var longitude: Double?
    public var fatalities: Fatalities?
    public var target: String?
    public var originalType: String?
    public var note: String?
    public var figures: [Figure]
    public var alternatives: [Alternative]
    public var sources: [Int32]
    /// What the source data says about the record, verbatim (imports); nil when nothing is known.
    public var origin: RecordOrigin?

    public init(
        kind: RecordKind, id: String, date: PartialDate, end: PartialDate? = nil, time: Int? = nil,
        category: Category, severity: Severity = .info, title: String = "", summary: String? = nil,
        actors: [Participation] = [], regions: [Int32] = [], location: String? = nil,
        latitude: Double? = nil, longitude: Double? = nil, fatalities: Fatalities? = nil,
        target: String? = nil, originalType: String? = nil, note: String? = nil, figures: [Figure] = [],
        alternatives: [Alternative] = [], sources: [Int32] = [], origin: RecordOrigin? = nil
    ) {
        self.kind = kind
        self.id = id
        self.date = date
        self.end = end
        self.time = time
        self.category = category
        self.severity = severity
        self.title = title
        self.hasTitle = !title.isEmpty
        self.summary = summary
        self.actors = actors
        self.regions = regions
        self.location = location
        self.latitude = latitude
        self.longitude = longitude
        self.fatalities = fatalities
        self.target = target
        self.originalType = originalType
        self.note = note
        self.figures = figures
        self.alternatives = alternatives
        self.sources = sources
        self.origin = origin
    }

    /// The perpetrators (actors whose role is `perpetrator`).
    public var perpetrators: [Int32] { actors.filter { $0.role == RecordStore.perpetratorRole }.map(\.actor) }

    /// `HH:MMZ`, when a time is known.
    public var timeText: String? {
        time.map { String($0 / 60).leftPadded(2) + ":" + String($0 % 60).leftPadded(2) + "Z" }
    }
}

/// Rarely used parts of a record, kept out of the columns.
struct RecordExtras: Sendable, Hashable {
    var figures: [Figure] = []
    var alternatives: [Alternative] = []
}
