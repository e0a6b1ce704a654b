import SitmonCore

/// What an analyst sees of a (merged) dataset, as sorted lines independent of the order of actors and records:
/// each actor's id, name, label and kind, then each record's id with its actors' ids and roles.
public enum DatasetSummary {
    public static func of(_ d: Dataset) -> [String] {
        d.actors.indices.map { k in
            let a = d.actors[k]
            return "\(a.id)|\(a.name)|\(d.actorLabel(Int32(k)))|\(a.kind.rawValue)"
        }.sorted()
            + (0..<d.records.count).map { i in
                let r = d.record(i)
                return "\(r.id):" + r.actors.map { d.actors[Int($0.actor)].id + "/" + $0.role }.joined(separator: ",")
            }.sorted()
    }
}
