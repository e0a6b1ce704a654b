import ArgumentParser
import Foundation
import SitmonConfig

/// `--config FILE`: the configuration file, shared by the monitor, export and `config`.
struct ConfigOptions: ParsableArguments, Sendable {
    /// `--config`'s help: where the file is looked for without it.
    static let help =
        "The configuration file (default: $SITMON_CONFIG, else $XDG_CONFIG_HOME/sitmon/config.toml, "
        + "else ~/.config/sitmon/config.toml)."

    @Option(name: .customLong("config"), help: ArgumentHelp(help, valueName: "file"))
    var path: String?

    /// Where the files are, from `--config` and the environment.
    var locations: ConfigLocations {
        ConfigLocations.resolve(option: path, environment: ProcessInfo.processInfo.environment)
    }

    /// Reads the configuration; a problem is a `CLIError` naming the file and line (exit 78, or 66 when unreadable).
    func load() throws -> Config {
        do throws(ConfigError) {
            return try ConfigParser.load(locations)
        } catch {
            throw CLIError(message: error.description, code: error.status)
        }
    }
}
