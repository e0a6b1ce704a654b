import Foundation
import Testing
import SitmonCore
import SitmonScreen
@testable import SitmonUI

/// `update` never draws and never lays out the screen (bubbletea's and glow's rule): the state machine reads the
/// pane sizes `AppState.layout` keeps and the detail text `AppState` lays out once per change; scrolling stops at
/// the last line.
@Suite struct UpdateNeverRendersTests {
    static let sources = Fixture.repository.appendingPathComponent("Sources/SitmonUI")

    /// Drawing code: the Render folder, every `…Renderer.swift`, and the map's drawing.
    static func isDrawing(_ path: String) -> Bool {
        path.hasPrefix("Render/") || path.hasSuffix("Renderer.swift") || path == "Map/MapPane.swift"
            || path == "Map/BrailleCanvas.swift"
    }

    /// Values the drawing files define that the state may hold: text with styles, the theme, the table of keys.
    static let sharedValues: Set<String> = ["StyledLine", "Theme", "KeyHelp"]

    /// Every Swift file of SitmonUI, by path from `Sources/SitmonUI`, with its code (comments removed).
    static func files() throws -> [(path: String, code: String)] {
        let root = sources.path + "/"
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
        var files: [(String, String)] = []
        for case let path as String in enumerator where path.hasSuffix(".swift") {
            let text = try String(contentsOfFile: root + path, encoding: .utf8)
            let code = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
                line.range(of: "//").map { line[..<$0.lowerBound] } ?? line
            }.joined(separator: "\n")
            files.append((path, code))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// The identifiers in some code.
    static func identifiers(_ code: String) -> Set<String> {
        var names: Set<String> = [], current = ""
        for c in code {
            if c.isLetter || c.isNumber || c == "_" {
                current.append(c)
            } else if !current.isEmpty {
                names.insert(current)
                current = ""
            }
        }
        if !current.isEmpty { names.insert(current) }
        return names
    }

    /// The types a file declares.
    static func declaredTypes(_ code: String) -> Set<String> {
        var types: Set<String> = []
        for keyword in ["enum ", "struct ", "class ", "protocol "] {
            var rest = Substring(code)
            while let range = rest.range(of: keyword) {
                rest = rest[range.upperBound...]
                let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                if !name.isEmpty { types.insert(String(name)) }
            }
        }
        return types
    }

    @Test("the state machine's sources name no drawing code, and only AppState lays out the panes")
    func stateNamesNoDrawingCode() throws {
        let files = try Self.files()
        let drawing = files.filter { Self.isDrawing($0.path) }
        let state = files.filter { !Self.isDrawing($0.path) }
        try #require(drawing.count >= 8 && state.count >= 20, "\(drawing.count) drawing and \(state.count) state files")
        let drawingTypes = drawing.reduce(into: Set<String>()) { $0.formUnion(Self.declaredTypes($1.code)) }
            .subtracting(Self.sharedValues)
        // The test sees the renderers it guards against.
        for name in [
            "Renderer", "OverlayRenderer", "TimelineZoomRenderer", "RelationsRenderer", "ListDrawing", "MapPane",
        ] {
            #expect(drawingTypes.contains(name), "\(name) is not found among the drawing types")
        }
        for file in state {
            let used = Self.identifiers(file.code)
            let named = used.intersection(drawingTypes).sorted()
            #expect(named.isEmpty, "\(file.path) uses drawing code: \(named)")
            #expect(!used.contains("render") && !used.contains("draw"), "\(file.path) calls render or draw")
            if file.path != "State/AppState.swift" {
                #expect(!file.code.contains("Layout("), "\(file.path) lays out the panes: only AppState keeps a layout")
            }
        }
    }

    @Test("the detail text is laid out by update for what the pane shows, and not again by a key that changes nothing")
    func detailTextIsLaidOutOncePerChange() throws {
        var state = try Fixture.state(width: 80, height: 24)
        #expect(state.detailText.key == state.detailKey)
        state.press(.character("4"))
        let laidOut = state.detailText
        // Keys that leave the shown item and the width alone keep the lines laid out.
        state.press(.down, .down, .character("?"), .escape, .character("/"), .escape)
        #expect(state.detailText.key == laidOut.key && state.detailText.lines == laidOut.lines)
        // Another record, a new width: laid out again, and exactly as laying it out gives.
        state.press(.character("2"), .down)
        #expect(state.detailText.key != laidOut.key)
        state.resize(100, 30)
        #expect(state.detailText.key == state.detailKey)
        #expect(state.detailLines == DetailContent.lines(for: state, width: state.layout.detailWidth))
    }

    @Test("scrolling the detail stops at its last line, and a shorter text or a taller pane pulls it back")
    func detailScrollIsClampedToItsText() throws {
        var state = try Fixture.state(width: 80, height: 24)
        state.press(.character("4"))
        for _ in 0..<(state.rowCount(.detail) + 5) { state.press(.down) }
        let last = state.rowCount(.detail) - state.layout.listHeight(.detail)
        try #require(last > 1, "the first record's detail should not fit a 80×24 detail pane")
        #expect(state.scroll(.detail) == last, "no scrolling past the end")
        // One key up moves up at once, with nothing past the end to undo first.
        state.press(.up)
        #expect(state.scroll(.detail) == last - 1)
        state.press(.character("G"))
        // A taller terminal shows more lines: the scroll comes back so the last line stays at the bottom.
        state.resize(80, 40)
        let taller = max(0, state.rowCount(.detail) - state.layout.listHeight(.detail))
        #expect(taller < last && state.scroll(.detail) == taller)
        state.press(.up)
        #expect(state.scroll(.detail) == max(0, taller - 1))
    }

    @Test("a filter that shortens the region shown in the detail pulls its scroll back to the new last line")
    func detailScrollFollowsAShorterText() throws {
        var state = try Fixture.state(width: 80, height: 24)
        state.press(.character("3"), .character("4"), .character("G"))
        let long = state.scroll(.detail)
        try #require(long > 0, "the busiest region's detail should not fit a 80×24 detail pane")
        // A text nothing matches: the region has no activity in view, so its detail loses those lines.
        state.press(.character("f"))
        state.type("zzzzzzzz")
        let count = state.rowCount(.detail), height = state.layout.listHeight(.detail)
        #expect(state.scroll(.detail) == min(long, max(0, count - height)))
        #expect(state.scroll(.detail) <= max(0, count - height))
    }

    @Test("the help scroll stops at its last line, whatever the number of keys pressed")
    func helpScrollIsClamped() throws {
        var state = try Fixture.state(width: 80, height: 14)
        state.press(.character("?"))
        let limit = HelpState.maximumScroll(state)
        try #require(limit > 0, "the help should not fit 14 rows")
        for _ in 0..<(limit + 20) { state.press(.down) }
        guard case .help(let help)? = state.overlay else { Issue.record("the help closed"); return }
        #expect(help.scroll == limit)
        state.press(.up)
        guard case .help(let after)? = state.overlay else { Issue.record("the help closed"); return }
        #expect(after.scroll == limit - 1)
    }
}
