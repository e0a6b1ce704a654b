/// Maps an ACLED export onto the sitmon model (see `docs/import.md` for the table). Two passes: the rows are read
/// and checked first, keeping for each event only its latest revision (highest `timestamp`); the kept rows then
/// become records, so that a replaced revision leaves no actor, place or source behind.
struct ACLEDImporter {
    /// Column positions; optional ones may be absent from older exports.
    struct Columns {
        var id: Int, idName: String
        var date: Int, eventType: Int, actor1: Int, admin1: Int, country: Int, fatalities: Int
        var subEventType: Int?, timePrecision: Int?, actor2: Int?, assoc1: Int?, assoc2: Int?, inter1: Int?
        var inter2: Int?, civilianTargeting: Int?, iso3: Int?, location: Int?, latitude: Int?, longitude: Int?
        var source: Int?, notes: Int?, tags: Int?, timestamp: Int?

        /// The columns of a header, or the names of the required ones it lacks.
        static func find(_ context: ImportContext) -> Result<Columns, LoadError> {
            var missing: [String] = []
            func required(_ names: String...) -> Int {
                for name in names { if let k = context.columns[name] { return k } }
                missing.append(names[0])
                return -1
            }
            let id = required("event_id_cnty", "data_id", "event_id_no_cnty")
            let idName = ["event_id_cnty", "data_id", "event_id_no_cnty"].first { context.columns[$0] != nil }
                ?? "event_id_cnty"
            var c = Columns(id: id, idName: idName, date: required("event_date"), eventType: required("event_type"),
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
            return .success(c)
        }
    }

    /// A row that passed the checks, waiting for the second pass.
    struct Row {
        var csv: CSVRow
        var eventId: String
        var date: PartialDate
        var fatalities: Int
        var timestamp: Int
    }

    var context: ImportContext
    let columns: Columns
    /// Per distinct value: inter codes, and category with original type of an event type / sub-event type pair.
    var interCache: [String: ActorClassifier.InterCode?] = [:]
    var typeCache: [String: (category: Category?, original: String?)] = [:]

    init(context: ImportContext) throws(LoadError) {
        switch Columns.find(context) {
        case .success(let c): columns = c
        case .failure(let error): throw error
        }
        self.context = context
    }

    func field(_ row: CSVRow, _ column: Int?) -> String {
        guard let column, column < row.fields.count else { return "" }
        return row.fields[column]
    }

    /// Reads the rows after the header and builds the dataset.
    mutating func run(_ rows: inout CSVRows) throws(LoadError) -> (Dataset, ImportReport) {
        var kept: [Row] = []
        var slot: [String: Int] = [:]
        while let row = rows.next() {
            if row.isBlank { continue }
            context.report.rowsRead += 1
            guard let checked = try check(row) else { continue }
            if let k = slot[checked.eventId] {
                context.report.revisionsReplaced += 1
                if checked.timestamp >= kept[k].timestamp { kept[k] = checked }
            } else {
                slot[checked.eventId] = kept.count
                kept.append(checked)
            }
        }
        return build(kept)
    }

    /// The checked row, or nil when it is bad (reported; thrown in strict mode).
    mutating func check(_ row: CSVRow) throws(LoadError) -> Row? {
        if let problem = context.shapeProblem(row) {
            try context.badRow(row, problem)
            return nil
        }
        let eventId = field(row, columns.id).trimmingSpaces
        guard !eventId.isEmpty else {
            try context.badRow(row, "missing event id (\(columns.idName))")
            return nil
        }
        let dateText = field(row, columns.date)
        guard var date = ImportDate.parse(dateText) else {
            try context.badRow(row, "invalid event_date \"\(ImportText.excerpt(dateText.trimmingSpaces))\" "
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
                try context.badRow(row, "fatalities \"\(ImportText.excerpt(fatalitiesText))\" is not a whole number "
                                   + "from 0 to 2147483647")
                return nil
            }
            fatalities = n
        }
        let timestampText = field(row, columns.timestamp).trimmingSpaces
        // Unix seconds; a missing or unreadable timestamp counts as 0 (the oldest revision).
        let timestamp = Int(timestampText)
            ?? Double(timestampText).flatMap { $0.isFinite ? Int(exactly: $0.rounded(.down)) : nil } ?? 0
        return Row(csv: row, eventId: eventId, date: date, fatalities: fatalities, timestamp: timestamp)
    }

    /// A whole number from 0 to 2³¹−1, the range the dataset format allows (`12`, `12.0`).
    static func count(_ text: String) -> Int? {
        if let n = Int(text) { return n >= 0 && n <= Int(Int32.max) ? n : nil }
        if let d = Double(text), d.isFinite, d >= 0, d.rounded() == d, d <= Double(Int32.max) { return Int(d) }
        return nil
    }

    /// The second pass: records, actors, regions and sources from the kept rows.
    mutating func build(_ rows: [Row]) -> (Dataset, ImportReport) {
        let name = context.fileName
        let fileSource = Source(
            id: "src-" + ImportText.slug(name, fallback: "acled-export"), title: name, publisher: "ACLED",
            url: "https://acleddata.com", document: name,
            note: "ACLED export imported by sitmon. " + Self.licence + " " + Self.attributionReminder)
        var builder = ImportBuilder(file: context.file, fileSource: fileSource,
                                    jihadist: context.options.jihadistPatterns)
        builder.reserve(rows.count)
        var latest: PartialDate?
        for row in rows {
            append(row, to: &builder)
            if latest.map({ row.date > $0 }) ?? true { latest = row.date }
        }
        context.report.warnings += builder.warnings
        context.report.recordsImported = builder.store.count
        context.report.incidents = builder.store.kinds.reduce(0) { $0 + ($1 == .incident ? 1 : 0) }
        let info = DatasetInfo(
            id: ImportText.slug(Self.stem(name), fallback: "acled-import"), title: "ACLED export \(name)",
            description: "Imported by sitmon from the ACLED export \(name): \(context.report.recordsImported) "
                + "records (\(context.report.incidents) incidents of armed activity, "
                + "\(context.report.recordsImported - context.report.incidents) other events).",
            asOf: latest, licence: Self.licence,
            attribution: "Armed Conflict Location & Event Data (ACLED), https://acleddata.com, export \(name). "
                + Self.attributionReminder)
        return (builder.dataset(info: info), context.report)
    }

    static let licence = "ACLED terms of use: the raw rows may not be redistributed (do not share or publish this "
        + "dataset); attribution is required."
    static let attributionReminder = "Cite ACLED with a link (acleddata.com), the access date and the filters used "
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

    /// One kept row → one record.
    mutating func append(_ row: Row, to builder: inout ImportBuilder) {
        let csv = row.csv
        let line = csv.line, number = csv.number
        let inter1 = interCode(field(csv, columns.inter1))
        let inter2 = interCode(field(csv, columns.inter2))
        let eventType = field(csv, columns.eventType), subEventType = field(csv, columns.subEventType)
        let rioters = inter1 == .rioters || inter2 == .rioters
        let typeKey = eventType + "\u{1}" + subEventType + (rioters ? "\u{1}r" : "")
        let type = typeCache[typeKey] ?? {
            let value = (ACLEDEventTypes.category(eventType: eventType, subEventType: subEventType, rioters: rioters),
                         ACLEDEventTypes.originalType(eventType: eventType, subEventType: subEventType))
            typeCache[typeKey] = value
            return value
        }()
        let found = type.category
        if found == nil {
            builder.warn(line: line, row: number, "unknown event type \"\(ImportText.excerpt(eventType.trimmingSpaces))\" "
                         + "(category other)")
        }
        let category = found ?? .other

        // Actors: actor1, actor2, then the associated ones; each actor once per record, first role kept.
        var participants: [(actor: Int32, slot: Int)] = []
        func add(_ name: String, _ inter: ActorClassifier.InterCode?, slot: Int) {
            guard !name.trimmingSpaces.isEmpty else { return }
            let actor = builder.actor(name, inter: inter)
            if !participants.contains(where: { $0.actor == actor }) { participants.append((actor, slot)) }
        }
        add(field(csv, columns.actor1), inter1, slot: 1)
        add(field(csv, columns.actor2), inter2, slot: 2)
        for name in ImportText.list(field(csv, columns.assoc1)) + ImportText.list(field(csv, columns.assoc2)) {
            add(name, nil, slot: 3)
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

        let civilians = inter2 == .civilians || field(csv, columns.civilianTargeting).lowercased().contains("civilian")
        let country = field(csv, columns.country)
        let region = builder.region(admin1: field(csv, columns.admin1), country: country,
                                    iso3: columns.iso3.map { field(csv, $0) }, line: line, row: number)
        let coordinates = builder.coordinates(field(csv, columns.latitude), field(csv, columns.longitude),
                                              line: line, row: number)
        let sources = builder.citations(field(csv, columns.source),
                                        note: "A publication ACLED cites as a source (column `source`).")
        let location = field(csv, columns.location).trimmingSpaces
        let notes = field(csv, columns.notes).trimmingSpaces
        let tags = field(csv, columns.tags).trimmingSpaces
        var id = "acled-" + ImportText.idSafe(row.eventId, limit: 180)
        if !builder.isFree(id) {
            let unique = builder.uniqueId(id)
            builder.warn(line: line, row: number, "event id \"\(ImportText.excerpt(row.eventId))\" gives the id \(id), "
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
            originalType: type.original,
            note: tags.isEmpty ? nil : tags, sources: sources)
        if record.kind == .incident && record.regions.isEmpty {
            // An incident needs a region: without admin1 and country, keep it as a timeline event.
            builder.warn(line: line, row: number, "no admin1 or country: imported as an event without region")
            record.kind = .event
            record.title = record.category.rawValue + (location.isEmpty ? "" : " in \(location)")
            record.hasTitle = true
        }
        builder.append(record)
    }
}
