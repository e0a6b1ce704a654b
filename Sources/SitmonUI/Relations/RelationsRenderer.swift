import SitmonCore
import SitmonScreen

/// Draws the `R` relations view: the actor, its hierarchy as a tree, its relations by heading with their dates,
/// and the note and sources of the selected relation.
enum RelationsRenderer {
    static func dates(_ start: PartialDate?, _ end: PartialDate?) -> String {
        if start == nil && end == nil { return "" }
        if let start, end == nil { return "since \(start.readable)" }
        return [start?.readable, end?.readable].map { $0 ?? "…" }.joined(separator: " – ")
    }

    static func draw(_ screen: inout Screen, _ state: AppState, _ relations: RelationsState) {
        let dataset = state.dataset
        let actors = dataset.actors
        let rect = RelationsState.frame(width: screen.width, height: screen.height, rows: relations.rows.count)
        screen.fill(rect)
        Renderer.drawBox(&screen, rect, title: "Relations", focused: true, theme: state.theme)
        let inner = rect.inner
        guard inner.width >= 4, inner.height >= 1 else { return }
        let x0 = inner.x + 1, width = inner.width - 2
        let centre = actors[Int(relations.actor)]
        var title = StyledLine()
        title.add(centre.name, state.theme.title)
        if let short = centre.shortName, short != centre.name { title.add(" (\(short))", state.theme.title) }
        title.add(" · " + centre.kind.label, state.theme.dim)
        if !relations.trail.isEmpty {
            title.add(
                " · Backspace: back to \(dataset.actorLabel(relations.trail[relations.trail.count - 1]))",
                state.theme.dim)
        }
        title.draw(on: &screen, x: x0, y: inner.y, width: width)

        let height = max(0, inner.height - 1 - RelationsState.footerLines)
        if relations.rows.isEmpty, height > 0 {
            screen.write(
                "No hierarchy or relations recorded for this actor.", x: x0, y: inner.y + 1, style: state.theme.dim,
                maxWidth: width)
        }
        let scroll = max(0, min(relations.scroll, max(0, relations.rows.count - height)))
        for r in 0..<height where scroll + r < relations.rows.count {
            let k = scroll + r
            let row = relations.rows[k]
            var line = StyledLine()
            switch row.kind {
            case .heading(let text):
                line.add(text, state.theme.label)
            case .node(_, let guide):
                guard let a = row.actor else { break }
                line.add("  " + guide, state.theme.border)
                let isCentre = a == relations.actor
                line.add((isCentre ? "● " : "") + actors[Int(a)].name, isCentre ? state.theme.title : state.theme.text)
                line.add(" · " + actors[Int(a)].kind.label, state.theme.dim)
            case .link:
                guard let a = row.actor else { break }
                line.add(
                    "  " + actors[Int(a)].name,
                    actors[Int(a)].kind == .jihadistGroup ? state.theme.warning : state.theme.text)
                if let rel = row.relation.map({ dataset.relations[Int($0)] }) {
                    let when = dates(rel.start, rel.end)
                    if !when.isEmpty { line.add("  " + when, state.theme.dim) }
                }
            }
            line.draw(on: &screen, x: x0, y: inner.y + 1 + r, width: width)
            if k == relations.selection && relations.isSelectable(k) {
                screen.restyle(Rect(x: x0, y: inner.y + 1 + r, width: width, height: 1)) {
                    $0 = state.theme.focusedSelection
                }
            }
        }
        ScrollBar.draw(
            &screen, x: inner.x + inner.width - 1, y: inner.y + 1, height: height,
            total: relations.rows.count, offset: scroll, theme: state.theme)

        // The selected relation: kind, dates, note, sources.
        let footerTop = inner.y + 1 + height
        guard inner.height >= RelationsState.footerLines + 1 else { return }
        screen.write(String(repeating: "─", count: width), x: x0, y: footerTop, style: state.theme.border)
        var about: [String] = []
        if let k = relations.rows.indices.contains(relations.selection) ? relations.selection : nil,
            relations.isSelectable(k), let other = relations.rows[k].actor
        {
            if let r = relations.rows[k].relation.map({ dataset.relations[Int($0)] }) {
                var text =
                    "\(dataset.actorLabel(r.from)) \(r.kind.rawValue.replacingDashes) "
                    + dataset.actorLabel(r.to)
                let when = dates(r.start, r.end)
                if !when.isEmpty { text += " (\(when))" }
                if let note = r.note, !note.isEmpty { text += ". " + note }
                about.append(text)
                let sources = r.sources.compactMap { s in
                    s >= 0 && Int(s) < dataset.sources.count ? dataset.sources[Int(s)].citation : nil
                }
                if !sources.isEmpty { about.append("Sources: " + sources.joined(separator: "; ")) }
            } else {
                let place = relations.rows[k].kind
                let centreDepth =
                    relations.rows.first { $0.actor == relations.actor }.map { row -> Int in
                        if case .node(let depth, _) = row.kind { return depth }
                        return 0
                    } ?? 0
                var above = false
                if case .node(let depth, _) = place { above = depth < centreDepth }
                let name = actors[Int(other)].name
                about.append(
                    above
                        ? "\(centre.name) is part of \(name) (\(actors[Int(other)].kind.label))"
                        : "\(name) (\(actors[Int(other)].kind.label)) is part of \(centre.name)")
            }
        } else if relations.hiddenDescendants > 0 {
            about.append("\(relations.hiddenDescendants) more groups under \(centre.name) not listed")
        }
        var lines: [String] = []
        for text in about { lines += TerminalText.wrapped(text, to: max(8, width)) }
        for (k, text) in lines.prefix(RelationsState.footerLines - 2).enumerated() {
            screen.write(
                text, x: x0, y: footerTop + 1 + k, style: k == 0 ? state.theme.text : state.theme.dim, maxWidth: width)
        }
        let hints = "↑↓ move · Enter open that actor · Backspace back · f filter by it · Esc close"
        screen.write(
            TerminalText.truncated(hints, to: max(1, width)), x: x0, y: inner.y + inner.height - 1,
            style: state.theme.dim, maxWidth: width)
    }
}
