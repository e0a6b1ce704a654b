/// Which records of a dataset to write: indexes into each table and the records, in output order.
public struct Selection: Sendable {
    public var sources: [Int32]
    public var actors: [Int32]
    public var relations: [Int32]
    public var regions: [Int32]
    public var assessments: [Int32]
    public var records: [Int32]

    /// Everything in the dataset.
    public static func all(_ dataset: Dataset) -> Selection {
        func range(_ n: Int) -> [Int32] { (0..<Int32(n)).map { $0 } }
        return Selection(
            sources: range(dataset.sources.count), actors: range(dataset.actors.count),
            relations: range(dataset.relations.count), regions: range(dataset.regions.count),
            assessments: range(dataset.assessments.count), records: range(dataset.records.count))
    }

    /// The records of a view and everything they reference, so that the result is a valid dataset on its own:
    /// their actors (with parent chains), regions (with parents), the filter's own actors and regions,
    /// relations between included actors, assessments of included regions whose period overlaps the view's date
    /// range, and every cited source.
    public static func closure(of view: View, in dataset: Dataset) -> Selection {
        let store = dataset.records
        // Filter indexes out of range (a stale filter) are ignored, as the query engine ignores them.
        var actorSet = Set<Int32>(view.filter.actors.filter { $0 >= 0 && Int($0) < dataset.actors.count })
        var regionSet = Set<Int32>(view.filter.regions.filter { $0 >= 0 && Int($0) < dataset.regions.count })
        var sourceSet = Set<Int32>()
        for r in view.records {
            let i = Int(r)
            for a in store.actors(i) where a >= 0 { actorSet.insert(a) }
            for g in store.regions(i) where g >= 0 { regionSet.insert(g) }
            for s in store.sources(i) where s >= 0 { sourceSet.insert(s) }
            for alt in store.extras[r]?.alternatives ?? [] { sourceSet.formUnion(alt.sources) }
        }
        func addParents<T>(_ set: inout Set<Int32>, _ items: [T], _ parent: (T) -> Int32?) {
            var stack = Array(set)
            while let k = stack.popLast() {
                if let p = parent(items[Int(k)]), p >= 0, set.insert(p).inserted { stack.append(p) }
            }
        }
        addParents(&regionSet, dataset.regions) { $0.parent }
        let assessments = dataset.assessments.indices.filter {
            regionSet.contains(dataset.assessments[$0].region)
                && dataset.assessments[$0].overlaps(since: view.filter.since, until: view.filter.until)
        }
        for k in assessments { actorSet.formUnion(dataset.assessments[k].groups) }
        addParents(&actorSet, dataset.actors) { $0.parent }
        let relations = dataset.relations.indices.filter {
            actorSet.contains(dataset.relations[$0].from) && actorSet.contains(dataset.relations[$0].to)
        }
        for a in actorSet {
            let actor = dataset.actors[Int(a)]
            sourceSet.formUnion(actor.sources)
            for role in actor.roles { sourceSet.formUnion(role.sources) }
        }
        for g in regionSet { sourceSet.formUnion(dataset.regions[Int(g)].sources) }
        for k in relations { sourceSet.formUnion(dataset.relations[k].sources) }
        for k in assessments { sourceSet.formUnion(dataset.assessments[k].sources) }
        return Selection(
            sources: sourceSet.sorted(), actors: actorSet.sorted(), relations: relations.map { Int32($0) },
            regions: regionSet.sorted(), assessments: assessments.map { Int32($0) }, records: view.records)
    }
}

/// Writes datasets in the sitmon format (version 1): exports, imports and the synthetic generator all use it,
/// so everything sitmon writes reads back.
public struct DatasetWriter {
    let dataset: Dataset
    var out = ByteWriter(capacity: 1 << 20)

    public init(dataset: Dataset) { self.dataset = dataset }

    /// The selected part of the dataset as a JSON document, pretty-printed, records one per line.
    public static func write(_ dataset: Dataset, selection: Selection, info: DatasetInfo? = nil) -> [UInt8] {
        var writer = DatasetWriter(dataset: dataset)
        writer.writeDocument(selection, info: info ?? dataset.info)
        return writer.out.bytes
    }

    mutating func key(_ name: String, first: inout Bool) {
        out.append(first ? "" : ", ")
        first = false
        out.appendJSONString(name)
        out.append(": ")
    }

    mutating func field(_ name: String, _ value: String?, _ first: inout Bool) {
        guard let value else { return }
        key(name, first: &first)
        out.appendJSONString(value)
    }

    mutating func field(_ name: String, _ value: Double?, _ first: inout Bool) {
        guard let value else { return }
        key(name, first: &first)
        out.appendJSONNumber(value)
    }

    mutating func field(_ name: String, strings: [String], _ first: inout Bool, always: Bool = false) {
        guard always || !strings.isEmpty else { return }
        key(name, first: &first)
        out.append("[")
        for (k, s) in strings.enumerated() {
            if k > 0 { out.append(", ") }
            out.appendJSONString(s)
        }
        out.append("]")
    }

    func sourceIds(_ list: [Int32]) -> [String] { list.filter { $0 >= 0 }.map { dataset.sources[Int($0)].id } }
    func actorIds(_ list: [Int32]) -> [String] { list.filter { $0 >= 0 }.map { dataset.actors[Int($0)].id } }

    mutating func section(
        _ name: String, _ items: [Int32], last: Bool = false, _ body: (inout DatasetWriter, Int) -> Void
    ) {
        out.append("  ")
        out.appendJSONString(name)
        out.append(": [")
        for (k, item) in items.enumerated() {
            out.append(k == 0 ? "\n    " : ",\n    ")
            body(&self, Int(item))
        }
        out.append(items.isEmpty ? "]" : "\n  ]")
        out.append(last ? "\n" : ",\n")
    }

    /// Writes the whole document. `beforeRecords` runs before the events (the streaming writer flushes there) and
    /// `record` writes each event and incident (the streaming writer counts and flushes around it).
    mutating func writeDocument(
        _ selection: Selection, info: DatasetInfo,
        beforeRecords: (inout DatasetWriter) -> Void = { _ in },
        record: (inout DatasetWriter, Int) -> Void = { w, i in w.writeRecord(i) }
    ) {
        out.append("{\n  \"format\": \"sitmon-dataset\",\n  \"version\": 1,\n  \"dataset\": {")
        var first = true
        field("id", info.id, &first)
        field("title", info.title, &first)
        field("description", info.description, &first)
        field("asOf", info.asOf?.description, &first)
        field("licence", info.licence, &first)
        field("attribution", info.attribution, &first)
        out.append("},\n")
        section("sources", selection.sources) { w, i in w.writeSource(w.dataset.sources[i]) }
        section("actors", selection.actors) { w, i in w.writeActor(w.dataset.actors[i]) }
        section("relations", selection.relations) { w, i in w.writeRelation(w.dataset.relations[i]) }
        section("regions", selection.regions) { w, i in w.writeRegion(w.dataset.regions[i]) }
        let events = selection.records.filter { dataset.records.kinds[Int($0)] == .event }
        let incidents = selection.records.filter { dataset.records.kinds[Int($0)] == .incident }
        beforeRecords(&self)
        section("events", events, record)
        section("incidents", incidents, record)
        section("assessments", selection.assessments, last: true) { w, i in w.writeAssessment(w.dataset.assessments[i])
        }
        out.append("}\n")
    }

    mutating func writeSource(_ s: Source) {
        out.append("{")
        var first = true
        field("id", s.id, &first)
        field("title", s.title, &first)
        field("publisher", s.publisher, &first)
        field("authors", strings: s.authors, &first)
        field("date", s.date?.description, &first)
        field("url", s.url, &first)
        field("accessed", s.accessed?.description, &first)
        field("document", s.document, &first)
        field("note", s.note, &first)
        out.append("}")
    }

    mutating func writeActor(_ a: Actor) {
        out.append("{")
        var first = true
        field("id", a.id, &first)
        field("name", a.name, &first)
        field("shortName", a.shortName, &first)
        field("aliases", strings: a.aliases, &first)
        field("kind", a.kind.rawValue, &first)
        field("parent", a.parent.map { dataset.actors[Int($0)].id }, &first)
        if !a.roles.isEmpty {
            key("roles", first: &first)
            out.append("[")
            for (k, role) in a.roles.enumerated() {
                out.append(k == 0 ? "{" : ", {")
                var f = true
                field("title", role.title, &f)
                field("start", role.start?.description, &f)
                field("end", role.end?.description, &f)
                field("sources", strings: sourceIds(role.sources), &f)
                out.append("}")
            }
            out.append("]")
        }
        field("summary", a.summary, &first)
        field("sources", strings: sourceIds(a.sources), &first, always: true)
        out.append("}")
    }

    mutating func writeRelation(_ r: Relation) {
        out.append("{")
        var first = true
        field("id", r.id, &first)
        field("kind", r.kind.rawValue, &first)
        field("from", dataset.actors[Int(r.from)].id, &first)
        field("to", dataset.actors[Int(r.to)].id, &first)
        field("start", r.start?.description, &first)
        field("end", r.end?.description, &first)
        field("note", r.note, &first)
        field("sources", strings: sourceIds(r.sources), &first, always: true)
        out.append("}")
    }

    mutating func writeRegion(_ r: Region) {
        out.append("{")
        var first = true
        field("id", r.id, &first)
        field("name", r.name, &first)
        field("aliases", strings: r.aliases, &first)
        field("kind", r.kind.rawValue, &first)
        field("iso", r.iso, &first)
        field("zone", r.zone.rawValue, &first)
        field("parent", r.parent.map { dataset.regions[Int($0)].id }, &first)
        if let c = r.capital {
            key("capital", first: &first)
            out.append("{")
            var f = true
            field("name", c.name, &f)
            field("lat", c.latitude, &f)
            field("lon", c.longitude, &f)
            out.append("}")
        }
        field("sources", strings: sourceIds(r.sources), &first, always: true)
        out.append("}")
    }

    mutating func writeAssessment(_ a: Assessment) {
        out.append("{")
        var first = true
        field("id", a.id, &first)
        field("region", dataset.regions[Int(a.region)].id, &first)
        field("start", a.start?.description, &first)
        field("end", a.end?.description, &first)
        field("presence", a.presence.rawValue, &first)
        field("trend", a.trend.rawValue, &first)
        field("groups", strings: actorIds(a.groups), &first, always: true)
        field("statement", a.statement, &first)
        field("sources", strings: sourceIds(a.sources), &first, always: true)
        out.append("}")
    }

    mutating func writeRecord(_ i: Int) {
        let r = dataset.record(i)
        out.append("{")
        var first = true
        field("id", r.id, &first)
        field("date", r.date.description, &first)
        field("end", r.end?.description, &first)
        field("time", r.timeText, &first)
        field("category", r.category.rawValue, &first)
        field("severity", r.severity.rawValue, &first)
        if r.hasTitle { field("title", r.title, &first) }
        field("summary", r.summary, &first)
        if r.kind == .incident {
            field("region", r.regions.first.map { dataset.regions[Int($0)].id }, &first)
            field("perpetrators", strings: actorIds(r.perpetrators), &first, always: true)
        } else {
            field("regions", strings: r.regions.map { dataset.regions[Int($0)].id }, &first)
        }
        let others = r.kind == .incident ? r.actors.filter { $0.role != RecordStore.perpetratorRole } : r.actors
        if !others.isEmpty {
            key("actors", first: &first)
            out.append("[")
            for (k, p) in others.enumerated() {
                out.append(k == 0 ? "{" : ", {")
                var f = true
                field("actor", dataset.actors[Int(p.actor)].id, &f)
                field("role", p.role, &f)
                out.append("}")
            }
            out.append("]")
        }
        field("location", r.location, &first)
        field("lat", r.latitude, &first)
        field("lon", r.longitude, &first)
        if let f = r.fatalities {
            key("fatalities", first: &first)
            out.append("{")
            var ff = true
            field("best", f.best.map(Double.init), &ff)
            field("low", f.low.map(Double.init), &ff)
            field("high", f.high.map(Double.init), &ff)
            field("note", f.note, &ff)
            out.append("}")
        }
        field("target", r.target, &first)
        field("originalType", r.originalType, &first)
        if !r.figures.isEmpty {
            key("figures", first: &first)
            out.append("[")
            for (k, fig) in r.figures.enumerated() {
                out.append(k == 0 ? "{" : ", {")
                var f = true
                field("label", fig.label, &f)
                field("value", fig.value, &f)
                field("unit", fig.unit, &f)
                field("qualifier", fig.qualifier?.rawValue, &f)
                out.append("}")
            }
            out.append("]")
        }
        if !r.alternatives.isEmpty {
            key("alternatives", first: &first)
            out.append("[")
            for (k, alt) in r.alternatives.enumerated() {
                out.append(k == 0 ? "{" : ", {")
                var f = true
                field("field", alt.field, &f)
                field("value", alt.value, &f)
                field("sources", strings: sourceIds(alt.sources), &f)
                field("note", alt.note, &f)
                out.append("}")
            }
            out.append("]")
        }
        field("note", r.note, &first)
        field("sources", strings: sourceIds(r.sources), &first, always: true)
        if let origin = r.origin, !origin.isEmpty {
            key("origin", first: &first)
            out.append("{")
            var f = true
            if !origin.ids.isEmpty {
                key("ids", first: &f)
                out.append("{")
                var fi = true
                for id in origin.ids { field(id.scheme, id.value, &fi) }
                out.append("}")
            }
            field("datePrecision", origin.datePrecision, &f)
            field("geoPrecision", origin.geoPrecision, &f)
            field("admin1", origin.admin1, &f)
            field("admin2", origin.admin2, &f)
            field("admin3", origin.admin3, &f)
            field("sourceScale", origin.sourceScale, &f)
            field("tags", strings: origin.tags, &f)
            out.append("}")
        }
        out.append("}")
    }
}
