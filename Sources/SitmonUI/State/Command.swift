/// What a key does in the monitor's normal mode (no dialog open). Its keys, description, help line and footer
/// hints are its line in the key table, `KeyBindings.all`. The raw values are the stable names used in the
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

    /// What the command does, in a few words (for `sitmon config show` and the docs): its line in `KeyBindings`.
    public var summary: String { KeyBindings.binding(for: self)?.summary ?? rawValue }
}
