import Foundation

/// Where sitmon keeps its files (XDG base directories):
/// - the configuration file: `--config FILE`, else `$SITMON_CONFIG`, else `$XDG_CONFIG_HOME/sitmon/config.toml`,
///   else `~/.config/sitmon/config.toml`;
/// - state (saved views, the last view): `$XDG_STATE_HOME/sitmon/`, else `~/.local/state/sitmon/`;
/// - the import cache (snapshots of imported CSV exports, `ImportCache`): `$XDG_CACHE_HOME/sitmon/imports/`, else
///   `~/.cache/sitmon/imports/`. The cache directory, not the state directory: the snapshots can be rebuilt from the
///   exports at any time, are large (about the export's size), and are what backup tools and cleaners expect to skip
///   or delete there (the XDG specification's "non-essential data").
public struct ConfigLocations: Sendable, Hashable {
    /// The configuration file to read.
    public var configFile: String
    /// True when the file was named by `--config` or `SITMON_CONFIG`: then it must exist.
    public var explicit: Bool
    /// The directory of saved views and the last view.
    public var stateDirectory: String
    /// sitmon's cache directory (nil: none).
    public var cacheDirectory: String?

    public init(configFile: String, explicit: Bool, stateDirectory: String, cacheDirectory: String? = nil) {
        self.configFile = configFile
        self.explicit = explicit
        self.stateDirectory = stateDirectory
        self.cacheDirectory = cacheDirectory
    }

    /// The locations for a `--config` option (nil when absent) and an environment.
    public static func resolve(option: String?, environment: [String: String]) -> ConfigLocations {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        func base(_ variable: String, _ fallback: String) -> String {
            // The XDG specification ignores relative paths.
            if let value = environment[variable], value.hasPrefix("/") { return value }
            return home + "/" + fallback
        }
        let state = base("XDG_STATE_HOME", ".local/state") + "/sitmon"
        let cache = base("XDG_CACHE_HOME", ".cache") + "/sitmon"
        if let option, !option.isEmpty {
            return ConfigLocations(configFile: option, explicit: true, stateDirectory: state, cacheDirectory: cache)
        }
        if let value = environment["SITMON_CONFIG"], !value.isEmpty {
            return ConfigLocations(configFile: value, explicit: true, stateDirectory: state, cacheDirectory: cache)
        }
        return ConfigLocations(
            configFile: base("XDG_CONFIG_HOME", ".config") + "/sitmon/config.toml", explicit: false,
            stateDirectory: state, cacheDirectory: cache)
    }

    /// The import cache's directory (`ImportCache`), or nil.
    public var importCacheDirectory: String? { cacheDirectory.map { $0 + "/imports" } }

    /// The directory of the saved views.
    public var viewsDirectory: String { stateDirectory + "/views" }
    /// The file of the view restored at start.
    public var lastViewFile: String { stateDirectory + "/last-view.json" }
}
