import Foundation
import Testing
import SitmonScreen
import SitmonUI
@testable import SitmonConfig

/// The configuration file: settings, errors with their line, locations.
@Suite struct ConfigTests {
    func parse(_ text: String) throws -> Config { try ConfigParser.parse(text, path: "/etc/x/config.toml") }

    func error(_ text: String) -> ConfigError? {
        do throws(ConfigError) {
            _ = try ConfigParser.parse(text, path: "/etc/x/config.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func emptyFileGivesTheDefaults() throws {
        let config = try parse("# nothing\n")
        #expect(config.theme == .dark)
        #expect(config.mouse)
        #expect(config.importCache)
        #expect(config.data.isEmpty)
        #expect(config.keymap == .defaults)
    }

    @Test("import-cache = false turns the import cache off; shown by config show; a non-boolean is an error")
    func importCacheSetting() throws {
        let config = try parse("import-cache = false\n")
        #expect(!config.importCache)
        #expect(config.rendered().contains("import-cache = false"))
        #expect(try !ConfigParser.parse(config.rendered(), path: "/etc/x/config.toml").importCache)
        #expect(throws: ConfigError.self) { try parse("import-cache = \"no\"\n") }
    }

    @Test func everySetting() throws {
        let config = try parse(
            """
            theme = "light"
            mouse = false
            data = ["acled.csv", "/data/mali.json"]

            [keys]
            quit = "x"
            search = ["f", "ctrl-s"]
            """)
        #expect(config.theme == .light)
        #expect(!config.mouse)
        #expect(config.data == ["/etc/x/acled.csv", "/data/mali.json"], "relative to the file's directory")
        #expect(config.keymap.command(for: .character("x")) == .quit)
        #expect(config.keymap.command(for: .character("q")) == nil, "q no longer quits")
        #expect(config.keymap.keys(for: .search) == [.character("f"), .control("s")])
        #expect(config.keymap.command(for: .character("/")) == nil)
        #expect(config.reboundCommands == [.quit, .search])
    }

    @Test func syntaxErrorNamesLineAndColumn() throws {
        let problem = try #require(error("theme = \"dark\"\nmouse = tru\n"))
        #expect(problem.line == 2)
        #expect(problem.column != nil)
        #expect(problem.description.hasPrefix("/etc/x/config.toml:2:"))
        #expect(problem.exitCode == 78)
    }

    @Test func wrongTypeNamesTheLine() throws {
        let problem = try #require(error("# comment\n\nmouse = \"yes\"\n"))
        #expect(problem.description == "/etc/x/config.toml:3: mouse: expected true or false, found the string \"yes\"")
    }

    @Test func unknownSettingSuggestsTheClosest() throws {
        let problem = try #require(error("theme = \"dark\"\nthem = \"light\"\n"))
        #expect(problem.line == 2)
        #expect(problem.message.contains("unknown setting “them” (did you mean “theme”?)"))
    }

    @Test func unknownThemeCommandAndKey() throws {
        let theme = try #require(error("theme = \"solarised\"\n"))
        #expect(theme.line == 1 && theme.message.contains("unknown theme “solarised”"))
        let command = try #require(error("[keys]\nquit = \"x\"\nqiut = \"y\"\n"))
        #expect(command.line == 3 && command.message.contains("unknown command “qiut” (did you mean “quit”?)"))
        let key = try #require(error("[keys]\n\nsearch = \"ctrl-\"\n"))
        #expect(key.line == 3 && key.message.contains("“ctrl-” is not a key name"))
        let reserved = try #require(error("[keys]\nhelp = \"ctrl-c\"\n"))
        #expect(reserved.line == 2 && reserved.message.contains("cannot be bound"))
    }

    @Test func aKeyGivenToTwoCommandsIsAnError() throws {
        let problem = try #require(error("[keys]\nquit = \"x\"\nexport = \"x\"\n"))
        #expect(problem.line == 3)
        #expect(problem.message == "[keys]: “x” is given to both quit (line 2) and export")
    }

    @Test func missingFiles() throws {
        let absent = ConfigLocations(configFile: "/nonexistent/sitmon.toml", explicit: false, stateDirectory: "/tmp")
        #expect(try ConfigParser.load(absent).file == nil, "no default file: the defaults")
        let named = ConfigLocations(configFile: "/nonexistent/sitmon.toml", explicit: true, stateDirectory: "/tmp")
        #expect(throws: ConfigError.self) { try ConfigParser.load(named) }
    }

    @Test func locationsFollowXDG() {
        let xdg = ConfigLocations.resolve(
            option: nil,
            environment: [
                "HOME": "/home/a", "XDG_CONFIG_HOME": "/c",
                "XDG_STATE_HOME": "/s", "XDG_CACHE_HOME": "/k",
            ])
        #expect(xdg.configFile == "/c/sitmon/config.toml" && !xdg.explicit)
        #expect(xdg.viewsDirectory == "/s/sitmon/views")
        #expect(xdg.importCacheDirectory == "/k/sitmon/imports")
        let home = ConfigLocations.resolve(
            option: nil, environment: ["HOME": "/home/a", "XDG_CONFIG_HOME": "relative"])
        #expect(home.configFile == "/home/a/.config/sitmon/config.toml")
        #expect(home.lastViewFile == "/home/a/.local/state/sitmon/last-view.json")
        #expect(home.importCacheDirectory == "/home/a/.cache/sitmon/imports")
        let option = ConfigLocations.resolve(
            option: "my.toml", environment: ["SITMON_CONFIG": "/x.toml", "HOME": "/h"])
        #expect(option.configFile == "my.toml" && option.explicit)
        #expect(ConfigLocations.resolve(option: nil, environment: ["SITMON_CONFIG": "/x.toml"]).configFile == "/x.toml")
    }

    @Test func showIsAValidConfigurationWithTheSameSettings() throws {
        let config = try parse("theme = \"mono\"\n[keys]\nquit = \"x\"\npage-down = [\"space\", \"pgdn\"]\n")
        let again = try ConfigParser.parse(config.rendered(), path: "/etc/x/config.toml")
        #expect(again.theme == .mono)
        #expect(again.keymap == config.keymap)
    }

    /// Issue 16: `config show` printed keys raw. Controls, bidi controls and invisible characters are written as
    /// TOML escapes, so the output holds none of them and still reads back as TOML.
    @Test func showEscapesControlAndInvisibleKeys() throws {
        var config = Config()
        config.keymap.bind(
            [
                .character("\u{202E}"), .character("\u{1B}"), .character("\u{9B}"), .character("\u{E0041}"),
                .character("\u{FEFF}"),
            ], to: .quit)
        let text = config.rendered()
        #expect(
            !text.unicodeScalars.contains {
                $0.value == 0x202E || $0.value == 0x1B || $0.value == 0x9B
                    || $0.value == 0xE0041 || $0.value == 0xFEFF
            })
        #expect(text.contains(#"quit = ["\u202E", "\u001B", "\u009B", "\U000E0041", "\uFEFF"]"#), "\(text)")
    }
}
