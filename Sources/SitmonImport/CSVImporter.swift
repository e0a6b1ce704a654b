#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import SitmonCore

/// Imports ACLED and UCDP GED CSV exports as sitmon datasets. The CSV itself is parsed by CSV.swift's `CSVReader`;
/// this type finds the format and delimiter, numbers rows by physical line, and hands the rows to the ACLED or
/// UCDP mapping. Everything it builds passes `DatasetLoader`'s checks once written with `DatasetWriter`.
///
/// Text: UTF-8 with or without BOM, or UTF-16 with a BOM. A row holding bytes that are not valid UTF-8 is a bad
/// row ("invalid UTF-8 on line N"), skipped or, with `strict`, fatal; invalid UTF-8 in the header is fatal.
public enum CSVImporter {
    /// Imports the export at `path` (`-` reads standard input). `format` nil detects it from the header.
    /// Throws `.unreadable` for a missing or unreadable file, `.invalidData` for an empty file, an unknown format,
    /// a missing required column or (with `options.strict`) the first bad row.
    /// `progress`, when given, counts the bytes and rows read (another thread may read it).
    public static func load(
        path: String, format: ImportFormat? = nil, options: ImportOptions = ImportOptions(),
        progress: LoadProgress? = nil
    ) throws(LoadError) -> (Dataset, ImportReport) {
        try load(path: path, format: format, options: options, progress: progress, fastPath: fastPathEnabled)
    }

    /// False when SITMON_IMPORT_FAST=0: imports use the general path only (benchmarks compare the two).
    static var fastPathEnabled: Bool { getenv("SITMON_IMPORT_FAST").map { String(cString: $0) != "0" } ?? true }

    /// `fastPath` false imports with the general path only (the differential tests compare the two).
    static func load(
        path: String, format: ImportFormat?, options: ImportOptions, progress: LoadProgress?, fastPath: Bool
    ) throws(LoadError) -> (Dataset, ImportReport) {
        progress?.start(file: path, totalBytes: 0)
        var info = stat()
        if path != "-", stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
            Int64(info.st_size) >= Int64(CSVRow.escaped)
        {
            throw LoadError(kind: .invalidData, diagnostics: [Diagnostic(file: path, path: "", message: tooLarge)])
        }
        if path != "-" && fastPath {
            switch FastImport.load(path: path, name: path, format: format, options: options, progress: progress) {
            case .imported(let dataset, let report): return (dataset, report)
            case .declined: break
            }
        }
        // Reading stops at a header no export has (`< /dev/zero`, a file of NULs: at its first byte).
        var screen = CSVHeaderScreen()
        var bytes: [UInt8]
        if path != "-", let head = try FileReader.prescreen(path: path, screen: screen) {
            bytes = head  // a file of NULs: its first byte, not 1.5 GB read
        } else {
            bytes = try FileReader.read(path: path, limit: options.maxInput ?? InputLimit.current, screen: &screen)
        }
        return try load(
            bytes: bytes, name: path == "-" ? "<stdin>" : path, format: format, options: options,
            progress: progress)
    }

    /// Imports an export from its bytes; `name` names it in messages and gives the dataset its id and title.
    public static func load(
        bytes: [UInt8], name: String, format: ImportFormat? = nil,
        options: ImportOptions = ImportOptions(),
        progress: LoadProgress? = nil
    ) throws(LoadError) -> (Dataset, ImportReport) {
        try load(
            bytes: bytes, name: name, format: format, options: options, progress: progress,
            splitMinimum: CSVRows.splitMinimum)
    }

    /// `splitMinimum`: texts of at least this many bytes are read on two threads (tests force or forbid it).
    static func load(
        bytes: [UInt8], name: String, format: ImportFormat?, options: ImportOptions,
        progress: LoadProgress?, splitMinimum: Int
    ) throws(LoadError) -> (Dataset, ImportReport) {
        func fail(_ message: String, line: Int? = nil) -> LoadError {
            LoadError(
                kind: .invalidData,
                diagnostics: [
                    Diagnostic(file: name, line: line, path: line == nil ? "" : "header", message: message)
                ])
        }
        progress?.start(file: name, totalBytes: bytes.count)
        progress?.set(.parsing)
        guard bytes.count < Int(CSVRow.escaped) else {
            throw fail(tooLarge)
        }
        let input = CSVInput(bytes: bytes)
        var rows = input.rows(splitMinimum: splitMinimum)
        rows.progress = progress
        var first: CSVRow?
        while let row = rows.next() {
            if !row.isBlank { first = row; break }
        }
        guard let header = first else {
            throw fail("the file is empty, expected an ACLED or UCDP GED export (CSV with a header row)")
        }
        if let line = input.invalidLine(in: header.line..<(header.line + header.lineCount)) {
            throw fail("invalid UTF-8 in the header row (save the file as UTF-8)", line: line)
        }
        if header.fields.contains(where: { $0.utf8.contains(0) }) {
            throw fail("a NUL byte in the header row: this is not a CSV text file", line: header.line)
        }
        let detected = ImportFormat.detection(firstRow: header.fields)
        let chosen: ImportFormat
        if let format {
            if let detected, detected.format != format {
                // (So a header of the other format never reaches the importers' missing-column messages.)
                throw fail(
                    "this is a\(detected.format == .acled ? "n" : "") \(detected.format.displayName) export, "
                        + "not \(format.displayName): "
                        + "use `sitmon import \(detected.format.rawValue)`", line: header.line)
            }
            chosen = format
        } else if let detected {
            chosen = detected.format
        } else {
            throw fail(
                "cannot tell the format: the header names neither ACLED columns (event_id_cnty, event_date, "
                    + "event_type, actor1) nor UCDP GED columns (type_of_violence, side_a, side_b, date_start)",
                line: header.line)
        }
        if chosen == .ucdp && detected?.hasHeader == false {
            let context = ImportContext(
                file: name, input: input, options: options, format: .ucdp,
                header: ImportFormat.ucdpColumns, headerLine: 0)
            var importer = try UCDPImporter(context: context)
            return try importer.run(&rows, first: header)
        }
        let context = ImportContext(
            file: name, input: input, options: options, format: chosen,
            header: header.fields, headerLine: header.line)
        switch chosen {
        case .acled:
            var importer = try ACLEDImporter(context: context)
            return try importer.run(&rows)
        case .ucdp:
            var importer = try UCDPImporter(context: context)
            return try importer.run(&rows, first: nil)
        }
    }

    static let tooLarge =
        "the file is larger than 2 GiB: split the export (ACLED's export tool filters by country and year)"

    /// True when `path` should be imported rather than loaded as a sitmon dataset: a `.csv`, `.tsv` or `.tab` file,
    /// or any file other than `.json` whose first line is an ACLED or UCDP GED header. For `--data FILE`.
    public static func canImport(path: String) -> Bool {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return true }
        if lower.hasSuffix(".json") || path == "-" { return false }
        return sniff(path: path) != nil
    }

    /// The format of the file at `path` from its first 64 KiB, or nil (unreadable, JSON, not a known export).
    public static func sniff(path: String) -> ImportFormat? {
        // Only regular files: opening a FIFO without a writer would block, and a device never ends. (Checked
        // before opening, and opened non-blocking against a swap in between.)
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var prefix = [UInt8](repeating: 0, count: 1 << 16)
        let n = prefix.withUnsafeMutableBytes { raw in raw.baseAddress.map { read(fd, $0, raw.count) } ?? 0 }
        guard n > 0 else { return nil }
        prefix.removeSubrange(n...)
        if let firstByte = prefix.first(where: {
            $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF
                && $0 != 0xBB && $0 != 0xBF
        }),
            firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[")
        {
            return nil
        }
        // Only whole lines: drop a last line cut by the 64 KiB limit.
        if n == prefix.count && n == 1 << 16, let lastBreak = prefix.lastIndex(of: 0x0A) {
            prefix.removeSubrange((lastBreak + 1)...)
        }
        var rows = CSVInput(bytes: prefix).rows()
        while let row = rows.next() {
            if !row.isBlank { return ImportFormat.detect(header: row.fields) }
        }
        return nil
    }
}
