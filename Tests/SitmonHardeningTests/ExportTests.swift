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
    static let numericColumns: Set<String> = [
        "latitude", "longitude", "fatalities", "fatalities_low", "fatalities_high",
    ]
    /// Columns whose values come from fixed vocabularies or formats, never from free text.
    static let fixedColumns: Set<String> = [
        "kind", "date", "date_precision", "end", "time_utc", "category", "severity",
    ]

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
                    #expect(
                        cell.isEmpty || Double(cell) != nil, "\(column) = \(cell.debugDescription) is a plain number")
                    continue
                }
                if Self.fixedColumns.contains(column) { continue }
                if let first = cell.first {
                    #expect(
                        !Self.formulaStarts.contains(first),
                        "\(column) = \(cell.debugDescription) could run as a formula")
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
            Dictionary(
                uniqueKeysWithValues: (0..<d.records.count).map { i in
                    let r = d.record(i)
                    return (
                        r.id,
                        [
                            r.title, r.summary, r.location, r.target, r.originalType, r.note,
                            r.fatalities?.note,
                        ] + r.actors.map(\.role) + r.figures.map(\.label)
                            + r.alternatives.map(\.value)
                    )
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
            #expect(
                name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }, "\(name)"
            )
            #expect(!name.contains(".."), "\(name)")
        }
    }

    // MARK: Issue 16

    @Test("CSV and Markdown carry no raw control: ESC is ␛ as in the monitor; JSON escapes C1, bidi and U+2028")
    func noRawControls() throws {
        for name in ["escapes.json", "escapes-names.json"] {
            let engine = QueryEngine(dataset: try DatasetLoader.load(path: Corpus.path(name)))
            let view = engine.run(.all)
            // CSV: tab, LF and the CR LF of a line break are the only controls left (inside quoted cells).
            let csv = String(decoding: Exporter.export(view, of: engine, as: .csv), as: UTF8.self)
            #expect(
                UnsafeText.offenders(csv, allowing: [0x09, 0x0A, 0x0D]).isEmpty,
                "\(name): \(UnsafeText.offenders(csv, allowing: [0x09, 0x0A, 0x0D]))")
            let rows = try CSVReader.parse(Array(csv.utf8))
            for cell in rows.joined() {
                let scalars = Array(cell.unicodeScalars)
                for (k, s) in scalars.enumerated() where s == "\r" {
                    #expect(k + 1 < scalars.count && scalars[k + 1] == "\n", "a lone CR in \(cell.debugDescription)")
                }
            }
            #expect(csv.contains("␛]52;c;"), "\(name)")
            let md = String(decoding: Exporter.export(view, of: engine, as: .md), as: UTF8.self)
            #expect(
                UnsafeText.offenders(md, allowing: [0x0A]).isEmpty,
                "\(name): \(UnsafeText.offenders(md, allowing: [0x0A]))")
            #expect(md.contains("␛\\]52;c;"), "\(name)")  // `]` is escaped in Markdown
            let json = Exporter.export(view, of: engine, as: .json)
            let jsonText = String(decoding: json, as: UTF8.self)
            #expect(UnsafeText.offenders(jsonText, allowing: [0x0A]).isEmpty, "\(name)")
            #expect(!jsonText.unicodeScalars.contains { $0.value == 0x2028 || $0.value == 0x2029 })
            #expect(jsonText.contains(#"\u001b]52;c;"#) && jsonText.contains(#"\u009b31m"#))
            if name == "escapes.json" { #expect(jsonText.contains(#"\u202e"#) && jsonText.contains(#"\u2066"#)) }
            if name == "escapes-names.json" { #expect(jsonText.contains(#"\u2028sep\u2029para"#)) }
            // Nothing is lost: the JSON reads back to the same text (it holds the actors the records name).
            let reloaded = try DatasetLoader.load(bytes: json, name: "export.json")
            #expect(Set(reloaded.actors.map(\.name)).isSubset(of: engine.dataset.actors.map(\.name)))
            #expect(
                (0..<reloaded.records.count).map { reloaded.title($0) }
                    == (0..<engine.dataset.records.count).map { engine.dataset.title($0) })
        }
    }

    @Test("CSV: a cell holding only ESC and BEL comes out visible")
    func escAndBelCell() throws {
        let engine = QueryEngine(dataset: try DatasetLoader.load(path: Corpus.path("escapes-names.json")))
        let rows = try CSVReader.parse(Exporter.export(engine.run(.all), of: engine, as: .csv))
        let header = try #require(rows.first)
        let location = try #require(header.firstIndex(of: "location"))
        #expect(rows.dropFirst().contains { $0[location] == "␛␇" })
        var out = ByteWriter()
        out.appendCSVField("\u{1B}\u{07}")
        #expect(String(decoding: out.bytes, as: UTF8.self) == "␛␇")
    }

    @Test("Markdown drops Tag characters and BOMs, and turns U+2028/U+2029 into spaces")
    func markdownInvisibles() throws {
        let engine = QueryEngine(dataset: try DatasetLoader.load(path: Corpus.path("escapes-names.json")))
        let md = String(decoding: Exporter.export(engine.run(.all), of: engine, as: .md), as: UTF8.self)
        #expect(
            !md.unicodeScalars.contains {
                (0xE0000...0xE007F).contains($0.value) || $0.value == 0x2028
                    || $0.value == 0x2029 || $0.value == 0xFEFF
            })
        #expect(md.contains("Tags line sep para bom zw\u{200B}sp"), "\(md)")
    }

    /// What each title of `formula-variants.json` must read as in the CSV (a spreadsheet's view of the cell).
    static let formulaCells: [String: String] = [
        " =1+1": "' =1+1", "   =1+1": "'   =1+1", "\u{A0}=1+1": "'\u{A0}=1+1", "\u{FEFF}=1+1": "'\u{FEFF}=1+1",
        "\u{200B}=1+1": "'\u{200B}=1+1", "\n=1+1": "'\n=1+1", "\u{3000}=1+1": "'\u{3000}=1+1",
        "＝1+1": "'＝1+1", "＋1+1": "'＋1+1", "－1+1": "'－1+1", "＠SUM(A1)": "'＠SUM(A1)", "﹦1+1": "'﹦1+1",
        " \t=1+1": "' \t=1+1", ";=1+1": ";=1+1", "a;=1+1": "a;=1+1", "tab\there": "tab\there", "\r=1+1": "'\n=1+1",
        "=1+1": "'=1+1", "plain text": "plain text", "-": "'-", " ": " ",
    ]

    @Test("CSV: formula starts after spaces or invisible characters, full-width forms, a leading LF are neutralised")
    func formulaVariants() throws {
        let engine = QueryEngine(dataset: try DatasetLoader.load(path: Corpus.path("formula-variants.json")))
        let bytes = Exporter.export(engine.run(.all), of: engine, as: .csv)
        let rows = try CSVReader.parse(bytes)
        let header = try #require(rows.first)
        let title = try #require(header.firstIndex(of: "title")),
            summary = try #require(header.firstIndex(of: "summary"))
        var seen = Set<String>()
        for row in rows.dropFirst() where row[1].hasPrefix("v") {  // the variants (the base's incident is i1)
            let id = row[1]
            let index = try #require((0..<engine.dataset.records.count).first { engine.dataset.records.id($0) == id })
            let original = engine.dataset.title(index)
            let expected = try #require(Self.formulaCells[original], "no expectation for \(original.debugDescription)")
            #expect(row[title] == expected, "\(original.debugDescription) → \(row[title].debugDescription)")
            #expect(row[summary] == expected)
            seen.insert(original)
        }
        #expect(seen == Set(Self.formulaCells.keys))
        // Cells holding ';' or a tab are quoted: with ';' as the separator, `;=1+1` is not a cell of its own.
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\";=1+1\""))
        #expect(text.contains("\"a;=1+1\"") && text.contains("\"tab\there\""))
    }

    @Test(
        "CSV field writer: the OWASP trigger set after any blank prefix",
        arguments: [
            " =1", "\u{A0}+1", "\u{FEFF}-1", "\u{200B}@A", "\n=1", "\u{2003}=1", "\u{2060}=1", "＝1", "＋1", "－1", "＠1",
            "﹦1", "﹢1", "﹣1", "\t", "\r", "=", "+", "-", "@",
        ])
    func neutralisedField(text: String) {
        var out = ByteWriter()
        out.appendCSVField(text)
        let written = String(decoding: out.bytes, as: UTF8.self)
        #expect(
            written.hasPrefix("'") || written.hasPrefix("\"'"), "\(text.debugDescription) → \(written.debugDescription)"
        )
    }

    @Test("CSV field writer: no control up to U+3000 comes out raw, wherever it is in the cell")
    func everyScalarInACell() {
        for v in UInt32(0)..<0x3000 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            for text in ["a\(scalar)b", "\(scalar)", "é\(scalar)"] {
                var out = ByteWriter()
                out.appendCSVField(text)
                let written = String(decoding: out.bytes, as: UTF8.self)
                let offenders = UnsafeText.offenders(written, allowing: [0x09, 0x0A])
                #expect(
                    offenders.isEmpty,
                    "U+\(String(v, radix: 16)) in \(text.debugDescription) → \(written.debugDescription)")
            }
        }
    }
}
