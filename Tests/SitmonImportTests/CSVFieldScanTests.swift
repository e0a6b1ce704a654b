import Testing
@testable import SitmonImport
import SitmonGenerate

/// `CSVByteReader.scanRow` cuts fields 64 bytes at a time (`sitmon_scan_fields`, with a byte-by-byte tail before
/// `end`): fields, quotes and row ends on both sides of those blocks, and texts cut short by `end`, must read
/// exactly as CSV.swift reads them.
@Suite struct CSVFieldScanTests {
    typealias Read = CSVReaderDifferentialTests.Read

    static func repeated(_ text: String, _ count: Int) -> String { String(repeating: text, count: count) }

    /// The rows `CSVByteReader` reads from `bytes` up to `end` (the bytes after it there to be wrongly read).
    static func read(_ bytes: [UInt8], to end: Int) -> [Read] {
        var reader = CSVByteReader(bytes: bytes, delimiter: UInt8(ascii: ","), to: end)
        var out: [Read] = []
        while let r = reader.next() {
            out.append(Read(fields: r.fields, line: r.line, lineCount: r.lineCount, number: r.number))
        }
        return out
    }

    /// CSV.swift's rows of `bytes`, comma-separated.
    static func reference(_ bytes: ArraySlice<UInt8>) -> [Read] {
        var rows = CSVSwiftRows(text: String(decoding: bytes, as: UTF8.self), delimiter: ",")
        var out: [Read] = []
        while let r = rows.next() {
            out.append(Read(fields: r.fields, line: r.line, lineCount: r.lineCount, number: r.number))
        }
        return out
    }

    @Test(
        "fields, quotes and row ends on both sides of a 64-byte block's edge read as CSV.swift reads them",
        arguments: ["\n", "\r\n", "\r"])
    func blockEdges(_ rowEnd: String) {
        let tail = Self.repeated("e,", 40) + rowEnd + Self.repeated("f", 70)
        for k in 0..<140 {
            // A field of k bytes, then a row end (k = 61 puts a CR LF's CR on a block's last byte).
            CSVReaderDifferentialTests.check(
                Array((Self.repeated("a", k) + ",b" + rowEnd + "c,d" + rowEnd + tail).utf8))
            // A quoted field at any offset (k = 63: at the start of the second block), plain and with a quote.
            CSVReaderDifferentialTests.check(
                Array((Self.repeated("x", k) + ",\"q,r\",y" + rowEnd + "\"s\"\"t\"," + tail).utf8))
            // Runs of empty fields.
            CSVReaderDifferentialTests.check(Array((Self.repeated(",", k) + rowEnd + "a" + Self.repeated(",", k)).utf8))
            // No final line break, and a delimiter at the very end: one last empty field.
            CSVReaderDifferentialTests.check(Array((tail + rowEnd + Self.repeated("g", k)).utf8))
            CSVReaderDifferentialTests.check(Array((tail + rowEnd + Self.repeated("g", k) + ",").utf8))
        }
    }

    @Test("unquoted fields longer than one and two blocks read as CSV.swift reads them")
    func longFields() {
        for length in [63, 64, 65, 127, 128, 129, 200, 300] {
            let field = Self.repeated("z", length)
            CSVReaderDifferentialTests.check(Array("\(field),\(field)\n\(field)\r\n,\(field),\r\(field)".utf8))
            CSVReaderDifferentialTests.check(Array("a\"b\(field),\"\(field)\",\(field)\"\n".utf8))
        }
    }

    @Test("a text cut short by the reader's end reads as that much of the text does, at every end")
    func cutAtEnd() {
        let texts = [
            Self.repeated("abc,", 20) + "\r\n" + Self.repeated(",", 70) + "\n\"q\",\"r\"\"s\",\"t\nu\"\r"
                + Self.repeated("v", 130) + ",",
            Self.repeated("x", 62) + "\r\n" + Self.repeated("y", 63) + "\r\n\"" + Self.repeated("w", 64) + "\",1\n",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            for end in 0...bytes.count {
                #expect(
                    Self.read(bytes, to: end) == Self.reference(bytes[..<end]),
                    "cut at \(end) of \(text.debugDescription)")
            }
        }
    }

    @Test("random rows longer than a block read as CSV.swift reads them, on one and two threads")
    func randomRows() {
        var rng = SplitMix64(seed: 6464)
        let letters = Array("abcdefgh .:-".utf8)
        let rowEnds: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D]]
        for _ in 0..<1500 {
            var bytes: [UInt8] = []
            for row in 0..<(1 + Int(rng.next() % 4)) {
                if row > 0 { bytes.append(contentsOf: rowEnds[Int(rng.next() % 3)]) }
                for field in 0..<Int(1 + rng.next() % 12) {
                    if field > 0 { bytes.append(0x2C) }
                    let length = Int(rng.next() % (rng.next() % 4 == 0 ? 150 : 16))
                    var content = (0..<length).map { _ in letters[Int(rng.next() % UInt64(letters.count))] }
                    switch rng.next() % 8 {
                    case 0:
                        bytes.append(0x22)
                        bytes.append(contentsOf: content)
                        bytes.append(0x22)
                    case 1:
                        // Quoted, with a doubled quote, a comma or a line break inside.
                        let insert: [UInt8] = [[0x22, 0x22], [0x2C], [0x0A], [0x0D, 0x0A]][Int(rng.next() % 4)]
                        content.insert(contentsOf: insert, at: Int(rng.next() % UInt64(content.count + 1)))
                        bytes.append(0x22)
                        bytes.append(contentsOf: content)
                        bytes.append(0x22)
                    case 2:
                        // A quote inside an unquoted field is kept.
                        content.insert(0x22, at: Int(rng.next() % UInt64(content.count + 1)))
                        bytes.append(0x78)
                        bytes.append(contentsOf: content)
                    default:
                        bytes.append(contentsOf: content)
                    }
                }
            }
            if rng.next() % 2 == 0 { bytes.append(contentsOf: rowEnds[Int(rng.next() % 3)]) }
            CSVReaderDifferentialTests.check(bytes)
        }
    }
}
