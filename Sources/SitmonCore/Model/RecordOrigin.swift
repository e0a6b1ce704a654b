/// One id a record carries in its source data, as written there: `event_id_cnty` `MLI2665`, UCDP `id` `12345`.
public struct SourceId: Sendable, Hashable {
    /// The column (or scheme) the id comes from: `event_id_cnty`, `event_id_no_cnty`, `data_id`, `id`, `relid`.
    public var scheme: String
    public var value: String

    public init(scheme: String, value: String) {
        self.scheme = scheme
        self.value = value
    }
}

/// What a record's source data says about it, kept verbatim so that an analyst can cite it and judge it: the
/// source's own ids, how precise its date and place are, its administrative units, the scale of its sources and
/// its tags. Imported records carry one; curated records usually do not. JSON: the record field `origin`
/// (docs/data-format.md).
public struct RecordOrigin: Sendable, Hashable {
    /// The source's ids for the record, as written, in the source's column order.
    public var ids: [SourceId]
    /// How precise the source says the date is, in its own terms: `day`, `week` (within a week), `month`, or the
    /// source's code as written (`date_prec 2`).
    public var datePrecision: String?
    /// The source's geographic precision code, as written (ACLED `geo_precision` 1–3, UCDP `where_prec` 1–7).
    public var geoPrecision: String?
    /// Administrative units as written: first, second and third level.
    public var admin1: String?
    public var admin2: String?
    public var admin3: String?
    /// The scale of the record's sources, as written (ACLED `source_scale`: `National`, `Local partner-Other`…).
    public var sourceScale: String?
    /// The source's tags, one per entry (ACLED `tags`, split on `;`).
    public var tags: [String]

    public init(
        ids: [SourceId] = [], datePrecision: String? = nil, geoPrecision: String? = nil,
        admin1: String? = nil, admin2: String? = nil, admin3: String? = nil, sourceScale: String? = nil,
        tags: [String] = []
    ) {
        self.ids = ids
        self.datePrecision = datePrecision
        self.geoPrecision = geoPrecision
        self.admin1 = admin1
        self.admin2 = admin2
        self.admin3 = admin3
        self.sourceScale = sourceScale
        self.tags = tags
    }

    /// True when nothing is known.
    public var isEmpty: Bool { self == RecordOrigin() }

    /// The ids as one line: `event_id_cnty MLI2665; event_id_no_cnty 2665`.
    public var idsText: String { ids.map { "\($0.scheme) \($0.value)" }.joined(separator: "; ") }

    /// The administrative units as one line, from the largest: `Mopti / Djenne / Sofara`.
    public var adminText: String { [admin1, admin2, admin3].compactMap { $0 }.joined(separator: " / ") }
}
