import Synchronization

/// The views of the last few filters a `QueryEngine` ran, and the unfiltered view (the monitor's start, where undo
/// most often leads), which is kept apart and never dropped. Undo returns to one of them, and at a million records
/// running a filter again costs tens to hundreds of milliseconds. A kept view that holds many records holds them
/// as a set of date ranks, one bit a record (`Kept`): a letter typed in the text filter matches most of a million
/// records, 4 MB as an array, 125 KB as bits, rebuilt in a millisecond or two when undo returns to it.
final class RecentViews: Sendable {
    static let capacity = 4
    private let entries = Mutex<[(filter: Filter, kept: Kept)]>([])
    private let unfiltered = Mutex<View?>(nil)
    /// The unfiltered view's counts before they became a view (about 10 MB at a million records and 20,000
    /// actors, most of it the region × perpetrator pairs): a broad text filter starts from them.
    private let unfilteredTotals = Mutex<TallyTotals?>(nil)

    /// A view as kept: whole, or without its records, which are then `ranks` (their places in `byDate`).
    struct Kept: Sendable {
        var view: View
        var ranks: BitSet?

        /// `view`, its records as ranks when there are more than one for each 32 records of the dataset (the bits
        /// are then smaller than the array) and they are in date order, as every view's are: found in one pass
        /// along `byDate` beside them (looking each record's rank up was a cache miss each, 4 ms at a million).
        init(_ view: View, byDate: [Int32]) {
            self.view = view
            let n = byDate.count
            guard view.records.count > n / 32 else { return }
            var bits = BitSet(count: n)
            var matched = 0
            bits.withUnsafeMutableWords { words in
                byDate.withUnsafeBufferPointer { byDate in
                    view.records.withUnsafeBufferPointer { records in
                        var rank = 0
                        while matched < records.count && rank < n {
                            if byDate[rank] == records[matched] {
                                words[rank >> 6] |= 1 << UInt64(rank & 63)
                                matched += 1
                            }
                            rank += 1
                        }
                    }
                }
            }
            guard matched == view.records.count else { return }
            ranks = bits
            self.view.records = []
        }

        /// The view, its records rebuilt from the ranks.
        func view(byDate: [Int32]) -> View {
            guard let ranks else { return view }
            var whole = view
            whole.records = byDate.withUnsafeBufferPointer { byDate in
                [Int32](unsafeUninitializedCapacity: ranks.count) { buffer, initialized in
                    var k = 0
                    ranks.forEach { rank in
                        guard k < buffer.count, rank < byDate.count else { return }
                        buffer.initializeElement(at: k, to: byDate[rank])
                        k += 1
                    }
                    initialized = k
                }
            }
            return whole
        }
    }

    init() {}

    func view(for filter: Filter, index: DatasetIndex) -> View? {
        if filter == .all, let view = unfiltered.withLock({ $0 }) { return view }
        let kept = entries.withLock { list in list.first { $0.filter == filter }?.kept }
        return kept?.view(byDate: index.byDate)
    }

    /// Forgets the filtered views (the unfiltered one stays: it depends on nothing but the dataset).
    func removeAll() {
        entries.withLock { $0.removeAll() }
    }

    /// The unfiltered view's counts, once it has been computed.
    var totals: TallyTotals? { unfilteredTotals.withLock { $0 } }

    func keepTotals(_ totals: TallyTotals) {
        unfilteredTotals.withLock { $0 = totals }
    }

    func keep(_ view: View, for filter: Filter, index: DatasetIndex) {
        if filter == .all {
            unfiltered.withLock { $0 = view }
            return
        }
        let kept = Kept(view, byDate: index.byDate)
        entries.withLock { list in
            list.removeAll { $0.filter == filter }
            list.insert((filter, kept), at: 0)
            if list.count > RecentViews.capacity { list.removeLast(list.count - RecentViews.capacity) }
        }
    }
}
