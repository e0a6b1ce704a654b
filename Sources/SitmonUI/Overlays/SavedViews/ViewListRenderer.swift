import SitmonCore
import SitmonScreen

/// Draws the `W` list of saved views.
enum ViewListRenderer: DialogDrawing {
    static func draw(_ screen: inout Screen, _ state: AppState, _ list: ViewListState) {
        let theme = state.theme
        let inner = box(
            &screen, width: 96, height: min(max(8, list.names.count + 5), max(8, state.height - 4)),
            title: "Saved views", theme: theme)
        guard inner.height >= 4, inner.width >= 4 else { return }
        let width = inner.width - 2
        screen.write(
            TerminalText.truncated(
                "\(list.names.count) view\(list.names.count == 1 ? "" : "s") · Enter opens · "
                    + "d deletes · r renames · Esc closes", to: width), x: inner.x + 1, y: inner.y, style: theme.dim)
        let rows = inner.height - 3
        let top = max(0, min(list.selection - rows / 2, list.names.count - rows))
        let nameWidth = min(24, max(8, width / 3))
        let dateWidth = width - nameWidth >= 40 ? 18 : 0
        for r in 0..<max(0, rows) {
            let k = top + r
            guard k < list.names.count else { break }
            let name = list.names[k]
            var line = StyledLine()
            line.add(ListDrawing.cell((name == state.currentViewName ? "• " : "  ") + name, nameWidth))
            let entry = list.entries[name]
            if dateWidth > 0 { line.add(ListDrawing.cell(" " + (entry?.saved ?? ""), dateWidth), theme.dim) }
            let what: String
            if let view = entry?.view {
                what = view.filter.filter(in: state.dataset).0.describe(in: state.dataset)
            } else {
                what = entry?.problem ?? ""
            }
            line.add(
                " " + TerminalText.truncated(what, to: max(0, width - nameWidth - dateWidth - 1)),
                entry?.problem == nil ? theme.text : theme.error)
            let y = inner.y + 1 + r
            line.draw(on: &screen, x: inner.x + 1, y: y, width: width)
            if k == list.selection {
                screen.restyle(Rect(x: inner.x + 1, y: y, width: width, height: 1)) { $0 = theme.focusedSelection }
            }
        }
        let y = inner.y + inner.height - 1
        let name = list.selectedName ?? ""
        switch list.mode {
        case .browse:
            if let error = list.error {
                screen.write(TerminalText.truncated(error, to: width), x: inner.x + 1, y: y, style: theme.error)
            }
        case .confirmDelete:
            screen.write(
                TerminalText.truncated("Delete the view “\(name)”? y / n", to: width), x: inner.x + 1, y: y,
                style: theme.error)
            screen.cursor = nil
        case .rename(let editor):
            drawField(
                &screen, label: "New name: ", editor, x: inner.x + 1, y: y - 1, labelWidth: 10,
                fieldWidth: max(1, width - 10), theme: theme)
            if let error = list.error {
                screen.write(TerminalText.truncated(error, to: width), x: inner.x + 1, y: y, style: theme.error)
            } else {
                screen.write(
                    TerminalText.truncated("Enter renames “\(name)” · Esc cancels", to: width), x: inner.x + 1, y: y,
                    style: theme.dim)
            }
        }
    }
}
