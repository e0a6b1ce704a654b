import Testing
import SitmonScreen
@testable import SitmonUI
import SitmonConfig

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

    /// The `[keys]` section rebinds the commands of the key table: the help, the footer and `config show` follow.
    @Test func theConfigFileRemapsThroughTheKeyTable() throws {
        let config = try ConfigParser.parse(
            "[keys]\nrelations = \"X\"\nexport = [\"ctrl-e\", \"E\"]\n",
            path: "test.toml")
        let help = KeyHelp.sections(for: config.keymap).flatMap(\.keys)
        #expect(help.contains { $0.key == "X" && $0.action.hasPrefix("relations of the selected actor") })
        #expect(help.contains { $0.key == "Ctrl-E / E" && $0.action.hasPrefix("export the current view") })
        let footer = KeyBindings.hints(at: .pane(.actors), keymap: config.keymap)
        #expect(footer.contains { $0 == ("X", "relations") } && footer.contains { $0 == ("Ctrl-E", "export") })
        #expect(!footer.contains { $0.key == "R" || $0.key == "e" })
        let shown = config.rendered()
        #expect(shown.contains("\nrelations = \"X\"") && shown.contains("\nexport = [\"ctrl-e\", \"E\"]"))
        #expect(config.reboundCommands == [.relations, .export])
    }

    @Test func bindingAKeyMovesIt() {
        var map = Keymap.defaults
        map.bind([.character("n")], to: .search)
        #expect(map.command(for: .character("n")) == .search)
        #expect(map.keys(for: .searchNext).isEmpty, "n was taken from search-next")
        #expect(map.command(for: .character("/")) == nil, "the old key of search is free")
    }

    @Test(arguments: [
        "x", "X", "ctrl-x", "f1", "f12", "tab", "shift-tab", "enter", "space", "backspace", "delete", "up",
        "down", "left", "right", "home", "end", "pgup", "pgdn", "/", "?",
    ])
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
