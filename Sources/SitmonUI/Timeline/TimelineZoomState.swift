import SitmonCore
import SitmonScreen

/// The `z` zoomable timeline: a histogram of the view (without its date range) per year, month or week, a cursor
/// on one period and an optional brushed range of periods, which Enter turns into the date filter.
public struct TimelineZoomState: Sendable {
    public private(set) var histogram: DateHistogram
    /// The view's records without the date range: what the dates could be set to.
    let records: [Int32]
    /// The bucket under the cursor.
    public var cursor = 0
    /// The first bucket shown (the histogram scrolls sideways when it is wider than the screen).
    public var scroll = 0
    /// Where the brush started (Space), if brushing.
    public var anchor: Int?

    public var zoom: DateHistogram.Zoom { histogram.zoom }

    /// Opens on the records in `records`, at `zoom`; the cursor and brush start on the current date range when there
    /// is one, else on `focusDay` (the selected record), else on the last period.
    init(
        records: [Int32], store: RecordStore, zoom: DateHistogram.Zoom, since: PartialDate?, until: PartialDate?,
        focusDay: Int32?
    ) {
        self.records = records
        histogram = DateHistogram(records: records, store: store, zoom: zoom)
        let buckets = histogram.buckets
        guard !buckets.isEmpty else { return }
        if since != nil || until != nil {
            let low = histogram.bucketIndex(containing: since?.day ?? buckets[0].first)
            let high = histogram.bucketIndex(containing: until?.lastDay ?? buckets[buckets.count - 1].last)
            anchor = low
            cursor = max(low, high)
        } else if let focusDay {
            cursor = histogram.bucketIndex(containing: focusDay)
        } else {
            cursor = buckets.count - 1
        }
    }

    /// The brushed range, or the cursor's bucket alone.
    public var selectedRange: ClosedRange<Int> {
        let a = anchor ?? cursor
        return min(a, cursor)...max(a, cursor)
    }

    /// The dates Enter sets: the first day of the selected range's first period, the last of its last; nil when
    /// there is no period.
    public var selectedDates: (since: PartialDate, until: PartialDate)? {
        let buckets = histogram.buckets
        let range = selectedRange
        guard range.upperBound < buckets.count else { return nil }
        return (buckets[range.lowerBound].since(zoom), buckets[range.upperBound].until(zoom))
    }

    /// The records Enter selects: those of the view (without its date range) that overlap `selectedDates`, as the
    /// date filter counts them — records dated only to a year or a month, and records that began earlier, included.
    /// Not the sum of the bars, which count a record in its start's period only, when precise enough.
    public func selectedCount(store: RecordStore) -> Int {
        guard let (since, until) = selectedDates else { return 0 }
        let low = since.day, high = until.lastDay
        var count = 0
        store.starts.withUnsafeBufferPointer { starts in
            store.lastDays.withUnsafeBufferPointer { lasts in
                for r in records {
                    let i = Int(r)
                    if lasts[i] >= low && starts[i] <= high { count += 1 }
                }
            }
        }
        return count
    }

    /// Changes the zoom, keeping the cursor and the brush on the same dates: each end of the brush keeps its
    /// outer edge (the first day of its earlier end, the last day of its later end), so the range is not narrowed.
    mutating func setZoom(_ zoom: DateHistogram.Zoom, store: RecordStore) {
        guard zoom != histogram.zoom else { return }
        let buckets = histogram.buckets
        func edge(_ k: Int, later: Bool) -> Int32? {
            k < buckets.count ? (later ? buckets[k].last : buckets[k].first) : nil
        }
        let cursorDay = edge(cursor, later: anchor.map { $0 <= cursor } ?? false)
        let anchorDay = anchor.flatMap { edge($0, later: $0 > cursor) }
        histogram = DateHistogram(records: records, store: store, zoom: zoom)
        guard !histogram.buckets.isEmpty else {
            cursor = 0
            anchor = nil
            return
        }
        if let cursorDay { cursor = histogram.bucketIndex(containing: cursorDay) }
        if let anchorDay { anchor = histogram.bucketIndex(containing: anchorDay) }
        scroll = max(0, cursor - 1)
    }

    /// Moves the cursor, clamped to the buckets.
    mutating func move(by delta: Int) {
        let count = histogram.buckets.count
        guard count > 0 else { return }
        cursor = max(0, min(count - 1, cursor + delta))
    }

    /// Keeps the cursor within the `visible` buckets shown.
    mutating func keepCursorVisible(visible: Int) {
        let count = histogram.buckets.count
        let v = max(1, visible)
        if cursor < scroll { scroll = cursor }
        if cursor >= scroll + v { scroll = cursor - v + 1 }
        scroll = max(0, min(scroll, max(0, count - v)))
    }
}

extension TimelineZoomState: OverlayModel {
    /// `z`: the zoomable timeline of the monitor's view without its date range, per month (per year when that
    /// makes more than 240 columns), its cursor on the selected record's period.
    init(opening app: AppState) {
        var undated = app.filter
        undated.since = nil
        undated.until = nil
        let records = undated == app.filter ? app.view.records : app.engine.run(undated).records
        let store = app.dataset.records
        let focusDay = app.selectedRecord.map { store.date(Int($0)).day }
        self.init(
            records: records, store: store, zoom: .month, since: app.filter.since, until: app.filter.until,
            focusDay: focusDay)
        // Two decades and more read better a year a column.
        if histogram.buckets.count > 240 { setZoom(.year, store: store) }
        keepCursorVisible(visible: TimelineZoomState.visibleBuckets(app, buckets: histogram.buckets.count))
    }

    mutating func handle(_ key: Key, in app: AppState) -> OverlayOutcome {
        let store = app.dataset.records
        let page = TimelineZoomState.visibleBuckets(app, buckets: histogram.buckets.count)
        var outcome = OverlayOutcome.stay
        switch key {
        case .escape, .character("q"):
            return .close
        case .left, .character("h"): move(by: -1)
        case .right, .character("l"): move(by: 1)
        case .pageUp, .character("H"): move(by: -page)
        case .pageDown, .character("L"): move(by: page)
        case .home, .character("g"): cursor = 0
        case .end, .character("G"): cursor = max(0, histogram.buckets.count - 1)
        case .character("+"), .character("="), .character("z"):
            if let finer = DateHistogram.Zoom(rawValue: zoom.rawValue + 1) { setZoom(finer, store: store) }
        case .character("-"), .character("Z"):
            if let coarser = DateHistogram.Zoom(rawValue: zoom.rawValue - 1) { setZoom(coarser, store: store) }
        case .character(" "):
            anchor = anchor == nil ? cursor : nil
        case .character("c"):
            // Clears the date filter and stays open (Esc or q then closes, as documented), with the brush dropped.
            anchor = nil
            var filter = app.filter
            if filter.since == nil && filter.until == nil {
                outcome = outcome.with(message: "No date range to clear")
            } else {
                filter.since = nil
                filter.until = nil
                outcome = outcome.with(filter: filter).with(message: "Date range cleared (u to undo)")
            }
        case .enter:
            guard let (since, until) = selectedDates else { return .close }
            var filter = app.filter
            filter.since = since
            filter.until = until
            return OverlayOutcome.close.with(filter: filter)
                .with(message: "Dates: \(since.description) – \(until.description) (u to undo)")
        default:
            break
        }
        keepCursorVisible(visible: page)
        return outcome
    }

    /// The box on a screen of this size.
    static func frame(width: Int, height: Int) -> Rect {
        let h = min(height, max(9, min(22, height - 4)))
        return Rect(x: 0, y: max(0, (height - h) / 2), width: width, height: h)
    }

    /// Cells per bucket and buckets visible in a box of this width.
    static func columns(boxWidth: Int, buckets: Int) -> (cellWidth: Int, visible: Int) {
        let area = max(1, boxWidth - 4)
        let cellWidth = max(1, min(6, area / max(1, buckets)))
        return (cellWidth, max(1, area / cellWidth))
    }

    /// Buckets visible at once on the monitor's screen.
    static func visibleBuckets(_ app: AppState, buckets: Int) -> Int {
        columns(boxWidth: frame(width: app.width, height: app.height).width, buckets: buckets).visible
    }
}
