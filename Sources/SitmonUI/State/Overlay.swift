import SitmonCore

/// A modal layer over the panes. Only one at a time; Escape closes it.
public enum Overlay: Sendable {
    case help
    case picker(PickerState)
    case search(SearchState)
    /// `f`: the text filter, applied to every pane as it is typed.
    case textFilter(TextFilterState)
    case dateRange(DateRangeState)
    case export(ExportDialogState)
    /// `z`: the zoomable, brushable timeline.
    case timelineZoom(TimelineZoomState)
    /// `R`: an actor's hierarchy and relations.
    case relations(RelationsState)
    case saveView(SaveViewState)
    case openView(ViewListState)
}

/// The fuzzy pick list of `a` (actors) and `r` (regions).
public struct PickerState: Sendable {
    public enum Kind: Sendable { case actor, region }
    public var kind: Kind
    public var query = LineEditor()
    /// Matching indexes, best first.
    public var matches: [Int32] = []
    public var selection = 0
    public var scroll = 0

    public init(kind: Kind) { self.kind = kind }
}

/// `/` incremental search within the focused pane.
public struct SearchState: Sendable {
    public var query = LineEditor()
    public var pane: Pane
    /// Selection before the search started, restored on Escape.
    public var origin: Int
    public var failed = false
    /// The match under the cursor and the number of matching rows ("3 of 17"); nil while they are not known (a
    /// search typed before the records' text is folded is not counted, so that the keystroke does not wait).
    public var position: MatchPosition?

    public init(pane: Pane, origin: Int) {
        self.pane = pane
        self.origin = origin
    }
}

/// Where a row is among the rows matching a search: the `index`-th (from 1) of `count`; `index` is 0 when the row
/// itself does not match.
public struct MatchPosition: Sendable, Hashable {
    public var index: Int
    public var count: Int

    /// `3 of 17`.
    public var text: String { index > 0 ? "\(index) of \(count)" : "\(count) match\(count == 1 ? "" : "es")" }
}

/// The search whose matches are highlighted in a pane: while `/` is open and after Enter keeps it, until Esc.
public struct SearchHighlight: Sendable, Hashable {
    public var pane: Pane
    /// The folded query.
    public var needle: [UInt8]
}

/// `f`: the text of the filter, edited on the footer line; every keystroke narrows the panes.
public struct TextFilterState: Sendable {
    public var query: LineEditor
    /// The filter before `f`: Esc goes back to it, and Enter makes the new text one undo step from it.
    public var origin: Filter

    public init(origin: Filter) {
        self.origin = origin
        query = LineEditor(origin.text)
    }
}

/// The `d` date range dialog: two fields.
public struct DateRangeState: Sendable {
    public var since: LineEditor
    public var until: LineEditor
    /// 0 edits `since`, 1 edits `until`.
    public var field = 0
    public var error: String?

    public init(since: PartialDate?, until: PartialDate?) {
        self.since = LineEditor(since?.description ?? "")
        self.until = LineEditor(until?.description ?? "")
    }
}

/// The `e` export dialog: a format and a file name; asks before overwriting.
public struct ExportDialogState: Sendable, OverwriteConfirming {
    public var format: ExportFormat
    public var fileName: LineEditor
    /// Set when the file exists and the user must confirm with y.
    public var confirmOverwrite = false
    public var error: String?

    public init(format: ExportFormat, fileName: String) {
        self.format = format
        self.fileName = LineEditor(fileName)
    }
}

/// The `w` dialog: the name to save the current view under; asks before overwriting a saved view.
public struct SaveViewState: Sendable, OverwriteConfirming {
    public var name: LineEditor
    /// Set when a view of that name exists and the user must confirm with y.
    public var confirmOverwrite = false
    public var error: String?

    public init(name: String) { self.name = LineEditor(name) }
}

/// The `W` list of saved views with their filters and dates: Enter opens the selected one, `d` deletes it (after
/// `y`), `r` renames it.
public struct ViewListState: Sendable {
    /// What the list is doing: browsing, asking before deleting, or editing a new name.
    public enum Mode: Sendable {
        case browse
        case confirmDelete
        case rename(LineEditor)
    }

    public var names: [String]
    /// Each view's filter and date, by name, once the runtime has read them.
    public var entries: [String: SavedViewEntry] = [:]
    public var selection = 0
    public var mode = Mode.browse
    public var error: String?

    public init(names: [String]) { self.names = names }

    /// The name of the selected view.
    public var selectedName: String? { selection < names.count ? names[selection] : nil }
}

/// A saved view as the `W` list shows it: its name, its filter in words and when it was saved.
public struct SavedViewEntry: Sendable, Hashable {
    public var name: String
    /// The view, or nil when its file could not be read (then `problem` says why).
    public var view: SavedView?
    /// When it was saved, as shown ("2026-12-06 08:49"), if known.
    public var saved: String?
    public var problem: String?

    public init(name: String, view: SavedView?, saved: String?, problem: String? = nil) {
        self.name = name
        self.view = view
        self.saved = saved
        self.problem = problem
    }
}

/// A dialog that writes a file and asks before replacing one (export, save view).
protocol OverwriteConfirming {
    var confirmOverwrite: Bool { get set }
    var error: String? { get set }
}

extension OverwriteConfirming {
    /// After the runtime failed to write: ask for confirmation when the target exists, else show why.
    mutating func writeFailed(_ message: String, exists: Bool) {
        if exists {
            confirmOverwrite = true
            error = nil
        } else {
            error = message
        }
    }
}
