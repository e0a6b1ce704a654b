import Foundation
import Testing
import SitmonCore
import SitmonScreen
@testable import SitmonUI

/// `/` finds in the focused pane without filtering: the matches are highlighted and counted ("3 of 17").
@Suite("Find in pane (/)")
struct FindInPaneTests {
    static func search(_ state: AppState) -> SearchState? { state.openSearch }

    /// The rows of the timeline whose record matches `query`, as the core's search says.
    static func matchingRows(_ state: AppState, _ query: String) throws -> [Int] {
        let search = try #require(state.engine.search(query))
        return (0..<state.rowCount(.timeline)).filter { row in
            state.timelineRecord(at: row).map { state.engine.recordMatches(Int($0), search) } ?? false
        }
    }

    @Test(
        "the count is the number of matching rows, and the position follows n and N in either sort",
        arguments: [TimelineSort.newest, .oldest])
    func countsAndPosition(sort: TimelineSort) throws {
        var state = try Fixture.state()
        state.engine.prepareSearch()
        if state.timelineSort != sort { state.press(.character("2"), .character("s")) }
        #expect(state.timelineSort == sort)
        let rows = try Self.matchingRows(state, "goita")
        try #require(rows.count >= 3)
        state.press(.character("2"), .character("/"))
        state.type("goita")
        let position = try #require(Self.search(state)?.position)
        #expect(position.count == rows.count)
        #expect(rows[position.index - 1] == state.selection(.timeline))
        #expect(Renderer.render(state).text.contains("/goita  \(position.index) of \(rows.count) · Enter keeps"))
        state.press(.enter)
        #expect(
            state.message?.text == "Search: goita: \(position.index) of \(rows.count) (n next, N previous, Esc unmarks)"
        )
        for step in 1...rows.count {
            state.press(.character("n"))
            let expected = (position.index - 1 + step) % rows.count
            #expect(state.selection(.timeline) == rows[expected])
            #expect(state.message?.text.hasPrefix("Search: goita: \(expected + 1) of \(rows.count)") == true)
        }
        state.press(.character("N"))
        #expect(
            state.message?.text.hasPrefix("Search: goita: \((position.index + rows.count - 2) % rows.count + 1) of")
                == true)
    }

    @Test("actors and regions panes count their own rows")
    func countsInOtherPanes() throws {
        var state = try Fixture.state()
        state.press(.character("3"), .character("/"))
        state.type("ka")  // Kayes, Ménaka, Tombouctou (Timbuktu has no “ka”)…
        let position = try #require(Self.search(state)?.position)
        let names = state.regionRows.map { state.engine.index.regionNames[Int($0.region)] }
        let expected = names.filter { $0.contains { TextMatcher.contains($0, Array("ka".utf8)) } }.count
        #expect(position.count == expected && expected >= 2)
        #expect(position.index == 1 || state.selection(.regions) > 0)
    }

    @Test("matches are highlighted in the visible rows of the searched pane, accents and case ignored")
    func highlighting() throws {
        var state = try Fixture.state()
        state.engine.prepareSearch()
        state.press(.character("2"), .character("/"))
        state.type("goita")
        let screen = Renderer.render(state)
        let list = try #require(state.layout.listRect(.timeline))
        var lit: [String] = []
        for y in list.y..<(list.y + list.height) {
            var run = ""
            for x in list.x..<(list.x + list.width) {
                if screen[x, y].style == state.theme.match {
                    run += screen[x, y].text
                } else if !run.isEmpty {
                    lit.append(run)
                    run = ""
                }
            }
            if !run.isEmpty { lit.append(run) }
        }
        #expect(!lit.isEmpty, "some visible title names Goïta")
        for text in lit { #expect(TextFolding.fold(text) == Array("goita".utf8), "lit: \(text)") }
        // Esc after Enter removes the highlight; the other panes never get it.
        state.press(.enter, .escape)
        #expect(state.searchHighlight == nil)
        let after = Renderer.render(state)
        let cells = (0..<after.height).flatMap { y in (0..<after.width).map { after[$0, y].style } }
        #expect(!cells.contains(state.theme.match))
    }

    @Test("columns of a match: accents, apostrophes and wide text")
    func highlightColumns() {
        let goita = Array("goita".utf8)
        #expect(TextHighlight.columns(of: goita, in: "Col. Goïta's CNSP").map { [$0.start, $0.width] } == [[5, 5]])
        #expect(
            TextHighlight.columns(of: Array("n'daw".utf8), in: "Bah N’Daw").map { [$0.start, $0.width] } == [[4, 5]])
        #expect(TextHighlight.columns(of: Array("a".utf8), in: "Aa a").map(\.start) == [0, 1, 3])
        #expect(TextHighlight.columns(of: goita, in: "").isEmpty)
    }

    @Test("a search before the fold is not counted (the keystroke does not wait), after it is")
    func notCountedBeforeTheFold() throws {
        let engine = QueryEngine(dataset: try Fixture.engine().dataset)
        var state = AppState(engine: engine, width: 120, height: 40)
        state.press(.character("2"), .character("/"))
        state.type("coup")
        #expect(Self.search(state)?.position == nil)
        #expect(Self.search(state)?.waiting == .count)
        #expect(Renderer.render(state).text.contains("/coup  counting… · Enter keeps"))
        #expect(!engine.isSearchPrepared)
        engine.prepareSearch()
        _ = Update.apply(&state, .searchTextReady)
        #expect(Self.search(state)?.position != nil, "counted once the search text is ready")
        #expect(Self.search(state)?.waiting == nil)
        state.type("s")
        #expect(Self.search(state)?.position != nil)
    }
}
