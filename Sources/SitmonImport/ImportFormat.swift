import SitmonCore

/// The conflict-event exports sitmon imports.
public enum ImportFormat: String, Sendable, CaseIterable {
    /// ACLED (Armed Conflict Location & Event Data): the 31-column export since March 2023, and older exports
    /// (`data_id`, `event_id_no_cnty`, `iso3`, pre-2019 event types, upper-case headers).
    case acled
    /// UCDP GED (Uppsala Georeferenced Event Dataset), 49 columns, with or without a header row.
    case ucdp

    /// A readable name for messages and titles.
    public var displayName: String { self == .acled ? "ACLED" : "UCDP GED" }

    /// The 31 columns of the ACLED export since March 2023, in order.
    public static let acledColumns = [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
        "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
        "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    ]

    /// The 49 columns of UCDP GED, in order (the order a file without a header row is read in).
    public static let ucdpColumns = [
        "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
        "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
        "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
        "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
        "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
        "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start", "date_end",
        "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
    ]

    /// A header name as compared: trimmed, lower-case, a leading BOM dropped, spaces and dashes as `_`
    /// (`EVENT_DATE`, `Event Date` and `event-date` are all `event_date`).
    public static func normalisedColumn(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for s in name.unicodeScalars where s != "\u{FEFF}" {
            scalars.append(s)
        }
        var out = ""
        for c in String(scalars).trimmingSpaces.lowercased() {
            out.append(c == " " || c == "-" ? "_" : c)
        }
        return out
    }

    /// The format a header row names, or nil. Header names are compared case-insensitively.
    /// ACLED: `event_date`, `actor1`, `event_type` and an id column (`event_id_cnty`, `event_id_no_cnty` or
    /// `data_id`). UCDP GED: `type_of_violence`, `side_a`, `side_b` and `date_start`.
    /// A UCDP GED file without a header row is recognised from its first data row: 49 fields, whole numbers for
    /// `id`, `year` (1989–2100) and `type_of_violence` (1–3), and an ISO date in `date_start`.
    public static func detect(header: [String]) -> ImportFormat? {
        detection(firstRow: header)?.format
    }

    /// The format of a file's first row and whether that row is a header.
    static func detection(firstRow: [String]) -> (format: ImportFormat, hasHeader: Bool)? {
        let names = Set(firstRow.map(normalisedColumn))
        if names.contains("event_date") && names.contains("actor1") && names.contains("event_type")
            && (names.contains("event_id_cnty") || names.contains("event_id_no_cnty") || names.contains("data_id"))
        {
            return (.acled, true)
        }
        if names.contains("type_of_violence") && names.contains("side_a") && names.contains("side_b")
            && names.contains("date_start")
        {
            return (.ucdp, true)
        }
        if isHeaderlessUCDP(firstRow) { return (.ucdp, false) }
        return nil
    }

    /// True when `row` looks like a UCDP GED data row (a release shipped without a header row).
    static func isHeaderlessUCDP(_ row: [String]) -> Bool {
        guard row.count == ucdpColumns.count else { return false }
        func field(_ name: String) -> String { row[ucdpColumns.firstIndex(of: name)!].trimmingSpaces }
        guard let id = Int(field("id")), id >= 0,
            let year = Int(field("year")), (1989...2100).contains(year),
            let violence = Int(field("type_of_violence")), (1...3).contains(violence)
        else { return false }
        return ImportDate.parse(field("date_start")) != nil
    }
}
