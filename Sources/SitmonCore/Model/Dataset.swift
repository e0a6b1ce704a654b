/// A loaded dataset: metadata, the small tables (sources, actors, relations, regions, assessments)
/// as arrays of values, and the dated records in a columnar `RecordStore`. References between records
/// are indexes into these arrays.
public struct Dataset: Sendable {
    public var info: DatasetInfo
    public var sources: [Source]
    public var actors: [Actor] {
        didSet { actorLabelsSettled = false }
    }
    public var relations: [Relation]
    public var regions: [Region]
    public var assessments: [Assessment]
    public var records: RecordStore
    /// True when the actors' labels are known to be settled, `ActorLabels.makeUnique` changing none of them (an
    /// import checks it on a thread of its own: `ActorLabels.areSettled`); any change to `actors` clears it.
    /// `DatasetMerger` does not label such a dataset again (≈ 30 ms at 20,000 actors, on the thread the first
    /// frame and the export wait on).
    package var actorLabelsSettled = false

    public init(
        info: DatasetInfo, sources: [Source] = [], actors: [Actor] = [], relations: [Relation] = [],
        regions: [Region] = [], assessments: [Assessment] = [], records: RecordStore = RecordStore()
    ) {
        self.info = info
        self.sources = sources
        self.actors = actors
        self.relations = relations
        self.regions = regions
        self.assessments = assessments
        self.records = records
    }

    /// Counts of each kind of record.
    public var counts: Counts {
        var events = 0, incidents = 0
        for kind in records.kinds {
            if kind == .event { events += 1 } else { incidents += 1 }
        }
        return Counts(
            sources: sources.count, actors: actors.count, relations: relations.count,
            regions: regions.count, events: events, incidents: incidents, assessments: assessments.count)
    }

    /// How many of each kind of record a dataset holds.
    public struct Counts: Sendable, Hashable, CustomStringConvertible {
        public var sources, actors, relations, regions, events, incidents, assessments: Int
        public var description: String {
            "\(actors) actors, \(relations) relations, \(regions) regions, \(events) events, \(incidents) incidents, "
                + "\(assessments) assessments, \(sources) sources"
        }
    }

    /// The full record `i`.
    public func record(_ i: Int) -> Record {
        records.record(i, regionName: regionName)
    }

    /// The title of record `i`.
    public func title(_ i: Int) -> String { records.title(i, regionName: regionName) }

    func regionName(_ index: Int32) -> String {
        index >= 0 && Int(index) < regions.count ? regions[Int(index)].name : "?"
    }
}
