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
        /// The last needle and the records whose own text contains it.
        var lastNeedle: [UInt8] = []
        var lastMatches: BitSet?
    }

    private let state = Mutex<Folded?>(nil)
    /// Set once the folded text is built; read without waiting for the lock that `prepare` holds while building.
    private let built = Atomic<Bool>(false)

    init() {}

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

    /// The records (indexes in the store) whose own text contains `needle` (folded, not empty, no 0 byte).
    func matches(_ needle: [UInt8], in dataset: Dataset) -> BitSet {
        state.withLock { folded in
            buildIfNeeded(&folded, dataset)
            guard var f = folded else { return BitSet(count: dataset.records.count) }
            folded = nil  // searched in place below, then put back (no copy of the arena)
            let n = dataset.records.count
            var result = BitSet(count: n)
            let narrowing = f.lastMatches != nil && !f.lastNeedle.isEmpty && Self.contains(needle, f.lastNeedle)
            f.bytes.withUnsafeBufferPointer { text in
                f.offsets.withUnsafeBufferPointer { offsets in
                    needle.withUnsafeBufferPointer { w in
                        guard let base = text.baseAddress, let wBase = w.baseAddress else { return }
                        func test(_ i: Int) {
                            let start = Int(offsets[i]), end = Int(offsets[i + 1])
                            if Self.find(base + start, end - start, wBase, w.count) {
                                result.insert(i)
                            }
                        }
                        if narrowing, let previous = f.lastMatches {
                            previous.forEach(test)
                        } else {
                            for i in 0..<n { test(i) }
                        }
                    }
                }
            }
            f.lastNeedle = needle
            f.lastMatches = result
            folded = f
            return result
        }
    }

    /// True when the `n` bytes at `h` contain the `m` bytes at `w` (m ≥ 1): memchr for the first byte, memcmp.
    @inline(__always)
    static func find(_ h: UnsafePointer<UInt8>, _ n: Int, _ w: UnsafePointer<UInt8>, _ m: Int) -> Bool {
        guard m >= 1, m <= n else { return false }
        let first = Int32(w[0])
        var start = 0
        let lastStart = n - m
        while start <= lastStart {
            guard let hit = memchr(h + start, first, lastStart - start + 1) else { return false }
            let k = UnsafeRawPointer(hit) - UnsafeRawPointer(h)
            if m == 1 || memcmp(h + k + 1, w + 1, m - 1) == 0 { return true }
            start = k + 1
        }
        return false
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
        return Folded(bytes: bytes, offsets: offsets)
    }
}
