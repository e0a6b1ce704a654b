/// Export formats of a view.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, json, md

    /// The file extension.
    public var fileExtension: String { rawValue }

    public var label: String {
        switch self {
        case .csv: "CSV (one row per record)"
        case .json: "JSON (a sitmon dataset)"
        case .md: "Markdown briefing"
        }
    }
}

/// Writes the current view in each format. The monitor and `sitmon export` both call this with the same view,
/// so they produce the same bytes.
public enum Exporter {
    /// The bytes of `view` in `format`.
    public static func export(_ view: View, of engine: QueryEngine, as format: ExportFormat) -> [UInt8] {
        var whole: [UInt8] = []
        write(view, of: engine, as: format) { piece in
            whole.append(contentsOf: piece)
            return true
        }
        return whole
    }

    /// Hands the bytes of `view` in `format` to `sink` piece by piece as they are made (a large CSV export a few
    /// thousand rows at a time, so that it is never held whole); `sink` returns false to stop (a write failed).
    public static func write(
        _ view: View, of engine: QueryEngine, as format: ExportFormat, to sink: ([UInt8]) -> Bool
    ) {
        switch format {
        case .csv: CSVExport.write(view, engine.dataset, to: sink)
        case .json: _ = sink(DatasetWriter.write(engine.dataset, selection: .closure(of: view, in: engine.dataset)))
        case .md: _ = sink(MarkdownBriefing.write(view, engine))
        }
    }

    /// A default file name for an export: `sitmon-mali-jnim-mopti.md`.
    public static func defaultFileName(_ view: View, _ dataset: Dataset, _ format: ExportFormat) -> String {
        var parts = ["sitmon", dataset.info.id.isEmpty ? "view" : dataset.info.id]
        for a in view.filter.actors.prefix(2) { parts.append(slug(dataset.actorLabel(a))) }
        for r in view.filter.regions.prefix(2) { parts.append(slug(dataset.regionLabel(r))) }
        if !view.filter.text.trimmingSpaces.isEmpty { parts.append(slug(view.filter.text)) }
        return parts.filter { !$0.isEmpty }.joined(separator: "-") + "." + format.fileExtension
    }

    /// Lowercase ASCII letters, digits and dashes only.
    static func slug(_ text: String) -> String {
        let folded = TextFolding.fold(text)
        var out = ""
        for c in folded {
            if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) {
                out.append(Character(Unicode.Scalar(c)))
            } else if !out.hasSuffix("-") && !out.isEmpty {
                out.append("-")
            }
            if out.count >= 24 { break }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}

/// CSV: one row per record in the view, RFC 4180, UTF-8, a header row, a stable column order.
public enum CSVExport {
    /// The columns, in order.
    public static let columns = [
        "kind", "id", "date", "date_precision", "end", "time_utc", "category", "severity", "title", "regions",
        "location", "latitude", "longitude", "actors", "perpetrators", "target", "fatalities", "fatalities_low",
        "fatalities_high", "summary", "original_type", "sources", "source_ids", "source_date_precision",
        "geo_precision", "admin1", "admin2", "admin3", "source_scale", "tags",
    ]

    /// Views at least this large are written on two threads, a block of rows each at a time.
    static let parallelMinimum = 20_000
    /// Rows of a block (about 3 MB of CSV).
    static let blockRows = 8_192

    /// The CSV in one buffer.
    static func write(_ view: View, _ dataset: Dataset, parallelMinimum: Int = parallelMinimum) -> [UInt8] {
        var whole: [UInt8] = []
        write(view, dataset, parallelMinimum: parallelMinimum) { piece in
            whole.append(contentsOf: piece)
            return true
        }
        return whole
    }

    /// The CSV handed to `sink` in one piece, or for a large view in blocks of `blockRows` rows, written on two
    /// threads and handed over in order as the next are written (the same bytes); stops when `sink` returns false.
    static func write(
        _ view: View, _ dataset: Dataset, parallelMinimum: Int = parallelMinimum, blockRows: Int = blockRows,
        to sink: ([UInt8]) -> Bool
    ) {
        let rows = CSVRowWriter(dataset)
        let records = view.records
        let header = columns.joined(separator: ",") + "\r\n"
        guard records.count >= parallelMinimum else {
            var out = ByteWriter(capacity: max(1 << 16, records.count * 300))
            out.append(header)
            rows.write(records[...], into: &out)
            _ = sink(out.bytes)
            return
        }
        // Two threads write the blocks, this one hands them over in order (`CSVBlocks`).
        CSVBlocks(records, writer: rows, header: header, blockRows: blockRows).drain(to: sink)
    }
}
