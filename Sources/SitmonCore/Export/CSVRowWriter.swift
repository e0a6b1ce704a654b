/// Writes CSV rows of records straight from the store's bytes: text fields from its text arena, names from tables
/// of UTF-8 made once per writer, numbers and dates as digits. No `String` is made for a plain field (a 67,509-row
/// export of a million-record store spent most of its time making and escaping them: docs/benchmarks.md, session 10);
/// `ByteWriter.appendCSVField` escapes each field to the same bytes as the `String` path.
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
        func append(_ k: Int32, to out: inout [UInt8]) -> Bool {
            let k = Int(k)
            guard k >= 0 && k < ends.count else { return false }
            let start = k == 0 ? 0 : ends[k - 1]
            bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<ends[k]])) }
            return true
        }
    }
    let actorNames: Names
    let regionNames: Names
    let sourceIds: Names
    /// The store's interned strings (roles, places, targets, original types).
    let symbols: Names
    /// The region names as `String`s, for derived titles.
    let regionStrings: [String]
    struct Place: Hashable { var category: Category, location: Int32, region: Int32 }
    /// Derived titles ("Armed clash in Tessit") by category and place, as UTF-8, filled as rows are written.
    var derivedTitles: [Place: [UInt8]] = [:]
    /// A field being put together (a list of names, the source ids).
    var scratch: [UInt8] = []

    init(_ dataset: Dataset) {
        store = dataset.records
        actorNames = Names(dataset.actors.lazy.map(\.name))  // full names, as the source writes them
        regionNames = Names(dataset.regions.lazy.map(\.name))
        sourceIds = Names(dataset.sources.lazy.map(\.id))
        let (bytes, ends) = store.symbols.storage
        symbols = Names(bytes: bytes, ends: ends)
        regionStrings = dataset.regions.map(\.name)
    }

    /// Appends the field of names `list` joined by "; " (those not in `table` left out).
    mutating func appendNames(_ list: ArraySlice<Int32>, _ table: Names, into out: inout ByteWriter) {
        scratch.removeAll(keepingCapacity: true)
        var first = true
        for k in list where k >= 0 && Int(k) < table.count {
            if !first { scratch.append(UInt8(ascii: ";")); scratch.append(UInt8(ascii: " ")) }
            first = false
            table.append(k, to: &scratch)
        }
        out.appendCSVField(bytes: scratch)
    }

    /// Appends the text of `ref` as a field.
    func appendText(_ ref: TextRef, into out: inout ByteWriter) {
        store.text.withBytes(ref) { out.appendCSVField($0) }
    }

    /// Appends interned string `symbol` as a field ("" for none).
    mutating func appendSymbol(_ symbol: Int32, into out: inout ByteWriter) {
        scratch.removeAll(keepingCapacity: true)
        symbols.append(symbol, to: &scratch)
        out.appendCSVField(bytes: scratch)
    }

    /// Appends the title of record `i` as a field: its own, else derived from its category and place.
    mutating func appendTitle(_ i: Int, into out: inout ByteWriter) {
        if store.hasTitle(i) {
            appendText(store.titleRef(i), into: &out)
            return
        }
        let place = Place(
            category: store.categories[i], location: store.locationSymbol(i), region: store.regions(i).first ?? -1)
        if let known = derivedTitles[place] {
            out.appendCSVField(bytes: known)
            return
        }
        let regionNames = regionStrings  // the closure captures only the names, not the whole writer
        let derived = Array(
            store.title(i) { r in r >= 0 && Int(r) < regionNames.count ? regionNames[Int(r)] : "?" }.utf8)
        derivedTitles[place] = derived
        out.appendCSVField(bytes: derived)
    }

    /// Appends `date` as `PartialDate.description` writes it (`2012`, `2012-03`, `2012-03-22`).
    static func appendDate(_ date: PartialDate, into out: inout ByteWriter) {
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

    /// Appends one row per record in `records`, in that order.
    mutating func write(_ records: ArraySlice<Int32>, into out: inout ByteWriter) {
        let comma = UInt8(ascii: ",")
        for r in records {
            let i = Int(r)
            let date = store.date(i)
            out.append(store.kinds[i].name); out.append(comma)
            appendText(store.ids[i], into: &out); out.append(comma)
            Self.appendDate(date, into: &out); out.append(comma)
            out.append(date.precision.name); out.append(comma)
            if let end = store.end(i) { Self.appendDate(end, into: &out) }
            out.append(comma)
            let time = i < store.times.count ? Int(store.times[i]) : -1
            if time >= 0 {
                out.appendPadded(time / 60, width: 2)
                out.append(UInt8(ascii: ":"))
                out.appendPadded(time % 60, width: 2)
            }
            out.append(comma)
            out.append(store.categories[i].rawValue); out.append(comma)
            out.append(store.severities[i].rawValue); out.append(comma)
            appendTitle(i, into: &out); out.append(comma)
            appendNames(store.regions(i), regionNames, into: &out); out.append(comma)
            appendSymbol(store.locationSymbol(i), into: &out); out.append(comma)
            if !store.latitudes[i].isNaN { out.append(String(store.latitudes[i])) }
            out.append(comma)
            if !store.longitudes[i].isNaN { out.append(String(store.longitudes[i])) }
            out.append(comma)
            appendActors(i, perpetrators: false, into: &out); out.append(comma)
            appendActors(i, perpetrators: true, into: &out); out.append(comma)
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
            appendText(store.summaryRef(i), into: &out); out.append(comma)
            appendSymbol(store.originalTypes[i], into: &out); out.append(comma)
            appendNames(store.sources(i), sourceIds, into: &out)
            appendOrigin(i, into: &out)
            out.append(UInt8(ascii: "\r")); out.append(UInt8(ascii: "\n"))
        }
    }

    /// Appends the actors of record `i` as a field: its perpetrators' names, or the others' as "name (role)", joined
    /// by "; ".
    mutating func appendActors(_ i: Int, perpetrators: Bool, into out: inout ByteWriter) {
        scratch.removeAll(keepingCapacity: true)
        var first = true
        for k in Int(store.actorOffsets[i])..<Int(store.actorOffsets[i + 1]) {
            let actor = store.actorRefs[k], role = store.actorRoles[k]
            guard actor >= 0 && Int(actor) < actorNames.count, (role == store.perpetratorSymbol) == perpetrators
            else { continue }
            if !first { scratch.append(UInt8(ascii: ";")); scratch.append(UInt8(ascii: " ")) }
            first = false
            actorNames.append(actor, to: &scratch)
            if !perpetrators {
                scratch.append(UInt8(ascii: " ")); scratch.append(UInt8(ascii: "("))
                symbols.append(role, to: &scratch)
                scratch.append(UInt8(ascii: ")"))
            }
        }
        out.appendCSVField(bytes: scratch)
    }

    /// Appends the eight origin fields of record `i`, each after a comma (empty when it has none): the source ids
    /// ("scheme value" joined by "; "), precisions, admin units, scale and tags (joined by "; ").
    mutating func appendOrigin(_ i: Int, into out: inout ByteWriter) {
        var ids: [UInt8] = []
        swap(&ids, &scratch)
        ids.removeAll(keepingCapacity: true)
        var field = 0
        var tags: [UInt8] = []
        let had = store.originBytes(
            i,
            id: { scheme, value in
                if field > 0 { ids.append(UInt8(ascii: ";")); ids.append(UInt8(ascii: " ")) }
                field += 1
                ids.append(contentsOf: scheme)
                ids.append(UInt8(ascii: " "))
                ids.append(contentsOf: value)
            },
            field: { bytes in
                if field >= 0 {
                    out.append(UInt8(ascii: ","))
                    out.appendCSVField(bytes: ids)
                    field = -1
                }
                out.append(UInt8(ascii: ","))
                field -= 1
                if field == -8 {
                    // The tags, stored joined by `RecordStore.tagSeparator`.
                    tags.removeAll(keepingCapacity: true)
                    for b in bytes {
                        if b == 0x1F {
                            tags.append(UInt8(ascii: ";")); tags.append(UInt8(ascii: " "))
                        } else {
                            tags.append(b)
                        }
                    }
                    out.appendCSVField(bytes: tags)
                } else {
                    out.appendCSVField(bytes)
                }
            })
        swap(&ids, &scratch)
        if !had { out.append(",,,,,,,,") }
    }
}
