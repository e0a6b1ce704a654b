import Foundation
import Testing
@testable import SitmonCore

/// The in-place pull parser: strings, escapes, UTF-8, numbers, nesting limits, truncated input, trailing garbage.
@Suite("JSONReader")
struct JSONReaderTests {
    /// Runs `body` on a reader over a private mutable copy of `bytes`.
    func read<T>(_ bytes: [UInt8], _ body: (inout JSONReader) throws -> T) -> Result<T, JSONSyntaxError> {
        var buffer = bytes.isEmpty ? [0] : bytes
        let count = bytes.count
        return buffer.withUnsafeMutableBufferPointer { raw in
            var reader = JSONReader(base: raw.baseAddress!, count: count)
            do {
                return .success(try body(&reader))
            } catch let error as JSONSyntaxError {
                return .failure(error)
            } catch {
                Issue.record("unexpected error type \(error)")
                return .failure(JSONSyntaxError(offset: -1, message: "\(error)"))
            }
        }
    }

    func read<T>(_ text: String, _ body: (inout JSONReader) throws -> T) -> Result<T, JSONSyntaxError> {
        read(Array(text.utf8), body)
    }

    /// The decoded string of a whole document holding one JSON string.
    func string(_ bytes: [UInt8]) -> Result<String, JSONSyntaxError> {
        read(bytes) { r in
            let span = try r.readString(keep: true)
            let text = r.string(span)
            try r.finish()
            return text
        }
    }

    func string(_ json: String) -> Result<String, JSONSyntaxError> { string(Array(json.utf8)) }

    /// The number of a whole document holding one JSON number.
    func number(_ json: String) -> Result<Double, JSONSyntaxError> {
        read(json) { r in
            let value = try r.readNumber()
            try r.finish()
            return value
        }
    }

    /// Skips one whole document (any value) and requires the end of input after it.
    func document(_ bytes: [UInt8]) -> Result<Void, JSONSyntaxError> {
        read(bytes) { r in
            try r.skipValue()
            try r.finish()
        }
    }

    func document(_ json: String) -> Result<Void, JSONSyntaxError> { document(Array(json.utf8)) }

    func failure<T>(_ result: Result<T, JSONSyntaxError>) -> JSONSyntaxError? {
        if case .failure(let e) = result { return e }
        return nil
    }

    // MARK: Strings

    @Test("a string run stops at its first quote, escape, control or non-ASCII byte, wherever it falls in a word")
    func runStops() throws {
        // The scan reads eight bytes at a time, then one: a stop at every offset of 40 plain bytes, cut short at every
        // length, decodes (or is refused) as it must.
        let plain = Array("abcdefghijklmnopqrstuvwxyz0123456789ABCD".utf8)
        for length in 0...plain.count {
            for at in 0...length {
                let head = String(decoding: plain[0..<at], as: UTF8.self)
                let tail = String(decoding: plain[at..<length], as: UTF8.self)
                #expect(try string("\"" + head + tail + "\"").get() == head + tail)
                #expect(try string("\"" + head + "\\n" + tail + "\"").get() == head + "\n" + tail)
                #expect(try string("\"" + head + "é" + tail + "\"").get() == head + "é" + tail)
                let control = failure(string(Array(("\"" + head).utf8) + [0x01] + Array((tail + "\"").utf8)))
                #expect(control?.message == "control character 0x1 inside a string (it must be escaped)")
                #expect(control?.offset == 1 + at)
                // Unterminated: the scan must not read past the end.
                #expect(failure(string("\"" + head + tail))?.message == "unexpected end of file inside a string")
            }
        }
    }

    @Test("every simple escape decodes to its character")
    func simpleEscapes() throws {
        let json = #""q\"b\\s\/b\bf\fn\nr\rt\tend""#
        #expect(try string(json).get() == "q\"b\\s/b\u{08}f\u{0C}n\nr\rt\tend")
    }

    @Test("\\u escapes in either case decode to UTF-8")
    func unicodeEscapes() throws {
        #expect(try string(#""\u0041\u00e9\u00E9\u20ac\u0000!""#).get() == "Aéé€\u{0}!")
        #expect(try string(#""Go\u00efta""#).get() == "Goïta")
    }

    @Test("a surrogate pair decodes to one astral character")
    func surrogatePairs() throws {
        #expect(try string(#""\ud83d\ude00""#).get() == "😀")
        #expect(try string(#""x\uD834\uDD1Ey""#).get() == "x𝄞y")
    }

    @Test("lone surrogates become U+FFFD instead of invalid UTF-8")
    func loneSurrogates() throws {
        #expect(try string(#""a\ud800""#).get() == "a\u{FFFD}")  // high surrogate at the end
        #expect(try string(#""\ud800b""#).get() == "\u{FFFD}b")  // high surrogate then a plain character
        #expect(try string(#""\ud800\u0041""#).get() == "\u{FFFD}A")  // high surrogate then a non-surrogate escape
        #expect(try string(#""\udc00z""#).get() == "\u{FFFD}z")  // a lone low surrogate
        #expect(try string(#""\ud800\ud83d\ude00""#).get() == "\u{FFFD}😀")  // high, then a valid pair
        // Whatever the input, the decoded bytes are valid UTF-8.
        let decoded = try string(#""\udfff\ud800\udbff""#).get()
        #expect(decoded == "\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(String(validating: Array(decoded.utf8), as: UTF8.self) != nil)
    }

    @Test("invalid escapes and bad hex digits are refused with a message")
    func invalidEscapes() {
        #expect(failure(string(#""a\x""#))?.message == "invalid escape '\\x' in a string")
        #expect(failure(string(#""\u12G4""#))?.message == "invalid hex digit in a \\u escape")
        #expect(failure(string(#""\'""#))?.message.contains("invalid escape") == true)
    }

    @Test("raw control characters inside strings are refused")
    func controlCharacters() {
        let error = failure(string([0x22, 0x61, 0x01, 0x22]))
        #expect(error?.message == "control character 0x1 inside a string (it must be escaped)")
        #expect(failure(string([0x22, 0x0A, 0x22]))?.message.contains("control character 0xa") == true)
    }

    @Test("valid multi-byte UTF-8 passes through unchanged")
    func validUTF8() throws {
        for text in ["Ségou", "Goïta", "N’Daw", "€", "😀", "Jamāʿat Nuṣrat", "\u{10FFFF}"] {
            #expect(try string("\"\(text)\"").get() == text)
        }
    }

    @Test(
        "invalid UTF-8 is refused with a message naming the byte",
        arguments: [
            ([0xC3, 0x28], "0xc3"),  // a lead byte without its continuation
            ([0x80], "0x80"),  // a lone continuation byte
            ([0xC0, 0xAF], "0xc0"),  // overlong encoding of '/'
            ([0xE0, 0x80, 0xAF], "0xe0"),  // overlong 3-byte form
            ([0xED, 0xA0, 0x80], "0xed"),  // an encoded surrogate (U+D800)
            ([0xF4, 0x90, 0x80, 0x80], "0xf4"),  // beyond U+10FFFF
            ([0xF5, 0x80, 0x80, 0x80], "0xf5"),  // never valid
            ([0xFF], "0xff"),
            ([0xE2, 0x82], "0xe2"),  // truncated before the closing quote
        ] as [([UInt8], String)])
    func invalidUTF8(bytes: [UInt8], byte: String) {
        let error = failure(string([0x22, 0x61] + bytes + [0x22]))
        #expect(error?.message == "invalid UTF-8 (byte \(byte))")
        #expect(error?.offset == 2)
    }

    @Test("invalid UTF-8 in a dataset names file, line and column")
    func invalidUTF8InDataset() throws {
        var bytes = Array(
            "{\"format\": \"sitmon-dataset\",\n  \"version\": 1, \"dataset\": {\"id\": \"x\", \"title\": \"ab".utf8)
        bytes += [0xFF]
        bytes += Array("\"}}".utf8)
        let d = try Load.onlyDiagnostic(bytes, name: "bad.json")
        #expect(d.message == "invalid JSON: invalid UTF-8 (byte 0xff)")
        #expect(d.line == 2)
        #expect(d.column == 52)
        #expect(d.description == "bad.json:2:52: invalid JSON: invalid UTF-8 (byte 0xff)")
    }

    @Test("a byte outside strings that is not JSON is named")
    func strayByte() {
        #expect(failure(document([0x5B, 0xC3, 0xA9, 0x5D]))?.message == "unexpected byte 0xc3, expected a value")
    }

    @Test("kept strings are packed in place without corrupting each other")
    func keptStringsSurviveInPlaceDecoding() throws {
        let json = #"["a\nb", "Ségou", "\u00e9t\u00e9", "plain", "x\"y", "\ud83d\ude00"]"#
        let texts = try read(json) { r -> [String] in
            try r.beginArray()
            var spans: [ByteSpan] = []
            while try r.nextElement() { spans.append(try r.readString(keep: true)) }
            try r.finish()
            // Read them back only at the end: every kept span must still hold its text.
            return spans.map { r.string($0) }
        }.get()
        #expect(texts == ["a\nb", "Ségou", "été", "plain", "x\"y", "😀"])
    }

    @Test("plain runs between escapes and accented letters are moved whole, kept strings packed behind each other")
    func plainRunsAfterEscapes() throws {
        // After an escape or a non-ASCII letter, the plain run up to the next one is found a word at a time and
        // moved down at once: runs of every length from 0 to 20, several in one string, several strings kept.
        var expected: [String] = []
        var json = "["
        for length in 0...20 {
            let run = String("abcdefghijklmnopqrstu".prefix(length))
            if length > 0 { json += ", " }
            json += "\"Ségou" + run + "\\t" + run + "é" + run + "–" + run + "\\u00e9" + run + "\""
            expected.append("Ségou" + run + "\t" + run + "é" + run + "–" + run + "é" + run)
        }
        json += "]"
        let texts = try read(json) { r -> [String] in
            try r.beginArray()
            var spans: [ByteSpan] = []
            while try r.nextElement() { spans.append(try r.readString(keep: true)) }
            try r.finish()
            return spans.map { r.string($0) }
        }.get()
        #expect(texts == expected)
    }

    // MARK: BOM

    @Test("a UTF-8 byte-order mark at the start is accepted")
    func byteOrderMark() throws {
        #expect(try string([0xEF, 0xBB, 0xBF] + Array(#""ok""#.utf8)).get() == "ok")
        let fixture = try Data(contentsOf: TestPaths.fixture("small.json"))
        let dataset = try DatasetLoader.load(bytes: [0xEF, 0xBB, 0xBF] + Array(fixture), name: "bom.json")
        #expect(dataset.actors.count == 6)
    }

    @Test("a byte-order mark anywhere else is refused")
    func byteOrderMarkInside() {
        #expect(failure(document([0x5B, 0xEF, 0xBB, 0xBF, 0x5D])) != nil)
    }

    // MARK: Numbers

    @Test(
        "numbers read exactly as Double parses them",
        arguments: [
            "0", "7", "42", "-17", "3.25", "-0.5", "0.1", "1e3", "1E3", "1e+2", "2.5e-3", "6.02214076e23",
            "12.6392", "-7.9865", "4800", "1700000", "12345678901234567890", "9007199254740993",
            "1.7976931348623157e308", "5e-324", "1e-400", "123456789.123456789", "0.30000000000000004",
        ])
    func numbers(text: String) throws {
        let value = try number(text).get()
        #expect(value == Double(text)!, "\(text) read as \(value)")
    }

    @Test("-0 keeps its sign")
    func negativeZero() throws {
        let value = try number("-0").get()
        #expect(value == 0)
        #expect(value.sign == .minus)
    }

    @Test(
        "malformed numbers are refused",
        arguments: [
            ("01", "invalid number (leading zero)"),
            ("-01", "invalid number (leading zero)"),
            ("00", "invalid number (leading zero)"),
            ("1.", "invalid number (no digit after '.')"),
            ("1.e5", "invalid number (no digit after '.')"),
            ("1e", "invalid number (no digit in the exponent)"),
            ("1e+", "invalid number (no digit in the exponent)"),
            ("-", "invalid number"),
            ("-a", "invalid number"),
        ])
    func malformedNumbers(text: String, message: String) {
        let error = failure(number(text))
        #expect(error?.message == message)
        #expect(error?.offset == 0)
    }

    @Test(
        "numbers JSON does not allow are refused by the document parser",
        arguments: ["+1", ".5", "NaN", "Infinity", "0x10"])
    func nonJSONNumbers(text: String) {
        #expect(failure(document(text)) != nil, "\(text) was accepted")
    }

    @Test("1e999 is out of range", arguments: ["1e999", "-1e999", "1e309", "123456789e301", "0.1e310"])
    func outOfRange(text: String) {
        #expect(failure(number(text))?.message == "number out of range")
    }

    @Test("a decimal with many leading zeros keeps its significant digits")
    func manyLeadingZeros() throws {
        // Expected: the value Double parses. Leading zeros of the fraction must not count against the reader's
        // 19-digit mantissa (they once did, and the significant digits after them were dropped).
        let tiny = try number("0.0000000000000000000001234").get()
        let small = try number("0.000000000000000123456").get()
        #expect(tiny == 1.234e-22)
        #expect(small == 0.000000000000000123456)
    }

    // MARK: Nesting

    @Test("512 levels of nesting are accepted")
    func deepestAllowed() throws {
        let json = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try document(json).get() }
    }

    @Test("nesting past 512 levels is refused without crashing")
    func tooDeep() throws {
        #expect(
            failure(document(String(repeating: "[", count: 513) + String(repeating: "]", count: 513)))?.message
                == "nesting deeper than 512 levels")
        let arrays = String(repeating: "[", count: 10_000)
        #expect(failure(document(arrays))?.message == "nesting deeper than 512 levels")
        let objects = String(repeating: #"{"a":"#, count: 10_000)
        #expect(failure(document(objects))?.message == "nesting deeper than 512 levels")
    }

    @Test("a 10,000-deep document is refused by the loader, at the top level or inside a field")
    func tooDeepThroughTheLoader() throws {
        let arrays = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let top = try #require(Load.loadError(arrays))
        #expect(top.diagnostics.lines == [": invalid JSON: nesting deeper than 512 levels"])
        #expect(top.exitCode == 65)
        let inside = try #require(Load.loadError(#"{"format": "sitmon-dataset", "extra": "# + arrays + "}"))
        #expect(inside.diagnostics.map(\.message) == ["invalid JSON: nesting deeper than 512 levels"])
    }

    // MARK: Truncated input and trailing garbage

    @Test(
        "truncated input is refused with the place of the open string or container",
        arguments: [
            (#""abc"#, "unexpected end of file inside a string", 0),
            (#"["x", "ab"#, "unexpected end of file inside a string", 6),
            (#""ab\"#, "unexpected end of file inside a string", 0),
            (#""\u12"#, "unexpected end of file in a \u{5C}u escape", 3),
            ("[1, 2", "unexpected end of file inside an array", 5),
            (#"{"a": 1"#, "unexpected end of file inside an object", 7),
            (#"{"a""#, "unexpected end of file, expected ':' after a key", 4),
            (#"{"a":"#, "unexpected end of file, expected a value", 5),
            ("tru", "invalid literal, expected true or false", 0),
            ("nul", "invalid literal, expected null", 0),
            ("", "unexpected end of file, expected a value", 0),
        ] as [(String, String, Int)])
    func truncated(json: String, message: String, offset: Int) {
        let error = failure(document(json))
        #expect(error?.message == message)
        #expect(error?.offset == offset)
    }

    @Test("a dataset cut in the middle of a string reports where the string starts")
    func truncatedDataset() throws {
        let text =
            "{\n  \"format\": \"sitmon-dataset\",\n  \"version\": 1,\n  \"dataset\": {\"id\": \"x\", \"title\": \"Cut he"
        let error = try #require(Load.loadError(text, name: "cut.json"))
        #expect(
            error.diagnostics.map(\.description) == [
                "cut.json:4:35: invalid JSON: unexpected end of file inside a string"
            ])
    }

    @Test(
        "trailing garbage after the document is refused",
        arguments: [
            ("{} x", "unexpected 'x' after the end of the document", 3),
            ("1 2", "unexpected '2' after the end of the document", 2),
            ("[]]", "unexpected ']' after the end of the document", 2),
            ("\"a\"\"b\"", "unexpected '\"' after the end of the document", 3),
            ("{}\u{0}", "unexpected byte 0x0 after the end of the document", 2),
        ] as [(String, String, Int)])
    func trailingGarbage(json: String, message: String, offset: Int) {
        let error = failure(document(json))
        #expect(error?.message == message)
        #expect(error?.offset == offset)
    }

    @Test("whitespace around the document is allowed")
    func surroundingWhitespace() throws {
        #expect(throws: Never.self) { try document(" \t\r\n{ \"a\" : [ 1 , true , false , null ] } \n\n").get() }
    }

    @Test("trailing garbage after a valid dataset is refused at its line and column")
    func trailingGarbageInDataset() throws {
        let fixture = try String(contentsOf: TestPaths.fixture("small.json"), encoding: .utf8)
        let lines = fixture.split(separator: "\n", omittingEmptySubsequences: false).count
        let error = try #require(Load.loadError(fixture + "garbage", name: "g.json"))
        let d = try #require(error.diagnostics.first)
        #expect(d.message == "invalid JSON: unexpected 'g' after the end of the document")
        #expect(d.line == lines)
        #expect(d.column == 1)
    }

    @Test(
        "missing commas and colons are refused",
        arguments: [
            (#"[1 2]"#, "unexpected '2', expected ',' or ']'"),
            (#"{"a" 1}"#, "unexpected '1', expected ':' after a key"),
            (#"{"a": 1 "b": 2}"#, "unexpected '\"', expected ',' or '}'"),
            (#"{a: 1}"#, "unexpected 'a', expected a quoted key"),
            (#"[1,]"#, "unexpected ']', expected a value"),
        ] as [(String, String)])
    func missingSeparators(json: String, message: String) {
        #expect(failure(document(json))?.message == message)
    }
}
