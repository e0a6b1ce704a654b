/// Activity in one region under the current filter.
public struct RegionActivity: Sendable, Hashable {
    public var region: Int32
    /// Incidents in the view: records of kind incident (the header's count), whatever their category.
    public var incidents: Int = 0
    /// Timeline events in the view that name the region (riots, protests, clashes recorded as events…).
    public var events: Int = 0
    /// Deaths reported by every record in the view that names the region, incidents and events alike.
    public var fatalities: Int = 0
    /// The part of `fatalities` reported by timeline events (riots, protests, excessive force…).
    public var eventFatalities: Int = 0
    /// The part of `fatalities` reported by incidents.
    public var incidentFatalities: Int { fatalities - eventFatalities }
    /// Most active perpetrator groups, most incidents first: (actor, incidents).
    public var groups: [ActorCount] = []
    public var firstDay: Int32?
    public var lastDay: Int32?
    /// Incidents per year, oldest first.
    public var perYear: [YearCount] = []
    /// The trend: from the latest assessment within the date range, else from the last two years' incident counts.
    public var trend: Trend = .unknown
    /// The presence level of the latest assessment within the date range, if any.
    public var presence: Presence?
    /// Groups the sources name as active here, from the assessments in the view.
    public var assessedGroups: [Int32] = []
    /// The latest of the region's assessments whose period overlaps the date range (an index into
    /// `Dataset.assessments`), or −1: the trend and presence come from it.
    public var latestAssessment: Int32 = -1

    public var total: Int { incidents + events }
}

/// An actor and a number of records. 8 bytes (the count kept as `Int32`): every view holds one per perpetrator
/// group of each region, hundreds of thousands at a million ACLED rows and 20,000 actors.
public struct ActorCount: Sendable, Hashable {
    public var actor: Int32
    private var stored: Int32
    public var count: Int {
        get { Int(stored) }
        set { stored = Int32(clamping: newValue) }
    }

    public init(actor: Int32, count: Int) {
        self.actor = actor
        stored = Int32(clamping: count)
    }
}

/// A year and a number of records.
public struct YearCount: Sendable, Hashable {
    public var year: Int
    public var count: Int
}

/// The answer to a filter: the three panes' contents, computed by `QueryEngine` in one pass.
public struct View: Sendable {
    public var filter: Filter
    /// Matching records, in date order.
    public var records: [Int32]
    /// Records in the view per actor (indexed by actor).
    public var actorCounts: [Int32]
    /// Actors to list: those with records in the view, the filtered ones, or all actors when nothing narrows them.
    public var actors: [Int32]
    /// Per-region activity: regions with records in the view, the filter's own regions and regions whose
    /// assessments fit the filter; with no filter, every region of Mali and the Bamako district, and the
    /// neighbours and 2023 regions that have records or assessments.
    public var regions: [RegionActivity]
    public var eventCount: Int
    public var incidentCount: Int
    public var fatalities: Int
    /// The part of `fatalities` reported by timeline events (riots, protests, excessive force…), not incidents.
    public var eventFatalities: Int = 0
    /// Records per month, from the first to the last month of the view: (months since year 0, count).
    public var monthly: [MonthCount]
    /// Assessments that fit the filter: their region, a group named in them and their period match.
    public var assessments: [Int32] = []

    /// Number of records per month.
    public struct MonthCount: Sendable, Hashable {
        public var month: Int
        public var count: Int
        public var coups: Int
    }
}
