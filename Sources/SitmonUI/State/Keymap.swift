import SitmonScreen

/// Which key runs which `Command` in normal mode. The defaults come from the key table (`KeyBindings`, which also
/// writes docs/keys.md); the configuration file's `[keys]` section rebinds commands. A key belongs to one command
/// at most: binding it to another command moves it (the old binding of that key is dropped).
public struct Keymap: Sendable, Hashable {
    /// The keys of each command, in the order they are shown (the first is the one the footer shows).
    public private(set) var keys: [Command: [Key]]
    /// The command of each key.
    private var commands: [Key: Command]

    /// An empty keymap (no key does anything).
    public init() {
        keys = [:]
        commands = [:]
    }

    /// The default bindings: the keys of each command's line in `KeyBindings.all`.
    public static let defaults: Keymap = {
        var map = Keymap()
        for binding in KeyBindings.all {
            if case .command(let command, let keys) = binding.keys { map.bind(keys, to: command) }
        }
        return map
    }()

    /// The command a key runs, or nil.
    public func command(for key: Key) -> Command? { commands[key] }

    /// The keys of a command (empty when it has none).
    public func keys(for command: Command) -> [Key] { keys[command] ?? [] }

    /// Makes `newKeys` the keys of `command`, replacing its previous keys. A key that belonged to another command
    /// is taken from it. Reserved keys (Escape, Ctrl-C) are ignored.
    public mutating func bind(_ newKeys: [Key], to command: Command) {
        for key in keys[command] ?? [] { commands[key] = nil }
        var unique: [Key] = []
        for key in newKeys where !unique.contains(key) && !KeyName.reserved.contains(key) { unique.append(key) }
        for key in unique {
            if let previous = commands[key], previous != command {
                keys[previous]?.removeAll { $0 == key }
            }
            commands[key] = command
        }
        keys[command] = unique
    }

    /// The first key of a command as shown in the footer (`Tab`, `a`, `?`), or nil when it has no key.
    public func primaryLabel(_ command: Command) -> String? {
        keys(for: command).first.map(KeyName.display)
    }
}
