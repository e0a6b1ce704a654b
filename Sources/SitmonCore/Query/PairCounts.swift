/// Counts of region × actor pairs (the perpetrator groups of each region in `QueryTally`), handed back as each
/// region's groups, most counted first. Few pairs possible (regions × actors up to `denseLimit`): a flat array of
/// counters. More (1,000 admin1 units × 20,000 actors is 20 million): each pair counted is written down as one
/// number, and the list is sorted by region and actor with a radix sort and counted in runs. At a million records
/// the pairs seen are most of the records' (actors drawn at random in the generated file): a table of the pairs
/// seen was 16 MB, and its probes, a cache miss each, were a third of a filter over every record
/// (docs/benchmarks.md, the text filter round).
struct PairCounts {
    /// Key spaces up to this size are counted in a flat array (1 MB).
    static let denseLimit = 1 << 18

    let regionCount: Int
    let actorCount: Int
    private let isDense: Bool
    private var dense: [Int32]
    /// `region * actorCount + actor` of each pair counted, in the order counted (when that fits in 32 bits).
    private var keys: [UInt32]
    /// Counts of keys beyond 32 bits (more than four billion regions × actors): a dictionary.
    private var wide: [Int: Int32]
    private let isWide: Bool

    /// Counts for pairs of `regionCount` regions and `actorCount` actors; `expected`: about how many will be
    /// counted (room is reserved for them once).
    init(regionCount: Int, actorCount: Int, expected: Int = 0) {
        self.regionCount = max(0, regionCount)
        self.actorCount = max(0, actorCount)
        let keySpace = self.regionCount * self.actorCount
        isDense = keySpace <= PairCounts.denseLimit
        isWide = !isDense && keySpace > Int(UInt32.max)
        dense = isDense ? [Int32](repeating: 0, count: keySpace) : []
        keys = []
        if !isDense && !isWide { keys.reserveCapacity(expected) }
        wide = [:]
    }

    /// Adds one to the pair's count (`region` and `actor` in range).
    @inline(__always)
    mutating func increment(region: Int, actor: Int) {
        let key = region * actorCount + actor
        if isDense {
            dense[key] += 1
        } else if isWide {
            wide[key, default: 0] += 1
        } else {
            keys.append(UInt32(truncatingIfNeeded: key))
        }
    }

    /// Adds the pairs `other` counted (the same regions and actors).
    mutating func absorb(_ other: PairCounts) {
        if isDense {
            dense.withUnsafeMutableBufferPointer { dense in
                for k in 0..<min(dense.count, other.dense.count) { dense[k] &+= other.dense[k] }
            }
        } else if isWide {
            for (key, count) in other.wide { wide[key, default: 0] += count }
        } else {
            keys.append(contentsOf: other.keys)
        }
    }

    /// Every pair counted and its count: what `groups` orders, and what a pass that removes records subtracts
    /// from (`QueryTally.init(engine:firstMonth:monthSpan:removingFrom:)`).
    enum Totals: Sendable {
        /// Counts by `region * actorCount + actor`.
        case dense([Int32])
        /// The keys counted, in increasing order, and their counts.
        case sorted(keys: [UInt32], counts: [Int32])
        case wide([Int: Int32])
    }

    /// The pairs counted and their counts.
    func totals() -> Totals {
        if isDense { return .dense(dense) }
        if isWide { return .wide(wide) }
        let sorted = PairCounts.radixSorted(keys, below: regionCount * actorCount)
        var unique: [UInt32] = [], counts: [Int32] = []
        sorted.withUnsafeBufferPointer { sorted in
            var k = 0
            while k < sorted.count {
                var end = k + 1
                while end < sorted.count && sorted[end] == sorted[k] { end += 1 }
                unique.append(sorted[k])
                counts.append(Int32(end - k))
                k = end
            }
        }
        return .sorted(keys: unique, counts: counts)
    }

    /// Each region's pairs counted at least once, as (actor, count), most counted first, then by actor index.
    func groups() -> [[ActorCount]] {
        PairCounts.groups(totals(), minus: nil, regionCount: regionCount, actorCount: actorCount)
    }

    /// Each region's pairs of `totals` less those of `removed` (a subset of them, of the same kind), as (actor,
    /// count) with a count above zero, most counted first, then by actor index.
    static func groups(_ totals: Totals, minus removed: Totals?, regionCount: Int, actorCount: Int) -> [[ActorCount]] {
        var result = [[ActorCount]](repeating: [], count: regionCount)
        guard actorCount > 0 else { return result }
        var runs: [(actor: Int32, count: Int32)] = []
        var region = 0
        // Takes the pairs in increasing key order, one region after the other.
        func take(_ key: Int, _ count: Int32) {
            guard count > 0 else { return }
            let keyRegion = key / actorCount
            if keyRegion != region {
                if !runs.isEmpty { result[region] = byCount(runs) }
                runs.removeAll(keepingCapacity: true)
                region = keyRegion
            }
            runs.append((Int32(key - keyRegion * actorCount), count))
        }
        switch totals {
        case .dense(let counts):
            var counts = counts
            if case .dense(let less)? = removed {
                for k in less.indices where k < counts.count && less[k] != 0 { counts[k] -= less[k] }
            }
            for k in counts.indices where counts[k] > 0 { take(k, counts[k]) }
        case .sorted(let keys, let counts):
            var lessKeys: [UInt32] = [], lessCounts: [Int32] = []
            if case .sorted(let k, let c)? = removed { (lessKeys, lessCounts) = (k, c) }
            var j = 0
            for k in keys.indices {
                while j < lessKeys.count && lessKeys[j] < keys[k] { j += 1 }
                let less = j < lessKeys.count && lessKeys[j] == keys[k] ? lessCounts[j] : 0
                take(Int(keys[k]), counts[k] - less)
            }
        case .wide(let counts):
            var counts = counts
            if case .wide(let less)? = removed {
                for (key, count) in less { counts[key, default: 0] -= count }
            }
            for (key, count) in counts.sorted(by: { $0.key < $1.key }) { take(key, count) }
        }
        if !runs.isEmpty { result[region] = byCount(runs) }
        return result
    }

    /// `runs` (in increasing actor order) most counted first, actors in increasing order among equal counts: a
    /// counting sort by count when the counts are small (most regions: ones and twos), else a sort of one integer
    /// key per actor.
    static func byCount(_ runs: [(actor: Int32, count: Int32)]) -> [ActorCount] {
        var most: Int32 = 0
        for run in runs where run.count > most { most = run.count }
        if most <= 64 || Int(most) <= runs.count {
            // Stable placement by descending count keeps the actors' increasing order within a count.
            var starts = [Int](repeating: 0, count: Int(most) + 2)
            for run in runs { starts[Int(most - run.count) + 1] += 1 }
            for c in 0..<Int(most) + 1 { starts[c + 1] += starts[c] }
            return [ActorCount](unsafeUninitializedCapacity: runs.count) { buffer, initialized in
                for run in runs {
                    let slot = Int(most - run.count)
                    buffer.initializeElement(at: starts[slot], to: ActorCount(actor: run.actor, count: Int(run.count)))
                    starts[slot] += 1
                }
                initialized = runs.count
            }
        }
        var keys = runs.map { UInt64(UInt32(bitPattern: Int32.max - $0.count)) << 32 | UInt64(UInt32($0.actor)) }
        keys.sort()
        return keys.map { key in
            ActorCount(
                actor: Int32(truncatingIfNeeded: key & 0xFFFF_FFFF),
                count: Int(Int32.max - Int32(truncatingIfNeeded: key >> 32)))
        }
    }

    /// `keys` (each below `limit`) in increasing order: a least-significant-digit radix sort, 11 bits a pass
    /// (2,048 counters: the passes' scattered writes stay in cache), as many passes as `limit` needs.
    static func radixSorted(_ keys: [UInt32], below limit: Int) -> [UInt32] {
        var bits = 0
        while bits < 32 && (1 << bits) < limit { bits += 1 }
        let passes = (bits + 10) / 11
        guard passes > 0, keys.count > 1 else { return keys }
        var from = keys
        var to = [UInt32](repeating: 0, count: keys.count)
        var counts = [Int](repeating: 0, count: passes * 2048)
        from.withUnsafeBufferPointer { keys in
            counts.withUnsafeMutableBufferPointer { counts in
                for key in keys {
                    for p in 0..<passes { counts[p * 2048 + Int(key >> UInt32(11 * p) & 2047)] += 1 }
                }
            }
        }
        for p in 0..<passes {
            var sum = 0
            for d in 0..<2048 {
                let c = counts[p * 2048 + d]
                counts[p * 2048 + d] = sum
                sum += c
            }
            let shift = UInt32(11 * p)
            from.withUnsafeBufferPointer { source in
                to.withUnsafeMutableBufferPointer { target in
                    counts.withUnsafeMutableBufferPointer { counts in
                        for key in source {
                            let d = p * 2048 + Int(key >> shift & 2047)
                            target[counts[d]] = key
                            counts[d] += 1
                        }
                    }
                }
            }
            swap(&from, &to)
        }
        return from
    }
}
