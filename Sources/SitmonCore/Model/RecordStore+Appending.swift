extension RecordStore {
    /// Appends every record of `other`, whose kept text has been copied into this store's text at `textShift`.
    /// `references` maps `other`'s reference symbols (actors, regions, sources) to this store's, `symbols` its
    /// interned short strings (roles, places, targets, original types).
    /// Used to join the two halves of a split load (`RecordSplit`); both stores are still unresolved then.
    mutating func append(contentsOf other: RecordStore, textShift: UInt32, references: [Int32], symbols: [Int32]) {
        // Each column is copied, then changed in place: no temporary array (whose fresh pages cost more than the
        // copy, a million records' worth of columns being ≈ 80 MB).
        let base = count
        func appendShifted(_ refs: inout [TextRef], _ more: [TextRef]) {
            let from = refs.count
            refs.append(contentsOf: more)
            refs.withUnsafeMutableBufferPointer { refs in
                for k in from..<refs.count where !refs[k].isNone { refs[k].offset &+= textShift }
            }
        }
        func appendMapped(_ values: inout [Int32], _ more: [Int32], _ map: [Int32]) {
            let from = values.count
            values.append(contentsOf: more)
            map.withUnsafeBufferPointer { map in
                values.withUnsafeMutableBufferPointer { values in
                    for k in from..<values.count where values[k] >= 0 && Int(values[k]) < map.count {
                        values[k] = map[Int(values[k])]
                    }
                }
            }
        }
        func appendOffsets(_ values: inout [UInt32], _ more: [UInt32], from start: Int) {
            let from = values.count
            values.append(contentsOf: more.dropFirst())
            let shift = UInt32(truncatingIfNeeded: start)
            values.withUnsafeMutableBufferPointer { values in
                for k in from..<values.count { values[k] &+= shift }
            }
        }
        kinds.append(contentsOf: other.kinds)
        appendShifted(&ids, other.ids)
        starts.append(contentsOf: other.starts)
        precisions.append(contentsOf: other.precisions)
        lastDays.append(contentsOf: other.lastDays)
        endDays.append(contentsOf: other.endDays)
        endPrecisions.append(contentsOf: other.endPrecisions)
        times.append(contentsOf: other.times)
        categories.append(contentsOf: other.categories)
        severities.append(contentsOf: other.severities)
        appendShifted(&titles, other.titles)
        appendShifted(&summaries, other.summaries)
        appendMapped(&locations, other.locations, symbols)
        appendMapped(&targets, other.targets, symbols)
        appendMapped(&originalTypes, other.originalTypes, symbols)
        latitudes.append(contentsOf: other.latitudes)
        longitudes.append(contentsOf: other.longitudes)
        fatalityBest.append(contentsOf: other.fatalityBest)
        fatalityLow.append(contentsOf: other.fatalityLow)
        fatalityHigh.append(contentsOf: other.fatalityHigh)
        appendOffsets(&actorOffsets, other.actorOffsets, from: actorRefs.count)
        appendOffsets(&regionOffsets, other.regionOffsets, from: regionRefs.count)
        appendOffsets(&sourceOffsets, other.sourceOffsets, from: sourceRefs.count)
        appendMapped(&actorRefs, other.actorRefs, references)
        appendMapped(&actorRoles, other.actorRoles, symbols)
        appendMapped(&regionRefs, other.regionRefs, references)
        appendMapped(&sourceRefs, other.sourceRefs, references)
        for (index, var extra) in other.extras {
            for a in extra.alternatives.indices {
                extra.alternatives[a].sources = extra.alternatives[a].sources.map {
                    $0 >= 0 && Int($0) < references.count ? references[Int($0)] : $0
                }
            }
            extras[index &+ Int32(truncatingIfNeeded: base)] = extra
        }
        appendOrigins(of: other, base: base, textShift: textShift, symbols: symbols)
    }
}
