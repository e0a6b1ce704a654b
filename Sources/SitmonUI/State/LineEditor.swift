import SitmonScreen

/// A one-line text field: insert, delete, move, clear.
public struct LineEditor: Sendable, Hashable {
    public private(set) var text: String
    /// Cursor position in characters.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    /// Whether `handle` acts on `key` (the keys of its switch): a run of such keys only edits the field, which
    /// lets a pasted batch search once (`Update.apply(_:batch:interrupted:)`).
    static func isEdit(_ key: Key) -> Bool {
        switch key {
        case .character, .backspace, .delete, .left, .right, .home, .end, .control("a"), .control("e"), .control("u"):
            true
        default:
            false
        }
    }

    /// Applies an editing key; returns false when the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let c):
            guard c.unicodeScalars.allSatisfy({ !TerminalText.isUnsafe($0) }), text.count < 200 else { return true }
            let index = text.index(text.startIndex, offsetBy: cursor)
            text.insert(c, at: index)
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            let index = text.index(text.startIndex, offsetBy: cursor - 1)
            text.remove(at: index)
            cursor -= 1
        case .delete:
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .control("u"):
            text = ""
            cursor = 0
        default:
            return false
        }
        return true
    }
}
