/// A list of lists in two flat arrays (compressed sparse rows): `items[offsets[k]..<offsets[k+1]]`.
public struct FlatLists: Sendable {
    public private(set) var offsets: [UInt32]
    public private(set) var items: [Int32]

    /// Builds lists for `count` keys from (key, item) pairs given by `pairs`, keeping the order items come in.
    init(count: Int, pairs: (_ emit: (Int32, Int32) -> Void) -> Void) {
        var sizes = [UInt32](repeating: 0, count: count + 1)
        pairs { key, _ in if key >= 0 && Int(key) < count { sizes[Int(key) + 1] += 1 } }
        for k in 0..<count { sizes[k + 1] += sizes[k] }
        var fill = sizes
        var items = [Int32](repeating: 0, count: Int(sizes[count]))
        pairs { key, item in
            guard key >= 0 && Int(key) < count else { return }
            items[Int(fill[Int(key)])] = item
            fill[Int(key)] += 1
        }
        offsets = sizes
        self.items = items
    }

    /// Lists already laid out (`DatasetIndex.listsOnTwoThreads`).
    init(offsets: [UInt32], items: [Int32]) {
        self.offsets = offsets
        self.items = items
    }

    public subscript(key: Int) -> ArraySlice<Int32> {
        guard key >= 0, key + 1 < offsets.count else { return [] }
        return items[Int(offsets[key])..<Int(offsets[key + 1])]
    }
}

/// Indexes built once per dataset: records in date order, records by actor and by region,
/// actors' and regions' descendants, and folded names for search.
public struct DatasetIndex: Sendable {
    /// Record indexes sorted by start date (then end, then file order).
    public let byDate: [Int32]
    /// The rank of each record in `byDate`.
    public let dateRank: [Int32]
    /// Records of each actor, in date order (the first use may wait for them: `KeyLists`).
    public var recordsByActor: FlatLists { keyLists.value.actors }
    /// Records of each region, in date order (the first use may wait for them: `KeyLists`).
    public var recordsByRegion: FlatLists { keyLists.value.regions }
    /// The records of each actor and region, built when first asked for when the index has tally rows.
    let keyLists: KeyLists
    /// Each actor with the actors under it (parent chain), itself first.
    public let actorFamilies: Families
    /// Each region with the regions cut from it, itself first.
    public let regionFamilies: Families
    /// Folded name, short name and aliases of each actor, for search and lookup.
    public let actorNames: [[[UInt8]]]
    public let regionNames: [[[UInt8]]]
    /// Actors in name order (folded name, then name, then index): the order of the actors pane by name and of the
    /// picker before anything is typed.
    public let actorsByName: [Int32]
    /// Each actor's position in `actorsByName`: comparing two actors' ranks compares their names (sorting 20,000
    /// actors by rank rather than by folded name takes a few milliseconds instead of tens).
    public let actorNameRank: [Int32]
    /// Regions in name order, as `actorsByName`.
    public let regionsByName: [Int32]
    /// Each region's position in `regionsByName`.
    public let regionNameRank: [Int32]
    /// Assessments of each region.
    public let assessmentsByRegion: [[Int32]]
    /// Relations touching each actor.
    public let relationsByActor: [[Int32]]
    /// What a query's tally reads of each record, one row per record in date order (`TallyRow`).
    let tallyRows: [TallyRow]
    /// First and last day of any record.
    public let firstDay: Int32?
    public let lastDay: Int32?

    /// The index of `dataset`. `packedTallies` false leaves out the packed tally rows (32 bytes a record): a
    /// command that runs one filter (`sitmon export`) reads the store's columns instead, for the same view.
    public init(_ dataset: Dataset, packedTallies: Bool = true) {
        let store = dataset.records
        // The date order on one thread, the names (folded, in order) and families on the other: neither needs the
        // other, and the lists below need the order.
        let ((order, rank), names) = Parallel.both(
            { DatasetIndex.dateOrder(store) },
            { DatasetIndex.Names(dataset) })
        byDate = order
        dateRank = rank
        firstDay = order.first.map { store.starts[Int($0)] }
        lastDay = store.lastDays.max()
        actorFamilies = names.actorFamilies
        regionFamilies = names.regionFamilies
        actorNames = names.actorNames
        regionNames = names.regionNames
        (actorsByName, actorNameRank) = names.actorsByName
        (regionsByName, regionNameRank) = names.regionsByName
        let actorCount = dataset.actors.count, regionCount = dataset.regions.count
        // The tally's rows, which the first view reads, here (on both cores), for the monitor; none for
        // `sitmon export`. The records by actor and by region, which only a filter on actors or regions and a search
        // read, when first asked for (the monitor asks on another thread after its first frame). A filter on actors
        // or regions finds its records from the store's columns while they are not built (`QueryEngine.compute`), so
        // an export's one query never builds them (≈ 0.12 s of CPU at a million records with 20,000 actors, for a
        // filter that needs the records of one family). Built for an export, each list takes both threads, half of
        // the records each (a record has about twice as many actors as regions, so one thread each was unbalanced).
        tallyRows =
            packedTallies
            ? TallyRow.rows(store, dateRank: rank, actorCount: actorCount, regionCount: regionCount) : []
        let makeLists = packedTallies ? DatasetIndex.lists : DatasetIndex.listsOnTwoThreads
        let byDateOrder = order
        let actorOffsets = store.actorOffsets, actorRefs = store.actorRefs
        let regionOffsets = store.regionOffsets, regionRefs = store.regionRefs
        keyLists = KeyLists(building: {
            KeyLists.Lists(
                actors: makeLists(actorCount, byDateOrder, actorOffsets, actorRefs),
                regions: makeLists(regionCount, byDateOrder, regionOffsets, regionRefs))
        })
        var byRegion = [[Int32]](repeating: [], count: dataset.regions.count)
        for (k, a) in dataset.assessments.enumerated() where a.region >= 0 { byRegion[Int(a.region)].append(Int32(k)) }
        assessmentsByRegion = byRegion
        var byActor = [[Int32]](repeating: [], count: dataset.actors.count)
        for (k, r) in dataset.relations.enumerated() {
            if r.from >= 0 { byActor[Int(r.from)].append(Int32(k)) }
            if r.to >= 0 && r.to != r.from { byActor[Int(r.to)].append(Int32(k)) }
        }
        relationsByActor = byActor
    }

    /// Record indexes by start date, then last day, then file order, and each record's rank in that order.
    static func dateOrder(_ store: RecordStore) -> (order: [Int32], rank: [Int32]) {
        let n = store.count
        var order = (0..<Int32(n)).map { $0 }
        store.starts.withUnsafeBufferPointer { starts in
            store.lastDays.withUnsafeBufferPointer { lasts in
                func before(_ a: Int32, _ b: Int32) -> Bool {
                    let sa = starts[Int(a)], sb = starts[Int(b)]
                    if sa != sb { return sa < sb }
                    let la = lasts[Int(a)], lb = lasts[Int(b)]
                    if la != lb { return la < lb }
                    return a < b
                }
                // Files sitmon writes are in date order already: one pass to check, no sort.
                var sorted = true
                for k in order.indices.dropFirst() where !before(order[k - 1], order[k]) {
                    sorted = false
                    break
                }
                // Else a radix sort on the two days, the order of `before` (a comparison sort of a million records
                // was 0.1 s, alone on one core while the index waits for it).
                if !sorted { order = RadixSort.order(by: starts, then: lasts) }
            }
        }
        var rank = [Int32](repeating: 0, count: n)
        for (r, i) in order.enumerated() { rank[Int(i)] = Int32(r) }
        return (order, rank)
    }

    /// The parts of the index built from the actors and regions alone: folded names, name orders, families.
    struct Names: Sendable {
        var actorNames: [[[UInt8]]]
        var regionNames: [[[UInt8]]]
        var actorsByName: (order: [Int32], rank: [Int32])
        var regionsByName: (order: [Int32], rank: [Int32])
        var actorFamilies: Families
        var regionFamilies: Families

        init(_ dataset: Dataset) {
            actorFamilies = Families(count: dataset.actors.count) { dataset.actors[$0].parent }
            regionFamilies = Families(count: dataset.regions.count) { dataset.regions[$0].parent }
            actorNames = dataset.actors.map { a in
                ([a.name, a.shortName ?? "", a.id] + a.aliases).filter { !$0.isEmpty }.map(TextFolding.fold)
            }
            regionNames = dataset.regions.map { r in
                ([r.name, r.id, r.iso ?? ""] + r.aliases).filter { !$0.isEmpty }.map(TextFolding.fold)
            }
            actorsByName = DatasetIndex.nameOrder(dataset.actors.map(\.name), folded: actorNames)
            regionsByName = DatasetIndex.nameOrder(dataset.regions.map(\.name), folded: regionNames)
        }
    }

    /// The latest of a region's assessments (by end, else start date), if any.
    public func latestAssessment(of region: Int, in dataset: Dataset) -> Assessment? {
        assessmentsByRegion[region].map { dataset.assessments[Int($0)] }.max { a, b in
            (a.end ?? a.start ?? PartialDate(day: Int32.min, precision: .year))
                < (b.end ?? b.start ?? PartialDate(day: Int32.min, precision: .year))
        }
    }

    /// The records of each key (actor or region) in the order of `records`, each record once per key; record i's
    /// keys are `keys[offsets[i]..<offsets[i + 1]]` (the store's columns, read through buffers: no array slice,
    /// and so no reference count, per record: docs/benchmarks.md, issue #4 second round, has the gain). A record with many keys is checked
    /// for repeats against the last record each key was emitted for, not by scanning its earlier keys (quadratic:
    /// 100,000 actors in one record).
    static func lists(count: Int, of records: [Int32], offsets: [UInt32], keys: [Int32]) -> FlatLists {
        FlatLists(count: count) { emit in
            KeyCounts.forEach(count: count, records: records[...], offsets: offsets, keys: keys, emit)
        }
    }

    /// The lists of `lists(count:of:offsets:keys:)`, built on two threads: each counts, then places, the keys of
    /// half of `records` (the first half's records before the second's in each list, as one pass gives them).
    static func listsOnTwoThreads(count: Int, of records: [Int32], offsets: [UInt32], keys: [Int32]) -> FlatLists {
        let half = records.count / 2
        let parts = [records[..<half], records[half...]]
        let (first, second) = Parallel.both(
            { KeyCounts(count: count, records: parts[0], offsets: offsets, keys: keys) },
            { KeyCounts(count: count, records: parts[1], offsets: offsets, keys: keys) })
        var starts = [UInt32](repeating: 0, count: count + 1)
        var secondStarts = [UInt32](repeating: 0, count: count)
        var total: UInt32 = 0
        for k in 0..<count {
            starts[k] = total
            secondStarts[k] = total &+ first.counts[k]
            total = secondStarts[k] &+ second.counts[k]
        }
        starts[count] = total
        let items = [Int32](unsafeUninitializedCapacity: Int(total)) { buffer, initialized in
            let target = SharedItems(base: buffer.baseAddress)
            let firstStarts = starts, laterStarts = secondStarts
            _ = Parallel.both(
                { first.place(records: parts[0], offsets: offsets, keys: keys, from: firstStarts, into: target) },
                { second.place(records: parts[1], offsets: offsets, keys: keys, from: laterStarts, into: target) })
            initialized = Int(total)
        }
        return FlatLists(offsets: starts, items: items)
    }

    /// Where two threads store the items of one list array, each at places of its own.
    struct SharedItems: @unchecked Sendable {
        let base: UnsafeMutablePointer<Int32>?
    }

    /// How many records of a run of `records` each key has (`lists`' rules: each record once per key, keys out of
    /// range left out), and then their placing.
    struct KeyCounts: Sendable {
        var counts: [UInt32]

        init(count: Int, records: ArraySlice<Int32>, offsets: [UInt32], keys: [Int32]) {
            var counts = [UInt32](repeating: 0, count: count)
            counts.withUnsafeMutableBufferPointer { counts in
                KeyCounts.forEach(count: count, records: records, offsets: offsets, keys: keys) { key, _ in
                    counts[Int(key)] &+= 1
                }
            }
            self.counts = counts
        }

        /// Stores each record of `records` under its keys, key k's from `from[k]` on.
        func place(
            records: ArraySlice<Int32>, offsets: [UInt32], keys: [Int32], from: [UInt32], into target: SharedItems
        ) -> Bool {
            guard let base = target.base else { return true }
            var next = from
            next.withUnsafeMutableBufferPointer { next in
                KeyCounts.forEach(count: counts.count, records: records, offsets: offsets, keys: keys) { key, i in
                    base[Int(next[Int(key)])] = i
                    next[Int(key)] &+= 1
                }
            }
            return true
        }

        /// Calls `body` with each (key, record) pair of `records`, in order, each key once per record.
        @inline(__always)
        static func forEach(
            count: Int, records: ArraySlice<Int32>, offsets: [UInt32], keys: [Int32], _ body: (Int32, Int32) -> Void
        ) {
            offsets.withUnsafeBufferPointer { offsets in
                keys.withUnsafeBufferPointer { keys in
                    var lastRecord: [Int32] = []
                    for i in records {
                        let from = Int(offsets[Int(i)]), to = Int(offsets[Int(i) + 1])
                        if to - from <= 16 {
                            for k in from..<to where keys[k] >= 0 && Int(keys[k]) < count {
                                if !keys[from..<k].contains(keys[k]) { body(keys[k], i) }
                            }
                            continue
                        }
                        if lastRecord.isEmpty { lastRecord = [Int32](repeating: -1, count: count) }
                        for k in from..<to {
                            let key = keys[k]
                            guard key >= 0, Int(key) < count, lastRecord[Int(key)] != i else { continue }
                            lastRecord[Int(key)] = i
                            body(key, i)
                        }
                    }
                }
            }
        }
    }

    /// The order of `names` (folded name, then name, then index) and each name's rank in it: without regard to case
    /// or accents (Ménaka before Mopti, Ségou before Sikasso), then as written, so that names equal when folded
    /// still come in a stable order. `folded[k]` lists name k folded first when the name is not empty (as
    /// `actorNames` and `regionNames` do), so the names are not folded again.
    static func nameOrder(_ names: [String], folded: [[[UInt8]]]) -> (order: [Int32], rank: [Int32]) {
        let keys: [[UInt8]] = names.indices.map { k in
            names[k].isEmpty || k >= folded.count ? [] : (folded[k].first ?? [])
        }
        let order = (0..<Int32(names.count)).sorted { a, b in
            let x = keys[Int(a)], y = keys[Int(b)]
            if x != y { return x.lexicographicallyPrecedes(y) }
            if names[Int(a)] != names[Int(b)] { return names[Int(a)] < names[Int(b)] }
            return a < b
        }
        var rank = [Int32](repeating: 0, count: names.count)
        for (k, a) in order.enumerated() { rank[Int(a)] = Int32(k) }
        return (order, rank)
    }
}
