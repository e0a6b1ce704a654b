import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every record's searchable text (title or derived title, summary, place, target, the source's ids), ready for a
/// search keystroke at a million records without a folded copy of the records' text (which was about the size of
/// that text: 200 MB at a million ACLED rows):
/// - a record's own text (its summary, its source's ids) is searched where the store holds it, with `FoldingScan`
///   (letters in either case, accents folded where they occur). The store writes a record's text after the one
///   before it, so the records' own text is one run of the text arena, searched end to end; a record whose text
///   does not follow the one before's (text shared with an earlier record) is searched on its own;
/// - the text records share (title, place, target: an ACLED event's title is shared by event type and place) is
///   folded once per distinct combination into a small arena, searched once per keystroke, and each record points
///   to its combination;
/// - each record keeps the classes of its folded bytes (`byteClass`): a one-letter search is answered from them.
/// Built on the first text search (or by `prepare`, on the monitor's second thread). Remembers the last query's
/// matches: typing extends the query, and a text that contains the longer query contains the shorter one, so only
/// the previous matches are searched again.
final class SearchText: Sendable {
    private struct Prepared {
        /// The folded shared text: combination u is `unitBytes[unitOffsets[u]..<unitOffsets[u + 1]]`, title, place
        /// and target separated by a 0 byte.
        var unitBytes: [UInt8]
        var unitOffsets: [UInt32]
        var unitClasses: [UInt64]
        /// Record i's combination.
        var unitOf: [UInt32]
        /// Where record i's run of own text ends in the text arena; it begins where record i − 1's ends (record 0's
        /// at `ownStart`). Records searched on their own (`outOfOrder`) and records without own text have an empty
        /// run.
        var ownEnd: [UInt32]
        var ownStart: UInt32
        /// Records whose own text does not come after the record before's, in increasing order.
        var outOfOrder: [Int32]
        /// The bytes record i's folded text holds (own and shared), as `byteClass` bits: a record without every
        /// class of a needle's bytes cannot contain it, and a one-letter (or one-digit) needle is answered from
        /// these alone.
        var classes: [UInt64]
        /// The last needle and the records whose own text contains it.
        var lastNeedle: [UInt8] = []
        var lastMatches: BitSet?
    }

    private let state = Mutex<Prepared?>(nil)
    /// Set once the search text is built; read without waiting for the lock that `prepare` holds while building.
    private let built = Atomic<Bool>(false)

    init(parallelFrom: Int = 100_000) { self.parallelFrom = parallelFrom }

    /// True when the search text is built, so that `matches` answers without building it first.
    var isPrepared: Bool { built.load(ordering: .acquiring) }

    /// Builds the search text now if it is not built yet (a search meanwhile waits for it).
    func prepare(_ dataset: Dataset) {
        state.withLock { buildIfNeeded(&$0, dataset) }
    }

    /// Builds the search text into `prepared` (the locked state) unless it is there, and says so in `built`.
    private func buildIfNeeded(_ prepared: inout Prepared?, _ dataset: Dataset) {
        guard prepared == nil else { return }
        prepared = Self.build(dataset)
        built.store(true, ordering: .releasing)
    }

    /// Record counts from which a search runs on two threads, each over half of the records (at a million
    /// records the first letters of a search are a pass over most of the text: ≈ 20–35 ms on one core).
    let parallelFrom: Int

    /// The records (indexes in the store) whose own text contains `needle` (folded, not empty, no 0 byte).
    func matches(_ needle: [UInt8], in dataset: Dataset) -> BitSet {
        state.withLock { prepared in
            buildIfNeeded(&prepared, dataset)
            guard var p = prepared else { return BitSet(count: dataset.records.count) }
            prepared = nil  // searched below, then put back (no copy of its arrays)
            let n = dataset.records.count
            let narrowing = p.lastMatches != nil && !p.lastNeedle.isEmpty && Self.contains(needle, p.lastNeedle)
            let previous = narrowing ? p.lastMatches : nil
            // The shared text's combinations that hold the needle: one pass over their small arena.
            let unitCount = p.unitOffsets.count - 1
            let units = Self.search(
                needle, p.unitBytes, p.unitOffsets, p.unitClasses, only: nil, records: 0..<unitCount,
                count: unitCount)
            let store = dataset.records
            var result: BitSet
            if n >= parallelFrom {
                let half = (n / 2) & ~63  // a whole number of the bitset's words each
                let searched = p
                let (first, second) = Parallel.both(
                    { Self.search(needle, searched, store, units: units, only: previous, records: 0..<half, count: n) },
                    { Self.search(needle, searched, store, units: units, only: previous, records: half..<n, count: n) })
                result = first
                result.formUnion(second)
            } else {
                result = Self.search(needle, p, store, units: units, only: previous, records: 0..<n, count: n)
            }
            p.lastNeedle = needle
            p.lastMatches = result
            prepared = p
            return result
        }
    }

    /// The records of `records` whose text, own or shared, contains `needle`, as a set over all `n` records; only
    /// the members of `only` are tested when it is given (the last needle's matches, which the longer needle
    /// narrows). `units`: the shared combinations that contain it.
    private static func search(
        _ needle: [UInt8], _ p: Prepared, _ store: RecordStore, units: BitSet, only: BitSet?, records: Range<Int>,
        count n: Int
    ) -> BitSet {
        var result = BitSet(count: n)
        let required = needle.reduce(UInt64(0)) { $0 | byteClass[Int($1)] }
        let exact = needle.count == 1 && isExactClass(needle[0])
        let lower = records.lowerBound
        let upper = min(records.upperBound, n, p.classes.count, p.ownEnd.count, p.unitOf.count)
        guard lower < upper, !needle.isEmpty else { return result }
        let anyUnit = units.words.contains { $0 != 0 }
        // Every set as its words, read and written through pointers: the records are a million.
        let all = [UInt64](repeating: ~0, count: (n + 63) >> 6)
        let onlyWords = only?.words ?? all
        result.withUnsafeMutableWords { out in
            onlyWords.withUnsafeBufferPointer { asked in
                units.words.withUnsafeBufferPointer { unitWords in
                    p.classes.withUnsafeBufferPointer { classes in
                        p.unitOf.withUnsafeBufferPointer { unitOf in
                            p.ownEnd.withUnsafeBufferPointer { ownEnd in
                                OwnText.with(store) { own in
                                    needle.withUnsafeBufferPointer { w in
                                        guard let wBase = w.baseAddress else { return }
                                        let scan = RecordScan(
                                            needle: wBase, m: w.count, required: required, exact: exact,
                                            anyUnit: anyUnit, asked: asked, unitWords: unitWords, classes: classes,
                                            unitOf: unitOf, ownEnd: ownEnd, ownStart: Int(p.ownStart), own: own,
                                            out: out)
                                        let broad = !exact && (only?.count ?? upper) * 2 > upper - lower
                                        if broad {
                                            scan.scanOwnText(lower..<upper)
                                            var k = Self.firstIndex(in: p.outOfOrder, atLeast: lower)
                                            while k < p.outOfOrder.count, Int(p.outOfOrder[k]) < upper {
                                                let i = Int(p.outOfOrder[k])
                                                if scan.isAsked(i) && scan.classesAllow(i) && scan.ownContains(i) {
                                                    scan.mark(i)
                                                }
                                                k += 1
                                            }
                                            if anyUnit { scan.markSharedMatches(lower..<upper) }
                                        } else {
                                            scan.testEach(lower..<upper)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return result
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

    /// The first index of `sorted` (increasing) whose value is at least `value`.
    static func firstIndex(in sorted: [Int32], atLeast value: Int) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if Int(sorted[mid]) < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The classes of the bytes of `bytes`.
    static func classMask<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        bytes.reduce(UInt64(0)) { $0 | byteClass[Int($1)] }
    }

    private static func build(_ dataset: Dataset) -> Prepared {
        let store = dataset.records
        let n = store.count
        // A combination of shared text: the title's bytes (or, untitled, the category and place its derived title
        // "Category in Place" is made of: the location, else the first region), the place and the target.
        struct Unit: Hashable {
            var title: UInt64
            var category: Category?
            var location: Int32, region: Int32, target: Int32
        }
        var unitIndex: [Unit: UInt32] = [:]
        var unitBytes: [UInt8] = [], unitOffsets: [UInt32] = [0], unitClasses: [UInt64] = []
        var unitOf = [UInt32](repeating: 0, count: n)
        var classes = [UInt64](repeating: 0, count: n)
        var ownEnd = [UInt32](repeating: 0, count: n)
        var outOfOrder: [Int32] = []
        var ownStart: Int?
        var runEnd = 0
        var scratch: [UInt8] = []
        // Symbols (places, targets) repeat: fold each once.
        var foldedSymbols: [Int32: [UInt8]] = [:]
        func symbol(_ s: Int32) {
            guard s >= 0 else { return }
            if let cached = foldedSymbols[s] { unitBytes += cached; return }
            let folded = TextFolding.fold(store.symbols.key(s))
            foldedSymbols[s] = folded
            unitBytes += folded
        }
        OwnText.with(store) { own in
            for i in 0..<n {
                let titled = store.hasTitle(i), title = store.titleRef(i)
                let location = store.locationSymbol(i), target = store.targets[i]
                let key = Unit(
                    title: titled ? UInt64(title.offset) << 32 | UInt64(title.length) : UInt64.max,
                    category: titled ? nil : store.categories[i], location: location,
                    region: titled || location >= 0 ? -1 : store.regions(i).first ?? -1, target: target)
                let unit: UInt32
                if let known = unitIndex[key] {
                    unit = known
                } else {
                    unit = UInt32(truncatingIfNeeded: unitClasses.count)
                    unitIndex[key] = unit
                    let from = unitBytes.count
                    if !titled {
                        unitBytes += TextFolding.fold(dataset.title(i))
                    } else if let r = own.range(title) {
                        TextFolding.fold(UnsafeBufferPointer(rebasing: own.text[r.start..<r.end]), into: &unitBytes)
                    }
                    unitBytes.append(0)
                    symbol(location)
                    unitBytes.append(0)
                    symbol(target)
                    unitOffsets.append(UInt32(truncatingIfNeeded: unitBytes.count))
                    unitClasses.append(classMask(unitBytes[from...]))
                }
                unitOf[i] = unit
                var bits = unitClasses[Int(unit)]
                var low = Int.max, high = -1
                _ = own.first(i) { s, e in
                    scratch.removeAll(keepingCapacity: true)
                    TextFolding.fold(UnsafeBufferPointer(rebasing: own.text[s..<e]), into: &scratch)
                    bits |= classMask(scratch)
                    low = min(low, s)
                    high = max(high, e)
                    return false
                }
                classes[i] = bits
                if high < 0 {
                    ownEnd[i] = UInt32(truncatingIfNeeded: runEnd)  // no own text: an empty run
                } else if ownStart == nil || low >= runEnd {
                    if ownStart == nil {
                        ownStart = low
                        for k in 0..<i { ownEnd[k] = UInt32(truncatingIfNeeded: low) }
                    }
                    runEnd = high
                    ownEnd[i] = UInt32(truncatingIfNeeded: high)
                } else {
                    outOfOrder.append(Int32(i))
                    ownEnd[i] = UInt32(truncatingIfNeeded: runEnd)
                }
            }
        }
        return Prepared(
            unitBytes: unitBytes, unitOffsets: unitOffsets, unitClasses: unitClasses, unitOf: unitOf,
            ownEnd: ownEnd, ownStart: UInt32(truncatingIfNeeded: ownStart ?? 0), outOfOrder: outOfOrder,
            classes: classes)
    }
}

/// The own searchable text of the store's records (the summary, the source's ids) as byte ranges of its text arena.
struct OwnText {
    let text: UnsafeBufferPointer<UInt8>
    let summaries: UnsafeBufferPointer<TextRef>
    let originOf: UnsafeBufferPointer<Int32>
    let idOffsets: UnsafeBufferPointer<UInt32>
    let idValues: UnsafeBufferPointer<TextRef>

    /// Calls `body` with the own text of `store`'s records.
    static func with<R>(_ store: RecordStore, _ body: (OwnText) -> R) -> R {
        store.text.bytes.withUnsafeBufferPointer { text in
            store.summaries.withUnsafeBufferPointer { summaries in
                store.originOf.withUnsafeBufferPointer { originOf in
                    store.originIdOffsets.withUnsafeBufferPointer { idOffsets in
                        store.originIdValues.withUnsafeBufferPointer { idValues in
                            body(
                                OwnText(
                                    text: text, summaries: summaries, originOf: originOf, idOffsets: idOffsets,
                                    idValues: idValues))
                        }
                    }
                }
            }
        }
    }

    /// True when `body` is true for one of record `i`'s own texts (start and end in `text`), asked in turn.
    @inline(__always)
    func first(_ i: Int, where body: (Int, Int) -> Bool) -> Bool {
        if i < summaries.count, let r = range(summaries[i]), body(r.start, r.end) { return true }
        // (An empty `originOf`: record k at slot k, `RecordStore.originSlot`.)
        let slot = originOf.isEmpty ? i : i < originOf.count ? Int(originOf[i]) : -1
        guard slot >= 0, slot + 1 < idOffsets.count else { return false }
        let start = Int(idOffsets[slot]), end = min(Int(idOffsets[slot + 1]), idValues.count)
        var k = start
        while k < end {
            if let r = range(idValues[k]), body(r.start, r.end) { return true }
            k += 1
        }
        return false
    }

    /// The bytes of `ref` in `text`, or nil when it is absent, empty or out of range.
    @inline(__always)
    func range(_ ref: TextRef) -> (start: Int, end: Int)? {
        guard !ref.isNone, ref.length > 0 else { return nil }
        let s = Int(ref.offset), e = s + Int(ref.length)
        return e <= text.count ? (s, e) : nil
    }
}

/// One search of the records' text (`SearchText`) over a range of records, with every set and column as a pointer.
struct RecordScan {
    let needle: UnsafePointer<UInt8>
    let m: Int
    /// The classes of the needle's bytes; true when they alone decide (a one-letter needle).
    let required: UInt64
    let exact: Bool
    /// True when some shared text (`unitWords`) holds the needle.
    let anyUnit: Bool
    /// The records asked about (all, or the last needle's matches).
    let asked: UnsafeBufferPointer<UInt64>
    let unitWords: UnsafeBufferPointer<UInt64>
    let classes: UnsafeBufferPointer<UInt64>
    let unitOf: UnsafeBufferPointer<UInt32>
    let ownEnd: UnsafeBufferPointer<UInt32>
    /// Where record 0's run of own text begins.
    let ownStart: Int
    let own: OwnText
    let out: UnsafeMutableBufferPointer<UInt64>

    @inline(__always) func isAsked(_ i: Int) -> Bool { asked[i >> 6] & (1 << UInt64(i & 63)) != 0 }
    @inline(__always) func mark(_ i: Int) { out[i >> 6] |= 1 << UInt64(i & 63) }
    @inline(__always) func classesAllow(_ i: Int) -> Bool { classes[i] & required == required }

    @inline(__always)
    func sharedContains(_ i: Int) -> Bool {
        guard anyUnit else { return false }
        let u = Int(unitOf[i])
        return unitWords[u >> 6] & (1 << UInt64(u & 63)) != 0
    }

    /// True when the needle begins at `q` inside one of record `i`'s own texts, `q` lying in the record's run of
    /// text, which ends at `end`. Tried first against the run (no lookup of the record's texts: most places are
    /// not a match); a match there is a match inside a text only when it ends before that text does.
    @inline(__always)
    func ownMatch(_ i: Int, at q: Int, runEnd end: Int, _ base: UnsafePointer<UInt8>) -> Bool {
        // Most matches lie in the summary, whose reference is at hand (the records are taken in order).
        if i < own.summaries.count, let r = own.range(own.summaries[i]), r.start <= q, q < r.end,
            FoldingScan.foldedMatch(base, at: q, end: r.end, needle, m)
        {
            return true
        }
        guard FoldingScan.foldedMatch(base, at: q, end: end, needle, m) else { return false }
        return own.first(i) { s, e in s <= q && q < e && FoldingScan.foldedMatch(base, at: q, end: e, needle, m) }
    }

    /// True when record `i`'s own text (summary, ids) contains the needle: its run of the text in one scan, or,
    /// when it has none (its text is elsewhere), each of its texts.
    @inline(__always)
    func ownContains(_ i: Int) -> Bool {
        guard let base = own.text.baseAddress else { return false }
        let readable = own.text.count
        let start = i == 0 ? ownStart : Int(ownEnd[i - 1]), end = Int(ownEnd[i])
        if start >= end {
            return own.first(i) { s, e in FoldingScan.contains(base + s, e - s, readable: readable - s, needle, m) }
        }
        var position = start
        while position < end,
            let q = FoldingScan.candidate(base, from: position, to: end, readable: readable, needle, m)
        {
            if ownMatch(i, at: q, runEnd: end, base) { return true }
            position = q + 1
        }
        return false
    }

    /// Marks the asked records of `records` whose text contains the needle, one by one.
    func testEach(_ records: Range<Int>) {
        for k in (records.lowerBound >> 6)..<min(asked.count, (records.upperBound + 63) >> 6) {
            var word = asked[k]
            while word != 0 {
                let i = k << 6 | word.trailingZeroBitCount
                word &= word - 1
                guard i >= records.lowerBound && i < records.upperBound, classesAllow(i) else { continue }
                if exact || sharedContains(i) || ownContains(i) { mark(i) }
            }
        }
    }

    /// Most records to search: their own text in one scan end to end, each match marking its record (when it lies inside one of the record's texts and the record is
    /// asked about), then on from the next record's run.
    func scanOwnText(_ records: Range<Int>) {
        guard let base = own.text.baseAddress, !records.isEmpty else { return }
        var i = records.lowerBound
        var position = i == 0 ? ownStart : Int(ownEnd[i - 1])
        let end = Int(ownEnd[records.upperBound - 1])
        while position < end,
            let q = FoldingScan.candidate(base, from: position, to: end, readable: own.text.count, needle, m)
        {
            while Int(ownEnd[i]) <= q { i += 1 }
            if !isAsked(i) {
                position = Int(ownEnd[i])
            } else if ownMatch(i, at: q, runEnd: Int(ownEnd[i]), base) {
                mark(i)
                position = Int(ownEnd[i])
            } else {
                position = q + 1
            }
        }
    }

    /// Marks the asked records of `records` whose shared text (title, place, target) holds the needle.
    func markSharedMatches(_ records: Range<Int>) {
        for i in records where isAsked(i) && sharedContains(i) { mark(i) }
    }
}
