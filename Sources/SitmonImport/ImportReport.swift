import SitmonCore

/// What an import did: rows read, records imported, rows skipped (with why), revisions replaced, warnings.
public struct ImportReport: Sendable {
    /// The file as named in messages.
    public var file: String
    public var format: ImportFormat
    /// The delimiter the header line showed (`,`, `;` or tab).
    public var delimiter: Character
    /// Data rows read (not counting the header and blank lines).
    public var rowsRead = 0
    /// Records in the dataset.
    public var recordsImported = 0
    /// Of which incidents (the rest are timeline events).
    public var incidents = 0
    /// One diagnostic per row skipped: file, line, `row N`, why.
    public var skipped: [Diagnostic] = []
    /// ACLED rows replaced by a revision of the same event (same `event_id_cnty`, higher `timestamp`), or older
    /// than the kept revision.
    public var revisionsReplaced = 0
    /// ACLED's layout: one row per event (dyadic) or one row per actor side (monadic).
    public var layout: Layout = .dyadic
    /// Monadic layout: rows merged into another row's record as one more side of the same event (same
    /// `event_id_cnty` and `timestamp`), and the number of events built from more than one row.
    public var rowsMerged = 0
    public var eventsMerged = 0
    /// Problems that did not cost a row: invalid coordinates dropped, unknown event types, unknown regions.
    public var warnings: [Diagnostic] = []

    public init(file: String, format: ImportFormat, delimiter: Character = ",") {
        self.file = file
        self.format = format
        self.delimiter = delimiter
    }

    /// An ACLED export's layout.
    public enum Layout: String, Sendable {
        /// One row per event: actor1 and actor2 (the usual export).
        case dyadic
        /// One row per actor side: no actor2, assoc_actor_2 or inter2; the rows of an event share its id.
        case monadic
    }

    /// `FILE (ACLED): 12 rows read, 11 records imported (8 incidents, 3 events), 1 revision replaced,
    /// 0 rows skipped, 1 warning`; a monadic export adds `monadic layout: 4 rows merged into 3 events`.
    public var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var text =
            "\(file) (\(format.displayName)): \(plural(rowsRead, "row")) read, "
            + "\(plural(recordsImported, "record")) imported (\(plural(incidents, "incident")), "
            + "\(plural(recordsImported - incidents, "event"))), "
            + "\(plural(revisionsReplaced, "revision")) replaced, \(plural(skipped.count, "row")) skipped, "
            + plural(warnings.count, "warning")
        if format == .acled && layout == .monadic {
            text +=
                "; monadic layout (one row per side): \(plural(rowsMerged, "row")) merged into "
                + "\(plural(eventsMerged, "event")) with several sides"
        }
        return text
    }
}
