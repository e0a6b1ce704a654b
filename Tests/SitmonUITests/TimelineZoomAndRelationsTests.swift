import Testing
import SitmonCore
import SitmonScreen
@testable import SitmonUI

/// `z` (the zoomable, brushable timeline) and `R` (the relations view) driven by keys on the bundled dataset.
@Suite("Zoomable timeline and relations view")
struct TimelineZoomAndRelationsTests {
    static func zoomState(_ state: AppState) -> TimelineZoomState? { state.openTimelineZoom }

    static func relations(_ state: AppState) -> RelationsState? { state.openRelations }

    @Test("z opens per month on the last month; + and − zoom between year, month and week")
    func zoomLevels() throws {
        var state = try Fixture.state()
        state.press(.character("z"))
        var z = try #require(Self.zoomState(state))
        #expect(z.zoom == .month)
        #expect(z.cursor == z.histogram.buckets.count - 1)
        #expect(z.histogram.buckets.last?.since(.month).description == "2025-12")
        state.press(.character("-"))
        z = try #require(Self.zoomState(state))
        #expect(z.zoom == .year)
        #expect(z.histogram.buckets.first?.since(.year).description == "2012")
        #expect(z.histogram.buckets[z.cursor].since(.year).description == "2025", "the cursor stays on the same date")
        state.press(.character("-"))
        #expect(Self.zoomState(state)?.zoom == .year, "year is the coarsest")
        state.press(.character("+"), .character("+"))
        #expect(Self.zoomState(state)?.zoom == .week)
        state.press(.character("+"))
        #expect(Self.zoomState(state)?.zoom == .week, "week is the finest")
        state.press(.escape)
        #expect(state.overlay == nil)
        #expect(state.filter.isEmpty, "Esc changes nothing")
    }

    @Test("a brush over 2019–2021 per year sets the dates to 2019 – 2021, and u undoes it")
    func brushSetsTheDateFilter() throws {
        var state = try Fixture.state()
        let total = state.view.records.count
        state.press(.character("z"), .character("-"), .end)
        // 2025 → 2021, brush, back to 2019.
        state.press(.left, .left, .left, .left, .character(" "), .left, .left)
        let z = try #require(Self.zoomState(state))
        #expect(z.selectedRange.count == 3)
        state.press(.enter)
        #expect(state.overlay == nil)
        #expect(state.filter.since?.description == "2019")
        #expect(state.filter.until?.description == "2021")
        #expect(state.message?.text == "Dates: 2019 – 2021 (u to undo)")
        let store = state.dataset.records
        #expect(!state.view.records.isEmpty && state.view.records.count < total)
        for record in state.view.records {
            let i = Int(record)
            #expect(
                store.lastDays[i] >= PartialDate(year: 2019)!.day && store.starts[i] <= PartialDate(year: 2021)!.lastDay
            )
        }
        state.press(.character("u"))
        #expect(state.filter.isEmpty)
    }

    @Test("reopening shows the current date range as the brush; c clears it")
    func reopenShowsTheRange() throws {
        var state = try Fixture.state()
        state.press(.character("z"), .character("-"), .end, .left, .character(" "), .left, .enter)
        #expect(state.filter.since?.description == "2023" && state.filter.until?.description == "2024")
        state.press(.character("z"))
        let z = try #require(Self.zoomState(state))
        let buckets = z.histogram.buckets
        #expect(z.anchor != nil)
        #expect(buckets[z.selectedRange.lowerBound].since(z.zoom).description == "2023-01")
        #expect(buckets[z.selectedRange.upperBound].since(z.zoom).description == "2024-12")
        #expect(buckets.last?.since(.month).description == "2025-12", "the histogram ignores the date range")
        state.press(.character("c"))
        #expect(state.filter.since == nil && state.filter.until == nil)
        let cleared = try #require(Self.zoomState(state), "c clears the dates and stays in the timeline")
        #expect(cleared.anchor == nil, "the brush is dropped with the dates")
        #expect(state.message?.text == "Date range cleared (u to undo)")
        // q then closes the timeline, as documented, and does not quit.
        let effects = state.press(.character("q"))
        #expect(state.overlay == nil)
        #expect(effects.isEmpty)
        state.press(.character("u"))
        #expect(state.filter.since?.description == "2023", "u brings the cleared dates back")
    }

    @Test(
        "the brush preview counts exactly what Enter selects: coarse dates and records begun earlier included",
        arguments: [DateHistogram.Zoom.year, .month, .week])
    func brushPreviewCountsWhatEnterSelects(zoom: DateHistogram.Zoom) throws {
        var state = try Fixture.state()
        // Several brushes of different lengths, ending at different places.
        for (back, length) in [(0, 0), (2, 1), (5, 3), (8, 2), (13, 6)] {
            state.press(.character("z"))
            while let z = Self.zoomState(state), z.zoom != zoom {
                state.press(z.zoom.rawValue < zoom.rawValue ? .character("+") : .character("-"))
            }
            state.press(.end)
            for _ in 0..<back { state.press(.left) }
            state.press(.character(" "))
            for _ in 0..<length { state.press(.left) }
            let z = try #require(Self.zoomState(state))
            let preview = z.selectedCount(store: state.dataset.records)
            let screen = Renderer.render(state).text
            #expect(screen.contains(": \(preview) record"), "the preview line shows the count")
            state.press(.enter)
            #expect(state.view.records.count == preview, "zoom \(zoom), \(back) back, \(length) long")
            state.press(.character("u"))
        }
    }

    @Test("zooming keeps the brush's outer edges: one brushed year becomes January to December, and back")
    func zoomKeepsTheBrush() throws {
        var state = try Fixture.state()
        state.press(.character("z"), .character("-"), .end, .left, .character(" "))
        var z = try #require(Self.zoomState(state))
        #expect(z.histogram.buckets[z.cursor].since(.year).description == "2024")
        state.press(.character("+"))
        z = try #require(Self.zoomState(state))
        let months = z.selectedRange.map { z.histogram.buckets[$0].since(.month).description }
        #expect(months.first == "2024-01" && months.last == "2024-12", "\(months)")
        state.press(.character("-"))
        z = try #require(Self.zoomState(state))
        #expect(z.selectedRange.map { z.histogram.buckets[$0].since(.year).description } == ["2024"])
    }

    @Test("the cursor stays visible when moving past the edge of a narrow screen")
    func cursorStaysVisible() throws {
        var state = try Fixture.state(width: 50, height: 15)
        state.press(.character("z"), .home)
        for _ in 0..<100 { state.press(.right) }
        let z = try #require(Self.zoomState(state))
        let rect = TimelineZoomState.frame(width: 50, height: 15)
        let visible = TimelineZoomState.columns(boxWidth: rect.width, buckets: z.histogram.buckets.count).visible
        #expect(z.cursor == 100)
        #expect(z.scroll <= z.cursor && z.cursor < z.scroll + visible)
        let text = Renderer.render(state).text
        #expect(text.contains("Timeline · per month"))
    }

    @Test("R on JNIM: hierarchy, rivals; Enter opens Katiba Macina, Backspace comes back, Esc selects the actor")
    func relationsNavigation() throws {
        var state = try Fixture.state()
        let jnim = try Fixture.actor("jnim")
        try StateTests.selectActor(&state, jnim)
        state.press(.character("R"))
        var r = try #require(Self.relations(state))
        #expect(r.actor == jnim)
        let names = r.rows.compactMap { $0.actor }.map { state.dataset.actors[Int($0)].id }
        #expect(names.contains("al-qaeda") && names.contains("katiba-macina") && names.contains("isgs"))
        let headings = r.rows.compactMap { row -> String? in
            if case .heading(let title) = row.kind { return title }
            return nil
        }
        #expect(headings.first == "Hierarchy")
        #expect(headings.contains("Rivals"))
        #expect(r.selectedActor != nil && r.selectedActor != jnim, "the centre itself is never selected")
        // Move to Katiba Macina and open it.
        let macina = try Fixture.actor("katiba-macina")
        for _ in 0..<r.rows.count where Self.relations(state)?.selectedActor != macina { state.press(.down) }
        #expect(Self.relations(state)?.selectedActor == macina)
        state.press(.enter)
        r = try #require(Self.relations(state))
        #expect(r.actor == macina)
        #expect(r.trail == [jnim])
        state.press(.backspace)
        r = try #require(Self.relations(state))
        #expect(r.actor == jnim)
        #expect(r.selectedActor == macina, "back returns to the line we left from")
        state.press(.enter, .escape)
        #expect(state.overlay == nil)
        #expect(state.selectedActor == macina, "closing leaves the actors pane on the actor shown last")
    }

    @Test("the hierarchy is drawn as a tree: │ continues a level that still has siblings below")
    func hierarchyGuides() throws {
        var state = try Fixture.state()
        try StateTests.selectActor(&state, try Fixture.actor("fama"))
        state.press(.character("R"))
        let r = try #require(Self.relations(state))
        let tree = r.rows.compactMap { row -> String? in
            guard case .node(_, let guide) = row.kind, let a = row.actor else { return nil }
            return guide + state.dataset.actors[Int(a)].id
        }
        // FAMa's members: two generals, the 2012 junta (with Sanogo) and the CNSP (with its four colonels).
        #expect(
            Array(tree.prefix(5)) == [
                "government-of-mali", "└ fama", "  ├ abass-dembele", "  ├ cnrdr", "  │ └ sanogo",
            ],
            "\(tree)")
        #expect(tree.contains("  ├ cnsp") && tree.contains("  │ └ camara"), "\(tree)")
        #expect(tree.last == "  └ nema-sagara", "\(tree)")
        let screen = Renderer.render(state).text
        #expect(screen.contains("│ └ Amadou Sanogo"))
    }

    @Test("f in the relations view filters by the selected related actor")
    func relationsFilter() throws {
        var state = try Fixture.state()
        try StateTests.selectActor(&state, try Fixture.actor("jnim"))
        state.press(.character("R"))
        let selected = try #require(Self.relations(state)?.selectedActor)
        state.press(.character("f"))
        #expect(state.filter.actors == [selected])
        #expect(Self.relations(state) != nil, "the view stays open")
        #expect(state.message?.text.hasPrefix("Filter: + actor") == true)
    }

    @Test("R on a timeline record opens its perpetrator")
    func relationsFromARecord() throws {
        var state = try Fixture.state()
        state.press(.character("a"))
        state.type("jnim")
        state.press(.enter, .character("2"), .home)
        let record = try #require(state.selectedRecord)
        state.press(.character("R"))
        let r = try #require(Self.relations(state))
        #expect(state.dataset.records.actors(Int(record)).contains(r.actor))
    }

    @Test("both overlays draw within the screen at every size, down to 1×1")
    func drawsAtEverySize() throws {
        for (w, h) in [(120, 40), (80, 24), (50, 15), (40, 10), (30, 8), (10, 3), (1, 1)] {
            var state = try Fixture.state(width: w, height: h)
            state.press(.character("z"), .character(" "), .left)
            var screen = Renderer.render(state)
            #expect(screen.structuralProblems().isEmpty)
            #expect((0..<h).allSatisfy { screen.displayWidth(row: $0) == w })
            state.press(.escape, .character("1"), .character("R"))
            screen = Renderer.render(state)
            #expect(screen.structuralProblems().isEmpty)
            #expect((0..<h).allSatisfy { screen.displayWidth(row: $0) == w })
        }
    }
}
