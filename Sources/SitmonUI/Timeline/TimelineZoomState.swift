import SitmonCore

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
    init(records: [Int32], store: RecordStore, zoom: DateHistogram.Zoom, since: PartialDate?, until: PartialDate?,
         focusDay: Int32?) {
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
        func edge(_ k: Int, later: Bool) -> Int32? { k < buckets.count ? (later ? buckets[k].last : buckets[k].first) : nil }
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
