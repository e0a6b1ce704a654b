import SitmonCore

/// What the ACLED and UCDP importers share while reading one file: its name, the header's columns, the options,
/// and the report being filled (bad rows skipped, or in strict mode the first one thrown).
struct ImportContext {
    /// The file as named in messages (`<stdin>` for standard input).
    let file: String
    let input: CSVInput
    let options: ImportOptions
    var report: ImportReport
    /// Normalised header name → first column holding it.
    let columns: [String: Int]
    /// Number of columns the header names.
    let width: Int
    /// The line of the header row.
    let headerLine: Int

    init(
        file: String, input: CSVInput, options: ImportOptions, format: ImportFormat, header: [String],
        headerLine: Int
    ) {
        self.file = file
        self.headerLine = headerLine
        self.input = input
        self.options = options
        report = ImportReport(file: file, format: format, delimiter: input.delimiter)
        var columns: [String: Int] = [:]
        for (k, name) in header.enumerated() {
            let key = ImportFormat.normalisedColumn(name)
            if !key.isEmpty && columns[key] == nil { columns[key] = k }
        }
        self.columns = columns
        width = header.count
    }

    /// The file name without directories, for titles.
    var fileName: String {
        file.split(separator: "/").last.map(String.init) ?? file
    }

    /// The first of `names` the header holds.
    func column(_ names: String...) -> Int? {
        for name in names { if let k = columns[name] { return k } }
        return nil
    }

    /// A `LoadError` for the header: missing required columns, one diagnostic each.
    func missingColumns(_ names: [String], format: ImportFormat) -> LoadError {
        LoadError(
            kind: .invalidData,
            diagnostics: names.map { name in
                Diagnostic(
                    file: file, line: headerLine, path: "header",
                    message:
                        "missing required column '\(name)' for a\(format == .acled ? "n" : "") \(format.displayName) export"
                )
            })
    }

    /// Why a row cannot be read at all: too few fields (or extra non-empty ones), or invalid UTF-8.
    func shapeProblem(_ row: CSVRow) -> String? {
        if let line = input.invalidLine(in: row.line..<(row.line + row.lineCount)) {
            return "invalid UTF-8 on line \(line) (save the file as UTF-8; a spreadsheet may have written Windows-1252)"
        }
        if row.count < width {
            return "has \(row.count) field\(row.count == 1 ? "" : "s"), expected \(width)"
                + " (a missing delimiter, or an unclosed quote?)"
        }
        if row.count > width && (width..<row.count).contains(where: { !row.field($0).trimmingSpaces.isEmpty }) {
            return "has \(row.count) fields, expected \(width) (an unquoted delimiter inside a field?)"
        }
        return nil
    }

    /// Records a bad row: skipped and reported, or in strict mode the end of the import.
    mutating func badRow(_ row: CSVRow, _ message: String) throws(LoadError) {
        let diagnostic = Diagnostic(file: file, line: row.line, path: "row \(row.number)", message: message)
        if options.strict {
            throw LoadError(
                kind: .invalidData,
                diagnostics: [
                    Diagnostic(
                        file: file, line: row.line,
                        path: "row \(row.number)", message: message + " (--strict stops at the first bad row)")
                ])
        }
        report.skipped.append(diagnostic)
    }
}
