/// Writes CSV rows of records straight from the store's bytes: text fields from its text arena, names from tables
/// of UTF-8 made once per writer, numbers, dates and coordinates as digits. No `String` is made for a plain field
/// (a 67,509-row export of a million-record store spent most of its time making and escaping them: docs/benchmarks.md,
/// session 10), and no field goes through an `[UInt8]` a byte at a time: a row is put together in a `RowBuffer` and
/// appended to the block in one copy (session 11). `RowBuffer.appendCSVField` escapes each field to the same bytes
/// as `ByteWriter.appendCSVField` on a `String`.
struct CSVRowWriter: Sendable {
    let store: RecordStore
    /// UTF-8 names, one after another (`ends[k]` is where name k ends).
    struct Names: Sendable {
        var bytes: [UInt8] = []
        var ends: [Int] = []

        init(_ names: some Sequence<String>) {
            for name in names {
                bytes.append(contentsOf: name.utf8)
                ends.append(bytes.count)
            }
        }

        init(bytes: [UInt8], ends: [UInt32]) {
            self.bytes = bytes
            self.ends = ends.map { Int($0) }
        }

        var count: Int { ends.count }

        /// Appends name `k` to `out`; false, appending nothing, when there is no name `k`.
        @discardableResult
        @inline(__always)
        func append(_ k: Int32, to out: inout RowBuffer) -> Bool {
            let k = Int(k)
            guard k >= 0 && k < ends.count else { return false }
            let start = k == 0 ? 0 : ends[k - 1]
            bytes.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[start..<ends[k]])) }
            return true
        }
    }
    let actorNames: Names
    let regionNames: Names
    let sourceIds: Names
    /// The store's interned strings (roles, places, targets, original types).
    let symbols: Names
    /// Names of record kinds and date precisions by raw value; of categories and severities by case.
    let kindNames = Names([RecordKind.event.name, RecordKind.incident.name])
    let precisionNames = Names([DatePrecision.year.name, DatePrecision.month.name, DatePrecision.day.name])
    let categoryNames = CaseNames<Category>(\.rawValue)
    let severityNames = CaseNames<Severity>(\.rawValue)
    /// The start of a derived title by category ("Armed clash"): a title is derived as this, " in " and the place,
    /// put together for each row (a dictionary of derived titles by category and place, hashed for each row, cost
    /// more than that).
    let titleStems = CaseNames<Category>(RecordStore.titleStem)

    init(_ dataset: Dataset) {
        store = dataset.records
        actorNames = Names(dataset.actors.lazy.map(\.name))  // full names, as the source writes them
        regionNames = Names(dataset.regions.lazy.map(\.name))
        sourceIds = Names(dataset.sources.lazy.map(\.id))
        let (bytes, ends) = store.symbols.storage
        symbols = Names(bytes: bytes, ends: ends)
    }

    /// Appends the field of names `list` joined by "; " (those not in `table` left out).
    func appendNames(
        _ list: ArraySlice<Int32>, _ table: Names, into out: inout RowBuffer, scratch: inout RowBuffer
    ) {
        scratch.removeAll()
        var first = true
        for k in list where k >= 0 && Int(k) < table.count {
            if !first { Self.appendSeparator(to: &scratch) }
            first = false
            table.append(k, to: &scratch)
        }
        out.appendCSVField(scratch.bytes)
    }

    /// Appends "; ", between the names of a list.
    @inline(__always)
    static func appendSeparator(to out: inout RowBuffer) {
        out.reserve(2)
        out.put(UInt8(ascii: ";"))
        out.put(UInt8(ascii: " "))
    }

    /// The bytes of `ref` in the text arena `text` (empty for none or one out of the arena).
    @inline(__always)
    static func bytes(_ ref: TextRef, in text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard !ref.isNone, Int(ref.offset) + Int(ref.length) <= text.count else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(rebasing: text[Int(ref.offset)..<(Int(ref.offset) + Int(ref.length))])
    }

    /// Appends the title of record `i` as a field: its own, else derived from its category and place as
    /// `RecordStore.title` derives it ("?" for a region out of the table).
    func appendTitle(
        _ i: Int, text: UnsafeBufferPointer<UInt8>, into out: inout RowBuffer, scratch: inout RowBuffer
    ) {
        let own = store.titles[i]
        if !own.isNone {
            out.appendCSVField(Self.bytes(own, in: text))
            return
        }
        scratch.removeAll()
        titleStems.append(store.categories[i], to: &scratch)
        let location = store.locations[i]
        if location >= 0 {
            Self.appendPlaceSeparator(to: &scratch)
            symbols.append(location, to: &scratch)
        } else if let region = store.regions(i).first {
            Self.appendPlaceSeparator(to: &scratch)
            if !regionNames.append(region, to: &scratch) { scratch.append(UInt8(ascii: "?")) }
        }
        out.appendCSVField(scratch.bytes)
    }

    /// Appends " in ", between a derived title's category and place.
    @inline(__always)
    static func appendPlaceSeparator(to out: inout RowBuffer) {
        out.reserve(4)
        out.put(UInt8(ascii: " "))
        out.put(UInt8(ascii: "i"))
        out.put(UInt8(ascii: "n"))
        out.put(UInt8(ascii: " "))
    }

    /// Appends `date` as `PartialDate.description` writes it (`2012`, `2012-03`, `2012-03-22`).
    static func appendDate(_ date: PartialDate, into out: inout RowBuffer) {
        let (y, m, d) = PartialDate.civil(fromDays: Int(date.day))
        guard y >= 0 else {
            out.append(date.description)
            return
        }
        out.appendPadded(y, width: 4)
        guard date.precision != .year else { return }
        out.append(UInt8(ascii: "-"))
        out.appendPadded(m, width: 2)
        guard date.precision == .day else { return }
        out.append(UInt8(ascii: "-"))
        out.appendPadded(d, width: 2)
    }

    /// Appends a coordinate of record `i` as `String(Double)` writes it (nothing for none).
    @inline(__always)
    static func appendCoordinate(_ column: CoordinateColumn, _ i: Int, into out: inout RowBuffer) {
        if let doubles = column.doubles {
            if !doubles[i].isNaN { out.append(String(doubles[i])) }
        } else {
            let m = column.millionths[i]
            if m != CoordinateColumn.absent { out.appendMillionths(m) }
        }
    }

    /// Appends one row per record in `records`, in that order. A view in date order jumps about a store of a
    /// million records, and each field read was a cache miss: the columns of the record `prefetchDistance` rows on,
    /// and what those of the record half as far on point to, are fetched while this one is written
    /// (`CSVRowWriter+Prefetch`). Rows are handed to `out` a few at a time, while they are still in the cache.
    func write(_ records: ArraySlice<Int32>, into out: inout ByteWriter) {
        var row = RowBuffer(capacity: 1 << 15), scratch = RowBuffer(capacity: 1 << 12)
        defer {
            row.free()
            scratch.free()
        }
        let far = Self.prefetchDistance, near = Self.prefetchDistance / 2
        store.text.bytes.withUnsafeBufferPointer { text in
            for k in records.indices {
                if k + far < records.endIndex { prefetchColumns(Int(records[k + far])) }
                if k + near < records.endIndex { prefetchReferenced(Int(records[k + near]), text: text) }
                write(Int(records[k]), text: text, into: &row, scratch: &scratch)
                if row.count >= 1 << 14 {
                    out.append(row.bytes)
                    row.removeAll()
                }
            }
        }
        out.append(row.bytes)
    }

    /// Appends the row of record `i`.
    func write(_ i: Int, text: UnsafeBufferPointer<UInt8>, into out: inout RowBuffer, scratch: inout RowBuffer) {
        let comma = UInt8(ascii: ",")
        let date = store.date(i)
        kindNames.append(Int32(store.kinds[i].rawValue), to: &out); out.append(comma)
        out.appendCSVField(Self.bytes(store.ids[i], in: text)); out.append(comma)
        Self.appendDate(date, into: &out); out.append(comma)
        precisionNames.append(Int32(date.precision.rawValue), to: &out); out.append(comma)
        if let end = store.end(i) { Self.appendDate(end, into: &out) }
        out.append(comma)
        let time = i < store.times.count ? Int(store.times[i]) : -1
        if time >= 0 {
            out.appendPadded(time / 60, width: 2)
            out.append(UInt8(ascii: ":"))
            out.appendPadded(time % 60, width: 2)
        }
        out.append(comma)
        categoryNames.append(store.categories[i], to: &out); out.append(comma)
        severityNames.append(store.severities[i], to: &out); out.append(comma)
        appendTitle(i, text: text, into: &out, scratch: &scratch); out.append(comma)
        appendNames(store.regions(i), regionNames, into: &out, scratch: &scratch); out.append(comma)
        scratch.removeAll()
        symbols.append(store.locations[i], to: &scratch)
        out.appendCSVField(scratch.bytes); out.append(comma)
        Self.appendCoordinate(store.latitudes, i, into: &out); out.append(comma)
        Self.appendCoordinate(store.longitudes, i, into: &out); out.append(comma)
        appendActors(i, perpetrators: false, into: &out, scratch: &scratch); out.append(comma)
        appendActors(i, perpetrators: true, into: &out, scratch: &scratch); out.append(comma)
        appendSymbol(store.targets[i], into: &out); out.append(comma)
        let best = Int(store.fatalityBest[i])
        let low = i < store.fatalityLow.count ? Int(store.fatalityLow[i]) : -1
        let high = i < store.fatalityHigh.count ? Int(store.fatalityHigh[i]) : -1
        if best >= 0 { out.appendDecimal(best) }
        out.append(comma)
        if low >= 0 { out.appendDecimal(low) }
        out.append(comma)
        if high >= 0 { out.appendDecimal(high) }
        out.append(comma)
        out.appendCSVField(Self.bytes(store.summaries[i], in: text)); out.append(comma)
        appendSymbol(store.originalTypes[i], into: &out); out.append(comma)
        appendNames(store.sources(i), sourceIds, into: &out, scratch: &scratch)
        appendOrigin(i, text: text, into: &out, scratch: &scratch)
        out.append(UInt8(ascii: "\r")); out.append(UInt8(ascii: "\n"))
    }

    /// Appends interned string `symbol` as a field ("" for none).
    @inline(__always)
    func appendSymbol(_ symbol: Int32, into out: inout RowBuffer) {
        let k = Int(symbol)
        guard k >= 0 && k < symbols.ends.count else { return }
        let start = k == 0 ? 0 : symbols.ends[k - 1]
        symbols.bytes.withUnsafeBufferPointer {
            out.appendCSVField(UnsafeBufferPointer(rebasing: $0[start..<symbols.ends[k]]))
        }
    }

    /// Appends the actors of record `i` as a field: its perpetrators' names, or the others' as "name (role)", joined
    /// by "; ".
    func appendActors(_ i: Int, perpetrators: Bool, into out: inout RowBuffer, scratch: inout RowBuffer) {
        scratch.removeAll()
        var first = true
        for k in Int(store.actorOffsets[i])..<Int(store.actorOffsets[i + 1]) {
            let actor = store.actorRefs[k], role = store.actorRoles[k]
            guard actor >= 0 && Int(actor) < actorNames.count, (role == store.perpetratorSymbol) == perpetrators
            else { continue }
            if !first { Self.appendSeparator(to: &scratch) }
            first = false
            actorNames.append(actor, to: &scratch)
            if !perpetrators {
                scratch.append(UInt8(ascii: " ")); scratch.append(UInt8(ascii: "("))
                symbols.append(role, to: &scratch)
                scratch.append(UInt8(ascii: ")"))
            }
        }
        out.appendCSVField(scratch.bytes)
    }

    /// Appends the eight origin fields of record `i`, each after a comma (empty when it has none, as when
    /// `RecordStore.origin(_:)` is nil): the source ids ("scheme value" joined by "; "), precisions, admin units,
    /// scale and tags (stored joined by `RecordStore.tagSeparator`, written joined by "; ").
    func appendOrigin(
        _ i: Int, text: UnsafeBufferPointer<UInt8>, into out: inout RowBuffer, scratch: inout RowBuffer
    ) {
        let comma = UInt8(ascii: ",")
        guard let slot = store.originSlot(i), case let shapeIndex = Int(store.originShapeOf[slot]),
            shapeIndex >= 0, shapeIndex < store.originShapes.count
        else {
            for _ in 0..<8 { out.append(comma) }
            return
        }
        let shape = store.originShapes[shapeIndex]
        scratch.removeAll()
        var first = true
        for k in store.originIdRange(i) {
            if !first { Self.appendSeparator(to: &scratch) }
            first = false
            symbols.append(store.originIdSchemes[k], to: &scratch)
            scratch.append(UInt8(ascii: " "))
            scratch.append(Self.bytes(store.originIdValues[k], in: text))
        }
        out.append(comma); out.appendCSVField(scratch.bytes)
        out.append(comma); appendSymbol(shape.datePrecision, into: &out)
        out.append(comma); appendSymbol(shape.geoPrecision, into: &out)
        out.append(comma); appendSymbol(shape.admin1, into: &out)
        out.append(comma); appendSymbol(shape.admin2, into: &out)
        out.append(comma); appendSymbol(shape.admin3, into: &out)
        out.append(comma); appendSymbol(shape.sourceScale, into: &out)
        out.append(comma)
        scratch.removeAll()
        symbols.append(shape.tags, to: &scratch)
        // The tags, stored joined by `RecordStore.tagSeparator`.
        var tags = scratch.base
        let end = scratch.base + scratch.count
        if scratch.bytes.contains(0x1F) {
            var joined = RowBuffer(capacity: scratch.count * 2)
            defer { joined.free() }
            while tags < end {
                if tags.pointee == 0x1F { Self.appendSeparator(to: &joined) } else { joined.append(tags.pointee) }
                tags += 1
            }
            out.appendCSVField(joined.bytes)
        } else {
            out.appendCSVField(scratch.bytes)
        }
    }
}
