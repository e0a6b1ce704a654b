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
    var actorCounts: [Int32]
    var regions: [RegionActivity]
    var events = 0, incidents = 0, fatalities = 0, eventFatalities = 0
    private var monthCounts: [Int32]
    private var monthCoups: [Int32]
    /// `region * yearSpan + year - firstYear`.
    private var yearCounts: [Int32]
    /// Perpetrator incidents per `region * actorCount + actor`.
    private var groupCounts: PairCounts
    /// For each actor, the last record that counted it, plus one: an actor named twice in one record (two roles)
    /// counts once, in one step per name (a scan of the record's earlier names was quadratic in its actors).
    private var actorSeen: [Int32]
    /// Months and years outside the dataset's own range (none for its records; kept for safety).
    private var otherMonths: [Int: (count: Int, coups: Int)] = [:]
    private var otherYears: [Int: Int32] = [:]

    init(engine: QueryEngine, firstMonth: Int, monthSpan: Int) {
        self.engine = engine
        store = engine.dataset.records
        actorCount = engine.dataset.actors.count
        regionCount = engine.dataset.regions.count
        self.firstMonth = firstMonth
        self.monthSpan = monthSpan
        firstYear = firstMonth / 12
        yearSpan = monthSpan / 12 + 2
        actorCounts = [Int32](repeating: 0, count: actorCount)
        regions = (0..<regionCount).map { RegionActivity(region: Int32($0)) }
        monthCounts = [Int32](repeating: 0, count: monthSpan)
        monthCoups = [Int32](repeating: 0, count: monthSpan)
        yearCounts = [Int32](repeating: 0, count: regionCount * yearSpan)
        groupCounts = PairCounts(keySpace: regionCount * actorCount)
        actorSeen = [Int32](repeating: 0, count: actorCount)
    }

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
            guard actor < actorCount, actorSeen[actor] != stamp else { continue }
            actorSeen[actor] = stamp
            actorCounts[actor] += 1
        }
        let month = engine.month(ofDay: start)
        let isCoup = category == .coup
        countMonth(month, isCoup: isCoup)
        for k in Int(store.regionOffsets[i])..<Int(store.regionOffsets[i + 1]) where store.regionRefs[k] >= 0 {
            let region = Int(store.regionRefs[k])
            guard region < regionCount else { continue }
            // Deaths count whatever kind of record reports them; incidents are records of kind incident only
            // (the same count as the header's), and only they feed the per-year counts and the groups.
            regions[region].fatalities += deaths
            if isIncident {
                countIncident(region: region, month: month)
                for k in actorStart..<actorEnd
                where store.actorRoles[k] == store.perpetratorSymbol && store.actorRefs[k] >= 0
                    && Int(store.actorRefs[k]) < actorCount
                {
                    groupCounts.increment(region * actorCount + Int(store.actorRefs[k]))
                }
            } else {
                regions[region].events += 1
                regions[region].eventFatalities += deaths
            }
            if regions[region].firstDay == nil { regions[region].firstDay = start }
            regions[region].lastDay = max(regions[region].lastDay ?? last, last)
        }
    }

    /// Counts a record of month `month` (months since year 0) in the timeline's months.
    @inline(__always)
    mutating func countMonth(_ month: Int, isCoup: Bool) {
        let m = month - firstMonth
        if m >= 0 && m < monthSpan {
            monthCounts[m] += 1
            if isCoup { monthCoups[m] += 1 }
        } else {
            otherMonths[month, default: (0, 0)].count += 1
            if isCoup { otherMonths[month, default: (0, 0)].coups += 1 }
        }
    }

    /// Counts an incident of month `month` in region `region` and its year.
    @inline(__always)
    mutating func countIncident(region: Int, month: Int) {
        regions[region].incidents += 1
        let year = month / 12
        let y = year - firstYear
        if y >= 0 && y < yearSpan {
            yearCounts[region * yearSpan + y] += 1
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
        if row.actor0 >= 0 { actorCounts[Int(row.actor0)] += 1 }
        // An actor named twice in one record (two roles) counts once.
        if row.actor1 >= 0 && row.actor1 != row.actor0 { actorCounts[Int(row.actor1)] += 1 }
        let month = engine.month(ofDay: row.start)
        let isCoup = row.categoryIndex == TallyRow.coupIndex
        countMonth(month, isCoup: isCoup)
        guard row.region >= 0 else { return }
        let region = Int(row.region)
        regions[region].fatalities += deaths
        if isIncident {
            countIncident(region: region, month: month)
            if row.flags & TallyRow.perpetrator0 != 0 { groupCounts.increment(region * actorCount + Int(row.actor0)) }
            if row.flags & TallyRow.perpetrator1 != 0 { groupCounts.increment(region * actorCount + Int(row.actor1)) }
        } else {
            regions[region].events += 1
            regions[region].eventFatalities += deaths
        }
        if regions[region].firstDay == nil { regions[region].firstDay = row.start }
        regions[region].lastDay = max(regions[region].lastDay ?? row.last, row.last)
    }

    /// Each region's activity with its perpetrator groups and yearly counts (neither in any order yet).
    func regionActivity() -> [RegionActivity] {
        var result = regions
        let actorCount = max(1, self.actorCount)
        groupCounts.forEach { key, count in
            result[key / actorCount].groups.append(ActorCount(actor: Int32(key % actorCount), count: Int(count)))
        }
        for region in 0..<regionCount {
            for y in 0..<yearSpan where yearCounts[region * yearSpan + y] > 0 {
                result[region].perYear.append(
                    YearCount(
                        year: (firstYear + y) & 0xFFFF,
                        count: Int(yearCounts[region * yearSpan + y])))
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
        for m in 0..<monthSpan where monthCounts[m] > 0 {
            result[firstMonth + m] = (Int(monthCounts[m]), Int(monthCoups[m]))
        }
        return result
    }
}
