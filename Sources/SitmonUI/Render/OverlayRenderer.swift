import SitmonCore
import SitmonScreen

/// Draws the modal layers: help, pick lists, the date range and export dialogs.
enum OverlayRenderer {
    static func draw(_ screen: inout Screen, _ state: AppState, _ overlay: Overlay) {
        switch overlay {
        case .help(let help): drawHelp(&screen, state, help)
        case .picker(let picker): drawPicker(&screen, state, picker)
        case .search, .textFilter: break  // drawn in the footer
        case .dateRange(let dialog): drawDateRange(&screen, state, dialog)
        case .export(let dialog): drawExport(&screen, state, dialog)
        case .timelineZoom(let zoomState): TimelineZoomRenderer.draw(&screen, state, zoomState)
        case .relations(let relations): RelationsRenderer.draw(&screen, state, relations)
        case .saveView(let dialog): drawSaveView(&screen, state, dialog)
        case .openView(let list): drawViewList(&screen, state, list)
        }
    }

    /// A centred box of at most `width` × `height`, cleared, with a title. Returns its inner rectangle.
    static func box(_ screen: inout Screen, width: Int, height: Int, title: String, theme: Theme) -> Rect {
        let w = min(width, screen.width), h = min(height, screen.height)
        let rect = Rect(x: (screen.width - w) / 2, y: (screen.height - h) / 2, width: w, height: h)
        screen.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        Renderer.drawBox(&screen, rect, title: title, focused: true, theme: theme)
        return rect.inner
    }

    static func drawHelp(_ screen: inout Screen, _ state: AppState, _ help: HelpState) {
        let theme = state.theme
        let (lines, boxWidth) = HelpState.lines(state)
        let room = HelpState.room(lines: lines.count, height: screen.height)
        let scroll = max(0, min(help.scroll, lines.count - room))
        let closing = lines.count > room ? "↑ ↓ scroll · any other key closes (\(scroll + room)/\(lines.count))"
            : "Press any key to close."
        let inner = box(&screen, width: boxWidth, height: room + 3, title: "Help — sitmon keys", theme: theme)
        for row in 0..<min(room, inner.height - 1) where scroll + row < lines.count {
            lines[scroll + row].draw(on: &screen, x: inner.x + 1, y: inner.y + row, width: inner.width - 1)
        }
        if inner.height >= 1 {
            screen.write(closing, x: inner.x + 1, y: inner.y + inner.height - 1, style: theme.dim, maxWidth: inner.width - 1)
        }
    }

    static func drawPicker(_ screen: inout Screen, _ state: AppState, _ picker: PickerState) {
        let theme = state.theme
        let isActor = picker.kind == .actor
        let inner = box(&screen, width: 64, height: max(8, state.height - 4),
                        title: isActor ? "Pick an actor" : "Pick a region", theme: theme)
        guard inner.height >= 3, inner.width >= 4 else { return }
        var x = inner.x + 1
        x += screen.write("> ", x: x, y: inner.y, style: theme.key)
        screen.write(picker.query.text, x: x, y: inner.y, maxWidth: inner.width - 3)
        screen.cursor = (x: min(x + TerminalText.width(of: String(picker.query.text.prefix(picker.query.cursor))),
                                inner.x + inner.width - 1), y: inner.y)
        screen.write("\(picker.matches.count) match\(picker.matches.count == 1 ? "" : "es") · Enter toggles · Esc closes",
                     x: inner.x + 1, y: inner.y + 1, style: theme.dim, maxWidth: inner.width - 2)
        let rows = inner.height - 2
        let top = max(0, min(picker.selection - rows / 2, picker.matches.count - rows))
        for r in 0..<rows {
            let k = top + r
            guard k < picker.matches.count else { break }
            let item = picker.matches[k]
            var line = StyledLine()
            if isActor {
                let actor = state.dataset.actors[Int(item)]
                line.add(state.filter.actors.contains(item) ? "✓ " : "  ", theme.info)
                line.add(ListDrawing.cell(actor.name + (actor.shortName.map { $0 != actor.name ? " (\($0))" : "" } ?? ""),
                                          inner.width - 22))
                line.add(ListDrawing.cell(" " + actor.kind.label, 14), theme.dim)
                line.add(ListDrawing.right(String(state.view.actorCounts[Int(item)]), 4), theme.label)
            } else {
                let region = state.dataset.regions[Int(item)]
                line.add(state.filter.regions.contains(item) ? "✓ " : "  ", theme.info)
                // 2 (mark) + name + 11 (zone) + 7 (code): the code in full ("ML-10", "ML-BKO").
                line.add(ListDrawing.cell(region.name, inner.width - 22))
                line.add(ListDrawing.cell(" " + region.zone.rawValue, 11), theme.dim)
                line.add(ListDrawing.cell(" " + (region.iso ?? ""), 7), theme.dim)
            }
            line.draw(on: &screen, x: inner.x + 1, y: inner.y + 2 + r, width: inner.width - 2)
            if k == picker.selection {
                screen.restyle(x: inner.x + 1, y: inner.y + 2 + r, width: inner.width - 2, height: 1) { $0 = theme.focusedSelection }
            }
        }
    }

    /// A labelled one-line text field: the label in `labelWidth` columns, the text in `fieldWidth` columns, and,
    /// when `focused`, the terminal cursor at the editor's position (at most just after the field).
    static func drawField(_ screen: inout Screen, label: String, _ editor: LineEditor, x: Int, y: Int, labelWidth: Int,
                          fieldWidth: Int, focused: Bool = true, theme: Theme) {
        screen.write(ListDrawing.cell(label, labelWidth), x: x, y: y, style: theme.label)
        let fieldX = x + labelWidth
        screen.write(ListDrawing.cell(editor.text, fieldWidth), x: fieldX, y: y, style: focused ? theme.selection : theme.text)
        if focused {
            let before = TerminalText.width(of: String(editor.text.prefix(editor.cursor)))
            screen.cursor = (x: fieldX + min(fieldWidth, before), y: y)
        }
    }

    static func drawDateRange(_ screen: inout Screen, _ state: AppState, _ dialog: DateRangeState) {
        let theme = state.theme
        let inner = box(&screen, width: 60, height: 9, title: "Date range", theme: theme)
        guard inner.height >= 5 else { return }
        let fields: [(String, LineEditor, DateRangeState.Field)] = [("Since", dialog.since, .since),
                                                                     ("Until", dialog.until, .until)]
        for (k, (label, editor, field)) in fields.enumerated() {
            drawField(&screen, label: label + ":", editor, x: inner.x + 1, y: inner.y + k, labelWidth: 8,
                      fieldWidth: 24, focused: field == dialog.field, theme: theme)
        }
        screen.write("YYYY, YYYY-MM or YYYY-MM-DD; empty leaves that end open.", x: inner.x + 1, y: inner.y + 3,
                     style: theme.dim, maxWidth: inner.width - 2)
        screen.write("Tab switches field · Enter applies · Esc cancels", x: inner.x + 1, y: inner.y + 4, style: theme.dim,
                     maxWidth: inner.width - 2)
        if let error = dialog.error, inner.height >= 6 {
            screen.write(error, x: inner.x + 1, y: inner.y + 5, style: theme.error, maxWidth: inner.width - 2)
        }
    }

    static func drawExport(_ screen: inout Screen, _ state: AppState, _ dialog: ExportDialogState) {
        let theme = state.theme
        let inner = box(&screen, width: 72, height: 12, title: "Export the current view", theme: theme)
        guard inner.height >= 6 else { return }
        screen.write(TerminalText.truncated("\(state.view.records.count) records · " + state.filter.describe(in: state.dataset),
                                            to: inner.width - 2), x: inner.x + 1, y: inner.y, style: theme.dim)
        for (k, format) in ExportFormat.allCases.enumerated() {
            let selected = format == dialog.format
            screen.write((selected ? "(•) " : "( ) ") + format.label, x: inner.x + 1, y: inner.y + 1 + k,
                         style: selected ? theme.title : theme.dim, maxWidth: inner.width - 2)
        }
        let y = inner.y + 5
        drawField(&screen, label: "File: ", dialog.fileName, x: inner.x + 1, y: y, labelWidth: 6,
                  fieldWidth: inner.width - 8, theme: theme)
        if dialog.confirmOverwrite {
            screen.write("\(dialog.fileName.text) exists. Overwrite it? y / n", x: inner.x + 1, y: y + 2, style: theme.error,
                         maxWidth: inner.width - 2)
            screen.cursor = nil
        } else if let error = dialog.error {
            for (k, line) in TerminalText.wrapped(error, to: inner.width - 2).prefix(2).enumerated() {
                screen.write(line, x: inner.x + 1, y: y + 1 + k, style: theme.error, maxWidth: inner.width - 2)
            }
        }
        if inner.height >= 9 {
            screen.write("Tab format · Enter write · Esc cancel", x: inner.x + 1, y: inner.y + inner.height - 1,
                         style: theme.dim, maxWidth: inner.width - 2)
        }
    }

    static func drawSaveView(_ screen: inout Screen, _ state: AppState, _ dialog: SaveViewState) {
        let theme = state.theme
        let inner = box(&screen, width: 64, height: 9, title: "Save the current view", theme: theme)
        guard inner.height >= 5 else { return }
        screen.write(TerminalText.truncated(state.filter.describe(in: state.dataset), to: inner.width - 2), x: inner.x + 1,
                     y: inner.y, style: theme.dim)
        if let current = state.currentViewName, inner.height >= 6 {
            screen.write(TerminalText.truncated("Current view: “\(current)” (type its name to replace it)", to: inner.width - 2),
                         x: inner.x + 1, y: inner.y + 1, style: theme.dim)
        }
        let y = inner.y + 2
        drawField(&screen, label: "Name: ", dialog.name, x: inner.x + 1, y: y, labelWidth: 6,
                  fieldWidth: inner.width - 8, theme: theme)
        if dialog.confirmOverwrite {
            screen.write("A view “\(dialog.name.text.trimmingSpaces)” exists. Replace it? y / n", x: inner.x + 1, y: y + 1,
                         style: theme.error, maxWidth: inner.width - 2)
            screen.cursor = nil
        } else if let error = dialog.error {
            screen.write(error, x: inner.x + 1, y: y + 1, style: theme.error, maxWidth: inner.width - 2)
        }
        screen.write("Enter saves · Esc cancels", x: inner.x + 1, y: inner.y + inner.height - 1, style: theme.dim,
                     maxWidth: inner.width - 2)
    }

    static func drawViewList(_ screen: inout Screen, _ state: AppState, _ list: ViewListState) {
        let theme = state.theme
        let inner = box(&screen, width: 96, height: min(max(8, list.names.count + 5), max(8, state.height - 4)),
                        title: "Saved views", theme: theme)
        guard inner.height >= 4, inner.width >= 4 else { return }
        let width = inner.width - 2
        screen.write(TerminalText.truncated("\(list.names.count) view\(list.names.count == 1 ? "" : "s") · Enter opens · "
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
            line.add(" " + TerminalText.truncated(what, to: max(0, width - nameWidth - dateWidth - 1)),
                     entry?.problem == nil ? theme.text : theme.error)
            let y = inner.y + 1 + r
            line.draw(on: &screen, x: inner.x + 1, y: y, width: width)
            if k == list.selection {
                screen.restyle(x: inner.x + 1, y: y, width: width, height: 1) { $0 = theme.focusedSelection }
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
            screen.write(TerminalText.truncated("Delete the view “\(name)”? y / n", to: width), x: inner.x + 1, y: y,
                         style: theme.error)
            screen.cursor = nil
        case .rename(let editor):
            drawField(&screen, label: "New name: ", editor, x: inner.x + 1, y: y - 1, labelWidth: 10,
                      fieldWidth: max(1, width - 10), theme: theme)
            if let error = list.error {
                screen.write(TerminalText.truncated(error, to: width), x: inner.x + 1, y: y, style: theme.error)
            } else {
                screen.write(TerminalText.truncated("Enter renames “\(name)” · Esc cancels", to: width), x: inner.x + 1, y: y,
                             style: theme.dim)
            }
        }
    }
}
