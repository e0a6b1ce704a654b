/// One record's origin in columns: the source's ids as a range of `originIdSchemes`/`originIdValues`, the other
/// fields as symbols of the store's `SymbolTable` (they repeat: precisions, admin units, scales, tag lists), -1 when
/// absent. About 40 bytes a record, plus 12 bytes and the text of each id: far less than the same values as Swift
/// strings in a dictionary (docs/benchmarks.md, "Issue 13", compares the two).
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
}

extension RecordStore {
    /// Joins a record's tags into one interned string (tag lists repeat from record to record).
    package static let tagSeparator = "\u{1F}"

    /// The number of origin ids so far: where the next record's ids start (`addOriginId`).
    package var originIdCount: Int { originIdValues.count }

    /// Appends one source id of the origin being built (an importer's fast path; then `setOriginRow`).
    package mutating func addOriginId(scheme: Int32, value: TextRef) {
        originIdSchemes.append(scheme)
        originIdValues.append(value)
    }

    /// Reserves room for the origins of `n` records in all, with one id each.
    package mutating func reserveOrigins(_ n: Int) {
        originOf.reserveCapacity(n)
        origins.reserveCapacity(n)
        originIdSchemes.reserveCapacity(n)
        originIdValues.reserveCapacity(n)
    }

    /// Interns a short string given as UTF-8 bytes.
    package mutating func symbol(bytes: UnsafeBufferPointer<UInt8>) -> Int32 { symbols.intern(bytes).symbol }

    /// Gives record `index` its origin row, whose ids were appended to `originIdSchemes`/`originIdValues`.
    package mutating func setOriginRow(_ index: Int, _ row: OriginRow) {
        guard index >= 0 else { return }
        if originOf.count < index { originOf.append(contentsOf: repeatElement(-1, count: index - originOf.count)) }
        let slot = Int32(truncatingIfNeeded: origins.count)
        origins.append(row)
        if originOf.count == index { originOf.append(slot) } else { originOf[index] = slot }
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
        guard i < originOf.count, originOf[i] >= 0, Int(originOf[i]) < origins.count else { return nil }
        let row = origins[Int(originOf[i])]
        var origin = RecordOrigin()
        let start = Int(row.idStart), end = min(start + Int(row.idCount), originIdValues.count)
        if start < end {
            origin.ids = (start..<end).map {
                SourceId(scheme: symbolString(originIdSchemes[$0]) ?? "", value: text.string(originIdValues[$0]))
            }
        }
        origin.datePrecision = symbolString(row.datePrecision)
        origin.geoPrecision = symbolString(row.geoPrecision)
        origin.admin1 = symbolString(row.admin1)
        origin.admin2 = symbolString(row.admin2)
        origin.admin3 = symbolString(row.admin3)
        origin.sourceScale = symbolString(row.sourceScale)
        if let tags = symbolString(row.tags) {
            origin.tags = tags.split(separator: Self.tagSeparator, omittingEmptySubsequences: false).map(String.init)
        }
        return origin
    }

    /// Record `i`'s origin as UTF-8, without making strings (the CSV export): `id` gets each source id's scheme and
    /// value, then `field` the date precision, geo precision, admin1, admin2, admin3, source scale and the tags joined
    /// by `tagSeparator`, in that order, an empty buffer for one absent. False, with neither called, when the record
    /// has no origin (`origin(_:)` is nil).
    package func originBytes(
        _ i: Int, id: (_ scheme: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) -> Void,
        field: (UnsafeBufferPointer<UInt8>) -> Void
    ) -> Bool {
        guard i < originOf.count, originOf[i] >= 0, Int(originOf[i]) < origins.count else { return false }
        let row = origins[Int(originOf[i])]
        let (keyBytes, keyEnds) = symbols.storage
        keyBytes.withUnsafeBufferPointer { keys in
            text.bytes.withUnsafeBufferPointer { text in
                func symbol(_ s: Int32) -> UnsafeBufferPointer<UInt8> {
                    let k = Int(s)
                    guard k >= 0, k < keyEnds.count else { return UnsafeBufferPointer(start: nil, count: 0) }
                    return UnsafeBufferPointer(rebasing: keys[(k == 0 ? 0 : Int(keyEnds[k - 1]))..<Int(keyEnds[k])])
                }
                let start = Int(row.idStart), end = min(start + Int(row.idCount), originIdValues.count)
                for k in start..<max(start, end) {
                    let ref = originIdValues[k]
                    let valid = !ref.isNone && Int(ref.offset) + Int(ref.length) <= text.count
                    id(
                        symbol(originIdSchemes[k]),
                        valid
                            ? UnsafeBufferPointer(rebasing: text[Int(ref.offset)..<Int(ref.offset) + Int(ref.length)])
                            : UnsafeBufferPointer(start: nil, count: 0))
                }
                field(symbol(row.datePrecision))
                field(symbol(row.geoPrecision))
                field(symbol(row.admin1))
                field(symbol(row.admin2))
                field(symbol(row.admin3))
                field(symbol(row.sourceScale))
                field(symbol(row.tags))
            }
        }
        return true
    }

    /// Appends the origins of `other` (records `base…` of this store), its text shifted by `textShift` and its
    /// symbols mapped by `symbols`. Part of joining the two halves of a split load.
    mutating func appendOrigins(of other: RecordStore, base: Int, textShift: UInt32, symbols: [Int32]) {
        guard !other.origins.isEmpty else { return }
        func map(_ s: Int32) -> Int32 { s >= 0 && Int(s) < symbols.count ? symbols[Int(s)] : s }
        if originOf.count < base { originOf.append(contentsOf: repeatElement(-1, count: base - originOf.count)) }
        let rowShift = Int32(truncatingIfNeeded: origins.count)
        originOf.append(contentsOf: other.originOf.map { $0 < 0 ? -1 : $0 &+ rowShift })
        let idShift = UInt32(truncatingIfNeeded: originIdValues.count)
        for var row in other.origins {
            row.idStart &+= idShift
            row.datePrecision = map(row.datePrecision)
            row.geoPrecision = map(row.geoPrecision)
            row.admin1 = map(row.admin1)
            row.admin2 = map(row.admin2)
            row.admin3 = map(row.admin3)
            row.sourceScale = map(row.sourceScale)
            row.tags = map(row.tags)
            origins.append(row)
        }
        originIdSchemes.append(contentsOf: other.originIdSchemes.map(map))
        originIdValues.append(
            contentsOf: other.originIdValues.map { ref in
                var shifted = ref
                if !shifted.isNone { shifted.offset &+= textShift }
                return shifted
            })
    }
}
