import Synchronization

/// The views of the last few filters a `QueryEngine` ran, and the unfiltered view (the monitor's start, where undo
/// most often leads), which is kept apart and never dropped. Undo returns to one of them, and at a million records
/// running a filter again costs tens to hundreds of milliseconds; a view is a few megabytes at most.
final class RecentViews: Sendable {
    static let capacity = 4
    private let entries = Mutex<[(filter: Filter, view: View)]>([])
    private let unfiltered = Mutex<View?>(nil)
    /// The unfiltered view's counts before they became a view (about 10 MB at a million records and 20,000
    /// actors, most of it the region × perpetrator pairs): a broad text filter starts from them.
    private let unfilteredTotals = Mutex<TallyTotals?>(nil)

    init() {}

    func view(for filter: Filter) -> View? {
        if filter == .all, let view = unfiltered.withLock({ $0 }) { return view }
        return entries.withLock { list in list.first { $0.filter == filter }?.view }
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

    func keep(_ view: View, for filter: Filter) {
        if filter == .all {
            unfiltered.withLock { $0 = view }
            return
        }
        entries.withLock { list in
            list.removeAll { $0.filter == filter }
            list.insert((filter, view), at: 0)
            if list.count > RecentViews.capacity { list.removeLast(list.count - RecentViews.capacity) }
        }
    }
}
