import Foundation
import SitmonCore
import SitmonScreen
import SitmonUI
import TOMLKit

/// Reads the configuration file (TOML, with TOMLKit). Every problem names the file and, where it can be found, the
/// line: TOMLKit reports the line and column of syntax errors; for a setting with a wrong value the line is found by
/// looking for the setting's key in the text.
public enum ConfigParser {
    /// The settings of the top level, and the sections.
    static let settings = ["theme", "mouse", "import-cache", "data", "keys"]

    /// Reads the configuration at `locations`: defaults when the default file does not exist.
    public static func load(_ locations: ConfigLocations) throws(ConfigError) -> Config {
        let path = locations.configFile
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if locations.explicit {
                throw ConfigError(file: path, message: "no such configuration file", unreadable: true)
            }
            return Config()
        }
        if isDirectory.boolValue {
            throw ConfigError(file: path, message: "is a directory, not a file", unreadable: true)
        }
        // Devices and FIFOs are refused before opening: /dev/zero never ends, a FIFO without a writer blocks.
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            throw ConfigError(
                file: path, message: "is \(FileKind.describe(info.st_mode)), not a configuration file",
                unreadable: true)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let denied = access(path, R_OK) != 0 && errno == EACCES
            throw ConfigError(
                file: path, message: "cannot be read" + (denied ? " (permission denied)" : ""), unreadable: true)
        }
        guard data.count <= 1 << 20 else {
            throw ConfigError(file: path, message: "is larger than 1 MB; not a configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: firstInvalidUTF8Line(data), message: "is not valid UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses configuration text; `path` names the file in errors and anchors relative `data` paths.
    public static func parse(
        _ text: String, path: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError)
        -> Config
    {
        // `~/` is $HOME, as in the shell; the password file's home only when HOME is unset.
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        if let k = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<k].reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            throw ConfigError(file: path, line: line, message: "contains a NUL byte")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(
                file: path, line: error.source.begin.line, column: error.source.begin.column,
                message: "TOML syntax: " + error.description)
        } catch {
            throw ConfigError(file: path, message: "TOML syntax: \(error)")
        }
        let lines = SourceLines(text)
        var config = Config()
        config.file = path
        func fail(_ key: String, in section: String? = nil, _ message: String) -> ConfigError {
            ConfigError(file: path, line: lines.line(of: key, in: section), message: message)
        }
        for key in table.keys where !settings.contains(key) {
            throw fail(
                key,
                "unknown setting “\(key)”" + Suggestion.hint(key, settings)
                    + " (settings: theme, mouse, import-cache, data, [keys])")
        }
        if let value = table["theme"] {
            guard let name = value.string else {
                throw fail("theme", "theme: expected a string such as \"dark\", found \(describe(value))")
            }
            guard let theme = Theme.named(name) else {
                throw fail(
                    "theme",
                    "theme: unknown theme “\(name)”" + Suggestion.hint(name, Theme.all.map(\.name))
                        + " (one of: dark, light, mono)")
            }
            config.theme = theme
        }
        if let value = table["mouse"] {
            guard let on = value.bool else {
                throw fail("mouse", "mouse: expected true or false, found \(describe(value))")
            }
            config.mouse = on
        }
        if let value = table["import-cache"] {
            guard let on = value.bool else {
                throw fail("import-cache", "import-cache: expected true or false, found \(describe(value))")
            }
            config.importCache = on
        }
        if let value = table["data"] {
            let directory = (path as NSString).deletingLastPathComponent
            let paths = try strings(
                value, element: { fail("data", "data: expected a list of paths (strings), found \($0) in it") },
                other: { fail("data", "data: expected a path or a list of paths, found \(describe(value))") })
            if paths.contains("") { throw fail("data", "data: an empty path") }
            config.data = paths.map { item in
                let expanded = item.hasPrefix("~/") ? home + item.dropFirst() : item
                if expanded.hasPrefix("/") { return expanded }
                return directory.isEmpty ? expanded : directory + "/" + expanded
            }
        }
        if let value = table["keys"] {
            guard let keys = value.table else {
                throw fail(
                    "keys", "keys: expected a section [keys] of command = \"key\" lines, found \(describe(value))")
            }
            try applyKeys(
                keys, to: &config, lineOf: { lines.line(of: $0, in: "keys") },
                fail: { key, message in fail(key, in: "keys", message) })
        }
        return config
    }

    /// Applies `[keys]`: `command = "key"` or `command = ["key", "key"]`, in file order.
    static func applyKeys(
        _ keys: TOMLTable, to config: inout Config, lineOf: (String) -> Int?,
        fail: (String, String) -> ConfigError
    ) throws(ConfigError) {
        let names = Command.allCases.map(\.rawValue)
        var bindings: [(Command, [Key], String)] = []
        for name in keys.keys {
            guard let command = Command(rawValue: name) else {
                throw fail(
                    name,
                    "[keys]: unknown command “\(name)”" + Suggestion.hint(name, names)
                        + " (the commands are listed in docs/configuration.md and by `sitmon config show`)")
            }
            guard let value = keys[name] else { continue }  // present: it comes from keys.keys
            let keyNames = try strings(
                value, element: { fail(name, "[keys] \(name): expected key names (strings), found \($0)") },
                other: {
                    fail(
                        name,
                        "[keys] \(name): expected a key name such as \"x\" or a list of them, found \(describe(value))")
                })
            var parsed: [Key] = []
            for keyName in keyNames {
                if keyName.count == 1, let c = keyName.first, let reason = KeyName.untypeable(c) {
                    throw fail(
                        name,
                        "[keys] \(name): \(KeyName.codePoints(keyName)) is \(reason), not a key anyone "
                            + "can type (examples: \"x\", \"ctrl-x\", \"f2\", \"tab\", \"pgdn\")")
                }
                guard let key = KeyName.parse(keyName) else {
                    throw fail(
                        name,
                        "[keys] \(name): “\(keyName)” is not a key name (examples: \"x\", \"X\", \"ctrl-x\", "
                            + "\"f2\", \"tab\", \"shift-tab\", \"enter\", \"space\", \"backspace\", \"up\", \"pgdn\", \"home\")"
                    )
                }
                if KeyName.reserved.contains(key) {
                    throw fail(
                        name, "[keys] \(name): “\(keyName)” cannot be bound (Escape closes dialogs, Ctrl-C quits)")
                }
                parsed.append(key)
            }
            bindings.append((command, parsed, name))
        }
        // A key given to two commands in the file is a mistake (toml++ does not keep the file's order to settle it).
        var owner: [Key: String] = [:]
        for (_, parsed, name) in bindings {
            for key in parsed {
                if let other = owner[key], other != name {
                    // Reported at the later of the two lines.
                    let (first, second) = (lineOf(other) ?? 0) <= (lineOf(name) ?? 0) ? (other, name) : (name, other)
                    let firstLine = lineOf(first).map { " (line \($0))" } ?? ""
                    throw fail(
                        second,
                        "[keys]: “\(KeyName.configName(key))” is given to both \(first)\(firstLine) and \(second)")
                }
                owner[key] = name
            }
        }
        for (command, parsed, _) in bindings.sorted(by: { (lineOf($0.2) ?? 0) < (lineOf($1.2) ?? 0) }) {
            config.keymap.bind(parsed, to: command)
            config.reboundCommands.append(command)
        }
    }

    /// A string, or a list of strings, as a list. A list element that is not a string throws `element` with a
    /// description of that element; any other value throws `other`.
    static func strings(
        _ value: TOMLValueConvertible, element: (String) -> ConfigError,
        other: () -> ConfigError
    ) throws(ConfigError) -> [String] {
        if let single = value.string { return [single] }
        guard let array = value.array else { throw other() }
        var strings: [String] = []
        for item in array {
            guard let string = item.string else { throw element(describe(item)) }
            strings.append(string)
        }
        return strings
    }

    /// What a TOML value is, for messages: `a string`, `the integer 3`, `a table`.
    static func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .string: return "the string \"\(value.string ?? "")\""
        case .int: return "the integer \(value.int.map(String.init) ?? "?")"
        case .double: return "the number \(value.double.map { String($0) } ?? "?")"
        case .bool: return value.bool == true ? "true" : "false"
        case .table: return "a table"
        case .array: return "a list"
        default: return "a date or time"
        }
    }

    /// The 1-based line of the first invalid UTF-8 sequence.
    static func firstInvalidUTF8Line(_ data: Data) -> Int? {
        var line = 1
        var start = data.startIndex
        for (k, byte) in zip(data.indices, data) where byte == UInt8(ascii: "\n") {
            if String(data: data[start..<k], encoding: .utf8) == nil { return line }
            line += 1
            start = k + 1
        }
        return String(data: data[start...], encoding: .utf8) == nil ? line : nil
    }
}

/// Finds the line of a key in TOML text: `key = ...` (bare or quoted key) at the top level or in a `[section]`.
struct SourceLines {
    let lines: [Substring]

    init(_ text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// The 1-based line where `key` is set in `section` (nil: the top level), or where `[key]` starts.
    func line(of key: String, in section: String?) -> Int? {
        var current: String?
        for (k, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                let name = line.dropFirst().prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
                current = name
                if section == nil && name == key { return k + 1 }
                continue
            }
            guard current == section else { continue }
            for candidate in [key, "\"\(key)\"", "'\(key)'"] where line.hasPrefix(candidate) {
                let rest = line.dropFirst(candidate.count).trimmingCharacters(in: .whitespaces)
                if rest.hasPrefix("=") { return k + 1 }
            }
        }
        return nil
    }
}
