extension RecordStore {
    /// Appends every record of `other`, whose kept text has been copied into this store's text at `textShift`.
    /// `references` maps `other`'s reference symbols (actors, regions, sources) to this store's, `symbols` its
    /// interned short strings (roles, places, targets, original types).
    /// Used to join the two halves of a split load (`RecordSplit`); both stores are still unresolved then.
    mutating func append(contentsOf other: RecordStore, textShift: UInt32, references: [Int32], symbols: [Int32]) {
        var copy = other
        append(
            draining: &copy, textShift: textShift, actors: references, regions: references, sources: references,
            symbols: symbols)
    }

    /// Appends every record of `other` as above, with one map each for its actor, region and source references
    /// (an import's two halves number them apart: `FastImport`). `other` is emptied column by column as its
    /// records are appended, so that the two stores are never held whole at once.
    /// `origins` false leaves out the origins (a `startJoin` joins them on another thread).
    package mutating func append(
        draining other: inout RecordStore, textShift: UInt32, actors: [Int32], regions: [Int32], sources: [Int32],
        symbols: [Int32], origins: Bool = true
    ) {
        let references = sources
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
        other.kinds = []
        appendShifted(&ids, other.ids)
        other.ids = []
        starts.append(contentsOf: other.starts)
        other.starts = []
        precisions.append(contentsOf: other.precisions)
        other.precisions = []
        lastDays.append(contentsOf: other.lastDays)
        other.lastDays = []
        // Sparse columns (`notes`, end dates, times, low and high estimates): `other`'s, if any, after this store's
        // filled to `base`.
        func appendSparse<T>(_ column: inout [T], _ more: inout [T], absent: T) {
            defer { more = [] }
            guard !more.isEmpty else { return }
            if column.count < base { column.append(contentsOf: repeatElement(absent, count: base - column.count)) }
            column.append(contentsOf: more)
        }
        appendSparse(&endDays, &other.endDays, absent: Int32.min)
        appendSparse(&endPrecisions, &other.endPrecisions, absent: .day)
        appendSparse(&times, &other.times, absent: -1)
        categories.append(contentsOf: other.categories)
        other.categories = []
        severities.append(contentsOf: other.severities)
        other.severities = []
        appendShifted(&titles, other.titles)
        other.titles = []
        appendShifted(&summaries, other.summaries)
        other.summaries = []
        appendMapped(&locations, other.locations, symbols)
        other.locations = []
        appendMapped(&targets, other.targets, symbols)
        other.targets = []
        appendMapped(&originalTypes, other.originalTypes, symbols)
        other.originalTypes = []
        latitudes.append(draining: &other.latitudes)
        longitudes.append(draining: &other.longitudes)
        fatalityBest.append(contentsOf: other.fatalityBest)
        other.fatalityBest = []
        appendSparse(&fatalityLow, &other.fatalityLow, absent: -1)
        appendSparse(&fatalityHigh, &other.fatalityHigh, absent: -1)
        appendOffsets(&actorOffsets, other.actorOffsets, from: actorRefs.count)
        appendOffsets(&regionOffsets, other.regionOffsets, from: regionRefs.count)
        appendOffsets(&sourceOffsets, other.sourceOffsets, from: sourceRefs.count)
        appendMapped(&actorRefs, other.actorRefs, actors)
        other.actorRefs = []
        actorRoles.append(draining: &other.actorRoles, mapping: symbols)
        appendMapped(&regionRefs, other.regionRefs, regions)
        other.regionRefs = []
        appendMapped(&sourceRefs, other.sourceRefs, references)
        other.sourceRefs = []
        for (index, var extra) in other.extras {
            for a in extra.alternatives.indices {
                extra.alternatives[a].sources = extra.alternatives[a].sources.map {
                    $0 >= 0 && Int($0) < references.count ? references[Int($0)] : $0
                }
            }
            extras[index &+ Int32(truncatingIfNeeded: base)] = extra
        }
        func appendNotes(_ column: inout [TextRef], _ more: [TextRef]) {
            guard !more.isEmpty else { return }
            if column.count < base { column.append(contentsOf: repeatElement(.none, count: base - column.count)) }
            appendShifted(&column, more)
        }
        appendNotes(&notes, other.notes)
        other.notes = []
        appendNotes(&fatalityNotes, other.fatalityNotes)
        other.fatalityNotes = []
        if origins { appendOrigins(of: other, base: base, textShift: textShift, symbols: symbols) }
    }
}

extension RecordStore {
    /// Appends UTF-8 bytes to the text arena (an importer's fields).
    package mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) -> TextRef { text.append(bytes: bytes) }

    /// Reserves room for `n` bytes of text in all.
    package mutating func reserveText(_ n: Int) { text.reserve(n) }

    /// Bytes of text so far.
    package var textCount: Int { text.bytes.count }

    /// Moves the text of another store to the end of this one's (emptying `other`'s); returns the shift for its
    /// references.
    package mutating func appendText(draining other: inout RecordStore) -> UInt32 {
        text.append(draining: &other.text)
    }

    /// Starts moving the text of `other` to the end of this store's on a thread of its own (`appendText(draining:)`
    /// while the merge does other work: a half's text is ≈ 100 MB at a million rows); until `finishText` gives it
    /// back, both stores are without text, so only what does not read it (`append(draining:…)` with the returned
    /// shift, `remapReferences`, `internSymbols`) may run in between.
    package mutating func startTextJoin(draining other: inout RecordStore) -> (
        shift: UInt32, join: Pending<TextStorage>
    ) {
        let shift = UInt32(truncatingIfNeeded: text.bytes.count)
        let box = TextJoinBox(taking: &text, &other.text)
        return (shift, Pending { box.join() })
    }

    /// Takes back the text a `startTextJoin` joined.
    package mutating func finishText(_ join: Pending<TextStorage>) {
        if let joined = join.value() { text = joined }
    }

    /// `startTextJoin`, and then, on the same thread, the origins of `other` appended to this store's
    /// (`appendOrigins`, its symbols mapped by `symbols`, from `internSymbols`): ≈ 35 ms at a million records that
    /// the merge's own thread spent after its other columns. Until `finishJoin`, both stores are without text and
    /// origins; `append(draining:…, origins: false)` then appends the other columns.
    package mutating func startJoin(draining other: inout RecordStore, symbols: [Int32]) -> (
        shift: UInt32, join: Pending<Joined>
    ) {
        let shift = UInt32(truncatingIfNeeded: text.bytes.count)
        let box = TextJoinBox(taking: &text, &other.text)
        let origins = OriginJoinBox(taking: &self, &other)
        let base = count
        return (
            shift,
            Pending {
                let text = box.join()
                return Joined(text: text, origins: origins.join(base: base, textShift: shift, symbols: symbols))
            }
        )
    }

    /// What `startJoin`'s thread gives back: the joined text and a store holding only the joined origins.
    package struct Joined: Sendable {
        var text: TextStorage
        var origins: RecordStore
    }

    /// Takes back the text and origins a `startJoin` joined (at once if they were already).
    package mutating func finishJoin(_ join: Pending<Joined>) {
        guard var joined = join.value() else { return }
        text = joined.text
        swapOrigins(with: &joined.origins)
    }

    /// Exchanges the origin columns of two stores.
    mutating func swapOrigins(with other: inout RecordStore) {
        swap(&originOf, &other.originOf)
        swap(&originShapeOf, &other.originShapeOf)
        swap(&originIdOffsets, &other.originIdOffsets)
        swap(&originShapes, &other.originShapes)
        swap(&originShapeIndex, &other.originShapeIndex)
        swap(&originIdSchemes, &other.originIdSchemes)
        swap(&originIdValues, &other.originIdValues)
    }

    /// Sets record `i`'s title.
    package mutating func setTitle(_ i: Int, _ title: String) { titles[i] = text.append(title) }

    /// The interned short strings, to map another store's symbols into this one's (`SymbolTable.internAll`).
    package mutating func internSymbols(of other: RecordStore) -> [Int32] { symbols.internAll(of: other.symbols) }

    /// Rewrites the actor, region and source references through the given maps (an import's first half).
    package mutating func remapReferences(actors: [Int32], regions: [Int32], sources: [Int32]) {
        func remap(_ values: inout [Int32], _ map: [Int32]) {
            map.withUnsafeBufferPointer { map in
                values.withUnsafeMutableBufferPointer { values in
                    for k in values.indices where values[k] >= 0 && Int(values[k]) < map.count {
                        values[k] = map[Int(values[k])]
                    }
                }
            }
        }
        remap(&actorRefs, actors)
        remap(&regionRefs, regions)
        remap(&sourceRefs, sources)
    }
}

/// The two arenas of a text join, owned by the thread that joins them (moved in, so neither is copied).
final class TextJoinBox: @unchecked Sendable {
    private var text: TextStorage
    private var other: TextStorage

    /// Takes both arenas, leaving empty ones.
    init(taking text: inout TextStorage, _ other: inout TextStorage) {
        self.text = TextStorage()
        self.other = TextStorage()
        swap(&self.text, &text)
        swap(&self.other, &other)
    }

    /// `other` appended to `text`, moved out of the box.
    func join() -> TextStorage {
        var joined = TextStorage(), drained = TextStorage()
        swap(&joined, &text)
        swap(&drained, &other)
        _ = joined.append(draining: &drained)
        return joined
    }
}

/// The origin columns of two stores, moved out of them to be joined on another thread (`RecordStore.startJoin`).
final class OriginJoinBox: @unchecked Sendable {
    private var target = RecordStore()
    private var source = RecordStore()

    /// Takes the origins of both stores, leaving them without any.
    init(taking store: inout RecordStore, _ other: inout RecordStore) {
        target.swapOrigins(with: &store)
        source.swapOrigins(with: &other)
    }

    /// A store holding only `store`'s origins with `other`'s appended (`other`'s records being `base…`), moved out.
    func join(base: Int, textShift: UInt32, symbols: [Int32]) -> RecordStore {
        var joined = RecordStore(), drained = RecordStore()
        swap(&joined, &target)
        swap(&drained, &source)
        joined.appendOrigins(of: drained, base: base, textShift: textShift, symbols: symbols)
        return joined
    }
}
