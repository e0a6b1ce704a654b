import SitmonCore
import SitmonScreen

/// Draws the `w` dialog: the name to save the view under.
enum SaveViewRenderer: DialogDrawing {
    static func draw(_ screen: inout Screen, _ state: AppState, _ dialog: SaveViewState) {
        let theme = state.theme
        let inner = box(&screen, width: 64, height: 9, title: "Save the current view", theme: theme)
        guard inner.height >= 5 else { return }
        drawLine(&screen, state.filter.describe(in: state.dataset), in: inner, style: theme.dim)
        if let current = state.currentViewName, inner.height >= 6 {
            let text = "Current view: “\(current)” (type its name to replace it)"
            drawLine(&screen, text, in: inner, row: 1, style: theme.dim)
        }
        let y = inner.y + 2
        drawField(
            &screen, label: "Name: ", dialog.name, x: inner.x + 1, y: y, labelWidth: 6,
            fieldWidth: inner.width - 8, theme: theme)
        if dialog.confirmOverwrite {
            screen.write(
                "A view “\(dialog.name.text.trimmingSpaces)” exists. Replace it? y / n", x: inner.x + 1, y: y + 1,
                style: theme.error, maxWidth: inner.width - 2)
            screen.cursor = nil
        } else if let error = dialog.error {
            screen.write(error, x: inner.x + 1, y: y + 1, style: theme.error, maxWidth: inner.width - 2)
        }
        screen.write(
            "Enter saves · Esc cancels", x: inner.x + 1, y: inner.y + inner.height - 1, style: theme.dim,
            maxWidth: inner.width - 2)
    }
}
