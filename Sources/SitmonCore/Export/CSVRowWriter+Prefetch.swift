import CSitmonAllocator

/// Prefetching for `CSVRowWriter.write`: a view in date order jumps about a store of a million records, so each
/// field of a row was a cache miss, one after the other (with prefetching, the writing takes half the CPU time; 4, 8
/// or 16 rows ahead made no difference: docs/benchmarks.md, session 11). Eight rows ahead, the
/// writer asks for the cache lines of a record's columns; four rows ahead, for the lines those columns point to
/// (its text, its lists of actors, regions and sources, its origin).
extension CSVRowWriter {
    /// Rows ahead at which a record's columns are fetched; its referenced data is fetched at half the distance.
    static let prefetchDistance = 8

    /// Starts fetching element `i` of `array` (nothing when out of range).
    @inline(__always)
    static func prefetch<T>(_ array: [T], _ i: Int) {
        guard i >= 0, i < array.count else { return }
        array.withUnsafeBufferPointer { if let base = $0.baseAddress { sitmon_prefetch(base + i) } }
    }

    /// Starts fetching value `i` of a coordinate column.
    @inline(__always)
    static func prefetch(_ column: CoordinateColumn, _ i: Int) {
        if column.doubles == nil {
            prefetch(column.millionths, i)
        } else {
            column.doubles?.withUnsafeBufferPointer {
                if i < $0.count, let base = $0.baseAddress { sitmon_prefetch(base + i) }
            }
        }
    }

    /// Starts fetching the columns of record `i`.
    @inline(__always)
    func prefetchColumns(_ i: Int) {
        Self.prefetch(store.kinds, i)
        Self.prefetch(store.ids, i)
        Self.prefetch(store.starts, i)
        Self.prefetch(store.precisions, i)
        Self.prefetch(store.categories, i)
        Self.prefetch(store.severities, i)
        Self.prefetch(store.titles, i)
        Self.prefetch(store.summaries, i)
        Self.prefetch(store.locations, i)
        Self.prefetch(store.targets, i)
        Self.prefetch(store.originalTypes, i)
        Self.prefetch(store.fatalityBest, i)
        Self.prefetch(store.actorOffsets, i)
        Self.prefetch(store.regionOffsets, i)
        Self.prefetch(store.sourceOffsets, i)
        Self.prefetch(store.latitudes, i)
        Self.prefetch(store.longitudes, i)
        if store.originOf.isEmpty {
            Self.prefetch(store.originShapeOf, i)
            Self.prefetch(store.originIdOffsets, i)
        } else {
            Self.prefetch(store.originOf, i)
        }
    }

    /// Starts fetching what the columns of record `i` refer to (they were fetched a few rows before).
    @inline(__always)
    func prefetchReferenced(_ i: Int, text: UnsafeBufferPointer<UInt8>) {
        @inline(__always) func fetch(_ ref: TextRef) {
            if !ref.isNone, Int(ref.offset) < text.count, let base = text.baseAddress {
                sitmon_prefetch(base + Int(ref.offset))
            }
        }
        fetch(store.ids[i])
        fetch(store.titles[i])
        fetch(store.summaries[i])
        let actors = Int(store.actorOffsets[i])
        Self.prefetch(store.actorRefs, actors)
        if store.actorRoles.symbols == nil {
            Self.prefetch(store.actorRoles.bytes, actors)
        } else {
            store.actorRoles.symbols?.withUnsafeBufferPointer {
                if actors < $0.count, let base = $0.baseAddress { sitmon_prefetch(base + actors) }
            }
        }
        Self.prefetch(store.regionRefs, Int(store.regionOffsets[i]))
        Self.prefetch(store.sourceRefs, Int(store.sourceOffsets[i]))
        if let slot = store.originSlot(i) {
            Self.prefetch(store.originShapes, Int(store.originShapeOf[slot]))
            let ids = Int(store.originIdOffsets[slot])
            Self.prefetch(store.originIdSchemes, ids)
            Self.prefetch(store.originIdValues, ids)
        }
    }
}
