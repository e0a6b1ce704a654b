/// Records per calendar period — year, month or ISO week (Monday to Sunday) — for the zoomable timeline.
///
/// Every period from the first to the last one holding a record is present, empty ones included, so a column is a
/// fixed span of time. A record is counted in the period of its start date, and only when its date is at least as
/// precise as the period: at month zoom a record known only to the year is counted in `coarse` instead of being
/// piled into January, and at week zoom so are records known only to the month.
public struct DateHistogram: Sendable, Hashable {
    /// The length of one period.
    public enum Zoom: Int, Sendable, CaseIterable, Hashable {
        case year, month, week

        public var name: String { ["year", "month", "week"][rawValue] }

        /// The least precise date this zoom can place.
        var precision: DatePrecision {
            switch self {
            case .year: .year
            case .month: .month
            case .week: .day
            }
        }
    }

    /// One period.
    public struct Bucket: Sendable, Hashable {
        /// First and last day of the period (days since 1970-01-01).
        public var first: Int32
        public var last: Int32
        public var count: Int
        public var coups: Int

        /// The period as a date filter bound: `2020`, `2020-08` or the Monday `2020-08-17`.
        public func since(_ zoom: Zoom) -> PartialDate { DateHistogram.date(first, zoom) }

        /// The end of the period as a date filter bound: `2020`, `2020-08` or the Sunday `2020-08-23`.
        public func until(_ zoom: Zoom) -> PartialDate {
            zoom == .week ? PartialDate(day: last, precision: .day) : DateHistogram.date(first, zoom)
        }

        /// A short label: `2020`, `Aug 2020`, `17 Aug 2020`.
        public func label(_ zoom: Zoom) -> String { since(zoom).readable }
    }

    public let zoom: Zoom
    public let buckets: [Bucket]
    /// Records whose date is too coarse for this zoom.
    public let coarse: Int

    /// Counts `records` (indexes into `store`) per period.
    public init(records: [Int32], store: RecordStore, zoom: Zoom) {
        self.zoom = zoom
        var keys: [Int32] = []
        keys.reserveCapacity(records.count)
        var coupFlags: [Bool] = []
        coupFlags.reserveCapacity(records.count)
        var coarse = 0
        var low = Int32.max, high = Int32.min
        for record in records {
            let i = Int(record)
            let date = store.date(i)
            guard date.precision >= zoom.precision else {
                coarse += 1
                continue
            }
            let key = DateHistogram.periodKey(date.day, zoom)
            keys.append(key)
            coupFlags.append(store.categories[i] == .coup)
            low = min(low, key)
            high = max(high, key)
        }
        self.coarse = coarse
        guard low <= high else {
            buckets = []
            return
        }
        var buckets: [Bucket] = []
        buckets.reserveCapacity(Int(high - low) + 1)
        for key in low...high {
            let first = DateHistogram.firstDay(ofPeriod: key, zoom)
            let next = DateHistogram.firstDay(ofPeriod: key + 1, zoom)
            buckets.append(Bucket(first: first, last: next - 1, count: 0, coups: 0))
        }
        for (k, key) in keys.enumerated() {
            let b = Int(key - low)
            buckets[b].count += 1
            if coupFlags[k] { buckets[b].coups += 1 }
        }
        self.buckets = buckets
    }

    /// The index of the bucket holding `day`, or the nearest one.
    public func bucketIndex(containing day: Int32) -> Int {
        guard let first = buckets.first else { return 0 }
        let key = DateHistogram.periodKey(day, zoom) - DateHistogram.periodKey(first.first, zoom)
        return Int(max(0, min(Int32(buckets.count - 1), key)))
    }

    /// A period number: years since year 0, months since year 0, or weeks since the Monday 1969-12-29.
    static func periodKey(_ day: Int32, _ zoom: Zoom) -> Int32 {
        switch zoom {
        case .year:
            return Int32(PartialDate.civil(fromDays: Int(day)).year)
        case .month:
            let (y, m, _) = PartialDate.civil(fromDays: Int(day))
            return Int32(y * 12 + m - 1)
        case .week:
            // 1970-01-01 was a Thursday; day -3 (1969-12-29) a Monday.
            let shifted = Int(day) + 3
            return Int32(shifted >= 0 ? shifted / 7 : -((-shifted + 6) / 7))
        }
    }

    /// The first day of a period number.
    static func firstDay(ofPeriod key: Int32, _ zoom: Zoom) -> Int32 {
        switch zoom {
        case .year: return Int32(PartialDate.daysFromCivil(year: Int(key), month: 1, day: 1))
        case .month:
            let k = Int(key)
            let year = k >= 0 ? k / 12 : -((-k + 11) / 12)
            return Int32(PartialDate.daysFromCivil(year: year, month: k - year * 12 + 1, day: 1))
        case .week: return key * 7 - 3
        }
    }

    static func date(_ day: Int32, _ zoom: Zoom) -> PartialDate {
        PartialDate(day: day, precision: zoom.precision)
    }
}
