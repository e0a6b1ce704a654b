/// What `QueryEngine.run` accumulates over the matching records, in date order: the records, records per actor,
/// per-region activity, per-region yearly counts, perpetrator groups per region, and the monthly histogram.
/// Counts live in flat arrays (a dictionary update per record was most of a filter change's time at a million).
struct QueryTally {
    let store: RecordStore
    let engine: QueryEngine
    let actorCount: Int
    let regionCount: Int
    let firstMonth: Int
    let monthSpan: Int
    let firstYear: Int
    let yearSpan: Int

    var records: [Int32] = []
    /// The counters, written through pointers (see `TallyCounters`).
    private let counters: TallyCounters
    var events = 0, incidents = 0, fatalities = 0, eventFatalities = 0
    /// Perpetrator incidents per region and actor.
    private var groupCounts: PairCounts
    /// Months and years outside the dataset's own range (none for its records; kept for safety).
    private var otherMonths: [Int: (count: Int, coups: Int)] = [:]
    private var otherYears: [Int: Int32] = [:]
    /// Removing records from the totals of a pass over every record (`init(…removingFrom:)`) rather than adding
    /// them: each count moves by `step`, −1, and a region a removed record names is marked to have its first and
    /// last day found again (`settleDays`).
    let removing: Bool
    private let step: Int32
    /// The totals removed from, when `removing`.
    private let base: TallyTotals?

    /// `expected`: about how many records the pass will count (room for them, and for their region × perpetrator
    /// pairs, is reserved once). With `totals` (those of a pass over every record, `totals()`), the tally starts
    /// from them and removes the records given to `add`: a text matching most of a million records is counted by
    /// removing the few it leaves out.
    init(
        engine: QueryEngine, firstMonth: Int, monthSpan: Int, expected: Int = 0, removingFrom totals: TallyTotals? = nil
    ) {
        self.engine = engine
        store = engine.dataset.records
        actorCount = engine.dataset.actors.count
        regionCount = engine.dataset.regions.count
        self.firstMonth = firstMonth
        self.monthSpan = monthSpan
        firstYear = firstMonth / 12
        yearSpan = monthSpan / 12 + 2
        counters = TallyCounters(
            actors: actorCount, regions: regionCount, months: monthSpan, years: regionCount * yearSpan)
        groupCounts = PairCounts(regionCount: regionCount, actorCount: actorCount, expected: expected)
        removing = totals != nil
        step = totals == nil ? 1 : -1
        base = totals
        if let totals {
            counters.copy(totals)
            (events, incidents, fatalities, eventFatalities) =
                (totals.events, totals.incidents, totals.fatalities, totals.eventFatalities)
            (otherMonths, otherYears) = (totals.otherMonths, totals.otherYears)
        } else {
            records.reserveCapacity(expected)
        }
    }

    /// The totals of this pass (over every record), for passes that remove records from them.
    func totals() -> TallyTotals {
        TallyTotals(
            actorCounts: Array(counters.actorCounts), regions: Array(counters.regions),
            monthCounts: Array(counters.monthCounts), monthCoups: Array(counters.monthCoups),
            yearCounts: Array(counters.yearCounts), events: events, incidents: incidents, fatalities: fatalities,
            eventFatalities: eventFatalities, otherMonths: otherMonths, otherYears: otherYears,
            pairs: groupCounts.totals())
    }

    /// After removing records: the first and last day of each region a removed record named, from the records
    /// left (`kept`, by index in the store), read from the region's records in date order — the first kept one for
    /// the first day; for the last, from the end back until no earlier record can end later (each record of the
    /// region ends at most `span` days after it starts).
    mutating func settleDays(kept: BitSet) {
        guard removing else { return }
        let lists = engine.index.recordsByRegion
        let starts = store.starts, lasts = store.lastDays
        for r in 0..<regionCount where counters.regions[r].dirty {
            var sums = counters.regions[r]
            sums.dirty = false
            sums.seen = false
            let list = lists[r]
            if let first = list.first(where: { kept.contains(Int($0)) }) {
                sums.seen = true
                sums.first = starts[Int(first)]
                var best = Int32.min
                for i in list.reversed() {
                    if best != Int32.min && Int(starts[Int(i)]) + Int(sums.span) <= Int(best) { break }
                    if kept.contains(Int(i)) && lasts[Int(i)] > best { best = lasts[Int(i)] }
                }
                sums.last = best
            }
            counters.regions[r] = sums
        }
    }

    /// Records in the view per actor.
    var actorCounts: [Int32] { Array(counters.actorCounts) }

    /// Adds the counts of `other`, a tally of the same engine and months over records that come after this one's
    /// in date order (the second half of a pass on two threads): the same tally as one pass over both.
    mutating func absorb(_ other: QueryTally) {
        guard !removing, !other.removing else { return }
        records.append(contentsOf: other.records)
        events += other.events
        incidents += other.incidents
        fatalities += other.fatalities
        eventFatalities += other.eventFatalities
        func add(_ into: UnsafeMutableBufferPointer<Int32>, _ from: UnsafeMutableBufferPointer<Int32>) {
            for k in 0..<min(into.count, from.count) { into[k] &+= from[k] }
        }
        add(counters.actorCounts, other.counters.actorCounts)
        add(counters.monthCounts, other.counters.monthCounts)
        add(counters.monthCoups, other.counters.monthCoups)
        add(counters.yearCounts, other.counters.yearCounts)
        for r in 0..<min(counters.regions.count, other.counters.regions.count) {
            let later = other.counters.regions[r]
            var sums = counters.regions[r]
            sums.incidents += later.incidents
            sums.events += later.events
            sums.fatalities += later.fatalities
            sums.eventFatalities += later.eventFatalities
            if later.seen {
                if !sums.seen {
                    sums.seen = true
                    sums.first = later.first
                    sums.last = later.last
                } else if later.last > sums.last {
                    sums.last = later.last
                }
                sums.span = max(sums.span, later.span)
            }
            counters.regions[r] = sums
        }
        for (month, value) in other.otherMonths {
            otherMonths[month, default: (0, 0)].count += value.count
            otherMonths[month, default: (0, 0)].coups += value.coups
        }
        for (key, count) in other.otherYears { otherYears[key, default: 0] += count }
        groupCounts.absorb(other.groupCounts)
    }

    /// Counts record `ordered`, which matched.
    @inline(__always)
    mutating func add(_ ordered: Int32, start: Int32, last: Int32, category: Category) {
        let i = Int(ordered)
        if !removing { records.append(ordered) }
        let isIncident = store.kinds[i] == .incident
        if isIncident { incidents += Int(step) } else { events += Int(step) }
        let deaths = store.fatalityCount(i) * Int(step)
        fatalities += deaths
        if !isIncident { eventFatalities += deaths }
        let actorStart = Int(store.actorOffsets[i]), actorEnd = Int(store.actorOffsets[i + 1])
        let stamp = ordered &+ 1
        for k in actorStart..<actorEnd where store.actorRefs[k] >= 0 {
            // An actor named twice in one record (two roles) counts once.
            let actor = Int(store.actorRefs[k])
            guard actor < actorCount, counters.actorSeen[actor] != stamp else { continue }
            counters.actorSeen[actor] = stamp
            counters.actorCounts[actor] += step
        }
        let month = engine.month(ofDay: start)
        let isCoup = category == .coup
        countMonth(month, isCoup: isCoup)
        for k in Int(store.regionOffsets[i])..<Int(store.regionOffsets[i + 1]) where store.regionRefs[k] >= 0 {
            let region = Int(store.regionRefs[k])
            guard region < regionCount else { continue }
            // Deaths count whatever kind of record reports them; incidents are records of kind incident only
            // (the same count as the header's), and only they feed the per-year counts and the groups.
            counters.regions[region].fatalities += deaths
            if isIncident {
                countIncident(region: region, month: month)
                for k in actorStart..<actorEnd
                where store.actorRoles[k] == store.perpetratorSymbol && store.actorRefs[k] >= 0
                    && Int(store.actorRefs[k]) < actorCount
                {
                    groupCounts.increment(region: region, actor: Int(store.actorRefs[k]))
                }
            } else {
                counters.regions[region].events += Int(step)
                counters.regions[region].eventFatalities += deaths
            }
            see(region, start: start, last: last)
        }
    }

    /// Counts a record of month `month` (months since year 0) in the timeline's months.
    @inline(__always)
    mutating func countMonth(_ month: Int, isCoup: Bool) {
        let m = month - firstMonth
        if m >= 0 && m < monthSpan {
            counters.monthCounts[m] += step
            if isCoup { counters.monthCoups[m] += step }
        } else {
            otherMonths[month, default: (0, 0)].count += Int(step)
            if isCoup { otherMonths[month, default: (0, 0)].coups += Int(step) }
        }
    }

    /// Counts an incident of month `month` in region `region` and its year.
    @inline(__always)
    mutating func countIncident(region: Int, month: Int) {
        counters.regions[region].incidents += Int(step)
        let year = month / 12
        let y = year - firstYear
        if y >= 0 && y < yearSpan {
            counters.yearCounts[region * yearSpan + y] += step
        } else {
            otherYears[region << 16 | (year & 0xFFFF), default: 0] += step
        }
    }

    /// Counts `record`, whose packed row is `row` and which matched: the same counts as
    /// `add(_:start:last:category:)`, read from the row (the store's columns only for a record that spills).
    @inline(__always)
    mutating func add(_ row: TallyRow, record: Int32) {
        if row.flags & TallyRow.spills != 0 {
            add(record, start: row.start, last: row.last, category: Category.allCases[row.categoryIndex])
            return
        }
        if !removing { records.append(record) }
        let isIncident = row.isIncident
        if isIncident { incidents += Int(step) } else { events += Int(step) }
        let deaths = Int(row.deaths) * Int(step)
        fatalities += deaths
        if !isIncident { eventFatalities += deaths }
        if row.actor0 >= 0 { counters.actorCounts[Int(row.actor0)] += step }
        // An actor named twice in one record (two roles) counts once.
        if row.actor1 >= 0 && row.actor1 != row.actor0 { counters.actorCounts[Int(row.actor1)] += step }
        let month = engine.month(ofDay: row.start)
        let isCoup = row.categoryIndex == TallyRow.coupIndex
        countMonth(month, isCoup: isCoup)
        guard row.region >= 0 else { return }
        let region = Int(row.region)
        counters.regions[region].fatalities += deaths
        if isIncident {
            countIncident(region: region, month: month)
            if row.flags & TallyRow.perpetrator0 != 0 { groupCounts.increment(region: region, actor: Int(row.actor0)) }
            if row.flags & TallyRow.perpetrator1 != 0 { groupCounts.increment(region: region, actor: Int(row.actor1)) }
        } else {
            counters.regions[region].events += Int(step)
            counters.regions[region].eventFatalities += deaths
        }
        see(region, start: row.start, last: row.last)
    }

    /// Takes a counted record's days into its region's, or marks the region when the record is removed.
    @inline(__always)
    private mutating func see(_ region: Int, start: Int32, last: Int32) {
        if removing {
            counters.regions[region].dirty = true
        } else {
            counters.regions[region].see(start: start, last: last)
        }
    }

    /// Each region's activity with its perpetrator groups, most incidents first (then by actor), and its yearly
    /// counts (in no order yet).
    /// `pairs`: this tally's `totals().pairs` when they were made already.
    func regionActivity(pairs: PairCounts.Totals? = nil) -> [RegionActivity] {
        let groups =
            base.map {
                PairCounts.groups(
                    $0.pairs, minus: groupCounts.totals(), regionCount: regionCount, actorCount: actorCount)
            }
            ?? PairCounts.groups(
                pairs ?? groupCounts.totals(), minus: nil, regionCount: regionCount, actorCount: actorCount)
        var result = (0..<regionCount).map { r in
            var activity = RegionActivity(region: Int32(r))
            let sums = counters.regions[r]
            activity.incidents = sums.incidents
            activity.events = sums.events
            activity.fatalities = sums.fatalities
            activity.eventFatalities = sums.eventFatalities
            if sums.seen {
                activity.firstDay = sums.first
                activity.lastDay = sums.last
            }
            activity.groups = groups[r]
            return activity
        }
        for region in 0..<regionCount {
            for y in 0..<yearSpan where counters.yearCounts[region * yearSpan + y] > 0 {
                result[region].perYear.append(
                    YearCount(
                        year: (firstYear + y) & 0xFFFF,
                        count: Int(counters.yearCounts[region * yearSpan + y])))
            }
        }
        for (key, count) in otherYears where count > 0 {
            result[key >> 16].perYear.append(YearCount(year: key & 0xFFFF, count: Int(count)))
        }
        return result
    }

    /// Records and coups per month number.
    func months() -> [Int: (count: Int, coups: Int)] {
        var result = otherMonths.filter { $0.value.count > 0 }
        for m in 0..<monthSpan where counters.monthCounts[m] > 0 {
            result[firstMonth + m] = (Int(counters.monthCounts[m]), Int(counters.monthCoups[m]))
        }
        return result
    }
}

/// A region's counts and first and last days in `QueryTally`: plain values, so that updating them per record copies
/// nothing.
struct RegionSums: Sendable {
    var incidents = 0, events = 0, fatalities = 0, eventFatalities = 0
    /// The start of the first record counted (in date order) and the latest last day; meaningful when `seen`.
    var first: Int32 = 0, last: Int32 = 0
    var seen = false
    /// The most days a counted record spans (last day − start), for `QueryTally.settleDays`.
    var span: Int32 = 0
    /// A removed record named the region: its days are to be found again.
    var dirty = false

    /// Takes a record's days: the first one counted keeps its start, and the last day is the latest.
    @inline(__always)
    mutating func see(start: Int32, last: Int32) {
        if !seen {
            seen = true
            first = start
            self.last = last
        } else if last > self.last {
            self.last = last
        }
        if last &- start > span { span = last &- start }
    }
}

/// The counters of a `QueryTally` in memory of their own, written through pointers: counting a million records
/// through arrays spent a third of the pass in the arrays' uniqueness and bounds checks, which the compiler did not
/// inline (docs/benchmarks.md, the text filter round). Every index is checked by the tally before it writes.
final class TallyCounters {
    /// Records per actor.
    let actorCounts: UnsafeMutableBufferPointer<Int32>
    /// For each actor, the last record that counted it, plus one: an actor named twice in one record (two roles)
    /// counts once, in one step per name (a scan of the record's earlier names was quadratic in its actors).
    let actorSeen: UnsafeMutableBufferPointer<Int32>
    /// Each region's counts and days.
    let regions: UnsafeMutableBufferPointer<RegionSums>
    let monthCounts: UnsafeMutableBufferPointer<Int32>
    let monthCoups: UnsafeMutableBufferPointer<Int32>
    let yearCounts: UnsafeMutableBufferPointer<Int32>

    init(actors: Int, regions: Int, months: Int, years: Int) {
        func zeros(_ count: Int) -> UnsafeMutableBufferPointer<Int32> {
            let buffer = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(0, count))
            buffer.initialize(repeating: 0)
            return buffer
        }
        actorCounts = zeros(actors)
        actorSeen = zeros(actors)
        monthCounts = zeros(months)
        monthCoups = zeros(months)
        yearCounts = zeros(years)
        self.regions = UnsafeMutableBufferPointer<RegionSums>.allocate(capacity: max(0, regions))
        self.regions.initialize(repeating: RegionSums())
    }

    /// Sets the counters to `totals`' (of the same dataset: the same sizes).
    func copy(_ totals: TallyTotals) {
        func copy<T>(_ values: [T], into buffer: UnsafeMutableBufferPointer<T>) {
            for k in 0..<min(values.count, buffer.count) { buffer[k] = values[k] }
        }
        copy(totals.actorCounts, into: actorCounts)
        copy(totals.regions, into: regions)
        copy(totals.monthCounts, into: monthCounts)
        copy(totals.monthCoups, into: monthCoups)
        copy(totals.yearCounts, into: yearCounts)
    }

    deinit {
        actorCounts.deallocate()
        actorSeen.deallocate()
        regions.deallocate()
        monthCounts.deallocate()
        monthCoups.deallocate()
        yearCounts.deallocate()
    }
}

/// A tally's counts after a pass over every record (the unfiltered view's), kept by the engine: a broad text filter
/// starts from them and removes the records the text leaves out (`QueryTally.init(…removingFrom:)`).
struct TallyTotals: Sendable {
    var actorCounts: [Int32]
    var regions: [RegionSums]
    var monthCounts: [Int32]
    var monthCoups: [Int32]
    var yearCounts: [Int32]
    var events: Int, incidents: Int, fatalities: Int, eventFatalities: Int
    var otherMonths: [Int: (count: Int, coups: Int)]
    var otherYears: [Int: Int32]
    var pairs: PairCounts.Totals
}
