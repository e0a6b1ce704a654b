/// A Markdown briefing of a view, written to be pasted into a report: the view in words and its counts (each
/// agreeing with the table it summarises), what would widen an empty view, the timeline (records that began
/// before the range with their span), the regions with their main groups, what the sources say (each statement
/// once, with the regions it covers), the actors and the sources by publisher, title, date and URL.
public enum MarkdownBriefing {
    /// At most this many timeline rows; the rest is summarised (a briefing of a million rows helps no one).
    public static let timelineLimit = 500

    static func write(_ view: View, _ engine: QueryEngine) -> [UInt8] {
        let dataset = engine.dataset
        let store = dataset.records
        var out = ByteWriter()
        out.append("# Briefing: ")
        out.appendMarkdown(dataset.info.title)
        out.append("\n\n")

        // Sources are numbered in the order the briefing first cites them: the timeline, then the assessments.
        var sourceNumbers: [Int32: Int] = [:]
        var sourceOrder: [Int32] = []
        func cite(_ sources: [Int32]) -> [Int] {
            var numbers: [Int] = []
            for s in sources where s >= 0 && Int(s) < dataset.sources.count {
                if sourceNumbers[s] == nil {
                    sourceOrder.append(s)
                    sourceNumbers[s] = sourceOrder.count
                }
                if let n = sourceNumbers[s], !numbers.contains(n) { numbers.append(n) }
            }
            return numbers
        }

        let actors = view.actors.filter { view.actorCounts[Int($0)] > 0 }.sorted {
            view.actorCounts[Int($0)] != view.actorCounts[Int($1)]
                ? view.actorCounts[Int($0)] > view.actorCounts[Int($1)]
                : dataset.actors[Int($0)].name < dataset.actors[Int($1)].name
        }
        let withRecords = view.regions.filter { $0.total > 0 }.count
        out.append("- **View:** ")
        out.appendMarkdown(view.filter.describe(in: dataset))
        out.append("\n- **Data as of:** \(dataset.info.asOf?.readable ?? "unknown")\n")
        out.append("- **Records:** \(view.records.count)")
        if !view.records.isEmpty {
            out.append(" (\(counted(view.incidentCount, "incident")), \(counted(view.eventCount, "event")))")
        }
        out.append("; \(counted(view.fatalities, "fatality", "fatalities")) reported\n")
        out.append("- **Actors involved:** \(actors.count)\n")
        out.append("- **Regions:** \(view.regions.count) listed, \(withRecords) with records in this view\n")

        guard !view.records.isEmpty else {
            writeEmpty(view, engine, &out)
            writeAssessments(view, engine, cite, &out)
            writeSources(sourceOrder, dataset, &out)
            return out.bytes
        }

        out.append("\n## Timeline\n\n")
        if view.records.count > timelineLimit {
            out.append("The first \(timelineLimit) of \(view.records.count) records, oldest first.\n\n")
        }
        // The identifiers the source gives its records (ACLED's event_id_cnty…), when the view's records have any.
        let shown = view.records.prefix(timelineLimit)
        let sourceIds = shown.contains { !(store.origin(Int($0))?.idsText ?? "").isEmpty }
        out.append(
            "| Date | Category | Severity | Title | Regions | Fatalities | Sources |"
                + (sourceIds ? " Source ids |\n" : "\n"))
        out.append("|---|---|---|---|---|---|---|" + (sourceIds ? "---|\n" : "\n"))
        for r in shown {
            let i = Int(r)
            out.append("| \(span(store, i))")
            if let time = dataset.record(i).timeText { out.append(" \(time)") }
            out.append(" | \(store.categories[i].rawValue) | \(store.severities[i].rawValue) | ")
            out.appendMarkdown(dataset.title(i))
            out.append(" | ")
            out.appendMarkdown(store.regions(i).map { dataset.regionLabel($0) }.joined(separator: ", "))
            out.append(" | \(store.fatalities(i)?.readable ?? "") | ")
            out.append(cite(Array(store.sources(i))).sorted().map(String.init).joined(separator: ", "))
            if sourceIds {
                out.append(" | ")
                out.appendMarkdown(store.origin(i)?.idsText ?? "")
            }
            out.append(" |\n")
        }
        if view.records.count > timelineLimit {
            out.append(
                "\n… and \(view.records.count - timelineLimit) more records (export CSV or JSON for all of them).\n")
        }
        // The cited list holds every source of the view's records, those beyond the table's limit too.
        for r in view.records.dropFirst(timelineLimit) { _ = cite(Array(store.sources(Int(r)))) }

        if !view.regions.isEmpty {
            out.append(
                "\n## Regions\n\n| Region | Zone | Incidents | Deaths (all records) | Trend | Main groups | Presence |\n"
            )
            out.append("|---|---|---|---|---|---|---|\n")
            for activity in view.regions {
                let region = dataset.regions[Int(activity.region)]
                out.append("| ")
                out.appendMarkdown(region.name)
                out.append(
                    " | \(region.zone.rawValue) | \(activity.incidents) | \(DeathCount.describe(activity)) | \(activity.trend.rawValue) | "
                )
                // As the Regions pane: the perpetrators of the view's incidents, else the groups the sources name.
                if activity.groups.isEmpty {
                    let named = activity.assessedGroups.prefix(3).map { dataset.actorLabel($0) }
                    out.appendMarkdown(named.joined(separator: ", "))
                    if !named.isEmpty { out.append(" (named by the sources)") }
                } else {
                    out.appendMarkdown(
                        activity.groups.prefix(3).map { dataset.actorLabel($0.actor) }.joined(separator: ", "))
                }
                out.append(" | \(activity.presence?.rawValue ?? "") |\n")
            }
        }

        writeAssessments(view, engine, cite, &out)

        if !actors.isEmpty {
            out.append("\n## Actors\n\n| Actor | Kind | Records |\n|---|---|---|\n")
            for a in actors {
                let actor = dataset.actors[Int(a)]
                out.append("| ")
                out.appendMarkdown(actor.name)
                if let short = actor.shortName, short != actor.name {
                    out.append(" (")
                    out.appendMarkdown(short)
                    out.append(")")
                }
                out.append(" | \(actor.kind.label) | \(view.actorCounts[Int(a)]) |\n")
            }
        }
        writeSources(sourceOrder, dataset, &out)
        return out.bytes
    }

    /// `1 incident`, `2 incidents`, `0 fatalities`.
    static func counted(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        "\(n.formatted(grouping: true)) " + (n == 1 ? one : many ?? one + "s")
    }

    /// A record's date, with its end when it has one: `Dec 2019 – Oct 2020`, so a record that began before the
    /// range shows why it is in it.
    static func span(_ store: RecordStore, _ i: Int) -> String {
        let start = store.date(i)
        guard let end = store.end(i), end.readable != start.readable else { return start.readable }
        return start.readable + " – " + end.readable
    }

    /// An empty view says so, and what taking away each part of its filter would show.
    static func writeEmpty(_ view: View, _ engine: QueryEngine, _ out: inout ByteWriter) {
        let filter = view.filter
        let dataset = engine.dataset
        out.append("\nNo record matches this view.")
        guard !filter.isEmpty else {
            out.append(" The dataset holds no dated record.\n")
            return
        }
        out.append(" Taking away one part of the filter would show:\n\n")
        func without(_ what: String, _ change: (inout Filter) -> Void) {
            var wider = filter
            change(&wider)
            let count = engine.compute(wider).records.count
            out.append("- without ")
            out.appendMarkdown(what)
            out.append(": \(counted(count, "record"))\n")
        }
        for a in filter.actors {
            without("the actor " + dataset.actorLabel(a)) { $0.actors.removeAll { $0 == a } }
        }
        for r in filter.regions {
            without("the region " + dataset.regionLabel(r)) { $0.regions.removeAll { $0 == r } }
        }
        if filter.since != nil || filter.until != nil {
            var dates = "the dates"
            if let first = engine.index.firstDay, let last = engine.index.lastDay {
                dates +=
                    " (the data runs from " + PartialDate(day: first, precision: .year).readable + " to "
                    + PartialDate(day: last, precision: .year).readable + ")"
            }
            without(dates) {
                $0.since = nil
                $0.until = nil
            }
        }
        if !filter.categories.isEmpty { without("the categories") { $0.categories = [] } }
        if filter.minimumSeverity != nil { without("the minimum severity") { $0.minimumSeverity = nil } }
        if !filter.text.trimmingSpaces.isEmpty {
            without("the text “" + filter.text.trimmingSpaces + "”") { $0.text = "" }
        }
        out.append("- with no filter at all: \(counted(dataset.records.count, "record"))\n")
    }

    /// What the sources say about the regions listed: each statement once, with the regions it is about.
    static func writeAssessments(
        _ view: View, _ engine: QueryEngine, _ cite: ([Int32]) -> [Int],
        _ out: inout ByteWriter
    ) {
        let dataset = engine.dataset
        var statements: [String] = []
        var byStatement: [String: [Assessment]] = [:]
        let listed = Set(view.regions.map(\.region))
        for k in view.assessments where listed.contains(dataset.assessments[Int(k)].region) {
            let a = dataset.assessments[Int(k)]
            if byStatement[a.statement] == nil { statements.append(a.statement) }
            byStatement[a.statement, default: []].append(a)
        }
        guard !statements.isEmpty else { return }
        out.append("\n## What the sources say\n\n")
        for statement in statements {
            let group = byStatement[statement] ?? []
            guard let first = group.first else { continue }
            var regions: [String] = []
            for a in group where !regions.contains(dataset.regionLabel(a.region)) {
                regions.append(dataset.regionLabel(a.region))
            }
            out.append("- **")
            out.appendMarkdown(regions.joined(separator: ", "))
            out.append("**")
            var details: [String] = []
            if first.start != nil || first.end != nil {
                let from = first.start?.readable ?? "…", to = first.end?.readable ?? "…"
                details.append(from == to ? from : from + " – " + to)
            }
            details.append("presence: \(first.presence.rawValue)")
            if first.trend != .unknown { details.append("trend: \(first.trend.rawValue)") }
            out.append(" (")
            out.appendMarkdown(details.joined(separator: "; "))
            out.append("): ")
            out.appendMarkdown(statement)
            let numbers = cite(group.flatMap(\.sources)).sorted()
            if !numbers.isEmpty {
                out.append(
                    " Source\(numbers.count == 1 ? "" : "s") " + numbers.map(String.init).joined(separator: ", ") + ".")
            }
            out.append("\n")
        }
    }

    /// The sources cited, numbered as the tables cite them: publisher, title, authors, date, URL (as a link that
    /// survives copying). Never a file name: a source known only by a document is given by title and date.
    static func writeSources(_ sources: [Int32], _ dataset: Dataset, _ out: inout ByteWriter) {
        out.append("\n## Sources\n\n")
        if sources.isEmpty {
            out.append("None: nothing in this view cites a source.\n")
            return
        }
        for (k, s) in sources.enumerated() {
            let source = dataset.sources[Int(s)]
            out.append("\(k + 1). ")
            out.appendMarkdown(source.reference)
            if let url = source.url, let link = link(url) {
                out.append(", ")
                out.append(link)
            }
            out.append("\n")
        }
    }

    /// A web address as a Markdown autolink, `<https://…>`, whose text is copied whole: nothing is escaped inside
    /// it (no `\_`); bytes that could end or break the link (spaces, `<`, `>`, quotes, backslashes, controls,
    /// anything not ASCII) are percent-encoded. Nil for anything but http and https.
    static func link(_ url: String) -> String? {
        let trimmed = url.trimmingSpaces
        let lower = trimmed.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        var encoded = "<"
        let hex = Array("0123456789ABCDEF")
        for byte in trimmed.utf8 {
            let safe = byte > 0x20 && byte < 0x7F && !"<>\"`\\|{}^".utf8.contains(byte)
            if safe {
                encoded.append(Character(Unicode.Scalar(byte)))
            } else {
                encoded.append("%")
                encoded.append(hex[Int(byte >> 4)])
                encoded.append(hex[Int(byte & 0x0F)])
            }
        }
        return encoded + ">"
    }
}
