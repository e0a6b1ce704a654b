/// What a key does in the monitor's normal mode (no dialog open). The raw values are the stable names used in the
/// configuration file's `[keys]` section and in docs/configuration.md; never rename one.
public enum Command: String, Sendable, CaseIterable, Hashable {
    case quit
    case help
    case nextPane = "next-pane"
    case previousPane = "previous-pane"
    case focusActors = "focus-actors"
    case focusTimeline = "focus-timeline"
    case focusRegions = "focus-regions"
    case focusDetail = "focus-detail"
    case focusMap = "focus-map"
    case down, up
    case pageDown = "page-down"
    case pageUp = "page-up"
    case first, last
    case activate
    case pickActor = "pick-actor"
    case pickRegion = "pick-region"
    case textFilter = "text-filter"
    case search
    case searchNext = "search-next"
    case searchPrevious = "search-previous"
    case dates
    case clear
    case undo
    case redo
    case back
    case hideEmptyRegions = "hide-empty-regions"
    case sort
    case export
    case saveView = "save-view"
    case openView = "open-view"
    case timelineZoom = "timeline-zoom"
    case relations

    /// What the command does, in a few words (for `sitmon config show` and the docs).
    public var summary: String {
        switch self {
        case .quit: "quit"
        case .help: "show the keys"
        case .nextPane: "focus the next pane"
        case .previousPane: "focus the previous pane"
        case .focusActors: "focus the Actors pane"
        case .focusTimeline: "focus the Timeline pane"
        case .focusRegions: "focus the Regions pane"
        case .focusDetail: "focus the Detail pane"
        case .focusMap: "focus the Map pane"
        case .down: "move the selection down (scroll the detail)"
        case .up: "move the selection up (scroll the detail)"
        case .pageDown: "a page down"
        case .pageUp: "a page up"
        case .first: "first row"
        case .last: "last row"
        case .activate: "toggle the selected actor or region in the filter; timeline: open the detail"
        case .pickActor: "pick an actor by fuzzy search"
        case .pickRegion: "pick a region by fuzzy search"
        case .textFilter: "filter every pane by text as you type (case and accents ignored)"
        case .search: "find in the focused pane"
        case .searchNext: "next match of the last search"
        case .searchPrevious: "previous match of the last search"
        case .dates: "set a date range"
        case .clear: "clear all filters"
        case .undo: "undo the last filter change"
        case .redo: "redo the filter change last undone"
        case .back: "back: from the Detail pane to the pane it came from (Esc does the same)"
        case .hideEmptyRegions: "hide or show the regions with nothing in view"
        case .sort: "cycle the sort of the focused pane"
        case .export: "export the current view"
        case .saveView: "save the current view under a name"
        case .openView: "open a saved view"
        case .timelineZoom: "the zoomable timeline: brush a range of years, months or weeks to set the dates"
        case .relations: "the relations of the selected actor: hierarchy, allies, rivals, who it deposed or sanctioned"
        }
    }
}
