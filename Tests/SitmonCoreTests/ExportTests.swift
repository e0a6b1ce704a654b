import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonGenerate
#if canImport(Glibc)
    import Glibc
#endif

/// Exports of a view (CSV, JSON, Markdown), their escaping, and the atomic file writer.
///
/// Golden files: `Fixtures/golden/<view>.<format>` hold the exact bytes expected for four views of
/// `Fixtures/small.json`: "everything", "jnim-segou" (actor JNIM + region Ségou), "mopti-since-2021-06" (a range
/// that a year-dated record began before, with an assessment in it) and "nothing" (an empty view: the briefing
/// says what would widen it). After an intended change to an export format, regenerate them and review the diff:
///
///     SITMON_UPDATE_GOLDEN=1 swift test --scratch-path .build-coretests --filter SitmonCoreTests.ExportTests
@Suite("Exports")
struct ExportTests {
    let engine: QueryEngine

    init() throws {
        engine = QueryEngine(dataset: try Load.small())
    }

    static let updateGolden = ProcessInfo.processInfo.environment["SITMON_UPDATE_GOLDEN"] == "1"

    /// The golden views.
    static let goldenViews = ["everything", "jnim-segou", "mopti-since-2021-06", "nothing"]

    func view(_ name: String) throws -> View {
        switch name {
        case "everything": return engine.run(.all)
        case "jnim-segou":
            return engine.run(Filter(actors: [try engine.actor("jnim")], regions: [try engine.region("segou")]))
        case "mopti-since-2021-06":
            return engine.run(Filter(regions: [try engine.region("mopti")], since: PartialDate(iso: "2021-06")))
        case "nothing":
            return engine.run(
                Filter(
                    regions: [try engine.region("gao")], since: PartialDate(iso: "2021"),
                    text: "attack"))
        default: throw CancellationError()
        }
    }

    // MARK: Golden files

    @Test("exports match the golden files byte for byte", arguments: goldenViews, ExportFormat.allCases)
    func golden(viewName: String, format: ExportFormat) throws {
        let bytes = Exporter.export(try view(viewName), of: engine, as: format)
        let url = TestPaths.golden.appendingPathComponent("\(viewName).\(format.fileExtension)")
        if Self.updateGolden {
            try FileManager.default.createDirectory(at: TestPaths.golden, withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            Issue.record("missing golden file \(url.path); run with SITMON_UPDATE_GOLDEN=1 to create it")
            return
        }
        if Array(expected) != bytes {
            let got = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let want = String(decoding: expected, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false)
            let line =
                zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
            Issue.record(
                """
                \(viewName).\(format.fileExtension) differs from the golden file at line \(line + 1):
                  expected: \(line < want.count ? String(want[line]) : "<end>")
                  actual:   \(line < got.count ? String(got[line]) : "<end>")
                (SITMON_UPDATE_GOLDEN=1 rewrites the golden files after an intended change)
                """)
        }
    }

    @Test("a large view written on two threads gives the bytes of one pass", arguments: [2, 3, 1_001])
    func parallelCSV(records: Int) {
        let dataset = SyntheticDataset.make(records: 4_000, seed: 5)
        let engine = QueryEngine(dataset: dataset)
        var view = engine.run(.all)
        view.records = Array(view.records.prefix(records))
        let onePass = CSVExport.write(view, dataset, parallelMinimum: .max)
        let twoThreads = CSVExport.write(view, dataset, parallelMinimum: 2)
        #expect(twoThreads == onePass)
        #expect(onePass.filter { $0 == 0x0A }.count >= records + 1)
        // In blocks of a few rows, two at a time, handed over in order; and stopped when the sink says so.
        var blocks: [[UInt8]] = []
        CSVExport.write(view, dataset, parallelMinimum: 2, blockRows: 7) { block in
            blocks.append(block)
            return true
        }
        #expect(Array(blocks.joined()) == onePass)
        #expect(blocks.count == (records + 6) / 7)
        var handed = 0
        CSVExport.write(view, dataset, parallelMinimum: 2, blockRows: 7) { _ in
            handed += 1
            return false
        }
        #expect(handed == 1)
    }

    @Test("the same view exports the same bytes every time")
    func deterministic() throws {
        for format in ExportFormat.allCases {
            let a = Exporter.export(try view("everything"), of: engine, as: format)
            let b = Exporter.export(QueryEngine(dataset: try Load.small()).run(.all), of: engine, as: format)
            #expect(a == b, "\(format) export is not deterministic")
        }
    }

    @Test("default file names say what the view holds")
    func defaultFileNames() throws {
        #expect(Exporter.defaultFileName(try view("everything"), engine.dataset, .csv) == "sitmon-small.csv")
        #expect(Exporter.defaultFileName(try view("jnim-segou"), engine.dataset, .md) == "sitmon-small-jnim-segou.md")
        let search = engine.run(Filter(text: "N’Daw / détenu"))
        #expect(Exporter.defaultFileName(search, engine.dataset, .json) == "sitmon-small-n-daw-detenu.json")
    }

    // MARK: CSV

    /// Parses RFC 4180 CSV (CRLF rows, quoted fields with doubled quotes).
    static func parseCSV(_ bytes: [UInt8]) -> [[String]] {
        let text = String(decoding: bytes, as: UTF8.self)
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)
        chars.append("\u{0}")
        var k = 0
        var fieldStarted = false
        while k < chars.count - 1 {
            let c = chars[k]
            if quoted {
                if c == "\"" {
                    if chars[k + 1] == "\"" { field.append("\""); k += 1 } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && !fieldStarted {
                quoted = true
                fieldStarted = true
            } else if c == "," {
                row.append(field); field = ""; fieldStarted = false
            } else if c == "\r\n" || c == "\n" {
                row.append(field); field = ""; fieldStarted = false
                rows.append(row); row = []
            } else {
                field.append(c)
                fieldStarted = true
            }
            k += 1
        }
        if fieldStarted || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    func csv(_ view: View, _ engine: QueryEngine) -> [[String: String]] {
        let rows = Self.parseCSV(Exporter.export(view, of: engine, as: .csv))
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test("CSV has a header, one CRLF row per record and 30 fields in every row")
    func csvShape() throws {
        let bytes = Exporter.export(try view("everything"), of: engine, as: .csv)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(CSVExport.columns.joined(separator: ",") + "\r\n"))
        #expect(text.hasSuffix("\r\n"))
        let rows = Self.parseCSV(bytes)
        #expect(rows.count == 12)
        #expect(rows.allSatisfy { $0.count == 30 })
        #expect(rows.dropFirst().map { $0[1] } == FilterTests.allRecords)
    }

    /// A dataset whose text starts with spreadsheet formula characters, with a negative longitude.
    static let hostile = {
        var mini = MiniDataset()
        mini.actors =
            #"[{"id": "a1", "name": "=Evil", "kind": "other", "sources": ["s1"]}, {"id": "a2", "name": "@Group", "kind": "militia", "sources": ["s1"]}]"#
        mini.regions = #"[{"id": "r1", "name": "+Region", "kind": "region", "zone": "centre", "sources": ["s1"]}]"#
        mini.events =
            #"[{"id": "e1", "date": "2021-05-24", "category": "coup", "title": "=HYPERLINK(\"http://evil.example\",\"click\")", "summary": "-2+3", "actors": [{"actor": "a1", "role": "leader"}], "regions": ["r1"], "location": "@Kati", "lat": 12.75, "lon": -8.0, "sources": ["s1"]}, {"id": "e2", "date": "2021-05-25", "category": "other", "title": "+1 hour later", "summary": "\tTab first", "sources": ["s1"]}, {"id": "e3", "date": "2021-05-26", "category": "other", "title": "He said \"no\", then left\r\nagain", "summary": "a, b; c", "sources": ["s1"]}]"#
        mini.incidents =
            #"[{"id": "i1", "date": "2021-05-27", "category": "attack", "region": "r1", "perpetrators": ["a2"], "target": "-FAMa", "lat": 14.5, "lon": -4.25, "fatalities": {"best": 3}, "originalType": "=cmd|' /C calc'!A0", "sources": ["s1"]}]"#
        return mini.json
    }()

    @Test("CSV neutralises text that a spreadsheet would run as a formula")
    func csvInjection() throws {
        let engine = QueryEngine(dataset: try Load.dataset(Self.hostile))
        let rows = csv(engine.run(.all), engine)
        try #require(rows.count == 4)
        #expect(rows[0]["title"] == #"'=HYPERLINK("http://evil.example","click")"#)
        #expect(rows[0]["summary"] == "'-2+3")
        #expect(rows[0]["location"] == "'@Kati")
        #expect(rows[0]["regions"] == "'+Region")
        #expect(rows[0]["actors"] == "'=Evil (leader)")
        #expect(rows[1]["title"] == "'+1 hour later")
        #expect(rows[1]["summary"] == "'\tTab first")
        #expect(rows[3]["perpetrators"] == "'@Group")
        #expect(rows[3]["target"] == "'-FAMa")
        #expect(rows[3]["original_type"] == "'=cmd|' /C calc'!A0")
        // Numbers in numeric columns are not altered: a negative longitude stays a number.
        #expect(rows[0]["latitude"] == "12.75")
        #expect(rows[0]["longitude"] == "-8.0" || rows[0]["longitude"] == "-8")
        #expect(rows[3]["longitude"] == "-4.25")
        #expect(rows[3]["fatalities"] == "3")
        // No unneutralised field starts with a formula character.
        for row in rows {
            for (column, value) in row where ["latitude", "longitude"].contains(column) == false {
                if let first = value.first { #expect(!"=+-@\t\r".contains(first), "\(column): \(value)") }
            }
        }
    }

    @Test("CSV quotes fields with quotes, commas and newlines per RFC 4180")
    func csvQuoting() throws {
        let engine = QueryEngine(dataset: try Load.dataset(Self.hostile))
        let text = String(decoding: Exporter.export(engine.run(.all), of: engine, as: .csv), as: UTF8.self)
        #expect(text.contains(#","He said ""no"", then left"# + "\r\nagain\","))
        #expect(text.contains(#","a, b; c","#))
        #expect(text.contains(#""'=HYPERLINK(""http://evil.example"",""click"")""#))
        let rows = csv(engine.run(.all), engine)
        #expect(rows[2]["title"] == "He said \"no\", then left\r\nagain")
        #expect(rows[2]["summary"] == "a, b; c")
    }

    @Test("CSV columns hold the record's values")
    func csvValues() throws {
        let rows = csv(try view("everything"), engine)
        let coup = try #require(rows.first { $0["id"] == "ev-2021-05-24-coup" })
        #expect(coup["kind"] == "event")
        #expect(coup["date"] == "2021-05-24" && coup["date_precision"] == "day")
        #expect(coup["time_utc"] == "15:11")
        // Full names, never short ones: a short name may be shared, a full name identifies its actor.
        #expect(coup["actors"] == "Assimi Goïta (leader); Bah N'Daw (detained)")
        #expect(coup["sources"] == "src-a; src-b")
        let report = try #require(rows.first { $0["id"] == "ev-2021-centre-report" })
        #expect(report["date"] == "2021" && report["date_precision"] == "year")
        let massacre = try #require(rows.first { $0["id"] == "inc-2020-02-14-bandiagara" })
        #expect(
            massacre["fatalities"] == "" && massacre["fatalities_low"] == "20" && massacre["fatalities_high"] == "30")
        #expect(massacre["perpetrators"] == "Jama'at Nusrat al-Islam wal-Muslimin")
        let untitled = try #require(rows.first { $0["id"] == "inc-2021-09-01-mopti" })
        #expect(untitled["title"] == "Abduction in Mopti")
    }

    // MARK: JSON

    /// A record's content with references as ids, comparable across datasets.
    func portable(_ dataset: Dataset, _ i: Int) -> [String] {
        let r = dataset.record(i)
        return [
            r.kind.name, r.id, r.date.description, r.end?.description ?? "-", r.timeText ?? "-", r.category.rawValue,
            r.severity.rawValue, r.title, String(r.hasTitle), r.summary ?? "-", r.location ?? "-", r.target ?? "-",
            r.originalType ?? "-", r.note ?? "-", r.fatalities.map { "\($0)" } ?? "-",
            r.latitude.map { String($0) } ?? "-", r.longitude.map { String($0) } ?? "-",
            r.actors.map { "\(dataset.actors[Int($0.actor)].id)/\($0.role)" }.joined(separator: ","),
            r.regions.map { dataset.regions[Int($0)].id }.joined(separator: ","),
            r.sources.map { dataset.sources[Int($0)].id }.joined(separator: ","),
            r.figures.map { "\($0)" }.joined(separator: ","),
            r.alternatives.map {
                "\($0.field)=\($0.value) \($0.note ?? "") \($0.sources.map { dataset.sources[Int($0)].id })"
            }
            .joined(separator: ","),
        ]
    }

    @Test("exporting a view whose filter holds an index the dataset does not have")
    func staleFilterIndexes() throws {
        // QueryEngine.run ignores out-of-range indexes (see FilterTests), so such a view exists, e.g. after a reload
        // that dropped actors. Regression test: Selection.closure trapped on `items[Int(k)]` / `dataset.actors[Int(a)]`;
        // it now ignores them too.
        let view = engine.run(Filter(actors: [99], regions: [42]))
        let bytes = Exporter.export(view, of: engine, as: .json)
        #expect(throws: Never.self) { try DatasetLoader.load(bytes: bytes, name: "stale.json") }
    }

    @Test(
        "the JSON export of a view re-loads without problems and holds exactly the view's records",
        arguments: ["everything", "jnim-segou"])
    func jsonRoundTrip(viewName: String) throws {
        let view = try view(viewName)
        let bytes = Exporter.export(view, of: engine, as: .json)
        let reloaded = try DatasetLoader.load(bytes: bytes, name: "export.json")
        #expect(reloaded.records.count == view.records.count)
        let original = view.records.map { portable(engine.dataset, Int($0)) }
        let again = QueryEngine(dataset: reloaded).run(.all).records.map { portable(reloaded, Int($0)) }
        #expect(again == original)
        #expect(reloaded.info == engine.dataset.info)
        // Foundation's strict parser agrees it is JSON.
        #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(bytes)) }
    }

    @Test("the JSON export keeps the assessments whose period overlaps the view's dates, and only those")
    func jsonAssessmentsFollowTheDates() throws {
        func assessments(_ filter: Filter) throws -> [String] {
            let bytes = Exporter.export(engine.run(filter), of: engine, as: .json)
            return try DatasetLoader.load(bytes: bytes, name: "export.json").assessments.map(\.id)
        }
        let mopti = try engine.region("mopti")
        #expect(try assessments(Filter(regions: [mopti])) == ["as-mopti-2019", "as-mopti-2021"])
        #expect(try assessments(Filter(regions: [mopti], since: PartialDate(iso: "2021-06"))) == ["as-mopti-2021"])
        #expect(try assessments(Filter(regions: [mopti], until: PartialDate(iso: "2019-12"))) == ["as-mopti-2019"])
        #expect(
            try assessments(Filter(regions: [mopti], since: PartialDate(iso: "2020"), until: PartialDate(iso: "2020")))
                .isEmpty)
    }

    @Test("the JSON export of one actor and one region keeps what its records reference")
    func jsonClosure() throws {
        let bytes = Exporter.export(try view("jnim-segou"), of: engine, as: .json)
        let reloaded = try DatasetLoader.load(bytes: bytes, name: "export.json")
        #expect(reloaded.actors.map(\.id) == ["jnim"])
        #expect(reloaded.regions.map(\.id) == ["segou"])
        #expect(Set(reloaded.sources.map(\.id)) == ["src-a", "src-b", "src-c"])
        #expect(reloaded.assessments.isEmpty)
        // Mopti's view brings Katiba Macina's parent (JNIM), the parent region and the assessments with their groups.
        let mopti = Exporter.export(
            engine.run(Filter(regions: [try engine.region("bandiagara")])), of: engine, as: .json)
        let moptiData = try DatasetLoader.load(bytes: mopti, name: "mopti.json")
        #expect(Set(moptiData.regions.map(\.id)) == ["mopti", "bandiagara"])
        #expect(Set(moptiData.actors.map(\.id)) == ["jnim", "katiba-macina"])
        #expect(moptiData.assessments.map(\.id) == ["as-mopti-2019", "as-mopti-2021"])
        #expect(moptiData.relations.map(\.id) == ["rel-macina-part-of-jnim"])
    }

    @Test("the bundled dataset exported whole re-loads with every record")
    func bundledRoundTrip() throws {
        let engine = QueryEngine(dataset: try Load.bundled())
        let view = engine.run(.all)
        let reloaded = try DatasetLoader.load(
            bytes: Exporter.export(view, of: engine, as: .json), name: "mali-export.json")
        #expect(reloaded.records.count == engine.dataset.records.count)
        let original = view.records.map { portable(engine.dataset, Int($0)) }
        let again = QueryEngine(dataset: reloaded).run(.all).records.map { portable(reloaded, Int($0)) }
        #expect(again == original)
    }

    @Test("the JSON export validates against data/schema.json")
    func jsonMatchesSchema() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("export.json")
        try Data(Exporter.export(try view("jnim-segou"), of: engine, as: .json)).write(to: file)
        #expect(try SchemaCheck.validate(file).status == 0)
        // An incident with no known perpetrator, and assessments naming no group.
        try Data(Exporter.export(try view("everything"), of: engine, as: .json)).write(to: file)
        let result = try SchemaCheck.validate(file)
        #expect(result.status == 0, "\(result.stderr.split(separator: "\n").suffix(6).joined(separator: "\n"))")
    }

    @Test("JSON export keeps coordinates as they were written")
    func jsonCoordinates() throws {
        var mini = MiniDataset()
        mini.events =
            #"[{"id": "e1", "date": "2024-09-17", "category": "attack", "title": "E", "lat": 12.609, "lon": -7.9865, "sources": ["s1"]}]"#
        let engine = QueryEngine(dataset: try Load.dataset(mini.json))
        let text = String(decoding: Exporter.export(engine.run(.all), of: engine, as: .json), as: UTF8.self)
        #expect(
            text.contains(#""lat": 12.609,"#), "\(text.split(separator: "\n").first { $0.contains("\"e1\"") } ?? "")")
        #expect(text.contains(#""lon": -7.9865,"#))
        #expect(engine.dataset.record(0).latitude == 12.609)
    }

    @Test("control characters in the data still give valid JSON, and come back unchanged")
    func controlCharactersInJSON() throws {
        var mini = MiniDataset()
        mini.events =
            #"[{"id": "e1", "date": "2020", "category": "other", "title": "bell\u0007 nul\u0000 esc\u001b del\u007f c1\u0085 tab\t nl\n quote\" backslash\\ \u2028", "summary": "\u0001\u001f", "sources": ["s1"]}]"#
        let engine = QueryEngine(dataset: try Load.dataset(mini.json))
        let bytes = Exporter.export(engine.run(.all), of: engine, as: .json)
        #expect(!bytes.contains { $0 < 0x20 && $0 != 0x0A })  // only the layout newlines are raw
        #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(bytes)) }
        let reloaded = try DatasetLoader.load(bytes: bytes, name: "ctl.json")
        #expect(reloaded.title(0) == engine.dataset.title(0))
        #expect(reloaded.records.summary(0) == "\u{1}\u{1F}")
        #expect(reloaded.title(0).contains("\u{7}") && reloaded.title(0).contains("\u{0}"))
    }

    // MARK: Markdown

    @Test("Markdown escapes table pipes, backticks and HTML, and shows control characters as symbols")
    func markdownEscaping() throws {
        var mini = MiniDataset()
        mini.events =
            #"[{"id": "e1", "date": "2020-01-01", "category": "other", "title": "a | b `code` <script>alert(1)</script> *bold* [link](x) & \u0007bell\u202Eevil\nnext", "sources": ["s1"]}]"#
        mini.regions = #"[{"id": "r1", "name": "R|<b>1</b>", "kind": "region", "zone": "centre", "sources": ["s1"]}]"#
        mini.sources = #"[{"id": "s1", "title": "<img src=x onerror=alert(1)> `rm -rf`", "publisher": "P|Q"}]"#
        let engine = QueryEngine(dataset: try Load.dataset(mini.json))
        let text = String(decoding: Exporter.export(engine.run(.all), of: engine, as: .md), as: UTF8.self)
        #expect(!text.contains("<script"))
        #expect(!text.contains("<b>"))
        #expect(!text.contains("<img"))
        #expect(text.contains(#"1. P\|Q, “&lt;img src=x onerror=alert(1)&gt; \`rm -rf\`”"#))
        #expect(
            text.contains(
                #"a \| b \`code\` &lt;script&gt;alert(1)&lt;/script&gt; \*bold\* \[link\](x) &amp; ␇bell�evil next"#))
        #expect(text.contains(#"R\|&lt;b&gt;1&lt;/b&gt;"#))
        #expect(!text.unicodeScalars.contains { $0.value == 0x07 || $0.value == 0x202E })
        // Every table row still has exactly its columns: count the unescaped pipes.
        let row = try #require(text.split(separator: "\n").first { $0.contains("script") })
        var pipes = 0
        var escaped = false
        for c in row {
            if c == "|" && !escaped { pipes += 1 }
            escaped = c == "\\" && !escaped
        }
        #expect(pipes == 8, "7 columns: no Source ids column, as no record has an origin")
    }

    @Test("the Markdown briefing states the view, the counts and cites its sources")
    func markdownContent() throws {
        let text = String(decoding: Exporter.export(try view("jnim-segou"), of: engine, as: .md), as: UTF8.self)
        #expect(text.hasPrefix("# Briefing: Small test dataset\n"))
        #expect(text.contains("- **View:** actor JNIM; region Ségou\n"))
        #expect(text.contains("- **Records:** 2 (2 incidents, 0 events); 5 fatalities reported\n"))
        // Sources are cited by number in the order of first citation: src-a is 1, src-b 2.
        #expect(
            text.contains("| 10 Apr 2021 | attack | notice | Second JNIM attack in Ségou region | Ségou | 2–6 | 2 |"))
        #expect(
            text.contains("\n1. Alpha, “Alpha report”, Jun 2021\n2. Bravo, “Bravo news”, <https://example.org/bravo>\n")
        )
        let empty = String(
            decoding: Exporter.export(engine.run(Filter(text: "no such words")), of: engine, as: .md),
            as: UTF8.self)
        #expect(empty.contains("- **Records:** 0; 0 fatalities reported\n"))
        #expect(empty.contains("No record matches this view."))
        #expect(empty.hasSuffix("## Sources\n\nNone: nothing in this view cites a source.\n"))
    }

    @Test("the Markdown regions table shows the presence and trend of the latest assessment in the date range")
    func markdownLatestAssessment() throws {
        var mini = MiniDataset()
        mini.assessments =
            #"[{"id": "late", "region": "r1", "start": "2021", "end": "2021-12", "presence": "high", "trend": "rising", "groups": [], "statement": "Late statement.", "sources": ["s1"]}, {"id": "early", "region": "r1", "start": "2015", "end": "2016", "presence": "low", "trend": "falling", "groups": [], "statement": "Early statement.", "sources": ["s1"]}]"#
        let engine = QueryEngine(dataset: try Load.dataset(mini.json))
        let text = String(decoding: Exporter.export(engine.run(.all), of: engine, as: .md), as: UTF8.self)
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("| Region one |") })
        #expect(row.hasSuffix("| rising | Actor one | high |"), "\(row)")
        #expect(
            text.contains(
                "- **Region one** (2021 – Dec 2021; presence: high; trend: rising): Late statement. Source 1."))
        // Within 2015–2020 only the early assessment is in view: the table and the statements follow it.
        let early = engine.run(Filter(since: PartialDate(iso: "2015"), until: PartialDate(iso: "2020")))
        let earlyText = String(decoding: Exporter.export(early, of: engine, as: .md), as: UTF8.self)
        let earlyRow = try #require(earlyText.split(separator: "\n").first { $0.hasPrefix("| Region one |") })
        #expect(earlyRow.hasSuffix("| falling | Actor one | low |"), "\(earlyRow)")
        #expect(earlyText.contains("Early statement.") && !earlyText.contains("Late statement."))
    }

    @Test("the Markdown timeline stops at its limit and says how many records are left out")
    func markdownLimit() throws {
        var mini = MiniDataset()
        let n = MarkdownBriefing.timelineLimit + 3
        mini.events =
            "["
            + (0..<n).map {
                #"{"id": "e\#($0)", "date": "2020", "category": "other", "title": "Event \#($0)", "sources": ["s1"]}"#
            }.joined(separator: ",") + "]"
        mini.incidents = "[]"
        let engine = QueryEngine(dataset: try Load.dataset(mini.json))
        let text = String(decoding: Exporter.export(engine.run(.all), of: engine, as: .md), as: UTF8.self)
        #expect(text.contains("… and 3 more records (export CSV or JSON for all of them)."))
        #expect(
            text.split(separator: "\n").filter { $0.hasPrefix("| 2020 | other |") }.count
                == MarkdownBriefing.timelineLimit)
    }

    // MARK: AtomicFile

    func leftovers(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".sitmon-") }
    }

    @Test("AtomicFile writes a new file, refuses to overwrite it, then overwrites with overwrite: true")
    func atomicOverwrite() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.csv").path
        try AtomicFile.write(Array("first\n".utf8), to: path, overwrite: false)
        #expect(AtomicFile.exists(path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first\n")

        #expect(throws: WriteError.self) { try AtomicFile.write(Array("second\n".utf8), to: path, overwrite: false) }
        do {
            try AtomicFile.write(Array("second\n".utf8), to: path, overwrite: false)
        } catch {
            #expect(error.kind == .exists)
            #expect(error.path == path)
            #expect(error.description.contains("--force"))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first\n")

        try AtomicFile.write(Array("second\n".utf8), to: path, overwrite: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
        #expect(try leftovers(directory).isEmpty)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(((attributes[.posixPermissions] as? Int) ?? 0) & 0o600 == 0o600)
    }

    @Test("AtomicFile writes an empty file")
    func atomicEdgeCases() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("empty.md").path
        try AtomicFile.write([], to: path, overwrite: false)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
    }

    @Test("AtomicFile keeps the permissions of the file it replaces")
    func atomicKeepsPermissions() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("briefing.md").path
        try AtomicFile.write(Array("one\n".utf8), to: path, overwrite: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try AtomicFile.write(Array("two\n".utf8), to: path, overwrite: true)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two\n")
    }

    @Test("AtomicFile writes into a FIFO or /dev/null directly and never replaces it with a regular file")
    func atomicSpecialFiles() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // /dev/null, even with overwrite (as root, a rename would turn the device into a file).
        try AtomicFile.write(Array("x".utf8), to: "/dev/null", overwrite: true)
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
        // A FIFO with a reader: the bytes go through it, and it is still a FIFO afterwards.
        let fifo = directory.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = BackgroundReader(fifo)
        try AtomicFile.write(Array("through the pipe\n".utf8), to: fifo, overwrite: false)
        #expect(reader.wait() == "through the pipe\n")
        #expect(stat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
        #expect(try leftovers(directory).isEmpty)
    }

    @Test("AtomicFile refuses a directory as the target, even with overwrite")
    func atomicDirectory() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for overwrite in [false, true] {
            #expect {
                try AtomicFile.write(Array("x".utf8), to: directory.path, overwrite: overwrite)
            } throws: { error in
                (error as? WriteError)?.kind == .isDirectory
            }
        }
        #expect(try leftovers(directory).isEmpty)
    }

    @Test("AtomicFile fails cleanly in a missing directory or under a file")
    func atomicMissingDirectory() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("no/such/dir/out.csv").path
        #expect {
            try AtomicFile.write(Array("x".utf8), to: missing, overwrite: true)
        } throws: { error in
            guard let error = error as? WriteError else { return false }
            return error.kind == .failed && error.message.contains("no such directory")
        }
        let file = directory.appendingPathComponent("plain")
        try Data("x".utf8).write(to: file)
        #expect {
            try AtomicFile.write(Array("x".utf8), to: file.path + "/out.csv", overwrite: true)
        } throws: { error in
            (error as? WriteError)?.kind == .failed
        }
        #expect(try leftovers(directory).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["plain"])
    }

    @Test("AtomicFile removes its temporary file when the final rename fails")
    func atomicRenameFails() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A name longer than the file system allows: the temporary file can be made, the rename cannot.
        let path = directory.appendingPathComponent(String(repeating: "n", count: 300)).path
        #expect {
            try AtomicFile.write(Array("x".utf8), to: path, overwrite: false)
        } throws: { error in
            (error as? WriteError)?.kind == .failed
        }
        #expect(try leftovers(directory).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test(
        "AtomicFile fails cleanly in a directory it may not write to (skipped as root)",
        .enabled(if: geteuid() != 0, "running as root: permissions do not apply"))
    func atomicUnwritableDirectory() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer {
            chmod(directory.path, 0o755)
            try? FileManager.default.removeItem(at: directory)
        }
        chmod(directory.path, 0o555)
        #expect {
            try AtomicFile.write(Array("x".utf8), to: directory.appendingPathComponent("out.csv").path, overwrite: true)
        } throws: { error in
            guard let error = error as? WriteError else { return false }
            return error.kind == .failed && error.message.contains("permission denied")
        }
        #expect(try leftovers(directory).isEmpty)
    }
}

/// Reads a whole file on another thread (the reader end of a FIFO must open before the writer's open returns).
final class BackgroundReader: @unchecked Sendable {
    private let lock = NSCondition()
    private var result: String?

    init(_ path: String) {
        Thread.detachNewThread { [self] in
            let data = FileHandle(forReadingAtPath: path)?.readDataToEndOfFile() ?? Data()
            let text = String(decoding: data, as: UTF8.self)
            lock.lock()
            result = text
            lock.signal()
            lock.unlock()
        }
    }

    func wait() -> String {
        lock.lock()
        defer { lock.unlock() }
        while result == nil { lock.wait() }
        return result ?? ""
    }
}
