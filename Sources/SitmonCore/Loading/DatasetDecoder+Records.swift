#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension DatasetDecoder {
    /// Path of a record field, built only when a problem is reported.
    static func recordPath(_ kind: RecordKind, _ index: Int, _ field: String = "") -> String {
        "$.\(kind == .event ? "events" : "incidents")[\(index)]" + (field.isEmpty ? "" : "." + field)
    }

    /// Reads one event or incident straight into the columnar store.
    mutating func decodeRecord(_ kind: RecordKind, _ index: Int) throws(JSONSyntaxError) {
        let offset = reader.valueOffset()
        try reader.beginObject()
        var row = RecordStore.Row(
            kind: kind, id: .none, date: PartialDate(day: 0, precision: .day), end: nil,
            category: .other, severity: kind == .incident ? .warning : .info)
        var hasId = false, hasDate = false, hasCategory = false, hasRegion = false, dateIsValid = false
        var sourceCount = 0
        var figures: [Figure]?, alternatives: [Alternative]?
        var note = TextRef.none, fatalitiesNote = TextRef.none
        var fatalities: Fatalities?
        var origin: OriginRow?
        var seenFields: UInt32 = 0
        var pendingId: PendingRecordId?
        while let key = try reader.nextKey() {
            // The key is matched once; a field given twice is a problem (which value would be meant?), and the
            // repeat is skipped.
            let field = Self.recordField(key, in: reader.base, readable: reader.count)
            if let field {
                let bit: UInt32 = 1 << UInt32(field.rawValue)
                if seenFields & bit != 0 {
                    let name = reader.string(key), at = reader.lastKeyOffset
                    problem(Self.recordPath(kind, index), "field '\(name)' appears twice", at: at)
                    try reader.skipValue()
                    continue
                }
                seenFields |= bit
            }
            switch field {
            case .id:
                hasId = true  // present; a wrong value is reported as such, not as missing
                if let id = try readRecordId(
                    kind == .event ? .events : .incidents, index, Self.recordPath(kind, index, "id"))
                {
                    row.id = TextRef(
                        offset: UInt32(truncatingIfNeeded: id.span.start),
                        length: UInt32(truncatingIfNeeded: id.span.count))
                    pendingId = id.pending
                }
            case .date:
                hasDate = true
                if let d = try readDate(Self.recordPath(kind, index, "date")) { row.date = d; dateIsValid = true }
            case .category:
                hasCategory = true
                if let c = try readEnum(
                    Category.self, table: Self.categoryTable, Self.recordPath(kind, index, "category"))
                {
                    row.category = c
                }
            case .region:
                guard kind == .incident else { try unknownField(Self.recordPath(kind, index), key); continue }
                hasRegion = true
                if let s = try readReference(Self.recordPath(kind, index, "region")) { store.addRegion(s) }
            case .regions:
                guard kind == .event else { try unknownField(Self.recordPath(kind, index), key); continue }
                _ = try readRecordReferences(.regions, Self.recordPath(kind, index, "regions"))
            case .location:
                row.location = try readSymbol(Self.recordPath(kind, index, "location"))
            case .lat:
                row.latitude = try readLatitude(Self.recordPath(kind, index, "lat")) ?? .nan
            case .lon:
                row.longitude = try readLongitude(Self.recordPath(kind, index, "lon")) ?? .nan
            case .perpetrators:
                guard kind == .incident else { try unknownField(Self.recordPath(kind, index), key); continue }
                _ = try readRecordReferences(.perpetrators, Self.recordPath(kind, index, "perpetrators"))
            case .actors:
                try decodeParticipations(kind, index)
            case .target:
                row.target = try readSymbol(Self.recordPath(kind, index, "target"))
            case .fatalities:
                fatalities = try decodeFatalities(Self.recordPath(kind, index, "fatalities"), note: &fatalitiesNote)
            case .summary:
                row.summary = try readKeptText(Self.recordPath(kind, index, "summary"))
            case .title:
                row.title = try readKeptText(Self.recordPath(kind, index, "title"))
            case .originalType:
                row.originalType = try readSymbol(Self.recordPath(kind, index, "originalType"))
            case .severity:
                if let s = try readEnum(
                    Severity.self, table: Self.severityTable, Self.recordPath(kind, index, "severity"))
                {
                    row.severity = s
                }
            case .end:
                row.end = try readDate(Self.recordPath(kind, index, "end"))
            case .time:
                let timeOffset = reader.valueOffset()
                if let text = try readString(Self.recordPath(kind, index, "time")) {
                    if let minutes = Self.parseTime(text) {
                        row.time = Int16(minutes)
                    } else {
                        problem(
                            Self.recordPath(kind, index, "time"),
                            "invalid time \"\(Self.excerpt(text))\" (expected HH:MMZ, UTC)",
                            at: timeOffset)
                    }
                }
            case .figures:
                figures = try decodeFigures(Self.recordPath(kind, index, "figures"))
            case .alternatives:
                alternatives = try decodeAlternatives(Self.recordPath(kind, index, "alternatives"))
            case .note:
                note = try readKeptText(Self.recordPath(kind, index, "note"))
            case .origin:
                origin = try decodeOrigin(Self.recordPath(kind, index, "origin"))
            case .sources:
                sourceCount += try readRecordReferences(.sources, Self.recordPath(kind, index, "sources"))
            case nil:
                try unknownField(Self.recordPath(kind, index), key)
            }
        }
        if let pendingId { registerRecordId(pendingId, Self.recordPath(kind, index, "id")) }
        if !hasId || !hasDate || !hasCategory || (kind == .incident && !hasRegion)
            || (kind == .event && row.title.isNone)
        {
            let path = Self.recordPath(kind, index)
            requireField(hasId, path, "id", at: offset)
            requireField(hasDate, path, "date", at: offset)
            requireField(hasCategory, path, "category", at: offset)
            if kind == .incident { requireField(hasRegion, path, "region", at: offset) }
            if kind == .event { requireField(!row.title.isNone, path, "title", at: offset) }
        }
        if sourceCount == 0 {
            problem(Self.recordPath(kind, index, "sources"), "every record must cite at least one source", at: offset)
        }
        if dateIsValid { checkPeriod(row.date, row.end, Self.recordPath(kind, index), at: offset) }
        if let f = fatalities {
            row.best = f.best.map { Int32($0) } ?? -1
            row.low = f.low.map { Int32($0) } ?? -1
            row.high = f.high.map { Int32($0) } ?? -1
        }
        store.openRow(row)
        ids.recordElements.append(Int32(truncatingIfNeeded: index))
        store.closeRow()
        if figures != nil || alternatives != nil {
            store.setExtras(
                store.count - 1, RecordExtras(figures: figures ?? [], alternatives: alternatives ?? []))
        }
        store.setNotes(store.count - 1, fatalitiesNote: fatalitiesNote, note: note)
        if let origin { store.setOriginRow(store.count - 1, origin) }
        if kind == .event { eventCount += 1 } else { incidentCount += 1 }
        if store.count & 4095 == 0, let progress {
            if feeder.isSplitHelper {
                progress.set(helperBytes: reader.position)
            } else {
                progress.set(bytes: reader.position)
            }
            progress.add(records: 4096)
        }
    }

    /// The fields of a record, in the order of `recordFields`.
    enum RecordField: Int {
        case id, date, category, region, regions, location, lat, lon, perpetrators, actors, target, fatalities,
            summary, title, originalType, severity, end, time, figures, alternatives, note, sources, origin
    }

    static let recordFields: [StaticString] = [
        "id", "date", "category", "region", "regions", "location", "lat", "lon", "perpetrators", "actors", "target",
        "fatalities", "summary", "title", "originalType", "severity", "end", "time", "figures", "alternatives", "note",
        "sources", "origin",
    ]

    /// The record field `key` (in the buffer at `base`, of which `readable` bytes may be read) names, nil for an
    /// unknown field: by the key's first sixteen bytes as two words (`recordField(words:_:length:)`) when they are
    /// readable, else by name. Given the buffer rather than the reader, of which a copy was made on the stack for
    /// every key (no change in CPU time was measured either way).
    @inline(__always)
    static func recordField(_ key: ByteSpan, in base: UnsafeMutablePointer<UInt8>, readable: Int) -> RecordField? {
        guard key.start &+ 16 <= readable else { return recordFieldByName(key, in: base) }
        let raw = UnsafeRawPointer(base + key.start)
        return recordField(
            words: UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)),
            UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)), length: key.count)
    }

    /// The record field named by a key of `length` bytes whose first sixteen bytes (little-endian; bytes past the
    /// key are anything) are `first` and `second`: one switch on the length, then one or two compares of a word
    /// with a name's bytes, no loop. Each constant below is its field's name as a word (the tests check them all
    /// against `recordFieldByName`).
    @inline(__always)
    static func recordField(words first: UInt64, _ second: UInt64, length: Int) -> RecordField? {
        @inline(__always) func low(_ word: UInt64, _ bytes: Int) -> UInt64 { word & ((1 << UInt64(bytes * 8)) &- 1) }
        switch length {
        case 2: return low(first, 2) == 0x6469 ? .id : nil
        case 3:
            let w = low(first, 3)
            return w == 0x74_616c ? .lat : w == 0x6e_6f6c ? .lon : w == 0x64_6e65 ? .end : nil
        case 4:
            let w = low(first, 4)
            return w == 0x6574_6164 ? .date : w == 0x656d_6974 ? .time : w == 0x6574_6f6e ? .note : nil
        case 5: return low(first, 5) == 0x65_6c74_6974 ? .title : nil
        case 6:
            switch low(first, 6) {
            case 0x6e6f_6967_6572: return .region
            case 0x7372_6f74_6361: return .actors
            case 0x7465_6772_6174: return .target
            case 0x6e69_6769_726f: return .origin
            default: return nil
            }
        case 7:
            switch low(first, 7) {
            case 0x73_6e6f_6967_6572: return .regions
            case 0x79_7261_6d6d_7573: return .summary
            case 0x73_6563_7275_6f73: return .sources
            case 0x73_6572_7567_6966: return .figures
            default: return nil
            }
        case 8:
            switch first {
            case 0x7972_6f67_6574_6163: return .category
            case 0x6e6f_6974_6163_6f6c: return .location
            case 0x7974_6972_6576_6573: return .severity
            default: return nil
            }
        case 10: return first == 0x6974_696c_6174_6166 && low(second, 2) == 0x7365 ? .fatalities : nil
        case 12:
            let rest = low(second, 4)
            switch first {
            case 0x6172_7465_7072_6570: return rest == 0x7372_6f74 ? .perpetrators : nil
            case 0x6c61_6e69_6769_726f: return rest == 0x6570_7954 ? .originalType : nil
            case 0x7461_6e72_6574_6c61: return rest == 0x7365_7669 ? .alternatives : nil
            default: return nil
            }
        default: return nil
        }
    }

    /// The record field `key` names, nil for an unknown field.
    /// Dispatches on the key's length and first byte, so a key is compared with one or two names at most.
    static func recordFieldByName(_ key: ByteSpan, in base: UnsafeMutablePointer<UInt8>) -> RecordField? {
        guard key.count >= 2 else { return nil }
        let first = base[key.start]
        func named(_ field: RecordField) -> RecordField? {
            let name = recordFields[field.rawValue]
            guard key.count == name.utf8CodeUnitCount else { return nil }
            return memcmp(base + key.start, name.utf8Start, key.count) == 0 ? field : nil
        }
        switch (key.count, first) {
        case (2, UInt8(ascii: "i")): return named(.id)
        case (3, UInt8(ascii: "l")): return named(.lat) ?? named(.lon)
        case (3, UInt8(ascii: "e")): return named(.end)
        case (4, UInt8(ascii: "d")): return named(.date)
        case (4, UInt8(ascii: "t")): return named(.time)
        case (4, UInt8(ascii: "n")): return named(.note)
        case (5, UInt8(ascii: "t")): return named(.title)
        case (6, UInt8(ascii: "r")): return named(.region)
        case (6, UInt8(ascii: "a")): return named(.actors)
        case (6, UInt8(ascii: "t")): return named(.target)
        case (6, UInt8(ascii: "o")): return named(.origin)
        case (7, UInt8(ascii: "r")): return named(.regions)
        case (7, UInt8(ascii: "s")): return named(.summary) ?? named(.sources)
        case (7, UInt8(ascii: "f")): return named(.figures)
        case (8, UInt8(ascii: "c")): return named(.category)
        case (8, UInt8(ascii: "l")): return named(.location)
        case (8, UInt8(ascii: "s")): return named(.severity)
        case (10, UInt8(ascii: "f")): return named(.fatalities)
        case (12, UInt8(ascii: "p")): return named(.perpetrators)
        case (12, UInt8(ascii: "o")): return named(.originalType)
        case (12, UInt8(ascii: "a")): return named(.alternatives)
        default: return nil
        }
    }

    /// `HH:MMZ` → minutes after midnight.
    static func parseTime(_ text: String) -> Int? {
        let u = Array(text.utf8)
        guard u.count == 6, u[2] == UInt8(ascii: ":"), u[5] == UInt8(ascii: "Z") else { return nil }
        func d(_ i: Int) -> Int? { u[i] >= 0x30 && u[i] <= 0x39 ? Int(u[i] - 0x30) : nil }
        guard let h1 = d(0), let h2 = d(1), let m1 = d(3), let m2 = d(4) else { return nil }
        let h = h1 * 10 + h2, m = m1 * 10 + m2
        guard h < 24, m < 60 else { return nil }
        return h * 60 + m
    }

    mutating func decodeParticipations(_ kind: RecordKind, _ index: Int) throws(JSONSyntaxError) {
        var path: String { Self.recordPath(kind, index, "actors") }
        let offset = reader.valueOffset()
        let valueKind = try reader.peek()
        if valueKind == .null { try reader.readNull(); return }
        guard valueKind == .array else { return try mismatch(path, expected: "an array", found: valueKind, at: offset) }
        try reader.beginArray()
        var k = 0
        while try reader.nextElement() {
            let itemOffset = reader.valueOffset()
            let itemKind = try reader.peek()
            guard itemKind == .object else {
                try mismatch(
                    "\(path)[\(k)]", expected: "{\"actor\": id, \"role\": text}", found: itemKind, at: itemOffset)
                k += 1
                continue
            }
            try reader.beginObject()
            var actor: Int32?
            var role: Int32 = -1
            var seen: UInt32 = 0
            while let key = try reader.nextKey() {
                let field = shortField(
                    key, (ShortKey.actor, ShortKey.role, 0, 0), Self.participationFields)
                if try skipRepeatedField(key, field: field, &seen, "\(path)[\(k)]") { continue }
                if field == 0 {
                    actor = try readReference("\(path)[\(k)].actor")
                } else if field == 1 {
                    let roleOffset = reader.valueOffset()
                    let roleKind = try reader.peek()
                    if roleKind == .string {
                        role = store.symbols.intern(reader.bytes(try reader.readString(keep: false))).symbol
                    } else {
                        try mismatch("\(path)[\(k)].role", expected: "a string", found: roleKind, at: roleOffset)
                    }
                } else {
                    try unknownField("\(path)[\(k)]", key)
                }
            }
            if let actor {
                store.addActor(actor, role: role >= 0 ? role : store.symbols.intern("involved").symbol)
            } else {
                problem("\(path)[\(k)]", "missing required field 'actor'", at: itemOffset)
            }
            k += 1
        }
    }

    /// The record's `origin` object: the source's ids (an object of scheme → id, the ids kept as text), precisions,
    /// admin units, source scale and tags, all strings as written, interned as symbols. An empty object reads as nil.
    mutating func decodeOrigin(_ path: String) throws(JSONSyntaxError) -> OriginRow? {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if kind == .null { try reader.readNull(); return nil }
        guard kind == .object else {
            try mismatch(
                path, expected: "an object {ids, datePrecision, geoPrecision, admin1…3, sourceScale, tags}",
                found: kind, at: offset)
            return nil
        }
        try reader.beginObject()
        var row = OriginRow(idStart: UInt32(truncatingIfNeeded: store.originIdValues.count), idCount: 0)
        var seen: UInt32 = 0
        var tags: [String] = []
        while let key = try reader.nextKey() {
            if try skipRepeatedField(key, Self.originFields, &seen, path) { continue }
            if reader.span(key, equals: "ids") {
                row.idStart = UInt32(truncatingIfNeeded: store.originIdValues.count)
                row.idCount = try decodeSourceIds(path + ".ids")
            } else if reader.span(key, equals: "datePrecision") {
                row.datePrecision = try readSymbol(path + ".datePrecision")
            } else if reader.span(key, equals: "geoPrecision") {
                row.geoPrecision = try readSymbol(path + ".geoPrecision")
            } else if reader.span(key, equals: "admin1") {
                row.admin1 = try readSymbol(path + ".admin1")
            } else if reader.span(key, equals: "admin2") {
                row.admin2 = try readSymbol(path + ".admin2")
            } else if reader.span(key, equals: "admin3") {
                row.admin3 = try readSymbol(path + ".admin3")
            } else if reader.span(key, equals: "sourceScale") {
                row.sourceScale = try readSymbol(path + ".sourceScale")
            } else if reader.span(key, equals: "tags") {
                tags = try readStrings(path + ".tags")
            } else {
                try unknownField(path, key)
            }
        }
        if !tags.isEmpty { row.tags = store.symbols.intern(tags.joined(separator: RecordStore.tagSeparator)).symbol }
        let empty = OriginRow(idStart: row.idStart, idCount: 0)
        return row == empty ? nil : row
    }

    /// `{"event_id_cnty": "MLI2665", "event_id_no_cnty": "2665"}`: each member a scheme and its id, in order,
    /// appended to the store's origin ids (the id kept as text). Returns how many were appended.
    mutating func decodeSourceIds(_ path: String) throws(JSONSyntaxError) -> UInt32 {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if kind == .null { try reader.readNull(); return 0 }
        guard kind == .object else {
            try mismatch(path, expected: "an object of ids by scheme", found: kind, at: offset)
            return 0
        }
        try reader.beginObject()
        let first = store.originIdSchemes.count
        while let key = try reader.nextKey() {
            let at = reader.lastKeyOffset
            let scheme = store.symbols.intern(reader.bytes(key)).symbol
            if store.originIdSchemes[first...].contains(scheme) {
                problem(path, "field '\(Self.excerpt(reader.string(key)))' appears twice", at: at)
                try reader.skipValue()
                continue
            }
            let name = key
            let valueOffset = reader.valueOffset()
            let valueKind = try reader.peek()
            guard valueKind == .string else {
                let valuePath = path + "." + reader.string(name)
                try mismatch(valuePath, expected: "a string", found: valueKind, at: valueOffset)
                continue
            }
            let value = try readKeptText(path)
            store.originIdSchemes.append(scheme)
            store.originIdValues.append(value)
        }
        return UInt32(truncatingIfNeeded: store.originIdSchemes.count - first)
    }

    /// Reads a record's fatalities; their note goes to the kept text, as `note`.
    mutating func decodeFatalities(
        _ makePath: @autoclosure () -> String, note: inout TextRef
    ) throws(JSONSyntaxError) -> Fatalities? {
        var path: String { makePath() }
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if kind == .null { try reader.readNull(); return nil }
        if kind == .number {  // a bare number is the best estimate
            return Fatalities(best: try readCount(path))
        }
        guard kind == .object else {
            try mismatch(path, expected: "an object {best, low, high, note}", found: kind, at: offset)
            return nil
        }
        try reader.beginObject()
        var f = Fatalities()
        var seen: UInt32 = 0
        while let key = try reader.nextKey() {
            let field = shortField(
                key, (ShortKey.best, ShortKey.low, ShortKey.high, ShortKey.note), Self.fatalitiesFields)
            if try skipRepeatedField(key, field: field, &seen, path) { continue }
            if field == 0 {
                f.best = try readCount(path + ".best")
            } else if field == 1 {
                f.low = try readCount(path + ".low")
            } else if field == 2 {
                f.high = try readCount(path + ".high")
            } else if field == 3 {
                note = try readKeptText(path + ".note")
            } else {
                try unknownField(path, key)
            }
        }
        if let l = f.low, let h = f.high, l > h { problem(path, "low (\(l)) is greater than high (\(h))", at: offset) }
        if let l = f.low, let b = f.best, l > b { problem(path, "low (\(l)) is greater than best (\(b))", at: offset) }
        if let h = f.high, let b = f.best, b > h {
            problem(path, "best (\(b)) is greater than high (\(h))", at: offset)
        }
        return f
    }

    /// Reads an array of objects at `path` (null reads as empty). Each element that is an object is opened and
    /// handed to `readItem` with its path and offset, which reads its fields and returns the value, or nil after
    /// reporting what is missing; any other element is reported as not being `expected`.
    mutating func readObjects<Item>(
        _ path: String, array: String = "an array", expected: String,
        _ readItem: (inout DatasetDecoder, String, Int) throws(JSONSyntaxError) -> Item?
    )
        throws(JSONSyntaxError) -> [Item]
    {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if kind == .null { try reader.readNull(); return [] }
        guard kind == .array else { try mismatch(path, expected: array, found: kind, at: offset); return [] }
        try reader.beginArray()
        var items: [Item] = []
        var k = 0
        while try reader.nextElement() {
            let itemPath = "\(path)[\(k)]"
            let itemOffset = reader.valueOffset()
            let itemKind = try reader.peek()
            k += 1
            guard itemKind == .object else {
                try mismatch(itemPath, expected: expected, found: itemKind, at: itemOffset)
                continue
            }
            try reader.beginObject()
            if let item = try readItem(&self, itemPath, itemOffset) { items.append(item) }
        }
        return items
    }

    mutating func decodeFigures(_ path: String) throws(JSONSyntaxError) -> [Figure] {
        try readObjects(path, expected: "a figure object") {
            (d: inout DatasetDecoder, itemPath, itemOffset) throws(JSONSyntaxError) in
            var label: String?, value: Double?, unit: String?, qualifier: Qualifier?
            var seen: UInt32 = 0
            while let key = try d.reader.nextKey() {
                if try d.skipRepeatedField(key, Self.figureFields, &seen, itemPath) { continue }
                if d.reader.span(key, equals: "label") {
                    label = try d.readString(itemPath + ".label")
                } else if d.reader.span(key, equals: "value") {
                    value = try d.readNumber(itemPath + ".value")
                } else if d.reader.span(key, equals: "unit") {
                    unit = try d.readString(itemPath + ".unit")
                } else if d.reader.span(key, equals: "qualifier") {
                    qualifier = try d.readEnum(Qualifier.self, itemPath + ".qualifier")
                } else {
                    try d.unknownField(itemPath, key)
                }
            }
            guard let label, let value else {
                d.problem(itemPath, "a figure needs a label and a value", at: itemOffset)
                return nil
            }
            return Figure(label: label, value: value, unit: unit, qualifier: qualifier)
        }
    }

    mutating func decodeAlternatives(_ path: String) throws(JSONSyntaxError) -> [Alternative] {
        try readObjects(path, expected: "an alternative object") {
            (d: inout DatasetDecoder, itemPath, itemOffset) throws(JSONSyntaxError) in
            var field: String?, value: String?, note: String?
            var sources: [Int32] = []
            var seen: UInt32 = 0
            while let key = try d.reader.nextKey() {
                if try d.skipRepeatedField(key, Self.alternativeFields, &seen, itemPath) { continue }
                if d.reader.span(key, equals: "field") {
                    field = try d.readString(itemPath + ".field")
                } else if d.reader.span(key, equals: "value") {
                    let valueOffset = d.reader.valueOffset()
                    let valueKind = try d.reader.peek()
                    if valueKind == .number {
                        let n = try d.reader.readNumber()
                        value = n.rounded() == n && abs(n) < 1e15 ? String(Int(n)) : String(n)
                    } else if valueKind == .string {
                        value = try d.readString(itemPath + ".value")
                    } else {
                        try d.mismatch(
                            itemPath + ".value", expected: "a string or number", found: valueKind, at: valueOffset)
                    }
                } else if d.reader.span(key, equals: "sources") {
                    sources = try d.readExpectedReferences(.sources, itemPath + ".sources")
                } else if d.reader.span(key, equals: "note") {
                    note = try d.readString(itemPath + ".note")
                } else {
                    try d.unknownField(itemPath, key)
                }
            }
            guard let field, let value else {
                d.problem(itemPath, "an alternative needs a field and a value", at: itemOffset)
                return nil
            }
            return Alternative(field: field, value: value, sources: sources, note: note)
        }
    }
}
