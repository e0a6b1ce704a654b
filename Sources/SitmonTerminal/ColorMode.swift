/// How many colours the interface uses.
public enum ColorMode: Sendable, Hashable, CustomStringConvertible {
    /// No colour at all: only bold, reverse, underline and dim. Chosen by `NO_COLOR`, `--no-color`, or a
    /// terminal without colours.
    case none
    /// The 8 basic ANSI colours; the bright variants become the basic colour (plus bold in the foreground), and
    /// 256-palette colours the nearest of the 8.
    case basic8
    /// 16 colours: the named colours as they are; 256-palette colours become the nearest of the 16.
    case basic16
    /// 256 colours: every colour as it is.
    case extended256

    /// Whether colours are allowed at all: not when `noColorOption` (`--no-color`) is set, nor when the
    /// `NO_COLOR` environment variable has a non-empty value (https://no-color.org).
    public static func colorsAllowed(noColorOption: Bool, environment: [String: String]) -> Bool {
        if noColorOption { return false }
        if let value = environment["NO_COLOR"], !value.isEmpty { return false }
        return true
    }

    /// The mode for a terminal that reports `hasColors` (ncurses `has_colors()`) and `colorCount` (`COLORS`).
    public static func detect(hasColors: Bool, colorCount: Int, allowed: Bool) -> ColorMode {
        guard allowed, hasColors, colorCount >= 8 else { return .none }
        if colorCount >= 256 { return .extended256 }
        return colorCount >= 16 ? .basic16 : .basic8
    }

    public var description: String {
        switch self {
        case .none: return "none"
        case .basic8: return "8 colours"
        case .basic16: return "16 colours"
        case .extended256: return "256 colours"
        }
    }
}
