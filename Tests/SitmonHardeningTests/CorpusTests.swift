import Foundation
import Testing
@testable import SitmonCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One diagnostic a corpus file must produce: its JSON path (exact, "" for a JSON syntax error), a fragment of
/// its message, and where the file's text puts it.
struct ExpectedDiagnostic: Sendable {
    var path: String
    var message: String
    var line: Int?
    var column: Int?

    init(_ path: String, _ message: String, at line: Int? = nil, _ column: Int? = nil) {
        self.path = path
        self.message = message
        self.line = line
        self.column = column
    }
}

/// A file of the hostile corpus and what loading it must give.
struct CorpusCase: Sendable, CustomTestStringConvertible {
    enum Outcome: Sendable { case loads, invalid }

    var file: String
    var outcome: Outcome
    var expected: [ExpectedDiagnostic] = []
    /// Product bugs this file shows, by kind; each is reported as a known issue rather than a failure, and the
    /// test fails when the bug no longer shows (then remove the mark).
    var wrongOutcome: String?
    var wrongPlace: String?
    /// Too slow in a debug build to run in-process alongside everything else (checked in a child process only).
    var childOnly = false
    /// A shorter wall-clock limit for the child process, for files known to take far too long.
    var hardLimit: Int?

    var testDescription: String { file }

    static func loads(_ file: String) -> CorpusCase { CorpusCase(file: file, outcome: .loads) }

    static func invalid(_ file: String, _ expected: ExpectedDiagnostic...) -> CorpusCase {
        CorpusCase(file: file, outcome: .invalid, expected: expected)
    }

    func wrongOutcome(_ why: String) -> CorpusCase { var c = self; c.wrongOutcome = why; return c }
    func wrongPlace(_ why: String) -> CorpusCase { var c = self; c.wrongPlace = why; return c }
    func childOnly(_ value: Bool = true) -> CorpusCase { var c = self; c.childOnly = value; return c }
    func hardLimit(_ seconds: Int) -> CorpusCase { var c = self; c.hardLimit = seconds; return c }
}

extension CorpusCase {
    /// Every file of the corpus with the outcome it must give. `CorpusCoverageTests` checks that this list and
    /// `Corpus/` hold the same files.
    static let all: [CorpusCase] = [
        // Benign: must load.
        .loads("valid-base.json"),
        .loads("bom.json"),
        .loads("crlf.json"),
        .loads("bom-crlf-tabs.json"),
        .loads("escapes.json"),
        .loads("escapes-names.json"),
        .loads("formula-variants.json"),
        .loads("lone-surrogate-escapes.json"),
        .loads("string-1mb.json"),
        .loads("word-1mb.json"),
        // Invalid UTF-8, raw control characters, not JSON at all.
        .invalid("invalid-utf8-string.json", .init("", "invalid UTF-8 (byte 0xff)", at: 94, 23)),
        .invalid("invalid-utf8-key.json", .init("", "invalid UTF-8 (byte 0xc0)", at: 95, 12)),
        .invalid("invalid-utf8-surrogate.json", .init("", "invalid UTF-8 (byte 0xed)", at: 32, 22)),
        .invalid("invalid-utf8-truncated-sequence.json", .init("", "invalid UTF-8 (byte 0xe2)", at: 64, 23)),
        .invalid("invalid-utf8-outside-string.json", .init("", "unexpected byte 0xfe", at: 3, 3)),
        .invalid("utf16le.json", .init("", "unexpected byte 0xff", at: 1, 1)),
        .invalid("control-char-raw.json", .init("", "control character 0x1b inside a string", at: 95, 21)),
        .invalid("nul-bytes.bin", .init("", "unexpected byte 0x0", at: 1, 1)),
        .invalid("not-json.png", .init("", "unexpected byte 0x89", at: 1, 1)),
        .invalid("not-json.csv", .init("", "unexpected 'i', expected a value", at: 1, 1)),
        // Empty and wrong top-level values.
        .invalid("empty.json", .init("$", "the file is empty", at: 1, 1)),
        .invalid("whitespace.json", .init("$", "the file is empty", at: 1, 1)),
        .invalid("null.json", .init("$", "expected a dataset object, found null", at: 1, 1)),
        .invalid("empty-array.json", .init("$", "expected a dataset object, found an array", at: 1, 1)),
        .invalid("string-toplevel.json", .init("$", "expected a dataset object, found a string", at: 1, 1)),
        .invalid("number-toplevel.json", .init("$", "expected a dataset object, found a number", at: 1, 1)),
        .invalid("true-toplevel.json", .init("$", "expected a dataset object, found a boolean", at: 1, 1)),
        .invalid(
            "empty-object.json", .init("$.format", "missing field 'format'", at: 1, 1),
            .init("$.version", "missing field 'version'"), .init("$", "missing section 'dataset'")),
        .invalid(
            "missing-sections.json", .init("$.version", "missing field 'version'"),
            .init("$", "missing section 'events'")),
        .invalid("trailing-garbage.json", .init("", "after the end of the document", at: 149, 1)),
        .invalid("two-documents.json", .init("", "unexpected '{' after the end of the document", at: 149, 1)),
        // Truncated.
        .invalid("truncated-mid-string.json", .init("", "unexpected end of file inside a string", at: 94, 16)),
        .invalid("truncated-mid-number.json", .init("", "invalid number (no digit after '.')", at: 120, 14)),
        .invalid("truncated-after-minus.json", .init("", "invalid number", at: 120, 14)),
        .invalid("truncated-mid-escape.json", .init("", "unexpected end of file in a \\u escape", at: 94)),
        .invalid("truncated-mid-literal.json", .init("", "invalid literal", at: 35, 17)),
        .invalid("truncated-after-key.json", .init("", "unexpected end of file, expected ':' after a key", at: 65, 13)),
        .invalid("truncated-half.json", .init("", "unexpected end of file")),
        // Nesting.
        .invalid("nesting-arrays-10000.json", .init("", "nesting deeper than 512 levels", at: 1)),
        .invalid("nesting-objects-10000.json", .init("", "nesting deeper than 512 levels", at: 1)),
        .invalid("nesting-in-known-field-10000.json", .init("", "nesting deeper than 512 levels", at: 45)),
        .invalid(
            "nesting-in-known-field-100.json",
            .init("$.actors[1].aliases[0]", "expected a string, found an array", at: 33, 38)),
        // Numbers.
        .invalid("number-1e999.json", .init("", "number out of range", at: 3, 14)),
        .invalid("number-minus-1e999.json", .init("", "number out of range", at: 111, 20)),
        .invalid("number-huge-exponent.json", .init("", "number out of range", at: 3, 14)),
        .invalid("number-100k-digits.json", .init("", "number out of range", at: 3, 14)),
        .invalid("lat-1e400.json", .init("", "number out of range", at: 120, 14)),
        .invalid(
            "lat-out-of-range.json", .init("$.incidents[0].lat", "latitude 1e+308 is out of range", at: 120, 14),
            .init("$.incidents[0].lon", "longitude -180.5 is out of range"),
            .init("$.regions[0].capital.lat", "latitude 90.000001 is out of range", at: 70, 16)),
        .invalid(
            "fatalities-2pow64.json",
            .init("$.incidents[0].fatalities.best", "number out of range", at: 123, 17)),
        .invalid(
            "fatalities-2pow53-minus-1.json",
            .init(
                "$.incidents[0].fatalities.best",
                "number out of range: 9007199254740991 (at most 2147483647)", at: 123, 17)),
        .invalid("fatalities-negative-huge.json", .init("$.incidents[0].fatalities.best", "must not be negative")),
        .invalid("fatalities-negative-int64.json", .init("$.incidents[0].fatalities.best", "must not be negative")),
        // Structure and references.
        .invalid(
            "duplicate-ids.json", .init("$.sources[2].id", "duplicate id \"s2\"", at: 21, 13),
            .init("$.actors[3].id", "duplicate id \"a1\" (first defined at $.actors[0])", at: 54, 13),
            .init("$.events[1].id", "duplicate id \"r1\" (first defined at $.regions[0])", at: 122, 13)),
        // Each at the id itself (records' references are found again from the record's start, fixed here).
        .invalid(
            "missing-references.json", .init("$.actors[2].parent", "unknown actor \"nobody\"", at: 44, 17),
            .init("$.actors[1].parent", "\"r1\" is a region", at: 35, 17),
            .init("$.regions[1].parent", "unknown region \"atlantis\"", at: 82, 17),
            .init("$.relations[0].to", "unknown actor \"ghost\"", at: 55, 13),
            .init("$.assessments[0].region", "unknown region \"nowhere\"", at: 136, 17),
            .init("$.assessments[0].groups[0]", "unknown actor \"nobody\"", at: 141, 9),
            .init("$.events[0].regions[1]", "unknown region \"narnia\"", at: 104, 9),
            .init("$.events[0].actors[0]", "unknown actor \"phantom\"", at: 98, 20),
            .init("$.incidents[0].perpetrators[0]", "unknown actor \"unknown-group\"", at: 118, 9),
            .init("$.incidents[0].sources[0]", "unknown source \"s404\"", at: 129, 9)),
        .invalid("cycle-actor-parents.json", .init("$.actors[0].parent", "parent chain loops: a1 → a3 → a1")),
        .invalid("cycle-self-parent.json", .init("$.actors[1].parent", "parent chain loops: a2 → a2")),
        .invalid("cycle-region-parents.json", .init("$.regions[0].parent", "parent chain loops: r1 → r2 → r1")),
        .invalid("cycle-part-of.json", .init("$.relations", "part-of relations loop")),
        .invalid(
            "missing-required.json", .init("$.dataset", "missing required field 'title'", at: 4, 14),
            .init("$.sources[1]", "missing required field 'title'"),
            .init("$.actors[0]", "missing required field 'kind'"),
            .init("$.actors[1].sources", "every record must cite at least one source"),
            .init("$.regions[0]", "missing required field 'zone'"),
            .init("$.events[0]", "missing required field 'date'"),
            .init("$.events[0]", "missing required field 'title'"),
            .init("$.incidents[0]", "missing required field 'region'"),
            .init("$.assessments[0]", "missing required field 'statement'")),
        // Size.
        // The slowest file to refuse: 1.2 million problems in 1.6 MB, of which only the first 1,000 are kept (the
        // others are still formatted before DatasetDecoder.problem drops them); within the budget all the same.
        .invalid("huge-array-200k.json", .init("$.events[0]", "unknown field 'q'", at: 88, 15)),
        .invalid("huge-unknown-array-200k.json", .init("$", "unknown field 'extra'", at: 4, 3)),
        // Regression test for LineMap placing each problem by rescanning the file (fixed in 9abe705): 1,000
        // problems after 1 MiB of whitespace took 4.5 s in release; 1,000 after 8 MB took 37 s.
        .invalid("late-problems-1mb.json", .init("$.events[999]", "unknown field 'q'", at: 88, 1_141_453)),
        .invalid("repeated-keys-10000.json", .init("$.events[0]", "appears twice")),
        // Regression test: a field repeated in the small tables kept its last value silently (bug 6).
        .invalid(
            "repeated-keys-tables.json", .init("$.dataset", "field 'title' appears twice", at: 6, 37),
            .init("$.sources[1]", "field 'title' appears twice", at: 18, 30),
            .init("$.actors[0]", "field 'kind' appears twice", at: 25, 33),
            .init("$.relations[0]", "field 'to' appears twice", at: 55, 19),
            .init("$.regions[0]", "field 'zone' appears twice", at: 66, 25),
            .init("$.assessments[0]", "field 'presence' appears twice", at: 137, 27)),
        // Diagnostics that carry hostile text, and places of keys.
        .invalid(
            "diagnostic-escapes.json", .init("$.actors[0].kind", "unknown actor kind", at: 25, 15),
            .init("$.events[0].date", "invalid date", at: 92, 15),
            .init("$.regions[0]", "unknown field 'bogus", at: 76, 7)),
        // Regression test: keys with escapes or non-ASCII text were placed at 1:1 (fixed in 8654dd5).
        .invalid("unknown-key-non-ascii.json", .init("$.dataset", "unknown field 'näme'", at: 5, 5)),
    ]

    static let byFile: [String: CorpusCase] = Dictionary(uniqueKeysWithValues: all.map { ($0.file, $0) })
    static let inProcess: [CorpusCase] = all.filter { !$0.childOnly }
}

@Suite("Hostile corpus")
struct CorpusTests {
    /// Loads a corpus file in this process and checks the outcome, the diagnostics and their places.
    @Test("loading gives a dataset or a LoadError (65) naming the file and a place", arguments: CorpusCase.inProcess)
    func loadsOrExplains(_ c: CorpusCase) throws {
        let path = Corpus.path(c.file)
        guard let (outcome, seconds) = withDeadline(Double(Limits.hardLimit), { LoadOutcome.load(path: path) }) else {
            Issue.record("\(c.file): still loading after \(Limits.hardLimit) s (a hang)")
            return
        }
        #expect(seconds < Limits.budget, "\(c.file): loading took \(seconds) s of CPU")

        try withKnownIssue(Comment(rawValue: c.wrongOutcome ?? "")) {
            try check(c, outcome, path: path)
        } when: {
            c.wrongOutcome != nil
        }
    }

    func check(_ c: CorpusCase, _ outcome: LoadOutcome, path: String) throws {
        switch (c.outcome, outcome) {
        case (.loads, .loaded):
            return
        case (.loads, .failed(let error)):
            Issue.record("\(c.file) must load, got:\n\(error.description)")
        case (.invalid, .loaded):
            Issue.record("\(c.file) must be refused, but it loaded")
        case (.invalid, .failed(let error)):
            #expect(error.kind == .invalidData)
            #expect(error.exitCode == 65)
            try #require(!error.diagnostics.isEmpty)
            #expect(error.diagnostics.allSatisfy { $0.file == path }, "every diagnostic names the file")
            for d in error.diagnostics {
                #expect(d.line != nil || !d.path.isEmpty, "\(d): no place (neither line:column nor JSON path)")
                if let line = d.line { #expect(line >= 1 && (d.column ?? 0) >= 1, "\(d)") }
            }
            for e in c.expected {
                let matches = error.diagnostics.filter { $0.path == e.path && $0.message.contains(e.message) }
                guard let d = matches.first else {
                    Issue.record("\(c.file): no diagnostic \(e.path): …\(e.message)… among:\n\(error.description)")
                    continue
                }
                withKnownIssue(Comment(rawValue: c.wrongPlace ?? "")) {
                    if let line = e.line { #expect(d.line == line, "\(d)") }
                    if let column = e.column { #expect(d.column == column, "\(d)") }
                } when: {
                    c.wrongPlace != nil && e.message.contains("unknown field")
                }
            }
        }
    }

    /// The same files in a child process each: a crash or a hang fails one case instead of the whole run,
    /// and the child's own peak RSS measures the memory loading takes.
    @Test("loading survives in a child process, in bounded time and memory", arguments: CorpusCase.all)
    func survivesInChild(_ c: CorpusCase) async throws {
        let path = Corpus.path(c.file)
        let hardLimit = c.hardLimit.map { Int(Double($0) * Limits.timeScale) } ?? Limits.hardLimit
        let run = {
            await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
                [path = path as String, hardLimit = hardLimit as Int] in
                alarm(UInt32(hardLimit))
                let before = peakRSS()
                let start = processCPUSeconds()
                let outcome = LoadOutcome.load(path: path)
                let seconds = processCPUSeconds() - start
                let growth = (peakRSS() - before) / (1 << 20)
                let kind = outcome.dataset != nil ? "loaded" : "refused \(outcome.error?.exitCode ?? 0)"
                FileHandle.standardError.write(Data("SURVIVED \(kind) seconds=\(seconds) rssMB=\(growth)\n".utf8))
                exit(0)
            }
        }
        guard let result = await run() else { return }
        let report = String(decoding: result.standardErrorContent, as: UTF8.self)
        guard let line = report.split(separator: "\n").last(where: { $0.hasPrefix("SURVIVED") }) else {
            Issue.record("\(c.file): the child said nothing: \(report)")
            return
        }
        let fields = Dictionary(
            uniqueKeysWithValues: line.split(separator: " ").compactMap { part -> (String, String)? in
                let kv = part.split(separator: "=", maxSplits: 1)
                return kv.count == 2 ? (String(kv[0]), String(kv[1])) : nil
            })
        if Limits.environment["SITMON_HARDENING_VERBOSE"] != nil { print("corpus \(c.file): \(line)") }
        let seconds = Double(fields["seconds"] ?? "") ?? .infinity
        let megabytes = Int(fields["rssMB"] ?? "") ?? .max
        #expect(
            line.contains(c.outcome == .loads ? "loaded" : "refused 65") || c.wrongOutcome != nil, "\(c.file): \(line)")
        #expect(seconds < Limits.budget, "\(c.file): \(line)")
        #expect(megabytes < Limits.memoryBudgetMB, "\(c.file): peak RSS grew by \(megabytes) MB: \(line)")
    }
}

@Suite("Hostile corpus: coverage and generator")
struct CorpusCoverageTests {
    @Test("every corpus file has an expectation, and every expectation a file")
    func everyFileHasACase() {
        let files = Set(Corpus.files)
        let cases = Set(CorpusCase.all.map(\.file))
        #expect(files.subtracting(cases).sorted() == [], "files in Corpus/ without a CorpusCase")
        #expect(cases.subtracting(files).sorted() == [], "CorpusCase entries without a file (run make-corpus.py)")
        #expect(CorpusCase.byFile.count == CorpusCase.all.count, "a file listed twice")
    }

    @Test("the benign variants load to the same dataset as the plain file")
    func benignVariantsMatch() throws {
        let base = try DatasetLoader.load(path: Corpus.path("valid-base.json"))
        for name in ["bom.json", "crlf.json", "bom-crlf-tabs.json"] {
            let d = try DatasetLoader.load(path: Corpus.path(name))
            #expect(d.counts == base.counts, "\(name)")
            #expect(d.info == base.info, "\(name)")
            #expect(d.actors == base.actors, "\(name)")
            #expect(
                (0..<d.records.count).map { d.title($0) } == (0..<base.records.count).map { base.title($0) }, "\(name)")
        }
    }

    @Test("a BOM and CRLF do not shift the place of a problem")
    func placesWithBOMAndCRLF() throws {
        let plain = try Corpus.bytes("valid-base.json")
        let broken = Array(
            String(decoding: plain, as: UTF8.self).replacingOccurrences(
                of: "\"kind\": \"militia\"",
                with: "\"kind\": \"milita\""
            ).utf8)
        func place(_ bytes: [UInt8]) -> (Int?, Int?) {
            let d = LoadOutcome.load(bytes: bytes, name: "x.json").error?.diagnostics.first
            return (d?.line, d?.column)
        }
        let expected = place(broken)
        #expect(expected.0 == 43 && expected.1 == 15)
        let crlf = Array(String(decoding: broken, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        #expect(place(crlf) == expected)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + broken
        #expect(place(bom) == expected)
    }

    @Test("lone surrogates in \\u escapes become U+FFFD; a valid pair decodes")
    func loneSurrogates() throws {
        let d = try DatasetLoader.load(path: Corpus.path("lone-surrogate-escapes.json"))
        let title = try #require((0..<d.records.count).map { d.title($0) }.first { $0.contains("high") })
        #expect(title == "\u{FFFD} high, \u{FFFD} low, \u{FFFD}A bad pair, \u{1F600} ok")
    }

    @Test("the 1 MB strings arrive whole")
    func bigStrings() throws {
        let d = try DatasetLoader.load(path: Corpus.path("string-1mb.json"))
        #expect(d.actors[0].summary?.utf8.count == 1 << 20)
        let i = try #require((0..<d.records.count).first { d.records.id($0) == "e1" })
        let summary = try #require(d.records.summary(i))
        #expect(summary.count == 1 << 19)
        #expect(summary.hasPrefix("Ségou été \"q\" \\ / 中 Ségou"))
        let word = try DatasetLoader.load(path: Corpus.path("word-1mb.json"))
        let j = try #require((0..<word.records.count).first { word.records.id($0) == "e1" })
        #expect(word.records.summary(j) == String(repeating: "A", count: 1 << 20))
    }

    @Test("a huge array of bad records reports the first 1,000 problems and counts the rest")
    func problemsAreCapped() throws {
        let error = try #require(LoadOutcome.load(path: Corpus.path("huge-array-200k.json")).error)
        #expect(error.diagnostics.count == DiagnosticSink.limit)
        #expect(error.omitted > 1_000_000)
        #expect(error.description.hasSuffix("… and \(error.omitted) more problems"))
    }
}
