import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport
import SitmonGenerate

/// The ACLED fast path (`FastImport`: a mapped file, two threads, the builder calls replayed in file order)
/// must give exactly what the general path gives: the same dataset written byte for byte, the same report. Clean
/// exports must take it; anything it cannot do exactly must fall back to the general path, with the same result.
@Suite struct FastPathImportTests {
    static func result(path: String, fast: Bool) -> String { FastPathCheck.result(path: path, fastPath: fast) }

    /// The fast path's own result (nil when it declines), read on one thread or split on two.
    static func fastResult(path: String, split: Bool, chunk: Int = FillCursor.defaultChunk) -> (String?, String) {
        let result = FastPathCheck.fastResult(path: path, splitMinimum: split ? 1 : .max, fillChunk: chunk)
        return (result.text, result.declined)
    }

    /// One thread and two, the file read in its usual chunks, a few bytes at a time (`FillCursor`), and 20 KB at a
    /// time (the pages given back every 64 KB then reused under the next ones read: `FileBuffer`).
    static let shapes: [(split: Bool, chunk: Int)] = [
        (false, FillCursor.defaultChunk), (true, FillCursor.defaultChunk), (true, 29), (false, 3), (true, 20_000),
    ]

    static func write(_ bytes: [UInt8], name: String = "export.csv") throws -> String {
        let path = try ImportPaths.temporaryDirectory().appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func synthetic(events: Int, actors: Int, countries: Int, seed: UInt64) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try SyntheticACLED.write(
            SyntheticACLED.Shape(events: events, actors: actors, countries: countries, seed: seed)
        ) { bytes += $0 }
        return bytes
    }

    @Test(
        "invented exports take the fast path, on one thread and on two, and import as the general path does",
        arguments: [(3000, 400, 3, 1), (4000, 2000, 20, 2), (2500, 50, 1, 3)] as [(Int, Int, Int, UInt64)])
    func syntheticExports(events: Int, actors: Int, countries: Int, seed: UInt64) throws {
        let path = try Self.write(try Self.synthetic(events: events, actors: actors, countries: countries, seed: seed))
        let general = Self.result(path: path, fast: false)
        #expect(general.contains("\"incidents\""))
        for (split, chunk) in Self.shapes {
            let (fast, why) = Self.fastResult(path: path, split: split, chunk: chunk)
            #expect(fast != nil, "declined: \(why)")
            #expect(fast == general, "split \(split), chunk \(chunk): the fast path's dataset or report differs")
        }
        #expect(Self.result(path: path, fast: true) == general)
    }

    @Test(
        "every fixture imports as the general path imports it; those without revisions take the fast path",
        arguments: [
            ("acled-current.csv", false), ("acled-old.csv", true), ("acled-2016.csv", false),
            ("acled-fidelity.csv", false), ("acled-bad-rows.csv", false), ("acled-monadic.csv", false),
            ("acled-missing-column.csv", false), ("ucdp-ged.csv", true), ("ucdp-fidelity.csv", true),
        ])
    func fixtures(name: String, takesFastPath: Bool) throws {
        let path = ImportPaths.fixture(name)
        let general = Self.result(path: path, fast: false)
        #expect(Self.result(path: path, fast: true) == general)
        for (split, chunk) in Self.shapes {
            let (fast, why) = Self.fastResult(path: path, split: split, chunk: chunk)
            if takesFastPath {
                #expect(
                    fast == general,
                    "\(name), split \(split), chunk \(chunk): \(fast == nil ? "declined: \(why)" : "differs")")
            } else {
                #expect(fast == nil || fast == general, "\(name), split \(split): differs")
            }
        }
    }

    /// Text built from a header and rows, a line feed after each.
    static let header =
        "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,"
        + "assoc_actor_2,inter2,civilian_targeting,iso,country,admin1,admin2,admin3,location,latitude,longitude,"
        + "geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
    static let row =
        "MLI1,2021-05-24,1,Battles,Armed clash,JNIM: Group for Support of Islam and Muslims,,2,"
        + "Military Forces of Mali (2021-),,1,,466,Mali,Mopti,Djenne,,Sofara,14.0,-4.2,1,Studio Tamani; RFI,"
        + "National,\"Clash near Sofara, \"\"heavy\"\" fire.\",3,,1622000000"

    static func text(_ rows: [String], header: String = header) -> [UInt8] {
        Array(([header] + rows).map { $0 + "\n" }.joined().utf8)
    }

    static func row(_ id: Int, _ change: (inout [String]) -> Void = { _ in }) -> String {
        var rows = CSVInput(bytes: Array(row.utf8)).rows()
        var fields = rows.next()?.fields ?? []
        fields[0] = "MLI\(id)"
        change(&fields)
        return fields.map(quoted).joined(separator: ",")
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static let monadicHeader = header.replacingOccurrences(of: ",actor2,assoc_actor_2,inter2", with: "")

    static func replacing(_ old: String, with new: String, in bytes: [UInt8]) -> [UInt8] {
        Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: old, with: new).utf8)
    }

    /// Cases the fast path takes (warnings included), and cases it declines; each imports as the general path does.
    static let cases: [(name: String, bytes: [UInt8], fast: Bool)] = [
        ("plain", text((1...5).map { row($0) }), true),
        ("unknown event type", text([row(1) { $0[3] = "Space battles" }, row(2)]), true),
        ("invalid coordinates", text([row(1) { $0[18] = "214.0" }, row(2)]), true),
        ("unknown Mali region", text([row(1) { $0[14] = "Atlantis" }, row(2) { $0[14] = "atlantis" }]), true),
        (
            "no admin1 or country",
            text([
                row(1) {
                    $0[13] = ""; $0[14] = ""
                }, row(2),
            ]), true
        ),
        (
            "event without location",
            text([
                row(1) {
                    $0[3] = "Strategic developments"; $0[17] = ""
                }
            ]), true
        ),
        (
            "spellings of one actor",
            text([row(1), row(2) { $0[5] = "JNIM:  group for support of Islam and Muslims" }]), true
        ),
        (
            "associated actors", text([row(1) { $0[6] = "Dozo; Dozo ;JNIM: Group for Support of Islam and Muslims" }]),
            true
        ),
        ("coded after uncoded", text([row(1) { $0[7] = "" }, row(2) { $0[7] = "Rebel group" }]), true),
        ("same name for a source", text([row(1) { $0[21] = "RFI; rfi; Studio Tamani" }]), true),
        ("blank rows", Array("\n \n".utf8) + text([row(1), ",,,,", row(2)]), true),
        ("BOM", [0xEF, 0xBB, 0xBF] + text([row(1), row(2)]), true),
        ("CR LF", replacing("\n", with: "\r\n", in: text([row(1), row(2)])), true),
        ("semicolons", replacing(",", with: ";", in: text([row(1) { $0[21] = "RFI" }])), true),
        ("tabs", replacing(",", with: "\t", in: text([row(1) { $0[23] = "A note" }])), true),
        (
            "the middle inside a note of many lines (the split falls in a quoted field)",
            text([row(1), row(2) { $0[23] = String(repeating: "line\n", count: 400) }, row(3)]), true
        ),
        ("a colon in the event id", text([row(1) { $0[0] = "ACLED:MLI77" }, row(2)]), true),
        (
            // Cells looked up together by their bytes must not run into each other: "Mopti\u{1}Mali" + "X" is not
            // "Mopti" + "Mali\u{1}X", nor "Riots/Protests", "x\u{1}r" the rioters' "Riots/Protests", "x"
            // (`ACLEDImportTests.cellsJoinedIntoKeys` checks what the general path makes of them).
            "control bytes where cells are joined into one key",
            text([
                row(1) {
                    $0[14] = "Mopti\u{1}Mali"; $0[13] = "X"
                },
                row(2) {
                    $0[14] = "Mopti"; $0[13] = "Mali\u{1}X"
                },
                row(3) {
                    $0[3] = "Riots/Protests"; $0[4] = "x\u{1}r"; $0[7] = "Civilians"
                },
                row(4) {
                    $0[3] = "Riots/Protests"; $0[4] = "x"; $0[7] = "Rioters"
                },
                row(5) {
                    $0[14] = "Peru"; $0[13] = "Country"
                },
                row(6) {
                    $0[14] = ""; $0[13] = "Peru"
                },
            ]), true
        ),
        (
            // The fast path remembers the previous row's geo_precision, admin3, source_scale and tags cells: a cell
            // spelled a little differently from the one before it (case, spaces, quotes) must not take its symbol.
            "origin cells repeated from the row before, or nearly",
            text(
                zip(
                    zip(["1", "1", " 1", "2", "2", "", "1"], ["A", "A", "a", " A", "", "", "A"]),
                    zip(
                        ["National", "National", "national", "National ", "", "X", "National"],
                        ["x; y", "x; y", "x;y", "x; y ", "\"q\"; y", "\"q\"; y", ""])
                ).enumerated().map { k, cells in
                    row(k + 1) {
                        $0[20] = cells.0.0; $0[16] = cells.0.1; $0[22] = cells.1.0; $0[25] = cells.1.1
                    }
                }), true
        ),
        (
            // Dates, precisions and fatalities in their plain spellings are read from the bytes; the others as the
            // general path reads them.
            "dates, precisions and fatalities spelled in several ways",
            text(
                zip(
                    ["2021-05-24", "2021-05-24 00:00:00", " 2021-05-24", "24 May 2021", "2021-5-24", "2021-05-24"],
                    zip(["1", "3", " 2", "3 ", "", "0"], ["3", "03", " 3", "3.0", "+3", "0000000003"])
                ).enumerated().map { k, cells in
                    row(k + 1) {
                        $0[1] = cells.0; $0[2] = cells.1.0; $0[24] = cells.1.1
                    }
                }), true
        ),
        ("a revision", text([row(1), row(1) { $0[26] = "1622000999" }]), false),
        ("a bad date", text([row(1) { $0[1] = "yesterday" }, row(2)]), false),
        ("a missing id", text([row(1) { $0[0] = "" }, row(2)]), false),
        ("bad fatalities", text([row(1) { $0[24] = "many" }, row(2)]), false),
        ("too few fields", text([row(1), "MLI2,2021-05-24"]), false),
        ("invalid UTF-8", text([row(1), "M\u{1}" + row(2)]).map { $0 == 1 ? 0xFF : $0 }, false),
        ("no final line break", Array(text([row(1), row(2)]).dropLast()), true),
        ("cut short inside a note, no final line break", Array(text([row(1), row(2)]).dropLast(60)), false),
        ("a last row without fatalities", text([row(1), row(2) { $0[24] = "" }]), false),
        ("an actor id of the records' shape", text([row(1) { $0[5] = "ACLED 1" }]), false),
        ("monadic", text([row(1)], header: monadicHeader), false),
        ("UTF-16", [0xFF, 0xFE] + "event_id_cnty".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, false),
    ]

    @Test("each case imports exactly as the general path imports it", arguments: cases.indices)
    func handwritten(index: Int) throws {
        let (name, bytes, takesFastPath) = Self.cases[index]
        let path = try Self.write(bytes)
        let general = Self.result(path: path, fast: false)
        #expect(Self.result(path: path, fast: true) == general, "\(name): differs")
        for (split, chunk) in Self.shapes {
            let (fast, why) = Self.fastResult(path: path, split: split, chunk: chunk)
            if takesFastPath {
                #expect(
                    fast == general,
                    "\(name), split \(split), chunk \(chunk): \(fast == nil ? "declined: \(why)" : "differs")")
            } else {
                #expect(fast == nil, "\(name): the fast path took what it cannot do exactly")
            }
        }
    }

    @Test("random damage to an export: the fast path and the general path agree on every result")
    func randomDamage() throws {
        let clean = try Self.synthetic(events: 300, actors: 60, countries: 2, seed: 9)
        var rng = SplitMix64(seed: 14)
        let damage: [[UInt8]] = [[0x22], [0x0A], [0x0D], [0x2C], [0x3B], [0x00], [0xFF], [0xC3], [], [0x22, 0x22]]
        var fastTaken = 0
        for trial in 0..<60 {
            var bytes = clean
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let at = Int(rng.next() % UInt64(bytes.count))
                let piece = damage[Int(rng.next() % UInt64(damage.count))]
                if piece.isEmpty { bytes.remove(at: at) } else { bytes.insert(contentsOf: piece, at: at) }
            }
            let path = try Self.write(bytes, name: "damaged-\(trial).csv")
            let general = Self.result(path: path, fast: false)
            let (split, chunk) = Self.shapes[trial % Self.shapes.count]
            let (fast, _) = Self.fastResult(path: path, split: split, chunk: chunk)
            if let fast {
                fastTaken += 1
                #expect(fast == general, "trial \(trial) (split \(split)): the fast path's result differs")
            }
            #expect(Self.result(path: path, fast: true) == general, "trial \(trial): the import differs")
        }
        // Damage inside a note or a source leaves most rows readable: the fast path still takes some files.
        #expect(fastTaken > 5)
    }
}

/// The merge's check that no two local actors or publications map to one global one.
@Suite("Fast path merge maps")
struct FastPathMapTests {
    @Test("isOneToOne agrees with comparing the map's count to its Set's, on random maps")
    func oneToOne() {
        var random = SplitMix64(seed: 77)
        for _ in 0..<2_000 {
            let n = random.below(12)
            let map = (0..<n).map { _ in Int32(random.below(10)) - (random.below(4) == 0 ? 10 : 0) }
                .map { $0 < 0 ? Int32(-1) : $0 }
            #expect(FastImport.isOneToOne(map[...]) == (Set(map).count == map.count), "\(map)")
        }
        #expect(FastImport.isOneToOne([][...]))
        #expect(FastImport.isOneToOne([-1][...]))
        #expect(!FastImport.isOneToOne([-1, -1][...]))
        #expect(!FastImport.isOneToOne([3, 0, 3][...]))
    }
}
