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
            guard untypeable(c) == nil else { return nil }
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

    /// Why no keyboard sends `c` as a key, or nil when one can: a control character (C0, DEL, C1 such as U+0085),
    /// a format character (U+200B, the bidirectional controls such as U+202E), a line or paragraph separator, a
    /// combining mark with nothing to combine with, an unassigned code point.
    public static func untypeable(_ c: Character) -> String? {
        guard let first = c.unicodeScalars.first else { return "an empty key" }
        switch first.properties.generalCategory {
        case .control: return "a control character"
        case .format: return "a format character"
        case .lineSeparator, .paragraphSeparator: return "a line break"
        case .nonspacingMark, .spacingMark, .enclosingMark: return "a combining mark without a base letter"
        case .unassigned, .surrogate, .privateUse: return "not an assigned character"
        default: break
        }
        if c.unicodeScalars.contains(where: { [.control, .format].contains($0.properties.generalCategory) }) {
            return "a character joined to a control or format character"
        }
        return nil
    }

    /// The code points of `text` as `U+202E`, for messages about characters that cannot be shown.
    public static func codePoints(_ text: String) -> String {
        text.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }
            .joined(separator: " ")
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

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
