import Foundation
import Testing
@testable import SitmonCore

/// Exports of the escape-laden dataset: CSV cells cannot run as spreadsheet formulas, JSON stays valid and reloads
/// to the same text, Markdown cannot inject markup, HTML or table cells.
@Suite("Hostile text in exports")
struct ExportTests {
    static func engine() throws -> QueryEngine {
        QueryEngine(dataset: try DatasetLoader.load(path: Corpus.path("escapes.json")))
    }

    /// A lone CR is written as LF (the dataset's `\r=cr start` cells), so it is LF that is seen neutralised.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\n"]
    static let numericColumns: Set<String> = ["latitude", "longitude", "fatalities", "fatalities_low", "fatalities_high"]
    /// Columns whose values come from fixed vocabularies or formats, never from free text.
    static let fixedColumns: Set<String> = ["kind", "date", "date_precision", "end", "time_utc", "category", "severity"]

    @Test("CSV: cells starting with = + - @ tab or a line break are neutralised; numbers are untouched")
    func csv() throws {
        let engine = try Self.engine()
        let view = engine.run(.all)
        let bytes = Exporter.export(view, of: engine, as: .csv)
        let rows = try CSVReader.parse(bytes)
        let header = try #require(rows.first)
        #expect(header == CSVExport.columns)
        #expect(rows.count == view.records.count + 1)
        var neutralised = Set<Character>()
        for row in rows.dropFirst() {
            #expect(row.count == header.count, "\(row)")
            for (column, cell) in zip(header, row) {
                if Self.numericColumns.contains(column) {
                    #expect(cell.isEmpty || Double(cell) != nil, "\(column) = \(cell.debugDescription) is a plain number")
                    continue
                }
                if Self.fixedColumns.contains(column) { continue }
                if let first = cell.first {
                    #expect(!Self.formulaStarts.contains(first), "\(column) = \(cell.debugDescription) could run as a formula")
                }
                if cell.hasPrefix("'"), let second = cell.dropFirst().first, Self.formulaStarts.contains(second) {
                    neutralised.insert(second)
                }
            }
        }
        // The dataset puts each dangerous first character in some text field: all of them were neutralised.
        #expect(neutralised == Self.formulaStarts, "neutralised: \(neutralised.sorted())")
        // Negative coordinates and figures stay numbers (no apostrophe).
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(",-12.75,-8.125,"))
        #expect(text.contains(",15.25,-3.5,"))
    }

    @Test("CSV: ids, numbers and dates of ordinary rows are not prefixed")
    func csvLeavesOrdinaryCellsAlone() throws {
        let engine = QueryEngine(dataset: try DatasetLoader.load(path: Corpus.path("valid-base.json")))
        let rows = try CSVReader.parse(Exporter.export(engine.run(.all), of: engine, as: .csv))
        #expect(!rows.joined().contains { $0.hasPrefix("'") })
    }

    @Test("JSON: the export parses with JSONSerialization and reloads to the same text")
    func json() throws {
        let engine = try Self.engine()
        let view = engine.run(.all)
        let bytes = Exporter.export(view, of: engine, as: .json)
        let object = try JSONSerialization.jsonObject(with: Data(bytes))
        let document = try #require(object as? [String: Any])
        #expect(document["format"] as? String == "sitmon-dataset")
        // No raw control character anywhere in the file: they are all escaped.
        #expect(!bytes.contains { $0 < 0x20 && $0 != 0x0A })
        let original = engine.dataset
        let reloaded = try DatasetLoader.load(bytes: bytes, name: "export.json")
        #expect(reloaded.counts == original.counts)
        #expect(reloaded.info.title == original.info.title)
        #expect(reloaded.actors.map(\.name) == original.actors.map(\.name))
        #expect(reloaded.actors.map(\.aliases) == original.actors.map(\.aliases))
        #expect(reloaded.regions.map(\.name) == original.regions.map(\.name))
        #expect(reloaded.sources.map(\.title) == original.sources.map(\.title))
        #expect(reloaded.assessments.map(\.statement) == original.assessments.map(\.statement))
        func texts(_ d: Dataset) -> [String: [String?]] {
            Dictionary(uniqueKeysWithValues: (0..<d.records.count).map { i in
                let r = d.record(i)
                return (r.id, [r.title, r.summary, r.location, r.target, r.originalType, r.note,
                               r.fatalities?.note] + r.actors.map(\.role) + r.figures.map(\.label)
                               + r.alternatives.map(\.value))
            })
        }
        #expect(texts(reloaded) == texts(original))
        // And the JSON of the reloaded dataset is byte for byte the same.
        let again = QueryEngine(dataset: reloaded)
        #expect(Exporter.export(again.run(.all), of: again, as: .json) == bytes)
    }

    @Test("Markdown: | ` < > are escaped, controls and bidi overrides dropped, table rows keep their cells")
    func markdown() throws {
        let engine = try Self.engine()
        let bytes = Exporter.export(engine.run(.all), of: engine, as: .md)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("<script>"))
        #expect(!text.contains("<b>"))
        #expect(text.contains("&lt;script&gt;alert('x')&lt;/script&gt;"))
        #expect(text.contains("\\| pipe \\`tick\\`"))
        #expect(text.contains("\\[link\\](javascript:alert(1)) \\*em\\* \\_u\\_ \\# h &amp;amp;"))
        let offenders = UnsafeText.offenders(text, allowing: [0x0A, 0x200E, 0x200F, 0x061C])
        #expect(offenders.isEmpty, "\(offenders)")
        #expect(UnsafeText.offenders(text, allowing: [0x0A]).isEmpty)
    
        // Every table row has as many unescaped '|' as its header.
        var columns: Int?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where line.hasPrefix("|") {
            var pipes = 0
            var escaped = false
            for c in line {
                if escaped { escaped = false; continue }
                if c == "\\" { escaped = true } else if c == "|" { pipes += 1 }
            }
            if line.hasPrefix("| Date") || line.hasPrefix("| Region") || line.hasPrefix("| Actor") { columns = pipes }
            #expect(pipes == columns, "a row with \(pipes) cells separators: \(line)")
        }
    }

    @Test("default export file names are slugs, whatever the names in the data")
    func fileNames() throws {
        let engine = try Self.engine()
        var filter = Filter.all
        filter.actors = [0, 2]
        filter.regions = [0, 1]
        filter.text = "../../etc/passwd \u{1B}[2J"
        let view = engine.run(filter)
        for format in ExportFormat.allCases {
            let name = Exporter.defaultFileName(view, engine.dataset, format)
            #expect(name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }, "\(name)")
            #expect(!name.contains(".."), "\(name)")
        }
    }
}
