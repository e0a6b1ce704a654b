import SitmonCore
import SitmonScreen

/// Draws the open overlay with its renderer (beside its state in `Overlays/`, `Timeline/`, `Relations/`); the search
/// and the text filter are drawn in the footer.
enum OverlayRenderer {
    static func draw(_ screen: inout Screen, _ state: AppState, _ overlay: Overlay) {
        switch overlay {
        case .help(let help): HelpRenderer.draw(&screen, state, help)
        case .picker(let picker): PickerRenderer.draw(&screen, state, picker)
        case .search, .textFilter: break  // drawn in the footer
        case .dateRange(let dialog): DateRangeRenderer.draw(&screen, state, dialog)
        case .export(let dialog): ExportDialogRenderer.draw(&screen, state, dialog)
        case .timelineZoom(let zoomState): TimelineZoomRenderer.draw(&screen, state, zoomState)
        case .relations(let relations): RelationsRenderer.draw(&screen, state, relations)
        case .saveView(let dialog): SaveViewRenderer.draw(&screen, state, dialog)
        case .openView(let list): ViewListRenderer.draw(&screen, state, list)
        }
    }
}

/// What the dialogs draw with: a centred box, a labelled text field.
protocol DialogDrawing {}

extension DialogDrawing {
    /// A centred box of at most `width` × `height`, cleared, with a title. Returns its inner rectangle.
    static func box(_ screen: inout Screen, width: Int, height: Int, title: String, theme: Theme) -> Rect {
        let w = min(width, screen.width), h = min(height, screen.height)
        let rect = Rect(x: (screen.width - w) / 2, y: (screen.height - h) / 2, width: w, height: h)
        screen.fill(rect)
        Renderer.drawBox(&screen, rect, title: title, focused: true, theme: theme)
        return rect.inner
    }

    /// A line of `text` `row` lines below the top of the dialog whose inner rectangle is `inner`, cut to fit.
    static func drawLine(_ screen: inout Screen, _ text: String, in inner: Rect, row: Int = 0, style: Style) {
        screen.write(TerminalText.truncated(text, to: inner.width - 2), x: inner.x + 1, y: inner.y + row, style: style)
    }

    /// A labelled one-line text field: the label in `labelWidth` columns, the text in `fieldWidth` columns, and,
    /// when `focused`, the terminal cursor at the editor's position (at most just after the field).
    static func drawField(
        _ screen: inout Screen, label: String, _ editor: LineEditor, x: Int, y: Int, labelWidth: Int,
        fieldWidth: Int, focused: Bool = true, theme: Theme
    ) {
        screen.write(ListDrawing.cell(label, labelWidth), x: x, y: y, style: theme.label)
        let fieldX = x + labelWidth
        screen.write(
            ListDrawing.cell(editor.text, fieldWidth), x: fieldX, y: y, style: focused ? theme.selection : theme.text)
        if focused {
            let before = TerminalText.width(of: String(editor.text.prefix(editor.cursor)))
            screen.cursor = (x: fieldX + min(fieldWidth, before), y: y)
        }
    }
}
