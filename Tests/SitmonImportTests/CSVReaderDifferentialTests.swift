import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonImport
import SitmonGenerate

/// The byte-level reader the importers use (`CSVByteReader`, through `CSVRows`, on one or two threads) must read
/// every text exactly as CSV.swift's `CSVReader` does: the same fields, line numbers and row numbers.
@Suite struct CSVReaderDifferentialTests {
    struct Read: Equatable, CustomStringConvertible {
        var fields: [String], line: Int, lineCount: Int, number: Int
        var description: String { "row \(number) line \(line)+\(lineCount): \(fields.debugDescription)" }
    }

    static func reference(_ bytes: [UInt8]) -> [Read] {
        let input = CSVInput(bytes: bytes)
        var rows = CSVSwiftRows(text: input.text, delimiter: input.delimiter)
        var out: [Read] = []
        while let r = rows.next() {
            out.append(Read(fields: r.fields, line: r.line, lineCount: r.lineCount, number: r.number))
        }
        return out
    }

    static func fast(_ bytes: [UInt8], splitMinimum: Int = .max) -> [Read] {
        var rows = CSVInput(bytes: bytes).rows(splitMinimum: splitMinimum)
        var out: [Read] = []
        while let r = rows.next() {
            out.append(Read(fields: r.fields, line: r.line, lineCount: r.lineCount, number: r.number))
        }
        return out
    }

    static func check(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = reference(bytes)
        let one = fast(bytes)
        #expect(one == expected, "one thread differs on \(bytes)", sourceLocation: sourceLocation)
        // Two threads, split at the middle whatever the size.
        let two = fast(bytes, splitMinimum: 2)
        #expect(two == expected, "two threads differ on \(bytes)", sourceLocation: sourceLocation)
    }

    @Test(
        "hostile cases read as CSV.swift reads them",
        arguments: [
            "a,b,c\n1,2,3\n", "a,b\r\n1,2\r\n", "a,b\r1,2\r", "a,b\n1,2", "\u{FEFF}a,b\n1,2\n", "a;b;c\n1;\"x;y\";3\n",
            "a\tb\n1\t2\n", "a,b\n\"x\"\"y\",2\n", "a,b\n\"multi\nline\",2\nnext,3\n", "a,b\n\"cr\r\nlf\",2\n",
            "a,b\n\"open,2\n3,4\n", "a,b\n\"ab\"cd\",2\n", "a,b\nx\"y,2\n", "a,b\n1,\n", "a,b\n1,", "\n\n\na\n",
            "a,b\n\u{0}x,\u{0}\n", "a,b\n\"\u{0}\",1\n", "", ",", "\"", "\"\"", "a,\"\"\r", "\r\n\r\n",
            "a,\"b\"\r\n\"c\"",
            "a,\"b\"\"\"\n", "a,\"b\" ,c\n", " \"a\",b\n", "é,ü\n\"ñ\n\",x\n", "a,b\n\"x\r\"\ny\n",
        ])
    func hostile(_ text: String) {
        Self.check(Array(text.utf8))
    }

    @Test("invalid UTF-8 and UTF-16 texts read alike")
    func encodings() {
        Self.check([0x61, 0x2C, 0xE2, 0x82, 0x2C, 0x62, 0x0A, 0xFF, 0x0A])
        Self.check([0xFF, 0xFE, 0x61, 0x00, 0x2C, 0x00, 0x62, 0x00, 0x0A, 0x00])
        Self.check([0xEF, 0xBB, 0xBF, 0x22, 0x0D, 0x22, 0x3B, 0x0A])
    }

    @Test("random texts over the CSV alphabet read alike, on one and two threads")
    func random() {
        var rng = SplitMix64(seed: 14)
        let alphabet: [UInt8] = Array("ab,;\t\"\"\"\r\n\n ".utf8) + [0, 0xC3, 0xA9, 0xFF, 0xE2, 0x82, 0xAC, 0xF0, 0x9F]
        for _ in 0..<3000 {
            let length = Int(rng.next() % 60)
            var bytes: [UInt8] = []
            for _ in 0..<length { bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            Self.check(bytes)
        }
    }

    @Test("long quoted fields with quotes and line breaks anywhere in them read alike (the 16-byte search)")
    func longQuotedFields() {
        var rng = SplitMix64(seed: 1214)
        let filler = Array("abcdefgh ,;.".utf8)
        for _ in 0..<1500 {
            var bytes: [UInt8] = []
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                bytes.append(contentsOf: Array("id,\"".utf8))
                // Quotes, CRs and LFs at any distance from the field's start, on both sides of 16-byte boundaries.
                for _ in 0..<Int(rng.next() % 90) {
                    switch rng.next() % 40 {
                    case 0: bytes.append(contentsOf: [0x22, 0x22])
                    case 1: bytes.append(0x0A)
                    case 2: bytes.append(0x0D)
                    case 3: bytes.append(contentsOf: [0x0D, 0x0A])
                    default: bytes.append(filler[Int(rng.next() % UInt64(filler.count))])
                    }
                }
                bytes.append(contentsOf: Array("\",x\n".utf8))
            }
            Self.check(bytes)
        }
    }

    @Test("the search for a quote, CR or LF finds the first of them, from any start, without reading past its end")
    func quoteOrBreakSearch() {
        var rng = SplitMix64(seed: 77)
        let alphabet: [UInt8] = Array("abc \"\r\n".utf8) + [0, 0xFF, 0x80]
        for _ in 0..<2000 {
            let length = Int(rng.next() % 80)
            let bytes = (0..<length).map { _ in
                rng.next() % 6 == 0 ? alphabet[Int(rng.next() % UInt64(alphabet.count))] : UInt8(ascii: "x")
            }
            bytes.withUnsafeBufferPointer { buf in
                for from in 0...length {
                    let to = from + Int(rng.next() % UInt64(length - from + 1))
                    let expected =
                        buf[from..<to].firstIndex { $0 == 0x22 || $0 == 0x0D || $0 == 0x0A } ?? to
                    #expect(CSVByteReader.indexOfQuoteOrBreak(in: buf, from: from, to: to) == expected)
                }
            }
        }
    }
}
