import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport
import SitmonGenerate

/// Distinct actors keep distinct names: short names only where they identify the actor, full names in CSV, the
/// alias table's short names and jihadist kinds, severity from deaths for every record kind.
@Suite("Actor identity on import")
struct ActorIdentityTests {
    /// Names that share prefixes or short names the way ACLED's do (invented where they are not the examples).
    static let pool = [
        "JNIM: Group for Support of Islam and Muslims",
        "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)",
        "Islamic State (Greater Sahara)", "Islamic State (Sahel)",
        "MAA: Arab Movement of the Azawad (Platform)", "MAA: Arab Movement of the Azawad (CMA)",
        "CMA", "CMA (Splinter Faction)",
        "PF: Patriotic Front", "PF: Peoples Front",
        "BJP: Bharatiya Janata Party", "BJP: Bangladesh Jatiya Party",
        "Military Forces of Mali (2013-)", "Military Forces of Mali (2020-2021)", "Military Forces of Mali (2021-)",
        "Wagner Group", "Civilians (Mali)", "Rioters (Mali)", "Unidentified Armed Group (Mali)",
        "Militia (Miners, \"Gold\" Site)", "FAMa", "ISGS",
    ]

    func imported(_ rows: [[String: String]]) throws -> Imported {
        try Imported(
            text: ACLEDText.csv(
                rows.enumerated().map { k, values in
                    var values = values
                    values["event_id_cnty"] = values["event_id_cnty"] ?? "MLI\(k + 1)"
                    return ACLEDText.row(values)
                }))
    }

    func label(_ imported: Imported, _ name: String) throws -> String {
        imported.dataset.actorLabel(try #require(imported.actorIndex(named: name)))
    }

    @Test("a shared short name is disambiguated, or dropped for the full name")
    func disambiguated() throws {
        let names = Self.pool
        let imported = try imported(names.map { ["actor1": $0, "actor2": "", "inter2": ""] })
        #expect(try label(imported, "JNIM: Group for Support of Islam and Muslims") == "JNIM")
        #expect(
            try label(imported, "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)")
                == "JNIM and/or ISGS")
        #expect(try label(imported, "MAA: Arab Movement of the Azawad (Platform)") == "MAA (Platform)")
        #expect(try label(imported, "MAA: Arab Movement of the Azawad (CMA)") == "MAA (CMA)")
        #expect(try label(imported, "CMA") == "CMA")
        #expect(try label(imported, "CMA (Splinter Faction)") == "CMA (Splinter Faction)")
        #expect(try label(imported, "BJP: Bharatiya Janata Party") == "BJP: Bharatiya Janata Party")
        #expect(try label(imported, "BJP: Bangladesh Jatiya Party") == "BJP: Bangladesh Jatiya Party")
        #expect(try label(imported, "PF: Patriotic Front") == "PF: Patriotic Front")
        #expect(try label(imported, "Military Forces of Mali (2013-)") == "FAMa (2013-)")
        #expect(try label(imported, "Military Forces of Mali (2021-)") == "FAMa (2021-)")
        // "FAMa" itself is an actor here, so no other actor may be shown as FAMa.
        #expect(try label(imported, "FAMa") == "FAMa")
        // An actor is named "ISGS" here too: the alias table's short name gives way.
        #expect(try label(imported, "Islamic State (Greater Sahara)") == "ISGS (Greater Sahara)")
        #expect(try label(imported, "Islamic State (Sahel)") == "ISGS (Sahel)")
        let labels = imported.dataset.actors.indices.map { TextFolding.fold(imported.dataset.actorLabel(Int32($0))) }
        #expect(Set(labels).count == labels.count, "every label names one actor")
    }

    @Test("one record never reads \"MAA (target); MAA (associated)\"")
    func oneRecord() throws {
        let imported = try imported([
            [
                "actor1": "Military Forces of Mali (2021-)",
                "actor2": "MAA: Arab Movement of the Azawad (Platform)",
                "assoc_actor_2": "MAA: Arab Movement of the Azawad (CMA)",
            ]
        ])
        let engine = QueryEngine(dataset: imported.dataset)
        let rows = Self.parseCSV(Exporter.export(engine.run(Filter()), of: engine, as: .csv))
        let actors = try #require(rows.dropFirst().first?[CSVExport.columns.firstIndex(of: "actors") ?? 0])
        #expect(
            actors
                == "MAA: Arab Movement of the Azawad (Platform) (target); MAA: Arab Movement of the Azawad (CMA) (associated)"
        )
    }

    @Test(
        "property: the distinct actor names in the CSV export are the distinct names in the source file",
        arguments: 1...12)
    func namesRoundTrip(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        func pick() -> String {
            // The pool, and generated names that share a short prefix ("AB: …") with others.
            if rng.next() % 3 == 0 {
                let prefixes = ["AB", "MAA", "JNIM", "PF"]
                let words = ["Front", "Movement", "Party", "Union", "(Faction)", "(2019-)", "Alliance"]
                return prefixes[Int(rng.next() % 4)] + ": "
                    + (0..<Int(1 + rng.next() % 3)).map { _ in
                        words[Int(rng.next() % UInt64(words.count))]
                    }.joined(separator: " ") + " \(rng.next() % 7)"
            }
            return Self.pool[Int(rng.next() % UInt64(Self.pool.count))]
        }
        var rows: [[String: String]] = []
        var source = Set<String>()
        for _ in 0..<(20 + Int(rng.next() % 40)) {
            let actor1 = pick()
            let actor2 = rng.next() % 4 == 0 ? "" : pick()
            let assoc = (0..<Int(rng.next() % 3)).map { _ in pick() }
            // A name that folds like another (case, accents) would be one actor with an alias: keep them apart.
            for name in [actor1, actor2] + assoc where !name.isEmpty { source.insert(name) }
            rows.append([
                "actor1": actor1, "actor2": actor2, "inter2": actor2.isEmpty ? "" : "Rebel group",
                "assoc_actor_1": assoc.joined(separator: "; "),
                "event_type": rng.next() % 2 == 0 ? "Battles" : "Protests",
                "sub_event_type": "", "fatalities": String(rng.next() % 50),
            ])
        }
        let imported = try imported(rows)
        #expect(try Self.exportedActorNames(imported.dataset) == source)
        // And in the panes and the briefing: one label per actor.
        let labels = imported.dataset.actors.indices.map { TextFolding.fold(imported.dataset.actorLabel(Int32($0))) }
        #expect(Set(labels).count == labels.count)
    }

    @Test("property: the same holds for UCDP GED sides", arguments: 1...6)
    func ucdpNamesRoundTrip(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let lines = try String(contentsOfFile: ImportPaths.fixture("ucdp-ged.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let template = ACLEDIdentityCSV.fields(lines[1])
        let sideA = try #require(header.firstIndex(of: "side_a")), sideB = try #require(header.firstIndex(of: "side_b"))
        var rows: [[String]] = []
        var source = Set<String>()
        for k in 0..<(10 + Int(rng.next() % 20)) {
            var row = template
            row[0] = String(900_000 + k)
            row[sideA] = Self.pool[Int(rng.next() % UInt64(Self.pool.count))]
            row[sideB] = Self.pool[Int(rng.next() % UInt64(Self.pool.count))]
            source.insert(row[sideA])
            source.insert(row[sideB])
            rows.append(row)
        }
        let imported = try Imported(text: ACLEDText.csv(rows, header: header), name: "ged.csv", format: .ucdp)
        #expect(try Self.exportedActorNames(imported.dataset) == source)
    }

    @Test("UCDP's bare IS is a jihadist group, shown as ISGS; every spelling the alias table lists for one is too")
    func jihadistSpellings() throws {
        let imported = try imported([
            [
                "actor1": "IS", "inter1": "Rebel group", "actor2": "Civilians (Mali)",
                "inter2": "Civilians", "event_type": "Violence against civilians",
                "sub_event_type": "Attack",
            ]
        ])
        let isActor = try imported.actor(named: "IS")
        #expect(isActor.kind == .jihadistGroup)
        #expect(isActor.shortName == "ISGS")
        for entry in ActorAliases.bundled.entries where entry.kind == .jihadistGroup {
            for name in entry.names {
                let one = try self.imported([["actor1": name, "inter1": "Rebel group"]])
                #expect(try one.actor(named: name).kind == .jihadistGroup, "\(name) (\(entry.id))")
            }
        }
    }

    @Test("in a UCDP file, the bare IS is a jihadist group and the perpetrator against a non-jihadist side")
    func ucdpIS() throws {
        let text = try String(contentsOfFile: ImportPaths.fixture("ucdp-ged.csv"), encoding: .utf8)
            .replacingOccurrences(of: ",IS Sahel,", with: ",IS,")
        let imported = try Imported(text: text, name: "ged.csv", format: .ucdp)
        let isActor = try imported.actor(named: "IS")
        #expect(isActor.kind == .jihadistGroup && isActor.shortName == "ISGS")
        let oneSided = try imported.record("ucdp-880003")
        #expect(imported.role(of: "IS", in: oneSided) == RecordStore.perpetratorRole)
    }

    @Test("severity comes from deaths and type for every record kind: a 46-death mob attack is critical")
    func severity() throws {
        let imported = try imported([
            [
                "event_type": "Riots", "sub_event_type": "Mob violence", "actor1": "Rioters (Mali)",
                "inter1": "Rioters",
                "actor2": "Civilians (Mali)", "inter2": "Civilians", "fatalities": "46",
            ],
            [
                "event_type": "Protests", "sub_event_type": "Excessive force against protesters",
                "actor1": "Protesters (Mali)", "inter1": "Protesters", "actor2": "", "inter2": "", "fatalities": "2",
            ],
            [
                "event_type": "Riots", "sub_event_type": "Violent demonstration", "actor1": "Rioters (Mali)",
                "inter1": "Rioters", "actor2": "", "inter2": "", "fatalities": "0",
            ],
            [
                "event_type": "Protests", "sub_event_type": "Peaceful protest", "actor1": "Protesters (Mali)",
                "inter1": "Protesters", "actor2": "", "inter2": "", "fatalities": "0",
            ],
        ])
        #expect(try imported.record("acled-mli1").kind == .event)
        #expect(try imported.record("acled-mli1").severity == .critical)
        #expect(try imported.record("acled-mli2").severity == .warning)
        #expect(try imported.record("acled-mli3").severity == .notice)
        #expect(try imported.record("acled-mli4").severity == .info)
    }

    // MARK: Helpers

    /// Every actor name the CSV export of the whole dataset shows, as perpetrator or (without the role) as actor.
    static func exportedActorNames(_ dataset: Dataset) throws -> Set<String> {
        let engine = QueryEngine(dataset: dataset)
        let csv = parseCSV(Exporter.export(engine.run(Filter()), of: engine, as: .csv))
        let actorsColumn = try #require(CSVExport.columns.firstIndex(of: "actors"))
        let perpetratorsColumn = try #require(CSVExport.columns.firstIndex(of: "perpetrators"))
        var exported = Set<String>()
        for row in csv.dropFirst() {
            for entry in list(row[perpetratorsColumn]) { exported.insert(entry) }
            for entry in list(row[actorsColumn]) { exported.insert(withoutRole(entry)) }
        }
        return exported
    }

    static func list(_ field: String) -> [String] {
        field.isEmpty ? [] : field.components(separatedBy: "; ")
    }

    /// `CMA (Splinter Faction) (target)` → `CMA (Splinter Faction)`.
    static func withoutRole(_ entry: String) -> String {
        guard entry.hasSuffix(")"), let open = entry.range(of: " (", options: .backwards) else { return entry }
        return String(entry[..<open.lowerBound])
    }

    /// RFC 4180 rows.
    static func parseCSV(_ bytes: [UInt8]) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        let chars = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        var k = 0
        while k < chars.count {
            let c = chars[k]
            if quoted {
                if c == "\"" {
                    if k + 1 < chars.count && chars[k + 1] == "\"" {
                        field.unicodeScalars.append(c); k += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r" {
                // CRLF: the LF ends the row.
            } else if c == "\n" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.unicodeScalars.append(c)
            }
            k += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

/// One line of a CSV file split into fields (quotes removed), for templates.
enum ACLEDIdentityCSV {
    static func fields(_ line: String) -> [String] {
        ActorIdentityTests.parseCSV(Array((line + "\n").utf8)).first ?? []
    }
}
