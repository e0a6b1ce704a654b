/// The JSON of a small dataset: one source (`src-a`), the given actors and regions, and one incident. The
/// tests that need a record of a particular shape fill in the parts that matter to them.
enum SmallDataset {
    static func json(id: String, title: String, asOf: String, actors: String = "", region: String, incident: String)
        -> String
    {
        """
        {"format": "sitmon-dataset", "version": 1,
         "dataset": {"id": "\(id)", "title": "\(title)", "asOf": "\(asOf)", "licence": "CC0", "attribution": "test"},
         "sources": [{"id": "src-a", "title": "Alpha", "publisher": "Alpha"}],
         "actors": [\(actors)], "relations": [],
         "regions": [\(region)],
         "events": [],
         "incidents": [\(incident)],
         "assessments": []}
        """
    }
}
