import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonGenerate
@testable import SitmonImport

/// What real exports throw at the importer: bad rows, missing columns, delimiters, encodings, blank lines.
@Suite("Import robustness")
struct RobustnessTests {
    @Test("lenient: bad rows are skipped, each reported with its physical line and row number")
    func lenientBadRows() throws {
        let imported = try Imported("acled-bad-rows.csv")
        let report = imported.report
        #expect(report.rowsRead == 6)
        #expect(report.recordsImported == 3)
        #expect(report.skipped.count == 3)
        #expect(report.skipped.map(\.line) == [5, 6, 7])  // the note on lines 3–4 counts as two lines
        #expect(report.skipped.map(\.path) == ["row 4", "row 5", "row 6"])
        #expect(report.skipped.allSatisfy { $0.file.hasSuffix("acled-bad-rows.csv") })
        #expect(report.skipped[0].message.contains("invalid event_date \"32 May 2023\""))
        #expect(report.skipped[1].message.contains("fatalities \"several\" is not a whole number"))
        #expect(report.skipped[2].message.contains("has 12 fields, expected 31"))
        #expect(report.skipped[0].description.hasPrefix(ImportPaths.fixture("acled-bad-rows.csv") + ":5: row 4: "))
        #expect(report.summary.contains("3 rows skipped"))
        #expect(try imported.record("acled-mli9002").summary == "Fixture note on two lines,\nwith a comma.")
        #expect(try imported.reloaded().counts == imported.dataset.counts)
    }

    @Test("warnings and skipped rows quote hostile values with control and bidi characters escaped")
    func hostileValuesInMessages() throws {
        let hostile = "\u{202E}Gao\u{1B}[2J\u{2066}\u{2069}\u{200E}\u{200F}\u{061C}\u{85}\u{7F}"
        let rows = [
            ACLEDText.row(["event_id_cnty": "MLI1", "admin1": hostile]),
            ACLEDText.row(["event_id_cnty": "MLI2", "fatalities": "1" + hostile]),
        ]
        let report = try Imported(text: ACLEDText.csv(rows)).report
        let messages = (report.warnings + report.skipped).map(\.message)
        #expect(messages.contains { $0.contains("unknown Mali region") }, "\(messages)")
        #expect(messages.contains { $0.contains("fatalities") }, "\(messages)")
        for message in messages {
            let unsafe = message.unicodeScalars.filter(TerminalSafety.isUnsafe)
            #expect(unsafe.isEmpty, "\(message.debugDescription)")
        }
        #expect(
            messages.contains {
                $0.contains(#"\u{202E}Gao\u{1B}[2J\u{2066}\u{2069}\u{200E}\u{200F}\u{61C}\u{85}\u{7F}"#)
            },
            "\(messages)")
    }

    @Test("strict: the first bad row stops the import with an error naming its line")
    func strictBadRows() throws {
        do {
            _ = try CSVImporter.load(
                path: ImportPaths.fixture("acled-bad-rows.csv"), options: ImportOptions(strict: true))
            Issue.record("strict import of bad rows must fail")
        } catch {
            #expect(error.kind == .invalidData)
            #expect(error.exitCode == 65)
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics[0].line == 5)
            #expect(error.diagnostics[0].path == "row 4")
            #expect(error.diagnostics[0].message.contains("event_date"))
        }
        // A clean file imports the same in strict mode.
        let strict = try Imported("acled-current.csv", options: ImportOptions(strict: true))
        #expect(strict.report.recordsImported == 12)
    }

    @Test("a missing required column is an error naming the column")
    func missingColumn() throws {
        for format: ImportFormat? in [nil, .acled] {
            do {
                _ = try CSVImporter.load(path: ImportPaths.fixture("acled-missing-column.csv"), format: format)
                Issue.record("a missing column must fail")
            } catch {
                #expect(error.kind == .invalidData)
                #expect(error.diagnostics.count == 1)
                #expect(error.diagnostics[0].message.contains("missing required column 'admin1'"))
                #expect(error.diagnostics[0].line == 1)
            }
        }
        let ucdp = ImportFormat.ucdpColumns.filter { $0 != "best" && $0 != "side_b" }
        let error = try #require(importError(ucdp.joined(separator: ",") + "\n", format: .ucdp))
        #expect(error.diagnostics.map(\.message).allSatisfy { $0.contains("missing required column") })
        #expect(error.diagnostics.count == 2)
        #expect(error.description.contains("'side_b'") && error.description.contains("'best'"))
    }

    @Test("a missing file is unreadable (66); an empty or unknown file invalid data (65); the wrong format named")
    func fileErrors() throws {
        do {
            _ = try CSVImporter.load(path: ImportPaths.fixture("no-such-file.csv"))
            Issue.record("a missing file must fail")
        } catch {
            #expect(error.kind == .unreadable)
            #expect(error.exitCode == 66)
        }
        #expect(importError("")?.kind == .invalidData)
        #expect(importError("\n\n")?.description.contains("empty") == true)
        #expect(importError("a,b,c\n1,2,3\n")?.description.contains("cannot tell the format") == true)
        let wrong = try #require(
            importError(
                bytes: try ImportPaths.fixtureBytes("ucdp-ged.csv"), format: .acled))
        #expect(wrong.description.contains("UCDP GED export, not ACLED"))
    }

    @Test("tab and ; delimiters, upper-case headers, extra columns, blank lines and trailing empty fields")
    func layouts() throws {
        let rows = [ACLEDText.row(), ACLEDText.row(["event_id_cnty": "MLI2", "notes": "a; b, c"])]
        let tabs = try Imported(
            text: ACLEDText.csv(
                rows, header: ACLEDText.header.map { $0.uppercased() },
                delimiter: "\t"))
        #expect(tabs.report.delimiter == "\t")
        #expect(tabs.report.recordsImported == 2)
        #expect(try tabs.record("acled-mli2").summary == "a; b, c")
        let semicolons = try Imported(text: ACLEDText.csv(rows, delimiter: ";", lineEnd: "\r\n"))
        #expect(semicolons.report.delimiter == ";")
        #expect(try semicolons.record("acled-mli2").summary == "a; b, c")

        // Columns in another order, unknown extra columns, blank lines, a row of empty fields, trailing delimiters.
        let header = ["extra_a"] + ACLEDText.header.reversed() + ["extra_b"]
        let row = { (values: [String: String]) -> [String] in
            let base = Dictionary(uniqueKeysWithValues: zip(ACLEDText.header, ACLEDText.row(values)))
            return ["x"] + ACLEDText.header.reversed().map { base[$0]! } + ["y"]
        }
        var text = ACLEDText.csv([row([:]), row(["event_id_cnty": "MLI3"])], header: header)
        text = "\n" + text.replacingOccurrences(of: "\nx,", with: "\n\nx,")
        text += String(repeating: ",", count: header.count - 1) + "\n\n\n"
        text = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset == 3 ? $0.element + ",," : String($0.element) }.joined(separator: "\n")
        let shuffled = try Imported(text: text)
        #expect(shuffled.report.recordsImported == 2)
        #expect(shuffled.report.skipped.isEmpty)
        #expect(try shuffled.record("acled-mli3").location == "Sofara")
    }

    @Test("a field beyond the header's width that holds data is a bad row")
    func extraData() throws {
        let text =
            ACLEDText.csv([ACLEDText.row()]) + ACLEDText.row(["event_id_cnty": "MLI2"]).joined(separator: ",")
            + ",surprise\n"
        let imported = try Imported(text: text)
        #expect(imported.report.recordsImported == 1)
        #expect(imported.report.skipped.first?.message.contains("has 32 fields, expected 31") == true)
    }

    @Test("BOM, CRLF and a quoted multi-line field with doubled quotes keep line numbers right")
    func lineNumbers() throws {
        let rows = [
            ACLEDText.row(["notes": "line one\r\nline \"two\"\r\nline three"]),
            ACLEDText.row(["event_id_cnty": "MLI2", "fatalities": "many"]),
        ]
        let bytes = [0xEF, 0xBB, 0xBF] + Array(ACLEDText.csv(rows, lineEnd: "\r\n").utf8)
        let (dataset, report) = try CSVImporter.load(bytes: bytes, name: "crlf.csv")
        #expect(report.skipped.map(\.line) == [5])
        #expect(report.skipped.map(\.path) == ["row 3"])
        #expect(dataset.records.summary(0) == "line one\r\nline \"two\"\r\nline three")
    }

    @Test("invalid UTF-8: the row is skipped naming its line (fatal with --strict, and in the header)")
    func invalidUTF8() throws {
        var bytes = Array(
            ACLEDText.csv([
                ACLEDText.row(),
                ACLEDText.row([
                    "event_id_cnty": "MLI2",
                    "location": "S#gou",
                ]),
            ]).utf8)
        let mark = bytes.firstIndex(of: UInt8(ascii: "#"))!
        bytes[mark] = 0xE9  // "Ségou" in Windows-1252
        let (dataset, report) = try CSVImporter.load(bytes: bytes, name: "latin1.csv")
        #expect(dataset.records.count == 1)
        #expect(report.skipped.count == 1)
        #expect(report.skipped[0].line == 3)
        #expect(report.skipped[0].message.contains("invalid UTF-8 on line 3"))
        let strict = try #require(importError(bytes: bytes, options: ImportOptions(strict: true)))
        #expect(strict.diagnostics.first?.line == 3)
        var header = Array(ACLEDText.csv([ACLEDText.row()]).utf8)
        header[2] = 0xFF
        let error = try #require(importError(bytes: header))
        #expect(error.description.contains("invalid UTF-8 in the header"))
    }

    @Test("UTF-16 with a BOM (a spreadsheet's \"Unicode text\") is read")
    func utf16() throws {
        let text = ACLEDText.csv([ACLEDText.row(["location": "Ménaka", "admin1": "Ménaka"])], delimiter: "\t")
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let (dataset, _) = try CSVImporter.load(bytes: bytes, name: "unicode.txt")
        #expect(dataset.records.location(0) == "Ménaka")
        #expect(dataset.regions.contains { $0.id == "menaka" })
    }

    @Test("invalid coordinates are dropped with a warning; the record is kept")
    func coordinates() throws {
        let rows = [
            ACLEDText.row(["latitude": "abc"]), ACLEDText.row(["event_id_cnty": "MLI2", "longitude": "200"]),
            ACLEDText.row(["event_id_cnty": "MLI3", "latitude": "", "longitude": ""]),
        ]
        let imported = try Imported(text: ACLEDText.csv(rows))
        #expect(imported.report.recordsImported == 3)
        #expect(imported.report.warnings.count == 2)
        #expect(imported.report.warnings.map(\.line) == [2, 3])
        #expect(try imported.record("acled-mli1").latitude == nil)
    }

    @Test("ids are made id-safe and unique; an unknown event type or Mali region is kept with a warning")
    func oddValues() throws {
        let rows = [
            ACLEDText.row(["event_id_cnty": "MLI 12/3"]),
            ACLEDText.row(["event_id_cnty": "MLI-12-3"]),
            ACLEDText.row(["event_id_cnty": "MLI5", "event_type": "Cyber attack", "admin1": "Atlantis"]),
        ]
        let imported = try Imported(text: ACLEDText.csv(rows))
        let ids = (0..<imported.dataset.records.count).map { imported.dataset.records.id($0) }
        #expect(ids == ["acled-mli-12-3", "acled-mli-12-3-2", "acled-mli5"])
        let odd = try imported.record("acled-mli5")
        #expect(odd.category == .other)
        #expect(imported.regionId(odd.regions[0]) == "atlantis")
        #expect(try imported.region("atlantis").zone == .other)
        #expect(imported.report.warnings.count == 3)
        #expect(try imported.reloaded().counts == imported.dataset.counts)
    }

    @Test("actor names that slug alike, or clash with a region id, still get unique ids")
    func actorIds() throws {
        let rows = [
            ACLEDText.row(["actor1": "Mopti", "actor2": "Gao Militia", "inter2": "3"]),
            ACLEDText.row(["event_id_cnty": "MLI2", "actor1": "Gao  militia!", "actor2": "GAO MILITIA"]),
        ]
        let imported = try Imported(text: ACLEDText.csv(rows))
        #expect(imported.dataset.actors.map(\.id) == ["mopti-2", "gao-militia"])
        #expect(try imported.actor(named: "Gao Militia").aliases == ["Gao  militia!", "GAO MILITIA"])
        #expect(try imported.reloaded().counts == imported.dataset.counts)
    }

    @Test("a publication or actor named like a reserved id gets another one")
    func reservedIds() throws {
        let rows = [ACLEDText.row(["source": "GeoNames; ISO 3166", "actor1": "Niger", "actor2": "Src GeoNames"])]
        let imported = try Imported(text: ACLEDText.csv(rows))
        let ids = imported.dataset.sources.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(imported.dataset.sources.first { $0.id == "src-geonames" }?.publisher == "GeoNames")  // the gazetteer's
        #expect(imported.dataset.sources.first { $0.title == "GeoNames" }?.id == "src-geonames-3")
        #expect(imported.dataset.sources.first { $0.title == "ISO 3166" }?.id == "src-iso-3166-2")
        #expect(imported.dataset.actors.map(\.id) == ["niger-2", "src-geonames-2"])
        #expect(try imported.reloaded().counts == imported.dataset.counts)
    }

    @Test("merging with the bundled dataset reconciles the imported regions by id")
    func mergesWithBundled() throws {
        let bundled = try DatasetLoader.load(path: ImportPaths.repository.appendingPathComponent("data/mali.json").path)
        let imported = try Imported("acled-current.csv")
        let (merged, report) = DatasetMerger.merge([bundled, imported.dataset])
        // 8 Mali regions and Niger are the bundled ones; only Tillabéri is new.
        #expect(report.reconciledRegions == 9)
        #expect(merged.regions.count == bundled.regions.count + 1)
    }

    @Test("odd values in every column still give a valid dataset; random bytes never crash")
    func fuzzed() throws {
        var rng = SplitMix64(seed: 7)
        let odd = [
            "", " ", "0", "-1", "1e400", "NaN", "\"", "a\"b", "x\ny", "\r\n", ";", ";;", " ; a ;", "Ségou",
            "Timbuktu", "ميناكا", "\u{1B}[31m", "Government of", "Civilians", "Islamic State", "99999999999",
            "2023-02-30", "24-May-21", "3", "8", "State forces", "Battles", "Riots/Protests", "Mali", "Niger",
            String(repeating: "long ", count: 200), "Bamako District", "91", "-181", "14,5",
        ]
        var rows: [[String]] = []
        for k in 0..<400 {
            var row = ACLEDText.row(["event_id_cnty": "MLI\(k % 300)", "timestamp": String(k)])
            for column in 1..<row.count where rng.next() % 3 == 0 {
                row[column] = odd[Int(rng.next() % UInt64(odd.count))]
            }
            rows.append(row)
        }
        let imported = try Imported(text: ACLEDText.csv(rows))
        #expect(imported.report.rowsRead == 400)
        #expect(
            imported.report.recordsImported + imported.report.skipped.count + imported.report.revisionsReplaced
                >= 300)
        #expect(try imported.reloaded().counts == imported.dataset.counts)

        let fixture = try ImportPaths.fixtureBytes("acled-current.csv")
        // SITMON_IMPORT_FUZZ=N runs N random inputs instead of 200.
        let runs = ProcessInfo.processInfo.environment["SITMON_IMPORT_FUZZ"].flatMap { Int($0) } ?? 200
        for _ in 0..<runs {
            let count = Int(rng.next() % 400)
            var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            switch rng.next() % 3 {
            case 0: bytes = Array((ImportFormat.acledColumns.joined(separator: ",") + "\n").utf8) + bytes
            case 1:  // a real fixture with a few bytes changed: quotes, delimiters, line breaks, high bytes
                bytes = fixture
                let alphabet: [UInt8] = [0x22, 0x2C, 0x3B, 0x0A, 0x0D, 0x09, 0xC3, 0xFF, 0x00, 0x31]
                for _ in 0..<(1 + rng.next() % 6) {
                    let at = Int(rng.next() % UInt64(bytes.count))
                    let byte = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                    if rng.next() % 2 == 0 { bytes[at] = byte } else { bytes.insert(byte, at: at) }
                }
            default: break
            }
            if let (dataset, _) = try? CSVImporter.load(bytes: bytes, name: "random.csv") {
                let written = DatasetWriter.write(dataset, selection: .all(dataset))
                #expect(throws: Never.self) { try DatasetLoader.load(bytes: written, name: "random.json") }
            }
        }
    }
}
