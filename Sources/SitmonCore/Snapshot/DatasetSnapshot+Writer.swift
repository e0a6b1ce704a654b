#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension DatasetSnapshot {
    /// The sections of a dataset: its tables and every column of its record store.
    static func sections(of dataset: Dataset) -> [Section] {
        let s = dataset.records
        let (symbolBytes, symbolEnds) = s.symbols.storage
        return [
            Section("info", bytes: encode(info: dataset.info)),
            Section("sources", bytes: encode(sources: dataset.sources)),
            Section("actors", bytes: encode(actors: dataset.actors)),
            Section("relations", bytes: encode(relations: dataset.relations)),
            Section("regions", bytes: encode(regions: dataset.regions)),
            Section("assessments", bytes: encode(assessments: dataset.assessments)),
            Section("text", column: s.text.bytes),
            Section("symbol-bytes", column: symbolBytes),
            Section("symbol-ends", column: symbolEnds),
            Section("kinds", column: s.kinds),
            Section("ids", column: s.ids),
            Section("starts", column: s.starts),
            Section("precisions", column: s.precisions),
            Section("last-days", column: s.lastDays),
            Section("end-days", column: s.endDays),
            Section("end-precisions", column: s.endPrecisions),
            Section("times", column: s.times),
            Section("categories", column: s.categories),
            Section("severities", column: s.severities),
            Section("titles", column: s.titles),
            Section("summaries", column: s.summaries),
            Section("locations", column: s.locations),
            Section("targets", column: s.targets),
            Section("original-types", column: s.originalTypes),
            coordinates("latitudes", s.latitudes),
            coordinates("longitudes", s.longitudes),
            Section("fatality-best", column: s.fatalityBest),
            Section("fatality-low", column: s.fatalityLow),
            Section("fatality-high", column: s.fatalityHigh),
            Section("actor-offsets", column: s.actorOffsets),
            Section("actor-refs", column: s.actorRefs),
            Section("actor-role-table", column: s.actorRoles.table),
            s.actorRoles.symbols.map { Section("actor-roles", column: $0) }
                ?? Section("actor-role-bytes", column: s.actorRoles.bytes),
            Section("region-offsets", column: s.regionOffsets),
            Section("region-refs", column: s.regionRefs),
            Section("source-offsets", column: s.sourceOffsets),
            Section("source-refs", column: s.sourceRefs),
            Section("extras", bytes: encode(extras: s.extras)),
            Section("notes", column: s.notes),
            Section("fatality-notes", column: s.fatalityNotes),
            Section("origin-of", column: s.originOf),
            Section("origin-shape-of", column: s.originShapeOf),
            Section("origin-id-offsets", column: s.originIdOffsets),
            Section("origin-shapes", column: s.originShapes),
            Section("origin-id-schemes", column: s.originIdSchemes),
            Section("origin-id-values", column: s.originIdValues),
        ]
    }

    /// A coordinate column: `NAME-e6` (`Int32` millionths, `CoordinateColumn.absent` for none) or `NAME` (`Double`).
    static func coordinates(_ name: String, _ column: CoordinateColumn) -> Section {
        if let doubles = column.doubles { return Section(name, column: doubles) }
        return Section(name + "-e6", column: column.millionths)
    }

    /// Writes `dataset` and the caller's `extra` sections to `path`, atomically (a temporary file renamed over it),
    /// with permissions `mode` for a new file. `durable` false skips the flush to the disk (a cache: a snapshot cut
    /// short by a crash fails its checksums and is imported again). Returns the file's size.
    @discardableResult
    public static func write(
        _ dataset: Dataset, extra: [Section] = [], to path: String, mode: mode_t = 0o600, durable: Bool = false
    ) throws(WriteError) -> Int {
        guard isSupported else {
            throw WriteError(kind: .failed, path: path, message: "snapshots are not supported on this platform")
        }
        let sections = sections(of: dataset) + extra
        // The table first: each section's place and checksum (one pass over the columns, at memory speed).
        var table: [(name: String, offset: Int, length: Int, checksum: UInt64)] = []
        var offset = headerSize + entrySize * sections.count
        for section in sections {
            offset = (offset + 7) & ~7
            var checksum: UInt64 = 0
            section.withBytes { checksum = ContentHash.of($0) }
            table.append((section.name, offset, section.count, checksum))
            offset += section.count
        }
        var header = SnapshotEncoder()
        for byte in magic { header.u8(byte) }
        header.u32(formatVersion)
        header.u32(UInt32(sections.count))
        header.u64(0)  // the checksum, set below
        for entry in table {
            var name = Array(entry.name.utf8.prefix(nameSize))
            name += [UInt8](repeating: 0, count: nameSize - name.count)
            for byte in name { header.u8(byte) }
            header.u64(UInt64(entry.offset))
            header.u64(UInt64(entry.length))
            header.u64(entry.checksum)
        }
        var headerBytes = header.bytes
        let checksum = ContentHash.of(headerBytes).littleEndian
        withUnsafeBytes(of: checksum) { raw in
            for k in 0..<8 { headerBytes[16 + k] = raw[k] }
        }
        let file = try StreamingAtomicFile(path: path, overwrite: true, mode: mode, durable: durable, direct: true)
        try file.write(headerBytes)
        var written = headerBytes.count
        let zeros = [UInt8](repeating: 0, count: 8)
        for (section, entry) in zip(sections, table) {
            if entry.offset > written {
                try file.write(Array(zeros[0..<(entry.offset - written)]))
                written = entry.offset
            }
            var failure: WriteError?
            section.withBytes { raw in
                do throws(WriteError) { try file.write(raw: raw) } catch { failure = error }
            }
            if let failure { throw failure }
            written += entry.length
        }
        try file.commit()
        return written
    }
}
