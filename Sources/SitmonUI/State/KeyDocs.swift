/// The key tables of docs/keys.md and the command table of docs/configuration.md, written from `KeyBindings` with
/// the default keys. The prose around them is written by hand; each table sits between `<!-- keys: NAME -->` and
/// `<!-- /keys -->` (NAME is a `KeySection.docName` or `commands`), and `updated(_:)` rewrites what is between.
/// The UI tests fail when a file is stale (`SITMON_UPDATE_GOLDEN=1 swift test --filter KeyBindingTests` rewrites
/// them).
public enum KeyDocs {
    /// A marker that names no section, or a section whose table is missing or given twice.
    public struct MarkerError: Error, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "docs/keys.md:\(line): \(message)" }
    }

    static let closing = "<!-- /keys -->"

    /// The name of the command table (docs/configuration.md).
    public static let commandsName = "commands"

    /// The names of every table (`KeySection.docName` of the sections with doc lines, then `commands`).
    public static var tableNames: [String] {
        KeySection.allCases.filter { !lines($0).isEmpty }.map(\.docName) + [commandsName]
    }

    /// The Markdown table of a name, or nil when it names none.
    public static func table(named name: some StringProtocol) -> String? {
        if name == commandsName { return commandTable() }
        return KeySection.allCases.first { $0.docName == name }.map { table($0) }
    }

    /// The commands that `[keys]` remaps: `| command | default keys | does |`, in `Command` order.
    public static func commandTable() -> String {
        var rows = ["| command | default keys | does |", "|---|---|---|"]
        for command in Command.allCases {
            let keys = Keymap.defaults.keys(for: command).map(KeyName.display).joined(separator: " ")
            rows.append("| `\(command.rawValue)` | \(cell(keys)) | \(cell(command.summary)) |")
        }
        return rows.joined(separator: "\n")
    }

    /// The Markdown table of a section: `| key | action |` rows.
    public static func table(_ section: KeySection) -> String {
        var rows = ["| key | action |", "|---|---|"]
        for (keys, text) in lines(section) { rows.append("| \(cell(keys)) | \(cell(text)) |") }
        return rows.joined(separator: "\n")
    }

    /// The lines of a section in the docs: (key column, text), with the default keys.
    static func lines(_ section: KeySection) -> [(keys: String, text: String)] {
        var result: [(keys: String, text: String)] = []
        var commands: [Command] = []
        var text = ""
        func flush() {
            guard !commands.isEmpty else { return }
            let (keys, also) = KeyHelp.keyColumn(commands, .defaults)
            result.append((keys + (also.isEmpty ? "" : " (also \(also))"), text))
            commands = []
        }
        for binding in KeyBindings.all where binding.section == section {
            switch (binding.docText, binding.keys) {
            case (.hidden, _):
                continue
            case (.withPrevious, .command(let command, _)):
                commands.append(command)
            case (.line(let line), .command(let command, _)):
                flush()
                commands = [command]
                text = line
            case (.line(let line), .fixed(let keys)):
                flush()
                result.append((keys, line))
            case (.withPrevious, .fixed):
                continue  // not used: fixed keys write their whole key column
            }
        }
        flush()
        return result
    }

    /// The table names of the markers in `document`, in order.
    public static func markers(in document: String) -> [String] {
        document.split(separator: "\n").compactMap { line in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("<!-- keys: ") else { return nil }
            return String(trimmed.dropFirst("<!-- keys: ".count).prefix { $0 != " " })
        }
    }

    /// `document` with every table between markers written afresh. Throws on a marker naming no table, a table
    /// given twice, or a marker left open.
    public static func updated(_ document: String) throws(MarkerError) -> String {
        var out: [Substring] = []
        var seen: Set<String> = []
        var open: (table: String, name: String, line: Int)?
        let documentLines = document.split(separator: "\n", omittingEmptySubsequences: false)
        for (k, line) in documentLines.enumerated() {
            let trimmed = String(line.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
            if let current = open {
                guard trimmed == closing else { continue }
                out.append(Substring(current.table))
                out.append(line)
                open = nil
                continue
            }
            guard trimmed.hasPrefix("<!-- keys: ") else {
                out.append(line)
                continue
            }
            let name = trimmed.dropFirst("<!-- keys: ".count).prefix { $0 != " " }
            guard let generated = table(named: name) else {
                throw MarkerError(
                    line: k + 1,
                    message: "“\(name)” names no table (the names: "
                        + tableNames.joined(separator: ", ") + ")")
            }
            guard seen.insert(String(name)).inserted else {
                throw MarkerError(line: k + 1, message: "the table “\(name)” is given twice")
            }
            out.append(line)
            open = (generated, String(name), k + 1)
        }
        if let open {
            throw MarkerError(line: open.line, message: "“<!-- keys: \(open.name) -->” has no “\(closing)”")
        }
        return out.joined(separator: "\n")
    }

    /// Text for a table cell: `|` escaped, line breaks as spaces.
    static func cell(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "|": out += "\\|"
            case "\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}
