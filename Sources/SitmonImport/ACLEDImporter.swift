import SitmonCore

/// Maps an ACLED export onto the sitmon model (see `docs/import.md` for the table). Two passes: the rows are read
/// and checked first, keeping for each event only its latest revision (highest `timestamp`); the kept rows then
/// become records, so that a replaced revision leaves no actor, place or source behind.
///
/// ACLED also exports a **monadic** layout, one row per actor side (no `actor2`, `assoc_actor_2`, `inter2`): the
/// rows of one event share `event_id_cnty` and `timestamp`, and are merged into one record with every side.
struct ACLEDImporter {
    /// Column positions; optional ones may be absent from older exports.
    struct Columns {
        var id: Int, idName: String
        /// The id columns present, in the order they are cited (`event_id_cnty`, `event_id_no_cnty`, `data_id`),
        /// with the header's own spelling of the name.
        var idColumns: [(name: String, column: Int)] = []
        /// One row per actor side: the header has no actor2, assoc_actor_2 (ally_actor_2) or inter2.
        var monadic = false
        var date: Int, eventType: Int, actor1: Int, admin1: Int, country: Int, fatalities: Int
        var subEventType: Int?, timePrecision: Int?, actor2: Int?, assoc1: Int?, assoc2: Int?, inter1: Int?
        var inter2: Int?, civilianTargeting: Int?, iso3: Int?, location: Int?, latitude: Int?, longitude: Int?
        var source: Int?, notes: Int?, tags: Int?, timestamp: Int?
        var admin2: Int?, admin3: Int?, geoPrecision: Int?, sourceScale: Int?

        /// The columns of a header, or the names of the required ones it lacks.
        static func find(_ context: ImportContext) -> Result<Columns, LoadError> {
            var missing: [String] = []
            func required(_ names: String...) -> Int {
                for name in names { if let k = context.columns[name] { return k } }
                missing.append(names[0])
                return -1
            }
            let id = required("event_id_cnty", "data_id", "event_id_no_cnty")
            let idName =
                ["event_id_cnty", "data_id", "event_id_no_cnty"].first { context.columns[$0] != nil }
                ?? "event_id_cnty"
            var c = Columns(
                id: id, idName: idName, date: required("event_date"), eventType: required("event_type"),
                actor1: required("actor1"), admin1: required("admin1"), country: required("country"),
                fatalities: required("fatalities"))
            guard missing.isEmpty else {
                return .failure(context.missingColumns(missing, format: .acled))
            }
            c.subEventType = context.column("sub_event_type")
            c.timePrecision = context.column("time_precision")
            c.actor2 = context.column("actor2")
            c.assoc1 = context.column("assoc_actor_1", "ally_actor_1")
            c.assoc2 = context.column("assoc_actor_2", "ally_actor_2")
            c.inter1 = context.column("inter1")
            c.inter2 = context.column("inter2")
            c.civilianTargeting = context.column("civilian_targeting")
            c.iso3 = context.column("iso3")
            c.location = context.column("location")
            c.latitude = context.column("latitude")
            c.longitude = context.column("longitude")
            c.source = context.column("source")
            c.notes = context.column("notes")
            c.tags = context.column("tags")
            c.timestamp = context.column("timestamp")
            c.admin2 = context.column("admin2")
            c.admin3 = context.column("admin3")
            c.geoPrecision = context.column("geo_precision")
            c.sourceScale = context.column("source_scale")
            c.idColumns = ["event_id_cnty", "event_id_no_cnty", "data_id"].compactMap { name in
                context.columns[name].map { (name, $0) }
            }
            c.monadic = c.actor2 == nil && c.assoc2 == nil && c.inter2 == nil
            return .success(c)
        }
    }

    /// A row that passed the checks, waiting for the second pass.
    struct Row {
        var csv: CSVRow
        /// The id the event is grouped by: `event_id_cnty`, or when it is blank `data_id` / `event_id_no_cnty`.
        var eventId: String
        var date: PartialDate
        var fatalities: Int
        var timestamp: Int
    }

    var context: ImportContext
    let columns: Columns
    /// Per distinct value: inter codes, and category with original type of an event type / sub-event type pair.
    var interCache: [String: ActorClassifier.InterCode?] = [:]
    var typeCache: [TypeKey: (category: Category?, original: String?)] = [:]
    /// An event type and sub-event type as written, and whether an actor is rioters.
    struct TypeKey: Hashable {
        var eventType: String
        var subEventType: String
        var rioters: Bool
    }

    init(context: ImportContext) throws(LoadError) {
        switch Columns.find(context) {
        case .success(let c): columns = c
        case .failure(let error): throw error
        }
        self.context = context
    }

    func field(_ row: CSVRow, _ column: Int?) -> String {
        guard let column else { return "" }
        return row.field(column)
    }

    /// Reads the rows after the header and builds the dataset. Each event keeps the rows of its latest version:
    /// one row (dyadic layout), or one per side (monadic layout, rows with the same `timestamp`).
    mutating func run(_ rows: inout CSVRows) throws(LoadError) -> (Dataset, ImportReport) {
        var kept: [[Row]] = []
        var slot: [String: Int] = [:]
        context.report.layout = columns.monadic ? .monadic : .dyadic
        // One row behind the reader, so that the last row is known to be the last (a truncated file).
        var pending: CSVRow?
        func take(_ row: CSVRow, isLast: Bool) throws(LoadError) {
            guard let checked = try check(row, isLast: isLast) else { return }
            guard let k = slot[checked.eventId] else {
                slot[checked.eventId] = kept.count
                kept.append([checked])
                return
            }
            let current = kept[k][0].timestamp
            if columns.monadic && checked.timestamp == current {
                // Another side of the same version of the event.
                kept[k].append(checked)
                context.report.rowsMerged += 1
                if kept[k].count == 2 { context.report.eventsMerged += 1 }
            } else if checked.timestamp > current || (!columns.monadic && checked.timestamp == current) {
                // A later revision (or, in the dyadic layout, the same event again): it replaces what was kept.
                context.report.revisionsReplaced += kept[k].count
                if kept[k].count > 1 {
                    context.report.rowsMerged -= kept[k].count - 1
                    context.report.eventsMerged -= 1
                }
                kept[k] = [checked]
            } else {
                context.report.revisionsReplaced += 1
            }
        }
        while let row = rows.next() {
            if row.isBlank { continue }
            context.report.rowsRead += 1
            if let previous = pending { try take(previous, isLast: false) }
            pending = row
        }
        if let last = pending { try take(last, isLast: true) }
        rows.progress?.set(.building)
        return build(kept)
    }

    /// True when the file ends without a line break or inside a quoted field: its last row may have been cut short.
    var endsMidRow: Bool {
        let text = context.input.bytes
        guard let last = text.last else { return false }
        if last != 0x0A && last != 0x0D { return true }
        var quotes = 0
        for byte in text where byte == UInt8(ascii: "\"") { quotes &+= 1 }
        return quotes % 2 == 1
    }

    /// The checked row, or nil when it is bad (reported; thrown in strict mode). The last row of a file that
    /// ends without a line break is cut short when its fields are missing, or when it ends on an open parenthesis
    /// with no fatalities: it is skipped with a warning, in any mode.
    mutating func check(_ row: CSVRow, isLast: Bool = false) throws(LoadError) -> Row? {
        let shape = context.shapeProblem(row)
        if isLast && endsMidRow && (shape != nil || looksCut(row)) {
            context.report.warnings.append(
                Diagnostic(
                    file: context.file, line: row.line, path: "row \(row.number)",
                    message: "the file ends inside this row (truncated export?): the row is skipped"))
            return nil
        }
        if let problem = shape {
            try context.badRow(row, problem)
            return nil
        }
        var eventId = field(row, columns.id).trimmingSpaces
        if eventId.isEmpty {
            // A blank event_id_cnty: the event is imported under its other id (data_id, else event_id_no_cnty).
            for name in ["data_id", "event_id_no_cnty"] {
                guard let column = context.columns[name], column != columns.id else { continue }
                let other = field(row, column).trimmingSpaces
                if !other.isEmpty { eventId = name + ":" + other; break }
            }
        }
        guard !eventId.isEmpty else {
            try context.badRow(row, "missing event id (\(columns.idColumns.map(\.name).joined(separator: ", ")))")
            return nil
        }
        let dateText = field(row, columns.date)
        guard var date = ImportDate.parse(dateText) else {
            try context.badRow(
                row,
                "invalid event_date \"\(ImportText.excerpt(dateText.trimmingSpaces))\" "
                    + "(expected \(ImportDate.accepted))")
            return nil
        }
        if Int(field(row, columns.timePrecision).trimmingSpaces) == 3 {
            date = PartialDate(year: date.year, month: date.month) ?? date
        }
        let fatalitiesText = field(row, columns.fatalities).trimmingSpaces
        var fatalities = 0
        if !fatalitiesText.isEmpty {
            guard let n = Self.count(fatalitiesText) else {
                try context.badRow(
                    row,
                    "fatalities \"\(ImportText.excerpt(fatalitiesText))\" is not a whole number "
                        + "from 0 to 2147483647")
                return nil
            }
            fatalities = n
        }
        let timestampText = field(row, columns.timestamp).trimmingSpaces
        // Unix seconds; a missing or unreadable timestamp counts as 0 (the oldest revision).
        let timestamp =
            Int(timestampText)
            ?? Double(timestampText).flatMap { $0.isFinite ? Int(exactly: $0.rounded(.down)) : nil } ?? 0
        return Row(csv: row, eventId: eventId, date: date, fatalities: fatalities, timestamp: timestamp)
    }

    /// A last row whose actor ends on an unclosed parenthesis (`Civilians (`) and whose fatalities are blank.
    func looksCut(_ row: CSVRow) -> Bool {
        guard field(row, columns.fatalities).trimmingSpaces.isEmpty else { return false }
        return [columns.actor1, columns.actor2, columns.assoc1, columns.assoc2].contains { column in
            let name = field(row, column)
            return name.filter { $0 == "(" }.count > name.filter { $0 == ")" }.count
        }
    }

    /// A whole number from 0 to 2³¹−1, the range the dataset format allows (`12`, `12.0`).
    static func count(_ text: String) -> Int? {
        if let n = Int(text) { return n >= 0 && n <= Int(Int32.max) ? n : nil }
        if let d = Double(text), d.isFinite, d >= 0, d.rounded() == d, d <= Double(Int32.max) { return Int(d) }
        return nil
    }

    /// The second pass: records, actors, regions and sources from the kept rows.
    mutating func build(_ rows: [[Row]]) -> (Dataset, ImportReport) {
        let name = context.fileName
        var builder = ImportBuilder(
            file: context.file, fileSource: Self.fileSource(name),
            jihadist: context.options.jihadistPatterns)
        builder.reserve(rows.count)
        var latest: PartialDate?
        for sides in rows {
            guard let row = sides.first else { continue }
            append(sides, to: &builder)
            if latest.map({ row.date > $0 }) ?? true { latest = row.date }
        }
        context.report.warnings += builder.warnings
        context.report.recordsImported = builder.store.count
        context.report.incidents = builder.store.kinds.reduce(0) { $0 + ($1 == .incident ? 1 : 0) }
        return (builder.dataset(info: Self.info(name, report: context.report, latest: latest)), context.report)
    }

    /// The source standing for the export file `name`.
    static func fileSource(_ name: String) -> Source {
        Source(
            id: "src-" + ImportText.slug(name, fallback: "acled-export"), title: name, publisher: "ACLED",
            url: "https://acleddata.com", document: name,
            note: "ACLED export imported by sitmon. " + Self.licence + " " + Self.attributionReminder)
    }

    /// The dataset's description of an import of `name`.
    static func info(_ name: String, report: ImportReport, latest: PartialDate?) -> DatasetInfo {
        DatasetInfo(
            id: ImportText.slug(Self.stem(name), fallback: "acled-import"), title: "ACLED export \(name)",
            description: "Imported by sitmon from the ACLED export \(name): \(report.recordsImported) "
                + "records (\(report.incidents) incidents of armed activity, "
                + "\(report.recordsImported - report.incidents) other events).",
            asOf: latest, licence: Self.licence,
            attribution: "Armed Conflict Location & Event Data (ACLED), https://acleddata.com, export \(name). "
                + Self.attributionReminder)
    }

    /// The note of a source an export's `source` column names.
    static let sourceNote = "A publication ACLED cites as a source (column `source`)."

    static let licence =
        "ACLED terms of use: the raw rows may not be redistributed (do not share or publish this "
        + "dataset); attribution is required."
    static let attributionReminder =
        "Cite ACLED with a link (acleddata.com), the access date and the filters used "
        + "for the export."

    /// The file name without its extension.
    static func stem(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// An inter code, parsed once per distinct text.
    mutating func interCode(_ text: String) -> ActorClassifier.InterCode? {
        if let cached = interCache[text] { return cached }
        let code = ActorClassifier.interCode(text)
        interCache[text] = code
        return code
    }

    /// The kept rows of one event → one record: one row in the dyadic layout; in the monadic layout one row per
    /// side, the first row's actor acting and the others' on the other side.
    mutating func append(_ sides: [Row], to builder: inout ImportBuilder) {
        guard let row = sides.first else { return }
        let csv = row.csv
        let line = csv.line, number = csv.number
        let inter1 = interCode(field(csv, columns.inter1))
        // The other side's code: inter2, or in the monadic layout the other rows' inter1.
        let otherInters =
            columns.monadic
            ? sides.dropFirst().map { interCode(field($0.csv, columns.inter1)) }
            : [interCode(field(csv, columns.inter2))]
        let eventType = field(csv, columns.eventType), subEventType = field(csv, columns.subEventType)
        let rioters = inter1 == .rioters || otherInters.contains { $0 == .rioters }
        let typeKey = TypeKey(eventType: eventType, subEventType: subEventType, rioters: rioters)
        let type =
            typeCache[typeKey]
            ?? {
                let value = (
                    ACLEDEventTypes.category(eventType: eventType, subEventType: subEventType, rioters: rioters),
                    ACLEDEventTypes.originalType(eventType: eventType, subEventType: subEventType)
                )
                typeCache[typeKey] = value
                return value
            }()
        let found = type.category
        if found == nil {
            builder.warn(
                line: line, row: number,
                "unknown event type \"\(ImportText.excerpt(eventType.trimmingSpaces))\" "
                    + "(category other)")
        }
        let category = found ?? .other

        // Actors: actor1, actor2 (or the other rows' actor1), then the associated ones; each actor once per
        // record, first role kept.
        var participants: [(actor: Int32, slot: Int)] = []
        var participating = Set<Int32>()  // linear in actors per row
        func add(_ name: String, _ inter: ActorClassifier.InterCode?, slot: Int) {
            guard !name.trimmingSpaces.isEmpty else { return }
            let actor = builder.actor(name, inter: inter)
            if participating.insert(actor).inserted { participants.append((actor, slot)) }
        }
        add(field(csv, columns.actor1), inter1, slot: 1)
        if columns.monadic {
            for (side, inter) in zip(sides.dropFirst(), otherInters) {
                add(field(side.csv, columns.actor1), inter, slot: 2)
            }
            for side in sides {
                for name in ImportText.list(field(side.csv, columns.assoc1)) { add(name, nil, slot: 3) }
            }
        } else {
            add(field(csv, columns.actor2), otherInters.first ?? nil, slot: 2)
            for name in ImportText.list(field(csv, columns.assoc1)) + ImportText.list(field(csv, columns.assoc2)) {
                add(name, nil, slot: 3)
            }
        }
        let jihadist = participants.contains { builder.actors[Int($0.actor)].kind == .jihadistGroup }
        let kind: RecordKind = category.isViolent || jihadist ? .incident : .event
        let actors = participants.map { p -> Participation in
            let role: String
            switch p.slot {
            case 1: role = kind == .incident ? RecordStore.perpetratorRole : "actor"
            case 2: role = kind == .incident ? "target" : "actor"
            default: role = "associated"
            }
            return Participation(actor: p.actor, role: role)
        }

        let civilians =
            otherInters.contains { $0 == .civilians }
            || sides.contains { field($0.csv, columns.civilianTargeting).lowercased().contains("civilian") }
        let country = field(csv, columns.country)
        let admin1 = field(csv, columns.admin1)
        let region = builder.region(
            admin1: admin1, country: country,
            iso3: columns.iso3.map { field(csv, $0) }, line: line, row: number)
        let latitudeText = field(csv, columns.latitude), longitudeText = field(csv, columns.longitude)
        let coordinates = builder.coordinates(latitudeText, longitudeText, line: line, row: number)
        var sources = builder.citations(
            field(csv, columns.source),
            note: Self.sourceNote)
        var cited = Set(sources)
        for side in sides.dropFirst() {
            for s in builder.citations(
                field(side.csv, columns.source),
                note: Self.sourceNote)
            where cited.insert(s).inserted { sources.append(s) }
        }
        let location = field(csv, columns.location).trimmingSpaces
        let notes = field(csv, columns.notes).trimmingSpaces
        let idText = row.eventId.split(separator: ":", maxSplits: 1).last.map(String.init) ?? row.eventId
        var id = "acled-" + ImportText.idSafe(idText, limit: 180)
        if !builder.isFree(id) {
            let unique = builder.uniqueId(id)
            builder.warn(
                line: line, row: number,
                "event id \"\(ImportText.excerpt(idText))\" gives the id \(id), "
                    + "already taken: imported as \(unique)")
            id = unique
        }
        var title = ""
        if kind == .event {
            let what = subEventType.trimmingSpaces.isEmpty ? eventType.trimmingSpaces : subEventType.trimmingSpaces
            let place = location.isEmpty ? region.map { builder.regions[Int($0)].name } : location
            title = (what.isEmpty ? "Event" : what) + (place.map { " in \($0)" } ?? "")
        }
        let severity = Severity.derived(kind: kind, category: category, fatalities: row.fatalities)
        var record = Record(
            kind: kind, id: id, date: row.date, category: category, severity: severity, title: title,
            summary: notes.isEmpty ? nil : notes, actors: actors, regions: region.map { [$0] } ?? [],
            location: location.isEmpty ? nil : location, latitude: coordinates?.0, longitude: coordinates?.1,
            fatalities: Fatalities(best: row.fatalities), target: civilians ? "civilians" : nil,
            originalType: type.original, sources: sources, origin: origin(sides))
        if record.kind == .incident && record.regions.isEmpty {
            // An incident needs a region: without admin1 and country, keep it as a timeline event.
            builder.warn(line: line, row: number, "no admin1 or country: imported as an event without region")
            record.kind = .event
            record.title = record.category.rawValue + (location.isEmpty ? "" : " in \(location)")
            record.hasTitle = true
        }
        builder.append(record)
    }

    /// What the export says about the event, verbatim: its ids (each column's distinct values across the rows of
    /// a monadic event), time precision (1 day, 2 within a week, 3 month), geo precision, admin units, source
    /// scale and tags.
    func origin(_ sides: [Row]) -> RecordOrigin {
        guard let csv = sides.first?.csv else { return RecordOrigin() }
        func text(_ column: Int?) -> String? {
            let value = field(csv, column).trimmingSpaces
            return value.isEmpty ? nil : value
        }
        var ids: [SourceId] = []
        for (name, column) in columns.idColumns {
            var values: [String] = []
            var seen = Set<String>()
            for side in sides {
                let value = field(side.csv, column).trimmingSpaces
                if !value.isEmpty && seen.insert(value).inserted { values.append(value) }
            }
            if !values.isEmpty { ids.append(SourceId(scheme: name, value: values.joined(separator: "; "))) }
        }
        var precision: String?
        if let code = text(columns.timePrecision) {
            switch Int(code) {
            case 1: precision = "day"
            case 2: precision = "week"
            case 3: precision = "month"
            default: precision = "time_precision " + code
            }
        }
        var tags: [String] = []
        var seenTags = Set<String>()
        for side in sides {
            for tag in ImportText.list(field(side.csv, columns.tags)) where seenTags.insert(tag).inserted {
                tags.append(tag)
            }
        }
        return RecordOrigin(
            ids: ids, datePrecision: precision, geoPrecision: text(columns.geoPrecision),
            admin1: text(columns.admin1), admin2: text(columns.admin2), admin3: text(columns.admin3),
            sourceScale: text(columns.sourceScale), tags: tags)
    }
}
