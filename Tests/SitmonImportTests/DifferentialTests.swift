import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport

/// Imports each fixture, exports the result as CSV, and compares counts per region, year, event type and actor
/// (by full name), and the fatalities, with the same counts computed straight from the source CSV by a reference
/// written here without the importer: its own CSV reader, its own rule for which rows make an event.
@Suite("Differential: import → CSV export agrees with the source CSV")
struct DifferentialTests {
    static let fixtures = [
        "acled-current.csv", "acled-old.csv", "acled-2016.csv", "acled-monadic.csv",
        "acled-fidelity.csv", "ucdp-ged.csv", "ucdp-fidelity.csv",
    ]

    @Test("counts per region, year, type and actor, and fatalities, match the source", arguments: fixtures)
    func counts(fixture: String) throws {
        let source = try CSVCounts(source: ImportPaths.fixture(fixture))
        let imported = try Imported(fixture)
        let engine = QueryEngine(dataset: imported.dataset)
        let csv = Exporter.export(engine.run(Filter()), of: engine, as: .csv)
        let exported = try CSVCounts(export: csv, dataset: imported.dataset)

        #expect(exported.events == source.events, "events")
        #expect(exported.byRegion == source.byRegion, "per admin1 as written")
        // Distinct admin1 units are never merged: a region gathers several spellings only when Mali's gazetteer
        // names them one region (Ménaka/Menaka, Tombouctou/Timbuktu).
        #expect(exported.mergedUnits.isEmpty, "regions holding distinct admin1 units: \(exported.mergedUnits)")
        #expect(exported.regionUnits <= source.regionUnits)
        #expect(exported.byYear == source.byYear, "per year")
        #expect(exported.byType == source.byType, "per event type")
        #expect(exported.byActor == source.byActor, "per actor, by full name")
        #expect(exported.fatalities == source.fatalities, "fatalities")
        #expect(Set(exported.byActor.keys) == Set(source.byActor.keys), "the same actors, none lost or invented")
    }
}

/// An RFC 4180 reader for the reference (quoted fields, doubled quotes, line breaks in quotes), kept apart from
/// the importer's CSV.swift on purpose.
enum ReferenceCSV {
    static func rows(_ text: String, delimiter: Character) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var atStart = true
        var chars = Array(text)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" {
                        field.append("\""); i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && atStart {
                quoted = true
            } else if c == delimiter {
                row.append(field); field = ""; atStart = true; i += 1; continue
            } else if c == "\n" || c == "\r" || c == "\r\n" {
                row.append(field); field = ""
                rows.append(row); row = []
                atStart = true; i += 1; continue
            } else {
                field.append(c)
            }
            atStart = false
            i += 1
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows.filter { !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }
}

/// Events, fatalities and events per region, year, type and actor: counted straight from an ACLED or UCDP CSV
/// (`init(source:)`) and from sitmon's CSV export of its import (`init(export:dataset:)`), to be compared.
struct CSVCounts {
    var events = 0
    var byRegion: [String: Int] = [:]
    var regionUnits = 0
    var byYear: [String: Int] = [:]
    var byType: [String: Int] = [:]
    var byActor: [String: Int] = [:]
    var fatalities = 0
    /// Export only: regions whose rows hold admin1 spellings that are not one Mali gazetteer region.
    var mergedUnits: [String] = []
}

extension CSVCounts {
    /// Counts straight from an ACLED or UCDP CSV: an event is an id (`event_id_cnty`, else `data_id`, else
    /// `event_id_no_cnty`; UCDP `id`) with its latest `timestamp`; in ACLED's monadic layout every row of that
    /// timestamp is a side of it. Rows with fewer fields than the header (a truncated end) are not events.
    init(source path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let delimiter: Character =
            firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        var rows = ReferenceCSV.rows(text, delimiter: delimiter)
        let header = rows.removeFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ names: String...) -> Int? { names.lazy.compactMap { header.firstIndex(of: $0) }.first }
        rows = rows.filter { $0.count >= header.count }
        func value(_ row: [String], _ k: Int?) -> String {
            k.map { row[$0].trimmingCharacters(in: .whitespaces) } ?? ""
        }
        let ucdp = column("type_of_violence") != nil
        var regionKeys = Set<String>()
        if ucdp {
            let types = ["1": "State-based conflict", "2": "Non-state conflict", "3": "One-sided violence"]
            for row in rows {
                events += 1
                byRegion[value(row, column("adm_1")), default: 0] += 1
                regionKeys.insert(value(row, column("country")) + "|" + value(row, column("adm_1")))
                byYear[value(row, column("year")), default: 0] += 1
                byType[types[value(row, column("type_of_violence"))] ?? "?", default: 0] += 1
                for name in Set([value(row, column("side_a")), value(row, column("side_b"))]) where !name.isEmpty {
                    byActor[name, default: 0] += 1
                }
                fatalities += Int(value(row, column("best"))) ?? 0
            }
            regionUnits = regionKeys.count
            return
        }
        let ids = [column("event_id_cnty"), column("data_id"), column("event_id_no_cnty")]
        let monadic =
            column("actor2") == nil && column("assoc_actor_2", "ally_actor_2") == nil && column("inter2") == nil
        let timestamp = column("timestamp")
        // The rows kept per event id, in the order events first appear.
        var order: [String] = []
        var kept: [String: [[String]]] = [:]
        for row in rows {
            guard
                let id = ids.lazy.compactMap({ k -> String? in
                    let v = value(row, k)
                    return v.isEmpty ? nil : "\(k ?? -1):" + v
                }).first
            else { continue }
            let stamp = Int(value(row, timestamp)) ?? 0
            guard let current = kept[id] else { order.append(id); kept[id] = [row]; continue }
            let currentStamp = Int(value(current[0], timestamp)) ?? 0
            if monadic && stamp == currentStamp {
                kept[id]?.append(row)
            } else if stamp >= currentStamp {
                kept[id] = [row]
            }
        }
        for id in order {
            guard let sides = kept[id], let row = sides.first else { continue }
            events += 1
            let admin1 = value(row, column("admin1"))
            byRegion[admin1, default: 0] += 1
            regionKeys.insert(value(row, column("country")) + "|" + admin1)
            byYear[value(row, column("year")), default: 0] += 1
            byType[value(row, column("event_type")), default: 0] += 1
            var names = Set<String>()
            for side in sides {
                for k in [
                    column("actor1"), column("actor2"), column("assoc_actor_1", "ally_actor_1"),
                    column("assoc_actor_2", "ally_actor_2"),
                ] {
                    for name in value(side, k).split(separator: ";") {
                        let n = name.trimmingCharacters(in: .whitespaces)
                        if !n.isEmpty { names.insert(n) }
                    }
                }
            }
            for name in names { byActor[name, default: 0] += 1 }
            fatalities += Int(value(row, column("fatalities"))) ?? 0
        }
        regionUnits = regionKeys.count
    }
}

extension CSVCounts {
    /// The same counts from sitmon's CSV export: `admin1`, the year of `date`, the event type before ` / ` in
    /// `original_type`, the actors of `actors` (without their `(role)`) and `perpetrators`, mapped to full names.
    init(export csv: [UInt8], dataset: Dataset) throws {
        var rows = ReferenceCSV.rows(String(decoding: csv, as: UTF8.self), delimiter: ",")
        let header = rows.removeFirst()
        struct MissingColumn: Error { var name: String }
        func column(_ name: String) throws -> Int {
            guard let k = header.firstIndex(of: name) else { throw MissingColumn(name: name) }
            return k
        }
        let admin1 = try column("admin1"), date = try column("date"), type = try column("original_type")
        let actors = try column("actors"), perpetrators = try column("perpetrators")
        let deaths = try column("fatalities"), regions = try column("regions")
        // An export label → the actor's full name; a label two actors share cannot be counted by name.
        var fullName: [String: String] = [:]
        var ambiguous = Set<String>()
        for (k, actor) in dataset.actors.enumerated() {
            for label in Set([actor.name, actor.shortName, dataset.actorLabel(Int32(k))].compactMap { $0 }) {
                if let other = fullName[label], other != actor.name { ambiguous.insert(label) }
                fullName[label] = actor.name
            }
        }
        var spellings: [String: Set<String>] = [:]
        for row in rows {
            events += 1
            byRegion[row[admin1], default: 0] += 1
            spellings[row[regions], default: []].insert(row[admin1])
            byYear[String(row[date].prefix(4)), default: 0] += 1
            let original = row[type]
            byType[original.components(separatedBy: " / ").first ?? original, default: 0] += 1
            var names = Set<String>()
            for entry in row[actors].components(separatedBy: "; ") where !entry.isEmpty {
                // "Military Forces of Mali (2021-) (target)": the role is the last parenthesis.
                let label = entry.range(of: " (", options: .backwards).map { String(entry[..<$0.lowerBound]) } ?? entry
                names.insert(label)
            }
            for label in row[perpetrators].components(separatedBy: "; ") where !label.isEmpty { names.insert(label) }
            for label in names {
                #expect(!ambiguous.contains(label), "the export label \(label) stands for several actors")
                byActor[fullName[label] ?? label, default: 0] += 1
            }
            fatalities += Int(row[deaths]) ?? 0
        }
        regionUnits = spellings.count
        for (region, names) in spellings where names.count > 1 {
            let ids = Set(names.map { ImportGazetteer.maliRegion(named: $0)?.id ?? "not in the gazetteer: " + $0 })
            if ids.count > 1 || ids.contains(where: { $0.hasPrefix("not in") }) { mergedUnits.append(region) }
        }
    }
}
