import SitmonCore
import SitmonScreen

/// Draws the `e` export dialog: the view, the formats, the file name and the overwrite question.
enum ExportDialogRenderer: DialogDrawing {
    static func draw(_ screen: inout Screen, _ state: AppState, _ dialog: ExportDialogState) {
        let theme = state.theme
        let inner = box(&screen, width: 72, height: 12, title: "Export the current view", theme: theme)
        guard inner.height >= 6 else { return }
        let view = "\(state.view.records.count) records · " + state.filter.describe(in: state.dataset)
        drawLine(&screen, view, in: inner, style: theme.dim)
        for (k, format) in ExportFormat.allCases.enumerated() {
            let selected = format == dialog.format
            screen.write(
                (selected ? "(•) " : "( ) ") + format.label, x: inner.x + 1, y: inner.y + 1 + k,
                style: selected ? theme.title : theme.dim, maxWidth: inner.width - 2)
        }
        let y = inner.y + 5
        drawField(
            &screen, label: "File: ", dialog.fileName, x: inner.x + 1, y: y, labelWidth: 6,
            fieldWidth: inner.width - 8, theme: theme)
        if dialog.confirmOverwrite {
            screen.write(
                "\(dialog.fileName.text) exists. Overwrite it? y / n", x: inner.x + 1, y: y + 2, style: theme.error,
                maxWidth: inner.width - 2)
            screen.cursor = nil
        } else if let error = dialog.error {
            for (k, line) in TerminalText.wrapped(error, to: inner.width - 2).prefix(2).enumerated() {
                screen.write(line, x: inner.x + 1, y: y + 1 + k, style: theme.error, maxWidth: inner.width - 2)
            }
        }
        if inner.height >= 9 {
            screen.write(
                "Tab format · Enter write · Esc cancel", x: inner.x + 1, y: inner.y + inner.height - 1,
                style: theme.dim, maxWidth: inner.width - 2)
        }
    }
}
