/// One terminal cell. A wide character occupies its cell (width 2) and the next one, a continuation cell
/// whose `text` is empty and `width` is 0.
public struct Cell: Sendable, Hashable {
    /// The grapheme drawn here: already sanitised, never a control character. Empty for a continuation cell.
    public var text: String
    /// Columns used: 1, 2 (wide) or 0 (continuation of the wide character to the left).
    public var width: UInt8
    public var style: Style

    public init(text: String = " ", width: UInt8 = 1, style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell()
}
