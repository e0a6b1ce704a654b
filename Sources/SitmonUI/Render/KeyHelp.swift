import SitmonScreen

/// The keys of the monitor, as shown by `?`, laid out from the key table (`KeyBindings`, which also writes
/// docs/keys.md). The key column shows the effective keys of the keymap, so a remapped key shows where it now is.
public enum KeyHelp {
    /// A line of the help: the commands it describes (their keys make the key column), or a fixed key text.
    struct Entry {
        var commands: [Command]
        var fixedKeys: String?
        var action: String

        init(_ commands: [Command], _ action: String) {
            self.commands = commands
            self.action = action
        }

        init(fixed: String, _ action: String) {
            commands = []
            fixedKeys = fixed
            self.action = action
        }
    }

    /// The width of the key column.
    static let keyWidth = 18

    /// The sections of the help, built from the key table: a line per entry with help text, the commands of the
    /// entries that share it joining its key column.
    static let layout: [(title: String, entries: [Entry])] = KeySection.allCases.compactMap { section in
        var entries: [Entry] = []
        for binding in KeyBindings.all where binding.section == section {
            switch (binding.help, binding.keys) {
            case (.hidden, _):
                continue
            case (.line(let text), .command(let command, _)):
                entries.append(Entry([command], text))
            case (.line(let text), .fixed(let keys)):
                entries.append(Entry(fixed: keys, text))
            case (.withPrevious, .command(let command, _)):
                if let last = entries.indices.last, entries[last].fixedKeys == nil {
                    entries[last].commands.append(command)
                } else {
                    entries.append(Entry([command], ""))
                }
            case (.withPrevious, .fixed):
                continue  // fixed keys write their whole key column
            }
        }
        return entries.isEmpty ? nil : (section.rawValue, entries)
    }

    /// The sections of the help with the keys of `keymap`: (key column, action) per line.
    public static func sections(for keymap: Keymap) -> [(title: String, keys: [(key: String, action: String)])] {
        layout.map { section in
            (
                section.title,
                section.entries.map { entry in
                    if let fixed = entry.fixedKeys { return (fixed, entry.action) }
                    let (keys, also) = keyColumn(entry.commands, keymap)
                    return (keys, entry.action + (also.isEmpty ? "" : " (also \(also))"))
                }
            )
        }
    }

    /// The key column of commands and the keys that did not fit in it. One command: its keys separated by ` / `.
    /// Several: the first key of each, then the second of each, ... separated by spaces; when that is wider than
    /// the column, the first keys separated by ` / ` and the rest after "also".
    static func keyColumn(_ commands: [Command], _ keymap: Keymap) -> (String, String) {
        let keys = commands.map { keymap.keys(for: $0).map(KeyName.display) }
        if commands.count == 1 {
            let all = keys[0]
            if all.isEmpty { return ("(no key)", "") }
            let joined = all.joined(separator: " / ")
            if TerminalText.width(of: joined) <= keyWidth { return (joined, "") }
            return (all[0], all.dropFirst().joined(separator: " "))
        }
        var interleaved: [String] = []
        for rank in 0..<(keys.map(\.count).max() ?? 0) {
            for list in keys where rank < list.count { interleaved.append(list[rank]) }
        }
        let joined = interleaved.joined(separator: " ")
        if TerminalText.width(of: joined) <= keyWidth && keys.allSatisfy({ !$0.isEmpty }) { return (joined, "") }
        let firsts = keys.map { $0.first ?? "—" }.joined(separator: " / ")
        var rest: [String] = []
        for rank in 1..<max(1, keys.map(\.count).max() ?? 1) {
            for list in keys where rank < list.count { rest.append(list[rank]) }
        }
        return (firsts, rest.joined(separator: " "))
    }
}
