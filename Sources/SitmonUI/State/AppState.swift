import SitmonCore
import SitmonScreen

/// The panes of the monitor.
public enum Pane: Int, Sendable, CaseIterable, Hashable {
    case actors = 0, timeline, regions, detail, map

    public var title: String {
        switch self {
        case .actors: "Actors"
        case .timeline: "Timeline"
        case .regions: "Regions"
        case .detail: "Detail"
        case .map: "Map"
        }
    }
}

/// How the actors pane is ordered.
public enum ActorSort: String, Sendable, CaseIterable {
    case activity, name, kind
}

/// How the regions pane is ordered.
public enum RegionSort: String, Sendable, CaseIterable {
    case incidents, fatalities, name, zone
}

/// How the timeline is ordered.
public enum TimelineSort: String, Sendable, CaseIterable {
    case oldest = "oldest first", newest = "newest first"
}

/// A selection and scroll position in a list.
public struct ListCursor: Sendable, Hashable {
    public var selection = 0
    public var scroll = 0

    public init(selection: Int = 0, scroll: Int = 0) {
        self.selection = selection
        self.scroll = scroll
    }

    /// Keeps the selection within `count` rows and visible in `height` rows.
    public mutating func clamp(count: Int, height: Int) {
        selection = count == 0 ? 0 : min(max(0, selection), count - 1)
        let h = max(1, height)
        if selection < scroll { scroll = selection }
        if selection >= scroll + h { scroll = selection - h + 1 }
        scroll = max(0, min(scroll, max(0, count - h)))
    }
}

/// A message in the footer.
public struct StatusMessage: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case info, error }
    public var text: String
    public var kind: Kind

    public init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}

/// The whole state of the monitor. `update` changes it; `render` draws it. Nothing else holds state.
public struct AppState: Sendable {
    public private(set) var engine: QueryEngine
    public var dataset: Dataset { engine.dataset }
    /// The answer to the current filter.
    public private(set) var view: View
    /// Earlier filters, for undo (`u`), each with a description of the step that left it.
    public private(set) var history: [FilterStep] = []
    /// Steps undone, for redo (Ctrl-R); a new filter change empties it.
    public private(set) var redoSteps: [FilterStep] = []
    public var focus: Pane = .timeline
    /// The list pane whose selection the detail pane shows.
    public var detailSource: Pane = .timeline
    public var cursors: [Pane: ListCursor] = [.actors: ListCursor(), .timeline: ListCursor(), .regions: ListCursor(),
                                              .detail: ListCursor(), .map: ListCursor()]
    /// Which of regions and map the medium layout shows in the slot they share: the one focused last.
    public var mapSlot: Pane = .regions
    public var actorSort: ActorSort = .activity
    public var regionSort: RegionSort = .incidents
    public var timelineSort: TimelineSort = .newest
    /// Derived rows of the list panes, in display order.
    public private(set) var actorRows: [Int32] = []
    public private(set) var regionRows: [RegionActivity] = []
    /// The regions placed on the map (the map pane's cursor selects among them).
    public private(set) var mapMarkers: [MapMarker] = []
    /// The view's located records, binned for the map.
    public private(set) var mapDensity = MapDensity()
    public var overlay: Overlay?
    /// First line of the help shown (the help scrolls when the terminal is short).
    public var helpScroll = 0
    public var message: StatusMessage?
    /// The last search, for n / N.
    public var lastSearch: String = ""
    /// The search whose matches are highlighted (`/` open or kept; Esc clears it).
    public var searchHighlight: SearchHighlight?
    public var width: Int
    public var height: Int
    public var mouseEnabled: Bool
    /// The directory exports are written to by default.
    public var exportDirectory: String
    public var shouldQuit = false
    /// Records added by the last reload, not yet seen (shown with a NEW badge until selected).
    public var newRecords: Set<Int32> = []
    /// Set while watched files are invalid: the last good data stays on screen.
    public var watchError: String?
    /// The exit status when quitting: 0, or 130 after Ctrl-C.
    public var exitStatus: Int32 = 0
    /// The colours and attributes the renderer uses (from the configuration file; `dark` by default).
    public var theme: Theme = .dark
    /// Which key runs which command (the defaults, or the configuration file's `[keys]`).
    public var keymap: Keymap = .defaults
    /// The names of the saved views, sorted (the runtime reads them from disk; `update` never touches files).
    public var savedViewNames: [String] = []
    /// The name of the saved view last opened or saved (marked in the `W` list).
    public var currentViewName: String?
    /// `H`: the regions pane leaves out the regions with nothing in view (unless they are in the filter).
    public var hideEmptyRegions = false
    /// The user's home directory, for `~` in paths typed into the export dialog (the runtime sets it).
    public var homeDirectory: String?

    public init(engine: QueryEngine, width: Int = 80, height: Int = 24, mouseEnabled: Bool = true,
                exportDirectory: String = ".") {
        self.engine = engine
        self.width = width
        self.height = height
        self.mouseEnabled = mouseEnabled
        self.exportDirectory = exportDirectory
        view = engine.run(.all)
        deriveRows()
        mapMarkers = MapMarker.markers(for: engine.dataset)
        deriveMap()
        syncRegionSelection(from: .regions)
        clampCursors()
    }

    public var filter: Filter { view.filter }

    /// Runs a new filter, keeping the previous one for undo and the selections where the items remain.
    public mutating func apply(_ filter: Filter, recordHistory: Bool = true) {
        guard filter != view.filter else { return }
        let selectedActor = selectedActor
        let selectedRecord = selectedRecord
        let selectedRegion = selectedRegion
        if recordHistory {
            history.append(FilterStep(filter: view.filter, label: FilterStep.describe(from: view.filter, to: filter, in: dataset)))
            if history.count > 200 { history.removeFirst() }
            redoSteps = []
        }
        view = engine.run(filter)
        deriveRows()
        deriveMap()
        reselect(actor: selectedActor, record: selectedRecord, region: selectedRegion)
    }

    /// Replaces the data after a reload, keeping the filter, sorts, focus and selections where their items still
    /// exist (matched by id), and marking the records that are new.
    public mutating func replaceData(with newEngine: QueryEngine) {
        let old = engine.dataset
        let new = newEngine.dataset
        func actorIndex(_ a: Int32) -> Int32? {
            let id = old.actors[Int(a)].id
            return new.actors.firstIndex { $0.id == id }.map { Int32($0) }
        }
        func regionIndex(_ r: Int32) -> Int32? {
            let id = old.regions[Int(r)].id
            return new.regions.firstIndex { $0.id == id }.map { Int32($0) }
        }
        var filter = view.filter
        filter.actors = filter.actors.compactMap(actorIndex)
        filter.regions = filter.regions.compactMap(regionIndex)
        func remap(_ step: FilterStep) -> FilterStep {
            var step = step
            step.filter.actors = step.filter.actors.compactMap(actorIndex)
            step.filter.regions = step.filter.regions.compactMap(regionIndex)
            return step
        }
        history = history.map(remap)
        redoSteps = redoSteps.map(remap)
        let selectedActor = self.selectedActor.flatMap(actorIndex)
        let selectedRegion = self.selectedRegion.flatMap(regionIndex)
        let selectedMapRegion = self.selectedMapRegion.flatMap(regionIndex)
        let selectedRecordId = self.selectedRecord.map { old.records.id(Int($0)) }
        var oldIds = SymbolTable(capacity: old.records.count)
        for i in 0..<old.records.count { oldIds.intern(old.records.id(i)) }
        var added: Set<Int32> = []
        var selectedRecord: Int32?
        for i in 0..<new.records.count {
            let id = new.records.id(i)
            if oldIds.lookup(id) == nil { added.insert(Int32(i)) }
            if id == selectedRecordId { selectedRecord = Int32(i) }
        }
        // Records still unseen from the previous reload stay new.
        for k in newRecords where Int(k) < old.records.count {
            let id = old.records.id(Int(k))
            if let i = (0..<new.records.count).first(where: { new.records.id($0) == id }) { added.insert(Int32(i)) }
        }
        engine = newEngine
        view = newEngine.run(filter)
        newRecords = added
        deriveRows()
        mapMarkers = MapMarker.markers(for: newEngine.dataset)
        deriveMap()
        if let selectedMapRegion, let k = mapMarkers.firstIndex(where: { $0.region == selectedMapRegion }) {
            cursors[.map]?.selection = k
        }
        reselect(actor: selectedActor, record: selectedRecord, region: selectedRegion)
    }

    /// Marks the selected record as seen.
    public mutating func markSelectedSeen() {
        if let record = selectedRecord, !newRecords.isEmpty { newRecords.remove(record) }
    }

    /// Restores the previous filter; returns the step undone ("actor JNIM"), or nil when there is none.
    public mutating func undo() -> String? {
        guard let step = history.popLast() else { return nil }
        redoSteps.append(FilterStep(filter: view.filter, label: step.label))
        apply(step.filter, recordHistory: false)
        return step.label
    }

    /// Makes the last undone step again; returns it, or nil when there is nothing to redo.
    public mutating func redo() -> String? {
        guard let step = redoSteps.popLast() else { return nil }
        history.append(FilterStep(filter: view.filter, label: step.label))
        apply(step.filter, recordHistory: false)
        return step.label
    }

    /// The Regions pane and the Map share one selected region: after `pane` (regions or map) moved, the other
    /// selects the same region (the regions pane only when the region is in its rows).
    public mutating func syncRegionSelection(from pane: Pane) {
        switch pane {
        case .regions:
            guard let region = selectedRegion, let k = mapMarkers.firstIndex(where: { $0.region == region }) else { return }
            cursors[.map, default: ListCursor()].selection = k
        case .map:
            guard let region = selectedMapRegion, let k = regionRows.firstIndex(where: { $0.region == region }) else { return }
            cursors[.regions, default: ListCursor()].selection = k
        case .actors, .timeline, .detail:
            break
        }
    }

    mutating func reselect(actor: Int32?, record: Int32?, region: Int32?) {
        if let actor, let k = actorRows.firstIndex(of: actor) { cursors[.actors]?.selection = k }
        if let region, let k = regionRows.firstIndex(where: { $0.region == region }) { cursors[.regions]?.selection = k }
        if let record {
            if let k = timelineIndex(of: record) { cursors[.timeline]?.selection = k }
        }
        clampCursors()
    }

    /// Position of a record in the timeline as displayed (binary search on date rank).
    func timelineIndex(of record: Int32) -> Int? {
        let rank = engine.index.dateRank
        let target = rank[Int(record)]
        var low = 0, high = view.records.count
        while low < high {
            let mid = (low + high) / 2
            if rank[Int(view.records[mid])] < target { low = mid + 1 } else { high = mid }
        }
        guard low < view.records.count, view.records[low] == record else { return nil }
        return timelineSort == .oldest ? low : view.records.count - 1 - low
    }

    /// Recomputes the ordered rows of the actors and regions panes. Names compare as shown, without regard to
    /// case or accents (Ménaka before Mopti, Ségou before Sikasso).
    mutating func deriveRows() {
        let actors = dataset.actors
        let counts = view.actorCounts
        // Names compare by their rank in the index's name order (folded name, then name, then index).
        let actorRank = engine.index.actorNameRank
        func name(_ a: Int32, before b: Int32) -> Bool { actorRank[Int(a)] < actorRank[Int(b)] }
        switch actorSort {
        case .activity:
            // Most records first, then by name: one integer key per actor (count inverted, name rank), sorted as
            // plain integers (a comparison closure over 20,000 actors took ≈ 5 ms a filter change).
            let byName = engine.index.actorsByName
            actorRows = view.actors.map { a in
                UInt64(UInt32.max - UInt32(clamping: counts[Int(a)])) << 32 | UInt64(UInt32(clamping: actorRank[Int(a)]))
            }.sorted().map { byName[Int($0 & 0xFFFF_FFFF)] }
        case .name:
            actorRows = view.actors.sorted { name($0, before: $1) }
        case .kind:
            actorRows = view.actors.sorted {
                let a = actors[Int($0)], b = actors[Int($1)]
                return a.kind.label != b.kind.label ? a.kind.label < b.kind.label : name($0, before: $1)
            }
        }
        let regions = dataset.regions
        let regionRank = engine.index.regionNameRank
        func name(_ a: RegionActivity, before b: RegionActivity) -> Bool {
            regionRank[Int(a.region)] < regionRank[Int(b.region)]
        }
        let shown = hideEmptyRegions
            ? view.regions.filter { $0.total > 0 || view.filter.regions.contains($0.region) } : view.regions
        switch regionSort {
        case .incidents:
            regionRows = shown.sorted {
                $0.incidents != $1.incidents ? $0.incidents > $1.incidents
                    : ($0.total != $1.total ? $0.total > $1.total : name($0, before: $1))
            }
        case .fatalities:
            regionRows = shown.sorted { $0.fatalities != $1.fatalities ? $0.fatalities > $1.fatalities : name($0, before: $1) }
        case .name:
            regionRows = shown.sorted { name($0, before: $1) }
        case .zone:
            regionRows = shown.sorted {
                let a = regions[Int($0.region)], b = regions[Int($1.region)]
                return a.zone.rawValue != b.zone.rawValue ? a.zone.rawValue < b.zone.rawValue : name($0, before: $1)
            }
        }
    }

    /// The regions with nothing in view that `H` hides (0 when they are shown).
    public var hiddenRegionCount: Int { hideEmptyRegions ? view.regions.count - regionRows.count : 0 }

    /// `H`: shows or hides the regions with nothing in view, keeping the selected region when it stays.
    public mutating func toggleEmptyRegions() {
        let actor = selectedActor, record = selectedRecord, region = selectedRegion
        hideEmptyRegions.toggle()
        deriveRows()
        reselect(actor: actor, record: record, region: region)
        message = StatusMessage(hideEmptyRegions ? "Regions: \(hiddenRegionCount) with nothing in view hidden (H shows them)"
            : "Regions: all shown")
    }

    /// Bins the view's located records for the map (one pass, when the view changes).
    mutating func deriveMap() {
        mapDensity = MapDensity(records: view.records, store: dataset.records)
    }

    /// Number of rows in a list pane (the map's "rows" are its markers).
    public func rowCount(_ pane: Pane) -> Int {
        switch pane {
        case .actors: actorRows.count
        case .timeline: view.records.count
        case .regions: regionRows.count
        case .detail: DetailContent.lines(for: self, width: Layout.detailWidth(self)).count
        case .map: mapMarkers.count
        }
    }

    /// The record at a timeline row, honouring the sort.
    public func timelineRecord(at row: Int) -> Int32? {
        guard row >= 0, row < view.records.count else { return nil }
        return timelineSort == .oldest ? view.records[row] : view.records[view.records.count - 1 - row]
    }

    public var selectedActor: Int32? {
        let k = cursors[.actors]?.selection ?? 0
        return k < actorRows.count ? actorRows[k] : nil
    }

    public var selectedRecord: Int32? { timelineRecord(at: cursors[.timeline]?.selection ?? 0) }

    public var selectedRegion: Int32? {
        let k = cursors[.regions]?.selection ?? 0
        return k < regionRows.count ? regionRows[k].region : nil
    }

    /// The region of the selected map marker.
    public var selectedMapRegion: Int32? {
        let k = cursors[.map]?.selection ?? 0
        return k < mapMarkers.count ? mapMarkers[k].region : nil
    }

    /// Keeps every cursor within its rows and visible.
    public mutating func clampCursors() {
        let layout = Layout(self)
        for pane in Pane.allCases {
            cursors[pane, default: ListCursor()].clamp(count: rowCount(pane), height: layout.listHeight(pane))
        }
    }

    /// Changes the sort of a pane and re-derives rows, keeping the selected item.
    mutating func cycleSort(_ pane: Pane) {
        let actor = selectedActor, record = selectedRecord, region = selectedRegion
        switch pane {
        case .actors:
            actorSort = ActorSort.allCases[((ActorSort.allCases.firstIndex(of: actorSort) ?? 0) + 1) % ActorSort.allCases.count]
            message = StatusMessage("Actors sorted by \(actorSort.rawValue)")
        case .regions:
            regionSort = RegionSort.allCases[((RegionSort.allCases.firstIndex(of: regionSort) ?? 0) + 1) % RegionSort.allCases.count]
            message = StatusMessage("Regions sorted by \(regionSort.rawValue)")
        case .map:
            message = StatusMessage("The map has no sort (s sorts the regions pane)")
            return
        case .timeline, .detail:
            timelineSort = timelineSort == .oldest ? .newest : .oldest
            message = StatusMessage("Timeline: \(timelineSort.rawValue)")
        }
        deriveRows()
        reselect(actor: actor, record: record, region: region)
    }
}
