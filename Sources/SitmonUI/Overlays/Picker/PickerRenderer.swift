import SitmonCore
import SitmonScreen

/// Draws the `a` and `r` pick lists: the query, the count and the matches, picks marked ✓.
enum PickerRenderer: DialogDrawing {
    static func draw(_ screen: inout Screen, _ state: AppState, _ picker: PickerState) {
        let theme = state.theme
        let isActor = picker.kind == .actor
        let inner = box(
            &screen, width: 64, height: max(8, state.height - 4),
            title: isActor ? "Pick an actor" : "Pick a region", theme: theme)
        guard inner.height >= 3, inner.width >= 4 else { return }
        var x = inner.x + 1
        x += screen.write("> ", x: x, y: inner.y, style: theme.key)
        screen.write(picker.query.text, x: x, y: inner.y, maxWidth: inner.width - 3)
        screen.cursor = (
            x: min(
                x + TerminalText.width(of: String(picker.query.text.prefix(picker.query.cursor))),
                inner.x + inner.width - 1), y: inner.y
        )
        screen.write(
            "\(picker.matches.count) match\(picker.matches.count == 1 ? "" : "es") · Enter toggles · Esc closes",
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
                line.add(
                    ListDrawing.cell(
                        actor.name + (actor.shortName.map { $0 != actor.name ? " (\($0))" : "" } ?? ""),
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
                screen.restyle(Rect(x: inner.x + 1, y: inner.y + 2 + r, width: inner.width - 2, height: 1)) {
                    $0 = theme.focusedSelection
                }
            }
        }
    }
}
