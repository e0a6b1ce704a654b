import Testing
@testable import SitmonCore
import SitmonScreen
@testable import SitmonUI

/// Issue 15 §4: keys as k9s and lazygit users expect them, and feedback that says what happened.
@Suite("Keys and feedback")
struct KeysAndFeedbackTests {
    // MARK: Back, undo, redo

    @Test func escAndBackspaceGoBackFromDetail() throws {
        var state = try Fixture.state()
        #expect(state.focus == .timeline)
        state.press(.enter)
        #expect(state.focus == .detail)
        state.press(.escape)
        #expect(state.focus == .timeline, "Esc goes back to the timeline")
        state.press(.enter, .backspace)
        #expect(state.focus == .timeline, "Backspace goes back too")
        // From the actors pane, Detail goes back to the actors.
        state.press(.character("1"), .character("4"))
        #expect(state.focus == .detail && state.detailSource == .actors)
        state.press(.backspace)
        #expect(state.focus == .actors)
    }

    @Test func backspaceNeverUndoes() throws {
        var state = try Fixture.state()
        state.pickJNIMThenMopti()
        let filter = state.filter
        state.press(.backspace)
        #expect(state.filter == filter)
        #expect(state.message?.text == "Nothing to go back to (u undoes a filter change)")
        state.press(.enter, .backspace)
        #expect(state.filter == filter && state.focus == .timeline)
    }

    @Test func redoAndMessagesNameTheStep() throws {
        var state = try Fixture.state()
        let jnim = try Fixture.actor("jnim")
        state.pickJNIMThenMopti()
        state.press(.character("u"))
        #expect(state.message?.text == "Undone: region Mopti")
        #expect(state.filter.actors == [jnim] && state.filter.regions.isEmpty)
        state.press(.control("r"))
        #expect(state.message?.text == "Redone: region Mopti")
        #expect(state.filter.regions == [try Fixture.region("mopti")])
        state.press(.control("r"))
        #expect(state.message?.text == "Nothing to redo")
        // Clearing is one step, named as such; a new change after an undo empties the redo list.
        state.press(.character("c"), .character("u"))
        #expect(state.message?.text == "Undone: clearing all filters")
        #expect(state.filter.actors == [jnim])
        state.press(.character("u"), .character("u"))
        #expect(state.message?.text == "Undone: actor JNIM")
        #expect(state.filter.isEmpty)
        state.press(.character("d"))
        state.type("2020")
        state.press(.enter, .control("r"))
        #expect(state.message?.text == "Nothing to redo")
        state.press(.character("u"))
        #expect(state.message?.text == "Undone: dates 2020 – …")
    }

    @Test func stepDescriptions() throws {
        let dataset = try Fixture.engine().dataset
        let jnim = try Fixture.actor("jnim"), mopti = try Fixture.region("mopti")
        let with = Filter(actors: [jnim], regions: [mopti])
        #expect(FilterStep.describe(from: Filter(actors: [jnim]), to: with, in: dataset) == "region Mopti")
        #expect(FilterStep.describe(from: with, to: Filter(regions: [mopti]), in: dataset) == "removing actor JNIM")
        #expect(FilterStep.describe(from: with, to: .all, in: dataset) == "clearing all filters")
    }

    // MARK: Pickers and R

    @Test func pickersMoveTheListCursorToThePick() throws {
        var state = try Fixture.state()
        state.pickJNIMThenMopti()
        #expect(state.selectedActor == (try Fixture.actor("jnim")))
        #expect(state.selectedRegion == (try Fixture.region("mopti")))
        #expect(state.selectedMapRegion == (try Fixture.region("mopti")), "the map shares the region")
    }

    @Test func relationsOnRegionsOrMapSayWhy() throws {
        for pane in ["3", "5"] {
            var state = try Fixture.state()
            state.press(.character(Character(pane)), .character("R"))
            #expect(state.overlay == nil)
            #expect(state.message?.text.hasPrefix("Relations are between actors, not regions") == true)
        }
    }

    // MARK: Saved views

    @Test func saveStartsEmptyAndAsksBeforeOverwriting() throws {
        var state = try Fixture.state()
        state.currentViewName = "jnim centre"
        state.savedViewNames = ["jnim centre"]
        state.press(.character("w"))
        guard case .saveView(let dialog)? = state.overlay else { Issue.record("no save dialog"); return }
        #expect(dialog.name.text.isEmpty)
        state.type("jnim centre")
        #expect(state.press(.enter).isEmpty, "an existing name asks first")
        guard case .saveView(let asking)? = state.overlay else { Issue.record("the dialog closed"); return }
        #expect(asking.confirmOverwrite)
        #expect(Renderer.render(state).text.contains("A view “jnim centre” exists. Replace it? y / n"))
        let effects = state.press(.character("y"))
        guard case .saveView(let name, _, let overwrite)? = effects.first else { Issue.record("not saved"); return }
        #expect(name == "jnim centre" && overwrite)
    }

    @Test func viewListShowsFilterAndDateDeletesAndRenames() throws {
        var state = try Fixture.state(width: 120, height: 30)
        state.savedViewNames = ["alpha", "beta"]
        var jnim = SavedView()
        jnim.filter.actors = ["jnim"]
        jnim.filter.since = "2020"
        #expect(state.press(.character("W")) == [.listViews])
        _ = Update.apply(
            &state,
            .viewsListed([
                SavedViewEntry(name: "alpha", view: jnim, saved: "2026-12-01 09:30"),
                SavedViewEntry(name: "beta", view: SavedView(), saved: "2026-12-02 10:00"),
            ]))
        var text = Renderer.render(state).text
        #expect(text.contains("alpha") && text.contains("2026-12-01 09:30") && text.contains("actor JNIM; since 2020"))
        #expect(text.contains("beta") && text.contains("everything"))
        // d asks, y deletes.
        state.press(.character("d"))
        #expect(Renderer.render(state).text.contains("Delete the view “alpha”? y / n"))
        #expect(state.press(.character("y")) == [.deleteView(name: "alpha")])
        _ = Update.apply(&state, .viewDeleted(name: "alpha"))
        #expect(state.savedViewNames == ["beta"])
        #expect(state.message?.text == "View “alpha” deleted")
        guard case .openView(let list)? = state.overlay else { Issue.record("the list closed"); return }
        #expect(list.names == ["beta"])
        // r renames; an existing name is refused.
        state.savedViewNames = ["beta", "gamma"]
        _ = Update.apply(
            &state,
            .viewsListed([
                SavedViewEntry(name: "beta", view: nil, saved: nil),
                SavedViewEntry(name: "gamma", view: nil, saved: nil),
            ]))
        state.press(.character("r"), .control("u"))
        state.type("gamma")
        #expect(state.press(.enter).isEmpty)
        text = Renderer.render(state).text
        #expect(text.contains("a view “gamma” exists"))
        state.press(.control("u"))
        state.type("delta")
        #expect(state.press(.enter) == [.renameView(from: "beta", to: "delta")])
        _ = Update.apply(&state, .viewRenamed(from: "beta", to: "delta"))
        #expect(state.savedViewNames == ["delta", "gamma"])
    }

    @Test func restoredLastViewSaysSo() throws {
        let state = try Fixture.state()
        #expect(Update.restoredLastViewMessage(state) == "Restored last view — c clears")
    }

    // MARK: Regions and map

    @Test func mapAndRegionsShareTheSelectedRegion() throws {
        var state = try Fixture.state()
        #expect(state.selectedMapRegion == state.selectedRegion, "at start")
        state.press(.character("3"), .down, .down)
        #expect(state.selectedMapRegion == state.selectedRegion)
        state.press(.character("5"), .left)
        #expect(state.selectedMapRegion == state.selectedRegion)
        state.press(.up)
        #expect(state.selectedMapRegion == state.selectedRegion)
    }

    @Test func hHidesRegionsWithNothingInView() throws {
        var state = try Fixture.state()
        state.pickJNIMThenMopti()
        state.press(.character("u"))
        let all = state.regionRows.count
        #expect(state.regionRows.contains { $0.total == 0 }, "JNIM's view has empty regions (the neighbours)")
        state.press(.character("H"))
        #expect(state.regionRows.allSatisfy { $0.total > 0 })
        #expect(state.regionRows.count + state.hiddenRegionCount == all)
        #expect(Renderer.render(state).text.contains("empty hidden"))
        state.press(.character("H"))
        #expect(state.regionRows.count == all)
    }

    @Test func namesSortWithoutRegardToAccents() throws {
        var state = try Fixture.state()
        state.press(.character("3"), .character("s"), .character("s"))
        #expect(state.regionSort == .name)
        let names = state.regionRows.map { state.dataset.regions[Int($0.region)].name }
        let menaka = try #require(names.firstIndex(of: "Ménaka")), mopti = try #require(names.firstIndex(of: "Mopti"))
        let segou = try #require(names.firstIndex(of: "Ségou")), sikasso = try #require(names.firstIndex(of: "Sikasso"))
        #expect(menaka < mopti && segou < sikasso)
        state.press(.character("1"), .character("s"))
        #expect(state.actorSort == .name)
        let actors = state.actorRows.map { TextFolding.fold(state.dataset.actors[Int($0)].name) }
        #expect(zip(actors, actors.dropFirst()).allSatisfy { !$1.lexicographicallyPrecedes($0) })
    }

    @Test func regionCodesInFullInThePicker() throws {
        for width in [64, 80, 120] {
            var state = try Fixture.state(width: width, height: 40)
            state.press(.character("r"))
            let text = Renderer.render(state).text
            #expect(text.contains("ML-10") && text.contains("ML-BKO"), "at \(width) columns")
        }
    }

    // MARK: Footer and filter line

    @Test func footerShowsExportAndSaveEverywhereAndTheDialogsKeys() throws {
        for pane in ["1", "2", "3", "4", "5"] {
            var state = try Fixture.state(width: 120, height: 40)
            state.press(.character(Character(pane)))
            state.message = nil
            let footer = Renderer.render(state).row(39)
            #expect(footer.contains("e export") && footer.contains("w save"), "pane \(pane): \(footer)")
        }
        var state = try Fixture.state(width: 120, height: 40)
        for (keys, expected) in [
            ([Key.character("e")], "Tab format"), ([.character("a")], "Enter toggle"),
            ([.character("d")], "Tab other field"), ([.character("w")], "Enter save"),
            ([.character("z")], "Space brush"), ([.character("?")], "any other key close"),
        ] {
            state.overlay = nil
            state.message = nil
            state.press(.character("2"))
            state.press(keys[0])
            let footer = Renderer.render(state).row(39)
            #expect(footer.contains(expected) && !footer.contains("q quit"), "\(keys): \(footer)")
        }
    }

    @Test func longFilterLinesSummarise() throws {
        var state = try Fixture.state(width: 80, height: 24)
        let actors = Array(state.dataset.actors.indices.prefix(4)).map { Int32($0) }
        let regions = try ["bamako", "mopti", "segou"].map { try Fixture.region($0) }
        state.runFilter(
            Filter(actors: actors, regions: regions, since: PartialDate(iso: "2017"), until: PartialDate(iso: "2024")))
        let line = Renderer.render(state).row(1)
        #expect(line.hasPrefix("Filter: [4 actors · 3 regions · 2017–2024]"), "\(line)")
        #expect(line.contains("? shows all"))
        state.press(.character("?"))
        let help = Renderer.render(state).text
        #expect(help.contains("Current filter") && help.contains("[region: Ségou]"))
    }

    static let longName = String(repeating: "Katiba ", count: 43)

    @Test func aVeryLongActorNameDoesNotBlankTheLine() throws {
        let json = SmallDataset.json(
            id: "long", title: "Long", asOf: "2021-12",
            actors: #"{"id": "long", "name": "\#(Self.longName)", "kind": "jihadist-group", "sources": ["src-a"]}"#,
            region: #"{"id": "bamako", "name": "Bamako", "kind": "district", "zone": "capital", "sources": ["src-a"]}"#,
            incident: #"{"id": "inc-1", "date": "2021-03-05", "category": "attack", "region": "bamako", "#
                + #""perpetrators": ["long"], "sources": ["src-a"]}"#)
        let dataset = try DatasetLoader.load(bytes: Array(json.utf8), name: "long.json")
        var state = AppState(engine: QueryEngine(dataset: dataset), width: 80, height: 24)
        state.runFilter(Filter(actors: [0]))
        let line = Renderer.render(state).row(1)
        #expect(line.hasPrefix("Filter: [actor: Katiba Katiba"), "\(line)")
        #expect(line.trimmingTrailingSpaces.hasSuffix("…"))
    }

    @Test func cutTextEndsWithAnEllipsis() throws {
        var state = try Fixture.state(width: 40, height: 10)
        #expect(Renderer.render(state).row(1).trimmingTrailingSpaces.hasSuffix("…"), "filter hint")
        state.runFilter(
            Filter(actors: [try Fixture.actor("jnim"), try Fixture.actor("isgs")], since: PartialDate(iso: "2015")))
        state.press(.character("e"))
        let export = Renderer.render(state).lines().first { $0.contains("records ·") } ?? ""
        #expect(export.insideBox.hasSuffix("…"), "export summary: \(export)")
        state.press(.escape, .character("z"))
        let zoom = Renderer.render(state).lines().first { $0.contains(" record") } ?? ""
        #expect(zoom.insideBox.hasSuffix("…"), "zoom status: \(zoom)")
    }

    // MARK: Themes

    @Test func monoFocusedCursorIsTheMostVisible() {
        for theme in [Theme.mono, Theme.dark.withoutColors(name: "no-color"), Theme.light.withoutColors(name: "x")] {
            #expect(theme.focusedSelection.reverse && theme.focusedSelection.bold, "\(theme.name): reverse + bold")
            #expect(theme.selection.reverse && !theme.selection.bold, "\(theme.name): unfocused less visible")
        }
    }

    // MARK: Axes

    @Test func coupMarkersStayVisibleOnTheSmallTimeline() throws {
        for width in 60...200 {
            let state = try Fixture.state(width: width, height: 40)
            let screen = Renderer.render(state)
            let rect = try #require(state.layout.panes[.timeline]?.inner)
            let monthly = state.view.monthly
            let first = try #require(monthly.first?.month), last = try #require(monthly.last?.month)
            let perColumn = max(1, (last - first + rect.width) / rect.width)
            var coupColumns = Set<Int>()
            for m in monthly where m.coups > 0 { coupColumns.insert((m.month - first) / perColumn) }
            #expect(coupColumns.count >= 2)
            for c in coupColumns {
                #expect(screen[rect.x + c, rect.y + 1].text == "▲", "width \(width): no ▲ at column \(c)")
            }
        }
    }

    @Test func zoomAxisNeverDropsAYearForAStub() throws {
        func buckets(from iso: String, count: Int, days: Int32) throws -> [DateHistogram.Bucket] {
            let start = try #require(PartialDate(iso: iso)).day
            return (0..<count).map { k in
                DateHistogram.Bucket(
                    first: start + Int32(k) * days, last: start + Int32(k + 1) * days - 1, count: 1, coups: 0)
            }
        }
        // Weeks from Monday 5 Nov 2018: "Nov 2018" must not take the place of 2019.
        let weeks = TimelineZoomRenderer.axisLabels(
            buckets: try buckets(from: "2018-11-05", count: 20, days: 7), .week,
            cellWidth: 1, width: 20)
        #expect(weeks.map(\.text).contains("2019"), "\(weeks.map(\.text))")
        #expect(
            !weeks.contains {
                $0.text.contains("2018") && $0.x + $0.text.count >= (weeks.first { $0.text == "2019" }?.x ?? 0)
            })
        // Months from December 2018, one column each: the stub year 2018 gives way to 2019.
        var months: [DateHistogram.Bucket] = []
        for (k, iso) in ["2018-12", "2019-01", "2019-02", "2019-03", "2019-04", "2019-05"].enumerated() {
            let date = try #require(PartialDate(iso: iso))
            months.append(DateHistogram.Bucket(first: date.day, last: date.lastDay, count: k, coups: 0))
        }
        let labels = TimelineZoomRenderer.axisLabels(buckets: months, .month, cellWidth: 1, width: 6).map(\.text)
        #expect(labels == ["2019"], "\(labels)")
    }

    // MARK: Detail and paths

    @Test func urlsAreNeverBrokenAcrossLines() throws {
        var state = try Fixture.state(width: 80, height: 24)
        let urls = Set(state.dataset.sources.compactMap(\.url))
        #expect(!urls.isEmpty)
        var checked = 0
        for row in 0..<state.view.records.count {
            state.cursors[.timeline]?.selection = row
            for line in DetailContent.lines(for: state, width: 40).map(\.plainText) where line.contains("http") {
                let url = line.trimmingCharacters(of: " ")
                #expect(line.hasPrefix("  http"), "a URL on its own line: \(line)")
                #expect(
                    urls.contains(url)
                        || (url.hasSuffix("…") && urls.contains { $0.hasPrefix(String(url.dropLast())) }),
                    "whole, or cut with … at the end: \(line)")
                checked += 1
            }
        }
        #expect(checked > 0)
    }

    @Test func tildeMeansHomeInExportPaths() throws {
        #expect(Update.expandingTilde("~/briefs/jnim.md", home: "/home/ana") == "/home/ana/briefs/jnim.md")
        #expect(Update.expandingTilde("~", home: "/home/ana/") == "/home/ana")
        #expect(Update.expandingTilde("~ana/x.md", home: "/home/ana") == "~ana/x.md")
        #expect(Update.expandingTilde("notes~/x.md", home: "/home/ana") == "notes~/x.md")
        var state = try Fixture.state(exportDirectory: "/work/out")
        state.homeDirectory = "/home/ana"
        state.press(.character("e"), .control("u"))
        state.type("~/jnim.md")
        guard case .writeExport(let request)? = state.press(.enter).first else { Issue.record("no export"); return }
        #expect(request.path == "/home/ana/jnim.md")
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }

    /// A row of a box without its right border and the spaces before it.
    var insideBox: String {
        var s = self
        while s.last == " " || s.last == "│" { s.removeLast() }
        return s
    }

    func trimmingCharacters(of c: Character) -> String {
        var s = Substring(self)
        while s.first == c { s.removeFirst() }
        while s.last == c { s.removeLast() }
        return String(s)
    }
}
