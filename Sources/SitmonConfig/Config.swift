import Foundation
import SitmonScreen
import SitmonText
import SitmonUI

/// The settings of the configuration file, with the defaults for what it leaves out. Command-line options win.
public struct Config: Sendable {
    /// The file read, or nil when there was none (all defaults).
    public var file: String?
    /// `theme = "dark" | "light" | "mono"`; dark by default.
    public var theme: Theme = .dark
    /// `mouse = true | false`; true by default (`--no-mouse` wins).
    public var mouse = true
    /// `data = ["path", ...]`: datasets opened when neither `--data` nor `SITMON_DATA` is given, as absolute paths
    /// (relative ones are taken from the configuration file's directory).
    public var data: [String] = []
    /// `import-cache = true | false`; true by default: CSV exports opened by the monitor and `sitmon export` are
    /// kept in the import cache (`--no-cache` and `SITMON_IMPORT_CACHE=0` win).
    public var importCache = true
    /// The default keys with the `[keys]` section applied.
    public var keymap: Keymap = .defaults
    /// The commands the `[keys]` section rebinds, in file order.
    public var reboundCommands: [Command] = []

    public init() {}

    /// The settings as a TOML document, defaults included: `sitmon config show`.
    public func rendered() -> String {
        var lines: [String] = []
        lines.append(
            "# " + (file.map { "from \($0) (defaults for what it leaves out)" } ?? "defaults (no configuration file)"))
        lines.append("theme = \(quoted(theme.name))")
        lines.append("mouse = \(mouse)")
        lines.append("import-cache = \(importCache)")
        lines.append(
            "data = [" + data.map(quoted).joined(separator: ", ") + "]"
                + (data.isEmpty ? "  # the bundled dataset" : ""))
        lines.append("")
        lines.append("[keys]")
        for command in Command.allCases {
            let keys = keymap.keys(for: command).map { quoted(KeyName.configName($0)) }
            let value = keys.count == 1 ? keys[0] : "[" + keys.joined(separator: ", ") + "]"
            lines.append("\(command.rawValue) = \(value)")
        }
        return lines.joined(separator: "\n")
    }

    /// One line of effective settings for `sitmon config check`.
    public var summary: String {
        "theme \(theme.name), mouse \(mouse ? "on" : "off"), " + (importCache ? "" : "import cache off, ")
            + (data.isEmpty ? "default data" : "data: " + data.joined(separator: ", "))
            + ", \(reboundCommands.count) command\(reboundCommands.count == 1 ? "" : "s") rebound"
            + (reboundCommands.isEmpty ? "" : " (" + reboundCommands.map(\.rawValue).joined(separator: ", ") + ")")
    }

    private func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                // Controls (C0, DEL, C1, bidi) and invisible characters are escaped: `config show` prints a key
                // anyone can read, as TOML that reads back the same.
                if SafeText.isControl(scalar) || SafeText.isInvisibleFormat(scalar) {
                    out +=
                        scalar.value > 0xFFFF
                        ? String(format: "\\U%08X", scalar.value)
                        : String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
