import SitmonCore
import SitmonScreen

/// Draws the `?` help: the keys, scrolled, with how to scroll or close it.
enum HelpRenderer: DialogDrawing {
    static func draw(_ screen: inout Screen, _ state: AppState, _ help: HelpState) {
        let theme = state.theme
        let (lines, boxWidth) = HelpState.lines(state)
        let room = HelpState.room(lines: lines.count, height: screen.height)
        let scroll = max(0, min(help.scroll, lines.count - room))
        let closing =
            lines.count > room
            ? "↑ ↓ scroll · any other key closes (\(scroll + room)/\(lines.count))"
            : "Press any key to close."
        let inner = box(&screen, width: boxWidth, height: room + 3, title: "Help — sitmon keys", theme: theme)
        for row in 0..<min(room, inner.height - 1) where scroll + row < lines.count {
            lines[scroll + row].draw(on: &screen, x: inner.x + 1, y: inner.y + row, width: inner.width - 1)
        }
        if inner.height >= 1 {
            screen.write(
                closing, x: inner.x + 1, y: inner.y + inner.height - 1, style: theme.dim, maxWidth: inner.width - 1)
        }
    }
}
