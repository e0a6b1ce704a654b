/// A fixed-size set of small integers.
struct BitSet: Sendable {
    private(set) var words: [UInt64]

    init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

    @inline(__always) mutating func insert(_ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }
    @inline(__always) func contains(_ i: Int) -> Bool { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }

    /// Calls `body` with the set's words, to add members in place (one uniqueness check, not one per member).
    mutating func withUnsafeMutableWords<R>(_ body: (UnsafeMutableBufferPointer<UInt64>) -> R) -> R {
        words.withUnsafeMutableBufferPointer { body($0) }
    }

    /// Keeps only the members also in `other` (same size).
    mutating func formIntersection(_ other: BitSet) {
        for k in words.indices { words[k] &= k < other.words.count ? other.words[k] : 0 }
    }

    /// The set of `0..<count` whose members pass `test`, built a word at a time.
    @inline(__always)
    init(count: Int, where test: (Int) -> Bool) {
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
        words.withUnsafeMutableBufferPointer { words in
            for k in words.indices {
                var word: UInt64 = 0
                for i in k << 6..<min(count, k << 6 + 64) where test(i) { word |= 1 << UInt64(i & 63) }
                words[k] = word
            }
        }
    }

    /// Inserts each of `items` (those outside the set's size are left out), in one pass through the words.
    mutating func insert(contentsOf items: ArraySlice<Int32>) {
        words.withUnsafeMutableBufferPointer { words in
            items.withUnsafeBufferPointer { items in
                for item in items where item >= 0 && Int(item >> 6) < words.count {
                    words[Int(item >> 6)] |= 1 << UInt64(item & 63)
                }
            }
        }
    }

    /// Adds the members of `other` (same size).
    mutating func formUnion(_ other: BitSet) {
        for k in words.indices where k < other.words.count { words[k] |= other.words[k] }
    }

    /// The number of members.
    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

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
    /// The views of the last few filters run, and the unfiltered view.
    let recentViews = RecentViews()
    /// The actors and the regions that matched the last text looked for (searches narrow them as the text grows).
    let actorMatches = NameMatches()
    let regionMatches = NameMatches()
    /// How many records and rows of each kind the dataset holds (the header shows them on every frame).
    public let counts: Dataset.Counts

    /// An engine over `dataset`; `packedTallies` false for a single query (`DatasetIndex.init`): less memory, and
    /// the same views.
    public init(dataset: Dataset, packedTallies: Bool = true) {
        self.dataset = dataset
        index = DatasetIndex(dataset, packedTallies: packedTallies)
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
        counts = dataset.counts
    }

    /// True when assessment `a` is older than `b` (by end, else start date; undated first): the order in which the
    /// latest assessment of a region is chosen.
    static func assessmentOrder(_ a: Assessment, _ b: Assessment) -> Bool {
        (a.end ?? a.start ?? PartialDate(day: Int32.min, precision: .year))
            < (b.end ?? b.start ?? PartialDate(day: Int32.min, precision: .year))
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
        return actorMatches.matching(needle, names: index.actorNames)
    }

    /// Regions whose name, id, ISO code or an alias contains the folded text.
    public func regionsMatching(_ text: String) -> [Int32] {
        let needle = TextFolding.fold(text.trimmingSpaces)
        guard !needle.isEmpty else { return [] }
        return regionMatches.matching(needle, names: index.regionNames)
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
        for k in store.originIdRange(i) where store.text.withBytes(store.originIdValues[k], { matcher.matches($0) }) {
            return true
        }
        return false
    }

    /// Starts fetching the columns `QueryTally.add(_:start:last:category:)` reads of record `i`.
    @inline(__always)
    static func prefetchCounted(_ store: RecordStore, _ i: Int) {
        CSVRowWriter.prefetch(store.starts, i)
        CSVRowWriter.prefetch(store.lastDays, i)
        CSVRowWriter.prefetch(store.categories, i)
        CSVRowWriter.prefetch(store.kinds, i)
        CSVRowWriter.prefetch(store.fatalityBest, i)
        CSVRowWriter.prefetch(store.actorOffsets, i)
        CSVRowWriter.prefetch(store.regionOffsets, i)
    }

    /// Starts fetching the actors and regions of record `i` (its offsets were fetched a few records before).
    @inline(__always)
    static func prefetchLists(_ store: RecordStore, _ i: Int) {
        guard i + 1 < store.actorOffsets.count, i + 1 < store.regionOffsets.count else { return }
        CSVRowWriter.prefetch(store.actorRefs, Int(store.actorOffsets[i]))
        CSVRowWriter.prefetch(store.regionRefs, Int(store.regionOffsets[i]))
    }

    /// The fewest records whose pass over every row (a filter with no actors, regions or text) `compute` runs on
    /// both cores.
    static let splitMinimum = 65_536

    /// What a filter with no candidates keeps of each row, for one half of a pass on both cores.
    struct TallyPass: Sendable {
        let since: Int32, until: Int32
        let categoryMask: UInt64
        let minimumRank: Int
        let firstMonth: Int, monthSpan: Int

        /// The tally of the rows of `ranks` that pass (room for `expected` records).
        func run(_ engine: QueryEngine, ranks: Range<Int>, expected: Int) -> QueryTally {
            var tally = QueryTally(engine: engine, firstMonth: firstMonth, monthSpan: monthSpan, expected: expected)
            engine.index.tallyRows.withUnsafeBufferPointer { rows in
                engine.index.byDate.withUnsafeBufferPointer { byDate in
                    for rank in ranks where rank < rows.count && rank < byDate.count {
                        let row = rows[rank]
                        if row.last < since || row.start > until { continue }
                        if categoryMask != 0, categoryMask & (1 << UInt64(row.categoryIndex)) == 0 { continue }
                        if row.severityRank < minimumRank { continue }
                        tally.add(row, record: byDate[rank])
                    }
                }
            }
            return tally
        }
    }

    /// A tally handed from the thread that counted it (its counters are its own, and no longer written there).
    struct TallyPart: @unchecked Sendable {
        var tally: QueryTally
    }

    /// The date ranks of the records whose keys (`keys[offsets[i]..<offsets[i + 1]]`: the store's actors or
    /// regions) include one of `chosen` or of its family, out-of-range ids ignored: the set the index's lists give
    /// (`records(of:…)` in `compute`), from the store's columns, without the lists.
    static func records(
        of chosen: [Int32], count: Int, _ families: Families, offsets: [UInt32], keys: [Int32], dateRank: [Int32]
    ) -> BitSet {
        var members = BitSet(count: count)
        for c in chosen where c >= 0 && Int(c) < count {
            for member in families[Int(c)] where member >= 0 && Int(member) < count { members.insert(Int(member)) }
        }
        let n = min(dateRank.count, max(offsets.count - 1, 0))
        var set = BitSet(count: dateRank.count)
        set.withUnsafeMutableWords { words in
            members.words.withUnsafeBufferPointer { members in
                offsets.withUnsafeBufferPointer { offsets in
                    keys.withUnsafeBufferPointer { keys in
                        dateRank.withUnsafeBufferPointer { rank in
                            for i in 0..<n {
                                for k in Int(offsets[i])..<min(Int(offsets[i + 1]), keys.count) {
                                    let key = keys[k]
                                    guard key >= 0, Int(key) < count,
                                        members[Int(key) >> 6] & (1 << UInt64(key & 63)) != 0
                                    else { continue }
                                    let r = Int(rank[i])
                                    words[r >> 6] |= 1 << UInt64(r & 63)
                                    break
                                }
                            }
                        }
                    }
                }
            }
        }
        return set
    }

    /// Builds the search text now rather than on the first search (the costliest step of a first search at a
    /// million records; docs/benchmarks.md has the figures), then the index's lists by actor and by region, which
    /// a search also reads (`prepareLists`), unless they are built already.
    /// The monitor calls it on a background thread once the first frame is up; the monitor's search and text filter
    /// wait for it without blocking (`isSearchPrepared`).
    public func prepareSearch() {
        searchText.prepare(dataset)
        prepareLists()
    }

    /// Builds the index's records by actor and by region now rather than at their first use (a filter on actors or
    /// regions, a search): the monitor calls it on a background thread once the first frame is up, which does not
    /// need them (≈ 0.15 s of a core at a million records with 20,000 actors).
    public func prepareLists() {
        _ = index.keyLists.value
    }

    /// True once the search text and the index's lists by actor and by region are built (`prepareSearch`, or a
    /// first search): `search` then answers at once. Before that it would build them first.
    public var isSearchPrepared: Bool { searchText.isPrepared && index.keyLists.isBuilt }

    /// Runs a filter. The last few views are kept: undo goes back to one of them.
    public func run(_ filter: Filter) -> View {
        if let cached = recentViews.view(for: filter, index: index) { return cached }
        let view = compute(filter)
        recentViews.keep(view, for: filter, index: index)
        return view
    }

    /// Forgets the kept views of filters, so that the next run of a filter computes it (benchmarks measure that);
    /// the unfiltered view, computed once, stays.
    public func forgetRecentViews() {
        recentViews.removeAll()
    }

    /// The view of `filter`. `packed` false reads every matching record from the store's columns instead of the
    /// index's `tallyRows` (tests compare the two); a pass over every row of at least `splitMinimum` records runs
    /// on both cores.
    func compute(_ filter: Filter, packed: Bool = true, splitMinimum: Int = QueryEngine.splitMinimum) -> View {
        let store = dataset.records
        let n = store.count
        let actorCount = dataset.actors.count
        let regionCount = dataset.regions.count

        // Candidate records per dimension (OR within a dimension, AND across), as bitsets over date ranks, so
        // that a filter walks only its candidates, still in date order.
        var candidates: BitSet?
        func narrow(_ set: BitSet) {
            if var current = candidates {
                current.formIntersection(set); candidates = current
            } else {
                candidates = set
            }
        }
        // The records of the chosen actors or regions and of their families, out-of-range ids ignored.
        func records(of chosen: [Int32], count: Int, _ families: Families, _ lists: FlatLists) -> BitSet {
            var set = BitSet(count: n)
            for c in chosen where c >= 0 && Int(c) < count {
                for member in families[Int(c)] {
                    for i in lists[Int(member)] { set.insert(Int(index.dateRank[Int(i)])) }
                }
            }
            return set
        }
        // Before the index's lists are built (`KeyLists`: one query, or the monitor's first moments), the same
        // records from the store's columns, one pass over every record's keys, rather than building every list.
        let listsBuilt = index.keyLists.isBuilt
        func keyed(
            _ chosen: [Int32], count: Int, _ families: Families, _ lists: @autoclosure () -> FlatLists,
            offsets: [UInt32], keys: [Int32]
        ) -> BitSet {
            listsBuilt
                ? records(of: chosen, count: count, families, lists())
                : Self.records(
                    of: chosen, count: count, families, offsets: offsets, keys: keys, dateRank: index.dateRank)
        }
        if !filter.actors.isEmpty {
            narrow(
                keyed(
                    filter.actors, count: actorCount, index.actorFamilies, index.recordsByActor,
                    offsets: store.actorOffsets, keys: store.actorRefs))
        }
        if !filter.regions.isEmpty {
            narrow(
                keyed(
                    filter.regions, count: regionCount, index.regionFamilies, index.recordsByRegion,
                    offsets: store.regionOffsets, keys: store.regionRefs))
        }
        // Text: records whose own text matches (from the folded search text), or whose actors or regions do.
        var broadText: (matches: BitSet, ranks: BitSet)?
        var matcher = TextMatcher(filter.text)
        if !matcher.isEmpty {
            var set: BitSet
            if matcher.needle.contains(0) {
                set = BitSet(count: n)  // a 0 byte would match across the search text's field separators
                for i in 0..<n where recordTextMatches(i, &matcher) { set.insert(i) }
            } else {
                set = searchText.matches(matcher.needle, in: dataset)
            }
            let byActor = index.recordsByActor, byRegion = index.recordsByRegion
            for a in actorsMatching(filter.text) { set.insert(contentsOf: byActor[Int(a)]) }
            for r in regionsMatching(filter.text) { set.insert(contentsOf: byRegion[Int(r)]) }
            // The matches are the candidates too (by date rank), so the pass below visits only them (and needs no
            // other test of the text): typing in the monitor's text filter narrows a million records in a few
            // milliseconds rather than walking them all. When they are many, the ranks are read in date order
            // (one sequential pass) rather than looked up at each match (a cache miss each).
            let matches = set
            let ranks =
                matches.count > n / 16
                ? index.byDate.withUnsafeBufferPointer { byDate in
                    BitSet(count: n) { rank in matches.contains(Int(byDate[rank])) }
                }
                : index.dateRank.withUnsafeBufferPointer { rank in
                    var ranks = BitSet(count: n)
                    matches.forEach { ranks.insert(Int(rank[$0])) }
                    return ranks
                }
            narrow(ranks)
            if matches.count > n / 2 { broadText = (matches, ranks) }
        }
        let since = filter.since?.day ?? Int32.min
        let until = filter.until?.lastDay ?? Int32.max
        var categoryMask: UInt64 = 0
        for c in filter.categories { categoryMask |= 1 << UInt64(Category.allCases.firstIndex(of: c) ?? 0) }
        let categoryIndex = Dictionary(uniqueKeysWithValues: Category.allCases.enumerated().map { ($1, $0) })
        let minimumSeverity = filter.minimumSeverity

        let firstMonth = month(ofDay: dayBase)
        let monthSpan = max(1, month(ofDay: index.lastDay ?? dayBase) - firstMonth + 1)
        var tally = QueryTally(
            engine: self, firstMonth: firstMonth, monthSpan: monthSpan,
            expected: candidates?.count ?? (filter.isEmpty ? n : 0))
        // A text alone that matches most records (one letter typed in the text filter: most of a million) is
        // counted from the unfiltered view's totals by removing the records it leaves out, a pass over the few
        // instead of the many; the records in view are read off the ranks in date order.
        var textOnly = filter
        textOnly.text = ""
        if packed && index.tallyRows.count == n, textOnly.isEmpty, let broadText, let totals = recentViews.totals {
            tally = QueryTally(
                engine: self, firstMonth: firstMonth, monthSpan: monthSpan, expected: n - broadText.ranks.count,
                removingFrom: totals)
            let kept = broadText.ranks
            index.tallyRows.withUnsafeBufferPointer { rows in
                index.byDate.withUnsafeBufferPointer { byDate in
                    kept.words.withUnsafeBufferPointer { words in
                        for k in words.indices {
                            let valid =
                                k == (n - 1) >> 6 && n & 63 != 0 ? (UInt64(1) << UInt64(n & 63)) - 1 : ~UInt64(0)
                            var left = ~words[k] & valid
                            while left != 0 {
                                let rank = k << 6 | left.trailingZeroBitCount
                                tally.add(rows[rank], record: byDate[rank])
                                left &= left - 1
                            }
                        }
                    }
                }
            }
            tally.settleDays(kept: broadText.matches)
            tally.records = [Int32](unsafeUninitializedCapacity: kept.count) { buffer, initialized in
                var k = 0
                index.byDate.withUnsafeBufferPointer { byDate in
                    kept.forEach { rank in
                        guard k < buffer.count else { return }
                        buffer.initializeElement(at: k, to: byDate[rank])
                        k += 1
                    }
                }
                initialized = k
            }
        } else if packed && index.tallyRows.count == n {
            let minimumRank = filter.minimumSeverity.map { Severity.allCases.firstIndex(of: $0) ?? 0 } ?? 0
            index.tallyRows.withUnsafeBufferPointer { rows in
                index.byDate.withUnsafeBufferPointer { byDate in
                    @inline(__always)
                    func visit(_ row: TallyRow, _ record: Int32) {
                        if row.last < since || row.start > until { return }
                        if categoryMask != 0, categoryMask & (1 << UInt64(row.categoryIndex)) == 0 { return }
                        if row.severityRank < minimumRank { return }
                        tally.add(row, record: record)
                    }
                    if candidates == nil && n >= splitMinimum {
                        return  // on both cores, below
                    }
                    if let candidates {
                        // The candidates' rows are copied out first, then counted: the copy's loads do not wait for one
                        // another (scattered rows are cache misses; the tally's own work between them would keep only
                        // one or two in flight), which halves the pass over one actor's records.
                        let count = candidates.count
                        var records = [Int32](repeating: 0, count: count)
                        let gathered = records.withUnsafeMutableBufferPointer { records in
                            [TallyRow](unsafeUninitializedCapacity: count) { buffer, initialized in
                                var k = 0
                                candidates.forEach { rank in
                                    guard k < count else { return }
                                    buffer.initializeElement(at: k, to: rows[rank])
                                    records[k] = byDate[rank]
                                    k += 1
                                }
                                initialized = k
                            }
                        }
                        for k in gathered.indices { visit(gathered[k], records[k]) }
                    } else {
                        for rank in rows.indices { visit(rows[rank], byDate[rank]) }
                    }
                }
            }
            if candidates == nil && n >= splitMinimum {
                // Every row, on both cores: each half of the date ranks with a tally of its own, the second's then
                // added to the first's (the unfiltered view, the first frame's, was ≈ 0.1 s on one core at a
                // million records while the other waited).
                let half = n / 2
                let pass = TallyPass(
                    since: since, until: until, categoryMask: categoryMask, minimumRank: minimumRank,
                    firstMonth: firstMonth, monthSpan: monthSpan)
                let (first, second) = Parallel.both(
                    { TallyPart(tally: pass.run(self, ranks: 0..<half, expected: n)) },
                    { TallyPart(tally: pass.run(self, ranks: half..<n, expected: n - half)) })
                tally = first.tally
                tally.absorb(second.tally)
            }
        } else {
            store.starts.withUnsafeBufferPointer { starts in
                store.lastDays.withUnsafeBufferPointer { lasts in
                    func visit(_ ordered: Int32) {
                        let i = Int(ordered)
                        if lasts[i] < since || starts[i] > until { return }
                        let category = store.categories[i]
                        if categoryMask != 0, categoryMask & (1 << UInt64(categoryIndex[category] ?? 0)) == 0 { return }
                        if let minimumSeverity, store.severities[i] < minimumSeverity { return }
                        tally.add(ordered, start: starts[i], last: lasts[i], category: category)
                    }
                    if let candidates {
                        // The candidates are scattered about the store (an export's view: one actor's records in
                        // date order): the columns a record is counted from are fetched eight records ahead, and
                        // its lists of actors and regions four ahead, rather than each read being a cache miss.
                        var records = [Int32]()
                        records.reserveCapacity(candidates.count)
                        index.byDate.withUnsafeBufferPointer { byDate in
                            candidates.forEach { records.append(byDate[$0]) }
                        }
                        for k in records.indices {
                            if k + 8 < records.count { Self.prefetchCounted(store, Int(records[k + 8])) }
                            if k + 4 < records.count { Self.prefetchLists(store, Int(records[k + 4])) }
                            visit(records[k])
                        }
                    } else {
                        for ordered in index.byDate { visit(ordered) }
                    }
                }
            }
        }
        // The pairs' totals (a radix sort of every perpetrator incident's pair) made once, for the kept totals and
        // the regions' groups alike.
        var pairs: PairCounts.Totals?
        if packed && filter.isEmpty && index.tallyRows.count == n && recentViews.totals == nil {
            let totals = tally.totals()
            recentViews.keepTotals(totals)
            pairs = totals.pairs
        }
        var regions = tally.regionActivity(pairs: pairs)
        let months = tally.months()
        var records = tally.records
        let actorCounts = tally.actorCounts
        // Every record, in date order: the index's array itself rather than a copy (4 MB at a million records).
        if records.count == index.byDate.count && records == index.byDate { records = index.byDate }
        let events = tally.events, incidents = tally.incidents, fatalities = tally.fatalities
        // Assessments: what the sources say about regions, narrowed like records (region, group, period: an
        // assessment is in view when its period overlaps the date range).
        var actorFamily = Set<Int32>()
        for a in filter.actors where a >= 0 && Int(a) < actorCount {
            actorFamily.formUnion(index.actorFamilies[Int(a)])
        }
        var regionFamily = Set<Int32>()
        for r in filter.regions where r >= 0 && Int(r) < regionCount {
            regionFamily.formUnion(index.regionFamilies[Int(r)])
        }
        var assessments: [Int32] = []
        // A region's trend and presence come from its latest assessment whose period overlaps the date range
        // (whatever the other filters), else from its last two years of records.
        var latest = [Int32](repeating: -1, count: regionCount)
        for (k, a) in dataset.assessments.enumerated() where a.region >= 0 && Int(a.region) < regionCount {
            if !a.overlaps(since: filter.since, until: filter.until) { continue }
            let r = Int(a.region)
            if latest[r] < 0 || Self.assessmentOrder(dataset.assessments[Int(latest[r])], a) { latest[r] = Int32(k) }
            if !regionFamily.isEmpty && !regionFamily.contains(a.region) { continue }
            if !actorFamily.isEmpty && !a.groups.contains(where: actorFamily.contains) { continue }
            assessments.append(Int32(k))
            for g in a.groups where !regions[Int(a.region)].assessedGroups.contains(g) {
                regions[Int(a.region)].assessedGroups.append(g)
            }
        }
        for r in regions.indices {
            regions[r].perYear.sort { $0.year < $1.year }
            if latest[r] >= 0 {
                regions[r].trend = dataset.assessments[Int(latest[r])].trend
                regions[r].presence = dataset.assessments[Int(latest[r])].presence
                regions[r].latestAssessment = latest[r]
            } else if regions[r].perYear.count >= 2 {
                let last = regions[r].perYear[regions[r].perYear.count - 1].count
                let before = regions[r].perYear[regions[r].perYear.count - 2].count
                regions[r].trend = last > before ? .rising : (last < before ? .falling : .stable)
            }
        }
        let assessedRegions = Set(assessments.map { dataset.assessments[Int($0)].region })
        let assessedActors =
            filter.regions.isEmpty
            ? Set<Int32>()
            : Set(assessments.flatMap { dataset.assessments[Int($0)].groups })

        let narrowsActors = !filter.isEmpty
        var actorRows: [Int32] = []
        for a in 0..<actorCount
        where !narrowsActors || actorCounts[a] > 0 || filter.actors.contains(Int32(a))
            || assessedActors.contains(Int32(a))
        {
            actorRows.append(Int32(a))
        }
        let regionRows = regions.filter { activity in
            let region = dataset.regions[Int(activity.region)]
            if filter.regions.contains(activity.region) { return true }
            if activity.total > 0 { return true }
            if !filter.isEmpty {
                return assessedRegions.contains(activity.region) && filter.text.trimmingSpaces.isEmpty
            }
            // With no filter: every region of Mali and the Bamako district; neighbours and the 2023 regions
            // only when they have records or assessments.
            if region.kind == .region || region.kind == .district { return true }
            return !index.assessmentsByRegion[Int(activity.region)].isEmpty
        }
        let monthly = months.keys.sorted().map {
            View.MonthCount(
                month: $0, count: months[$0]?.count ?? 0,
                coups: months[$0]?.coups ?? 0)
        }
        var view = View(
            filter: filter, records: records, actorCounts: actorCounts, actors: actorRows, regions: regionRows,
            eventCount: events, incidentCount: incidents, fatalities: fatalities, monthly: monthly,
            assessments: assessments)
        view.eventFatalities = tally.eventFatalities
        return view
    }
}

/// What a text search matches, worked out once per query so that testing a record is a few lookups:
/// records whose own text contains it, and actors and regions whose names do.
public struct RecordSearch: Sendable {
    let ownText: BitSet
    let actors: [Bool]
    let regions: [Bool]
    /// Every matching record (own text, or an actor or region whose name matches), by index in the store: testing
    /// a record is one lookup, so counting the matches of a million-row timeline takes a few milliseconds.
    let all: BitSet
}

extension QueryEngine {
    /// The search for `query` (nil when it is empty after folding).
    public func search(_ query: String) -> RecordSearch? {
        var matcher = TextMatcher(query)
        guard !matcher.isEmpty else { return nil }
        let n = dataset.records.count
        var own: BitSet
        if matcher.needle.contains(0) {
            own = BitSet(count: n)
            for i in 0..<n where recordTextMatches(i, &matcher) { own.insert(i) }
        } else {
            own = searchText.matches(matcher.needle, in: dataset)
        }
        var actors = [Bool](repeating: false, count: dataset.actors.count)
        for a in actorsMatching(query) { actors[Int(a)] = true }
        let regions = index.regionNames.map { names in names.contains { TextMatcher.contains($0, matcher.needle) } }
        var all = own
        let byActor = index.recordsByActor, byRegion = index.recordsByRegion
        for (a, matches) in actors.enumerated() where matches { all.insert(contentsOf: byActor[a]) }
        for (r, matches) in regions.enumerated() where matches { all.insert(contentsOf: byRegion[r]) }
        return RecordSearch(ownText: own, actors: actors, regions: regions, all: all)
    }

    /// The first position from `start` in `records` (wrapping, forward or backward) whose record matches `search`.
    public func firstMatch(_ search: RecordSearch, in records: [Int32], from start: Int, forward: Bool) -> Int? {
        let count = records.count
        guard count > 0 else { return nil }
        let n = dataset.records.count
        let first = ((start % count) + count) % count
        return records.withUnsafeBufferPointer { list in
            search.all.words.withUnsafeBufferPointer { words in
                @inline(__always) func matches(_ k: Int) -> Bool {
                    let r = Int(list[k])
                    return r >= 0 && r < n && r >> 6 < words.count && words[r >> 6] & (1 << UInt64(r & 63)) != 0
                }
                var k = first
                for _ in 0..<count {
                    if matches(k) { return k }
                    k = forward ? (k + 1 == count ? 0 : k + 1) : (k == 0 ? count - 1 : k - 1)
                }
                return nil
            }
        }
    }

    /// How many of `records` match `search`, and how many of those come before position `position` in the list.
    /// `records` holds each record at most once (a view's records): when it holds them all, the count is the
    /// search's own, and only the shorter side of `position` is walked.
    public func countMatches(_ search: RecordSearch, in records: [Int32], before position: Int) -> (
        count: Int, before: Int
    ) {
        var count = 0, before = 0
        let n = dataset.records.count
        records.withUnsafeBufferPointer { list in
            search.all.words.withUnsafeBufferPointer { words in
                let split = min(max(0, position), list.count)
                if list.count == n && n > 0 {
                    // Every record once: the count is the set's; walk the shorter side of the split.
                    var total = 0
                    for k in 0..<min(words.count, (n + 63) >> 6) {
                        let valid = k == (n - 1) >> 6 && n & 63 != 0 ? (UInt64(1) << UInt64(n & 63)) - 1 : ~UInt64(0)
                        total += (words[k] & valid).nonzeroBitCount
                    }
                    let walkFront = split <= list.count - split
                    var side = 0
                    for k in walkFront ? 0..<split : split..<list.count {
                        let r = Int(list[k])
                        if r >= 0, r < n, r >> 6 < words.count, words[r >> 6] & (1 << UInt64(r & 63)) != 0 { side += 1 }
                    }
                    count = total
                    before = walkFront ? side : total - side
                    return
                }
                for k in 0..<list.count {
                    let r = Int(list[k])
                    guard r >= 0, r < n, r >> 6 < words.count, words[r >> 6] & (1 << UInt64(r & 63)) != 0 else {
                        continue
                    }
                    count += 1
                    if k < split { before += 1 }
                }
            }
        }
        return (count, before)
    }

    /// True when record `i` matches `search`: its own text, an actor taking part, or one of its regions' names
    /// (the same as `recordMatches`).
    public func recordMatches(_ i: Int, _ search: RecordSearch) -> Bool {
        guard i >= 0, i < dataset.records.count else { return false }
        return search.all.contains(i)
    }

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
