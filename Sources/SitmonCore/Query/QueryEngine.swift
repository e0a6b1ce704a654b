/// A fixed-size set of small integers.
struct BitSet {
    private(set) var words: [UInt64]

    init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

    @inline(__always) mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }
    @inline(__always) func contains(_ i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }

    /// Keeps only the members also in `other` (same size).
    mutating func formIntersection(_ other: BitSet) {
        for k in words.indices { words[k] &= k < other.words.count ? other.words[k] : 0 }
    }

    /// Calls `body` with each member, in increasing order.
    @inline(__always)
    func forEach(_ body: (Int) -> Void) {
        for (k, word) in words.enumerated() {
            var w = word
            while w != 0 {
                body(k << 6 | w.trailingZeroBitCount)
                w &= w - 1
            }
        }
    }
}

/// Answers a `Filter` with the three panes' contents. The one source of truth for the monitor and the exports.
public struct QueryEngine: Sendable {
    public let dataset: Dataset
    public let index: DatasetIndex
    /// Month number (year × 12 + month − 1) of each day from the first record's day.
    let monthOfDay: [Int32]
    let dayBase: Int32
    /// Folded record text for searches, built on the first one.
    let searchText = SearchText()

    public init(dataset: Dataset) {
        self.dataset = dataset
        index = DatasetIndex(dataset)
        let first = index.firstDay ?? 0
        let last = max(first, index.lastDay ?? first)
        dayBase = first
        var months = [Int32](repeating: 0, count: Int(last - first) + 1)
        var day = Int(first)
        while day <= Int(last) {
            let (y, m, d) = PartialDate.civil(fromDays: day)
            let length = PartialDate.daysInMonth(year: y, month: m) - d + 1
            let value = Int32(y * 12 + m - 1)
            for k in 0..<length where day + k <= Int(last) { months[day + k - Int(first)] = value }
            day += length
        }
        monthOfDay = months
    }

    @inline(__always)
    func month(ofDay day: Int32) -> Int {
        let k = Int(day - dayBase)
        if k >= 0 && k < monthOfDay.count { return Int(monthOfDay[k]) }
        let (y, m, _) = PartialDate.civil(fromDays: Int(day))
        return y * 12 + m - 1
    }

    /// Actors whose name, short name, id or an alias contains the folded text.
    public func actorsMatching(_ text: String) -> [Int32] {
        let needle = TextFolding.fold(text.trimmingSpaces)
        guard !needle.isEmpty else { return [] }
        return index.actorNames.indices.filter { a in index.actorNames[a].contains { TextMatcher.contains($0, needle) } }
            .map { Int32($0) }
    }

    /// Regions whose name, id, ISO code or an alias contains the folded text.
    public func regionsMatching(_ text: String) -> [Int32] {
        let needle = TextFolding.fold(text.trimmingSpaces)
        guard !needle.isEmpty else { return [] }
        return index.regionNames.indices.filter { r in index.regionNames[r].contains { TextMatcher.contains($0, needle) } }
            .map { Int32($0) }
    }

    /// True when record `i`'s own text (title, summary, location, target, original type) matches.
    func recordTextMatches(_ i: Int, _ matcher: inout TextMatcher) -> Bool {
        let store = dataset.records
        if store.hasTitle(i) {
            if store.text.withBytes(store.titleRef(i), { matcher.matches($0) }) { return true }
        } else if matcher.matches(dataset.title(i)) {
            return true
        }
        if store.text.withBytes(store.summaryRef(i), { matcher.matches($0) }) { return true }
        if let location = store.location(i), matcher.matches(location) { return true }
        if let target = store.target(i), matcher.matches(target) { return true }
        return false
    }

    /// Runs a filter.
    public func run(_ filter: Filter) -> View {
        let store = dataset.records
        let n = store.count
        let actorCount = dataset.actors.count
        let regionCount = dataset.regions.count

        // Candidate records per dimension (OR within a dimension, AND across), as bitsets over date ranks, so
        // that a filter walks only its candidates, still in date order.
        var candidates: BitSet?
        func narrow(_ set: BitSet) {
            if var current = candidates { current.formIntersection(set); candidates = current } else { candidates = set }
        }
        if !filter.actors.isEmpty {
            var set = BitSet(count: n)
            for a in filter.actors where a >= 0 && Int(a) < actorCount {
                for member in index.actorFamilies[Int(a)] {
                    for i in index.recordsByActor[Int(member)] { set.insert(Int(index.dateRank[Int(i)])) }
                }
            }
            narrow(set)
        }
        if !filter.regions.isEmpty {
            var set = BitSet(count: n)
            for r in filter.regions where r >= 0 && Int(r) < regionCount {
                for member in index.regionFamilies[Int(r)] {
                    for i in index.recordsByRegion[Int(member)] { set.insert(Int(index.dateRank[Int(i)])) }
                }
            }
            narrow(set)
        }
        // Text: records whose own text matches (from the folded search text), or whose actors or regions do.
        var textSet: BitSet?
        var matcher = TextMatcher(filter.text)
        if !matcher.isEmpty {
            var set: BitSet
            if matcher.needle.contains(0) {
                set = BitSet(count: n)  // a 0 byte would match across the search text's field separators
                for i in 0..<n where recordTextMatches(i, &matcher) { set.insert(i) }
            } else {
                set = searchText.matches(matcher.needle, in: dataset)
            }
            for a in actorsMatching(filter.text) { for i in index.recordsByActor[Int(a)] { set.insert(Int(i)) } }
            for r in regionsMatching(filter.text) { for i in index.recordsByRegion[Int(r)] { set.insert(Int(i)) } }
            textSet = set
        }
        let since = filter.since?.day ?? Int32.min
        let until = filter.until?.lastDay ?? Int32.max
        var categoryMask: UInt64 = 0
        for c in filter.categories { categoryMask |= 1 << UInt64(Category.allCases.firstIndex(of: c) ?? 0) }
        let categoryIndex = Dictionary(uniqueKeysWithValues: Category.allCases.enumerated().map { ($1, $0) })
        let minimumSeverity = filter.minimumSeverity

        var records: [Int32] = []
        var actorCounts = [Int32](repeating: 0, count: actorCount)
        var regions = (0..<regionCount).map { RegionActivity(region: Int32($0)) }
        // Counts in flat arrays (a dictionary update per record was most of a filter change's time).
        let firstMonth = month(ofDay: dayBase)
        let monthSpan = max(1, month(ofDay: index.lastDay ?? dayBase) - firstMonth + 1)
        let firstYear = firstMonth / 12
        let yearSpan = monthSpan / 12 + 2
        var monthCounts = [Int32](repeating: 0, count: monthSpan)
        var monthCoups = [Int32](repeating: 0, count: monthSpan)
        var yearCounts = [Int32](repeating: 0, count: regionCount * yearSpan)
        var groupCounts = [Int32](repeating: 0, count: regionCount * actorCount)
        // Anything outside the dataset's own range (cannot happen for records of this dataset) goes here.
        var otherMonths: [Int: (count: Int, coups: Int)] = [:]
        var otherYears: [Int: Int32] = [:]
        var events = 0, incidents = 0, fatalities = 0

        func visit(_ ordered: Int32, _ starts: UnsafeBufferPointer<Int32>, _ lasts: UnsafeBufferPointer<Int32>) {
            let i = Int(ordered)
            if lasts[i] < since || starts[i] > until { return }
            let category = store.categories[i]
            if categoryMask != 0, categoryMask & (1 << UInt64(categoryIndex[category] ?? 0)) == 0 { return }
            if let minimumSeverity, store.severities[i] < minimumSeverity { return }
            if let s = textSet, !s.contains(i) { return }
            records.append(ordered)
            let isIncident = store.kinds[i] == .incident
            if isIncident { incidents += 1 } else { events += 1 }
            let deaths = store.fatalityCount(i)
            fatalities += deaths
            let actorStart = Int(store.actorOffsets[i]), actorEnd = Int(store.actorOffsets[i + 1])
            for k in actorStart..<actorEnd where store.actorRefs[k] >= 0 {
                // An actor named twice in one record (two roles) counts once.
                let actor = store.actorRefs[k]
                var repeated = false
                for j in actorStart..<k where store.actorRefs[j] == actor { repeated = true; break }
                if !repeated { actorCounts[Int(actor)] += 1 }
            }
            let month = self.month(ofDay: starts[i])
            let isCoup = category == .coup
            let m = month - firstMonth
            if m >= 0 && m < monthSpan {
                monthCounts[m] += 1
                if isCoup { monthCoups[m] += 1 }
            } else {
                otherMonths[month, default: (0, 0)].count += 1
                if isCoup { otherMonths[month, default: (0, 0)].coups += 1 }
            }
            for k in Int(store.regionOffsets[i])..<Int(store.regionOffsets[i + 1]) where store.regionRefs[k] >= 0 {
                let region = Int(store.regionRefs[k])
                if isIncident || category.isViolent {
                    regions[region].incidents += 1
                    regions[region].fatalities += deaths
                    let year = month / 12
                    let y = year - firstYear
                    if y >= 0 && y < yearSpan { yearCounts[region * yearSpan + y] += 1 } else {
                        otherYears[region << 16 | (year & 0xFFFF), default: 0] += 1
                    }
                    for k in actorStart..<actorEnd where store.actorRoles[k] == store.perpetratorSymbol && store.actorRefs[k] >= 0 {
                        groupCounts[region * actorCount + Int(store.actorRefs[k])] += 1
                    }
                } else {
                    regions[region].events += 1
                }
                if regions[region].firstDay == nil { regions[region].firstDay = starts[i] }
                regions[region].lastDay = max(regions[region].lastDay ?? lasts[i], lasts[i])
            }
        }

        store.starts.withUnsafeBufferPointer { starts in
            store.lastDays.withUnsafeBufferPointer { lasts in
                if let candidates {
                    index.byDate.withUnsafeBufferPointer { byDate in
                        candidates.forEach { rank in visit(byDate[rank], starts, lasts) }
                    }
                } else {
                    for ordered in index.byDate { visit(ordered, starts, lasts) }
                }
            }
        }

        for region in 0..<regionCount {
            for actor in 0..<actorCount where groupCounts[region * actorCount + actor] > 0 {
                regions[region].groups.append(ActorCount(actor: Int32(actor),
                                                         count: Int(groupCounts[region * actorCount + actor])))
            }
            for y in 0..<yearSpan where yearCounts[region * yearSpan + y] > 0 {
                regions[region].perYear.append(YearCount(year: (firstYear + y) & 0xFFFF,
                                                         count: Int(yearCounts[region * yearSpan + y])))
            }
        }
        for (key, count) in otherYears {
            regions[key >> 16].perYear.append(YearCount(year: key & 0xFFFF, count: Int(count)))
        }
        var months: [Int: (count: Int, coups: Int)] = otherMonths
        for m in 0..<monthSpan where monthCounts[m] > 0 {
            months[firstMonth + m] = (Int(monthCounts[m]), Int(monthCoups[m]))
        }
        for r in regions.indices {
            regions[r].groups.sort { $0.count != $1.count ? $0.count > $1.count : $0.actor < $1.actor }
            regions[r].perYear.sort { $0.year < $1.year }
            if let latest = index.latestAssessment(of: r, in: dataset) {
                regions[r].trend = latest.trend
                regions[r].presence = latest.presence
            } else if regions[r].perYear.count >= 2 {
                let last = regions[r].perYear[regions[r].perYear.count - 1].count
                let before = regions[r].perYear[regions[r].perYear.count - 2].count
                regions[r].trend = last > before ? .rising : (last < before ? .falling : .stable)
            }
        }

        // Assessments: what the sources say about regions, narrowed like records (region, group, period).
        var actorFamily = Set<Int32>()
        for a in filter.actors where a >= 0 && Int(a) < actorCount { actorFamily.formUnion(index.actorFamilies[Int(a)]) }
        var regionFamily = Set<Int32>()
        for r in filter.regions where r >= 0 && Int(r) < regionCount { regionFamily.formUnion(index.regionFamilies[Int(r)]) }
        var assessments: [Int32] = []
        for (k, a) in dataset.assessments.enumerated() where a.region >= 0 {
            if !regionFamily.isEmpty && !regionFamily.contains(a.region) { continue }
            if !actorFamily.isEmpty && !a.groups.contains(where: actorFamily.contains) { continue }
            if let s = a.end ?? a.start, s.lastDay < since { continue }
            if let s = a.start, s.day > until { continue }
            assessments.append(Int32(k))
            for g in a.groups where !regions[Int(a.region)].assessedGroups.contains(g) {
                regions[Int(a.region)].assessedGroups.append(g)
            }
        }
        let assessedRegions = Set(assessments.map { dataset.assessments[Int($0)].region })
        let assessedActors = filter.regions.isEmpty ? Set<Int32>()
            : Set(assessments.flatMap { dataset.assessments[Int($0)].groups })

        let narrowsActors = !filter.isEmpty
        var actorRows: [Int32] = []
        for a in 0..<actorCount where !narrowsActors || actorCounts[a] > 0 || filter.actors.contains(Int32(a))
            || assessedActors.contains(Int32(a)) {
            actorRows.append(Int32(a))
        }
        let regionRows = regions.filter { activity in
            let region = dataset.regions[Int(activity.region)]
            if filter.regions.contains(activity.region) { return true }
            if activity.total > 0 { return true }
            if !filter.isEmpty { return assessedRegions.contains(activity.region) && filter.text.trimmingSpaces.isEmpty }
            // With no filter: every region of Mali and the Bamako district; neighbours and the 2023 regions
            // only when they have records or assessments.
            if region.kind == .region || region.kind == .district { return true }
            return !index.assessmentsByRegion[Int(activity.region)].isEmpty
        }
        let monthly = months.keys.sorted().map { View.MonthCount(month: $0, count: months[$0]?.count ?? 0,
                                                                    coups: months[$0]?.coups ?? 0) }
        return View(filter: filter, records: records, actorCounts: actorCounts, actors: actorRows, regions: regionRows,
                    eventCount: events, incidentCount: incidents, fatalities: fatalities, monthly: monthly,
                    assessments: assessments)
    }
}

extension QueryEngine {
    /// True when record `i` matches: its own text, or one of `matchingActors` takes part, or a region's name matches.
    public func recordMatches(_ i: Int, _ matcher: inout TextMatcher, matchingActors: Set<Int32>) -> Bool {
        if recordTextMatches(i, &matcher) { return true }
        for a in dataset.records.actors(i) where matchingActors.contains(a) { return true }
        for r in dataset.records.regions(i) where r >= 0 {
            if index.regionNames[Int(r)].contains(where: { TextMatcher.contains($0, matcher.needle) }) { return true }
        }
        return false
    }
}
