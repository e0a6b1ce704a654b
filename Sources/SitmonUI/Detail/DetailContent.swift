import SitmonCore
import SitmonScreen

/// The lines of the detail pane for the selected item: a record, an actor or a region, with its sources in full.
public enum DetailContent {
    /// The detail of whatever the detail pane's source pane has selected, wrapped to `width`: exactly the lines
    /// the pane draws, so scrolling reaches the last one.
    public static func lines(for state: AppState, width: Int) -> [StyledLine] {
        content(for: state, width: width).flatMap { line -> [StyledLine] in
            line.spans.count == 1 && TerminalText.width(of: line.plainText) > width
                ? wrap(line.plainText, width, line.spans[0].style) : [line]
        }
    }

    static func content(for state: AppState, width: Int) -> [StyledLine] {
        let theme = state.theme
        switch state.detailSource {
        case .actors:
            guard let actor = state.selectedActor else { return [StyledLine("No actor in this view.", theme.dim)] }
            return actorLines(Int(actor), state, width)
        case .regions:
            guard let region = state.selectedRegion else { return [StyledLine("No region in this view.", theme.dim)] }
            return regionLines(Int(region), state, width)
        case .map:
            guard let region = state.selectedMapRegion else { return [StyledLine("No region on the map.", theme.dim)] }
            return regionLines(Int(region), state, width)
        case .timeline, .detail:
            guard let record = state.selectedRecord else {
                var lines = [StyledLine("No record matches this filter. Press u to undo or c to clear.", theme.dim)]
                if !state.view.assessments.isEmpty {
                    lines.append(StyledLine())
                    lines.append(StyledLine("What the sources say about this view", theme.title))
                    var sources: [Int32] = []
                    for k in state.view.assessments {
                        let a = state.dataset.assessments[Int(k)]
                        lines += wrap(
                            "• \(state.dataset.regionLabel(a.region)): presence \(a.presence.rawValue), trend "
                                + "\(a.trend.rawValue) — " + a.statement, width)
                        sources += a.sources.filter { !sources.contains($0) }
                    }
                    lines.append(StyledLine())
                    lines += sourceLines(sources, state.dataset, width, theme)
                }
                return lines
            }
            return recordLines(Int(record), state, width)
        }
    }

    static func wrap(_ text: String, _ width: Int, _ style: Style = .plain, indent: String = "") -> [StyledLine] {
        laidOut(text, to: max(1, width - indent.count)).map { StyledLine(indent + $0, style) }
    }

    /// The most lines one text (a summary, a note, a field's value) takes in the pane. A longer text is cut
    /// there with a line saying how long it is: a 200 MB summary made `1`, `4` and `G` take 4–6 s each when the
    /// whole of it was wrapped for every key.
    public static let maximumLinesPerText = 1_000

    /// Counts the work of `laidOut` (the bytes handed to the wrapper) for the task that sets it: tests check that
    /// a huge text costs what is shown, not its length.
    final class WorkCount: @unchecked Sendable { var bytesWrapped = 0 }
    @TaskLocal static var workCount: WorkCount?

    /// `text` wrapped to `columns`, at most `maximumLinesPerText` lines (then a line saying that it is cut).
    /// Only a prefix of a long text is wrapped: as many bytes as the lines can hold when the text is plain
    /// (`lines × (columns + 1)`), then 4 and 16 times that (for wide characters, combining marks, runs of
    /// spaces); every line but the last of a prefix's wrapping is the text's own, so the cost is bounded by
    /// what is shown, whatever the text's length.
    static func laidOut(_ text: String, to columns: Int) -> [String] {
        let limit = maximumLinesPerText
        let total = text.utf8.count
        var budget = limit * (columns + 1)
        for round in 0..<3 {
            if budget >= total {
                workCount?.bytesWrapped += total
                let lines = TerminalText.wrapped(text, to: columns)
                return lines.count <= limit ? lines : Array(lines.prefix(limit)) + [cutNote(total)]
            }
            let prefix = alignedPrefix(text, bytes: budget)
            workCount?.bytesWrapped += prefix.utf8.count
            let lines = TerminalText.wrapped(prefix, to: columns)
            if lines.count > limit || round == 2 { return Array(lines.prefix(limit)) + [cutNote(total)] }
            budget *= 4
        }
        return []
    }

    /// The line that ends a text cut by `laidOut`.
    static func cutNote(_ bytes: Int) -> String {
        let tenths = (bytes * 10) >> 20
        let size = bytes >= 1 << 20 ? "\(tenths / 10).\(tenths % 10) MB" : "\(bytes >> 10) KB"
        return "… (cut: the text is \(size))"
    }

    /// The first `bytes` bytes of `text`, moved back to the start of a character's scalar.
    static func alignedPrefix(_ text: String, bytes: Int) -> String {
        let utf8 = text.utf8
        var end = utf8.index(utf8.startIndex, offsetBy: min(bytes, utf8.count))
        while end > utf8.startIndex, end < utf8.endIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        return String(decoding: utf8[..<end], as: UTF8.self)
    }

    static func field(_ name: String, _ value: String, _ width: Int, _ theme: Theme) -> [StyledLine] {
        let label = name + ": "
        let body = laidOut(value, to: max(1, width - label.count))
        var lines: [StyledLine] = []
        for (k, text) in body.enumerated() {
            var line = StyledLine()
            line.add(k == 0 ? label : String(repeating: " ", count: label.count), theme.label)
            line.add(text)
            lines.append(line)
        }
        return lines
    }

    static func sourceLines(_ sources: some Sequence<Int32>, _ dataset: Dataset, _ width: Int, _ theme: Theme)
        -> [StyledLine]
    {
        var lines = [StyledLine("Sources", theme.title)]
        for s in sources where s >= 0 && Int(s) < dataset.sources.count {
            let source = dataset.sources[Int(s)]
            // The URL on a line of its own, never broken: cut with "…" at the end only when wider than the pane.
            let read = source.url != nil ? source.accessed.map { " (accessed \($0.readable))" } ?? "" : ""
            lines += wrap("• [\(source.id)] " + source.reference + read, width)
            if let url = source.url {
                lines.append(StyledLine("  " + TerminalText.truncated(url, to: max(1, width - 2)), theme.label))
            }
            if let note = source.note { lines += wrap(note, width, theme.dim, indent: "  ") }
        }
        return lines
    }

    /// What the source data says about a record, verbatim: its ids (to cite), precisions, admin units, scale, tags.
    static func originLines(_ origin: RecordOrigin, _ width: Int, _ theme: Theme) -> [StyledLine] {
        var lines: [StyledLine] = []
        if !origin.ids.isEmpty { lines += field("Source ids", origin.idsText, width, theme) }
        if let precision = origin.datePrecision { lines += field("Source date precision", precision, width, theme) }
        if !origin.adminText.isEmpty { lines += field("Admin units", origin.adminText, width, theme) }
        if let precision = origin.geoPrecision { lines += field("Geo precision", precision, width, theme) }
        if let scale = origin.sourceScale { lines += field("Source scale", scale, width, theme) }
        if !origin.tags.isEmpty { lines += field("Tags", origin.tags.joined(separator: "; "), width, theme) }
        return lines
    }

    static func recordLines(_ i: Int, _ state: AppState, _ width: Int) -> [StyledLine] {
        let theme = state.theme
        let dataset = state.dataset
        let r = dataset.record(i)
        var lines = wrap(r.title, width, r.category == .coup ? theme.coup : theme.title)
        // ACLED's time_precision 2: the date is known within a week, not to the day.
        let week = r.origin?.datePrecision == "week" && r.date.precision == .day
        var when = r.date.readable + (week ? " (within a week)" : " (\(r.date.precision.name))")
        if let end = r.end { when += " – " + end.readable }
        if let time = r.timeText { when += ", " + time }
        lines += field("When", when, width, theme)
        lines += field("What", "\(r.kind.name), \(r.category.rawValue), severity \(r.severity.rawValue)", width, theme)
        if !r.regions.isEmpty {
            lines += field(
                "Where",
                r.regions.map { dataset.regionLabel($0) }.joined(separator: ", ")
                    + (r.location.map { " — " + $0 } ?? ""), width, theme)
        } else if let location = r.location {
            lines += field("Where", location, width, theme)
        }
        if let lat = r.latitude, let lon = r.longitude {
            lines += field("Coordinates", "\(lat), \(lon)", width, theme)
        }
        if let f = r.fatalities {
            lines += field("Fatalities", f.readable + (f.note.map { " — " + $0 } ?? ""), width, theme)
        }
        if let target = r.target { lines += field("Target", target, width, theme) }
        if let original = r.originalType { lines += field("Source type", original, width, theme) }
        if let origin = r.origin { lines += originLines(origin, width, theme) }
        for figure in r.figures { lines += field("Figure", figure.readable, width, theme) }
        if !r.actors.isEmpty {
            lines.append(StyledLine("Actors", theme.title))
            for p in r.actors {
                lines += wrap("• \(dataset.actors[Int(p.actor)].name) — \(p.role)", width)
            }
        }
        if let summary = r.summary {
            lines.append(StyledLine())
            lines += wrap(summary, width)
        }
        if !r.alternatives.isEmpty {
            lines.append(StyledLine("Sources disagree", theme.warning))
            for alt in r.alternatives {
                let who = alt.sources.map { dataset.sources[Int($0)].id }.joined(separator: ", ")
                lines += wrap("• \(alt.field): \(alt.value)" + (who.isEmpty ? "" : " [\(who)]"), width)
                if let note = alt.note { lines += wrap(note, width, theme.dim, indent: "  ") }
            }
        }
        if let note = r.note { lines += field("Note", note, width, theme) }
        lines.append(StyledLine())
        lines += sourceLines(r.sources, dataset, width, theme)
        return lines
    }

    static func actorLines(_ a: Int, _ state: AppState, _ width: Int) -> [StyledLine] {
        let theme = state.theme
        let dataset = state.dataset
        let actor = dataset.actors[a]
        var lines = wrap(
            actor.name + (actor.shortName.map { $0 != actor.name ? " (\($0))" : "" } ?? ""), width, theme.title)
        lines += field("Kind", actor.kind.label, width, theme)
        if !actor.aliases.isEmpty { lines += field("Also", actor.aliases.joined(separator: ", "), width, theme) }
        var chain: [String] = []
        var parent = actor.parent
        var guardCount = 0
        while let p = parent, guardCount < 20 {
            chain.append(dataset.actors[Int(p)].name)
            parent = dataset.actors[Int(p)].parent
            guardCount += 1
        }
        // The first 20 ancestors; the memoised depth says how many more there are above them.
        let above = Int(state.engine.index.actorFamilies.depths[a]) - chain.count
        if above > 0 { chain.append("… (\(above) more)") }
        if !chain.isEmpty { lines += field("Part of", chain.joined(separator: " → "), width, theme) }
        // The groups under it in file order (the family is stored depth-first); past 200, the first 200 depth-first
        // and a count, so that a huge hierarchy costs the same at every key.
        let family = state.engine.index.actorFamilies[a].dropFirst()
        var children = (family.count <= 200 ? family.sorted() : Array(family.prefix(200))).map {
            dataset.actors[Int($0)].name
        }
        if family.count > 200 { children.append("… (\(family.count - 200) more)") }
        if !children.isEmpty { lines += field("Includes", children.joined(separator: ", "), width, theme) }
        lines += field("In view", "\(state.view.actorCounts[a]) records", width, theme)
        if !actor.roles.isEmpty {
            lines.append(StyledLine("Roles", theme.title))
            for role in actor.roles {
                let period = [role.start?.readable, role.end?.readable].map { $0 ?? "…" }.joined(separator: " – ")
                lines += wrap("• \(role.title) (\(period))", width)
            }
        }
        if let summary = actor.summary {
            lines.append(StyledLine())
            lines += wrap(summary, width)
        }
        let relations = state.engine.index.relationsByActor[a]
        if !relations.isEmpty {
            lines.append(StyledLine("Relations", theme.title))
            for k in relations {
                let r = dataset.relations[Int(k)]
                let from = dataset.actorLabel(r.from), to = dataset.actorLabel(r.to)
                var text = "• \(from) \(r.kind.rawValue.replacingDashes) \(to)"
                if r.start != nil || r.end != nil {
                    text +=
                        " (" + [r.start?.readable, r.end?.readable].map { $0 ?? "…" }.joined(separator: " – ") + ")"
                }
                lines += wrap(text, width)
            }
        }
        lines.append(StyledLine())
        var sources = actor.sources
        for role in actor.roles { sources += role.sources.filter { !sources.contains($0) } }
        lines += sourceLines(sources, dataset, width, theme)
        return lines
    }

    static func regionLines(_ g: Int, _ state: AppState, _ width: Int) -> [StyledLine] {
        let theme = state.theme
        let dataset = state.dataset
        let region = dataset.regions[g]
        var lines = wrap(region.name, width, theme.title)
        var kind = "\(region.kind.rawValue), zone \(region.zone.rawValue)"
        if let iso = region.iso { kind += ", \(iso)" }
        lines += field("Kind", kind, width, theme)
        if !region.aliases.isEmpty { lines += field("Also", region.aliases.joined(separator: ", "), width, theme) }
        if let parent = region.parent { lines += field("Cut from", dataset.regions[Int(parent)].name, width, theme) }
        if let c = region.capital {
            lines += field("Capital", "\(c.name) (\(c.latitude), \(c.longitude))", width, theme)
        }
        if let activity = state.view.regions.first(where: { $0.region == Int32(g) }) {
            lines += field(
                "Activity",
                DeathCount.count(activity.incidents, "incident") + ", "
                    + DeathCount.count(activity.events, "other event") + " in view", width, theme)
            lines += field("Deaths", DeathCount.describe(activity), width, theme)
            if let first = activity.firstDay, let last = activity.lastDay {
                lines += field(
                    "Period",
                    PartialDate(day: first, precision: .day).readable + " – "
                        + PartialDate(day: last, precision: .day).readable, width, theme)
            }
            if !activity.groups.isEmpty {
                lines += field(
                    "Groups",
                    activity.groups.prefix(6).map { "\(dataset.actorLabel($0.actor)) (\($0.count))" }
                        .joined(separator: ", "), width, theme)
            }
            if !activity.perYear.isEmpty {
                lines += field(
                    "Per year", activity.perYear.map { "\($0.year): \($0.count)" }.joined(separator: ", "), width, theme
                )
            }
        }
        var sources = region.sources
        // The assessments in the view: their period overlaps the date range (and they fit the other filters).
        let all = state.engine.index.assessmentsByRegion[g]
        let inView = Set(state.view.assessments)
        let assessments = all.filter(inView.contains).map { dataset.assessments[Int($0)] }
        if assessments.count < all.count {
            let other = all.count - assessments.count
            lines += wrap(
                "\(other) assessment\(other == 1 ? "" : "s") of this region outside the view (dates or groups)",
                width, theme.dim)
        }
        if !assessments.isEmpty {
            lines.append(StyledLine("What the sources say", theme.title))
            for a in assessments {
                let period = [a.start?.readable, a.end?.readable].map { $0 ?? "…" }.joined(separator: " – ")
                var head = StyledLine()
                head.add("• \(period): ", theme.label)
                head.add("presence \(a.presence.rawValue), trend \(a.trend.rawValue) \(a.trend.arrow)")
                lines.append(head)
                if !a.groups.isEmpty {
                    lines += wrap(
                        "groups: " + a.groups.map { dataset.actorLabel($0) }.joined(separator: ", "), width, theme.dim,
                        indent: "  ")
                }
                lines += wrap(a.statement, width, .plain, indent: "  ")
                sources += a.sources.filter { !sources.contains($0) }
            }
        }
        lines.append(StyledLine())
        lines += sourceLines(sources, dataset, width, theme)
        return lines
    }
}

extension String {
    var replacingDashes: String { String(map { $0 == "-" ? " " : $0 }) }
}
