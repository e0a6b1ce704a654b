extension RecordStore {
    /// Appends every record of `other`, whose kept text has been copied into this store's text at `textShift`.
    /// `references` maps `other`'s reference symbols (actors, regions, sources) to this store's, `symbols` its
    /// interned short strings (roles, places, targets, original types).
    /// Used to join the two halves of a split load (`RecordSplit`); both stores are still unresolved then.
    mutating func append(contentsOf other: RecordStore, textShift: UInt32, references: [Int32], symbols: [Int32]) {
        let base = count
        func shifted(_ refs: [TextRef]) -> [TextRef] {
            refs.map { $0.isNone ? $0 : TextRef(offset: $0.offset &+ textShift, length: $0.length) }
        }
        func mapped(_ values: [Int32], _ map: [Int32]) -> [Int32] {
            values.map { $0 >= 0 && Int($0) < map.count ? map[Int($0)] : $0 }
        }
        func offsets(_ values: [UInt32], from start: Int) -> [UInt32] {
            let shift = UInt32(truncatingIfNeeded: start)
            return values.dropFirst().map { $0 &+ shift }
        }
        kinds.append(contentsOf: other.kinds)
        ids.append(contentsOf: shifted(other.ids))
        starts.append(contentsOf: other.starts)
        precisions.append(contentsOf: other.precisions)
        lastDays.append(contentsOf: other.lastDays)
        endDays.append(contentsOf: other.endDays)
        endPrecisions.append(contentsOf: other.endPrecisions)
        times.append(contentsOf: other.times)
        categories.append(contentsOf: other.categories)
        severities.append(contentsOf: other.severities)
        titles.append(contentsOf: shifted(other.titles))
        summaries.append(contentsOf: shifted(other.summaries))
        locations.append(contentsOf: mapped(other.locations, symbols))
        targets.append(contentsOf: mapped(other.targets, symbols))
        originalTypes.append(contentsOf: mapped(other.originalTypes, symbols))
        latitudes.append(contentsOf: other.latitudes)
        longitudes.append(contentsOf: other.longitudes)
        fatalityBest.append(contentsOf: other.fatalityBest)
        fatalityLow.append(contentsOf: other.fatalityLow)
        fatalityHigh.append(contentsOf: other.fatalityHigh)
        actorOffsets.append(contentsOf: offsets(other.actorOffsets, from: actorRefs.count))
        regionOffsets.append(contentsOf: offsets(other.regionOffsets, from: regionRefs.count))
        sourceOffsets.append(contentsOf: offsets(other.sourceOffsets, from: sourceRefs.count))
        actorRefs.append(contentsOf: mapped(other.actorRefs, references))
        actorRoles.append(contentsOf: mapped(other.actorRoles, symbols))
        regionRefs.append(contentsOf: mapped(other.regionRefs, references))
        sourceRefs.append(contentsOf: mapped(other.sourceRefs, references))
        for (index, var extra) in other.extras {
            for a in extra.alternatives.indices {
                extra.alternatives[a].sources = mapped(extra.alternatives[a].sources, references)
            }
            extras[index &+ Int32(truncatingIfNeeded: base)] = extra
        }
    }
}
