import Testing
import SitmonScreen
@testable import SitmonUI

/// Key names and the keymap: defaults, moving a key, names in both directions.
@Suite struct KeymapTests {
    @Test func defaultsAreTheDocumentedKeys() {
        let map = Keymap.defaults
        #expect(map.command(for: .character("q")) == .quit)
        #expect(map.command(for: .tab) == .nextPane)
        #expect(map.command(for: .character("/")) == .search)
        #expect(map.command(for: .character("w")) == .saveView)
        #expect(map.command(for: .character("W")) == .openView)
        #expect(map.command(for: .escape) == nil)
        for command in Command.allCases { #expect(!map.keys(for: command).isEmpty, "\(command.rawValue) has a key") }
    }

    @Test func bindingAKeyMovesIt() {
        var map = Keymap.defaults
        map.bind([.character("n")], to: .search)
        #expect(map.command(for: .character("n")) == .search)
        #expect(map.keys(for: .searchNext).isEmpty, "n was taken from search-next")
        #expect(map.command(for: .character("/")) == nil, "the old key of search is free")
    }

    @Test(arguments: ["x", "X", "ctrl-x", "f1", "f12", "tab", "shift-tab", "enter", "space", "backspace", "delete", "up",
                      "down", "left", "right", "home", "end", "pgup", "pgdn", "/", "?"])
    func keyNamesRoundTrip(name: String) throws {
        let key = try #require(KeyName.parse(name))
        #expect(KeyName.configName(key) == name)
    }

    @Test func keyNameAliasesAndMistakes() {
        #expect(KeyName.parse("PageDown") == .pageDown)
        #expect(KeyName.parse("CTRL-X") == .control("x"))
        #expect(KeyName.parse("Tab") == .tab)
        #expect(KeyName.parse("") == nil)
        #expect(KeyName.parse("f13") == nil)
        #expect(KeyName.parse("ctrl-1") == nil)
        #expect(KeyName.parse("xx") == nil)
        #expect(KeyName.parse("\u{1B}") == nil)
    }
}
