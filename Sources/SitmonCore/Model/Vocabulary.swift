/// A closed vocabulary stored as a `String` in the data format.
public protocol Vocabulary: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    /// What the data format calls this vocabulary in error messages ("actor kind").
    static var vocabularyName: String { get }
}

extension Vocabulary {
    /// The allowed values, for error messages.
    public static var allowedValues: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// What kind of actor a record describes.
public enum ActorKind: String, Vocabulary {
    case headOfState = "head-of-state", junta, armedForces = "armed-forces", government
    case governmentOfficial = "government-official", institution, politicalMovement = "political-movement"
    case religiousLeader = "religious-leader", jihadistGroup = "jihadist-group", militia
    case separatistGroup = "separatist-group", rebelGroup = "rebel-group", foreignState = "foreign-state"
    case foreignOperation = "foreign-operation", internationalOrganisation = "international-organisation"
    case regionalOrganisation = "regional-organisation", privateMilitaryCompany = "private-military-company"
    case analyst, civilSociety = "civil-society", protesters, civilians, other
    public static let vocabularyName = "actor kind"

    /// A short label for narrow columns.
    public var label: String {
        switch self {
        case .headOfState: "head of state"
        case .junta: "junta"
        case .armedForces: "armed forces"
        case .government: "government"
        case .governmentOfficial: "official"
        case .institution: "institution"
        case .politicalMovement: "movement"
        case .religiousLeader: "religious"
        case .jihadistGroup: "jihadist"
        case .militia: "militia"
        case .separatistGroup: "separatist"
        case .rebelGroup: "rebel"
        case .foreignState: "foreign state"
        case .foreignOperation: "foreign op."
        case .internationalOrganisation: "intl. org."
        case .regionalOrganisation: "regional org."
        case .privateMilitaryCompany: "PMC"
        case .analyst: "analyst"
        case .civilSociety: "civil society"
        case .protesters: "protesters"
        case .civilians: "civilians"
        case .other: "other"
        }
    }
}

/// How two actors are related. Read as "from KIND to".
public enum RelationKind: String, Vocabulary {
    case allied, rival, partOf = "part-of", leads, memberOf = "member-of", negotiatesWith = "negotiates-with"
    case sanctions, supports, deposes, detains, appoints, fights, condemns, succeeds, other
    public static let vocabularyName = "relation kind"
}

/// The category of a dated record.
public enum Category: String, Vocabulary {
    case coup, protest, riot, election, transition, appointment, sanction
    case foreignIntervention = "foreign-intervention", diplomacy, agreement, attack, massacre
    case armedClash = "armed-clash", remoteViolence = "remote-violence"
    case violenceAgainstCivilians = "violence-against-civilians", abduction
    case securityAlert = "security-alert", strategicDevelopment = "strategic-development", report, other
    public static let vocabularyName = "category"

    /// A one-character marker for the timeline.
    public var marker: Character {
        switch self {
        case .coup: "C"
        case .protest, .riot: "P"
        case .election: "E"
        case .transition, .appointment: "T"
        case .sanction: "S"
        case .foreignIntervention: "F"
        case .diplomacy, .agreement: "D"
        case .attack, .armedClash, .remoteViolence: "A"
        case .massacre, .violenceAgainstCivilians, .abduction: "M"
        case .securityAlert: "!"
        case .strategicDevelopment: "s"
        case .report: "R"
        case .other: "·"
        }
    }

    /// True for violent categories: an imported record of one is an incident.
    public var isViolent: Bool {
        switch self {
        case .attack, .massacre, .armedClash, .remoteViolence, .violenceAgainstCivilians, .abduction: true
        default: false
        }
    }
}

/// Severity on Crisis24's scale.
public enum Severity: String, Vocabulary, Comparable {
    case info, notice, warning, critical
    public static let vocabularyName = "severity"
    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// The severity of an imported record of any kind, from its deaths and type: `critical` from 10 deaths,
    /// `warning` from 1 death or for any incident, `notice` for a riot without deaths, else `info`. A 46-death mob
    /// attack is critical whether it is an incident or a timeline event.
    public static func derived(kind: RecordKind, category: Category, fatalities: Int) -> Severity {
        if fatalities >= 10 { return .critical }
        if fatalities >= 1 || kind == .incident || category.isViolent { return .warning }
        return category == .riot ? .notice : .info
    }
}

/// Kinds of region.
public enum RegionKind: String, Vocabulary {
    case region, district, region2023 = "region-2023", country
    public static let vocabularyName = "region kind"
}

/// Zones as the sources use them.
public enum Zone: String, Vocabulary {
    case north, centre, south, west, capital, neighbour, other
    public static let vocabularyName = "zone"
}

/// Jihadist presence in a region, as a source describes it.
public enum Presence: String, Vocabulary, Comparable {
    case none, low, moderate, high, control
    public static let vocabularyName = "presence"
    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: Presence, rhs: Presence) -> Bool { lhs.rank < rhs.rank }
}

/// The direction of activity in a region.
public enum Trend: String, Vocabulary {
    case rising, stable, falling, unknown
    public static let vocabularyName = "trend"

    public var arrow: String {
        switch self {
        case .rising: "↑"
        case .stable: "→"
        case .falling: "↓"
        case .unknown: "?"
        }
    }
}

/// How a figure relates to its value.
public enum Qualifier: String, Vocabulary {
    case exact, moreThan = "more-than", about, atLeast = "at-least", lessThan = "less-than"
    public static let vocabularyName = "qualifier"
}

/// Whether a dated record is a timeline event or an incident of armed activity.
public enum RecordKind: UInt8, Sendable, Hashable {
    case event = 0, incident = 1
    public var name: String { self == .event ? "event" : "incident" }
}
