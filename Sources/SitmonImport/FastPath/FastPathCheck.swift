import SitmonCore

/// The property the fast-path fuzz target checks (`Fuzz/`, target `fastcsv`) and the differential tests assert:
/// an export imported by the fast path (ACLED or UCDP GED; on one thread, and split on two) gives exactly what the
/// general path gives — the same dataset written byte for byte, the same report — or the fast path declines.
public enum FastPathCheck {
    /// A description of the first difference, or nil when the paths agree on the file at `path`.
    public static func difference(path: String) -> String? {
        let general = generalResult(path: path)
        for (splitMinimum, chunk) in shapes {
            guard let fast = fastResult(path: path, splitMinimum: splitMinimum, fillChunk: chunk).text else { continue }
            if fast != general {
                let a = fast.split(separator: "\n"), b = general.split(separator: "\n")
                let line = zip(a, b).first { $0 != $1 }.map { "fast: \($0.0)\ngeneral: \($0.1)" } ?? "(lengths differ)"
                let threads = splitMinimum == 1 ? "two threads" : "one thread"
                return "the fast path (\(threads), read \(chunk) bytes at a time) differs:\n" + line
            }
        }
        return nil
    }

    /// The ways the fast path is tried: on one thread and on two (a split minimum of 1), reading the file in its
    /// usual chunks, a few bytes at a time (every row then crosses what has been read), and 20 KB at a time (pages
    /// given back every 64 KB are moved under the next ones read: `FileBuffer`'s reuse).
    static let shapes: [(splitMinimum: Int, fillChunk: Int)] = [
        (.max, FillCursor.defaultChunk), (1, FillCursor.defaultChunk), (1, 13), (.max, 5), (1, 20_000),
    ]

    /// Everything the general path gives, as text: the dataset as sitmon JSON and the report; or the error.
    static func generalResult(path: String) -> String { result(path: path, fastPath: false) }

    /// Everything `CSVImporter.load` gives, as text, with the fast path tried first or not.
    static func result(path: String, fastPath: Bool) -> String {
        do {
            let (dataset, report) = try CSVImporter.load(
                path: path, format: nil, options: ImportOptions(), progress: nil, fastPath: fastPath)
            return describe(dataset, report)
        } catch {
            return "error: \(error.description)"
        }
    }

    /// The fast path's result as text (nil when it declines, with why).
    static func fastResult(
        path: String, splitMinimum: Int, fillChunk: Int = FillCursor.defaultChunk
    ) -> (text: String?, declined: String) {
        switch FastImport.load(
            path: path, name: path, format: nil, options: ImportOptions(), progress: nil, splitMinimum: splitMinimum,
            fillChunk: fillChunk)
        {
        case .imported(let dataset, let report): return (describe(dataset, report), "")
        case .declined(let why): return (nil, why)
        }
    }

    static func describe(_ dataset: Dataset, _ report: ImportReport) -> String {
        String(decoding: DatasetWriter.write(dataset, selection: .all(dataset)), as: UTF8.self)
            + "\n" + report.summary + "\nlayout \(report.layout) delimiter \(report.delimiter)"
            + "\nwarnings:\n" + report.warnings.map { "\($0)" }.joined(separator: "\n")
            + "\nskipped:\n" + report.skipped.map { "\($0)" }.joined(separator: "\n")
    }
}
