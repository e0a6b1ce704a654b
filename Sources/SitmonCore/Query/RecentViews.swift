import Synchronization

/// The views of the last few filters a `QueryEngine` ran. Undo returns to one of them, and at a million records
/// running a filter again costs tens of milliseconds; a view is a few megabytes at most.
final class RecentViews: Sendable {
    static let capacity = 4
    private let entries = Mutex<[(filter: Filter, view: View)]>([])

    init() {}

    func view(for filter: Filter) -> View? {
        entries.withLock { list in list.first { $0.filter == filter }?.view }
    }

    func removeAll() {
        entries.withLock { $0.removeAll() }
    }

    func keep(_ view: View, for filter: Filter) {
        entries.withLock { list in
            list.removeAll { $0.filter == filter }
            list.insert((filter, view), at: 0)
            if list.count > RecentViews.capacity { list.removeLast(list.count - RecentViews.capacity) }
        }
    }
}
