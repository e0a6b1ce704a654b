import SitmonCore

/// Where the items of the data before a reload are in the data after it, matched by id: what
/// `AppState.replaceData` uses to keep the filter, the undo history and the selections, and to mark new records.
struct ReloadReconciliation {
    let old: Dataset
    let new: Dataset

    /// The new index of an old actor; nil when it is gone.
    func actor(_ a: Int32) -> Int32? {
        let id = old.actors[Int(a)].id
        return new.actors.firstIndex { $0.id == id }.map { Int32($0) }
    }

    /// The new index of an old region; nil when it is gone.
    func region(_ r: Int32) -> Int32? {
        let id = old.regions[Int(r)].id
        return new.regions.firstIndex { $0.id == id }.map { Int32($0) }
    }

    /// The filter on the new data: its actors and regions mapped, the ones gone dropped.
    func filter(_ filter: Filter) -> Filter {
        var filter = filter
        filter.actors = filter.actors.compactMap(actor)
        filter.regions = filter.regions.compactMap(region)
        return filter
    }

    /// An undo or redo step on the new data.
    func step(_ step: FilterStep) -> FilterStep {
        var step = step
        step.filter = filter(step.filter)
        return step
    }

    /// The records of the new data to mark as new: those whose id the old data did not have, and those of
    /// `unseen` (old indexes, still unseen since the previous reload) that remain. Also the new index of the old
    /// record `selected`, nil when it is gone.
    func newRecords(unseen: Set<Int32>, selected: Int32?) -> (added: Set<Int32>, selected: Int32?) {
        let selectedId = selected.map { old.records.id(Int($0)) }
        var oldIds = SymbolTable(capacity: old.records.count)
        for i in 0..<old.records.count { oldIds.intern(old.records.id(i)) }
        var added: Set<Int32> = []
        var selectedRecord: Int32?
        for i in 0..<new.records.count {
            let id = new.records.id(i)
            if oldIds.lookup(id) == nil { added.insert(Int32(i)) }
            if id == selectedId { selectedRecord = Int32(i) }
        }
        for k in unseen where Int(k) < old.records.count {
            let id = old.records.id(Int(k))
            if let i = (0..<new.records.count).first(where: { new.records.id($0) == id }) { added.insert(Int32(i)) }
        }
        return (added, selectedRecord)
    }
}
