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
    public var focus: Pane = .timeline {
        didSet { if focus != oldValue { layOut() } }
    }
    /// The list pane whose selection the detail pane shows.
    public var detailSource: Pane = .timeline
    public var cursors: [Pane: ListCursor] = [
        .actors: ListCursor(), .timeline: ListCursor(), .regions: ListCursor(),
        .detail: ListCursor(), .map: ListCursor(),
    ]
    /// Which of regions and map the medium layout shows in the slot they share: the one focused last.
    public var mapSlot: MapSlot = .regions {
        didSet { if mapSlot != oldValue { layOut() } }
    }
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
    public var message: StatusMessage?
    /// The last search, for n / N.
    public var lastSearch: String = ""
    /// The search whose matches are highlighted (`/` open or kept; Esc clears it).
    public var searchHighlight: SearchHighlight?
    /// n, N or Enter in `/` waiting for the records' search text: run by `.searchTextReady`, dropped by any other
    /// key.
    public var waitingSearch: WaitingSearch?
    /// A text filter kept with Enter before the records' search text was ready: applied by `.searchTextReady`, or
    /// by the next key first.
    public var waitingTextFilter: WaitingTextFilter?
    /// True when something typed waits for the records' search text (`.searchTextReady` answers it): the runtime
    /// then watches for the text to be ready.
    public var awaitsSearchText: Bool {
        if waitingSearch != nil || waitingTextFilter != nil { return true }
        switch overlay {
        case .search(let search)?: return search.waiting != nil
        case .textFilter(let editor)?: return editor.waiting
        default: return false
        }
    }
    /// The terminal size.
    public var width: Int {
        didSet { if width != oldValue { layOut() } }
    }
    public var height: Int {
        didSet { if height != oldValue { layOut() } }
    }
    /// Where the panes are for the size, focus and map slot, kept up to date when one of them changes (glow's
    /// `setSize`): `update` pages and clamps with it, `render` draws into it.
    public private(set) var layout: Layout
    /// The detail pane's lines, laid out when what it shows or its width changes (see `detailLines`).
    public private(set) var detailText = DetailText()
    /// Counts the data loads (a reload replaces the engine), so derived text knows when it is stale.
    public private(set) var dataGeneration = 0
    public var mouseEnabled: Bool
    /// The directory exports are written to by default.
    public var exportDirectory: String
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

    public init(
        engine: QueryEngine, width: Int = 80, height: Int = 24, mouseEnabled: Bool = true,
        exportDirectory: String = "."
    ) {
        self.engine = engine
        self.width = width
        self.height = height
        self.mouseEnabled = mouseEnabled
        self.exportDirectory = exportDirectory
        layout = Layout(width: width, height: height, focus: .timeline)
        view = engine.run(.all)
        deriveRows()
        mapMarkers = MapMarker.markers(for: engine.dataset)
        deriveMap()
        syncRegionSelection(from: .regions)
        clampCursors()
    }

    public var filter: Filter { view.filter }

    /// Runs a new filter, keeping the previous one for undo and the selections where the items remain.
    public mutating func runFilter(_ filter: Filter, recordHistory: Bool = true) {
        guard filter != view.filter else { return }
        let selectedActor = selectedActor
        let selectedRecord = selectedRecord
        let selectedRegion = selectedRegion
        if recordHistory {
            history.append(
                FilterStep(filter: view.filter, label: FilterStep.describe(from: view.filter, to: filter, in: dataset)))
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
        let reload = ReloadReconciliation(old: engine.dataset, new: newEngine.dataset)
        let filter = reload.filter(view.filter)
        history = history.map(reload.step)
        redoSteps = redoSteps.map(reload.step)
        let selectedActor = self.selectedActor.flatMap(reload.actor)
        let selectedRegion = self.selectedRegion.flatMap(reload.region)
        let selectedMapRegion = self.selectedMapRegion.flatMap(reload.region)
        let (added, selectedRecord) = reload.newRecords(unseen: newRecords, selected: self.selectedRecord)
        engine = newEngine
        dataGeneration += 1
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
        runFilter(step.filter, recordHistory: false)
        return step.label
    }

    /// Makes the last undone step again; returns it, or nil when there is nothing to redo.
    public mutating func redo() -> String? {
        guard let step = redoSteps.popLast() else { return nil }
        history.append(FilterStep(filter: view.filter, label: step.label))
        runFilter(step.filter, recordHistory: false)
        return step.label
    }

    /// The Regions pane and the Map share one selected region: after `pane` (regions or map) moved, the other
    /// selects the same region (the regions pane only when the region is in its rows).
    public mutating func syncRegionSelection(from pane: Pane) {
        switch pane {
        case .regions:
            guard let region = selectedRegion, let k = mapMarkers.firstIndex(where: { $0.region == region }) else {
                return
            }
            cursors[.map, default: ListCursor()].selection = k
        case .map:
            guard let region = selectedMapRegion, let k = regionRows.firstIndex(where: { $0.region == region }) else {
                return
            }
            cursors[.regions, default: ListCursor()].selection = k
        case .actors, .timeline, .detail:
            break
        }
    }

    mutating func reselect(actor: Int32?, record: Int32?, region: Int32?) {
        if let actor, let k = actorRows.firstIndex(of: actor) { cursors[.actors]?.selection = k }
        if let region, let k = regionRows.firstIndex(where: { $0.region == region }) {
            cursors[.regions]?.selection = k
        }
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

    /// Recomputes the ordered rows of the actors and regions panes (`ActorSort.rows`, `RegionSort.rows`).
    mutating func deriveRows() {
        actorRows = actorSort.rows(of: view, actors: dataset.actors, index: engine.index)
        let shown =
            hideEmptyRegions
            ? view.regions.filter { $0.total > 0 || view.filter.regions.contains($0.region) } : view.regions
        regionRows = regionSort.rows(of: shown, regions: dataset.regions, index: engine.index)
    }

    /// The regions with nothing in view that `H` hides (0 when they are shown).
    public var hiddenRegionCount: Int { hideEmptyRegions ? view.regions.count - regionRows.count : 0 }

    /// `H`: shows or hides the regions with nothing in view, keeping the selected region when it stays.
    public mutating func toggleEmptyRegions() {
        let actor = selectedActor, record = selectedRecord, region = selectedRegion
        hideEmptyRegions.toggle()
        deriveRows()
        reselect(actor: actor, record: record, region: region)
        message = StatusMessage(
            hideEmptyRegions
                ? "Regions: \(hiddenRegionCount) with nothing in view hidden (H shows them)"
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
        case .detail: detailLines.count
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

    mutating func layOut() {
        layout = Layout(width: width, height: height, focus: focus, mapSlot: mapSlot)
    }

    /// What the detail pane's text is laid out from: the item shown, the width, the view, the data and the theme.
    var detailKey: DetailText.Key {
        let item: Int32?
        switch detailSource {
        case .actors: item = selectedActor
        case .regions: item = selectedRegion
        case .map: item = selectedMapRegion
        case .timeline, .detail: item = selectedRecord
        }
        return DetailText.Key(
            source: detailSource, item: item, width: layout.detailWidth, filter: view.filter,
            data: dataGeneration, theme: theme)
    }

    /// The lines of the detail pane: those laid out after the last update, or, when the state changed since
    /// without one, laid out now.
    public var detailLines: [StyledLine] {
        let key = detailKey
        return key == detailText.key ? detailText.lines : DetailContent.lines(for: self, width: key.width)
    }

    /// Lays out the detail text again when what it shows or its width changed.
    mutating func refreshDetail() {
        let key = detailKey
        guard key != detailText.key else { return }
        detailText = DetailText(key: key, lines: DetailContent.lines(for: self, width: key.width))
    }

    /// The furthest the detail text scrolls: its last line at the bottom of the pane.
    var lastDetailScroll: Int { max(0, rowCount(.detail) - layout.listHeight(.detail)) }

    /// Keeps every cursor within its rows and visible; the detail text is laid out again first when the selections
    /// now show another item.
    public mutating func clampCursors() {
        for pane in Pane.allCases where pane != .detail {
            cursors[pane, default: ListCursor()].clamp(count: rowCount(pane), height: layout.listHeight(pane))
        }
        refreshDetail()
        cursors[.detail, default: ListCursor()].clamp(count: rowCount(.detail), height: layout.listHeight(.detail))
    }

    /// Changes the sort of a pane and re-derives rows, keeping the selected item.
    mutating func cycleSort(_ pane: Pane) {
        let actor = selectedActor, record = selectedRecord, region = selectedRegion
        switch pane {
        case .actors:
            actorSort = actorSort.nextCase
            message = StatusMessage("Actors sorted by \(actorSort.rawValue)")
        case .regions:
            regionSort = regionSort.nextCase
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
