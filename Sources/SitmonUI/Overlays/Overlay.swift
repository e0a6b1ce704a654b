import SitmonCore
import SitmonScreen

/// A modal layer over the panes. Only one at a time; Escape closes it. Each is a sub-model: its state type (in its
/// own file) handles the keys while it is open and answers with an `OverlayOutcome`.
public enum Overlay: Sendable {
    case help(HelpState)
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

    /// Passes a key to the open overlay's sub-model, which changes in place.
    mutating func handle(_ key: Key, in app: AppState) -> OverlayOutcome {
        switch self {
        case .help(let model): step(model, key, app, Overlay.help)
        case .picker(let model): step(model, key, app, Overlay.picker)
        case .search(let model): step(model, key, app, Overlay.search)
        case .textFilter(let model): step(model, key, app, Overlay.textFilter)
        case .dateRange(let model): step(model, key, app, Overlay.dateRange)
        case .export(let model): step(model, key, app, Overlay.export)
        case .timelineZoom(let model): step(model, key, app, Overlay.timelineZoom)
        case .relations(let model): step(model, key, app, Overlay.relations)
        case .saveView(let model): step(model, key, app, Overlay.saveView)
        case .openView(let model): step(model, key, app, Overlay.openView)
        }
    }

    private mutating func step<Model: OverlayModel>(
        _ model: Model, _ key: Key, _ app: AppState,
        _ wrap: (Model) -> Overlay
    ) -> OverlayOutcome {
        var model = model
        let outcome = model.handle(key, in: app)
        self = wrap(model)
        return outcome
    }
}

/// The state of an overlay: it handles the keys while the overlay is open.
protocol OverlayModel: Sendable {
    /// Changes the overlay's own state for a key; `app` is the monitor, read only. What the rest of the monitor
    /// should do (close the overlay, run a filter, show a message, run an effect) is in the outcome.
    mutating func handle(_ key: Key, in app: AppState) -> OverlayOutcome
}

/// What an overlay asks of the monitor after a key, as bubbletea's update returns a command: `Update` closes the
/// overlay or keeps it, runs the filter, selects what the outcome names, shows the message and hands the effects to
/// the runtime. Built from `.stay` or `.close` and the `with…` steps.
struct OverlayOutcome {
    /// Whether the overlay closes.
    var closes = false
    /// A filter to run.
    var filter: FilterChange?
    /// An actor or region to select in its panes, once the filter has run.
    var reveal: Reveal?
    /// A row to select in a pane (the search moves the selection as it finds).
    var select: (pane: Pane, row: Int)?
    /// The search highlight to set (`.set(nil)` clears it); `nil` leaves it.
    var highlight: SearchHighlight??
    /// The search to remember for n and N.
    var lastSearch: String?
    /// A search for a row that waits for the records' search text (`AppState.waitingSearch`).
    var waitingSearch: WaitingSearch?
    /// A text filter kept with Enter that waits for the records' search text (`AppState.waitingTextFilter`).
    var waitingTextFilter: WaitingTextFilter?
    var message: StatusMessage?
    var effects: [Effect] = []

    /// The overlay stays open and nothing else changes.
    static var stay: OverlayOutcome { OverlayOutcome() }
    /// The overlay closes.
    static var close: OverlayOutcome { OverlayOutcome(closes: true) }

    func with(message text: String, kind: StatusMessage.Kind = .info) -> OverlayOutcome {
        with(message: StatusMessage(text, kind: kind))
    }

    func with(message: StatusMessage) -> OverlayOutcome {
        var next = self
        next.message = message
        return next
    }

    /// Toggles an actor in the filter, as one undo step, saying which ("Filter: + actor JNIM"), as
    /// `AppState.toggleInFilter(actor:)` does.
    func toggling(actor: Int32, in app: AppState) -> OverlayOutcome {
        var filter = app.filter
        filter.toggle(actor: actor)
        return with(toggled: filter, "actor", app.dataset.actorLabel(actor), added: filter.actors.contains(actor))
    }

    /// Toggles a region in the filter, as `toggling(actor:in:)`.
    func toggling(region: Int32, in app: AppState) -> OverlayOutcome {
        var filter = app.filter
        filter.toggle(region: region)
        return with(toggled: filter, "region", app.dataset.regionLabel(region), added: filter.regions.contains(region))
    }

    /// The filter with one actor or region toggled, saying which ("Filter: + actor JNIM").
    private func with(toggled filter: Filter, _ kind: String, _ label: String, added: Bool) -> OverlayOutcome {
        with(filter: filter).with(message: .filterToggled(kind, label, added: added))
    }

    func with(filter: Filter, undoable: Bool = true, from origin: Filter? = nil) -> OverlayOutcome {
        var next = self
        next.filter = FilterChange(filter: filter, undoable: undoable, from: origin)
        return next
    }

    func with(effect: Effect) -> OverlayOutcome {
        var next = self
        next.effects.append(effect)
        return next
    }

    func with(reveal: Reveal) -> OverlayOutcome {
        var next = self
        next.reveal = reveal
        return next
    }
}

/// A filter an overlay runs: as one undo step (`undoable`) from `from` when given (the text filter, which ran each
/// keystroke without a step), else from the current filter.
struct FilterChange {
    var filter: Filter
    var undoable = true
    var from: Filter?
}

/// An item an overlay leaves selected in the panes that list it.
enum Reveal {
    case actor(Int32)
    case region(Int32)
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
