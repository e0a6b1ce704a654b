/// Opens several datasets together (the bundled case study plus an ACLED export, say): sources, actors and regions
/// that are the same thing are reconciled — by id, then by name or alias, ignoring case and accents — and every
/// other id is kept apart (prefixed with its dataset's id when it would clash).
public enum DatasetMerger {
    /// What merging did, for the status line and `validate`.
    public struct Report: Sendable, Hashable {
        public var reconciledActors = 0
        public var reconciledRegions = 0
        public var renamedIds = 0
    }

    /// Merges `datasets` in order into one dataset.
    public static func merge(_ datasets: [Dataset]) -> (Dataset, Report) {
        guard var result = datasets.first else { return (Dataset(info: DatasetInfo(id: "empty", title: "Empty")), Report()) }
        guard datasets.count > 1 else { return (result, Report()) }
        var report = Report()
        var store = RecordStore()
        var usedIds = Set<String>()
        for s in result.sources { usedIds.insert(s.id) }
        for a in result.actors { usedIds.insert(a.id) }
        for r in result.regions { usedIds.insert(r.id) }
        for r in result.relations { usedIds.insert(r.id) }
        for a in result.assessments { usedIds.insert(a.id) }
        store.reserve(datasets.reduce(0) { $0 + $1.records.count })
        for i in 0..<result.records.count {
            let record = result.record(i)
            usedIds.insert(record.id)
            store.append(record)
        }
        var titles = [result.info.title]
        for next in datasets.dropFirst() {
            titles.append(next.info.title)
            func unique(_ id: String) -> String {
                if usedIds.insert(id).inserted { return id }
                report.renamedIds += 1
                var candidate = "\(next.info.id.isEmpty ? "data" : next.info.id):\(id)"
                var n = 2
                while !usedIds.insert(candidate).inserted {
                    candidate = "\(next.info.id):\(id)-\(n)"
                    n += 1
                }
                return candidate
            }
            // Sources: the same id and title are the same source.
            var sourceMap: [Int32] = []
            for s in next.sources {
                if let k = result.sources.firstIndex(where: { $0.id == s.id && $0.title == s.title }) {
                    sourceMap.append(Int32(k))
                } else {
                    var copy = s
                    copy.id = unique(s.id)
                    sourceMap.append(Int32(result.sources.count))
                    result.sources.append(copy)
                }
            }
            func mapSources(_ list: [Int32]) -> [Int32] { list.filter { $0 >= 0 }.map { sourceMap[Int($0)] } }

            // Actors: by id with a matching name, else by name or alias.
            var actorNames: [[UInt8]: Int32] = [:]
            for (k, a) in result.actors.enumerated() {
                for name in [a.name, a.shortName ?? ""] + a.aliases where !name.isEmpty {
                    actorNames[TextFolding.fold(name)] = actorNames[TextFolding.fold(name)] ?? Int32(k)
                }
            }
            var actorMap = [Int32](repeating: -1, count: next.actors.count)
            var addedActors = Set<Int>()
            for (k, a) in next.actors.enumerated() {
                let names = ([a.name, a.shortName ?? ""] + a.aliases).filter { !$0.isEmpty }.map(TextFolding.fold)
                let byId = result.actors.firstIndex { $0.id == a.id && TextFolding.fold($0.name) == TextFolding.fold(a.name) }
                if let match = byId.map({ Int32($0) }) ?? names.lazy.compactMap({ actorNames[$0] }).first {
                    actorMap[k] = match
                    report.reconciledActors += 1
                    var existing = result.actors[Int(match)]
                    for alias in [a.name] + a.aliases where alias != existing.name && !existing.aliases.contains(alias) {
                        existing.aliases.append(alias)
                    }
                    existing.sources += mapSources(a.sources).filter { !existing.sources.contains($0) }
                    result.actors[Int(match)] = existing
                } else {
                    actorMap[k] = Int32(result.actors.count)
                    addedActors.insert(k)
                    var copy = a
                    copy.id = unique(a.id)
                    copy.parent = nil
                    copy.sources = mapSources(a.sources)
                    copy.roles = a.roles.map { var r = $0; r.sources = mapSources(r.sources); return r }
                    for name in names { actorNames[name] = actorNames[name] ?? Int32(result.actors.count) }
                    result.actors.append(copy)
                }
            }
            for (k, a) in next.actors.enumerated() where addedActors.contains(k) {
                if let p = a.parent, actorMap[Int(p)] != actorMap[k] {
                    result.actors[Int(actorMap[k])].parent = actorMap[Int(p)]
                }
            }

            // Regions: by id, ISO code, name or alias.
            var regionMap = [Int32](repeating: -1, count: next.regions.count)
            var addedRegions = Set<Int>()
            for (k, r) in next.regions.enumerated() {
                let names = Set(([r.name] + r.aliases).map(TextFolding.fold))
                let match = result.regions.firstIndex { $0.id == r.id }
                    ?? result.regions.firstIndex { existing in
                        (r.iso != nil && existing.iso == r.iso)
                            || !names.isDisjoint(with: ([existing.name] + existing.aliases).map(TextFolding.fold))
                    }
                if let match {
                    regionMap[k] = Int32(match)
                    report.reconciledRegions += 1
                } else {
                    regionMap[k] = Int32(result.regions.count)
                    addedRegions.insert(k)
                    var copy = r
                    copy.id = unique(r.id)
                    copy.sources = mapSources(r.sources)
                    copy.parent = nil
                    result.regions.append(copy)
                }
            }
            for (k, r) in next.regions.enumerated() where addedRegions.contains(k) {
                if let p = r.parent, regionMap[Int(p)] != regionMap[k] {
                    result.regions[Int(regionMap[k])].parent = regionMap[Int(p)]
                }
            }
            for r in next.relations where r.from >= 0 && r.to >= 0 {
                var copy = r
                copy.id = unique(r.id)
                copy.from = actorMap[Int(r.from)]
                copy.to = actorMap[Int(r.to)]
                copy.sources = mapSources(r.sources)
                if copy.from != copy.to { result.relations.append(copy) }
            }
            for a in next.assessments where a.region >= 0 {
                var copy = a
                copy.id = unique(a.id)
                copy.region = regionMap[Int(a.region)]
                copy.groups = a.groups.map { actorMap[Int($0)] }
                copy.sources = mapSources(a.sources)
                result.assessments.append(copy)
            }
            for i in 0..<next.records.count {
                var record = next.record(i)
                record.id = unique(record.id)
                record.actors = record.actors.map { Participation(actor: actorMap[Int($0.actor)], role: $0.role) }
                record.regions = record.regions.map { regionMap[Int($0)] }
                record.sources = mapSources(record.sources)
                record.alternatives = record.alternatives.map { var a = $0; a.sources = mapSources(a.sources); return a }
                store.append(record)
            }
            if let asOf = next.info.asOf, asOf > (result.info.asOf ?? asOf) || result.info.asOf == nil {
                result.info.asOf = asOf
            }
        }
        result.records = store
        result.info.title = titles.joined(separator: " + ")
        result.info.id = "merged"
        result.info.description = "Merged: " + titles.joined(separator: "; ")
        return (result, report)
    }
}
