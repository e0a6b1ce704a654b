import Foundation
import Testing
@testable import SitmonCore
import SitmonScreen
@testable import SitmonUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The escape-laden dataset (`Corpus/escapes.json`) loads, and nothing of its hostile text reaches a Screen cell
/// raw: no C0/C1 control, no DEL, no bidirectional control, in any pane, overlay or size.
@Suite("Hostile text on screen")
struct EscapeRenderingTests {
    static func engine() throws -> QueryEngine {
        QueryEngine(dataset: try DatasetLoader.load(path: Corpus.path("escapes.json")))
    }

    /// The keys a user might press, visiting every row of every pane, the detail pane and every overlay.
    static func script(_ state: AppState) -> [Key] {
        let d = state.dataset
        var keys: [Key] = []
        keys += [.character("2")] + Array(repeating: .character("j"), count: d.records.count + 1)
        keys += [.character("g"), .enter, .pageDown, .pageDown, .pageDown, .pageUp, .escape]
        keys += [.character("1")] + Array(repeating: .character("j"), count: d.actors.count + 1)
        keys += [.character("g"), .enter, .character("j"), .enter, .character("4"), .pageDown, .pageDown]
        keys += [.character("3")] + Array(repeating: .character("j"), count: d.regions.count + 1)
        keys += [.character("g"), .enter, .character("4"), .pageDown, .character("u"), .character("u")]
        keys += [.character("a"), .character("A"), .down, .escape]
        keys += [.character("r"), .character("R"), .escape]
        keys += [.character("?"), .escape, .character("e"), .escape, .character("d"), .escape]
        keys += [.character("2"), .character("/"), .character("e"), .escape]
        keys += [.character("s"), .character("1"), .character("s"), .character("s"), .character("3"), .character("s")]
        keys += [.character("c"), .character("2"), .character("G"), .enter, .pageDown]
        return keys
    }

    static func unsafeCells(_ screen: Screen) -> [String] {
        var found: [String] = []
        for y in 0..<screen.height {
            for x in 0..<screen.width {
                let offenders = UnsafeText.offenders(screen[x, y].text)
                if !offenders.isEmpty { found.append("(\(x),\(y)): \(offenders.joined(separator: " "))") }
            }
        }
        return found
    }

    @Test("the escape-laden dataset loads with its text intact")
    func loads() throws {
        let d = try DatasetLoader.load(path: Corpus.path("escapes.json"))
        #expect(d.info.title.contains("\u{1B}[2J"))
        #expect(d.actors[0].name.contains("\u{202E}"))
        #expect(d.actors[0].aliases.contains("\u{0}nul"))
        #expect(d.actors[2].name.contains("\u{9B}"))
        let i = try #require((0..<d.records.count).first { d.records.id($0) == "e1" })
        #expect(d.records.summary(i)?.contains("\u{1B}]52;c;") == true)
    }

    @Test("no control, DEL, C1 or bidi scalar reaches a cell", arguments: [(120, 40), (80, 24), (60, 20), (40, 10)])
    func screenIsClean(_ width: Int, _ height: Int) throws {
        var state = AppState(engine: try Self.engine(), width: width, height: height)
        var frames = 0
        var drawnControlPictures = false
        func check(_ step: String) {
            let screen = Renderer.render(state)
            frames += 1
            let bad = Self.unsafeCells(screen)
            #expect(bad.isEmpty, "\(width)×\(height) after \(step): \(bad.prefix(5))")
            if screen.lines().joined().contains("␛") { drawnControlPictures = true }
        }
        check("start")
        for (k, key) in Self.script(state).enumerated() {
            _ = Update.apply(&state, .input(.key(key)))
            check("key \(k) \(key)")
        }
        for (w, h) in [(200, 60), (41, 11), (12, 5), (1, 1), (0, 0), (width, height)] {
            _ = Update.apply(&state, .input(.resize(width: w, height: h)))
            check("resize to \(w)×\(h)")
        }
        #expect(frames > 60)
        #expect(drawnControlPictures, "the hostile text was drawn (as control pictures) somewhere")
    }

    @Test("TerminalText.sanitized leaves nothing unsafe, whatever the input")
    func sanitizerCoversEverything() {
        var all = String.UnicodeScalarView()
        for v in 0..<0x3000 as Range<UInt32> { if let s = Unicode.Scalar(v) { all.append(s) } }
        let text = String(all)
        #expect(UnsafeText.offenders(TerminalText.sanitized(text)).isEmpty)
        var screen = Screen(width: 100, height: 1)
        for chunk in stride(from: 0, to: 0x3000, by: 64) {
            let piece = String(String.UnicodeScalarView((chunk..<chunk + 64).compactMap { Unicode.Scalar(UInt32($0)) }))
            screen.write(piece, x: 0, y: 0)
            #expect(Self.unsafeCells(screen).isEmpty, "chunk at U+\(String(chunk, radix: 16))")
        }
    }

    /// (Its actor's 1 MB summary has no space: that one is `KnownBugTests.longWordHangsRenderer`.)
    @Test("the 1 MB record summary with spaces renders within the budget")
    func bigTextRenders() throws {
        let engine = QueryEngine(dataset: try DatasetLoader.load(path: Corpus.path("string-1mb.json")))
        var state = AppState(engine: engine, width: 120, height: 40)
        let start = threadCPUSeconds()
        for key: Key in [.character("2"), .character("j"), .enter, .pageDown, .pageDown, .character("2")] {
            _ = Update.apply(&state, .input(.key(key)))
            _ = Renderer.render(state)
        }
        let seconds = threadCPUSeconds() - start
        #expect(seconds < 6 * Limits.budget, "6 key presses and frames took \(seconds) s of CPU")
    }
}
