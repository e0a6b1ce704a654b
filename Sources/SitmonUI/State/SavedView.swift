import SitmonCore

/// A saved view: the filter, the focused pane, the sorts and the selected items, by dataset ids (never indexes),
/// so that it survives reloads and new versions of the data. Stored as JSON (see docs/configuration.md).
public struct SavedView: Codable, Sendable, Hashable {
    /// The filter by ids and values as written in the dataset.
    public struct FilterIds: Codable, Sendable, Hashable {
        public var actors: [String] = []
        public var regions: [String] = []
        public var since: String?
        public var until: String?
        public var categories: [String] = []
        public var minimumSeverity: String?
        public var text: String = ""

        public init() {}
    }

    /// The selected item of each list pane, by id.
    public struct Selection: Codable, Sendable, Hashable {
        public var actor: String?
        public var region: String?
        public var record: String?

        public init() {}
    }

    /// The format version; 1.
    public var version = 1
    public var filter = FilterIds()
    /// The focused pane: actors, timeline, regions or detail.
    public var focus = "timeline"
    /// The list pane the detail pane shows.
    public var detailSource = "timeline"
    public var actorSort = ActorSort.activity.rawValue
    public var regionSort = RegionSort.incidents.rawValue
    /// `newest` or `oldest`.
    public var timelineSort = "newest"
    public var selection = Selection()

    public init() {}

    /// The view shown by `state`.
    public init(_ state: AppState) {
        let dataset = state.dataset
        filter = FilterIds(state.filter, in: dataset)
        focus = state.focus.name
        detailSource = state.detailSource.name
        actorSort = state.actorSort.rawValue
        regionSort = state.regionSort.rawValue
        timelineSort = state.timelineSort == .oldest ? "oldest" : "newest"
        selection.actor = state.selectedActor.map { dataset.actors[Int($0)].id }
        selection.region = state.selectedRegion.map { dataset.regions[Int($0)].id }
        selection.record = state.selectedRecord.map { dataset.records.id(Int($0)) }
    }
}

extension SavedView.FilterIds {
    /// The ids of a filter.
    public init(_ filter: Filter, in dataset: Dataset) {
        actors = filter.actors.map { dataset.actors[Int($0)].id }
        regions = filter.regions.map { dataset.regions[Int($0)].id }
        since = filter.since?.description
        until = filter.until?.description
        categories = filter.categories.map(\.rawValue)
        minimumSeverity = filter.minimumSeverity?.rawValue
        text = filter.text
    }

    /// The filter in `dataset`, and a note for each id or value that is not there any more (those are dropped).
    public func filter(in dataset: Dataset) -> (Filter, notes: [String]) {
        var filter = Filter()
        var notes: [String] = []
        for id in actors {
            if let k = dataset.actors.firstIndex(where: { $0.id == id }) {
                if !filter.actors.contains(Int32(k)) { filter.actors.append(Int32(k)) }
            } else {
                notes.append("actor \(id) is not in the data")
            }
        }
        for id in regions {
            if let k = dataset.regions.firstIndex(where: { $0.id == id }) {
                if !filter.regions.contains(Int32(k)) { filter.regions.append(Int32(k)) }
            } else {
                notes.append("region \(id) is not in the data")
            }
        }
        if let since {
            if let date = PartialDate(iso: since) { filter.since = date } else { notes.append("since: “\(since)” is not a date") }
        }
        if let until {
            if let date = PartialDate(iso: until) { filter.until = date } else { notes.append("until: “\(until)” is not a date") }
        }
        for name in categories {
            if let category = Category(rawValue: name) { filter.categories.append(category) } else {
                notes.append("unknown category \(name)")
            }
        }
        if let minimumSeverity {
            if let severity = Severity(rawValue: minimumSeverity) { filter.minimumSeverity = severity } else {
                notes.append("unknown severity \(minimumSeverity)")
            }
        }
        filter.text = text
        return (filter, notes)
    }
}

extension Pane {
    /// The lower-case name used in saved views.
    public var name: String { title.lowercased() }

    /// The pane called `name` (actors, timeline, regions, detail).
    public init?(name: String) {
        guard let pane = Pane.allCases.first(where: { $0.name == name }) else { return nil }
        self = pane
    }
}

extension AppState {
    /// Shows a saved view: its filter (as a new undo step), focus, sorts and selections. Ids no longer in the data
    /// are dropped; the returned notes say which (for the status line), never an error.
    @discardableResult
    public mutating func restore(_ saved: SavedView) -> [String] {
        var (filter, notes) = saved.filter.filter(in: dataset)
        if let sort = ActorSort(rawValue: saved.actorSort) { actorSort = sort } else { notes.append("unknown sort \(saved.actorSort)") }
        if let sort = RegionSort(rawValue: saved.regionSort) { regionSort = sort } else { notes.append("unknown sort \(saved.regionSort)") }
        timelineSort = saved.timelineSort == "oldest" ? .oldest : .newest
        if let pane = Pane(name: saved.focus) { focus = pane } else { notes.append("unknown pane \(saved.focus)") }
        if let pane = Pane(name: saved.detailSource), pane != .detail { detailSource = pane }
        deriveRows()
        runFilter(filter)
        deriveRows()
        let dataset = self.dataset
        var actor: Int32?, region: Int32?, record: Int32?
        if let id = saved.selection.actor {
            actor = dataset.actors.firstIndex { $0.id == id }.map { Int32($0) }
            if actor == nil { notes.append("actor \(id) is not in the data") }
        }
        if let id = saved.selection.region {
            region = dataset.regions.firstIndex { $0.id == id }.map { Int32($0) }
            if region == nil { notes.append("region \(id) is not in the data") }
        }
        if let id = saved.selection.record {
            record = (0..<dataset.records.count).first { dataset.records.id($0) == id }.map { Int32($0) }
            if record == nil { notes.append("record \(id) is not in the data") }
        }
        reselect(actor: actor, record: record, region: region)
        cursors[.detail] = ListCursor()
        var seen = Set<String>()
        return notes.filter { seen.insert($0).inserted }
    }
}
