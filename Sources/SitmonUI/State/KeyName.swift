import SitmonScreen

/// Key names as written in the configuration file (`"x"`, `"X"`, `"ctrl-x"`, `"f1"`, `"tab"`, `"pgdn"`, ...) and as
/// shown in the help and the footer (`x`, `Ctrl-X`, `F1`, `Tab`, `PgDn`, `↓`).
public enum KeyName {
    /// Named keys: configuration name → key. Aliases map to the same key; `names` lists the canonical name first.
    static let named: [(String, Key)] = [
        ("tab", .tab), ("shift-tab", .backTab), ("backtab", .backTab), ("enter", .enter), ("return", .enter),
        ("space", .character(" ")), ("backspace", .backspace), ("delete", .delete), ("del", .delete),
        ("up", .up), ("down", .down), ("left", .left), ("right", .right), ("home", .home), ("end", .end),
        ("pgup", .pageUp), ("pageup", .pageUp), ("pgdn", .pageDown), ("pagedown", .pageDown),
    ]

    /// Keys that cannot be bound: Escape closes dialogs, clears messages and goes back from the Detail pane; Ctrl-C quits
    /// with status 130.
    public static let reserved: [Key] = [.escape, .control("c")]

    /// The key a configuration name stands for, or nil. Letters are case-sensitive (`"n"` and `"N"` differ); named
    /// keys and the `ctrl-` prefix are not (`"Tab"`, `"CTRL-x"`).
    public static func parse(_ text: String) -> Key? {
        if text.count == 1, let c = text.first {
            guard let scalar = c.unicodeScalars.first, scalar.value >= 0x20, scalar.value != 0x7F else { return nil }
            return .character(c)
        }
        let lower = text.lowercased()
        if let (_, key) = named.first(where: { $0.0 == lower }) { return key }
        if lower.hasPrefix("ctrl-") || lower.hasPrefix("c-") {
            let rest = lower.drop(while: { $0 != "-" }).dropFirst()
            guard rest.count == 1, let c = rest.first, c.isASCII, c.isLetter else { return nil }
            return .control(c)
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) { return .function(n) }
        return nil
    }

    /// The configuration name of a key (the inverse of `parse`).
    public static func configName(_ key: Key) -> String {
        switch key {
        case .character(" "): return "space"
        case .character(let c): return String(c)
        case .control(let c): return "ctrl-" + String(c)
        case .function(let n): return "f\(n)"
        case .escape: return "escape"
        default: return named.first(where: { $0.1 == key })?.0 ?? "?"
        }
    }

    /// How a key is shown in the help and the footer: `Tab`, `Shift-Tab`, `↑`, `PgDn`, `Ctrl-F`, `F1`, `Space`, `x`.
    public static func display(_ key: Key) -> String {
        switch key {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-" + String(c).uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .escape: return "Esc"
        case .function(let n): return "F\(n)"
        }
    }
}
