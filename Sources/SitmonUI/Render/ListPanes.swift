import SitmonCore
import SitmonScreen

/// Draws list rows with the selection highlighted; only the visible rows are ever computed.
enum ListDrawing {
    static func rows(
        _ screen: inout Screen, _ state: AppState, _ layout: Layout, _ pane: Pane,
        _ line: (Int, Int) -> StyledLine
    ) {
        let theme = state.theme
        guard let rect = layout.listRect(pane), rect.width > 0, rect.height > 0 else { return }
        let cursor = state.cursors[pane] ?? ListCursor()
        let count = state.rowCount(pane)
        let scrollBar = count > rect.height
        let width = rect.width - (scrollBar ? 1 : 0)
        let needle = state.searchHighlight.flatMap { $0.pane == pane ? $0.needle : nil }
        for row in 0..<rect.height {
            let k = cursor.scroll + row
            guard k < count else { break }
            let drawn = line(k, width)
            drawn.draw(on: &screen, x: rect.x, y: rect.y + row, width: width)
            if k == cursor.selection {
                let focused = state.focus == pane || (state.focus == .detail && state.detailSource == pane)
                screen.restyle(Rect(x: rect.x, y: rect.y + row, width: width, height: 1)) { style in
                    style = focused ? theme.focusedSelection : theme.selection
                }
            }
            // The matches of the search in this pane, lit on every visible row (the selected one included).
            if let needle {
                for match in TextHighlight.columns(of: needle, in: drawn.plainText) where match.start < width {
                    let lit = Rect(
                        x: rect.x + match.start, y: rect.y + row, width: min(match.width, width - match.start),
                        height: 1)
                    screen.restyle(lit) { style in style = theme.match }
                }
            }
        }
        if scrollBar {
            ScrollBar.draw(
                &screen, x: rect.x + rect.width - 1, y: rect.y, height: rect.height, total: count,
                offset: cursor.scroll, theme: state.theme)
        }
        if count == 0 {
            screen.write("(nothing in this view)", x: rect.x, y: rect.y, style: theme.dim, maxWidth: rect.width)
        }
    }

    /// `text` cut or padded to exactly `width` columns.
    static func cell(_ text: String, _ width: Int) -> String { TerminalText.padded(text, to: max(0, width)) }

    /// A count in at most `width` characters: exact when it fits, else rounded to thousands or millions
    /// (12345 in 4 → "12k", 275604 in 5 → "276k", 1234567 in 4 → "1.2M"), never cut.
    static func count(_ value: Int, fitting width: Int) -> String {
        let exact = String(value)
        guard exact.count > width, value >= 1000 else { return exact }
        for (divisor, unit) in [(1000.0, "k"), (1_000_000.0, "M"), (1_000_000_000.0, "G")] {
            let scaled = Double(value) / divisor
            let tenths = Int((scaled * 10).rounded())
            let oneDecimal = tenths < 100 ? "\(tenths / 10).\(tenths % 10)" + unit : ""
            if !oneDecimal.isEmpty && oneDecimal.count <= width { return oneDecimal }
            let whole = String(Int(scaled.rounded())) + unit
            if whole.count <= width && scaled.rounded() < 1000 { return whole }
        }
        return exact
    }

    /// `text` right-aligned in `width` columns.
    static func right(_ text: String, _ width: Int) -> String {
        let w = TerminalText.width(of: text)
        return w >= width ? TerminalText.truncated(text, to: width) : String(repeating: " ", count: width - w) + text
    }
}

/// The actors pane: name, kind and records in the view; filtered actors marked ●.
enum ActorsPane {
    static func draw(_ screen: inout Screen, _ state: AppState, _ layout: Layout) {
        let theme = state.theme
        let dataset = state.dataset
        ListDrawing.rows(&screen, state, layout, .actors) { k, width in
            let a = state.actorRows[k]
            let actor = dataset.actors[Int(a)]
            let inFilter = state.filter.actors.contains(a)
            let count = String(state.view.actorCounts[Int(a)])
            let kindWidth = width >= 40 ? 13 : 0
            let countWidth = max(4, count.count + 1)
            let nameWidth = max(1, width - 2 - kindWidth - countWidth)
            var line = StyledLine()
            line.add(inFilter ? "● " : "  ", theme.info)
            // A long name that does not fit leads with its short name: "JNIM · Jama'at Nusrat al-…".
            var name = actor.name
            if TerminalText.width(of: name) > nameWidth, let short = actor.shortName, short != name {
                name = short + " · " + name
            }
            line.add(ListDrawing.cell(name, nameWidth), actor.kind == .jihadistGroup ? theme.warning : .plain)
            if kindWidth > 0 { line.add(ListDrawing.cell(" " + actor.kind.label, kindWidth), theme.dim) }
            line.add(ListDrawing.right(count, countWidth), theme.label)
            return line
        }
    }
}

/// The regions pane: region, zone, incidents (records of kind incident), deaths (from every record), a bar of
/// incidents, trend and main groups.
enum RegionsPane {
    static func draw(_ screen: inout Screen, _ state: AppState, _ layout: Layout) {
        let theme = state.theme
        let dataset = state.dataset
        guard let list = layout.listRect(.regions) else { return }
        let width = list.width - (state.rowCount(.regions) > list.height ? 1 : 0)
        let columns = Columns(width: width)
        if layout.listOffset(.regions) > 0 {
            var header = StyledLine()
            header.add("  " + ListDrawing.cell("Region", columns.name), theme.dim)
            if columns.zone > 0 { header.add(ListDrawing.cell(" Zone", columns.zone), theme.dim) }
            // "Incid" counts incident records (the header's incidents); "Dead" every death, from any record (the
            // detail pane says which kind of record reported them).
            header.add(ListDrawing.right("Incid", 5) + ListDrawing.right("Dead", 6), theme.dim)
            if columns.bar > 0 { header.add(" " + ListDrawing.cell("Activity", columns.bar), theme.dim) }
            header.add(" T", theme.dim)
            if columns.groups > 0 { header.add(" Groups", theme.dim) }
            header.draw(on: &screen, x: list.x, y: list.y - 1, width: width)
        }
        drawDeaths(&screen, state, layout)
        let maxIncidents = max(1, state.regionRows.map(\.incidents).max() ?? 1)
        ListDrawing.rows(&screen, state, layout, .regions) { k, width in
            let activity = state.regionRows[k]
            let region = dataset.regions[Int(activity.region)]
            var line = StyledLine()
            line.add(state.filter.regions.contains(activity.region) ? "● " : "  ", theme.info)
            line.add(ListDrawing.cell(region.name, columns.name), region.kind == .country ? theme.dim : .plain)
            if columns.zone > 0 { line.add(ListDrawing.cell(" " + region.zone.rawValue, columns.zone), theme.dim) }
            // A space before each figure keeps them apart at a million records ("276k 1.3M").
            line.add(ListDrawing.right(ListDrawing.count(activity.incidents, fitting: 4), 5), theme.label)
            line.add(
                ListDrawing.right(ListDrawing.count(activity.fatalities, fitting: 5), 6),
                activity.fatalities > 0 ? theme.critical : theme.dim)
            if columns.bar > 0 {
                line.add(" ")
                line.add(
                    ListDrawing.cell(bar(activity.incidents, of: maxIncidents, width: columns.bar), columns.bar),
                    theme.bar)
            }
            line.add(" " + activity.trend.arrow, activity.trend == .rising ? theme.critical : theme.dim)
            if columns.groups > 0 {
                if activity.groups.isEmpty {
                    // No incident here: the groups the sources name, with the presence they describe when there is room.
                    let named = activity.assessedGroups.prefix(3).map { dataset.actorLabel($0) }.joined(separator: ", ")
                    let presence = columns.groups >= 20 ? (activity.presence.map { "\($0.rawValue): " } ?? "") : ""
                    line.add(
                        " " + ListDrawing.cell(named.isEmpty ? "" : presence + named, columns.groups - 1), theme.dim)
                } else {
                    let groups = activity.groups.prefix(3).map { dataset.actorLabel($0.actor) }.joined(separator: ", ")
                    line.add(" " + ListDrawing.cell(groups, columns.groups - 1), theme.warning)
                }
            }
            return line
        }
    }

    /// The deaths in view on the pane's bottom border, with the part reported by timeline events:
    /// `3,004 dead · 21 in events`. Nothing when no death is reported.
    static func drawDeaths(_ screen: inout Screen, _ state: AppState, _ layout: Layout) {
        guard let rect = layout.panes[.regions], state.view.fatalities > 0 else { return }
        var label = " \(state.view.fatalities.formatted(grouping: true)) dead"
        if state.view.eventFatalities > 0 {
            label += " · \(state.view.eventFatalities.formatted(grouping: true)) in events"
        }
        label += " "
        let width = TerminalText.width(of: label)
        guard rect.width - 4 >= width else { return }
        screen.write(label, x: rect.x + rect.width - 2 - width, y: rect.y + rect.height - 1, style: state.theme.dim)
    }

    struct Columns {
        var name, zone, bar, groups: Int

        init(width: Int) {
            // 2 (mark) + name + zone + 5 (incidents) + 6 (deaths) + bar + 2 (trend) + groups
            let fixed = 2 + 5 + 6 + 2
            let available = width - fixed
            name = min(16, max(8, available * 2 / 5))
            zone = available - name >= 30 ? 9 : 0
            bar = available - name - zone >= 16 ? 9 : 0
            groups = max(0, available - name - zone - bar - 1)
            if groups < 6 { name += groups; groups = 0 }
        }
    }

    /// A proportional bar with eighth blocks.
    static func bar(_ value: Int, of maximum: Int, width: Int) -> String {
        guard value > 0, maximum > 0, width > 0 else { return "" }
        let eighths = max(1, value * width * 8 / maximum)
        let blocks = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + blocks[eighths % 8]
    }
}

/// The timeline: a histogram strip of records per period with coups marked, then date, marker and title rows.
enum TimelinePane {
    static func draw(_ screen: inout Screen, _ state: AppState, _ layout: Layout) {
        let theme = state.theme
        let dataset = state.dataset
        let store = dataset.records
        if layout.listOffset(.timeline) >= 2, let rect = layout.panes[.timeline]?.inner {
            drawHistogram(&screen, state, Rect(x: rect.x, y: rect.y, width: rect.width, height: 2))
        }
        ListDrawing.rows(&screen, state, layout, .timeline) { k, width in
            guard let record = state.timelineRecord(at: k) else { return StyledLine() }
            let i = Int(record)
            let date = store.date(i)
            let category = store.categories[i]
            var line = StyledLine()
            line.add(ListDrawing.cell(date.description, 10) + " ", theme.dim)
            line.add(String(category.marker), theme.marker(category, store.severities[i]))
            line.add(" ")
            let fatalities = store.fatalityCount(i)
            let tail = width >= 60 && fatalities > 0 ? " †\(fatalities)" : ""
            let isNew = state.newRecords.contains(record)
            if isNew { line.add("NEW ", theme.newBadge) }
            let titleWidth = max(1, width - 13 - TerminalText.width(of: tail) - (isNew ? 4 : 0))
            line.add(ListDrawing.cell(dataset.title(i), titleWidth), category == .coup ? theme.coup : .plain)
            if !tail.isEmpty { line.add(tail, theme.critical) }
            return line
        }
    }

    /// Records per bucket of months across the width; coup buckets in the coup style, years on the axis.
    static func drawHistogram(_ screen: inout Screen, _ state: AppState, _ rect: Rect) {
        let theme = state.theme
        let monthly = state.view.monthly
        guard rect.width >= 10, let first = monthly.first?.month, let last = monthly.last?.month else {
            screen.write("(no dated records)", x: rect.x, y: rect.y, style: theme.dim, maxWidth: rect.width)
            return
        }
        let span = last - first + 1
        let columns = rect.width
        let perColumn = max(1, (span + columns - 1) / columns)
        let used = min(columns, (span + perColumn - 1) / perColumn)
        var counts = [Int](repeating: 0, count: used)
        var coups = [Bool](repeating: false, count: used)
        for m in monthly {
            let c = min(used - 1, (m.month - first) / perColumn)
            counts[c] += m.count
            if m.coups > 0 { coups[c] = true }
        }
        let maximum = max(1, counts.max() ?? 1)
        let levels = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        for c in 0..<used {
            let text = counts[c] == 0 ? " " : levels[min(7, (counts[c] * 8 - 1) / maximum)]
            screen.write(text, x: rect.x + c, y: rect.y, style: coups[c] ? theme.coup : theme.label)
        }
        var axis = [Character](repeating: "─", count: used)
        for c in 0..<used where coups[c] { axis[c] = "▲" }
        screen.write(String(axis), x: rect.x, y: rect.y + 1, style: theme.border)
        // Labels go where they cover no coup, so the ▲ stay visible at every width: the last year at the right end,
        // the first year at the left (just after a coup in the first column), then the unit and legend in the
        // first gap wide enough, a column clear of coups and labels on each side.
        var taken = coups
        func free(_ x: Int, _ width: Int, margin: Int) -> Bool {
            guard x >= 0, x + width <= used else { return false }
            return !(max(0, x - margin)..<min(used, x + width + margin)).contains { taken[$0] }
        }
        func place(_ text: String, at x: Int) {
            screen.write(text, x: rect.x + x, y: rect.y + 1, style: theme.dim)
            for c in x..<min(used, x + TerminalText.width(of: text)) { taken[c] = true }
        }
        let firstYear = String(first / 12), lastYear = String(last / 12)
        let unit = perColumn == 1 ? "month" : (perColumn % 12 == 0 ? "\(perColumn / 12)y" : "\(perColumn)mo")
        if used > 10, free(used - lastYear.count, lastYear.count, margin: 0) {
            place(lastYear, at: used - lastYear.count)
        }
        if let x = (0...2).first(where: { free($0, firstYear.count, margin: 0) }) { place(firstYear, at: x) }
        for legend in ["per \(unit) · ▲ coup", "per \(unit)"] {
            let w = TerminalText.width(of: legend)
            if let x = (0..<max(0, used - w)).first(where: { free($0, w, margin: 1) }) {
                place(legend, at: x)
                break
            }
        }
        for c in 0..<used where coups[c] { screen.write("▲", x: rect.x + c, y: rect.y + 1, style: theme.coup) }
    }
}
