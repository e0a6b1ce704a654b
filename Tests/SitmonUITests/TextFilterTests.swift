import Foundation
import Testing
import SitmonCore
import SitmonScreen
@testable import SitmonUI

/// `f`: the text filter typed on the footer line narrows every pane live, like `sitmon export --search`.
@Suite("Text filter (f)")
struct TextFilterTests {
    @Test("typing narrows every pane at each keystroke, with the same records as --search")
    func typingNarrowsEveryPaneLive() throws {
        var state = try Fixture.state()
        let engine = try Fixture.engine()
        let total = state.view.records.count
        state.press(.character("f"))
        guard case .textFilter = state.overlay else {
            Issue.record("f opens the text filter")
            return
        }
        var counts: [Int] = []
        for c in "wagner" {
            state.type(String(c))
            counts.append(state.view.records.count)
            // The same records as the core's filter (and so `export --search`), at every keystroke.
            #expect(state.view.records == engine.run(Filter(text: state.filter.text)).records)
        }
        #expect(state.filter.text == "wagner")
        #expect(counts == counts.sorted(by: >), "each letter narrows the view: \(counts)")
        #expect(state.view.records.count > 0 && state.view.records.count < total)
        // Every pane follows: the actors are those of the matching records, the regions those with them.
        let wagner = try Fixture.actor("wagner")
        #expect(state.actorRows.contains(wagner))
        #expect(state.actorRows.count < engine.dataset.actors.count)
        #expect(state.regionRows.allSatisfy { $0.total > 0 || state.filter.regions.contains($0.region) })
        let screen = Renderer.render(state).text
        #expect(screen.contains("[text: wagner]"), "the chip shows while typing")
        #expect(screen.contains("Filter text: wagner"), "the footer is the text field")
        #expect(screen.contains("\(state.view.records.count) records · Enter keeps · Esc cancels"))
    }

    @Test("case and accents are ignored: GOÏTA, goita and Goïta select the same records")
    func caseAndAccentInsensitive() throws {
        var results: [[Int32]] = []
        for text in ["GOÏTA", "goita", "Goïta"] {
            var state = try Fixture.state()
            state.press(.character("f"))
            state.type(text)
            state.press(.enter)
            results.append(state.view.records)
        }
        #expect(!results[0].isEmpty)
        #expect(results[0] == results[1] && results[1] == results[2])
    }

    @Test("Enter keeps the text as a chip; u undoes it in one step; f again edits it")
    func enterKeepsUndoRemoves() throws {
        var state = try Fixture.state()
        let jnim = try Fixture.actor("jnim")
        state.runFilter(Filter(actors: [jnim]))
        let before = state.view.records
        state.press(.character("f"))
        state.type("kidal")
        state.press(.enter)
        #expect(state.overlay == nil)
        #expect(state.filter.text == "kidal" && state.filter.actors == [jnim], "the text adds to the other filters")
        #expect(state.view.records.count < before.count)
        #expect(state.message?.text.hasPrefix("Filter: text “kidal”: ") == true)
        let screen = Renderer.render(state).text
        #expect(screen.contains("[actor: JNIM] [text: kidal]"))
        // f again starts from the kept text.
        state.press(.character("f"))
        guard case .textFilter(let editor) = state.overlay else {
            Issue.record("f opens the text filter")
            return
        }
        #expect(editor.query.text == "kidal")
        state.press(.escape)
        // One undo step for the whole typed word, back to the filter before f.
        state.press(.character("u"))
        #expect(state.filter == Filter(actors: [jnim]))
        #expect(state.view.records == before)
    }

    @Test("Esc cancels: the filter and the panes are as before f, with no undo step")
    func escapeCancels() throws {
        var state = try Fixture.state()
        let before = state.view.records
        state.press(.character("f"))
        state.type("bamako")
        #expect(state.view.records.count < before.count)
        state.press(.escape)
        #expect(state.overlay == nil)
        #expect(state.filter.isEmpty)
        #expect(state.view.records == before)
        #expect(state.message?.text == "Text filter cancelled")
        state.press(.character("u"))
        #expect(state.message?.text == "Nothing to undo")
    }

    @Test("erasing the text and Enter removes the text filter, as one undo step")
    func emptyTextRemovesIt() throws {
        var state = try Fixture.state()
        state.runFilter(Filter(text: "coup"))
        state.press(.character("f"), .control("u"), .enter)
        #expect(state.filter.isEmpty)
        #expect(state.message?.text == "Text filter removed (u to undo)")
        state.press(.character("u"))
        #expect(state.filter.text == "coup")
    }

    @Test("a text that matches nothing says so in the footer and the panes")
    func noMatch() throws {
        var state = try Fixture.state()
        state.press(.character("f"))
        state.type("zzqx")
        #expect(state.view.records.isEmpty)
        let screen = Renderer.render(state).text
        #expect(screen.contains("0 records · Enter keeps · Esc cancels"))
        #expect(screen.contains("(nothing in this view)"))
    }

    @Test("saved views and exports carry the text")
    func savedViewsAndExportsCarryIt() throws {
        var state = try Fixture.state()
        state.press(.character("f"))
        state.type("wagner")
        state.press(.enter)
        let saved = SavedView(state)
        #expect(saved.filter.text == "wagner")
        let data = try JSONEncoder().encode(saved)
        var fresh = try Fixture.state()
        fresh.restore(try JSONDecoder().decode(SavedView.self, from: data))
        #expect(fresh.filter.text == "wagner")
        #expect(fresh.view.records == state.view.records)
        // The export writes the view's records, with the text in the file name and the briefing.
        #expect(Exporter.defaultFileName(state.view, state.dataset, .md) == "sitmon-mali-wagner.md")
        let csv = String(decoding: Exporter.export(state.view, of: state.engine, as: .csv), as: UTF8.self)
        #expect(csv.split(separator: "\r\n").count == state.view.records.count + 1)
        let md = String(decoding: Exporter.export(state.view, of: state.engine, as: .md), as: UTF8.self)
        #expect(md.contains("text “wagner”"))
    }

    @Test("f is in the keymap, the help and the empty filter line's hint")
    func discoverable() throws {
        let state = try Fixture.state()
        #expect(state.keymap.command(for: .character("f")) == .textFilter)
        let help = KeyHelp.sections(for: state.keymap).flatMap(\.keys)
        #expect(help.contains { $0.key == "f" && $0.action.contains("text") })
        #expect(Renderer.render(state).row(1).contains("f text"))
    }
}
