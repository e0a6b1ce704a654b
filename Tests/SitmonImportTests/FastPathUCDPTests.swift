import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport
import SitmonGenerate

/// The fast path on UCDP GED exports: invented files of the 49-column layout import exactly as the general path
/// imports them (one thread and two); rows the general path would skip decline the file.
@Suite struct FastPathUCDPTests {
    static let header =
        "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,"
        + "dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,"
        + "number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,"
        + "where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,"
        + "country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,"
        + "deaths_unknown,best,high,low,gwnoa,gwnob"

    /// An invented UCDP GED text: sides state, rebel, jihadist and civilian; places in Mali (one unknown) and
    /// beyond; fatalities whose low and high sometimes contradict best; quoted articles with commas and line breaks.
    static func text(rows: Int, seed: UInt64, multiline: Bool = true) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        let sides = [
            "Government of Mali", "JNIM", "IS Sahel", "Civilians", "MNLA", "Government of Burkina Faso",
            "Ansarul Islam", "Dozo militia", " JNIM ", "jnim", "Katiba Macina", "Wagner Group",
        ]
        let places = [
            ("Mopti region", "Mali"), ("Gao region", "Mali"), ("Ménaka region", "Mali"), ("Atlantis", "Mali"),
            ("Sahel region", "Burkina Faso"), ("Tillabéri region", "Niger"), ("", "Niger"),
        ]
        var out = header + "\n"
        for n in 0..<rows {
            let violence = 1 + Int(rng.next() % 3)
            let a = pick(sides), b = violence == 3 ? "Civilians" : pick(sides)
            let (adm1, country) = pick(places)
            let best = Int(rng.next() % 40)
            let low = rng.next() % 7 == 0 ? best + 3 : max(0, best - Int(rng.next() % 3))
            let high = rng.next() % 9 == 0 ? "" : String(best + Int(rng.next() % 5))
            let day = 1 + Int(rng.next() % 28)
            let start = "2021-0\(1 + rng.next() % 9)-\(day < 10 ? "0" : "")\(day)"
            let end = rng.next() % 4 == 0 ? start : start + " 00:00:00.000"
            let lat = rng.next() % 50 == 0 ? "95.5" : String(10 + Double(rng.next() % 800) / 100)
            let article = multiline && n % 3 == 0 ? "\"Wire, \"\"report\"\"\nsecond line\"" : "Wire \(n % 5)"
            let fields: [String] = [
                "\(900_000 + n)", "MLI-\(n)", "2021", "1", "Clear", "\(violence)", "", "",
                "\"\(a) - \(b)\"", "", "", "\(a) - \(b)", "", "", a, "", "", b, "1", article,
                pick(["Wire;Radio", "Radio", "", "wire; Wire ;Radio"]), "", "", "", "\(1 + rng.next() % 6)",
                "Town \(n % 40)", pick(["", "near the market"]), adm1, pick(["", "Douentza cercle"]), lat, "-1.5",
                "", "", country, "432", "Africa", "1", "\(1 + rng.next() % 4)", start, end,
                "\(rng.next() % 4)", "", "\(rng.next() % 3)", "0", "\(best)", high, "\(low)", "432", "",
            ]
            out += fields.joined(separator: ",") + "\n"
        }
        return Array(out.utf8)
    }

    @Test(
        "invented UCDP exports take the fast path, on one thread and on two, as the general path imports them",
        arguments: [(400, 1), (1500, 2)] as [(Int, UInt64)])
    func invented(rows: Int, seed: UInt64) throws {
        let path = try FastPathImportTests.write(Self.text(rows: rows, seed: seed), name: "ged.csv")
        let general = FastPathCheck.generalResult(path: path)
        #expect(general.contains("warnings:\n/"), "the invented file has warnings to compare")
        for (splitMinimum, chunk) in FastPathCheck.shapes {
            let fast = FastPathCheck.fastResult(path: path, splitMinimum: splitMinimum, fillChunk: chunk)
            #expect(fast.text != nil, "declined: \(fast.declined)")
            #expect(fast.text == general, "split \(splitMinimum == 1), chunk \(chunk): differs")
        }
        #expect(FastPathCheck.difference(path: path) == nil)
    }

    @Test(
        "rows the general path skips decline the file, which then imports as before",
        arguments: ["duplicate id", "date_end before date_start", "no place", "bad violence"])
    func declines(kind: String) throws {
        let text = String(decoding: Self.text(rows: 30, seed: 5, multiline: false), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var fields = lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        switch kind {
        case "duplicate id": fields[0] = lines[2].split(separator: ",").first.map(String.init) ?? ""
        case "no place": (fields[27], fields[33]) = ("", "")
        case "bad violence": fields[5] = "4"
        default: fields[39] = "2020-01-01"
        }
        #expect(fields.count == 49)
        lines[3] = fields.joined(separator: ",")
        let damaged = lines.joined(separator: "\n")
        let path = try FastPathImportTests.write(Array(damaged.utf8), name: "ged.csv")
        #expect(FastPathCheck.generalResult(path: path).contains("skipped:\n/"), "the general path skips a row")
        #expect(FastPathCheck.fastResult(path: path, splitMinimum: .max).text == nil)
        #expect(FastPathImportTests.result(path: path, fast: true) == FastPathCheck.generalResult(path: path))
    }

    @Test("random damage to a UCDP export: the fast path and the general path agree")
    func randomDamage() throws {
        let clean = Self.text(rows: 200, seed: 11)
        var rng = SplitMix64(seed: 21)
        let damage: [[UInt8]] = [[0x22], [0x0A], [0x2C], [0x00], [0xFF], [], [0x3B]]
        for trial in 0..<30 {
            var bytes = clean
            let at = Int(rng.next() % UInt64(bytes.count))
            let piece = damage[Int(rng.next() % UInt64(damage.count))]
            if piece.isEmpty { bytes.remove(at: at) } else { bytes.insert(contentsOf: piece, at: at) }
            let path = try FastPathImportTests.write(bytes, name: "ged-\(trial).csv")
            #expect(FastPathCheck.difference(path: path) == nil, "trial \(trial)")
        }
    }

    /// The fast path reads the cells that need no trimming from their bytes (ids, counts, dates, the summary and the
    /// notes it puts together) and the others as strings: every spelling must give what the general path gives.
    @Test("cells spelled with spaces, signs, quotes, other dates and equivalent Unicode import as the general path's")
    func spellings() throws {
        let text = String(decoding: Self.text(rows: 12, seed: 7, multiline: false), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // (column, cell) changes, one row each.
        let changes: [[(Int, String)]] = [
            [(0, " 990001"), (1, " MLI-1 "), (5, " 1")],
            [(8, "Mali: Government - JNIM"), (11, "Mali: Government - JNIM"), (26, "")],
            [(8, "Ménaka"), (11, "Me\u{301}naka")],
            [(26, " near the well ")],
            [(8, "Conflict A"), (11, ""), (19, " Wire ")],
            [(8, ""), (11, "Dyad  "), (19, "\"A \"\"quoted\"\" wire\"")],
            [(40, " 3"), (41, "-2"), (42, "03"), (43, "3.0")],
            [(44, "3.0"), (45, " 4"), (46, "")],
            [(44, "007"), (45, "0000000010"), (46, "+1")],
            [(38, "2021-03-04"), (39, "  ")],
            [(38, "04/03/2021"), (39, "2021-03-05 00:00:00.000")],
            [(1, ""), (5, "03")],
        ]
        for (k, change) in changes.enumerated() {
            var fields = lines[k + 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(fields.count == 49)
            for (column, cell) in change { fields[column] = cell }
            lines[k + 1] = fields.joined(separator: ",")
        }
        let path = try FastPathImportTests.write(Array(lines.joined(separator: "\n").utf8), name: "ged.csv")
        let general = FastPathCheck.generalResult(path: path)
        for (splitMinimum, chunk) in FastPathCheck.shapes {
            let fast = FastPathCheck.fastResult(path: path, splitMinimum: splitMinimum, fillChunk: chunk)
            #expect(fast.text != nil, "declined: \(fast.declined)")
            #expect(fast.text == general, "split \(splitMinimum == 1), chunk \(chunk): differs")
        }
    }
}
