import CSitmonAllocator

/// One record's origin as the importers build it: the source's ids as a range of `originIdSchemes`/`originIdValues`,
/// the other fields as symbols of the store's `SymbolTable`, -1 when absent. The store keeps the ids' range as an
/// offset and the other fields once per distinct combination (`OriginShape`): `RecordStore.setOriginRow`.
package struct OriginRow: Sendable, Hashable {
    package var idStart: UInt32
    package var idCount: UInt32
    package var datePrecision: Int32 = -1
    package var geoPrecision: Int32 = -1
    package var admin1: Int32 = -1
    package var admin2: Int32 = -1
    package var admin3: Int32 = -1
    package var sourceScale: Int32 = -1
    /// The tags joined by `RecordStore.tagSeparator`, as one symbol.
    package var tags: Int32 = -1

    package init(idStart: UInt32, idCount: UInt32) {
        self.idStart = idStart
        self.idCount = idCount
    }

    /// The fields besides the ids.
    var shape: OriginShape {
        OriginShape(
            datePrecision: datePrecision, geoPrecision: geoPrecision, admin1: admin1, admin2: admin2, admin3: admin3,
            sourceScale: sourceScale, tags: tags)
    }
}

/// An origin's fields besides its ids, as symbols (-1: absent). They repeat from record to record (precisions,
/// admin units, scales, tag lists): the store keeps each distinct combination once, `RecordStore.originShapes`
/// (270,517 of them for a million generated ACLED rows, 28 bytes each, against 36 bytes a record as rows).
package struct OriginShape: Sendable, Hashable {
    package var datePrecision: Int32
    package var geoPrecision: Int32
    package var admin1: Int32
    package var admin2: Int32
    package var admin3: Int32
    package var sourceScale: Int32
    package var tags: Int32

    /// Every field, in the order of the snapshot's layout.
    var fields: [Int32] { [datePrecision, geoPrecision, admin1, admin2, admin3, sourceScale, tags] }

    /// The same shape with each symbol passed through `map`.
    func mapped(_ map: (Int32) -> Int32) -> OriginShape {
        OriginShape(
            datePrecision: map(datePrecision), geoPrecision: map(geoPrecision), admin1: map(admin1),
            admin2: map(admin2), admin3: map(admin3), sourceScale: map(sourceScale), tags: map(tags))
    }

    /// A hash for `OriginShapeIndex` (the same in every run, unlike `Hasher`'s).
    @inline(__always)
    var hashKey: UInt64 {
        // The fields in pairs of 32 bits, each mixed in with one multiplication (no array: this runs once a row).
        @inline(__always) func word(_ a: Int32, _ b: Int32) -> UInt64 {
            UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
        }
        var h = word(datePrecision, geoPrecision) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ word(admin1, admin2)) &* 0xC2B2_AE3D_27D4_EB4F
        h = (h ^ word(admin3, sourceScale)) &* 0x1656_67B1_9E37_79F9
        h = (h ^ UInt64(UInt32(bitPattern: tags))) &* 0x9E37_79B9_7F4A_7C15
        return h ^ h >> 32
    }
}

/// Where each of `RecordStore.originShapes` is: an open-addressing table holding each shape with its position, so
/// that finding a row's shape reads one entry (a table of positions alone read the entry, then the shape elsewhere in
/// memory: two cache misses a row, 8 % of a 1M-row import's CPU). 32 bytes an entry, at most three quarters used:
/// built while a store is being filled (an import's reading threads, a merge) and dropped when it is finished
/// (`releaseOriginShapeIndex`); after a snapshot is read it is empty, and filled again only if records are appended.
struct OriginShapeIndex: Sendable {
    private struct Entry: Sendable {
        var shape: OriginShape
        /// The shape's position in `originShapes`; -1 for an empty entry.
        var position: Int32
    }
    private static let empty = Entry(
        shape: OriginShape(datePrecision: 0, geoPrecision: 0, admin1: 0, admin2: 0, admin3: 0, sourceScale: 0, tags: 0),
        position: -1)
    private var entries: [Entry] = []
    /// How many of the store's shapes are in `entries`.
    private(set) var indexed = 0

    /// The shape interned last and its position: consecutive records of a real export often share their place,
    /// precisions and scale, and take it without a look in the table.
    private var last: Entry = Self.empty

    /// The position of `shape` in `shapes`, appending it when new.
    mutating func intern(_ shape: OriginShape, in shapes: inout [OriginShape]) -> Int32 {
        if last.position >= 0 && last.shape == shape && Int(last.position) < shapes.count
            && shapes[Int(last.position)] == shape
        {
            return last.position
        }
        let position = lookUp(shape, in: &shapes)
        last = Entry(shape: shape, position: position)
        return position
    }

    private mutating func lookUp(_ shape: OriginShape, in shapes: inout [OriginShape]) -> Int32 {
        if indexed != shapes.count || (shapes.count + 1) * 4 > entries.count * 3 {
            update(shapes, room: shapes.count + 1)
        }
        let mask = entries.count - 1
        var k = Int(truncatingIfNeeded: shape.hashKey) & mask
        while true {
            let entry = entries[k]
            if entry.position < 0 { break }
            if entry.shape == shape { return entry.position }
            k = (k + 1) & mask
        }
        let position = Int32(truncatingIfNeeded: shapes.count)
        shapes.append(shape)
        entries[k] = Entry(shape: shape, position: position)
        indexed += 1
        return position
    }

    /// Starts fetching the entry where `shape` is or would go (an `intern` of it a little later then finds it in
    /// the cache: the table of a million-row import's shapes is larger than the caches).
    @inline(__always)
    func prefetch(_ shape: OriginShape) {
        guard !entries.isEmpty else { return }
        let k = Int(truncatingIfNeeded: shape.hashKey) & (entries.count - 1)
        entries.withUnsafeBufferPointer { entries in
            if let base = entries.baseAddress { sitmon_prefetch(base + k) }
        }
    }

    /// Gives the table's memory back (a finished store); it is built again if shapes are interned later.
    mutating func release() {
        entries = []
        indexed = 0
        last = Self.empty
    }

    /// Indexes every shape of `shapes` with room for `room` in all (at most three quarters of the table used):
    /// the ones not yet indexed when the table is large enough, else all of them in a table twice as large.
    private mutating func update(_ shapes: [OriginShape], room: Int) {
        if indexed > shapes.count || room * 4 > entries.count * 3 {
            var size = 64
            while size * 3 < room * 4 { size *= 2 }
            entries = [Entry](repeating: Self.empty, count: size)
            indexed = 0
        }
        let mask = entries.count - 1
        for p in indexed..<shapes.count {
            let shape = shapes[p]
            var k = Int(truncatingIfNeeded: shape.hashKey) & mask
            var known = false
            while entries[k].position >= 0 {
                if entries[k].shape == shape { known = true; break }
                k = (k + 1) & mask
            }
            if !known { entries[k] = Entry(shape: shape, position: Int32(truncatingIfNeeded: p)) }
        }
        indexed = shapes.count
    }
}

extension RecordStore {
    /// Joins a record's tags into one interned string (tag lists repeat from record to record).
    package static let tagSeparator = "\u{1F}"

    /// Starts fetching what `setOriginRow` of `row` will read (its shape's entry in the table of shapes).
    /// (Mutating only so that a caller holding the store in a mutable place, an importer's reading thread, passes
    /// it by reference: a non-mutating call from another module copied the store's 424 bytes each row; the same for
    /// the other look-ahead calls below and `originIdCount`.)
    package mutating func prefetchOrigin(_ row: OriginRow) { originShapeIndex.prefetch(row.shape) }

    /// Drops the table that finds origin shapes while records are added (a finished store: 32 bytes a shape's
    /// entry; it is built again if records are appended later).
    package mutating func releaseOriginShapeIndex() { originShapeIndex.release() }

    /// The number of origin ids so far: where the next record's ids start (`addOriginId`).
    @inlinable package var originIdCount: Int { originIdValues.count }

    /// Appends one source id of the origin being built (an importer's fast path; then `setOriginRow`).
    package mutating func addOriginId(scheme: Int32, value: TextRef) {
        originIdSchemes.append(scheme)
        originIdValues.append(value)
    }

    /// Reserves room for the origins of `n` records in all, with one id each.
    package mutating func reserveOrigins(_ n: Int) {
        originShapeOf.reserveCapacity(n)
        originIdOffsets.reserveCapacity(n + 1)
        originIdSchemes.reserveCapacity(n)
        originIdValues.reserveCapacity(n)
    }

    /// Interns a short string given as UTF-8 bytes.
    package mutating func symbol(bytes: UnsafeBufferPointer<UInt8>) -> Int32 { symbols.intern(bytes).symbol }

    /// `symbol(bytes:)` of bytes that hash to `hash` (`SymbolTable.hash`).
    @inline(__always)
    package mutating func symbol(bytes: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32 {
        symbols.intern(bytes, hash: hash).symbol
    }

    /// Starts fetching the slot of the short string that hashes to `hash` (`SymbolTable.prefetch(hash:)`).
    @inline(__always)
    package mutating func prefetchSymbol(hash: UInt32) { symbols.prefetch(hash: hash) }

    /// Starts fetching the bytes of the short string that hashes to `hash` (`SymbolTable.prefetchKey(hash:)`).
    @inline(__always)
    package mutating func prefetchSymbolKey(hash: UInt32) { symbols.prefetchKey(hash: hash) }

    /// Gives record `index` its origin row, whose ids were appended to `originIdSchemes`/`originIdValues` since the
    /// last origin's (as the loaders append them; ids elsewhere are moved there).
    package mutating func setOriginRow(_ index: Int, _ row: OriginRow) {
        guard index >= 0 else { return }
        let last = Int(originIdOffsets[originIdOffsets.count - 1])
        let start = min(max(Int(row.idStart), last), originIdValues.count)
        let end = min(start + Int(row.idCount), originIdValues.count)
        if start != last || end != originIdValues.count {
            // Not the ids appended last: keep the row's, drop the others after the last origin's.
            let schemes = Array(originIdSchemes[start..<end]), values = Array(originIdValues[start..<end])
            originIdSchemes.removeSubrange(last...)
            originIdValues.removeSubrange(last...)
            originIdSchemes.append(contentsOf: schemes)
            originIdValues.append(contentsOf: values)
        }
        let slot = Int32(truncatingIfNeeded: originShapeOf.count)
        // Record k at slot k so far (every record has an origin, as in an import): `originOf` stays empty.
        let inOrder = originOf.isEmpty && index == originShapeOf.count
        if !inOrder {
            spellOriginOf()
            if originOf.count < index { originOf.append(contentsOf: repeatElement(-1, count: index - originOf.count)) }
        }
        originShapeOf.append(originShapeIndex.intern(row.shape, in: &originShapes))
        originIdOffsets.append(UInt32(truncatingIfNeeded: originIdValues.count))
        if inOrder { return }
        if originOf.count == index { originOf.append(slot) } else { originOf[index] = slot }
    }

    /// Writes out `originOf` when it is left empty for records 0… at slots 0… (`originSlot`).
    mutating func spellOriginOf() {
        if originOf.isEmpty && !originShapeOf.isEmpty { originOf = (0..<Int32(originShapeOf.count)).map { $0 } }
    }

    /// The origin slot of record `i` (an index into `originShapeOf`, `originIdOffsets`), or nil. An empty
    /// `originOf` with slots means record k is at slot k, for as many records as there are slots.
    @inline(__always)
    func originSlot(_ i: Int) -> Int? {
        guard i >= 0, i < (originOf.isEmpty ? originShapeOf.count : originOf.count) else { return nil }
        let slot = originOf.isEmpty ? i : Int(originOf[i])
        return slot >= 0 && slot < originShapeOf.count && slot + 1 < originIdOffsets.count ? slot : nil
    }

    /// The positions of record `i`'s source ids in `originIdSchemes`/`originIdValues` (empty: none).
    func originIdRange(_ i: Int) -> Range<Int> {
        guard let slot = originSlot(i) else { return 0..<0 }
        let end = min(Int(originIdOffsets[slot + 1]), originIdValues.count)
        return min(Int(originIdOffsets[slot]), end)..<end
    }

    /// Gives record `index` the origin `origin` (building a store from `Record`s: imports, merges, tests).
    mutating func setOrigin(_ index: Int, _ origin: RecordOrigin) {
        var row = OriginRow(
            idStart: UInt32(truncatingIfNeeded: originIdValues.count),
            idCount: UInt32(truncatingIfNeeded: origin.ids.count))
        for id in origin.ids {
            originIdSchemes.append(symbol(id.scheme))
            originIdValues.append(text.append(id.value))
        }
        row.datePrecision = symbol(origin.datePrecision)
        row.geoPrecision = symbol(origin.geoPrecision)
        row.admin1 = symbol(origin.admin1)
        row.admin2 = symbol(origin.admin2)
        row.admin3 = symbol(origin.admin3)
        row.sourceScale = symbol(origin.sourceScale)
        row.tags = origin.tags.isEmpty ? -1 : symbol(origin.tags.joined(separator: Self.tagSeparator))
        setOriginRow(index, row)
    }

    /// What the source data says about record `i` (ids, precisions, admin units, scale, tags), or nil.
    public func origin(_ i: Int) -> RecordOrigin? {
        guard let slot = originSlot(i) else { return nil }
        let shapeIndex = Int(originShapeOf[slot])
        guard shapeIndex >= 0, shapeIndex < originShapes.count else { return nil }
        let shape = originShapes[shapeIndex]
        var origin = RecordOrigin()
        let ids = originIdRange(i)
        if !ids.isEmpty {
            origin.ids = ids.map {
                SourceId(scheme: symbolString(originIdSchemes[$0]) ?? "", value: text.string(originIdValues[$0]))
            }
        }
        origin.datePrecision = symbolString(shape.datePrecision)
        origin.geoPrecision = symbolString(shape.geoPrecision)
        origin.admin1 = symbolString(shape.admin1)
        origin.admin2 = symbolString(shape.admin2)
        origin.admin3 = symbolString(shape.admin3)
        origin.sourceScale = symbolString(shape.sourceScale)
        if let tags = symbolString(shape.tags) {
            origin.tags = tags.split(separator: Self.tagSeparator, omittingEmptySubsequences: false).map(String.init)
        }
        return origin
    }

    /// Appends the origins of `other` (records `base…` of this store), its text shifted by `textShift` and its
    /// symbols mapped by `symbols`. Part of joining the two halves of a split load.
    mutating func appendOrigins(of other: RecordStore, base: Int, textShift: UInt32, symbols: [Int32]) {
        guard !other.originShapeOf.isEmpty else { return }
        func map(_ s: Int32) -> Int32 { s >= 0 && Int(s) < symbols.count ? symbols[Int(s)] : s }
        let slotShift = Int32(truncatingIfNeeded: originShapeOf.count)
        // Both in order, and every record of this store with an origin: still in order.
        if !(originOf.isEmpty && originShapeOf.count == base && other.originOf.isEmpty) {
            spellOriginOf()
            if originOf.count < base { originOf.append(contentsOf: repeatElement(-1, count: base - originOf.count)) }
            if other.originOf.isEmpty {
                originOf.append(contentsOf: (0..<Int32(other.originShapeOf.count)).map { $0 &+ slotShift })
            } else {
                originOf.append(contentsOf: other.originOf.map { $0 < 0 ? -1 : $0 &+ slotShift })
            }
        }
        // `other`'s shapes, its symbols mapped, among this store's (each shape's entry fetched a few shapes ahead:
        // the table of a million records' shapes is larger than the caches); then its slots' shapes and ids'
        // offsets, each column copied and then changed in place (no temporary array of fresh pages).
        let mapped = other.originShapes.map { $0.mapped(map) }
        let ahead = 8
        var shapeMap = [Int32](repeating: 0, count: mapped.count)
        for k in mapped.indices {
            if k + ahead < mapped.count { originShapeIndex.prefetch(mapped[k + ahead]) }
            shapeMap[k] = originShapeIndex.intern(mapped[k], in: &originShapes)
        }
        func appendChanged<T>(_ column: inout [T], _ more: ArraySlice<T>, _ change: (inout T) -> Void) {
            let from = column.count
            column.append(contentsOf: more)
            column.withUnsafeMutableBufferPointer { column in
                for k in from..<column.count { change(&column[k]) }
            }
        }
        shapeMap.withUnsafeBufferPointer { shapeMap in
            appendChanged(&originShapeOf, other.originShapeOf[...]) { shape in
                if shape >= 0 && Int(shape) < shapeMap.count { shape = shapeMap[Int(shape)] }
            }
        }
        let idShift = UInt32(truncatingIfNeeded: originIdValues.count)
        appendChanged(&originIdOffsets, other.originIdOffsets.dropFirst()) { $0 &+= idShift }
        symbols.withUnsafeBufferPointer { symbols in
            appendChanged(&originIdSchemes, other.originIdSchemes[...]) { s in
                if s >= 0 && Int(s) < symbols.count { s = symbols[Int(s)] }
            }
        }
        appendChanged(&originIdValues, other.originIdValues[...]) { ref in
            if !ref.isNone { ref.offset &+= textShift }
        }
    }
}
