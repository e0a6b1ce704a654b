import Foundation
import Testing
import SitmonCore
import SitmonScreen
@testable import SitmonUI

/// The key table (`KeyBindings`) and what is built from it: the keymap, the help, the footer and the tables of
/// docs/keys.md and docs/configuration.md. `SITMON_UPDATE_GOLDEN=1 swift test --filter KeyBindingTests` rewrites
/// the docs' tables from the table; read the diff before committing it.
@Suite struct KeyBindingTests {
    @Test func everyCommandHasExactlyOneLineWithKeysAndASummary() {
        var lines: [Command: Int] = [:]
        for binding in KeyBindings.all {
            if let command = binding.command { lines[command, default: 0] += 1 }
        }
        for command in Command.allCases {
            #expect(lines[command] == 1, "\(command.rawValue) has \(lines[command] ?? 0) lines in the key table")
            #expect(!Keymap.defaults.keys(for: command).isEmpty, "\(command.rawValue) has no default key")
            #expect(!command.summary.isEmpty)
        }
    }

    @Test func noDefaultKeyBelongsToTwoCommandsOrIsReserved() {
        var owner: [Key: Command] = [:]
        for binding in KeyBindings.all {
            guard case .command(let command, let keys) = binding.keys else { continue }
            for key in keys {
                #expect(
                    owner[key] == nil,
                    "\(KeyName.display(key)) is a default key of \(owner[key]?.rawValue ?? "") and \(command.rawValue)")
                #expect(!KeyName.reserved.contains(key))
                owner[key] = command
            }
            // The keymap keeps them all, in the table's order (the first is the footer's).
            #expect(Keymap.defaults.keys(for: command) == keys)
        }
    }

    @Test func theHelpShowsEveryCommandOnce() {
        let shown = KeyHelp.layout.flatMap { $0.entries.flatMap(\.commands) }
        #expect(shown.count == Command.allCases.count)
        #expect(Set(shown) == Set(Command.allCases))
        #expect(KeyHelp.layout.map(\.title) == ["Panes", "Map", "Filter", "Find and order", "Views", "Other"])
    }

    @Test func eachPlaceOfTheFooterHasDistinctRanksAndSomeHints() {
        var places: [FooterPlace: [Int]] = [:]
        for binding in KeyBindings.all {
            for hint in binding.footer {
                for slot in hint.slots { places[slot.place, default: []].append(slot.rank) }
            }
        }
        let expected = Pane.allCases.map { FooterPlace.pane($0) } + [.tail] + DialogMode.allCases.map { .dialog($0) }
        for place in expected {
            let ranks = places[place] ?? []
            #expect(!ranks.isEmpty, "no footer hints for \(place)")
            #expect(Set(ranks).count == ranks.count, "two hints share a rank in \(place): \(ranks.sorted())")
        }
        #expect(Set(places.keys) == Set(expected))
    }

    @Test func theFooterFollowsTheKeymap() throws {
        var state = try Fixture.state(width: 200, height: 30, mouseEnabled: false)
        state.focus = .actors
        state.keymap.bind([.character("X")], to: .relations)
        state.keymap.bind([], to: .export)
        let hints = KeyBindings.hints(at: .pane(.actors), keymap: state.keymap)
        #expect(hints.first { $0.label == "relations" }?.key == "X")
        #expect(!hints.contains { $0.label == "export" })
        let footer = Renderer.render(state).text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(footer.hasPrefix("Enter filter  X relations  a actor"))
        // Detail: the scroll hint joins the first keys of up and down, and back shows Esc.
        state.keymap.bind([.character("K")], to: .up)
        let detail = KeyBindings.hints(at: .pane(.detail), keymap: state.keymap)
        #expect(detail.prefix(2).map { "\($0.key) \($0.label)" } == ["K↓ scroll", "Esc back"])
        // Regions: the label of H follows the state.
        #expect(
            KeyBindings.hints(at: .pane(.regions), keymap: .defaults, regionsHidden: true)
                .contains { $0.key == "H" && $0.label == "show empty" })
    }

    @Test func theDocsTablesAreWrittenFromTheTable() throws {
        let documents = [
            "docs/keys.md": KeySection.allCases.filter { !KeyDocs.lines($0).isEmpty }.map(\.docName),
            "docs/configuration.md": [KeyDocs.commandsName],
        ]
        for (path, names) in documents.sorted(by: { $0.key < $1.key }) {
            let url = Fixture.repository.appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(KeyDocs.markers(in: text) == names, "\(path): the tables of the key table, in its order")
            let fresh = try KeyDocs.updated(text)
            if ProcessInfo.processInfo.environment["SITMON_UPDATE_GOLDEN"] == "1", fresh != text {
                try fresh.write(to: url, atomically: true, encoding: .utf8)
                continue
            }
            #expect(
                fresh == text,
                """
                \(path) is stale: its key tables differ from Sources/SitmonUI/State/KeyBindings.swift \
                (SITMON_UPDATE_GOLDEN=1 swift test --filter KeyBindingTests rewrites them)
                """)
        }
    }

    @Test func theDocsTablesSayWhatTheHelpSays() {
        let panes = KeyDocs.table(.panes)
        #expect(panes.contains("| Tab / Shift-Tab (also → ← l h) | next / previous pane |"))
        #expect(panes.contains("| 1 2 3 4 5 m | Actors, Timeline, Regions, Detail, Map"))
        #expect(KeyDocs.table(.zoom).contains("| Esc / q | close"))
        #expect(KeyDocs.commandTable().contains("| `page-down` | PgDn Space Ctrl-F | a page down |"))
        #expect(KeyDocs.cell("a | b") == "a \\| b")
    }

    @Test func aBadMarkerIsReportedWithItsLine() {
        #expect(throws: KeyDocs.MarkerError.self) {
            try KeyDocs.updated("# Keys\n<!-- keys: nothing -->\n<!-- /keys -->")
        }
        do {
            _ = try KeyDocs.updated("# Keys\n\n<!-- keys: panes -->\n| stale |")
            Issue.record("an open marker was accepted")
        } catch {
            #expect(error.line == 3)
            #expect(error.description.hasPrefix("docs/keys.md:3: "))
        }
        do {
            _ = try KeyDocs.updated("<!-- keys: map -->\n<!-- /keys -->\n<!-- keys: map -->\n<!-- /keys -->")
            Issue.record("a table given twice was accepted")
        } catch {
            #expect(error.line == 3 && error.message.contains("twice"))
        }
        // Text outside the markers is kept as written; the table between them is replaced.
        let updated = try? KeyDocs.updated("before\n<!-- keys: map -->\nold\n<!-- /keys -->\nafter")
        #expect(updated == "before\n<!-- keys: map -->\n" + KeyDocs.table(.map) + "\n<!-- /keys -->\nafter")
    }

    @Test func theEmptyFilterLineNamesTheEffectiveKeys() {
        #expect(
            KeyBindings.emptyFilterHint(.defaults)
                == "Enter adds the selected actor or region · a/r pick · f text · d dates · / find · ? help")
        var keymap = Keymap.defaults
        keymap.bind([.character("S")], to: .search)
        keymap.bind([], to: .pickRegion)
        #expect(
            KeyBindings.emptyFilterHint(keymap)
                == "Enter adds the selected actor or region · a pick · f text · d dates · S find · ? help")
    }

    @Test func filterMessagesNameTheStep() {
        #expect(StatusMessage.filterToggled("actor", "JNIM", added: true).text == "Filter: + actor JNIM")
        #expect(StatusMessage.filterToggled("region", "Mopti", added: false).text == "Filter: − region Mopti")
    }
}
