extension DatasetSnapshot {
    /// The dataset's rules, which a snapshot's values can break even when each is in range: what `DatasetLoader`
    /// would refuse in a JSON file must not come in through a snapshot (a forged one could hold an actor id with
    /// control characters, a record without a source, an end before its start). The small tables go through the
    /// loader itself (written as JSON without records: a few milliseconds for 20,000 actors); the records are
    /// checked here, column by column, by the loader's rules: valid and unique ids, at least one source, an
    /// incident's region and an event's title, the end not before the start, fatalities in order, coordinates and
    /// times in range, figures and alternatives complete.
    static func checkRules(_ dataset: Dataset) throws(SnapshotError) {
        let tables = Dataset(
            info: dataset.info, sources: dataset.sources, actors: dataset.actors, relations: dataset.relations,
            regions: dataset.regions, assessments: dataset.assessments)
        do throws(LoadError) {
            _ = try DatasetLoader.load(bytes: DatasetWriter.write(tables, selection: .all(tables)), name: "snapshot")
        } catch {
            throw SnapshotError("the tables break the dataset's rules: \(error.diagnostics.first?.message ?? "")")
        }
        let s = dataset.records
        let n = s.count
        var ids = RecordIdTable(capacity: n)
        var problem: String?
        s.text.bytes.withUnsafeBufferPointer { text in
            guard let base = text.baseAddress ?? UnsafePointer(bitPattern: 1) else { return }
            func key(_ record: Int32) -> UnsafeBufferPointer<UInt8> {
                DatasetDecoder.key(of: s.ids[Int(record)], in: base)
            }
            for i in 0..<n {
                let id = key(Int32(i))
                guard DatasetDecoder.isValidId(id) else { problem = "record \(i): an invalid id"; return }
                guard ids.insert(id, hash: RecordIdTable.hash(id), record: Int32(i), keyOf: key) == nil else {
                    problem = "record \(i): a duplicate id"
                    return
                }
                guard s.sourceOffsets[i + 1] > s.sourceOffsets[i] else { problem = "record \(i): no source"; return }
                if s.kinds[i] == .incident && s.regionOffsets[i + 1] == s.regionOffsets[i] {
                    problem = "record \(i): an incident without a region"
                    return
                }
                if s.kinds[i] == .event && s.titles[i].isNone {
                    problem = "record \(i): an event without a title"; return
                }
                if let end = s.end(i), end.lastDay < s.starts[i] {
                    problem = "record \(i): ends before it starts"; return
                }
                let b = s.fatalityBest[i], l = RecordStore.sparse(s.fatalityLow, i, absent: -1)
                let h = RecordStore.sparse(s.fatalityHigh, i, absent: -1)
                if (l >= 0 && h >= 0 && l > h) || (l >= 0 && b >= 0 && l > b) || (b >= 0 && h >= 0 && b > h) {
                    problem = "record \(i): fatalities out of order"
                    return
                }
                let lat = s.latitudes[i], lon = s.longitudes[i]
                guard lat.isNaN || (lat >= -90 && lat <= 90), lon.isNaN || (lon >= -180 && lon <= 180) else {
                    problem = "record \(i): coordinates out of range"
                    return
                }
                guard s.time(i) < 24 * 60 else { problem = "record \(i): a time out of range"; return }
            }
            // No record may take the id of a source, actor, relation, region or assessment (one namespace): the
            // tables' few thousand ids are looked up among the records' rather than the other way round.
            let tableIds =
                dataset.sources.map(\.id) + dataset.actors.map(\.id) + dataset.relations.map(\.id)
                + dataset.regions.map(\.id) + dataset.assessments.map(\.id)
            for var id in tableIds {
                let clash = id.withUTF8 { id in ids.find(id, hash: RecordIdTable.hash(id), keyOf: key) }
                if let clash { problem = "record \(clash): the id of a table's entry"; return }
            }
        }
        if let problem { throw SnapshotError(problem) }
        // An origin's ids are an object keyed by scheme in JSON: each scheme named, none twice in one origin (the
        // fuzz target found a forged origin with two `perpetrator` ids, whose JSON export did not load).
        let ends = s.symbols.storage.ends
        func named(_ symbol: Int32) -> Bool {
            symbol >= 0 && Int(symbol) < ends.count && ends[Int(symbol)] > (symbol == 0 ? 0 : ends[Int(symbol) - 1])
        }
        for slot in s.originShapeOf.indices {
            let ids = Int(s.originIdOffsets[slot])..<Int(s.originIdOffsets[slot + 1])
            var seen = Set<Int32>()
            for k in ids {
                let scheme = s.originIdSchemes[k]
                guard named(scheme), seen.insert(scheme).inserted else {
                    throw SnapshotError("an origin with an unnamed or repeated id scheme")
                }
            }
        }
        for (index, extra) in s.extras {
            guard extra.figures.allSatisfy({ !$0.label.isEmpty && $0.value.isFinite }),
                extra.alternatives.allSatisfy({ !$0.field.isEmpty && !$0.value.isEmpty })
            else { throw SnapshotError("record \(index): an incomplete figure or alternative") }
        }
    }
}
