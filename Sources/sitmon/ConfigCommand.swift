import ArgumentParser
import Foundation
import SitmonConfig

/// `sitmon config check|path|show`: the configuration file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check, locate or show the configuration file (theme, mouse, default data, keys).",
        discussion: """
            The file is $SITMON_CONFIG, else $XDG_CONFIG_HOME/sitmon/config.toml, else ~/.config/sitmon/config.toml \
            (--config FILE overrides). See docs/configuration.md. Exit codes: 0 valid, 78 invalid (the message names \
            the file and line), 66 unreadable.
            """,
        subcommands: [Check.self, Path.self, Show.self])

    /// `sitmon config check [FILE]`.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the configuration file; prints \"ok\" and the effective settings.")
        @Argument(help: ArgumentHelp("The file to check (default: the configuration file in use).", valueName: "file"))
        var file: String?
        @OptionGroup var config: ConfigOptions

        func run() throws {
            try reportingErrors {
                var options = config
                if let file { options.path = file }
                let settings = try options.load()
                let location = options.locations
                if settings.file == nil {
                    try Console.out("ok: no configuration file at \(location.configFile); using the defaults")
                } else {
                    try Console.out("ok: \(location.configFile)")
                }
                try Console.out(settings.summary)
            }
        }
    }

    /// `sitmon config path`.
    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print where the configuration file and the saved views are.")
        @OptionGroup var config: ConfigOptions

        func run() throws {
            try reportingErrors {
                let location = config.locations
                let exists = FileManager.default.fileExists(atPath: location.configFile)
                try Console.out("config: \(location.configFile)" + (exists ? "" : " (does not exist: defaults)"))
                try Console.out("views: \(location.viewsDirectory)")
                try Console.out("last view: \(location.lastViewFile)")
            }
        }
    }

    /// `sitmon config show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective configuration as TOML, defaults included (every command and its keys).")
        @OptionGroup var config: ConfigOptions

        func run() throws {
            try reportingErrors {
                try Console.out(try config.load().rendered())
            }
        }
    }
}
