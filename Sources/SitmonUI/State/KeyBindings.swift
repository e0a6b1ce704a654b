import SitmonScreen

/// The one table of sitmon's keys. Each line holds its keys (a remappable command with its default keys, or fixed
/// keys), what it does, its line in the help (`?`) and in docs/keys.md, and its footer hints in each pane or dialog.
/// `Keymap.defaults`, `Command.summary`, the help, the footer and the tables of docs/keys.md are all built from it
/// (`KeyDocs` writes the docs; a test fails when they are stale). To add a command: its case in `Command`, its line
/// here.
public enum KeyBindings {
    /// The lines, in the order of the help and the docs. The keys of a dialog that only the footer shows come last.
    public static let all: [KeyBinding] = [
        // Panes
        .command(
            .nextPane, [.tab, .right, .character("l")], .panes, summary: "focus the next pane",
            help: .line("next / previous pane"),
            footer: [.hint("pane", .actors(12), .regions(12), .timeline(12), .map(8), .detail(2))]),
        .command(
            .previousPane, [.backTab, .left, .character("h")], .panes, summary: "focus the previous pane",
            help: .withPrevious),
        .command(
            .focusActors, [.character("1")], .panes, summary: "focus the Actors pane",
            help: .line("Actors, Timeline, Regions, Detail, Map"),
            doc: .line("Actors, Timeline, Regions, Detail, Map (`m` focuses the Map too)")),
        .command(.focusTimeline, [.character("2")], .panes, summary: "focus the Timeline pane", help: .withPrevious),
        .command(.focusRegions, [.character("3")], .panes, summary: "focus the Regions pane", help: .withPrevious),
        .command(.focusDetail, [.character("4")], .panes, summary: "focus the Detail pane", help: .withPrevious),
        .command(
            .focusMap, [.character("5"), .character("m")], .panes, summary: "focus the Map pane",
            help: .withPrevious),
        .command(
            .up, [.up, .character("k")], .panes, summary: "move the selection up (scroll the detail)",
            help: .line("move the selection (scroll the detail)"),
            footer: [.hint(.joined([.up, .down]), "scroll", .detail(0))]),
        .command(
            .down, [.down, .character("j")], .panes, summary: "move the selection down (scroll the detail)",
            help: .withPrevious),
        .command(.pageUp, [.pageUp, .control("b")], .panes, summary: "a page up", help: .line("a page up / down")),
        .command(
            .pageDown, [.pageDown, .character(" "), .control("f")], .panes, summary: "a page down",
            help: .withPrevious),
        .command(.first, [.character("g"), .home], .panes, summary: "first row", help: .line("first / last row")),
        .command(.last, [.character("G"), .end], .panes, summary: "last row", help: .withPrevious),
        .command(
            .activate, [.enter], .panes,
            summary: "toggle the selected actor or region in the filter; timeline: open the detail",
            help: .line("toggle the selected actor or region in the filter; timeline: open the detail"),
            doc: .line(
                "Actors / Regions: add the selected actor or region to the filter (again removes it); "
                    + "Timeline: open the detail"),
            footer: [.hint("filter", .actors(0), .regions(0), .map(1)), .hint("detail", .timeline(0))]),
        .command(
            .back, [.backspace], .panes,
            summary: "back: from the Detail pane to the pane it came from (Esc does the same)",
            help: .line("back: from Detail to the pane it came from (Esc too)"),
            doc: .line(
                "back: from the Detail pane to the pane it came from, as Esc (Backspace never undoes: "
                    + "`u` does)"),
            footer: [.hint(.text("Esc"), "back", .detail(1))]),
        .command(
            .hideEmptyRegions, [.character("H")], .panes,
            summary: "hide or show the regions with nothing in view",
            help: .line("Regions: hide / show the regions with nothing in view"),
            doc: .line("Regions: hide the regions with nothing in view (the neighbours at 0); again shows them"),
            footer: [.hint("hide empty", .regions(8), whenRegionsHidden: "show empty")]),

        // Map
        .fixed(
            "← → ↑ ↓ h l k j", .map, help: .line("select the nearest region marker in that direction"),
            doc: .line("select the nearest region marker in that direction (within 60° of it)"),
            footer: [.hint(.text("←↑↓→"), "move", .map(0))]),
        .fixed(
            "Enter on the map", .map,
            help: .line("add the selected region to the filter (again removes it), like Regions"),
            doc: .line(
                "add the selected region to the filter (again removes it), exactly like Enter in the "
                    + "Regions pane")),
        .fixed("/ on the map", .map, doc: .line("search the markers by region name")),
        .fixed(
            "click on the map", .map, help: .line("select the nearest marker; click the selected one to toggle it"),
            doc: .line(
                "a click selects the nearest marker; a click on the selected marker toggles it in the "
                    + "filter"),
            footer: [.hint(.text("click"), "select", .map(2))]),

        // Filter
        .command(
            .pickActor, [.character("a")], .filter, summary: "pick an actor by fuzzy search",
            help: .line("pick an actor (fuzzy search), Enter toggles it and selects it in Actors"),
            doc: .line(
                "pick an actor from a fuzzy-search list; Enter toggles it in the filter and moves the "
                    + "Actors pane to it"),
            footer: [.hint("actor", .actors(2), .regions(1), .timeline(2), .detail(3))]),
        .command(
            .pickRegion, [.character("r")], .filter, summary: "pick a region by fuzzy search",
            help: .line("pick a region (fuzzy search), Enter toggles it and selects it in Regions and Map"),
            doc: .line("pick a region likewise (the Regions pane and the Map move to it)"),
            footer: [.hint("region", .actors(3), .regions(2), .timeline(3), .map(3), .detail(4))]),
        .command(
            .textFilter, [.character("f")], .filter,
            summary: "filter every pane by text as you type (case and accents ignored)",
            help: .line("filter by text: every pane narrows as you type (Enter keeps, Esc cancels)"),
            doc: .line(
                "filter by text: type on the footer line and every pane narrows at each keystroke (case "
                    + "and accents ignored, as `sitmon export --search`: titles, summaries, places, targets and the "
                    + "names of the records' actors and regions); Enter keeps it as the chip `[text: wagner]` (one "
                    + "undo step), Esc goes back to the filter before `f`; `f` again edits it, an emptied text "
                    + "removes it")),
        .command(
            .dates, [.character("d")], .filter, summary: "set a date range",
            help: .line("date range (YYYY, YYYY-MM or YYYY-MM-DD; empty = open)"),
            doc: .line("date range: since / until as YYYY, YYYY-MM or YYYY-MM-DD (empty leaves that end open)"),
            footer: [.hint("dates", .actors(7), .regions(6), .timeline(7))]),
        .command(
            .timelineZoom, [.character("z")], .filter,
            summary: "the zoomable timeline: brush a range of years, months or weeks to set the dates",
            help: .line("zoomable timeline: + − zoom, Space brushes a range, Enter sets the dates"),
            doc: .line("the zoomable timeline (below): brush a range of years, months or weeks to set the dates"),
            footer: [.hint("zoom", .actors(8), .regions(7), .timeline(1))]),
        .command(
            .clear, [.character("c")], .filter, summary: "clear all filters", help: .line("clear all filters"),
            footer: [.hint("clear", .actors(10), .regions(10), .timeline(10), .map(7))]),
        .command(
            .undo, [.character("u")], .filter, summary: "undo the last filter change",
            help: .line("undo / redo the last filter change (the message names the step)"),
            doc: .line(
                "undo the last filter change (up to 200 steps) / redo the change last undone; the message "
                    + "names the step (\"Undone: actor JNIM\", \"Redone: actor JNIM\"); a new change empties what "
                    + "can be redone"),
            footer: [.hint("undo", .actors(9), .regions(9), .timeline(9), .map(6), .detail(7))]),
        .command(.redo, [.control("r")], .filter, summary: "redo the filter change last undone", help: .withPrevious),

        // Find and order
        .command(
            .search, [.character("/")], .find, summary: "find in the focused pane",
            help: .line("find in the focused pane: matches lit, “n of m” (Enter keeps, Esc cancels)"),
            doc: .line(
                "find in the focused pane as you type, without filtering: the matches are lit in the "
                    + "pane's visible rows and the footer counts them (`3 of 17`); Enter keeps the match, Esc "
                    + "returns to where you were"),
            footer: [.hint("search", .actors(6), .regions(5), .timeline(6))]),
        .command(
            .searchNext, [.character("n")], .find, summary: "next match of the last search",
            help: .line("next / previous match"),
            doc: .line(
                "next / previous match of the last search, with its place in the count; Esc unlights "
                    + "the matches")),
        .command(
            .searchPrevious, [.character("N")], .find, summary: "previous match of the last search",
            help: .withPrevious),
        .command(
            .sort, [.character("s")], .find, summary: "cycle the sort of the focused pane",
            help: .line("cycle the sort of the focused pane"),
            doc: .line(
                "cycle the sort of the focused pane: actors by activity, name, kind; regions by "
                    + "incidents, deaths, name, zone; timeline newest or oldest first"),
            footer: [.hint("sort", .actors(11), .regions(11), .timeline(11))]),
        .command(
            .relations, [.character("R")], .find,
            summary: "the relations of the selected actor: hierarchy, allies, rivals, who it deposed or "
                + "sanctioned",
            help: .line(
                "relations of the selected actor: hierarchy, allies, rivals, who it deposed or "
                    + "sanctioned; Enter opens the related actor, Backspace goes back, f filters by it"),
            doc: .line("the relations of the selected actor (below)"),
            footer: [.hint("relations", .actors(1), .timeline(8))]),

        // The zoomable timeline, while it is open
        .fixed(
            "← → (h l)", .zoom, doc: .line("previous / next period"),
            footer: [.hint(.text("←→"), "move", .dialog(.timelineZoom, 0))]),
        .fixed("PgUp PgDn (H L), Home End (g G)", .zoom, doc: .line("a screenful of periods; the first / last period")),
        .fixed(
            "+ − (also = z / Z)", .zoom, doc: .line("zoom in / out: year → month → week (Monday to Sunday)"),
            footer: [.hint(.text("+ −"), "zoom", .dialog(.timelineZoom, 1))]),
        .fixed(
            "Space", .zoom, doc: .line("start a brush at the cursor (moving extends it); Space again drops it"),
            footer: [.hint("brush", .dialog(.timelineZoom, 2))]),
        .fixed(
            "Enter", .zoom,
            doc: .line(
                "set the date filter to the brushed range (or the period under the cursor): "
                    + "`2019 – 2021`, `2020-03 – 2020-08`, `2020-08-17 – 2020-08-30`"),
            footer: [.hint("set dates", .dialog(.timelineZoom, 3))]),
        .fixed(
            "c", .zoom, doc: .line("clear the date filter and the brush; the timeline stays open"),
            footer: [.hint("clear dates", .dialog(.timelineZoom, 4))]),
        .fixed(
            "Esc / q", .zoom, doc: .line("close (only Enter and c change the filter)"),
            footer: [.hint(.text("Esc"), "close", .dialog(.timelineZoom, 5))]),

        // The relations view, while it is open
        .fixed(
            "↑ ↓ (j k, Tab)", .relations, doc: .line("move between related actors"),
            footer: [.hint(.text("↑↓"), "move", .dialog(.relations, 0))]),
        .fixed(
            "Enter (→ l)", .relations, doc: .line("open the related actor's relations"),
            footer: [.hint(.text("Enter"), "open", .dialog(.relations, 1))]),
        .fixed(
            "Backspace (← h u)", .relations, doc: .line("back to the actor before"),
            footer: [.hint(.text("Backspace"), "back", .dialog(.relations, 2))]),
        .fixed(
            "f", .relations, doc: .line("add the selected related actor to the filter (again removes it)"),
            footer: [.hint("filter", .dialog(.relations, 3))]),
        .fixed(
            "Esc / q / R", .relations, doc: .line("close; the Actors pane is left on the actor shown last"),
            footer: [.hint(.text("Esc"), "close", .dialog(.relations, 4))]),

        // Views
        .command(
            .saveView, [.character("w")], .views, summary: "save the current view under a name",
            help: .line("save the current view (filters, pane, sorts, selection) under a name"),
            doc: .line(
                "save the current view (filters, focused pane, sorts, selection) under a name (the field "
                    + "starts empty); an existing name asks `y` before replacing it"),
            footer: [.hint("save", .actors(5), .regions(4), .timeline(5), .map(5), .detail(6))]),
        .command(
            .openView, [.character("W")], .views, summary: "open a saved view",
            help: .line("list the saved views with filter and date: Enter opens, d deletes, r renames"),
            doc: .line(
                "list the saved views with their filter and date; Enter opens one (its filter is one "
                    + "undo step), `d` deletes it (after `y`), `r` renames it")),

        // Other
        .command(
            .export, [.character("e")], .other, summary: "export the current view",
            help: .line("export the current view: CSV, JSON or Markdown (Tab changes format; ~/ is home)"),
            doc: .line(
                "export the current view: Tab picks CSV, JSON or Markdown; the file name is proposed and "
                    + "editable (`~/` is the home directory); an existing file is overwritten only after `y`"),
            footer: [.hint("export", .actors(4), .regions(3), .timeline(4), .map(4), .detail(5))]),
        .command(
            .help, [.character("?"), .function(1)], .other, summary: "show the keys",
            help: .line("this help (↑ ↓ scroll it; other keys close it)"),
            doc: .line(
                "help; ↑ ↓ j k PgUp PgDn Space scroll it when it is taller than the terminal, any other "
                    + "key closes it"),
            footer: [.hint("help", .tail(0))]),
        .fixed("Esc", .other, doc: .line("close a dialog, clear the footer message; in the Detail pane, back")),
        .command(
            .quit, [.character("q")], .other, summary: "quit", help: .line("quit (Ctrl-C also quits)"),
            doc: .line("quit (Ctrl-C also quits, with status 130; it cannot be remapped, nor can Esc)"),
            footer: [.hint("quit", .tail(1))]),
        .fixed(
            "mouse", .other, help: .line("click selects and focuses, the wheel scrolls (--no-mouse turns it off)"),
            doc: .hidden),

        // The keys of the dialogs, for the footer while one is open
        .fixed(
            "↑↓", nil,
            footer: [
                .hint("scroll", .dialog(.help, 0)),
                .hint("move", .dialog(.picker, 0), .dialog(.openView, 0)),
            ]),
        .fixed(
            "Tab", nil,
            footer: [
                .hint("other field", .dialog(.dateRange, 0)),
                .hint("format", .dialog(.export, 0)),
            ]),
        .fixed(
            "y", nil,
            footer: [
                .hint("overwrite", .dialog(.exportConfirm, 0)),
                .hint("replace", .dialog(.saveViewConfirm, 0)),
                .hint("delete", .dialog(.openViewConfirmDelete, 0)),
            ]),
        .fixed("n", nil, footer: [.hint("keep editing", .dialog(.exportConfirm, 1), .dialog(.saveViewConfirm, 1))]),
        .fixed(
            "Enter", nil,
            footer: [
                .hint("toggle in the filter", .dialog(.picker, 1)),
                .hint("apply", .dialog(.dateRange, 1)), .hint("write", .dialog(.export, 1)),
                .hint("save", .dialog(.saveView, 0)), .hint("open", .dialog(.openView, 1)),
                .hint("rename", .dialog(.openViewRename, 0)),
            ]),
        .fixed("d", nil, footer: [.hint("delete", .dialog(.openView, 2))]),
        .fixed("r", nil, footer: [.hint("rename", .dialog(.openView, 3))]),
        .fixed(
            "Esc", nil,
            footer: [
                .hint("close", .dialog(.picker, 2), .dialog(.openView, 4)),
                .hint(
                    "cancel", .dialog(.dateRange, 2), .dialog(.export, 2),
                    .dialog(.exportConfirm, 2), .dialog(.saveView, 1),
                    .dialog(.saveViewConfirm, 2), .dialog(.openViewRename, 1)),
            ]),
        .fixed("type", nil, footer: [.hint("to narrow", .dialog(.picker, 3))]),
        .fixed("~/", nil, footer: [.hint("home directory", .dialog(.export, 3))]),
        .fixed(
            "any other key", nil,
            footer: [
                .hint("close", .dialog(.help, 1)),
                .hint("keep it", .dialog(.openViewConfirmDelete, 1)),
            ]),
    ]

    /// The line of each command.
    static let byCommand: [Command: KeyBinding] = {
        var lines: [Command: KeyBinding] = [:]
        for binding in all {
            if let command = binding.command, lines[command] == nil { lines[command] = binding }
        }
        return lines
    }()

    /// The line of a command (every command has one; a test checks it).
    public static func binding(for command: Command) -> KeyBinding? { byCommand[command] }

    /// The hints of each place, in rank order (ties in table order).
    static let hintsByPlace: [FooterPlace: [(hint: FooterHint, binding: KeyBinding)]] = {
        var places: [FooterPlace: [(rank: Int, order: Int, hint: FooterHint, binding: KeyBinding)]] = [:]
        var order = 0
        for binding in all {
            for hint in binding.footer {
                for slot in hint.slots {
                    places[slot.place, default: []].append((slot.rank, order, hint, binding))
                    order += 1
                }
            }
        }
        return places.mapValues { list in
            list.sorted { ($0.rank, $0.order) < ($1.rank, $1.order) }.map { ($0.hint, $0.binding) }
        }
    }()

    /// The footer hints of a place with the effective keys of `keymap`: (key, label). A hint whose command has no
    /// key is left out.
    public static func hints(at place: FooterPlace, keymap: Keymap, regionsHidden: Bool = false)
        -> [(key: String, label: String)]
    {
        (hintsByPlace[place] ?? []).compactMap { hint, binding in
            let label = regionsHidden ? hint.labelWhenRegionsHidden ?? hint.label : hint.label
            let key: String?
            switch (hint.key, binding.keys) {
            case (.text(let text), _): key = text
            case (.primary, .fixed(let text)): key = text
            case (.primary, .command(let command, _)): key = keymap.primaryLabel(command)
            case (.joined(let commands), _):
                let labels = commands.compactMap { keymap.primaryLabel($0) }
                key = labels.count == commands.count ? labels.joined() : nil
            }
            return key.map { ($0, label) }
        }
    }
}

extension KeyBindings {
    /// The filter line while there is no filter: how to make one, with the effective keys ("Enter adds the
    /// selected actor or region · a/r pick · f text · d dates · / find · ? help"); a command without a key is left
    /// out.
    public static func emptyFilterHint(_ keymap: Keymap) -> String {
        var parts: [String] = []
        if let enter = keymap.primaryLabel(.activate) { parts.append(enter + " adds the selected actor or region") }
        let pickers = [keymap.primaryLabel(.pickActor), keymap.primaryLabel(.pickRegion)].compactMap { $0 }
        if !pickers.isEmpty { parts.append(pickers.joined(separator: "/") + " pick") }
        for (command, label) in [(Command.textFilter, "text"), (.dates, "dates"), (.search, "find"), (.help, "help")] {
            if let key = keymap.primaryLabel(command) { parts.append(key + " " + label) }
        }
        return parts.joined(separator: " · ")
    }
}

extension DialogMode {
    /// The mode of an open dialog, or nil for the search and text-filter lines (they draw their own footer).
    init?(_ overlay: Overlay) {
        switch overlay {
        case .help: self = .help
        case .picker: self = .picker
        case .search, .textFilter: return nil
        case .dateRange: self = .dateRange
        case .export(let dialog): self = dialog.confirmOverwrite ? .exportConfirm : .export
        case .timelineZoom: self = .timelineZoom
        case .relations: self = .relations
        case .saveView(let dialog): self = dialog.confirmOverwrite ? .saveViewConfirm : .saveView
        case .openView(let list):
            switch list.mode {
            case .browse: self = .openView
            case .confirmDelete: self = .openViewConfirmDelete
            case .rename: self = .openViewRename
            }
        }
    }
}
