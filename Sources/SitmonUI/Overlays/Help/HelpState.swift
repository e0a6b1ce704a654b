import SitmonCore
import SitmonScreen

/// `?`: the keys, and the current filter in full; scrolls when it is taller than the terminal.
public struct HelpState: Sendable, OverlayModel {
    /// The first line shown.
    public var scroll = 0

    public init() {}

    /// ↑ ↓ j k PgUp PgDn Space scroll a help taller than the terminal; any other key closes it (q closes it rather
    /// than quitting).
    mutating func handle(_ key: Key, in app: AppState) -> OverlayOutcome {
        let limit = HelpState.maximumScroll(app)
        switch key {
        case .down, .character("j"): scroll = min(limit, scroll + 1)
        case .up, .character("k"): scroll = max(0, min(limit, scroll) - 1)
        case .pageDown, .character(" "): scroll = min(limit, scroll + 10)
        case .pageUp: scroll = max(0, min(limit, scroll) - 10)
        default: return .close
        }
        return .stay
    }

    /// The lines of the help for a screen width, and the box width.
    static func lines(screenWidth: Int, theme: Theme, keymap: Keymap, filter: String? = nil)
        -> (lines: [StyledLine], boxWidth: Int)
    {
        let boxWidth = min(screenWidth, 104)
        let textWidth = max(10, boxWidth - 4)
        let keyWidth = KeyHelp.keyWidth
        var lines: [StyledLine] = []
        // The filter in full, which the filter line summarises when it is long.
        if let filter {
            lines.append(StyledLine("Current filter", theme.title))
            lines += TerminalText.wrapped(filter, to: max(1, textWidth - 2)).map { StyledLine("  " + $0) }
            lines.append(StyledLine())
        }
        for section in KeyHelp.sections(for: keymap) {
            lines.append(StyledLine(section.title, theme.title))
            for (key, action) in section.keys {
                for (k, text) in TerminalText.wrapped(action, to: max(8, textWidth - keyWidth - 2)).enumerated() {
                    var line = StyledLine()
                    line.add("  " + TerminalText.padded(k == 0 ? key : "", to: keyWidth), theme.key)
                    line.add(text)
                    lines.append(line)
                }
            }
        }
        let notes = "Filters: several actors (or regions) are OR; actors, regions, dates and text together are AND."
        lines += TerminalText.wrapped(notes, to: textWidth).map { StyledLine($0, theme.dim) }
        return (lines, boxWidth)
    }

    /// The lines of the help at the state's size, with its keymap, theme and filter.
    static func lines(_ state: AppState) -> (lines: [StyledLine], boxWidth: Int) {
        let filter =
            state.filter.isEmpty
            ? nil
            : state.filter.chips(in: state.dataset).map { "[" + $0 + "]" }.joined(separator: " ")
        return lines(screenWidth: state.width, theme: state.theme, keymap: state.keymap, filter: filter)
    }

    /// The rows of help text shown at once for `count` lines on a screen `height` rows high.
    static func room(lines count: Int, height: Int) -> Int { max(1, min(height, count + 3) - 3) }

    /// The furthest the help can scroll at the state's size.
    public static func maximumScroll(_ state: AppState) -> Int {
        let count = lines(state).lines.count
        return max(0, count - room(lines: count, height: state.height))
    }
}
