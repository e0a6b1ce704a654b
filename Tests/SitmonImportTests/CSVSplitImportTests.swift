import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport
import SitmonGenerate

/// An export read on two threads (the text split near its middle) must import exactly as on one thread: the same
/// CSV, JSON and Markdown exports byte for byte, the same report, whatever falls at the split.
@Suite struct CSVSplitImportTests {
    /// An invented ACLED-layout text: notes with commas, doubled quotes and line breaks (one row in three), some
    /// revisions, a monadic or dyadic header.
    static func acledText(rows: Int, monadic: Bool, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        let actors = [
            "JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali (2021-)",
            "Civilians (Mali)", "Unidentified Armed Group (Mali)", "Dozo Communal Militia (Mali)",
            "Islamic State (Sahel)", "Wagner Group", "Protesters (Mali)",
        ]
        let header =
            monadic
            ? "event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,"
                + "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,"
                + "fatalities,tags,timestamp"
            : "event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,"
                + "actor2,assoc_actor_2,inter2,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
                + "source,source_scale,notes,fatalities,tags,timestamp"
        var text = header + "\r\n"
        for n in 0..<rows {
            let id = "MLI\(Int(rng.next() % UInt64(rows * 9 / 10)) + 1)"
            let date =
                "20\(10 + rng.next() % 15)-\(String(format: "%02d", 1 + rng.next() % 12))-\(String(format: "%02d", 1 + rng.next() % 28))"
            let note =
                n % 3 == 0
                ? "\"Invented row \(n), with a comma, a \"\"quoted\"\" word\nand a second line.\""
                : "Invented row \(n)"
            let region = pick(["Mopti", "Segou", "Gao", "Kidal", "Menaka"])
            let lat = String(format: "%.6f", Double(rng.next() % 1_000_000) / 100_000 + 10)
            var fields = [
                id, date, String(date.prefix(4)), "\(1 + rng.next() % 3)",
                pick(["Battles", "Violence against civilians", "Protests", "Riots"]),
                pick(["Armed clash", "Attack", "Peaceful protest", "Mob violence"]),
                "\"\(pick(actors))\"", "", pick(["1", "2", "3", "4", "7"]),
            ]
            if !monadic { fields += ["\"\(pick(actors))\"", "", pick(["1", "2", "7"])] }
            fields += [
                "Mali", region, region + " Cercle", "", "Town \(n % 50)", lat, "-3.5", "1",
                "\"Invented source; Other\"", "Local", note, "\(rng.next() % 12)", "",
                "\(1_700_000_000 + rng.next() % 4)",
            ]
            text += fields.joined(separator: ",") + (n % 7 == 0 ? "\r\n" : "\n")
        }
        return Array(text.utf8)
    }

    static func exports(_ bytes: [UInt8], splitMinimum: Int) throws -> [[UInt8]] {
        let (dataset, report) = try CSVImporter.load(
            bytes: bytes, name: "split.csv", format: nil,
            options: ImportOptions(), progress: nil,
            splitMinimum: splitMinimum)
        let engine = QueryEngine(dataset: dataset)
        let view = engine.run(Filter())
        return [
            Exporter.export(view, of: engine, as: .csv), Exporter.export(view, of: engine, as: .json),
            Exporter.export(view, of: engine, as: .md), Array(report.summary.utf8),
        ]
    }

    @Test("one thread and two threads give byte-identical exports", arguments: [false, true])
    func identical(monadic: Bool) throws {
        let bytes = Self.acledText(rows: 2500, monadic: monadic, seed: monadic ? 3 : 4)
        let one = try Self.exports(bytes, splitMinimum: .max)
        // Many split points: each moves the middle by a few bytes, into notes, quotes and line breaks.
        for trim in [0, 1, 40, 333] {
            let cut = Array(bytes.dropLast(trim))
            let oneCut = trim == 0 ? one : try Self.exports(cut, splitMinimum: .max)
            let two = try Self.exports(cut, splitMinimum: 2)
            #expect(two == oneCut, "exports differ with the last \(trim) bytes cut")
        }
        #expect(one[0].count > 100_000)
        // The second thread's rows were used (the split did not fall inside a quoted note).
        var rows = CSVInput(bytes: bytes).rows(splitMinimum: 2)
        var count = 0
        while rows.next() != nil { count += 1 }
        #expect(rows.usingPrefetched)
        #expect(count == 2501)
    }
}
