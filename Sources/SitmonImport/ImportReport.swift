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
    /// ACLED rows replaced by a revision of the same event (same `event_id_cnty`, higher `timestamp`).
    public var revisionsReplaced = 0
    /// Problems that did not cost a row: invalid coordinates dropped, unknown event types, unknown regions.
    public var warnings: [Diagnostic] = []

    public init(file: String, format: ImportFormat, delimiter: Character = ",") {
        self.file = file
        self.format = format
        self.delimiter = delimiter
    }

    /// `FILE (ACLED): 12 rows read, 11 records imported (8 incidents, 3 events), 1 revision replaced,
    /// 0 rows skipped, 1 warning`.
    public var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(file) (\(format.displayName)): \(plural(rowsRead, "row")) read, "
            + "\(plural(recordsImported, "record")) imported (\(plural(incidents, "incident")), "
            + "\(plural(recordsImported - incidents, "event"))), "
            + "\(plural(revisionsReplaced, "revision")) replaced, \(plural(skipped.count, "row")) skipped, "
            + plural(warnings.count, "warning")
    }
}
