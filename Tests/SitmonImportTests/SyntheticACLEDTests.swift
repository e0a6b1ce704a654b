import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport
import SitmonGenerate

/// `sitmon generate --format acled-csv`: an invented ACLED-layout export at real cardinality, deterministic, that
/// the importer reads whole in both layouts.
@Suite struct SyntheticACLEDTests {
    static func bytes(_ shape: SyntheticACLED.Shape) throws -> [UInt8] {
        var out: [UInt8] = []
        try SyntheticACLED.write(shape) { (chunk) throws(WriteError) in out += chunk }
        return out
    }

    @Test("the same seed gives the same bytes; another seed other bytes")
    func deterministic() throws {
        let shape = SyntheticACLED.Shape(events: 500, actors: 300, countries: 5, seed: 7)
        #expect(try Self.bytes(shape) == Self.bytes(shape))
        var other = shape
        other.seed = 8
        #expect(try Self.bytes(shape) != Self.bytes(other))
    }

    @Test("dyadic: every row imports, with the requested number of actors and realistic names")
    func dyadic() throws {
        let shape = SyntheticACLED.Shape(events: 3000, actors: 400, countries: 10, layout: .dyadic, seed: 3)
        let (dataset, report) = try CSVImporter.load(bytes: Self.bytes(shape), name: "gen.csv")
        #expect(report.skipped.isEmpty)
        #expect(dataset.records.count == 3000)
        let names = Set(dataset.actors.map(\.name))
        #expect(names.contains("JNIM: Group for Support of Islam and Muslims"))
        #expect(names.count > 300 && names.count <= 400)
        #expect(names.contains { $0.hasPrefix("Military Forces of Country ") && $0.hasSuffix("-)") })
        #expect(names.contains { $0.hasPrefix("Civilians (Country ") })
        #expect(names.contains { $0.contains("Communal Militia (Country ") })
        // About 20 admin1 units per country.
        #expect(dataset.regions.count > 150 && dataset.regions.count <= 200 + 10)  // admin1 units, and the countries
        // Notes keep their quotes and line breaks.
        #expect(
            (0..<dataset.records.count).contains {
                (dataset.records.summary($0) ?? "").contains("a \"quoted\" word\nand a second line.")
            })
    }

    @Test("monadic: the two rows of each event merge into one record with both sides")
    func monadic() throws {
        let shape = SyntheticACLED.Shape(events: 1000, actors: 200, countries: 4, layout: .monadic, seed: 5)
        let (dataset, report) = try CSVImporter.load(bytes: Self.bytes(shape), name: "gen-monadic.csv")
        #expect(report.layout == .monadic)
        #expect(report.rowsRead == 2000)
        #expect(dataset.records.count == 1000)
        #expect(report.rowsMerged == 1000)
    }
}
