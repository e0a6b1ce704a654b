/// Opens several datasets together (the bundled case study plus an ACLED export, say): sources, actors and regions
/// that are the same thing are reconciled — actors through the alias table (`ActorAliases`), then by id, then by
/// name or alias, ignoring case and accents — and every other id is kept apart (prefixed with its dataset's id when
/// it would clash). The result does not depend on the order of the datasets: curated datasets (those holding the
/// alias table's actor ids) go first and their values win. A record, relation or assessment already there with the
/// same id and content (the same file given twice) is merged once.
public enum DatasetMerger {
    /// What merging did, for the status line and `validate`.
    public struct Report: Sendable, Hashable {
        public var reconciledActors = 0
        public var reconciledRegions = 0
        public var renamedIds = 0
        /// Records, relations and assessments dropped because an identical one was already merged.
        public var duplicates = 0
    }

    /// Merges `datasets` into one dataset, in the canonical order of `ordered(_:aliases:)`.
    public static func merge(_ datasets: [Dataset], aliases: ActorAliases = .bundled) -> (Dataset, Report) {
        let datasets = ordered(datasets, aliases: aliases)
        guard var result = datasets.first else {
            return (Dataset(info: DatasetInfo(id: "empty", title: "Empty")), Report())
        }
        guard datasets.count > 1 else {
            // One dataset (an import saved before short names were made unique, say) still gets unique labels,
            // unless they are known to be settled already (a fresh import's).
            if !result.actorLabelsSettled { ActorLabels.makeUnique(&result.actors, aliases: aliases) }
            return (result, Report())
        }
        let curatedActors = result.actors.count
        var report = Report()
        var store = RecordStore()
        var usedIds = Set<String>()
        for s in result.sources { usedIds.insert(s.id) }
        for a in result.actors { usedIds.insert(a.id) }
        for r in result.regions { usedIds.insert(r.id) }
        for r in result.relations { usedIds.insert(r.id) }
        for a in result.assessments { usedIds.insert(a.id) }
        store.reserve(datasets.reduce(0) { $0 + $1.records.count })
        var recordIndex: [String: Int] = [:]
        for i in 0..<result.records.count {
            let record = result.record(i)
            usedIds.insert(record.id)
            recordIndex[record.id] = store.count
            store.append(record)
        }
        var titles = [result.info.title]
        for next in datasets.dropFirst() {
            if !titles.contains(next.info.title) { titles.append(next.info.title) }
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

            // Actors: through the alias table, then by id with a matching name, then by name or alias.
            var actorNames: [[UInt8]: Int32] = [:]
            var actorById: [String: Int32] = [:]
            for (k, a) in result.actors.enumerated() {
                actorById[a.id] = actorById[a.id] ?? Int32(k)
                for name in [a.name, a.shortName ?? ""] + a.aliases where !name.isEmpty {
                    actorNames[TextFolding.fold(name)] = actorNames[TextFolding.fold(name)] ?? Int32(k)
                }
            }
            var actorMap = [Int32](repeating: -1, count: next.actors.count)
            var addedActors = Set<Int>()
            for (k, a) in next.actors.enumerated() {
                let spellings = [a.name] + a.aliases
                // A trailing ACLED period does not make another actor: `Government of Mali (2021-)` is `Government of Mali`.
                let names = ([a.name, a.shortName ?? ""] + a.aliases + spellings.map(ActorAliases.withoutPeriod))
                    .filter { !$0.isEmpty }.map(TextFolding.fold)
                let listed = spellings.lazy.compactMap { aliases.entry(for: $0) }.first
                    .flatMap { actorById[$0.id] }
                let byId = actorById[a.id].flatMap { i in
                    TextFolding.fold(result.actors[Int(i)].name) == TextFolding.fold(a.name) ? i : nil
                }
                if let match = listed ?? byId ?? names.lazy.compactMap({ actorNames[$0] }).first {
                    actorMap[k] = match
                    report.reconciledActors += 1
                    var existing = result.actors[Int(match)]
                    for alias in spellings where alias != existing.name && !existing.aliases.contains(alias) {
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
                    copy.roles = a.roles.map {
                        var r = $0; r.sources = mapSources(r.sources); return r
                    }
                    for name in names { actorNames[name] = actorNames[name] ?? Int32(result.actors.count) }
                    actorById[copy.id] = Int32(result.actors.count)
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
                let match =
                    result.regions.firstIndex { $0.id == r.id }
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
            var relationIndex: [String: Int] = [:]
            for (k, r) in result.relations.enumerated() { relationIndex[r.id] = k }
            for r in next.relations where r.from >= 0 && r.to >= 0 {
                var copy = r
                copy.from = actorMap[Int(r.from)]
                copy.to = actorMap[Int(r.to)]
                copy.sources = mapSources(r.sources)
                if let k = relationIndex[r.id], result.relations[k] == copy {
                    report.duplicates += 1
                    continue
                }
                copy.id = unique(r.id)
                if copy.from != copy.to { result.relations.append(copy) }
            }
            var assessmentIndex: [String: Int] = [:]
            for (k, a) in result.assessments.enumerated() { assessmentIndex[a.id] = k }
            for a in next.assessments where a.region >= 0 {
                var copy = a
                copy.region = regionMap[Int(a.region)]
                copy.groups = a.groups.map { actorMap[Int($0)] }
                copy.sources = mapSources(a.sources)
                if let k = assessmentIndex[a.id], result.assessments[k] == copy {
                    report.duplicates += 1
                    continue
                }
                copy.id = unique(a.id)
                result.assessments.append(copy)
            }
            for i in 0..<next.records.count {
                var record = next.record(i)
                record.actors = record.actors.map { Participation(actor: actorMap[Int($0.actor)], role: $0.role) }
                record.regions = record.regions.map { regionMap[Int($0)] }
                record.sources = mapSources(record.sources)
                record.alternatives = record.alternatives.map {
                    var a = $0; a.sources = mapSources(a.sources); return a
                }
                if let k = recordIndex[record.id],
                    store.record(
                        k,
                        regionName: { r in r >= 0 && Int(r) < result.regions.count ? result.regions[Int(r)].name : "?" }
                    ) == record
                {
                    report.duplicates += 1
                    continue
                }
                record.id = unique(record.id)
                recordIndex[record.id] = store.count
                store.append(record)
            }
            if let asOf = next.info.asOf, asOf > (result.info.asOf ?? asOf) || result.info.asOf == nil {
                result.info.asOf = asOf
            }
        }
        ActorLabels.makeUnique(&result.actors, protected: curatedActors, aliases: aliases)
        result.records = store
        result.info.title = titles.joined(separator: " + ")
        result.info.id = "merged"
        result.info.description = "Merged: " + titles.joined(separator: "; ")
        return (result, report)
    }

    /// The datasets in the order they are merged, whatever order they were given in: curated ones first (most actors
    /// whose ids the alias table lists), then by dataset id, title and size.
    public static func ordered(_ datasets: [Dataset], aliases: ActorAliases = .bundled) -> [Dataset] {
        guard datasets.count > 1 else { return datasets }
        let ids = Set(aliases.entries.map(\.id))
        let keyed = datasets.enumerated().map { k, d in
            (rank: d.actors.reduce(0) { $0 + (ids.contains($1.id) ? 1 : 0) }, dataset: d, position: k)
        }
        return keyed.sorted { x, y in
            if x.rank != y.rank { return x.rank > y.rank }
            if x.dataset.info.id != y.dataset.info.id { return x.dataset.info.id < y.dataset.info.id }
            if x.dataset.info.title != y.dataset.info.title { return x.dataset.info.title < y.dataset.info.title }
            if x.dataset.records.count != y.dataset.records.count {
                return x.dataset.records.count > y.dataset.records.count
            }
            if x.dataset.actors.count != y.dataset.actors.count {
                return x.dataset.actors.count > y.dataset.actors.count
            }
            return x.position < y.position
        }.map(\.dataset)
    }
}
