import Foundation
import Testing
@testable import SitmonCore
@testable import SitmonGenerate

/// Large files have their records parsed on two threads (`RecordSplit`). A split load must give exactly what a
/// one-thread load gives: the same dataset, or the same problems at the same places, wherever the split falls.
@Suite("Split load")
struct SplitLoadTests {
    /// Streamed, split whatever the file's size.
    static let split = StreamingInput.Sizes(
        lookahead: 4096, chunk: 4096, releaseStep: 4096, minimumSize: 0,
        splitMinimum: 0)
    /// Split, read a few bytes past the look-ahead at a time and released page by page on both threads.
    static let tinySplit = StreamingInput.Sizes(
        lookahead: 4096, chunk: 7, releaseStep: 1, minimumSize: 0,
        splitMinimum: 0)
    /// Records longer than the look-ahead: both threads give up streaming, and the file is read again whole.
    static let tinyLookahead = StreamingInput.Sizes(
        lookahead: 16, chunk: 7, releaseStep: 1, minimumSize: 0,
        splitMinimum: 0)

    struct Outcome {
        var text: String
        /// Records the second thread parsed and the loader kept.
        var splitRecords: Int
        /// The progress bar's record count at the end.
        var records = 0
    }

    /// The dataset written back as JSON, or the error's full text.
    func load(_ path: String, _ sizes: StreamingInput.Sizes?) -> Outcome {
        let progress = LoadProgress()
        do {
            let dataset = try DatasetLoader.load(path: path, progress: progress, streaming: sizes)
            return Outcome(
                text: "ok\n"
                    + String(
                        decoding: DatasetWriter.write(dataset, selection: .all(dataset)),
                        as: UTF8.self),
                splitRecords: progress.splitRecords, records: progress.records)
        } catch {
            return Outcome(text: "error\n\(error)", splitRecords: progress.splitRecords)
        }
    }

    /// A generated dataset of `records` records as its file's lines.
    static func generatedLines(_ records: Int) -> [String] {
        let dataset = SyntheticDataset.make(records: records, seed: 11)
        return String(decoding: DatasetWriter.write(dataset, selection: .all(dataset)), as: UTF8.self)
            .components(separatedBy: "\n")
    }

    static func isIncidentLine(_ line: String) -> Bool { line.hasPrefix("    {\"id\": \"mli") }

    /// The generated file's lines, with incident `n` (from 1) given more fields by `extend`, which gets the
    /// incident's object without its closing brace and returns it extended (nil: the line as it was).
    static func generatedLines(_ records: Int, extendingIncident extend: (Int, String) -> String?) -> [String] {
        var n = 0
        return generatedLines(records).map { line -> String in
            guard isIncidentLine(line) else { return line }
            n += 1
            let comma = line.hasSuffix(",")
            let body = comma ? String(line.dropLast(2)) : String(line.dropLast())
            guard let extended = extend(n, body) else { return line }
            return extended + "}" + (comma ? "," : "")
        }
    }

    func write(_ lines: [String], _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
        return url.path
    }

    @Test("a generated dataset loads split, with the same records as in one piece", arguments: [split, tinySplit])
    func generated(sizes: StreamingInput.Sizes) throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try write(Self.generatedLines(3_000), "generated.json", in: directory)
        let whole = load(path, nil)
        let splitLoad = load(path, sizes)
        #expect(whole.text.hasPrefix("ok"))
        #expect(splitLoad.text == whole.text)
        // The middle of the records is an incident: the second thread read about half of them.
        #expect(splitLoad.splitRecords > 1_000 && splitLoad.splitRecords < 2_000, "\(splitLoad.splitRecords)")
        // The progress bar counts the second thread's records once (the first thread's in steps of 4,096).
        #expect(splitLoad.records >= splitLoad.splitRecords && splitLoad.records <= 3_000, "\(splitLoad.records)")
    }

    @Test(
        "a file of megabytes, whose pages are moved ahead of the reading, loads as in one piece",
        arguments: [0, Int.max])
    func pagesMoved(splitMinimum: Int) throws {
        // Pages are moved in blocks of 2 MiB, released 4 MiB at a time: only a file of several megabytes has them.
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try write(Self.generatedLines(40_000), "large.json", in: directory)
        let sizes = StreamingInput.Sizes(
            lookahead: 1 << 20, chunk: 1 << 20, releaseStep: 4 << 20, minimumSize: 0, splitMinimum: splitMinimum)
        let whole = load(path, nil)
        let streamed = load(path, sizes)
        #expect(whole.text.hasPrefix("ok"))
        #expect(streamed.text == whole.text)
        #expect((streamed.splitRecords > 0) == (splitMinimum == 0), "\(streamed.splitRecords)")
    }

    @Test(
        "records with origins (ids kept as text, the rest as symbols) load split as in one piece",
        arguments: [split, tinySplit])
    func origins(sizes: StreamingInput.Sizes) throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = Self.generatedLines(3_000) { n, body in
            guard n % 3 != 0 else { return nil }  // some records without one
            return body + #", "origin": {"ids": {"event_id_cnty": "MLI\#(n)", "data_id": "\#(n + 7)"}, "#
                + #""datePrecision": "week", "admin1": "Région \#(n % 5)", "tags": ["a", "b \#(n % 2)"]}"#
        }
        let path = try write(lines, "origins.json", in: directory)
        let whole = load(path, nil)
        let splitLoad = load(path, sizes)
        #expect(whole.text.hasPrefix("ok"))
        #expect(
            whole.text.contains(
                #""origin": {"ids": {"event_id_cnty": "MLI2000", "data_id": "2007"}, "#
                    + #""datePrecision": "week", "admin1": "Région 0", "tags": ["a", "b 0"]}"#))
        #expect(splitLoad.text == whole.text)
        #expect(splitLoad.splitRecords > 1_000)
    }

    @Test(
        "notes and fatalities' notes (sparse columns) load split as in one piece, wherever the noted records are",
        arguments: [(split, 1), (split, 2), (tinySplit, 3)])
    func notes(sizes: StreamingInput.Sizes, placement: Int) throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = Self.generatedLines(3_000) { n, body in
            // 1: notes only in the first half; 2: only in the second; 3: every seventh record.
            let noted = placement == 1 ? n < 300 : placement == 2 ? n > 1_700 : n % 7 == 0
            guard noted else { return nil }
            let stripped =
                body
                .replacingOccurrences(of: #", "fatalities": (\{[^}]*\}|[0-9]+)"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #", "note": "[^"]*""#, with: "", options: .regularExpression)
            let note = n % 2 == 0 ? #", "note": "checked \#(n)""# : ""
            return stripped + note + #", "fatalities": {"best": 3, "note": "deaths \#(n)"}"#
        }
        let path = try write(lines, "notes.json", in: directory)
        let whole = load(path, nil)
        let splitLoad = load(path, sizes)
        #expect(whole.text.hasPrefix("ok"))
        #expect(whole.text.contains(#""note": "deaths "#))
        #expect(whole.text.contains(#""note": "checked "#))
        #expect(splitLoad.text == whole.text)
        #expect(splitLoad.splitRecords > 1_000)
    }

    @Test("events only: the second thread finds they are events, not incidents")
    func eventsOnly() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = Self.generatedLines(20_000).filter { !Self.isIncidentLine($0) }
        let path = try write(lines, "events.json", in: directory)
        let whole = load(path, nil)
        let splitLoad = load(path, Self.split)
        #expect(whole.text.hasPrefix("ok"))
        #expect(splitLoad.text == whole.text)
        #expect(splitLoad.splitRecords > 500, "\(splitLoad.splitRecords)")
    }

    /// The generated file with one incident near the end changed by `change`.
    func changedNearEnd(_ name: String, in directory: URL, _ change: (String, String) -> String) throws -> String {
        var lines = Self.generatedLines(3_000)
        let incidents = lines.indices.filter { Self.isIncidentLine(lines[$0]) }
        let last = try #require(incidents.last)
        let firstId = try #require(lines[incidents[0]].split(separator: "\"").dropFirst(3).first)
        lines[last] = change(lines[last], String(firstId))
        return try write(lines, name, in: directory)
    }

    @Test(
        "problems in the second half are reported as by a one-thread load",
        arguments: [
            "duplicate-across-halves", "duplicate-of-an-actor", "bad-date", "unknown-actor",
            "alternative-unknown-source",
            "broken-json", "unknown-field",
        ])
    func problemsInSecondHalf(kind: String) throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try changedNearEnd("\(kind).json", in: directory) { line, firstId in
            func replacingId(with id: String) -> String {
                let parts = line.split(separator: "\"", omittingEmptySubsequences: false)
                return ([String(parts[0]), "id", ": ", id] + parts.dropFirst(4).map(String.init)).joined(
                    separator: "\"")
            }
            switch kind {
            case "duplicate-across-halves": return replacingId(with: firstId)
            case "duplicate-of-an-actor": return replacingId(with: "jnim")
            case "bad-date":
                return line.replacingOccurrences(of: "\"date\": \"", with: "\"date\": \"2019-02-30\", \"x\": \"")
            case "unknown-actor":
                return line.replacingOccurrences(of: "\"perpetrators\": [", with: "\"perpetrators\": [\"nobody\", ")
            case "alternative-unknown-source":
                return line.replacingOccurrences(
                    of: "{\"id\"",
                    with:
                        "{\"alternatives\": [{\"field\": \"date\", \"value\": \"2020\", \"sources\": [\"syn-acled\", \"nosuch\"]}], \"id\""
                )
            case "broken-json": return line.replacingOccurrences(of: "\"date\":", with: "\"date\"")
            default: return line.replacingOccurrences(of: "{\"id\"", with: "{\"colour\": \"red\", \"id\"")
            }
        }
        let whole = load(path, nil)
        #expect(whole.text.hasPrefix("error"), "\(whole.text.prefix(300))")
        for sizes in [Self.split, Self.tinySplit, Self.tinyLookahead] {
            let splitLoad = load(path, sizes)
            #expect(splitLoad.text == whole.text)
            // Problems found only when references are resolved leave the split in place; the others make the
            // loader read the second half itself.
            let kept = kind == "unknown-actor" || kind == "alternative-unknown-source"
            #expect((splitLoad.splitRecords > 0) == (kept && sizes.lookahead > 16), "\(splitLoad.splitRecords)")
        }
    }

    @Test("every corpus file loads split as in one piece")
    func corpus() {
        for path in StreamingLoadTests.corpus {
            let whole = load(path, nil)
            #expect(load(path, Self.split).text == whole.text, "\(path)")
            #expect(load(path, Self.tinySplit).text == whole.text, "\(path)")
            #expect(load(path, Self.tinyLookahead).text == whole.text, "\(path)")
        }
    }

    @Test(
        "inputs the split fuzz target found load split as in one piece",
        arguments: [
            ("split-broken-record-at-split.json", 498)
        ])
    func fuzzFindings(name: String, lookahead: Int) {
        let path = TestPaths.fixture(name).path
        let whole = load(path, nil).text
        var split: String
        do {
            let dataset = try DatasetLoader.loadAsLarge(path: path, lookahead: lookahead)
            split = "ok\n" + String(decoding: DatasetWriter.write(dataset, selection: .all(dataset)), as: UTF8.self)
        } catch {
            split = "error\n\(error)"
        }
        #expect(split == whole)
    }

    @Test("an element index in a path is raised by the first half's count")
    func shiftedPaths() {
        #expect(
            DatasetDecoder.shiftingElement("$.incidents[3].alternatives[0].sources[1]", by: 100)
                == "$.incidents[103].alternatives[0].sources[1]")
        #expect(DatasetDecoder.shiftingElement("$.events[0]", by: 7) == "$.events[7]")
        #expect(DatasetDecoder.shiftingElement("$", by: 7) == "$")
    }
}
