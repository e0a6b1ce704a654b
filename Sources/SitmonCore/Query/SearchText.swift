import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every record's searchable text (title or derived title, summary, place, target, the source's ids), folded once
/// into one arena,
/// so a search keystroke is a byte search per record instead of folding a million strings again (and building a
/// derived title String for each untitled record). Built on the first text search; about the size of the
/// records' text. Remembers the last query's matches: typing extends the query, and a text that contains the
/// longer query contains the shorter one, so only the previous matches are searched again.
final class SearchText: Sendable {
    private struct Folded {
        var bytes: [UInt8]
        /// Record i's text is `bytes[offsets[i]..<offsets[i + 1]]`, fields separated by a 0 byte.
        var offsets: [UInt32]
        /// The bytes record i's text holds, as `byteClass` bits: a record without every class of a needle's bytes
        /// cannot contain it, and a one-letter (or one-digit) needle is answered from these alone.
        var classes: [UInt64]
        /// The last needle and the records whose own text contains it.
        var lastNeedle: [UInt8] = []
        var lastMatches: BitSet?
    }

    private let state = Mutex<Folded?>(nil)
    /// Set once the folded text is built; read without waiting for the lock that `prepare` holds while building.
    private let built = Atomic<Bool>(false)

    init(parallelFrom: Int = 100_000) { self.parallelFrom = parallelFrom }

    /// True when the folded text is built, so that `matches` answers without folding first.
    var isPrepared: Bool { built.load(ordering: .acquiring) }

    /// Builds the folded text now if it is not built yet (a search meanwhile waits for it).
    func prepare(_ dataset: Dataset) {
        state.withLock { buildIfNeeded(&$0, dataset) }
    }

    /// Builds the folded text into `folded` (the locked state) unless it is there, and says so in `built`.
    private func buildIfNeeded(_ folded: inout Folded?, _ dataset: Dataset) {
        guard folded == nil else { return }
        folded = Self.build(dataset)
        built.store(true, ordering: .releasing)
    }

    /// Record counts from which a search runs on two threads, each over half of the records (at a million
    /// records the first letters of a search are a pass over most of the text: ≈ 20–35 ms on one core).
    let parallelFrom: Int

    /// The records (indexes in the store) whose own text contains `needle` (folded, not empty, no 0 byte).
    func matches(_ needle: [UInt8], in dataset: Dataset) -> BitSet {
        state.withLock { folded in
            buildIfNeeded(&folded, dataset)
            guard var f = folded else { return BitSet(count: dataset.records.count) }
            folded = nil  // searched in place below, then put back (no copy of the arena)
            let n = dataset.records.count
            let narrowing = f.lastMatches != nil && !f.lastNeedle.isEmpty && Self.contains(needle, f.lastNeedle)
            let previous = narrowing ? f.lastMatches : nil
            let text = f.bytes, offsets = f.offsets, classes = f.classes
            var result: BitSet
            if n >= parallelFrom {
                let half = (n / 2) & ~63  // a whole number of the bitset's words each
                let (first, second) = Parallel.both(
                    { Self.search(needle, text, offsets, classes, only: previous, records: 0..<half, count: n) },
                    { Self.search(needle, text, offsets, classes, only: previous, records: half..<n, count: n) })
                result = first
                result.formUnion(second)
            } else {
                result = Self.search(needle, text, offsets, classes, only: previous, records: 0..<n, count: n)
            }
            f.lastNeedle = needle
            f.lastMatches = result
            folded = f
            return result
        }
    }

    /// The records of `records` whose text contains `needle`, as a set over all `n` records; only the members of
    /// `only` are tested when it is given (the last needle's matches, which the longer needle narrows).
    static func search(
        _ needle: [UInt8], _ bytes: [UInt8], _ offsets: [UInt32], _ classes: [UInt64], only: BitSet?,
        records: Range<Int>, count n: Int
    ) -> BitSet {
        var result = BitSet(count: n)
        let required = needle.reduce(UInt64(0)) { $0 | byteClass[Int($1)] }
        let exact = needle.count == 1 && isExactClass(needle[0])
        let upper = min(records.upperBound, n, classes.count, offsets.count - 1)
        guard records.lowerBound < upper else { return result }
        bytes.withUnsafeBufferPointer { text in
            offsets.withUnsafeBufferPointer { offsets in
                classes.withUnsafeBufferPointer { classes in
                    needle.withUnsafeBufferPointer { w in
                        guard let base = text.baseAddress, let wBase = w.baseAddress else { return }
                        @inline(__always)
                        func test(_ i: Int) -> Bool {
                            // Without every class of the needle's bytes a record cannot contain it; with the one
                            // class of a one-letter needle it does.
                            if classes[i] & required != required { return false }
                            if exact { return true }
                            let start = Int(offsets[i]), end = Int(offsets[i + 1])
                            return find(base + start, end - start, wBase, w.count)
                        }
                        if w.count >= 2 && !exact && (only?.count ?? upper) * 2 > upper - records.lowerBound {
                            // Most records to search: one scan over their text end to end, each hit marking its
                            // record (when the needle lies inside it and the record is asked for), then on from the
                            // next record: no call and no short tail per record.
                            var i = records.lowerBound
                            var p = Int(offsets[i])
                            let end = Int(offsets[upper])
                            while let q = next(base, from: p, to: end, wBase, w.count) {
                                while Int(offsets[i + 1]) <= q { i += 1 }
                                if only?.contains(i) == false {
                                    p = Int(offsets[i + 1])
                                } else if q + w.count <= Int(offsets[i + 1]) {
                                    result.insert(i)
                                    p = Int(offsets[i + 1])
                                } else {
                                    p = q + 1  // across the end of the record: its text holds no later match
                                }
                            }
                        } else if let only {
                            only.words.withUnsafeBufferPointer { words in
                                for k in (records.lowerBound >> 6)..<min(words.count, (upper + 63) >> 6) {
                                    var word = words[k]
                                    while word != 0 {
                                        let i = k << 6 | word.trailingZeroBitCount
                                        word &= word - 1
                                        if i >= records.lowerBound && i < upper && test(i) { result.insert(i) }
                                    }
                                }
                            }
                        } else {
                            for i in records.lowerBound..<upper where test(i) { result.insert(i) }
                        }
                    }
                }
            }
        }
        return result
    }

    /// True when the `n` bytes at `h` contain the `m` bytes at `w` (m ≥ 1): memchr for one byte; for longer needles
    /// the first two bytes of sixteen places compared at once (SIMD), then memcmp for the rest at a place where both
    /// match. A record's text is a hundred or so bytes, and memchr's call per hit of the first byte (a `w` every
    /// few words) was most of a two-letter search at a million records (docs/benchmarks.md, the text filter round).
    @inline(__always)
    static func find(_ h: UnsafePointer<UInt8>, _ n: Int, _ w: UnsafePointer<UInt8>, _ m: Int) -> Bool {
        guard m >= 1, m <= n else { return false }
        if m == 1 { return memchr(h, Int32(w[0]), n) != nil }
        return next(h, from: 0, to: n, w, m) != nil
    }

    /// The first place in `from..<to` (of the text at `h`) where the `m` bytes at `w` (m ≥ 2) begin and fit
    /// before `to`; nil when there is none. Sixteen places at a time, as `find`.
    @inline(__always)
    static func next(_ h: UnsafePointer<UInt8>, from: Int, to: Int, _ w: UnsafePointer<UInt8>, _ m: Int) -> Int? {
        let lastStart = to - m
        guard m >= 2, from <= lastStart else { return nil }
        let first = SIMD16<UInt8>(repeating: w[0]), second = SIMD16<UInt8>(repeating: w[1])
        let raw = UnsafeRawPointer(h)
        var start = from
        while start + 16 <= lastStart + 1 {
            let a = raw.loadUnaligned(fromByteOffset: start, as: SIMD16<UInt8>.self)
            let b = raw.loadUnaligned(fromByteOffset: start + 1, as: SIMD16<UInt8>.self)
            let hits = (a .== first) .& (b .== second)
            if any(hits) {
                for lane in 0..<16 where hits[lane] {
                    if m == 2 || memcmp(h + start + lane + 2, w + 2, m - 2) == 0 { return start + lane }
                }
            }
            start += 16
        }
        while start <= lastStart {
            if h[start] == w[0] && h[start + 1] == w[1] && (m == 2 || memcmp(h + start + 2, w + 2, m - 2) == 0) {
                return start
            }
            start += 1
        }
        return nil
    }

    /// A bit for each byte: its own for `a`–`z` and `0`–`9` (folded text has no capitals), shared by other bytes.
    static let byteClass: [UInt64] = (0..<256).map { b in
        switch UInt8(b) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): 1 << UInt64(b - Int(UInt8(ascii: "a")))
        case UInt8(ascii: "0")...UInt8(ascii: "9"): 1 << UInt64(26 + b - Int(UInt8(ascii: "0")))
        default: 1 << UInt64(36 + b % 28)
        }
    }

    /// True when `byte` has a class bit of its own: a record contains it exactly when its classes have the bit.
    static func isExactClass(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// The classes of the bytes of each record's text (`offsets` as in `Folded`).
    static func classes(_ bytes: [UInt8], _ offsets: [UInt32]) -> [UInt64] {
        var result = [UInt64](repeating: 0, count: max(0, offsets.count - 1))
        byteClass.withUnsafeBufferPointer { table in
            bytes.withUnsafeBufferPointer { text in
                for i in result.indices {
                    var mask: UInt64 = 0
                    for k in Int(offsets[i])..<min(Int(offsets[i + 1]), text.count) { mask |= table[Int(text[k])] }
                    result[i] = mask
                }
            }
        }
        return result
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        TextMatcher.contains(haystack, needle)
    }

    private static func build(_ dataset: Dataset) -> Folded {
        let store = dataset.records
        let n = store.count
        var bytes: [UInt8] = []
        bytes.reserveCapacity(store.text.bytes.count + n * 8)
        var offsets: [UInt32] = []
        offsets.reserveCapacity(n + 1)
        offsets.append(0)
        // Symbols (places, targets) and derived titles repeat: fold each once.
        var foldedSymbols: [Int32: [UInt8]] = [:]
        struct Place: Hashable { var category: Category, location: Int32, region: Int32 }
        var derivedTitles: [Place: [UInt8]] = [:]
        func symbol(_ s: Int32) {
            guard s >= 0 else { return }
            if let cached = foldedSymbols[s] { bytes += cached; return }
            let folded = TextFolding.fold(store.symbols.key(s))
            foldedSymbols[s] = folded
            bytes += folded
        }
        store.text.bytes.withUnsafeBufferPointer { text in
            func append(_ ref: TextRef) {
                guard !ref.isNone, Int(ref.offset) + Int(ref.length) <= text.count else { return }
                TextFolding.fold(
                    UnsafeBufferPointer(rebasing: text[Int(ref.offset)..<Int(ref.offset) + Int(ref.length)]),
                    into: &bytes)
            }
            for i in 0..<n {
                if store.hasTitle(i) {
                    append(store.titleRef(i))
                } else {
                    // "Category in Place": the same for every record of that category and place.
                    let key = Place(
                        category: store.categories[i], location: store.locationSymbol(i),
                        region: store.regions(i).first ?? -1)
                    if let cached = derivedTitles[key] {
                        bytes += cached
                    } else {
                        let folded = TextFolding.fold(dataset.title(i))
                        derivedTitles[key] = folded
                        bytes += folded
                    }
                }
                bytes.append(0)
                append(store.summaryRef(i))
                bytes.append(0)
                symbol(store.locationSymbol(i))
                bytes.append(0)
                symbol(store.targets[i])
                // The source's own ids (MLI2665), which an analyst cites and searches for.
                if i < store.originOf.count, store.originOf[i] >= 0, Int(store.originOf[i]) < store.origins.count {
                    let row = store.origins[Int(store.originOf[i])]
                    let start = Int(row.idStart), end = min(start + Int(row.idCount), store.originIdValues.count)
                    for k in start..<max(start, end) {
                        bytes.append(0)
                        append(store.originIdValues[k])
                    }
                }
                offsets.append(UInt32(truncatingIfNeeded: bytes.count))
            }
        }
        return Folded(bytes: bytes, offsets: offsets, classes: classes(bytes, offsets))
    }
}
