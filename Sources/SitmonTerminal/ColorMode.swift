/// How many colours the interface uses.
public enum ColorMode: Sendable, Hashable, CustomStringConvertible {
    /// No colour at all: only bold, reverse, underline and dim. Chosen by `NO_COLOR`, `--no-color`, or a
    /// terminal without colours.
    case none
    /// The 8 basic ANSI colours; the bright variants become the basic colour (plus bold in the foreground).
    case basic8
    /// 16 or more colours (typically 256): the 16 colours of `Color` are used as they are.
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
        return colorCount >= 16 ? .extended256 : .basic8
    }

    public var description: String {
        switch self {
        case .none: return "none"
        case .basic8: return "8 colours"
        case .extended256: return "256 colours"
        }
    }
}
