import ArgumentParser
import SitmonCore

/// The filter of a view, as command-line options.
struct FilterOptions: ParsableArguments {
    @Option(
        name: .customLong("actor"),
        help: ArgumentHelp(
            "An actor: id, short name, name or alias (repeatable; OR).",
            valueName: "actor"))
    var actors: [String] = []

    @Option(
        name: .customLong("region"),
        help: ArgumentHelp(
            "A region: id, name, ISO code or alias (repeatable; OR).",
            valueName: "region"))
    var regions: [String] = []

    @Option(help: ArgumentHelp("Records on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Records on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).", valueName: "date"))
    var until: String?

    @Option(
        name: .customLong("category"),
        help: ArgumentHelp(
            "A category such as coup, attack, protest (repeatable; OR).",
            valueName: "category"))
    var categories: [String] = []

    @Option(
        name: .customLong("min-severity"),
        help: ArgumentHelp(
            "Only records at least this severe: info, notice, warning, critical.",
            valueName: "severity"))
    var minimumSeverity: String?

    @Option(help: ArgumentHelp("Free text, matched without regard to case or accents.", valueName: "text"))
    var search: String?

    /// The filter, with every name resolved; unknown names are usage errors (64) listing the closest matches.
    func filter(for engine: QueryEngine) throws -> Filter {
        var filter = Filter()
        for name in actors {
            switch Lookup.actor(name, in: engine) {
            case .found(let a): if !filter.actors.contains(a) { filter.actors.append(a) }
            case .ambiguous(let matches):
                throw CLIError(
                    message: "\"\(name)\" names \(matches.count) actors; give one by id or full name:\n"
                        + matches.map { a in
                            let actor = engine.dataset.actors[Int(a)]
                            return "  \(actor.id): \(actor.name)" + (actor.shortName.map { " (\($0))" } ?? "")
                        }.joined(separator: "\n"), code: .usage)
            case .notFound(let suggestions):
                throw CLIError(message: "unknown actor \"\(name)\"" + Self.suggest(suggestions), code: .usage)
            }
        }
        for name in regions {
            switch Lookup.region(name, in: engine) {
            case .found(let r): if !filter.regions.contains(r) { filter.regions.append(r) }
            case .ambiguous(let matches):
                throw CLIError(
                    message: "\"\(name)\" names \(matches.count) regions: "
                        + matches.map { engine.dataset.regions[Int($0)].name }.joined(separator: ", "), code: .usage)
            case .notFound(let suggestions):
                throw CLIError(message: "unknown region \"\(name)\"" + Self.suggest(suggestions), code: .usage)
            }
        }
        filter.since = try since.map { try Self.date($0, "--since") }
        filter.until = try until.map { try Self.date($0, "--until") }
        for name in categories {
            guard let c = Category(rawValue: name.lowercased()) else {
                throw CLIError(
                    message: "unknown category \"\(name)\" (one of: \(Category.allowedValues))", code: .usage)
            }
            filter.categories.append(c)
        }
        if let minimumSeverity {
            guard let s = Severity(rawValue: minimumSeverity.lowercased()) else {
                throw CLIError(
                    message: "unknown severity \"\(minimumSeverity)\" (one of: \(Severity.allowedValues))", code: .usage
                )
            }
            filter.minimumSeverity = s
        }
        filter.text = search ?? ""
        return filter
    }

    /// A saved view's filter with these options on top: actors, regions and categories are added to its lists (OR);
    /// the dates, the minimum severity and the text replace its values when given.
    func combine(_ base: Filter, with options: Filter) -> Filter {
        var filter = base
        for a in options.actors where !filter.actors.contains(a) { filter.actors.append(a) }
        for r in options.regions where !filter.regions.contains(r) { filter.regions.append(r) }
        for c in options.categories where !filter.categories.contains(c) { filter.categories.append(c) }
        if since != nil { filter.since = options.since }
        if until != nil { filter.until = options.until }
        if minimumSeverity != nil { filter.minimumSeverity = options.minimumSeverity }
        if search != nil { filter.text = options.text }
        return filter
    }

    static func suggest(_ names: [String]) -> String {
        names.isEmpty ? "" : "; closest matches: " + names.joined(separator: ", ")
    }

    static func date(_ text: String, _ option: String) throws -> PartialDate {
        guard let date = PartialDate(iso: text) else {
            throw CLIError(
                message: "\(option): invalid date \"\(text)\" (expected YYYY, YYYY-MM or YYYY-MM-DD)", code: .usage)
        }
        return date
    }
}
