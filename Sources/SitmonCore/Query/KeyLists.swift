import Synchronization

/// The records of each actor and of each region (`DatasetIndex.recordsByActor`, `recordsByRegion`). A filter on
/// actors or regions and a search need them; the unfiltered view does not, so an index with tally rows builds them
/// when first asked for (≈ 0.15 s of a core at a million records with 20,000 actors, which the monitor's first
/// frame waited for): the monitor asks on another thread once its first frame is drawn
/// (`QueryEngine.prepareLists`). Asking while they are being built waits for them.
final class KeyLists: Sendable {
    /// The lists by actor and by region.
    struct Lists: Sendable {
        var actors: FlatLists
        var regions: FlatLists
    }

    private let state: Mutex<Lists?>
    private let make: @Sendable () -> Lists
    /// Set once the lists are built; read without waiting for the lock held while building.
    private let built: Atomic<Bool>

    /// Lists already built.
    init(ready: Lists) {
        state = Mutex(ready)
        make = { ready }
        built = Atomic(true)
    }

    /// Lists that `make` builds when they are first asked for.
    init(building make: @escaping @Sendable () -> Lists) {
        state = Mutex(nil)
        self.make = make
        built = Atomic(false)
    }

    /// True when the lists are built: `value` answers at once.
    var isBuilt: Bool { built.load(ordering: .acquiring) }

    /// The lists, once built.
    var value: Lists {
        state.withLock { lists in
            if let lists { return lists }
            let made = make()
            lists = made
            built.store(true, ordering: .releasing)
            return made
        }
    }
}
