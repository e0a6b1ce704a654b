/// The small parts of a dataset in a snapshot: metadata, the tables of sources, actors, relations, regions and
/// assessments, and the records' extras (figures, alternatives, notes). Every reference is checked against its table
/// as it is read.
extension DatasetSnapshot {
    static func encode(info: DatasetInfo) -> [UInt8] {
        var e = SnapshotEncoder()
        e.string(info.id)
        e.string(info.title)
        e.string(info.description)
        e.date(info.asOf)
        e.string(info.licence)
        e.string(info.attribution)
        return e.bytes
    }

    static func decodeInfo(_ bytes: [UInt8]) throws(SnapshotError) -> DatasetInfo {
        var d = SnapshotDecoder(bytes, section: "info")
        let info = DatasetInfo(
            id: try d.string(), title: try d.string(), description: try d.string(), asOf: try d.date(),
            licence: try d.string(), attribution: try d.string())
        try d.finish()
        return info
    }

    static func encode(sources: [Source]) -> [UInt8] {
        var e = SnapshotEncoder()
        e.u32(UInt32(truncatingIfNeeded: sources.count))
        for s in sources {
            e.string(s.id)
            e.string(s.title)
            e.optionalString(s.publisher)
            e.strings(s.authors)
            e.date(s.date)
            e.optionalString(s.url)
            e.date(s.accessed)
            e.optionalString(s.document)
            e.optionalString(s.note)
        }
        return e.bytes
    }

    static func decodeSources(_ bytes: [UInt8]) throws(SnapshotError) -> [Source] {
        var d = SnapshotDecoder(bytes, section: "sources")
        let n = try d.count(minimumSize: 8)
        var sources: [Source] = []
        sources.reserveCapacity(n)
        for _ in 0..<n {
            sources.append(
                Source(
                    id: try d.string(), title: try d.string(), publisher: try d.optionalString(),
                    authors: try d.strings(), date: try d.date(), url: try d.optionalString(),
                    accessed: try d.date(), document: try d.optionalString(), note: try d.optionalString()))
        }
        try d.finish()
        return sources
    }

    static func encode(actors: [Actor]) -> [UInt8] {
        var e = SnapshotEncoder()
        e.u32(UInt32(truncatingIfNeeded: actors.count))
        for a in actors {
            e.string(a.id)
            e.string(a.name)
            e.optionalString(a.shortName)
            e.strings(a.aliases)
            e.vocabulary(a.kind)
            e.optionalIndex(a.parent)
            e.u32(UInt32(truncatingIfNeeded: a.roles.count))
            for role in a.roles {
                e.string(role.title)
                e.date(role.start)
                e.date(role.end)
                e.indexes(role.sources)
            }
            e.optionalString(a.summary)
            e.indexes(a.sources)
        }
        return e.bytes
    }

    static func decodeActors(_ bytes: [UInt8], sources: Int) throws(SnapshotError) -> [Actor] {
        var d = SnapshotDecoder(bytes, section: "actors")
        let n = try d.count(minimumSize: 8)
        var actors: [Actor] = []
        actors.reserveCapacity(n)
        for _ in 0..<n {
            let id = try d.string(), name = try d.string(), shortName = try d.optionalString()
            let aliases = try d.strings(), kind = try d.vocabulary(ActorKind.self)
            let parent = try d.optionalIndex(below: n)
            let roleCount = try d.count(minimumSize: 6)
            var roles: [ActorRole] = []
            for _ in 0..<roleCount {
                roles.append(
                    ActorRole(
                        title: try d.string(), start: try d.date(), end: try d.date(),
                        sources: try d.indexes(below: sources)))
            }
            actors.append(
                Actor(
                    id: id, name: name, shortName: shortName, aliases: aliases, kind: kind, parent: parent,
                    roles: roles, summary: try d.optionalString(), sources: try d.indexes(below: sources)))
        }
        try d.finish()
        return actors
    }

    static func encode(relations: [Relation]) -> [UInt8] {
        var e = SnapshotEncoder()
        e.u32(UInt32(truncatingIfNeeded: relations.count))
        for r in relations {
            e.string(r.id)
            e.vocabulary(r.kind)
            e.i32(r.from)
            e.i32(r.to)
            e.date(r.start)
            e.date(r.end)
            e.optionalString(r.note)
            e.indexes(r.sources)
        }
        return e.bytes
    }

    static func decodeRelations(_ bytes: [UInt8], actors: Int, sources: Int) throws(SnapshotError) -> [Relation] {
        var d = SnapshotDecoder(bytes, section: "relations")
        let n = try d.count(minimumSize: 8)
        var relations: [Relation] = []
        relations.reserveCapacity(n)
        for _ in 0..<n {
            relations.append(
                Relation(
                    id: try d.string(), kind: try d.vocabulary(RelationKind.self), from: try d.index(below: actors),
                    to: try d.index(below: actors), start: try d.date(), end: try d.date(),
                    note: try d.optionalString(), sources: try d.indexes(below: sources)))
        }
        try d.finish()
        return relations
    }

    static func encode(regions: [Region]) -> [UInt8] {
        var e = SnapshotEncoder()
        e.u32(UInt32(truncatingIfNeeded: regions.count))
        for r in regions {
            e.string(r.id)
            e.string(r.name)
            e.strings(r.aliases)
            e.vocabulary(r.kind)
            e.optionalString(r.iso)
            e.vocabulary(r.zone)
            e.optionalIndex(r.parent)
            e.bool(r.capital != nil)
            if let capital = r.capital {
                e.string(capital.name)
                e.f64(capital.latitude)
                e.f64(capital.longitude)
            }
            e.indexes(r.sources)
        }
        return e.bytes
    }

    static func decodeRegions(_ bytes: [UInt8], sources: Int) throws(SnapshotError) -> [Region] {
        var d = SnapshotDecoder(bytes, section: "regions")
        let n = try d.count(minimumSize: 8)
        var regions: [Region] = []
        regions.reserveCapacity(n)
        for _ in 0..<n {
            let id = try d.string(), name = try d.string(), aliases = try d.strings()
            let kind = try d.vocabulary(RegionKind.self), iso = try d.optionalString()
            let zone = try d.vocabulary(Zone.self), parent = try d.optionalIndex(below: n)
            var capital: Place?
            if try d.bool() { capital = Place(name: try d.string(), latitude: try d.f64(), longitude: try d.f64()) }
            regions.append(
                Region(
                    id: id, name: name, aliases: aliases, kind: kind, iso: iso, zone: zone, parent: parent,
                    capital: capital, sources: try d.indexes(below: sources)))
        }
        try d.finish()
        return regions
    }

    static func encode(assessments: [Assessment]) -> [UInt8] {
        var e = SnapshotEncoder()
        e.u32(UInt32(truncatingIfNeeded: assessments.count))
        for a in assessments {
            e.string(a.id)
            e.i32(a.region)
            e.date(a.start)
            e.date(a.end)
            e.vocabulary(a.presence)
            e.vocabulary(a.trend)
            e.indexes(a.groups)
            e.string(a.statement)
            e.indexes(a.sources)
        }
        return e.bytes
    }

    static func decodeAssessments(
        _ bytes: [UInt8], regions: Int, actors: Int, sources: Int
    ) throws(SnapshotError) -> [Assessment] {
        var d = SnapshotDecoder(bytes, section: "assessments")
        let n = try d.count(minimumSize: 8)
        var assessments: [Assessment] = []
        assessments.reserveCapacity(n)
        for _ in 0..<n {
            assessments.append(
                Assessment(
                    id: try d.string(), region: try d.index(below: regions), start: try d.date(), end: try d.date(),
                    presence: try d.vocabulary(Presence.self), trend: try d.vocabulary(Trend.self),
                    groups: try d.indexes(below: actors), statement: try d.string(),
                    sources: try d.indexes(below: sources)))
        }
        try d.finish()
        return assessments
    }

    /// The records' extras (figures and alternatives), by record index in increasing order (a dictionary's order is not stable).
    static func encode(extras: [Int32: RecordExtras]) -> [UInt8] {
        var e = SnapshotEncoder()
        e.u32(UInt32(truncatingIfNeeded: extras.count))
        for index in extras.keys.sorted() {
            guard let extra = extras[index] else { continue }
            e.i32(index)
            e.u32(UInt32(truncatingIfNeeded: extra.figures.count))
            for f in extra.figures {
                e.string(f.label)
                e.f64(f.value)
                e.optionalString(f.unit)
                e.optionalString(f.qualifier?.rawValue)
            }
            e.u32(UInt32(truncatingIfNeeded: extra.alternatives.count))
            for a in extra.alternatives {
                e.string(a.field)
                e.string(a.value)
                e.indexes(a.sources)
                e.optionalString(a.note)
            }
        }
        return e.bytes
    }

    static func decodeExtras(
        _ bytes: [UInt8], records: Int, sources: Int
    ) throws(SnapshotError) -> [Int32: RecordExtras] {
        var d = SnapshotDecoder(bytes, section: "extras")
        let n = try d.count(minimumSize: 12)
        var extras: [Int32: RecordExtras] = [:]
        extras.reserveCapacity(n)
        var previous: Int32 = -1
        for _ in 0..<n {
            let index = try d.index(below: records)
            guard index > previous else { throw d.fail("record \(index) out of order") }
            previous = index
            var extra = RecordExtras()
            for _ in 0..<(try d.count(minimumSize: 14)) {
                let label = try d.string(), value = try d.f64(), unit = try d.optionalString()
                var qualifier: Qualifier?
                if let raw = try d.optionalString() {
                    guard let q = Qualifier(rawValue: raw) else { throw d.fail("an unknown qualifier") }
                    qualifier = q
                }
                extra.figures.append(Figure(label: label, value: value, unit: unit, qualifier: qualifier))
            }
            for _ in 0..<(try d.count(minimumSize: 13)) {
                extra.alternatives.append(
                    Alternative(
                        field: try d.string(), value: try d.string(), sources: try d.indexes(below: sources),
                        note: try d.optionalString()))
            }
            extras[index] = extra
        }
        try d.finish()
        return extras
    }
}

extension SnapshotDecoder {
    /// Nothing may follow the last value.
    public func finish() throws(SnapshotError) {
        guard isAtEnd else { throw fail("bytes left over after the last value") }
    }
}
