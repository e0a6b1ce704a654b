import SitmonCore
import SitmonScreen

/// Draws the `z` zoomable timeline across the width of the screen: bars per period (several rows high, in eighths),
/// coups marked on the axis, period labels, the brushed range and the cursor.
enum TimelineZoomRenderer {
    static let hints = "←→ move · PgUp PgDn page · + − zoom · Space brush · Enter set dates · c clear dates · Esc close"

    static func draw(_ screen: inout Screen, _ state: AppState, _ zoomState: TimelineZoomState) {
        let rect = TimelineZoomState.frame(width: screen.width, height: screen.height)
        screen.fill(rect)
        Renderer.drawBox(
            &screen, rect, title: "Timeline · per \(zoomState.zoom.name)", focused: true, theme: state.theme)
        let inner = rect.inner
        guard inner.width >= 4, inner.height >= 1 else { return }
        let x0 = inner.x + 1, width = inner.width - 2
        let histogram = zoomState.histogram
        let buckets = histogram.buckets
        let zoom = histogram.zoom
        if inner.height >= 2 {
            screen.write(
                TerminalText.truncated(hints, to: width), x: x0, y: inner.y + inner.height - 1, style: state.theme.dim)
        }
        guard !buckets.isEmpty else {
            let precision = zoom == .week ? "day" : zoom.name
            var text = "(no records dated to the \(precision) in this view"
            text += histogram.coarse > 0 ? "; \(histogram.coarse) less precise: press − to zoom out)" : ")"
            screen.write(TerminalText.truncated(text, to: width), x: x0, y: inner.y, style: state.theme.dim)
            return
        }
        let (cellWidth, visible) = TimelineZoomState.columns(boxWidth: rect.width, buckets: buckets.count)
        var view = zoomState
        view.keepCursorVisible(visible: visible)
        let first = view.scroll
        let shown = min(visible, buckets.count - first)
        let range = view.selectedRange

        // Line 1: the cursor's period, the brush and the coarse dates left out.
        var info = StyledLine()
        let current = buckets[view.cursor]
        info.add(current.label(zoom), state.theme.title)
        info.add(" · \(current.count) record\(current.count == 1 ? "" : "s")", state.theme.text)
        if current.coups > 0 { info.add(" · \(current.coups) coup\(current.coups == 1 ? "" : "s")", state.theme.coup) }
        if view.anchor != nil {
            let from = buckets[range.lowerBound].since(zoom), to = buckets[range.upperBound].until(zoom)
            let count = view.selectedCount(store: state.dataset.records)
            info.add(
                "   brush \(from) – \(to): \(count) record\(count == 1 ? "" : "s") (Enter sets the dates)",
                state.theme.label)
        } else {
            info.add("   Space starts a brush", state.theme.dim)
        }
        if histogram.coarse > 0 {
            let what = zoom == .week ? "to the month or year" : "to the year"
            info.add("   \(histogram.coarse) dated only \(what) not shown", state.theme.dim)
        }
        info.truncated(to: width).draw(on: &screen, x: x0, y: inner.y, width: width)
        guard inner.height >= 5 else { return }

        // Bars, scaled to the largest bucket of the whole histogram so scrolling keeps the scale.
        let barRows = max(1, inner.height - 4)
        let top = inner.y + 1
        let maximum = max(1, buckets.map(\.count).max() ?? 1)
        let levels: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let barWidth = cellWidth >= 3 ? cellWidth - 1 : cellWidth
        for k in 0..<shown {
            let b = first + k
            let bucket = buckets[b]
            let eighths = bucket.count == 0 ? 0 : max(1, (bucket.count * barRows * 8 + maximum - 1) / maximum)
            let x = x0 + k * cellWidth
            let style: Style
            if b == view.cursor {
                style = state.theme.focusedSelection
            } else if range.contains(b) && view.anchor != nil {
                style = state.theme.selection
            } else {
                style = bucket.coups > 0 ? state.theme.coup : state.theme.label
            }
            for row in 0..<barRows {
                let fill = max(0, min(8, eighths - (barRows - 1 - row) * 8))
                let text = String(repeating: levels[fill], count: barWidth)
                let highlighted = b == view.cursor || (range.contains(b) && view.anchor != nil)
                screen.write(text, x: x, y: top + row, style: fill == 0 && !highlighted ? state.theme.text : style)
            }
        }
        // Axis with coups, then labels.
        let axisY = top + barRows
        screen.write(
            String(repeating: "─", count: shown * cellWidth), x: x0, y: axisY, style: state.theme.border,
            maxWidth: width)
        for k in 0..<shown where buckets[first + k].coups > 0 {
            screen.write("▲", x: x0 + k * cellWidth, y: axisY, style: state.theme.coup)
        }
        if first > 0 { screen.write("◀", x: x0 - 1, y: axisY, style: state.theme.label) }
        if first + shown < buckets.count {
            screen.write("▶", x: x0 + shown * cellWidth, y: axisY, style: state.theme.label)
        }
        for placed in axisLabels(
            buckets: Array(buckets[first..<(first + shown)]), zoom, cellWidth: cellWidth, width: width)
        {
            screen.write(
                placed.text, x: x0 + placed.x, y: axisY + 1,
                style: first + placed.bucket == view.cursor ? state.theme.title : state.theme.dim)
        }
    }

    /// The labels under the axis, as (column from the left, text, bucket shown): years first, so that a year is
    /// never dropped for the stub of the period before it ("Nov 2018 Feb Mar" without 2019); then the first
    /// period's label (shortened, or left out, when it would run into the next year); then months where they fit.
    /// Labels keep a column between them.
    static func axisLabels(buckets: [DateHistogram.Bucket], _ zoom: DateHistogram.Zoom, cellWidth: Int, width: Int)
        -> [(x: Int, text: String, bucket: Int)]
    {
        var placed: [(x: Int, text: String, bucket: Int)] = []
        func fits(_ x: Int, _ text: String) -> Bool {
            let w = TerminalText.width(of: text)
            guard x >= 0, x + w <= width else { return false }
            return placed.allSatisfy { x + w < $0.x || x > $0.x + TerminalText.width(of: $0.text) }
        }
        func place(_ k: Int, _ candidates: [String]) {
            let x = k * cellWidth
            if let text = candidates.first(where: { fits(x, $0) }) { placed.append((x, text, k)) }
        }
        var years: [Int] = [], months: [Int] = []
        for k in buckets.indices {
            let (_, month, day) = PartialDate.civil(fromDays: Int(buckets[k].first))
            switch zoom {
            case .year: years.append(k)
            case .month: if month == 1 { years.append(k) } else { months.append(k) }
            case .week:
                guard day <= 7 else { continue }
                if month == 1 { years.append(k) } else { months.append(k) }
            }
        }
        for k in years {
            let (year, _, _) = PartialDate.civil(fromDays: Int(buckets[k].first))
            place(k, [String(year)])
        }
        if let k = buckets.indices.first, !years.contains(k) {
            let (year, month, _) = PartialDate.civil(fromDays: Int(buckets[k].first))
            let name = PartialDate.monthNames[month - 1]
            place(k, zoom == .week ? ["\(name) \(year)", String(year), name] : [String(year), name])
        }
        if zoom == .week || cellWidth >= 4 {
            for k in months where !placed.contains(where: { $0.bucket == k }) {
                let (_, month, _) = PartialDate.civil(fromDays: Int(buckets[k].first))
                place(k, [PartialDate.monthNames[month - 1]])
            }
        }
        return placed.sorted { $0.x < $1.x }
    }
}
