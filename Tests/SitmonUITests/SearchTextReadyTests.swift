import Testing
import SitmonCore
import SitmonGenerate
import SitmonScreen
@testable import SitmonUI

/// What is typed before the records' search text is ready (the monitor builds it on the second core after the first
/// frame) never waits for it: the footer says what waits, and `.searchTextReady` gives the same screen as typing it
/// once the text is ready.
@Suite("Typing before the search text is ready")
struct SearchTextReadyTests {
    /// A dataset whose timeline is three times the rows a search tests one by one, a query found only far past
    /// them, and the row it is on (the timeline from its first row).
    struct FarMatch {
        var dataset: Dataset
        var query: String
        var row: Int
    }

    static let farMatch: FarMatch? = {
        let limit = SearchState.rowsTestedBeforeTheFold
        let engine = QueryEngine(dataset: SyntheticDataset.make(records: limit * 3, seed: 3))
        let state = AppState(engine: engine, width: 120, height: 40, mouseEnabled: false)
        let count = state.rowCount(.timeline)
        let titles = (0..<count).map { row in
            state.timelineRecord(at: row).map { engine.dataset.title(Int($0)) } ?? ""
        }
        var tally: [String: Int] = [:]
        for title in titles { tally[title, default: 0] += 1 }
        guard let far = (limit + 100..<count).first(where: { tally[titles[$0]] == 1 && titles[$0].count > 15 })
        else { return nil }
        return FarMatch(dataset: engine.dataset, query: titles[far], row: far)
    }()

    /// A monitor on a new engine over `dataset` (its search text not built), on the timeline's first row.
    static func monitor(_ dataset: Dataset) -> AppState {
        var state = AppState(engine: QueryEngine(dataset: dataset), width: 120, height: 40, mouseEnabled: false)
        state.press(.character("2"), .home)
        return state
    }

    /// The search text built, and the monitor told (as the runtime does).
    static func ready(_ state: inout AppState) {
        state.engine.prepareSearch()
        _ = Update.apply(&state, .searchTextReady)
    }

    @Test("a search typed before the text is ready shows the screen it would once it is")
    func sameScreenOnceReady() throws {
        let far = try #require(Self.farMatch)
        var early = Self.monitor(far.dataset)
        early.press(.character("/"))
        early.type(far.query)
        #expect(!early.engine.isSearchPrepared, "a keystroke built the search text")
        #expect(early.selection(.timeline) == 0)
        Self.ready(&early)
        var late = Self.monitor(far.dataset)
        late.engine.prepareSearch()
        late.press(.character("/"))
        late.type(far.query)
        #expect(late.selection(.timeline) == far.row)
        #expect(early.selection(.timeline) == far.row)
        #expect(Renderer.render(early).text == Renderer.render(late).text)
    }

    @Test("Enter on a search still waiting keeps it: the row is selected once the text is ready")
    func enterWhileWaiting() throws {
        let far = try #require(Self.farMatch)
        var early = Self.monitor(far.dataset)
        early.press(.character("/"))
        early.type(far.query)
        early.press(.enter)
        #expect(early.overlay == nil)
        #expect(early.message?.text == "Search: \(far.query): searching…")
        #expect(Renderer.render(early).text.contains("Search: \(far.query): searching…"))
        #expect(early.awaitsSearchText)
        Self.ready(&early)
        #expect(!early.awaitsSearchText)
        var late = Self.monitor(far.dataset)
        late.engine.prepareSearch()
        late.press(.character("/"))
        late.type(far.query)
        late.press(.enter)
        #expect(early.selection(.timeline) == far.row)
        #expect(early.message == late.message)
        #expect(early.message?.text.hasPrefix("Search: \(far.query): 1 of 1") == true)
        #expect(Renderer.render(early).text == Renderer.render(late).text)
    }

    @Test("n waits for the text; a key pressed meanwhile drops it, so the cursor stays where the user put it")
    func nextWhileWaiting() throws {
        let far = try #require(Self.farMatch)
        var state = Self.monitor(far.dataset)
        state.lastSearch = far.query
        state.press(.character("n"))
        #expect(state.waitingSearch != nil)
        #expect(state.message?.text == "Search: \(far.query): searching…")
        Self.ready(&state)
        #expect(state.selection(.timeline) == far.row)
        #expect(state.message?.text == "Search: \(far.query): 1 of 1")

        var moved = Self.monitor(far.dataset)
        moved.lastSearch = far.query
        moved.press(.character("n"), .down)
        #expect(moved.waitingSearch == nil)
        #expect(moved.message == nil, "no “searching…” left once the search is dropped")
        Self.ready(&moved)
        #expect(moved.selection(.timeline) == 1)
    }

    @Test("the text filter typed before the text is ready waits, then filters as if typed later; undo still works")
    func textFilterWhileWaiting() throws {
        let dataset = try Fixture.engine().dataset
        var early = Self.monitor(dataset)
        let all = early.view.records.count
        early.press(.character("f"))
        early.type("barkhane")
        #expect(!early.engine.isSearchPrepared, "a keystroke built the search text")
        #expect(early.filter.text.isEmpty, "nothing applied before the text is ready")
        #expect(early.view.records.count == all)
        #expect(Renderer.render(early).text.contains("Filter text: barkhane  searching… · Enter keeps"))
        Self.ready(&early)
        var late = Self.monitor(dataset)
        late.engine.prepareSearch()
        late.press(.character("f"))
        late.type("barkhane")
        #expect(early.filter == late.filter)
        #expect(early.view.records.count < all)
        #expect(Renderer.render(early).text == Renderer.render(late).text)
        early.press(.enter)
        #expect(early.message?.text.hasPrefix("Filter: text “barkhane”:") == true)
        early.press(.character("u"))
        #expect(early.filter.text.isEmpty)
        #expect(early.view.records.count == all)
    }

    @Test("Enter on a text filter still waiting keeps it as one undo step once the text is ready")
    func textFilterEnterWhileWaiting() throws {
        let dataset = try Fixture.engine().dataset
        var early = Self.monitor(dataset)
        let all = early.view.records.count
        early.press(.character("f"))
        early.type("barkhane")
        early.press(.enter)
        #expect(early.overlay == nil)
        #expect(early.message?.text == "Filter: text “barkhane”: searching…")
        #expect(early.filter.text.isEmpty)
        #expect(early.awaitsSearchText)
        Self.ready(&early)
        #expect(!early.awaitsSearchText)
        var late = Self.monitor(dataset)
        late.engine.prepareSearch()
        late.press(.character("f"))
        late.type("barkhane")
        late.press(.enter)
        #expect(early.filter == late.filter)
        #expect(early.message == late.message)
        #expect(early.history.count == late.history.count)
        #expect(Renderer.render(early).text == Renderer.render(late).text)
        early.press(.character("u"))
        #expect(early.filter.text.isEmpty)
        #expect(early.view.records.count == all)
        #expect(early.message?.text.hasPrefix("Undone:") == true)
    }

    @Test("a key pressed before a kept text filter could run applies the filter first")
    func keyAfterWaitingTextFilter() throws {
        let dataset = try Fixture.engine().dataset
        var state = Self.monitor(dataset)
        state.press(.character("f"))
        state.type("barkhane")
        state.press(.enter)
        #expect(state.filter.text.isEmpty)
        state.press(.down)
        #expect(state.filter.text == "barkhane")
        #expect(state.waitingTextFilter == nil)
        state.press(.character("u"))
        #expect(state.filter.text.isEmpty)
    }
}
