import SitmonCore

/// An `ImportReport` in the import cache's snapshot, so that a cached open reports exactly what the import did.
enum ImportReportCoding {
    static func encode(_ report: ImportReport) -> [UInt8] {
        var e = SnapshotEncoder()
        e.string(report.file)
        e.string(report.format.rawValue)
        e.string(String(report.delimiter))
        e.int(report.rowsRead)
        e.int(report.recordsImported)
        e.int(report.incidents)
        e.int(report.revisionsReplaced)
        e.string(report.layout.rawValue)
        e.int(report.rowsMerged)
        e.int(report.eventsMerged)
        for list in [report.skipped, report.warnings] {
            e.u32(UInt32(truncatingIfNeeded: list.count))
            for d in list {
                e.string(d.file)
                e.optionalInt(d.line)
                e.optionalInt(d.column)
                e.string(d.path)
                e.string(d.message)
            }
        }
        return e.bytes
    }

    static func decode(_ bytes: [UInt8]) throws(SnapshotError) -> ImportReport {
        var d = SnapshotDecoder(bytes, section: "import-report")
        let file = try d.string()
        guard let format = ImportFormat(rawValue: try d.string()) else { throw d.fail("an unknown format") }
        let delimiter = try d.string()
        guard delimiter.count == 1, let character = delimiter.first else { throw d.fail("a bad delimiter") }
        var report = ImportReport(file: file, format: format, delimiter: character)
        report.rowsRead = try d.int()
        report.recordsImported = try d.int()
        report.incidents = try d.int()
        report.revisionsReplaced = try d.int()
        guard let layout = ImportReport.Layout(rawValue: try d.string()) else { throw d.fail("an unknown layout") }
        report.layout = layout
        report.rowsMerged = try d.int()
        report.eventsMerged = try d.int()
        var lists: [[Diagnostic]] = []
        for _ in 0..<2 {
            var list: [Diagnostic] = []
            for _ in 0..<(try d.count(minimumSize: 14)) {
                list.append(
                    Diagnostic(
                        file: try d.string(), line: try d.optionalInt(), column: try d.optionalInt(),
                        path: try d.string(), message: try d.string()))
            }
            lists.append(list)
        }
        report.skipped = lists[0]
        report.warnings = lists[1]
        try d.finish()
        return report
    }
}
