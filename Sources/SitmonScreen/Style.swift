/// A terminal colour. `.default` keeps the terminal's own colour; the sixteen named colours are the ANSI ones;
/// `.indexed(n)` is colour `n` of the xterm 256-colour palette, which the backend maps down to the nearest of the
/// sixteen (or eight) on terminals with fewer colours.
public enum Color: Sendable, Hashable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite
    case indexed(UInt8)

    /// The sixteen named colours in ANSI order (black = 0 … brightWhite = 15).
    public static let named: [Color] = [
        .black, .red, .green, .yellow, .blue, .magenta, .cyan, .white,
        .brightBlack, .brightRed, .brightGreen, .brightYellow, .brightBlue, .brightMagenta, .brightCyan, .brightWhite,
    ]

    /// The xterm palette number: 0–15 for the named colours, `n` for `.indexed(n)`, nil for `.default`.
    public var paletteIndex: Int? {
        switch self {
        case .default: nil
        case .indexed(let n): Int(n)
        default: Color.named.firstIndex(of: self)
        }
    }
}

/// How a cell is drawn: colours and attributes. The backend maps it onto what the terminal supports
/// (256, 16, 8 or no colours); with no colours only the attributes remain, so every meaning also has an attribute.
public struct Style: Sendable, Hashable {
    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(
        foreground: Color = .default, background: Color = .default, bold: Bool = false,
        reverse: Bool = false, underline: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    public static let plain = Style()

    /// The same attributes without colours: what a terminal without colours (or NO_COLOR) shows. A style marked
    /// by its background colour (the focused selection, the header, a chip) becomes reverse video, so that it
    /// still stands out: the focused cursor is then reverse and bold, more visible than an unfocused one (reverse).
    public var withoutColors: Style {
        Style(bold: bold, reverse: reverse || background != .default, underline: underline, dim: dim)
    }
}
