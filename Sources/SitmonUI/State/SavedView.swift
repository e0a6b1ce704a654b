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

    /// The format version; 1. A view of a later version (saved by a newer sitmon) is refused by `ViewStore`.
    public var version = SavedView.currentVersion
    /// The version this sitmon writes and reads.
    public static let currentVersion = 1
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
        // Looked up by id in a table, each id once: a view listing a million ids takes a second, not hours.
        func resolve(_ ids: [String], _ kind: String, _ all: [String]) -> [Int32] {
            var index: [String: Int32] = [:]
            for (k, id) in all.enumerated() where index[id] == nil { index[id] = Int32(k) }
            var kept: [Int32] = [], seen = Set<Int32>(), unknown: [String] = [], seenUnknown = Set<String>()
            for id in ids {
                if let k = index[id] {
                    if seen.insert(k).inserted { kept.append(k) }
                } else if seenUnknown.insert(id).inserted {
                    unknown.append(id)
                }
            }
            if let note = Self.unknownNote(unknown, kind) { notes.append(note) }
            return kept
        }
        filter.actors = resolve(actors, "actor", dataset.actors.map(\.id))
        filter.regions = resolve(regions, "region", dataset.regions.map(\.id))
        // A date, or nil with a note when it is not one.
        func date(_ text: String?, _ field: String) -> PartialDate? {
            guard let text else { return nil }
            guard let date = PartialDate(iso: text) else {
                notes.append("\(field): “\(text)” is not a date")
                return nil
            }
            return date
        }
        filter.since = date(since, "since")
        filter.until = date(until, "until")
        for name in categories {
            if let category = Category(rawValue: name) {
                filter.categories.append(category)
            } else {
                notes.append("unknown category \(name)")
            }
        }
        if let minimumSeverity {
            if let severity = Severity(rawValue: minimumSeverity) {
                filter.minimumSeverity = severity
            } else {
                notes.append("unknown severity \(minimumSeverity)")
            }
        }
        filter.text = text
        return (filter, notes)
    }

    /// How many ids shown in full when a view lists ids the data does not have.
    static let shownUnknown = 3

    /// One note for the ids of `kind` not in the data: "actor a is not in the data", or "1,000,000 unknown actors:
    /// a, b, c …" (never one line per id: a view may list a million).
    static func unknownNote(_ unknown: [String], _ kind: String) -> String? {
        guard let first = unknown.first else { return nil }
        if unknown.count == 1 { return "\(kind) \(first) is not in the data" }
        let shown = unknown.prefix(shownUnknown).joined(separator: ", ")
        return "\(grouped(unknown.count)) unknown \(kind)s: \(shown)" + (unknown.count > shownUnknown ? " …" : "")
    }

    /// 1000000 as "1,000,000".
    static func grouped(_ n: Int) -> String {
        var digits = String(n), result = ""
        while digits.count > 3 {
            result = "," + digits.suffix(3) + result
            digits.removeLast(3)
        }
        return digits + result
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
        if let sort = ActorSort(rawValue: saved.actorSort) {
            actorSort = sort
        } else {
            notes.append("unknown sort \(saved.actorSort)")
        }
        if let sort = RegionSort(rawValue: saved.regionSort) {
            regionSort = sort
        } else {
            notes.append("unknown sort \(saved.regionSort)")
        }
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
