import Foundation
import Testing
import SitmonCore
import SitmonScreen
@testable import SitmonUI

/// Saved views (w, W, restoring by id) and remapped keys in the state machine.
@Suite struct ViewAndKeymapTests {
    @Test func savedViewRoundTripsThroughJSON() throws {
        var state = try Fixture.state()
        state.pickJNIMThenMopti()
        _ = state.press(.character("3"), .character("s"), .character("s"), .down)
        let saved = SavedView(state)
        let decoded = try JSONDecoder().decode(SavedView.self, from: JSONEncoder().encode(saved))
        #expect(decoded == saved)
        #expect(decoded.filter.actors == ["jnim"], "stored by id, not index")

        var fresh = try Fixture.state()
        let notes = fresh.restore(decoded)
        #expect(notes.isEmpty)
        #expect(fresh.filter == state.filter)
        #expect(fresh.focus == .regions)
        #expect(fresh.regionSort == state.regionSort && fresh.actorSort == state.actorSort)
        #expect(fresh.selectedRegion == state.selectedRegion)
        #expect(fresh.selectedRecord == state.selectedRecord)
    }

    @Test func idsNoLongerInTheDataAreDroppedWithANote() throws {
        var view = SavedView()
        view.filter.actors = ["jnim", "gone-group"]
        view.filter.since = "2020"
        view.selection.record = "no-such-record"
        var state = try Fixture.state()
        let notes = state.restore(view)
        #expect(state.filter.actors == [try Fixture.actor("jnim")])
        #expect(state.filter.since?.description == "2020")
        #expect(notes == ["actor gone-group is not in the data", "record no-such-record is not in the data"])
    }

    @Test func wSavesUnderANameAndAsksBeforeReplacing() throws {
        var state = try Fixture.state()
        state.savedViewNames = ["mine"]
        _ = state.press(.character("w"))
        guard case .saveView = state.overlay else { Issue.record("w opens the save dialog"); return }
        _ = state.type("a/b")
        _ = state.press(.enter)
        guard case .saveView(let dialog) = state.overlay else { Issue.record("still open"); return }
        #expect(dialog.error == "a view name cannot contain / or \\")
        _ = state.press(.control("u"))
        _ = state.type("mine")
        #expect(state.press(.enter).isEmpty, "an existing name is not written at once")
        guard case .saveView(let confirm) = state.overlay, confirm.confirmOverwrite else {
            Issue.record("asks before replacing"); return
        }
        let effects = state.press(.character("y"))
        #expect(effects == [.saveView(name: "mine", SavedView(state), overwrite: true)])
        _ = Update.apply(&state, .viewSaved(name: "mine"))
        #expect(state.overlay == nil)
        #expect(state.message?.text.hasPrefix("View saved as “mine”") == true)
    }

    @Test func bigWListsTheSavedViews() throws {
        var state = try Fixture.state()
        _ = state.press(.character("W"))
        #expect(state.overlay == nil)
        #expect(state.message?.text == "No saved views yet: press w to save one")
        state.savedViewNames = ["alpha", "beta"]
        _ = state.press(.character("W"), .down)
        #expect(state.press(.enter) == [.loadView(name: "beta")])
        #expect(Renderer.render(state).text.contains("Saved views") == false, "closed after Enter")
    }

    @Test func aRemappedKeyRunsItsCommandAndTheFooterShowsIt() throws {
        var state = try Fixture.state()
        state.keymap.bind([.character("x")], to: .quit)
        state.keymap.bind([.character("f")], to: .search)
        #expect(state.press(.character("q")).isEmpty, "q no longer quits")
        let footer = Renderer.render(state).text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(footer.contains("f search") && footer.contains("x quit"))
        #expect(!footer.contains("/ search"))
        _ = state.press(.character("f"))
        guard case .search = state.overlay else { Issue.record("f opens the search"); return }
        _ = state.press(.escape)
        #expect(state.press(.character("x")) == [.quit])
    }
}
