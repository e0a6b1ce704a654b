import SitmonCore
import SitmonScreen

/// Draws the `d` date range dialog.
enum DateRangeRenderer: DialogDrawing {
    static func draw(_ screen: inout Screen, _ state: AppState, _ dialog: DateRangeState) {
        let theme = state.theme
        let inner = box(&screen, width: 60, height: 9, title: "Date range", theme: theme)
        guard inner.height >= 5 else { return }
        let fields: [(String, LineEditor, DateRangeState.Field)] = [
            ("Since", dialog.since, .since),
            ("Until", dialog.until, .until),
        ]
        for (k, (label, editor, field)) in fields.enumerated() {
            drawField(
                &screen, label: label + ":", editor, x: inner.x + 1, y: inner.y + k, labelWidth: 8,
                fieldWidth: 24, focused: field == dialog.field, theme: theme)
        }
        screen.write(
            "YYYY, YYYY-MM or YYYY-MM-DD; empty leaves that end open.", x: inner.x + 1, y: inner.y + 3,
            style: theme.dim, maxWidth: inner.width - 2)
        screen.write(
            "Tab switches field · Enter applies · Esc cancels", x: inner.x + 1, y: inner.y + 4, style: theme.dim,
            maxWidth: inner.width - 2)
        if let error = dialog.error, inner.height >= 6 {
            screen.write(error, x: inner.x + 1, y: inner.y + 5, style: theme.error, maxWidth: inner.width - 2)
        }
    }
}
