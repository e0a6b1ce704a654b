import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonGenerate

/// The CSV row writer, which writes from the store's bytes, against the one it replaced (`ReferenceCSVRowWriter`,
/// through `String`s): the same bytes for the bundled data and for records full of hostile text.
@Suite("CSV row writer")
struct CSVRowWriterTests {
    /// The rows of `records` by both writers.
    static func bothWriters(_ dataset: Dataset, _ records: [Int32]) -> (new: [UInt8], old: [UInt8]) {
        let writer = CSVRowWriter(dataset)
        var reference = ReferenceCSVRowWriter(dataset)
        var new = ByteWriter(), old = ByteWriter()
        writer.write(records[...], into: &new)
        reference.write(records[...], into: &old)
        return (new.bytes, old.bytes)
    }

    @Test("the bundled dataset and the small fixture give the old writer's bytes")
    func bundled() throws {
        for dataset in [try Load.bundled(), try Load.small()] {
            let all = (0..<Int32(dataset.records.count)).map { $0 }
            let (new, old) = Self.bothWriters(dataset, all)
            #expect(!new.isEmpty)
            #expect(new == old)
        }
    }

    /// Text a spreadsheet or a CSV reader could trip on: quotes, separators, line breaks, controls, formula
    /// starts (also after blanks and in full-width forms), non-ASCII starts, the tag separator.
    static let hostile: [String] = [
        "", "plain", "Ségou", "Émir", "a, b", "a; b", "say \"no\"", "\"", "line\nbreak", "cr\r\nlf", "lone\rcr",
        "tab\there", "\tlead tab", "=1+1", "+33 1", "-2", "@user", " =spaced", "\u{00A0}=nbsp", "\u{200B}@zw",
        "＝fullwidth", "﹢small", "esc\u{1B}[31m", "bell\u{07}", "del\u{7F}", "c1\u{9B}x", "bidi\u{202E}txt",
        "\u{2028}sep", "nul\u{0}x", "tags\u{1F}inside", "日本語", "emoji 🇲🇱", " ", "'quoted'", "=HYPERLINK(\"x\")",
    ]

    static func randomDataset(seed: UInt64) throws -> Dataset {
        var random = SplitMix64(seed: seed)
        func text() -> String {
            let parts = random.int(1...3)
            return (0..<parts).map { _ in hostile[random.below(hostile.count)] }.joined()
        }
        func maybe() -> String? { random.below(3) == 0 ? nil : text() }
        var dataset = try Load.small()
        for k in dataset.actors.indices { dataset.actors[k].name = text() }
        for k in dataset.regions.indices { dataset.regions[k].name = text() }
        for k in dataset.sources.indices { dataset.sources[k].id = text() }
        var store = RecordStore()
        let categories = Category.allCases
        for n in 0..<400 {
            // Out-of-range references are left out by both writers; repeated ones are written each time.
            let actors = (0..<random.below(5)).map { _ in
                Participation(
                    actor: Int32(random.below(dataset.actors.count + 2)) - 1,
                    role: random.below(3) == 0 ? RecordStore.perpetratorRole : text())
            }
            let date = PartialDate(
                day: Int32(random.int(-800_000...30_000)),
                precision: [DatePrecision.year, .month, .day][random.below(3)])
            let origin =
                random.below(4) == 0
                ? nil
                : RecordOrigin(
                    ids: (0..<random.below(3)).map { _ in SourceId(scheme: text(), value: text()) },
                    datePrecision: maybe(), geoPrecision: maybe(), admin1: maybe(), admin2: maybe(), admin3: maybe(),
                    sourceScale: maybe(), tags: (0..<random.below(3)).map { _ in text() })
            store.append(
                Record(
                    kind: random.below(2) == 0 ? .event : .incident, id: "r\(n)" + text(), date: date,
                    end: random.below(3) == 0 ? PartialDate(day: date.day + 40, precision: .day) : nil,
                    time: random.below(3) == 0 ? random.int(0...1439) : nil,
                    category: categories[random.below(categories.count)],
                    title: random.below(3) == 0 ? "" : text(), summary: maybe(), actors: actors,
                    regions: (0..<random.below(3)).map { _ in Int32(random.below(dataset.regions.count + 1)) - 1 },
                    location: maybe(),
                    latitude: random.below(4) == 0 ? nil : Double(random.int(-90_000...90_000)) / 1000,
                    longitude: random.below(4) == 0 ? nil : Double(random.int(-180_000...180_000)) / 7,
                    fatalities: random.below(3) == 0
                        ? nil
                        : Fatalities(
                            best: random.below(2) == 0 ? nil : random.int(0...2000),
                            low: random.below(2) == 0 ? nil : random.int(0...99),
                            high: random.below(2) == 0 ? nil : random.int(100...1_000_000)),
                    target: maybe(), originalType: maybe(),
                    sources: (0..<random.below(3)).map { _ in Int32(random.below(dataset.sources.count + 1)) - 1 },
                    origin: origin))
        }
        dataset.records = store
        return dataset
    }

    @Test("records of hostile text give the old writer's bytes", arguments: [1, 2, 3, 4] as [UInt64])
    func hostileText(seed: UInt64) throws {
        let dataset = try Self.randomDataset(seed: seed)
        let all = (0..<Int32(dataset.records.count)).map { $0 }
        let (new, old) = Self.bothWriters(dataset, all)
        #expect(new == old)
        // In another order, and from one writer across calls (its derived titles are kept).
        let writer = CSVRowWriter(dataset)
        var reference = ReferenceCSVRowWriter(dataset)
        var a = ByteWriter(), b = ByteWriter()
        for slice in [all.reversed()[...].prefix(150), all[37..<300]] {
            writer.write(Array(slice)[...], into: &a)
            reference.write(Array(slice)[...], into: &b)
        }
        #expect(a.bytes == b.bytes)
    }

    @Test("a field from bytes is the field from the String, for every hostile text and pair of them")
    func fields() {
        var texts = Self.hostile
        for a in Self.hostile { for b in Self.hostile { texts.append(a + b) } }
        for text in texts {
            for isText in [true, false] {
                var fromString = ByteWriter(), fromBytes = ByteWriter()
                fromString.appendCSVField(text, isText: isText)
                fromBytes.appendCSVField(bytes: Array(text.utf8), isText: isText)
                #expect(fromBytes.bytes == fromString.bytes, "\(text.debugDescription)")
            }
        }
    }

    /// `RowBuffer.appendCSVField`'s bytes for `text`.
    static func rowField(_ text: String) -> [UInt8] {
        var row = RowBuffer(capacity: 8)
        defer { row.free() }
        Array(text.utf8).withUnsafeBufferPointer { row.appendCSVField($0) }
        return Array(row.bytes)
    }

    @Test("a field put together in a row buffer is the field ByteWriter writes, for every hostile text and pair")
    func rowBufferFields() {
        var texts = Self.hostile
        for a in Self.hostile { for b in Self.hostile { texts.append(a + b) } }
        for text in texts {
            var expected = ByteWriter()
            expected.appendCSVField(text)
            #expect(Self.rowField(text) == expected.bytes, "\(text.debugDescription)")
        }
    }

    @Test("a byte that needs quotes or a second look is found at every place of a field up to 40 bytes long")
    func rowBufferFieldPlaces() {
        // The field is looked at eight bytes at a time, the last word overlapping the one before it.
        let marks = [
            ",", "\"", ";", "\t", "\n", "\r", "\u{1B}", "\u{7F}", "\u{9B}", "\u{A0}", "\u{202E}", "\u{2013}", "\u{61C}",
            "é", "=", " ",
        ]
        for mark in marks {
            for length in 1...40 {
                for place in 0..<length {
                    let text =
                        String(repeating: "a", count: place) + mark + String(repeating: "b", count: length - place - 1)
                    var expected = ByteWriter()
                    expected.appendCSVField(text)
                    #expect(Self.rowField(text) == expected.bytes, "\(text.debugDescription)")
                }
            }
        }
    }

    @Test("a coordinate in millionths is written as String writes its Double, for 2 million of them")
    func millionths() {
        var random = SplitMix64(seed: 11)
        var values: [Int32] = [
            0, 1, -1, 999, -999, 1000, -1000, 1001, 99_999, 100_000, 1_000_000, -1_000_000, 1_500_000, 12_609_000,
            35_763_369, -5_418_000, 180_000_000, -180_000_000, 90_000_000, 2_147_483_646, -2_147_483_646, 10_000_000,
        ]
        for _ in 0..<1_000_000 { values.append(Int32(random.int(-180_000_000...180_000_000))) }
        // ACLED's four places and round values, where trailing zeros go.
        for _ in 0..<1_000_000 {
            values.append(Int32(random.int(-18_000...18_000)) * Int32([1, 10, 100, 1000][random.below(4)]) * 10)
        }
        var row = RowBuffer(capacity: 64)
        defer { row.free() }
        var wrong = 0
        for m in values where m != CoordinateColumn.absent {
            row.removeAll()
            row.appendMillionths(m)
            let expected = String(CoordinateColumn.value(m))
            if !expected.utf8.elementsEqual(row.bytes) {
                wrong += 1
                if wrong <= 5 { Issue.record("\(m): \(String(decoding: row.bytes, as: UTF8.self)) for \(expected)") }
            }
        }
        #expect(wrong == 0)
    }

    @Test("numbers are written as String writes them")
    func numbers() {
        for value in [0, 7, 9, 10, 99, 100, 1234, 99_999, Int(Int32.max), -1, -10, -987_654, Int.max, Int.min] {
            var out = ByteWriter()
            out.appendDecimal(value)
            #expect(String(decoding: out.bytes, as: UTF8.self) == String(value))
        }
        for (value, width) in [(0, 2), (5, 2), (12, 2), (123, 2), (7, 4), (2024, 4), (12345, 4)] {
            var out = ByteWriter()
            out.appendPadded(value, width: width)
            #expect(String(decoding: out.bytes, as: UTF8.self) == String(value).leftPadded(width))
            var row = RowBuffer(capacity: 1)
            row.appendPadded(value, width: width)
            #expect(Array(row.bytes) == out.bytes)
            row.free()
        }
        for value in [0, 7, 10, 1234, Int(Int32.max), -1, -987_654, Int.max, Int.min] {
            var row = RowBuffer(capacity: 1)
            row.appendDecimal(value)
            #expect(String(decoding: row.bytes, as: UTF8.self) == String(value))
            row.free()
        }
    }
}
