extension DatasetSnapshot {
    /// The dataset in an open snapshot. Every section is checked before the dataset is made: lengths against the
    /// number of records, text ranges against the text arena (which must be UTF-8, each range on character
    /// boundaries), symbols against the symbol table, references against their tables, offsets rising to their
    /// column's end, vocabulary bytes against their cases, dates within years 1–9999. Any problem throws; nothing
    /// of a bad snapshot is used.
    public static func read(_ file: SnapshotFile) throws(SnapshotError) -> Dataset {
        guard isSupported else { throw SnapshotError("snapshots are not supported on this platform") }
        let info = try decodeInfo(try file.bytes("info"))
        let sources = try decodeSources(try file.bytes("sources"))
        let actors = try decodeActors(try file.bytes("actors"), sources: sources.count)
        let relations = try decodeRelations(try file.bytes("relations"), actors: actors.count, sources: sources.count)
        let regions = try decodeRegions(try file.bytes("regions"), sources: sources.count)
        let assessments = try decodeAssessments(
            try file.bytes("assessments"), regions: regions.count, actors: actors.count, sources: sources.count)

        var store = RecordStore()
        let text = try file.column("text", as: UInt8.self)
        guard text.count < Int(UInt32.max), UTF8Check.isValid(text) else {
            throw SnapshotError("section text: not UTF-8")
        }
        let symbolBytes = try file.column("symbol-bytes", as: UInt8.self)
        let symbolEnds = try file.column("symbol-ends", as: UInt32.self)
        guard UTF8Check.isValid(symbolBytes),
            Check.offsets(symbolEnds, total: symbolBytes.count, first: nil, boundaries: symbolBytes)
        else { throw SnapshotError("section symbol-ends: keys out of range or cut inside a character") }
        guard let symbols = SymbolTable(bytes: symbolBytes, ends: symbolEnds) else {
            throw SnapshotError("section symbol-bytes: a symbol comes twice")
        }
        guard let perpetrator = symbols.lookup(RecordStore.perpetratorRole) else {
            throw SnapshotError("section symbol-bytes: no perpetrator role")
        }
        let symbolCount = symbols.count

        func bytes(below limit: UInt8) -> (UnsafeRawBufferPointer) -> Bool {
            { raw in !raw.contains { $0 >= limit } }
        }
        let kinds = try file.column("kinds", as: RecordKind.self, valid: bytes(below: kindCount))
        let n = kinds.count
        func refs(_ name: String) throws(SnapshotError) -> [TextRef] {
            let values = try file.column(name, as: TextRef.self, count: n)
            guard Check.textRefs(values, in: text) else { throw SnapshotError("section \(name): text out of range") }
            return values
        }
        func int32s(_ name: String, count: Int? = n, in range: ClosedRange<Int32>) throws(SnapshotError) -> [Int32] {
            let values = try file.column(name, as: Int32.self, count: count)
            guard Check.all(values, in: range) else { throw SnapshotError("section \(name): a value out of range") }
            return values
        }
        let symbolRange: ClosedRange<Int32> = -1...Int32(symbolCount - 1)
        store.kinds = kinds
        store.ids = try refs("ids")
        store.starts = try int32s("starts", in: dayRange)
        store.precisions = try file.column(
            "precisions", as: DatePrecision.self, count: n, valid: bytes(below: precisionCount))
        // Sparse columns: as many entries as the records up to the last that has a value (end dates, times, low and
        // high estimates, notes).
        store.endDays = try file.column("end-days", as: Int32.self)
        guard store.endDays.count <= n, store.endDays.allSatisfy({ $0 == Int32.min || dayRange.contains($0) }) else {
            throw SnapshotError("section end-days: more entries than records, or a value out of range")
        }
        store.endPrecisions = try file.column(
            "end-precisions", as: DatePrecision.self, count: store.endDays.count, valid: bytes(below: precisionCount))
        store.lastDays = try file.column("last-days", as: Int32.self, count: n)
        for i in 0..<n {
            var last = PartialDate(day: store.starts[i], precision: store.precisions[i]).lastDay
            if let end = store.end(i) { last = max(last, end.lastDay) }
            guard store.lastDays[i] == last else { throw SnapshotError("section last-days: record \(i) differs") }
        }
        store.times = try file.column("times", as: Int16.self)
        guard store.times.count <= n, store.times.allSatisfy({ $0 >= -1 }) else {
            throw SnapshotError("section times: more entries than records, or a value out of range")
        }
        store.categories = try file.column(
            "categories", as: Category.self, count: n, valid: bytes(below: categoryCount))
        store.severities = try file.column(
            "severities", as: Severity.self, count: n, valid: bytes(below: severityCount))
        store.titles = try refs("titles")
        store.summaries = try refs("summaries")
        store.locations = try int32s("locations", in: symbolRange)
        store.targets = try int32s("targets", in: symbolRange)
        store.originalTypes = try int32s("original-types", in: symbolRange)
        func coordinates(_ name: String) throws(SnapshotError) -> CoordinateColumn {
            if file.has(name + "-e6") {
                return CoordinateColumn(millionths: try file.column(name + "-e6", as: Int32.self, count: n))
            }
            return CoordinateColumn(doubles: try file.column(name, as: Double.self, count: n))
        }
        store.latitudes = try coordinates("latitudes")
        store.longitudes = try coordinates("longitudes")
        store.fatalityBest = try int32s("fatality-best", in: -1...Int32.max)
        store.fatalityLow = try int32s("fatality-low", count: nil, in: -1...Int32.max)
        store.fatalityHigh = try int32s("fatality-high", count: nil, in: -1...Int32.max)
        guard store.fatalityLow.count <= n, store.fatalityHigh.count <= n else {
            throw SnapshotError("section fatality-low or fatality-high: more entries than records")
        }

        func links(_ name: String, limit: Int) throws(SnapshotError) -> (offsets: [UInt32], refs: [Int32]) {
            let offsets = try file.column("\(name)-offsets", as: UInt32.self, count: n + 1)
            let refs = try int32s("\(name)-refs", count: nil, in: 0...Int32(clamping: max(0, limit - 1)))
            guard limit > 0 || refs.isEmpty, Check.offsets(offsets, total: refs.count, first: 0, boundaries: nil)
            else { throw SnapshotError("section \(name)-offsets: out of range") }
            return (offsets, refs)
        }
        (store.actorOffsets, store.actorRefs) = try links("actor", limit: actors.count)
        // Roles: a byte per reference into a table of role symbols, or (more than 256 roles) a symbol each.
        let roleTable = try int32s("actor-role-table", count: nil, in: symbolRange)
        if file.has("actor-role-bytes") {
            let bytes = try file.column("actor-role-bytes", as: UInt8.self, count: store.actorRefs.count)
            guard roleTable.count <= 256, bytes.allSatisfy({ Int($0) < roleTable.count }) else {
                throw SnapshotError("section actor-role-bytes: a value out of range")
            }
            store.actorRoles = RoleColumn(table: roleTable, bytes: bytes)
        } else {
            store.actorRoles = RoleColumn(
                symbols: try int32s("actor-roles", count: store.actorRefs.count, in: symbolRange))
        }
        (store.regionOffsets, store.regionRefs) = try links("region", limit: regions.count)
        (store.sourceOffsets, store.sourceRefs) = try links("source", limit: sources.count)
        store.extras = try decodeExtras(try file.bytes("extras"), records: n, sources: sources.count)
        for name in ["notes", "fatality-notes"] {
            let values = try file.column(name, as: TextRef.self)
            guard values.count <= n, Check.textRefs(values, in: text) else {
                throw SnapshotError("section \(name): more entries than records, or text out of range")
            }
            if name == "notes" { store.notes = values } else { store.fatalityNotes = values }
        }

        let originIdValues = try file.column("origin-id-values", as: TextRef.self)
        guard Check.textRefs(originIdValues, in: text) else {
            throw SnapshotError("section origin-id-values: text out of range")
        }
        let originIdSchemes = try int32s("origin-id-schemes", count: originIdValues.count, in: symbolRange)
        let originShapes = try file.column("origin-shapes", as: OriginShape.self)
        guard originShapes.allSatisfy({ $0.fields.allSatisfy { symbolRange.contains($0) } }) else {
            throw SnapshotError("section origin-shapes: a value out of range")
        }
        let originShapeOf = try int32s(
            "origin-shape-of", count: nil, in: 0...Int32(clamping: max(0, originShapes.count - 1)))
        guard !originShapes.isEmpty || originShapeOf.isEmpty else {
            throw SnapshotError("section origin-shape-of: a value out of range")
        }
        let originIdOffsets = try file.column("origin-id-offsets", as: UInt32.self, count: originShapeOf.count + 1)
        guard Check.offsets(originIdOffsets, total: originIdValues.count, first: 0, boundaries: nil) else {
            throw SnapshotError("section origin-id-offsets: out of range")
        }
        let originOf = try int32s("origin-of", count: nil, in: -1...Int32(clamping: originShapeOf.count - 1))
        // Empty with slots: record k at slot k, for as many records as slots.
        guard originOf.count <= n, !originOf.isEmpty || originShapeOf.count <= n else {
            throw SnapshotError("section origin-of: more entries than records")
        }
        store.originShapes = originShapes
        store.originShapeOf = originShapeOf
        store.originIdOffsets = originIdOffsets
        store.originIdValues = originIdValues
        store.originIdSchemes = originIdSchemes
        store.originOf = originOf

        store.text = TextStorage(adopting: text)
        store.symbols = symbols
        store.perpetratorSymbol = perpetrator
        let dataset = Dataset(
            info: info, sources: sources, actors: actors, relations: relations, regions: regions,
            assessments: assessments, records: store)
        try checkRules(dataset)
        return dataset
    }

    /// The checks on columns, over their memory.
    enum Check {
        static func all(_ values: [Int32], in range: ClosedRange<Int32>) -> Bool {
            values.withUnsafeBufferPointer { buffer in
                var ok = true
                for v in buffer { ok = ok && range.contains(v) }
                return ok
            }
        }

        /// Each reference is absent, or lies inside `text` and starts and ends on a character's boundary.
        static func textRefs(_ refs: [TextRef], in text: [UInt8]) -> Bool {
            text.withUnsafeBufferPointer { text in
                refs.withUnsafeBufferPointer { refs in
                    for ref in refs where !ref.isNone {
                        let start = Int(ref.offset), end = start + Int(ref.length)
                        guard end <= text.count else { return false }
                        if start < text.count && UTF8Check.isContinuation(text[start]) { return false }
                        if end < text.count && UTF8Check.isContinuation(text[end]) { return false }
                    }
                    return true
                }
            }
        }

        /// Offsets that start at `first` (when given), never fall, end at `total`, and (given `boundaries`) fall on
        /// character boundaries of those bytes.
        static func offsets(
            _ offsets: [UInt32], total: Int, first: UInt32?, boundaries: [UInt8]?
        ) -> Bool {
            if let first, offsets.first != first { return false }
            var previous: UInt32 = 0
            for o in offsets {
                guard o >= previous, Int(o) <= total else { return false }
                if let boundaries, Int(o) < boundaries.count, UTF8Check.isContinuation(boundaries[Int(o)]) {
                    return false
                }
                previous = o
            }
            return Int(offsets.last ?? 0) == total || (offsets.isEmpty && total == 0)
        }
    }
}
