import SitmonCore
import SitmonScreen

/// Draws the state into a Screen. Pure: the same state and size give the same cells.
public enum Renderer {
    /// The whole frame.
    public static func render(_ state: AppState) -> Screen {
        var screen = Screen(width: state.width, height: state.height)
        let layout = state.layout
        guard layout.mode != .tooSmall else {
            drawTooSmall(&screen, state.theme)
            return screen
        }
        drawHeader(&screen, state, layout)
        if let tabs = layout.tabs { drawTabs(&screen, state, tabs) }
        for (pane, rect) in layout.panes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            drawBox(&screen, rect, title: paneTitle(pane, state), focused: pane == state.focus, theme: state.theme)
            switch pane {
            case .actors: ActorsPane.draw(&screen, state, layout)
            case .timeline: TimelinePane.draw(&screen, state, layout)
            case .regions: RegionsPane.draw(&screen, state, layout)
            case .detail: drawDetail(&screen, state, layout)
            case .map: MapPane.draw(&screen, state, layout)
            }
        }
        drawFooter(&screen, state, layout)
        if let overlay = state.overlay { OverlayRenderer.draw(&screen, state, overlay) }
        return screen
    }

    static func drawTooSmall(_ screen: inout Screen, _ theme: Theme) {
        let lines = ["terminal too small", "need \(Layout.minimumWidth)×\(Layout.minimumHeight)", "q quits"]
        let top = max(0, (screen.height - lines.count) / 2)
        for (k, line) in lines.enumerated() where top + k < screen.height {
            let x = max(0, (screen.width - TerminalText.width(of: line)) / 2)
            screen.write(line, x: x, y: top + k, style: k == 0 ? theme.title : theme.dim)
        }
    }

    static func paneTitle(_ pane: Pane, _ state: AppState) -> String {
        switch pane {
        case .actors:
            return "1 Actors \(state.actorRows.count)/\(state.dataset.actors.count) · \(state.actorSort.rawValue)"
        case .timeline:
            let position = state.view.records.isEmpty ? 0 : (state.cursors[.timeline]?.selection ?? 0) + 1
            return "2 Timeline \(position)/\(state.view.records.count) · \(state.timelineSort.rawValue)"
        case .regions:
            let hidden = state.hiddenRegionCount > 0 ? " (\(state.hiddenRegionCount) empty hidden)" : ""
            return "3 Regions \(state.regionRows.count)\(hidden) · \(state.regionSort.rawValue)"
        case .detail:
            let what: String
            switch state.detailSource {
            case .actors: what = "actor"
            case .regions, .map: what = "region"
            case .timeline, .detail: what = "record"
            }
            return "4 Detail · \(what)"
        case .map:
            let located = state.mapDensity.located
            let selected = state.selectedMapRegion.map { " · " + state.dataset.regions[Int($0)].name } ?? ""
            return "5 Map" + selected + (located > 0 ? " · \(located) located" : "")
        }
    }

    static func drawBox(_ screen: inout Screen, _ rect: Rect, title: String, focused: Bool, theme: Theme) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let style = focused ? theme.focusedBorder : theme.border
        let right = rect.x + rect.width - 1, bottom = rect.y + rect.height - 1
        screen.write("┌" + String(repeating: "─", count: rect.width - 2) + "┐", x: rect.x, y: rect.y, style: style)
        for y in (rect.y + 1)..<bottom {
            screen.write("│", x: rect.x, y: y, style: style)
            screen.write("│", x: right, y: y, style: style)
        }
        screen.write("└" + String(repeating: "─", count: rect.width - 2) + "┘", x: rect.x, y: bottom, style: style)
        let label = " " + title + " "
        screen.write(
            label, x: rect.x + 2, y: rect.y, style: focused ? theme.focusedBorder : theme.title,
            maxWidth: rect.width - 4)
    }

    static func drawHeader(_ screen: inout Screen, _ state: AppState, _ layout: Layout) {
        let theme = state.theme
        let width = state.width
        screen.fill(Rect(x: 0, y: 0, width: width, height: 1), style: theme.header)
        let dataset = state.dataset
        let counts = state.engine.counts
        let right =
            (state.newRecords.isEmpty ? "" : "NEW \(state.newRecords.count) · ")
            + "actors \(state.view.actors.count)/\(counts.actors) · events \(state.view.eventCount)/\(counts.events)"
            + " · incidents \(state.view.incidentCount)/\(counts.incidents) "
        let asOf = dataset.info.asOf.map { " · as of \($0.readable)" } ?? ""
        let left = " sitmon · " + dataset.info.title + asOf
        // Narrow terminals get the counts in short form: "A 3/62 E 0/62 I 0/3".
        let compact =
            (state.newRecords.isEmpty ? "" : "NEW \(state.newRecords.count) ")
            + "A \(state.view.actors.count)/\(counts.actors) E \(state.view.eventCount)/\(counts.events)"
            + " I \(state.view.incidentCount)/\(counts.incidents) "
        let countsText = width - TerminalText.width(of: right) - 1 >= 20 ? right : compact
        let rightWidth = TerminalText.width(of: countsText)
        let room = width - rightWidth - 1
        if room >= 12 {
            screen.write(TerminalText.truncated(left, to: room), x: 0, y: 0, style: theme.header)
            screen.write(countsText, x: width - rightWidth, y: 0, style: theme.header)
        } else {
            screen.write(countsText, x: max(0, width - rightWidth), y: 0, style: theme.header, maxWidth: width)
        }
        // Filter chips.
        var x = 0
        x += screen.write("Filter: ", x: x, y: 1, style: theme.label)
        let filter = state.filter
        if filter.isEmpty {
            let hint = "none — " + KeyBindings.emptyFilterHint(state.keymap)
            screen.write(TerminalText.truncated(hint, to: width - x), x: x, y: 1, style: theme.dim)
            return
        }
        let chips = filter.chips(in: dataset)
        let lineRoom = width - x
        let all = chips.map { "[" + $0 + "]" }.joined(separator: " ")
        if TerminalText.width(of: all) <= lineRoom {
            for chip in chips { x += screen.write("[" + chip + "]", x: x, y: 1, style: theme.chip) + 1 }
            return
        }
        // Too long for the line: a summary ("4 actors · 3 regions · 2017–2024"); ? shows the filter in full.
        let summary = "[" + filterSummary(filter, dataset) + "]"
        let more = "  ? shows all"
        let fits = TerminalText.width(of: summary) + TerminalText.width(of: more) <= lineRoom
        x += screen.write(TerminalText.truncated(summary, to: lineRoom), x: x, y: 1, style: theme.chip)
        if fits { screen.write(more, x: x, y: 1, style: theme.dim) }
    }

    /// The filter in a few words when its chips do not fit: "4 actors · 3 regions · 2017–2024"; a single actor or
    /// region by name.
    static func filterSummary(_ filter: Filter, _ dataset: Dataset) -> String {
        var parts: [String] = []
        if filter.actors.count == 1, let a = filter.actors.first { parts.append("actor: " + dataset.actorLabel(a)) }
        if filter.actors.count > 1 { parts.append("\(filter.actors.count) actors") }
        if filter.regions.count == 1, let r = filter.regions.first { parts.append("region: " + dataset.regionLabel(r)) }
        if filter.regions.count > 1 { parts.append("\(filter.regions.count) regions") }
        if filter.since != nil || filter.until != nil {
            parts.append("\(filter.since?.description ?? "…")–\(filter.until?.description ?? "…")")
        }
        if filter.categories.count == 1, let c = filter.categories.first { parts.append("category: " + c.rawValue) }
        if filter.categories.count > 1 { parts.append("\(filter.categories.count) categories") }
        if let s = filter.minimumSeverity { parts.append("severity ≥ " + s.rawValue) }
        if !filter.text.trimmingSpaces.isEmpty { parts.append("text: " + filter.text.trimmingSpaces) }
        // The long names last, so that a cut takes the end of a name rather than the counts.
        let named = parts.filter { $0.contains(": ") }
        return (parts.filter { !$0.contains(": ") } + named).joined(separator: " · ")
    }

    static func drawTabs(_ screen: inout Screen, _ state: AppState, _ rect: Rect) {
        let theme = state.theme
        let tabWidth = max(1, rect.width / Pane.allCases.count)
        for pane in Pane.allCases {
            let x = rect.x + pane.rawValue * tabWidth
            let label = TerminalText.padded(" \(pane.rawValue + 1) \(pane.title)", to: tabWidth)
            screen.write(
                label, x: x, y: rect.y, style: pane == state.focus ? theme.focusedSelection : theme.dim,
                maxWidth: tabWidth)
        }
    }

    static func drawDetail(_ screen: inout Screen, _ state: AppState, _ layout: Layout) {
        guard let rect = layout.listRect(.detail), rect.width > 0, rect.height > 0 else { return }
        let lines = state.detailLines
        let scroll = state.cursors[.detail]?.scroll ?? 0
        for row in 0..<rect.height {
            let k = scroll + row
            guard k < lines.count else { break }
            lines[k].draw(on: &screen, x: rect.x, y: rect.y + row, width: rect.width - 1)
        }
        if lines.count > rect.height {
            ScrollBar.draw(
                &screen, x: rect.x + rect.width - 1, y: rect.y, height: rect.height, total: lines.count,
                offset: scroll, theme: state.theme)
        }
    }

    static func drawFooter(_ screen: inout Screen, _ state: AppState, _ layout: Layout) {
        let theme = state.theme
        let y = state.height - 1
        if case .search(let search) = state.overlay {
            var x = screen.write("/", x: 0, y: y, style: theme.key)
            x += screen.write(search.query.text, x: x, y: y)
            screen.cursor = (x: min(x, state.width - 1), y: y)
            let waiting =
                switch search.waiting {
                case .row?: "searching… · "
                case .count?: "counting… · "
                case nil: ""
                }
            let note =
                search.failed
                ? "  not found"
                : "  " + (search.position.map { $0.text + " · " } ?? "") + waiting + "Enter keeps · Esc cancels"
            screen.write(note, x: x, y: y, style: search.failed ? theme.error : theme.dim, maxWidth: state.width - x)
            return
        }
        if case .textFilter(let editor) = state.overlay {
            var x = screen.write("Filter text: ", x: 0, y: y, style: theme.key)
            let before = TerminalText.width(of: String(editor.query.text.prefix(editor.query.cursor)))
            let textX = x
            x += screen.write(editor.query.text, x: x, y: y, maxWidth: max(0, state.width - x))
            screen.cursor = (x: min(textX + before, state.width - 1), y: y)
            let count = state.view.records.count
            // Before the records' search text is ready, the text waits for it (the panes show the filter before).
            let note =
                editor.waiting
                ? "  searching… · Enter keeps · Esc cancels"
                : "  \(count) record\(count == 1 ? "" : "s") · Enter keeps · Esc cancels"
            screen.write(
                note, x: x, y: y, style: count == 0 && !editor.waiting ? theme.error : theme.dim,
                maxWidth: max(0, state.width - x))
            return
        }
        if state.message == nil, let error = state.watchError {
            screen.write(
                " Data not reloaded (showing the last good data): " + error + " ", x: 0, y: y, style: theme.error,
                maxWidth: state.width)
            return
        }
        if let message = state.message {
            screen.write(
                " " + message.text + " ", x: 0, y: y, style: message.kind == .error ? theme.error : theme.info,
                maxWidth: state.width)
            return
        }
        if let overlay = state.overlay {
            let hints = DialogMode(overlay).map { KeyBindings.hints(at: .dialog($0), keymap: state.keymap) } ?? []
            drawHints(&screen, state, hints.map { ($0.key, $0.label) }, tail: [])
            return
        }
        // The hints of the focused pane (export and save come early, so that they show in every pane at 120
        // columns), then help and quit, which always show.
        let hints = KeyBindings.hints(
            at: .pane(state.focus), keymap: state.keymap,
            regionsHidden: state.hideEmptyRegions)
        let tail = KeyBindings.hints(at: .tail, keymap: state.keymap)
        drawHints(&screen, state, hints.map { ($0.key, $0.label) }, tail: tail.map { ($0.key, $0.label) })
    }

    /// Key hints on the footer line: `hints` as far as they fit with `tail`, which always shows.
    static func drawHints(
        _ screen: inout Screen, _ state: AppState, _ hints: [(String, String)], tail: [(String, String)]
    ) {
        let theme = state.theme
        let y = state.height - 1
        func width(_ hint: (String, String)) -> Int {
            TerminalText.width(of: hint.0) + 1 + TerminalText.width(of: hint.1) + 2
        }
        let tailWidth = tail.reduce(0) { $0 + width($1) }
        var shown: [(String, String)] = []
        var used = 0
        for hint in hints {
            if used + width(hint) + tailWidth > state.width { break }
            shown.append(hint)
            used += width(hint)
        }
        var x = 0
        for (key, action) in shown + tail {
            if x + width((key, action)) > state.width + 2 { break }
            x += screen.write(key, x: x, y: y, style: theme.key)
            x += screen.write(" " + action + "  ", x: x, y: y, style: theme.dim, maxWidth: max(0, state.width - x))
        }
    }
}

/// A one-column scroll indicator.
enum ScrollBar {
    static func draw(_ screen: inout Screen, x: Int, y: Int, height: Int, total: Int, offset: Int, theme: Theme) {
        guard height > 0, total > height else { return }
        let thumb = max(1, height * height / total)
        let top = min(height - thumb, (height - thumb) * offset / max(1, total - height))
        for row in 0..<height {
            screen.write(
                row >= top && row < top + thumb ? "┃" : "│", x: x, y: y + row,
                style: row >= top && row < top + thumb ? theme.label : theme.border)
        }
    }
}
