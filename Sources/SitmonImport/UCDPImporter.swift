import SitmonCore

/// Maps a UCDP GED export onto the sitmon model (see `docs/import.md`). Every GED event is an incident: organised
/// violence with at least one death. A file without a header row is read in the 49-column order of
/// `ImportFormat.ucdpColumns`.
struct UCDPImporter {
    struct Columns {
        var id: Int, typeOfViolence: Int, sideA: Int, sideB: Int, dateStart: Int, best: Int
        var dateEnd: Int?, datePrec: Int?, low: Int?, high: Int?, adm1: Int?, country: Int?
        var latitude: Int?, longitude: Int?, whereCoordinates: Int?, whereDescription: Int?
        var sourceArticle: Int?, sourceOffice: Int?, dyadName: Int?, conflictName: Int?
        var deathsA: Int?, deathsB: Int?, deathsCivilians: Int?, deathsUnknown: Int?
        var relid: Int?, wherePrec: Int?, adm2: Int?

        static func find(_ context: ImportContext) -> Result<Columns, LoadError> {
            var missing: [String] = []
            func required(_ name: String) -> Int {
                if let k = context.columns[name] { return k }
                missing.append(name)
                return -1
            }
            var c = Columns(
                id: required("id"), typeOfViolence: required("type_of_violence"),
                sideA: required("side_a"), sideB: required("side_b"),
                dateStart: required("date_start"), best: required("best"))
            guard missing.isEmpty else {
                return .failure(context.missingColumns(missing, format: .ucdp))
            }
            c.dateEnd = context.column("date_end")
            c.datePrec = context.column("date_prec")
            c.low = context.column("low")
            c.high = context.column("high")
            c.adm1 = context.column("adm_1")
            c.country = context.column("country")
            c.latitude = context.column("latitude")
            c.longitude = context.column("longitude")
            c.whereCoordinates = context.column("where_coordinates")
            c.whereDescription = context.column("where_description")
            c.sourceArticle = context.column("source_article")
            c.sourceOffice = context.column("source_office")
            c.dyadName = context.column("dyad_name")
            c.conflictName = context.column("conflict_name")
            c.deathsA = context.column("deaths_a")
            c.deathsB = context.column("deaths_b")
            c.deathsCivilians = context.column("deaths_civilians")
            c.deathsUnknown = context.column("deaths_unknown")
            c.relid = context.column("relid")
            c.wherePrec = context.column("where_prec")
            c.adm2 = context.column("adm_2")
            return .success(c)
        }
    }

    var context: ImportContext
    let columns: Columns
    var builder: ImportBuilder
    var latest: PartialDate?
    var seen = Set<String>()
    /// `ActorClassifier.kind(name:)` per distinct side name (it searches the name for many words).
    var kindByName: [String: ActorKind] = [:]

    init(context: ImportContext) throws(LoadError) {
        switch Columns.find(context) {
        case .success(let c): columns = c
        case .failure(let error): throw error
        }
        self.context = context
        builder = ImportBuilder(
            file: context.file, fileSource: Self.fileSource(context.fileName),
            jihadist: context.options.jihadistPatterns)
    }

    static let licence = "CC BY 4.0"
    /// The record's original type for each `type_of_violence` (1, 2, 3).
    static let violenceTypes = ["State-based conflict", "Non-state conflict", "One-sided violence"]
    /// The note of a source an export's `source_office` column names.
    static let sourceNote = "A publication UCDP GED cites as a source (column `source_office`)."
    static let citation =
        "Cite Sundberg, Ralph and Erik Melander (2013), “Introducing the UCDP Georeferenced Event "
        + "Dataset”, Journal of Peace Research 50(4), and the GED release used."

    func field(_ row: CSVRow, _ column: Int?) -> String {
        guard let column else { return "" }
        return row.field(column)
    }

    /// Reads the data rows (`first` is a data row already read, for a file without a header) and builds the dataset.
    mutating func run(_ rows: inout CSVRows, first: CSVRow?) throws(LoadError) -> (Dataset, ImportReport) {
        if let first { try read(first) }
        while let row = rows.next() {
            if row.isBlank { continue }
            try read(row)
        }
        context.report.warnings += builder.warnings
        context.report.recordsImported = builder.store.count
        context.report.incidents = builder.store.count
        return (
            builder.dataset(info: Self.info(context.fileName, report: context.report, latest: latest)), context.report
        )
    }

    /// The source standing for the export file `name`.
    static func fileSource(_ name: String) -> Source {
        Source(
            id: "src-" + ImportText.slug(name, fallback: "ucdp-export"), title: name,
            publisher: "Uppsala Conflict Data Program (UCDP)", url: "https://ucdp.uu.se", document: name,
            note: "UCDP GED export imported by sitmon. " + Self.licence + ". " + Self.citation)
    }

    /// The dataset's description of an import of `name`.
    static func info(_ name: String, report: ImportReport, latest: PartialDate?) -> DatasetInfo {
        DatasetInfo(
            id: ImportText.slug(ACLEDImporter.stem(name), fallback: "ucdp-import"), title: "UCDP GED export \(name)",
            description: "Imported by sitmon from the UCDP Georeferenced Event Dataset export \(name): "
                + "\(report.recordsImported) events of organised violence.",
            asOf: latest, licence: Self.licence,
            attribution: "UCDP Georeferenced Event Dataset (GED), Uppsala Conflict Data Program, https://ucdp.uu.se, "
                + "export \(name). " + Self.citation)
    }

    /// A whole number field: `.some(nil)` when blank, nil when not a whole number ≥ 0.
    static func number(_ text: String) -> Int?? {
        let t = text.trimmingSpaces
        if t.isEmpty { return .some(nil) }
        if let n = ACLEDImporter.count(t) { return .some(n) }
        return nil
    }

    mutating func read(_ row: CSVRow) throws(LoadError) {
        context.report.rowsRead += 1
        if let problem = context.shapeProblem(row) { return try context.badRow(row, problem) }
        let line = row.line, number = row.number
        let rawId = field(row, columns.id).trimmingSpaces
        guard !rawId.isEmpty else { return try context.badRow(row, "missing id") }
        guard !seen.contains(rawId) else {
            return try context.badRow(
                row, "duplicate id \"\(ImportText.excerpt(rawId))\" (the first row with it is kept)")
        }
        let violenceText = field(row, columns.typeOfViolence).trimmingSpaces
        guard let violence = Int(violenceText), (1...3).contains(violence) else {
            return try context.badRow(row, "type_of_violence \"\(ImportText.excerpt(violenceText))\" is not 1, 2 or 3")
        }
        let startText = field(row, columns.dateStart)
        guard let start = ImportDate.parse(startText) else {
            return try context.badRow(
                row,
                "invalid date_start \"\(ImportText.excerpt(startText.trimmingSpaces))\" "
                    + "(expected \(ImportDate.accepted), optionally with a time)")
        }
        let endText = field(row, columns.dateEnd)
        var end = start
        if !endText.trimmingSpaces.isEmpty {
            guard let e = ImportDate.parse(endText) else {
                return try context.badRow(row, "invalid date_end \"\(ImportText.excerpt(endText.trimmingSpaces))\"")
            }
            guard e >= start else { return try context.badRow(row, "date_end \(e) is before date_start \(start)") }
            end = e
        }
        var fatalities: [Int?] = []
        for (name, column) in [("best", columns.best), ("low", columns.low), ("high", columns.high)] {
            let text = field(row, column)
            guard let n = Self.number(text) else {
                return try context.badRow(
                    row,
                    "\(name) \"\(ImportText.excerpt(text.trimmingSpaces))\" is not a whole "
                        + "number from 0 to 2147483647")
            }
            fatalities.append(n)
        }
        var deaths = Fatalities(best: fatalities[0], low: fatalities[1], high: fatalities[2])
        if let problem = Self.checkRange(&deaths) { builder.warn(line: line, row: number, problem) }
        var split: [String] = []
        for (label, column) in [
            ("side A", columns.deathsA), ("side B", columns.deathsB),
            ("civilians", columns.deathsCivilians), ("unknown", columns.deathsUnknown),
        ] {
            if let n = Int(field(row, column).trimmingSpaces) { split.append("\(label) \(n)") }
        }
        if !split.isEmpty { deaths.note = "deaths: " + split.joined(separator: ", ") }

        // Dates: the date_start … date_end range as written, whatever date_prec says (date_prec is kept in the
        // record's origin).
        let date = start, endDate: PartialDate? = end == start ? nil : end

        let country = field(row, columns.country)
        if field(row, columns.adm1).trimmingSpaces.isEmpty && country.trimmingSpaces.isEmpty {
            return try context.badRow(row, "no adm_1 and no country: an incident needs a region")
        }
        seen.insert(rawId)
        guard
            let region = builder.region(
                admin1: field(row, columns.adm1), country: country, iso3: nil,
                line: line, row: number)
        else { return }

        // Actors and roles.
        let sideA = field(row, columns.sideA).trimmingSpaces, sideB = field(row, columns.sideB).trimmingSpaces
        var actors: [Participation] = []
        let a =
            sideA.isEmpty
            ? nil
            : builder.actor(sideA, inter: nil, kindHint: Self.kindHint(kind(sideA), violence, sideA: true))
        let b =
            sideB.isEmpty
            ? nil
            : builder.actor(sideB, inter: nil, kindHint: Self.kindHint(kind(sideB), violence, sideA: false))
        func isJihadist(_ actor: Int32?) -> Bool {
            actor.map { builder.actors[Int($0)].kind == .jihadistGroup } ?? false
        }
        let aPerpetrates = violence == 3 || isJihadist(a)
        let bPerpetrates = violence != 3 && isJihadist(b)
        if let a {
            actors.append(
                Participation(
                    actor: a,
                    role: aPerpetrates
                        ? RecordStore.perpetratorRole
                        : (bPerpetrates ? "target" : "actor")))
        }
        if let b, b != a {
            actors.append(
                Participation(
                    actor: b,
                    role: bPerpetrates
                        ? RecordStore.perpetratorRole
                        : (aPerpetrates ? "target" : "actor")))
        }

        let coordinates = builder.coordinates(
            field(row, columns.latitude), field(row, columns.longitude),
            line: line, row: number)
        let sources = builder.citations(
            field(row, columns.sourceOffice),
            note: Self.sourceNote)
        let dyad = field(row, columns.dyadName).trimmingSpaces
        let conflict = field(row, columns.conflictName).trimmingSpaces
        let place = field(row, columns.whereDescription).trimmingSpaces
        var summary = dyad.isEmpty ? "" : dyad
        if !conflict.isEmpty && conflict != dyad { summary += (summary.isEmpty ? "" : " ") + "(\(conflict))" }
        if !summary.isEmpty { summary += "." }
        if !place.isEmpty { summary += (summary.isEmpty ? "" : " ") + place }
        let articles = field(row, columns.sourceArticle).trimmingSpaces
        let location = field(row, columns.whereCoordinates).trimmingSpaces
        var id = "ucdp-" + ImportText.idSafe(rawId, limit: 180)
        if !builder.isFree(id) { id = builder.uniqueId(id) }
        func text(_ column: Int?) -> String? {
            let value = field(row, column).trimmingSpaces
            return value.isEmpty ? nil : value
        }
        var ids = [SourceId(scheme: "id", value: rawId)]
        if let relid = text(columns.relid) { ids.append(SourceId(scheme: "relid", value: relid)) }
        let origin = RecordOrigin(
            ids: ids, datePrecision: text(columns.datePrec).map { "date_prec " + $0 },
            geoPrecision: text(columns.wherePrec), admin1: text(columns.adm1),
            admin2: text(columns.adm2))
        let record = Record(
            kind: .incident, id: id, date: date, end: endDate,
            category: violence == 3 ? .violenceAgainstCivilians : .armedClash,
            severity: deaths.count >= 10 ? .critical : .warning, summary: summary.isEmpty ? nil : summary,
            actors: actors, regions: [region], location: location.isEmpty ? nil : location,
            latitude: coordinates?.0, longitude: coordinates?.1, fatalities: deaths,
            target: violence == 3 ? "civilians" : nil,
            originalType: Self.violenceTypes[violence - 1],
            note: articles.isEmpty ? nil : "Source articles: " + articles, sources: sources, origin: origin)
        builder.append(record)
        if latest.map({ date > $0 }) ?? true { latest = date }
    }

    /// UCDP's low ≤ best ≤ high: when it does not hold, the range is dropped and the warning returned.
    static func checkRange(_ deaths: inout Fatalities) -> String? {
        if let b = deaths.best, (deaths.low.map { $0 > b } ?? false) || (deaths.high.map { $0 < b } ?? false) {
            defer { (deaths.low, deaths.high) = (nil, nil) }
            return "fatalities low \(deaths.low ?? b) ≤ best \(b) ≤ high \(deaths.high ?? b) does not hold: "
                + "only best is kept"
        }
        if let l = deaths.low, let h = deaths.high, l > h {
            deaths.low = nil
            deaths.high = nil
            return "fatalities low \(l) is above high \(h): both dropped"
        }
        return nil
    }

    /// The kind a UCDP side suggests: governments, civilians on the receiving end of one-sided violence, rebels
    /// on side B of state-based conflict; otherwise from the name (the jihadist map still overrides).
    static func kindHint(_ name: String, _ violence: Int, sideA: Bool) -> ActorKind? {
        kindHint(ActorClassifier.kind(name: name), violence, sideA: sideA)
    }

    /// The kind a side's name suggests, found once per distinct name.
    mutating func kind(_ name: String) -> ActorKind {
        if let known = kindByName[name] { return known }
        let kind = ActorClassifier.kind(name: name)
        kindByName[name] = kind
        return kind
    }

    /// `kindHint` from the kind the name suggests.
    static func kindHint(_ byName: ActorKind, _ violence: Int, sideA: Bool) -> ActorKind? {
        if byName == .government || byName == .civilians { return byName }
        if violence == 3 && !sideA { return .civilians }
        if violence == 1 && !sideA { return byName == .other ? .rebelGroup : byName }
        return byName == .other ? nil : byName
    }
}
