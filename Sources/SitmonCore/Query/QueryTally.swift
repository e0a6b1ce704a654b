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

    /// `expected`: about how many records the pass will count (room for them, and for their region × perpetrator
    /// pairs, is reserved once).
    init(engine: QueryEngine, firstMonth: Int, monthSpan: Int, expected: Int = 0) {
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
        records.reserveCapacity(expected)
    }

    /// Records in the view per actor.
    var actorCounts: [Int32] { Array(counters.actorCounts) }

    /// Counts record `ordered`, which matched.
    @inline(__always)
    mutating func add(_ ordered: Int32, start: Int32, last: Int32, category: Category) {
        let i = Int(ordered)
        records.append(ordered)
        let isIncident = store.kinds[i] == .incident
        if isIncident { incidents += 1 } else { events += 1 }
        let deaths = store.fatalityCount(i)
        fatalities += deaths
        if !isIncident { eventFatalities += deaths }
        let actorStart = Int(store.actorOffsets[i]), actorEnd = Int(store.actorOffsets[i + 1])
        let stamp = ordered &+ 1
        for k in actorStart..<actorEnd where store.actorRefs[k] >= 0 {
            // An actor named twice in one record (two roles) counts once.
            let actor = Int(store.actorRefs[k])
            guard actor < actorCount, counters.actorSeen[actor] != stamp else { continue }
            counters.actorSeen[actor] = stamp
            counters.actorCounts[actor] += 1
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
                counters.regions[region].events += 1
                counters.regions[region].eventFatalities += deaths
            }
            counters.regions[region].see(start: start, last: last)
        }
    }

    /// Counts a record of month `month` (months since year 0) in the timeline's months.
    @inline(__always)
    mutating func countMonth(_ month: Int, isCoup: Bool) {
        let m = month - firstMonth
        if m >= 0 && m < monthSpan {
            counters.monthCounts[m] += 1
            if isCoup { counters.monthCoups[m] += 1 }
        } else {
            otherMonths[month, default: (0, 0)].count += 1
            if isCoup { otherMonths[month, default: (0, 0)].coups += 1 }
        }
    }

    /// Counts an incident of month `month` in region `region` and its year.
    @inline(__always)
    mutating func countIncident(region: Int, month: Int) {
        counters.regions[region].incidents += 1
        let year = month / 12
        let y = year - firstYear
        if y >= 0 && y < yearSpan {
            counters.yearCounts[region * yearSpan + y] += 1
        } else {
            otherYears[region << 16 | (year & 0xFFFF), default: 0] += 1
        }
    }

    /// Counts the record of `row`, which matched: the same counts as `add(_:start:last:category:)`, read from the
    /// packed row (the store's columns only for a record that spills).
    @inline(__always)
    mutating func add(_ row: TallyRow) {
        if row.flags & TallyRow.spills != 0 {
            add(row.record, start: row.start, last: row.last, category: Category.allCases[row.categoryIndex])
            return
        }
        records.append(row.record)
        let isIncident = row.isIncident
        if isIncident { incidents += 1 } else { events += 1 }
        let deaths = Int(row.deaths)
        fatalities += deaths
        if !isIncident { eventFatalities += deaths }
        if row.actor0 >= 0 { counters.actorCounts[Int(row.actor0)] += 1 }
        // An actor named twice in one record (two roles) counts once.
        if row.actor1 >= 0 && row.actor1 != row.actor0 { counters.actorCounts[Int(row.actor1)] += 1 }
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
            counters.regions[region].events += 1
            counters.regions[region].eventFatalities += deaths
        }
        counters.regions[region].see(start: row.start, last: row.last)
    }

    /// Each region's activity with its perpetrator groups, most incidents first (then by actor), and its yearly
    /// counts (in no order yet).
    func regionActivity() -> [RegionActivity] {
        let groups = groupCounts.groups()
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
        for (key, count) in otherYears {
            result[key >> 16].perYear.append(YearCount(year: key & 0xFFFF, count: Int(count)))
        }
        return result
    }

    /// Records and coups per month number.
    func months() -> [Int: (count: Int, coups: Int)] {
        var result = otherMonths
        for m in 0..<monthSpan where counters.monthCounts[m] > 0 {
            result[firstMonth + m] = (Int(counters.monthCounts[m]), Int(counters.monthCoups[m]))
        }
        return result
    }
}

/// A region's counts and first and last days in `QueryTally`: plain values, so that updating them per record copies
/// nothing.
struct RegionSums {
    var incidents = 0, events = 0, fatalities = 0, eventFatalities = 0
    /// The start of the first record counted (in date order) and the latest last day; meaningful when `seen`.
    var first: Int32 = 0, last: Int32 = 0
    var seen = false

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

    deinit {
        actorCounts.deallocate()
        actorSeen.deallocate()
        regions.deallocate()
        monthCounts.deallocate()
        monthCoups.deallocate()
        yearCounts.deallocate()
    }
}
