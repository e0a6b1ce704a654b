#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Testing
import SitmonCore
import SitmonGenerate
import SitmonScreen
@testable import SitmonUI

/// Key sequences through `Update.apply`: focus, selection, the filter, search, dialogs, export, quit, resize, mouse.
@Suite("State machine")
struct StateTests {
    // MARK: Helpers

    /// Moves the focused list's selection to `row` with Home and ↓, as a user would.
    static func select(_ state: inout AppState, row: Int) {
        state.press(.home)
        for _ in 0..<row { state.press(.down) }
    }

    /// Selects `actor` in the actors pane (focusing it).
    static func selectActor(_ state: inout AppState, _ actor: Int32) throws {
        state.press(.character("1"))
        let row = try #require(state.actorRows.firstIndex(of: actor))
        select(&state, row: row)
        #expect(state.selectedActor == actor)
    }

    /// Selects `region` in the regions pane (focusing it).
    static func selectRegion(_ state: inout AppState, _ region: Int32) throws {
        state.press(.character("3"))
        let row = try #require(state.regionRows.firstIndex { $0.region == region })
        select(&state, row: row)
        #expect(state.selectedRegion == region)
    }

    /// The selection of every list within its rows, and visible when the pane is on screen.
    static func expectCursorsValid(_ state: AppState, sourceLocation: SourceLocation = #_sourceLocation) {
        let layout = state.layout
        for pane in Pane.allCases {
            let count = state.rowCount(pane)
            let cursor = state.cursors[pane] ?? ListCursor()
            if count == 0 {
                #expect(
                    cursor.selection == 0, "\(pane) empty but selection \(cursor.selection)",
                    sourceLocation: sourceLocation)
            } else {
                #expect(
                    (0..<count).contains(cursor.selection), "\(pane) selection \(cursor.selection) of \(count)",
                    sourceLocation: sourceLocation)
            }
            if layout.panes[pane] != nil {
                let height = layout.listHeight(pane)
                #expect(
                    cursor.scroll <= cursor.selection && cursor.selection < cursor.scroll + height,
                    "\(pane) scroll \(cursor.scroll) selection \(cursor.selection) height \(height)",
                    sourceLocation: sourceLocation)
            }
        }
    }

    /// True when record `i` names `needle` (folded): its text, one of its actors or one of its regions.
    static func mentions(_ i: Int32, _ needle: String, in dataset: Dataset) -> Bool {
        let folded = TextFolding.fold(needle)
        let record = dataset.record(Int(i))
        var texts = [record.title, record.summary ?? "", record.location ?? "", record.target ?? ""]
        for p in record.actors where p.actor >= 0 {
            let a = dataset.actors[Int(p.actor)]
            texts += [a.name, a.shortName ?? "", a.id] + a.aliases
        }
        for r in record.regions where r >= 0 {
            let g = dataset.regions[Int(r)]
            texts += [g.name, g.id, g.iso ?? ""] + g.aliases
        }
        return texts.contains { TextMatcher.contains(TextFolding.fold($0), folded) }
    }

    static func picker(_ state: AppState) -> PickerState? { state.openPicker }

    static func dateDialog(_ state: AppState) -> DateRangeState? { state.openDateRange }

    static func exportDialog(_ state: AppState) -> ExportDialogState? { state.openExport }

    static func helpIsOpen(_ state: AppState) -> Bool {
        if case .help? = state.overlay { return true }
        return false
    }

    static func search(_ state: AppState) -> SearchState? { state.openSearch }

    // MARK: Focus

    @Test func tabAndShiftTabCycleFocus() throws {
        var state = try Fixture.state()
        #expect(state.focus == .timeline)
        var forward: [Pane] = []
        for _ in 0..<5 { state.press(.tab); forward.append(state.focus) }
        #expect(forward == [.regions, .detail, .map, .actors, .timeline])
        var backward: [Pane] = []
        for _ in 0..<5 { state.press(.backTab); backward.append(state.focus) }
        #expect(backward == [.actors, .map, .detail, .regions, .timeline])
        state.press(.right)
        #expect(state.focus == .regions)
        state.press(.character("l"))
        #expect(state.focus == .detail)
        state.press(.left)
        #expect(state.focus == .regions)
        state.press(.character("h"))
        #expect(state.focus == .timeline)
    }

    @Test func digitsFocusPanesAndTheDetailFollowsTheLastList() throws {
        var state = try Fixture.state()
        state.press(.character("1"))
        #expect(state.focus == .actors && state.detailSource == .actors)
        state.press(.character("4"))
        #expect(state.focus == .detail && state.detailSource == .actors)
        #expect(Renderer.render(state).text.contains("4 Detail · actor"))
        state.press(.character("3"))
        #expect(state.focus == .regions && state.detailSource == .regions)
        state.press(.character("4"))
        #expect(Renderer.render(state).text.contains("4 Detail · region"))
        state.press(.character("2"))
        #expect(state.focus == .timeline && state.detailSource == .timeline)
        state.press(.character("6"), .character("0"))  // not panes: nothing changes
        #expect(state.focus == .timeline)
    }

    // MARK: Selection

    @Test(arguments: [(Pane.actors, Character("1")), (.timeline, "2"), (.regions, "3")])
    func selectionStaysWithinBounds(pane: Pane, key: Character) throws {
        var state = try Fixture.state()
        state.press(.character(key))
        #expect(state.focus == pane)
        let count = state.rowCount(pane)
        let page = state.layout.listHeight(pane)
        try #require(count > 2)
        #expect(state.selection(pane) == 0)
        state.press(.up)
        #expect(state.selection(pane) == 0)
        state.press(.character("k"))
        #expect(state.selection(pane) == 0)
        state.press(.down)
        #expect(state.selection(pane) == 1)
        state.press(.character("j"))
        #expect(state.selection(pane) == 2)
        state.press(.up)
        #expect(state.selection(pane) == 1)
        state.press(.pageDown)
        #expect(state.selection(pane) == min(1 + page, count - 1))
        state.press(.pageUp)
        #expect(state.selection(pane) == max(0, min(1 + page, count - 1) - page))
        state.press(.pageUp)
        #expect(state.selection(pane) == 0)
        state.press(.character(" "))
        #expect(state.selection(pane) == min(page, count - 1))
        state.press(.control("b"))
        #expect(state.selection(pane) == 0)
        state.press(.control("f"))
        #expect(state.selection(pane) == min(page, count - 1))
        state.press(.end)
        #expect(state.selection(pane) == count - 1)
        Self.expectCursorsValid(state)
        state.press(.down)
        state.press(.pageDown)
        #expect(state.selection(pane) == count - 1)
        state.press(.home)
        #expect(state.selection(pane) == 0)
        state.press(.character("G"))
        #expect(state.selection(pane) == count - 1)
        state.press(.character("g"))
        #expect(state.selection(pane) == 0)
        for k in 1...(count + 3) {
            state.press(.character("j"))
            #expect(state.selection(pane) == min(k, count - 1))
            Self.expectCursorsValid(state)
        }
        for _ in 0..<(count + 3) {
            state.press(.character("k"))
            Self.expectCursorsValid(state)
        }
        #expect(state.selection(pane) == 0 && state.scroll(pane) == 0)
    }

    @Test func detailScrollsWithinItsContent() throws {
        var state = try Fixture.state(width: 80, height: 24)
        state.press(.character("4"))
        let count = state.rowCount(.detail)
        let height = state.layout.listHeight(.detail)
        try #require(count > height, "the first record's detail should not fit a 80×24 detail pane")
        state.press(.character("k"))
        #expect(state.scroll(.detail) == 0)
        state.press(.down)
        #expect(state.scroll(.detail) == 1)
        state.press(.character("G"))
        #expect(state.scroll(.detail) == count - height)
        state.press(.pageDown, .down)
        #expect(state.scroll(.detail) == count - height)
        state.press(.character("g"))
        #expect(state.scroll(.detail) == 0)
        Self.expectCursorsValid(state)
        // Moving in a list resets the detail to its top.
        state.press(.character("G"), .character("2"), .down, .character("4"))
        #expect(state.scroll(.detail) == 0)
    }

    /// End in the detail pane must bring its last line into view.
    @Test func detailEndShowsTheLastLine() throws {
        var state = try Fixture.state(width: 80, height: 24)
        state.pickJNIMThenMopti()
        state.press(.character("4"), .end)
        let last = try #require(DetailContent.lines(for: state, width: state.layout.detailWidth).last?.plainText)
        let list = try #require(state.layout.listRect(.detail))
        let screen = Renderer.render(state)
        let bottom = screen.row(list.y + list.height - 1)
        #expect(bottom.contains(last.trimmingSpaces), "bottom row “\(bottom)” should end the detail with “\(last)”")
    }

    // MARK: Filter

    @Test func enterOnAnActorTogglesIt() throws {
        var state = try Fixture.state()
        let engine = try Fixture.engine()
        let jnim = try Fixture.actor("jnim")
        try Self.selectActor(&state, jnim)
        state.press(.enter)
        #expect(state.filter.actors == [jnim])
        #expect(state.filter.regions.isEmpty)
        #expect(state.selectedActor == jnim, "the selection stays on the actor")
        #expect(state.message?.text == "Filter: + actor JNIM")
        #expect(state.view.records == engine.run(Filter(actors: [jnim])).records)
        #expect(!state.view.records.isEmpty)
        let family = Set(engine.index.actorFamilies[Int(jnim)])
        for r in state.view.records {
            #expect(engine.dataset.records.actors(Int(r)).contains(where: family.contains))
        }
        #expect(Renderer.render(state).text.contains("[actor: JNIM]"))
        state.press(.enter)
        #expect(state.filter.actors.isEmpty)
        #expect(state.filter.isEmpty)
        #expect(state.message?.text == "Filter: − actor JNIM")
        #expect(state.view.records.count == engine.dataset.records.count)
        #expect(state.selectedActor == jnim)
    }

    @Test func enterOnARegionTogglesIt() throws {
        var state = try Fixture.state()
        let engine = try Fixture.engine()
        let segou = try Fixture.region("segou")
        try Self.selectRegion(&state, segou)
        state.press(.enter)
        #expect(state.filter.regions == [segou])
        #expect(state.message?.text == "Filter: + region Ségou")
        #expect(state.selectedRegion == segou)
        #expect(!state.view.records.isEmpty)
        let family = Set(engine.index.regionFamilies[Int(segou)])
        for r in state.view.records {
            #expect(engine.dataset.records.regions(Int(r)).contains(where: family.contains))
        }
        #expect(Renderer.render(state).text.contains("[region: Ségou]"))
        state.press(.enter)
        #expect(state.filter.isEmpty)
    }

    @Test func enterOnTheTimelineOpensTheDetail() throws {
        var state = try Fixture.state()
        state.press(.down, .enter)
        #expect(state.focus == .detail && state.detailSource == .timeline)
        #expect(state.filter.isEmpty)
        let before = state.cursors
        state.press(.enter)
        #expect(state.focus == .detail && state.cursors == before)
    }

    @Test func clearRemovesEveryFilter() throws {
        var state = try Fixture.state()
        state.press(.character("c"))
        #expect(state.message?.text == "No filter to clear")
        #expect(state.history.isEmpty)
        state.pickJNIMThenMopti()
        state.press(.character("d"))
        state.type("2020")
        state.press(.enter)
        #expect(!state.filter.isEmpty)
        let filtered = state.filter
        state.press(.character("c"))
        #expect(state.filter.isEmpty)
        #expect(state.view.records.count == state.dataset.records.count)
        #expect(state.message?.text == "Filters cleared (u to undo)")
        state.press(.character("u"))
        #expect(state.filter == filtered)
    }

    @Test func undoRestoresFiltersInOrder() throws {
        var state = try Fixture.state()
        let jnim = try Fixture.actor("jnim"), mopti = try Fixture.region("mopti")
        try Self.selectActor(&state, jnim)
        state.press(.enter)
        let first = state.filter
        state.press(.character("r"))
        state.type("mopti")
        state.press(.enter)
        let second = state.filter
        state.press(.character("d"))
        state.type("2020")
        state.press(.enter)
        #expect(
            state.filter.actors == [jnim] && state.filter.regions == [mopti]
                && state.filter.since == PartialDate(iso: "2020"))
        state.press(.character("u"))
        #expect(state.filter == second)
        #expect(state.message?.text == "Undone: dates 2020 – …", "the message names the step undone")
        // Backspace means back, never undo.
        state.press(.backspace)
        #expect(state.filter == second)
        #expect(state.message?.text == "Nothing to go back to (u undoes a filter change)")
        state.press(.character("u"))
        #expect(state.filter == first)
        #expect(state.message?.text == "Undone: region Mopti")
        state.press(.character("u"))
        #expect(state.filter.isEmpty)
        #expect(state.message?.text == "Undone: actor JNIM")
        #expect(state.view.records.count == state.dataset.records.count)
        state.press(.character("u"))
        #expect(state.filter.isEmpty)
        #expect(state.message?.text == "Nothing to undo")
        Self.expectCursorsValid(state)
    }

    // MARK: Sorting

    @Test func sortCyclesKeepTheSelectedActor() throws {
        var state = try Fixture.state()
        let wagner = try Fixture.actor("wagner")
        try Self.selectActor(&state, wagner)
        var sorts: [ActorSort] = []
        for _ in 0..<3 {
            state.press(.character("s"))
            sorts.append(state.actorSort)
            #expect(state.selectedActor == wagner, "sorted by \(state.actorSort)")
            Self.expectCursorsValid(state)
        }
        #expect(sorts == [.name, .kind, .activity])
        state.press(.character("s"))
        // Accent-aware: Néma Sagara sorts with the n's, before Niger.
        let names = state.actorRows.map {
            state.dataset.actors[Int($0)].name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        }
        #expect(names == names.sorted())
        #expect(state.message?.text == "Actors sorted by name")
    }

    @Test func sortCyclesKeepTheSelectedRegion() throws {
        var state = try Fixture.state()
        let menaka = try Fixture.region("menaka")
        try Self.selectRegion(&state, menaka)
        var sorts: [RegionSort] = []
        for _ in 0..<4 {
            state.press(.character("s"))
            sorts.append(state.regionSort)
            #expect(state.selectedRegion == menaka, "sorted by \(state.regionSort)")
            Self.expectCursorsValid(state)
        }
        #expect(sorts == [.fatalities, .name, .zone, .incidents])
    }

    @Test func sortCyclesKeepTheSelectedRecord() throws {
        var state = try Fixture.state()
        Self.select(&state, row: 10)
        let record = try #require(state.selectedRecord)
        let count = state.rowCount(.timeline)
        state.press(.character("s"))
        #expect(state.timelineSort == .oldest)
        #expect(state.selectedRecord == record)
        #expect(state.selection(.timeline) == count - 1 - 10)
        Self.expectCursorsValid(state)
        state.press(.character("s"))
        #expect(state.timelineSort == .newest)
        #expect(state.selectedRecord == record && state.selection(.timeline) == 10)
    }

    // MARK: Search

    @Test func incrementalSearchMovesEscapeRestoresEnterKeeps() throws {
        var state = try Fixture.state()
        let dataset = state.dataset
        let count = state.rowCount(.timeline)
        let matches = (0..<count).filter { Self.mentions(state.timelineRecord(at: $0)!, "goita", in: dataset) }
        try #require(matches.count >= 3, "the bundled data mentions Goïta in several records")
        // Start on a record that does not mention him.
        let origin = try #require((0..<count).first { !matches.contains($0) && $0 > 0 })
        Self.select(&state, row: origin)
        let expected = matches.first { $0 >= origin } ?? matches[0]

        state.press(.character("/"))
        #expect(Self.search(state)?.origin == origin)
        state.type("goita")
        #expect(state.selection(.timeline) == expected)
        #expect(Self.search(state)?.failed == false)
        #expect(Self.mentions(try #require(state.selectedRecord), "goita", in: dataset))
        let screen = Renderer.render(state)
        #expect(screen.lines().last?.hasPrefix("/goita") == true)
        #expect(screen.cursor?.y == state.height - 1)
        state.press(.escape)
        #expect(state.overlay == nil)
        #expect(state.selection(.timeline) == origin)
        #expect(state.filter.isEmpty)

        state.press(.character("/"))
        state.type("Goïta")
        state.press(.enter)
        #expect(state.overlay == nil)
        #expect(state.selection(.timeline) == expected)
        #expect(state.lastSearch == "Goïta")

        // n and N walk the matches, wrapping.
        let k = try #require(matches.firstIndex(of: expected))
        state.press(.character("n"))
        #expect(state.selection(.timeline) == matches[(k + 1) % matches.count])
        state.press(.character("n"))
        #expect(state.selection(.timeline) == matches[(k + 2) % matches.count])
        state.press(.character("N"))
        #expect(state.selection(.timeline) == matches[(k + 1) % matches.count])
        state.press(.character("N"), .character("N"))
        #expect(state.selection(.timeline) == matches[(k - 1 + matches.count) % matches.count])
        Self.expectCursorsValid(state)
    }

    @Test("a search typed before the records' text is folded finds the same rows, without folding it first")
    func searchBeforeTheTextIsFolded() throws {
        // The monitor folds the text on the second core after the first frame (≈ 0.6 s at a million records); a
        // search typed sooner tests rows one by one rather than waiting for the fold.
        let engine = QueryEngine(dataset: try DatasetLoader.load(path: Fixture.datasetPath))
        func walk() -> [Int] {
            var state = AppState(engine: engine, width: 120, height: 40, mouseEnabled: false, exportDirectory: ".")
            Self.select(&state, row: 5)
            var rows: [Int] = []
            state.press(.character("/"))
            for character in "barkhane" {
                state.press(.character(character))
                rows.append(state.selection(.timeline))
            }
            state.press(.enter)
            for _ in 0..<4 {
                state.press(.character("n"))
                rows.append(state.selection(.timeline))
            }
            return rows
        }
        #expect(!engine.isSearchPrepared)
        let unfolded = walk()
        #expect(!engine.isSearchPrepared, "a keystroke folded the whole text: it would wait ≈ 0.6 s at 1M")
        engine.prepareSearch()
        #expect(engine.isSearchPrepared)
        let folded = walk()
        #expect(unfolded == folded)
        #expect(Set(unfolded).count > 3, "the walk visits several records: \(unfolded)")
    }

    @Test("before the search text is ready, a match far past the first rows is waited for, not blocked on")
    func searchBeforeTheFoldFarMatch() throws {
        let limit = SearchState.rowsTestedBeforeTheFold
        let engine = QueryEngine(dataset: SyntheticDataset.make(records: limit * 3, seed: 3))
        var state = AppState(engine: engine, width: 120, height: 40, mouseEnabled: false, exportDirectory: ".")
        state.press(.character("2"), .home)
        let count = state.rowCount(.timeline)
        let titles = (0..<count).map { row in state.timelineRecord(at: row).map { engine.dataset.title(Int($0)) } ?? ""
        }
        var tally: [String: Int] = [:]
        for title in titles { tally[title, default: 0] += 1 }
        // A title found once, far down the timeline, and the first row any search for it matches (the truth).
        let far = try #require((limit + 100..<count).first { tally[titles[$0]] == 1 && titles[$0].count > 15 })
        let query = titles[far]
        var matcher = TextMatcher(query)
        let actors = Set(engine.actorsMatching(query))
        let expected = try #require(
            (0..<count).first { row in
                state.timelineRecord(at: row).map { engine.recordMatches(Int($0), &matcher, matchingActors: actors) }
                    ?? false
            })
        try #require(expected >= limit, "the match must lie past the rows tested one by one")
        #expect(!engine.isSearchPrepared)
        state.press(.character("/"))
        state.type(query)
        #expect(!engine.isSearchPrepared, "a keystroke built the search text: it would wait ≈ 0.7 s at 1M")
        #expect(Self.search(state)?.waiting == .row)
        #expect(Self.search(state)?.failed == false)
        #expect(state.selection(.timeline) == 0, "the cursor stays where the search started")
        #expect(Renderer.render(state).text.contains("/\(query)  searching… · Enter keeps"))
        #expect(state.awaitsSearchText)
        engine.prepareSearch()
        _ = Update.apply(&state, .searchTextReady)
        #expect(state.selection(.timeline) == expected)
        #expect(Self.search(state)?.failed == false)
        #expect(Self.search(state)?.waiting == nil)
        #expect(Self.search(state)?.position != nil)
        #expect(!state.awaitsSearchText)
    }

    @Test func searchThatFindsNothingStaysPut() throws {
        var state = try Fixture.state()
        state.press(.character("n"))
        #expect(state.message?.text == "No search yet: press / to search")
        Self.select(&state, row: 4)
        state.press(.character("/"))
        state.type("zzqxj")
        #expect(Self.search(state)?.failed == true)
        #expect(state.selection(.timeline) == 4)
        #expect(Renderer.render(state).text.contains("not found"))
        state.press(.enter)
        #expect(state.message?.kind == .error)
        #expect(state.selection(.timeline) == 4)
    }

    @Test func searchInTheActorsPane() throws {
        var state = try Fixture.state()
        state.press(.character("1"), .character("/"))
        state.type("barkh")
        #expect(state.selectedActor == (try Fixture.actor("barkhane")))
        state.press(.enter)
        #expect(state.focus == .actors)
    }

    // MARK: Date range

    @Test func dateRangeAppliesAValidRange() throws {
        var state = try Fixture.state()
        let engine = try Fixture.engine()
        state.press(.character("d"))
        #expect(Self.dateDialog(state) != nil)
        state.type("2020")
        state.press(.tab)
        state.type("2021-06")
        #expect(Self.dateDialog(state)?.since.text == "2020" && Self.dateDialog(state)?.until.text == "2021-06")
        state.press(.enter)
        #expect(state.overlay == nil)
        let since = try #require(PartialDate(iso: "2020")), until = try #require(PartialDate(iso: "2021-06"))
        #expect(state.filter.since == since && state.filter.until == until)
        #expect(state.message?.text == "Dates: 2020 – 2021-06")
        #expect(state.view.records == engine.run(Filter(since: since, until: until)).records)
        #expect(!state.view.records.isEmpty && state.view.records.count < engine.dataset.records.count)
        let store = engine.dataset.records
        for r in state.view.records {
            #expect(store.lastDays[Int(r)] >= since.day && store.starts[Int(r)] <= until.lastDay)
        }
        // The dialog reopens with the range; clearing both fields clears it.
        state.press(.character("d"))
        #expect(Self.dateDialog(state)?.since.text == "2020" && Self.dateDialog(state)?.until.text == "2021-06")
        state.press(.control("u"), .tab, .control("u"), .enter)
        #expect(state.filter.since == nil && state.filter.until == nil)
        #expect(state.message?.text == "Date range cleared")
    }

    @Test(arguments: [
        ("2020-13", ""), ("", "2021-02-30"), ("20x0", ""), ("2021-6", ""), ("2022", "2021"),
        ("2021-07-01", "2021-06"),
    ])
    func dateRangeRefusesBadInput(since: String, until: String) throws {
        var state = try Fixture.state()
        state.press(.character("d"))
        state.type(since)
        state.press(.tab)
        state.type(until)
        state.press(.enter)
        let dialog = try #require(Self.dateDialog(state), "the dialog stays open")
        let error = try #require(dialog.error)
        if PartialDate(iso: since) != nil && PartialDate(iso: until) != nil {
            #expect(error == "the end is before the start")
        } else {
            #expect(error.contains("is not a date"))
        }
        #expect(state.filter.isEmpty)
        #expect(state.history.isEmpty)
        #expect(Renderer.render(state).text.contains(error))
        // Editing clears the error; Escape leaves the filter alone.
        state.press(.backspace)
        #expect(Self.dateDialog(state)?.error == nil)
        state.press(.escape)
        #expect(state.overlay == nil && state.filter.isEmpty)
    }

    @Test func dateRangeAcceptsADayInsideAMonth() throws {
        var state = try Fixture.state()
        state.press(.character("d"))
        state.type("2021-06-15")
        state.press(.down)
        state.type("2021-06")
        state.press(.enter)
        #expect(state.overlay == nil)
        #expect(state.filter.since == PartialDate(iso: "2021-06-15"))
    }

    // MARK: Pickers

    @Test(arguments: [("barkh", "barkhane"), ("jnim", "jnim"), ("goita", "goita"), ("Goïta", "goita"), ("ibk", "ibk")])
    func actorPickerFuzzyMatches(query: String, id: String) throws {
        var state = try Fixture.state()
        state.press(.character("a"))
        let all = try #require(Self.picker(state))
        #expect(all.matches.count == state.dataset.actors.count, "an empty query lists every actor")
        state.type(query)
        let picker = try #require(Self.picker(state))
        let expected = try Fixture.actor(id)
        #expect(
            picker.matches.first == expected,
            "\(query) → \(picker.matches.prefix(3).map { state.dataset.actors[Int($0)].name })")
        state.press(.enter)
        #expect(state.overlay == nil)
        #expect(state.filter.actors == [expected])
    }

    @Test(arguments: [
        ("segou", "segou"), ("Ségou", "segou"), ("SEGOU", "segou"), ("menaka", "menaka"), ("mopti", "mopti"),
        ("tombo", "tombouctou"),
    ])
    func regionPickerFuzzyMatches(query: String, id: String) throws {
        var state = try Fixture.state()
        state.press(.character("r"))
        state.type(query)
        let picker = try #require(Self.picker(state))
        let expected = try Fixture.region(id)
        #expect(
            picker.matches.first == expected,
            "\(query) → \(picker.matches.prefix(3).map { state.dataset.regions[Int($0)].name })")
        let screen = Renderer.render(state).text
        #expect(screen.contains("Pick a region") && screen.contains(state.dataset.regions[Int(expected)].name))
        state.press(.enter)
        #expect(state.filter.regions == [expected])
    }

    @Test func pickerNavigationAndEscape() throws {
        var state = try Fixture.state()
        state.press(.character("a"))
        state.type("a")
        let count = try #require(Self.picker(state)).matches.count
        try #require(count > 3)
        state.press(.down, .down, .up)
        #expect(Self.picker(state)?.selection == 1)
        // Each page key moves at least one line: as many presses as matches reach either end, whatever the data.
        for _ in 0..<count { state.press(.pageDown) }
        #expect(Self.picker(state)?.selection == count - 1)
        for _ in 0..<count { state.press(.pageUp) }
        state.press(.up)
        #expect(Self.picker(state)?.selection == 0)
        state.press(.backspace, .character("q"))  // q is typed, not quit
        #expect(Self.picker(state)?.query.text == "q")
        state.press(.escape)
        #expect(state.overlay == nil && state.filter.isEmpty)
        state.press(.character("a"))
        state.type("zzzzzz")
        #expect(Self.picker(state)?.matches.isEmpty == true)
        state.press(.enter)
        #expect(state.overlay == nil && state.filter.isEmpty)
    }

    // MARK: Export

    @Test func exportDialogTabCyclesFormatsAndExtension() throws {
        var state = try Fixture.state()
        state.press(.character("e"))
        var dialog = try #require(Self.exportDialog(state))
        #expect(dialog.format == .md && dialog.fileName.text == "sitmon-mali.md")
        var seen: [(ExportFormat, String)] = []
        for _ in 0..<3 {
            state.press(.tab)
            dialog = try #require(Self.exportDialog(state))
            seen.append((dialog.format, dialog.fileName.text))
        }
        #expect(seen.map(\.0) == [.csv, .json, .md])
        #expect(seen.map(\.1) == ["sitmon-mali.csv", "sitmon-mali.json", "sitmon-mali.md"])
        state.press(.backTab)
        #expect(
            Self.exportDialog(state)?.format == .json && Self.exportDialog(state)?.fileName.text == "sitmon-mali.json")
        // A name of one's own keeps its stem; only a matching extension follows the format.
        state.press(.control("u"))
        state.type("briefing.json")
        state.press(.tab)
        #expect(Self.exportDialog(state)?.fileName.text == "briefing.md")
        state.press(.control("u"))
        state.type("notes")
        state.press(.tab)
        #expect(Self.exportDialog(state)?.fileName.text == "notes" && Self.exportDialog(state)?.format == .csv)
        state.press(.escape)
        #expect(state.overlay == nil && state.message?.text == "Export cancelled")
    }

    @Test func exportDefaultNameFollowsTheFilter() throws {
        var state = try Fixture.state()
        state.pickJNIMThenMopti()
        state.press(.character("e"))
        #expect(Self.exportDialog(state)?.fileName.text == "sitmon-mali-jnim-mopti.md")
        let screen = Renderer.render(state).text
        let n = state.view.records.count
        #expect(screen.contains("\(n) records · actor JNIM; region Mopti"))
        #expect(screen.contains("File: sitmon-mali-jnim-mopti.md"))
    }

    struct ExportCase: CustomTestStringConvertible, Sendable {
        var actors: [String]
        var regions: [String]
        var testDescription: String { "actors \(actors) regions \(regions)" }
    }

    static let exportCases = [
        ExportCase(actors: [], regions: []), ExportCase(actors: ["jnim"], regions: []),
        ExportCase(actors: ["jnim"], regions: ["mopti"]), ExportCase(actors: [], regions: ["segou"]),
        ExportCase(actors: ["goita", "barkhane"], regions: ["bamako", "kidal"]),
    ]

    /// The monitor's export is the CLI's export: same view, same `Exporter`, same bytes.
    @Test(arguments: ExportFormat.allCases, exportCases)
    func exportBytesAreTheCLIBytes(format: ExportFormat, names: ExportCase) throws {
        let engine = try Fixture.engine()
        var state = try Fixture.state(exportDirectory: "/exports")
        // Drive the monitor: actors picked with `a`, regions with `r`.
        for name in names.actors {
            state.press(.character("a"))
            state.type(name)
            state.press(.enter)
        }
        for name in names.regions {
            state.press(.character("r"))
            state.type(name)
            state.press(.enter)
        }
        state.press(.character("e"))
        while Self.exportDialog(state)?.format != format { state.press(.tab) }
        let name = try #require(Self.exportDialog(state)?.fileName.text)
        let effects = state.press(.enter)
        try #require(effects.count == 1)
        guard case .writeExport(let request) = effects[0] else {
            Issue.record("expected a writeExport effect, got \(effects)")
            return
        }
        #expect(request.path == "/exports/" + name)
        #expect(!request.overwrite)
        #expect(request.records == state.view.records.count)
        let bytes = request.bytes()
        // One source of truth: the dialog writes exactly what Exporter makes of the view on screen…
        #expect(bytes == Exporter.export(state.view, of: engine, as: format))
        // …and exactly what `sitmon export --actor … --region … --format …` computes (FilterOptions resolves
        // names with Lookup, in order, then runs the filter and exports).
        var filter = Filter()
        for n in names.actors {
            guard case .found(let a) = Lookup.actor(n, in: engine) else { Issue.record("no actor \(n)"); return }
            filter.actors.append(a)
        }
        for n in names.regions {
            guard case .found(let r) = Lookup.region(n, in: engine) else { Issue.record("no region \(n)"); return }
            filter.regions.append(r)
        }
        #expect(state.filter == filter)
        let cli = Exporter.export(engine.run(filter), of: engine, as: format)
        #expect(bytes == cli, "\(bytes.count) bytes from the monitor, \(cli.count) from the CLI")
        #expect(!bytes.isEmpty)
    }

    @Test func exportOverwriteNeedsConfirmation() throws {
        var state = try Fixture.state()
        state.press(.character("e"))
        let first = state.press(.enter)
        guard case .writeExport(let request)? = first.first, !request.overwrite else {
            Issue.record("expected a first write without overwrite, got \(first)")
            return
        }
        let path = request.path
        #expect(path == "sitmon-mali.md")
        _ = Update.apply(&state, .exportFailed(message: "sitmon-mali.md exists", exists: true))
        #expect(Self.exportDialog(state)?.confirmOverwrite == true)
        #expect(Renderer.render(state).text.contains("sitmon-mali.md exists. Overwrite it? y / n"))
        // n declines: no effect, the dialog stays for another name.
        #expect(state.press(.character("n")).isEmpty)
        #expect(Self.exportDialog(state)?.confirmOverwrite == false)
        #expect(Self.exportDialog(state)?.fileName.text == "sitmon-mali.md")
        // Asked again, y overwrites.
        _ = state.press(.enter)
        _ = Update.apply(&state, .exportFailed(message: "exists", exists: true))
        let effects = state.press(.character("y"))
        guard case .writeExport(let overwrite)? = effects.first, effects.count == 1, overwrite.overwrite else {
            Issue.record("expected one overwrite effect, got \(effects)")
            return
        }
        let again = overwrite.path, records = overwrite.records
        #expect(again == path)
        #expect(overwrite.bytes() == Exporter.export(state.view, of: state.engine, as: .md))
        _ = Update.apply(&state, .exportWritten(path: again, records: records))
        #expect(state.overlay == nil)
        #expect(state.message?.text == "Exported \(records) records to sitmon-mali.md")
    }

    @Test func exportErrorsAndEmptyName() throws {
        var state = try Fixture.state()
        state.press(.character("e"), .control("u"))
        #expect(state.press(.enter).isEmpty)
        #expect(Self.exportDialog(state)?.error == "a file name is needed")
        state.type("out.csv")
        #expect(Self.exportDialog(state)?.error == nil)
        _ = state.press(.enter)
        _ = Update.apply(&state, .exportFailed(message: "permission denied", exists: false))
        #expect(Self.exportDialog(state)?.error == "permission denied")
        #expect(Renderer.render(state).text.contains("permission denied"))
        // Escape during a confirmation cancels the export.
        _ = Update.apply(&state, .exportFailed(message: "exists", exists: true))
        state.press(.escape)
        #expect(state.overlay == nil)
        // A failure with no dialog open goes to the footer.
        _ = Update.apply(&state, .exportFailed(message: "disk full", exists: false))
        #expect(state.message == StatusMessage("disk full", kind: .error))
    }

    // MARK: Quit

    @Test func qQuits() throws {
        var state = try Fixture.state()
        #expect(state.press(.character("q")) == [.quit])
        #expect(state.exitStatus == 0)
    }

    @Test func ctrlCQuitsWith130EvenInADialog() throws {
        for opener in [nil, Key.character("a"), .character("/"), .character("d"), .character("e"), .character("?")] {
            var state = try Fixture.state()
            if let opener { state.press(opener) }
            #expect(state.press(.control("c")) == [.quit])
            #expect(state.exitStatus == 130)
        }
    }

    /// ↑ ↓ j k PgUp PgDn and Space scroll the help (see helpScrollKeysScrollIt); any other key closes it.
    @Test func helpOpensWithQuestionMarkOrF1AndAnyOtherKeyClosesIt() throws {
        for opener in [Key.character("?"), .function(1)] {
            for closer in [Key.escape, .enter, .character("x"), .left, .tab, .home] {
                var state = try Fixture.state()
                state.press(opener)
                guard case .help? = state.overlay else {
                    Issue.record("\(opener) did not open the help")
                    continue
                }
                #expect(Renderer.render(state).text.contains("Help — sitmon keys"))
                let before = (state.focus, state.cursors, state.filter)
                #expect(state.press(closer).isEmpty)
                #expect(state.overlay == nil, "\(closer) closes the help")
                #expect(
                    state.focus == before.0 && state.cursors == before.1 && state.filter == before.2,
                    "\(closer) only closes the help")
            }
        }
    }

    /// The help scrolls with ↑ ↓ j k PgUp PgDn and Space, stays open while it does, and stops at its ends.
    @Test func helpScrollKeysScrollIt() throws {
        var state = try Fixture.state(width: 80, height: 24)
        state.press(.character("?"))
        func footer() -> String? {
            Renderer.render(state).lines().first { $0.contains("any other key closes") }
        }
        let first = try #require(footer(), "an 80×24 help is taller than the screen and says how to scroll")
        let total = try #require(first.firstMatch(of: /\((\d+)\/(\d+)\)/)).output
        let room = try #require(Int(total.1)), count = try #require(Int(total.2))
        try #require(room < count)
        func shown() -> Int? {
            (footer()?.firstMatch(of: /\((\d+)\/\d+\)/)).flatMap { Int($0.output.1) }
        }
        for (key, expected) in [
            (Key.down, room + 1), (.character("j"), room + 2), (.character("k"), room + 1),
            (.up, room), (.pageDown, min(count, room + 10)), (.pageUp, room),
            (.character(" "), min(count, room + 10)),
        ] {
            #expect(state.press(key).isEmpty)
            #expect(Self.helpIsOpen(state), "\(key) keeps the help open")
            #expect(shown() == expected, "after \(key)")
        }
        // Scrolling stops at the last line, and at the first.
        for _ in 0..<(count + 20) { state.press(.down) }
        #expect(shown() == count)
        #expect(Renderer.render(state).text.contains("Filters: several actors"))
        state.press(.up)
        #expect(shown() == count - 1, "one ↑ after the end shows the line before the last")
        for _ in 0..<(2 * count + 40) { state.press(.up) }
        #expect(shown() == room)
        #expect(Renderer.render(state).text.contains("Tab / Shift-Tab"))
        // Closing and opening again starts at the top.
        state.press(.pageDown, .escape)
        #expect(state.overlay == nil)
        state.press(.character("?"))
        #expect(shown() == room)
    }

    @Test func qInAnOverlayDoesNotQuit() throws {
        var state = try Fixture.state()
        state.press(.character("?"))
        #expect(state.press(.character("q")).isEmpty)
        #expect(state.overlay == nil)
        state.press(.character("/"))
        #expect(state.press(.character("q")).isEmpty)
    }

    /// The "terminal too small" screen says "q quits": it must, even when an (invisible) dialog is open.
    @Test func qQuitsOnTheTooSmallScreenWhateverIsOpen() throws {
        for opener in [Key.character("a"), .character("/"), .character("d"), .character("e"), .character("?")] {
            var state = try Fixture.state(width: 30, height: 8)
            state.press(opener)
            #expect(Renderer.render(state).text.contains("q quits"))
            #expect(state.press(.character("q")) == [.quit], "after \(opener)")
        }
    }

    // MARK: Resize

    @Test(arguments: [
        (120, 24, Layout.Mode.wide), (300, 100, .wide), (119, 40, .medium), (120, 23, .medium), (80, 20, .medium),
        (79, 40, .narrow), (80, 19, .narrow), (40, 10, .narrow), (39, 10, .tooSmall), (40, 9, .tooSmall),
        (1, 1, .tooSmall), (0, 0, .tooSmall),
    ])
    func resizeChangesTheLayoutMode(width: Int, height: Int, mode: Layout.Mode) throws {
        var state = try Fixture.state()
        state.resize(width, height)
        #expect(state.width == width && state.height == height)
        #expect(state.layout.mode == mode)
        let screen = Renderer.render(state)
        #expect(screen.cells.count == width * height)
        switch mode {
        case .wide: #expect(state.layout.panes.count == 5 && state.layout.tabs == nil)
        case .medium: #expect(state.layout.panes.count == 4 && state.layout.tabs == nil)
        case .narrow:
            #expect(
                state.layout.panes.keys.sorted { $0.rawValue < $1.rawValue } == [state.focus]
                    && state.layout.tabs != nil)
        case .tooSmall: #expect(state.layout.panes.isEmpty)
        }
        Self.expectCursorsValid(state)
    }

    @Test func resizeKeepsSelectionsInRangeAndVisible() throws {
        var state = try Fixture.state()
        state.press(.character("1"), .end, .character("3"), .end, .character("2"), .end)
        let last = state.rowCount(.timeline) - 1
        for (w, h) in [(80, 24), (50, 15), (40, 10), (30, 8), (1, 1), (0, 0), (300, 100), (120, 40), (80, 20)] {
            state.resize(w, h)
            #expect(state.selection(.timeline) == last, "at \(w)×\(h)")
            #expect(state.selection(.actors) == state.rowCount(.actors) - 1)
            Self.expectCursorsValid(state)
            let screen = Renderer.render(state)
            #expect(screen.cells.count == w * h)
            if state.layout.mode != .tooSmall {
                #expect(screen.text.contains("Timeline \(last + 1)/\(last + 1)"), "at \(w)×\(h)")
            }
        }
        // A negative size from a confused backend is treated as empty.
        state.resize(-5, -5)
        #expect(state.width == 0 && state.height == 0)
        #expect(Renderer.render(state).cells.isEmpty)
    }

    // MARK: Mouse

    @Test func clickSelectsTheRowAndFocusesThePane() throws {
        var state = try Fixture.state(width: 120, height: 60)
        let list = try #require(state.layout.listRect(.actors))
        state.click(x: list.x + 3, y: list.y + 4)
        #expect(state.focus == .actors)
        #expect(state.selection(.actors) == 4)
        // A click in the regions list below its last row focuses without moving the selection.
        let regions = try #require(state.layout.listRect(.regions))
        try #require(state.rowCount(.regions) < regions.height)
        state.click(x: regions.x + 2, y: regions.y + regions.height - 1)
        #expect(state.focus == .regions && state.selection(.regions) == 0)
        state.click(x: regions.x + 2, y: regions.y + 2)
        #expect(state.selection(.regions) == 2)
        // Clicking the timeline's border or histogram only focuses it.
        let timeline = try #require(state.layout.panes[.timeline])
        state.click(x: timeline.x, y: timeline.y + 1)
        #expect(state.focus == .timeline && state.selection(.timeline) == 0)
        // The detail takes the focus but keeps showing the last list's item.
        let detail = try #require(state.layout.panes[.detail])
        state.click(x: detail.x + 5, y: detail.y + 3)
        #expect(state.focus == .detail && state.detailSource == .timeline)
        // Release and clicks outside every pane do nothing.
        let before = (state.focus, state.cursors)
        state.click(.release, x: 10, y: 10)
        state.click(x: 5, y: 0)
        state.click(x: -1, y: -1)
        state.click(x: 500, y: 500)
        #expect(state.focus == before.0 && state.cursors == before.1)
    }

    @Test func clickAfterScrollingSelectsTheRowUnderThePointer() throws {
        var state = try Fixture.state(width: 80, height: 24)
        state.press(.end)
        let scroll = state.scroll(.timeline)
        try #require(scroll > 0)
        let list = try #require(state.layout.listRect(.timeline))
        state.click(x: list.x + 1, y: list.y)
        #expect(state.selection(.timeline) == scroll)
        let screen = Renderer.render(state)
        let record = try #require(state.selectedRecord)
        #expect(screen.row(list.y).contains(state.dataset.records.date(Int(record)).description))
    }

    @Test func wheelScrollsThePaneUnderThePointer() throws {
        var state = try Fixture.state()
        let actors = try #require(state.layout.listRect(.actors))
        state.click(.wheelDown, x: actors.x + 1, y: actors.y + 1)
        #expect(state.selection(.actors) == 3)
        #expect(state.focus == .timeline, "the wheel does not move the focus")
        state.click(.wheelDown, x: actors.x + 1, y: actors.y + 1)
        state.click(.wheelUp, x: actors.x + 1, y: actors.y + 1)
        #expect(state.selection(.actors) == 3)
        for _ in 0..<50 { state.click(.wheelDown, x: actors.x + 1, y: actors.y + 1) }
        #expect(state.selection(.actors) == state.rowCount(.actors) - 1)
        Self.expectCursorsValid(state)
        for _ in 0..<50 { state.click(.wheelUp, x: actors.x + 1, y: actors.y + 1) }
        #expect(state.selection(.actors) == 0 && state.scroll(.actors) == 0)
        // Over the detail it scrolls the text.
        var small = try Fixture.state(width: 80, height: 24)
        let detail = try #require(small.layout.listRect(.detail))
        small.click(.wheelDown, x: detail.x + 1, y: detail.y + 1)
        #expect(small.scroll(.detail) == min(3, small.rowCount(.detail) - small.layout.listHeight(.detail)))
    }

    @Test func mouseIgnoredWhenDisabled() throws {
        var state = try Fixture.state(mouseEnabled: false)
        let actors = try #require(state.layout.listRect(.actors))
        for kind in [MouseEvent.Kind.press, .wheelDown, .wheelUp, .release] {
            #expect(state.click(kind, x: actors.x + 1, y: actors.y + 5).isEmpty)
        }
        #expect(state.focus == .timeline)
        #expect(state.selection(.actors) == 0)
    }

    @Test func clickOnANarrowTabFocusesItsPane() throws {
        var state = try Fixture.state(width: 50, height: 15)
        let tabs = try #require(state.layout.tabs)
        let tabWidth = tabs.width / 5
        state.click(x: tabs.x + 2 * tabWidth + 1, y: tabs.y)
        #expect(state.focus == .regions)
        #expect(state.layout.panes.keys.contains(.regions))
        state.click(x: tabs.x + 3 * tabWidth + 1, y: tabs.y)
        #expect(state.focus == .detail)
        state.click(x: tabs.x + tabs.width - 1, y: tabs.y)
        #expect(state.focus == .map && state.layout.panes.keys.contains(.map))
        state.click(x: tabs.x, y: tabs.y)
        #expect(state.focus == .actors)
        let list = try #require(state.layout.listRect(.actors))
        state.click(x: list.x, y: list.y + 2)
        #expect(state.selection(.actors) == 2)
    }

    /// A click inside a dialog must not act on the panes hidden under it.
    @Test func clickInsideADialogDoesNotReachThePanesBelow() throws {
        var state = try Fixture.state()
        state.press(.character("e"))
        // The export dialog: 72 × 12, centred (DialogDrawing.box).
        let dialog = Rect(x: (state.width - 72) / 2, y: (state.height - 12) / 2, width: 72, height: 12).inner
        let actors = try #require(state.layout.listRect(.actors))
        let point = (x: dialog.x + 2, y: dialog.y + 1)
        try #require(dialog.contains(x: point.x, y: point.y) && actors.contains(x: point.x, y: point.y))
        #expect(Renderer.render(state).row(point.y).contains("( ) CSV"))
        let before = (state.focus, state.cursors)
        state.click(x: point.x, y: point.y)
        #expect(state.focus == before.0 && state.cursors == before.1)
        #expect(Self.exportDialog(state) != nil)
        // The wheel and clicks outside the dialog are ignored too while it is open.
        state.click(.wheelDown, x: point.x, y: point.y)
        state.click(x: actors.x, y: actors.y + actors.height - 1)
        #expect(state.focus == before.0 && state.cursors == before.1)
        #expect(Self.exportDialog(state) != nil)
    }

    // MARK: Data with wide characters

    /// A one-record dataset whose "Source type" is written in CJK: two columns per character.
    static let wideDataset = SmallDataset.json(
        id: "wide", title: "Wide text", asOf: "2021-12",
        region: #"{"id": "bamako", "name": "Bamako", "kind": "district", "zone": "capital", "sources": ["src-a"]}"#,
        incident:
            #"{"id": "inc-1", "date": "2021-03-05", "category": "attack", "region": "bamako", "perpetrators": [], "#
            + #""originalType": "攻撃", "sources": ["src-a"]}"#)

    @Test func wideDatasetRendersAtNormalSizes() throws {
        let dataset = try DatasetLoader.load(bytes: Array(Self.wideDataset.utf8), name: "wide.json")
        var state = AppState(engine: QueryEngine(dataset: dataset), width: 80, height: 24)
        state.press(.character("4"))
        let screen = Renderer.render(state)
        #expect(screen.text.contains("Source type: 攻撃"))
        #expect(screen.structuralProblems().isEmpty)
        for y in 0..<screen.height { #expect(screen.displayWidth(row: y) == 80) }
    }

    /// Shrinking the terminal to 12 columns or fewer wraps the detail's "Source type: " field to one column;
    /// a two-column character can never fit, and `TerminalText.wrapped` must still return (it once looped forever).
    /// Checked in a child process with a two-second alarm.
    @Test func tinyTerminalWithWideDataDoesNotHang() async {
        await #expect(processExitsWith: .success) {
            alarm(2)
            guard let dataset = try? DatasetLoader.load(bytes: Array(StateTests.wideDataset.utf8), name: "wide.json")
            else {
                exit(3)
            }
            var state = AppState(engine: QueryEngine(dataset: dataset), width: 80, height: 24)
            _ = Update.apply(&state, .input(.resize(width: 10, height: 5)))
        }
    }
}
