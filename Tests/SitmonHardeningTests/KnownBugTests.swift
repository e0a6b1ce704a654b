import Foundation
import Testing
import SitmonTestSupport
@testable import SitmonCore
@testable import SitmonScreen
@testable import SitmonUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Regression tests for the product bugs the hardening work found that the corpus table does not already show,
/// all fixed now. Each test states the behaviour the product must have; inputs that used to hang or crash run in a
/// child process (an exit test) with an alarm, so that a regression fails one test instead of taking the suite down.
@Suite("Fixed product bugs (regressions)")
struct KnownBugTests {
    /// A small valid dataset whose one incident carries `extra` (JSON members) — for targeted cases.
    static func dataset(incidentExtra extra: String) -> [UInt8] {
        Array(
            """
            {"format": "sitmon-dataset", "version": 1, "dataset": {"id": "d", "title": "T"},
             "sources": [{"id": "s1", "title": "S"}],
             "actors": [{"id": "a1", "name": "A", "kind": "other", "sources": ["s1"]}],
             "regions": [{"id": "r1", "name": "R1", "kind": "region", "zone": "centre", "sources": ["s1"]},
                         {"id": "r2", "name": "R2", "kind": "region", "zone": "north", "sources": ["s1"]}],
             "events": [],
             "incidents": [{"id": "i1", "date": "2021-03-04", "category": "attack", "region": "r1",
                            "perpetrators": ["a1"], "sources": ["s1"]\(extra.isEmpty ? "" : ", " + extra)}]}
            """.utf8)
    }

    @Test("the targeted dataset is valid without the extra members")
    func baseIsValid() {
        #expect(LoadOutcome.load(bytes: Self.dataset(incidentExtra: ""), name: "t.json").dataset != nil)
    }

    // MARK: Hangs in the renderer

    // Regression tests, in child processes because the bugs were infinite loops (fixed in 8654dd5).
    @Test("TerminalText.wrapped terminates when a character is wider than the line")
    func wrapNarrowerThanACharacter() async {
        // Was: wrapped("中", to: 1) looped forever appending empty lines (truncated() returned "").
        await #expect(processExitsWith: .success) {
            alarm(2)
            let lines = TerminalText.wrapped("ab中cd 🧨", to: 1)
            exit(lines.joined() == "ab中cd🧨" ? 0 : 1)
        }
    }

    @Test("resizing to a tiny terminal with a wide character in a detail field does not hang")
    func tinyTerminalWithWideText() async {
        // Was: below 14 columns the detail field "Source type" wrapped to 1 column and hung on a wide character.
        let bytes = Self.dataset(incidentExtra: #""originalType": "中文 ACLED 類型", "target": "民間人""#)
        await #expect(processExitsWith: .success) { [bytes = bytes as [UInt8]] in
            alarm(3)
            let dataset = try! DatasetLoader.load(bytes: bytes, name: "t.json")
            var state = AppState(engine: QueryEngine(dataset: dataset), width: 120, height: 40)
            for (w, h) in [(12, 6), (3, 3), (1, 1), (14, 10), (41, 10)] {
                _ = Update.apply(&state, .input(.resize(width: w, height: h)))
                _ = Renderer.render(state)
                _ = DetailContent.lines(for: state, width: 1)
            }
        }
    }

    @Test("a 1 MB word renders within the budget")
    func longWordRendersInTime() async {
        // Regression test. Was: wrapping cut an over-long word by re-measuring and copying the rest of the word for
        // every line (O(n²/columns)), then one pass per character (≈ 1.7 s of CPU in a debug build for the key
        // press and the frame, over the budget on a loaded machine). Now paragraphs and words are split on the
        // UTF-8 bytes and a plain-ASCII word is cut on its bytes: ≈ 0.26 s.
        // The budget is CPU time (`Limits.budget`), so that a loaded machine does not fail it; the alarm only
        // catches a hang.
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            [hardLimit = Limits.hardLimit as Int, budget = Limits.budget as Double] in
            alarm(UInt32(hardLimit))
            let dataset = try! DatasetLoader.load(path: Corpus.path("word-1mb.json"))
            var state = AppState(engine: QueryEngine(dataset: dataset), width: 120, height: 40)
            let start = processCPUSeconds()
            _ = Update.apply(&state, .input(.key(.character("j"))))  // the event with the 1 MB summary
            _ = Renderer.render(state)
            let seconds = processCPUSeconds() - start
            FileHandle.standardError.write(Data("key and frame: \(seconds) s of CPU (budget \(budget) s)\n".utf8))
            exit(seconds < budget ? 0 : 1)
        }
        if let result, result.exitStatus != .exitCode(0) {
            Issue.record("\(String(decoding: result.standardErrorContent, as: UTF8.self))")
        }
    }

    // MARK: Diagnostics

    @Test("diagnostics quote hostile text without raw control characters")
    func diagnosticsAreSafeToPrint() throws {
        let error = try #require(LoadOutcome.load(path: Corpus.path("diagnostic-escapes.json")).error)
        #expect(error.diagnostics.count >= 4)
        for d in error.diagnostics {
            #expect(UnsafeText.offenders(d.description).isEmpty, "\(d.description.debugDescription)")
        }
    }

    @Test(
        "sitmon validate prints no raw escape sequence from the data",
        .enabled(if: BuiltSitmon.shouldRun, "the sitmon binary is not next to the test executable"))
    func validateCommandOutputIsSafe() throws {
        let result = try Run.sitmon(["validate", Corpus.path("diagnostic-escapes.json")])
        #expect(result.status == 65)
        let output = result.stdoutBytes + result.stderrBytes
        #expect(!output.isEmpty)
        let hasESC = output.contains(0x1B), hasBEL = output.contains(0x07)
        #expect(!hasESC, "ESC in the output of sitmon validate")
        #expect(!hasBEL, "BEL in the output of sitmon validate")
    }

    @Test("a repeated member name is reported, not silently merged")
    func duplicateKeys() throws {
        let bytes = Self.dataset(incidentExtra: #""region": "r2", "sources": ["s1"], "lat": 1, "lat": 2"#)
        let outcome = LoadOutcome.load(bytes: bytes, name: "t.json")
        let error = try #require(outcome.error)
        #expect(
            error.diagnostics.contains {
                $0.message.contains("region") && $0.message.contains("twice")
                    || $0.message.contains("duplicate")
            }, "\(error.description)")
    }

    @Test("a misspelt or truncated null is reported as such")
    func badNullLiteral() throws {
        let bytes = Self.dataset(incidentExtra: #""location": nul, "target": "x""#)
        let error = try #require(LoadOutcome.load(bytes: bytes, name: "t.json").error)
        #expect(error.description.contains("invalid literal"), "\(error.description)")
    }
}
